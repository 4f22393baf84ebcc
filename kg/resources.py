"""Where zhkg's data files live, installed or in a checkout.

A wheel carries ``ontology/`` and ``queries/`` inside the package (``kg/ontology``);
a checkout or an editable install has them at the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``ontology`` or ``queries``) shipped with zhkg.

    >>> (data_dir("ontology") / "zhkg.ttl").is_file()
    True
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"zhkg's {name}/ folder is missing from {_PACKAGE}; reinstall zhkg")


def ontology_file(name: str) -> Path:
    """A file of ``ontology/`` (``zhkg.ttl``, ``lexicon.ttl``, ``rules`` (the rule packs) ...)."""
    return data_dir("ontology") / name
