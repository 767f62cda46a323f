"""Resolution: which node each mention stands for, article by article, so that articles
map independently (in any order, in any worker) to the same nodes.

- An administrative area that China's division list settles (by its own chain, the
  article's other areas, the article's region) is the node of its code: 江苏泰州, 泰州 and
  泰州市 are one node, 浙江 and 浙江省 another, in every article.
- A namesake the context does not settle (鼓楼区 alone), a township, a village or a place
  is keyed by its name and the division it lies in (the chain it is written after, else
  the article's region, else its input document): 新华街道 of two cities are two nodes.
- An organisation whose name begins with an area follows that area (鼓楼区委 of 南京 and
  of 福州 are two nodes); one without an area in its name is one node by name.
- A person is never one node with a namesake on the name alone: a reporter is keyed by
  name and outlet, anyone else by name and the prefecture of the article's region (or the
  input document when the article places itself nowhere). Within an article one name is
  one person.

Each entity's class is the one its most trusted mentions give; its aliases are every
other surface form seen (quotes removed)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

from . import geo
from .model import ENTITY_CLASSES, Article, Entity, Mention, family
from .registry import TRUST

QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
AREA_CLASSES = ("AdministrativeArea", "Place")

Key = tuple[str, str]


def clean(text: str) -> str:
    return QUOTES.sub("", re.sub(r"\s+", "", text))


def canonical(m: Mention) -> str:
    return clean(m.label or m.text)


def _trust(m: Mention) -> int:
    """How far the class of `m` is trusted, as its rule or component declares (lower: more)."""
    return TRUST.get(m.extractor, UNTRUSTED)


UNTRUSTED = 7  # a class weighs 10 - trust in the vote of an entity's mentions


@dataclass
class Node(Entity):
    """An entity and what its IRI is built from: a division code, or its label and the
    place that tells it from its namesakes."""

    ident: str = ""
    code: str | None = None
    level: str | None = None

    @property
    def key(self) -> Key:
        return (family(self.type), self.ident or self.label)


@dataclass(frozen=True)
class Identity:
    ident: str  # the key's second part: a code, or label|anchor
    label: str
    code: str | None = None


def _doc_anchor(article: Article) -> str:
    """The input document, for what nothing else places: its id (a page's articles are
    STEM-NN), the same in every build and whatever the order of the inputs."""
    stem = re.sub(r"-\d{2}$", "", article.id)
    return "doc-" + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:12]


def _forms(m: Mention) -> list[str]:
    return sorted({clean(f) for f in (m.label or m.text, m.text, *m.aliases) if f}, key=len, reverse=True)


def _chain_prefix(m: Mention, label: str) -> str | None:
    """The longest written chain that ends with `label` (江苏泰州市胡庄镇 for 胡庄镇)."""
    for f in _forms(m):
        if f.endswith(label) and len(f) > len(label):
            return f[: -len(label)]
    return None


class ArticleAreas:
    """The division context of one article: what its area mentions settle by themselves,
    then every area mention's identity in that context."""

    def __init__(self, article: Article):
        self.t = geo.table()
        self.article = article
        self.region = article.region
        self.context: list[str] = []
        self.anchors: dict[str, str] = {}  # label -> the code it was written after
        areas = [m for m in article.mentions if m.type in AREA_CLASSES and m.label and not m.generic]
        for m in areas:
            for f in _forms(m):
                cands = self.t.candidates(f)
                if len(cands) == 1:
                    self.context += [d.code for d in self.t.chain(cands[0].code)]
                    break
        for m in areas:
            label = canonical(m)
            if not self.t.candidates(label):
                anchor = self._prefix_code(m, label)
                if anchor:
                    self.anchors.setdefault(label, anchor)

    def _prefix_code(self, m: Mention, label: str) -> str | None:
        prefix = _chain_prefix(m, label)
        if not prefix:
            return None
        settled, stop = self.t.parse(prefix)
        if not settled and stop:
            d = geo.choose(self.t.candidates(prefix[:stop]), self.context, self.region, self.t)
            return d.code if d else None
        return settled[-1].code if settled else None

    def division(self, m: Mention) -> geo.Division | None:
        """The division an area mention names, if the list and the context settle it."""
        label = canonical(m)
        cands = self.t.candidates(label)
        if not cands:
            return None
        for f in _forms(m):
            narrower = [c for c in self.t.candidates(f) if c in cands]
            if narrower:
                cands = narrower
                break
        return geo.choose(cands, self.context, self.region, self.t)

    def anchor(self) -> str:
        """Where an unsettled name is placed: the article's region; with none, nowhere, so
        that the name is one node across the corpus (the contract's default), apart from
        every node the list or a region places."""
        return self.region or ""

    def _strip(self, label: str) -> tuple[str, str | None]:
        """邯郸肥乡区沙窝村 -> (沙窝村, 130407): a township or village written after its
        divisions is named without them and placed in the last."""
        _, stop = self.t.parse(label)
        rest = label[stop:]
        if not (0 < stop and len(rest) >= 3 and geo.level_of_name(rest) in (geo.TOWNSHIP, geo.VILLAGE)):
            return label, None
        d = geo.choose(self.t.candidates(label[:stop]), self.context, self.region, self.t)
        return rest, d.code if d else None

    def identity(self, m: Mention) -> Identity:
        label = canonical(m)
        d = self.division(m)
        if d is not None:
            return Identity(d.code, d.name, d.code)
        if m.type == "AdministrativeArea" and self.t.candidates(label):  # 鼓楼区 alone
            # a known namesake with no context: kept to its document, never merged across
            return Identity(f"{label}|{self.region or _doc_anchor(self.article)}", label)
        placed = None
        for form in _forms(m):  # the longest first: 邯郸肥乡区沙窝村 mends 区沙窝村
            rest, placed = self._strip(form)
            if placed and label.endswith(rest):
                label = rest
                break
            placed = None
        anchor = placed or self.anchors.get(label) or self._prefix_code(m, label) or self.anchor()
        return Identity(_join(label, anchor), label)


