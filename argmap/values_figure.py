"""The value-hierarchy figure: purpose (meta) values on top, instrumental values in ranked tiers
below, a value drawn inside the value it is part of, ``serves`` and ``includes`` edges, and
rankings that hold only in one context labelled with that context, so that a ranking reversed in
another context is visible rather than hidden.  The position and theoretical basis of the value
system, where the map states them, form the header.
"""
from __future__ import annotations

import re

from . import model as M
from .errors import Location, RenderError
from .figure import RenderOptions, clean, dot_string, html_text, wrap_lines
from .themes import attrs, load_theme
from .vocab import ValueRelationKind

__all__ = ["values_dot", "tiers", "select_contexts"]


def tiers(amap: M.ArgumentMap, values: list[M.Value], rankings: list[M.ValueRelation]) -> dict[str, int]:
    """Tier of each value: 0 for purpose values, then longest-path layers of the rankings.

    General rankings (no context) are used first; a contextual ranking is used when it keeps
    the order acyclic and does not put a value above a purpose value.
    """
    import networkx as nx

    ids = [v.id for v in values]
    purpose = {v.id for v in values if v.klass == "purpose"}
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    ordered = [r for r in rankings if r.context is None] + [r for r in rankings if r.context is not None]
    for r in ordered:
        if r.target in purpose and r.source not in purpose:
            continue
        g.add_edge(r.source, r.target)
        if not nx.is_directed_acyclic_graph(g):
            g.remove_edge(r.source, r.target)
    tier: dict[str, int] = {}
    for n in nx.topological_sort(g):
        preds = [tier[p] for p in g.predecessors(n)]
        base = 0 if n in purpose else 1
        tier[n] = max([base] + [p + 1 for p in preds])
    return tier


def select_contexts(amap: M.ArgumentMap, contexts) -> tuple[list[M.Value], list[M.ValueRelation]]:
    """Values and value relations of a figure: all, or only general relations and those of
    *contexts* (values that keep no relation are then left out)."""
    rels = list(amap.value_relations)
    if contexts:
        known = {r.context for r in rels if r.context}
        for c in contexts:
            if c not in known:
                from .suggest import suggest
                raise RenderError(f"no value relation has the context '{c}'{suggest(c, known)}",
                                  location=Location(amap.path or "<map>"), code="view")
        rels = [r for r in rels if r.context is None or r.context in contexts]
        used = {r.source for r in rels} | {r.target for r in rels}
        values = [v for v in amap.values if v.id in used]
    else:
        values = list(amap.values)
    return values, rels


def values_dot(amap: M.ArgumentMap, opt: RenderOptions = RenderOptions(), contexts=None) -> str:
    """The value hierarchy as DOT: a header (title, position, basis, key), the values in tiers
    (a value with parts drawn as a box around them), then the value relations."""
    if not amap.values:
        raise RenderError("the map has no values to draw", location=Location(amap.path or "<map>"),
                          code="no-values")
    return _ValuesDot(amap, opt, contexts).build()


