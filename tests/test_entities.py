"""Entity rules, one behaviour per test, on sentences written for the tests."""

import pytest
from helpers import analyse, facts, labels

from kg.model import Article, Mention
from kg.rules.entities import person_name_at, settle_overlaps


def types(article):
    return {m.label: m.type for m in article.mentions if m.label and m.type != "Title"}


def test_area_chain_gives_each_level():
    a = analyse("去年以来，东岭县白沙镇石桥村通过修路致富。")
    assert {"东岭县", "白沙镇", "石桥村"} <= labels(a, "AdministrativeArea")


def test_party_body_keeps_its_area_and_drops_the_district():
    a = analyse("近日，东岭县白沙镇党委召开会议。")
    assert "白沙镇党委" in labels(a, "PartyOrganization")
    assert "东岭县白沙镇党委" not in labels(a)


def test_government_body_keeps_its_district_prefix():
    a = analyse("记者从江宁区医保中心获悉，新政策将于下月实施。")
    assert "江宁区医保中心" in labels(a, "GovernmentBody")


def test_nested_division_of_a_body():
    a = analyse("江宁区法院第三审判庭的法官们走进校园。".replace("审判庭", "检察部"))
    assert {"江宁区法院", "江宁区法院第三检察部"} <= labels(a, "GovernmentBody")


def test_company_and_school_lose_the_area_prefix():
    a = analyse("近日，江宁区红枫小学和江宁区绿源环保公司签订协议。")
    assert {"红枫小学", "绿源环保公司"} <= labels(a)
    assert types(a)["红枫小学"] == "School" and types(a)["绿源环保公司"] == "Company"


def test_descriptive_name_is_no_entity_without_an_area():
    a = analyse("保洁员既要确保管辖学校干净，又要做好消毒。")
    assert not labels(a, "School")


def test_single_character_suffix_needs_a_chain():
    a = analyse("全国文明城市创建工作稳步推进，联合市场执法部门检查。")
    assert not labels(a, "AdministrativeArea")


def test_bare_generic_reference_is_not_an_entity():
    a = analyse("社区工作人员走访了辖区商户。")
    assert "社区" not in labels(a)


def test_person_after_title_and_before_speech():
    a = analyse("白沙镇党委书记陆文博表示，要办实事。随后，郑雨桐说，大家很满意。")
    assert {"陆文博", "郑雨桐"} <= labels(a, "Person")


def test_function_word_surname_and_dictionary_words_are_not_names():
    a = analyse("要教育党员、管理党员和组织群众，提升居民满意度。")
    assert not labels(a, "Person")


def test_person_name_length():
    assert person_name_at("书记陆文博一直忙碌", 2) == 5
    assert person_name_at("书记陆文说了", 2) == 4
    assert person_name_at("书记的工作", 2) is None


def _words(text):
    from kg.nlp.tokens import tokenize

    return {s: w for w, s in tokenize(text)}


@pytest.mark.parametrize(
    "text,name",
    [
        ("老支书孙卫和说：", "孙卫和"),  # a function character that ends a name before 说
        ("副主任周立来说。", "周立来"),
        ("副局长钱振强，他", "钱振强"),  # punctuation after three characters
        ("村民赵广乐呵呵地说", "赵广"),  # 乐呵呵 is a word of its own
        ("干部韩梅身穿红色马甲", "韩梅"),  # 身穿
        ("记者秦岚实习生", "秦岚"),  # 实习生
        ("（记者冯玥魏晓天）", "冯玥"),  # a second name that runs to the bracket
        ("书记严立强接过话茬", "严立强"),  # 强 is no stop where no word begins with it
        ("书记吕江向记者介绍", "吕江"),  # 向 begins the next phrase
        ("书记艾山·吐尔逊说", "艾山·吐尔逊"),  # a middle dot
    ],
)
def test_name_boundary_from_what_follows(text, name):
    start = next(i for i, c in enumerate(text) if c in "孙周钱赵韩秦冯严吕艾")
    assert text[start : person_name_at(text, start, _words(text))] == name


