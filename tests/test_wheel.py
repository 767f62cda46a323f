"""The wheel is the package: built from the source tree and installed in a fresh venv (the
dependencies taken from this one, so it stays offline), `kg build` reads its lexicons,
ontology and shapes from the installed package, and Dask workers import kg from there."""

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (found,) = dist.glob("kg-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A venv holding the wheel alone; this venv's site-packages is added after its own
    (a .pth line: its editable-install hook is not run, so kg comes from the wheel)."""
    home = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True, timeout=120)
    python = home / "bin" / "python"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return home


def tracked(folder: str) -> set[str]:
    out = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    return {line for line in out.stdout.splitlines() if not line.endswith(".gitignore")}


def test_the_wheel_holds_every_file_of_the_package_and_the_ontology(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    want = tracked("kg") | {"kg/" + name for name in tracked("ontology")}
    assert want - names == set()
    assert not [n for n in names if n.startswith("ontology/")]  # no top-level package "ontology"


def test_kg_build_runs_from_the_installed_wheel(venv, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [
            str(venv / "bin" / "kg"),
            "build",
            str(ROOT / "seeds"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
            "--workers",
            "1",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 10_000
    where = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import kg.lexicon as l; print(l.__file__); print(l.ontology_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(str(venv) in path for path in where)


DASK_BUILD = """
import json, sys
import kg, kg.api
from distributed import Client, LocalCluster
with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                  dashboard_address=None) as cluster, Client(cluster) as client:
    files = list(client.run(lambda: __import__("kg").__file__).values())
    s = kg.api.build([sys.argv[1]], sys.argv[2], html=False, progress=False, executor="dask",
                     scheduler=cluster.scheduler_address)
print(json.dumps({"workers": files, "articles": s.articles}))
"""


def test_dask_workers_use_the_installed_package(venv, tmp_path):
    pytest.importorskip("distributed", reason="the dask executor needs dask and distributed")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-c", DASK_BUILD, str(ROOT / "seeds"), str(tmp_path / "out")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["articles"] == 10
    assert report["workers"] and all(f.startswith(str(venv)) for f in report["workers"])
