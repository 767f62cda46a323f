"""The graph page in headless Chromium: it draws offline, search and click work, and hostile
strings from the graph stay text."""

from __future__ import annotations

import os
import shutil

import pytest
from rdflib import Graph

from kg.viz import write_html
from kg.viz.sample import article, demo_graph, entity, fact

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = "<img src=x onerror=window.__pwned=1>"
BREAKOUT = "</script><script>window.__pwned=1</script>"
QUOTES = "\"'><svg onload=window.__pwned=1>"
LEGIBLE = 0.75  # the page's smallest first scale: 15 px labels drawn at least ~11 px high


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set KG_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page with everything it logged and requested."""

    def __init__(self, browser, path):
        self.errors, self.requests = [], []
        self.page = browser.new_page(viewport={"width": 1300, "height": 800})
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kgReady", timeout=30_000)

    def js(self, expression, arg=None):
        return self.page.evaluate(expression, arg)

    def node_id(self, label):
        return self.js(
            """l => JSON.parse(document.getElementById('kg-data').textContent)
                               .nodes.find(n => n.l === l).id""",
            label,
        )

    def click_node(self, node):
        """A real mouse click on the node as drawn."""
        self.page.mouse.click(*self.point_at(node))

    def hover_node(self, node):
        self.page.mouse.move(*self.point_at(node), steps=3)

    def point_at(self, node):
        self.js("id => kgNetwork.focus(id, {scale: 1.2, animation: false})", node)
        xy = self.js("id => kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id])", node)
        box = self.page.locator("#network canvas").bounding_box()
        return box["x"] + xy["x"], box["y"] + xy["y"]

    def in_view(self, node):
        """Whether the node's centre is drawn inside the canvas."""
        xy = self.js("id => kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id])", node)
        box = self.page.locator("#network canvas").bounding_box()
        return 0 <= xy["x"] <= box["width"] and 0 <= xy["y"] <= box["height"]

    def panel_heading(self):
        return self.page.locator("#panel h2").text_content()


@pytest.fixture
def demo(browser, tmp_path):
    write_html(demo_graph(), tmp_path / "demo.html", title="示例")
    page = Page(browser, tmp_path / "demo.html")
    yield page
    page.page.close()


def test_the_page_draws_with_no_error_and_no_request_leaving_the_machine(demo):
    assert demo.js("kgReady.nodes") == 30
    assert demo.page.locator("#classes li").count() == 12  # 11 classes + Article
    assert demo.page.locator("#panel h2").text_content() == "统计"
    assert demo.errors == []
    assert demo.requests and all(u.startswith(("file:", "data:")) for u in demo.requests)


def test_search_by_alias_focuses_the_entity(demo):
    demo.page.fill("#search", "区民政局")
    demo.page.press("#search", "Enter")
    target = demo.node_id("青禾区民政局")
    assert demo.js("kgNetwork.getSelectedNodes()") == [target]
    centre = demo.js("kgNetwork.getViewPosition()")
    node = demo.js(f"kgNetwork.getPositions([{target}])[{target}]")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert demo.panel_heading() == "青禾区民政局"


def test_clicking_a_node_lists_its_facts_with_evidence_and_headline(demo):
    demo.click_node(demo.node_id("周望川"))
    assert demo.panel_heading() == "周望川"
    quotes = demo.page.locator("#panel blockquote").all_text_contents()
    assert quotes == ["青禾区梧桐街道党工委书记周望川介绍，"]
    assert "《把服务送到居民家门口》" in demo.page.locator("#panel").text_content()
    assert demo.errors == []


def test_class_and_predicate_filters_hide_nodes_and_edges(demo):
    edges = demo.js("kgReady.edges")
    demo.page.locator('#classes input[data-name="Person"]').uncheck()
    assert demo.js("kgReady.nodes") == 30 - 6
    assert demo.js("kgReady.byClass.Person") is None and demo.js("kgReady.nodes") == 24
    fewer = demo.js("kgReady.edges")
    demo.page.locator('#predicates input[data-name="mentions"]').uncheck()
    assert edges > fewer > demo.js("kgReady.edges")


def hostile_graph() -> Graph:
    g = Graph()
    bad = entity(g, "bad", "Person", HOSTILE, BREAKOUT, QUOTES)
    org = entity(g, "org", "Company", QUOTES + "公司")
    src = article(g, "a", BREAKOUT + "标题", "2024-01-01", authors=[bad], mentions=[bad, org])
    fact(g, bad, "leads", org, src, f"证据：{HOSTILE}{BREAKOUT}{QUOTES}", title=HOSTILE)
    return g


