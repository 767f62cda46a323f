"""Entity rules (people, titles, quoted names, events) and the `entity-rules` component,
which runs every registered rule, settles overlaps and spreads each found name to its
other occurrences in the article."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from ..components import component
from ..ingest import bylines
from ..model import Article, Mention
from ..nlp.tokens import word_tag
from . import names  # noqa: F401  (registers the suffix grammar first)
from .registry import ENTITY_RULES, entity_rule
from .titles import title_mentions, title_pattern

CJK = r"\u4e00-\u9fff"
QUOTED = re.compile(r"[“‘「『\"]([^“”‘’「」『』\"\n]{1,30})[”’」』\"]")
NOT_IN_NAME = set("说表指介认强等在一也都还带主向对为到称谈提坦告接来去了们致同率与和及的是将已正就把被")
SPEECH = re.compile(
    rf"(?:^|(?<=[，。！？；：、“”\s]))([{CJK}]{{2,4}}?)(?=说|表示|介绍|指出|认为|强调|坦言|告诉|谈到|感慨)"
)
SESSION = re.compile(
    r"[一二三四五六七八九十\d]+届[一二三四五六七八九十\d]+次(?:全体会议|全会|会议)"
    rf"(?:暨[{CJK}]{{2,16}}?(?:会议|大会|全会))?"
)
CONGRESS = re.compile(r"党的[一二三四五六七八九十]+大")


_title_pattern = title_pattern  # composed posts (党支部书记, 副社长), see titles.py


# a third character of these is the next word's (陆文说了), never the end of a given name
ORDINAL_NUMBER = re.compile("[0-9０-９一二三四五六七八九十两]")
NOT_NAME_FINAL = set("说在也都还了们的是将已就把被对向与及等称到去带为有")
DOTTED = re.compile(
    rf"[{CJK}]{{1,6}}(?:[·•・][{CJK}]{{1,8}}?)+(?=[^{CJK}·•・]|$|说|表示|介绍|的|在|和|等|先生|女士)"
)
# a surname and one of these is how one addresses a person, not a name (王先生, 张经理)
HONORIFICS = (
    "先生",
    "女士",
    "小姐",
    "老人",
    "师傅",
    "阿姨",
    "大爷",
    "大妈",
    "同志",
    "老师",
    "经理",
    "律师",
    "博士",
    "教授",
    "医生",
    "主任",
    "书记",
    "记者",
)


@lru_cache(maxsize=1)
def _speech_cues() -> tuple[str, ...]:
    return lexicon.ordered("speech_cues")


@lru_cache(maxsize=1)
def _long_speech_cues() -> tuple[str, ...]:
    return tuple(c for c in _speech_cues() if len(c) > 1)


def name_ends_before(text: str, pos: int) -> bool:
    """Where a name is over: punctuation, the end, a speaker's verb or a function word
    (说, 表示, 的, 在 …: `speech_cues`), 带领, or 摄 of a photo credit."""
    if pos >= len(text) or not re.match(f"[{CJK}]", text[pos]):
        return True
    return text.startswith(("带领", "摄"), pos) or text.startswith(_speech_cues(), pos)


def person_name_at(text: str, pos: int, words: dict[int, str] | None = None) -> int | None:
    """End of a person name that starts at `pos`: a name with a middle dot (艾力·买买提), or
    a surname and one or two characters. A surname that is also a function character (和,
    有, 于), a title right after the first title (党员干部) or a clause verb (村民成立…,
    `clause_verbs`) is no name."""
    dotted = DOTTED.match(text, pos)
    if dotted:
        return dotted.end()
    surnames = lexicon.words("surnames")
    if text[pos : pos + 1] in lexicon.words("name_stopchars") or _title_pattern().match(text, pos):
        return None
    words = words or {}
    word = words.get(pos)
    if word in lexicon.words("clause_verbs"):
        return None
    base = 2 if text[pos : pos + 2] in surnames else 1 if text[pos : pos + 1] in surnames else 0
    if not base:
        return (
            pos + len(word)
            if word and 2 <= len(word) <= 4 and word_tag(word) in ("nr", "nrfg", "nrt")
            else None
        )
    given = given_name_length(text, pos + base, words)
    return pos + base + given if given else None


def given_name_length(text: str, at: int, words: dict[int, str]) -> int:
    """One or two characters of given name at `at`. The second is not taken where a
    dictionary word begins with it (周晓/乐呵呵, 朱楠/实习生, 何力/身穿), where a second
    name begins with it (李蕾/张羽飞）) or where it is a function character (陆文/说); it
    is where the sentence goes on after it (陈向和说, 周讯来说：, 周富强，)."""
    cjk = re.compile(f"[{CJK}]")
    if (
        at >= len(text)
        or not cjk.match(text[at])
        or text.startswith(HONORIFICS, at)
        or text.startswith(_long_speech_cues(), at)
    ):
        return 0
    if text[at] in NOT_NAME_FINAL and not name_ends_before(text, at + 2):
        return 0  # 王/向记者; but 陈向和说
    second = at + 1
    if second >= len(text) or not cjk.match(text[second]) or text[second] in NOT_NAME_FINAL:
        return 1
    if text[second] == "第" and ORDINAL_NUMBER.match(text, second + 1):
        return 1  # 陈鸣第3次, 李娜第一次: an ordinal, not a given name
    if name_ends_before(text, second + 1) or _known_full_name(words.get(at - 1)):
        return 2
    word = words.get(second)
    if (word and len(word) > 1 and _dictionary_word(word)) or any(
        _dictionary_word(text[second : second + n]) for n in (2, 3)
    ):
        return 1
    if _name_then_stop(text, second):
        return 1
    return 2


def _known_full_name(word: str | None) -> bool:
    """李国强 before 作了, 刘德华 before 华报…: jieba's dictionary holds the three characters as
    a name, so a word that begins inside it (强作) does not cut it short."""
    import jieba

    if not word or len(word) != 3:
        return False
    return word_tag(word) in ("nr", "nrfg") and bool(jieba.dt.FREQ.get(word))


def _dictionary_word(word: str) -> bool:
    import jieba

    return bool(jieba.dt.FREQ.get(word)) and word_tag(word) not in ("nr", "nrfg", "nrt")


def _name_then_stop(text: str, pos: int) -> bool:
    """A second full name starts at `pos` and runs to punctuation (记者李蕾张羽飞）)."""
    if text[pos : pos + 1] not in lexicon.words("surnames"):
        return False
    return any(
        re.fullmatch(f"[{CJK}]{{{n}}}", text[pos + 1 : pos + 1 + n] or "x")
        and not set(text[pos + 1 : pos + 1 + n]) & NOT_IN_NAME
        and not _dictionary_word(text[pos + 1 : pos + 1 + n])
        and (pos + 1 + n >= len(text) or not re.match(f"[{CJK}]", text[pos + 1 + n]))
        for n in (1, 2)
    )


# ---------------------------------------------------------------- people


def _lines(text: str):
    """(start, line) of every line of `text`."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _credit_regions(article: Article) -> list[tuple[int, int]]:
    """Where the text credits its reporters: the header, the lead's parenthesis, byline
    lines and credit paragraphs (`（本报记者 X、Y参与采写）`, a last `（X）`)."""
    regions = [(0, article.body_start)]
    lines = [(s, l) for s, l in _lines(article.text) if s >= article.body_start and l.strip()]
    for n, (start, line) in enumerate(lines):
        lead = bylines.lead_span(line) if n == 0 or article.body_start == 0 else None
        if lead:
            regions.append((start + lead[0], start + lead[1]))
        elif bylines.byline_credit(line.strip()) or bylines.trailing_credit(
            line.strip(), last=n == len(lines) - 1
        ):
            regions.append((start, start + len(line)))
    return regions


