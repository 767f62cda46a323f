"""Organisation and area names by suffix grammar, with nesting.

A *unit* is a proper part followed by a suffix from the lexicons (白沙 + 街道, 环卫 +
服务中心) or a bare suffix right after another unit (党工委 after 白沙街道). Adjacent
units form a *chain* (江宁区 白沙街道 石桥社区), which is what nesting relations are read
from. Where the proper part begins is scored: a name does not start with a function
character, tends to start at a jieba word boundary or a punctuation mark, and has a
typical length for its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jieba

from .. import geo, lexicon
from ..model import Article, Mention
from ..nlp.tokens import word_tag
from .registry import entity_rule

HARD_STOP = re.compile(r"[^\u4e00-\u9fff]")
AFTER_NUMBER = "年月日号时分秒岁个名所家次届"  # 3月7日从…: a date is no part of a name
BODIES = ("PartyOrganization", "GovernmentBody")


@dataclass
class Unit:
    start: int  # where the proper part begins
    suffix_start: int
    end: int
    cls: str
    kind: str  # "area" or "org"
    level: int = 9
    suffix: str = ""
    descriptive: bool = False  # the proper part is common words: the name needs its prefix
    area: str = ""  # 民政厅与财政厅: the area a body listed after another shares with it

    @property
    def bare(self) -> bool:
        return self.start == self.suffix_start


@lru_cache(maxsize=1)
def suffixes() -> tuple[tuple[str, str, str, int], ...]:
    """(suffix, kind, class, level), longest first."""
    out = [
        (s, "area", f[0], int(f[1]) if len(f) > 1 else 9) for s, f in lexicon.table("area_suffixes").items()
    ]
    out += [(s, "org", f[0], 9) for s, f in lexicon.table("org_suffixes").items()]
    return tuple(sorted(out, key=lambda x: -len(x[0])))


@lru_cache(maxsize=1)
def _by_first_char() -> dict[str, tuple]:
    table: dict[str, list] = {}
    for entry in suffixes():
        table.setdefault(entry[0][0], []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


def suffix_at(text: str, i: int):
    for entry in _by_first_char().get(text[i], ()):
        if text.startswith(entry[0], i):
            return entry
    return None


@lru_cache(maxsize=1)
def _unit_scan():
    """The characters where `find_units` has something to do: a hard stop (any character
    outside the CJK block), a character that may follow a number (年, 号) or the first
    character of a suffix. Everything else it passes over one at a time; one regex search
    finds the next of these instead (a run of hard stops at once: each moves the floor past
    itself, so the run moves it past the run)."""
    chars = "".join(sorted(set(AFTER_NUMBER) | set(_by_first_char())))
    return re.compile(f"[^\u4e00-\u9fff]+|[{re.escape(chars)}]")


def _length_prior(kind: str, length: int) -> float:
    if kind == "area":
        return {2: 0.5, 3: 0.6, 4: 0.1}.get(length, -1.0)
    return 0.3 if length == 2 else 0.5 if length <= 8 else 0.2 if length <= 10 else -1.0


@dataclass
class Words:
    """jieba's words of a text by start offset, and the offsets of function characters
    that stop a name (left alone by jieba, or glued to the front of a word it does not
    know, as 从 in 从江宁区)."""

    at: dict[int, str]
    stops: set[int]

    @classmethod
    def of(cls, tokens: list[tuple[str, int]], text: str) -> "Words":
        """A clause verb (成立, 选派: `clause_verbs`) or a word that dates a post (原, 新任, 时任:
        `tenure_cues`) stops a name as a function character does; a function character
        inside a division's name that jieba cut apart (和 in 南/和) does not."""
        stopchars, freq = lexicon.words("name_stopchars"), jieba.dt.FREQ
        verbs = lexicon.words("clause_verbs") | lexicon.words("tenure_cues")
        stops = {s for w, s in tokens if w[0] in stopchars and (len(w) == 1 or not freq.get(w))}
        at = {s: w for w, s in tokens}
        at.update({s + 1: w[1:] for w, s in tokens if s in stops and len(w) > 1})
        words = cls(at, stops | {s for w, s in tokens if w in verbs})
        words.stops -= _inside_divisions(text, words)
        return words

    @property
    def starts(self):
        return self.at.keys()

    def first_word(self, p: int, end: int) -> str | None:
        """The jieba word that starts at `p`; a word that runs past `end` is judged
        whole (文明城市 is a common word, so 文明城 is no name)."""
        return self.at.get(p)


