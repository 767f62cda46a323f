"""Node positions computed before the page opens, so the browser draws once and stays still.

Each connected component gets a Fruchterman-Reingold layout in numpy: exact repulsion for
small components, repulsion from a fixed-size random sample of nodes for large ones (cost
linear in nodes and edges, so 20k nodes take a few seconds at most). A gravity towards the
component's centre keeps it compact: without it the all-pairs repulsion pushes leaves and
long tails far out, and the fitted view of even a 60-node graph is too small to read.
Each component is turned so that it is wider than tall, and the components are packed in
rows (largest first) into a block of about the shape of the page's canvas. A fixed seed
makes the result the same on every run.
"""

from __future__ import annotations

import math
from collections.abc import Set

import networkx as nx
import numpy as np

EDGE_PX = 110  # the ideal edge length on the page, in vis-network pixels
EXACT_UP_TO = 400  # components up to this size get exact all-pairs repulsion
SAMPLE = 24  # repulsion partners per node and iteration above that
GRAVITY = 16.0  # pull towards the component's centre, growing with the distance
ASPECT = 1.1  # width / height of the canvas the components are packed for: at
# 1440 px the canvas between the side bars is about square, wider
# windows have room to spare for small graphs (drawn at scale 1 at most)
GAP = 1.2  # space between packed components, in ideal edge lengths


def positions(H: nx.Graph, seed: int = 7, around: set | None = None) -> dict:
    """{node: (x, y)} in page pixels for every node of `H`. The nodes in `around` (hidden
    Articles) take no part in the layout: each is put next to the middle of its neighbours,
    so that the entities are laid out by the relations between them alone."""
    if not around:
        return {n: xy for comp in components(H, seed) for n, xy in comp.items()}
    rest = nx.MultiDiGraph()
    rest.add_nodes_from(n for n in H if n not in around)
    rest.add_edges_from((u, v) for u, v in H.edges() if u not in around and v not in around)
    pos = positions(rest, seed)
    rng = np.random.default_rng(seed)
    for n in sorted(around):
        near = [pos[m] for m in nx.all_neighbors(H, n) if m in pos]
        x, y = np.mean(near, axis=0) if near else (0.0, 0.0)
        dx, dy = rng.normal(0, EDGE_PX / 3, 2)
        pos[n] = (float(x + dx), float(y + dy))
    return pos


TREE_DX, TREE_DY, LEAF_ROWS, LEAF_DY = 150, 150, 6, 48


