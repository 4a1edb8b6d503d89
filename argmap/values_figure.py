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
from .render import RenderOptions, clean, dot_string, html_text, wrap_lines
from .themes import attrs, load_theme


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
    import pydot

    if not amap.values:
        raise RenderError("the map has no values to draw", location=Location(amap.path or "<map>"),
                          code="no-values")
    theme = load_theme(opt.theme)
    vt = theme["values"]
    values, rels = select_contexts(amap, contexts)
    by_id = {v.id: v for v in values}
    rankings = [r for r in rels if r.kind == "ranks-above"]
    tier = tiers(amap, values, rankings)
    parts: dict[str, list[str]] = {}
    for r in rels:
        if r.kind == "part-of" and r.source in by_id and r.target in by_id:
            parts.setdefault(r.target, []).append(r.source)
    g = pydot.Dot("values", graph_type="digraph")
    ga = {**attrs(theme["graph"]), "rankdir": "TB", "newrank": "true", "pad": "0.05", "margin": "0", "ranksep": "0.45", "nodesep": "0.3"}
    header = [f"<B>{html_text(clean(amap.title))}</B>"] if opt.title else []
    header.append("<I>Value hierarchy</I>")
    vs = amap.value_system
    if vs and vs.position:
        header.append("<B>Position:</B> " + _html_wrap(vs.position, 90))
    if vs and vs.basis:
        header.append("<B>Theoretical basis:</B> " + _html_wrap(vs.basis, 90))
    key = []
    kinds_used = {r.kind for r in rels if r.source in by_id and r.target in by_id}
    if any(r.context is None for r in rankings):
        key.append("solid arrow: ranks above")
    if any(r.context for r in rankings):
        key.append("dashed arrow: ranks above in the context named")
    if "serves" in kinds_used:
        key.append("dotted arrow: serves")
    if "includes" in kinds_used:
        key.append("bold arrow with diamond: includes")
    if parts:
        key.append("a box: the values framed in it are part of the one named without a frame")
    if key:
        header.append('<FONT POINT-SIZE="8">' + _html_wrap("Key: " + "; ".join(key), 110) + "</FONT>")
    ga.update(label="<" + '<BR ALIGN="LEFT"/>'.join(header) + '<BR ALIGN="LEFT"/>>', labelloc="t",
              labeljust="l")
    if opt.width:
        ga["size"] = f"{opt.width:.3f},1000!"
    for k, v in ga.items():
        g.set(k, v)
    g.set_node_defaults(**attrs(theme["node"]))
    g.set_edge_defaults(**attrs(theme["edge"]))

    def style(v):
        return attrs(vt.get(v.klass) or vt["other"])

    def node(v):
        a = style(v)
        label = '<BR/>'.join(html_text(x) for x in wrap_lines(v.name, 22))
        klass = v.klass if v.klass in ("purpose", "instrumental") else v.klass
        a.update(label=f'<{label}<BR/><FONT POINT-SIZE="7"><I>{html_text(klass)}</I></FONT>>',
                 id=f"v-{v.id}", tooltip=dot_string(f"{v.name} ({v.klass})"), **{"class": f"value value-{_css(v.klass)}"})
        return pydot.Node(v.id, **a)

    inside = {p for ps in parts.values() for p in ps}

    def place(v, parent):
        """A value with parts is drawn as a box around itself and its parts."""
        if v.id in parts:
            cname = "v_" + re.sub(r"[^A-Za-z0-9_]", "_", v.id)
            ca = {**style(v), **attrs(vt["cluster"])}
            for key in ("shape", "width", "height"):
                ca.pop(key, None)
            ca.update(label="", id=f"c-{v.id}", margin="10",
                      tooltip=dot_string(f"{v.name} and its parts"))
            sub = pydot.Cluster(cname, **ca)
            parent.add_subgraph(sub)
            header = node(v)
            header.set("shape", "plaintext")
            header.set("style", "")
            sub.add_node(header)
            for pid in sorted(parts[v.id], key=lambda x: (tier.get(x, 0), x)):
                place(by_id[pid], sub)

        else:
            parent.add_node(node(v))

    for v in values:
        if v.id not in inside:
            place(v, g)
    # tiers: same rank for values of one tier (clusters follow their parts)
    by_tier: dict[int, list[str]] = {}
    for v in values:
        by_tier.setdefault(tier.get(v.id, 1), []).append(v.id)
    for t in sorted(by_tier):
        sg = pydot.Subgraph(f"tier{t}", rank="same")
        for vid in by_tier[t]:
            sg.add_node(pydot.Node(vid))
        g.add_subgraph(sg)
    # invisible chain keeps tiers in order even where no ranking links them
    heads = [by_tier[t][0] for t in sorted(by_tier)]
    for a, b in zip(heads, heads[1:]):
        g.add_edge(pydot.Edge(a, b, style="invis"))


    n = 0
    for r in rels:
        if r.kind == "part-of" or r.source not in by_id or r.target not in by_id:
            continue
        n += 1
        if r.kind == "ranks-above":
            ea = attrs(vt["ranks-above-context" if r.context else "ranks-above"])
            upward = tier.get(r.source, 0) > tier.get(r.target, 0)
            if r.context:
                ea["label"] = f"<<FONT POINT-SIZE=\"7\"><I>ranks above<BR/>in {html_text(clean(r.context))}</I></FONT>>"
            if upward or r.context:
                ea["constraint"] = "false"
        else:
            ea = attrs(vt.get(r.kind) or {})
            ea["label"] = f"<<FONT POINT-SIZE=\"7\">{r.kind}" + (
                f"<BR/><I>in {html_text(clean(r.context))}</I>" if r.context else "") + "</FONT>>"
            ea["constraint"] = "false"
        ea.update(id=f"vr-{n}", **{"class": f"vrel vrel-{r.kind}"})
        g.add_edge(pydot.Edge(r.source, r.target, **ea))
    return g.to_string()


def _css(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


def _html_wrap(text: str, width: int) -> str:
    return '<BR ALIGN="LEFT"/>'.join(html_text(x) for x in wrap_lines(text, width))
