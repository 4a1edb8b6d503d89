"""argmap in Jupyter: a map shows itself as its figure, and the explorer can be shown inline.

Layer: top (beside the CLI); it draws with :mod:`argmap.figure` and builds pages with
:mod:`argmap.page`.

Importing this module in an IPython kernel (``import argmap.notebook``, or ``%load_ext
argmap.notebook``) registers a display formatter: an :class:`~argmap.model.ArgumentMap` left as
the value of a cell is drawn as its SVG figure.  The figure comes from a formatter rather than a
``_repr_svg_`` method on the model class on purpose: the model is the lowest layer of argmap
and must not reach up to the figures (not even with an import inside a method); the layer that
knows both registers the one with IPython for the other.

:func:`figure` draws a map with any option of ``argmap render`` (a view of a section, a focus,
a theme, ...) as a displayable object; :func:`explorer` shows the interactive HTML page in an
``<iframe>`` (sandboxed: its scripts run, it reaches nothing else).
"""
from __future__ import annotations

import html as _html
from typing import Any

from . import model as M

__all__ = ["Figure", "Explorer", "figure", "explorer", "svg", "register", "load_ipython_extension"]


def svg(amap: M.ArgumentMap, **options: Any) -> str:
    """The figure of *amap* as SVG text; *options* are those of
    :class:`argmap.figure.RenderOptions` (``section=``, ``focus=``, ``theme=``, ``legend=``...)."""
    from .figure import RenderOptions, figure_dot, graphviz

    return graphviz(figure_dot(amap, RenderOptions(**options)), "svg").decode("utf-8")


class Figure:
    """A map's figure, for display: ``figure(amap, section="2")`` as the value of a cell."""

    def __init__(self, amap: M.ArgumentMap, **options: Any) -> None:
        self.amap = amap
        self.options = options
        self._svg: str | None = None

    def _repr_svg_(self) -> str:
        if self._svg is None:
            self._svg = svg(self.amap, **self.options)
        return self._svg

    def save(self, path: str) -> None:
        """Write the SVG to *path*."""
        from .output import write_atomic
        write_atomic(path, self._repr_svg_())


class Explorer:
    """The interactive page of a map, shown inline in an ``<iframe>``."""

    def __init__(self, amap: M.ArgumentMap, *, height: int = 720, source=False) -> None:
        self.amap = amap
        self.height = height
        self.source = source
        self._page: str | None = None

    @property
    def page(self) -> str:
        """The whole page (as ``argmap html`` writes it)."""
        if self._page is None:
            from .page import build_page
            self._page = build_page(self.amap, source=self.source)
        return self._page

    def _repr_html_(self) -> str:
        return (f'<iframe title="{_html.escape(self.amap.title)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ccc" '
                f'srcdoc="{_html.escape(self.page, quote=True)}"></iframe>')


def figure(amap: M.ArgumentMap, **options: Any) -> Figure:
    """The figure of *amap* (with any ``render`` option) as a displayable object."""
    return Figure(amap, **options)


def explorer(amap: M.ArgumentMap, *, height: int = 720, source=False) -> Explorer:
    """The interactive explorer of *amap*, to show inline.  *source* is the manuscript for the
    manuscript checks (a path; ``None``: the map's own ``source.file``; ``False``: none)."""
    return Explorer(amap, height=height, source=source)


def register(ip: Any = None) -> bool:
    """Show :class:`~argmap.model.ArgumentMap` values as their figure in IPython *ip* (default:
    the running one).  Returns whether a shell was there to register with."""
    if ip is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        ip = get_ipython()
    if ip is None:
        return False
    formatter = ip.display_formatter.formatters["image/svg+xml"]
    formatter.for_type(M.ArgumentMap, svg)
    return True


def load_ipython_extension(ip: Any) -> None:
    """``%load_ext argmap.notebook``."""
    register(ip)


register()
