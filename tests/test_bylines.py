"""Credit and date forms of Chinese papers, one test per form, on lines written for the tests."""

import pytest

from kg.ingest import bylines
from kg.ingest.bylines import (
    byline_credit,
    dateline_date,
    inline_photographers,
    lead_credit,
    normalise_date,
    parse_credit,
    photo_credit,
    split_run_together,
    strip_masthead,
    trailing_credit,
)


def authors(credit):
    assert credit is not None
    return credit.authors


# ---------------------------------------------------------------- byline lines


def test_byline_with_masthead_gives_the_reporter_and_the_date():
    line = "本报记者  王小明《东岭日报》（2024年03月09日第 07 版）"
    assert authors(byline_credit(line)) == ["王小明"]
    assert strip_masthead(line) == ("本报记者  王小明", "2024-03-09")


def test_two_character_name_printed_with_a_space_inside_is_one_name():
    assert authors(byline_credit("本报记者  李  红")) == ["李红"]
    assert authors(byline_credit("本报记者  李  红  赵大刚")) == ["李红", "赵大刚"]


def test_several_reporters_with_another_papers_role():
    line = "东岭晚报记者  孙小燕  钱  多  周立新"
    assert authors(byline_credit(line)) == ["孙小燕", "钱多", "周立新"]
    assert "东岭晚报" not in authors(byline_credit(line))


def test_names_without_a_role_are_a_byline_only_before_a_masthead():
    assert authors(byline_credit("周立新  孙小燕《东岭日报》（2024年03月09日第 07 版）")) == [
        "周立新",
        "孙小燕",
    ]
    assert authors(byline_credit("钱  多《东岭日报》（2024年03月09日第 07 版）")) == ["钱多"]
    assert byline_credit("周立新  孙小燕") is None  # a names-only line is not trusted alone
    assert byline_credit("青山绿水《东岭日报》（2024年03月09日第 07 版）") is None


def test_masthead_alone_is_no_byline_but_has_its_date():
    assert byline_credit("《东岭日报》（2024年03月09日第 07 版）") is None
    assert strip_masthead("《东岭日报》（2024年03月09日第 07 版）") == ("", "2024-03-09")
    assert strip_masthead("《东岭日报》（2024年02月30日第 07 版）")[1] is None  # no such day


def test_roles_reporter_correspondent_intern_and_baodao():
    assert authors(byline_credit("本报记者 王小明 通讯员 李红 实习生 赵大刚")) == ["王小明", "李红", "赵大刚"]
    assert authors(byline_credit("记者 王小明 报道")) == ["王小明"]  # 报道 is not a name
    assert authors(byline_credit("新华社记者 王小明 李红")) == ["王小明", "李红"]


def test_text_and_picture_credits():
    assert authors(byline_credit("文/图 王小明")) == ["王小明"]
    credit = byline_credit("文/王小明 图/李红")
    assert credit.authors == ["王小明"] and credit.photographers == ["李红"]
    assert authors(byline_credit("作者：王小明")) == ["王小明"]


def test_a_body_sentence_is_no_byline():
    assert byline_credit("记者从东岭县获悉，今年全县新建道路百余公里。") is None
    assert byline_credit("本报今起开设专栏") is None


# ---------------------------------------------------------------- photographers


@pytest.mark.parametrize(
    "line",
    [
        "王小明摄",
        "王  明摄",
        "王小明摄（东岭视觉）",
        "新华社记者  王小明摄",
        "本报记者 王小明摄",
        "摄影：王小明",
        "图/王小明",
        "王小明供图",
    ],
)
def test_photo_credits_name_a_photographer_not_an_author(line):
    names = photo_credit(line)
    assert names and all(not n.endswith("摄") for n in names)
    assert byline_credit(line) is None or not byline_credit(line).authors


def test_photographer_inside_a_byline_and_inside_a_caption():
    credit = parse_credit("记者 王小明 李红摄")
    assert credit.authors == ["王小明"] and credit.photographers == ["李红"]
    assert [n for n, *_ in inline_photographers("志愿者在清扫街道。（李红 摄）")] == ["李红"]
    assert photo_credit("图为志愿者在清扫街道。") == []


# ---------------------------------------------------------------- datelines and leads


def test_dateline_with_names_only():
    assert authors(lead_credit("本报南京2月10日电  （王小明、李红）近日，活动开展。")) == ["王小明", "李红"]


