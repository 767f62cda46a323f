"""`kg serve`: a read-only SPARQL 1.1 endpoint over a build's store (stdlib http.server).

SPARQL 1.1 Protocol at /query: GET ?query=, POST as a form or an application/sparql-query
body; SELECT and ASK answered as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE as
Turtle, N-Triples, RDF/XML or JSON-LD, by the Accept header or `format=`; GET /query with no
query gives the SPARQL 1.1 Service Description. HTTP/1.1 with keep-alive, CORS for browser
clients (YASGUI). Updates and SERVICE are refused; queries run concurrently in a pool of
reader processes, each with a deadline; sockets time out and requests have size limits, and
every malformed request gets a 4xx answer with one line saying why.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import queue
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from ..rdf.sparql import RefusedQuery, check_size, explain, refuse_outbound
from ..store import QueryError, QueryTimeout, ResultTooLarge, StoreError, locate, open_store
from ..store.base import PREFIXES, QueryResult
from ..store.results import GRAPH_MEDIA_TYPES, MEDIA_TYPES, render, visible
from . import add_backend_option

EXAMPLE = """example:
  kg serve out/ --port 7878
  curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/query' \\
       --data-urlencode 'query=SELECT ?l { ?e rdfs:label ?l } LIMIT 5'
Serve a store that no build is writing at the same time. Browser clients (YASGUI) may call
it from any origin when it listens on loopback; elsewhere name them with --allow-origin."""

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
MAX_BODY = 1 << 20  # bytes of a POST body
SOCKET_TIMEOUT = 10.0  # seconds a read or write may stall (and an idle keep-alive lasts)
MAX_CONNECTIONS = 256

# format name -> the media types that ask for it (the first is the one sent)
RESULT_TYPES = {
    "json": (MEDIA_TYPES["json"], "application/json", "text/javascript", "application/javascript"),
    "xml": (MEDIA_TYPES["xml"], "application/xml", "text/xml"),
    "csv": (MEDIA_TYPES["csv"],),
    "tsv": (MEDIA_TYPES["tsv"],),
}
GRAPH_TYPES = {
    "turtle": (
        GRAPH_MEDIA_TYPES["turtle"],
        "application/turtle",
        "application/x-turtle",
        "text/n3",
        "text/rdf+n3",
        "application/n3",
    ),
    "nt": (GRAPH_MEDIA_TYPES["nt"], "text/plain"),
    "rdfxml": (GRAPH_MEDIA_TYPES["rdfxml"], "application/xml", "text/xml"),
    "jsonld": (GRAPH_MEDIA_TYPES["jsonld"], "application/x-json+ld", "application/json"),
}
# `format=` / `output=` values (SPARQLWrapper sends its return format under both)
FORMAT_NAMES = {
    "results": {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {
        "turtle": "turtle",
        "ttl": "turtle",
        "n3": "turtle",
        "nt": "nt",
        "ntriples": "nt",
        "n-triples": "nt",
        "xml": "rdfxml",
        "rdf": "rdfxml",
        "rdf+xml": "rdfxml",
        "rdfxml": "rdfxml",
        "json": "jsonld",
        "json-ld": "jsonld",
        "jsonld": "jsonld",
    },
}
TOKEN_LIST = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$")
HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve a built graph as a read-only SPARQL endpoint",
        description="A read-only SPARQL 1.1 endpoint at http://HOST:PORT/query.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT", help="build output folder or store folder")
    p.add_argument("--port", type=int, default=7878)
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per query (default 30)")
    p.add_argument("--max-rows", type=int, default=100_000, help="refuse larger results (default 100000)")
    p.add_argument(
        "--allow-origin",
        metavar="ORIGIN",
        default=None,
        help="the Access-Control-Allow-Origin answer for browser clients "
        "(default '*' on a loopback address, none elsewhere; '' for none)",
    )
    add_backend_option(p)
    p.set_defaults(run=run)


# --- content negotiation -------------------------------------------------------------------
def choose_format(accept: str, asked=None, kind: str = "results") -> str:
    """The format for a result of `kind` ("results" or "graph"): a known `format=` value
    first (a name or a media type), then the Accept header by quality, else the default."""
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    for value in [asked] if isinstance(asked, str) else asked or []:
        value = value.strip().lower()
        fmt = FORMAT_NAMES[kind].get(value) or _by_media_type(table, value)
        if fmt:
            return fmt
    for media in _ranked(accept):
        fmt = _by_media_type(table, media)
        if fmt:
            return fmt
    return next(iter(table))


def _ranked(accept: str) -> list[str]:
    ranked = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [x.strip().lower() for x in part.split(";")]
        q = next((_number(x[2:]) for x in params if x.startswith("q=")), 1.0)
        if media and q > 0:
            ranked.append((-q, n, media))
    return [media for _, _, media in sorted(ranked)]


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _by_media_type(table: dict, media: str) -> str | None:
    for fmt, types in table.items():
        if media in types:
            return fmt
    if media == "*/*":
        return next(iter(table))
    if media.endswith("/*"):
        return next((fmt for fmt, types in table.items() if types[0].startswith(media[:-1])), None)
    return None


# --- evaluation ----------------------------------------------------------------------------
class Readers:
    """Child processes that each answer one query at a time on a read-only store: a slow
    query holds one reader, not the endpoint, and one past its deadline has its reader killed
    (pyoxigraph cannot cancel a query in flight)."""

    def __init__(self, path: str, size: int):
        from ..store.oxigraph import QueryProcess

        self.size = size
        self._free: queue.LifoQueue = queue.LifoQueue()  # the warmest reader first
        for _ in range(size):
            self._free.put(QueryProcess(path))

    def query(self, sparql: str, timeout: float = 30.0, max_rows: int | None = None) -> QueryResult:
        from ..store.terms import result_from_reply

        start = time.monotonic()
        try:
            reader = self._free.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout(f"all {self.size} query readers stayed busy for {timeout:g} s") from None
        try:
            reply = reader.run(sparql, max_rows, max(0.05, timeout - (time.monotonic() - start)))
        finally:
            self._free.put(reader)
        return result_from_reply(reply, max_rows)

    def close(self) -> None:
        while not self._free.empty():
            self._free.get().stop()


def evaluator(store):
    """What runs the queries: a pool of readers for an Oxigraph store on disk, else the store."""
    from ..store.oxigraph import OxigraphStore

    if isinstance(store, OxigraphStore) and store.read_only and store.path:
        return Readers(store.path, max(2, min(4, os.cpu_count() or 1)))
    return store


# --- HTTP ----------------------------------------------------------------------------------
class HttpError(Exception):
    def __init__(self, status: int, message: str, close: bool = False):
        super().__init__(message)
        self.status, self.close = status, close


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.1"  # so that a garbled request line gets a status line too
    server_version = "kg-serve"
    timeout = SOCKET_TIMEOUT  # StreamRequestHandler: the socket's timeout
    # set by make_server
    engine: Any = None  # a store's query evaluator (see evaluator())
    query_timeout = 30.0
    max_rows = 100_000
    allow_origin: str | None = "*"
    max_body = MAX_BODY

    # --- methods ---
    def do_GET(self):
        self._respond(self._get)

    def do_POST(self):
        self._respond(self._post)

    def do_OPTIONS(self):
        self._respond(self._options)

    def do_PUT(self):
        self._respond(self._read_only)

    do_DELETE = do_PATCH = do_PUT

    def _respond(self, action) -> None:
        try:
            action()
        except HttpError as exc:
            self._send(exc.status, "text/plain", f"{exc}\n", close=exc.close)
        except (ConnectionError, TimeoutError):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug answers 500 in one line, not a dropped connection
            self._send(500, "text/plain", f"{type(exc).__name__}: {exc}\n", close=True)

    def _get(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/":
            return self._send(200, "text/plain", "kg read-only SPARQL endpoint: GET or POST /query\n")
        self._check_path(url.path)
        params = form_fields(url.query)
        if "update" in params:
            self._read_only()
        if "query" not in params:
            return self._service_description()
        self._answer(one(params, "query"), params)

    def _post(self):
        url = urllib.parse.urlsplit(self.path)
        kind = self.headers.get_content_type()
        body = self._body()
        if url.path == "/update" or kind == "application/sparql-update":
            self._read_only()
        self._check_path(url.path)
        params = form_fields(url.query)
        if kind == "application/sparql-query":
            return self._answer(utf8(body), params)
        if kind != "application/x-www-form-urlencoded":
            raise HttpError(
                415,
                f"POST a query as application/x-www-form-urlencoded or application/sparql-query, not {kind}",
            )
        form = form_fields(utf8(body))
        if "update" in form:
            self._read_only()
        if "query" not in form:
            raise HttpError(400, "missing query parameter")
        self._answer(one(form, "query"), {**params, **form})

    def _options(self):
        self._check_path(urllib.parse.urlsplit(self.path).path)
        asked = self.headers.get("Access-Control-Request-Headers", "")
        headers = {
            "Allow": "GET, POST, OPTIONS",
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": asked if TOKEN_LIST.match(asked) else "Accept, Content-Type",
            "Access-Control-Max-Age": "600",
        }
        if self.allow_origin and self.headers.get("Access-Control-Request-Private-Network") == "true":
            headers["Access-Control-Allow-Private-Network"] = "true"  # Chrome: a page on the web asks
        self._send(204, None, b"", headers=headers)

    def _read_only(self):
        raise HttpError(403, "this endpoint is read-only")

    @staticmethod
    def _check_path(path: str) -> None:
        if path != "/query":
            raise HttpError(404, "not found; the endpoint is /query")

    def _body(self) -> bytes:
        """The whole body, within `max_body` bytes and SOCKET_TIMEOUT seconds in all."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise HttpError(
                411, "send the body with a Content-Length (chunked bodies are not read)", close=True
            )
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise HttpError(411, "a POST needs a Content-Length", close=True)
        if not raw.strip().isdigit():
            raise HttpError(400, f"Content-Length is not a number: {raw[:40]!r}", close=True)
        size = int(raw)
        if size > self.max_body:
            raise HttpError(413, f"the body has {size} bytes; at most {self.max_body} are read", close=True)
        deadline, data = time.monotonic() + self.timeout, bytearray()
        try:
            while len(data) < size:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = self.rfile.read1(size - len(data))
                if not chunk:
                    break
                data += chunk
        except (TimeoutError, OSError):
            pass
        if len(data) < size:
            raise HttpError(
                408,
                f"the body ended after {len(data)} of its {size} bytes "
                f"(Content-Length) within {self.timeout:g} s",
                close=True,
            )
        return bytes(data)

    # --- queries ---
    def _answer(self, sparql: str, params: dict) -> None:
        for name in ("default-graph-uri", "named-graph-uri"):
            if any(params.get(name, [])):
                raise HttpError(
                    400, f"{name} is not supported (name the graphs with FROM or GRAPH in the query)"
                )
        try:
            check_size(sparql)
            refuse_outbound(sparql)
            result = self.engine.query(sparql, timeout=self.query_timeout, max_rows=self.max_rows)
        except RefusedQuery as exc:
            raise HttpError(400, str(exc)) from None
        except QueryError as exc:
            raise HttpError(400, explain(str(exc), sparql, PREFIXES)) from None
        except ResultTooLarge as exc:
            raise HttpError(413, str(exc)) from None
        except QueryTimeout as exc:
            raise HttpError(503, str(exc)) from None
        except StoreError as exc:
            raise HttpError(500, str(exc)) from None
        asked = params.get("format", []) + params.get("output", [])
        if result.kind == "graph":
            fmt = choose_format(self.headers.get("Accept", ""), asked, "graph")
            return self._send(200, GRAPH_TYPES[fmt][0], render(result, fmt))
        fmt = choose_format(self.headers.get("Accept", ""), asked)
        self._send(200, RESULT_TYPES[fmt][0], render(result, fmt))

    def _service_description(self) -> None:
        fmt = choose_format(self.headers.get("Accept", ""), None, "graph")
        graph = service_description(self._endpoint_url())
        text = graph.serialize(
            format={"turtle": "turtle", "nt": "nt", "rdfxml": "xml", "jsonld": "json-ld"}[fmt]
        )
        self._send(200, GRAPH_TYPES[fmt][0], text)

    def _endpoint_url(self) -> str:
        host = self.headers.get("Host", "")
        if not HOST.match(host):
            address, port = bound_address(self.server)
            host = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
        return f"http://{host}/query"

    # --- output ---
    def _send(self, status: int, media: str | None, body, close: bool = False, headers=None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if media:
            self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if self.allow_origin:
            self.send_header("Access-Control-Allow-Origin", self.allow_origin)
        self.send_header("Vary", "Accept" if self.allow_origin in (None, "*") else "Accept, Origin")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away or stalled: nothing to answer

    def log_message(self, fmt, *args):
        sys.stderr.write(f"kg serve: {self.address_string()} {visible(fmt % args)[:300]}\n")


def form_fields(text: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=100)
    except UnicodeDecodeError:
        raise HttpError(400, "the parameters are not percent-encoded UTF-8") from None
    except ValueError as exc:
        raise HttpError(400, f"bad parameters: {exc}") from None


def one(params: dict, name: str) -> str:
    if len(params[name]) != 1:
        raise HttpError(400, f"give one {name} parameter, not {len(params[name])}")
    return params[name][0]


def utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the body is not UTF-8") from None


def service_description(endpoint: str) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at `endpoint`."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service, dataset, default = BNode("service"), BNode("dataset"), BNode("default")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
    ):
        g.add((service, SD.resultFormat, FORMATS[name]))
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    return g


