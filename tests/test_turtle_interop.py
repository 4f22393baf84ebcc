"""The Turtle zhkg writes loads everywhere with the same triple count (SPEC "Output guarantees").

Five real parsers read every file: rdflib, pyoxigraph, Raptor's ``rapper``,
``serdi`` (strict) and a running Oxigraph server. The files are the built-in
sample build, the seed article build, a build of the team's own hostile texts
(labels, ids and titles full of characters Turtle and IRIs must escape) and
hand-built graphs passed straight to ``to_turtle``. Every IRI must keep the
SPEC's percent-encoding rule; no blank node may appear; every literal must
come back with the text rdflib had.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.export.turtle import to_turtle, write_turtle
from kg.rdf.iri import doc_iri, entity_iri, node_iri

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # the helper module beside this file
from tools import KGO, KGR, SEED, kg_ok

oxigraph = tools.oxigraph  # the session's Oxigraph server fixture

# --------------------------------------------------------------------------- hostile inputs (our own text)

#: a document id holding every character the IRI rule must percent-encode, and some it must keep
HOSTILE_ID = 'doc "1" <a>/b?c#d%e{f}|g^h`i\\j\tk\ufffd\ue000🚀ｉｄ'

#: extra lexicon terms whose labels hold characters that Turtle or IRIs must escape
HOSTILE_TERMS = {
    "星河\"引号\"平台": "Product",
    "A/B测试": "Technology",
    "C#语言": "Technology",
    "50%算力": "Concept",
    "尖<括>号": "Concept",
    "花{括}号": "Concept",
    "竖|线^号": "Concept",
    "反\\斜`杠": "Concept",
    "替换\ufffd符": "Concept",
    "私用\ue000区": "Concept",
    "火箭🚀计划": "Concept",
    "ＡＢＣ平台": "Product",
    "开放 数据 平台": "Product",
}

HOSTILE_TEXT = (
    '星河"引号"平台推动A/B测试发展。C#语言赋能50%算力。\n'
    "平台需要尖<括>号和花{括}号。竖|线^号促进反\\斜`杠。\n"
    "替换\ufffd符推动私用\ue000区。火箭🚀计划赋能ＡＢＣ平台。开放 数据 平台推动\t数字经济。"
)

HOSTILE_RECORDS = [
    {"id": HOSTILE_ID, "title": '标题"引号"\\反斜\n换行\t制表', "author": "作者<甲>", "text": HOSTILE_TEXT},
    {
        "id": "ＡＢＣ／第2篇?",
        "url": "https://example.org/新闻/2022?id=1&x=%E4%B8%AD#第2段",
        "date": "2022-12-29",
        "text": "數字經濟推動實體經濟發展。\n人工智慧賦能製造業，算力是新的生產力。",
    },
    {"text": "算力网络需要数据中心。数据中心促进人工智能发展。", "title": "无编号 {文档} | 50%"},
]


def lexicon_ttl(terms: dict[str, str]) -> str:
    """A small SKOS lexicon in the format of ontology/lexicon.ttl."""
    lines = [
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix kgo:  <https://w3id.org/zhkg/ontology#> .",
        "@prefix kgl:  <https://w3id.org/zhkg/lexicon/> .",
        "",
    ]
    for i, (label, cls) in enumerate(terms.items()):
        text = label.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'kgl:t{i} a skos:Concept ; skos:prefLabel "{text}"@zh-Hans ; kgo:entityClass kgo:{cls} .')
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- hand-built graphs

LITERAL_TEXTS = [
    "".join(chr(i) for i in range(0x20)) + "\x7f",
    "ends with a backslash \\",
    'a"""b',
    "a'''b",
    '"',
    'x"',
    "\u2028\u2029",
    "\ufeffbom",
    "\ufffe\uffff",
    "\U0010ffff\U000f0000",
    "tab\there",
    "crlf\r\nlf\n",
    "",
    " ",
    "@zh-Hans",
    "^^xsd:string",
    "#不是注释",
    "<不是IRI>",
    "\\u0041 \\n",
    "数字经济\ufffd\ue000🚀ＡＢＣ",
]

