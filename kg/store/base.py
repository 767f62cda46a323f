"""The one interface every graph store implements, and what its queries return.

A store holds one named graph per article (`graph_iri(article_id)`) plus a metadata graph
(`META`) that says, about each article graph, where it came from, its content hash and when
it was written. Queries see the default graph, which every back end keeps equal to the union
of all the graphs (article graphs and metadata), each triple once: a label that twenty articles
repeat is one row, as in rdflib. The Oxigraph back ends store that union in the real default
graph and update it in the same SPARQL Update request (one transaction) as the article graph.
"""

from __future__ import annotations

import abc
from typing import Iterable

from rdflib.namespace import DCTERMS, PROV, XSD

from ..closing import Closing
from ..errors import DiskFull, QueryError, QueryTimeout, ResultTooLarge, StoreError, StoreLocked  # noqa: F401
from ..rdf.namespaces import GRAPHS, ID, KG, graph_iri
from ..registry import Registry
from .terms import QueryResult  # noqa: F401  (kg.store and kg serve take it from here)

# kg's own graph lies outside GRAPHS, where every article graph is: no article id, `meta`
# included, can name it
META = f"{ID}meta"
OLD_META = f"{GRAPHS}meta"  # where stores written before this kept it

PREFIXES = {
    "kg": str(KG),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": str(XSD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": "https://schema.org/",
}


# Back ends and exporters by name (see kg/registry.py). The package kg.store registers the
# built-in ones as it loads; plugins add theirs through the entry-point groups.
STORES: Registry[type] = Registry("store back end", "kg.stores")
EXPORTERS: Registry = Registry("export format", "kg.exporters")


def backend(name: str):
    """`@backend("mystore")` on a Store subclass: `open_store(location, backend="mystore")`."""
    return STORES.decorator(name, lambda cls: cls)


def exporter(name: str):
    """`@exporter("fmt")` on a function `(store, dest) -> None`: `store.export("fmt", dest)`."""
    return EXPORTERS.decorator(name, lambda func: func)


def check_article_id(article_id: str) -> str:
    if not article_id:
        raise StoreError("an article id cannot be empty")
    return graph_iri(article_id)


def _drop_unshared(graph: str, subject: str | None = None) -> str:
    """Delete from the default graph the triples of `graph` (about `subject`) that no other
    named graph holds. NOT EXISTS runs per triple with ?s ?p ?o bound (an index lookup), not
    as an anti-join over the whole store as MINUS would."""
    values = f"VALUES ?s {{ <{subject}> }} " if subject else ""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ {values}GRAPH <{graph}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph}>) }} }}"
    )


def remove_update(graph: str) -> list[str]:
    """SPARQL Update operations that drop an article graph and its metadata, and from the
    default graph what only they held."""
    return [
        _drop_unshared(graph),
        _drop_unshared(META, graph),
        f"DROP SILENT GRAPH <{graph}>",
        f"DELETE WHERE {{ GRAPH <{META}> {{ <{graph}> ?p ?o }} }}",
    ]


def batch_update(articles: list[tuple[str, str, str, bool]]) -> str:
    """One SPARQL Update request (one transaction) that writes whole articles and their
    metadata and keeps the default graph the union. Each item: (graph, data, meta, replace)
    with `data` and `meta` N-Triples text; `replace` drops what the store held first."""
    drops = [op for g, _, _, replace in articles if replace for op in remove_update(g)]
    graphs = "".join(f"GRAPH <{g}> {{\n{data}}}\n" for g, data, _, _ in articles)
    meta = "".join(m for _, _, m, _ in articles)
    union = "".join(data for _, data, _, _ in articles)
    insert = f"INSERT DATA {{\n{graphs}GRAPH <{META}> {{\n{meta}}}\n{union}{meta}}}"
    return " ;\n".join([*drops, insert])


def replace_update(graph: str, data: str, meta: str) -> str:
    """batch_update of one article that may be in the store."""
    return batch_update([(graph, data, meta, True)])


