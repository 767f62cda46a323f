"""Registries of entity and relation rules. A rule is a small named function; its name
is what the provenance record's `extractor` carries. Add one with a decorator:

    from kg.rules.registry import entity_rule
    @entity_rule("hospital-suffix")
    def hospitals(article): return [Mention(...), ...]
"""
from __future__ import annotations

from typing import Callable

from ..model import Article, Mention, Relation

EntityRule = Callable[[Article], list[Mention]]
RelationRule = Callable[[Article], list[Relation]]

ENTITY_RULES: dict[str, EntityRule] = {}
RELATION_RULES: dict[str, RelationRule] = {}


def entity_rule(name: str):
    def wrap(func: EntityRule) -> EntityRule:
        ENTITY_RULES[name] = func
        return func
    return wrap


def relation_rule(name: str):
    def wrap(func: RelationRule) -> RelationRule:
        RELATION_RULES[name] = func
        return func
    return wrap
