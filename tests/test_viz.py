"""The graph page without a browser: reading the graph, selecting, layout, escaping."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from kg.cli import main
from kg.rdf.namespaces import KG
from kg.viz import embed_json, select, statistics, to_networkx, write_html
from kg.viz.data import facts_of
from kg.viz.layout import positions
from kg.viz.page import page_data
from kg.viz.sample import article, demo_graph, entity, fact

HOSTILE = "<img src=x onerror=window.__pwned=1>"
BREAKOUT = "</script><script>window.__pwned=1</script>"


def chain(*labels: str) -> Graph:
    """Persons linked in a row: labels[0] cooperatesWith labels[1], and so on."""
    g = Graph()
    nodes = [entity(g, f"p{i}", "Person", label) for i, label in enumerate(labels)]
    for s, o in zip(nodes, nodes[1:]):
        g.add((s, KG.cooperatesWith, o))
    return g


def labels(H) -> set[str]:
    return {d["label"] for _, d in H.nodes(data=True)}


def embedded(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


# ---- reading ---------------------------------------------------------------------------


def test_entities_articles_and_their_fields_become_nodes():
    G = to_networkx(demo_graph())
    by_label = {d["label"]: d for _, d in G.nodes(data=True)}
    assert len(G) == 27 + 3  # no node for a provenance record
    assert by_label["青禾区民政局"]["cls"] == "GovernmentBody"
    assert by_label["青禾区民政局"]["aliases"] == ["区民政局"]
    art = by_label["把服务送到居民家门口"]
    assert (art["cls"], art["date"], art["alt"]) == (
        "Article",
        "2024-03-05",
        "——访青禾区梧桐街道党工委书记周望川",
    )


def test_an_edge_carries_its_provenance():
    G = to_networkx(demo_graph())
    zhou = next(n for n, d in G.nodes(data=True) if d["label"] == "周望川")
    ((target, pred, records),) = [(o, k, f) for _, o, k, f in G.out_edges(zhou, keys=True, data="facts")]
    assert (G.nodes[target]["label"], pred) == ("梧桐街道党工委", "leads")
    (record,) = records
    assert record["evidence"] == "青禾区梧桐街道党工委书记周望川介绍，"
    assert record["title"] == "党工委书记"
    assert record["article"].endswith("article/a1")
    assert record["end"] - record["start"] == len(record["evidence"])


def test_a_fact_only_in_a_provenance_record_is_still_an_edge():
    g = Graph()
    a, b = entity(g, "a", "Person", "甲"), entity(g, "b", "Company", "乙公司")
    fact(g, a, "leads", b, URIRef("urn:x:article"), "乙公司董事长甲说。")
    g.remove((a, KG.leads, b))
    G = to_networkx(g)
    assert G.has_edge(str(a), str(b), key="leads")
    assert G.edges[str(a), str(b), "leads"]["facts"][0]["evidence"] == "乙公司董事长甲说。"


def test_untyped_ends_of_kg_links_are_shown_as_other_and_foreign_links_are_dropped():
    g = Graph()
    a = entity(g, "a", "Person", "甲")
    g.add((a, KG.residesIn, URIRef("urn:x:somewhere")))
    g.add((a, OWL.sameAs, URIRef("urn:x:elsewhere")))
    G = to_networkx(g)
    assert G.nodes["urn:x:somewhere"]["cls"] == "Other"
    assert "urn:x:elsewhere" not in G


def test_the_most_specific_class_wins():
    g = Graph()
    node = entity(g, "o", "Organization", "某某党委")
    g.add((node, RDF.type, KG.PartyOrganization))
    assert to_networkx(g).nodes[str(node)]["cls"] == "PartyOrganization"


def test_statistics_count_classes_predicates_and_reporters():
    st = statistics(to_networkx(demo_graph()))
    assert dict(st["classes"])["Person"] == 6
    assert dict(st["predicates"])["locatedIn"] == 6
    assert st["reporters"] == [("方晴", 2), ("黎可言", 2)]
    assert st["facts"] == 23
    top_node, top_degree = st["top"][0]
    assert top_degree == max(
        d
        for n, d in to_networkx(demo_graph()).degree()
        if not n.startswith("https://w3id.org/kg-news/id/article/")
    )


# ---- selecting -------------------------------------------------------------------------


def test_focus_keeps_the_neighbourhood_within_hops():
    G = to_networkx(chain("甲", "乙", "丙", "丁", "戊"))
    assert labels(select(G, focus="乙", hops=1)[0]) == {"甲", "乙", "丙"}
    assert labels(select(G, focus="乙", hops=2)[0]) == {"甲", "乙", "丙", "丁"}


def test_focus_matches_aliases_then_substrings_and_rejects_unknown_names():
    G = to_networkx(demo_graph())
    H, info = select(G, focus="区民政局", hops=0)
    assert labels(H) == {"青禾区民政局"}
    assert labels(select(G, focus="帮帮", hops=0)[0]) == {"邻里帮帮团"}
    with pytest.raises(LookupError):
        select(G, focus="不存在的名字")


def test_class_subset_keeps_those_classes_and_the_focus():
    G = to_networkx(demo_graph())
    H, _ = select(G, classes=["Programme", "AdministrativeArea"])
    assert {d["cls"] for _, d in H.nodes(data=True)} == {"Programme", "AdministrativeArea"}
    H, _ = select(G, focus="周望川", hops=1, classes=["AdministrativeArea"])
    assert labels(H) == {"周望川"}  # the focus stays; its 1-hop areas: none
    with pytest.raises(ValueError, match="Town"):
        select(G, classes=["Town"])


def test_max_nodes_keeps_the_best_connected_and_counts_the_rest():
    g = chain("甲", "乙", "丙")
    for i in range(5):
        entity(g, f"lonely{i}", "Place", f"孤点{i}")
    H, info = select(to_networkx(g), max_nodes=2)
    assert labels(H) == {"乙", "丙"}  # 乙 has degree 2; 甲 and 丙 tie at 1, 丙 (U+4E19) sorts first
    assert (info["selected"], info["shown"], info["omitted"]) == (8, 2, 6)


def test_max_nodes_never_drops_the_focus():
    g = chain("甲", "乙", "丙")
    entity(g, "x", "Place", "孤点")
    H, _ = select(to_networkx(g), focus="孤点", hops=3, max_nodes=0)
    assert labels(H) == {"孤点"}


def test_the_page_says_what_was_left_out(tmp_path):
    g = chain(*"甲乙丙丁戊己")
    stats = write_html(g, tmp_path / "p.html", max_nodes=4)
    meta = embedded((tmp_path / "p.html").read_text(encoding="utf-8"))["meta"]
    assert (stats["nodes"], stats["omitted"]) == (4, 2)
    assert (meta["shown"], meta["selected"], meta["omitted"]) == (4, 6, 2)


# ---- layout ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [30, 600])
def test_layout_is_reproducible_and_places_every_node_apart(size):
    import networkx as nx

    H = nx.barabasi_albert_graph(size, 1, seed=3)
    H.add_nodes_from(["alone-1", "alone-2"])
    first, second = positions(H, seed=5), positions(H, seed=5)
    assert first == second
    assert set(first) == set(H)
    assert len({(round(x), round(y)) for x, y in first.values()}) == len(H)


def test_connected_nodes_end_up_closer_than_unconnected_ones():
    import networkx as nx

    H = nx.disjoint_union(nx.cycle_graph(20), nx.cycle_graph(20))
    pos = positions(H)
    dist = lambda u, v: ((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5  # noqa: E731
    edges = sum(dist(u, v) for u, v in H.edges()) / H.number_of_edges()
    across = sum(dist(u, v) for u in range(20) for v in range(20, 40)) / 400
    assert edges < across / 3


def test_a_small_graph_is_laid_out_compactly_and_wider_than_tall():
    """60 nodes of a tree with hubs and a long tail fit in a block a fitted page can draw at
    a legible scale: at most about one ideal edge length squared per node."""
    import networkx as nx

    from kg.viz.layout import EDGE_PX

    H = nx.disjoint_union(nx.barabasi_albert_graph(57, 1, seed=3), nx.path_graph(3))
    xy = list(positions(H).values())
    width = max(x for x, _ in xy) - min(x for x, _ in xy)
    height = max(y for _, y in xy) - min(y for _, y in xy)
    assert width * height <= len(H) * EDGE_PX**2
    assert width >= height
    nearest = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for k, a in enumerate(xy) for b in xy[k + 1 :]
    )
    assert nearest >= EDGE_PX / 4


def test_the_page_knows_the_box_of_the_largest_component():
    import networkx as nx

    H = nx.MultiDiGraph(nx.disjoint_union(nx.path_graph(5), nx.path_graph(2)))
    pos = positions(H)
    from kg.viz.page import main_box

    x0, y0, x1, y1 = main_box(H, pos)
    assert all(x0 - 0.1 <= pos[n][0] <= x1 + 0.1 and y0 - 0.1 <= pos[n][1] <= y1 + 0.1 for n in range(5))
    assert not all(x0 <= pos[n][0] <= x1 and y0 <= pos[n][1] <= y1 for n in (5, 6))


# ---- the page and its escaping ---------------------------------------------------------


def test_embedded_json_has_no_character_that_html_or_js_could_read():
    data = {"a": BREAKOUT, "b": "<!-- & -->", "c": "行\u2028分\u2029隔", HOSTILE: ["'\""]}
    text = embed_json(data)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == data


def test_graph_strings_appear_only_inside_the_json_block(tmp_path):
    g = Graph()
    a = entity(g, "x", "Person", HOSTILE, BREAKOUT)
    b = entity(g, "y", "Company", 'O"Neil & <Sons>')
    src = article(g, "z", BREAKOUT, "2024-01-01", mentions=[a, b])
    fact(g, a, "leads", b, src, f"证据{HOSTILE}{BREAKOUT}")
    write_html(g, tmp_path / "p.html", title=BREAKOUT)
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert HOSTILE not in html and BREAKOUT not in html and "<Sons>" not in html
    assert len(re.findall(r"^<script", html, re.M)) == 3  # the template's own three, no more
    data = embedded(html)
    assert {n["l"] for n in data["nodes"]} == {HOSTILE, 'O"Neil & <Sons>', BREAKOUT}
    assert data["meta"]["title"] == BREAKOUT
    assert data["facts"][0]["ev"] == f"证据{HOSTILE}{BREAKOUT}"


def test_the_page_loads_nothing_from_outside(tmp_path):
    write_html(demo_graph(), tmp_path / "p.html")
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", html, re.I)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert "KgGraphView" in html  # the canvas view is inlined, not fetched


def test_page_data_links_facts_edges_and_articles():
    G = to_networkx(demo_graph())
    H, info = select(G)
    data = page_data(H, G, positions(H), info, "t")
    by_label = {n["l"]: n for n in data["nodes"]}
    merged = next(e for e in data["edges"] if e["p"] == "mergedInto")
    assert (data["nodes"][merged["f"]]["l"], data["nodes"][merged["t"]]["l"]) == ("邻帮 APP", "青禾通 APP")
    f = data["facts"][merged["fa"][0]]
    assert data["articles"][f["a"]]["h"] == "青禾通 APP 上线社区服务专区"
    assert [data["articles"][i]["h"] for i in by_label["青禾区"]["m"]] == [
        "把服务送到居民家门口",
        "青禾通 APP 上线社区服务专区",
    ]
    assert data["articles"][0]["au"] == ["方晴", "黎可言"]


# ---- the command -----------------------------------------------------------------------


def test_kg_viz_writes_the_page_of_a_build_folder(tmp_path, capsys):
    demo_graph().serialize(tmp_path / "graph.ttl")
    assert (
        main(
            ["viz", str(tmp_path), "--focus", "周望川", "--hops", "1", "--class", "Person,PartyOrganization"]
        )
        == 0
    )
    data = embedded((tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert {n["l"] for n in data["nodes"]} == {"周望川", "梧桐街道党工委"}
    assert "2 nodes" in capsys.readouterr().out


@pytest.mark.parametrize("extra, message", [(["--focus", "无此人"], "无此人"), (["--class", "Town"], "Town")])
def test_kg_viz_reports_bad_arguments(tmp_path, capsys, extra, message):
    demo_graph().serialize(tmp_path / "graph.ttl")
    assert main(["viz", str(tmp_path), *extra]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "graph.html").exists()


def test_kg_viz_needs_a_graph(tmp_path, capsys):
    assert main(["viz", str(tmp_path)]) == 1
    assert "graph.ttl" in capsys.readouterr().err


def test_literal_numbers_of_any_datatype_are_read():
    g = Graph()
    a, b = entity(g, "a", "Person", "甲"), entity(g, "b", "Company", "乙")
    fact(g, a, "leads", b, URIRef("urn:x:a"), "句子。")
    st = next(g.subjects(RDF.subject, a))
    g.set((st, KG.confidence, Literal("0.75")))
    record = to_networkx(g).edges[str(a), str(b), "leads"]["facts"][0]
    assert record["confidence"] == 0.75


# ---- entities first, views, generic fields ---------------------------------------------


def news_like(n_entities: int, n_articles: int) -> Graph:
    """Entities in a few facts each and many articles mentioning them: the shape of a
    large build, where articles outnumber the best-connected entities."""
    g = Graph()
    ents = [
        entity(g, f"e{i}", "Person" if i % 3 else "GovernmentBody", f"实体{i}") for i in range(n_entities)
    ]
    for k in range(n_articles):
        article(g, f"a{k}", f"报道{k}", "2024-01-01", mentions=ents[k % 7 :: 7][:12])
    src = URIRef("urn:x:src")
    for i in range(0, n_entities - 3, 3):
        fact(g, ents[i + 1], "leads", ents[i], src, "某某说。")
        fact(g, ents[i + 2], "memberOf", ents[i], src, "某某说。")
    return g


def test_a_large_page_gives_its_budget_to_the_entities_in_the_most_facts():
    G = to_networkx(news_like(90, 400))
    H, info = select(G, max_nodes=40)
    entities = [n for n in H if G.nodes[n]["cls"] != "Article"]
    arts = [n for n in H if G.nodes[n]["cls"] == "Article"]
    assert len(entities) == 40 and info["articles_hidden"]
    assert len(arts) == info["hidden"] <= 20
    for cls in {G.nodes[n]["cls"] for n in entities}:  # within each class, the most facts
        worst_kept = min(facts_of(G, n) for n in entities if G.nodes[n]["cls"] == cls)
        left = [facts_of(G, n) for n in G if n not in H and G.nodes[n]["cls"] == cls]
        assert not left or worst_kept >= max(left)
    assert ["Article", "文章", 400 - len(arts), len(arts)] in info["left_out"]


def test_many_small_entities_keep_their_share_of_the_page():
    """Two thousand people with one fact each are not crowded out by bodies with many."""
    import networkx as nx

    G = nx.MultiDiGraph()
    for i in range(400):
        G.add_node(f"o{i}", cls="Organization", label=f"机构{i}")
    for i in range(1600):
        G.add_node(f"p{i}", cls="Person", label=f"人{i}")
        G.add_edge(f"p{i}", f"o{i % 400}", key="leads")
    H, _ = select(G, max_nodes=500)
    people = sum(1 for n in H if G.nodes[n]["cls"] == "Person")
    assert len(H) == 500 and 350 <= people <= 450


def test_a_small_page_keeps_its_articles_visible():
    G = to_networkx(demo_graph())
    _, info = select(G)
    assert not info["articles_hidden"] and info["hidden"] == 0


def test_hidden_articles_take_no_part_in_the_layout_and_sit_by_their_entities():
    G = to_networkx(news_like(90, 400))
    H, info = select(G, max_nodes=40)
    from kg.viz import layout

    pos = layout(G, H, info)
    art = next(n for n in H if G.nodes[n]["cls"] == "Article" and any(m in H for m in G.successors(n)))
    near = [pos[m] for m in G.successors(art) if m in H]
    mid = [sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near)]
    assert abs(pos[art][0] - mid[0]) < 200 and abs(pos[art][1] - mid[1]) < 200


SAME_PAGE_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from test_viz import news_like
from kg.viz import layout, select, to_networkx
G = to_networkx(news_like(90, 400))
H, info = select(G, max_nodes=40)
print(json.dumps([list(H), sorted(layout(G, H, info).items())]))
"""