NAME_TAGS = {"nr", "ns", "nt", "nz", "nrt", "nrfg"}


def noun_like(word: str | None) -> bool:
    """A common noun (光谷, 钢城) can still be a place's name where a chain vouches for it."""
    return word is not None and (word_tag(word) or "")[:1] in ("n", "j")


def name_like(word: str | None, proper_len: int = 0) -> bool:
    """Could this word begin a proper name? Unknown words and dictionary names can;
    common words (做好, 物业, 一名) cannot. A lone character that begins a short name
    is where jieba cut a name apart (平/城区), so it can."""
    if word is None or (len(word) == 1 and proper_len <= 3):
        return True
    freq, tag = jieba.dt.FREQ.get(word, 0), word_tag(word)
    return not freq or tag in NAME_TAGS or (tag in ("n", "j") and freq < 50)


NUMERALS = "一二三四五六七八九十"
DIRECTIONS = "东南西北中"


def chain_word(word: str | None) -> bool:
    """What may name an area right after the area it lies in: numbers and directions
    (`numbered_or_directional`) and words jieba has seen only a few times, whatever it tags
    them (两重天 after 东岭县: tagged as a state word; not a verb or a function word)."""
    if numbered_or_directional(word):
        return True
    if not word or len(word) < 2:
        return False
    return jieba.dt.FREQ.get(word, 0) < RARE and (word_tag(word) or "") not in CLAUSE_TAGS


RARE = 10  # a dictionary word seen this rarely is more often a place's name than itself


def numbered_or_directional(word: str | None) -> bool:
    """Numbers and directions name streets and communities (西三路, 北段, 二组) though jieba
    tags them as numerals or time words; a count (一些, 多个) or a date (今年) names nothing.
    Only a chain vouches for them: after 街道, 西三路社区 is a name."""
    if word is None:
        return False
    tag = word_tag(word) or ""
    if tag in ("m", "q"):
        rare = jieba.dt.FREQ.get(word, 0) < 50
        return rare or (any(c in NUMERALS for c in word) and word[-1] not in COUNT_WORDS)
    return tag in ("t", "f") and word[0] in DIRECTIONS


COUNT_WORDS = "个些批家名位次年月日天"
ROAD_PARTS = ("北段", "南段", "东段", "西段", "中段", "段", "路", "街", "巷")


def inside_road_name(text: str, p: int, floor: int) -> bool:
    """长安路北段社区: a name in a chain does not begin with the road's suffix or segment
    (路北段, 北段) when the road's own name lies before it."""
    return p > floor and text.startswith(ROAD_PARTS, p)


def _all_name_like(words: Words, p: int, end: int, chained: bool = False, place: bool = False) -> bool:
    """Every word inside an area's name could be part of a name (刘志强带领 is not); a
    place's may hold a verbal noun after its first word (岚山革命旧址, 青溪体育展览馆)."""
    q = p
    while q < end:
        w = words.at.get(q)
        if w is None:
            q += 1
            continue
        if (
            q + len(w) <= end
            and len(w) > 1
            and not (name_like(w) or noun_like(w) or (chained and chain_word(w)))
            and not (place and q > p and word_tag(w) == "vn")
        ):
            return False
        q += len(w)
    return True


AREA_KINDS = ("行政", "自然")  # 行政村, 自然村: a kind of village (香港特别行政区 is a name)


def is_generic_proper(proper: str, kind: str) -> bool:
    """健康社区, 学习型社区, 第一个社区: a description, not an area's name. (An organisation's
    function part may be common words: 卫生健康委员会.)"""
    if proper[:1] in "全各本该此这":
        return True
    if kind != "area":
        return False
    return (
        proper in AREA_KINDS
        or proper.endswith(_generic_names())
        or proper.startswith(_generic_names())
        or proper[-1:] in "型性化式个"
        or proper[:1] == "第"
    )


@lru_cache(maxsize=1)
def _generic_names() -> tuple[str, ...]:
    return tuple(lexicon.words("generic_names"))  # one startswith / endswith for them all


VOUCHED_LEVELS = ("村", "社区", "镇", "乡", "街道")  # the levels whose party bodies name them


