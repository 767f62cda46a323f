"""Check a graph against the graph contract: `ontology/shapes.ttl`, with pySHACL, and
nothing else: the shapes carry the class hierarchy they need (kgsh:AnOrganization,
kgsh:APlace), so `pyshacl -s ontology/shapes.ttl graph.ttl` gives the same answer. No RDFS
inference: with the ontology's rdfs:domain and rdfs:range it would *make* an organisation
that `leads` something a Person instead of reporting it.
"""

from __future__ import annotations

from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .lexicon import ontology_dir
from .rdf.namespaces import ID

GRAPH_NODE = URIRef("https://w3id.org/kg-news/shapes#graph")


def validate(graph: Graph, inference: str = "none") -> tuple[bool, list[str]]:
    """(conforms, one readable line per violation), sorted so runs compare."""
    _, report, _ = shacl_validate(
        graph, shacl_graph=shapes(), inference=inference, abort_on_first=False, allow_warnings=True
    )
    lines = sorted(
        _describe_result(graph, report, r)
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation
    )
    return not lines, lines


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


def _describe_result(data: Graph, report: Graph, result) -> str:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    message = report.value(result, SH.resultMessage) or "violates " + str(
        report.value(result, SH.sourceConstraintComponent)
    )
    if focus == GRAPH_NODE:  # a whole-graph check: the value is what it is about
        focus, value = value, None
    line = describe(data, focus)
    if path is not None:
        line += f" {_short(data, path)}"
    line += f": {message}"
    if value is not None and value != focus:
        line += f" (value {_term(data, value)})"
    return line


def describe(graph: Graph, node) -> str:
    """A node as a reader knows it: an entity by its label, a provenance record by its triple."""
    if isinstance(node, BNode) and (node, RDF.type, RDF.Statement) in graph:
        s, p, o = (graph.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        return f"record [{_label(graph, s)} {_short(graph, p)} {_label(graph, o)}]"
    return _term(graph, node)


def _label(graph: Graph, node) -> str:
    label = graph.value(node, RDFS.label) if node is not None else None
    return str(label) if label is not None else _term(graph, node)


def _term(graph: Graph, node) -> str:
    if isinstance(node, Literal):
        return node.n3(graph.namespace_manager)
    if node is None:
        return "?"
    label = graph.value(node, RDFS.label)
    return f"{_short(graph, node)} «{label}»" if label is not None else _short(graph, node)


def _short(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        if node.startswith(ID):
            return "id:" + node[len(ID) :]
        return node.n3(graph.namespace_manager)
    return "_:" + str(node) if isinstance(node, BNode) else str(node)