def test_the_same_graph_gets_the_same_page_whatever_the_hash_seed():
    """String sets iterate in an order PYTHONHASHSEED picks; the nodes chosen for the page,
    their order and their positions must not follow it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    here = str(Path(__file__).parent)
    runs = [
        subprocess.run(
            [sys.executable, "-c", SAME_PAGE_SCRIPT, here],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert runs[0] and runs[0] == runs[1] == runs[2]


def test_the_search_index_holds_every_node_that_is_not_drawn():
    G = to_networkx(news_like(90, 400))
    H, info = select(G, max_nodes=40)
    data = page_data(H, G, positions(H), info, "t")
    assert {row[0] for row in data["index"]} == {G.nodes[n]["label"] for n in G if n not in H}
    label, aliases, cls, count, links = next(r for r in data["index"] if r[2] != "Article" and r[3])
    assert links and all(len(link) == 4 for link in links)


def test_the_tree_of_an_area_puts_parts_below_and_leaders_beside():
    G = to_networkx(demo_graph())
    H, info = select(G, tree="青禾区")
    names = labels(H)
    assert {"青禾区", "梧桐街道", "云杉社区", "樱桃园小区", "青禾区民政局", "周望川", "何雨桐"} <= names
    assert "把服务送到居民家门口" not in names and "青禾通 APP" not in names
    from kg.viz import layout

    pos = {G.nodes[n]["label"]: xy for n, xy in layout(G, H, info).items()}
    assert pos["梧桐街道"][1] > pos["青禾区"][1] and pos["云杉社区"][1] > pos["梧桐街道"][1]
    assert pos["周望川"][0] > pos["梧桐街道党工委"][0]
    assert abs(pos["周望川"][1] - pos["梧桐街道党工委"][1]) < 60


def test_an_unknown_tree_root_is_refused():
    with pytest.raises(LookupError, match="无此区"):
        select(to_networkx(demo_graph()), tree="无此区")


def test_any_literal_of_a_node_or_record_reaches_the_page():
    g = demo_graph()
    area = URIRef(
        next(str(s) for s in g.subjects(RDF.type, KG.AdministrativeArea) if str(s).endswith("/qinghe"))
    )
    g.add((area, KG.divisionCode, Literal("110105")))
    st = next(s for s in g.subjects(RDF.object, area))
    g.add((st, KG.startDate, Literal("2021-06-01")))
    data = embedded_page(g)
    node = next(n for n in data["nodes"] if n["l"] == "青禾区")
    assert ["divisionCode", "110105"] in node["p"]
    assert any(["startDate", "2021-06-01"] in f["pr"] for f in data["facts"])


def embedded_page(g: Graph) -> dict:
    G = to_networkx(g)
    H, info = select(G)
    return page_data(H, G, positions(H), info, "t")


def test_kg_viz_reads_the_store_not_a_stale_graph_file(sample_build, tmp_path, capsys):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(sample_build[0], out)
    stale = Graph()
    entity(stale, "ghost", "Person", "过时的人")
    stale.serialize(out / "graph.ttl")
    assert main(["viz", str(out)]) == 0
    data = embedded((out / "graph.html").read_text(encoding="utf-8"))
    assert "过时的人" not in {n["l"] for n in data["nodes"]}
    assert len(data["nodes"]) > 20
    capsys.readouterr()


def test_kg_viz_tree_writes_the_tree_page(tmp_path, capsys):
    demo_graph().serialize(tmp_path / "graph.ttl")
    assert main(["viz", str(tmp_path), "--tree", "梧桐街道", "-o", str(tmp_path / "t.html")]) == 0
    data = embedded((tmp_path / "t.html").read_text(encoding="utf-8"))
    assert data["meta"]["tree"] == "梧桐街道"
    assert "青禾区" not in {n["l"] for n in data["nodes"]}  # above the root, not under it
