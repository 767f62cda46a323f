"""The combination policy for the sequence model's mentions. The rules run first and a
sure rule wins (the model only fills gaps, see `crf-ner`); this component then vets each
model mention with small named checks and gives the ones it keeps a canonical label.
What it drops stays out of the graph but keeps its place in `kg extract`'s output."""

from __future__ import annotations

import re
from functools import lru_cache

import jieba

from .. import lexicon
from ..components import component
from ..model import ORG_CLASSES, Article, Mention
from ..nlp.tokens import word_tag
from ..registry import MODELS
from .areas import region_forms

NOT_A_NAME = re.compile(r"[\s，。、；：！？“”‘’（）()《》\d]")
MIN_SCORE = {"Person": 0.5, "Title": 0.5}
SURE = 0.85  # a model mention this sure needs no surname (沃尔科特, Svensson)
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,10})+")
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{1,19}")
COMMON = 80  # a sure foreign name may be a rare dictionary word (温格), not a common one (高质量)
CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")
DEFAULT_MIN_SCORE = 0.75


def plain_text(m: Mention) -> bool:
    return not NOT_A_NAME.search(m.text)


def confident(m: Mention) -> bool:
    return m.score >= MIN_SCORE.get(m.type, DEFAULT_MIN_SCORE)


def person_shape(m: Mention) -> bool:
    """A name with a middle dot (丹尼斯·霍珀); a name the model is sure of (foreign names
    have no surname: 沃尔科特, Svensson); else two to four characters, a known surname,
    and not a common word (高质量)."""
    if m.type != "Person":
        return True
    if DOTTED_NAME.fullmatch(m.text):
        return True
    if m.score >= SURE and (LATIN_NAME.fullmatch(m.text) or CJK_NAME.fullmatch(m.text)):
        return not common_word(m.text, COMMON)
    return chinese_name_shape(m.text)