def tree_positions(parent: dict, leaders: Set = frozenset()) -> dict:
    """A top-down tree from {node: parent} (the root's parent None): each body above its
    parts, the leaves of one body stacked in columns of LEAF_ROWS under it, and the people who
    lead or belong to a body (children of it that are in `leaders`) beside it, to its right."""
    kids: dict = {}
    for n, p in parent.items():
        kids.setdefault(p, []).append(n)
    pos: dict = {}

    def place(n, x0: float, depth: int) -> float:
        """Lays out n's subtree from x0; returns the width it took."""
        children = kids.get(n, [])
        inner = [c for c in children if c in kids]
        beside = [c for c in children if c in leaders and c not in kids]
        leaves = [c for c in children if c not in kids and c not in leaders]
        y = depth * TREE_DY
        width, x = 0.0, x0
        for c in inner:
            w = place(c, x, depth + 1)
            x += w
            width += w
        cols = math.ceil(len(leaves) / LEAF_ROWS)
        for k, leaf in enumerate(leaves):
            pos[leaf] = (x + (k // LEAF_ROWS) * TREE_DX, y + TREE_DY * 0.6 + (k % LEAF_ROWS) * LEAF_DY)
        width += cols * TREE_DX
        width = max(width, TREE_DX)
        if beside:
            width = max(width, 2 * TREE_DX)
        pos[n] = (x0 + (width - TREE_DX) / 2 if inner else x0, y)
        for k, person in enumerate(beside):
            pos[person] = (pos[n][0] + TREE_DX * 0.75, y - 20 + 40 * k)
        return width + (TREE_DX * 0.3 if cols else 0)

    x = 0.0
    for root in kids.get(None, []):
        x += place(root, x, 0)
    return pos


def components(H: nx.Graph, seed: int = 7) -> list[dict]:
    """The positions of `positions`, one {node: (x, y)} per connected component, largest first."""
    order = {n: i for i, n in enumerate(H)}
    U = nx.Graph()
    U.add_nodes_from(H)
    U.add_edges_from((u, v) for u, v in H.edges() if u != v)
    comps = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(U)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    rng = np.random.default_rng(seed)
    shapes = [_component(U, c, rng) for c in comps]
    return [
        {n: (float(x), float(y)) for n, (x, y) in zip(comp, xy * EDGE_PX)}
        for comp, xy in zip(comps, _pack(shapes))
    ]


def _component(U: nx.Graph, nodes: list, rng) -> np.ndarray:
    if len(nodes) == 1:
        return np.zeros((1, 2))
    index = {n: i for i, n in enumerate(nodes)}
    # U.edges(nodes) walks `nodes` in order (a component is closed: no edge leaves it); a
    # subgraph view would walk a set, and the float sums of the layout follow edge order
    edges = np.array([(index[u], index[v]) for u, v in U.edges(nodes)], dtype=np.int64)
    return _wide(force(len(nodes), edges.reshape(-1, 2), rng))


def force(
    n: int, edges: np.ndarray, rng, iterations: int | None = None, gravity: float = GRAVITY
) -> np.ndarray:
    """Fruchterman-Reingold with ideal edge length 1 on an n-node graph given as index pairs,
    plus a pull of gravity * r^2 / sqrt(n) towards the centre. Large components (sampled
    repulsion, which underrates the push of near neighbours) get less of it, so that their
    dense middle does not clump."""
    iterations = iterations or (120 if n <= EXACT_UP_TO else 50)
    gravity *= min(1.0, EXACT_UP_TO / n)
    pos = rng.uniform(-1, 1, (n, 2)) * math.sqrt(n)
    temp = math.sqrt(n) / 4
    cool = (0.02 / temp) ** (1 / iterations) if temp > 0.02 else 1.0
    i, j = edges[:, 0], edges[:, 1]
    pull_in = gravity / math.sqrt(n)
    for _ in range(iterations):
        disp = _repulsion(pos, rng)
        delta = pos[i] - pos[j]
        pull = delta * np.linalg.norm(delta, axis=1, keepdims=True)
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(i, pull[:, axis], minlength=n)
            disp[:, axis] += np.bincount(j, pull[:, axis], minlength=n)
        centred = pos - pos.mean(axis=0)
        disp -= centred * (pull_in * np.linalg.norm(centred, axis=1, keepdims=True))
        length = np.linalg.norm(disp, axis=1, keepdims=True)
        pos += disp / np.maximum(length, 1e-9) * np.minimum(length, temp)
        temp *= cool
    return pos


def _repulsion(pos: np.ndarray, rng) -> np.ndarray:
    n = len(pos)
    if n <= EXACT_UP_TO:
        x, y = pos[:, 0], pos[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        inv = dx * dx + dy * dy
        np.maximum(inv, 1e-4, out=inv)
        np.divide(1.0, inv, out=inv)
        np.fill_diagonal(inv, 0.0)
        return np.stack([(dx * inv).sum(axis=1), (dy * inv).sum(axis=1)], axis=1)
    partners = rng.integers(0, n, (n, SAMPLE))
    delta = pos[:, None, :] - pos[partners]
    d2 = np.maximum((delta**2).sum(-1), 1e-2)
    # an unbiased estimate of the all-pairs sum: each sample stands for (n - 1) / SAMPLE nodes
    return (delta / d2[..., None]).sum(axis=1) * ((n - 1) / SAMPLE)


def _wide(xy: np.ndarray) -> np.ndarray:
    """Centred and turned so that the longest axis is horizontal (pages are wider than tall)."""
    xy = xy - xy.mean(axis=0)
    _, vectors = np.linalg.eigh(xy.T @ xy)
    main = vectors[:, -1]
    if main[0] < 0 or (main[0] == 0 and main[1] < 0):  # the same turn on every run
        main = -main
    turned = xy @ np.array([[main[0], -main[1]], [main[1], main[0]]])
    return turned - (turned.min(axis=0) + turned.max(axis=0)) / 2


def _pack(shapes: list[np.ndarray], aspect: float = ASPECT, gap: float = GAP) -> list[np.ndarray]:
    """Place components (largest first) left to right in rows. The row width is the one whose
    block, fitted into a canvas `aspect` times wider than tall, is drawn largest."""
    sizes = [xy.max(axis=0) - xy.min(axis=0) + gap for xy in shapes]
    widths = [float(s[0]) for s in sizes]
    best: tuple[float, list] | None = None
    for limit in _candidate_widths(widths):
        spots, width, height = _rows(sizes, limit)
        scale = min(aspect / width, 1 / height)
        if best is None or scale > best[0] * (1 + 1e-9):
            best = (scale, spots)
    assert best is not None  # there is always a candidate width
    return [xy - xy.min(axis=0) + gap / 2 + spot for xy, spot in zip(shapes, best[1])]


def _candidate_widths(widths: list[float], steps: int = 40) -> list[float]:
    low, high = max(widths), sum(widths)
    if high <= low * 1.0001:
        return [low]
    return [low * (high / low) ** (k / steps) for k in range(steps + 1)]


def _rows(sizes: list[np.ndarray], limit: float) -> tuple[list[np.ndarray], float, float]:
    """Shelf packing: each component goes to the right of the last one, or starts a new row
    when the row would grow wider than `limit`. Components in a row share its vertical centre."""
    rows: list[list[int]] = [[]]
    x = 0.0
    for k, (w, _) in enumerate(sizes):
        if rows[-1] and x + w > limit:
            rows.append([])
            x = 0.0
        rows[-1].append(k)
        x += w
    spots: list[np.ndarray] = [np.zeros(2)] * len(sizes)
    y = width = 0.0
    for row in rows:
        tall = max(float(sizes[k][1]) for k in row)
        x = 0.0
        for k in row:
            spots[k] = np.array([x, y + (tall - float(sizes[k][1])) / 2])
            x += float(sizes[k][0])
        width, y = max(width, x), y + tall
    return spots, width, y
