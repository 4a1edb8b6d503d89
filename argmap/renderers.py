"""The output formats of figures: a registry of renderers that turn DOT text into a file.

Kept apart from :mod:`argmap.render` (which draws the DOT) so that the command line can offer
``-f`` choices without importing the drawing code at start-up.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .registry import Registry

__all__ = ["Renderer", "RENDERERS"]


@dataclass(frozen=True)
class Renderer:
    """A figure format: *binary* when the output is not text; *run* makes it from DOT text."""

    name: str
    binary: bool
    description: str
    run: Callable[[str, int], bytes]

    def render(self, dot_text: str, opt: Any = None) -> bytes:
        """The figure in this format; *opt* (render options) gives the PNG resolution."""
        return self.run(dot_text, getattr(opt, "dpi", 300))


def _graphviz(fmt: str) -> Callable[[str, int], bytes]:
    def run(dot_text: str, dpi: int) -> bytes:
        from .render import graphviz
        return graphviz(dot_text, fmt, dpi=dpi)
    return run


def _dot(dot_text: str, dpi: int) -> bytes:
    return dot_text.encode("utf-8")


RENDERERS: Registry[Renderer] = Registry("figure format")
for _r in (
    Renderer("svg", False, "scalable vector graphics (for the web and LaTeX via svg)", _graphviz("svg")),
    Renderer("pdf", True, "PDF with embedded fonts, no margin (for print)", _graphviz("pdf")),
    Renderer("png", True, "PNG at 300 dpi", _graphviz("png")),
    Renderer("dot", False, "Graphviz DOT source", _dot),
):
    RENDERERS.add(_r.name, _r)
