"""China's division list (kg/geo), the division-name rule and area resolution by context,
on sentences written for these tests (division names come from the official list)."""

import json
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

import kg
from kg import geo
from kg.document import ArticleGraph
from kg.rdf.namespaces import KG
from kg.rules.areas import division_names, region_code

SHARED_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "dev"


@pytest.fixture(scope="module")
def t():
    return geo.table()


def areas(text):
    """The division-name rule's mentions of `text`, beside those of the other rules."""
    a = kg.extract(text)[0]
    return [m.text for m in division_names(a)]


# ---------------------------------------------------------------- the table


def test_the_table_has_every_level_and_current_codes(t):
    levels = {d.level for d in t.by_code.values()}
    assert levels == {geo.PROVINCE, geo.PREFECTURE, geo.COUNTY}
    assert len([d for d in t.by_code.values() if d.level == geo.PROVINCE]) == 34
    assert len(t) > 3000
    assert t.lookup("新津区")[0].code == "510118"  # a county made a district in 2020
    assert t.lookup("新津县") == []


def test_short_forms_of_autonomous_and_ordinary_divisions(t):
    by_name = {d.name: d for d in t.by_code.values()}
    assert set(geo.short_forms(by_name["怒江傈僳族自治州"])) == {"怒江", "怒江州"}
    assert set(geo.short_forms(by_name["元江哈尼族彝族傣族自治县"])) == {"元江", "元江县"}
    assert geo.short_forms(by_name["新疆维吾尔自治区"]) == ("新疆",)
    assert geo.short_forms(by_name["泰州市"]) == ("泰州",)
    assert geo.short_forms(by_name["吉县"]) == ()  # a one-character stem is no name


def test_parent_chain_up_to_the_province(t):
    chain = t.chain("321282")
    assert [d.name for d in chain] == ["江苏省", "泰州市", "靖江市"]
    assert [d.level for d in chain] == ["province", "prefecture", "county"]
    assert t.chain("110105")[0].name == "北京市" and len(t.chain("110105")) == 2


def test_a_written_chain_settles_namesakes(t):
    assert [d.code for d in t.candidates("南京市鼓楼区")] == ["320106"]
    assert len(t.candidates("鼓楼区")) == 4
    assert [d.code for d in t.candidates("江苏泰州")] == ["321200"]
    assert t.candidates("江苏余姚") == []  # 余姚 is in 浙江: no chain
    settled, stop = t.parse("天津市西青区辛口镇")
    assert [d.code for d in settled] == ["120000", "120111"] and stop == 6


def test_choose_by_context_region_and_level(t):
    gulou = t.lookup("鼓楼区")
    assert geo.choose(gulou, context=["350100"]).code == "350102"  # with 福州 in the article
    assert geo.choose(gulou, region="320300").code == "320302"  # a 徐州 paper
    assert geo.choose(gulou) is None  # no context: no code
    assert geo.choose(t.lookup("吉林")).code == "220000"  # the province first
    assert geo.choose(t.lookup("余姚"), context=["330000"]).code == "330281"


def test_region_codes_from_codes_and_names():
    assert region_code("320500") == "320500"
    assert region_code("江苏省苏州市") == "320500"
    assert region_code("999999") is None and region_code("不是地名") is None


def test_level_of_a_name_the_list_lacks():
    assert geo.level_of_name("胡杨镇") == geo.TOWNSHIP
    assert geo.level_of_name("东风村") == geo.VILLAGE
    assert geo.level_of_name("阳光小区") is None


# ---------------------------------------------------------------- recognition


def test_province_short_and_city_short_are_two_areas():
    assert areas("江苏泰州的农民种了很多水稻。") == ["江苏", "泰州"]


def test_short_names_that_are_common_words_need_context():
    assert areas("各位来宾，欢迎光临。今天日照时间很长。") == []
    assert "来宾" in areas("广西来宾的甘蔗丰收了。")


def test_county_short_name_needs_its_prefecture_or_itself_in_the_article():
    assert areas("资源丰富的地方要保护好资源。") == []
    assert "余姚" not in areas("浙江的企业家来到余姚。")  # a province is not near enough
    assert "余姚" in areas("宁波市的企业家来到余姚。")


def test_a_short_name_that_begins_a_longer_name_is_not_the_division():
    found = areas("宁波市的游客到宝清镇看雪。")
    assert found == ["宁波市"]


def test_a_street_named_after_a_city_is_not_the_city():
    assert areas("他在北京路开了一家店。") == []


def test_full_names_need_word_boundaries_but_may_head_an_organisation():
    assert "泰州市" in areas("泰州市民政局发布通知。")
    assert areas("城区的道路很宽。") == []  # 城区: a one-character stem


# ---------------------------------------------------------------- resolution and the graph


