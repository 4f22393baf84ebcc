"""The graph's shape (``kg.graph``, SPEC "Ontology", "Provenance" and "IRIs").

Two kinds of input: small hand-made :class:`~kg.types.Extraction` values,
which pin what ``build_graph`` writes for exactly the facts given, and
``kg.build`` of short texts of our own, which check the same promises end to
end. Expected values come from the SPEC and from what the sentences state.

The checkers at the top (:func:`provenance_problems`, :func:`entity_problems`,
:func:`literal_problems`) are also used by ``test_seed.py`` and
``test_shapes.py``.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import opencc
import pytest
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD
from tools import graph_iris, iri_problems

import kg
from kg.rdf.iri import entity_iri
from kg.rdf.vocab import KGO, SCHEMA
from kg.rdf.writer import build_graph
from kg.types import (
    Attribute,
    Claim,
    Document,
    Extraction,
    Mention,
    Parsed,
    Relation,
    Sentence,
    Statistic,
)

KGR = "https://w3id.org/zhkg/resource/"
ENTITY_CLASSES = [KGO.Person, KGO.Organization, KGO.Place, KGO.Product, KGO.Technology, KGO.Sector, KGO.Concept]
#: the relations between entities that carry provenance statements
RELATIONS = [KGO.partOf, KGO.isA, KGO.integratesWith, KGO.enables, KGO.requires, KGO.constrains, KGO.appliedIn,
             KGO.relatedTo, KGO.affiliatedWith, KGO.locatedIn]
SYMMETRIC = [KGO.integratesWith, KGO.relatedTo]
#: a pinyin annotation: a toned syllable in brackets, as in 網(wǎng)
PINYIN = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]")
CONFIDENCE = re.compile(r"^(0\.\d\d|1\.00)$")
DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
HASHED = re.compile(r"^" + re.escape(KGR) + r"(fact|stat|claim)/[0-9a-f]{16}$")


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    return _t2s().convert(text)


def r(name: str) -> URIRef:
    """The entity IRI of a canonical label as the SPEC writes it (the label needs no encoding)."""
    return URIRef(KGR + name)


# --------------------------------------------------------------------------- checkers


def statements_of(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> list[URIRef]:
    return sorted(st for st in graph.subjects(RDF.subject, s)
                  if (st, RDF.predicate, p) in graph and (st, RDF.object, o) in graph)


def evidence_problems(where: str, evidence: Literal) -> list[str]:
    text = str(evidence)
    problems = []
    if not isinstance(evidence, Literal):
        return [f"{where}: evidence {evidence!r} is not a literal"]
    if HAN.search(text) and evidence.language not in ("zh-Hans", "zh-Hant"):
        problems.append(f"{where}: evidence {text!r} tagged {evidence.language!r}, not zh-Hans/zh-Hant")
    if PINYIN.search(text):
        problems.append(f"{where}: evidence {text!r} keeps a pinyin annotation")
    if "\ufffd" in text or "辟R" in text:
        problems.append(f"{where}: evidence {text!r} keeps mis-decoded text")
    if not text.strip():
        problems.append(f"{where}: empty evidence")
    return problems


def statement_problems(graph: Graph, st: URIRef, p: URIRef) -> list[str]:
    where = f"<{st}> ({p.n3(graph.namespace_manager)})"
    problems = []
    if not HASHED.match(str(st)) or not str(st).startswith(KGR + "fact/"):
        problems.append(f"{where}: not a kgr:fact/<16 hex> IRI")
    if (st, RDF.type, RDF.Statement) not in graph:
        problems.append(f"{where}: not typed rdf:Statement")
    docs = list(graph.objects(st, PROV.wasDerivedFrom))
    if len(docs) != 1 or (docs[0], RDF.type, KGO.Document) not in graph:
        problems.append(f"{where}: prov:wasDerivedFrom {docs}, not one kgo:Document")
    evidence = list(graph.objects(st, KGO.evidence))
    if not evidence:
        problems.append(f"{where}: no kgo:evidence")
    for ev in evidence:
        problems += evidence_problems(where, ev)
    conf = list(graph.objects(st, KGO.confidence))
    if len(conf) != 1:
        problems.append(f"{where}: {len(conf)} kgo:confidence values")
    for c in conf:
        if not (isinstance(c, Literal) and c.datatype == XSD.decimal and CONFIDENCE.match(str(c))):
            problems.append(f"{where}: confidence {c!r} is not an xsd:decimal in [0, 1] with two places")
    rules = list(graph.objects(st, KGO.rule))
    if len(rules) != 1 or not str(rules[0]).strip():
        problems.append(f"{where}: kgo:rule {rules}, not one rule id")
    weights = list(graph.objects(st, KGO.weight))
    if p == KGO.relatedTo:
        if len(weights) != 1 or weights[0].datatype != XSD.integer or int(weights[0]) < 1:
            problems.append(f"{where}: kgo:weight {weights}, not one positive xsd:integer")
        if len(evidence) > 3:
            problems.append(f"{where}: {len(evidence)} evidence sentences, more than 3")
    return problems


def provenance_problems(graph: Graph) -> list[str]:
    """Every relation triple has a well-formed statement, and every statement its triple."""
    problems = []
    for p in RELATIONS:
        for s, o in graph.subject_objects(p):
            stmts = statements_of(graph, s, p, o)
            if not stmts:
                problems.append(f"{s} {p} {o}: no provenance statement")
            for st in stmts:
                problems += statement_problems(graph, st, p)
    for st in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        if triple not in graph:
            problems.append(f"{st}: its triple {triple} is not in the graph")
    return problems


def entities(graph: Graph) -> set[URIRef]:
    return {s for c in ENTITY_CLASSES for s in graph.subjects(RDF.type, c)}


def entity_problems(graph: Graph) -> list[str]:
    """One prefLabel and exactly one of the seven classes per entity; symmetric triples written once."""
    problems = []
    for e in sorted(entities(graph)):
        classes = [c for c in graph.objects(e, RDF.type) if str(c).startswith(str(KGO))]
        if len(classes) != 1:
            problems.append(f"{e}: kgo classes {classes}")
        prefs = list(graph.objects(e, SKOS.prefLabel))
        if len(prefs) != 1:
            problems.append(f"{e}: {len(prefs)} skos:prefLabel")
        if not isinstance(e, URIRef) or not str(e).startswith(KGR):
            problems.append(f"{e}: not a kgr: IRI")
    for p in SYMMETRIC:
        for s, o in graph.subject_objects(p):
            if str(s) > str(o):
                problems.append(f"{s} {p} {o}: the larger IRI is the subject")
    return problems


def literal_problems(graph: Graph) -> list[str]:
    """Labels tagged by script (Latin-only: no tag), decimals without exponent, no blank nodes."""
    problems = []
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            problems.append(f"blank node in {s} {p} {o}")
        if not isinstance(o, Literal):
            continue
        text = str(o)
        if PINYIN.search(text) or "辟R" in text:
            problems.append(f"{s} {p}: {text!r} keeps an annotation or mis-decoding")
        if p in (SKOS.prefLabel, SKOS.altLabel) and o.language is not None and o.language.startswith("zh"):
            if not HAN.search(text):
                problems.append(f"{s} {p}: Latin-only {text!r} tagged @{o.language}")
            elif o.language == "zh-Hans" and simplified(text) != text:
                problems.append(f"{s} {p}: {text!r} is traditional script but tagged @zh-Hans")
            elif o.language == "zh-Hant" and simplified(text) == text:
                problems.append(f"{s} {p}: {text!r} is simplified script but tagged @zh-Hant")
        elif p in (SKOS.prefLabel, SKOS.altLabel) and o.language is None and HAN.search(text):
            problems.append(f"{s} {p}: Chinese {text!r} without a language tag")
        if o.datatype == XSD.decimal and not DECIMAL.match(text):
            problems.append(f"{s} {p}: decimal {text!r} is not a plain xsd:decimal")
    return problems


def all_problems(graph: Graph) -> list[str]:
    return provenance_problems(graph) + entity_problems(graph) + literal_problems(graph)


def iri_rule_problems(graph: Graph) -> list[str]:
    """Every IRI keeps the SPEC's encoding rule, checked by ``tools.iri_problems`` (written apart from kg.rdf.iri)."""
    return [p for iri in sorted(graph_iris(graph)) for p in iri_problems(iri)]


