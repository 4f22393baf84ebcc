"""The page's view of a graph (:func:`kg.rdf.reader.read`, with display labels) and which nodes it draws."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kg.errors import KGError, UnknownNameError
from kg.export.html.style import HIDDEN_BY_DEFAULT, legend
from kg.rdf.ontology import Ontology
from kg.rdf.reader import View, local_name
from kg.text.labels import search_key
from kg.text.script import convert

_TRADITIONAL = ("s2t", "s2tw", "s2twp", "s2hk")


class LabelNotFoundError(KGError):
    """``--focus`` names no node of the graph."""


def short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def displayed(view: View) -> tuple[View, dict[str, str]]:
    """The view with the labels the page shows, and every node's own label (for references).

    A claim is labelled ``speaker：text`` (shortened); documents and statistics are shortened too.
    """
    labels = {iri: n.label for iri, n in view.nodes.items()}
    nodes = dict(view.nodes)
    for iri, cl in view.claims.items():
        who = " / ".join(labels.get(s, local_name(s)) for s in cl.speaker)
        nodes[iri] = replace(nodes[iri], label=short(f"{who}：{cl.text}" if who else cl.text, len(who) + 10))
    for iri, node in nodes.items():
        if node.cls in ("Document", "Statistic"):
            nodes[iri] = replace(node, label=short(node.label, 14))
    order = {c: i for i, c in enumerate(legend(view.ontology))}
    for iri, node in nodes.items():
        if len(node.types) > 1:
            nodes[iri] = replace(node, types=tuple(sorted(node.types, key=order.__getitem__)))
    return replace(view, nodes=nodes), labels


#: search key: NFKC, lower case, no white space (the page's script does the same)
norm = search_key


def variants(texts: Iterable[str]) -> list[str]:
    """Traditional (and, for traditional input, simplified) forms of ``texts`` that differ from them."""
    texts = list(texts)
    out: set[str] = set()
    for t in texts:
        for config in (*_TRADITIONAL, "t2s"):
            out.add(convert(config, t))
    return sorted(out - set(texts))


def parse_types(onto: Ontology, types: Sequence[str] | None, documents: bool) -> list[str]:
    """The classes to show: ``types`` (names, comma-separated or not, ``kgo:`` optional) or all but Document."""
    classes = legend(onto)
    if not types:
        chosen = [c for c in classes if c not in HIDDEN_BY_DEFAULT]
    else:
        by_key = {c.lower(): c for c in classes}
        chosen = []
        for item in types:
            for raw in str(item).split(","):
                name = raw.strip()
                if not name:
                    continue
                key = name.lower().removeprefix("kgo:")
                if key not in by_key:
                    raise UnknownNameError("node type", name, list(classes))
                chosen.append(by_key[key])
    if documents and "Document" not in chosen:
        chosen.append("Document")
    return sorted(set(chosen), key=classes.index)


def find(view: View, candidates: Sequence[str], label: str) -> str:
    """The node ``label`` names: an IRI, a label, an alias or a traditional form of one."""
    wanted = norm(label)
    exact: list[str] = []
    other: list[str] = []
    for iri in candidates:
        node = view.nodes[iri]
        if iri == label or norm(node.label) == wanted:
            exact.append(iri)
        elif wanted in {norm(t) for t in (*node.alts, *variants([node.label, *node.alts]))}:
            other.append(iri)
    if exact or other:
        return (exact or other)[0]
    if any(norm(n.label) == wanted for n in view.nodes.values()):
        node = next(n for n in view.nodes.values() if norm(n.label) == wanted)
        raise LabelNotFoundError(f"--focus {label!r} is a {node.cls}, which the chosen --types leave out")
    close = difflib.get_close_matches(label, sorted({view.nodes[i].label for i in candidates}), n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    raise LabelNotFoundError(f"--focus {label!r}: no node has this label, alias or traditional form{hint}")


def select(view: View, allowed: Sequence[str], focus: str | None, depth: int, max_nodes: int,
           ) -> tuple[list[str], int, str | None, dict[str, int]]:
    """The nodes to draw, most central first, and how many eligible ones were left out."""
    candidates = sorted(i for i, n in view.nodes.items() if n.cls in allowed)
    cand = set(candidates)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in view.edges:
        if e.s in cand and e.o in cand:
            neighbours[e.s].add(e.o)
            neighbours[e.o].add(e.s)
    degree = {i: len(neighbours[i]) for i in candidates}
    distance: dict[str, int] = {}
    focus_iri = None
    if focus is not None:
        focus_iri = find(view, candidates, focus)
        distance[focus_iri] = 0
        frontier = [focus_iri]
        for d in range(1, depth + 1):
            nxt = sorted({v for u in frontier for v in neighbours[u]} - distance.keys())
            for v in nxt:
                distance[v] = d
            frontier = nxt
        candidates = sorted(distance)
    # degree centrality (ties: documents mentioning it, then IRI); nearer the focus first
    ranked = sorted(candidates, key=lambda i: (distance.get(i, 0), -degree[i], -len(view.nodes[i].docs), i))
    return ranked[:max_nodes], max(0, len(ranked) - max_nodes), focus_iri, degree
