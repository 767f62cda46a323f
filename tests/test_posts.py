"""Posts in time: memberships with dated observations, and the three queries that read
them (queries/leader_as_of.rq, post_history.rq, person_posts.rq), on a corpus written for
the test: a secretary, a successor, a deputy promoted, a former post and an undated article."""

import json

import pytest
from conftest import ROOT

import kg
from kg.cli import main
from kg.rdf.namespaces import article_iri
from kg.rdf.posts import day

ARTICLES = [  # id, date, text
    (
        "a1",
        "2023-02-15",
        "青松街道党工委书记王建国说，今年要办好十件民生实事。青松街道党工委副书记李红梅介绍了具体安排。",
    ),
    ("a2", "2023-09-20", "青松街道党工委书记王建国在调研时强调，要加快老旧小区改造。"),
    ("a3", "2024-03-05", "青松街道党工委书记赵立新说，新的一年要把服务做细。"),
    ("a4", "2024-06-18", "原青松街道党工委书记王建国如今在区里分管城建工作。"),
    ("a5", "2024-11-02", "青松街道党工委书记赵立新介绍，街道新建了三处养老驿站。"),
    ("a6", "2025-01-08", "青松街道党工委书记李红梅说，春节前要走访困难家庭。"),
    ("a7", "2025-04-10", "青松街道党工委书记李红梅带领党员参加植树。"),
    ("a8", None, "青松街道党工委书记王建国带领居民清理河道。"),
    ("a9", "2025-05-20", "白杨镇党委书记陈志远说，2022年3月起担任这一职务以来，他走遍了全镇村庄。"),
]


def write_corpus(path, order):
    with open(path, "w", encoding="utf-8") as f:
        for i in order:
            aid, date, text = ARTICLES[i]
            item = {"id": aid, "title": f"第{i + 1}篇", "text": text}
            if date:
                item["date"] = date
            f.write(json.dumps(item, ensure_ascii=False) + "\n")


@pytest.fixture(scope="module", params=["in order", "reversed"])
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("posts")
    order = list(range(len(ARTICLES)))
    write_corpus(out / "corpus.jsonl", order if request.param == "in order" else order[::-1])
    # a local paper's corpus: its region given, as `kg build --region` does
    summary = kg.build([str(out / "corpus.jsonl")], out / "build", html=False, region="320500")
    assert summary.ok and summary.violations == []
    return out / "build"


def rows(out, query, capsys, **binds):
    args = ["query", str(out), "-f", str(ROOT / "queries" / query), "--format", "json"]
    for name, value in binds.items():
        args += ["--bind", f"{name}={value}"]
    capsys.readouterr()
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


@pytest.mark.parametrize(
    "date,leader",
    [
        ("2022-12-31", None),  # before any article
        ("2023-06-01", "王建国"),
        ("2024-03-05", "赵立新"),  # the successor from the day an article names him
        ("2024-07-01", "赵立新"),  # the former secretary (原…) is not current
        ("2024-12-31", "赵立新"),
        ("2025-06-01", "李红梅"),  # the deputy, promoted
    ],
)
def test_leader_as_of(built, capsys, date, leader):
    found = rows(built, "leader_as_of.rq", capsys, org="青松街道党工委", date=date)
    assert [r["person"] for r in found] == ([leader] if leader else [])


def test_post_history_in_order(built, capsys):
    found = rows(built, "post_history.rq", capsys, org="青松街道党工委")
    secretaries = [
        (r["person"], r.get("firstSeen"), r.get("lastSeen"), r.get("endedBy"))
        for r in found
        if r.get("title") == "党工委书记"
    ]
    assert secretaries == [
        ("王建国", "2023-02-15", "2023-09-20", "2024-06-18"),
        ("赵立新", "2024-03-05", "2024-11-02", None),
        ("李红梅", "2025-01-08", "2025-04-10", None),
    ]
    assert [(r["person"], r.get("title")) for r in found if r.get("title") != "党工委书记"] == [
        ("李红梅", "党工委副书记")
    ]


def test_person_posts_over_time(built, capsys):
    found = rows(built, "person_posts.rq", capsys, person="李红梅")
    assert [(r["organization"], r["title"], r.get("firstSeen")) for r in found] == [
        ("青松街道党工委", "党工委副书记", "2023-02-15"),
        ("青松街道党工委", "党工委书记", "2025-01-08"),
    ]


def test_a_stated_start(built, capsys):
    found = rows(built, "person_posts.rq", capsys, person="陈志远")
    assert [(r["title"], r.get("since")) for r in found] == [("党委书记", "2022-03-01")]


def test_an_undated_article_adds_an_observation_without_a_date(built):
    with kg.open_store(built, read_only=True) as store:
        result = store.query(
            """
            SELECT (COUNT(?obs) AS ?n) (COUNT(?d) AS ?dated) WHERE {
              ?obs a kg:PostObservation ; prov:wasDerivedFrom <%s> .
              OPTIONAL { ?obs kg:observedOn ?d } }"""
            % article_iri("a8")
        )
    assert [tuple(int(str(v)) for v in row) for row in result.rows] == [(1, 0)]


@pytest.mark.parametrize(
    "stated,end,want",
    [
        ("2023", False, "2023-01-01"),
        ("2023", True, "2023-12-31"),
        ("2024-02", True, "2024-02-29"),
        ("2023-11", False, "2023-11-01"),
    ],
)
def test_stated_dates_become_days(stated, end, want):
    assert str(day(stated, end)) == want
