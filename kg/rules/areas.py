"""Division names from China's own list (kg/geo): full names (泰州市, 怒江傈僳族自治州),
short names (泰州, 怒江州) and chains of them (江苏泰州 = 江苏 + 泰州, 四川德阳中江县).

Short names are common words more often than full names are (来宾, 日照, 和平), so:
a full name needs word boundaries; a province's short name needs to be a word of its own;
a prefecture's short name a word that is not a common word of another kind, unless the
article names its province or a place inside it; a county's short name stands alone only
where the article names the county, its prefecture or its province (红安 after 红安县)."""

from __future__ import annotations

from collections import Counter

import jieba

from .. import geo
from ..components import component
from ..model import Article, Mention
from ..nlp.tokens import word_tag
from .names import suffix_at

NAME_TAGS = {"ns", "nr", "nrt", "nz", "nrfg", None}
COMMON_FREQ = 1000  # a word jieba has seen this often is a common word first (和平, 东方)
STREET_CHARS = set("路街巷道桥弄")  # 北京路, 南京东路: a street, not the city
NAME_GOES_ON = set("山湖河江岭峰岛港湾")  # 宝塔山, 光明湖畔: a mountain or a lake of that name
ONE_CHAR_STEMS = 1  # 城区, 郊区, 吉县: a full name with a one-character stem needs a chain


def _bounds(article: Article) -> tuple[set[int], set[int]]:
    starts = {s for _, _, s in article.tokens}
    ends = {s + len(w) for w, _, s in article.tokens}
    return starts, ends


