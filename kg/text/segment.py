"""Sentences and tokens with character offsets.

Sentence splitting works on the cleaned source-script text (the evidence);
tokens come from the simplified form of each sentence. A :class:`Segmenter`
turns text into tokens; :class:`JiebaSegmenter` owns one ``jieba.Tokenizer`` of
zhkg's own (never jieba's global one) loaded with the lexicon's words, so user
words never leak between builds or tests.
"""

from __future__ import annotations

import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kg.types import Token

#: sentence-final punctuation (after normalisation ASCII ! ? ; between Chinese are full-width)
TERMINATORS = frozenset("。！？；!?;")
OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "﹁": "﹂"}
CLOSE_QUOTES = frozenset(OPEN_QUOTES.values())
#: longest sentence the splitter emits; longer runs are cut at a comma or a hard limit
MAX_SENTENCE = 400
#: an unclosed quote longer than this is treated as a stray mark, not a quotation
MAX_OPEN_QUOTE = 600
_SOFT_BREAKS = "，,、：: "


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence as a slice of the document text."""

    start: int
    end: int
    paragraph: int
    heading: bool


def split_sentences(text: str, attribution: Callable[[str], bool] | None = None) -> list[Span]:
    """Split ``text`` into sentences: at 。！？； and line breaks, never inside “…”.

    A quotation ending in a terminator ends the sentence at its closing mark,
    unless a short attribution follows (``“……！”贺晗指出。``): ``attribution``
    says whether such a tail names a speaker (the claim cue verbs), which then stays in the sentence.

    >>> t = "数字经济很重要。“数据是要素！”贺晗指出。他说：“好。”"
    >>> import re
    >>> [t[s.start:s.end] for s in split_sentences(t, re.compile("指出|说").search)]
    ['数字经济很重要。', '“数据是要素！”贺晗指出。', '他说：“好。”']
    """
    spans: list[Span] = []
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped:
            offset = pos + (len(line) - len(line.lstrip()))
            spans.extend(_split_line(stripped, offset, paragraph, attribution))
        pos += len(line) + 1
    return spans


def _quote_ends(line: str) -> dict[int, int]:
    """Map each opening quote's index to its closing index (unclosed: end of line, if short)."""
    ends: dict[int, int] = {}
    stack: list[tuple[int, str]] = []
    for i, ch in enumerate(line):
        if ch in OPEN_QUOTES:
            stack.append((i, OPEN_QUOTES[ch]))
        elif ch in CLOSE_QUOTES:
            while stack:
                start, want = stack.pop()
                if want == ch:
                    ends[start] = i
                    break
    for start, _ in stack:  # unclosed quotes: to the end of the paragraph if that is near
        if len(line) - start <= MAX_OPEN_QUOTE:
            ends[start] = len(line) - 1
    return ends


def _split_line(
    line: str, offset: int, paragraph: int, attribution: Callable[[str], bool] | None
) -> Iterator[Span]:
    ends = _quote_ends(line)
    n = len(line)
    start = 0
    i = 0
    quote_end = -1
    while i < n:
        ch = line[i]
        if i > quote_end and i in ends:
            quote_end = ends[i]
            # a quotation that closes on a terminator may end the sentence
            close = quote_end
            if close > i and line[close] in CLOSE_QUOTES and line[close - 1] in TERMINATORS:
                tail_end = _attribution_end(line, close + 1, attribution)
                cut = tail_end if tail_end is not None else close + 1
                yield from _emit(line, start, cut, offset, paragraph)
                start = cut
                i = cut
                quote_end = -1
                continue
            i += 1
            continue
        if i > quote_end and ch in TERMINATORS:
            j = i + 1
            while j < n and (line[j] in TERMINATORS or line[j] in "…"):
                j += 1
            # a closing bracket right after the terminator belongs to the sentence
            while j < n and line[j] in "）)":
                j += 1
            yield from _emit(line, start, j, offset, paragraph)
            start = i = j
            continue
        i += 1
    if start < n:
        yield from _emit(line, start, n, offset, paragraph)


