"""``kg build``: texts in, ``graph.ttl`` and ``graph.html`` out, and a summary."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from kg.commands import count
from kg.errors import InputError, KGError
from kg.options import STDIN_FORMATS

if TYPE_CHECKING:
    from rdflib import Graph

DEFAULT_OUTPUT = "output"
DEFAULT_MAX_NODES = 2000


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "build",
        help="build the knowledge graph of Chinese texts (Turtle + HTML)",
        description=(
            "Read texts, extract entities, relations, statistics and claims, and write "
            "DIR/graph.ttl and DIR/graph.html. With no INPUT, builds the built-in sample."
        ),
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="a .txt or .md file, a directory (read recursively), a .jsonl file (one {\"text\": ...} a line) "
        "or - for standard input; none: the built-in sample",
    )
    p.add_argument("-o", "--output", metavar="DIR", default=DEFAULT_OUTPUT,
                   help="output folder (default: output/); '-' writes the Turtle to standard output and no page")
    p.add_argument("--lexicon", metavar="FILE.ttl", action="append", default=[],
                   help="an extra SKOS lexicon of domain terms (repeatable); its entries override the built-in ones")
    p.add_argument("--ontology", metavar="FILE.ttl", default=None,
                   help="resolve and write against this ontology instead of zhkg's ontology/zhkg.ttl (a copy that "
                   "declares more classes or properties)")
    p.add_argument("--rules", metavar="DIR", action="append", default=[],
                   help="a folder of rule packs (relations.toml, people.toml … as in ontology/rules/) merged over the "
                   "built-in ones: word lists extended, rules appended, single values replaced (repeatable)")
    p.add_argument("-j", "--jobs", type=count(0), default=1, metavar="N",
                   help="worker processes for extraction (0: one per core; never more than the cores or the "
                   "documents; default 1)")
    p.add_argument("--max-nodes", type=count(1), default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"most central nodes shown in graph.html (default {DEFAULT_MAX_NODES})")
    p.add_argument("--no-html", action="store_true", help="write graph.ttl only")
    p.add_argument("--stdin-format", choices=STDIN_FORMATS, default="auto",
                   help="what '-' (standard input) holds: one text, JSON Lines records, or auto: records when the "
                   "first line is a JSON object with a \"text\" string (default)")
    p.add_argument("-q", "--quiet", action="store_true", help="print no summary or progress")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.io import iter_documents
    from kg.pipeline import Builder, worker_count
    from kg.sample import sample_document

    started = time.monotonic()
    to_stdout = args.output == "-"
    out_dir = Path(args.output)
    if not to_stdout:
        _check_writable(out_dir)
    report = sys.stderr if to_stdout else sys.stdout
    skipped: list[InputError] = []

    def on_skip(err: InputError) -> None:
        skipped.append(err)
        print(f"kg build: skipped {err}", file=sys.stderr)

    if args.inputs:
        docs = list(iter_documents(args.inputs, on_skip=on_skip, stdin_format=args.stdin_format))
    else:
        docs = [sample_document()]
    if not docs:
        raise KGError("no documents to build: every input was empty or skipped")
    jobs = worker_count(args.jobs, len(docs))
    if args.jobs > jobs and not args.quiet:
        print(f"kg build: -j {args.jobs}: using {jobs} worker process{'es' if jobs > 1 else ''} "
              f"({_cores()} cores, {len(docs)} document{'s' if len(docs) > 1 else ''})", file=sys.stderr)
    builder = Builder(extra_lexicons=args.lexicon, ontology=args.ontology, rules=args.rules)
    progress = _progress(len(docs), quiet=args.quiet)
    try:
        graph = builder.graph(docs, jobs=jobs, progress=progress.update if progress else None)
    finally:
        if progress:
            progress.close()
    if to_stdout:
        from kg.export.turtle import to_turtle

        sys.stdout.write(to_turtle(graph))
        sys.stdout.flush()
        ttl: Path | str = "standard output"
        html = html_summary = None
    else:
        ttl, html, html_summary = _write_outputs(graph, out_dir, None if args.no_html else args.max_nodes,
                                                 builder.ontology)
    if not args.quiet:
        print(summary(graph, len(docs), ttl, html, html_summary, time.monotonic() - started, len(skipped),
                      builder.ontology), file=report)
    return 0


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def _write_outputs(graph: Graph, out_dir: Path, max_nodes: int | None,
                   ontology: object = None) -> tuple[Path, Path | None, object]:
    """Write graph.ttl (and graph.html unless ``max_nodes`` is None) to temporary names, and rename them only
    when both are written: a failure in either leaves the folder as it was."""
    from kg.atomic import atomic_files
    from kg.export import export

    ttl = out_dir / "graph.ttl"
    if max_nodes is None:
        export(graph, "turtle", ttl)
        return ttl, None, None
    html = out_dir / "graph.html"
    with atomic_files(ttl, html) as (ttl_tmp, html_tmp):
        export(graph, "turtle", ttl_tmp)
        html_summary = _html(graph, html_tmp, max_nodes, ontology)
    return ttl, html, html_summary


def _html(graph: Graph, path: Path, max_nodes: int, ontology: object = None) -> object:
    from kg.export import get

    options = {"ontology": ontology} if ontology is not None else {}
    return get("html")(graph, path, max_nodes=max_nodes, **options)


def _check_writable(out_dir: Path) -> None:
    """Fail before the work, not after it, when the output folder cannot be written."""
    import os

    probe = out_dir
    while not probe.exists():
        probe = probe.parent if probe.parent != probe else probe
        if probe == probe.parent:
            break
    if probe.exists() and not probe.is_dir():
        raise KGError(f"cannot write to {out_dir}: {probe} is not a folder")
    if probe.exists() and not os.access(probe, os.W_OK | os.X_OK):
        raise KGError(f"cannot write to {out_dir}: permission denied")


def _progress(total: int, quiet: bool):
    if quiet or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="kg build", file=sys.stderr, disable=None, leave=False)


def summary(graph: Graph, documents: int, ttl: Path | str, html: Path | None, html_summary: object,
            seconds: float, skipped: int = 0, ontology: object = None) -> str:
    """A short report: documents, entities by class, relations by property, statistics, claims
    (counted by :func:`kg.rdf.reader.census`)."""
    from kg.rdf.reader import census

    counts = census(graph, ontology)  # type: ignore[arg-type]
    classes, props = counts.classes, counts.relations
    entity_names = [c for c in counts.ontology.classes if c in counts.ontology.entity_classes]
    lines = [
        f"documents   {documents}" + (f" ({skipped} skipped)" if skipped else ""),
        f"entities    {counts.entities}  (" + ", ".join(f"{c} {classes[c]}" for c in entity_names if classes[c]) + ")",
        f"relations   {sum(props.values())}  (" + ", ".join(f"{p} {n}" for p, n in props.items() if n) + ")",
        f"statements  {counts.statements}",
        f"statistics  {classes['Statistic']}",
        f"claims      {classes['Claim']}",
        f"triples     {counts.triples}",
        f"wrote       {ttl}" + (f", {html}" if html else ""),
    ]
    shown = getattr(html_summary, "nodes", None)
    left = getattr(html_summary, "left_out", None)
    if shown is not None:
        lines.append(f"html        {shown} nodes shown" + (f", {left} left out (--max-nodes)" if left else ""))
    lines.append(f"time        {seconds:.1f} s")
    return "\n".join(lines)
