"""Exporters: the store to files, streamed, each file written under a temporary name and
renamed when complete (an interrupted export never leaves a half file).

ttl, nt, jsonld: the union of the article graphs, each triple once: the store's default
graph, less the metadata (it describes graphs, which these formats cannot name). nq, trig:
the whole dataset: the default graph (the union, metadata included) first, then every named
graph, the metadata graph included; loading it is one bulk load (OxigraphStore.load).
graphml, csv: the property graph of entities and articles
(nodes) and the relations between them (edges); csv is Neo4j's `neo4j-admin database import`
layout (nodes.csv, edges.csv).
"""
from __future__ import annotations

import contextlib
import csv
import itertools
import json
import os
import re
import tempfile
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .base import META, PREFIXES, Store, StoreError
from ..rdf.namespaces import GRAPHS
from .oxigraph import META_GRAPH, OxigraphStore, named_quads

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"

EXTENSIONS = {"ttl": "ttl", "nt": "nt", "nq": "nq", "trig": "trig", "jsonld": "jsonld",
              "graphml": "graphml", "csv": ""}


def default_path(out_dir: str, fmt: str) -> str:
    return os.path.join(out_dir, "csv" if fmt == "csv" else f"graph.{EXTENSIONS[fmt]}")


def export_store(store: Store, fmt: str, dest: str) -> str:
    if fmt not in EXPORTERS:
        raise StoreError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}")
    if getattr(store, "ox_store", None) is not None:
        EXPORTERS[fmt](store.ox_store, dest)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-export-") as folder:
            _export_copy(store, EXPORTERS[fmt], dest, folder)
    return dest


def _export_copy(store: Store, exporter, dest: str, folder: str) -> None:
    """Other back ends: through a temporary pyoxigraph copy, closed before its folder goes."""
    dump = os.path.join(folder, "all.nq")
    store.dump_nquads(dump)
    copy = OxigraphStore(os.path.join(folder, "db"))
    try:
        copy.load(dump)
        exporter(copy.ox_store, dest)
    finally:
        copy.close()


@contextlib.contextmanager
def atomic_path(dest: str):
    """A temporary path beside `dest`, renamed to `dest` when the block succeeds."""
    folder = os.path.dirname(os.path.abspath(dest))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(dest)}.", suffix=".part", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; exports are ordinary files
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- RDF formats ---------------------------------------------------------------------------
def _serialiser(rows, fmt: ox.RdfFormat, prefixes=None):
    """An exporter that streams `rows(store)` to `dest` in `fmt` under a temporary name."""
    def run(source: ox.Store, dest: str) -> None:
        with atomic_path(dest) as tmp:
            ox.serialize(rows(source), tmp, fmt, prefixes=prefixes)
    return run


def all_quads(source: ox.Store):
    """The default graph's quads, then the named graphs' (the order OxigraphStore.load
    checks first)."""
    return itertools.chain(source.quads_for_pattern(None, None, None, ox.DefaultGraph()),
                           named_quads(source))


def union_triples(source: ox.Store):
    """The default graph (the union, each triple once) without the metadata graph's triples.
    A scan rather than a CONSTRUCT ... FILTER NOT EXISTS, which held the whole result in
    memory (6x the peak) and took twice as long."""
    for q in source.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        s = q.subject
        # metadata is about article graphs: only a graph IRI can be its subject
        if (isinstance(s, ox.NamedNode) and s.value.startswith(GRAPHS)
                and ox.Quad(s, q.predicate, q.object, META_GRAPH) in source):
            continue
        yield q.triple


# --- property graphs -----------------------------------------------------------------------
def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _select(source: ox.Store, sparql: str):
    return source.query(sparql)


def graph_nodes(source: ox.Store) -> dict[str, dict]:
    """Every typed subject but provenance statements: iri -> label, classes, altLabels."""
    nodes: dict[str, dict] = {}
    for row in _select(source, f"SELECT DISTINCT ?n ?t {{ ?n <{RDF_TYPE}> ?t FILTER(isIRI(?n)) }}"):
        nodes.setdefault(row["n"].value, {"label": "", "classes": [], "alt": []})["classes"].append(
            local_name(row["t"].value))
    for iri in [i for i, n in nodes.items() if "Statement" in n["classes"]]:
        del nodes[iri]
    _add_labels(source, nodes)
    return nodes


