"""Small pure ``str -> str`` steps that make dirty Chinese text readable.

Scraped Chinese articles arrive with defects a careful reader silently repairs:
a pinyin annotation after characters (``網(wǎng)``), ASCII punctuation between
Chinese characters, full-width Latin letters and digits, GBK mis-decodings
where a lead byte was dropped (``!辟R晗`` for ``！”賀晗``), zero-width and
control characters, and traditional script. Each step here is a pure function
of its input, linear in its length, and returns its input unchanged (the same
object) when a cheap regular-expression pre-check finds nothing to do.

>>> clean("在AI基礎(chǔ)設(shè)施方面,國內(nèi)還存在差距")
'在AI基礎設施方面，國內還存在差距'
>>> to_simplified("國內")
'国内'
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import opencc

__all__ = [
    "clean",
    "fix_punctuation",
    "fold_width",
    "label_tag",
    "repair_gbk_mojibake",
    "script_of",
    "strip_pinyin",
    "to_simplified",
    "variant_of",
]

Script = Literal["Hans", "Hant"]
Variant = Literal["tw", "hk"]

# Han ideographs: CJK Unified Ideographs, extension A, compatibility ideographs,
# the supplementary planes' extensions B-H and their compatibility supplement.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]")
# Chinese context around punctuation: Han, CJK symbols and punctuation, full-width forms.
_ZH = _HAN + "\u3000-\u303f\uff00-\uffef"
_ZH_RE = re.compile(f"[{_ZH}]")


def _is_han(ch: str) -> bool:
    return bool(ch) and _HAN_RE.match(ch) is not None


def _is_zh(ch: str) -> bool:
    return bool(ch) and _ZH_RE.match(ch) is not None


# ---------------------------------------------------------------------------
# Width
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Pinyin annotations
# ---------------------------------------------------------------------------

# The standard pinyin syllable inventory, as initial -> the finals it takes
# (spelled as written after that initial: y/w syllables are spelled out, ü is
# written u after j, q, x and y). Interjections such as hm/hng are left out.
_FINALS_BY_INITIAL: dict[str, str] = {
    "": "a o e ai ei ao ou an en ang eng er m n ng",
    "b": "a o ai ei ao an en ang eng i ie iao ian in ing u",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng u",
    "d": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan un ü üe ue",
    "l": "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe ue",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "sh": "a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "e i ao ou an en ang eng ong u ua uo ui uan un",
    "z": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "s": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "y": "a o e ao ou an ang i in ing ong u ue uan un",
    "w": "a o ai ei an en ang eng u",
}
_TONE_MARKS: dict[str, str] = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
    "n": "\0ńňǹ",  # the syllabic nasals have no precomposed first tone
    "m": "\0ḿ\0\0",
}


def _place_tone(syllable: str, tone: int) -> str | None:
    """Write ``syllable`` with the mark of ``tone`` (1-4) on the vowel that takes it."""
    if "a" in syllable:
        at = syllable.index("a")
    elif "e" in syllable:
        at = syllable.index("e")
    elif "ou" in syllable:
        at = syllable.index("o")
    else:
        at = max(syllable.rfind(v) for v in "iouü")
        if at < 0:  # syllabic nasal: m, n, ng
            at = 0
    marked = _TONE_MARKS[syllable[at]][tone - 1]
    if marked == "\0":
        return None
    return syllable[:at] + marked + syllable[at + 1 :]


def _pinyin_inventory() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (toned, numbered, plain) spellings of every standard syllable."""
    plain = {ini + fin for ini, finals in _FINALS_BY_INITIAL.items() for fin in finals.split()}
    toned = {t for s in plain for tone in (1, 2, 3, 4) if (t := _place_tone(s, tone))}
    vowelled = {s for s in plain if s not in {"m", "n", "ng"}}
    spellings = vowelled | {s.replace("ü", "v") for s in vowelled}
    # one-letter syllables with a digit (o1, a2, e3) are model and product names far
    # more often than pinyin
    numbered = {s + str(tone) for s in spellings for tone in range(1, 6) if len(s) > 1}
    plain_all = frozenset(spellings)
    return frozenset(toned), frozenset(numbered), plain_all


_PINYIN_TONED, _PINYIN_NUMBERED, _PINYIN_PLAIN = _pinyin_inventory()
_PINYIN_CHARS = "a-z1-5üāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\u0300-\u030c"
# A parenthesised run of lowercase pinyin letters right after a Han character;
# the callback checks every syllable against the inventory.
_PINYIN_RE = re.compile(f"(?<=[{_HAN}])[(（]([{_PINYIN_CHARS}]{{1,8}}(?: [{_PINYIN_CHARS}]{{1,8}}){{0,7}})[)）]")
_PINYIN_PRECHECK = re.compile(f"[{_HAN}][(（][{_PINYIN_CHARS}]")
# Syllables with a tone number or no tone at all are stripped only in a text
# that shows the annotation habit: this many toned annotations, outnumbering the
# untoned ones 2 to 1.
_HABIT_MIN_TONED = 3


