"""Prefixes every zhkg graph binds, in one place."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.vocab import KGO_IRI, KGR_IRI, SCHEMA

PREFIXES: dict[str, Namespace] = {
    "dcterms": DCTERMS,
    "kgo": Namespace(KGO_IRI),
    "kgr": Namespace(KGR_IRI),
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SCHEMA,
    "skos": SKOS,
    "xsd": XSD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind zhkg's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph
