"""Character classes the text steps share: Han ideographs and Chinese context.

>>> is_han("数"), is_han("A"), is_zh("，"), is_zh("")
(True, False, True, False)
"""

from __future__ import annotations

import re

# Han ideographs: CJK Unified Ideographs, extension A, compatibility ideographs,
# the supplementary planes' extensions B-H and their compatibility supplement.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
# Chinese context around punctuation: Han, CJK symbols and punctuation, full-width forms.
ZH = HAN + "\u3000-\u303f\uff00-\uffef"
ZH_RE = re.compile(f"[{ZH}]")


def is_han(ch: str) -> bool:
    """Whether ``ch`` (one character, or empty) is a Han ideograph."""
    return bool(ch) and HAN_RE.match(ch) is not None


def is_zh(ch: str) -> bool:
    """Whether ``ch`` (one character, or empty) is Han, CJK punctuation or a full-width form."""
    return bool(ch) and ZH_RE.match(ch) is not None
