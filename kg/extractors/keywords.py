"""Keywords: the terms a document keeps returning to, found by TextRank.

TextRank runs over zhkg's own tokens (not jieba's global tokenizer): nouns
that no other mention covers are linked when they appear within a few words
of each other, ranked with PageRank and weighted by jieba's IDF table, so
common words (企业, 问题) lose to rare ones (晶体管, 黑灰产). The best few
that the text names at least twice become Concept mentions — with low
confidence; the lexicon grows by data, this only fills gaps.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import cache

from kg.extractors.base import Resources, extractor, new
from kg.extractors.entities import surface
from kg.types import Extraction, Mention

#: candidate words: nouns of at least two characters
_TAGS = frozenset({"n", "nz", "vn", "eng", "j", "nl", "ng"})
WINDOW = 5
#: at most this many keywords a document
TOP = 5
#: a keyword is named at least this often
MIN_COUNT = 3
#: words at least this rare (jieba IDF) may be keywords; unknown words count as rare
MIN_IDF = 8.5


@cache
def idf_table() -> dict[str, float]:
    """jieba's IDF table (word -> inverse document frequency), read once per process."""
    import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")
    table: dict[str, float] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, _, value = line.rstrip("\n").partition(" ")
            if value:
                table[word] = float(value)
    return table


@cache
def highest_idf() -> float:
    """The IDF of the rarest known word, given to words jieba has never seen (computed once: the
    table has 350,000 entries)."""
    table = idf_table()
    return max(table.values()) if table else 12.0


@extractor("keywords", requires=("mentions",), assigns=("mentions",))
def extract_keywords(ex: Extraction, res: Resources) -> Extraction:
    """Concepts for the document's TextRank keywords that nothing else named."""
    import networkx as nx

    stop = set(res.cues.section("discovery")["stop"])
    covered: dict[int, list[tuple[int, int]]] = {}
    for m in ex.mentions:
        covered.setdefault(m.sentence, []).append((m.start, m.end))
    idf = idf_table()
    high = highest_idf()
    graph = nx.Graph()
    counts: Counter[str] = Counter()
    places: dict[str, list[tuple[int, int, int]]] = {}
    for s in ex.parsed.sentences:
        if s.heading:
            continue
        spans = covered.get(s.index, [])
        words = []
        for t in s.tokens:
            text = t.text
            if (t.tag not in _TAGS or len(text) < 2 or text in stop or text.isascii()
                    or any(not (t.end <= a or t.start >= b) for a, b in spans)):
                continue
            if idf.get(text, high) < MIN_IDF or res.lexicon.lookup(text) is not None:
                continue
            words.append(text)
            counts[text] += 1
            places.setdefault(text, []).append((s.index, t.start, t.end))
        for i, w in enumerate(words):
            graph.add_node(w)
            for v in words[i + 1 : i + WINDOW]:
                if v != w:
                    graph.add_edge(w, v)
    candidates = [w for w in graph.nodes if counts[w] >= MIN_COUNT]
    if not candidates:
        return new(ex)
    rank = nx.pagerank(graph) if graph.number_of_edges() else {w: 1.0 for w in graph.nodes}
    best = sorted(candidates, key=lambda w: (-rank[w] * idf.get(w, high), w))[:TOP]
    sentences = ex.parsed.sentences
    mentions = [
        Mention(w, surface(sentences[i], a, b), "Concept", i, a, b, "keyword", confidence=0.45)
        for w in best
        for i, a, b in places[w]
    ]
    return new(ex, mentions=tuple(mentions))
