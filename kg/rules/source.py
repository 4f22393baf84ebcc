"""Reading rule packs: TOML files, merged built-in first, checked key by key.

A pack is one TOML file per extractor (``relations.toml``) plus ``shared.toml``.
The built-in packs live in ``ontology/rules/``; ``kg build --rules DIR`` adds
files of the same names on top, merged by :func:`merge`:

* a table merges key by key;
* a list of tables (``[[rule]]``) is appended to; an item whose ``id`` equals
  an existing item's replaces that item where it stands;
* a list of words is extended (words already there are skipped); a list of
  rows (``[["产业", "Sector"], …]``) too, a row whose first item equals an
  existing row's replaces that row;
* anything else (a string, a number, a pattern) is replaced.

Every value remembers the file it came from, so an error names the file, the
key and the line (``tomllib`` gives no line numbers: :func:`line_of` finds the
key in the text).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from kg.errors import KGError

Key = tuple[str | int, ...]


class RulesError(KGError):
    """A rule pack is unreadable or holds a bad value; the message names the file, the key and the line."""


@dataclass(frozen=True)
class PackFile:
    """One TOML file as read: its path, its text and its data."""

    path: Path
    text: str
    data: dict[str, Any]


def read_file(path: Path) -> PackFile:
    """Read and parse one pack file (a syntax error names the file; tomllib gives line and column)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RulesError(f"{path}: cannot read rule pack: {e}") from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RulesError(f"{path}: not valid TOML: {e}") from e
    return PackFile(path, text, data)


