"""The output formats of figures: a registry of renderers that turn DOT text into a file, and
the one place that runs Graphviz (deterministically: no timestamps in SVG, PDF or PNG).

Kept apart from :mod:`argmap.figure` (which draws the DOT) so that the command line can offer
``-f`` choices without importing the drawing code at start-up.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Location, RenderError
from .registry import Registry

__all__ = ["Renderer", "RENDERERS", "graphviz", "png_with_dpi"]


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
        return graphviz(dot_text, fmt, dpi=dpi)
    return run


# -- Graphviz -----------------------------------------------------------------------------------
def graphviz(dot_text: str, fmt: str, *, dpi: int = 300, engine: str = "dot", timeout: float = 600) -> bytes:
    """Run Graphviz on *dot_text*; errors become one RenderError."""
    exe = shutil.which(engine)
    if exe is None:
        raise RenderError(f"Graphviz '{engine}' is not installed (apt-get install graphviz); "
                          "the DOT file was written", location=Location("<graphviz>"), code="graphviz-missing")
    args = [exe, f"-T{fmt}"]
    if fmt == "pdf":
        args = [exe, "-Tpdf:cairo"]
    if fmt == "png":
        args = [exe, "-Tpng:cairo", f"-Gdpi={dpi}"]
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")
    try:
        proc = subprocess.run(args, input=dot_text.encode("utf-8"), capture_output=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {timeout:g} s; draw a smaller view "
                          "(--section, --focus)", location=Location("<graphviz>"), code="graphviz-timeout") from None
    if proc.returncode != 0 or not proc.stdout:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        msg = [m for m in msg if m.strip()]
        raise RenderError("Graphviz failed: " + (msg[-1] if msg else f"exit code {proc.returncode}"),
                          location=Location("<graphviz>"), code="graphviz")
    out = proc.stdout
    if fmt == "pdf":
        out = _deterministic_pdf(out)
    if fmt == "png":
        out = png_with_dpi(out, dpi)
    return out


def png_with_dpi(data: bytes, dpi: int) -> bytes:
    """Record the resolution in the PNG (a pHYs chunk after IHDR), so that page-layout programs
    place a 300 dpi figure at its printed size; cairo's PNGs do not carry one."""
    import struct
    import zlib

    if not data.startswith(b"\x89PNG\r\n\x1a\n") or b"pHYs" in data[:64]:
        return data
    ihdr_end = 8 + 8 + 13 + 4   # signature, IHDR length+type, IHDR data, CRC
    ppm = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    return data[:ihdr_end] + chunk + data[ihdr_end:]


def _deterministic_pdf(data: bytes) -> bytes:
    """Drop the creation date that some cairo versions write despite SOURCE_DATE_EPOCH."""
    return re.sub(rb"/CreationDate \(D:[^)]*\)", b"/CreationDate (D:19700101000000Z)", data)


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
