"""Statistics: quoted figures with value, unit, metric, year, region and subject.

A figure is a number (Arabic or Chinese numerals) with a magnitude (万, 亿,
万亿…) and/or a unit from ``cues.toml``; a bare magnitude is money (CNY) in an
economic context and a count where people or things are counted. Dates,
ordinals (第十四届), version numbers (5G, GPT-4) and bare numbers are never
figures. The subject is the nearest fitting entity before the figure (or the
noun phrase the metric word follows); ``X占Y比重`` gives Y as denominator.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kg.extractors.base import Abstracted, Resources, abstract, extractor, mentions_by_sentence, new
from kg.extractors.entities import NOUNISH, surface
from kg.types import Extraction, Mention, Sentence, Statistic

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_YEAR = re.compile(r"((?:19|20)\d{2})\s?年")
_TIME_WORDS = ("小时", "分钟", "秒", "天", "年", "月", "周", "世纪", "倍", "度", "岁", "米", "公里", "平方")
_CLAUSE = "，,；;。！？!?"


def chinese_number(text: str) -> Decimal | None:
    """Value of a Chinese numeral (``十四``, ``三千五百``, ``两``, ``三点五``).

    >>> chinese_number("三千五百"), chinese_number("十四"), chinese_number("两")
    (Decimal('3500'), Decimal('14'), Decimal('2'))
    """
    if "点" in text:
        whole, _, frac = text.partition("点")
        w = chinese_number(whole) if whole else Decimal(0)
        if w is None or not frac or any(c not in _CN_DIGITS for c in frac):
            return None
        return w + Decimal("0." + "".join(str(_CN_DIGITS[c]) for c in frac))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None:  # 二零二一: digit by digit
                digit = digit * 10 + _CN_DIGITS[ch]
            else:
                digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return Decimal(total + (digit or 0))


def parse_number(text: str) -> Decimal | None:
    """``45.5`` / ``1,000`` / ``十四`` -> Decimal."""
    t = text.replace(",", "")
    if t[:1].isdigit():
        try:
            return Decimal(t)
        except InvalidOperation:
            return None
    return chinese_number(t)


def normalise(value: Decimal, power: int) -> Decimal:
    """``value × 10**power`` without float error or exponent notation.

    >>> str(normalise(Decimal("45.5"), 12))
    '45500000000000'
    """
    v = value.scaleb(power)
    if v == v.to_integral_value():
        return v.quantize(Decimal(1))
    return v.normalize()


class _Context:
    """Per-document data the statistics rules share."""

    def __init__(self, res: Resources, doc_year: int | None) -> None:
        cfg = res.cues.section("statistics")
        self.magnitudes: dict[str, int] = cfg["magnitudes"]
        self.units: dict[str, tuple[str, int]] = {u: (code, p) for u, code, p in cfg["units"]}
        self.q_before = sorted(cfg["qualifiers_before"], key=len, reverse=True)
        self.q_after = sorted(cfg["qualifiers_after"], key=len, reverse=True)
        self.economic = tuple(cfg["economic"])
        self.countable = tuple(cfg["countable"])
        self.metrics = sorted(cfg["metrics"], key=len, reverse=True)
        self.ranks = [re.compile(r) for r in cfg["ranks"]]
        self.targets = [re.compile(r) for r in cfg["target_markers"]]
        self.relative = cfg["relative_years"]
        self.regions: dict[str, str] = cfg["regions"]
        self.count_stop = frozenset(cfg.get("count_stop_nouns", ()))
        self.doc_year = doc_year
        mags = "|".join(sorted(self.magnitudes, key=len, reverse=True))
        units = "|".join(re.escape(u) for u in sorted(self.units, key=len, reverse=True))
        num = r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
        self.figure = re.compile(
            rf"(?P<num>{num})(?:\s?(?:-|—|－|~|～|至|到)\s?(?P<num2>{num}))?\s?(?P<mag>{mags})?\s?(?P<unit>{units})?"
        )


@extractor("statistics", requires=("mentions",), assigns=("statistics", "mentions"))
def extract_statistics(ex: Extraction, res: Resources) -> Extraction:
    """Figures with value, unit, metric, year, region, target flag and what they measure."""
    date = ex.parsed.doc.date
    ctx = _Context(res, int(date[:4]) if date and date[:4].isdigit() else None)
    by_sentence = mentions_by_sentence(ex.mentions)
    stats: list[Statistic] = []
    made: list[Mention] = []
    paragraph_year: tuple[int, str | None, bool] = (-1, None, False)
    for s in ex.parsed.sentences:
        if s.heading:
            continue
        ms = by_sentence.get(s.index, [])
        a = abstract(s, ms)
        year, target_year = _years(s.norm, ctx)
        if paragraph_year[0] == s.paragraph and year is None and target_year is None:
            inherited = paragraph_year
        else:
            inherited = (s.paragraph, target_year or year, target_year is not None)
        paragraph_year = (s.paragraph, target_year or year or inherited[1], target_year is not None or inherited[2])
        found, new_mentions = _figures(s, a, ms, ctx, inherited)
        stats.extend(found)
        made.extend(new_mentions)
        stats.extend(_ranks(s, a, ms, ctx))
    return new(ex, statistics=tuple(stats), mentions=tuple(made))


def _years(norm: str, ctx: _Context) -> tuple[str | None, str | None]:
    """(the year a sentence speaks of, the target year if it sets a goal)."""
    target = None
    for rx in ctx.targets:
        m = rx.search(norm)
        if m:
            target = m.group("y")
            break
    m = _YEAR.search(norm)
    year = m.group(1) if m else None
    if year is None and ctx.doc_year:
        for word, delta in ctx.relative.items():
            if word in norm:
                year = str(ctx.doc_year + delta)
                break
    return year, target


def _in_mention(ms: list[Mention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end and not m.rule.startswith("coref") for m in ms)


def _clause_start(norm: str, pos: int) -> int:
    i = pos
    while i > 0 and norm[i - 1] not in _CLAUSE:
        i -= 1
    return i


def _figures(s: Sentence, a: Abstracted, ms: list[Mention], ctx: _Context,
             inherited: tuple[int, str | None, bool]) -> tuple[list[Statistic], list[Mention]]:
    norm = s.norm
    out: list[Statistic] = []
    made: list[Mention] = []
    for m in ctx.figure.finditer(norm):
        num, mag, unit = m.group("num"), m.group("mag"), m.group("unit")
        start, end = m.start(), m.end()
        end = start + len(m.group(0).rstrip())
        if not (mag or unit):
            continue
        before = norm[max(0, start - 1) : start]
        after = norm[end : end + 2].lstrip()
        if before and ((before.isascii() and (before.isalpha() or before in "-_.")) or before in "第前后"):
            continue  # GPT-4, 第十四届, 前10名
        if not unit and not mag and after[:1].isascii() and after[:1].isalpha():
            continue  # 5G, 3D
        if after.startswith(_TIME_WORDS):
            continue
        if _YEAR.match(norm, start) or (norm[end : end + 1] in "年月日号时分秒" and not unit):
            continue
        if _in_mention(ms, start, m.end("num")):
            continue
        value = parse_number(num)
        if value is None or (num[0] not in "0123456789" and value <= 1 and not mag):
            continue  # 一个, 一份: an article, not a figure
        power = ctx.magnitudes.get(mag, 0) if mag else 0
        code, unit_power = ctx.units[unit] if unit else (None, 0)
        clause = norm[_clause_start(norm, start) : start]
        wider = norm[max(0, start - 40) : min(len(norm), end + 12)]
        if code is None:
            if any(w in wider for w in ctx.countable):
                code = "count"
            elif any(w in wider for w in ctx.economic):
                code = "CNY"
            else:
                continue  # a bare 万 or 亿 with no hint what it counts
        elif code == "count" and not mag:
            noun = _noun_after(s, end)
            if noun is not None and noun.key in ctx.count_stop:
                continue  # 三个方面: a figure of speech
            if noun is None and _metric(clause, ctx) is None:
                continue
        value_n = normalise(value, power + unit_power)
        second = parse_number(m.group("num2")) if m.group("num2") else None
        lo = hi = None
        if second is not None:
            lo, hi = value_n, normalise(second, power + unit_power)
        metric = _metric(clause, ctx) or _metric_after(norm[end:], ctx) or _metric(norm[:start], ctx)
        about, denominator, region = _subject(a, s, start, end, ctx)
        if about is None:
            about_m = _noun_phrase_subject(s, clause, start, ctx, metric) or _noun_after(s, end)
            if about_m is not None:
                made.append(about_m)
                about = about_m.key
        if region is None:
            region = next((r for w, r in ctx.regions.items() if w in norm[: start]), None)
        trimmed = clause.rstrip("已经将可达")
        qualifier = next((q for q in ctx.q_before if clause.endswith(q) or trimmed.endswith(q)), None)
        qa = next((q for q in ctx.q_after if norm[end:].lstrip().startswith(q)), None)
        qualifier = qualifier or qa
        year, target_year = _years(norm[: end], ctx)
        is_target = target_year is not None
        if year is None and target_year is None and inherited[1] is not None:
            year, is_target = inherited[1], inherited[2]
        if is_target and target_year:
            year = target_year
        baseline = re.search(r"从\s?$", norm[max(0, start - 2) : start])
        if baseline:
            is_target = False
            year = _YEAR.search(norm[:start]).group(1) if _YEAR.search(norm[:start]) and not target_year else None
        label_start = _label_start(a, s, start, about)
        out.append(
            Statistic(
                label=norm[label_start:end] if 0 <= label_start < start else m.group(0).strip(),
                sentence=s.index,
                rule="statistics.figure",
                value=lo if lo is not None else value_n,
                unit=code,
                unit_text=((mag or "") + (unit or "")) or None,
                metric=metric,
                about=about,
                year=year,
                region=region,
                denominator=denominator,
                min_value=lo,
                max_value=hi,
                qualifier=qualifier,
                is_target=is_target,
            )
        )
    return out, made


def _metric(clause: str, ctx: _Context) -> str | None:
    best = None
    best_pos = -1
    for word in ctx.metrics:
        pos = clause.rfind(word)
        if pos > best_pos or (pos == best_pos and best and len(word) > len(best)):
            best, best_pos = word, pos
    return best if best_pos >= 0 else None


def _metric_after(text: str, ctx: _Context) -> str | None:
    t = text.lstrip().removeprefix("的")
    return next((w for w in ctx.metrics if t.startswith(w)), None)


def _subject(
    a: Abstracted, s: Sentence, start: int, end: int, ctx: _Context
) -> tuple[str | None, str | None, str | None]:
    """(about, denominator, region) from the entities around a figure."""
    norm_before = [m for m in a.mentions if m.end <= start]
    region = next((m.key for m in reversed(norm_before) if m.cls == "Place"), None)
    share = re.search(r"(?P<X>[\ue000-\uf8ff])占(?P<Y>[\ue000-\uf8ff])的?(?:比重|比例|份额|总量)", a.text)
    if share:
        x = a.entities(*share.span("X"))[0]
        y = a.entities(*share.span("Y"))[0]
        if x.end <= start:
            return x.key, y.key, region
    candidates = [m for m in norm_before if m.cls not in ("Place", "Person")]
    clause0 = _clause_start(s.norm, start)
    in_clause = [m for m in candidates if m.start >= clause0]
    pick = in_clause[-1] if in_clause else None
    if pick is None:
        # 120万亿GDP: the subject right after the figure
        after = [m for m in a.mentions if m.start >= end and m.start - end <= 2 and m.cls not in ("Place", "Person")]
        pick = after[0] if after else (candidates[-1] if candidates else None)
    return (pick.key if pick else None), None, region


def _noun_phrase_subject(s: Sentence, clause: str, start: int, ctx: _Context, metric: str | None) -> Mention | None:
    """The noun phrase a metric word follows: 网络零售总额 -> 网络零售."""
    if not metric:
        return None
    pos = s.norm.rfind(metric, 0, start)
    if pos <= 0:
        return None
    toks = [t for t in s.tokens if t.end <= pos]
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


def _noun_after(s: Sentence, end: int) -> Mention | None:
    """The noun a count qualifies: 17份提案 -> 提案."""
    toks = [t for t in s.tokens if t.start >= end]
    if toks and toks[0].text == "的":
        toks = toks[1:]
    if not toks or toks[0].tag not in NOUNISH or toks[0].start - end > 1:
        return None
    k = 0
    while k < len(toks) and k < 3 and toks[k].tag in NOUNISH:
        k += 1
    a0, b0 = toks[0].start, toks[k - 1].end
    phrase = s.norm[a0:b0]
    if len(phrase) < 2 or phrase.startswith(_TIME_WORDS):
        return None
    return Mention(phrase, surface(s, a0, b0), "Concept", s.index, a0, b0, "statistics.subject", confidence=0.5)


def _label_start(a: Abstracted, s: Sentence, start: int, about: str | None) -> int:
    clause0 = _clause_start(s.norm, start)
    if about:
        for m in a.mentions:
            if m.key == about and clause0 <= m.start < start:
                return max(m.start, start - 40)
    return clause0 if start - clause0 <= 30 else start


def _ranks(s: Sentence, a: Abstracted, ms: list[Mention], ctx: _Context) -> list[Statistic]:
    out = []
    for rx in ctx.ranks:
        for m in rx.finditer(s.norm):
            value = parse_number(m.group("n"))
            if value is None:
                continue
            about, _, region = _subject(a, s, m.start(), m.end(), ctx)
            clause0 = _clause_start(s.norm, m.start())
            out.append(
                Statistic(
                    label=s.norm[clause0 : m.end()],
                    sentence=s.index,
                    rule="statistics.rank",
                    value=value,
                    unit="rank",
                    unit_text=m.group(0),
                    metric="排名",
                    about=about,
                    region=region,
                )
            )
    return out
