"""Read inputs into :class:`~kg.types.Document`: files, folders, JSON Lines, stdin.

This is the only module that touches input bytes. It detects each file's
encoding (UTF-8, UTF-16, GB18030/GBK, Big5), removes a BOM, turns every line
end into ``\\n``, takes the ``# key: value`` header lines of a text file as
metadata and strips Markdown markup. Nothing else is cleaned here: pinyin
annotations, mojibake and script are :mod:`kg.normalize`'s business, so the
text keeps what the file said.

Every problem is an :class:`~kg.errors.InputError` whose one-line message
names the file (and the line, for JSON Lines). What is read but repaired (NUL
bytes removed) is an :class:`InputWarning`, passed to ``on_warning`` or else
issued with :func:`warnings.warn`. Only regular files, directories and standard
input are read, and at most :data:`MAX_INPUT_BYTES` of each.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import functools
import hashlib
import html
import importlib.util
import json
import math
import os
import re
import stat
import sys
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError, UnknownNameError
from kg.types import Document

__all__ = [
    "HEADER_KEYS",
    "MAX_CORPUS_BYTES",
    "MAX_INPUT_BYTES",
    "STDIN_FORMATS",
    "InputWarning",
    "decode_bytes",
    "iter_documents",
    "normalize_date",
    "read_text_file",
    "split_header",
    "strip_markdown",
]

#: metadata keys a text file may declare in its leading ``# key: value`` lines
HEADER_KEYS: tuple[str, ...] = ("source", "url", "title", "date", "author", "publisher")
#: optional string fields of a JSON Lines record besides ``text`` and ``id``
RECORD_KEYS: tuple[str, ...] = ("title", "url", "date", "source", "author", "publisher")

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: what a directory INPUT is searched for; other files are not ours to read
DIRECTORY_SUFFIXES = frozenset({".txt"}) | MARKDOWN_SUFFIXES | JSONL_SUFFIXES

STDIN = "-"
_STDIN_ORIGIN = "<stdin>"
#: how standard input is read: ``auto`` takes it as JSON Lines when its first non-blank line is a
#: JSON object with a ``"text"`` string, else as one text
STDIN_FORMATS: tuple[str, ...] = ("auto", "text", "jsonl")

#: the most bytes read from one input (a file, a JSON Lines file or standard input): 64 MiB, far
#: above any article (and about the most text one in-memory build handles), so that a runaway input
#: (endless standard input, a huge log, a file still growing) fails in one line instead of exhausting
#: memory; a larger corpus is split into several files
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: the most read from a JSON Lines file or from standard input (which may hold JSON Lines): a corpus, not one text
MAX_CORPUS_BYTES = 1024 * 1024 * 1024


class InputWarning(UserWarning):
    """An input was read, but repaired on the way (e.g. stray NUL bytes removed)."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


SkipHandler = Callable[[InputError], None]
WarningHandler = Callable[[InputWarning], None]


def _warn(warning: InputWarning) -> None:
    """The default ``on_warning``: a Python warning, which the CLI shows on standard error."""
    warnings.warn(warning, stacklevel=2)


# --------------------------------------------------------------------------- public API


def iter_documents(
    inputs: Sequence[str | Path],
    *,
    on_skip: SkipHandler | None = None,
    stdin: BinaryIO | None = None,
    stdin_format: str = "auto",
    on_warning: WarningHandler | None = None,
) -> Iterator[Document]:
    """Yield one :class:`Document` per text in ``inputs``, in order.

    Each INPUT is a text or Markdown file, a directory (read recursively, in
    sorted order), a JSON Lines file or ``-`` (``stdin``, else ``sys.stdin``).
    A missing INPUT or a bad file given directly raises :class:`InputError`.
    Inside a directory a bad file, and in a JSON Lines file a bad line, is
    passed to ``on_skip`` and skipped, so one broken file does not stop a
    batch; without ``on_skip`` it raises. All INPUTs are checked to exist
    (and to be regular files or directories: a FIFO or a device would hang
    or never end) before anything is read, so a typo fails fast.
    ``stdin_format`` (one of :data:`STDIN_FORMATS`) says how ``-`` is read.
    A repaired input is reported to ``on_warning`` (default: :func:`warnings.warn`).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("# title: 标题\\n数字经济。\\n", encoding="utf-8")
    >>> [(doc.id, doc.title, doc.text) for doc in iter_documents([d / "a.txt"])]
    [('a', '标题', '数字经济。')]
    """
    if isinstance(inputs, str | Path):  # one INPUT, not a sequence of characters
        inputs = [inputs]
    if stdin_format not in STDIN_FORMATS:
        raise UnknownNameError("standard input format", stdin_format, list(STDIN_FORMATS))
    warn = on_warning or _warn
    for item in inputs:
        if str(item) != STDIN:
            _check_input(str(item))
    stdin_read = False
    for item in inputs:
        if str(item) == STDIN:
            if stdin_read:
                raise InputError(_STDIN_ORIGIN, "standard input given more than once")
            stdin_read = True
            yield from _read_stdin(stdin, stdin_format, on_skip, warn)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_directory(path, on_skip, warn)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl(path, _read_bytes(path, limit=MAX_CORPUS_BYTES), on_skip, warn=warn)
        else:
            yield _text_document(path, path.stem, warn=warn)


