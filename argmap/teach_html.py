"""Pages for teaching: the HTML of ``argmap diff --format html`` and of a grade's feedback.

Layer: presentation (it draws with :mod:`argmap.render` and inlines with :mod:`argmap.html`).

Each page is one self-contained HTML document (no script, no remote load: its
Content-Security-Policy allows only its own inline style, by hash), with a figure whose elements
are *marked*, beside a list.  Marks are greyscale-safe: each is a line style and a badge drawn
in the figure (``+`` added, ``−`` removed, ``~`` changed, a number for a mistake of the list),
never a colour alone.  All user text is escaped (:func:`html.escape`); the figures go through
:func:`argmap.html.inline_svg`, which refuses an SVG holding script.
"""
from __future__ import annotations

import dataclasses
import html as _html
import re
from collections.abc import Iterable, Mapping

from . import model as M
from .html import content_security_policy, inline_svg, svg_edges
from .vocab import RelationKind

__all__ = ["marked_figure", "page", "diff_page", "diff_figure_map", "BADGES", "STYLE"]

#: the badge drawn beside a marked element
BADGES = {"added": "+", "removed": "\u2212", "changed": "~", "missing": "?"}

STYLE = """
body { margin: 0; font: 15px/1.45 "DejaVu Sans", system-ui, sans-serif; color: #1d1d1f; background: #fbfaf7; }
header { padding: .8rem 1.2rem; border-bottom: 1px solid #d9d6cf; background: #fff; }
h1 { font: 600 1.3rem/1.2 "DejaVu Serif", Georgia, serif; margin: 0 0 .2rem; }
h2 { font: 600 1.05rem/1.2 "DejaVu Serif", Georgia, serif; margin: 1rem 0 .4rem; }
.sub { color: #555; margin: 0; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 0; }
main.two { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(18rem, 24rem); }
.fig { padding: .6rem; border-right: 1px solid #d9d6cf; overflow: auto; background: #fff; }
.fig svg { width: 100%; height: auto; }
.list { padding: .2rem 1.2rem 1.2rem; }
ul.changes { list-style: none; padding: 0; margin: 0; }
ul.changes li { margin: .25rem 0; padding-left: 1.6rem; text-indent: -1.6rem; }
.op { display: inline-block; width: 1.3rem; text-indent: 0; font: 700 1rem monospace; }
.detail { display: block; text-indent: 0; color: #444; font-size: .9em; white-space: pre-wrap; }
.where { color: #666; font: .8rem monospace; }
table.scores { border-collapse: collapse; }
table.scores td, table.scores th { border-bottom: 1px solid #e5e2da; padding: .2rem .6rem; text-align: left; }
.key { color: #555; font-size: .85rem; }
svg .mark-badge { font: 700 15px "DejaVu Sans", sans-serif; }
svg .mark-badge-bg { fill: #fff; stroke: #000; stroke-width: 1.2px; }
svg g.node.mark-added > :is(polygon, path, ellipse) { stroke-width: 4px; }
svg g.node.mark-removed > :is(polygon, path, ellipse) { stroke-dasharray: 6 4; stroke-width: 2px; }
svg g.node.mark-removed text { fill: #666; text-decoration: line-through; }
svg g.node.mark-changed > :is(polygon, path, ellipse) { stroke-width: 3px; stroke-dasharray: 1.5 2.5; }
svg g.node.mark-missing > :is(polygon, path, ellipse) { stroke-width: 3px; stroke-dasharray: 8 3 2 3; }
svg g.node.mark-mistake > :is(polygon, path, ellipse) { stroke-width: 4px; stroke-dasharray: 10 3; }
svg g.edge.mark-added path { stroke-width: 3.5px; }
svg g.edge.mark-removed path { stroke-dasharray: 2 5; stroke: #777; }
svg g.edge.mark-changed path, svg g.edge.mark-mistake path { stroke-width: 3.5px; stroke-dasharray: 1.5 3; }
svg g.edge.mark-missing path { stroke-width: 2.5px; stroke-dasharray: 8 3 2 3; }
@media print { main, main.two { display: block; } .fig { border: 0; } }
"""


