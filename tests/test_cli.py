"""The ``kg`` command as a user meets it: bad input, stdin, folders, extra lexicons, query formats.

Every case runs the real command in a child process (``python -m kg``), so
exit codes and standard error are what a shell sees. Bad input must give a
clear one-line error (no traceback) and a non-zero exit, and must leave no
output file half-written: no ``*.part`` file, and a graph.ttl already in the
output folder stays as it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.export.turtle import write_turtle
from kg.rdf.iri import doc_iri, entity_iri

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # the helper module beside this file
from tools import KGO, kg, kg_ok, part_files, stderr_lines

GOOD = "数字经济推动实体经济发展。人工智能赋能制造业，算力是新的生产力。"
SENTINEL = b"# a graph.ttl from an earlier build: a failed build must leave it alone\n"

#: our own lexicon term, unknown to the built-in lexicon, with a traditional alias
NEW_TERM, NEW_TERM_HANT = "星河智算平台", "星河智算平臺"
EXTRA_LEXICON = f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kgo:  <https://w3id.org/zhkg/ontology#> .
@prefix kgl:  <https://w3id.org/zhkg/lexicon/> .

kgl:xinghe a skos:Concept ;
    skos:prefLabel "{NEW_TERM}"@zh-Hans ;
    skos:altLabel "{NEW_TERM_HANT}"@zh-Hant ;
    kgo:entityClass kgo:Product ;
    kgo:jiebaTag "nz" .
"""
LEXICON_TEXT = f"{NEW_TERM}推动数字经济发展，{NEW_TERM}赋能制造业。\n{NEW_TERM_HANT}促進實體經濟發展。"


