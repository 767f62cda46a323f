"""The "remote" back end against a real Oxigraph server on 127.0.0.1 (`pip install oxigraph`
gives the binary): SPARQL Update writes that keep the union, SPARQL reads, exports through a
dump, and the same answers as the local back ends."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS
from test_store import (
    A1,
    A2,
    LEADER,
    PLACE,
    RESIDENT,
    UNTRUSTED,
    article,
    default_graph,
    entity,
    named_union,
    put,
)

from kg.rdf.namespaces import graph_iri
from kg.store import QueryError, StoreError, open_store


def oxigraph_binary():
    beside = os.path.join(os.path.dirname(sys.executable), "oxigraph")
    return shutil.which("oxigraph") or (beside if os.path.exists(beside) else None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, proc, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph did not answer at {url} within {seconds} s")


@pytest.fixture
def server(tmp_path):
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()


def labels(store):
    return sorted(r[0] for r in store.query("SELECT DISTINCT ?l { ?e rdfs:label ?l }").rows)


def test_write_replace_query_remove(server):
    store = open_store(server)
    assert store.name == "remote"
    assert put(store, "a1", A1) and put(store, "a2", A2)
    assert put(store, "a1", A1) is False  # same hash: no request written
    assert store.articles() == ["a1", "a2"]
    assert store.article_hash("a1") == "hash-a1"
    assert "柯蓝溪" in labels(store) and "岑野" in labels(store)  # union default graph
    assert len(store) == len(set(A1)) + len(set(A2)) + 8

    new_a1 = article("a1", [LEADER])
    assert put(store, "a1", new_a1, h="v2")
    rows = store.query(f"SELECT ?s ?p ?o {{ GRAPH <{graph_iri('a1')}> {{ ?s ?p ?o }} }}").rows
    assert len(rows) == len(set(new_a1))

    assert store.remove_article("a1") and not store.remove_article("a1")
    assert store.articles() == ["a2"]
    assert "柯蓝溪" not in labels(store)


def test_untrusted_literal_and_export(server, tmp_path):
    store = open_store(server)
    e = entity("怪名", "Person")
    put(store, "odd", [(e, RDFS.label, Literal(UNTRUSTED, lang="zh"))])
    assert store.query("SELECT ?l { ?e rdfs:label ?l }").rows == [(UNTRUSTED,)]
    store.export("ttl", str(tmp_path / "g.ttl"))
    assert Graph().parse(str(tmp_path / "g.ttl")).value(e, RDFS.label) == Literal(UNTRUSTED, lang="zh")


def test_errors_are_one_line(server, tmp_path):
    store = open_store(server)
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?x WHERE { ?x ?y }")
    assert "\n" not in str(err.value)
    with open_store(str(tmp_path / "local")) as local:  # the same message as a local store
        with pytest.raises(QueryError) as local_err:
            local.query("SELECT ?x WHERE { ?x ?y }", timeout=None)
    assert str(err.value) == str(local_err.value)
    with pytest.raises(StoreError, match="read-only"):
        put(open_store(server, read_only=True), "a1", A1)


def test_unreachable_server_is_one_clear_error():
    store = open_store(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach"):
        store.articles()


SAME = [
    'SELECT ?e { ?e rdfs:label "栖梧街道"@zh }',
    "SELECT ?p ?o { ?o kg:locatedIn ?area . ?p kg:leads ?o }",
    "SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p",
    "SELECT ?id ?src { ?g dcterms:identifier ?id ; dcterms:source ?src }",
    "SELECT ?s ?p ?o { GRAPH <%s> { ?s ?p ?o } }" % graph_iri("a3"),
]


def test_three_back_ends_return_the_same_rows(server, tmp_path):
    stores = [open_store(server), open_store(str(tmp_path / "local")), open_store("memory")]
    for store in stores:
        put(store, "a1", A1)
        put(store, "a2", A2)
        put(store, "a1", article("a1", [LEADER, RESIDENT]), h="v2")
        put(store, "a3", article("a3", [PLACE]))
        store.remove_article("a2")
    answers = [
        [sorted(store.query(q, timeout=None).rows) for q in SAME] + [len(store), store.articles()]
        for store in stores
    ]
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == [(str(entity("栖梧街道", "AdministrativeArea")),)]
    assert default_graph(stores[0]) == named_union(stores[0])
    stores[1].close()