# --------------------------------------------------------------------------- hand-made extractions


def extraction(
    doc_id: str,
    texts: Sequence[str],
    *,
    mentions: Iterable[Mention] = (),
    relations: Iterable[Relation] = (),
    statistics: Iterable[Statistic] = (),
    claims: Iterable[Claim] = (),
    attributes: Iterable[Attribute] = (),
    **meta: str,
) -> Extraction:
    """An Extraction of a document whose sentences are ``texts`` (one a paragraph)."""
    script = "Hant" if any(simplified(t) != t for t in texts) else "Hans"
    doc = Document("\n".join(texts), id=doc_id, **meta)
    sentences = tuple(Sentence(i, i, t, simplified(t)) for i, t in enumerate(texts))
    return Extraction(Parsed(doc, script, None, sentences), tuple(mentions), tuple(relations), tuple(statistics),
                      tuple(claims), tuple(attributes))


def mention(key: str, sentence: int = 0, cls: str = "Concept", surface: str | None = None, rule: str = "lexicon",
            lexical: bool = False) -> Mention:
    surface = surface or key
    return Mention(key, surface, cls, sentence, 0, len(surface), rule, lexical=lexical)


def rel(s: str, p: str, o: str, sentence: int = 0, confidence: float = 0.8, rule: str = "test.rule") -> Relation:
    return Relation(s, p, o, sentence, rule, confidence)