def prepared_output(folder: Path) -> Path:
    """An output folder holding a graph.ttl from an 'earlier build'."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.ttl").write_bytes(SENTINEL)
    return folder


def error_line(proc: subprocess.CompletedProcess[str], command: str = "build") -> str:
    """The one error line of a failed command (checks no traceback and a non-zero exit)."""
    assert proc.returncode != 0, f"exit 0 for bad input; stderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    errors = [line for line in stderr_lines(proc) if line.startswith(f"kg {command}: error:")]
    assert len(errors) == 1, f"expected one 'kg {command}: error:' line:\n{proc.stderr}"
    assert all(line.startswith(f"kg {command}:") for line in stderr_lines(proc)), proc.stderr
    assert not errors[0].rstrip().endswith(":"), f"the message stops before saying what is wrong: {errors[0]!r}"
    return errors[0]


# --------------------------------------------------------------------------- bad input to kg build


@dataclass(frozen=True)
class BadInput:
    name: str
    files: dict[str, str | bytes]
    args: tuple[str, ...]
    expect: tuple[str, ...]  # each must be in the error line (case-insensitive)
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())



BAD_INPUTS = [
    BadInput("empty file", {"empty.txt": b""}, ("empty.txt",), ("empty.txt", "empty")),
    BadInput("blank file", {"blank.txt": " \n\t\n \u3000\n"}, ("blank.txt",), ("blank.txt", "empty")),
    BadInput("BOM only", {"bom.txt": b"\xef\xbb\xbf"}, ("bom.txt",), ("bom.txt",)),
    BadInput("binary file", {"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8},
             ("image.txt",), ("image.txt", "binary")),
    BadInput("undecodable bytes", {"broken.txt": b"abc\x80\xff\x80\xffdef\xfe"}, ("broken.txt",),
             ("broken.txt", "encoding")),
    BadInput("missing input", {}, ("no_such_article.txt",), ("no_such_article.txt", "no such file")),
    BadInput("one missing among good", {"good.txt": GOOD}, ("good.txt", "missing.txt"), ("missing.txt",)),
    BadInput("malformed JSON Lines", {"bad.jsonl": '{"text": 数字经济}\n'}, ("bad.jsonl",),
             ("bad.jsonl", "line 1")),
    BadInput("JSON Lines without text", {"notext.jsonl": '\n{"title": "标题"}\n'}, ("notext.jsonl",),
             ("notext.jsonl", "line 2", "text")),
    BadInput("JSON Lines text not a string", {"num.jsonl": '{"text": 42}\n'}, ("num.jsonl",), ("line 1", "text")),
    BadInput("folder without texts", {"pictures/a.png": b"\x89PNG"}, ("pictures",), ("pictures",)),
    BadInput("missing lexicon", {"good.txt": GOOD}, ("good.txt", "--lexicon", "nosuch.ttl"), ("nosuch.ttl",)),
    BadInput("lexicon not Turtle", {"good.txt": GOOD, "lex.ttl": GOOD}, ("good.txt", "--lexicon", "lex.ttl"),
             ("lex.ttl", "line 1", "bad syntax")),
    BadInput("lexicon with an unknown class",
             {"good.txt": GOOD, "lex.ttl": EXTRA_LEXICON.replace("kgo:Product", "kgo:Rocket")},
             ("good.txt", "--lexicon", "lex.ttl"), ("lex.ttl", "Rocket", NEW_TERM)),
    BadInput("lexicon with a lone surrogate",
             {"good.txt": GOOD, "lex.ttl": EXTRA_LEXICON.replace(NEW_TERM, "火箭\\uD83D")},
             ("good.txt", "--lexicon", "lex.ttl"), ("lex.ttl", "surrogate")),
    BadInput("negative jobs", {"good.txt": GOOD}, ("good.txt", "-j", "-1"), ("jobs",)),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=c.marks) for c in BAD_INPUTS])
def test_bad_input_gives_one_line_and_leaves_the_output_alone(case: BadInput, tmp_path: Path) -> None:
    tools.write_files(tmp_path, case.files)
    out = prepared_output(tmp_path / "out")
    proc = kg("build", *case.args, "-o", "out", cwd=tmp_path)
    error_line(proc)
    # the error line, or a 'skipped' line before it (a bad JSON Lines line), names the file and the problem
    for needle in case.expect:
        assert needle.lower() in proc.stderr.lower(), f"{needle!r} not in:\n{proc.stderr}"
    assert (out / "graph.ttl").read_bytes() == SENTINEL
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert not part_files(tmp_path)


@pytest.mark.parametrize(
    ("files", "args", "expect"),
    [
        # a lone surrogate escape is not a character: it becomes U+FFFD and the rest is built
        ({"sur.jsonl": '{"text": "数字经济\\ud800推动产业发展。"}\n'}, ("sur.jsonl",), "kgr:数字经济"),
        # an escaped surrogate pair is one character (🚀): the term is found
        ({"good.txt": GOOD + "火箭\U0001F680是新技术。",
          "lex.ttl": EXTRA_LEXICON.replace(NEW_TERM, "火箭\\uD83D\\uDE80")},
         ("good.txt", "--lexicon", "lex.ttl"), "火箭\U0001F680"),
    ],
    ids=["JSON Lines lone surrogate", "lexicon escaped surrogate pair"],
)
def test_surrogates_give_a_correct_result(files: dict, args: tuple, expect: str, tmp_path: Path) -> None:
    tools.write_files(tmp_path, files)
    proc = kg_ok("build", *args, "-o", "out", "--no-html", cwd=tmp_path)
    assert "Traceback" not in proc.stderr
    assert expect in (tmp_path / "out/graph.ttl").read_text(encoding="utf-8")


def test_a_bad_line_in_json_lines_is_named_and_the_rest_is_built(tmp_path: Path) -> None:
    """Like a bad file in a folder, a bad line is reported (with its number) and skipped."""
    lines = [json.dumps({"id": "好1", "text": GOOD}, ensure_ascii=False), "{not json", "",
             json.dumps({"id": "好2", "text": "数据是新的生产要素。"}, ensure_ascii=False)]
    tools.write_files(tmp_path, {"mixed.jsonl": "\n".join(lines) + "\n"})
    proc = kg_ok("build", "mixed.jsonl", "-o", "out", "--no-html", cwd=tmp_path)
    assert "Traceback" not in proc.stderr
    [skip] = [line for line in stderr_lines(proc) if "mixed.jsonl" in line]
    assert "line 2" in skip
    graph = Graph().parse(tmp_path / "out/graph.ttl")
    assert set(graph.subjects(RDF.type, URIRef(KGO + "Document"))) == {URIRef(doc_iri("好1")), URIRef(doc_iri("好2"))}


# --------------------------------------------------------------------------- where the output cannot go


def _root_ignores_permissions(folder: Path) -> bool:
    """True where chmod does not stop writes (root): a probe write into a 0o500 folder succeeds."""
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except PermissionError:
        return False
    probe.unlink()
    return True


def test_unwritable_output_folder(tmp_path: Path) -> None:
    tools.write_files(tmp_path, {"good.txt": GOOD})
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if _root_ignores_permissions(locked) or os.access(locked, os.W_OK):
            # as root chmod stops nothing: a folder under a regular file can never be made
            (tmp_path / "a_file").write_text("not a folder", encoding="utf-8")
            target = "a_file/out"
        else:
            target = "locked/out"
        proc = kg("build", "good.txt", "-o", target, cwd=tmp_path)
        line = error_line(proc)
        assert target.split("/")[0] in line
        assert not part_files(tmp_path)
    finally:
        locked.chmod(0o700)


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    tools.write_files(tmp_path, {"good.txt": GOOD, "graph_here": "a file, not a folder"})
    line = error_line(kg("build", "good.txt", "-o", "graph_here", cwd=tmp_path))
    assert "graph_here" in line
    assert (tmp_path / "graph_here").read_text(encoding="utf-8") == "a file, not a folder"


def test_interrupted_build_leaves_the_old_graph(tmp_path: Path) -> None:
    """Ctrl-C during extraction: exit 130, one line, no traceback, the old graph.ttl intact, no .part file."""
    sentence = "数字经济推动实体经济发展，人工智能赋能制造业，算力是新的生产力。"
    tools.write_files(tmp_path, {"long.txt": sentence * 40_000})  # ~3.8 MB: minutes of work, not seconds
    out = prepared_output(tmp_path / "out")
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "long.txt", "-o", "out"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(10)  # past start-up, inside the extraction
        assert proc.poll() is None, "the build ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err_bytes = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = err_bytes.decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.strip()][-1] == "kg build: interrupted"
    assert (out / "graph.ttl").read_bytes() == SENTINEL
    assert not part_files(tmp_path)


# --------------------------------------------------------------------------- inputs that must work


def document_iris(path: Path) -> set[str]:
    graph = Graph().parse(path)
    return {str(d) for d in graph.subjects(RDF.type, URIRef(KGO + "Document"))}


def test_build_reads_standard_input(tmp_path: Path) -> None:
    proc = kg_ok("build", "-", "-o", "out", "--no-html", cwd=tmp_path, stdin="# title: 标准输入\n" + GOOD + "\n")
    graph = Graph().parse(tmp_path / "out/graph.ttl")
    [doc] = list(graph.subjects(RDF.type, URIRef(KGO + "Document")))
    assert re.fullmatch(r".*/doc/[0-9a-f]{16}", str(doc)), doc  # a content hash: stdin has no name
    assert str(graph.value(doc, DCTERMS.title)) == "标准输入"
    assert graph.value(None, SKOS.prefLabel, Literal("数字经济", lang="zh-Hans")) is not None
    assert "documents   1" in proc.stdout


def test_standard_input_given_twice_is_an_error(tmp_path: Path) -> None:
    line = error_line(kg("build", "-", "-", "-o", "out", cwd=tmp_path, stdin=GOOD))
    assert "stdin" in line


def test_a_folder_with_a_bad_file_reports_it_and_builds_the_rest(tmp_path: Path) -> None:
    tools.write_files(tmp_path / "in", {
        "a.txt": GOOD,
        "b.txt": b"\x00\x01\x02\x03binary\x00" * 40,
        "c.md": "## 算力\n**算力**是新的生产力，数据中心需要算力网络。",
        "sub/d.txt": "",
        "sub/e.txt": "数据是新的生产要素。",
    })
    proc = kg_ok("build", "in", "-o", "out", "--no-html", cwd=tmp_path)
    assert "Traceback" not in proc.stderr
    skipped = [line for line in stderr_lines(proc) if "skipped" in line]
    assert any("b.txt" in line and "binary" in line for line in skipped), proc.stderr
    assert any("d.txt" in line and "empty" in line for line in skipped), proc.stderr
    assert document_iris(tmp_path / "out/graph.ttl") == {doc_iri("a"), doc_iri("c"), doc_iri("sub/e")}
    assert "(2 skipped)" in proc.stdout


def test_extra_lexicon_makes_a_new_term_an_entity(tmp_path: Path) -> None:
    tools.write_files(tmp_path, {"text.txt": LEXICON_TEXT, "extra.ttl": EXTRA_LEXICON})
    kg_ok("build", "text.txt", "-o", "plain", "--no-html", "-q", cwd=tmp_path)
    kg_ok("build", "text.txt", "--lexicon", "extra.ttl", "-o", "with", "--no-html", "-q", cwd=tmp_path)
    term = URIRef(entity_iri(NEW_TERM))
    plain = Graph().parse(tmp_path / "plain/graph.ttl")
    assert (term, RDF.type, URIRef(KGO + "Product")) not in plain
    graph = Graph().parse(tmp_path / "with/graph.ttl")
    assert (term, RDF.type, URIRef(KGO + "Product")) in graph
    assert (term, SKOS.prefLabel, Literal(NEW_TERM, lang="zh-Hans")) in graph
    assert set(graph.predicates(term, None)) & {URIRef(KGO + "enables"), URIRef(KGO + "relatedTo")}
    assert (URIRef(doc_iri("text")), URIRef("https://schema.org/mentions"), term) in graph


# --------------------------------------------------------------------------- kg query


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    kg_ok("build", "-o", folder, "--no-html", "-q", cwd=folder)
    return folder / "graph.ttl"


@pytest.fixture(scope="module")
def awkward_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Titles that CSV, TSV and JSON must quote: commas, quotes, tabs, newlines."""
    g = Graph()
    titles = ['逗号,引号"甲"', "制表\t符", "换行\n第二行", "普通标题", "反斜\\杠"]
    for i, title in enumerate(titles):
        d = URIRef(doc_iri(f"d{i}"))
        g.add((d, RDF.type, URIRef(KGO + "Document")))
        g.add((d, DCTERMS.title, Literal(title, lang="zh-Hans")))
    path = tmp_path_factory.mktemp("awkward") / "graph.ttl"
    write_turtle(g, path)
    return path


