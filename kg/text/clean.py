"""``clean``: the ordered steps that make dirty Chinese text readable.

Scraped Chinese articles arrive with defects a careful reader silently repairs:
a pinyin annotation after characters (``網(wǎng)``), ASCII punctuation between
Chinese characters, full-width Latin letters and digits, GBK mis-decodings
where a lead byte was dropped (``!辟R晗`` for ``！”賀晗``), zero-width and
control characters. Each step is a pure ``str -> str`` function of its input,
linear in its length, that returns its input unchanged (the same object) when a
cheap pre-check finds nothing to do; :data:`STEPS` is their order, and a new
repair goes in its own module and into that list. Script is not changed here:
the cleaned text keeps the source's script (see :mod:`kg.text.script`).

>>> clean("在AI基礎(chǔ)設(shè)施方面,國內(nèi)還存在差距")
'在AI基礎設施方面，國內還存在差距'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from kg.text.mojibake import repair_gbk_mojibake
from kg.text.pinyin import strip_pinyin
from kg.text.punctuation import fix_punctuation
from kg.text.spaces import collapse_spaces, drop_invisible, unify_newlines
from kg.text.surrogates import drop_lone_surrogates
from kg.text.width import fold_width

__all__ = ["STEPS", "clean", "compose"]


def compose(text: str) -> str:
    """Unicode NFC (a base letter and its combining mark as one character).

    >>> compose("e\\u0301") == "\\u00e9"
    True
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


#: the steps of :func:`clean`, in order: Unicode first (surrogate halves, NFC, line ends, invisible
#: characters), then width, pinyin, the mojibake repair, punctuation and spaces. Each step sees what the
#: earlier ones left (the repair re-encodes the text around a spot to GBK), so a change of order is a
#: change of output, to be checked on the reference builds
STEPS: tuple[Callable[[str], str], ...] = (
    drop_lone_surrogates,
    compose,
    unify_newlines,
    drop_invisible,
    fold_width,
    strip_pinyin,
    repair_gbk_mojibake,
    fix_punctuation,
    collapse_spaces,
)


def clean(text: str) -> str:
    """Normalise a raw article: the steps a careful human reader applies silently.

    Surrogate halves (from ``\\ud83d`` escapes) joined or dropped; NFC;
    newlines unified; zero-width and control characters dropped; full-width
    ASCII folded; pinyin annotations stripped; GBK mojibake repaired; ASCII
    punctuation in Chinese context made full-width; runs of spaces and tabs
    collapsed (single spaces kept: ``Unity 中国``), spaces at line ends and
    letter-spaced headings (``数 字 经 济``) removed. Newlines are kept.

    >>> clean("“與實體經濟是分不開的!辟R晗指出\\u200b。\\r\\n數 字 經 濟  \\uff15\\uff27")
    '“與實體經濟是分不開的！”賀晗指出。\\n數字經濟 5G'
    """
    for step in STEPS:
        text = step(text)
    return text
