"""Normal forms of labels: the one place that says when two labels are the same.

Each comparison zhkg makes has its own form, on purpose:

- :func:`match_key` — entity lookup in the lexicon: simplified script,
  half-width letters and digits (full-width CJK punctuation kept), no white
  space, Latin lower-cased (``人工智慧`` and ``人工智能`` meet, so do ``Chat GPT``
  and ``chatgpt``);
- :func:`canonical_key` — the text part of an entity IRI (SPEC "IRIs"): every
  full-width ASCII form folded, no white space, but script and case kept,
  since the label is what the IRI shows;
- :func:`compact_label` — a lexicon entry's canonical label: NFC, no white space;
- :func:`search_key` — the HTML viewer's search box and ``kg eval``'s gold
  matching: NFKC, lower case, no white space (the viewer's script computes the
  same in JavaScript, ``String.normalize("NFKC")``).

>>> label = "Ｃｈａｔ GPT（數位）"
>>> match_key(label), canonical_key(label), compact_label(label), search_key(label)
('chatgpt（数位）', 'ChatGPT(數位)', 'ＣｈａｔGPT（數位）', 'chatgpt(數位)')
"""

from __future__ import annotations

import unicodedata

from kg.text.script import to_simplified
from kg.text.width import fold_full_width, fold_width

__all__ = ["canonical_key", "compact_label", "match_key", "search_key"]


def _no_space(text: str) -> str:
    return "".join(text.split())


def match_key(label: str) -> str:
    """The form labels are compared in: simplified, half-width, no spaces, Latin lower-cased.

    >>> match_key("Ｃｈａｔ GPT")
    'chatgpt'
    >>> match_key("數位經濟") == match_key("数位经济")
    True
    """
    text = fold_width(unicodedata.normalize("NFC", label))
    text = _no_space(text)
    return to_simplified(text).lower()


def canonical_key(label: str) -> str:
    """NFC, full-width ASCII (letters, digits and punctuation) folded to half-width, white space removed.

    >>> canonical_key("Ｃｈａｔ GPT"), canonical_key("工业（4.0）")
    ('ChatGPT', '工业(4.0)')
    """
    return _no_space(fold_full_width(unicodedata.normalize("NFC", label)))


def compact_label(label: str) -> str:
    """NFC, white space removed: a lexicon concept's canonical label as its entry key.

    >>> compact_label("数字 经济")
    '数字经济'
    """
    return _no_space(unicodedata.normalize("NFC", label))


def search_key(text: str) -> str:
    """NFKC, lower case, no white space: so width, case and spacing never cause a miss.

    >>> search_key("\\uff29\\uff30\\uff56\\uff16 网络")  # full-width IPv6
    'ipv6网络'
    """
    return _no_space(unicodedata.normalize("NFKC", text).lower())
