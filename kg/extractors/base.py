"""What every extractor shares: the resources it reads and the mention-abstracted sentence.

An extractor is a pure function ``(Extraction, Resources) -> Extraction`` that
returns only what it adds; it declares the Extraction fields it ``requires``
and ``assigns``, and the stages it must run ``after`` when both are in the
pipeline (statistics after claims), so the pipeline can check the order before
running (:func:`kg.pipeline.check_order`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kg.lexicon import Lexicon
from kg.rules import Rules
from kg.rules.macros import placeholder, placeholder_index
from kg.types import Extraction, Mention, Sentence

#: jieba tags of nouns and noun-like words
NOUNISH = frozenset({"n", "nz", "nt", "ns", "nr", "nrt", "nrfg", "vn", "eng", "j", "l", "an", "ng", "nl", "g", "i"})
#: tags a list item's first word may have (not idioms: 仅限于 is tagged l)
ITEM_TAGS = NOUNISH - {"l", "i", "g", "nl"}

#: how sure a mention's class is, by how it was found (higher wins an overlap)
RULE_PRIORITY = {
    "org": 6, "lexicon": 5, "compound": 5, "quoted": 5, "list": 5, "alias": 5, "person": 4, "orgname": 6,
    "latin": 3, "pos": 2,
    "coref": 1,
}


#: property -> (classes its subject may have, classes its object may have)
Signatures = dict[str, tuple[frozenset[str], frozenset[str]]]


@dataclass(frozen=True)
class Resources:
    """Read-only data every extractor may use: the lexicon, the rule packs (``rules.<pack>.<field>``) and
    the domain and range of each property (``signatures``, from the ontology); plain data, so it pickles."""

    lexicon: Lexicon
    rules: Rules
    signatures: Signatures = field(default_factory=dict)

    def allowed(self, prop: str, subject_cls: str, object_cls: str) -> bool:
        """Whether ``subject prop object`` fits the property's domain and range (any, for an unknown property)."""
        sig = self.signatures.get(prop)
        return sig is None or (subject_cls in sig[0] and object_cls in sig[1])


class Extractor(Protocol):
    """A pipeline stage. ``requires``/``assigns`` name Extraction fields; ``after`` (optional for plugins)
    names stages that must run earlier when they run at all, with the reason in ``after_why``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, ex: Extraction, res: Resources) -> Extraction: ...


@dataclass(frozen=True)
class FunctionExtractor:
    """Wraps a plain function as an :class:`Extractor`."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Extraction, Resources], Extraction]
    description: str = ""
    #: stages that must run before this one when both are in the pipeline
    after: tuple[str, ...] = ()
    #: why (shown when the order breaks it)
    after_why: str = ""

    def __call__(self, ex: Extraction, res: Resources) -> Extraction:
        return self.func(ex, res)


def extractor(name: str, requires: Iterable[str] = (), assigns: Iterable[str] = (), after: Iterable[str] = (),
              why: str = ""):
    """Decorator: ``@extractor("statistics", requires=["mentions"], assigns=["statistics"], after=["claims"],
    why="…")``."""

    def wrap(func: Callable[[Extraction, Resources], Extraction]) -> FunctionExtractor:
        doc = (func.__doc__ or "").strip().splitlines()
        return FunctionExtractor(name, tuple(requires), tuple(assigns), func, doc[0] if doc else "",
                                 tuple(after), why)

    return wrap


def is_han(ch: str) -> bool:
    """A character of the CJK Unified Ideographs block (U+4E00..U+9FFF)."""
    return 0x4E00 <= ord(ch) <= 0x9FFF


def rule_kind(rule: str) -> str:
    return rule.split(".", 1)[0].split(":", 1)[0]


def is_name(m: Mention) -> bool:
    """A mention that names its entity (not a pronoun or anaphor standing for it)."""
    return rule_kind(m.rule) != "coref"


