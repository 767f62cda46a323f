"""Relation rules. Each is a small named function from an article's mentions to
`Relation`s; its name is the provenance record's `extractor`, and its evidence is the
sentence that holds the cue."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import lexicon
from ..components import component
from ..model import ORG_CLASSES, Article, Mention, Relation
from ..nlp.tokens import word_tag
from . import titles
from .areas import short_division_name
from .registry import RELATION_RULES, relation_rule

CJK = r"\u4e00-\u9fff"
AREAS = ("AdministrativeArea", "Place")
AGENTS = ORG_CLASSES + ("AdministrativeArea",)
BODIES = ("PartyOrganization", "GovernmentBody")
FACILITIES = ("中心",)  # 体育中心, 卫生服务中心, 市民中心: a place in the area, not a part of it
COLLECTIVES = ("股份经济合作社", "经济合作社", "经济联合社", "股份合作社")  # a village's own economy


def entities(article: Article) -> list[tuple[int, Mention]]:
    """(index, mention) of every mention that stands for a resolved entity."""
    return [(i, m) for i, m in enumerate(article.mentions) if m.type != "Title" and m.label]


def evidence(article: Article, start: int, end: int) -> tuple[int, int]:
    """The sentence that holds text[start:end] (or the span itself when it crosses one)."""
    for s in article.sentences:
        if s.start <= start and end <= s.end:
            return s.start, s.end
    return start, end


def relation(
    article: Article,
    s: int,
    p: str,
    o: int,
    span: tuple[int, int],
    confidence: float,
    extractor: str,
    title: str | None = None,
) -> Relation:
    ev = evidence(article, *span)
    return Relation(s, p, o, ev[0], ev[1], confidence, extractor, title)


@lru_cache(maxsize=1)
def cues() -> dict[str, tuple[str, ...]]:
    by_predicate: dict[str, list[str]] = {}
    for cue, fields in lexicon.table("relation_cues").items():
        by_predicate.setdefault(fields[0], []).append(cue)
    return {p: tuple(sorted(c, key=len, reverse=True)) for p, c in by_predicate.items()}


@lru_cache(maxsize=None)
def cue_pattern(predicate: str) -> re.Pattern | None:
    """The predicate's cues as one alternation, longest first (compiled once, not per article)."""
    pattern = "|".join(re.escape(c) for c in cues().get(predicate, ()))
    return re.compile(pattern) if pattern else None


def cue_hits(article: Article, predicate: str):
    pattern = cue_pattern(predicate)
    return pattern.finditer(article.text) if pattern else iter(())


def sentence_of(article: Article, pos: int) -> tuple[int, int]:
    s = article.sentence_at(pos)
    return (s.start, s.end) if s else (0, len(article.text))


def inside_event(article: Article, m: Mention) -> bool:
    return any(
        e.type == "Event" and e.start <= m.start and m.end <= e.end and e is not m for e in article.mentions
    )


def nearest_before(article: Article, pos: int, classes, lo: int) -> int | None:
    """The agent closest before `pos` in [lo, pos): the one that ends last, longest on a tie."""
    cands = [
        (m.end, m.end - m.start, i)
        for i, m in entities(article)
        if m.type in classes and lo <= m.start and m.end <= pos and not inside_event(article, m)
    ]
    return max(cands)[2] if cands else None


def clause_start(article: Article, pos: int, lo: int) -> int:
    cut = max(article.text.rfind(p, lo, pos) for p in "，；：")
    return cut + 1 if cut >= lo else lo


def clause_subject(article: Article, pos: int, lo: int) -> int | None:
    """The agent that opens the verb's clause, taken whole (青州市民政局, not 青州市) and to the
    end of its chain (江宁区白沙街道石桥社区 → 石桥社区); else the agent that opens the
    sentence (the subject of an earlier clause)."""
    for start in (clause_start(article, pos, lo), lo):
        agents = sorted(
            (
                (m.start, -(m.end - m.start), i)
                for i, m in entities(article)
                if m.type in AGENTS
                and start <= m.start
                and m.end <= pos
                and not inside_event(article, m)
                and not _modifies_a_noun(article, m)
            )
        )
        if agents:
            return _whole_chain(article, agents)
    return None


