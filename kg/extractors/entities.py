"""Entity mentions: the lexicon first, then open discovery.

Open discovery finds what the lexicon lacks: members of a list that ends in a
category word (``A、B、C等领域`` → three Sectors, :mod:`kg.extractors.lists`),
Latin names (class from the words around them), places and organisations from
jieba's POS tags, and domain terms from noun phrases with a telling suffix (…化,
…经济, …技术). Discovered mentions carry lower confidence; the graph keeps a
discovered term only when the text uses it more than in passing. The words and
patterns are the entities pack's (``ontology/rules/entities.toml``; stop words
and organisation suffixes from ``shared.toml``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from kg.extractors.base import ITEM_TAGS, NOUNISH, Resources, extractor, is_han, new
from kg.extractors.lists import list_members
from kg.lexicon import Lexicon
from kg.rules.entities import EntityRules
from kg.types import Extraction, Mention, Sentence, Token

_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9.+#\-_]*$")
_HAN = re.compile(r"[\u4e00-\u9fff]")

def surface(sentence: Sentence, start: int, end: int) -> str:
    """The source-script text of ``norm[start:end]`` (the norm text where lengths differ)."""
    if len(sentence.text) == len(sentence.norm):
        return sentence.text[start:end]
    return sentence.norm[start:end]


def lexicon_mentions(sentence: Sentence, lexicon: Lexicon, rules: EntityRules) -> list[Mention]:
    """Longest lexicon matches over whole tokens (several tokens may form one label)."""
    toks = sentence.tokens
    n = len(toks)
    out: list[Mention] = []
    i = 0
    while i < n:
        if toks[i].text.isspace():
            i += 1
            continue
        acc = ""
        best = -1
        best_key = ""
        for j in range(i, min(n, i + 12)):
            t = toks[j].text
            if t.isspace():
                continue
            acc += t.lower()
            if acc not in lexicon.prefixes:
                break
            key = lexicon.index.get(acc)
            if key is not None:
                best, best_key = j, key
        neighbour = _capitalised_neighbour(toks, i - 2) or _capitalised_neighbour(toks, best + 2)
        if best >= 0 and acc.isascii() and neighbour:
            if toks[i - 1 if i else 0].text == " " or (best + 1 < n and toks[best + 1].text == " "):
                i = best + 1
                continue  # part of a longer Latin name, which latin_names joins
        if best >= 0:
            start, end = toks[i].start, toks[best].end
            entry = lexicon.entries[best_key]
            tail = toks[best + 1] if best + 1 < n else None
            if tail is not None and tail.text in rules.name_tails and entry.cls in ("Technology", "Sector", "Concept"):
                if (acc + tail.text) not in lexicon.index:
                    end = tail.end
                    best += 1
            out.append(
                Mention(best_key, surface(sentence, start, end), entry.cls, sentence.index, start, end, "lexicon",
                        lexical=True, confidence=0.95)
            )
            i = best + 1
        else:
            i += 1
    return out


def compounds(lex: list[Mention], sentence: Sentence, heads: frozenset[str]) -> list[Mention]:
    """Join a concept and the head concept right after it: 开源 + 数据 -> 开源数据 (a kind of data)."""
    out: list[Mention] = []
    i = 0
    concept_like = ("Concept", "Technology", "Sector")
    while i < len(lex):
        a = lex[i]
        b = lex[i + 1] if i + 1 < len(lex) else None
        if (
            b is not None
            and b.start == a.end
            and b.key in heads
            and a.cls in concept_like
            and b.cls in concept_like
            and (b.end - a.start) <= 8
        ):
            key = a.key + b.key
            out.append(Mention(key, surface(sentence, a.start, b.end), b.cls, sentence.index, a.start, b.end,
                               "compound", lexical=False, confidence=0.6))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _capitalised_neighbour(toks: tuple[Token, ...], k: int) -> bool:
    return 0 <= k < len(toks) and bool(_LATIN.match(toks[k].text)) and toks[k].text[:1].isupper()


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(not (end <= s or start >= e) for s, e in spans)


def quoted_terms(sentence: Sentence, lexicon: Lexicon, rules: EntityRules) -> list[Mention]:
    """Terms the text marks: ``“信创”``, ``“AI+安全”`` (Concepts) and titles ``《头号玩家》`` (works)."""
    out = []
    for m in rules.quoted.finditer(sentence.norm):
        q = m.group("q")
        if any(ch in rules.function_in_quote for ch in q) or q.isdigit() or lexicon.lookup(q) is not None:
            continue
        a, b = m.span("q")
        out.append(Mention(q, surface(sentence, a, b), "Concept", sentence.index, a, b, "quoted", confidence=0.55))
    for m in rules.book.finditer(sentence.norm):
        q = m.group("q").strip()
        entry = lexicon.lookup(q)
        a, b = m.span("q")
        if entry is not None:
            continue
        out.append(Mention(q, surface(sentence, a, b), "Product", sentence.index, a, b, "quoted", confidence=0.6))
    return out


def latin_names(sentence: Sentence, res: Resources, taken: list[tuple[int, int]]) -> list[Mention]:
    """Latin-script names (``Omniverse``, ``Ziva Dynamics``) with a class from their context."""
    disc = res.rules.entities
    stop = disc.latin_stop
    after = disc.latin_after
    before = disc.latin_before
    toks = sentence.tokens
    norm = sentence.norm
    han = sum(1 for ch in norm if is_han(ch))
    if han < 4 and sum(ch.isascii() and ch.isalpha() for ch in norm) > 20:
        return []  # an English sentence: its words are not names
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        hyphened = i + 2 < len(toks) and toks[i + 1].text == "-" and bool(_LATIN.match(toks[i + 2].text))
        if not _LATIN.match(t.text) or (t.text in stop and not hyphened) or _covered(taken, t.start, t.end):
            i += 1
            continue  # (a stop letter opens a hyphened name: Q-Learning, K-means)
        j = i
        # join capitalised words separated by single spaces ("Ziva Dynamics") and words joined by a hyphen
        # ("Q-Learning")
        while (
            j + 2 < len(toks)
            and toks[j + 1].text in (" ", "-")
            and _LATIN.match(toks[j + 2].text)
            and (toks[j + 2].text[:1].isupper() or toks[j + 1].text == "-")
            and toks[j + 2].text not in stop
            and not _covered(taken, toks[j + 2].start, toks[j + 2].end)
        ):
            j += 2
        start, end = t.start, toks[j].end
        name = norm[start:end]
        i = j + 1
        letters = sum(ch.isalpha() for ch in name)
        if letters < 2 or (name.isupper() and len(name) <= 3) or name.islower():
            continue
        cls = None
        nxt = "".join(x.text for x in toks[j + 1 : j + 4]).lstrip()
        cls = next((c for w, c in after.items() if nxt.startswith(w)), None)
        if cls is None:
            prev = norm[max(0, start - 6) : start].rstrip()
            cls = next((c for w, c in before.items() if prev.endswith(w)), None)
        if cls is None and name.isupper() and _after_place(norm, start, res):
            cls = "Organization"  # 美国DARPA, 英国ICO, 美国NIST: a country's agency, not a product
        out.append(Mention(name, surface(sentence, start, end), cls or "Product", sentence.index, start, end,
                           "latin", confidence=0.6 if cls else 0.5))
    return out


def _after_place(norm: str, start: int, res: Resources) -> bool:
    """Whether a place of the lexicon ends right before ``start`` (美国|DARPA)."""
    prev = norm[max(0, start - 4) : start]
    for k in range(len(prev) - 1):
        entry = res.lexicon.lookup(prev[k:])
        if entry is not None and entry.cls == "Place":
            return True
    return False


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``words`` (compiled once, not per sentence)."""
    return re.compile("|".join(map(re.escape, words)))


