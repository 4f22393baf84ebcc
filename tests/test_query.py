"""SPARQL over zhkg graphs (``kg.query``): the three query forms, prefixes, errors, output formats, named queries."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS, XSD

from kg.errors import KGError, QueryError, UnknownNameError
from kg.query import describe, format_result, load_named, named_queries, run_query, service_endpoints, to_jsonld

KGR = "https://w3id.org/zhkg/resource/"

DATA = """\
@prefix kgo: <https://w3id.org/zhkg/ontology#> .
@prefix kgr: <https://w3id.org/zhkg/resource/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

kgr:数字经济 a kgo:Concept ; skos:prefLabel "数字经济"@zh-Hans ; skos:altLabel "數字經濟"@zh-Hant .
kgr:数字产业化 a kgo:Concept ; skos:prefLabel "数字产业化"@zh-Hans ; kgo:partOf kgr:数字经济 .
kgr:ChatGPT a kgo:Product ; skos:prefLabel "ChatGPT" .
kgr:A%2FB测试 a kgo:Technology ; skos:prefLabel "A/B测试"@zh-Hans .
<https://w3id.org/zhkg/resource/stat/0123456789abcdef> a kgo:Statistic ; kgo:value "45500000000000"^^xsd:decimal ;
    kgo:unit "CNY" ; kgo:about kgr:数字经济 ; kgo:evidence "规模达45.5万亿，增长\\"很快\\"\\n第二行"@zh-Hans .
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(data=DATA, format="turtle")


# --------------------------------------------------------------------------- running


def test_select_with_predeclared_prefixes(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?label WHERE { ?c a kgo:Concept ; skos:prefLabel ?label } ORDER BY ?label")
    assert result.variables == ["label"]
    assert [row[0] for row in result.rows] == [Literal("数字产业化", lang="zh-Hans"),
                                               Literal("数字经济", lang="zh-Hans")]
    assert result.boolean is None and result.graph is None


@pytest.mark.parametrize("prefix", ["rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "schema", "kgo", "kgr"])
def test_every_spec_prefix_is_predeclared(graph: Graph, prefix: str) -> None:
    run_query(graph, f"ASK {{ ?s ?p {prefix}:x }}")


def test_kgr_prefix_names_entities(graph: Graph) -> None:
    assert run_query(graph, "ASK { kgr:数字产业化 kgo:partOf kgr:数字经济 }").boolean is True
    result = run_query(graph, "SELECT ?o WHERE { kgr:数字产业化 kgo:partOf ?o }")
    assert result.rows == [[URIRef(KGR + "数字经济")]]


def test_query_may_declare_its_own_prefixes(graph: Graph) -> None:
    query = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ex: <https://w3id.org/zhkg/ontology#>
SELECT ?c WHERE { ?c a ex:Product ; skos:prefLabel "ChatGPT" }"""
    assert run_query(graph, query).rows == [[URIRef(KGR + "ChatGPT")]]


def test_ask(graph: Graph) -> None:
    assert run_query(graph, "ASK { ?s a kgo:Statistic }").boolean is True
    assert run_query(graph, "ASK { ?s a kgo:Person }").boolean is False
    assert run_query(graph, 'ASK { ?s skos:prefLabel ?l FILTER(langMatches(lang(?l), "zh-Hant")) }').boolean is False
    assert run_query(graph, 'ASK { ?s skos:altLabel ?l FILTER(langMatches(lang(?l), "zh-Hant")) }').boolean is True


def test_construct(graph: Graph) -> None:
    result = run_query(graph, "CONSTRUCT { ?o kgo:hasPart ?s } WHERE { ?s kgo:partOf ?o }")
    assert result.graph is not None
    assert set(result.graph) == {(URIRef(KGR + "数字经济"), URIRef("https://w3id.org/zhkg/ontology#hasPart"),
                                  URIRef(KGR + "数字产业化"))}


def test_no_rows(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?p WHERE { ?p a kgo:Person }")
    assert result.variables == ["p"] and result.rows == []


# (id, query, line, column or None when only the line is certain)
SYNTAX_ERRORS: list[tuple[str, str, int, int | None]] = [
    ("misspelt_keyword", "SELEC ?s WHERE { ?s ?p ?o }", 1, 1),
    ("unclosed_filter", "SELECT ?s\nWHERE { ?s ?p ?o .\n  FILTER( }", 3, None),
    ("missing_object", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s skos:prefLabel\n}", 3, None),
    ("after_user_prefixes", "PREFIX ex: <https://example.org/>\nPREFIX ex2: <https://example.org/2>\n\n"
     "SELECT ?s WHERE { ?s ex:p ?o ; }}", 4, None),
]


@pytest.mark.parametrize(("query", "line", "column"), [c[1:] for c in SYNTAX_ERRORS], ids=[c[0] for c in SYNTAX_ERRORS])
def test_syntax_error_says_where(graph: Graph, query: str, line: int, column: int | None) -> None:
    """The position is counted in the user's query, not in the predeclared prefixes."""
    with pytest.raises(QueryError) as info:
        run_query(graph, query)
    message = str(info.value)
    assert isinstance(info.value, KGError)
    assert "\n" not in message
    assert f"line {line}, column " in message, message
    reported = int(message.split(f"line {line}, column ", 1)[1].split(":", 1)[0].split()[0])
    if column is not None:
        assert reported == column
    assert 1 <= reported <= len(query.splitlines()[line - 1]) + 1


def test_unknown_prefix_is_a_query_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match="foo"):
        run_query(graph, "SELECT ?s WHERE { ?s foo:bar ?o }")


@pytest.mark.parametrize("query", [
    'SELECT ?o WHERE { ?s ?p ?o FILTER(REGEX(?o, "(")) }',
    'SELECT ?o WHERE { ?s kgo:evidence ?o BIND(REPLACE(?o, "[", "x") AS ?x) }',
])
def test_runtime_error_is_one_line_query_error(graph: Graph, query: str) -> None:
    """The rows are evaluated lazily: an error while making them is still a QueryError, not a traceback."""
    with pytest.raises(QueryError, match=r"^query failed: ") as info:
        run_query(graph, query)
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- nothing beyond the local graph


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?x } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { OPTIONAL { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } } } }",
    "ASK { SERVICE ?endpoint { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_service_is_refused_wherever_it_hides(graph: Graph, query: str) -> None:
    with pytest.raises(QueryError, match=r"^SERVICE .*--allow-service") as info:
        run_query(graph, query)
    assert "\n" not in str(info.value)