def _add_labels(source: ox.Store, nodes: dict[str, dict]) -> None:
    for row in _select(source, "SELECT DISTINCT ?n ?p ?l { ?n ?p ?l FILTER(isLITERAL(?l) && "
                       f"(?p = <{LABEL}> || ?p = <{ALT_LABEL}> || STRENDS(STR(?p), \"headline\"))) }}"):
        node = nodes.get(row["n"].value)
        if node is None:
            continue
        p, text = row["p"].value, row["l"].value
        if p == ALT_LABEL:
            node["alt"].append(text)
        elif p == LABEL or not node["label"]:
            node["label"] = text
    for node in nodes.values():
        node["classes"].sort()
        node["alt"].sort()


def graph_edges(source: ox.Store, nodes: dict[str, dict]):
    """(subject, predicate, object) IRIs of the relations between two nodes, each once."""
    for row in _select(source, f"SELECT DISTINCT ?s ?p ?o {{ ?s ?p ?o FILTER(isIRI(?o) && "
                               f"isIRI(?s) && ?p != <{RDF_TYPE}>) }}"):
        s, o = row["s"].value, row["o"].value
        if s in nodes and o in nodes:
            yield s, row["p"].value, o


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Escape for XML element text. XML 1.0 cannot carry most C0 control characters at all,
    so they become U+FFFD; CR is written as a reference so parsers do not turn it into LF."""
    return escape(_NOT_XML.sub("\ufffd", text)).replace("\r", "&#13;")


def xml_attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text)).replace("\r", "&#13;")


GRAPHML_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<key id="class" for="node" attr.name="class" attr.type="string"/>
<key id="altLabels" for="node" attr.name="altLabels" attr.type="string"/>
<key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
<key id="iri" for="edge" attr.name="iri" attr.type="string"/>
<graph id="kg" edgedefault="directed">
"""


def export_graphml(source: ox.Store, dest: str) -> None:
    """GraphML written directly (streamed): node attributes label, class (';'-joined class
    names), altLabels (a JSON list); edge attributes predicate (local name) and iri."""
    nodes = graph_nodes(source)
    with atomic_path(dest) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        out.write(GRAPHML_HEAD)
        for iri, node in nodes.items():
            out.write(f'<node id={xml_attr(iri)}>{_data("label", node["label"])}'
                      f'{_data("class", ";".join(node["classes"]))}'
                      f'{_data("altLabels", json.dumps(node["alt"], ensure_ascii=False))}</node>\n')
        for n, (s, p, o) in enumerate(graph_edges(source, nodes)):
            out.write(f'<edge id="e{n}" source={xml_attr(s)} target={xml_attr(o)}>'
                      f'{_data("predicate", local_name(p))}{_data("iri", p)}</edge>\n')
        out.write("</graph>\n</graphml>\n")


def _data(key: str, value: str) -> str:
    return f'<data key="{key}">{xml_text(value)}</data>'


def export_csv(source: ox.Store, dest: str) -> None:
    """nodes.csv and edges.csv for `neo4j-admin database import full --nodes=nodes.csv
    --relationships=edges.csv` (add --multiline-fields=true if a label holds a newline).
    altLabels is a JSON list, because Neo4j arrays have no escape for their delimiter."""
    os.makedirs(dest, exist_ok=True)
    nodes = graph_nodes(source)
    with atomic_path(os.path.join(dest, "nodes.csv")) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["id:ID", "label", ":LABEL", "altLabels"])
        for iri, node in nodes.items():
            out.writerow([iri, node["label"], ";".join(node["classes"]),
                          json.dumps(node["alt"], ensure_ascii=False)])
    with atomic_path(os.path.join(dest, "edges.csv")) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow([":START_ID", ":END_ID", ":TYPE", "iri"])
        for s, p, o in graph_edges(source, nodes):
            out.writerow([s, o, local_name(p), p])


EXPORTERS = {
    "ttl": _serialiser(union_triples, ox.RdfFormat.TURTLE, PREFIXES),
    "nt": _serialiser(union_triples, ox.RdfFormat.N_TRIPLES),
    "jsonld": _serialiser(union_triples, ox.RdfFormat.JSON_LD),
    "nq": _serialiser(all_quads, ox.RdfFormat.N_QUADS),
    "trig": _serialiser(all_quads, ox.RdfFormat.TRIG, PREFIXES),
    "graphml": export_graphml,
    "csv": export_csv,
}