def _modifies_a_noun(article: Article, m: Mention) -> bool:
    """东岭县文化馆举办…: an area right before a noun that no mention covers names the
    place of a body not recognised, and is not itself the actor."""
    if m.type not in AREAS:
        return False
    word = next((w for w, _, s in article.tokens if s == m.end), None)
    tag = (word_tag(word) or "") if word else ""
    covered = any(o.start == m.end and o.type != "Title" for o in article.mentions)
    adverb = word in lexicon.words("clause_verbs")  # 大力, 全力: jieba's nouns, here adverbs
    return tag.startswith("n") and not tag.startswith("nr") and not covered and not adverb


def _whole_chain(article: Article, agents: list[tuple]) -> int:
    current = agents[0][2]
    for _, _, i in agents[1:]:
        m, c = article.mentions[i], article.mentions[current]
        if m.start == c.end or (m.start == c.start and m.end > c.end):
            current = i
    return current


def outermost(article: Article, indexes: list[int]) -> list[int]:
    """Drop the mentions that lie inside another one of `indexes` (青州市 in 青州市红十字会)."""
    ms = article.mentions
    return [
        i
        for i in indexes
        if not any(
            j != i
            and ms[j].start <= ms[i].start
            and ms[i].end <= ms[j].end
            and (ms[j].end - ms[j].start) > (ms[i].end - ms[i].start)
            for j in indexes
        )
    ]


def first_after(article: Article, pos: int, classes, hi: int) -> int | None:
    cands = [
        (m.start, -(m.end - m.start), i)
        for i, m in entities(article)
        if m.type in classes and pos <= m.start and m.end <= hi
    ]
    return min(cands)[2] if cands else None


# ---------------------------------------------------------------- leads / memberOf

AREA_HEADS = re.compile(r"^[省市区县镇乡村]长$")
GENERIC_AREAS = ("社区", "街道", "村", "镇", "乡")
HOLDERS = AGENTS + ("Place",)  # bodies a post is held in (a museum typed as a place too)
GAP = re.compile(r"(?:[内里中]?[，,]|的|年轻|青年|资深|退休)")  # 公司内，负责人X; 镇年轻干部X
STANDS_ALONE = re.compile(rf"(?:^|[^{CJK}]|[的在和与及是为对该本此这])$")  # before a bare 村: not 建设村


def _titles_in_a_row(article: Article) -> list[list[Mention]]:
    """Titles joined by 、 or 兼 share their organisation and their person:
    白沙镇党委副书记、镇长陆文博."""
    rows: list[list[Mention]] = []
    for t in (m for m in article.mentions if m.type == "Title"):
        if rows and article.text[rows[-1][-1].end : t.start] in ("、", "兼"):
            rows[-1].append(t)
        else:
            rows.append([t])
    return rows


def _ending_at(article: Article, pos: int) -> int | None:
    """The longest named agent that ends right where a title begins."""
    cands = [
        (m.end - m.start, i)
        for i, m in entities(article)
        if m.type in HOLDERS and m.end == pos and m.start < pos
    ]
    return max(cands)[1] if cands else None


def _own_body(article: Article, t: Mention) -> int | None:
    """A body whose name runs into the title (白沙镇党委 in 白沙镇党委书记)."""
    cands = [
        (m.end - m.start, i)
        for i, m in entities(article)
        if m.type in HOLDERS and m.start < t.start < m.end <= t.end
    ]
    return max(cands)[1] if cands else None


def _generic_area_base(article: Article, t: Mention) -> int | None:
    """村党委书记, 社区第一书记: the bare 村 or 社区 means the village or community named
    nearest before (else next after) in the article."""
    before = article.text[max(0, t.start - 2) : t.start]
    suffix = next((g for g in GENERIC_AREAS if before.endswith(g)), None)
    if suffix is None or not STANDS_ALONE.search(
        article.text[max(0, t.start - len(suffix) - 1) : t.start - len(suffix)]
    ):
        return None
    areas = [
        (i, m)
        for i, m in entities(article)
        if m.type in AREAS and not m.generic and m.label.endswith(suffix) and len(m.label) > len(suffix)
    ]
    earlier = [(m.end, i) for i, m in areas if m.end <= t.start]
    later = [(-m.start, i) for i, m in areas if m.start >= t.end]
    return max(earlier or later)[1] if earlier or later else None