def common_word(text: str, min_freq: int = 1) -> bool:
    """A dictionary word at least `min_freq` frequent, and not tagged as a name."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(text, 0) >= min_freq and word_tag(text) not in ("nr", "nrfg", "nrt")


def chinese_name_shape(text: str) -> bool:
    surnames = lexicon.words("surnames")
    common = common_word(text)
    return 2 <= len(text) <= 4 and (text[:1] in surnames or text[:2] in surnames) and not common


ABSTRACT_ENDINGS = set("感性化度率式型们员界业类量品")


def not_an_abstract_noun(m: Mention) -> bool:
    """幸福感, 积极性: a given name does not end like an abstract noun."""
    return m.type != "Person" or m.text[-1] not in ABSTRACT_ENDINGS


SHORT_NAME_TAGS = ("ns", "nt", "nz", "nr", "nrt", "j")


def organisation_shape(m: Mention) -> bool:
    """Not a dictionary word that is no name (民生), and three characters or more; or an
    organisation's two-character name the model is sure of that jieba knows as a name or an
    abbreviation (央行, 建行, 曼联). (A place's short name is the division rules' to judge:
    三河 in 三河交汇 is three rivers.)"""
    if m.type in ("Person", "Title"):
        return True
    jieba.dt.check_initialized()
    tag = word_tag(m.text)
    if len(m.text) == 2 and m.type in ORG_CLASSES and m.score >= SURE and tag in SHORT_NAME_TAGS:
        return True
    if jieba.dt.FREQ.get(m.text, 0) and tag not in ("ns", "nt", "nz", "nr"):
        return False
    return len(m.text) >= 3 or m.text in lexicon.words("divisions")


SPEAKER_VERB = re.compile("说|表示|介绍|指出|认为|告诉|坦言|强调")
GENERIC_ENDINGS = ("部门", "格局", "机关", "单位", "体系", "机制", "模式")


def a_body_not_a_phrase(m: Mention) -> bool:
    """审计部门, 持续选派机关部门, 监督新格局: an organisation's name neither ends with a
    generic noun nor begins with a clause verb (`clause_verbs`)."""
    if m.type in ("Person", "Title"):
        return True
    return not m.text.endswith(GENERIC_ENDINGS) and not m.text.startswith(_clause_verbs())


@lru_cache(maxsize=1)
def _clause_verbs() -> tuple[str, ...]:
    return tuple(lexicon.words("clause_verbs"))  # one startswith for them all


PLACE_TYPES = ("AdministrativeArea", "Place")
LOCATIVE_ENDINGS = ("畔", "旁", "边", "侧", "岸", "流域", "一带", "沿线", "周边", "境内")
NAME_TAGS = ("ns", "nr", "nrt", "nrfg", "nz", "nt")


def a_place_not_a_position(m: Mention) -> bool:
    """清水河畔, 故道旁, 东岭湖流域: a place named with where things are beside it is a
    position, not a place's name (河畔小区 is an organisation's name, not checked here)."""
    return m.type not in PLACE_TYPES or not m.text.endswith(LOCATIVE_ENDINGS)


MODIFIER_TAGS = ("a", "ad", "b", "d", "v", "vn", "z")  # 广袤, 新型, 引导, 湿地: words that describe


def a_place_not_a_description(m: Mention) -> bool:
    """广袤乡村, 新型农村, 引导乡村茶馆: a place that begins with a common word that describes
    (an adjective, a verb) and holds no name describes a kind of place. Nouns may make a
    name (人民公园), as may a one-character suffix (幸福街), a rare word (锐步球场) or a
    character jieba left alone (宁秀路: 宁/秀/路)."""
    if m.type not in PLACE_TYPES:
        return True
    jieba.dt.check_initialized()
    words = jieba.lcut(m.text, HMM=False)
    if (
        len(words) < 2
        or len(words[-1]) == 1  # 幸福街, 光明村: a one-character suffix after a word names a place
        or word_tag(words[0]) not in MODIFIER_TAGS
        or jieba.dt.FREQ.get(words[0], 0) < 50
    ):
        return True
    divisions = lexicon.words("divisions")
    return any(
        not jieba.dt.FREQ.get(w) or word_tag(w) in NAME_TAGS or w in divisions or (len(w) == 1 and n)
        for n, w in enumerate(words, 1 - len(words))
    )


def a_place_not_a_run_of_divisions(m: Mention) -> bool:
    """山东潍坊, 江苏盐城: divisions one after another are each an area of its own (the
    division names give them), not one place."""
    if m.type not in PLACE_TYPES:
        return True
    forms = region_forms(m.text)
    return len(forms) < 2 or forms[-1][1] < len(m.text)


LEVEL_CHARS = frozenset("省市区县乡镇村州旗盟")


def a_place_not_a_list_of_levels(m: Mention) -> bool:
    """市县乡, 省市县: a run of level names lists the levels of government, not a place."""
    return m.type not in PLACE_TYPES or not set(m.text) <= LEVEL_CHARS


def more_than_a_suffix(m: Mention) -> bool:
    """景区, 开发区, 合作社: a suffix alone is a generic reference to a place or body named
    elsewhere, not a name (the suffix grammar marks it so; the model does not)."""
    return m.type in ("Person", "Title") or m.text not in _suffixes()


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(lexicon.table("area_suffixes")) | frozenset(lexicon.table("org_suffixes"))


CHECKS = (
    plain_text,
    a_body_not_a_phrase,
    confident,
    person_shape,
    not_an_abstract_noun,
    organisation_shape,
    a_place_not_a_position,
    a_place_not_a_description,
    a_place_not_a_list_of_levels,
    a_place_not_a_run_of_divisions,
    more_than_a_suffix,
)
POSTURE_VERBS = set("站坐住躺蹲跪趴靠")  # 李文站在: not a name's last character before 在/着


def drop_glued_verb(article: Article, m: Mention) -> None:
    """李文站在台前: the model took the verb of 站在 as the name's last character. A surname
    and two characters, the last a posture verb right before 在 or 着, is a two-character
    name (not 王建生在: 生 is no posture verb)."""
    text = article.text
    if (
        m.type == "Person"
        and len(m.text) == 3
        and m.text[0] in lexicon.words("surnames")
        and m.text[-1] in POSTURE_VERBS
        and text[m.end : m.end + 1] in ("在", "着")
    ):
        m.end -= 1
        m.text = text[m.start : m.end]


def complete_short_name(article: Article, m: Mention) -> None:
    """陈向 before 和说: the model stopped a surname and one character short of a third one
    that ends the name right before a speaker's verb (not 李峰/来说: 来说 is a word)."""
    from .entities import given_name_length

    text = article.text
    if m.type != "Person" or len(m.text) != 2 or m.text[0] not in lexicon.words("surnames"):
        return
    if (
        SPEAKER_VERB.match(text, m.end + 1)
        and not common_word(text[m.end : m.end + 2])
        and given_name_length(text, m.start + 1, {}) == 2
    ):
        m.end += 1
        m.text = text[m.start : m.end]


def _declared_models() -> set[str]:
    from ..nlp import ner  # noqa: F401  (the built-in model declares itself as it loads)

    return MODELS


@component("vet-model-mentions", requires=("mentions",), provides=("mentions",))
def vet_model_mentions(article: Article) -> None:
    kept, models = [], MODELS or _declared_models()
    for m in article.mentions:
        if m.extractor in models and not all(check(m) for check in CHECKS):
            continue
        if m.extractor in models:
            complete_short_name(article, m)
            drop_glued_verb(article, m)
            m.label = m.text
            if m.text in lexicon.words("divisions"):
                m.type = "AdministrativeArea"  # 北京, 山西: the model says address
        kept.append(m)
    article.mentions = kept
