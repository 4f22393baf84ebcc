"""Abbreviations the text declares: ``X（以下简称“Y”）`` and ``X（Y）``.

The short form becomes another label of X's entity within the document, and
its later occurrences become mentions of X. Only names that look like names
(Latin, or a few Han characters) qualify; digits must agree (5G is not 6G).
"""

from __future__ import annotations

import re

from kg.extractors.base import Resources, extractor, mentions_by_sentence, new, place_qualifier
from kg.extractors.entities import surface
from kg.types import Extraction, Mention

_DIGITS = re.compile(r"\d+")


def _qualified_short_forms(ex: Extraction, res: Resources, aliases: dict[str, str], classes: dict[str, str]) -> None:
    """An organisation named with its place (德国弗劳恩霍夫协会) is also named without it within the document
    (弗劳恩霍夫协会), unless that short form is already another entry of the lexicon."""
    for m in ex.mentions:
        if m.cls != "Organization" or m.rule.startswith("coref") or m.rule == "alias":
            continue
        qualified = place_qualifier(m.key, res)
        if qualified is None:
            continue
        short = qualified[1]
        entry = res.lexicon.lookup(short)
        if short in aliases or (entry is not None and entry.key != m.key):
            continue
        aliases[short] = m.key
        classes[m.key] = m.cls


@extractor("aliases", requires=("mentions",), assigns=("mentions", "aliases"))
def extract_aliases(ex: Extraction, res: Resources) -> Extraction:
    """Short forms declared in the text, and mentions of them."""
    declared, plain = res.rules.aliases.declared, res.rules.aliases.plain
    by_sentence = mentions_by_sentence(ex.mentions)
    aliases: dict[str, str] = {}
    classes: dict[str, str] = {}
    for s in ex.parsed.sentences:
        for m in by_sentence.get(s.index, []):
            if m.rule.startswith("coref") or m.cls in ("Person", "Place"):
                continue
            rest = s.norm[m.end : m.end + 50]
            hit = declared.match(rest) or plain.match(rest)
            if not hit:
                continue
            short = hit.group("short").strip()
            if not short or short == m.key or not set(_DIGITS.findall(short)) <= set(_DIGITS.findall(m.key)):
                continue  # 5G is not 6G
            entry = res.lexicon.lookup(short)
            if entry is not None and entry.key != m.key:
                continue  # the short form already names something else
            if hit.re is plain and re.fullmatch(r"[\u4e00-\u9fff]+", short) and short not in m.key:
                continue  # X（中国）: a qualifier, not an abbreviation
            aliases[short] = m.key
            classes[m.key] = m.cls
    _qualified_short_forms(ex, res, aliases, classes)
    mentions = []
    for short, key in aliases.items():
        for s in ex.parsed.sentences:
            start = s.norm.find(short)
            while start >= 0:
                end = start + len(short)
                mentions.append(Mention(key, surface(s, start, end), classes[key], s.index, start, end, "alias",
                                        confidence=0.8))
                start = s.norm.find(short, end)
    return new(ex, mentions=tuple(mentions), aliases=tuple(sorted(aliases.items())))

