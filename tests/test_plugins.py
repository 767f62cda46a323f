"""A plugin package, installed, reaches every worker: a tiny package declares an entity rule
(`kg.rules`) and an input reader for `.note` files (`kg.readers`) as entry points, is
installed with pip into a folder of its own (put on PYTHONPATH, so the test venv stays as it
was), and `kg build` reads its files and runs its rule under the Dask executor and under a
`spawn` pool, whose workers import nothing from the caller."""

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

PLUGIN = '''
import re

from kg.ingest.readers import reader
from kg.model import Document, Mention
from kg.rules.registry import entity_rule


@reader("note", suffixes=(".note",))
def read_note(path, data):
    """A note: its first line is its id, the rest its text."""
    first, _, text = data.decode("utf-8").partition("\\n")
    yield Document(source=str(path), text=text, kind="article", id=first.strip())


@entity_rule("plugin-clinic", produces=("Organization",), confidence=0.9)
def clinics(article):
    return [
        Mention(m.group(), m.start(), m.end(), "Organization", 0.9, "plugin-clinic")
        for m in re.finditer(r"[\\u4e00-\\u9fff]{2,4}诊所", article.text)
    ]
'''

PYPROJECT = """
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "kg-test-plugin"
version = "0.1"

[project.entry-points."kg.rules"]
clinic = "kg_test_plugin"

[project.entry-points."kg.readers"]
note = "kg_test_plugin"

[tool.setuptools]
py-modules = ["kg_test_plugin"]
"""


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory):
    src = tmp_path_factory.mktemp("plugin-src")
    (src / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (src / "kg_test_plugin.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    site = tmp_path_factory.mktemp("plugin-site")
    res = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["--target", str(site), str(src)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if res.returncode != 0:
        pytest.skip(f"cannot install the test plugin here: {res.stderr.strip()[-300:]}")
    return site


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notes")
    for i, name in enumerate(["松风", "青禾"]):
        (folder / f"n{i}.note").write_text(
            f"note-{i}\n东岭县白沙镇{name}诊所今天开诊，居民排队就诊。\n", encoding="utf-8"
        )
    return folder


def build(notes, out, plugin_path, executor):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(plugin_path), str(ROOT)]))
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(notes), "--out", str(out), "--no-html", "--quiet"]
        + ["--executor", executor, "--workers", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


def built(out):
    from kg.api import open_store

    with open_store(out) as store:
        rows = store.query(
            "SELECT ?l { ?e a kg:Organization ; rdfs:label ?l . ?r rdf:subject ?e } ", timeout=None
        ).rows
        ids = store.articles()
    return ids, {r[0] for r in rows}


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["spawn", "dask"])
def test_a_plugins_reader_and_rule_run_in_every_worker(plugin_path, notes, tmp_path, executor):
    if executor == "dask":
        pytest.importorskip("distributed", reason="the dask executor needs dask and distributed")
    res = build(notes, tmp_path / "out", plugin_path, executor)
    assert res.returncode == 0, res.stderr
    ids, organisations = built(tmp_path / "out")
    assert ids == ["note-0", "note-1"]  # read by the plugin's reader, ids from its first line
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert {"松风诊所", "青禾诊所"} <= {o[-4:] for o in organisations} or (
        "松风诊所" in text and "青禾诊所" in text
    )


def test_without_the_plugin_the_files_are_refused_in_one_line(notes, tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", str(notes / "n0.note"), "--out", str(tmp_path / "o")]
        + ["--no-html", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert res.returncode == 1
    assert "unsupported file type '.note'" in res.stderr and ".jsonl" in res.stderr


def test_a_name_registered_twice_names_both_definitions():
    from kg.ingest.readers import reader
    from kg.parallel import executor
    from kg.registry import RegistryError
    from kg.store import backend, exporter

    def again(*args):  # a second, different definition
        return None

    for decorate, name, first in [
        (lambda n: reader(n, (".txt",)), "page", "kg.ingest.readers:read_page"),
        (backend, "oxigraph", "kg.store.oxigraph:OxigraphStore"),
        (exporter, "ttl", "kg.store.export:"),
        (executor, "local", "kg.parallel:LocalExecutor"),
    ]:
        with pytest.raises(RegistryError, match="registered twice") as err:
            decorate(name)(again)
        assert first in str(err.value) and "test_plugins:" in str(err.value), str(err.value)
