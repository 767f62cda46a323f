"""Exporters: the store to files, streamed, each file written under a temporary name and
renamed when complete (an interrupted export never leaves a half file; what a killed one
left, `.NAME.PID.*.part`, goes at the next export to the same place).

ttl, nt, jsonld: the union of the article graphs, each triple once, less the metadata (it
describes graphs, which these formats cannot name); deterministic: subjects sorted, each
subject's triples sorted by predicate and object, blank nodes (kg makes none, a loaded file
may hold some) labelled by RDFC-1.0, so two builds of the same input are byte-identical and
`diff` of two builds shows what changed. jsonld is compacted with the shipped context
(ontology/context.jsonld), inlined. nq, trig: the article graphs and the metadata graph,
nothing in the default graph (a store with a union default graph counts each triple once);
OxigraphStore.load rebuilds the union as it loads. graphml, csv: the property graph of
entities and articles (nodes) and the relations between them (edges), each edge with its
provenance (confidence, title, supporting articles, first and last date, one evidence
sentence); csv is Neo4j's `neo4j-admin database import` layout (nodes.csv, edges.csv, in a
folder written and renamed as a whole), its cells guarded against spreadsheet formulas.
"""

from __future__ import annotations

import contextlib
import csv
import heapq
import itertools
import json
import os
import re
import shutil
import tempfile
from functools import lru_cache
from typing import IO, cast
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..lexicon import ontology_dir
from ..rdf.namespaces import GRAPHS
from .base import EXPORTERS, PREFIXES, Store, StoreError
from .oxigraph import META_GRAPH, OxigraphStore, named_quads

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"

EXTENSIONS = {
    "ttl": "ttl",
    "nt": "nt",
    "nq": "nq",
    "trig": "trig",
    "jsonld": "jsonld",
    "graphml": "graphml",
    "csv": "",
}


def default_path(out_dir: str, fmt: str) -> str:
    return os.path.join(out_dir, "csv" if fmt == "csv" else f"graph.{EXTENSIONS[fmt]}")


def _from_oxigraph(write):
    """An exporter `(store, dest)` from a writer of a pyoxigraph store: the back end's own
    when it has one (`ox_store`), else a temporary copy loaded from `Store.dump_nquads`."""

    def export(store: Store, dest: str) -> None:
        own = getattr(store, "ox_store", None)
        if own is not None:
            write(own, dest)
        else:
            with tempfile.TemporaryDirectory(prefix="kg-export-") as folder:
                _export_copy(store, write, dest, folder)

    export.__qualname__ = f"export[{getattr(write, '__qualname__', write)}]"
    return export


def _export_copy(store: Store, exporter, dest: str, folder: str) -> None:
    """Other back ends: through a temporary pyoxigraph copy, closed before its folder goes."""
    dump = os.path.join(folder, "all.nq")
    store.dump_nquads(dump)
    copy = OxigraphStore(os.path.join(folder, "db"))
    error = None
    try:
        copy.load(dump)
        exporter(copy.ox_store, dest)
    except Exception as exc:  # noqa: BLE001  re-raised below, without the frames that hold the copy open
        error = exc.with_traceback(None)
    finally:
        copy.close()
    if error is not None:
        raise error


# --- temporary names -------------------------------------------------------------------------
def _part_prefix(dest: str) -> str:
    """`.NAME.PID.`: the temporary names of an export to `dest` by this process."""
    return f".{os.path.basename(os.path.abspath(dest))}.{os.getpid()}."


_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]*\.part$")


