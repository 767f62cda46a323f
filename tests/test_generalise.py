"""kg must generalise: no person, organisation or place name of the annotated articles may
appear in code, rules, lexicons or tests. The names come from the sample page's gold (kept
in tests/gold) and, where the shared data sits next to the project, from ../shared/gold/
and the development articles' ../shared/dev/*.gold.json. Administrative areas are exempt
(a national list of divisions may hold them), and so are generic heads of names (社保中心 in
平城区社保中心) and words of the dictionary."""

import json
import re

import jieba
import pytest
from conftest import GOLD, ROOT, SHARED

CHECKED = [
    "kg/**/*.py",
    "kg/**/*.js",
    "kg/**/*.html",
    "ontology/**/*.txt",
    "ontology/**/*.ttl",
    "queries/*.rq",
    "benchmarks/*.py",
    "tests/*.py",
    "notebooks/*.ipynb",
]
SHARED_SETS = {"shared-gold": "gold/*.gold.json", "shared-dev": "dev/*.gold.json"}


def sample_names(gold: dict) -> set[str]:
    jieba.initialize()
    names = set()
    for e in gold["entities"]:
        if e["type"] == "AdministrativeArea":
            continue
        forms = [e["label"]] + [a for a in e.get("aliases", []) if not e["label"].endswith(a)]
        names |= {f for f in forms if len(f) >= 2 and not f.isdigit() and not jieba.dt.FREQ.get(f)}
    names |= {h for a in gold["articles"] for h in [a.get("headline")] + a.get("aliases", []) if h}
    return names


def names_of(paths) -> set[str]:
    names = set()
    for path in paths:
        names |= sample_names(json.loads(path.read_text(encoding="utf-8")))
    return names


def files():
    for pattern in CHECKED:
        for path in ROOT.glob(pattern):
            if path.name != "test_generalise.py" and "vis-network" not in path.name:
                yield path


def found_in_project(names: set[str]) -> list[str]:
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    found = []
    for path in files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{path.relative_to(ROOT)}: {m.group()}" for m in pattern.finditer(text)]
    return found


def shared_gold_files(name: str) -> list:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the shared gold files cannot be checked here")
    paths = sorted(SHARED.glob(SHARED_SETS[name]))
    if not paths:
        pytest.skip(f"no {SHARED_SETS[name]} under {SHARED}")
    return paths


def test_the_check_knows_the_sample_names(gold):
    names = sample_names(gold)
    assert len(names) > 30
    assert not any(n in ("社保中心", "派出所") for n in names)


def test_no_sample_name_in_code_rules_or_lexicons():
    found = found_in_project(names_of([GOLD]))
    assert not found, "sample names in the project: " + "; ".join(found[:20])


@pytest.mark.parametrize("name", sorted(SHARED_SETS))
def test_no_shared_gold_name_in_code_rules_lexicons_or_tests(name):
    paths = shared_gold_files(name)
    names = names_of(paths)
    assert len(names) > 10 * len(paths) ** 0.5, "the check found too few names to be a check"
    found = found_in_project(names)
    assert not found, f"names from ../shared/{SHARED_SETS[name]} in the project: " + "; ".join(found[:20])
