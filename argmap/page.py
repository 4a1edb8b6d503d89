"""The interactive HTML explorer: one self-contained page per map, for reading and teaching.

``build_page(amap)`` returns the page as a string.  The page works offline, opened from disk:

* the map is drawn by Graphviz in the style of the figures (``figure_dot`` + ``graphviz``) and
  inlined as SVG; the value hierarchy likewise, when the map has values;
* the map's data (statements, relations, inferences, sections, references, values, the check
  findings, the evaluation with its explanations, the outline and the tour) is embedded as JSON in
  ``<script type="application/json" id="argmap-data">``;
* the outline (the argument as nested lists: thesis first, then its reasons and objections,
  recursively) and the check findings are rendered server-side, so that they are the page's text
  equivalent, readable and printable without scripts;
* a small vanilla script and style sheet, read from the templates folder, are inlined.  Nothing
  is loaded from anywhere: the Content-Security-Policy allows no remote load, and the inline
  script and styles are allowed by their SHA-256 hashes (computed here), not by ``unsafe-inline``.

Escaping, everywhere map text lands: HTML through Jinja2 with autoescape on; the SVG through
argmap's escaped Graphviz labels (and a check that the SVG holds no script, event handler or
foreign object); the JSON with ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\u`` escapes, so
that no text can close the script element.  The page's script inserts text with ``textContent``.

The page is deterministic: the same map gives byte-identical HTML.

Large maps: the page always draws the whole figure (Graphviz, with the layout limits
``render`` sets above ``LARGE_MAP`` statements; a generated 2,000-statement map lays out in a few
seconds).  What makes a large figure slow in the browser is laying out its thousands of SVG text
elements, so the page draws a statement's text only when it is large enough to read and near
the view (level of detail), the statement list is rendered 80 entries at a time as it scrolls,
and the hidden tabs cost no layout.  The SVG is slimmed as it is inlined (no tooltips, no
comments, repeated font attributes moved to the root).  See ``bench/bench_html.py``.

The **outline** is depth-first: each statement is expanded where it first appears (its later
appearances point back to it), which guards against cycles and keeps shared sub-arguments from
being repeated.  The generated **guided tour** follows the outline's order (depth-first,
pre-order) through the top two levels of the thesis tree (the thesis, what bears on it, and
what bears on that; linked premises count as one level), so each step is a reason for, or an
objection to, a statement already shown, and a reader can follow the tour in the printed
outline.  When the thesis itself attacks a position (the view the map argues against), that
position is the tour's second step.  A teacher's ``tour:`` in the map replaces the generated
tour.  Statements that the thesis does not reach are listed in the outline after the thesis
tree; the generated tour covers the thesis tree only.

The **exercise** page (``build_page(amap, exercise="types")`` or ``"targets"``) hides the
evaluation, the checks, the outline, the tour and the statement kinds but the thesis; the
figure is drawn in one neutral style.  With ``types`` the relations are drawn without their
types and the student classifies each one; with ``targets`` the relations are not drawn and
the student picks each one's target.  Each answer is checked at once in the page (no server)
with a short explanation, and a score is kept.  The answer key is embedded encoded (base64 of
the JSON, reversed): not security, only no spoiler in the page's text.
"""
from __future__ import annotations

import base64
import hashlib
import html as _html
import json
import os
import re
from functools import cached_property

from . import model as M
from .argument_graph import argument_graph
from .errors import Location, RenderError
from .vocab import STATEMENT_KINDS, Label, RelationKind

__all__ = ["build_page", "outline", "page_data", "inline_svg", "json_for_script", "content_security_policy",
           "figure_svg", "values_svg"]

TEMPLATE = "page.html.j2"
STYLE = "page.css"
SCRIPT = "page.js"
CSP_TOKEN = "<!--argmap:csp-->"   # a raw "<" never comes out of escaped map text

_PROLOGUE = re.compile(r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.I)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_XLINK_TITLE = re.compile(r'\s(?:xlink:)?title="[^"]*"')
_UNSAFE_SVG = re.compile(r"<\s*/?\s*(?:script|foreignObject|iframe|object|embed|style|image)\b"
                         r"|<[^>]*\s(?:on[a-z]+|href|xlink:href|style)\s*=", re.I)