def _check_input(item: str) -> None:
    """An INPUT must exist and be a regular file or a directory (symbolic links followed)."""
    if not os.path.lexists(item):
        raise InputError(item, "no such file or directory")
    try:
        mode = os.stat(item).st_mode
    except FileNotFoundError:
        raise InputError(item, "no such file or directory (a broken symbolic link)") from None
    except OSError as e:
        raise InputError(item, f"cannot read: {(e.strerror or str(e)).lower()}") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise InputError(item, _not_regular(mode))


def _not_regular(mode: int) -> str:
    """The one-line reason a FIFO, device or socket is refused."""
    kinds = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    kind = next((name for test, name in kinds if test(mode)), "a special file")
    return f"not a regular file but {kind}; give a file, a directory or - (standard input)"


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_surrogates(text: str) -> str:
    """Join escaped UTF-16 surrogate pairs (JSON ``\\ud83d\\ude80``); a lone one, not a character, becomes U+FFFD.

    >>> scrub_surrogates("数据\\ud800") == "数据\\ufffd"
    True
    """
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        return _SURROGATE.sub("\ufffd", text)


def read_text_file(path: str | Path, *, on_warning: WarningHandler | None = None) -> tuple[str, dict[str, str]]:
    """Read a text (or Markdown) file: its text and its header metadata.

    The metadata holds the known header keys that were given, with ``date``
    normalised and ``url``/``date`` filled in from a ``source`` that starts
    with a URL or contains a date. Markdown (``.md``, ``.markdown``) loses its
    markup. Raises :class:`InputError` if the file is missing, binary,
    undecodable or has no text; a repaired one is reported to ``on_warning``.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.md"
    >>> _ = p.write_text("# source: https://example.org/a (2022-12-29)\\n## 小标题\\n**数据**要素。",
    ...                  encoding="utf-8")
    >>> text, meta = read_text_file(p)
    >>> text
    '小标题\\n数据要素。'
    >>> meta["url"], meta["date"]
    ('https://example.org/a', '2022-12-29')
    """
    path = Path(path)
    return _text_and_meta(_read_bytes(path), str(path), markdown=path.suffix.lower() in MARKDOWN_SUFFIXES,
                          warn=on_warning or _warn)


def decode_bytes(data: bytes, origin: str, *, on_warning: WarningHandler | None = None) -> str:
    """Decode a file's bytes to text: detect the encoding, drop a BOM, use ``\\n`` line ends.

    Decoding is strict (a wrong guess fails rather than producing U+FFFD).
    UTF-8 wins when it decodes; otherwise GB18030 and Big5 (and BOM-less
    UTF-16) are decoded and the most plausible Chinese text is kept, judged by
    character frequencies (so short texts are told apart too). A few stray
    NUL bytes in otherwise valid text are removed, with an
    :class:`InputWarning` to ``on_warning`` (default :func:`warnings.warn`);
    only NULs on one side of the 2-byte units make BOM-less UTF-16.
    ``origin`` names the input in error messages.

    >>> decode_bytes("数字经济\\r\\n".encode("gb18030"), "a.txt")
    '数字经济\\n'
    >>> decode_bytes("數位經濟發展".encode("big5"), "b.txt")
    '數位經濟發展'
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "c.png")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: c.png: binary file, not text
    """
    text = _decode(data, origin, on_warning or _warn)
    if _looks_binary(text):
        raise InputError(origin, "binary file, not text")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_header(text: str) -> tuple[str, dict[str, str]]:
    """Split leading ``# key: value`` lines (known keys only) from the text.

    Parsing stops at the first line that is not such a header, so a Markdown
    ``# Heading`` stays text. Keys are case-insensitive; the first value of a
    key wins; empty values are ignored. Values are returned as written.

    >>> split_header("# title: 标题\\n# Date: 2022/12/29\\n# 前言\\n正文")
    ('# 前言\\n正文', {'title': '标题', 'date': '2022/12/29'})
    """
    meta: dict[str, str] = {}
    pos = 0
    while text.startswith("#", pos):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = _HEADER_LINE.match(text, pos, end)
        if not m:
            break
        key, value = m.group(1).lower(), m.group(2).strip()
        if value:
            meta.setdefault(key, value)
        pos = min(end + 1, len(text))
    return text[pos:], meta


