"""What a figure measures, for the statistics stage (:mod:`kg.extractors.statistics`).

The subject (the entity or noun phrase a figure is about), the metric word
(规模, 占比, a word in 率/量/额…), the region, and whether a bare 万/亿 counts
money or things; every word list and pattern is the statistics pack's
(``res.rules.statistics``).
"""

from __future__ import annotations

import re

from kg.extractors.base import NOUNISH, Abstracted, Resources
from kg.extractors.entities import surface
from kg.types import Mention, Sentence

_CLAUSE = "，,；;。！？!?"


class StatContext:
    """Per-document data the statistics rules share."""

    def __init__(self, res: Resources, doc_year: int | None) -> None:
        r = self.rules = res.rules.statistics
        self.de = res.rules.shared.de
        self.magnitudes = r.magnitudes
        self.units = r.units
        self.q_before = r.qualifiers_before
        self.q_after = r.qualifiers_after
        self.economic = r.economic
        self.countable = r.countable
        self.metrics = r.metrics
        self.ranks = r.ranks
        self.targets = r.target_markers
        self.relative = r.relative_years
        self.regions = r.regions
        self.count_stop = r.count_stop_nouns
        self.doc_year = doc_year
        self.figure = r.figure


def in_mention(ms: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end and not m.rule.startswith("coref") for m in ms)


def clause_begin(norm: str, pos: int) -> int:
    i = pos
    while i > 0 and norm[i - 1] not in _CLAUSE:
        i -= 1
    return i


def adjacent_subject(a: Abstracted, s: Sentence, lo: int, hi: int, metric: str | None) -> str | Mention | None:
    """What the metric word is of: the entity or short noun phrase right before it (数字经济规模, 网络零售总额)."""
    if not metric:
        return None
    pos = s.norm.rfind(metric, lo, hi)
    if pos <= lo:
        return None
    for m in a.mentions:
        if m.end in (pos, pos - 1) and m.start >= lo and m.cls not in ("Place", "Person"):
            return m.key
    toks = [t for t in s.tokens if t.end <= pos and t.start >= lo]
    opened = phrase_opening(toks, len(toks))
    k = len(toks)
    while k > 0 and len(toks) - k < 3 and toks[k - 1].tag in NOUNISH and toks[k - 1].tag != "f":
        k -= 1
    if k == len(toks) and opened is None:
        return None
    if opened is not None:
        a0 = toks[opened].start  # 在线政务服务实名用户: a phrase that opens with 在线/新型… is taken whole
        b0 = pos
        if toks and toks[-1].tag == "v" and len(metric) > 2:
            b0 = pos + len(metric) - 2  # …实名|用户规模: the noun the metric starts with ends the phrase
        phrase = s.norm[a0:b0]
        return Mention(phrase, surface(s, a0, b0), "Concept", s.index, a0, b0, "statistics.subject", confidence=0.5)
    if in_mention(list(a.mentions), toks[k].start, pos):
        return None  # 数据生产总量: the named entity in it is the subject
    concept_like = ("Concept", "Technology", "Sector")
    before = next((m for m in a.mentions if m.end == toks[k].start and m.cls in concept_like), None)
    if before is not None:
        a0 = before.start  # 数字化 + 研发设计工具: a concept opening the phrase belongs to it
    else:
        a0 = toks[k + 1].start if len(toks) - k == 3 else toks[k].start  # 企业关键工序 -> 关键工序: keep the head
    phrase = s.norm[a0:pos]
    if len(phrase) < 2 or any(ch.isdigit() for ch in phrase):
        return None
    return Mention(phrase, surface(s, a0, pos), "Concept", s.index, a0, pos, "statistics.subject", confidence=0.5)


def phrase_opening(toks: list, k: int) -> int | None:
    """Index of an attributive word (tag b: 在线, 新型…) that opens the noun phrase ending at the metric,
    looking back over nouns and a verb between nouns (实名), at most six words."""
    q = k
    steps = 0
    while q > 0 and steps < 6:
        prev = toks[q - 1]
        if prev.tag == "b":
            return q - 1
        if prev.tag in NOUNISH and prev.tag != "f":
            q -= 1
        elif prev.tag == "v" and q - 2 >= 0 and toks[q - 2].tag in NOUNISH:
            q -= 1
        else:
            return None
        steps += 1
    return None


def region_before(norm: str, pos: int, ctx: StatContext) -> str | None:
    """The first region word (中国, 全国…) the sentence names before ``pos``."""
    return next((r for w, r in ctx.regions.items() if w in norm[:pos]), None)


def clause_has_subject(a: Abstracted, lo: int, hi: int) -> bool:
    """我国人工智能企业超过4400家: a count whose clause names what is counted."""
    return any(lo <= m.start and m.end <= hi and m.cls not in ("Place", "Person") for m in a.mentions)


def bare_unit(local: str, wider: str, ctx: StatContext) -> str | None:
    """What a bare 万/亿 counts: people and things (count) or money (CNY); the clause decides first."""
    for text in (local, wider):
        if any(w in text for w in ctx.countable):
            return "count"
        if any(w in text for w in ctx.economic):
            return "CNY"
    return None


def subject_before(a: Abstracted, start: int, ctx: StatContext) -> str | None:
    """The entity the sentence is about: the last one before the figure that is not a list member
    (5G已在工业、医疗等多个行业…，应用案例数超过5万个 is about 5G)."""
    norm = a.sentence.norm
    cands = [
        m for m in a.mentions
        if m.end <= start and m.cls not in ("Place", "Person")
        and norm[m.end : m.end + 1] not in ctx.rules.list_marks and norm[m.start - 1 : m.start] != "、"
    ]
    return cands[-1].key if cands else None


