"""`kg serve`: a read-only SPARQL endpoint on 127.0.0.1 (stdlib server on a free port)."""
import contextlib
import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from kg.commands.serve import choose_format, make_server
from kg.store import open_store
from test_store import A1, A2, UNTRUSTED, entity, put, big, SLOW
from rdflib import Graph, Literal
from rdflib.namespace import SKOS


def build_store(path):
    with open_store(path) as s:
        put(s, "a1", A1)
        put(s, "a2", A2)
        put(s, "odd", [(entity("怪名", "Person"), SKOS.altLabel, Literal(UNTRUSTED, lang="zh"))])
        big(s)


@contextlib.contextmanager
def serving(path, **options):
    """`kg serve` on a free loopback port for the store in `path`; yields the base URL."""
    store = open_store(path, read_only=True)
    server = make_server(store, "127.0.0.1", 0, **{"timeout": 2, "max_rows": 50, **options})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        store.close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("serve") / "store")
    build_store(path)
    return path


@pytest.fixture
def endpoint(store_path):
    with serving(store_path, socket_timeout=1) as url:
        yield url


def get(url, query, accept=None, **params):
    qs = urllib.parse.urlencode({"query": query, **params})
    req = urllib.request.Request(f"{url}/query?{qs}", headers={"Accept": accept} if accept else {})
    return call(req)


def post(url, data: bytes, kind: str, path="/query"):
    return call(urllib.request.Request(f"{url}{path}", data=data, headers={"Content-Type": kind}))


def call(req):
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get_content_type(), resp.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read().decode("utf-8")


LEADS = "SELECT ?who ?org { ?who kg:leads ?org }"


def test_get_json_by_default(endpoint):
    status, kind, body = get(endpoint, LEADS)
    assert (status, kind) == (200, "application/sparql-results+json")
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["who", "org"]
    assert doc["results"]["bindings"][0]["who"]["value"] == str(entity("柯蓝溪", "Person"))


def test_formats_by_accept_header(endpoint):
    status, kind, body = get(endpoint, LEADS, "text/csv")
    assert kind == "text/csv" and list(csv.reader(io.StringIO(body)))[0] == ["who", "org"]
    status, kind, body = get(endpoint, LEADS, "application/sparql-results+xml")
    assert kind == "application/sparql-results+xml"
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert ET.fromstring(body).find(f"{ns}results/{ns}result/{ns}binding/{ns}uri").text == str(
        entity("柯蓝溪", "Person"))
    status, kind, body = get(endpoint, LEADS, "text/tab-separated-values")
    assert body.splitlines()[0] == "?who\t?org" and body.splitlines()[1].startswith("<")


def test_untrusted_text_in_json_and_xml(endpoint):
    q = "SELECT ?l { ?e skos:altLabel ?l }"
    assert json.loads(get(endpoint, q)[2])["results"]["bindings"][0]["l"]["value"] == UNTRUSTED
    xml = get(endpoint, q, "application/sparql-results+xml")[2]
    text = ET.fromstring(xml).find(".//{http://www.w3.org/2005/sparql-results#}literal").text
    assert text == UNTRUSTED.replace("\x01", "\ufffd").replace("\x1f", "\ufffd")


def test_post_form_and_sparql_query_body(endpoint):
    form = urllib.parse.urlencode({"query": "ASK { ?a kg:residesIn ?b }"}).encode()
    assert json.loads(post(endpoint, form, "application/x-www-form-urlencoded")[2])["boolean"] is True
    status, _, body = post(endpoint, LEADS.encode(), "application/sparql-query")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 1


def test_updates_are_refused(endpoint):
    drop = "DROP ALL"
    assert post(endpoint, urllib.parse.urlencode({"update": drop}).encode(),
                "application/x-www-form-urlencoded")[0] == 403
    assert post(endpoint, drop.encode(), "application/sparql-update", "/update")[0] == 403
    assert get(endpoint, drop)[0] == 400
    assert json.loads(get(endpoint, "ASK { ?a kg:leads ?b }")[2])["boolean"] is True


def test_errors(endpoint):
    status, kind, body = get(endpoint, "SELECT ?x {")
    assert status == 400 and body.startswith("line 1, column")
    assert get(endpoint, "SELECT ?s ?p ?o { ?s ?p ?o }")[0] == 413
    assert get(endpoint, SLOW)[0] == 503
    assert get(endpoint, LEADS)[0] == 200          # still answers after a timeout


def test_construct_in_the_format_asked(endpoint):
    q = "CONSTRUCT { ?a kg:leads ?b } WHERE { ?a kg:leads ?b }"
    for accept, want, parser in [("application/n-triples", "application/n-triples", "nt"),
                                 ("text/turtle", "text/turtle", "turtle"), (None, "text/turtle", "turtle"),
                                 ("application/rdf+xml", "application/rdf+xml", "xml"),
                                 ("application/ld+json", "application/ld+json", "json-ld")]:
        status, kind, body = get(endpoint, q, accept)
        assert (status, kind) == (200, want)
        assert len(Graph().parse(data=body, format=parser)) == 1
    assert get(endpoint, q, None, format="nt")[1] == "application/n-triples"


@pytest.mark.parametrize("accept,asked,want", [
    ("text/csv;q=0.5, application/sparql-results+xml", None, "xml"),
    ("*/*", None, "json"), ("", "tsv", "tsv"), ("text/html", None, "json"),
    ("text/csv;q=0, application/json;q=0.1", None, "json"), ("text/*", None, "csv"),
    ("", ["tsv", "text/tab-separated-values"], "tsv")])
def test_choose_format(accept, asked, want):
    assert choose_format(accept, asked) == want


@pytest.mark.parametrize("accept,asked,want", [
    ("application/sparql-results+xml, application/rdf+xml", None, "rdfxml"),
    ("text/turtle,*/*;q=0.9", None, "turtle"), ("*/*", None, "turtle"), ("", ["xml"], "rdfxml"),
    ("", ["json-ld", "application/ld+json"], "jsonld"), ("application/json", None, "jsonld")])
def test_choose_graph_format(accept, asked, want):
    assert choose_format(accept, asked, "graph") == want