def normalize_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` for a date written 2022-12-29, 2022/12/29, 2022.12.29,
    2022年12月29日 or 20221229 (a time after it is ignored); None otherwise.

    Nothing is guessed: partial dates, day-first or month-first forms and
    impossible dates give None.

    >>> [normalize_date(v) for v in ["2022/1/5", "2022年12月29日", "20221229", "2022-12-29T08:00:00+08:00"]]
    ['2022-01-05', '2022-12-29', '2022-12-29', '2022-12-29']
    >>> [normalize_date(v) for v in ["12/29/2022", "2022年12月", "2022-02-30", "昨天", None]]
    [None, None, None, None, None]
    """
    if not value:
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    year, month, day = (
        int(g)
        for g in (
            m.group("y1") or m.group("y2") or m.group("y3"),
            m.group("m1") or m.group("m2") or m.group("m3"),
            m.group("d1") or m.group("d2") or m.group("d3"),
        )
    )
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def strip_markdown(text: str) -> str:
    """Remove Markdown markup and keep the text.

    Headings lose their ``#``, emphasis and code its markers, links keep their
    text, images and HTML tags and comments go, table rows lose their pipes
    (cells joined by a space), lists and quotes lose their markers. Code
    blocks are kept verbatim without their fences. Every pattern is linear, so
    a huge line without line breaks is cheap.

    >>> md = "## 数字经济 ##\\n> **数据**是[要素](https://x.org)![图](a.png)\\n"
    >>> strip_markdown(md + "| 年 | 规模 |\\n|---|---|\\n| 2021 | 45.5万亿 |")
    '数字经济\\n数据是要素\\n年 规模\\n2021 45.5万亿'
    """
    text = _strip_html_comments(text)
    lines = text.split("\n")
    table_rows = _table_rows(lines)
    out: list[str] = []
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not m.group(2).strip():
                fence = None
            else:
                out.append(line)
            continue
        if m and (m.group(1)[0] == "~" or "`" not in m.group(2)):
            fence = m.group(1)
            continue
        if i in table_rows:
            if _TABLE_SEPARATOR.match(line):
                continue
            cells = _TABLE_PIPE.split(line.strip().strip("|"))
            out.append(" ".join(c for c in (_inline(c.strip()) for c in cells) if c))
            continue
        if _RULE.match(line) or (_SETEXT.match(line) and out and out[-1].strip()):
            out.append("")
            continue
        footnote = _FOOTNOTE_DEF.match(line)
        if footnote:  # a footnote keeps its text
            out.append(_inline(footnote.group(1)))
            continue
        if _REFERENCE_DEF.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(_inline(_heading_text(heading.group(1) or "")))
            continue
        line = _QUOTE.sub("", line, count=1)
        line = _BULLET.sub(r"\1", line, count=1)
        out.append(_inline(line))
    return "\n".join(out)


# --------------------------------------------------------------------------- reading