def remove_stale_parts(dest: str) -> list[str]:
    """Delete what killed exports to `dest` left beside it: `.NAME.PID.*.part` files and
    folders whose process is gone (a running export's are kept). Returns their paths."""
    folder = os.path.dirname(os.path.abspath(dest))
    name = os.path.basename(os.path.abspath(dest))
    removed = []
    for entry in os.listdir(folder) if os.path.isdir(folder) else ():
        m = _PART.match(entry)
        if m and m["name"] == name and not _alive(int(m["pid"])):
            path = os.path.join(folder, entry)
            shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process is not writing it: a leftover of an earlier run
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def atomic_path(dest: str):
    """A temporary path beside `dest`, renamed to `dest` when the block succeeds."""
    folder = os.path.dirname(os.path.abspath(dest))
    os.makedirs(folder, exist_ok=True)
    remove_stale_parts(dest)
    fd, tmp = tempfile.mkstemp(prefix=_part_prefix(dest), suffix=".part", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; exports are ordinary files
    try:
        yield tmp
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


CSV_FILES = ("nodes.csv", "edges.csv")


@contextlib.contextmanager
def atomic_folder(dest: str, names: tuple[str, ...]):
    """A temporary folder beside `dest` that replaces it as a whole when the block succeeds,
    so its files are never a mix of two exports. `dest` may hold only `names` (an export
    does not delete what a user put there)."""
    dest = os.path.abspath(dest)  # no trailing slash for the renames
    parent = os.path.dirname(dest)
    os.makedirs(parent, exist_ok=True)
    remove_stale_parts(dest)
    if os.path.isdir(dest) and set(os.listdir(dest)) - set(names):
        raise StoreError(f"{dest} holds files besides {' and '.join(names)}; name a new or empty folder")
    if os.path.exists(dest) and not os.path.isdir(dest):
        raise StoreError(f"{dest} is a file; the csv export writes a folder")
    tmp = tempfile.mkdtemp(prefix=_part_prefix(dest), suffix=".part", dir=parent)
    os.chmod(tmp, 0o777 & ~_umask())
    try:
        yield tmp
        old = None
        if os.path.isdir(dest):  # two renames: a kill between them leaves dest absent, never mixed
            old = tempfile.mkdtemp(prefix=_part_prefix(dest), suffix=".part", dir=parent)
            os.replace(dest, old)
        os.replace(tmp, dest)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if os.path.exists(tmp):
            shutil.rmtree(tmp, ignore_errors=True)


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
    """The named graphs' quads (article graphs and metadata graph), graph by graph; not the
    default graph, which is their union."""
    return named_quads(source)


def _is_meta(source: ox.Store, q: ox.Quad) -> bool:
    """Metadata is about article graphs: only a graph IRI can be its subject."""
    s = q.subject
    return (
        isinstance(s, ox.NamedNode)
        and s.value.startswith(GRAPHS)
        and ox.Quad(s, q.predicate, q.object, META_GRAPH) in source
    )


def union_triples(source: ox.Store):
    """The default graph (the union, each triple once) without the metadata graph's triples,
    in the store's order. A scan rather than a CONSTRUCT ... FILTER NOT EXISTS, which held
    the whole result in memory (6x the peak) and took twice as long."""
    for q in source.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        if not _is_meta(source, q):
            yield q.triple


# Lines sorted in memory at once (the rest waits in sorted runs on disk, merged at the end).
SORT_CHARACTERS = 32_000_000


def sorted_lines(source: ox.Store, folder: str):
    """The union less the metadata as N-Triples lines in code-point order (`LC_ALL=C sort`
    of an N-Triples file): subjects sorted, each subject's triples together and sorted by
    predicate and object, so Turtle groups them. Blank nodes get RDFC-1.0 labels (whose
    labels depend only on the triples with a blank node: those are canonicalised alone).
    An external merge sort in `folder`, so memory stays bounded."""
    runs: list[str] = []
    chunk: list[str] = []
    size = 0
    for line in _lines(source):
        chunk.append(line)
        size += len(line)
        if size >= SORT_CHARACTERS:
            runs.append(_write_run(chunk, folder, len(runs)))
            chunk, size = [], 0
    chunk.sort()
    if not runs:
        yield from chunk
        return
    runs.append(_write_run(chunk, folder, len(runs)))
    files = [open(path, encoding="utf-8", newline="\n") for path in runs]
    try:
        yield from heapq.merge(*files)
    finally:
        for f in files:
            f.close()


def _lines(source: ox.Store):
    blank = False
    for t in union_triples(source):
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            blank = True
        else:
            yield f"{t} .\n"
    if blank:
        yield from (f"{q.triple} .\n" for q in _canonical_blank_quads(source))


def _write_run(chunk: list[str], folder: str, n: int) -> str:
    chunk.sort()
    path = os.path.join(folder, f"run{n}.nt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(chunk)
    return path


def _canonical_blank_quads(source: ox.Store) -> ox.Dataset:
    rows = cast(
        ox.QuerySolutions, source.query("SELECT ?s ?p ?o { ?s ?p ?o FILTER(isBLANK(?s) || isBLANK(?o)) }")
    )
    dataset = ox.Dataset(ox.Quad(s, p, o) for s, p, o in rows)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


class _LineReader:
    """A file-like view of an iterator of lines, for ox.parse (it reads, and never holds
    the whole text)."""

    def __init__(self, lines):
        self._lines = lines
        self._rest = b""

    def read(self, n: int = -1) -> bytes:
        parts, size = [self._rest], len(self._rest)
        for line in self._lines:
            parts.append(line.encode("utf-8"))
            size += len(parts[-1])
            if 0 <= n <= size:
                break
        data = b"".join(parts)
        if n < 0:
            self._rest = b""
            return data
        data, self._rest = data[:n], data[n:]
        return data


def sorted_triples(source: ox.Store, folder: str):
    """The triples of `sorted_lines`, parsed again."""
    lines = cast(IO[bytes], _LineReader(sorted_lines(source, folder)))  # it has read()
    for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
        yield q.triple


def subject_groups(source: ox.Store, folder: str):
    """(subject, its triples) in the order of `sorted_lines`."""
    for subject, group in itertools.groupby(sorted_triples(source, folder), key=lambda t: t.subject):
        yield subject, list(group)


@contextlib.contextmanager
def sort_folder(dest: str):
    """Where the sort's runs go: a `.part` folder beside `dest` (the disk the export goes to,
    not a /tmp that may be small), removed after, or by the next export if killed."""
    parent = os.path.dirname(os.path.abspath(dest))
    os.makedirs(parent, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=_part_prefix(dest), suffix=".part", dir=parent)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sorted_serialiser(fmt: ox.RdfFormat, prefixes=None):
    def run(source: ox.Store, dest: str) -> None:
        with atomic_path(dest) as tmp, sort_folder(dest) as folder:
            if fmt == ox.RdfFormat.N_TRIPLES:
                with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                    out.writelines(sorted_lines(source, folder))
            else:
                ox.serialize(sorted_triples(source, folder), tmp, fmt, prefixes=prefixes)

    return run


# --- JSON-LD, compacted with the shipped context ---------------------------------------------
@lru_cache(maxsize=1)
def jsonld_context() -> dict:
    """ontology/context.jsonld: the prefixes of kg's vocabularies and a term per predicate
    kg writes (with the language, datatype or IRI its values have)."""
    with open(ontology_dir() / "context.jsonld", encoding="utf-8") as f:
        return json.load(f)["@context"]


@lru_cache(maxsize=1)
def _context_tables() -> tuple[list[tuple[str, str]], dict[str, tuple[str, dict]]]:
    """(prefixes, longest namespace first; predicate IRI -> (term, its definition))."""
    ctx = jsonld_context()
    prefixes = sorted(((k, v) for k, v in ctx.items() if isinstance(v, str)), key=lambda kv: -len(kv[1]))
    expand = dict(prefixes)

    def iri(value: str) -> str:
        prefix, _, rest = value.partition(":")
        return expand[prefix] + rest if prefix in expand else value

    terms = {
        iri(d["@id"]): (term, {k: iri(v) if k == "@type" and v != "@id" else v for k, v in d.items()})
        for term, d in ctx.items()
        if isinstance(d, dict)
    }
    return prefixes, terms


def compact_iri(value: str) -> str:
    """`kg:leads` for the full IRI, by the context's prefixes (a suffix starting with // would
    read as an absolute IRI, so that one stays whole)."""
    for prefix, namespace in _context_tables()[0]:
        if (
            value.startswith(namespace)
            and len(value) > len(namespace)
            and not value[len(namespace) :].startswith("//")
        ):
            return f"{prefix}:{value[len(namespace) :]}"
    return value


def _term_value(term, definition: dict | None):
    """The JSON value of an RDF term under a term `definition` (None: a compact-IRI key, no
    coercion); None when the definition does not fit the term."""
    if isinstance(term, ox.NamedNode):
        iri = compact_iri(term.value)
        return {"@id": iri} if definition is None else (iri if definition.get("@type") == "@id" else None)
    if isinstance(term, ox.BlankNode):
        node = f"_:{term.value}"
        return {"@id": node} if definition is None else (node if definition.get("@type") == "@id" else None)
    if definition is not None:
        if term.language:
            return term.value if definition.get("@language") == term.language else None
        return term.value if definition.get("@type") == term.datatype.value else None
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD_STRING:
        return {"@value": term.value}
    return {"@value": term.value, "@type": compact_iri(term.datatype.value)}


def jsonld_node(subject, triples: list[ox.Triple]) -> dict:
    """One node object: @id, @type, then a key per predicate (a context term where its
    coercion fits the value, else the compact IRI with an explicit value object)."""
    terms = _context_tables()[1]
    node: dict = {
        "@id": f"_:{subject.value}" if isinstance(subject, ox.BlankNode) else compact_iri(subject.value)
    }
    for t in triples:
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact_iri(t.object.value))
            continue
        term, definition = terms.get(t.predicate.value, (None, None))
        value = _term_value(t.object, definition) if term else None
        key = term if value is not None else compact_iri(t.predicate.value)
        if value is None:
            value = _term_value(t.object, None)
        node.setdefault(key, []).append(value)
    return {k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in node.items()}


def export_jsonld(source: ox.Store, dest: str) -> None:
    """{"@context": ..., "@graph": [...]}, one node object a line."""
    with (
        atomic_path(dest) as tmp,
        sort_folder(dest) as folder,
        open(tmp, "w", encoding="utf-8", newline="\n") as out,
    ):
        out.write(
            '{"@context": '
            + json.dumps(jsonld_context(), ensure_ascii=False, sort_keys=True)
            + ',\n"@graph": ['
        )
        for n, (subject, triples) in enumerate(subject_groups(source, folder)):
            out.write(
                ("\n" if n == 0 else ",\n") + json.dumps(jsonld_node(subject, triples), ensure_ascii=False)
            )
        out.write("\n]}\n")


# --- property graphs -----------------------------------------------------------------------
def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _select(source: ox.Store, sparql: str):
    return source.query(sparql)


def graph_nodes(source: ox.Store) -> dict[str, dict]:
    """Every typed subject but provenance statements: iri -> label, classes, altLabels."""
    nodes: dict[str, dict] = {}
    for row in _select(
        source, f"SELECT DISTINCT ?n ?t {{ ?n <{RDF_TYPE}> ?t FILTER(isIRI(?n)) }} ORDER BY ?n ?t"
    ):
        nodes.setdefault(row["n"].value, {"label": "", "classes": [], "alt": []})["classes"].append(
            local_name(row["t"].value)
        )
    for iri in [i for i, n in nodes.items() if "Statement" in n["classes"]]:
        del nodes[iri]
    _add_labels(source, nodes)
    return nodes


def _add_labels(source: ox.Store, nodes: dict[str, dict]) -> None:
    for row in _select(
        source,
        "SELECT DISTINCT ?n ?p ?l { ?n ?p ?l FILTER(isLITERAL(?l) && "
        f'(?p = <{LABEL}> || ?p = <{ALT_LABEL}> || STRENDS(STR(?p), "headline"))) }}',
    ):
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
    for row in _select(
        source,
        f"SELECT DISTINCT ?s ?p ?o {{ ?s ?p ?o FILTER(isIRI(?o) && "
        f"isIRI(?s) && ?p != <{RDF_TYPE}>) }} ORDER BY ?s ?p ?o",
    ):
        s, o = row["s"].value, row["o"].value
        if s in nodes and o in nodes:
            yield s, row["p"].value, o


PROVENANCE = ("confidence", "title", "articles", "firstDate", "lastDate", "evidence")

_PROVENANCE_QUERY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kg: <https://w3id.org/kg-news/ns#>
SELECT ?s ?p ?o (MAX(?c) AS ?confidence) (MIN(?t) AS ?title) (COUNT(DISTINCT ?a) AS ?articles)
       (MIN(?d) AS ?firstDate) (MAX(?d) AS ?lastDate) (MIN(?e) AS ?evidence) {
    ?r rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?r prov:wasDerivedFrom ?a OPTIONAL { ?a kg:datePublished ?d } }
    OPTIONAL { ?r kg:confidence ?c } OPTIONAL { ?r kg:title ?t } OPTIONAL { ?r kg:evidence ?e }
} GROUP BY ?s ?p ?o"""


def edge_provenance(source: ox.Store) -> dict[tuple[str, str, str], dict[str, str]]:
    """(s, p, o) -> what its provenance records say together: the highest confidence, a
    title, how many articles support it, the first and last of their dates, one evidence
    sentence (the first in code-point order, so that exports compare). Facts only; an edge
    with no record (kg:mentions) has none."""
    out = {}
    for row in cast(ox.QuerySolutions, source.query(_PROVENANCE_QUERY)):
        values = {name: row[name].value for name in PROVENANCE if row[name] is not None}
        out[(row["s"].value, row["p"].value, row["o"].value)] = values
    return out


def property_edges(source: ox.Store, nodes: dict[str, dict]):
    """(s, p, o, provenance) for every edge between two nodes."""
    provenance = edge_provenance(source)
    for s, p, o in graph_edges(source, nodes):
        yield s, p, o, provenance.get((s, p, o), {})


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Escape for XML element text. XML 1.0 cannot carry most C0 control characters at all,
    so they become U+FFFD; CR is written as a reference so parsers do not turn it into LF."""
    return escape(_NOT_XML.sub("\ufffd", text)).replace("\r", "&#13;")


