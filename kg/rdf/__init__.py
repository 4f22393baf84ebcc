"""Everything zhkg knows about RDF, in one package.

- :mod:`kg.rdf.iri` — namespaces as strings, canonical keys, IRIs (no rdflib);
- :mod:`kg.rdf.ontology` — the one reader of ``ontology/zhkg.ttl``, from which
  every list of classes and properties is derived;
- :mod:`kg.rdf.vocab`, :mod:`kg.rdf.namespaces` — rdflib namespaces and prefixes;
- :mod:`kg.rdf.writer` — the resolved model (:mod:`kg.model`) as triples / an rdflib graph;
- :mod:`kg.rdf.reader` — a graph read back into plain data for the viewer,
  ``kg eval`` and the build summary;
- :mod:`kg.rdf.lexicon` — the SKOS lexicon files parsed into :class:`kg.lexicon.Entry` values.

Importing this package imports no rdflib; its modules that need rdflib import it themselves.
"""
