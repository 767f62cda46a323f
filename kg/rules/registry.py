"""Entity and relation rules. A rule is a small named function that declares what it
produces; its name is what the provenance record's `extractor` carries, and later layers
read its declaration (`Rule.produces`, `Rule.priority`, `Rule.source`), never its name.

    from kg.rules.registry import entity_rule
    @entity_rule("hospital-name", produces=("Organization",), confidence=0.8)
    def hospitals(article): return [Mention(...), ...]

Rules run in order of `priority` (lower first), then in the order they were registered; a pipeline can disable one
(`Pipeline(disabled_rules=("hospital-name",))`, `kg build --disable-rule hospital-name`).
Plugins add rules through the `kg.rules` entry-point group (see kg/registry.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Article, Mention, Relation
from ..registry import Registry, declare_extractors


@dataclass(frozen=True)
class Rule:
    name: str
    func: Callable
    kind: str  # "entity" or "relation"
    produces: tuple[str, ...] = ()  # classes (entity rules) or predicates (relation rules)
    priority: int = 100
    confidence: float | None = None  # the confidence its output usually carries
    source: str = "rule"  # "rule", or "model" for a statistical recogniser
    extractors: tuple[str, ...] = field(default=())  # other extractor names its output carries
    # how far the classes of its mentions are trusted (lower: more), or that by extractor name
    trust: int | dict[str, int] | None = None

    def __call__(self, article: Article):
        return self.func(article)


ENTITY_RULES: Registry[Rule] = Registry("entity rule", "kg.rules", order=lambda r: r.priority)
RELATION_RULES: Registry[Rule] = Registry("relation rule", "kg.rules", order=lambda r: r.priority)

EntityRule = Callable[[Article], list[Mention]]
RelationRule = Callable[[Article], list[Relation]]


def entity_rule(
    name: str,
    produces: tuple[str, ...] = (),
    priority: int = 100,
    confidence: float | None = None,
    source: str = "rule",
    extractors: tuple[str, ...] = (),
    trust: int | dict[str, int] | None = None,
):
    declare_extractors((name, *extractors), trust, source)
    return ENTITY_RULES.decorator(
        name,
        lambda f: Rule(
            name, f, "entity", tuple(produces), priority, confidence, source, tuple(extractors), trust
        ),
    )


def relation_rule(
    name: str, produces: tuple[str, ...] = (), priority: int = 100, confidence: float | None = None
):
    return RELATION_RULES.decorator(
        name, lambda f: Rule(name, f, "relation", tuple(produces), priority, confidence)
    )


def rule_for(extractor: str) -> Rule | None:
    """The rule whose output carries `extractor` (its name, or one it declares)."""
    for registry in (ENTITY_RULES, RELATION_RULES):
        for rule in registry.values():
            if extractor == rule.name or extractor in rule.extractors:
                return rule
    return None
