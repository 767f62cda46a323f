"""The interactive graph page: one self-contained HTML file (its own canvas view inlined,
layout computed here, no request leaves the machine).

    from kg.viz import write_html
    stats = write_html(graph, "out/graph.html", focus="某某街道", hops=2)
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .data import CLASSES, PREDICATES, find, select, statistics, to_networkx, tree_parents
from .layout import positions, tree_positions
from .page import embed_json, page_data, render

__all__ = [
    "write_html",
    "to_networkx",
    "select",
    "find",
    "statistics",
    "positions",
    "page_data",
    "render",
    "embed_json",
    "CLASSES",
    "PREDICATES",
]


def write_html(
    graph: Graph,
    path,
    *,
    focus: str | None = None,
    hops: int = 2,
    classes=None,
    max_nodes: int = 2000,
    title: str = "kg",
    seed: int = 7,
    tree: str | None = None,
) -> dict:
    """Write the page for `graph` to `path` and return what it shows: nodes, edges, facts,
    how many nodes were selected and left out, and the page size in bytes. With `tree` (an
    area's name) the page is the organisation tree of that area."""
    G = to_networkx(graph)
    H, info = select(G, focus=focus, hops=hops, classes=classes, max_nodes=max_nodes, tree=tree)
    data = page_data(H, G, layout(G, H, info, seed), info, title)
    html = render(data)
    Path(path).write_text(html, encoding="utf-8")
    return {
        "nodes": info["shown"],
        "hidden": info["hidden"],
        "edges": H.number_of_edges(),
        "facts": len(data["facts"]),
        "selected": info["selected"],
        "omitted": info["omitted"],
        "total": info["total"],
        "bytes": len(html.encode("utf-8")),
    }


def layout(G, H, info: dict, seed: int = 7) -> dict:
    """Positions: the tree of `--tree`, else the force layout (hidden Articles placed by
    their entities)."""
    if info["tree"]:
        parent = {n: p for n, p in tree_parents(G, info["focus"]).items() if n in H}
        leaders = {n for n in parent if H.nodes[n]["cls"] == "Person"}
        return tree_positions(parent, leaders)
    hidden = {n for n, d in H.nodes(data=True) if d["cls"] == "Article"} if info["articles_hidden"] else None
    return positions(H, seed=seed, around=hidden)
