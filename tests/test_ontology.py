"""The ontology (ontology/zhkg.ttl) and the SHACL shapes (ontology/shapes.ttl).

zhkg.ttl must declare exactly the terms of ``kg.rdf.vocab.KGO``, so that a term used in Python is
always documented and a documented term is always usable. The shapes are tested on a small
hand-written graph that conforms, and on broken copies of it that must not.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node
from tools import missing, require_module

from kg.rdf.ontology import load as load_ontology
from kg.rdf.vocab import KGO, KGO_IRI, KGR_IRI, SCHEMA
from kg.resources import ontology_file

#: the relations zhkg writes (hasPart, partOf's inverse, is only declared)
RELATIONS = tuple(p for p in load_ontology().relations if p != "hasPart")
SYMMETRIC = load_ontology().symmetric

ONTOLOGY_IRI = URIRef("https://w3id.org/zhkg/ontology")
KGR = Namespace(KGR_IRI)
FILES = ("zhkg.ttl", "shapes.ttl")


# --- optional tools: skipped on a laptop, required in CI (tests/tools.py) ---------------


def require_program(name: str, package: str) -> str:
    """The path of a command-line tool, or skip/fail as :func:`tools.missing` says."""
    path = shutil.which(name)
    if path is None:
        missing(f"program {name} is not available (apt-get install {package})")
    return path


# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """zhkg.ttl, loaded through the installed package as users load it."""
    return Graph().parse(ontology_file("zhkg.ttl"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    """shapes.ttl, loaded through the installed package."""
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def kgo_names() -> set[str]:
    """The names of the closed namespace KGO, from its annotations (what ``KGO.x`` accepts)."""
    names = set(KGO.__annotations__)
    assert names == {str(term).removeprefix(KGO_IRI) for term in dir(KGO)}
    return names


# --- the term set -----------------------------------------------------------------------

DECLARATION_TYPES = (
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.SymmetricProperty,
    OWL.TransitiveProperty,
    OWL.FunctionalProperty,
    RDF.Property,
)

CLASSES = ("Concept", "Technology", "Sector", "Product", "Person", "Organization", "Place",
           "Statistic", "Claim", "Document")
OBJECT_PROPERTIES = (*RELATIONS, "hasPart", "about", "speaker", "region", "denominator")
DATATYPE_PROPERTIES = ("metric", "value", "unit", "unitText", "year", "qualifier", "isTarget",
                       "text", "evidence", "confidence", "rule", "weight")
ANNOTATION_PROPERTIES = ("entityClass", "jiebaTag", "jiebaFreq")
KINDS: list[tuple[str, URIRef]] = [
    *((name, OWL.Class) for name in CLASSES),
    *((name, OWL.ObjectProperty) for name in OBJECT_PROPERTIES),
    *((name, OWL.DatatypeProperty) for name in DATATYPE_PROPERTIES),
    *((name, OWL.AnnotationProperty) for name in ANNOTATION_PROPERTIES),
]


def declared_terms(graph: Graph) -> set[str]:
    """Local names of the kgo IRIs that the graph declares as a class or property."""
    return {
        str(s).removeprefix(KGO_IRI)
        for kind in DECLARATION_TYPES
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(KGO_IRI)
    }


def test_vocab_terms_are_declared(ontology: Graph) -> None:
    """Every term of the closed namespace in kg/rdf/vocab.py is declared in zhkg.ttl (a typo in Python
    fails). The converse is not asked: a property added to the ontology needs no change in Python
    (issue 9); code that handles properties by name builds ``KGO_IRI + name`` from the ontology's lists."""
    declared, python = declared_terms(ontology), kgo_names()
    assert python <= declared, f"only in vocab.py: {python - declared}"


@pytest.mark.parametrize("name", FILES)
def test_every_kgo_iri_used_is_a_term(name: str, ontology: Graph) -> None:
    """A kgo IRI anywhere in the files (a typo in a shape, say) must be a term declared in zhkg.ttl."""
    graph = Graph().parse(ontology_file(name), format="turtle")
    used = {
        str(node).removeprefix(KGO_IRI)
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(KGO_IRI)
    }
    assert used <= declared_terms(ontology), used - declared_terms(ontology)


def test_the_kinds_cover_the_vocab() -> None:
    """The table of kinds below lists every term once."""
    names = [name for name, _ in KINDS]
    assert sorted(names) == sorted(kgo_names())


