"""ontology/kg.ttl parses and declares every class and predicate of the graph contract,
each with labels and comments in Chinese and English, declares every term a built graph
uses, and is an OWL 2 ontology that HermiT reasons over."""

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.model import ENTITY_CLASSES
from kg.rdf.namespaces import FOAF, KG, ORG, SCHEMA

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "kg.ttl"
CLASSES = ENTITY_CLASSES + ("Article", "Division", "Leadership", "PostObservation")
OBJECT_PROPERTIES = (
    "leads",
    "memberOf",
    "subOrganizationOf",
    "locatedIn",
    "implements",
    "founded",
    "mergedInto",
    "residesIn",
    "cooperatesWith",
    "author",
    "interviewee",
    "mentions",
    "observation",
)
DATA_PROPERTIES = (
    "headline",
    "alternativeHeadline",
    "datePublished",
    "evidence",
    "charStart",
    "charEnd",
    "confidence",
    "title",
    "extractor",
    "text",
    "source",
    "publisher",
    "contentHash",
    "divisionCode",
    "divisionLevel",
    "observedOn",
    "tense",
    "statedAs",
)


@pytest.fixture(scope="module")
def onto():
    return Graph().parse(ONTOLOGY, format="turtle")


def languages(graph, term, prop):
    return {o.language for o in graph.objects(term, prop) if isinstance(o, Literal)}


@pytest.mark.parametrize(
    "name,kind",
    [(c, OWL.Class) for c in CLASSES]
    + [(p, OWL.ObjectProperty) for p in OBJECT_PROPERTIES]
    + [(p, OWL.DatatypeProperty) for p in DATA_PROPERTIES],
)
def test_term_is_declared_with_zh_and_en_labels_and_comments(onto, name, kind):
    term = KG[name]
    assert (term, RDF.type, kind) in onto
    assert languages(onto, term, RDFS.label) == {"zh", "en"}
    assert languages(onto, term, RDFS.comment) == {"zh", "en"}


def test_every_kg_term_used_is_declared(onto):
    used = {t for triple in onto for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    declared = {KG[n] for n in CLASSES + OBJECT_PROPERTIES + DATA_PROPERTIES}
    assert used == declared


@pytest.mark.parametrize(
    "sub,rel,sup",
    [
        (KG.Person, RDFS.subClassOf, FOAF.Person),
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Organization, RDFS.subClassOf, ORG.Organization),
        (KG.GovernmentBody, RDFS.subClassOf, ORG.FormalOrganization),
        (KG.Company, RDFS.subClassOf, SCHEMA.Corporation),
        (KG.School, RDFS.subClassOf, SCHEMA.EducationalOrganization),
        (KG.AdministrativeArea, RDFS.subClassOf, KG.Organization),
        (KG.AdministrativeArea, RDFS.subClassOf, KG.Place),
        (KG.AdministrativeArea, RDFS.subClassOf, SCHEMA.AdministrativeArea),
        (KG.Programme, RDFS.subClassOf, SCHEMA.Project),
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.leads, RDFS.subPropertyOf, ORG.headOf),
        (KG.memberOf, RDFS.subPropertyOf, ORG.memberOf),
        (KG.subOrganizationOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
        (KG.locatedIn, RDFS.subPropertyOf, SCHEMA.containedInPlace),
        (KG.residesIn, RDFS.subPropertyOf, SCHEMA.homeLocation),
        (KG.author, RDFS.subPropertyOf, SCHEMA.author),
        (KG.mentions, RDFS.subPropertyOf, SCHEMA.mentions),
        (KG.headline, RDFS.subPropertyOf, SCHEMA.headline),
        (KG.datePublished, RDFS.subPropertyOf, SCHEMA.datePublished),
    ],
)
def test_alignment(onto, sub, rel, sup):
    assert (sub, rel, sup) in onto


def test_organisation_subclasses(onto):
    subs = {s for s in onto.subjects(RDFS.subClassOf, KG.Organization)}
    assert subs == {
        KG[c]
        for c in ENTITY_CLASSES
        if c not in ("Organization", "Person", "Place", "Programme", "Event", "Product")
    }


# what RDF itself defines: reification (provenance records) and rdf:type / rdfs:label
RDF_CORE = {RDF.type, RDF.Statement, RDF.subject, RDF.predicate, RDF.object, RDFS.label}


def declared(onto) -> set:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {t for kind in kinds for t in onto.subjects(RDF.type, kind)}


def test_every_term_a_built_graph_uses_is_declared(onto, sample_build):
    """Each predicate and class of the whole store (article graphs and metadata graph)."""
    out, _ = sample_build
    store = ox.Store.read_only(str(out / "store"))
    used = {URIRef(q.predicate.value) for q in store}
    used |= {URIRef(q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), None)}
    del store
    assert used - RDF_CORE - declared(onto) == set()


@pytest.fixture(scope="module")
def hermit_world(onto, tmp_path_factory):
    owlready2 = pytest.importorskip("owlready2", reason="HermiT comes with owlready2")
    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java, and there is no java on PATH")
    path = tmp_path_factory.mktemp("owl") / "kg.owl"
    onto.serialize(path, format="xml")  # owlready2 reads RDF/XML and N-Triples, not Turtle
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


@pytest.mark.slow
def test_hermit_finds_the_ontology_consistent(hermit_world):
    """sync_reasoner raises on an inconsistent ontology or a datatype outside OWL 2's map."""
    assert list(hermit_world.inconsistent_classes()) == []


@pytest.mark.slow
def test_hermit_infers_the_class_hierarchy(hermit_world):
    area = hermit_world[str(KG.AdministrativeArea)]
    ancestors = {c.iri for c in area.ancestors() if hasattr(c, "iri")}
    assert {str(KG.Organization), str(KG.Place), str(SCHEMA.AdministrativeArea)} <= ancestors
