"""Namespaces and IRI minting. IRIs are a pure function of what they name, so the same
entity or article gets the same IRI on every run, and no label can break out of one."""

from __future__ import annotations

from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD  # noqa: F401

from ..model import family

KG = Namespace("https://w3id.org/kg-news/ns#")
ID = "https://w3id.org/kg-news/id/"
GRAPHS = f"{ID}graph/"  # the named graphs: one per article, and the metadata graph
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")


def _segment(text: str) -> str:
    """Keep letters and digits (CJK included, as an IRI allows); percent-encode the rest."""
    return "".join(ch if ch.isalnum() and ch.isprintable() else quote(ch, safe="") for ch in text)


def entity_iri(label: str, cls: str, ident: str | None = None) -> str:
    """An entity's IRI from its family and key: a division's from its code
    (`…/id/division/321200`), a node told from its namesakes by a place from its label
    and that place (`…/id/place/新华街道/321202`), any other from its label."""
    if ident and ident.isdigit():
        return division_iri(ident)
    base = f"{ID}{family(cls)}/{_segment(label)}"
    if ident and ident.startswith(label + "|"):
        return f"{base}/{_segment(ident[len(label) + 1 :])}"
    return base


def division_iri(code: str) -> str:
    return f"{ID}division/{code}"


def article_iri(article_id: str) -> str:
    return f"{ID}article/{_segment(article_id)}"


def graph_iri(article_id: str) -> str:
    """The named graph that holds everything one article supports."""
    return f"{GRAPHS}{_segment(article_id)}"
