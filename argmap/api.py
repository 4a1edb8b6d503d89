"""The public Python API: the pipeline as plain functions.

    load -> check / evaluate -> render / values / html / export

Every function takes or returns an :class:`argmap.model.ArgumentMap` (frozen, with the location
of every element) and raises an :class:`argmap.errors.ArgmapError` with located diagnostics when
the input is bad.  ``import argmap`` exposes these names lazily (``argmap.load``,
``argmap.check``, ...), so importing the package stays cheap.  See ``docs/api.md``.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from .argument_graph import ArgumentGraph
from .errors import Diagnostic, LoadError, ValidationError
from .model import ArgumentMap

__all__ = ["load", "loads", "load_with_diagnostics", "validate", "check", "evaluate", "explain",
           "render", "values", "html", "export", "interchange_formats", "ArgumentGraph"]


def load_with_diagnostics(path: str | os.PathLike, fmt: str | None = None) -> tuple[ArgumentMap | None,
                                                                                  list[Diagnostic]]:
    """Read a map in any readable format (the argmap format, Argdown, AIF, Kialo, GraphML,
    node-link JSON; *fmt* or guessed): the map (None when it has errors) and every diagnostic,
    warnings included."""
    from .formats.registry import load_any

    return load_any(os.fspath(path), fmt)


def load(path: str | os.PathLike, fmt: str | None = None) -> ArgumentMap:
    """Read and validate the map at *path* (any readable format).  Raises :class:`LoadError`
    when the file cannot be read or parsed, :class:`ValidationError` when it is not a valid
    map; each carries every diagnostic."""
    from .loader import LOAD_CODES

    amap, diags = load_with_diagnostics(path, fmt)
    if amap is None:
        errors = [d for d in diags if d.severity == "error"] or diags
        family = LoadError if any(d.code in LOAD_CODES for d in errors) else ValidationError
        raise family(diagnostics=errors)
    return amap


def loads(text: str, path: str = "<string>", fmt: str | None = None) -> ArgumentMap:
    """A map from the text of an argmap map (YAML or JSON); *path* names it in diagnostics."""
    from .loader import loads as _loads

    return _loads(text, path, fmt)


def validate(path: str | os.PathLike, fmt: str | None = None) -> list[Diagnostic]:
    """Every problem of the map at *path*, without raising (an empty list: valid)."""
    return load_with_diagnostics(path, fmt)[1]


def check(amap: ArgumentMap, *, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
          source: str | os.PathLike | None = None, config: Any = None) -> list[Diagnostic]:
    """The findings of the check rules (all, or *select* less *ignore*), ordered by location;
    with *source* (the manuscript's path), the manuscript rules too.  *config* is an
    :class:`argmap.config.Config` (default: the configuration file nearest the map, see
    docs/configuration.md; ``argmap.config.DEFAULT`` for none)."""
    from .checks import run_checks
    from .manuscript import Manuscript

    ms = Manuscript.read(os.fspath(source)) if source is not None else None
    return run_checks(amap, select=select, ignore=ignore, source=ms, config=config)


def evaluate(amap: ArgumentMap, semantics: str = "grounded", **options: Any) -> Any:
    """Label every statement IN / OUT / UNDEC (see :func:`argmap.evaluation.evaluate` for the
    options: mode, strict, audience, use_values, timeout)."""
    from .evaluation import evaluate as _evaluate

    return _evaluate(amap, semantics=semantics, **options)


def explain(amap: ArgumentMap, statement: str, semantics: str = "grounded") -> list[str]:
    """Why *statement* has its label, one line per step of the chain that decides it."""
    from .evaluation import evaluate as _evaluate
    from .evaluation import explain as _explain

    return _explain(amap, _evaluate(amap, semantics=semantics), statement)


def render(amap: ArgumentMap, fmt: str = "svg", **options: Any) -> str | bytes:
    """The map's figure: DOT or SVG as text, PDF or PNG as bytes.  *options* are those of
    :class:`argmap.figure.RenderOptions` (theme, section, focus, legend, width, ...)."""
    from .figure import RenderOptions, figure_dot
    from .renderers import RENDERERS

    opt = RenderOptions(**options)
    renderer = RENDERERS.get(fmt)
    data = renderer.render(figure_dot(amap, opt), opt)
    return data if renderer.binary else data.decode("utf-8")


def values(amap: ArgumentMap, fmt: str = "svg", contexts: Iterable[str] | None = None,
                  **options: Any) -> str | bytes:
    """The value hierarchy's figure (see :func:`render` for *fmt* and *options*)."""
    from .figure import RenderOptions
    from .renderers import RENDERERS
    from .values_figure import values_dot

    opt = RenderOptions(**options)
    renderer = RENDERERS.get(fmt)
    data = renderer.render(values_dot(amap, opt, contexts=list(contexts) if contexts else None), opt)
    return data if renderer.binary else data.decode("utf-8")


def html(amap: ArgumentMap, **options: Any) -> str:
    """The self-contained interactive page (see :func:`argmap.page.build_page`)."""
    from .page import build_page

    return build_page(amap, **options)


def export(amap: ArgumentMap, to: str) -> str:
    """The map written in the interchange format *to* (see :func:`interchange_formats`)."""
    from .formats.registry import get

    return get(to).write(amap)


def interchange_formats() -> dict[str, tuple[bool, bool]]:
    """Every interchange format: name -> (readable, writable)."""
    from .formats.registry import FORMATS

    return {name: (bool(f.reader), bool(f.writer)) for name, f in FORMATS.items()}
