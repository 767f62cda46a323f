"""How fast the graph page is written and drawn, on synthetic graphs of 1k, 5k and 20k entities.

    python benchmarks/viz.py                      # the table (needs playwright + /usr/bin/chromium)
    python benchmarks/viz.py --sizes 1000 --no-browser
    python benchmarks/viz.py --screenshot OUT/graph.html docs/graph.png
    python benchmarks/viz.py --demo docs/graph.png   # the invented sample graph, as in the docs

"drawn" is the time from navigation start to the page's first `afterDrawing` (window.kgReady);
physics is off, so the drawing is still from then on. "pan" and "zoom" are the time of one
whole frame (nodes, edges and the page's own label placement) after moving the view by 40 px
or zooming by 10 %, the median and the worst of 10 from the first view; "whole" is a frame of the fitted
view with every entity on the screen. Targets (issue 20): 5,000 entities drawn <= 2 s and a
frame <= 50 ms, 20,000 entities drawn <= 6 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rdflib import Graph  # noqa: E402

from kg.viz import write_html  # noqa: E402
from kg.viz.sample import article, demo_graph, entity, fact  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
CLASSES = [
    "Person",
    "PartyOrganization",
    "GovernmentBody",
    "Company",
    "School",
    "SocialOrganization",
    "AdministrativeArea",
    "Place",
    "Programme",
    "Event",
    "Product",
]
PREDICATES = [
    "leads",
    "memberOf",
    "subOrganizationOf",
    "locatedIn",
    "implements",
    "founded",
    "cooperatesWith",
    "residesIn",
]


def synthetic(n: int, seed: int = 1) -> Graph:
    """n entities and n/20 articles; about 1.2 relations per entity, attached
    preferentially (a few hubs, a long tail), each with a provenance record; each article
    mentions 8 entities and has one of 20 reporters as author."""
    rng = random.Random(seed)
    g = Graph()
    n_articles = max(1, n // 20)
    ents = [entity(g, f"e{i}", rng.choice(CLASSES), f"实体{i}号", f"别名{i}") for i in range(n)]
    reporters = ents[:20]
    arts = [
        article(
            g,
            f"a{i}",
            f"第{i}篇报道",
            "2024-01-01",
            authors=[rng.choice(reporters)],
            mentions=rng.sample(ents, min(8, len(ents))),
        )
        for i in range(n_articles)
    ]
    targets = list(ents[:5])
    for i, s in enumerate(ents):
        for _ in range(1 if rng.random() < 0.8 else 2):
            o = rng.choice(targets)
            if o != s:
                fact(g, s, rng.choice(PREDICATES), o, rng.choice(arts), f"第{i}句证据。", start=i)
        targets.append(s)
    return g


FRAMES = """() => {
  const net = kgNetwork, c = net.getViewPosition(), s = net.getScale();
  function frame(pos, scale) {
    net.moveTo({position: pos, scale: scale, animation: false});
    const t = performance.now();
    net.redraw();
    return performance.now() - t;
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pan = [], zoom = [];
  frame(c, s);  // warm: the label widths of the first view are measured once
  for (let k = 1; k <= 10; k++) pan.push(frame({x: c.x + 40 * k / s, y: c.y}, s));
  for (let k = 1; k <= 10; k++) zoom.push(frame(c, s * Math.pow(1.1, k)));
  net.fit({animation: false});
  frame(net.getViewPosition(), net.getScale());
  const whole = [frame(net.getViewPosition(), net.getScale()), frame(net.getViewPosition(), net.getScale())];
  return {pan: median(pan), panMax: Math.max(...pan), zoom: median(zoom), zoomMax: Math.max(...zoom),
          whole: Math.max(...whole), labels: window.kgReady.labels.length};
}"""


def browser(headless_page: str) -> dict:
    """Seconds from navigation start until the network is drawn, and frame times in ms."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = b.new_page(viewport={"width": 1400, "height": 900})
        page.goto(Path(headless_page).resolve().as_uri())
        page.wait_for_function("window.kgReady", timeout=120_000)
        out = {"drawn": page.evaluate("window.kgReady.ms") / 1000, **page.evaluate(FRAMES)}
        b.close()
    return out


def screenshot(html: str, png: str, focus: str | None = None) -> None:
    """A picture of the page as a user first sees it (after searching `focus`, if given: the
    view zoomed to that node and its panel open)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = b.new_page(viewport={"width": 1440, "height": 860}, device_scale_factor=1)
        page.goto(Path(html).resolve().as_uri())
        page.wait_for_function("window.kgReady", timeout=120_000)
        if focus:
            page.fill("#search", focus)
            page.press("#search", "Enter")
            page.evaluate("document.activeElement.blur()")
        page.wait_for_timeout(300)
        page.screenshot(path=png)
        b.close()


def run(sizes: list[int], with_browser: bool) -> None:
    print(
        f"{'entities':>8} {'drawn':>6} {'edges':>7} {'write s':>8} {'page MiB':>8} {'drawn s':>8} "
        f"{'pan ms':>7} {'max':>6} {'zoom ms':>7} {'max':>6} {'whole ms':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            g = synthetic(n)
            t1 = time.perf_counter()
            html = f"{tmp}/g{n}.html"
            stats = write_html(g, html, max_nodes=n, title=f"synthetic {n}")
            t2 = time.perf_counter()
            b = browser(html) if with_browser else {}
            cells = [
                f"{b[k]:>{w}.{d}f}" if k in b else f"{'-':>{w}}"
                for k, w, d in (
                    ("drawn", 8, 2),
                    ("pan", 7, 1),
                    ("panMax", 6, 1),
                    ("zoom", 7, 1),
                    ("zoomMax", 6, 1),
                    ("whole", 8, 1),
                )
            ]
            print(
                f"{n:>8} {stats['nodes']:>6} {stats['edges']:>7} {t2 - t1:>8.2f} "
                f"{stats['bytes'] / 2**20:>8.2f} {' '.join(cells)}",
                flush=True,
            )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--screenshot", nargs=2, metavar=("HTML", "PNG"))
    ap.add_argument("--focus", help="with --screenshot/--demo: search this name first")
    ap.add_argument("--demo", metavar="PNG", help="write the invented sample's page and its picture")
    args = ap.parse_args(argv)
    if args.screenshot:
        screenshot(*args.screenshot, focus=args.focus)
    elif args.demo:
        html = str(Path(args.demo).with_suffix(".html"))
        write_html(demo_graph(), html, title="青禾区社区新闻（虚构示例）")
        screenshot(html, args.demo, focus=args.focus)
        Path(html).unlink()
    else:
        run([int(s) for s in args.sizes.split(",")], not args.no_browser)
    return 0


if __name__ == "__main__":
    sys.exit(main())