TITLES = "SELECT ?d ?t WHERE { ?d a kgo:Document ; dcterms:title ?t } ORDER BY ?d"


def test_query_formats_parse(awkward_graph: Path) -> None:
    expected = ['逗号,引号"甲"', "制表\t符", "换行\n第二行", "普通标题", "反斜\\杠"]
    out = {fmt: kg_ok("query", awkward_graph, "-q", TITLES, "--format", fmt).stdout
           for fmt in ("csv", "tsv", "json", "table")}
    rows = list(csv.reader(io.StringIO(out["csv"])))
    assert rows[0] == ["d", "t"]
    assert [r[1] for r in rows[1:]] == expected
    rows = list(csv.reader(io.StringIO(out["tsv"]), delimiter="\t"))
    assert rows[0] == ["d", "t"]
    assert [r[1] for r in rows[1:]] == expected
    answer = json.loads(out["json"])
    assert answer["head"]["vars"] == ["d", "t"]
    assert [b["t"]["value"] for b in answer["results"]["bindings"]] == expected
    assert {b["t"].get("xml:lang") for b in answer["results"]["bindings"]} == {"zh-Hans"}
    assert {b["d"]["type"] for b in answer["results"]["bindings"]} == {"uri"}
    assert out["table"].rstrip("\n").splitlines()[-1] == "(5 rows)"