@pytest.mark.parametrize(("name", "kind"), KINDS, ids=[name for name, _ in KINDS])
def test_term_kind(ontology: Graph, name: str, kind: URIRef) -> None:
    """Relations are object properties, literals datatype properties, lexicon keys annotations."""
    assert (KGO[name], RDF.type, kind) in ontology


@pytest.mark.parametrize("name", sorted(kgo_names()))
def test_labels_and_comment(ontology: Graph, name: str) -> None:
    """Every term is labelled in simplified Chinese and English and explained in English."""
    term = KGO[name]
    labels = {(lit.language or "").lower(): lit for lit in ontology.objects(term, RDFS.label)}
    assert set(labels) == {"zh-hans", "en"}, labels
    assert re.search(r"[\u4e00-\u9fff]", labels["zh-hans"])
    comments = {(lit.language or "").lower() for lit in ontology.objects(term, RDFS.comment)}
    assert "en" in comments
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology


def test_ontology_header(ontology: Graph) -> None:
    """The ontology IRI carries a title, a version and a description."""
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert ontology.value(ONTOLOGY_IRI, RDFS.comment) is not None


@pytest.mark.parametrize("name", FILES)
def test_no_rdfs_domain_or_range(name: str) -> None:
    """rdfs:domain/rdfs:range would make a reasoner retype entities: the SPEC forbids them."""
    graph = Graph().parse(ontology_file(name), format="turtle")
    assert not list(graph.triples((None, RDFS.domain, None)))
    assert not list(graph.triples((None, RDFS.range, None)))


@pytest.mark.parametrize("name", [*OBJECT_PROPERTIES, *DATATYPE_PROPERTIES, *ANNOTATION_PROPERTIES])
def test_domain_and_range_includes(ontology: Graph, name: str) -> None:
    """Each property says what it links, with schema:domainIncludes and schema:rangeIncludes."""
    assert ontology.value(KGO[name], SCHEMA.domainIncludes) is not None
    assert ontology.value(KGO[name], SCHEMA.rangeIncludes) is not None


SUPERCLASSES: list[tuple[str, set[URIRef]]] = [
    ("Concept", {SKOS.Concept}),
    ("Technology", {KGO.Concept}),
    ("Sector", {KGO.Concept}),
    ("Product", {SCHEMA.CreativeWork}),
    ("Person", {SCHEMA.Person}),
    ("Organization", {SCHEMA.Organization}),
    ("Place", {SCHEMA.Place}),
    ("Statistic", {SCHEMA.Observation}),
    ("Claim", {PROV.Entity}),
    ("Document", {SCHEMA.CreativeWork, PROV.Entity}),
]


@pytest.mark.parametrize(("name", "parents"), SUPERCLASSES, ids=[name for name, _ in SUPERCLASSES])
def test_subclass_of(ontology: Graph, name: str, parents: set[URIRef]) -> None:
    """The class hierarchy of the SPEC's table, no more and no less."""
    assert set(ontology.objects(KGO[name], RDFS.subClassOf)) == parents


def test_has_part_is_the_inverse_of_part_of(ontology: Graph) -> None:
    """hasPart is declared as partOf's inverse (zhkg only ever writes partOf)."""
    assert (KGO.hasPart, OWL.inverseOf, KGO.partOf) in ontology or (
        KGO.partOf, OWL.inverseOf, KGO.hasPart) in ontology
    inverses = {(s, o) for s, o in ontology.subject_objects(OWL.inverseOf)}
    assert inverses <= {(KGO.hasPart, KGO.partOf), (KGO.partOf, KGO.hasPart)}


