"""UTF-16 surrogate halves in ``str``: the one place zhkg deals with them.

JSON (``"\\ud83d\\ude80"``) and Turtle (``"\\uD83D\\uDE80"``) escapes give Python
strings with surrogate halves, which are not characters: UTF-8 cannot encode
them, OpenCC and jieba fail on them. Text is scrubbed where it enters
(:mod:`kg.io` and the API entry of :mod:`kg.pipeline`, both with
:func:`scrub_surrogates`); the other functions are what the steps that must
also accept unscrubbed text (``clean``, script conversion, lexicon labels, the
viewer's JSON) do with them, each on purpose:

================================  ==============  =====================================
function                          a pair           a lone half
================================  ==============  =====================================
:func:`scrub_surrogates`          joined           U+FFFD, and so is every other half
:func:`drop_lone_surrogates`      joined           dropped
:func:`join_surrogate_pairs`      joined           :class:`UnicodeDecodeError`
:func:`mask_surrogates`           two U+FFFD       U+FFFD (the length is kept)
================================  ==============  =====================================

>>> rocket = "\\ud83d\\ude80"
>>> scrub_surrogates("火箭" + rocket) == drop_lone_surrogates("火箭" + rocket) == "火箭\\U0001f680"
True
>>> lone = "数据\\ud800"
>>> scrub_surrogates(lone) == mask_surrogates(lone) == "数据\\ufffd", drop_lone_surrogates(lone)
(True, '数据')
"""

from __future__ import annotations

import re

__all__ = ["drop_lone_surrogates", "has_surrogates", "join_surrogate_pairs", "mask_surrogates", "scrub_surrogates"]

SURROGATE_RE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate half."""
    return SURROGATE_RE.search(text) is not None


def join_surrogate_pairs(text: str) -> str:
    """Join escaped pairs into their character; a lone half raises :class:`UnicodeDecodeError`."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16")


def scrub_surrogates(text: str) -> str:
    """Join escaped UTF-16 surrogate pairs (JSON ``\\ud83d\\ude80``); a lone one, not a character, becomes U+FFFD.

    >>> scrub_surrogates("数据\\ud800") == "数据\\ufffd"
    True
    """
    if not SURROGATE_RE.search(text):
        return text
    try:
        return join_surrogate_pairs(text)
    except UnicodeDecodeError:
        return SURROGATE_RE.sub("\ufffd", text)


def drop_lone_surrogates(text: str) -> str:
    """Join the halves of a pair, drop lone ones (the first step of ``clean``)."""
    if not SURROGATE_RE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def mask_surrogates(text: str) -> str:
    """Every surrogate half as U+FFFD, so that the length is kept (OpenCC cannot encode them)."""
    if not SURROGATE_RE.search(text):
        return text
    return SURROGATE_RE.sub("\ufffd", text)
