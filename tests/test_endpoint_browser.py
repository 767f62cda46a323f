"""A browser page on another origin queries `kg serve` the way YASGUI does (a form POST for
SELECT, an application/sparql-query POST that needs a CORS preflight, a GET for CONSTRUCT
with YASGUI's Accept headers), in headless Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading

import pytest
from test_browser import browser  # noqa: F401  (the fixture)
from test_serve import build_store, serving

pytestmark = pytest.mark.browser

SELECT_ACCEPT = "application/sparql-results+json,*/*;q=0.9"  # YASGUI's defaults
GRAPH_ACCEPT = "text/turtle,*/*;q=0.9"

YASGUI_LIKE = """async ({endpoint, selectAccept, graphAccept}) => {
  const form = new URLSearchParams({query: 'ASK { ?a <https://w3id.org/kg-news/ns#leads> ?b }'});
  const ask = await fetch(endpoint, {method: 'POST', body: form,
      headers: {'Accept': selectAccept, 'Content-Type': 'application/x-www-form-urlencoded'}});
  const direct = await fetch(endpoint, {method: 'POST', body: 'SELECT ?l { ?e ?p ?l } LIMIT 3',
      headers: {'Accept': selectAccept, 'Content-Type': 'application/sparql-query'}});
  const q = encodeURIComponent('CONSTRUCT WHERE { ?a <https://w3id.org/kg-news/ns#leads> ?b }');
  const graph = await fetch(endpoint + '?query=' + q, {headers: {'Accept': graphAccept}});
  return {ask: (await ask.json()).boolean,
          rows: (await direct.json()).results.bindings.length,
          graphType: graph.headers.get('Content-Type'), turtle: await graph.text()};
}"""


@contextlib.contextmanager
def other_origin(folder):
    """A static page on another port of 127.0.0.1: another origin for the browser."""
    (folder / "index.html").write_text("<!doctype html><title>client</title>", encoding="utf-8")
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None})
    handler = functools.partial(quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("browser") / "store")
    build_store(path)
    return path


def run_client(browser, page_url, endpoint):
    page = browser.new_page()
    try:
        page.goto(page_url, timeout=60_000)
        return page.evaluate(
            YASGUI_LIKE, {"endpoint": endpoint, "selectAccept": SELECT_ACCEPT, "graphAccept": GRAPH_ACCEPT}
        )
    finally:
        page.close()


def test_a_cross_origin_page_queries_the_endpoint(browser, store_path, tmp_path):
    with serving(store_path, timeout=10) as url, other_origin(tmp_path) as page_url:
        assert page_url.split("/")[2] != url.split("/")[2]
        got = run_client(browser, page_url, f"{url}/query")
    assert got["ask"] is True and got["rows"] == 3
    assert got["graphType"].startswith("text/turtle") and "leads" in got["turtle"]


def test_without_cors_the_browser_blocks_it(browser, store_path, tmp_path):
    with serving(store_path, allow_origin="") as url, other_origin(tmp_path) as page_url:
        with pytest.raises(Exception, match="Failed to fetch"):
            run_client(browser, page_url, f"{url}/query")