def _read_bytes(path: Path, origin: str | None = None, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The file's bytes, in one read (no per-line work on huge single-line files).

    Opened without blocking and checked on the open descriptor, so a FIFO
    that replaced a file meanwhile is refused rather than waited on; at most
    :data:`MAX_INPUT_BYTES` are read.
    """
    origin = origin or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(origin, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    except OSError as e:
        raise InputError(origin, f"cannot read: {(e.strerror or str(e)).lower()}") from None
    with open(fd, "rb", closefd=True) as f:
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(origin, "is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise InputError(origin, _not_regular(info.st_mode))
            if info.st_size > limit:
                raise InputError(origin, _too_large(limit))
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            return _read_capped(f, origin, limit)
        except IsADirectoryError:
            raise InputError(origin, "is a directory") from None
        except OSError as e:
            raise InputError(origin, f"cannot read: {(e.strerror or str(e)).lower()}") from None


def _read_capped(stream: BinaryIO, origin: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes (a file may grow while read)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(origin, _too_large(limit))
    return data


def _too_large(limit: int = MAX_INPUT_BYTES) -> str:
    return f"larger than {limit // (1024 * 1024)} MiB, the most zhkg reads from one input; split it"


def _text_and_meta(data: bytes, origin: str, *, markdown: bool, warn: WarningHandler) -> tuple[str, dict[str, str]]:
    return _parse_text(decode_bytes(data, origin, on_warning=warn), origin, markdown=markdown)


def _parse_text(text: str, origin: str, *, markdown: bool) -> tuple[str, dict[str, str]]:
    """Decoded text without its header (and Markdown) lines, and their metadata."""
    meta: dict[str, str] = {}
    if markdown:
        text, meta = _split_front_matter(text)
    text, header = split_header(text)
    meta = _complete_metadata({**header, **{k: v for k, v in meta.items() if k not in header}})
    if markdown:
        text = strip_markdown(text)
    text = _trim_blank_lines(text)
    if not text.strip():
        raise InputError(origin, "empty: no text")
    return text, meta


def _text_document(path: Path, doc_id: str, origin: str | None = None, *, warn: WarningHandler) -> Document:
    origin = origin or str(path)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    text, meta = _text_and_meta(_read_bytes(path, origin), origin, markdown=markdown, warn=warn)
    return Document(text, id=doc_id, origin=origin, **meta)


def _read_stdin(
    stream: BinaryIO | None, stdin_format: str, on_skip: SkipHandler | None, warn: WarningHandler
) -> Iterator[Document]:
    """Standard input: one text, or JSON Lines records (``stdin_format``, see :data:`STDIN_FORMATS`)."""
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        data = _read_capped(stream, _STDIN_ORIGIN, MAX_CORPUS_BYTES)
    except OSError as e:
        raise InputError(_STDIN_ORIGIN, f"cannot read: {(e.strerror or str(e)).lower()}") from None
    decoded = decode_bytes(data, _STDIN_ORIGIN, on_warning=warn)
    if stdin_format == "jsonl" or (stdin_format == "auto" and _looks_like_json_lines(decoded)):
        yield from _jsonl_documents(decoded, _STDIN_ORIGIN, on_skip)
        return
    text, meta = _parse_text(decoded, _STDIN_ORIGIN, markdown=False)
    yield Document(text, id=_content_id(text), origin=STDIN, **meta)


def _looks_like_json_lines(text: str) -> bool:
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


def _read_directory(root: Path, on_skip: SkipHandler | None, warn: WarningHandler) -> Iterator[Document]:
    """Every readable file under ``root``, sorted by relative path; hidden names skipped."""
    files, unreadable = _directory_files(root)
    for error in unreadable:
        if on_skip is None:
            raise error
        on_skip(error)
    if not files and not unreadable:
        raise InputError(str(root), f"no readable files (looked for {', '.join(sorted(DIRECTORY_SUFFIXES))})")
    seen: set[str] = set()
    read = skipped = 0
    for rel in files:
        path = root.joinpath(*rel.parts)
        origin = str(path)
        try:
            if rel.suffix.lower() in JSONL_SUFFIXES:
                docs = list(_read_jsonl(path, _read_bytes(path, origin, limit=MAX_CORPUS_BYTES), on_skip, origin,
                                        warn=warn))
            else:
                doc_id = rel.with_suffix("").as_posix()
                if doc_id in seen:  # a.md beside a.txt: keep the ids apart, deterministically
                    doc_id = rel.as_posix()
                seen.add(doc_id)
                docs = [_text_document(path, doc_id, origin, warn=warn)]
        except InputError as error:
            if on_skip is None:
                raise
            on_skip(error)
            skipped += 1
            continue
        read += len(docs)
        yield from docs
    if not read:
        raise InputError(str(root), f"no readable files ({skipped + len(unreadable)} skipped)")


def _directory_files(root: Path) -> tuple[list[Path], list[InputError]]:
    """Relative paths of the candidate files, in an order that does not depend on the OS,
    and the sub-directories that could not be listed."""
    found: list[Path] = []
    errors: list[InputError] = []

    def unreadable(e: OSError) -> None:
        errors.append(InputError(str(e.filename), f"cannot read: {(e.strerror or str(e)).lower()}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(dirpath).relative_to(root)
        for name in filenames:
            if name.startswith(".") or Path(name).suffix.lower() not in DIRECTORY_SUFFIXES:
                continue
            if (Path(dirpath) / name).is_file():
                found.append(base / name)
    return sorted(found, key=lambda p: p.parts), sorted(errors, key=str)


def _read_jsonl(
    path: Path, data: bytes, on_skip: SkipHandler | None, origin: str | None = None, *, warn: WarningHandler
) -> Iterator[Document]:
    """One Document per JSON object line; a bad line raises or goes to ``on_skip``."""
    origin = origin or str(path)
    yield from _jsonl_documents(decode_bytes(data, origin, on_warning=warn), origin, on_skip)


def _jsonl_documents(text: str, origin: str, on_skip: SkipHandler | None) -> Iterator[Document]:
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
    doc_id = fields.pop("id", None) or _content_id(text)
    return Document(text, id=doc_id, origin=f"{origin}:{number}", **_complete_metadata(fields))


def _json_kind(value: object) -> str:
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")


def _content_id(text: str) -> str:
    """The id of a text that has none: stable across runs and machines."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _trim_blank_lines(text: str) -> str:
    """Drop blank lines before the first and after the last line of text (indentation stays)."""
    text = text.rstrip()
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0 or text[start:end].strip():
            return text[start:]
        start = end + 1


# --------------------------------------------------------------------------- metadata

_HEADER_LINE = re.compile(rf"#[ \t]*({'|'.join(HEADER_KEYS)})[ \t]*[:：](.*)", re.IGNORECASE)
_DATE = re.compile(
    r"(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
    r"|(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2}))"
    r"(?!\d)"
)
_ISO_DATE_IN = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_URL_AT_START = re.compile(r"https?://[^\s<>\"'，。；、（）【】「」《》]+", re.IGNORECASE)


def _complete_metadata(meta: dict[str, str]) -> dict[str, str]:
    """Normalise the date; take url and date from a ``source`` that carries them."""
    meta = dict(meta)
    source = meta.get("source", "").strip()
    if "url" not in meta:
        m = _URL_AT_START.match(source)
        if m:
            meta["url"] = _trim_url(m.group(0))
    if "date" in meta:
        date = normalize_date(meta.pop("date"))
        if date:
            meta["date"] = date
    else:
        for m in _ISO_DATE_IN.finditer(source):
            date = normalize_date(m.group(0))
            if date:
                meta["date"] = date
                break
    return meta


def _trim_url(url: str) -> str:
    """Drop sentence punctuation a URL in prose is followed by (keeping balanced brackets)."""
    while url and url[-1] in ".,;:!?)]}":
        if url[-1] in ")]}" and url.count(url[-1]) <= url.count({")": "(", "]": "[", "}": "{"}[url[-1]]):
            break
        url = url[:-1]
    return url


def _split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """YAML front matter (``---`` … ``---``) of a Markdown file: known scalar keys only."""
    if not text.startswith("---\n"):
        return text, {}
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            return text, {}
    meta: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        m = _FRONT_MATTER_LINE.match(line)
        if m:
            value = m.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1].strip()
            if value and not value.startswith(("[", "{", "|", ">")):
                meta.setdefault(m.group(1).lower(), value)
    return text[end + 5 :], meta