_LINK = re.compile(r'<g id="a_[^"]*"><a\b[^>]*>\n?(.*?)</a>\n?</g>\n?', re.S)
_EDGE_TITLE = re.compile(r'(<g id="[^"]*" class="edge[^"]*">)\s*<title>[^<]*</title>')
_TEXT_ATTR = re.compile(r'<text\b[^>]*>')
HOISTED = ("font-family", "font-size", "text-anchor")
_EDGE = re.compile(r'<g id="e&#45;(\d+)" class="edge rel rel&#45;([a-z]+)">\s*<title>([^<]*)</title>')


# -- escaping ---------------------------------------------------------------------------------
def json_for_script(data) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``
    (so no ``</script>`` and no ``<!--``), no U+2028/U+2029."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def inline_svg(svg: bytes | str, *, svg_id: str, label: str, klass: str = "figure",
               keep_size: bool = False) -> str:
    """Graphviz SVG made fit for inlining: no prologue, doctype or comments, no tooltips (the
    page has its own details panel), no fixed size; an id and an accessible name."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _PROLOGUE.sub("", text)
    text = _COMMENT.sub("", text)
    text = _EDGE_TITLE.sub(r"\1", text)                # edge ends are in the page's data
    text = re.sub(r"<title>[^<]*</title>\n?", "", text)
    text = _LINK.sub(r"\1", text)                     # drop tooltip links (long texts)
    text = _XLINK_TITLE.sub("", text)
    text = _hoist(text)
    if _UNSAFE_SVG.search(text):
        raise RenderError("the figure's SVG holds a script, style, link or event handler; "
                          "refusing to inline it", location=Location("<graphviz>"), code="unsafe-svg")
    m = re.match(r"<svg\b([^>]*)>", text)
    if not m:
        raise RenderError("Graphviz gave no SVG element", location=Location("<graphviz>"), code="graphviz")
    attrs = m.group(1) if keep_size else re.sub(r'\s(?:width|height)="[^"]*"', "", m.group(1))
    attrs = f' id="{svg_id}" class="{klass}" role="group" aria-label="{_html.escape(label, quote=True)}"' \
            f' focusable="false"{attrs}'
    return "<svg" + attrs + ">" + text[m.end():].strip()


def _hoist(text: str) -> str:
    """Move the most common font and anchor of the text elements to the root (they inherit):
    a third of the figure's bytes are these repeated attributes."""
    root = []
    for name in HOISTED:
        pat = re.compile(rf'\s{name}="([^"]*)"')
        counts: dict[str, int] = {}
        for m in _TEXT_ATTR.finditer(text):
            for v in pat.findall(m.group(0)):
                counts[v] = counts.get(v, 0) + 1
        if not counts:
            continue
        value = max(sorted(counts), key=lambda v: counts[v])
        drop = f' {name}="{value}"'
        text = _TEXT_ATTR.sub(lambda m: m.group(0).replace(drop, ""), text)
        root.append(drop)
    return re.sub(r"<svg\b", lambda m: "<svg" + "".join(root), text, count=1)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(page: str) -> str:
    """The policy of a rendered page: nothing remote; its inline scripts and styles by hash."""
    scripts = [m.group(1) for m in re.finditer(r"<script>(.*?)</script>", page, re.S)]
    styles = [m.group(1) for m in re.finditer(r"<style>(.*?)</style>", page, re.S)]
    script_src = " ".join(sorted({_hash(s) for s in scripts})) or "'none'"
    style_src = " ".join(sorted({_hash(s) for s in styles})) or "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


# -- templates --------------------------------------------------------------------------------
def _package_dir():
    from importlib.resources import files

    return files("argmap.templates")


def read_asset(name: str, templates_dir: str | None = None) -> str:
    """A template file: from *templates_dir* when it has one, else argmap's own."""
    if templates_dir:
        path = os.path.join(templates_dir, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8", newline="") as fh:
                return _newlines(fh.read())
    return _newlines(_package_dir().joinpath(name).read_text(encoding="utf-8"))


def _newlines(text: str) -> str:
    # the HTML parser turns CR LF and CR into LF before a script is hashed: do the same first
    return text.replace("\r\n", "\n").replace("\r", "\n")


def environment(templates_dir: str | None = None):
    import jinja2

    def package_source(name):
        entry = _package_dir().joinpath(name)
        if not entry.is_file():
            return None
        return entry.read_text(encoding="utf-8"), None, lambda: True

    loaders: list[jinja2.BaseLoader] = []
    if templates_dir:
        loaders.append(jinja2.FileSystemLoader(templates_dir))
    loaders.append(jinja2.FunctionLoader(package_source))
    # Compiling the page template takes longer than the rest of a small page: Jinja keeps the
    # compiled code in its per-user cache folder under the system's temporary folder (made
    # private to the user, checked on every use; an entry is used only while its template's
    # source is unchanged).  Without a safe folder, templates are compiled each time.
    try:
        cache = jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        cache = None
    return jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                              bytecode_cache=cache)


