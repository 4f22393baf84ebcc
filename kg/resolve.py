"""The resolve stage: extractions + lexicon + ontology -> :class:`kg.model.Model`.

Every decision about what the graph states is taken here, once; the writer
(:mod:`kg.rdf.writer`) only maps the result to RDF.

- **Entities** are resolved across documents: one per canonical key (computed
  once per mention, after the document's declared aliases), kept when found
  through strong evidence, named twice, or used by a fact; the class is the
  lexicon's, else the one most mentions support, else the first of the SPEC's
  tie-break order; every other surface form becomes an alternative label.
- **Language tags** are settled by script: Chinese text is ``zh-Hans`` or
  ``zh-Hant``, Latin-only text has none; text of a traditional-script document
  is ``zh-Hant`` even where t2s leaves it unchanged.
- **Facts** get one provenance statement per (document, sentence, rule);
  the co-occurrence fallback (``relatedTo``) one per document and pair, with a
  weight and at most :data:`MAX_EVIDENCE` sentences, and only for pairs no
  other relation links. Symmetric facts (from the ontology) put the smaller
  IRI first.

Extractors say what a mention, relation or claim is through explicit fields
of :mod:`kg.types` (``Mention.names``, ``Mention.strong``, ``Claim.signed``);
where an extractor leaves them unset (None), :func:`mention_flags` and
:func:`claim_signed` derive them from the rule id — the only place rule ids
are read.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from kg.errors import KGError
from kg.model import ClaimNode, DocNode, Entity, Fact, Lit, Model, Statement, StatNode
from kg.rdf.iri import KGO_IRI, canonical_key, doc_iri, entity_iri, is_iri, node_iri
from kg.rdf.ontology import Ontology, load
from kg.text.script import label_tag
from kg.types import ENTITY_CLASSES, Claim, Extraction, Mention, Relation

__all__ = ["MAX_EVIDENCE", "Resolver", "claim_signed", "decimal_text", "mention_flags", "resolve",
           "resolve_entities"]

#: rule kinds (the part of a rule id before ``.`` or ``:``) strong enough to make an entity from one mention
STRONG_RULES = frozenset({"lexicon", "person", "org", "orgname", "alias", "list", "latin", "compound", "quoted"})
#: the rule kind of anaphors (pronouns, 该公司 …): they stand for an entity but do not name it
ANAPHOR_RULES = frozenset({"coref"})
#: the rule id of a claim that is the author's own view in a signed commentary
SIGNED_RULE = "claims.signed"
#: the SPEC's fallback property: co-occurrence, folded per document and pair, with a weight
FALLBACK = "relatedTo"
#: fallback statements keep at most this many evidence sentences
MAX_EVIDENCE = 3
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def rule_kind(rule: str) -> str:
    """``people.byline`` -> ``people``, ``coref:pronoun`` -> ``coref``."""
    return rule.split(".", 1)[0].split(":", 1)[0]


def mention_flags(m: Mention) -> tuple[bool, bool]:
    """``(names, strong)`` of a mention: its own fields where set, else read from its rule id.

    >>> from kg.types import Mention
    >>> mention_flags(Mention("贺晗", "他", "Person", 0, 0, 1, "coref:pronoun"))
    (False, False)
    >>> mention_flags(Mention("贺晗", "贺晗", "Person", 0, 0, 2, "person"))
    (True, True)
    """
    kind = rule_kind(m.rule)
    names = m.names if m.names is not None else kind not in ANAPHOR_RULES
    strong = m.strong if m.strong is not None else kind in STRONG_RULES
    return names, strong and names


def claim_signed(c: Claim) -> bool:
    """Whether a claim is the author's view in a signed commentary (its field, else its rule id)."""
    return c.signed if c.signed is not None else c.rule == SIGNED_RULE


