"""Score a graph against hand-made gold facts (format and rules: ``corpus/README.md``).

Users who evaluate zhkg on their own domain write a gold TSV of what their
articles state and run ``kg eval``. The figures are those of the reference
scorer (``shared/tools/score_gold.py``) on the same graph — a test holds the
two together — but a malformed gold line is a one-line error naming
``file:line`` instead of a traceback, and several cases can be scored at once.

The graph is read once through :func:`kg.rdf.reader.read_facts`; the classes,
properties and symmetric ones a gold line may name come from the ontology.
This module is longer than most (about 550 lines) because the gold format is
one unit: its parsing, its five kinds of fact and their scoring rules are
kept together, in the order ``corpus/README.md`` describes them.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
...     @prefix kgo: <https://w3id.org/zhkg/ontology#> .
...     @prefix kgr: <https://w3id.org/zhkg/resource/> .
...     @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...     kgr:数字产业化 a kgo:Concept ; skos:prefLabel "数字产业化"@zh-Hans ; kgo:partOf kgr:数字经济 .
...     kgr:数字经济 a kgo:Concept ; skos:prefLabel "数字经济"@zh-Hans .
... ''')
>>> gold = parse_gold("type\\t数字经济\\tSector\\nrel\\t数字经济\\tpartOf\\t数字产业化\\n")
>>> result = evaluate_case(g, gold)
>>> {kind: (t.hits, t.total) for kind, t in result.figures().items()}
{'type': (1, 1), 'rel': (0, 1), 'precision': (0, 1)}
>>> [line.lineno for line in result.missed]
[2]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from kg.errors import InputError
from kg.rdf.ontology import load as load_ontology
from kg.rdf.reader import Facts, read_facts
from kg.text.labels import search_key

if TYPE_CHECKING:
    from rdflib import Graph

_ONTOLOGY = load_ontology()

#: gold line kinds, in the order reports list them
KINDS: tuple[str, ...] = ("type", "rel", "stat", "claim", "attr")
#: the key under which the precision floor sits beside the per-kind recalls
PRECISION = "precision"
#: classes a ``type`` line may name: the ontology's (entity classes first)
CLASSES: tuple[str, ...] = _ONTOLOGY.node_classes
#: the line between these is fuzzy, so any of them meets a ``type`` line naming another
LENIENT_CLASSES: frozenset[str] = frozenset({"Concept", "Technology", "Sector"})
#: properties a ``rel`` line may name: the ontology's object properties (hasPart is declared though never emitted)
PROPERTIES: tuple[str, ...] = _ONTOLOGY.object_properties
#: met in either direction: the ontology's symmetric properties
SYMMETRIC: frozenset[str] = _ONTOLOGY.symmetric
#: a ``rel`` line with the key is also met by the value in the other direction (the key's ``owl:inverseOf``);
#: one way only, as in the reference scorer: zhkg writes partOf, and a hasPart line is scored as written
INVERSE: Mapping[str, str] = {"partOf": _ONTOLOGY.inverse.get("partOf", "hasPart")}
#: the inverse properties the precision floor turns round (a graph's hasPart counts as partOf)
_TURNED: Mapping[str, str] = {v: k for k, v in INVERSE.items()}
#: what an ``attr`` line may name: two schema: literals and one relation
ATTRIBUTES: tuple[str, ...] = ("jobTitle", "birthDate", "affiliatedWith")
#: kgo: properties that are not extracted relations, left out of the precision floor
NOT_RELATIONS: frozenset[str] = frozenset({"relatedTo", "about", "speaker", "region", "mentions"})
#: relative tolerance of a ``stat`` value
TOLERANCE = 0.01

Alternatives = tuple[str, ...]


#: the form labels are compared in, so width, case and spacing never cause a miss
normalize_label = search_key


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/`` (how gold names classes and properties).

    >>> local_name("https://w3id.org/zhkg/ontology#partOf")
    'partOf'
    """
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class LabelIndex:
    """A graph's facts (:func:`kg.rdf.reader.read_facts`) with its nodes looked up by normalised label
    (prefLabel, altLabel, rdfs:label)."""

    facts: Facts
    nodes_by_label: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, graph: Graph | Facts) -> LabelIndex:
        facts = graph if isinstance(graph, Facts) else read_facts(graph)
        found: dict[str, set[str]] = defaultdict(set)
        for label, nodes in facts.labels.items():
            found[normalize_label(label)] |= nodes
        return cls(facts, {label: frozenset(nodes) for label, nodes in found.items()})

    def find(self, alternatives: Iterable[str]) -> set[str]:
        """Every node that carries one of the ``alternatives`` as a label."""
        nodes: set[str] = set()
        for label in alternatives:
            nodes |= self.nodes_by_label.get(normalize_label(label), frozenset())
        return nodes