def test_relation_triples_carry_provenance() -> None:
    texts = ["数字产业化是数字经济的组成部分。", "算力推动人工智能发展。", "人工智能离不开数据。"]
    ex = extraction(
        "d1", texts,
        mentions=[mention("数字产业化", 0), mention("数字经济", 0), mention("算力", 1), mention("人工智能", 1),
                  mention("人工智能", 2), mention("数据", 2)],
        relations=[rel("数字产业化", "partOf", "数字经济", 0, 0.9, "test.partOf"),
                   rel("算力", "enables", "人工智能", 1, 0.75, "test.enables"),
                   rel("人工智能", "requires", "数据", 2, 0.856, "test.requires")],
    )
    g = build_graph([ex])
    assert all_problems(g) == []
    expected = [(r("数字产业化"), KGO.partOf, r("数字经济"), texts[0], "0.90", "test.partOf"),
                (r("算力"), KGO.enables, r("人工智能"), texts[1], "0.75", "test.enables"),
                (r("人工智能"), KGO.requires, r("数据"), texts[2], "0.86", "test.requires")]
    for s, p, o, sentence, conf, rule in expected:
        assert (s, p, o) in g
        (st,) = statements_of(g, s, p, o)
        assert g.value(st, PROV.wasDerivedFrom) == URIRef(KGR + "doc/d1")
        assert set(g.objects(st, KGO.evidence)) == {Literal(sentence, lang="zh-Hans")}
        assert g.value(st, KGO.confidence) == Literal(conf, datatype=XSD.decimal)
        assert str(g.value(st, KGO.confidence)) == conf
        assert g.value(st, KGO.rule) == Literal(rule)


def test_one_statement_per_document_sentence_and_rule() -> None:
    """The same fact from two sentences, two rules and two documents: one statement for each."""
    texts = ["算力推动人工智能发展。", "算力促进人工智能进步。"]
    ms = [mention("算力", i) for i in (0, 1)] + [mention("人工智能", i) for i in (0, 1)]
    a = extraction("a", texts, mentions=ms, relations=[rel("算力", "enables", "人工智能", 0, rule="x.one"),
                                                      rel("算力", "enables", "人工智能", 1, rule="x.one"),
                                                      rel("算力", "enables", "人工智能", 1, rule="x.two")])
    b = extraction("b", texts[:1], mentions=ms[::2], relations=[rel("算力", "enables", "人工智能", 0, rule="x.one")])
    g = build_graph([a, b])
    stmts = statements_of(g, r("算力"), KGO.enables, r("人工智能"))
    found = sorted((str(g.value(st, PROV.wasDerivedFrom)).rsplit("/", 1)[1], str(g.value(st, KGO.evidence)),
                    str(g.value(st, KGO.rule))) for st in stmts)
    assert found == sorted([("a", texts[0], "x.one"), ("a", texts[1], "x.one"), ("a", texts[1], "x.two"),
                            ("b", texts[0], "x.one")])
    assert len(set(stmts)) == 4
    assert all_problems(g) == []


def test_confidence_is_clamped_to_two_places() -> None:
    ms = [mention("算力"), mention("人工智能")]
    for value, text in [(0.0, "0.00"), (1.0, "1.00"), (0.333333, "0.33"), (0.999, "1.00"), (1.5, "1.00")]:
        g = build_graph([extraction("d", ["算力推动人工智能。"], mentions=ms,
                                    relations=[rel("算力", "enables", "人工智能", confidence=value)])])
        (st,) = statements_of(g, r("算力"), KGO.enables, r("人工智能"))
        assert str(g.value(st, KGO.confidence)) == text


@pytest.mark.parametrize("predicate", ["integratesWith", "relatedTo"])
@pytest.mark.parametrize("order", ["smaller_first", "larger_first", "both"])
def test_symmetric_triple_written_once_smaller_iri_first(predicate: str, order: str) -> None:
    small, large = sorted(["实体经济", "数字经济"], key=lambda k: entity_iri(k))
    pairs = {"smaller_first": [(small, large)], "larger_first": [(large, small)],
             "both": [(small, large), (large, small)]}[order]
    ex = extraction("d", ["数字经济与实体经济深度融合。"], mentions=[mention(small), mention(large)],
                    relations=[rel(s, predicate, o) for s, o in pairs])
    g = build_graph([ex])
    p = KGO[predicate]
    assert list(g.subject_objects(p)) == [(r(small), r(large))]
    assert len(statements_of(g, r(small), p, r(large))) == 1
    assert statements_of(g, r(large), p, r(small)) == []
    assert all_problems(g) == []


def test_related_to_weight_and_evidence() -> None:
    """Weight: the pair's co-occurrences in that document; at most three evidence sentences."""
    five = [f"第{n}句里数据和算力同时出现。" for n in "一二三四五"]
    a = extraction("a", five, mentions=[mention(k, i) for i in range(5) for k in ("数据", "算力")],
                   relations=[rel("数据", "relatedTo", "算力", i, 0.3, "cooccurrence.sentence") for i in range(5)])
    b = extraction("b", five[:2], mentions=[mention(k, i) for i in range(2) for k in ("数据", "算力")],
                   relations=[rel("算力", "relatedTo", "数据", i, 0.3, "cooccurrence.sentence") for i in range(2)])
    g = build_graph([a, b])
    s, o = sorted([r("数据"), r("算力")], key=str)
    assert list(g.subject_objects(KGO.relatedTo)) == [(s, o)]
    stmts = statements_of(g, s, KGO.relatedTo, o)
    by_doc = {str(g.value(st, PROV.wasDerivedFrom)).rsplit("/", 1)[1]: st for st in stmts}
    assert sorted(by_doc) == ["a", "b"]
    assert g.value(by_doc["a"], KGO.weight) == Literal(5, datatype=XSD.integer)
    assert g.value(by_doc["b"], KGO.weight) == Literal(2, datatype=XSD.integer)
    evidence_a = {str(e) for e in g.objects(by_doc["a"], KGO.evidence)}
    assert len(evidence_a) == 3 and evidence_a <= set(five)
    assert {str(e) for e in g.objects(by_doc["b"], KGO.evidence)} == set(five[:2])
    assert all_problems(g) == []


