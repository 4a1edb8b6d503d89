"""Drawing maps with pydot and Graphviz: DOT text, then SVG, PDF or PNG.

The style of every statement kind and relation comes from a theme (:mod:`argmap.themes`).
Labels are Graphviz HTML-like labels built from escaped text, so no statement text can break
the DOT syntax or inject markup.  The same map and options always give byte-identical DOT; SVG
and PDF are made deterministic too (no timestamps).  Renderers sit behind a registry
(:data:`RENDERERS`), which the CLI's ``--format`` choices come from.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass

from . import model as M
from .argument_graph import ArgumentGraph, argument_graph
from .errors import Location, RenderError
from .renderers import RENDERERS, Renderer, graphviz  # the output formats, re-exported
from .suggest import suggest
from .themes import attrs, load_theme
from .vocab import STATEMENT_KINDS, RelationKind

__all__ = ["RenderOptions", "to_dot", "figure_dot", "select", "in_section", "graphviz", "compact",
           "parse_width", "RENDERERS", "Renderer", "clean", "wrap_lines", "html_text", "dot_string",
           "citation_marker"]

LARGE_MAP = 1500
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class RenderOptions:
    theme: str = "paper"
    rankdir: str = "auto"             # auto: BT for small views, LR from COMPACT_FROM statements
    wrap: int = 36
    ids: bool = False
    citations: str = "short"          # short | hidden
    legend: bool = False
    clusters: bool = False
    section: str | None = None
    focus: str | None = None
    depth: int = 2
    kinds: tuple[str, ...] = ()        # show only these kinds (empty: all)
    hide_kinds: tuple[str, ...] = ()
    highlight: str | None = None       # check | evaluate
    compact: bool | None = None        # stagger wide trees with Graphviz unflatten (None: when large)
    width: float | None = None         # inches
    dpi: int = 300
    title: bool = True


# -- text ---------------------------------------------------------------------------------------
def clean(text: str) -> str:
    return _CONTROL.sub(" ", text.replace("\t", " "))


def wrap_lines(text: str, width: int) -> list[str]:
    out = []
    for para in clean(text).split("\n"):
        out.extend(textwrap.wrap(para, width=width, break_long_words=False,
                                 break_on_hyphens=False) or [""])
    return out


def html_text(text: str) -> str:
    """Text for a Graphviz HTML-like label: markup escaped, and backslashes doubled (Graphviz
    expands escapes such as \\N and \\G even inside HTML labels, entities included)."""
    return html.escape(text, quote=True).replace("\\", "\\\\")


def html_lines(lines: list[str]) -> str:
    return "".join(html_text(line) + '<BR ALIGN="LEFT"/>' for line in lines)


def dot_string(text: str) -> str:
    """User text as a complete, quoted DOT string.  Quoted here rather than by pydot, which
    leaves any value that looks like ``<...>`` (an HTML label) or ``"..."`` unquoted, so that a
    note such as ``<x>, URL="javascript:..." y=<z>`` would become attributes."""
    body = clean(text).replace("\n", " ").replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"'


def citation_marker(cites) -> str:
    parts = []
    for c in cites:
        pages = (c.pages or "").strip()
        pages = re.sub(r"^[pP]{1,2}\.\s*", "", pages)
        parts.append(f"{c.ref}, {pages}" if pages else c.ref)
    return "[" + "; ".join(parts) + "]" if parts else ""


# -- views --------------------------------------------------------------------------------------
def select(amap: M.ArgumentMap, opt: RenderOptions) -> set[str]:
    """The statements a view shows: the kinds asked for, then those of a section (and what
    they touch), then those near the focus (see :attr:`ArgumentGraph.neighbours`)."""
    keep = {s.id for s in amap.statements
            if (not opt.kinds or s.kind in opt.kinds) and s.kind not in opt.hide_kinds}
    if not opt.section and not opt.focus:
        return keep
    graph = argument_graph(amap)
    if opt.section:
        keep &= _section_view(amap, graph, opt.section)
    if opt.focus:
        if opt.focus not in amap.statement_by_id:
            raise RenderError(f"no statement '{opt.focus}'{suggest(opt.focus, amap.statement_by_id)}",
                              location=Location(amap.path or "<map>"), code="view")
        keep &= graph.within(opt.focus, opt.depth)
    return keep


def in_section(section: str | None, sec: str) -> bool:
    """Whether a statement filed under *section* belongs to section *sec* (or a subsection)."""
    if not section:
        return False
    return section == sec or section.startswith(sec + ".")


def _section_view(amap: M.ArgumentMap, graph: ArgumentGraph, sec: str) -> set[str]:
    core = {s.id for s in amap.statements if in_section(s.section, sec)}
    if not core:
        known = sorted({s.section for s in amap.statements if s.section})
        raise RenderError(f"no statement is in section '{sec}'{suggest(sec, known)}",
                          location=Location(amap.path or "<map>"), code="view")
    touched = set(core)
    for n in core:
        touched.update(graph.neighbours.get(n, ()))
    return touched


# -- DOT ----------------------------------------------------------------------------------------
def to_dot(amap: M.ArgumentMap, opt: RenderOptions = RenderOptions(), *, findings=None,
           evaluation=None) -> str:
    """The map as DOT text (deterministic)."""
    from ._gc import paused

    with paused():
        return _to_dot(amap, opt, findings, evaluation)


def _to_dot(amap, opt, findings, evaluation) -> str:
    return _Dot(amap, opt, findings, evaluation).build()


class _Dot:
    """One figure's DOT: graph attributes, statement nodes (in section boxes with
    ``--clusters``), inference nodes of linked premises, relation edges, the legend."""

    def __init__(self, amap, opt, findings, evaluation):
        import pydot

        self.pydot = pydot
        self.amap, self.opt = amap, opt
        self.theme = load_theme(opt.theme)
        self.keep = select(amap, opt)
        self.marks = _finding_marks(amap, findings)
        self.evaluation = evaluation
        self.labels = evaluation.labels if evaluation is not None else {}
        self.g = pydot.Dot("argmap", graph_type="digraph", strict=False)
        self.parents = _cluster_parents(amap, self.keep) if opt.clusters else {}
        self.containers: dict = {}
        self.edge_no = 0

    def build(self) -> str:
        g, theme = self.g, self.theme
        for k, v in self.graph_attrs().items():
            g.set(k, v)
        g.set_node_defaults(**attrs(theme["node"]))
        g.set_edge_defaults(**attrs(theme["edge"]))
        for s in self.amap.statements:
            if s.id in self.keep:
                self.container(s.section).add_node(self.pydot.Node(s.id, **self.statement_attrs(s)))
        shown_inf = self.inferences()
        self.relations(shown_inf)
        if self.opt.legend:
            _legend(g, self.amap, self.keep, theme, shown_inf)
        return g.to_string()

    def graph_attrs(self) -> dict:
        opt, amap = self.opt, self.amap
        rankdir = opt.rankdir
        if rankdir == "auto":
            rankdir = "LR" if len(self.keep) >= COMPACT_FROM else "BT"
        gattrs = {**attrs(self.theme["graph"]), "rankdir": rankdir, "newrank": "true",
                  "compound": "true", "pad": "0.05", "margin": "0", "outputorder": "edgesfirst"}
        if opt.title and amap.title:
            gattrs.update(label=f"<<B>{html_text(clean(amap.title))}</B>>", labelloc="t")
        if opt.width:
            gattrs["size"] = f"{opt.width:.3f},1000!"
        if len(self.keep) + len(amap.inferences) > LARGE_MAP:
            gattrs.update(nslimit="2", nslimit1="2", mclimit="0.3", searchsize="10", remincross="false")
        return gattrs

    def container(self, section):
        """The graph or section box a statement of *section* is drawn in."""
        if not self.opt.clusters or section is None or section not in self.parents:
            return self.g
        if section in self.containers:
            return self.containers[section]
        parent = self.container(self.parents[section][0])
        title = self.parents[section][1]
        sub = self.pydot.Cluster(generated_name("s", section),
                                 label=f"<<I>{html_text(section)} {html_text(clean(title))}</I>>",
                                 style="rounded", color="#999999", fontsize="9", labeljust="l")
        parent.add_subgraph(sub)
        self.containers[section] = sub
        return sub

    def statement_attrs(self, s) -> dict:
        opt, theme = self.opt, self.theme
        na = attrs(theme["kinds"].get(s.kind))
        head = f'<B>{html_text(s.id)}</B><BR ALIGN="LEFT"/>' if opt.ids else ""
        tail = ""
        if s.held_by and s.held_by != M.AUTHOR:      # a reported view: say whose it is
            tail += f'<FONT POINT-SIZE="7"><I>held by {html_text(clean(s.held_by))}</I></FONT><BR ALIGN="LEFT"/>'
        marker = citation_marker(s.cites) if opt.citations == "short" else ""
        if marker:
            tail += f'<FONT POINT-SIZE="7">{html_text(marker)}</FONT><BR ALIGN="LEFT"/>'
        if s.id in self.labels and opt.highlight == "evaluate":
            label = self.labels[s.id]
            verdict = self.evaluation.verdicts[s.id]
            tail += (f'<FONT POINT-SIZE="7"><B>{label}</B> ({html_text(verdict)})</FONT>'
                     '<BR ALIGN="LEFT"/>')
            if label in theme["highlight"]:
                na.update(attrs(theme["highlight"][label]))
        if s.id in self.marks and opt.highlight == "check":
            na.update(attrs(theme["highlight"]["finding"]))
            codes = html_text(", ".join(sorted(set(self.marks[s.id]))))
            tail += f'<FONT POINT-SIZE="7"><I>{codes}</I></FONT><BR ALIGN="LEFT"/>'
        na.update(label=f"<{head}{html_lines(wrap_lines(s.text, opt.wrap))}{tail}>", id=f"n-{s.id}",
                  tooltip=dot_string(f"{s.id} ({s.kind}): {s.text}"), **{"class": f"st kind-{s.kind}"})
        return na

    def edge(self, src, dst, kind, extra=None) -> None:
        self.edge_no += 1
        ea = attrs(self.theme["relations"].get(kind))
        ea.update(id=f"e-{self.edge_no}", **{"class": f"rel rel-{kind}"})
        if extra:
            ea.update(extra)
        self.g.add_edge(self.pydot.Edge(src, dst, **ea))

    def inferences(self) -> set:
        """Draw the inference node of each linked argument the view shows; their ids."""
        keep, shown = self.keep, set()
        for inf in self.amap.inferences:
            prem = [p for p in inf.premises if p in keep]
            if inf.conclusion not in keep or not prem:
                continue
            shown.add(inf.id)
            ia = attrs(self.theme["kinds"]["inference"])
            ia.update(label="", id=f"n-{inf.id}", tooltip=dot_string(
                f"inference {inf.id}: " + " + ".join(inf.premises) + f" -> {inf.conclusion}"),
                **{"class": "inference"})
            if self.opt.ids:
                ia["xlabel"] = f"<<FONT POINT-SIZE=\"7\">{html_text(inf.id)}</FONT>>"
            self.g.add_node(self.pydot.Node(inf.id, **ia))
            for p in prem:
                self.edge(p, inf.id, "premise")
            self.edge(inf.id, inf.conclusion, "supports")
        return shown

    def relations(self, shown_inf: set) -> None:
        keep = self.keep
        for r in self.amap.relations:
            if r.kind == RelationKind.PROMOTES or r.source not in keep:
                continue
            if r.kind == RelationKind.UNDERCUTS:
                if r.target in shown_inf:
                    self.edge(r.source, r.target, "undercuts")
            elif r.target in keep:
                self.edge(r.source, r.target, r.kind, {"tooltip": dot_string(r.note)} if r.note else None)


def generated_name(role: str, key: str) -> str:
    """A DOT name for something argmap draws itself (a legend sample, a section's box): the
    role and the key's UTF-8 bytes in hex, after a '~' that no map id can contain, so that no
    statement, inference or value id can take it and no two keys share one (1.1 and 1_1)."""
    return f"~{role}-{key.encode('utf-8').hex()}"


def _finding_marks(amap, findings) -> dict[str, list[str]]:
    """statement id -> codes of the findings located on it."""
    marks: dict[str, list[str]] = {}
    if findings:
        by_loc = {(s.location.path, s.location.line, s.location.col): s.id for s in amap.statements}
        for d in findings:
            sid = by_loc.get((d.location.path, d.location.line, d.location.col))
            if sid:
                marks.setdefault(sid, []).append(d.code)
    return marks


def _cluster_parents(amap, keep):
    """section id -> (parent section id or None, title) for the sections a view uses."""
    titles = {s.id: s.title for s in amap.sections}
    used = {amap.statement_by_id[i].section for i in keep if amap.statement_by_id[i].section}
    out = {}
    for sec in sorted(used):
        parts = sec.split(".")
        chain = [".".join(parts[:k]) for k in range(1, len(parts) + 1)]
        chain = [c for c in chain if c in titles or c == sec]
        parent = None
        for c in chain:
            out.setdefault(c, (parent, titles.get(c, "")))
            parent = c
    return out


def _legend(g, amap, keep, theme, shown_inf):
    import pydot

    kinds = [k for k in STATEMENT_KINDS if any(amap.statement_by_id[i].kind == k for i in keep)]
    rels = []
    for kind in ("supports", "attacks", "undercuts", "contradicts"):
        if any(r.kind == kind and r.source in keep and (r.target in keep or r.target in shown_inf)
               for r in amap.relations):
            rels.append(kind)
    if shown_inf and "supports" not in rels:
        rels.append("supports")
    leg = pydot.Cluster("legend", label="<<B>Legend</B>>", style="rounded", color="#999999",
                        fontsize="9", rank="sink")
    prev = None
    for k in kinds:
        na = attrs(theme["kinds"][k])
        na.update(label=k, fontsize="8", id=f"legend-{k}")
        leg.add_node(pydot.Node(generated_name("legend", k), **na))
        if prev:
            leg.add_edge(pydot.Edge(prev, generated_name("legend", k), style="invis"))
        prev = generated_name("legend", k)
    for kind in rels:
        a, b = generated_name("legend", f"{kind}-a"), generated_name("legend", f"{kind}-b")
        leg.add_node(pydot.Node(a, shape="point", width="0.05", label=""))
        leg.add_node(pydot.Node(b, shape="point", width="0.05", label=""))
        ea = attrs(theme["relations"][kind])
        ea.update(label=f" {kind}", fontsize="8", constraint="true")
        leg.add_edge(pydot.Edge(a, b, **ea))
    if shown_inf:
        na = attrs(theme["kinds"]["inference"])
        na.update(xlabel="<<FONT POINT-SIZE=\"8\">linked premises</FONT>>", label="")
        leg.add_node(pydot.Node(generated_name("legend", "inference"), **na))
    g.add_subgraph(leg)


COMPACT_FROM = 30


def compact(dot_text: str) -> str:
    """Stagger the leaves of wide, shallow trees (Graphviz ``unflatten``) for a better aspect
    ratio on a page.  Returns the text unchanged when ``unflatten`` is not installed."""
    exe = shutil.which("unflatten")
    if exe is None:
        return dot_text
    proc = subprocess.run([exe, "-f", "-l", "4", "-c", "5"], input=dot_text.encode("utf-8"),
                          capture_output=True)
    return proc.stdout.decode("utf-8") if proc.returncode == 0 and proc.stdout else dot_text


def figure_dot(amap: M.ArgumentMap, opt: RenderOptions = RenderOptions(), **kw) -> str:
    """DOT for a figure: :func:`to_dot`, compacted when the view is large (or asked to be)."""
    text = to_dot(amap, opt, **kw)
    wanted = opt.compact if opt.compact is not None else len(select(amap, opt)) >= COMPACT_FROM
    return compact(text) if wanted else text


def parse_width(text: str | None) -> float | None:
    """'8.5cm', '3.3in', '80mm' or a number of inches -> inches."""
    if text is None:
        return None
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(cm|mm|in|inch|inches)?\s*", text)
    if not m:
        raise ValueError(f"width '{text}' is not a length like 8.5cm, 85mm or 3.35in")
    value = float(m.group(1))
    unit = m.group(2) or "in"
    inches = value / 2.54 if unit == "cm" else value / 25.4 if unit == "mm" else value
    if inches <= 0:
        raise ValueError("width must be positive")
    return inches
