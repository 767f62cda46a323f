"""Relation rules, each on sentences written for the tests."""

import pytest
from helpers import analyse, facts


def test_title_after_organization_builds_leads_with_its_title():
    a = analyse("东岭县白沙镇党委书记陆文博走访群众。")
    assert ("陆文博", "leads", "白沙镇党委") in facts(a)
    assert next(r.title for r in a.relations if r.predicate == "leads") == "党委书记"


def test_member_title_builds_member_of():
    a = analyse("江宁区法院副院长吴思远出席。")
    assert ("吴思远", "memberOf", "江宁区法院") in facts(a)


def test_area_nesting_gives_located_in():
    a = analyse("东岭县白沙镇石桥村开展活动。")
    assert {("白沙镇", "locatedIn", "东岭县"), ("石桥村", "locatedIn", "白沙镇")} <= facts(a)


def test_body_of_an_area_and_nested_division():
    a = analyse("石桥社区党支部和江宁区法院第三检察部召开联席会。")
    f = facts(a)
    assert ("石桥社区党支部", "subOrganizationOf", "石桥社区") in f
    assert ("江宁区法院第三检察部", "subOrganizationOf", "江宁区法院") in f
    assert ("江宁区法院第三检察部", "subOrganizationOf", "江宁区") not in f


def test_company_right_after_a_body_is_part_of_it():
    a = analyse("江宁区环卫服务中心绿源保洁公司负责清扫。")
    assert ("绿源保洁公司", "subOrganizationOf", "江宁区环卫服务中心") in facts(a)


def test_agent_implements_programme():
    a = analyse("石桥社区推出的“一线工作法”效果明显。")
    assert ("石桥社区", "implements", "一线工作法") in facts(a)


def test_generic_agent_founds_organisation():
    a = analyse("石桥社区推出新举措。社区还成立了“银发守护志愿服务队”。")
    assert ("石桥社区", "founded", "银发守护志愿服务队") in facts(a)


def test_merged_into():
    a = analyse("从本月起，“便民通”APP整合至“政务通”APP。")
    assert ("便民通", "mergedInto", "政务通") in facts(a)


def test_resides_in_before_the_person():
    a = analyse("家住翠湖小区的退休职工郑雨桐来电咨询。")
    assert ("郑雨桐", "residesIn", "翠湖小区") in facts(a)


def test_cooperates_with_each_listed_body():
    a = analyse("白沙镇联合东岭县公安局、东岭县医保中心开展检查。")
    assert {
        ("白沙镇", "cooperatesWith", "东岭县公安局"),
        ("白沙镇", "cooperatesWith", "东岭县医保中心"),
    } <= facts(a)


def test_evidence_offsets_slice_the_sentence():
    a = analyse("开头一句。石桥社区推出的“一线工作法”效果明显。结尾。")
    r = next(r for r in a.relations if r.predicate == "implements")
    assert a.text[r.start : r.end] == "石桥社区推出的“一线工作法”效果明显。"


def test_interviewee_comes_from_the_subtitle():
    a = analyse("标题\n——访白沙镇党委书记陆文博\n正文。", body_start=16)
    assert a.interviewees == ["陆文博"]


def test_the_clause_subject_acts_not_its_partner():
    a = analyse("青岭市民政局联合青岭市红十字会开展“冬日送温暖”行动。")
    f = facts(a)
    assert ("青岭市民政局", "implements", "冬日送温暖行动") in f
    assert ("青岭市民政局", "cooperatesWith", "青岭市红十字会") in f
    assert ("青岭市民政局", "cooperatesWith", "青岭市") not in f


def test_titles_in_a_row_share_organisation_and_person():
    a = analyse("东岭县白沙镇党委副书记、镇长陆文博出席。")
    f = facts(a)
    assert ("陆文博", "memberOf", "白沙镇党委") in f
    assert ("陆文博", "leads", "白沙镇") in f


def test_a_profile_subtitle_names_the_article_subject():
    a = analyse("标题\n——记白沙镇党委书记陆文博\n正文。", body_start=16)
    assert a.interviewees == ["陆文博"]


def test_a_bare_suffix_inside_a_word_is_no_reference():
    a = analyse("石桥村党支部书记陆文博带领村民成立了合作社。")
    assert not any(m.text == "村" for m in a.mentions)


def test_the_titled_person_founds_not_the_body_in_the_title():
    a = analyse("东岭县白沙镇石桥村党支部书记白云飞带领村民成立绿源农民专业合作社，创办东岭鲜食加工厂。")
    f = facts(a)
    assert ("白云飞", "founded", "绿源农民专业合作社") in f
    assert ("白云飞", "founded", "东岭鲜食加工厂") in f  # carried to the next clause
    assert not any(s == "石桥村党支部" and p == "founded" for s, p, _ in f)


def test_a_pronoun_founder_is_the_person_named_before():
    a = analyse("2024年，郑海涛赴外地学习经验。回村后，他大胆创新，成立“宝丰农业有限公司”。")
    assert ("郑海涛", "founded", "宝丰农业有限公司") in facts(a)


