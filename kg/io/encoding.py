"""Bytes to text: the encoding of an input detected (UTF-8, UTF-16, GB18030/GBK, Big5), decoded strictly.

UTF-8 wins when it decodes; otherwise the candidate readings are compared by
a character model of Chinese (:func:`_plausibility`): character frequencies of
jieba's dictionary (:mod:`kg.text.dictionary`), traditional forms through
OpenCC (:mod:`kg.text.script`).
"""

from __future__ import annotations

import codecs
import functools
import math
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable

from kg.errors import InputError
from kg.text.dictionary import frequencies
from kg.text.script import convert

__all__ = ["InputWarning", "WarningHandler", "decode_bytes", "issue_warning"]


class InputWarning(UserWarning):
    """An input was read, but repaired on the way (e.g. stray NUL bytes removed)."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


WarningHandler = Callable[[InputWarning], None]


def issue_warning(warning: InputWarning) -> None:
    """The default ``on_warning``: a Python warning, which the CLI shows on standard error."""
    warnings.warn(warning, stacklevel=2)


def decode_bytes(data: bytes, origin: str, *, on_warning: WarningHandler | None = None) -> str:
    """Decode a file's bytes to text: detect the encoding, drop a BOM, use ``\\n`` line ends.

    Decoding is strict (a wrong guess fails rather than producing U+FFFD).
    UTF-8 wins when it decodes; otherwise GB18030 and Big5 (and BOM-less
    UTF-16) are decoded and the most plausible Chinese text is kept, judged by
    character frequencies (so short texts are told apart too). A few stray
    NUL bytes in otherwise valid text are removed, with an
    :class:`InputWarning` to ``on_warning`` (default :func:`warnings.warn`);
    only NULs on one side of the 2-byte units make BOM-less UTF-16.
    ``origin`` names the input in error messages.

    >>> decode_bytes("数字经济\\r\\n".encode("gb18030"), "a.txt")
    '数字经济\\n'
    >>> decode_bytes("數位經濟發展".encode("big5"), "b.txt")
    '數位經濟發展'
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "c.png")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: c.png: binary file, not text
    """
    text = _decode(data, origin, on_warning or issue_warning)
    if _looks_binary(text):
        raise InputError(origin, "binary file, not text")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text



_BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 is left out: FF FE 00 00 is also UTF-16 "\0"
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TRIED = "cannot detect its encoding: tried UTF-8, UTF-16, GB18030, Big5"
#: control characters a text file may hold (tab, line ends, form feed, escape, DOS end of file)
_ALLOWED_CONTROLS = frozenset("\t\n\r\v\f\x1a\x1b")
_BINARY_SHARE = 0.02
#: how much more plausible a GB18030/Big5 reading must be to beat a valid UTF-8 one
_UTF8_MARGIN = 0.3
#: BOM-less UTF-16 beyond doubt: NULs on one side of at least this share of the 2-byte units
_UTF16_NUL_SHARE = 0.5
#: NULs a text may hold by accident (a C string's end, a bad copy) and lose: this share of its bytes, at least one
_STRAY_NUL_SHARE = 0.02


def _decode(data: bytes, origin: str, warn: WarningHandler) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise InputError(origin, f"not valid {name}, though it starts with a {name} byte order mark") from None
    if b"\x00" in data:
        return _decode_with_nuls(data, origin, warn)
    return _decode_without_nuls(data, origin, utf16=True)


def _decode_with_nuls(data: bytes, origin: str, warn: WarningHandler) -> str:
    """Bytes with NULs: BOM-less UTF-16 if the NULs say so, else a text with a few stray NULs removed.

    UTF-16 of Chinese and ASCII puts a NUL in every ASCII unit, on one side;
    a UTF-8 (or GBK) text with one stray NUL would read as UTF-16 garbage
    just as strictly, so UTF-16 must either be beyond doubt or be clearly
    more Chinese than the text without its NULs (as in a short UTF-16 数字 with
    one line end, whose bytes without NULs are ASCII).
    """
    utf16, share = _decode_utf16_by_nuls(data)
    if utf16 is not None and share >= _UTF16_NUL_SHARE:
        return utf16
    nuls = data.count(0)
    stripped = None
    if nuls <= max(1, int(len(data) * _STRAY_NUL_SHARE)) and data.strip(b"\x00"):
        try:
            stripped = _decode_without_nuls(data.replace(b"\x00", b""), origin, utf16=False)
        except InputError:
            stripped = None
    if stripped is not None and not _looks_binary(stripped):
        if utf16 is None or _plausibility(utf16) <= _plausibility(stripped) + _UTF8_MARGIN:
            warn(InputWarning(origin, f"removed {nuls} NUL byte{'s' if nuls > 1 else ''}, which no text holds"))
            return stripped
    if utf16 is None:
        raise InputError(origin, "binary file, not text")
    return utf16


def _decode_without_nuls(data: bytes, origin: str, *, utf16: bool) -> str:
    """UTF-8, else the most plausible of GB18030, Big5 and (if ``utf16``) BOM-less UTF-16 without ASCII."""
    utf8 = _decode_utf8(data)
    if utf8 is not None and utf8.isascii():
        return utf8
    candidates = [text for text in (_try_decode(data, encoding) for encoding in _LEGACY) if text]
    if utf8 is not None:
        # Short GBK/Big5 text can be valid UTF-8 by chance (GBK 平台 reads U+01BD U+0328):
        # UTF-8 keeps the benefit of the doubt unless it holds such odd characters and a
        # legacy reading is clearly more Chinese.
        if candidates and any(_is_odd_in_utf8(ch) for ch in set(utf8[:_SAMPLE])):
            best = max(candidates, key=_plausibility)
            if _plausibility(best) > _plausibility(utf8) + _UTF8_MARGIN:
                return best
        return utf8
    if utf16 and len(data) % 2 == 0:  # UTF-16 without a BOM and without ASCII (hence without NULs)
        candidates += [t for t in (_try_decode(data, "utf-16-le"), _try_decode(data, "utf-16-be")) if t]
    if not candidates:
        if _control_share(data) > _BINARY_SHARE:
            raise InputError(origin, "binary file, not text")
        raise InputError(origin, _TRIED)
    return max(candidates, key=_plausibility)  # ties: the first, GB18030


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        cut = e.reason == "unexpected end of data" and e.start >= len(data) - 3
        if cut and not data[: e.start].isascii():
            # UTF-8 cut inside its last character (head -c, a truncated download)
            return data[: e.start].decode("utf-8")
    return None


#: legacy Chinese encodings in order of preference on a tie; cp950 is Big5 as Windows writes it
_LEGACY = ("gb18030", "cp950", "big5hkscs")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_utf16_by_nuls(data: bytes) -> tuple[str | None, float]:
    """UTF-16 without a BOM: ASCII characters put their NUL bytes all on one side.

    Returns the strict UTF-16 reading (None if the NULs are not one-sided or
    it fails) and the share of 2-byte units with a NUL on that side.
    """
    if len(data) % 2:
        return None, 0.0
    even, odd = data[0::2].count(0), data[1::2].count(0)
    # CJK code points such as U+4E00 一 put a NUL on the other side too, but rarely
    if odd > 4 * even:
        encoding, nuls = "utf-16-le", odd
    elif even > 4 * odd:
        encoding, nuls = "utf-16-be", even
    else:
        return None, 0.0
    return _try_decode(data, encoding), nuls / (len(data) // 2)


def _control_share(data: bytes) -> float:
    """Share of C0 control bytes other than the usual ones (never part of a UTF-8/GB/Big5 character)."""
    if not data:
        return 0.0
    sample = data[: 1 << 20]
    controls = sum(sample.count(bytes([b])) for b in range(32) if chr(b) not in _ALLOWED_CONTROLS)
    controls += sample.count(b"\x7f")
    return controls / len(sample)


def _looks_binary(text: str) -> bool:
    """Decoded text that is mostly control characters (or holds NULs) is not a text file."""
    sample = text[: 1 << 20]
    if "\x00" in sample:
        return True
    if sample.isascii() and sample.isprintable():
        return False
    controls = sum(n for ch, n in Counter(sample).items() if _is_control(ch))
    return controls > _BINARY_SHARE * len(sample)


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS


_SAMPLE = 200_000


def _plausibility(text: str) -> float:
    """How much ``text`` looks like Chinese: mean score of its non-ASCII characters.

    Frequent characters score near 1 (frequencies from jieba's dictionary, its
    simplified characters' traditional forms counting as frequent too); rare
    ideographs 0; punctuation a little; kana, Hangul, box drawing and such a
    penalty; private-use, unassigned and control characters a larger one. A
    mis-decoded text is a spread of rare and odd characters, so this tells
    GB18030 from Big5 even on a few words, where byte statistics cannot.
    """
    counts = Counter(text[:_SAMPLE])
    weights = _char_weights()
    total = score = 0.0
    for ch, n in counts.items():
        if ch < "\x80":
            continue
        total += n
        score += n * _char_score(ch, weights)
    return score / total if total else 0.0


def _char_score(ch: str, weights: dict[str, float]) -> float:
    weight = weights.get(ch)
    if weight is not None:
        return weight
    if ch in _CHINESE_PUNCTUATION:
        return 0.5
    if _is_common_letter(ch):
        return 0.0  # café, pinyin wǎng, Greek, Cyrillic: Chinese text quotes them at times
    category = unicodedata.category(ch)
    if category == "Cf":
        return 0.0  # zero-width spaces and joiners
    if category in ("Co", "Cn", "Cs", "Cc"):
        return -1.0
    if category == "Lo" and "\u3400" <= ch <= "\u9fff":
        return 0.0  # a rare ideograph: possible, not evidence
    if category[0] in "PZN":  # other punctuation, spaces and digits: neutral
        return 0.0
    return -0.5


def _is_common_letter(ch: str) -> bool:
    """Accented Latin (Latin-1, Latin Extended-A, pinyin tone marks), basic Greek and Cyrillic."""
    return (
        ("\u00c0" <= ch <= "\u017f" and ch not in "\u00d7\u00f7")
        or ch in "\u01ce\u01d0\u01d2\u01d4\u01d6\u01d8\u01da\u01dc"
        or "\u0391" <= ch <= "\u03c9"
        or "\u0400" <= ch <= "\u045f"
    )


def _is_odd_in_utf8(ch: str) -> bool:
    """A two-byte UTF-8 character that real text rarely holds but GBK/Big5 bytes decode to."""
    return "\u0080" <= ch < "\u0800" and not (_is_common_letter(ch) or "\u00a0" <= ch <= "\u00bf")


_CHINESE_PUNCTUATION = frozenset(
    "\u3000\u3001\u3002\u300a\u300b\u300c\u300d\u300e\u300f\u3010\u3011\u3008\u3009"
    "\u2018\u2019\u201c\u201d\u2026\u2014\u00b7"
    + "".join(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII forms
)


@functools.cache
def _char_weights() -> dict[str, float]:
    """Character -> weight in (0, 1], from jieba's word frequencies (log-scaled)."""
    try:
        counts = dict(frequencies().char_counts)  # a copy: traditional forms are added to it
    except ModuleNotFoundError:  # jieba, hence its dictionary, is missing
        return {}
    if not counts:
        return {}
    _add_traditional_forms(counts)
    top = math.log(max(counts.values()) + 1)
    return {ch: max(math.log(n + 1) / top, 0.05) for ch, n in counts.items()}


def _add_traditional_forms(counts: dict[str, int]) -> None:
    """Give each simplified character's traditional form its frequency (Big5 text is traditional)."""
    chars = [ch for ch in counts if "\u4e00" <= ch <= "\u9fff"]
    try:
        converted = convert("s2t", "\n".join(chars)).split("\n")
    except ImportError:  # OpenCC is missing
        return
    if len(converted) != len(chars):
        return
    for simplified, traditional in zip(chars, converted, strict=True):
        if len(traditional) == 1 and traditional != simplified:
            counts[traditional] = max(counts.get(traditional, 0), counts[simplified])
