"""`kg validate OUT`: check a build's graph against the graph contract (SHACL). It reads the
store, not OUT/graph.ttl, which a `kg remove` since the build has left behind."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from rdflib import Graph

EXAMPLE = """examples:
  kg validate out/          check the store of out/; one line per violation, exit 1 if any
  kg validate graph.ttl     check a Turtle file (pyshacl -s ontology/shapes.ttl graph.ttl agrees)"""


def add_parser(sub) -> None:
    import argparse

    p = sub.add_parser(
        "validate",
        help="check a built graph against the graph contract (SHACL)",
        description="Check the graph of OUT (its store: the union of the article graphs) against "
        "ontology/shapes.ttl: entity labels, the domain and range of every relation, "
        "provenance records and offsets.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "out", metavar="OUT|URL|FILE", help="a build folder, a store, a SPARQL server URL or a .ttl file"
    )
    p.set_defaults(run=run)


def _load(out: str) -> Graph:
    """A Turtle file as it is; anything else is a store, exported as N-Triples (the
    union of the article graphs, what graph.ttl holds when it is fresh) and parsed."""
    if os.path.isfile(out):
        return Graph().parse(out, format="turtle")
    from ..store import locate, open_store

    with (
        open_store(locate(out), read_only=True) as store,
        tempfile.TemporaryDirectory(prefix="kg-validate-") as folder,
    ):
        dump = str(Path(folder) / "graph.nt")
        store.export("nt", dump)
        return Graph().parse(dump, format="nt")


def run(args) -> int:
    from ..store import StoreError
    from ..validate import validate

    try:
        graph = _load(args.out)
    except (OSError, SyntaxError, ValueError, StoreError) as exc:
        print(f"kg validate: cannot read {args.out}: {exc}", file=sys.stderr)
        return 2
    conforms, violations = validate(graph)
    for line in violations:
        print(line)
    if conforms:
        print(f"{args.out}: conforms ({len(graph)} triples)", file=sys.stderr)
        return 0
    print(f"{args.out}: {len(violations)} violation(s)", file=sys.stderr)
    return 1
