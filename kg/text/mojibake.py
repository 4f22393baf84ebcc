"""GBK mojibake: text decoded as GBK after a lead byte was lost (``!辟R晗`` for ``！”賀晗``), repaired.

The spot where a misaligned run ends is visible (a stray ASCII character after
a Han character, or U+FFFD); where it starts is searched for, and a candidate
reading replaces the text only when the word model of jieba's dictionary
(:mod:`kg.text.wordmodel`) finds it clearly more plausible.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence

from kg.text.chars import HAN as _HAN
from kg.text.script import script_of
from kg.text.wordmodel import MAX_WORD, backward, char_logp, for_scoring, forward, lexicon
from kg.text.wordmodel import score as _score

__all__ = ["repair_gbk_mojibake"]

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
    words = lexicon()[0]
    found = sorted({c for lead in _LEADS if (c := _decode_pair(lead, trail))})
    if simplified_only:
        found = [c for c in found if for_scoring(c) == c]
    by_simplified: dict[str, str] = {}
    for c in found:
        by_simplified.setdefault(for_scoring(c), c)
    ranked = sorted(found, key=lambda c: (-char_logp(for_scoring(c), words), c))
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
    words = lexicon()[0]
    found = ((t, c) for t in _TRAILS if (c := _decode_pair(lead, t)))
    return tuple((t, s, char_logp(s, words)) for t, c in found for s in (for_scoring(c),))


def _likely_trails(run: bytes, right: str) -> list[int]:
    """The trail bytes most likely lost under a U+FFFD that ends ``run``, judged by the
    best segmentation of the character they complete with one neighbour before and two after."""
    words = lexicon()[0]
    before = for_scoring(_decode_pair(run[-3], run[-2]) or "" if len(run) >= 4 else "")
    after = for_scoring(right[:2])
    lp_before = char_logp(before, words) if before else 0.0
    lp_after = forward(after, words)[-1]
    lp_after_rest = forward(after[1:], words)[-1]
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
    words, by_rest, by_head = lexicon()
    options = {c: char_logp(for_scoring(c), words) + fwd[kp] + bwd[ks] for c in likeliest}
    for w in range(1, min(MAX_WORD, len(suffix) - ks + 1)):
        for first, lp in by_rest.get(suffix[ks : ks + w], ()):
            c = pick(first)
            if c is not None:
                options[c] = max(options.get(c, -math.inf), fwd[kp] + lp + bwd[ks + w])
    for w in range(1, min(MAX_WORD, kp + 1)):
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
    words = lexicon()[0]
    n = len(run) // 2
    # cheap test first: the character a repair ends with must be a likely one; where it is
    # not, the spot's own lead byte may still be the lost one (an empty run, k == n)
    plans: list[tuple[list[str], str, bytes, int, int]] = []  # realigned, suffix, raw, end, first k
    for raw, tail, end, may_be_empty in _variants(text, p, run, text[p + 1 : right_end]):
        realigned = _realigned(raw, tail)
        suffix = for_scoring("".join(realigned) + text[end:right_end])
        last = len(realigned) - len(tail) - 1
        likely_end = max(char_logp(suffix[last], words), words.get(suffix[last : last + 2], -math.inf))
        if likely_end >= _PLAUSIBLE_LOGP:
            plans.append((realigned, suffix, raw, end, 0))
        elif may_be_empty:
            plans.append((realigned, suffix, raw, end, n))
    if not plans:
        return None
    prefix = for_scoring(text[start:p])
    fwd = forward(prefix, words)
    # (approximate log p, start, end, replacement), rescored in full below
    shortlist: list[tuple[float, int, int, str]] = []
    for realigned, suffix, raw, end, first_k in plans:
        # every character after the repaired one must decode (and keep the script)
        bad = [i for i, c in enumerate(realigned) if c == "\ufffd" or (simplified_only and c != suffix[i])]
        first_ok = max(first_k, bad[-1] + 1 if bad else 0)
        bwd = backward(suffix, words)
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
    rough_gain = shortlist[0][0] - forward(for_scoring(text[start:right_end]), words)[-1]
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
        right = for_scoring(text[p + 1 : right_end])
        fill = _options(prefix, fwd, len(prefix), right, backward(right, words), 0, _same, _FILLERS)
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
