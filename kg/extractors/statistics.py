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
from kg.rules import load_rules
from kg.rules.statistics import StatisticRules
from kg.types import Extraction, Mention, Sentence, Statistic

_CLAUSE = "，,；;。！？!?"


def chinese_number(text: str, rules: StatisticRules | None = None) -> Decimal | None:
    """Value of a Chinese numeral (``十四``, ``三千五百``, ``两``, ``三点五``), by the numerals of ``rules``
    (the built-in pack's when None).

    >>> chinese_number("三千五百"), chinese_number("十四"), chinese_number("两")
    (Decimal('3500'), Decimal('14'), Decimal('2'))
    """
    r = rules or load_rules().statistics
    digits, units = r.digits, r.numeral_units
    if r.decimal_point in text:
        whole, _, frac = text.partition(r.decimal_point)
        w = chinese_number(whole, r) if whole else Decimal(0)
        if w is None or not frac or any(c not in digits for c in frac):
            return None
        return w + Decimal("0." + "".join(str(digits[c]) for c in frac))
    total, digit = 0, None
    for ch in text:
        if ch in digits:
            if digit is not None:  # 二零二一: digit by digit
                digit = digit * 10 + digits[ch]
            else:
                digit = digits[ch]
        elif ch in units:
            total += (digit if digit is not None else 1) * units[ch]
            digit = None
        else:
            return None
    return Decimal(total + (digit or 0))


def parse_number(text: str, rules: StatisticRules | None = None) -> Decimal | None:
    """``45.5`` / ``1,000`` / ``十四`` -> Decimal."""
    t = text.replace(",", "")
    if t[:1].isdigit():
        try:
            return Decimal(t)
        except InvalidOperation:
            return None
    return chinese_number(t, rules)


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


@extractor("statistics", requires=("mentions",), assigns=("statistics", "mentions"), after=("claims",),
           why="a counted noun (four proposals) becomes a mention that would hide a claim's cue word")
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
            if norm[max(0, m.start() - 1) : m.start()] in ctx.rules.change_before_year:
                continue  # 从2012年的…增长到2021年的…: a change over time, not a goal
            if ctx.doc_year and int(y) <= ctx.doc_year:
                continue  # a goal lies ahead of the text
            target = y
            break
        if target:
            break
    years = ctx.rules.year.findall(norm)
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


def _respectively(clause0: str, clause_start: int, index: int, word: str) -> tuple[int, int] | None:
    """``A、B分别达x、y``: the span of the part (A or B) the ``index``-th figure after 分别 (``word``) belongs to."""
    pos = clause0.find(word)
    if pos < 0:
        return None
    parts = clause0[:pos].split("、")
    if index >= len(parts):
        return None
    offset = clause_start + sum(len(p) + 1 for p in parts[:index])
    return offset, offset + len(parts[index])


def _figure_end(m: re.Match[str]) -> int:
    return m.start() + len(m.group(0).rstrip())


def _range_end(norm: str, m: re.Match[str], nxt: re.Match[str] | None, ctx: _Context) -> re.Match[str] | None:
    """``1.5万亿元至2万亿元``: the next figure when it closes a range with this one (the unit at both ends)."""
    mag, unit = m.group("mag"), m.group("unit")
    if nxt is None or not (mag or unit) or not ctx.rules.range_between.fullmatch(norm[_figure_end(m) : nxt.start()]):
        return None
    same = (nxt.group("mag"), nxt.group("unit")) == (mag, unit)
    return nxt if same or (not nxt.group("mag") and nxt.group("unit") == unit) else None


def _figure_value(norm: str, m: re.Match[str], ms: list[Mention], ctx: _Context) -> Decimal | None:
    """The number of a figure, or None where the match is no figure: no magnitude or unit, a version
    (GPT-4), an ordinal (第十四届), a duration or date, part of a name, or an article (一个)."""
    num, mag, unit = m.group("num"), m.group("mag"), m.group("unit")
    if not (mag or unit):
        return None
    start, end = m.start(), _figure_end(m)
    before = norm[max(0, start - 1) : start]
    after = norm[end : end + 2].lstrip()
    if before and ((before.isascii() and (before.isalpha() or before in "-_.")) or before in ctx.rules.ordinal_before):
        return None  # GPT-4, 第十四届, 前10名
    if after.startswith(ctx.rules.time_words):
        return None
    if ctx.rules.year.match(norm, start) or (norm[end : end + 1] in ctx.rules.date_after and not unit):
        return None
    if _in_mention(ms, start, m.end("num")):
        return None
    value = parse_number(num, ctx.rules)
    if value is None or (num[0] not in "0123456789" and value <= 1 and not mag):
        return None  # 一个, 一份: an article, not a figure
    return value


