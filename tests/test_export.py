"""kg.store.export and the export/query/remove commands: every format parses back with the
same number of facts, untrusted text survives, and an interrupted export leaves no file."""
import argparse
import csv
import json
import os

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, SKOS

from kg.commands import export as export_cmd, query as query_cmd, remove as remove_cmd
from kg.store import StoreError, open_store
from kg.store import export as exporters
from kg.store.results import width
from test_store import A1, A2, UNTRUSTED, article, entity, put

ODD = entity("怪名", "Person")
ODD_TRIPLES = [(ODD, RDF.type, URIRef("https://w3id.org/kg-news/ns#Person")),
               (ODD, RDFS.label, Literal(UNTRUSTED, lang="zh")),
               (ODD, SKOS.altLabel, Literal(UNTRUSTED))]
A3 = article("a3", []) + ODD_TRIPLES + [(URIRef(article("a3", [])[0][0]),
                                         URIRef("https://w3id.org/kg-news/ns#mentions"), ODD)]
ARTICLES = {"a1": A1, "a2": A2, "a3": A3}


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
            assert sum(1 for line in f if line.strip()) == len(union())   # no duplicate lines


@pytest.mark.parametrize("fmt,parser", [("nq", "nquads"), ("trig", "trig")])
def test_dataset_formats_keep_the_named_graphs(store, tmp_path, fmt, parser):
    dest = str(tmp_path / f"graph.{fmt}")
    store.export(fmt, dest)
    ds = Dataset()
    ds.parse(dest, format=parser)
    named = [g for g in ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID]
    assert sum(len(g) for g in named) == len(store)
    for aid, triples in ARTICLES.items():
        graph = ds.graph(URIRef(f"https://w3id.org/kg-news/id/graph/{aid}"))
        assert set(graph) == set(triples)
    default = set(ds.graph(DATASET_DEFAULT_GRAPH_ID))
    assert default == set().union(*map(set, named))       # the union, metadata included
    assert union() < default


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
    assert node["label"] == expected            # quotes, \\, \n, \r, <script>, U+200F exact
    assert json.loads(node["altLabels"]) == [UNTRUSTED]   # JSON escapes what XML cannot carry


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
            f.write("half a fil")          # what a full disk leaves behind
        raise OSError("disk full")
    monkeypatch.setattr(exporters.ox, "serialize", broken)
    with pytest.raises(OSError):
        store.export("ttl", str(dest))
    assert dest.read_text() == "old\n"
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".part")]


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
    assert cli("query", out, "SELECT ?l ?c { ?e rdfs:label ?l ; a ?c FILTER(?c != kg:Article && !CONTAINS(?l, 'say')) } "
               "ORDER BY ?l LIMIT 3", "--limit", "2") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["l", "c"]
    assert [line.split()[0] for line in lines[2:4]] == ["岑野", "柯蓝溪"]
    # the second column starts at the same display width although the names differ in length
    assert {width(line[:line.index("kg:")]) for line in lines[2:4]} == {width("柯蓝溪  ")}
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
