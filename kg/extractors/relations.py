"""Relations between entities from cue patterns (``ontology/cues.toml``).

Each rule is a regular expression over the mention-abstracted sentence; its S
and O groups may hold lists (``X、Y和Z``), and every (subject, object) pair that
fits the property's domain and range is a fact. Questions assert nothing and a
negation between subject and object drops the fact.
"""

from __future__ import annotations

from itertools import combinations, pairwise

from kg.extractors.base import (
    Abstracted,
    Resources,
    abstract,
    extractor,
    mentions_by_sentence,
    new,
    tokens_between,
)
from kg.types import Extraction, Mention, Relation, Sentence


def _negated(a: Abstracted, start: int, end: int, negations: frozenset[str]) -> bool:
    """A negation token between the end of S and the start of O (``不是``, ``并不``)."""
    ns, ne = a.norm_span(start, end)
    for t in tokens_between(a.sentence, ns, ne):
        # 不 alone only as a word (不断 is no negation); 并不, 不是… also inside a word (并不需要)
        if t in negations or any(n in t for n in negations if len(n) > 1):
            return True
    return False


_PREDICATE_NOUNS = frozenset({"发展", "增长", "普及", "落地", "推广", "提升", "兴起", "涌现", "爆发"})
_PHRASE_GOES_ON = frozenset({"相关", "领域", "行业", "产业", "方面", "类", "型", "组织", "特有", "专用", "相应"})
_NOUN_TAGS = frozenset({"n", "nz", "vn", "nt", "ns", "nr", "eng", "j", "ng", "an"})


def _ends_phrase(s: Sentence, m: Mention, strict: bool = True) -> bool:
    """No noun follows the mention: it is the head of its phrase (机器人市场 is about a market,
    攻击面管理 about management). Loosely, a verbal noun may follow (推动传统产业转型)."""
    after = [t for t in s.tokens if t.start >= m.end][:3]
    if strict and any(t.text == "的" for t in after[:3]) and not any(t.tag == "x" for t in after[:2]):
        return False  # 人工智能特有的安全风险: a modifier of what follows
    nxt = after[0] if after else None
    if nxt is None or nxt.text in _PHRASE_GOES_ON:
        return nxt is None
    if nxt.text in _PREDICATE_NOUNS:
        return True  # 新业态新模式发展迅速: 发展 is what it does
    if nxt.tag in ("v", "vn") and len(after) > 1 and after[1].text in ("、", "等", "和"):
        return False  # 赋能气候变化应对、生物多样性保护: the item is 气候变化应对
    return nxt.tag not in _NOUN_TAGS or (not strict and nxt.tag == "vn")


#: an object right after these is governed by them, not by the cue: 需要根据人工智能…来调整
_PREPOSITIONS = frozenset({"根据", "按照", "依据", "对于", "关于", "针对", "通过", "随着", "依照", "基于", "来自",
                           "源自", "来源于"})


def _governed(s: Sentence, m: Mention) -> bool:
    """An object behind a preposition, or inside 包括…在内的 (包括互联网在内的数据基础设施), is not the object."""
    prev = next((t for t in reversed(s.tokens) if t.end <= m.start), None)
    if prev is not None and prev.text in _PREPOSITIONS:
        return True
    return s.norm.startswith("在内", m.end)


#: nouns that may follow a subject without taking its place: 数据产业发展需要… is about 数据产业
_PROCESS_NOUNS = frozenset({"发展", "建设", "应用", "提升", "创新", "升级", "转型", "普及", "落地", "推广", "部署",
                            "技术", "总部",
                            "产业", "行业", "领域", "本身", "等", "的"})
_MODALS = frozenset({"能", "能够", "可以", "可", "会", "将", "要", "应", "应该", "需", "必须", "得以", "有望", "正在",
                     "开始", "已经", "才能", "是", "也是", "成为", "作为", "被", "由"})
_THINGS = frozenset({"Technology", "Product", "Organization", "Place", "Person"})
_CAUSAL = frozenset({"因", "因其", "因为", "由于", "凭借", "凭借着", "依靠", "依托", "得益于"})
_PRONOUNS = frozenset({"这", "这些", "这一", "此", "它", "它们", "其", "该", "他", "她", "他们"})


def _subject_group_ok(a: Abstracted, group_start: int, s_end: int, cue_start: int) -> bool:
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
    if before is not None and before.text in ("在", "于", "从"):
        return False
    clause_start = max(s.norm.rfind(c, 0, head.start) for c in "，,；;：:。") + 1
    lead = [t for t in s.tokens if t.start >= clause_start and t.end <= head.start]  # the clause before the group
    if any(t.text in _CAUSAL for t in lead):
        return False  # Python因其强大的库生态被广泛应用于…: the group gives a reason, not the subject
    ns, ne = a.norm_span(s_end, cue_start)
    gap_tokens = [t for t in s.tokens if t.start >= ns and t.end <= ne]
    first = next((t for t in gap_tokens if not t.text.isspace()), None)
    if first is not None and first.tag == "f" and first.text in ("上", "中", "里", "内", "之中", "当中", "下"):
        return False  # Cog 是 Replicate 上用于…: the group names a place, not the subject
    if any(t.text in ("，", ",") for t in gap_tokens):
        if first is not None and first.text == "的":
            return False  # 是科技革命的驱动力量，是…的引擎: the group modified a noun, it is no subject
        if any(t.tag.startswith("v") for t in lead):
            return False
        if any(t.text in _PRONOUNS for t in gap_tokens):
            return False
    return True


