#!/usr/bin/env python3
"""Lint (and optionally re-format) zhkg's domain lexicon, ``ontology/lexicon.ttl``.

    python scripts/lexicon_check.py                  # lint the built-in lexicon, print counts
    python scripts/lexicon_check.py FILE.ttl         # lint another lexicon file
    python scripts/lexicon_check.py --format         # rewrite it in canonical layout, then lint

Checks, each reported as one line (exit status 1 when any fails):

- every ``skos:Concept`` is in ``kgl:scheme``, has one canonical ``skos:prefLabel``
  (``@zh-Hans`` with Chinese text, or untagged Latin), at most one ``@en`` prefLabel,
  exactly one ``kgo:entityClass`` among the six lexicon classes, a known jieba tag;
- its IRI is ``kgl:`` + the canonical label with white space removed and every
  character outside RFC 3987 ``iunreserved`` percent-encoded;
- ``@zh-Hans`` labels are simplified (OpenCC t2s leaves them unchanged); an altLabel
  is not a form t2s turns back into its own prefLabel (that conversion is automatic);
- no label (canonical, ``@en`` or alt) names two concepts, compared as entity lookup
  compares them: NFC, half-width, no white space, t2s, Latin lower-cased;
- ``skos:broader`` points at a concept of the lexicon;
- entries sit under a ``# --- Class: section ---`` comment of their own class, sorted
  by label within the section.

``--format`` rewrites the file from the parsed graph, keeping each entry's section
(sections ordered by class, then as they first appear), so hand edits can be made
anywhere in a section and normalised afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

KGO = "https://w3id.org/zhkg/ontology#"
KGL = "https://w3id.org/zhkg/lexicon/"
CLASSES = ("Concept", "Technology", "Sector", "Product", "Organization", "Person", "Place")
DEFAULT_TAG = {
    "Concept": "n",
    "Technology": "n",
    "Sector": "n",
    "Product": "nz",
    "Organization": "nt",
    "Place": "ns",
}
JIEBA_TAGS = frozenset({"n", "nz", "nt", "ns", "nr", "eng", "vn", "l", "j"})
HEADER = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kgo:  <https://w3id.org/zhkg/ontology#> .
@prefix kgl:  <https://w3id.org/zhkg/lexicon/> .

# zhkg domain lexicon: the one source of truth for dictionary entity lookup and for
# zhkg's jieba user dictionary. Data, not code: one skos:Concept per entity, with its
# canonical simplified label (or untagged Latin name), other surface forms as altLabels
# (Taiwan/Hong Kong wording @zh-Hant, abbreviations and English names untagged,
# simplified synonyms @zh-Hans), its entity class and jieba POS tag.
# Plain traditional-script forms are not listed: lookup converts text with OpenCC t2s.
# Lint and re-format with: python scripts/lexicon_check.py [--format]

kgl:scheme a skos:ConceptScheme ;
    skos:prefLabel "zhkg 领域词表"@zh-Hans , "zhkg domain lexicon"@en .
"""
SECTION_RE = re.compile(r"^# --- (\w+): (.+?) ---\s*$")
SUBJECT_RE = re.compile(r"^<(" + re.escape(KGL) + r"[^>]*)>")
HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _iunreserved(ch: str) -> bool:
    """RFC 3987 ``iunreserved``: ASCII letters, digits, ``-._~`` and the ``ucschar`` ranges."""
    if ch.isascii():
        return ch.isalnum() or ch in "-._~"
    o = ord(ch)
    if 0xA0 <= o <= 0xD7FF or 0xF900 <= o <= 0xFDCF or 0xFDF0 <= o <= 0xFFEF:
        return True
    return 0x10000 <= o <= 0xEFFFD and (o & 0xFFFF) <= 0xFFFD and not 0xE0000 <= o <= 0xE0FFF


def lexicon_iri(label: str) -> str:
    """The IRI of the lexicon entry whose canonical label is ``label``.

    >>> lexicon_iri("数字经济")
    'https://w3id.org/zhkg/lexicon/数字经济'
    >>> lexicon_iri("Wi-Fi 7"), lexicon_iri("IPv6+")
    ('https://w3id.org/zhkg/lexicon/Wi-Fi7', 'https://w3id.org/zhkg/lexicon/IPv6%2B')
    """
    key = "".join(unicodedata.normalize("NFC", label).split())
    return KGL + "".join(ch if _iunreserved(ch) else quote(ch, safe="") for ch in key)


_T2S = None


