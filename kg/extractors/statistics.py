"""Statistics: quoted figures with value, unit, metric, year, region and subject.

A figure is a number (Arabic or Chinese numerals, :mod:`kg.extractors.numbers`)
with a magnitude (万, 亿, 万亿…) and/or a unit of the statistics pack
(``ontology/rules/statistics.toml``); a bare magnitude is money (CNY) in an
economic context and a count where people or things are counted. Dates,
ordinals (第十四届), version numbers (5G, GPT-4) and bare numbers are never
figures. The subject is the nearest fitting entity before the figure (or the
noun phrase the metric word follows); ``X占Y比重`` gives Y as denominator
(:mod:`kg.extractors.measures`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from kg.extractors.base import Abstracted, Resources, abstract, extractor, mentions_by_sentence, new
from kg.extractors.entities import surface
from kg.extractors.measures import (
    StatContext,
    adjacent_subject,
    bare_unit,
    clause_begin,
    clause_has_subject,
    in_mention,
    label_begin,
    metric_after,
    metric_in,
    noun_after,
    noun_phrase_subject,
    phrase_metric,
    region_before,
    snap_metric,
    subject_before,
    subjects_around,
)
from kg.extractors.numbers import normalise, parse_number
from kg.types import Extraction, Mention, Sentence, Statistic


@extractor("statistics", requires=("mentions",), assigns=("statistics", "mentions"), after=("claims",),
           why="a counted noun (four proposals) becomes a mention that would hide a claim's cue word")
def extract_statistics(ex: Extraction, res: Resources) -> Extraction:
    """Figures with value, unit, metric, year, region, target flag and what they measure."""
    date = ex.parsed.doc.date
    ctx = StatContext(res, int(date[:4]) if date and date[:4].isdigit() else None)
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


def _years(norm: str, ctx: StatContext) -> tuple[str | None, str | None]:
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


def _range_end(norm: str, m: re.Match[str], nxt: re.Match[str] | None, ctx: StatContext) -> re.Match[str] | None:
    """``1.5万亿元至2万亿元``: the next figure when it closes a range with this one (the unit at both ends)."""
    mag, unit = m.group("mag"), m.group("unit")
    if nxt is None or not (mag or unit) or not ctx.rules.range_between.fullmatch(norm[_figure_end(m) : nxt.start()]):
        return None
    same = (nxt.group("mag"), nxt.group("unit")) == (mag, unit)
    return nxt if same or (not nxt.group("mag") and nxt.group("unit") == unit) else None


def _figure_value(norm: str, m: re.Match[str], ms: list[Mention], ctx: StatContext) -> Decimal | None:
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
    if in_mention(ms, start, m.end("num")):
        return None
    value = parse_number(num, ctx.rules)
    if value is None or (num[0] not in "0123456789" and value <= 1 and not mag):
        return None  # 一个, 一份: an article, not a figure
    return value


def _unit_code(s: Sentence, a: Abstracted, m: re.Match[str], local: str, c0: int, previous: Statistic | None,
               ctx: StatContext) -> str | None:
    """The unit code of a figure: its unit's, or for a bare 万/亿 what the context counts (the previous
    figure's when this one continues a change); None where it is no statistic (三个方面)."""
    norm, mag, unit = s.norm, m.group("mag"), m.group("unit")
    start, end = m.start(), _figure_end(m)
    if not unit:
        code = bare_unit(local + norm[end : end + 8], norm[max(0, start - 40) : min(len(norm), end + 12)], ctx)
        return previous.unit if code is None and previous is not None else code
    code = ctx.units[unit][0]
    if code == "count" and not mag:
        noun = noun_after(s, end, ctx)
        if noun is not None and noun.key in ctx.count_stop:
            return None  # 三个方面: a figure of speech
        if noun is None and metric_in(norm[c0:start], ctx) is None and not clause_has_subject(a, c0, start):
            return None
    return code


def _bounds(m: re.Match[str], upper: re.Match[str] | None, value: Decimal,
            ctx: StatContext) -> tuple[Decimal, Decimal | None, Decimal | None, int]:
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
               ctx: StatContext) -> tuple[str | None, str | None, str | None, str | None]:
    """(metric, about, denominator, region) of the figure at ``span`` = (start, end, context start, context end);
    ``counts``: it counts things with a measure word (17份). Mentions it makes up (a counted noun, a noun
    phrase) go to ``made``."""
    start, end, ctx_start, ctx_end = span
    norm = s.norm
    local = norm[ctx_start:ctx_end]
    metric = metric_in(local, ctx) or metric_after(norm[end:], ctx)
    about, denominator, region = subjects_around(a, s, ctx_start, ctx_end, end, ctx)
    counted = noun_after(s, end, ctx) if counts else None
    adjacent = adjacent_subject(a, s, ctx_start, ctx_end, metric)
    if isinstance(adjacent, Mention) and adjacent.start < clause_begin(norm, start) - 1:
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
        about_m = noun_phrase_subject(s, ctx_start, ctx_end, metric) or noun_after(s, end, ctx)
        if about_m is not None:
            made.append(about_m)
            about = about_m.key
    if about is None:
        about = subject_before(a, start, ctx)
    metric = metric or phrase_metric(a, s, about, ctx_start, ctx_end, ctx) or metric_in(norm[:start], ctx)
    return snap_metric(metric, s, start), about, denominator, region


def _figure_year(norm: str, start: int, end: int, inherited: tuple[int, str | None, bool],
                 ctx: StatContext) -> tuple[str | None, bool]:
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


def _qualifier(norm: str, clause: str, end: int, ctx: StatContext) -> str | None:
    """超过, 约, 以上 …: the qualifier written before or after the figure."""
    clause = clause.rstrip()
    trimmed = clause.rstrip(ctx.rules.value_verb_chars)
    qualifier = next((q for q in ctx.q_before if clause.endswith(q) or trimmed.endswith(q)), None)
    qa = next((q for q in ctx.q_after if norm[end:].lstrip().startswith(q)), None)
    return qualifier or qa


def _context_span(norm: str, c0: int, start: int, clause_figures: dict[int, int], ctx: StatContext) -> tuple[int, int]:
    """The text before a figure that describes it: its clause, or after 分别 its own part of the list."""
    if ctx.rules.respectively not in norm[c0:start]:
        return c0, start
    k = clause_figures.get(c0, 0)
    clause_figures[c0] = k + 1
    return _respectively(norm[c0:start], c0, k, ctx.rules.respectively) or (c0, start)


def _figures(s: Sentence, a: Abstracted, ms: list[Mention], ctx: StatContext,
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
        c0 = clause_begin(norm, start)
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
            region = region_before(norm, start, ctx)
        year, is_target = _figure_year(norm, start, end, inherited, ctx)
        label_start = label_begin(a, s, start, about)
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


def _ranks(s: Sentence, a: Abstracted, ms: list[Mention], ctx: StatContext) -> list[Statistic]:
    out = []
    for rx in ctx.ranks:
        for m in rx.finditer(s.norm):
            value = parse_number(m.group("n"), ctx.rules)
            if value is None:
                continue
            about, _, region = subjects_around(a, s, clause_begin(s.norm, m.start()), m.start(), m.end(), ctx)
            about = about or subject_before(a, m.start(), ctx)
            if region is None:
                region = region_before(s.norm, m.start(), ctx)
            year, _ = _years(s.norm[: m.end()], ctx)
            year = year or (str(ctx.doc_year) if ctx.doc_year else None)
            clause0 = clause_begin(s.norm, m.start())
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
