"""People: who is named, their job titles, affiliations and birth year.

A name is accepted only where the text treats it as a person: before a speech
verb (``贺晗指出``, ``习近平总书记强调``), after a job title (``副总裁苗伟``,
``首席安全研究员Flanker``), in a byline (``（记者 杨杰英）``, ``文 国家数据局局长 刘烈宏``),
a signature (``（张平文 中国科学院院士 …）``) or a frame (``在贺晗看来``). Every
other occurrence of an accepted name is then a mention.

Titles and employers come from the appositions around a name
(:mod:`kg.extractors.titles`). Every word list and pattern is the people
pack's (``ontology/rules/people.toml``; speech verbs, bylines and organisation
suffixes from ``shared.toml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.extractors.base import Resources, extractor, is_han, new
from kg.extractors.entities import surface
from kg.extractors.titles import (
    PeopleContext,
    appositions,
    employer_like,
    ends_with_title,
    is_candidate,
    organisation,
    parse_appositive,
    people_context,
    without_colleague,
)
from kg.types import Attribute, Extraction, Mention, Relation, Sentence, Token

_BOUNDARY = set("，,。；;：:、“”\"「」（）()《》〈〉 \u3000—-·!！?？")
_LATIN_NAME = re.compile(r"^\s?([A-Z][A-Za-z\-']+(?:\s[A-Z][A-Za-z\-']+){0,2})(?![A-Za-z])")


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


def names_before_verbs(sentence: Sentence, ctx: PeopleContext) -> Iterable[tuple[str, int]]:
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
            if p != w0 and not ends_with_title(norm[w0:p], rules) and norm[p - 1] != rules.de:
                continue
            # prefer the length at which a word boundary falls: 游敏|针对 (not 游敏针|对), 周鸿祎|表示
            for length in sorted((3, 2, 4), key=lambda n: (p + n not in bounds, n != 3)):
                name = norm[p : p + length]
                gap = re.sub(r"^[（(][^）)]{0,20}[）)]", "", norm[p + length : v])  # 李明（1980年出生）表示
                if p + length > v or not is_candidate(name, rules, res):
                    continue
                if p + length not in bounds and p + length != v and not norm.startswith(rules.gap_words, p + length):
                    continue  # 公司总|经理: a name ends where a word ends (or before 曾/也: 刘洋|曾表示)
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


def names_in_frames(sentence: Sentence, ctx: PeopleContext) -> Iterable[tuple[str, int]]:
    """``在贺晗看来`` / ``据张三介绍`` / ``生于1988年的赵刚`` / ``李明是星河公司副总经理``."""
    norm = sentence.norm
    bounds = {t.start for t in sentence.tokens} | {len(norm)}
    for m in ctx.rules.name_frame.finditer(norm):
        name = m.group("n")
        if is_candidate(name, ctx.rules, ctx.res):
            yield name, m.start("n")
    # a birth year told before the name: 生于1988年的赵刚
    for m in ctx.rules.birth_before_name.finditer(norm):
        p = m.end()
        for length in (3, 2):
            if p + length in bounds and is_candidate(norm[p : p + length], ctx.rules, ctx.res):
                yield norm[p : p + length], p
                break
    # a clause that opens with a name and says what the person is: 李明是星河公司副总经理
    for m in ctx.rules.name_is.finditer(norm):
        name, app = m.group("n"), m.group("app")
        if m.end("n") in bounds and is_candidate(name, ctx.rules, ctx.res) and ctx.title_re.search(app):
            if _plausible_here(sentence, m.start("n"), m.end("n")):
                yield name, m.start("n")


def names_after_titles(sentence: Sentence, ctx: PeopleContext, known: set[str]) -> Iterable[tuple[str, int]]:
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
        if first.tag not in _COMMON_TAGS and 2 <= len(first.text) <= 3 and is_candidate(first.text, rules, res):
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


def _joined_name(sentence: Sentence, p: int, ctx: PeopleContext) -> str | None:
    """jieba cut the name at ``p`` into pieces (周/鸿/祎, 王英/梅): join 2 or 3 characters up to a word
    that ends a name."""
    nxt = [t for t in sentence.tokens if t.start >= p][:4]
    for n in (3, 2):
        joined, used = "", 0
        while used < len(nxt) and len(joined) < n:
            joined += nxt[used].text
            used += 1
        if len(joined) != n or not is_candidate(joined, ctx.rules, ctx.res) or not _plausible_here(sentence, p, p + n):
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


def _not_organisations(names: dict[str, None], sentences: Sequence[Sentence], ctx: PeopleContext) -> dict[str, None]:
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


def _whole_name(sentence: Sentence, first: Token, ctx: PeopleContext) -> str:
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
    if (after == "" or after in "，,、。；;） )") and is_candidate(joined, ctx.rules, ctx.res):
        return joined
    return first.text


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


def _bylines(ex: Extraction, s: Sentence, ctx: PeopleContext, found: _Found) -> None:
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
            if is_candidate(name, rules, ctx.res):
                found.names[name] = None
                found.titled.append((name, s.index, m.group("title")))
                if outlet is not None:
                    found.dateline_orgs.append((name, s.index, outlet.key))


def _signed(sentences: Sequence[Sentence], ctx: PeopleContext, found: _Found) -> None:
    """Authors: an author line among the first sentences, a signature among the last."""
    shared = ctx.res.rules.shared
    for s in sentences[:12]:
        m = shared.author_line.match(s.norm.strip())
        if m and is_candidate(m.group("name"), ctx.rules, ctx.res):
            found.names[m.group("name")] = None
            found.titled.append((m.group("name"), s.index, m.group("titles") or ""))
    for s in sentences[-3:]:
        sig = shared.signature.match(s.norm.strip())
        if sig and is_candidate(sig.group("name"), ctx.rules, ctx.res):
            found.names[sig.group("name")] = None
            found.titled.append((sig.group("name"), s.index, "、".join(sig.group("titles").split())))


def _find_names(ex: Extraction, ctx: PeopleContext) -> _Found:
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


def _occurrences(s: Sentence, found: _Found, full: dict[str, str], org_keys: set[str], ctx: PeopleContext) -> None:
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
        for title, org, oa in appositions(s, a, b, ctx, names):
            employer = not org or employer_like(org, title, ctx, org_keys, names)
            if not employer:
                title = without_colleague(title, org, ctx, names)
            found.attributes.append(Attribute(name, "jobTitle", title, s.index, "people.apposition"))
            if not employer:
                continue
            org_m = organisation(s, org, oa, ctx.res, org_keys)
            if org_m is not None:
                found.mentions.append(org_m)
                found.relations.append(
                    Relation(name, "affiliatedWith", org_m.key, s.index, "people.apposition", 0.85)
                )


def _births(s: Sentence, found: _Found, full: dict[str, str], ctx: PeopleContext) -> None:
    """Birth years told near a name: 生于1988年."""
    for rx in ctx.rules.births:
        for bm in rx.finditer(s.norm):
            person = _nearest_person(s, bm.start(), bm.end(), found.names)
            person = full.get(person, person) if person else None
            if person:
                found.attributes.append(Attribute(person, "birthDate", bm.group("year"), s.index, "people.birth"))


def _titled_facts(sentences: Sequence[Sentence], found: _Found, org_keys: set[str], ctx: PeopleContext) -> None:
    """Titles and employers from bylines and signatures."""
    res = ctx.res
    for name, index, app in found.titled:
        s = sentences[index]
        for title, org in parse_appositive(app, ctx):
            if org and not org.endswith(ctx.org_suffixes) and res.lexicon.lookup(org) is None:
                title = without_colleague(title, org, ctx, found.names)
                org = ""  # 作者 暗流体编辑 郑玄: a pen name, not an employer
            found.attributes.append(Attribute(name, "jobTitle", title, index, "people.byline"))
            oa = s.norm.find(org) if org else -1
            org_m = organisation(s, org, oa, res, org_keys)
            if org_m is not None:
                found.mentions.append(org_m)
                found.relations.append(Relation(name, "affiliatedWith", org_m.key, index, "people.byline", 0.85))


@extractor("people", requires=("mentions",), assigns=("mentions", "attributes", "relations"))
def extract_people(ex: Extraction, res: Resources) -> Extraction:
    """Persons named in the text, with job titles, affiliations and birth years."""
    ctx = people_context(res)
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
