"""The pipeline (``kg.pipeline``, ``kg.extractors``): stage order, the registry, workers, document ids."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg
from kg import extractors as registry
from kg.errors import KGError, UnknownNameError
from kg.export.turtle import to_turtle
from kg.extractors.base import Extractor, FunctionExtractor, Resources, extractor, new
from kg.pipeline import Builder, check_order, with_ids
from kg.rdf.vocab import KGO, SCHEMA
from kg.sample import sample_document
from kg.types import Document, Extraction, Mention, Relation

KGR = "https://w3id.org/zhkg/resource/"

#: the extractors STYLE.md names, every one built in
NAMED_IN_STYLE = ("entities", "relations", "statistics", "claims", "people", "cooccurrence")

#: short texts of our own, for the worker tests
TEXTS = [
    "数字产业化是数字经济的重要组成部分。人工智能与实体经济深度融合。",
    "算力推动人工智能发展。大模型的训练离不开算力。",
    "數字孿生技術推動製造業轉型。工業互聯網需要數據要素。",
    "李明是星河智算公司副总经理。“数据要素是数字经济的关键。”李明指出。",
    "2022年中国数字经济规模达50.2万亿元。到2025年，我国算力总规模将超过300 EFLOPS。",
    "区块链技术已在供应链金融领域得到应用。芯片短缺制约了算力的发展。",
]


def doc_ids(graph: Graph) -> list[str]:
    return sorted(str(d)[len(KGR + "doc/"):] for d in graph.subjects(RDF.type, KGO.Document))


# --------------------------------------------------------------------------- stage order


def stage(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> FunctionExtractor:
    return FunctionExtractor(name, requires, assigns, lambda ex, res: new(ex))


def test_default_order_passes() -> None:
    check_order([registry.get(n) for n in registry.DEFAULT])


@pytest.mark.parametrize(
    ("stages", "words"),
    [
        pytest.param([registry.get("relations")], ["'relations'", "'mentions'"], id="relations_first"),
        pytest.param([registry.get("cooccurrence"), registry.get("entities")], ["'cooccurrence'", "'mentions'"],
                     id="cooccurrence_before_entities"),
        pytest.param([stage("a", assigns=("widgets",)), stage("b", requires=("gadgets",))], ["'b'", "'gadgets'"],
                     id="custom_requirement"),
        pytest.param([stage("b", requires=("widgets",)), stage("a", assigns=("widgets",))], ["'b'", "'widgets'"],
                     id="assigned_too_late"),
    ],
)
def test_check_order_rejects_an_unmet_requirement(stages: list[Extractor], words: list[str]) -> None:
    with pytest.raises(KGError) as info:
        check_order(stages)
    for word in words:
        assert word in str(info.value)


def test_check_order_accepts_what_the_parser_provides() -> None:
    check_order([stage("t", requires=("sentences", "tokens"), assigns=("mentions",)), stage("u", ("mentions",))])


@pytest.mark.parametrize(
    ("order", "late", "early"),
    [
        pytest.param(["entities", "statistics", "claims"], "statistics", "claims", id="claims_before_statistics"),
        pytest.param(["entities", "keywords", "relations"], "keywords", "relations", id="keywords_last"),
        pytest.param(["entities", "relations", "cooccurrence", "keywords"], "cooccurrence", "keywords",
                     id="cooccurrence_after_keywords"),
    ],
)
def test_check_order_rejects_a_stage_before_one_it_must_follow(order: list[str], late: str, early: str) -> None:
    with pytest.raises(KGError) as info:
        check_order([registry.get(n) for n in order])
    message = str(info.value)
    assert f"{late!r} must run after {early!r}" in message and "\n" not in message


def test_after_holds_only_between_stages_that_run() -> None:
    check_order([registry.get(n) for n in ("entities", "statistics")])  # no claims: statistics may run
    check_order([stage("a", assigns=("x",)), FunctionExtractor("b", ("x",), (), lambda ex, res: new(ex),
                                                               after=("c",))])


def test_custom_after_is_checked() -> None:
    late = FunctionExtractor("late", (), ("x",), lambda ex, res: new(ex), after=("early",), after_why="it must")
    with pytest.raises(KGError, match="'late' must run after 'early': it must"):
        check_order([late, stage("early", assigns=("y",))])


def test_every_built_in_order_constraint_holds_in_the_default_order() -> None:
    position = {name: i for i, name in enumerate(registry.DEFAULT)}
    constraints = [(name, before) for name in registry.DEFAULT for before in registry.get(name).after]
    assert ("statistics", "claims") in constraints and ("keywords", "statistics") in constraints
    assert all(position[before] < position[name] for name, before in constraints)


def test_builder_checks_the_order_before_running() -> None:
    with pytest.raises(KGError, match="'relations' requires 'mentions'"):
        Builder(extractors=["relations", "entities"])


# --------------------------------------------------------------------------- registry


def test_registry_lists_the_built_ins_in_order() -> None:
    names = registry.names()
    default = list(registry.DEFAULT)
    assert names[: len(default)] == default
    assert set(NAMED_IN_STYLE) <= set(default)
    assert default[0] == "entities"
    assert default.index("relations") < default.index("cooccurrence")
    assert len(set(names)) == len(names)


def test_every_built_in_declares_requires_and_assigns() -> None:
    for name in registry.DEFAULT:
        ex = registry.get(name)
        assert ex.name == name
        assert isinstance(ex.requires, tuple) and isinstance(ex.assigns, tuple) and ex.assigns


@pytest.mark.parametrize("name", ["relation", "Entities", "", "entities "])
def test_unknown_extractor_lists_the_valid_ones(name: str) -> None:
    with pytest.raises(UnknownNameError) as info:
        registry.get(name)
    message = str(info.value)
    assert isinstance(info.value, KGError) and isinstance(info.value, KeyError)
    assert repr(name) in message
    for valid in registry.DEFAULT:
        assert valid in message
    assert "\n" not in message


def test_builder_with_an_unknown_extractor() -> None:
    with pytest.raises(UnknownNameError, match="choose one of"):
        Builder(extractors=[*registry.DEFAULT, "nonexistent"])


@pytest.fixture
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Registrations made by a test disappear after it."""
    import copy

    scratch = copy.copy(registry._REGISTRY)
    scratch._paths, scratch._loaded = dict(scratch._paths), dict(scratch._loaded)
    monkeypatch.setattr(registry, "_REGISTRY", scratch)
    yield


