"""Claims: views a named person states.

A claim needs a Person as speaker: ``贺晗认为，……``, ``“……”贺晗指出。``,
``在贺晗看来，……``, ``据张三介绍，……``; ``他``/``她``/``其`` stand for the last
person named. Sentences that go on in the same paragraph (or a quotation
paragraph right after) carry the same speaker's view. In a signed commentary
(``（张平文 中国科学院院士 …）`` at the end) the author speaks every view.
``about`` lists every entity the claim's text mentions.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.extractors.base import Abstracted, Resources, abstract, extractor, mentions_by_sentence, new
from kg.extractors.entities import surface
from kg.types import Claim, Extraction, Mention, Sentence

#: a person's recent mention stands in for a pronoun this many sentences later
PRONOUN_WINDOW = 12


def _pronoun_mentions(s: Sentence, pronouns: set[str], person: Mention | None) -> list[Mention]:
    if person is None:
        return []
    return [
        Mention(person.key, t.text, "Person", s.index, t.start, t.end, "coref:pronoun", confidence=0.6)
        for t in s.tokens
        if t.text in pronouns and t.tag.startswith("r")
    ]


def _about(a: Abstracted, start: int, end: int, speaker: str) -> tuple[str, ...]:
    keys = [m.key for m in a.entities(start, end) if m.key != speaker]
    return tuple(dict.fromkeys(keys))


def _text(a: Abstracted, start: int, end: int) -> str:
    ns, ne = a.norm_span(start, end)
    return surface(a.sentence, ns, ne).strip().strip("，,：: ")


@extractor("claims", requires=("mentions",), assigns=("claims",))
def extract_claims(ex: Extraction, res: Resources) -> Extraction:
    """Views of named people, with every entity they mention."""
    rules = res.rules.claims
    speaker_first, quote_first, frames = rules.speaker_first, rules.quote_first, list(rules.frames)
    pronouns = set(rules.pronouns)
    by_sentence = mentions_by_sentence(ex.mentions)
    counts = Counter(m.key for m in ex.mentions if m.cls == "Person" and not m.rule.startswith("coref"))
    sentences = ex.parsed.sentences
    author = _signature_author(ex, res)

    claims: list[Claim] = []
    last_person: Mention | None = None
    last_person_at = -PRONOUN_WINDOW
    prev: tuple[int, int, str] | None = None  # (paragraph, sentence, speaker) of the last claim
    for s in sentences:
        ms = list(by_sentence.get(s.index, []))
        if s.heading:
            continue
        recent = last_person is not None and s.index - last_person_at <= PRONOUN_WINDOW
        stand_in = last_person if recent else _main_person(counts)
        ms = sorted([*ms, *_pronoun_mentions(s, pronouns, stand_in)], key=lambda m: m.start)
        ms = [m for i, m in enumerate(ms) if i == 0 or m.start >= ms[i - 1].end]
        a = abstract(s, ms)
        if s.norm.rstrip().endswith(("？", "?")):
            claim = None  # a question states no view (李明认为…吗？)
        else:
            claim = _match(a, speaker_first, quote_first, frames)
        if claim is not None:
            speaker, t0, t1, rule = claim
            text = _text(a, t0, t1)
            if _says_something(text, rules.only_figures):
                # the claim is made in the sentence's context: 以数字孪生工厂为例，贺晗分析指出，……
                claims.append(Claim(speaker, text, s.index, rule, _about(a, 0, len(a.text), speaker)))
                prev = (s.paragraph, s.index, speaker)
        elif prev is not None and _continues(prev, s, sentences):
            text = _text(a, 0, len(a.text))
            claims.append(Claim(prev[2], text, s.index, "claims.continuation", _about(a, 0, len(a.text), prev[2])))
            prev = (s.paragraph, s.index, prev[2])
        elif author and not res.rules.shared.signature.match(s.norm.strip()):
            about = _about(a, 0, len(a.text), author)
            if about:
                claims.append(Claim(author, _text(a, 0, len(a.text)), s.index, "claims.signed", about))
        for m in ms:
            if m.cls == "Person" and not m.rule.startswith("coref"):
                last_person, last_person_at = m, s.index
    return new(ex, claims=tuple(claims))


def _match(a: Abstracted, speaker_first: re.Pattern[str], quote_first: re.Pattern[str],
           frames: list[re.Pattern[str]]) -> tuple[str, int, int, str] | None:
    """(speaker, text start, text end, rule) of the claim the sentence states, if any."""
    def speaker(m: re.Match[str]) -> str:
        return a.entities(*m.span("S"))[0].key

    for rx in frames:
        m = rx.search(a.text)
        if m and m.group("T").strip():
            return speaker(m), m.start("T"), m.end("T"), "claims.frame"
    m = quote_first.search(a.text)
    if m:
        return speaker(m), m.start("T"), m.end("T"), "claims.quote"
    m = speaker_first.search(a.text)
    if m:
        t0, t1 = m.span("T")
        if len(m.group("T").strip("。！？；，,：: ")) >= 4:
            return speaker(m), t0, t1, "claims.speaker"
        q = re.search(r"[“「](?P<q>[^”」]+)[”」]", a.text[: m.start()])
        if q:
            return speaker(m), q.start("q"), q.end("q"), "claims.quote"
    return None


def _says_something(text: str, only_figures: re.Pattern[str]) -> bool:
    """A claim's text states something: not empty, not only a count (17份)."""
    return bool(text) and not only_figures.match(text)


def _continues(prev: tuple[int, int, str], s: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    """The sentence goes on with the last claim's speaker: same paragraph, or a quotation paragraph next."""
    paragraph, index, _ = prev
    if s.paragraph == paragraph and s.index == index + 1:
        return True
    if s.paragraph == paragraph + 1 and s.index == index + 1 and s.text.startswith(("“", "「")):
        return True
    return False


def _signature_author(ex: Extraction, res: Resources) -> str | None:
    """The author of a signed commentary: a Person named in a final （NAME TITLES） or a first 文 TITLES NAME."""
    people = {x.key for x in ex.mentions if x.cls == "Person"}
    for s in ex.parsed.sentences[-3:]:
        m = res.rules.shared.signature.match(s.norm.strip())
        if m and m.group("name") in people:
            return m.group("name")
    author_line = res.rules.shared.author_line
    for s in ex.parsed.sentences[:12]:
        m = author_line.match(s.norm.strip())
        if m and m.group("name") in people:
            return m.group("name")
    return None


def _main_person(counts: Counter[str]) -> Mention | None:
    """The article's subject: its most named person (ties broken by name, for determinism)."""
    if not counts:
        return None
    key = min(counts, key=lambda k: (-counts[k], k))
    return Mention(key, key, "Person", -1, 0, 0, "coref:subject")

