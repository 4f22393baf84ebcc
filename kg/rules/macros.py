"""Placeholder characters and the pattern macros built on them.

Relation and claim patterns run over a sentence in which every entity mention
is one private-use placeholder character; the placeholder's block says the
entity's class, so a pattern can ask for "a Person" (``{P}``) or "a list of
concepts" (``{LC}``). The class macros come from ``[macro_classes]`` of
``shared.toml``, the others from its ``[macros]`` (written with ``{ANY}``, the
range of every placeholder, and with earlier macros); all are expanded once,
when the packs load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.types import ENTITY_CLASSES

#: placeholder blocks: class -> first code point; each block holds BLOCK placeholders
BLOCK = 0x380
PLACEHOLDER_BASE = {cls: 0xE000 + i * BLOCK for i, cls in enumerate(ENTITY_CLASSES)}
PLACEHOLDER_END = 0xE000 + len(ENTITY_CLASSES) * BLOCK  # exclusive
#: the range of every placeholder, as a character-class body
ANY = f"\\uE000-\\u{PLACEHOLDER_END - 1:04X}"


def placeholder(cls: str, index: int) -> str:
    """The placeholder character of mention ``index`` of class ``cls``."""
    return chr(PLACEHOLDER_BASE[cls] + index)


def placeholder_index(ch: str) -> int | None:
    """The mention index a placeholder stands for (None for an ordinary character)."""
    cp = ord(ch)
    if 0xE000 <= cp < PLACEHOLDER_END:
        return (cp - 0xE000) % BLOCK
    return None


def class_range(*classes: str) -> str:
    """A character class of the placeholders of ``classes``."""
    parts = [f"\\u{PLACEHOLDER_BASE[c]:04X}-\\u{PLACEHOLDER_BASE[c] + BLOCK - 1:04X}" for c in classes]
    return "[" + "".join(parts) + "]"


def substitute(pattern: str, macros: Mapping[str, str]) -> str:
    """Replace every ``{NAME}`` of ``macros`` in ``pattern`` (one pass; ``{0,6}`` is left alone).

    >>> substitute("a{X}b{0,2}", {"X": "[xy]"})
    'a[xy]b{0,2}'
    """
    if not macros:
        return pattern
    names = re.compile(r"\{(" + "|".join(map(re.escape, sorted(macros, key=len, reverse=True))) + r")\}")
    return names.sub(lambda m: macros[m.group(1)], pattern)


def build_macros(classes: Mapping[str, tuple[str, ...]], definitions: Mapping[str, str],
                 separator: str) -> dict[str, str]:
    """Every macro: ``{E}`` (any entity), the class macros, ``{_SEP}`` (a list separator), then the
    definitions in order, each expanded with ``{ANY}`` and the macros before it."""
    macros: dict[str, str] = {"E": f"[{ANY}]"}
    for name, members in classes.items():
        macros[name] = class_range(*members)
    macros["_SEP"] = separator
    for name, body in definitions.items():
        macros[name] = substitute(body, {"ANY": ANY, **macros})
    return macros