def test_a_pronoun_with_a_name_in_its_own_sentence_is_not_resolved_across():
    a = analyse("郑海涛赴外地学习。石桥社区和他一起成立了“银发志愿服务队”。")
    assert ("郑海涛", "founded", "银发志愿服务队") not in facts(a)


def test_resides_in_the_most_specific_place_of_a_chain():
    a = analyse("家住东岭县白沙镇翠湖小区的郑雨桐来电。")
    f = facts(a)
    assert ("郑雨桐", "residesIn", "翠湖小区") in f
    assert ("郑雨桐", "residesIn", "白沙镇") not in f


def test_a_named_resident_of_the_place_before():
    assert ("郑雨桐", "residesIn", "翠湖小区") in facts(analyse("翠湖小区居民郑雨桐说。"))
    assert not any(p == "residesIn" for _, p, _ in facts(analyse("翠湖小区的居民代表郑雨桐说。")))


def test_everyday_synonyms_of_implements():
    a = analyse("东岭县出台“积分榜”考评办法，白沙镇举办“月圆家和”游园会。")
    f = facts(a)
    assert ("东岭县", "implements", "积分榜考评办法") in f
    assert ("白沙镇", "implements", "月圆家和游园会") in f or ("白沙镇", "implements", "月圆家和") in f


def test_an_area_naming_an_unrecognised_body_does_not_act():
    a = analyse("国庆假期，东岭县文化馆举办“月圆家和”游园会。")
    assert not any(s == "东岭县" and p == "implements" for s, p, _ in facts(a))


def test_area_chain_written_as_one_name_is_located_in_its_opening_area():
    from kg.model import Article, Mention, Sentence
    from kg.rules.relations import area_in_its_chain

    text = "在东岭区白沙街道调研。"
    a = Article(
        id="t",
        text=text,
        sentences=[Sentence(0, len(text), text)],
        mentions=[
            Mention("东岭区白沙街道", 1, 8, "AdministrativeArea", label="东岭区白沙街道"),
            Mention("东岭区", 1, 4, "AdministrativeArea", label="东岭区"),
        ],
    )
    assert facts(Article(**{**a.__dict__, "relations": area_in_its_chain(a)})) == {
        ("东岭区白沙街道", "locatedIn", "东岭区")
    }
    a.mentions[0] = Mention("东岭区政府", 1, 6, "AdministrativeArea", label="东岭区政府")
    assert not area_in_its_chain(a)  # 政府 is no area suffix: no chain
    a.mentions[0] = Mention("东岭区政务服务大厅", 1, 10, "Place", label="东岭区政务服务大厅")
    assert not area_in_its_chain(a)  # a hall the area's name qualifies is no chain


def test_people_from_a_named_body_are_its_members():
    a = analyse("来自东岭国资企业东岭县会展有限责任公司的郑海涛、陆文博走进了石桥村。")
    f = facts(a)
    assert {
        ("郑海涛", "memberOf", "东岭县会展有限责任公司"),
        ("陆文博", "memberOf", "东岭县会展有限责任公司"),
    } <= f


def test_visitors_from_a_place_are_no_members():
    assert not facts(analyse("来自东岭县的游客郑海涛说。"))


def test_a_village_collective_is_part_of_its_village():
    a = analyse("东岭县白沙镇石桥村股份经济合作社副社长陆文博说。")
    f = facts(a)
    assert ("石桥村股份经济合作社", "subOrganizationOf", "石桥村") in f
    assert ("陆文博", "memberOf", "石桥村股份经济合作社") in f
    assert ("石桥村股份经济合作社", "subOrganizationOf", "白沙镇") not in f


def test_a_post_written_after_the_name():
    assert ("郑海涛", "leads", "东岭县民政局") in facts(analyse("郑海涛（东岭县民政局局长）介绍。"))
    assert ("郑海涛", "leads", "白沙镇党委") in facts(analyse("郑海涛，东岭县白沙镇党委书记，出席会议。"))


def test_a_post_after_another_clause_is_not_the_speakers():
    assert not any(p == "leads" for _, p, _ in facts(analyse("郑海涛说，东岭县民政局局长也来了。")))


def test_a_centre_named_after_an_area_is_located_in_it():
    f = facts(analyse("白沙街道社区卫生服务中心开门问诊，石桥社区党支部也来了。"))
    assert ("白沙街道社区卫生服务中心", "locatedIn", "白沙街道") in f
    assert ("白沙街道社区卫生服务中心", "subOrganizationOf", "白沙街道") not in f
    assert ("石桥社区党支部", "subOrganizationOf", "石桥社区") in f


def test_located_at_the_last_place_of_the_chain():
    f = facts(analyse("位于石桥村的绿源茶业有限公司内，工人正在筛茶。"))
    assert ("绿源茶业有限公司", "locatedIn", "石桥村") in f
    f = facts(analyse("绿源茶业有限公司位于东岭县白沙镇石桥村。"))
    assert ("绿源茶业有限公司", "locatedIn", "石桥村") in f
    assert ("绿源茶业有限公司", "locatedIn", "东岭县") not in f