def test_related_to_is_only_a_fallback() -> None:
    """A pair that a specific relation links gets no relatedTo as well."""
    ex = extraction("d", ["算力推动人工智能。"], mentions=[mention("算力"), mention("人工智能")],
                    relations=[rel("算力", "enables", "人工智能"), rel("算力", "relatedTo", "人工智能", 0, 0.3)])
    g = build_graph([ex])
    assert (r("算力"), KGO.enables, r("人工智能")) in g
    assert list(g.subject_objects(KGO.relatedTo)) == []
    assert list(g.subjects(RDF.predicate, KGO.relatedTo)) == []


def test_each_property_is_written_with_its_own_name() -> None:
    """Every relation of the SPEC, from a hand-made extraction, becomes that kgo: property."""
    names = ["partOf", "isA", "integratesWith", "enables", "requires", "constrains", "appliedIn", "relatedTo",
             "affiliatedWith", "locatedIn"]
    ex = extraction("d", [f"句子{i}。" for i in range(len(names))],
                    mentions=[mention(f"甲{i}", i) for i in range(len(names))]
                    + [mention(f"乙{i}", i) for i in range(len(names))],
                    relations=[rel(f"甲{i}", p, f"乙{i}", i) for i, p in enumerate(names)])
    g = build_graph([ex])
    for i, p in enumerate(names):
        s, o = r(f"甲{i}"), r(f"乙{i}")
        assert (s, KGO[p], o) in g or (p in ("integratesWith", "relatedTo") and (o, KGO[p], s) in g), p
    assert KGO.hasPart not in set(g.predicates())
    assert all_problems(g) == []


def votes(*classes: str, lexical: str | None = None) -> list[tuple[str, bool]]:
    """One non-lexicon mention per class named, then one lexicon mention of class ``lexical``."""
    return [(c, False) for c in classes] + ([(lexical, True)] if lexical else [])


# mentions as (class, found through the lexicon), the lexicon's class, the class the entity gets
CLASS_CASES = [
    pytest.param(votes("Organization", "Organization", "Place"), None, "Organization", id="majority"),
    pytest.param(votes("Concept", "Concept", "Person"), None, "Concept", id="majority_against_spec_order"),
    pytest.param(votes("Organization", "Person"), None, "Person", id="tie_person_before_organization"),
    pytest.param(votes("Place", "Organization"), None, "Organization", id="tie_organization_before_place"),
    pytest.param(votes("Product", "Place"), None, "Place", id="tie_place_before_product"),
    pytest.param(votes("Technology", "Product"), None, "Product", id="tie_product_before_technology"),
    pytest.param(votes("Sector", "Technology"), None, "Technology", id="tie_technology_before_sector"),
    pytest.param(votes("Concept", "Sector"), None, "Sector", id="tie_sector_before_concept"),
    pytest.param(votes("Concept", "Technology", "Sector"), None, "Technology", id="three_way_tie"),
    pytest.param(votes("Organization", "Organization", lexical="Concept"), "Technology", "Technology",
                 id="lexicon_class_beats_majority"),
    pytest.param(votes("Organization", "Organization"), "Technology", "Technology",
                 id="lexicon_class_without_a_lexicon_mention"),
]


@pytest.mark.parametrize(("mentions", "lexicon_class", "expected"), CLASS_CASES)
def test_class_resolution_is_independent_of_input_order(mentions: list[tuple[str, bool]],
                                                         lexicon_class: str | None, expected: str) -> None:
    """Each mention in a document of its own; every order of the documents and of their ids gives one class."""
    lexicon = {"星河": lexicon_class} if lexicon_class else {}
    seen = set()
    for order in itertools.permutations(range(len(mentions))):
        exs = [extraction(f"d{rank}", ["星河在这里。"],
                          mentions=[mention("星河", cls=mentions[i][0], lexical=mentions[i][1])])
               for rank, i in enumerate(order)]
        for listed in (exs, exs[::-1]):
            g = build_graph(listed, lexicon)
            seen.add(tuple(sorted(g.objects(r("星河"), RDF.type))))
    assert seen == {(KGO[expected],)}


def test_graph_does_not_depend_on_the_order_of_extractions() -> None:
    a = extraction("a", ["算力推动人工智能。"], mentions=[mention("算力"), mention("人工智能", cls="Technology")],
                   relations=[rel("算力", "enables", "人工智能")])
    b = extraction("b", ["人工智能属于数字技术。"], mentions=[mention("人工智能", cls="Concept"), mention("数字技术")],
                   relations=[rel("人工智能", "partOf", "数字技术")])
    assert isomorphic(build_graph([a, b]), build_graph([b, a]))
    assert set(build_graph([a, b])) == set(build_graph([b, a]))


