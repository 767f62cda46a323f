"""One path for a document, whoever processes it: `kg extract`, a build in this process,
a pool worker or a Dask worker. `process` splits the document into articles, runs the
pipeline over them (long ones in segments, see kg.segments) and gives each article with
its graph; an article over the size limit, or a document the pipeline fails on, is one
problem and the rest goes on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .ingest.page import split_document
from .model import Article, Document, Problem
from .rdf.mapping import article_triples
from .resolve import resolve
from .segments import run_segmented, too_long


@dataclass
class ArticleGraph:
    """An article after the pipeline, and its graph: the triples and the entities it
    names, made on first use (`kg extract` prints the article and needs neither). Entity
    IRIs depend only on family and canonical label, so articles map independently (in any
    order, in any worker) to the same nodes."""

    article: Article
    _graph: tuple[list[tuple], dict] | None = field(default=None, repr=False)

    def _mapped(self) -> tuple[list[tuple], dict]:
        if self._graph is None:
            entities = resolve([self.article])
            self._graph = (article_triples(self.article, entities), entities)
        return self._graph

    @property
    def triples(self) -> list[tuple]:
        return self._mapped()[0]

    @property
    def entities(self) -> dict:
        return self._mapped()[1]


def process(doc: Document, pipeline, stem: str | None = None) -> tuple[list[ArticleGraph], list[Problem]]:
    """The articles of `doc` through `pipeline`, their ids from `stem` (default: the
    document's id), and the problems met."""
    try:
        articles, problems = [], []
        for article in split_document(doc, stem or default_stem(doc)):
            problem = too_long(article)
            if problem:
                problems.append(problem)
            else:
                articles.append(article)
        return [ArticleGraph(a) for a in run_segmented(pipeline, articles)], problems
    except Exception as exc:  # a bug a document triggers must not take its batch with it
        return [], [failed(doc, exc)]


def default_stem(doc: Document) -> str:
    """The stem of a document's article ids: its id, else its file's name."""
    return doc.id or Path(doc.source.split(":")[0]).stem


def failed(doc: Document, exc: Exception) -> Problem:
    return Problem(
        doc.source, f"extraction failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]}); skipped"
    )
