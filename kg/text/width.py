"""Width: full-width Latin letters, digits and a few symbols folded to ASCII.

Two foldings, on purpose different: :func:`fold_width` is the ``clean`` step and
the lexicon's, and keeps full-width CJK punctuation (the correct form in Chinese
text); :func:`fold_full_width` folds every full-width ASCII form, punctuation
included, as IRI keys do (SPEC "IRIs").
"""

from __future__ import annotations

import re

__all__ = ["fold_full_width", "fold_width"]

# Full-width forms folded to ASCII. Full-width CJK punctuation (，！？：；（）
# and the like) is *not* in the table: it is the correct form in Chinese text,
# and plain NFKC would wrongly turn it into ASCII.
_FOLD_SYMBOLS = "\uff05\uff0b\uff0d\uff0e\uff0f\uff20\uff03\uff06\uff3f"  # full-width % + - . / @ # & _
_FOLD_TABLE: dict[int, str] = {0x3000: " "}
for _code in range(0xFF10, 0xFF1A):  # full-width digits
    _FOLD_TABLE[_code] = chr(_code - 0xFEE0)
for _code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # full-width letters
    _FOLD_TABLE[_code] = chr(_code - 0xFEE0)
for _sym in _FOLD_SYMBOLS:
    _FOLD_TABLE[ord(_sym)] = chr(ord(_sym) - 0xFEE0)
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD_TABLE)) + "]")


def fold_width(text: str) -> str:
    """Fold full-width Latin letters, digits and ``% + - . / @ # & _`` to ASCII.

    Full-width ``5G`` and ``AI`` (U+FF15 U+FF27, U+FF21 U+FF29) must meet the
    lexicon's ASCII ``5G`` and ``AI``; the ideographic space becomes a plain
    space. Full-width CJK punctuation is kept, unlike NFKC, which would turn
    ``，！？：；（）`` into ASCII.

    >>> fold_width("\uff15\uff27\uff0b\uff21\uff29，增长\uff11\uff18\uff0e\uff13％！")
    '5G+AI，增长18.3%！'
    >>> fold_width("（完）")
    '（完）'
    """
    if not _FOLD_RE.search(text):
        return text
    return _FOLD_RE.sub(lambda m: _FOLD_TABLE[ord(m.group())], text)


#: every full-width ASCII form (U+FF01-FF5E, punctuation included) to its ASCII character
FULL_WIDTH_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold_full_width(text: str) -> str:
    """Every full-width ASCII form (letters, digits and punctuation) and the ideographic space to ASCII.

    >>> fold_full_width("工业（４.０）　ＡＩ")
    '工业(4.0) AI'
    """
    return text.translate(FULL_WIDTH_ASCII)
