"""Every map under graphs/ loads, validates cleanly and converts to networkx."""
from __future__ import annotations

import pytest

from argmap.nx_convert import to_networkx
from argmap.loader import load_with_diagnostics

from conftest import map_files


@pytest.mark.parametrize("path", map_files(), ids=lambda p: p.name)
def test_map_is_valid(path):
    amap, diags = load_with_diagnostics(str(path))
    assert [d.format() for d in diags] == []
    assert amap.statements
    g = to_networkx(amap)
    assert g.number_of_nodes() >= len(amap.statements)


def test_graphs_has_maps():
    assert len(map_files()) >= 1
