"""Executors chosen by name, in the manner of the stores:

    "serial"  in this process
    "local"   a pool of worker processes on this machine (fork on Linux)
    "spawn"   the same, each worker started fresh (it sees only what is installed)
    "dask"    dask.distributed: a scheduler's workers, or a LocalCluster started here

The unit of work is one input document (a page, or one line of a .jsonl), sent in batches.
A worker splits it, runs the pipeline and maps each article to its triples; the parent
gets the results back in input order (so the graph is the same whatever the executor and
the number of workers) and does the reduce: the entity index, the summary and the store
writes, a batch of articles' N-Triples text (made in the workers) at a time. At most `window` batches are in flight or waiting to be written, so memory stays
bounded however large the corpus.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, NamedTuple

from .closing import Closing
from .document import ArticleGraph, failed, process
from .model import Document, Problem
from .registry import Registry
from .store.terms import ntriples

EXECUTORS: Registry[type] = Registry("executor", "kg.executors")
BATCH_CHARACTERS = 32_000  # ~0.3 s of work: amortises the per-task cost of a pool or dask
WORKER_NICENESS = 5


def executor(name: str):
    """`@executor("name")` on an Executor subclass: `kg build --executor name`."""
    return EXECUTORS.decorator(name, lambda cls: cls)


def open_executor(
    name: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    pipeline_names: tuple | None = None,
):
    """The executor called `name` with `workers` processes (default: all cores)."""
    EXECUTORS.get_or_fail(name)
    workers = workers or os.cpu_count() or 1
    if name in ("local", "spawn") and workers == 1:
        name = "serial"
    return EXECUTORS[name](workers, scheduler=scheduler, pipeline_names=_names(pipeline_names))


class ArticleResult(NamedTuple):
    """What the parent needs of one article: the store write and the summary."""

    id: str
    source: str
    content_hash: str
    ntriples: str  # the article graph, as Store.put_articles takes
    entities: list[tuple[tuple[str, str], str]]  # ((family, label), class)
    predicates: list[str]  # one per relation
    characters: int
    warnings: tuple[str, ...] = ()  # doubts to report (Article.warnings)
    bylined: bool = True  # whether any author was found


Task = tuple[Document, str]  # a document and the stem of its article ids


# --- the worker side ----------------------------------------------------------------------
_PIPELINES: dict[tuple[str, ...], object] = {}


def _names(spec) -> tuple:
    """A pipeline as workers rebuild it: (component names, disabled rules)."""
    from .pipeline import DEFAULT

    if spec is None:
        return (DEFAULT, ())
    if spec and isinstance(spec[0], tuple):
        return (tuple(spec[0]), tuple(spec[1]))
    return (tuple(spec), ())


def worker_pipeline(spec: tuple):
    """This process's pipeline, built (and jieba's dictionary loaded) once per process.
    `spec` is what `_names` gives, or a plain tuple of component names."""
    spec = _names(spec)
    if spec not in _PIPELINES:
        from .nlp.tokens import tokenize
        from .pipeline import Pipeline

        _PIPELINES[spec] = Pipeline(*spec)
        tokenize("预热")
    return _PIPELINES[spec]


def extract_batch(batch: tuple[tuple[str, ...], list[Task]]) -> list[list[ArticleResult | Problem]]:
    """For each document of the batch, the results of its articles and the problems met
    (a document the pipeline fails on is one problem; the rest of the batch goes on)."""
    names, tasks = batch
    nlp = worker_pipeline(names)
    terms: dict = {}
    return [document_results(doc, stem, nlp, terms) for doc, stem in tasks]


def document_results(doc: Document, stem: str, nlp, terms: dict) -> list[ArticleResult | Problem]:
    graphs, problems = process(doc, nlp, stem)
    try:
        return [*problems, *(article_result(g, terms) for g in graphs)]
    except Exception as exc:  # the mapping too: one problem, and the batch goes on
        return [failed(doc, exc)]


def article_result(g: ArticleGraph, terms: dict) -> ArticleResult:
    """The graph goes as N-Triples text, made here rather than in the parent (the busiest
    process), which then hands it to the store as is. `terms` caches each term's text
    across the batch."""
    a = g.article
    return ArticleResult(
        a.id,
        a.source,
        a.content_hash,
        ntriples(g.triples, terms),
        [(key, e.type) for key, e in g.entities.items()],
        [r.predicate for r in a.relations],
        len(a.text),
        tuple(a.warnings),
        bool(a.authors),
    )


# --- the parent side ----------------------------------------------------------------------
def batches(tasks: Iterable[Task], characters: int = BATCH_CHARACTERS) -> Iterator[list[Task]]:
    batch, size = [], 0
    for task in tasks:
        batch.append(task)
        size += len(task[0].text)
        if size >= characters:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def windowed(submit: Callable, items: Iterable, window: int) -> Iterator:
    """submit(item) for every item, at most `window` of them unconsumed, results in order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class Executor(Closing):
    name = "abstract"
    batch_characters = BATCH_CHARACTERS

    def __init__(self, workers: int, scheduler: str | None = None, pipeline_names: tuple[str, ...] = ()):
        self.workers = workers
        self.pipeline_names = pipeline_names

    def submit(self, func: Callable, arg):
        raise NotImplementedError

    @property
    def window(self) -> int:
        # enough queued work that the workers keep busy while the parent hands a batch to
        # the store, and that a dask scheduler's round trip is covered
        return 4 * self.workers

    def extract(self, tasks: Iterable[Task]) -> Iterator[list[ArticleResult]]:
        """The article results of each document, in input order."""
        yield from self.run(batches(tasks, self.batch_characters))

    def run(self, work: Iterable[list[Task]]) -> Iterator[list[ArticleResult]]:
        named = ((self.pipeline_names, batch) for batch in work)
        for results in windowed(lambda b: self.submit(extract_batch, b), named, self.window):
            yield from results