def _pinyin_kind(content: str) -> str | None:
    """How ``content`` reads as pinyin: every syllable ``"marked"`` with a tone mark,
    ``"numbered"`` (tone numbers, ``wang3``), one ``"plain"`` untoned syllable, or None."""
    parts = unicodedata.normalize("NFC", content).split(" ")
    if all(p in _PINYIN_TONED for p in parts):
        return "marked"
    if all(p in _PINYIN_TONED or p in _PINYIN_NUMBERED for p in parts):
        return "numbered"
    if len(parts) == 1 and parts[0] in _PINYIN_PLAIN:
        return "plain"
    return None


def strip_pinyin(text: str) -> str:
    """Remove pinyin annotations such as ``網(wǎng)`` that follow Han characters.

    Some news sites annotate every character their script conversion touched;
    left in, the annotations split words and poison every later step. Only a
    parenthesis of valid pinyin syllables right after a Han character goes:
    those with tone marks (``wǎng``, ``lǜ``) always; tone numbers (``wang3``)
    and an untoned syllable (``de``) only in a text that carries several toned
    annotations. Abbreviations, English words and Chinese asides stay.

    >>> strip_pinyin("中新網(wǎng)山西新聞 應（yīng）用")
    '中新網山西新聞 應用'
    >>> strip_pinyin("人工智能(AI)、元宇宙(metaverse)、(完)")
    '人工智能(AI)、元宇宙(metaverse)、(完)'
    """
    if not _PINYIN_PRECHECK.search(text):
        return text
    matches = list(_PINYIN_RE.finditer(text))
    if not matches:
        return text
    kinds = [_pinyin_kind(m.group(1)) for m in matches]
    toned = kinds.count("marked") + kinds.count("numbered")
    habit = toned >= _HABIT_MIN_TONED and toned >= 2 * kinds.count("plain")
    parts: list[str] = []
    last = 0
    for m, kind in zip(matches, kinds, strict=True):
        if kind == "marked" or (kind is not None and habit):
            parts.append(text[last : m.start()])
            last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# ---------------------------------------------------------------------------
# Plausibility model for the mojibake repair: word frequencies of jieba's dictionary
# ---------------------------------------------------------------------------

_MAX_WORD = 5  # longest dictionary word the scorer looks up
# Chinese punctuation, rated like words by how often news text uses it; other
# CJK symbols and full-width forms are rare.
_PUNCT_LOGP = {"，": -4.5, "。": -5.0, "、": -6.0, "“": -6.5, "”": -6.5, "：": -7.0, "；": -8.0, "！": -7.5}
_PUNCT_LOGP |= dict.fromkeys("？（）《》", -7.5) | dict.fromkeys("…—·「」", -8.5)
_SYMBOL_LOGP = -13.0
_LATIN_LOGP, _DIGIT_LOGP, _SPACE_LOGP, _ASCII_LOGP, _OTHER_LOGP = -10.0, -8.0, -6.0, -9.0, -16.0
# U+FFFD as it stands scores like a rare character: a repair must earn its gain
# from the text around it, not from making the replacement character go away.
_FFFD_LOGP = -12.0


_Index = dict[str, tuple[tuple[str, float], ...]]


@functools.cache
def _lexicon() -> tuple[dict[str, float], _Index, _Index]:
    """jieba's dictionary: word -> natural-log probability, and two indexes of its words.

    ``by_rest`` maps the characters after a word's first to (first character,
    log p), ``by_head`` the characters before its last to (last character,
    log p): they let the repair find a lost character from its neighbours.
    Loaded once per process, on first use.
    """
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("repair_gbk_mojibake needs jieba's dictionary: pip install jieba")
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    freqs: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and len(parts[0]) <= _MAX_WORD and parts[1].isdigit():
                freqs[parts[0]] = freqs.get(parts[0], 0) + int(parts[1])
    total = sum(freqs.values())
    logp = {w: math.log(f / total) for w, f in freqs.items() if f > 0}
    logp[""] = math.log(0.5 / total)  # an unknown Han character
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


def _char_logp(ch: str, words: dict[str, float]) -> float:
    """Score of ``ch`` standing as a one-character token."""
    lp = words.get(ch)
    if lp is not None:
        return lp
    if _is_han(ch):
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


