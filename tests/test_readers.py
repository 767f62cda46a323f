"""kg.ingest.readers: every kind of bad input becomes a Problem naming the file (and line),
and the good inputs of the same batch are still read. Fixtures are made in tmp_path."""

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import readers
from kg.ingest.readers import InputError, read_inputs
from kg.model import Document, Problem

GOOD = "青禾县晨光社区党支部书记柯望舒介绍，社区推出“三步走”工作法。\n"


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)])


def read(*paths, **kw):
    return split(read_inputs([str(p) for p in paths], **kw))


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def assert_one_problem(problems, path, *words, line=None):
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert str(path) in text and problems[0].line == line
    if line:
        assert f"{path}:{line}:" in text
    for word in words:
        assert word in text


def test_utf8_page_with_crlf_and_cr_endings(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\n".encode())
    docs, problems = read(path)
    assert problems == []
    assert docs[0].text == "第一行\n第二行\n第三行\n"
    assert (docs[0].kind, docs[0].source) == ("page", str(path))


def test_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    docs, problems = read(path)
    assert problems == [] and docs[0].text == GOOD


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    docs, problems = read(path)
    assert problems == [] and docs[0].text == GOOD


def test_gbk_without_marker_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(GOOD.encode("gbk"))
    docs, problems = read(path)
    assert problems == [] and docs[0].text == GOOD


def test_empty_file_is_skipped_and_the_batch_goes_on(tmp_path, good):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\r\n")
    docs, problems = read(empty, good)
    assert_one_problem(problems, empty, "empty", "skipped")
    assert [d.source for d in docs] == [str(good)]


def test_binary_file_with_nul_bytes(tmp_path, good):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 4)
    docs, problems = read(path, good)
    assert_one_problem(problems, path, "binary", "skipped")
    assert len(docs) == 1


def test_undecodable_bytes_without_nul(tmp_path, good):
    path = tmp_path / "noise.txt"
    path.write_bytes(b"\xff\x80\xfe\x81" * 100)
    docs, problems = read(path, good)
    assert_one_problem(problems, path, "neither UTF-8", "GB18030", "Big5", "skipped")
    assert len(docs) == 1


