"""The SKOS lexicon of domain terms: label -> canonical entry, and jieba user words.

``ontology/lexicon.ttl`` (plus any ``--lexicon FILE.ttl``) is the one source of
truth for both entity lookup and zhkg's jieba dictionary. Loading parses the
Turtle once; the resulting :class:`Lexicon` is plain data that pickles, so
worker processes can share it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.errors import LexiconError
from kg.resources import ontology_file
from kg.text.labels import compact_label, match_key
from kg.text.script import label_tag, to_simplified
from kg.text.surrogates import join_surrogate_pairs
from kg.text.width import fold_width
from kg.types import ENTITY_CLASSES
from kg.vocab import KGO_IRI

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


def _warn(warning: LexiconWarning) -> None:
    """The default ``on_warning``: a Python warning, which the CLI shows on standard error."""
    warnings.warn(warning, stacklevel=2)


def _blank(label: str) -> bool:
    """A label with nothing to match: empty, or only white space."""
    return not label.strip()


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


def _literal_class(iri: str, where: str) -> str:
    name = iri.rsplit("#", 1)[-1]
    if not iri.startswith(KGO_IRI) or name not in ENTITY_CLASSES:
        raise LexiconError(f"{where}: kgo:entityClass {iri} is not one of kgo:{', kgo:'.join(ENTITY_CLASSES)}")
    return name


def _label(text: str, where: str) -> str:
    """A label with escaped surrogate pairs joined (\\uD83D\\uDE80); a lone surrogate is an error."""
    try:
        return join_surrogate_pairs(text)
    except UnicodeDecodeError:
        raise LexiconError(f"{where}: label {text!r} holds a lone UTF-16 surrogate, which is not a character") from None


def parse_lexicon(path: str | Path, *, on_warning: Callable[[LexiconWarning], None] | None = None) -> list[Entry]:
    """Read one SKOS lexicon file into entries (see ``ontology/lexicon.ttl`` for the format).

    A concept whose zh-Hans prefLabel is empty or blank would index the empty
    string: it is skipped with a :class:`LexiconWarning` (to ``on_warning``,
    default :func:`warnings.warn`) naming the file and the concept. A file
    with no usable concept is a :class:`LexiconError`: a ``--lexicon`` that
    adds nothing is a mistake (a wrong file, a wrong namespace), not a no-op.
    """
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    path = Path(path)
    if not path.is_file():
        raise LexiconError(f"{path}: no such lexicon file")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as e:
        from kg.store import syntax_problem

        raise LexiconError(f"{path}: not valid Turtle: {syntax_problem(e)}") from e
    kgo_class = URIRef(KGO_IRI + "entityClass")
    kgo_tag = URIRef(KGO_IRI + "jiebaTag")
    kgo_freq = URIRef(KGO_IRI + "jiebaFreq")
    warn = on_warning or _warn
    entries: list[Entry] = []
    concepts = sorted(set(graph.subjects(RDF.type, SKOS.Concept)))
    skipped = 0
    for concept in concepts:
        names = [str(o) for o in graph.objects(concept, SKOS.prefLabel) if not _blank(str(o))]
        where = f"{path}: concept {(sorted(names) or [str(concept)])[0]!r}"
        prefs = [o for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)]
        zh = [o for o in prefs if o.language in (None, "zh-hans", "zh-Hans", "zh")]
        en = [o for o in prefs if o.language and o.language.lower().startswith("en")]
        canonical = sorted(_label(str(o), where) for o in zh if not _blank(str(o)))
        english = sorted(_label(str(o), where) for o in en if not _blank(str(o)))
        if zh and not canonical:
            warn(LexiconWarning(f"{path}: skipped {concept}: its skos:prefLabel is empty or blank"))
            skipped += 1
            continue
        if not canonical:
            raise LexiconError(f"{path}: {concept} has no zh-Hans (or untagged) skos:prefLabel")
        classes = [str(o) for o in graph.objects(concept, kgo_class)]
        if len(classes) != 1:
            raise LexiconError(f"{path}: {concept} needs exactly one kgo:entityClass, has {len(classes)}")
        alts = sorted(_label(str(o), where) for o in graph.objects(concept, SKOS.altLabel) if not _blank(str(o)))
        tag = next((str(o) for o in graph.objects(concept, kgo_tag)), None)
        freq_lit = next(iter(graph.objects(concept, kgo_freq)), None)
        key = compact_label(canonical[0])
        entries.append(
            Entry(
                key=key,
                cls=_literal_class(classes[0], where),
                labels=tuple(dict.fromkeys([*canonical[1:], *alts, *english])),
                tag=tag,
                freq=int(freq_lit) if freq_lit is not None else None,
                english=english[0] if english else None,
            )
        )
    if not entries:
        found = f"{len(concepts)} skos:Concept, {skipped} skipped" if concepts else "no skos:Concept"
        raise LexiconError(
            f"{path}: no usable concept ({found}); a concept needs `a skos:Concept`, a zh-Hans skos:prefLabel"
            " and one kgo:entityClass"
        )
    return entries


@cache
def _load(paths: tuple[str, ...]) -> Lexicon:
    lexicon = Lexicon()
    for p in paths:
        for entry in parse_lexicon(p):
            lexicon.add(entry)
    return lexicon


def load_lexicon(extra: Sequence[str | Path] | Iterable[str | Path] = ()) -> Lexicon:
    """The built-in lexicon plus ``extra`` files (later files win). Cached per process."""
    paths = [ontology_file("lexicon.ttl"), *(Path(p) for p in extra)]
    return _load(tuple(str(Path(p).resolve()) for p in paths))
