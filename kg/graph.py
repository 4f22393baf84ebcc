"""Extractions -> rdflib.Graph: the only module that knows the graph's RDF shape.

Entities are resolved across documents here: one node per canonical key, its
class decided the same way whatever the input order (the lexicon's class,
else the class most mentions support, else the SPEC's tie-break order), every
surface form kept as a ``skos:altLabel``. Each relation triple gets one
provenance statement per (document, sentence, rule); ``relatedTo`` gets one
per document and pair, with a weight.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from kg.extractors.base import is_name, rule_kind
from kg.iri import canonical_key, doc_iri, entity_iri, is_iri, node_iri
from kg.namespaces import bind_prefixes
from kg.text.script import label_tag
from kg.types import ENTITY_CLASSES, Extraction, Mention, Sentence
from kg.vocab import KGO, SCHEMA, SYMMETRIC

#: mention rules strong enough to make an entity from a single mention
_STRONG = {"lexicon", "person", "org", "orgname", "alias", "list", "latin", "compound", "quoted"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: relatedTo statements keep at most this many evidence sentences
MAX_EVIDENCE = 3


def decimal_text(value: Decimal) -> str:
    """An ``xsd:decimal`` lexical form: no exponent, no needless trailing zeros.

    >>> decimal_text(Decimal("1.4E+20")), decimal_text(Decimal("18.30"))
    ('140000000000000000000', '18.3')
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def confidence(value: float) -> Literal:
    return Literal(f"{min(1.0, max(0.0, value)):.2f}", datatype=XSD.decimal)


def text_literal(text: str, script: str | None = None) -> Literal:
    """A literal tagged by its script (``zh-Hans``/``zh-Hant``); Latin-only text has no tag."""
    tag = label_tag(text)
    if tag == "zh-Hans" and script == "Hant":
        tag = "zh-Hant"  # unchanged by t2s but written in a traditional-script text
    return Literal(text, lang=tag) if tag else Literal(text)


@dataclass
class EntityInfo:
    """What all mentions of one canonical key say about the entity."""

    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    lexical_class: str | None = None
    names: int = 0
    strong: bool = False
    aliases: set[str] = field(default_factory=set)

    def cls(self) -> str:
        if self.lexical_class:
            return self.lexical_class
        if not self.votes:
            return "Concept"
        top = max(self.votes.values())
        return next(c for c in ENTITY_CLASSES if self.votes.get(c) == top)


def _doc_aliases(ex: Extraction) -> dict[str, str]:
    return dict(ex.aliases)


def resolve_entities(extractions: Iterable[Extraction], lexicon_classes: dict[str, str]) -> dict[str, EntityInfo]:
    """Canonical IRI key -> EntityInfo, over every document."""
    info: dict[str, EntityInfo] = {}
    for ex in extractions:
        aliases = _doc_aliases(ex)
        for m in ex.mentions:
            key = canonical_key(aliases.get(m.key, m.key))
            if not key:
                continue
            e = info.setdefault(key, EntityInfo(key))
            e.votes[m.cls] += 1
            if key in lexicon_classes:
                e.lexical_class = lexicon_classes[key]  # the lexicon's class first, however the name was found
            if is_name(m):
                e.names += 1
                e.surfaces[m.surface] += 1
                e.strong = e.strong or rule_kind(m.rule) in _STRONG
        for short, long in aliases.items():
            e = info.get(canonical_key(long))
            if e is not None:
                e.aliases.add(short)
    return info


def _kept(info: dict[str, EntityInfo], used: set[str]) -> set[str]:
    """Entities worth a node: found through strong evidence, named twice, or used by a fact."""
    return {k for k, e in info.items() if e.strong or e.names >= 2 or k in used}


