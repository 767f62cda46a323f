"""ontology/shapes.ttl via kg.validate: a graph that keeps the contract has no violation;
each broken fact gives a violation that names the node it is about."""

import copy
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rns  # not `XSD`: pytest probing that name makes rdflib warn
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.commands import validate as command
from kg.rdf.namespaces import ID, KG
from kg.validate import validate

TEXT = "青禾县晨光社区党支部书记柯望舒介绍，社区推出“三步走”工作法。"
PERSON = URIRef(ID + "person/柯望舒")
BRANCH = URIRef(ID + "organization/晨光社区党支部")
COMMUNITY = URIRef(ID + "place/晨光社区")
METHOD = URIRef(ID + "programme/三步走工作法")
ARTICLE = URIRef(ID + "article/qh-1")


def zh(text):
    return Literal(text, lang="zh")


def record(g, s, p, o, start=0, end=20, confidence=0.9):
    node = BNode()
    g.add((s, p, o))
    for pred, obj in (
        (RDF.type, RDF.Statement),
        (RDF.subject, s),
        (RDF.predicate, p),
        (RDF.object, o),
        (PROV.wasDerivedFrom, ARTICLE),
        (KG.evidence, zh(TEXT)),
        (KG.charStart, Literal(start)),
        (KG.charEnd, Literal(end)),
        (KG.confidence, Literal(confidence)),
        (KG.extractor, Literal("rule")),
    ):
        g.add((node, pred, obj))
    return node


@pytest.fixture
def graph():
    g = Graph()
    g.bind("kg", KG)
    for node, cls, label in (
        (PERSON, KG.Person, "柯望舒"),
        (BRANCH, KG.PartyOrganization, "晨光社区党支部"),
        (COMMUNITY, KG.AdministrativeArea, "晨光社区"),
        (METHOD, KG.Programme, "三步走工作法"),
    ):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, zh(label)))
        g.add((ARTICLE, KG.mentions, node))
    g.add((METHOD, SKOS.altLabel, zh("“三步走”工作法")))
    g.add((ARTICLE, RDF.type, KG.Article))
    g.add((ARTICLE, KG.headline, zh("晨光社区的三步走")))
    g.add((ARTICLE, KG.datePublished, Literal("2024-03-05", datatype=rns.XSD.date)))
    g.add((ARTICLE, KG.text, Literal(TEXT)))
    g.add((ARTICLE, KG.author, PERSON))
    leads = record(g, PERSON, KG.leads, BRANCH, 0, 16)
    g.add((leads, KG.title, zh("党支部书记")))
    record(g, PERSON, KG.leads, COMMUNITY, 3, 16, confidence=Decimal("0.5"))  # area: an Organization
    record(g, PERSON, KG.residesIn, COMMUNITY, 3, 16)  # and a Place
    record(g, COMMUNITY, KG.implements, METHOD, 18, len(TEXT))
    record(g, BRANCH, KG.subOrganizationOf, COMMUNITY, 3, 12)
    return g


def lines_about(violations, *words):
    return [v for v in violations if all(w in v for w in words)]


def test_a_graph_that_keeps_the_contract_conforms(graph):
    assert validate(graph) == (True, [])


def test_leads_from_an_organization(graph):
    record(graph, METHOD, KG.leads, BRANCH)
    conforms, violations = validate(graph)
    assert not conforms
    assert lines_about(violations, "三步走工作法", "must start at a kg:Person")


def test_leads_to_a_programme(graph):
    record(graph, PERSON, KG.leads, METHOD)
    _, violations = validate(graph)
    assert lines_about(violations, "柯望舒", "kg:leads", "must end at a kg:Organization", "三步走工作法")


def test_confidence_above_one(graph):
    record(graph, PERSON, KG.memberOf, BRANCH, confidence=1.5)
    _, violations = validate(graph)
    assert lines_about(violations, "record [", "kg:memberOf", "kg:confidence", "[0, 1]", "1.5")


def test_char_end_before_char_start(graph):
    record(graph, PERSON, KG.memberOf, BRANCH, start=12, end=4)
    _, violations = validate(graph)
    assert lines_about(violations, "record [", "kg:memberOf", "kg:charStart", "less than kg:charEnd")


def test_char_end_past_the_article_text(graph):
    record(graph, PERSON, KG.memberOf, BRANCH, start=0, end=len(TEXT) + 1)
    _, violations = validate(graph)
    assert lines_about(
        violations, "kg:memberOf", f"kg:charEnd {len(TEXT) + 1} is past the end", f"({len(TEXT)} characters)"
    )


def test_two_labels(graph):
    graph.add((PERSON, RDFS.label, zh("柯某")))
    _, violations = validate(graph)
    assert lines_about(violations, "person/柯望舒", "rdfs:label", "exactly one")


def test_label_without_language_and_english_alias(graph):
    graph.remove((METHOD, RDFS.label, None))
    graph.add((METHOD, RDFS.label, Literal("三步走工作法")))
    graph.add((BRANCH, SKOS.altLabel, Literal("branch", lang="en")))
    _, violations = validate(graph)
    assert lines_about(violations, "programme/三步走工作法", "rdfs:label")
    assert lines_about(violations, "晨光社区党支部", "skos:altLabel", "@zh")


