"""The zhkg vocabulary as closed rdflib namespaces: a typo is an error, not a
new IRI. ``tests/test_ontology.py`` checks that each is declared in ``ontology/zhkg.ttl``.

Lists of terms (the entity classes, the relation properties, the symmetric
ones) are not written here: :mod:`kg.rdf.ontology` derives them from the
ontology file, so that a property added there needs no change in Python.
Code that handles properties by name (the writer, the reader) uses
``KGO_IRI + name``, not this closed namespace.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.rdf.iri import KGL_IRI, KGO_IRI, KGR_IRI, SCHEMA_IRI

__all__ = ["KGL", "KGL_IRI", "KGO", "KGO_IRI", "KGR", "KGR_IRI", "SCHEMA", "SCHEMA_IRI"]

SCHEMA = Namespace(SCHEMA_IRI)
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

