"""`kg eval GRAPH GOLD.json…`: the reference scorer's figures."""

from __future__ import annotations

import os
import sys

from ..errors import InputError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "eval",
        help="score a graph against hand-annotated gold files",
        description="Precision, recall and F1 for entities, relations, titles and articles, "
        "exactly as the reference scorer computes them.\n\n"
        "example:\n  kg eval out/graph.ttl tests/gold/*.gold.json",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("graph", help="a graph file (.ttl .nt .trig .nq .jsonld), or a build folder")
    p.add_argument("gold", nargs="+", help="gold annotation files")
    p.add_argument("--json", action="store_true", help="the whole result as JSON")
    p.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fail (exit 1) below a threshold, e.g. entity_f1=0.9",
    )
    p.set_defaults(run=run)


def graph_file(path: str) -> str:
    """The graph to score: a file, or the graph.ttl of a build folder."""
    if os.path.isdir(path):
        inside = os.path.join(path, "graph.ttl")
        if os.path.isfile(inside):
            return inside
        raise InputError(
            f"{path} is a folder with no graph.ttl", "give a graph file, such as OUT/graph.ttl of a kg build"
        )
    if not os.path.exists(path):
        raise InputError(f"no such graph file {path}", "give the graph.ttl of a kg build")
    return path


def run(args) -> int:
    from ..eval import score

    for gold in args.gold:
        if not os.path.isfile(gold):
            raise InputError(f"{gold} is not a gold file", "give NN.gold.json files")
    argv = (
        [graph_file(args.graph), *args.gold]
        + (["--json"] if args.json else [])
        + [x for m in args.min for x in ("--min", m)]
    )
    saved = sys.argv
    sys.argv = ["kg eval", *argv]
    try:
        return score.main()
    finally:
        sys.argv = saved
