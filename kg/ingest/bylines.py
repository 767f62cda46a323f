"""Who wrote an article and when, as Chinese papers print it: bylines, datelines, trailing
credits, photo credits, mastheads and dates. Each form is one small named function over one
line of text; `page.py` decides where on a page the lines stand.

A *credit* is the list of people one of those lines names, with the photographers apart
(a photographer is a person, never an author) and the run-together names that could not be
split safely (kept whole, reported as build warnings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .. import lexicon

CJK = r"\u4e00-\u9fff"
SPACE = r"\s\u3000"
# the outlet before a role: 本报记者, 南方日报记者, 新华社记者, 本台记者 (never right after a
# character, so the 社 of a name like 张建社 in 记者张建社通讯员… is not taken for one)
OUTLET = rf"(?:本报|本刊|本台|本网|(?<![{CJK}])[{CJK}]{{1,10}}?(?:日报|晚报|晨报|报|通讯社|新闻社|社|电视台|台|网))"
# an editor (编辑, 责任编辑) is no author: a line that credits one is no byline
BASE_ROLE = r"(?:特约|特派|见习|首席|融媒体|全媒体)?(?:摄影记者|记者|通讯员|实习生|摄影|撰稿人?)"
BULLETS = "■□●○◎★☆◆◇▲△▼▽•"
CREDIT_MARK = (
    rf"(?:文[/／]图|图[/／]文)(?:[{SPACE}]*[/／|｜:：]|(?=[{SPACE}]))|(?:文|图片|图)[{SPACE}]*[/／|｜:：]"
)
ROLE = re.compile(rf"{OUTLET}?(?:驻[{CJK}]{{1,6}}?)?{BASE_ROLE}|作者(?=[:：{SPACE}])|{CREDIT_MARK}")
TAILS = re.compile(r"(?:参与采写|采写|综合报道|摄影报道|联合报道|报道|整理|供稿)$")
NAME = re.compile(rf"[{CJK}][{CJK}·]{{1,11}}")
MASTHEAD = re.compile(
    rf"[《〈]([^《》〈〉\n]{{1,16}})[》〉][{SPACE}]*[（(]?[{SPACE}]*(\d{{4}})[{SPACE}]*年[{SPACE}]*(\d{{1,2}})"
    rf"[{SPACE}]*月[{SPACE}]*(\d{{1,2}})[{SPACE}]*日[^（）()\n]{{0,16}}[）)]?[{SPACE}]*$"
)
STRONG_DATELINE = re.compile(
    rf"^(?:本报讯|本刊讯|(?:本报|本刊|{OUTLET})[{CJK}]{{0,8}}?(?:\d{{1,2}}月\d{{1,2}}日)?(?:电|讯)"
    rf"(?=[{SPACE}（(：:]))"
)
DATELINE = re.compile(rf"^(?:本报|本刊|{OUTLET})?[{CJK}]{{0,12}}?(?:(\d{{1,2}})月(\d{{1,2}})日)?(?:电|讯)")
LEAD = re.compile(rf"^((?:本报讯|本刊讯|[{CJK}\d]{{1,16}}(?:讯|电)))[{SPACE}]*[（(]([^）)\n]{{1,60}})[）)]")
PAREN = re.compile(rf"^[（(][{SPACE}]*([^（）()\n]{{2,120}}?)[{SPACE}]*[）)]$")
PHOTO_LINE = re.compile(rf"^(.{{2,40}}?)[{SPACE}]*/?摄(?:[（(][^）)\n]{{1,12}}[）)])?$")
PHOTO_PREFIX = re.compile(rf"^(?:摄影|图片?)[{SPACE}]*[:：/／|｜][{SPACE}]*(.{{2,40}})$")
SUPPLIED = re.compile(rf"^(.{{2,20}}?)[{SPACE}]*供图$")
INLINE_PHOTO = re.compile(
    rf"[（(][{SPACE}]*([{CJK}{SPACE}·、]{{2,20}}?)[{SPACE}]*摄[{SPACE}]*[）)]"
    rf"|(?<=[。！？])[{SPACE}]*([{CJK}{SPACE}·]{{2,8}}?)[{SPACE}]*摄$"
)
ISO = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass
class Credit:
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    unsplit: list[str] = field(default_factory=list)  # run-together names left whole

    def __bool__(self) -> bool:
        return bool(self.authors or self.photographers)


# ---------------------------------------------------------------- names


def _surnames() -> frozenset[str]:
    return lexicon.words("surnames")


def starts_with_surname(name: str) -> bool:
    return name[:2] in _surnames() or name[:1] in _surnames()


def _segmentations(token: str) -> list[list[str]]:
    """Every way to cut `token` into names of two or three characters (four after a
    two-character surname), each beginning with a surname."""
    if not token:
        return [[]]
    out = []
    for size in (2, 3, 4):
        head = token[:size]
        if len(head) < size or not starts_with_surname(head):
            continue
        if size == 4 and head[:2] not in _surnames():
            continue
        out += [[head] + rest for rest in _segmentations(token[size:])]
    return out


def split_run_together(token: str) -> list[str] | None:
    """`陈明刘洋` is 陈明 + 刘洋 when that is the only way to cut it into surname-led names;
    None when the token cannot be cut safely (no way, or more than one)."""
    if "·" in token:
        return None
    cuts = [c for c in _segmentations(token) if len(c) > 1]
    return cuts[0] if len(cuts) == 1 else None


def _is_name(token: str, checked: bool) -> bool:
    if token in lexicon.words("byline_nonnames"):
        return False
    return (
        bool(NAME.fullmatch(token))
        and len(token) <= 4 + token.count("·") * 4
        and (not checked or starts_with_surname(token))
    )


def _merge_halves(tokens: list[str]) -> list[str]:
    """`张  驰`: a two-character name printed with a space inside is one name."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def names_in(text: str, credit: Credit, photo: bool = False, checked: bool = False) -> bool:
    """Add the names of `text` (separated by 、，spaces; `X摄` a photographer, a trailing
    报道/参与采写 dropped) to `credit`. False when something in it is not a name."""
    ok = True
    for group in re.split(r"[、，,；;]+", text):
        tokens = [t for t in re.split(rf"[{SPACE}]+", group.strip(" :：/／|｜\u3000")) if t]
        tokens = [TAILS.sub("", t) if len(t) > 2 else t for t in tokens]
        for token in _merge_halves([t for t in tokens if t and not TAILS.fullmatch(t)]):
            ok &= _add_name(token, credit, photo, checked)
    return ok