def test_untyped_mentioned_entity(graph):
    graph.add((ARTICLE, KG.mentions, URIRef(ID + "x/无类型")))
    _, violations = validate(graph)
    assert lines_about(violations, "无类型", "rdf:type among the entity classes")


def test_record_without_its_triple_or_article(graph):
    node = record(graph, PERSON, KG.memberOf, BRANCH)
    graph.remove((PERSON, KG.memberOf, BRANCH))
    graph.remove((node, PROV.wasDerivedFrom, None))
    graph.remove((node, KG.evidence, None))
    _, violations = validate(graph)
    assert lines_about(violations, "kg:memberOf", "not in the graph")
    assert lines_about(violations, "kg:memberOf", "prov:wasDerivedFrom")
    assert lines_about(violations, "kg:memberOf", "kg:evidence")


def test_article_with_two_headlines_and_a_bad_date(graph):
    graph.add((ARTICLE, KG.headline, zh("另一个标题")))
    graph.set((ARTICLE, KG.datePublished, Literal("2024年3月5日")))
    _, violations = validate(graph)
    assert lines_about(violations, "article/qh-1", "kg:headline", "at most one")
    assert lines_about(violations, "article/qh-1", "kg:datePublished", "xsd:date")


def test_a_valid_graph_stays_valid_after_a_round_trip(graph, tmp_path):
    (tmp_path / "graph.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    assert validate(command._load(str(tmp_path / "graph.ttl"))) == (True, [])


def test_command_exit_codes(graph, tmp_path, capsys):
    from kg.cli import main

    (tmp_path / "graph.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    assert main(["validate", str(tmp_path / "graph.ttl")]) == 0
    broken = copy.deepcopy(graph)
    broken.add((PERSON, RDFS.label, zh("柯某")))
    (tmp_path / "graph.ttl").write_text(broken.serialize(format="turtle"), encoding="utf-8")
    assert main(["validate", str(tmp_path / "graph.ttl")]) == 1
    out = capsys.readouterr()
    assert "person/柯望舒" in out.out and "1 violation" in out.err
    assert main(["validate", str(tmp_path / "missing")]) == 2


def test_command_reads_the_store_not_a_stale_graph_ttl(graph, tmp_path, capsys):
    """After a `kg remove` graph.ttl is stale: kg validate OUT checks what the store holds."""
    from test_store import put

    from kg.cli import main
    from kg.store import open_store

    out = tmp_path / "out"
    bad = [(PERSON, RDFS.label, zh("柯某")), (PERSON, RDF.type, KG.Person)]
    with open_store(str(out / "store")) as store:
        put(store, "qh-1", list(graph))
        put(store, "bad", bad)
    (out / "graph.ttl").write_text(graph.serialize(format="turtle"), encoding="utf-8")
    assert main(["validate", str(out)]) == 1  # the store holds the bad article
    assert "person/柯望舒" in capsys.readouterr().out
    with open_store(str(out / "store")) as store:
        store.remove_article("bad")
    (out / "graph.ttl").write_text("this is not Turtle\n", encoding="utf-8")
    assert main(["validate", str(out)]) == 0
    assert f"conforms ({len(graph)} triples)" in capsys.readouterr().err


def test_pyshacl_alone_agrees_on_a_built_graph(sample_build):
    """`pyshacl -s ontology/shapes.ttl graph.ttl`, no ontology, no inference: conforms."""
    from pyshacl import validate as shacl_validate

    from kg.validate import shapes

    out, summary = sample_build
    data = Graph().parse(out / "graph.ttl", format="turtle")
    conforms, _, text = shacl_validate(data, shacl_graph=shapes(), inference="none")
    assert conforms, text[:2000]
    assert summary.violations == []


def closure(onto, cls):
    return set(onto.transitive_subjects(RDFS.subClassOf, cls))


@pytest.mark.parametrize("shape,cls", [("AnOrganization", "Organization"), ("APlace", "Place")])
def test_the_hierarchy_shapes_list_the_subclasses_of_the_ontology(shape, cls):
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from kg.lexicon import ontology_dir
    from kg.validate import shapes

    onto = Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    node = URIRef("https://w3id.org/kg-news/shapes#" + shape)
    members = Collection(shapes(), shapes().value(node, SH["or"]))
    listed = {shapes().value(m, SH["class"]) for m in members}
    assert listed == closure(onto, KG[cls])


ORG = rns.Namespace("http://www.w3.org/ns/org#")


@pytest.mark.parametrize(
    "missing,says",
    [
        (ORG.member, "needs exactly one org:member"),
        (ORG.organization, "needs exactly one org:organization"),
    ],
)
def test_a_membership_without_its_member_or_body_is_one_line(graph, missing, says):
    m, obs = URIRef(ID + "membership/x"), URIRef(ID + "observation/x")
    article = next(graph.subjects(RDF.type, KG.Article))
    graph.add((m, RDF.type, ORG.Membership))
    graph.add((m, KG.observation, obs))
    graph.add((obs, RDF.type, KG.PostObservation))
    graph.add((obs, PROV.wasDerivedFrom, article))
    graph.add((obs, KG.tense, Literal("current")))
    for prop, value in ((ORG.member, PERSON), (ORG.organization, BRANCH)):
        if prop != missing:
            graph.add((m, prop, value))
    conforms, violations = validate(graph)
    assert not conforms
    [line] = lines_about(violations, says)
    assert "\n" not in line and "membership" in line