def xml_attr(text: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", text)).replace("\r", "&#13;")


GRAPHML_TYPES = {"confidence": "double", "articles": "int"}

GRAPHML_HEAD = (
    """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<key id="class" for="node" attr.name="class" attr.type="string"/>
<key id="altLabels" for="node" attr.name="altLabels" attr.type="string"/>
<key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>
<key id="iri" for="edge" attr.name="iri" attr.type="string"/>
"""
    + "".join(
        f'<key id="{k}" for="edge" attr.name="{k}" attr.type="{GRAPHML_TYPES.get(k, "string")}"/>\n'
        for k in PROVENANCE
    )
    + """<graph id="kg" edgedefault="directed">
"""
)


def export_graphml(source: ox.Store, dest: str) -> None:
    """GraphML written directly (streamed): node attributes label, class (';'-joined class
    names), altLabels (a JSON list); edge attributes predicate (local name), iri and the
    provenance (PROVENANCE; absent on an edge without records). Gephi and networkx read it."""
    nodes = graph_nodes(source)
    with atomic_path(dest) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        out.write(GRAPHML_HEAD)
        for iri, node in nodes.items():
            out.write(
                f"<node id={xml_attr(iri)}>{_data('label', node['label'])}"
                f"{_data('class', ';'.join(node['classes']))}"
                f"{_data('altLabels', json.dumps(node['alt'], ensure_ascii=False))}</node>\n"
            )
        for n, (s, p, o, prov) in enumerate(property_edges(source, nodes)):
            out.write(
                f'<edge id="e{n}" source={xml_attr(s)} target={xml_attr(o)}>'
                f"{_data('predicate', local_name(p))}{_data('iri', p)}"
                + "".join(_data(k, prov[k]) for k in PROVENANCE if k in prov)
                + "</edge>\n"
            )
        out.write("</graph>\n</graphml>\n")


def _data(key: str, value: str) -> str:
    return f'<data key="{key}">{xml_text(value)}</data>'


# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): these first
# characters; such a cell gets a leading apostrophe, which shows as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def neo4j_array(values: list[str]) -> str:
    """neo4j-admin's array cell: `;` between the items. It has no escape for `;`, so an
    item's own `;` is written as the full-width `；`."""
    return ";".join(v.replace(";", "\uff1b") for v in values)


NODE_HEADER = ["id:ID", "label", ":LABEL", "altLabels:string[]"]
EDGE_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "iri",
    "confidence:double",
    "title",
    "articles:int",
    "firstDate:date",
    "lastDate:date",
    "evidence",
]