def _for_scoring(text: str) -> str:
    """Simplified form of ``text`` for dictionary look-ups, as long as ``text``."""
    if not _HAN_RE.search(text):
        return text
    simplified = _convert("t2s", text)
    return simplified if len(simplified) == len(text) else text


def _forward(s: str, words: dict[str, float]) -> list[float]:
    """Best segmentation log-probability of every prefix ``s[:i]`` (unigram Viterbi)."""
    best = [0.0] + [-math.inf] * len(s)
    for i in range(len(s)):
        base = best[i]
        single = base + _char_logp(s[i], words)
        if single > best[i + 1]:
            best[i + 1] = single
        for j in range(i + 2, min(len(s), i + _MAX_WORD) + 1):
            lp = words.get(s[i:j])
            if lp is not None and base + lp > best[j]:
                best[j] = base + lp
    return best


def _backward(s: str, words: dict[str, float]) -> list[float]:
    """Best segmentation log-probability of every suffix ``s[i:]``."""
    n = len(s)
    best = [-math.inf] * n + [0.0]
    for i in range(n - 1, -1, -1):
        score = _char_logp(s[i], words) + best[i + 1]
        for j in range(i + 2, min(n, i + _MAX_WORD) + 1):
            lp = words.get(s[i:j])
            if lp is not None and lp + best[j] > score:
                score = lp + best[j]
        best[i] = score
    return best


def _score(text: str) -> float:
    """Log-probability of ``text`` under the unigram word model, best segmentation."""
    return _forward(_for_scoring(text), _lexicon()[0])[-1]


# ---------------------------------------------------------------------------
# GBK mojibake
# ---------------------------------------------------------------------------

# A GBK character is a lead byte 0x81-0xFE and a trail byte 0x40-0xFE (not 0x7F).
# When a lead byte is lost, its trail byte is read as a lead byte and every
# later pair is misaligned, until
#   (a) a trail byte in 0x40-0x7E surfaces as a lone ASCII character (the
#       seed's `辟R`: A1 B1 D9 52 lost A1, B1 D9 is 辟, 52 is R, and the text
#       is in step again);
#   (b) a misaligned lead byte swallows an ASCII letter of the text, whose next
#       letter then stands alone;
#   (c) a misaligned lead byte meets a byte that cannot follow it: the decoder
#       writes U+FFFD for it (or drops it, see _close_dropped_quotes) and the
#       text is in step again.
# The spot where the run ends is visible; where it starts is searched for.
_LEADS = range(0x81, 0xFF)
_TRAILS = tuple(b for b in range(0x40, 0xFF) if b != 0x7F)
_SPOT_RE = re.compile("(?<=[^\x00-\x7f\ufffd])[\x40-\x7e](?![A-Za-z0-9])|(?<!\ufffd)\ufffd(?!\ufffd)")
_MAX_RUN = 80  # misaligned characters searched back from a spot
_SCRIPT_SPAN = 2000  # the script of a spot's text is judged on the 6000 characters around it
_SPOT_BUDGET, _CHARS_PER_SPOT = 64, 2000  # spots examined: 64 plus one per 2000 characters
_LINE_WINDOW = 400  # characters back from a spot that count as its line (for open quotes)
_CONTEXT = 4  # characters of context scored on either side of a repair
_TOP_CHOICES = 8  # characters tried for the repaired first character besides dictionary words
_TOP_TRAILS = 6  # lost trail bytes tried under a U+FFFD
_SHORTLIST = 12  # candidate repairs scored in full
_ROUGH_SLACK = 6.0  # nats by which the full score may exceed the approximate one
_FILLERS = "，。、的了是"  # characters that may stand for a lost one besides dictionary words
_FILL_EDGE = 2.0  # nats a realignment must beat simply filling a U+FFFD by
_PLAUSIBLE_LOGP = -14.0  # the character a repair ends with must be at least this common
_REPAIR_MARGIN = 8.0  # nats a repair must gain over the text as it stands
_QUOTE_BONUS = 8.0  # a repair that closes a quotation left open is that much more plausible
_QUOTE_PAIRS = {"“": "”", "「": "」"}


def _gbk2(ch: str) -> bytes | None:
    """The two GBK bytes of ``ch``, or None for a character GBK cannot hold in two."""
    try:
        b = ch.encode("gbk")
    except UnicodeEncodeError:
        return None
    return b if len(b) == 2 else None


def _decode_pair(lead: int, trail: int) -> str | None:
    """The ordinary character that GBK bytes ``lead trail`` stand for, else None."""
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(ch) != 1 or unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs"):
        return None
    return ch


