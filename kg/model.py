"""The resolved model: what a graph states, every decision taken, before any RDF is written.

:func:`kg.resolve.resolve` makes it from the extractions; a writer
(:mod:`kg.rdf.writer`) only maps it to triples. IRIs are plain strings and
literals are :class:`Lit` values whose language tag or datatype is already
settled, so the model needs no rdflib and a streaming Turtle writer or a
pyoxigraph store can be fed from it as well as an rdflib graph.

Nodes are listed in a deterministic order. A writer emits the *set* of their
triples: two nodes may share an IRI where a text repeats a sentence word for
word, and their triples then merge, as the SPEC's identity rule intends.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Lit:
    """A literal: text with a language tag, or with an XSD datatype (its local name), or plain.

    >>> Lit("45500000000000", datatype="decimal"), Lit("数字经济", "zh-Hans").lang
    (Lit(value='45500000000000', lang=None, datatype='decimal'), 'zh-Hans')
    """

    value: str
    lang: str | None = None
    datatype: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity: one node per canonical key, its class decided, its labels tagged."""

    iri: str
    key: str
    cls: str
    pref_label: Lit
    alt_labels: tuple[Lit, ...] = ()
    #: ``(schema: property name, value)`` such as ``("jobTitle", Lit(...))``, sorted
    attributes: tuple[tuple[str, Lit], ...] = ()


@dataclass(frozen=True, slots=True)
class DocNode:
    """One input document and its metadata."""

    iri: str
    title: Lit | None = None
    #: an IRI where the value is a valid URL, else a literal
    source: str | Lit | None = None
    publisher: Lit | None = None
    date: Lit | None = None
    #: the author as written, and the speaker entity of a signed commentary
    creators: tuple[str | Lit, ...] = ()
    #: every entity the document mentions
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Fact:
    """A relation triple between entities; ``predicate`` is the kgo property's local name."""

    subject: str
    predicate: str
    object: str


@dataclass(frozen=True, slots=True)
class Statement:
    """The provenance of a fact in one document: an ``rdf:Statement`` node."""

    iri: str
    fact: Fact
    document: str
    evidence: tuple[Lit, ...]
    confidence: Lit
    rule: str
    #: co-occurrences in the document (``relatedTo`` only)
    weight: int | None = None


@dataclass(frozen=True, slots=True)
class StatNode:
    """A quoted figure (``kgo:Statistic``)."""

    iri: str
    document: str
    label: Lit
    evidence: Lit
    value: Lit | None = None
    unit: Lit | None = None
    unit_text: Lit | None = None
    metric: Lit | None = None
    year: Lit | None = None
    min_value: Lit | None = None
    max_value: Lit | None = None
    qualifier: Lit | None = None
    is_target: bool = False
    about: str | None = None
    region: str | None = None
    denominator: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimNode:
    """A view a named person states (``kgo:Claim``)."""

    iri: str
    document: str
    speaker: str
    text: Lit
    evidence: Lit
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class Model:
    """Everything one build states."""

    entities: tuple[Entity, ...] = ()
    documents: tuple[DocNode, ...] = ()
    facts: tuple[Fact, ...] = ()
    statements: tuple[Statement, ...] = ()
    statistics: tuple[StatNode, ...] = ()
    claims: tuple[ClaimNode, ...] = ()