def _nearby_agent(article: Article, t: Mention) -> int | None:
    """福鼎茶业公司内，负责人X, 白沙镇年轻干部X: the agent a few characters before the
    title in its sentence, with no other name between."""
    lo, _ = sentence_of(article, t.start)
    cands = [
        (m.end, m.end - m.start, i)
        for i, m in entities(article)
        if m.type in HOLDERS
        and not m.generic
        and lo <= m.start
        and m.end < t.start
        and GAP.fullmatch(article.text, m.end, t.start)
    ]
    if not cands:
        return None
    end, _, i = max(cands)
    between = any(end <= m.start and m.end <= t.start for m in article.mentions if m.type != "Title")
    return None if between else i


def _base(article: Article, t: Mention) -> int | None:
    """The name a title's body is named after: right before it, a bare 村 meaning the
    village named before, else (with no body of its own) a name a comma before it."""
    i = _ending_at(article, t.start)
    if i is None:
        i = _generic_area_base(article, t)
    if i is None and _own_body(article, t) is None:
        i = _nearby_agent(article, t)
    return i


def _derived_body(article: Article, base: int, t: Mention, post: titles.Post) -> int:
    """The body a title names by its body word (村党委书记 → X村党委): the mention of that
    name in the article, else a new one on the body word."""
    label = article.mentions[base].label + post.body
    found = next((i for i, m in entities(article) if m.label == label), None)
    if found is not None:
        return found
    article.mentions.append(
        Mention(
            post.body,
            t.start,
            t.start + len(post.body),
            post.body_class,
            0.7,
            "title-body",
            label=label,
            generic=True,
        )
    )
    return len(article.mentions) - 1


def _target(article: Article, t: Mention, base: int | None, own: int | None, post: titles.Post) -> int | None:
    ms = article.mentions
    if post.of_area:
        return next((i for i in (own, base) if i is not None and ms[i].type in AREAS), None)
    if post.body:
        if own is not None:
            return own
        return _derived_body(article, base, t, post) if base is not None else None
    if own is not None:
        return own
    return _area_headed(article, t, base) if base is not None else None


def _area_headed(article: Article, t: Mention, org: int) -> int:
    """镇长, 县长 … lead the area itself (白沙镇), not the party body named with it."""
    if not AREA_HEADS.match(t.text):
        return org
    o = article.mentions[org]
    areas = [
        (m.end, i)
        for i, m in entities(article)
        if m.type == "AdministrativeArea"
        and o.start <= m.start
        and m.end <= max(o.end, t.start)
        and m.label.endswith(t.text[0])
    ]
    return max(areas)[1] if areas else org


def _person_after(article: Article, pos: int) -> int | None:
    gap = len(article.text[pos : pos + 3]) - len(article.text[pos : pos + 3].lstrip(" \u3000"))
    return next((i for i, m in entities(article) if m.type == "Person" and m.start == pos + gap), None)


def _post_relations(article: Article, row: list[Mention], person: int, extractor: str) -> list[Relation]:
    """One fact per post of a row; the body is the row's first name, or each title's own."""
    out, base = [], _base(article, row[0])
    former = titles.is_former(
        article.text,
        article.mentions[base].start
        if base is not None and article.mentions[base].end <= row[0].start
        else row[0].start,
    )
    for t in row:
        post = titles.parse(t.text)
        own = _own_body(article, t) if t is row[0] else None
        target = _target(article, t, base, own, post)
        if post.predicate not in ("leads", "memberOf") or target is None:
            continue
        ms = article.mentions
        span = (min(ms[target].start, ms[person].start, t.start), max(ms[person].end, t.end))
        out.append(
            replace(
                relation(article, person, post.predicate, target, span, 0.9, extractor, title=t.text),
                tense="former" if former else "current",
            )
        )
        if ms[target].extractor == "title-body" and base is not None:
            out.append(relation(article, target, "subOrganizationOf", base, span, 0.8, "title-body"))
    return out


AFTER_NAME = re.compile(r"[，,（(]|是|系|任")


