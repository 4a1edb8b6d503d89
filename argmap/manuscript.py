"""The plain-text manuscript a map reconstructs: its lines and its citation markers.

A *marker* is a bracketed citation such as ``[17, p. 138]``.  The default syntax reads the
forms found in theses: ``[2. p. 34]``, ``[6, P.xi]``, ``[3]``, ``[114, p.253-254]``,
``[12, para. 45]``, ``[9, Art. 5]`` and several citations separated by ``;`` in one bracket.
Another syntax is given as a regular expression with a named group ``ref`` (and optionally
``pages``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property

from .document import read_text
from .errors import LoadError, Location

__all__ = ["Manuscript", "coverage", "source_path"]

BRACKET = re.compile(r"\[([^\[\]\n]{1,200})\]")
PIECE = re.compile(r"^\s*(?P<ref>\d+)\s*(?:[,.]\s*(?P<pages>.*?))?\s*$")


@dataclass(frozen=True)
class Marker:
    line: int
    col: int
    ref: str
    pages: str | None
    text: str


class Manuscript:
    def __init__(self, path: str, text: str, marker_regex: str | None = None):
        self.path = path
        self.lines = text.split("\n")
        if self.lines and self.lines[-1] == "":
            self.lines.pop()
        self.marker_regex = re.compile(marker_regex) if marker_regex else None

    @classmethod
    def read(cls, path: str, marker_regex: str | None = None) -> "Manuscript":
        if marker_regex:
            try:
                rx = re.compile(marker_regex)
            except re.error as exc:
                raise LoadError(f"bad marker pattern: {exc}", location=Location("<marker-regex>", 1, 1),
                                code="marker-regex") from None
            if "ref" not in rx.groupindex:
                raise LoadError("the marker pattern needs a named group 'ref'",
                                location=Location("<marker-regex>", 1, 1), code="marker-regex")
        return cls(path, read_text(path), marker_regex)

    @property
    def line_count(self) -> int:
        return len(self.lines)

    @cached_property
    def markers(self) -> list[Marker]:
        out = []
        for i, line in enumerate(self.lines, 1):
            if self.marker_regex is not None:
                for m in self.marker_regex.finditer(line):
                    out.append(Marker(i, m.start() + 1, m.group("ref"),
                                      m.groupdict().get("pages"), m.group(0)))
                continue
            for m in BRACKET.finditer(line):
                for piece in m.group(1).split(";"):
                    pm = PIECE.match(piece)
                    if pm:
                        out.append(Marker(i, m.start() + 1, pm.group("ref"), pm.group("pages"),
                                          m.group(0)))
        return out

    @cached_property
    def markers_by_line(self) -> dict[int, list[Marker]]:
        out: dict[int, list[Marker]] = {}
        for m in self.markers:
            out.setdefault(m.line, []).append(m)
        return out


def coverage(amap, ms: Manuscript) -> dict:
    """Coverage of the manuscript by the map: statements, lines, citation numbers."""
    lines = {ln for s in amap.statements for ln in s.lines}
    nonblank = {i for i, line in enumerate(ms.lines, 1) if line.strip()}
    carried = {(ln, c.ref) for s in amap.statements for ln in s.lines for c in s.cites}
    markers = ms.markers
    present = {m.ref for m in markers}
    attached = {m.ref for m in markers if (m.line, m.ref) in carried}
    return {
        "statements": len(amap.statements),
        "lines_covered": len(lines & nonblank), "lines_nonblank": len(nonblank),
        "markers": len(markers),
        "markers_attached": sum(1 for m in markers if (m.line, m.ref) in carried),
        "citation_numbers_present": len(present), "citation_numbers_attached": len(attached),
    }


def source_path(amap, *, normalize: bool = True) -> str | None:
    """The manuscript a map names (``source.file``, relative to the map's file), when it
    exists as a file; with *normalize*, the path without ``..`` steps."""
    if amap.source_file and amap.path:
        candidate = os.path.join(os.path.dirname(amap.path), amap.source_file)
        if normalize:
            candidate = os.path.normpath(candidate)
        if os.path.isfile(candidate):
            return candidate
    return None
