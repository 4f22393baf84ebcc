"""The interactive HTML graph: one self-contained, offline page per graph.

This is the only module that knows pyvis, and it uses just pyvis's bundled
vis-network script, inlined. pyvis's own page generator is not used: its
"in-line" mode still links Bootstrap from a CDN, it writes in the platform's
encoding, its tooltips render raw HTML, and ``add_edge`` is quadratic. Here:

- the node and edge lists are built directly from the RDF graph (SPEC shape:
  entities, Statistics, Claims, optionally Documents; relation triples with
  their ``rdf:Statement`` provenance);
- positions are computed in Python (:mod:`kg.export.layout`) so the page draws
  with physics off and is ready in about a second even at 5,000 nodes;
- the data travels as JSON in a ``<script type="application/json">`` block with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page script puts every
  string into the DOM with ``textContent``; a Content-Security-Policy allowing
  only the page's own two scripts (by hash) and no network access backs this up;
- the file is written as UTF-8, atomically.

>>> from rdflib import Graph, Literal, RDF, URIRef
>>> from rdflib.namespace import SKOS
>>> import tempfile, pathlib
>>> g = Graph()
>>> e = URIRef("https://w3id.org/zhkg/resource/算力")
>>> _ = g.add((e, RDF.type, URIRef("https://w3id.org/zhkg/ontology#Concept")))
>>> _ = g.add((e, SKOS.prefLabel, Literal("算力", lang="zh-Hans")))
>>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.html"
>>> s = write_html(g, out)
>>> (s.nodes, s.edges, s.left_out), out.read_bytes().startswith(b"<!DOCTYPE html>")
((1, 0, 0), True)
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import importlib.util
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.atomic import atomic_write
from kg.errors import KGError, UnknownNameError
from kg.rdf.ontology import load as _load_ontology
from kg.rdf.vocab import KGO_IRI, KGR_IRI, SCHEMA
from kg.types import ENTITY_CLASSES

RELATIONS = _load_ontology().relations
SYMMETRIC = _load_ontology().symmetric

__all__ = ["CLASSES", "HtmlSummary", "LabelNotFoundError", "write_html"]

KGO = KGO_IRI
#: node classes in legend order; the first seven are the entity classes
CLASSES: tuple[str, ...] = (
    "Concept", "Technology", "Sector", "Product", "Person", "Organization", "Place",
    "Statistic", "Claim", "Document",
)
#: which class wins when a node has several (the more specific first)
_PRIMARY: tuple[str, ...] = (*ENTITY_CLASSES, "Statistic", "Claim", "Document")
DEFAULT_TYPES: tuple[str, ...] = CLASSES[:9]

#: class -> (zh, en, colour, vis shape); labels are replaced by ontology/zhkg.ttl's where present
_CLASS_STYLE: dict[str, tuple[str, str, str, str]] = {
    "Concept": ("概念", "Concept", "#4e79a7", "dot"),
    "Technology": ("技术", "Technology", "#17a2a2", "hexagon"),
    "Sector": ("行业", "Sector", "#59a14f", "square"),
    "Product": ("产品", "Product", "#a463c2", "triangle"),
    "Person": ("人物", "Person", "#e15759", "star"),
    "Organization": ("机构", "Organization", "#f28e2b", "diamond"),
    "Place": ("地点", "Place", "#9c755f", "triangleDown"),
    "Statistic": ("统计数据", "Statistic", "#e0b400", "chart"),  # drawn by the page: a small bar chart
    "Claim": ("观点", "Claim", "#f07c9b", "bubble"),  # drawn by the page: a speech bubble
    "Document": ("文档", "Document", "#bab0ac", "database"),
}
#: property -> (zh, en, colour)
_PROP_STYLE: dict[str, tuple[str, str, str]] = {
    "partOf": ("属于", "part of", "#4e79a7"),
    "hasPart": ("包含", "has part", "#4e79a7"),
    "isA": ("是一种", "is a", "#2f6f8f"),
    "integratesWith": ("融合", "integrates with", "#59a14f"),
    "enables": ("赋能", "enables", "#f28e2b"),
    "requires": ("需要", "requires", "#e15759"),
    "constrains": ("制约", "constrains", "#9d1f3a"),
    "appliedIn": ("应用于", "applied in", "#a463c2"),
    "relatedTo": ("相关", "related to", "#a0a0a0"),
    "affiliatedWith": ("任职于", "affiliated with", "#9c755f"),
    "locatedIn": ("位于", "located in", "#7a5c2e"),
    "about": ("关于", "about", "#b8951c"),
    "speaker": ("发言人", "speaker", "#d37295"),
    "region": ("地区", "region", "#6f6f6f"),
    "denominator": ("占比基数", "denominator", "#8a8a8a"),
    "mentions": ("提及", "mentions", "#c8c8c8"),
}
_EDGE_PROPS: tuple[str, ...] = (*RELATIONS, "hasPart", "about", "speaker", "region", "denominator")
#: evidence sentences kept per edge (the rest are counted); co-occurrence needs fewer
_EVIDENCE_MAX = 3
_EVIDENCE_MAX_RELATED = 1
_STATS_MAX = 8  # statistics listed per node (the rest are counted)
_CLAIMS_MAX = 5  # claims listed per node
_DOCS_MAX = 8  # documents listed per node
_VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"
_TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk")


class LabelNotFoundError(KGError):
    """``--focus`` names no node of the graph."""


@dataclass(frozen=True, slots=True)
class HtmlSummary:
    """What :func:`write_html` wrote: counts the CLI prints and the page states."""

    nodes: int
    edges: int
    left_out: int
    bytes: int
    edges_left_out: int = 0
    path: Path | None = None


# --------------------------------------------------------------------------- reading the graph


@dataclass
class _Node:
    iri: URIRef
    cls: str
    types: list[str]
    label: str = ""
    alts: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)
    docs: list[URIRef] = field(default_factory=list)  # documents that mention it


@dataclass
class _Edge:
    s: URIRef
    p: str
    o: URIRef
    statements: list[tuple[str, URIRef | None, float | None, str, int]] = field(default_factory=list)
    weight: int = 0


def _lang(lit: Literal) -> str:
    return (lit.language or "").lower()


def _pick(values: Iterable[Node], prefer: Sequence[str] = ("zh-hans", "zh-cn", "zh", "", "zh-hant")) -> str:
    """The literal to show among several: by language preference, then text, for determinism."""
    lits = [v for v in values if isinstance(v, Literal)]
    if len(lits) < 2:  # the common case, and Literal.language is slow enough to matter at scale
        return str(lits[0]) if lits else ""

    def rank(lit: Literal) -> tuple[int, str]:
        lang = _lang(lit)
        return (prefer.index(lang) if lang in prefer else len(prefer), str(lit))

    return str(min(lits, key=rank))


def _by_subject(graph: Graph, pred: URIRef) -> dict[Node, list[Node]]:
    """``subject -> [objects]`` for one predicate: one index scan instead of a lookup per node."""
    out: dict[Node, list[Node]] = defaultdict(list)
    for s, o in graph.subject_objects(pred):
        out[s].append(o)
    return out


def _local_name(iri: str) -> str:
    for base in (KGR_IRI, KGO):
        if iri.startswith(base):
            return unquote(iri[len(base):])
    return unquote(re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri)


def _decimal(value: Node | None) -> str | None:
    if not isinstance(value, Literal):
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if d == d.to_integral_value() and abs(d) < Decimal(10) ** 30:
        return f"{d.quantize(Decimal(1)):,}"
    return f"{d.normalize():,f}"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@cache
def _ontology() -> tuple[dict[str, tuple[str, str]], frozenset[str], tuple[str, ...]]:
    """Labels (zh, en) of kgo terms, symmetric properties and object properties from
    ``ontology/zhkg.ttl``; empty where the file is missing (the built-in names then serve)."""
    try:
        from kg.resources import ontology_file

        path = ontology_file("zhkg.ttl")
        if not path.is_file():
            return {}, frozenset(), ()
        onto = Graph().parse(path, format="turtle")
    except Exception:  # a broken or absent ontology must not stop the viewer
        return {}, frozenset(), ()
    labels: dict[str, tuple[str, str]] = {}
    for term in {s for s in onto.subjects(RDFS.label, None) if str(s).startswith(KGO)}:
        name = str(term)[len(KGO):]
        values = list(onto.objects(term, RDFS.label))
        zh = _pick(values, ("zh-hans", "zh-cn", "zh"))
        en = _pick(values, ("en", "en-gb", "en-us"))
        labels[name] = (zh if zh and any(_lang(v).startswith("zh") for v in values) else "",
                        en if any(_lang(v).startswith("en") for v in values) else "")
    symmetric = frozenset(str(s)[len(KGO):] for s in onto.subjects(RDF.type, OWL.SymmetricProperty)
                          if str(s).startswith(KGO))
    obj_props = tuple(sorted(str(s)[len(KGO):] for s in onto.subjects(RDF.type, OWL.ObjectProperty)
                             if str(s).startswith(KGO)))
    return labels, symmetric, obj_props


def _term_labels(name: str, builtin_zh: str, builtin_en: str) -> tuple[str, str]:
    zh, en = _ontology()[0].get(name, ("", ""))
    return zh or builtin_zh, en or builtin_en


@dataclass
class _Model:
    nodes: dict[URIRef, _Node]
    edges: list[_Edge]
    stats: dict[URIRef, dict[str, Any]]
    claims: dict[URIRef, dict[str, Any]]
    docs: dict[URIRef, dict[str, str]]
    labels: dict[URIRef, str]


def _read(graph: Graph) -> _Model:
    """Everything the page shows, read from a graph of the SPEC's shape."""
    kgo = {name: URIRef(KGO + name) for name in (*CLASSES, *_PROP_STYLE, "value", "unit", "unitText",
                                                 "year", "metric", "qualifier", "isTarget", "text",
                                                 "evidence", "confidence", "rule", "weight")}
    types: dict[URIRef, list[str]] = defaultdict(list)
    for cls in CLASSES:
        for s in graph.subjects(RDF.type, kgo[cls]):
            if isinstance(s, URIRef):
                types[s].append(cls)
    nodes: dict[URIRef, _Node] = {}
    for iri, ts in types.items():
        primary = next(c for c in _PRIMARY if c in ts)
        nodes[iri] = _Node(iri, primary, sorted(set(ts), key=CLASSES.index))

    pref = _by_subject(graph, SKOS.prefLabel)
    alt = _by_subject(graph, SKOS.altLabel)
    rdfs_label = _by_subject(graph, RDFS.label)
    title = _by_subject(graph, DCTERMS.title)
    name = _by_subject(graph, SCHEMA.name)
    for iri, node in nodes.items():
        node.label = (_pick(pref.get(iri, ())) or _pick(rdfs_label.get(iri, ()))
                      or _pick(title.get(iri, ())) or _pick(name.get(iri, ())) or _local_name(str(iri)))
        node.alts = sorted({str(v) for v in (*alt.get(iri, ()), *pref.get(iri, ()))
                            if isinstance(v, Literal) and str(v) != node.label})
    for attr in ("jobTitle", "birthDate"):
        for s, o in graph.subject_objects(SCHEMA[attr]):
            if s in nodes and isinstance(o, Literal):
                nodes[s].attrs.append((attr, str(o)))
    for node in nodes.values():
        node.attrs.sort()
    for doc, ent in graph.subject_objects(SCHEMA.mentions):
        if ent in nodes and isinstance(doc, URIRef):
            nodes[ent].docs.append(doc)
    for node in nodes.values():
        node.docs = sorted(set(node.docs))

    labels = {iri: n.label for iri, n in nodes.items()}

    docs: dict[URIRef, dict[str, str]] = {}
    doc_ids = {d for n in nodes.values() for d in n.docs} | {s for s in nodes if nodes[s].cls == "Document"}
    derived = _by_subject(graph, PROV.wasDerivedFrom)
    doc_ids |= {o for objs in derived.values() for o in objs if isinstance(o, URIRef)}
    source = _by_subject(graph, DCTERMS.source)
    date = _by_subject(graph, DCTERMS.date)
    publisher = _by_subject(graph, DCTERMS.publisher)
    for d in sorted(doc_ids):
        src = source.get(d, [])
        docs[d] = {
            "title": _pick(title.get(d, ())) or _local_name(str(d)),
            "source": str(min(src, key=str)) if src else "",
            "date": str(min(date.get(d, []), key=str, default="")),
            "publisher": _pick(publisher.get(d, ())),
            "iri": str(d),
        }

    evidence = _by_subject(graph, kgo["evidence"])
    confidence = _by_subject(graph, kgo["confidence"])
    rule = _by_subject(graph, kgo["rule"])
    weight = _by_subject(graph, kgo["weight"])

    def first_doc(n: Node) -> URIRef | None:
        return min((o for o in derived.get(n, ()) if isinstance(o, URIRef)), default=None)

    def num(values: Sequence[Node]) -> float | None:
        for v in values:
            try:
                return round(float(v), 2)
            except (TypeError, ValueError):
                continue
        return None

    # relation triples
    prop_names = list(dict.fromkeys((*_EDGE_PROPS, *_ontology()[2], "mentions")))
    symmetric = SYMMETRIC | _ontology()[1]
    edges: dict[tuple[URIRef, str, URIRef], _Edge] = {}
    for pname in prop_names:
        pred = SCHEMA.mentions if pname == "mentions" else URIRef(KGO + pname)
        for s, o in graph.subject_objects(pred):
            if s in nodes and o in nodes and s != o:
                if pname in symmetric and str(o) < str(s):
                    s, o = o, s
                edges.setdefault((s, pname, o), _Edge(s, pname, o))  # type: ignore[arg-type]
    # their provenance
    subj = _by_subject(graph, RDF.subject)
    pred_of = _by_subject(graph, RDF.predicate)
    obj = _by_subject(graph, RDF.object)
    for st, ss in subj.items():
        if not pred_of.get(st) or not obj.get(st):
            continue
        s, p, o = ss[0], pred_of[st][0], obj[st][0]
        pname = str(p)[len(KGO):] if str(p).startswith(KGO) else ""
        if pname in symmetric and str(o) < str(s):
            s, o = o, s
        edge = edges.get((s, pname, o))  # type: ignore[arg-type]
        if edge is None:
            continue
        w = num(weight.get(st, ())) or 0
        edge.weight += int(w)
        sentences = sorted(str(e) for e in evidence.get(st, ())) or [""]
        for sentence in sentences:
            edge.statements.append((sentence, first_doc(st), num(confidence.get(st, ())),
                                    _pick(rule.get(st, ())), int(w)))

    stats: dict[URIRef, dict[str, Any]] = {}
    about = _by_subject(graph, kgo["about"])
    for iri in sorted(i for i, n in nodes.items() if n.cls == "Statistic"):
        g = {p: _by_subject_one(graph, iri, kgo[p]) for p in ("value", "unit", "unitText", "year", "metric",
                                                              "qualifier", "isTarget")}
        stats[iri] = {
            "label": nodes[iri].label,
            "value": _decimal(g["value"]),
            "min": _decimal(graph.value(iri, SCHEMA.minValue)),
            "max": _decimal(graph.value(iri, SCHEMA.maxValue)),
            **{k: str(v) if v is not None else None for k, v in g.items() if k not in ("value", "isTarget")},
            "target": str(g["isTarget"]).lower() == "true",
            "about": sorted(o for o in about.get(iri, ()) if isinstance(o, URIRef)),
            "region": sorted(graph.objects(iri, kgo["region"])),
            "denominator": sorted(graph.objects(iri, kgo["denominator"])),
            "evidence": _pick(evidence.get(iri, ())),
            "doc": first_doc(iri),
        }
    claims: dict[URIRef, dict[str, Any]] = {}
    speaker = _by_subject(graph, kgo["speaker"])
    text = _by_subject(graph, kgo["text"])
    for iri in sorted(i for i, n in nodes.items() if n.cls == "Claim"):
        speakers = sorted(o for o in speaker.get(iri, ()) if isinstance(o, URIRef))
        claims[iri] = {
            "speaker": speakers,
            "text": _pick(text.get(iri, ())) or nodes[iri].label,
            "about": sorted(o for o in about.get(iri, ()) if isinstance(o, URIRef)),
            "evidence": _pick(evidence.get(iri, ())),
            "doc": first_doc(iri),
        }
        who = " / ".join(labels.get(s, _local_name(str(s))) for s in speakers)
        nodes[iri].label = _short(f"{who}：{claims[iri]['text']}" if who else claims[iri]["text"],
                                  len(who) + 10)
    for node in nodes.values():
        if node.cls in ("Document", "Statistic"):
            node.label = _short(node.label, 14)
    return _Model(nodes, sorted(edges.values(), key=lambda e: (str(e.s), e.p, str(e.o))), stats, claims,
                  docs, labels)


