"""The default back end: a pyoxigraph (RocksDB) store in a directory.

The article graphs and the metadata graph are named graphs; the real default graph holds their
union, each triple once (three indexes in Oxigraph against six for a named graph), and queries
run on it as is.
"""

from __future__ import annotations

import errno
import itertools
import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
import threading
from typing import cast

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from ..rdf.namespaces import KG
from . import worker
from .base import (
    META,
    OLD_META,
    DiskFull,
    QueryTimeout,
    Store,
    StoreError,
    StoreLocked,
    backend,
    batch_update,
    check_article_id,
    remove_update,
)
from .terms import HASH, canonical, in_graph, meta_ntriples, one_triple_a_line, result_from_reply

META_GRAPH = ox.NamedNode(META)
# (in the metadata graph) an article graph being bulk-loaded: not in the store until committed
PENDING = f"{KG}writePending"
_PENDING = ox.NamedNode(PENDING)


def open_error(location: str, exc: OSError) -> StoreError:
    """RocksDB's reasons as one line: its lock held by another process, or a full disk."""
    text = str(exc)
    out = os.path.dirname(location) if os.path.basename(location) == "store" else location
    if "lock" in text.lower() and "unavailable" in text.lower():
        return StoreLocked(
            f"another kg build is writing {out or location}",
            "wait for it to end, or build into another --out",
        )
    if is_disk_full(exc):
        return DiskFull(
            f"no space left on the device to open the store in {location}",
            "free some space, or build into another --out",
        )
    return StoreError(f"cannot open the store in {location}: {' '.join(text.split())}")


def is_disk_full(exc: OSError) -> bool:
    return exc.errno == errno.ENOSPC or "no space left" in str(exc).lower()


def is_store_dir(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "CURRENT"))


def named_quads(store: ox.Store):
    """Every quad of the named graphs, graph by graph (not the union in the default graph)."""
    return itertools.chain.from_iterable(
        store.quads_for_pattern(None, None, None, g) for g in store.named_graphs()
    )


def count(store: ox.Store, pattern: str) -> int:
    solutions = cast(ox.QuerySolutions, store.query(f"SELECT (COUNT(*) AS ?n) {{ {pattern} }}"))
    return int(cast(ox.Literal, next(iter(solutions))[0]).value)


def union_insert(condition: str = "") -> str:
    return f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {condition} }}"


