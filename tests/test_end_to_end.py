"""The sample page end to end, scored with the reference scorer's own code (vendored
in kg/eval/score.py) against its hand annotation."""

from conftest import GOLD, SAMPLE

from kg.eval import score


def test_sample_page_meets_the_pipeline_thresholds(sample_build):
    out, summary = sample_build
    res = score.score(str(out / "graph.ttl"), [str(GOLD)])
    assert res["entities"]["f1"] >= 0.90, res["entity_errors"]
    assert res["relations"]["f1"] >= 0.80, res["relation_errors"]
    assert res["authors"]["f1"] >= 0.90, res["authors"]["errors"]
    assert res["titles"]["correct"] == res["titles"]["total"] == 2, res["titles"]["errors"]
    assert res["articles"]["matched"] == res["articles"]["gold"] == 10


def test_summary_counts_what_was_built(sample_build):
    _, summary = sample_build
    assert summary.articles == 10 and summary.ok
    assert summary.entities["Person"] >= 10
    assert summary.relations["leads"] >= 2
    assert summary.violations == [], summary.violations  # the build validated what it wrote


def test_building_again_changes_nothing(sample_build, tmp_path):
    import kg

    out, _ = sample_build
    again = kg.build([str(SAMPLE)], out, html=False)
    assert again.written == 0 and again.unchanged == 10
    kg.build([str(SAMPLE)], tmp_path, html=False)
    first = (out / "graph.ttl").read_text(encoding="utf-8")
    assert _triples(first) == _triples((tmp_path / "graph.ttl").read_text(encoding="utf-8"))


def _triples(turtle: str) -> set:
    from rdflib import Graph
    from rdflib.namespace import PROV

    g = Graph().parse(data=turtle, format="turtle")
    # ingest times differ between runs; everything else must be equal
    return {t for t in g if "ingest" not in str(t[1]).lower() and t[1] != PROV.generatedAtTime}
