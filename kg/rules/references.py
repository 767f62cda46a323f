"""Generic references (该社区, 社区, 该公司, 区委, 医保中心) resolve to the entity they mean:
the nearest named entity before them whose name ends the same way, else the nearest
after them, in the same article. An unresolved reference stays out of the graph."""
from __future__ import annotations

from .. import lexicon
from ..model import Article, Mention
from ..pipeline import component


def _head(m: Mention) -> str:
    text = m.text.lstrip("该本此")
    return lexicon.table("generic_refs").get(m.text, (text,))[0] or text


def _fits(ref: Mention, cand: Mention) -> bool:
    if cand.generic or cand.type == "Title" or not cand.label:
        return False
    head = _head(ref)
    if head == cand.type:
        return True
    return cand.label.endswith(head) and cand.label != head


def antecedent(mentions: list[Mention], i: int) -> int | None:
    ref = mentions[i]
    before = [j for j in range(i - 1, -1, -1) if mentions[j].end <= ref.start and _fits(ref, mentions[j])]
    if before:
        return before[0]
    after = [j for j in range(i + 1, len(mentions)) if mentions[j].start >= ref.end and _fits(ref, mentions[j])]
    return after[0] if after else None


@component("references", requires=("mentions",), provides=("mentions",))
def references(article: Article) -> None:
    for i, m in enumerate(article.mentions):
        if not m.generic:
            continue
        j = antecedent(article.mentions, i)
        if j is not None:
            target = article.mentions[j]
            m.refers_to, m.label, m.type = j, target.label, target.type
