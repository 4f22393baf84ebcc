"""Extractor registry: name -> stage, in the default order.

Third-party extractors register through the ``zhkg.extractors`` entry-point
group (the entry point names an object with ``name``, ``requires``,
``assigns`` and ``__call__(extraction, resources)``).

>>> names()[:3]
['entities', 'aliases', 'people']
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

from kg.errors import UnknownNameError
from kg.extractors.base import Extractor, Resources

__all__ = ["DEFAULT", "Extractor", "Resources", "get", "names"]

_BUILTIN: dict[str, str] = {
    "entities": "kg.extractors.entities:extract_entities",
    "aliases": "kg.extractors.aliases:extract_aliases",
    "people": "kg.extractors.people:extract_people",
    "coref": "kg.extractors.coref:extract_coref",
    "relations": "kg.extractors.relations:extract_relations",
    # claims before statistics: a counted noun (四点建议) becomes a mention that would hide a claim's cue word
    "claims": "kg.extractors.claims:extract_claims",
    "statistics": "kg.extractors.statistics:extract_statistics",
    # keywords come last: a TextRank term only fills gaps, it never takes a fact's subject
    "keywords": "kg.extractors.keywords:extract_keywords",
    "cooccurrence": "kg.extractors.cooccurrence:extract_cooccurrence",
}
#: the default pipeline, in order
DEFAULT: tuple[str, ...] = tuple(_BUILTIN)
_LOADED: dict[str, Extractor] = {}


def register(name: str, target: str | Extractor) -> None:
    """Add an extractor by ``"module:attr"`` path or object."""
    if isinstance(target, str):
        _BUILTIN[name] = target
        _LOADED.pop(name, None)
    else:
        _LOADED[name] = target


def _plugins() -> None:
    for ep in entry_points(group="zhkg.extractors"):
        _BUILTIN.setdefault(ep.name, ep.value)


def names() -> list[str]:
    """Every known extractor, built-in ones in pipeline order first."""
    _plugins()
    return list(dict.fromkeys([*DEFAULT, *_BUILTIN, *_LOADED]))


def get(name: str) -> Extractor:
    """The extractor called ``name``; an unknown name lists the valid ones."""
    if name in _LOADED:
        return _LOADED[name]
    _plugins()
    if name not in _BUILTIN:
        raise UnknownNameError("extractor", name, names())
    module, _, attr = _BUILTIN[name].partition(":")
    _LOADED[name] = getattr(import_module(module), attr)
    return _LOADED[name]
