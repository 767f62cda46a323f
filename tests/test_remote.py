"""The "remote" back end against a real Oxigraph server on 127.0.0.1 (`pip install oxigraph`
gives the binary): Graph Store Protocol writes, SPARQL reads, exports through a dump."""
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

from kg.rdf.namespaces import graph_iri
from kg.store import QueryError, StoreError, open_store
from test_store import A1, A2, UNTRUSTED, article, entity, LEADER, put


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
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "db"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    assert put(store, "a1", A1) is False                      # same hash: no request written
    assert store.articles() == ["a1", "a2"]
    assert store.article_hash("a1") == "hash-a1"
    assert "柯蓝溪" in labels(store) and "岑野" in labels(store)   # union default graph
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
    with open_store(str(tmp_path / "local")) as local:   # the same message as a local store
        with pytest.raises(QueryError) as local_err:
            local.query("SELECT ?x WHERE { ?x ?y }", timeout=None)
    assert str(err.value) == str(local_err.value)
    with pytest.raises(StoreError, match="read-only"):
        put(open_store(server, read_only=True), "a1", A1)


def test_unreachable_server_is_one_clear_error():
    store = open_store(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach"):
        store.articles()
