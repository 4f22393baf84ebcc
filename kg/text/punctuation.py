"""ASCII punctuation in Chinese context made full-width (``,`` -> ``，``, ``()`` -> ``（）``).

Many pipelines write ``,`` ``!`` ``?`` ``:`` ``;`` ``()`` between Chinese
characters; sentence splitting and clause cues expect ``，！？：；（）``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kg.text.chars import HAN as _HAN
from kg.text.chars import HAN_RE as _HAN_RE
from kg.text.chars import ZH as _ZH
from kg.text.chars import is_zh as _is_zh

__all__ = ["fix_punctuation"]

_FULL = {",": "，", "!": "！", "?": "？", ":": "：", ";": "；", "(": "（", ")": "）"}
_PROTECTED_RE = re.compile(
    r"(?:https?|ftp)://[^\s<>\"'\u3000-\u303f\uff00-\uffef" + _HAN + r"]+"
    r"|www\.[A-Za-z0-9-]+\.[^\s<>\"'\u3000-\u303f\uff00-\uffef" + _HAN + r"]+"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
_PUNCT_RE = re.compile(r"[!?]+|[,:;]")
_PUNCT_PRECHECK = re.compile(f"[{_ZH}][,!?:;]|[,!?:;][{_ZH}]|[()]")
_BRACKET_RE = re.compile(r"[()（）\n]")
_MAX_BRACKET_SPAN = 200
_MAX_BRACKET_DEPTH = 64
_QUOTES = "“”\u2018\u2019\"'"


def _neighbour(text: str, i: int, step: int) -> str:
    """The character beside position ``i`` (step -1: before, +1: after), looking past quotes."""
    j = i + step
    for _ in range(2):  # “数据”, and ”, the quote is not the context: what it closes is
        if 0 <= j < len(text) and text[j] in _QUOTES:
            j += step
    return text[j] if 0 <= j < len(text) else ""


def _protected_spans(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of URLs and e-mail addresses, whose punctuation is theirs."""
    if "://" not in text and "www." not in text and "@" not in text:
        return [], []
    starts: list[int] = []
    ends: list[int] = []
    for m in _PROTECTED_RE.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)'":
            end -= 1
        starts.append(m.start())
        ends.append(end)
    return starts, ends


def _inside(spans: tuple[list[int], list[int]], i: int) -> bool:
    starts, ends = spans
    k = bisect_right(starts, i) - 1
    return k >= 0 and i < ends[k]

_Spans = tuple[list[int], list[int]]
_Edits = dict[int, tuple[int, str]]  # start -> (end, replacement)


def fix_punctuation(text: str) -> str:
    """Turn ASCII punctuation in Chinese context into its full-width form.

    Many pipelines write ``,`` ``!`` ``?`` ``:`` ``;`` ``()`` between Chinese
    characters; sentence splitting and clause cues expect ``，！？：；（）``. A
    mark changes only when it touches Chinese text (a bracket pair also when it
    holds Chinese); numbers (``1,000``, ``10:30``), URLs, e-mail addresses and
    Latin text keep theirs, and spaces after a changed mark before Chinese go.

    >>> fix_punctuation("方面,國內(nèi)!人工智能(AI)在10:30發布1,000個")
    '方面，國內（nèi）！人工智能（AI）在10:30發布1,000個'
    >>> fix_punctuation("Hello, world! See https://a.b/c?d=1 (v1.2)")
    'Hello, world! See https://a.b/c?d=1 (v1.2)'
    """
    if not _PUNCT_PRECHECK.search(text):
        return text
    spans = _protected_spans(text)
    edits: _Edits = {}
    _mark_edits(text, spans, edits)
    if "(" in text or ")" in text:
        _bracket_edits(text, spans, edits)
    if not edits:
        return text
    return _apply(text, edits)


def _mark_edits(text: str, spans: _Spans, edits: _Edits) -> None:
    """Full-width forms of the marks ``, ! ? : ;`` that touch Chinese text (and the spaces after them)."""
    for m in _PUNCT_RE.finditer(text):
        i, j = m.start(), m.end()
        if _inside(spans, i):
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, j - 1, 1)
        if not (_is_zh(before) or _is_zh(after)):
            continue
        mark = m.group()
        if _keeps_ascii(text, mark, i, before, after):
            continue
        end = j
        while end < len(text) and text[end] == " ":
            end += 1
        if end == j or not _is_zh(text[end : end + 1]):
            end = j
        edits[i] = (end, "".join(_FULL[c] for c in mark))


def _keeps_ascii(text: str, mark: str, i: int, before: str, after: str) -> bool:
    """A mark in Chinese context that is not punctuation: ``1,000``, ``10:30``, ``&amp;``, ``!=``."""
    if mark in ",:" and before.isdigit() and after.isdigit():
        return True  # 1,000 and 10:30
    if mark == ";" and re.search(r"&#?[A-Za-z0-9]+$", text[max(0, i - 10) : i]):
        return True  # an HTML entity
    return mark[-1] == "!" and after == "="  # !=


def _bracket_edits(text: str, spans: _Spans, edits: _Edits) -> None:
    """Full-width forms of the ASCII brackets of each pair (on one line) that is Chinese."""
    stack: list[int] = []
    for m in _BRACKET_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
            stack.clear()
        elif ch in "(（":
            if len(stack) >= _MAX_BRACKET_DEPTH:
                del stack[0]
            stack.append(i)
        elif stack:
            o = stack.pop()
            if (text[o], ch) == ("（", "）") or _inside(spans, o) or i - o > _MAX_BRACKET_SPAN:
                continue
            if _chinese_pair(text, o, i):
                if text[o] == "(":
                    edits[o] = (o + 1, "（")
                if ch == ")":
                    edits[i] = (i + 1, "）")


def _chinese_pair(text: str, o: int, i: int) -> bool:
    """Whether the brackets at ``o`` and ``i`` enclose a Chinese aside (or one of them is full-width)."""
    before = text[o - 1 : o]
    after = text[i + 1 : i + 2]
    # `f(x)的`, `Transformer (GPT)，`: an aside that follows Latin text is Latin
    latin_before = text[max(0, o - 3) : o].rstrip(" ")[-1:]
    return (
        _is_zh(before)
        or (_is_zh(after) and not (latin_before.isascii() and latin_before.isalnum()))
        or _HAN_RE.search(text, o + 1, i) is not None
        or text[o] == "（"
        or text[i] == "）"
    )


def _apply(text: str, edits: _Edits) -> str:
    """``text`` with the edits made, left to right; an edit inside an earlier one is dropped."""
    parts: list[str] = []
    last = 0
    for start in sorted(edits):
        if start < last:
            continue
        end, replacement = edits[start]
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)