def _whole_word(word: str | None) -> bool:
    """将军, 和平: a dictionary word that begins with a function character is a word of its
    own, not the function character glued to a name (从 in 从江宁区)."""
    return word is not None and len(word) > 1 and bool(jieba.dt.FREQ.get(word))


def _verb_before(words: Words, suffix_start: int) -> bool:
    """下班回社区, 送医进社区: a one-character verb or preposition right before an area's
    suffix governs it (回/社区); a name's last character is part of a word (回龙/村)."""
    w = words.at.get(suffix_start - 1)
    return w is not None and len(w) == 1 and word_tag(w) in ("v", "p")


def body_follows(text: str, pos: int) -> bool:
    """A party or government body's suffix begins at `pos` (…村党支部, …社区党委)."""
    entry = suffix_at(text, pos) if pos < len(text) else None
    if not entry:
        return False
    return entry[1] == "org" and (entry[2] == "PartyOrganization" or entry[0] in ("居委会", "村委会"))


def proper_start(
    text: str,
    words: Words,
    floor: int,
    suffix_start: int,
    kind: str,
    cls: str = "",
    chained: bool = False,
    vouched: bool = False,
) -> int | None:
    """Best start of the proper part before `suffix_start`, or None when there is none
    (a bare suffix). `floor` is the earliest allowed start; `chained` says a name ends
    there, so a descriptive part (社保服务 in 江宁区社保服务大厅) may follow it."""
    if kind == "area" and _verb_before(words, suffix_start):
        return None
    place = kind == "area" and cls == "Place"  # 滨海湿地博物馆: a place's name is longer than an area's
    max_len = 8 if place else 6 if vouched or (chained and kind == "area") else 4 if kind == "area" else 10
    lo = max(floor, suffix_start - max_len)
    if lo >= suffix_start:
        return None
    stopchars = lexicon.words("name_stopchars")
    best, best_score = None, 0.0
    for p in range(lo, suffix_start - 1):
        proper = text[p:suffix_start]
        if any(p <= q < suffix_start for q in words.stops) or is_generic_proper(
            proper, "org" if vouched else kind
        ):
            continue
        if p not in words.at and p != floor or (kind == "area" and inside_road_name(text, p, floor)):
            continue
        first = words.first_word(p, suffix_start)
        in_chain = kind == "area" and chained and p == floor
        if vouched:
            pass  # 胜利村党支部, 团结社区党委: the body after it says the area has this name
        elif (
            (kind == "area" or not (chained and p == floor))
            and not name_like(first, len(proper))
            and not (kind == "area" and noun_like(first))
            and not (in_chain and chain_word(first))
        ):
            continue
        elif kind == "area" and not _all_name_like(words, p, suffix_start, in_chain, place):
            continue
        score = _length_prior("org" if place else kind, len(proper))
        score += 1.0 if p == floor else 0.0
        score += 1.5 if p in words.starts or (chained and p == floor) else 0.0  # a name ends there
        score -= 5.0 if text[p] in stopchars and not _whole_word(first) else 0.0
        if score > best_score:
            best, best_score = p, score
    return best


def find_units(text: str, words: Words) -> list[Unit]:
    units: list[Unit] = []
    i, floor = 0, 0
    search = _unit_scan().search
    by_first = _by_first_char()
    while True:
        hit = search(text, i)
        if hit is None:
            break
        i = hit.start()
        ch = text[i]
        if not "\u4e00" <= ch <= "\u9fff":
            i = floor = hit.end()
            continue
        if ch in AFTER_NUMBER and i and text[i - 1].isdigit():
            i += 1
            floor = i
            continue
        entry = next((e for e in by_first.get(ch, ()) if text.startswith(e[0], i)), None)
        if entry is None:
            i += 1
            continue
        suffix, kind, cls, level = entry
        if _flag(suffix, "area-named"):
            kind = "area"
        if (
            not _suffix_ends_name(text, words, i, suffix, kind)
            or (kind == "org" and _title_starts(text, i, suffix))
            or _qualifies_next(text, i + len(suffix), suffix)
        ):
            i += 1
            continue
        after_name = bool(units) and units[-1].end == floor
        chained = bool(units) and units[-1].end == i
        vouched = suffix in VOUCHED_LEVELS and body_follows(text, i + len(suffix))
        start = i if chained else proper_start(text, words, floor, i, kind, cls, after_name, vouched)
        if (
            start is not None
            and cls in BODIES
            and not (after_name and start == floor)
            and not _flag(suffix, "area-named")
        ):
            start = division_start(words, floor, i)  # 医保中心 with no area before it: a reference
        area = ""
        if start is None and cls in BODIES and (shared := _listed_after_body(text, words, units, i)):
            start, area = shared
        unit = Unit(i if start is None else start, i, i + len(suffix), cls, kind, level, suffix, area=area)
        if (
            kind == "org"
            and len(suffix) == 1
            and not (units and units[-1].end == unit.start)
            and not _division_body(unit, text, words)
            and not unit.area
        ):
            i += 1  # 科 in 超导科技: a one-character suffix only right after a name
            continue
        first = words.first_word(start, i) if start is not None else None
        unit.descriptive = (
            start is not None
            and not vouched
            and not name_like(first, i - start)
            and not (kind == "area" and after_name and start == floor and chain_word(first))
        )
        if _acceptable(
            unit, text, words, bool(units) and units[-1].end == i and units[-1].cls in AREA_OWNERS
        ):
            units.append(unit)
            floor = unit.end
        i += len(suffix)
    return _drop_unsupported_single_chars(units, text, words)