@functools.cache
def _by_trail(trail: int, simplified_only: bool) -> tuple[dict[str, str], tuple[str, ...]]:
    """Characters whose GBK trail byte is ``trail``: (simplified form -> character, likeliest).

    ``simplified_only`` keeps the characters that t2s leaves alone.
    """
    words = _lexicon()[0]
    found = sorted({c for lead in _LEADS if (c := _decode_pair(lead, trail))})
    if simplified_only:
        found = [c for c in found if _for_scoring(c) == c]
    by_simplified: dict[str, str] = {}
    for c in found:
        by_simplified.setdefault(_for_scoring(c), c)
    ranked = sorted(found, key=lambda c: (-_char_logp(_for_scoring(c), words), c))
    quotes = tuple(c for c in found if c in _QUOTE_PAIRS.values())
    return by_simplified, tuple(dict.fromkeys((*ranked[:_TOP_CHOICES], *quotes)))


def _quote_bonus(text: str, line_start: int, at: int, inserted: str) -> float:
    """Reward a repair that closes a quotation left open earlier on the line, punish a stray one."""
    bonus = 0.0
    for opener, closer in _QUOTE_PAIRS.items():
        if closer in inserted:
            before = text[line_start:at]
            bonus += _QUOTE_BONUS if before.count(opener) > before.count(closer) else -_QUOTE_BONUS
    return bonus


def _realigned(raw: bytes, tail: str) -> list[str]:
    """Decode ``raw`` pair by pair from its second byte (U+FFFD where a pair is invalid)."""
    out = [_decode_pair(raw[i], raw[i + 1]) or "\ufffd" for i in range(1, len(raw) - 1, 2)]
    out.extend(tail)
    return out


@functools.cache
def _by_lead(lead: int) -> tuple[tuple[int, str, float], ...]:
    """(trail byte, simplified form, log p) of every character whose GBK lead byte is ``lead``."""
    words = _lexicon()[0]
    found = ((t, c) for t in _TRAILS if (c := _decode_pair(lead, t)))
    return tuple((t, s, _char_logp(s, words)) for t, c in found for s in (_for_scoring(c),))


def _likely_trails(run: bytes, right: str) -> list[int]:
    """The trail bytes most likely lost under a U+FFFD that ends ``run``, judged by the
    best segmentation of the character they complete with one neighbour before and two after."""
    words = _lexicon()[0]
    before = _for_scoring(_decode_pair(run[-3], run[-2]) or "" if len(run) >= 4 else "")
    after = _for_scoring(right[:2])
    lp_before = _char_logp(before, words) if before else 0.0
    lp_after = _forward(after, words)[-1]
    lp_after_rest = _forward(after[1:], words)[-1]
    scored: list[tuple[float, int]] = []
    for trail, ch, lp in _by_lead(run[-1]):
        score = lp_before + lp + lp_after
        for left, word, rest in (
            (0.0, before + ch, lp_after),
            (lp_before, ch + after[:1], lp_after_rest),
            (lp_before, ch + after, 0.0),
            (0.0, before + ch + after[:1], lp_after_rest),
        ):
            if len(word) > 1 and word in words:
                score = max(score, left + words[word] + rest)
        scored.append((score, trail))
    scored.sort(key=lambda st: (-st[0], st[1]))
    return [trail for _, trail in scored[:_TOP_TRAILS]]


def _run_before(text: str, p: int, line_start: int) -> tuple[int, bytes]:
    """Start and GBK bytes of the double-byte characters right before ``p`` (at most _MAX_RUN)."""
    start = p
    encoded: list[bytes] = []
    while start > line_start and p - start < _MAX_RUN:
        b = _gbk2(text[start - 1])
        if b is None:
            break
        encoded.append(b)
        start -= 1
    return start, b"".join(reversed(encoded))


def _variants(text: str, p: int, run: bytes, right: str) -> list[tuple[bytes, str, int, bool]]:
    """How the run may have been garbled: (bytes after the lost lead, ASCII tail, end, may be empty)."""
    if text[p] == "\ufffd":  # (c): U+FFFD stands for the trail byte of the run's last character
        return [(run + bytes((t,)), "", p + 1, False) for t in _likely_trails(run, right)]
    # (a): the spot is a stray trail byte, whose own lead byte may be the lost one (empty run)
    variants = [(run + text[p].encode("ascii"), "", p + 1, True)]
    if 0x40 <= run[-1] <= 0x7E:  # (b): the run's last character swallowed an ASCII letter
        variants.append((run[:-1], chr(run[-1]), p, False))
    return variants


