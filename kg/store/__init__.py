"""Graph stores chosen by name, in the manner of rdflib's plugin registry.

    from kg.store import open_store
    with open_store("out/store") as store:            # pyoxigraph on disk ("oxigraph")
        store.put_article("a1", triples, source="a1.txt", content_hash=h)
        print(store.query("SELECT ?l { ?e rdfs:label ?l } LIMIT 5").rows)
    open_store("memory")                              # rdflib Dataset in memory ("rdflib")
    open_store("http://127.0.0.1:7878")               # a SPARQL server ("remote")

A back end is a subclass of kg.store.base.Store registered with `register(name, cls)`.
"""

from __future__ import annotations

import os

from .base import META, QueryError, QueryResult, QueryTimeout, ResultTooLarge, Store, StoreError

BACKENDS: dict[str, type[Store]] = {}


def register(name: str, cls: type[Store]) -> None:
    BACKENDS[name] = cls


def backend_for(location: str) -> str:
    if location == "memory":
        return "rdflib"
    if location.startswith(("http://", "https://")):
        return "remote"
    return "oxigraph"


def open_store(location: str, backend: str | None = None, read_only: bool = False, **options) -> Store:
    name = backend or backend_for(location)
    if name not in BACKENDS:
        raise StoreError(f"no store back end {name!r}; known: {', '.join(sorted(BACKENDS))}")
    return BACKENDS[name](location, read_only=read_only, **options)


def locate(out: str) -> str:
    """The store of a build output folder: OUT/store when present, else OUT itself (a store
    folder, a URL or "memory")."""
    if backend_for(out) != "oxigraph":
        return out
    inner = os.path.join(out, "store")
    return inner if os.path.isdir(inner) else out


def _register_builtins() -> None:
    from .memory import RdflibStore
    from .oxigraph import OxigraphStore
    from .remote import RemoteStore

    register("oxigraph", OxigraphStore)
    register("rdflib", RdflibStore)
    register("remote", RemoteStore)


_register_builtins()

__all__ = [
    "open_store",
    "register",
    "locate",
    "Store",
    "QueryResult",
    "QueryError",
    "QueryTimeout",
    "ResultTooLarge",
    "StoreError",
    "META",
    "BACKENDS",
]
