"""The entities pack (``entities.toml``): open discovery of what the lexicon lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.shared import SharedRules, longest_first
from kg.rules.source import Pack


@dataclass(frozen=True)
class EntityRules:
    """Words and classes open discovery reads."""

    item_verbs: frozenset[str]
    #: (suffix, class), longest suffix first
    suffixes: tuple[tuple[str, str], ...]
    #: category word -> class of the list members before it
    list_markers: dict[str, str]
    compound_heads: frozenset[str]
    latin_after: dict[str, str]
    latin_before: dict[str, str]
    latin_stop: frozenset[str]
    generic_company: frozenset[str]
    #: the suffix that generic_company words make a kind of (科技公司)
    company: str
    #: endings of organisations' names, longest first
    org_name_suffixes: tuple[str, ...]
    #: endings that make a jieba nt word an organisation
    nt_suffixes: tuple[str, ...]
    name_tails: frozenset[str]
    etc_words: tuple[str, ...]
    quantifiers: frozenset[str]
    determiners: tuple[str, ...]
    phrase_openers: frozenset[str]
    category_classes: tuple[tuple[str, str], ...]
    generic_tails: tuple[str, ...]
    numbered: re.Pattern[str]
    term_not_first: str
    quoted: re.Pattern[str]
    book: re.Pattern[str]
    function_in_quote: frozenset[str]
    place_suffixes: tuple[str, ...]
    short_place_words: tuple[str, ...]
    #: repeated noun compounds: a compound never ends in one of these words (数字经济发展, 数据安全问题)
    compound_tail_not: frozenset[str]
    #: …nor starts with one of these (我国, 全球, 相关)
    compound_first_not: frozenset[str]
    #: …nor ends in a word ending so (a measure: 渗透率, 出货量, 交易额)
    measure_ends: str
    #: the attributive particle (shared.de)
    de: str
    #: list separators: 、 and the shared conjunctions and alternatives
    separators: frozenset[str]
    #: separators that offer a choice (或): they end no list item
    alternatives: tuple[str, ...]


def build(pack: Pack, shared: SharedRules) -> EntityRules:
    out = EntityRules(
        item_verbs=frozenset(pack.words("item_verbs", ())),
        suffixes=tuple(sorted(pack.rows("suffixes", str, str), key=lambda sc: -len(sc[0]))),
        list_markers=dict(pack.rows("list_markers", str, str)),
        compound_heads=frozenset(pack.words("compound_heads", ())),
        latin_after=dict(pack.rows("latin_after", str, str)),
        latin_before=dict(pack.rows("latin_before", str, str)),
        latin_stop=frozenset(pack.words("latin_stop")),
        generic_company=frozenset(pack.words("generic_company", ())),
        company=pack.text("company"),
        org_name_suffixes=longest_first(shared.suffixes("name")),
        nt_suffixes=shared.suffixes("nt"),
        name_tails=frozenset(pack.words("name_tails")),
        etc_words=pack.words("etc_words"),
        quantifiers=frozenset(pack.words("quantifiers")),
        determiners=pack.words("determiners"),
        phrase_openers=frozenset(pack.words("phrase_openers")),
        category_classes=pack.rows("category_classes", str, str),
        generic_tails=pack.words("generic_tails"),
        numbered=pack.pattern("numbered"),
        term_not_first=pack.text("term_not_first"),
        quoted=pack.pattern("quoted"),
        book=pack.pattern("book"),
        function_in_quote=frozenset(pack.text("function_in_quote")),
        place_suffixes=pack.words("place_suffixes"),
        compound_tail_not=frozenset(pack.words("compound_tail_not")),
        compound_first_not=frozenset(pack.words("compound_first_not")),
        measure_ends=pack.text("measure_ends"),
        short_place_words=pack.words("short_place_words"),
        separators=frozenset(("、", *shared.conjunctions, *shared.alternatives)),
        alternatives=shared.alternatives,
        de=shared.de,
    )
    pack.done()
    return out