@relation_rule("name-then-post", produces=("leads", "memberOf"))
def name_then_post(article: Article) -> list[Relation]:
    """PERSON，BODY TITLE， / PERSON（BODY TITLE）: a post written after the name, the body
    named right before the title and nothing after the title but a stop."""
    out = []
    for row in _titles_in_a_row(article):
        base = _ending_at(article, row[0].start)
        if (
            base is None
            or _person_after(article, row[-1].end) is not None
            or not re.match(r"[，,。；）)]", article.text[row[-1].end : row[-1].end + 1])
        ):
            continue
        b = article.mentions[base]
        people = [
            i
            for i, m in entities(article)
            if m.type == "Person"
            and m.end < b.start
            and AFTER_NAME.fullmatch(article.text, m.end, _chain_start(article, base))
        ]
        if people:
            out += _post_relations(article, row, people[0], "name-then-post")
    return out


AUTHOR_NOTE = re.compile(r"[（(]作者(?:为|系|是)([^（()）]{2,40})[）)]")


@relation_rule("author-note", produces=("leads", "memberOf"))
def author_note(article: Article) -> list[Relation]:
    """（作者为东岭县文化馆副馆长）: the note that closes a signed piece gives its one author's
    post (the author named in the byline)."""
    if len(article.authors) != 1:
        return []
    author = next(
        (i for i, m in entities(article) if m.type == "Person" and m.label == article.authors[0]), None
    )
    out: list[Relation] = []
    for note in AUTHOR_NOTE.finditer(article.text):
        start, end = note.span(1)
        for row in _titles_in_a_row(article):
            if author is not None and start < row[0].start and row[-1].end == end:
                out += _post_relations(article, row, author, "author-note")
    return out


def _chain_start(article: Article, i: int) -> int:
    """Where the chain of names that ends with mention `i` begins (东岭县白沙镇 → 东)."""
    start = article.mentions[i].start
    while True:
        prev = [m.start for _, m in entities(article) if m.end == start and m.type in AGENTS]
        if not prev:
            return start
        start = min(prev)


@relation_rule("title-after-organization", produces=("leads", "memberOf"))
def title_after_organization(article: Article) -> list[Relation]:
    """BODY TITLE、TITLE PERSON: each post of the chain before the name."""
    out = []
    for row in _titles_in_a_row(article):
        person = _person_after(article, row[-1].end)
        if person is not None:
            out += _post_relations(article, row, person, "title-after-organization")
    return out


# ---------------------------------------------------------------- nesting in names


def _prefix_parent(article: Article, i: int, m: Mention) -> int | None:
    """The longest other mention that is a proper prefix of `m` (江宁区法院 in
    江宁区法院第三检察部, 白沙街道 in 白沙街道党工委)."""
    cands = [
        (o.end - o.start, j)
        for j, o in entities(article)
        if j != i and o.start == m.start and o.end < m.end and o.type in AGENTS
    ]
    return max(cands)[1] if cands else None


def _label_parent(article: Article, m: Mention) -> int | None:
    """社区党委 meaning 石桥社区党委: the area its label was made from."""
    return next(
        (
            j
            for j, o in entities(article)
            if o.type in AREAS
            and not o.generic
            and m.label.startswith(o.label)
            and m.label[len(o.label) :] in titles.bodies()
        ),
        None,
    )


def _dictionary_word(text: str) -> bool:
    import jieba

    return bool(jieba.dt.FREQ.get(text))


@relation_rule("body-of-area", produces=("subOrganizationOf",))
def body_of_area(article: Article) -> list[Relation]:
    """A party or government body named after an area or body is part of it."""
    out = []
    for i, m in entities(article):
        if m.type not in BODIES and not m.label.endswith(COLLECTIVES):
            continue
        j = _label_parent(article, m) if m.generic else _prefix_parent(article, i, m)
        if j is not None and m.type not in BODIES and _dictionary_word(article.mentions[j].label):
            continue  # 行政村股份经济合作社: a common word, no village's name
        if j is None:
            continue
        if m.label.endswith(FACILITIES) and article.mentions[j].type in AREAS:
            out.append(relation(article, i, "locatedIn", j, (m.start, m.end), 0.8, "body-of-area"))
        else:
            out.append(relation(article, i, "subOrganizationOf", j, (m.start, m.end), 0.85, "body-of-area"))
    return out