def test_hostile_strings_are_shown_as_text_and_never_run(browser, tmp_path):
    write_html(hostile_graph(), tmp_path / "bad.html", title=BREAKOUT)
    page = Page(browser, tmp_path / "bad.html")
    bad = page.node_id(HOSTILE)
    page.click_node(bad)
    page.page.mouse.move(5, 5)
    page.hover_node(bad)  # and hover over it: the tooltip
    page.page.wait_for_selector("#tip:not([hidden])")
    page.page.fill("#search", "onerror")
    assert page.page.locator("#results li").first.text_content().startswith(HOSTILE)
    assert page.panel_heading() == HOSTILE
    assert page.page.locator("#panel blockquote").text_content() == f"证据：{HOSTILE}{BREAKOUT}{QUOTES}"
    assert HOSTILE in page.page.locator("#tip").text_content()
    assert page.js("document.title") == BREAKOUT
    assert page.js("typeof window.__pwned") == "undefined"
    assert page.js("document.querySelectorAll('img, svg, b').length") == 0
    assert page.js("document.scripts.length") == 3
    assert page.errors == []
    page.page.close()


def test_a_cut_graph_says_how_many_nodes_were_left_out_and_how_to_focus(browser, tmp_path):
    g = Graph()
    people = [entity(g, f"p{i}", "Person", f"人物{i}") for i in range(6)]
    src = article(g, "a", "报道", "2024-01-01", mentions=people[:2])
    fact(g, people[0], "cooperatesWith", people[1], src, "两人合作。")
    write_html(g, tmp_path / "cut.html", max_nodes=3)
    page = Page(browser, tmp_path / "cut.html")
    notice = page.page.locator("#notice")
    assert notice.is_visible()
    assert "省略 4 个" in notice.text_content() and "--focus" in notice.text_content()
    assert page.js("kgReady.nodes") == 3
    page.page.close()


def news_graph(n_articles: int = 6, per_article: int = 8, seed: int = 2) -> Graph:
    """About 60 nodes shaped like a small news graph, in one piece: articles mentioning
    entities (half of the edges), and each entity related to one named before it."""
    import random

    rng = random.Random(seed)
    g = Graph()
    classes = ["Person", "GovernmentBody", "PartyOrganization", "AdministrativeArea", "Programme"]
    ents = [
        entity(g, f"e{i}", classes[i % len(classes)], f"实体{i}名称") for i in range(n_articles * per_article)
    ]
    arts = [
        article(
            g,
            f"a{k}",
            f"第{k}篇新闻的标题比较长",
            "2024-01-01",
            authors=[ents[k * 5]],
            mentions=rng.sample(ents, per_article),
        )
        for k in range(n_articles)
    ]
    for i, e in enumerate(ents[1:], 1):
        fact(
            g,
            e,
            rng.choice(["subOrganizationOf", "locatedIn", "leads", "implements"]),
            ents[rng.randrange(i)],
            rng.choice(arts),
            f"第{i}句证据。",
        )
    return g


@pytest.fixture
def news(browser, tmp_path):
    write_html(news_graph(), tmp_path / "news.html")
    page = Page(browser, tmp_path / "news.html")
    yield page
    page.page.close()


def test_a_small_graph_opens_whole_and_legible(news):
    count = news.js("kgReady.nodes")
    assert 50 <= count <= 70
    assert news.js("kgNetwork.getScale()") >= LEGIBLE
    ids = news.js("kgNetwork.nodes.map((_, i) => i).filter(kgNetwork.shown)")
    assert all(news.in_view(i) for i in ids)
    assert news.errors == []


def test_search_zooms_in_on_the_node(news):
    before = news.js("kgNetwork.getScale()")
    news.page.fill("#search", "实体7名")
    news.page.press("#search", "Enter")
    target = news.node_id("实体7名称")
    assert news.js("kgNetwork.getSelectedNodes()") == [target]
    assert news.js("kgNetwork.getScale()") >= before
    assert news.js("kgNetwork.getScale()") >= 0.95
    assert news.in_view(target)
    assert news.panel_heading() == "实体7名称"