def _add_name(token: str, credit: Credit, photo: bool, checked: bool) -> bool:
    if token == "摄" and credit.authors:
        credit.photographers.append(credit.authors.pop())
        return True
    if token.endswith("摄") and _is_name(token[:-1], checked):
        credit.photographers.append(token[:-1])
        return True
    into = credit.photographers if photo else credit.authors
    if len(token) == 4 and token[:2] in _surnames():
        into.append(token)
        return True
    if len(token) >= 4 and "·" not in token:
        parts = split_run_together(token)
        if parts:
            into += parts
            return True
        if NAME.fullmatch(token) and len(token) <= 6 and not checked:
            into.append(token)
            credit.unsplit.append(token)
            return True
        return False
    if _is_name(token, checked):
        into.append(token)
        return True
    return False


def parse_credit(text: str, checked: bool = False) -> Credit | None:
    """The people a credit names: roles (本报记者, 通讯员, 南方日报记者, 文/, 摄影) each
    followed by names. Role-less names count only where `checked` lets them (each must
    begin with a surname). None when any part of `text` is neither role nor name."""
    credit = Credit()
    pos, photo, has_role = 0, False, False
    for m in ROLE.finditer(text):
        if not names_in(text[pos : m.start()], credit, photo, checked and not has_role):
            return None
        has_role = True
        photo = "摄影" in m.group() or (m.group().startswith("图") and "文" not in m.group())
        pos = m.end()
    if not names_in(text[pos:], credit, photo, checked and not has_role):
        return None
    return credit