def organisation_names(
    sentence: Sentence, rules: EntityRules, taken: list[tuple[int, int]], lexicon: Lexicon,
) -> list[Mention]:
    """Names that end like an organisation's: 星河科技有限公司, 先进计算与关键软件海河实验室.

    The ending is found in the text (jieba may glue it to the next word: 公司总部); the name is the
    noun phrase of whole words before it, known words included (星河智算公司 ⊃ 智算).
    """
    generic = rules.generic_company
    toks = sentence.tokens
    norm = sentence.norm
    out: list[Mention] = []
    for m in _alternation(rules.org_name_suffixes).finditer(norm):
        pos, end = m.start(), m.end()
        before = [t for t in toks if t.end <= pos]
        s = len(before)
        while s - 1 >= 0 and len(before) - s < 5 and (before[s - 1].tag in ITEM_TAGS or before[s - 1].tag == "b"):
            s -= 1
        if s == len(before) or before[-1].end != pos:
            continue  # the ending must follow whole words
        start = before[s].start
        name = norm[start:end]
        suffix = m.group(0)
        if len(name) <= len(suffix) + 1 or len(name) > 20 or name.startswith(rules.determiners):
            continue
        if lexicon.lookup(name) is not None:
            continue  # the lexicon knows it (and its canonical name)
        head = name[: -len(suffix)]
        if head.isascii():
            continue  # Acme公司: the Latin name is the organisation's name (latin_names classes it)
        kind = head in generic or len(head) < 2 or any(head.endswith(g) for g in generic if len(g) > 1)
        if suffix == rules.company and kind:
            continue  # 科技公司, 网络安全公司: a kind of company
        out.append(Mention(name, surface(sentence, start, end), "Organization", sentence.index, start, end,
                           "orgname", confidence=0.7))
    return out