def test_symmetric_properties(ontology: Graph) -> None:
    """Exactly integratesWith and relatedTo are symmetric, as vocab.SYMMETRIC says."""
    symmetric = {str(p).removeprefix(KGO_IRI) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == set(SYMMETRIC) == {"integratesWith", "relatedTo"}


def test_no_sub_property_of_skos(ontology: Graph) -> None:
    """SKOS inference must not turn extracted relations into thesaurus links."""
    for prop, parent in ontology.subject_objects(RDFS.subPropertyOf):
        assert not str(parent).startswith(str(SKOS)), (prop, parent)


def test_value_is_a_schema_value(ontology: Graph) -> None:
    """kgo:value specialises schema:value, and is its only sub-property link."""
    assert set(ontology.subject_objects(RDFS.subPropertyOf)) == {(KGO.value, SCHEMA.value)}


def test_unit_codes_are_documented(ontology: Graph, shapes: Graph) -> None:
    """Each unit code the shapes accept is documented in the comment of kgo:unit, and back."""
    pattern = str(shapes.value(URIRef("https://w3id.org/zhkg/shapes#StatisticUnit"), SH.pattern))
    codes = set(re.fullmatch(r"\^\((.*)\)\$", pattern).group(1).split("|")) - {"[A-Z]{3}"}
    comment = str(next(c for c in ontology.objects(KGO.unit, RDFS.comment) if c.language == "en"))
    assert set(re.findall(r"`(\w+)`", comment)) == codes
    for currency in ("CNY", "USD", "EUR", "JPY", "GBP", "HKD", "TWD"):
        assert currency in comment
    assert re.fullmatch(pattern, "CNY") and not re.fullmatch(pattern, "万亿元")


def test_value_normalisation_is_documented(ontology: Graph) -> None:
    """The SPEC's examples of normalising kgo:value are in its comment."""
    comment = " ".join(ontology.objects(KGO.value, RDFS.comment))
    for example in ("45500000000000", "18.3", "140000000000000000000", "xsd:decimal"):
        assert example in comment


def test_ontology_has_no_blank_nodes(ontology: Graph) -> None:
    """The ontology can be loaded next to zhkg's output, which has no blank nodes either."""
    assert not [t for t in ontology if any(isinstance(n, BNode) for n in t)]


# --- other parsers ----------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_pyoxigraph_reads_the_same_triples(name: str) -> None:
    """Users load the files into Oxigraph: it must parse them to the same number of triples."""
    pyoxigraph = require_module("pyoxigraph")
    path = ontology_file(name)
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(path, format="turtle"))


def _count_rapper(program: str, path: Path) -> int:
    """Triples that rapper (Raptor) parses from a Turtle file."""
    done = subprocess.run([program, "-i", "turtle", "-c", str(path)],
                          capture_output=True, text=True, check=True)
    return int(re.search(r"returned (\d+) triples?", done.stderr).group(1))


def _count_serdi(program: str, path: Path) -> int:
    """Triples that serdi (Serd) parses from a Turtle file, one N-Triples line each."""
    done = subprocess.run([program, "-i", "turtle", "-o", "ntriples", str(path)],
                          capture_output=True, text=True, check=True)
    return len([line for line in done.stdout.splitlines() if line.strip()])


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize(("program", "package"), [("rapper", "raptor2-utils"), ("serdi", "serdi")])
def test_command_line_parsers(name: str, program: str, package: str) -> None:
    """rapper and serdi are strict Turtle parsers: they catch what rdflib forgives."""
    path = ontology_file(name)
    executable = require_program(program, package)
    count = (_count_rapper if program == "rapper" else _count_serdi)(executable, path)
    assert count == len(Graph().parse(path, format="turtle"))


# --- SHACL ------------------------------------------------------------------------------

PREFIXES = f"""\
PREFIX claim:   <{KGR_IRI}claim/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX doc:     <{KGR_IRI}doc/>
PREFIX fact:    <{KGR_IRI}fact/>
PREFIX kgo:     <{KGO_IRI}>
PREFIX kgr:     <{KGR_IRI}>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema:  <https://schema.org/>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX stat:    <{KGR_IRI}stat/>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
"""

