"""Conversions between rdflib terms, pyoxigraph terms and SPARQL-JSON term dicts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from ..errors import QueryError, QueryTimeout, ResultTooLarge, StoreError
from ..rdf.namespaces import KG, graph_iri

HASH = KG.contentHash


_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")


def syntax_message(text: str) -> str:
    """Oxigraph's 'error at 1:26: expected ...' as 'line 1, column 26: expected ...'."""
    text = " ".join(str(text).split())
    return _POSITION.sub(lambda m: f"line {m[1]}, column {m[2]}: ", text)


@dataclass
class QueryResult:
    """`kind` is "select", "ask" or "graph". SELECT cells are SPARQL-JSON term dicts
    ({"type": "uri"|"literal"|"bnode", "value": ..., "xml:lang"|"datatype": ...}) or None."""

    kind: str
    vars: list[str] = field(default_factory=list)
    bindings: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list = field(default_factory=list)  # rdflib (s, p, o) for CONSTRUCT/DESCRIBE

    @property
    def rows(self) -> list[tuple]:
        return [tuple(None if t is None else t["value"] for t in row) for row in self.bindings]

    def __bool__(self) -> bool:
        if self.kind == "ask":
            return bool(self.boolean)
        return bool(self.bindings or self.triples)

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.bindings)

    def __iter__(self) -> Iterator:
        return iter(self.triples if self.kind == "graph" else self.rows)


def now() -> Literal:
    stamp = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return Literal(stamp, datatype=XSD.dateTime)


def meta_triples(article_id: str, source: str, content_hash: str) -> list[tuple]:
    """What the metadata graph says about one article graph."""
    g = URIRef(graph_iri(article_id))
    return [
        (g, DCTERMS.identifier, Literal(article_id)),
        (g, DCTERMS.source, Literal(source)),
        (g, HASH, Literal(content_hash)),
        (g, PROV.generatedAtTime, now()),
    ]


def to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_term_dict(term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def triple_line(s, p, o) -> str:
    """One triple in N-Triples/SPARQL syntax (pyoxigraph escapes the untrusted parts).
    An invalid IRI or a non-term raises StoreError."""
    try:
        return f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ."
    except (TypeError, ValueError) as exc:
        raise StoreError(f"cannot write the triple ({s!r}, {p!r}, {o!r}): {exc}") from None


def ntriples(triples, cache: dict | None = None) -> str:
    """N-Triples text of rdflib triples, a line each. `cache` (term -> text), kept across the
    articles of a batch, spares converting again the IRIs and labels they share."""
    cache = {} if cache is None else cache

    def text(term) -> str:
        found = cache.get(term)
        if found is None:
            found = cache[term] = str(to_ox(term))
        return found

    lines = []
    for s, p, o in triples:
        try:
            lines.append(f"{text(s)} {text(p)} {text(o)} .\n")
        except (TypeError, ValueError) as exc:
            raise StoreError(f"cannot write the triple ({s!r}, {p!r}, {o!r}): {exc}") from None
    return "".join(lines)


def canonical(data: str) -> str:
    """N-Triples text parsed and written again: one triple a line, each line ending " .",
    nothing else (so it can be spliced into SPARQL or turned into N-Quads line by line).
    StoreError when it is not N-Triples."""
    try:
        return (
            ox.serialize(ox.parse(data, ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES) or b""
        ).decode("utf-8")
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"not N-Triples: {exc}") from None


# a full stop, then what can only start another triple or a comment: a line holding more
# than one (or a comment ending " .") would put its second half in the wrong graph
_MORE_AFTER_A_STOP = re.compile(r'\.[ \t]*(?:<|_:|"|#)')


def one_triple_a_line(data: str) -> str:
    """`data` as is when each line plainly holds one triple and ends " ." (what `ntriples`
    writes), else `canonical(data)`: either way `in_graph` can take it line by line, and the
    store's parser still checks the syntax. Spares re-parsing what kg's workers wrote."""
    if not data or (
        data.endswith(" .\n")
        and data.count("\n") == data.count(" .\n")
        and not _MORE_AFTER_A_STOP.search(data)
    ):
        return data
    return canonical(data)


def in_graph(data: str, graph: str) -> str:
    """Canonical N-Triples text as N-Quads in `graph` (a newline ends each triple: literals
    escape theirs)."""
    return data.replace(" .\n", f" <{graph}> .\n")


def meta_ntriples(article_id: str, source: str, content_hash: str) -> str:
    return ntriples(meta_triples(article_id, source, content_hash))


def result_from_reply(reply, max_rows: int | None) -> QueryResult:
    """Turn a worker reply (see kg.store.worker) into a QueryResult or raise."""
    kind = reply[0]
    if kind == "error":
        if reply[1] == "syntax":
            raise QueryError(syntax_message(reply[2]))
        raise StoreError(reply[2])
    if kind == "ask":
        return QueryResult("ask", boolean=reply[1])
    if kind == "graph":
        return QueryResult("graph", triples=parse_ntriples(reply[1]))
    _, names, rows, too_many = reply
    if too_many:
        raise ResultTooLarge(f"more than {max_rows} rows; add a LIMIT to the query")
    return QueryResult("select", vars=names, bindings=rows)


def parse_ntriples(data: bytes) -> list[tuple]:
    return [
        (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


__all__ = [
    "to_ox",
    "from_ox",
    "rdflib_term_dict",
    "triple_line",
    "ntriples",
    "canonical",
    "one_triple_a_line",
    "in_graph",
    "meta_ntriples",
    "result_from_reply",
    "parse_ntriples",
    "QueryTimeout",
]
