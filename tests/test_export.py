"""kg.store.export and the export/query/remove commands: every format parses back with the
same number of facts, untrusted text survives, and an interrupted export leaves no file."""

import argparse
import csv
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from test_store import A1, A2, UNTRUSTED, article, entity, put

from kg.commands import export as export_cmd
from kg.commands import query as query_cmd
from kg.commands import remove as remove_cmd
from kg.rdf.namespaces import KG, article_iri
from kg.store import META, StoreError, open_store
from kg.store import export as exporters
from kg.store.results import width

ODD = entity("怪名", "Person")
ODD_TRIPLES = [
    (ODD, RDF.type, URIRef("https://w3id.org/kg-news/ns#Person")),
    (ODD, RDFS.label, Literal(UNTRUSTED, lang="zh")),
    (ODD, SKOS.altLabel, Literal(UNTRUSTED)),
]
A3 = (
    article("a3", [])
    + ODD_TRIPLES
    + [(URIRef(article("a3", [])[0][0]), URIRef("https://w3id.org/kg-news/ns#mentions"), ODD)]
)


def dated(aid, triples, day):
    return triples + [(URIRef(article_iri(aid)), KG.datePublished, Literal(day, datatype=XSD.date))]


ARTICLES = {"a1": dated("a1", A1, "2024-03-01"), "a2": dated("a2", A2, "2024-03-05"), "a3": A3}


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request, tmp_path):
    location = str(tmp_path / "out" / "store") if request.param == "oxigraph" else "memory"
    with open_store(location) as s:
        for aid, triples in ARTICLES.items():
            put(s, aid, triples)
        yield s


def union():
    return set().union(*map(set, ARTICLES.values()))


def property_graph():
    """The nodes (typed subjects that are not statements) and edges the exports must hold."""
    triples = union()
    typed = {s for s, p, o in triples if p == RDF.type}
    nodes = typed - {s for s, p, o in triples if p == RDF.type and o == RDF.Statement}
    edges = {(s, p, o) for s, p, o in triples if s in nodes and o in nodes and p != RDF.type}
    return nodes, edges


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_union_formats_hold_each_fact_once(store, tmp_path, fmt, parser):
    dest = str(tmp_path / f"graph.{fmt}")
    store.export(fmt, dest)
    g = Graph().parse(dest, format=parser)
    assert set(g) == union()
    if fmt == "nt":
        with open(dest, encoding="utf-8") as f:
            assert sum(1 for line in f if line.strip()) == len(union())  # no duplicate lines


@pytest.mark.parametrize("fmt,parser", [("nq", "nquads"), ("trig", "trig")])
def test_dataset_formats_hold_the_named_graphs_only(store, tmp_path, fmt, parser):
    dest = str(tmp_path / f"graph.{fmt}")
    store.export(fmt, dest)
    ds = Dataset()
    ds.parse(dest, format=parser)
    named = [g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID]
    assert sum(len(g) for g in named) == len(store)
    for aid, triples in ARTICLES.items():
        graph = ds.graph(URIRef(f"https://w3id.org/kg-news/id/graph/{aid}"))
        assert set(graph) == set(triples)
    assert len(ds.graph(URIRef(META))) == 4 * len(ARTICLES)
    assert len(ds.graph(DATASET_DEFAULT_GRAPH_ID)) == 0  # no second copy of every triple


def distinct_triples(store) -> int:
    return int(
        store.query("SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }", timeout=None).rows[
            0
        ][0]
    )


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_a_dump_loads_back_into_kg_with_the_same_counts(store, tmp_path, fmt):
    dump = str(tmp_path / f"graph.{fmt}")
    store.export(fmt, dump)
    with open_store(str(tmp_path / "again")) as again:
        again.load(dump)
        assert len(again) == len(store)
        assert again.articles() == store.articles()
        assert distinct_triples(again) == distinct_triples(store)  # the union, rebuilt as it loads


