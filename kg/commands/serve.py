"""`kg serve`: a read-only SPARQL 1.1 endpoint over a build's store (stdlib http.server).

GET /query?query=... or POST /query (form `query=` or an application/sparql-query body);
results as SPARQL JSON (default), XML, CSV or TSV by the Accept header or `?format=`.
Updates are refused, every query has a deadline and a row limit.
"""
from __future__ import annotations

import argparse
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..store import QueryError, QueryTimeout, ResultTooLarge, StoreError, locate, open_store
from ..store.results import MEDIA_TYPES, render

EXAMPLE = """example:
  kg serve out/ --port 7878
  curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query' \\
       --data-urlencode 'query=SELECT ?l { ?e rdfs:label ?l } LIMIT 5'
Serve a store that no build is writing at the same time."""

BY_MEDIA_TYPE = {v: k for k, v in MEDIA_TYPES.items()} | {"application/json": "json", "text/xml": "xml",
                                                          "application/xml": "xml"}


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve a built graph as a read-only SPARQL endpoint",
                       description="A read-only SPARQL 1.1 endpoint at http://HOST:PORT/query.",
                       epilog=EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", metavar="OUT", help="build output folder or store folder")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per query (default 30)")
    p.add_argument("--max-rows", type=int, default=100_000, help="refuse larger results (default 100000)")
    p.set_defaults(run=run)


def choose_format(accept: str, asked: str | None) -> str:
    if asked in MEDIA_TYPES:
        return asked
    ranked = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = next((float(x[2:]) for x in params if x.startswith("q=") and _number(x[2:])), 1.0)
        ranked.append((-q, n, media))
    for _, _, media in sorted(ranked):
        if media in BY_MEDIA_TYPE:
            return BY_MEDIA_TYPE[media]
    return "json"


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


class Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"
    store = None
    timeout = 30.0
    max_rows = 100_000

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path == "/":
            return self._send(200, "text/plain", "kg read-only SPARQL endpoint: GET or POST /query\n")
        if url.path != "/query":
            return self._send(404, "text/plain", "not found; the endpoint is /query\n")
        if "query" not in params:
            return self._send(400, "text/plain", "missing query parameter\n")
        self._answer(params["query"][0], params.get("format", [None])[0])

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        kind = self.headers.get_content_type()
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        if url.path == "/update" or kind == "application/sparql-update":
            return self._send(403, "text/plain", "this endpoint is read-only\n")
        if url.path != "/query":
            return self._send(404, "text/plain", "not found; the endpoint is /query\n")
        if kind == "application/sparql-query":
            return self._answer(body, params.get("format", [None])[0])
        form = urllib.parse.parse_qs(body)
        if "update" in form:
            return self._send(403, "text/plain", "this endpoint is read-only\n")
        if "query" not in form:
            return self._send(400, "text/plain", "missing query parameter\n")
        self._answer(form["query"][0], form.get("format", params.get("format", [None]))[0])

    def do_PUT(self):
        self._send(403, "text/plain", "this endpoint is read-only\n")

    do_DELETE = do_PATCH = do_PUT

    def _answer(self, sparql: str, asked: str | None) -> None:
        try:
            result = self.store.query(sparql, timeout=self.timeout, max_rows=self.max_rows)
        except QueryError as exc:
            return self._send(400, "text/plain", f"{exc}\n")
        except ResultTooLarge as exc:
            return self._send(413, "text/plain", f"{exc}\n")
        except QueryTimeout as exc:
            return self._send(503, "text/plain", f"{exc}\n")
        except StoreError as exc:
            return self._send(500, "text/plain", f"{exc}\n")
        if result.kind == "graph":
            return self._send(200, "application/n-triples", render(result, "json"))
        fmt = choose_format(self.headers.get("Accept", ""), asked)
        self._send(200, MEDIA_TYPES[fmt], render(result, fmt))

    def _send(self, status: int, media: str, text: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        sys.stderr.write(f"kg serve: {self.address_string()} {fmt % args}\n")


def make_server(store, host="127.0.0.1", port=7878, timeout=30.0, max_rows=100_000) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"store": store, "timeout": timeout, "max_rows": max_rows})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def run(args) -> int:
    try:
        store = open_store(locate(args.out), read_only=True)
        server = make_server(store, args.host, args.port, args.timeout, args.max_rows)
    except (StoreError, OSError) as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    print(f"SPARQL endpoint at http://{host}:{port}/query (read-only; Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
    return 0
