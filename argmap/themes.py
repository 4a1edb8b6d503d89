"""Themes are data: YAML files of Graphviz attributes by statement kind and relation.

Built-in themes live in ``argmap/data/themes/`` (``paper``, ``color``, ``mono``); a user theme is
a YAML file with the same keys (it may set only some: the rest comes from ``paper``).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache, partial

from .errors import Location, RenderError
from .registry import Registry

SECTIONS = ("graph", "node", "edge", "kinds", "relations", "highlight", "values")

__all__ = ["THEMES", "builtin_themes", "load_theme", "attrs", "SECTIONS"]

#: the built-in themes by name: each entry reads its theme's data (filled on first use)
THEMES: Registry[Callable[[], dict]] = Registry("theme")


def builtin_themes() -> list[str]:
    """The names of the built-in themes (the YAML files of ``argmap/data/themes``)."""
    if not len(THEMES):
        from importlib.resources import files
        for name in sorted(p.name[:-5] for p in files("argmap").joinpath("data/themes").iterdir()
                           if p.name.endswith(".yaml")):
            THEMES.add(name, partial(_read_builtin, name))
    return THEMES.names()


@lru_cache(maxsize=None)
def _read_builtin(name: str) -> dict:
    from importlib.resources import files

    import yaml
    text = files("argmap").joinpath(f"data/themes/{name}.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe, libyaml


def load_theme(name_or_path: str) -> dict:
    """A theme by built-in name or by path to a YAML file (merged over ``paper``)."""
    base = _read_builtin("paper")
    if name_or_path in builtin_themes():
        data = THEMES[name_or_path]()
    elif os.path.isfile(name_or_path):
        from .document import LMap, parse, read_text
        data = parse(read_text(name_or_path), name_or_path)
        if not isinstance(data, LMap):
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