def test_labels() -> None:
    """One simplified prefLabel; traditional surface forms as altLabel @zh-Hant; Latin names untagged."""
    ex = extraction(
        "d", ["數字經濟與ChatGPT。", "数字经济和IPv6。", "5G網絡很快。"],
        mentions=[mention("数字经济", 0, surface="數字經濟"), mention("数字经济", 1),
                  mention("ChatGPT", 0, "Product", rule="latin"), mention("IPv6", 1, "Technology", rule="latin"),
                  mention("5G网络", 2, "Technology", surface="5G網絡")],
    )
    g = build_graph([ex])
    assert set(g.objects(r("数字经济"), SKOS.prefLabel)) == {Literal("数字经济", lang="zh-Hans")}
    assert set(g.objects(r("数字经济"), SKOS.altLabel)) == {Literal("數字經濟", lang="zh-Hant")}
    assert set(g.objects(r("ChatGPT"), SKOS.prefLabel)) == {Literal("ChatGPT")}
    assert set(g.objects(r("IPv6"), SKOS.prefLabel)) == {Literal("IPv6")}
    assert set(g.objects(r("5G网络"), SKOS.prefLabel)) == {Literal("5G网络", lang="zh-Hans")}
    assert set(g.objects(r("5G网络"), SKOS.altLabel)) == {Literal("5G網絡", lang="zh-Hant")}
    assert all_problems(g) == []


def test_labels_from_a_traditional_text() -> None:
    g = kg.build(["數字產業化是數字經濟的重要組成部分。ChatGPT推動了產業數字化。"])
    for label in ("数字产业化", "数字经济", "产业数字化"):
        node = r(label)
        assert set(g.objects(node, SKOS.prefLabel)) == {Literal(label, lang="zh-Hans")}
        assert Literal(_s2t(label), lang="zh-Hant") in set(g.objects(node, SKOS.altLabel))
    assert set(g.objects(r("ChatGPT"), SKOS.prefLabel)) == {Literal("ChatGPT")}
    assert all_problems(g) == []


@functools.cache
def _s2t_converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _s2t(text: str) -> str:
    return _s2t_converter().convert(text)


# (id, label, the key as written after kgr:)
ENTITY_IRIS: list[tuple[str, str, str]] = [
    ("cjk_kept", "数字经济", "数字经济"),
    ("latin_kept", "ChatGPT", "ChatGPT"),
    ("unreserved_marks_kept", "a-b_c.d~e", "a-b_c.d~e"),
    ("space_removed", "Chat GPT", "ChatGPT"),
    ("full_width_folded", "Ｃｈａｔ　ＧＰＴ", "ChatGPT"),
    ("full_width_digits", "５Ｇ网络", "5G网络"),
    ("full_width_brackets_folded_then_encoded", "工业（4.0）", "工业%284.0%29"),
    ("slash", "A/B测试", "A%2FB测试"),
    ("hash", "C#语言", "C%23语言"),
    ("question_mark", "为什么?", "为什么%3F"),
    ("percent", "100%数据", "100%25数据"),
    ("ascii_double_quote", '"数据"', "%22数据%22"),
    ("ascii_single_quote", "O'Reilly", "O%27Reilly"),
    ("square_brackets", "[数据]", "%5B数据%5D"),
    ("angle_brackets", "<数据>", "%3C数据%3E"),
    ("curly_braces", "{数据}", "%7B数据%7D"),
    ("replacement_character", "数\ufffd据", "数%EF%BF%BD据"),
    ("private_use", "数\ue000据", "数%EE%80%80据"),
    ("nfc", "Cafe\u0301", "Caf\u00e9"),
    ("ampersand_and_plus", "R&D+", "R%26D%2B"),
]


@pytest.mark.parametrize(("label", "key"), [c[1:] for c in ENTITY_IRIS], ids=[c[0] for c in ENTITY_IRIS])
def test_entity_iri(label: str, key: str) -> None:
    assert entity_iri(label) == KGR + key


@pytest.mark.parametrize(("label", "key"), [c[1:] for c in ENTITY_IRIS], ids=[c[0] for c in ENTITY_IRIS])
def test_entity_iri_in_the_graph(label: str, key: str) -> None:
    g = build_graph([extraction("d", ["句子。"], mentions=[mention(label, rule="quoted")])])
    assert set(entities(g)) == {URIRef(KGR + key)}
    assert all_problems(g) == []
    assert iri_rule_problems(g) == []


def test_document_and_node_iris() -> None:
    ex = extraction(
        "报告/2024#1", ["李明认为数据很重要。", "2021年数字经济规模达45.5万亿元。"],
        mentions=[mention("李明", 0, "Person", rule="person"), mention("数据", 0), mention("数字经济", 1)],
        statistics=[Statistic("数字经济规模达45.5万亿元", 1, "test.stat", Decimal("45.5E12"), "CNY", "万亿元", "规模",
                              "数字经济", "2021")],
        claims=[Claim("李明", "数据很重要", 0, "test.claim", ("数据",))],
        relations=[rel("李明", "relatedTo", "数据", 0, 0.3)],
    )
    g = build_graph([ex])
    doc = URIRef(KGR + "doc/报告%2F2024%231")
    assert (doc, RDF.type, KGO.Document) in g
    for cls, kind in ((KGO.Statistic, "stat"), (KGO.Claim, "claim"), (RDF.Statement, "fact")):
        nodes = list(g.subjects(RDF.type, cls))
        assert len(nodes) == 1 and re.fullmatch(re.escape(KGR) + kind + "/[0-9a-f]{16}", str(nodes[0]))
        if cls != RDF.Statement:
            assert g.value(nodes[0], PROV.wasDerivedFrom) == doc
    assert all_problems(g) == []


