"""Choosing among rdflib literals: which label to show when a node has several."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Literal
from rdflib.term import Node

#: the default language preference: simplified Chinese, untagged, then traditional
PREFER_ZH: tuple[str, ...] = ("zh-hans", "zh-cn", "zh", "", "zh-hant")


def lang(lit: Literal) -> str:
    """A literal's language tag in lower case (``""`` for none)."""
    return (lit.language or "").lower()


def pick(values: Iterable[Node], prefer: Sequence[str] = PREFER_ZH) -> str:
    """The literal to show among several: by language preference, then text, for determinism.

    >>> pick([Literal("數字經濟", lang="zh-Hant"), Literal("数字经济", lang="zh-Hans")])
    '数字经济'
    """
    lits = [v for v in values if isinstance(v, Literal)]
    if len(lits) < 2:  # the common case, and Literal.language is slow enough to matter at scale
        return str(lits[0]) if lits else ""

    def rank(lit: Literal) -> tuple[int, str]:
        tag = lang(lit)
        return (prefer.index(tag) if tag in prefer else len(prefer), str(lit))

    return str(min(lits, key=rank))
