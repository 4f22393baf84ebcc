"""A registry of named, lazily imported implementations with an entry-point group for plugins.

The extractors and the export formats are both looked up this way: a name maps
to an object or to a ``"module:attr"`` path imported on first use (so heavy
modules cost nothing until needed), third-party packages add names through an
entry-point group, and an unknown name fails with the list of valid ones.

>>> r = Registry("greeting", "zhkg.test-greetings", {"json": "json:dumps"})
>>> r.get("json")({"a": 1})
'{"a": 1}'
>>> r.get("yaml")
Traceback (most recent call last):
...
kg.errors.UnknownNameError: unknown greeting 'yaml'; choose one of: json
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from kg.errors import UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    """Names -> implementations, in the order they were added."""

    def __init__(self, kind: str, group: str, builtin: dict[str, str]) -> None:
        self.kind = kind
        self.group = group
        self._paths: dict[str, str] = dict(builtin)
        self._loaded: dict[str, T] = {}

    def register(self, name: str, target: str | T) -> None:
        """Add (or replace) ``name``: an object or a ``"module:attr"`` path."""
        if isinstance(target, str):
            self._paths[name] = target
            self._loaded.pop(name, None)
        else:
            self._loaded[name] = target

    def _plugins(self) -> None:
        for ep in entry_points(group=self.group):
            if ep.name not in self._paths and ep.name not in self._loaded:
                self._paths[ep.name] = ep.value

    def names(self) -> list[str]:
        """Every known name: built-in ones in their order, then plugins and objects added later."""
        self._plugins()
        return list(dict.fromkeys([*self._paths, *self._loaded]))

    def get(self, name: str) -> T:
        """The implementation of ``name``, imported on first use."""
        if name in self._loaded:
            return self._loaded[name]
        self._plugins()
        if name not in self._paths:
            raise UnknownNameError(self.kind, name, self.names())
        module, _, attr = self._paths[name].partition(":")
        self._loaded[name] = getattr(import_module(module), attr)
        return self._loaded[name]
