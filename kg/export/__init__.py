"""Export registry: a format name -> a function that writes a graph to a path.

Writers take ``(graph, path, **options)`` and must write atomically (see
:func:`kg.atomic.atomic_write`). Third-party formats register through the
``zhkg.exporters`` entry-point group.

>>> sorted(names())[:2]
['html', 'turtle']
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.registry import Registry

Exporter = Callable[..., None]

# name -> "module:function", imported on first use so that heavy writers (the HTML page) cost nothing until used
_REGISTRY: Registry[Exporter] = Registry(
    "export format", "zhkg.exporters",
    {"turtle": "kg.export.turtle:write_turtle", "html": "kg.export.html:write_html"},
)
#: file suffix each format writes by default
SUFFIXES: dict[str, str] = {"turtle": ".ttl", "html": ".html"}


def register(name: str, exporter: Exporter | str, suffix: str | None = None) -> None:
    """Add a format: ``exporter`` is a callable or a ``"module:function"`` path."""
    _REGISTRY.register(name, exporter)
    if suffix:
        SUFFIXES[name] = suffix


def names() -> list[str]:
    """Every registered format name."""
    return sorted(_REGISTRY.names())


def get(name: str) -> Exporter:
    """The writer for ``name``; an unknown name lists the valid ones."""
    return _REGISTRY.get(name)


def export(graph: Graph, name: str, path: str | Path, **options: Any) -> Path:
    """Write ``graph`` in format ``name`` to ``path`` and return the path."""
    path = Path(path)
    get(name)(graph, path, **options)
    return path
