"""Split a newspaper page into articles and repair its OCR artefacts.

A page is read as a sequence of lines. Each line gets one kind (a small named rule
decides it), articles start at *anchors* (a byline, an interview subtitle or a
`本报讯（记者 …）` lead), the short title lines just above an anchor form the headline,
and the remaining lines are the body of the article above them. Bodies are then
repaired: a sentence broken across lines is rejoined, a paragraph printed twice is kept
once, and a photo caption is dropped. See the README for how interleaved articles are
handled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article, Document

TERMINAL = "。！？!?…；;"
CLOSERS = "”’」』）)》"
HEADER_MAX = 40          # a title line is at most this long
NAME = r"[\u4e00-\u9fff·]{2,4}"

ROLE = r"(?:本报|本刊|特约|见习|首席)?(?:记者|通讯员|实习生|摄影|摄影记者|编辑)"
BYLINE = re.compile(rf"^{ROLE}(?:[\s\u3000]*(?:{ROLE}|(?<=[\s\u3000]){NAME}))*[\s\u3000]*$")
BYLINE_ROLES = re.compile(ROLE)
LEAD = re.compile(r"^(?:本报讯|本刊讯|[\u4e00-\u9fff\d]{1,16}(?:讯|电))[\s\u3000]*[（(]([^）)]{1,60})[）)]")
CREDIT = re.compile(rf"^[（(][\s\u3000]*({ROLE}[^）)]{{1,40}})[）)]$")
SUBTITLE = re.compile(r"^(?:——|--|—)\s*(.+)$")
SERIES = re.compile(r"(系列报道|系列访谈|专栏|专题|巡礼|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*$")
DATE_LINE = re.compile(r"^\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*(星期.|周.)?\s*$")
NAMES_ONLY = re.compile(rf"^{NAME}(?:[\s\u3000]+{NAME})*$")


@dataclass
class Line:
    text: str
    blanks_before: int      # blank lines between this line and the previous non-blank one
    kind: str = "body"


@dataclass
class Draft:
    """An article while the page is being split."""
    header: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)    # （记者 X） lines that end the article
    body: list[Line] = field(default_factory=list)
    date: str | None = None


# ---------------------------------------------------------------- line kinds

def is_byline(text: str) -> bool:
    return bool(BYLINE.match(text))


def is_lead(text: str) -> bool:
    m = LEAD.match(text)
    return bool(m and BYLINE_ROLES.search(m.group(1)))


def is_credit(text: str) -> bool:
    """（记者 X）on a line of its own: the reporters of the article it ends."""
    return bool(CREDIT.match(text))


def is_subtitle(text: str) -> bool:
    return bool(SUBTITLE.match(text)) and len(text) <= HEADER_MAX + 20


def is_series_label(text: str) -> bool:
    return len(text) <= HEADER_MAX and bool(SERIES.search(text))


def is_title_like(text: str) -> bool:
    """Short, no sentence-final punctuation: a headline, kicker, column header or caption."""
    return 0 < len(text) <= HEADER_MAX and text[-1] not in TERMINAL + "，,：:" and \
        not (text[-1] in CLOSERS and len(text) > 1 and text[-2] in TERMINAL)


def page_date(text: str) -> str | None:
    m = DATE_LINE.match(text)
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups()[:3])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def classify(text: str) -> str:
    for kind, rule in (("byline", is_byline), ("lead", is_lead), ("credit", is_credit),
                       ("subtitle", is_subtitle), ("series", is_series_label)):
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
    """The people a byline line or a lead's parenthesis names."""
    names = []
    for part in BYLINE_ROLES.split(text):
        names += [n for n in re.split(r"[\s\u3000、，,]+", part) if re.fullmatch(NAME, n)]
    return names


def _header_start(lines: list[Line], anchor: int) -> int:
    """Index of the first title line of the headline above `anchor`: at most two title
    lines, the upper one (a kicker) without a comma, stopping at a series label."""
    start = anchor
    while start > 0 and anchor - start < 2:
        prev = lines[start - 1]
        if prev.kind != "title" or (anchor - start == 1 and "，" in prev.text):
            break
        start -= 1
    return start


def _anchors(lines: list[Line]) -> list[int]:
    """Indexes where an article begins: the first of subtitle/byline/lead in a run."""
    anchors = []
    for i, line in enumerate(lines):
        if line.kind not in ("subtitle", "byline", "lead"):
            continue
        prev = lines[i - 1].kind if i else None
        if line.kind == "lead" and prev == "byline":
            anchors.append(i)        # a byline directly followed by another article's lead
        elif prev not in ("subtitle", "byline", "names"):
            anchors.append(i)
    return anchors


