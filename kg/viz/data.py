"""From an rdflib graph to what the page shows.

`to_networkx` reads entities, articles, the edges between them and the provenance record of
every edge into a `networkx.MultiDiGraph`; `select` keeps the part the user asked for (focus
and hops, a class subset, at most `max_nodes`); `statistics` sums up the whole graph.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from urllib.parse import unquote

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .. import contract
from ..rdf.namespaces import KG

# class -> (Chinese name, colour, vis-network shape). Most specific first: a node typed
# both Organization and PartyOrganization is shown as PartyOrganization.
CLASSES = {c.name: (c.zh, c.colour, c.shape) for c in contract.CLASSES + (contract.ARTICLE,)}
CLASSES["Other"] = ("其他", "#c7c7c7", "dot")

PREDICATES = {p.name: p.zh for p in contract.PREDICATES}

# Predicates that describe a node rather than link two nodes.
_NOT_EDGES = {RDF.type, RDFS.label, SKOS.altLabel, KG.headline, KG.alternativeHeadline, KG.datePublished}
# Literal fields read into named slots; every other literal of a node or provenance record
# is shown by the panel as it comes (area codes, levels, dates of a post ...).
_NAMED_NODE_FIELDS = _NOT_EDGES
_NAMED_RECORD_FIELDS = {
    RDF.type,
    RDF.subject,
    RDF.predicate,
    RDF.object,
    PROV.wasDerivedFrom,
    KG.evidence,
    KG.title,
    KG.confidence,
    KG.extractor,
    KG.charStart,
    KG.charEnd,
}
# Links from an article rather than facts about the world: they neither rank nor lay out
# the entities of a large page.
ARTICLE_LINKS = {"mentions", "author", "interviewee"}
ARTICLES_SHOWN_UP_TO = 300  # above this many nodes, Articles and mentions start hidden


_SPO = (RDF.subject, RDF.predicate, RDF.object)


def local_name(iri: str) -> str:
    tail = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail)


class _Index:
    """The graph read in one pass: kg types, literal (and record) values by node and
    predicate, and every other triple as a candidate link. Far faster than one rdflib
    lookup per node and field."""

    RECORD = {RDF.subject, RDF.predicate, RDF.object, PROV.wasDerivedFrom}

    def __init__(self, g: Graph):
        self.types: dict = defaultdict(set)
        self.values: dict = defaultdict(list)
        self.links: list = []
        kg, rdf_type, record = str(KG), RDF.type, self.RECORD
        types, values, links = self.types, self.values, self.links
        for s, p, o in g:
            if p == rdf_type:
                if isinstance(o, URIRef) and o.startswith(kg):
                    types[s].add(o[len(kg) :])
            elif p in record or isinstance(o, Literal):
                values[(s, p)].append(o)
            else:
                links.append((s, p, o))
        self.preds: dict = defaultdict(list)
        for s, p in values:
            self.preds[s].append(p)
        self.links.sort(key=lambda t: (str(t[0]), str(t[1]), str(t[2])))

    def text(self, node, pred) -> str | None:
        """The @zh value if there is one, else any value (sorted, so runs agree)."""
        found = self.values.get((node, pred))
        if not found:
            return None
        if len(found) == 1:
            return str(found[0])
        return str(min(found, key=lambda v: (getattr(v, "language", None) != "zh", str(v))))

    def term(self, node, pred):
        found = self.values.get((node, pred))
        if not found:
            return None
        return found[0] if len(found) == 1 else min(found, key=str)

    def extra(self, node, named) -> list[list[str]]:
        """[[predicate local name, value], ...] for the literals of `node` not in `named`."""
        return sorted(
            [local_name(str(p)), str(v)]
            for p in self.preds.get(node, ())
            if p not in named
            for v in self.values[(node, p)]
            if isinstance(v, Literal)
        )

    def node_class(self, node) -> str | None:
        names = self.types.get(node, ())
        return next((c for c in CLASSES if c in names), None)


def _add_nodes(ix: _Index, G: nx.MultiDiGraph) -> None:
    typed = sorted((s for s in ix.types if isinstance(s, (URIRef, BNode)) and ix.node_class(s)), key=str)
    for node in typed:
        cls = ix.node_class(node)
        if cls == "Article":
            label = ix.text(node, KG.headline) or local_name(str(node))
            G.add_node(
                str(node),
                label=label,
                cls=cls,
                aliases=[],
                iri=str(node),
                alt=ix.text(node, KG.alternativeHeadline),
                date=ix.text(node, KG.datePublished),
                props=ix.extra(node, _NAMED_NODE_FIELDS),
            )
        else:
            label = ix.text(node, RDFS.label) or local_name(str(node))
            aliases = sorted({str(a) for a in ix.values.get((node, SKOS.altLabel), ())} - {label})
            G.add_node(
                str(node),
                label=label,
                cls=cls,
                aliases=aliases,
                iri=str(node),
                props=ix.extra(node, _NAMED_NODE_FIELDS),
            )


def _ensure_node(ix: _Index, G: nx.MultiDiGraph, node) -> None:
    """A node used by an edge but not typed with a kg class is shown as `Other`."""
    if str(node) not in G:
        label = ix.text(node, RDFS.label) or local_name(str(node))
        G.add_node(
            str(node),
            label=label,
            cls="Other",
            aliases=[],
            iri=str(node),
            props=ix.extra(node, _NAMED_NODE_FIELDS),
        )


def _facts(ix: _Index) -> dict[tuple[str, str, str], list[dict]]:
    facts: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    records = sorted((st for st, pred in ix.values if pred == RDF.subject), key=str)
    for st in records:
        s, p, o = (ix.term(st, q) for q in _SPO)
        if s is None or p is None or o is None:
            continue
        facts[(str(s), local_name(str(p)), str(o))].append(
            {
                "article": _text(ix.term(st, PROV.wasDerivedFrom)),
                "evidence": ix.text(st, KG.evidence),
                "title": ix.text(st, KG.title),
                "confidence": _number(ix.term(st, KG.confidence)),
                "extractor": ix.text(st, KG.extractor),
                "start": _number(ix.term(st, KG.charStart)),
                "end": _number(ix.term(st, KG.charEnd)),
                "props": ix.extra(st, _NAMED_RECORD_FIELDS),
            }
        )
    for key in facts:
        facts[key].sort(key=lambda f: (f["article"] or "", f["start"] or 0, f["evidence"] or ""))
    return facts


def _text(value) -> str | None:
    return None if value is None else str(value)


def _number(value):
    if not isinstance(value, Literal):
        return None
    number = value.toPython()
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        return number
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Entities and articles as nodes (keyed by IRI), every triple between two of them as an
    edge keyed by its predicate's local name, with the provenance records as `facts`."""
    with _no_gc():
        return _to_networkx(_Index(g))


