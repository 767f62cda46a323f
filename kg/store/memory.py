"""The "rdflib" back end: an in-memory rdflib Dataset (location "memory"). For tests, small
runs and users who want rdflib objects; nothing is kept after the process ends."""

from __future__ import annotations

import ctypes
import threading

from rdflib import Dataset, URIRef
from rdflib.namespace import DCTERMS

from .base import (
    META,
    PREFIXES,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    Store,
    StoreError,
    backend,
    check_article_id,
)
from .terms import HASH, QueryResult, canonical, meta_triples, parse_ntriples, rdflib_term_dict


@backend("rdflib")
class RdflibStore(Store):
    name = "rdflib"

    def __init__(self, location: str = "memory", read_only: bool = False):
        self.path = location
        self.read_only = read_only
        self.dataset = Dataset(default_union=True)
        self._meta = self.dataset.graph(URIRef(META))

    def article_hash(self, article_id):
        value = self._meta.value(URIRef(check_article_id(article_id)), HASH)
        return None if value is None else str(value)

    def _write_articles(self, items):
        # every article parsed before any change: a bad one leaves the store as it was
        parsed = [
            (
                URIRef(check_article_id(aid)),
                parse_ntriples(canonical(data).encode()),
                meta_triples(aid, source, h),
            )
            for (aid, data, source, h), _ in items
        ]
        for g, triples, meta in parsed:
            self.dataset.remove_graph(g)
            graph = self.dataset.graph(g)
            for triple in triples:
                graph.add(triple)
            self._meta.remove((g, None, None))
            for triple in meta:
                self._meta.add(triple)

    def remove_article(self, article_id):
        g = URIRef(check_article_id(article_id))
        found = (g, None, None) in self._meta or len(self.dataset.graph(g)) > 0
        self.dataset.remove_graph(g)
        self._meta.remove((g, None, None))
        return found

    def articles(self):
        return sorted(str(o) for o in self._meta.objects(None, DCTERMS.identifier))

    def __len__(self):
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def dump_nquads(self, dest):
        self.dataset.serialize(destination=dest, format="nquads", encoding="utf-8")

    def query(self, sparql, timeout=30.0, max_rows=None):
        box: list = []
        thread = threading.Thread(target=self._run, args=(sparql, box), daemon=True)
        thread.start()
        thread.join(timeout or None)
        if thread.is_alive():
            _interrupt(thread)
            raise QueryTimeout(f"query stopped after {timeout:g} s")
        if isinstance(box[0], Exception):
            raise box[0]
        return _limit(box[0], max_rows)

    def _run(self, sparql, box):
        try:
            box.append(_to_result(self.dataset.query(sparql, initNs=PREFIXES)))
        except Exception as exc:  # noqa: BLE001 - handed to the calling thread
            box.append(_query_error(exc))

    def to_rdflib(self):
        return self.dataset


def _to_result(result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", triples=list(result.graph))
    names = [str(v) for v in result.vars]
    rows = [tuple(rdflib_term_dict(row[i]) for i in range(len(names))) for row in result]
    return QueryResult("select", vars=names, bindings=rows)


def _limit(result: QueryResult, max_rows):
    if max_rows is not None and len(result.bindings) > max_rows:
        raise ResultTooLarge(f"more than {max_rows} rows; add a LIMIT to the query")
    return result


def _query_error(exc: Exception) -> Exception:
    if hasattr(exc, "lineno") and hasattr(exc, "col"):  # pyparsing's ParseException
        return QueryError(f"line {exc.lineno}, column {exc.col}: {getattr(exc, 'msg', exc)}")
    return StoreError(f"{type(exc).__name__}: {exc}")


def _interrupt(thread: threading.Thread) -> None:
    """rdflib evaluates in Python, so an asynchronous exception really stops the query."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident or 0), ctypes.py_object(QueryTimeout)
    )
