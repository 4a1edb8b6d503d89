"""BibTeX bibliographies: the map loader's reader of a map's ``bibtex:`` file, and a writer.

A **reference** is a cited work; a statement *cites* it by its key.  A BibTeX file gives one
entry per work (``@book{Doe:2020, author = {...}, title = {...}, year = {2020}}``): the
citation key becomes the reference's id, and ``author`` (else ``editor``), ``title``, ``year``,
``url`` (else ``doi``) and ``note`` its fields.  The text is parsed with bibtexparser (v2),
LaTeX accents decoded.  Every problem (a block the parser cannot read, a key used twice, a
field given twice in one entry, a key that cannot be cited from a map) is a located
diagnostic, all of them raised together in one :class:`~argmap.errors.LoadError`.

This module sits below the map loader and the interchange formats: it imports neither.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import Diagnostic, LoadError, Location
from .ids import REF_RE, REF_RULE
from .model import Reference

__all__ = ["read_bibtex", "write_bibtex"]


def read_bibtex(text: str, path: str) -> list[Reference]:
    """Parse BibTeX *text*; every entry becomes a :class:`Reference` keyed by its citation key."""
    library = _parse(text, path)
    diags = [_failed_block(block, path) for block in library.failed_blocks]
    refs = _references(library.entries, text, path, diags)
    if diags:
        raise LoadError(diagnostics=sorted(diags, key=lambda d: (d.location.line, d.location.col)))
    return refs


def _parse(text: str, path: str) -> Any:
    """The bibtexparser library of *text*; a text the parser gives up on is a LoadError."""
    import logging

    import bibtexparser
    from bibtexparser import middlewares as mw

    # the parser logs each failed block to stderr itself: they are reported by the caller, located
    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        return bibtexparser.parse_string(text, append_middleware=[mw.LatexDecodingMiddleware(decoder=_decoder())])
    except RecursionError:
        raise LoadError("BibTeX is nested too deeply", location=Location(path, 1, 1),
                        code="too-deep") from None
    except Exception as exc:  # the parser's own errors have no common base class
        raise LoadError(f"BibTeX could not be parsed: {_reason(exc)}", location=Location(path, 1, 1),
                        code="bibtex-syntax") from None
    finally:
        quiet.setLevel(level)


def _decoder() -> Any:
    """pylatexenc's LaTeX-to-text converter, told that hyperref's ``\\href{url}{text}`` takes two
    arguments: its parser does not know it, and the converter then failed on every entry that
    used it ("list index out of range"), so that the whole map could not be loaded.  It becomes
    ``text <url>``, as pylatexenc means it to."""
    from pylatexenc import latexwalker, macrospec  # type: ignore[import-untyped]
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db  # type: ignore[import-untyped]

    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category("hyperref", prepend=True, macros=[macrospec.MacroSpec("href", "{{")])
    text_db = get_default_latex_context_db()
    text_db.add_context_category("hyperref", prepend=True, macros=[MacroTextSpec("href", simplify_repl=_href)])

    class Decoder(LatexNodes2Text):
        def latex_to_text(self, latex: str, **parse_flags: Any) -> str:
            parse_flags.setdefault("latex_context", walker_db)
            return super().latex_to_text(latex, **parse_flags)

    return Decoder(latex_context=text_db)


def _href(node: Any, l2tobj: Any) -> str:
    """``\\href{url}{text}`` as ``text <url>``; a bare ``\\href`` (no arguments) as nothing."""
    args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    url, text = (args + [None, None])[:2]
    shown = l2tobj.nodelist_to_text([text]) if text is not None else ""
    return f"{shown} <{l2tobj.nodelist_to_text([url])}>" if url is not None else shown


def _failed_block(block: Any, path: str) -> Diagnostic:
    """The diagnostic for one block the parser could not read (a duplicate key or field, a
    syntax error), at the block's first line."""
    line = (getattr(block, "start_line", 0) or 0) + 1
    name = type(block).__name__
    if name == "DuplicateBlockKeyBlock":
        return Diagnostic(Location(path, line, 1), "duplicate-id",
                          f"BibTeX key '{getattr(block, 'key', '?')}' is used by an earlier entry too")
    if name == "DuplicateFieldKeyBlock":
        fields = ", ".join(sorted(getattr(block, "duplicate_keys", None) or ())) or "?"
        message = f"a field is given twice in this entry ({fields})"
    else:
        error = getattr(block, "error", None)
        message = getattr(error, "abort_reason", None) or _reason(error) or name
    return Diagnostic(Location(path, line, 1), "bibtex-syntax", f"BibTeX entry could not be parsed: {message}")


def _references(entries: Iterable[Any], text: str, path: str, diags: list[Diagnostic]) -> list[Reference]:
    """The entries as references; an entry whose key breaks the reference-key rule is left out
    with a diagnostic (added to *diags*) at the key."""
    lines = text.split("\n")
    refs = []
    for entry in entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        line = getattr(entry, "start_line", 0) + 1
        if not REF_RE.match(entry.key):
            where = lines[line - 1].find(entry.key) if line <= len(lines) else -1
            diags.append(Diagnostic(Location(path, line, where + 1 if where >= 0 else 1), "bad-id",
                                    f"BibTeX key {entry.key!r} cannot be cited from a map: {REF_RULE}"))
            continue
        refs.append(Reference(entry.key, fields.get("author") or fields.get("editor"),
                              fields.get("title"), fields.get("year"),
                              fields.get("url") or fields.get("doi"), fields.get("note"),
                              Location(path, line, 1), from_bibtex=True))
    return refs


def _reason(exc: object) -> str:
    """The last non-blank line of an exception's text (bibtexparser puts the reason there)."""
    lines = [line.strip() for line in str(exc or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def write_bibtex(refs: Iterable[Reference]) -> str:
    """Write references as BibTeX ``@misc`` entries (the inverse of :func:`read_bibtex`)."""
    out = []
    for r in refs:
        fields = [(k, v) for k, v in (("author", r.author), ("title", r.title), ("year", r.year),
                                      ("url", r.url), ("note", r.note)) if v]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        out.append(f"@misc{{{r.id},\n{body}\n}}\n")
    return "\n".join(out)
