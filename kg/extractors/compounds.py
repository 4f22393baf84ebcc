"""Repeated noun compounds, for the entities stage (:mod:`kg.extractors.entities`).

Entities that the lexicon does not know are often noun compounds an article keeps naming:
国家数据基础设施, 数据资产登记, 数据持有权. A run of nouns that a document names at least
:data:`MIN_REPEATS` times becomes a candidate entity (rule ``compound.repeated``, confidence 0.5,
below a lexicon term's), taking the place of the concepts inside it: heads keep their modifiers.
The words that may not open or end such a compound are data (``entities.toml``: scope words,
process and measure words, job titles; the statistics pack's metrics).
"""

from __future__ import annotations

from collections import Counter

from kg.extractors.base import Resources, is_han
from kg.extractors.entities import surface
from kg.types import Mention, Sentence

#: tags of the words a repeated compound is made of
_COMPOUND_TAGS = frozenset({"n", "nz", "vn", "j", "ng", "nl"})
#: …and of its first word
_COMPOUND_FIRST = frozenset({"n", "nz", "j"})
_NAMES = frozenset({"Organization", "Person", "Place", "Product"})
#: how often a document must name a compound for it to become an entity
MIN_REPEATS = 3


def compound_spans(sentence: Sentence, res: Resources) -> list[tuple[int, int]]:
    """Runs of two or more nouns in a sentence, trimmed of scope words before and process or measure words
    after (全球数字经济发展 -> 数字经济 is no compound of its own), of 4-10 Chinese characters."""
    rules = res.rules.entities
    stop = res.rules.shared.stop
    metrics = res.rules.statistics.metrics  # a figure's metric (用户数量, 渗透率) ends no compound either
    titles = res.rules.people.titles  # nor a job title (网络金融部副总经理 is a post)
    toks = sentence.tokens
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        if toks[k].tag not in _COMPOUND_TAGS:
            k += 1
            continue
        j = k
        while j + 1 < len(toks) and toks[j + 1].tag in _COMPOUND_TAGS and toks[j + 1].start == toks[j].end:
            j += 1
        a, b = k, j
        if any(t.text.endswith(titles) for t in toks[k:j + 1]):
            k = j + 1
            continue  # a post (网络金融部副总经理), not a term
        while a <= b and (toks[a].text in rules.compound_first_not or toks[a].tag not in _COMPOUND_FIRST):
            a += 1  # a verbal noun opens a clause (建设数字中国, 部署后门程序), not a name
        while b >= a and (toks[b].text in rules.compound_tail_not or toks[b].text.endswith(metrics)
                          or toks[b].text[-1] in rules.measure_ends):
            b -= 1
        if b > a:
            text = sentence.norm[toks[a].start:toks[b].end]
            if (4 <= len(text) <= 10 and all(is_han(ch) for ch in text) and text not in stop
                    and not text.startswith(rules.determiners) and text[0] not in rules.term_not_first):
                spans.append((toks[a].start, toks[b].end))
        k = j + 1
    return spans


def repeated_compounds(sentences: list[Sentence], mentions: list[Mention], res: Resources) -> list[Mention]:
    """Noun compounds the document names at least twice (国家数据基础设施, 数据资产登记) become candidate
    entities, with a lower confidence than a lexicon term; a compound takes the place of the concepts
    inside it (heads keep their modifiers), never of a name (华为云 stays 华为 + …)."""
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    found: list[tuple[Sentence, int, int]] = []
    for s in sentences:
        if s.heading:
            continue
        for a, b in compound_spans(s, res):
            here = by_sentence.get(s.index, [])
            if any(m.start == a and m.end == b for m in here):
                continue  # already an entity
            if any(m.start < b and a < m.end and not (a <= m.start and m.end <= b) for m in here):
                continue  # a mention crosses its edge
            if any(a <= m.start and m.end <= b and m.cls in _NAMES for m in here):
                continue
            found.append((s, a, b))
    counts = Counter(s.norm[a:b] for s, a, b in found)
    kept = [(s, a, b) for s, a, b in found if counts[s.norm[a:b]] >= MIN_REPEATS]
    if not kept:
        return mentions
    suffixes = res.rules.entities.suffixes
    inside: set[int] = set()
    out = list(mentions)
    for s, a, b in kept:
        key = s.norm[a:b]
        cls = next((c for suf, c in suffixes if key.endswith(suf) and len(key) > len(suf)), "Concept")
        inside.update(id(m) for m in by_sentence.get(s.index, []) if a <= m.start and m.end <= b)
        out.append(Mention(key, surface(s, a, b), cls, s.index, a, b, "compound.repeated", confidence=0.5))
    return [m for m in out if id(m) not in inside]
