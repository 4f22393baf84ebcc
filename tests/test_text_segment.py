"""Sentences and tokens (``kg.text.segment``, ``kg.text.parse``): where sentences end, tokens that add up to the text.

Every splitting case is a row of a table, run in simplified script as written
and in traditional script (OpenCC ``s2t``: punctuation and positions are kept,
so the expected sentences convert the same way).
"""

from __future__ import annotations

import functools
import re

import jieba
import opencc
import pytest

from kg.pipeline import Builder
from kg.text.parse import parse
from kg.text.segment import MAX_SENTENCE, JiebaSegmenter, Span, split_sentences
from kg.types import Document

SCRIPTS = ("hans", "hant")


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def in_script(text: str, script: str) -> str:
    return text if script == "hans" else _s2t().convert(text)


def sentences(text: str, attribution: re.Pattern[str] | None = None) -> list[str]:
    spans = split_sentences(text, attribution.search if attribution else None)
    return [text[s.start : s.end] for s in spans]


# (id, text, sentences): the splitter alone, without attribution
SPLITS: list[tuple[str, str, list[str]]] = [
    ("full_stop", "数字经济发展很快。算力是底座。", ["数字经济发展很快。", "算力是底座。"]),
    ("all_terminators", "数据是要素！算力够吗？要加快建设；不能等待。",
     ["数据是要素！", "算力够吗？", "要加快建设；", "不能等待。"]),
    ("line_break", "第一段没有句号\n第二段有句号。", ["第一段没有句号", "第二段有句号。"]),
    ("blank_lines_and_indent", "  开头有空格。\n\n\n　　全角缩进的段落。", ["开头有空格。", "全角缩进的段落。"]),
    ("repeated_terminators", "真的吗？！当然。", ["真的吗？！", "当然。"]),
    ("ellipsis_after_terminator", "他停住了。……然后继续。", ["他停住了。……", "然后继续。"]),
    ("bracket_after_terminator", "（数据是要素。）下一句。", ["（数据是要素。）", "下一句。"]),
    ("comma_does_not_split", "数字经济，算力，数据，都很重要。", ["数字经济，算力，数据，都很重要。"]),
    # quotations: never cut inside
    ("inside_double_quotes", "他说：“数据是要素。算力是底座！”", ["他说：“数据是要素。算力是底座！”"]),
    ("inside_corner_brackets", "他说：「数据是要素。算力是底座！」", ["他说：「数据是要素。算力是底座！」"]),
    ("quote_mid_sentence", "“数据是要素。算力是底座”是他的观点。", ["“数据是要素。算力是底座”是他的观点。"]),
    ("nested_quotes", "他说：“报告写道「算力很重要。」我同意。”", ["他说：“报告写道「算力很重要。」我同意。”"]),
    ("quote_then_sentence", "“数据是要素。”下一句开始了。", ["“数据是要素。”", "下一句开始了。"]),
    # an unclosed quote runs to the end of its paragraph, and no further
    ("unclosed_quote_at_paragraph_end", "他说：“数据是要素。算力是底座\n下一段。另一句。",
     ["他说：“数据是要素。算力是底座", "下一段。", "另一句。"]),
]


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SPLITS], ids=[c[0] for c in SPLITS])
def test_split_sentences(text: str, expected: list[str], script: str) -> None:
    assert sentences(in_script(text, script)) == [in_script(e, script) for e in expected]


# (id, text, sentences): a short attribution after a quotation ending in a terminator stays with it
CLAIM_VERBS = re.compile("指出|认为|表示|说|告诉")
ATTRIBUTIONS: list[tuple[str, str, list[str]]] = [
    ("verb_after_quote", "开头一句。“数据是新的生产要素！”李明指出。后面一句。",
     ["开头一句。", "“数据是新的生产要素！”李明指出。", "后面一句。"]),
    ("corner_brackets", "「数据是新的生产要素。」王芳表示。", ["「数据是新的生产要素。」王芳表示。"]),
    ("told_the_reporter", "“我们还要努力。”张伟告诉记者。", ["“我们还要努力。”张伟告诉记者。"]),
    # negative: a tail without a speech verb is a sentence of its own
    ("no_verb_no_attribution", "“数据是新的生产要素！”这句话很有名。", ["“数据是新的生产要素！”", "这句话很有名。"]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ATTRIBUTIONS], ids=[c[0] for c in ATTRIBUTIONS])
def test_attribution_stays_with_its_quote(text: str, expected: list[str]) -> None:
    assert sentences(text, CLAIM_VERBS) == expected


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ATTRIBUTIONS], ids=[c[0] for c in ATTRIBUTIONS])
def test_attribution_through_the_parser(builder: Builder, text: str, expected: list[str], script: str) -> None:
    """The parser's own claim verbs keep the attribution, whichever script quote and verb are in."""
    source = in_script(text, script)
    parsed = parse(Document(source, id="t"), builder.segmenter, builder.resources.rules.shared.speech_verb_re)
    assert [s.text for s in parsed.sentences] == [in_script(e, script) for e in expected]


def test_traditional_quote_with_traditional_verb(builder: Builder) -> None:
    """认为 is 認為 and 说 is 說 in traditional script: the verb is found all the same."""
    text = "“數據是新的生產要素！”李明認為。「算力很重要。」王芳說。"
    parsed = parse(Document(text, id="t"), builder.segmenter, builder.resources.rules.shared.speech_verb_re)
    assert [s.text for s in parsed.sentences] == ["“數據是新的生產要素！”李明認為。", "「算力很重要。」王芳說。"]


