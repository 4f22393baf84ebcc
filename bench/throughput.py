"""Throughput of zhkg on the domain corpus, as ratios to bare ``jieba.posseg`` in the same process.

Absolute speed depends on the machine; the ratio to ``jieba.posseg`` run on the
same texts in the same process mostly does not, so that ratio is what is
recorded and compared (see ``bench/README.md``). This is a benchmark, not a
test: it prints figures and never fails on them.

Stages, each timed separately with :func:`time.perf_counter`, best of ``--repeat`` runs:

(a) baseline   a fresh ``jieba.posseg.POSTokenizer(jieba.Tokenizer())``, initialised
               before timing, over every document's ``text``;
(b) extraction ``Builder().extract_all(docs)``, the Builder and its segmenter warmed up
               on the first document (and on WARMUP_TEXT, which reaches the loading that
               only some texts trigger) so one-time loading is not timed;
(c) graph      ``Builder.to_graph(extractions)``;
(d) turtle     ``kg.export.turtle.to_turtle(graph)``.

End-to-end is (b) + (c) + (d) of the same run. Every throughput is corpus
characters per second, so a stage's ratio is ``baseline seconds / stage seconds``.

    python bench/throughput.py                      # full corpus, one run
    python bench/throughput.py --limit 100          # quick look: first 100 documents, best of 3
    python bench/throughput.py --json out.json --compare bench/baseline-issue3.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import logging
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from kg.types import Document

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / ".." / "shared" / "corpus" / "domain" / "news-2022-2024.jsonl"
#: the issue's target: the end-to-end ratio may drop by at most this fraction from the baseline
ALLOWED_DROP = 0.20
#: default --repeat: one run of the full corpus (it takes minutes); best of three for a --limit run
REPEAT_FULL = 1
REPEAT_LIMITED = 3

#: warm-up text besides the first document: traditional script (OpenCC t2s/tw2sp), a GBK mojibake
#: spot and U+FFFD (the mojibake repair loads jieba's dictionary on first use), a pinyin annotation.
#: Without it that lazy loading (about 4 s) would be timed inside whichever document first needs it.
WARMUP_TEXT = "“數字經濟與實體經濟是分不開的!辟R晗指出。網(wǎng)路與軟體、資訊。數據\ufffd要素"

T = TypeVar("T")


@dataclass
class Stage:
    """Timings of one stage over the whole corpus: wall-clock and CPU seconds, one entry per run."""

    name: str
    label: str
    runs: list[float] = field(default_factory=list)
    cpu_runs: list[float] = field(default_factory=list)

    def add(self, wall: float, cpu: float) -> None:
        self.runs.append(wall)
        self.cpu_runs.append(cpu)

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu_runs)


def timed(fn: Callable[..., T], *args: Any) -> tuple[T, float, float]:
    """``fn(*args)``, its wall-clock seconds (``perf_counter``) and CPU seconds, after a full collection."""
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    return result, time.perf_counter() - start, time.process_time() - start_cpu


def _git(checkout: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", *args], cwd=checkout, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout


def code_measured() -> dict[str, Any]:
    """Where the imported ``kg`` lives, its checkout's commit and the files under ``kg/`` and
    ``ontology/`` that differ from that commit (modified or untracked): the code measured is
    the commit plus those."""
    import kg

    checkout = Path(kg.__file__).resolve().parent.parent
    commit = _git(checkout, "rev-parse", "--short", "HEAD")
    status = _git(checkout, "status", "--porcelain", "--", "kg", "ontology") or ""
    uncommitted = sorted(line[3:] for line in status.splitlines() if line.strip())
    return {
        "commit": commit.strip() if commit else "unknown",
        "uncommitted": uncommitted,
        # content hashes, so a later reader can tell whether an uncommitted file is still the one measured
        "uncommitted_sha1": {
            p: hashlib.sha1((checkout / p).read_bytes()).hexdigest()[:12]
            for p in uncommitted
            if (checkout / p).is_file()
        },
        "kg_package": str(checkout / "kg"),
    }


def load_documents(corpus: Path, limit: int | None) -> list[Document]:
    """The corpus as documents, read by ``kg.io`` as ``kg build`` reads it (the first ``limit``, if given).

    Raises ``kg.errors.InputError`` on a file ``kg.io`` cannot read.
    """
    from kg.io import iter_documents

    docs: list[Document] = []
    for doc in iter_documents([corpus]):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(doc)
    return docs


def make_posseg() -> Any:
    """A fresh, initialised ``jieba.posseg.POSTokenizer`` over a private ``jieba.Tokenizer``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # jieba 0.42 imports pkg_resources
        import jieba
        import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer)


def posseg_all(pos: Any, texts: Sequence[str]) -> int:
    """Tag every text with bare ``jieba.posseg`` (HMM on, as zhkg's segmenter); the number of tokens."""
    n = 0
    for text in texts:
        for _ in pos.cut(text):
            n += 1
    return n


