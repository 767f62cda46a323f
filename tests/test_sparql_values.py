"""User values are bound as escaped terms, never pasted into a query."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Graph, Literal, Namespace

from kg.rdf.sparql import with_values

EX = Namespace("http://example.org/")
HOSTILE = ['x"} ; DROP ALL ; #', "a\\b", "line\nbreak", "<script>alert(1)</script>", "‏右到左"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_value_matches_exactly_itself(value):
    g = Graph()
    g.add((EX.a, RDFS.label, Literal(value, lang="zh")))
    g.add((EX.b, RDFS.label, Literal("别的", lang="zh")))
    q = with_values(
        "SELECT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }", {"name": value}
    )
    assert [r.e for r in g.query(q)] == [EX.a]


def test_bad_variable_names_and_iris_are_refused():
    with pytest.raises(ValueError):
        with_values("SELECT * WHERE {}", {"x } DROP": "1"})
    with pytest.raises(ValueError):
        with_values("SELECT * WHERE {}", {"x": "http://a> DROP ALL <b"})


def test_kg_query_binds_a_label(sample_build):
    import subprocess
    import sys

    from conftest import ROOT

    out, _ = sample_build
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "query",
            str(out),
            "-f",
            "queries/who_leads.rq",
            "--bind",
            "name=不存在的机构",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 0 and res.stdout.strip() == "person,title"


# --- bindings join the WHERE pattern, so every query form and aggregates respect them -------
def people():
    g = Graph()
    for person, org in [("甲", "一组"), ("乙", "一组"), ("丙", "二组")]:
        g.add((EX[person], EX.memberOf, EX[org]))
        g.add((EX[org], RDFS.label, Literal(org, lang="zh")))
    return g


def oxigraph(g: Graph):
    import pyoxigraph as ox

    store = ox.Store()
    store.load(g.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    return store


COUNT = """SELECT (COUNT(?p) AS ?n) WHERE {
  ?org <http://www.w3.org/2000/01/rdf-schema#label> ?name . ?p <http://example.org/memberOf> ?org
}"""


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("org,count", [("一组", 2), ("二组", 1), ("三组", None)])
def test_an_aggregate_counts_only_the_bound_value(engine, org, count):
    q = with_values(COUNT, {"name": org})
    if engine == "rdflib":
        rows = [int(r[0]) for r in people().query(q)]
    else:
        rows = [int(s[0].value) for s in oxigraph(people()).query(q)]
    assert rows == [count or 0]


MEMBER = "?p <http://example.org/memberOf> ?org . ?org <http://www.w3.org/2000/01/rdf-schema#label> ?name"
FORMS = {
    "select": f"SELECT ?p WHERE {{ {MEMBER} }} ORDER BY ?p",
    "select-subquery": f"SELECT ?p WHERE {{ SELECT ?p ?name WHERE {{ {MEMBER} }} }}",
    "select-exists-in-projection": f"SELECT ?p (EXISTS {{ ?p ?x ?y }} AS ?e) WHERE {{ {MEMBER} }}",
    "construct": f"CONSTRUCT {{ ?p <http://example.org/in> ?name }} WHERE {{ {MEMBER} }}",
    "construct-where": "CONSTRUCT WHERE { ?p <http://example.org/memberOf> ?org . "
    "?org <http://www.w3.org/2000/01/rdf-schema#label> ?name }",
    "ask": f"ASK {{ {MEMBER} }}",
    "describe": f"DESCRIBE ?p WHERE {{ {MEMBER} }}",
}


def answer(store, q):
    result = store.query(q)
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return bool(result)
    return sorted(r.subject.value if hasattr(r, "subject") else r[0].value for r in result)


@pytest.mark.parametrize("form", FORMS)
def test_every_query_form_respects_a_binding(form):
    store = oxigraph(people())
    one = answer(store, with_values(FORMS[form], {"name": "二组"}))
    everyone = answer(store, FORMS[form])
    none = answer(store, with_values(FORMS[form], {"name": "没有"}))
    if form == "ask":
        assert (one, none) == (True, False)
    else:
        assert one and set(one) < set(everyone) and not none
        assert set(one) <= {str(EX["丙"]), str(EX["二组"])}  # CONSTRUCT WHERE: the group's triple too


COUNTED = "SELECT (COUNT(?p) AS ?n) WHERE { %s }" % MEMBER
AGGREGATES = {  # the bound variable is not grouped: a trailing VALUES cannot reach it
    "select": (COUNTED, lambda r: [int(s[0].value) for s in r]),
    "select-subquery": (f"SELECT ?n WHERE {{ {{ {COUNTED} }} }}", lambda r: [int(s[0].value) for s in r]),
    "construct": (
        f"CONSTRUCT {{ <http://example.org/group> <http://example.org/size> ?n }} WHERE {{ {COUNTED} }}",
        lambda r: [int(t.object.value) for t in r],
    ),
    "ask": (f"ASK {{ {{ {COUNTED} }} FILTER(?n = 1) }}", lambda r: [1] if bool(r) else []),
}


@pytest.mark.parametrize("form", AGGREGATES)
def test_every_query_form_counts_only_the_bound_value(form):
    query, values = AGGREGATES[form]
    store = oxigraph(people())
    assert values(store.query(with_values(query, {"name": "二组"}))) == [1]
    if form != "ask":
        assert values(store.query(with_values(query, {"name": "一组"}))) == [2]
        assert values(store.query(query)) == [3]


def test_describe_without_where_gets_the_bound_resource():
    store = oxigraph(people())
    q = with_values("DESCRIBE ?who", {"who": str(EX["甲"])})
    assert {t.subject.value for t in store.query(q)} == {str(EX["甲"])}


def test_a_binding_for_a_variable_the_query_lacks_is_an_error():
    with pytest.raises(ValueError, match="no \\?nmae"):
        with_values(COUNT, {"nmae": "一组"})


def test_braces_in_strings_iris_and_comments_do_not_misplace_the_values():
    q = (
        "SELECT ?p WHERE { # a } here\n ?p <http://example.org/memberOf> ?org . "
        '?org <http://www.w3.org/2000/01/rdf-schema#label> ?name FILTER(?name != "}{") }'
    )
    assert answer(oxigraph(people()), with_values(q, {"name": "二组"})) == [str(EX["丙"])]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30).filter(lambda v: not v.startswith(("http://", "https://"))))
def test_any_value_binds_as_itself(value):  # (an http(s) value binds as an IRI instead)
    g = Graph()
    g.add((EX.a, RDFS.label, Literal(value, lang="zh")))
    g.add((EX.b, RDFS.label, Literal(value + "x", lang="zh")))
    q = with_values(
        "SELECT ?e (COUNT(*) AS ?n) WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name } "
        "GROUP BY ?e",
        {"name": value},
    )
    rows = [(s[0].value, int(s[1].value)) for s in oxigraph(g).query(q)]
    assert rows == [(str(EX.a), 1)]


# --- SERVICE is seen whatever hides it from a careless reader, and only where it is --------
from kg.rdf.sparql import RefusedQuery, refuse_outbound  # noqa: E402

GAPS = st.lists(
    st.sampled_from([" ", "\t", "\n", "\r\n", "# note } SERVICE\n", "#\n"]), min_size=1, max_size=3
)


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(["SERVICE", "service", "Service", "sErViCe"]),
    GAPS,
    GAPS,
    st.sampled_from(["", "SILENT "]),
)
def test_service_is_found_in_any_case_and_spacing(word, before, after, silent):
    q = f"SELECT * {{{''.join(before)}{word}{''.join(after)}{silent}<http://127.0.0.1:9/> {{ ?s ?p ?o }} }}"
    with pytest.raises(RefusedQuery):
        refuse_outbound(q)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters='"\\\n\r'), max_size=20))
def test_service_inside_a_string_or_name_is_not_refused(noise):
    refuse_outbound(
        f'SELECT ?service {{ ?s <http://e/SERVICE> "{noise} SERVICE <x:y> {{}}" ; ex:service ?o }}'
    )
