"""Short coreference: ``这个行业``, ``该技术``, ``之`` stand for a nearby entity.

An anaphor becomes a mention of the nearest preceding entity of a fitting
class (the classes are tried in the order the coref pack, ``coref.toml``, gives), looking back a
few sentences. Such mentions let relations and statistics reach their real
subject; they never add labels to the entity.
"""

from __future__ import annotations

from kg.extractors.base import Resources, extractor, mentions_by_sentence, new
from kg.types import Extraction, Mention

#: how many sentences back an antecedent may be
WINDOW = 4


@extractor("coref", requires=("mentions",), assigns=("mentions",))
def extract_coref(ex: Extraction, res: Resources) -> Extraction:
    """Mentions for anaphors (这个行业, 该技术, 之) resolved to the nearest fitting entity."""
    anaphors = res.rules.coref.anaphors
    by_sentence = mentions_by_sentence(ex.mentions)
    out: list[Mention] = []
    for s in ex.parsed.sentences:
        if s.heading:
            continue
        for rule in anaphors:
            for word in rule.words:
                if word not in s.norm:
                    continue
                spans = []
                if rule.tokens_only:
                    spans = [(t.start, t.end) for t in s.tokens if t.text == word and t.tag.startswith("r")]
                else:
                    start = s.norm.find(word)
                    while start >= 0:
                        spans.append((start, start + len(word)))
                        start = s.norm.find(word, start + 1)
                for a, b in spans:
                    if any(not (b <= m.start or a >= m.end) for m in by_sentence.get(s.index, [])):
                        continue
                    classes = list(rule.classes)
                    # a pronoun (之, 它) takes the nearest fitting entity; a noun (该技术) prefers its class order
                    target = _antecedent(by_sentence, s.index, a, [classes] if rule.tokens_only else
                                         [[c] for c in classes])
                    if target is not None:
                        out.append(Mention(target.key, word, target.cls, s.index, a, b, f"coref:{word}",
                                           lexical=target.lexical, confidence=0.6))
    return new(ex, mentions=tuple(out))


def _antecedent(
    by_sentence: dict[int, list[Mention]], index: int, before: int, groups: list[list[str]]
) -> Mention | None:
    """The most salient preceding mention of a class in the first group that has one.

    Salience is how often the entity is named in the window (the topic of the last few
    sentences, 数字双生, beats a noun met once, 数字模型); ties go to the nearest.
    """
    for group in groups:
        seen: dict[str, tuple[int, int, Mention]] = {}
        for back in range(0, WINDOW + 1):
            cands = [m for m in by_sentence.get(index - back, []) if m.cls in group and m.cls != "Person"]
            if back == 0:
                cands = [m for m in cands if m.end <= before]
            for order, m in enumerate(reversed(cands)):
                count, _, first = seen.get(m.key, (0, 0, m))
                rank = back * 1000 + order  # lower is nearer
                seen[m.key] = (count + 1, min(rank, seen[m.key][1]) if m.key in seen else rank, first)
        if seen:
            # most named first, then a lexicon term over a discovered one, then the nearest
            return max(seen.values(), key=lambda v: (v[0], v[2].lexical, -v[1]))[2]
    return None
