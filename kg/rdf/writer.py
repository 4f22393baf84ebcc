"""The resolved model (:mod:`kg.model`) as RDF: a mapping of its fields to properties, no decisions.

:func:`triples` yields the graph as plain terms (an IRI is a ``str``, a literal
a :class:`kg.model.Lit`), so that any sink can take it: :func:`to_graph` puts
it into an rdflib graph (what ``kg.build`` returns and the exporters write); a
streaming N-Triples/Turtle writer or a pyoxigraph store would map the same
terms. Which node gets which property is written here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.model import ClaimNode, DocNode, Entity, Lit, Model, Statement, StatNode
from kg.rdf.iri import KGO_IRI, SCHEMA_IRI

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["build_graph", "to_graph", "triples"]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = RDF + "type"
DERIVED = PROV + "wasDerivedFrom"
EVIDENCE = KGO_IRI + "evidence"

Triple = tuple[str, str, "str | Lit"]


def _entity(e: Entity) -> Iterator[Triple]:
    yield e.iri, TYPE, KGO_IRI + e.cls
    yield e.iri, SKOS + "prefLabel", e.pref_label
    for alt in e.alt_labels:
        yield e.iri, SKOS + "altLabel", alt
    for name, value in e.attributes:
        yield e.iri, SCHEMA_IRI + name, value


def _document(d: DocNode) -> Iterator[Triple]:
    yield d.iri, TYPE, KGO_IRI + "Document"
    for prop, value in ((DCTERMS + "title", d.title), (DCTERMS + "source", d.source),
                        (DCTERMS + "publisher", d.publisher), (DCTERMS + "date", d.date)):
        if value is not None:
            yield d.iri, prop, value
    for creator in d.creators:
        yield d.iri, DCTERMS + "creator", creator
    for entity in d.mentions:
        yield d.iri, SCHEMA_IRI + "mentions", entity


def _statement(st: Statement) -> Iterator[Triple]:
    f = st.fact
    yield st.iri, TYPE, RDF + "Statement"
    yield st.iri, RDF + "subject", f.subject
    yield st.iri, RDF + "predicate", KGO_IRI + f.predicate
    yield st.iri, RDF + "object", f.object
    yield st.iri, DERIVED, st.document
    for ev in st.evidence:
        yield st.iri, EVIDENCE, ev
    yield st.iri, KGO_IRI + "confidence", st.confidence
    yield st.iri, KGO_IRI + "rule", Lit(st.rule)
    if st.weight is not None:
        yield st.iri, KGO_IRI + "weight", Lit(str(st.weight), datatype="integer")


#: StatNode field -> property, for the optional literals and links
_STAT_FIELDS = (
    ("value", KGO_IRI + "value"), ("unit", KGO_IRI + "unit"), ("unit_text", KGO_IRI + "unitText"),
    ("metric", KGO_IRI + "metric"), ("year", KGO_IRI + "year"), ("min_value", SCHEMA_IRI + "minValue"),
    ("max_value", SCHEMA_IRI + "maxValue"), ("qualifier", KGO_IRI + "qualifier"),
    ("about", KGO_IRI + "about"), ("region", KGO_IRI + "region"), ("denominator", KGO_IRI + "denominator"),
)


def _statistic(s: StatNode) -> Iterator[Triple]:
    yield s.iri, TYPE, KGO_IRI + "Statistic"
    yield s.iri, RDFS + "label", s.label
    for name, prop in _STAT_FIELDS:
        value = getattr(s, name)
        if value is not None:
            yield s.iri, prop, value
    if s.is_target:
        yield s.iri, KGO_IRI + "isTarget", Lit("true", datatype="boolean")
    yield s.iri, EVIDENCE, s.evidence
    yield s.iri, DERIVED, s.document


def _claim(c: ClaimNode) -> Iterator[Triple]:
    yield c.iri, TYPE, KGO_IRI + "Claim"
    yield c.iri, KGO_IRI + "speaker", c.speaker
    yield c.iri, KGO_IRI + "text", c.text
    for entity in c.about:
        yield c.iri, KGO_IRI + "about", entity
    yield c.iri, EVIDENCE, c.evidence
    yield c.iri, DERIVED, c.document


def triples(model: Model) -> Iterator[Triple]:
    """Every triple of the model, as plain terms (a triple may come twice: the graph is their set)."""
    for e in model.entities:
        yield from _entity(e)
    for d in model.documents:
        yield from _document(d)
    for f in model.facts:
        yield f.subject, KGO_IRI + f.predicate, f.object
    for st in model.statements:
        yield from _statement(st)
    for s in model.statistics:
        yield from _statistic(s)
    for c in model.claims:
        yield from _claim(c)


def to_graph(model: Model, graph: Graph | None = None) -> Graph:
    """The model as an rdflib graph with zhkg's prefixes bound (or added to ``graph``)."""
    from rdflib import Graph, Literal, URIRef

    from kg.rdf.namespaces import bind_prefixes

    g = graph if graph is not None else bind_prefixes(Graph())
    iris: dict[str, URIRef] = {}
    lits: dict[Lit, Literal] = {}

    def iri(value: str) -> URIRef:
        node = iris.get(value)
        if node is None:
            node = iris[value] = URIRef(value)
        return node

    def term(value: str | Lit) -> URIRef | Literal:
        if isinstance(value, str):
            return iri(value)
        node = lits.get(value)
        if node is None:
            if value.lang:
                node = Literal(value.value, lang=value.lang)
            elif value.datatype:
                node = Literal(value.value, datatype=URIRef(XSD + value.datatype))
            else:
                node = Literal(value.value)
            lits[value] = node
        return node

    # straight into the store: Graph.add only re-checks that every term is an rdflib node, which these are by
    # construction, and costs a tenth of the build's graph stage on a million triples
    add, context = g.store.add, g
    for s, p, o in triples(model):
        add((iri(s), iri(p), term(o)), context, False)
    return g


def build_graph(extractions, lexicon_classes=None, ontology=None) -> Graph:
    """Resolve ``extractions`` (:func:`kg.resolve.resolve`) and write them as an rdflib graph."""
    from kg.resolve import resolve

    return to_graph(resolve(extractions, lexicon_classes, ontology))
