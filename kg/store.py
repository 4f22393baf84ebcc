"""Where graphs live: the store interface and loading ``GRAPH`` arguments.

``kg query``, ``kg view`` and ``kg eval`` take one or more GRAPH arguments;
:func:`load_graphs` turns them into one rdflib graph. The :class:`Store`
protocol is what a faster back-end (pyoxigraph, a SPARQL endpoint) implements.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rdflib import Graph
from rdflib.term import Node

from kg.errors import InputError, KGError

#: file suffix -> rdflib parser format
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}


@runtime_checkable
class Store(Protocol):
    """The least a graph store offers zhkg: add triples, match them, run SPARQL."""

    def add_graph(self, graph: Graph) -> None: ...

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[tuple]: ...

    def query(self, sparql: str) -> Any: ...

    def __len__(self) -> int: ...


class MemoryStore:
    """The default store: an in-memory rdflib graph."""

    def __init__(self, graph: Graph | None = None) -> None:
        self.graph = graph if graph is not None else Graph()

    def add_graph(self, graph: Graph) -> None:
        self.graph += graph

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[tuple]:
        return self.graph.triples(pattern)

    def query(self, sparql: str) -> Any:
        return self.graph.query(sparql)

    def __len__(self) -> int:
        return len(self.graph)


def load_graph(path: str | Path, into: Graph | None = None) -> Graph:
    """Parse one RDF file (format from its suffix, Turtle by default)."""
    graph = into if into is not None else Graph()
    p = Path(path)
    if str(path) != "-" and not p.is_file():
        raise InputError(str(path), "no such graph file" if not p.exists() else "not a file")
    fmt = FORMATS.get(p.suffix.lower(), "turtle")
    try:
        if str(path) == "-":
            import sys

            graph.parse(data=sys.stdin.buffer.read(), format=fmt)
        else:
            if fmt == "json-ld":
                _refuse_remote_contexts(str(path), p.read_bytes())
            graph.parse(p, format=fmt)
    except InputError:
        raise
    except Exception as e:  # rdflib raises many types for bad syntax
        raise InputError(str(path), f"not valid {fmt}: {syntax_problem(e)}") from e
    return graph


def read_turtle(path: Path, error: type[KGError], what: str) -> Graph:
    """A Turtle file of zhkg's own kind (the ontology, a lexicon) parsed, or ``error`` in one line naming it:
    ``PATH: no such WHAT file`` or ``PATH: not valid Turtle: line 2: …``."""
    if not path.is_file():
        raise error(f"{path}: no such {what} file")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as e:  # rdflib raises many types for bad syntax
        raise error(f"{path}: not valid Turtle: {syntax_problem(e)}") from e
    return graph


def remote_contexts(data: object) -> list[str]:
    """The ``@context`` / ``@import`` references in JSON-LD that rdflib would fetch from the network.

    >>> remote_contexts({"@context": ["https://schema.org/", {"x": "http://x/"}], "@id": "ctx.jsonld"})
    ['https://schema.org/']
    """
    from urllib.parse import urlsplit

    found: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("@context", "@import"):
                    refs = item if isinstance(item, list) else [item]
                    found += [r for r in refs if isinstance(r, str) and urlsplit(r).scheme.lower() not in ("", "file")]
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return sorted(set(found))


def _refuse_remote_contexts(origin: str, data: bytes) -> None:
    """Reading a graph must not touch the network: rdflib fetches remote JSON-LD contexts, with no timeout."""
    import json

    try:
        parsed = json.loads(data)
    except ValueError:
        return  # not JSON: rdflib's parser says what is wrong
    urls = remote_contexts(parsed)
    if urls:
        raise InputError(origin, f"its JSON-LD @context refers to {', '.join(urls)}, which would be fetched from "
                         "the network; zhkg reads local files only: put the context in the file")


def syntax_problem(error: Exception) -> str:
    """rdflib's parse error as one readable line: ``line 2: Bad syntax (expected directive or statement)``.

    >>> from rdflib import Graph
    >>> try:
    ...     Graph().parse(data="数字经济", format="turtle")
    ... except Exception as e:
    ...     print(syntax_problem(e))
    line 1: Bad syntax (expected directive or statement)
    """
    import re

    text = str(error).strip()
    if not text:
        return type(error).__name__
    line = re.search(r"at line (\d+)", text)
    reason = re.search(r"(Bad syntax \([^)]*\)|[A-Z][^\n]*?(?:expected|Expected|invalid|Invalid)[^\n]*)", text)
    detail = reason.group(1) if reason else next(
        (ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("at line")), text
    )
    return f"line {line.group(1)}: {detail}" if line else detail


def load_graphs(paths: Sequence[str | Path] | Iterable[str | Path]) -> Graph:
    """Merge every GRAPH argument into one graph with zhkg's prefixes bound."""
    from kg.rdf.namespaces import bind_prefixes

    graph = bind_prefixes(Graph())
    for path in paths:
        load_graph(path, graph)
    return graph
