"""The map as a networkx graph and back, losslessly: the interchange form behind GraphML and
node-link JSON (a symmetric converter, as networkx's ``readwrite``).

This is not where relations get their meaning (that is :mod:`argmap.argument_graph`): it keeps
every field of the model, so that ``from_networkx(to_networkx(m)) == m``.

``to_networkx`` derives a ``MultiDiGraph`` from the model; the model is never changed through
the graph.  Nodes are statements (``kind`` = the statement kind), explicit inferences
(``kind: inference``; linked premises point at them, they point at the conclusion) and values
(``kind: value``).  Every edge has a ``kind``: supports, attacks, undercuts, contradicts,
promotes, ranks-above, part-of, includes or serves.  ``from_networkx`` is the inverse, used by the
node-link JSON reader.
"""
from __future__ import annotations

from . import model as M
from .vocab import VALUE_RELATIONS

__all__ = ["to_networkx", "from_networkx", "elements", "node_link_data"]


def _locator(item) -> dict:
    out = {"lines": list(item.lines)}
    if item.page is not None:
        out["page"] = item.page
    return out


def _opt(**kw) -> dict:
    return {k: v for k, v in kw.items() if v is not None and v != () and v != []}


def _graph_attrs(amap: M.ArgumentMap) -> dict:
    return _opt(
        argmap=amap.version, title=amap.title, thesis=amap.thesis, source_name=amap.source_name,
        source_file=amap.source_file, bibtex=amap.bibtex,
        sections=[_opt(id=s.id, title=s.title, inferred=s.inferred or None, lines=list(s.lines),
                       page=s.page) for s in amap.sections],
        references=[_opt(id=r.id, author=r.author, title=r.title, year=r.year, url=r.url,
                         note=r.note, from_bibtex=r.from_bibtex or None) for r in amap.references],
        value_system={"position": amap.value_system.position, "basis": amap.value_system.basis,
                      "contexts": list(amap.value_system.contexts),
                      "lines": list(amap.value_system.lines), "page": amap.value_system.page}
        if amap.value_system else None)


def _nodes(amap: M.ArgumentMap):
    """(id, attributes) of every node, in the graph's order."""
    for s in amap.statements:
        yield s.id, dict(kind=str(s.kind), text=s.text, section=s.section, lines=list(s.lines),
                         cites=[_opt(ref=c.ref, pages=c.pages) for c in s.cites],
                         **_opt(page=s.page, tags=list(s.tags), note=s.note, ignore=list(s.ignore),
                                held_by=s.held_by))
    for inf in amap.inferences:
        yield inf.id, dict(kind="inference", **_locator(inf), **_opt(scheme=inf.scheme, note=inf.note))
    for v in amap.values:
        yield v.id, dict(kind="value", text=v.name, **{"class": v.klass}, **_locator(v),
                         **_opt(note=v.note))


def _edges(amap: M.ArgumentMap):
    """(source, target, attributes) of every edge, in the order they are added."""
    for inf in amap.inferences:
        for i, p in enumerate(inf.premises):
            yield p, inf.id, dict(kind="supports", role="premise", index=i)
        yield inf.id, inf.conclusion, dict(kind="supports", role="conclusion")
    for r in list(amap.relations) + list(amap.value_relations):
        yield r.source, r.target, dict(kind=str(r.kind), **_opt(context=r.context, lines=list(r.lines),
                                                           page=r.page, note=r.note))


def to_networkx(amap: M.ArgumentMap):
    import networkx as nx

    g = nx.MultiDiGraph()
    g.graph.update(_graph_attrs(amap))
    for n, attrs in _nodes(amap):
        g.add_node(n, **attrs)
    for u, v, attrs in _edges(amap):
        g.add_edge(u, v, **attrs)
    return g