def test_service_in_a_string_literal_is_no_service(graph: Graph) -> None:
    """SERVICE is found in the parsed algebra, not in the text."""
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }" AS ?x) }'
    assert run_query(graph, query).rows == [[Literal("SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }")]]


def test_service_endpoints_include_what_rdflib_would_call() -> None:
    """rdflib takes the endpoint from the first ``SERVICE <...>`` in the text, even one in a literal."""
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery('SELECT * WHERE { BIND("SERVICE <file:///etc/passwd> { }" AS ?x) '
                         "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert service_endpoints(query.algebra) == ["file:///etc/passwd", "http://127.0.0.1:9/sparql"]


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE { SERVICE <file:///etc/hostname> { ?s ?p ?o } }", "only http and https"),
    ('SELECT * WHERE { BIND("SERVICE <file:///etc/hostname> { }" AS ?x) SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }',
     "only http and https"),
    ("SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }", "not a variable"),
])
def test_allowed_service_is_still_only_http(graph: Graph, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(graph, query, allow_service=True, timeout=1)


@pytest.mark.parametrize("clause", ["FROM <http://127.0.0.1:9/g.ttl>", "FROM NAMED <http://127.0.0.1:9/g.ttl>",
                                    "FROM <file:///etc/hostname>"])
def test_from_is_refused(graph: Graph, clause: str) -> None:
    """rdflib ignores FROM on one graph (and fetches it on a dataset): neither is what the query says."""
    with pytest.raises(QueryError, match=r"^FROM / FROM NAMED \(<.*>\) is not supported"):
        run_query(graph, f"SELECT * {clause} WHERE {{ ?s ?p ?o }}")


def test_load_is_not_a_query(graph: Graph) -> None:
    with pytest.raises(QueryError, match="bad SPARQL"):
        run_query(graph, "LOAD <http://127.0.0.1:9/g.ttl>")


# --------------------------------------------------------------------------- formats


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.fixture(scope="module")
def labels(graph: Graph):
    return run_query(graph, "SELECT ?c ?label WHERE { ?c skos:prefLabel ?label } ORDER BY STR(?label)")


def test_table(labels) -> None:
    lines = format_result(labels, "table").splitlines()
    assert lines[0].split() == ["c", "label"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[-1] == "(4 rows)"
    rows = lines[2:-1]
    assert [row.split()[1] for row in rows] == ["A/B测试", "ChatGPT", "数字产业化", "数字经济"]
    assert "kgr:A/B测试" in rows[0], "IRIs are shown prefixed and percent-decoded"
    # the second column starts at the same display position on every line, CJK counting double
    starts = [display_width(line[: line.index(line.split()[1], len(line.split()[0]))]) for line in [lines[0], *rows]]
    assert len(set(starts)) == 1, starts


def test_table_of_one_row_says_row(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?c WHERE { ?c a kgo:Product }")
    assert format_result(result, "table").splitlines()[-1] == "(1 row)"


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_csv_and_tsv_parse_back(graph: Graph, fmt: str, delimiter: str) -> None:
    result = run_query(graph, "SELECT ?s ?value ?unit ?evidence WHERE "
                              "{ ?s kgo:value ?value ; kgo:unit ?unit ; kgo:evidence ?evidence }")
    rows = list(csv.reader(io.StringIO(format_result(result, fmt)), delimiter=delimiter))
    assert rows == [
        ["s", "value", "unit", "evidence"],
        ["kgr:stat/0123456789abcdef", "45500000000000", "CNY", '规模达45.5万亿，增长"很快"\n第二行'],
    ]


def test_csv_cells_with_commas_and_tabs() -> None:
    g = Graph()
    g.add((URIRef(KGR + "x"), SKOS.prefLabel, Literal("a,b\tc")))
    result = run_query(g, "SELECT ?l WHERE { ?s skos:prefLabel ?l }")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        assert list(csv.reader(io.StringIO(format_result(result, fmt)), delimiter=delimiter)) == [["l"], ["a,b\tc"]]


def test_json_parses_back(graph: Graph) -> None:
    result = run_query(graph, "SELECT ?c ?label ?value WHERE { { ?c skos:prefLabel ?label FILTER(?c = kgr:数字经济) } "
                              "UNION { ?c skos:prefLabel ?label FILTER(?c = kgr:ChatGPT) } "
                              "UNION { ?c kgo:value ?value } } ORDER BY ?c")
    data = json.loads(format_result(result, "json"))
    assert data["head"]["vars"] == ["c", "label", "value"]
    bindings = data["results"]["bindings"]
    assert {"c": {"type": "uri", "value": KGR + "ChatGPT"},
            "label": {"type": "literal", "value": "ChatGPT"}} in bindings
    assert {"c": {"type": "uri", "value": KGR + "数字经济"},
            "label": {"type": "literal", "value": "数字经济", "xml:lang": "zh-Hans"}} in bindings
    assert {"c": {"type": "uri", "value": KGR + "stat/0123456789abcdef"},
            "value": {"type": "literal", "value": "45500000000000", "datatype": str(XSD.decimal)}} in bindings
    assert len(bindings) == 3


def test_ask_formats(graph: Graph) -> None:
    yes = run_query(graph, "ASK { ?s a kgo:Concept }")
    no = run_query(graph, "ASK { ?s a kgo:Person }")
    assert format_result(yes, "table") == "true" and format_result(no, "csv") == "false"
    assert json.loads(format_result(yes, "json")) == {"head": {}, "boolean": True}


def test_construct_formats_as_turtle(graph: Graph) -> None:
    result = run_query(graph, "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s skos:prefLabel ?l }")
    text = format_result(result, "table")
    back = Graph().parse(data=text, format="turtle")
    assert result.graph is not None and isomorphic(back, result.graph)
    assert len(back) == 4


@pytest.mark.parametrize("query", [
    "CONSTRUCT { ?s skos:prefLabel ?l ; kgo:note [ kgo:text ?l ] } WHERE { ?s skos:prefLabel ?l }",
    "DESCRIBE kgr:数字经济 kgr:数字产业化",
])
def test_graph_results_as_json_are_json_ld(graph: Graph, query: str) -> None:
    result = run_query(graph, query)
    text = format_result(result, "json")
    data = json.loads(text)
    assert data["@context"]["kgr"] == KGR
    back = Graph().parse(data=text, format="json-ld")
    assert result.graph is not None and len(result.graph) > 0 and isomorphic(back, result.graph)
    assert format_result(run_query(graph, query), "json") == text, "the same graph gives the same JSON-LD"


def test_json_ld_is_the_same_for_any_triple_order() -> None:
    triples = [(URIRef(KGR + f"e{i}"), SKOS.altLabel, Literal(f"别名{j}", lang="zh-Hans"))
               for i in range(5) for j in range(4)]
    forward, backward = Graph(), Graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert to_jsonld(forward) == to_jsonld(backward)


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_graph_results_refuse_row_formats(graph: Graph, fmt: str) -> None:
    result = run_query(graph, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    with pytest.raises(KGError, match=r"--format table \(Turtle\) or --format json \(JSON-LD\)") as info:
        format_result(result, fmt)
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- named queries


def test_named_queries_are_listed_with_descriptions() -> None:
    queries = named_queries()
    assert {"claims", "concepts", "people", "relations", "statistics"} <= set(queries)
    for name, path in queries.items():
        assert path.suffix == ".rq"
        assert describe(path), f"{name}.rq has no description comment on its first line"


@pytest.mark.parametrize("name", ["claims", "concepts", "people", "relations", "statistics"])
def test_named_query_runs_on_the_sample(sample_graph: Graph, name: str) -> None:
    """The sample has people, claims, statistics, relations and concepts: every query finds some."""
    result = run_query(sample_graph, load_named(name))
    assert result.variables and result.rows, f"{name} found nothing in the sample"
    for fmt in ("table", "csv", "tsv", "json"):
        assert format_result(result, fmt)


def test_people_query_on_the_sample(sample_graph: Graph) -> None:
    """The sample says 許振宇 was born in 1979 and is 中国信息通信研究院首席分析师."""
    result = run_query(sample_graph, load_named("people"))
    rows = {str(row[0]): row for row in result.rows}
    assert "许振宇" in rows
    born = rows["许振宇"][result.variables.index("born")]
    assert str(born) == "1979"


def test_unknown_named_query_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownNameError) as info:
        load_named("peoples")
    for name in named_queries():
        assert name in str(info.value)