def test_document_without_id_gets_a_content_hash() -> None:
    g1 = kg.build(["算力推动人工智能发展。"])
    g2 = kg.build(["数据是新的生产要素。"])
    (d1,) = g1.subjects(RDF.type, KGO.Document)
    (d2,) = g2.subjects(RDF.type, KGO.Document)
    assert re.fullmatch(re.escape(KGR) + "doc/[0-9a-f]{8,}", str(d1))
    assert d1 != d2
    assert d1 == next(kg.build(["算力推动人工智能发展。"]).subjects(RDF.type, KGO.Document))


# (id, value as extracted, lexical form in the graph)
DECIMALS: list[tuple[str, Decimal, str]] = [
    ("trillions", Decimal("45.5") * Decimal(10) ** 12, "45500000000000"),
    ("exponent_form", Decimal("4.55E+13"), "45500000000000"),
    ("eflops", Decimal("140E18"), "140000000000000000000"),
    ("percent", Decimal("18.30"), "18.3"),
    ("integer", Decimal("1500"), "1500"),
    ("small", Decimal("5E-3"), "0.005"),
    ("negative", Decimal("-2.50"), "-2.5"),
    ("zero", Decimal("0E+3"), "0"),
]


@pytest.mark.parametrize(("value", "text"), [c[1:] for c in DECIMALS], ids=[c[0] for c in DECIMALS])
def test_statistic_values_are_plain_decimals(value: Decimal, text: str) -> None:
    st = Statistic("规模", 0, "test.stat", value, "CNY", metric="规模", about="数字经济", min_value=value,
                   max_value=value)
    g = build_graph([extraction("d", ["数字经济规模很大。"], mentions=[mention("数字经济")], statistics=[st])])
    (node,) = g.subjects(RDF.type, KGO.Statistic)
    for prop in (KGO.value, SCHEMA.minValue, SCHEMA.maxValue):
        lit = g.value(node, prop)
        assert (str(lit), lit.datatype) == (text, XSD.decimal)
    assert Decimal(str(g.value(node, KGO.value))) == value


def test_statistic_fields() -> None:
    st = Statistic("到2025年算力规模超过300 EFLOPS", 0, "test.stat", Decimal("300E18"), "FLOPS", "EFLOPS", "规模",
                   "算力", "2025", "中国", None, None, None, "超过", True)
    share = Statistic("数字产业化占数字经济比重为18.3%", 1, "test.share", Decimal("18.3"), "percent", "%", "比重",
                      "数字产业化", "2021", None, "数字经济")
    ex = extraction("d", ["到2025年中国算力规模超过300 EFLOPS。", "数字产业化占数字经济比重为18.3%。"],
                    mentions=[mention("算力"), mention("中国", 0, "Place"), mention("数字产业化", 1),
                              mention("数字经济", 1)],
                    statistics=[st, share])
    g = build_graph([ex])
    (target,) = [n for n in g.subjects(RDF.type, KGO.Statistic) if g.value(n, KGO.isTarget) is not None]
    assert g.value(target, KGO.value) == Literal("300000000000000000000", datatype=XSD.decimal)
    assert g.value(target, KGO.unit) == Literal("FLOPS")
    assert g.value(target, KGO.unitText) == Literal("EFLOPS")
    assert g.value(target, KGO.year) == Literal("2025", datatype=XSD.gYear)
    assert g.value(target, KGO.isTarget) == Literal(True)
    assert g.value(target, KGO.qualifier) == Literal("超过", lang="zh-Hans")
    assert g.value(target, KGO.about) == r("算力")
    assert g.value(target, KGO.region) == r("中国")
    assert g.value(target, RDFS.label) == Literal("到2025年算力规模超过300 EFLOPS", lang="zh-Hans")
    assert g.value(target, KGO.evidence) == Literal("到2025年中国算力规模超过300 EFLOPS。", lang="zh-Hans")
    (ratio,) = [n for n in g.subjects(RDF.type, KGO.Statistic) if n != target]
    assert g.value(ratio, KGO.denominator) == r("数字经济")
    assert g.value(ratio, KGO.about) == r("数字产业化")
    assert g.value(ratio, KGO.isTarget) is None
    assert all_problems(g) == []


def test_statistic_values_from_text() -> None:
    """45.5万亿 and 140 EFLOPS as the SPEC normalises them, through the whole builder."""
    g = kg.build(["2021年中国数字经济规模达45.5万亿元。我国算力总规模达到140 EFLOPS。"])
    values = {(str(g.value(n, KGO.value)), g.value(n, KGO.value).datatype, str(g.value(n, KGO.unit)))
              for n in g.subjects(RDF.type, KGO.Statistic)}
    assert ("45500000000000", XSD.decimal, "CNY") in values
    assert ("140000000000000000000", XSD.decimal, "FLOPS") in values
    assert all_problems(g) == []


