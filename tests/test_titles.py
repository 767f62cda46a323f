"""Titles as the text writes them, and the posts they give, on sentences written for the tests."""

import pytest
from helpers import analyse, facts, labels

from kg.rules.titles import is_former, parse, title_mentions


def _titled(a):
    return {
        (a.mentions[r.subject].label, r.predicate, a.mentions[r.object].label, r.title)
        for r in a.relations
        if r.title
    }


def test_a_title_keeps_the_body_word_it_compounds():
    assert [m.text for m in title_mentions("石桥村党支部书记、村委会主任郑海涛")] == [
        "党支部书记",
        "村委会主任",
    ]
    assert [m.text for m in title_mentions("东岭县纪委书记")] == ["纪委书记"]


def test_deputy_and_rank_make_a_member_not_a_leader():
    assert parse("党委副书记") == parse("党委副书记").__class__("党委", "副书记", "memberOf")
    assert parse("副社长").predicate == "memberOf"
    assert parse("二级调研员").predicate == "memberOf"
    assert parse("组织部部长").body == "组织部" and parse("组织部部长").predicate == "leads"
    assert parse("村委会主任").of_area and not parse("党委书记").of_area


def test_a_word_that_only_looks_like_a_body_is_no_body():
    # 党委 + 员 is no post: the whole word stays unparsed as a body
    assert parse("书记").body == "" and parse("书记").predicate == "leads"
    assert parse("党员").body == ""


def test_chain_of_posts_gives_one_fact_per_post():
    a = analyse("东岭县委常委、组织部部长刘明达出席会议。")
    f = _titled(a)
    assert ("刘明达", "memberOf", "东岭县委", "常委") in f
    assert ("刘明达", "leads", "东岭县委组织部", "组织部部长") in f


def test_branch_secretary_and_village_head_in_one_chain():
    a = analyse("东岭县白沙镇石桥村党支部书记、村委会主任郑海涛说。")
    f = _titled(a)
    assert ("郑海涛", "leads", "石桥村党支部", "党支部书记") in f
    assert ("郑海涛", "leads", "石桥村", "村委会主任") in f
    assert ("郑海涛", "leads", "白沙镇", "村委会主任") not in f


def test_party_group_post_and_office_post_of_one_body():
    a = analyse("东岭县民政局党组成员、副局长孙立峰介绍。")
    f = _titled(a)
    assert ("孙立峰", "memberOf", "东岭县民政局党组", "党组成员") in f
    assert ("孙立峰", "memberOf", "东岭县民政局", "副局长") in f
    assert not any(p == "leads" for _, p, _, _ in f)


def test_bare_village_before_a_post_means_the_village_named_before():
    a = analyse("石桥村位于河边。“好。”村党委书记郑海涛说。")
    assert ("郑海涛", "leads", "石桥村党委", "党委书记") in _titled(a)
    assert ("石桥村党委", "subOrganizationOf", "石桥村") in facts(a)


def test_community_committee_head_leads_the_community():
    a = analyse("石桥社区是新建的社区。跟着书记走访的社区居委会主任周雅琴说着。")
    assert ("周雅琴", "leads", "石桥社区", "居委会主任") in _titled(a)


def test_tail_of_an_unknown_name_is_no_reference_to_another_village():
    a = analyse("石桥村有三百户。白沙镇胜利村党支部书记马晓刚深有感触。")
    assert not any(o == "石桥村党支部" for _, _, o in facts(a))
    assert not any(o == "白沙镇党支部" for _, _, o in facts(a))


def test_head_of_a_body_named_just_before_in_the_clause():
    a = analyse("在东岭县绿源茶业有限公司内，负责人张纯德带着茶客参观。")
    assert ("张纯德", "leads", "绿源茶业有限公司", "负责人") in _titled(a)


def test_a_name_far_before_the_title_is_not_its_body():
    a = analyse("东岭县绿源茶业有限公司的茶园旁边，来自外地的负责人张纯德说。")
    assert not _titled(a)


def test_former_post_is_flagged_and_not_a_current_fact():
    assert is_former("他曾任白沙镇党委书记", 3)
    assert not is_former("白沙镇党委书记", 0)
    a = analyse("他曾任白沙镇党委书记刘明达的助手。")
    post = next(r for r in a.relations if r.predicate == "leads")
    assert post.tense == "former" and post.title == "党委书记"
    assert not any(r.tense == "former" for r in analyse("白沙镇党委书记刘明达出席。").relations)


def test_former_post_stays_out_of_the_graph():
    from kg.rdf.mapping import article_triples
    from kg.resolve import resolve

    a = analyse("他曾任白沙镇党委书记刘明达的助手。")
    triples = article_triples(a, resolve([a]))
    assert not any(str(p).endswith("leads") for _, p, _ in triples)


def test_a_party_group_and_the_head_of_a_museum():
    a = analyse("东岭纪念馆党组书记、馆长郑海涛介绍。")
    f = _titled(a)
    assert ("郑海涛", "leads", "东岭纪念馆党组", "党组书记") in f
    assert ("郑海涛", "leads", "东岭纪念馆", "馆长") in f
    assert ("东岭纪念馆党组", "subOrganizationOf", "东岭纪念馆") in facts(a)


@pytest.mark.parametrize(
    "text,person,body",
    [
        ("岚溪茶馆负责人周文涛介绍，茶馆每周举办品茶会。", "周文涛", "岚溪茶馆"),
        ("会上，石桥社区联合党委书记李国强作了发言。", "李国强", "石桥社区联合党委"),
    ],
)
def test_teahouses_and_joint_party_committees_have_leads(text, person, body):
    assert (person, "leads", body) in facts(analyse(text))


@pytest.mark.parametrize("text", ["他在茶馆里喝茶。", "村里开了几家乡村茶馆和咖啡馆。"])
def test_a_bare_or_described_teahouse_names_no_company(text):
    assert not labels(analyse(text), "Company")
