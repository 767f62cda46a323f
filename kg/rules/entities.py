"""Entity rules (people, titles, quoted names, events) and the `entity-rules` component,
which runs every registered rule, settles overlaps and spreads each found name to its
other occurrences in the article."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..model import Article, Mention
from ..nlp.tokens import word_tag
from ..pipeline import component
from . import names  # noqa: F401  (registers the suffix grammar first)
from .registry import ENTITY_RULES, entity_rule

CJK = r"\u4e00-\u9fff"
QUOTED = re.compile(r"[“‘「『\"]([^“”‘’「」『』\"\n]{1,30})[”’」』\"]")
NOT_IN_NAME = set("说表指介认强等在一也都还带主向对为到称谈提坦告接来去了们致同率与和及的是将已正就把被")
SPEECH = re.compile(rf"(?:^|(?<=[，。！？；：、“”\s]))([{CJK}]{{2,4}}?)(?=说|表示|介绍|指出|认为|强调|坦言|告诉|谈到|感慨)")
SESSION = re.compile(r"[一二三四五六七八九十\d]+届[一二三四五六七八九十\d]+次(?:全体会议|全会|会议)"
                     rf"(?:暨[{CJK}]{{2,16}}?(?:会议|大会|全会))?")
CONGRESS = re.compile(r"党的[一二三四五六七八九十]+大")


@lru_cache(maxsize=1)
def _titles_longest_first() -> tuple[str, ...]:
    return lexicon.ordered("titles")


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(t) for t in _titles_longest_first()))


def person_name_at(text: str, pos: int, words: dict[int, str] | None = None) -> int | None:
    """End of a person name that starts at `pos` (surname + one or two characters). A
    surname that is also a function character (和, 有, 于) or a title right after the
    first title (党员干部) is no name."""
    surnames = lexicon.words("surnames")
    if text[pos:pos + 1] in lexicon.words("name_stopchars") or _title_pattern().match(text, pos):
        return None
    word = (words or {}).get(pos)
    if word and 2 <= len(word) <= 4 and word_tag(word) in ("nr", "nrfg", "nrt"):
        return pos + len(word)
    base = 2 if text[pos:pos + 2] in surnames else 1 if text[pos:pos + 1] in surnames else 0
    if not base:
        return None
    given = 0
    while given < 2 and pos + base + given < len(text) and re.match(f"[{CJK}]", text[pos + base + given]) \
            and not (given == 1 and text[pos + base + given] in NOT_IN_NAME) \
            and not (given == 0 and text[pos + base] in NOT_IN_NAME):
        given += 1
    return pos + base + given if given else None


# ---------------------------------------------------------------- people

def _byline_spans(article: Article, name: str):
    head = article.text[:article.body_start]
    for m in re.finditer(re.escape(name), head):
        yield m.start(), m.end()
    lead = re.match(r"[^（(\n]{0,12}[（(]([^）)\n]{1,60})[）)]", article.text[article.body_start:])
    if lead:
        for m in re.finditer(re.escape(name), lead.group(0)):
            yield article.body_start + m.start(), article.body_start + m.end()


@entity_rule("byline")
def byline_people(article: Article) -> list[Mention]:
    return [Mention(name, s, e, "Person", 1.0, "byline", label=name)
            for name in article.authors for s, e in _byline_spans(article, name)]


def _common_word_at(words: dict[int, str], pos: int) -> bool:
    """满意度 after 居民 is a word of the dictionary, not a name."""
    import jieba
    word = words.get(pos)
    return bool(word and len(word) > 1 and jieba.dt.FREQ.get(word) and
                word_tag(word) not in ("nr", "nrfg", "nrt"))


@entity_rule("title-then-name")
def people_after_titles(article: Article) -> list[Mention]:
    text, out = article.text, []
    words = {s: w for w, _, s in article.tokens}
    for m in _title_pattern().finditer(text):
        end = person_name_at(text, m.end(), words)
        if end and not _common_word_at(words, m.end()):
            out.append(Mention(text[m.end():end], m.end(), end, "Person", 0.9, "title-then-name",
                               label=text[m.end():end]))
    return out


@entity_rule("name-then-speech")
def people_before_speech(article: Article) -> list[Mention]:
    text, out = article.text, []
    for m in SPEECH.finditer(text):
        if person_name_at(text, m.start(1)) == m.end(1):
            out.append(Mention(m.group(1), m.start(1), m.end(1), "Person", 0.8, "name-then-speech",
                               label=m.group(1)))
    return out


@entity_rule("title")
def titles(article: Article) -> list[Mention]:
    return [Mention(m.group(), m.start(), m.end(), "Title", 1.0, "title-lexicon", label=m.group())
            for m in _title_pattern().finditer(article.text)]


# ---------------------------------------------------------------- quoted names

def _ends_with(text: str, name: str) -> str | None:
    return next((w for w in lexicon.ordered(name) if text.endswith(w)), None)


def _cue_after(text: str, pos: int, name: str, gap: int = 10) -> int | None:
    """End of a cue word from lexicon `name` that follows `pos` after at most `gap`
    characters of a name (“2468”便民服务工作法)."""
    tail = re.match(f"[{CJK}]{{0,{gap}}}", text[pos:]).group()
    for i in range(len(tail) + 1):
        for w in lexicon.ordered(name):
            if text.startswith(w, pos + i):
                return pos + i + len(w)
    return None


def _quoted_mention(text: str, m: re.Match) -> Mention | None:
    """Classify a quoted name by the cue inside or right after the quotes."""
    inner, qs, qe = m.group(1).strip(), m.start(), m.end()
    if len(inner) < 2 or re.search(r"[，。！？、；：\s]", inner):
        return None
    span = (m.start(1), m.end(1))
    if _ends_with(inner, "programme_cues"):
        return Mention(inner, *span, "Programme", 0.9, "quoted-programme", label=inner)
    if _ends_with(inner, "event_cues"):
        return Mention(inner, *span, "Event", 0.85, "quoted-event", label=inner)
    following = _following_name(text, qs, qe, inner)
    if following:
        return following
    org = next((f[0] for s, f in lexicon.table("org_suffixes").items()
                if inner.endswith(s) and len(inner) > len(s)), None)
    if org:
        return Mention(inner, *span, org, 0.9, "quoted-organization", label=inner)
    product = next((w for w in lexicon.ordered("product_cues") if text.startswith(w, qe)), None)
    if product:
        return Mention(inner, *span, "Product", 0.9, "quoted-product", label=inner,
                       aliases=(inner + product,))
    cue_end = _cue_after(text, qe, "programme_cues")
    if cue_end:
        label = inner + text[qe:cue_end]
        return Mention(text[qs:cue_end], qs, cue_end, "Programme", 0.9, "quoted-then-cue", label=label)
    if text.startswith("建设", qe):
        return Mention(inner, *span, "Programme", 0.75, "quoted-before-construction", label=inner)
    return None


def _following_name(text: str, qs: int, qe: int, inner: str) -> Mention | None:
    """“红色物业”工程, “银杏”志愿者服务队: a programme cue or an organisation suffix right
    after the closing quote completes the name."""
    cue = next((w for w in lexicon.ordered("programme_cues") if text.startswith(w, qe)), None)
    if cue:
        return Mention(text[qs:qe + len(cue)], qs, qe + len(cue), "Programme", 0.9, "quoted-then-cue",
                       label=inner + cue)
    suffix = next((s for s in lexicon.ordered("org_suffixes") if text.startswith(s, qe)), None)
    if suffix and len(suffix) > 1:
        cls = lexicon.table("org_suffixes")[suffix][0]
        return Mention(text[qs:qe + len(suffix)], qs, qe + len(suffix), cls, 0.85,
                       "quoted-then-suffix", label=inner + suffix)
    return None


@entity_rule("quoted-name")
def quoted_names(article: Article) -> list[Mention]:
    out = []
    for m in QUOTED.finditer(article.text):
        mention = _quoted_mention(article.text, m)
        if mention:
            out.append(mention)
    return out


# ---------------------------------------------------------------- events

@entity_rule("session-meeting")
def session_meetings(article: Article) -> list[Mention]:
    """江宁区委三届五次全会暨…会议: a body's numbered session, with the body's name before it."""
    text, out = article.text, []
    bodies = [m for m in article.mentions if m.type in ("PartyOrganization", "GovernmentBody")]
    for m in SESSION.finditer(text):
        start = next((b.start for b in bodies if b.end == m.start() and not b.generic), m.start())
        label = text[start:m.end()]
        short = text[start:m.end()].split("暨")[0]
        out.append(Mention(label, start, m.end(), "Event", 0.9, "session-meeting", label=label,
                           aliases=(short,) if short != label else ()))
    for m in CONGRESS.finditer(text):
        out.append(Mention(m.group(), m.start(), m.end(), "Event", 0.85, "party-congress",
                           label=m.group()))
    return out


# ---------------------------------------------------------------- the component

def _nests(outer: Mention, inner: Mention) -> bool:
    """Structural nesting that keeps both mentions: a body inside a longer body, an area
    inside a body, a body inside an event."""
    if not (outer.start <= inner.start and inner.end <= outer.end):
        return False
    return outer.type != "Person" and inner.type != "Person"


def settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the better of two crossing mentions; keep nested ones where nesting is structural."""
    ranked = sorted(mentions, key=lambda m: (m.generic, -m.score, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        clash = False
        for k in kept:
            if m.end <= k.start or k.end <= m.start:
                continue
            if (m.start, m.end) == (k.start, k.end) or not (_nests(k, m) or _nests(m, k)) or m.generic:
                clash = True
                break
        if not clash:
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


QUOTE_CHARS = re.compile(r"[“”‘’]")


class Gazetteer:
    """The names found so far (three characters or more, no quotes), matched leftmost first
    and, at one place, longest first, without overlaps (as one regex alternation would,
    without compiling a new pattern for every article)."""

    def __init__(self, sources: list[Mention]):
        self.found: dict[str, Mention] = {}
        for m in sources:
            if m.generic or m.type == "Title":
                continue
            for form in {m.text, m.label or m.text}:
                if len(form) >= 3 and not QUOTE_CHARS.search(form):
                    self.found.setdefault(form, m)

    def mentions(self, text: str, present: list[Mention], extractor: str) -> list[Mention]:
        """Every occurrence in `text` that no mention already `present` covers."""
        if not self.found:
            return []
        covered = bytearray(len(text) + 1)
        for m in present:
            if not m.generic and m.type != "Title":
                covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        out = []
        for s, e, form in self.occurrences(text):
            if any(covered[s:e]):
                continue
            src = self.found[form]
            out.append(Mention(form, s, e, src.type, 0.8, extractor, label=src.label or form))
        return out

    def occurrences(self, text: str):
        """(start, end, form) of the forms in `text`: leftmost first, then longest, none
        overlapping one taken before. A search per form costs names x text, which grows
        with the square of a long document's length; past a few names, one scan of the
        text looks each place up instead."""
        if len(self.found) * len(text) <= 2_000_000:
            return self._searched(text)
        return self._scanned(text)

    def _scanned(self, text: str):
        lengths = sorted({len(form) for form in self.found}, reverse=True)
        i = 0
        while i < len(text):
            form = next((text[i:i + n] for n in lengths if text[i:i + n] in self.found), None)
            if form:
                yield i, i + len(form), form
                i += len(form)
            else:
                i += 1

    def _searched(self, text: str):
        hits = []
        for form in self.found:
            i = text.find(form)
            while i >= 0:
                hits.append((i, -len(form), form))
                i = text.find(form, i + 1)
        hits.sort()
        end = 0
        for s, minus, form in hits:
            if s >= end:
                end = s - minus
                yield s, end, form


def propagate(text: str, sources: list[Mention], present: list[Mention],
              extractor: str = "propagation") -> list[Mention]:
    """Every occurrence in `text` of a name found in `sources` that no mention already
    `present` covers is a mention too."""
    return Gazetteer(sources).mentions(text, present, extractor)


@component("entity-rules", requires=("text", "tokens"), provides=("mentions",))
def entity_rules(article: Article) -> None:
    titles_found: list[Mention] = []
    for rule in ENTITY_RULES.values():
        for m in rule(article):
            (titles_found if m.type == "Title" else article.mentions).append(m)
    article.mentions = settle_overlaps(article.mentions)
    article.mentions = settle_overlaps(article.mentions + propagate(article.text, article.mentions,
                                                                    article.mentions))
    article.mentions = sorted(article.mentions + titles_found, key=lambda m: (m.start, -m.end))


@component("share-names", requires=("mentions",), provides=("mentions",), scope="document")
def share_names(articles: list[Article]) -> None:
    """A name found in one article of a page is a mention wherever the page repeats it."""
    gazetteer = Gazetteer([m for a in articles for m in a.mentions])
    for a in articles:
        extra = gazetteer.mentions(a.text, a.mentions, "page-propagation")
        if extra:
            names = settle_overlaps([m for m in a.mentions if m.type != "Title"] + extra)
            a.mentions = sorted(names + [m for m in a.mentions if m.type == "Title"],
                                key=lambda m: (m.start, -m.end))
