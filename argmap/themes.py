"""Themes are data: YAML files of Graphviz attributes by statement kind and relation.

Built-in themes live in ``argmap/data/themes/`` (``paper``, ``color``, ``mono``); a user theme is
a YAML file with the same keys (it may set only some: the rest comes from ``paper``).
"""
from __future__ import annotations

import os
from functools import lru_cache

from .errors import Location, RenderError

SECTIONS = ("graph", "node", "edge", "kinds", "relations", "highlight", "values")


def builtin_themes() -> list[str]:
    from importlib.resources import files
    return sorted(p.name[:-5] for p in files("argmap").joinpath("data/themes").iterdir()
                  if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def _read_builtin(name: str) -> dict:
    import yaml
    from importlib.resources import files
    text = files("argmap").joinpath(f"data/themes/{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe, libyaml


def load_theme(name_or_path: str) -> dict:
    """A theme by built-in name or by path to a YAML file (merged over ``paper``)."""
    base = _read_builtin("paper")
    if name_or_path in builtin_themes():
        data = _read_builtin(name_or_path)
    elif os.path.isfile(name_or_path):
        from .document import parse, read_text
        data = parse(read_text(name_or_path), name_or_path)
        if not isinstance(data, dict):
            raise RenderError("a theme must be a mapping of " + ", ".join(SECTIONS),
                              location=Location(name_or_path), code="theme")
        for key in data:
            if key not in SECTIONS + ("name",):
                raise RenderError(f"unknown theme section '{key}'; sections: " + ", ".join(SECTIONS),
                                  location=data.key_loc[key], code="theme")
    else:
        raise RenderError(f"unknown theme '{name_or_path}'; themes: " + ", ".join(builtin_themes())
                          + " (or a path to a YAML theme file)", location=Location(name_or_path),
                          code="theme")
    out = {}
    for section in SECTIONS:
        merged = dict(base.get(section) or {})
        for key, value in (data.get(section) or {}).items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
        out[section] = merged
    out["name"] = data.get("name", name_or_path)
    return out


def attrs(d: dict | None) -> dict:
    """Theme attributes as Graphviz strings."""
    return {k: str(v) for k, v in (d or {}).items()}