# A small graph shaped like zhkg's output, on an invented article about a made-up company.
CONFORMING = PREFIXES + """
doc:demo-001 a kgo:Document ;
    dcterms:title "人工智能赋能制造业"@zh-Hans ;
    dcterms:date "2024-03-05"^^xsd:date ;
    dcterms:publisher "示例日报"@zh-Hans ;
    dcterms:creator "林晓明"@zh-Hans ;
    dcterms:source <https://example.org/news/demo-001> ;
    schema:mentions kgr:数字经济 , kgr:算力 , kgr:人工智能 , kgr:IPv6 , kgr:制造业 ,
        kgr:云图助手 , kgr:林晓明 , kgr:星河智算 , kgr:浙江 , kgr:中国 .

kgr:数字经济 a kgo:Concept ; skos:prefLabel "数字经济"@zh-Hans ; skos:altLabel "數字經濟"@zh-Hant .
kgr:算力 a kgo:Concept ; skos:prefLabel "算力"@zh-Hans .
kgr:人工智能 a kgo:Technology ; skos:prefLabel "人工智能"@zh-Hans ; skos:altLabel "AI" .
kgr:IPv6 a kgo:Technology ; skos:prefLabel "IPv6" .
kgr:制造业 a kgo:Sector ; skos:prefLabel "制造业"@zh-Hans ; skos:altLabel "製造業"@zh-Hant .
kgr:云图助手 a kgo:Product ; skos:prefLabel "云图助手"@zh-Hans .
kgr:林晓明 a kgo:Person ; skos:prefLabel "林晓明"@zh-Hans ;
    schema:jobTitle "首席技术官"@zh-Hans ; schema:birthDate "1979"^^xsd:gYear .
kgr:星河智算 a kgo:Organization ; skos:prefLabel "星河智算"@zh-Hans .
kgr:浙江 a kgo:Place ; skos:prefLabel "浙江"@zh-Hans .
kgr:中国 a kgo:Place ; skos:prefLabel "中国"@zh-Hans .

kgr:人工智能 kgo:enables kgr:制造业 ; kgo:integratesWith kgr:制造业 .
kgr:林晓明 kgo:affiliatedWith kgr:星河智算 .
kgr:星河智算 kgo:locatedIn kgr:浙江 .
kgr:云图助手 kgo:appliedIn kgr:制造业 .
kgr:数字经济 kgo:relatedTo kgr:算力 .

fact:1111111111111111 a rdf:Statement ;
    rdf:subject kgr:人工智能 ; rdf:predicate kgo:enables ; rdf:object kgr:制造业 ;
    prov:wasDerivedFrom doc:demo-001 ;
    kgo:evidence "林晓明表示，人工智能正在赋能制造业转型升级。"@zh-Hans ;
    kgo:confidence 0.85 ; kgo:rule "relation.cue.enables" .
fact:2222222222222222 a rdf:Statement ;
    rdf:subject kgr:人工智能 ; rdf:predicate kgo:integratesWith ; rdf:object kgr:制造业 ;
    prov:wasDerivedFrom doc:demo-001 ;
    kgo:evidence "推動人工智能與製造業深度融合。"@zh-Hant ;
    kgo:confidence 0.80 ; kgo:rule "relation.cue.integratesWith" .
fact:3333333333333333 a rdf:Statement ;
    rdf:subject kgr:林晓明 ; rdf:predicate kgo:affiliatedWith ; rdf:object kgr:星河智算 ;
    prov:wasDerivedFrom doc:demo-001 ;
    kgo:evidence "林晓明现任星河智算首席技术官。"@zh-Hans ;
    kgo:confidence 0.90 ; kgo:rule "people.title" .
fact:4444444444444444 a rdf:Statement ;
    rdf:subject kgr:星河智算 ; rdf:predicate kgo:locatedIn ; rdf:object kgr:浙江 ;
    prov:wasDerivedFrom doc:demo-001 ;
    kgo:evidence "星河智算总部位于浙江杭州。"@zh-Hans ;
    kgo:confidence 0.75 ; kgo:rule "relation.cue.locatedIn" .
fact:5555555555555555 a rdf:Statement ;
    rdf:subject kgr:云图助手 ; rdf:predicate kgo:appliedIn ; rdf:object kgr:制造业 ;
    prov:wasDerivedFrom doc:demo-001 ;
    kgo:evidence "云图助手已用于制造业质检场景。"@zh-Hans ;
    kgo:confidence 0.70 ; kgo:rule "relation.cue.appliedIn" .
fact:6666666666666666 a rdf:Statement ;
    rdf:subject kgr:数字经济 ; rdf:predicate kgo:relatedTo ; rdf:object kgr:算力 ;
    prov:wasDerivedFrom doc:demo-001 ;
    kgo:evidence "数字经济与算力同为本次论坛的热门话题。"@zh-Hans , "發展數字經濟，算力先行。"@zh-Hant ;
    kgo:confidence 0.50 ; kgo:rule "cooccurrence.sentence" ; kgo:weight 2 .

stat:aaaaaaaaaaaaaaaa a kgo:Statistic ;
    rdfs:label "2023年浙江数字经济规模超过4.2万亿元"@zh-Hans ;
    kgo:metric "规模"@zh-Hans ; kgo:value 4200000000000.0 ; kgo:unit "CNY" ;
    kgo:unitText "万亿元"@zh-Hans ; kgo:qualifier "超过"@zh-Hans ;
    kgo:year "2023"^^xsd:gYear ; kgo:isTarget false ;
    kgo:about kgr:数字经济 ; kgo:region kgr:浙江 ;
    kgo:evidence "据测算，2023年浙江数字经济规模超过4.2万亿元。"@zh-Hans ;
    prov:wasDerivedFrom doc:demo-001 .
stat:bbbbbbbbbbbbbbbb a kgo:Statistic ;
    rdfs:label "制造业数字化占数字经济比重为35.6%"@zh-Hans ;
    kgo:metric "比重"@zh-Hans ; kgo:value 35.6 ; kgo:unit "percent" ; kgo:unitText "%" ;
    kgo:about kgr:制造业 ; kgo:denominator kgr:数字经济 ; kgo:region kgr:中国 ;
    prov:wasDerivedFrom doc:demo-001 .
stat:cccccccccccccccc a kgo:Statistic ;
    rdfs:label "到2027年算力规模达到300 EFLOPS以上"@zh-Hans ;
    kgo:value 300000000000000000000.0 ; kgo:unit "FLOPS" ; kgo:unitText "EFLOPS" ;
    kgo:year "2027"^^xsd:gYear ; kgo:isTarget true ;
    schema:minValue 300000000000000000000.0 ;
    kgo:about kgr:算力 ;
    prov:wasDerivedFrom doc:demo-001 .

claim:dddddddddddddddd a kgo:Claim ;
    kgo:speaker kgr:林晓明 ;
    kgo:text "算力是数字经济的底座"@zh-Hans ;
    kgo:about kgr:算力 , kgr:数字经济 ;
    kgo:evidence "林晓明认为，算力是数字经济的底座。"@zh-Hans ;
    prov:wasDerivedFrom doc:demo-001 .
"""

