"""The statistics pack (``statistics.toml``): numerals, magnitudes, units, metrics and the figure pattern."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.macros import substitute
from kg.rules.shared import SharedRules, longest_first
from kg.rules.source import Pack


@dataclass(frozen=True)
class StatisticRules:
    """Everything ``statistics.toml`` holds; word lists that are tried in turn are longest first."""

    digits: dict[str, int]
    numeral_units: dict[str, int]
    decimal_point: str
    #: magnitude word -> power of ten
    magnitudes: dict[str, int]
    #: unit as written -> (unit code, power of ten)
    units: dict[str, tuple[str, int]]
    figure: re.Pattern[str]
    range_between: re.Pattern[str]
    year: re.Pattern[str]
    qualifiers_before: tuple[str, ...]
    qualifiers_after: tuple[str, ...]
    economic: tuple[str, ...]
    countable: tuple[str, ...]
    metrics: tuple[str, ...]
    count_stop_nouns: frozenset[str]
    ranks: tuple[re.Pattern[str], ...]
    target_markers: tuple[re.Pattern[str], ...]
    relative_years: dict[str, int]
    regions: dict[str, str]
    time_words: tuple[str, ...]
    date_after: str
    ordinal_before: str
    change_before_year: tuple[str, ...]
    respectively: str
    change_to: re.Pattern[str]
    change_from: re.Pattern[str]
    share_frame: re.Pattern[str]
    share: re.Pattern[str]
    elided_share: re.Pattern[str]
    count_metric: str
    rank_metric: str
    value_verb_chars: str
    metric_trailer: re.Pattern[str]
    rate_metric: re.Pattern[str]
    list_marks: tuple[str, ...]


def _units(pack: Pack) -> dict[str, tuple[str, int]]:
    return {u: (code, p) for u, code, p in pack.rows("units", str, str, int)}


def build(pack: Pack, shared: SharedRules) -> StatisticRules:
    magnitudes = pack.mapping("magnitudes", int)
    units = _units(pack)
    number = pack.text("number")
    macros = {
        "NUMBER": number,
        "MAGNITUDES": "|".join(longest_first(list(magnitudes))),
        "UNITS": "|".join(re.escape(u) for u in longest_first(list(units))),
    }
    out = StatisticRules(
        digits=pack.mapping("digits", int),
        numeral_units=pack.mapping("numeral_units", int),
        decimal_point=pack.text("decimal_point"),
        magnitudes=magnitudes,
        units=units,
        figure=pack.pattern("figure", lambda p: substitute(p, macros)),
        range_between=pack.pattern("range_between"),
        year=pack.pattern("year"),
        qualifiers_before=longest_first(pack.words("qualifiers_before")),
        qualifiers_after=longest_first(pack.words("qualifiers_after")),
        economic=pack.words("economic"),
        countable=pack.words("countable"),
        metrics=longest_first(pack.words("metrics")),
        count_stop_nouns=frozenset(pack.words("count_stop_nouns", ())),
        ranks=pack.patterns("ranks"),
        target_markers=pack.patterns("target_markers"),
        relative_years=pack.mapping("relative_years", int),
        regions=pack.mapping("regions", str),
        time_words=pack.words("time_words"),
        date_after=pack.text("date_after"),
        ordinal_before=pack.text("ordinal_before"),
        change_before_year=pack.words("change_before_year"),
        respectively=pack.text("respectively"),
        change_to=pack.pattern("change_to"),
        change_from=pack.pattern("change_from"),
        share_frame=pack.pattern("share_frame"),
        share=pack.pattern("share"),
        elided_share=pack.pattern("elided_share"),
        count_metric=pack.text("count_metric"),
        rank_metric=pack.text("rank_metric"),
        value_verb_chars=pack.text("value_verb_chars"),
        metric_trailer=pack.pattern("metric_trailer"),
        rate_metric=pack.pattern("rate_metric"),
        list_marks=pack.words("list_marks"),
    )
    pack.done()
    return out
