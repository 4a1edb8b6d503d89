"""argmap: argument maps as directed graphs, for figures, checking and teaching.

The library is a pipeline of plain functions::

    load -> validate -> to_networkx -> analyse / evaluate -> render

``argmap.load(path)`` returns a validated, frozen :class:`argmap.model.ArgumentMap`.
Heavy dependencies (networkx, pydot, jinja2) are imported only when they are used.
"""
from __future__ import annotations

from .version import __version__

__all__ = ["load", "loads", "ArgmapError", "LoadError", "ValidationError", "RenderError",
           "__version__"]

from .errors import ArgmapError, LoadError, RenderError, ValidationError


def load(path, **kwargs):
    """Load, validate and return the map at *path* (YAML or JSON).  See :func:`argmap.loader.load`."""
    from .loader import load as _load
    return _load(path, **kwargs)


def loads(text, path="<string>", **kwargs):
    """Load a map from a string.  See :func:`argmap.loader.loads`."""
    from .loader import loads as _loads
    return _loads(text, path, **kwargs)
