"""``kg query``: SPARQL over one or more zhkg graphs."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.errors import InputError, KGError
from kg.options import DEFAULT_TIMEOUT


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
                   help="output format (default: table). SELECT rows: any; ASK: true/false, or SPARQL JSON; "
                   "CONSTRUCT/DESCRIBE graphs: table gives Turtle, json gives JSON-LD, csv/tsv are refused")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE patterns send their part of the query to remote endpoints over HTTP "
                   "(refused by default: a query runs on the local graph only)")
    p.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="with --allow-service: how long to wait for an endpoint to connect and for each answer "
                   f"(default: {DEFAULT_TIMEOUT:g})")
    p.set_defaults(func=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def read_query_file(name: str) -> str:
    """The text of a ``-f`` file; any reason it cannot be read is one InputError naming it."""
    path = Path(name)
    if not path.exists():
        raise InputError(name, "no such query file")
    if not path.is_file():
        raise InputError(name, "not a file (give a file holding a SPARQL query)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read the query file: {e.strerror or e}") from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(name, f"not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); "
                         "save the query as UTF-8") from e


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
        text = read_query_file(args.file)
    elif args.name is not None:
        text = load_named(args.name)
    else:
        raise KGError("give a query: -q SPARQL, -f FILE.rq or -n NAME (kg query --list shows the names)")
    graph = load_graphs(args.graphs)
    result = run_query(graph, text, allow_service=args.allow_service, timeout=args.timeout)
    print(format_result(result, args.format))
    return 0
