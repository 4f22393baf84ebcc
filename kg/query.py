"""SPARQL over zhkg graphs: run a query, name the built-in ones, format the rows.

The named queries live in ``queries/*.rq``; their first comment line is
their description (``kg query --list``).

A query runs on the local graph only. rdflib would send ``SERVICE`` patterns
to their endpoints over HTTP (with no timeout), so :func:`run_query` refuses
them unless the caller allows it, and then bounds every network wait.
``FROM``/``FROM NAMED`` are refused too: rdflib ignores them on one graph (or
fetches them on a dataset), either way not what the query says.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import socket
import urllib.error
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from rdflib import BNode, Graph, Literal, URIRef, Variable

from kg.errors import KGError, QueryError, UnknownNameError
from kg.options import DEFAULT_TIMEOUT
from kg.rdf.namespaces import PREFIXES
from kg.resources import data_dir

#: prefixes every query may use without declaring them
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))

#: seconds to wait for a SERVICE endpoint (to connect, and for each read) when SERVICE is allowed

#: the output formats that fit each kind of result
GRAPH_FORMATS = ("table", "json")

#: what rdflib's evaluator reads from a SERVICE pattern to find the endpoint it calls
_RDFLIB_SERVICE_URL = re.compile(r"^service <(.*)>[ \n]*{(.*)}[ \n]*$", re.DOTALL | re.I)


@dataclass(frozen=True)
class Result:
    """A query's answer: SELECT rows, an ASK boolean or a CONSTRUCT graph."""

    variables: list[str]
    rows: list[list[object]]
    boolean: bool | None = None
    graph: Graph | None = None


def named_queries() -> dict[str, Path]:
    """name -> file of the built-in queries."""
    return {p.stem: p for p in sorted(data_dir("queries").glob("*.rq"))}