def _no_sector_kind(s: Sentence, om: Mention) -> bool:
    """Whether a sector cannot be a kind of ``om``: a system or product, or a concept written with a
    sector word after it (关键基础设施行业 names sectors, the concept does not)."""
    if om.cls in _THINGS:
        return True
    return om.cls != "Sector" and s.norm[om.start : om.end].endswith(("行业", "产业"))


_AND = ("与", "和", "同", "跟")


def _parties(s: Sentence, members: list[Mention]) -> list[tuple[Mention, Mention]]:
    """The pairs a ``within`` rule links among the members of its list: every pair (A、B和C三者融合);
    the first with each of the others when it is joined to a list (A与B、C的融合); none when the
    list is itself the second party of a 与 before it (算力经济与区域经济、能源经济的融合)."""
    if not members or s.norm[: members[0].start].rstrip().endswith(_AND):
        return []
    seps = [s.norm[x.end : y.start].strip() for x, y in pairwise(members)]
    if len(members) > 2 and seps[0] in _AND and all(sep == "、" for sep in seps[1:]):
        return [(members[0], y) for y in members[1:]]
    return list(combinations(members, 2))


def _verb_between(a: Abstracted, s_end: int, cue_start: int) -> bool:
    """A verb between the subject and the cue verb makes the subject another verb's (已成为各国推进…);
    one right after 的 is a noun (底层技术能力的提升首先需要…)."""
    ns, ne = a.norm_span(s_end, cue_start)
    prev = ""
    for t in a.sentence.tokens:
        if t.start >= ns and t.end <= ne and t.tag == "v" and t.text not in _MODALS and prev != "的":
            return True
        prev = t.text
    return False


def _is_subject(a: Abstracted, sm: Mention, s_end: int, cue_start: int) -> bool:
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
    if content and nxt.start < ne and nxt.text not in _PROCESS_NOUNS | _MODALS and not nxt.text.startswith("化"):
        return False  # (SaaS化服务 is still about SaaS)
    return True


@extractor("relations", requires=("mentions",), assigns=("relations",))
def extract_relations(ex: Extraction, res: Resources) -> Extraction:
    """Facts for every SPEC property from cue patterns, lists expanded, negations dropped."""
    cfg = res.rules.relations
    negations = cfg.negations
    questions = cfg.questions
    cue_words = cfg.cue_words
    by_sentence = mentions_by_sentence(m for m in ex.mentions if m.key not in cue_words)
    found: list[Relation] = []
    for s in ex.parsed.sentences:
        ms = by_sentence.get(s.index, [])
        if len(ms) < 2 or s.norm.rstrip().endswith(("？", "?")):
            continue
        a = abstract(s, ms)
        for rule in cfg.rules:
            if rule.cues and not any(c in a.text for c in rule.cues):
                continue
            for m in rule.pattern.finditer(a.text):
                span = a.text[m.start() : m.end()]
                if any(q in span for q in questions) or any(w in span for w in rule.not_in_span):
                    continue
                s_start, s_end = m.span("S")
                if rule.within:
                    for x, y in _parties(s, a.entities(s_start, s_end)):
                        if x.key != y.key and res.allowed(rule.property, x.cls, y.cls):
                            found.append(Relation(x.key, rule.property, y.key, s.index, f"relations.{rule.id}",
                                                  rule.confidence))
                    continue
                o_start, o_end = m.span("O")
                gap = (s_end, o_start) if s_end <= o_start else (o_end, s_start)
                if not rule.negation_ok and _negated(a, *gap, negations):
                    continue
                groups = m.re.groupindex
                subjects = a.entities(s_start, s_end)
                objects = a.entities(o_start, o_end)
                if "S2" in groups and m.group("S2"):
                    subjects += a.entities(*m.span("S2"))
                if "O2" in groups and m.group("O2"):
                    objects += a.entities(*m.span("O2"))
                if s_end <= o_start:
                    between = a.text[s_end:o_start]
                    hits = [between.find(c) for c in rule.cues if c in between]
                    cue_at = s_end + min(hits) if hits else o_start
                    if not _subject_group_ok(a, m.start("S"), s_end, cue_at):
                        continue
                    if rule.plain_gap and _verb_between(a, s_end, cue_at):
                        continue
                    subjects = [sm for sm in subjects if _is_subject(a, sm, s_end, cue_at)]
                if rule.subject_not:
                    subjects = [sm for sm in subjects if sm.cls not in rule.subject_not]
                if rule.object_not:
                    objects = [om for om in objects if om.cls not in rule.object_not]
                if rule.head_object:
                    strict = rule.head_object != "loose"
                    objects = [om for om in objects if _ends_phrase(s, om, strict)]
                if o_start >= s_end:
                    first = min(objects, key=lambda om: om.start, default=None)
                    if first is not None and _governed(s, first):
                        objects = []  # 来自交通、安防等部门的数据: the whole list is governed
                    objects = [om for om in objects if not _governed(s, om)]
                if rule.object_suffix:
                    objects = [om for om in objects if om.key.endswith(rule.object_suffix)]
                if rule.object_not_suffix:
                    objects = [om for om in objects if not om.key.endswith(rule.object_not_suffix)]
                for sm in subjects:
                    for om in objects:
                        if sm.key == om.key or not res.allowed(rule.property, sm.cls, om.cls):
                            continue
                        if sm.rule == om.rule == "quoted":
                            continue  # 以“鼎新”带动“革故”: a figure of speech between two quoted words
                        if rule.property == "isA" and sm.cls == "Sector" and _no_sector_kind(s, om):
                            continue  # 金融、能源等计算机系统 / 医疗等关键基础设施行业: a sector is a kind of sector
                        found.append(Relation(sm.key, rule.property, om.key, s.index, f"relations.{rule.id}",
                                              rule.confidence))
    return new(ex, relations=tuple(found))
