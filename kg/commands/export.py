"""`kg export`: write a build's graph in another format."""

from __future__ import annotations

import argparse
import sys

from ..store import StoreError, locate, open_store
from ..store.export import EXPORTERS, default_path
from . import add_backend_option

EXAMPLE = """examples:
  kg export out/ --format trig              out/graph.trig, one named graph per article
  kg export out/ --format csv -o neo4j/     neo4j/nodes.csv and neo4j/edges.csv
  kg export out/ --format graphml -o g.graphml
ttl, nt and jsonld hold the union of the article graphs (each triple once), sorted, so two
builds of the same input give the same bytes; jsonld is compacted with ontology/context.jsonld.
nq and trig hold every article's named graph and the metadata graph, nothing in the default
graph (load them with a union default graph). graphml and csv hold entities and articles as
nodes and the relations between them as edges, with their provenance (confidence, title,
supporting articles, first and last date, one evidence sentence); csv is a folder for
neo4j-admin, replaced whole, its cells guarded against spreadsheet formulas."""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write the graph as ttl, nt, nq, trig, jsonld, graphml or csv",
        description="Export the graph store of OUT to a file.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT|URL", help="build output folder, store folder or SPARQL server URL")
    p.add_argument("--format", required=True, choices=list(EXPORTERS))
    p.add_argument("-o", "--output", metavar="PATH", help="file (a folder for csv); default OUT/graph.FORMAT")
    add_backend_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    dest = args.output or default_path(args.out, args.format)
    try:
        with open_store(locate(args.out), backend=args.backend, read_only=True) as store:
            store.export(args.format, dest)
    except (StoreError, OSError) as exc:
        print(f"kg export: {exc}", file=sys.stderr)
        return 1
    print(dest)
    return 0