def test_nquads_in_a_union_default_graph_count_graph_ttl_plus_the_metadata(store, tmp_path):
    import pyoxigraph as ox

    store.export("nq", str(tmp_path / "graph.nq"))
    store.export("ttl", str(tmp_path / "graph.ttl"))
    loaded = ox.Store()
    loaded.load(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    query = "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    union = int(next(iter(loaded.query(query, use_default_graph_as_union=True)))[0].value)
    ttl = len(Graph().parse(str(tmp_path / "graph.ttl"), format="turtle"))
    assert union == ttl + 4 * len(ARTICLES)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_oxigraph_server_with_union_default_graph_counts_each_triple_once(store, tmp_path):
    """The `oxigraph` binary (PyPI package oxigraph, in the test extra): load the N-Quads,
    serve with --union-default-graph, count."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    store.export("nq", str(tmp_path / "graph.nq"))
    store.export("ttl", str(tmp_path / "graph.ttl"))
    db = str(tmp_path / "server-db")
    subprocess.run(
        [binary, "load", "--location", db, "--file", str(tmp_path / "graph.nq")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve-read-only", "--location", db, "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        query = urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"}
        )
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/query?{query}", headers={"Accept": "application/sparql-results+json"}
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(request, timeout=5) as reply:
                    n = int(json.load(reply)["results"]["bindings"][0]["n"]["value"])
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the oxigraph server did not answer")
    finally:
        server.kill()
        server.wait()
    ttl = len(Graph().parse(str(tmp_path / "graph.ttl"), format="turtle"))
    assert n == ttl + 4 * len(ARTICLES)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_two_builds_of_the_same_input_are_byte_identical(tmp_path, fmt):
    paths = []
    for n, order in enumerate((["a1", "a2", "a3"], ["a3", "a2", "a1"])):
        with open_store(str(tmp_path / f"s{n}")) as s:
            for aid in order:
                put(s, aid, list(reversed(ARTICLES[aid])) if n else ARTICLES[aid])
            paths.append(s.export(fmt, str(tmp_path / f"{n}.{fmt}")))
    assert open(paths[0], "rb").read() == open(paths[1], "rb").read()


def test_turtle_subjects_are_sorted_and_their_predicates_grouped(store, tmp_path):
    store.export("ttl", str(tmp_path / "g.ttl"))
    text = (tmp_path / "g.ttl").read_text(encoding="utf-8")
    subjects = re.findall(r"^(<[^>]+>)", text, flags=re.M)
    # sorted as `LC_ALL=C sort` sorts N-Triples lines; each subject once, its triples together
    assert subjects == sorted(subjects) and len(subjects) == len(set(subjects))
    assert len(subjects) == len({s for s, _, _ in union()})


@pytest.mark.parametrize("fmt", ["nt", "ttl", "jsonld"])
def test_a_sort_in_runs_on_disk_gives_the_same_file(store, tmp_path, monkeypatch, fmt):
    """Bounded memory: a graph bigger than the in-memory sort goes through sorted runs."""
    whole = open(store.export(fmt, str(tmp_path / f"whole.{fmt}")), "rb").read()
    monkeypatch.setattr(exporters, "SORT_CHARACTERS", 500)
    runs = open(store.export(fmt, str(tmp_path / f"runs.{fmt}")), "rb").read()
    assert runs == whole
    if fmt == "nt":
        lines = whole.decode("utf-8").splitlines()
        assert lines == sorted(lines) and len(lines) == len(union())
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]


def test_blank_nodes_get_canonical_labels(tmp_path):
    """The same graph loaded twice (a parser names blank nodes afresh) exports the same."""
    data = (
        '<http://ex.org/a> <http://ex.org/p> _:x .\n_:x <http://ex.org/q> "1" .\n'
        '_:y <http://ex.org/q> "2" .\n_:y <http://ex.org/r> _:x .\n'
    )
    outputs = []
    for n, label in enumerate(("first", "second")):
        (tmp_path / f"{label}.nt").write_text(
            data.replace("_:x", f"_:{label}x").replace("_:y", f"_:{label}y")
        )
        with open_store(str(tmp_path / f"s{n}")) as s:
            s.load(str(tmp_path / f"{label}.nt"))
            outputs.append(open(s.export("ttl", str(tmp_path / f"{n}.ttl")), "rb").read())
    assert outputs[0] == outputs[1] and b"c14n" in outputs[0]
    assert len(Graph().parse(data=outputs[0].decode(), format="turtle")) == 4


def test_jsonld_is_compacted_with_the_shipped_context(store, tmp_path):
    from kg.lexicon import ontology_dir

    store.export("jsonld", str(tmp_path / "g.jsonld"))
    doc = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == shipped
    leader = next(n for n in doc["@graph"] if n["@id"] == "id:person/柯蓝溪")
    assert leader == {
        "@id": "id:person/柯蓝溪",
        "@type": "kg:Person",
        "label": "柯蓝溪",
        "leads": "id:organization/栖梧街道党工委",
    }
    odd = next(n for n in doc["@graph"] if n["@id"] == "id:person/怪名")
    assert odd["skos:altLabel"] == {"@value": UNTRUSTED}  # no @zh: not the term's coercion


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_untrusted_literals_round_trip_exactly(store, tmp_path, fmt, parser):
    dest = str(tmp_path / f"graph.{fmt}")
    store.export(fmt, dest)
    g = Graph().parse(dest, format=parser)
    assert g.value(ODD, RDFS.label) == Literal(UNTRUSTED, lang="zh")
    assert g.value(ODD, SKOS.altLabel) == Literal(UNTRUSTED)


def test_graphml_parses_with_the_same_nodes_and_edges(store, tmp_path):
    dest = str(tmp_path / "graph.graphml")
    store.export("graphml", dest)
    g = nx.read_graphml(dest)
    nodes, edges = property_graph()
    assert set(g.nodes) == {str(n) for n in nodes}
    assert g.number_of_edges() == len(edges)
    leader = entity("柯蓝溪", "Person")
    assert g.nodes[str(leader)]["label"] == "柯蓝溪"
    assert g.nodes[str(leader)]["class"] == "Person"
    assert {d["predicate"] for _, _, d in g.out_edges(str(leader), data=True)} == {"leads"}


def test_graphml_keeps_untrusted_text_but_the_characters_xml_cannot_carry(store, tmp_path):
    dest = str(tmp_path / "graph.graphml")
    store.export("graphml", dest)
    node = nx.read_graphml(dest).nodes[str(ODD)]
    expected = UNTRUSTED.replace("\x01", "\ufffd").replace("\x1f", "\ufffd")
    assert node["label"] == expected  # quotes, \\, \n, \r, <script>, U+200F exact
    assert json.loads(node["altLabels"]) == [UNTRUSTED]  # JSON escapes what XML cannot carry


def test_csv_is_neo4j_import_layout(store, tmp_path):
    dest = tmp_path / "neo4j"
    store.export("csv", str(dest))
    with open(dest / "nodes.csv", newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(dest / "edges.csv", newline="", encoding="utf-8") as f:
        edges = list(csv.reader(f))
    assert nodes[0][:3] == ["id:ID", "label", ":LABEL"]
    assert edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    want_nodes, want_edges = property_graph()
    assert {row[0] for row in nodes[1:]} == {str(n) for n in want_nodes}
    assert len(edges) - 1 == len(want_edges)
    odd = next(row for row in nodes[1:] if row[0] == str(ODD))
    assert odd[1] == UNTRUSTED and odd[2] == "Person"
    ids = {row[0] for row in nodes[1:]}
    assert all(s in ids and o in ids for s, o, *_ in edges[1:])


def test_an_interrupted_export_leaves_no_file(store, tmp_path, monkeypatch):
    dest = tmp_path / "graph.ttl"
    dest.write_text("old\n")

    def broken(rows, output, *args, **kwargs):
        with open(output, "w") as f:
            f.write("half a fil")  # what a full disk leaves behind
        raise OSError("disk full")

    monkeypatch.setattr(exporters.ox, "serialize", broken)
    with pytest.raises(OSError):
        store.export("ttl", str(dest))
    assert dest.read_text() == "old\n"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]


# --- property graphs: provenance, Gephi's and neo4j-admin's expectations ---------------------
LEADER_EDGE = (str(entity("柯蓝溪", "Person")), str(entity("栖梧街道党工委", "PartyOrganization")))
PLACE_EDGE = (str(entity("栖梧街道", "AdministrativeArea")), str(entity("雾松区", "AdministrativeArea")))


def test_graphml_edges_carry_their_provenance(store, tmp_path):
    dest = str(tmp_path / "graph.graphml")
    store.export("graphml", dest)
    g = nx.read_graphml(dest, force_multigraph=True)
    (leads,) = g.get_edge_data(*LEADER_EDGE).values()
    assert leads["predicate"] == "leads" and leads["confidence"] == 0.9  # typed double
    assert leads["articles"] == 1 and leads["evidence"] == "栖梧街道党工委柯蓝溪"
    assert leads["firstDate"] == leads["lastDate"] == "2024-03-01"
    (place,) = g.get_edge_data(*PLACE_EDGE).values()
    assert place["articles"] == 2  # said in a1 and a2
    assert (place["firstDate"], place["lastDate"]) == ("2024-03-01", "2024-03-05")
    mentions = [d for _, _, d in g.edges(data=True) if d["predicate"] == "mentions"]
    assert mentions and all("confidence" not in d for d in mentions)  # no record, no provenance


def test_graphml_keys_are_declared_with_gephi_types(store, tmp_path):
    import xml.etree.ElementTree as ET

    dest = str(tmp_path / "graph.graphml")
    store.export("graphml", dest)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(dest).getroot()
    keys = {k.get("id"): k for k in root.findall("g:key", ns)}
    assert all(k.get("attr.type") in ("string", "int", "double", "boolean") for k in keys.values())
    used = {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert used <= set(keys)
    ids = {n.get("id") for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    edges = list(root.iter("{http://graphml.graphdrawing.org/xmlns}edge"))
    assert edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


NEO4J_TYPES = {
    "",
    "int",
    "long",
    "float",
    "double",
    "boolean",
    "byte",
    "short",
    "char",
    "string",
    "date",
    "datetime",
    "localdatetime",
    "time",
    "localtime",
    "duration",
    "point",
}
NEO4J_HEADER = re.compile(r"^(?P<name>[^:]*)(?::(?P<type>ID|START_ID|END_ID|TYPE|LABEL|[a-z]+(?:\[\])?))?$")


def check_neo4j_header(header, required):
    """neo4j-admin's header syntax: name:type, the special fields, known types."""
    for field in header:
        m = NEO4J_HEADER.match(field)
        assert m, field
        kind = m["type"] or ""
        assert kind in ("ID", "START_ID", "END_ID", "TYPE", "LABEL") or kind.rstrip("[]") in NEO4J_TYPES, (
            field
        )
    assert required <= {f[f.index(":") :] for f in header if ":" in f}


def check_cell(kind: str, cell: str):
    if cell == "":
        return  # null
    if kind == "int":
        int(cell)
    elif kind == "double":
        float(cell)
    elif kind == "date":
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell), cell