# (id, SPARQL Update that breaks the graph, focus node or None for any, constraint component, path)
BROKEN: list[tuple[str, str, str | None, str, str | None]] = [
    ("two_pref_labels", 'INSERT DATA { kgr:算力 skos:prefLabel "计算能力"@zh-Hans }',
     "kgr:算力", "MaxCount", "skos:prefLabel"),
    ("no_pref_label", "DELETE WHERE { kgr:算力 skos:prefLabel ?l }",
     "kgr:算力", "MinCount", "skos:prefLabel"),
    ("traditional_pref_label",
     'DELETE { kgr:数字经济 skos:prefLabel ?l } INSERT { kgr:数字经济 skos:prefLabel "數字經濟"@zh-Hant }'
     " WHERE { kgr:数字经济 skos:prefLabel ?l }",
     "kgr:数字经济", "Or", "skos:prefLabel"),
    ("person_and_organization", "INSERT DATA { kgr:林晓明 a kgo:Organization }",
     "kgr:林晓明", "QualifiedMaxCount", "rdf:type"),
    ("technology_also_concept", "INSERT DATA { kgr:人工智能 a kgo:Concept }",
     "kgr:人工智能", "QualifiedMaxCount", "rdf:type"),
    ("entity_also_statistic", "INSERT DATA { kgr:浙江 a kgo:Statistic }",
     "kgr:浙江", "Or", "rdf:type"),
    ("blank_node_entity", 'INSERT DATA { _:x a kgo:Concept ; skos:prefLabel "区块链"@zh-Hans }',
     None, "NodeKind", None),
    ("statement_without_evidence", "DELETE WHERE { fact:1111111111111111 kgo:evidence ?e }",
     "fact:1111111111111111", "MinCount", "kgo:evidence"),
    ("statement_with_four_evidences",
     'INSERT DATA { fact:6666666666666666 kgo:evidence "一"@zh-Hans , "二"@zh-Hans }',
     "fact:6666666666666666", "MaxCount", "kgo:evidence"),
    ("untagged_evidence",
     'DELETE { fact:1111111111111111 kgo:evidence ?e } INSERT { fact:1111111111111111 kgo:evidence'
     ' "人工智能赋能制造业。" } WHERE { fact:1111111111111111 kgo:evidence ?e }',
     "fact:1111111111111111", "Datatype", "kgo:evidence"),
    ("confidence_1_5",
     "DELETE { fact:1111111111111111 kgo:confidence ?c } INSERT { fact:1111111111111111 kgo:confidence 1.5 }"
     " WHERE { fact:1111111111111111 kgo:confidence ?c }",
     "fact:1111111111111111", "MaxInclusive", "kgo:confidence"),
    ("confidence_negative",
     "DELETE { fact:1111111111111111 kgo:confidence ?c } INSERT { fact:1111111111111111 kgo:confidence"
     ' "-0.1"^^xsd:decimal }'
     " WHERE { fact:1111111111111111 kgo:confidence ?c }",
     "fact:1111111111111111", "MinInclusive", "kgo:confidence"),
    ("confidence_as_double",
     "DELETE { fact:1111111111111111 kgo:confidence ?c } INSERT { fact:1111111111111111 kgo:confidence"
     ' "0.85"^^xsd:double } WHERE { fact:1111111111111111 kgo:confidence ?c }',
     "fact:1111111111111111", "Datatype", "kgo:confidence"),
    ("two_confidences", "INSERT DATA { fact:1111111111111111 kgo:confidence 0.50 }",
     "fact:1111111111111111", "MaxCount", "kgo:confidence"),
    ("statement_without_rule", "DELETE WHERE { fact:1111111111111111 kgo:rule ?r }",
     "fact:1111111111111111", "MinCount", "kgo:rule"),
    ("statement_without_document", "DELETE WHERE { fact:1111111111111111 prov:wasDerivedFrom ?d }",
     "fact:1111111111111111", "MinCount", "prov:wasDerivedFrom"),
    ("statement_from_organization", "INSERT DATA { fact:1111111111111111 prov:wasDerivedFrom kgr:星河智算 }",
     "fact:1111111111111111", "Class", "prov:wasDerivedFrom"),
    ("statement_about_a_label",
     "DELETE { fact:4444444444444444 rdf:predicate ?p } INSERT { fact:4444444444444444 rdf:predicate"
     " skos:prefLabel } WHERE { fact:4444444444444444 rdf:predicate ?p }",
     "fact:4444444444444444", "In", "rdf:predicate"),
    ("statement_with_two_objects", "INSERT DATA { fact:4444444444444444 rdf:object kgr:中国 }",
     "fact:4444444444444444", "MaxCount", "rdf:object"),
    ("related_to_without_weight", "DELETE WHERE { fact:6666666666666666 kgo:weight ?w }",
     "fact:6666666666666666", "Or", None),
    ("weight_zero",
     "DELETE { fact:6666666666666666 kgo:weight ?w } INSERT { fact:6666666666666666 kgo:weight 0 }"
     " WHERE { fact:6666666666666666 kgo:weight ?w }",
     "fact:6666666666666666", "MinInclusive", "kgo:weight"),
    ("statement_of_a_missing_triple", "DELETE DATA { kgr:人工智能 kgo:enables kgr:制造业 }",
     "fact:1111111111111111", "SPARQL", None),
    ("relation_without_statement", "INSERT DATA { kgr:算力 kgo:enables kgr:制造业 }",
     "kgr:算力", "SPARQL", "kgo:enables"),
    ("symmetric_with_larger_subject",
     "DELETE DATA { kgr:数字经济 kgo:relatedTo kgr:算力 . fact:6666666666666666 rdf:subject kgr:数字经济 ;"
     " rdf:object kgr:算力 } ; INSERT DATA { kgr:算力 kgo:relatedTo kgr:数字经济 ."
     " fact:6666666666666666 rdf:subject kgr:算力 ; rdf:object kgr:数字经济 }",
     "kgr:算力", "SPARQL", "kgo:relatedTo"),
    ("relation_to_untyped_node",
     "INSERT DATA { kgr:人工智能 kgo:enables kgr:未知 . fact:7777777777777777 a rdf:Statement ;"
     " rdf:subject kgr:人工智能 ; rdf:predicate kgo:enables ; rdf:object kgr:未知 ;"
     ' prov:wasDerivedFrom doc:demo-001 ; kgo:evidence "人工智能赋能未知。"@zh-Hans ;'
     ' kgo:confidence 0.60 ; kgo:rule "relation.cue.enables" }',
     "kgr:未知", "QualifiedMinCount", "rdf:type"),
    ("affiliated_with_a_place",
     "DELETE DATA { kgr:林晓明 kgo:affiliatedWith kgr:星河智算 ."
     " fact:3333333333333333 rdf:object kgr:星河智算 } ;"
     " INSERT DATA { kgr:林晓明 kgo:affiliatedWith kgr:浙江 . fact:3333333333333333 rdf:object kgr:浙江 }",
     "kgr:林晓明", "Class", "kgo:affiliatedWith"),
    ("claim_speaker_is_an_organization",
     "DELETE DATA { claim:dddddddddddddddd kgo:speaker kgr:林晓明 } ;"
     " INSERT DATA { claim:dddddddddddddddd kgo:speaker kgr:星河智算 }",
     "claim:dddddddddddddddd", "Class", "kgo:speaker"),
    ("claim_with_two_speakers", "INSERT DATA { claim:dddddddddddddddd kgo:speaker kgr:林晓明 , kgr:中国 }",
     "claim:dddddddddddddddd", "MaxCount", "kgo:speaker"),
    ("claim_without_text", "DELETE WHERE { claim:dddddddddddddddd kgo:text ?t }",
     "claim:dddddddddddddddd", "MinCount", "kgo:text"),
    ("claim_without_evidence", "DELETE WHERE { claim:dddddddddddddddd kgo:evidence ?e }",
     "claim:dddddddddddddddd", "MinCount", "kgo:evidence"),
    ("claim_without_document", "DELETE WHERE { claim:dddddddddddddddd prov:wasDerivedFrom ?d }",
     "claim:dddddddddddddddd", "MinCount", "prov:wasDerivedFrom"),
    ("statistic_integer_value",
     "DELETE { stat:aaaaaaaaaaaaaaaa kgo:value ?v } INSERT { stat:aaaaaaaaaaaaaaaa kgo:value 4200000000000 }"
     " WHERE { stat:aaaaaaaaaaaaaaaa kgo:value ?v }",
     "stat:aaaaaaaaaaaaaaaa", "Datatype", "kgo:value"),
    ("statistic_two_values", "INSERT DATA { stat:aaaaaaaaaaaaaaaa kgo:value 4.2 }",
     "stat:aaaaaaaaaaaaaaaa", "MaxCount", "kgo:value"),
    ("statistic_unit_as_written",
     'DELETE { stat:aaaaaaaaaaaaaaaa kgo:unit ?u } INSERT { stat:aaaaaaaaaaaaaaaa kgo:unit "万亿元" }'
     " WHERE { stat:aaaaaaaaaaaaaaaa kgo:unit ?u }",
     "stat:aaaaaaaaaaaaaaaa", "Pattern", "kgo:unit"),
    ("statistic_value_without_unit", "DELETE WHERE { stat:aaaaaaaaaaaaaaaa kgo:unit ?u }",
     "stat:aaaaaaaaaaaaaaaa", "Or", None),
    ("statistic_year_as_integer",
     "DELETE { stat:aaaaaaaaaaaaaaaa kgo:year ?y } INSERT { stat:aaaaaaaaaaaaaaaa kgo:year 2023 }"
     " WHERE { stat:aaaaaaaaaaaaaaaa kgo:year ?y }",
     "stat:aaaaaaaaaaaaaaaa", "Datatype", "kgo:year"),
    ("statistic_is_target_as_string",
     'DELETE { stat:aaaaaaaaaaaaaaaa kgo:isTarget ?t } INSERT { stat:aaaaaaaaaaaaaaaa kgo:isTarget "否" }'
     " WHERE { stat:aaaaaaaaaaaaaaaa kgo:isTarget ?t }",
     "stat:aaaaaaaaaaaaaaaa", "Datatype", "kgo:isTarget"),
    ("statistic_without_label", "DELETE WHERE { stat:bbbbbbbbbbbbbbbb rdfs:label ?l }",
     "stat:bbbbbbbbbbbbbbbb", "MinCount", "rdfs:label"),
    ("statistic_without_document", "DELETE WHERE { stat:bbbbbbbbbbbbbbbb prov:wasDerivedFrom ?d }",
     "stat:bbbbbbbbbbbbbbbb", "MinCount", "prov:wasDerivedFrom"),
    ("statistic_region_is_an_organization", "INSERT DATA { stat:bbbbbbbbbbbbbbbb kgo:region kgr:星河智算 }",
     "stat:bbbbbbbbbbbbbbbb", "Class", "kgo:region"),
    ("birth_date_as_date",
     "DELETE { kgr:林晓明 schema:birthDate ?d } INSERT { kgr:林晓明 schema:birthDate"
     ' "1979-01-01"^^xsd:date } WHERE { kgr:林晓明 schema:birthDate ?d }',
     "kgr:林晓明", "Datatype", "schema:birthDate"),
    ("document_date_as_string",
     'DELETE { doc:demo-001 dcterms:date ?d } INSERT { doc:demo-001 dcterms:date "2024-03-05" }'
     " WHERE { doc:demo-001 dcterms:date ?d }",
     "doc:demo-001", "Datatype", "dcterms:date"),
]


