"""argmap: argument maps as directed graphs, for figures, checking and teaching.

The library is a pipeline of plain functions (:mod:`argmap.api`, also reachable from here)::

    load -> check / evaluate -> render / values / html / export

``argmap.load(path)`` returns a validated, frozen :class:`argmap.model.ArgumentMap`.  The API's
names are imported on first use, and heavy dependencies (networkx, pydot, jinja2) only when a
function needs them, so ``import argmap`` is cheap.  ``docs/architecture.md`` describes the layers.
"""
from __future__ import annotations

from typing import Any

from .errors import ArgmapError, LoadError, RenderError, ValidationError
from .version import __version__

_API = ("load", "loads", "load_with_diagnostics", "validate", "check", "evaluate", "explain",
        "render", "values", "html", "export", "interchange_formats", "ArgumentGraph")

__all__ = [*_API, "ArgmapError", "LoadError", "ValidationError", "RenderError", "__version__"]


def __getattr__(name: str) -> Any:
    """The API's functions, imported from :mod:`argmap.api` on first use."""
    if name in _API:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")
