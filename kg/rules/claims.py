"""The claims pack (``claims.toml``): how a view and its speaker are found."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.macros import substitute
from kg.rules.shared import SharedRules
from kg.rules.source import Pack


@dataclass(frozen=True)
class ClaimRules:
    """Claim patterns, compiled with the speech verbs and the macros."""

    #: 贺晗认为，……
    speaker_first: re.Pattern[str]
    #: “……”贺晗指出。
    quote_first: re.Pattern[str]
    #: 在贺晗看来，…… / 据张三介绍，……: each has a group T (the view), added where it has none
    frames: tuple[re.Pattern[str], ...]
    #: words that stand for the last named person
    pronouns: frozenset[str]
    #: a claim's text that is only a count
    only_figures: re.Pattern[str]


def build(pack: Pack, shared: SharedRules) -> ClaimRules:
    verbs = "|".join(map(re.escape, shared.speech_verbs))
    gap = substitute(pack.text("gap"), {"MAX_GAP": str(pack.integer("max_gap"))})

    def expand(pattern: str) -> str:
        return substitute(pattern, {**shared.macros, "VERBS": verbs, "GAP": gap})

    tail = pack.text("frame_tail")
    frames = tuple(f if "(?P<T>" in f.pattern else re.compile(f.pattern + tail)
                   for f in pack.patterns("frames", expand))
    out = ClaimRules(
        speaker_first=pack.pattern("speaker_first", expand),
        quote_first=pack.pattern("quote_first", expand),
        frames=frames,
        pronouns=frozenset(pack.words("pronouns")),
        only_figures=pack.pattern("only_figures"),
    )
    pack.done()
    return out
