"""`kg remove`: drop one article, and every fact only it supported, from a build's store."""
from __future__ import annotations

import argparse
import sys

from ..store import StoreError, locate, open_store

EXAMPLE = """example:
  kg remove out/ 003_a1b2c3d4      then 'kg export out/ --format ttl' to refresh graph.ttl
'kg query out/ "SELECT ?id { ?g dcterms:identifier ?id }"' lists the article ids."""


def add_parser(sub) -> None:
    p = sub.add_parser("remove", help="remove one article's graph from the store",
                       description="Remove an article's named graph and its metadata from the store of OUT.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", metavar="OUT|URL", help="build output folder, store folder or SPARQL server URL")
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        with open_store(locate(args.out)) as store:
            before = len(store)
            if not store.remove_article(args.article_id):
                print(f"kg remove: no article {args.article_id!r} in {args.out}", file=sys.stderr)
                return 1
            removed = before - len(store)
    except (StoreError, OSError) as exc:
        print(f"kg remove: {exc}", file=sys.stderr)
        return 1
    print(f"removed {args.article_id} ({removed} quads)")
    return 0