def _by_subject_one(graph: Graph, s: Node, p: URIRef) -> Node | None:
    values = sorted(graph.objects(s, p), key=str)
    return values[0] if values else None


# --------------------------------------------------------------------------- choosing the nodes


def _norm(text: str) -> str:
    """Search key: NFKC, lower case, no white space (the page's script does the same)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).lower())


@cache
def _converters() -> tuple[Any, ...]:
    try:
        import opencc
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    return tuple(opencc.OpenCC(c) for c in (*_TRADITIONAL, "t2s"))


def _variants(texts: Iterable[str]) -> list[str]:
    """Traditional (and, for traditional input, simplified) forms of ``texts`` that differ from them."""
    texts = list(texts)
    out: set[str] = set()
    for t in texts:
        for conv in _converters():
            out.add(conv.convert(t))
    return sorted(out - set(texts))


def _parse_types(types: Sequence[str] | None, documents: bool) -> list[str]:
    if not types:
        chosen = list(DEFAULT_TYPES)
    else:
        by_key = {c.lower(): c for c in CLASSES}
        chosen = []
        for item in types:
            for raw in str(item).split(","):
                name = raw.strip()
                if not name:
                    continue
                key = name.lower().removeprefix("kgo:")
                if key not in by_key:
                    raise UnknownNameError("node type", name, list(CLASSES))
                chosen.append(by_key[key])
    if documents and "Document" not in chosen:
        chosen.append("Document")
    return sorted(set(chosen), key=CLASSES.index)


def _find(model: _Model, candidates: Sequence[URIRef], label: str) -> URIRef:
    """The node ``label`` names: an IRI, a label, an alias or a traditional form of one."""
    wanted = _norm(label)
    exact: list[URIRef] = []
    other: list[URIRef] = []
    for iri in candidates:
        node = model.nodes[iri]
        if str(iri) == label or _norm(node.label) == wanted:
            exact.append(iri)
        elif wanted in {_norm(t) for t in (*node.alts, *_variants([node.label, *node.alts]))}:
            other.append(iri)
    if exact or other:
        return (exact or other)[0]
    if any(_norm(n.label) == wanted for n in model.nodes.values()):
        node = next(n for n in model.nodes.values() if _norm(n.label) == wanted)
        raise LabelNotFoundError(f"--focus {label!r} is a {node.cls}, which the chosen --types leave out")
    close = difflib.get_close_matches(label, sorted({model.nodes[i].label for i in candidates}), n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    raise LabelNotFoundError(f"--focus {label!r}: no node has this label, alias or traditional form{hint}")


def _select(model: _Model, allowed: Sequence[str], focus: str | None, depth: int, max_nodes: int,
            ) -> tuple[list[URIRef], int, URIRef | None, dict[URIRef, int]]:
    """The nodes to draw, most central first, and how many eligible ones were left out."""
    candidates = sorted(i for i, n in model.nodes.items() if n.cls in allowed)
    cand = set(candidates)
    neighbours: dict[URIRef, set[URIRef]] = defaultdict(set)
    for e in model.edges:
        if e.s in cand and e.o in cand:
            neighbours[e.s].add(e.o)
            neighbours[e.o].add(e.s)
    degree = {i: len(neighbours[i]) for i in candidates}
    distance: dict[URIRef, int] = {}
    focus_iri = None
    if focus is not None:
        focus_iri = _find(model, candidates, focus)
        distance[focus_iri] = 0
        frontier = [focus_iri]
        for d in range(1, depth + 1):
            nxt = sorted({v for u in frontier for v in neighbours[u]} - distance.keys())
            for v in nxt:
                distance[v] = d
            frontier = nxt
        candidates = sorted(distance)
    # degree centrality (ties: documents mentioning it, then IRI); nearer the focus first
    ranked = sorted(candidates, key=lambda i: (distance.get(i, 0), -degree[i], -len(model.nodes[i].docs),
                                               str(i)))
    return ranked[:max_nodes], max(0, len(ranked) - max_nodes), focus_iri, degree


# --------------------------------------------------------------------------- the page's data


#: how strongly an edge pulls its ends together in the layout: co-occurrence and the links of
#: Statistics, Claims and Documents pull less than typed relations, so these shape the picture
_PULL = {"relatedTo": 0.35, "about": 0.5, "speaker": 0.5, "region": 0.5, "denominator": 0.5, "mentions": 0.2}
#: shapes whose label is drawn inside them (vis-network); the others carry it below
_LABEL_INSIDE = frozenset({"box", "ellipse", "database", "circle", "text"})
_BOX_MAX_WIDTH = 180  # the page's widthConstraint for labels inside shapes
_INSIDE_FONT = 13
_CANVAS_LABEL_MAX = 24
#: label font of the least central entity, in layout units; with the layout's edge length this
#: gives ~14 px labels when a seed-sized graph (100-150 nodes) fits a 1,000-pixel-wide canvas
_BASE_FONT = 18
_EDGE_LENGTH = 80.0
#: the canvas size assumed when judging whether labels can be read without zooming
_OVERVIEW = (1000.0, 800.0)


def _canvas_label(label: str) -> str:
    """What the canvas shows of a label: scraped text can name an entity with a whole line."""
    return _short(label, _CANVAS_LABEL_MAX)


def _text_width(text: str, font: float) -> float:
    """Rough drawn width: CJK and full-width characters are one em, the rest about 0.6 em."""
    return font * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def _size(node: _Node, rel: float) -> tuple[float, int, tuple[float, float, float]]:
    """Node size, label font size and the box (half width, half height, centre offset)
    that shape and label take, for a node whose centrality relative to the top node is ``rel``."""
    shape = _CLASS_STYLE[node.cls][3]
    if shape in _LABEL_INSIDE:
        width = _text_width(_canvas_label(node.label), _INSIDE_FONT)
        lines = max(1, math.ceil(width / _BOX_MAX_WIDTH))
        half_w = min(width, _BOX_MAX_WIDTH) / 2 + 8
        return 0.0, _INSIDE_FONT, (half_w, lines * _INSIDE_FONT * 0.65 + 8, 0.0)
    if node.cls in ("Statistic", "Claim"):  # details, not landmarks: small whatever their degree
        size, font = 9.0, 12
    else:
        size = round(8 + 22 * rel, 1)
        font = round(_BASE_FONT + 12 * rel)
    label_h = font * 1.3
    half_w = max(size, _text_width(_canvas_label(node.label), font) / 2) + 6
    # the label hangs below the shape: the box spans from the shape's top to the label's foot
    return size, font, (half_w, (2 * size + label_h) / 2 + 5, label_h / 2)


def _year(text: str | None) -> int:
    m = re.match(r"-?\d+", text or "")
    return int(m.group()) if m else 0


def _compact_iri(iri: URIRef) -> str:
    """``kgr:`` + local part for zhkg resources (the page expands it): long percent-encoded
    IRIs would otherwise be a good share of the page."""
    text = str(iri)
    return "kgr:" + text[len(KGR_IRI):] if text.startswith(KGR_IRI) else text


def _choose_edges(model: _Model, index: dict[URIRef, int], max_edges: int) -> tuple[list[_Edge], int]:
    """The edges between kept nodes, at most ``max_edges``: each node's strongest edge first
    (so no node is cut loose), then typed relations, then the strongest co-occurrences."""
    edges = [e for e in model.edges if e.s in index and e.o in index]
    if len(edges) <= max_edges:
        return edges, 0

    def strength(e: _Edge) -> tuple:
        return (e.p == "relatedTo", -(e.weight or len(e.statements)), -len(e.statements), str(e.s), e.p,
                str(e.o))

    edges.sort(key=strength)
    chosen: dict[int, _Edge] = {}
    best: set[URIRef] = set()
    for n, e in enumerate(edges):  # the strongest edge of every node
        if len(chosen) >= max_edges:
            break
        if e.s not in best or e.o not in best:
            chosen[n] = e
            best.update((e.s, e.o))
    for n, e in enumerate(edges):
        if len(chosen) >= max_edges:
            break
        chosen.setdefault(n, e)
    kept = sorted(chosen.values(), key=lambda e: (str(e.s), e.p, str(e.o)))
    return kept, len(edges) - len(kept)


def _landmark_fonts(model: _Model, kept: list[URIRef], sizes: list[tuple[float, int, Any]],
                    positions: list[tuple[float, float]]) -> dict[int, int]:
    """Overview label fonts for the most central entities, where the whole graph would
    otherwise show no label at all: like a map's place names, they name its regions. The
    page shrinks them back as you zoom in (at most 18 px on screen, never below their own)."""
    if not positions:
        return {}
    xs = [x for x, _ in positions]
    ys = [y for _, y in positions]
    scale = min(_OVERVIEW[0] / max(max(xs) - min(xs), 1.0), _OVERVIEW[1] / max(max(ys) - min(ys), 1.0))
    if _BASE_FONT * scale >= 9:
        return {}
    landmarks = [i for i, iri in enumerate(kept) if model.nodes[iri].cls in ENTITY_CLASSES]
    out = {}
    for rank, i in enumerate(landmarks[: 5 + len(kept) // 100]):  # kept is most central first
        font = round((16 if rank < 5 else 12) / scale)
        if font > sizes[i][1]:
            out[i] = font
    return out


class _Strings:
    """A table of repeated strings (sentences, rule ids): each stored once, referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.items)
            self.items.append(text)
        return self.index[text]


