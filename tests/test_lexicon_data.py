"""The domain lexicon (ontology/lexicon.ttl) as data: format invariants and spot checks.

The lexicon is a SKOS concept scheme that entity lookup and the jieba user dictionary
are built from, so its rules are checked here on the data itself, independently of the
code that reads it: one canonical simplified label per concept, one entity class, IRIs
derived from the label, no surface form shared between two concepts once normalised the
way lookup normalises (NFC, half-width, no white space, OpenCC t2s, Latin lower-cased),
and no altLabel that is merely the traditional-script spelling of its own prefLabel.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import opencc
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.resources import ontology_file

KGO = Namespace("https://w3id.org/zhkg/ontology#")
KGL = "https://w3id.org/zhkg/lexicon/"
CLASSES = ("Concept", "Technology", "Sector", "Product", "Organization", "Person", "Place")
JIEBA_TAGS = {"n", "nz", "nt", "ns", "nr", "eng", "vn", "l", "j"}
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
#: characters standard in simplified brand names although t2s maps them (昇腾 -> 升腾)
SIMPLIFIED_OK = frozenset("昇")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    return _t2s().convert(text)


def is_simplified(text: str) -> bool:
    converted = t2s(text)
    if converted == text:
        return True
    return len(converted) == len(text) and all(
        a == b or a in SIMPLIFIED_OK for a, b in zip(text, converted, strict=True)
    )


def key(label: str) -> str:
    """How lookup compares labels: NFC, half-width, no white space, t2s, lower case."""
    text = unicodedata.normalize("NFC", label).replace("\u3000", " ")
    text = "".join(unicodedata.normalize("NFKC", c) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    return t2s("".join(text.split())).lower()


def _iunreserved(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "-._~"
    o = ord(ch)
    if 0xA0 <= o <= 0xD7FF or 0xF900 <= o <= 0xFDCF or 0xFDF0 <= o <= 0xFFEF:
        return True
    return 0x10000 <= o <= 0xEFFFD and (o & 0xFFFF) <= 0xFFFD and not 0xE0000 <= o <= 0xE0FFF


def expected_iri(label: str) -> str:
    """kgl: + the label without white space, non-iunreserved characters percent-encoded."""
    compact = "".join(unicodedata.normalize("NFC", label).split())
    return KGL + "".join(c if _iunreserved(c) else quote(c, safe="") for c in compact)


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    prefs: tuple[Literal, ...]
    alts: tuple[Literal, ...]
    classes: tuple[URIRef, ...]

    @property
    def canonical(self) -> list[Literal]:
        return [p for p in self.prefs if p.language is None or p.language.lower() == "zh-hans"]

    @property
    def label(self) -> str:
        return str(self.canonical[0])

    @property
    def english(self) -> list[Literal]:
        return [p for p in self.prefs if p.language and p.language.lower() == "en"]


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    g.parse(ontology_file("lexicon.ttl"), format="turtle")
    return g


@pytest.fixture(scope="module")
def concepts(graph: Graph) -> list[Concept]:
    out = []
    for s in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
        assert isinstance(s, URIRef), f"blank node concept {s}"
        out.append(
            Concept(
                iri=s,
                prefs=tuple(sorted(o for o in graph.objects(s, SKOS.prefLabel) if isinstance(o, Literal))),
                alts=tuple(sorted(o for o in graph.objects(s, SKOS.altLabel) if isinstance(o, Literal))),
                classes=tuple(sorted(o for o in graph.objects(s, KGO.entityClass) if isinstance(o, URIRef))),
            )
        )
    return out


@pytest.fixture(scope="module")
def index(concepts: list[Concept]) -> dict[str, Concept]:
    """Normalised surface form -> concept, over canonical, English and alternative labels."""
    return {key(str(lit)): c for c in concepts for lit in (*c.prefs, *c.alts)}


def _by_label(concepts: list[Concept]) -> dict[str, Concept]:
    return {c.label: c for c in concepts if c.canonical}


# --- the file as a whole ----------------------------------------------------------------


def test_parses_as_a_skos_scheme_without_blank_nodes(graph: Graph) -> None:
    scheme = URIRef(KGL + "scheme")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert {str(o) for o in graph.objects(scheme, SKOS.prefLabel)} >= {"zhkg 领域词表", "zhkg domain lexicon"}
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


def test_has_at_least_800_concepts_of_every_class(concepts: list[Concept]) -> None:
    assert len(concepts) >= 800
    counts = defaultdict(int)
    for c in concepts:
        for cls in c.classes:
            counts[str(cls).removeprefix(str(KGO))] += 1
    # people are a short list of public figures; every class of domain terms is broad
    assert all(counts[cls] >= 50 for cls in CLASSES if cls != "Person"), dict(counts)
    assert counts["Person"] >= 10, dict(counts)


def test_every_concept_is_in_the_scheme(graph: Graph, concepts: list[Concept]) -> None:
    scheme = URIRef(KGL + "scheme")
    assert [c.iri for c in concepts if (c.iri, SKOS.inScheme, scheme) not in graph] == []


# --- one concept at a time --------------------------------------------------------------


def test_one_canonical_preflabel(concepts: list[Concept]) -> None:
    """Exactly one @zh-Hans (Chinese) or untagged (Latin-only) prefLabel, at most one @en, nothing else."""
    bad = []
    for c in concepts:
        canonical, english = c.canonical, c.english
        others = [p for p in c.prefs if p not in canonical and p not in english]
        if len(canonical) != 1 or len(english) > 1 or others:
            bad.append((c.iri, c.prefs))
            continue
        pref = canonical[0]
        if (pref.language is None) == bool(HAN.search(str(pref))):
            bad.append((c.iri, "Chinese prefLabels are @zh-Hans, Latin-only ones untagged", pref))
        if not str(pref).strip() or str(pref) != str(pref).strip():
            bad.append((c.iri, "empty or padded prefLabel", pref))
    assert bad == []


def test_canonical_labels_are_simplified(concepts: list[Concept]) -> None:
    labels = [str(lit) for c in concepts for lit in (*c.canonical, *c.alts) if lit.language == "zh-Hans"]
    assert [s for s in labels if not is_simplified(s)] == []


def test_exactly_one_entity_class_among_the_seven(concepts: list[Concept]) -> None:
    allowed = {KGO[name] for name in CLASSES}
    assert [
        (c.label, c.classes) for c in concepts if len(c.classes) != 1 or c.classes[0] not in allowed
    ] == []


def test_iri_is_derived_from_the_canonical_label(concepts: list[Concept]) -> None:
    assert [
        (str(c.iri), expected_iri(c.label)) for c in concepts if str(c.iri) != expected_iri(c.label)
    ] == []


def test_altlabel_language_tags(concepts: list[Concept]) -> None:
    """Chinese altLabels carry @zh-Hans or @zh-Hant; abbreviations and English names carry none."""
    bad = []
    for c in concepts:
        for alt in c.alts:
            chinese = bool(HAN.search(str(alt)))
            if chinese and alt.language not in ("zh-Hans", "zh-Hant"):
                bad.append((c.label, alt))
            if not chinese and alt.language is not None:
                bad.append((c.label, alt))
    assert bad == []


def test_no_altlabel_is_just_the_traditional_form_of_its_preflabel(concepts: list[Concept]) -> None:
    """Lookup converts text with t2s, so 數字經濟 finds 数字经济 without being listed."""
    assert [(c.label, str(a)) for c in concepts for a in c.alts if t2s(str(a)) == c.label] == []


def test_no_redundant_labels_within_a_concept(concepts: list[Concept]) -> None:
    bad = []
    for c in concepts:
        seen: dict[str, str] = {}
        for lit in (*c.canonical, *c.alts):
            k = key(str(lit))
            if k in seen:
                bad.append((c.label, seen[k], str(lit)))
            seen[k] = str(lit)
    assert bad == []


def test_no_label_names_two_concepts(concepts: list[Concept]) -> None:
    """No altLabel is shared, nor equal to another concept's prefLabel (after t2s and lower-casing)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for c in concepts:
        for lit in (*c.prefs, *c.alts):
            owners[key(str(lit))].add(c.label)
    assert {k: sorted(v) for k, v in owners.items() if len(v) > 1} == {}


