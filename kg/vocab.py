"""The zhkg vocabulary as closed rdflib namespaces: a typo is an error, not a
new IRI. ``tests/test_ontology.py`` keeps these terms equal to ``ontology/zhkg.ttl``."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KGO_IRI = "https://w3id.org/zhkg/ontology#"
KGR_IRI = "https://w3id.org/zhkg/resource/"
KGL_IRI = "https://w3id.org/zhkg/lexicon/"

SCHEMA = Namespace("https://schema.org/")
KGR = Namespace(KGR_IRI)
KGL = Namespace(KGL_IRI)


class KGO(DefinedNamespace):
    """Classes and properties of ``ontology/zhkg.ttl``."""

    _NS = Namespace(KGO_IRI)
    _fail = True

    # classes
    Concept: URIRef
    Technology: URIRef
    Sector: URIRef
    Product: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Statistic: URIRef
    Claim: URIRef
    Document: URIRef

    # relations between entities
    partOf: URIRef
    hasPart: URIRef
    isA: URIRef
    integratesWith: URIRef
    enables: URIRef
    requires: URIRef
    constrains: URIRef
    appliedIn: URIRef
    relatedTo: URIRef
    affiliatedWith: URIRef
    locatedIn: URIRef
    about: URIRef
    speaker: URIRef
    region: URIRef
    denominator: URIRef

    # literals
    metric: URIRef
    value: URIRef
    unit: URIRef
    unitText: URIRef
    year: URIRef
    qualifier: URIRef
    isTarget: URIRef
    text: URIRef
    evidence: URIRef
    confidence: URIRef
    rule: URIRef
    weight: URIRef

    # lexicon annotations (ontology/lexicon.ttl)
    entityClass: URIRef
    jiebaTag: URIRef
    jiebaFreq: URIRef


#: relation properties the extractors may emit (hasPart is only declared, never emitted)
RELATIONS: tuple[str, ...] = (
    "partOf",
    "isA",
    "integratesWith",
    "enables",
    "requires",
    "constrains",
    "appliedIn",
    "relatedTo",
    "affiliatedWith",
    "locatedIn",
)
SYMMETRIC: frozenset[str] = frozenset({"integratesWith", "relatedTo"})