_FRONT_MATTER_LINE = re.compile(rf"({'|'.join(HEADER_KEYS)})\s*:(.*)", re.IGNORECASE)


# --------------------------------------------------------------------------- encodings

_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 is left out: FF FE 00 00 is also UTF-16 "\0"
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TRIED = "cannot detect its encoding: tried UTF-8, UTF-16, GB18030, Big5"
#: control characters a text file may hold (tab, line ends, form feed, escape, DOS end of file)
_ALLOWED_CONTROLS = frozenset("\t\n\r\v\f\x1a\x1b")
_BINARY_SHARE = 0.02
#: how much more plausible a GB18030/Big5 reading must be to beat a valid UTF-8 one
_UTF8_MARGIN = 0.3
#: BOM-less UTF-16 beyond doubt: NULs on one side of at least this share of the 2-byte units
_UTF16_NUL_SHARE = 0.5
#: NULs a text may hold by accident (a C string's end, a bad copy) and lose: this share of its bytes, at least one
_STRAY_NUL_SHARE = 0.02


def _decode(data: bytes, origin: str, warn: WarningHandler) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise InputError(origin, f"not valid {name}, though it starts with a {name} byte order mark") from None
    if b"\x00" in data:
        return _decode_with_nuls(data, origin, warn)
    return _decode_without_nuls(data, origin, utf16=True)


