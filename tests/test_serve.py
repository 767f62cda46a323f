"""`kg serve`: a read-only SPARQL endpoint on 127.0.0.1 (stdlib server on a free port)."""

import contextlib
import csv
import io
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SKOS
from test_store import A1, A2, SLOW, UNTRUSTED, big, entity, put

from kg.commands.serve import choose_format, make_server
from kg.store import open_store


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
        entity("柯蓝溪", "Person")
    )
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
    assert (
        post(
            endpoint, urllib.parse.urlencode({"update": drop}).encode(), "application/x-www-form-urlencoded"
        )[0]
        == 403
    )
    assert post(endpoint, drop.encode(), "application/sparql-update", "/update")[0] == 403
    assert get(endpoint, drop)[0] == 400
    assert json.loads(get(endpoint, "ASK { ?a kg:leads ?b }")[2])["boolean"] is True


def test_errors(endpoint):
    status, kind, body = get(endpoint, "SELECT ?x {")
    assert status == 400 and body.startswith("line 1, column")
    assert get(endpoint, "SELECT ?s ?p ?o { ?s ?p ?o }")[0] == 413
    assert get(endpoint, SLOW)[0] == 503
    assert get(endpoint, LEADS)[0] == 200  # still answers after a timeout


def test_construct_in_the_format_asked(endpoint):
    q = "CONSTRUCT { ?a kg:leads ?b } WHERE { ?a kg:leads ?b }"
    for accept, want, parser in [
        ("application/n-triples", "application/n-triples", "nt"),
        ("text/turtle", "text/turtle", "turtle"),
        (None, "text/turtle", "turtle"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
    ]:
        status, kind, body = get(endpoint, q, accept)
        assert (status, kind) == (200, want)
        assert len(Graph().parse(data=body, format=parser)) == 1
    assert get(endpoint, q, None, format="nt")[1] == "application/n-triples"


@pytest.mark.parametrize(
    "accept,asked,want",
    [
        ("text/csv;q=0.5, application/sparql-results+xml", None, "xml"),
        ("*/*", None, "json"),
        ("", "tsv", "tsv"),
        ("text/html", None, "json"),
        ("text/csv;q=0, application/json;q=0.1", None, "json"),
        ("text/*", None, "csv"),
        ("", ["tsv", "text/tab-separated-values"], "tsv"),
    ],
)
def test_choose_format(accept, asked, want):
    assert choose_format(accept, asked) == want


@pytest.mark.parametrize(
    "accept,asked,want",
    [
        ("application/sparql-results+xml, application/rdf+xml", None, "rdfxml"),
        ("text/turtle,*/*;q=0.9", None, "turtle"),
        ("*/*", None, "turtle"),
        ("", ["xml"], "rdfxml"),
        ("", ["json-ld", "application/ld+json"], "jsonld"),
        ("application/json", None, "jsonld"),
    ],
)
def test_choose_graph_format(accept, asked, want):
    assert choose_format(accept, asked, "graph") == want


# --- issue 19: no outbound request, concurrency, limits, malformed requests ----------------
@contextlib.contextmanager
def listener():
    """A TCP port that records whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    hits = []

    def accept():
        while sock.fileno() != -1:
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield sock.getsockname()[1], hits
    finally:
        sock.close()


SERVICE_FORMS = [
    "SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * {{ sErViCe   SILENT <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "SELECT * {{ SERVICE#comment\n<http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
    "PREFIX x: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE x:q {{ ?s ?p ?o }} }}",
    "SELECT * {{ BIND(<http://127.0.0.1:{port}/> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_and_nothing_is_fetched(endpoint, form):
    with listener() as (port, hits):
        query = form.format(port=port)
        status, kind, body = get(endpoint, query)
        assert status == 400 and body.count("\n") == 1 and "SERVICE" in body
        assert post(endpoint, query.encode(), "application/sparql-query")[0] == 400
        time.sleep(0.3)
        assert hits == []


def test_service_in_strings_iris_and_names_is_no_service(endpoint):
    q = 'SELECT ?service { BIND("SERVICE <http://x/> {}" AS ?service) ?s <http://e/SERVICE> ?o }'
    assert get(endpoint, q)[0] == 200


def test_a_slow_query_does_not_stall_a_quick_one(store_path):
    with serving(store_path, timeout=6) as url:
        get(url, "ASK {}")  # readers warm
        slow = threading.Thread(target=get, args=(url, SLOW))
        slow.start()
        time.sleep(0.3)
        start = time.monotonic()
        status, _, body = get(url, "ASK { ?a kg:leads ?b }")
        took = time.monotonic() - start
        slow.join()
    assert status == 200 and json.loads(body)["boolean"] is True
    assert took < 3.0, f"the ASK waited {took:.1f} s behind the slow query (stopped at 6 s)"


def raw(url, data: bytes, wait=5.0) -> bytes:
    """Send bytes as they are; what comes back before the server closes (or `wait` passes)."""
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        out = b""
        try:
            while chunk := sock.recv(65536):
                out += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return out


def status_of(reply: bytes) -> int:
    assert reply, "no answer"
    return int(reply.split(b" ", 2)[1])


def test_a_body_shorter_than_its_length_gets_408_not_a_hung_thread(endpoint):
    start = time.monotonic()
    reply = raw(
        endpoint,
        b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 1000\r\n\r\nASK {}",
    )
    assert status_of(reply) == 408 and time.monotonic() - start < 4
    assert get(endpoint, "ASK {}")[0] == 200


@pytest.mark.parametrize(
    "request_bytes,want",
    [
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: abc\r\n\r\n",
            400,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: -5\r\n\r\n",
            400,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 99999999\r\n\r\nASK {}",
            413,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n",
            411,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01",
            400,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 9\r\n\r\nquery=%FF",
            400,
        ),
        (
            b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nASK {}",
            415,
        ),
        (b"GET /query?query=ASK%7B%7D&query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /query?query=%E4%B8 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /query?default-graph-uri=http%3A%2F%2Fx%2F&query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"BREW /query HTTP/1.1\r\nHost: x\r\n\r\n", 501),
        (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n", 400),
        (b"GET /query HTTP/1.1\r\n" + b"X-A: b\r\n" * 200 + b"\r\n", 431),
    ],
)
def test_malformed_requests_get_a_4xx_with_a_reason(endpoint, request_bytes, want):
    reply = raw(endpoint, request_bytes)
    assert status_of(reply) == want
    assert get(endpoint, "ASK {}")[0] == 200


def test_a_huge_or_deep_query_is_refused_or_answered_never_500(endpoint):
    union = "SELECT * {" + " UNION ".join("{ ?s ?p %d }" % i for i in range(8000)) + "}"
    status, _, body = post(endpoint, union.encode(), "application/sparql-query")
    assert status == 400 and "characters" in body
    deep = "ASK {" + "{" * 4000 + "?s ?p ?o" + "}" * 4000 + "}"  # crashed the reader before
    assert post(endpoint, deep.encode(), "application/sparql-query")[0] in (200, 503)
    assert get(endpoint, "ASK {}")[0] == 200


def test_an_idle_connection_is_closed_after_the_socket_timeout(endpoint):
    start = time.monotonic()
    assert raw(endpoint, b"GET /query?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n", wait=5) == b""
    assert time.monotonic() - start < 4


def test_two_hundred_concurrent_requests_all_answered(store_path):
    answers = []

    def ask():
        answers.append(get(url, "ASK { ?a kg:leads ?b }")[0])  # the queries queue for the readers

    with serving(store_path, timeout=20) as url:
        threads = [threading.Thread(target=ask) for _ in range(200)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert answers == [200] * 200
