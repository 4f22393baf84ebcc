"""``kg query`` and ``kg view`` as a red team meets them: a query must not reach the network unless
asked (and then not hang), run-time errors and unreadable query files are one line, graph results
print in a format that fits, and a graph with nothing to show is said so.

Every case runs the real command in a child process; the network is real loopback sockets only.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tools import KGO, KGR, kg, kg_ok, stderr_lines

DATA = f"""\
@prefix kgo: <{KGO}> .
@prefix kgr: <{KGR}> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kgr:数字经济 a kgo:Concept ; skos:prefLabel "数字经济"@zh-Hans ; skos:altLabel "數字經濟"@zh-Hant .
kgr:数字产业化 a kgo:Concept ; skos:prefLabel "数字产业化"@zh-Hans ; kgo:partOf kgr:数字经济 .
"""


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("safety") / "graph.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def error_line(proc: subprocess.CompletedProcess[str], command: str = "query") -> str:
    """The one error line of a failed command: non-zero exit, no traceback, nothing else on stderr."""
    assert proc.returncode != 0, f"exit 0; stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = stderr_lines(proc)
    assert len(lines) == 1 and lines[0].startswith(f"kg {command}: error: "), proc.stderr
    return lines[0]


# --------------------------------------------------------------------------- loopback servers


@contextlib.contextmanager
def listener(answer: bool = False) -> Iterator[tuple[int, list[socket.socket]]]:
    """A loopback port that listens; with ``answer`` a thread accepts (and never replies).

    Yields the port and the connections accepted; without ``answer`` nothing is accepted, so
    :func:`connections_waiting` tells whether anyone connected.
    """
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                conn, _ = server.accept()
                accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True) if answer else None
    if thread:
        thread.start()
    try:
        yield server.getsockname()[1], accepted
        if not answer:
            accepted.extend(connections_waiting(server))
    finally:
        stop.set()
        if thread:
            thread.join(5)
        for conn in accepted:
            conn.close()
        server.close()


def connections_waiting(server: socket.socket) -> list[socket.socket]:
    """Connections the kernel completed on a listening socket nobody accepted from."""
    server.settimeout(0.3)
    found = []
    with contextlib.suppress(TimeoutError, OSError):
        while True:
            found.append(server.accept()[0])
    return found


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def sparql_endpoint() -> Iterator[tuple[str, list[str]]]:
    """A real loopback SPARQL endpoint that answers every query with one binding; yields its URL and the paths asked."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.answer()

        def do_POST(self) -> None:  # rdflib posts a query of 600 characters or more
            length = int(self.headers.get("Content-Length") or 0)
            asked.append(f"{self.path}?{self.rfile.read(length).decode()}")
            self.answer()

        def answer(self) -> None:
            body = json.dumps({"head": {"vars": ["o"]},
                               "results": {"bindings": [{"o": {"type": "literal", "value": "来自远方"}}]}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", asked
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- SERVICE and FROM


def service(port: int) -> str:
    return f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE SILENT <http://127.0.0.1:{port}/s> {{ ?s ?p ?x }} }} }}",
    "SELECT * FROM <http://127.0.0.1:{port}/g.ttl> WHERE {{ ?s ?p ?o }}",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "LOAD <http://127.0.0.1:{port}/g.ttl>",
], ids=["service", "service_in_not_exists", "from", "from_named", "load"])
def test_remote_query_is_refused_without_connecting(graph_file: Path, query: str) -> None:
    with listener() as (port, connections):
        proc = kg("query", graph_file, "-q", query.format(port=port), timeout=120)
    line = error_line(proc)
    assert connections == [], f"kg query connected to the loopback server: {line}"
    if "SERVICE" in query:
        assert "--allow-service" in line


def test_refused_service_names_the_option(graph_file: Path) -> None:
    with listener() as (port, connections):
        line = error_line(kg("query", graph_file, "-q", service(port), "--timeout", "1", timeout=120))
    assert f"SERVICE <http://127.0.0.1:{port}/sparql>" in line and "--allow-service" in line
    assert connections == []


