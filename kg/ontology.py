"""What the extractors need from ``ontology/zhkg.ttl``: each relation's domain and range.

Read once per process; the result is plain data (it pickles to workers).
"""

from __future__ import annotations

from functools import cache

from kg.resources import ontology_file
from kg.types import ENTITY_CLASSES
from kg.vocab import KGO_IRI

#: classes whose members also count as Concepts
CONCEPT_LIKE = frozenset({"Concept", "Technology", "Sector"})


@cache
def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """property -> (classes its subject may have, classes its object may have).

    >>> dom, rng = signatures()["affiliatedWith"]
    >>> sorted(dom), sorted(rng)
    (['Person'], ['Organization'])
    """
    from rdflib import Graph, URIRef

    graph = Graph().parse(ontology_file("zhkg.ttl"), format="turtle")
    dom_p = URIRef("https://schema.org/domainIncludes")
    rng_p = URIRef("https://schema.org/rangeIncludes")
    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for prop in set(graph.subjects(dom_p, None)) | set(graph.subjects(rng_p, None)):
        name = str(prop).removeprefix(KGO_IRI)
        out[name] = (_expand(graph.objects(prop, dom_p)), _expand(graph.objects(prop, rng_p)))
    return out


def _expand(classes) -> frozenset[str]:
    names = {str(c).removeprefix(KGO_IRI) for c in classes}
    if "Concept" in names:
        names |= CONCEPT_LIKE
    return frozenset(n for n in names if n in ENTITY_CLASSES)


def allowed(prop: str, subject_cls: str, object_cls: str) -> bool:
    """Whether ``subject prop object`` fits the property's domain and range."""
    sig = signatures().get(prop)
    if sig is None:
        return True
    return subject_cls in sig[0] and object_cls in sig[1]
