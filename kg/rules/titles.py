"""Titles (posts) as the text writes them: an optional body word that the text compounds
with the post (党支部书记, 纪委书记, 村委会主任, 组织部部长), an optional deputy or rank
(副, 常务副, 二级), then a post from `titles.txt`. A title says which relation it builds
(leads or memberOf) and which body it is held in, relative to the name before it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..model import Mention
from .tenure import marker_before

DEPUTY = ("常务副", "副")
RANK = re.compile(r"^[一二三四]级")


@lru_cache(maxsize=1)
def posts() -> dict[str, tuple[str, ...]]:
    return lexicon.table("titles")


@lru_cache(maxsize=1)
def bodies() -> dict[str, tuple[str, ...]]:
    """Body words a post can compound: 党委 → (PartyOrganization, body); 村委会 → (…, area)."""
    return lexicon.table("title_bodies")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern:
    """One compiled alternation: [body word][副|常务副][一级…四级]post, longest first."""
    return re.compile(
        f"(?:{_alternation(bodies())})?(?:常务副|副)?(?:[一二三四]级)?(?:{_alternation(posts())})"
    )


def title_mentions(text: str) -> list[Mention]:
    return [
        Mention(m.group(), m.start(), m.end(), "Title", 1.0, "title-lexicon", label=m.group())
        for m in title_pattern().finditer(text)
    ]


@dataclass(frozen=True)
class Post:
    body: str  # the body word the title compounds ("" when none)
    post: str  # the rest: 书记, 副主任, 二级调研员
    predicate: str  # leads | memberOf | none

    @property
    def of_area(self) -> bool:
        """村委会主任, 居委会主任 lead the village or community itself."""
        return bodies().get(self.body, ("", ""))[1:2] == ("area",)

    @property
    def body_class(self) -> str:
        return bodies().get(self.body, ("PartyOrganization",))[0]


def body_word(title: str) -> str:
    """The longest body word that begins the title and leaves a post after it."""
    for b in sorted(bodies(), key=len, reverse=True):
        if title.startswith(b) and len(title) > len(b) and _predicate(title[len(b) :]) != "none":
            return b
    return ""


def _predicate(post: str) -> str:
    """leads or memberOf for a post: a deputy is a member, a rank (二级) changes nothing."""
    post = RANK.sub("", post)
    if post in posts():
        return posts()[post][0]
    for d in DEPUTY:
        if post.startswith(d) and post[len(d) :] in posts():
            return "memberOf" if posts()[post[len(d) :]][0] in ("leads", "memberOf") else "none"
    return "none"


def parse(title: str) -> Post:
    body = body_word(title)
    return Post(body, title[len(body) :], _predicate(title[len(body) :]))


def is_former(text: str, start: int) -> bool:
    """原…书记, 曾任…, 老支书: a post held once, not now. `start` is where the post's
    chain (its body's name, else the title) begins."""
    return marker_before(text, start) == "former"
