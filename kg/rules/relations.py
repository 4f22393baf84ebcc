"""The relations pack (``relations.toml``): negations, questions and the relation rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.shared import SharedRules
from kg.rules.source import Pack


@dataclass(frozen=True)
class RelationRule:
    """One relation pattern: where it matches, S and O give the facts."""

    id: str
    property: str
    pattern: re.Pattern[str]
    cues: tuple[str, ...]
    confidence: float
    #: the rule's own words say "no" (没有X就没有Y): do not drop it for a negation
    negation_ok: bool = False
    #: the object must end its noun phrase (等数字经济相关产业 names 产业, not 数字经济);
    #: "loose": a verbal noun may follow it
    head_object: bool | str = False
    #: objects ending so are processes, not kinds (等产业数字化)
    object_not_suffix: tuple[str, ...] = ()
    #: objects must end so: kind nouns (聊天机器人ChatGPT, not 隐私 ChatGPT)
    object_suffix: tuple[str, ...] = ()
    #: the facts are the pairs inside the S list (A、B和C三者深度融合); the rule has no O group
    within: bool = False
    #: words that, inside the match, turn its meaning around (建立在…基础之上 is a need, not a support)
    not_in_span: tuple[str, ...] = ()
    #: no other verb may stand between the subject and the cue verb
    plain_gap: bool = False
    #: subjects of these classes do not count for this rule
    subject_not: tuple[str, ...] = ()
    #: objects of these classes do not count for this rule
    object_not: tuple[str, ...] = ()
    #: the pattern reads one noun phrase (A、B等Z): the clause around it (a reason, a place) does not
    #: decide its subject
    phrase: bool = False


@dataclass(frozen=True)
class RelationRules:
    """Everything ``relations.toml`` holds, compiled."""

    negations: frozenset[str]
    questions: tuple[str, ...]
    rules: tuple[RelationRule, ...]
    #: every cue word of two characters or more: a mention of one is a cue, not an entity
    cue_words: frozenset[str]
    #: the attributive particle (shared.de)
    de: str
    predicate_nouns: frozenset[str]
    phrase_goes_on: frozenset[str]
    list_goes_on: tuple[str, ...]
    prepositions: frozenset[str]
    inclusion_end: str
    process_nouns: frozenset[str]
    modals: frozenset[str]
    causal: frozenset[str]
    pronouns: frozenset[str]
    locatives: tuple[str, ...]
    localisers: tuple[str, ...]
    and_words: tuple[str, ...]
    sector_words: tuple[str, ...]
    subject_suffixes: tuple[str, ...]


def _rule(r: Pack, shared: SharedRules) -> RelationRule:
    head = r.value("head_object", lambda v: isinstance(v, bool) or v == "loose", 'true, false or "loose"', False)
    rule = RelationRule(
        id=r.text("id"),
        property=r.text("property"),
        pattern=r.pattern("pattern", shared.expand),
        cues=r.words("cues", ()),
        confidence=float(r.number("confidence")),
        negation_ok=r.flag("negation_ok", False),
        head_object=head,
        object_not_suffix=r.words("object_not_suffix", ()),
        object_suffix=r.words("object_suffix", ()),
        within=r.flag("within", False),
        not_in_span=r.words("not_in_span", ()),
        plain_gap=r.flag("plain_gap", False),
        subject_not=r.words("subject_not", ()),
        object_not=r.words("object_not", ()),
        phrase=r.flag("phrase", False),
    )
    groups = rule.pattern.groupindex
    if "S" not in groups or ("O" not in groups and not rule.within):
        r.fail("pattern", "needs a group (?P<S>…) and, unless within = true, a group (?P<O>…)")
    r.done()
    return rule


def build(pack: Pack, shared: SharedRules) -> RelationRules:
    rules = tuple(_rule(r, shared) for r in pack.tables("rule"))
    out = RelationRules(
        negations=frozenset(pack.words("negations")),
        questions=pack.words("questions"),
        rules=rules,
        cue_words=frozenset(c for rule in rules for c in rule.cues if len(c) >= 2),
        de=shared.de,
        predicate_nouns=frozenset(pack.words("predicate_nouns")),
        phrase_goes_on=frozenset(pack.words("phrase_goes_on")),
        list_goes_on=pack.words("list_goes_on"),
        prepositions=frozenset(pack.words("prepositions")),
        inclusion_end=pack.text("inclusion_end"),
        process_nouns=frozenset(pack.words("process_nouns")),
        modals=frozenset(pack.words("modals")),
        causal=frozenset(pack.words("causal")),
        pronouns=frozenset(pack.words("pronouns")),
        locatives=pack.words("locatives"),
        localisers=pack.words("localisers"),
        and_words=pack.words("and_words"),
        sector_words=pack.words("sector_words"),
        subject_suffixes=pack.words("subject_suffixes"),
    )
    pack.done()
    return out
