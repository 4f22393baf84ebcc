"""A registry of named, lazily imported implementations with an entry-point group for plugins.

The extractors and the export formats are both looked up this way: a name maps
to an object or to a ``"module:attr"`` path imported on first use (so heavy
modules cost nothing until needed), third-party packages add names through an
entry-point group, and an unknown name fails with the list of valid ones. A name
is registered once: registering it again for something else (or a plugin
claiming a taken name) is a :class:`NameConflictError`.

>>> r = Registry("greeting", "zhkg.test-greetings", {"json": "json:dumps"})
>>> r.get("json")({"a": 1})
'{"a": 1}'
>>> r.get("yaml")
Traceback (most recent call last):
...
kg.errors.UnknownNameError: unknown greeting 'yaml'; choose one of: json
>>> r.register("json", "pickle:dumps")
Traceback (most recent call last):
...
kg.registry.NameConflictError: greeting 'json' is already registered (json:dumps); choose another name
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from kg.errors import KGError, UnknownNameError

T = TypeVar("T")


class NameConflictError(KGError):
    """A name is registered twice for different implementations."""


class Registry(Generic[T]):
    """Names -> implementations, in the order they were added."""

    def __init__(self, kind: str, group: str, builtin: dict[str, str]) -> None:
        self.kind = kind
        self.group = group
        self._paths: dict[str, str] = dict(builtin)
        self._loaded: dict[str, T] = {}

    def register(self, name: str, target: str | T) -> None:
        """Add ``name``: an object or a ``"module:attr"`` path. Registering the same target again does
        nothing; a name already taken by another is a :class:`NameConflictError`."""
        if isinstance(target, str):
            if self._paths.get(name, target) != target or (name not in self._paths and name in self._loaded):
                self._conflict(name)
            self._paths[name] = target
        else:
            if name in self._loaded and self._loaded[name] is not target:
                self._conflict(name)
            if name in self._paths and name not in self._loaded:
                self._conflict(name)
            self._loaded[name] = target

    def _conflict(self, name: str, by: str = "") -> None:
        taken = self._paths.get(name) or repr(self._loaded.get(name))
        raise NameConflictError(f"{self.kind} {name!r} is already registered ({taken}){by}; choose another name")

    def _plugins(self) -> None:
        for ep in entry_points(group=self.group):
            if ep.name in self._paths or ep.name in self._loaded:
                if self._paths.get(ep.name) != ep.value:
                    self._conflict(ep.name, f": the {self.group} plugin {ep.value} claims it too")
                continue
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