LISTING = "与和、及"


def _listed_after_body(text: str, words: Words, units: list[Unit], i: int) -> tuple[int, str] | None:
    """东岭县财政局、审计局, 青川省民政厅与财政厅: a body listed right after a body named
    with its area shares that area; (where its own name begins, the area's text), or None."""
    if len(units) < 2 or units[-1].cls not in BODIES or units[-2].kind != "area":
        return None
    if units[-2].end != units[-1].start or units[-2].cls != "AdministrativeArea":
        return None
    start = units[-1].end + 1
    if text[units[-1].end : start] not in LISTING or not 2 <= i - start <= 8:
        return None
    if (
        start not in words.at
        or any(start <= q < i for q in words.stops)
        or _clause_word_between(words, start, i)
    ):
        return None
    return start, text[units[-2].start : units[-2].end]


def division_start(words: Words, floor: int, i: int) -> int | None:
    """Where a body's name begins with its province's or prefecture's short name (延安…管理局),
    with no stop between; None when it does not."""
    for p in range(max(floor, i - 10), i - 1):
        if (
            names_its_division(words.at.get(p))
            and not any(p <= q < i for q in words.stops)
            and not _clause_word_between(words, p, i)
        ):
            return p
    return None


CLAUSE_TAGS = {"v", "vd", "d", "ad", "p", "c", "u", "r"}


def _clause_word_between(words: Words, p: int, end: int) -> bool:
    """洛阳大力推进管理局: a verb or an adverb says the words are a clause, not a body's name
    (verbal nouns such as 管理, 保护 and 革命 do name bodies)."""
    q = p
    while q < end:
        w = words.at.get(q)
        if w is None:
            q += 1
            continue
        if len(w) > 1 and q + len(w) <= end and word_tag(w) in CLAUSE_TAGS:
            return True
        q += len(w)
    return False


def _division_body(u: Unit, text: str, words: Words) -> bool:
    """延安…管理局: a one-character body suffix after a name that begins with a division, where
    the suffix ends a word (not 科 inside 广州科技)."""
    return (
        u.cls in BODIES
        and names_its_division(words.at.get(u.start))
        and (u.end >= len(text) or u.end in words.at)
    )


def names_its_division(word: str | None) -> bool:
    """A body whose name begins with a province's or prefecture's short name (a name jieba
    knows as a place, not as a common word) names its area, though without a suffix."""
    if not word or len(word) < 2 or word_tag(word) != "ns":
        return False
    return bool({d.level for d in geo.table().lookup(word)} & {geo.PROVINCE, geo.PREFECTURE})


AREA_OWNERS = ("AdministrativeArea",)


def _acceptable(unit: Unit, text: str, words: Words, after_area: bool = False) -> bool:
    """A bare area suffix is a generic reference (社区 meaning the community named
    before) only as a word of its own, not inside 村民 or 镇长; a place's suffix right after
    an area names the area's own place (青川省体育馆, 东岭县图书馆)."""
    if unit.kind == "area" and unit.bare and unit.cls == "Place" and after_area:
        return True
    if unit.kind == "area" and unit.bare:
        suffix = text[unit.suffix_start : unit.end]
        return suffix in ("社区", "街道", "村", "镇") and words.at.get(unit.suffix_start) == suffix
    return True