def _unit_code(s: Sentence, a: Abstracted, m: re.Match[str], local: str, c0: int, previous: Statistic | None,
               ctx: _Context) -> str | None:
    """The unit code of a figure: its unit's, or for a bare 万/亿 what the context counts (the previous
    figure's when this one continues a change); None where it is no statistic (三个方面)."""
    norm, mag, unit = s.norm, m.group("mag"), m.group("unit")
    start, end = m.start(), _figure_end(m)
    if not unit:
        code = _bare_unit(local + norm[end : end + 8], norm[max(0, start - 40) : min(len(norm), end + 12)], ctx)
        return previous.unit if code is None and previous is not None else code
    code = ctx.units[unit][0]
    if code == "count" and not mag:
        noun = _noun_after(s, end, ctx)
        if noun is not None and noun.key in ctx.count_stop:
            return None  # 三个方面: a figure of speech
        if noun is None and _metric(norm[c0:start], ctx) is None and not _clause_has_subject(a, c0, start):
            return None
    return code


def _bounds(m: re.Match[str], upper: re.Match[str] | None, value: Decimal,
            ctx: _Context) -> tuple[Decimal, Decimal | None, Decimal | None, int]:
    """(normalised value, range minimum, range maximum, end of the figure's text)."""
    mag, unit = m.group("mag"), m.group("unit")
    power = ctx.magnitudes.get(mag, 0) if mag else 0
    unit_power = ctx.units[unit][1] if unit else 0
    value_n = normalise(value, power + unit_power)
    end = _figure_end(m)
    second = parse_number(m.group("num2"), ctx.rules) if m.group("num2") else None
    if second is not None:
        return value_n, value_n, normalise(second, power + unit_power), end
    if upper is not None:
        top = parse_number(upper.group("num"), ctx.rules)
        top_power = ctx.magnitudes.get(upper.group("mag"), 0) if upper.group("mag") else 0
        if top is not None:
            return value_n, value_n, normalise(top, top_power + unit_power), _figure_end(upper)
    return value_n, None, None, end


def _described(s: Sentence, a: Abstracted, span: tuple[int, int, int, int], counts: bool,
               previous: Statistic | None, made: list[Mention],
               ctx: _Context) -> tuple[str | None, str | None, str | None, str | None]:
    """(metric, about, denominator, region) of the figure at ``span`` = (start, end, context start, context end);
    ``counts``: it counts things with a measure word (17份). Mentions it makes up (a counted noun, a noun
    phrase) go to ``made``."""
    start, end, ctx_start, ctx_end = span
    norm = s.norm
    local = norm[ctx_start:ctx_end]
    metric = _metric(local, ctx) or _metric_after(norm[end:], ctx)
    about, denominator, region = _subject(a, s, ctx_start, ctx_end, end, ctx)
    counted = _noun_after(s, end, ctx) if counts else None
    adjacent = _adjacent_subject(a, s, ctx_start, ctx_end, metric)
    if isinstance(adjacent, Mention) and adjacent.start < _clause_start(norm, start) - 1:
        adjacent = None
    frame = ctx.rules.share_frame.match(local)
    if frame and previous is not None and about is None:
        about, denominator, adjacent = previous.about, None, None
    if counted is not None:
        # 17份提案: a count is of the thing named after its measure word
        made.append(counted)
        about, metric = counted.key, metric or ctx.rules.count_metric
    elif adjacent is not None and denominator is None:
        if isinstance(adjacent, Mention):
            made.append(adjacent)
            about = adjacent.key
        else:
            about = adjacent
    if about is None:
        about_m = _noun_phrase_subject(s, ctx_start, ctx_end, metric) or _noun_after(s, end, ctx)
        if about_m is not None:
            made.append(about_m)
            about = about_m.key
    if about is None:
        about = _subject_before(a, start, ctx)
    metric = metric or _phrase_metric(a, s, about, ctx_start, ctx_end, ctx) or _metric(norm[:start], ctx)
    return _snap_metric(metric, s, start), about, denominator, region


def _figure_year(norm: str, start: int, end: int, inherited: tuple[int, str | None, bool],
                 ctx: _Context) -> tuple[str | None, bool]:
    """(year, is a target) of a figure: its own, the paragraph's, or the year of publication."""
    year, target_year = _years(norm[:end], ctx)
    is_target = target_year is not None
    if year is None and target_year is None and inherited[1] is not None:
        year, is_target = inherited[1], inherited[2]
    if is_target and target_year:
        year = target_year
    if year is None and not is_target and ctx.doc_year:
        year = str(ctx.doc_year)  # a figure in the news with no year of its own is of the year of publication
    if ctx.rules.change_from.search(norm[max(0, start - 2) : start]):
        is_target = False  # the baseline of a change: its year is not the target's
        found_year = ctx.rules.year.search(norm[:start])
        year = found_year.group(1) if found_year and not target_year else None
    return year, is_target


