"""kg.store: article graphs put, replaced and removed atomically; hashes; reopening; queries
with deadlines and one-line syntax errors; the same behaviour from every local back end.
Fixtures are invented names built by hand."""

import os
import random
import re
import time

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.namespaces import GRAPHS, KG, article_iri, entity_iri, graph_iri
from kg.store import META, QueryError, QueryTimeout, ResultTooLarge, StoreError, locate, open_store
from kg.store.oxigraph import OxigraphStore

UNTRUSTED = 'say "hi" \\ back\nslash <script>alert(1)</script> \x01\x1f \u200f end\r'


def entity(label, cls):
    return URIRef(entity_iri(label, cls))


def article(aid, facts, headline="雾松区新闻"):
    """Triples of one article in the contract's shape. `facts` are
    ((s_label, s_cls), predicate local name, (o_label, o_cls)) tuples."""
    art = URIRef(article_iri(aid))
    out = [(art, RDF.type, KG.Article), (art, KG.headline, Literal(headline, lang="zh"))]
    for n, ((sl, sc), pred, (ol, oc)) in enumerate(facts):
        s, o = entity(sl, sc), entity(ol, oc)
        out += [
            (s, RDF.type, KG[sc]),
            (s, RDFS.label, Literal(sl, lang="zh")),
            (o, RDF.type, KG[oc]),
            (o, RDFS.label, Literal(ol, lang="zh")),
            (s, KG[pred], o),
            (art, KG.mentions, s),
            (art, KG.mentions, o),
        ]
        st = URIRef(f"{article_iri(aid)}/statement/{n}")
        out += [
            (st, RDF.type, RDF.Statement),
            (st, RDF.subject, s),
            (st, RDF.predicate, KG[pred]),
            (st, RDF.object, o),
            (st, PROV.wasDerivedFrom, art),
            (st, KG.evidence, Literal(f"{ol}{sl}", lang="zh")),
            (st, KG.charStart, Literal(n, datatype=XSD.integer)),
            (st, KG.confidence, Literal("0.9", datatype=XSD.decimal)),
        ]
    return out


LEADER = (("柯蓝溪", "Person"), "leads", ("栖梧街道党工委", "PartyOrganization"))
PLACE = (("栖梧街道", "AdministrativeArea"), "locatedIn", ("雾松区", "AdministrativeArea"))
RESIDENT = (("岑野", "Person"), "residesIn", ("苇川小区", "Place"))
A1 = article("a1", [LEADER, PLACE])
A2 = article("a2", [PLACE, RESIDENT], headline="苇川小区变了样")


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request, tmp_path):
    location = str(tmp_path / "store") if request.param == "oxigraph" else "memory"
    with open_store(location) as s:
        yield s


def put(store, aid, triples, h=None):
    return store.put_article(aid, triples, source=f"{aid}.txt", content_hash=h or f"hash-{aid}")


def graph_quads(store, aid):
    rows = store.query(f"SELECT ?s ?p ?o {{ GRAPH <{graph_iri(aid)}> {{ ?s ?p ?o }} }}", timeout=None).rows
    return sorted(rows)


def labels(store):
    return sorted(r[0] for r in store.query("SELECT DISTINCT ?l { ?e rdfs:label ?l }").rows)


def test_put_writes_graph_and_metadata(store):
    assert put(store, "a1", A1)
    assert len(graph_quads(store, "a1")) == len(set(A1))
    assert store.article_hash("a1") == "hash-a1"
    assert store.article_hash("nope") is None
    meta = store.query(
        f"SELECT ?src ?t {{ <{graph_iri('a1')}> dcterms:source ?src ; "
        "prov:generatedAtTime ?t FILTER(datatype(?t) = xsd:dateTime) }"
    ).rows
    assert meta and meta[0][0] == "a1.txt"
    assert store.articles() == ["a1"]


def test_same_hash_twice_changes_nothing(store):
    assert put(store, "a1", A1)
    stamp = store.query("SELECT ?t { ?g prov:generatedAtTime ?t }").rows
    time.sleep(1.1)
    assert put(store, "a1", A1 + [(entity("多余", "Person"), RDFS.label, Literal("多余"))]) is False
    assert store.query("SELECT ?t { ?g prov:generatedAtTime ?t }").rows == stamp
    assert "多余" not in labels(store)