NAMED_AFTER_AREA = ("School", "SocialOrganization")


@relation_rule("school-of-area", produces=("locatedIn",))
def school_of_area(article: Article) -> list[Relation]:
    """白沙镇中心小学, 石桥村农民互助会: a school or an association named after its area (in
    full, with its suffix) lies in it."""
    out = []
    for i, m in entities(article):
        if m.type not in NAMED_AFTER_AREA or m.generic or m.label.endswith(COLLECTIVES):
            continue  # a village's own economy is part of it (`body-of-area`)
        j = _prefix_parent(article, i, m)
        if j is None:
            continue
        parent = article.mentions[j]
        if parent.type == "AdministrativeArea" and not short_division_name(parent.text):
            out.append(relation(article, i, "locatedIn", j, (m.start, m.end), 0.8, "school-of-area"))
    return out


def _verb_at(article: Article, pos: int) -> bool:
    """石桥村委托东岭县 is no chain: a verb follows the first name."""
    word = next((w for w, _, s in article.tokens if s == pos), None)
    return bool(word) and (word_tag(word) or "").startswith("v")


@lru_cache(maxsize=1)
def _division_suffixes() -> tuple[str, ...]:
    return tuple(w for w, f in lexicon.table("area_suffixes").items() if f[:1] == ("AdministrativeArea",))


@relation_rule("area-in-its-chain", produces=("locatedIn",))
def area_in_its_chain(article: Article) -> list[Relation]:
    """崂山区金家岭街道 as one mention, with 崂山区 inside it: the longer name is the area
    at the chain's end, located in the area that opens it (not X区政务服务大厅, a place
    the area's name qualifies)."""
    out = []
    suffixes = _division_suffixes()
    for i, m in entities(article):
        if m.type not in AREAS or m.generic:
            continue
        j = _prefix_parent(article, i, m)
        rest = m.label[len(article.mentions[j].label) :] if j is not None else ""
        if (
            j is not None
            and article.mentions[j].type in AREAS
            and len(rest) >= 3
            and rest.endswith(suffixes)
            and m.label.startswith(article.mentions[j].label)
            and not _verb_at(article, article.mentions[j].end)
        ):
            out.append(relation(article, i, "locatedIn", j, (m.start, m.end), 0.8, "area-in-its-chain"))
    return out


@relation_rule("named-after-its-region", produces=("locatedIn",))
def named_after_its_region(article: Article) -> list[Relation]:
    """广西柳州青岚工业博物馆, 浙江湖州长兴青岚广场: a place or a museum whose name opens with
    the short names of the regions it lies in is located in the last province or prefecture
    of them (a county's short name, as 长兴, is part of the name itself and has no mention of
    its own). 东岭区政务服务大厅 is not: an area named in full is part of the name."""
    out = []
    areas = sorted(
        (o.start, o.end, j)
        for j, o in entities(article)
        if o.type == "AdministrativeArea" and not o.generic and short_division_name(o.text)
    )
    for i, m in entities(article):
        if m.type not in ("Place", "Organization") or m.generic:
            continue
        pos, last = m.start, None
        for start, end, j in areas:
            if start == pos and end < m.end:
                pos, last = end, j
        if last is not None and m.end - pos >= 2:
            out.append(
                relation(article, i, "locatedIn", last, (m.start, m.end), 0.8, "named-after-its-region")
            )
    return out


