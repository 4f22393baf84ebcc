"""People: who is named, their job titles, affiliations and birth year.

A name is accepted only where the text treats it as a person: before a speech
verb (``贺晗指出``, ``习近平总书记强调``), after a job title (``副总裁苗伟``,
``首席安全研究员Flanker``), in a byline (``（记者 杨杰英）``, ``文 国家数据局局长 刘烈宏``),
a signature (``（张平文 中国科学院院士 …）``) or a frame (``在贺晗看来``). Every
other occurrence of an accepted name is then a mention.

Titles come from appositions, which may chain organisations and titles:
``全国政协委员、天娱数科副总经理``, ``中国电力发展促进会常务副会长兼秘书长``,
``京东安全实验室负责人京东集团首席安全研究员``. :func:`parse_appositive` splits
them into (job title, organisation) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.extractors.base import Resources, extractor, is_han, new
from kg.extractors.entities import surface
from kg.rules.people import PeopleRules
from kg.types import Attribute, Extraction, Mention, Relation, Sentence, Token

_BOUNDARY = set("，,。；;：:、“”\"「」（）()《》〈〉 \u3000—-·!！?？")
_LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*\s*(?=[\u4e00-\u9fff])")
_LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")
_LATIN_NAME = re.compile(r"^\s?([A-Z][A-Za-z\-']+(?:\s[A-Z][A-Za-z\-']+){0,2})(?![A-Za-z])")


@dataclass(frozen=True)
class _Ctx:
    """Per-run data: the people pack, the resources, and the pack's fields the helpers read most."""

    rules: PeopleRules
    res: Resources
    title_re: re.Pattern[str]
    org_suffixes: tuple[str, ...]
    masks: re.Pattern[str]
    breaks: frozenset[str] = frozenset()
    verb_breaks: frozenset[str] = frozenset()
    area_titles: tuple[str, ...] = ()
    credit_titles: tuple[str, ...] = ()
    business_areas: tuple[str, ...] = ()


def _context(res: Resources) -> _Ctx:
    r = res.rules.people
    return _Ctx(r, res, r.title_re, r.org_suffixes, r.not_titles, r.apposition_breaks, r.apposition_verb_breaks,
                r.area_titles, r.credit_titles, r.business_areas)


def _is_candidate(name: str, rules: PeopleRules, res: Resources) -> bool:
    if not 2 <= len(name) <= 4 or not all(is_han(ch) or ch == "·" for ch in name):
        return False
    if name in rules.not_names or res.lexicon.lookup(name) is not None:
        return False
    if name[:2] in rules.not_name_prefixes:
        return False  # 高调宣布, 齐聚一堂, 时候我: a word, not a surname and a given name
    if any(ch in rules.function_chars for ch in name[1:]):
        return False
    if any(name.startswith(c) for c in rules.compound_surnames):
        return len(name) >= 3
    return name[0] in rules.surnames and len(name) <= 3


def _single_token_tag(sentence: Sentence, start: int, end: int) -> str | None:
    for t in sentence.tokens:
        if t.start == start and t.end == end:
            return t.tag
    return None


#: jieba tags of ordinary words: a "name" that is one such token (成员, 文章, 方面) is not one
_COMMON_TAGS = frozenset(
    {"n", "v", "vn", "a", "ad", "an", "d", "r", "m", "c", "p", "f", "t", "q", "u", "ul", "uj", "s"}
)


def _plausible_here(sentence: Sentence, start: int, end: int) -> bool:
    """A name must not be one ordinary dictionary word (成员, 文章); jieba may tag a rare name ``ns``."""
    tag = _single_token_tag(sentence, start, end)
    return tag is None or tag not in _COMMON_TAGS


def _ends_with_title(text: str, rules: PeopleRules) -> str | None:
    text = text.rstrip()
    return next((t for t in rules.titles if text.endswith(t)), None)


