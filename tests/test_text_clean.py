"""kg.text: each step of ``clean`` and the script functions on tables of positive and negative cases, in both scripts.

Every text here is the project's own. The seed article and the domain corpus are
read from ``../shared/corpus`` and the tests that need them skip without it.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import opencc
import pytest

from kg.text import (
    clean,
    fix_punctuation,
    fold_width,
    label_tag,
    repair_gbk_mojibake,
    script_of,
    strip_pinyin,
    to_simplified,
    variant_of,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus"
SEED = CORPUS / "seed/000_427787186f189a45.txt"
DOMAIN = CORPUS / "domain/news-2022-2024.jsonl"

HAN = "\u4e00-\u9fff"
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
TONED_ANNOTATION = re.compile(f"[(（][a-zü{TONE_MARKS}]*[{TONE_MARKS}][a-zü{TONE_MARKS}]*[)）]")


def drop_lead_byte(text: str, before: str, *, errors: str = "replace") -> str:
    """``text`` as a GBK decoder shows it after the lead byte of the first ``before`` was lost."""
    raw = text.encode("gbk")
    at = len(text[: text.index(before)].encode("gbk"))
    return (raw[:at] + raw[at + 1 :]).decode("gbk", errors)


# ---------------------------------------------------------------------------
# strip_pinyin
# ---------------------------------------------------------------------------

PINYIN_STRIPPED = [
    ("中新網(wǎng)山西", "中新網山西"),
    ("推動(dòng)產(chǎn)業(yè)", "推動產業"),
    ("應(yīng)用", "應用"),
    ("應（yīng）用", "應用"),  # full-width brackets
    ("應(yīng）用", "應用"),  # mixed brackets
    ("綠(lǜ)色低碳", "綠色低碳"),  # ü with a tone mark
    ("女(nǚ)性創業者", "女性創業者"),
    ("戰略(lüè)", "戰略"),
    ("網(wa\u030cng)站", "網站"),  # a combining caron
    ("網絡(wǎng luò)安全", "網絡安全"),  # two syllables
    ("嗯(ńg)", "嗯"),
    ("(每秒浮點運算次數(shù))", "(每秒浮點運算次數)"),  # nested in a Chinese aside
    ("数字(shù zì)经济", "数字经济"),  # simplified script too
    ("发展(fā zhǎn)", "发展"),
]

PINYIN_KEPT = [
    "(记者 杨杰英)",
    "(記者 楊杰英)",
    "人工智能(AI)",
    "人工智能（AI）",
    "140EFLOPS(每秒浮点运算次数)",
    "(AI)",
    "(5G)",
    "信息通信技术(ICT)",
    "(完)",
    "元宇宙(metaverse)",
    "虚拟化身(avatar)",
    "数据填充（padding）",
    "马云(Ma)",  # capitalised Latin
    "模型(Wǎng)",  # capitalised pinyin is not what annotators write
    "推理模型（o1）",  # a model name, not a numbered syllable
    "人工智能(ai)",  # untoned: only in a text that shows the annotation habit
    "的(de)",
    "网(wang3)",  # tone numbers: likewise
    "咖啡(café)",  # a tone-like mark, but no pinyin syllable
    "(wǎng)",  # nothing to annotate before it
    "Hello (wǎng)",
    "网(wangà)",  # not a syllable of the inventory
]


@pytest.mark.parametrize(("text", "expected"), PINYIN_STRIPPED)
def test_strip_pinyin_removes_annotations(text: str, expected: str) -> None:
    assert strip_pinyin(text) == expected


@pytest.mark.parametrize("text", PINYIN_KEPT)
def test_strip_pinyin_keeps_other_parentheses(text: str) -> None:
    assert strip_pinyin(text) == text


def test_untoned_and_numbered_syllables_go_only_where_annotation_is_a_habit() -> None:
    habit = "網(wǎng)絡(luò)發(fā)展的(de)方向(xiàng)與數(shu4)據"
    assert strip_pinyin(habit) == "網絡發展的方向與數據"
    # the same untoned syllable in ordinary text stays
    assert strip_pinyin("目的(de)地") == "目的(de)地"
    # abbreviations stay even in an annotated text
    text = "網(wǎng)絡(luò)發(fā)展的人工智能(AI)"
    assert strip_pinyin(text) == "網絡發展的人工智能(AI)"


def test_strip_pinyin_returns_clean_text_itself() -> None:
    text = "数字经济(digital economy)是新的增长点。" * 100
    assert strip_pinyin(text) is text


# ---------------------------------------------------------------------------
# repair_gbk_mojibake
# ---------------------------------------------------------------------------

# Our own clauses, speakers and verbs: each sentence closes a quotation and names its speaker.
CLAUSES = [
    "数据要素市场正在加快形成",
    "算力是数字时代的新生产力",
    "开源生态决定了模型的上限",
    "我们要补上基础研究的短板",
]
SPEAKERS = ["王芳", "李明", "刘洋", "陈静", "贺晗", "林小雨", "欧阳军", "张伟"]
VERBS = ["指出", "表示", "认为", "强调", "告诉记者"]
MARKS = ["！", "。", "？", "!"]


def quoted_sentences() -> list[str]:
    out = []
    for i, (clause, speaker, verb) in enumerate(itertools.product(CLAUSES, SPEAKERS, VERBS)):
        sentence = f"“{clause}{MARKS[i % len(MARKS)]}”{speaker}{verb}，这一判断得到了业内的认同。"
        out.append(sentence)
        out.append(to_traditional(sentence))
    return out


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


SEED_PATTERN = [
    # the seed's own damage: `！”賀晗` lost the lead byte of `”` (A1 B1 D9 52 -> B1 D9 | 52)
    ("“開源生態決定了模型的上限!辟R晗指出。", "“開源生態決定了模型的上限!”賀晗指出。"),
    ("“算力是數字時代的新生產力!辟R晗告訴記者。", "“算力是數字時代的新生產力!”賀晗告訴記者。"),
    ("“這項技術還有很長的路要走!辟R晗稱。", "“這項技術還有很長的路要走!”賀晗稱。"),
]


@pytest.mark.parametrize(("text", "expected"), SEED_PATTERN)
def test_repair_restores_the_seed_pattern(text: str, expected: str) -> None:
    assert repair_gbk_mojibake(text) == expected


@pytest.mark.parametrize(("text", "expected"), SEED_PATTERN)
def test_the_seed_pattern_is_what_gbk_makes_of_a_dropped_lead_byte(text: str, expected: str) -> None:
    assert drop_lead_byte(expected, "”") == text


EXACT_REPAIRS = [
    # (original sentence, the character whose lead byte is lost)
    ("“开源生态决定了模型的上限！”王芳指出，这一判断得到了业内的认同。", "”"),
    ("“數據要素市場正在加快形成！”李明表示，這一判斷得到了業內的認同。", "”"),
    ("“算力是数字时代的新生产力。”陈静认为，这一判断得到了业内的认同。", "”"),
    ("“我們要補上基礎研究的短板？”劉洋強調，這一判斷得到了業內的認同。", "”"),
    ("他認為行業的數字化轉型正在加速，市場空間巨大。", "業"),
    ("这个平台的算力规模排名全国第二，仅次于北京。", "规"),
    ("开源降低了算法应用的门槛和创业的门槛。", "应"),
]


@pytest.mark.parametrize(("original", "lost"), EXACT_REPAIRS)
def test_repair_restores_a_dropped_lead_byte(original: str, lost: str) -> None:
    broken = drop_lead_byte(original, lost)
    assert broken != original
    assert repair_gbk_mojibake(broken) == original


def test_dropped_quote_lead_bytes_are_repaired_across_generated_sentences() -> None:
    """Every generated case gets its closing quote back and loses the garbled run; at most one
    character (the one whose trail byte the decoder replaced by U+FFFD) may be guessed wrong."""
    sentences = quoted_sentences()
    exact = 0
    for original in sentences:
        broken = drop_lead_byte(original, "”")
        repaired = repair_gbk_mojibake(broken)
        assert "\ufffd" not in repaired, (broken, repaired)
        quote_at = original.index("”")
        assert repaired[: quote_at + 1] == original[: quote_at + 1], (broken, repaired)
        assert len(repaired) == len(original)
        assert sum(a != b for a, b in zip(repaired, original, strict=True)) <= 1, (broken, repaired)
        exact += repaired == original
    assert exact >= 0.9 * len(sentences)


def test_repair_also_reads_a_decoder_that_ignored_errors() -> None:
    original = "“开源生态决定了模型的上限！” 王芳指出。"
    broken = drop_lead_byte(original, "”", errors="ignore")
    assert broken == "“开源生态决定了模型的上限！ 王芳指出。"
    assert repair_gbk_mojibake(broken) == original


def test_repair_makes_random_damage_better_not_worse() -> None:
    """Drop the lead byte of each character of our own paragraph in turn: the repair restores
    most of them exactly and hardly ever leaves the text further from the original."""
    paragraph = [
        "数据要素市场化配置改革正在提速，公共数据的开放共享还需要制度保障。",
        "國產芯片在推理場景中的性價比不斷提升，算力成本有望進一步下降。",
        "发展人工智能需要高质量的中文语料，也需要开放的评测体系。",
    ]
    exact = worse = total = 0
    for sentence in paragraph:
        for i, ch in enumerate(sentence):
            if len(ch.encode("gbk")) != 2 or ch in sentence[:i]:
                continue
            broken = drop_lead_byte(sentence, sentence[i:])
            repaired = repair_gbk_mojibake(broken)
            total += 1
            exact += repaired == sentence
            before = difflib.SequenceMatcher(None, sentence, broken).ratio()
            after = difflib.SequenceMatcher(None, sentence, repaired).ratio()
            worse += after < before
    assert total > 60
    assert exact >= 0.5 * total
    assert worse <= 0.05 * total


LEGITIMATE = [
    "正是由此产生了大量贴近C端用户的内容服务。",
    "貼近C端用戶的內容服務越來越多。",
    "培育5G+工业互联网、Wi-Fi7、IPv6等网络生态。",
    "他在B站发布了一段视频，A股三大指数收涨。",
    "医生让他去拍X光片，再看看K线图。",
    "她买了一件T恤，又去看了3D打印展。",
    "AI技术和GPT-4模型都离不开算力。",
    "在B站發布影片，A股市場回暖。",
    "访问https://example.com/a?b=1查看全文。",
    "This is an English sentence, with commas, isn't it?",
    "编码不对时，会看到���和「锟斤拷」这样的乱码。",
    "数据�模型",  # a lone U+FFFD with nothing garbled around it
    "微博@人民日报发布消息，第Q1季度营收增长。",
    "矩阵A和矩阵B相乘，取前K个值。",
    "“数据是新的生产要素。”他说。",
    "“數據是新的生產要素！”",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_repair_leaves_legitimate_text_alone(text: str) -> None:
    assert repair_gbk_mojibake(text) == text


def test_repair_returns_clean_text_itself() -> None:
    text = "数字经济是以数据为关键要素的经济形态。" * 1000
    assert repair_gbk_mojibake(text) is text


# ---------------------------------------------------------------------------
# fix_punctuation
# ---------------------------------------------------------------------------

PUNCTUATION_FIXED = [
    ("在AI基礎設施方面,國內與發達國家", "在AI基礎設施方面，國內與發達國家"),
    ("数据方面,互联网中文数据", "数据方面，互联网中文数据"),
    ("带来哪些启示?", "带来哪些启示？"),
    ("分不开的!", "分不开的！"),
    ("太好了!!真的?", "太好了！！真的？"),
    ("占比逐年下降;产业数字化", "占比逐年下降；产业数字化"),
    ("记者:王芳", "记者：王芳"),
    ("时间:10:30开会", "时间：10:30开会"),
    ("(记者 杨杰英)", "（记者 杨杰英）"),
    ("(記者 楊杰英) 在AI方面", "（記者 楊杰英） 在AI方面"),
    ("人工智能(AI)技术", "人工智能（AI）技术"),
    ("140EFLOPS(每秒浮点运算次数)", "140EFLOPS（每秒浮点运算次数）"),
    ("元宇宙(metaverse)", "元宇宙（metaverse）"),
    ("爆火(完)", "爆火（完）"),
    ("之一! 贺晗分析指出", "之一！贺晗分析指出"),
    ("“数据”,模型", "“数据”，模型"),
    ("ChatGPT,国内", "ChatGPT，国内"),
    ("2022年,2023年", "2022年，2023年"),
    ("网址:https://a.b/c?d=1,数据", "网址：https://a.b/c?d=1，数据"),
    ("联系a@b.com,谢谢", "联系a@b.com，谢谢"),
    ("（AI)技术", "（AI）技术"),  # a mixed pair
]

PUNCTUATION_KEPT = [
    "规模达45.5万亿",
    "共1,000家企业",
    "10:30",
    "Hello, world!",
    "https://a.b/c?d=1",
    "请访问 https://example.com/path?q=数据 查看",
    "发邮件到 someone@example.com",
    "Wi-Fi 7",
    "v1.2.3",
    "see (v1.2)",
    "f(x)的值",  # a function call in Latin context
    "Generative Pre-trained Transformer (GPT)，是一种模型",  # an aside to Latin text
    "WinterIsComing (31822)发表于",
    "(ICT)",
    "Unity 中国",
    "&nbsp;数据",
    "a != b的",
    "数据(",
    "数据)",
    "数据，模型！",
]


@pytest.mark.parametrize(("text", "expected"), PUNCTUATION_FIXED)
def test_fix_punctuation_in_chinese_context(text: str, expected: str) -> None:
    assert fix_punctuation(text) == expected


@pytest.mark.parametrize("text", PUNCTUATION_KEPT)
def test_fix_punctuation_leaves_numbers_urls_and_latin_text(text: str) -> None:
    assert fix_punctuation(text) == text


# ---------------------------------------------------------------------------
# fold_width
# ---------------------------------------------------------------------------

WIDTH_FOLDED = [
    ("\uff15\uff27网络", "5G网络"),
    ("\uff21\uff29技术", "AI技术"),
    ("\uff29\uff30\uff56\uff16", "IPv6"),
    ("增长\uff11\uff18\uff0e\uff13\uff05", "增长18.3%"),
    ("\uff15\uff27\uff0b", "5G+"),
    ("\uff27\uff30\uff34\uff0d\uff14", "GPT-4"),
    ("a\uff20b\uff0fc\uff03", "a@b/c#"),
    ("数字\u3000经济", "数字 经济"),
]

WIDTH_KEPT = ["，。！？：；（）、“”「」", "数字经济（完）", "ChatGPT", "全角～和｜"]


@pytest.mark.parametrize(("text", "expected"), WIDTH_FOLDED)
def test_fold_width(text: str, expected: str) -> None:
    assert fold_width(text) == expected


@pytest.mark.parametrize("text", WIDTH_KEPT)
def test_fold_width_keeps_cjk_punctuation(text: str) -> None:
    assert fold_width(text) == text


# ---------------------------------------------------------------------------
# clean
# ---------------------------------------------------------------------------

CLEANED = [
    ("中新網(wǎng)山西新聞 (記者 楊杰英) 在AI方面,國內", "中新網山西新聞 （記者 楊杰英） 在AI方面，國內"),
    ("“開源生態決定了模型的上限!辟R晗指出。", "“開源生態決定了模型的上限！”賀晗指出。"),
    ("数据\u200b要素\ufeff市场", "数据要素市场"),  # zero-width characters
    ("数据\x00要素\x07", "数据要素"),  # control characters
    ("第一段\r\n第二段\r第三段", "第一段\n第二段\n第三段"),
    ("数据  \t 要素", "数据 要素"),
    ("  数据要素  \n  算力  ", "数据要素\n算力"),
    ("数 字 经 济 发展", "数字经济 发展"),  # letter-spaced heading
    ("Unity 中国", "Unity 中国"),
    ("记者 杨杰英", "记者 杨杰英"),
    ("\uff15\uff27\u3000网络", "5G 网络"),
    ("e\u0301", "\u00e9"),  # NFC
    ("第一段\n\n第二段", "第一段\n\n第二段"),
]


@pytest.mark.parametrize(("text", "expected"), CLEANED)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_surrogates_from_escapes_neither_crash_nor_survive() -> None:
    # json.loads('"\\ud800"') and Turtle "\\uD83D\\uDE80" give str with surrogate halves
    assert clean("数字经济\ud800推动火箭\ud83d\ude80") == "数字经济推动火箭\U0001f680"
    assert to_simplified("數字\ud800") == "数字\ufffd"
    assert label_tag("火箭\ud83d\ude80") == "zh-Hans"
    assert script_of("數字經濟\ud800") == "Hant"


def test_clean_returns_clean_text_unchanged() -> None:
    text = "数字经济是以数据资源为关键要素的经济形态，ChatGPT带来了新的启示。\n第二段。"
    assert clean(text) == text


def test_clean_is_idempotent_on_the_examples() -> None:
    for text, _ in CLEANED + SEED_PATTERN:
        once = clean(text)
        assert clean(once) == once


PATHOLOGICAL = {
    "stray-letter spot every two characters": "的C" * 200_000,
    "U+FFFD every three characters": "数据\ufffd" * 100_000,
    "unclosed brackets": "(" * 400_000,
    "letter-spaced run ending in a word": "数 " * 200_000 + "济济",
    "open quotes and spaced exclamations": "“好! 的" * 60_000,
    "a long e-mail local part": "a" * 400_000 + "@",
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_clean_stays_linear_on_pathological_lines(text: str) -> None:
    started = time.perf_counter()
    clean(text)
    assert time.perf_counter() - started < 20


def test_clean_handles_a_ten_megabyte_line() -> None:
    text = ("数字经济规模达45.5万亿,其中C端用户增长迅速!网址https://a.b/c?d=1。" * 250_000)[:10_000_000]
    out = clean(text)
    assert "\n" not in out
    assert out.count("，") == text.count(",")


def test_converters_and_dictionary_load_on_first_use_not_on_import() -> None:
    code = ("import kg.text, kg.io, kg.text.script as s, kg.text.dictionary as d;"
            " print(s.converter.cache_info().currsize, d.frequencies.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


# ---------------------------------------------------------------------------
# script and variant
# ---------------------------------------------------------------------------

SCRIPTS = [
    ("數字經濟與實體經濟深度融合", "Hant"),
    ("数字经济与实体经济深度融合", "Hans"),
    ("乾隆年间的数字经济", "Hans"),  # a character t2s touches does not make text traditional
    ("ChatGPT", "Hans"),
    ("", "Hans"),
    ("網路", "Hant"),
]


@pytest.mark.parametrize(("text", "expected"), SCRIPTS)
def test_script_of(text: str, expected: str) -> None:
    assert script_of(text) == expected


VARIANTS = [
    ("這套軟體透過網路更新程式，影片也放在伺服器上。", "tw"),
    ("台灣的數位發展部推動資訊與軟體產業。", "tw"),
    ("呢部數碼相機嘅軟件好好用。", "hk"),
    ("特區政府推動數碼港發展，市民用手提電話上網。", "hk"),
    ("網絡軟件與數碼產品。", "hk"),  # several Hong Kong words together
    ("中國的網絡產業發展迅速。", None),  # mainland text in traditional script
    ("數字經濟與實體經濟深度融合。", None),
    ("这套软体透过网路更新程式。", None),  # simplified script: never a variant
    ("軟體", None),  # one word is not enough
]


@pytest.mark.parametrize(("text", "expected"), VARIANTS)
def test_variant_of(text: str, expected: str | None) -> None:
    assert variant_of(text) == expected


CONVERSIONS = [
    ("數字經濟", None, "数字经济"),
    ("網路軟體", None, "网路软体"),
    ("網路軟體", "tw", "网络软件"),
    ("記憶體與伺服器", "tw", "内存与服务器"),
    ("數碼港的軟件", "hk", "数码港的软件"),
    ("数字经济", None, "数字经济"),
    ("ChatGPT", "tw", "ChatGPT"),
]


@pytest.mark.parametrize(("text", "variant", "expected"), CONVERSIONS)
def test_to_simplified(text: str, variant: str | None, expected: str) -> None:
    assert to_simplified(text, variant) == expected  # type: ignore[arg-type]


def test_to_simplified_rejects_an_unknown_variant() -> None:
    with pytest.raises(ValueError, match="'tw', 'hk'"):
        to_simplified("數字", "cn")  # type: ignore[arg-type]


LABELS = [
    ("数字经济", "zh-Hans"),
    ("數字經濟", "zh-Hant"),
    ("天娛數科", "zh-Hant"),
    ("贺晗", "zh-Hans"),
    ("5G网络", "zh-Hans"),
    ("ChatGPT", None),
    ("IPv6", None),
    ("data.gov", None),
    ("", None),
]


@pytest.mark.parametrize(("label", "expected"), LABELS)
def test_label_tag(label: str, expected: str | None) -> None:
    assert label_tag(label) == expected


# ---------------------------------------------------------------------------
# the real seed article and the domain corpus
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is not here: {SEED} (shared/ sits beside the repository)")
    return SEED.read_text(encoding="utf-8")


def test_clean_reads_the_seed_as_a_careful_human_would(seed: str) -> None:
    out = clean(seed)
    assert not TONED_ANNOTATION.search(out)
    assert "辟R" not in out
    assert len(re.findall("”賀晗指出", out)) >= 3
    assert not re.search(f"[{HAN}],[{HAN}]", out)
    assert not re.search(f"[{HAN}][!?;][{HAN}]", out)
    assert "（記者 楊杰英）" in out
    assert "140EFLOPS（每秒浮點運算次數）" in out
    for kept in ["C端用戶", "5G+", "Wi-Fi7", "IPv6", "ChatGPT", "data.gov", "45.5萬億", "18.3%"]:
        assert kept in out
    # only annotations went (and two closing quotes came back): the length is otherwise kept
    annotations = sum(len(m.group()) for m in TONED_ANNOTATION.finditer(seed))
    assert abs(len(out) - (len(seed) - annotations)) <= 4
    assert script_of(out) == "Hant"
    assert variant_of(out) is None
    assert "贺晗指出" in to_simplified(out)


def test_the_seed_dropped_quotes_come_back(seed: str) -> None:
    out = clean(seed)
    lines = [line for line in out.split("\n") if line.startswith("“")]
    assert lines
    for line in lines:
        assert line.count("“") == line.count("”"), line


@pytest.fixture(scope="module")
def domain_texts() -> list[str]:
    if not DOMAIN.exists():
        pytest.skip(f"the domain corpus is not here: {DOMAIN} (shared/ sits beside the repository)")
    with DOMAIN.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh]


def test_the_domain_corpus_has_no_false_repairs(domain_texts: list[str]) -> None:
    """978 real articles with no dropped lead byte and no pinyin annotation: nothing to change."""
    for text in domain_texts:
        folded = fold_width(text)
        assert strip_pinyin(folded) == folded
        assert repair_gbk_mojibake(folded) == folded