def _spaced(name: str) -> re.Pattern:
    """`李红` as printed in a byline, perhaps `李  红`."""
    return re.compile(r"[\s\u3000]*".join(map(re.escape, name)))


def _byline_spans(article: Article, name: str, regions: list[tuple[int, int]] | None = None):
    pattern = _spaced(name)
    for start, end in regions or _credit_regions(article):
        for m in pattern.finditer(article.text, start, end):
            yield m.start(), m.end()


@entity_rule("byline", produces=("Person",), trust=0)
def byline_people(article: Article) -> list[Mention]:
    regions = _credit_regions(article) if article.authors else []
    return [
        Mention(article.text[s:e], s, e, "Person", 1.0, "byline", label=name)
        for name in article.authors
        for s, e in _byline_spans(article, name, regions)
    ]


@entity_rule("photo-credit", produces=("Person",))
def photo_credit_people(article: Article) -> list[Mention]:
    """Photographers (`王小明摄`, `摄影：王小明`, `（王小明 摄）`) are people, never authors."""
    out = []
    for start, line in _lines(article.text):
        found = [(n, 0, len(line)) for n in bylines.photo_credit(line.strip())]
        for name, lo, hi in found or bylines.inline_photographers(line):
            for m in _spaced(name).finditer(line, lo, hi):
                out.append(
                    Mention(
                        m.group(),
                        start + m.start(),
                        start + m.end(),
                        "Person",
                        1.0,
                        "photo-credit",
                        label=name,
                    )
                )
    return out


