"""The page's data: node and edge rows, sizes, positions (:mod:`kg.export.layout`) and the legend."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from kg.export.html.select import short, variants
from kg.export.html.style import class_style, prop_rank, prop_style, shape
from kg.rdf.iri import KGR_IRI
from kg.rdf.reader import Edge, Node, View, local_name

#: evidence sentences kept per edge (the rest are counted); co-occurrence needs fewer
_EVIDENCE_MAX = 3
_EVIDENCE_MAX_RELATED = 1
_STATS_MAX = 8  # statistics listed per node (the rest are counted)
_CLAIMS_MAX = 5  # claims listed per node
_DOCS_MAX = 8  # documents listed per node
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


def decimal_display(value: str | None) -> str | None:
    """A decimal as the page shows it: thousands separated, no exponent.

    >>> decimal_display("45500000000000"), decimal_display("18.30"), decimal_display(None)
    ('45,500,000,000,000', '18.3', None)
    """
    if value is None:
        return None
    try:
        d = Decimal(value)
    except InvalidOperation:
        return value
    if d == d.to_integral_value() and abs(d) < Decimal(10) ** 30:
        return f"{d.quantize(Decimal(1)):,}"
    return f"{d.normalize():,f}"


def _canvas_label(label: str) -> str:
    """What the canvas shows of a label: scraped text can name an entity with a whole line."""
    return short(label, _CANVAS_LABEL_MAX)


def _text_width(text: str, font: float) -> float:
    """Rough drawn width: CJK and full-width characters are one em, the rest about 0.6 em."""
    return font * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def _size(node: Node, rel: float) -> tuple[float, int, tuple[float, float, float]]:
    """Node size, label font size and the box (half width, half height, centre offset)
    that shape and label take, for a node whose centrality relative to the top node is ``rel``."""
    if shape(node.cls) in _LABEL_INSIDE:
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


def _compact_iri(iri: str) -> str:
    """``kgr:`` + local part for zhkg resources (the page expands it): long percent-encoded
    IRIs would otherwise be a good share of the page."""
    return "kgr:" + iri[len(KGR_IRI):] if iri.startswith(KGR_IRI) else iri


def _choose_edges(view: View, index: dict[str, int], max_edges: int) -> tuple[list[Edge], int]:
    """The edges between kept nodes, at most ``max_edges``: each node's strongest edge first
    (so no node is cut loose), then typed relations, then the strongest co-occurrences."""
    edges = [e for e in view.edges if e.s in index and e.o in index]
    if len(edges) <= max_edges:
        return edges, 0

    def strength(e: Edge) -> tuple:
        return (e.p == "relatedTo", -(e.weight or len(e.statements)), -len(e.statements), e.s, e.p, e.o)

    edges.sort(key=strength)
    chosen: dict[int, Edge] = {}
    best: set[str] = set()
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
    kept = sorted(chosen.values(), key=lambda e: (e.s, e.p, e.o))
    return kept, len(edges) - len(kept)


def _landmark_fonts(view: View, kept: list[str], sizes: list[tuple[float, int, Any]],
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
    entity = set(view.ontology.entity_classes)
    landmarks = [i for i, iri in enumerate(kept) if view.nodes[iri].cls in entity]
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


class _Docs:
    """Documents by index, in the order rows first refer to them."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, d: str | None) -> int | None:
        if d is None:
            return None
        if d not in self.index:
            self.index[d] = len(self.index)
        return self.index[d]

    def rows(self, view: View) -> list[dict[str, str]]:
        out: list[dict[str, str]] = []
        for d in self.index:  # in index order
            info = view.docs.get(d)
            out.append({"t": info.title, "s": info.source, "dt": info.date, "pb": info.publisher} if info
                       else {"t": local_name(d), "s": "", "dt": "", "pb": ""})
        return out


