"""The ordered pipeline, in the manner of spaCy's `Language`.

A component is a named function `Article -> None` that fills fields of the article (or,
with `scope="document"`, a function of all the articles split from one input document,
for steps that look across a page). It declares which fields it reads (`requires`) and
writes (`provides`) so that a pipeline can be checked before it runs. A component that
runs rules declares which (`rules="entity"` or `"relation"`) and is handed the enabled ones.
Users add or swap components by name, and plugins add them through the `kg.components`
entry-point group:

    from kg.pipeline import component, Pipeline
    @component("my-ner", requires=("text",), provides=("mentions",))
    def my_ner(article): ...
    nlp = Pipeline().replace("crf-ner", "my-ner")
"""

from __future__ import annotations

from collections.abc import Iterable

from .components import COMPONENTS, Component, component
from .model import Article
from .registry import RegistryError
from .rules.registry import ENTITY_RULES, RELATION_RULES

__all__ = ["COMPONENTS", "DEFAULT", "Component", "Pipeline", "component"]


DEFAULT = (
    "sentences",
    "tokens",
    "entity-rules",
    "crf-ner",
    "vet-model-mentions",
    "division-names",
    "regional-labels",
    "share-names",
    "area-context",
    "references",
    "relation-rules",
    "post-tenure",
)


def load_builtin_components() -> None:
    # importing the stage modules registers their components and rules
    from .nlp import ner, sentences, tokens  # noqa: F401
    from .rules import areas, entities, model_names, references, relations, tenure  # noqa: F401, I001


class Pipeline:
    def __init__(self, names: Iterable[str] = DEFAULT, disabled_rules: Iterable[str] = ()):
        load_builtin_components()
        self.names = list(names)
        self.disabled_rules = tuple(disabled_rules)
        self._by_kind: dict[str, list] = {}
        self._check()

    def _check(self) -> None:
        have = {"text", "headline", "authors", "interviewees", "body_start"}
        for name in self.names:
            comp = COMPONENTS.get_or_fail(name)
            missing = set(comp.requires) - have
            if missing:
                raise RegistryError(
                    f"component {name!r} needs {sorted(missing)}, which no earlier component provides"
                )
            have |= set(comp.provides)
        known = {r.name for r in self._all_rules()}
        unknown = sorted(set(self.disabled_rules) - known)
        if unknown:
            raise RegistryError(
                f"no rule named {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}"
            )

    @staticmethod
    def _all_rules():
        return list(ENTITY_RULES.values()) + list(RELATION_RULES.values())

    @property
    def rules(self) -> list:
        """The rules this pipeline runs, in the order it runs them."""
        return [r for r in self._all_rules() if r.name not in self.disabled_rules]

    def _rules_of(self, kind: str) -> list:
        if kind not in self._by_kind:  # worked out once: this runs for every article
            self._by_kind[kind] = [r for r in self.rules if r.kind == kind]
        return self._by_kind[kind]

    def replace(self, old: str, new: str) -> Pipeline:
        return Pipeline([new if n == old else n for n in self.names], self.disabled_rules)

    def without(self, name: str) -> Pipeline:
        return Pipeline([n for n in self.names if n != name], self.disabled_rules)

    def spec(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What rebuilds this pipeline in another process: (component names, disabled rules)."""
        return (tuple(self.names), self.disabled_rules)

    def disable_rule(self, *names: str) -> Pipeline:
        return Pipeline(self.names, self.disabled_rules + names)

    def __call__(self, articles: Article | list[Article]):
        """Run every component over one article, or over the articles of one document."""
        batch = [articles] if isinstance(articles, Article) else articles
        for name in self.names:
            comp = COMPONENTS[name]
            extra = (self._rules_of(comp.rules),) if comp.rules else ()
            if comp.scope == "document":
                comp.func(batch, *extra)
            else:
                for article in batch:
                    comp.func(article, *extra)
        return articles
