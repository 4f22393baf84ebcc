"""Metadata of an input: ``# key: value`` header lines, YAML front matter, dates, URLs.

Values are kept as written except ``date`` (normalised to ``YYYY-MM-DD`` or
dropped) and a ``url`` and ``date`` taken from a ``source`` that carries them.
"""

from __future__ import annotations

import datetime as _dt
import re

__all__ = ["HEADER_KEYS", "RECORD_KEYS", "complete_metadata", "normalize_date", "split_front_matter", "split_header"]

#: metadata keys a text file may declare in its leading ``# key: value`` lines
HEADER_KEYS: tuple[str, ...] = ("source", "url", "title", "date", "author", "publisher")
#: optional string fields of a JSON Lines record besides ``text`` and ``id``
RECORD_KEYS: tuple[str, ...] = ("title", "url", "date", "source", "author", "publisher")


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



_HEADER_LINE = re.compile(rf"#[ \t]*({'|'.join(HEADER_KEYS)})[ \t]*[:：](.*)", re.IGNORECASE)
_DATE = re.compile(
    r"(?:(?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})"
    r"|(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2}))"
    r"(?!\d)"
)
_ISO_DATE_IN = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_URL_AT_START = re.compile(r"https?://[^\s<>\"'，。；、（）【】「」《》]+", re.IGNORECASE)


def complete_metadata(meta: dict[str, str]) -> dict[str, str]:
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


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
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
