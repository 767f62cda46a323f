"""The combination of rules and the sequence model: a sure rule wins, the model fills
the gaps, and a model mention must pass the vetting checks to name an entity."""

from helpers import analyse

from kg.model import Mention
from kg.rules.model_names import (
    not_an_abstract_noun,
    organisation_shape,
    person_shape,
    plain_text,
    vet_model_mentions,
)


def model(text, start, type_, score=0.95):
    return Mention(text, start, start + len(text), type_, score, "crf-ner")


def test_checks():
    assert person_shape(model("王海涛", 0, "Person"))
    assert not person_shape(model("高质量", 0, "Person"))
    assert not organisation_shape(model("民生", 0, "Company"))
    assert organisation_shape(model("蓝鲸数据", 0, "Company"))
    assert not plain_text(model("松懈 校园", 0, "Place"))
    assert not not_an_abstract_noun(model("获得感", 0, "Person"))
    assert person_shape(model("卡多索", 0, "Person", 0.9))  # sure: no surname needed
    assert not person_shape(model("卡多索", 0, "Person", 0.6))  # unsure: a surname is
    assert person_shape(model("Lindqvist", 0, "Person", 0.9))
    assert person_shape(model("马里奥·罗西", 0, "Person", 0.6))  # a middle dot
    assert not person_shape(model("高质量", 0, "Person", 0.99))  # a common word, however sure
    assert not_an_abstract_noun(model("程新", 0, "Person"))


def test_vetting_labels_what_it_keeps_and_drops_the_rest():
    from kg.model import Article

    a = Article(id="t", text="王海涛 幸福感")
    a.mentions = [model("王海涛", 0, "Person"), model("幸福感", 4, "Person", 0.51)]
    vet_model_mentions(a)
    assert [(m.text, m.label) for m in a.mentions] == [("王海涛", "王海涛")]


def test_model_fills_names_that_no_rule_finds():
    a = analyse("昨天，程新和王海涛一起参加植树活动。")
    found = {m.label: m.extractor for m in a.mentions if m.type == "Person"}
    assert found.get("王海涛") == "crf-ner"


def test_a_sure_rule_wins_over_the_model():
    a = analyse("东岭县白沙镇党委书记陆文博走访群众。")
    assert all(m.extractor != "crf-ner" for m in a.mentions if m.label == "陆文博")


def test_a_model_body_is_no_phrase():
    from kg.rules.model_names import a_body_not_a_phrase

    assert not a_body_not_a_phrase(model("审计部门", 0, "GovernmentBody"))
    assert not a_body_not_a_phrase(model("持续选派机关干部", 0, "GovernmentBody"))
    assert a_body_not_a_phrase(model("蓝鲸数据公司", 0, "Company"))


def test_a_model_name_one_character_short_before_speech_is_completed():
    from kg.model import Article
    from kg.rules.model_names import complete_short_name

    a = Article(id="t", text="老支书孙卫和说：")
    m = model("孙卫", 3, "Person")
    complete_short_name(a, m)
    assert m.text == "孙卫和"
    b = Article(id="t", text="对孙卫来说，")
    n = model("孙卫", 1, "Person")
    complete_short_name(b, n)
    assert n.text == "孙卫"  # 来说 is a word


def test_a_model_place_beside_something_is_a_position():
    from kg.rules.model_names import a_place_not_a_position

    assert not a_place_not_a_position(model("清水河畔", 0, "Place"))
    assert not a_place_not_a_position(model("东岭湖流域", 0, "Place"))
    assert a_place_not_a_position(model("清水河公园", 0, "Place"))
    assert a_place_not_a_position(model("河畔花园", 0, "Company"))  # only places are checked


def test_a_model_place_that_describes_is_no_name():
    from kg.rules.model_names import a_place_not_a_description

    assert not a_place_not_a_description(model("广阔乡村", 0, "Place"))
    assert not a_place_not_a_description(model("新型社区", 0, "AdministrativeArea"))
    assert a_place_not_a_description(model("人民公园", 0, "Place"))  # nouns can name a place
    assert a_place_not_a_description(model("幸福街", 0, "Place"))  # a one-character suffix
    assert a_place_not_a_description(model("广阔乡村", 0, "Company"))


def test_a_posture_verb_after_a_model_name_is_no_part_of_it():
    from kg.model import Article
    from kg.rules.model_names import drop_glued_verb

    a = Article(id="t", text="讲解员李文站在展板前介绍。")
    m = model("李文站", 3, "Person")
    drop_glued_verb(a, m)
    assert (m.text, m.end) == ("李文", 5)
    b = Article(id="t", text="王建生在会上发言。")
    n = model("王建生", 0, "Person")
    drop_glued_verb(b, n)
    assert n.text == "王建生"
    c = Article(id="t", text="李文站起来发言。")
    o = model("李文站", 0, "Person")
    drop_glued_verb(c, o)
    assert o.text == "李文站"  # no 在 or 着 after it: left as the model said


def test_a_model_place_that_lists_levels_is_no_name():
    from kg.rules.model_names import a_place_not_a_list_of_levels

    assert not a_place_not_a_list_of_levels(model("市县乡", 0, "AdministrativeArea"))
    assert not a_place_not_a_list_of_levels(model("省市县", 0, "AdministrativeArea"))
    assert a_place_not_a_list_of_levels(model("市中区", 0, "AdministrativeArea"))  # 中: a name
    assert a_place_not_a_list_of_levels(model("县乡村", 0, "Company"))  # only places are checked


def test_a_model_mention_that_is_only_a_suffix_is_no_name():
    from kg.rules.model_names import more_than_a_suffix

    assert not more_than_a_suffix(model("景区", 0, "Place"))
    assert not more_than_a_suffix(model("蓄滞洪区", 0, "Place"))
    assert not more_than_a_suffix(model("合作社", 0, "Organization"))
    assert more_than_a_suffix(model("青松蓄滞洪区", 0, "Place"))
    assert more_than_a_suffix(model("石桥村", 0, "AdministrativeArea"))


def test_a_sentence_that_lists_levels_names_no_area():
    a = analyse("各地建立市县乡三级联动机制。")
    assert not [m for m in a.mentions if m.type == "AdministrativeArea" and not m.generic]


def test_a_sure_two_character_organisation_name_jieba_knows_passes():
    assert organisation_shape(model("央行", 0, "GovernmentBody", 0.95))  # j: an abbreviation
    assert organisation_shape(model("曼联", 0, "Organization", 0.95))
    assert not organisation_shape(model("央行", 0, "GovernmentBody", 0.7))  # not sure enough
    assert not organisation_shape(model("群众", 0, "Organization", 0.95))  # a common noun
    assert not organisation_shape(
        model("三河", 0, "Place", 0.95)
    )  # a place's short name: the division rules'
