"""Pipeline components and their registry. A component is a named function `Article -> None`
that fills fields of the article (or, with `scope="document"`, a function of all the articles
split from one input document, for steps that look across a page). It declares which fields
it reads (`requires`) and writes (`provides`) so that a pipeline can be checked before it
runs; one that runs rules declares which (`rules="entity"` or `"relation"`) and is handed the
enabled ones. The stage modules register theirs with `@component`; kg/pipeline.py orders them.
This module imports no stage, so that every stage can import it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .registry import Registry, declare_extractors


@dataclass(frozen=True)
class Component:
    name: str
    func: Callable
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    scope: str = "article"
    rules: str | None = None  # "entity" / "relation": it runs the pipeline's rules of that kind
    source: str = "rule"  # "model": a statistical recogniser, whose mentions are vetted
    extractors: tuple[str, ...] = ()  # the extractor names its mentions carry
    trust: int | None = None  # how far those mentions' classes are trusted (lower: more)


COMPONENTS: Registry[Component] = Registry("pipeline component", "kg.components")


def component(
    name: str,
    requires: Iterable[str] = (),
    provides: Iterable[str] = (),
    scope: str = "article",
    rules: str | None = None,
    source: str = "rule",
    extractors: Iterable[str] = (),
    trust: int | None = None,
):
    """Register `func` as a pipeline component called `name`."""
    declare_extractors(tuple(extractors), trust, source)
    return COMPONENTS.decorator(
        name,
        lambda func: Component(
            name, func, tuple(requires), tuple(provides), scope, rules, source, tuple(extractors), trust
        ),
    )
