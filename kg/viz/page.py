"""The page: the data it embeds, the escaping of that data, and the template filled in.

Every string that comes from the graph travels inside one `<script type="application/json">`
element and reaches the screen through `textContent` only; nothing from the graph is ever
pasted into HTML or JavaScript source.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources

import networkx as nx

from .data import ARTICLE_LINKS, CLASSES, PREDICATES, facts_of, statistics

# How each kind of link is drawn: who holds a post thick and coloured, containment light,
# an article's links faint. [colour, width]
EDGE_STYLE = {
    "leads": ["#d62728", 3.2],
    "memberOf": ["#e8772e", 2.6],
    "subOrganizationOf": ["#8d9aa8", 1.3],
    "locatedIn": ["#b3bcc6", 1.1],
    "mentions": ["#e3e7ec", 0.5],
    "author": ["#c9d0d8", 0.8],
    "interviewee": ["#c9d0d8", 0.8],
}
OTHER_EDGE = ["#4e79a7", 1.8]
INDEX_LINKS = 12  # relations listed for an entity of the search index that is not on the page

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SLOT = re.compile(r"@@KG_([A-Z]+)@@")


def embed_json(data) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` (so no `</script>`
    and no `<!--`), and no U+2028/U+2029. These characters can only occur inside JSON
    strings, where the \\u escapes mean the same thing to JSON.parse."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def render(data: dict) -> str:
    """The template with the page's two scripts (the canvas view and the page), its style and
    the data. Slots are filled in one pass, so text inserted into one slot is never re-scanned."""
    fill = {
        "DATA": embed_json(data),
        "VIEW": asset("graphview.js"),
        "APP": asset("app.js"),
        "CSS": asset("app.css"),
    }
    for name in ("VIEW", "APP", "CSS"):
        if re.search(r"</(script|style)", fill[name], re.IGNORECASE):
            raise ValueError(f"asset {name} would close its element early")
    fill["CSP"] = content_security_policy(scripts=[fill["VIEW"], fill["APP"]], styles=[fill["CSS"]])
    return _SLOT.sub(lambda m: fill[m.group(1)], asset("template.html"))


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """Only the page's own two scripts and one style sheet may run, by hash; no inline event
    handler, and no request of any kind (fetch, image, font, frame) may leave the page."""

    def hashes(texts):
        return " ".join(
            f"'sha256-{base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()}'" for t in texts
        )

    return (
        f"default-src 'none'; script-src {hashes(scripts)}; style-src {hashes(styles)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def page_data(H: nx.MultiDiGraph, G: nx.MultiDiGraph, pos: dict, info: dict, title: str) -> dict:
    """Everything the page script needs. `H` is drawn, `G` is the whole graph (for the
    articles an entity is mentioned in, and the statistics)."""
    ids = {n: i for i, n in enumerate(H)}
    articles, article_index = _articles(G)
    edges, facts = _edges(H, ids, article_index)
    hidden = info.get("articles_hidden")
    drawn = H.subgraph(n for n, d in H.nodes(data=True) if not (hidden and d["cls"] == "Article"))
    off = ["Article"] if hidden else []
    return {
        "meta": {
            **info,
            "title": title,
            "focus": [G.nodes[n]["label"] for n in info["focus"]],
            "main": main_box(drawn, pos),
            "off": off,
        },
        "classes": _legend(CLASSES, (d["cls"] for _, d in H.nodes(data=True))),
        "predicates": [
            {**p, "style": EDGE_STYLE.get(p["name"], OTHER_EDGE)}
            for p in _legend(PREDICATES, (k for _, _, k in H.edges(keys=True)))
        ],
        "nodes": [_node(G, n, i, pos[n], H.degree(n), ids, article_index) for n, i in ids.items()],
        "edges": edges,
        "facts": facts,
        "articles": articles,
        "index": search_index(G, ids),
        "stats": _stats(G, ids),
        "pageStats": _stats(H, ids) if len(H) < len(G) else None,
    }


def search_index(G: nx.MultiDiGraph, ids: dict) -> list[list]:
    """The nodes of the whole graph that are not on the page, for the search box:
    [label, aliases, class, facts, relations], the relations as [predicate, 1 if outgoing,
    the other end's label, its page id or null], at most INDEX_LINKS of them."""
    out = []
    for n, d in G.nodes(data=True):
        if n in ids:
            continue
        links = [
            [k, 1, G.nodes[o]["label"], ids.get(o)]
            for _, o, k in G.out_edges(n, keys=True)
            if k not in ARTICLE_LINKS
        ]
        links += [
            [k, 0, G.nodes[s]["label"], ids.get(s)]
            for s, _, k in G.in_edges(n, keys=True)
            if k not in ARTICLE_LINKS
        ]
        out.append([d["label"], d["aliases"], d["cls"], len(links), links[:INDEX_LINKS]])
    return out


def main_box(H: nx.Graph, pos: dict) -> list[float] | None:
    """[x0, y0, x1, y1] around the largest connected component: where the page opens when
    the whole graph is too large to read at once."""
    if not len(H):
        return None
    main = max(nx.connected_components(H.to_undirected(as_view=True)), key=len)
    xs = [pos[n][0] for n in main]
    ys = [pos[n][1] for n in main]
    return [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]


def _node(G, n, i, xy, degree, ids, article_index) -> dict:
    d = G.nodes[n]
    mentioned = sorted(
        {article_index[a] for a, _, k in G.in_edges(n, keys=True) if k == "mentions" and a in article_index}
    )
    return {
        "id": i,
        "l": d["label"],
        "c": d["cls"],
        "a": d["aliases"],
        "iri": d["iri"],
        "x": round(xy[0], 1),
        "y": round(xy[1], 1),
        "d": degree,
        "m": mentioned,
        "f": facts_of(G, n),
        "art": article_index.get(n),
        "p": d.get("props", []),
    }


def _articles(G) -> tuple[list[dict], dict]:
    nodes = [n for n, d in G.nodes(data=True) if d["cls"] == "Article"]
    index = {n: i for i, n in enumerate(nodes)}
    people = lambda n, pred: sorted(G.nodes[o]["label"] for _, o, k in G.out_edges(n, keys=True) if k == pred)  # noqa: E731
    return [
        {
            "h": G.nodes[n]["label"],
            "ah": G.nodes[n].get("alt"),
            "d": G.nodes[n].get("date"),
            "iri": n,
            "au": people(n, "author"),
            "iv": people(n, "interviewee"),
        }
        for n in nodes
    ], index


def _edges(H, ids, article_index) -> tuple[list[dict], list[dict]]:
    edges: list[dict] = []
    facts: list[dict] = []
    for s, o, pred, records in H.edges(keys=True, data="facts"):
        e = len(edges)
        first = len(facts)
        facts.extend(
            {
                "e": e,
                "ev": f["evidence"],
                "a": article_index.get(f["article"]),
                "t": f["title"],
                "cf": f["confidence"],
                "x": f["extractor"],
                "cs": f["start"],
                "ce": f["end"],
                "pr": f.get("props", []),
            }
            for f in records or []
        )
        edges.append({"id": e, "f": ids[s], "t": ids[o], "p": pred, "fa": list(range(first, len(facts)))})
    return edges, facts


def _legend(known: dict, names) -> list[dict]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    order = list(known) + sorted(set(counts) - set(known))
    return [_legend_entry(known, name, counts[name]) for name in order if name in counts]


def _legend_entry(known: dict, name: str, count: int) -> dict:
    entry = known.get(name, name)
    if isinstance(entry, tuple):
        return {"name": name, "zh": entry[0], "color": entry[1], "shape": entry[2], "n": count}
    return {"name": name, "zh": entry, "n": count}


def _stats(G, ids) -> dict:
    st = statistics(G)
    zh_class = {k: v[0] for k, v in CLASSES.items()}
    return {
        **{k: st[k] for k in ("nodes", "edges", "articles", "facts")},
        "classes": [[c, zh_class.get(c, c), n] for c, n in st["classes"]],
        "predicates": [[p, PREDICATES.get(p, p), n] for p, n in st["predicates"]],
        "top": [[G.nodes[n]["label"], G.nodes[n]["cls"], deg, ids.get(n)] for n, deg in st["top"]],
        "reporters": [[name, n] for name, n in st["reporters"]],
    }