def decimal_text(value: Decimal) -> str:
    """An ``xsd:decimal`` lexical form: no exponent, no needless trailing zeros.

    >>> decimal_text(Decimal("1.4E+20")), decimal_text(Decimal("18.30"))
    ('140000000000000000000', '18.3')
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def confidence(value: float) -> Lit:
    """A confidence as an ``xsd:decimal`` in [0, 1] with two places."""
    return Lit(f"{min(1.0, max(0.0, value)):.2f}", datatype="decimal")


def _decimal(value: Decimal | None) -> Lit | None:
    return None if value is None else Lit(decimal_text(value), datatype="decimal")


class _Tags:
    """Language tags by script, each text's looked up once (the look-up converts with OpenCC)."""

    def __init__(self) -> None:
        self._seen: dict[str, str | None] = {}

    def tag(self, text: str) -> str | None:
        if text not in self._seen:
            self._seen[text] = label_tag(text)
        return self._seen[text]

    def text(self, text: str, script: str | None = None) -> Lit:
        """A literal tagged by its script; in a traditional-script text, Chinese is ``zh-Hant`` whatever t2s says."""
        tag = self.tag(text)
        if tag == "zh-Hans" and script == "Hant":
            tag = "zh-Hant"
        return Lit(text, tag)


# --------------------------------------------------------------------------- entities


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
    #: the entity classes in tie-break order
    order: tuple[str, ...] = ENTITY_CLASSES

    def cls(self) -> str:
        """The lexicon's class, else the one most mentions support, else the first in tie-break order."""
        if self.lexical_class:
            return self.lexical_class
        if not self.votes:
            return "Concept"
        top = max(self.votes.values())
        return next(c for c in self.order if self.votes.get(c) == top)

    def preferred_label(self) -> str:
        """The key itself (the canonical simplified form), or a Latin name with its spaces, as most often written."""
        if self.lexical_class:
            return self.key
        spaced = [s for s in self.surfaces if canonical_key(s) == self.key and s != self.key and " " in s]
        if spaced and all(ch.isascii() for ch in spaced[0]):
            return sorted(spaced, key=lambda s: (-self.surfaces[s], s))[0]
        return self.key


class _Keys:
    """One document's entity keys made canonical (after its declared aliases), each once."""

    def __init__(self, ex: Extraction) -> None:
        self.aliases = dict(ex.aliases)
        self._cache: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        k = self._cache.get(key)
        if k is None:
            k = self._cache[key] = canonical_key(self.aliases.get(key, key))
        return k


def resolve_entities(extractions: Iterable[Extraction], lexicon_classes: Mapping[str, str],
                     order: tuple[str, ...] = ENTITY_CLASSES, doc_keys: Mapping[int, _Keys] | None = None,
                     ) -> dict[str, EntityInfo]:
    """Canonical key -> EntityInfo, over every document (in the order given); ``doc_keys`` (by ``id`` of
    the extraction) reuses canonical keys already made."""
    info: dict[str, EntityInfo] = {}
    for ex in extractions:
        keys = doc_keys[id(ex)] if doc_keys else _Keys(ex)
        for m in ex.mentions:
            key = keys(m.key)
            if not key:
                continue
            e = info.get(key)
            if e is None:
                e = info[key] = EntityInfo(key, order=order)
            e.votes[m.cls] += 1
            if key in lexicon_classes:
                e.lexical_class = lexicon_classes[key]  # the lexicon's class first, however the name was found
            names, strong = mention_flags(m)
            if names:
                e.names += 1
                e.surfaces[m.surface] += 1
                e.strong = e.strong or strong
        for short, long in keys.aliases.items():
            target = info.get(canonical_key(long))
            if target is not None:
                target.aliases.add(short)
    return info


def _used_keys(ex: Extraction, keys: _Keys) -> set[str]:
    """Keys a fact uses (a relation other than the fallback, a statistic, a claim): each is worth a node."""
    used = [k for r in ex.relations if r.predicate != FALLBACK for k in (r.subject, r.object)]
    used += [k for st in ex.statistics for k in (st.about, st.denominator, st.region) if k]
    used += [c.speaker for c in ex.claims]
    used += [k for c in ex.claims for k in c.about]  # what a person's view is about is worth a node
    return {keys(k) for k in used}


# --------------------------------------------------------------------------- the resolver