def pos_mentions(sentence: Sentence, res: Resources, taken: list[tuple[int, int]]) -> list[Mention]:
    """Places (jieba ``ns``) and organisations (``nt``) the lexicon does not know."""
    stop = res.rules.shared.stop
    rules = res.rules.entities
    out = []
    for t in sentence.tokens:
        if t.tag not in ("ns", "nt") or len(t.text) < 2 or t.text in stop or _covered(taken, t.start, t.end):
            continue
        if not _HAN.search(t.text):
            continue
        if t.tag == "nt" and (len(t.text) < 3 or not t.text.endswith(rules.nt_suffixes)):
            continue  # jieba tags 新生事物 nt: trust only names that end like an organisation's
        if t.tag == "ns" and not t.text.endswith(rules.place_suffixes):
            continue  # jieba tags 深度, 大都, 维度 as places: trust only names that say they are one
        if t.tag == "ns" and t.text.endswith(rules.short_place_words) and len(t.text) < 3:
            continue  # 王国, 城堡: the word, not a place
        cls = "Place" if t.tag == "ns" else "Organization"
        out.append(Mention(t.text, surface(sentence, t.start, t.end), cls, sentence.index, t.start, t.end, "pos",
                           confidence=0.6))
    return out


def suffix_terms(sentence: Sentence, res: Resources, taken: list[tuple[int, int]]) -> list[Mention]:
    """Noun phrases ending in a domain suffix (…化, …经济, …技术) that the lexicon lacks."""
    stop = res.rules.shared.stop
    rules = res.rules.entities
    suffixes = rules.suffixes
    suffix_words = frozenset(suf for suf, _ in suffixes if len(suf) >= 2)
    toks = sentence.tokens
    out: list[Mention] = []
    k = 0
    while k < len(toks):
        opener = toks[k].tag == "b" or toks[k].text in rules.phrase_openers  # 新一代/通信/技术, 在线/教育
        if (toks[k].tag not in NOUNISH and not opener) or _covered(taken, toks[k].start, toks[k].end):
            k += 1
            continue
        j = k
        while j + 1 < len(toks) and (toks[j + 1].tag in NOUNISH or toks[j + 1].text in suffix_words):
            if _covered(taken, toks[j + 1].start, toks[j + 1].end):
                break
            j += 1
            if toks[j].tag not in NOUNISH:
                break  # a verb suffix (创新, 改革) ends the phrase
        # the longest phrase toks[s..j] (s >= k) ending in a suffix, of 3..10 characters
        text_end = toks[j].end
        for s in range(k, j + 1):
            a = toks[s].start
            phrase = sentence.norm[a:text_end]
            if not 3 <= len(phrase) <= 10 or phrase in stop or not _HAN.search(phrase[0]):
                continue
            if (phrase.startswith(rules.determiners) or rules.numbered.match(phrase)
                    or phrase[0] in rules.term_not_first):
                continue  # 整个行业, 三大技术: a reference to something, not a name
            if s == k and toks[s].tag in ("v", "vn") and s < j and len(toks[s].text) == 2:
                continue  # 发展银发经济: the verb is not part of the name; the next start tries without it
            if s == j and len(toks[s].text) == len(phrase) and toks[s].tag not in ("nz", "vn", "n"):
                continue
            cls = next((c for suf, c in suffixes if phrase.endswith(suf) and len(phrase) > len(suf)), None)
            if cls is None or any(ch.isdigit() for ch in phrase):
                continue
            out.append(Mention(phrase, surface(sentence, a, text_end), cls, sentence.index, a, text_end, "suffix",
                               confidence=0.5))
            break
        k = j + 1
    return out