class Server(ThreadingHTTPServer):
    """A thread per connection, at most `max_connections` at once (the next get a 503)."""

    daemon_threads = True
    request_queue_size = 128  # the listen backlog: a burst of clients waits, not refused
    BUSY = (
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: 28\r\nConnection: close\r\n\r\ntoo many connections; retry\n"
    )

    def __init__(self, address, handler, max_connections: int = MAX_CONNECTIONS):
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_connections)
        self.engine = handler.engine

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(self.BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        sys.stderr.write(f"kg serve: {client_address[0]}: {type(exc).__name__}: {exc}\n")

    def server_close(self):
        super().server_close()
        if isinstance(self.engine, Readers):
            self.engine.close()


def bound_address(server) -> tuple[str, int]:
    """The (host, port) an IPv4 or IPv6 server listens on."""
    address = server.server_address
    return str(address[0]), int(address[1])


def default_origin(host: str) -> str | None:
    try:
        return "*" if ipaddress.ip_address(host).is_loopback else None
    except ValueError:
        return "*" if host == "localhost" else None


def make_server(
    store,
    host="127.0.0.1",
    port=7878,
    timeout=30.0,
    max_rows=100_000,
    allow_origin: str | None = None,
    socket_timeout: float = SOCKET_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
) -> Server:
    """A server for `store` (opened read-only). `allow_origin` None: '*' on loopback."""
    origin = default_origin(host) if allow_origin is None else (allow_origin or None)
    handler = type(
        "BoundHandler",
        (Handler,),
        {
            "engine": evaluator(store),
            "query_timeout": timeout,
            "max_rows": max_rows,
            "allow_origin": origin,
            "timeout": socket_timeout,
        },
    )
    return Server((host, port), handler, max_connections)


def run(args) -> int:
    try:
        store = open_store(locate(args.out), backend=args.backend, read_only=True)
        server = make_server(store, args.host, args.port, args.timeout, args.max_rows, args.allow_origin)
    except (StoreError, OSError) as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 1
    host, port = bound_address(server)
    print(f"SPARQL endpoint at http://{host}:{port}/query (read-only; Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
    return 0
