"""The same input gives byte-identical Turtle (SPEC "IRIs", last paragraph).

Whatever ``PYTHONHASHSEED``, the order of the inputs, the working directory,
the worker count or the time; and the Turtle holds no absolute path, no
timestamp and no blank node. Every build runs the real ``kg build`` in its own
process, two at a time where they are independent.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

import kg
from kg.export.turtle import to_turtle
from kg.sample import sample_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # the helper module beside this file
from tools import ARTICLES, SEED

#: the team's own short articles, used where the shared corpus is absent
OWN_ARTICLES = {
    "a_compute.txt": "算力是数字经济的核心生产力。人工智能的发展离不开算力网络。\n数据中心促进人工智能发展。",
    "b_twin.txt": "# title: 数字孪生\n數字孿生技術推動製造業轉型。工業互聯網需要數據要素。",
    "c_data.md": "## 数据要素\n数据是新的生产要素，数据要素市场推动实体经济发展。",
    "d_5g.txt": "5G和IPv6是新型基础设施的一部分。5G赋能工业互联网。",
    "e_policy.txt": "到2025年，数字经济核心产业增加值占GDP比重达到10%。云计算促进产业数字化。",
}


def articles(folder: Path) -> list[Path]:
    """The five corpus articles, or our own five texts when the corpus is absent."""
    if ARTICLES.is_dir() and len(sorted(ARTICLES.glob("*.txt"))) >= 2:
        return sorted(ARTICLES.glob("*.txt"))
    return tools.write_files(folder / "own", OWN_ARTICLES)


def build(*inputs: str | Path, out: Path, cwd: Path, seed: str = "0", extra: Sequence[str] = ()) -> bytes:
    """``kg build INPUTS -o OUT`` in ``cwd`` with ``PYTHONHASHSEED=seed``; the bytes of graph.ttl."""
    cwd.mkdir(parents=True, exist_ok=True)
    tools.kg_ok("build", *inputs, "-o", out, "--no-html", "-q", *extra, cwd=cwd, env={"PYTHONHASHSEED": seed})
    return (cwd / out / "graph.ttl").read_bytes()  # an absolute OUT replaces cwd


def in_parallel(*jobs: Callable[[], bytes]) -> list[bytes]:
    """Run independent builds two at a time; their Turtle bytes in order."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(job) for job in jobs]
        return [f.result() for f in futures]


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    for i, (x, y) in enumerate(zip(la, lb, strict=False)):
        if x != y:
            return f"line {i + 1}:\n- {x}\n+ {y}"
    return f"lengths differ: {len(la)} and {len(lb)} lines"


def assert_same(a: bytes, b: bytes) -> None:
    assert a == b, "Turtle differs at " + first_difference(a, b)


@dataclass(frozen=True)
class SeedRuns:
    root: Path  # everything of these runs is under it
    here: Path  # the first run's working directory (its output: here/out)
    first: bytes
    second: bytes


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory: pytest.TempPathFactory) -> SeedRuns:
    """The seed built twice at once: absolute input path vs a relative copy, other cwd, other hash seed."""
    tools.require_path(SEED)
    root = tmp_path_factory.mktemp("seed")
    here, there = root / "here", root / "elsewhere" / "deeper"
    copy = there / "in" / SEED.name
    copy.parent.mkdir(parents=True)
    shutil.copyfile(SEED, copy)
    first, second = in_parallel(
        partial(build, SEED, out=Path("out"), cwd=here, seed="0"),
        partial(build, Path("in") / SEED.name, out=root / "abs-out", cwd=there, seed="4242"),
    )
    return SeedRuns(root, here, first, second)


def test_seed_builds_are_byte_identical_across_processes(seed_runs: SeedRuns) -> None:
    assert_same(seed_runs.first, seed_runs.second)


def test_building_twice_into_the_same_folder_gives_the_same_bytes(seed_runs: SeedRuns) -> None:
    again = build(SEED, out=Path("out"), cwd=seed_runs.here, seed="random")
    assert_same(seed_runs.first, again)
    assert sorted(p.name for p in (seed_runs.here / "out").iterdir()) == ["graph.ttl"]


