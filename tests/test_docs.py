"""The documentation keeps up with the code (sqlite-utils ``tests/test_docs.py``).

Every subcommand has a ``--help`` that shows each of its options and is named
in the README; ``zhkg`` is an alias of ``kg``; the README opens with the two
commands; every named query runs on the built-in sample graph.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from rdflib import Graph

import kg
from kg.cli import parser
from kg.query import named_queries, run_query
from kg.sample import sample_document

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # the helper module beside this file

README = tools.ROOT / "README.md"
PYPROJECT = tools.ROOT / "pyproject.toml"


def subparsers() -> dict[str, argparse.ArgumentParser]:
    for action in parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("kg has no subcommands")


COMMANDS = sorted(subparsers())


def test_there_are_subcommands() -> None:
    assert {"build", "query"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_exits_zero_and_shows_every_option(command: str) -> None:
    proc = tools.kg(command, "--help")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"usage: kg {command}"), proc.stdout[:200]
    assert not proc.stderr.strip(), proc.stderr
    help_text = proc.stdout
    for action in subparsers()[command]._actions:
        if action.help == argparse.SUPPRESS:
            continue
        names = action.option_strings or [action.metavar or action.dest]
        for name in names:
            assert re.search(rf"(?<![\w-]){re.escape(str(name))}(?![\w-])", help_text), (
                f"kg {command} --help does not mention {name}"
            )
        if action.option_strings and action.help is not None:
            assert action.help.strip(), f"kg {command} {names[0]} has an empty help text"


def test_top_level_help_lists_every_subcommand() -> None:
    proc = tools.kg("--help")
    assert proc.returncode == 0, proc.stderr
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", proc.stdout, re.MULTILINE), f"kg --help does not list {command}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_is_in_the_readme(command: str) -> None:
    text = README.read_text(encoding="utf-8")
    assert re.search(rf"\bkg {command}\b", text), f"README.md never shows `kg {command}`"


def test_zhkg_is_an_alias_of_kg() -> None:
    scripts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["kg"] == scripts["zhkg"] == "kg.cli:main"
    import subprocess

    versions = []
    for name in ("kg", "zhkg"):
        path = shutil.which(name)
        if path is None:
            if tools.in_ci():
                pytest.fail(f"the {name} console script is not installed: pip install -e .")
            pytest.skip(f"the {name} console script is not installed: pip install -e .")
        proc = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        versions.append(proc.stdout.strip())
    assert versions[0] == versions[1] == f"zhkg {kg.__version__}"


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8").splitlines()[:15]
    build = [line for line in head if re.search(r"\bkg build\b", line)]
    tests = [line for line in head if re.search(r"\bpytest\b|scripts/test\b", line)]
    assert build, "the README's first lines do not show `kg build`"
    assert tests, "the README's first lines do not show how to run the tests"
    m = re.search(r"(?:bash\s+)?(scripts/\S+)", tests[0])
    if m:
        assert (tools.ROOT / m.group(1)).is_file(), f"{m.group(1)} named in the README does not exist"
    command = tests[0].split("#")[0].strip()
    ci = (tools.ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci, f".ci/run does not run the README's test command: {command}"


# --------------------------------------------------------------------------- named queries


@pytest.fixture(scope="module")
def sample() -> Graph:
    return kg.build([sample_document()])


QUERIES = sorted(named_queries())


def test_named_queries_are_the_files_in_queries() -> None:
    assert QUERIES == sorted(p.stem for p in (tools.ROOT / "queries").glob("*.rq"))
    assert QUERIES


@pytest.mark.parametrize(
    "name",
    QUERIES,
)
def test_named_query_runs_on_the_sample(name: str, sample: Graph) -> None:
    path = named_queries()[name]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), f"{path.name} has no description line"
    result = run_query(sample, text)
    rows = result.rows if result.boolean is None and result.graph is None else [result.boolean or result.graph]
    assert rows, f"{name} finds nothing in the built-in sample graph"


def test_every_named_query_is_listed() -> None:
    proc = tools.kg_ok("query", "--list")
    for name in QUERIES:
        assert re.search(rf"^{name}\s+\S", proc.stdout, re.MULTILINE), f"kg query --list lacks {name}"
