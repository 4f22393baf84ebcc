"""Runs the stages: documents -> parsed -> extractions -> graph.

:class:`Builder` owns the resources (lexicon, cues) and one segmenter; it checks
that every extractor's ``requires`` is assigned by an earlier stage before it
runs anything. Extraction of one document is a pure function of the document
and the resources, so several documents can run in worker processes
(``jobs > 1``); results are ordered by document id, so the graph does not
depend on input order or on the number of workers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from rdflib import Graph

from kg import extractors as registry
from kg.cues import load_cues
from kg.errors import KGError
from kg.extractors.base import Extractor, Resources
from kg.graph import build_graph
from kg.io import scrub_surrogates
from kg.lexicon import load_lexicon
from kg.parse import parse
from kg.segment import JiebaSegmenter, Segmenter
from kg.types import Document, Extraction

#: what the parse step provides before any extractor runs
PROVIDED = ("sentences", "tokens")


def check_order(stages: Sequence[Extractor]) -> None:
    """Fail before running if a stage needs what no earlier stage assigns.

    >>> from kg.extractors import get
    >>> check_order([get("relations")])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: extractor 'relations' requires 'mentions', which no earlier stage assigns (order: relations)
    """
    have = set(PROVIDED)
    order = ", ".join(s.name for s in stages)
    for stage in stages:
        for need in stage.requires:
            if need not in have:
                raise KGError(
                    f"extractor {stage.name!r} requires {need!r}, which no earlier stage assigns (order: {order})"
                )
        have.update(stage.assigns)


def with_ids(docs: Iterable[str | Document]) -> list[Document]:
    """Documents with ids: a string's id is a hash of its text; duplicate ids are disambiguated by content.

    >>> docs = with_ids(["数字经济", "算力", "数字经济"])
    >>> len(docs), [len(d.id) for d in docs]
    (2, [16, 16])
    """
    out: list[Document] = []
    for d in docs:
        doc = d if isinstance(d, Document) else Document(text=d)
        if not isinstance(doc.text, str):
            raise KGError(f"a document's text must be a string, not {type(doc.text).__name__}")
        doc = _scrubbed(doc)
        if doc.id is None:
            doc = doc.with_id(hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:16])
        out.append(doc)
    by_id: dict[str, list[Document]] = {}
    for doc in out:
        by_id.setdefault(doc.id or "", []).append(doc)
    result: list[Document] = []
    for doc_id, group in by_id.items():
        texts = {d.text for d in group}
        if len(texts) == 1:
            result.append(group[0])  # the same document given twice
            continue
        for d in group:
            h = hashlib.sha1(d.text.encode("utf-8")).hexdigest()[:8]
            result.append(d.with_id(f"{doc_id}-{h}"))
    return sorted(result, key=lambda d: d.id or "")


def _scrubbed(doc: Document) -> Document:
    """A document given through the API may hold lone surrogates too."""
    fields = ("text", "id", "title", "url", "source", "date", "author", "publisher")
    changes = {f: scrub_surrogates(v) for f in fields if (v := getattr(doc, f)) and scrub_surrogates(v) != v}
    return replace(doc, **changes) if changes else doc


class Builder:
    """Builds graphs from texts with one set of resources and extractors."""

    def __init__(
        self,
        extra_lexicons: Sequence[str] = (),
        extractors: Sequence[str] = registry.DEFAULT,
        segmenter: Segmenter | None = None,
    ) -> None:
        self.extra_lexicons = tuple(str(p) for p in extra_lexicons)
        self.extractor_names = tuple(extractors)
        self.stages: list[Extractor] = [registry.get(n) for n in self.extractor_names]
        check_order(self.stages)
        self.resources = Resources(load_lexicon(self.extra_lexicons), load_cues())
        self._segmenter = segmenter
        self._words_added = segmenter is None

    @property
    def segmenter(self) -> Segmenter:
        """The segmenter, created on first use with the lexicon's words added."""
        if self._segmenter is None:
            self._segmenter = JiebaSegmenter()
        if self._words_added:
            self._segmenter.add_words(self.resources.lexicon.jieba_words())
            self._words_added = False
        return self._segmenter

    def extract(self, doc: Document) -> Extraction:
        """Run every stage on one document."""
        parsed = parse(doc, self.segmenter, self.resources.cues.claim_verb_re)
        ex = Extraction(parsed)
        for stage in self.stages:
            ex = ex.merge(stage(ex, self.resources))
        return ex

    def extract_all(
        self,
        docs: Iterable[str | Document],
        jobs: int = 1,
        progress: Callable[[Document], None] | None = None,
    ) -> list[Extraction]:
        """Extractions of every document, in document-id order."""
        documents = with_ids(docs)
        if jobs == 0:
            jobs = os.cpu_count() or 1
        if jobs <= 1 or len(documents) < 2:
            out = []
            for d in documents:
                out.append(self.extract(d))
                if progress:
                    progress(d)
            return out
        return list(self._parallel(documents, jobs, progress))

    def _parallel(self, documents: list[Document], jobs: int, progress) -> Iterator[Extraction]:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker, initargs=(self.extra_lexicons, self.extractor_names)
        ) as pool:
            for doc, ex in zip(documents, pool.map(_extract_in_worker, documents, chunksize=4), strict=True):
                if progress:
                    progress(doc)
                yield ex

    def graph(self, docs: Iterable[str | Document], jobs: int = 1,
              progress: Callable[[Document], None] | None = None) -> Graph:
        """The knowledge graph of ``docs``."""
        extractions = self.extract_all(docs, jobs=jobs, progress=progress)
        return self.to_graph(extractions)

    def to_graph(self, extractions: list[Extraction]) -> Graph:
        lexicon = self.resources.lexicon
        return build_graph(extractions, {k: e.cls for k, e in lexicon.entries.items()})


_WORKER: Builder | None = None


def _init_worker(extra: tuple[str, ...], names: tuple[str, ...]) -> None:
    global _WORKER
    _WORKER = Builder(extra_lexicons=extra, extractors=names)


def _extract_in_worker(doc: Document) -> Extraction:
    assert _WORKER is not None
    ex = _WORKER.extract(doc)
    # documents travel back without their (already parsed) raw text to keep pickles small
    return replace(ex, parsed=replace(ex.parsed, doc=replace(ex.parsed.doc, text="")))