def _options(
    prefix: str,
    fwd: list[float],
    kp: int,
    suffix: str,
    bwd: list[float],
    ks: int,
    pick: Callable[[str], str | None],
    likeliest: Sequence[str],
) -> dict[str, float]:
    """Approximate log p of the text with each candidate character between ``prefix[:kp]`` and
    ``suffix[ks:]``: a likely character alone, or one that completes a dictionary word with
    the characters after it or with those before it. ``pick`` maps the simplified form a word
    asks for to the candidate character that has it (None: no such candidate)."""
    words, by_rest, by_head = _lexicon()
    options = {c: _char_logp(_for_scoring(c), words) + fwd[kp] + bwd[ks] for c in likeliest}
    for w in range(1, min(_MAX_WORD, len(suffix) - ks + 1)):
        for first, lp in by_rest.get(suffix[ks : ks + w], ()):
            c = pick(first)
            if c is not None:
                options[c] = max(options.get(c, -math.inf), fwd[kp] + lp + bwd[ks + w])
    for w in range(1, min(_MAX_WORD, kp + 1)):
        for final, lp in by_head.get(prefix[kp - w : kp], ()):
            c = pick(final)
            if c is not None:
                options[c] = max(options.get(c, -math.inf), fwd[kp - w] + lp + bwd[ks])
    return options


