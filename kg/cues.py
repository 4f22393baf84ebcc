"""Cue words and patterns (``ontology/cues.toml``), loaded once and compiled.

Relation patterns run over a sentence in which every entity mention is one
private-use placeholder character; the placeholder's block says the entity's
class, so a pattern can ask for "a Person" or "a list of concepts".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.resources import ontology_file
from kg.types import ENTITY_CLASSES

#: placeholder blocks: class -> first code point; each block holds BLOCK placeholders
BLOCK = 0x380
PLACEHOLDER_BASE = {cls: 0xE000 + i * BLOCK for i, cls in enumerate(ENTITY_CLASSES)}
PLACEHOLDER_END = 0xE000 + len(ENTITY_CLASSES) * BLOCK  # exclusive


def placeholder(cls: str, index: int) -> str:
    """The placeholder character of mention ``index`` of class ``cls``."""
    return chr(PLACEHOLDER_BASE[cls] + index)


def placeholder_index(ch: str) -> int | None:
    """The mention index a placeholder stands for (None for an ordinary character)."""
    cp = ord(ch)
    if 0xE000 <= cp < PLACEHOLDER_END:
        return (cp - 0xE000) % BLOCK
    return None


def _range(*classes: str) -> str:
    parts = [f"\\u{PLACEHOLDER_BASE[c]:04X}-\\u{PLACEHOLDER_BASE[c] + BLOCK - 1:04X}" for c in classes]
    return "[" + "".join(parts) + "]"


_ANY = f"\\uE000-\\u{PLACEHOLDER_END - 1:04X}"
_SEP = "(?:、以及|、和|、与|、及|、|以及|和|与|及|或者|或|跟|同)"
MACROS: dict[str, str] = {
    "E": f"[{_ANY}]",
    "C": _range("Technology", "Sector", "Concept"),
    "P": _range("Person"),
    "O": _range("Organization"),
    "PL": _range("Place"),
    "PR": _range("Product"),
    "G": f"[^，,、。；;！!？?：:{_ANY}]{{0,6}}?",
    "GL": f"[^，,、。；;！!？?：:{_ANY}]{{0,15}}?",
    "GS": f"[^。；;！!？?这它其该{_ANY}]{{0,6}}?",
    "GO": f"[^，,、。；;！!？?：:与和及{_ANY}]{{0,4}}?",
    "GC": f"[^。；;！!？?这它其该{_ANY}]{{0,12}}?",
    "GX": "[^，,。；;！!？?：:]{0,8}?",
    "_SEP": _SEP,
}
MACROS["L"] = f"{MACROS['E']}(?:{_SEP}{MACROS['E']})*"
MACROS["LC"] = f"{MACROS['C']}(?:{_SEP}{MACROS['C']})*"
MACROS["LA"] = f"{MACROS['E']}(?:、{MACROS['E']})*"
_MACRO = re.compile(r"\{(" + "|".join(sorted(MACROS, key=len, reverse=True)) + r")\}")


def expand(pattern: str) -> str:
    """Replace ``{E}``, ``{L}``, ``{G}`` ... by their regular expressions."""
    return _MACRO.sub(lambda m: MACROS[m.group(1)], pattern)


@dataclass(frozen=True)
class RelationRule:
    """One relation pattern: where it matches, S and O give the facts."""

    id: str
    property: str
    pattern: re.Pattern[str]
    cues: tuple[str, ...]
    confidence: float
    #: the rule's own words say "no" (没有X就没有Y): do not drop it for a negation
    negation_ok: bool = False
    #: the object must end its noun phrase (等数字经济相关产业 names 产业, not 数字经济)
    head_object: bool | str = False
    #: objects ending so are processes, not kinds (等产业数字化)
    object_not_suffix: tuple[str, ...] = ()
    #: objects must end so: kind nouns (聊天机器人ChatGPT, not 隐私 ChatGPT)
    object_suffix: tuple[str, ...] = ()
    #: the facts are the pairs inside the S list (A、B和C三者深度融合); the rule has no O group
    within: bool = False
    #: words that, inside the match, turn its meaning around (建立在…基础之上 is a need, not a support)
    not_in_span: tuple[str, ...] = ()
    #: no other verb may stand between the subject and the cue verb
    plain_gap: bool = False
    #: subjects of these classes do not count for this rule
    subject_not: tuple[str, ...] = ()
    #: objects of these classes do not count for this rule
    object_not: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cues:
    """Everything in ``cues.toml``, compiled."""

    raw: dict[str, Any]
    relation_rules: tuple[RelationRule, ...]
    claim_verbs: tuple[str, ...]
    claim_verb_re: re.Pattern[str]
    claim_frames: tuple[re.Pattern[str], ...]
    signature: re.Pattern[str]
    titles: tuple[str, ...]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    not_names: frozenset[str]
    not_name_prefixes: frozenset[str] = frozenset()

    def section(self, name: str) -> dict[str, Any]:
        return self.raw.get(name, {})

    @cached_property
    def relation_cue_words(self) -> frozenset[str]:
        """Every cue word of two characters or more: a mention of one is a cue, not an entity."""
        return frozenset(c for rule in self.relation_rules for c in rule.cues if len(c) >= 2)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(expand(pattern))
    except re.error as e:
        raise KGError(f"cues.toml: bad pattern in {where}: {e}") from e


def parse_cues(path: Path) -> Cues:
    """Load and compile a cues file."""
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    rules = tuple(
        RelationRule(
            id=r["id"],
            property=r["property"],
            pattern=_compile(r["pattern"], r["id"]),
            cues=tuple(r.get("cues", ())),
            confidence=float(r["confidence"]),
            negation_ok=bool(r.get("negation_ok", False)),
            head_object=r.get("head_object", False),
            object_not_suffix=tuple(r.get("object_not_suffix", ())),
            object_suffix=tuple(r.get("object_suffix", ())),
            within=bool(r.get("within", False)),
            not_in_span=tuple(r.get("not_in_span", ())),
            plain_gap=bool(r.get("plain_gap", False)),
            subject_not=tuple(r.get("subject_not", ())),
            object_not=tuple(r.get("object_not", ())),
        )
        for r in raw["relations"]["rule"]
    )
    claims = raw["claims"]
    verbs = tuple(sorted(claims["verbs"], key=len, reverse=True))
    people = raw["people"]
    return Cues(
        raw=raw,
        relation_rules=rules,
        claim_verbs=verbs,
        claim_verb_re=re.compile("(?:" + "|".join(map(re.escape, verbs)) + ")"),
        claim_frames=tuple(_compile(f.replace("{VERBS}", "|".join(map(re.escape, verbs))), "claims.frames")
                           for f in claims["frames"]),
        signature=re.compile(claims["signature"]),
        titles=tuple(sorted(people["titles"], key=len, reverse=True)),
        surnames=frozenset(people["surnames"]),
        compound_surnames=tuple(people["compound_surnames"]),
        not_names=frozenset(people["not_names"]),
        not_name_prefixes=frozenset(people.get("not_name_prefixes", ())),
    )


@cache
def load_cues(path: str | None = None) -> Cues:
    """The built-in cues (or another file), cached per process."""
    return parse_cues(Path(path) if path else ontology_file("cues.toml"))
