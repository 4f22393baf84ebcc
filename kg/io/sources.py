"""Inputs found and read into :class:`~kg.types.Document`: files, folders, JSON Lines, stdin.

Each INPUT is a text or Markdown file, a folder, a JSON Lines file or ``-``.
Bytes become text in :mod:`kg.io.encoding`, header lines and front matter
metadata in :mod:`kg.io.metadata`, Markdown plain text in
:mod:`kg.io.markdown`; nothing else is cleaned here (pinyin annotations,
mojibake and script are :mod:`kg.text`'s business), so the text keeps what the
file said. JSON Lines records are :mod:`kg.io.jsonl`'s (which scrubs surrogate
halves from JSON escapes where a record is read).

Every problem is an :class:`~kg.errors.InputError` whose one-line message
names the file (and the line, for JSON Lines). What is read but repaired (NUL
bytes removed) is an :class:`~kg.io.encoding.InputWarning`, passed to
``on_warning`` or else issued with :func:`warnings.warn`. Only regular files,
directories and standard input are read, and at most :data:`MAX_INPUT_BYTES`
of each.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError, UnknownNameError
from kg.io.encoding import WarningHandler, decode_bytes, issue_warning
from kg.io.jsonl import content_id, jsonl_documents, looks_like_json_lines
from kg.io.markdown import strip_markdown
from kg.io.metadata import complete_metadata, split_front_matter, split_header
from kg.options import STDIN_FORMATS
from kg.types import Document

__all__ = [
    "DIRECTORY_SUFFIXES",
    "JSONL_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "MAX_CORPUS_BYTES",
    "MAX_INPUT_BYTES",
    "STDIN",
    "STDIN_FORMATS",
    "iter_documents",
    "read_text_file",
]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: what a directory INPUT is searched for; other files are not ours to read
DIRECTORY_SUFFIXES = frozenset({".txt"}) | MARKDOWN_SUFFIXES | JSONL_SUFFIXES

STDIN = "-"
_STDIN_ORIGIN = "<stdin>"
# how standard input is read (kg.options.STDIN_FORMATS): ``auto`` takes it as JSON Lines when its first
# non-blank line is a JSON object with a ``"text"`` string, else as one text

#: the most bytes read from one input (a file, a JSON Lines file or standard input): 64 MiB, far
#: above any article (and about the most text one in-memory build handles), so that a runaway input
#: (endless standard input, a huge log, a file still growing) fails in one line instead of exhausting
#: memory; a larger corpus is split into several files
MAX_INPUT_BYTES = 64 * 1024 * 1024
#: the most read from a JSON Lines file or from standard input (which may hold JSON Lines): a corpus, not one text
MAX_CORPUS_BYTES = 1024 * 1024 * 1024



SkipHandler = Callable[[InputError], None]


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
    warn = on_warning or issue_warning
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
                          warn=on_warning or issue_warning)



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
        text, meta = split_front_matter(text)
    text, header = split_header(text)
    meta = complete_metadata({**header, **{k: v for k, v in meta.items() if k not in header}})
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
    if stdin_format == "jsonl" or (stdin_format == "auto" and looks_like_json_lines(decoded)):
        yield from jsonl_documents(decoded, _STDIN_ORIGIN, on_skip)
        return
    text, meta = _parse_text(decoded, _STDIN_ORIGIN, markdown=False)
    yield Document(text, id=content_id(text), origin=STDIN, **meta)


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
    yield from jsonl_documents(decode_bytes(data, origin, on_warning=warn), origin, on_skip)


def _trim_blank_lines(text: str) -> str:
    """Drop blank lines before the first and after the last line of text (indentation stays)."""
    text = text.rstrip()
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0 or text[start:end].strip():
            return text[start:]
        start = end + 1
