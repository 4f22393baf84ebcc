"""Pinyin annotations after Han characters (``網(wǎng)``), removed.

Some news sites annotate every character their script conversion touched;
left in, the annotations split words and poison every later step.
"""

from __future__ import annotations

import re
import unicodedata

from kg.text.chars import HAN as _HAN

__all__ = ["strip_pinyin"]

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