def test_csv_is_what_neo4j_admin_imports(store, tmp_path):
    dest = tmp_path / "neo4j"
    store.export("csv", str(dest))
    nodes, edges = read_csv(dest / "nodes.csv"), read_csv(dest / "edges.csv")
    check_neo4j_header(nodes[0], {":ID", ":LABEL"})
    check_neo4j_header(edges[0], {":START_ID", ":END_ID", ":TYPE"})
    assert "altLabels:string[]" in nodes[0]
    for table in (nodes, edges):
        assert all(len(row) == len(table[0]) for row in table)
        kinds = [f.split(":", 1)[1] if ":" in f else "string" for f in table[0]]
        for row in table[1:]:
            for kind, cell in zip(kinds, row):
                check_cell(kind, cell)
    ids = [row[0] for row in nodes[1:]]
    assert len(ids) == len(set(ids))  # unique ids
    assert all(s in ids and o in ids for s, o, *_ in edges[1:])  # nothing dangles
    head = edges[0]
    row = next(r for r in edges[1:] if (r[0], r[1]) == PLACE_EDGE)
    got = dict(zip(head, row))
    assert (got[":TYPE"], got["articles:int"], got["firstDate:date"], got["lastDate:date"]) == (
        "locatedIn",
        "2",
        "2024-03-01",
        "2024-03-05",
    )
    assert got["confidence:double"] == "0.9" and got["evidence"]