def run(docs: list[Document], repeat: int) -> tuple[list[Stage], Stage, dict[str, int]]:
    """Time the four stages ``repeat`` times (interleaved, so drift hits all alike)."""
    from kg.export.turtle import to_turtle
    from kg.pipeline import Builder

    texts = [d.text for d in docs]
    pos = make_posseg()
    posseg_all(pos, texts[:1])  # warm-up (jieba's HMM tables, first-call paths)
    builder = Builder()
    builder.extract_all([docs[0], WARMUP_TEXT])  # lexicon into the segmenter, OpenCC, mojibake dictionary

    baseline = Stage("baseline", "baseline: jieba.posseg")
    extraction = Stage("extraction", "extraction (extract_all)")
    graph = Stage("graph", "graph (to_graph)")
    turtle = Stage("turtle", "turtle (to_turtle)")
    end_to_end = Stage("end_to_end", "end-to-end (b + c + d)")
    counts: dict[str, int] = {}
    for i in range(repeat):
        tokens, s, c = timed(posseg_all, pos, texts)
        baseline.add(s, c)
        exs, s_ex, c_ex = timed(builder.extract_all, docs)
        extraction.add(s_ex, c_ex)
        g, s_g, c_g = timed(builder.to_graph, exs)
        graph.add(s_g, c_g)
        ttl, s_t, c_t = timed(to_turtle, g)
        turtle.add(s_t, c_t)
        end_to_end.add(s_ex + s_g + s_t, c_ex + c_g + c_t)
        counts = {
            "posseg_tokens": tokens,
            "extractions": len(exs),
            "triples": len(g),
            "turtle_bytes": len(ttl.encode("utf-8")),
        }
        print(
            f"  run {i + 1}/{repeat} (wall/CPU s): posseg {s:.1f}/{c:.1f}, extraction {s_ex:.1f}/{c_ex:.1f}, "
            f"graph {s_g:.1f}/{c_g:.1f}, turtle {s_t:.1f}/{c_t:.1f}",
            file=sys.stderr,
        )
        del exs, g, ttl
    return [baseline, extraction, graph, turtle], end_to_end, counts


def figures(stages: list[Stage], end_to_end: Stage, chars: int) -> dict[str, dict[str, Any]]:
    """Per stage: best wall-clock seconds, throughput and ratio to the baseline; the same from CPU time."""
    base, base_cpu = stages[0].best, stages[0].best_cpu
    out: dict[str, dict[str, Any]] = {}
    for st in [*stages, end_to_end]:
        out[st.name] = {
            "label": st.label,
            "seconds": round(st.best, 4),
            "runs": [round(r, 4) for r in st.runs],
            "chars_per_second": round(chars / st.best, 1),
            "ratio_to_posseg": round(base / st.best, 4),
            "cpu_seconds": round(st.best_cpu, 4),
            "cpu_runs": [round(r, 4) for r in st.cpu_runs],
            "cpu_ratio_to_posseg": round(base_cpu / st.best_cpu, 4),
        }
    return out


#: below this CPU share (CPU seconds / wall seconds) other processes took a noticeable part of the CPU
BUSY_SHARE = 0.9


def contended(result: dict[str, Any]) -> dict[str, float]:
    """Stages whose best wall-clock time got less than BUSY_SHARE of a CPU: label -> CPU share."""
    shares = {r["label"]: r["cpu_seconds"] / r["seconds"] for r in result["stages"].values() if r["seconds"] > 0}
    return {label: share for label, share in shares.items() if share < BUSY_SHARE}


def print_table(result: dict[str, Any]) -> None:
    chars = result["characters"]
    rows = result["stages"]
    code = result["code"]
    repeat = result["repeat"]
    how = "the default: 1 for the full corpus, 3 with --limit" if result["repeat_is_default"] else "--repeat"
    print(
        f"zhkg throughput: {result['documents']} documents, {chars:,} characters, "
        f"best of {repeat} run{'s' if repeat != 1 else ''} ({how})"
    )
    extra = f" + uncommitted {', '.join(code['uncommitted'])}" if code["uncommitted"] else ""
    print(f"code: commit {code['commit']}{extra}")
    m = result["machine"]
    print(
        f"machine: {m['cpu_count']} CPUs, {m['processor']}, Python {m['python']}, jieba {m['jieba']}; "
        f"{result['date']}"
    )
    print()
    print(
        f"{'stage':<26} {'characters':>10} {'seconds':>8} {'chars/s':>9}  {'ratio (wall)':<15} {'CPU s':>7}  CPU ratio"
    )
    for name in ("baseline", "extraction", "graph", "turtle", "end_to_end"):
        r = rows[name]
        if name == "end_to_end":
            print("-" * 96)
        print(
            f"{r['label']:<26} {chars:>10,} {r['seconds']:>8.2f} {r['chars_per_second']:>9,.0f}  "
            f"{r['ratio_to_posseg']:>5.2f} × posseg  "
            f"{r['cpu_seconds']:>7.2f}  {r['cpu_ratio_to_posseg']:>5.2f} × posseg"
        )
    c = result["counts"]
    print()
    print(
        f"posseg tokens {c['posseg_tokens']:,}; {c['extractions']:,} extractions; {c['triples']:,} triples; "
        f"Turtle {c['turtle_bytes'] / 1e6:.1f} MB"
    )
    print(
        f"extraction: {rows['extraction']['ratio_to_posseg']:.3f} × posseg; "
        f"end-to-end: {rows['end_to_end']['ratio_to_posseg']:.3f} × posseg "
        f"(CPU time: {rows['extraction']['cpu_ratio_to_posseg']:.3f} and "
        f"{rows['end_to_end']['cpu_ratio_to_posseg']:.3f})"
    )
    busy = contended(result)
    if busy:
        shares = ", ".join(f"{label.split(' (')[0]} {share:.0%}" for label, share in busy.items())
        print(
            f"note: other processes competed for the CPU (share of a CPU: {shares}), so the wall-clock ratios "
            "depend on their load; compare the CPU ratios"
        )


