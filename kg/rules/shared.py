"""The shared pack (``shared.toml``): what more than one extractor reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.rules.macros import build_macros, substitute
from kg.rules.source import Pack

#: the uses an organisation suffix may be tagged with (see ``shared.toml``)
SUFFIX_USES = ("name", "nt", "apposition", "after_title", "brand")


def longest_first(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Words sorted by length, longest first (a stable sort: equal lengths keep their order)."""
    return tuple(sorted(words, key=len, reverse=True))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """``(?:a|b|…)`` of the words, escaped, in the order given."""
    return "(?:" + "|".join(map(re.escape, words)) + ")"


@dataclass(frozen=True)
class SharedRules:
    """Separators, pattern macros, bylines, stop words and organisation suffixes."""

    #: the attributive particle 的
    de: str
    #: speech verbs (认为, 指出 …), longest first
    speech_verbs: tuple[str, ...]
    #: any speech verb
    speech_verb_re: re.Pattern[str]
    conjunctions: tuple[str, ...]
    alternatives: tuple[str, ...]
    comitatives: tuple[str, ...]
    #: a list separator as a regular expression (``{_SEP}``)
    separator: str
    macros: dict[str, str]
    #: a signed commentary's last line: （NAME TITLES）
    signature: re.Pattern[str]
    #: an author byline at the top: 文 TITLES NAME
    author_line: re.Pattern[str]
    #: generic words open discovery never makes entities
    stop: frozenset[str]
    #: organisation suffix -> the uses it counts for
    organisation_suffixes: dict[str, tuple[str, ...]]
    by_use: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def suffixes(self, use: str) -> tuple[str, ...]:
        """The organisation suffixes tagged ``use``, in pack order."""
        return self.by_use[use]

    def expand(self, pattern: str) -> str:
        """A pattern with its macros (``{E}``, ``{L}``, ``{G}`` …) replaced by their regular expressions."""
        return substitute(pattern, self.macros)


def build(pack: Pack) -> SharedRules:
    seps = pack.table("separators")
    conjunctions, alternatives, comitatives = (longest_first(seps.words(k))
                                               for k in ("conjunctions", "alternatives", "comitatives"))
    seps.done()
    separator = "(?:" + "|".join(
        [*(f"、{c}" for c in conjunctions), "、", *conjunctions, *alternatives, *comitatives]) + ")"
    classes_table = pack.table("macro_classes")
    classes = {name: classes_table.words(name) for name in classes_table.keys()}
    classes_table.done()
    definitions = pack.table("macros")
    bodies = {name: definitions.text(name) for name in definitions.keys()}
    definitions.done()
    macros = build_macros(classes, bodies, separator)
    bylines = pack.table("bylines")
    signature, author_line = bylines.pattern("signature"), bylines.pattern("author_line")
    bylines.done()
    words = pack.table("words")
    stop = frozenset(words.words("stop"))
    words.done()
    suffix_table = pack.table("organisation_suffixes")
    suffixes: dict[str, tuple[str, ...]] = {}
    for suffix in suffix_table.keys():
        uses = suffix_table.words(suffix)
        unknown = [u for u in uses if u not in SUFFIX_USES]
        if unknown:
            suffix_table.fail(suffix, f"unknown use {unknown[0]!r}; choose from {', '.join(SUFFIX_USES)}")
        suffixes[suffix] = uses
    suffix_table.done()
    verbs = longest_first(pack.words("speech_verbs"))
    by_use = {use: tuple(s for s, uses in suffixes.items() if use in uses) for use in SUFFIX_USES}
    shared = SharedRules(
        de=pack.text("de"), speech_verbs=verbs, speech_verb_re=re.compile(alternation(verbs)),
        conjunctions=conjunctions, alternatives=alternatives, comitatives=comitatives,
        separator=separator, macros=macros, signature=signature, author_line=author_line, stop=stop,
        organisation_suffixes=suffixes, by_use=by_use,
    )
    pack.done()
    return shared
