"""A new user's machine: the wheel, installed with only its declared dependencies, builds real articles.

A package installed by hand on a developer's machine (scipy, once) can hide a missing
declaration from every other test, since they all run in the environment that has it.
Here a wheel is built from the checkout and installed **without** the ``test`` extra into
a fresh virtual environment (no system site-packages), and ``kg build`` runs there on the
built-in sample, on the seed and on the first 30 domain articles, every extractor
exercised. Beside it, a static check that what ``kg/`` imports is what pyproject declares.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from tools import CORPUS, ROOT, SEED, imported_modules, in_ci

DOMAIN = CORPUS / "domain" / "news-2022-2024.jsonl"

#: declared dependencies that kg/ uses without importing them, and why
USED_WITHOUT_IMPORT = {"pyvis": "the HTML page inlines the vis-network script shipped in pyvis's package files"}

#: distribution name -> the module it provides, where the two differ
MODULE_OF = {"charset-normalizer": "charset_normalizer"}


def declared() -> dict[str, str]:
    """Runtime dependencies from pyproject: distribution name -> module name."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = [re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0].lower() for d in deps]
    return {n: MODULE_OF.get(n, n.replace("-", "_")) for n in names}


def imported() -> dict[str, list[str]]:
    """Third-party top-level modules that kg/ imports (at any depth of a function) -> the files doing so."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "kg").rglob("*.py")):
        for top in sorted(imported_modules(path)):
            if top != "kg" and top not in sys.stdlib_module_names:
                found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


def test_every_import_is_declared() -> None:
    missing = {m: files for m, files in imported().items() if m not in declared().values()}
    assert not missing, f"kg/ imports modules pyproject does not declare: {missing}"


def test_every_declared_dependency_is_used() -> None:
    used = imported()
    unused = [d for d, m in declared().items() if m not in used and d not in USED_WITHOUT_IMPORT]
    assert not unused, f"pyproject declares dependencies kg/ never imports: {unused}"


# --------------------------------------------------------------------------- the fresh environment


def run(cmd: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=1200, env=env,
                          **kwargs)  # type: ignore[call-overload]


def base_python() -> str:
    """The interpreter the running one was made from (a venv's python makes venvs of its base)."""
    return getattr(sys, "_base_executable", None) or sys.executable


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding the wheel and its declared dependencies only: its bin/ folder."""
    tmp = tmp_path_factory.mktemp("fresh")
    proc = run([sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "-w", tmp / "dist", "-q"])
    if proc.returncode != 0:
        reason = f"pip wheel failed: {proc.stderr.strip().splitlines()[-1:]}"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(f"{reason} (offline?)")
    (wheel,) = (tmp / "dist").glob("zhkg-*.whl")
    proc = run([base_python(), "-m", "venv", tmp / "venv"])
    assert proc.returncode == 0, proc.stderr
    bin_dir = tmp / "venv" / "bin"
    proc = run([bin_dir / "python", "-m", "pip", "install", "-q", wheel])  # dependencies from the index
    assert proc.returncode == 0, f"pip install of the wheel failed:\n{proc.stderr}"
    return bin_dir


def test_the_environment_is_fresh(fresh: Path) -> None:
    """Nothing leaks in from the machine: zhkg comes from the venv, and no test-only package is there."""
    code = ("import importlib.util, json, kg, sys; print(json.dumps({'kg': kg.__file__, 'prefix': sys.prefix, "
            "'extra': [m for m in ('pytest', 'pyoxigraph', 'pyshacl', 'playwright', 'scipy') "
            "if importlib.util.find_spec(m)]}))")
    proc = run([fresh / "python", "-c", code], cwd=fresh)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert Path(info["kg"]).is_relative_to(fresh.parent), info
    assert info["extra"] == [], f"the fresh environment holds {info['extra']}"


def build(fresh: Path, tmp_path: Path, *inputs: Path) -> Path:
    out = tmp_path / "out"
    proc = run([fresh / "kg", "build", *inputs, "-o", out], cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "triples" in proc.stdout
    assert (out / "graph.ttl").stat().st_size > 0 and (out / "graph.html").stat().st_size > 0
    return out


def test_the_sample_builds(fresh: Path, tmp_path: Path) -> None:
    build(fresh, tmp_path)


def test_the_seed_builds(fresh: Path, tmp_path: Path) -> None:
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent (the shared corpus lives beside the repository)")
    build(fresh, tmp_path, SEED)


def first_domain_lines(tmp_path: Path, n: int = 30) -> Path:
    if not DOMAIN.is_file():
        pytest.skip(f"{DOMAIN} is absent (the shared corpus lives beside the repository)")
    path = tmp_path / "domain30.jsonl"
    with DOMAIN.open(encoding="utf-8") as f:
        path.write_text("".join(next(f) for _ in range(n)), encoding="utf-8")
    return path


def test_thirty_domain_articles_build_with_two_workers(fresh: Path, tmp_path: Path) -> None:
    path = first_domain_lines(tmp_path)
    out = tmp_path / "out"
    proc = run([fresh / "kg", "build", path, "-o", out, "-j", "2"], cwd=tmp_path)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "documents   30" in proc.stdout


STAGES = """
import json, sys
from kg.io import iter_documents
from kg.pipeline import Builder, with_ids
from kg.text.parse import parse
from kg.sample import sample_document
from kg.types import Extraction

builder = Builder()
docs = with_ids([sample_document(), *iter_documents(sys.argv[1:])])
fields = ("mentions", "relations", "statistics", "claims", "attributes", "aliases")
report = {}
for doc in docs:
    ex = Extraction(parse(doc, builder.segmenter, builder.resources.rules.shared.speech_verb_re))
    for stage in builder.stages:
        part = stage(ex, builder.resources)
        report.setdefault(stage.name, {})[doc.id] = sum(len(getattr(part, f)) for f in fields)
        ex = ex.merge(part)
print(json.dumps(report))
"""


def test_every_extractor_runs_in_the_fresh_environment(fresh: Path, tmp_path: Path) -> None:
    """Each stage adds something on the sample alone (so `kg build` with no input proves the install),
    and on real articles."""
    inputs = [p for p in (SEED, first_domain_lines(tmp_path, 10)) if p.is_file()]
    proc = run([fresh / "python", "-c", STAGES, *inputs], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    stages = json.loads(proc.stdout.strip().splitlines()[-1])
    from kg.pipeline import with_ids
    from kg.sample import sample_document

    sample_id = with_ids([sample_document()])[0].id
    idle_on_sample = [name for name, by_doc in stages.items() if not by_doc.get(sample_id)]
    assert not idle_on_sample, f"stages that add nothing on the built-in sample: {idle_on_sample}"
    idle_on_articles = [name for name, by_doc in stages.items()
                        if not any(n for d, n in by_doc.items() if d != sample_id)]
    assert not idle_on_articles, f"stages that add nothing on the real articles: {idle_on_articles}"
