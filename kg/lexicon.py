"""The SKOS lexicon of domain terms: label -> canonical entry, and jieba user words.

``ontology/lexicon.ttl`` (plus any ``--lexicon FILE.ttl``) is the one source of
truth for both entity lookup and zhkg's jieba dictionary. Loading parses the
Turtle once (:func:`kg.rdf.lexicon.parse_lexicon`, the only part that knows
RDF); the resulting :class:`Lexicon` is plain data that pickles, so worker
processes can share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.resources import ontology_file
from kg.text.labels import match_key
from kg.text.script import label_tag, to_simplified
from kg.text.width import fold_width

#: jieba POS tag per class when the lexicon gives none
DEFAULT_TAGS = {
    "Organization": "nt",
    "Place": "ns",
    "Person": "nr",
    "Product": "nz",
    "Technology": "n",
    "Sector": "n",
    "Concept": "n",
}


class LexiconWarning(UserWarning):
    """A lexicon file was loaded, but a concept in it was skipped (e.g. its prefLabel is blank)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon concept: its canonical label, class and every label that names it."""

    key: str
    cls: str
    labels: tuple[str, ...]
    tag: str | None = None
    freq: int | None = None
    english: str | None = None


@dataclass
class Lexicon:
    """Canonical entries and a match-key index over all their labels."""

    entries: dict[str, Entry] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    max_len: int = 0

    def add(self, entry: Entry) -> None:
        """Add (or replace) an entry; later lexicons override earlier ones label by label."""
        self.entries[entry.key] = entry
        for label in (entry.key, *entry.labels):
            # Taiwanese text is simplified with tw2sp, which rewrites words (智慧型手機 -> 智能型手机):
            # a traditional label is indexed in both simplified forms
            primary = match_key(label)
            keys = {primary}
            if label_tag(label) == "zh-Hant":
                keys.add(match_key(to_simplified(label, "tw")))
            for k in keys:
                if not k:
                    continue
                if k == primary:
                    self.index[k] = entry.key
                else:
                    self.index.setdefault(k, entry.key)  # a tw2sp form never displaces a label
                self.max_len = max(self.max_len, len(k))
                for i in range(1, len(k) + 1):
                    self.prefixes.add(k[:i])

    def lookup(self, surface: str) -> Entry | None:
        """The entry a surface form names, if any.

        >>> lex = Lexicon()
        >>> lex.add(Entry("人工智能", "Technology", ("AI", "人工智慧")))
        >>> lex.lookup("ai").key, lex.lookup("人工智慧").cls
        ('人工智能', 'Technology')
        """
        key = self.index.get(match_key(surface))
        return self.entries[key] if key is not None else None

    def jieba_words(self) -> list[tuple[str, int | None, str | None]]:
        """User-dictionary lines ``(word, freq, tag)`` in the simplified form tokens take."""
        words: dict[str, tuple[str, int | None, str | None]] = {}
        for entry in self.entries.values():
            tag = entry.tag or DEFAULT_TAGS.get(entry.cls, "n")
            for label in (entry.key, *entry.labels):
                word = to_simplified(fold_width(label))
                if not word or any(c.isspace() for c in word) or word.isascii():
                    # jieba cannot hold a word with spaces, and a Latin word in its dictionary splits longer
                    # Latin words (AI inside OPENAI): Latin labels match whole tokens instead
                    continue
                words.setdefault(word, (word, entry.freq, tag))
        return [words[w] for w in sorted(words)]


@cache
def _load(paths: tuple[str, ...]) -> Lexicon:
    from kg.rdf.lexicon import parse_lexicon

    lexicon = Lexicon()
    for p in paths:
        for entry in parse_lexicon(p):
            lexicon.add(entry)
    return lexicon


def load_lexicon(extra: Sequence[str | Path] | Iterable[str | Path] = ()) -> Lexicon:
    """The built-in lexicon plus ``extra`` files (later files win). Cached per process."""
    paths = [ontology_file("lexicon.ttl"), *(Path(p) for p in extra)]
    return _load(tuple(str(Path(p).resolve()) for p in paths))