@extractor("test_marker", requires=["mentions"], assigns=["mentions", "relations"])
def _marker(ex: Extraction, res: Resources) -> Extraction:
    """Adds a product 星河一号 to the first sentence and says it enables every concept mentioned there."""
    first = ex.parsed.sentences[0].index
    concepts = sorted({m.key for m in ex.mentions if m.sentence == first and m.cls == "Concept"})
    return new(
        ex,
        mentions=(Mention("星河一号", "星河一号", "Product", first, 0, 0, "quoted.test_marker"),),
        relations=tuple(Relation("星河一号", "enables", c, first, "test_marker.enables", 0.5) for c in concepts),
    )


def test_custom_extractor_runs(clean_registry: None) -> None:
    registry.register("test_marker", _marker)
    assert "test_marker" in registry.names()
    assert registry.get("test_marker") is _marker
    g = Builder(extractors=[*registry.DEFAULT, "test_marker"]).graph(["数字产业化是数字经济的重要组成部分。"])
    product = URIRef(KGR + "星河一号")
    assert (product, RDF.type, KGO.Product) in g
    assert (product, KGO.enables, URIRef(KGR + "数字经济")) in g
    assert Literal("test_marker.enables") in set(g.objects(None, KGO.rule))


def test_custom_extractor_by_path(clean_registry: None) -> None:
    registry.register("entities_again", "kg.extractors.entities:extract_entities")
    assert registry.get("entities_again") is registry.get("entities")


