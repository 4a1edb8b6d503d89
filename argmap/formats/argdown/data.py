"""Argdown's data: the YAML of the front matter (between ``===`` lines) and of ``{...}`` data
blocks, read safely (no anchors or aliases, which can blow a few lines up to gigabytes) and merged
as Argdown's DataPlugin merges the data of an element's members.  A YAML error is reported at its
place in the Argdown file.
"""
from __future__ import annotations

import re
from typing import Any

from ...errors import Location
from .._common import Collector

__all__ = ["load_yaml", "merge", "front_matter_body"]


def front_matter_body(image: str) -> str:
    """The YAML between the ``===`` lines of a front matter."""
    return re.sub(r"={3,}\s*\Z", "", re.sub(r"\A\s*={3,}", "", image))


def merge(a: Any, b: Any) -> Any:
    """lodash.merge for YAML data (dicts merge deeply; other values replace)."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return b if b is not None else a
    out = dict(a)
    for k, v in b.items():
        out[k] = merge(out.get(k), v) if isinstance(v, dict) and isinstance(out.get(k), dict) else (
            v if v is not None or k not in out else out[k])
    return out


_YAML_CACHE: dict[str, Any] = {}


def load_yaml(text: str, loc: Location, collector: Collector, what: str) -> Any:
    """The YAML *text* of *what*, located at *loc* (None, with a located error, when it cannot be read)."""
    import copy

    import yaml
    if text in _YAML_CACHE:
        return copy.deepcopy(_YAML_CACHE[text])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if "&" in text or "*" in text:   # anchors and aliases can blow a few lines up to gigabytes
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                    # (the stubs want PyYAML's Mark; libyaml's, from CSafeLoader, has the same fields)
                    raise yaml.MarkedYAMLError(problem="YAML anchors and aliases are not supported: "
                                               "write the value out",
                                               problem_mark=event.start_mark)  # type: ignore[arg-type]
        value = yaml.load(text, Loader=loader)
        if len(_YAML_CACHE) < 4096:
            _YAML_CACHE[text] = copy.deepcopy(value)
        return value
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = loc.line, loc.col
        if mark is not None:
            line = loc.line + mark.line
            col = (loc.col + mark.column) if mark.line == 0 else mark.column + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        collector.error(Location(loc.path, line, col), "argdown-data",
                        f"the YAML of {what} cannot be read: {problem}")
        return None
    except (ValueError, KeyError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot make
        collector.error(loc, "argdown-data", f"the YAML of {what} cannot be read: a bad value "
                        f"({type(exc).__name__}: {str(exc).split(';')[0]})")
        return None