def test_broader_points_at_other_concepts(graph: Graph, concepts: list[Concept]) -> None:
    iris = {c.iri for c in concepts}
    links = [(s, o) for s, o in graph.subject_objects(SKOS.broader)]
    assert links, "some skos:broader links are expected (大模型 broader 人工智能)"
    assert [(s, o) for s, o in links if o not in iris or o == s] == []


def test_jieba_annotations(graph: Graph, concepts: list[Concept]) -> None:
    bad = []
    for c in concepts:
        tags = list(graph.objects(c.iri, KGO.jiebaTag))
        freqs = list(graph.objects(c.iri, KGO.jiebaFreq))
        if len(tags) > 1 or any(str(t) not in JIEBA_TAGS for t in tags):
            bad.append((c.label, tags))
        if len(freqs) > 1 or any(
            not isinstance(f, Literal) or not isinstance(f.toPython(), int) for f in freqs
        ):
            bad.append((c.label, freqs))
        elif freqs and freqs[0].toPython() <= 0:
            bad.append((c.label, freqs))
    assert bad == []


def test_entries_sit_sorted_under_a_section_of_their_class(concepts: list[Concept]) -> None:
    """The layout the maintenance script (scripts/lexicon_check.py --format) keeps."""
    cls_of = {str(c.iri): str(c.classes[0]).removeprefix(str(KGO)) for c in concepts}
    label_of = {str(c.iri): c.label for c in concepts}
    section: tuple[str, str] | None = None
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    misplaced = []
    for line in ontology_file("lexicon.ttl").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^# --- (\w+): (.+?) ---$", line):
            section = (m.group(1), m.group(2))
        elif m := re.match(r"^<(https://w3id\.org/zhkg/lexicon/[^>]*)>", line):
            iri = m.group(1)
            if section is None or section[0] != cls_of[iri]:
                misplaced.append((label_of[iri], section))
            else:
                members[section].append(label_of[iri])
    assert misplaced == []
    assert sum(map(len, members.values())) == len(concepts)
    unsorted = [
        s for s, labels in members.items() if labels != sorted(labels, key=lambda x: (x.casefold(), x))
    ]
    assert unsorted == []


