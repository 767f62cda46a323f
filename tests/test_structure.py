"""kg's modules form no import cycle, counting imports inside functions too: each layer
imports only those below it (stages import kg.components, not the pipeline that loads them;
stores know no exporter; kg.store.terms imports nothing of kg.store)."""

import ast

import networkx as nx
from conftest import ROOT

PACKAGE = ROOT / "kg"


def module_names() -> dict[str, tuple]:
    """{dotted module name: (path, the package its relative imports start from)}."""
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
            package = ".".join(parts)
        else:
            package = ".".join(parts[:-1])
        out[".".join(parts)] = (path, package)
    return out


def imported(node, package: str, modules: dict) -> list[str]:
    """The kg modules an import statement names (a name imported from a package counts as
    its submodule when it is one)."""
    if isinstance(node, ast.Import):
        targets = [a.name for a in node.names]
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            base = f"{base}.{node.module}" if node.module else base
        else:
            base = node.module or ""
        targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
    else:
        return []
    found = []
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target:
            found.append(target)
    return found


def import_graph() -> nx.DiGraph:
    modules = module_names()
    graph = nx.DiGraph()
    for name, (path, package) in modules.items():
        graph.add_node(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            graph.add_edges_from((name, t) for t in imported(node, package, modules) if t != name)
    return graph


def test_no_import_cycle_among_kg_modules():
    graph = import_graph()
    assert len(graph) > 50
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_imports_inside_functions():
    """A near miss: a lazy import back into a module that imports this one is a cycle."""
    modules = {"kg.a": None, "kg.b": None}
    inner = ast.parse("def f():\n    from .b import thing\n")
    assert [t for n in ast.walk(inner) for t in imported(n, "kg", modules)] == ["kg.b"]
    assert imported(ast.parse("from . import b").body[0], "kg", modules) == ["kg.b"]
