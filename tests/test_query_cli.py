"""`kg query` as a user meets it: SPARQL errors as one line that names an undeclared prefix and
spots a file name given as the query, bindings that aggregates respect, SERVICE refused,
graph formats, and a reader that stops early (`| head`) ending it quietly."""

import subprocess
import sys

import pytest
from conftest import ROOT
from test_store import article, put

from kg.store import open_store

MEMBERS = [
    ((f"成员{i}", "Person"), "memberOf", ("甲组" if i % 3 else "乙组", "Organization")) for i in range(30)
]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("query")
    with open_store(str(folder / "store")) as s:
        put(s, "m", article("m", MEMBERS))
        put(
            s,
            "long",
            article(
                "long",
                [((f"长名{i}" * 20, "Person"), "memberOf", ("丙组", "Organization")) for i in range(600)],
            ),
        )
    return str(folder)


def kg_query(*args, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def one_line_error(res):
    assert res.returncode == 1 and res.stdout == ""
    assert res.stderr.startswith("kg query: ") and res.stderr.count("\n") == 1, res.stderr
    assert "u{" not in res.stderr and "\\u" not in res.stderr  # no Unicode ranges
    return res.stderr


def test_an_undeclared_prefix_is_named(out):
    err = one_line_error(kg_query(out, "SELECT ?p WHERE {\n  ?p foaf:name ?n }"))
    assert "line 2, column 6" in err and "undeclared prefix foaf:" in err


def test_a_syntax_error_is_short_and_placed(out):
    err = one_line_error(kg_query(out, "SELECT ?p WHERE { ?p kg:memberOf }"))
    assert err.startswith("kg query: line 1, column ") and len(err) < 300


def test_a_file_name_given_as_the_query_gets_a_hint(out):
    err = one_line_error(kg_query(out, "queries/leads.rq"))
    assert "-f" in err and "file" in err


def test_bind_counts_only_the_bound_group(out):
    q = "SELECT (COUNT(?p) AS ?n) WHERE { ?p kg:memberOf ?o . ?o rdfs:label ?name }"
    counts = {}
    for group in ("甲组", "乙组"):
        res = kg_query(out, q, "--bind", f"name={group}", "--format", "csv")
        assert res.returncode == 0, res.stderr
        counts[group] = res.stdout.splitlines()[1:]
    assert counts == {"甲组": ["20"], "乙组": ["10"]}


def test_bind_of_a_missing_variable_is_one_line(out):
    err = one_line_error(kg_query(out, "SELECT ?p WHERE { ?p ?q ?o }", "--bind", "name=甲组"))
    assert "?name" in err


def test_an_error_after_a_binding_is_placed_in_the_query_as_written(out):
    q = "SELECT ?p WHERE { ?p rdfs:label ?name . ?p kg:memberOf }"
    err = one_line_error(kg_query(out, q, "--bind", "name=甲组"))
    assert err.startswith(f"kg query: line 1, column {q.index('}') + 1}:"), err


def test_service_is_refused_on_a_local_store(out):
    err = one_line_error(kg_query(out, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    assert "SERVICE" in err


def test_construct_as_turtle(out):
    from rdflib import Graph

    res = kg_query(out, "CONSTRUCT { ?p kg:memberOf ?o } WHERE { ?p kg:memberOf ?o }", "--format", "turtle")
    assert res.returncode == 0 and len(Graph().parse(data=res.stdout, format="turtle")) == 630


def test_a_closed_pipe_ends_quietly(out):
    cmd = (
        f"{sys.executable} -m kg.cli query {out} 'SELECT ?l {{ ?e rdfs:label ?l }}' --limit 0 | head -n 2; "
        f"exit ${{PIPESTATUS[0]}}"
    )
    res = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.stderr == "" and res.returncode == 0
    assert len(res.stdout.splitlines()) == 2
