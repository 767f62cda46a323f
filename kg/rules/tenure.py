"""When a post is held, from the text's own words: each `leads`/`memberOf` fact gets a
tense (`current`, `new`, `former`, `then`, `ended`) and, where the sentence states them, the
dates its holding began or ended. The article's own date anchors relative dates
(今年1月 → that year); with no article date a relative date gives nothing: no date is
invented. The mapping turns these into ORG memberships with time intervals
(`kg/rdf/posts.py`).

The markers (`ontology/lexicon/tenure_cues.txt`) are read in the clause before the post:
原/前任/曾任/时任 (a past holding, or one held at the time of a past event), 新任/接任/履新
(a holding that has just begun), 不再担任/免去 (one that has ended)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..components import component
from ..model import Article, Relation

POSTS = ("leads", "memberOf")
CLAUSE_BREAKS = "，,。；！？!?;\n"
SENTENCE_BREAKS = "。；！？!?;\n"
WINDOW = 40  # characters before the post that markers and dates are read in
NEAR = 20  # an organisation this close before the title is part of the post
_MONTHS = {
    name: i + 1
    for i, name in enumerate(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"))
}
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "前年": -2}


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str], ...]:
    """(marker, tense), longest marker first."""
    return tuple(
        sorted(((m, f[0]) for m, f in lexicon.table("tenure_cues").items()), key=lambda c: -len(c[0]))
    )


@lru_cache(maxsize=1)
def _compounds() -> tuple[str, ...]:
    """Words that end in a one-character marker without being one (草原, 平原, 还原)."""
    return tuple(lexicon.words("tenure_nonmarkers"))  # one endswith for them all


_YEAR = r"(?P<year>(?:19|20)\d{2}|今年|去年|前年)年?"
_MONTH = r"(?:(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?)?"
_TAKES_UP = r"(?:担任|出任|接任|就任|任职|当选|任(?![务何性意]))"
# 2023年起担任, 自2021年3月任, 今年1月，X接任: a date, then (after at most a name) the post taken up
START = re.compile(rf"(?:自|从|于)?{_YEAR}{_MONTH}(?:起|以来|开始)?[，,]?[\u4e00-\u9fff·]{{0,5}}?{_TAKES_UP}")
END = re.compile(rf"{_YEAR}{_MONTH}(?:不再担任|卸任|离任|免去|辞去|调离)")


def stated_date(match: re.Match, article_date: str | None) -> str | None:
    """`2023` / `2021-03` from a matched year (and month); relative years need the article's date."""
    year = match.group("year")
    if year in _RELATIVE_YEARS:
        if not article_date:
            return None
        year = str(int(article_date[:4]) + _RELATIVE_YEARS[year])
    raw = match.group("month") or ""
    month = int(raw) if raw.isdigit() else _MONTHS.get(raw)
    if month is not None and 1 <= month <= 12:
        return f"{year}-{month:02d}"
    return year


THIS_POST = ("这一职务", "该职务", "此职", "这个职务", "这一岗位", "该职")


def text_after(article: Article, pos: int) -> str:
    """The rest of the sentence from `pos` (at most WINDOW characters)."""
    text = article.text[pos : pos + WINDOW]
    ends = [i for i in (text.find(ch) for ch in SENTENCE_BREAKS) if i >= 0]
    return text[: min(ends)] if ends else text


def start_after(tail: str, title: str | None) -> re.Match | None:
    """A start stated after the person for the post just named: X说，2022年3月起担任这一职务."""
    for m in START.finditer(tail):
        rest = tail[m.end() :]
        if rest.startswith(THIS_POST) or (title and rest.startswith(title)):
            return m
    return None


def text_before(article: Article, pos: int, breaks: str) -> str:
    """The text that ends at `pos`, back to the last of `breaks` (at most WINDOW characters)."""
    text = article.text[max(0, pos - WINDOW) : pos]
    return text[max(text.rfind(ch) for ch in breaks) + 1 :]


def post_start(article: Article, r: Relation) -> int:
    """Where the post is printed: its organisation, when it follows the person (X曾任白沙街道
    党工委书记) or stands just before the title (原白沙街道党工委书记X); else the title."""
    person, org = article.mentions[r.subject], article.mentions[r.object]
    if org.start > person.start:
        return org.start
    title = r.title or ""
    at = person.start - len(title)
    if not title or article.text[at : person.start] != title:
        at = person.start
    return org.start if org.start <= at and at - org.end <= NEAR else at


def marker_before(text: str, pos: int) -> str | None:
    """The tense of a marker that ends right at `pos` (原|白沙镇党委书记, 曾任|…), if any."""
    before = text[max(0, pos - WINDOW) : pos]
    for marker, tense in _cues():
        if before.endswith(marker) and not (len(marker) == 1 and before.endswith(_compounds())):
            return tense
    return None


def tense_marker(clause: str) -> str:
    """The tense of the clause's last marker, `current` when it has none. A one-character
    marker (原) counts only right before the post and not as the end of a word (草原)."""
    best, where = "current", -1
    for marker, tense in _cues():
        at = clause.rfind(marker)
        if at <= where or (len(marker) == 1 and at != len(clause) - 1):
            continue
        if len(marker) == 1 and clause.endswith(_compounds()):
            continue
        best, where = tense, at
    return best


@component("post-tenure", requires=("relations",), provides=("relations",))
def post_tenure(article: Article) -> None:
    """Tense and stated start/end dates of every post fact."""
    for r in article.relations:
        if r.predicate not in POSTS:
            continue
        pos = post_start(article, r)
        clause = text_before(article, pos, CLAUSE_BREAKS)
        if r.tense == "current":  # a rule may already know better (老支书)
            r.tense = tense_marker(clause)
        starts = list(START.finditer(text_before(article, pos, SENTENCE_BREAKS)))
        start = (
            starts[-1]
            if starts
            else start_after(text_after(article, article.mentions[r.subject].end), r.title)
        )
        if start is not None:
            r.since = stated_date(start, article.date)
        end = END.search(clause)
        if end is not None:
            r.until = stated_date(end, article.date)
            r.tense = "ended"
