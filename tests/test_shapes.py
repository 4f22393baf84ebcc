"""Every graph zhkg builds conforms to ``ontology/shapes.ttl`` (pyshacl, no inference, as the shapes file asks).

``test_ontology.py`` checks that the shapes reject broken hand-made graphs;
here they meet real builds: the built-in sample, the seed article and texts
of our own with people, organisations, statistics (a target, a share, a
range), claims and document metadata, in both scripts. A failure lists each
violation: focus node, path, constraint and message.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH
from tools import require

import kg
from kg.export.turtle import to_turtle, write_turtle
from kg.resources import ontology_file
from kg.types import Document

#: our own texts: a signed traditional-script report with pinyin and a GBK mis-decoding, and a simplified commentary
OWN_DOCUMENTS = [
    Document(
        "星河智算公司總部位於深圳。\n"
        "作為星河智算公司董事長，生於1975年的趙剛長期關注算力。\n"
        "“數(shù)字經(jīng)濟與實體經(jīng)濟深度融合!壁w剛指出。\n"
        "2022年中國數字經濟規模達50.2萬億元，數字產業化占數字經濟比重為18.3%。\n"
        "到2025年，我國算力總規模將超過300 EFLOPS。\n"
        "業內預計，明年數據要素市場規模在1.5至2萬億元之間。\n"
        "ChatGPT和IPv6已應用於智慧物流。",
        id="own/1", title="算力觀察", url="https://example.org/a?id=1", date="2024-03-05", author="王芳",
        publisher="示例日報",
    ),
    Document(
        "王芳认为，数据要素市场需要完善的制度。数字孪生推动智能制造发展。\n"
        "李明是华为公司副总经理，生于1980年。李明表示：“人工智能离不开算力。”\n"
        "云计算属于新型基础设施的范畴，芯片短缺制约了算力的发展。",
        id="own 2", author="王芳", source="示例评论",
    ),
]


@pytest.fixture(scope="module")
def pyshacl() -> ModuleType:
    """pyshacl (the zhkg[test] extra): skipped locally when missing, required under CI=true."""
    require("pyshacl")
    import pyshacl

    return pyshacl


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


@pytest.fixture(scope="module")
def own_graph() -> Graph:
    return kg.build(OWN_DOCUMENTS)


def violations(pyshacl: ModuleType, data: Graph, shapes: Graph) -> list[str]:
    """One readable line per validation result (empty when the graph conforms)."""
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=False)
    nm = data.namespace_manager
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        def get(p, result=result) -> str:
            value = report.value(result, p)
            return "-" if value is None else value.n3(nm)
        lines.append(f"{get(SH.focusNode)} {get(SH.resultPath)}: {get(SH.sourceConstraintComponent)} "
                     f"value={get(SH.value)} ({get(SH.resultMessage)})")
    if not conforms and not lines:
        lines.append(text)
    return sorted(lines)


def assert_conforms(pyshacl: ModuleType, data: Graph, shapes: Graph) -> None:
    found = violations(pyshacl, data, shapes)
    assert not found, f"{len(found)} SHACL violations:\n" + "\n".join(found[:40])


def test_sample_conforms(pyshacl: ModuleType, shapes: Graph, sample_graph: Graph) -> None:
    assert_conforms(pyshacl, sample_graph, shapes)


def test_seed_conforms(pyshacl: ModuleType, shapes: Graph, seed_graph: Graph) -> None:
    assert_conforms(pyshacl, seed_graph, shapes)


def test_own_texts_conform(pyshacl: ModuleType, shapes: Graph, own_graph: Graph) -> None:
    assert_conforms(pyshacl, own_graph, shapes)


def test_own_texts_exercise_the_shapes(own_graph: Graph) -> None:
    """The own-text graph holds what the shapes constrain, so conforming means something."""
    from kg.rdf.vocab import KGO, SCHEMA

    for cls in (KGO.Person, KGO.Organization, KGO.Place, KGO.Statistic, KGO.Claim, KGO.Document, RDF.Statement):
        assert next(own_graph.subjects(RDF.type, cls), None) is not None, f"no {cls}"
    for prop in (SCHEMA.birthDate, KGO.affiliatedWith, KGO.denominator, KGO.isTarget, SCHEMA.minValue, KGO.speaker,
                 KGO.weight):
        assert next(own_graph.subject_objects(prop), None) is not None, f"no {prop}"


def test_turtle_as_written_conforms(pyshacl: ModuleType, shapes: Graph, own_graph: Graph) -> None:
    """What a user validates is the Turtle file: it conforms after a round trip too."""
    back = Graph().parse(data=to_turtle(own_graph), format="turtle")
    assert_conforms(pyshacl, back, shapes)


def test_pyshacl_command_as_documented(pyshacl: ModuleType, sample_graph: Graph, tmp_path: Path) -> None:
    """``pyshacl -s ontology/shapes.ttl -i none output/graph.ttl`` (the shapes file's own instructions)."""
    graph_file = tmp_path / "graph.ttl"
    write_turtle(sample_graph, graph_file)
    proc = subprocess.run([require("pyshacl"), "-s", str(ontology_file("shapes.ttl")), "-i", "none", str(graph_file)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Conforms: True" in proc.stdout


def test_a_broken_build_is_reported_precisely(pyshacl: ModuleType, shapes: Graph, own_graph: Graph) -> None:
    """The check can fail: a second prefLabel on a built entity is named with its node, path and constraint."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    broken = Graph()
    for triple in own_graph:
        broken.add(triple)
    node = URIRef("https://w3id.org/zhkg/resource/赵刚")
    broken.add((node, SKOS.prefLabel, Literal("赵钢", lang="zh-Hans")))
    found = violations(pyshacl, broken, shapes)
    assert len(found) == 1, found
    assert found[0].startswith(f"{node.n3()} skos:prefLabel: sh:MaxCountConstraintComponent"), found[0]
