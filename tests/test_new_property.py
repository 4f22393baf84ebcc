"""A property added to the ontology needs no change in code (issue 9).

A copy of ``ontology/zhkg.ttl`` declares one more object property,
``kgo:competesWith`` (Organization -> Organization, labelled in zh and en),
and a copy of ``ontology/shapes.ttl`` lists it where the shapes list the
relations. A Relation with the new property — given directly, and emitted by a
tiny extractor plugin registered here — then gives triples with provenance,
SHACL conformance, a Turtle that loads back, counts in the build summary and
an edge in the viewer with the ontology's labels and a style of its own. The
cue that would find the property in text belongs to a rule pack (not here).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg import extractors as registry
from kg.errors import KGError
from kg.export.html import write_html
from kg.export.turtle import to_turtle
from kg.extractors.base import FunctionExtractor, new
from kg.model import Lit
from kg.pipeline import Builder
from kg.rdf.iri import KGO_IRI, entity_iri
from kg.rdf.ontology import load
from kg.rdf.reader import census, read
from kg.rdf.writer import build_graph
from kg.resolve import resolve
from kg.resources import ontology_file
from kg.types import Document, Extraction, Mention, Parsed, Relation, Sentence

NEW = "competesWith"
NEW_PROPERTY = f"""
kgo:{NEW}
    a owl:ObjectProperty ;
    rdfs:label "competes with"@en , "竞争"@zh-Hans ;
    rdfs:comment "X competes with Y in a market (a made-up property of the tests)."@en ;
    schema:domainIncludes kgo:Organization ;
    schema:rangeIncludes kgo:Organization ;
    rdfs:isDefinedBy <https://w3id.org/zhkg/ontology> .
