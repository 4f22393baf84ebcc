"""A unigram word model of jieba's dictionary: how plausible a stretch of Chinese text is.

The GBK mojibake repair (:mod:`kg.text.mojibake`) compares candidate readings
by the log-probability of their best segmentation into dictionary words;
punctuation, Latin letters, digits and symbols get fixed scores. Words are
looked up in simplified script (:func:`for_scoring`), so traditional text is
scored by the same frequencies.
"""

from __future__ import annotations

import functools
import math

from kg.text.chars import HAN_RE, is_han
from kg.text.dictionary import MAX_WORD, frequencies
from kg.text.script import convert

__all__ = ["MAX_WORD", "backward", "char_logp", "for_scoring", "forward", "lexicon", "score"]

# Chinese punctuation, rated like words by how often news text uses it; other
# CJK symbols and full-width forms are rare.
_PUNCT_LOGP = {"，": -4.5, "。": -5.0, "、": -6.0, "“": -6.5, "”": -6.5, "：": -7.0, "；": -8.0, "！": -7.5}
_PUNCT_LOGP |= dict.fromkeys("？（）《》", -7.5) | dict.fromkeys("…—·「」", -8.5)
_SYMBOL_LOGP = -13.0
_LATIN_LOGP, _DIGIT_LOGP, _SPACE_LOGP, _ASCII_LOGP, _OTHER_LOGP = -10.0, -8.0, -6.0, -9.0, -16.0
# U+FFFD as it stands scores like a rare character: a repair must earn its gain
# from the text around it, not from making the replacement character go away.
_FFFD_LOGP = -12.0

Index = dict[str, tuple[tuple[str, float], ...]]


@functools.cache
def lexicon() -> tuple[dict[str, float], Index, Index]:
    """jieba's dictionary: word -> natural-log probability, and two indexes of its words.

    ``by_rest`` maps the characters after a word's first to (first character,
    log p), ``by_head`` the characters before its last to (last character,
    log p): they let the repair find a lost character from its neighbours.
    Built once per process, on first use, from :func:`kg.text.dictionary.frequencies`.
    """
    logp = frequencies().word_logp
    by_rest: dict[str, list[tuple[str, float]]] = {}
    by_head: dict[str, list[tuple[str, float]]] = {}
    for word, lp in logp.items():
        if len(word) >= 2:
            by_rest.setdefault(word[1:], []).append((word[0], lp))
            by_head.setdefault(word[:-1], []).append((word[-1], lp))
    return (
        logp,
        {rest: tuple(firsts) for rest, firsts in by_rest.items()},
        {head: tuple(lasts) for head, lasts in by_head.items()},
    )


def char_logp(ch: str, words: dict[str, float]) -> float:
    """Score of ``ch`` standing as a one-character token."""
    lp = words.get(ch)
    if lp is not None:
        return lp
    if is_han(ch):
        return words[""]
    if ch in _PUNCT_LOGP:
        return _PUNCT_LOGP[ch]
    if "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef":
        return _SYMBOL_LOGP
    if ch == "\ufffd":
        return _FFFD_LOGP
    if not ch.isascii():
        return _OTHER_LOGP
    if ch.isalpha():
        return _LATIN_LOGP
    if ch.isdigit():
        return _DIGIT_LOGP
    return _SPACE_LOGP if ch.isspace() else _ASCII_LOGP


def for_scoring(text: str) -> str:
    """Simplified form of ``text`` for dictionary look-ups, as long as ``text``."""
    if not HAN_RE.search(text):
        return text
    simplified = convert("t2s", text)
    return simplified if len(simplified) == len(text) else text


def forward(s: str, words: dict[str, float]) -> list[float]:
    """Best segmentation log-probability of every prefix ``s[:i]`` (unigram Viterbi)."""
    best = [0.0] + [-math.inf] * len(s)
    for i in range(len(s)):
        base = best[i]
        single = base + char_logp(s[i], words)
        if single > best[i + 1]:
            best[i + 1] = single
        for j in range(i + 2, min(len(s), i + MAX_WORD) + 1):
            lp = words.get(s[i:j])
            if lp is not None and base + lp > best[j]:
                best[j] = base + lp
    return best


def backward(s: str, words: dict[str, float]) -> list[float]:
    """Best segmentation log-probability of every suffix ``s[i:]``."""
    n = len(s)
    best = [-math.inf] * n + [0.0]
    for i in range(n - 1, -1, -1):
        score = char_logp(s[i], words) + best[i + 1]
        for j in range(i + 2, min(n, i + MAX_WORD) + 1):
            lp = words.get(s[i:j])
            if lp is not None and lp + best[j] > score:
                score = lp + best[j]
        best[i] = score
    return best


def score(text: str) -> float:
    """Log-probability of ``text`` under the unigram word model, best segmentation."""
    return forward(for_scoring(text), lexicon()[0])[-1]