def _runs(matches: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Adjacent division forms, split where one is not inside the one before."""
    t = geo.table()
    out: list[list[tuple[int, int, str]]] = []
    for m in matches:
        if out and out[-1][-1][1] == m[0]:
            chain = "".join(f for _, _, f in out[-1]) + m[2]
            if t.candidates(chain):
                out[-1].append(m)
                continue
        out.append([m])
    return out


def _common_word(form: str) -> bool:
    """来宾 (guests), 日照 (sunshine), 保定: jieba knows the word as something else."""
    jieba.dt.check_initialized()
    return word_tag(form) not in NAME_TAGS or jieba.dt.FREQ.get(form, 0) >= COMMON_FREQ * 5


def _standalone_ok(text: str, s: int, e: int, form: str, starts: set[int], ends: set[int]) -> bool:
    """A division form with no chain around it: on word boundaries (or right before a
    suffix: 泰州市民政局), not the first part of a street name."""
    if s not in starts:
        return False
    if e < len(text) and text[e] in STREET_CHARS:
        return False
    return e in ends or e == len(text) or suffix_at(text, e) is not None


def _name_goes_on(text: str, e: int, reach: int = 3, words: dict[int, str] | None = None) -> bool:
    """宝清镇, 尖山子乡, 河东新区, 古田镇, 紫金山: a short form that begins a longer name, the
    suffix fewer than `reach` characters after it. After a province (四川宜宾江北新区) a
    two-character name may follow a prefecture's short name: there the reach is shorter, and
    a landform's character that begins a word of its own (江北) is no river of that name."""
    if e < len(text) and text[e] in NAME_GOES_ON and len((words or {}).get(e, "")) < 2:
        return True
    return any(
        e + k < len(text) and (entry := suffix_at(text, e + k)) and entry[2] == "AdministrativeArea"
        for k in range(reach)
    )


def _short_ok(form: str, context: set[str]) -> bool:
    """A short form alone: see the module's docstring."""
    t = geo.table()
    cands = t.lookup(form)
    levels = {d.level for d in cands}
    if geo.PROVINCE in levels:
        return True
    if geo.PREFECTURE in levels:
        placed = any(t.within(c, d.code) or t.within(d.code, c) for c in context for d in cands)
        return placed or not _common_word(form)
    near = [c for c in context if t.by_code[c].level != geo.PROVINCE]
    placed = any(t.within(d.code, c) for c in near for d in cands)
    return placed and jieba.dt.FREQ.get(form, 0) < COMMON_FREQ and word_tag(form) in NAME_TAGS


def _mention(text: str, s: int, e: int, chain_start: int, score: float) -> Mention:
    full = text[chain_start:e]
    return Mention(
        text[s:e],
        s,
        e,
        "AdministrativeArea",
        score,
        "division-name",
        label=text[s:e],
        aliases=(full,) if full != text[s:e] else (),
    )


def division_names(article: Article, names: list[Mention] | None = None) -> list[Mention]:
    """Division forms on word boundaries; the regions that open a place's or a museum's name
    in `names` are on boundaries too (北京 in 北京天安门广场, which jieba keeps as one word)."""
    text, t = article.text, geo.table()
    starts, ends = _bounds(article)
    for m in names or ():
        if m.type in ("Place", "Organization") and not m.generic:
            for s, e in region_forms(m.text):
                starts.add(m.start + s)
                ends.add(m.start + e)
    words = {s: w for w, _, s in article.tokens}
    runs = [_vetted(r, text, words) for r in _runs(list(t.scan(text)))]
    chained = [r for r in runs if len(r) > 1 and r[0][0] in starts]
    lone = [r[0] for r in runs if len(r) == 1]
    out = [_mention(text, s, e, run[0][0], 0.95) for run in chained for s, e, _ in run]
    full = [(s, e, f) for s, e, f in lone if _full(f)]
    out += [
        _mention(text, s, e, s, 0.9)
        for s, e, f in full
        if len(f) > 1 + ONE_CHAR_STEMS and _standalone_ok(text, s, e, f, starts, ends)
    ]
    shorts = [(s, e, f) for s, e, f in lone if (s, e, f) not in full]
    provinces = [m for m in shorts if geo.PROVINCE in {d.level for d in t.lookup(m[2])}]
    context = {c for m in out for c in _codes(m.text)} | {c for _, _, f in provinces for c in _codes(f)}
    out += [
        _mention(text, s, e, s, 0.85)
        for s, e, f in shorts
        if _standalone_ok(text, s, e, f, starts, ends)
        and not _name_goes_on(text, e)
        and _short_ok(f, context)
    ]
    return out


def _vetted(run: list[tuple[int, int, str]], text: str, words: dict[int, str]) -> list[tuple[int, int, str]]:
    """A chain up to a county's short name that is a common word (广西资源环境: 资源), or
    up to a short name that begins a longer name (宝清镇)."""
    for n, (_, _, f) in enumerate(run):
        if (
            n
            and not _full(f)
            and geo.COUNTY in {d.level for d in geo.table().lookup(f)}
            and (jieba.dt.FREQ.get(f, 0) >= COMMON_FREQ or word_tag(f) not in NAME_TAGS)
        ):
            return run[:n]
    if run and not _full(run[-1][2]) and _name_goes_on(text, run[-1][1], 3 if len(run) == 1 else 2, words):
        return run[:-1]
    return run


def _full(form: str) -> bool:
    return any(f.full for f in geo.table().forms[form])


def short_division_name(text: str) -> bool:
    """南京, 江苏: a division's short name, without its suffix (not 南京市, 东岭区)."""
    return text in geo.table().forms and not _full(text)


def _codes(form: str) -> list[str]:
    cands = geo.table().lookup(form)
    return [cands[0].code] if len(cands) == 1 else []


def _crosses(m: Mention, others: list[Mention]) -> bool:
    return any(
        o.start < m.end
        and m.start < o.end
        and not (o.start <= m.start and m.end <= o.end)
        and not (m.start <= o.start and o.end <= m.end)
        or (o.start, o.end) == (m.start, m.end)
        for o in others
    )


@component(
    "division-names",
    requires=("text", "tokens", "mentions"),
    provides=("mentions",),
    extractors=("division-name",),
    trust=4,
)
def add_division_names(article: Article) -> None:
    """The `division-name` mentions, after the rules and the model: one nested in a longer
    name (南宁 in 南宁青溪戏曲博物馆) is kept beside it, one that crosses a name or repeats its
    span is left out. (Run as an entity rule, a short name would keep the model from the
    longer name it begins.)"""
    names = [m for m in article.mentions if m.type != "Title"]
    extra = [
        m
        for m in division_names(article, names)
        if not _crosses(m, names) and not _county_in_a_name(m, names)
    ]
    if extra:
        article.mentions = sorted(article.mentions + extra, key=lambda m: (m.start, -m.end))


def _county_in_a_name(m: Mention, names: list[Mention]) -> bool:
    """双流 in 双流国际机场, 南和 in 南和青岚景区: a county's short name inside a longer name
    is part of that name (a prefecture's or province's short name, as 柳州 in 柳州青岚博物馆,
    still says where the place is)."""
    if _full(m.text) or {d.level for d in geo.table().lookup(m.text)} != {geo.COUNTY}:
        return False
    return any(
        o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end) and not o.generic
        for o in names
    )