def _mark_names(lines: list[Line]) -> None:
    """Names on lines of their own under a bare `本报记者`."""
    for i, line in enumerate(lines):
        if line.kind == "byline" and not byline_names(line.text):
            j = i + 1
            while j < len(lines) and NAMES_ONLY.match(lines[j].text) and j - i <= 2:
                lines[j].kind = "names"
                j += 1


def split_lines(lines: list[Line]) -> list[Draft]:
    _mark_names(lines)
    anchors = _anchors(lines)
    if not anchors:
        return [_single_draft(lines)]
    starts = [_header_start(lines, a) for a in anchors]
    drafts, date = [], next((page_date(l.text) for l in lines[:starts[0]] if l.kind == "date"), None)
    for n, (start, anchor) in enumerate(zip(starts, anchors)):
        end = starts[n + 1] if n + 1 < len(anchors) else len(lines)
        draft = Draft(header=[l.text for l in lines[start:anchor]])
        i = anchor
        while i < end and lines[i].kind in ("subtitle", "byline", "names"):
            (draft.header if lines[i].kind == "subtitle" else draft.bylines).append(lines[i].text)
            i += 1
        for line in lines[i:end]:
            if line.kind == "date":
                date = page_date(line.text)
            elif line.kind == "series":
                _drop_column_headers(draft.body)
            elif line.kind == "credit":
                draft.credits.append(CREDIT.match(line.text).group(1))
            else:
                draft.body.append(line)
        draft.date = date
        drafts.append(draft)
    _drop_captions(drafts)
    _move_interleaved(drafts)
    return drafts


def _single_draft(lines: list[Line]) -> Draft:
    draft = Draft()
    body = [l for l in lines if l.kind not in ("series", "date")]
    if body and body[0].kind == "title":
        draft.header.append(body.pop(0).text)
    draft.body = body
    dates = [page_date(l.text) for l in lines if l.kind == "date"]
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
    return line is body[-1] and len(body) > 1 and line.blanks_before >= 2 and len(line.text) <= 60 \
        and line.text[-1] in TERMINAL


def _common_run(a: str, b: str, size: int = 4) -> bool:
    grams = {a[i:i + size] for i in range(len(a) - size + 1)}
    return any(b[i:i + size] in grams for i in range(len(b) - size + 1))


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
    return end not in TERMINAL and end not in CLOSERS and line.blanks_before <= 1 \
        and line.kind in ("body", "title")


def _without_reprints(body: list[Line]) -> list[Line]:
    kept: list[Line] = []
    for line in body:
        if len(line.text) >= 20 and any(line.text in k.text for k in kept):
            continue
        kept.append(line)
    return kept


# ---------------------------------------------------------------- articles

def draft_to_article(draft: Draft, article_id: str, source: str) -> Article:
    header = [h for h in draft.header]
    parts = header + draft.bylines
    paragraphs = repair(draft.body)
    text = "\n".join(parts + paragraphs)
    titles = [h for h in header if not SUBTITLE.match(h)]
    article = Article(id=article_id, text=text, source=source, date=draft.date,
                      body_start=min(len(text), len("\n".join(parts)) + (1 if parts else 0)))
    if titles:
        article.headline = titles[-1]
        article.kicker = titles[-2] if len(titles) > 1 else None
    credits = draft.bylines + [LEAD.match(l.text).group(1) for l in draft.body[:1] if l.kind == "lead"] \
        + draft.credits
    for line in credits:
        article.authors += [n for n in byline_names(line) if n not in article.authors]
    article.interviewees = []      # filled by the entity rules from the subtitle
    return article


SURROGATE = re.compile("[\ud800-\udfff]")


def split_document(doc: Document, stem: str) -> list[Article]:
    """The articles of one input document, with stable ids (`STEM-NN` for a page). A lone
    surrogate (possible in JSON escapes) becomes U+FFFD, which keeps every offset."""
    doc.text = SURROGATE.sub("\ufffd", doc.text)
    if doc.kind == "article":
        article = Article(id=doc.id or stem, text=doc.text, source=doc.source,
                          headline=doc.title, date=doc.date, origin=doc.origin,
                          region=doc.region)
        if doc.author:
            article.authors = [a for a in re.split(r"[\s\u3000、，,;；]+", doc.author) if a]
        return [article]
    drafts = [d for d in split_lines(read_lines(doc.text)) if d.body or d.header or d.bylines]
    articles = []
    for n, draft in enumerate(drafts, 1):
        article = draft_to_article(draft, f"{doc.id or stem}-{n:02d}", doc.source)
        if len(drafts) == 1 and not article.headline:
            article.headline = doc.title
        article.date = article.date or doc.date
        article.origin = doc.origin
        article.region = doc.region
        articles.append(article)
    return articles