# ---------------------------------------------------------------- line forms


def strip_masthead(text: str) -> tuple[str, str | None]:
    """`本报记者  王小明《某某日报》（2025年02月11日第 19 版）` → the byline and 2025-02-11."""
    m = MASTHEAD.search(text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), valid_date(*m.groups()[1:])


def byline_credit(text: str) -> Credit | None:
    """A byline line: a role and names (`本报记者 王小明 李红`, `记者 王小明 报道`,
    `文/图 王小明`), or names alone before a masthead (`王小明  李红《某某日报》（…）`).
    A bare role (`本报记者`, its names on the lines below) is an empty credit."""
    rest, masthead = strip_masthead(text.lstrip(BULLETS + " \u3000"))
    if not rest or len(rest) > 60 or rest.endswith(("摄", "供图")):
        return None
    starts_with_role = bool(ROLE.match(rest))
    if not starts_with_role and not masthead:
        return None
    return parse_credit(rest, checked=not starts_with_role)


def lead_credit(text: str) -> Credit | None:
    """A lead that opens the body with its reporters: `本报讯（记者 X 通讯员 Y）`,
    `本报南京2月10日电  （X、Y）`, `本报电  （记者X）`, `本报某地讯（通讯员 Y）`."""
    m = LEAD.match(text)
    if not m or not DATELINE.match(m.group(1)):
        return None
    credit = parse_credit(m.group(2), checked=True)
    return credit if credit and credit.authors else None


def is_dateline(text: str) -> bool:
    """A body that opens with a dateline and no credit: `本报讯 近日，…`, `本报东岭2月10日电 …`."""
    return bool(STRONG_DATELINE.match(text))


def lead_span(text: str) -> tuple[int, int] | None:
    """Where a lead's parenthesis stands in `text`."""
    m = LEAD.match(text)
    return m.span(2) if m and lead_credit(text) else None


def trailing_credit(text: str, last: bool) -> Credit | None:
    """A paragraph of its own in parentheses that credits reporters: `（本报记者 X、Y）`,
    `（本报记者X、Y参与采写）`, or, as the article's last paragraph, `（X）`."""
    m = PAREN.match(text)
    if not m:
        return None
    inner = m.group(1)
    if not ROLE.match(inner) and not (last or TAILS.search(inner)):
        return None
    credit = parse_credit(inner, checked=True)
    return credit if credit and credit.authors else None


def photo_credit(text: str) -> list[str]:
    """The photographers a photo-credit line names: `王小明摄`, `王  明摄（某某视觉）`,
    `新华社记者  王小明摄`, `摄影：王小明`, `图/王小明`, `王小明供图`."""
    for pattern in (PHOTO_LINE, PHOTO_PREFIX, SUPPLIED):
        m = pattern.match(text)
        if m:
            credit = parse_credit(m.group(1), checked=True)
            if credit:
                return credit.authors + credit.photographers
    return []


def inline_photographers(text: str) -> list[tuple[str, int, int]]:
    """`（王小明 摄）` at the end of a caption: (name, start, end) of each photographer."""
    out = []
    for m in INLINE_PHOTO.finditer(text):
        group = 1 if m.group(1) else 2
        credit = parse_credit(m.group(group), checked=True)
        if credit:
            out += [(n, m.start(group), m.end(group)) for n in credit.authors]
    return out


# ---------------------------------------------------------------- dates


def valid_date(y, mo, d) -> str | None:
    try:
        return date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def normalise_date(value: str | None) -> str | None:
    """A metadata date (`2025-02-11`, `2025-02-11T08:00:00+08:00`, `2025年2月11日`,
    `2025/2/11`) as an xsd:date; None for anything else (no date is guessed)."""
    m = ISO.match(value or "")
    return valid_date(*m.groups()) if m else None


def dateline_date(text: str, year: int | None) -> str | None:
    """`本报南京2月10日电` with the year known from elsewhere; None without a year."""
    m = DATELINE.match(text)
    if not m or not m.group(1) or year is None:
        return None
    return valid_date(year, m.group(1), m.group(2))
