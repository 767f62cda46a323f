"""Generic references (该社区, 社区, 该公司, 区委, 医保中心) resolve to the entity they mean:
the nearest named entity before them whose name ends the same way, else the nearest
after them, in the same article. A bare area word with a body after it (村党支部,
社区党委, 社区居委会) means that body of the village or community named nearest. An
unresolved reference stays out of the graph."""

from __future__ import annotations

import re

from .. import lexicon
from ..components import component
from ..model import Article, Mention

AREA_WORDS = ("社区", "街道", "村", "镇", "乡")
SELF_AREA = {"村委会": "村", "村民委员会": "村", "居委会": "社区", "居民委员会": "社区"}
STANDS_ALONE = re.compile(r"(?:^|[^\u4e00-\u9fff]|[的在和与及是为对该本此这])$")


def _head(m: Mention) -> str:
    text = m.text.lstrip("该本此")
    return lexicon.table("generic_refs").get(m.text, (text,))[0] or text


def _fits(ref: Mention, cand: Mention, head: str | None = None) -> bool:
    if cand.generic or cand.type == "Title" or not cand.label:
        return False
    head = head or _head(ref)
    if head == cand.type:
        return True
    return cand.label.endswith(head) and cand.label != head


def antecedent(mentions: list[Mention], i: int, head: str | None = None) -> int | None:
    ref = mentions[i]
    before = [
        j for j in range(i - 1, -1, -1) if mentions[j].end <= ref.start and _fits(ref, mentions[j], head)
    ]
    if before:
        return before[0]
    after = [
        j
        for j in range(i + 1, len(mentions))
        if mentions[j].start >= ref.end and _fits(ref, mentions[j], head)
    ]
    return after[0] if after else None


def stands_alone(article: Article, m: Mention) -> bool:
    """社区 or 村党支部 after a name character is the tail of a name not recognised
    (胜利村党支部, 办事处社区管理科), no reference to another village."""
    return not m.text.startswith(AREA_WORDS) or bool(
        STANDS_ALONE.search(article.text[max(0, m.start - 1) : m.start])
    )


def _holds_a_post(article: Article, m: Mention) -> bool:
    """村党支部书记, 社区居委会主任: the body is named for the post held in it; a bare
    镇党委 on its own is left a reference (社区党组织 is no 党组 at all)."""
    return any(
        t.type == "Title" and m.start < t.start and (t.start == m.end or t.start < m.end < t.end)
        for t in article.mentions
    )


def area_body(article: Article, i: int) -> tuple[str, str] | None:
    """(label, type) of 村党支部, 社区党委 … before a post: the area word's village or
    community plus the body; 村委会 and 居委会 stand for the village or community itself."""
    m = article.mentions[i]
    area = SELF_AREA.get(m.text) or next(
        (w for w in AREA_WORDS if m.text.startswith(w) and len(m.text) > len(w)), None
    )
    if area is None or not _holds_a_post(article, m):
        return None
    j = antecedent(article.mentions, i, area)
    if j is None or article.mentions[j].type not in ("AdministrativeArea", "Place"):
        return None
    rest, target = m.text[len(area) :], article.mentions[j]
    if m.text in SELF_AREA or lexicon.table("title_bodies").get(rest, ("", ""))[1:2] == ("area",):
        return target.label or target.text, target.type
    return (target.label or target.text) + rest, m.type


@component("references", requires=("mentions",), provides=("mentions",))
def references(article: Article) -> None:
    for i, m in enumerate(article.mentions):
        if not m.generic or not stands_alone(article, m):
            continue
        j = antecedent(article.mentions, i)
        if j is not None:
            target = article.mentions[j]
            m.refers_to, m.label, m.type = j, target.label, target.type
            continue
        composed = area_body(article, i)
        if composed:
            m.label, m.type = composed
