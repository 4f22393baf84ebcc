"""Score zhkg on the evaluation sets: the development set and our own held-out set, side by side.

    python scripts/eval_sets.py                 # both sets, micro-averaged recall per kind
    python scripts/eval_sets.py --set dev --per-file

Each article is built on its own (``python -m kg build`` in a child process, so the figures are
those of the command a user runs) into a temporary folder, then scored with the reference scorer
``../shared/tools/score_gold.py``. The development set is ``../shared/corpus/dev/`` (its misses may be
read: ``--show-missed``); the held-out set is ``eval/heldout/`` (articles taken from the domain corpus
by id). Held-out misses are never printed, by design: reading them while writing rules would
turn the held-out set into a second development set (eval/heldout/README.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_gold.py"
DEV = SHARED / "corpus" / "dev"
DOMAIN = SHARED / "corpus" / "domain" / "news-2022-2024.jsonl"
HELDOUT = ROOT / "eval" / "heldout"


def dev_cases() -> list[tuple[Path, Path]]:
    """(article, gold) pairs of the development set."""
    return [(txt, txt.with_suffix(".tsv")) for txt in sorted(DEV.glob("*.txt")) if txt.with_suffix(".tsv").is_file()]


def heldout_cases(tmp: Path) -> list[tuple[Path, Path]]:
    """(article as a one-line JSON Lines file, gold) pairs of the held-out set."""
    golds = {gold.stem: gold for gold in sorted(HELDOUT.glob("*.tsv"))}
    cases: dict[str, tuple[Path, Path]] = {}
    with DOMAIN.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["id"] in golds:
                path = tmp / f"{record['id']}.jsonl"
                path.write_text(line, encoding="utf-8")
                cases[record["id"]] = (path, golds[record["id"]])
    missing = sorted(set(golds) - set(cases))
    if missing:
        sys.exit(f"eval_sets: held-out ids not in {DOMAIN}: {', '.join(missing)}")
    return [cases[k] for k in sorted(cases)]


def build(article: Path, out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(article), "-o", str(out), "-q", "--no-html"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"eval_sets: kg build {article} failed: {proc.stderr.strip()}")
    return out / "graph.ttl"


def score(cases: list[tuple[Path, Path]], tmp: Path, per_file: bool, show_missed: bool) -> str:
    args = [sys.executable, str(SCORER)]
    for i, (article, gold) in enumerate(cases):
        args += ["--case", f"{build(article, tmp / f'case{i}')}={gold}"]
    if show_missed:
        args.append("--show-missed")
    proc = subprocess.run(args, capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    return "\n".join(lines if per_file or show_missed else [line for line in lines if line.startswith("micro")])


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--set", choices=("dev", "heldout", "both"), default="both")
    p.add_argument("--per-file", action="store_true", help="a line per gold file, besides the micro average")
    p.add_argument("--show-missed", action="store_true", help="the development set's missed lines (never held-out)")
    args = p.parse_args()
    if not SCORER.is_file():
        sys.exit(f"eval_sets: the reference scorer is not at {SCORER}")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        if args.set in ("dev", "both"):
            print(f"dev ({len(dev_cases())} articles)")
            print(score(dev_cases(), tmp / "dev", args.per_file, args.show_missed))
        if args.set in ("heldout", "both"):
            cases = heldout_cases(tmp)
            print(f"held-out ({len(cases)} articles; misses are never shown)")
            print(score(cases, tmp / "heldout", args.per_file, show_missed=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
