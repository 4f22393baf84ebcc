"""Script and regional variant: detection, and conversion with OpenCC (its one owner in zhkg).

Every OpenCC converter zhkg uses is made here, once per configuration and
process, on first use (:func:`converter`); :func:`convert` is the conversion
every module calls: the text steps, the encoding model of :mod:`kg.io`, the
lexicon, the graph's language tags and the viewer's search variants.

>>> to_simplified("國內")
'国内'
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

from kg.text.chars import HAN_RE as _HAN_RE
from kg.text.surrogates import mask_surrogates

if TYPE_CHECKING:
    import opencc

__all__ = ["convert", "converter", "label_tag", "script_of", "to_simplified", "variant_of"]

Script = Literal["Hans", "Hant"]
Variant = Literal["tw", "hk"]

#: the OpenCC configurations zhkg uses: to simplified (plain, Taiwan and Hong Kong wording), and to
#: traditional (plain, Taiwan, Taiwan wording, Hong Kong: the viewer's search variants)
CONFIGS = ("t2s", "tw2sp", "hk2s", "s2t", "s2tw", "s2twp", "s2hk")


@functools.cache
def converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration and process, created on first use."""
    if config not in CONFIGS:
        raise ValueError(f"unknown OpenCC configuration {config!r}; expected one of {CONFIGS}")
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ModuleNotFoundError("script conversion needs OpenCC: pip install opencc") from exc
    return opencc.OpenCC(config)


def convert(config: str, text: str) -> str:
    """OpenCC conversion that survives lone surrogates (from JSON or Turtle ``\\ud800``
    escapes), which OpenCC cannot encode: each becomes U+FFFD, the length is kept.

    >>> convert("s2t", "数字经济"), convert("t2s", "數字\\ud800") == "数字\\ufffd"
    ('數字經濟', True)
    """
    return converter(config).convert(mask_surrogates(text))


_HANT_SHARE = 0.05  # share of Han characters t2s must change for a text to count as traditional


def _changed_han(text: str) -> tuple[int, int]:
    """(Han characters, how many of them t2s changes)."""
    han = len(_HAN_RE.findall(text))
    if not han:
        return 0, 0
    simplified = convert("t2s", text)
    if len(simplified) == len(text):
        return han, sum(1 for a, b in zip(text, simplified, strict=True) if a != b)
    # a phrase conversion changed the length: convert each distinct character alone
    distinct = sorted(set(_HAN_RE.findall(text)))
    converted = convert("t2s", "\n".join(distinct)).split("\n")
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
    return convert(configs[variant], text)


def label_tag(label: str) -> Literal["zh-Hans", "zh-Hant"] | None:
    """The language tag of a label: by script, or None for a label without Han characters.

    >>> label_tag("数字经济"), label_tag("數字經濟"), label_tag("ChatGPT"), label_tag("5G网络")
    ('zh-Hans', 'zh-Hant', None, 'zh-Hans')
    """
    if not _HAN_RE.search(label):
        return None
    label = mask_surrogates(label)
    return "zh-Hant" if convert("t2s", label) != label else "zh-Hans"