def names_before_verbs(sentence: Sentence, ctx: _Ctx) -> Iterable[tuple[str, int]]:
    """Names right before a speech verb, a short gap or a title allowed: ``贺晗指出``, ``习近平总书记强调``."""
    rules, res = ctx.rules, ctx.res
    norm = sentence.norm
    bounds = {t.start for t in sentence.tokens} | {len(norm)}
    for m in rules.speaker_verb_re.finditer(norm):
        v = m.start()
        w0 = v
        while w0 > 0 and norm[w0 - 1] not in _BOUNDARY and v - w0 < 30:
            w0 -= 1
        best: tuple[str, int] | None = None
        for p in range(w0, v - 1):
            # a name opens its clause, follows a title, or a 的 phrase (生于1988年的孙立平表示)
            if p != w0 and not _ends_with_title(norm[w0:p], rules) and norm[p - 1] != rules.de:
                continue
            # prefer the length at which a word boundary falls: 游敏|针对 (not 游敏针|对), 周鸿祎|表示
            for length in sorted((3, 2, 4), key=lambda n: (p + n not in bounds, n != 3)):
                name = norm[p : p + length]
                gap = re.sub(r"^[（(][^）)]{0,20}[）)]", "", norm[p + length : v])  # 李明（1980年出生）表示
                if p + length > v or not _is_candidate(name, rules, res):
                    continue
                if p + length not in bounds and p + length != v:
                    continue  # 公司总|经理: a name ends where a word ends
                title = ctx.title_re.match(gap)
                rest = gap[title.end() :] if title else gap
                if rest and not rest.startswith(rules.gap_words):
                    continue
                if not _plausible_here(sentence, p, p + length):
                    continue
                best = (name, p)
                break
            if best:
                break
        if best:
            yield best


def names_in_frames(sentence: Sentence, ctx: _Ctx) -> Iterable[tuple[str, int]]:
    """``在贺晗看来`` / ``据张三介绍`` / ``生于1988年的赵刚`` / ``李明是星河公司副总经理``."""
    norm = sentence.norm
    bounds = {t.start for t in sentence.tokens} | {len(norm)}
    for m in ctx.rules.name_frame.finditer(norm):
        name = m.group("n")
        if _is_candidate(name, ctx.rules, ctx.res):
            yield name, m.start("n")
    # a birth year told before the name: 生于1988年的赵刚
    for m in ctx.rules.birth_before_name.finditer(norm):
        p = m.end()
        for length in (3, 2):
            if p + length in bounds and _is_candidate(norm[p : p + length], ctx.rules, ctx.res):
                yield norm[p : p + length], p
                break
    # a clause that opens with a name and says what the person is: 李明是星河公司副总经理
    for m in ctx.rules.name_is.finditer(norm):
        name, app = m.group("n"), m.group("app")
        if m.end("n") in bounds and _is_candidate(name, ctx.rules, ctx.res) and ctx.title_re.search(app):
            if _plausible_here(sentence, m.start("n"), m.end("n")):
                yield name, m.start("n")


def names_after_titles(sentence: Sentence, ctx: _Ctx, known: set[str]) -> Iterable[tuple[str, int]]:
    """A title, then a name: ``副总裁苗伟``, ``百度 CEO 李彦宏``, ``首席安全研究员Flanker``."""
    rules, res = ctx.rules, ctx.res
    norm = sentence.norm
    toks = sentence.tokens
    for m in ctx.title_re.finditer(norm):
        if ctx.masks.match(norm, m.start()):
            continue
        if norm[max(0, m.start() - 2) : m.start()].endswith(rules.counted):
            continue  # 涉及多个专家时: experts counted, not a title before a name
        p = m.end()
        while p < len(norm) and norm[p] == " ":
            p += 1
        latin = _LATIN_NAME.match(norm[p:])
        if latin and latin.group(1) not in ("CEO", "CTO", "AI"):
            yield latin.group(1), p
            continue
        first = next((t for t in toks if t.start == p), None)
        if first is None:
            continue
        if norm[first.end : first.end + 1] in tuple(_DOTS) and _name_like(first):
            full = _dotted(sentence, p, first.text)  # 首席执行官卡尔·马丁斯: a transliterated name
            if full != first.text:
                yield full, p
                continue
        if first.tag not in _COMMON_TAGS and 2 <= len(first.text) <= 3 and _is_candidate(first.text, rules, res):
            yield _whole_name(sentence, first, ctx), p
            continue
        for length in (3, 2):
            name = norm[p : p + length]
            if name in known:
                yield name, p
                break
        else:
            joined = _joined_name(sentence, p, ctx)
            if joined is not None:
                yield joined, p


