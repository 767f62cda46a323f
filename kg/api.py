"""The public API: `build()`, `extract()`, `open_store()`. The CLI, the notebook and the
tests all go through these."""

from __future__ import annotations

import os
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .closing import Closing
from .document import default_stem
from .document import process as process_document
from .errors import DuplicateId, InputError
from .model import Article, Document, Problem
from .pipeline import Pipeline


@dataclass
class Summary:
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    characters: int = 0
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # doubts, not failures (a byline left whole)
    without_byline: int = 0
    violations: list[str] | None = None  # SHACL; None when the graph was too large to check
    seconds: float = 0.0
    seconds_extract: float = 0.0  # until the last article was written, before the exports
    cpu_seconds_extract: float = 0.0  # this process's CPU time (all its threads) until then
    outputs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def process(
    docs: Iterable[Document | Problem],
    pipeline: Pipeline | None = None,
    problems: list[Problem] | None = None,
) -> Iterator[Article]:
    """Split each document into articles and run the pipeline over them."""
    nlp = pipeline or Pipeline()
    problems = [] if problems is None else problems
    for doc, stem in _tasks(docs, problems):
        graphs, troubles = process_document(doc, nlp, stem)
        problems += troubles
        yield from (g.article for g in graphs)


def read(inputs: Iterable[str | os.PathLike], strict: bool = False) -> Iterator[Document | Problem]:
    from .ingest.readers import read_inputs

    return read_inputs([str(p) for p in inputs], strict=strict)


def extract(
    inputs: Iterable[str | os.PathLike] | str,
    pipeline: Pipeline | None = None,
    problems: list[Problem] | None = None,
) -> list[Article]:
    """Articles with their mentions and relations. `inputs` is a list of paths, or a text."""
    if isinstance(inputs, str) and not os.path.exists(inputs):
        docs: Iterable = [Document(source="<text>", text=inputs, kind="page", id="text")]
    else:
        docs = read([inputs] if isinstance(inputs, (str, os.PathLike)) else inputs)
    return list(process(docs, pipeline, problems))


def open_store(location: str | os.PathLike, **options):
    from .store import locate
    from .store import open_store as _open

    return _open(locate(str(location)), **options)


def build(
    inputs: Iterable[str | os.PathLike],
    out: str | os.PathLike = "out",
    *,
    store: str | None = None,
    backend: str | None = None,
    html: bool = True,
    strict: bool = False,
    pipeline: Pipeline | None = None,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: bool | None = None,
    region: str | None = None,
) -> Summary:
    """Read `inputs`, extract and write each article's graph to a store (OUT/store unless
    `store` names another, e.g. a SPARQL endpoint URL), then export OUT/graph.ttl and,
    with `html`, OUT/graph.html. Articles stream through: memory holds a bounded window of
    documents and the index of entity names, not the corpus.

    `workers` processes (default: all cores) extract with `executor` "local", "dask"
    (a LocalCluster, or the cluster of `scheduler`, e.g. "tcp://10.0.0.5:8786") or
    "serial"; the store is the same whatever the executor and the number of workers.
    `backend`: the store back end by name (default: what the location says).
    `progress`: None shows a bar on a terminal and a log line every few seconds otherwise,
    False shows nothing. `region`: the division code (or name) inputs without a `region`
    of their own are about, e.g. "320500" for a Suzhou paper (see kg/geo)."""
    from .parallel import open_executor
    from .progress import open_progress
    from .store import open_store as _open

    started, cpu_started = time.perf_counter(), time.process_time()
    paths = [str(p) for p in inputs]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    index: dict[tuple[str, str], str] = {}
    names = pipeline.spec() if pipeline is not None else None
    with (
        open_executor(executor, workers, scheduler, names) as ex,
        _open(store or str(out / "store"), backend=backend) as st,
        open_progress(progress, paths) as bar,
    ):
        tasks = _tasks(_in_region(read(paths, strict=strict), region), summary.problems, strict)
        with _Writer(st, summary, index) as writer:
            for results in ex.extract(tasks):
                done = [r for r in results if not isinstance(r, Problem)]
                for r in results:
                    if isinstance(r, Problem) and strict:
                        raise InputError(str(r), "--strict stops at the first problem")
                    writer.add(r)
                bar.advance(len(done), sum(r.characters for r in done))
        summary.seconds_extract = time.perf_counter() - started
        summary.cpu_seconds_extract = time.process_time() - cpu_started
        summary.outputs.append(st.export("ttl", str(out / "graph.ttl")))
        summary.relations = fact_counts(st)
    _check_and_draw(summary, Path(summary.outputs[0]), out / "graph.html" if html else None)
    summary.entities.update(index.values())
    summary.seconds = time.perf_counter() - started
    return summary


def _in_region(docs: Iterable[Document | Problem], region: str | None) -> Iterator[Document | Problem]:
    for doc in docs:
        if region and isinstance(doc, Document) and not doc.region:
            doc.region = region
        yield doc


FACTS = """SELECT ?p (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o {
    ?r <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?s ;
       <http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate> ?p ;
       <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o } } GROUP BY ?p"""