_ARRAY_HEADER = re.compile(r"^\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"""^("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def line_of(text: str, key: Key) -> int:
    """The line that defines ``key`` (a path such as ``("rule", 3, "pattern")``), or the nearest enclosing one.

    >>> line_of('a = 1\\n[[rule]]\\nid = "x"\\n[[rule]]\\nid = "y"\\npattern = "("\\n', ("rule", 1, "pattern"))
    6
    >>> line_of('[[rule]]\\nid = "x"\\n', ("rule", 0, "pattern"))
    1
    """
    table: Key = ()
    counts: dict[Key, int] = {}
    best, best_len = 1, 0
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if m := _ARRAY_HEADER.match(s):
            name = tuple(m.group(1).split("."))
            counts[name] = counts.get(name, -1) + 1
            table, full = (*name, counts[name]), (*name, counts[name])
        elif (m := _TABLE_HEADER.match(s)) and not s.startswith("[\"") and not s.startswith("['"):
            table = full = tuple(m.group(1).split("."))
        elif m := _KEY.match(s):
            full = (*table, m.group(1).strip("\"'"))
        else:
            continue
        if len(full) > best_len and key[: len(full)] == full:
            best, best_len = n, len(full)
    return best


class Origins:
    """Where each part of a merged pack came from: merged key prefix -> (file, key in that file)."""

    def __init__(self, first: PackFile) -> None:
        self._map: dict[Key, tuple[PackFile, Key]] = {(): (first, ())}

    def set(self, key: Key, file: PackFile, in_file: Key) -> None:
        self._map[key] = (file, in_file)

    def locate(self, key: Key) -> tuple[PackFile, Key]:
        for i in range(len(key), -1, -1):
            if key[:i] in self._map:
                file, in_file = self._map[key[:i]]
                return file, (*in_file, *key[i:])
        raise AssertionError("the empty key always has an origin")

    def where(self, key: Key) -> str:
        """``FILE, line N, key K`` for a message (the key as that file writes it)."""
        file, in_file = self.locate(key)
        return f"{file.path}, line {line_of(file.text, in_file)}, key {dotted(in_file)}"


def dotted(key: Key) -> str:
    """``("rule", 3, "pattern")`` -> ``rule[3].pattern``."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _kind(value: Any) -> str:
    return "a table" if isinstance(value, dict) else "a list" if isinstance(value, list) else "a single value"


def _is_table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def merge(base: dict[str, Any], extra: PackFile, origins: Origins) -> dict[str, Any]:
    """``base`` with ``extra``'s data merged in (see the module docstring); ``origins`` learns the new parts."""
    return _merge_table(base, extra.data, (), (), extra, origins)


def _merge_table(base: dict[str, Any], extra: dict[str, Any], key: Key, in_file: Key, file: PackFile,
                 origins: Origins) -> dict[str, Any]:
    out = dict(base)
    for name, value in extra.items():
        k, fk = (*key, name), (*in_file, name)
        if name not in out:
            out[name] = value
            origins.set(k, file, fk)
            continue
        old = out[name]
        if isinstance(old, dict) and isinstance(value, dict):
            out[name] = _merge_table(old, value, k, fk, file, origins)
        elif isinstance(old, list) and isinstance(value, list):
            out[name] = _merge_list(old, value, k, fk, file, origins)
        elif _kind(old) != _kind(value):
            raise RulesError(f"{file.path}, line {line_of(file.text, fk)}, key {dotted(k)}: must be "
                             f"{_kind(old)}, as in the pack it extends")
        else:
            out[name] = value
            origins.set(k, file, fk)
    return out


def _merge_list(old: list[Any], new: list[Any], key: Key, in_file: Key, file: PackFile,
                origins: Origins) -> list[Any]:
    out = list(old)
    if _is_table_list(old) or _is_table_list(new):
        ids = {item.get("id"): i for i, item in enumerate(out) if isinstance(item, dict) and "id" in item}
        for j, item in enumerate(new):
            at = ids.get(item.get("id")) if isinstance(item, dict) and "id" in item else None
            if at is None:
                at = len(out)
                out.append(item)
            else:
                out[at] = item
            origins.set((*key, at), file, (*in_file, j))
        return out
    for item in new:
        if isinstance(item, list) and item:
            at = next((i for i, row in enumerate(out) if isinstance(row, list) and row and row[0] == item[0]), None)
            if at is None:
                out.append(item)
            else:
                out[at] = item
        elif item not in out:
            out.append(item)
    origins.set(key, file, in_file)
    return out


_MISSING: Any = object()


class Pack:
    """Typed, checked access to one merged pack (or one table of it); unread keys are errors at :meth:`done`."""

    def __init__(self, name: str, data: dict[str, Any], origins: Origins, key: Key = ()) -> None:
        self.name = name
        self._data = data
        self._origins = origins
        self._key = key
        self._read: set[str] = set()

    def fail(self, name: str | Key | None, problem: str) -> NoReturn:
        key = self._key if name is None else (*self._key, *((name,) if isinstance(name, str) else name))
        raise RulesError(f"{self._origins.where(key)}: {problem}")

    def keys(self) -> list[str]:
        """The keys of this table, in order."""
        return list(self._data)

    def has(self, name: str) -> bool:
        return name in self._data

    def _get(self, name: str, default: Any) -> Any:
        self._read.add(name)
        if name in self._data:
            return self._data[name]
        if default is _MISSING:
            self.fail(None, f"missing key {name!r}")
        return default

    def words(self, name: str, default: Any = _MISSING) -> tuple[str, ...]:
        """A list of strings, in order."""
        value = self._get(name, default)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
            self.fail(name, "must be a list of non-empty strings")
        return tuple(value)

    def text(self, name: str, default: Any = _MISSING) -> str:
        value = self._get(name, default)
        if not isinstance(value, str):
            self.fail(name, "must be a string")
        return value

    def number(self, name: str, default: Any = _MISSING) -> float:
        value = self._get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(name, "must be a number")
        return value

    def integer(self, name: str, default: Any = _MISSING) -> int:
        value = self._get(name, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, "must be an integer")
        return value

    def flag(self, name: str, default: Any = _MISSING) -> bool:
        value = self._get(name, default)
        if not isinstance(value, bool):
            self.fail(name, "must be true or false")
        return value

    def value(self, name: str, check: Callable[[Any], bool], what: str, default: Any = _MISSING) -> Any:
        value = self._get(name, default)
        if not check(value):
            self.fail(name, f"must be {what}")
        return value

    def pattern(self, name: str, expand: Callable[[str], str] | None = None, default: Any = _MISSING,
                index: int | None = None) -> re.Pattern[str]:
        """A regular expression, macros expanded by ``expand``; a bad one names its key."""
        source = self.text(name, default) if index is None else self.words(name)[index]
        try:
            return re.compile(expand(source) if expand else source)
        except re.error as e:
            self.fail(name if index is None else (name, index), f"bad regular expression: {e}")

    def patterns(self, name: str, expand: Callable[[str], str] | None = None) -> tuple[re.Pattern[str], ...]:
        return tuple(self.pattern(name, expand, index=i) for i in range(len(self.words(name))))

    def rows(self, name: str, *types: type) -> tuple[tuple[Any, ...], ...]:
        """A list of rows ``[["产业", "Sector"], …]``, each of ``types``."""
        value = self._get(name, _MISSING)
        ok = isinstance(value, list) and all(
            isinstance(row, list) and len(row) == len(types)
            and all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(row, types, strict=True))
            for row in value
        )
        if not ok:
            self.fail(name, f"must be a list of rows [{', '.join(t.__name__ for t in types)}]")
        return tuple(tuple(row) for row in value)

    def mapping(self, name: str, value_type: type | tuple[type, ...]) -> dict[str, Any]:
        """A table of words to values, in order."""
        value = self._get(name, _MISSING)
        if not isinstance(value, dict) or not all(
                isinstance(v, value_type) and not isinstance(v, bool) for v in value.values()):
            self.fail(name, "must be a table of words to values")
        return dict(value)

    def table(self, name: str) -> Pack:
        value = self._get(name, _MISSING)
        if not isinstance(value, dict):
            self.fail(name, "must be a table")
        return Pack(self.name, value, self._origins, (*self._key, name))

    def tables(self, name: str) -> list[Pack]:
        """A list of tables (``[[rule]]``)."""
        value = self._get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(name, "must be a list of tables ([[…]])")
        return [Pack(self.name, v, self._origins, (*self._key, name, i)) for i, v in enumerate(value)]

    def done(self) -> None:
        """Fail on a key nothing read: a misspelt key in a user's pack would otherwise do nothing."""
        for name in self._data:
            if name not in self._read:
                self.fail(name, "unknown key")