def test_claims_and_people() -> None:
    ex = extraction(
        "d", ["李明是星河公司董事长，生于1975年。", "李明认为数据是关键。"],
        mentions=[mention("李明", 0, "Person", rule="person"), mention("星河公司", 0, "Organization", rule="org"),
                  mention("李明", 1, "Person", rule="person"), mention("数据", 1)],
        relations=[rel("李明", "affiliatedWith", "星河公司", 0)],
        claims=[Claim("李明", "数据是关键", 1, "test.claim", ("数据", "李明"))],
        attributes=[Attribute("李明", "birthDate", "1975", 0, "test.birth"),
                    Attribute("李明", "jobTitle", "董事长", 0, "test.title")],
    )
    g = build_graph([ex])
    person = r("李明")
    assert set(g.objects(person, RDF.type)) == {KGO.Person}
    assert g.value(person, SCHEMA.birthDate) == Literal("1975", datatype=XSD.gYear)
    assert g.value(person, SCHEMA.jobTitle) == Literal("董事长", lang="zh-Hans")
    (claim,) = g.subjects(RDF.type, KGO.Claim)
    assert g.value(claim, KGO.speaker) == person
    assert g.value(claim, KGO.text) == Literal("数据是关键", lang="zh-Hans")
    assert set(g.objects(claim, KGO.about)) == {r("数据")}, "the speaker is not what the claim is about"
    assert g.value(claim, KGO.evidence) == Literal("李明认为数据是关键。", lang="zh-Hans")
    assert g.value(claim, PROV.wasDerivedFrom) == URIRef(KGR + "doc/d")
    assert all_problems(g) == []


# --------------------------------------------------------------------------- kg.build of our own texts


def test_evidence_is_the_cleaned_sentence_in_its_script() -> None:
    """Pinyin annotations and a dropped GBK lead byte are gone from the evidence; the script stays."""
    text = "數(shù)字產(chǎn)業(yè)化是數(shù)字經(jīng)濟的重要組成部分。“數字經濟與實體經濟深度融合!壁w剛指出。"
    g = kg.build([text])
    (st,) = statements_of(g, r("数字产业化"), KGO.partOf, r("数字经济"))
    assert set(g.objects(st, KGO.evidence)) == {Literal("數字產業化是數字經濟的重要組成部分。", lang="zh-Hant")}
    (claim,) = g.subjects(RDF.type, KGO.Claim)
    assert g.value(claim, KGO.speaker) == r("赵刚")
    assert g.value(claim, KGO.evidence) == Literal("“數字經濟與實體經濟深度融合！”趙剛指出。", lang="zh-Hant")
    assert all_problems(g) == []


def test_simplified_evidence_is_tagged_zh_hans() -> None:
    g = kg.build(["数字产业化是数字经济的重要组成部分。"])
    (st,) = statements_of(g, r("数字产业化"), KGO.partOf, r("数字经济"))
    assert set(g.objects(st, KGO.evidence)) == {Literal("数字产业化是数字经济的重要组成部分。", lang="zh-Hans")}


def test_document_metadata() -> None:
    doc = Document("算力推动人工智能发展。", id="news-1", title="算力觀察", url="https://example.org/a?id=1",
                   date="2024-03-05")
    g = kg.build([doc])
    node = URIRef(KGR + "doc/news-1")
    assert g.value(node, DCTERMS.title) == Literal("算力觀察", lang="zh-Hant")
    assert g.value(node, DCTERMS.source) == URIRef("https://example.org/a?id=1")
    assert g.value(node, DCTERMS.date) == Literal("2024-03-05", datatype=XSD.date)
    assert {r("算力"), r("人工智能")} <= set(g.objects(node, SCHEMA.mentions))


def test_document_source_that_is_not_a_url_is_a_literal() -> None:
    g = kg.build([Document("算力推动人工智能发展。", id="n2", source="某某日报")])
    source = g.value(URIRef(KGR + "doc/n2"), DCTERMS.source)
    assert isinstance(source, Literal) and str(source) == "某某日报"


def test_document_without_metadata_has_none() -> None:
    g = kg.build([Document("算力推动人工智能发展。", id="n3")])
    node = URIRef(KGR + "doc/n3")
    assert [p for p in (DCTERMS.title, DCTERMS.source, DCTERMS.date, DCTERMS.creator) if g.value(node, p)] == []


OWN_TEXT = """\
数字产业化是数字经济的重要组成部分，产业数字化也属于数字经济的范畴。
人工智能与实体经济深度融合。大模型的训练离不开算力，芯片短缺制约了算力的发展。
区块链技术已在供应链金融领域得到应用。
李明是星河智算公司副总经理。“数据要素是数字经济的关键。”李明指出。
2022年中国数字经济规模达50.2万亿元。到2025年，我国算力总规模将超过300 EFLOPS。"""