def _inline_code(text: str, tag: str, name: str):
    from markupsafe import Markup

    if re.search(rf"</{tag}|<!--", text, re.I):
        raise RenderError(f"{name} must not contain '</{tag}' or '<!--' (it is inlined in the page)",
                          location=Location(name), code="template")
    return Markup(text)


# -- derived structure: outline and tour ------------------------------------------------------
def outline(amap: M.ArgumentMap):
    """The argument as a flat list of events for nested lists, and the tour.

    Events: ``{"t": "open"}`` / ``{"t": "close"}`` open and close a list; ``{"t": "item", ...}``
    opens an item (a statement, or a group of linked premises) and ``{"t": "end"}`` closes it;
    ``{"t": "heading", "text": ...}`` starts a part (the thesis tree, then the rest).
    Iterative (no recursion limit); each statement is expanded once.
    """
    return _Outline(amap).run()


#: the generated tour visits the thesis and the statements this many levels under it
TOUR_DEPTH = 2

_ITEM_DEFAULTS = (("group", False), ("id", None), ("rel", None), ("again", False),
                  ("inference", None), ("scheme", ""), ("contradicts", ()))


class _Outline:
    """The depth-first walk behind :func:`outline`: a statement's reasons (its inferences,
    then its plain supporters), then its objections; a group of linked premises lists its
    premises, then what undercuts it."""

    def __init__(self, amap: M.ArgumentMap) -> None:
        self.amap = amap
        self.graph = argument_graph(amap)
        self.stmts = amap.statement_by_id
        self.expanded: set[str] = set()
        self.events: list[dict] = []
        self.tour: list[dict] = []

    def run(self):
        amap, stmts = self.amap, self.stmts
        if amap.thesis and amap.thesis in stmts:
            self.events.append({"t": "heading", "text": "The argument, from its thesis", "part": "thesis"})
            self.tree(amap.thesis, True)
            self.tour = self.tour_steps(amap.thesis)
            self.positions_under_attack(amap.thesis)
        rest = [s.id for s in amap.statements if s.id not in self.expanded]
        if rest:
            heading = "Not connected to the thesis" if amap.thesis in stmts else "Statements"
            self.events.append({"t": "heading", "text": heading, "part": "rest"})
            # roots first: statements that bear on nothing else; then whatever a cycle left over
            bears = self.graph.bears_on_something
            for sid in rest:
                if sid not in self.expanded and sid not in bears:
                    self.tree(sid, False)
            for sid in rest:
                if sid not in self.expanded:
                    self.tree(sid, False)
        for ev in self.events:
            if ev["t"] == "item":
                for key, default in _ITEM_DEFAULTS:
                    ev.setdefault(key, default)
        return self.events, self.tour

    def tour_steps(self, root: str) -> list[dict]:
        """The generated tour: depth-first from *root* in the outline's order, through the top
        :data:`TOUR_DEPTH` levels (linked premises and what undercuts their step are one level),
        each statement once, at its first visit."""
        steps: list[dict] = []
        toured: set[str] = set()
        stack: list[tuple] = [(None, root, None, None, 0)]
        while stack:
            rel, nid, inf, parent, depth = stack.pop()
            if nid not in toured:
                toured.add(nid)
                step = {"id": nid} if rel is None else {"id": nid, "rel": rel, "parent": parent}
                if inf is not None:
                    step["inference"] = inf.id
                steps.append(step)
            if depth < TOUR_DEPTH:
                stack.extend(reversed([(*kid, nid, depth + 1) for kid in self.tour_children(nid)]))
        return steps

    def tour_children(self, sid: str) -> list[tuple]:
        out: list[tuple] = []
        for rel, cid, inf in self.children(sid):
            if rel != "inference":
                out.append((rel, cid, None))
                continue
            out += [("premise", p, inf) for p in inf.premises if p in self.stmts]
            out += [("undercuts", u, inf) for u in self.graph.undercutters.get(inf.id, ()) if u in self.stmts]
        return out

    def positions_under_attack(self, thesis: str) -> None:
        """What the thesis attacks (the view the map argues against) is the tour's second step."""
        shown = {step["id"] for step in self.tour}
        for kind, target in self.graph.disputes.get(thesis, ()):
            if kind == RelationKind.UNDERCUTS:
                target = self.amap.inference_by_id[target].conclusion
            if target in self.stmts and target not in shown:
                shown.add(target)
                self.tour.insert(1, {"id": target, "rel": "target", "parent": thesis})

    def children(self, sid):
        """(relation, id, inference) triples of what bears on *sid*: reasons, then objections."""
        graph, stmts = self.graph, self.stmts
        out = [("inference", inf.id, inf) for inf in graph.inferences_for.get(sid, ())]
        out += [("supports", src, None) for src in graph.supporters.get(sid, ()) if src in stmts]
        out += [("attacks", src, None) for src in graph.attackers.get(sid, ()) if src in stmts]
        return out

    def tree(self, root: str, in_tour: bool) -> None:
        # a stack of frames: (list of triples, index of the next one, parent statement)
        events = self.events
        events.append({"t": "open"})
        stack = [([(None, root, None)], 0, None)]
        while stack:
            items, i, parent = stack[-1]
            if i >= len(items):
                stack.pop()
                events.append({"t": "close"})
                if stack:
                    events.append({"t": "end"})
                continue
            stack[-1] = (items, i + 1, parent)
            rel, nid, inf = items[i]
            frame = self.group(inf, parent) if rel == "inference" else self.item(rel, nid, inf, parent, False)
            if frame is not None:
                events.append({"t": "open"})
                stack.append(frame)

    def group(self, inf, parent):
        """A group of linked premises: its premises, then its undercutters."""
        self.events.append({"t": "item", "group": True, "inference": inf.id,
                            "scheme": inf.scheme or "", "conclusion": parent})
        sub = [("premise", p, inf) for p in inf.premises if p in self.stmts]
        sub += [("undercuts", u, inf) for u in self.graph.undercutters.get(inf.id, ()) if u in self.stmts]
        return sub, 0, parent

    def item(self, rel, nid, inf, parent, in_tour):
        """A statement's item; the frame of its children, or None when it has none (or was
        expanded before)."""
        again = nid in self.expanded
        item = {"t": "item", "id": nid, "rel": rel or ("thesis" if nid == self.amap.thesis else None),
                "again": again}
        if inf is not None:
            item["inference"] = inf.id
        self.events.append(item)
        if again:
            self.events.append({"t": "end"})
            return None
        self.expanded.add(nid)
        kids = self.children(nid)
        contra = self.graph.contradicting.get(nid)
        if contra:
            item["contradicts"] = sorted(set(contra), key=self._order)
        if kids:
            return kids, 0, nid
        self.events.append({"t": "end"})
        return None

    @cached_property
    def _order(self):
        return {sid: i for i, sid in enumerate(self.stmts)}.__getitem__


