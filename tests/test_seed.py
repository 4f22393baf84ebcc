"""End to end on the seed article (SPEC, first paragraph): the facts it states, read as a careful human would.

The article is traditional script with pinyin annotations (``網(wǎng)``) and GBK
mis-decodings (``!辟R晗`` for ``！”賀晗``). It lives in the shared corpus beside
the repository; without it these tests skip (the ``seed_path`` fixture says why).
Each expected value below is what the article says, in the SPEC's normal form.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS, XSD
from test_graph import PINYIN, entity_problems, literal_problems, provenance_problems

from kg.rdf.vocab import KGO, SCHEMA

KGR = "https://w3id.org/zhkg/resource/"
CONCEPT_CLASSES = {KGO.Concept, KGO.Technology, KGO.Sector}


def r(label: str) -> URIRef:
    return URIRef(KGR + label)


@pytest.mark.parametrize("label", ["数字经济", "数字产业化", "产业数字化", "元宇宙", "算力"])
def test_concepts(seed_graph: Graph, label: str) -> None:
    node = r(label)
    assert set(seed_graph.objects(node, SKOS.prefLabel)) == {Literal(label, lang="zh-Hans")}
    types = set(seed_graph.objects(node, RDF.type))
    assert len(types) == 1 and types <= CONCEPT_CLASSES, f"{label}: {types}"


@pytest.mark.parametrize("part", ["数字产业化", "产业数字化", "元宇宙"])
def test_parts_of_the_digital_economy(seed_graph: Graph, part: str) -> None:
    assert (r(part), KGO.partOf, r("数字经济")) in seed_graph


def statistics(graph: Graph, value: str, unit: str) -> list[URIRef]:
    """Statistic nodes with this normalised value (an xsd:decimal) and unit code."""
    return sorted(
        n for n in graph.subjects(RDF.type, KGO.Statistic)
        if (n, KGO.value, Literal(value, datatype=XSD.decimal)) in graph and (n, KGO.unit, Literal(unit)) in graph
    )


def test_size_of_the_digital_economy(seed_graph: Graph) -> None:
    """2021年中国数字经济规模达45.5万亿: a bare 万亿 in an economic context is CNY."""
    found = statistics(seed_graph, "45500000000000", "CNY")
    assert found, "no Statistic of 45500000000000 CNY"
    matching = [n for n in found if (n, KGO.year, Literal("2021", datatype=XSD.gYear)) in seed_graph
                and (n, KGO.about, r("数字经济")) in seed_graph]
    assert matching, [(n, list(seed_graph.predicate_objects(n))) for n in found]
    assert Decimal(str(seed_graph.value(matching[0], KGO.value))) == Decimal("45.5E12")


@pytest.mark.parametrize(("value", "part"), [("18.3", "数字产业化"), ("81.7", "产业数字化")])
def test_shares_of_the_digital_economy(seed_graph: Graph, value: str, part: str) -> None:
    """数字产业化占数字经济比重为18.3%, 产业数字化占数字经济比重达81.7%."""
    found = statistics(seed_graph, value, "percent")
    assert found, f"no Statistic of {value} percent"
    details = [(n, sorted(seed_graph.predicate_objects(n))) for n in found]
    assert any((n, KGO.about, r(part)) in seed_graph for n in found), details
    assert any((n, KGO.denominator, r("数字经济")) in seed_graph for n in found), details
    assert any((n, KGO.year, Literal("2021", datatype=XSD.gYear)) in seed_graph for n in found), details


def test_he_han(seed_graph: Graph) -> None:
    """作为第十四届全国政协委员、天娱数科副总经理、山西数据流量生态园董事长，生于1988年的贺晗 …"""
    person = r("贺晗")
    assert set(seed_graph.objects(person, RDF.type)) == {KGO.Person}
    assert set(seed_graph.objects(person, SKOS.prefLabel)) == {Literal("贺晗", lang="zh-Hans")}
    assert set(seed_graph.objects(person, SCHEMA.birthDate)) == {Literal("1988", datatype=XSD.gYear)}
    affiliations = set(seed_graph.objects(person, KGO.affiliatedWith))
    assert {r("天娱数科"), r("全国政协"), r("山西数据流量生态园")} <= affiliations
    for org in affiliations:
        assert (org, RDF.type, KGO.Organization) in seed_graph


def test_he_han_is_the_speaker_of_the_mis_decoded_quote(seed_graph: Graph) -> None:
    """“數字經濟與傳統產業、與實體經濟是分不開的!辟R晗指出。 — the quote is 贺晗's once ！” is restored."""
    claims = list(seed_graph.subjects(KGO.speaker, r("贺晗")))
    evidence = {str(e) for c in claims for e in seed_graph.objects(c, KGO.evidence)}
    assert any("是分不開的！”賀晗指出" in e for e in evidence), sorted(evidence)
    assert all((c, RDF.type, KGO.Claim) in seed_graph for c in claims)


def test_no_annotation_or_mojibake_in_any_literal(seed_graph: Graph) -> None:
    bad = sorted({str(o) for _, _, o in seed_graph
                  if isinstance(o, Literal) and (PINYIN.search(str(o)) or "辟R" in str(o) or "\ufffd" in str(o))})
    assert not bad, f"{len(bad)} literals keep a pinyin annotation or mis-decoding, e.g. {bad[:3]}"


def test_every_relation_has_provenance(seed_graph: Graph) -> None:
    assert provenance_problems(seed_graph) == []


def test_entities_and_literals_keep_the_spec(seed_graph: Graph) -> None:
    assert entity_problems(seed_graph) == []
    assert literal_problems(seed_graph) == []
