"""The graph contract's mapping from the document model to RDF triples. Every triple of
one article (its node, the entities it mentions, its facts and their provenance) goes
into that article's named graph, so an article can be replaced or removed whole."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from .. import geo
from ..model import Article
from ..resolve import Node, author_key, mention_keys
from .namespaces import ID, KG, article_iri, division_iri, entity_iri
from .posts import PAST, membership_triples

Triple = tuple


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def node_iri(e: Node) -> URIRef:
    return URIRef(entity_iri(e.label, e.type, e.ident or None))


def entity_triples(e: Node) -> Iterator[Triple]:
    node = node_iri(e)
    yield node, RDF.type, KG[e.type]
    yield node, RDFS.label, zh(e.label)
    for alias in sorted(e.aliases):
        yield node, SKOS.altLabel, zh(alias)
    if e.code:
        yield node, RDF.type, KG.Division
        yield node, KG.divisionCode, Literal(e.code)
    if e.level:
        yield node, KG.divisionLevel, Literal(e.level)


def division_triples(d: geo.Division) -> Iterator[Triple]:
    """A division the list places above one the article names (the prefecture of a county):
    a `kg:Division` of the list, not an `AdministrativeArea` the article mentions."""
    node = URIRef(division_iri(d.code))
    yield node, RDF.type, KG.Division
    yield node, RDFS.label, zh(d.name)
    for alias in geo.short_forms(d):
        if len(geo.table().lookup(alias)) == 1:
            yield node, SKOS.altLabel, zh(alias)
    yield node, KG.divisionCode, Literal(d.code)
    yield node, KG.divisionLevel, Literal(d.level)


@dataclass
class TableFact:
    """A locatedIn from the division list, recorded against the mention that placed the
    child in the article (extractor `division-table`)."""

    start: int
    end: int
    confidence: float = 1.0
    extractor: str = "division-table"
    title: str | None = None


def division_chain_triples(article: Article, node: URIRef, code: str, span: tuple[int, int]) -> list[Triple]:
    """`locatedIn` from a coded area up to its province, each link once per article."""
    t = geo.table()
    chain = t.chain(code)
    out: list[Triple] = []
    start, end = span
    for child, parent in zip(chain[:0:-1], chain[-2::-1]):
        s, o = URIRef(division_iri(child.code)), URIRef(division_iri(parent.code))
        out += list(division_triples(parent))
        out.append((s, KG.locatedIn, o))
        out += provenance(article, node, s, "locatedIn", o, TableFact(start, end))
    return out


def fact_iri(article_id: str, s: str, p: str, o: str, start: int, end: int) -> URIRef:
    digest = hashlib.sha1(f"{article_id}|{s}|{p}|{o}|{start}|{end}".encode()).hexdigest()[:20]
    return URIRef(f"{ID}fact/{digest}")


def article_node_triples(article: Article, node: URIRef) -> Iterator[Triple]:
    yield node, RDF.type, KG.Article
    if article.headline:
        yield node, KG.headline, zh(article.headline)
    for alternative in dict.fromkeys([article.kicker, *article.headline_aliases]):
        if alternative and alternative != article.headline:
            yield node, KG.alternativeHeadline, zh(alternative)
    if article.date:
        yield node, KG.datePublished, Literal(article.date, datatype=XSD.date)
    if article.source:
        yield node, KG.source, Literal(article.source)
    if article.origin:
        yield node, KG.publisher, zh(article.origin)
    yield node, KG.text, zh(article.text)


def article_triples(article: Article, entities: dict[tuple[str, str], Node]) -> list[Triple]:
    """All triples one article supports."""
    node = URIRef(article_iri(article.id))
    out = list(article_node_triples(article, node))
    iris: dict[int, URIRef] = {}
    used: dict[tuple[str, str], Node] = {}
    spans: dict[tuple[str, str], tuple[int, int]] = {}
    keys, _ = mention_keys(article)
    for i, (m, k) in enumerate(zip(article.mentions, keys)):
        e = entities.get(k) if k else None
        if e is not None:
            iris[i] = node_iri(e)
            used[e.key] = e
            spans.setdefault(e.key, (m.start, m.end))
    for prop, names in ((KG.author, article.authors), (KG.interviewee, article.interviewees)):
        for name in names:
            e = entities.get(author_key(article, name, prop == KG.author))
            if e is not None:
                used[e.key] = e
                out.append((node, prop, node_iri(e)))
    for e in used.values():
        out += entity_triples(e)
        out.append((node, KG.mentions, node_iri(e)))
        if e.code and e.key in spans:
            out += division_chain_triples(article, node, e.code, spans[e.key])
    for r in article.relations:
        if r.subject not in iris or r.object not in iris:
            continue
        s, o = iris[r.subject], iris[r.object]
        if r.tense not in PAST:  # a post once held is a membership in time, not a current fact
            out.append((s, KG[r.predicate], o))
            out += provenance(article, node, s, r.predicate, o, r)
        out += membership_triples(article, node, s, o, r)
    return out


def provenance(article: Article, node: URIRef, s: URIRef, predicate: str, o: URIRef, r) -> list[Triple]:
    st = fact_iri(article.id, str(s), predicate, str(o), r.start, r.end)
    out = [
        (st, RDF.type, RDF.Statement),
        (st, RDF.subject, s),
        (st, RDF.predicate, KG[predicate]),
        (st, RDF.object, o),
        (st, PROV.wasDerivedFrom, node),
        (st, KG.evidence, zh(article.text[r.start : r.end])),
        (st, KG.charStart, Literal(r.start, datatype=XSD.integer)),
        (st, KG.charEnd, Literal(r.end, datatype=XSD.integer)),
        (st, KG.confidence, Literal(f"{r.confidence:.3f}", datatype=XSD.decimal)),
        (st, KG.extractor, Literal(r.extractor)),
    ]
    if r.title:
        out.append((st, KG.title, zh(r.title)))
    return out