# -- data ---------------------------------------------------------------------------------------
def _opt(**kw) -> dict:
    return {k: v for k, v in kw.items() if v not in (None, (), [], "", False)}


def format_lines(lines) -> str:
    """(4, 5, 6, 9) -> '4-6, 9'."""
    out: list[list[int]] = []
    for n in lines:
        if out and isinstance(out[-1], list) and n == out[-1][1] + 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in out)


def finding_targets(amap: M.ArgumentMap) -> dict:
    """Location -> statement id, for locating findings: a statement, its citations, a relation
    (its source statement) or an inference (its conclusion)."""
    at: dict = {}
    for r in amap.relations:
        if r.source in amap.statement_by_id:
            at.setdefault(r.location, r.source)
    for inf in amap.inferences:
        at.setdefault(inf.location, inf.conclusion)
    for s in amap.statements:
        for c in s.cites:
            at[c.location] = s.id
    for s in amap.statements:
        at[s.location] = s.id
    return at


def page_data(amap: M.ArgumentMap, findings, evaluation, explanations, tour, edges) -> dict:
    refs = {}
    for r in amap.references:
        refs[r.id] = _opt(author=r.author, title=r.title, year=r.year, url=r.url, note=r.note,
                          short=r.short())
    at = finding_targets(amap)
    statements = []
    for s in amap.statements:
        statements.append(_opt(
            id=s.id, kind=s.kind, text=s.text, section=s.section,
            lines=format_lines(s.lines) if s.lines else None, page=s.page,
            cites=[_opt(ref=c.ref, pages=c.pages) for c in s.cites], tags=list(s.tags), note=s.note,
            heldBy=s.held_by))
    return {
        "title": amap.title,
        "thesis": amap.thesis if amap.thesis in amap.statement_by_id else None,
        "source": amap.source_name,
        "kinds": [k for k in STATEMENT_KINDS if any(s.kind == k for s in amap.statements)],
        "statements": statements,
        "relations": [[r.source, r.kind, r.target] + ([r.note] if r.note else [])
                      for r in amap.relations],
        "inferences": [_opt(id=i.id, premises=list(i.premises), conclusion=i.conclusion,
                            scheme=i.scheme, note=i.note,
                            lines=format_lines(i.lines) if i.lines else None)
                       for i in amap.inferences],
        "sections": [_opt(id=s.id, title=s.title, inferred=s.inferred) for s in amap.sections],
        "references": refs,
        "values": [_opt(id=v.id, name=v.name, klass=v.klass, note=v.note) for v in amap.values],
        "valueRelations": [_opt(source=r.source, kind=r.kind, target=r.target, context=r.context)
                           for r in amap.value_relations],
        "findings": [_opt(severity=d.severity, code=d.code, message=d.message, hint=d.hint,
                          where=str(d.location), statement=at.get(d.location)) for d in findings],
        "evaluation": {"semantics": evaluation.semantics, "labels": evaluation.labels,
                       "verdicts": evaluation.verdicts, "explanations": explanations},
        "tour": tour,
        "edges": edges,
    }


