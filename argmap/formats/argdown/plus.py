"""Argdown+ (the syntax of Argdown 2.x): its constructs are recognised only to be refused.

argmap reads classic Argdown.  A file in Argdown+ (questions ``[?...]``, citations ``<@``,
implications ``=>``, ...) would read as something else, so each construct is reported as a
located error that names it, and a front matter asking for the ``argdown+`` syntax is refused.
"""
from __future__ import annotations

import re

from ...errors import Diagnostic, Location
from .data import front_matter_body

__all__ = ["PLUS_HINT", "PLUS_RELATIONS", "declared_syntax", "plus_errors"]


PLUS_RELATIONS = {"!>": "answers", "<!": "is answered by", "?>": "questions", "<?": "is questioned by",
                  "=>": "implies", "<=": "is implied by", ":>": "specifies", "<:": "is specified by",
                  "%>": "is an example of", "<%": "has the example", "~=": "potentially equal",
                  "<@": "citation", "@>": "citation"}
_PLUS_RELATION_RE = re.compile(r"^[ \t]*(" + "|".join(re.escape(k) for k in PLUS_RELATIONS) + r")(?=\s)")
_PLUS_TITLE_RE = re.compile(r"\[([?@>])[^\]\s]")
_PLUS_TITLES = {"?": "the Argdown+ question title '[?...]'", "@": "the Argdown+ reference title '[@...]'",
                ">": "the Argdown+ excerpt title '[>...]'"}
_PLUS_EXCERPT_RE = re.compile(r"(?<![<>])>>[ \t]*$")


def _plus_constructs(line_text: str) -> list[tuple[int, str]]:
    """Argdown+ constructs on one line: (column, description)."""
    found = []
    m = _PLUS_RELATION_RE.match(line_text)
    if m:
        op = m.group(1)
        found.append((m.start(1) + 1, f"the Argdown+ relation '{op}' ({PLUS_RELATIONS[op]})"))
    for m in _PLUS_TITLE_RE.finditer(line_text):
        found.append((m.start() + 1, _PLUS_TITLES[m.group(1)]))
    m = _PLUS_EXCERPT_RE.search(line_text)
    if m:
        found.append((m.start() + 1, "the Argdown+ excerpt block marker '>>'"))
    return found


PLUS_HINT = ("argmap reads classic Argdown (the syntax of @argdown/cli 1.x); Argdown+ "
             "(parser.syntax: argdown+) is not supported")


def declared_syntax(text: str) -> tuple[str | None, int]:
    m = re.match(r"\s*(===+[\s\S]*?===+)", text)
    if not m:
        return None, 1
    import yaml
    try:
        data = yaml.load(front_matter_body(m.group(1)),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return None, 1   # reported, located, when the front matter is read
    parser = data.get("parser") if isinstance(data, dict) else None
    syntax = parser.get("syntax") if isinstance(parser, dict) else None
    line = text[: m.start(1)].count("\n") + 1
    return (str(syntax) if syntax is not None else None), line


def plus_errors(text: str, path: str, only_line: int | None = None) -> list[Diagnostic]:
    diags = []
    for n, line_text in enumerate(re.split(r"\r\n|\n|\r", text), start=1):
        if only_line is not None and n != only_line:
            continue
        for col, what in _plus_constructs(line_text):
            diags.append(Diagnostic(Location(path, n, col), "argdown-plus",
                                    f"{what} is not classic Argdown", "error", PLUS_HINT))
    return diags
