"""The post-tenure rule: the tense and the stated start or end of a post, from the words
around it, with near misses (原因, 草原, 任务) that must not count."""

import pytest
from helpers import analyse

from kg.rules.tenure import START, marker_before, stated_date, tense_marker


def posts(text: str, **fields):
    a = analyse(text, **fields)
    return {
        (a.mentions[r.subject].label, r.title, r.tense, r.since, r.until)
        for r in a.relations
        if r.predicate in ("leads", "memberOf")
    }


@pytest.mark.parametrize(
    "clause,tense",
    [
        ("", "current"),
        ("原", "former"),
        ("他曾任", "former"),
        ("前任", "former"),
        ("时任", "then"),
        ("新任", "new"),
        ("去年接任", "new"),
        ("不再担任", "ended"),
        ("草原", "current"),  # a word that ends in 原 is no marker
        ("目前", "current"),  # nor one that ends in 前
        ("敬老", "current"),
        ("老", "former"),  # 老支书
        ("还原", "current"),
        ("原因是", "current"),  # 原 not right before the post
        ("原来", "current"),
        ("曾任副职的他如今", "former"),  # the last marker of the clause wins
    ],
)
def test_tense_marker(clause, tense):
    assert tense_marker(clause) == tense


@pytest.mark.parametrize(
    "text,date,want",
    [
        ("2023年起担任", None, "2023"),
        ("自2021年3月任", None, "2021-03"),
        ("从2019年十一月起任", None, "2019-11"),
        ("今年1月，赵文接任", "2025-04-02", "2025-01"),
        ("去年起担任", "2025-04-02", "2024"),
        ("今年1月任", None, None),  # a relative date with no article date: none invented
    ],
)
def test_stated_start(text, date, want):
    m = START.search(text)
    assert m is not None
    assert stated_date(m, date) == want


@pytest.mark.parametrize("text", ["2023年任务很重", "2022年起步的项目", "今年的工作"])
def test_no_start_without_a_post_taken_up(text):
    assert START.search(text) is None


def test_a_current_post_has_no_dates():
    assert posts("青松街道党工委书记周海说，工作很多。") == {("周海", "党工委书记", "current", None, None)}


@pytest.mark.parametrize(
    "marker,tense", [("原", "former"), ("前任", "former"), ("时任", "then"), ("新任", "new"), ("", "current")]
)
def test_the_word_before_the_organisation_dates_the_post(marker, tense):
    found = posts(f"{marker}青松街道党工委书记周海说，变化很大。")
    assert found == {("周海", "党工委书记", tense, None, None)}


def test_a_start_stated_after_the_name():
    found = posts("白杨镇党委书记陈远说，2022年3月起担任这一职务以来，他走遍了全镇。")
    assert ("陈远", "党委书记", "current", "2022-03", None) in found


def test_a_start_for_another_post_is_not_taken():
    found = posts("白杨镇党委书记陈远说，2022年3月起担任村医的老李很辛苦。")
    assert ("陈远", "党委书记", "current", None, None) in found


def test_a_marker_in_an_earlier_clause_does_not_count():
    found = posts("他原是教师，青松街道党工委书记周海说，工作很多。")
    assert ("周海", "党工委书记", "current", None, None) in found


@pytest.mark.parametrize(
    "text,start,tense",
    [
        ("他曾任白沙镇党委书记", 3, "former"),
        ("前白沙镇党委书记", 1, "former"),
        ("老支书", 1, "former"),
        ("目前白沙镇党委书记", 2, None),
        ("白沙镇党委书记", 0, None),
        ("他去养老院院长家", 4, None),
    ],
)
def test_the_marker_right_before_a_post(text, start, tense):
    assert marker_before(text, start) == tense
