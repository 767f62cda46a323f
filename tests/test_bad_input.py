"""A batch with every kind of bad input: the good parts are built, each problem gets one
line naming the file (and line), the exit status says something was skipped, and
--strict stops at the first problem."""

import json
import subprocess
import sys

import pytest
from conftest import ROOT

GOOD = "绿洲街道党工委书记韩立新走访辖区企业。\n"


def make_batch(root):
    (root / "good.txt").write_text("春风行动启动\n\n本报讯（记者 钟一鸣）" + GOOD, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (root / "truncated.txt").write_bytes(GOOD.encode("utf-8") + "测".encode("utf-8")[:2])
    (root / "gbk.txt").write_bytes(GOOD.encode("gbk"))
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    (root / "long.txt").write_text("这是一句很长的话" * 25_000, encoding="utf-8")  # in segments
    (root / "news.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "ok1", "text": GOOD}, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "notext", "title": "无正文"}, ensure_ascii=False),
                json.dumps({"id": "ok2", "text": "白沙镇党委书记陆文博说，要办实事。"}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    (root / "page.html").write_text(
        "<html><head><style>p{color:red}</style><script>alert(1)</script>"
        "</head><body><p>" + GOOD + "</p></body></html>",
        encoding="utf-8",
    )
    (root / "empty_folder").mkdir()
    (root / "picture.png").write_bytes(b"\x89PNG")
    return [root, root / "missing.txt", root / "empty_folder", root / "notes.docx"]


def run_build(*args):
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", *map(str, args), "--no-html"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    (root / "in").mkdir()
    inputs = make_batch(root / "in")
    out = root / "out"
    return inputs, out, run_build(*inputs, "--out", out)


def test_problems_are_one_line_each_naming_file_and_line(batch):
    _, _, res = batch
    lines = [l for l in res.stderr.splitlines() if l.startswith("kg: ")]
    expected = [
        "empty.txt",
        "binary.txt",
        "truncated.txt",
        "news.jsonl:2",
        "news.jsonl:3",
        "missing.txt",
        "empty_folder",
        "notes.docx",
    ]
    for name in expected:
        assert any(name in l for l in lines), f"no message for {name}: {res.stderr}"
    assert len(lines) >= len(expected)
    assert res.returncode == 1


def test_good_files_and_lines_are_still_built(batch):
    _, out, res = batch
    from kg.api import open_store

    with open_store(out) as store:
        ids = store.articles()
    assert any(i.startswith("good") for i in ids)
    assert {"ok1", "ok2"} <= set(ids)
    assert any(i.startswith("gbk") for i in ids) and any(i.startswith("bom") for i in ids)
    assert any(i.startswith("page") for i in ids) and any(i.startswith("long") for i in ids)
    assert "failed     " in res.stdout


def test_html_scripts_and_styles_never_reach_the_graph(batch):
    _, out, _ = batch
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "alert(1)" not in text and "color:red" not in text


def test_strict_stops_at_the_first_problem(tmp_path):
    inputs = make_batch(tmp_path)
    res = run_build(*inputs, "--out", tmp_path / "out", "--strict")
    assert res.returncode == 1
    assert len([l for l in res.stderr.splitlines() if l.startswith(("kg: ", "kg build: "))]) == 1
    assert len(res.stderr.splitlines()) == 1