@pytest.fixture(scope="module")
def pyshacl() -> ModuleType:
    """pyshacl, required in CI (see :func:`require_module`)."""
    return require_module("pyshacl")


def conforming_graph() -> Graph:
    """A fresh copy of the hand-written conforming graph, to break one way per test."""
    return Graph().parse(data=CONFORMING, format="turtle")


def expand(graph: Graph, curie: str | None) -> Node | None:
    """A prefixed name of the test graph as an IRI (None stays None)."""
    return None if curie is None else graph.namespace_manager.expand_curie(curie)


def validation_results(pyshacl: ModuleType, data: Graph, shapes: Graph,
                       ontology: Graph | None = None) -> tuple[bool, Graph, str]:
    """Validate without inference, as the shapes file asks."""
    return pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                            allow_warnings=False)


def test_conforming_graph_conforms(pyshacl: ModuleType, shapes: Graph) -> None:
    """The hand-written graph satisfies every shape, and the shapes graph is valid SHACL."""
    conforms, _, text = pyshacl.validate(conforming_graph(), shacl_graph=shapes, inference="none",
                                         meta_shacl=True)
    assert conforms, text


def test_conforming_graph_with_the_ontology_merged(pyshacl: ModuleType, shapes: Graph,
                                                    ontology: Graph) -> None:
    """Loading the ontology next to a graph (as a triple store would) breaks no shape."""
    conforms, _, text = validation_results(pyshacl, conforming_graph(), shapes, ontology)
    assert conforms, text