def t2s(text: str) -> str:
    """OpenCC ``t2s`` (traditional -> simplified, character by character and phrase)."""
    global _T2S
    if _T2S is None:
        import opencc

        _T2S = opencc.OpenCC("t2s")
    return _T2S.convert(text) if HAN_RE.search(text) else text


#: characters that are standard in simplified brand names although t2s maps them (昇腾 -> 升腾)
SIMPLIFIED_OK = frozenset("昇")


def is_simplified(text: str) -> bool:
    """Whether ``text`` is in simplified script: t2s leaves it alone but for :data:`SIMPLIFIED_OK`.

    >>> is_simplified("数字经济"), is_simplified("數字經濟"), is_simplified("昇腾")
    (True, False, True)
    """
    converted = t2s(text)
    if converted == text:
        return True
    return len(converted) == len(text) and all(
        a == b or a in SIMPLIFIED_OK for a, b in zip(text, converted, strict=True)
    )


def match_key(label: str) -> str:
    """How entity lookup compares labels: NFC, half-width, no white space, t2s, lower case.

    >>> match_key("Chat GPT") == match_key("chatgpt"), match_key("數位經濟")
    (True, '数位经济')
    """
    text = unicodedata.normalize("NFC", label)
    text = "".join(unicodedata.normalize("NFKC", c) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    return t2s("".join(text.split())).lower()


@dataclass
class Entry:
    """One lexicon concept, as parsed or about to be written."""

    label: str  # canonical: @zh-Hans, or untagged when Latin-only
    cls: str
    english: str | None = None
    alts: list[tuple[str, str | None]] = field(default_factory=list)  # (text, language tag or None)
    broader: list[str] = field(default_factory=list)  # canonical labels
    tag: str | None = None
    freq: int | None = None
    section: str = ""
    iri: str = ""

    @property
    def latin(self) -> bool:
        return not HAN_RE.search(self.label)


def _lit(text: str, lang: str | None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"' + (f"@{lang}" if lang else "")


_LANG_ORDER = {None: 0, "zh-Hans": 1, "zh-Hant": 2}


def render_entry(e: Entry) -> str:
    """One entry in the lexicon's Turtle layout."""
    prefs = [_lit(e.label, None if e.latin else "zh-Hans")]
    if e.english and e.english != e.label:
        prefs.append(_lit(e.english, "en"))
    lines = [f"<{lexicon_iri(e.label)}> a skos:Concept ;", "    skos:inScheme kgl:scheme ;"]
    lines.append("    skos:prefLabel " + " , ".join(prefs) + " ;")
    if e.alts:
        alts = sorted(set(e.alts), key=lambda a: (_LANG_ORDER.get(a[1], 3), a[0].casefold(), a[0]))
        lines.append("    skos:altLabel " + " , ".join(_lit(t, lang) for t, lang in alts) + " ;")
    if e.broader:
        lines.append(
            "    skos:broader " + " , ".join(f"<{lexicon_iri(b)}>" for b in sorted(e.broader)) + " ;"
        )
    lines.append(f"    kgo:entityClass kgo:{e.cls} ;")
    tail = [f'kgo:jiebaTag "{e.tag or DEFAULT_TAG[e.cls]}"']
    if e.freq is not None:
        tail.append(f"kgo:jiebaFreq {e.freq}")
    lines.append("    " + " ;\n    ".join(tail) + " .")
    return "\n".join(lines)


def sort_key(e: Entry) -> tuple[str, str]:
    return (e.label.casefold(), e.label)


def render(entries: list[Entry]) -> str:
    """The whole lexicon file: header, then sections ordered by class, entries sorted by label."""
    sections: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        sections.setdefault((e.cls, e.section or "other"), []).append(e)
    order = sorted(sections, key=lambda k: CLASSES.index(k[0]))  # stable: first appearance within a class
    parts = [HEADER]
    for cls, title in order:
        parts.append(f"# --- {cls}: {title} ---\n")
        parts.extend(render_entry(e) + "\n" for e in sorted(sections[(cls, title)], key=sort_key))
    return "\n".join(parts)


def parse(path: Path) -> tuple[Graph, list[Entry], list[str]]:
    """Parse a lexicon file into its graph, entries and the problems found while reading."""
    text = path.read_text(encoding="utf-8")
    graph = Graph()
    graph.parse(data=text, format="turtle")
    problems: list[str] = []
    section_of, order_in_file = _sections(text, problems)
    entries: list[Entry] = []
    pos = {iri: i for i, iri in enumerate(order_in_file)}
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=lambda c: pos.get(str(c), -1)):
        entry = _entry(graph, concept, section_of, problems)
        if entry is not None:
            entries.append(entry)
    return graph, entries, problems


def _sections(text: str, problems: list[str]) -> tuple[dict[str, tuple[str, str]], list[str]]:
    """Each subject's '# --- Class: section ---' and the subjects in file order."""
    section_of: dict[str, tuple[str, str]] = {}
    order_in_file: list[str] = []
    current: tuple[str, str] | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if m := SECTION_RE.match(line):
            current = (m.group(1), m.group(2))
        elif m := SUBJECT_RE.match(line):
            if current is None:
                problems.append(f"line {n}: entry before any '# --- Class: section ---' comment")
            section_of[m.group(1)] = current or ("", "")
            order_in_file.append(m.group(1))
    return section_of, order_in_file


def _pref_labels(graph: Graph, concept: URIRef, problems: list[str]) -> tuple[Literal | None, list[str]]:
    """The canonical prefLabel (None when there is not exactly one usable) and the English ones."""
    iri = str(concept)
    prefs = [o for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)]
    canonical = [o for o in prefs if o.language is None or o.language.lower() == "zh-hans"]
    english = [str(o) for o in prefs if o.language and o.language.lower() == "en"]
    others = [o for o in prefs if o not in canonical and str(o) not in english]
    if len(canonical) != 1 or len(english) > 1 or others:
        problems.append(f"{iri}: needs one zh-Hans or untagged prefLabel and at most one @en, has {prefs}")
    if not canonical:
        return None, english
    label = str(canonical[0])
    if canonical[0].language is None and HAN_RE.search(label):
        problems.append(f"{label}: an untagged prefLabel must be Latin-only; tag Chinese labels @zh-Hans")
    if canonical[0].language is not None and not HAN_RE.search(label):
        problems.append(f"{label}: a Latin-only prefLabel carries no language tag")
    return canonical[0], english