def test_photo_credit_is_a_person_without_the_credit_mark():
    a = analyse("市民在广场上散步。\n本报记者  柯  远摄（东岭视觉）\n")
    found = {m.label: m.text for m in a.mentions if m.type == "Person"}
    assert found.get("柯远") == "柯  远"
    assert not any(t.endswith("摄") for t in found.values())
    assert not {m.label for m in analyse("王海涛摄影作品展开幕。").mentions if m.type == "Person"} & {
        "王海涛摄"
    }


@pytest.mark.parametrize(
    "text,label,cls",
    [
        ("大力推进“智慧养老”工程建设。", "智慧养老工程", "Programme"),
        ("全面推广“一线工作法”。", "一线工作法", "Programme"),
        ("创建的“2468”便民服务工作法很受欢迎。", "2468便民服务工作法", "Programme"),
        ("“便民通”APP整合至“政务通”APP。", "便民通", "Product"),
        ("成立了“银发守护志愿服务队”。", "银发守护志愿服务队", "SocialOrganization"),
    ],
)
def test_quoted_names_by_cue(text, label, cls):
    assert types(analyse(text)).get(label) == cls


def test_numbered_session_of_a_committee_is_an_event():
    a = analyse("江宁区委三届五次全会暨区委经济工作会议召开。")
    assert "江宁区委三届五次全会暨区委经济工作会议" in labels(a, "Event")
    assert "江宁区委" in labels(a, "PartyOrganization")


def test_a_name_found_once_is_found_everywhere_in_the_article():
    a = analyse("白沙镇党委书记陆文博说，白沙镇将继续发力。白沙镇的变化有目共睹。")
    assert sum(1 for m in a.mentions if m.label == "白沙镇") == 3


def test_generic_reference_resolves_to_the_named_community():
    a = analyse("石桥社区推出新举措。该社区还成立了老年协会。")
    ref = next(m for m in a.mentions if m.text == "社区" and m.generic)
    assert ref.label == "石桥社区"


def test_crossing_mentions_keep_the_better_one():
    good = Mention("白沙镇", 0, 3, "AdministrativeArea", 0.9, "x", label="白沙镇")
    bad = Mention("沙镇党", 1, 4, "Person", 0.5, "y", label="沙镇党")
    assert settle_overlaps([bad, good]) == [good]


def test_a_title_is_no_second_suffix():
    a = analyse("洪湖区民政局局长钟一鸣出席。")
    assert "洪湖区民政局" in labels(a) and not any(l.endswith("局局") for l in labels(a))


def test_quoted_name_completed_by_the_word_after_it():
    a = analyse("街道实施了“红枫物业”工程，还组建了“银杏”志愿者服务队。")
    assert types(a).get("红枫物业工程") == "Programme"
    assert types(a).get("银杏志愿者服务队") == "SocialOrganization"


def test_common_noun_area_name_needs_a_chain():
    assert "钢城社区" in labels(analyse("记者走进钢城社区卫生服务中心。"))
    assert not labels(analyse("建设健康社区，人人有责。"), "AdministrativeArea")


def test_verb_after_a_name_is_not_part_of_an_area():
    a = analyse("主任钟一鸣带领街道干部走访群众。")
    assert not labels(a, "AdministrativeArea")


