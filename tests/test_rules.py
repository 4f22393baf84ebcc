"""Rule packs (``kg.rules``, ``ontology/rules/*.toml``): cue words live in data, not in extractor code.

Extractor modules hold procedures only: no Han string literal outside docstrings
(f-strings included). A bad pack is one line naming the file, the key and the
line. ``kg build --rules DIR`` merges a user's packs over the built-in ones:
lists of rules appended (an ``id`` already there replaces that rule), word lists
extended, rows replaced by their first item, scalars replaced.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from kg.rules import PACKS, RulesError, builtin_dir, load_rules
from kg.rules.source import line_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tools  # the helper module beside this file

EXTRACTORS = tools.ROOT / "kg" / "extractors"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def han_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant with a Han character, docstrings aside (comments are not in the AST;
    an f-string's literal parts are constants of its JoinedStr)."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        and HAN.search(node.value)
    ]


def test_the_scan_finds_han_literals() -> None:
    source = 'x = "的"\ny = f"{x}等"\ndef f():\n    """文档"""\n    return ("a", "和")  # 注释\n'
    assert [line for line, _ in han_literals(source)] == sorted([1, 2, 5])


@pytest.mark.parametrize("path", sorted([*EXTRACTORS.glob("*.py"), *(tools.ROOT / "kg" / "rules").glob("*.py")]),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_han_string_literal_in_extractor_code(path: Path) -> None:
    found = han_literals(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: cue words belong in ontology/rules/*.toml: " + ", ".join(
        f"line {line} {text[:20]!r}" for line, text in found)


def test_every_pack_is_built_in_and_loads() -> None:
    assert {p.stem for p in builtin_dir().glob("*.toml")} == set(PACKS)
    rules = load_rules()
    assert rules.relations.rules and rules.people.titles and rules.statistics.units
    assert "社" in rules.shared.suffixes("nt") and "股份有限公司" in rules.entities.org_name_suffixes


def test_one_copy_of_each_shared_list() -> None:
    """Separators and organisation suffixes are written once (shared.toml), not once per extractor."""
    text = {p.stem: p.read_text(encoding="utf-8") for p in builtin_dir().glob("*.toml")}
    assert sum(t.count('"有限责任公司"') for t in text.values()) == 1
    assert sum(t.count("conjunctions =") for t in text.values()) == 1
    assert "list_separators" not in "".join(text.values())


# --------------------------------------------------------------------------- bad packs


def pack_dir(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


BAD_RULE = '''# my relations
[[rule]]
id = "test.ok"
property = "enables"
pattern = '(?P<S>{E})带动(?P<O>{E})'
confidence = 0.5

[[rule]]
id = "test.bad"
property = "enables"
pattern = '(?P<S>{E})推(动(?P<O>{E})'
confidence = 0.5
'''


@pytest.mark.parametrize(
    ("name", "text", "key", "line", "problem"),
    [
        pytest.param("relations", BAD_RULE, "rule[1].pattern", 11, "bad regular expression", id="bad-pattern"),
        pytest.param("relations", 'negations = "不"\n', "negations", 1, "list", id="wrong-type"),
        pytest.param("people", '# a typo\ntitle = ["布道师"]\n', "title", 2, "unknown key", id="unknown-key"),
        pytest.param("statistics", 'units = [\n  ["万吨", "ton"],\n]\n', "units", 1, "rows", id="short-row"),
        pytest.param("shared", '[organisation_suffixes]\n"厂" = ["names"]\n', "organisation_suffixes.厂", 2,
                     "unknown use", id="unknown-use"),
        pytest.param("relations", '[[rule]]\nid = "x"\nproperty = "enables"\npattern = \'{E}推动{E}\'\n'
                     'confidence = 0.5\n', "rule[0].pattern", 4, "(?P<S>", id="no-groups"),
    ],
)
def test_a_bad_pack_is_one_line_naming_file_key_and_line(tmp_path: Path, name: str, text: str, key: str,
                                                         line: int, problem: str) -> None:
    folder = pack_dir(tmp_path, name, text)
    with pytest.raises(RulesError) as info:
        load_rules((str(folder),))
    message = str(info.value)
    assert "\n" not in message
    assert str(folder / f"{name}.toml") in message
    assert f"line {line}," in message
    assert f"key {key}" in message
    assert problem in message


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    folder = pack_dir(tmp_path, "relations", 'negations = [\n  "不" "没"\n]\n')
    with pytest.raises(RulesError, match=r"relations\.toml: not valid TOML: .*line 2"):
        load_rules((str(folder),))


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(lambda tmp: tmp / "missing", ["no such folder"], id="missing-folder"),
        pytest.param(lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", ["no rule pack", "relations.toml"],
                     id="empty-folder"),
        pytest.param(lambda tmp: pack_dir(tmp, "relation", "negations = []\n"), ["no pack is called 'relation'"],
                     id="unknown-pack"),
    ],
)
def test_a_bad_rules_folder(tmp_path: Path, make, words: list[str]) -> None:
    with pytest.raises(RulesError) as info:
        load_rules((str(make(tmp_path)),))
    for word in words:
        assert word in str(info.value)


def test_line_of_finds_keys_in_tables_and_lists_of_tables() -> None:
    text = '[people]\ntitles = ["a"]\n\n[[rule]]\nid = "x"\n[[rule]]\nid = "y"\npattern = "p"\n'
    assert line_of(text, ("people", "titles")) == 2
    assert line_of(text, ("rule", 1, "pattern")) == 8
    assert line_of(text, ("rule", 1, "cues")) == 6  # a missing key: the table that lacks it
    assert line_of(text, ("nothing",)) == 1


# --------------------------------------------------------------------------- merging


def test_merge_extends_words_appends_rules_and_replaces_scalars(tmp_path: Path) -> None:
    builtin = load_rules()
    folder = pack_dir(tmp_path, "relations", '''negations = ["绝不"]

[[rule]]
id = "enables.test"
property = "enables"
pattern = '(?P<S>{E})带飞了(?P<O>{E})'
confidence = 0.5

[[rule]]
id = "isA.like"
property = "isA"
cues = ["类似于"]
pattern = '类似于(?P<S>{E})的(?P<O>{C})'
confidence = 0.6
''')
    pack_dir(tmp_path, "claims", "max_gap = 3\n")
    pack_dir(tmp_path, "statistics", 'units = [["万吨", "count", 4], ["亿元", "CNY", 8]]\n')
    rules = load_rules((str(folder),))
    relations = rules.relations
    assert relations.negations == builtin.relations.negations | {"绝不"}
    ids = [r.id for r in relations.rules]
    assert ids == [r.id for r in builtin.relations.rules] + ["enables.test"]
    like = next(r for r in relations.rules if r.id == "isA.like")
    assert like.cues == ("类似于",) and like.confidence == 0.6
    assert "{0,3}" in rules.claims.speaker_first.pattern
    assert rules.statistics.units["万吨"] == ("count", 4)
    assert list(rules.statistics.units) == [*builtin.statistics.units, "万吨"]
    assert str(folder / "relations.toml") in rules.sources
    assert builtin.relations.rules == load_rules().relations.rules  # the built-in packs are untouched


def test_a_value_of_another_kind_than_the_built_in_one(tmp_path: Path) -> None:
    folder = pack_dir(tmp_path, "shared", 'separators = ["和"]\n')
    with pytest.raises(RulesError, match=r"shared\.toml, line 1, key separators: must be a table"):
        load_rules((str(folder),))


# --------------------------------------------------------------------------- kg build --rules

TEXT = "星河智算公司首席布道师王小明出席了发布会。\n"


def _people(ttl: str) -> bool:
    return "王小明" in ttl


def test_build_with_a_rules_folder_adds_the_facts_of_a_new_cue_word(tmp_path: Path) -> None:
    """A pack of one's own with one more job title: the person after it is found, with title and employer."""
    source = tmp_path / "text.txt"
    source.write_text(TEXT, encoding="utf-8")
    plain = tools.kg("build", str(source), "-o", str(tmp_path / "plain"), "-q", "--no-html")
    assert plain.returncode == 0, plain.stderr
    assert not _people((tmp_path / "plain" / "graph.ttl").read_text(encoding="utf-8"))

    folder = pack_dir(tmp_path, "people", '# my titles\ntitles = ["首席布道师"]\n')
    proc = tools.kg("build", str(source), "-o", str(tmp_path / "mine"), "-q", "--no-html", "--rules", str(folder))
    assert proc.returncode == 0, proc.stderr
    ttl = (tmp_path / "mine" / "graph.ttl").read_text(encoding="utf-8")
    assert _people(ttl)
    assert "首席布道师" in ttl
    assert "affiliatedWith" in ttl


