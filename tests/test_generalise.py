"""kg must generalise: no person, organisation or place name of the sample page may
appear in code, rules or lexicons. Administrative areas are exempt (a national list of
divisions may hold them), and so are generic heads of names (社保中心 in 平城区社保中心)."""
import re

import jieba

from conftest import ROOT

CHECKED = ["kg/**/*.py", "kg/**/*.js", "kg/**/*.html", "ontology/**/*.txt", "ontology/**/*.ttl",
           "queries/*.rq", "benchmarks/*.py", "tests/*.py", "notebooks/*.ipynb"]


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


def files():
    for pattern in CHECKED:
        for path in ROOT.glob(pattern):
            if path.name != "test_generalise.py" and "vis-network" not in path.name:
                yield path


def test_the_check_knows_the_sample_names(gold):
    names = sample_names(gold)
    assert len(names) > 30
    assert not any(n in ("社保中心", "派出所") for n in names)


def test_no_sample_name_in_code_rules_or_lexicons(gold):
    names = sample_names(gold)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    found = []
    for path in files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{path.relative_to(ROOT)}: {m.group()}" for m in pattern.finditer(text)]
    assert not found, "sample names in the project: " + "; ".join(found[:20])
