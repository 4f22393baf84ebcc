"""The interactive HTML graph: one self-contained, offline page per graph.

This package is the only code that knows the viewer, and the only one that knows pyvis, and it uses just pyvis's bundled
vis-network script, inlined. pyvis's own page generator is not used: its
"in-line" mode still links Bootstrap from a CDN, it writes in the platform's
encoding, its tooltips render raw HTML, and ``add_edge`` is quadratic. Here:

- the node and edge lists come from the graph as :func:`kg.rdf.reader.read`
  gives it (entities, Statistics, Claims, optionally Documents; relation
  triples with their ``rdf:Statement`` provenance), and every class and
  property the ontology declares is drawn, styled by :mod:`.style`;
- positions are computed in Python (:mod:`kg.export.layout`) so the page draws
  with physics off and is ready in about a second even at 5,000 nodes;
- the data travels as JSON in a ``<script type="application/json">`` block with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the page script puts every
  string into the DOM with ``textContent``; a Content-Security-Policy allowing
  only the page's own two scripts (by hash) and no network access backs this up;
- the file is written as UTF-8, atomically.

Modules: :mod:`.select` (the page's view of the graph, ``--types``,
``--focus``, the most central nodes), :mod:`.style` (colours, shapes, legend
order), :mod:`.payload` (the rows and the layout), :mod:`.page` (the HTML).

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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.atomic import atomic_write
from kg.export.html.page import render, script_json
from kg.export.html.payload import payload
from kg.export.html.select import LabelNotFoundError, displayed, parse_types, select
from kg.export.html.style import legend
from kg.rdf.ontology import Ontology, load
from kg.rdf.reader import read

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["HtmlSummary", "LabelNotFoundError", "classes", "render", "script_json", "write_html"]


def classes(ontology: Ontology | None = None) -> tuple[str, ...]:
    """The node classes the page knows (``--types``), in legend order."""
    return legend(ontology or load())


@dataclass(frozen=True, slots=True)
class HtmlSummary:
    """What :func:`write_html` wrote: counts the CLI prints and the page states."""

    nodes: int
    edges: int
    left_out: int
    bytes: int
    edges_left_out: int = 0
    path: Path | None = None


def write_html(graph: Graph, path: str | Path, *, focus: str | None = None, depth: int = 2,
               max_nodes: int = 2000, types: Sequence[str] | None = None, documents: bool = False,
               max_edges: int | None = None, title: str | None = None,
               ontology: Ontology | str | Path | None = None) -> HtmlSummary:
    """Write ``graph`` as a self-contained interactive HTML page at ``path``.

    ``focus`` (a label, alias, traditional form or IRI) keeps only nodes within
    ``depth`` edges of it; ``types`` restricts the node classes (default: the
    entity classes, Statistic and Claim; ``documents`` adds Document);
    beyond ``max_nodes`` the most central nodes (by degree) are kept and the page
    says how many were left out; ``max_edges`` (default 4 × ``max_nodes``) drops
    the weakest co-occurrence edges first. ``ontology`` (an :class:`Ontology` or
    a file) says which classes and properties there are (default: zhkg's).
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    onto = ontology if isinstance(ontology, Ontology) else load(ontology)
    allowed = parse_types(onto, types, documents)
    view, labels = displayed(read(graph, onto))
    kept, left_out, focus_iri, degree = select(view, allowed, focus, depth, max_nodes)
    budget = max_edges if max_edges is not None else 4 * max_nodes
    data, n_edges, edges_left_out = payload(view, labels, kept, left_out, focus_iri, allowed, degree,
                                            max_nodes, budget)
    if title is None:
        title = "zhkg graph" + (f" · {view.nodes[focus_iri].label}" if focus_iri is not None else "")
    page = render(data, title)
    path = Path(path)
    with atomic_write(path) as f:
        f.write(page)
    return HtmlSummary(len(kept), n_edges, left_out, len(page.encode("utf-8")), edges_left_out, path)