def test_gazetteer_finds_what_one_longest_first_alternation_finds():
    import random
    import re as regex

    from kg.model import Mention
    from kg.rules.entities import Gazetteer

    rng = random.Random(3)
    for _ in range(300):
        forms = {"".join(rng.choice("甲乙丙") for _ in range(rng.randint(3, 5))) for _ in range(4)}
        text = "".join(rng.choice("甲乙丙丁") for _ in range(40))
        g = Gazetteer([Mention(f, 0, len(f), "Organization", 1.0, "test") for f in forms])
        pattern = regex.compile("|".join(map(regex.escape, sorted(forms, key=len, reverse=True))))
        assert list(g.occurrences(text)) == [(*m.span(), m.group()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "text,label,cls",
    [
        ("东岭县委组织部有关负责同志说。", "东岭县委组织部", "PartyOrganization"),
        ("白沙州委组织部召开会议。", "白沙州委", "PartyOrganization"),
        ("东岭县纪委监委党风政风监督室副主任介绍。", "东岭县纪委监委", "GovernmentBody"),
        ("东岭县纪委监委党风政风监督室副主任介绍。", "东岭县纪委监委党风政风监督室", "GovernmentBody"),
        ("东岭县文化和旅游局局长介绍。", "东岭县文化和旅游局", "GovernmentBody"),
        ("东岭县民政局养老服务处处长说。", "东岭县民政局养老服务处", "GovernmentBody"),
        ("白沙镇农业农村办副主任说。", "白沙镇农业农村办", "GovernmentBody"),
        ("绿源茶业协会党支部书记说。", "绿源茶业协会党支部", "PartyOrganization"),
        ("来到石桥镇蓝湾传统工艺农民专业合作社体验。", "蓝湾传统工艺农民专业合作社", "SocialOrganization"),
        ("东岭超导科技有限公司曾长期依赖进口。", "东岭超导科技有限公司", "Company"),
    ],
)
def test_committee_departments_offices_and_cooperatives(text, label, cls):
    assert label in labels(analyse(text), cls)


@pytest.mark.parametrize(
    "text,community,street",
    [
        ("清河街道东二路社区居民说，今年变化大。", "东二路社区", "清河街道"),
        ("清河街道长安路北段社区党委副书记陈立新说。", "长安路北段社区", "清河街道"),
        ("东岭区石桥街道柳元社区居民说，路修好了。", "柳元社区", "石桥街道"),
        ("清河街道长安路社区居民说。", "长安路社区", "清河街道"),
    ],
)
def test_a_community_after_its_street_is_named_by_numbers_roads_and_rare_words(text, community, street):
    a = analyse(text)
    assert community in labels(a, "AdministrativeArea")
    assert (community, "locatedIn", street) in facts(a)


def test_a_road_community_s_party_body_and_member_keep_the_whole_road_name():
    a = analyse("清河街道长安路北段社区党委副书记陈立新说。")
    assert ("长安路北段社区党委", "subOrganizationOf", "长安路北段社区") in facts(a)
    assert ("陈立新", "memberOf", "长安路北段社区党委") in facts(a)
    assert not {"路北段社区", "北段社区"} & labels(a)


@pytest.mark.parametrize(
    "text,bad",
    [
        ("东岭县一些社区开展活动。", "一些社区"),
        ("东岭县今年社区工作很多。", "今年社区"),
        ("清河街道多个社区开展活动。", "多个社区"),
    ],
)
def test_a_count_or_a_date_after_an_area_names_no_community(text, bad):
    assert bad not in labels(analyse(text))


def test_a_body_named_by_its_city_s_short_name_is_a_body_with_its_members():
    a = analyse("洛阳革命旧址管理局党委委员、副局长陈立新说。")
    assert "洛阳革命旧址管理局" in labels(a, "GovernmentBody")
    assert {
        ("洛阳革命旧址管理局党委", "subOrganizationOf", "洛阳革命旧址管理局"),
        ("陈立新", "memberOf", "洛阳革命旧址管理局"),
        ("陈立新", "memberOf", "洛阳革命旧址管理局党委"),
    } <= facts(a)


@pytest.mark.parametrize("text", ["洛阳科技发展很快。", "洛阳今年成立管理局。", "医保中心工作人员说。"])
def test_a_city_s_name_before_a_suffix_inside_a_word_or_a_clause_names_no_body(text):
    assert all(m.generic for m in analyse(text).mentions if m.type == "GovernmentBody")


@pytest.mark.parametrize(
    "text,department,body",
    [
        ("清河街道办事处社区管理科干部陈立新介绍。", "清河街道办事处社区管理科", "清河街道办事处"),
        ("东岭县民政局社区建设科科长陈立新说。", "东岭县民政局社区建设科", "东岭县民政局"),
    ],
)
def test_a_department_named_for_its_work_on_communities_belongs_to_its_body(text, department, body):
    a = analyse(text)
    assert department in labels(a, "GovernmentBody")
    assert (department, "subOrganizationOf", body) in facts(a)
    assert "社区" not in {m.text for m in a.mentions}


@pytest.mark.parametrize("text", ["东岭县民政局社区居民说。", "东岭县民政局和社区工作人员说。"])
def test_a_community_after_a_body_is_still_a_community(text):
    a = analyse(text)
    assert any(m.text == "社区" and m.type == "AdministrativeArea" for m in a.mentions)
    assert not {lab for lab in labels(a, "GovernmentBody") if lab.endswith("社区")}


def test_a_village_may_begin_with_a_road_character_where_nothing_comes_before_it():
    assert "路家村" in labels(analyse("白沙镇路家村村民说，今年收成好。"), "AdministrativeArea")


@pytest.mark.parametrize(
    "text,label,cls,area",
    [
        ("游客们来到东岭县清水湖景区，观赏湖光山色。", "东岭县清水湖景区", "Place", "东岭县"),
        ("东岭县云溪古镇今年迎来游客二十万人次。", "云溪古镇", "Place", "东岭县"),
        ("东岭县红崖牧场养殖牦牛三千头。", "红崖牧场", "Company", "东岭县"),
    ],
)
def test_scenic_areas_old_towns_farms_and_ranches_are_named_by_their_suffix(text, label, cls, area):
    a = analyse(text)
    assert label in labels(a, cls)
    assert (label, "locatedIn", area) in facts(a)


@pytest.mark.parametrize("text", ["这个景区门票免费。", "在旅游区内，游客可以骑马。", "古镇的夜晚很安静。"])
def test_a_bare_scenic_suffix_names_no_place(text):
    assert not labels(analyse(text), "Place")


@pytest.mark.parametrize(
    "text,bad",
    [
        ("在社区组织下，石桥小区调整成立党委，他当选书记。", "调整成立党委"),
        ("白沙镇推出工会消费券。", "白沙镇推出工会"),
        ("宝丰县建立健全村党组织书记培养机制。", "建立健全村党组"),
        ("宝丰县建立健全村党组织书记培养机制。", "建立健全村"),
        ("他通过一键呼叫系统联系社区卫生服务中心。", "联系社区卫生服务中心"),
    ],
)
def test_a_clause_verb_is_no_part_of_a_name(text, bad):
    assert bad not in labels(analyse(text))


def test_a_function_character_surname_after_a_title():
    a = analyse("他敲开退休党员于振海的家门。")
    assert "于振海" in labels(a, "Person")


def test_a_name_that_runs_past_a_dictionary_word():
    a = analyse("石桥村党支部书记白云飞带领村民致富。")
    assert "白云飞" in labels(a, "Person")


@pytest.mark.parametrize(
    "text",
    [
        "办公室王主任向记者透露，项目已开工。",  # 向记者 is no name after a title
        "小区业主侯女士说，停车难题解决了。",  # a surname and an honorific
        "问：简单介绍下现在的情况。",  # a dictionary word before 介绍
    ],
)
def test_no_person_from_an_address_form_or_a_word(text):
    assert not labels(analyse(text), "Person")


def test_a_dotted_name_stops_before_an_honorific():
    a = analyse("家具协会会长阿南·颂提先生介绍说，展会很成功。")
    assert "阿南·颂提" in labels(a, "Person")


def test_a_place_name_may_be_longer_than_an_area_name():
    a = analyse("游客来到东岭县白鹭洲戏曲博物馆参观。")
    assert "白鹭洲戏曲博物馆" in labels(a)


def test_a_clause_verb_before_a_place_is_not_its_name():
    a = analyse("他领着大伙利用小区空地种菜。")
    assert not any("利用" in x for x in labels(a))


@pytest.mark.parametrize(
    "text,body,area",
    [
        ("宝丰镇胜利村党支部书记说。", "胜利村党支部", "胜利村"),  # a common word as a village's name
        ("和睦社区党委充分发挥作用。", "和睦社区党委", "和睦社区"),  # a stop character that begins a word
        ("石湖镇第七埠村党委召开会议。", "第七埠村党委", "第七埠村"),
    ],
)
def test_a_party_body_vouches_for_the_area_it_is_named_after(text, body, area):
    a = analyse(text)
    assert body in labels(a, "PartyOrganization")
    assert area in labels(a, "AdministrativeArea")


def test_without_a_body_a_common_word_is_no_village():
    assert "建设村" not in labels(analyse("大力推进建设村容村貌整治。"), "AdministrativeArea")


def test_a_declared_short_form_is_the_label_and_the_full_name_an_alias():
    a = analyse("东岭县成立红枫文化旅游发展有限公司（以下简称“红枫公司”）。红枫公司负责运营。")
    full = next(m for m in a.mentions if m.text == "红枫文化旅游发展有限公司")
    assert full.label == "红枫公司" and "红枫文化旅游发展有限公司" in full.aliases
    assert {m.label for m in a.mentions if m.text == "红枫公司"} == {"红枫公司"}


def test_a_company_written_short_elsewhere_is_one_entity():
    a = analyse("他创办了红枫农业有限公司。后来，红枫农业公司的规模越来越大。")
    assert {m.label for m in a.mentions if m.type == "Company"} == {"红枫农业公司"}
    alone = analyse("他创办了红枫农业有限公司。")
    assert labels(alone, "Company") == {"红枫农业有限公司"}


@pytest.mark.parametrize(
    "text,name",
    [
        ("2020年5月，王海涛总书记在东岭考察。", "王海涛"),  # a name before a title
        ("会上，李明主任和王刚局长先后发言。", "王刚"),
        ("江先生的老伴石秀兰今年52岁。", "石秀兰"),  # a kinship word before a name
        ("张振山的女儿张小雨眼中充满敬意。", "张小雨"),
    ],
)
def test_names_before_titles_and_after_kinship_words(text, name):
    assert name in labels(analyse(text), "Person")


@pytest.mark.parametrize(
    "text",
    [
        "东岭县委书记说，要抓好落实。",  # an area, not a name, before the title
        "他的女儿今年上大学。",  # a kinship word before a common word
        "小区楼长和网格员一起上门。",  # 和 joins two titles
    ],
)
def test_no_name_from_a_title_or_kinship_word_alone(text):
    assert not labels(analyse(text), "Person")


@pytest.mark.parametrize(
    "text, word", [("工人们在养殖区里忙碌。", "养殖区"), ("五星红旗在操场上升起。", "五星红旗")]
)
def test_a_common_word_ending_like_an_area_is_no_area(text, word):
    assert word not in labels(analyse(text), "AdministrativeArea")


def test_a_rare_place_word_ending_like_an_area_is_still_an_area():
    assert "白沙镇" in labels(analyse("白沙镇联合东岭县公安局开展检查。"), "AdministrativeArea")


def test_a_development_zone_is_named_by_its_city():
    a = analyse("东岭经济技术开发区政务服务中心推出“一窗通办”。")
    assert "东岭经济技术开发区" in labels(a, "AdministrativeArea")
    assert "东岭经济技术开发区政务服务中心" in labels(a, "GovernmentBody")
    assert "技术开发区" not in labels(a)


def test_a_name_before_an_ordinal_ends_before_it():
    assert "陈鸣" in labels(analyse("机长陈鸣第3次飞越高原。"), "Person")
    assert "陈鸣第" not in labels(analyse("机长陈鸣第3次飞越高原。"))
    assert "陈鸣第" not in labels(analyse("机长陈鸣第一次飞越高原。"))


def test_a_person_cut_short_of_a_name_the_document_holds_is_that_name():
    from kg.rules.entities import complete_cut_names

    a = Article(id="t", text="王小妞在家。大家说王小妞能干。")
    a.mentions = [
        Mention("王小", 0, 2, "Person", 0.9, "crf-ner", label="王小"),
        Mention("王小妞", 9, 12, "Person", 0.9, "crf-ner", label="王小妞"),
    ]
    complete_cut_names([a])
    assert [(m.text, m.start, m.end) for m in a.mentions] == [("王小妞", 0, 3), ("王小妞", 9, 12)]


def test_a_shorter_name_the_text_does_not_continue_stays():
    from kg.rules.entities import complete_cut_names

    a = Article(id="t", text="王小来了，王小妞也来了。")
    a.mentions = [
        Mention("王小", 0, 2, "Person", 0.9, "crf-ner", label="王小"),
        Mention("王小妞", 5, 8, "Person", 0.9, "crf-ner", label="王小妞"),
    ]
    complete_cut_names([a])
    assert [m.text for m in a.mentions] == ["王小", "王小妞"]


@pytest.mark.parametrize(
    "text, outlet",
    [
        ("东岭日报记者  王小明摄", "东岭日报"),
        ("今天东岭日报社记者王小明说，活动很成功。", "东岭日报社"),
        ("东岭广播电视台特约记者  王小明摄", "东岭广播电视台"),
    ],
)
def test_a_news_outlet_before_a_reporter_and_its_reporter(text, outlet):
    a = analyse(text)
    assert outlet in labels(a, "Organization")
    assert ("王小明", "memberOf", outlet) in facts(a)
    assert next(r.title for r in a.relations if r.predicate == "memberOf") in ("记者", "特约记者")


@pytest.mark.parametrize(
    "text", ["本报记者  王小明", "电视台记者王小明说，很好。", "海报记者王小明说，很好。"]
)
def test_no_outlet_from_this_paper_or_a_common_noun(text):
    assert not labels(analyse(text), "Organization")


@pytest.mark.parametrize(
    "text,label,cls",
    [
        ("家长们在青松镇中心幼儿园参加开放日。", "青松镇中心幼儿园", "School"),
        ("白沙镇中心小学的学生参加比赛。", "白沙镇中心小学", "School"),
        ("患者被送到白沙镇中心卫生院。", "白沙镇中心卫生院", "Organization"),
    ],
)
def test_a_central_school_or_clinic_is_one_body(text, label, cls):
    a = analyse(text)
    assert label in labels(a, cls)
    assert not [m for m in a.mentions if m.type == "GovernmentBody"]  # no 白沙镇中心 of its own


def test_a_centre_before_its_director_is_still_a_body():
    a = analyse("白沙镇文化服务中心主任王刚说，活动很受欢迎。")
    assert ("王刚", "leads", "白沙镇文化服务中心") in facts(a)


@pytest.mark.parametrize("text", ["他每天下班回社区。", "志愿者定期送医进社区。"])
def test_a_verb_before_an_area_suffix_governs_it(text):
    assert not labels(analyse(text), "AdministrativeArea")


def test_a_name_that_ends_in_a_verb_like_word_is_still_an_area():
    assert "回龙村" in labels(analyse("回龙村党支部书记王刚介绍了情况。"), "AdministrativeArea")


@pytest.mark.parametrize(
    "text,bad",
    [
        ("东岭县城区拥有一家博物馆。", "东岭县城区拥有一家博物馆"),
        ("全镇12个行政村股份经济合作社都完成了分红。", "行政村"),
        ("全镇12个行政村股份经济合作社都完成了分红。", "行政村股份经济合作社"),
        ("全镇12个自然村都通了公交。", "自然村"),
        ("东岭县壮大新型农村集体经济。", "新型农村"),
    ],
)
def test_counts_kinds_and_descriptions_name_nothing(text, bad):
    assert bad not in labels(analyse(text))


@pytest.mark.parametrize(
    "text,label",
    [
        ("村里紧挨着东岭蓄滞洪区。", "东岭蓄滞洪区"),
        ("游客来到岚溪示范区参观。", "岚溪示范区"),
        ("岚溪自然保护区位于东岭县。", "岚溪自然保护区"),
    ],
)
def test_flood_detention_and_model_zones_are_places(text, label):
    assert label in labels(analyse(text), "Place")


def test_a_county_that_jieba_cuts_apart_still_begins_a_place():
    a = analyse("游客在河北省邢台市南和青岚景区采茶。")  # jieba: 南/和, and 和 stops names
    assert "南和青岚景区" in labels(a, "Place")
    assert ("南和青岚景区", "locatedIn", "邢台市") in facts(a)


def test_a_function_character_outside_a_division_still_stops_a_name():
    assert "他和村民" not in " ".join(labels(analyse("他和村民一起去白沙镇赶集。")))


@pytest.mark.parametrize(
    "text,place,inside,county",
    [
        ("他从四川成都双流国际机场出发。", "双流国际机场", "成都", "双流"),
        ("游客来到浙江湖州长兴青岚广场。", "长兴青岚广场", "湖州", "长兴"),
    ],
)
def test_a_place_named_with_its_regions_is_labelled_from_the_last_and_lies_in_the_one_before(
    text, place, inside, county
):
    a = analyse(text)
    assert place in labels(a)
    assert (place, "locatedIn", inside) in facts(a)
    assert county not in labels(a, "AdministrativeArea")  # the county's short name is the place's


def test_a_museum_named_after_its_city_keeps_the_city_in_its_label():
    a = analyse("游客在广西柳州青岚工业博物馆参观。")
    assert "柳州青岚工业博物馆" in labels(a)
    assert ("柳州青岚工业博物馆", "locatedIn", "柳州") in facts(a)
    b = analyse("他在上海青岚会馆看展。")
    assert ("上海青岚会馆", "locatedIn", "上海") in facts(b)


def test_a_company_keeps_its_registered_name_and_no_region_is_guessed_for_it():
    a = analyse("广东青岚会展有限责任公司承办了展会。")
    assert "广东青岚会展有限责任公司" in labels(a, "Company")
    assert not [f for f in facts(a) if f[1] == "locatedIn"]


def test_a_run_of_divisions_is_each_an_area_not_one_place():
    a = analyse("山东潍坊的风筝很有名。")
    assert not labels(a, "Place")
    assert ("潍坊", "locatedIn", "山东") in facts(a)


@pytest.mark.parametrize(
    "text,name,short",
    [
        ("会上，社区主任李国强作了发言。", "李国强", "李国"),  # 强作 is a word, 李国强 a known name
        ("记者刘德华报道", "刘德华", "刘德"),
    ],
)
def test_a_name_jieba_knows_whole_is_not_cut_by_a_word_inside_it(text, name, short):
    a = analyse(text)
    assert name in labels(a, "Person")
    assert short not in labels(a, "Person")


def test_a_two_character_name_before_a_word_still_ends_where_the_word_begins():
    a = analyse("社区主任朱楠实习生也来了。")
    assert "朱楠" in labels(a, "Person")


def test_an_area_right_after_its_county_may_be_a_rare_dictionary_word():
    a = analyse("东岭县两重天镇青松村党支部书记李晓东介绍。")
    assert "两重天镇" in labels(a, "AdministrativeArea")
    assert ("两重天镇", "locatedIn", "东岭县") in facts(a)
    assert ("青松村", "locatedIn", "两重天镇") in facts(a)


@pytest.mark.parametrize("text", ["东岭县发展镇企业。", "东岭县开展村级评比。"])
def test_a_verb_after_a_county_names_no_township(text):
    assert labels(analyse(text), "AdministrativeArea") == {"东岭县"}


def test_a_clause_verb_after_a_title_begins_no_name():
    a = analyse("村党支部书记带领村民成立谷丰农民专业合作社。")
    assert not labels(a, "Person")
    assert "成刚" in labels(analyse("村民成刚说，今年收成不错。"), "Person")


def test_a_prefecture_after_its_province_is_kept_before_a_district_named_with_a_landform():
    a = analyse("记者来到四川宜宾江北新区体育中心。")  # 江 begins the word 江北
    assert "宜宾" in labels(a, "AdministrativeArea")
    assert ("江北新区", "locatedIn", "宜宾") in facts(a)


def test_a_short_name_that_begins_a_mountains_name_is_no_division():
    a = analyse("游客登上江苏南京紫金山远眺。")
    assert "紫金" not in labels(a)  # 紫金县 is a county; 紫金山 a mountain
    assert ("南京", "locatedIn", "江苏") in facts(a)


@pytest.mark.parametrize(
    "text,label",
    [
        ("游客在青溪会议会址前合影。", "青溪会议会址"),
        ("岚山革命旧址每天接待游客。", "岚山革命旧址"),
        ("青溪战役纪念碑矗立在山顶。", "青溪战役纪念碑"),
    ],
)
def test_former_sites_and_monuments_are_places(text, label):
    assert label in labels(analyse(text), "Place")


@pytest.mark.parametrize("text", ["游客在旧址前合影。", "这座纪念碑很高。", "会址内游客很多。"])
def test_a_bare_site_or_monument_names_no_place(text):
    assert not labels(analyse(text), "Place")


def test_a_village_named_as_a_stockade_is_an_area():
    a = analyse("游客来到贵州榕江县青岚侗寨参加歌会。")
    assert "青岚侗寨" in labels(a, "AdministrativeArea")
    assert ("青岚侗寨", "locatedIn", "榕江县") in facts(a)


@pytest.mark.parametrize("text", ["他在山寨里长大。", "村民在寨子里跳舞。"])
def test_a_stockade_as_a_word_names_no_village(text):
    assert not labels(analyse(text), "AdministrativeArea")


@pytest.mark.parametrize(
    "text,label",
    [
        ("东岭县财政局、审计局联合印发通知。", "东岭县审计局"),
        ("近日，青川省民政厅与财政厅联合印发办法。", "青川省财政厅"),
    ],
)
def test_a_body_listed_after_a_body_named_with_its_area_shares_the_area(text, label):
    assert label in labels(analyse(text), "GovernmentBody")


@pytest.mark.parametrize(
    "text",
    ["东岭县财政局与群众代表座谈。", "东岭县财政局和有关部门开展检查。", "东岭县财政局和超导科技公司签约。"],
)
def test_what_follows_a_body_and_a_conjunction_is_not_always_a_body_of_its_area(text):
    assert labels(analyse(text), "GovernmentBody") == {"东岭县财政局"}


@pytest.mark.parametrize(
    "text,label,cls",
    [
        ("东岭县图书馆新增藏书两万册。", "东岭县图书馆", "Place"),
        ("青川省体育馆举办比赛。", "青川省体育馆", "Place"),
        ("青川省文化馆开设书法课。", "青川省文化馆", "Organization"),
    ],
)
def test_an_areas_own_hall_is_named_with_the_area(text, label, cls):
    assert label in labels(analyse(text), cls)


@pytest.mark.parametrize("text", ["村里新建了图书馆。", "体育馆里人声鼎沸。"])
def test_a_hall_with_no_area_before_it_names_nothing(text):
    assert not labels(analyse(text))


@pytest.mark.parametrize(
    "text,label,alias",
    [
        ("东岭县出台“一村一策、一户一档”帮扶机制。", "一村一策、一户一档帮扶机制", "一村一策、一户一档"),
        ("东岭县推行“引、育、留”人才培养机制。", "引、育、留人才培养机制", "引、育、留"),
    ],
)
def test_parallel_phrases_in_quotes_before_a_cue_name_a_programme(text, label, alias):
    a = analyse(text)
    found = [m for m in a.mentions if m.type == "Programme"]
    assert [(m.label, m.aliases) for m in found] == [(label, (alias,))]
    assert ("东岭县", "implements", label) in facts(a)


@pytest.mark.parametrize("text", ["他喜欢“苹果、香蕉”这些水果。", "村里种了“桃、李子”等果树。"])
def test_a_list_in_quotes_with_no_cue_names_no_programme(text):
    assert not labels(analyse(text), "Programme")


def test_a_name_may_begin_with_a_word_whose_first_character_is_a_function_character():
    a = analyse("安徽省六安市金寨县将军岭景区迎来游客。")  # 将 alone would stop a name
    assert [f for f in facts(a) if f[0].endswith("将军岭景区") and f[1:] == ("locatedIn", "金寨县")]
    assert "和平社区" in labels(analyse("东岭县和平社区组织义诊。"), "AdministrativeArea")


def test_a_function_character_glued_to_an_unknown_word_still_stops_the_name():
    a = analyse("游客从东岭县白沙镇出发。")
    assert "从东岭县" not in labels(a)
    assert "东岭县" in labels(a, "AdministrativeArea")