# --------------------------------------------------------------------------- gold facts


@dataclass(frozen=True, slots=True)
class TypeFact:
    """``type <label> <Class>``: the entity has that kgo: class."""

    label: Alternatives
    cls: str
    kind: ClassVar[str] = "type"

    def holds(self, index: LabelIndex) -> bool:
        accepted = LENIENT_CLASSES if self.cls in LENIENT_CLASSES else {self.cls}
        types = index.facts.types
        return any(not accepted.isdisjoint(types.get(node, ())) for node in index.find(self.label))


@dataclass(frozen=True, slots=True)
class RelFact:
    """``rel <subject> <property> <object>``: the triple, its inverse or symmetric twin."""

    subject: Alternatives
    prop: str
    obj: Alternatives
    kind: ClassVar[str] = "rel"

    def holds(self, index: LabelIndex) -> bool:
        subjects, objects = index.find(self.subject), index.find(self.obj)
        ways = [(self.prop, subjects, objects)]
        if self.prop in SYMMETRIC:
            ways.append((self.prop, objects, subjects))
        if self.prop in INVERSE:
            ways.append((INVERSE[self.prop], objects, subjects))
        links = index.facts.links
        return any((s, p, o) in links for p, ss, os_ in ways for s in ss for o in os_)


@dataclass(frozen=True, slots=True)
class StatFact:
    """``stat <concept> <metric> <value> <unit> <year or ->``.

    The metric is kept for reports but not checked (the reference scorer ignores it).
    """

    concept: Alternatives
    metric: Alternatives
    value: float
    units: Alternatives
    year: str | None
    kind: ClassVar[str] = "stat"

    def holds(self, index: LabelIndex) -> bool:
        concepts = index.find(self.concept)
        units = {u.lower() for u in self.units}
        for about, values_written, units_written, years in index.facts.stats:
            if concepts.isdisjoint(about):
                continue
            values = _numbers(values_written)
            if values is None or not any(abs(v - self.value) <= TOLERANCE * abs(self.value) for v in values):
                continue
            if units.isdisjoint(u.lower() for u in units_written):
                continue
            if self.year is not None and self.year not in {y[:4] for y in years}:
                continue
            return True
        return False


def _numbers(values: Iterable[str]) -> list[float] | None:
    """All values as floats, or None when one is not a number (the statistic is then unusable)."""
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ClaimFact:
    """``claim <speaker> <concept>``: one kgo:Claim with that speaker and about the concept."""

    speaker: Alternatives
    concept: Alternatives
    kind: ClassVar[str] = "claim"

    def holds(self, index: LabelIndex) -> bool:
        speakers, concepts = index.find(self.speaker), index.find(self.concept)
        return any(not speakers.isdisjoint(said_by) and not concepts.isdisjoint(about)
                   for said_by, about in index.facts.claims)