@contextmanager
def _no_gc():
    """The cyclic collector runs over and over while hundreds of thousands of small objects
    are made, and finds nothing to free: it doubles the time of a 20k-node graph."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _to_networkx(ix: _Index) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    _add_nodes(ix, G)
    facts = _facts(ix)
    for s, p, o in ix.links:
        if _is_edge(G, s, p, o):
            _add_edge(ix, G, s, local_name(str(p)), o, facts)
    for (s, p, o), _ in sorted(facts.items()):  # reified but not asserted: still a fact
        if not G.has_edge(s, o, key=p):
            _add_edge(ix, G, URIRef(s), p, URIRef(o), facts)
    return G


def _is_edge(G: nx.MultiDiGraph, s, p, o) -> bool:
    """Any triple between two shown nodes; a kg predicate also when one end is untyped."""
    if p in _NOT_EDGES:
        return False
    ends = (str(s) in G) + (str(o) in G)
    return ends == 2 or (ends == 1 and str(p).startswith(str(KG)))


def _add_edge(ix: _Index, G, s, pred: str, o, facts) -> None:
    _ensure_node(ix, G, s)
    _ensure_node(ix, G, o)
    G.add_edge(str(s), str(o), key=pred, facts=facts.get((str(s), pred, str(o)), []))


def find(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label or alias is `name`; failing that, whose label or alias contains it."""
    name = name.strip()
    if not name:
        return []
    exact = [n for n, d in G.nodes(data=True) if name == d["label"] or name in d["aliases"]]
    if exact:
        return exact
    folded = name.casefold()
    return [
        n for n, d in G.nodes(data=True) if any(folded in s.casefold() for s in [d["label"], *d["aliases"]])
    ]


