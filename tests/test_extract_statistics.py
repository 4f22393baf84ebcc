"""The statistics extractor on tables of the project's own sentences, in both scripts.

A positive row lists every figure of its sentence as ``(about, value, unit,
year)``: the value normalised (45.5万亿 -> 45500000000000, 140 EFLOPS -> 1.4e20),
the unit a code the ontology declares. Detail rows check one more field of one
figure (qualifier, target, denominator, region, range, metric). Negative rows
hold numbers that are not statistics: dates, ordinals, versions, figures of speech.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_helpers import StatKey, bug, extract, in_scripts, stat_keys, stat_with_value

D = Decimal

STATS: list = [
    # magnitudes: 万亿, 亿, 万; currencies; a bare 万亿 in an economic context is CNY
    ("2021年我国数字经济规模达到45.5万亿元。", {("数字经济", D("45500000000000"), "CNY", "2021")}),
    ("我国数字经济规模超过50万亿元。", {("数字经济", D("50000000000000"), "CNY", None)}),
    ("数字经济规模为50万亿。", {("数字经济", D("50000000000000"), "CNY", None)}),
    ("2020年，我国电子商务交易额达37.2万亿元。", {("电子商务", D("37200000000000"), "CNY", "2020")}),
    ("人工智能产业规模近5000亿元。", {("人工智能产业", D("500000000000"), "CNY", None)}),
    ("人工智能产业规模达到三千亿元。", {("人工智能产业", D("300000000000"), "CNY", None)}),
    ("2023年，全球人工智能市场规模约为5000亿美元。", {("人工智能", D("500000000000"), "USD", "2023")}),
    ("截至2022年底，我国网民规模达10.67亿。", {("网民", D("1067000000"), "count", "2022")}),
    ("2022年，全球智能手机出货量约12亿台。", {("智能手机", D("1200000000"), "count", "2022")}),
    # percentages and shares
    ("数字产业化占数字经济比重为18.3%。", {("数字产业化", D("18.3"), "percent", None)}),
    ("数字经济占GDP的比重为40%。", {("数字经济", D("40"), "percent", None)}),
    ("数字经济占GDP比重超过四成。", {("数字经济", D("40"), "percent", None)}),
    (
        "2022年，我国数字经济规模达50.2万亿元，同比增长10.3%。",
        {("数字经济", D("50200000000000"), "CNY", "2022"), ("数字经济", D("10.3"), "percent", "2022")},
    ),
    (
        "2022年，数字经济规模达到50万亿元，其中数字产业化规模为9.2万亿元。",
        {("数字经济", D("50000000000000"), "CNY", "2022"), ("数字产业化", D("9200000000000"), "CNY", "2022")},
    ),
    pytest.param(
        "2022年，中国数字经济规模超过50万亿元，占GDP比重达41.5%。",
        {("数字经济", D("50000000000000"), "CNY", "2022"), ("数字经济", D("41.5"), "percent", "2022")},
        id="share-in-next-clause",
    ),
    pytest.param(
        "到2025年，数字经济核心产业增加值占GDP比重将达到10%。",
        {("数字经济核心产业", D("10"), "percent", "2025")},
        marks=bug("X增加值占GDP比重: the subject is lost and GDP becomes what the share is about"),
        id="core-industry-share",
    ),
    # computing power, data, ranks, counts
    (
        "我国算力总规模达到140 EFLOPS，排名全球第二。",
        {("算力", D("140000000000000000000"), "FLOPS", None), ("算力", D("2"), "rank", None)},
    ),
    ("2021年，我国数据产量达6.6ZB。", {("数据", D("6600000000000000000000"), "byte", "2021")}),
    ("我国数字经济规模已连续多年位居世界第二。", {("数字经济", D("2"), "rank", None)}),
    ("2023年，张强提交了17份提案。", {("提案", D("17"), "count", "2023")}),
    pytest.param(
        "2022年，我国数字经济规模位居全球第二。",
        {("数字经济", D("2"), "rank", "2022")},
        id="rank-year",
    ),
    pytest.param(
        "预计到2025年，全国算力规模将超过300 EFLOPS。",
        {("算力", D("300000000000000000000"), "FLOPS", "2025")},
        marks=bug("the region word 全国 becomes what the figure is about; 算力规模 is read as the metric"),
        id="nationwide-computing-power",
    ),
    pytest.param(
        "2023年，我国人工智能企业超过4400家。",
        {("人工智能企业", D("4400"), "count", "2023")},
        marks=bug("a count at the end of its clause (…超过4400家。) with no metric word is dropped"),
        id="count-at-clause-end",
    ),
    pytest.param(
        "2022年，全国共有数据交易所40多家。",
        {("数据交易所", D("40"), "count", "2022")},
        marks=bug("a count followed by 多 before its measure word (40多家) is not read"),
        id="count-duo",
    ),
    pytest.param(
        "2023年全国网民规模约10.8亿人。",
        {("网民", D("1080000000"), "count", "2023")},
        marks=bug("the region word 全国 stays in the subject: about is 全国网民"),
        id="nationwide-netizens",
    ),
]


@pytest.mark.parametrize(("script", "text", "expected"), in_scripts(STATS))
def test_statistics_found(script: str, text: str, expected: set[StatKey]) -> None:
    assert stat_keys(extract(text, script)) == expected


# ---------------------------------------------------------------------------
# one field of one figure (found by its normalised value)
# ---------------------------------------------------------------------------

DETAILS: list = [
    ("2021年我国数字经济规模达到45.5万亿元。", D("45500000000000"), "region", "中国"),
    ("2021年我国数字经济规模达到45.5万亿元。", D("45500000000000"), "metric", "规模"),
    ("2021年我国数字经济规模达到45.5万亿元。", D("45500000000000"), "unit_text", "万亿元"),
    ("2021年我国数字经济规模达到45.5万亿元。", D("45500000000000"), "is_target", False),
    ("我国算力总规模达到140 EFLOPS，排名全球第二。", D("140000000000000000000"), "unit_text", "EFLOPS"),
    ("我国算力总规模达到140 EFLOPS，排名全球第二。", D("140000000000000000000"), "metric", "总规模"),
    ("2023年，全球人工智能市场规模约为5000亿美元。", D("500000000000"), "metric", "市场规模"),
    # X占Y比重: Y is the denominator
    ("数字产业化占数字经济比重为18.3%。", D("18.3"), "denominator", "数字经济"),
    ("数字产业化占数字经济比重为18.3%。", D("18.3"), "metric", "比重"),
    ("数字经济占GDP的比重为40%。", D("40"), "denominator", "GDP"),
    pytest.param(
        "2022年，中国数字经济规模超过50万亿元，占GDP比重达41.5%。", D("41.5"), "denominator", "GDP",
        id="share-in-next-clause-denominator",
    ),
    # qualifiers as written
    ("我国数字经济规模超过50万亿元。", D("50000000000000"), "qualifier", "超过"),
    ("2022年，我国软件业务收入约10万亿元。", D("10000000000000"), "qualifier", "约"),
    ("人工智能产业规模近5000亿元。", D("500000000000"), "qualifier", "近"),
    ("数字经济占GDP比重超过四成。", D("40"), "qualifier", "超过"),
    pytest.param(
        "数字经济占GDP比重达到40%以上。", D("40"), "qualifier", "以上",
        id="qualifier-yishang",
    ),
    # targets
    ("预计到2025年，我国数字经济规模将超过60万亿元。", D("60000000000000"), "is_target", True),
    ("预计到2025年，我国数字经济规模将超过60万亿元。", D("60000000000000"), "year", "2025"),
    ("到2030年，我国人工智能核心产业规模将超过1万亿元。", D("1000000000000"), "is_target", True),
    ("我国数字经济规模从2012年的11万亿元增长到2021年的45.5万亿元。", D("11000000000000"), "year", "2012"),
    ("我国数字经济规模从2012年的11万亿元增长到2021年的45.5万亿元。", D("45500000000000"), "year", "2021"),
    pytest.param(
        "我国数字经济规模从2012年的11万亿元增长到2021年的45.5万亿元。", D("45500000000000"), "is_target", False,
        id="grew-to-is-not-target",
    ),
    # ranges, ranks, percentage points
    ("云计算市场规模将增长20-30%。", D("20"), "max_value", D("30")),
    ("云计算市场规模将增长20-30%。", D("20"), "about", "云计算"),
    pytest.param(
        "数字经济增速为20%至30%。", D("20"), "max_value", D("30"),
        id="range-unit-twice",
    ),
    ("我国数字经济规模已连续多年位居世界第二。", D("2"), "metric", "排名"),
    pytest.param(
        "我国数字经济规模已连续多年位居世界第二。", D("2"), "region", "中国",
        id="rank-region",
    ),
]


@pytest.mark.parametrize(("script", "text", "value", "field", "expected"), in_scripts(DETAILS))
def test_statistic_detail(script: str, text: str, value: Decimal, field: str, expected: Any) -> None:
    assert getattr(stat_with_value(extract(text, script), value), field) == expected


def test_relative_year_uses_the_publication_date() -> None:
    ex = extract("去年数字经济规模增长了10%。", "hans", "2024-05-01")
    assert stat_keys(ex) == {("数字经济", D("10"), "percent", "2023")}


# ---------------------------------------------------------------------------
# every unit code is one the ontology declares (SPEC: kgo:unit)
# ---------------------------------------------------------------------------

def _declared_units() -> re.Pattern[str]:
    """The unit codes ontology/shapes.ttl accepts (the shapes are where a new code is declared)."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    from kg.resources import ontology_file

    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    return re.compile(str(shapes.value(URIRef("https://w3id.org/zhkg/shapes#StatisticUnit"), SH.pattern)))