Item = tuple[str, str, str, str]  # (article_id, N-Triples text, source, content_hash)


def unique_runs(batch: list[Item]) -> list[list[Item]]:
    """The batch cut where an article comes again, so that each run names an article once."""
    runs: list[list[Item]] = [[]]
    seen: set[str] = set()
    for item in batch:
        if item[0] in seen:
            runs.append([])
            seen = set()
        runs[-1].append(item)
        seen.add(item[0])
    return [run for run in runs if run]


class Store(Closing, abc.ABC):
    """A dataset of article graphs. Usable as a context manager."""

    name = "abstract"
    read_only = False

    @abc.abstractmethod
    def article_hash(self, article_id: str) -> str | None:
        """The content hash stored for `article_id`, or None when it is not in the store."""

    def put_article(
        self, article_id: str, triples: Iterable[tuple], *, source: str, content_hash: str
    ) -> bool:
        """Replace the article's graph with `triples` (rdflib terms), atomically. False (and
        no write at all) when the stored hash is already `content_hash`."""
        from .terms import ntriples

        return self.put_articles([(article_id, ntriples(triples), source, content_hash)])[0]

    def put_articles(self, batch: Iterable[Item]) -> list[bool]:
        """Write a batch of articles, each (article_id, ntriples, source, content_hash) with
        `ntriples` N-Triples text, whole: after a crash the store holds all of the batch or
        none of it (one transaction, or for Oxigraph's new articles a bulk load committed by
        one transaction). Per article: False when the stored hash is
        already `content_hash` (nothing written), True when it was added or replaced."""
        done: list[bool] = []
        for run in unique_runs(list(batch)):
            stored = [self.article_hash(aid) for aid, *_ in run]
            changed = [old != item[3] for old, item in zip(stored, run)]
            todo = [(item, old is not None) for item, old, c in zip(run, stored, changed) if c]
            if todo:
                self._write_articles(todo)
            done += changed
        return done

    @abc.abstractmethod
    def _write_articles(self, items: list[tuple[Item, bool]]) -> None:
        """Write whole articles (all or none); the flag says the article is in the store
        and is replaced. Nothing is written when any of them is not valid N-Triples."""

    def flush(self) -> None:
        """Push buffered writes to disk and let go of the memory they hold (a no-op here)."""

    @abc.abstractmethod
    def remove_article(self, article_id: str) -> bool:
        """Drop the article's graph and metadata; False when it was not there."""

    @abc.abstractmethod
    def query(self, sparql: str, timeout: float | None = 30.0, max_rows: int | None = None) -> QueryResult:
        """Run a SPARQL query over the default graph, the union of all graphs with each triple
        once; GRAPH reaches the named graphs (the PREFIXES are predeclared).
        Raises QueryError, QueryTimeout, and ResultTooLarge when a SELECT has more than
        `max_rows` rows. `timeout` None or 0: no deadline, run in this process."""

    @abc.abstractmethod
    def dump_nquads(self, dest: str) -> None:
        """Write every quad of the named graphs to `dest` as N-Quads (exports start from this;
        the default graph is left out, being their union)."""

    @abc.abstractmethod
    def articles(self) -> list[str]:
        """The ids of the articles in the store, sorted."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Number of quads over the named graphs (the union in the default graph not counted)."""

    def export(self, fmt: str, dest: str) -> str:
        """Write the store to `dest` in `fmt` (an exporter's name: kg.store.export registers
        the built-in ones, plugins theirs through `kg.exporters`); returns the path."""
        if fmt not in EXPORTERS:
            raise StoreError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}")
        EXPORTERS[fmt](self, dest)
        return dest

    def to_rdflib(self):
        """An rdflib Dataset with every graph (default graph = union). For small stores."""
        import os
        import tempfile

        from rdflib import Dataset

        ds = Dataset(default_union=True)
        fd, tmp = tempfile.mkstemp(suffix=".nq")
        os.close(fd)
        try:
            self.dump_nquads(tmp)
            ds.parse(tmp, format="nquads")
        finally:
            os.unlink(tmp)
        return ds
