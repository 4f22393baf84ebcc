"""zhkg: Chinese text in, an RDF knowledge graph out.

>>> import kg
>>> g = kg.build(["数字产业化是数字经济的重要组成部分。"])
>>> len(g) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.types import Document

if TYPE_CHECKING:
    from rdflib import Graph

__version__ = "0.1.0"
__all__ = ["Document", "__version__", "build"]


def build(texts: Iterable[str | Document], *, lexicons: Iterable[str] = (), ontology: str | None = None) -> Graph:
    """Build the knowledge graph of ``texts`` (strings or :class:`Document`).

    ``lexicons`` are extra SKOS lexicon files (Turtle) beside the built-in one;
    ``ontology`` another ontology file than zhkg's ``ontology/zhkg.ttl``.
    """
    from kg.pipeline import Builder

    return Builder(extra_lexicons=tuple(lexicons), ontology=ontology).graph(texts)
