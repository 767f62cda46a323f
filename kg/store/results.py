"""Query results as text: an aligned table for people, the SPARQL 1.1 result formats (JSON,
XML, CSV, TSV) for SELECT and ASK, and Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and
DESCRIBE. Shared by `kg query` and `kg serve`."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from xml.sax.saxutils import quoteattr

from rdflib import Graph

from ..rdf.namespaces import ID
from .base import PREFIXES, QueryResult

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
# a result format asked for a graph: the graph format of the same family
AS_GRAPH = {"json": "jsonld", "xml": "rdfxml", "csv": "nt", "tsv": "nt", "table": "nt"}
RDFLIB_NAMES = {"turtle": "turtle", "nt": "nt", "rdfxml": "xml", "jsonld": "json-ld"}
SHORT = sorted({**PREFIXES, "id": ID}.items(), key=lambda kv: -len(kv[1]))


# --- the table -----------------------------------------------------------------------------
def visible(text: str) -> str:
    """Control and format characters (newlines, U+200F, ...) shown as escapes, so a cell
    stays on one line and cannot reorder or hide the text around it."""
    return "".join(
        ch.encode("unicode_escape").decode() if unicodedata.category(ch) in ("Cc", "Cf") else ch
        for ch in text
    )


def width(text: str) -> int:
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
        for ch in text
    )


def pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def short(term: dict | None) -> str:
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        for prefix, ns in SHORT:
            if value.startswith(ns) and len(value) > len(ns):
                return f"{prefix}:{value[len(ns) :]}"
        return f"<{value}>"
    if term["type"] == "bnode":
        return f"_:{value}"
    return visible(value)


def table(result: QueryResult, limit: int | None = 50) -> str:
    """SELECT rows as an aligned table; at most `limit` rows, then how many were left out."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return ntriples(result)
    shown = result.bindings if limit is None else result.bindings[:limit]
    cells = [[short(t) for t in row] for row in shown]
    sizes = [max([width(v)] + [width(row[i]) for row in cells]) for i, v in enumerate(result.vars)]
    lines = [
        "  ".join(pad(v, s) for v, s in zip(result.vars, sizes)).rstrip(),
        "  ".join("-" * s for s in sizes),
    ]
    lines += ["  ".join(pad(c, s) for c, s in zip(row, sizes)).rstrip() for row in cells]
    hidden = len(result.bindings) - len(shown)
    total = len(result.bindings)
    lines.append(
        f"({total} row{'s' if total != 1 else ''}"
        + (f"; {hidden} more not shown, use --limit)" if hidden else ")")
    )
    return "\n".join(lines)


# --- SPARQL result formats -----------------------------------------------------------------
def to_json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [{v: t for v, t in zip(result.vars, row) if t is not None} for row in result.bindings]
    return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}}, ensure_ascii=False)


def to_csv(result: QueryResult, delimiter: str = ",") -> str:
    if delimiter == "\t":
        return to_tsv(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.vars)
    for row in result.bindings:
        writer.writerow(
            ["" if t is None else (f"_:{t['value']}" if t["type"] == "bnode" else t["value"]) for t in row]
        )
    return out.getvalue()


def nt_term(term: dict | None) -> str:
    """A term in the N-Triples syntax that SPARQL TSV uses."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    text = (
        term["value"]
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if "xml:lang" in term:
        return f'"{text}"@{term["xml:lang"]}'
    if "datatype" in term:
        return f'"{text}"^^<{term["datatype"]}>'
    return f'"{text}"'


def to_tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join(nt_term(t) for t in row) for row in result.bindings]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) + "</head>")
    out.append("<results>")
    for row in result.bindings:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.vars, row)
            if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _xml_term(term: dict) -> str:
    from .export import xml_text

    if term["type"] == "uri":
        return f"<uri>{xml_text(term['value'])}</uri>"
    if term["type"] == "bnode":
        return f"<bnode>{xml_text(term['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in term:
        attrs = f" xml:lang={quoteattr(term['xml:lang'])}"
    elif "datatype" in term:
        attrs = f" datatype={quoteattr(term['datatype'])}"
    return f"<literal{attrs}>{xml_text(term['value'])}</literal>"


def ntriples(result: QueryResult) -> str:
    return to_graph_text(result, "nt")


def to_graph_text(result: QueryResult, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE result in `fmt` (a GRAPH_MEDIA_TYPES key), kg's prefixes declared."""
    graph = Graph()
    for prefix, ns in SHORT:
        graph.bind(prefix, ns, replace=True)
    for triple in result.triples:
        graph.add(triple)
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context={p: ns for p, ns in SHORT}, ensure_ascii=False)
    return graph.serialize(format=RDFLIB_NAMES[fmt])


def render(result: QueryResult, fmt: str) -> str:
    """`fmt` one of json, xml, csv, tsv for SELECT and ASK; for CONSTRUCT and DESCRIBE, one of
    turtle, nt, rdfxml, jsonld, or a result format taken for its graph kin (json: JSON-LD,
    xml: RDF/XML, others: N-Triples)."""
    if result.kind == "graph":
        return to_graph_text(result, AS_GRAPH.get(fmt, fmt))
    return {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[fmt](result)


__all__ = ["table", "render", "MEDIA_TYPES", "GRAPH_MEDIA_TYPES", "visible", "width"]
