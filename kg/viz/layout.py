"""Node positions computed before the page opens, so the browser draws once and stays still.

Each connected component gets a Fruchterman-Reingold layout in numpy: exact repulsion for
small components, repulsion from a fixed-size random sample of nodes for large ones (cost
linear in nodes and edges, so 20k nodes take about a second). Components are then packed in
rows, largest first. A fixed seed makes the result the same on every run.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

EDGE_PX = 110          # the ideal edge length on the page, in vis-network pixels
EXACT_UP_TO = 400      # components up to this size get exact all-pairs repulsion
SAMPLE = 24            # repulsion partners per node and iteration above that


def positions(H: nx.Graph, seed: int = 7) -> dict:
    """{node: (x, y)} in page pixels for every node of `H`."""
    order = {n: i for i, n in enumerate(H)}
    U = nx.Graph()
    U.add_nodes_from(H)
    U.add_edges_from((u, v) for u, v in H.edges() if u != v)
    comps = sorted((sorted(c, key=order.get) for c in nx.connected_components(U)),
                   key=lambda c: (-len(c), order[c[0]]))
    rng = np.random.default_rng(seed)
    shapes = [_component(U, c, rng) for c in comps]
    pos: dict = {}
    for comp, xy in zip(comps, _pack(shapes)):
        pos.update({n: (float(x), float(y)) for n, (x, y) in zip(comp, xy * EDGE_PX)})
    return pos


def _component(U: nx.Graph, nodes: list, rng) -> np.ndarray:
    if len(nodes) == 1:
        return np.zeros((1, 2))
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in U.subgraph(nodes).edges()], dtype=np.int64)
    xy = force(len(nodes), edges.reshape(-1, 2), rng)
    return xy - xy.mean(axis=0)


def force(n: int, edges: np.ndarray, rng, iterations: int | None = None) -> np.ndarray:
    """Fruchterman-Reingold with ideal edge length 1 on an n-node graph given as index pairs."""
    iterations = iterations or (120 if n <= EXACT_UP_TO else 50)
    pos = rng.uniform(-1, 1, (n, 2)) * math.sqrt(n)
    temp = math.sqrt(n) / 4
    cool = (0.02 / temp) ** (1 / iterations) if temp > 0.02 else 1.0
    i, j = edges[:, 0], edges[:, 1]
    for _ in range(iterations):
        disp = _repulsion(pos, rng)
        delta = pos[i] - pos[j]
        pull = delta * np.linalg.norm(delta, axis=1, keepdims=True)
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(i, pull[:, axis], minlength=n)
            disp[:, axis] += np.bincount(j, pull[:, axis], minlength=n)
        length = np.linalg.norm(disp, axis=1, keepdims=True)
        pos += disp / np.maximum(length, 1e-9) * np.minimum(length, temp)
        temp *= cool
    return pos


def _repulsion(pos: np.ndarray, rng) -> np.ndarray:
    n = len(pos)
    if n <= EXACT_UP_TO:
        delta = pos[:, None, :] - pos[None, :, :]
        d2 = np.maximum((delta ** 2).sum(-1), 1e-4)
        np.fill_diagonal(d2, np.inf)
        return (delta / d2[..., None]).sum(axis=1)
    partners = rng.integers(0, n, (n, SAMPLE))
    delta = pos[:, None, :] - pos[partners]
    d2 = np.maximum((delta ** 2).sum(-1), 1e-2)
    # an unbiased estimate of the all-pairs sum: each sample stands for (n - 1) / SAMPLE nodes
    return (delta / d2[..., None]).sum(axis=1) * ((n - 1) / SAMPLE)


def _pack(shapes: list[np.ndarray], gap: float = 1.5) -> list[np.ndarray]:
    """Place components left to right in rows about as wide as the whole is tall."""
    radii = [float(np.linalg.norm(xy, axis=1).max()) + gap / 2 for xy in shapes]
    width = math.sqrt(sum((2 * r) ** 2 for r in radii)) * 1.1
    placed, x, y, row = [], 0.0, 0.0, 0.0
    for xy, r in zip(shapes, radii):
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y + row, 0.0
        placed.append(xy + np.array([x + r, y + r]))
        x, row = x + 2 * r, max(row, 2 * r)
    return placed