@relation_rule("adjacent-names", produces=("locatedIn", "subOrganizationOf"))
def adjacent_names(article: Article) -> list[Relation]:
    """江宁区白沙街道: the second name lies in the first (locatedIn); 环卫服务中心绿源保洁公司:
    an organisation right after another is part of it (subOrganizationOf)."""
    out = []
    ents = entities(article)
    for i, a in ents:
        for j, b in ents:
            if (
                a.end != b.start or a.generic or b.generic or b.type in BODIES or b.label.startswith(a.label)
            ):  # 江宁区社保服务大厅: the prefix is its name
                continue
            if a.type in AREAS and _prefix_parent(article, j, b) is not None:
                continue  # 白沙镇|石桥村合作社: the direct link is to 石桥村 inside it
            if a.type in AREAS and b.type in ORG_CLASSES and b.label.endswith(COLLECTIVES):
                out.append(
                    relation(article, j, "subOrganizationOf", i, (a.start, b.end), 0.8, "adjacent-names")
                )
            elif a.type in AREAS and b.type in AREAS + ORG_CLASSES:
                out.append(relation(article, j, "locatedIn", i, (a.start, b.end), 0.85, "adjacent-names"))
            elif a.type in ORG_CLASSES and b.type in ORG_CLASSES:
                out.append(
                    relation(article, j, "subOrganizationOf", i, (a.start, b.end), 0.8, "adjacent-names")
                )
    return out


# ---------------------------------------------------------------- verbs

PRONOUN = re.compile(r"(?:^|[，、])(?:[^，。]{0,8}[，])?[他她](?:们)?")


def _title_holder(article: Article, pos: int, lo: int) -> int | None:
    """X村党支部书记白云飞带领村民成立…: the person after a title in the verb's clause acts,
    not the body the title names."""
    start = clause_start(article, pos, lo)
    titled = {m.end for m in article.mentions if m.type == "Title" and start <= m.start}
    people = [
        i
        for i, m in entities(article)
        if m.type == "Person" and start <= m.start and m.end <= pos and m.start in titled
    ]
    return people[-1] if people else None


def _pronoun_person(article: Article, pos: int, lo: int) -> int | None:
    """回村后，他大胆创新，成立…: 他 before the verb, no name in the sentence before it,
    means the person the previous sentences named last."""
    if not PRONOUN.search(article.text[lo:pos]) or any(
        m.type == "Person" and lo <= m.start < pos for _, m in entities(article)
    ):
        return None
    earlier = [
        (m.end, i) for i, m in entities(article) if m.type == "Person" and lo - 200 <= m.start and m.end <= lo
    ]
    return max(earlier)[1] if earlier else None


def _agent_verb_object(
    article: Article, predicate: str, objects, extractor: str, confidence: float, people: bool = False
) -> list[Relation]:
    """AGENT … VERB … OBJECT within one sentence: the agent that opens the verb's clause (or
    its sentence) and the first fitting object after it. Where people may act, a titled
    person or a pronoun for the person named before comes first."""
    out: list[Relation] = []
    carried: tuple[int | None, int | None] = (None, None)
    for hit in cue_hits(article, predicate):
        lo, hi = sentence_of(article, hit.start())
        subj = _verb_subject(article, hit.start(), lo, people, carried[1] if carried[0] == lo else None)
        carried = (lo, subj)
        obj = first_after(article, hit.end(), objects, hi)
        if (
            subj is not None
            and obj is not None
            and article.mentions[subj].label != article.mentions[obj].label
        ):
            out.append(relation(article, subj, predicate, obj, (lo, hi), confidence, extractor))
    return out


def _verb_subject(article: Article, pos: int, lo: int, people: bool, carried: int | None) -> int | None:
    """Who acts: a titled person or an agent in the verb's own clause; else the actor of
    the sentence's previous verb (…成立合作社，创办加工厂); else 他 for the person named
    before, or the agent that opens the sentence."""
    start = clause_start(article, pos, lo)
    own = _title_holder(article, pos, lo) if people else None
    if own is None:
        own = clause_subject(article, pos, start)
    if own is not None or carried is not None:
        return own if own is not None else carried
    person = _pronoun_person(article, pos, lo) if people else None
    return person if person is not None else clause_subject(article, pos, lo)


@relation_rule("agent-implements-programme", produces=("implements",))
def implements(article: Article) -> list[Relation]:
    return _agent_verb_object(article, "implements", ("Programme",), "agent-implements-programme", 0.75)


@relation_rule("agent-founds-organization", produces=("founded",))
def founded(article: Article) -> list[Relation]:
    return _agent_verb_object(article, "founded", ORG_CLASSES, "agent-founds-organization", 0.75, people=True)


