"""The graph contract's mapping from the document model to RDF triples. Every triple of
one article (its node, the entities it mentions, its facts and their provenance) goes
into that article's named graph, so an article can be replaced or removed whole."""
from __future__ import annotations

import hashlib
from typing import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from ..model import Article, Entity, family
from ..resolve import canonical, clean
from .namespaces import ID, KG, article_iri, entity_iri

Triple = tuple


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def entity_triples(e: Entity) -> Iterator[Triple]:
    node = URIRef(entity_iri(e.label, e.type))
    yield node, RDF.type, KG[e.type]
    yield node, RDFS.label, zh(e.label)
    for alias in sorted(e.aliases):
        yield node, SKOS.altLabel, zh(alias)


def fact_iri(article_id: str, s: str, p: str, o: str, start: int, end: int) -> URIRef:
    digest = hashlib.sha1(f"{article_id}|{s}|{p}|{o}|{start}|{end}".encode()).hexdigest()[:20]
    return URIRef(f"{ID}fact/{digest}")


def article_node_triples(article: Article, node: URIRef) -> Iterator[Triple]:
    yield node, RDF.type, KG.Article
    if article.headline:
        yield node, KG.headline, zh(article.headline)
    if article.kicker:
        yield node, KG.alternativeHeadline, zh(article.kicker)
    if article.date:
        yield node, KG.datePublished, Literal(article.date, datatype=XSD.date)
    if article.source:
        yield node, KG.source, Literal(article.source)
    if article.origin:
        yield node, KG.publisher, zh(article.origin)
    yield node, KG.text, zh(article.text)


def article_triples(article: Article, entities: dict[tuple[str, str], Entity]) -> list[Triple]:
    """All triples one article supports."""
    node = URIRef(article_iri(article.id))
    out = list(article_node_triples(article, node))
    iris: dict[int, URIRef] = {}
    used: dict[tuple[str, str], Entity] = {}
    for i, m in enumerate(article.mentions):
        e = entities.get((family(m.type), canonical(m))) if m.label else None
        if e is not None:
            iris[i] = URIRef(entity_iri(e.label, e.type))
            used[e.key] = e
    for prop, names in ((KG.author, article.authors), (KG.interviewee, article.interviewees)):
        for name in names:
            e = entities.get(("person", clean(name)))
            if e is not None:
                used[e.key] = e
                out.append((node, prop, URIRef(entity_iri(e.label, e.type))))
    for e in used.values():
        out += entity_triples(e)
        out.append((node, KG.mentions, URIRef(entity_iri(e.label, e.type))))
    for r in article.relations:
        if r.subject not in iris or r.object not in iris or r.former:
            continue
        s, o = iris[r.subject], iris[r.object]
        out.append((s, KG[r.predicate], o))
        out += provenance(article, node, s, r.predicate, o, r)
    return out


def provenance(article: Article, node: URIRef, s: URIRef, predicate: str, o: URIRef, r) -> list[Triple]:
    st = fact_iri(article.id, str(s), predicate, str(o), r.start, r.end)
    out = [(st, RDF.type, RDF.Statement), (st, RDF.subject, s), (st, RDF.predicate, KG[predicate]),
           (st, RDF.object, o), (st, PROV.wasDerivedFrom, node),
           (st, KG.evidence, zh(article.text[r.start:r.end])),
           (st, KG.charStart, Literal(r.start, datatype=XSD.integer)),
           (st, KG.charEnd, Literal(r.end, datatype=XSD.integer)),
           (st, KG.confidence, Literal(f"{r.confidence:.3f}", datatype=XSD.decimal)),
           (st, KG.extractor, Literal(r.extractor))]
    if r.title:
        out.append((st, KG.title, zh(r.title)))
    return out
