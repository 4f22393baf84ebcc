"""Export registry: a format name -> a function that writes a graph to a path.

Writers take ``(graph, path, **options)`` and must write atomically (see
:func:`kg.atomic.atomic_write`). Third-party formats register through the
``zhkg.exporters`` entry-point group.

>>> sorted(names())[:2]
['html', 'turtle']
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import UnknownNameError

Exporter = Callable[..., None]

# name -> "module:function", imported on first use so that heavy writers (pyvis) cost nothing until used
_BUILTIN: dict[str, str] = {
    "turtle": "kg.export.turtle:write_turtle",
    "html": "kg.export.html:write_html",
}
_LOADED: dict[str, Exporter] = {}
#: file suffix each format writes by default
SUFFIXES: dict[str, str] = {"turtle": ".ttl", "html": ".html"}


def register(name: str, exporter: Exporter | str, suffix: str | None = None) -> None:
    """Add a format: ``exporter`` is a callable or a ``"module:function"`` path."""
    if isinstance(exporter, str):
        _BUILTIN[name] = exporter
        _LOADED.pop(name, None)
    else:
        _LOADED[name] = exporter
    if suffix:
        SUFFIXES[name] = suffix


def _plugins() -> None:
    for ep in entry_points(group="zhkg.exporters"):
        if ep.name not in _BUILTIN and ep.name not in _LOADED:
            _BUILTIN[ep.name] = ep.value


def names() -> list[str]:
    """Every registered format name."""
    _plugins()
    return sorted(set(_BUILTIN) | set(_LOADED))


def get(name: str) -> Exporter:
    """The writer for ``name``; an unknown name lists the valid ones."""
    if name in _LOADED:
        return _LOADED[name]
    _plugins()
    if name not in _BUILTIN:
        raise UnknownNameError("export format", name, names())
    module, _, attr = _BUILTIN[name].partition(":")
    _LOADED[name] = getattr(import_module(module), attr)
    return _LOADED[name]


def export(graph: Graph, name: str, path: str | Path, **options: Any) -> Path:
    """Write ``graph`` in format ``name`` to ``path`` and return the path."""
    path = Path(path)
    get(name)(graph, path, **options)
    return path