class GraphBuilder:
    """Collects triples for a set of extractions; ``graph()`` returns them as rdflib."""

    def __init__(self, lexicon_classes: dict[str, str] | None = None) -> None:
        self.lexicon_classes = {canonical_key(k): v for k, v in (lexicon_classes or {}).items()}
        self.g = bind_prefixes(Graph())
        self._linked: set[tuple[URIRef, URIRef]] = set()  # pairs a specific relation links, both ways

    def add(self, triple: tuple) -> None:
        self.g.add(triple)

    def build(self, extractions: list[Extraction]) -> Graph:
        extractions = sorted(extractions, key=lambda ex: ex.parsed.doc.id or "")
        info = resolve_entities(extractions, self.lexicon_classes)
        used: set[str] = set()
        for ex in extractions:
            al = _doc_aliases(ex)
            keys = [k for r in ex.relations if r.predicate != "relatedTo" for k in (r.subject, r.object)]
            keys += [k for st in ex.statistics for k in (st.about, st.denominator, st.region) if k]
            keys += [c.speaker for c in ex.claims]
            keys += [k for c in ex.claims for k in c.about]  # what a person's view is about is worth a node
            used.update(canonical_key(al.get(k, k)) for k in keys)
        kept = _kept(info, used)
        for key in sorted(kept):
            self._entity(info[key])
        related: dict[tuple[URIRef, URIRef], dict[str, tuple[URIRef, int, list[Literal]]]] = defaultdict(dict)
        for ex in extractions:
            self._document(ex, kept, related)
        self._related(related)
        return self.g

    # -- nodes -----------------------------------------------------------------------------

    def _entity(self, e: EntityInfo) -> None:
        node = URIRef(entity_iri(e.key))
        g = self.g
        g.add((node, RDF.type, KGO[e.cls()]))
        pref = e.key if e.lexical_class else _preferred_label(e)
        g.add((node, SKOS.prefLabel, text_literal(pref)))
        for alt in sorted(set(e.surfaces) | e.aliases):
            if alt != pref:
                g.add((node, SKOS.altLabel, text_literal(alt)))

    def _document(self, ex: Extraction, kept: set[str], related: dict) -> None:
        g = self.g
        doc = ex.parsed.doc
        script = ex.parsed.script
        dnode = URIRef(doc_iri(doc.id or ""))
        g.add((dnode, RDF.type, KGO.Document))
        if doc.title:
            g.add((dnode, DCTERMS.title, text_literal(doc.title, script)))
        source = doc.url or doc.source
        if source:
            g.add((dnode, DCTERMS.source, URIRef(source) if is_iri(source) else text_literal(source)))
        if doc.publisher:
            g.add((dnode, DCTERMS.publisher, text_literal(doc.publisher)))
        if doc.date and _DATE.match(doc.date):
            g.add((dnode, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
        if doc.author:
            g.add((dnode, DCTERMS.creator, text_literal(doc.author)))
        aliases = _doc_aliases(ex)

        def ent(key: str | None) -> URIRef | None:
            if not key:
                return None
            k = canonical_key(aliases.get(key, key))
            return URIRef(entity_iri(k)) if k in kept else None

        for key in sorted({canonical_key(aliases.get(m.key, m.key)) for m in ex.mentions} & kept):
            g.add((dnode, SCHEMA.mentions, URIRef(entity_iri(key))))
        sentences = ex.parsed.sentences

        def evidence(index: int) -> Literal:
            return text_literal(sentences[index].text, script)

        self._relations(ex, dnode, ent, evidence, related)
        self._statistics(ex, dnode, ent, evidence, sentences, script)
        self._claims(ex, dnode, ent, evidence, script)
        for a in ex.attributes:
            node = ent(a.entity)
            if node is None:
                continue
            if a.name == "birthDate":
                g.add((node, SCHEMA.birthDate, Literal(a.value, datatype=XSD.gYear)))
            else:
                value = Literal(a.value, lang="zh-Hans") if label_tag(a.value) else Literal(a.value)
                g.add((node, SCHEMA[a.name], value))

    def _relations(self, ex: Extraction, dnode: URIRef, ent, evidence, related: dict) -> None:
        """Specific relations now; co-occurrences collected per pair and document for later."""
        g = self.g
        doc_id = ex.parsed.doc.id or ""
        seen: set[tuple] = set()
        pairs: dict[tuple[URIRef, URIRef], set[int]] = defaultdict(set)
        for r in ex.relations:
            s, o = ent(r.subject), ent(r.object)
            if s is None or o is None or s == o:
                continue
            if r.predicate in SYMMETRIC and str(o) < str(s):
                s, o = o, s
            if r.predicate == "relatedTo":
                pairs[(s, o)].add(r.sentence)
                continue
            p = KGO[r.predicate]
            g.add((s, p, o))
            self._linked.update(((s, o), (o, s)))
            text = ex.parsed.sentences[r.sentence].text
            ident = (s, p, o, text, r.rule)
            if ident in seen:
                continue  # a sentence repeated word for word is the same support
            seen.add(ident)
            stmt = URIRef(node_iri("fact", s, p, o, doc_id, text, r.rule))
            self._statement(stmt, s, p, o, dnode, r.confidence, r.rule, [evidence(r.sentence)])
        for pair, indexes in pairs.items():
            distinct = sorted(indexes)
            related[pair][doc_id] = (dnode, len(distinct), [evidence(i) for i in distinct[:MAX_EVIDENCE]])

    def _related(self, related: dict) -> None:
        """relatedTo for pairs that no other relation links, one statement per document."""
        g = self.g
        p = KGO.relatedTo
        for (s, o), per_doc in sorted(related.items()):
            if (s, o) in self._linked:
                continue  # a specific relation says more
            g.add((s, p, o))
            for doc_id, (dnode, weight, evs) in sorted(per_doc.items()):
                stmt = URIRef(node_iri("fact", s, p, o, doc_id))
                self._statement(stmt, s, p, o, dnode, 0.3, "cooccurrence.sentence", evs)
                g.add((stmt, KGO.weight, Literal(str(weight), datatype=XSD.integer)))

    def _statement(self, stmt: URIRef, s: URIRef, p: URIRef, o: URIRef, dnode: URIRef, conf: float, rule: str,
                   evidence: list[Literal]) -> None:
        g = self.g
        g.add((stmt, RDF.type, RDF.Statement))
        g.add((stmt, RDF.subject, s))
        g.add((stmt, RDF.predicate, p))
        g.add((stmt, RDF.object, o))
        g.add((stmt, PROV.wasDerivedFrom, dnode))
        for ev in evidence:
            g.add((stmt, KGO.evidence, ev))
        g.add((stmt, KGO.confidence, confidence(conf)))
        g.add((stmt, KGO.rule, Literal(rule)))

    def _statistics(self, ex: Extraction, dnode: URIRef, ent, evidence, sentences: tuple[Sentence, ...],
                    script: str) -> None:
        g = self.g
        for st in ex.statistics:
            node = URIRef(node_iri("stat", ex.parsed.doc.id, sentences[st.sentence].text, st.label, st.value, st.unit,
                                   st.rule))
            g.add((node, RDF.type, KGO.Statistic))
            g.add((node, RDFS.label, text_literal(st.label, script)))
            if st.value is not None:
                g.add((node, KGO.value, Literal(decimal_text(st.value), datatype=XSD.decimal)))
            if st.unit:
                g.add((node, KGO.unit, Literal(st.unit)))
            if st.unit_text:
                g.add((node, KGO.unitText, text_literal(st.unit_text)))
            if st.metric:
                g.add((node, KGO.metric, text_literal(st.metric)))
            if st.year:
                g.add((node, KGO.year, Literal(st.year, datatype=XSD.gYear)))
            if st.min_value is not None:
                g.add((node, SCHEMA.minValue, Literal(decimal_text(st.min_value), datatype=XSD.decimal)))
            if st.max_value is not None:
                g.add((node, SCHEMA.maxValue, Literal(decimal_text(st.max_value), datatype=XSD.decimal)))
            if st.qualifier:
                g.add((node, KGO.qualifier, text_literal(st.qualifier)))
            if st.is_target:
                g.add((node, KGO.isTarget, Literal("true", datatype=XSD.boolean)))
            for prop, key in ((KGO.about, st.about), (KGO.region, st.region), (KGO.denominator, st.denominator)):
                target = ent(key)
                if target is not None:
                    g.add((node, prop, target))
            g.add((node, KGO.evidence, evidence(st.sentence)))
            g.add((node, PROV.wasDerivedFrom, dnode))

    def _claims(self, ex: Extraction, dnode: URIRef, ent, evidence, script: str) -> None:
        g = self.g
        for c in ex.claims:
            speaker = ent(c.speaker)
            if speaker is None:
                continue
            if c.rule == "claims.signed":
                g.add((dnode, DCTERMS.creator, speaker))  # the author of a signed commentary
            node = URIRef(node_iri("claim", ex.parsed.doc.id, ex.parsed.sentences[c.sentence].text, c.speaker, c.text))
            g.add((node, RDF.type, KGO.Claim))
            g.add((node, KGO.speaker, speaker))
            g.add((node, KGO.text, text_literal(c.text, script)))
            for key in c.about:
                target = ent(key)
                if target is not None and target != speaker:
                    g.add((node, KGO.about, target))
            g.add((node, KGO.evidence, evidence(c.sentence)))
            g.add((node, PROV.wasDerivedFrom, dnode))


def _preferred_label(e: EntityInfo) -> str:
    """The key itself: the canonical simplified form (with its spaces, as most often written)."""
    spaced = [s for s in e.surfaces if canonical_key(s) == e.key and s != e.key and " " in s]
    if spaced and all(ch.isascii() for ch in spaced[0]):
        return sorted(spaced, key=lambda s: (-e.surfaces[s], s))[0]
    return e.key


def build_graph(extractions: list[Extraction], lexicon_classes: dict[str, str] | None = None) -> Graph:
    """The RDF graph of ``extractions`` (any order: the result is the same)."""
    return GraphBuilder(lexicon_classes).build(extractions)


__all__ = ["Mention", "build_graph", "decimal_text"]
