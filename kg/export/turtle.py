"""Canonical Turtle: byte-identical for the same graph, readable, and loadable everywhere.

rdflib's serializer is correct but slow on large graphs and its output
ordering is not a documented contract, so zhkg writes Turtle itself: prefixes
sorted, subjects sorted by IRI, ``rdf:type`` first then predicates sorted,
objects sorted. Prefixed names are used only where the local part is plainly
valid in every Turtle parser (letters, digits, ``_``, ``-``, CJK, ``%XX``);
anything else is written as a full ``<IRI>``. No blank nodes are expected;
should one appear it is written as ``_:b<label>``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.atomic import atomic_write
from kg.rdf.namespaces import PREFIXES

_FIRST = r"[A-Za-z0-9_\u3400-\u4dbf\u4e00-\u9fff]|%[0-9A-Fa-f]{2}"
_REST = r"[A-Za-z0-9_\-\u3400-\u4dbf\u4e00-\u9fff]|%[0-9A-Fa-f]{2}"
_LOCAL = re.compile(f"^(?:{_FIRST})(?:{_REST})*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape_char(m: re.Match[str]) -> str:
    ch = m.group(0)
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"


def _iri_char(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04X}"


class _Names:
    """Turns IRIs into prefixed names where that is safe."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        # longest namespace first so kgr: beats a shorter prefix of it
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache: dict[str, str] = {}

    def iri(self, value: str) -> str:
        hit = self.cache.get(value)
        if hit is not None:
            return hit
        out = None
        for prefix, ns in self.prefixes:
            if value.startswith(ns):
                local = value[len(ns) :]
                if local and _LOCAL.match(local):
                    out = f"{prefix}:{local}"
                break
        if out is None:
            out = "<" + _IRI_BAD.sub(_iri_char, value) + ">"
        self.cache[value] = out
        return out


def _literal(lit: Literal, names: _Names) -> str:
    text = _NEEDS_ESCAPE.sub(_escape_char, str(lit))
    if lit.language:
        return f'"{text}"@{lit.language}'
    if lit.datatype is not None and lit.datatype != XSD.string:
        return f'"{text}"^^{names.iri(str(lit.datatype))}'
    return f'"{text}"'


def _term(node: Node, names: _Names) -> str:
    if isinstance(node, URIRef):
        return names.iri(str(node))
    if isinstance(node, Literal):
        return _literal(node, names)
    if isinstance(node, BNode):
        return f"_:b{node}"
    raise TypeError(f"cannot write {node!r} in Turtle")


def _object_key(node: Node) -> tuple:
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, Literal):
        return (1, str(node), node.language or "", str(node.datatype or ""))
    return (2, str(node), "", "")


def turtle_lines(graph: Graph, prefixes: dict[str, str] | None = None) -> Iterator[str]:
    """The Turtle document of ``graph``, line by line."""
    prefixes = prefixes or {p: str(ns) for p, ns in PREFIXES.items()}
    names = _Names(prefixes)
    for prefix in sorted(prefixes):
        yield f"@prefix {prefix}: <{prefixes[prefix]}> ."
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        by_subject[s][p].append(o)
    for s in sorted(by_subject, key=lambda n: (isinstance(n, BNode), str(n))):
        yield ""
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, str(p)))
        parts = []
        for p in order:
            objs = sorted(set(preds[p]), key=_object_key)
            verb = "a" if p == RDF.type else _term(p, names)
            parts.append(f"{verb} " + " ,\n        ".join(_term(o, names) for o in objs))
        yield _term(s, names) + " " + " ;\n    ".join(parts) + " ."


def to_turtle(graph: Graph) -> str:
    """The canonical Turtle text of ``graph``.

    >>> from rdflib import Graph, URIRef, Literal
    >>> g = Graph()
    >>> label = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    >>> _ = g.add((URIRef("https://w3id.org/zhkg/resource/算力"), label, Literal("算力", lang="zh-Hans")))
    >>> print(to_turtle(g).splitlines()[-1])
    kgr:算力 skos:prefLabel "算力"@zh-Hans .
    """
    return "\n".join(turtle_lines(graph)) + "\n"


def write_turtle(graph: Graph, path: str | Path, **_: object) -> None:
    """Write ``graph`` as canonical Turtle to ``path``, atomically, in UTF-8."""
    with atomic_write(path) as f:
        for line in turtle_lines(graph):
            f.write(line)
            f.write("\n")
