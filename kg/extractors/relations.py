"""Relations between entities from cue patterns (``ontology/cues.toml``).

Each rule is a regular expression over the mention-abstracted sentence; its S
and O groups may hold lists (``X、Y和Z``), and every (subject, object) pair that
fits the property's domain and range is a fact. Questions assert nothing and a
negation between subject and object drops the fact.
"""

from __future__ import annotations

from kg.extractors.base import (
    Abstracted,
    Resources,
    abstract,
    extractor,
    mentions_by_sentence,
    new,
    tokens_between,
)
from kg.ontology import allowed
from kg.types import Extraction, Mention, Relation, Sentence


def _negated(a: Abstracted, start: int, end: int, negations: frozenset[str]) -> bool:
    """A negation token between the end of S and the start of O (``不是``, ``并不``)."""
    ns, ne = a.norm_span(start, end)
    return any(t in negations for t in tokens_between(a.sentence, ns, ne))


_PHRASE_GOES_ON = frozenset({"相关", "领域", "行业", "产业", "方面", "类", "型"})
_NOUN_TAGS = frozenset({"n", "nz", "vn", "nt", "ns", "nr", "eng", "j", "l", "ng", "an"})


def _ends_phrase(s: Sentence, m: Mention) -> bool:
    """No noun follows the mention: it is the head of its phrase."""
    nxt = next((t for t in s.tokens if t.start >= m.end), None)
    return nxt is None or (nxt.tag not in _NOUN_TAGS and nxt.text not in _PHRASE_GOES_ON)


@extractor("relations", requires=("mentions",), assigns=("relations",))
def extract_relations(ex: Extraction, res: Resources) -> Extraction:
    """Facts for every SPEC property from cue patterns, lists expanded, negations dropped."""
    cfg = res.cues.section("relations")
    negations = frozenset(cfg["negations"])
    questions = tuple(cfg["questions"])
    by_sentence = mentions_by_sentence(ex.mentions)
    found: list[Relation] = []
    for s in ex.parsed.sentences:
        ms = by_sentence.get(s.index, [])
        if len(ms) < 2 or s.norm.rstrip().endswith(("？", "?")):
            continue
        a = abstract(s, ms)
        for rule in res.cues.relation_rules:
            if rule.cues and not any(c in a.text for c in rule.cues):
                continue
            for m in rule.pattern.finditer(a.text):
                span = a.text[m.start() : m.end()]
                if any(q in span for q in questions):
                    continue
                s_start, s_end = m.span("S")
                o_start, o_end = m.span("O")
                gap = (s_end, o_start) if s_end <= o_start else (o_end, s_start)
                if not rule.negation_ok and _negated(a, *gap, negations):
                    continue
                groups = m.re.groupindex
                subjects = a.entities(s_start, s_end)
                objects = a.entities(o_start, o_end)
                if "S2" in groups and m.group("S2"):
                    subjects += a.entities(*m.span("S2"))
                if "O2" in groups and m.group("O2"):
                    objects += a.entities(*m.span("O2"))
                if rule.head_object:
                    objects = [om for om in objects if _ends_phrase(s, om)]
                if rule.object_not_suffix:
                    objects = [om for om in objects if not om.key.endswith(rule.object_not_suffix)]
                for sm in subjects:
                    for om in objects:
                        if sm.key == om.key or not allowed(rule.property, sm.cls, om.cls):
                            continue
                        found.append(Relation(sm.key, rule.property, om.key, s.index, f"relations.{rule.id}",
                                              rule.confidence))
    return new(ex, relations=tuple(found))