REPORTER = re.compile("(?:首席|特约|摄影|实习)?(?:记者|通讯员)")
OUTLET_ENDINGS = ("通讯社", "新闻社", "报社", "日报", "晚报", "早报", "电视台", "广播电台", "社", "报", "台")
NOT_AN_OUTLET = tuple("本该我贵各全")  # 本报记者: the paper itself, named nowhere


def _common_noun(word: str) -> bool:
    """电视台, 海报: a dictionary word jieba does not tag as a name (新华社 it tags nt)."""
    import jieba

    return bool(jieba.dt.FREQ.get(word)) and word_tag(word) not in (
        "nt",
        "nz",
        "ns",
        "nr",
        "nrt",
        "nrfg",
        "j",
    )


@entity_rule("news-outlet", produces=("Organization",))
def news_outlets(article: Article) -> list[Mention]:
    """东岭日报记者, 某某社记者: a name ending like a news outlet (社, 报, 台) right before a
    reporter's title is the outlet. (社 or 报 alone ends no name elsewhere: 合作社, 海报.)"""
    text, out = article.text, []
    starts = {s: w for w, _, s in article.tokens}
    for hit in REPORTER.finditer(text):
        end = hit.start()
        for p in range(max(0, end - 8), end - 1):
            outlet = text[p:end]
            if (
                p in starts
                and re.fullmatch(f"[{CJK}]+", outlet)
                and outlet.endswith(OUTLET_ENDINGS)
                and not outlet.startswith(NOT_AN_OUTLET)
                and names.name_like(starts[p], len(outlet))
                and not _common_noun(outlet)
            ):
                out.append(Mention(outlet, p, end, "Organization", 0.85, "news-outlet", label=outlet))
                break
    return out


def _common_word_at(words: dict[int, str], pos: int, end: int) -> bool:
    """满意度 after 居民 is a word of the dictionary, not a name; 白云 in 白云飞 is a word
    that the name runs past."""
    import jieba

    word = words.get(pos)
    return bool(
        word
        and len(word) > 1
        and pos + len(word) >= end
        and jieba.dt.FREQ.get(word)
        and word_tag(word) not in ("nr", "nrfg", "nrt")
    )


def _stopchar_surname_name(text: str, pos: int, words: dict[int, str]) -> int | None:
    """After a title, a surname that is also a function character (于, 和) begins a name
    when three characters make a whole name before a clear end (党员于海涛的)."""
    if text[pos : pos + 1] not in lexicon.words("surnames"):
        return None
    if given_name_length(text, pos + 1, words) == 2 and name_ends_before(text, pos + 3):
        return pos + 3
    return None


@entity_rule("title-then-name", produces=("Person",), trust=1)
def people_after_titles(article: Article) -> list[Mention]:
    text, out = article.text, []
    words = {s: w for w, _, s in article.tokens}
    for m in _title_pattern().finditer(text):
        end = person_name_at(text, m.end(), words) or _stopchar_surname_name(text, m.end(), words)
        if end and not _common_word_at(words, m.end(), end):
            out.append(
                Mention(
                    text[m.end() : end],
                    m.end(),
                    end,
                    "Person",
                    0.9,
                    "title-then-name",
                    label=text[m.end() : end],
                )
            )
    return out


