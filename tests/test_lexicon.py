"""The lexicon API (``kg.lexicon``): match keys, lookup, jieba words, loading and its errors.

The data in ``ontology/lexicon.ttl`` is checked by ``test_lexicon_data.py``;
here the code that reads it, with small lexicons written for each test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

import kg
from kg.errors import KGError, LexiconError
from kg.lexicon import Entry, Lexicon, load_lexicon, match_key
from kg.rdf.lexicon import parse_lexicon
from kg.rdf.vocab import KGO

PREFIXES = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kgo:  <https://w3id.org/zhkg/ontology#> .
@prefix ex:   <https://example.org/lex/> .
"""

# (id, label, match key)
MATCH_KEYS: list[tuple[str, str, str]] = [
    ("simplified_unchanged", "数字经济", "数字经济"),
    ("traditional_to_simplified", "數字經濟", "数字经济"),
    ("traditional_org_name", "天娛數科", "天娱数科"),
    ("latin_lower_cased", "ChatGPT", "chatgpt"),
    ("mixed_case", "IPv6", "ipv6"),
    ("full_width_latin", "ＣｈａｔＧＰＴ", "chatgpt"),
    ("full_width_digits", "５Ｇ", "5g"),
    ("spaces_removed", "Chat GPT", "chatgpt"),
    ("ideographic_space_removed", "数字　经济", "数字经济"),
    ("full_width_and_space", "Ｃｈａｔ GPT", "chatgpt"),
    ("nfc", "Caf\u0065\u0301", "caf\u00e9"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("label", "key"), [c[1:] for c in MATCH_KEYS], ids=[c[0] for c in MATCH_KEYS])
def test_match_key(label: str, key: str) -> None:
    assert match_key(label) == key


@pytest.mark.parametrize(("a", "b"), [("算力", "算法"), ("数字经济", "数字产业化"), ("5G", "5.5G"), ("AI", "AIGC")])
def test_match_key_keeps_different_labels_apart(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def small_lexicon() -> Lexicon:
    lex = Lexicon()
    lex.add(Entry("人工智能", "Technology", ("AI", "人工智慧", "Artificial Intelligence")))
    lex.add(Entry("ChatGPT", "Product", ()))
    lex.add(Entry("天娱数科", "Organization", ("天娛數科",)))
    lex.add(Entry("数字孪生", "Technology", ("數位孿生", "Digital Twin"), tag="nz", freq=5000))
    return lex


# (surface, canonical key or None)
LOOKUPS: list[tuple[str, str | None]] = [
    ("人工智能", "人工智能"),
    ("人工智慧", "人工智能"),
    ("AI", "人工智能"),
    ("ai", "人工智能"),
    ("ＡＩ", "人工智能"),
    ("artificial intelligence", "人工智能"),
    ("Chat GPT", "ChatGPT"),
    ("CHATGPT", "ChatGPT"),
    ("天娛數科", "天娱数科"),
    ("數位孿生", "数字孪生"),
    ("digital twin", "数字孪生"),
    # negative: a part or an extension of a label is not the label
    ("人工", None),
    ("人工智能技术", None),
    ("GPT", None),
    ("", None),
]


@pytest.mark.parametrize(("surface", "key"), LOOKUPS)
def test_lookup(surface: str, key: str | None) -> None:
    entry = small_lexicon().lookup(surface)
    assert (entry.key if entry else None) == key


def test_lookup_gives_the_class() -> None:
    lex = small_lexicon()
    assert [lex.lookup(s).cls for s in ("AI", "ChatGPT", "天娛數科")] == ["Technology", "Product", "Organization"]


def test_add_later_entry_takes_over_a_shared_label() -> None:
    lex = Lexicon()
    lex.add(Entry("数据", "Concept", ("data",)))
    lex.add(Entry("数据要素", "Concept", ("data",)))
    assert lex.lookup("data").key == "数据要素"
    assert lex.lookup("数据").key == "数据"
    lex.add(Entry("数据", "Technology", ()))
    assert lex.lookup("数据").cls == "Technology"


def test_jieba_words() -> None:
    words = {w: (freq, tag) for w, freq, tag in small_lexicon().jieba_words()}
    assert words == {
        "人工智能": (None, "n"),  # Technology's default tag
        "人工智慧": (None, "n"),
        "天娱数科": (None, "nt"),  # the traditional alt label becomes the simplified word, once
        "数字孪生": (5000, "nz"),  # the lexicon's own tag and frequency
        "数位孪生": (5000, "nz"),
    }


def test_built_in_jieba_words_have_no_latin_words_and_no_spaces() -> None:
    words = [w for w, _, _ in load_lexicon().jieba_words()]
    assert len(words) > 500
    assert not [w for w in words if w.isascii()], "Latin words would split longer Latin words"
    assert not [w for w in words if re.search(r"\s", w)], "jieba cannot hold a word with spaces"
    assert words == sorted(set(words))


# --------------------------------------------------------------------------- files


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


def test_extra_lexicon_overrides_a_class_and_adds_terms(tmp_path: Path) -> None:
    assert load_lexicon().lookup("算力").cls == "Concept"
    extra = write(tmp_path, "extra.ttl", """
ex:compute a skos:Concept ; skos:prefLabel "算力"@zh-Hans ; kgo:entityClass kgo:Technology .
ex:lake a skos:Concept ; skos:prefLabel "湖仓一体"@zh-Hans ; skos:altLabel "Lakehouse" ;
    kgo:entityClass kgo:Technology .
""")
    lex = load_lexicon([extra])
    assert lex.lookup("算力").cls == "Technology"
    assert lex.lookup("lakehouse").key == "湖仓一体"
    assert lex.lookup("數字經濟").key == "数字经济"  # the built-in terms are still there
    assert load_lexicon().lookup("算力").cls == "Concept"  # and the built-in lexicon is unchanged


def test_extra_lexicon_class_reaches_the_graph(tmp_path: Path) -> None:
    extra = write(tmp_path, "extra.ttl", """
ex:compute a skos:Concept ; skos:prefLabel "算力"@zh-Hans ; kgo:entityClass kgo:Technology .
""")
    node = URIRef("https://w3id.org/zhkg/resource/算力")
    text = ["人工智能的发展离不开算力。算力是数字经济的底座。"]
    assert (node, RDF.type, KGO.Concept) in kg.build(text)
    graph = kg.build(text, lexicons=[str(extra)])
    assert set(graph.objects(node, RDF.type)) == {KGO.Technology}
    assert set(graph.objects(node, SKOS.prefLabel)) == {Literal("算力", lang="zh-Hans")}


# (id, file body or None for a missing file, words the message must contain)
BAD_LEXICONS: list[tuple[str, str | None, list[str]]] = [
    ("missing_file", None, ["no such lexicon file"]),
    ("bad_turtle", 'ex:a a skos:Concept ; skos:prefLabel "算力"@zh-Hans ; kgo:entityClass kgo:Concept\n',
     ["not valid Turtle"]),
    ("two_classes", 'ex:a a skos:Concept ; skos:prefLabel "算力"@zh-Hans ;'
     " kgo:entityClass kgo:Concept , kgo:Technology .\n", ["exactly one kgo:entityClass", "has 2"]),
    ("no_class", 'ex:a a skos:Concept ; skos:prefLabel "算力"@zh-Hans .\n', ["exactly one kgo:entityClass", "has 0"]),
    ("no_pref_label", 'ex:a a skos:Concept ; skos:altLabel "算力"@zh-Hans ; kgo:entityClass kgo:Concept .\n',
     ["skos:prefLabel", "https://example.org/lex/a"]),
    ("english_pref_label_only", 'ex:a a skos:Concept ; skos:prefLabel "compute"@en ; kgo:entityClass kgo:Concept .\n',
     ["zh-Hans", "skos:prefLabel"]),
    ("unknown_class", 'ex:a a skos:Concept ; skos:prefLabel "算力"@zh-Hans ; kgo:entityClass kgo:Statistic .\n',
     ["kgo:entityClass", "Statistic", "kgo:Concept"]),
]


@pytest.mark.parametrize(("body", "words"), [c[1:] for c in BAD_LEXICONS], ids=[c[0] for c in BAD_LEXICONS])
def test_lexicon_errors(tmp_path: Path, body: str | None, words: list[str]) -> None:
    path = tmp_path / "missing.ttl" if body is None else write(tmp_path, "bad.ttl", body)
    with pytest.raises(LexiconError) as info:
        load_lexicon([path])
    message = str(info.value)
    assert isinstance(info.value, KGError)
    assert "\n" not in message, "the CLI prints the message on one line"
    assert str(path) in message, "the message names the file"
    for word in words:
        assert word in message


def test_bad_turtle_message_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.ttl", 'ex:a a skos:Concept ;\n  skos:prefLabel "算力 ;\n')
    with pytest.raises(LexiconError, match=r"line"):
        parse_lexicon(path)


def test_parse_lexicon_reads_every_field(tmp_path: Path) -> None:
    path = write(tmp_path, "one.ttl", """
ex:a a skos:Concept ; skos:prefLabel "数字孪生"@zh-Hans , "digital twin"@en ;
    skos:altLabel "數位孿生"@zh-Hant , "DT" ; kgo:entityClass kgo:Technology ;
    kgo:jiebaTag "nz" ; kgo:jiebaFreq 3000 .
""")
    (entry,) = parse_lexicon(path)
    assert (entry.key, entry.cls, entry.tag, entry.freq, entry.english) == (
        "数字孪生", "Technology", "nz", 3000, "digital twin")
    assert set(entry.labels) == {"數位孿生", "DT", "digital twin"}