def svg_edges(svg_text: str) -> list:
    """[number, source, target, kind] of the figure's relation edges, from their SVG titles
    (ids cannot hold '>', so the first '->' separates the ends)."""
    out = []
    for m in _EDGE.finditer(svg_text):
        title = _html.unescape(m.group(3))
        src, sep, dst = title.partition("->")
        if sep:
            out.append([int(m.group(1)), src, dst, m.group(2)])
    return out


# -- the page -----------------------------------------------------------------------------------
def figure_svg(amap: M.ArgumentMap) -> str:
    from .figure import RenderOptions, figure_dot
    from .renderers import graphviz

    if not amap.statements:
        return ""
    # The page shows no tooltips (it has its details panel), so relation notes stay out of the
    # DOT: render.to_dot hands a note to pydot as a tooltip, and pydot passes a note written
    # like "<...>" through unquoted, as a Graphviz HTML string.
    import dataclasses

    quiet = dataclasses.replace(amap, relations=tuple(
        dataclasses.replace(r, note=None) if r.note else r for r in amap.relations))
    dot_text = figure_dot(quiet, RenderOptions(legend=True, title=False))
    return graphviz(dot_text, "svg").decode("utf-8")


def values_svg(amap: M.ArgumentMap) -> str:
    from .figure import RenderOptions
    from .renderers import graphviz
    from .values_figure import values_dot

    if not amap.values:
        return ""
    vs = amap.value_system
    contexts = vs.contexts if vs and vs.contexts else None
    dot_text = values_dot(amap, RenderOptions(title=False), contexts=contexts)
    return graphviz(dot_text, "svg").decode("utf-8")