def _joined_name(sentence: Sentence, p: int, ctx: _Ctx) -> str | None:
    """jieba cut the name at ``p`` into pieces (周/鸿/祎, 王英/梅): join 2 or 3 characters up to a word
    that ends a name."""
    nxt = [t for t in sentence.tokens if t.start >= p][:4]
    for n in (3, 2):
        joined, used = "", 0
        while used < len(nxt) and len(joined) < n:
            joined += nxt[used].text
            used += 1
        if len(joined) != n or not _is_candidate(joined, ctx.rules, ctx.res) or not _plausible_here(sentence, p, p + n):
            continue
        after = nxt[used] if used < len(nxt) else None
        if after is None or after.tag[:1] in ("v", "p", "d", "u", "c", "x") or after.text in _BOUNDARY:
            return joined
    return None


_DOTS = "·•・‧-－"
_DOTTED = re.compile(r"[\u4e00-\u9fff][·•・‧\-－][\u4e00-\u9fff]")


def _name_like(t: Token) -> bool:
    """A token that can be part of a transliterated name: Han characters, no ordinary word's tag."""
    return (t.tag.startswith("nr") or t.tag in ("ns", "nz", "j", "g")) and all(is_han(ch) for ch in t.text)


def _dotted(sentence: Sentence, pos: int, name: str) -> str:
    """``马克·扎克伯格``, ``埃隆·马斯克``: a transliterated name runs on over its middle dots,
    through name-like tokens on either side."""
    norm, toks = sentence.norm, sentence.tokens
    if not _DOTTED.search(norm, max(0, pos - 12), pos + len(name) + 12):
        return name

    begin, end = pos, pos + len(name)
    while end < len(norm) and norm[end] in _DOTS:
        part = end + 1
        for t in toks:
            if t.start < part:
                continue
            if t.start > part or not _name_like(t) or t.end - end > 9:
                break
            part = t.end
        if part == end + 1:
            break
        end = part
    while begin > 0 and norm[begin - 1] in _DOTS:
        part = begin - 1
        for t in reversed(toks):
            if t.end > part:
                continue
            if t.end < part or not _name_like(t) or begin - t.start > 9:
                break
            part = t.start
        if part == begin - 1:
            break
        begin = part
    return norm[begin:end]


def _not_organisations(names: dict[str, None], sentences: Sequence[Sentence], ctx: _Ctx) -> dict[str, None]:
    """Drop "names" the article also writes as the head of an organisation's name (吉利回应 beside
    吉利控股集团): a brand, not a person."""
    text = "\n".join(s.norm for s in sentences)
    heads = ctx.rules.brand_heads
    return {n: None for n in names if not any(heads.match(text, m.end()) for m in re.finditer(re.escape(n), text))}


def _full_names(names: dict[str, None]) -> dict[str, str]:
    """``马斯克`` → ``埃隆·马斯克`` where the article gives the full transliterated name once."""
    by_last: dict[str, list[str]] = {}
    for name in names:
        parts = re.split(f"[{re.escape(_DOTS)}]", name)
        if len(parts) > 1 and len(parts[-1]) >= 2:
            by_last.setdefault(parts[-1], []).append(name)
    return {last: fulls[0] for last, fulls in by_last.items() if len(fulls) == 1}


def _whole_name(sentence: Sentence, first: Token, ctx: _Ctx) -> str:
    """``陈霄航，``: jieba tags 陈霄 a name and leaves 航 alone; a lone character before a pause completes it."""
    if len(first.text) != 2:
        return first.text
    nxt = next((t for t in sentence.tokens if t.start == first.end), None)
    if nxt is None or len(nxt.text) != 1 or not is_han(nxt.text):
        return first.text
    if nxt.tag in ("v", "p", "c", "u", "d"):
        return first.text  # 王英称，: a verb, not the end of the name
    after = sentence.norm[nxt.end : nxt.end + 1]
    joined = first.text + nxt.text
    if (after == "" or after in "，,、。；;） )") and _is_candidate(joined, ctx.rules, ctx.res):
        return joined
    return first.text