def phrase_metric(a: Abstracted, s: Sentence, about: str | None, lo: int, hi: int, ctx: StatContext) -> str | None:
    """``5G应用案例数超过5万个``: the words between the subject and the figure name the metric."""
    subject_end = max((m.end for m in a.mentions if m.key == about and lo <= m.start < hi), default=-1)
    if subject_end < 0:
        return None
    text = s.norm[subject_end:hi].strip()
    text = ctx.rules.metric_trailer.sub("", text).removeprefix(ctx.de)
    return text if 2 <= len(text) <= 8 and not re.search(r"[，,、\d]", text) else None


def metric_in(clause: str, ctx: StatContext) -> str | None:
    """The metric word nearest before the figure: a listed one, else a word ending in 率/量/额/值 (数控化率)."""
    best = None
    best_end = -1
    for word in ctx.metrics:
        pos = clause.rfind(word)
        if pos < 0:
            continue
        end = pos + len(word)  # the word ending last wins; at the same end the longer one (同比增长 over 增长)
        if end > best_end or (end == best_end and best and len(word) > len(best)):
            best, best_end = word, end
    if best is not None:
        return best
    m = ctx.rules.rate_metric.search(clause.rstrip())
    return m.group(1) if m else None


def snap_metric(metric: str | None, s: Sentence, hi: int) -> str | None:
    """Start a metric at a word boundary: 用案例数 -> 案例数, 序数控化率 -> 数控化率."""
    if not metric:
        return metric
    pos = s.norm.rfind(metric, 0, hi + len(metric))
    if pos < 0:
        return metric
    starts = {t.start for t in s.tokens}
    for p in range(pos, pos + len(metric) - 1):
        if p in starts:
            return s.norm[p : pos + len(metric)]
    return metric


def metric_after(text: str, ctx: StatContext) -> str | None:
    t = text.lstrip().removeprefix(ctx.de)
    return next((w for w in ctx.metrics if t.startswith(w)), None)


def subjects_around(
    a: Abstracted, s: Sentence, lo: int, hi: int, end: int, ctx: StatContext
) -> tuple[str | None, str | None, str | None]:
    """(about, denominator, region) from the entities in ``norm[lo:hi]`` (before the figure) or right after it."""
    before = [m for m in a.mentions if m.end <= hi]
    region = next((m.key for m in reversed(before) if m.cls == "Place"), None)
    share = ctx.rules.share.search(a.text)
    if share:
        x = a.entities(*share.span("X"))[0]
        y = a.entities(*share.span("Y"))[0]
        if lo <= x.start and x.end <= hi:
            return x.key, y.key, region
    # …规模超过50万亿元，占GDP比重达41.5%: the share is of the clause before's subject
    elided = ctx.rules.elided_share.search(a.text)
    if elided:
        y = a.entities(*elided.span("Y"))[0]
        if lo <= y.start < hi:
            subject = subject_before(a, y.start - 1, ctx)
            if subject and subject != y.key:
                return subject, y.key, region
    in_context = [m for m in before if m.start >= lo and m.cls not in ("Place", "Person")]
    if in_context:
        return in_context[-1].key, None, region
    # 120万亿GDP: the subject right after the figure
    after = [m for m in a.mentions if m.start >= end and m.start - end <= 2 and m.cls not in ("Place", "Person")]
    return (after[0].key if after else None), None, region


def noun_phrase_subject(s: Sentence, lo: int, hi: int, metric: str | None) -> Mention | None:
    """The noun phrase a metric word follows: 网络零售总额 -> 网络零售."""
    if not metric:
        return None
    pos = s.norm.rfind(metric, lo, hi)
    if pos <= lo:
        return None
    toks = [t for t in s.tokens if t.end <= pos and t.start >= lo]
    k = len(toks)
    while k > 0 and toks[k - 1].tag in NOUNISH and toks[k - 1].end > pos - 10:
        k -= 1
    if k == len(toks):
        return None
    a0, b0 = toks[k].start, pos
    phrase = s.norm[a0:b0]
    if len(phrase) < 2 or any(ch.isdigit() for ch in phrase):
        return None
    return Mention(phrase, surface(s, a0, b0), "Concept", s.index, a0, b0, "statistics.subject", confidence=0.5)


def noun_after(s: Sentence, end: int, ctx: StatContext) -> Mention | None:
    """The noun a count qualifies: 17份提案 -> 提案."""
    toks = [t for t in s.tokens if t.start >= end]
    if toks and toks[0].text == ctx.de:
        toks = toks[1:]
    nominal = NOUNISH | {"v"}  # after a measure word a verb names a thing: 三份提案, 四份建议
    if not toks or toks[0].tag not in nominal or toks[0].start - end > 1:
        return None
    k = 0
    while k < len(toks) and k < 3 and toks[k].tag in nominal and (k == 0 or toks[k].tag in NOUNISH):
        k += 1
    a0, b0 = toks[0].start, toks[k - 1].end
    phrase = s.norm[a0:b0]
    if len(phrase) < 2 or phrase.startswith(ctx.rules.time_words):
        return None
    return Mention(phrase, surface(s, a0, b0), "Concept", s.index, a0, b0, "statistics.subject", confidence=0.5)


def label_begin(a: Abstracted, s: Sentence, start: int, about: str | None) -> int:
    clause0 = clause_begin(s.norm, start)
    if about:
        for m in a.mentions:
            if m.key == about and clause0 <= m.start < start:
                return max(m.start, start - 40)
    return clause0 if start - clause0 <= 30 else start
