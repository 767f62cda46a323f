"""The component registry and the ordered pipeline, in the manner of spaCy's `Language`.

A component is a named function `Article -> None` that fills fields of the article (or,
with `scope="document"`, a function of all the articles split from one input document,
for steps that look across a page). It declares which fields it reads (`requires`) and
writes (`provides`) so that a pipeline can be checked before it runs. Users add or swap components by name:

    from kg.pipeline import component, Pipeline
    @component("my-ner", requires=("text",), provides=("mentions",))
    def my_ner(article): ...
    nlp = Pipeline().replace("crf-ner", "my-ner")
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from .model import Article


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    scope: str = "article"


COMPONENTS: dict[str, Component] = {}


def component(name: str, requires: Iterable[str] = (), provides: Iterable[str] = (),
              scope: str = "article"):
    """Register `func` as a pipeline component called `name`."""
    def wrap(func):
        COMPONENTS[name] = Component(name, func, tuple(requires), tuple(provides), scope)
        return func
    return wrap


DEFAULT = ("sentences", "tokens", "entity-rules", "crf-ner", "vet-model-mentions", "division-names",
           "share-names", "area-context", "references", "relation-rules", "post-tenure")


def _load_builtin_components() -> None:
    # importing the stage modules registers their components
    from .nlp import sentences, tokens  # noqa: F401
    from .rules import entities, model_names, references, relations, areas, tenure  # noqa: F401
    from .nlp import ner  # noqa: F401


class Pipeline:
    def __init__(self, names: Iterable[str] = DEFAULT):
        _load_builtin_components()
        self.names = list(names)
        self._check()

    def _check(self) -> None:
        have = {"text", "headline", "authors", "interviewees", "body_start"}
        for name in self.names:
            if name not in COMPONENTS:
                raise KeyError(f"no pipeline component named {name!r}; known: {sorted(COMPONENTS)}")
            missing = set(COMPONENTS[name].requires) - have
            if missing:
                raise ValueError(f"component {name!r} needs {sorted(missing)}, which no earlier component provides")
            have |= set(COMPONENTS[name].provides)

    def replace(self, old: str, new: str) -> "Pipeline":
        return Pipeline([new if n == old else n for n in self.names])

    def without(self, name: str) -> "Pipeline":
        return Pipeline([n for n in self.names if n != name])

    def __call__(self, articles: Article | list[Article]):
        """Run every component over one article, or over the articles of one document."""
        batch = [articles] if isinstance(articles, Article) else articles
        for name in self.names:
            comp = COMPONENTS[name]
            if comp.scope == "document":
                comp.func(batch)
            else:
                for article in batch:
                    comp.func(article)
        return articles