def _stands_alone(u: Unit, text: str, words: Words) -> bool:
    """A one-character area suffix with no chain around it: jieba must see it as a word
    start (东岭/县) or see the whole name as one unknown or place word (白沙镇), not as a
    common word (新农村, 主城区, 养殖区; 五星红旗, which jieba's dictionary tags as a name)
    or a word across the suffix (平/城区). jieba tags rare place words as names too (白沙镇)."""
    if words.at.get(u.suffix_start) == text[u.suffix_start : u.end]:
        return True
    word = text[u.start : u.end]
    freq = jieba.dt.FREQ.get(word, 0)
    return words.at.get(u.start) == word and (not freq or (freq < 50 and word_tag(word) in NAME_TAGS))


def _drop_unsupported_single_chars(units: list[Unit], text: str, words: Words) -> list[Unit]:
    """`X区`, `X市`, `X局` … are names only when a chain, the division list or jieba's
    segmentation supports them: otherwise 城市, 格局 and 联合市场 would all be names."""
    keep: list[Unit] = []
    divisions = lexicon.words("divisions")
    for n, u in enumerate(units):
        one_char = u.end - u.suffix_start == 1
        followed = n + 1 < len(units) and units[n + 1].start == u.end
        preceded = bool(keep) and keep[-1].end == u.start
        proper = text[u.start : u.suffix_start]
        if (
            one_char
            and not u.bare
            and u.kind == "area"
            and not (followed or preceded or proper in divisions or _stands_alone(u, text, words))
        ):
            continue
        if (
            one_char
            and u.kind == "org"
            and not preceded
            and not _division_body(u, text, words)
            and not u.area
        ):
            continue
        if u.kind == "area" and u.descriptive and not (followed or preceded):
            continue  # 光谷社区 is a name in 光谷社区卫生服务中心, 健康社区 alone is not
        keep.append(u)
    return keep


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return lexicon.words("titles")


@lru_cache(maxsize=1)
def _titles_by_first_char() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for t in _titles():
        table.setdefault(t[0], []).append(t)
    return {k: tuple(v) for k, v in table.items()}


def _title_starts(text: str, i: int, suffix: str) -> bool:
    """局 in 民政局局长 begins the title 局长, not a second 局; but 党工委 in 党工委书记 is
    still a suffix, since the title is that suffix and another title."""
    for t in _titles_by_first_char().get(text[i], ()):
        if (
            text.startswith(t, i)
            and len(t) > len(suffix)
            and not (t.startswith(suffix) and t[len(suffix) :] in _titles())
        ):
            return True
    return False


QUALIFIERS = ("中心",)
CLINICS = ("医院", "卫生院")


def _qualifies_next(text: str, end: int, suffix: str) -> bool:
    """镇中心幼儿园, 中心卫生院: 中心 before a school's or a clinic's suffix says which one it
    is (the central one), not a body of its own."""
    if suffix not in QUALIFIERS or end >= len(text):
        return False
    entry = suffix_at(text, end)
    return entry is not None and (entry[2] == "School" or entry[0] in CLINICS)


def _flag(suffix: str, flag: str) -> bool:
    return flag in lexicon.table("org_suffixes").get(suffix, ())[1:]


def _suffix_ends_name(text: str, words: Words, i: int, suffix: str, kind: str) -> bool:
    """A weak suffix (物业) ends a name only where the sentence goes on with a function
    word or verb (绿源物业以及…), not with a noun (物业服务, 物业管理, 物业公司)."""
    if not _flag(suffix, "weak"):
        return True
    end = i + len(suffix)
    if end >= len(text) or HARD_STOP.match(text[end]):
        return True
    nxt = words.at.get(end)
    return (
        bool(nxt) and (word_tag(nxt) or "x")[:1] in ("c", "p", "u", "d", "v", "r") and word_tag(nxt) != "vn"
    )


def chains(units: list[Unit]) -> list[list[Unit]]:
    out: list[list[Unit]] = []
    for u in units:
        if out and out[-1][-1].end == u.start:
            out[-1].append(u)
        else:
            out.append([u])
    return out


# ---------------------------------------------------------------- mentions


