"""The wheel carries what zhkg needs at run time, and works installed on its own.

``ontology/`` and ``queries/`` sit at the repository root, so a checkout
finds them there; a wheel must carry them inside the package (STYLE.md,
layout). Here a real wheel is built with pip, installed into a folder of its
own, and used from a child process whose working directory is elsewhere, so
the repository's ``kg/`` cannot be what gets imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from tools import in_ci

ROOT = Path(__file__).resolve().parents[1]

#: package data every installation needs
DATA_FILES = [
    "kg/ontology/zhkg.ttl",
    "kg/ontology/lexicon.ttl",
    "kg/ontology/rules/shared.toml",
    "kg/ontology/rules/entities.toml",
    "kg/ontology/rules/aliases.toml",
    "kg/ontology/rules/people.toml",
    "kg/ontology/rules/coref.toml",
    "kg/ontology/rules/relations.toml",
    "kg/ontology/rules/claims.toml",
    "kg/ontology/rules/statistics.toml",
    "kg/ontology/shapes.ttl",
    "kg/data/sample.txt",
    "kg/py.typed",
]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    site: Path
    workdir: Path


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A wheel built from the checkout and installed with ``pip --target`` (no dependencies)."""
    tmp = tmp_path_factory.mktemp("package")
    proc = run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-w", str(tmp / "dist"), "-q"])
    if proc.returncode != 0:
        offline = "hatchling" in proc.stderr and ("No matching distribution" in proc.stderr
                                                  or "connection" in proc.stderr.lower())
        if offline and not in_ci():
            pytest.skip(f"pip cannot get the build backend (offline?): {proc.stderr.strip().splitlines()[-1]}")
        pytest.fail(f"pip wheel failed:\n{proc.stderr}")
    (wheel,) = (tmp / "dist").glob("zhkg-*.whl")
    site = tmp / "site"
    proc = run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--target", str(site),
                str(wheel), "-q"])
    assert proc.returncode == 0, f"pip install --target failed:\n{proc.stderr}"
    workdir = tmp / "elsewhere"
    workdir.mkdir()
    return Installed(wheel, site, workdir)


def run_installed(installed: Installed, code: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` with only the installed copy of zhkg importable."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(PYTHONPATH=str(installed.site), PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    return run([sys.executable, "-c", code], cwd=installed.workdir, env=env)


def test_wheel_contents(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    missing = [f for f in DATA_FILES if f not in names]
    assert not missing, f"the wheel lacks {missing}"
    queries = sorted(n for n in names if n.startswith("kg/queries/") and n.endswith(".rq"))
    assert {Path(q).stem for q in queries} == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    assert queries, "the wheel has no named queries"
    assert not [n for n in names if n.startswith(("tests/", "ontology/", "queries/"))], "data outside the package"
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    licences = [n for n in names if n.endswith("/LICENSE") and ".dist-info/" in n]
    assert licences, "the wheel carries no LICENSE"
    assert "MIT License" in zipfile.ZipFile(installed.wheel).read(licences[0]).decode("utf-8")


def test_installed_package_builds(installed: Installed) -> None:
    code = """
import json, kg, kg.resources, kg.query
from rdflib import URIRef
g = kg.build(["数字产业化是数字经济的重要组成部分。算力推动人工智能发展。"])
print(json.dumps({
    "file": kg.__file__,
    "ontology": str(kg.resources.ontology_file("zhkg.ttl")),
    "lexicon": str(kg.resources.ontology_file("lexicon.ttl")),
    "queries": sorted(kg.query.named_queries()),
    "triples": len(g),
    "partOf": (URIRef("https://w3id.org/zhkg/resource/数字产业化"),
               URIRef("https://w3id.org/zhkg/ontology#partOf"),
               URIRef("https://w3id.org/zhkg/resource/数字经济")) in g,
}))
"""
    proc = run_installed(installed, code)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    site = installed.site.resolve()
    assert Path(info["file"]).resolve().is_relative_to(site), f"imported {info['file']}, not the installed copy"
    for key in ("ontology", "lexicon"):
        path = Path(info[key]).resolve()
        assert path.is_relative_to(site / "kg"), f"{key} read from {path}"
        assert path.is_file()
    assert {"claims", "concepts", "people", "relations", "statistics"} <= set(info["queries"])
    assert info["triples"] > 0 and info["partOf"]


def test_installed_command_builds_the_sample(installed: Installed) -> None:
    """``python -m kg build`` with no INPUT uses the sample shipped in the wheel, and writes both outputs."""
    out = installed.workdir / "out"
    code = f"import sys, kg.cli; sys.exit(kg.cli.main(['build', '-o', {str(out)!r}]))"
    proc = run_installed(installed, code)
    assert proc.returncode == 0, proc.stderr
    assert (out / "graph.ttl").stat().st_size > 0
    assert (out / "graph.html").stat().st_size > 0
    from rdflib import Graph

    assert len(Graph().parse(out / "graph.ttl", format="turtle")) >= 50
