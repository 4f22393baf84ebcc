"""``kg view``: render any zhkg graph (one built here, elsewhere, or several merged) as
the interactive HTML page :mod:`kg.export.html` writes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kg.commands import count
from kg.errors import InputError
from kg.rdf.iri import KGO_IRI

if TYPE_CHECKING:
    from rdflib import Graph


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "view",
        help="write an interactive, offline HTML graph of GRAPH files",
        description="Render zhkg graphs (Turtle and other RDF files, merged) as one self-contained HTML "
        "page: search by label, traditional form or alias; filter by class and property; every edge "
        "with its evidence sentences. The page loads nothing from the network.",
    )
    p.add_argument("graph", nargs="+", metavar="GRAPH", help="RDF file(s) to show (.ttl, .nt, .trig ...)")
    p.add_argument("-o", "--output", metavar="FILE.html",
                   help="where to write the page (default: the first GRAPH's name with .html, beside it; "
                   "graph.html in the current folder for '-')")
    p.add_argument("--focus", metavar="LABEL",
                   help="show only the neighbourhood of the node with this label, alias, traditional form or IRI")
    p.add_argument("--depth", type=count(0), default=2, metavar="N",
                   help="with --focus: how many edges away from it to go (default: 2)")
    p.add_argument("--max-nodes", type=count(1), default=2000, metavar="N",
                   help="keep at most N nodes, the most central by degree; the page says how many were left "
                   "out (default: 2000)")
    p.add_argument("--max-edges", type=count(0), default=None, metavar="N",
                   help="keep at most N edges, dropping the weakest co-occurrences first (default: 4 x --max-nodes)")
    p.add_argument("--types", metavar="CLASS,...",
                   help="node classes to show, comma-separated, from the ontology's classes (Concept, Person, "
                   "Statistic, Claim ...; a wrong name lists them all; default: all but Document)")
    p.add_argument("--documents", action="store_true", help="also show Document nodes and their mentions")
    p.add_argument("--ontology", metavar="FILE.ttl", default=None,
                   help="the ontology whose classes and properties to show (default: zhkg's ontology/zhkg.ttl)")
    p.set_defaults(func=run)
    return p


def default_output(first_graph: str) -> Path:
    """``data/merged.ttl`` -> ``data/merged.html``; standard input -> ``graph.html``."""
    if first_graph == "-":
        return Path("graph.html")
    return Path(first_graph).with_suffix(".html")


def require_entities(graph: Graph, names: list[str]) -> None:
    """Refuse a graph with no zhkg entity: its page would be blank, with nothing to say why."""
    from kg.rdf.reader import census

    if census(graph).classes:
        return
    origin = ", ".join("standard input" if n == "-" else n for n in names)
    n = len(graph)
    held = "no RDF triples, so" if n == 0 else f"{n} triple{'s' if n != 1 else ''} but"
    raise InputError(origin, f"{'hold' if len(names) > 1 else 'holds'} {held} no zhkg entities (nothing is typed "
                     f"with a class under {KGO_IRI}, such as kgo:Concept); kg view shows graphs made by kg build")


def run(args: argparse.Namespace) -> int:
    from kg.export.html import write_html
    from kg.store import load_graphs

    graph = load_graphs(args.graph)
    require_entities(graph, args.graph)
    out = Path(args.output) if args.output else default_output(args.graph[0])
    types = [t for t in args.types.split(",") if t.strip()] if args.types else None
    summary = write_html(graph, out, focus=args.focus, depth=args.depth, max_nodes=args.max_nodes,
                         types=types, documents=args.documents, max_edges=args.max_edges, ontology=args.ontology)
    extra = f", {summary.edges_left_out} edges left out" if summary.edges_left_out else ""
    print(f"{out}: {summary.nodes} nodes, {summary.edges} edges, {summary.left_out} nodes left out{extra} "
          f"({summary.bytes / 1e6:.1f} MB)")
    return 0