def compare(result: dict[str, Any], baseline_path: Path) -> None:
    """Print how the extraction and end-to-end ratios moved against a saved baseline (figures only, no verdict
    is enforced: this is a benchmark, not a test)."""
    try:
        base = json.loads(baseline_path.read_text(encoding="utf-8"))
        base_rows = base["stages"]
        now_rows = result["stages"]
        pairs = [
            (f"{stage.replace('_', '-')} ({kind})", base_rows[stage][key], now_rows[stage][key])
            for stage in ("extraction", "end_to_end")
            for kind, key in (("wall", "ratio_to_posseg"), ("CPU", "cpu_ratio_to_posseg"))
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        sys.exit(f"throughput: cannot read the baseline {baseline_path}: {exc}")
    print()
    print(f"against {baseline_path} (commit {base.get('code', {}).get('commit')}, {base.get('date')}):")
    if (base.get("documents"), base.get("characters")) != (result["documents"], result["characters"]):
        print(
            f"  note: different input ({base.get('documents')} documents, {base.get('characters')} characters "
            "in the baseline): the ratios are not comparable"
        )
    for label, was, now in pairs:
        print(f"  {label:<20} {was:.3f} -> {now:.3f} × posseg ({now / was - 1:+.1%})")
    for kind, key in (("wall", "ratio_to_posseg"), ("CPU", "cpu_ratio_to_posseg")):
        floor = base_rows["end_to_end"][key] * (1 - ALLOWED_DROP)
        verdict = "within the target" if now_rows["end_to_end"][key] >= floor else "MORE than the allowed drop"
        print(
            f"  end-to-end ({kind}) must stay >= {floor:.3f} × posseg "
            f"({ALLOWED_DROP:.0%} below the baseline): {verdict}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="zhkg throughput on the domain corpus, as ratios to bare jieba.posseg in the same process."
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus (default: %(default)s)"
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N documents (a quick run)")
    parser.add_argument(
        "--repeat",
        type=int,
        metavar="R",
        help=f"best of R runs per stage (default: {REPEAT_FULL} for the full corpus, {REPEAT_LIMITED} with --limit)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON to OUT")
    parser.add_argument(
        "--compare", type=Path, metavar="BASELINE", help="compare the ratios with a JSON file written by --json"
    )
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")

    corpus = args.corpus.resolve()
    if not corpus.is_file():
        print(
            f"throughput: corpus not found: {corpus}\n"
            f"  the domain corpus is expected at {DEFAULT_CORPUS.resolve()}; pass another with --corpus PATH",
            file=sys.stderr,
        )
        return 2
    if args.compare is not None and not args.compare.is_file():
        print(f"throughput: baseline not found: {args.compare}", file=sys.stderr)
        return 2

    from kg.errors import KGError

    try:
        docs = load_documents(corpus, args.limit)
    except KGError as exc:
        print(f"throughput: cannot read the corpus: {exc}", file=sys.stderr)
        return 2
    if not docs:
        print(f"throughput: no documents in {corpus}", file=sys.stderr)
        return 2
    repeat = args.repeat or (REPEAT_FULL if args.limit is None else REPEAT_LIMITED)
    chars = sum(len(d.text) for d in docs)
    print(f"timing {len(docs)} documents, {chars:,} characters, {repeat} run(s) ...", file=sys.stderr)

    stages, end_to_end, counts = run(docs, repeat)

    from importlib.metadata import version

    result: dict[str, Any] = {
        "benchmark": "bench/throughput.py",
        "code": code_measured(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "processor": platform.machine(),
            "python": platform.python_version(),
            "jieba": version("jieba"),
            "rdflib": version("rdflib"),
        },
        "corpus": str(corpus),
        "limit": args.limit,
        "documents": len(docs),
        "characters": chars,
        "repeat": repeat,
        "repeat_is_default": args.repeat is None,
        "counts": counts,
        "stages": figures(stages, end_to_end, chars),
    }
    print_table(result)
    if args.compare is not None:
        compare(result, args.compare)
    if args.json is not None:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
