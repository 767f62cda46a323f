"""Split a newspaper page into articles and repair its OCR artefacts.

A page is read as a sequence of lines. Each line gets one kind (a small named rule
decides it; the credit and date forms are in `bylines.py`), articles start at *anchors*
(a byline, an interview subtitle, a `本报讯（记者 …）` lead or a dateline), the title and
kicker lines just above an anchor (a masthead between them skipped) form the headline,
and the remaining lines are the body of the article above them. Bodies are then
repaired: a sentence broken across lines is rejoined, a paragraph printed twice is kept
once, and a photo caption is dropped. See the README for how interleaved articles are
handled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article, Document
from . import bylines

TERMINAL = "。！？!?…；;"
CLOSERS = "”’」』）)》"
HEADER_MAX = 40  # a title line is at most this long
KICKER_MAX = 60  # a kicker that ends in —— or ： may be longer

SUBTITLE = re.compile(r"^(?:——|--|—)\s*(.+)$")
SERIES = re.compile(r"(系列报道|系列访谈|专栏|专题|巡礼|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*$")
DATE_LINE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{2,10}报\s*)?(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]"
    r"\s*(\d{1,2})\s*日?\s*(星期.|周.)?\s*(?:第\s*[\dA-Z]+\s*版(?:\s*[\u4e00-\u9fff]{2,6})?)?\s*$"
)
COLUMN_LABEL = re.compile(r"^(.{4,}?)[\s\u3000]*[（(]([^（）()]{2,24})[）)]$")
KICKER_END = re.compile(r"(?:——|—|--|：|:)$")


@dataclass
class Line:
    text: str
    blanks_before: int  # blank lines between this line and the previous non-blank one
    kind: str = "body"


@dataclass
class Draft:
    """An article while the page is being split."""

    header: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    date: str | None = None


# ---------------------------------------------------------------- line kinds


def is_masthead(text: str) -> bool:
    """`《某某日报》（2025年02月11日第 19 版）` on a line of its own."""
    rest, day = bylines.strip_masthead(text)
    return bool(day) and not rest


def is_photo_credit(text: str) -> bool:
    """`王小明摄`, `新华社记者  王小明摄`, `摄影：王小明`: a photographer, not a byline."""
    return len(text) <= 50 and bool(bylines.photo_credit(text))


def is_byline(text: str) -> bool:
    return bylines.byline_credit(text) is not None


def is_lead(text: str) -> bool:
    return bylines.lead_credit(text) is not None


def is_dateline_lead(text: str) -> bool:
    """`本报讯 近日，…`: an article begins here though it names no reporter."""
    return bylines.is_dateline(text) and len(text) > 12


def is_credit(text: str) -> bool:
    """（本报记者 X、Y）or（X、Y参与采写）on a line of its own: the reporters of the article it ends."""
    return bylines.trailing_credit(text, last=False) is not None


def is_name_credit(text: str) -> bool:
    """（王小明）: the reporter, if it is the last paragraph of its article."""
    return bylines.trailing_credit(text, last=True) is not None


def is_subtitle(text: str) -> bool:
    return bool(SUBTITLE.match(text)) and len(text) <= HEADER_MAX + 20


def is_series_label(text: str) -> bool:
    return len(text) <= HEADER_MAX and bool(SERIES.search(text))


def is_title_like(text: str) -> bool:
    """Short, no sentence-final punctuation: a headline, kicker, column header or caption."""
    return (
        0 < len(text) <= HEADER_MAX
        and text[-1] not in TERMINAL + "，,：:"
        and not (text[-1] in CLOSERS and len(text) > 1 and text[-2] in TERMINAL)
    )


def page_date(text: str) -> str | None:
    m = DATE_LINE.match(text)
    if not m:
        return None
    return bylines.valid_date(*m.groups()[:3])


def classify(text: str) -> str:
    for kind, rule in (
        ("masthead", is_masthead),
        ("photo", is_photo_credit),
        ("byline", is_byline),
        ("lead", is_lead),
        ("dateline", is_dateline_lead),
        ("credit", is_credit),
        ("namecredit", is_name_credit),
        ("subtitle", is_subtitle),
        ("series", is_series_label),
    ):
        if rule(text):
            return kind
    if page_date(text):
        return "date"
    return "title" if is_title_like(text) else "body"


def read_lines(text: str) -> list[Line]:
    lines, blanks = [], 0
    for raw in text.splitlines():
        stripped = raw.strip().strip("\ufeff")
        if not stripped:
            blanks += 1
            continue
        lines.append(Line(stripped, blanks, classify(stripped)))
        blanks = 0
    return lines


# ---------------------------------------------------------------- splitting


def byline_names(text: str) -> list[str]:
    """The authors a byline line or a lead's parenthesis names."""
    credit = bylines.parse_credit(bylines.strip_masthead(text)[0])
    return credit.authors if credit else []