def test_allowed_service_that_never_answers_times_out(graph_file: Path) -> None:
    with listener(answer=True) as (port, connections):
        start = time.monotonic()
        proc = kg("query", graph_file, "-q", service(port), "--allow-service", "--timeout", "2", timeout=120)
        elapsed = time.monotonic() - start
    line = error_line(proc)
    assert connections, "the query never reached the endpoint"
    assert "did not answer within 2 s" in line, line
    assert 2 <= elapsed < 30, f"took {elapsed:.1f} s with --timeout 2"


def test_allowed_service_refused_connection_is_one_line(graph_file: Path) -> None:
    port = closed_port()
    line = error_line(kg("query", graph_file, "-q", service(port), "--allow-service", "--timeout", "5", timeout=120))
    assert f"SERVICE <http://127.0.0.1:{port}/sparql> refused the connection" in line


def test_allowed_service_answers(graph_file: Path) -> None:
    with sparql_endpoint() as (url, asked):
        query = f"SELECT ?o WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        out = kg_ok("query", graph_file, "-q", query, "--allow-service", "--format", "json", timeout=120).stdout
    assert asked and asked[0].startswith("/sparql?")
    assert json.loads(out)["results"]["bindings"] == [{"o": {"type": "literal", "value": "来自远方"}}]


@pytest.mark.parametrize("context", ['"http://127.0.0.1:{port}/ctx.jsonld"',
                                     '[{{"b": "http://b"}}, "http://127.0.0.1:{port}/ctx.jsonld"]',
                                     '{{"@import": "http://127.0.0.1:{port}/ctx.jsonld"}}'],
                         ids=["context", "context_list", "import"])
def test_json_ld_graph_with_a_remote_context_is_refused(tmp_path: Path, context: str) -> None:
    """rdflib fetches a remote JSON-LD @context while parsing (with no timeout): loading a GRAPH must not."""
    graph = tmp_path / "remote.jsonld"
    with listener() as (port, connections):
        graph.write_text(f'{{"@context": {context.format(port=port)}, "@id": "http://a", "http://b": "c"}}',
                         encoding="utf-8")
        line = error_line(kg("query", graph, "-q", "ASK { ?s ?p ?o }", timeout=120))
    assert connections == [], f"loading the graph connected to the loopback server: {line}"
    assert f"{graph}: its JSON-LD @context refers to http://127.0.0.1:{port}/ctx.jsonld" in line