def test_replacing_one_article_changes_only_its_graph(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    before_a2 = graph_quads(store, "a2")
    new_a1 = article("a1", [LEADER])
    assert put(store, "a1", new_a1, h="hash-a1-v2")
    assert len(graph_quads(store, "a1")) == len(set(new_a1))
    assert graph_quads(store, "a2") == before_a2
    assert store.article_hash("a1") == "hash-a1-v2"
    assert store.articles() == ["a1", "a2"]


def test_remove_drops_facts_only_that_article_supported(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    assert store.remove_article("a1")
    assert store.remove_article("a1") is False
    assert store.articles() == ["a2"]
    assert store.article_hash("a1") is None
    assert "柯蓝溪" not in labels(store)  # only a1 said it
    assert "栖梧街道" in labels(store)  # a2 says it too
    assert graph_quads(store, "a1") == []


def test_len_counts_quads_over_all_graphs(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    meta_quads = 2 * 4
    assert len(store) == len(set(A1)) + len(set(A2)) + meta_quads


def test_a_failing_write_leaves_the_old_graph(store):
    put(store, "a1", A1)
    bad = A1 + [(URIRef("http://example.org/has space"), RDFS.label, Literal("x"))]
    with pytest.raises((StoreError, ValueError)):
        put(store, "a1", bad, h="hash-bad")
    assert len(graph_quads(store, "a1")) == len(set(A1))
    assert store.article_hash("a1") == "hash-a1"


def test_untrusted_literals_round_trip_through_queries(store):
    e = entity("怪名", "Person")
    put(store, "a1", [(e, RDFS.label, Literal(UNTRUSTED, lang="zh")), (e, SKOS.altLabel, Literal(UNTRUSTED))])
    rows = store.query("SELECT ?l { ?e rdfs:label ?l }").bindings
    assert rows[0][0] == {"type": "literal", "value": UNTRUSTED, "xml:lang": "zh"}


def test_store_reopens_from_disk_with_same_contents(tmp_path):
    path = str(tmp_path / "store")
    with open_store(path) as s:
        put(s, "a1", A1)
        put(s, "a2", A2)
        count, arts = len(s), s.articles()
    with open_store(path, read_only=True) as s:
        assert (len(s), s.articles()) == (count, arts)
        assert s.article_hash("a2") == "hash-a2"
        assert "岑野" in labels(s)
        with pytest.raises(StoreError, match="read-only"):
            put(s, "a3", A1)


def test_queries_see_writes_made_after_earlier_queries(tmp_path):
    with open_store(str(tmp_path / "store")) as s:
        put(s, "a1", A1)
        assert "岑野" not in labels(s)
        put(s, "a2", A2)
        assert "岑野" in labels(s)
    leftovers = [n for n in os.listdir(tmp_path) if n.startswith(".kg-snapshot-")]
    assert leftovers == []


def test_result_kinds(store):
    put(store, "a1", A1)
    assert bool(store.query("ASK { ?p kg:leads ?o }")) is True
    assert bool(store.query("ASK { ?p kg:founded ?o }")) is False
    triples = store.query("CONSTRUCT { ?p kg:leads ?o } WHERE { ?p kg:leads ?o }").triples
    assert triples == [(entity("柯蓝溪", "Person"), KG.leads, entity("栖梧街道党工委", "PartyOrganization"))]
    result = store.query("SELECT ?who ?org { ?who kg:leads ?org } ")
    assert result.vars == ["who", "org"]
    assert result.rows == [
        (entity_iri("柯蓝溪", "Person"), entity_iri("栖梧街道党工委", "PartyOrganization"))
    ]


def test_syntax_error_is_one_line_with_position(store):
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?x WHERE {\n  ?x ?y\n}")
    message = str(err.value)
    assert "\n" not in message
    assert re.match(r"line [23], column \d+: \S", message), message


def test_updates_are_not_queries(store):
    with pytest.raises(QueryError):
        store.query("DROP ALL")


def test_result_size_limit(store):
    put(store, "a1", A1)
    with pytest.raises(ResultTooLarge):
        store.query("SELECT ?s ?p ?o { ?s ?p ?o }", max_rows=3)
    assert len(store.query("SELECT ?s { ?s ?p ?o } LIMIT 3", max_rows=3).rows) == 3


SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?p ?o . ?b ?q ?o2 . ?c ?r ?o3 . ?d ?t ?o4 }"


def big(store):
    facts = [((f"人{i}", "Person"), "memberOf", (f"组织{i % 7}", "Organization")) for i in range(60)]
    put(store, "big", article("big", facts))


def query_children():
    """Live child processes of this one that run the query worker."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if ppid == os.getpid() and b"worker.py" in cmd:
            found.append(int(pid))
    return found


@pytest.mark.parametrize("read_only", [False, True])
def test_timeout_really_stops_an_oxigraph_query(tmp_path, read_only):
    path = str(tmp_path / "store")
    with open_store(path) as s:
        big(s)
    with open_store(path, read_only=read_only) as s:
        assert s.query("ASK { ?s ?p ?o }", timeout=5)
        assert len(query_children()) == 1
        start = time.monotonic()
        with pytest.raises(QueryTimeout, match="after 1 s"):
            s.query(SLOW, timeout=1)
        assert time.monotonic() - start < 3
        assert query_children() == []  # the child was killed
        assert s.query("ASK { ?s ?p ?o }", timeout=5)  # and a new one answers


def test_timeout_stops_an_rdflib_query():
    with open_store("memory") as s:
        big(s)
        start = time.monotonic()
        with pytest.raises(QueryTimeout):
            s.query(SLOW, timeout=0.5)
        assert time.monotonic() - start < 2
        assert s.query("ASK { ?s ?p ?o }", timeout=5)


def test_registry_and_locations(tmp_path):
    assert isinstance(open_store(str(tmp_path / "s")), OxigraphStore)
    assert open_store("memory").name == "rdflib"
    assert open_store("http://127.0.0.1:9").name == "remote"
    with pytest.raises(StoreError, match="no store back end"):
        open_store(str(tmp_path), backend="nosuch")
    (tmp_path / "out" / "store").mkdir(parents=True)
    assert locate(str(tmp_path / "out")) == str(tmp_path / "out" / "store")
    with pytest.raises(StoreError, match="no graph store"):
        open_store(str(tmp_path / "empty"), read_only=True)


@pytest.mark.parametrize("aid", ["meta", "graph/meta", "../meta", "meta/"])
def test_no_article_id_can_name_the_metadata_graph(store, aid):
    """Article graphs live under GRAPHS and kg's own graph outside it: `meta` is one more id."""
    assert graph_iri(aid).startswith(GRAPHS) and not META.startswith(GRAPHS)
    assert put(store, "a1", A1) and put(store, aid, A2)
    assert store.articles() == sorted(["a1", aid])
    assert store.article_hash("a1") == "hash-a1" and store.article_hash(aid) == f"hash-{aid}"
    assert store.remove_article(aid) and store.articles() == ["a1"]


def test_an_old_store_gets_its_metadata_graph_moved(tmp_path):
    import pyoxigraph as ox

    from kg.store.base import OLD_META

    with open_store(str(tmp_path / "s")) as store:
        put(store, "a1", A1)
        store.ox_store.update(f"MOVE GRAPH <{META}> TO <{OLD_META}>")  # as written before
    with open_store(str(tmp_path / "s")) as store:
        assert store.articles() == ["a1"] and store.article_hash("a1") == "hash-a1"
        assert not store.ox_store.contains_named_graph(ox.NamedNode(OLD_META))


def test_to_rdflib_has_every_graph(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    ds = store.to_rdflib()
    assert len(ds.graph(URIRef(graph_iri("a2")))) == len(set(A2))
    assert (entity("岑野", "Person"), RDFS.label, Literal("岑野", lang="zh")) in ds


# --- the default graph is the union of the named graphs, each triple once -----------------
def all_rows(store, sparql):
    return sorted(store.query(sparql, timeout=None).rows)


def default_graph(store):
    return set(store.query("SELECT ?s ?p ?o { ?s ?p ?o }", timeout=None).rows)


def named_union(store):
    return set(store.query("SELECT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }", timeout=None).rows)


def label_rows(store, label):
    return store.query(f'SELECT ?e {{ ?e rdfs:label "{label}"@zh }}', timeout=None).rows


def test_a_label_two_articles_hold_is_one_row(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    assert label_rows(store, "栖梧街道") == [(entity_iri("栖梧街道", "AdministrativeArea"),)]
    assert len(all_rows(store, "SELECT ?o { ?o kg:locatedIn ?area }")) == 1


def test_replacing_keeps_what_another_article_supports(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    assert put(store, "a1", article("a1", [LEADER]), h="v2")  # a1 no longer says PLACE
    assert label_rows(store, "栖梧街道")  # a2 still does
    assert all_rows(store, "SELECT ?a { ?a kg:locatedIn ?b }") == [
        (entity_iri("栖梧街道", "AdministrativeArea"),)
    ]
    assert put(store, "a1", article("a1", [RESIDENT]), h="v3")  # and now not LEADER either
    assert label_rows(store, "柯蓝溪") == []
    assert not store.query("ASK { ?p kg:leads ?o }")
    assert default_graph(store) == named_union(store)


def test_removing_takes_from_the_union_exactly_what_only_it_held(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    before = default_graph(store)
    meta = {row for row in before if row[0] == graph_iri("a1")}
    only_a1 = (set(graph_quads(store, "a1")) | meta) - set(graph_quads(store, "a2"))
    assert len(meta) == 4 and len(only_a1) < len(set(A1)) + 4  # a2 shares some of a1
    assert store.remove_article("a1")
    assert default_graph(store) == before - only_a1


def test_union_matches_the_named_graphs_after_random_writes(store):
    rng = random.Random(3)
    facts = [
        LEADER,
        PLACE,
        RESIDENT,
        (("岑野", "Person"), "memberOf", ("栖梧街道党工委", "PartyOrganization")),
    ]
    for step in range(25):
        aid = f"a{rng.randrange(4)}"
        if rng.random() < 0.3:
            store.remove_article(aid)
        else:
            put(store, aid, article(aid, rng.sample(facts, rng.randrange(len(facts) + 1))), h=f"h{step}")
        assert default_graph(store) == named_union(store), step
    assert store.articles()


def test_len_and_dump_leave_the_union_out(store, tmp_path):
    put(store, "a1", A1)
    put(store, "a2", A2)
    dump = tmp_path / "all.nq"
    store.dump_nquads(str(dump))
    assert sum(1 for line in dump.read_text(encoding="utf-8").splitlines() if line) == len(store)


def file_graphs(path):
    """(default-graph triples, union of the named graphs' triples) of an RDF file."""
    import pyoxigraph as ox

    quads = list(ox.parse(path=path))
    return (
        {q.triple for q in quads if isinstance(q.graph_name, ox.DefaultGraph)},
        {q.triple for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)},
    )


def test_loading_a_dump_rebuilds_the_union(tmp_path):
    """dump_nquads leaves the default graph out: loading its file rebuilds the union."""
    with open_store(str(tmp_path / "one")) as s:
        put(s, "a1", A1)
        put(s, "a2", A2)
        s.dump_nquads(str(tmp_path / "all.nq"))
        want = (default_graph(s), len(s), s.articles())
    assert file_graphs(str(tmp_path / "all.nq"))[0] == set()
    with open_store(str(tmp_path / "two")) as s:
        s.load(str(tmp_path / "all.nq"))
        assert (default_graph(s), len(s), s.articles()) == want
        assert label_rows(s, "栖梧街道") == [(entity_iri("栖梧街道", "AdministrativeArea"),)]


def test_loading_blank_nodes_keeps_them_the_same_in_the_union(tmp_path):
    (tmp_path / "b.nq").write_text(
        f'_:x <{RDFS.label}> "甲" <{graph_iri("b1")}> .\n_:x <{RDFS.label}> "甲" <{graph_iri("b2")}> .\n',
        encoding="utf-8",
    )
    with open_store(str(tmp_path / "store")) as s:
        s.load(str(tmp_path / "b.nq"))
        assert default_graph(s) == named_union(s)
        assert len(default_graph(s)) == 1


def export_of(tmp_path, location, fmt, articles):
    """An `export fmt` file of a store holding `articles` (id -> triples), and its size."""
    dest = str(tmp_path / f"export.{fmt}")
    with open_store(location) as s:
        for aid, triples in articles.items():
            put(s, aid, triples)
        s.export(fmt, dest)
        return dest, (len(s), s.articles())


@pytest.mark.parametrize("fmt", ["nq", "trig"])
@pytest.mark.parametrize("source", ["oxigraph", "memory"])
def test_an_export_carries_the_named_graphs_and_loads_with_the_union(tmp_path, fmt, source):
    """A dump holds each triple once per graph and nothing in the default graph (a union
    default graph elsewhere must not count it twice); loading it rebuilds the union."""
    location = str(tmp_path / "one") if source == "oxigraph" else "memory"
    dest, want = export_of(tmp_path, location, fmt, {"a1": A1, "a2": A2})
    default, named = file_graphs(dest)
    assert not default and named
    with open_store(str(tmp_path / "two")) as s:
        s.load(dest)
        assert (len(s), s.articles()) == want
        assert default_graph(s) == named_union(s)
        assert len(default_graph(s)) == len(named)


def test_an_export_loaded_into_a_store_with_articles_keeps_the_union(tmp_path):
    dest, _ = export_of(tmp_path, str(tmp_path / "one"), "nq", {"a1": A1})
    with open_store(str(tmp_path / "two")) as s:
        put(s, "a2", A2)
        s.load(dest)
        assert s.articles() == ["a1", "a2"]
        assert default_graph(s) == named_union(s)
        assert label_rows(s, "柯蓝溪") == [(entity_iri("柯蓝溪", "Person"),)]


def test_loading_named_graphs_into_a_store_with_articles_adds_them_to_the_union(tmp_path):
    (tmp_path / "g.nq").write_text(
        f'<{entity_iri("甲", "Person")}> <{RDFS.label}> "甲"@zh <{graph_iri("b1")}> .\n', encoding="utf-8"
    )
    with open_store(str(tmp_path / "store")) as s:
        put(s, "a1", A1)
        s.load(str(tmp_path / "g.nq"))
        assert label_rows(s, "甲") == [(entity_iri("甲", "Person"),)]
        assert default_graph(s) == named_union(s)


def test_a_store_without_the_union_gets_it_when_opened(tmp_path):
    import pyoxigraph as ox

    path = str(tmp_path / "old")
    old = ox.Store(path)
    old.add(
        ox.Quad(
            ox.NamedNode(entity_iri("柯蓝溪", "Person")),
            ox.NamedNode(str(RDFS.label)),
            ox.Literal("柯蓝溪", language="zh"),
            ox.NamedNode(graph_iri("a1")),
        )
    )
    old.flush()
    del old
    with open_store(path) as s:
        assert label_rows(s, "柯蓝溪") == [(entity_iri("柯蓝溪", "Person"),)]


# --- put_articles: batches of N-Triples text, one transaction each -----------------------
def nt(triples):
    from kg.store.terms import ntriples

    return ntriples(triples)


def item(aid, triples, h=None):
    return (aid, nt(triples), f"{aid}.txt", h or f"hash-{aid}")


def store_state(store):
    """Everything a store holds but the write timestamps."""
    rows = store.query("SELECT ?g ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }", timeout=None).rows
    return {r for r in rows if r[2] != str(PROV.generatedAtTime)}


BROKEN = '<http://example.org/s> <http://example.org/p> "no end\n'


def test_a_batch_adds_skips_and_replaces(store):
    put(store, "a1", A1)
    put(store, "a2", A2)
    new_a2 = article("a2", [RESIDENT])
    got = store.put_articles([item("a1", A1), item("a2", new_a2, "v2"), item("a3", article("a3", [LEADER]))])
    assert got == [False, True, True]
    assert store.articles() == ["a1", "a2", "a3"]
    assert (store.article_hash("a1"), store.article_hash("a2")) == ("hash-a1", "v2")
    assert len(graph_quads(store, "a2")) == len(set(new_a2))
    assert default_graph(store) == named_union(store)


def test_a_batch_gives_the_store_that_one_by_one_gives(tmp_path):
    with open_store(str(tmp_path / "one")) as one, open_store(str(tmp_path / "batch")) as batch:
        for s in (one, batch):
            put(s, "a2", A2, h="old")
        for aid, triples in (("a1", A1), ("a2", A2), ("a3", article("a3", [RESIDENT]))):
            put(one, aid, triples)
        batch.put_articles([item("a1", A1), item("a2", A2), item("a3", article("a3", [RESIDENT]))])
        assert store_state(one) == store_state(batch)
        assert default_graph(batch) == named_union(batch)


def test_an_article_twice_in_a_batch_is_written_in_order(store):
    got = store.put_articles([item("a1", A1), item("a1", A1), item("a1", article("a1", [LEADER]), "v2")])
    assert got == [True, False, True]
    assert store.article_hash("a1") == "v2"
    assert len(graph_quads(store, "a1")) == len(set(article("a1", [LEADER])))
    assert default_graph(store) == named_union(store)


@pytest.mark.parametrize("replacing", [False, True])
def test_a_bad_article_leaves_none_of_its_batch(store, replacing):
    put(store, "a1", A1)
    before = store_state(store)
    batch = [item("a2", A2), ("a3", BROKEN, "a3.txt", "h3")]
    if replacing:
        batch.insert(0, item("a1", A2, "v2"))
    with pytest.raises(StoreError):
        store.put_articles(batch)
    assert store_state(store) == before
    assert store.articles() == ["a1"]


@pytest.mark.parametrize("replacing", [False, True])
def test_a_write_that_fails_inside_the_transaction_writes_nothing(tmp_path, monkeypatch, replacing):
    """The text gets past the check (switched off here) and breaks the load or update
    itself, after the quads of the articles before it."""
    import kg.store.oxigraph as oxmod

    monkeypatch.setattr(oxmod, "canonical", lambda data: data)
    monkeypatch.setattr(oxmod, "one_triple_a_line", lambda data: data)
    with open_store(str(tmp_path / "store")) as s:
        put(s, "a1", A1)
        before = (store_state(s), default_graph(s))
        batch = [item("a2", A2), ("a3", BROKEN, "a3.txt", "h3")]
        if replacing:
            batch.insert(0, item("a1", A2, "v2"))
        with pytest.raises(StoreError):
            s.put_articles(batch)
        assert (store_state(s), default_graph(s)) == before


def test_flush_keeps_the_store(tmp_path):
    with open_store(str(tmp_path / "store")) as s:
        s.put_articles([item("a1", A1), item("a2", A2)])
        s.flush()
        state = store_state(s)
    with open_store(str(tmp_path / "store"), read_only=True) as s:
        s.flush()  # a read-only store has nothing to flush, and says nothing
        assert store_state(s) == state
    open_store("memory").flush()


def test_ntriples_of_shared_terms_with_a_cache():
    from kg.store.terms import ntriples, parse_ntriples

    cache = {}
    first, second = ntriples(A1, cache), ntriples(A2, cache)
    assert set(parse_ntriples(first.encode())) == set(A1)
    assert set(parse_ntriples(second.encode())) == set(A2)
    assert second == nt(A2)
    with pytest.raises(StoreError, match="cannot write the triple"):
        ntriples([(URIRef("http://example.org/has space"), RDFS.label, Literal("x"))])


def random_batches(s):
    """Six batches of adds, replacements, skips and repeats; what the store then holds."""
    rng = random.Random(5)
    facts = [LEADER, PLACE, RESIDENT]
    for step in range(6):
        batch = [
            item(
                f"a{rng.randrange(5)}",
                article("x", rng.sample(facts, rng.randrange(4))),
                f"h{rng.randrange(3)}",
            )
            for _ in range(4)
        ]
        s.put_articles(batch)
        assert default_graph(s) == named_union(s), step
    union = {r for r in default_graph(s) if r[1] != str(PROV.generatedAtTime)}
    return store_state(s), union, s.articles()


def test_the_local_back_ends_agree_on_batches(tmp_path):
    with open_store(str(tmp_path / "store")) as ox_store, open_store("memory") as rdflib_store:
        assert random_batches(ox_store) == random_batches(rdflib_store)


@pytest.fixture
def remote(tmp_path):
    """A store on an Oxigraph server on 127.0.0.1 (helpers from test_remote)."""
    import subprocess

    from test_remote import free_port, oxigraph_binary, wait_until_up

    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    url = f"http://127.0.0.1:{free_port()}"
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "db"), "--bind", url[7:]],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(url, proc)
        yield open_store(url, max_body=20_000)
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()


def test_the_remote_back_end_agrees_with_requests_cut_by_size(remote, tmp_path, monkeypatch):
    sizes = []
    update = remote._update
    monkeypatch.setattr(remote, "_update", lambda text: (sizes.append(len(text.encode())), update(text)))
    with open_store(str(tmp_path / "store")) as local:
        assert random_batches(remote) == random_batches(local)
    assert len(sizes) > 6 and max(sizes) < 20_000  # six batches, more requests


S, P = "<http://example.org/s>", "<http://example.org/p>"


@pytest.mark.parametrize(
    "data",
    [
        f'{S} {P} "one" .\n{S} {P} "two" .\n',
        f'{S} {P} "3.5 里" .\n',
        "",
    ],
)
def test_text_with_one_triple_a_line_is_taken_as_is(data):
    from kg.store.terms import one_triple_a_line

    assert one_triple_a_line(data) is data


@pytest.mark.parametrize(
    "data",
    [
        f'{S} {P} "one" . # a comment that ends like a triple .\n',
        f'{S} {P} "one" .\r\n',
        f'{S} {P} "one" .\n\n',
        f'{S} {P} "one" .',
    ],
)
def test_other_ntriples_is_rewritten_a_triple_a_line(data):
    from kg.store.terms import canonical, one_triple_a_line

    assert one_triple_a_line(data) == canonical(data) == f'{S} {P} "one" .\n'


@pytest.mark.parametrize("data", [f'{S} {P} "one" . {S} {P} "two" .\n', f'{S} {P} "one" .{S} {P} "two" .\n'])
def test_two_triples_on_a_line_are_refused(store, data):
    with pytest.raises(StoreError):
        store.put_articles([("a1", data, "a1.txt", "h1")])
    assert store.articles() == []


KILLED_BEFORE_COMMIT = """
import os, pickle, sys
from kg.store import open_store
path, first, second = pickle.loads(bytes.fromhex(sys.argv[1]))
s = open_store(path)
s.put_articles([first])


class DiesAtCommit:
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def update(self, sparql):
        os._exit(9)        # killed after the bulk load, before its metadata is committed


s._store = DiesAtCommit(s._store)
s.put_articles([second])
"""


def test_a_bulk_load_killed_before_its_commit_is_taken_out_at_the_next_opening(tmp_path):
    import pickle
    import subprocess
    import sys

    path = str(tmp_path / "store")
    args = pickle.dumps((path, item("a1", A1), item("a2", A2))).hex()
    done = subprocess.run([sys.executable, "-c", KILLED_BEFORE_COMMIT, args], capture_output=True)
    assert done.returncode == 9, done.stderr.decode()
    with OxigraphStore(path, read_only=True) as s:  # what the killed process left
        assert len(graph_quads(s, "a2")) > 0 and s.articles() == ["a1"]
    with open_store(path) as s:
        assert s.articles() == ["a1"]
        assert graph_quads(s, "a2") == []
        assert default_graph(s) == named_union(s)
        assert len(graph_quads(s, "a1")) == len(set(A1))
        assert not s.query(f"ASK {{ GRAPH ?g {{ ?x <{KG}writePending> ?y }} }}", timeout=None)