def _svg_of(amap: M.ArgumentMap) -> str:
    from .render import RenderOptions, figure_dot, graphviz

    if not amap.statements:
        return ""
    quiet = dataclasses.replace(amap, relations=tuple(
        dataclasses.replace(r, note=None) if r.note else r for r in amap.relations))
    return graphviz(figure_dot(quiet, RenderOptions(title=False, ids=True)), "svg").decode("utf-8")


_NODE = re.compile(r'<g id="([^"]*)" class="(node[^"]*)">(.*?)</g>', re.S)
_EDGE_G = re.compile(r'<g id="e&#45;(\d+)" class="(edge[^"]*)">')
_ELLIPSE = re.compile(r'<ellipse[^>]*\scx="(-?[\d.]+)"[^>]*\scy="(-?[\d.]+)"[^>]*\srx="([\d.]+)"[^>]*\sry="([\d.]+)"')


def _corner(body: str) -> tuple[float, float] | None:
    """The top-left corner of a node's outline (the smallest x and y of its first shape)."""
    m = _ELLIPSE.search(body)
    if m and "<polygon" not in body:
        cx, cy, rx, ry = (float(x) for x in m.groups())
        return cx - rx, cy - ry
    shape = re.search(r'<(?:polygon|path)\b[^>]*>', body)
    if not shape:
        return None
    geometry = re.search(r'\s(?:points|d)="([^"]*)"', shape.group(0))
    nums = re.findall(r'(-?[\d.]+),(-?[\d.]+)', geometry.group(1)) if geometry else []
    if not nums:
        return None
    return min(float(x) for x, _ in nums), min(float(y) for _, y in nums)


def _badge(x: float, y: float, text: str) -> str:
    w = 9 + 8 * len(text)
    return (f'<rect class="mark-badge-bg" x="{x - 6:.1f}" y="{y - 12:.1f}" width="{w:.1f}" height="19" rx="4"/>'
            f'<text class="mark-badge" x="{x - 6 + w / 2:.1f}" y="{y + 2:.1f}" text-anchor="middle">'
            f"{_html.escape(text)}</text>")


def marked_figure(amap: M.ArgumentMap, nodes: Mapping[str, str], edges: Mapping[tuple[str, str, str], str],
                  *, svg_id: str, label: str, badges: Mapping[str, str] | None = None) -> str:
    """The figure of *amap* as inline SVG with marks: *nodes* maps a statement or inference id
    to a mark (``added``, ``removed``, ``changed``, ``missing``, ``mistake``), *edges* maps
    ``(source, kind, target)`` (kind: supports, attacks, undercuts, contradicts, or premise for a
    linked premise's edge to its inference) to a mark; *badges* overrides a node's badge text
    (a mistake's number)."""
    raw = _svg_of(amap)
    if not raw:
        return ""
    badges = dict(badges or {})
    edge_marks = {}
    for number, src, dst, kind in svg_edges(raw):
        mark = edges.get((src, kind, dst)) or (edges.get((dst, kind, src)) if kind == "contradicts" else None)
        if mark:
            edge_marks[number] = mark

    def node(m: re.Match) -> str:
        ident = _html.unescape(m.group(1))[2:] if m.group(1).startswith("n&#45;") else None
        mark = nodes.get(ident) if ident is not None else None
        if not mark:
            return m.group(0)
        body = m.group(3)
        corner = _corner(body)
        text = badges.get(ident, BADGES.get(mark, "!"))  # type: ignore[arg-type]
        badge = _badge(corner[0], corner[1], text) if corner else ""
        return f'<g id="{m.group(1)}" class="{m.group(2)} mark-{mark}">{body}{badge}</g>'

    def edge(m: re.Match) -> str:
        mark = edge_marks.get(int(m.group(1)))
        return m.group(0) if not mark else f'<g id="e&#45;{m.group(1)}" class="{m.group(2)} mark-{mark}">'
    clean = inline_svg(raw, svg_id=svg_id, label=label, keep_size=False)
    return _EDGE_G.sub(edge, _NODE.sub(node, clean))