class _ValuesDot:
    def __init__(self, amap: M.ArgumentMap, opt: RenderOptions, contexts) -> None:
        import pydot

        self.pydot = pydot
        self.amap, self.opt = amap, opt
        self.theme = load_theme(opt.theme)
        self.vt = self.theme["values"]
        self.values, self.rels = select_contexts(amap, contexts)
        self.by_id = {v.id: v for v in self.values}
        self.rankings = [r for r in self.rels if r.kind == ValueRelationKind.RANKS_ABOVE]
        self.tier = tiers(amap, self.values, self.rankings)
        self.parts: dict[str, list[str]] = {}
        for r in self.rels:
            if r.kind == ValueRelationKind.PART_OF and r.source in self.by_id and r.target in self.by_id:
                self.parts.setdefault(r.target, []).append(r.source)
        self.g = pydot.Dot("values", graph_type="digraph")

    def build(self) -> str:
        g, theme = self.g, self.theme
        ga = {**attrs(theme["graph"]), "rankdir": "TB", "newrank": "true", "pad": "0.05", "margin": "0",
              "ranksep": "0.45", "nodesep": "0.3"}
        ga.update(label="<" + '<BR ALIGN="LEFT"/>'.join(self.header()) + '<BR ALIGN="LEFT"/>>',
                  labelloc="t", labeljust="l")
        if self.opt.width:
            ga["size"] = f"{self.opt.width:.3f},1000!"
        for k, v in ga.items():
            g.set(k, v)
        g.set_node_defaults(**attrs(theme["node"]))
        g.set_edge_defaults(**attrs(theme["edge"]))
        inside = {p for ps in self.parts.values() for p in ps}
        for v in self.values:
            if v.id not in inside:
                self.place(v, g)
        self.tiers()
        self.relations()
        return g.to_string()

    def header(self) -> list[str]:
        header = [f"<B>{html_text(clean(self.amap.title))}</B>"] if self.opt.title else []
        header.append("<I>Value hierarchy</I>")
        vs = self.amap.value_system
        if vs and vs.position:
            header.append("<B>Position:</B> " + _html_wrap(vs.position, 90))
        if vs and vs.basis:
            header.append("<B>Theoretical basis:</B> " + _html_wrap(vs.basis, 90))
        key = self.key()
        if key:
            header.append('<FONT POINT-SIZE="8">' + _html_wrap("Key: " + "; ".join(key), 110) + "</FONT>")
        return header

    def key(self) -> list[str]:
        by_id, rankings = self.by_id, self.rankings
        kinds_used = {r.kind for r in self.rels if r.source in by_id and r.target in by_id}
        key = []
        if any(r.context is None for r in rankings):
            key.append("solid arrow: ranks above")
        if any(r.context for r in rankings):
            key.append("dashed arrow: ranks above in the context named")
        if ValueRelationKind.SERVES in kinds_used:
            key.append("dotted arrow: serves")
        if ValueRelationKind.INCLUDES in kinds_used:
            key.append("bold arrow with diamond: includes")
        if self.parts:
            key.append("a box: the values framed in it are part of the one named without a frame")
        return key

    def style(self, v) -> dict:
        return attrs(self.vt.get(v.klass) or self.vt["other"])

    def node(self, v):
        a = self.style(v)
        label = '<BR/>'.join(html_text(x) for x in wrap_lines(v.name, 22))
        a.update(label=f'<{label}<BR/><FONT POINT-SIZE="7"><I>{html_text(v.klass)}</I></FONT>>',
                 id=f"v-{v.id}", tooltip=dot_string(f"{v.name} ({v.klass})"),
                 **{"class": f"value value-{_css(v.klass)}"})
        return self.pydot.Node(v.id, **a)

    def place(self, v, parent) -> None:
        """A value with parts is drawn as a box around itself and its parts."""
        if v.id not in self.parts:
            parent.add_node(self.node(v))
            return
        ca = {**self.style(v), **attrs(self.vt["cluster"])}
        for key in ("shape", "width", "height"):
            ca.pop(key, None)
        ca.update(label="", id=f"c-{v.id}", margin="10", tooltip=dot_string(f"{v.name} and its parts"))
        sub = self.pydot.Cluster("v_" + v.id.encode("utf-8").hex(), **ca)
        parent.add_subgraph(sub)
        header = self.node(v)
        header.set("shape", "plaintext")
        header.set("style", "")
        sub.add_node(header)
        for pid in sorted(self.parts[v.id], key=lambda x: (self.tier.get(x, 0), x)):
            self.place(self.by_id[pid], sub)

    def tiers(self) -> None:
        """Same rank for the values of one tier; an invisible chain keeps the tiers in order
        even where no ranking links them (clusters follow their parts)."""
        by_tier: dict[int, list[str]] = {}
        for v in self.values:
            by_tier.setdefault(self.tier.get(v.id, 1), []).append(v.id)
        for t in sorted(by_tier):
            sg = self.pydot.Subgraph(f"tier{t}", rank="same")
            for vid in by_tier[t]:
                sg.add_node(self.pydot.Node(vid))
            self.g.add_subgraph(sg)
        heads = [by_tier[t][0] for t in sorted(by_tier)]
        for a, b in zip(heads, heads[1:]):
            self.g.add_edge(self.pydot.Edge(a, b, style="invis"))

    def relations(self) -> None:
        n = 0
        for r in self.rels:
            if r.kind == ValueRelationKind.PART_OF or r.source not in self.by_id or r.target not in self.by_id:
                continue
            n += 1
            ea = self.ranking_attrs(r) if r.kind == ValueRelationKind.RANKS_ABOVE else self.other_attrs(r)
            ea.update(id=f"vr-{n}", **{"class": f"vrel vrel-{r.kind}"})
            self.g.add_edge(self.pydot.Edge(r.source, r.target, **ea))

    def ranking_attrs(self, r) -> dict:
        ea = attrs(self.vt["ranks-above-context" if r.context else "ranks-above"])
        upward = self.tier.get(r.source, 0) > self.tier.get(r.target, 0)
        if r.context:
            ea["label"] = (f"<<FONT POINT-SIZE=\"7\"><I>ranks above<BR/>in {html_text(clean(r.context))}"
                           "</I></FONT>>")
        if upward or r.context:
            ea["constraint"] = "false"
        return ea

    def other_attrs(self, r) -> dict:
        ea = attrs(self.vt.get(r.kind) or {})
        ea["label"] = f"<<FONT POINT-SIZE=\"7\">{r.kind}" + (
            f"<BR/><I>in {html_text(clean(r.context))}</I>" if r.context else "") + "</FONT>>"
        ea["constraint"] = "false"
        return ea


def _css(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def _html_wrap(text: str, width: int) -> str:
    return '<BR ALIGN="LEFT"/>'.join(html_text(x) for x in wrap_lines(text, width))
