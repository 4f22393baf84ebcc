"""SKOS lexicon files (Turtle) parsed into :class:`kg.lexicon.Entry` values.

The RDF side of the lexicon: :mod:`kg.lexicon` keeps the plain-Python
:class:`~kg.lexicon.Lexicon` the extractors use and calls :func:`parse_lexicon`
to read each file. rdflib is imported when a file is parsed.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from kg.errors import LexiconError
from kg.lexicon import Entry, LexiconWarning
from kg.rdf.iri import KGO_IRI
from kg.text.labels import compact_label
from kg.text.surrogates import join_surrogate_pairs
from kg.types import ENTITY_CLASSES

__all__ = ["parse_lexicon"]


def _warn(warning: LexiconWarning) -> None:
    """The default ``on_warning``: a Python warning, which the CLI shows on standard error."""
    warnings.warn(warning, stacklevel=2)


def _blank(label: str) -> bool:
    """A label with nothing to match: empty, or only white space."""
    return not label.strip()


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
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    from kg.store import read_turtle

    path = Path(path)
    graph = read_turtle(path, LexiconError, "lexicon")
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