def select(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 2,
    classes=None,
    max_nodes: int = 2000,
    tree: str | None = None,
) -> tuple[nx.MultiDiGraph, dict]:
    """The subgraph to put on the page and what was left out. Raises LookupError for an
    unknown focus or tree root and ValueError for an unknown class.

    Above ARTICLES_SHOWN_UP_TO nodes the page is about entities: the budget of `max_nodes`
    is shared by the classes in proportion to their size and goes, within each, to the
    entities that take part in the most facts; the Articles that mention them come along
    hidden (`info["hidden"]`), at most half as many as the entities."""
    keep, centre = set(G), []
    if tree:
        centre = _roots(G, tree)
        keep = tree_members(G, centre)
    elif focus:
        centre = find(G, focus)
        if not centre:
            raise LookupError(f"no entity is labelled {focus!r}")
        keep = _neighbourhood(G, centre, hops)
    if classes:
        wanted = _check_classes(classes)
        keep = {n for n in keep if G.nodes[n]["cls"] in wanted} | set(centre)
    selected, chosen = len(keep), keep
    hide = selected > ARTICLES_SHOWN_UP_TO and not (classes and "Article" in wanted)
    if hide:
        keep, hidden = _entities_first(G, keep, centre, max_nodes)
    else:
        hidden = set()
        if selected > max_nodes:
            keep = _top_ranked(G, keep, centre, max_nodes)
    H = G if len(keep) == len(G) else ordered_subgraph(G, keep)
    info = {
        "total": G.number_of_nodes(),
        "selected": selected,
        "shown": H.number_of_nodes() - len(hidden),
        "omitted": selected - H.number_of_nodes(),
        "hidden": len(hidden),
        "articles_hidden": hide,
        "focus": centre,
        "hops": hops if focus and not tree else None,
        "tree": tree,
        "classes": sorted(classes) if classes else None,
        "left_out": _left_out(G, chosen - keep, hidden),
    }
    return H, info