def test_reversed_input_order_gives_the_same_bytes(tmp_path: Path) -> None:
    paths = articles(tmp_path)
    forward, backward = in_parallel(
        partial(build, *paths, out=Path("out"), cwd=tmp_path / "fwd", seed="1"),
        partial(build, *reversed(paths), out=Path("out"), cwd=tmp_path / "bwd", seed="2"),
    )
    assert_same(forward, backward)
    text = forward.decode("utf-8")
    assert text.count(" a kgo:Document") == len(paths)
    assert not leaks(text, [tmp_path, *paths])


def test_worker_processes_do_not_change_the_bytes(tmp_path: Path) -> None:
    paths = articles(tmp_path)
    one, two = in_parallel(
        partial(build, *paths, out=Path("out"), cwd=tmp_path / "j1", extra=("-j", "1")),
        partial(build, *paths, out=Path("out"), cwd=tmp_path / "j2", extra=("-j", "2")),
    )
    assert_same(one, two)


def test_the_api_and_the_cli_write_the_same_sample(tmp_path: Path) -> None:
    cli = build(out=Path("out"), cwd=tmp_path, seed="7")
    api = to_turtle(kg.build([sample_document()])).encode("utf-8")
    assert_same(cli, api)


def test_in_process_order_of_plain_strings_does_not_matter() -> None:
    texts = [t.split("\n", 1)[-1] for t in OWN_ARTICLES.values()]
    assert_same(to_turtle(kg.build(texts)).encode(), to_turtle(kg.build(list(reversed(texts)))).encode())


# --------------------------------------------------------------------------- what must never be in the Turtle

_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def leaks(text: str, paths: Sequence[Path]) -> list[str]:
    """Absolute paths, timestamps and blank nodes found in a Turtle text."""
    problems = []
    places = {str(p) for p in paths} | {str(p.resolve()) for p in paths} | {os.getcwd(), str(Path.home())}
    places |= {str(tools.ROOT), str(tools.CORPUS), "file:/", "/tmp/", "/work/", "/root/", "/home/"}
    problems += [f"absolute path {p!r} in the Turtle" for p in sorted(places) if len(p) > 1 and p in text]
    today = dt.date.today()
    stamps = {today.isoformat(), today.strftime("%Y/%m/%d"), f"{today.year}年{today.month}月{today.day}日"}
    problems += [f"today's date {s} in the Turtle" for s in sorted(stamps) if s in text]
    if "xsd:dateTime" in text or "XMLSchema#dateTime" in text:
        problems.append("an xsd:dateTime in the Turtle")
    problems += [f"a timestamp {m.group(0)!r}" for m in _DATETIME.finditer(text)]
    problems += ["a blank node label" for line in text.splitlines() if line.lstrip().startswith("_:")]
    problems += ["a blank node label" for _ in re.finditer(r"[\s,;]_:\w", _strip_strings(text))]
    problems += ["an anonymous blank node" for _ in re.finditer(r"(?m)(?:^|\s)\[", _strip_strings(text))]
    return problems


def _strip_strings(text: str) -> str:
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)


def test_no_path_timestamp_or_blank_node_in_the_seed_graph(seed_runs: SeedRuns) -> None:
    assert not leaks(seed_runs.first.decode("utf-8"), [seed_runs.root, SEED, SEED.parent])


def test_leak_detector_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The detector itself is not blind (a negative control)."""
    today = dt.date.today().isoformat()
    bad = f'kgr:x dcterms:source "{tmp_path}/a.txt" ; dcterms:date "{today}T10:00:00"^^xsd:dateTime ; kgo:p _:b0 .'
    found = leaks(bad, [tmp_path])
    assert any("absolute path" in p for p in found)
    assert any("today" in p for p in found)
    assert any("dateTime" in p for p in found)
    assert any("blank node" in p for p in found)
    assert not leaks('kgr:x kgo:evidence "2021年[注]数据 _:x" .', [tmp_path])


def test_subprocess_environment_really_differs() -> None:
    """PYTHONHASHSEED reaches the child: string hashes differ between the seeds used above."""
    code = "print(hash('数字经济'))"
    one = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": "1"},
                         capture_output=True, text=True, check=True).stdout
    two = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": "2"},
                         capture_output=True, text=True, check=True).stdout
    assert one != two
