"""networkx node-link JSON: ``write_json`` / ``read_json`` (a symmetric pair).

The top-level keys are ``directed``, ``multigraph``, ``graph``, ``nodes`` and ``edges``; load it
with ``networkx.node_link_graph(data, edges="edges")``.  Node and edge attributes are described
in :mod:`argmap.graph`.

``read_json`` reads the JSON with locations (:func:`argmap.source.parse`) and turns the graph
back into a map document (the inverse of :func:`argmap.graph.to_networkx`), which the map loader
then validates like a map file: a missing kind, an edge to an unknown node, a duplicate id, a
wrong type is an error at the line and column of the node or edge that has it.  As in GraphML,
references read from a BibTeX file travel inline (the ``bibtex`` attribute is not followed).
Older networkx files name the edges ``links``; both are read.
"""
from __future__ import annotations

import json

from ..errors import LoadError, Location
from ..model import ArgumentMap, VALUE_RELATIONS
from ..document import LMap, LSeq, parse
from ._common import Collector, finish, guard, raise_or_return, stem

__all__ = ["write_json", "read_json", "read_json_with_diagnostics", "sniff_node_link"]

STATEMENT_KEYS = ("kind", "text", "section", "lines", "page", "cites", "tags", "note", "ignore")
INFERENCE_KEYS = ("scheme", "lines", "page", "note")
VALUE_KEYS = (("text", "name"), ("class", "class"), ("lines", "lines"), ("page", "page"),
              ("note", "note"))
RELATION_KEYS = ("context", "lines", "page", "note")
REFERENCE_KEYS = ("id", "author", "title", "year", "url", "note")


def write_json(amap: ArgumentMap) -> str:
    from ..graph import node_link_data

    data = node_link_data(amap)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sniff_node_link(text: str) -> bool:
    """Node-link JSON written by networkx: an object with directed, nodes and edges/links."""
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    # networkx writes "directed" first; "nodes" may come after a long "graph" block
    return head.startswith("{") and '"directed"' in head and '"nodes"' in text and (
        '"edges"' in text or '"links"' in text)


def read_json_with_diagnostics(text: str, path: str = "<string>"):
    """``(map or None, diagnostics)``."""
    return guard(_import, text, path)


def read_json(text: str, path: str = "<string>") -> ArgumentMap:
    """Read node-link JSON written by :func:`write_json` back into a map; raise LoadError (located
    diagnostics) when it is not one."""
    return raise_or_return(read_json_with_diagnostics(text, path))


# -- located copies ------------------------------------------------------------------------------

def _put(dst: LMap, key: str, src: LMap, skey: str | None = None) -> None:
    """dst[key] = src[skey], keeping where it was written."""
    skey = skey or key
    dst.key_loc[key] = src.key_loc.get(skey, src.loc)
    dst.val_loc[key] = src.loc_of(skey)
    dst.raw[key] = src.raw.get(skey)
    dst[key] = src[skey]


def _set(dst: LMap, key: str, value, loc: Location) -> None:
    dst.key_loc[key] = dst.val_loc[key] = loc
    dst.raw[key] = None
    dst[key] = value


def _append(seq: LSeq, value, loc: Location) -> None:
    seq.append(value)
    seq.item_loc.append(getattr(value, "loc", loc))
    seq.raw.append(None)