# (id, text, heading flag of each sentence)
HEADINGS: list[tuple[str, str, list[bool]]] = [
    ("short_line_is_heading", "数字经济发展报告\n正文第一句。", [True, False]),
    ("heading_in_traditional", "數字經濟發展報告\n正文第一句。", [True, False]),
    ("line_with_full_stop_is_not", "这是一句话。\n这是另一句话。", [False, False]),
    ("first_of_two_sentences_is_not", "标题样的开头。后面还有一句", [False, False]),
    ("long_line_without_punctuation_is_not", "数字经济" * 30 + "\n正文。", [False, False]),
]


@pytest.mark.parametrize(("text", "flags"), [c[1:] for c in HEADINGS], ids=[c[0] for c in HEADINGS])
def test_headings(text: str, flags: list[bool]) -> None:
    assert [s.heading for s in split_sentences(text)] == flags


def check_spans(text: str, spans: list[Span]) -> None:
    """Spans are in order, within MAX_SENTENCE, and together hold every non-space character."""
    pos = 0
    for s in spans:
        assert pos <= s.start < s.end <= len(text)
        assert s.end - s.start <= MAX_SENTENCE, f"a span of {s.end - s.start} characters"
        assert not text[pos : s.start].strip(), f"characters lost before {s.start}: {text[pos:s.start]!r}"
        pos = s.end
    assert not text[pos:].strip()


@pytest.mark.parametrize("script", SCRIPTS)
def test_very_long_sentence_is_cut_below_the_maximum(script: str) -> None:
    clause = "数字经济与实体经济深度融合，"
    text = in_script(clause * (3 * MAX_SENTENCE // len(clause)) + "发展很快。", script)
    spans = split_sentences(text)
    assert len(spans) >= 3
    check_spans(text, spans)
    # cut at a comma where there is one
    assert all(text[s.end - 1] == "，" for s in spans[:-1])


def test_one_megabyte_line_without_punctuation() -> None:
    """Finishes (linear time) and every piece is within bounds."""
    text = "数字经济算力数据要素人工智能" * (1_000_000 // 14 + 1)
    spans = split_sentences(text)
    assert len(spans) >= len(text) // MAX_SENTENCE
    check_spans(text, spans)


def test_one_megabyte_line_with_an_unclosed_quote() -> None:
    """An opening quote that never closes does not make the rest of a huge line one sentence."""
    text = "他说：“" + "数字经济算力，数据要素。" * 90_000
    spans = split_sentences(text)
    check_spans(text, spans)


def test_offsets_point_into_the_text() -> None:
    text = "  第一句。\n\n“第二句！”\n第三句"
    for s in split_sentences(text):
        piece = text[s.start : s.end]
        assert piece == piece.strip() and piece
    assert [s.paragraph for s in split_sentences(text)] == [0, 2, 3]


# --------------------------------------------------------------------------- tokens

TOKEN_TEXTS = [
    "数字产业化是数字经济的重要组成部分。",
    "ChatGPT 和 5G 推动数字经济发展，2021年规模达45.5万亿元。",
    "IPv6、data.gov 与 AI 大模型",
    "  前后有空格  ",
    "𠀀𠀁是扩展区汉字，😀是表情。",
    "",
]


@pytest.mark.parametrize("text", TOKEN_TEXTS)
def test_tokens_reconstruct_the_text(builder: Builder, text: str) -> None:
    tokens = builder.segmenter.tokens(text)
    assert "".join(t.text for t in tokens) == text
    pos = 0
    for t in tokens:
        assert (t.start, t.end) == (pos, pos + len(t.text))
        assert text[t.start : t.end] == t.text
        assert t.tag
        pos = t.end


def test_lexicon_words_stay_whole(builder: Builder) -> None:
    words = [t.text for t in builder.segmenter.tokens("产业数字化和数字产业化都属于数字经济。")]
    assert {"产业数字化", "数字产业化", "数字经济"} <= set(words)


def _global_state() -> tuple[int, int, int]:
    jieba.dt.check_initialized()
    return len(jieba.dt.FREQ), len(jieba.dt.user_word_tag_tab), jieba.dt.total


def test_private_tokenizer_leaves_jieba_global_alone(builder: Builder) -> None:
    """Lexicon words and user words go into the segmenter's tokenizer, never into ``jieba.dt``."""
    fresh = jieba.Tokenizer()
    fresh.check_initialized()
    lexicon_only = [w for w, _, _ in builder.resources.lexicon.jieba_words() if w not in fresh.FREQ]
    assert lexicon_only, "every lexicon word is in jieba's own dictionary: nothing to check"
    builder.segmenter.tokens("数字经济")  # the lexicon's words are added on first use
    before = _global_state()
    leaked = [w for w in lexicon_only if w in jieba.dt.FREQ]
    assert not leaked, f"jieba's global dictionary holds lexicon words: {leaked[:10]}"

    made_up = "锟斤拷数据湖仓"
    seg = JiebaSegmenter()
    seg.add_words([(made_up, None, "n")])
    assert made_up in [t.text for t in seg.tokens(f"我们建设{made_up}平台")]
    assert made_up not in jieba.dt.FREQ
    assert made_up not in jieba.lcut(f"我们建设{made_up}平台")
    assert _global_state() == before