def graph_of(text, region=None):
    a = kg.extract(text)[0]
    if region:
        a.region = region
    graph = ArticleGraph(a)
    triples, entities = graph.triples, graph.entities
    g = rdflib.Graph()
    for tr in triples:
        g.add(tr)
    return g, entities


def codes(g):
    return {str(l): str(c) for n, c in g.subject_objects(KG.divisionCode) for l in g.objects(n, RDFS.label)}


def test_short_full_and_chained_forms_are_one_coded_node():
    g, entities = graph_of("江苏泰州加快发展。泰州市出台新政策，泰州的农民很高兴。江苏省领导来调研。")
    coded = [e for e in entities.values() if e.code]
    assert sorted(e.code for e in coded) == ["320000", "321200"]
    taizhou = next(e for e in coded if e.code == "321200")
    assert taizhou.label == "泰州市" and {"泰州", "江苏泰州"} <= taizhou.aliases
    assert (
        rdflib.URIRef("https://w3id.org/kg-news/id/division/321200"),
        KG.locatedIn,
        rdflib.URIRef("https://w3id.org/kg-news/id/division/320000"),
    ) in g


def test_a_county_is_placed_up_to_its_province_by_the_table():
    g, _ = graph_of("靖江市的村民种植葡萄。")
    county = rdflib.URIRef("https://w3id.org/kg-news/id/division/321282")
    prefecture = rdflib.URIRef("https://w3id.org/kg-news/id/division/321200")
    province = rdflib.URIRef("https://w3id.org/kg-news/id/division/320000")
    assert (county, KG.locatedIn, prefecture) in g and (prefecture, KG.locatedIn, province) in g
    assert (prefecture, RDF.type, KG.Division) in g
    assert (prefecture, RDF.type, KG.AdministrativeArea) not in g  # the article does not name it
    assert str(g.value(prefecture, KG.divisionLevel)) == "prefecture"
    facts = [st for st in g.subjects(KG.extractor, rdflib.Literal("division-table"))]
    assert len(facts) == 2


def test_a_namesake_settled_by_the_article_and_by_the_region():
    g, _ = graph_of("福州市鼓楼区的居民喜欢喝茶。鼓楼区还有很多老街。")
    assert codes(g)["鼓楼区"] == "350102"
    g, _ = graph_of("鼓楼区的居民喜欢喝茶。", region="320300")
    assert codes(g)["鼓楼区"] == "320302"


def test_an_ambiguous_name_without_context_gets_no_code_and_its_own_key():
    _, entities = graph_of("鼓楼区的居民喜欢喝茶。")
    gulou = [e for e in entities.values() if e.label == "鼓楼区"]
    assert len(gulou) == 1 and gulou[0].code is None and gulou[0].ident.startswith("鼓楼区|doc-")


def test_a_township_is_keyed_by_the_division_it_is_written_after():
    _, entities = graph_of("南京市鼓楼区新华街道开展活动。")
    street = next(e for e in entities.values() if e.label == "新华街道")
    assert street.ident == "新华街道|320106" and street.level == geo.TOWNSHIP


def test_the_jsonl_region_field_reaches_the_article(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"text": "鼓楼区的居民喜欢喝茶。", "region": "350100"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    a = kg.extract([path])[0]
    assert a.region == "350100"


# ---------------------------------------------------------------- the dev set


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_DEV.is_dir(), reason="../shared/dev is not here")
def test_dev_prefectures_and_provinces_get_their_official_codes(tmp_path):
    sys.path.insert(0, str(Path(__file__).parent))
    from dev_division_codes import EXPECTED, NOT_IN_TEXT

    kg.build([SHARED_DEV], tmp_path, html=False, workers=1, executor="serial", progress=False)
    g = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    found: dict[str, set[str]] = {}
    for node, code in g.subject_objects(KG.divisionCode):
        if (node, RDF.type, KG.AdministrativeArea) in g:
            for name in [*g.objects(node, RDFS.label), *g.objects(node, SKOS.altLabel)]:
                found.setdefault(str(name), set()).add(str(code))
    wrong = {
        name: found.get(name)
        for name, code in EXPECTED.items()
        if name not in NOT_IN_TEXT and found.get(name) != {code}
    }
    assert not wrong


def test_build_region_option_places_namesakes_and_rejects_unknown_codes(tmp_path):
    import subprocess

    src = tmp_path / "a.jsonl"
    src.write_text(
        json.dumps({"id": "x", "text": "鼓楼区的居民喜欢喝茶。"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(src),
            "--out",
            str(tmp_path / "o1"),
            "--region",
            "999999",
            "--quiet",
        ],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--region 999999" in bad.stderr
    kg.build(
        [src], tmp_path / "o2", html=False, workers=1, executor="serial", progress=False, region="410200"
    )
    g = rdflib.Graph().parse(tmp_path / "o2" / "graph.ttl", format="turtle")
    assert codes(g)["鼓楼区"] == "410204"