def test_dateline_without_a_place_and_with_a_role():
    assert authors(lead_credit("本报电  （记者赵大刚）近日，活动开展。")) == ["赵大刚"]
    assert authors(lead_credit("新华社东岭3月1日电（记者 王小明）近日")) == ["王小明"]


def test_xun_leads_with_reporter_and_correspondent():
    assert authors(lead_credit("本报讯（记者 王小明 通讯员 李红）近日")) == ["王小明", "李红"]
    assert authors(lead_credit("本报东岭讯（通讯员 孙小燕）近日")) == ["孙小燕"]


def test_a_parenthesis_in_a_sentence_is_no_lead():
    assert lead_credit("他打来电话（十分着急）说明情况。") is None
    assert lead_credit("本报讯（近日）东岭县召开大会。") is None


def test_dateline_date_needs_a_year():
    assert dateline_date("本报南京2月10日电  （王小明）近日", 2024) == "2024-02-10"
    assert dateline_date("本报南京2月10日电  （王小明）近日", None) is None
    assert dateline_date("本报讯（记者 王小明）近日", 2024) is None


# ---------------------------------------------------------------- trailing credits


def test_trailing_credit_with_role_and_with_canyu_caixie():
    assert authors(trailing_credit("（本报记者 王小明、李红）", last=False)) == ["王小明", "李红"]
    assert authors(trailing_credit("（本报记者王小明、李红、赵大刚参与采写）", last=False)) == [
        "王小明",
        "李红",
        "赵大刚",
    ]


def test_bare_names_in_parentheses_only_as_the_last_paragraph():
    assert authors(trailing_credit("（王小明）", last=True)) == ["王小明"]
    assert trailing_credit("（王小明）", last=False) is None
    assert trailing_credit("（完）", last=True) is None
    assert trailing_credit("（作者为东岭县博物馆副馆长）", last=True) is None
    assert trailing_credit("（东岭视觉）", last=True) is None


# ---------------------------------------------------------------- run-together names


def test_run_together_names_split_where_only_one_cut_fits():
    assert split_run_together("陈明刘洋") == ["陈明", "刘洋"]
    assert authors(byline_credit("记者 陈明刘洋")) == ["陈明", "刘洋"]


def test_compound_surname_is_one_name():
    assert authors(byline_credit("记者 欧阳小明")) == ["欧阳小明"]


def test_ambiguous_run_together_names_stay_whole_and_are_reported():
    assert split_run_together("王小明李红") is None  # 王小+明李红? 王小明+李红? 王小明李+红?
    credit = byline_credit("记者 王小明李红")
    assert credit.unsplit == ["王小明李红"] and credit.authors == ["王小明李红"]


def test_outlet_is_never_a_person():
    credit = byline_credit("东岭日报记者 王小明")
    assert credit.authors == ["王小明"]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "value, want",
    [
        ("2024-03-09", "2024-03-09"),
        ("2024-03-09T08:00:00+08:00", "2024-03-09"),
        ("2024年3月9日", "2024-03-09"),
        ("2024/3/9", "2024-03-09"),
        ("2024-13-01", None),
        ("昨天", None),
        (None, None),
        ("2024", None),
    ],
)
def test_metadata_dates_become_xsd_dates_or_nothing(value, want):
    assert normalise_date(value) == want


def test_surnames_come_from_the_lexicon():
    assert bylines.starts_with_surname("王小明") and not bylines.starts_with_surname("的确")


def test_a_bullet_before_the_byline_is_layout():
    assert authors(byline_credit("■本报记者 王小明")) == ["王小明"]


def test_an_editor_is_no_author():
    assert byline_credit("编辑：王小明") is None
    assert trailing_credit("（责任编辑：王小明）", last=True) is None


def test_strong_datelines_without_a_credit():
    assert bylines.is_dateline("本报讯 近日，东岭县召开大会。")
    assert bylines.is_dateline("本报东岭2月10日电 近日，东岭县召开大会。")
    assert not bylines.is_dateline("本报记者电话采访了他。")


@pytest.mark.parametrize("line", ["记者手记", "记者观察", "通讯员来稿", "记者 调查"])
def test_column_headers_after_a_role_are_no_bylines(line):
    assert byline_credit(line) is None
