"""Keywords: the terms a document keeps returning to, found by TextRank.

TextRank runs over zhkg's own tokens (not jieba's global tokenizer): nouns
that no other mention covers are linked when they appear within a few words
of each other, ranked with PageRank (:func:`pagerank`, a few lines of power
iteration: networkx's own needs scipy, 100 MB for graphs of a few hundred
nodes) and weighted by jieba's IDF table, so
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


def pagerank(links: dict[str, dict[str, None]], alpha: float = 0.85, tol: float = 1e-6,
             max_iter: int = 100) -> dict[str, float]:
    """PageRank of an undirected graph given as insertion-ordered neighbour sets, as networkx computes it.

    The iteration order is the insertion order, so the floats (and hence the ranking) do not depend
    on ``PYTHONHASHSEED``; it stops where networkx stops (total change under ``n * tol``).

    On the path a-b-c the fixed point solves b = 0.05 + 0.85 (a + c), a = c = 0.05 + 0.85 b / 2,
    so b = 0.135 / 0.2775 = 0.48649 and a = 0.25676:

    >>> r = pagerank({"a": {"b": None}, "b": {"a": None, "c": None}, "c": {"b": None}})
    >>> round(r["b"], 4), round(r["a"], 4), round(sum(r.values()), 6)
    (0.4865, 0.2568, 1.0)
    """
    nodes = list(links)
    n = len(nodes)
    if not n:
        return {}
    x = dict.fromkeys(nodes, 1.0 / n)
    dangling = [v for v in nodes if not links[v]]
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / n + alpha * sum(last[v] for v in dangling) / n
        x = dict.fromkeys(nodes, base)
        for v in nodes:
            if links[v]:
                share = alpha * last[v] / len(links[v])
                for u in links[v]:
                    x[u] += share
        if sum(abs(x[v] - last[v]) for v in nodes) < n * tol:
            break
    return x


@extractor("keywords", requires=("mentions",), assigns=("mentions",),
           after=("entities", "aliases", "people", "coref", "relations", "claims", "statistics"),
           why="a TextRank term only fills gaps, it never takes a fact's subject")
def extract_keywords(ex: Extraction, res: Resources) -> Extraction:
    """Concepts for the document's TextRank keywords that nothing else named."""
    stop = res.rules.shared.stop
    covered: dict[int, list[tuple[int, int]]] = {}
    for m in ex.mentions:
        covered.setdefault(m.sentence, []).append((m.start, m.end))
    idf = idf_table()
    high = highest_idf()
    links: dict[str, dict[str, None]] = {}
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
            links.setdefault(w, {})
            for v in words[i + 1 : i + WINDOW]:
                if v != w:
                    links[w][v] = None
                    links.setdefault(v, {})[w] = None
    candidates = [w for w in links if counts[w] >= MIN_COUNT]
    if not candidates:
        return new(ex)
    rank = pagerank(links) if any(links.values()) else dict.fromkeys(links, 1.0)
    # rounded so that float noise in the last digits never reorders two equal scores
    best = sorted(candidates, key=lambda w: (-round(rank[w] * idf.get(w, high), 12), w))[:TOP]
    sentences = ex.parsed.sentences
    mentions = [
        Mention(w, surface(sentences[i], a, b), "Concept", i, a, b, "keyword", confidence=0.45)
        for w in best
        for i, a, b in places[w]
    ]
    return new(ex, mentions=tuple(mentions))