def parse_appositive(app: str, ctx: _Ctx) -> list[tuple[str, str]]:
    """Split an apposition into (job title as written, organisation or "") pairs.

    Chunks separated by 、 are parsed one by one; inside a chunk every title
    word ends a pair, and the text before it up to the previous title is the
    organisation (cut after its last organisation suffix, the rest joining
    the title: ``中粮信息科技有限公司网络安全经理``).
    """
    out: list[tuple[str, str]] = []
    bodies = ctx.rules.bodies
    carried = ""  # 国家数据局党组书记、局长: a bare title keeps the previous organisation
    for chunk in re.split(r"[、，,]", app):
        chunk = ctx.rules.ordinal.sub("", chunk.strip()).removeprefix(ctx.rules.as_word).strip()
        if not chunk:
            continue
        found = _title_spans(chunk, ctx)
        if not found or found[-1][1] != len(chunk.rstrip()):
            continue  # a chunk must end in a title
        prev_end = 0
        prev_org = carried if carried not in bodies else ""
        for start, end in found:
            seg = ctx.rules.leading.sub("", chunk[prev_end:start].strip(ctx.rules.title_joiners))
            title = chunk[start:end]
            org, prefix = _split_org(seg, ctx) if seg else (prev_org, "")
            literal = (org + prefix + title) if org else (prefix + title)
            out.append((literal.replace(" ", "") if not org.isascii() else literal, org))
            prev_org = org
            prev_end = end
        carried = prev_org
    return out


def _title_spans(chunk: str, ctx: _Ctx) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    masked = [range(m.start(), m.end()) for m in ctx.masks.finditer(chunk)]
    i = 0
    while i < len(chunk):
        m = ctx.title_re.match(chunk, i)
        if m and chunk.startswith(ctx.rules.after_title, m.end()):
            m = None  # 专家委员会, 记者站: part of an organisation's name
        if m and not any(i in r for r in masked):
            spans.append((m.start(), m.end()))
            i = m.end()
        else:
            i += 1
    return spans


def _split_org(seg: str, ctx: _Ctx) -> tuple[str, str]:
    """(organisation, title prefix) of the text before a title."""
    if seg.startswith(ctx.rules.title_modifiers):
        return "", seg
    latin = _LATIN_HEAD.match(seg)
    if latin and not seg.endswith(ctx.org_suffixes) and ctx.res.lexicon.lookup(seg) is None:
        # Fiserv 网络安全客户信任与国际网络安全服务主管: the Latin name is the employer, the rest the post
        rest = seg[latin.end() :].strip()
        if len(rest) >= 2 and not any(suffix in rest for suffix in ctx.org_suffixes if len(suffix) > 1):
            return latin.group(0).strip(), rest
    best = -1
    for suffix in ctx.org_suffixes:
        pos = seg.rfind(suffix)
        if pos < 0:
            continue
        end = pos + len(suffix)
        # a one-character suffix (部, 网) only at the very end: 网络安全 does not end an organisation at 网;
        # 局, 厅, 署 rarely end anything else (欧洲航天局 | 导航系统工程师)
        if (len(suffix) > 1 and len(seg) - end <= 6) or end == len(seg) or (
                suffix in ctx.rules.sure_short_suffixes and len(seg) - end <= 4 and end >= 3):
            best = max(best, end)
    if best > 0:
        return seg[:best].strip(), seg[best:].strip()
    for n in range(len(seg), 1, -1):
        if seg[n - 1 : n].isascii() and seg[n - 1].isalnum() and seg[n : n + 1].isascii() and seg[n:n + 1].isalnum():
            continue  # a Latin prefix must end a word: Mitek is not MIT
        entry = ctx.res.lexicon.lookup(seg[:n])
        if entry is not None and entry.cls == "Organization":
            return seg[:n], seg[n:]
    for mod in ctx.rules.title_modifiers:
        pos = seg.rfind(mod)
        if pos > 0 and len(seg) - pos <= len(mod) + 4:  # 中国海油特聘 | 专家, not 短剧 | 行业头部企业丰行文化
            return seg[:pos].strip(), seg[pos:]
    return seg, ""


