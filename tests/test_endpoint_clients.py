"""`kg serve` with the SPARQL clients users have: SPARQLWrapper (every return format converts
to a parsed object, with no warning), rdflib's SPARQLStore, plain HTTP/1.1 with keep-alive,
CORS preflight, the Service Description, and `kg query` given the URL `kg serve` prints."""

import http.client
import subprocess
import sys
import warnings
import xml.dom.minidom

import pytest
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from test_serve import LEADS, serving
from test_store import entity

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper is not installed (test extra)")
SD = "http://www.w3.org/ns/sparql-service-description#"
PREFIX = "PREFIX kg: <https://w3id.org/kg-news/ns#> "
CONSTRUCT = PREFIX + "CONSTRUCT { ?a kg:leads ?b } WHERE { ?a kg:leads ?b }"
LEADER = entity("柯蓝溪", "Person")


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    from test_serve import build_store

    path = str(tmp_path_factory.mktemp("clients") / "store")
    build_store(path)
    with serving(path, timeout=10, max_rows=1000) as base:
        yield base


def wrapper(url, query, fmt, method="GET"):
    sw = SPARQLWrapper.SPARQLWrapper(f"{url}/query")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # "unknown content type" and the like
        return sw.query().convert()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_formats(url, method):
    from SPARQLWrapper import CSV, JSON, TSV, XML

    q = PREFIX + LEADS
    doc = wrapper(url, q, JSON, method)
    assert doc["results"]["bindings"][0]["who"]["value"] == str(LEADER)
    dom = wrapper(url, q, XML, method)
    assert isinstance(dom, xml.dom.minidom.Document)
    assert dom.getElementsByTagName("uri")[0].firstChild.data == str(LEADER)
    assert wrapper(url, q, CSV, method).decode().splitlines()[1].startswith(str(LEADER))
    assert wrapper(url, q, TSV, method).decode().splitlines()[1].startswith(f"<{LEADER}>")
    assert wrapper(url, PREFIX + "ASK { ?a kg:leads ?b }", JSON, method)["boolean"] is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_graph_formats(url, method):
    from SPARQLWrapper import JSONLD, N3, RDFXML, TURTLE, XML

    for fmt in (RDFXML, XML, JSONLD):
        graph = wrapper(url, CONSTRUCT, fmt, method)
        assert isinstance(graph, Graph) and len(graph) == 1 and (LEADER, None, None) in graph
    for fmt in (TURTLE, N3):  # SPARQLWrapper hands Turtle back as text
        text = wrapper(url, CONSTRUCT, fmt, method)
        assert len(Graph().parse(data=text, format="turtle")) == 1
    described = wrapper(url, PREFIX + f"DESCRIBE <{LEADER}>", TURTLE, method)
    assert (LEADER, None, None) in Graph().parse(data=described, format="turtle")


def test_rdflib_sparqlstore(url):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(f"{url}/query", returnFormat="json"))
    rows = list(graph.query(PREFIX + LEADS))
    assert rows[0][0] == LEADER
    assert graph.query(PREFIX + "ASK { ?a kg:leads ?b }").askAnswer is True
    assert len(graph.query(CONSTRUCT).graph) == 1
    assert (LEADER, None, None) in graph  # triples() through the store
    xml_store = Graph(SPARQLStore(f"{url}/query"))  # the default: XML results
    assert list(xml_store.query(PREFIX + LEADS))[0][0] == LEADER


def test_keep_alive_and_http_1_1(url):
    conn = http.client.HTTPConnection(url.split("//")[1], timeout=10)
    conn.request("GET", "/query?query=ASK%7B%7D")
    first = conn.getresponse()
    assert first.version == 11 and first.read()
    sock = conn.sock
    conn.request("POST", "/query", body="ASK {}", headers={"Content-Type": "application/sparql-query"})
    second = conn.getresponse()
    assert second.status == 200 and second.read() and conn.sock is sock  # the same connection
    conn.close()


def test_cors_preflight_and_header(url):
    conn = http.client.HTTPConnection(url.split("//")[1], timeout=10)
    conn.request(
        "OPTIONS",
        "/query",
        headers={
            "Origin": "http://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    pre = conn.getresponse()
    pre.read()
    assert pre.status == 204 and pre.getheader("Access-Control-Allow-Origin") == "*"
    assert "POST" in pre.getheader("Access-Control-Allow-Methods")
    assert "content-type" in pre.getheader("Access-Control-Allow-Headers").lower()
    conn.request("GET", "/query?query=ASK%7B%7D", headers={"Origin": "http://yasgui.example"})
    resp = conn.getresponse()
    resp.read()
    assert resp.getheader("Access-Control-Allow-Origin") == "*"


def test_cors_origin_is_configurable(tmp_path):
    from test_serve import build_store

    path = str(tmp_path / "store")
    build_store(path)
    for option, want in [("https://client.example", "https://client.example"), ("", None)]:
        with serving(path, allow_origin=option) as base:
            conn = http.client.HTTPConnection(base.split("//")[1], timeout=10)
            conn.request("GET", "/query?query=ASK%7B%7D")
            resp = conn.getresponse()
            resp.read()
            assert resp.getheader("Access-Control-Allow-Origin") == want


@pytest.mark.parametrize(
    "accept,parser",
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/ld+json", "json-ld"),
        (None, "turtle"),
    ],
)
def test_service_description_at_the_endpoint(url, accept, parser):
    conn = http.client.HTTPConnection(url.split("//")[1], timeout=10)
    conn.request("GET", "/query", headers={"Accept": accept} if accept else {})
    resp = conn.getresponse()
    assert resp.status == 200
    sd = Graph().parse(data=resp.read(), format=parser)
    service = sd.value(predicate=RDF.type, object=URIRef(SD + "Service"))
    assert sd.value(service, URIRef(SD + "endpoint")) == URIRef(f"{url}/query")
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in sd
    assert len(list(sd.objects(service, URIRef(SD + "resultFormat")))) == 8


@pytest.mark.parametrize("suffix", ["", "/", "/query"])
def test_kg_query_takes_the_endpoint_url(url, suffix):
    res = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", url + suffix, "ASK { ?a kg:leads ?b }"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert (res.returncode, res.stdout.strip()) == (0, "true"), res.stderr


def test_kg_query_shows_the_endpoint_refusal_as_one_line(url):
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "query",
            f"{url}/query",
            "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "SERVICE" in res.stderr