REPORTER = re.compile(r"(?:记者|通讯员)[\u4e00-\u9fff、\s]{0,40}$")


def reporter(article: Article, m: Mention | None) -> bool:
    """A name in a byline or after 记者 in a list of names (本报记者甲、乙参与采写)."""
    if m is None:
        return False
    return m.extractor == "byline" or bool(REPORTER.search(article.text[max(0, m.start - 42) : m.start]))


def _person_anchor(article: Article, name: str, m: Mention | None = None) -> str:
    """A reporter's outlet ('' when unknown); anyone else's: the prefecture (or province)
    of the article's region, else the input document."""
    if name in article.authors or reporter(article, m):
        return article.origin or ""
    t = geo.table()
    if article.region and article.region in t.by_code:
        chain = t.chain(article.region)
        return (chain[1] if len(chain) > 1 else chain[0]).code
    return _doc_anchor(article)


def _join(label: str, anchor: str) -> str:
    return f"{label}|{anchor}" if anchor else label


def mention_keys(article: Article) -> tuple[list[Key | None], dict[Key, Identity]]:
    """The key of every mention's node (None for those that name no entity), and each
    key's identity."""
    areas = ArticleAreas(article)
    keys: list[Key | None] = [None] * len(article.mentions)
    ids: dict[Key, Identity] = {}
    area_at: dict[int, list[tuple[int, Identity]]] = defaultdict(list)
    order = sorted(range(len(article.mentions)), key=lambda i: article.mentions[i].type not in AREA_CLASSES)
    for i in order:
        m = article.mentions[i]
        if m.type not in ENTITY_CLASSES or not m.label or m.refers_to is not None:
            continue
        fam = family(m.type)
        if m.type in AREA_CLASSES:
            ident = areas.identity(m)
            area_at[m.start].append((m.end, ident))
        elif m.type == "Person":
            label = canonical(m)
            ident = Identity(_join(label, _person_anchor(article, label, m)), label)
        else:
            label = canonical(m)
            within = [(e, a) for e, a in area_at.get(m.start, ()) if e < m.end]
            area = max(within, key=lambda x: x[0])[1].ident if within else ""
            ident = Identity(_join(label, area), label)
        key = (fam, ident.ident)
        keys[i], ids[key] = key, ident
    for i, m in enumerate(article.mentions):
        if m.refers_to is not None and m.type in ENTITY_CLASSES and m.label:
            keys[i] = keys[m.refers_to]
    return keys, ids


def author_key(article: Article, name: str, _author: bool = True) -> Key:
    """The node of a byline's or an interviewee's name."""
    name = clean(name)
    return ("person", _join(name, _person_anchor(article, name)))


class Resolver:
    """Accumulates mentions article by article; `entities()` gives the merged result."""

    def __init__(self) -> None:
        self._types: dict[Key, Counter] = defaultdict(Counter)
        self._aliases: dict[Key, set[str]] = defaultdict(set)
        self._articles: dict[Key, set[str]] = defaultdict(set)
        self._ids: dict[Key, Identity] = {}

    def add(self, article: Article) -> list[Key | None]:
        for name in article.authors + article.interviewees:
            k = author_key(article, name)
            self._ids.setdefault(k, Identity(k[1], clean(name)))
            self._types[k]["Person"] += 10
            self._articles[k].add(article.id)
        keys, ids = mention_keys(article)
        self._ids.update(ids)
        for key, m in zip(keys, article.mentions):
            if key is None or m.refers_to is not None:
                continue
            self._types[key][m.type] += 10 - _trust(m)
            self._articles[key].add(article.id)
            if not m.generic:
                self._aliases[key].update(clean(f) for f in (m.text, *m.aliases))
        return keys

    def entities(self) -> dict[Key, Node]:
        out = {}
        t = geo.table()
        for k, types in self._types.items():
            cls = max(types.items(), key=lambda kv: (kv[1], kv[0] != "Organization", kv[0]))[0]
            ident = self._ids[k]
            d = t.get(ident.code)
            if d is not None:
                cls = "AdministrativeArea"
            aliases = self._aliases[k] | set(_unique_short_forms(d))
            aliases = {a for a in aliases if a and a != ident.label}
            level = d.level if d else _named_level(ident.label, cls)
            out[k] = Node(ident.label, cls, aliases, set(self._articles[k]), ident.ident, ident.code, level)
        return out


def _named_level(label: str, cls: str) -> str | None:
    """A township's or village's level from its suffix (镇, 街道, 村, 社区); an uncoded 区 or
    县 (高新区, a namesake) is left without one."""
    level = geo.level_of_name(label) if cls == "AdministrativeArea" else None
    return level if level in (geo.TOWNSHIP, geo.VILLAGE) else None


def _unique_short_forms(d: geo.Division | None) -> list[str]:
    """The short names of a division that name it and nothing else (泰州, not 吉林)."""
    if d is None:
        return []
    t = geo.table()
    return [s for s in geo.short_forms(d) if len(t.lookup(s)) == 1]


def resolve(articles: Iterable[Article]) -> dict[Key, Node]:
    r = Resolver()
    for a in articles:
        r.add(a)
    return r.entities()
