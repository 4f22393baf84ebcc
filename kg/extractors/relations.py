"""Relations between entities from cue patterns (the relations pack, ``ontology/rules/relations.toml``).

Each rule is a regular expression over the mention-abstracted sentence; its S
and O groups may hold lists (``X、Y和Z``), and every (subject, object) pair that
fits the property's domain and range (``res.signatures``) is a fact. Questions
assert nothing and a negation between subject and object drops the fact. The
word lists the checks below read (prepositions, modals, pronouns …) are the
pack's too.
"""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from kg.extractors.base import (
    Abstracted,
    Resources,
    abstract,
    extractor,
    mentions_by_sentence,
    new,
    place_qualifier,
    tokens_between,
)
from kg.rules.relations import RelationRule, RelationRules
from kg.types import Extraction, Mention, Relation, Sentence

_NOUN_TAGS = frozenset({"n", "nz", "vn", "nt", "ns", "nr", "eng", "j", "ng", "an"})


def _negated(a: Abstracted, start: int, end: int, negations: frozenset[str]) -> bool:
    """A negation token between the end of S and the start of O (``不是``, ``并不``)."""
    ns, ne = a.norm_span(start, end)
    for t in tokens_between(a.sentence, ns, ne):
        # 不 alone only as a word (不断 is no negation); 并不, 不是… also inside a word (并不需要)
        if t in negations or any(n in t for n in negations if len(n) > 1):
            return True
    return False


def _ends_phrase(s: Sentence, m: Mention, rules: RelationRules, strict: bool = True) -> bool:
    """No noun follows the mention: it is the head of its phrase (机器人市场 is about a market,
    攻击面管理 about management). Loosely, a verbal noun may follow (推动传统产业转型). Spaces between a
    Latin name and Chinese (等 AI 竞争对手) do not end the phrase."""
    after = [t for t in s.tokens if t.start >= m.end and not t.text.isspace()][:3]
    if strict and any(t.text == rules.de for t in after[:3]) and not any(t.tag == "x" for t in after[:2]):
        if _process_follows(s, m, rules):
            return True  # 等新一代信息技术的快速发展: the phrase is about its development, it still heads
        return False  # 人工智能特有的安全风险: a modifier of what follows
    nxt = after[0] if after else None
    if nxt is None or nxt.text in rules.phrase_goes_on:
        return nxt is None
    if nxt.text in rules.predicate_nouns:
        return True  # 新业态新模式发展迅速: 发展 is what it does
    if nxt.tag in ("v", "vn") and len(after) > 1 and after[1].text in rules.list_goes_on:
        return False  # 赋能气候变化应对、生物多样性保护: the item is 气候变化应对
    return nxt.tag not in _NOUN_TAGS or (not strict and nxt.tag == "vn")


def _process_follows(s: Sentence, m: Mention, rules: RelationRules) -> bool:
    """Right after the mention: 的, then (past adverbs and adjectives) a process noun (发展, 应用, 建设)."""
    after = [t for t in s.tokens if t.start >= m.end][:5]
    if not after or after[0].text != rules.de:
        return False
    rest = [t for t in after[1:] if t.tag not in ("d", "a", "ad", "an")]
    return bool(rest) and rest[0].text in rules.process_nouns and rest[0].text != rules.de


def _governed(s: Sentence, m: Mention, rules: RelationRules) -> bool:
    """An object behind a preposition, or inside 包括…在内的 (包括互联网在内的数据基础设施), is not the object."""
    prev = next((t for t in reversed(s.tokens) if t.end <= m.start), None)
    if prev is not None and prev.text in rules.prepositions:
        return True
    return s.norm.startswith(rules.inclusion_end, m.end)


_THINGS = frozenset({"Technology", "Product", "Organization", "Place", "Person"})


def _subject_group_ok(a: Abstracted, group_start: int, s_end: int, cue_start: int, rules: RelationRules) -> bool:
    """Whether the S group as a whole is the subject of the cue that follows.

    Not a locative (在标准化平台上加速…), and across a comma only when the group opens its own clause
    (禁止使用ChatGPT，限制… is about the agent; 统筹推进A、B、C…，是…的支撑 is about 这) and no pronoun
    takes over (…，这阻碍了…).
    """
    s = a.sentence
    opening = a.entities(group_start, group_start + 1)
    if not opening:
        return True
    head = opening[0]
    before = next((t for t in reversed(s.tokens) if t.end <= head.start), None)
    if before is not None and before.text in rules.locatives:
        return False
    clause_start = max(s.norm.rfind(c, 0, head.start) for c in "，,；;：:。") + 1
    lead = [t for t in s.tokens if t.start >= clause_start and t.end <= head.start]  # the clause before the group
    if any(t.text in rules.causal for t in lead):
        return False  # Python因其强大的库生态被广泛应用于…: the group gives a reason, not the subject
    ns, ne = a.norm_span(s_end, cue_start)
    gap_tokens = [t for t in s.tokens if t.start >= ns and t.end <= ne]
    first = next((t for t in gap_tokens if not t.text.isspace()), None)
    if first is not None and first.tag == "f" and first.text in rules.localisers:
        return False  # Cog 是 Replicate 上用于…: the group names a place, not the subject
    if any(t.text in ("，", ",") for t in gap_tokens):
        if first is not None and first.text == rules.de:
            return False  # 是科技革命的驱动力量，是…的引擎: the group modified a noun, it is no subject
        if any(t.tag.startswith("v") for t in lead):
            return False
        if any(t.text in rules.pronouns for t in gap_tokens):
            return False
    return True


