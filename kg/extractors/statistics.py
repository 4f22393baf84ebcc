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
        for m in rx.finditer(norm):
            y = m.group("y")
            if norm[max(0, m.start() - 1) : m.start()] in ("长", "升", "高", "加", "降", "至"):
                continue  # 从2012年的…增长到2021年的…: a change over time, not a goal
            if ctx.doc_year and int(y) <= ctx.doc_year:
                continue  # a goal lies ahead of the text
            target = y
            break
        if target:
            break
    years = _YEAR.findall(norm)
    year = years[-1] if years else None  # the nearest year before the figure (从2012年的…到2021年的…)
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


def _respectively(norm: str, clause0: str, clause_start: int, index: int) -> tuple[int, int] | None:
    """``A、B分别达x、y``: the span of the part (A or B) the ``index``-th figure after 分别 belongs to."""
    pos = clause0.find("分别")
    if pos < 0:
        return None
    parts = clause0[:pos].split("、")
    if index >= len(parts):
        return None
    offset = clause_start + sum(len(p) + 1 for p in parts[:index])
    return offset, offset + len(parts[index])


def _figures(s: Sentence, a: Abstracted, ms: list[Mention], ctx: _Context,
             inherited: tuple[int, str | None, bool]) -> tuple[list[Statistic], list[Mention]]:
    norm = s.norm
    out: list[Statistic] = []
    made: list[Mention] = []
    clause_figures: dict[int, int] = {}  # clause start -> figures seen in it after 分别
    previous: Statistic | None = None
    previous_clause = -1
    matches = list(ctx.figure.finditer(norm))
    skip_next = False
    for index, m in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        num, mag, unit = m.group("num"), m.group("mag"), m.group("unit")
        start = m.start()
        end = start + len(m.group(0).rstrip())
        # 1.5万亿元至2万亿元: one range, the unit written at both ends
        upper = None
        nxt = matches[index + 1] if index + 1 < len(matches) else None
        if nxt is not None and (mag or unit) and re.fullmatch(r"\s?(?:至|到|-|—|－|~|～)\s?", norm[end : nxt.start()]):
            same = (nxt.group("mag"), nxt.group("unit")) == (mag, unit)
            if same or (not nxt.group("mag") and nxt.group("unit") == unit):
                upper = nxt
                skip_next = True
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
        c0 = _clause_start(norm, start)
        clause = norm[c0:start]
        # 从11.76万亿增长到17万亿: the second figure of a change measures what the first did
        follows = previous is not None and previous_clause == c0 and re.search(r"(?:到|至)\s?$", clause)
        # 普及率分别达62.9%、80.1%: each figure has its own part of the list before 分别
        ctx_start, ctx_end = c0, start
        if "分别" in norm[c0:start]:
            k = clause_figures.get(c0, 0)
            clause_figures[c0] = k + 1
            part = _respectively(norm, norm[c0:start], c0, k)
            if part is not None:
                ctx_start, ctx_end = part
        local = norm[ctx_start:ctx_end]
        if code is None:
            code = _bare_unit(local + norm[end : end + 8], norm[max(0, start - 40) : min(len(norm), end + 12)], ctx)
            if code is None and follows and previous is not None:
                code = previous.unit
            if code is None:
                continue  # a bare 万 or 亿 with no hint what it counts
        elif code == "count" and not mag:
            noun = _noun_after(s, end)
            if noun is not None and noun.key in ctx.count_stop:
                continue  # 三个方面: a figure of speech
            if noun is None and _metric(clause, ctx) is None and not _clause_has_subject(a, c0, start):
                continue
        value_n = normalise(value, power + unit_power)
        second = parse_number(m.group("num2")) if m.group("num2") else None
        lo = hi = None
        if second is not None:
            lo, hi = value_n, normalise(second, power + unit_power)
        elif upper is not None:
            top = parse_number(upper.group("num"))
            top_power = ctx.magnitudes.get(upper.group("mag"), 0) if upper.group("mag") else 0
            if top is not None:
                lo, hi = value_n, normalise(top, top_power + unit_power)
                end = upper.start() + len(upper.group(0).rstrip())
        if follows and previous is not None:
            metric, about, denominator, region = previous.metric, previous.about, previous.denominator, previous.region
        else:
            metric = _metric(local, ctx) or _metric_after(norm[end:], ctx)
            about, denominator, region = _subject(a, s, ctx_start, ctx_end, end, ctx)
            counted = _noun_after(s, end) if code == "count" and unit and not mag else None
            adjacent = _adjacent_subject(a, s, ctx_start, ctx_end, metric)
            if isinstance(adjacent, Mention) and adjacent.start < _clause_start(norm, start) - 1:
                adjacent = None
            frame = re.match(r"\s*在(?P<whole>[^，,]{2,16}?)中(?:的)?(?:占比|比重|占)", local)
            if frame and previous is not None and about is None:
                about, denominator, adjacent = previous.about, None, None
            if counted is not None:
                # 17份提案: a count is of the thing named after its measure word
                made.append(counted)
                about, metric = counted.key, metric or "数量"
            elif adjacent is not None and denominator is None:
                if isinstance(adjacent, Mention):
                    made.append(adjacent)
                    about = adjacent.key
                else:
                    about = adjacent
            if about is None:
                about_m = _noun_phrase_subject(s, ctx_start, ctx_end, metric) or _noun_after(s, end)
                if about_m is not None:
                    made.append(about_m)
                    about = about_m.key
            if about is None:
                about = _subject_before(a, start)
            metric = metric or _phrase_metric(a, s, about, ctx_start, ctx_end, ctx) or _metric(norm[:start], ctx)
            metric = _snap_metric(metric, s, start)
        if region is None:
            region = _region_before(norm, start, ctx)
        clause = clause.rstrip()
        trimmed = clause.rstrip("已经将可达")
        qualifier = next((q for q in ctx.q_before if clause.endswith(q) or trimmed.endswith(q)), None)
        qa = next((q for q in ctx.q_after if norm[end:].lstrip().startswith(q)), None)
        qualifier = qualifier or qa
        year, target_year = _years(norm[:end], ctx)
        is_target = target_year is not None
        if year is None and target_year is None and inherited[1] is not None:
            year, is_target = inherited[1], inherited[2]
        if is_target and target_year:
            year = target_year
        if year is None and not is_target and ctx.doc_year:
            year = str(ctx.doc_year)  # a figure in the news with no year of its own is of the year of publication
        if re.search(r"从\s?$", norm[max(0, start - 2) : start]):
            is_target = False  # the baseline of a change: its year is not the target's
            found_year = _YEAR.search(norm[:start])
            year = found_year.group(1) if found_year and not target_year else None
        label_start = _label_start(a, s, start, about)
        stat = Statistic(
            label=surface(s, label_start, end) if 0 <= label_start < start else surface(s, start, end),
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
        out.append(stat)
        previous, previous_clause = stat, c0
    return out, made


def _adjacent_subject(a: Abstracted, s: Sentence, lo: int, hi: int, metric: str | None) -> str | Mention | None:
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
    opened = _phrase_opening(toks, len(toks))
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
    if _in_mention(list(a.mentions), toks[k].start, pos):
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


def _phrase_opening(toks: list, k: int) -> int | None:
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


def _region_before(norm: str, pos: int, ctx: _Context) -> str | None:
    """The first region word (中国, 全国…) the sentence names before ``pos``."""
    return next((r for w, r in ctx.regions.items() if w in norm[:pos]), None)


def _clause_has_subject(a: Abstracted, lo: int, hi: int) -> bool:
    """我国人工智能企业超过4400家: a count whose clause names what is counted."""
    return any(lo <= m.start and m.end <= hi and m.cls not in ("Place", "Person") for m in a.mentions)


def _bare_unit(local: str, wider: str, ctx: _Context) -> str | None:
    """What a bare 万/亿 counts: people and things (count) or money (CNY); the clause decides first."""
    for text in (local, wider):
        if any(w in text for w in ctx.countable):
            return "count"
        if any(w in text for w in ctx.economic):
            return "CNY"
    return None


def _subject_before(a: Abstracted, start: int) -> str | None:
    """The entity the sentence is about: the last one before the figure that is not a list member
    (5G已在工业、医疗等多个行业…，应用案例数超过5万个 is about 5G)."""
    norm = a.sentence.norm
    cands = [
        m for m in a.mentions
        if m.end <= start and m.cls not in ("Place", "Person")
        and norm[m.end : m.end + 1] not in ("、", "等") and norm[m.start - 1 : m.start] != "、"
    ]
    return cands[-1].key if cands else None


def _phrase_metric(a: Abstracted, s: Sentence, about: str | None, lo: int, hi: int, ctx: _Context) -> str | None:
    """``5G应用案例数超过5万个``: the words between the subject and the figure name the metric."""
    subject_end = max((m.end for m in a.mentions if m.key == about and lo <= m.start < hi), default=-1)
    if subject_end < 0:
        return None
    text = s.norm[subject_end:hi].strip()
    text = re.sub(r"(?:已经|已|将|达到|达|为|超过|超|约|近|突破|共|累计|的)+$", "", text).removeprefix("的")
    return text if 2 <= len(text) <= 8 and not re.search(r"[，,、\d]", text) else None


_RATE = re.compile(r"([\u4e00-\u9fff]{1,3}(?:率|量|额|值|数))(?:分别|已经|已|将)?(?:达到|达|为|超过|约|近)?$")


def _metric(clause: str, ctx: _Context) -> str | None:
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
    m = _RATE.search(clause.rstrip())
    return m.group(1) if m else None


def _snap_metric(metric: str | None, s: Sentence, hi: int) -> str | None:
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


def _metric_after(text: str, ctx: _Context) -> str | None:
    t = text.lstrip().removeprefix("的")
    return next((w for w in ctx.metrics if t.startswith(w)), None)


def _subject(
    a: Abstracted, s: Sentence, lo: int, hi: int, end: int, ctx: _Context
) -> tuple[str | None, str | None, str | None]:
    """(about, denominator, region) from the entities in ``norm[lo:hi]`` (before the figure) or right after it."""
    before = [m for m in a.mentions if m.end <= hi]
    region = next((m.key for m in reversed(before) if m.cls == "Place"), None)
    share = re.search(r"(?P<X>[\ue000-\uf8ff])占(?P<Y>[\ue000-\uf8ff])的?(?:比重|比例|份额|总量)", a.text)
    if share:
        x = a.entities(*share.span("X"))[0]
        y = a.entities(*share.span("Y"))[0]
        if lo <= x.start and x.end <= hi:
            return x.key, y.key, region
    # …规模超过50万亿元，占GDP比重达41.5%: the share is of the clause before's subject
    elided = re.search(r"(?:^|[，,])占(?P<Y>[\ue000-\uf8ff])的?(?:比重|比例|份额)", a.text)
    if elided:
        y = a.entities(*elided.span("Y"))[0]
        if lo <= y.start < hi:
            subject = _subject_before(a, y.start - 1)
            if subject and subject != y.key:
                return subject, y.key, region
    in_context = [m for m in before if m.start >= lo and m.cls not in ("Place", "Person")]
    if in_context:
        return in_context[-1].key, None, region
    # 120万亿GDP: the subject right after the figure
    after = [m for m in a.mentions if m.start >= end and m.start - end <= 2 and m.cls not in ("Place", "Person")]
    return (after[0].key if after else None), None, region


def _noun_phrase_subject(s: Sentence, lo: int, hi: int, metric: str | None) -> Mention | None:
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


def _noun_after(s: Sentence, end: int) -> Mention | None:
    """The noun a count qualifies: 17份提案 -> 提案."""
    toks = [t for t in s.tokens if t.start >= end]
    if toks and toks[0].text == "的":
        toks = toks[1:]
    nominal = NOUNISH | {"v"}  # after a measure word a verb names a thing: 三份提案, 四份建议
    if not toks or toks[0].tag not in nominal or toks[0].start - end > 1:
        return None
    k = 0
    while k < len(toks) and k < 3 and toks[k].tag in nominal and (k == 0 or toks[k].tag in NOUNISH):
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
            about, _, region = _subject(a, s, _clause_start(s.norm, m.start()), m.start(), m.end(), ctx)
            about = about or _subject_before(a, m.start())
            if region is None:
                region = _region_before(s.norm, m.start(), ctx)
            year, _ = _years(s.norm[: m.end()], ctx)
            year = year or (str(ctx.doc_year) if ctx.doc_year else None)
            clause0 = _clause_start(s.norm, m.start())
            out.append(
                Statistic(
                    label=surface(s, clause0, m.end()),
                    sentence=s.index,
                    rule="statistics.rank",
                    value=value,
                    unit="rank",
                    unit_text=m.group(0),
                    metric="排名",
                    about=about,
                    region=region,
                    year=year,
                )
            )
    return out
