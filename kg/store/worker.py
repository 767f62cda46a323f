"""Run SPARQL queries on a pyoxigraph store, in this process or in a child process.

pyoxigraph has no per-query timeout, so a query with a deadline runs in a child process
(this file run as a script: it imports nothing but pyoxigraph, so it starts in ~0.1 s) that
opens the store read-only; the parent kills the child when the deadline passes. Queries run on
the store's default graph, which kg keeps equal to the union of the named graphs. Messages are
pickled plain tuples:
    request  (sparql, max_rows)
    reply    ("select", vars, bindings, too_many) | ("ask", bool) | ("graph", ntriples_bytes)
             | ("error", "syntax"|"other", message)
"""

from __future__ import annotations

import pickle
import sys
import threading

import pyoxigraph as ox

# The same prefixes as kg.store.base.PREFIXES (this file imports nothing from kg).
PREFIXES = {
    "kg": "https://w3id.org/kg-news/ns#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_dict(term) -> dict | None:
    """A pyoxigraph term as a SPARQL 1.1 JSON results term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def run_query(store, sparql: str, max_rows: int | None):
    try:
        result = store.query(sparql, prefixes=PREFIXES)
        if isinstance(result, ox.QuerySolutions):
            return _select(result, max_rows)
        if isinstance(result, ox.QueryBoolean):
            return ("ask", bool(result))
        return ("graph", result.serialize(format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        return ("error", "syntax", str(exc))
    except Exception as exc:  # noqa: BLE001 - reported to the caller as one line
        return ("error", "other", f"{type(exc).__name__}: {exc}")


def _select(solutions, max_rows: int | None):
    names = [v.value for v in solutions.variables]
    rows: list[tuple] = []
    for solution in solutions:
        if max_rows is not None and len(rows) >= max_rows:
            return ("select", names, rows, True)
        rows.append(tuple(term_dict(solution[i]) for i in range(len(names))))
    return ("select", names, rows, False)


def main(path: str) -> None:
    store = ox.Store.read_only(path)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            sparql, max_rows = pickle.load(stdin)
        except EOFError:
            return
        pickle.dump(run_query(store, sparql, max_rows), stdout)
        stdout.flush()


# Oxigraph parses and evaluates recursively: a deeply nested or long query overflows the
# default 8 MB stack and kills the process; a thread with room for the deepest query that
# passes a 64 KB text limit turns that into a slow query the deadline stops.
STACK_BYTES = 1 << 30

if __name__ == "__main__":
    threading.stack_size(STACK_BYTES)
    reader = threading.Thread(target=main, args=(sys.argv[1],))
    reader.start()
    reader.join()