def _jieba_fields(graph: Graph, concept: URIRef, label: str, problems: list[str]) -> tuple[str | None, int | None]:
    tags = [str(o) for o in graph.objects(concept, URIRef(KGO + "jiebaTag"))]
    freqs = list(graph.objects(concept, URIRef(KGO + "jiebaFreq")))
    if len(tags) > 1 or any(t not in JIEBA_TAGS for t in tags):
        problems.append(f"{label}: jiebaTag {tags} is not one jieba POS tag of {sorted(JIEBA_TAGS)}")
    freq = None
    if freqs:
        try:
            freq = int(freqs[0])
        except (TypeError, ValueError):
            freq = None
        if len(freqs) > 1 or freq is None or freq <= 0:
            problems.append(f"{label}: jiebaFreq must be one positive integer, has {freqs}")
    return (tags[0] if tags else None), freq


def _entry(graph: Graph, concept: URIRef, section_of: dict[str, tuple[str, str]],
           problems: list[str]) -> Entry | None:
    """One concept as an Entry, or None where its labels or class are unusable (a problem says why)."""
    iri = str(concept)
    canonical, english = _pref_labels(graph, concept, problems)
    if canonical is None:
        return None
    label = str(canonical)
    classes = [str(o) for o in graph.objects(concept, URIRef(KGO + "entityClass"))]
    names = [c.removeprefix(KGO) for c in classes]
    if len(names) != 1 or names[0] not in CLASSES or not classes[0].startswith(KGO):
        problems.append(f"{label}: needs exactly one kgo:entityClass among {', '.join(CLASSES)}, has {classes}")
        return None
    if (concept, SKOS.inScheme, URIRef(KGL + "scheme")) not in graph:
        problems.append(f"{label}: missing skos:inScheme kgl:scheme")
    tag, freq = _jieba_fields(graph, concept, label, problems)
    alts = [(str(o), o.language) for o in graph.objects(concept, SKOS.altLabel) if isinstance(o, Literal)]
    broader = [str(o) for o in graph.objects(concept, SKOS.broader)]
    sec_cls, sec_title = section_of.get(iri, ("", ""))
    if sec_cls and sec_cls != names[0]:
        problems.append(f"{label}: is a {names[0]} under a '# --- {sec_cls}: {sec_title} ---' section")
    return Entry(
        label=label,
        cls=names[0],
        english=english[0] if english else None,
        alts=[(t, _canonical_lang(lang)) for t, lang in alts],
        broader=broader,  # IRIs for now; resolved to labels by lint()
        tag=tag,
        freq=freq,
        section=sec_title,
        iri=iri,
    )


