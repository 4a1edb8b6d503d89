"""The layers of argmap hold (docs/architecture.md), and the import graph has no cycle.

The layers are import-linter contracts in pyproject.toml; grimp (import-linter's graph builder)
sees every import, those inside functions included."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def lint(cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(cwd))
    return subprocess.run([str(LINT), "--no-cache"], cwd=cwd, capture_output=True, text=True, env=env)


def test_layers_hold():
    res = lint(ROOT)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "Contracts: 1 kept, 0 broken." in res.stdout


@pytest.mark.parametrize("module, forbidden", [
    ("model.py", "from .cli import main"),          # the model reaching for the command line
    ("loader.py", "from .checks import RULES"),     # a reader reaching for the analysis
])
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, forbidden):
    """The contract can fail: the same check on a copy with one forbidden import inside a
    function (the kind of import that hides best)."""
    shutil.copytree(ROOT / "argmap", tmp_path / "argmap", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(tmp_path / "argmap" / module, "a", encoding="utf-8") as fh:
        fh.write(f"\n\ndef _sneaky():\n    {forbidden}\n    return main if False else None\n")
    res = lint(tmp_path)
    assert res.returncode != 0
    assert "is not allowed to import" in res.stdout


def test_no_import_cycles():
    import grimp
    import networkx as nx

    graph = grimp.build_graph("argmap")
    g = nx.DiGraph()
    for m in graph.modules:
        for n in graph.find_modules_directly_imported_by(m):
            # a package's __init__ importing its own submodules is how packages work
            if not n.startswith(m + "."):
                g.add_edge(m, n)
    cycles = list(nx.simple_cycles(g))
    assert cycles == []


def test_no_api_name_is_shadowed_by_a_module():
    """``import argmap.x`` binds the module as ``argmap.x``: an API function of the same name
    would be hidden once anything imports that module.  Import every module, then look."""
    import importlib
    import pkgutil

    import argmap
    from argmap import api

    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    for name in api.__all__:
        assert getattr(argmap, name) is getattr(api, name), name
