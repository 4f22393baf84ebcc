#!/usr/bin/env python3
"""Draw the held-out evaluation articles from the domain corpus (stdlib only).

Procedure (fixed; do not change it, or the held-out set changes):

1. candidates: articles whose ``text`` has between 1,200 and 4,500 characters
   (inclusive), listed in file order;
2. shuffle the candidates with ``random.Random(20261204).shuffle``;
3. walk the shuffled list and keep an article if its ``source`` differs from
   every source already kept, until 10 are kept.

Prints the chosen ids, one a line, in the order they were kept.  With
``--table`` it also prints the gold file name, source and text length
(tab-separated).  With ``--write DIR`` it also writes each chosen article as a
one-line JSON Lines file ``DIR/<safe id>.jsonl`` (for building one graph per
gold file; keep DIR outside the repository: the texts are third-party).

Usage: python eval/heldout/draw.py [CORPUS.jsonl] [--table] [--write DIR]
The default corpus is ../shared/corpus/domain/news-2022-2024.jsonl relative to
the repository root.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 20261204
MIN_CHARS = 1200
MAX_CHARS = 4500
KEEP = 10

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpus" / "domain" / "news-2022-2024.jsonl"


def safe_name(article_id: str) -> str:
    """The id made filename-safe: any character outside [A-Za-z0-9._-] becomes '_'."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", article_id)


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def draw(articles: list[dict]) -> list[dict]:
    candidates = [a for a in articles if MIN_CHARS <= len(a.get("text", "")) <= MAX_CHARS]
    random.Random(SEED).shuffle(candidates)
    kept: list[dict] = []
    sources: set = set()
    for art in candidates:
        if art.get("source") in sources:
            continue
        kept.append(art)
        sources.add(art.get("source"))
        if len(kept) == KEEP:
            break
    return kept


def main(argv: list[str]) -> int:
    argv = list(argv)
    write_dir = None
    if "--write" in argv:
        i = argv.index("--write")
        if i + 1 >= len(argv):
            print("draw.py: --write needs a directory", file=sys.stderr)
            return 2
        write_dir = Path(argv[i + 1])
        del argv[i : i + 2]
    args = [a for a in argv if not a.startswith("--")]
    table = "--table" in argv
    corpus = Path(args[0]) if args else DEFAULT_CORPUS
    if not corpus.is_file():
        print(f"draw.py: corpus not found: {corpus}", file=sys.stderr)
        return 2
    kept = draw(load(corpus))
    if write_dir is not None:
        write_dir.mkdir(parents=True, exist_ok=True)
        for art in kept:
            out = write_dir / f"{safe_name(art['id'])}.jsonl"
            out.write_text(json.dumps(art, ensure_ascii=False) + "\n", encoding="utf-8")
    for art in kept:
        if table:
            print(f"{art['id']}\t{safe_name(art['id'])}.tsv\t{art.get('source', '')}\t{len(art['text'])}")
        else:
            print(art["id"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