def test_json_ld_graph_with_an_inline_context_loads(tmp_path: Path) -> None:
    graph = tmp_path / "inline.jsonld"
    graph.write_text('{"@context": {"b": "http://b"}, "@id": "http://a", "b": "c"}', encoding="utf-8")
    assert kg_ok("query", graph, "-q", 'ASK { <http://a> <http://b> "c" }').stdout.strip() == "true"


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf", "nan"])
def test_timeout_must_be_positive_seconds(graph_file: Path, value: str) -> None:
    proc = kg("query", graph_file, "-q", "ASK { ?s ?p ?o }", "--timeout", value, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "argument --timeout" in proc.stderr


# --------------------------------------------------------------------------- run-time errors, query files


def test_runtime_error_is_one_line(graph_file: Path) -> None:
    line = error_line(kg("query", graph_file, "-q", 'SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(?o, "(")) }'))
    assert line.startswith("kg query: error: query failed: ") and "subpattern" in line


@pytest.mark.parametrize(("content", "problem"), [
    ("SELECT ?s WHERE { ?s ?p \"数字\" }".encode("gb18030"), "not UTF-8 text"),
    (b"SELECT ?s WHERE {\n ?s ?p \"\xff\" }", "line 2"),
])
def test_query_file_that_is_not_utf8(graph_file: Path, tmp_path: Path, content: bytes, problem: str) -> None:
    rq = tmp_path / "bad.rq"
    rq.write_bytes(content)
    line = error_line(kg("query", graph_file, "-f", rq))
    assert f"{rq}: not UTF-8 text" in line and problem in line


def test_query_file_missing_or_a_folder(graph_file: Path, tmp_path: Path) -> None:
    assert f"{tmp_path / 'nosuch.rq'}: no such query file" in error_line(kg("query", graph_file, "-f",
                                                                             tmp_path / "nosuch.rq"))
    assert f"{tmp_path}: not a file" in error_line(kg("query", graph_file, "-f", tmp_path))


def test_unreadable_query_file(graph_file: Path, tmp_path: Path) -> None:
    rq = tmp_path / "secret.rq"
    rq.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    rq.chmod(0)
    try:
        with contextlib.suppress(PermissionError):
            rq.read_bytes()
            pytest.skip("running as a user who can read any file (root)")
        assert f"{rq}: cannot read the query file" in error_line(kg("query", graph_file, "-f", rq))
    finally:
        rq.chmod(0o644)


@pytest.mark.skipif(not Path("/proc/self/mem").is_file(), reason="needs Linux /proc")
def test_query_file_that_fails_to_read(graph_file: Path) -> None:
    """A file that exists but whose read fails (EIO, even for root): one line, not a traceback."""
    assert "/proc/self/mem: cannot read the query file: " in error_line(kg("query", graph_file, "-f", "/proc/self/mem"))


def test_query_file_with_a_bom_runs(graph_file: Path, tmp_path: Path) -> None:
    rq = tmp_path / "bom.rq"
    rq.write_bytes("\ufeffASK { ?c a kgo:Concept }".encode())
    assert kg_ok("query", graph_file, "-f", rq).stdout.strip() == "true"


# --------------------------------------------------------------------------- graph results


@pytest.mark.parametrize("query", [
    "CONSTRUCT { ?o kgo:hasPart ?s . ?s kgo:note [ skos:prefLabel ?l ] }\n"
    "WHERE { ?s kgo:partOf ?o ; skos:prefLabel ?l }",
    "DESCRIBE kgr:数字经济",
], ids=["construct", "describe"])
def test_graph_result_as_json_is_json_ld(graph_file: Path, query: str) -> None:
    """JSON-LD that parses back to the table's Turtle graph, byte-identical across runs (hash seeds differ)."""
    runs = [kg_ok("query", graph_file, "-q", query, "--format", "json", env={"PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1]
    data = json.loads(runs[0])
    assert data["@context"]["kgo"] == KGO
    turtle = kg_ok("query", graph_file, "-q", query, "--format", "table").stdout
    assert isomorphic(Graph().parse(data=runs[0], format="json-ld"), Graph().parse(data=turtle, format="turtle"))


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_graph_result_refuses_row_formats(graph_file: Path, fmt: str) -> None:
    line = error_line(kg("query", graph_file, "-q", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--format", fmt))
    assert "--format table (Turtle) or --format json (JSON-LD)" in line


# --------------------------------------------------------------------------- kg view of a graph with nothing to show


@pytest.mark.parametrize(("content", "problem"), [
    ("<http://a> <http://b> <http://c> .\n", "holds 1 triple but no zhkg entities"),
    ("", "holds no RDF triples, so no zhkg entities"),
    (f"<http://a> a <{KGO.replace('zhkg', 'zhkg2')}Concept> .\n", "holds 1 triple but no zhkg entities"),
], ids=["foreign_triple", "empty_file", "lookalike_class"])
def test_view_of_a_graph_without_zhkg_entities_is_refused(tmp_path: Path, content: str, problem: str) -> None:
    ttl = tmp_path / "other.ttl"
    ttl.write_text(content, encoding="utf-8")
    line = error_line(kg("view", ttl), "view")
    assert f"{ttl}: {problem}" in line and KGO in line
    assert not (tmp_path / "other.html").exists(), "a blank page was written"


def test_view_of_several_graphs_without_entities_names_them(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.nt"
    a.write_text("", encoding="utf-8")
    b.write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    assert f"{a}, {b}: hold 1 triple but no zhkg entities" in error_line(kg("view", a, b), "view")


def test_view_of_a_zhkg_graph_still_writes(graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    proc = kg_ok("view", graph_file, "-o", out)
    assert out.is_file() and "2 nodes" in proc.stdout and not proc.stderr.strip()
