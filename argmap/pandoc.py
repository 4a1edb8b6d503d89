"""``argmap pandoc-filter``: argument maps in Markdown, through Pandoc.

Layer: top (beside the CLI); it draws with :mod:`argmap.figure`.

A JSON filter (Pandoc gives it the document's abstract syntax tree as JSON on stdin and reads
it back from stdout) that turns each fenced code block of class ``argmap`` into a figure::

    ```argmap
    argmap: 1
    title: A map written in place
    statements: ...
    ```

    ```{.argmap path="graphs/icc-thesis.yaml" section="2.4" caption="Chapter 2.4"}
    ```

The block holds a map in YAML, or names one with ``path`` (relative to where Pandoc runs),
either as attributes of the block or as ``key=value`` words in its body
(``path=graphs/icc-thesis.yaml section=2.4``).  The other keys choose the view and the look,
as the options of ``argmap render`` do: ``section``, ``focus``, ``depth``, ``theme``,
``width``, ``legend``, ``ids``, ``rankdir``, ``clusters``, ``no-title`` (true/false);
``caption`` is the figure's caption (default: the map's title).

For HTML output the figure is inlined as SVG in a ``<figure>``; for LaTeX, Beamer and PDF it is
written as a PDF file (for any other output, PNG) into the folder ``argmap-figures/`` (or
``$ARGMAP_FIGURES``) and included as an image with its caption.  A map that does not load stops
Pandoc with the located errors on stderr.

Use it as ``pandoc --filter argmap-pandoc-filter`` (the console script), or in a pipe:
``pandoc -t json doc.md | argmap pandoc-filter html | pandoc -f json -o doc.html``.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from typing import Any

from .errors import ArgmapError, Location, ValidationError

__all__ = ["filter_document", "figure_block", "main", "FIGURES"]

FIGURES = "argmap-figures"
_BOOL = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_OPTIONS = {"section": str, "focus": str, "depth": int, "theme": str, "rankdir": str,
            "legend": bool, "ids": bool, "clusters": bool, "no-title": bool, "width": str, "wrap": int}
_WORD = re.compile(r'([A-Za-z][A-Za-z-]*)=("[^"]*"|\S+)')


def _inlines(text: str) -> list[dict]:
    out: list[dict] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def _settings(attrs: list, body: str) -> tuple[dict[str, str], str | None]:
    """The block's keys (attributes, or ``key=value`` words of a body that is not a map) and
    its inline map (None when the block names a file)."""
    keys = {k: v for k, v in attrs}
    text = body.strip()
    if text and not re.search(r"^\s*argmap\s*:", text, re.M) and _WORD.match(text):
        keys.update((k, v.strip('"')) for k, v in _WORD.findall(text))
        text = ""
    return keys, (body if text else None)


def _options(keys: dict[str, str], where: str):
    from .figure import RenderOptions, parse_width

    kw: dict[str, Any] = {}
    for key, value in keys.items():
        if key in ("path", "caption"):
            continue
        kind = _OPTIONS.get(key)
        if kind is None:
            raise ValidationError(f"unknown key '{key}' in an argmap block; keys: path, caption, "
                                  + ", ".join(_OPTIONS), location=Location(where), code="pandoc-block")
        if kind is bool:
            if value.lower() not in _BOOL:
                raise ValidationError(f"'{key}' must be true or false, not {value!r}",
                                      location=Location(where), code="pandoc-block")
            kw[key.replace("-", "_")] = _BOOL[value.lower()]
        elif kind is int:
            kw[key] = int(value) if value.isdigit() else value
        elif key == "width":
            try:
                kw["width"] = parse_width(value)
            except ValueError as exc:
                raise ValidationError(str(exc), location=Location(where), code="pandoc-block") from None
        else:
            kw[key] = value
    if "no_title" in kw:
        kw["title"] = not kw.pop("no_title")
    return RenderOptions(**kw)


def figure_block(attrs: list, body: str, fmt: str, index: int) -> dict:
    """The figure that replaces one ``argmap`` code block, for output format *fmt*."""
    from .figure import figure_dot, graphviz

    keys, inline = _settings(attrs, body)
    where = keys.get("path") or f"<argmap block {index}>"
    amap = _load(keys, inline, where)
    opt = _options(keys, where)
    caption = keys.get("caption") or amap.title + (f", section {opt.section}" if opt.section else "")
    dot_text = figure_dot(amap, opt)
    if fmt.startswith(("html", "epub", "revealjs", "slidy", "s5", "dzslides")):
        svg = graphviz(dot_text, "svg").decode("utf-8")
        svg = re.sub(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", "", svg)
        svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
        from html import escape
        html = (f'<figure class="argmap">\n{svg}<figcaption>{escape(caption)}</figcaption>\n</figure>')
        return {"t": "RawBlock", "c": ["html", html]}
    ext = "pdf" if fmt in ("latex", "beamer", "context", "pdf") else "png"
    data = graphviz(dot_text, ext)
    folder = os.environ.get("ARGMAP_FIGURES", FIGURES)
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, f"argmap-{index}-{hashlib.sha256(data).hexdigest()[:12]}.{ext}")
    with open(target, "wb") as fh:
        fh.write(data)
    image = {"t": "Image", "c": [["", [], []], _inlines(caption), [target, "fig:"]]}
    return {"t": "Para", "c": [image]}


def _load(keys: dict[str, str], inline: str | None, where: str):
    from .formats.registry import load_any
    from .loader import loads_with_diagnostics

    if inline is not None:
        amap, diags = loads_with_diagnostics(inline, where)
    elif "path" in keys:
        amap, diags = load_any(keys["path"])
    else:
        raise ValidationError("an argmap block needs a map (YAML in the block) or path=FILE",
                              location=Location(where), code="pandoc-block")
    if amap is None:
        raise ValidationError(diagnostics=[d for d in diags if d.severity == "error"] or diags)
    return amap


def filter_document(doc: Any, fmt: str) -> Any:
    """*doc* (Pandoc's JSON AST) with every ``argmap`` code block replaced by its figure."""
    count = [0]

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        if node.get("t") == "CodeBlock":
            (_, classes, attrs), body = node["c"]
            if "argmap" in classes:
                count[0] += 1
                return figure_block(attrs, body, fmt, count[0])
            return node
        return {k: walk(v) for k, v in node.items()}

    return walk(doc)


def main(argv: list[str] | None = None) -> int:
    """Filter stdin to stdout; the first argument is the output format (as Pandoc passes it)."""
    args = sys.argv[1:] if argv is None else argv
    fmt = args[0] if args else "html"
    doc = json.load(sys.stdin)
    try:
        out = filter_document(doc, fmt)
    except ArgmapError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        return 1
    json.dump(out, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
