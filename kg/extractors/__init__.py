"""Extractor registry: name -> stage, in the default order.

Third-party extractors register through the ``zhkg.extractors`` entry-point
group (the entry point names an object with ``name``, ``requires``,
``assigns``, optionally ``after``, and ``__call__(extraction, resources)``); a
name is registered once. The order constraints between stages are declared on
the stages (``@extractor(..., after=("claims",))``) and checked by
:func:`kg.pipeline.check_order`.

>>> names()[:3]
['entities', 'aliases', 'people']
"""

from __future__ import annotations

from kg.extractors.base import Extractor, Resources
from kg.registry import Registry

__all__ = ["DEFAULT", "Extractor", "Resources", "get", "names", "register"]

#: the default pipeline, in order (each stage's ``after`` says which orders are required)
DEFAULT: tuple[str, ...] = (
    "entities",
    "aliases",
    "people",
    "coref",
    "relations",
    "claims",
    "statistics",
    "keywords",
    "cooccurrence",
)
_REGISTRY: Registry[Extractor] = Registry(
    "extractor", "zhkg.extractors",
    {name: f"kg.extractors.{name}:extract_{name}" for name in DEFAULT},
)


def register(name: str, target: str | Extractor) -> None:
    """Add an extractor by ``"module:attr"`` path or object; a name already taken is a
    :class:`~kg.registry.NameConflictError`."""
    _REGISTRY.register(name, target)


def names() -> list[str]:
    """Every known extractor, built-in ones in pipeline order first."""
    return _REGISTRY.names()


def get(name: str) -> Extractor:
    """The extractor called ``name``; an unknown name lists the valid ones."""
    return _REGISTRY.get(name)
