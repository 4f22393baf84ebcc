"""jieba's dictionary (``dict.txt``), read once per process for the two models built on it.

Both the word model of the mojibake repair (:mod:`kg.text.wordmodel`) and the
character model of encoding detection (:mod:`kg.io.encoding`) are word
frequencies of jieba's dictionary; this module finds the file without
importing jieba (whose import is slow and noisy), reads it in one pass on first
use and keeps what both need. (The segmenter's ``jieba.Tokenizer`` loads the
same file by itself, through jieba's own cache.)
"""

from __future__ import annotations

import functools
import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MAX_WORD", "Frequencies", "dictionary_path", "frequencies"]

#: longest dictionary word the word model looks up
MAX_WORD = 5


@dataclass(frozen=True, slots=True)
class Frequencies:
    """What zhkg takes from jieba's dictionary."""

    #: word of at most :data:`MAX_WORD` characters -> natural-log probability among those words;
    #: ``""`` stands for an unknown Han character (half a count)
    word_logp: dict[str, float]
    #: character from U+3400 on -> summed frequency of the words (of any length) it is in
    char_counts: dict[str, int]


def dictionary_path() -> Path | None:
    """jieba's ``dict.txt``, found without importing jieba; None where jieba is not installed."""
    try:
        spec = importlib.util.find_spec("jieba")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


@functools.cache
def frequencies() -> Frequencies:
    """The word and character frequencies of jieba's dictionary, read on first use, once per process.

    Each line is ``word frequency [tag]``. Raises :class:`ModuleNotFoundError`
    where jieba (and so its dictionary) is not installed.
    """
    path = dictionary_path()
    if path is None:
        raise ModuleNotFoundError("zhkg needs jieba's dictionary: pip install jieba")
    words: dict[str, int] = {}
    chars: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            word = parts[0]
            field = parts[1] if len(parts) >= 2 else ""
            if len(word) <= MAX_WORD and field.isdigit():
                words[word] = words.get(word, 0) + int(field)
            try:
                freq = int(field or 0)
            except ValueError:
                continue
            for ch in word:
                if ch >= "\u3400":
                    chars[ch] = chars.get(ch, 0) + freq
    total = sum(words.values())
    logp = {w: math.log(f / total) for w, f in words.items() if f > 0}
    logp[""] = math.log(0.5 / total)  # an unknown Han character
    return Frequencies(logp, chars)
