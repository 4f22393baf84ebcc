"""Helpers for the tests of zhkg's output guarantees: external tools, the real CLI,
independent Turtle loaders, the SPEC's IRI rule and a real Oxigraph server.

Nothing here is mocked: every loader runs the real parser (rdflib, pyoxigraph,
Raptor's ``rapper``, ``serdi``, the ``oxigraph`` server), and :func:`kg` runs the
installed command in a child process so exit codes and standard error are real.

Where an external tool is missing the test that needs it is skipped with a
reason, except under ``CI=true``, where a missing tool is a failure: CI must
really run every loader the SPEC names.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus"
SEED = CORPUS / "seed/000_427787186f189a45.txt"
ARTICLES = CORPUS / "articles"

KGR = "https://w3id.org/zhkg/resource/"
KGO = "https://w3id.org/zhkg/ontology#"

#: how to get each external tool (Debian package or pip extra)
INSTALL_HINTS = {
    "rapper": "apt-get install raptor2-utils",
    "serdi": "apt-get install serdi",
    "oxigraph": "pip install oxigraph (the zhkg[test] extra)",
}


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def missing(reason: str) -> NoReturn:
    """The one way a test gives up for want of an external tool: a skip with the reason on a developer's
    machine, a failure under ``CI=true``, where a skip would hide a gap. Never for an ImportError of zhkg's
    own runtime dependencies: those are imported plainly, and fail."""
    if in_ci():
        pytest.fail(f"CI must run this test: {reason}", pytrace=False)
    pytest.skip(reason)


def require(tool: str) -> str:
    """The path of the command ``tool``; skip (locally) or fail (under ``CI=true``) when it is missing."""
    path = shutil.which(tool)
    if path:
        return path
    missing(f"{tool} is not installed: {INSTALL_HINTS.get(tool, 'install it')}")


def require_module(name: str, hint: str | None = None) -> ModuleType:
    """Import a test-only package (the ``test`` extra), or skip/fail as :func:`missing` says."""
    try:
        return importlib.import_module(name)
    except ImportError:
        missing(f"Python package {name} is not installed: {hint or f'pip install {name} (the zhkg[test] extra)'}")


def require_path(path: Path) -> Path:
    """``path`` if it exists; else skip: the shared corpus is not part of the repository."""
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus lives beside the repository)")
    return path


# --------------------------------------------------------------------------- the CLI


def kg(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | bytes | None = None,
    timeout: float = 900,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg ARGS`` in a child process; output decoded as UTF-8."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "kg", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=data if data is not None else b"",
        capture_output=True,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def kg_ok(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | bytes | None = None,
    timeout: float = 900,
) -> subprocess.CompletedProcess[str]:
    """:func:`kg` that must succeed; the failure message shows its standard error."""
    proc = kg(*args, cwd=cwd, env=env, stdin=stdin, timeout=timeout)
    assert proc.returncode == 0, f"kg {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}"
    return proc


def stderr_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.strip()]


def part_files(folder: Path) -> list[Path]:
    """Temporary files of an atomic write left in ``folder`` (hidden ones included)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.name.endswith(".part") or ".part" in p.suffixes)


# --------------------------------------------------------------------------- loaders


def count_rdflib(path: Path) -> int:
    return len(Graph().parse(path, format="turtle"))


def count_pyoxigraph(path: Path) -> int:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return len(store)


