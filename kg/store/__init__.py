"""Graph stores chosen by name, in the manner of rdflib's plugin registry.

    from kg.store import open_store
    with open_store("out/store") as store:            # pyoxigraph on disk ("oxigraph")
        store.put_article("a1", triples, source="a1.txt", content_hash=h)
        print(store.query("SELECT ?l { ?e rdfs:label ?l } LIMIT 5").rows)
    open_store("memory")                              # rdflib Dataset in memory ("rdflib")
    open_store("http://127.0.0.1:7878")               # a SPARQL server ("remote")

A back end is a subclass of kg.store.base.Store registered with `@backend(name)` (or
`STORES.add(name, cls)`); plugins name their module in the `kg.stores` entry-point group.
Exporters likewise (`@exporter(name)`, group `kg.exporters`).
"""

from __future__ import annotations

import os

from . import export, memory, oxigraph, remote  # noqa: F401  (they register the built-in back ends and exporters)
from .base import (
    EXPORTERS,
    META,
    STORES,
    QueryError,
    QueryResult,
    QueryTimeout,
    ResultTooLarge,
    Store,
    StoreError,
    backend,
    exporter,
)


def backend_for(location: str) -> str:
    if location == "memory":
        return "rdflib"
    if location.startswith(("http://", "https://")):
        return "remote"
    return "oxigraph"


def open_store(location: str, backend: str | None = None, read_only: bool = False, **options) -> Store:
    name = backend or backend_for(location)
    if name not in STORES:
        raise StoreError(f"no store back end {name!r}; known: {', '.join(sorted(STORES))}")
    return STORES[name](location, read_only=read_only, **options)


def locate(out: str) -> str:
    """The store of a build output folder: OUT/store when present, else OUT itself (a store
    folder, a URL or "memory")."""
    if backend_for(out) != "oxigraph":
        return out
    inner = os.path.join(out, "store")
    return inner if os.path.isdir(inner) else out


__all__ = [
    "open_store",
    "backend",
    "exporter",
    "locate",
    "Store",
    "QueryResult",
    "QueryError",
    "QueryTimeout",
    "ResultTooLarge",
    "StoreError",
    "META",
    "STORES",
    "EXPORTERS",
]
