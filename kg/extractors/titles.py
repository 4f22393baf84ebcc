"""Job titles and employers in appositions, for the people stage (:mod:`kg.extractors.people`).

Titles come from appositions, which may chain organisations and titles:
``全国政协委员、天娱数科副总经理``, ``中国电力发展促进会常务副会长兼秘书长``,
``京东安全实验室负责人京东集团首席安全研究员``. :func:`parse_appositive` splits
them into (job title, organisation) pairs; :func:`appositions` finds the
titles around one occurrence of a name. Every word list and pattern is the
people pack's (``res.rules.people``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extractors.base import Resources, is_han
from kg.extractors.entities import surface
from kg.rules.people import PeopleRules
from kg.types import Mention, Sentence, Token

_LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*\s*(?=[\u4e00-\u9fff])")


_LATIN_PERSON = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}")


@dataclass(frozen=True)
class PeopleContext:
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


def people_context(res: Resources) -> PeopleContext:
    r = res.rules.people
    return PeopleContext(r, res, r.title_re, r.org_suffixes, r.not_titles, r.apposition_breaks,
                         r.apposition_verb_breaks, r.area_titles, r.credit_titles, r.business_areas)


def is_candidate(name: str, rules: PeopleRules, res: Resources) -> bool:
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


def ends_with_title(text: str, rules: PeopleRules) -> str | None:
    text = text.rstrip()
    return next((t for t in rules.titles if text.endswith(t)), None)


def parse_appositive(app: str, ctx: PeopleContext) -> list[tuple[str, str]]:
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


def _title_spans(chunk: str, ctx: PeopleContext) -> list[tuple[int, int]]:
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


def _split_org(seg: str, ctx: PeopleContext) -> tuple[str, str]:
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


def appositions(s: Sentence, a: int, b: int, ctx: PeopleContext, names: dict[str, None]) -> list[tuple[str, str, int]]:
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
    if ends_with_title(app, ctx.rules):
        found.extend(_with_offsets(norm, k, app.rstrip(), ctx))
    else:
        # 作为第十四届全国政协委员、…董事长，生于1988年的贺晗
        hits = list(ctx.rules.as_apposition.finditer(norm[:a]))
        m = hits[-1] if hits else None
        if m and ends_with_title(m.group("app"), ctx.rules):
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


def _apposition_start(s: Sentence, k: int, a: int, ctx: PeopleContext) -> int:
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


def _with_offsets(norm: str, base: int, app: str, ctx: PeopleContext) -> list[tuple[str, str, int]]:
    out = []
    for title, org in parse_appositive(app, ctx):
        pos = norm.find(org, base) if org else -1
        out.append((title, org, pos))
    return out


def organisation(s: Sentence, org: str, offset: int, res: Resources, known: set[str]) -> Mention | None:
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


def employer_like(org: str, title: str, ctx: PeopleContext, orgs: set[str], persons: dict[str, None]) -> bool:
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
    return not is_candidate(org, ctx.rules, ctx.res)


def without_colleague(title: str, org: str, ctx: PeopleContext, persons: dict[str, None]) -> str:
    """The title without the text before it when that text is a person's name, Chinese or Latin:
    in 作者 连冉编辑 郑玄, 连冉 is a colleague, not part of 郑玄's title."""
    named = org in persons or is_candidate(org, ctx.rules, ctx.res) or bool(_LATIN_PERSON.fullmatch(org))
    return title[len(org) :] if named and title.startswith(org) else title
