"""Posts in time, in W3C ORG's terms: every `leads`/`memberOf` fact is also an
`org:Membership` of the person in the organisation with an `org:Role` (one node per title),
observed in the article that states it.

One membership node per (person, organisation, title), the same in every article, so the
union of the article graphs gathers all its observations; each article's graph holds its
own observation (`kg:observedOn` its date, `kg:tense`) and, where its text states a start
or an end, its own `org:memberDuring` interval. Queries take the earliest and latest of
these (`queries/leader_as_of.rq`, `post_history.rq`, `person_posts.rq`), so removing or
replacing an article takes its evidence away and leaves the others' intact."""

from __future__ import annotations

import calendar
import hashlib
from typing import Iterator

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from ..model import Article, Relation
from .namespaces import ID, KG, ORG, _segment

TIME = Namespace("http://www.w3.org/2006/time#")
POSTS = ("leads", "memberOf")
PAST = ("former", "ended")  # tenses of a post no longer held
Triple = tuple


def _digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:20]


def role_title(title: str) -> str:
    """The title a role node is named by: as printed, without spaces."""
    return "".join(title.split())


def role_iri(title: str) -> URIRef:
    return URIRef(f"{ID}role/{_segment(role_title(title))}")


def membership_iri(person: URIRef, org: URIRef, title: str | None) -> URIRef:
    return URIRef(f"{ID}membership/{_digest(str(person), str(org), role_title(title or ''))}")


def day(partial: str, end: bool = False) -> Literal:
    """An xsd:date for a stated `2023` or `2021-03`: its first day (its last, for an end)."""
    parts = partial.split("-")
    if len(parts) == 1:
        text = f"{partial}-12-31" if end else f"{partial}-01-01"
    elif len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        text = f"{partial}-{last:02d}" if end else f"{partial}-01"
    else:
        text = partial
    return Literal(text, datatype=XSD.date)


def _instant(node: URIRef, stated: str, end: bool) -> Iterator[Triple]:
    yield node, RDF.type, TIME.Instant
    yield node, TIME.inXSDDate, day(stated, end)
    yield node, KG.statedAs, Literal(stated)


def membership_triples(
    article: Article, article_node: URIRef, person: URIRef, org: URIRef, r: Relation
) -> list[Triple]:
    """The membership one post fact shows, with this article's observation of it."""
    if r.predicate not in POSTS:
        return []
    m = membership_iri(person, org, r.title)
    out: list[Triple] = [(m, RDF.type, ORG.Membership), (m, ORG.member, person), (m, ORG.organization, org)]
    if r.predicate == "leads":
        out.append((m, RDF.type, KG.Leadership))
    if r.title:
        role = role_iri(r.title)
        out += [
            (m, ORG.role, role),
            (role, RDF.type, ORG.Role),
            (role, RDFS.label, Literal(role_title(r.title), lang="zh")),
        ]
    obs = URIRef(f"{ID}observation/{_digest(article.id, str(m))}")
    out += [
        (m, KG.observation, obs),
        (obs, RDF.type, KG.PostObservation),
        (obs, PROV.wasDerivedFrom, article_node),
        (obs, KG.tense, Literal(r.tense)),
    ]
    if article.date:
        out.append((obs, KG.observedOn, Literal(article.date, datatype=XSD.date)))
    if r.since or r.until:
        interval = URIRef(f"{ID}interval/{_digest(article.id, str(m))}")
        out += [
            (m, ORG.memberDuring, interval),
            (interval, RDF.type, TIME.Interval),
            (interval, PROV.wasDerivedFrom, article_node),
            (interval, KG.extractor, Literal("post-tenure")),
        ]
        for stated, prop, end in ((r.since, TIME.hasBeginning, False), (r.until, TIME.hasEnd, True)):
            if stated:
                instant = URIRef(f"{interval}-{'end' if end else 'start'}")
                out.append((interval, prop, instant))
                out += _instant(instant, stated, end)
    return out