def _payload(model: _Model, kept: list[URIRef], left_out: int, focus: URIRef | None, allowed: list[str],
             degree: dict[URIRef, int], max_nodes: int, max_edges: int) -> tuple[dict[str, Any], int, int]:
    from kg.export.layout import layout

    index = {iri: i for i, iri in enumerate(kept)}
    strings = _Strings()
    doc_index: dict[URIRef, int] = {}

    def doc_ref(d: URIRef | None) -> int | None:
        if d is None:
            return None
        if d not in doc_index:
            doc_index[d] = len(doc_index)
        return doc_index[d]

    edges, edges_left_out = _choose_edges(model, index, max_edges)

    top = max((degree[i] + len(model.nodes[i].docs) for i in kept), default=1) or 1
    sizes = [_size(model.nodes[i], math.sqrt((degree[i] + len(model.nodes[i].docs)) / top)) for i in kept]
    positions = layout(len(kept), [(index[e.s], index[e.o]) for e in edges], boxes=[s[2] for s in sizes],
                       edge_length=_EDGE_LENGTH,
                       weights=[_PULL.get(e.p, 1.0) for e in edges])
    landmarks = _landmark_fonts(model, kept, sizes, positions)

    props = sorted({e.p for e in edges},
                   key=lambda p: (list(_PROP_STYLE).index(p) if p in _PROP_STYLE else 99, p))
    prop_index = {p: i for i, p in enumerate(props)}
    symmetric = SYMMETRIC | _ontology()[1]

    def ref(iri: URIRef) -> Any:
        """A kept node by index, any other by its label."""
        return index[iri] if iri in index else model.labels.get(iri, _local_name(str(iri)))

    # statistics and claims of each kept node (also those not drawn), a few per node
    per_node_stats: dict[URIRef, list[URIRef]] = defaultdict(list)
    for iri, st in model.stats.items():
        for a in dict.fromkeys((*st["about"], *st["region"], *st["denominator"])):
            if a in index:
                per_node_stats[a].append(iri)
    per_node_claims: dict[URIRef, list[URIRef]] = defaultdict(list)
    for iri, cl in model.claims.items():
        for a in dict.fromkeys((*cl["speaker"], *cl["about"])):
            if a in index:
                per_node_claims[a].append(iri)
    for lst in per_node_stats.values():  # most recent first
        lst.sort(key=lambda i: (-_year(model.stats[i]["year"]), str(i)))
    for node_iri, lst in per_node_claims.items():  # their own views first
        lst.sort(key=lambda i: (node_iri not in model.claims[i]["speaker"], str(i)))
    shown_stats = sorted({i for lst in per_node_stats.values() for i in lst[:_STATS_MAX]}
                         | {i for i in kept if i in model.stats}, key=str)
    shown_claims = sorted({i for lst in per_node_claims.values() for i in lst[:_CLAIMS_MAX]}
                          | {i for i in kept if i in model.claims}, key=str)
    stat_index = {iri: n for n, iri in enumerate(shown_stats)}
    claim_index = {iri: n for n, iri in enumerate(shown_claims)}
    stat_rows = []
    for iri in shown_stats:
        st = model.stats[iri]
        stat_rows.append({
            "l": st["label"], "v": st["value"], "u": st["unit"], "ut": st["unitText"], "y": st["year"],
            "m": st["metric"], "q": st["qualifier"], "t": st["target"], "min": st["min"], "max": st["max"],
            "a": [ref(a) for a in st["about"]], "r": [ref(a) for a in st["region"]],
            "dn": [ref(a) for a in st["denominator"]],
            "e": strings(st["evidence"]) if st["evidence"] else None, "d": doc_ref(st["doc"]),
        })
    claim_rows = []
    for iri in shown_claims:
        cl = model.claims[iri]
        claim_rows.append({
            "s": [ref(a) for a in cl["speaker"]], "x": cl["text"], "a": [ref(a) for a in cl["about"]],
            "e": strings(cl["evidence"]) if cl["evidence"] and cl["evidence"] != cl["text"] else None,
            "d": doc_ref(cl["doc"]),
        })

    present = [c for c in allowed if any(model.nodes[i].cls == c for i in kept)]
    class_index = {c: i for i, c in enumerate(present)}
    nodes_out = []
    for i, iri in enumerate(kept):
        node = model.nodes[iri]
        row: dict[str, Any] = {
            "l": node.label, "c": class_index[node.cls], "x": positions[i][0], "y": positions[i][1],
            "z": sizes[i][0], "f": sizes[i][1], "g": degree[iri], "i": _compact_iri(iri),
        }
        if i in landmarks:
            row["lf"] = landmarks[i]
        if _canvas_label(node.label) != node.label:
            row["sl"] = _canvas_label(node.label)
        if node.alts:
            row["al"] = node.alts
        variants = _variants([node.label, *node.alts])
        if variants:
            row["k"] = variants
        if len(node.types) > 1:
            row["ty"] = node.types
        if node.attrs:
            row["at"] = node.attrs
        if node.docs:
            row["md"] = len(node.docs)
            row["d"] = [doc_ref(d) for d in node.docs[:_DOCS_MAX]]
        if per_node_stats.get(iri):
            row["st"] = [stat_index[s] for s in per_node_stats[iri][:_STATS_MAX]]
            row["nst"] = len(per_node_stats[iri])
        if per_node_claims.get(iri):
            row["cl"] = [claim_index[c] for c in per_node_claims[iri][:_CLAIMS_MAX]]
            row["ncl"] = len(per_node_claims[iri])
        if iri in stat_index:
            row["s"] = stat_index[iri]
        if iri in claim_index:
            row["q"] = claim_index[iri]
        if node.cls == "Document":
            row["doc"] = doc_ref(iri)
        nodes_out.append(row)

    edges_out = []
    for e in edges:
        cap = _EVIDENCE_MAX_RELATED if e.p == "relatedTo" else _EVIDENCE_MAX
        seen: set[str] = set()
        shown = []
        for sentence, doc, conf, rule, _w in sorted(
                e.statements, key=lambda t: (-(t[2] or 0), -t[4], str(t[1]), t[0], t[3])):
            if sentence in seen or len(shown) >= cap:
                continue
            seen.add(sentence)
            shown.append([strings(sentence) if sentence else None, doc_ref(doc), conf,
                          strings(rule) if rule else None])
        row = {"f": index[e.s], "t": index[e.o], "p": prop_index[e.p]}
        if shown:
            row["e"] = shown
        if len(e.statements) > len(shown):
            row["n"] = len(e.statements)
        if e.weight:
            row["w"] = e.weight
        edges_out.append(row)

    classes_out = []
    for c in present:
        zh, en, colour, shape = _CLASS_STYLE[c]
        zh, en = _term_labels(c, zh, en)
        classes_out.append({"name": c, "zh": zh, "en": en, "color": colour, "shape": shape,
                            "n": sum(1 for i in kept if model.nodes[i].cls == c)})
    props_out = []
    for p in props:
        zh, en, colour = _PROP_STYLE.get(p, (p, p, "#888888"))
        zh, en = _term_labels(p, zh, en)
        props_out.append({"name": p, "zh": zh, "en": en, "color": colour, "sym": p in symmetric,
                          "n": sum(1 for e in edges if e.p == p)})
    docs_out = [None] * len(doc_index)
    for d, i in doc_index.items():
        info = model.docs.get(d, {"title": _local_name(str(d)), "source": "", "date": "", "publisher": "",
                                  "iri": str(d)})
        docs_out[i] = {"t": info["title"], "s": info["source"], "dt": info["date"], "pb": info["publisher"]}
    payload = {
        "meta": {
            "nodes": len(kept), "edges": len(edges), "leftOut": left_out, "edgesLeftOut": edges_left_out,
            "maxNodes": max_nodes, "focus": index[focus] if focus in index else None,
            "focusLabel": model.nodes[focus].label if focus is not None else None,
        },
        "classes": classes_out, "props": props_out, "nodes": nodes_out, "edges": edges_out,
        "stats": stat_rows, "claims": claim_rows, "docs": docs_out, "strings": strings.items,
    }
    return payload, len(edges), edges_left_out


