"""Namesakes: same-name districts, streets and people in different places are different
nodes; where the places agree they are one node; and the IRIs do not depend on the build
or on the order of the articles. The articles are written for this test (the people are
invented; the divisions are real ones from the official list)."""

import json

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS

import kg
from kg.rdf.namespaces import KG

ARTICLES = [
    ("nj1", "南京市鼓楼区凤凰街道召开居民议事会。凤凰街道党工委书记郑望舒说，议事会每月开一次。", None, None),
    ("fz1", "福州市鼓楼区凤凰街道开展垃圾分类宣传。凤凰街道党工委书记郑望舒说，居民参与度很高。", None, None),
    ("nj2", "南京市鼓楼区凤凰街道的老旧小区完成改造。郑望舒说，改造惠及三千户居民。", None, None),
    ("bj1", "北京市朝阳区望京街道举办社区运动会。", None, None),
    ("cc1", "吉林省长春市朝阳区举办冰雪节。", None, None),
    ("gl0", "鼓楼区的一家茶馆开业了。", None, None),
    ("fz2", "鼓楼区的老街上游人如织。", "350100", None),
    ("gx1", "江西省宁都县城关镇的村民柯望川种了二十亩脐橙。", None, None),
    ("gx2", "河南省信阳市新县城关镇的村民柯望川开了一家农家乐。", None, None),
    ("rp1", "苏州市姑苏区举办灯会。", None, "陆秋禾"),
    ("rp2", "南京市玄武区举办花展。", None, "陆秋禾"),
]


def write(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for aid, text, region, author in articles:
            line = {"id": aid, "text": text, "source": "江南晚报"}
            if region:
                line["region"] = region
            if author:
                line["author"] = author
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def build(tmp_path, name, articles):
    src = tmp_path / f"{name}.jsonl"
    write(src, articles)
    out = tmp_path / name
    kg.build([src], out, html=False, workers=1, executor="serial", progress=False)
    return rdflib.Graph().parse(out / "graph.ttl", format="turtle")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return build(tmp_path_factory.mktemp("namesakes"), "a", ARTICLES)


def nodes(g, label, cls=None):
    return {
        n
        for n in g.subjects(RDFS.label, rdflib.Literal(label, lang="zh"))
        if cls is None or (n, RDF.type, KG[cls]) in g
    }


def mentioned_in(g, node):
    return {str(a).rsplit("/", 1)[-1] for a in g.subjects(KG.mentions, node)}


def code(g, node):
    value = g.value(node, KG.divisionCode)
    return str(value) if value is not None else None


def test_same_name_districts_of_different_cities_are_different_nodes(graph):
    gulou = nodes(graph, "鼓楼区", "AdministrativeArea")
    assert sorted(filter(None, (code(graph, n) for n in gulou))) == ["320106", "350102"]
    chaoyang = nodes(graph, "朝阳区", "AdministrativeArea")
    assert sorted(code(graph, n) for n in chaoyang) == ["110105", "220104"]


def test_an_unplaced_namesake_is_a_node_of_its_own_without_a_code(graph):
    gulou = nodes(graph, "鼓楼区", "AdministrativeArea")
    unplaced = [n for n in gulou if code(graph, n) is None]
    assert len(unplaced) == 1 and mentioned_in(graph, unplaced[0]) == {"gl0"}


def test_the_input_region_places_a_namesake(graph):
    fuzhou = next(n for n in nodes(graph, "鼓楼区") if code(graph, n) == "350102")
    assert mentioned_in(graph, fuzhou) == {"fz1", "fz2"}


def test_same_name_streets_follow_their_district(graph):
    streets = nodes(graph, "凤凰街道", "AdministrativeArea")
    assert len(streets) == 2
    assert sorted(
        mentioned_in(graph, n) == {"nj1", "nj2"} or mentioned_in(graph, n) == {"fz1"} for n in streets
    ) == [True, True]
    for n in streets:
        parent = graph.value(n, KG.locatedIn)
        assert code(graph, parent) in ("320106", "350102")


def test_organisations_follow_their_area(graph):
    committees = nodes(graph, "凤凰街道党工委")
    assert len(committees) == 2


def test_people_in_different_cities_are_two_nodes_and_in_the_same_city_one(graph):
    people = nodes(graph, "郑望舒", "Person")
    assert sorted(sorted(mentioned_in(graph, n)) for n in people) == [["fz1"], ["nj1", "nj2"]]
    villagers = nodes(graph, "柯望川", "Person")
    assert len(villagers) == 2


def test_a_reporter_of_one_outlet_is_one_node(graph):
    reporter = nodes(graph, "陆秋禾", "Person")
    assert len(reporter) == 1
    assert {str(a).rsplit("/", 1)[-1] for a in graph.subjects(KG.author, next(iter(reporter)))} == {
        "rp1",
        "rp2",
    }


def test_same_iris_when_built_again_and_in_another_order(tmp_path, graph):
    def iris(g):
        return {s for s, o in g.subject_objects(RDF.type) if o != KG.Article and (s, RDFS.label, None) in g}

    again = build(tmp_path, "b", ARTICLES)
    reversed_ = build(tmp_path, "c", ARTICLES[::-1])
    assert iris(again) == iris(graph) == iris(reversed_)


def figures(g):
    """How many nodes each shared name gives (printed in the README)."""
    return {
        label: len(nodes(g, label))
        for label in ("鼓楼区", "朝阳区", "凤凰街道", "郑望舒", "柯望川", "陆秋禾")
    }


def run_query(g, name, **bind):
    """As `kg query OUT -f queries/NAME --bind K=V` runs it."""
    from pathlib import Path

    from kg.rdf.sparql import with_values

    text = (Path(__file__).resolve().parents[1] / "queries" / name).read_text(encoding="utf-8")
    return list(g.query(with_values(text, bind)))


def test_areas_in_a_division_by_code_and_by_name(graph):
    by_code = {str(r.name) for r in run_query(graph, "areas_in.rq", area="320106")}
    assert {"凤凰街道", "凤凰街道党工委"} <= by_code
    assert "温泉街道" not in by_code
    by_name = {str(r.name) for r in run_query(graph, "areas_in.rq", area="江苏省")}
    assert {"鼓楼区", "凤凰街道", "玄武区"} <= by_name and "朝阳区" not in by_name


def test_namesakes_lists_each_shared_name_with_its_contexts(graph):
    rows = run_query(graph, "namesakes.rq")
    shared = {}
    for r in rows:
        shared.setdefault(str(r.name), []).append(r)
    assert len(shared["郑望舒"]) == 2 and len(shared["朝阳区"]) == 2
    assert "陆秋禾" not in shared
    assert all("凤凰街道党工委" in str(r.contexts) for r in shared["郑望舒"])
