"""The default back end: a pyoxigraph (RocksDB) store in a directory."""
from __future__ import annotations

import os
import pickle
import select
import shutil
import subprocess
import sys
import tempfile
import threading

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from . import worker
from .base import (HASH, META, QueryTimeout, Store, StoreError, check_article_id, meta_triples)
from .terms import result_from_reply, triple_line

_META = ox.NamedNode(META)


def is_store_dir(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "CURRENT"))


class OxigraphStore(Store):
    name = "oxigraph"

    def __init__(self, location: str | None, read_only: bool = False):
        self.path = location
        self.read_only = read_only
        try:
            if read_only:
                if not is_store_dir(location):
                    raise StoreError(f"no graph store in {location}")
                self._store = ox.Store.read_only(location)
            else:
                if location is not None:
                    os.makedirs(location, exist_ok=True)
                self._store = ox.Store(location)
        except OSError as exc:
            raise StoreError(f"cannot open the store in {location}: {exc}") from exc
        self._generation = 0      # bumped by every write, so queries see a fresh snapshot
        self._snapshot: tuple[int, str] | None = None
        self._process: QueryProcess | None = None
        self._lock = threading.Lock()

    @property
    def ox_store(self) -> ox.Store:
        return self._store

    # --- articles -----------------------------------------------------------------------
    def article_hash(self, article_id: str) -> str | None:
        g = ox.NamedNode(check_article_id(article_id))
        for quad in self._store.quads_for_pattern(g, ox.NamedNode(str(HASH)), None, _META):
            return quad.object.value
        return None

    def put_article(self, article_id, triples, *, source, content_hash) -> bool:
        g = check_article_id(article_id)
        if self.article_hash(article_id) == content_hash:
            return False
        data = "\n".join(triple_line(*t) for t in triples)
        meta = "\n".join(triple_line(*t) for t in meta_triples(article_id, source, content_hash))
        # One update request is one transaction: readers see the old graph or the new one.
        self._write(f"DROP SILENT GRAPH <{g}> ;\n"
                    f"DELETE WHERE {{ GRAPH <{META}> {{ <{g}> ?p ?o }} }} ;\n"
                    f"INSERT DATA {{ GRAPH <{g}> {{\n{data}\n}}\nGRAPH <{META}> {{\n{meta}\n}} }}")
        return True

    def remove_article(self, article_id: str) -> bool:
        g = check_article_id(article_id)
        if self.article_hash(article_id) is None and not self._store.contains_named_graph(ox.NamedNode(g)):
            return False
        self._write(f"DROP SILENT GRAPH <{g}> ;\n"
                    f"DELETE WHERE {{ GRAPH <{META}> {{ <{g}> ?p ?o }} }}")
        return True

    def load(self, path: str, fmt: str | None = None) -> None:
        """Bulk-load an RDF file as is (an N-Quads or TriG export keeps its graphs)."""
        fmt = ox.RdfFormat.from_extension(fmt) if fmt else None
        self._check_writable()
        self._store.bulk_load(path=path, format=fmt)
        self._generation += 1

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
        return sorted(q.object.value for q in self._store.quads_for_pattern(None, ident, None, _META))

    def __len__(self) -> int:
        return len(self._store)

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
        self._store.dump(dest, ox.RdfFormat.N_QUADS)

    def close(self) -> None:
        self._stop_process()
        self._drop_snapshot()
        if self._store is None:
            return
        if not self.read_only and self.path is not None:
            self._store.flush()
        # pyoxigraph has no close(): dropping the last reference releases RocksDB's lock
        self._store = None


class QueryProcess:
    """A child process that answers queries on a read-only store until it is killed."""

    def __init__(self, path: str):
        self.path = path
        self.proc: subprocess.Popen | None = None

    def run(self, sparql: str, max_rows: int | None, timeout: float):
        proc = self._start()
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
                [sys.executable, worker.__file__, self.path], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return self.proc

    def _stderr(self) -> str:
        if self.proc is None:
            return "not started"
        try:
            self.proc.kill()
            err = self.proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
        except OSError:
            err = []
        return err[-1] if err else "no message"

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
                pipe.close()
            self.proc = None


def _run_in_thread(store, sparql, max_rows, timeout):
    """In-memory pyoxigraph store: no child can open it, so wait on a thread. The query
    goes on in the background after a timeout (pyoxigraph releases the GIL meanwhile)."""
    box = []
    thread = threading.Thread(target=lambda: box.append(worker.run_query(store, sparql, max_rows)),
                              daemon=True)
    thread.start()
    thread.join(timeout)
    if not box:
        raise QueryTimeout(f"query stopped after {timeout:g} s")
    return box[0]
