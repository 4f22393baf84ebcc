"""``relatedTo``: entities named in the same sentence, where no better relation fits.

One Relation per sentence and pair; the graph folds them into one statement
per document and pair with a weight (the number of sentences) and at most
three evidence sentences.
"""

from __future__ import annotations

from kg.extractors.base import Resources, extractor, is_name, mentions_by_sentence, new
from kg.types import Extraction, Relation

#: at most this many distinct entities of a sentence take part (long lists add noise, not meaning)
MAX_PER_SENTENCE = 6  # 15 pairs at most; a longer list relates its first six
CONFIDENCE = 0.3


@extractor("cooccurrence", requires=("mentions", "relations"), assigns=("relations",),
           after=("people", "relations", "keywords"),
           why="relatedTo links only what no other relation links, among every entity named")
def extract_cooccurrence(ex: Extraction, res: Resources) -> Extraction:
    """relatedTo between entities sharing a sentence, unless another relation links them."""
    linked = {frozenset((r.subject, r.object)) for r in ex.relations}
    out: list[Relation] = []
    for index, ms in sorted(mentions_by_sentence(ex.mentions).items()):
        if index < 0 or ex.parsed.sentences[index].heading:
            continue
        keys = list(dict.fromkeys(m.key for m in ms if is_name(m)))[:MAX_PER_SENTENCE]
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if frozenset((a, b)) in linked:
                    continue
                s, o = sorted((a, b))
                out.append(Relation(s, "relatedTo", o, index, "cooccurrence.sentence", CONFIDENCE))
    return new(ex, relations=tuple(out))
