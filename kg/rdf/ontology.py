"""The predicates' part of ontology/kg.ttl and the relations' shapes of ontology/shapes.ttl,
made from the contract table (kg/contract.py), so that adding a predicate is one row there.

    python -m kg.rdf.ontology           rewrite the generated blocks of both files
    python -m kg.rdf.ontology --check   exit 1 when either is not current

Each generated block sits between a `# >>> generated` and a `# <<< generated` line; the
rest of the files is written by hand. tests/test_contract.py runs the check."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .. import contract
from ..contract import ORGANIZATION, Predicate
from ..lexicon import ontology_dir

BEGIN = "# >>> generated from kg/contract.py by `python -m kg.rdf.ontology`: edit the table, not this block\n"
END = "# <<< generated\n"
PLACE = "Place"


def _classes(names: tuple[str, ...]) -> str:
    """One class, or an owl:unionOf of several."""
    if len(names) == 1:
        return f"kg:{names[0]}"
    return "[ a owl:Class ; owl:unionOf ( " + " ".join(f"kg:{n}" for n in names) + " ) ]"


def _literal(text: str, lang: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + f'"@{lang}'


def property_turtle(p: Predicate) -> str:
    kinds = "owl:ObjectProperty" + (" , owl:SymmetricProperty" if p.symmetric else "")
    lines = [f"kg:{p.name} a {kinds} ;"]
    if p.aligned:
        lines.append(f"    rdfs:subPropertyOf {' , '.join(p.aligned)} ;")
    lines.append(f"    rdfs:domain {_classes(p.domain)} ;")
    if p.range:
        lines.append(f"    rdfs:range {_classes(p.range)} ;")
    if p.see_also:
        lines.append(f"    rdfs:seeAlso {' , '.join(p.see_also)} ;")
    lines.append(f"    rdfs:label {_literal(p.zh, 'zh')} , {_literal(p.en or p.name, 'en')} ;")
    zh, en = p.about
    lines.append(f"    rdfs:comment {_literal(zh, 'zh')} ,\n        {_literal(en, 'en')} .")
    return "\n".join(lines) + "\n"


def _node_test(cls: str) -> str:
    """The SHACL test of an instance of `cls` or of a subclass (the data holds no hierarchy)."""
    if cls == ORGANIZATION:
        return "sh:node kgsh:AnOrganization"
    if cls == PLACE:
        return "sh:node kgsh:APlace"
    return f"sh:class kg:{cls}"


def _tests(classes: tuple[str, ...]) -> str:
    if len(classes) == 1:
        return _node_test(classes[0])
    return "sh:or ( " + " ".join(f"[ {_node_test(c)} ]" for c in classes) + " )"


def _described(classes: tuple[str, ...]) -> str:
    return " or ".join(f"kg:{c}" + (" (any subclass)" if c in (ORGANIZATION, PLACE) else "") for c in classes)


def shape_turtle(p: Predicate) -> str:
    name = p.name[0].upper() + p.name[1:]
    return (
        f"kgsh:{name}Shape a sh:NodeShape ;\n"
        f"    sh:targetSubjectsOf kg:{p.name} ;\n"
        f"    {_tests(p.domain)} ;\n"
        f'    sh:message "kg:{p.name} must start at a {_described(p.domain)}" ;\n'
        f"    sh:property [ sh:path kg:{p.name} ; {_tests(p.range)} ;\n"
        f'                  sh:message "kg:{p.name} must end at a {_described(p.range)}" ] .\n'
    )


def recorded_predicates() -> str:
    """The predicates a provenance record may carry, as a SHACL list."""
    return "( " + " ".join(f"kg:{p.name}" for p in contract.PREDICATES if p.recorded) + " )"


def ontology_block() -> str:
    return "\n".join(property_turtle(p) for p in contract.PREDICATES)


def shapes_block() -> str:
    relations = [p for p in contract.PREDICATES if p.between_entities]
    return "\n".join(shape_turtle(p) for p in relations)


def with_block(text: str, block: str, path: Path) -> str:
    """`text` with its generated block replaced by `block`."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise ValueError(f"{path}: no generated block (a '{BEGIN.strip()}' line … '{END.strip()}')")
    return pattern.sub(lambda _: BEGIN + block + END, text, count=1)


def with_recorded_list(text: str) -> str:
    """The provenance shape's `sh:in` list of predicates, from the table."""
    return re.sub(r"(sh:path rdf:predicate ;[^\]]*?sh:in )\([^)]*\)", r"\g<1>" + recorded_predicates(), text)


def generated(folder: Path | None = None) -> dict[Path, str]:
    """Each file as the table makes it."""
    folder = folder or ontology_dir()
    onto, shapes = folder / "kg.ttl", folder / "shapes.ttl"
    return {
        onto: with_block(onto.read_text(encoding="utf-8"), ontology_block(), onto),
        shapes: with_recorded_list(with_block(shapes.read_text(encoding="utf-8"), shapes_block(), shapes)),
    }


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    stale = []
    for path, text in generated().items():
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{path}: {'not current: run python -m kg.rdf.ontology' if check else 'rewritten'}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