@pytest.mark.parametrize(("update", "focus", "component", "path"),
                         [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_broken_graph_is_rejected(pyshacl: ModuleType, shapes: Graph, update: str, focus: str | None,
                                  component: str, path: str | None) -> None:
    """Each broken copy fails, and for the reason the table gives."""
    data = conforming_graph()
    data.update(PREFIXES + update)
    assert set(data) != set(conforming_graph()), "the update changed nothing"
    conforms, report, text = validation_results(pyshacl, data, shapes)
    assert not conforms
    want_focus, want_path = expand(data, focus), expand(data, path)
    want_component = SH[f"{component}ConstraintComponent"]
    found = [
        result
        for result in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(result, SH.sourceConstraintComponent) == want_component
        and (want_focus is None or report.value(result, SH.focusNode) == want_focus)
        and (want_path is None or report.value(result, SH.resultPath) == want_path)
    ]
    assert found, text


def test_broken_cases_have_unique_ids() -> None:
    """Duplicate ids would make pytest silently rename a case."""
    ids = [case[0] for case in BROKEN]
    assert len(ids) == len(set(ids))



# --------------------------------------------------------------------------- lists derived from the ontology


def test_entity_classes_are_the_specs() -> None:
    """kg.rdf.ontology derives the entity classes (the range of kgo:about with its subclasses); they are the
    seven of the SPEC, in its tie-break order, which kg.types.ENTITY_CLASSES also states for the extractors."""
    from kg.types import ENTITY_CLASSES

    onto = load_ontology()
    assert onto.entity_classes == ENTITY_CLASSES == (
        "Person", "Organization", "Place", "Product", "Technology", "Sector", "Concept")
    assert set(onto.node_classes) == set(CLASSES)


def test_relations_and_their_signatures() -> None:
    onto = load_ontology()
    assert RELATIONS == ("partOf", "isA", "integratesWith", "enables", "requires", "constrains", "appliedIn",
                         "relatedTo", "affiliatedWith", "locatedIn")
    assert set(onto.object_properties) == set(OBJECT_PROPERTIES)
    assert onto.inverse == {"partOf": "hasPart", "hasPart": "partOf"}
    assert onto.signatures["appliedIn"] == (frozenset({"Technology", "Product", "Concept", "Sector"}),
                                            frozenset({"Sector", "Concept", "Technology"}))


def test_every_reader_takes_its_lists_from_the_ontology() -> None:
    from kg import evaluate
    from kg.export.html import classes

    onto = load_ontology()
    assert evaluate.SYMMETRIC == onto.symmetric
    assert evaluate.PROPERTIES == onto.object_properties
    assert evaluate.CLASSES == onto.node_classes
    assert evaluate.INVERSE == {"partOf": onto.inverse["partOf"]}
    assert classes() == CLASSES  # the viewer's legend: the file's order
