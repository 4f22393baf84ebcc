"""How ``kg build`` ends: signals, worker processes, options checked before work, outputs that agree.

Each test reproduces a defect found by a red-team run, with the real command in a child
process: real signals, real worker processes (read from ``/proc``), a real file-size
limit standing in for a full disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tools import kg, part_files, stderr_lines

import kg as kg_api
from kg import cli

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads worker processes from /proc")

#: our own short texts: enough documents that a two-worker build is still running when it is stopped
LINES = [
    "数字产业化是数字经济的重要组成部分，产业数字化推动实体经济转型。",
    "算力推动人工智能发展，大模型的训练离不开算力和数据。",
    "“数据要素是数字经济的关键。”李明指出。李明是星河智算公司副总经理。",
    "2023年中国数字经济规模达53.9万亿元，占GDP比重为42.8%。",
]


def corpus(path: Path, documents: int = 400) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(documents):
            text = "".join(LINES[(i + k) % len(LINES)] for k in range(6)) + f"第{i}号报告。"
            f.write(json.dumps({"id": f"d{i:04}", "text": text}, ensure_ascii=False) + "\n")
    return path


def children(pid: int) -> set[int]:
    """Direct child processes of ``pid`` (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    """A process that exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def start_build(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[bytes], set[int], Path]:
    """``kg build -j 2`` on a corpus of our own, returned once both workers run."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus(tmp_path / "c.jsonl")), "-j", "2", "-o", str(out), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert wait_until(lambda: len(children(proc.pid)) >= 2 or proc.poll() is not None, 120), "no workers started"
    workers = children(proc.pid)
    assert proc.poll() is None and len(workers) >= 2, "the build ended before it could be stopped"
    time.sleep(1.0)  # inside the work, not at its start
    return proc, workers, out


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stopped_build_stops_its_workers_and_leaves_no_part_file(tmp_path: Path, signum: int) -> None:
    proc, workers, out = start_build(tmp_path)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
    assert proc.returncode == 128 + signum or (signum == signal.SIGINT and proc.returncode == 130)
    assert len(lines) == 1 and ("stopped by" in lines[0] or "interrupted" in lines[0]), lines
    assert wait_until(lambda: not any(alive(w) for w in workers), 10), "workers outlived the build"
    assert part_files(out) == []
    assert not (out / "graph.ttl").exists()


@pytest.mark.slow
def test_workers_of_a_killed_build_exit(tmp_path: Path) -> None:
    """SIGKILL cannot be handled: the workers notice that their parent is gone and exit."""
    proc, workers, _ = start_build(tmp_path)
    proc.kill()
    proc.communicate(timeout=30)
    assert wait_until(lambda: not any(alive(w) for w in workers), 10), "orphaned workers kept running"


def test_workers_are_capped_by_cores_and_documents(tmp_path: Path) -> None:
    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps({"id": f"x{i}", "text": LINES[i]}, ensure_ascii=False) + "\n"
                            for i in range(3)), encoding="utf-8")
    proc = kg("build", path, "-j", "1000", "-o", tmp_path / "out", "--no-html")
    assert proc.returncode == 0, proc.stderr
    want = min(os.cpu_count() or 1, 3)
    [note] = [line for line in stderr_lines(proc) if "-j 1000" in line]
    assert f"using {want} worker" in note and "3 documents" in note


@pytest.mark.parametrize("option", [["--max-nodes", "0"], ["--max-nodes", "-5"], ["-j", "-1"], ["-j", "many"]])
def test_bad_options_fail_before_any_work(tmp_path: Path, option: list[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    started = time.monotonic()
    proc = kg("build", "-o", out, *option)
    assert proc.returncode == 2
    assert option[0] in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in out.iterdir()) == ["graph.ttl"]
    assert time.monotonic() - started < 60  # no build ran: argparse refuses at once


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_failed_page_leaves_the_old_turtle_and_page(tmp_path: Path) -> None:
    """A full disk while the page is written (a file-size limit between the two sizes): the folder keeps
    the old pair, not a new Turtle beside an old page."""
    out = tmp_path / "out"
    assert kg("build", "-o", out, "-q").returncode == 0
    ttl, html = (out / "graph.ttl").read_bytes(), (out / "graph.html").read_bytes()
    assert len(ttl) < len(html)
    (out / "graph.ttl").write_bytes(b"# old\n")
    (out / "graph.html").write_bytes(b"<!-- old -->")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "-o", str(out)], capture_output=True, text=True,
                          preexec_fn=_limit_file_size(len(ttl) + 1000), timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "cannot write" in lines[0], proc.stderr
    assert (out / "graph.ttl").read_bytes() == b"# old\n"
    assert (out / "graph.html").read_bytes() == b"<!-- old -->"
    assert part_files(out) == []


def test_output_dash_writes_turtle_to_standard_output(tmp_path: Path) -> None:
    proc = kg("build", "-", "-o", "-", cwd=tmp_path, stdin=LINES[0] + LINES[1])
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "-").exists()
    from rdflib import Graph

    graph = Graph().parse(data=proc.stdout, format="turtle")
    assert (None, None, None) in graph and len(graph) > 10
    assert "documents   1" in proc.stderr  # the summary goes to standard error, beside the data


# --------------------------------------------------------------------------- unexpected errors


@pytest.fixture
def broken_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fault injection: the relations stage raises, as a bug in it would."""
    from kg import extractors

    real = extractors.get("relations")

    class Broken:
        name, requires, assigns = real.name, real.requires, real.assigns

        def __call__(self, ex, res):  # type: ignore[no-untyped-def]
            raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(extractors._REGISTRY._loaded, "relations", Broken())


def test_a_bug_is_one_line_naming_the_input(tmp_path: Path, broken_stage: None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "article.txt"
    text.write_text(LINES[0], encoding="utf-8")
    assert cli.main(["build", str(text), "-o", str(tmp_path / "out")]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "article.txt" in lines[0] and "relations" in lines[0] and "ZeroDivisionError" in lines[0]
    assert "--debug" in lines[0]
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback(tmp_path: Path, broken_stage: None, capsys: pytest.CaptureFixture[str],
                                   where: str) -> None:
    text = tmp_path / "article.txt"
    text.write_text(LINES[0], encoding="utf-8")
    args = ["build", str(text), "-o", str(tmp_path / "out")]
    assert cli.main(["--debug", *args] if where == "before" else [*args, "--debug"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError" in err


def test_a_bug_in_the_api_names_the_document(broken_stage: None) -> None:
    from kg.errors import DocumentFailed
    from kg.types import Document

    with pytest.raises(DocumentFailed, match=r"document mine \(relations\): ZeroDivisionError"):
        kg_api.build([Document(text=LINES[0], id="mine")])


# --------------------------------------------------------------------------- a second user


def test_the_tokenizer_cache_is_the_users_own(tmp_path: Path) -> None:
    """jieba's shared cache in the temporary folder belongs to another user (here: a folder in its place,
    which cannot be replaced either): the build neither fails to write it nor leaves temporary files."""
    shared_tmp = tmp_path / "tmp"
    (shared_tmp / "jieba.cache").mkdir(parents=True)
    cache = tmp_path / "cache"
    proc = kg("build", "-", "-o", tmp_path / "out", "--no-html", stdin=LINES[1],
              env={"TMPDIR": str(shared_tmp), "XDG_CACHE_HOME": str(cache)})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "cache" not in proc.stderr.lower()
    assert [p.name for p in shared_tmp.iterdir()] == ["jieba.cache"]
    assert (cache / "zhkg" / "jieba.cache").is_file()
