"""A graph read back into plain data: what the viewer, ``kg eval`` and the build summary need.

The three readers of a built graph used to walk its triples each in their own
way; they now take one of these:

- :func:`read` -> :class:`View`: nodes (any node typed with an ontology class),
  the edges between them with their ``rdf:Statement`` provenance, statistics,
  claims and documents — what the HTML page shows;
- :func:`read_facts` -> :class:`Facts`: labels, types, relation triples,
  statistics, claims and attributes of every subject — what a gold file is
  scored against;
- :func:`census` -> :class:`Census`: counts by class and property.

Which properties are edges, which are symmetric, which classes a node may
have: all from :mod:`kg.rdf.ontology`. IRIs are plain strings; labels are
chosen among several by :func:`kg.rdf.literals.pick`. The graph may come from
elsewhere (``kg view`` and ``kg eval`` take any Turtle), so nothing is assumed
beyond what is read.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node as RDFNode

from kg.rdf.iri import KGO_IRI, KGR_IRI
from kg.rdf.literals import pick
from kg.rdf.ontology import Ontology, load
from kg.rdf.vocab import SCHEMA

__all__ = ["Census", "ClaimInfo", "DocInfo", "Edge", "Facts", "Node", "StatInfo", "Support", "View", "census",
           "local_name", "read", "read_facts"]

#: literal attributes of entities (schema:) that readers show and score
ATTRIBUTES: tuple[str, ...] = ("jobTitle", "birthDate")


def local_name(iri: str) -> str:
    """A readable name for an IRI: the decoded part after ``kgr:``/``kgo:``, else after its last ``/`` or ``#``.

    >>> local_name("https://w3id.org/zhkg/resource/%E7%AE%97%E5%8A%9B"), local_name("http://x.org/a#b")
    ('算力', 'b')
    """
    for base in (KGR_IRI, KGO_IRI):
        if iri.startswith(base):
            return unquote(iri[len(base):])
    return unquote(re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri)


def _kgo_name(node: RDFNode) -> str:
    text = str(node)
    return text[len(KGO_IRI):] if text.startswith(KGO_IRI) else ""


def _by_subject(graph: Graph, pred: URIRef) -> dict[RDFNode, list[RDFNode]]:
    """``subject -> [objects]`` for one predicate: one index scan instead of a lookup per node."""
    out: dict[RDFNode, list[RDFNode]] = defaultdict(list)
    for s, o in graph.subject_objects(pred):
        out[s].append(o)
    return out


def _first(graph: Graph, s: RDFNode, p: URIRef) -> RDFNode | None:
    values = sorted(graph.objects(s, p), key=str)
    return values[0] if values else None


def _num(values: Sequence[RDFNode]) -> float | None:
    for v in values:
        try:
            return round(float(v), 2)
        except (TypeError, ValueError):
            continue
    return None


# --------------------------------------------------------------------------- the view


@dataclass(frozen=True, slots=True)
class Node:
    """A node typed with an ontology class: its primary class (the first in the ontology's node order)."""

    iri: str
    cls: str
    types: tuple[str, ...]
    label: str = ""
    alts: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    #: documents that mention it
    docs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Support:
    """One evidence sentence of an edge, from one ``rdf:Statement``."""

    sentence: str
    doc: str | None
    confidence: float | None
    rule: str
    weight: int


@dataclass(slots=True)
class Edge:
    """A triple between two nodes (symmetric ones with the smaller IRI first) and its support."""

    s: str
    p: str
    o: str
    statements: list[Support] = field(default_factory=list)
    weight: int = 0


@dataclass(frozen=True, slots=True)
class StatInfo:
    """A statistic's fields as written (``value``, ``min``, ``max``: lexical forms)."""

    iri: str
    label: str
    value: str | None
    min: str | None
    max: str | None
    unit: str | None
    unit_text: str | None
    year: str | None
    metric: str | None
    qualifier: str | None
    target: bool
    about: tuple[str, ...]
    region: tuple[str, ...]
    denominator: tuple[str, ...]
    evidence: str
    doc: str | None


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    iri: str
    speaker: tuple[str, ...]
    text: str
    about: tuple[str, ...]
    evidence: str
    doc: str | None


@dataclass(frozen=True, slots=True)
class DocInfo:
    iri: str
    title: str
    source: str = ""
    date: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class View:
    """Everything the HTML page shows, read from a graph."""

    nodes: dict[str, Node]
    edges: list[Edge]
    stats: dict[str, StatInfo]
    claims: dict[str, ClaimInfo]
    docs: dict[str, DocInfo]
    ontology: Ontology


def _nodes(graph: Graph, onto: Ontology) -> dict[str, Node]:
    types: dict[URIRef, list[str]] = defaultdict(list)
    for cls in onto.node_classes:
        for s in graph.subjects(RDF.type, URIRef(KGO_IRI + cls)):
            if isinstance(s, URIRef):
                types[s].append(cls)
    pref = _by_subject(graph, SKOS.prefLabel)
    alt = _by_subject(graph, SKOS.altLabel)
    rdfs_label = _by_subject(graph, RDFS.label)
    title = _by_subject(graph, DCTERMS.title)
    name = _by_subject(graph, SCHEMA.name)
    attrs: dict[RDFNode, list[tuple[str, str]]] = defaultdict(list)
    for attr in ATTRIBUTES:
        for s, o in graph.subject_objects(SCHEMA[attr]):
            if s in types and isinstance(o, Literal):
                attrs[s].append((attr, str(o)))
    docs: dict[RDFNode, set[str]] = defaultdict(set)
    for doc, ent in graph.subject_objects(SCHEMA.mentions):
        if ent in types and isinstance(doc, URIRef):
            docs[ent].add(str(doc))
    nodes: dict[str, Node] = {}
    for iri, ts in types.items():
        label = (pick(pref.get(iri, ())) or pick(rdfs_label.get(iri, ())) or pick(title.get(iri, ()))
                 or pick(name.get(iri, ())) or local_name(str(iri)))
        alts = sorted({str(v) for v in (*alt.get(iri, ()), *pref.get(iri, ()))
                       if isinstance(v, Literal) and str(v) != label})
        nodes[str(iri)] = Node(str(iri), ts[0], tuple(dict.fromkeys(ts)), label, tuple(alts),
                               tuple(sorted(attrs.get(iri, ()))), tuple(sorted(docs.get(iri, ()))))
    return nodes


def _docs(graph: Graph, nodes: dict[str, Node], derived: dict[RDFNode, list[RDFNode]]) -> dict[str, DocInfo]:
    doc_ids = {d for n in nodes.values() for d in n.docs} | {s for s, n in nodes.items() if n.cls == "Document"}
    doc_ids |= {str(o) for objs in derived.values() for o in objs if isinstance(o, URIRef)}
    title = _by_subject(graph, DCTERMS.title)
    source = _by_subject(graph, DCTERMS.source)
    date = _by_subject(graph, DCTERMS.date)
    publisher = _by_subject(graph, DCTERMS.publisher)
    out: dict[str, DocInfo] = {}
    for d in sorted(doc_ids):
        ref = URIRef(d)
        src = source.get(ref, [])
        out[d] = DocInfo(d, pick(title.get(ref, ())) or local_name(d), str(min(src, key=str)) if src else "",
                         str(min(date.get(ref, []), key=str, default="")), pick(publisher.get(ref, ())))
    return out


def _edges(graph: Graph, nodes: dict[str, Node], onto: Ontology, first_doc) -> list[Edge]:
    symmetric = onto.symmetric
    edges: dict[tuple[str, str, str], Edge] = {}
    for pname in (*onto.object_properties, "mentions"):
        pred = SCHEMA.mentions if pname == "mentions" else URIRef(KGO_IRI + pname)
        for s_node, o_node in graph.subject_objects(pred):
            s, o = str(s_node), str(o_node)
            if s in nodes and o in nodes and s != o and isinstance(o_node, URIRef):
                if pname in symmetric and o < s:
                    s, o = o, s
                edges.setdefault((s, pname, o), Edge(s, pname, o))
    evidence = _by_subject(graph, URIRef(KGO_IRI + "evidence"))
    confidence = _by_subject(graph, URIRef(KGO_IRI + "confidence"))
    rule = _by_subject(graph, URIRef(KGO_IRI + "rule"))
    weight = _by_subject(graph, URIRef(KGO_IRI + "weight"))
    pred_of = _by_subject(graph, RDF.predicate)
    obj = _by_subject(graph, RDF.object)
    for st, ss in _by_subject(graph, RDF.subject).items():
        if not pred_of.get(st) or not obj.get(st):
            continue
        s, pname, o = str(ss[0]), _kgo_name(pred_of[st][0]), str(obj[st][0])
        if pname in symmetric and o < s:
            s, o = o, s
        edge = edges.get((s, pname, o))
        if edge is None:
            continue
        w = int(_num(weight.get(st, ())) or 0)
        edge.weight += w
        for sentence in sorted(str(e) for e in evidence.get(st, ())) or [""]:
            edge.statements.append(Support(sentence, first_doc(st), _num(confidence.get(st, ())),
                                           pick(rule.get(st, ())), w))
    return sorted(edges.values(), key=lambda e: (e.s, e.p, e.o))


def _stats(graph: Graph, nodes: dict[str, Node], about, evidence, first_doc) -> dict[str, StatInfo]:
    out: dict[str, StatInfo] = {}

    def text(v: RDFNode | None) -> str | None:
        return str(v) if v is not None else None

    def lexical(v: RDFNode | None) -> str | None:
        return str(v) if isinstance(v, Literal) else None

    for iri in sorted(i for i, n in nodes.items() if n.cls == "Statistic"):
        ref = URIRef(iri)
        g = {p: _first(graph, ref, URIRef(KGO_IRI + p))
             for p in ("value", "unit", "unitText", "year", "metric", "qualifier", "isTarget")}
        out[iri] = StatInfo(
            iri, nodes[iri].label, lexical(g["value"]), lexical(graph.value(ref, SCHEMA.minValue)),
            lexical(graph.value(ref, SCHEMA.maxValue)), text(g["unit"]), text(g["unitText"]), text(g["year"]),
            text(g["metric"]), text(g["qualifier"]), str(g["isTarget"]).lower() == "true",
            tuple(sorted(str(o) for o in about.get(ref, ()) if isinstance(o, URIRef))),
            tuple(sorted(str(o) for o in graph.objects(ref, URIRef(KGO_IRI + "region")))),
            tuple(sorted(str(o) for o in graph.objects(ref, URIRef(KGO_IRI + "denominator")))),
            pick(evidence.get(ref, ())), first_doc(ref),
        )
    return out


def _claims(graph: Graph, nodes: dict[str, Node], about, evidence, first_doc) -> dict[str, ClaimInfo]:
    speaker = _by_subject(graph, URIRef(KGO_IRI + "speaker"))
    text = _by_subject(graph, URIRef(KGO_IRI + "text"))
    out: dict[str, ClaimInfo] = {}
    for iri in sorted(i for i, n in nodes.items() if n.cls == "Claim"):
        ref = URIRef(iri)
        out[iri] = ClaimInfo(
            iri, tuple(sorted(str(o) for o in speaker.get(ref, ()) if isinstance(o, URIRef))),
            pick(text.get(ref, ())) or nodes[iri].label,
            tuple(sorted(str(o) for o in about.get(ref, ()) if isinstance(o, URIRef))),
            pick(evidence.get(ref, ())), first_doc(ref),
        )
    return out


def read(graph: Graph, ontology: Ontology | None = None) -> View:
    """The :class:`View` of ``graph``: its nodes, edges with provenance, statistics, claims and documents."""
    onto = ontology or load()
    nodes = _nodes(graph, onto)
    derived = _by_subject(graph, PROV.wasDerivedFrom)

    def first_doc(n: RDFNode) -> str | None:
        found = min((o for o in derived.get(n, ()) if isinstance(o, URIRef)), default=None)
        return str(found) if found is not None else None

    about = _by_subject(graph, URIRef(KGO_IRI + "about"))
    evidence = _by_subject(graph, URIRef(KGO_IRI + "evidence"))
    return View(nodes, _edges(graph, nodes, onto, first_doc), _stats(graph, nodes, about, evidence, first_doc),
                _claims(graph, nodes, about, evidence, first_doc), _docs(graph, nodes, derived), onto)


# --------------------------------------------------------------------------- facts, for scoring


@dataclass(frozen=True)
class Facts:
    """What a graph states about every subject, for checking gold facts against it."""

    #: label text (prefLabel, altLabel, rdfs:label) -> the subjects that carry it
    labels: dict[str, frozenset[str]]
    #: subject -> its kgo classes
    types: dict[str, frozenset[str]]
    #: (subject, kgo property, object) for every kgo property to an IRI
    links: frozenset[tuple[str, str, str]]
    #: subjects typed kgo:Document, and rdf:Statement nodes
    documents: frozenset[str]
    statements: frozenset[str]
    #: per statistic: (about, values, units, years) — values and the rest as written
    stats: tuple[tuple[frozenset[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]
    #: per claim: (speakers, about)
    claims: tuple[tuple[frozenset[str], frozenset[str]], ...]
    #: subject -> [(attribute, literal text)] for the :data:`ATTRIBUTES`
    attributes: dict[str, tuple[tuple[str, str], ...]]


def read_facts(graph: Graph) -> Facts:
    """The :class:`Facts` of ``graph``."""
    labels: dict[str, set[str]] = defaultdict(set)
    for prop in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
        for node, label in graph.subject_objects(prop):
            labels[str(label)].add(str(node))
    types: dict[str, set[str]] = defaultdict(set)
    links: set[tuple[str, str, str]] = set()
    attributes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    attr_iris = {str(SCHEMA[a]): a for a in ATTRIBUTES}
    for s, p, o in graph:
        if p == RDF.type:
            if name := _kgo_name(o):
                types[str(s)].add(name)
        if (name := _kgo_name(p)) and isinstance(o, URIRef):
            links.add((str(s), name, str(o)))
        elif str(p) in attr_iris:
            attributes[str(s)].append((attr_iris[str(p)], str(o)))

    def objects(s: RDFNode, name: str) -> list[RDFNode]:
        return list(graph.objects(s, URIRef(KGO_IRI + name)))

    stats = tuple(
        (frozenset(str(o) for o in objects(st, "about")), tuple(str(v) for v in objects(st, "value")),
         tuple(str(u) for u in objects(st, "unit")), tuple(str(y) for y in objects(st, "year")))
        for st in graph.subjects(RDF.type, URIRef(KGO_IRI + "Statistic"))
    )
    claims = tuple(
        (frozenset(str(o) for o in objects(c, "speaker")), frozenset(str(o) for o in objects(c, "about")))
        for c in graph.subjects(RDF.type, URIRef(KGO_IRI + "Claim"))
    )
    return Facts(
        {k: frozenset(v) for k, v in labels.items()}, {k: frozenset(v) for k, v in types.items()},
        frozenset(links), frozenset(s for s, ts in types.items() if "Document" in ts),
        frozenset(str(s) for s in graph.subjects(RDF.type, RDF.Statement)), stats, claims,
        {k: tuple(v) for k, v in attributes.items()},
    )


# --------------------------------------------------------------------------- counts, for the summary


@dataclass(frozen=True)
class Census:
    """How many nodes of each kgo class, triples of each relation property, statements and triples."""

    classes: Counter[str]
    relations: dict[str, int]
    statements: int
    triples: int
    ontology: Ontology

    @property
    def entities(self) -> int:
        return sum(self.classes[c] for c in self.ontology.entity_classes)


def census(graph: Graph, ontology: Ontology | None = None) -> Census:
    """The counts ``kg build`` reports."""
    onto = ontology or load()
    classes: Counter[str] = Counter()
    for o in graph.objects(None, RDF.type):
        if name := _kgo_name(o):
            classes[name] += 1
    relations = {p: sum(1 for _ in graph.triples((None, URIRef(KGO_IRI + p), None))) for p in onto.relations}
    statements = sum(1 for _ in graph.subjects(RDF.type, RDF.Statement))
    return Census(classes, relations, statements, len(graph), onto)
