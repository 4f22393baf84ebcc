"""Runs the stages: documents -> parsed -> extractions -> resolved model -> graph.

:class:`Builder` owns the resources (lexicon, rule packs, property signatures) and one segmenter; it checks
that every extractor's ``requires`` is assigned by an earlier stage before it
runs anything. Extraction of one document is a pure function of the document
and the resources, so several documents can run in worker processes
(``jobs > 1``); results are ordered by document id, so the graph does not
depend on input order or on the number of workers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg import extractors as registry
from kg.errors import DocumentFailed, KGError
from kg.extractors.base import Extractor, Resources
from kg.io import scrub_surrogates
from kg.lexicon import load_lexicon
from kg.model import Model
from kg.rdf.ontology import Ontology
from kg.rdf.ontology import load as load_ontology
from kg.resolve import resolve
from kg.rules import load_rules
from kg.text.parse import parse
from kg.text.segment import JiebaSegmenter, Segmenter
from kg.types import Document, Extraction

if TYPE_CHECKING:
    from kg.rdf.writer import Graph

#: what the parse step provides before any extractor runs
PROVIDED = ("sentences", "tokens")


def check_order(stages: Sequence[Extractor]) -> None:
    """Fail before running if a stage needs what no earlier stage assigns, or runs before a stage it
    declares it must follow (``after``).

    >>> from kg.extractors import get
    >>> check_order([get("relations")])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: extractor 'relations' requires 'mentions', which no earlier stage assigns (order: relations)
    >>> check_order([get(n) for n in ("entities", "statistics", "claims")])
    Traceback (most recent call last):
    ...
    kg.errors.KGError: extractor 'statistics' must run after 'claims': ... (order: entities, statistics, claims)
    """
    have = set(PROVIDED)
    names = [s.name for s in stages]
    order = ", ".join(names)
    for i, stage in enumerate(stages):
        for need in stage.requires:
            if need not in have:
                raise KGError(
                    f"extractor {stage.name!r} requires {need!r}, which no earlier stage assigns (order: {order})"
                )
        for earlier in getattr(stage, "after", ()):
            if earlier in names[i + 1 :]:
                why = getattr(stage, "after_why", "")
                raise KGError(f"extractor {stage.name!r} must run after {earlier!r}{': ' + why if why else ''} "
                              f"(order: {order})")
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
    """Builds graphs from texts with one set of resources and extractors.

    ``ontology`` is the ontology file the graph is resolved and written against
    (default: zhkg's ``ontology/zhkg.ttl``): a property it declares is written
    when an extractor emits it, with no change in code.
    """

    def __init__(
        self,
        extra_lexicons: Sequence[str] = (),
        extractors: Sequence[str] = registry.DEFAULT,
        segmenter: Segmenter | None = None,
        ontology: str | Path | None = None,
        rules: Sequence[str] = (),
    ) -> None:
        self._ontology_file = ontology
        if ontology is not None:
            load_ontology(ontology)  # a missing or broken file is an error now, not after the extraction
        self.extra_lexicons = tuple(str(p) for p in extra_lexicons)
        self.rule_dirs = tuple(str(p) for p in rules)
        self.extractor_names = tuple(extractors)
        self.stages: list[Extractor] = [registry.get(n) for n in self.extractor_names]
        check_order(self.stages)
        self.resources = Resources(load_lexicon(self.extra_lexicons), load_rules(self.rule_dirs),
                                   self.ontology.signatures)
        self._segmenter = segmenter
        self._words_added = segmenter is None

    @property
    def ontology(self) -> Ontology:
        """The ontology the graph is resolved against, read on first use (workers never need it)."""
        return load_ontology(self._ontology_file)

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
        """Run every stage on one document; a bug in a stage is reported with the document's id."""
        stage_name = "parse"
        try:
            parsed = parse(doc, self.segmenter, self.resources.rules.shared.speech_verb_re)
            ex = Extraction(parsed)
            for stage in self.stages:
                stage_name = stage.name
                ex = ex.merge(stage(ex, self.resources))
        except KGError:
            raise
        except Exception as e:
            raise DocumentFailed(f"document {doc.id} ({stage_name}): {type(e).__name__}: {e}") from e
        return ex

    def extract_all(
        self,
        docs: Iterable[str | Document],
        jobs: int = 1,
        progress: Callable[[Document], None] | None = None,
    ) -> list[Extraction]:
        """Extractions of every document, in document-id order."""
        documents = with_ids(docs)
        jobs = worker_count(jobs, len(documents))
        if jobs <= 1:
            out = []
            for d in documents:
                out.append(self.extract(d))
                if progress:
                    progress(d)
            return out
        return list(self._parallel(documents, jobs, progress))

    def _parallel(self, documents: list[Document], jobs: int, progress) -> Iterator[Extraction]:
        """Extractions from worker processes, in order. However this ends (an error, Ctrl-C, SIGTERM),
        no worker outlives it: on an exception the workers are killed rather than waited for."""
        pool = ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_worker,
            initargs=(self.extra_lexicons, self.extractor_names, self.rule_dirs, self._ontology_file),
        )
        try:
            for doc, ex in zip(documents, pool.map(_extract_in_worker, documents, chunksize=4), strict=True):
                if progress:
                    progress(doc)
                yield ex
        except BaseException:
            _kill_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def graph(self, docs: Iterable[str | Document], jobs: int = 1,
              progress: Callable[[Document], None] | None = None) -> Graph:
        """The knowledge graph of ``docs``."""
        extractions = self.extract_all(docs, jobs=jobs, progress=progress)
        return self.to_graph(extractions)

    def resolve(self, extractions: list[Extraction]) -> Model:
        """The resolved model of ``extractions`` (see :mod:`kg.resolve`)."""
        lexicon = self.resources.lexicon
        return resolve(extractions, {k: e.cls for k, e in lexicon.entries.items()}, self.ontology)

    def to_graph(self, extractions: list[Extraction]) -> Graph:
        """The rdflib graph of ``extractions``: resolved, then written by :mod:`kg.rdf.writer`."""
        from kg.rdf.writer import to_graph

        return to_graph(self.resolve(extractions))