def fact_counts(st) -> Counter:
    """Facts per predicate (local name) in the store: a fact that several records (articles,
    sentences) support counts once, as in the graph, the page and every query."""
    return Counter({p.rsplit("#", 1)[-1]: int(n) for p, n in st.query(FACTS, timeout=None).rows})


def _tasks(
    docs: Iterable[Document | Problem], problems: list[Problem], strict: bool = False
) -> Iterator[tuple[Document, str]]:
    """Each document with the stem of its article ids (given in input order, here, so that
    ids do not depend on which worker splits the document); problems go to the summary.
    An id given twice is kept under a derived one (`ID~2`) with one line naming both
    places, or refused under `strict`."""
    taken: dict[str, str] = {}  # stem -> where it was first given
    for doc in docs:
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        stem = default_stem(doc)
        if stem in taken:
            new = _derived(stem, taken)
            if doc.id:
                problem = Problem(
                    doc.source,
                    f"id {stem!r} was already given at {taken[stem]}; this article is kept as {new!r}",
                )
                if strict:
                    raise DuplicateId(str(problem), "give each article its own id")
                problems.append(problem)
                doc.id = new
            stem = new
        taken[stem] = doc.source
        yield doc, stem


def _derived(stem: str, taken: dict) -> str:
    n = 2
    while f"{stem}~{n}" in taken:
        n += 1
    return f"{stem}~{n}"


# A store write: at most this many articles or about this much N-Triples text. Each write is
# a bulk load that RocksDB later compacts; 10k articles in batches of 75 cost 1.5x the CPU
# (328 s against 211) and 1.35x the time of batches of 500, which peak 0.05 GB higher.
WRITE_ARTICLES = 500
WRITE_BYTES = 8_000_000
FLUSH_EVERY = 500  # articles


class _Writer(Closing):
    """Article results to the store in batches (each written whole: see
    `Store.put_articles`), in input order, and into the summary and the entity index. A
    batch is written on a thread of its own while the next one fills (pyoxigraph lets go of
    the GIL as it writes), so extraction goes on meanwhile; one write at a time, so they land
    in order. A failed write raises at the next batch or at close."""

    def __init__(self, st, summary: Summary, index: dict):
        self.st, self.summary, self.index = st, summary, index
        self.batch: list = []
        self.written: dict[str, str] = {}  # article id -> its source, in this build
        self.size = 0
        self.thread = ThreadPoolExecutor(1, thread_name_prefix="kg-store-writer")
        self.pending: Future | None = None

    def add(self, r) -> None:
        if isinstance(r, Problem):
            self.summary.problems.append(r)
            return
        if r.id in self.written:  # a page's STEM-NN that a .jsonl line also gave as its id
            self.summary.problems.append(
                Problem(
                    r.source,
                    f"article id {r.id!r} was already "
                    f"built from {self.written[r.id]}; "
                    "this one is not stored",
                )
            )
            return
        self.written[r.id] = r.source
        self.batch.append((r.id, r.ntriples, r.source, r.content_hash))
        self.size += len(r.ntriples)
        self.summary.relations.update(r.predicates)
        self.summary.characters += r.characters
        self.summary.warnings += r.warnings
        self.summary.without_byline += not r.bylined
        for key, cls in r.entities:
            self.index.setdefault(key, cls)
        if len(self.batch) >= WRITE_ARTICLES or self.size >= WRITE_BYTES:
            self.write()

    def write(self) -> None:
        """Hand the batch to the writer thread (after the write before it is done)."""
        batch, self.batch, self.size = self.batch, [], 0
        self.wait()
        if batch:
            self.pending = self.thread.submit(self._put, batch)

    def wait(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def _put(self, batch: list) -> None:
        changed = self.st.put_articles(batch)
        before = self.summary.articles
        self.summary.articles += len(changed)
        self.summary.written += sum(changed)
        self.summary.unchanged += len(changed) - sum(changed)
        # the metadata commits and replaced articles stay in RocksDB's memtables until a flush
        if before // FLUSH_EVERY != self.summary.articles // FLUSH_EVERY:
            self.st.flush()

    def close(self) -> None:
        """Write what is left and wait for it."""
        try:
            self.write()
            self.wait()
        finally:
            self.thread.shutdown(wait=True)

    def __exit__(self, error, *_) -> None:
        if error is None:
            self.close()
        else:  # the batch being filled is dropped; the write under way ends whole
            self.thread.shutdown(wait=True)


VALIDATE_MAX_BYTES = 5_000_000  # pySHACL takes minutes beyond this; `kg validate` still can


def _check_and_draw(summary: Summary, graph_ttl: Path, page: Path | None) -> None:
    """Validate what was written against the SHACL shapes (when the graph is small enough
    to do it in seconds) and draw the page, reading the exported Turtle once for both."""
    small = graph_ttl.stat().st_size <= VALIDATE_MAX_BYTES
    if not (small or page):
        return
    from rdflib import Graph

    graph = Graph().parse(graph_ttl, format="turtle")
    if small:
        from .validate import validate

        summary.violations = validate(graph)[1]
    if page:
        from .viz import write_html

        write_html(graph, str(page), title="kg")
        summary.outputs.append(str(page))
