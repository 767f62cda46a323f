"""`kg remove`: drop one article, and every fact only it supported, from a build's store,
and refresh the build's exports (graph.ttl, graph.html) that are there."""

from __future__ import annotations

import argparse
import os
import sys

from ..store import locate, open_store
from . import add_backend_option

EXAMPLE = """example:
  kg remove out/ 003_a1b2c3d4      out/graph.ttl and out/graph.html are written again
'kg query out/ "SELECT ?id { ?g dcterms:identifier ?id }"' lists the article ids."""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "remove",
        help="remove one article's graph from the store",
        description="Remove an article's named graph and its metadata from the "
        "store of OUT, then rewrite the OUT/graph.ttl and "
        "OUT/graph.html it finds.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT|URL", help="build output folder, store folder or SPARQL server URL")
    p.add_argument("article_id", metavar="ARTICLE_ID")
    add_backend_option(p)
    p.set_defaults(run=run)


def run(args) -> int:
    # a StoreError or an OSError is one line from kg.cli
    with open_store(locate(args.out), backend=args.backend) as store:
        before = len(store)
        if not store.remove_article(args.article_id):
            print(f"kg remove: no article {args.article_id!r} in {args.out}", file=sys.stderr)
            return 1
        removed = before - len(store)
        print(f"removed {args.article_id} ({removed} quads)")
        for path in refresh_exports(store, args.out):
            print(f"wrote   {path}")
    return 0


def refresh_exports(store, out: str) -> list[str]:
    """Write again the build folder's graph.ttl and graph.html, those that exist, from the
    store, so that no view shows the removed article."""
    ttl, html = os.path.join(out, "graph.ttl"), os.path.join(out, "graph.html")
    if not os.path.isdir(out) or locate(out) == out:  # a store folder or a URL: no exports
        return []
    written = []
    if os.path.isfile(ttl) or os.path.isfile(html):
        written.append(store.export("ttl", ttl))
    if os.path.isfile(html):
        from rdflib import Graph

        from ..viz import write_html

        write_html(Graph().parse(ttl, format="turtle"), html, title="kg")
        written.append(html)
    return [w for w in written if w]
