"""``kg eval``: score graphs against gold TSV files (recall per kind, precision floor).

The figures are :mod:`kg.evaluate`'s, the same as the reference scorer's; this
module only pairs graphs with gold files and prints.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from kg.errors import KGError
from kg.evaluate import KINDS, PRECISION, CaseResult, Report, Tally, evaluate
from kg.store import load_graphs

#: what a threshold option applies to, with its help
THRESHOLDS: tuple[tuple[str, str], ...] = (
    *((kind, f"least micro recall of {kind} lines") for kind in KINDS),
    (PRECISION, "least precision floor"),
)


class UsageError(KGError):
    """The command line asks for something that cannot be done."""


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 1")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "eval",
        help="score graphs against gold TSV files (recall per kind, precision floor)",
        description=(
            "Score GRAPHs against hand-made gold facts (format: corpus/README.md). With one --gold, "
            "all GRAPHs are merged and scored against it; with several, GRAPHs and --gold files are "
            "paired in order. Lines marked '# debatable' are reported apart (kind~) and never fail "
            "a threshold."
        ),
        epilog="Exit status: 0, or 1 when a --min threshold is not met, 2 for bad input.",
    )
    p.add_argument("graphs", nargs="+", metavar="GRAPH", help="a Turtle (or other RDF) file")
    p.add_argument(
        "--gold", action="append", required=True, metavar="FILE.tsv", help="gold TSV file (repeatable)"
    )
    p.add_argument("--show-missed", action="store_true", help="list the gold lines the graph misses")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format")
    for key, what in THRESHOLDS:
        p.add_argument(
            f"--min-{key}", type=_fraction, default=0.0, metavar="X", help=f"{what} (0-1); exit 1 below it"
        )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    graphs: list[str] = args.graphs
    golds: list[str] = args.gold
    if len(golds) == 1:
        cases, sources = [(load_graphs(graphs), golds[0])], [", ".join(graphs)]
    elif len(golds) == len(graphs):
        cases = [(load_graphs([graph]), gold) for graph, gold in zip(graphs, golds, strict=True)]
        sources = graphs
    else:
        raise UsageError(
            f"{len(graphs)} GRAPHs and {len(golds)} --gold files: give one --gold for all graphs, "
            "or one per graph in the same order"
        )
    report = evaluate(cases)
    minimum = {key: getattr(args, f"min_{key}") for key, _ in THRESHOLDS}
    below = report.below(minimum)
    if args.format == "json":
        print(json.dumps(to_json(report, minimum, below), ensure_ascii=False, indent=2))
    else:
        print(format_table(report, minimum, below, show_missed=args.show_missed, sources=sources))
    return 1 if below else 0


# --------------------------------------------------------------------------- output


def _tally_json(tally: Tally) -> dict[str, Any]:
    return {"hits": tally.hits, "total": tally.total, "rate": round(tally.rate, 4)}


def _case_json(case: CaseResult) -> dict[str, Any]:
    return {
        "name": case.name,
        "recall": {key: _tally_json(t) for key, t in case.recall.items()},
        "precision_floor": _tally_json(case.precision),
        "missed": [
            {"where": line.where, "kind": line.kind, "debatable": line.debatable, "line": line.raw}
            for line in case.missed
        ],
    }


def to_json(report: Report, minimum: dict[str, float], below: Sequence[str]) -> dict[str, Any]:
    """The report as plain data: per case, micro-average, thresholds and which failed."""
    micro = _case_json(report.micro)
    del micro["name"], micro["missed"]
    return {
        "cases": [_case_json(case) for case in report.cases],
        "micro": micro,
        "thresholds": {key: value for key, value in minimum.items() if value},
        "below": list(below),
    }


def _describe(key: str) -> str:
    if key == PRECISION:
        return "floor: share of extracted relation triples a gold line names"
    if key.endswith("~"):
        return "debatable: reported apart, never a miss"
    return ""


def _block(title: str, case: CaseResult) -> list[str]:
    rows = [(key, tally) for key, tally in case.figures().items()]
    out = [title, f"  {'kind':<10} {'hits':>5} {'total':>6} {'recall':>7}"]
    for key, tally in rows:
        note = _describe(key)
        out.append(
            f"  {key:<10} {tally.hits:>5} {tally.total:>6} {tally.rate:>7.2f}"
            + (f"   {note}" if note else "")
        )
    return out


def format_table(
    report: Report,
    minimum: dict[str, float],
    below: Sequence[str],
    *,
    show_missed: bool = False,
    sources: Sequence[str] = (),
) -> str:
    """A readable report: one block per case (titled with its graphs, when given), the
    micro-average when there are several cases, and the missed lines if asked."""
    out: list[str] = []
    for n, case in enumerate(report.cases):
        out += _block(f"{case.name}  (graph: {sources[n]})" if n < len(sources) else case.name, case)
        if show_missed and case.missed:
            out.append(f"  missed ({len(case.missed)}):")
            out += [
                f"    {line.lineno:>4}  {line.raw}" + ("   [debatable]" if line.debatable else "")
                for line in case.missed
            ]
        out.append("")
    if len(report.cases) > 1:
        out += [*_block(f"all {len(report.cases)} cases (micro-average)", report.micro), ""]
    if below:
        rates = report.micro.figures()
        out.append(
            "BELOW THRESHOLD: "
            + ", ".join(f"{key} {rates[key].rate:.2f} < {minimum[key]:.2f}" for key in below)
        )
    return "\n".join(out).rstrip("\n")
