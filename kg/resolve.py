"""Cross-article resolution: mentions with the same canonical label and a compatible
class are one entity across the corpus. Picks each entity's class and gathers its
aliases (every other surface form seen, quotes removed)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from .model import ENTITY_CLASSES, Article, Entity, Mention, family

QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
# the extractors whose class we trust most, most trusted first
_CLASS_TRUST = ("byline", "title-then-name", "quoted-", "org-suffix", "area-suffix", "session-meeting")


def clean(text: str) -> str:
    return QUOTES.sub("", re.sub(r"\s+", "", text))


def canonical(m: Mention) -> str:
    return clean(m.label or m.text)


def _trust(m: Mention) -> int:
    return next((n for n, prefix in enumerate(_CLASS_TRUST) if m.extractor.startswith(prefix)), len(_CLASS_TRUST))


class Resolver:
    """Accumulates mentions article by article; `entities()` gives the merged result."""

    def __init__(self):
        self._types: dict[tuple[str, str], Counter] = defaultdict(Counter)
        self._aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._articles: dict[tuple[str, str], set[str]] = defaultdict(set)

    @staticmethod
    def key(m: Mention) -> tuple[str, str]:
        return (family(m.type), canonical(m))

    def add(self, article: Article) -> None:
        for name in article.authors + article.interviewees:
            k = ("person", clean(name))
            self._types[k]["Person"] += 10
            self._articles[k].add(article.id)
        for m in article.mentions:
            if m.type not in ENTITY_CLASSES or not m.label:
                continue
            k = self.key(m)
            self._types[k][m.type] += 10 - _trust(m)
            self._articles[k].add(article.id)
            if not m.generic:
                self._aliases[k].update(clean(f) for f in (m.text, *m.aliases))

    def entities(self) -> dict[tuple[str, str], Entity]:
        out = {}
        for k, types in self._types.items():
            cls = max(types.items(), key=lambda kv: (kv[1], kv[0] != "Organization", kv[0]))[0]
            aliases = {a for a in self._aliases[k] if a and a != k[1]}
            out[k] = Entity(k[1], cls, aliases, set(self._articles[k]))
        return out


def resolve(articles: Iterable[Article]) -> dict[tuple[str, str], Entity]:
    r = Resolver()
    for a in articles:
        r.add(a)
    return r.entities()