HOSTILE_LABELS = [
    '"', "\\", ">", "<", "{", "}", "|", "^", "`", "%", "#", "/", "?", "a b", "a\tb", "a\nb",
    "\ufffd", "\ue000", "\U000f0000", "ＡＢＣ", "🚀", "'", ".", "a.", "-a", "_a", "0", ":", "!$&()*+,;=",
    "@", "[]", "~", "\u200b", "\x7f", "\x01", "é", "e\u0301", "\uffff", "%41", "%zz",
]


def hostile_iri_graph() -> Graph:
    """IRIs made by kg.rdf.iri from hostile labels and ids, with hostile literals."""
    g = Graph()
    for i, label in enumerate(HOSTILE_LABELS):
        entity = URIRef(entity_iri("实体" + label))
        g.add((entity, RDF.type, URIRef(KGO + "Concept")))
        g.add((entity, SKOS.prefLabel, Literal("实体" + label, lang="zh-Hans")))
        g.add((entity, RDFS.label, Literal(label)))
        g.add((entity, URIRef(KGO + "relatedTo"), URIRef(entity_iri(label + "乙"))))
        doc = URIRef(doc_iri(label + "文档"))
        g.add((doc, RDF.type, URIRef(KGO + "Document")))
        g.add((doc, DCTERMS.title, Literal(label, lang="zh-Hant")))
        fact = URIRef(node_iri("fact", label, i))
        g.add((fact, RDF.subject, entity))
        g.add((fact, URIRef(KGO + "evidence"), Literal(f"证据{label}。", lang="zh-Hans")))
        g.add((fact, URIRef(KGO + "rule"), Literal(label, datatype=URIRef(entity_iri("类型" + label)))))
    return g


def hostile_literal_graph() -> Graph:
    """Literals with every escape Turtle has, plain, tagged and typed."""
    g = Graph()
    s = URIRef(entity_iri("字面量"))
    for i, text in enumerate(LITERAL_TEXTS):
        g.add((s, RDFS.label, Literal(text)))
        g.add((s, SKOS.altLabel, Literal(text, lang="zh-Hant")))
        g.add((URIRef(node_iri("stat", i)), RDFS.comment, Literal(text, datatype=URIRef(KGO + "text"))))
    stat = URIRef(node_iri("stat", "typed"))
    g.add((stat, URIRef(KGO + "value"), Literal("45500000000000", datatype=XSD.decimal)))
    g.add((stat, URIRef(KGO + "value"), Literal("18.3", datatype=XSD.decimal)))
    g.add((stat, URIRef(KGO + "year"), Literal("2021", datatype=XSD.gYear)))
    g.add((stat, URIRef(KGO + "isTarget"), Literal("true", datatype=XSD.boolean)))
    g.add((stat, URIRef(KGO + "confidence"), Literal("0.85", datatype=XSD.decimal)))
    g.add((stat, URIRef(KGO + "weight"), Literal("3", datatype=XSD.integer)))
    g.add((stat, DCTERMS.date, Literal("2022-12-29", datatype=XSD.date)))
    return g


def prefix_edge_graph() -> Graph:
    """kgr: IRIs at the edge of Turtle's prefixed-name grammar (PN_LOCAL)."""
    g = Graph()
    for local in ["0a", "-a", "a-", ".a", "a.", "_a", "a_", "~a", "a~", "a.b", "%41", "a%25", "中.", "x:y", "a:"]:
        g.add((URIRef(KGR + local), RDFS.label, Literal(local)))
    return g


# --------------------------------------------------------------------------- the files under test


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], Path]
    #: False for graphs that hold IRIs no zhkg key has, on purpose (Turtle grammar edges)
    spec_iris: bool = True


def _sample(folder: Path) -> Path:
    kg_ok("build", "-o", folder, "--no-html", "-q", cwd=folder.parent)
    return folder / "graph.ttl"


def _seed(folder: Path) -> Path:
    tools.require_path(SEED)
    kg_ok("build", SEED, "-o", folder, "--no-html", "-q", cwd=folder.parent)
    return folder / "graph.ttl"


def _hostile_build(folder: Path) -> Path:
    folder.mkdir(parents=True)
    jsonl = folder / "hostile.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in HOSTILE_RECORDS), encoding="utf-8")
    lexicon = folder / "hostile_lexicon.ttl"
    lexicon.write_text(lexicon_ttl(HOSTILE_TERMS), encoding="utf-8")
    kg_ok("build", jsonl, "--lexicon", lexicon, "-o", folder / "out", "--no-html", "-q", cwd=folder)
    return folder / "out" / "graph.ttl"