class Resolver:
    """Resolves one set of extractions; :meth:`model` returns the result."""

    def __init__(self, lexicon_classes: Mapping[str, str] | None = None, ontology: Ontology | None = None) -> None:
        self.ontology = ontology or load()
        self.lexicon_classes = {canonical_key(k): v for k, v in (lexicon_classes or {}).items()}
        self.tags = _Tags()
        self.facts: dict[Fact, None] = {}
        self.statements: list[Statement] = []
        self.statistics: dict[StatNode, None] = {}
        self.claims: dict[ClaimNode, None] = {}
        self.documents: list[DocNode] = []
        self.attributes: dict[str, set[tuple[str, Lit]]] = defaultdict(set)
        self.kept: set[str] = set()  # the keys of the entities that get a node
        self._linked: set[tuple[str, str]] = set()  # pairs a specific relation links, both ways
        #: fallback pair -> document id -> (document IRI, weight, evidence, its relations)
        self._fallback: dict[tuple[str, str], dict[str, tuple[str, int, tuple[Lit, ...], list[Relation]]]] = \
            defaultdict(dict)

    def model(self, extractions: Iterable[Extraction]) -> Model:
        extractions = sorted(extractions, key=lambda ex: ex.parsed.doc.id or "")
        doc_keys = {id(ex): _Keys(ex) for ex in extractions}  # each document's keys made canonical once
        info = resolve_entities(extractions, self.lexicon_classes, self.ontology.entity_classes, doc_keys)
        used: set[str] = set()
        for ex in extractions:
            used |= _used_keys(ex, doc_keys[id(ex)])
        self.kept = {k for k, e in info.items() if e.strong or e.names >= 2 or k in used}
        for ex in extractions:
            self._document(ex, doc_keys[id(ex)])
        self._fallbacks()
        entities = tuple(self._entity(info[k]) for k in sorted(self.kept))
        return Model(entities, tuple(self.documents), tuple(self.facts), tuple(self.statements),
                     tuple(self.statistics), tuple(self.claims))

    def _entity(self, e: EntityInfo) -> Entity:
        pref = e.preferred_label()
        alts = tuple(self.tags.text(a) for a in sorted(set(e.surfaces) | e.aliases) if a != pref)
        iri = entity_iri(e.key)
        return Entity(iri, e.key, e.cls(), self.tags.text(pref), alts, tuple(sorted(self.attributes.get(iri, ()))))

    def _document(self, ex: Extraction, keys: _Keys) -> None:
        doc, script, sentences = ex.parsed.doc, ex.parsed.script, ex.parsed.sentences
        kept = self.kept
        dnode = doc_iri(doc.id or "")

        def ent(key: str | None) -> str | None:
            if not key:
                return None
            k = keys(key)
            return entity_iri(k) if k in kept else None

        def evidence(index: int) -> Lit:
            return self.tags.text(sentences[index].text, script)

        self._relations(ex, dnode, ent, evidence)
        creators: list[str | Lit] = [self.tags.text(doc.author)] if doc.author else []
        creators += self._claims(ex, dnode, ent, evidence)
        self._statistics(ex, dnode, ent, evidence)
        for a in ex.attributes:
            node = ent(a.entity)
            if node is None:
                continue
            if a.name == "birthDate":
                value = Lit(a.value, datatype="gYear")
            else:
                value = Lit(a.value, "zh-Hans" if self.tags.tag(a.value) else None)
            self.attributes[node].add((a.name, value))
        source = doc.url or doc.source
        self.documents.append(DocNode(
            dnode,
            title=self.tags.text(doc.title, script) if doc.title else None,
            source=(source if is_iri(source) else self.tags.text(source)) if source else None,
            publisher=self.tags.text(doc.publisher) if doc.publisher else None,
            date=Lit(doc.date, datatype="date") if doc.date and _DATE.match(doc.date) else None,
            creators=tuple(dict.fromkeys(creators)),
            mentions=tuple(entity_iri(k) for k in sorted({keys(m.key) for m in ex.mentions} & kept)),
        ))

    def _relations(self, ex: Extraction, dnode: str, ent, evidence) -> None:
        """Specific relations now; fallback co-occurrences collected per pair and document for later."""
        doc_id = ex.parsed.doc.id or ""
        seen: set[tuple] = set()
        symmetric = self.ontology.symmetric
        pairs: dict[tuple[str, str], tuple[set[int], list[Relation]]] = defaultdict(lambda: (set(), []))
        for r in ex.relations:
            s, o = ent(r.subject), ent(r.object)
            if s is None or o is None or s == o:
                continue
            if r.predicate in symmetric and o < s:
                s, o = o, s
            if r.predicate == FALLBACK:
                pairs[(s, o)][0].add(r.sentence)
                pairs[(s, o)][1].append(r)
                continue
            if not self.ontology.is_property(r.predicate):
                raise KGError(f"rule {r.rule!r} emits kgo:{r.predicate}, which the ontology "
                              f"({self.ontology.path}) does not declare as an object property")
            fact = Fact(s, r.predicate, o)
            self.facts[fact] = None
            self._linked.update(((s, o), (o, s)))
            text = ex.parsed.sentences[r.sentence].text
            p = KGO_IRI + r.predicate
            ident = (s, p, o, text, r.rule)
            if ident in seen:
                continue  # a sentence repeated word for word is the same support
            seen.add(ident)
            stmt = node_iri("fact", s, p, o, doc_id, text, r.rule)
            self.statements.append(Statement(stmt, fact, dnode, (evidence(r.sentence),), confidence(r.confidence),
                                             r.rule))
        for pair, (indexes, relations) in pairs.items():
            distinct = sorted(indexes)
            evs = tuple(evidence(i) for i in distinct[:MAX_EVIDENCE])
            self._fallback[pair][doc_id] = (dnode, len(distinct), evs, relations)

    def _fallbacks(self) -> None:
        """The fallback property for pairs that no other relation links, one statement per document."""
        p = KGO_IRI + FALLBACK
        for (s, o), per_doc in sorted(self._fallback.items()):
            if (s, o) in self._linked:
                continue  # a specific relation says more
            fact = Fact(s, FALLBACK, o)
            self.facts[fact] = None
            for doc_id in sorted(per_doc):
                dnode, weight, evs, relations = per_doc[doc_id]
                # the rule all its co-occurrences share (the smallest id, should several rules emit it)
                rule = min(r.rule for r in relations)
                conf = max(r.confidence for r in relations if r.rule == rule)
                stmt = node_iri("fact", s, p, o, doc_id)
                self.statements.append(Statement(stmt, fact, dnode, evs, confidence(conf), rule, weight))

    def _statistics(self, ex: Extraction, dnode: str, ent, evidence) -> None:
        sentences, script, tags = ex.parsed.sentences, ex.parsed.script, self.tags
        for st in ex.statistics:
            iri = node_iri("stat", ex.parsed.doc.id, sentences[st.sentence].text, st.label, st.value, st.unit, st.rule)
            node = StatNode(
                iri, dnode, tags.text(st.label, script), evidence(st.sentence),
                value=_decimal(st.value),
                unit=Lit(st.unit) if st.unit else None,
                unit_text=tags.text(st.unit_text) if st.unit_text else None,
                metric=tags.text(st.metric) if st.metric else None,
                year=Lit(st.year, datatype="gYear") if st.year else None,
                min_value=_decimal(st.min_value),
                max_value=_decimal(st.max_value),
                qualifier=tags.text(st.qualifier) if st.qualifier else None,
                is_target=bool(st.is_target),
                about=ent(st.about), region=ent(st.region), denominator=ent(st.denominator),
            )
            self.statistics[node] = None

    def _claims(self, ex: Extraction, dnode: str, ent, evidence) -> list[str]:
        """The claims of a document; returns the speakers of signed ones (the document's creators)."""
        creators = []
        for c in ex.claims:
            speaker = ent(c.speaker)
            if speaker is None:
                continue
            if claim_signed(c):
                creators.append(speaker)
            iri = node_iri("claim", ex.parsed.doc.id, ex.parsed.sentences[c.sentence].text, c.speaker, c.text)
            about = tuple(dict.fromkeys(t for key in c.about if (t := ent(key)) is not None and t != speaker))
            node = ClaimNode(iri, dnode, speaker, self.tags.text(c.text, ex.parsed.script), evidence(c.sentence),
                             about)
            self.claims[node] = None
        return creators


def resolve(extractions: Iterable[Extraction], lexicon_classes: Mapping[str, str] | None = None,
            ontology: Ontology | None = None) -> Model:
    """The resolved model of ``extractions`` (any order: the result is the same)."""
    return Resolver(lexicon_classes, ontology).model(extractions)