# --------------------------------------------------------------------------- the page


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``</script>``,
    ``<!--`` or line separators can appear, and lone surrogates become U+FFFD.

    >>> script_json({"l": "</script><img src=x>"})
    '{"l":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


@cache
def _asset(name: str) -> str:
    return resources.files("kg.export").joinpath(name).read_text(encoding="utf-8")


@cache
def _vis_js() -> str:
    """vis-network as shipped with pyvis, read from the installed package's files (importing
    pyvis itself would cost a second and pull in IPython)."""
    spec = importlib.util.find_spec("pyvis")
    try:
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError("pyvis")
        text = (Path(next(iter(spec.submodule_search_locations))) / _VIS_JS).read_text(encoding="utf-8")
    except FileNotFoundError as e:  # pragma: no cover
        raise KGError("the HTML graph needs pyvis 0.3.2's bundled vis-network: pip install 'pyvis>=0.3.2'") from e
    if re.search(r"</script|<!--", text, re.IGNORECASE):  # pragma: no cover - would end the inline script
        raise KGError(f"pyvis's {_VIS_JS} cannot be inlined safely")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render(payload: dict[str, Any], title: str) -> str:
    """The whole page: template with styles, vis-network, the viewer script and the data inlined."""
    vis_js = _vis_js()
    app_js = _asset("html_viewer.js")
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "TITLE": html.escape(re.sub("[\ud800-\udfff]", "\ufffd", title)),
        "CSP": html.escape(csp),
        "CSS": _asset("html_viewer.css"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": script_json(payload),
    }
    # one pass, so a placeholder-like string inside the data is never expanded
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], _asset("html_viewer.html"))