def _hand(make_graph: Callable[[], Graph]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        folder.mkdir(parents=True)
        path = folder / "graph.ttl"
        path.write_text(to_turtle(make_graph()), encoding="utf-8")
        return path

    return make


HOSTILE_BUILD = Case("hostile-build", _hostile_build)
CASES = [
    Case("sample", _sample),
    Case("seed", _seed),
    HOSTILE_BUILD,
    Case("hostile-iris", _hand(hostile_iri_graph)),
    Case("hostile-literals", _hand(hostile_literal_graph)),
    Case("prefix-edges", _hand(prefix_edge_graph), spec_iris=False),
]
SPEC_CASES = [c for c in CASES if c.spec_iris]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Case], Path]:
    """Make a case's Turtle file once per module."""
    cache: dict[str, Path] = {}

    def get(case: Case) -> Path:
        if case.name not in cache:
            cache[case.name] = case.make(tmp_path_factory.mktemp("turtle") / case.name)
        return cache[case.name]

    return get


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def turtle(request: pytest.FixtureRequest, built: Callable[[Case], Path]) -> Path:
    return built(request.param)


@pytest.fixture(params=SPEC_CASES, ids=[c.name for c in SPEC_CASES])
def spec_turtle(request: pytest.FixtureRequest, built: Callable[[Case], Path]) -> Path:
    return built(request.param)


@pytest.fixture(scope="module")
def rdflib_graphs() -> dict[Path, Graph]:
    return {}


def parsed(path: Path, cache: dict[Path, Graph]) -> Graph:
    if path not in cache:
        cache[path] = Graph().parse(path, format="turtle")
    return cache[path]


# --------------------------------------------------------------------------- every loader, one count


def test_every_loader_gives_the_same_triple_count(turtle: Path, oxigraph: tools.OxigraphServer,
                                                   rdflib_graphs: dict[Path, Graph]) -> None:
    expected = len(parsed(turtle, rdflib_graphs))
    assert expected > 0
    counts = {
        "rdflib": expected,
        "pyoxigraph": tools.count_pyoxigraph(turtle),
        "rapper": tools.count_rapper(turtle),
        "serdi": tools.count_serdi(turtle),
        "oxigraph server": oxigraph.load_count(turtle),
    }
    assert set(counts.values()) == {expected}, counts