def test_mostly_control_characters_is_binary(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(bytes(range(1, 9)) * 50 + b"abc")
    docs, problems = read(path)
    assert_one_problem(problems, path, "binary")
    assert docs == []


def test_truncated_utf8_keeps_the_valid_part(tmp_path):
    path = tmp_path / "cut.txt"
    data = GOOD.encode() + "尾".encode()[:2]
    path.write_bytes(data)
    docs, problems = read(path)
    assert_one_problem(
        problems, path, f"truncated UTF-8 sequence at byte {len(GOOD.encode())}", "read the text before it"
    )
    assert docs[0].text == GOOD


def test_fifty_megabytes_without_a_line_break(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes("社区".encode() * (50 * 2**20 // 6))
    start = time.perf_counter()
    docs, problems = read(path)
    assert time.perf_counter() - start < 20  # linear: about a second
    assert problems == [] and len(docs[0].text) == 2 * (50 * 2**20 // 6)


def test_file_over_the_size_limit(tmp_path, good, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    docs, problems = read(good)
    assert_one_problem(problems, good, "limit", "skipped")
    assert docs == []


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": "甲文。",
                "id": "a1",
                "title": "标题甲",
                "date": "2024-03-05",
                "source": "青禾日报",
                "author": "柯望舒",
            },
            ensure_ascii=False,
        ),
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        "",
        "[1, 2]",
        json.dumps({"text": "乙文。", "author": ["甲", "乙"]}, ensure_ascii=False),
        json.dumps({"text": "丙文。", "date": {"y": 2024}}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert [(p.line, p.source) for p in problems] == [
        (2, str(path)),
        (3, str(path)),
        (5, str(path)),
        (7, str(path)),
    ]
    assert "malformed JSON" in problems[0].message and "line skipped" in problems[0].message
    assert "no 'text'" in problems[1].message
    assert "'date' must be a string" in problems[3].message
    first, second = docs
    assert (first.id, first.title, first.date, first.origin, first.author, first.kind) == (
        "a1",
        "标题甲",
        "2024-03-05",
        "青禾日报",
        "柯望舒",
        "article",
    )
    assert first.source == f"{path}:1"
    assert (second.id, second.author, second.source) == ("feed-6", "甲、乙", f"{path}:6")


def test_jsonl_text_is_kept_exactly(tmp_path):
    text = "  开头空格\r\n第二行\u2028第三段\t结尾  "
    path = tmp_path / "exact.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": text}).encode() + b"\r\n")
    docs, problems = read(path)
    assert problems == [] and docs[0].text == text and docs[0].id == "exact-1"


def test_jsonl_line_not_utf8(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(json.dumps({"text": "好"}).encode() + b"\n" + '{"text": "坏"}'.encode("gbk") + b"\n")
    docs, problems = read(path)
    assert_one_problem(problems, path, "not UTF-8", line=2)
    assert len(docs) == 1


def test_empty_jsonl(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert_one_problem(read(path)[1], path, "empty")


def test_html_text_without_scripts_styles_and_comments(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        """<!DOCTYPE html><html><head><title> 青禾日报 &amp; 晨报 </title>
<style>p { color: red }</style><script>var x = "<p>不要</p>";</script></head>
<body><!-- 注释不要 --><noscript>也不要</noscript><template><p>模板不要</p></template>
<h1>社区新事</h1><p>第一段&nbsp;文字，<b>加粗</b>的
词。Two
words</p><div>第二段&lt;引&gt;</div><br>第三行<hr><article><p>另一篇</p></article>
<pre>  保留
  缩进</pre></body></html>""",
        encoding="utf-8",
    )
    docs, problems = read(path)
    assert problems == []
    assert docs[0].title == "青禾日报 & 晨报"
    assert docs[0].text == (
        "社区新事\n第一段\xa0文字，加粗的词。Two words\n第二段<引>\n第三行\n\n另一篇\n\n  保留\n  缩进"
    )
    for bad in ("不要", "color", "var x", "模板"):
        assert bad not in docs[0].text


def test_broken_html_and_title_from_h1(tmp_path):
    path = tmp_path / "broken.htm"
    path.write_bytes(
        "<body><h1>晨光 社区</h1><p>未闭合<div>段落<span>内容</p></i><script>没有结束".encode("gbk")
    )
    docs, problems = read(path)
    assert problems == []
    assert docs[0].title == "晨光 社区"
    assert docs[0].text == "晨光 社区\n未闭合\n段落内容"


def test_html_without_visible_text(tmp_path, good):
    path = tmp_path / "shell.html"
    path.write_text(
        "<html><head><title>空壳</title><script>app()</script></head><body>"
        "<div id='root'></div></body></html>",
        encoding="utf-8",
    )
    docs, problems = read(path, good)
    assert_one_problem(problems, path, "no text", "skipped")
    assert [d.source for d in docs] == [str(good)]


def test_truncated_utf8_after_a_bom(tmp_path):
    path = tmp_path / "bomcut.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "甲乙".encode() + "丙".encode()[:1])
    docs, problems = read(path)
    assert_one_problem(problems, path, "at byte 9 ")
    assert docs[0].text == "甲乙"


def test_unclosed_title_does_not_swallow_the_page(tmp_path):
    path = tmp_path / "t.html"
    path.write_text("<title>标题<p>正文</p>", encoding="utf-8")
    docs, _ = read(path)
    assert (docs[0].title, docs[0].text) == ("标题", "正文")


def test_path_that_does_not_exist(tmp_path, good):
    missing = tmp_path / "nope.txt"
    docs, problems = read(missing, good)
    assert_one_problem(problems, missing, "no such file", "skipped")
    assert len(docs) == 1


def test_folder_with_no_readable_files(tmp_path, good):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "photo.png").write_bytes(b"\x89PNG")
    (folder / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    docs, problems = read(folder, good)
    assert_one_problem(problems, folder, "no readable file")
    assert len(docs) == 1


def test_unsupported_extension_named_vs_in_a_folder(tmp_path, good):
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG")
    docs, problems = read(png, good)
    assert_one_problem(problems, png, "unsupported file type '.png'", "skipped")
    docs, problems = read(tmp_path)  # the same .png inside a folder: ignored
    assert problems == [] and [d.source for d in docs] == [str(good)]


def test_folders_are_walked_sorted_recursively_without_hidden_entries(tmp_path):
    for rel in ("b/2.txt", "b/1.TXT", "a.md", ".git/x.txt", "c/.secret.txt", "c/d/3.htm"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GOOD, encoding="utf-8")
    docs, problems = read(tmp_path, tmp_path / "a.md")  # a.md named twice: read once
    names = [d.source[len(str(tmp_path)) + 1 :] for d in docs]
    assert problems == [] and names == ["a.md", "b/1.TXT", "b/2.txt", "c/d/3.htm"]


def test_strict_raises_at_the_first_problem(tmp_path, good):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError) as exc:
        list(read_inputs([str(good), str(missing), str(good)], strict=True))
    assert exc.value.problem.source == str(missing) and str(missing) in str(exc.value)


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_text_survives_a_jsonl_round_trip(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("rt") / "rt.jsonl"
    path.write_text(json.dumps({"text": text + "字"}) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert problems == [] and docs[0].text == text + "字"


@settings(max_examples=50, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_utf8_page_reads_back(tmp_path_factory, text):
    text = "字" + text
    path = tmp_path_factory.mktemp("rt") / "rt.txt"
    path.write_bytes(text.encode("utf-8"))
    docs, problems = read(path)
    assert problems == [] and docs[0].text == text