@pytest.mark.parametrize("name", ["concepts", "relations", "statistics", "claims"])
def test_named_queries_in_every_format(name: str, sample_graph: Path) -> None:
    out = {fmt: kg_ok("query", sample_graph, "-n", name, "--format", fmt).stdout
           for fmt in ("csv", "tsv", "json", "table")}
    answer = json.loads(out["json"])
    n = len(answer["results"]["bindings"])
    assert n > 0, f"{name} finds nothing in the sample graph"
    csv_rows = list(csv.reader(io.StringIO(out["csv"])))
    tsv_rows = list(csv.reader(io.StringIO(out["tsv"]), delimiter="\t"))
    assert csv_rows[0] == tsv_rows[0] == answer["head"]["vars"]
    assert len(csv_rows) == len(tsv_rows) == n + 1
    assert out["table"].rstrip("\n").splitlines()[-1] == f"({n} row{'s' if n != 1 else ''})"


def test_unknown_query_name_lists_the_valid_ones(sample_graph: Path) -> None:
    line = error_line(kg("query", sample_graph, "-n", "no_such_query"), "query")
    assert "no_such_query" in line
    names = sorted(p.stem for p in (tools.ROOT / "queries").glob("*.rq"))
    assert names and all(name in line for name in names), line


@pytest.mark.parametrize(
    ("query", "line_no"),
    [
        ("SELECT ?s WHERE { ?s ?p }", 1),
        ("SELECT ?s\nWHERE { ?s ?p ?o . FILTER( }", 2),
        ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s kgo:rule ?r\n  ORDER BY ?s", 4),
    ],
)
def test_bad_sparql_gives_line_and_column(query: str, line_no: int, sample_graph: Path) -> None:
    line = error_line(kg("query", sample_graph, "-q", query), "query")
    m = re.search(r"line (\d+), column (\d+)", line)
    assert m, line
    assert int(m.group(1)) == line_no, line


