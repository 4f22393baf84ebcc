"""The text side's single owners (issue 9): each concern is handled in one module, and stays so.

- nothing under ``kg/io`` or ``kg/text`` imports rdflib;
- only ``kg/text/script.py`` imports OpenCC;
- only ``kg/text/dictionary.py`` names jieba's ``dict.txt``, and it is read once
  per process for both models built on it;
- only ``kg/text/surrogates.py`` spells the surrogate range;
- the label normal forms are defined in ``kg/text/labels.py`` and the lexicon,
  IRIs, the viewer and ``kg eval`` use those functions.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

from tools import imported_modules

import kg

KG = Path(kg.__file__).resolve().parent


def modules(*under: str) -> list[Path]:
    roots = [KG / u for u in under] if under else [KG]
    return sorted(p for root in roots for p in root.rglob("*.py"))


def strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def rel(path: Path) -> str:
    return path.relative_to(KG.parent).as_posix()


def test_text_and_io_never_import_rdflib() -> None:
    assert [rel(p) for p in modules("io", "text") if "rdflib" in imported_modules(p)] == []


def test_only_the_script_module_imports_opencc() -> None:
    assert [rel(p) for p in modules() if "opencc" in imported_modules(p)] == ["kg/text/script.py"]


def test_only_the_dictionary_module_reads_jiebas_dictionary() -> None:
    users = [rel(p) for p in modules() if "dict.txt" in strings(p)]
    assert users == ["kg/text/dictionary.py"]


def test_only_the_surrogates_module_spells_the_surrogate_range() -> None:
    users = [rel(p) for p in modules() if any("\ud800-\udfff" in s for s in strings(p))]
    assert users == ["kg/text/surrogates.py"]


def test_the_old_modules_are_gone() -> None:
    assert not [name for name in ("io.py", "normalize.py", "segment.py", "parse.py") if (KG / name).exists()]


def test_label_normal_forms_have_one_home() -> None:
    from kg import evaluate, lexicon
    select = importlib.import_module("kg.export.html.select")
    from kg.rdf import iri
    from kg.text import labels

    assert lexicon.match_key is labels.match_key
    assert iri.canonical_key is labels.canonical_key
    assert evaluate.normalize_label is labels.search_key
    assert select.norm is labels.search_key


def test_the_dictionary_is_read_once_for_both_models() -> None:
    code = (
        "import kg.text.dictionary as d\n"
        "from kg.io import decode_bytes\n"
        "from kg.text import repair_gbk_mojibake\n"
        "decode_bytes('數位經濟發展'.encode('big5'), 'b.txt')\n"  # the encoding model
        "repair_gbk_mojibake('“數字經濟與實體經濟是分不開的!辟R晗指出。')\n"  # the word model
        "info = d.frequencies.cache_info()\n"
        "print(info.misses, info.hits > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "True"]
