"""Pages for teaching: the HTML of ``argmap diff --format html`` and of a grade's feedback.

Layer: presentation (it draws with :mod:`argmap.figure` and inlines with :mod:`argmap.page`).

Each page is one self-contained HTML document (no script, no remote load: its
Content-Security-Policy allows only its own inline style, by hash), with a figure whose elements
are *marked*, beside a list.  Marks are greyscale-safe: each is a line style and a badge drawn
in the figure (``+`` added, ``−`` removed, ``~`` changed, a number for a mistake of the list),
never a colour alone.  All user text is escaped (:func:`html.escape`); the figures go through
:func:`argmap.page.inline_svg`, which refuses an SVG holding script.
"""
from __future__ import annotations

import dataclasses
import html as _html
import re
from collections.abc import Iterable, Mapping

from . import model as M
from .page import content_security_policy, inline_svg, svg_edges
from .vocab import RelationKind

__all__ = ["marked_figure", "page", "diff_page", "diff_figure_map", "feedback_page", "BADGES", "STYLE"]

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
    from .figure import RenderOptions, figure_dot, graphviz

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


# -- the feedback page of a grade ---------------------------------------------------------------------
def _model_missing(g) -> tuple[dict[str, str], dict[tuple[str, str, str], str]]:
    """What of the model the student did not draw: unaligned statements and relations not found."""
    from .argument_graph import argument_graph

    nodes = {mid: "missing" for mid in g.alignment.unmatched_right}
    back = g.alignment.backward
    s_graph = argument_graph(g.student)
    found_support = {(g.alignment.forward.get(p), g.alignment.forward.get(step.conclusion))
                     for step in s_graph.steps.values() for p in step.premises}
    edges: dict[tuple[str, str, str], str] = {}
    for step in argument_graph(g.model).steps.values():
        for p in step.premises:
            if (p, step.conclusion) not in found_support:
                key = (p, "premise", step.inference) if step.inference else (p, "supports", step.conclusion)
                edges[key] = "missing"
    s_rel = {(r.source, str(r.kind), r.target) for r in g.student.relations}
    for r in g.model.relations:
        if r.kind in (RelationKind.ATTACKS, RelationKind.CONTRADICTS):
            a, b = back.get(r.source), back.get(r.target)
            if (a, str(r.kind), b) not in s_rel and (b, str(r.kind), a) not in s_rel:
                edges[(r.source, str(r.kind), r.target)] = "missing"
        elif r.kind == RelationKind.UNDERCUTS:
            conclusion = g.model.inference_by_id[r.target].conclusion
            if (r.source, conclusion) not in _undercut_pairs(g):
                edges[(r.source, "undercuts", r.target)] = "missing"
    return nodes, edges


def _undercut_pairs(g) -> set[tuple[str, str]]:
    fwd, infs = g.alignment.forward, g.student.inference_by_id
    return {(fwd.get(r.source), fwd.get(infs[r.target].conclusion)) for r in g.student.relations
            if r.kind == RelationKind.UNDERCUTS and r.target in infs}


def _student_marks(g) -> tuple[dict[str, str], dict[tuple[str, str, str], str], dict[str, str]]:
    nodes: dict[str, str] = {}
    edges: dict[tuple[str, str, str], str] = {}
    badges: dict[str, str] = {}
    infs = g.student.inference_by_id
    for n, m in enumerate(g.mistakes, start=1):
        if m.edge:
            a, kind, b = m.edge
            if kind == "undercuts":
                b = next((r.target for r in g.student.relations if r.source == a and r.kind == kind
                          and infs[r.target].conclusion == b), b)
            edges[(a, kind, b)] = "mistake"
            if (a, kind, b) not in {(r.source, str(r.kind), r.target) for r in g.student.relations}:
                for inf in g.student.inferences:
                    if a in inf.premises and inf.conclusion == b:
                        edges[(a, "premise", inf.id)] = "mistake"
        target = m.student[0] if m.student else None
        if target:
            nodes.setdefault(target, "mistake")
            badges[target] = (badges[target] + "," if target in badges else "") + str(n)
    return nodes, edges, badges


def feedback_page(g, student_name: str, model_name: str) -> str:
    """The feedback page of a grade: the student's figure with each mistake marked by its number,
    beside the model's figure with what the student did not draw marked, then the scores, the
    mistakes (phrased for the student) and the alignment."""
    from .grade import score_lines

    nodes, edges, badges = _student_marks(g)
    mine = marked_figure(g.student, nodes, edges, svg_id="student-figure", badges=badges,
                         label=f"Your map, {student_name}, with the mistakes numbered")
    m_nodes, m_edges = _model_missing(g)
    theirs = marked_figure(g.model, m_nodes, m_edges, svg_id="model-figure",
                           label="The model map, with what your map does not have marked")
    items = "".join(f'<li><span class="op">{n}</span>{_html.escape(m.message[:1].upper() + m.message[1:])}.'
                    f' <span class="where">{_html.escape(str(m.location))} ({_html.escape(m.code)})</span></li>'
                    for n, m in enumerate(g.mistakes, start=1))
    mistakes = f'<ul class="changes">{items}</ul>' if items else "<p>No mistakes found.</p>"
    scores = "".join(f"<tr><td>{_html.escape(line.strip())}</td></tr>" for line in score_lines(g))
    pairs = "".join(f"<tr><td>{_html.escape(p.left)}</td><td>{_html.escape(p.right)}</td>"
                    f"<td>{p.score:.0%}</td><td>{_html.escape(p.how)}</td></tr>" for p in g.alignment.pairs)
    key = ('<p class="key">Your map: a number marks the statement or relation of each mistake in the '
           'list (dashed thick outline). The model: <b>?</b> and dash-dot lines mark what your map does '
           'not have.</p>')
    body = (f'<main class="two"><div class="fig"><h2>Your map</h2>{mine}</div>'
            f'<div class="fig"><h2>The model answer</h2>{theirs}{key}</div>'
            f'<div class="list"><h2>Score {g.score:.0%}</h2><h2>Mistakes</h2>{mistakes}'
            f'<h2>Scores</h2><table class="scores">{scores}</table>'
            f'<h2>How your statements were matched</h2><table class="scores"><tr><th>yours</th><th>model</th>'
            f'<th>similar</th><th>how</th></tr>{pairs}</table></div></main>')
    return page(f"Feedback on {student_name}", f"graded against {model_name}", body)