def describe(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[:1]
    return first[0].lstrip("# ").strip() if first and first[0].startswith("#") else ""


def load_named(name: str) -> str:
    queries = named_queries()
    if name not in queries:
        raise UnknownNameError("query", name, list(queries))
    return queries[name].read_text(encoding="utf-8")


def _position(text: str, err: Exception) -> str:
    """'line L, column C' of a pyparsing error, counted in the user's query (not our prologue)."""
    loc = getattr(err, "loc", None)
    if loc is None:
        m = re.search(r"\(at char (\d+)\)", str(err))
        loc = int(m.group(1)) if m else None
    if loc is None:
        return ""
    offset = loc - len(PROLOGUE)
    if offset < 0:
        return ""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def _algebra_nodes(root: object) -> Iterator[Any]:
    """Every CompValue in a query's algebra, however deep (subqueries, EXISTS, OPTIONAL ...)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
        if isinstance(node, dict):
            stack.extend(dict.values(node))
        elif isinstance(node, list | tuple):
            stack.extend(node)


def service_endpoints(algebra: object) -> list[str]:
    """The endpoints the query's SERVICE patterns name, or that rdflib would call (sorted, unique).

    rdflib finds the endpoint by matching the first ``SERVICE <...>`` anywhere in the query text, so
    both that and the pattern's own IRI count; ``?var`` stands for an endpoint chosen at run time.
    """
    found: set[str] = set()
    for node in _algebra_nodes(algebra):
        if node.name != "ServiceGraphPattern":
            continue
        term = dict.get(node, "term")
        found.add(term.n3() if isinstance(term, Variable) else str(term))
        m = _RDFLIB_SERVICE_URL.match(str(dict.get(node, "service_string", "")))
        if m:
            found.add(m.group(1))
    return sorted(found)


def _check_network(algebra: Any, allow_service: bool) -> list[str]:
    """Refuse what would reach beyond the local graph; the SERVICE endpoints allowed to be called."""
    datasets = dict.get(algebra, "datasetClause") or []
    if datasets:
        sources = ", ".join(f"<{d.get('default') or d.get('named')}>" for d in datasets)
        raise QueryError(f"FROM / FROM NAMED ({sources}) is not supported: the query runs on the GRAPH files "
                         "given and loads nothing else; drop the FROM clause")
    endpoints = service_endpoints(algebra)
    if not endpoints:
        return []
    names = ", ".join(e if e.startswith("?") else f"<{e}>" for e in endpoints)
    if not allow_service:
        raise QueryError(f"SERVICE {names} would query a remote endpoint over the network; a query runs on the "
                         "local graph only (allow it with --allow-service)")
    for e in endpoints:
        if e.startswith("?"):
            raise QueryError(f"SERVICE {e}: the endpoint must be an http(s) IRI, not a variable")
        if urlsplit(e).scheme.lower() not in ("http", "https"):
            raise QueryError(f"SERVICE <{e}>: only http and https endpoints can be queried")
    return endpoints


@contextlib.contextmanager
def _network_timeout(seconds: float | None) -> Iterator[None]:
    """rdflib calls urlopen with no timeout: bound each connect and read by the socket default instead."""
    if seconds is None:
        yield
        return
    before = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(before)


def _network_problem(error: BaseException, endpoints: list[str], timeout: float) -> str | None:
    """One line for a failed SERVICE call, or None when ``error`` is not a network error."""
    where = f"SERVICE <{endpoints[0]}>" if len(endpoints) == 1 else "a SERVICE endpoint"
    if isinstance(error, urllib.error.HTTPError):
        return f"{where} answered HTTP {error.code} {error.reason}"
    reason: object = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return f"{where} did not answer within {timeout:g} s (see --timeout)"
    if isinstance(reason, ConnectionRefusedError):
        return f"{where} refused the connection"
    if isinstance(reason, OSError):
        return f"{where} could not be reached: {reason.strerror or reason}"
    if isinstance(error, urllib.error.URLError):
        return f"{where} could not be reached: {reason}"
    return None


def run_query(graph: Graph, text: str, *, allow_service: bool = False, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Run ``text`` (SPARQL 1.1 query) on ``graph``; zhkg's prefixes are predeclared.

    SERVICE patterns are refused unless ``allow_service``; then each network wait lasts at most
    ``timeout`` seconds. Every failure, at parse or run time, is one-line :class:`QueryError`.

    >>> from rdflib import Graph
    >>> run_query(Graph(), "ASK { ?s ?p ?o }").boolean
    False
    """
    from rdflib.plugins.sparql import prepareQuery

    full = PROLOGUE + text
    try:
        query = prepareQuery(full)
    except Exception as e:
        where = _position(text, e)
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        msg = re.sub(r",? ?\(at char \d+\), \(line:\d+, col:\d+\)", "", msg)
        raise QueryError(f"bad SPARQL{' at ' + where if where else ''}: {msg}") from e
    endpoints = _check_network(query.algebra, allow_service)
    try:
        # rows are evaluated lazily: materialise them here so a run-time error is caught too
        with _network_timeout(timeout if endpoints else None):
            res = graph.query(query)
            if res.type == "ASK":
                return Result([], [], boolean=bool(res.askAnswer))
            if res.type in ("CONSTRUCT", "DESCRIBE"):
                return Result([], [], graph=res.graph)
            return Result([str(v) for v in res.vars or []], [list(row) for row in res])
    except Exception as e:
        problem = _network_problem(e, endpoints, timeout) if endpoints else None
        if problem is None:
            problem = f"query failed: {str(e).splitlines()[0] if str(e).strip() else type(e).__name__}"
        raise QueryError(problem) from e


def short(node: object) -> str:
    """A readable cell: prefixed, percent-decoded IRIs; literal text."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        s = str(node)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            if s.startswith(str(ns)):
                return f"{prefix}:{unquote(s[len(str(ns)):])}"
        return s
    if isinstance(node, Literal | BNode):
        return str(node)
    return str(node)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_result(result: Result, fmt: str = "table") -> str:
    """Render rows as an aligned table, CSV, TSV or SPARQL JSON results; a graph as Turtle or JSON-LD."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.graph is not None:
        if fmt == "json":
            return to_jsonld(result.graph)
        if fmt != "table":
            raise KGError(f"a CONSTRUCT or DESCRIBE result is a graph, not rows: --format {fmt} does not fit it; "
                          "use --format table (Turtle) or --format json (JSON-LD)")
        from kg.export.turtle import to_turtle

        return to_turtle(result.graph).rstrip("\n")
    if fmt == "json":
        return json.dumps(
            {
                "head": {"vars": result.variables},
                "results": {"bindings": [
                    {v: _json_term(cell) for v, cell in zip(result.variables, row, strict=True) if cell is not None}
                    for row in result.rows
                ]},
            },
            ensure_ascii=False,
            indent=1,
        )
    cells = [[short(c) for c in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(result.variables)
        w.writerows(cells)
        return buf.getvalue().rstrip("\n")
    widths = [_width(v) for v in result.variables]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()
    out = [line(result.variables), line(["-" * w for w in widths]), *(line(r) for r in cells)]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def to_jsonld(graph: Graph) -> str:
    """JSON-LD of ``graph`` with zhkg's prefixes as context, byte-identical for the same graph.

    rdflib's order of nodes and values and its blank node labels vary between runs, so blank nodes
    are relabelled canonically and every unordered array (all but ``@list``) is sorted.

    >>> from rdflib import Graph, Literal, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/zhkg/resource/x"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
    ...            Literal("数字经济", lang="zh-Hans")))
    >>> print(to_jsonld(g).split('"@id"', 1)[1])
    : "kgr:x",
     "skos:prefLabel": {
      "@language": "zh-Hans",
      "@value": "数字经济"
     }
    }
    """
    from rdflib.compare import to_canonical_graph

    if any(isinstance(term, BNode) for triple in graph for term in triple):
        graph = to_canonical_graph(graph)
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    data = json.loads(graph.serialize(format="json-ld", context=context))
    return json.dumps(_sorted_jsonld(data), ensure_ascii=False, indent=1, sort_keys=True)


def _sorted_jsonld(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        if key == "@list":  # an RDF list keeps its order
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def _json_term(node: object) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    if isinstance(node, Literal):
        d = {"type": "literal", "value": str(node)}
        if node.language:
            d["xml:lang"] = node.language
        elif node.datatype:
            d["datatype"] = str(node.datatype)
        return d
    return {"type": "literal", "value": str(node)}
