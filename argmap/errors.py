"""Located diagnostics and the exception hierarchy.

Every problem argmap reports about an input is a :class:`Diagnostic`: a path, a line and a
column (1-based), a severity, a short code and a message, printed as
``path:line:col: severity[code]: message``.  Exceptions carry one or more of them.

``ArgmapError`` is the root; ``LoadError`` (the input cannot be read or parsed),
``ValidationError`` (the input parses but is not a valid map) and ``RenderError`` (drawing or
writing an output failed) are the families callers catch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence

__all__ = ["Location", "Diagnostic", "ArgmapError", "LoadError", "ValidationError", "RenderError",
           "sorted_diagnostics"]

# every character str.splitlines() breaks a line at
_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


class Location(NamedTuple):
    """Where an element was written: a file and a 1-based line and column.

    A named tuple rather than a dataclass: a large map has millions of them, and tuples are
    cheap to make."""

    path: str = "<unknown>"
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One located finding: an error, a warning or a piece of information."""

    location: Location
    code: str
    message: str
    severity: str = "error"
    hint: str | None = None

    def format(self) -> str:
        # one diagnostic, one line: line breaks in a message (user text quoted in it) or in a
        # path are shown escaped, so that every printed line parses as path:line:col: ...
        text = f"{self.location}: {self.severity}[{self.code}]: {self.message}"
        if _BREAKS.search(text):
            text = _BREAKS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
        return text

    def __str__(self) -> str:
        return self.format()

    def sort_key(self):
        loc = self.location
        return (loc.path, loc.line, loc.col, self.code, self.message)


class ArgmapError(Exception):
    """Root of every error argmap raises on purpose.  Holds at least one diagnostic."""

    default_code = "error"

    def __init__(self, message: str | None = None, *, location: Location | None = None,
                 code: str | None = None, diagnostics: Sequence[Diagnostic] | None = None,
                 hint: str | None = None):
        if diagnostics:
            self.diagnostics = tuple(diagnostics)
        else:
            self.diagnostics = (Diagnostic(location or Location(), code or self.default_code,
                                           message or "", "error", hint),)
        super().__init__(self.format())

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def format(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


class LoadError(ArgmapError):
    """The input could not be read or parsed (missing file, bad encoding, syntax error)."""

    default_code = "load"


class ValidationError(ArgmapError):
    """The input parsed but does not describe a valid map (unknown ids, bad fields, ...)."""

    default_code = "invalid"


class RenderError(ArgmapError):
    """A figure, page or export could not be produced or written."""

    default_code = "render"


def sorted_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=Diagnostic.sort_key)
