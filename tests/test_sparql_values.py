"""User values are bound as escaped terms, never pasted into a query."""
import pytest
from rdflib import Graph, Literal, Namespace, RDFS

from kg.rdf.sparql import with_values

EX = Namespace("http://example.org/")
HOSTILE = ['x"} ; DROP ALL ; #', "a\\b", "line\nbreak", "<script>alert(1)</script>", "‏右到左"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_matches_exactly_itself(value):
    g = Graph()
    g.add((EX.a, RDFS.label, Literal(value, lang="zh")))
    g.add((EX.b, RDFS.label, Literal("别的", lang="zh")))
    q = with_values("SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }", {"name": value})
    assert [r.e for r in g.query(q)] == [EX.a]


def test_bad_variable_names_and_iris_are_refused():
    with pytest.raises(ValueError):
        with_values("SELECT * WHERE {}", {"x } DROP": "1"})
    with pytest.raises(ValueError):
        with_values("SELECT * WHERE {}", {"x": "http://a> DROP ALL <b"})


def test_kg_query_binds_a_label(sample_build):
    import subprocess, sys
    from conftest import ROOT
    out, _ = sample_build
    res = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(out), "-f", "queries/who_leads.rq",
                          "--bind", "name=不存在的机构", "--format", "csv"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0 and res.stdout.strip() == "person,title"