def page(title: str, subtitle: str, body: str) -> str:
    """A complete, self-contained HTML document around *body* (already escaped HTML)."""
    doc = ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"@CSP@\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"argmap\">\n"
           f"<title>{_html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
           f"<header><h1>{_html.escape(title)}</h1><p class=\"sub\">{_html.escape(subtitle)}</p></header>\n"
           f"{body}\n</body>\n</html>\n")
    return doc.replace("@CSP@", _html.escape(content_security_policy(doc), quote=True), 1)


# -- the diff page ----------------------------------------------------------------------------------
def diff_figure_map(d) -> M.ArgumentMap:
    """The new map with what was removed put back (under ``removed.ID``), for one figure that
    shows both: removed statements, inferences and relations."""
    from .diff import REMOVED

    old = d.old
    removed_st = [dataclasses.replace(s, id=REMOVED + s.id) for s in old.statements
                  if REMOVED + s.id in d.removed]
    removed_inf = [M.Inference(REMOVED + i.id, tuple(d.merged_id(p) for p in i.premises),
                               d.merged_id(i.conclusion), i.scheme)
                   for i in old.inferences if REMOVED + i.id in d.removed]
    ids = {s.id for s in d.new.statements} | {s.id for s in removed_st}
    infs = {i.id for i in d.new.inferences} | {i.id for i in removed_inf}
    rels = [M.Relation(a, RelationKind(k), b) for a, k, b in sorted(d.removed_relations)
            if a in ids and (b in infs if k == RelationKind.UNDERCUTS else b in ids)]
    return dataclasses.replace(d.new, statements=d.new.statements + tuple(removed_st),
                               inferences=d.new.inferences + tuple(removed_inf),
                               relations=d.new.relations + tuple(rels))


def _diff_marks(d) -> tuple[dict[str, str], dict[tuple[str, str, str], str]]:
    nodes: dict[str, str] = {}
    for sid in d.changed:
        nodes[sid] = "changed"
    for sid in d.added:
        nodes[sid] = "added"
    for sid in d.removed:
        nodes[sid] = "removed"
    edges: dict[tuple[str, str, str], str] = {}
    for r in d.changed_relations:
        edges[r] = "changed"
    for r in d.added_relations:
        edges[r] = "added"
    for r in d.removed_relations:
        edges[r] = "removed"
    return nodes, edges


def change_items(changes: Iterable) -> str:
    out = []
    for c in changes:
        detail = "".join(f'<span class="detail">{_html.escape(x)}</span>' for x in c.detail)
        out.append(f'<li class="ch-{_html.escape(c.what)}"><span class="op" aria-label="{_OP_WORD[c.op]}">'
                   f"{_html.escape(c.op)}</span>{_html.escape(c.line)}{detail}</li>")
    return "<ul class=\"changes\">" + "".join(out) + "</ul>"


_OP_WORD = {"+": "added", "-": "removed", "~": "changed"}


def diff_page(d, old_name: str, new_name: str) -> str:
    """The HTML page of a diff: the figure of the new map with what was added, removed and
    changed marked, beside the list of changes by section."""
    from .diff import SECTION_TITLES, SECTIONS

    nodes, edges = _diff_marks(d)
    figure = marked_figure(diff_figure_map(d), nodes, edges, svg_id="diff-figure",
                           label=f"What changed from {old_name} to {new_name}")
    parts = []
    for name in SECTIONS:
        changes = d.section(name)
        if changes:
            parts.append(f"<h2>{_html.escape(SECTION_TITLES[name])}</h2>" + change_items(changes))
    if not parts:
        parts.append("<p>No differences.</p>")
    key = ('<p class="key">In the figure: <b>+</b> added (thick outline), <b>\u2212</b> removed '
           '(dashed, struck through), <b>~</b> changed (dotted outline); relations likewise.</p>')
    body = (f'<main><div class="fig">{figure}{key}</div>'
            f'<div class="list">{"".join(parts)}</div></main>')
    return page(f"Changes to {d.new.title}", f"{old_name} \u2192 {new_name}", body)
