"""The people extractor on tables of the project's own sentences, in both scripts.

A row lists everything a careful reader learns about people from its text:
who is a person, each job title as written (an organisation before the title
stays in it), the birth year, and the organisations they work for. Every name
here is made up. Negative rows must name no person at all: organisations,
common words and bare titles are not people.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_helpers import Triple, bug, extract, in_scripts, person_facts


def person(name: str, *titles: str, orgs: tuple[str, ...] = (), born: str | None = None) -> set[Triple]:
    """The facts about one person: ``person("王立新", "中国电信副总经理", orgs=("中国电信",))``."""
    facts: set[Triple] = {(name, "a", "Person")}
    facts |= {(name, "jobTitle", t) for t in titles}
    facts |= {(name, "affiliatedWith", o) for o in orgs}
    if born:
        facts.add((name, "birthDate", born))
    return facts


POSITIVE: list = [
    # appositions before the name: organisation + title, chained with 、
    (
        "全国政协委员、中国电信副总经理王立新表示，数字经济前景广阔。",
        person("王立新", "全国政协委员", "中国电信副总经理", orgs=("全国政协", "中国电信")),
    ),
    ("华为公司副总裁王涛指出，5G应用正在加速。", person("王涛", "华为公司副总裁", orgs=("华为",))),
    ("清华大学教授李明认为，人工智能需要高质量数据。", person("李明", "清华大学教授", orgs=("清华大学",))),
    ("百度首席技术官孙浩然表示，大模型是人工智能的重要方向。", person("孙浩然", "百度首席技术官", orgs=("百度",))),
    ("中国科学院院士王建国指出，量子计算仍处在早期。", person("王建国", "中国科学院院士", orgs=("中国科学院",))),
    ("浙江大学副校长周明在会上指出，人工智能教育需要加强。", person("周明", "浙江大学副校长", orgs=("浙江大学",))),
    ("阿里云总裁张建锋表示，云计算是基础设施。", person("张建锋", "阿里云总裁", orgs=("阿里云",))),
    ("作为中国电信副总经理，刘伟指出，5G用户持续增长。", person("刘伟", "中国电信副总经理", orgs=("中国电信",))),
    (
        "Anthropic研究员Maria Lopez表示，模型安全很重要。",
        person("Maria Lopez", "Anthropic研究员", orgs=("Anthropic",)),
    ),
    # a name before a speech verb, with nothing else known
    ("赵建国表示，数据要素市场潜力巨大。", person("赵建国")),
    ("在李华看来，数字孪生将改变制造业。", person("李华")),
    ("据孙伟介绍，该项目已经投产。", person("孙伟")),
    # bylines and author lines
    ("（记者 林晓雨）", person("林晓雨", "记者")),
    ("新华社北京3月5日电 （记者 王小明）人工智能产业持续升温。", person("王小明", "记者", orgs=("新华社",))),
    ("文 国家数据局局长 周立新", person("周立新", "国家数据局局长", orgs=("国家数据局",))),
    pytest.param(
        "（本报记者 陈静、刘洋）",
        person("陈静", "记者") | person("刘洋", "记者"),
        marks=bug("the first name of a 本报 byline gets 本报记者 as a second title, the second name does not"),
        id="two-reporters",
    ),
    # birth years
    (
        "王立新表示，数据要素市场潜力巨大。王立新生于1975年。",
        person("王立新", born="1975"),
    ),
    pytest.param(
        "生于1988年的孙立平表示，数字经济前景广阔。",
        person("孙立平", born="1988"),
        id="born-in-before-name",
    ),
    pytest.param(
        "作为全国人大代表、中国移动董事长，生于1970年的孙立平认为，数据要素市场潜力巨大。",
        person("孙立平", "全国人大代表", "中国移动董事长", orgs=("全国人大", "中国移动"), born="1970"),
        id="as-titles-born-in",
    ),
    pytest.param(
        "李明（1980年出生）表示，算力很重要。",
        person("李明", born="1980"),
        marks=bug("a bracketed aside between name and speech verb hides the name"),
        id="bracketed-birth-year",
    ),
    pytest.param(
        "王芳，1985年生，现任腾讯研究院研究员。",
        person("王芳", "腾讯研究院研究员", orgs=("腾讯研究院",), born="1985"),
        marks=bug("现任 is not a cue that accepts a name, so a biography sentence yields nothing"),
        id="biography-current-post",
    ),
    pytest.param(
        "专家委员会委员王维强在接受采访时指出，数据安全很重要。",
        person("王维强", "专家委员会委员", orgs=("专家委员会",)),
        id="name-jieba-splits",  # jieba cuts 王维|强: the name read whole wins over its prefix
    ),
    pytest.param(
        "而现任 CEO Daniel Fairbanks 将卸任，转任顾问。",
        person("Daniel Fairbanks", "CEO"),
        id="current-title-is-no-employer",
    ),
    pytest.param(
        "四位负责人均向新锐科技公司总裁赵一鸣汇报工作。",
        person("赵一鸣", "新锐科技公司总裁", orgs=("新锐科技公司",)),
        id="titles-start-after-preposition",
    ),
    pytest.param(
        "论坛邀请了星河数据首席架构师 钱晓峰参与讨论。",
        person("钱晓峰", "星河数据首席架构师", orgs=("星河数据",)),
        id="titles-start-after-inviting-verb",
    ),
    pytest.param(
        "北辰网络公司技术部副总经理李娜宁，与会嘉宾共同签约。",
        person("李娜宁", "北辰网络公司技术部副总经理", orgs=("北辰网络公司技术部",)),
        id="lone-final-character-completes-name",
    ),
    pytest.param(
        "用友网络科技股份有限公司副总裁孙立新出席。",
        person("孙立新", "用友网络科技股份有限公司副总裁", orgs=("用友",)),
        id="organisation-starting-with-a-preposition-character",
    ),
    pytest.param(
        "星河科技公司首席执行官安娜·克里斯托弗表示，自动驾驶前景广阔。",
        person("安娜·克里斯托弗", "星河科技公司首席执行官", orgs=("星河科技公司",)),
        id="transliterated-name-over-its-dot",
    ),
    pytest.param(
        "此外，调研机构Quantix公司首席分析师王海川表示，算力需求仍在增长。",
        person("王海川", "调研机构Quantix公司首席分析师", orgs=("Quantix公司",)),
        id="descriptor-before-employer",
    ),
    pytest.param(
        "星河科技公司首席执行官卡尔·马丁斯出席会议。马丁斯表示，算力需求很大。",
        person("卡尔·马丁斯", "星河科技公司首席执行官", orgs=("星河科技公司",)),
        id="short-form-of-transliterated-name-is-the-same-person",
    ),
    pytest.param(
        "短视频行业头部企业星火文化 CEO 陈立国表示，需求变化很快。",
        person("陈立国", "短视频行业头部企业星火文化CEO", orgs=("星火文化",)),
        id="descriptor-before-a-chinese-employer-name",
    ),
    pytest.param(
        "星河科技公司首席技术官安德鲁-卡森表示，算力需求很大。",
        person("安德鲁-卡森", "星河科技公司首席技术官", orgs=("星河科技公司",)),
        id="transliterated-name-over-a-hyphen",
    ),
    pytest.param(
        "吉祥回应称，新车为原创设计。吉祥控股集团高级副总裁杨立新表示：要良性竞争。",
        person("杨立新", "吉祥控股集团高级副总裁", orgs=("吉祥控股集团",)),
        id="a-brand-that-heads-an-organisation-is-no-person",
    ),
    pytest.param(
        "内容生态负责人王立群、直播负责人赵可欣目前转向新的团队汇报。",
        person("王立群", "内容生态负责人") | person("赵可欣", "直播负责人"),
        id="line-of-business-is-no-employer",
    ),
    pytest.param(
        "作者 秦晓编辑 郑一凡",
        person("郑一凡", "编辑"),
        id="a-name-before-a-title-is-no-employer",
    ),
    pytest.param(
        "作者 Anna Berg编辑 郑一凡",
        person("郑一凡", "编辑"),
        id="a-latin-name-before-a-credit-is-no-employer",
    ),
    pytest.param(
        "Zentro 客户信任与国际安全服务主管 Mark Olsen 将致开幕词。",
        person("Mark Olsen", "Zentro客户信任与国际安全服务主管", orgs=("Zentro",)),
        id="latin-employer-before-a-chinese-post",
    ),
    pytest.param(
        "图 星河研究院安全部主任钱立国",
        person("钱立国", "星河研究院安全部主任", orgs=("星河研究院安全部",)),
        id="caption-mark-is-no-organisation",
    ),
    pytest.param(
        "筑牢安全防线——星河网络科技股份有限公司董事长钱立国访谈",
        person("钱立国", "星河网络科技股份有限公司董事长", orgs=("星河网络科技股份有限公司",)),
        id="headline-before-a-dash-is-no-organisation",
    ),
    pytest.param(
        "除了 Zentro 的首席执行官 Mark Olsen 之外，所有前任董事都已更换。",
        person("Mark Olsen", "Zentro首席执行官", orgs=("Zentro",)),
        id="titles-start-after-except",
    ),
    pytest.param(
        "选举中国工程院院士、星河实验室主任钱立国为理事。",
        person("钱立国", "中国工程院院士", "星河实验室主任", orgs=("中国工程院", "星河实验室")),
        id="a-verb-opening-the-clause-is-no-organisation",
    ),
    pytest.param(
        "有媒体称 Zentro 创始人钱立国已加盟星河科技。",
        person("钱立国", "Zentro创始人", orgs=("Zentro",)),
        id="titles-start-after-a-report-verb",
    ),
    pytest.param(
        "以下是星河科技联合创始人兼董事长钱立国在大会上的演讲全文。",
        person("钱立国", "星河科技联合创始人", "星河科技董事长", orgs=("星河科技",)),
        id="titles-start-after-a-copula",
    ),
    pytest.param(
        "报道称 Zentro 上月还专门请星河科技创始人钱立国回公司。",
        person("钱立国", "星河科技创始人", orgs=("星河科技",)),
        id="titles-start-after-asking",
    ),
    pytest.param(
        "星河航天局导航系统工程师钱立国在声明中说，合作正在推进。",
        person("钱立国", "星河航天局导航系统工程师", orgs=("星河航天局",)),
        id="bureau-ends-the-organisation-before-a-post",
    ),
    # titles after the name
    pytest.param(
        "张伟表示，大模型发展很快。张伟曾担任百度首席科学家。",
        person("张伟", "百度首席科学家", orgs=("百度",)),
        id="served-as",
    ),
    pytest.param(
        "陈红再次当选全国人大代表。她表示将继续关注数字经济。",
        person("陈红", "全国人大代表", orgs=("全国人大",)),
        id="elected-as",
    ),
]


@pytest.mark.parametrize(("script", "text", "expected"), in_scripts(POSITIVE))
def test_people_found(script: str, text: str, expected: set[Triple]) -> None:
    assert person_facts(extract(text, script)) == expected


NEGATIVE: list = [
    "成员表示，数字经济发展很快。",  # common words before a speech verb
    "文章指出，数据安全越来越重要。",
    "专家认为，数字经济发展很快。",
    "方面表示，合作将继续。",
    "业内人士认为，大模型竞争激烈。",
    "据报道，人工智能投资快速增长。",
    "某公司表示，数字孪生将广泛应用。",  # organisations are not people
    "阿里巴巴表示，云计算将继续增长。",
    "华为表示，5G建设将继续加速。",
    "某科技公司董事长表示，数字化转型势在必行。",  # a title without a name
    "王国的数字经济发展很快。",  # surname-initial words
    "高速发展的数字经济需要更多人才。",
    pytest.param(
        "公司总经理表示，数字化转型势在必行。",
        id="company-general-manager",
    ),
    pytest.param(
        "这类模型涉及多个专家时容易出现负载不均衡。",
        id="experts-counted-are-no-title",
    ),
]


@pytest.mark.parametrize(("script", "text"), in_scripts(NEGATIVE))
def test_no_person(script: str, text: str) -> None:
    assert person_facts(extract(text, script)) == set()


# ---------------------------------------------------------------------------
# public figures the lexicon lists: typed by the lexicon, titled like anyone else
# ---------------------------------------------------------------------------

KNOWN: list = [
    pytest.param(
        "百度创始人李彦宏指出，大模型将改变搜索。",
        person("李彦宏", "百度创始人", orgs=("百度",)),
        id="lexicon-person-with-title",
    ),
    pytest.param(
        "特斯拉首席执行官马斯克表示，自动驾驶很重要。",
        person("埃隆·马斯克", "特斯拉首席执行官", orgs=("特斯拉",)),
        id="short-name-resolves-to-lexicon-person",
    ),
    pytest.param(
        "图灵奖得主辛顿认为，人工智能存在风险。",
        {("杰弗里·辛顿", "a", "Person")},
        id="award-named-after-a-person-is-no-person",
    ),
]


@pytest.mark.parametrize(("script", "text", "expected"), in_scripts(KNOWN))
def test_known_people(script: str, text: str, expected: set[Triple]) -> None:
    assert person_facts(extract(text, script)) == expected
