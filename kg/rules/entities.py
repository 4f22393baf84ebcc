"""The entities pack (``entities.toml``): open discovery of what the lexicon lacks."""

from __future__ import annotations

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
    #: endings of organisations' names, longest first
    org_name_suffixes: tuple[str, ...]


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
        org_name_suffixes=longest_first(shared.suffixes("name")),
    )
    pack.done()
    return out
