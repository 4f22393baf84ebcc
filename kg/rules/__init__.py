"""Rule packs: the cue words and patterns of every extractor, as data (``ontology/rules/*.toml``).

Each extractor has a pack of its own (``relations.toml``, ``people.toml`` …);
``shared.toml`` holds what several read (list separators, pattern macros,
bylines, stop words, organisation suffixes), one copy each. :func:`load_rules`
reads the built-in packs, merges the user's packs over them (``kg build
--rules DIR``; the merge rule is in :mod:`kg.rules.source`), checks every key
and compiles every pattern once, into frozen :class:`Rules`. Extractors read
``res.rules.<pack>.<field>``; a bad pack is a :class:`RulesError` naming the
file, the key and the line.

>>> rules = load_rules()
>>> rules.relations.rules[0].id, bool(rules.shared.speech_verb_re.search("他认为"))
('partOf.component', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.resources import ontology_file
from kg.rules import aliases, claims, coref, entities, people, relations, shared, statistics
from kg.rules.aliases import AliasRules
from kg.rules.claims import ClaimRules
from kg.rules.coref import CorefRules
from kg.rules.entities import EntityRules
from kg.rules.macros import placeholder, placeholder_index
from kg.rules.people import PeopleRules
from kg.rules.relations import RelationRule, RelationRules
from kg.rules.shared import SharedRules
from kg.rules.source import Origins, Pack, PackFile, RulesError, merge, read_file
from kg.rules.statistics import StatisticRules

__all__ = [
    "PACKS", "RelationRule", "Rules", "RulesError", "builtin_dir", "load_rules", "placeholder", "placeholder_index",
]

#: pack name -> the module that builds it; ``shared`` first, since the others use it
PACKS = {
    "shared": shared,
    "entities": entities,
    "aliases": aliases,
    "people": people,
    "coref": coref,
    "relations": relations,
    "claims": claims,
    "statistics": statistics,
}


@dataclass(frozen=True)
class Rules:
    """Every pack, compiled; ``sources`` are the files read, built-in first."""

    shared: SharedRules
    entities: EntityRules
    aliases: AliasRules
    people: PeopleRules
    coref: CorefRules
    relations: RelationRules
    claims: ClaimRules
    statistics: StatisticRules
    sources: tuple[str, ...] = ()


def builtin_dir() -> Path:
    """The folder of the built-in packs."""
    return ontology_file("rules")


def user_files(dirs: tuple[str, ...]) -> list[PackFile]:
    """The pack files of ``--rules`` folders, in order; a folder with no pack or a file of no known pack
    is an error."""
    files: list[PackFile] = []
    for d in dirs:
        folder = Path(d)
        if not folder.is_dir():
            raise RulesError(f"{folder}: no such folder of rule packs")
        found = sorted(folder.glob("*.toml"))
        if not found:
            raise RulesError(f"{folder}: no rule pack (*.toml) in this folder; packs are named "
                             f"{', '.join(f'{name}.toml' for name in PACKS)}")
        for path in found:
            if path.stem not in PACKS:
                raise RulesError(f"{path}: no pack is called {path.stem!r}; choose one of: "
                                 f"{', '.join(f'{name}.toml' for name in PACKS)}")
            files.append(read_file(path))
    return files


@cache
def load_rules(dirs: tuple[str, ...] = ()) -> Rules:
    """The built-in packs with the packs of ``dirs`` merged over them, compiled (cached per process)."""
    extra = user_files(tuple(str(d) for d in dirs))
    built: dict[str, object] = {}
    sources: list[str] = []
    for name, module in PACKS.items():
        base = read_file(builtin_dir() / f"{name}.toml")
        origins = Origins(base)
        data = base.data
        sources.append(str(base.path))
        for f in extra:
            if f.path.stem == name:
                data = merge(data, f, origins)
                sources.append(str(f.path))
        pack = Pack(name, data, origins)
        built[name] = module.build(pack) if name == "shared" else module.build(pack, built["shared"])
    return Rules(**built, sources=tuple(sources))  # type: ignore[arg-type]
