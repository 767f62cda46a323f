"""kg/contract.py, the one table of the graph contract, agrees with the ontology and the
shapes: every class and predicate is declared with the parents, alignments, domain and
range the table gives, and every relation has a shape."""

import pytest
from conftest import ROOT
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg import contract
from kg.rdf.namespaces import KG

PREFIXES = {
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}


def iri(curie: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    return URIRef(PREFIXES[prefix] + local)


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


def classes_of(graph: Graph, node) -> set[URIRef]:
    """A class or the members of an owl:unionOf."""
    union = graph.value(node, OWL.unionOf)
    return set(Collection(graph, union)) if union is not None else {node}


@pytest.mark.parametrize(
    "cls", contract.CLASSES + (contract.ARTICLE, contract.DIVISION), ids=lambda c: c.name
)
def test_class_is_declared_with_its_parents_and_alignments(onto, cls):
    term = KG[cls.name]
    assert (term, RDF.type, OWL.Class) in onto
    supers = set(onto.objects(term, RDFS.subClassOf))
    assert {KG[p] for p in cls.parents} | {iri(a) for a in cls.aligned} <= supers


@pytest.mark.parametrize("pred", contract.PREDICATES, ids=lambda p: p.name)
def test_predicate_is_declared_with_domain_range_and_alignments(onto, pred):
    term = KG[pred.name]
    assert (term, RDF.type, OWL.ObjectProperty) in onto
    assert {iri(a) for a in pred.aligned} <= set(onto.objects(term, RDFS.subPropertyOf))
    assert {iri(a) for a in pred.see_also} <= set(onto.objects(term, RDFS.seeAlso))
    domain = onto.value(term, RDFS.domain)
    assert classes_of(onto, domain) == {KG[c] for c in pred.domain}
    rng = onto.value(term, RDFS.range)
    assert (classes_of(onto, rng) if rng is not None else set()) == {KG[c] for c in pred.range}


@pytest.mark.parametrize("name", contract.RELATIONS)
def test_every_relation_has_a_shape(shapes, name):
    term = KG[name]
    assert (None, SH.targetSubjectsOf, term) in shapes or (None, SH.path, term) in shapes


def test_families_and_hierarchy():
    assert contract.family("AdministrativeArea") == "place"
    assert contract.family("School") == "organization"
    assert contract.family("Title") == "title"  # not a class: its own family
    assert contract.is_a("AdministrativeArea", "Organization")
    assert contract.is_a("AdministrativeArea", "Place")
    assert not contract.is_a("Place", "Organization")
    assert set(contract.ORG_CLASSES) == {c.name for c in contract.CLASSES if c.family == "organization"}
    assert contract.TITLED == ("leads", "memberOf")


def test_every_rule_declares_what_the_contract_has():
    from kg.pipeline import Pipeline

    rules = Pipeline().rules
    assert rules
    for rule in rules:
        allowed = contract.RELATIONS if rule.kind == "relation" else contract.ENTITY_CLASSES + ("Title",)
        assert rule.produces and set(rule.produces) <= set(allowed), rule.name


def test_the_generated_parts_of_the_ontology_and_shapes_are_current():
    """The predicates of kg.ttl and the relation shapes are made from the table: a row added
    without `python -m kg.rdf.ontology` fails here, naming the command."""
    from kg.rdf import ontology

    for path, text in ontology.generated(ROOT / "ontology").items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is not current: run python -m kg.rdf.ontology"
        )


def test_a_new_row_reaches_the_ontology_and_the_shapes(monkeypatch, tmp_path):
    import shutil

    from kg.rdf import ontology

    row = contract.Predicate("advises", "顾问", ("Person",), (contract.ORGANIZATION,), en="advises")
    monkeypatch.setattr(contract, "PREDICATES", contract.PREDICATES + (row,))
    for name in ("kg.ttl", "shapes.ttl"):
        shutil.copy(ROOT / "ontology" / name, tmp_path / name)
    texts = ontology.generated(tmp_path)
    onto = Graph().parse(data=texts[tmp_path / "kg.ttl"], format="turtle")
    shapes = Graph().parse(data=texts[tmp_path / "shapes.ttl"], format="turtle")
    assert (KG.advises, RDFS.domain, KG.Person) in onto
    assert (None, SH.targetSubjectsOf, KG.advises) in shapes
    recorded = shapes.value(predicate=SH.path, object=RDF.predicate)
    assert KG.advises in set(Collection(shapes, shapes.value(recorded, SH["in"])))


def test_a_file_without_its_generated_block_is_an_error_naming_it(tmp_path):
    from kg.rdf import ontology

    (tmp_path / "kg.ttl").write_text("# hand-written only\n", encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="kg.ttl: no generated block"):
        ontology.generated(tmp_path)
