"""kg.io: every INPUT form, header lines, Markdown, encodings, errors, ids, scale.

All texts are the team's own sentences; the real corpus is only read (never
copied) by the last test, which is skipped where the corpus is absent.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import time
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.io import (
    decode_bytes,
    iter_documents,
    normalize_date,
    read_text_file,
    split_header,
    strip_markdown,
)
from kg.types import Document

SIMPLIFIED = "数字经济是继农业经济、工业经济之后的主要经济形态。算力是新的生产力，数据是新的生产要素。"
MIXED = "2021年规模45.5万亿。\n" + SIMPLIFIED  # ASCII gives BOM-less UTF-16 its NUL bytes
SHORT = ("数字经济", "算力网络", "数据要素", "人工智能", "数字孪生技术正在改变制造业。")

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus"


@pytest.fixture(scope="module")
def s2t():
    import opencc  # a runtime dependency: its absence is a failure, never a skip

    return opencc.OpenCC("s2t").convert


def sha16(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read_all(*inputs, **kwargs) -> list[Document]:
    return list(iter_documents(list(inputs), **kwargs))


def raised(*inputs, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_all(*inputs, **kwargs)
    message = str(info.value)
    assert "\n" not in message and "\r" not in message, message
    return info.value


# --------------------------------------------------------------------------- text files


def test_text_file_given_directly(tmp_path):
    path = write(tmp_path / "000_427787186f189a45.txt", "数据是新的生产要素。\n算力是新的生产力。\n")
    [doc] = read_all(path)
    assert doc.id == "000_427787186f189a45"
    assert doc.text == "数据是新的生产要素。\n算力是新的生产力。"
    assert doc.origin == str(path)
    assert doc.title is doc.url is doc.date is None


def test_absolute_path_never_becomes_the_id(tmp_path):
    path = write(tmp_path / "sub" / "文章.txt", SIMPLIFIED)
    [doc] = read_all(path.resolve())
    assert doc.id == "文章"


def test_line_ends_are_normalised(tmp_path):
    path = write(tmp_path / "a.txt", "第一行\r\n第二行\r第三行\n")
    assert read_all(path)[0].text == "第一行\n第二行\n第三行"


def test_indentation_is_kept_and_blank_edges_dropped(tmp_path):
    path = write(tmp_path / "a.txt", "\n\n\u3000\u3000数据要素。\n\n")
    assert read_all(path)[0].text == "\u3000\u3000数据要素。"


def test_a_file_without_a_known_suffix_given_directly_is_text(tmp_path):
    path = write(tmp_path / "README", "数字经济。")
    assert read_all(path)[0].id == "README"


def test_a_single_path_is_one_input(tmp_path):
    path = write(tmp_path / "a.txt", "数字经济。")
    assert [d.id for d in iter_documents(str(path))] == ["a"]


# --------------------------------------------------------------------------- header lines

HEADERS = [
    pytest.param(
        "# source: https://example.org/a/1 (示例日报, 2022-12-29; via someone)\n# title: 标题一\n正文。",
        "正文。",
        {
            "source": "https://example.org/a/1 (示例日报, 2022-12-29; via someone)",
            "title": "标题一",
            "url": "https://example.org/a/1",
            "date": "2022-12-29",
        },
        id="source-gives-url-and-date",
    ),
    pytest.param(
        "# url: https://example.org/x\n# source: https://example.org/y\n正文。",
        "正文。",
        {"url": "https://example.org/x", "source": "https://example.org/y"},
        id="explicit-url-wins",
    ),
    pytest.param(
        "# source: https://example.org/news/2023-02-28/doc.html\n正文。",
        "正文。",
        {
            "source": "https://example.org/news/2023-02-28/doc.html",
            "url": "https://example.org/news/2023-02-28/doc.html",
            "date": "2023-02-28",
        },
        id="iso-date-inside-source-url",
    ),
    pytest.param(
        "# source: 示例日报 2022/12/29\n正文。",
        "正文。",
        {"source": "示例日报 2022/12/29"},
        id="source-not-iso",
    ),
    pytest.param(
        "# source: https://example.org/a.html。\n正文。",
        "正文。",
        {"source": "https://example.org/a.html。", "url": "https://example.org/a.html"},
        id="url-stops-at-punctuation",
    ),
    pytest.param(
        "# date: 2022年12月29日\n# date: 2021-01-01\n正文。",
        "正文。",
        {"date": "2022-12-29"},
        id="first-wins",
    ),
    pytest.param("# date: 去年冬天\n正文。", "正文。", {}, id="unparseable-date-dropped"),
    pytest.param(
        "# date: 2022-12-29\n# source: 2021-01-01\n正文。",
        "正文。",
        {"date": "2022-12-29", "source": "2021-01-01"},
        id="explicit-date-wins",
    ),
    pytest.param(
        "# author: 张三\n# publisher: 示例出版社\n正文。",
        "正文。",
        {"author": "张三", "publisher": "示例出版社"},
        id="author-publisher",
    ),
    pytest.param("#Title：全角冒号\n正文。", "正文。", {"title": "全角冒号"}, id="case-and-fullwidth-colon"),
    pytest.param("# title:\n正文。", "正文。", {}, id="empty-value-ignored"),
    pytest.param("# title: 标题\n# 前言\n正文。", "# 前言\n正文。", {"title": "标题"}, id="stops-at-heading"),
    pytest.param("# keywords: 数据\n正文。", "# keywords: 数据\n正文。", {}, id="unknown-key-is-text"),
    pytest.param("# sourcecode: x\n正文。", "# sourcecode: x\n正文。", {}, id="key-must-be-whole"),
    pytest.param("正文。\n# title: 不是头\n", "正文。\n# title: 不是头", {}, id="only-at-the-start"),
    pytest.param("\n# title: 不是头\n正文。", "# title: 不是头\n正文。", {}, id="not-after-a-blank-line"),
    pytest.param("# title: 标题\n\n\n正文。", "正文。", {"title": "标题"}, id="blank-lines-after"),
]


@pytest.mark.parametrize(("content", "text", "meta"), HEADERS)
def test_header_lines(tmp_path, content, text, meta):
    path = write(tmp_path / "a.txt", content)
    assert read_text_file(path) == (text, meta)
    [doc] = read_all(path)
    assert doc.text == text
    for key in ("source", "url", "title", "date", "author", "publisher"):
        assert getattr(doc, key) == meta.get(key)


def test_split_header_keeps_values_as_written():
    assert split_header("# date: 2022/12/29\n正文") == ("正文", {"date": "2022/12/29"})
    assert split_header("# title: 只有头") == ("", {"title": "只有头"})


DATES = [
    ("2022-12-29", "2022-12-29"),
    ("2022/12/29", "2022-12-29"),
    ("2022.12.29", "2022-12-29"),
    ("2022-1-5", "2022-01-05"),
    ("2022年12月29日", "2022-12-29"),
    ("2022 年 1 月 5 日", "2022-01-05"),
    ("2022年12月29日 星期四", "2022-12-29"),
    ("20221229", "2022-12-29"),
    ("2022-12-29T08:30:00+08:00", "2022-12-29"),
    ("2022-12-29 08:30", "2022-12-29"),
    # nothing is guessed
    ("12/29/2022", None),
    ("29.12.2022", None),
    ("2022年12月", None),
    ("2022", None),
    ("2022-02-30", None),
    ("2022-13-01", None),
    ("202212291030", None),
    ("昨天", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), DATES)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


# --------------------------------------------------------------------------- Markdown

MARKDOWN = [
    ("# 数字经济\n正文。", "数字经济\n正文。"),
    ("### 小节 ###", "小节"),
    ("#标签不是标题", "#标签不是标题"),
    ("**算力**是*新的*生产力", "算力是新的生产力"),
    ("__数据__ 与 _要素_。", "数据 与 要素。"),
    ("__数据__与_要素_", "__数据__与_要素_"),  # CommonMark: no intraword underscore emphasis
    ("***强调***", "强调"),
    ("~~删除~~保留", "删除保留"),
    ("文件 TrendForce预测2025_工业元宇宙_市场.md", "文件 TrendForce预测2025_工业元宇宙_市场.md"),
    ("snake_case_name 与 2*3*4", "snake_case_name 与 234"),
    (r"转义 \*星号\* 与 \_下划线\_", "转义 *星号* 与 _下划线_"),
    ("见[规划](https://example.org/plan_(2022))全文", "见规划全文"),
    ('见[规划](https://example.org/p "标题")', "见规划"),
    ("图![示意图](img/a.png)后", "图后"),
    ("[![徽章](b.svg)](https://example.org)", ""),
    ("见[规划][1]\n\n[1]: https://example.org/plan", "见规划\n"),
    ("[编者按]: 以下为全文", "[编者按]: 以下为全文"),
    ("正文[^1]\n[^1]: 注释内容", "正文\n注释内容"),
    ("访问 <https://example.org> 了解", "访问 https://example.org 了解"),
    ("用 `pip install zhkg` 安装", "用 pip install zhkg 安装"),
    ("代码 `a*b*c` 不变", "代码 a*b*c 不变"),
    ("```python\nx = 1  # *不是强调*\n```\n之后", "x = 1  # *不是强调*\n之后"),
    ("~~~\n代码\n~~~", "代码"),
    ("<p>第一段</p><p>第二段<br/>换行</p>", "第一段\n第二段\n换行\n"),
    ('<div class="x">数据</div>', "数据\n"),
    ('<img src="a.png">图片', "图片"),
    ("前<!-- 注释\n跨行 -->后", "前后"),
    ("&lt;数字经济&gt; &amp; 算力", "<数字经济> & 算力"),
    ("> 引用的话\n> > 嵌套", "引用的话\n嵌套"),
    ("- 第一项\n* 第二项\n+ 第三项\n- [x] 已完成", "第一项\n第二项\n第三项\n已完成"),
    ("1. 第一\n2. 第二", "1. 第一\n2. 第二"),
    ("-5℃ 的低温", "-5℃ 的低温"),
    ("段落\n\n---\n\n段落", "段落\n\n\n\n段落"),
    ("标题\n===\n正文", "标题\n\n正文"),
    (
        "| 指标 | 数值 |\n|:---|---:|\n| 规模 | 45.5万亿 |\n| **比重** | 39.8% |",
        "指标 数值\n规模 45.5万亿\n比重 39.8%",
    ),
    ("年份 | 规模\n--- | ---\n2021 | 45.5万亿", "年份 规模\n2021 45.5万亿"),
    ("a | b 不是表格", "a | b 不是表格"),
]


@pytest.mark.parametrize(("markdown", "text"), MARKDOWN)
def test_strip_markdown(markdown, text):
    assert strip_markdown(markdown) == text


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".MD"])
def test_markdown_file_is_stripped_after_its_header(tmp_path, suffix):
    content = "# title: 标题\n# 数字经济\n\n**算力**是[新的](https://x.org)生产力。![图](a.png)\n"
    path = write(tmp_path / f"a{suffix}", content)
    [doc] = read_all(path)
    assert (doc.id, doc.title, doc.text) == ("a", "标题", "数字经济\n\n算力是新的生产力。")


def test_markdown_heading_is_text_not_metadata(tmp_path):
    path = write(tmp_path / "a.md", "# 数字经济概述\n正文。")
    assert read_text_file(path) == ("数字经济概述\n正文。", {})


def test_text_file_keeps_markdown_like_characters(tmp_path):
    path = write(tmp_path / "a.txt", "# 数字经济概述\n**算力**")
    assert read_all(path)[0].text == "# 数字经济概述\n**算力**"


def test_markdown_front_matter(tmp_path):
    content = '---\ntitle: "数字经济规划解读"\ndate: 2022-01-21T10:00:00+08:00\ntags: [数据]\n---\n正文。'
    path = write(tmp_path / "index.md", content)
    text, meta = read_text_file(path)
    assert text == "正文。"
    assert meta == {"title": "数字经济规划解读", "date": "2022-01-21"}


# --------------------------------------------------------------------------- encodings


def encodings(s2t) -> list[tuple[str, str, bytes]]:
    traditional = s2t(SIMPLIFIED)
    cases = [
        ("utf-8", SIMPLIFIED, SIMPLIFIED.encode("utf-8")),
        ("utf-8-sig", SIMPLIFIED, SIMPLIFIED.encode("utf-8-sig")),
        ("utf-8 traditional", traditional, traditional.encode("utf-8")),
        ("utf-16-le BOM", SIMPLIFIED, b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le")),
        ("utf-16-be BOM", SIMPLIFIED, b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be")),
        ("utf-16 BOM traditional", traditional, traditional.encode("utf-16")),
        ("utf-16-le no BOM", MIXED, MIXED.encode("utf-16-le")),
        ("utf-16-be no BOM", MIXED, MIXED.encode("utf-16-be")),
        ("utf-16-le no BOM, no ASCII", SIMPLIFIED, SIMPLIFIED.encode("utf-16-le")),
        ("gb18030", SIMPLIFIED, SIMPLIFIED.encode("gb18030")),
        ("gbk", SIMPLIFIED, SIMPLIFIED.encode("gbk")),
        ("gb18030 four-byte", "𠀀字与€符号，数字经济。", "𠀀字与€符号，数字经济。".encode("gb18030")),
        ("big5", traditional, traditional.encode("big5")),
        ("cp950", traditional, traditional.encode("cp950")),
        ("big5 traditional in gbk", traditional, traditional.encode("gbk")),
        ("utf-8 accents", "Müller café Gödel São Paulo", "Müller café Gödel São Paulo".encode()),
        ("utf-8 Cyrillic", "Привет, мир", "Привет, мир".encode()),
        ("utf-8 pinyin", "網(wǎng)絡(luò)", "網(wǎng)絡(luò)".encode()),
    ]
    for word in SHORT:
        cases += [
            (f"gbk short {word}", word, word.encode("gbk")),
            (f"big5 short {s2t(word)}", s2t(word), s2t(word).encode("big5")),
        ]
    return cases


def test_every_encoding_decodes(s2t):
    failures = [
        (name, decode_bytes(data, name)) for name, text, data in encodings(s2t) if decode_bytes(data, name) != text
    ]
    assert failures == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5"])
def test_encoded_file_with_header_and_crlf(tmp_path, s2t, encoding):
    body = s2t(SIMPLIFIED) if encoding == "big5" else SIMPLIFIED
    content = f"# title: {body[:4]}\r\n# source: https://example.org/a 2022-12-29\r\n{body}\r\n第二段。\r\n"
    content = s2t(content) if encoding == "big5" else content
    path = write(tmp_path / f"{encoding}.txt", content.encode(encoding))
    [doc] = read_all(path)
    assert doc.text == f"{body}\n{s2t('第二段。') if encoding == 'big5' else '第二段。'}"
    assert (doc.title, doc.url, doc.date) == (body[:4], "https://example.org/a", "2022-12-29")


def test_utf8_cut_inside_its_last_character_keeps_the_rest():
    data = "数字经济".encode()[:-1]
    assert decode_bytes(data, "a.txt") == "数字经"


def test_decoding_removes_a_bom_and_normalises_line_ends():
    assert decode_bytes(b"\xef\xbb\xbf\xe6\x95\xb0\r\n\xe6\x8d\xae\r", "a.txt") == "数\n据\n"
    assert decode_bytes(b"", "a.txt") == ""


# --------------------------------------------------------------------------- errors

FILE_ERRORS = [
    ("empty.txt", b"", "empty: no text"),
    ("blank.txt", " \n\t\r\n\u3000\n".encode(), "empty: no text"),
    ("header-only.txt", "# title: 只有标题\n# source: 某处\n\n".encode(), "empty: no text"),
    ("bom-only.txt", b"\xef\xbb\xbf", "empty: no text"),
    ("markup-only.md", b"![img](a.png)\n<br>\n---\n", "empty: no text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary file, not text"),
    ("nul.txt", "数字经济".encode() + b"\x00\x00\x01" + b"\x00" * 7, "binary file, not text"),
    ("controls.txt", b"\x01\x02\x03\x04\x05\x06abc" * 100, "binary file, not text"),
    ("controls-gbk.txt", "数据".encode("gbk") + b"\x01\x02\x03\x04\x05", "binary file, not text"),
    (
        "undecodable.txt",
        b"caf\x80\xff\x80 text",
        "cannot detect its encoding: tried UTF-8, UTF-16, GB18030, Big5",
    ),
    ("bad-after-bom.txt", b"\xef\xbb\xbfabc\xff\x80", "not valid UTF-8, though it starts with a UTF-8 byte"),
    ("bad-utf16.txt", b"\xff\xfe\x00\xd8a\x00", "not valid UTF-16, though it starts with a UTF-16 byte"),
]


@pytest.mark.parametrize(("name", "data", "problem"), FILE_ERRORS)
def test_bad_file_given_directly_raises(tmp_path, name, data, problem):
    path = write(tmp_path / name, data)
    for kwargs in ({}, {"on_skip": lambda error: None}):  # on_skip is for folders and lines only
        error = raised(path, **kwargs)
        assert problem in error.problem
        assert str(error).startswith(f"{path}: ")
        assert error.origin == str(path)


def test_undecodable_bytes_really_fail_every_encoding():
    data = b"caf\x80\xff\x80 text"
    assert len(data) % 2  # not UTF-16 either
    for encoding in ("utf-8", "gb18030", "big5", "cp950", "big5hkscs"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)


def test_missing_path_fails_before_anything_is_read(tmp_path):
    good = write(tmp_path / "a.txt", SIMPLIFIED)
    missing = tmp_path / "missing.txt"
    documents = iter_documents([good, missing])
    with pytest.raises(InputError) as info:
        next(documents)
    assert str(info.value) == f"{missing}: no such file or directory"


def test_missing_path_raises_even_with_on_skip(tmp_path):
    error = raised(tmp_path / "nope", on_skip=lambda e: None)
    assert error.problem == "no such file or directory"


def test_read_text_file_missing():
    with pytest.raises(InputError, match="no such file or directory"):
        read_text_file("/nonexistent/zhkg/a.txt")


# --------------------------------------------------------------------------- directories


def make_tree(root: Path) -> None:
    write(root / "b.txt", "乙：算力。")
    write(root / "a.txt", "甲：数据。")
    write(root / "sub" / "c.md", "# 丙\n**元宇宙**。")
    write(root / "sub" / "deeper" / "d.markdown", "丁：数字孪生。")
    write(root / "sub" / "e.TXT", "戊：大模型。")
    write(root / "z" / "records.jsonl", '{"id": "r1", "text": "己：数据要素。"}\n')
    write(root / "a" / "f.txt", "庚：产业数字化。")
    # ignored: hidden files and folders, other suffixes
    write(root / ".hidden.txt", "不读")
    write(root / ".git" / "x.txt", "不读")
    write(root / "sub" / ".cache" / "y.md", "不读")
    write(root / "notes.csv", "不读")
    write(root / "image.png", b"\x89PNG\x00\x00")
    write(root / "a.txt~", "不读")


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    make_tree(tmp_path / "in")
    docs = read_all(tmp_path / "in")
    assert [d.id for d in docs] == ["a/f", "a", "b", "sub/c", "sub/deeper/d", "sub/e", "r1"]
    assert [d.text for d in docs] == [
        "庚：产业数字化。",
        "甲：数据。",
        "乙：算力。",
        "丙\n元宇宙。",
        "丁：数字孪生。",
        "戊：大模型。",
        "己：数据要素。",
    ]
    assert docs[3].origin == str(tmp_path / "in" / "sub" / "c.md")
    assert docs[-1].origin == f"{tmp_path / 'in' / 'z' / 'records.jsonl'}:1"
    assert all(not Path(d.id).is_absolute() and "\\" not in d.id for d in docs)


def test_directory_ids_do_not_depend_on_how_it_is_named(tmp_path, monkeypatch):
    make_tree(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    relative = [d.id for d in read_all("in")]
    absolute = [d.id for d in read_all(tmp_path / "in")]
    dotted = [d.id for d in read_all("./in/")]
    assert relative == absolute == dotted


def test_same_stem_in_a_directory_keeps_ids_apart(tmp_path):
    write(tmp_path / "a.md", "甲。")
    write(tmp_path / "a.txt", "乙。")
    assert [d.id for d in read_all(tmp_path)] == ["a", "a.txt"]


def test_directory_bad_file_is_reported_and_skipped(tmp_path):
    write(tmp_path / "a.txt", "甲：数据。")
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", b"\x00\x01\x02\x03" * 10)
    write(tmp_path / "d.jsonl", '{"text": "丁。"}\n{"text": 4}\n{"text": "戊。"}\n')
    write(tmp_path / "e.txt", "乙：算力。")
    skipped: list[InputError] = []
    docs = read_all(tmp_path, on_skip=skipped.append)
    assert [d.text for d in docs] == ["甲：数据。", "丁。", "戊。", "乙：算力。"]
    assert [str(e) for e in skipped] == [
        f"{tmp_path / 'b.txt'}: empty: no text",
        f"{tmp_path / 'c.txt'}: binary file, not text",
        f'{tmp_path / "d.jsonl"}: line 2: "text" is not a string but a number',
    ]


def test_directory_bad_file_raises_without_on_skip(tmp_path):
    write(tmp_path / "a.txt", "甲：数据。")
    write(tmp_path / "b.txt", b"")
    documents = iter_documents([tmp_path])
    assert next(documents).text == "甲：数据。"
    with pytest.raises(InputError, match=re.escape(f"{tmp_path / 'b.txt'}: empty: no text")):
        next(documents)


def test_directory_without_readable_files(tmp_path):
    write(tmp_path / "notes.csv", "a,b")
    write(tmp_path / ".hidden.txt", "数据")
    error = raised(tmp_path)
    assert error.origin == str(tmp_path)
    assert error.problem.startswith("no readable files (looked for .jsonl, .markdown, .md, .ndjson, .txt)")


def test_empty_directory(tmp_path):
    assert "no readable files" in raised(tmp_path).problem


def test_directory_whose_files_are_all_bad(tmp_path):
    write(tmp_path / "a.txt", b"")
    write(tmp_path / "b.md", b"  \n")
    skipped: list[InputError] = []
    error = raised(tmp_path, on_skip=skipped.append)
    assert error.problem == "no readable files (2 skipped)"
    assert len(skipped) == 2


# --------------------------------------------------------------------------- JSON Lines


def test_json_lines(tmp_path):
    lines = [
        {
            "id": "doc-1",
            "title": "标题",
            "date": "2022年10月18日",
            "source": "示例网",
            "url": "https://example.org/1",
            "author": "张三",
            "publisher": "示例社",
            "text": "数据要素。\r\n算力网络。",
            "extra": [1, 2],
        },
        {"id": 42, "text": "人工智能。", "date": "不详"},
        {"text": "数字孪生。", "source": "https://example.org/2 2023-03-09", "title": None},
    ]
    content = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines[:2]) + "\n\n  \n"
    content += json.dumps(lines[2], ensure_ascii=False) + "\n"
    path = write(tmp_path / "news.jsonl", content)
    docs = read_all(path)
    assert docs[0] == Document(
        "数据要素。\n算力网络。",
        id="doc-1",
        title="标题",
        url="https://example.org/1",
        source="示例网",
        date="2022-10-18",
        author="张三",
        publisher="示例社",
        origin=f"{path}:1",
    )
    assert (docs[1].id, docs[1].date, docs[1].origin) == ("42", None, f"{path}:2")
    assert docs[2].id == sha16("数字孪生。")
    assert (docs[2].url, docs[2].date, docs[2].title, docs[2].origin) == (
        "https://example.org/2",
        "2023-03-09",
        None,
        f"{path}:5",
    )


def test_ndjson_suffix_and_u2028_inside_strings(tmp_path):
    path = write(tmp_path / "a.ndjson", '{"text": "第一句\u2028第二句"}\n{"text": "第三句"}')
    assert [d.text for d in read_all(path)] == ["第一句\u2028第二句", "第三句"]


def test_json_lines_in_gbk(tmp_path):
    path = write(tmp_path / "a.jsonl", json.dumps({"text": SIMPLIFIED}, ensure_ascii=False).encode("gbk"))
    assert read_all(path)[0].text == SIMPLIFIED


GOOD = json.dumps({"text": "数据。"}, ensure_ascii=False)
JSONL_ERRORS = [
    pytest.param([GOOD] * 16 + ['{"text": "未闭合'], 17, "line 17: not valid JSON: ", id="invalid-json"),
    pytest.param([GOOD, GOOD, '{"title": "无正文"}'], 3, 'line 3: no "text" field', id="no-text"),
    pytest.param([GOOD] * 3 + ['{"text": ["数据"]}'], 4, 'line 4: "text" is not a string but an array', id="text-list"),
    pytest.param(['{"text": null}'], 1, 'line 1: "text" is not a string but null', id="text-null"),
    pytest.param([GOOD, "[1, 2]"], 2, "line 2: not a JSON object but an array", id="array"),
    pytest.param(['"数据"'], 1, "line 1: not a JSON object but a string", id="string"),
    pytest.param([GOOD, '{"text": "  "}'], 2, "line 2: empty: no text", id="empty-text"),
    pytest.param(['{"text": "数据", "id": {"a": 1}}'], 1, 'line 1: "id" is not a string but an object', id="id-object"),
    pytest.param(['{"text": "数据", "title": true}'], 1, 'line 1: "title" is not a string but a boolean', id="bool"),
]


@pytest.mark.parametrize(("lines", "number", "problem"), JSONL_ERRORS)
def test_json_lines_bad_line_raises(tmp_path, lines, number, problem):
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    error = raised(path)
    assert error.problem.startswith(problem), error.problem
    assert str(error).startswith(f"{path}: line {number}: ")


@pytest.mark.parametrize(("lines", "number", "problem"), JSONL_ERRORS)
def test_json_lines_bad_line_is_reported_and_skipped_with_on_skip(tmp_path, lines, number, problem):
    path = write(tmp_path / "a.jsonl", "\n".join([*lines, '{"text": "最后一条。"}']) + "\n")
    skipped: list[InputError] = []
    docs = read_all(path, on_skip=skipped.append)
    assert [d.text for d in docs] == ["数据。"] * (len(lines) - 1) + ["最后一条。"]
    assert [e.problem[: len(problem)] for e in skipped] == [problem]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_json_lines_file(tmp_path, content):
    path = write(tmp_path / "a.jsonl", content)
    assert raised(path, on_skip=lambda e: None).problem == "empty: no text"


def test_binary_json_lines_file(tmp_path):
    path = write(tmp_path / "a.jsonl", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")
    assert raised(path).problem == "binary file, not text"


# --------------------------------------------------------------------------- standard input


def test_stdin_with_header_and_gbk():
    data = f"# title: 标准输入\r\n{SIMPLIFIED}\r\n".encode("gbk")
    [doc] = read_all("-", stdin=io.BytesIO(data))
    assert (doc.id, doc.title, doc.text, doc.origin) == (sha16(SIMPLIFIED), "标准输入", SIMPLIFIED, "-")


def test_stdin_is_not_markdown():
    [doc] = read_all("-", stdin=io.BytesIO("**数据**".encode()))
    assert doc.text == "**数据**"


def test_stdin_between_files(tmp_path):
    a = write(tmp_path / "a.txt", "甲。")
    b = write(tmp_path / "b.txt", "乙。")
    docs = read_all(a, "-", b, stdin=io.BytesIO("丙。".encode()))
    assert [d.text for d in docs] == ["甲。", "丙。", "乙。"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty: no text"), (b"\x00\x01\x02\x03\x04\x05", "binary file, not text")],
)
def test_stdin_errors(data, problem):
    error = raised("-", stdin=io.BytesIO(data))
    assert str(error) == f"<stdin>: {problem}"


def test_stdin_given_twice():
    error = raised("-", "-", stdin=io.BytesIO("数据。".encode()))
    assert error.problem == "standard input given more than once"


# --------------------------------------------------------------------------- scale


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_ten_megabytes_without_a_line_break(tmp_path, suffix):
    unit = "数字经济是发展的新引擎，*算力*是[新的](x)生产力_与_<b>数据</b>；"
    data = (unit * (10_000_000 // len(unit.encode()) + 1)).encode()[:10_000_000]
    data = data.decode("utf-8", "ignore").encode()  # whole characters only
    path = write(tmp_path / f"big{suffix}", data)
    start = time.perf_counter()
    [doc] = read_all(path)
    elapsed = time.perf_counter() - start
    assert "\n" not in doc.text
    assert len(doc.text) > 2_500_000  # 3.3 M characters, less the markup
    assert elapsed < 15, f"{elapsed:.1f} s for 10 MB"


def test_pathological_markdown_stays_linear():
    line = "*[<_`~(" * 150_000  # openers that never close
    start = time.perf_counter()
    assert len(strip_markdown(line)) >= len(line) - 150_000
    assert time.perf_counter() - start < 10


def test_ten_megabytes_of_gb18030(tmp_path):
    data = (SIMPLIFIED * 110_000).encode("gb18030")
    path = write(tmp_path / "big.txt", data)
    assert read_all(path)[0].text == SIMPLIFIED * 110_000


# --------------------------------------------------------------------------- the real corpus


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS}")
def test_real_corpus():
    articles = read_all(CORPUS / "articles")
    assert len(articles) == 5
    for doc in articles:
        assert doc.title and doc.source, doc.id
        assert doc.url and doc.url.startswith(("http://", "https://")), doc.id
        assert not doc.text.startswith("# "), doc.id
    by_id = {doc.id: doc for doc in articles}
    assert by_id["unity_metaverse_2022"].date == "2022-12-29"

    [seed] = read_all(CORPUS / "seed" / "000_427787186f189a45.txt")
    assert seed.id == "000_427787186f189a45" and seed.text

    news = read_all(CORPUS / "domain" / "news-2022-2024.jsonl")
    assert len(news) == 978
    assert len({doc.id for doc in news}) == 978 and all(doc.id for doc in news)
    assert all(doc.text.strip() for doc in news)