@backend("oxigraph")
class OxigraphStore(Store):
    name = "oxigraph"

    def __init__(self, location: str | None, read_only: bool = False):
        self.path = location
        self.read_only = read_only
        try:
            if read_only:
                if location is None or not is_store_dir(location):
                    raise StoreError(f"no graph store in {location}")
                self._store = ox.Store.read_only(location)
            else:
                if location is not None:
                    os.makedirs(location, exist_ok=True)
                self._store = ox.Store(location)
                self._move_old_meta()
                self._recover()
                self._add_missing_union()
        except OSError as exc:
            raise open_error(location or "memory", exc) from None
        self._generation = 0  # bumped by every write, so queries see a fresh snapshot
        self._snapshot: tuple[int, str] | None = None
        self._process: QueryProcess | None = None
        self._lock = threading.Lock()

    @property
    def ox_store(self) -> ox.Store:
        return self._store

    # --- articles -----------------------------------------------------------------------
    def article_hash(self, article_id: str) -> str | None:
        g = ox.NamedNode(check_article_id(article_id))
        for quad in self._store.quads_for_pattern(g, ox.NamedNode(str(HASH)), None, META_GRAPH):
            return cast(ox.Literal, quad.object).value
        return None

    def _write_articles(self, items) -> None:
        if any(replace for _, replace in items):  # SPARQL text: always re-serialised
            self._write(batch_update(self._prepared(items, canonical)))
        else:
            self._load(self._prepared(items, one_triple_a_line))

    @staticmethod
    def _prepared(items, check):
        return [
            (check_article_id(aid), check(data), meta_ntriples(aid, source, h), replace)
            for (aid, data, source, h), replace in items
        ]

    def _load(self, articles) -> None:
        """New articles only: nothing to take out of the union, so no SPARQL and no NOT EXISTS
        check. Their graphs and union triples are bulk-loaded (three times faster than a
        transaction, but not one), then their metadata is committed in one transaction: an
        article is in the store once its metadata is. Markers committed first name the
        batch's graphs, so that what a failed or killed bulk load leaves is taken out again,
        here or when the store is next opened (`_recover`)."""
        self._check_writable()
        markers = "".join(f"<{g}> <{PENDING}> <{META}> <{META}> .\n" for g, *_ in articles)
        self._generation += 1
        self._store.load(markers, ox.RdfFormat.N_QUADS)
        try:
            for text in load_pieces(articles):
                self._store.bulk_load(text, ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError) as exc:
            self._recover()
            raise StoreError(f"cannot write: {exc}") from exc
        meta = "".join(m for _, _, m, _ in articles)
        self._store.update(
            f"DELETE WHERE {{ GRAPH <{META}> {{ ?g <{PENDING}> ?m }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{META}> {{\n{meta}}}\n{meta}}}"
        )

    def _move_old_meta(self) -> None:
        """A store written when the metadata graph was an article graph's sibling (in a
        newer store, that name is the graph of an article whose id is `meta`)."""
        if self._store.contains_named_graph(ox.NamedNode(OLD_META)) and not self._store.contains_named_graph(
            META_GRAPH
        ):
            self._store.update(f"MOVE GRAPH <{OLD_META}> TO <{META}>")

    def _recover(self) -> None:
        """Take out the graphs of a bulk load that never committed (see `_load`)."""
        pending = [
            cast(ox.NamedNode, q.subject).value
            for q in self._store.quads_for_pattern(None, _PENDING, None, META_GRAPH)
        ]
        if pending:
            self._store.update(" ;\n".join(op for g in pending for op in remove_update(g)))

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._store.flush()

    def remove_article(self, article_id: str) -> bool:
        g = check_article_id(article_id)
        if self.article_hash(article_id) is None and not self._store.contains_named_graph(ox.NamedNode(g)):
            return False
        self._write(" ;\n".join(remove_update(g)))
        return True

    def load(self, path: str, fmt: str | None = None) -> None:
        """Bulk-load an RDF file; an N-Quads or TriG file keeps its graphs. A file with
        default-graph triples is taken for a kg dump (`export nq` or `trig`): its default
        graph is the union, so one bulk load is all (a hand-made file whose default graph is
        not that union is not completed). Otherwise the union is rebuilt: the triples of the
        named graphs go into the default graph too. Not one transaction (a bulk load never
        is)."""
        rdf_format = ox.RdfFormat.from_extension(fmt or os.path.splitext(path)[1].lstrip("."))
        if rdf_format is None:
            raise StoreError(f"cannot tell the RDF format of {path}")
        self._check_writable()
        self._generation += 1
        try:
            had_default = self._has_default()
            self._store.bulk_load(path=path, format=rdf_format)
            if rdf_format.supports_datasets and (had_default or not self._has_default()):
                self._add_union(path, rdf_format)
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(f"cannot load {path}: {exc}") from exc

    def _has_default(self) -> bool:
        return (
            next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
        )

    def _add_union(self, path: str, fmt: ox.RdfFormat) -> None:
        """Parse the file again and bulk-load its triples into the default graph: faster than
        copying them out of the store, and far faster than one INSERT ... WHERE transaction.
        It stops at the file's first default-graph triple (a kg dump: it holds the union).
        bulk_load renames blank nodes, so triples with one are copied from the store."""
        seen = {"blank": False, "default": False}
        self._store.bulk_extend(_named_triples(path, fmt, seen))
        if seen["blank"] and not seen["default"]:
            self._store.update(union_insert("FILTER(isBLANK(?s) || isBLANK(?o))"))

    def _add_missing_union(self) -> None:
        """A store written before the default graph held the union gets it once."""
        if not self._store.query("ASK { ?s ?p ?o }") and self._store.query("ASK { GRAPH ?g { ?s ?p ?o } }"):
            self._store.update(union_insert())

    def _write(self, update: str) -> None:
        self._check_writable()
        try:
            self._store.update(update)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot write: {exc}") from exc
        self._generation += 1

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store in {self.path} is open read-only")

    def articles(self) -> list[str]:
        ident = ox.NamedNode(str(DCTERMS.identifier))
        return sorted(
            cast(ox.Literal, q.object).value
            for q in self._store.quads_for_pattern(None, ident, None, META_GRAPH)
        )

    def __len__(self) -> int:
        return count(self._store, "GRAPH ?g { ?s ?p ?o }")

    # --- queries ------------------------------------------------------------------------
    def query(self, sparql, timeout=30.0, max_rows=None):
        if not timeout:
            reply = worker.run_query(self._store, sparql, max_rows)
        elif self.path is None:
            reply = _run_in_thread(self._store, sparql, max_rows, timeout)
        else:
            with self._lock:
                reply = self._query_process().run(sparql, max_rows, timeout)
        return result_from_reply(reply, max_rows)

    def _query_process(self) -> "QueryProcess":
        path = self._query_path()
        if self._process is None or self._process.path != path:
            self._stop_process()
            self._process = QueryProcess(path)
        return self._process

    def _query_path(self) -> str:
        """A read-only store can be shared with a child; a writable one is snapshotted first
        (RocksDB checkpoint: hard links, milliseconds), because a read-only opening beside
        a writer is undefined behaviour."""
        assert self.path is not None, "an in-memory store answers in this process"
        if self.read_only:
            return self.path
        if self._snapshot and self._snapshot[0] == self._generation:
            return self._snapshot[1]
        self._drop_snapshot()
        parent = os.path.dirname(os.path.abspath(self.path))
        folder = tempfile.mkdtemp(prefix=".kg-snapshot-", dir=parent)
        self._store.backup(os.path.join(folder, "db"))
        self._snapshot = (self._generation, os.path.join(folder, "db"))
        return self._snapshot[1]

    def _drop_snapshot(self) -> None:
        if self._snapshot:
            self._stop_process()
            shutil.rmtree(os.path.dirname(self._snapshot[1]), ignore_errors=True)
            self._snapshot = None

    def _stop_process(self) -> None:
        if self._process:
            self._process.stop()
            self._process = None

    def dump_nquads(self, dest: str) -> None:
        ox.serialize(named_quads(self._store), dest, ox.RdfFormat.N_QUADS)

    def close(self) -> None:
        self._stop_process()
        self._drop_snapshot()
        if self._store is None:
            return
        self.flush()
        # pyoxigraph has no close(): dropping the last reference releases RocksDB's lock
        # closed: nothing may use it again
        self._store = None  # type: ignore[assignment]


