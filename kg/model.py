"""The document model that flows through the pipeline.

A reader yields `Document`s (a file, or one line of a `.jsonl`); the page splitter turns a
document into one or more `Article`s; every later stage reads and writes `Article` fields.
Offsets are always character offsets into `Article.text`, end exclusive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .contract import ENTITY_CLASSES, ORG_CLASSES, family  # noqa: F401  (the contract's table)

# the contract's entity classes, and `Title`, which only builds leads/memberOf
MENTION_TYPES = ENTITY_CLASSES + ("Title",)


@dataclass
class Document:
    """One unit of input as a reader found it, before any splitting."""

    source: str  # file path (and ":LINE" for a .jsonl line)
    text: str
    kind: str = "page"  # "page": may hold several articles; "article": exactly one
    id: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    origin: str | None = None  # the `source` field of a .jsonl line (publication)
    region: str | None = None  # a division code the input is about (`region`, `--region`)


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Mention:
    text: str
    start: int
    end: int
    type: str
    score: float = 1.0
    extractor: str = ""
    label: str = ""  # canonical label, set by resolution ("" until then, and for a generic one)
    refers_to: int | None = None  # for a generic reference: index of the mention it means
    generic: bool = False  # 该社区, 区委 …: never an entity of its own
    aliases: tuple[str, ...] = ()  # other surface forms this mention shows (the full chain)


@dataclass
class Relation:
    subject: int  # index into Article.mentions
    predicate: str
    object: int
    start: int  # evidence span in Article.text
    end: int
    confidence: float
    extractor: str
    title: str | None = None  # for leads / memberOf
    tense: str = "current"  # of a post: current, new, former, then, ended (rules/tenure.py);
    # a former or ended post is no current fact, only a membership
    since: str | None = None  # a post's start as the text states it: 2023, 2021-03
    until: str | None = None  # and its end


@dataclass
class Article:
    id: str
    text: str
    source: str = ""
    headline: str | None = None
    kicker: str | None = None
    headline_aliases: list[str] = field(default_factory=list)  # the title with its column label
    date: str | None = None
    origin: str | None = None
    region: str | None = None  # the division code that places the article (see kg/geo)
    authors: list[str] = field(default_factory=list)
    interviewees: list[str] = field(default_factory=list)
    body_start: int = 0  # where the body follows the header lines
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[tuple[str, str, int]] = field(default_factory=list)  # (word, pos, start)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    content_hash: str = ""
    warnings: list[str] = field(default_factory=list)  # doubts the build reports, e.g. a byline

    def __post_init__(self):
        if not self.content_hash:
            self.content_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass
class Entity:
    """One node of the graph: every mention of the same thing across the corpus."""

    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return (family(self.type), self.label)


@dataclass
class Problem:
    """An input that could not be (wholly) read; the batch goes on."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"
