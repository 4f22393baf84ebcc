"""The rule report: how often every extraction rule fires on a whole corpus, with random firings.

    python scripts/rule_report.py ../shared/corpus/domain/news-2022-2024.jsonl -o rule-report.md
    python scripts/rule_report.py CORPUS --kind relations --top 10 --samples 5 --seed 2026

A rule is judged on the whole corpus, not on the sentences that motivated it: for each rule id
(relations, statistics, claims, attributes and entity mentions, each as its extractor names it)
the report gives its firings, the documents it fires in, and ``--samples`` firings drawn at random
(fixed ``--seed``) with their evidence sentence, so that a rule that fires wrongly is seen at once.
Not a test: a tool for the person who writes rules (STYLE.md, habits 11-12).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("relations", "statistics", "claims", "attributes", "mentions")


@dataclass
class RuleFirings:
    """Every firing of one rule: (document id, what it found, the evidence sentence)."""

    kind: str
    rule: str
    firings: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return len({doc for doc, _, _ in self.firings})


def describe(kind: str, item: object) -> str:
    """One line for what a firing found."""
    if kind == "relations":
        return f"{item.subject} {item.predicate} {item.object}"  # type: ignore[attr-defined]
    if kind == "statistics":
        return (f"{item.label} → value {item.value} {item.unit or ''} about {item.about or '–'} "  # type: ignore[attr-defined]
                f"year {item.year or '–'}")  # type: ignore[attr-defined]
    if kind == "claims":
        return f"{item.speaker}: {item.text[:60]}"  # type: ignore[attr-defined]
    if kind == "attributes":
        return f"{item.entity} {item.name} {item.value}"  # type: ignore[attr-defined]
    return f"{item.key} ({item.cls})"  # type: ignore[attr-defined]


def collect(inputs: list[str], kinds: tuple[str, ...], jobs: int) -> dict[tuple[str, str], RuleFirings]:
    from kg.io import iter_documents
    from kg.pipeline import Builder

    builder = Builder()
    docs = list(iter_documents(inputs, on_skip=lambda e: print(f"skipped {e}", file=sys.stderr)))
    rules: dict[tuple[str, str], RuleFirings] = {}
    for ex in builder.extract_all(docs, jobs=jobs):
        sentences = ex.parsed.sentences
        doc_id = ex.parsed.doc.id or ""
        for kind in kinds:
            for item in getattr(ex, kind):
                key = (kind, item.rule)
                entry = rules.setdefault(key, RuleFirings(kind, item.rule))
                entry.firings.append((doc_id, describe(kind, item), sentences[item.sentence].text))
    return rules


def report(rules: dict[tuple[str, str], RuleFirings], top: int, samples: int, seed: int) -> str:
    by_kind: dict[str, list[RuleFirings]] = defaultdict(list)
    for entry in rules.values():
        by_kind[entry.kind].append(entry)
    out = ["# Rule report", ""]
    total = sum(len(e.firings) for e in rules.values())
    out.append(f"{len(rules)} rules fired {total} times.")
    for kind in KINDS:
        entries = sorted(by_kind.get(kind, []), key=lambda e: (-len(e.firings), e.rule))
        if not entries:
            continue
        out += ["", f"## {kind}: {len(entries)} rules, {sum(len(e.firings) for e in entries)} firings", "",
                "| rule | firings | documents |", "|---|---|---|"]
        out += [f"| {e.rule} | {len(e.firings)} | {e.documents} |" for e in entries]
        for e in entries[:top] if top else entries:
            rng = random.Random(f"{seed}:{kind}:{e.rule}")
            drawn = rng.sample(e.firings, min(samples, len(e.firings)))
            out += ["", f"### {kind} / {e.rule} ({len(e.firings)} firings in {e.documents} documents)", ""]
            out += [f"- [{doc}] {what} — “{evidence[:120]}”" for doc, what, evidence in drawn]
    return "\n".join(out) + "\n"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="what kg build reads: files, folders, JSON Lines")
    p.add_argument("-o", "--output", type=Path, help="write the report here (default: standard output)")
    p.add_argument("--kind", choices=KINDS, action="append", help="only these kinds (repeatable; default: all)")
    p.add_argument("--top", type=int, default=0, help="samples for the N most frequent rules of each kind only")
    p.add_argument("--samples", type=int, default=5, help="random firings shown per rule (default 5)")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("-j", "--jobs", type=int, default=0, help="worker processes (default: one per core)")
    args = p.parse_args()
    rules = collect(args.inputs, tuple(args.kind or KINDS), args.jobs)
    text = report(rules, args.top, args.samples, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"{args.output}: {len(rules)} rules", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