# --- spot checks ------------------------------------------------------------------------

LOOKUPS = [
    # surface form met in text, canonical label, class
    ("数字经济", "数字经济", "Concept"),
    ("數位經濟", "数字经济", "Concept"),  # Taiwan wording
    ("數碼經濟", "数字经济", "Concept"),  # Hong Kong wording
    ("數字經濟", "数字经济", "Concept"),  # plain traditional script, found through t2s
    ("AI", "人工智能", "Technology"),
    ("ai", "人工智能", "Technology"),
    ("人工智慧", "人工智能", "Technology"),
    ("5G", "5G", "Technology"),
    ("6G", "6G", "Technology"),
    ("IPv6", "IPv6", "Technology"),
    ("Wi-Fi7", "Wi-Fi 7", "Technology"),
    ("数字双生", "数字孪生", "Technology"),
    ("大规模预训练模型", "大规模预训练模型", "Technology"),
    ("人工智能大模型", "大模型", "Technology"),
    ("雲端運算", "云计算", "Technology"),
    ("晶片", "芯片", "Technology"),
    ("演算法", "算法", "Concept"),
    ("資料中心", "数据中心", "Technology"),
    ("SaaS服务", "SaaS", "Technology"),
    ("工业4.0", "工业4.0", "Concept"),
    ("工业 4.0", "工业4.0", "Concept"),
    ("工业互联网", "工业互联网", "Technology"),
    ("预测性维护", "预测性维护", "Sector"),
    ("公路货运", "公路货运", "Sector"),
    ("直播电商", "电商直播", "Sector"),
    ("中小微企业", "中小微企业", "Sector"),
    ("ChatGPT", "ChatGPT", "Product"),
    ("ImageNet", "ImageNet", "Product"),
    ("data.gov", "data.gov", "Product"),
    ("HarmonyOS", "鸿蒙", "Product"),
    ("工信部", "工业和信息化部", "Organization"),
    ("國家發改委", "国家发展改革委", "Organization"),
    ("360", "360集团", "Organization"),
    ("Microsoft", "微软", "Organization"),
    ("Open AI", "OpenAI", "Organization"),
    ("BOSCH", "博世", "Organization"),
    ("中国人民政治协商会议全国委员会", "全国政协", "Organization"),
    ("欧盟", "欧盟", "Organization"),
    ("山西", "山西", "Place"),
    ("山西省", "山西", "Place"),
    ("大湾区", "粤港澳大湾区", "Place"),
]


@pytest.mark.parametrize(("surface", "label", "cls"), LOOKUPS)
def test_lookup(index: dict[str, Concept], surface: str, label: str, cls: str) -> None:
    concept = index.get(key(surface))
    assert concept is not None, f"{surface!r} names no concept"
    assert (concept.label, concept.classes[0]) == (label, KGO[cls])


DISTINCT = [
    # names that differ in digits or a qualifier stay apart
    ("5G", "6G"),
    ("5G", "5G-A"),
    ("IPv6", "IPv6+"),
    ("工业4.0", "工业互联网"),
    ("中小企业", "中小微企业"),
    ("西门子", "西门子能源"),
    ("GPT-4", "GPT-4o"),
    ("数字产业化", "产业数字化"),
    ("网络安全", "信息安全"),
    ("全国人大", "全国人大常委会"),
]


@pytest.mark.parametrize(("a", "b"), DISTINCT)
def test_distinct(index: dict[str, Concept], a: str, b: str) -> None:
    assert a in _by_label(list(index.values())) and b in _by_label(list(index.values()))
    assert index[key(a)].iri != index[key(b)].iri


#: generic words that would flood a graph with noise: never lexicon entries
GENERIC = "发展 技术 平台 企业 数字 网络 系统 问题 能力 服务 安全 模型 智能 信息".split()


@pytest.mark.parametrize("word", GENERIC)
def test_generic_words_are_not_entries(index: dict[str, Concept], word: str) -> None:
    assert key(word) not in index


def test_broader_examples(graph: Graph) -> None:
    def iri(label: str) -> URIRef:
        return URIRef(expected_iri(label))

    assert (iri("大模型"), SKOS.broader, iri("人工智能")) in graph
    assert (iri("虚拟数字人"), SKOS.broader, iri("数字人")) in graph
