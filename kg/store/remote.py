"""The "remote" back end: a SPARQL 1.1 server (Oxigraph server, Fuseki).

Every write is one SPARQL Update request, so one transaction on the server: an article's
graph, its metadata and the union that queries see (the server's default graph, each triple
once, kept as the local Oxigraph back end keeps it; see kg.store.base) change together.
Queries run on the server's plain default graph: start Oxigraph without
`--union-default-graph` and give Fuseki a dataset without a union default graph. Defaults fit
Oxigraph (`/query`, `/update`, `/store` for dumps); for Fuseki open `http://HOST:3030/DATASET`
with gsp_path="data". The location may also be the query endpoint itself (`…/query`,
`…/sparql`, what `kg serve` prints). An update body holds a batch of articles' triples twice (graph and union),
cut into several requests when it would pass `max_body` (Oxigraph accepts up to 1 MB).
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterator

import pyoxigraph as ox
from rdflib.namespace import DCTERMS

from .base import (
    META,
    PREFIXES,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    Store,
    StoreError,
    backend,
    batch_update,
    check_article_id,
    remove_update,
)
from .terms import HASH, QueryResult, canonical, meta_ntriples, parse_ntriples, syntax_message

SPARQL_JSON = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
MAX_BODY = 900_000  # bytes of an update request: under Oxigraph's 1 MB, with room to spare


@backend("remote")
class RemoteStore(Store):
    name = "remote"

    def __init__(
        self,
        location: str,
        read_only: bool = False,
        *,
        query_path="query",
        update_path="update",
        gsp_path="store",
        max_body=MAX_BODY,
    ):
        self.path, self.query_url = _endpoint(location.rstrip("/"), query_path)
        self.max_body = max_body
        self.read_only = read_only
        self.update_url = f"{self.path}/{update_path}"
        self.gsp_url = f"{self.path}/{gsp_path}"

    # --- HTTP ---------------------------------------------------------------------------
    def _request(self, url, data=None, headers=None, method=None, timeout=30.0):
        req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
        try:
            return urllib.request.urlopen(req, timeout=timeout)
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace").strip()
            line = body.splitlines()[0] if body else exc.reason
            if exc.code == 400 and url == self.query_url:
                raise QueryError(syntax_message(line)) from None
            raise StoreError(f"{self.path}: HTTP {exc.code}: {line}") from None
        except (socket.timeout, TimeoutError):
            raise QueryTimeout(f"no answer from {self.path} after {timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (socket.timeout, TimeoutError)):
                raise QueryTimeout(f"no answer from {self.path} after {timeout:g} s") from None
            raise StoreError(f"cannot reach {self.path}: {exc.reason}") from None

    def _update(self, update: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        data = update.encode("utf-8")
        self._request(self.update_url, data, {"Content-Type": "application/sparql-update"}).close()

    # --- queries ------------------------------------------------------------------------
    def query(self, sparql, timeout=30.0, max_rows=None):
        declared = sparql.lower()
        # on the first line, so that error positions past line 1 stay right
        head = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if f"prefix {p}:" not in declared)
        data = urllib.parse.urlencode({"query": f"{head} {sparql}"}).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": f"{SPARQL_JSON}, {NTRIPLES};q=0.9",
        }
        try:
            with self._request(self.query_url, data, headers, timeout=timeout or None) as resp:
                kind = resp.headers.get_content_type()
                body = resp.read()
        except QueryError as exc:
            raise QueryError(_shift_column(str(exc), len(head) + 1)) from None
        if kind == NTRIPLES:
            return QueryResult("graph", triples=parse_ntriples(body))
        return _json_result(json.loads(body), max_rows)

    def _values(self, sparql: str) -> list[str]:
        return [row[0] for row in self.query(sparql).rows]

    # --- articles -----------------------------------------------------------------------
    def article_hash(self, article_id):
        g = check_article_id(article_id)
        values = self._values(f"SELECT ?h {{ GRAPH <{META}> {{ <{g}> <{HASH}> ?h }} }}")
        return values[0] if values else None

    def _write_articles(self, items):
        """One update request per batch, cut into several when it would pass `max_body`
        bytes (each request is whole articles, and one transaction on the server)."""
        articles = [
            (check_article_id(aid), canonical(data), meta_ntriples(aid, source, h), replace)
            for (aid, data, source, h), replace in items
        ]
        for chunk in _by_size(articles, self.max_body):
            self._update(batch_update(chunk))

    def remove_article(self, article_id):
        g = check_article_id(article_id)
        found = self.query(
            f"ASK {{ {{ GRAPH <{META}> {{ <{g}> ?p ?o }} }} UNION {{ GRAPH <{g}> {{ ?s ?p ?o }} }} }}"
        )
        if not found:
            return False
        self._update(" ;\n".join(remove_update(g)))
        return True

    def articles(self):
        return sorted(self._values(f"SELECT ?id {{ GRAPH <{META}> {{ ?g <{DCTERMS.identifier}> ?id }} }}"))

    def __len__(self):
        return int(self._values("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")[0])

    def dump_nquads(self, dest):
        """The server's dump streamed through without its default graph (the union)."""
        with self._request(self.gsp_url, headers={"Accept": "application/n-quads"}, timeout=None) as resp:
            quads = ox.parse(resp, ox.RdfFormat.N_QUADS)
            ox.serialize(
                (q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)),
                dest,
                ox.RdfFormat.N_QUADS,
            )


def _endpoint(location: str, query_path: str) -> tuple[str, str]:
    """(the server's base URL, its query URL) from a base URL or a query endpoint's URL."""
    base, _, last = location.rpartition("/")
    if last in (query_path, "sparql") and "://" in base:
        return base, location
    return location, f"{location}/{query_path}"


def _by_size(articles: list[tuple], limit: int) -> Iterator[list[tuple]]:
    """Runs of articles whose update text (about twice their data and metadata) stays under
    `limit` bytes; an article larger than that goes alone."""
    chunk: list[tuple] = []
    size = 0
    for article in articles:
        grows = 2 * (len(article[1].encode()) + len(article[2].encode())) + 1000
        if chunk and size + grows > limit:
            yield chunk
            chunk, size = [], 0
        chunk.append(article)
        size += grows
    if chunk:
        yield chunk


def _shift_column(message: str, offset: int) -> str:
    """Positions on line 1 as the user wrote the query, without the prefixes put before it."""
    match = re.match(r"line 1, column (\d+)", message)
    if not match or int(match[1]) <= offset:
        return message
    return f"line 1, column {int(match[1]) - offset}{message[match.end() :]}"


def _json_result(doc: dict, max_rows) -> QueryResult:
    if "boolean" in doc:
        return QueryResult("ask", boolean=bool(doc["boolean"]))
    names = doc["head"]["vars"]
    bindings = doc["results"]["bindings"]
    if max_rows is not None and len(bindings) > max_rows:
        raise ResultTooLarge(f"more than {max_rows} rows; add a LIMIT to the query")
    return QueryResult(
        "select", vars=names, bindings=[tuple(b.get(name) for name in names) for b in bindings]
    )
