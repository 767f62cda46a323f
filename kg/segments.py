"""Long articles in bounded pieces, so that the cost of an article grows with its length and
no faster.

Several rules compare each mention or cue with every other one of the article: fine for a
news article of a few thousand characters, quadratic for a work report or a scraped page
of a million. An article longer than `SEGMENT_CHARACTERS` is run through the pipeline as
consecutive segments, cut at a paragraph break, else after a sentence, else after a clause
(a hard cut only when there is none), and the segments' sentences, tokens, mentions and
relations are put back together, offsets shifted, into the one article. Document-scope
components (share-names) see all the segments at once, so a name found in one segment is
still found in the others. An article longer than `MAX_ARTICLE_CHARACTERS` is refused
with one line instead (see `too_long`): its memory, not its time, would take the machine.
"""

from __future__ import annotations

from dataclasses import replace

from .model import Article, Mention, Problem, Relation, Sentence

SEGMENT_CHARACTERS = 6_000  # the dev articles are all shorter: they run whole
MAX_ARTICLE_CHARACTERS = 4_000_000  # about 12 MB of UTF-8 Chinese text in one article
_CUTS = ("\n", "。！？!?…", "；;，,、 \u3000")
_CLOSERS = "”’」』）)》"


def too_long(article: Article) -> Problem | None:
    """The one line that refuses an article over the limit, or None."""
    if len(article.text) <= MAX_ARTICLE_CHARACTERS:
        return None
    return Problem(
        article.source,
        f"article {article.id} has {len(article.text):,} characters, "
        f"over the {MAX_ARTICLE_CHARACTERS:,} kg builds in one article; "
        "skipped (split it into several documents)",
    )


def cut_points(text: str, size: int = SEGMENT_CHARACTERS) -> list[int]:
    """Where segments of at most `size` characters start: 0, then after the last paragraph
    break, sentence end or clause end in the second half of each window."""
    starts = [0]
    while len(text) - starts[-1] > size:
        lo, hi = starts[-1] + size // 2, starts[-1] + size
        starts.append(_cut(text, lo, hi))
    return starts


def _cut(text: str, lo: int, hi: int) -> int:
    for marks in _CUTS:
        at = max(text.rfind(ch, lo, hi) for ch in marks)
        if at >= lo:
            at += 1
            while at < hi and text[at] in _CLOSERS:  # 。” stays with its sentence
                at += 1
            return at
    return hi


def segments(article: Article) -> tuple[list[Article], list[int]]:
    """The article itself when it is short, else its segments and where each starts."""
    starts = cut_points(article.text)
    if len(starts) == 1:
        return [article], starts
    ends = starts[1:] + [len(article.text)]
    parts = [
        replace(
            article,
            text=article.text[s:e],
            content_hash="-",
            sentences=[],
            tokens=[],
            mentions=[],
            relations=[],
            authors=list(article.authors),
            interviewees=list(article.interviewees),
            headline=article.headline if s == 0 else None,
            kicker=article.kicker if s == 0 else None,
            body_start=article.body_start if s == 0 else 0,
        )
        for s, e in zip(starts, ends)
    ]
    return parts, starts


def merge(article: Article, parts: list[Article], starts: list[int]) -> Article:
    """The segments' findings as the article's own, offsets shifted back (in place: the
    segments are thrown away)."""
    if len(parts) == 1:
        return parts[0]
    sentences: list[Sentence] = []
    tokens: list[tuple[str, str, int]] = []
    mentions: list[Mention] = []
    relations: list[Relation] = []
    interviewees: list[str] = []
    for part, base in zip(parts, starts):
        first = len(mentions)
        sentences += [replace(s, start=s.start + base, end=s.end + base) for s in part.sentences]
        tokens += [(w, p, i + base) for w, p, i in part.tokens]
        for m in part.mentions:
            m.start += base
            m.end += base
            if m.refers_to is not None:
                m.refers_to += first
        for r in part.relations:
            r.subject += first
            r.object += first
            r.start += base
            r.end += base
        mentions += part.mentions
        relations += part.relations
        interviewees += part.interviewees
    article.sentences, article.tokens = sentences, tokens
    article.mentions, article.relations = mentions, relations
    article.interviewees = list(dict.fromkeys(interviewees))
    return article


def run_segmented(nlp, articles: list[Article]) -> list[Article]:
    """`nlp` over the articles of one document, each long one in segments."""
    pieces: list[Article] = []
    groups: list[tuple[Article, int, list[Article], list[int]]] = []
    for a in articles:
        parts, starts = segments(a)
        groups.append((a, len(pieces), parts, starts))
        pieces += parts
    if pieces:
        nlp(pieces)
    return [merge(a, parts, starts) for a, _, parts, starts in groups]