def line_date(line: Line) -> str | None:
    """The date a page-date line or a masthead prints."""
    if line.kind == "date":
        return page_date(line.text)
    return bylines.strip_masthead(line.text)[1] if line.kind in ("masthead", "byline") else None


def is_kicker(text: str, first: bool) -> bool:
    """A kicker above the main title may be longer than a title and end in —— or ：; one
    with a comma is taken only where it ends so or opens the document (a body line broken
    without punctuation looks alike otherwise)."""
    marked = bool(KICKER_END.search(text)) and len(text) <= KICKER_MAX
    if "，" in text or "," in text:
        return (marked or first) and is_title_like(text.rstrip("——：:-"))  # noqa: B005 (a set of marks)
    return marked or is_title_like(text)


def _header_start(lines: list[Line], anchor: int) -> int:
    """Index of the first title line of the headline above `anchor` (a masthead line
    between them skipped): at most two lines, the main title and a kicker above it."""
    top = anchor
    while top > 0 and lines[top - 1].kind == "masthead":
        top -= 1
    start = top
    if start > 0 and lines[start - 1].kind == "title":
        start -= 1
        prev = lines[start - 1] if start > 0 else None
        if (
            prev is not None
            and prev.kind in ("title", "body")
            and is_kicker(prev.text, first=start - 1 == 0 or lines[start - 2].kind not in ("body", "title"))
            and (prev.kind == "title" or KICKER_END.search(prev.text))
        ):
            start -= 1
    return start


def _anchors(lines: list[Line]) -> list[int]:
    """Indexes where an article begins: the first of subtitle/byline/lead in a run."""
    anchors = []
    for i, line in enumerate(lines):
        if line.kind not in ("subtitle", "byline", "lead", "dateline"):
            continue
        prev = lines[i - 1].kind if i else None
        if line.kind == "lead" and prev == "byline":
            anchors.append(i)  # a byline directly followed by another article's lead
        elif prev not in ("subtitle", "byline", "names"):
            anchors.append(i)
    return anchors


def _mark_names(lines: list[Line]) -> None:
    """Names on lines of their own under a bare `本报记者`."""
    for i, line in enumerate(lines):
        if line.kind == "byline" and not byline_names(line.text):
            j = i + 1
            while j < len(lines) and _names_line(lines[j].text) and j - i <= 2:
                lines[j].kind = "names"
                j += 1


def _names_line(text: str) -> bool:
    """`王小明  李  红`: reporters' names and nothing else."""
    credit = bylines.parse_credit(text) if len(text) <= 30 else None
    return bool(credit and credit.authors and not credit.photographers)


def split_lines(lines: list[Line]) -> list[Draft]:
    _mark_names(lines)
    anchors = _anchors(lines)
    if not anchors:
        return [_single_draft(lines)]
    starts = [_header_start(lines, a) for a in anchors]
    drafts, date = [], next((d for d in map(line_date, lines[: starts[0]]) if d), None)
    for n, (start, anchor) in enumerate(zip(starts, anchors)):
        end = starts[n + 1] if n + 1 < len(anchors) else len(lines)
        draft = Draft(header=[l.text for l in lines[start:anchor]])
        i = anchor
        while i < end and lines[i].kind in ("subtitle", "byline", "names", "masthead"):
            (draft.header if lines[i].kind == "subtitle" else draft.bylines).append(lines[i].text)
            i += 1
        date = next((d for d in map(line_date, lines[start:i]) if d), date)
        for line in lines[i:end]:
            if line.kind in ("date", "masthead"):
                date = line_date(line)
            elif line.kind == "series":
                _drop_column_headers(draft.body)
            else:
                draft.body.append(line)
        draft.date = date
        drafts.append(draft)
    _drop_captions(drafts)
    _move_interleaved(drafts)
    return _end_bylines(drafts)