def test_own_text_keeps_every_promise() -> None:
    g = kg.build([Document(OWN_TEXT, id="own", title="数字经济观察", date="2024-03-05")])
    assert all_problems(g) == []
    assert iri_rule_problems(g) == []
    expected = [(r("数字产业化"), KGO.partOf, r("数字经济")), (r("产业数字化"), KGO.partOf, r("数字经济")),
                (r("大模型"), KGO.requires, r("算力")), (r("芯片"), KGO.constrains, r("算力")),
                (r("区块链"), KGO.appliedIn, r("供应链金融")), (r("李明"), KGO.affiliatedWith, r("星河智算公司"))]
    missing = [t for t in expected if t not in g]
    assert not missing
    fused = sorted([r("人工智能"), r("实体经济")], key=str)
    assert (fused[0], KGO.integratesWith, fused[1]) in g


def test_sample_keeps_every_promise(sample_graph: Graph) -> None:
    assert len(sample_graph) >= 50
    assert all_problems(sample_graph) == []
    assert iri_rule_problems(sample_graph) == []


# --------------------------------------------------------------------------- facts of our own sentences, both scripts

#: ("type", class) | (property, object label) | ("birthDate", year), about the subject label
Fact = tuple[str, str, str]


def fact_in(graph: Graph, fact: Fact) -> bool:
    s, p, o = fact
    if p == "type":
        return (r(s), RDF.type, KGO[o]) in graph
    if p == "birthDate":
        return (r(s), SCHEMA.birthDate, Literal(o, datatype=XSD.gYear)) in graph
    if KGO[p] in SYMMETRIC:
        return (r(s), KGO[p], r(o)) in graph or (r(o), KGO[p], r(s)) in graph
    return (r(s), KGO[p], r(o)) in graph


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


FACTS = [
    pytest.param("数字产业化是数字经济的重要组成部分。", [("数字产业化", "partOf", "数字经济")], id="partOf"),
    pytest.param("人工智能与实体经济深度融合。", [("人工智能", "integratesWith", "实体经济")], id="integratesWith"),
    pytest.param("大模型的训练离不开算力。", [("大模型", "requires", "算力")], id="requires"),
    pytest.param("芯片短缺制约了算力的发展。", [("芯片", "constrains", "算力")], id="constrains"),
    pytest.param("区块链技术已在供应链金融领域得到应用。", [("区块链", "appliedIn", "供应链金融")], id="appliedIn"),
    pytest.param("作为星河公司董事长，生于1975年的赵刚长期关注算力。“算力很重要。”赵刚指出。",
                 [("赵刚", "type", "Person"), ("赵刚", "affiliatedWith", "星河公司"), ("赵刚", "birthDate", "1975")],
                 id="person_in_apposition_and_speaker"),
    pytest.param("作为天娱数科副总经理，生于1988年的赵刚长期关注算力。",
                 [("赵刚", "type", "Person"), ("赵刚", "affiliatedWith", "天娱数科"), ("赵刚", "birthDate", "1988")],
                 id="person_in_apposition_only",),
    pytest.param("李明是星河公司副总经理，生于1980年。",
                 [("李明", "type", "Person"), ("李明", "affiliatedWith", "星河公司"), ("李明", "birthDate", "1980")],
                 id="person_is_title"),
    pytest.param("华为公司总部位于深圳。", [("华为", "type", "Organization"), ("华为", "locatedIn", "深圳")],
                 id="headquarters_located_in"),
]


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize(("text", "facts"), FACTS)
def test_facts_of_own_sentences(text: str, facts: list[Fact], script: str) -> None:
    g = kg.build([text if script == "hans" else _s2t(text)])
    assert [f for f in facts if not fact_in(g, f)] == []
    assert all_problems(g) == []


@pytest.mark.parametrize("script", ["hans", "hant"])
def test_no_entity_inside_an_organisation_name(script: str) -> None:
    text = "星河智算公司总部位于深圳。"
    g = kg.build([text if script == "hans" else _s2t(text)])
    assert r("智能算力") not in set(g.objects(None, SCHEMA.mentions))
    assert (r("星河智算公司"), RDF.type, KGO.Organization) in g


RANGES = [
    pytest.param("预计明年数据要素市场规模在1.5至2万亿元之间。", id="unit_once"),
    pytest.param("预计明年数据要素市场规模在1.5万亿元至2万亿元之间。", id="unit_twice",),
]


@pytest.mark.parametrize("script", ["hans", "hant"])
@pytest.mark.parametrize("text", RANGES)
def test_statistic_range(text: str, script: str) -> None:
    """A range is one Statistic with schema:minValue and schema:maxValue (SPEC, Statistic literals)."""
    g = kg.build([text if script == "hans" else _s2t(text)])
    stats = list(g.subjects(RDF.type, KGO.Statistic))
    assert len(stats) == 1, [sorted(g.predicate_objects(s)) for s in stats]
    (st,) = stats
    assert g.value(st, SCHEMA.minValue) == Literal("1500000000000", datatype=XSD.decimal)
    assert g.value(st, SCHEMA.maxValue) == Literal("2000000000000", datatype=XSD.decimal)
    assert g.value(st, KGO.unit) == Literal("CNY")
    assert g.value(st, KGO.about) == r("数据要素市场")