def _id(value) -> str | None:
    """A node id as text (networkx ids may be numbers); None when it cannot be one."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _import(text: str, path: str):
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    data = parse(text, path, fmt="json")
    if not isinstance(data, LMap):
        raise LoadError("a node-link document is a JSON object with 'nodes' and 'edges'",
                        location=getattr(data, "loc", Location(path, 1, 1)), code="node-link")
    if "nodes" not in data:
        raise LoadError("not a node-link document: no 'nodes'", location=data.loc, code="node-link")
    nodes = data["nodes"]
    if not isinstance(nodes, LSeq):
        raise LoadError("'nodes' must be a list", location=data.loc_of("nodes"), code="node-link")
    edge_key = "links" if "links" in data and "edges" not in data else "edges"
    edges = data.get(edge_key)
    if edges is None:
        edges = LSeq(data.loc)
    if not isinstance(edges, LSeq):
        raise LoadError(f"'{edge_key}' must be a list", location=data.loc_of(edge_key), code="node-link")
    graph = data.get("graph")
    if graph is None:
        graph = LMap(data.loc)
    if not isinstance(graph, LMap):
        raise LoadError("'graph' must be an object (the map's title, thesis, sections, ...)",
                        location=data.loc_of("graph"), code="node-link")

    doc = LMap(data.loc)
    if "argmap" in graph:
        _put(doc, "argmap", graph)
    else:
        _set(doc, "argmap", 1, graph.loc)
    if graph.get("title") is not None:
        _put(doc, "title", graph)
    else:
        c.warning(graph.loc, "node-link-title", "the graph has no 'title'; the file name is used")
        _set(doc, "title", stem(path) or "node-link map", graph.loc)
    if "thesis" in graph:
        _put(doc, "thesis", graph)
    if graph.get("source_name") is not None or graph.get("source_file") is not None:
        source = LMap(graph.loc)
        for key in ("name", "file"):
            if graph.get(f"source_{key}") is not None:
                _put(source, key, graph, f"source_{key}")
        _set(doc, "source", source, graph.loc)
    if "sections" in graph:
        _put(doc, "sections", graph)
    if "value_system" in graph and graph["value_system"] is not None:
        _put(doc, "value-system", graph, "value_system")
    refs = graph.get("references")
    if isinstance(refs, LSeq):
        block = LSeq(refs.loc)
        for item, loc in zip(refs, refs.item_loc):
            if isinstance(item, LMap):   # from_bibtex is not a map field: the output stands alone
                ref = LMap(item.loc)
                for key in item:
                    if key != "from_bibtex":
                        _put(ref, key, item)
                item = ref
            _append(block, item, loc)
        _set(doc, "references", block, graph.loc_of("references"))
    elif refs is not None:
        _put(doc, "references", graph)

    statements, inferences, values = LSeq(nodes.loc), LSeq(nodes.loc), LSeq(nodes.loc)
    inference_at: dict[str, LMap] = {}
    for item, loc in zip(nodes, nodes.item_loc):
        if not isinstance(item, LMap):
            c.error(loc, "node-link", "a node must be an object with an 'id'")
            continue
        if "id" not in item:
            c.error(item.loc, "node-link", "a node has no 'id'")
            continue
        out = LMap(item.loc)
        _put(out, "id", item)
        kind = item.get("kind")
        if kind == "inference":
            for key in INFERENCE_KEYS:
                if key in item:
                    _put(out, key, item)
            _append(inferences, out, item.loc)
            ident = _id(item["id"])
            if ident is not None:
                inference_at.setdefault(ident, out)
        elif kind == "value":
            for key, field in VALUE_KEYS:
                if key in item:
                    _put(out, field, item, key)
            _append(values, out, item.loc)
        else:
            for key in STATEMENT_KEYS:
                if key in item:
                    _put(out, key, item)
            _append(statements, out, item.loc)

    relations, value_relations = LSeq(edges.loc), LSeq(edges.loc)
    premises: dict[str, list] = {}
    for item, loc in zip(edges, edges.item_loc):
        if not isinstance(item, LMap):
            c.error(loc, "node-link", "an edge must be an object with 'source' and 'target'")
            continue
        missing = [k for k in ("source", "target") if k not in item]
        if missing:
            c.error(item.loc, "node-link", f"an edge has no '{missing[0]}'")
            continue
        role = item.get("role")
        if role in ("premise", "conclusion"):
            end = "target" if role == "premise" else "source"
            inf = inference_at.get(_id(item[end]))
            if inf is None:
                c.error(item.loc_of(end), "node-link", f"an edge with role '{role}' must "
                        f"{'point at' if role == 'premise' else 'start at'} an inference node")
                continue
            if role == "conclusion":
                if "conclusion" in inf:
                    c.error(item.loc, "node-link", f"inference '{inf['id']}' has a second conclusion "
                            f"(the first at line {inf.val_loc['conclusion'].line})")
                    continue
                _put(inf, "conclusion", item, "target")
                continue
            index = item.get("index", 0)
            if isinstance(index, bool) or not isinstance(index, int):
                c.error(item.loc_of("index"), "node-link", "the 'index' of a premise edge must be a "
                        "whole number")
                index = 0    # still a premise: no second error about an inference without premises
            steps = premises.setdefault(id(inf), [inf])
            steps.append((index, len(steps), item))
            continue
        if role is not None:
            c.error(item.loc_of("role"), "node-link", f"unknown edge role {role!r} (argmap writes "
                    "'premise' and 'conclusion')")
            continue
        rel = LMap(item.loc)
        _put(rel, "from", item, "source")
        if "kind" in item:
            _put(rel, "kind", item)
        _put(rel, "to", item, "target")
        for key in RELATION_KEYS:
            if key in item:
                _put(rel, key, item)
        kind = item.get("kind")
        _append(value_relations if isinstance(kind, str) and kind in VALUE_RELATIONS else relations,
                rel, item.loc)
    for inf, *steps in premises.values():
        seq = LSeq(inf.loc)
        for _, _, edge in sorted(steps, key=lambda s: (s[0], s[1])):
            seq.append(edge["source"])
            seq.item_loc.append(edge.loc_of("source"))
            seq.raw.append(edge.raw.get("source"))
        _set(inf, "premises", seq, inf.loc)

    for key, seq in (("statements", statements), ("inferences", inferences), ("values", values),
                     ("relations", relations), ("value-relations", value_relations)):
        if seq:
            _set(doc, key, seq, seq.loc)
    return finish(doc, path, c)