def elements(amap: M.ArgumentMap) -> tuple[dict, dict, list]:
    """What :func:`to_networkx` holds, without importing networkx (about 0.1 s, most of a small
    export): ``(graph attributes, {node: attributes}, [(source, target, key, attributes)])`` in
    the order networkx iterates them: nodes in the graph's order; edges grouped by source node,
    then by target in the order each target was first reached from that source, each pair's
    parallel edges keyed 0, 1, ... as a MultiDiGraph keys them."""
    nodes: dict = {}
    for n, attrs in _nodes(amap):
        nodes.setdefault(n, {}).update(attrs)
    adj: dict = {n: {} for n in nodes}
    for u, v, attrs in _edges(amap):
        for n in (u, v):          # an edge to a node not declared adds it, as networkx does
            if n not in nodes:
                nodes[n] = {}
                adj[n] = {}
        adj[u].setdefault(v, []).append(attrs)
    edges = [(u, v, k, attrs) for u, targets in adj.items() for v, keyed in targets.items()
             for k, attrs in enumerate(keyed)]
    return _graph_attrs(amap), nodes, edges


def node_link_data(amap: M.ArgumentMap) -> dict:
    """``networkx.node_link_data(to_networkx(amap), edges="edges")``, key for key and in the same
    order (tested against networkx), built from :func:`elements`."""
    graph, nodes, edges = elements(amap)
    return {
        "directed": True,
        "multigraph": True,
        "graph": graph,
        "nodes": [{**attrs, "id": n} for n, attrs in nodes.items()],
        "edges": [{**attrs, "source": u, "target": v, "key": k} for u, v, k, attrs in edges],
    }


def from_networkx(g) -> M.ArgumentMap:
    """Rebuild a map from a graph made by :func:`to_networkx` (or read from node-link JSON)."""
    ga = g.graph
    statements, inferences, values = [], [], []
    for node, d in g.nodes(data=True):
        kind = d.get("kind")
        if kind == "inference":
            inferences.append(node)
        elif kind == "value":
            values.append(M.Value(str(node), d.get("text", ""), d.get("class", "instrumental"),
                                  tuple(d.get("lines", ())), d.get("page"), d.get("note")))
        else:
            statements.append(M.Statement(
                str(node), kind, d.get("text", ""), d.get("section"), tuple(d.get("lines", ())),
                d.get("page"), tuple(M.Citation(c["ref"], c.get("pages")) for c in d.get("cites", ())),
                tuple(d.get("tags", ())), d.get("note"), tuple(d.get("ignore", ())),
                held_by=d.get("held_by")))
    relations, value_relations = [], []
    premises: dict = {}
    conclusions: dict = {}
    for u, v, d in g.edges(data=True):
        if d.get("role") == "premise":
            premises.setdefault(v, []).append((d.get("index", 0), u))
            continue
        if d.get("role") == "conclusion":
            conclusions[u] = v
            continue
        args = (str(u), d["kind"], str(v), d.get("context"), tuple(d.get("lines", ())),
                d.get("page"), d.get("note"))
        if d["kind"] in VALUE_RELATIONS:
            value_relations.append(M.ValueRelation(*args))
        else:
            relations.append(M.Relation(*args))
    infs = []
    for node in inferences:
        d = g.nodes[node]
        infs.append(M.Inference(str(node), tuple(p for _, p in sorted(premises.get(node, []))),
                                conclusions.get(node, ""), d.get("scheme"), tuple(d.get("lines", ())),
                                d.get("page"), d.get("note")))
    vs = ga.get("value_system")
    return M.ArgumentMap(
        title=ga.get("title", ""), version=ga.get("argmap", M.FORMAT_VERSION), thesis=ga.get("thesis"),
        source_name=ga.get("source_name"), source_file=ga.get("source_file"), bibtex=ga.get("bibtex"),
        sections=tuple(M.Section(s["id"], s["title"], bool(s.get("inferred")), tuple(s.get("lines", ())),
                                 s.get("page")) for s in ga.get("sections", ())),
        references=tuple(M.Reference(r["id"], r.get("author"), r.get("title"), r.get("year"),
                                     r.get("url"), r.get("note"), from_bibtex=bool(r.get("from_bibtex")))
                         for r in ga.get("references", ())),
        statements=tuple(statements), inferences=tuple(infs), relations=tuple(relations),
        values=tuple(values), value_relations=tuple(value_relations),
        value_system=M.ValueSystem(vs.get("position"), vs.get("basis"), tuple(vs.get("contexts", ())),
                                   tuple(vs.get("lines", ())), vs.get("page")) if vs is not None else None)