def ordered_subgraph(G: nx.MultiDiGraph, keep: set) -> nx.MultiDiGraph:
    """A copy of `G` on the nodes in `keep`, in `G`'s order. networkx's subgraph iterates the
    set it is given, whose order changes with PYTHONHASHSEED, and the layout follows node order:
    the same graph would be drawn differently on every run."""
    H = nx.MultiDiGraph(**G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    return H


def facts_of(G: nx.MultiDiGraph, n) -> int:
    """How many relations (not article links) `n` takes part in."""
    return sum(1 for _, _, k in G.in_edges(n, keys=True) if k not in ARTICLE_LINKS) + sum(
        1 for _, _, k in G.out_edges(n, keys=True) if k not in ARTICLE_LINKS
    )


def mentions_of(G: nx.MultiDiGraph, n) -> int:
    return sum(1 for _, _, k in G.in_edges(n, keys=True) if k == "mentions")


def _rank_key(G, centre):
    return lambda n: (n not in centre, -facts_of(G, n), -G.degree(n), G.nodes[n]["label"], n)


def _top_ranked(G, keep, centre, limit: int) -> set:
    """The `limit` nodes that take part in the most facts (then the best connected, then by
    label and IRI); focus nodes always in."""
    ranked = sorted(keep, key=_rank_key(G, centre))
    return set(ranked[: max(limit, len(centre))])


def _shared_by_class(G, keep, centre, limit: int) -> set:
    """The `limit` best-ranked nodes, each class getting a share of the budget in proportion
    to its size, so that many people with a fact or two each are not crowded out by a few
    bodies with hundreds; what a class leaves unused goes to the best of the rest."""
    by_class: dict[str, list] = defaultdict(list)
    for n in sorted(keep, key=_rank_key(G, centre)):
        by_class[G.nodes[n]["cls"]].append(n)
    chosen = set(centre)
    for members in by_class.values():
        chosen |= set(members[: limit * len(members) // max(len(keep), 1)])
    rest = (n for n in sorted(keep, key=_rank_key(G, centre)) if n not in chosen)
    while len(chosen) < limit:
        n = next(rest, None)
        if n is None:
            break
        chosen.add(n)
    return chosen


def _entities_first(G, keep, centre, limit: int) -> tuple[set, set]:
    entities = {n for n in keep if G.nodes[n]["cls"] != "Article"}
    chosen = _shared_by_class(G, entities, centre, limit) if len(entities) > limit else entities
    touches: Counter = Counter(
        a
        for n in chosen
        for a, _, k in G.in_edges(n, keys=True)
        if k in ARTICLE_LINKS and a in keep and G.nodes[a]["cls"] == "Article"
    )
    articles = {a for a, _ in sorted(touches.items(), key=lambda kv: (-kv[1], kv[0]))[: max(limit // 2, 1)]}
    return chosen | articles, articles


def _left_out(G, dropped, hidden) -> list[list]:
    """[[class, its Chinese name, how many left off the page, how many on it but hidden], ...]."""
    out = Counter(G.nodes[n]["cls"] for n in dropped)
    hid = Counter(G.nodes[n]["cls"] for n in hidden)
    return [[c, CLASSES[c][0], out.get(c, 0), hid.get(c, 0)] for c in CLASSES if c in out or c in hid]


def _check_classes(classes) -> set[str]:
    wanted = {c.strip() for c in classes if c.strip()}
    unknown = wanted - set(CLASSES)
    if unknown:
        raise ValueError(f"unknown class {', '.join(sorted(unknown))}; known: {', '.join(CLASSES)}")
    return wanted


def _neighbourhood(G: nx.MultiDiGraph, centre: list[str], hops: int) -> set[str]:
    undirected = G.to_undirected(as_view=True)
    keep: set[str] = set()
    for node in centre:
        keep |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=max(hops, 0)))
    return keep


# ---- the organisation tree of one area ----------------------------------------------------

TREE_LINKS = ("locatedIn", "subOrganizationOf")  # child -> parent
LEADER_LINKS = ("leads", "memberOf")  # person -> body


def _roots(G: nx.MultiDiGraph, name: str) -> list[str]:
    found = find(G, name)
    if not found:
        raise LookupError(f"no entity is labelled {name!r}")
    areas = [n for n in found if G.nodes[n]["cls"] == "AdministrativeArea"]
    return sorted(areas or found, key=_rank_key(G, []))[:1]


def tree_parents(G: nx.MultiDiGraph, root: list[str]) -> dict:
    """{node: its parent} for everything under `root` along locatedIn/subOrganizationOf
    (breadth first, so each node hangs under the nearest parent), and each leader under the
    body it leads or belongs to."""
    parent: dict[str, str | None] = {r: None for r in root}
    queue = list(root)
    while queue:
        nxt = []
        for p in queue:
            for child, _, k in sorted(G.in_edges(p, keys=True)):
                if k in TREE_LINKS and child not in parent and G.nodes[child]["cls"] != "Article":
                    parent[child] = p
                    nxt.append(child)
        queue = nxt
    for body in list(parent):
        for person, _, k in sorted(G.in_edges(body, keys=True)):
            if k in LEADER_LINKS and person not in parent:
                parent[person] = body
    return parent


def tree_members(G: nx.MultiDiGraph, root: list[str]) -> set[str]:
    return set(tree_parents(G, root))


def statistics(G: nx.MultiDiGraph, top: int = 10) -> dict:
    """Counts per class and predicate, the best-connected entities, articles per reporter."""
    classes = Counter(d["cls"] for _, d in G.nodes(data=True))
    predicates = Counter(k for _, _, k in G.edges(keys=True))
    entities = [n for n, d in G.nodes(data=True) if d["cls"] != "Article"]
    best = sorted(entities, key=lambda n: (-G.degree(n), G.nodes[n]["label"], n))[:top]
    reporters = Counter(G.nodes[o]["label"] for _, o, k in G.edges(keys=True) if k == "author")
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "articles": classes.get("Article", 0),
        "facts": sum(len(f) for _, _, f in G.edges(data="facts")),
        "classes": sorted(classes.items(), key=lambda kv: (-kv[1], kv[0])),
        "predicates": sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0])),
        "top": [(n, G.degree(n)) for n in best],
        "reporters": sorted(reporters.items(), key=lambda kv: (-kv[1], kv[0])),
    }
