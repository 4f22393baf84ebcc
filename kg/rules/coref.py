"""The coref pack (``coref.toml``): anaphors and the classes they may stand for."""

from __future__ import annotations

from dataclasses import dataclass

from kg.rules.shared import SharedRules
from kg.rules.source import Pack
from kg.types import ENTITY_CLASSES


@dataclass(frozen=True)
class Anaphor:
    """Words (这个行业, 该技术) that stand for the nearest entity of ``classes``."""

    words: tuple[str, ...]
    #: tried in this order (a noun); a pronoun (tokens_only) takes the nearest of any of them
    classes: tuple[str, ...]
    #: only a whole token tagged as a pronoun counts (之, 它)
    tokens_only: bool = False


@dataclass(frozen=True)
class CorefRules:
    anaphors: tuple[Anaphor, ...]


def build(pack: Pack, shared: SharedRules) -> CorefRules:
    anaphors = []
    for t in pack.tables("anaphor"):
        classes = t.words("classes")
        bad = [c for c in classes if c not in ENTITY_CLASSES]
        if bad:
            t.fail("classes", f"unknown class {bad[0]!r}; choose from {', '.join(ENTITY_CLASSES)}")
        anaphors.append(Anaphor(t.words("words"), classes, t.flag("tokens_only", False)))
        t.done()
    pack.done()
    return CorefRules(tuple(anaphors))
