"""People: who is named, their job titles, affiliations and birth year.

A name is accepted only where the text treats it as a person: before a speech
verb (``贺晗指出``), after a job title (``副总裁苗伟``), in a byline
(``（记者 杨杰英）``), a signature (``（张平文 中国科学院院士 …）``) or a frame
(``在贺晗看来``). Every other occurrence of an accepted name is then a mention.
Titles come from appositions: ``全国政协委员、天娱数科副总经理、…董事长，…贺晗``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.cues import Cues
from kg.extractors.base import Resources, extractor, new
from kg.extractors.entities import surface
from kg.types import Attribute, Extraction, Mention, Relation, Sentence

_BOUNDARY = set("，,。；;：:、“”\"「」（）()《》〈〉 \u3000—-·!！?？")
#: words that may stand between a speaker and the speech verb: 苗伟在接受采访时表示
_GAP_WORDS = (
    "在", "基于", "也", "还", "则", "曾", "再次", "再度", "进一步", "同时", "对此", "此前", "日前", "近日",
    "明确", "大胆", "并", "又", "更", "首先", "一直", "多次", "坦率", "认真", "就", "向", "对", "接受", "公开",
    "分析", "特别", "郑重", "表示", "最后", "随后", "当时", "早前", "近期", "会上", "现场", "今天", "昨天",
)
_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十百\d]+届|本届|现任|时任|前任|原)")
_FUNCTION_CHARS = set("的是在和与了们等为对把被从向这那个也都就还又很更最上下中里将已于及其之或而")


def _is_candidate(name: str, cues: Cues, res: Resources) -> bool:
    if not 2 <= len(name) <= 4 or not all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in name):
        return False
    if name in cues.not_names or res.lexicon.lookup(name) is not None:
        return False
    if any(ch in _FUNCTION_CHARS for ch in name[1:]):
        return False
    if any(name.startswith(c) for c in cues.compound_surnames):
        return len(name) >= 3
    return name[0] in cues.surnames and len(name) <= 3


def _single_token_tag(sentence: Sentence, start: int, end: int) -> str | None:
    for t in sentence.tokens:
        if t.start == start and t.end == end:
            return t.tag
    return None


def _plausible_here(sentence: Sentence, start: int, end: int) -> bool:
    """A name must not be one ordinary dictionary word (成员, 文章): jieba tags names ``nr``."""
    tag = _single_token_tag(sentence, start, end)
    return tag is None or tag.startswith("nr")


def _ends_with_title(text: str, cues: Cues) -> str | None:
    return next((t for t in cues.titles if text.endswith(t)), None)


def names_before_verbs(sentence: Sentence, res: Resources) -> Iterable[tuple[str, int]]:
    """Names right before a speech verb (a short gap allowed): ``贺晗指出``, ``苗伟在接受采访时表示``."""
    cues = res.cues
    norm = sentence.norm
    for m in cues.claim_verb_re.finditer(norm):
        v = m.start()
        w0 = v
        while w0 > 0 and norm[w0 - 1] not in _BOUNDARY and v - w0 < 24:
            w0 -= 1
        best: tuple[str, int] | None = None
        for p in range(w0, v - 1):
            before = norm[w0:p]
            if p != w0 and not _ends_with_title(before, cues):
                continue
            for length in (3, 2, 4):
                name = norm[p : p + length]
                gap = norm[p + length : v]
                if p + length > v or not _is_candidate(name, cues, res):
                    continue
                if gap and not gap.startswith(_GAP_WORDS):
                    continue
                if not _plausible_here(sentence, p, p + length):
                    continue
                best = (name, p)
                break
            if best:
                break
        if best:
            yield best


def names_in_frames(sentence: Sentence, res: Resources) -> Iterable[tuple[str, int]]:
    """``在贺晗看来`` / ``据张三介绍``: the name between fixed words."""
    frame = r"(?:在|据|按照)(?P<n>[\u4e00-\u9fff·]{2,4}?)(?:看来|介绍|透露|表示|称|的预计|预计)"
    for m in re.finditer(frame, sentence.norm):
        name = m.group("n")
        if _is_candidate(name, res.cues, res):
            yield name, m.start("n")


def names_after_titles(sentence: Sentence, res: Resources, known: set[str]) -> Iterable[tuple[str, int]]:
    """``副总裁苗伟``: a title, then a name that jieba tags as a person or the text names elsewhere."""
    cues = res.cues
    norm = sentence.norm
    for t in sentence.tokens:
        if not t.tag.startswith("nr") or not _is_candidate(t.text, cues, res):
            continue
        if _ends_with_title(norm[: t.start], cues) or t.text in known:
            yield t.text, t.start


def _chunks(app: str) -> list[str]:
    return [c.strip() for c in re.split(r"[、，,]", app) if c.strip()]


def titles_of(app: str, cues: Cues) -> list[tuple[str, str]]:
    """``全国政协委员、天娱数科副总经理`` -> [("全国政协委员", "全国政协"), ("天娱数科副总经理", "天娱数科")].

    Each item is (job title as written, organisation part or "").
    """
    out = []
    for chunk in _chunks(app):
        chunk = _ORDINAL.sub("", chunk).removeprefix("作为").strip()
        title = _ends_with_title(chunk, cues)
        if not title:
            continue
        org = chunk[: -len(title)].strip().removesuffix("的").strip()
        out.append((chunk, org))
    return out


@extractor("people", requires=("mentions",), assigns=("mentions", "attributes", "relations"))
def extract_people(ex: Extraction, res: Resources) -> Extraction:
    """Persons named in the text, with job titles, affiliations and birth years."""
    cues = res.cues
    people = cues.section("people")
    byline = re.compile(people["byline"])
    births = [re.compile(p) for p in people["birth"]]
    sentences = ex.parsed.sentences
    names: dict[str, None] = {}
    titled: list[tuple[str, int, str]] = []  # (name, sentence, app text) from bylines and signatures
    dateline_orgs: list[tuple[str, int, str]] = []  # (reporter, sentence, organisation)
    for s in sentences:
        for m in byline.finditer(s.norm):
            # 中新网山西新闻2月16日电 （记者 杨杰英）: the reporter works for the outlet of the dateline
            dateline = re.search(r"\d{1,2}月\d{1,2}日(?:电|讯)", s.norm[: m.start()])
            outlet = next(
                (x for x in ex.mentions if x.sentence == s.index and x.cls == "Organization" and dateline
                 and x.end <= dateline.start()),
                None,
            )
            for name in re.split(r"[ \u3000、]", m.group("names")):
                if _is_candidate(name, cues, res):
                    names[name] = None
                    titled.append((name, s.index, m.group("title")))
                    if outlet is not None:
                        dateline_orgs.append((name, s.index, outlet.key))
        for name, _ in (*names_before_verbs(s, res), *names_in_frames(s, res)):
            names[name] = None
    for s in sentences[-3:]:
        sig = cues.signature.match(s.norm.strip())
        if sig and _is_candidate(sig.group("name"), cues, res):
            names[sig.group("name")] = None
            titled.append((sig.group("name"), s.index, "、".join(sig.group("titles").split())))
    for s in sentences:
        for name, _ in names_after_titles(s, res, set(names)):
            names[name] = None

    mentions: list[Mention] = []
    attributes: list[Attribute] = []
    relations: list[Relation] = []
    org_keys = {m.key for m in ex.mentions if m.cls == "Organization"}
    for s in sentences:
        for name in names:
            for occ in re.finditer(re.escape(name), s.norm):
                a, b = occ.span()
                mentions.append(Mention(name, surface(s, a, b), "Person", s.index, a, b, "person", confidence=0.9))
                for title, org, oa in _appositions(s, a, b, name, cues):
                    attributes.append(Attribute(name, "jobTitle", title, s.index, "people.apposition"))
                    org_m = _organisation(s, org, oa, res, org_keys)
                    if org_m is not None:
                        mentions.append(org_m)
                        relations.append(
                            Relation(name, "affiliatedWith", org_m.key, s.index, "people.apposition", 0.85)
                        )
        for rx in births:
            for bm in rx.finditer(s.norm):
                person = _nearest_person(s, bm.start(), bm.end(), names)
                if person:
                    attributes.append(Attribute(person, "birthDate", bm.group("year"), s.index, "people.birth"))
    for name, index, app in titled:
        s = sentences[index]
        for title, org in titles_of(app, cues):
            attributes.append(Attribute(name, "jobTitle", title, index, "people.byline"))
            oa = s.norm.find(org) if org else -1
            org_m = _organisation(s, org, oa, res, org_keys)
            if org_m is not None:
                mentions.append(org_m)
                relations.append(Relation(name, "affiliatedWith", org_m.key, index, "people.byline", 0.85))
    for name, index, org in dateline_orgs:
        relations.append(Relation(name, "affiliatedWith", org, index, "people.dateline", 0.75))
    return new(ex, mentions=tuple(mentions), attributes=tuple(attributes), relations=tuple(relations))


def _appositions(s: Sentence, a: int, b: int, name: str, cues: Cues) -> list[tuple[str, str, int]]:
    """Titles around one occurrence of a name: (title, organisation text, its offset or -1)."""
    norm = s.norm
    found: list[tuple[str, str, int]] = []
    # directly before: …、中兴通讯高级副总裁苗伟
    k = a
    while k > 0 and norm[k - 1] not in "，,。；;：:“”「」（）()《》":
        k -= 1
    app = norm[k:a]
    if _ends_with_title(app, cues):
        found.extend(_with_offsets(norm, k, app, cues))
    else:
        # 作为第十四届全国政协委员、…董事长，生于1988年的贺晗
        hits = list(re.finditer(r"作为(?P<app>[^，。；]{2,80})[，,](?P<mid>[^，。；]{0,16})$", norm[:a]))
        m = hits[-1] if hits else None
        if m and _ends_with_title(m.group("app"), cues):
            found.extend(_with_offsets(norm, m.start("app"), m.group("app"), cues))
    # after: 周鸿祎再次连任全国政协委员
    after = re.match(r"(?:再次|再度|此前|曾|现)?(?:连任|当选|担任|出任|任|是|系)(?P<app>[^，。；、]{2,30})", norm[b:])
    if after:
        app2 = after.group("app")
        t = next((t for t in cues.titles if t in app2), None)
        if t:
            cut = app2[: app2.index(t) + len(t)]
            found.extend(_with_offsets(norm, b + after.start("app"), cut, cues))
    return found


def _with_offsets(norm: str, base: int, app: str, cues: Cues) -> list[tuple[str, str, int]]:
    out = []
    for title, org in titles_of(app, cues):
        pos = norm.find(org, base) if org else -1
        out.append((title, org, pos))
    return out


def _organisation(s: Sentence, org: str, offset: int, res: Resources, known: set[str]) -> Mention | None:
    """An Organization mention for the organisation part of a title, if it is one."""
    if not org or len(org) < 2:
        return None
    entry = res.lexicon.lookup(org)
    if entry is not None and entry.cls != "Organization":
        return None  # 山西省副省长: a place, not an employer
    key = entry.key if entry is not None else org
    if entry is None:
        # 腾讯数字孪生仿真技术总监: the organisation is the known name the text starts with
        prefix = next((k for k in sorted(known, key=len, reverse=True) if org.startswith(k) and k != org), None)
        if prefix is None:
            for n in range(len(org) - 1, 1, -1):
                e = res.lexicon.lookup(org[:n])
                if e is not None and e.cls == "Organization":
                    prefix = e.key
                    org = org[:n]
                    break
        if prefix is not None:
            key = prefix
            org = org[: len(prefix)] if org.startswith(prefix) else org
        if org in res.cues.section("discovery")["stop"] or org.startswith(("该", "本", "这", "我")):
            return None
    if offset < 0:
        return Mention(key, org, "Organization", s.index, 0, 0, "org", lexical=entry is not None, confidence=0.8)
    return Mention(key, surface(s, offset, offset + len(org)), "Organization", s.index, offset, offset + len(org),
                   "org", lexical=entry is not None, confidence=0.8)


def _nearest_person(s: Sentence, start: int, end: int, names: dict[str, None]) -> str | None:
    best: tuple[int, str] | None = None
    for name in names:
        for occ in re.finditer(re.escape(name), s.norm):
            d = occ.start() - end if occ.start() >= end else start - occ.end()
            if d >= 0 and d <= 12 and (best is None or d < best[0]):
                best = (d, name)
    return best[1] if best else None
