"""`kg eval` prints exactly what the reference scorer prints."""

import subprocess
import sys

import pytest
from conftest import GOLD, ROOT, SHARED


def test_vendored_scorer_is_the_reference_scorer():
    ref = SHARED / "eval" / "score.py"
    if not ref.exists():
        pytest.skip("../shared/eval/score.py is not beside the project")
    strip = lambda text: [l for l in text.splitlines() if not l.startswith("#")]
    assert strip(ref.read_text(encoding="utf-8")) == strip(
        (ROOT / "kg" / "eval" / "score.py").read_text(encoding="utf-8")
    )


def test_kg_eval_prints_the_reference_figures(sample_build):
    ref = SHARED / "eval" / "score.py"
    if not ref.exists():
        pytest.skip("../shared/eval/score.py is not beside the project")
    out, _ = sample_build
    graph = str(out / "graph.ttl")
    theirs = subprocess.run([sys.executable, str(ref), graph, str(GOLD)], capture_output=True, text=True)
    ours = subprocess.run(
        [sys.executable, "-m", "kg.cli", "eval", graph, str(GOLD)], capture_output=True, text=True, cwd=ROOT
    )
    assert ours.returncode == theirs.returncode == 0
    assert ours.stdout == theirs.stdout


def test_kg_eval_fails_below_a_threshold(sample_build):
    out, _ = sample_build
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "eval",
            str(out / "graph.ttl"),
            str(GOLD),
            "--min",
            "entity_f1=1.01",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.returncode == 1 and "below threshold" in res.stdout