def mentions_by_sentence(mentions: Iterable[Mention]) -> dict[int, list[Mention]]:
    """Per sentence, mentions without overlaps (the better-found, then longer, wins), in order."""
    grouped: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.end > m.start:  # an organisation known only from a byline has no span in the sentence
            grouped[m.sentence].append(m)
    out: dict[int, list[Mention]] = {}
    for index, ms in grouped.items():
        ranked = sorted(
            ms, key=lambda m: (-RULE_PRIORITY.get(rule_kind(m.rule), 0), -(m.end - m.start), m.start, m.key)
        )
        taken: list[Mention] = []
        for m in ranked:
            if all(m.end <= t.start or m.start >= t.end for t in taken):
                taken.append(m)
        out[index] = sorted(taken, key=lambda m: m.start)
    return out


@dataclass(frozen=True)
class Abstracted:
    """A sentence with each mention replaced by one placeholder character.

    ``offsets[i]`` is the offset in ``sentence.norm`` of abstract character ``i``.
    """

    sentence: Sentence
    text: str
    offsets: tuple[int, ...]
    mentions: tuple[Mention, ...]

    def entities(self, start: int, end: int) -> list[Mention]:
        """The mentions whose placeholders lie in ``text[start:end]``."""
        found = []
        for ch in self.text[start:end]:
            i = placeholder_index(ch)
            if i is not None:
                found.append(self.mentions[i])
        return found

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``sentence.norm`` span of abstract span ``[start, end)``."""
        s = self.offsets[start] if start < len(self.offsets) else len(self.sentence.norm)
        if end <= start:
            return s, s
        last = end - 1
        i = placeholder_index(self.text[last])
        e = self.mentions[i].end if i is not None else self.offsets[last] + 1
        return s, e


def abstract(sentence: Sentence, mentions: list[Mention]) -> Abstracted:
    """Replace each (non-overlapping, ordered) mention in ``sentence.norm`` by its placeholder.

    >>> from kg.types import Sentence, Mention
    >>> s = Sentence(0, 0, "算力推动数字经济", "算力推动数字经济")
    >>> ms = [Mention("算力", "算力", "Concept", 0, 0, 2, "lexicon"),
    ...       Mention("数字经济", "数字经济", "Concept", 0, 4, 8, "lexicon")]
    >>> a = abstract(s, ms)
    >>> len(a.text), a.text[1:3], [m.key for m in a.entities(0, len(a.text))]
    (4, '推动', ['算力', '数字经济'])
    """
    norm = sentence.norm
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0

    def text(a: int, b: int, after_mention: bool, before_mention: bool) -> None:
        # spaces beside a name (Unity 作为, 由 AI 驱动) are layout, not words: patterns should not see them
        while after_mention and a < b and norm[a] == " ":
            a += 1
        while before_mention and b > a and norm[b - 1] == " ":
            b -= 1
        parts.append(norm[a:b])
        offsets.extend(range(a, b))

    for i, m in enumerate(mentions):
        if m.start < pos:
            continue
        text(pos, m.start, i > 0, True)
        parts.append(placeholder(m.cls, i))
        offsets.append(m.start)
        pos = m.end
    text(pos, len(norm), bool(mentions), False)
    return Abstracted(sentence, "".join(parts), tuple(offsets), tuple(mentions))


def tokens_between(sentence: Sentence, start: int, end: int) -> list[str]:
    """Token texts lying within ``sentence.norm[start:end]``."""
    return [t.text for t in sentence.tokens if t.start >= start and t.end <= end]


def new(ex: Extraction, **items: tuple) -> Extraction:
    """An Extraction of the same document holding only ``items``."""
    return Extraction(ex.parsed, **items)


#: the shortest name left after a place that qualifies an organisation (德国|弗劳恩霍夫协会)
MIN_QUALIFIED = 3


def place_qualifier(name: str, res: Resources) -> tuple[str, str] | None:
    """``(place key, rest)`` when ``name`` opens with a place of the lexicon and at least
    :data:`MIN_QUALIFIED` characters follow: 德国弗劳恩霍夫协会 -> (德国, 弗劳恩霍夫协会)."""
    for k in range(min(len(name) - MIN_QUALIFIED, 6), 1, -1):
        entry = res.lexicon.lookup(name[:k])
        if entry is not None and entry.cls == "Place":
            return entry.key, name[k:]
    return None
