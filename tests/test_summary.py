"""The build summary counts facts, as the graph, the page and queries do: a relation that two
articles (or two sentences) support is one fact with two provenance records."""

from collections import Counter

from rdflib import Graph
from rdflib.namespace import RDF

import kg

SENTENCE = "青禾县晨光社区党支部书记柯望舒介绍，社区推出“三步走”工作法。"


def local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def test_summary_counts_facts_not_provenance_records(tmp_path):
    for n in (1, 2):
        (tmp_path / f"in{n}.txt").write_text(
            f"晨光社区第{n}次议事会\n\n{SENTENCE}\n{SENTENCE}\n", encoding="utf-8"
        )
    summary = kg.build(
        [str(tmp_path / "in1.txt"), str(tmp_path / "in2.txt")],
        tmp_path / "out",
        html=False,
        progress=False,
        workers=1,
    )
    g = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    records = Counter(local(p) for p in g.objects(None, RDF.predicate))
    facts = Counter(local(p) for s, p, o in g if local(p) in records)
    assert summary.relations and summary.relations == facts
    assert any(records[p] > facts[p] for p in facts)  # the case the summary got wrong