def _end_bylines(drafts: list[Draft]) -> list[Draft]:
    """A byline with neither headline nor body after it ends the article before it."""
    kept: list[Draft] = []
    for d in drafts:
        if kept and d.bylines and not d.header and not d.body:
            kept[-1].body += [Line(text, 0, "byline") for text in d.bylines]
        else:
            kept.append(d)
    return kept


def _single_draft(lines: list[Line]) -> Draft:
    draft = Draft()
    body = [l for l in lines if l.kind not in ("series", "date")]
    if body and body[0].kind == "title":
        draft.header.append(body.pop(0).text)
    draft.body = body
    dates = [d for d in map(line_date, lines) if d]
    draft.date = dates[0] if dates else None
    return draft


def _drop_column_headers(body: list[Line]) -> None:
    """Title lines just above a series label are the page's column headers."""
    while body and body[-1].kind == "title":
        body.pop()


def _drop_captions(drafts: list[Draft]) -> None:
    """A photo caption at the end of a body belongs to no article."""
    for d in drafts:
        while d.body and _is_caption(d.body[-1], d.body):
            d.body.pop()


def _is_caption(line: Line, body: list[Line]) -> bool:
    return (
        line is body[-1]
        and len(body) > 1
        and line.blanks_before >= 2
        and len(line.text) <= 60
        and line.text[-1] in TERMINAL
    )


def _common_run(a: str, b: str, size: int = 4) -> bool:
    grams = {a[i : i + size] for i in range(len(a) - size + 1)}
    return any(b[i : i + size] in grams for i in range(len(b) - size + 1))


def _move_interleaved(drafts: list[Draft]) -> None:
    """An article printed as a headline and byline only, directly followed by another
    article, has its body at the end of that article: move the trailing paragraphs that
    share a phrase with its headline."""
    for d, following in zip(drafts, drafts[1:]):
        if d.body or not d.header or not following.body:
            continue
        title = "".join(d.header)
        while len(following.body) > 1 and _common_run(title, following.body[-1].text):
            d.body.insert(0, following.body.pop())


# ---------------------------------------------------------------- OCR repair


def repair(body: list[Line]) -> list[str]:
    """Rejoin broken sentences and keep a paragraph printed twice once."""
    paragraphs: list[str] = []
    pending: Line | None = None
    for line in _without_reprints(body):
        if paragraphs and pending is not None and _continues(pending, line):
            paragraphs[-1] += line.text
        else:
            paragraphs.append(line.text)
        pending = line
        pending = Line(paragraphs[-1], pending.blanks_before, pending.kind)
    return paragraphs


def _continues(prev: Line, line: Line) -> bool:
    """A line whose end has no sentence punctuation goes on in the next line, unless a
    layout gap (two or more blank lines) lies between them."""
    end = prev.text.rstrip()[-1]
    return (
        end not in TERMINAL
        and end not in CLOSERS
        and line.blanks_before <= 1
        and line.kind in ("body", "title")
        and prev.kind not in ("photo", "credit", "namecredit")
    )


def _without_reprints(body: list[Line]) -> list[Line]:
    kept: list[Line] = []
    for line in body:
        if len(line.text) >= 20 and any(line.text in k.text for k in kept):
            continue
        kept.append(line)
    return kept


# ---------------------------------------------------------------- articles


def draft_to_article(draft: Draft, article_id: str, source: str) -> Article:
    _title_below_byline(draft)
    parts = draft.header + draft.bylines
    paragraphs = repair(draft.body)
    text = "\n".join(parts + paragraphs)
    article = Article(
        id=article_id,
        text=text,
        source=source,
        date=draft.date,
        body_start=min(len(text), len("\n".join(parts)) + (1 if parts else 0)),
    )
    set_headlines(article, _titles(draft))
    article.headline_aliases += [one_space(m.group(1)) for h in draft.header if (m := SUBTITLE.match(h))]
    credit = draft_credit(draft)
    article.authors = credit.authors
    article.warnings += [
        f"{source}: the byline's {name!r} may be several names run together; kept whole"
        for name in credit.unsplit
    ]
    article.interviewees = []  # filled by the entity rules from the subtitle
    return article


def _title_below_byline(draft: Draft) -> None:
    """`文/图 本报记者 X` printed above the title: the title line right after it is the
    headline when nothing above the byline is."""
    if not draft.header and draft.bylines and len(draft.body) > 1 and draft.body[0].kind == "title":
        draft.header.append(draft.body.pop(0).text)


