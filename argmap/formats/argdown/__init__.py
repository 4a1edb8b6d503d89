"""Argdown (the classic syntax of ``@argdown/cli`` 1.x): ``read_argdown`` / ``write_argdown``.

The reader is a port of the Argdown 1.7.5 lexer, parser and model builder
(``@argdown/core``: ``lexer.js``, ``parser.js``, ``ModelPlugin.js``; MIT licence), so a file
means in argmap what it means in Argdown: the same statements (equivalence classes), arguments
and relations as ``argdown json`` exports.  Reading goes through one module per step:

* :mod:`.lexer`: the text as Argdown's tokens;
* :mod:`.parser`: the tokens as Argdown's syntax tree;
* :mod:`.model`: the tree as Argdown's model (equivalence classes, arguments with their
  premise-conclusion structures, relations, sections), with the YAML data read by :mod:`.data`;
* :mod:`.mapper`: the model as an argmap map (claims, premises, objections, inferences,
  supports, attacks, undercuts), with warnings for what changes on the way (its docstring
  gives the mapping).

:mod:`.writer` writes a map as classic Argdown that ``@argdown/cli`` 1.7.5 accepts and that
reads back to the same map.

Argdown+ (2.x) files are not classic Argdown: their constructs (``[?Question]``, ``<@``,
``=>``, ...) are reported as located errors naming the construct (:mod:`.plus`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...errors import Diagnostic, LoadError, Location
from .._common import Collector, guard, raise_or_return
from .lexer import EOF, TOKEN_NAMES, Lexer
from .mapper import ArgdownImport, Mapper
from .model import Model
from .parser import ParseError, Parser
from .plus import PLUS_HINT, declared_syntax, plus_errors
from .writer import write_argdown

if TYPE_CHECKING:
    from ...model import ArgumentMap

__all__ = ["read_argdown", "read_argdown_with_diagnostics", "read_argdown_detailed", "write_argdown",
           "sniff_argdown", "ArgdownImport"]


def read_argdown_detailed(text: str, path: str = "<string>") -> ArgdownImport:
    """The import with everything learnt on the way: the map (or None), the diagnostics, the ids
    given to Argdown's titles, Argdown's own relations and texts (as ``argdown json`` has them)."""
    return guard(_import, text, path)


def read_argdown_with_diagnostics(text: str, path: str = "<string>") -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """``(map or None, diagnostics)``: warnings for structures imported with a change."""
    result = read_argdown_detailed(text, path)
    return result.amap, result.diagnostics


def read_argdown(text: str, path: str = "<string>") -> ArgumentMap:
    """Read classic Argdown; raise LoadError (located diagnostics) when it cannot be imported."""
    return raise_or_return(read_argdown_with_diagnostics(text, path))


def sniff_argdown(text: str) -> bool:
    """Whether *text* looks like Argdown: a statement or argument definition, a numbered statement
    or an inference line near the start (and not a JSON or argmap YAML document)."""
    head = text.lstrip("\ufeff")[:4000]
    if head.lstrip().startswith("{"):
        return False
    return bool(re.search(r"^\s*(?:\[[^\]\n]+\]:|<[^>\n]+>:|\(\d+\)\s|-{4,}\s*$)", head, re.M)) and \
        not re.match(r"\s*(?:argmap|title)\s*:", head)


def _import(text: str, path: str) -> ArgdownImport:
    """Lex, parse, build Argdown's model and map it; Argdown+ and syntax errors are located errors."""
    result = ArgdownImport()
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise LoadError("the Argdown file is empty", location=Location(path, 1, 1), code="empty")
    syntax, fm_line = declared_syntax(text)
    if syntax and "+" in syntax:
        diags = plus_errors(text, path) or [Diagnostic(
            Location(path, fm_line, 1), "argdown-plus",
            f"the front matter asks for the '{syntax}' syntax, which is not classic Argdown", "error",
            PLUS_HINT)]
        raise LoadError(diagnostics=diags)
    lexer = Lexer(text, path)
    try:
        tokens = lexer.run()
        ast = Parser(tokens, text, lexer).argdown()
    except LoadError as exc:
        loc = exc.diagnostics[0].location
        raise LoadError(diagnostics=plus_errors(text, path, loc.line) or exc.diagnostics) from None
    except ParseError as exc:
        tok = exc.token
        plus = plus_errors(text, path, tok.line)
        if plus:
            raise LoadError(diagnostics=plus) from None
        found = "the end of the file" if tok.type == EOF else \
            TOKEN_NAMES.get(tok.type) or repr(tok.image.strip() or tok.image)
        raise LoadError(exc.message or f"Argdown syntax error: expected {exc.expected}, found {found}",
                        location=Location(path, tok.line, tok.col), code="argdown-syntax") from None
    model = Model(path, c)
    model.walk(ast)
    c.raise_if_errors()
    model.run()
    Mapper(model, c, result).run()
    return result
