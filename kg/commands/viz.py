"""`kg viz`: write the interactive graph page of a build folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """Write a self-contained HTML page of the graph in a build folder: colours and
shapes per class, search, filters, evidence sentences on click. The page needs no network.

example:
  kg viz out/                                   out/graph.html, the whole graph
  kg viz out/ --focus 某某街道 --hops 1 -o near.html
  kg viz out/ --class Programme,AdministrativeArea --max-nodes 500
  kg viz out/ --tree 某某区 -o tree.html          the organisation tree of one area

Above 300 nodes the page is about entities: the --max-nodes that take part in the most
facts are drawn, Articles and their mentions start hidden (a button shows them), and the
search box finds any entity of the graph, drawn or not. The graph is read from the store
(OUT/store), so the page is up to date after `kg remove`."""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "viz",
        help="write the interactive graph page (HTML)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", type=Path, help="a build folder (holds store/, or at least graph.ttl)")
    p.add_argument("-o", "--output", type=Path, help="the page to write (default OUT/graph.html)")
    p.add_argument(
        "--focus", metavar="NAME", help="only the neighbourhood of the entity with this label or alias"
    )
    p.add_argument("--hops", type=int, default=2, help="how far from --focus to go (default 2)")
    p.add_argument(
        "--class",
        dest="classes",
        metavar="C1,C2",
        help="only these classes, e.g. Programme,AdministrativeArea",
    )
    p.add_argument(
        "--max-nodes",
        type=int,
        default=2000,
        help="draw at most this many entities, those in the most facts (default 2000)",
    )
    p.add_argument(
        "--tree",
        metavar="AREA",
        help="the organisation tree of this area: locatedIn/subOrganizationOf, leaders beside",
    )
    p.add_argument("--title", help="the page title (default: the folder name)")
    p.set_defaults(run=run)


def _load(out: Path):
    """The triples of a build folder: from its store when it has one (graph.ttl may be
    older, e.g. after `kg remove`), else from graph.ttl."""
    from rdflib import Graph

    from ..store import locate, open_store

    if not (out / "store").is_dir():
        return Graph().parse(out / "graph.ttl")
    with open_store(locate(str(out)), read_only=True) as store:
        source = getattr(store, "ox_store", None)
        if source is None:
            return store.to_rdflib()
        return _triples(source)


def _triples(source) -> list[tuple]:
    """The union graph of a pyoxigraph store as rdflib terms, each term made once (parsing
    an N-Triples dump with rdflib takes ten times as long)."""
    from ..store.export import union_triples
    from ..store.terms import from_ox

    made: dict = {}

    def term(t):
        found = made.get(t)
        if found is None:
            found = made[t] = from_ox(t)
        return found

    return [(term(t.subject), term(t.predicate), term(t.object)) for t in union_triples(source)]


def run(args) -> int:
    from ..store import StoreError
    from ..viz import write_html

    if not ((args.out / "store").is_dir() or (args.out / "graph.ttl").is_file()):
        print(
            f"kg viz: no graph in {args.out} (expected {args.out / 'store'} or {args.out / 'graph.ttl'})",
            file=sys.stderr,
        )
        return 1
    target = args.output or args.out / "graph.html"
    classes = args.classes.split(",") if args.classes else None
    try:
        stats = write_html(
            _load(args.out),
            target,
            focus=args.focus,
            hops=args.hops,
            classes=classes,
            max_nodes=args.max_nodes,
            tree=args.tree,
            title=args.title or args.out.resolve().name,
        )
    except (LookupError, ValueError, StoreError, OSError) as exc:
        print(f"kg viz: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 1
    left_out = (
        f", {stats['omitted']} left out (search the page, or use --focus NAME)" if stats["omitted"] else ""
    )
    hidden = f", {stats['hidden']} articles hidden (shown by a button)" if stats["hidden"] else ""
    print(
        f"{target}: {stats['nodes']} nodes, {stats['edges']} edges, {stats['facts']} facts"
        f"{left_out}{hidden}, {stats['bytes'] / 1024:.0f} KiB"
    )
    return 0