def export_csv(source: ox.Store, dest: str) -> None:
    """nodes.csv and edges.csv for `neo4j-admin database import full --nodes=nodes.csv
    --relationships=edges.csv` (add --multiline-fields=true if a label holds a newline),
    written in a temporary folder that then replaces `dest` whole."""
    nodes = graph_nodes(source)
    with atomic_folder(dest, CSV_FILES) as folder:
        with open(os.path.join(folder, "nodes.csv"), "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(NODE_HEADER)
            for iri, node in nodes.items():
                out.writerow(
                    map(csv_cell, [iri, node["label"], ";".join(node["classes"]), neo4j_array(node["alt"])])
                )
        with open(os.path.join(folder, "edges.csv"), "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(EDGE_HEADER)
            for s, p, o, prov in property_edges(source, nodes):
                out.writerow(map(csv_cell, [s, o, local_name(p), p] + [prov.get(k) for k in PROVENANCE]))


for _name, _write in {
    "ttl": _sorted_serialiser(ox.RdfFormat.TURTLE, PREFIXES),
    "nt": _sorted_serialiser(ox.RdfFormat.N_TRIPLES),
    "jsonld": export_jsonld,
    "nq": _serialiser(all_quads, ox.RdfFormat.N_QUADS),
    "trig": _serialiser(all_quads, ox.RdfFormat.TRIG, PREFIXES),
    "graphml": export_graphml,
    "csv": export_csv,
}.items():
    EXPORTERS.add(_name, _from_oxigraph(_write))