def worker_count(requested: int, documents: int) -> int:
    """Worker processes actually used: ``0`` means one per core; never more than the cores or the documents
    (``-j 1000`` for five documents would fork a thousand interpreters of half a gigabyte each).

    >>> worker_count(1000, 1), worker_count(1, 50)
    (1, 1)
    """
    if requested < 0:
        raise KGError("the number of worker processes must be 0 (one per core) or more")
    cores = os.cpu_count() or 1
    wanted = cores if requested == 0 else requested
    return max(1, min(wanted, cores, documents))


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's processes now (``shutdown`` alone would let them finish their queued documents)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            process.kill()


_WORKER: Builder | None = None

#: how often a worker checks that its parent is still alive (seconds)
ORPHAN_CHECK = 0.5


def _init_worker(extra: tuple[str, ...], names: tuple[str, ...], rules: tuple[str, ...] = (),
                 ontology: str | Path | None = None) -> None:
    """Load the resources once per worker, and make sure the worker dies with its parent.

    Ctrl-C reaches the whole process group: the parent handles it and kills the workers, so workers
    ignore SIGINT; SIGTERM kills them (the parent's handler is not theirs). If the parent is killed
    outright (SIGKILL), Linux's parent-death signal ends the worker, and a watchdog thread that sees
    the parent gone does so everywhere else.
    """
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _die_with_parent()
    warnings.simplefilter("ignore", UserWarning)  # the parent loaded the same lexicon and said it already
    _WORKER = Builder(extra_lexicons=extra, extractors=names, rules=rules, ontology=ontology)


def _die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="zhkg-orphan-watch", daemon=True).start()


def _extract_in_worker(doc: Document) -> Extraction:
    assert _WORKER is not None
    ex = _WORKER.extract(doc)
    # documents travel back without their (already parsed) raw text to keep pickles small
    return replace(ex, parsed=replace(ex.parsed, doc=replace(ex.parsed.doc, text="")))
