"""A small invented graph in the shape of the graph contract, for the tests, the benchmark
and the screenshot. Every name in it is made up."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from ..rdf.namespaces import ID, KG


def entity(g: Graph, key: str, cls: str, label: str, *aliases: str) -> URIRef:
    node = URIRef(f"{ID}{cls.lower()}/{key}")
    g.add((node, RDF.type, KG[cls]))
    g.add((node, RDFS.label, Literal(label, lang="zh")))
    for alias in aliases:
        g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    return node


def article(
    g: Graph,
    key: str,
    headline: str,
    date: str,
    authors=(),
    mentions=(),
    interviewees=(),
    kicker: str | None = None,
) -> URIRef:
    node = URIRef(f"{ID}article/{key}")
    g.add((node, RDF.type, KG.Article))
    g.add((node, KG.headline, Literal(headline, lang="zh")))
    if kicker:
        g.add((node, KG.alternativeHeadline, Literal(kicker, lang="zh")))
    g.add((node, KG.datePublished, Literal(date, datatype=XSD.date)))
    for pred, targets in ((KG.author, authors), (KG.interviewee, interviewees), (KG.mentions, mentions)):
        for target in targets:
            g.add((node, pred, target))
    return node


def fact(
    g: Graph,
    s,
    pred: str,
    o,
    source,
    evidence: str,
    start: int = 0,
    title: str | None = None,
    confidence: float = 0.9,
    extractor: str = "sample-rule",
) -> None:
    """The triple and its provenance record."""
    g.add((s, KG[pred], o))
    st = BNode()
    for p, v in (
        (RDF.type, RDF.Statement),
        (RDF.subject, s),
        (RDF.predicate, KG[pred]),
        (RDF.object, o),
        (PROV.wasDerivedFrom, source),
        (KG.evidence, Literal(evidence, lang="zh")),
        (KG.charStart, Literal(start)),
        (KG.charEnd, Literal(start + len(evidence))),
        (KG.confidence, Literal(confidence)),
        (KG.extractor, Literal(extractor)),
    ):
        g.add((st, p, v))
    if title:
        g.add((st, KG.title, Literal(title, lang="zh")))


def demo_graph() -> Graph:
    g = Graph()
    g.bind("kg", KG)
    e = {
        key: entity(g, key, *rest)
        for key, *rest in [
            ("qinghe", "AdministrativeArea", "青禾区", "青禾"),
            ("wutong", "AdministrativeArea", "梧桐街道", "青禾区梧桐街道"),
            ("fenglin", "AdministrativeArea", "枫林街道"),
            ("yunshan", "AdministrativeArea", "云杉社区", "梧桐街道云杉社区"),
            ("shiliuli", "AdministrativeArea", "石榴里社区"),
            ("wutong-party", "PartyOrganization", "梧桐街道党工委", "青禾区梧桐街道党工委"),
            ("yunshan-party", "PartyOrganization", "云杉社区党委"),
            ("minzheng", "GovernmentBody", "青禾区民政局", "区民政局"),
            ("chengguan", "GovernmentBody", "青禾区城管委"),
            ("lvzhou", "Company", "绿洲物业公司", "绿洲物业"),
            ("chenguang", "Company", "晨光保洁公司"),
            ("school", "School", "梧桐实验小学"),
            ("volunteers", "SocialOrganization", "云杉志愿服务队"),
            ("council", "SocialOrganization", "石榴里居民议事会", "居民议事会"),
            ("cherry", "Place", "樱桃园小区"),
            ("square", "Place", "梧桐文化广场"),
            ("helpers", "Programme", "邻里帮帮团"),
            ("method", "Programme", "三进三送工作法", "“三进三送”工作法"),
            ("meeting", "Event", "青禾区社区治理推进会"),
            ("app", "Product", "青禾通 APP", "青禾通"),
            ("oldapp", "Product", "邻帮 APP"),
            ("zhou", "Person", "周望川"),
            ("lin", "Person", "林晓禾"),
            ("song", "Person", "宋知远"),
            ("he", "Person", "何雨桐"),
            ("li", "Person", "黎可言"),
            ("fang", "Person", "方晴"),
        ]
    }
    a1 = article(
        g,
        "a1",
        "把服务送到居民家门口",
        "2024-03-05",
        authors=[e["li"], e["fang"]],
        interviewees=[e["zhou"]],
        kicker="——访青禾区梧桐街道党工委书记周望川",
        mentions=[
            e[k]
            for k in (
                "qinghe",
                "wutong",
                "wutong-party",
                "zhou",
                "yunshan",
                "method",
                "helpers",
                "volunteers",
                "cherry",
                "lin",
            )
        ],
    )
    a2 = article(
        g,
        "a2",
        "石榴里社区议事会解决停车难",
        "2024-03-05",
        authors=[e["fang"]],
        mentions=[e[k] for k in ("shiliuli", "council", "lvzhou", "song", "fenglin", "chengguan", "square")],
    )
    a3 = article(
        g,
        "a3",
        "青禾通 APP 上线社区服务专区",
        "2024-03-06",
        authors=[e["li"]],
        mentions=[
            e[k] for k in ("app", "oldapp", "minzheng", "meeting", "school", "chenguang", "he", "qinghe")
        ],
    )
    facts = [
        ("zhou", "leads", "wutong-party", a1, "青禾区梧桐街道党工委书记周望川介绍，", "党工委书记"),
        ("lin", "leads", "yunshan-party", a1, "云杉社区党委书记林晓禾带领党员入户走访。", "党委书记"),
        ("wutong-party", "subOrganizationOf", "wutong", a1, "梧桐街道党工委统筹辖区资源。", None),
        ("yunshan-party", "subOrganizationOf", "yunshan", a1, "云杉社区党委下设五个网格支部。", None),
        ("wutong", "locatedIn", "qinghe", a1, "青禾区梧桐街道共有十二个社区。", None),
        ("yunshan", "locatedIn", "wutong", a1, "梧桐街道云杉社区是老旧小区集中的社区。", None),
        ("cherry", "locatedIn", "yunshan", a1, "云杉社区樱桃园小区建于上世纪九十年代。", None),
        ("yunshan", "implements", "method", a1, "云杉社区推行“三进三送”工作法。", None),
        ("wutong", "implements", "helpers", a1, "梧桐街道打造邻里帮帮团品牌。", None),
        ("yunshan", "founded", "volunteers", a1, "社区成立云杉志愿服务队，", None),
        ("lin", "residesIn", "cherry", a1, "林晓禾家住樱桃园小区。", None),
        ("song", "leads", "council", a2, "石榴里居民议事会会长宋知远说，", "会长"),
        ("shiliuli", "locatedIn", "fenglin", a2, "枫林街道石榴里社区位于老城区。", None),
        ("council", "cooperatesWith", "lvzhou", a2, "议事会联合绿洲物业公司重新划线。", None),
        ("shiliuli", "founded", "council", a2, "石榴里社区组建居民议事会。", None),
        ("chengguan", "cooperatesWith", "council", a2, "区城管委会同议事会清理僵尸车。", None),
        ("square", "locatedIn", "wutong", a2, "梧桐文化广场位于梧桐街道。", None),
        ("oldapp", "mergedInto", "app", a3, "邻帮 APP 的功能已整合至青禾通 APP。", None),
        ("minzheng", "implements", "app", a3, "区民政局推出青禾通 APP 社区专区。", None),
        ("he", "memberOf", "minzheng", a3, "区民政局工作人员何雨桐演示了操作流程。", "工作人员"),
        ("minzheng", "subOrganizationOf", "qinghe", a3, "青禾区民政局负责专区运营。", None),
        ("chenguang", "subOrganizationOf", "chengguan", a3, "晨光保洁公司是区城管委下属企业。", None),
        ("school", "locatedIn", "wutong", a3, "梧桐实验小学位于梧桐街道。", None),
    ]
    for s, p, o, src, ev, title in facts:
        fact(g, e[s], p, e[o], src, ev, title=title)
    return g
