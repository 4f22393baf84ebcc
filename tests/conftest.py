"""Session-wide fixtures: the expensive things are made once per test run.

A :class:`~kg.pipeline.Builder` loads the lexicon, the cues and a jieba
tokenizer of its own (about a second); building the sample or the seed
article takes a few seconds more. Every test module that needs one of them
asks for the fixture here instead of making its own.

The seed article is in the shared corpus beside the repository, which is
not part of it: tests that need it skip, saying why, where it is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import Graph

import kg
from kg.pipeline import Builder
from kg.sample import sample_document
from kg.types import Document

#: the article zhkg was designed from (SPEC, first paragraph)
SEED = Path(__file__).resolve().parents[2] / "shared/corpus/seed/000_427787186f189a45.txt"

# the helper modules beside this file (tools.py, browser.py) import as top-level modules
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def builder() -> Builder:
    """One Builder with the built-in lexicon and the default extractors (never mutate it)."""
    return Builder()


@pytest.fixture(scope="session")
def sample_graph() -> Graph:
    """``kg.build`` of the built-in sample (what ``kg build`` with no INPUT builds)."""
    return kg.build([sample_document()])


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article; skips when the shared corpus is absent."""
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent: the shared corpus lives beside the repository, not in it")
    return SEED


@pytest.fixture(scope="session")
def seed_document(seed_path: Path) -> Document:
    """The seed article read as ``kg build`` reads a text file (id: the file stem)."""
    from kg.io import iter_documents

    (doc,) = iter_documents([seed_path])
    return doc


@pytest.fixture(scope="session")
def seed_graph(builder: Builder, seed_document: Document) -> Graph:
    """The graph of the seed article."""
    return builder.graph([seed_document])