@relation_rule("merged-into", produces=("mergedInto",))
def merged_into(article: Article) -> list[Relation]:
    out = []
    for hit in cue_hits(article, "mergedInto"):
        lo, hi = sentence_of(article, hit.start())
        for classes in (("Product",), ORG_CLASSES):
            subj = nearest_before(article, hit.start(), classes, lo)
            obj = first_after(article, hit.end(), classes, hi)
            if subj is not None and obj is not None:
                out.append(relation(article, subj, "mergedInto", obj, (lo, hi), 0.85, "merged-into"))
                break
    return out


@relation_rule("person-resides-in", produces=("residesIn",))
def resides_in(article: Article) -> list[Relation]:
    """家住 PLACE 的 … PERSON, or PERSON 家住 PLACE."""
    out = []
    for hit in cue_hits(article, "residesIn"):
        lo, hi = sentence_of(article, hit.start())
        place = first_after(article, hit.end(), AREAS + ORG_CLASSES, hi)
        if place is None or article.mentions[place].start > hit.end() + 1:
            continue
        place = _most_specific_place(article, place)
        if place is None:
            continue
        person = nearest_before(article, hit.start(), ("Person",), lo)
        if person is None:
            person = first_after(article, article.mentions[place].end, ("Person",), hi)
        if person is not None:
            out.append(relation(article, person, "residesIn", place, (lo, hi), 0.8, "person-resides-in"))
    return out


def _most_specific_place(article: Article, i: int) -> int | None:
    """家住某区王家村西院小区: the last place of the chain of names that starts at `i`."""
    best = i if article.mentions[i].type in AREAS else None
    current = article.mentions[i]
    while True:
        nxt = [
            (m.end, j) for j, m in entities(article) if m.start == current.end and m.type in AGENTS + AREAS
        ]
        if not nxt:
            return best
        j = max(nxt)[1]
        current = article.mentions[j]
        if current.type in AREAS:
            best = j


LOCATED = re.compile(r"位于|坐落于|地处")


@relation_rule("located-at", produces=("locatedIn",))
def located_at(article: Article) -> list[Relation]:
    """X位于PLACE, 位于PLACE的X: X lies in the last place of the chain after the cue."""
    out = []
    for hit in LOCATED.finditer(article.text):
        lo, hi = sentence_of(article, hit.start())
        first = first_after(article, hit.end(), AREAS + ORG_CLASSES, hi)
        if first is None or article.mentions[first].start != hit.end():
            continue
        place = _most_specific_place(article, first)
        if place is None:
            continue
        end = _chain_end(article, first)
        thing = _ending_at(article, hit.start())
        if thing is None and article.text.startswith("的", end):
            thing = next((i for i, m in entities(article) if m.start == end + 1 and m.type in HOLDERS), None)
        if thing is not None and article.mentions[thing].label != article.mentions[place].label:
            out.append(relation(article, thing, "locatedIn", place, (lo, hi), 0.8, "located-at"))
    return out


def _chain_end(article: Article, i: int) -> int:
    end = article.mentions[i].end
    while True:
        nxt = [m.end for _, m in entities(article) if m.start == end and m.type in AGENTS + AREAS]
        if not nxt:
            return end
        end = max(nxt)


RESIDENT = re.compile(r"(?:居民|村民|业主|住户)")


@relation_rule("resident-of-place", produces=("residesIn",))
def resident_of_place(article: Article) -> list[Relation]:
    """PLACE居民PERSON, PLACE村民PERSON: a named resident of the place just named."""
    out = []
    for hit in RESIDENT.finditer(article.text):
        place = next((i for i, m in entities(article) if m.type in AREAS and m.end == hit.start()), None)
        person = _person_after(article, hit.end())
        if place is not None and person is not None:
            span = (article.mentions[place].start, article.mentions[person].end)
            out.append(relation(article, person, "residesIn", place, span, 0.8, "resident-of-place"))
    return out


FROM_BODY = re.compile(r"来自")


