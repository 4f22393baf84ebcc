"""The data that flows through zhkg, one frozen dataclass per stage.

``str -> Document -> Parsed (sentences, tokens) -> Extraction``, then
:mod:`kg.resolve` makes a :class:`kg.model.Model` that :mod:`kg.rdf.writer` writes.
Every stage after reading is a pure function of these values, so they can
cross process boundaries (they pickle) and be cached or compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal

#: The entity classes of the ontology, in the SPEC's tie-break order.
ENTITY_CLASSES: tuple[str, ...] = (
    "Person",
    "Organization",
    "Place",
    "Product",
    "Technology",
    "Sector",
    "Concept",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One input text and its metadata, as read (nothing cleaned yet).

    >>> Document("数字经济正在发展。").id is None
    True
    """

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    #: where it was read from (a path or ``-``); for messages only, never in the graph
    origin: str | None = None

    def with_id(self, doc_id: str) -> Document:
        return replace(self, id=doc_id)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence's simplified text, with offsets into that text."""

    text: str
    start: int
    end: int
    tag: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text`` is the cleaned source-script text used as evidence,
    ``norm`` its simplified form that extractors match on (offsets refer to it)."""

    index: int
    paragraph: int
    text: str
    norm: str
    tokens: tuple[Token, ...] = ()
    #: a heading or a line without sentence punctuation (titles, menus)
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Parsed:
    """A normalised, segmented document: what every extractor reads."""

    doc: Document
    script: str  # "Hans" or "Hant"
    variant: str | None  # "tw", "hk" or None
    sentences: tuple[Sentence, ...]
    #: the title, also sentences[0] (a heading) when the document has one
    title: Sentence | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a sentence.

    ``key`` is the canonical simplified label; ``surface`` the form as written
    (source script); ``cls`` the class this mention supports.
    """

    key: str
    surface: str
    cls: str
    sentence: int
    start: int
    end: int
    rule: str
    lexical: bool = False  # found through the lexicon, whose class wins
    confidence: float = 0.9
    #: the mention names its entity (not a pronoun standing for it); None: decided from ``rule``
    #: by :func:`kg.resolve.mention_flags`
    names: bool | None = None
    #: strong enough evidence to make an entity from this one mention; None: decided from ``rule``
    strong: bool | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject predicate object`` between entity keys, with the rule that found it."""

    subject: str
    predicate: str
    object: str
    sentence: int
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Statistic:
    """A quoted figure. ``value`` is normalised (45.5万亿 -> 45500000000000)."""

    label: str
    sentence: int
    rule: str
    value: Decimal | None = None
    unit: str | None = None
    unit_text: str | None = None
    metric: str | None = None
    about: str | None = None
    year: str | None = None
    region: str | None = None
    denominator: str | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    qualifier: str | None = None
    is_target: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """A view a named person states; ``about`` lists every entity key it mentions."""

    speaker: str
    text: str
    sentence: int
    rule: str
    about: tuple[str, ...] = ()
    #: the author's own view in a signed commentary (the author is the document's creator);
    #: None: decided from ``rule`` by :func:`kg.resolve.claim_signed`
    signed: bool | None = None


@dataclass(frozen=True, slots=True)
class Attribute:
    """A literal attribute of an entity (``jobTitle``, ``birthDate``)."""

    entity: str
    name: str
    value: str
    sentence: int
    rule: str


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one document.

    Extractors return partial Extractions; ``merge`` concatenates them.
    """

    parsed: Parsed
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    claims: tuple[Claim, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    #: discovered alias -> canonical key declared in the text (以下简称, X（Y）)
    aliases: tuple[tuple[str, str], ...] = field(default=())

    def merge(self, other: Extraction) -> Extraction:
        """Append ``other``'s items to this extraction's (same document)."""
        return Extraction(
            self.parsed,
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in fields(self)
                if f.name != "parsed"
            },
        )

    def sentence(self, index: int) -> Sentence:
        return self.parsed.sentences[index]
