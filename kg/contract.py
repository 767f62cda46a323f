"""The graph contract (../shared/spec/graph-contract.md) as one table: its classes, with
their family, parent and alignments and how the page draws them, and its predicates, with
domain, range, alignments and whether a title applies. The document model, the mapping,
the page and the tests read it; `tests/test_contract.py` holds it against
`ontology/kg.ttl` and `ontology/shapes.ttl`.

Adding a predicate is one row here and its rule: the predicates' part of the ontology and
the relations' shapes are made from this table (`python -m kg.rdf.ontology` writes them
into ontology/kg.ttl and ontology/shapes.ttl; a test fails while they are not current)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class EntityClass:
    name: str
    zh: str  # the page's legend
    family: str  # mentions of one family can be one entity
    parents: tuple[str, ...] = ()  # kg classes it is a subclass of
    aligned: tuple[str, ...] = ()  # CURIEs of the W3C/schema.org classes it refines
    colour: str = "#c7c7c7"
    shape: str = "dot"  # vis-network shape


@dataclass(frozen=True)
class Predicate:
    name: str
    zh: str
    domain: tuple[str, ...]  # kg classes (any subclass accepted)
    range: tuple[str, ...]
    aligned: tuple[str, ...] = ()  # rdfs:subPropertyOf these
    see_also: tuple[str, ...] = ()  # close in sense only (rdfs:seeAlso)
    en: str = ""  # the ontology's English label
    about: tuple[str, str] = ("", "")  # the ontology's comment, in Chinese and in English
    titled: bool = False  # the provenance record carries a kg:title
    between_entities: bool = True  # False: from an Article (author, interviewee, mentions)
    recorded: bool = True  # each statement has a provenance record (not kg:mentions)
    symmetric: bool = False


ORGANIZATION = "Organization"

CLASSES: tuple[EntityClass, ...] = (
    # most specific first: a node typed Organization and PartyOrganization is drawn as the latter
    EntityClass("Person", "人物", "person", (), ("foaf:Person", "schema:Person"), "#f28e2b", "dot"),
    EntityClass("PartyOrganization", "党组织", "organization", (ORGANIZATION,), (), "#d62728", "square"),
    EntityClass(
        "GovernmentBody",
        "政府机构",
        "organization",
        (ORGANIZATION,),
        ("org:FormalOrganization", "schema:GovernmentOrganization"),
        "#4e79a7",
        "square",
    ),
    EntityClass(
        "Company",
        "企业",
        "organization",
        (ORGANIZATION,),
        ("org:FormalOrganization", "schema:Corporation"),
        "#76b7b2",
        "square",
    ),
    EntityClass(
        "School",
        "学校",
        "organization",
        (ORGANIZATION,),
        ("schema:EducationalOrganization",),
        "#59a14f",
        "square",
    ),
    EntityClass("SocialOrganization", "社会组织", "organization", (ORGANIZATION,), (), "#b07aa1", "square"),
    EntityClass(
        "AdministrativeArea",
        "行政区划",
        "place",
        (ORGANIZATION, "Place"),
        ("schema:AdministrativeArea",),
        "#edc948",
        "triangle",
    ),
    EntityClass(
        ORGANIZATION,
        "组织",
        "organization",
        (),
        ("org:Organization", "schema:Organization"),
        "#1f5fa0",
        "square",
    ),
    EntityClass("Place", "地点", "place", (), ("schema:Place",), "#9c755f", "triangleDown"),
    EntityClass("Programme", "项目", "programme", (), ("schema:Project",), "#ff6f91", "diamond"),
    EntityClass("Event", "事件", "event", (), ("schema:Event",), "#8c564b", "star"),
    EntityClass("Product", "产品", "product", (), ("schema:Product",), "#17becf", "hexagon"),
)
ARTICLE = EntityClass("Article", "文章", "article", (), ("schema:NewsArticle",), "#9aa5b1", "dot")
# a division of the national list that an article does not name (the parent of one it does)
DIVISION = EntityClass(
    "Division", "行政区划（名录）", "division", ("AdministrativeArea",), (), "#edc948", "triangle"
)

_AGENTS = (ORGANIZATION,)
_PLACES = ("Place", "AdministrativeArea")

PREDICATES: tuple[Predicate, ...] = (
    Predicate(
        "leads",
        "领导",
        ("Person",),
        (ORGANIZATION,),
        ("org:headOf",),
        en="leads",
        about=(
            "某人担任某组织（含行政区划）的书记、主任、局长、校长、负责人等领导职务。",
            "The person heads the organization (including an administrative area): secretary, director, "
            "head, principal.",
        ),
        titled=True,
    ),
    Predicate(
        "memberOf",
        "成员",
        ("Person",),
        (ORGANIZATION,),
        ("org:memberOf",),
        en="member of",
        about=(
            "某人是某组织的委员、干部、党员、工作人员、社工或志愿者。",
            "The person is a committee member, cadre, party member, staff member, social worker or "
            "volunteer of the organization.",
        ),
        titled=True,
    ),
    Predicate(
        "subOrganizationOf",
        "隶属",
        _AGENTS,
        (ORGANIZATION,),
        ("org:subOrganizationOf",),
        en="sub-organization of",
        about=(
            "前者是后者的下属或所属机构，或是该行政区划的党组织。",
            "The first body is part of, or subordinate to, the second; or it is the party body of that area.",
        ),
    ),
    Predicate(
        "locatedIn",
        "位于",
        ("Place", ORGANIZATION),
        ("Place",),
        ("schema:containedInPlace",),
        en="located in",
        about=(
            "地点、行政区划或组织位于某地点或行政区划之内。",
            "The place, administrative area or organization lies within the place or administrative area.",
        ),
    ),
    Predicate(
        "implements",
        "实施",
        _AGENTS,
        ("Programme",),
        see_also=("schema:agent",),
        en="implements",
        about=(
            "组织推出、推行、实施、创建或开展某项目（schema:agent 的逆向含义）。",
            "The organization launches, runs or carries out the programme (the inverse sense of schema:agent).",
        ),
    ),
    Predicate(
        "founded",
        "成立",
        (ORGANIZATION, "Person"),
        (ORGANIZATION,),
        see_also=("org:resultingOrganization", "schema:founder"),
        en="founded",
        about=(
            "组织或个人成立、组建、创办或设立了某组织（schema:founder 的逆向含义）。",
            "The organization or person set up the organization (the inverse sense of schema:founder).",
        ),
    ),
    Predicate(
        "mergedInto",
        "并入",
        ("Product", ORGANIZATION),
        ("Product", ORGANIZATION),
        see_also=("org:changedBy",),
        en="merged into",
        about=(
            "产品或组织整合至、并入或合并到另一个同类事物。",
            "The product or organization was merged into another of the same kind.",
        ),
    ),
    Predicate(
        "residesIn",
        "居住",
        ("Person",),
        ("Place",),
        ("schema:homeLocation",),
        en="resides in",
        about=("某人家住或居住在某地点或行政区划。", "The person lives in the place or administrative area."),
    ),
    Predicate(
        "cooperatesWith",
        "合作",
        _AGENTS,
        (ORGANIZATION,),
        en="cooperates with",
        about=("两个组织联合、携手或会同开展工作。", "The two organizations work jointly."),
        symmetric=True,
    ),
    Predicate(
        "author",
        "作者",
        ("Article",),
        ("Person",),
        ("schema:author",),
        en="author",
        about=("文章署名的记者或作者。", "A reporter or writer named in the article's byline."),
        between_entities=False,
    ),
    Predicate(
        "interviewee",
        "受访",
        ("Article",),
        ("Person",),
        see_also=("schema:about",),
        en="interviewee",
        about=("访谈文章所访问的人物。", "The person the article interviews."),
        between_entities=False,
    ),
    Predicate(
        "mentions",
        "提及",
        ("Article",),
        (),
        ("schema:mentions",),
        en="mentions",
        about=("文章中提到的每一个实体。", "Every entity the article mentions."),
        between_entities=False,
        recorded=False,
    ),
)

BY_NAME: dict[str, EntityClass] = {c.name: c for c in CLASSES + (ARTICLE, DIVISION)}
PREDICATE: dict[str, Predicate] = {p.name: p for p in PREDICATES}
RELATIONS: tuple[str, ...] = tuple(p.name for p in PREDICATES if p.between_entities)
TITLED: tuple[str, ...] = tuple(p.name for p in PREDICATES if p.titled)


@lru_cache(maxsize=None)
def ancestors(name: str) -> frozenset[str]:
    """The class and every kg class above it."""
    cls = BY_NAME[name]
    return frozenset({name}).union(*(ancestors(p) for p in cls.parents))


def is_a(name: str, other: str) -> bool:
    """True when `name` is `other` or one of its subclasses."""
    return name in BY_NAME and other in ancestors(name)


def family(name: str) -> str:
    """The coarse family a class belongs to: mentions of one family can be one entity."""
    cls = BY_NAME.get(name)
    return cls.family if cls else name.lower()


ORG_CLASSES: tuple[str, ...] = (ORGANIZATION,) + tuple(
    c.name for c in CLASSES if c.family == "organization" and c.name != ORGANIZATION
)
ENTITY_CLASSES: tuple[str, ...] = ORG_CLASSES + tuple(c.name for c in CLASSES if c.name not in ORG_CLASSES)