def _repair_at(text: str, p: int, lo: int, simplified_only: bool) -> tuple[float, int, int, str] | None:
    """Best repair of the run that ends at spot ``p``: (gain in nats, start, end, replacement).

    ``simplified_only``: the text is in simplified script, and was so before it was garbled,
    so the repair may only bring back characters that t2s leaves alone.

    Looks no further than _LINE_WINDOW characters back, so that a spot costs the
    same on a ten-megabyte line as on a short one.
    """
    window = max(lo, p - _LINE_WINDOW)
    line_start = text.rfind("\n", window, p) + 1 or window
    start, run = _run_before(text, p, line_start)
    if not run:
        return None
    stop = text.find("\n", p + 1, p + 1 + _CONTEXT)
    right_end = min(len(text), p + 1 + _CONTEXT) if stop < 0 else stop
    words = _lexicon()[0]
    n = len(run) // 2
    # cheap test first: the character a repair ends with must be a likely one; where it is
    # not, the spot's own lead byte may still be the lost one (an empty run, k == n)
    plans: list[tuple[list[str], str, bytes, int, int]] = []  # realigned, suffix, raw, end, first k
    for raw, tail, end, may_be_empty in _variants(text, p, run, text[p + 1 : right_end]):
        realigned = _realigned(raw, tail)
        suffix = _for_scoring("".join(realigned) + text[end:right_end])
        last = len(realigned) - len(tail) - 1
        likely_end = max(_char_logp(suffix[last], words), words.get(suffix[last : last + 2], -math.inf))
        if likely_end >= _PLAUSIBLE_LOGP:
            plans.append((realigned, suffix, raw, end, 0))
        elif may_be_empty:
            plans.append((realigned, suffix, raw, end, n))
    if not plans:
        return None
    prefix = _for_scoring(text[start:p])
    fwd = _forward(prefix, words)
    # (approximate log p, start, end, replacement), rescored in full below
    shortlist: list[tuple[float, int, int, str]] = []
    for realigned, suffix, raw, end, first_k in plans:
        # every character after the repaired one must decode (and keep the script)
        bad = [i for i, c in enumerate(realigned) if c == "\ufffd" or (simplified_only and c != suffix[i])]
        first_ok = max(first_k, bad[-1] + 1 if bad else 0)
        bwd = _backward(suffix, words)
        for k in range(first_ok, min(n + 1, len(raw) // 2 + 1)):
            by_simplified, likeliest = _by_trail(raw[2 * k], simplified_only)
            options = _options(prefix, fwd, k, suffix, bwd, k, by_simplified.get, likeliest)
            rest = "".join(realigned[k:])
            for c, score in options.items():
                bonus = _quote_bonus(text, line_start, start + k, c)
                shortlist.append((score + bonus, start + k, end, c + rest))
    if not shortlist:
        return None
    shortlist.sort(key=lambda cand: -cand[0])
    # the approximation is close: a repair far below the margin is not worth scoring in full
    rough_gain = shortlist[0][0] - _forward(_for_scoring(text[start:right_end]), words)[-1]
    if rough_gain < _REPAIR_MARGIN - _ROUGH_SLACK:
        return (rough_gain, *shortlist[0][1:])
    frame = max(line_start, start - _CONTEXT)
    baseline = _score(text[frame:right_end])
    best: tuple[float, int, int, str] | None = None
    for _, at, end, replacement in shortlist[:_SHORTLIST]:
        repaired = text[frame:at] + replacement + text[end:right_end]
        gain = _score(repaired) - baseline + _quote_bonus(text, line_start, at, replacement[:1])
        if best is None or gain > best[0]:
            best = (gain, at, end, replacement)
    if best is not None and text[p] == "\ufffd":
        # U+FFFD may also stand for a whole character of correct text, both bytes lost: a
        # realignment must explain the text clearly better than the likeliest such character.
        right = _for_scoring(text[p + 1 : right_end])
        fill = _options(prefix, fwd, len(prefix), right, _backward(right, words), 0, _same, _FILLERS)
        c = max(sorted(fill), key=fill.__getitem__)
        fill_gain = _score(text[frame:p] + c + text[p + 1 : right_end]) - baseline
        if best[0] < fill_gain + _FILL_EDGE:
            return (best[0] - fill_gain, *best[1:])
    return best


def _same(ch: str) -> str:
    return ch


# sentence-final punctuation, then U+FFFD or a space, then Han: where a closing quote may have been
_DANGLING_QUOTE_RE = re.compile(f"(?<=[!?。！？])(?:\ufffd ?| )(?=[{_HAN}])")


def _close_dropped_quotes(text: str) -> str:
    """Put back a closing ``”`` whose GBK bytes were lost with a dropped lead byte.

    ``！” 賀晗`` loses its lead byte 0xA1; the orphaned 0xB1 cannot pair with
    the following space, so a decoder drops it (``! 賀晗``) or writes U+FFFD.
    Only where a quotation opened on the line is still open, and the line
    closes no quotation and opens no other after that point.
    """
    if "“" not in text:
        return text
    out: list[str] = []
    last = scanned = depth = 0
    next_close = next_open = next_newline = -1
    for m in _DANGLING_QUOTE_RE.finditer(text):
        i, j = m.start(), m.end()
        newline = text.rfind("\n", scanned, i)
        if newline >= 0:
            scanned, depth = newline + 1, 0
        depth += text.count("“", scanned, i) - text.count("”", scanned, i)
        scanned = i
        if next_close < j:
            next_close = _find(text, "”", j)
        if next_open < j:
            next_open = _find(text, "“", j)
        if next_newline < j:
            next_newline = _find(text, "\n", j)
        if depth > 0 and next_close >= next_newline and next_open >= next_newline:
            out.append(text[last:i])
            out.append("”" + m.group().replace("\ufffd", ""))
            last = j
            depth -= 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _find(text: str, sub: str, start: int) -> int:
    """``text.find`` that reports "nowhere" as the end of the text."""
    at = text.find(sub, start)
    return len(text) if at < 0 else at


def repair_gbk_mojibake(text: str) -> str:
    """Repair GBK mis-decodings where a lead byte was dropped (``!辟R晗`` → ``!”賀晗``).

    A stray ASCII character standing alone after a Han character, or U+FFFD,
    is where a misaligned run ends. The run before it is re-encoded to GBK and
    decoded again with each possible lost lead byte (0x81-0xFE) at each start;
    a candidate replaces the text only when jieba's word frequencies (and a
    quotation mark it closes) make it clearly more plausible. Legitimate text
    such as ``C端``, ``B站``, ``A股`` or ``X光`` scores better as it stands.

    >>> repair_gbk_mojibake("“數字經濟與實體經濟是分不開的!辟R晗指出。")
    '“數字經濟與實體經濟是分不開的!”賀晗指出。'
    >>> repair_gbk_mojibake("贴近C端用户，在B站、A股和X光片中")
    '贴近C端用户，在B站、A股和X光片中'
    """
    m = _SPOT_RE.search(text)
    if m is None:
        return _close_dropped_quotes(text)
    out: list[str] = []
    last = 0
    # A dropped lead byte is rare damage: text that is dense with spots (code, tables
    # of single letters) is something else, and gets a bounded amount of work.
    budget = _SPOT_BUDGET + len(text) // _CHARS_PER_SPOT
    scripts: dict[int, bool] = {}  # script around each stretch of _SCRIPT_SPAN characters
    while m is not None and budget > 0:
        budget -= 1
        p = m.start()
        stretch = p // _SCRIPT_SPAN
        if stretch not in scripts:
            around = text[max(0, (stretch - 1) * _SCRIPT_SPAN) : (stretch + 2) * _SCRIPT_SPAN]
            scripts[stretch] = script_of(around) == "Hans"
        repair = _repair_at(text, p, last, scripts[stretch])
        if repair is not None and repair[0] >= _REPAIR_MARGIN:
            _, at, end, replacement = repair
            out.append(text[last:at])
            out.append(replacement)
            last = end
        m = _SPOT_RE.search(text, max(p + 1, last))
    out.append(text[last:])
    return _close_dropped_quotes("".join(out))


# ---------------------------------------------------------------------------
# Punctuation
# ---------------------------------------------------------------------------

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
    edits: dict[int, tuple[int, str]] = {}  # start -> (end, replacement)

    for m in _PUNCT_RE.finditer(text):
        i, j = m.start(), m.end()
        if _inside(spans, i):
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, j - 1, 1)
        if not (_is_zh(before) or _is_zh(after)):
            continue
        mark = m.group()
        if mark in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,000 and 10:30
        if mark == ";" and re.search(r"&#?[A-Za-z0-9]+$", text[max(0, i - 10) : i]):
            continue  # an HTML entity
        if mark[-1] == "!" and after == "=":
            continue  # !=
        end = j
        while end < len(text) and text[end] == " ":
            end += 1
        if end == j or not _is_zh(text[end : end + 1]):
            end = j
        edits[i] = (end, "".join(_FULL[c] for c in mark))

    if "(" in text or ")" in text:
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
                before = text[o - 1 : o]
                after = text[i + 1 : i + 2]
                # `f(x)的`, `Transformer (GPT)，`: an aside that follows Latin text is Latin
                latin_before = text[max(0, o - 3) : o].rstrip(" ")[-1:]
                chinese = (
                    _is_zh(before)
                    or (_is_zh(after) and not (latin_before.isascii() and latin_before.isalnum()))
                    or _HAN_RE.search(text, o + 1, i) is not None
                    or text[o] == "（"
                    or ch == "）"
                )
                if chinese:
                    if text[o] == "(":
                        edits[o] = (o + 1, "（")
                    if ch == ")":
                        edits[i] = (i + 1, "）")

    if not edits:
        return text
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


# ---------------------------------------------------------------------------
# Whitespace and invisible characters
# ---------------------------------------------------------------------------

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


def _collapse_spaces(text: str) -> str:
    if _SPACE_RUN_RE.search(text):
        text = _SPACE_RUN_RE.sub(" ", text)
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = _EDGE_SPACE_RE.sub("", text)
    if _SPACED_HAN_RE.search(text):
        text = _SPACED_HAN_RE.sub(lambda m: m.group().replace(" ", ""), text)
    return text


def clean(text: str) -> str:
    """Normalise a raw article: the steps a careful human reader applies silently.

    Surrogate halves (from ``\\ud83d`` escapes) joined or dropped; NFC;
    newlines unified; zero-width and control characters dropped; full-width
    ASCII folded; pinyin annotations stripped; GBK mojibake repaired; ASCII
    punctuation in Chinese context made full-width; runs of spaces and tabs
    collapsed (single spaces kept: ``Unity 中国``), spaces at line ends and
    letter-spaced headings (``数 字 经 济``) removed. Newlines are kept.

    >>> clean("“與實體經濟是分不開的!辟R晗指出\u200b。\\r\\n數 字 經 濟  \uff15\uff27")
    '“與實體經濟是分不開的！”賀晗指出。\\n數字經濟 5G'
    """
    if _SURROGATE_RE.search(text):  # join the halves of a pair, drop lone ones
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text or _NEWLINE_RE.search(text):
        text = _NEWLINE_RE.sub("\n", text)
    if _INVISIBLE_RE.search(text):
        text = _INVISIBLE_RE.sub("", text)
    steps: Sequence[Callable[[str], str]] = (
        fold_width,
        strip_pinyin,
        repair_gbk_mojibake,
        fix_punctuation,
        _collapse_spaces,
    )
    for step in steps:
        text = step(text)
    return text


# ---------------------------------------------------------------------------
# Script and regional variant
# ---------------------------------------------------------------------------

_CONVERTER_CONFIGS = ("t2s", "tw2sp", "hk2s", "s2t")


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration and process, created on first use."""
    if config not in _CONVERTER_CONFIGS:
        raise ValueError(f"unknown OpenCC configuration {config!r}; expected one of {_CONVERTER_CONFIGS}")
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ModuleNotFoundError("script conversion needs OpenCC: pip install opencc") from exc
    return opencc.OpenCC(config)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _convert(config: str, text: str) -> str:
    """OpenCC conversion that survives lone surrogates (from JSON or Turtle ``\\ud800``
    escapes), which OpenCC cannot encode: each becomes U+FFFD, the length is kept."""
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
    return _converter(config).convert(text)


_HANT_SHARE = 0.05  # share of Han characters t2s must change for a text to count as traditional


def _changed_han(text: str) -> tuple[int, int]:
    """(Han characters, how many of them t2s changes)."""
    han = len(_HAN_RE.findall(text))
    if not han:
        return 0, 0
    simplified = _convert("t2s", text)
    if len(simplified) == len(text):
        return han, sum(1 for a, b in zip(text, simplified, strict=True) if a != b)
    # a phrase conversion changed the length: convert each distinct character alone
    distinct = sorted(set(_HAN_RE.findall(text)))
    converted = _convert("t2s", "\n".join(distinct)).split("\n")
    changed = {c for c, t in zip(distinct, converted, strict=False) if c != t}
    return han, sum(1 for c in _HAN_RE.findall(text) if c in changed)


def script_of(text: str) -> Script:
    """``"Hant"`` when converting to simplified changes a noticeable share of Han characters.

    Traditional input must be converted before lexicon look-ups, and labels and
    evidence are tagged by script. A handful of characters that t2s touches in
    simplified text too (乾隆) do not make it traditional.

    >>> script_of("數字經濟與實體經濟"), script_of("数字经济与实体经济"), script_of("ChatGPT")
    ('Hant', 'Hans', 'Hans')
    """
    han, changed = _changed_han(text)
    return "Hant" if han and changed / han >= _HANT_SHARE else "Hans"


# Wording characteristic of Taiwan or Hong Kong in traditional text. Taiwan's
# words are its own. 網絡/軟件/數碼 are also what mainland text converted to
# traditional script shows, so for Hong Kong they count only two or more of
# them together, or beside a word that is Hong Kong's alone.
_TW_WORDS = (
    "軟體", "硬體", "網路", "數位", "程式", "影片", "伺服器", "記憶體", "螢幕", "滑鼠",
    "資料庫", "演算法", "網際網路", "部落格", "智慧型手機", "韌體", "晶片", "資訊",
)  # fmt: skip
_HK_STRONG = (
    "短訊", "流動電話", "手提電話", "的士", "貼士", "咗", "嘅", "喺", "冇", "佢哋", "特區政府",
)  # fmt: skip
_HK_WEAK = ("數碼", "軟件", "網絡", "硬件")
_VARIANT_MIN_HITS = 2


def variant_of(text: str) -> Variant | None:
    """``"tw"`` or ``"hk"`` when traditional text uses that region's wording, else None.

    Taiwan writes 軟體/網路/數位 where the mainland writes 软件/网络/数字;
    OpenCC's ``tw2sp`` turns the former into the latter. Conservative: it takes
    two characteristic words or more and a clear majority over the other
    region; mainland text in traditional script (網絡, 軟件 alone) gets None.

    >>> variant_of("這套軟體透過網路更新程式"), variant_of("呢部數碼相機嘅軟件")
    ('tw', 'hk')
    >>> variant_of("中國的網絡產業"), variant_of("软件和网络")
    (None, None)
    """
    if script_of(text) != "Hant":
        return None
    tw = sum(text.count(w) for w in _TW_WORDS)
    strong = sum(text.count(w) for w in _HK_STRONG)
    weak = [text.count(w) for w in _HK_WEAK]
    hk = strong + sum(weak) if strong or sum(1 for n in weak if n) >= 2 else 0
    if tw >= _VARIANT_MIN_HITS and tw >= 3 * hk:
        return "tw"
    if hk >= _VARIANT_MIN_HITS and hk >= 3 * tw:
        return "hk"
    return None


def to_simplified(text: str, variant: Variant | None = None) -> str:
    """Convert traditional to simplified script (OpenCC ``t2s``, ``tw2sp`` or ``hk2s``).

    ``variant="tw"`` also replaces Taiwan wording by mainland wording (軟體 →
    软件), which may change the text's length; offsets taken on the input do
    not carry over then. Simplified text passes through unchanged.

    >>> to_simplified("網路軟體"), to_simplified("網路軟體", variant="tw")
    ('网路软体', '网络软件')
    """
    configs = {None: "t2s", "tw": "tw2sp", "hk": "hk2s"}
    if variant not in configs:
        raise ValueError(f"unknown variant {variant!r}; expected one of None, 'tw', 'hk'")
    if not _HAN_RE.search(text):
        return text
    return _convert(configs[variant], text)


def label_tag(label: str) -> Literal["zh-Hans", "zh-Hant"] | None:
    """The language tag of a label: by script, or None for a label without Han characters.

    >>> label_tag("数字经济"), label_tag("數字經濟"), label_tag("ChatGPT"), label_tag("5G网络")
    ('zh-Hans', 'zh-Hant', None, 'zh-Hans')
    """
    if not _HAN_RE.search(label):
        return None
    label = _SURROGATE_RE.sub("\ufffd", label)
    return "zh-Hant" if _convert("t2s", label) != label else "zh-Hans"