def _qualifier(norm: str, clause: str, end: int, ctx: _Context) -> str | None:
    """超过, 约, 以上 …: the qualifier written before or after the figure."""
    clause = clause.rstrip()
    trimmed = clause.rstrip(ctx.rules.value_verb_chars)
    qualifier = next((q for q in ctx.q_before if clause.endswith(q) or trimmed.endswith(q)), None)
    qa = next((q for q in ctx.q_after if norm[end:].lstrip().startswith(q)), None)
    return qualifier or qa


def _context_span(norm: str, c0: int, start: int, clause_figures: dict[int, int], ctx: _Context) -> tuple[int, int]:
    """The text before a figure that describes it: its clause, or after 分别 its own part of the list."""
    if ctx.rules.respectively not in norm[c0:start]:
        return c0, start
    k = clause_figures.get(c0, 0)
    clause_figures[c0] = k + 1
    return _respectively(norm[c0:start], c0, k, ctx.rules.respectively) or (c0, start)


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
        upper = _range_end(norm, m, matches[index + 1] if index + 1 < len(matches) else None, ctx)
        skip_next = upper is not None
        value = _figure_value(norm, m, ms, ctx)
        if value is None:
            continue
        start = m.start()
        c0 = _clause_start(norm, start)
        clause = norm[c0:start]
        # 从11.76万亿增长到17万亿: the second figure of a change measures what the first did
        follows = previous if previous is not None and previous_clause == c0 and ctx.rules.change_to.search(
            clause) else None
        # 普及率分别达62.9%、80.1%: each figure has its own part of the list before 分别
        ctx_start, ctx_end = _context_span(norm, c0, start, clause_figures, ctx)
        code = _unit_code(s, a, m, norm[ctx_start:ctx_end], c0, follows, ctx)
        if code is None:
            continue
        value_n, lo, hi, end = _bounds(m, upper, value, ctx)
        if follows is not None:
            metric, about, denominator, region = follows.metric, follows.about, follows.denominator, follows.region
        else:
            counts = code == "count" and bool(m.group("unit")) and not m.group("mag")
            metric, about, denominator, region = _described(
                s, a, (start, end, ctx_start, ctx_end), counts, previous, made, ctx)
        if region is None:
            region = _region_before(norm, start, ctx)
        year, is_target = _figure_year(norm, start, end, inherited, ctx)
        label_start = _label_start(a, s, start, about)
        stat = Statistic(
            label=surface(s, label_start, end) if 0 <= label_start < start else surface(s, start, end),
            sentence=s.index,
            rule="statistics.figure",
            value=lo if lo is not None else value_n,
            unit=code,
            unit_text=((m.group("mag") or "") + (m.group("unit") or "")) or None,
            metric=metric,
            about=about,
            year=year,
            region=region,
            denominator=denominator,
            min_value=lo,
            max_value=hi,
            qualifier=_qualifier(norm, clause, end, ctx),
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


def _subject_before(a: Abstracted, start: int, ctx: _Context) -> str | None:
    """The entity the sentence is about: the last one before the figure that is not a list member
    (5G已在工业、医疗等多个行业…，应用案例数超过5万个 is about 5G)."""
    norm = a.sentence.norm
    cands = [
        m for m in a.mentions
        if m.end <= start and m.cls not in ("Place", "Person")
        and norm[m.end : m.end + 1] not in ctx.rules.list_marks and norm[m.start - 1 : m.start] != "、"
    ]
    return cands[-1].key if cands else None


def _phrase_metric(a: Abstracted, s: Sentence, about: str | None, lo: int, hi: int, ctx: _Context) -> str | None:
    """``5G应用案例数超过5万个``: the words between the subject and the figure name the metric."""
    subject_end = max((m.end for m in a.mentions if m.key == about and lo <= m.start < hi), default=-1)
    if subject_end < 0:
        return None
    text = s.norm[subject_end:hi].strip()
    text = ctx.rules.metric_trailer.sub("", text).removeprefix(ctx.de)
    return text if 2 <= len(text) <= 8 and not re.search(r"[，,、\d]", text) else None


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
    m = ctx.rules.rate_metric.search(clause.rstrip())
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
    t = text.lstrip().removeprefix(ctx.de)
    return next((w for w in ctx.metrics if t.startswith(w)), None)


def _subject(
    a: Abstracted, s: Sentence, lo: int, hi: int, end: int, ctx: _Context
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
            subject = _subject_before(a, y.start - 1, ctx)
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


def _noun_after(s: Sentence, end: int, ctx: _Context) -> Mention | None:
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
            value = parse_number(m.group("n"), ctx.rules)
            if value is None:
                continue
            about, _, region = _subject(a, s, _clause_start(s.norm, m.start()), m.start(), m.end(), ctx)
            about = about or _subject_before(a, m.start(), ctx)
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
                    metric=ctx.rules.rank_metric,
                    about=about,
                    region=region,
                    year=year,
                )
            )
    return out
