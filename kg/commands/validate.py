"""`kg validate OUT`: check a built graph against the graph contract (SHACL)."""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph

EXAMPLE = """example:
  kg validate out/          check out/graph.ttl; one line per violation, exit 1 if any"""


def add_parser(sub) -> None:
    import argparse
    p = sub.add_parser(
        "validate", help="check a built graph against the graph contract (SHACL)",
        description="Check OUT/graph.ttl against ontology/shapes.ttl: entity labels, the "
                    "domain and range of every relation, provenance records and offsets.",
        epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", metavar="OUT", help="a build folder (or a .ttl file)")
    p.set_defaults(run=run)


def _load(out: str) -> Graph:
    path = Path(out)
    if path.is_dir():
        path = path / "graph.ttl"
    return Graph().parse(path, format="turtle")


def run(args) -> int:
    from ..validate import validate
    try:
        graph = _load(args.out)
    except (OSError, SyntaxError, ValueError) as exc:
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
