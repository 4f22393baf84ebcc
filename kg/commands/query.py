"""``kg query``: SPARQL over one or more zhkg graphs."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.errors import InputError, KGError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query on graphs",
        description="Run SPARQL on one or more graphs (merged). The prefixes kgo:, kgr:, skos:, schema:, "
        "prov:, dcterms:, rdf:, rdfs:, owl: and xsd: are predeclared.",
        epilog="example: kg query output/graph.ttl -q 'SELECT ?c WHERE { ?c a kgo:Concept } LIMIT 5'",
    )
    p.add_argument("graphs", nargs="*", metavar="GRAPH", help="Turtle files (also .nt, .trig, .jsonld)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("-q", "--query", metavar="SPARQL", help="the query text")
    what.add_argument("-f", "--file", metavar="FILE.rq", help="a file holding the query")
    what.add_argument("-n", "--name", metavar="NAME", help="a built-in query (see --list)")
    what.add_argument("--list", action="store_true", help="list the built-in queries and exit")
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="output format (default: table)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.query import describe, format_result, load_named, named_queries, run_query
    from kg.store import load_graphs

    if args.list:
        for name, path in named_queries().items():
            print(f"{name:24} {describe(path)}")
        return 0
    if not args.graphs:
        raise KGError("give at least one GRAPH (a Turtle file), e.g. output/graph.ttl")
    if args.query is not None:
        text = args.query
    elif args.file is not None:
        path = Path(args.file)
        if not path.is_file():
            raise InputError(args.file, "no such query file")
        text = path.read_text(encoding="utf-8")
    elif args.name is not None:
        text = load_named(args.name)
    else:
        raise KGError("give a query: -q SPARQL, -f FILE.rq or -n NAME (kg query --list shows the names)")
    graph = load_graphs(args.graphs)
    print(format_result(run_query(graph, text), args.format))
    return 0