def build_page(amap: M.ArgumentMap, *, templates_dir: str | None = None, source=None,
               exercise: str | None = None) -> str:
    """The interactive page of *amap* (a complete HTML document).

    *templates_dir* overrides any of ``page.html.j2``, ``page.css``, ``page.js`` (the others
    come from argmap's own templates).  *source* is the manuscript for the manuscript checks: a
    path or a :class:`~argmap.manuscript.Manuscript`; ``None`` uses the map's own ``source.file``
    when it exists beside the map (as ``argmap build`` does for its check report); ``False``
    none.  *exercise* (``"types"`` or ``"targets"``) makes the exercise page (see the module's
    docstring and :mod:`argmap.exercise`).
    """
    from markupsafe import Markup

    from .checks import run_checks, summary
    from .evaluation import evaluate, explain

    if exercise is not None:
        from .exercise import EXERCISES, neutral_map, neutral_svg
        if exercise not in EXERCISES:
            raise ValueError(f"unknown exercise '{exercise}'; exercises: " + ", ".join(EXERCISES))
        amap, source = neutral_map(amap), False
    source = _manuscript(amap, source)
    evaluation = evaluate(amap)
    findings = [] if exercise else run_checks(amap, source=source, evaluation=evaluation)
    explanations = {} if exercise else {s.id: explain(amap, evaluation, s.id) for s in amap.statements}
    events, tour = outline(amap)
    if amap.tour:
        tour = [{"id": t.statement, "say": t.text} for t in amap.tour]
    if exercise:
        tour = []
    raw_svg = neutral_svg(amap, exercise) if exercise else figure_svg(amap)
    edges = [] if exercise else svg_edges(raw_svg)
    figure = inline_svg(raw_svg, svg_id="am-figure",
                        label=f"Argument map of {amap.title}") if raw_svg else ""
    raw_values = values_svg(amap)
    values_figure = inline_svg(raw_values, svg_id="am-values-figure", klass="values-figure", keep_size=True,
                               label=f"Value hierarchy of {amap.title}") if raw_values else ""
    data = page_data(amap, findings, evaluation, explanations, tour, edges)
    extra = _exercise_parts(amap, exercise, data, templates_dir) if exercise else {}

    stmts = amap.statement_by_id
    labels = evaluation.labels
    counts = {k: sum(1 for v in labels.values() if v == k) for k in Label}
    summ = summary(amap, findings)
    at = finding_targets(amap)
    env = environment(templates_dir)
    template = env.get_template(TEMPLATE)
    page = template.render(
        title=amap.title,
        amap=amap,
        source_name=amap.source_name,
        stmts=stmts,
        kinds=data["kinds"],
        kind_counts={k: sum(1 for s in data["statements"] if s["kind"] == k) for k in data["kinds"]},
        section_list=[(s, s.id.count(".")) for s in amap.sections],
        outline=events,
        refs=amap.reference_by_id,
        citation=_citation_text,
        labels=labels,
        verdicts=evaluation.verdicts,
        label_counts=counts,
        findings=[(d, at.get(d.location)) for d in findings],
        severities=summ["severities"],
        figure=Markup(figure),
        values_figure=Markup(values_figure),
        value_system=amap.value_system,
        tour_length=len(tour),
        data_json=Markup(json_for_script(data)),
        style=_inline_code(read_asset(STYLE, templates_dir), "style", STYLE),
        script=_inline_code(read_asset(SCRIPT, templates_dir), "script", SCRIPT),
        csp=Markup(CSP_TOKEN),
        generator="argmap",
        exercise=exercise,
        **extra,
    )
    if page.count(CSP_TOKEN) != 1:
        raise RenderError("the page template must use {{ csp }} exactly once, in the "
                          "Content-Security-Policy meta element", location=Location(TEMPLATE),
                          code="template")
    return page.replace(CSP_TOKEN, _html.escape(content_security_policy(page), quote=True))


def _manuscript(amap: M.ArgumentMap, source):
    """The manuscript to check against: a Manuscript, or None (see :func:`build_page`)."""
    if source is None:
        from .manuscript import source_path
        source = source_path(amap)
    if isinstance(source, (str, os.PathLike)):
        from .manuscript import Manuscript
        return Manuscript.read(os.fspath(source))
    return None if source is False else source


EX_STYLE = "exercise.css"
EX_SCRIPT = "exercise.js"
EX_PANEL = "exercise.html.j2"


def _exercise_parts(amap: M.ArgumentMap, mode: str, data: dict, templates_dir: str | None) -> dict:
    """Neutralise the page's data for an exercise (no kinds but the thesis's, no relations, no
    evaluation, no findings) and give the template the questions and the exercise's code."""
    from .exercise import CHOICES, encode_key, questions

    shown, key = questions(amap, mode)
    for s in data["statements"]:
        if s["kind"] != "thesis":
            s["kind"] = "statement"
    data["kinds"] = [k for k in ("thesis", "statement") if any(s["kind"] == k for s in data["statements"])]
    data["relations"] = []
    if mode == "targets":
        data["inferences"] = []
    data["evaluation"] = {"semantics": "", "labels": {}, "verdicts": {}, "explanations": {}}
    data["exercise"] = {"mode": mode, "count": len(shown), "key": encode_key(key)}
    return {"questions": shown, "choices": CHOICES, "panel": EX_PANEL,
            "ex_style": _inline_code(read_asset(EX_STYLE, templates_dir), "style", EX_STYLE),
            "ex_script": _inline_code(read_asset(EX_SCRIPT, templates_dir), "script", EX_SCRIPT)}


def _citation_text(c: M.Citation, refs) -> str:
    pages = f", {c.pages}" if c.pages else ""
    return f"[{c.ref}{pages}]"