def write_html(graph: Graph, path: str | Path, *, focus: str | None = None, depth: int = 2,
               max_nodes: int = 2000, types: Sequence[str] | None = None, documents: bool = False,
               max_edges: int | None = None, title: str | None = None) -> HtmlSummary:
    """Write ``graph`` as a self-contained interactive HTML page at ``path``.

    ``focus`` (a label, alias, traditional form or IRI) keeps only nodes within
    ``depth`` edges of it; ``types`` restricts the node classes (default: the
    seven entity classes, Statistic and Claim; ``documents`` adds Document);
    beyond ``max_nodes`` the most central nodes (by degree) are kept and the page
    says how many were left out; ``max_edges`` (default 4 × ``max_nodes``) drops
    the weakest co-occurrence edges first.
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    allowed = _parse_types(types, documents)
    model = _read(graph)
    kept, left_out, focus_iri, degree = _select(model, allowed, focus, depth, max_nodes)
    budget = max_edges if max_edges is not None else 4 * max_nodes
    payload, n_edges, edges_left_out = _payload(model, kept, left_out, focus_iri, allowed, degree,
                                                max_nodes, budget)
    if title is None:
        title = "zhkg graph" + (f" · {model.nodes[focus_iri].label}" if focus_iri is not None else "")
    page = render(payload, title)
    path = Path(path)
    with atomic_write(path) as f:
        f.write(page)
    return HtmlSummary(len(kept), n_edges, left_out, len(page.encode("utf-8")), edges_left_out, path)