def test_no_blank_nodes(turtle: Path, rdflib_graphs: dict[Path, Graph]) -> None:
    import pyoxigraph

    blanks = [t for triple in parsed(turtle, rdflib_graphs) for t in triple if isinstance(t, BNode)]
    assert not blanks, f"{len(blanks)} blank nodes, e.g. {blanks[:3]}"
    quads = pyoxigraph.parse(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
    assert not [q for q in quads if isinstance(q.subject, pyoxigraph.BlankNode)
                or isinstance(q.object, pyoxigraph.BlankNode)]


def test_every_iri_keeps_the_spec_rule(spec_turtle: Path, rdflib_graphs: dict[Path, Graph]) -> None:
    iris = tools.graph_iris(parsed(spec_turtle, rdflib_graphs))
    problems = sorted({p for iri in iris for p in tools.iri_problems(iri)})
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_literals_round_trip(turtle: Path, rdflib_graphs: dict[Path, Graph]) -> None:
    """What each parser reads back is the literal text rdflib had (language tags compared in lower case)."""
    graph = parsed(turtle, rdflib_graphs)
    expected = tools.literal_keys(graph)
    assert tools.pyoxigraph_literal_keys(turtle) == expected
    via_serdi = Graph().parse(data=tools.serdi_ntriples(turtle), format="nt")
    assert tools.literal_keys(via_serdi) == expected
    again = Graph().parse(data=to_turtle(graph), format="turtle")
    assert tools.literal_keys(again) == expected


@pytest.mark.parametrize("make", [hostile_iri_graph, hostile_literal_graph, prefix_edge_graph])
def test_hand_built_graphs_come_back_whole(make: Callable[[], Graph]) -> None:
    """to_turtle loses nothing: the graph parsed back is the graph given (no blank nodes, so set equality)."""
    graph = make()
    back = Graph().parse(data=to_turtle(graph), format="turtle")
    assert set(back) == set(graph)


def test_write_turtle_equals_to_turtle(tmp_path: Path) -> None:
    graph = hostile_iri_graph() + hostile_literal_graph()
    write_turtle(graph, tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_bytes() == to_turtle(graph).encode("utf-8")
    assert not tools.part_files(tmp_path)


# --------------------------------------------------------------------------- the hostile build really is hostile


def test_hostile_build_keeps_the_hostile_names(built: Callable[[Case], Path],
                                               rdflib_graphs: dict[Path, Graph]) -> None:
    """The hostile case tests something: its IRIs and literals do hold the characters under test."""
    graph = parsed(built(HOSTILE_BUILD), rdflib_graphs)
    docs = {str(d) for d in graph.subjects(RDF.type, URIRef(KGO + "Document"))}
    assert doc_iri(HOSTILE_ID) in docs
    assert KGR + "doc/ＡＢＣ／第2篇%3F" in docs  # full-width letters are iunreserved: kept, never folded
    encoded = doc_iri(HOSTILE_ID).removeprefix(KGR + "doc/")
    for needle in ["%22", "%3C", "%3E", "%2F", "%3F", "%23", "%25", "%7B", "%7D", "%7C", "%5E", "%60", "%5C",
                   "%EF%BF%BD", "%EE%80%80", "🚀", "ｉｄ", "%20", "%09"]:
        assert needle in encoded, needle
    assert "\t" not in encoded and " " not in encoded
    entities = {str(e) for e in graph.subjects(SKOS.prefLabel, None)}
    found = [label for label in HOSTILE_TERMS if entity_iri(label) in entities]
    assert len(found) >= len(HOSTILE_TERMS) - 2, f"only {found} became entities"
    texts = [str(o) for o in graph.objects() if isinstance(o, Literal)]
    for ch in ['"', "\\", "\n", "\t", "<", "{", "|", "`", "\ufffd", "🚀"]:
        assert any(ch in t for t in texts), f"no literal holds {ch!r}"




@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a b?x=1#frag",
        'https://example.org/路径?q=数字经济&r="x"#片段',
        "https://example.org/{a}|b^c`d\\e<f>",
        "https://example.org/新闻/2022?id=1&x=%E4%B8%AD#第2段",
        pytest.param("https://example.org/%zz/%E4%B8%AD"),
        pytest.param("http://[::1/页"),
        pytest.param("https://example.org/x\ufffd"),
        pytest.param("https://example.org/x\ue000"),
    ],
)
def test_any_document_url_gives_loadable_turtle(url: str, tmp_path: Path) -> None:
    """A url that is a valid IRI becomes dcterms:source <IRI>; anything else a literal: Turtle loads either way."""
    import kg

    graph = kg.build([kg.Document("数字经济推动实体经济发展。", id="u", url=url)])
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    sources = list(graph.objects(None, DCTERMS.source))
    assert [str(s) for s in sources] == [url]
    assert tools.count_pyoxigraph(path) == len(graph)
    assert tools.count_serdi(path) == len(graph)
    assert not [p for s in sources if isinstance(s, URIRef) for p in tools.iri_problems(str(s))]


def test_hostile_build_in_process_round_trips(tmp_path: Path) -> None:
    """kg.build's own graph, written by to_turtle, parses back (rdflib, pyoxigraph) to exactly that graph."""
    import kg
    from kg.io import iter_documents

    jsonl = tmp_path / "hostile.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in HOSTILE_RECORDS), encoding="utf-8")
    lexicon = tmp_path / "lexicon.ttl"
    lexicon.write_text(lexicon_ttl(HOSTILE_TERMS), encoding="utf-8")
    graph = kg.build(iter_documents([jsonl]), lexicons=[str(lexicon)])
    path = tmp_path / "graph.ttl"
    write_turtle(graph, path)
    back = Graph().parse(path, format="turtle")
    assert set(back) == set(graph)
    assert tools.pyoxigraph_literal_keys(path) == tools.literal_keys(graph)
    assert tools.count_pyoxigraph(path) == len(graph)


def test_the_sample_gives_at_least_50_triples(built: Callable[[Case], Path],
                                              rdflib_graphs: dict[Path, Graph]) -> None:
    assert len(parsed(built(CASES[0]), rdflib_graphs)) >= 50
