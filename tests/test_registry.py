"""One registry type: decorators register, a name registered twice by two definitions is an
error naming both, and plugins are found through entry points."""

import sys
import textwrap

import pytest

from kg.pipeline import COMPONENTS, Pipeline
from kg.registry import Registry, RegistryError
from kg.rules.registry import ENTITY_RULES, entity_rule, rule_for


def test_a_name_registered_twice_names_both_definitions():
    reg: Registry = Registry("widget", "kg.test-widgets")

    def first():
        pass

    def second():
        pass

    reg.add("w", first)
    reg.add("w", first)  # the same definition again (a re-import): fine
    with pytest.raises(RegistryError) as err:
        reg.add("w", second)
    assert "test_registry:test_a_name_registered_twice_names_both_definitions.<locals>.first" in str(
        err.value
    )
    assert "<locals>.second" in str(err.value)


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(RegistryError, match="no pipeline component named 'nope'; known: .*crf-ner"):
        Pipeline(["sentences", "nope"])


def test_rules_declare_what_they_produce_and_run_by_priority():
    reg: Registry = Registry("rule", "kg.test-rules", order=lambda r: r[0])
    reg.add("late", (200, "late"))
    reg.add("early", (10, "early"))
    reg.add("middle", (100, "middle"))
    assert list(reg) == ["early", "middle", "late"]


def test_a_pipeline_lists_and_disables_rules():
    nlp = Pipeline()
    names = [r.name for r in nlp.rules]
    assert "suffix-grammar" in names
    assert "suffix-grammar" not in [r.name for r in nlp.disable_rule("suffix-grammar").rules]
    with pytest.raises(RegistryError, match="no rule named 'nope'"):
        Pipeline(disabled_rules=("nope",))


def test_plugins_are_found_through_entry_points(tmp_path, monkeypatch):
    """A package that declares `kg.components` and `kg.rules` entry points registers its
    component and rule when the registry is first read."""
    pkg = tmp_path / "kgplug_demo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        textwrap.dedent("""
        from kg.pipeline import component
        from kg.rules.registry import entity_rule

        @component("demo-noop", requires=("text",))
        def noop(article):
            pass

        @entity_rule("demo-rule", produces=("Programme",))
        def demo(article):
            return []
    """),
        encoding="utf-8",
    )
    info = tmp_path / "kgplug_demo-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kgplug-demo\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[kg.components]\ndemo-noop = kgplug_demo\n[kg.rules]\ndemo-rule = kgplug_demo\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(COMPONENTS, "_discovered", False)
    monkeypatch.setattr(ENTITY_RULES, "_discovered", False)
    try:
        assert "demo-noop" in COMPONENTS
        assert rule_for("demo-rule").produces == ("Programme",)
        Pipeline(["sentences", "demo-noop"])
    finally:
        COMPONENTS._items.pop("demo-noop", None)
        ENTITY_RULES._items.pop("demo-rule", None)
        sys.modules.pop("kgplug_demo", None)


def test_duplicate_rule_from_another_module_is_refused():
    with pytest.raises(RegistryError, match="entity rule 'suffix-grammar' is registered twice"):
        entity_rule("suffix-grammar")(lambda article: [])


def test_a_disabled_rule_does_not_run():
    from helpers import analyse  # noqa: F401  (the tests' pipeline, for comparison)

    from kg.model import Article

    text = "青松街道党工委书记周海说，工作很多。"
    full = Pipeline()(Article(id="a", text=text))
    without = Pipeline(disabled_rules=("title-after-organization",))(Article(id="b", text=text))
    assert any(r.extractor == "title-after-organization" for r in full.relations)
    assert not any(r.extractor == "title-after-organization" for r in without.relations)


def test_a_replacement_model_is_vetted_by_its_declaration_not_its_name():
    from kg.model import Article, Mention
    from kg.pipeline import component
    from kg.registry import MODELS

    @component(
        "test-other-ner",
        requires=("text", "mentions"),
        provides=("mentions",),
        source="model",
        extractors=("test-other-ner",),
    )
    def other_ner(article):
        article.mentions.append(Mention("今天", 0, 2, "Person", 0.99, "test-other-ner", label="今天"))

    try:
        assert "test-other-ner" in MODELS
        nlp = Pipeline().replace("crf-ner", "test-other-ner")
        a = nlp(Article(id="c", text="今天很好。"))
        assert not any(m.extractor == "test-other-ner" for m in a.mentions)  # vetted away
    finally:
        COMPONENTS._items.pop("test-other-ner", None)
        MODELS.discard("test-other-ner")