def test_workers_load_the_same_rules(tmp_path: Path) -> None:
    """With -j 2 every worker process merges the same packs: the graph is the one a single process builds."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for i, company in enumerate(("星河智算公司", "北辰数据公司", "南山算力公司")):
        (texts / f"{i}.txt").write_text(f"{company}首席布道师王小{'明亮晴'[i]}出席了发布会。\n", encoding="utf-8")
    folder = pack_dir(tmp_path, "people", 'titles = ["首席布道师"]\n')
    one = tools.kg("build", str(texts), "-o", str(tmp_path / "one"), "-q", "--no-html", "--rules", str(folder))
    two = tools.kg("build", str(texts), "-o", str(tmp_path / "two"), "-q", "--no-html", "--rules", str(folder),
                   "-j", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    ttl = (tmp_path / "two" / "graph.ttl").read_text(encoding="utf-8")
    assert ttl == (tmp_path / "one" / "graph.ttl").read_text(encoding="utf-8")
    assert all(name in ttl for name in ("王小明", "王小亮", "王小晴"))


def test_build_with_a_bad_rules_folder_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "text.txt"
    source.write_text(TEXT, encoding="utf-8")
    folder = pack_dir(tmp_path, "people", 'titels = ["首席布道师"]\n')
    proc = tools.kg("build", str(source), "-o", str(tmp_path / "out"), "-q", "--rules", str(folder))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "people.toml, line 1, key titels: unknown key" in lines[0], proc.stderr
