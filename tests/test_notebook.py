"""The quickstart notebook runs top to bottom, offline, and is committed without outputs;
the `notebook` extra installs what it imports."""

import ast
import json
import re
import sys

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def test_notebook_is_committed_with_outputs_cleared():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    assert all(
        not c.get("outputs") and not c.get("execution_count") for c in cells if c["cell_type"] == "code"
    )


@pytest.mark.slow
def test_notebook_runs_top_to_bottom():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    text = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "10 articles" in text and "党工委书记" in text and "@prefix" in text
    drawing = (ROOT / "out" / "notebook" / "notebook_graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in drawing
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", drawing)  # no CDN request


def imported_modules() -> set[str]:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    names = set()
    for c in cells:
        if c["cell_type"] == "code":
            for node in ast.walk(ast.parse("".join(c["source"]))):
                if isinstance(node, ast.Import):
                    names |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom):
                    names.add(node.module.split(".")[0])
    return names


# import name -> distribution, for those the notebook needs beyond the standard library
DISTRIBUTIONS = {
    "pandas": "pandas",
    "IPython": "ipykernel",
    "networkx": "networkx",
    "rdflib": "rdflib",
    "pyvis": "pyvis",
    "kg": "kg",
}


def test_the_notebook_extra_installs_what_the_notebook_imports():
    tomllib = pytest.importorskip("tomllib", reason="Python 3.11's tomllib reads pyproject.toml")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {
        re.split(r"[<>=\[ ]", r)[0]
        for r in project["dependencies"] + project["optional-dependencies"]["notebook"]
    }
    third_party = imported_modules() - set(sys.stdlib_module_names)
    assert third_party <= set(DISTRIBUTIONS)
    assert {DISTRIBUTIONS[m] for m in third_party} - {"kg"} <= wanted