def _decode_with_nuls(data: bytes, origin: str, warn: WarningHandler) -> str:
    """Bytes with NULs: BOM-less UTF-16 if the NULs say so, else a text with a few stray NULs removed.

    UTF-16 of Chinese and ASCII puts a NUL in every ASCII unit, on one side;
    a UTF-8 (or GBK) text with one stray NUL would read as UTF-16 garbage
    just as strictly, so UTF-16 must either be beyond doubt or be clearly
    more Chinese than the text without its NULs (as in a short UTF-16 数字 with
    one line end, whose bytes without NULs are ASCII).
    """
    utf16, share = _decode_utf16_by_nuls(data)
    if utf16 is not None and share >= _UTF16_NUL_SHARE:
        return utf16
    nuls = data.count(0)
    stripped = None
    if nuls <= max(1, int(len(data) * _STRAY_NUL_SHARE)) and data.strip(b"\x00"):
        try:
            stripped = _decode_without_nuls(data.replace(b"\x00", b""), origin, utf16=False)
        except InputError:
            stripped = None
    if stripped is not None and not _looks_binary(stripped):
        if utf16 is None or _plausibility(utf16) <= _plausibility(stripped) + _UTF8_MARGIN:
            warn(InputWarning(origin, f"removed {nuls} NUL byte{'s' if nuls > 1 else ''}, which no text holds"))
            return stripped
    if utf16 is None:
        raise InputError(origin, "binary file, not text")
    return utf16


def _decode_without_nuls(data: bytes, origin: str, *, utf16: bool) -> str:
    """UTF-8, else the most plausible of GB18030, Big5 and (if ``utf16``) BOM-less UTF-16 without ASCII."""
    utf8 = _decode_utf8(data)
    if utf8 is not None and utf8.isascii():
        return utf8
    candidates = [text for text in (_try_decode(data, encoding) for encoding in _LEGACY) if text]
    if utf8 is not None:
        # Short GBK/Big5 text can be valid UTF-8 by chance (GBK 平台 reads U+01BD U+0328):
        # UTF-8 keeps the benefit of the doubt unless it holds such odd characters and a
        # legacy reading is clearly more Chinese.
        if candidates and any(_is_odd_in_utf8(ch) for ch in set(utf8[:_SAMPLE])):
            best = max(candidates, key=_plausibility)
            if _plausibility(best) > _plausibility(utf8) + _UTF8_MARGIN:
                return best
        return utf8
    if utf16 and len(data) % 2 == 0:  # UTF-16 without a BOM and without ASCII (hence without NULs)
        candidates += [t for t in (_try_decode(data, "utf-16-le"), _try_decode(data, "utf-16-be")) if t]
    if not candidates:
        if _control_share(data) > _BINARY_SHARE:
            raise InputError(origin, "binary file, not text")
        raise InputError(origin, _TRIED)
    return max(candidates, key=_plausibility)  # ties: the first, GB18030


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        cut = e.reason == "unexpected end of data" and e.start >= len(data) - 3
        if cut and not data[: e.start].isascii():
            # UTF-8 cut inside its last character (head -c, a truncated download)
            return data[: e.start].decode("utf-8")
    return None