@dataclass(frozen=True, slots=True)
class AttrFact:
    """``attr <entity> jobTitle|birthDate|affiliatedWith <value>``.

    A jobTitle or birthDate is met by a literal that contains the value or is
    contained in it (after normalising both); affiliatedWith is the relation.
    """

    entity: Alternatives
    prop: str
    value: Alternatives
    kind: ClassVar[str] = "attr"

    def holds(self, index: LabelIndex) -> bool:
        facts = index.facts
        entities = index.find(self.entity)
        if self.prop == "affiliatedWith":
            orgs = index.find(self.value)
            return any((e, "affiliatedWith", o) in facts.links for e in entities for o in orgs)
        wanted = [normalize_label(v) for v in self.value]
        for entity in entities:
            for name, literal in facts.attributes.get(entity, ()):
                if name != self.prop:
                    continue
                have = normalize_label(literal)
                if any(w in have or (have and have in w) for w in wanted):
                    return True
        return False


Fact = TypeFact | RelFact | StatFact | ClaimFact | AttrFact


def relation_of(fact: Fact) -> tuple[Alternatives, str, Alternatives] | None:
    """The relation a gold fact names, if any: ``rel`` lines and ``attr … affiliatedWith``.

    >>> relation_of(AttrFact(("周鸿祎",), "affiliatedWith", ("360集团", "360")))
    (('周鸿祎',), 'affiliatedWith', ('360集团', '360'))
    """
    if isinstance(fact, RelFact):
        return fact.subject, fact.prop, fact.obj
    if isinstance(fact, AttrFact) and fact.prop == "affiliatedWith":
        return fact.entity, fact.prop, fact.value
    return None


@dataclass(frozen=True, slots=True)
class GoldLine:
    """One fact of a gold file, with where it came from (for messages and missed lists)."""

    fact: Fact
    fields: tuple[str, ...]
    debatable: bool
    raw: str
    lineno: int
    origin: str = "<gold>"

    @property
    def kind(self) -> str:
        return self.fact.kind

    @property
    def tally(self) -> str:
        """The key the line counts under: its kind, with ``~`` when debatable (scored apart)."""
        return self.kind + "~" if self.debatable else self.kind

    @property
    def where(self) -> str:
        return f"{self.origin}:{self.lineno}"


# --------------------------------------------------------------------------- parsing


def _alternatives(text: str, name: str) -> Alternatives:
    alts = tuple(a.strip() for a in text.split("|"))
    if not all(alts):
        raise ValueError(f"{name} {text!r} has an empty alternative (stray '|')")
    return alts


def _one_of(text: str, name: str, valid: Sequence[str]) -> str:
    if text not in valid:
        raise ValueError(f"unknown {name} {text!r}; choose one of: {', '.join(valid)}")
    return text


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            f"value {text!r} is not a number (write it normalised, e.g. 45500000000000)"
        ) from None
    if not math.isfinite(value):
        raise ValueError(f"value {text!r} is not a finite number")
    return value


def _year(text: str) -> str | None:
    if text == "-":
        return None
    if len(text) != 4 or not text.isascii() or not text.isdigit():
        raise ValueError(f"year {text!r} is not four digits or '-'")
    return text


def _type(f: Sequence[str]) -> Fact:
    return TypeFact(_alternatives(f[0], "label"), _one_of(f[1], "class", CLASSES))


def _rel(f: Sequence[str]) -> Fact:
    return RelFact(
        _alternatives(f[0], "subject"), _one_of(f[1], "property", PROPERTIES), _alternatives(f[2], "object")
    )


def _stat(f: Sequence[str]) -> Fact:
    return StatFact(
        _alternatives(f[0], "concept"),
        _alternatives(f[1], "metric"),
        _number(f[2]),
        _alternatives(f[3], "unit"),
        _year(f[4]),
    )


def _claim(f: Sequence[str]) -> Fact:
    return ClaimFact(_alternatives(f[0], "speaker"), _alternatives(f[1], "concept"))


def _attr(f: Sequence[str]) -> Fact:
    return AttrFact(
        _alternatives(f[0], "entity"), _one_of(f[1], "attribute", ATTRIBUTES), _alternatives(f[2], "value")
    )