@extractor("entities", requires=(), assigns=("mentions",))
def extract_entities(ex: Extraction, res: Resources) -> Extraction:
    """Mentions of lexicon terms, list members, Latin names, places, organisations, domain terms."""
    rules = res.rules.entities
    heads = rules.compound_heads
    stop = res.rules.shared.stop
    lexicon = res.lexicon
    mentions: list[Mention] = []
    sentences = list(ex.parsed.sentences)
    for sentence in sentences:
        lex = compounds(lexicon_mentions(sentence, lexicon, rules), sentence, heads)
        mentions.extend(lex)
        if sentence.heading:
            continue
        taken = [(m.start, m.end) for m in lex]
        quoted = [q for q in quoted_terms(sentence, lexicon, rules)
                  if not any(m.start <= q.start and q.end <= m.end for m in lex)]
        mentions.extend(quoted)
        taken.extend((q.start, q.end) for q in quoted)
        for a, b, cls, _is_category in list_members(sentence, rules, stop):
            inside = [m for m in lex if m.start >= a and m.end <= b]
            if len(inside) == 1 and inside[0].start == a and inside[0].end == b:
                continue  # the member is a lexicon term: it keeps its class
            if inside and _generic_tail(sentence.norm[a:b], [m.key for m in inside], rules.generic_tails):
                continue
            names = ("Organization", "Person", "Place", "Product")
            run_together = len(inside) > 1 and sum(m.end - m.start for m in inside) == b - a
            if run_together and all(m.cls in names for m in inside):
                continue  # 波音联合利华: two known names run together
            key = sentence.norm[a:b]
            mentions.append(Mention(key, surface(sentence, a, b), cls, sentence.index, a, b, "list", confidence=0.65))
            taken.append((a, b))
        latin = latin_names(sentence, res, taken)
        mentions.extend(latin)
        taken.extend((m.start, m.end) for m in latin)
        orgs = organisation_names(sentence, rules, taken, lexicon)
        if orgs:
            # a known word inside an organisation's name (星河智算公司 ⊃ 智算) is not a mention of its own
            inside = {id(m) for m in mentions if m.sentence == sentence.index and any(
                o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) for o in orgs)}
            mentions = [m for m in mentions if id(m) not in inside]
        mentions.extend(orgs)
        taken.extend((m.start, m.end) for m in orgs)
        pos = pos_mentions(sentence, res, taken)
        mentions.extend(pos)
        taken.extend((m.start, m.end) for m in pos)
        mentions.extend(suffix_terms(sentence, res, taken))
    from kg.extractors.compounds import repeated_compounds  # it builds on this module's helpers

    return new(ex, mentions=tuple(repeated_compounds(sentences, mentions, res)))


def _generic_tail(item: str, keys: list[str], tails: tuple[str, ...]) -> bool:
    """``人工智能技术`` is the lexicon's 人工智能 plus a generic word: not a new entity."""
    for key in keys:
        if item.startswith(key) and item[len(key):] in tails:
            return True
    return False


def mention_counts(mentions: list[Mention]) -> Counter[str]:
    """How often each key is named (anaphors not counted)."""
    return Counter(m.key for m in mentions if not m.rule.startswith("coref"))