#: legacy Chinese encodings in order of preference on a tie; cp950 is Big5 as Windows writes it
_LEGACY = ("gb18030", "cp950", "big5hkscs")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_utf16_by_nuls(data: bytes) -> tuple[str | None, float]:
    """UTF-16 without a BOM: ASCII characters put their NUL bytes all on one side.

    Returns the strict UTF-16 reading (None if the NULs are not one-sided or
    it fails) and the share of 2-byte units with a NUL on that side.
    """
    if len(data) % 2:
        return None, 0.0
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # CJK code points such as U+4E00 一 put a NUL on the other side too, but rarely
    if odd > 4 * even:
        encoding, nuls = "utf-16-le", odd
    elif even > 4 * odd:
        encoding, nuls = "utf-16-be", even
    else:
        return None, 0.0
    return _try_decode(data, encoding), nuls / (len(data) // 2)


def _control_share(data: bytes) -> float:
    """Share of C0 control bytes other than the usual ones (never part of a UTF-8/GB/Big5 character)."""
    if not data:
        return 0.0
    sample = data[: 1 << 20]
    controls = sum(sample.count(bytes([b])) for b in range(32) if chr(b) not in _ALLOWED_CONTROLS)
    controls += sample.count(b"\x7f")
    return controls / len(sample)


def _looks_binary(text: str) -> bool:
    """Decoded text that is mostly control characters (or holds NULs) is not a text file."""
    sample = text[: 1 << 20]
    if "\x00" in sample:
        return True
    if sample.isascii() and sample.isprintable():
        return False
    controls = sum(n for ch, n in Counter(sample).items() if _is_control(ch))
    return controls > _BINARY_SHARE * len(sample)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS


_SAMPLE = 200_000


def _plausibility(text: str) -> float:
    """How much ``text`` looks like Chinese: mean score of its non-ASCII characters.

    Frequent characters score near 1 (frequencies from jieba's dictionary, its
    simplified characters' traditional forms counting as frequent too); rare
    ideographs 0; punctuation a little; kana, Hangul, box drawing and such a
    penalty; private-use, unassigned and control characters a larger one. A
    mis-decoded text is a spread of rare and odd characters, so this tells
    GB18030 from Big5 even on a few words, where byte statistics cannot.
    """
    counts = Counter(text[:_SAMPLE])
    weights = _char_weights()
    total = score = 0.0
    for ch, n in counts.items():
        if ch < "\x80":
            continue
        total += n
        score += n * _char_score(ch, weights)
    return score / total if total else 0.0


def _char_score(ch: str, weights: dict[str, float]) -> float:
    weight = weights.get(ch)
    if weight is not None:
        return weight
    if ch in _CHINESE_PUNCTUATION:
        return 0.5
    if _is_common_letter(ch):
        return 0.0  # café, pinyin wǎng, Greek, Cyrillic: Chinese text quotes them at times
    category = unicodedata.category(ch)
    if category == "Cf":
        return 0.0  # zero-width spaces and joiners
    if category in ("Co", "Cn", "Cs", "Cc"):
        return -1.0
    if category == "Lo" and "\u3400" <= ch <= "\u9fff":
        return 0.0  # a rare ideograph: possible, not evidence
    if category[0] in "PZN":  # other punctuation, spaces and digits: neutral
        return 0.0
    return -0.5


def _is_common_letter(ch: str) -> bool:
    """Accented Latin (Latin-1, Latin Extended-A, pinyin tone marks), basic Greek and Cyrillic."""
    return (
        ("\u00c0" <= ch <= "\u017f" and ch not in "\u00d7\u00f7")
        or ch in "\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc"
        or "\u0391" <= ch <= "\u03c9"
        or "\u0400" <= ch <= "\u045f"
    )


def _is_odd_in_utf8(ch: str) -> bool:
    """A two-byte UTF-8 character that real text rarely holds but GBK/Big5 bytes decode to."""
    return "\u0080" <= ch < "\u0800" and not (_is_common_letter(ch) or "\u00a0" <= ch <= "\u00bf")


_CHINESE_PUNCTUATION = frozenset(
    "\u3000\u3001\u3002\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011\u3008\u3009"
    "\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII forms
)


@functools.cache
def _char_weights() -> dict[str, float]:
    """Character -> weight in (0, 1], from jieba's word frequencies (log-scaled)."""
    counts: dict[str, int] = {}
    path = _jieba_dictionary()
    if path is not None:
        with open(path, encoding="utf-8") as f:
            for line in f:
                word, _, rest = line.partition(" ")
                freq = int(rest.split(" ", 1)[0] or 0)
                for ch in word:
                    if ch >= "\u3400":
                        counts[ch] = counts.get(ch, 0) + freq
    if not counts:
        return {}
    _add_traditional_forms(counts)
    top = math.log(max(counts.values()) + 1)
    return {ch: max(math.log(n + 1) / top, 0.05) for ch, n in counts.items()}


def _jieba_dictionary() -> Path | None:
    """jieba's ``dict.txt``, found without importing jieba (whose import is slow and noisy)."""
    try:
        spec = importlib.util.find_spec("jieba")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


def _add_traditional_forms(counts: dict[str, int]) -> None:
    """Give each simplified character's traditional form its frequency (Big5 text is traditional)."""
    try:
        import opencc
    except ImportError:
        return
    chars = [ch for ch in counts if "\u4e00" <= ch <= "\u9fff"]
    converted = opencc.OpenCC("s2t").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return
    for simplified, traditional in zip(chars, converted, strict=True):
        if len(traditional) == 1 and traditional != simplified:
            counts[traditional] = max(counts.get(traditional, 0), counts[simplified])


# --------------------------------------------------------------------------- Markdown

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*))?$")
_SETEXT = re.compile(r" {0,3}=+[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^([ \t]*)[-*+][ \t]+(?:\[[ xX]\][ \t]+)?")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\]\n]+\]:[ \t]*(.*)$")
_REFERENCE_DEF = re.compile(
    r" {0,3}\[[^\]\n]+\]:[ \t]*(?:<[^<>\n]*>|[!-~]+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"
)
_TABLE_SEPARATOR = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_PIPE = re.compile(r"(?<!\\)\|")

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)([^`\n]+)\1(?!`)")  # tried at the start of a run only
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    # bracket texts exclude "[" so that a line of unclosed "[" costs linear time
    (re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)"), ""),  # image
    (re.compile(r"!\[[^\[\]\n]*\]\[[^\[\]\n]*\]"), ""),  # reference image
    (re.compile(r"\[\^[^\[\]\n]+\]"), ""),  # footnote mark
    (re.compile(r"(?<!\\)\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)"), r"\1"),  # link
    (re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"), r"\1"),  # reference link
    (re.compile(r"<((?:https?|ftp)://[^<>\s]+)>", re.IGNORECASE), r"\1"),  # autolink
    (re.compile(r"<([^<>\s@]+@[^<>\s@.]+(?:\.[^<>\s@.]+)+)>"), r"\1"),  # e-mail autolink
    (re.compile(r"<br\s*/?>|</(?:p|div|li|tr|h[1-6]|table|ul|ol|blockquote)\s*>", re.IGNORECASE), "\n"),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), ""),  # other HTML tags
    (re.compile(r"(?<!\\)\*\*(?=\S)([^*\n]+?)(?<=\S)(?<!\\)\*\*"), r"\1"),
    (re.compile(r"(?<![\w\\])__(?=\S)([^_\n]+?)(?<=\S)(?<!\\)__(?!\w)"), r"\1"),
    (re.compile(r"(?<!\\)\*(?=\S)([^*\n]+?)(?<=\S)(?<!\\)\*"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=\S)([^_\n]+?)(?<=\S)(?<!\\)_(?!\w)"), r"\1"),
    (re.compile(r"(?<!\\)~~(?=\S)([^~\n]+?)(?<=\S)~~"), r"\1"),
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _inline(line: str) -> str:
    """Inline markup of one line; code spans are kept as written, without backticks."""
    parts = _CODE_SPAN.split(line)
    out: list[str] = []
    for i in range(0, len(parts), 3):
        segment = parts[i]
        if any(c in segment for c in "[<*_~"):
            for pattern, replacement in _INLINE:
                segment = pattern.sub(replacement, segment)
        if "&" in segment:
            segment = html.unescape(segment)
        out.append(_ESCAPE.sub(r"\1", segment))
        if i + 2 < len(parts):
            out.append(parts[i + 2])
    return "".join(out)


def _heading_text(content: str) -> str:
    """An ATX heading's text without its optional closing ``#``s (string ops: no backtracking)."""
    content = content.rstrip(" \t")
    bare = content.rstrip("#")
    if bare != content and (not bare or bare[-1] in " \t"):
        return bare.rstrip(" \t")
    return content


def _strip_html_comments(text: str) -> str:
    """Remove ``<!-- … -->`` (across lines too), with find() so it stays linear."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        pos = end + 3


def _table_rows(lines: list[str]) -> set[int]:
    """Indices of table lines: a header row, its ``|---|`` separator and the rows up to a blank line."""
    rows: set[int] = set()
    for i, line in enumerate(lines):
        if "|" in line and "-" in line and i > 0 and "|" in lines[i - 1] and _TABLE_SEPARATOR.match(line):
            rows.update((i - 1, i))
            j = i + 1
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.add(j)
                j += 1
    return rows
