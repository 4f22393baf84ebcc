"""The one reader of ``ontology/zhkg.ttl``: classes, properties and everything derived from them.

Every list of terms zhkg uses is derived here from the ontology file, never
written out in Python: the entity classes, the relation properties, the
symmetric and inverse ones, each property's domain and range
(``schema:domainIncludes``/``schema:rangeIncludes``) and the zh/en labels the
viewer shows. A property added to the ontology (with its domain, range and
labels) is therefore known to the resolve stage, the writer, the reader, the
viewer, ``kg eval`` and the build summary without a change in code.

The one thing the file cannot say is the SPEC's tie-break order of the entity
classes (Person, Organization, Place, Product, Technology, Sector, Concept):
it is :data:`kg.types.ENTITY_CLASSES`, which the extractors use too; an entity
class the ontology adds comes after those, by name.

The result is plain data (it pickles to worker processes) and is read once
per process and file; rdflib is imported only to parse the file.

>>> onto = load()
>>> onto.entity_classes
('Person', 'Organization', 'Place', 'Product', 'Technology', 'Sector', 'Concept')
>>> sorted(onto.symmetric), onto.inverse["partOf"]
(['integratesWith', 'relatedTo'], 'hasPart')
>>> onto.label("partOf")
('是……的一部分', 'part of')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from kg.errors import KGError
from kg.rdf.iri import KGO_IRI, SCHEMA_IRI
from kg.resources import ontology_file
from kg.types import ENTITY_CLASSES

__all__ = ["Ontology", "OntologyError", "Term", "allowed", "load", "signatures"]

#: the property whose range names the entity classes (SPEC: a Claim is about "every entity it mentions")
ENTITY_RANGE = "about"


class OntologyError(KGError):
    """The ontology file is missing or not valid Turtle."""


@dataclass(frozen=True, slots=True)
class Term:
    """One ``kgo:`` class or property as the ontology declares it (names are local names)."""

    name: str
    #: ``class``, ``object``, ``datatype`` or ``annotation``
    kind: str
    label_zh: str = ""
    label_en: str = ""
    #: kgo superclasses of a class
    parents: frozenset[str] = frozenset()
    #: kgo classes of ``schema:domainIncludes`` / ``schema:rangeIncludes``
    domain: frozenset[str] = frozenset()
    range: frozenset[str] = frozenset()
    symmetric: bool = False
    inverse: str | None = None
    #: where the file declares it (lists keep the file's order: the order its authors chose)
    position: int = 0


@dataclass(frozen=True)
class Ontology:
    """The terms of one ontology file and the lists derived from them."""

    path: str
    terms: Mapping[str, Term] = field(default_factory=dict)

    def _names(self, kind: str) -> tuple[str, ...]:
        return tuple(sorted((n for n, t in self.terms.items() if t.kind == kind),
                            key=lambda n: (self.terms[n].position, n)))

    @cached_property
    def classes(self) -> tuple[str, ...]:
        """Every kgo class, in the file's order."""
        return self._names("class")

    @cached_property
    def object_properties(self) -> tuple[str, ...]:
        """Every kgo object property, in the file's order."""
        return self._names("object")

    def subclasses(self, name: str) -> frozenset[str]:
        """``name`` and every kgo class below it."""
        out = {name}
        grew = True
        while grew:
            more = {c for c in self.classes if self.terms[c].parents & out} - out
            out |= more
            grew = bool(more)
        return frozenset(out)

    def expand(self, classes: Iterable[str]) -> frozenset[str]:
        """``classes`` with their subclasses, kept to entity classes (a domain or range as extractors check it)."""
        out: set[str] = set()
        for c in classes:
            out |= self.subclasses(c)
        return frozenset(out) & frozenset(self.entity_classes)

    @cached_property
    def entity_classes(self) -> tuple[str, ...]:
        """The classes of entities (the range of ``kgo:about`` with its subclasses), in the SPEC's tie-break order."""
        about = self.terms.get(ENTITY_RANGE)
        found: set[str] = set()
        for c in about.range if about else ():
            found |= self.subclasses(c)
        known = [c for c in ENTITY_CLASSES if c in found]
        return (*known, *sorted(found - set(known)))

    @cached_property
    def node_classes(self) -> tuple[str, ...]:
        """Every class a node of a zhkg graph may have: the entity classes, then the others in the file's order."""
        entity = set(self.entity_classes)
        return (*self.entity_classes, *(c for c in self.classes if c not in entity))

    @cached_property
    def relations(self) -> tuple[str, ...]:
        """Object properties between entities (both domain and range are entity classes), in the file's order."""
        entity = set(self.entity_classes)

        def between_entities(t: Term) -> bool:
            return bool(t.domain) and bool(t.range) and t.domain <= entity and t.range <= entity

        return tuple(p for p in self.object_properties if between_entities(self.terms[p]))

    @cached_property
    def symmetric(self) -> frozenset[str]:
        """Properties declared ``owl:SymmetricProperty`` (written once, the smaller IRI first)."""
        return frozenset(n for n, t in self.terms.items() if t.symmetric)

    @cached_property
    def inverse(self) -> dict[str, str]:
        """property -> its ``owl:inverseOf`` (both directions where the file declares both)."""
        return {n: t.inverse for n, t in self.terms.items() if t.inverse}

    @cached_property
    def signatures(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        """property -> (entity classes its subject may have, entity classes its object may have)."""
        return {n: (self.expand(t.domain), self.expand(t.range)) for n, t in self.terms.items()
                if t.kind != "class" and (t.domain or t.range)}

    def label(self, name: str) -> tuple[str, str]:
        """The (zh, en) labels of a term; ``""`` where the file gives none."""
        t = self.terms.get(name)
        return (t.label_zh, t.label_en) if t else ("", "")

    def is_property(self, name: str) -> bool:
        t = self.terms.get(name)
        return t is not None and t.kind == "object"

    def __reduce__(self):  # pickles as its path and terms (cached lists are recomputed)
        return (Ontology, (self.path, dict(self.terms)))


def _parse(path: Path) -> dict[str, Term]:
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    from kg.rdf.literals import lang, pick
    from kg.store import read_turtle

    graph = read_turtle(path, OntologyError, "ontology")

    def local(node: object) -> str | None:
        text = str(node)
        return text[len(KGO_IRI):] if isinstance(node, URIRef) and text.startswith(KGO_IRI) else None

    kinds = {OWL.Class: "class", OWL.ObjectProperty: "object", OWL.DatatypeProperty: "datatype",
             OWL.AnnotationProperty: "annotation"}
    dom_p, rng_p = URIRef(SCHEMA_IRI + "domainIncludes"), URIRef(SCHEMA_IRI + "rangeIncludes")

    def kgo_objects(s: URIRef, p: URIRef) -> frozenset[str]:
        return frozenset(n for o in graph.objects(s, p) if (n := local(o)))

    # the file's order: where a term's description starts a line (``kgo:partOf``), else after all, by name
    text = path.read_text(encoding="utf-8", errors="replace")
    position: dict[str, int] = {}
    for m in re.finditer(r"^kgo:([A-Za-z_][\w-]*)", text, re.MULTILINE):
        position.setdefault(m.group(1), m.start())
    terms: dict[str, Term] = {}
    for rdf_kind, kind in kinds.items():
        for s in graph.subjects(RDF.type, rdf_kind):
            name = local(s)
            if not name or name in terms:
                continue
            values = [v for v in graph.objects(s, RDFS.label) if isinstance(v, Literal)]
            zh = pick(values, ("zh-hans", "zh-cn", "zh"))
            en = pick(values, ("en", "en-gb", "en-us"))
            inverse = sorted(n for o in graph.objects(s, OWL.inverseOf) if (n := local(o)))
            terms[name] = Term(
                name, kind,
                label_zh=zh if zh and any(lang(v).startswith("zh") for v in values) else "",
                label_en=en if any(lang(v).startswith("en") for v in values) else "",
                parents=kgo_objects(s, RDFS.subClassOf),
                domain=kgo_objects(s, dom_p),
                range=kgo_objects(s, rng_p),
                symmetric=(s, RDF.type, OWL.SymmetricProperty) in graph,
                inverse=inverse[0] if inverse else None,
                position=position.get(name, len(text)),
            )
    return terms


@cache
def _load(path: str) -> Ontology:
    return Ontology(path, _parse(Path(path)))


def load(path: str | Path | None = None) -> Ontology:
    """The ontology at ``path`` (default: zhkg's ``ontology/zhkg.ttl``), read once per process."""
    return _load(str(Path(path if path is not None else ontology_file("zhkg.ttl")).resolve()))


def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """property -> (classes its subject may have, classes its object may have), of zhkg's ontology.

    >>> dom, rng = signatures()["affiliatedWith"]
    >>> sorted(dom), sorted(rng)
    (['Person'], ['Organization'])
    """
    return load().signatures


def allowed(prop: str, subject_cls: str, object_cls: str) -> bool:
    """Whether ``subject prop object`` fits the property's domain and range."""
    sig = signatures().get(prop)
    if sig is None:
        return True
    return subject_cls in sig[0] and object_cls in sig[1]