def test_an_entity_link_in_the_panel_zooms_to_that_entity(news):
    news.js("kgNetwork.moveTo({scale: 0.3, animation: false})")
    news.page.locator("#panel table .link").first.click()
    target = int(news.js("document.getElementById('panel').dataset.node"))
    assert news.js("kgNetwork.getScale()") >= 0.95
    assert news.in_view(target)


def test_edges_are_drawn_by_kind_posts_thick_containment_light_mentions_faint(news):
    style = news.js("""() => { const d = JSON.parse(document.getElementById('kg-data').textContent);
        const out = {}; d.edges.forEach(e => { out[e.p] = kgEdgeStyle(e.id); }); return out; }""")
    (red, leads), (pale, mention), (_, located) = style["leads"], style["mentions"], style["locatedIn"]
    assert leads > located > mention and mention < 1
    assert red != pale


def test_edge_labels_appear_close_up_and_never_overlap(news):
    assert news.js("kgReady.edgeLabels") == 0
    assert_apart(news.js("kgReady.labels"))
    news.js("kgNetwork.moveTo({scale: 1.6, animation: false}); kgNetwork.redraw()")
    assert news.js("kgReady.edgeLabels") > 0
    assert_apart(news.js("kgReady.labels"))


def test_a_click_hides_the_hover_card_and_opens_a_person_card(demo):
    zhou = demo.node_id("周望川")
    demo.click_node(zhou)
    assert demo.page.locator("#tip").is_hidden()
    panel = demo.page.locator("#panel").text_content()
    assert "职务（1）" in panel and "党工委书记 · 梧桐街道党工委" in panel
    assert "组织与地点" in panel and "提及该实体的文章" in panel


def test_an_article_card_lists_the_facts_read_from_it(demo):
    demo.click_node(demo.node_id("石榴里社区议事会解决停车难"))
    panel = demo.page.locator("#panel").text_content()
    assert "本文的事实（6）" in panel
    assert "议事会联合绿洲物业公司重新划线。" in panel
    assert "云杉社区党委书记林晓禾带领党员入户走访。" not in panel  # another article's


def test_a_focused_page_counts_its_own_part_in_the_statistics(browser, tmp_path):
    write_html(demo_graph(), tmp_path / "f.html", focus="周望川", hops=1)
    page = Page(browser, tmp_path / "f.html")
    heads = page.page.locator("#panel h2").all_text_contents()
    assert heads == ["统计（本页）"]
    assert "实体与文章 30" in page.page.locator("#panel").text_content()  # the whole graph, below
    page.page.close()


def assert_apart(boxes):
    """No two [x, y, w, h] boxes overlap."""
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not (
                a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
            ), (a, b)


def test_a_few_hundred_nodes_open_at_a_legible_scale_on_the_largest_component(browser, tmp_path):
    write_html(news_graph(n_articles=30, per_article=10, seed=4), tmp_path / "more.html")
    page = Page(browser, tmp_path / "more.html")
    assert page.js("kgReady.nodes") >= 300
    assert page.js("kgNetwork.getScale()") >= LEGIBLE
    shown = sum(page.in_view(i) for i in page.js("kgNetwork.nodes.map((_, i) => i).filter(kgNetwork.shown)"))
    assert shown >= 40  # the middle of the graph, not an empty corner
    assert page.errors == []
    page.page.close()


def test_the_wheel_zooms_about_the_pointer_and_a_drag_pans(news):
    box = news.page.locator("#network canvas").bounding_box()
    x, y = box["x"] + 200, box["y"] + 150
    news.page.mouse.move(x, y)
    before = news.js("kgNetwork.getScale()")
    under = news.js("p => kgNetwork.DOMtoCanvas(p)", {"x": 200, "y": 150})
    news.page.mouse.wheel(0, -300)
    news.page.wait_for_timeout(100)
    assert news.js("kgNetwork.getScale()") > before * 1.2
    still = news.js("p => kgNetwork.canvasToDOM(p)", under)
    assert abs(still["x"] - 200) < 1 and abs(still["y"] - 150) < 1
    centre = news.js("kgNetwork.getViewPosition()")
    news.page.mouse.down()
    news.page.mouse.move(x + 120, y + 40, steps=4)
    news.page.mouse.up()
    moved = news.js("kgNetwork.getViewPosition()")
    scale = news.js("kgNetwork.getScale()")
    assert (
        abs((centre["x"] - moved["x"]) * scale - 120) < 2 and abs((centre["y"] - moved["y"]) * scale - 40) < 2
    )
    assert news.errors == []