@entity_rule("name-then-speech", produces=("Person",))
def people_before_speech(article: Article) -> list[Mention]:
    text, out = article.text, []
    for m in SPEECH.finditer(text):
        if person_name_at(text, m.start(1)) == m.end(1) and not _dictionary_word(m.group(1)):
            out.append(
                Mention(m.group(1), m.start(1), m.end(1), "Person", 0.8, "name-then-speech", label=m.group(1))
            )
    return out


TITLE_PREFIXES = "总副"  # 总书记, 副主任 where the lexicon has only 书记, 主任
NAME_START = re.compile(rf"(?:^|(?<=[^{CJK}])|(?<=[、和与及]))")


@entity_rule("name-then-title", produces=("Person",))
def people_before_titles(article: Article) -> list[Mention]:
    """2020年，王海涛书记在…, 、李明主任: a whole name right before a title, the name
    beginning the clause or a list item."""
    text, out = article.text, []
    words = {s: w for w, _, s in article.tokens}
    for m in _title_pattern().finditer(text):
        at = m.start() - 1 if text[m.start() - 1 : m.start()] in TITLE_PREFIXES else m.start()
        for n in (3, 2):
            start = at - n
            if (
                start >= 0
                and NAME_START.match(text, start)
                and text[at - 1] not in "和与及"
                and person_name_at(text, start, words) == at
                and not _dictionary_word(text[start:at])
            ):
                out.append(
                    Mention(text[start:at], start, at, "Person", 0.8, "name-then-title", label=text[start:at])
                )
                break
    return out


KIN = (
    "老伴",
    "女儿",
    "儿子",
    "妻子",
    "丈夫",
    "父亲",
    "母亲",
    "爷爷",
    "奶奶",
    "外婆",
    "孙子",
    "孙女",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "儿媳",
    "女婿",
)
KIN_PATTERN = re.compile("|".join(KIN))


@entity_rule("kin-then-name", produces=("Person",))
def people_after_kin(article: Article) -> list[Mention]:
    """老伴石粉兰今年52岁, 他的女儿王小雨说: a kinship word, as a title, before a name."""
    text, out = article.text, []
    words = {s: w for w, _, s in article.tokens}
    for m in KIN_PATTERN.finditer(text):
        end = person_name_at(text, m.end(), words)
        if end and end - m.end() >= 2 and not _common_word_at(words, m.end(), end):
            out.append(
                Mention(
                    text[m.end() : end],
                    m.end(),
                    end,
                    "Person",
                    0.8,
                    "kin-then-name",
                    label=text[m.end() : end],
                )
            )
    return out


@entity_rule("title", produces=("Title",))
def titles(article: Article) -> list[Mention]:
    return title_mentions(article.text)


# ---------------------------------------------------------------- quoted names


def _ends_with(text: str, name: str) -> str | None:
    return next((w for w in lexicon.ordered(name) if text.endswith(w)), None)


def _cue_after(text: str, pos: int, name: str, gap: int = 10) -> int | None:
    """End of a cue word from lexicon `name` that follows `pos` after at most `gap`
    characters of a name (“2468”便民服务工作法)."""
    run = re.match(f"[{CJK}]{{0,{gap}}}", text[pos:])
    tail = run.group() if run else ""
    for i in range(len(tail) + 1):
        for w in lexicon.ordered(name):
            if text.startswith(w, pos + i):
                return pos + i + len(w)
    return None