"""
#: where ontology/shapes.ttl lists the relations (… kgo:affiliatedWith, kgo:locatedIn), the new one is listed too
SHAPE_LIST = re.compile(r"kgo:affiliatedWith(\s*,\s*|\s+)kgo:locatedIn")
A, B = "天娱数科", "华为"
SENTENCE = "天娱数科与华为在数字人市场展开竞争。"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("onto")
    onto = folder / "zhkg.ttl"
    onto.write_text(ontology_file("zhkg.ttl").read_text(encoding="utf-8") + NEW_PROPERTY, encoding="utf-8")
    shapes, n = SHAPE_LIST.subn(lambda m: f"{m.group(0)}{m.group(1)}kgo:{NEW}",
                                ontology_file("shapes.ttl").read_text(encoding="utf-8"))
    assert n >= 5  # the relation shapes' targets, the provenance constraint, a statement's predicate
    (folder / "shapes.ttl").write_text(shapes, encoding="utf-8")
    return onto, folder / "shapes.ttl"


def extraction() -> Extraction:
    doc = Document(SENTENCE, id="d1")
    sentences = (Sentence(0, 0, SENTENCE, SENTENCE),)
    mentions = (Mention(A, A, "Organization", 0, 0, 4, "org"), Mention(B, B, "Organization", 0, 5, 7, "org"))
    return Extraction(Parsed(doc, "Hans", None, sentences), mentions,
                      (Relation(A, NEW, B, 0, "test.competes", 0.7),))


@pytest.fixture(scope="module")
def graph(files: tuple[Path, Path]) -> Graph:
    return build_graph([extraction()], ontology=load(files[0]))


def test_the_ontology_derives_the_new_property(files: tuple[Path, Path]) -> None:
    onto = load(files[0])
    assert NEW in onto.relations and NEW in onto.object_properties
    assert onto.signatures[NEW] == (frozenset({"Organization"}), frozenset({"Organization"}))
    assert onto.label(NEW) == ("竞争", "competes with")
    assert NEW not in load().object_properties  # zhkg's own ontology is untouched


def test_the_default_ontology_refuses_it() -> None:
    with pytest.raises(KGError, match=NEW):
        resolve([extraction()])


def test_triples_and_provenance(graph: Graph) -> None:
    s, p, o = URIRef(entity_iri(A)), URIRef(KGO_IRI + NEW), URIRef(entity_iri(B))
    assert (s, p, o) in graph
    (st,) = graph.subjects(RDF.predicate, p)
    assert (st, RDF.subject, s) in graph and (st, RDF.object, o) in graph
    assert (st, URIRef(KGO_IRI + "rule"), Literal("test.competes")) in graph
    assert (st, URIRef(KGO_IRI + "evidence"), Literal(SENTENCE, lang="zh-Hans")) in graph


def test_the_model_says_it_plainly(files: tuple[Path, Path]) -> None:
    model = resolve([extraction()], ontology=load(files[0]))
    (st,) = model.statements
    assert (st.fact.predicate, st.confidence, st.evidence) == (NEW, Lit("0.70", datatype="decimal"),
                                                               (Lit(SENTENCE, "zh-Hans"),))


def test_shapes_copy_conforms(files: tuple[Path, Path], graph: Graph) -> None:
    from tools import require_module

    pyshacl = require_module("pyshacl")
    shapes = Graph().parse(files[1], format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=False)
    assert conforms, text


def test_turtle_loads_back(graph: Graph) -> None:
    assert isomorphic(Graph().parse(data=to_turtle(graph), format="turtle"), graph)


def test_reader_and_viewer(files: tuple[Path, Path], graph: Graph, tmp_path: Path) -> None:
    onto = load(files[0])
    edges = [e for e in read(graph, onto).edges if e.p == NEW]
    assert len(edges) == 1 and edges[0].statements[0].rule == "test.competes"
    assert census(graph, onto).relations[NEW] == 1
    page = tmp_path / "graph.html"
    write_html(graph, page, ontology=files[0])
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page.read_text("utf-8"), re.S)
    data = json.loads(m.group(1))
    (prop,) = [p for p in data["props"] if p["name"] == NEW]
    assert (prop["zh"], prop["en"], prop["n"], prop["sym"]) == ("竞争", "competes with", 1, False)
    assert re.fullmatch(r"#[0-9a-f]{6}", prop["color"])
    index = data["props"].index(prop)
    assert any(e["p"] == index and e.get("e") for e in data["edges"])


def _competes(ex: Extraction, res) -> Extraction:
    """A plugin that emits the new property between two organisations of a sentence that says 竞争."""
    orgs = [m for m in ex.mentions if m.cls == "Organization"]
    out = []
    for s in ex.parsed.sentences:
        here = sorted({m.key for m in orgs if m.sentence == s.index})
        if "竞争" in s.norm and len(here) >= 2:
            out.append(Relation(here[0], NEW, here[1], s.index, "test.competes", 0.7))
    return new(ex, relations=tuple(out))


def test_a_plugin_emits_it_through_the_builder(files: tuple[Path, Path]) -> None:
    registry.register("test_competes", FunctionExtractor("test_competes", ("mentions",), ("relations",), _competes))
    names = [n for n in registry.DEFAULT if n != "cooccurrence"]
    builder = Builder(extractors=[*names, "test_competes", "cooccurrence"], ontology=files[0])
    text = "天娱数科副总经理贺晗表示，天娱数科与工业和信息化部下属机构合作。天娱数科与华为公司在数字人市场展开竞争。"
    g = builder.graph([Document(text, id="plugin")])
    found = list(g.triples((None, URIRef(KGO_IRI + NEW), None)))
    assert found, sorted({str(o) for o in g.objects(None, RDF.type)})
    assert census(g, builder.ontology).relations[NEW] == len(found)


def test_a_rule_pack_cue_gives_it_through_the_command(files: tuple[Path, Path], tmp_path: Path) -> None:
    """The whole way with no code change: a copy of the ontology (--ontology) and a rule pack of one
    rule with one cue (--rules) make `kg build` emit the property; its Turtle conforms to the shapes
    copy, and its page draws the edge with the ontology's labels."""
    from tools import kg, require_module

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "relations.toml").write_text(f"""
[[rule]]
id = "{NEW}.compete"
property = "{NEW}"
cues = ["竞争"]
pattern = '(?P<S>{{O}})与(?P<O>{{O}}){{G}}竞争'
confidence = 0.7
""", encoding="utf-8")
    (tmp_path / "text.txt").write_text("天娱数科与华为公司激烈竞争。", encoding="utf-8")
    out = tmp_path / "out"
    proc = kg("build", tmp_path / "text.txt", "--ontology", files[0], "--rules", rules, "-o", out)
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(out / "graph.ttl", format="turtle")
    found = [(str(s), str(o)) for s, o in g.subject_objects(URIRef(KGO_IRI + NEW))]
    assert found == [(entity_iri(A), entity_iri(B))], found
    statements = list(g.subjects(RDF.predicate, URIRef(KGO_IRI + NEW)))
    assert len(statements) == 1
    assert (statements[0], URIRef(KGO_IRI + "rule"), None) in g
    pyshacl = require_module("pyshacl")
    conforms, _, text = pyshacl.validate(g, shacl_graph=Graph().parse(files[1], format="turtle"),
                                         inference="none", allow_warnings=False)
    assert conforms, text
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                  (out / "graph.html").read_text("utf-8"), re.S)
    (prop,) = [p for p in json.loads(m.group(1))["props"] if p["name"] == NEW]
    assert (prop["zh"], prop["en"], prop["n"]) == ("竞争", "competes with", 1)