def count_rapper(path: Path) -> int:
    """Triples that Raptor's ``rapper -i turtle -c`` counts; any error or warning fails."""
    rapper = require("rapper")
    proc = subprocess.run([rapper, "-i", "turtle", "-c", str(path)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"rapper rejected {path.name}:\n{proc.stderr}"
    problems = [line for line in proc.stderr.splitlines() if re.search(r"error|warning", line, re.IGNORECASE)]
    assert not problems, f"rapper complained about {path.name}:\n" + "\n".join(problems)
    m = re.search(r"returned (\d+) triples?", proc.stderr)
    assert m, f"rapper printed no count:\n{proc.stderr}"
    return int(m.group(1))


def serdi_ntriples(path: Path) -> str:
    """``serdi -i turtle -o ntriples`` (strict parsing): the N-Triples text; any message fails."""
    serdi = require("serdi")
    proc = subprocess.run([serdi, "-i", "turtle", "-o", "ntriples", str(path)], capture_output=True, timeout=600)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0 and not err.strip(), f"serdi rejected {path.name} (exit {proc.returncode}):\n{err}"
    return proc.stdout.decode("utf-8")


def count_serdi(path: Path) -> int:
    return sum(1 for line in serdi_ntriples(path).splitlines() if line.strip() and not line.startswith("#"))


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve``: load a Turtle file into its default graph and count."""

    url: str
    process: subprocess.Popen[bytes]

    def request(self, path: str, data: bytes, content_type: str, accept: str | None = None) -> bytes:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(self.url + path, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=300) as resp:
                return resp.read()
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            raise AssertionError(f"Oxigraph answered {e.code} to POST {path}: {body}") from None

    def clear(self) -> None:
        self.request("/update", b"CLEAR DEFAULT", "application/sparql-update")

    def count(self) -> int:
        body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE {?s ?p ?o}"}).encode()
        answer = json.loads(
            self.request("/query", body, "application/x-www-form-urlencoded", "application/sparql-results+json")
        )
        return int(answer["results"]["bindings"][0]["n"]["value"])

    def load_count(self, path: Path) -> int:
        """Empty the default graph, POST the file to ``/store?default`` as text/turtle, count its triples."""
        self.clear()
        self.request("/store?default", path.read_bytes(), "text/turtle")
        return self.count()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def oxigraph_server(timeout: float = 60) -> Iterator[OxigraphServer]:
    """Start ``oxigraph serve`` on a free loopback port with a fresh store; stop it afterwards."""
    binary = require("oxigraph")
    with tempfile.TemporaryDirectory(prefix="zhkg-oxigraph-") as location:
        port = _free_port()
        log = Path(location) / "server.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [binary, "serve", "--location", str(Path(location) / "db"), "--bind", f"127.0.0.1:{port}"],
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            server = OxigraphServer(f"http://127.0.0.1:{port}", process)
            try:
                deadline = time.monotonic() + timeout
                while True:
                    if process.poll() is not None:
                        raise AssertionError(f"oxigraph serve exited {process.returncode}: {log.read_text()}")
                    try:
                        server.count()
                        break
                    except (OSError, AssertionError):
                        if time.monotonic() > deadline:
                            raise AssertionError(f"oxigraph serve did not answer in {timeout} s") from None
                        time.sleep(0.2)
                yield server
            finally:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=20)


@pytest.fixture(scope="session")
def oxigraph() -> Iterator[OxigraphServer]:
    """One Oxigraph server for the session (import this fixture into a test module to use it)."""
    with oxigraph_server() as server:
        yield server


# --------------------------------------------------------------------------- IRIs

# RFC 3987 ucschar, written out here (not taken from kg.rdf.iri) so the check is independent
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0x10000, 0x1FFFD), (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD), (0x40000, 0x4FFFD), (0x50000, 0x5FFFD), (0x60000, 0x6FFFD), (0x70000, 0x7FFFD),
    (0x80000, 0x8FFFD), (0x90000, 0x9FFFD), (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD),
    (0xD0000, 0xDFFFD), (0xE1000, 0xEFFFD),
)
_HASHED = re.compile(r"(fact|stat|claim)/[0-9a-f]{16}")
_PCT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
#: characters Turtle's IRIREF never allows, escaped or not
_IRIREF_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def iunreserved(ch: str) -> bool:
    """RFC 3987 ``iunreserved``: ASCII letters and digits, ``-._~`` and ``ucschar``."""
    if ch.isascii():
        return ch.isalnum() or ch in "-._~"
    return any(lo <= ord(ch) <= hi for lo, hi in _UCSCHAR)


def key_problems(key: str) -> list[str]:
    """What breaks the SPEC's encoding rule in an entity key or document id as written in an IRI."""
    problems: list[str] = []
    pos = 0
    for m in _PCT_RUN.finditer(key):
        problems += [f"{ch!r} (U+{ord(ch):04X}) is not percent-encoded" for ch in key[pos : m.start()]
                     if not iunreserved(ch)]
        run = m.group(0)
        if run != run.upper():
            problems.append(f"{run}: percent-encoding in lower case")
        try:
            decoded = bytes.fromhex(run.replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{run}: not UTF-8")
            decoded = ""
        problems += [f"{ch!r} is iunreserved but percent-encoded ({run})" for ch in decoded if iunreserved(ch)]
        pos = m.end()
    problems += [f"{ch!r} (U+{ord(ch):04X}) is not percent-encoded" for ch in key[pos:] if not iunreserved(ch)]
    return problems


def iri_problems(iri: str) -> list[str]:
    """Why ``iri`` breaks the SPEC's IRI rules (empty when it keeps them).

    ``kgr:`` IRIs: an entity key or ``doc/<id>`` with every character outside
    RFC 3987 ``iunreserved`` percent-encoded as UTF-8 (and nothing else), or
    ``fact|stat|claim/<16 hex>``. Any IRI: absolute and valid for Turtle and
    Oxigraph.
    """
    problems: list[str] = []
    if _IRIREF_BAD.search(iri):
        problems.append("has a character Turtle's IRIREF forbids")
    if iri.startswith(KGR):
        local = iri[len(KGR) :]
        if not local:
            problems.append("empty kgr: key")
        elif _HASHED.fullmatch(local):
            pass
        elif local.split("/", 1)[0] in ("fact", "stat", "claim"):
            problems.append(f"{local!r}: not <kind>/<16 hex digits>")
        else:
            key = local.removeprefix("doc/")
            problems += key_problems(key) if key else ["empty document id"]
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as e:
        problems.append(f"Oxigraph rejects it: {e}")
    return [f"<{iri}>: {p}" for p in problems]


def graph_iris(graph: Graph) -> set[str]:
    """Every IRI of an rdflib graph (subjects, predicates, objects, datatypes)."""
    out: set[str] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                out.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                out.add(str(term.datatype))
    return out


def literal_keys(graph: Graph) -> set[tuple[str, str, str]]:
    """(text, lower-case language, datatype) of every literal: how a store keeps it."""
    out: set[tuple[str, str, str]] = set()
    for _, _, o in graph:
        if isinstance(o, Literal):
            datatype = "" if o.language or o.datatype in (None, XSD.string) else str(o.datatype)
            out.add((str(o), (o.language or "").lower(), datatype))
    return out


def pyoxigraph_literal_keys(path: Path) -> set[tuple[str, str, str]]:
    import pyoxigraph

    out: set[tuple[str, str, str]] = set()
    xsd_string = "http://www.w3.org/2001/XMLSchema#string"
    for quad in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
        o = quad.object
        if isinstance(o, pyoxigraph.Literal):
            datatype = "" if o.language or o.datatype.value == xsd_string else o.datatype.value
            out.add((o.value, (o.language or "").lower(), datatype))
    return out


def write_files(folder: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write ``name -> content`` into ``folder`` (UTF-8 for text); the paths in that order."""
    paths = []
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        paths.append(path)
    return paths


def imported_modules(path: Path) -> set[str]:
    """Top-level names of every module the Python file ``path`` imports, at any depth of a function."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names