def _quoted_mention(text: str, m: re.Match) -> Mention | None:
    """Classify a quoted name by the cue inside or right after the quotes."""
    inner, qs, qe = m.group(1).strip(), m.start(), m.end()
    if len(inner) < 2 or re.search(r"[，。！？；：\s]", inner):
        return None
    if "、" in inner:
        return _listed_slogan(text, inner, qs, qe)
    span = (m.start(1), m.end(1))
    if _ends_with(inner, "programme_cues"):
        return Mention(inner, *span, "Programme", 0.9, "quoted-programme", label=inner)
    if _ends_with(inner, "event_cues"):
        return Mention(inner, *span, "Event", 0.85, "quoted-event", label=inner)
    following = _following_name(text, qs, qe, inner)
    if following:
        return following
    org = next(
        (f[0] for s, f in lexicon.table("org_suffixes").items() if inner.endswith(s) and len(inner) > len(s)),
        None,
    )
    if org:
        return Mention(inner, *span, org, 0.9, "quoted-organization", label=inner)
    product = next((w for w in lexicon.ordered("product_cues") if text.startswith(w, qe)), None)
    if product:
        return Mention(
            inner, *span, "Product", 0.9, "quoted-product", label=inner, aliases=(inner + product,)
        )
    cue_end = _cue_after(text, qe, "programme_cues")
    if cue_end:
        label = inner + text[qe:cue_end]
        return Mention(text[qs:cue_end], qs, cue_end, "Programme", 0.9, "quoted-then-cue", label=label)
    if text.startswith("建设", qe):
        return Mention(inner, *span, "Programme", 0.75, "quoted-before-construction", label=inner)
    return None


def _listed_slogan(text: str, inner: str, qs: int, qe: int) -> Mention | None:
    """“双向联系、三方共建”考核办法, “选、育、用”管理机制: parallel phrases in one pair of
    quotes name a programme where a programme's cue follows the quotes (a list of things
    in quotes with no cue after it does not)."""
    parts = inner.split("、")
    cue_end = _cue_after(text, qe, "programme_cues")
    parallel = len({len(p) for p in parts}) == 1  # 选、育、用
    if not cue_end or not (parallel or all(len(p) >= 2 for p in parts)) or not all(parts):
        return None
    label = inner + text[qe:cue_end]
    return Mention(
        text[qs:cue_end], qs, cue_end, "Programme", 0.85, "quoted-then-cue", label=label, aliases=(inner,)
    )


def _following_name(text: str, qs: int, qe: int, inner: str) -> Mention | None:
    """“红色物业”工程, “银杏”志愿者服务队: a programme cue or an organisation suffix right
    after the closing quote completes the name."""
    cue = next((w for w in lexicon.ordered("programme_cues") if text.startswith(w, qe)), None)
    if cue:
        return Mention(
            text[qs : qe + len(cue)],
            qs,
            qe + len(cue),
            "Programme",
            0.9,
            "quoted-then-cue",
            label=inner + cue,
        )
    suffix = next((s for s in lexicon.ordered("org_suffixes") if text.startswith(s, qe)), None)
    if suffix and len(suffix) > 1:
        cls = lexicon.table("org_suffixes")[suffix][0]
        return Mention(
            text[qs : qe + len(suffix)],
            qs,
            qe + len(suffix),
            cls,
            0.85,
            "quoted-then-suffix",
            label=inner + suffix,
        )
    return None


@entity_rule(
    "quoted-name",
    produces=("Programme", "Event", "Organization", "Product"),
    trust=2,
    extractors=(
        "quoted-programme",
        "quoted-event",
        "quoted-organization",
        "quoted-product",
        "quoted-then-cue",
        "quoted-before-construction",
        "quoted-then-suffix",
    ),
)
def quoted_names(article: Article) -> list[Mention]:
    out = []
    for m in QUOTED.finditer(article.text):
        mention = _quoted_mention(article.text, m)
        if mention:
            out.append(mention)
    return out


# ---------------------------------------------------------------- events


# after the rules that find the bodies whose sessions it names
@entity_rule("session-meeting", produces=("Event",), priority=200, trust=6)
def session_meetings(article: Article) -> list[Mention]:
    """江宁区委三届五次全会暨…会议: a body's numbered session, with the body's name before it."""
    text, out = article.text, []
    bodies = [m for m in article.mentions if m.type in ("PartyOrganization", "GovernmentBody")]
    for m in SESSION.finditer(text):
        start = next((b.start for b in bodies if b.end == m.start() and not b.generic), m.start())
        label = text[start : m.end()]
        short = text[start : m.end()].split("暨")[0]
        out.append(
            Mention(
                label,
                start,
                m.end(),
                "Event",
                0.9,
                "session-meeting",
                label=label,
                aliases=(short,) if short != label else (),
            )
        )
    for m in CONGRESS.finditer(text):
        out.append(Mention(m.group(), m.start(), m.end(), "Event", 0.85, "party-congress", label=m.group()))
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


