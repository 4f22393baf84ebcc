"""Helpers for the HTML graph's browser tests and benchmark: Debian's Chromium driven
by Playwright (never a downloaded browser), page-ready waits, synthetic zhkg graphs.

Where Chromium or Playwright is missing the browser tests skip, saying why, except
under ``CI=true``, where a missing tool is a failure: CI must really run them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KGO = "https://w3id.org/zhkg/ontology#"
KGR = "https://w3id.org/zhkg/resource/"
SCHEMA = "https://schema.org/"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright (Python) is not installed: pip install playwright"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM}: apt-get install chromium"
    return None


def require_browser() -> None:
    """Skip (locally) or fail (under CI=true) when the browser tests cannot run."""
    from tools import missing

    reason = missing_browser()
    if reason is not None:
        missing(f"browser tests need a browser: {reason}")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class Opened:
    """A page showing one HTML graph, with every request and console error it made."""

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int] = (1400, 900),
                 timeout_ms: int = 60_000) -> None:
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           device_scale_factor=1)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.goto(self.url, wait_until="load", timeout=timeout_ms)
        self.page.wait_for_function("window.__kgReady === true", timeout=timeout_ms)

    def ready_ms(self) -> float:
        """Milliseconds from navigation start to the first frame drawn (physics is off, so final)."""
        return float(self.page.evaluate("window.__kgReadyMs"))

    def close(self) -> None:
        self.context.close()


# --------------------------------------------------------------------------- synthetic graphs

_CHARS = ("数据算力网络智能产业经济平台技术服务模型应用安全治理创新制造云计算工业互联"
          "信息系统数字化转型标准开放生态芯片存储交易要素市场监管金融医疗交通能源城市")
_CLASSES = ("Concept", "Concept", "Concept", "Technology", "Technology", "Sector", "Product",
            "Organization", "Organization", "Person", "Place")
_PROPS = ("partOf", "isA", "integratesWith", "enables", "requires", "constrains", "appliedIn",
          "relatedTo", "relatedTo", "relatedTo")
_SYMMETRIC = {"integratesWith", "relatedTo"}


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]


def entity(g: Graph, label: str, cls: str, alts: tuple[str, ...] = ()) -> URIRef:
    """Add an entity as the SPEC has it (type, prefLabel@zh-Hans, altLabels)."""
    from urllib.parse import quote

    iri = URIRef(KGR + quote(label, safe=""))
    g.add((iri, RDF.type, URIRef(KGO + cls)))
    ascii_only = all(ord(c) < 128 for c in label)
    g.add((iri, SKOS.prefLabel, Literal(label) if ascii_only else Literal(label, lang="zh-Hans")))
    for a in alts:
        g.add((iri, SKOS.altLabel, Literal(a, lang="zh-Hant")))
    return iri


def document(g: Graph, doc_id: str, title: str) -> URIRef:
    doc = URIRef(KGR + "doc/" + doc_id)
    g.add((doc, RDF.type, URIRef(KGO + "Document")))
    g.add((doc, DCTERMS.title, Literal(title, lang="zh-Hans")))
    return doc


def relation(g: Graph, s: URIRef, prop: str, o: URIRef, doc: URIRef, sentence: str, rule: str,
             confidence: str = "0.85", weight: int | None = None) -> None:
    """A relation triple and its provenance statement."""
    if prop in _SYMMETRIC and str(o) < str(s):
        s, o = o, s
    p = URIRef(KGO + prop)
    g.add((s, p, o))
    st = URIRef(KGR + "fact/" + _h(str(s), prop, str(o), str(doc), sentence, rule))
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, p))
    g.add((st, RDF.object, o))
    g.add((st, PROV.wasDerivedFrom, doc))
    g.add((st, URIRef(KGO + "evidence"), Literal(sentence, lang="zh-Hans")))
    g.add((st, URIRef(KGO + "confidence"), Literal(Decimal(confidence), datatype=XSD.decimal)))
    g.add((st, URIRef(KGO + "rule"), Literal(rule)))
    if weight is not None:
        g.add((st, URIRef(KGO + "weight"), Literal(weight, datatype=XSD.integer)))


def statistic(g: Graph, about: URIRef, label: str, value: str, unit: str, year: str, doc: URIRef,
              sentence: str, metric: str = "规模") -> URIRef:
    st = URIRef(KGR + "stat/" + _h(str(about), label, value))
    g.add((st, RDF.type, URIRef(KGO + "Statistic")))
    g.add((st, RDFS.label, Literal(label, lang="zh-Hans")))
    g.add((st, URIRef(KGO + "about"), about))
    g.add((st, URIRef(KGO + "value"), Literal(Decimal(value), datatype=XSD.decimal)))
    g.add((st, URIRef(KGO + "unit"), Literal(unit)))
    g.add((st, URIRef(KGO + "metric"), Literal(metric, lang="zh-Hans")))
    g.add((st, URIRef(KGO + "year"), Literal(year, datatype=XSD.gYear)))
    g.add((st, URIRef(KGO + "evidence"), Literal(sentence, lang="zh-Hans")))
    g.add((st, PROV.wasDerivedFrom, doc))
    return st


def claim(g: Graph, speaker: URIRef, about: tuple[URIRef, ...], text: str, doc: URIRef) -> URIRef:
    c = URIRef(KGR + "claim/" + _h(str(speaker), text))
    g.add((c, RDF.type, URIRef(KGO + "Claim")))
    g.add((c, URIRef(KGO + "speaker"), speaker))
    for a in about:
        g.add((c, URIRef(KGO + "about"), a))
    g.add((c, URIRef(KGO + "text"), Literal(text, lang="zh-Hans")))
    g.add((c, URIRef(KGO + "evidence"), Literal(text, lang="zh-Hans")))
    g.add((c, PROV.wasDerivedFrom, doc))
    return c


def synthetic_graph(n: int, edges_per_node: float = 3.0, seed: int = 1) -> Graph:
    """A zhkg-shaped graph of ``n`` nodes (entities, 10% Statistics, 5% Claims) and about
    ``edges_per_node * n`` edges, hubs included (preferential attachment), with provenance."""
    rng = random.Random(seed)
    g = Graph()
    n_stats, n_claims = n // 10, n // 20
    n_ent = max(2, n - n_stats - n_claims)
    docs = [document(g, f"d{i:04d}", f"合成文档 {i}") for i in range(max(1, n // 25))]
    labels: set[str] = set()
    ents: list[URIRef] = []
    people: list[URIRef] = []
    while len(ents) < n_ent:
        label = "".join(rng.choice(_CHARS) for _ in range(rng.choice((2, 3, 4, 4, 5))))
        if label in labels:
            continue
        labels.add(label)
        cls = rng.choice(_CLASSES)
        iri = entity(g, label, cls)
        ents.append(iri)
        if cls == "Person":
            people.append(iri)
        for d in rng.sample(docs, min(len(docs), rng.choice((1, 1, 2, 3)))):
            g.add((d, URIRef(SCHEMA + "mentions"), iri))
    people = people or ents[:1]
    # preferential attachment: each new entity links to ~k earlier ones, chosen by degree
    targets: list[URIRef] = [ents[0]]
    budget = int(edges_per_node * n) - n_stats - n_claims * 2
    seen: set[tuple[str, str, str]] = set()
    for i in range(1, n_ent):
        # spread the budget evenly over the new entities, retrying a duplicate a few times
        want = budget * i // (n_ent - 1) - budget * (i - 1) // (n_ent - 1)
        for _ in range(want * 5):
            if want == 0:
                break
            o = rng.choice(targets)
            s = ents[i]
            prop = rng.choice(_PROPS)
            key = (str(s), prop, str(o))
            if o == s or key in seen:
                continue
            seen.add(key)
            want -= 1
            doc = rng.choice(docs)
            sentence = f"合成句子{i}：{g.value(s, SKOS.prefLabel)}与{g.value(o, SKOS.prefLabel)}有关。"
            relation(g, s, prop, o, doc, sentence, f"synthetic.{prop}",
                     weight=rng.randint(1, 5) if prop == "relatedTo" else None)
            targets.extend((s, o))
    for i in range(n_stats):
        about = rng.choice(ents)
        statistic(g, about, f"统计{i} {rng.randint(1, 999)}亿", str(rng.randint(1, 999) * 10**8), "CNY",
                  str(rng.randint(2015, 2025)), rng.choice(docs), f"合成统计句子{i}。")
    for i in range(n_claims):
        claim(g, rng.choice(people), (rng.choice(ents),), f"合成观点{i}：发展需要协同。", rng.choice(docs))
    return g
