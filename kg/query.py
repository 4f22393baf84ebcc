"""SPARQL over zhkg graphs: run a query, name the built-in ones, format the rows.

The named queries live in ``queries/*.rq``; their first comment line is
their description (``kg query --list``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import QueryError, UnknownNameError
from kg.namespaces import PREFIXES
from kg.resources import data_dir

#: prefixes every query may use without declaring them
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


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


def run_query(graph: Graph, text: str) -> Result:
    """Run ``text`` (SPARQL 1.1 query) on ``graph``; zhkg's prefixes are predeclared.

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
    try:
        res = graph.query(query)
    except Exception as e:
        raise QueryError(f"query failed: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from e
    if res.type == "ASK":
        return Result([], [], boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return Result([], [], graph=res.graph)
    variables = [str(v) for v in res.vars]
    return Result(variables, [list(row) for row in res])


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
    """Render as an aligned table, CSV, TSV or SPARQL JSON results."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.graph is not None:
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