LOAD_CHARACTERS = 16_000_000  # a bulk load's text: one batch, or a slice of a long article


def load_pieces(articles, size: int = LOAD_CHARACTERS):
    """The batch's graphs and union triples as N-Quads texts of about `size` characters. A
    batch is one text, as before; a long article (a work report) is cut between lines, so
    that no copy of its whole graph is made: its N-Triples are some 40 characters per
    character of article, and one text of them took 1.7 GB for a 5 MB article. An article
    with blank nodes stays whole, for each bulk load names its blank nodes anew."""
    buf: list[str] = []
    n = 0
    for g, data, _, _ in articles:
        for chunk in _line_slices(data, size) if "_:" not in data else [data]:
            buf += (in_graph(chunk, g), chunk)
            n += 2 * len(chunk)
            if n >= size:
                yield "".join(buf)
                buf, n = [], 0
    if buf:
        yield "".join(buf)


def _line_slices(data: str, size: int):
    start = 0
    while len(data) - start > size:
        end = data.rfind("\n", start, start + size) + 1 or start + size
        yield data[start:end]
        start = end
    yield data[start:]


def _named_triples(path: str, fmt: ox.RdfFormat, seen: dict):
    """The file's named-graph quads as default-graph quads, but those with a blank node, up
    to its first default-graph triple; `seen` records whether either was met."""
    for q in ox.parse(path=path, format=fmt):
        if isinstance(q.graph_name, ox.DefaultGraph):
            seen["default"] = True
            return
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            seen["blank"] = True
        else:
            yield ox.Quad(q.subject, q.predicate, q.object)


class QueryProcess:
    """A child process that answers queries on a read-only store until it is killed."""

    def __init__(self, path: str):
        self.path = path
        self.proc: subprocess.Popen | None = None

    def run(self, sparql: str, max_rows: int | None, timeout: float):
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None  # both are pipes
        try:
            pickle.dump((sparql, max_rows), proc.stdin)
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], timeout)
            if not ready:
                self.stop()
                raise QueryTimeout(f"query stopped after {timeout:g} s")
            return pickle.load(proc.stdout)
        except (EOFError, BrokenPipeError, pickle.UnpicklingError):
            message = self._stderr()
            self.stop()
            raise StoreError(f"the query process failed: {message}") from None

    def _start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                [sys.executable, worker.__file__, self.path],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        return self.proc

    def _stderr(self) -> str:
        if self.proc is None:
            return "not started"
        try:
            self.proc.kill()
            raw = self.proc.stderr.read() if self.proc.stderr else b""
            err = raw.decode("utf-8", "replace").strip().splitlines()
        except OSError:
            err = []
        return err[-1] if err else "no message"

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                if pipe is not None:
                    pipe.close()
            self.proc = None


def _run_in_thread(store, sparql, max_rows, timeout):
    """In-memory pyoxigraph store: no child can open it, so wait on a thread. The query
    goes on in the background after a timeout (pyoxigraph releases the GIL meanwhile)."""
    box = []
    thread = threading.Thread(
        target=lambda: box.append(worker.run_query(store, sparql, max_rows)), daemon=True
    )
    thread.start()
    thread.join(timeout)
    if not box:
        raise QueryTimeout(f"query stopped after {timeout:g} s")
    return box[0]