def test_located_at_needs_the_place_right_after_the_cue():
    assert not any(
        p == "locatedIn" and s == "绿源茶业有限公司"
        for s, p, _ in facts(analyse("绿源茶业有限公司位置偏远，离石桥村很远。"))
    )


def test_an_area_named_in_full_before_a_hall_is_part_of_its_name_not_where_it_is_said_to_lie():
    a = analyse("市民在东岭区政务服务大厅办理业务。")
    assert not [f for f in facts(a) if f[1] == "locatedIn" and f[0].endswith("大厅")]
    b = analyse("市民在江苏南京政务服务大厅办理业务。")
    assert ("南京政务服务大厅", "locatedIn", "南京") in facts(b)  # short names: where it lies


@pytest.mark.parametrize(
    "text,school,area",
    [
        ("家长们在白沙镇中心幼儿园参加开放日。", "白沙镇中心幼儿园", "白沙镇"),
        ("东岭县实验小学的学生参加比赛。", "东岭县实验小学", "东岭县"),
    ],
)
def test_a_school_named_after_its_area_lies_in_it(text, school, area):
    assert (school, "locatedIn", area) in facts(analyse(text))


def test_a_school_not_named_after_an_area_is_placed_nowhere():
    assert not [f for f in facts(analyse("红枫小学的学生参加比赛。")) if f[1] == "locatedIn"]


def test_a_hall_named_with_its_city_lies_in_it_though_jieba_keeps_them_one_word():
    assert ("北京天安门广场", "locatedIn", "北京") in facts(analyse("游客在北京天安门广场观看升旗。"))


def test_an_association_named_after_its_village_lies_in_it():
    assert ("石桥村农民互助会", "locatedIn", "石桥村") in facts(analyse("石桥村农民互助会为村民发放贷款。"))


def test_a_museum_named_with_a_province_short_name_is_not_placed_by_its_prefix_alone():
    a = analyse("他在广西青岚陶瓷博物馆工作。")
    assert ("广西青岚陶瓷博物馆", "locatedIn", "广西") in facts(a)  # named-after-its-region
    assert not [f for f in facts(a) if f[1] == "locatedIn" and f[2] == "广西壮族自治区"]


def test_a_village_economy_is_part_of_its_village_not_located_in_it():
    f = facts(analyse("石桥村股份经济合作社分红了。"))
    assert ("石桥村股份经济合作社", "subOrganizationOf", "石桥村") in f
    assert ("石桥村股份经济合作社", "locatedIn", "石桥村") not in f


def _signed(note: str, authors=("李明远",)):
    from kg.api import process
    from kg.model import Document
    from kg.pipeline import Pipeline

    byline = "  ".join(authors)
    text = f"古老文物有了数字档案\n{byline}《东岭日报》（2025年10月04日第 08 版）\n东岭县文化馆正以更开放的姿态迎接游客。\n{note}"
    (article,) = process([Document("x", text, "article", id="x")], Pipeline())
    return {
        (article.mentions[r.subject].label, r.predicate, article.mentions[r.object].label, r.title)
        for r in article.relations
    }


def test_the_note_that_closes_a_signed_piece_gives_its_authors_post():
    assert ("李明远", "memberOf", "东岭县文化馆", "副馆长") in _signed("（作者为东岭县文化馆副馆长）")
    assert ("李明远", "leads", "东岭县文化馆", "馆长") in _signed("（作者系东岭县文化馆馆长）")


def test_a_note_that_is_no_authors_note_or_has_two_authors_gives_no_post():
    assert not [f for f in _signed("（东岭县文化馆副馆长李明供图）") if f[0] == "李明远"]
    assert not [
        f
        for f in _signed("（作者为东岭县文化馆副馆长）", ("李明远", "赵青松"))
        if f[1] in ("leads", "memberOf")
    ]


def test_a_body_listed_with_the_subject_before_the_cue_cooperates_with_it():
    f = facts(analyse("近日，东岭县民政局与卫生健康局联合印发《东岭县养老服务办法》。"))
    assert ("东岭县民政局", "cooperatesWith", "东岭县卫生健康局") in f
    assert not [x for x in f if x[1] == "cooperatesWith" and x[2] == "东岭县"]  # inside the title


def test_people_from_a_body_written_after_where_it_is_are_its_members():
    f = facts(analyse("来自东岭国资企业青岚物流有限公司的王海涛参加了培训。"))
    assert ("王海涛", "memberOf", "青岚物流有限公司") in f


def test_visitors_from_a_place_are_no_members_of_a_body_named_later():
    f = facts(analyse("来自东岭县的游客李明远参观了青岚会展有限责任公司的展厅。"))
    assert not [x for x in f if x[1] == "memberOf"]


@pytest.mark.parametrize("adverb", ["大力", "全力", "着力"])
def test_an_adverb_after_the_area_leaves_it_the_actor(adverb):
    assert ("东岭县", "implements", "十分钟服务圈") in facts(analyse(f"东岭县{adverb}打造“十分钟服务圈”。"))


def test_an_area_before_a_noun_is_still_no_actor():
    assert not [f for f in facts(analyse("东岭县群众打造“十分钟服务圈”。")) if f[0] == "东岭县"]