#: kind -> (the fields after the kind, how to build its fact)
_LAYOUTS = {
    "type": (("label", "class"), _type),
    "rel": (("subject", "property", "object"), _rel),
    "stat": (("concept", "metric", "value", "unit", "year"), _stat),
    "claim": (("speaker", "concept"), _claim),
    "attr": (("entity", "attribute", "value"), _attr),
}


def parse_line(raw: str, lineno: int = 1, origin: str = "<gold>") -> GoldLine | None:
    """One gold line as a :class:`GoldLine`; None for blank and comment-only lines.

    ``#`` starts a comment anywhere; a comment containing ``debatable`` marks the line.

    >>> line = parse_line("rel\\t数字孪生\\tappliedIn\\t5G|5G网络\\t# debatable")
    >>> line.fact
    RelFact(subject=('数字孪生',), prop='appliedIn', obj=('5G', '5G网络'))
    >>> line.tally
    'rel~'
    >>> parse_line("rel\\t数字孪生\\tappliedTo\\t5G", 7, "gold.tsv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.InputError: gold.tsv:7: unknown property 'appliedTo'; choose one of: ...
    """
    content, hash_, comment = raw.partition("#")
    content = content.rstrip()
    if not content.strip():
        return None
    kind, *fields = (part.strip() for part in content.split("\t"))
    where = f"{origin}:{lineno}"
    if kind not in _LAYOUTS:
        hint = " (fields must be separated by tabs)" if " " in kind else ""
        raise InputError(where, f"unknown kind {kind!r}{hint}; choose one of: {', '.join(KINDS)}")
    names, build = _LAYOUTS[kind]
    if len(fields) != len(names):
        raise InputError(
            where,
            f"a {kind} line has {len(names)} tab-separated fields after the kind "
            f"({', '.join(names)}), this one has {len(fields)}",
        )
    for name, value in zip(names, fields, strict=True):
        if not value:
            raise InputError(where, f"the {name} field is empty (two tabs in a row?)")
    try:
        fact = build(fields)
    except ValueError as e:
        raise InputError(where, str(e)) from None
    debatable = bool(hash_) and "debatable" in comment
    return GoldLine(fact, tuple(fields), debatable, raw.rstrip("\r\n"), lineno, origin)


def parse_gold(text: str, origin: str = "<gold>") -> list[GoldLine]:
    """Every fact line of a gold TSV text, in order.

    >>> [line.kind for line in parse_gold("# a comment\\ntype\\t贺晗\\tPerson\\n\\nclaim\\t贺晗\\t算力\\n")]
    ['type', 'claim']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (parse_line(raw, n, origin) for n, raw in enumerate(text.split("\n"), start=1))
    return [line for line in lines if line is not None]


def read_gold(path: str | Path) -> list[GoldLine]:
    """Parse a gold TSV file (UTF-8, a BOM allowed); errors name ``file:line``."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such gold file" if not p.exists() else "not a file")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(str(path), f"not UTF-8 text (byte {e.start}); save the gold file as UTF-8") from e
    return parse_gold(text, str(path))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Tally:
    """Hits out of a total; ``rate`` is 1.0 for an empty tally, as in the reference scorer.

    >>> Tally(7, 10) + Tally(1, 2)
    Tally(hits=8, total=12)
    """

    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.hits + other.hits, self.total + other.total)


def check(index: LabelIndex, line: GoldLine | Fact) -> bool:
    """Whether the graph states the gold line's fact."""
    fact = line.fact if isinstance(line, GoldLine) else line
    return fact.holds(index)


def extracted_relations(graph: Graph | Facts) -> Iterator[tuple[str, str, str]]:
    """The relation triples the precision floor counts, as ``(subject, property, object)``.

    kgo: properties to an IRI, less co-occurrence, Statistic/Claim links, links to
    Documents and reified statements; ``hasPart`` is turned round into ``partOf``.
    """
    facts = graph if isinstance(graph, Facts) else read_facts(graph)
    for s, prop, o in facts.links:
        if prop in NOT_RELATIONS or o in facts.documents or s in facts.statements:
            continue
        if prop in _TURNED:
            yield o, _TURNED[prop], s
        else:
            yield s, prop, o


