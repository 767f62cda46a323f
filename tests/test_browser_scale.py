"""The graph page at the scale users work at, in headless Chromium: the default page of a
2,000-article synthetic build and of the sample page, with screenshots (kept in
$KG_SCREENSHOTS when set), and the notice the page shows when no Chinese font is installed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_browser import ARGS, CHROMIUM, Page, assert_apart, browser  # noqa: F401  (the fixture)

from kg.cli import main
from kg.viz import write_html
from kg.viz.sample import demo_graph

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SHOTS = os.environ.get("KG_SCREENSHOTS")


def shoot(page: Page, tmp_path, name: str) -> None:
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(folder / f"{name}.png"))


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory):
    """The default page (`kg build` then `kg viz OUT`) of 2,000 synthetic articles."""
    tmp = tmp_path_factory.mktemp("corpus2k")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "corpus.py"),
            "--articles",
            "2000",
            "--seed",
            "3",
            "--out",
            str(tmp / "in"),
        ],
        check=True,
        capture_output=True,
    )
    assert main(["build", str(tmp / "in"), "--out", str(tmp / "out"), "--quiet", "--no-html"]) == 0
    assert main(["viz", str(tmp / "out")]) == 0
    return tmp / "out" / "graph.html"


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample")
    assert main(["build", str(ROOT / "seeds"), "--out", str(tmp), "--quiet", "--no-html"]) == 0
    assert main(["viz", str(tmp)]) == 0
    return tmp / "graph.html"


def drawn_share(page: Page, cls: str) -> float:
    ready = page.js("kgReady")
    return ready["byClass"].get(cls, 0) / ready["nodes"]


def test_the_default_page_of_a_2000_article_build_is_about_entities(browser, corpus_page, tmp_path):
    page = Page(browser, corpus_page)
    shoot(page, tmp_path, "corpus-2000-default")
    ready = page.js("kgReady")
    assert ready["nodes"] >= 500
    assert drawn_share(page, "Article") <= 0.10
    assert ready["byClass"].get("Person", 0) >= 50
    assert len(ready["labels"]) >= 20  # the fitted view of 2,000 entities: the most important
    assert_apart(ready["labels"])
    notice = page.page.locator("#notice").text_content()
    assert "文章" in notice and "--focus" in notice
    assert page.errors == []
    page.page.close()


def test_zooming_in_shows_more_labels_and_still_none_overlap(browser, corpus_page):
    page = Page(browser, corpus_page)
    first = page.js("kgReady.labels")
    # zoom in where the first label is, as a reader does: the middle of the fitted view may
    # fall between packed components, and how they pack depends on the build's node order
    x, y, w, h = first[0]
    page.js(
        f"kgNetwork.moveTo({{position: kgNetwork.DOMtoCanvas({{x: {x + w / 2}, y: {y + h / 2}}}),"
        " scale: kgNetwork.getScale() * 3, animation: false}); kgNetwork.redraw()"
    )
    boxes = page.js("kgReady.labels")
    assert_apart(boxes)
    page.js("kgNetwork.moveTo({scale: kgNetwork.getScale() / 12, animation: false}); kgNetwork.redraw()")
    far = page.js("kgReady.labels")
    assert_apart(far)
    assert boxes and far
    page.page.close()


def test_the_article_toggle_shows_articles_and_their_mentions(browser, corpus_page):
    page = Page(browser, corpus_page)
    edges = page.js("kgReady.edges")
    page.page.click("#toggle-articles")
    page.js("kgNetwork.redraw()")
    assert page.js("kgReady.byClass.Article") > 0
    assert page.js("kgReady.edges") > edges
    assert_apart(page.js("kgReady.labels"))
    page.page.close()


def test_search_finds_an_entity_that_is_not_drawn(browser, corpus_page, tmp_path):
    page = Page(browser, corpus_page)
    label = page.js("""() => { const d = JSON.parse(document.getElementById('kg-data').textContent);
        const drawn = new Set(d.nodes.map(n => n.l));
        return d.index.find(x => x[2] !== 'Article' && !drawn.has(x[0]))[0]; }""")
    page.page.fill("#search", label)
    first = page.page.locator("#results li").first
    assert first.text_content().startswith(label) and "未绘出" in first.text_content()
    page.page.press("#search", "Enter")
    assert page.panel_heading() == label
    assert f"--focus {label}" in page.page.locator("#panel").text_content()
    shoot(page, tmp_path, "corpus-2000-search-not-drawn")
    page.page.close()


def test_the_sample_page_labels_never_overlap(browser, sample_page, tmp_path):
    page = Page(browser, sample_page)
    shoot(page, tmp_path, "sample-default")
    ready = page.js("kgReady")
    assert ready["nodes"] >= 40
    assert_apart(ready["labels"])
    assert len(ready["labels"]) >= ready["nodes"] * 0.6  # most of a small graph is named
    assert page.errors == []
    page.page.close()


def test_the_organisation_tree_of_an_area(browser, tmp_path):
    write_html(demo_graph(), tmp_path / "tree.html", tree="青禾区")
    page = Page(browser, tmp_path / "tree.html")
    shoot(page, tmp_path, "demo-tree")
    assert_apart(page.js("kgReady.labels"))
    assert "组织树：青禾区" in page.page.locator("#notice").text_content()
    assert page.js("kgReady.byClass.Person") >= 2
    page.page.close()


def has_cjk_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return False
    return bool(out.strip())


def test_the_font_notice_shows_exactly_when_no_chinese_font_renders(browser, tmp_path):
    write_html(demo_graph(), tmp_path / "demo.html")
    page = Page(browser, tmp_path / "demo.html")
    missing = not has_cjk_font()
    assert page.js("document.body.dataset.cjk") == ("missing" if missing else "ok")
    assert page.page.locator("#fontnotice").is_visible() == missing
    page.page.close()


def test_without_a_chinese_font_the_page_says_which_package_to_install(browser, tmp_path):
    """A second Chromium, started with a font configuration that holds no Chinese font."""
    latin = [
        d
        for d in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")
        if os.path.isdir(d)
    ]
    if not latin or not os.path.exists(CHROMIUM):
        pytest.skip("needs Chromium and a Latin font folder")
    conf = tmp_path / "fonts.conf"
    dirs = "".join(f"<dir>{d}</dir>" for d in latin)
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig>{dirs}<cachedir>{tmp_path}/cache</cachedir></fontconfig>'
    )
    write_html(demo_graph(), tmp_path / "demo.html")
    b = browser.browser_type.launch(
        executable_path=CHROMIUM, args=ARGS, env={**os.environ, "FONTCONFIG_FILE": str(conf)}
    )
    try:
        page = Page(b, tmp_path / "demo.html")
        shoot(page, tmp_path, "demo-no-cjk-font")
        assert page.js("document.body.dataset.cjk") == "missing"
        assert page.page.locator("#fontnotice").is_visible()
        assert "fonts-noto-cjk" in page.page.locator("#fontnotice").text_content()
    finally:
        b.close()
