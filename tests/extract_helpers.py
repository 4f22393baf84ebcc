"""Shared helpers for the extractor behaviour tests (``tests/test_extract_*.py``).

One :class:`~kg.pipeline.Builder` serves every test (building it loads the
lexicon and the segmenter, the slow part); each sentence is extracted once per
script and cached. Facts are read back as plain values keyed by the canonical
simplified labels, so a table row says what a careful reader finds in its
sentence, whatever the script it is written in.

Tables are lists of rows ``(text, expected, ...)`` or ``pytest.param(...)``;
:func:`in_scripts` runs each row in simplified and traditional script (and in
Taiwan wording where asked). A known extractor bug is marked with :func:`bug`,
a strict xfail that may name the scripts it happens in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import opencc
import pytest

from kg.extractors.base import is_name, mentions_by_sentence
from kg.pipeline import Builder
from kg.resolve import resolve_entities
from kg.types import Document, Extraction, Statistic

#: script name -> OpenCC configuration that writes a simplified sentence in it (None: as written);
#: ``raw`` is for sentences typed in their own script (Taiwan wording OpenCC does not produce)
SCRIPTS: dict[str, str | None] = {"hans": None, "hant": "s2t", "tw": "s2twp", "raw": None}
BOTH = ("hans", "hant")
#: properties whose triples are written once whatever the order (SPEC: symmetric)
SYMMETRIC = frozenset({"integratesWith", "relatedTo"})

Triple = tuple[str, str, str]
#: (about, value, unit, year) of a statistic
StatKey = tuple[str | None, Decimal | None, str | None, str | None]


@functools.cache
def builder() -> Builder:
    """The one Builder every extractor test shares."""
    return Builder()


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert(text: str, script: str) -> str:
    """``text`` (written in simplified script) in ``script``: ``hans``, ``hant``, ``tw`` or ``raw`` (as is)."""
    config = SCRIPTS[script]
    return text if config is None else _converter(config).convert(text)


def simplified(text: str) -> str:
    """``text`` in simplified script."""
    return _converter("t2s").convert(text)


@functools.cache
def extract(text: str, script: str = "hans", date: str | None = None) -> Extraction:
    """The extraction of ``text`` converted to ``script`` (cached: tables share sentences)."""
    return builder().extract(Document(convert(text, script), id="t", date=date))


# ---------------------------------------------------------------------------
# tables in both scripts
# ---------------------------------------------------------------------------


def bug(reason: str, *scripts: str) -> pytest.MarkDecorator:
    """A strict xfail for a known extractor bug, in every script or only in ``scripts``.

    :func:`in_scripts` reads ``scripts`` and drops it before the mark reaches pytest.
    """
    return pytest.mark.xfail(strict=True, reason=reason, scripts=tuple(scripts))


def in_scripts(rows: Iterable[Any], scripts: Sequence[str] = BOTH) -> list[Any]:
    """Each row once per script, the script name first: ``(script, *row)``; a bare string is a one-value row.

    A :func:`bug` mark applies in the scripts it names (in all when it names none);
    other marks apply in every script. Ids are ``<script>-<row id or text>``.
    """
    out = []
    for row in rows:
        if hasattr(row, "values"):  # a pytest.param
            values, marks, rid = row.values, row.marks, row.id
        elif isinstance(row, str):  # a one-column table: just the text
            values, marks, rid = (row,), (), None
        else:
            values, marks, rid = tuple(row), (), None
        for script in scripts:
            applied = []
            for mark in marks:
                if mark.name == "xfail" and "scripts" in mark.kwargs:
                    kwargs = {k: v for k, v in mark.kwargs.items() if k != "scripts"}
                    if not mark.kwargs["scripts"] or script in mark.kwargs["scripts"]:
                        applied.append(pytest.mark.xfail(*mark.args, **kwargs))
                else:
                    applied.append(mark)
            label = rid if rid is not None else _short(str(values[0]))
            out.append(pytest.param(script, *values, marks=applied, id=f"{script}-{label}"))
    return out


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:24] + "…"


# ---------------------------------------------------------------------------
# facts as plain values
# ---------------------------------------------------------------------------


def canonical(facts: Iterable[Triple]) -> set[Triple]:
    """Triples with a symmetric property's ends in sorted order, as the graph writes them."""
    return {(min(s, o), p, max(s, o)) if p in SYMMETRIC else (s, p, o) for s, p, o in facts}


def triples(ex: Extraction, *, related: bool = False) -> set[Triple]:
    """Relation triples in :func:`canonical` order; ``relatedTo`` only when asked."""
    return canonical(
        (r.subject, r.predicate, r.object) for r in ex.relations if related or r.predicate != "relatedTo"
    )


def related_pairs(ex: Extraction) -> set[tuple[str, str]]:
    """The pairs ``relatedTo`` links, each in sorted order."""
    return {(min(r.subject, r.object), max(r.subject, r.object)) for r in ex.relations if r.predicate == "relatedTo"}


def people(ex: Extraction) -> set[str]:
    """Keys of the persons named (not pronouns standing for them)."""
    return {m.key for m in ex.mentions if m.cls == "Person" and not m.rule.startswith("coref")}


def person_facts(ex: Extraction) -> set[Triple]:
    """What is said about people: ``(name, "a", "Person")``, ``jobTitle`` and ``birthDate``
    attributes (values in simplified script) and ``affiliatedWith`` triples."""
    facts: set[Triple] = {(name, "a", "Person") for name in people(ex)}
    facts |= {(a.entity, a.name, simplified(a.value)) for a in ex.attributes}
    facts |= {t for t in triples(ex) if t[1] == "affiliatedWith"}
    return facts


def stat_keys(ex: Extraction) -> set[StatKey]:
    """``(about, value, unit, year)`` of every statistic."""
    return {(s.about, s.value, s.unit, s.year) for s in ex.statistics}


def stat_with_value(ex: Extraction, value: Decimal) -> Statistic:
    """The one statistic of ``ex`` with ``value`` (its normalised value or its range's minimum)."""
    found = [s for s in ex.statistics if value in (s.value, s.min_value)]
    assert len(found) == 1, f"expected one statistic of value {value}, got {ex.statistics}"
    return found[0]


def claim_pairs(ex: Extraction) -> set[tuple[str, str]]:
    """``(speaker, entity)`` for every entity each claim is about."""
    return {(c.speaker, key) for c in ex.claims for key in c.about}


def entities(ex: Extraction) -> dict[str, str]:
    """Key -> class of every entity the text names: mentions without overlaps (the better-found wins, as
    every extractor after ``entities`` sees them), anaphors aside, classed by the graph's rule."""
    kept = [m for ms in mentions_by_sentence(ex.mentions).values() for m in ms if is_name(m)]
    lexicon = {k: e.cls for k, e in builder().resources.lexicon.entries.items()}
    resolved = resolve_entities([replace(ex, mentions=tuple(kept))], lexicon)
    return {e.key: e.cls() for e in resolved.values()}
