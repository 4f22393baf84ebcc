"""The people pack (``people.toml``): names, titles, appositions, bylines and birth years."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.shared import SharedRules, longest_first
from kg.rules.source import Pack


@dataclass(frozen=True)
class PeopleRules:
    """Words and patterns the people extractor reads."""

    #: job titles, longest first
    titles: tuple[str, ...]
    title_re: re.Pattern[str]
    bodies: frozenset[str]
    apposition_breaks: frozenset[str]
    apposition_verb_breaks: frozenset[str]
    credit_titles: tuple[str, ...]
    area_titles: tuple[str, ...]
    business_areas: tuple[str, ...]
    #: where an apposition's organisation ends, longest first
    org_suffixes: tuple[str, ...]
    #: words that contain a title but are not one (委员会)
    not_titles: re.Pattern[str]
    births: tuple[re.Pattern[str], ...]
    byline: re.Pattern[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    not_names: frozenset[str]
    not_name_prefixes: frozenset[str]


def build(pack: Pack, shared: SharedRules) -> PeopleRules:
    titles = longest_first(pack.words("titles"))
    out = PeopleRules(
        titles=titles,
        title_re=re.compile("|".join(map(re.escape, titles))),
        bodies=frozenset(pack.words("bodies", ())),
        apposition_breaks=frozenset(pack.words("apposition_breaks", ())),
        apposition_verb_breaks=frozenset(pack.words("apposition_verb_breaks", ())),
        credit_titles=pack.words("credit_titles", ()),
        area_titles=pack.words("area_titles", ()),
        business_areas=pack.words("business_areas", ()),
        org_suffixes=longest_first(shared.suffixes("apposition")),
        not_titles=re.compile("|".join(map(re.escape, pack.words("not_titles")))),
        births=pack.patterns("birth"),
        byline=pack.pattern("byline"),
        surnames=frozenset(pack.text("surnames")),
        compound_surnames=pack.words("compound_surnames"),
        not_names=frozenset(pack.words("not_names")),
        not_name_prefixes=frozenset(pack.words("not_name_prefixes", ())),
    )
    pack.done()
    return out
