"""Red-team defects of reading inputs (``kg.io``, ``kg.rdf.iri.doc_iri``), each reproduced on real files.

1. different input ids (``a b.txt``, ``ab.txt``, ``ａｂ.txt``) must give different document IRIs;
2. a UTF-8 text with a stray NUL byte is UTF-8 without the NUL (and a warning), not UTF-16 garbage;
3. a FIFO or a device is refused in one line (no hang, no MemoryError), and every input is capped;
4. JSON Lines on standard input are records, not one text.

CLI cases run the real command in a child process, with a timeout where the defect was a hang.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.errors import InputError, KGError
from kg.io import MAX_INPUT_BYTES, STDIN_FORMATS, InputWarning, decode_bytes, iter_documents
from kg.rdf.iri import doc_iri, encode_id

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # the helper module beside this file
from tools import KGO, KGR, kg, kg_ok, stderr_lines

GOOD = "数字经济推动实体经济发展。人工智能赋能制造业，算力是新的生产力。"
NUL_TEXT = "数字经济是新的经济形态。\x00算力是核心生产力。"
#: Chinese with ASCII (digits, a line end): BOM-less UTF-16 of it has NULs on one side
MIXED = "2021年规模45.5万亿。\n数字经济是新的经济形态，算力是核心生产力。\n"


def documents(path: Path) -> set[str]:
    graph = Graph().parse(path)
    return {str(d) for d in graph.subjects(RDF.type, URIRef(KGO + "Document"))}


def error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The one ``kg build: error:`` line of a failed build (no traceback, non-zero exit)."""
    assert proc.returncode != 0, f"exit 0 for bad input; stderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr
    errors = [line for line in stderr_lines(proc) if line.startswith("kg build: error:")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


def collect(**kwargs: object) -> tuple[list, list[InputWarning]]:
    """``iter_documents`` with its warnings collected rather than issued."""
    found: list[InputWarning] = []
    inputs = kwargs.pop("inputs")
    return list(iter_documents(inputs, on_warning=found.append, **kwargs)), found  # type: ignore[arg-type]


# --------------------------------------------------------------------------- 1. document IRIs are injective

IDS = ["a b", "ab", "ａｂ", "x y", "xy", "a%20b", "a\tb", "a\u3000b", "Caf\u0065\u0301", "Caf\u00e9", "a/b", "a%2Fb"]


def test_different_ids_never_share_a_document_iri() -> None:
    iris = [doc_iri(i) for i in IDS]
    assert len(set(iris)) == len(IDS), iris
    for doc_id, iri in zip(IDS, iris, strict=True):
        encoded = iri.removeprefix(KGR + "doc/")
        assert urllib.parse.unquote(encoded) == doc_id, "the encoding is reversible: nothing folded or dropped"
        assert tools.key_problems(encoded) == [], "the SPEC's character rule still holds"


def test_ordinary_ids_keep_their_iris() -> None:
    """Ids of iunreserved characters only (and the / of a sub-folder) are as before."""
    assert doc_iri("000_427787186f189a45") == KGR + "doc/000_427787186f189a45"
    assert doc_iri("sub/e") == KGR + "doc/sub%2Fe"
    assert doc_iri("报告/2024#1") == KGR + "doc/报告%2F2024%231"
    assert encode_id("news-1.v2~x") == "news-1.v2~x"


def test_folder_files_whose_names_fold_alike_stay_three_documents(tmp_path: Path, builder) -> None:
    names = ["a b.txt", "ab.txt", "ａｂ.txt"]
    tools.write_files(tmp_path / "in", dict.fromkeys(names, GOOD))
    docs, _ = collect(inputs=[tmp_path / "in"])
    assert sorted(d.id for d in docs) == sorted(Path(n).stem for n in names)
    graph = builder.graph(docs)
    found = {str(d) for d in graph.subjects(RDF.type, URIRef(KGO + "Document"))}
    assert found == {doc_iri("a b"), doc_iri("ab"), doc_iri("ａｂ")}
    assert len(found) == 3


def test_json_lines_ids_that_differ_by_a_space_stay_two_documents(tmp_path: Path) -> None:
    lines = [{"id": "x y", "text": GOOD}, {"id": "xy", "text": GOOD}]
    tools.write_files(tmp_path, {"in.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)})
    proc = kg_ok("build", "in.jsonl", "-o", "out", "--no-html", cwd=tmp_path)
    assert documents(tmp_path / "out/graph.ttl") == {KGR + "doc/x%20y", KGR + "doc/xy"}
    assert "documents   2" in proc.stdout


# --------------------------------------------------------------------------- 2. a stray NUL in UTF-8


def test_utf8_with_one_nul_reads_as_utf8_without_it(tmp_path: Path) -> None:
    path = tools.write_files(tmp_path, {"nul.txt": NUL_TEXT.encode("utf-8")})[0]
    [doc], warned = collect(inputs=[path])
    assert doc.text == NUL_TEXT.replace("\x00", "")
    assert len(warned) == 1 and warned[0].origin == str(path)
    assert str(path) in str(warned[0]) and "NUL" in str(warned[0])


def test_stray_nul_warns_through_python_warnings_by_default() -> None:
    with pytest.warns(InputWarning, match=r"a\.txt: removed 1 NUL byte"):
        assert decode_bytes(NUL_TEXT.encode(), "a.txt") == NUL_TEXT.replace("\x00", "")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [MIXED, "数字\n", "Hello 世界，数据要素。\n"], ids=["mixed", "short", "latin"])
def test_bom_less_utf16_still_reads_as_utf16(tmp_path: Path, encoding: str, text: str) -> None:
    path = tools.write_files(tmp_path, {"u16.txt": text.encode(encoding)})[0]
    [doc], warned = collect(inputs=[path])
    assert doc.text == text.strip()
    assert warned == []


def test_many_nuls_are_still_binary(tmp_path: Path) -> None:
    path = tools.write_files(tmp_path, {"b.txt": "数字经济".encode() + b"\x00" * 5 + "算力".encode()})[0]
    with pytest.raises(InputError, match="binary file, not text"):
        collect(inputs=[path])


def test_cli_builds_a_utf8_file_with_a_nul_and_says_so(tmp_path: Path) -> None:
    tools.write_files(tmp_path, {"nul.txt": NUL_TEXT.encode("utf-8")})
    proc = kg_ok("build", "nul.txt", "-o", "out", "--no-html", cwd=tmp_path)
    assert "nul.txt" in proc.stderr and "NUL" in proc.stderr
    graph = Graph().parse(tmp_path / "out/graph.ttl")
    assert graph.value(None, SKOS.prefLabel, Literal("数字经济", lang="zh-Hans")) is not None


# --------------------------------------------------------------------------- 3. FIFOs, devices, size


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file") as info:
        collect(inputs=[fifo])
    assert info.value.origin == str(fifo)
    line = error_line(kg("build", "pipe.txt", "-o", "out", cwd=tmp_path, timeout=60))
    assert "pipe.txt" in line and "not a regular file" in line and "FIFO" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_fifo_inside_a_folder_is_not_read(tmp_path: Path) -> None:
    tools.write_files(tmp_path / "in", {"a.txt": GOOD})
    os.mkfifo(tmp_path / "in/b.txt")
    docs, _ = collect(inputs=[tmp_path / "in"])
    assert [d.id for d in docs] == ["a"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a regular file"):
        collect(inputs=["/dev/zero"])
    line = error_line(kg("build", "/dev/zero", "-o", "out", cwd=tmp_path, timeout=60))
    assert "/dev/zero" in line and "not a regular file" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_endless_standard_input_stops_at_the_limit(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [sys.executable, "-m", "kg", "build", "-", "-o", "out"], cwd=tmp_path, stdin=zero,
            capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    line = error_line(subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(),
                                                  proc.stderr.decode("utf-8", "replace")))
    assert "<stdin>" in line and "1024 MiB" in line  # standard input may hold a JSON Lines corpus


def test_file_over_the_limit_is_refused_naming_file_and_limit(tmp_path: Path) -> None:
    big = tmp_path / "in/big.txt"
    big.parent.mkdir()
    with open(big, "wb") as f:  # sparse: nothing is written to disk
        f.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError) as info:
        collect(inputs=[big])
    assert str(info.value) == f"{big}: larger than 64 MiB, the most zhkg reads from one input; split it"
    tools.write_files(tmp_path / "in", {"a.txt": GOOD})
    skipped: list[InputError] = []
    docs, _ = collect(inputs=[tmp_path / "in"], on_skip=skipped.append)
    assert [d.id for d in docs] == ["a"] and [e.origin for e in skipped] == [str(big)]


# --------------------------------------------------------------------------- 4. JSON Lines on standard input

RECORDS = "".join(
    json.dumps({"id": i, "text": t}, ensure_ascii=False, separators=(",", ":")) + "\n"
    for i, t in (("a", "数字经济推动发展。"), ("b", "算力是新的生产力。"))
).encode()


def test_cli_reads_json_lines_piped_to_standard_input(tmp_path: Path) -> None:
    stdin = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                    for i, t in (("a", GOOD), ("b", "算力是新的生产力，数据是新的生产要素。")))
    proc = kg_ok("build", "-", "-o", "out", "--no-html", cwd=tmp_path, stdin=stdin)
    assert "documents   2" in proc.stdout
    assert documents(tmp_path / "out/graph.ttl") == {doc_iri("a"), doc_iri("b")}


def test_stdin_format_chooses_how_standard_input_is_read() -> None:
    assert STDIN_FORMATS == ("auto", "text", "jsonl")
    docs, _ = collect(inputs=["-"], stdin=io.BytesIO(RECORDS))
    assert [(d.id, d.origin) for d in docs] == [("a", "<stdin>:1"), ("b", "<stdin>:2")]
    [doc], _ = collect(inputs=["-"], stdin=io.BytesIO(RECORDS), stdin_format="text")
    assert doc.text.startswith('{"id":"a"')
    with pytest.raises(InputError, match=r"<stdin>: line 1: not valid JSON"):
        collect(inputs=["-"], stdin=io.BytesIO(GOOD.encode()), stdin_format="jsonl")
    with pytest.raises(KGError, match="auto, jsonl, text"):
        collect(inputs=["-"], stdin=io.BytesIO(RECORDS), stdin_format="csv")


@pytest.mark.parametrize("text", ["{数字经济}是一种经济形态。", '{"title": "无正文"}\n数字经济。', "\n\n" + GOOD])
def test_prose_on_standard_input_stays_one_text(text: str) -> None:
    [doc], _ = collect(inputs=["-"], stdin=io.BytesIO(text.encode()))
    assert doc.text == text.strip() and doc.origin == "-"


def test_a_bad_line_of_standard_input_records_is_skipped_with_on_skip() -> None:
    data = RECORDS + b"not json\n"
    skipped: list[InputError] = []
    docs, _ = collect(inputs=["-"], stdin=io.BytesIO(data), on_skip=skipped.append)
    assert [d.id for d in docs] == ["a", "b"]
    assert [str(e) for e in skipped] == ["<stdin>: line 3: not valid JSON: Expecting value (column 1)"]