DECLARED_UNIT = _declared_units()

UNITS: list = [
    "2021年我国数字经济规模达到45.5万亿元。",
    "我国算力总规模达到140 EFLOPS，排名全球第二。",
    "2021年，我国数据产量达6.6ZB。",
    pytest.param("数字经济占GDP比重提高了1.5个百分点。", id="percentage-point"),
    pytest.param("2022年我国网络带宽达到100Gbps。", id="bits-per-second"),
    pytest.param("2023年全国数据中心用电量达1500亿千瓦时。", id="watt-hours"),
]


@pytest.mark.parametrize(("script", "text"), in_scripts(UNITS))
def test_units_are_declared(script: str, text: str) -> None:
    units = {s.unit for s in extract(text, script).statistics}
    assert units
    assert all(u is not None and DECLARED_UNIT.match(u) for u in units), units


# ---------------------------------------------------------------------------
# numbers that are not statistics
# ---------------------------------------------------------------------------

NEGATIVE: list = [
    "2021年2月16日，数字经济论坛在北京举行。",  # a date
    "第十四届全国人大代表出席了会议。",  # an ordinal
    "5G和6G都是移动通信技术。",  # versions and generations
    "GPT-4是一种大语言模型。",
    "Wi-Fi 7的速度更快。",
    "iPhone 15已经发布。",
    "3D打印技术日趋成熟。",
    "十四五规划提出了明确目标。",
    "数字经济发展进入新阶段，主要体现在三个方面。",  # figures of speech
    "数字经济是一个重要方向。",
    "今年是数字经济发展的关键一年。",
    "服务全天24小时在线。",  # a duration
    "前10名企业占据了大部分市场。",
    "王立新表示，数据要素市场潜力巨大。王立新生于1975年。",  # a birth year
]


@pytest.mark.parametrize(("script", "text"), in_scripts(NEGATIVE))
def test_no_statistic(script: str, text: str) -> None:
    assert extract(text, script).statistics == ()
