"""BibTeX references, read with bibtexparser (v2)."""
from __future__ import annotations

from ..errors import Diagnostic, LoadError, Location
from ..model import Reference


def read_bibtex(text: str, path: str) -> list[Reference]:
    """Parse BibTeX *text*; every entry becomes a :class:`Reference` keyed by its citation key."""
    import logging

    import bibtexparser
    from bibtexparser import middlewares as mw

    # the parser logs each failed block to stderr itself: they are reported below, located
    quiet = logging.getLogger("bibtexparser")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        library = bibtexparser.parse_string(text, append_middleware=[mw.LatexDecodingMiddleware()])
    except RecursionError:
        raise LoadError("BibTeX is nested too deeply", location=Location(path, 1, 1),
                        code="too-deep") from None
    except Exception as exc:  # the parser's own errors have no common base class
        raise LoadError(f"BibTeX could not be parsed: {_reason(exc)}", location=Location(path, 1, 1),
                        code="bibtex-syntax") from None
    finally:
        quiet.setLevel(level)
    diags = []
    for block in library.failed_blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        name = type(block).__name__
        if name == "DuplicateBlockKeyBlock":
            diags.append(Diagnostic(Location(path, line, 1), "duplicate-id",
                                    f"BibTeX key '{getattr(block, 'key', '?')}' is used by an "
                                    "earlier entry too"))
            continue
        if name == "DuplicateFieldKeyBlock":
            fields = ", ".join(sorted(getattr(block, "duplicate_keys", None) or ())) or "?"
            message = f"a field is given twice in this entry ({fields})"
        else:
            error = getattr(block, "error", None)
            message = getattr(error, "abort_reason", None) or _reason(error) or name
        diags.append(Diagnostic(Location(path, line, 1), "bibtex-syntax",
                                f"BibTeX entry could not be parsed: {message}"))
    from ..ids import REF_RE, REF_RULE

    lines = text.split("\n")
    refs = []
    for entry in library.entries:
        fields = {f.key.lower(): str(f.value) for f in entry.fields}
        line = getattr(entry, "start_line", 0) + 1
        loc = Location(path, line, 1)
        if not REF_RE.match(entry.key):
            where = lines[line - 1].find(entry.key) if line <= len(lines) else -1
            diags.append(Diagnostic(Location(path, line, where + 1 if where >= 0 else 1), "bad-id",
                                    f"BibTeX key {entry.key!r} cannot be cited from a map: {REF_RULE}"))
            continue
        refs.append(Reference(entry.key, fields.get("author") or fields.get("editor"),
                              fields.get("title"), fields.get("year"),
                              fields.get("url") or fields.get("doi"), fields.get("note"), loc,
                              from_bibtex=True))
    if diags:
        raise LoadError(diagnostics=sorted(diags, key=lambda d: (d.location.line, d.location.col)))
    return refs


def _reason(exc) -> str:
    """The last non-blank line of an exception's text (bibtexparser puts the reason there)."""
    lines = [l.strip() for l in str(exc or "").splitlines() if l.strip()]
    return lines[-1] if lines else ""


def write_bibtex(refs) -> str:
    """Write references as BibTeX ``@misc`` entries (the inverse of :func:`read_bibtex`)."""
    out = []
    for r in refs:
        fields = [(k, v) for k, v in (("author", r.author), ("title", r.title), ("year", r.year),
                                      ("url", r.url), ("note", r.note)) if v]
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
        out.append(f"@misc{{{r.id},\n{body}\n}}\n")
    return "\n".join(out)
