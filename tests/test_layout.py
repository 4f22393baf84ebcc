"""The layout's rules (issue 9), checked on the code itself.

- nothing on the reading, text or extraction side imports rdflib: only ``kg/rdf/``,
  the exporters, the query and evaluation code know RDF terms;
- no function is over cyclomatic complexity 15 (ruff's C901, enabled in pyproject.toml);
- a module over about 400 lines says why at its top.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from tools import imported_modules

import kg

KG = Path(kg.__file__).resolve().parent
ROOT = KG.parent

#: the reading, text and extraction side, and the plain data passed between stages
NO_RDF = ["io", "text", "extractors", "rules", "lexicon.py", "types.py", "model.py", "resolve.py", "pipeline.py"]
#: about 400 lines; a longer module states its reason in its docstring
LONG = 430


def python_files(*under: str) -> list[Path]:
    out: list[Path] = []
    for u in under:
        path = KG / u
        out.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return out


def test_the_reading_text_and_extraction_side_never_imports_rdflib() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in python_files(*NO_RDF) if "rdflib" in imported_modules(p)]
    assert offenders == []


def test_complexity_is_capped_by_the_linter() -> None:
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert any(code.startswith("C90") for code in lint["select"])
    assert lint["mccabe"]["max-complexity"] <= 15
    assert not any("C90" in str(codes) for codes in lint.get("per-file-ignores", {}).values())


def test_long_modules_say_why() -> None:
    silent = []
    for path in python_files("."):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if "longer" not in doc and "lines" not in doc:
                silent.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert silent == [], "modules over ~400 lines without a stated reason"