def _titles(draft: Draft) -> list[str]:
    return [h for h in draft.header if not SUBTITLE.match(h) and not is_masthead(h)]


def one_space(text: str) -> str:
    """Runs of spaces as one, layout bullets (■记者手记) dropped."""
    return re.sub(r"[\s\u3000]+", " ", text).strip().lstrip(bylines.BULLETS).strip()


def set_headlines(article: Article, titles: list[str]) -> None:
    """The last title line is the headline, a column label in parentheses at its end
    (`（某某栏目）`) kept only in the alias; the line above it is the kicker."""
    if not titles:
        return
    main = one_space(titles[-1])
    labelled = COLUMN_LABEL.match(main)
    article.headline = labelled.group(1).strip() if labelled else main
    if labelled:
        article.headline_aliases.append(main)
    if len(titles) > 1:
        article.kicker = one_space(KICKER_END.sub("", titles[-2]))


def draft_credit(draft: Draft) -> bylines.Credit:
    """Everyone the draft credits: the byline lines (names on lines of their own under a
    bare role too), the lead's parenthesis, and the credit paragraphs (a bare `（X）`
    only as the last one)."""
    credits = [bylines.byline_credit(line) or bylines.parse_credit(line) for line in draft.bylines]
    if draft.body and draft.body[0].kind == "lead":
        credits.append(bylines.lead_credit(draft.body[0].text))
    for n, line in enumerate(draft.body):
        if line.kind == "byline":
            credits.append(bylines.byline_credit(line.text) or bylines.parse_credit(line.text))
        elif line.kind == "credit" or (line.kind == "namecredit" and n == len(draft.body) - 1):
            credits.append(bylines.trailing_credit(line.text, last=line.kind == "namecredit"))
    total = bylines.Credit()
    for credit in filter(None, credits):
        total.authors += [a for a in credit.authors if a not in total.authors]
        total.unsplit += credit.unsplit
    return total


SURROGATE = re.compile("[\ud800-\udfff]")


def split_document(doc: Document, stem: str) -> list[Article]:
    """The articles of one input document, with stable ids (`STEM-NN` for a page). A lone
    surrogate (possible in JSON escapes) becomes U+FFFD, which keeps every offset. The
    input's own date (and a .jsonl line's author) wins over what the text prints."""
    doc.text = SURROGATE.sub("\ufffd", doc.text)
    if doc.kind == "article":
        return [_whole_article(doc, stem)]
    drafts = [d for d in split_lines(read_lines(doc.text)) if d.body or d.header or d.bylines]
    articles = []
    for n, draft in enumerate(drafts, 1):
        article = draft_to_article(draft, f"{doc.id or stem}-{n:02d}", doc.source)
        if len(drafts) == 1 and not article.headline:
            article.headline = doc.title
        article.date = bylines.normalise_date(doc.date) or article.date or _dateline_date(article, doc)
        article.origin = doc.origin
        article.region = doc.region
        articles.append(article)
    return articles


def _dateline_date(article: Article, doc: Document) -> str | None:
    """`本报南京2月10日电` dates the article when the input's metadata gives the year."""
    year = re.match(r"\s*(\d{4})", doc.date or "")
    return bylines.dateline_date(article.text[article.body_start :], int(year.group(1))) if year else None


def _whole_article(doc: Document, stem: str) -> Article:
    """A .jsonl line is one article, its text kept exactly; the line's `author` and
    `date` fields win, the text's byline and masthead fill what they leave out."""
    article = Article(
        id=doc.id or stem,
        text=doc.text,
        source=doc.source,
        headline=doc.title,
        date=bylines.normalise_date(doc.date),
        origin=doc.origin,
        region=doc.region,
    )
    drafts = split_lines(read_lines(doc.text))
    if not doc.title and drafts:
        set_headlines(article, _titles(drafts[0]))
    if doc.author:
        article.authors = [a for a in re.split(r"[\s\u3000、，,;；]+", doc.author) if a]
    else:
        credit = bylines.Credit()
        for draft in drafts:
            found = draft_credit(draft)
            credit.authors += [a for a in found.authors if a not in credit.authors]
            credit.unsplit += found.unsplit
        article.authors = credit.authors
        article.warnings += [
            f"{doc.source}: the byline's {name!r} may be several names run together; kept whole"
            for name in credit.unsplit
        ]
    article.date = (
        article.date or next((d.date for d in drafts if d.date), None) or _dateline_date(article, doc)
    )
    return article
