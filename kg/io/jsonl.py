"""JSON Lines: one document per line, a JSON object with a ``"text"`` string.

A record's optional fields are ``id`` and :data:`~kg.io.metadata.RECORD_KEYS`;
a record without an ``id`` gets :func:`content_id`. Surrogate halves from
``\\ud83d``-style escapes are scrubbed here, where the text enters
(:func:`kg.text.surrogates.scrub_surrogates`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator

from kg.errors import InputError
from kg.io.metadata import RECORD_KEYS, complete_metadata
from kg.text.surrogates import scrub_surrogates
from kg.types import Document

__all__ = ["content_id", "jsonl_documents", "looks_like_json_lines"]


def looks_like_json_lines(text: str) -> bool:
    """Whether the first non-blank line is a JSON object with a ``"text"`` string (a record, not prose)."""
    for line in text.split("\n"):
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            return False
        return isinstance(obj, dict) and isinstance(obj.get("text"), str)
    return False


def jsonl_documents(text: str, origin: str, on_skip: Callable[[InputError], None] | None) -> Iterator[Document]:
    """The records of decoded JSON Lines (a file's or standard input's)."""
    records = 0
    # split on "\n" only: str.splitlines would also split at U+2028 inside JSON strings
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        records += 1
        try:
            doc = _record_document(line, origin, number)
        except InputError as error:
            if on_skip is None:
                raise
            on_skip(error)
            continue
        yield doc
    if not records:
        raise InputError(origin, "empty: no text")


def _record_document(line: str, origin: str, number: int) -> Document:
    where = f"line {number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(origin, f"{where}: not valid JSON: {e.msg} (column {e.colno})") from None
    except RecursionError:
        raise InputError(origin, f"{where}: not valid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise InputError(origin, f"{where}: not a JSON object but {_json_kind(obj)}")
    if "text" not in obj:
        raise InputError(origin, f'{where}: no "text" field')
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(origin, f'{where}: "text" is not a string but {_json_kind(text)}')
    text = scrub_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, f"{where}: empty: no text")
    fields: dict[str, str] = {}
    for key in ("id", *RECORD_KEYS):
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise InputError(origin, f'{where}: "{key}" is not a string but {_json_kind(value)}')
        value = scrub_surrogates(str(value).strip())
        if value:
            fields[key] = value
    doc_id = fields.pop("id", None) or content_id(text)
    return Document(text, id=doc_id, origin=f"{origin}:{number}", **complete_metadata(fields))


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


def content_id(text: str) -> str:
    """The id of a text that has none: stable across runs and machines."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