class _Page:
    """The rows of one page: what is kept, and the tables rows refer to."""

    def __init__(self, view: View, labels: dict[str, str], kept: list[str]) -> None:
        self.view = view
        self.labels = labels
        self.kept = kept
        self.index = {iri: i for i, iri in enumerate(kept)}
        self.strings = _Strings()
        self.doc_ref = _Docs()

    def ref(self, iri: str) -> Any:
        """A kept node by index, any other by its label."""
        return self.index[iri] if iri in self.index else self.labels.get(iri, local_name(iri))

    def details(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Statistics and claims of each kept node (also those not drawn), most recent / their own first."""
        view, index = self.view, self.index
        stats: dict[str, list[str]] = defaultdict(list)
        for iri, st in view.stats.items():
            for a in dict.fromkeys((*st.about, *st.region, *st.denominator)):
                if a in index:
                    stats[a].append(iri)
        claims: dict[str, list[str]] = defaultdict(list)
        for iri, cl in view.claims.items():
            for a in dict.fromkeys((*cl.speaker, *cl.about)):
                if a in index:
                    claims[a].append(iri)
        for lst in stats.values():  # most recent first
            lst.sort(key=lambda i: (-_year(view.stats[i].year), i))
        for node_iri, lst in claims.items():  # their own views first
            lst.sort(key=lambda i: (node_iri not in view.claims[i].speaker, i))
        return stats, claims

    def stat_rows(self, shown: list[str]) -> list[dict[str, Any]]:
        rows = []
        for iri in shown:
            st = self.view.stats[iri]
            rows.append({
                "l": st.label, "v": decimal_display(st.value), "u": st.unit, "ut": st.unit_text, "y": st.year,
                "m": st.metric, "q": st.qualifier, "t": st.target, "min": decimal_display(st.min),
                "max": decimal_display(st.max),
                "a": [self.ref(a) for a in st.about], "r": [self.ref(a) for a in st.region],
                "dn": [self.ref(a) for a in st.denominator],
                "e": self.strings(st.evidence) if st.evidence else None, "d": self.doc_ref(st.doc),
            })
        return rows

    def claim_rows(self, shown: list[str]) -> list[dict[str, Any]]:
        rows = []
        for iri in shown:
            cl = self.view.claims[iri]
            rows.append({
                "s": [self.ref(a) for a in cl.speaker], "x": cl.text, "a": [self.ref(a) for a in cl.about],
                "e": self.strings(cl.evidence) if cl.evidence and cl.evidence != cl.text else None,
                "d": self.doc_ref(cl.doc),
            })
        return rows

    def edge_row(self, e: Edge, prop_index: dict[str, int]) -> dict[str, Any]:
        cap = _EVIDENCE_MAX_RELATED if e.p == "relatedTo" else _EVIDENCE_MAX
        seen: set[str] = set()
        shown = []
        for t in sorted(e.statements, key=lambda t: (-(t.confidence or 0), -t.weight, str(t.doc), t.sentence,
                                                     t.rule)):
            if t.sentence in seen or len(shown) >= cap:
                continue
            seen.add(t.sentence)
            shown.append([self.strings(t.sentence) if t.sentence else None, self.doc_ref(t.doc), t.confidence,
                          self.strings(t.rule) if t.rule else None])
        row: dict[str, Any] = {"f": self.index[e.s], "t": self.index[e.o], "p": prop_index[e.p]}
        if shown:
            row["e"] = shown
        if len(e.statements) > len(shown):
            row["n"] = len(e.statements)
        if e.weight:
            row["w"] = e.weight
        return row


def _node_row(page: _Page, i: int, iri: str, layout: tuple, extras: dict[str, Any]) -> dict[str, Any]:
    """One node's row: ``layout`` is (position, size, class index, degree), ``extras`` the rest."""
    node = page.view.nodes[iri]
    (x, y), (size, font, _), cls_index, degree = layout
    row: dict[str, Any] = {"l": node.label, "c": cls_index, "x": x, "y": y, "z": size, "f": font, "g": degree,
                           "i": _compact_iri(iri)}
    if "lf" in extras:
        row["lf"] = extras["lf"]
    if _canvas_label(node.label) != node.label:
        row["sl"] = _canvas_label(node.label)
    if node.alts:
        row["al"] = list(node.alts)
    found = variants([node.label, *node.alts])
    if found:
        row["k"] = found
    if len(node.types) > 1:
        row["ty"] = list(node.types)
    if node.attrs:
        row["at"] = [list(a) for a in node.attrs]
    if node.docs:
        row["md"] = len(node.docs)
        row["d"] = [page.doc_ref(d) for d in node.docs[:_DOCS_MAX]]
    for key in ("st", "nst", "cl", "ncl", "s", "q"):
        if key in extras:
            row[key] = extras[key]
    if node.cls == "Document":
        row["doc"] = page.doc_ref(iri)
    return row


def _extras(page: _Page, i: int, iri: str, details: tuple, tables: tuple, landmarks: dict[int, int]) -> dict:
    """A node's references into the statistics and claims tables."""
    (per_stats, per_claims), (stat_index, claim_index) = details, tables
    out: dict[str, Any] = {}
    if i in landmarks:
        out["lf"] = landmarks[i]
    if per_stats.get(iri):
        out["st"] = [stat_index[s] for s in per_stats[iri][:_STATS_MAX]]
        out["nst"] = len(per_stats[iri])
    if per_claims.get(iri):
        out["cl"] = [claim_index[c] for c in per_claims[iri][:_CLAIMS_MAX]]
        out["ncl"] = len(per_claims[iri])
    if iri in stat_index:
        out["s"] = stat_index[iri]
    if iri in claim_index:
        out["q"] = claim_index[iri]
    return out


def _legend(view: View, kept: list[str], present: list[str], props: list[str], edges: list[Edge]) -> tuple:
    onto = view.ontology
    classes_out = []
    for c in present:
        zh, en, colour, shp = class_style(onto, c)
        classes_out.append({"name": c, "zh": zh, "en": en, "color": colour, "shape": shp,
                            "n": sum(1 for i in kept if view.nodes[i].cls == c)})
    props_out = []
    for p in props:
        zh, en, colour = prop_style(onto, p)
        props_out.append({"name": p, "zh": zh, "en": en, "color": colour, "sym": p in onto.symmetric,
                          "n": sum(1 for e in edges if e.p == p)})
    return classes_out, props_out


def payload(view: View, labels: dict[str, str], kept: list[str], left_out: int, focus: str | None,
            allowed: list[str], degree: dict[str, int], max_nodes: int, max_edges: int,
            ) -> tuple[dict[str, Any], int, int]:
    """The page's data for the ``kept`` nodes (most central first), and the edges drawn and left out."""
    from kg.export.layout import layout

    page = _Page(view, labels, kept)
    index = page.index
    edges, edges_left_out = _choose_edges(view, index, max_edges)
    top = max((degree[i] + len(view.nodes[i].docs) for i in kept), default=1) or 1
    sizes = [_size(view.nodes[i], math.sqrt((degree[i] + len(view.nodes[i].docs)) / top)) for i in kept]
    positions = layout(len(kept), [(index[e.s], index[e.o]) for e in edges], boxes=[s[2] for s in sizes],
                       edge_length=_EDGE_LENGTH, weights=[_PULL.get(e.p, 1.0) for e in edges])
    landmarks = _landmark_fonts(view, kept, sizes, positions)
    props = sorted({e.p for e in edges}, key=prop_rank)
    prop_index = {p: i for i, p in enumerate(props)}

    per_stats, per_claims = page.details()
    shown_stats = sorted({i for lst in per_stats.values() for i in lst[:_STATS_MAX]}
                         | {i for i in kept if i in view.stats})
    shown_claims = sorted({i for lst in per_claims.values() for i in lst[:_CLAIMS_MAX]}
                          | {i for i in kept if i in view.claims})
    tables = ({iri: n for n, iri in enumerate(shown_stats)}, {iri: n for n, iri in enumerate(shown_claims)})
    stat_rows, claim_rows = page.stat_rows(shown_stats), page.claim_rows(shown_claims)

    present = [c for c in allowed if any(view.nodes[i].cls == c for i in kept)]
    class_index = {c: i for i, c in enumerate(present)}
    nodes_out = [
        _node_row(page, i, iri, (positions[i], sizes[i], class_index[view.nodes[iri].cls], degree[iri]),
                  _extras(page, i, iri, (per_stats, per_claims), tables, landmarks))
        for i, iri in enumerate(kept)
    ]
    edges_out = [page.edge_row(e, prop_index) for e in edges]
    classes_out, props_out = _legend(view, kept, present, props, edges)
    data = {
        "meta": {
            "nodes": len(kept), "edges": len(edges), "leftOut": left_out, "edgesLeftOut": edges_left_out,
            "maxNodes": max_nodes, "focus": index[focus] if focus in index else None,
            "focusLabel": view.nodes[focus].label if focus is not None else None,
        },
        "classes": classes_out, "props": props_out, "nodes": nodes_out, "edges": edges_out,
        "stats": stat_rows, "claims": claim_rows, "docs": page.doc_ref.rows(view), "strings": page.strings.items,
    }
    return data, len(edges), edges_left_out
