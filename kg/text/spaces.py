"""White space, line ends and invisible characters: the layout steps of ``clean``.

Each step returns its input unchanged (the same object) when a cheap check
finds nothing to do.
"""

from __future__ import annotations

import re

from kg.text.chars import HAN as _HAN

__all__ = ["collapse_spaces", "drop_invisible", "unify_newlines"]

# Zero-width and bidirectional format characters, the soft hyphen, the BOM, C0
# controls other than tab and newline, and C1 controls.
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_NEWLINE_RE = re.compile("\r\n?|[\u2028\u2029\x85]")
_SPACE_RUN_RE = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f]")
_EDGE_SPACE_RE = re.compile("^ +| +$", re.MULTILINE)
# Four or more single Han characters each separated by one space: letter-spaced layout.
_SPACED_HAN_RE = re.compile(f"(?<![{_HAN}])(?<![{_HAN}] )[{_HAN}](?: [{_HAN}](?![{_HAN}])){{3,}}+")


def unify_newlines(text: str) -> str:
    r"""Every line end (``\r\n``, ``\r``, U+2028, U+2029, NEL) as ``\n``.

    >>> unify_newlines("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    if "\r" in text or _NEWLINE_RE.search(text):
        text = _NEWLINE_RE.sub("\n", text)
    return text


def drop_invisible(text: str) -> str:
    """Zero-width and bidirectional format characters, the soft hyphen, the BOM and control
    characters other than tab and newline, removed.

    >>> drop_invisible("数字\\u200b经济\\ufeff")
    '数字经济'
    """
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    return text


def collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs as one space (a single space stays: ``Unity 中国``), no spaces at
    line ends, letter-spaced Han (``数 字 经 济``) joined.

    >>> collapse_spaces("  數 字 經 濟  Unity 中国 \\n")
    '數字經濟 Unity 中国\\n'
    """
    if _SPACE_RUN_RE.search(text):
        text = _SPACE_RUN_RE.sub(" ", text)
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = _EDGE_SPACE_RE.sub("", text)
    if _SPACED_HAN_RE.search(text):
        text = _SPACED_HAN_RE.sub(lambda m: m.group().replace(" ", ""), text)
    return text
