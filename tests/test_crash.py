"""A build killed with SIGKILL mid-way leaves the store with whole articles only: every
article the store holds has exactly the graph a clean build gives it, and nothing else."""

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest
from conftest import ROOT

SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"


def corpus(path, n):
    lines = []
    for i in range(n):
        name = SURNAMES[i % 10] + GIVEN[i % 19] + GIVEN[(i * 7) % 19]
        text = (
            f"绿洲{i}街道党工委书记{name}走访辖区企业。{name}说，绿洲{i}街道将推出“幸福{i}号”工作法。"
            f"家住青禾{i}小区的居民{name}表示满意。"
        ) * 3
        lines.append(json.dumps({"id": f"a{i:05d}", "text": text}, ensure_ascii=False))
    path.write_text("\n".join(lines), encoding="utf-8")


def article_graph(store, article_id):
    from kg.rdf.namespaces import graph_iri

    rows = store.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri(article_id)}> {{ ?s ?p ?o }} }}", timeout=None
    ).rows
    return {tuple(r) for r in rows if not r[1].endswith("#source")}  # the input file differs


@pytest.mark.slow
def test_sigkill_leaves_whole_articles_only(tmp_path):
    from kg.api import open_store

    corpus(tmp_path / "news.jsonl", 4000)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(tmp_path / "news.jsonl"),
            "--out",
            str(out),
            "--no-html",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # killed once its progress log says a few write batches have been
    # handed to the store (500 articles each), however loaded the machine is
    done = 0
    for line in proc.stderr:
        found = re.search(r"(\d+)/4000 documents", line)
        done = int(found[1]) if found else done
        if done >= 1200:
            break
    time.sleep(0.5)
    assert proc.poll() is None, "the build finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with open_store(out) as store:
        stored = store.articles()
        assert 0 < len(stored) < 4000
        sample = stored[:: max(1, len(stored) // 20)]
        got = {a: article_graph(store, a) for a in sample}
    clean = tmp_path / "clean"
    lines = (tmp_path / "news.jsonl").read_text(encoding="utf-8").splitlines()
    wanted = {json.loads(l)["id"]: l for l in lines}
    (tmp_path / "some.jsonl").write_text("\n".join(wanted[a] for a in sample), encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(tmp_path / "some.jsonl"),
            "--out",
            str(clean),
            "--no-html",
            "--quiet",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        check=True,
    )
    with open_store(clean) as store:
        for a in sample:
            assert got[a] == article_graph(store, a), f"article {a} is not whole after the kill"
