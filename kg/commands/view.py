"""``kg view``: render any zhkg graph (one built here, elsewhere, or several merged) as
the interactive HTML page :mod:`kg.export.html` writes."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.store import load_graphs

_CLASSES = "Concept, Technology, Sector, Product, Person, Organization, Place, Statistic, Claim, Document"


def _count(minimum: int):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{text!r} is less than {minimum}")
        return value

    return parse


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
    p.add_argument("--depth", type=_count(0), default=2, metavar="N",
                   help="with --focus: how many edges away from it to go (default: 2)")
    p.add_argument("--max-nodes", type=_count(1), default=2000, metavar="N",
                   help="keep at most N nodes, the most central by degree; the page says how many were left "
                   "out (default: 2000)")
    p.add_argument("--max-edges", type=_count(0), default=None, metavar="N",
                   help="keep at most N edges, dropping the weakest co-occurrences first (default: 4 x --max-nodes)")
    p.add_argument("--types", metavar="CLASS,...",
                   help=f"node classes to show, comma-separated, from: {_CLASSES} "
                   "(default: all but Document)")
    p.add_argument("--documents", action="store_true", help="also show Document nodes and their mentions")
    p.set_defaults(func=run)
    return p


def default_output(first_graph: str) -> Path:
    """``data/merged.ttl`` -> ``data/merged.html``; standard input -> ``graph.html``."""
    if first_graph == "-":
        return Path("graph.html")
    return Path(first_graph).with_suffix(".html")


def run(args: argparse.Namespace) -> int:
    from kg.export.html import write_html

    graph = load_graphs(args.graph)
    out = Path(args.output) if args.output else default_output(args.graph[0])
    types = [t for t in args.types.split(",") if t.strip()] if args.types else None
    summary = write_html(graph, out, focus=args.focus, depth=args.depth, max_nodes=args.max_nodes,
                         types=types, documents=args.documents, max_edges=args.max_edges)
    extra = f", {summary.edges_left_out} edges left out" if summary.edges_left_out else ""
    print(f"{out}: {summary.nodes} nodes, {summary.edges} edges, {summary.left_out} nodes left out{extra} "
          f"({summary.bytes / 1e6:.1f} MB)")
    return 0
