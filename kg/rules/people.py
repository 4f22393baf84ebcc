"""The people pack (``people.toml``): names, titles, appositions, bylines and birth years."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.shared import SharedRules, alternation, longest_first
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
    #: a speech verb or a verb of office (担任): a name before one is a person's
    speaker_verb_re: re.Pattern[str]
    gap_words: tuple[str, ...]
    counted: tuple[str, ...]
    function_chars: frozenset[str]
    name_frame: re.Pattern[str]
    birth_before_name: re.Pattern[str]
    name_is: re.Pattern[str]
    ordinal: re.Pattern[str]
    as_word: str
    title_joiners: str
    title_modifiers: tuple[str, ...]
    leading: re.Pattern[str]
    sure_short_suffixes: tuple[str, ...]
    generic_orgs: frozenset[str]
    org_introducers: tuple[str, ...]
    reference_openers: tuple[str, ...]
    descriptor: re.Pattern[str]
    apposition_stops: str
    credit_prefix: re.Pattern[str]
    name_joiners: str
    person_and: tuple[str, ...]
    as_apposition: re.Pattern[str]
    later_title: re.Pattern[str]
    dateline: re.Pattern[str]
    #: words after a title that make it part of a name (专家委员会): the shared after_title suffixes
    after_title: tuple[str, ...]
    #: words after a "name" that make it a brand's (吉利控股集团): the shared apposition suffixes of two
    #: characters or more, then the brand words
    brand_heads: re.Pattern[str]
    #: the attributive particle (shared.de)
    de: str


def build(pack: Pack, shared: SharedRules) -> PeopleRules:
    titles = longest_first(pack.words("titles"))
    org_suffixes = longest_first(shared.suffixes("apposition"))
    out = PeopleRules(
        titles=titles,
        title_re=re.compile("|".join(map(re.escape, titles))),
        bodies=frozenset(pack.words("bodies", ())),
        apposition_breaks=frozenset(pack.words("apposition_breaks", ())),
        apposition_verb_breaks=frozenset(pack.words("apposition_verb_breaks", ())),
        credit_titles=pack.words("credit_titles", ()),
        area_titles=pack.words("area_titles", ()),
        business_areas=pack.words("business_areas", ()),
        org_suffixes=org_suffixes,
        not_titles=re.compile("|".join(map(re.escape, pack.words("not_titles")))),
        births=pack.patterns("birth"),
        byline=pack.pattern("byline"),
        surnames=frozenset(pack.text("surnames")),
        compound_surnames=pack.words("compound_surnames"),
        not_names=frozenset(pack.words("not_names")),
        not_name_prefixes=frozenset(pack.words("not_name_prefixes", ())),
        speaker_verb_re=re.compile(
            shared.speech_verb_re.pattern + "".join("|" + re.escape(v) for v in pack.words("office_verbs"))),
        gap_words=pack.words("gap_words"),
        counted=pack.words("counted"),
        function_chars=frozenset(pack.text("function_chars")),
        name_frame=pack.pattern("name_frame"),
        birth_before_name=pack.pattern("birth_before_name"),
        name_is=pack.pattern("name_is"),
        ordinal=pack.pattern("ordinal"),
        as_word=pack.text("as_word"),
        title_joiners=pack.text("title_joiners"),
        title_modifiers=pack.words("title_modifiers"),
        leading=pack.pattern("leading"),
        sure_short_suffixes=pack.words("sure_short_suffixes"),
        generic_orgs=frozenset(pack.words("generic_orgs")),
        org_introducers=pack.words("org_introducers"),
        reference_openers=pack.words("reference_openers"),
        descriptor=pack.pattern("descriptor"),
        apposition_stops=pack.text("apposition_stops"),
        credit_prefix=pack.pattern("credit_prefix"),
        name_joiners=pack.text("name_joiners"),
        person_and=pack.words("person_and"),
        as_apposition=pack.pattern("as_apposition"),
        later_title=pack.pattern("later_title"),
        dateline=pack.pattern("dateline"),
        after_title=shared.suffixes("after_title"),
        brand_heads=re.compile(alternation([x for x in org_suffixes if len(x) >= 2] + list(shared.suffixes("brand")))),
        de=shared.de,
    )
    pack.done()
    return out
