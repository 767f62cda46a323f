"""`kg query`: run a SPARQL query on a build's store (or a SPARQL server) and print it."""

from __future__ import annotations

import argparse
import os
import sys

from ..rdf.sparql import apply, binding_edits, explain, refuse_outbound
from ..store import QueryError, StoreError, locate, open_store
from ..store.base import PREFIXES
from ..store.results import GRAPH_MEDIA_TYPES, render, table
from . import add_backend_option

EXAMPLE = """examples:
  kg query out/ 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
  kg query out/ -f queries/leads.rq --format csv > leads.csv
  kg query http://127.0.0.1:7878/query 'ASK { ?s ?p ?o }'
  kg query out/ -f queries/who_leads.rq --bind name=某某街道党工委
--bind NAME=VALUE binds ?NAME to VALUE as an escaped term (a @zh literal, or an IRI for
http(s) values) that joins the WHERE pattern, so aggregates count only what matches:
user input never becomes query text.
The default graph is the union of all article graphs; a triple that several articles
support matches once per article, so use SELECT DISTINCT to count things once.
Prefixes kg: rdf: rdfs: skos: xsd: prov: dcterms: schema: are predeclared."""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query on a built graph",
        description="Run a SPARQL 1.1 query on the graph store of OUT.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT|URL", help="build output folder, store folder or SPARQL server URL")
    p.add_argument("query", nargs="?", metavar="QUERY", help="the query text (or a .rq file with -f)")
    p.add_argument(
        "-f",
        "--file",
        nargs="?",
        const=True,
        metavar="FILE.rq",
        help="read the query from FILE.rq (bare -f: QUERY names the file)",
    )
    p.add_argument(
        "--format",
        choices=("table", "csv", "tsv", "json", "xml", *GRAPH_MEDIA_TYPES),
        default="table",
        help="table, or a SPARQL result format; for CONSTRUCT and DESCRIBE "
        "also turtle, nt, rdfxml, jsonld (json: JSON-LD, xml: RDF/XML)",
    )
    p.add_argument(
        "--timeout", type=float, default=30.0, help="seconds before the query is stopped (default 30)"
    )
    p.add_argument("--limit", type=int, default=50, help="rows to print in a table (default 50; 0: all)")
    p.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind the variable ?NAME to VALUE (repeatable)",
    )
    add_backend_option(p)
    p.set_defaults(run=run)


def query_text(args) -> str:
    path = args.query if args.file is True else args.file
    if path:
        with open(path, encoding="utf-8") as f:
            return f.read()
    if not args.query:
        raise StoreError("give a query, or -f FILE.rq")
    return args.query


def bindings(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--bind wants NAME=VALUE, got {pair!r}")
        out[name.lstrip("?")] = value
    return out


def run(args) -> int:
    text, edits = "", []
    try:
        text = query_text(args)
        edits = binding_edits(text, bindings(args.bind))
        location = locate(args.out)
        if "://" not in location:
            refuse_outbound(text)
            if location != "memory" and not os.path.isdir(location):
                raise StoreError(f"no graph store in {args.out} (run kg build first)")
        with open_store(location, backend=args.backend, read_only=True) as store:
            result = store.query(apply(text, edits), timeout=args.timeout)
        if result.kind != "graph" and args.format in GRAPH_MEDIA_TYPES:
            raise ValueError(f"--format {args.format} is for CONSTRUCT and DESCRIBE queries")
    except QueryError as exc:
        return fail(explain(str(exc), text, PREFIXES, edits))
    except (StoreError, OSError, ValueError) as exc:
        return fail(str(exc))
    return write(
        table(result, args.limit or None) + "\n" if args.format == "table" else render(result, args.format)
    )


def fail(message: str) -> int:
    print(f"kg query: {message}", file=sys.stderr)
    return 1


def write(text: str) -> int:
    """Print the answer; a reader that stops early (`| head`) ends it quietly."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # the interpreter flushes stdout again at exit: point it at /dev/null first
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