def precision_floor(index: LabelIndex, lines: Iterable[GoldLine]) -> Tally:
    """How many extracted relation triples some gold line names (debatable lines too).

    The gold is not exhaustive, so this is a floor under precision, not a target.
    """
    named: set[tuple[str, str, str]] = set()
    for line in lines:
        relation = relation_of(line.fact)
        if relation is None:
            continue
        subj, prop, obj = relation
        subjects, objects = index.find(subj), index.find(obj)
        named.update((s, prop, o) for s in subjects for o in objects)
        if prop in SYMMETRIC:
            named.update((o, prop, s) for s in subjects for o in objects)
    hits = total = 0
    for triple in extracted_relations(index.facts):
        total += 1
        hits += triple in named
    return Tally(hits, total)


def _tally_order(key: str) -> tuple[int, int, str]:
    kind = key.rstrip("~")
    rank = KINDS.index(kind) if kind in KINDS else len(KINDS)
    return (key.endswith("~"), rank, key)


@dataclass(frozen=True)
class CaseResult:
    """The figures of one graph against one gold file."""

    name: str
    #: per tally key (``rel``, ``rel~`` …), only kinds that have lines
    recall: dict[str, Tally]
    precision: Tally
    missed: tuple[GoldLine, ...] = ()

    def figures(self) -> dict[str, Tally]:
        """Recall per kind and the precision floor under one mapping (keys as the reference prints)."""
        return {**self.recall, PRECISION: self.precision}

    def below(self, minimum: Mapping[str, float]) -> list[str]:
        """Keys whose rate is under ``minimum[key]``; debatable keys never fail."""
        return [
            key
            for key, tally in self.figures().items()
            if not key.endswith("~") and tally.rate < minimum.get(key, 0.0)
        ]


def evaluate_case(graph: Graph | Facts, gold: Iterable[GoldLine], name: str = "gold") -> CaseResult:
    """Score one graph against parsed gold lines."""
    lines = list(gold)
    index = LabelIndex.of(graph)
    counts: dict[str, Tally] = {}
    missed = []
    for line in lines:
        hit = check(index, line)
        counts[line.tally] = counts.get(line.tally, Tally()) + Tally(int(hit), 1)
        if not hit:
            missed.append(line)
    recall = {key: counts[key] for key in sorted(counts, key=_tally_order)}
    return CaseResult(name, recall, precision_floor(index, lines), tuple(missed))


@dataclass(frozen=True)
class Report:
    """Per-case results and their micro-average (hits and totals summed over cases)."""

    cases: tuple[CaseResult, ...]

    @cached_property
    def micro(self) -> CaseResult:
        """Hits and totals summed over the cases, rates recomputed from the sums."""
        recall: dict[str, Tally] = {}
        precision = Tally()
        for case in self.cases:
            for key, tally in case.recall.items():
                recall[key] = recall.get(key, Tally()) + tally
            precision += case.precision
        ordered = {key: recall[key] for key in sorted(recall, key=_tally_order)}
        missed = tuple(line for case in self.cases for line in case.missed)
        return CaseResult("micro", ordered, precision, missed)

    def below(self, minimum: Mapping[str, float]) -> list[str]:
        """Micro-averaged keys under their threshold (what makes ``kg eval`` exit 1)."""
        return self.micro.below(minimum)


def evaluate(cases: Iterable[tuple[Graph, str | Path | Sequence[GoldLine]]]) -> Report:
    """Score each ``(graph, gold)`` pair; gold is a TSV path or already parsed lines.

    Like the reference scorer's repeated ``--case``: each case is scored on
    its own graph, and the micro-average sums hits and totals over cases.
    """
    results = []
    for n, (graph, gold) in enumerate(cases, start=1):
        if isinstance(gold, str | Path):
            lines, name = read_gold(gold), Path(gold).name
        else:
            lines, name = list(gold), f"case {n}"
        results.append(evaluate_case(graph, lines, name))
    return Report(tuple(results))