class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


@executor("serial")
class SerialExecutor(Executor):
    name = "serial"
    batch_characters = 1

    @property
    def window(self) -> int:
        return 1

    def submit(self, func, arg):
        return _Done(func(arg))


def _warm_up(names: tuple[str, ...]) -> None:
    # The parent writes the store, the one step that does not scale out: when cores are
    # short, the workers should wait for it rather than it for them.
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)
    worker_pipeline(names)


def _context(method: str | None = None):
    # fork starts workers at once and sees components registered in the caller's process
    # (a notebook, a script); elsewhere spawn is the only safe choice.
    if method is None:
        method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


@executor("local")
class LocalExecutor(Executor):
    name = "local"
    start_method: str | None = None  # fork on Linux, else spawn

    def __init__(self, workers, scheduler=None, pipeline_names=()):
        super().__init__(workers, scheduler, pipeline_names)
        self.pool = self._new_pool()

    def extract(self, tasks):
        work = batches(tasks, self.batch_characters)
        first, second = next(work, None), next(work, None)
        if second is None:  # a single batch: starting the workers would cost more
            yield from extract_batch((self.pipeline_names, first or []))
            return
        yield from self.run(itertools.chain([first, second], work))

    def run(self, work):
        """As Executor.run, but a batch whose worker died (killed, out of memory) is done
        again one document at a time in a new pool, and a document that kills its worker
        again is one problem: the rest of the batch is stored."""
        submit = lambda batch: (batch, self.pool, self.submit(extract_batch, (self.pipeline_names, batch)))
        for batch, pool, future in windowed(lambda b: _Done(submit(b)), work, self.window):
            yield from self._collect(batch, pool, future)

    def _collect(self, batch, pool, future, alone: bool = False) -> list:
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart(pool)
        if not alone:  # the culprit may be any document of any batch then in flight
            return [r for task in batch for r in self._collect_alone(task)]
        doc = batch[0][0]
        return [[Problem(doc.source, "the worker extracting it died (killed, or out of memory); skipped")]]

    def _collect_alone(self, task: Task) -> list:
        future = self.submit(extract_batch, (self.pipeline_names, [task]))
        return self._collect([task], self.pool, future, alone=True)

    def _restart(self, broken) -> None:
        if self.pool is broken:  # the first of the failed batches to be collected
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=_context(self.start_method),
            initializer=_warm_up,
            initargs=(self.pipeline_names,),
        )

    def submit(self, func, arg):
        return self.pool.submit(func, arg)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@executor("spawn")
class SpawnExecutor(LocalExecutor):
    """Local processes started fresh (as on macOS and Windows): they see only what is
    installed, so plugins reach them through entry points, not through the caller's imports."""

    name = "spawn"
    start_method = "spawn"


@executor("dask")
class DaskExecutor(Executor):
    name = "dask"

    def __init__(self, workers, scheduler=None, pipeline_names=()):
        super().__init__(workers, scheduler, pipeline_names)
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise RuntimeError(
                "the dask executor needs dask and distributed: pip install 'dask[distributed]'"
            ) from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            import logging

            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        threads = sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values())
        self.workers = threads or workers

    def submit(self, func, arg):
        return self.client.submit(func, arg, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