def _attribution_end(line: str, begin: int, attribution: Callable[[str], bool] | None) -> int | None:
    """If ``line[begin:]`` is a short attribution up to a terminator, its end."""
    if attribution is None:
        return None
    for j in range(begin, min(len(line), begin + 40)):
        ch = line[j]
        if ch in OPEN_QUOTES or ch in CLOSE_QUOTES:
            return None
        if ch in TERMINATORS:
            tail = line[begin:j]
            return j + 1 if tail.strip() and attribution(tail) else None
    return None


def _emit(line: str, start: int, end: int, offset: int, paragraph: int) -> Iterator[Span]:
    """Yield the sentence ``line[start:end]`` trimmed, cut into pieces of at most MAX_SENTENCE."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    whole_line = start == 0 and end == len(line)
    heading = whole_line and line[end - 1] not in TERMINATORS and line[end - 1] not in CLOSE_QUOTES
    while end - start > MAX_SENTENCE:
        cut = max(line.rfind(c, start + MAX_SENTENCE // 2, start + MAX_SENTENCE) for c in _SOFT_BREAKS)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        yield Span(offset + start, offset + cut, paragraph, False)
        start = cut
        heading = False
    yield Span(offset + start, offset + end, paragraph, heading and end - start <= 60)


def cache_dir() -> Path:
    """A folder of this user's own for caches: ``$XDG_CACHE_HOME/zhkg`` (``~/.cache/zhkg``), or, where that
    cannot be written, ``zhkg-<uid>`` in the temporary folder (made private to the user)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    for folder, mode in ((Path(base) / "zhkg", 0o755), (Path(tempfile.gettempdir()) / f"zhkg-{_uid()}", 0o700)):
        try:
            folder.mkdir(mode=mode, parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK | os.X_OK) and (folder.stat().st_uid == _uid() or mode == 0o755):
            return folder
    return Path(tempfile.mkdtemp(prefix="zhkg-"))


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else 0


class Segmenter(Protocol):
    """Turns a sentence into POS-tagged tokens; knows the lexicon's words."""

    name: str

    def add_words(self, words: Iterable[tuple[str, int | None, str | None]]) -> None: ...

    def tokens(self, text: str) -> list[Token]: ...


class JiebaSegmenter:
    """jieba POS segmentation with a private ``jieba.Tokenizer``.

    >>> seg = JiebaSegmenter()
    >>> seg.add_words([("数字产业化", None, "n")])
    >>> [t.text for t in seg.tokens("数字产业化是关键")][:2]
    ['数字产业化', '是']
    """

    name = "jieba"

    def __init__(self, hmm: bool = True) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import jieba
            import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        # jieba caches its parsed dictionary as one shared file in the temporary folder: a second user
        # cannot replace it (a traceback and a 9 MB stray temporary file at every build); each user gets one
        self._tokenizer.tmp_dir = str(cache_dir())
        self._tokenizer.initialize()
        self._pos = jieba.posseg.POSTokenizer(self._tokenizer)
        self.hmm = hmm

    @property
    def tokenizer(self):
        """The private ``jieba.Tokenizer`` (for tools such as ``jieba.analyse.TextRank``)."""
        return self._tokenizer

    def add_words(self, words: Iterable[tuple[str, int | None, str | None]]) -> None:
        """Add user words ``(word, freq or None, POS tag or None)``."""
        tok = self._tokenizer
        for word, freq, tag in words:
            if freq is None:
                # frequent enough that jieba keeps the word whole in most contexts
                freq = max(tok.suggest_freq(word, tune=False), 2000)
            tok.add_word(word, freq, tag)

    def tokens(self, text: str) -> list[Token]:
        """POS-tagged tokens of ``text`` with offsets into it."""
        out: list[Token] = []
        pos = 0
        for pair in self._pos.cut(text, HMM=self.hmm):
            word = pair.word
            out.append(Token(word, pos, pos + len(word), pair.flag))
            pos += len(word)
        return out