@dataclass
class _Found:
    """What the people extractor has found so far: names (in the order found), the titles bylines and
    signatures give them, the outlets of datelines, and the facts."""

    names: dict[str, None] = field(default_factory=dict)
    #: (name, sentence, apposition) from bylines and signatures
    titled: list[tuple[str, int, str]] = field(default_factory=list)
    #: (reporter, sentence, organisation)
    dateline_orgs: list[tuple[str, int, str]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _bylines(ex: Extraction, s: Sentence, ctx: _Ctx, found: _Found) -> None:
    """Reporters named in a byline: （记者 杨杰英）."""
    rules = ctx.rules
    for m in rules.byline.finditer(s.norm):
        # 中新网山西新闻2月16日电 （记者 杨杰英）: the reporter works for the outlet of the dateline
        dateline = rules.dateline.search(s.norm[: m.start()])
        outlet = next(
            (x for x in ex.mentions if x.sentence == s.index and x.cls == "Organization" and dateline
             and x.end <= dateline.start()),
            None,
        )
        for name in re.split(r"[ \u3000、]", m.group("names")):
            if _is_candidate(name, rules, ctx.res):
                found.names[name] = None
                found.titled.append((name, s.index, m.group("title")))
                if outlet is not None:
                    found.dateline_orgs.append((name, s.index, outlet.key))


def _signed(sentences: Sequence[Sentence], ctx: _Ctx, found: _Found) -> None:
    """Authors: an author line among the first sentences, a signature among the last."""
    shared = ctx.res.rules.shared
    for s in sentences[:12]:
        m = shared.author_line.match(s.norm.strip())
        if m and _is_candidate(m.group("name"), ctx.rules, ctx.res):
            found.names[m.group("name")] = None
            found.titled.append((m.group("name"), s.index, m.group("titles") or ""))
    for s in sentences[-3:]:
        sig = shared.signature.match(s.norm.strip())
        if sig and _is_candidate(sig.group("name"), ctx.rules, ctx.res):
            found.names[sig.group("name")] = None
            found.titled.append((sig.group("name"), s.index, "、".join(sig.group("titles").split())))


def _find_names(ex: Extraction, ctx: _Ctx) -> _Found:
    """Every name the text treats as a person's (bylines, speech verbs, frames, signatures, titles)."""
    sentences = ex.parsed.sentences
    found = _Found()
    for s in sentences:
        _bylines(ex, s, ctx, found)
        for name, pos in (*names_before_verbs(s, ctx), *names_in_frames(s, ctx)):
            found.names[_dotted(s, pos, name)] = None
    _signed(sentences, ctx, found)
    for s in sentences:
        for name, pos in names_after_titles(s, ctx, set(found.names)):
            found.names[_dotted(s, pos, name)] = None
    found.names = _not_organisations(found.names, sentences, ctx)
    return found


def _occurrences(s: Sentence, found: _Found, full: dict[str, str], org_keys: set[str], ctx: _Ctx) -> None:
    """A mention for every occurrence of a name in ``s``, with the titles and employers around it."""
    names = found.names
    occurrences = [(occ.start(), occ.end(), name) for name in names for occ in re.finditer(re.escape(name), s.norm)]
    for a, b, name in occurrences:
        if any(x <= a and b <= y and (x, y) != (a, b) for x, y, _ in occurrences):
            continue  # 王维 inside 王维强: the longer name was found as a whole
        if name.isascii() and (_ascii_alnum(s.norm[b : b + 1]) or _ascii_alnum(s.norm[a - 1 : a])):
            continue  # Flanker inside FlankerBot
        name = full.get(name, name)
        found.mentions.append(Mention(name, surface(s, a, b), "Person", s.index, a, b, "person", confidence=0.9))
        for title, org, oa in _appositions(s, a, b, ctx, names):
            employer = not org or _employer_like(org, title, ctx, org_keys, names)
            if not employer:
                title = _without_colleague(title, org, ctx, names)
            found.attributes.append(Attribute(name, "jobTitle", title, s.index, "people.apposition"))
            if not employer:
                continue
            org_m = _organisation(s, org, oa, ctx.res, org_keys)
            if org_m is not None:
                found.mentions.append(org_m)
                found.relations.append(
                    Relation(name, "affiliatedWith", org_m.key, s.index, "people.apposition", 0.85)
                )


def _births(s: Sentence, found: _Found, full: dict[str, str], ctx: _Ctx) -> None:
    """Birth years told near a name: 生于1988年."""
    for rx in ctx.rules.births:
        for bm in rx.finditer(s.norm):
            person = _nearest_person(s, bm.start(), bm.end(), found.names)
            person = full.get(person, person) if person else None
            if person:
                found.attributes.append(Attribute(person, "birthDate", bm.group("year"), s.index, "people.birth"))


def _titled_facts(sentences: Sequence[Sentence], found: _Found, org_keys: set[str], ctx: _Ctx) -> None:
    """Titles and employers from bylines and signatures."""
    res = ctx.res
    for name, index, app in found.titled:
        s = sentences[index]
        for title, org in parse_appositive(app, ctx):
            if org and not org.endswith(ctx.org_suffixes) and res.lexicon.lookup(org) is None:
                title = _without_colleague(title, org, ctx, found.names)
                org = ""  # 作者 暗流体编辑 郑玄: a pen name, not an employer
            found.attributes.append(Attribute(name, "jobTitle", title, index, "people.byline"))
            oa = s.norm.find(org) if org else -1
            org_m = _organisation(s, org, oa, res, org_keys)
            if org_m is not None:
                found.mentions.append(org_m)
                found.relations.append(Relation(name, "affiliatedWith", org_m.key, index, "people.byline", 0.85))


@extractor("people", requires=("mentions",), assigns=("mentions", "attributes", "relations"))
def extract_people(ex: Extraction, res: Resources) -> Extraction:
    """Persons named in the text, with job titles, affiliations and birth years."""
    ctx = _context(res)
    sentences = ex.parsed.sentences
    found = _find_names(ex, ctx)
    org_keys = {m.key for m in ex.mentions if m.cls == "Organization"}
    # people the lexicon knows (吴恩达, 马斯克 for 埃隆·马斯克) get titles and affiliations like the others
    known_people: dict[str, str] = {}
    for m in ex.mentions:
        if m.cls == "Person" and m.lexical:
            known_people[sentences[m.sentence].norm[m.start : m.end]] = m.key
    for written in known_people:
        found.names[written] = None
    full = {**_full_names(found.names), **{w: k for w, k in known_people.items() if w != k}}
    for s in sentences:
        _occurrences(s, found, full, org_keys, ctx)
        _births(s, found, full, ctx)
    _titled_facts(sentences, found, org_keys, ctx)
    for name, index, org in found.dateline_orgs:
        found.relations.append(Relation(name, "affiliatedWith", org, index, "people.dateline", 0.75))
    return new(ex, mentions=tuple(found.mentions), attributes=tuple(found.attributes),
               relations=tuple(found.relations))


def _appositions(s: Sentence, a: int, b: int, ctx: _Ctx, names: dict[str, None]) -> list[tuple[str, str, int]]:
    """Titles around one occurrence of a name: (title, organisation text, its offset or -1)."""
    norm = s.norm
    found: list[tuple[str, str, int]] = []
    # directly before: …、中兴通讯高级副总裁苗伟
    k = a
    while k > 0 and norm[k - 1] not in ctx.rules.apposition_stops:
        if norm[k - 1] in "）)":  # 研究中心（NDSC）主任: step over the alias
            opening = max(norm.rfind("（", 0, k - 1), norm.rfind("(", 0, k - 1))
            if opening < 0 or k - opening > 24:
                break
            k = opening
            continue
        k -= 1
    k = _apposition_start(s, k, a, ctx)
    app = re.sub(r"[（(][^）)]*[）)]", "", norm[k:a])
    app = ctx.rules.credit_prefix.sub("", app)  # 文 中国法学会副会长 姜伟
    for other in names:
        cut = app.rfind(other)
        if cut >= 0 and other != norm[a:b]:
            # 比亚迪集团董事长兼总裁王传福和华为轮值董事长徐直军: the titles before 王传福 are his
            k += cut + len(other)
            app = app[cut + len(other) :].lstrip(ctx.rules.name_joiners)
    if _ends_with_title(app, ctx.rules):
        found.extend(_with_offsets(norm, k, app.rstrip(), ctx))
    else:
        # 作为第十四届全国政协委员、…董事长，生于1988年的贺晗
        hits = list(ctx.rules.as_apposition.finditer(norm[:a]))
        m = hits[-1] if hits else None
        if m and _ends_with_title(m.group("app"), ctx.rules):
            found.extend(_with_offsets(norm, m.start("app"), m.group("app"), ctx))
    rest = norm[b:]
    # right after: 习近平总书记强调
    post = ctx.title_re.match(rest)
    if post and not ctx.masks.match(rest):
        found.append((post.group(0), "", -1))
    # later: 周鸿祎再次连任全国政协委员 / 吴恩达（Andrew Ng）就曾在百度担任过首席科学家
    after = ctx.rules.later_title.match(rest)
    if after:
        app2 = after.group("app")
        t = next((m for m in ctx.title_re.finditer(app2)), None)
        if t:
            cut = app2[: t.end()]
            org = after.group("org")
            if org and not _split_org(cut[: t.start()], ctx)[0]:
                cut = org + cut
                found.extend(_with_offsets(norm, b + after.start("org"), cut, ctx))
            else:
                found.extend(_with_offsets(norm, b + after.start("app"), cut, ctx))
    return found


def _apposition_start(s: Sentence, k: int, a: int, ctx: _Ctx) -> int:
    """Where the titles before a name begin: after the last preposition or adverb of the clause
    (四位负责人均向京东科技CEO李娅云), or after a person and a conjunction (贾跃亭与全球首席执行官陈雪峰)."""
    prev: Token | None = None
    for t in s.tokens:
        if t.start >= a:
            break
        if t.start >= k:
            if (t.tag in ("p", "d") and t.text in ctx.breaks) or t.tag in ("ul", "uguo") or t.text in ctx.verb_breaks:
                k = t.end  # 活动邀请了vivo安全研究工程师张栋: the titles start after 邀请了
            elif t.text in ctx.rules.person_and and prev is not None and prev.tag == "nr" and prev.start >= k:
                k = t.end
        prev = t
    return k


def _with_offsets(norm: str, base: int, app: str, ctx: _Ctx) -> list[tuple[str, str, int]]:
    out = []
    for title, org in parse_appositive(app, ctx):
        pos = norm.find(org, base) if org else -1
        out.append((title, org, pos))
    return out


def _organisation(s: Sentence, org: str, offset: int, res: Resources, known: set[str]) -> Mention | None:
    """An Organization mention for the organisation part of a title, if it is one."""
    rules = res.rules.people
    org = rules.leading.sub("", org.strip())
    for word in rules.org_introducers:
        if word in org:
            org = org[org.rindex(word) + len(word) :]  # 离任成员包括Luta Security: the name follows
    described = rules.descriptor.sub("", org)
    if described != org and len(described) >= 2:
        offset = offset + len(org) - len(described) if offset >= 0 else offset
        org = described
    if not org or len(org) < 2:
        return None
    entry = res.lexicon.lookup(org)
    if entry is not None and entry.cls != "Organization":
        return None  # 山西省副省长: a place, not an employer
    key = entry.key if entry is not None else org
    if entry is None:
        if org in res.rules.shared.stop or org.startswith(rules.reference_openers):
            return None
        if org in rules.generic_orgs:
            return None  # 研究团队负责人: a team, not an employer's name
        if any(ch in org for ch in "“”\"《》") or rules.de in org:
            return None  # Mozilla公司的GenAI漏洞奖励计划: a description, not a name
    if offset < 0:
        return Mention(key, org, "Organization", s.index, 0, 0, "org", lexical=entry is not None, confidence=0.8)
    return Mention(key, surface(s, offset, offset + len(org)), "Organization", s.index, offset, offset + len(org),
                   "org", lexical=entry is not None, confidence=0.8)


def _employer_like(org: str, title: str, ctx: _Ctx, orgs: set[str], persons: dict[str, None]) -> bool:
    """Whether the text before a title names an employer: not a person (作者 连冉编辑 郑玄) nor,
    before an area title, a line of business (内容生态负责人, TikTok直播负责人)."""
    org = org.strip()
    if org in persons:
        return False
    if org in orgs or org.endswith(ctx.org_suffixes) or ctx.res.lexicon.lookup(org) is not None:
        return True
    if title.endswith(ctx.area_titles) and org.endswith(ctx.business_areas):
        return False
    if title.endswith(ctx.credit_titles):
        return False  # 作者 Li Yuan编辑 郑玄: credits name colleagues, not employers
    return not _is_candidate(org, ctx.rules, ctx.res)


def _without_colleague(title: str, org: str, ctx: _Ctx, persons: dict[str, None]) -> str:
    """The title without the text before it when that text is a person's name, Chinese or Latin:
    in 作者 连冉编辑 郑玄, 连冉 is a colleague, not part of 郑玄's title."""
    named = org in persons or _is_candidate(org, ctx.rules, ctx.res) or bool(_LATIN_PERSON.fullmatch(org))
    return title[len(org) :] if named and title.startswith(org) else title


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _nearest_person(s: Sentence, start: int, end: int, names: dict[str, None]) -> str | None:
    best: tuple[int, str] | None = None
    for name in names:
        for occ in re.finditer(re.escape(name), s.norm):
            d = occ.start() - end if occ.start() >= end else start - occ.end()
            if d >= 0 and d <= 12 and (best is None or d < best[0]):
                best = (d, name)
    return best[1] if best else None