def test_query_on_a_missing_graph(tmp_path: Path) -> None:
    line = error_line(kg("query", "nosuch.ttl", "-n", "concepts", cwd=tmp_path), "query")
    assert "nosuch.ttl" in line


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        pytest.param("binary.ttl", bytes(range(256)) * 4, "", id="binary"),
        pytest.param("article.txt", GOOD, "line 1", id="chinese-text",
                     ),
        pytest.param("broken.ttl", '@prefix kgr: <https://w3id.org/zhkg/resource/> .\nkgr:a kgr:b "c .\n', "line 2",
                     id="broken-turtle"),
    ],
)
def test_query_on_a_file_that_is_not_turtle(name: str, content: str | bytes, where: str, tmp_path: Path) -> None:
    tools.write_files(tmp_path, {name: content})
    line = error_line(kg("query", name, "-n", "concepts", cwd=tmp_path), "query")
    assert name in line
    assert where in line


def test_query_without_a_query_says_how(sample_graph: Path) -> None:
    line = error_line(kg("query", sample_graph), "query")
    assert "-q" in line and "-n" in line


# --------------------------------------------------------------------------- 10 MB on one line


@pytest.mark.slow
def test_ten_megabytes_without_a_line_break(tmp_path: Path, record_property: pytest.RecordProperty) -> None:
    """A 10 MB text with no line break builds (measured here at about 5 minutes on 2 busy cores)."""
    sentence = "数字经济推动实体经济发展，人工智能赋能制造业，算力是新的生产力。".encode()
    size = 10 * 1024 * 1024
    data = (sentence * (size // len(sentence) + 1))[: size - size % 3]
    assert b"\n" not in data and len(data) > size - 3
    tools.write_files(tmp_path, {"one_line.txt": data})
    started = time.monotonic()
    proc = kg("build", "one_line.txt", "-o", "out", "--no-html", cwd=tmp_path, timeout=3000)
    seconds = time.monotonic() - started
    record_property("seconds", round(seconds, 1))
    print(f"\n10 MB one-line build: {seconds:.1f} s")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    ttl = tmp_path / "out/graph.ttl"
    m = re.search(r"triples\s+(\d+)", proc.stdout)
    assert m, proc.stdout
    assert tools.count_pyoxigraph(ttl) == int(m.group(1)) > 0
    assert "documents   1" in proc.stdout
    assert not part_files(tmp_path)
