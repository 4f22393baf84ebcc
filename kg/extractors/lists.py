"""Members of lists that end in a category word: ``A、B、C等领域`` names three Sectors.

Part of the entities stage (:mod:`kg.extractors.entities`): the category after
等 (and its quantifiers) names the class through a marker word of the entities
pack (``list_markers``); each item between separators is a member, and the
first item is the noun phrase before the next separator.
"""

from __future__ import annotations

from kg.extractors.base import ITEM_TAGS, NOUNISH
from kg.rules.entities import EntityRules
from kg.types import Sentence, Token


def _item_start(toks: list[Token], end_index: int, rules: EntityRules) -> int:
    """Walk back from ``toks[end_index]`` over the tokens of one noun phrase."""
    item_verbs = rules.item_verbs
    k = end_index
    while k - 1 >= 0:
        prev = toks[k - 1]
        if (prev.tag in ITEM_TAGS or prev.tag == "b" or prev.text in rules.phrase_openers) and not prev.text.isspace():
            k -= 1
        elif (prev.tag.startswith("v") and (k - 2 < 0 or toks[k - 2].tag == "x") and k <= end_index
              and prev.text in item_verbs
              and len(prev.text) + sum(len(t.text) for t in toks[k : end_index + 1]) <= 4):
            k -= 1  # a verb that names with its noun, opening the first item: 共享/农机 (not 推动/汽车)
            break
        else:
            break
    return k


def _category(toks: list[Token], k: int, by_length: list[str],
              rules: EntityRules) -> tuple[int, int, str, str] | None:
    """The category after ``toks[k]`` (等): (first token, end token, text, marker word), or None.

    The category (``新业态新模式``, ``数字科技``) is the longest run of a few nouns after 等 (and its
    quantifiers, or a short relative clause: 等一批推动经济恢复和发展的新业态新模式) that ends in a marker
    word (新业态新模式, not 新业态新模式发展)."""
    j = k + 1
    while j < len(toks) and toks[j].text in rules.quantifiers:
        j += 1
    de = next((q for q in range(j, min(len(toks), j + 8)) if toks[q].text == rules.de), None)
    if de is not None and not (j < len(toks) and toks[j].tag in NOUNISH) and all(
        toks[q].tag != "x" for q in range(j, de)
    ):
        j = de + 1
    c_end = j
    while (c_end < len(toks) and c_end - j < 4 and toks[c_end].tag in NOUNISH
           and toks[c_end].text not in rules.quantifiers):
        c_end += 1
    marker = None
    category = ""
    while c_end > j:
        category = "".join(t.text for t in toks[j:c_end])
        marker = next((m for m in by_length if category.endswith(m)), None)
        if marker is not None:
            break
        c_end -= 1
    if c_end == j or marker is None or len(category) > 10:
        return None
    return j, c_end, category, marker


def list_members(sentence: Sentence, rules: EntityRules, stop: frozenset[str] = frozenset()
                 ) -> list[tuple[int, int, str, bool]]:
    """Spans and class of the members of ``A、B、C等<category>`` lists, and of the category.

    The category names the class through a marker word in it (``rules.list_markers``);
    each item is ``(start, end, class, is_category)``.
    """
    markers = rules.list_markers
    toks = list(sentence.tokens)
    found: list[tuple[int, int, str, bool]] = []
    by_length = sorted(markers, key=len, reverse=True)
    for k, tok in enumerate(toks):
        if tok.text not in rules.etc_words or k == 0:
            continue
        cat = _category(toks, k, by_length, rules)
        if cat is None:
            continue
        j, c_end, category, marker = cat
        cls = markers[marker]
        rest = category
        for mk in by_length:
            rest = rest.replace(mk, "")
        generic = category.startswith((*rules.quantifiers, *rules.determiners))  # 各个领域: no name of a category
        if len(rest) >= 2 and category not in stop and not generic:  # 行业领域 is only marker words
            found.append((toks[j].start, toks[c_end - 1].end, _category_class(category, rules), True))
        found.extend(_members(sentence, toks, k, cls, rules))
    return found


def _members(sentence: Sentence, toks: list[Token], k: int, cls: str,
             rules: EntityRules) -> list[tuple[int, int, str, bool]]:
    """The list items before ``toks[k]`` (等) that may be names of class ``cls``."""
    found: list[tuple[int, int, str, bool]] = []
    for start, end in _items_before(toks, k, rules):
        while start < end and toks[start].text.isspace():
            start += 1
        while end > start and toks[end - 1].text.isspace():
            end -= 1
        if start >= end:
            continue
        a, b = toks[start].start, toks[end - 1].end
        text = sentence.norm[a:b]
        if end - start == 1 and toks[start].tag in ("v", "vn", "vd", "vi") and cls != "Sector":
            continue  # 采集、传输、消亡等: steps of a process, not things (but 纺织、造纸等行业 are trades)
        if _clause(toks[start:end]):
            continue  # 行业加快突破数据可信流通: a clause between separators, not a name
        if 2 <= len(text) <= 12 and not any(ch.isdigit() for ch in text):
            found.append((a, b, cls, False))
    return found


def _clause(toks: list[Token]) -> bool:
    """Tokens that read noun, verb, noun (行业|加快|突破|数据|…): a clause, not a name."""
    for i, t in enumerate(toks):
        if t.tag == "v" and len(t.text) >= 2 and 0 < i < len(toks) - 1:
            before = any(x.tag.startswith("n") for x in toks[:i])
            after = any(x.tag.startswith("n") for x in toks[i + 1 :])
            if before and after:
                return True
    return False


def _items_before(toks: list[Token], k: int, rules: EntityRules) -> list[tuple[int, int]]:
    """Token ranges of the list items before ``toks[k]`` (等): an item between separators is taken whole;
    the first item of the list has no separator before it, so it is the noun phrase before the next one."""
    item_verbs = rules.item_verbs
    items: list[tuple[int, int]] = []
    end = k
    while end > 0:
        sep = None
        for q in range(end - 1, max(-1, end - 8), -1):
            if toks[q].text == "、" or (
                toks[q].text in rules.separators
                and toks[q].text not in rules.alternatives
                and not any(t.tag[:1] in ("v", "d", "p") or t.tag == "l" for t in toks[q + 1 : end])
            ):
                sep = q
                break
            if toks[q].tag == "x" and not toks[q].text.isspace():
                break  # other punctuation ends the list
        if sep is not None and sep < end - 1:
            items.append((sep + 1, end))
            end = sep
            if end - 1 >= 0 and toks[end - 1].text in rules.separators:  # 、以及
                end -= 1
            continue
        start = _item_start(toks, end - 1, rules)
        # the first item's left edge is a guess: after a verb inside it, the item starts anew (重点解析|人形机器人)
        verbs = [q for q in range(start + 1, end - 1) if toks[q].tag in ("v", "vn", "l")]
        if verbs:
            start = verbs[-1] + 1
        elif (end - start > 1 and toks[start].tag in ("v", "vn") and toks[start].text not in item_verbs
              and (toks[start + 1].tag.startswith("n") or toks[start + 1].tag == "eng")):
            start += 1  # 将剖析|强化学习、计算机视觉等: the verb governs the list
        if start < end:
            items.append((start, end))
        break
    return items


def _category_class(category: str, rules: EntityRules) -> str:
    return next((cls for word, cls in rules.category_classes if category.endswith(word)), "Concept")
