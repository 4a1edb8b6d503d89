"""Golden files: the DOT argmap writes for small maps, reviewed in diffs.

Regenerate them all with one command after a deliberate change, then review the diff:

    .venv/bin/python -m pytest tests/test_render.py --update-golden
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASES = {
    # golden file name: (map, renderer, options)
    "small.dot": ("tests/data/maps/small.yaml", "figure", {}),
    "small.ids-legend-clusters.dot": ("tests/data/maps/small.yaml", "figure",
                                      {"ids": True, "legend": True, "clusters": True}),
    "small.values.dot": ("tests/data/maps/small.yaml", "values", {}),
    "drowning-child.dot": ("graphs/drowning-child.yaml", "figure", {"legend": True}),
    "drowning-child.values.dot": ("graphs/drowning-child.yaml", "values", {}),
    "hostile.dot": ("tests/data/maps/hostile.yaml", "figure", {"ids": True}),
}


def produce(name: str) -> str:
    import argmap
    from argmap.figure import RenderOptions, figure_dot
    from argmap.values_figure import values_dot

    path, kind, opts = CASES[name]
    amap = argmap.load(str(ROOT / path))
    # golden files are independent of where the checkout lives
    if kind == "figure":
        return figure_dot(amap, RenderOptions(**opts))
    return values_dot(amap, RenderOptions(**opts))