def region_forms(text: str) -> list[tuple[int, int]]:
    """(start, end) of each division of the chain that opens `text`, each inside the one
    before (浙江|湖州|长兴|鼓楼广场; 鼓楼 after 长兴 is no division inside it)."""
    ends = geo.table().chain_ends(text)
    return list(zip([0, *ends[:-1]], ends))


@component("regional-labels", requires=("mentions",), provides=("mentions",))
def regional_labels(article: Article) -> None:
    """浙江湖州长兴青岚广场, 广西柳州青岚工业博物馆: a place or a museum named with the regions
    it lies in is labelled from the last of them (长兴青岚广场, 柳州青岚工业博物馆), the whole
    name its alias; the regions say where it is (rule `named-after-its-region`). A company
    keeps its registered name (广东…有限公司), a body the area it serves."""
    for m in article.mentions:
        if m.type not in ("Place", "Organization") or m.generic or m.label != m.text:
            continue
        forms = region_forms(m.text)
        if len(forms) >= 2 and len(m.text) - forms[-1][1] >= 2:
            m.label = m.text[forms[-1][0] :]
            m.aliases = (*m.aliases, m.text)


# ---------------------------------------------------------------- the article's region


def home_region(articles: list[Article]) -> str | None:
    """The division a document is about: its most named county, else prefecture, else
    province (among the divisions its mentions settle by the list alone)."""
    t = geo.table()
    counts: Counter = Counter()
    for a in articles:
        for m in a.mentions:
            if m.type == "AdministrativeArea" and not m.generic:
                d = _settled(m)
                if d is not None:
                    counts[d.code] += 1
    for level in (geo.COUNTY, geo.PREFECTURE, geo.PROVINCE):
        best = [c for c, _ in counts.most_common() if t.by_code[c].level == level]
        if best:
            return best[0]
    return None


def _settled(m: Mention) -> geo.Division | None:
    t = geo.table()
    for form in sorted({m.text, *m.aliases}, key=len, reverse=True):
        cands = t.candidates(form)
        if len(cands) == 1:
            return cands[0]
    return None


def region_code(value: str | None) -> str | None:
    """A region given as a code (320500) or a name (江苏省苏州市, 苏州) -> its code, or None."""
    if not value:
        return None
    t = geo.table()
    value = value.strip()
    if value.isdigit():
        return value if value in t.by_code else None
    d = geo.choose(t.candidates(value))
    return d.code if d else None


@component("area-context", requires=("mentions",), provides=("region",), scope="document")
def area_context(articles: list[Article]) -> None:
    """Each article's region: the input's (`region` of a .jsonl line, `--region`), else the
    division its document names most (one page of a local paper shares it)."""
    home = None
    for a in articles:
        a.region = region_code(a.region)
        if a.region is None:
            home = home or home_region(articles) or ""
            a.region = home or None