def _label_start(chain: list[Unit], k: int) -> int:
    """Where an organisation's canonical label starts: at its nearest area prefix for
    party and government bodies (白沙街道党工委, 江宁区医保中心), at its own proper part for
    companies, schools and associations (红枫小学, 绿源保洁公司)."""
    u = chain[k]
    if u.kind == "area" and not u.descriptive:
        return chain[k - 1].start if _owned_place(chain, k) else u.start
    if not u.bare and u.cls not in BODIES and not u.descriptive:
        return u.start
    j = k - 1
    while j >= 0 and (
        chain[j].kind == "org"
        and chain[j].cls in ("PartyOrganization", "GovernmentBody")
        or _function_word(chain, j)
    ):
        j -= 1
    if j >= 0 and chain[j].kind == "area" and chain[j].cls in ("AdministrativeArea", "Place") + BODIES:
        return chain[j].start  # 白沙街道党工委, 江宁区委组织部, X革命旧址管理局
    if j >= 0 and u.bare and not chain[j].bare and not chain[j].descriptive:
        return chain[j].start  # a body of a named hall, association or compound: X纪念馆党组
    return chain[j + 1].start if j + 1 < k or not u.bare else u.start


def _owned_place(chain: list[Unit], k: int) -> bool:
    """青川省体育馆, 东岭县图书馆: a place's bare suffix right after an area is the area's own
    place, named with it."""
    u = chain[k]
    return u.bare and u.kind == "area" and u.cls == "Place" and k > 0 and chain[k - 1].cls in AREA_OWNERS


def _function_word(chain: list[Unit], j: int) -> bool:
    """社区 in 民政局社区建设科: a bare area suffix between a body and its department names the
    department's work, not a community."""
    u = chain[j]
    return (
        u.kind == "area"
        and u.bare
        and 0 < j < len(chain) - 1
        and chain[j - 1].kind == "org"
        and chain[j + 1].kind == "org"
        and chain[j + 1].cls in BODIES
    )


def chain_mentions(text: str, chain: list[Unit]) -> list[Mention]:
    out = []
    for k, u in enumerate(chain):
        if _function_word(chain, k):
            continue
        if u.bare and (k == 0 or u.kind == "area") and not _owned_place(chain, k):
            out.append(
                Mention(text[u.start : u.end], u.start, u.end, u.cls, 0.6, "generic-reference", generic=True)
            )
            continue
        start = _label_start(chain, k)
        label = (chain[0].area if start == chain[0].start else "") + text[start : u.end]
        full = text[chain[0].start : u.end]
        generic = label == u.suffix or any(v.bare and v.start == start for v in chain[:k])  # 社区党支部
        out.append(
            Mention(
                text[start : u.end],
                start,
                u.end,
                u.cls,
                0.6 if generic else 0.9,
                "generic-reference"
                if generic
                else "area-suffix"
                if u.cls in ("AdministrativeArea", "Place")
                else "org-suffix",
                label="" if generic else label,
                generic=generic,
                aliases=(full,) if full != label else (),
            )
        )
    return out


def committee_area(text: str, m: Mention) -> Mention | None:
    """X区委, X市委 … name a party committee and, inside it, the area X区, X市."""
    if m.type == "PartyOrganization" and re.search(r"[省市区县]委$", m.text) and len(m.text) >= 4:
        end = m.end - 1
        return Mention(
            text[m.start : end],
            m.start,
            end,
            "AdministrativeArea",
            0.85,
            "party-committee-area",
            label=text[m.start : end],
        )
    return None


def _inside_divisions(text: str, words: Words) -> set[int]:
    """The stops that lie inside a division's name, where jieba cut the name apart (和 in
    南/和: 南和 is a district) and the name begins and ends at words' boundaries."""
    table, out = geo.table(), set()
    for q in words.stops:
        for p in range(max(0, q - 3), q):
            form = table.form_at(text, p)
            if form and p + len(form) > q and p in words.at and (p + len(form)) in words.at:
                out.add(q)
                break
    return out


@entity_rule(
    "suffix-grammar",
    produces=("Organization", "AdministrativeArea", "Place"),
    priority=10,
    extractors=("org-suffix", "area-suffix"),
    trust={"org-suffix": 3, "area-suffix": 5},
)
def suffix_grammar(article: Article) -> list[Mention]:
    text = article.text
    words = Words.of([(w, s) for w, _, s in article.tokens], text)
    out: list[Mention] = []
    for chain in chains(find_units(text, words)):
        for m in chain_mentions(text, chain):
            out.append(m)
            area = committee_area(text, m)
            if area:
                out.append(area)
    return out