SHORT_NAME = re.compile(r"[（(]\s*(?:以下)?简称\s*[“\"]([^”\"]{2,12})[”\"]")
COMPANY_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
BODY_TYPES = (
    "Company",
    "Organization",
    "SocialOrganization",
    "GovernmentBody",
    "PartyOrganization",
    "School",
)


def short_forms(text: str, mentions: list[Mention]) -> list[Mention]:
    """A body's short form is its canonical label, the full name an alias: 大河农业有限公司
    （以下简称“大河公司”）, or 大河农业有限公司 where the article also writes 大河农业公司.
    The short form's own mentions then carry the same label."""
    for m in mentions:
        if m.type not in BODY_TYPES or m.generic:
            continue
        full = m.label or m.text
        declared = SHORT_NAME.match(text, m.end)
        short = declared.group(1) if declared else _company_short_form(text, full)
        if short and short != full:
            m.label, m.aliases = short, tuple(dict.fromkeys((*m.aliases, full)))
    return mentions


def _company_short_form(text: str, full: str) -> str | None:
    form = next((f for f in COMPANY_FORMS if full.endswith(f)), None)
    if not form or len(full) - len(form) < 2:
        return None
    short = full[: -len(form)] + "公司"
    return short if short in text.replace(full, "") else None


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
                covered[m.start : m.end] = b"\x01" * (m.end - m.start)
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
            form = next((text[i : i + n] for n in lengths if text[i : i + n] in self.found), None)
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


def propagate(
    text: str, sources: list[Mention], present: list[Mention], extractor: str = "propagation"
) -> list[Mention]:
    """Every occurrence in `text` of a name found in `sources` that no mention already
    `present` covers is a mention too."""
    return Gazetteer(sources).mentions(text, present, extractor)


@component("entity-rules", requires=("text", "tokens"), provides=("mentions",), rules="entity")
def entity_rules(article: Article, rules=None) -> None:
    """Every enabled entity rule, in order of priority (the pipeline hands them over)."""
    titles_found: list[Mention] = []
    for rule in ENTITY_RULES.values() if rules is None else rules:
        for m in rule(article):
            (titles_found if m.type == "Title" else article.mentions).append(m)
    article.mentions = short_forms(article.text, settle_overlaps(article.mentions))
    article.mentions = settle_overlaps(
        article.mentions + propagate(article.text, article.mentions, article.mentions)
    )
    article.mentions = sorted(article.mentions + titles_found, key=lambda m: (m.start, -m.end))


def complete_cut_names(articles: list[Article]) -> None:
    """王小 where the text reads 王小妞 and the document names 王小妞 elsewhere: a person's
    mention cut short of a longer name the document holds is that name."""
    people = {m.label or m.text for a in articles for m in a.mentions if m.type == "Person" and not m.generic}
    for a in articles:
        for m in a.mentions:
            if m.type != "Person" or m.generic:
                continue
            longer = [n for n in people if len(n) > len(m.text) and a.text.startswith(n, m.start)]
            if longer:
                m.text = max(longer, key=len)
                m.end = m.start + len(m.text)
                m.label = m.text


@component("share-names", requires=("mentions",), provides=("mentions",), scope="document")
def share_names(articles: list[Article]) -> None:
    """A name found in one article of a page is a mention wherever the page repeats it;
    a person's mention cut short of a longer name found elsewhere becomes that name."""
    complete_cut_names(articles)
    gazetteer = Gazetteer([m for a in articles for m in a.mentions])
    for a in articles:
        extra = gazetteer.mentions(a.text, a.mentions, "page-propagation")
        if extra:
            names = settle_overlaps([m for m in a.mentions if m.type != "Title"] + extra)
            a.mentions = sorted(
                names + [m for m in a.mentions if m.type == "Title"], key=lambda m: (m.start, -m.end)
            )