def _canonical_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    return {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}.get(lang.lower(), lang)


def _alt_problems(e: Entry) -> list[str]:
    """Problems with one entry's altLabels: tags that do not fit the script, and duplicates."""
    problems: list[str] = []
    own: dict[str, str] = {match_key(e.label): e.label}
    for text, lang in e.alts:
        if lang not in (None, "zh-Hans", "zh-Hant"):
            problems.append(f"{e.label}: altLabel {text!r}@{lang}: use @zh-Hans, @zh-Hant or no tag")
        if lang is None and HAN_RE.search(text):
            problems.append(f"{e.label}: altLabel {text!r} is Chinese: tag it @zh-Hans or @zh-Hant")
        if lang is not None and not HAN_RE.search(text):
            problems.append(f"{e.label}: altLabel {text!r}@{lang} is Latin-only: give it no tag")
        if lang == "zh-Hans" and not is_simplified(text):
            problems.append(f"{e.label}: altLabel {text!r}@zh-Hans has traditional characters")
        if lang == "zh-Hant" and t2s(text) == e.label:
            problems.append(f"{e.label}: altLabel {text!r} is just its traditional form (t2s is automatic)")
        k = match_key(text)
        if k in own:
            problems.append(f"{e.label}: altLabel {text!r} duplicates {own[k]!r} once normalised")
        own[k] = text
    return problems


def lint(entries: list[Entry]) -> list[str]:
    """Problems with a list of parsed entries (broader still as IRIs)."""
    problems: list[str] = []
    by_iri = {e.iri: e for e in entries}
    owner: dict[str, list[tuple[str, str]]] = defaultdict(list)  # match key -> [(entry label, form)]
    for e in entries:
        if e.iri != lexicon_iri(e.label):
            problems.append(f"{e.label}: IRI <{e.iri}> should be <{lexicon_iri(e.label)}>")
        if not e.latin and not is_simplified(e.label):
            problems.append(f"{e.label}: prefLabel is not simplified (t2s gives {t2s(e.label)})")
        for b in e.broader:
            if b not in by_iri:
                problems.append(f"{e.label}: skos:broader <{b}> is not a concept of the lexicon")
            elif b == e.iri:
                problems.append(f"{e.label}: skos:broader points at itself")
        problems.extend(_alt_problems(e))
        forms = [e.label, *(t for t, _ in e.alts)]
        if e.english:
            forms.append(e.english)
        for form in dict.fromkeys(match_key(f) for f in forms):
            owner[form].append((e.label, form))
    for key, names in sorted(owner.items()):
        labels = sorted({n for n, _ in names})
        if len(labels) > 1:
            problems.append(f"label {key!r} names {len(labels)} concepts: {', '.join(labels)}")
    iris = Counter(e.iri for e in entries)
    problems.extend(f"IRI <{i}> is used by {n} concepts" for i, n in iris.items() if n > 1)
    sections: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        sections[(e.cls, e.section)].append(e)
    for (cls, title), members in sections.items():
        if [m.label for m in members] != [m.label for m in sorted(members, key=sort_key)]:
            problems.append(f"section '{cls}: {title}' is not sorted by label (run with --format)")
    return problems


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def default_path() -> Path:
    here = Path(__file__).resolve().parent.parent
    return here / "ontology" / "lexicon.ttl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "file", nargs="?", type=Path, default=None, help="lexicon Turtle (default: ontology/lexicon.ttl)"
    )
    parser.add_argument("--format", action="store_true", help="rewrite the file in canonical layout first")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    path: Path = args.file or default_path()
    try:
        _, entries, problems = parse(path)
    except (OSError, SyntaxError, ValueError) as e:
        print(f"{path}: cannot read: {e}", file=sys.stderr)
        return 1
    label_of = {e.iri: e.label for e in entries}
    if args.format:
        for e in entries:
            e.broader = [label_of.get(b, b.removeprefix(KGL)) for b in e.broader]
        _write_atomic(path, render(entries))
        _, entries, problems = parse(path)
    problems += lint(entries)
    for p in problems:
        print(p, file=sys.stderr)
    if not args.quiet:
        counts = Counter(e.cls for e in entries)
        alts = sum(len(e.alts) for e in entries)
        print(f"{path}: {len(entries)} concepts, {alts} altLabels")
        for cls in CLASSES:
            print(f"  {cls:<13}{counts.get(cls, 0):>5}")
        print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
