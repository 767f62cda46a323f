"""kg.parallel: the same store whatever the number of workers, results in input order,
bounded look-ahead, problems passed through, progress lines. The corpus is invented."""

import io
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from kg.api import build
from kg.parallel import EXECUTORS, open_executor, windowed
from kg.progress import LogProgress, count_documents
from kg.store import open_store

PLACES = ["雾松", "岚溪", "桐泉", "澄枫", "芦汀", "杏岭", "槐涧", "樱川"]
PEOPLE = ["毕青禾", "甘子澄", "伍思杉", "祁明樱", "晏海桐", "苗立苇", "骆雨汀", "蒲嘉岚"]


def page(n: int) -> str:
    place, person, other = PLACES[n], PEOPLE[n], PEOPLE[(n + 3) % 8]
    return (
        f"{place}街道推进邻里服务\n\n——访{place}街道党工委书记{person}\n\n本报记者\n\n{other}\n\n"
        f"{place}街道党工委书记{person}表示，{place}街道推出“暖心{place}”工作法，"
        f"{PLACES[(n + 1) % 8]}社区居委会主任{other}介绍，今年以来，社区持续完善工作机制。\n\n"
        f"近日，{place}区召开志愿服务推进会，\n{place}志愿者协会会长{PEOPLE[(n + 5) % 8]}参加。\n\n\n"
        f"{place}社区换新颜\n\n本报讯（记者 {other}）{place}社区与{PLACES[(n + 2) % 8]}"
        f"中学合作开展“清风{place}”行动，{place}物业有限公司参与。\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for n in range(8):
        (folder / f"page_{n}.txt").write_text(page(n), encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")  # a problem, not an error
    return folder


def store_quads(out) -> set[str]:
    """Every quad of the store but the write timestamps."""
    with open_store(str(out / "store"), read_only=True) as st:
        dump = out / "all.nq"
        st.dump_nquads(str(dump))
    return {q for q in dump.read_text(encoding="utf-8").splitlines() if "generatedAtTime" not in q}


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """A batch per page, so that two workers share the corpus and results come back
    from both (a build of one batch runs in the calling process)."""
    for cls in EXECUTORS.values():
        monkeypatch.setattr(cls, "batch_characters", 300)


def build_with(corpus, out, **options):
    return build([corpus], out, html=False, progress=False, **options)


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    return out, build_with(corpus, out, workers=1)


def test_two_workers_build_the_same_store_as_one(corpus, serial, tmp_path):
    out1, s1 = serial
    s2 = build_with(corpus, tmp_path, workers=2)
    assert s1.articles == s2.articles == 16
    assert sum(s1.relations.values()) > 16 and sum(s1.entities.values()) > 16  # not a vacuous graph
    assert store_quads(out1) == store_quads(tmp_path)
    assert (out1 / "graph.ttl").read_text(encoding="utf-8") == (tmp_path / "graph.ttl").read_text(
        encoding="utf-8"
    )
    assert (s1.entities, s1.relations, s1.characters) == (s2.entities, s2.relations, s2.characters)


def test_problems_pass_through_to_the_summary(serial, corpus, tmp_path):
    _, s1 = serial
    s2 = build_with(corpus, tmp_path, workers=2)
    assert [p.source for p in s1.problems] == [p.source for p in s2.problems] == [str(corpus / "empty.txt")]


def test_a_second_build_writes_nothing(corpus, tmp_path):
    build_with(corpus, tmp_path, workers=2)
    again = build_with(corpus, tmp_path, workers=2)
    assert (again.written, again.unchanged) == (0, 16)


def test_results_come_back_in_input_order_when_tasks_finish_out_of_order():
    with ThreadPoolExecutor(4) as pool:
        slow_first = lambda n: pool.submit(lambda: (time.sleep(0.05 * (5 - n)), n)[1])
        assert list(windowed(slow_first, range(6), window=4)) == list(range(6))


def test_the_window_bounds_how_far_submission_runs_ahead():
    submitted, consumed = [], 0

    class Ready:
        def __init__(self, n):
            self.n = n

        def result(self):
            return self.n

    def submit(n):
        submitted.append(n)
        assert len(submitted) - consumed <= 3
        return Ready(n)

    for _ in windowed(submit, range(20), window=3):
        consumed += 1
    assert consumed == 20


def test_executors_by_name():
    from kg.registry import RegistryError

    assert {"serial", "local", "spawn", "dask"} <= set(EXECUTORS)
    with open_executor("local", workers=1) as ex:
        assert ex.name == "serial"
    with pytest.raises(RegistryError, match="no executor named 'spark'; known: dask, local, serial, spawn"):
        open_executor("spark", workers=2)


def test_progress_log_lines_say_documents_articles_and_speed(corpus):
    stream = io.StringIO()
    progress = LogProgress(count_documents([str(corpus)]), stream, every=0)
    progress.advance(articles=2, characters=300)
    line = stream.getvalue()
    assert line.startswith("kg: 1/9 documents, 2 articles, ") and "characters/s, ETA " in line


def test_the_cli_takes_workers_and_stays_quiet(corpus, tmp_path, capsys):
    from kg.cli import main

    code = main(["build", str(corpus), "--out", str(tmp_path), "--no-html", "--workers", "2", "--quiet"])
    captured = capsys.readouterr()
    assert code == 1  # the empty file is reported as a failed input
    assert captured.out == ""
    [line] = captured.err.splitlines()  # the problem, and no progress line
    assert line.startswith(f"kg: {corpus / 'empty.txt'}: ")
    assert store_quads(tmp_path)


def test_workers_run_the_callers_pipeline_in_worker_processes(corpus, tmp_path):
    from kg.pipeline import DEFAULT, Pipeline, component

    @component("test-worker-pid", requires=("text",), provides=("kicker",))
    def worker_pid(article):
        article.kicker = f"pid {os.getpid()}"

    build_with(corpus, tmp_path, workers=2, pipeline=Pipeline(DEFAULT + ("test-worker-pid",)))
    kickers = {q.split('"')[1] for q in store_quads(tmp_path) if "alternativeHeadline" in q}
    assert kickers and f"pid {os.getpid()}" not in kickers


def test_the_store_is_the_same_whatever_the_write_batch(corpus, serial, tmp_path, monkeypatch):
    import kg.api
    from kg.store.oxigraph import OxigraphStore

    sizes = []
    put_articles = OxigraphStore.put_articles
    monkeypatch.setattr(kg.api, "WRITE_ARTICLES", 3)
    monkeypatch.setattr(
        OxigraphStore,
        "put_articles",
        lambda self, batch: (sizes.append(len(batch)), put_articles(self, batch))[1],
    )
    s = build_with(corpus, tmp_path, workers=2)
    assert sizes == [3] * 5 + [1] and (s.written, s.articles) == (16, 16)
    assert store_quads(serial[0]) == store_quads(tmp_path)


def test_workers_send_the_graph_as_ntriples_text(corpus):
    import pyoxigraph as ox

    from kg.model import Document
    from kg.parallel import extract_batch
    from kg.pipeline import DEFAULT

    [results] = extract_batch((DEFAULT, [(Document(str(corpus / "page_0.txt"), page(0), "page"), "p0")]))
    assert len(results) == 2
    for r in results:
        triples = list(ox.parse(r.ntriples, ox.RdfFormat.N_TRIPLES))
        assert len(triples) == r.ntriples.count("\n") > 10
