"""The aliases, coref and cooccurrence extractors on tables of the project's own
texts, in both scripts.

- aliases: a short form the text declares (``X（以下简称“Y”）``, ``X（Latin）``)
  names X from then on; a bracket that is not an abbreviation declares nothing.
- coref: ``这个行业``, ``该技术``, ``该公司``, ``它`` stand for the nearest fitting
  entity before them, so relations reach the real subject; no antecedent, no mention.
- cooccurrence: ``relatedTo`` between entities named in one sentence, unless a
  better relation links them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_helpers import Triple, canonical, entities, extract, in_scripts, related_pairs, triples

from kg.extractors.base import mentions_by_sentence
from kg.extractors.cooccurrence import MAX_PER_SENTENCE

# ---------------------------------------------------------------------------
# aliases
# ---------------------------------------------------------------------------

ALIASES: list = [
    # (text, declared short forms -> canonical key, every entity the text names)
    (
        "中国信息通信研究院（以下简称“信通院”）发布报告。信通院认为算力需求持续增长。",
        {"信通院": "中国信通院"},
        {"中国信通院": "Organization", "算力": "Concept"},
    ),
    (
        "工业和信息化部（以下简称“工信部”）发布通知。工信部要求加快5G建设。",
        {"工信部": "工业和信息化部"},
        {"工业和信息化部": "Organization", "5G": "Technology"},
    ),
    (
        "数字孪生（Digital Twin）正在改变制造业。Digital Twin也用于城市治理。",
        {"Digital Twin": "数字孪生"},
        {"数字孪生": "Technology", "制造业": "Sector", "城市治理": "Sector"},
    ),
    ("人工智能（AI）发展迅速。", {"AI": "人工智能"}, {"人工智能": "Technology"}),
    pytest.param(
        "国家数据局（以下简称“数据局”）发布了新规。数据局表示将推进数据要素市场建设。",
        {"数据局": "国家数据局"},
        {"国家数据局": "Organization", "数据要素市场": "Concept"},
        id="alias-hidden-by-lexicon-term",
    ),
    # brackets that declare no abbreviation; 5G and 6G stay two entities
    ("5G（6G的前一代）已大规模商用。", {}, {"5G": "Technology", "6G": "Technology"}),
    ("华为（中国）发布了新产品。", {}, {"华为": "Organization", "中国": "Place"}),
]


@pytest.mark.parametrize(("script", "text", "declared", "named"), in_scripts(ALIASES))
def test_aliases(script: str, text: str, declared: dict[str, str], named: dict[str, str]) -> None:
    ex = extract(text, script)
    assert dict(ex.aliases) == declared
    assert entities(ex) == named


def test_alias_gives_the_later_mention_its_entity() -> None:
    ex = extract("数字孪生（Digital Twin）正在改变制造业。Digital Twin也用于城市治理。")
    later = [m for m in mentions_by_sentence(ex.mentions)[1] if m.surface == "Digital Twin"]
    assert [m.key for m in later] == ["数字孪生"]
    assert ("数字孪生", "appliedIn", "城市治理") in triples(ex)


# ---------------------------------------------------------------------------
# coref
# ---------------------------------------------------------------------------

COREF: list = [
    # (text, anaphor, the entity it stands for)
    ("公路货运是数字化转型较慢的行业。这个行业正在加快拥抱人工智能。", "这个行业", "公路货运"),
    ("区块链发展很快。该技术已经用于供应链金融。", "该技术", "区块链"),
    ("腾讯发布了新的大模型。该公司表示将开放接口。", "该公司", "腾讯"),
    ("开发者可以在Zephyr平台上构建应用，该平台由Acme公司维护。", "该平台", "Zephyr"),
    ("区块链很有前景，它可以用于供应链金融。", "它", "区块链"),
    pytest.param(
        "数字孪生是一项前沿技术。该技术已用于智能制造。", "该技术", "数字孪生",
        id="predicate-noun-antecedent",
    ),
]


def _anaphor_keys(text: str, script: str, word: str) -> list[str]:
    return [m.key for m in extract(text, script).mentions if m.rule == f"coref:{word}"]


@pytest.mark.parametrize(("script", "text", "word", "key"), in_scripts(COREF))
def test_coref_resolves(script: str, text: str, word: str, key: str) -> None:
    assert _anaphor_keys(text, script, word) == [key]


COREF_RELATIONS: list = [
    ("区块链发展很快。该技术已经用于供应链金融。", {("区块链", "appliedIn", "供应链金融")}),
    ("区块链很有前景，它可以用于供应链金融。", {("区块链", "appliedIn", "供应链金融")}),
    pytest.param(
        "公路货运是数字化转型较慢的行业。这个行业正在加快拥抱人工智能。",
        {("人工智能", "appliedIn", "公路货运")},
        id="embrace-through-anaphor",
    ),
]


@pytest.mark.parametrize(("script", "text", "expected"), in_scripts(COREF_RELATIONS))
def test_relations_reach_the_antecedent(script: str, text: str, expected: set[Triple]) -> None:
    assert triples(extract(text, script)) == canonical(expected)


NO_COREF: list = [
    ("这个行业正在快速发展。", "这个行业"),  # nothing before it
    ("王立新表示，这个行业前景广阔。", "这个行业"),  # a person is no industry
    ("文旅发展很快。今天天气很好。我们去了公园。他们很开心。大家都在拍照。这个行业前景广阔。", "这个行业"),  # too far
]


@pytest.mark.parametrize(("script", "text", "word"), in_scripts(NO_COREF))
def test_no_antecedent(script: str, text: str, word: str) -> None:
    assert _anaphor_keys(text, script, word) == []


# ---------------------------------------------------------------------------
# cooccurrence
# ---------------------------------------------------------------------------

RELATED: list = [
    (
        "人工智能和区块链正在改变金融。",
        {("人工智能", "区块链"), ("人工智能", "金融"), ("区块链", "金融")},
    ),
    ("5G和6G将长期共存。", {("5G", "6G")}),
    ("公路货运是数字化转型较慢的行业。这个行业正在加快拥抱人工智能。", {("公路货运", "数字化转型")}),  # anaphors aside
    ("人工智能赋能制造业。", set()),  # a better relation links them
    ("数字经济正在发展。云计算也在发展。", set()),  # different sentences
    ("区块链很有前景，它可以用于供应链金融。", set()),
]


@pytest.mark.parametrize(("script", "text", "expected"), in_scripts(RELATED))
def test_related_pairs(script: str, text: str, expected: set[tuple[str, str]]) -> None:
    assert related_pairs(extract(text, script)) == expected


def test_a_long_list_relates_only_its_first_entities() -> None:
    ex = extract("北京、上海、广州、深圳、杭州、成都、武汉、西安和南京都在建设算力中心。")
    involved = {k for pair in related_pairs(ex) for k in pair}
    assert involved == {"北京", "上海", "广州", "深圳", "杭州", "成都"}
    assert len(involved) == MAX_PER_SENTENCE
