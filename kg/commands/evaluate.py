"""`kg eval GRAPH GOLD.json…`: the reference scorer's figures."""
from __future__ import annotations

import sys


def add_parser(sub) -> None:
    p = sub.add_parser(
        "eval", help="score a graph against hand-annotated gold files",
        description="Precision, recall and F1 for entities, relations, titles and articles, "
                    "exactly as the reference scorer computes them.\n\n"
                    "example:\n  kg eval out/graph.ttl tests/gold/*.gold.json",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("graph", help="a graph file (.ttl .nt .trig .nq .jsonld)")
    p.add_argument("gold", nargs="+", help="gold annotation files")
    p.add_argument("--json", action="store_true", help="the whole result as JSON")
    p.add_argument("--min", action="append", default=[], metavar="NAME=VALUE",
                   help="fail (exit 1) below a threshold, e.g. entity_f1=0.9")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..eval import score
    argv = [args.graph, *args.gold] + (["--json"] if args.json else []) + \
        [x for m in args.min for x in ("--min", m)]
    saved = sys.argv
    sys.argv = ["kg eval", *argv]
    try:
        return score.main()
    finally:
        sys.argv = saved