def _no_sector_kind(s: Sentence, om: Mention, rules: RelationRules) -> bool:
    """Whether a sector cannot be a kind of ``om``: a system or product, or a concept written with a
    sector word after it (关键基础设施行业 names sectors, the concept does not)."""
    if om.cls in _THINGS:
        return True
    return om.cls != "Sector" and s.norm[om.start : om.end].endswith(rules.sector_words)


def _parties(s: Sentence, members: list[Mention], rules: RelationRules) -> list[tuple[Mention, Mention]]:
    """The pairs a ``within`` rule links among the members of its list: every pair (A、B和C三者融合);
    the first with each of the others when it is joined to a list (A与B、C的融合); none when the
    list is itself the second party of a 与 before it (算力经济与区域经济、能源经济的融合)."""
    if not members or s.norm[: members[0].start].rstrip().endswith(rules.and_words):
        return []
    seps = [s.norm[x.end : y.start].strip() for x, y in pairwise(members)]
    if len(members) > 2 and seps[0] in rules.and_words and all(sep == "、" for sep in seps[1:]):
        return [(members[0], y) for y in members[1:]]
    return list(combinations(members, 2))


def _verb_between(a: Abstracted, s_end: int, cue_start: int, rules: RelationRules) -> bool:
    """A verb between the subject and the cue verb makes the subject another verb's (已成为各国推进…);
    one right after 的 is a noun (底层技术能力的提升首先需要…)."""
    ns, ne = a.norm_span(s_end, cue_start)
    prev = ""
    for t in a.sentence.tokens:
        if t.start >= ns and t.end <= ne and t.tag == "v" and t.text not in rules.modals and prev != rules.de:
            return True
        prev = t.text
    return False


def _is_subject(a: Abstracted, sm: Mention, s_end: int, cue_start: int, rules: RelationRules) -> bool:
    """Whether the last entity of the S group heads its phrase: not when a noun right after it does
    (人工智能立法属于…), within the clause."""
    last = a.entities(s_end - 1, s_end)
    if not last or last[0] is not sm:
        return True
    s = a.sentence
    nxt = next((t for t in s.tokens if t.start >= sm.end), None)
    ns, ne = a.norm_span(s_end, cue_start)
    gap_tokens = [t for t in s.tokens if t.start >= ns and t.end <= ne]
    if any(t.text in ("，", ",") for t in gap_tokens):
        return True
    content = nxt is not None and (nxt.tag in _NOUN_TAGS or nxt.tag.startswith("v"))
    if (content and nxt.start < ne and nxt.text not in rules.process_nouns | rules.modals
            and not nxt.text.startswith(rules.subject_suffixes)):
        return False  # (SaaS化服务 is still about SaaS)
    return True


def _within_facts(rule: RelationRule, m: re.Match[str], a: Abstracted, res: Resources) -> list[Relation]:
    """The facts of a ``within`` rule: pairs among the members of its S list."""
    s = a.sentence
    return [
        Relation(x.key, rule.property, y.key, s.index, f"relations.{rule.id}", rule.confidence)
        for x, y in _parties(s, a.entities(*m.span("S")), res.rules.relations)
        if x.key != y.key and res.allowed(rule.property, x.cls, y.cls)
    ]


def _subjects(rule: RelationRule, m: re.Match[str], a: Abstracted, rules: RelationRules) -> list[Mention] | None:
    """The mentions of the S group(s) that are subjects of the rule's cue; None when the group as a whole
    is not (a locative, a reason, another verb's subject)."""
    s_start, s_end = m.span("S")
    o_start = m.start("O")
    subjects = a.entities(s_start, s_end)
    if "S2" in m.re.groupindex and m.group("S2"):
        subjects += a.entities(*m.span("S2"))
    if s_end <= o_start and not rule.phrase:
        between = a.text[s_end:o_start]
        hits = [between.find(c) for c in rule.cues if c in between]
        cue_at = s_end + min(hits) if hits else o_start
        if not _subject_group_ok(a, s_start, s_end, cue_at, rules):
            return None
        if rule.plain_gap and _verb_between(a, s_end, cue_at, rules):
            return None
        subjects = [sm for sm in subjects if _is_subject(a, sm, s_end, cue_at, rules)]
    if rule.subject_not:
        subjects = [sm for sm in subjects if sm.cls not in rule.subject_not]
    return subjects


