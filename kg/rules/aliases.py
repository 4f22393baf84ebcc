"""The aliases pack (``aliases.toml``): how a text declares a short form."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.rules.shared import SharedRules
from kg.rules.source import Pack


@dataclass(frozen=True)
class AliasRules:
    #: X（以下简称“Y”）: group ``short``
    declared: re.Pattern[str]
    #: X（Y）: group ``short``
    plain: re.Pattern[str]


def build(pack: Pack, shared: SharedRules) -> AliasRules:
    out = AliasRules(declared=pack.pattern("declared"), plain=pack.pattern("plain"))
    for rx in (out.declared, out.plain):
        if "short" not in rx.groupindex:
            pack.fail("declared" if rx is out.declared else "plain", "needs a group (?P<short>…)")
    pack.done()
    return out
