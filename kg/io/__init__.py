"""Input: where text enters zhkg, the only package that touches input bytes.

- :mod:`kg.io.sources` — files, folders, JSON Lines and standard input as
  :class:`~kg.types.Document` (:func:`iter_documents`, :func:`read_text_file`),
  with their size limits;
- :mod:`kg.io.jsonl` — JSON Lines records (one document per line);
- :mod:`kg.io.encoding` — bytes to text (:func:`decode_bytes`): UTF-8, UTF-16,
  GB18030/GBK and Big5 told apart by a character model of Chinese;
- :mod:`kg.io.metadata` — ``# key: value`` headers, front matter, dates;
- :mod:`kg.io.markdown` — Markdown markup removed.

Everything public is importable from ``kg.io`` itself.
"""

from __future__ import annotations

from kg.io.encoding import InputWarning, WarningHandler, decode_bytes
from kg.io.markdown import strip_markdown
from kg.io.metadata import HEADER_KEYS, RECORD_KEYS, normalize_date, split_header
from kg.io.sources import (
    DIRECTORY_SUFFIXES,
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    MAX_CORPUS_BYTES,
    MAX_INPUT_BYTES,
    STDIN,
    STDIN_FORMATS,
    SkipHandler,
    iter_documents,
    read_text_file,
)
from kg.text.surrogates import scrub_surrogates

__all__ = [
    "DIRECTORY_SUFFIXES",
    "HEADER_KEYS",
    "JSONL_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "MAX_CORPUS_BYTES",
    "MAX_INPUT_BYTES",
    "RECORD_KEYS",
    "STDIN",
    "STDIN_FORMATS",
    "InputWarning",
    "SkipHandler",
    "WarningHandler",
    "decode_bytes",
    "iter_documents",
    "normalize_date",
    "read_text_file",
    "scrub_surrogates",
    "split_header",
    "strip_markdown",
]