def _objects(rule: RelationRule, m: re.Match[str], a: Abstracted, rules: RelationRules) -> list[Mention]:
    """The mentions of the O group(s) the rule's cue governs, filtered as the rule asks."""
    s = a.sentence
    objects = a.entities(*m.span("O"))
    if "O2" in m.re.groupindex and m.group("O2"):
        objects += a.entities(*m.span("O2"))
    if rule.object_not:
        objects = [om for om in objects if om.cls not in rule.object_not]
    if rule.head_object:
        strict = rule.head_object != "loose"
        objects = [om for om in objects if _ends_phrase(s, om, rules, strict)]
    if m.start("O") >= m.end("S"):
        first = min(objects, key=lambda om: om.start, default=None)
        if first is not None and _governed(s, first, rules):
            objects = []  # 来自交通、安防等部门的数据: the whole list is governed
        objects = [om for om in objects if not _governed(s, om, rules)]
    if rule.object_suffix:
        objects = [om for om in objects if om.key.endswith(rule.object_suffix)]
    if rule.object_not_suffix:
        objects = [om for om in objects if not om.key.endswith(rule.object_not_suffix)]
    return objects


def _facts(rule: RelationRule, m: re.Match[str], a: Abstracted, res: Resources) -> list[Relation]:
    """The facts one match of a rule states."""
    rules = res.rules.relations
    span = a.text[m.start() : m.end()]
    if any(q in span for q in rules.questions) or any(w in span for w in rule.not_in_span):
        return []
    if rule.within:
        return _within_facts(rule, m, a, res)
    s_start, s_end = m.span("S")
    o_start, o_end = m.span("O")
    gap = (s_end, o_start) if s_end <= o_start else (o_end, s_start)
    if not rule.negation_ok and _negated(a, *gap, rules.negations):
        return []
    subjects = _subjects(rule, m, a, rules)
    if subjects is None:
        return []
    objects = _objects(rule, m, a, rules)
    s = a.sentence
    found = []
    for sm in subjects:
        for om in objects:
            if sm.key == om.key or not res.allowed(rule.property, sm.cls, om.cls):
                continue
            if sm.rule == om.rule == "quoted":
                continue  # 以“鼎新”带动“革故”: a figure of speech between two quoted words
            if rule.property == "isA" and sm.cls == "Sector" and _no_sector_kind(s, om, rules):
                continue  # 金融、能源等计算机系统 / 医疗等关键基础设施行业: a sector is a kind of sector
            found.append(Relation(sm.key, rule.property, om.key, s.index, f"relations.{rule.id}", rule.confidence))
    return found


@extractor("relations", requires=("mentions",), assigns=("relations",))
def extract_relations(ex: Extraction, res: Resources) -> Extraction:
    """Facts for every SPEC property from cue patterns, lists expanded, negations dropped."""
    rules = res.rules.relations
    by_sentence = mentions_by_sentence(m for m in ex.mentions if m.key not in rules.cue_words)
    found: list[Relation] = []
    for s in ex.parsed.sentences:
        ms = by_sentence.get(s.index, [])
        if len(ms) < 2 or s.norm.rstrip().endswith(("？", "?")):
            continue
        a = abstract(s, ms)
        for rule in rules.rules:
            if rule.cues and not any(c in a.text for c in rule.cues):
                continue
            for m in rule.pattern.finditer(a.text):
                found.extend(_facts(rule, m, a, res))
    found.extend(_qualified_places(ex, res))
    return new(ex, relations=tuple(found))


def _qualified_places(ex: Extraction, res: Resources) -> list[Relation]:
    """An organisation whose name opens with a place of the lexicon is in that place: 德国弗劳恩霍夫协会,
    上海人工智能实验室 (rule ``relations.locatedIn.qualified``)."""
    found: list[Relation] = []
    seen: set[str] = set()
    if not res.allowed("locatedIn", "Organization", "Place"):
        return found
    for m in ex.mentions:
        if m.cls != "Organization" or m.key in seen:
            continue
        # the name as written there must open with the place (an alias such as 信通院 says nothing)
        qualified = place_qualifier(m.surface, res)
        if qualified is not None and qualified[0] != m.key:
            seen.add(m.key)
            found.append(Relation(m.key, "locatedIn", qualified[0], m.sentence, "relations.locatedIn.qualified", 0.7))
    return found