def test_csv_alt_labels_use_neo4j_array_syntax(tmp_path):
    person = entity("郁青", "Person")
    triples = article("b1", []) + [
        (person, RDF.type, KG.Person),
        (person, RDFS.label, Literal("郁青", lang="zh")),
        (person, SKOS.altLabel, Literal("小郁", lang="zh")),
        (person, SKOS.altLabel, Literal("郁;青", lang="zh")),
    ]
    with open_store(str(tmp_path / "s")) as s:
        put(s, "b1", triples)
        s.export("csv", str(tmp_path / "csv"))
    nodes = read_csv(tmp_path / "csv" / "nodes.csv")
    row = dict(zip(nodes[0], next(r for r in nodes[1:] if r[0] == str(person))))
    assert row["altLabels:string[]"].split(";") == ["小郁", "郁；青"]  # its own ';' cannot be escaped


FORMULAS = ['=HYPERLINK("http://example.org","点")标题', "+1+2", "-3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_csv_cells_never_start_a_formula(tmp_path):
    """OWASP's CSV injection: a cell starting with = + - @ TAB or CR gets a leading '."""
    triples = article("f1", [], headline=FORMULAS[0])
    for n, text in enumerate(FORMULAS):
        node = entity(f"式{n}", "Person")
        triples += [
            (node, RDF.type, KG.Person),
            (node, RDFS.label, Literal(text, lang="zh")),
            (node, SKOS.altLabel, Literal(text, lang="zh")),
        ]
    with open_store(str(tmp_path / "s")) as s:
        put(s, "f1", triples)
        s.export("csv", str(tmp_path / "csv"))
    cells = [
        cell
        for name in ("nodes.csv", "edges.csv")
        for row in read_csv(tmp_path / "csv" / name)
        for cell in row
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    labels = {c for c in cells if c.startswith("'")}
    assert {"'" + t for t in FORMULAS} <= labels  # kept, as text


def test_csv_files_are_replaced_together(store, tmp_path, monkeypatch):
    """A failure while the second file is written leaves both old files, not a new
    nodes.csv beside an old edges.csv."""
    dest = tmp_path / "csv"
    store.export("csv", str(dest))
    before = {n: (dest / n).read_bytes() for n in ("nodes.csv", "edges.csv")}
    put(store, "a4", article("a4", [(("苗禾", "Person"), "leads", ("青石社区党支部", "PartyOrganization"))]))

    def broken(*args, **kwargs):
        raise OSError("disk full")
        yield

    monkeypatch.setattr(exporters, "property_edges", broken)
    with pytest.raises(OSError):
        store.export("csv", str(dest))
    assert {n: (dest / n).read_bytes() for n in before} == before
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]
    monkeypatch.undo()
    store.export("csv", str(dest))
    assert (dest / "nodes.csv").read_bytes() != before["nodes.csv"]
    assert sorted(os.listdir(dest)) == ["edges.csv", "nodes.csv"]


def test_csv_export_leaves_other_files_alone(store, tmp_path):
    dest = tmp_path / "mine"
    dest.mkdir()
    (dest / "import.sh").write_text("neo4j-admin ...\n")
    with pytest.raises(StoreError, match="holds files besides"):
        store.export("csv", str(dest))
    assert (dest / "import.sh").exists()


def dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_parts_of_killed_exports_are_removed_by_the_next(store, tmp_path):
    dead = dead_pid()
    stale = [tmp_path / f".graph.ttl.{dead}.x1y2.part", tmp_path / f".csv.{dead}.q9.part"]
    stale[0].write_text("half")
    stale[1].mkdir()
    (stale[1] / "nodes.csv").write_text("half")
    running = tmp_path / f".graph.ttl.{os.getppid()}.zz.part"  # a live process's: kept
    running.write_text("in progress")
    other = tmp_path / f".notes.txt.{dead}.a.part"  # another file's: kept
    other.write_text("x")
    store.export("ttl", str(tmp_path / "graph.ttl"))
    store.export("csv", str(tmp_path / "csv"))
    assert not any(p.exists() for p in stale)
    assert running.exists() and other.exists()


def test_unknown_format(store, tmp_path):
    with pytest.raises(StoreError, match="unknown export format"):
        store.export("xlsx", str(tmp_path / "x"))


# --- the commands ------------------------------------------------------------------------
def cli(*argv):
    ap = argparse.ArgumentParser(prog="kg")
    sub = ap.add_subparsers()
    for module in (export_cmd, query_cmd, remove_cmd):
        module.add_parser(sub)
    args = ap.parse_args(argv)
    return args.run(args)


@pytest.fixture
def out(tmp_path):
    with open_store(str(tmp_path / "out" / "store")) as s:
        for aid, triples in ARTICLES.items():
            put(s, aid, triples)
    return str(tmp_path / "out")


def test_export_command_writes_default_path(out, capsys):
    assert cli("export", out, "--format", "trig") == 0
    assert capsys.readouterr().out.strip() == os.path.join(out, "graph.trig")
    assert os.path.getsize(os.path.join(out, "graph.trig")) > 0


def test_query_command_table_aligns_wide_characters(out, capsys):
    assert (
        cli(
            "query",
            out,
            "SELECT ?l ?c { ?e rdfs:label ?l ; a ?c FILTER(?c != kg:Article && !CONTAINS(?l, 'say')) } "
            "ORDER BY ?l LIMIT 3",
            "--limit",
            "2",
        )
        == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["l", "c"]
    assert [line.split()[0] for line in lines[2:4]] == ["岑野", "柯蓝溪"]
    # the second column starts at the same display width although the names differ in length
    assert {width(line[: line.index("kg:")]) for line in lines[2:4]} == {width("柯蓝溪  ")}
    assert lines[-1] == "(3 rows; 1 more not shown, use --limit)"


def test_query_command_from_file_and_formats(out, tmp_path, capsys):
    rq = tmp_path / "leads.rq"
    rq.write_text("SELECT ?who { ?who kg:leads ?org }\n", encoding="utf-8")
    assert cli("query", out, "-f", str(rq), "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["results"]["bindings"][0]["who"]["value"] == str(entity("柯蓝溪", "Person"))
    assert cli("query", out, str(rq), "-f", "--format", "csv") == 0
    assert capsys.readouterr().out.splitlines() == ["who", str(entity("柯蓝溪", "Person"))]


def test_query_command_errors_are_one_line(out, tmp_path, capsys):
    assert cli("query", out, "SELECT ?x {") == 1
    err = capsys.readouterr().err
    assert err.startswith("kg query: line 1, column") and err.count("\n") == 1
    assert cli("query", str(tmp_path / "nothing"), "ASK {}") == 1
    assert "no graph store" in capsys.readouterr().err


def test_query_command_escapes_control_characters_in_the_table(out, capsys):
    assert cli("query", out, "SELECT ?l { ?e skos:altLabel ?l }") == 0
    text = capsys.readouterr().out
    assert "\\n" in text and "\\u200f" in text and "\x01" not in text and "\u200f" not in text


def test_remove_command(out, capsys):
    assert cli("remove", out, "a1") == 0
    assert capsys.readouterr().out.startswith("removed a1 (")
    assert cli("remove", out, "a1") == 1
    assert "no article 'a1'" in capsys.readouterr().err
    with open_store(os.path.join(out, "store"), read_only=True) as s:
        assert s.articles() == ["a2", "a3"]
