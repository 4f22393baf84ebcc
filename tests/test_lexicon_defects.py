"""Red-team defects of ``--lexicon`` files (``kg.lexicon``), each reproduced with the real CLI.

A lexicon with no usable SKOS concept is an error naming the file (one line,
non-zero exit); a concept whose prefLabel is empty or blank is skipped with a
warning naming the file and the concept IRI, and the rest of the file is used.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import LexiconError
from kg.lexicon import LexiconWarning
from kg.rdf.iri import entity_iri
from kg.rdf.lexicon import parse_lexicon

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tools import KGO, kg, kg_ok, stderr_lines

PREFIXES = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kgo:  <https://w3id.org/zhkg/ontology#> .
@prefix ex:   <https://example.org/lex/> .
"""
NEW_TERM = "星河智算平台"
GOOD_CONCEPT = f'ex:good a skos:Concept ; skos:prefLabel "{NEW_TERM}"@zh-Hans ; kgo:entityClass kgo:Product .\n'
BLANK_CONCEPTS = (
    'ex:empty a skos:Concept ; skos:prefLabel ""@zh-Hans ; kgo:entityClass kgo:Concept .\n'
    'ex:blank a skos:Concept ; skos:prefLabel " \\t\u3000"@zh-Hans ; kgo:entityClass kgo:Concept .\n'
)
TEXT = f"{NEW_TERM}推动数字经济发展，{NEW_TERM}赋能制造业。"


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The one ``kg build: error:`` line of a failed build (no traceback, non-zero exit)."""
    assert proc.returncode != 0, f"exit 0 for a bad lexicon; stderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in stderr_lines(proc) if line.startswith("kg build: error:")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


NO_CONCEPT = {
    "empty_file": "",
    "prefixes_only": PREFIXES,
    "other_triples": PREFIXES + 'ex:a rdfs:label "算力"@zh-Hans .\n',
    "wrong_type": PREFIXES + 'ex:a a skos:Collection ; skos:prefLabel "算力"@zh-Hans ; kgo:entityClass kgo:Concept .\n',
}


@pytest.mark.parametrize("body", NO_CONCEPT.values(), ids=NO_CONCEPT.keys())
def test_lexicon_without_a_concept_is_an_error(tmp_path: Path, body: str) -> None:
    path = write(tmp_path, "lex.ttl", body)
    with pytest.raises(LexiconError, match="no usable concept") as info:
        parse_lexicon(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_cli_refuses_a_lexicon_without_a_concept(tmp_path: Path) -> None:
    write(tmp_path, "text.txt", TEXT)
    write(tmp_path, "lex.ttl", NO_CONCEPT["other_triples"])
    line = error_line(kg("build", "text.txt", "--lexicon", "lex.ttl", "-o", "out", cwd=tmp_path))
    assert "lex.ttl" in line and "no usable concept" in line
    assert not (tmp_path / "out").exists()


def test_blank_pref_labels_are_skipped_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "lex.ttl", PREFIXES + BLANK_CONCEPTS + GOOD_CONCEPT)
    warned: list[LexiconWarning] = []
    entries = parse_lexicon(path, on_warning=warned.append)
    assert [e.key for e in entries] == [NEW_TERM]
    assert sorted(str(w) for w in warned) == [
        f"{path}: skipped https://example.org/lex/blank: its skos:prefLabel is empty or blank",
        f"{path}: skipped https://example.org/lex/empty: its skos:prefLabel is empty or blank",
    ]
    with pytest.warns(LexiconWarning, match="empty or blank") as caught:  # by default, Python warnings
        parse_lexicon(path)
    assert sorted(str(w.message) for w in caught) == sorted(str(w) for w in warned)


def test_only_blank_concepts_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "lex.ttl", PREFIXES + BLANK_CONCEPTS)
    with pytest.raises(LexiconError, match=r"no usable concept \(2 skos:Concept, 2 skipped\)"):
        parse_lexicon(path, on_warning=lambda w: None)


def test_blank_alt_labels_are_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "lex.ttl", PREFIXES + GOOD_CONCEPT.replace(" .\n", ' ; skos:altLabel "", " " .\n'))
    [entry] = parse_lexicon(path)
    assert entry.labels == ()


def test_cli_warns_about_a_blank_concept_and_uses_the_rest(tmp_path: Path) -> None:
    write(tmp_path, "text.txt", TEXT)
    write(tmp_path, "lex.ttl", PREFIXES + BLANK_CONCEPTS + GOOD_CONCEPT)
    proc = kg_ok("build", "text.txt", "--lexicon", "lex.ttl", "-o", "out", "--no-html", cwd=tmp_path)
    # one line per warning, in the CLI's own form
    warnings = [line for line in stderr_lines(proc) if line.startswith("kg build: warning: ")]
    assert len(warnings) == len(stderr_lines(proc)), proc.stderr
    assert len(warnings) == 2, proc.stderr
    assert all("lex.ttl" in line for line in warnings)
    assert any("https://example.org/lex/empty" in line for line in warnings)
    assert any("https://example.org/lex/blank" in line for line in warnings)
    graph = Graph().parse(tmp_path / "out/graph.ttl")
    term = URIRef(entity_iri(NEW_TERM))
    assert (term, RDF.type, URIRef(KGO + "Product")) in graph
    assert (term, SKOS.prefLabel, Literal(NEW_TERM, lang="zh-Hans")) in graph
    assert not list(graph.subjects(SKOS.prefLabel, Literal("", lang="zh-Hans")))


def test_cli_refuses_a_lexicon_of_blank_concepts_only(tmp_path: Path) -> None:
    write(tmp_path, "text.txt", TEXT)
    write(tmp_path, "lex.ttl", PREFIXES + BLANK_CONCEPTS)
    line = error_line(kg("build", "text.txt", "--lexicon", "lex.ttl", "-o", "out", cwd=tmp_path))
    assert "lex.ttl" in line and "no usable concept" in line