def test_custom_extractor_order_is_checked(clean_registry: None) -> None:
    registry.register("test_marker", _marker)
    with pytest.raises(KGError, match="'test_marker' requires 'mentions'"):
        Builder(extractors=["test_marker", *registry.DEFAULT])


def test_a_taken_name_cannot_be_registered_again(clean_registry: None) -> None:
    from kg.registry import NameConflictError

    with pytest.raises(NameConflictError, match="extractor 'entities' is already registered"):
        registry.register("entities", _marker)
    with pytest.raises(NameConflictError):
        registry.register("relations", "kg.extractors.entities:extract_entities")
    registry.register("test_marker", _marker)
    registry.register("test_marker", _marker)  # the same again is no conflict
    with pytest.raises(NameConflictError, match="'test_marker'"):
        registry.register("test_marker", "kg.extractors.entities:extract_entities")
    assert registry.get("entities").name == "entities" and registry.get("test_marker") is _marker


def test_registration_does_not_outlive_the_test() -> None:
    assert "test_marker" not in registry.names()


# --------------------------------------------------------------------------- building


def test_two_workers_build_the_same_graph(builder: Builder) -> None:
    docs = [Document(t, id=f"doc{i}") for i, t in enumerate(TEXTS)]
    one = builder.graph(docs, jobs=1)
    two = builder.graph(docs, jobs=2)
    assert len(one) > 50
    assert isomorphic(one, two)
    assert to_turtle(one) == to_turtle(two)


def test_input_order_does_not_matter(builder: Builder) -> None:
    assert to_turtle(builder.graph(TEXTS)) == to_turtle(builder.graph(TEXTS[::-1]))


def test_duplicate_ids_with_different_text_are_disambiguated(builder: Builder) -> None:
    g = builder.graph([Document("算力推动人工智能发展。", id="x"), Document("数据是新的生产要素。", id="x")])
    ids = doc_ids(g)
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(i.startswith("x") for i in ids)
    # and each document keeps its own facts
    by_doc = {d: set(g.objects(d, SCHEMA.mentions)) for d in g.subjects(RDF.type, KGO.Document)}
    assert sorted(len(v) > 0 for v in by_doc.values()) == [True, True]
    assert len({frozenset(v) for v in by_doc.values()}) == 2


def test_identical_documents_are_kept_once(builder: Builder) -> None:
    text = "算力推动人工智能发展。"
    once = builder.graph([Document(text, id="x")])
    twice = builder.graph([Document(text, id="x"), Document(text, id="x")])
    assert doc_ids(twice) == ["x"]
    assert isomorphic(once, twice)
    assert isomorphic(kg.build([text, text]), kg.build([text]))


def test_with_ids() -> None:
    docs = with_ids(["甲文本。", Document("乙文本。", id="b"), "甲文本。", Document("丙文本。", id="b")])
    ids = [d.id for d in docs]
    assert len(ids) == 3 == len(set(ids))
    assert sum(1 for i in ids if i and i.startswith("b")) == 2
    assert ids == sorted(ids)


def test_build_accepts_strings_and_documents() -> None:
    text = "数字产业化是数字经济的重要组成部分。"
    from_string = kg.build([text])
    from_document = kg.build([kg.Document(text)])
    from_generator = kg.build(t for t in [text])
    assert len(from_string) > 0
    assert isomorphic(from_string, from_document)
    assert isomorphic(from_string, from_generator)
    mixed = kg.build([text, kg.Document("算力推动人工智能发展。", id="second")])
    assert len(doc_ids(mixed)) == 2 and "second" in doc_ids(mixed)


@pytest.mark.parametrize("bad", [b"bytes", 42, None])
def test_build_rejects_what_is_not_text(bad: object) -> None:
    with pytest.raises(KGError):
        kg.build([kg.Document(bad)])  # type: ignore[arg-type]


def test_build_of_nothing_is_an_empty_graph() -> None:
    assert len(kg.build([])) == 0


def test_kg_build_is_the_builder(builder: Builder, sample_graph: Graph) -> None:
    assert to_turtle(builder.graph([sample_document()])) == to_turtle(sample_graph)