@relation_rule("person-from-organization", produces=("memberOf",))
def person_from_organization(article: Article) -> list[Relation]:
    """来自ORG的PERSON、PERSON: the people a body sent are its members (not 来自PLACE的游客);
    the body may come after where it is (来自东岭国资企业X公司的…)."""
    out = []
    for hit in FROM_BODY.finditer(article.text):
        lo, hi = sentence_of(article, hit.start())
        body = first_after(article, hit.end(), ORG_CLASSES, hi)
        if body is None:
            continue
        body = _whole_chain(
            article,
            sorted(
                (m.start, -(m.end - m.start), i)
                for i, m in entities(article)
                if m.start >= article.mentions[body].start and m.end <= hi and m.type in AGENTS
            ),
        )
        b = article.mentions[body]
        if not re.fullmatch(
            r"[^，。；：、的]*", article.text[hit.end() : b.start]
        ) or not article.text.startswith("的", b.end):
            continue
        for person in _listed_people(article, b.end + 1):
            span = (hit.start(), article.mentions[person].end)
            out.append(relation(article, person, "memberOf", body, span, 0.75, "person-from-organization"))
    return out


def _listed_people(article: Article, pos: int) -> list[int]:
    """The people named from `pos` on, joined by 、 和 与 及."""
    people: list[int] = []
    while True:
        person = _person_after(article, pos)
        if person is None:
            return people
        people.append(person)
        pos = article.mentions[person].end
        if article.text[pos : pos + 1] not in ("、", "和", "与", "及"):
            return people
        pos += 1


@relation_rule("agent-cooperates-with", produces=("cooperatesWith",))
def cooperates_with(article: Article) -> list[Relation]:
    """X 联合 Y、Z: every organisation named in the list after the cue; X 与 Y 联合…: the one
    listed with the subject before it. Not a name inside a document's title (《…》)."""
    out = []
    for hit in cue_hits(article, "cooperatesWith"):
        lo, hi = sentence_of(article, hit.start())
        subj = clause_subject(article, hit.start(), lo)
        run = re.match(r"[^，。；！？]*", article.text[hit.end() : hi])
        clause = run.group() if run else ""
        end = hit.end() + len(clause)
        if subj is None:
            continue
        partners = [
            j
            for j, m in entities(article)
            if m.type in AGENTS
            and hit.end() <= m.start
            and m.end <= end
            and j != subj
            and not _in_book_title(article.text, m.start)
        ] + _listed_with(article, subj, hit.start())
        for j in outermost(article, partners):
            out.append(relation(article, subj, "cooperatesWith", j, (lo, hi), 0.7, "agent-cooperates-with"))
    return out


def _listed_with(article: Article, subj: int, cue: int) -> list[int]:
    """青川省民政厅与财政厅联合…: the agent joined to the subject by 与/和/、 and ending
    right before the cue."""
    s = article.mentions[subj]
    return [
        j
        for j, m in entities(article)
        if m.type in AGENTS and m.end == cue and article.text[s.end : m.start] in ("与", "和", "、", "同")
    ]


def _in_book_title(text: str, pos: int) -> bool:
    opened = text.rfind("《", 0, pos)
    return opened >= 0 and text.rfind("》", opened, pos) < 0


# ---------------------------------------------------------------- the component


def _dedupe(relations: list[Relation], mentions: list[Mention]) -> list[Relation]:
    seen, out = set(), []
    for r in relations:
        key = (mentions[r.subject].label, r.predicate, mentions[r.object].label, r.start)
        if key not in seen and mentions[r.subject].label != mentions[r.object].label:
            seen.add(key)
            out.append(r)
    return out


def interviewees(article: Article) -> list[str]:
    """People named in a `——访…` (interview) or `——记…` (profile) subtitle of the header."""
    names = []
    for line in re.finditer(r"^(?:——|--|—)\s*[访记][^\n]*$", article.text[: article.body_start], re.M):
        names += [
            m.label
            for _, m in entities(article)
            if m.type == "Person" and line.start() <= m.start and m.end <= line.end()
        ]
    return list(dict.fromkeys(names))


@component(
    "relation-rules",
    requires=("mentions", "sentences"),
    provides=("relations", "interviewees"),
    rules="relation",
)
def relation_rules(article: Article, rules=None) -> None:
    """Every enabled relation rule, in order of priority (the pipeline hands them over)."""
    found: list[Relation] = []
    for rule in RELATION_RULES.values() if rules is None else rules:
        found += rule(article)
    article.relations = _dedupe(found, article.mentions)
    article.interviewees = interviewees(article)
