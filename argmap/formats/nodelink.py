"""networkx node-link JSON: ``write_json`` / ``read_json`` (a symmetric pair).

The top-level keys are ``directed``, ``multigraph``, ``graph``, ``nodes`` and ``edges``; load it
with ``networkx.node_link_graph(data, edges="edges")``.  Node and edge attributes are described
in :mod:`argmap.nx_convert`.

``read_json`` reads the JSON with locations (:func:`argmap.document.parse`) and turns the graph
back into a map document (the inverse of :func:`argmap.nx_convert.to_networkx`), which the map loader
then validates like a map file: a missing kind, an edge to an unknown node, a duplicate id, a
wrong type is an error at the line and column of the node or edge that has it.  As in GraphML,
references read from a BibTeX file travel inline (the ``bibtex`` attribute is not followed).
Older networkx files name the edges ``links``; both are read.
"""
from __future__ import annotations

import json
from typing import Any

from ..document import LMap, LSeq, parse
from ..errors import LoadError, Location
from ..model import ArgumentMap
from ..vocab import VALUE_RELATIONS
from ._common import Collector, Imported, finish, guard, raise_or_return, stem

__all__ = ["write_json", "read_json", "read_json_with_diagnostics", "sniff_node_link"]

STATEMENT_KEYS = ("kind", "text", "section", "lines", "page", "cites", "tags", "note", "ignore")
INFERENCE_KEYS = ("scheme", "lines", "page", "note")
VALUE_KEYS = (("text", "name"), ("class", "class"), ("lines", "lines"), ("page", "page"),
              ("note", "note"))
RELATION_KEYS = ("context", "lines", "page", "note")
REFERENCE_KEYS = ("id", "author", "title", "year", "url", "note")


def write_json(amap: ArgumentMap) -> str:
    """The map as node-link JSON (:func:`argmap.nx_convert.node_link_data`), indented, UTF-8 kept."""
    from ..nx_convert import node_link_data

    data = node_link_data(amap)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sniff_node_link(text: str) -> bool:
    """Node-link JSON written by networkx: an object with directed, nodes and edges/links."""
    head = text.lstrip("\ufeff \t\r\n")[:4000]
    # networkx writes "directed" first; "nodes" may come after a long "graph" block
    return head.startswith("{") and '"directed"' in head and '"nodes"' in text and (
        '"edges"' in text or '"links"' in text)


def read_json_with_diagnostics(text: str, path: str = "<string>") -> Imported:
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


def _set(dst: LMap, key: str, value: Any, loc: Location) -> None:
    dst.key_loc[key] = dst.val_loc[key] = loc
    dst.raw[key] = None
    dst[key] = value


def _put_present(dst: LMap, src: LMap, keys: tuple[str, ...]) -> None:
    """dst[key] = src[key] for each of *keys* that *src* has."""
    for key in keys:
        if key in src:
            _put(dst, key, src)


def _append(seq: LSeq, value: Any, loc: Location) -> None:
    seq.append(value)
    seq.item_loc.append(getattr(value, "loc", loc))
    seq.raw.append(None)


def _id(value: Any) -> str | None:
    """A node id as text (networkx ids may be numbers); None when it cannot be one."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _import(text: str, path: str) -> Imported:
    """The import, step by step: the three parts of the document (graph, nodes, edges), the
    map's own fields from the graph, the nodes by kind, the edges (premise and conclusion
    edges of inferences, relations, value relations), and the premises of each inference."""
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    data = parse(text, path, fmt="json")
    graph, nodes, edges = _parts(data, path)
    doc = _map_fields(graph, data.loc, path, c)
    statements, inferences, values, inference_at = _nodes_by_kind(nodes, c)
    relations, value_relations, premises = _edges_by_role(edges, inference_at, c)
    _set_premises(premises)
    for key, seq in (("statements", statements), ("inferences", inferences), ("values", values),
                     ("relations", relations), ("value-relations", value_relations)):
        if seq:
            _set(doc, key, seq, seq.loc)
    return finish(doc, path, c)


def _parts(data: Any, path: str) -> tuple[LMap, LSeq, LSeq]:
    """The ``graph`` object and the ``nodes`` and ``edges`` (or older ``links``) lists; a
    document that is not node-link JSON is an error."""
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
    return graph, nodes, edges


def _map_fields(graph: LMap, loc: Location, path: str, c: Collector) -> LMap:
    """The map document (located at *loc*) with its top-level fields (format version, title,
    thesis, source, sections, value system, references) from the graph's attributes."""
    doc = LMap(loc)
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
    _references(graph, doc)
    return doc


def _references(graph: LMap, doc: LMap) -> None:
    """The graph's references into *doc*, without ``from_bibtex`` (not a map field: references
    read from a BibTeX file travel inline, so that the output stands alone)."""
    refs = graph.get("references")
    if isinstance(refs, LSeq):
        block = LSeq(refs.loc)
        for item, loc in zip(refs, refs.item_loc):
            if isinstance(item, LMap):
                ref = LMap(item.loc)
                for key in item:
                    if key != "from_bibtex":
                        _put(ref, key, item)
                item = ref
            _append(block, item, loc)
        _set(doc, "references", block, graph.loc_of("references"))
    elif refs is not None:
        _put(doc, "references", graph)


def _nodes_by_kind(nodes: LSeq, c: Collector) -> tuple[LSeq, LSeq, LSeq, dict[str, LMap]]:
    """Statements, inferences and values (each with the fields the map format has), and
    inference id -> its entry (for the premise and conclusion edges)."""
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
            _put_present(out, item, INFERENCE_KEYS)
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
            _put_present(out, item, STATEMENT_KEYS)
            if "held_by" in item:                      # a node attribute; the map's field is held-by
                _put(out, "held-by", item, "held_by")
            _append(statements, out, item.loc)
    return statements, inferences, values, inference_at


#: inference entry id -> [the entry, (index, position, premise edge), ...]
_Premises = dict[int, list[Any]]


def _edges_by_role(edges: LSeq, inference_at: dict[str, LMap], c: Collector) -> tuple[LSeq, LSeq, _Premises]:
    """Relations and value relations from the edges without a role; the edges with a role
    (``premise``, ``conclusion``) go to their inference: the conclusion at once, the premises
    collected (to be put in order by :func:`_set_premises`)."""
    relations, value_relations = LSeq(edges.loc), LSeq(edges.loc)
    premises: _Premises = {}
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
            _inference_edge(item, role, inference_at, premises, c)
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
        _put_present(rel, item, RELATION_KEYS)
        kind = item.get("kind")
        _append(value_relations if isinstance(kind, str) and kind in VALUE_RELATIONS else relations,
                rel, item.loc)
    return relations, value_relations, premises


def _inference_edge(item: LMap, role: str, inference_at: dict[str, LMap], premises: _Premises,
                    c: Collector) -> None:
    """A premise edge (premise -> inference) or the conclusion edge (inference -> conclusion)."""
    end = "target" if role == "premise" else "source"
    ident = _id(item[end])
    inf = inference_at.get(ident) if ident is not None else None
    if inf is None:
        c.error(item.loc_of(end), "node-link", f"an edge with role '{role}' must "
                f"{'point at' if role == 'premise' else 'start at'} an inference node")
        return
    if role == "conclusion":
        if "conclusion" in inf:
            c.error(item.loc, "node-link", f"inference '{inf['id']}' has a second conclusion "
                    f"(the first at line {inf.val_loc['conclusion'].line})")
            return
        _put(inf, "conclusion", item, "target")
        return
    index = item.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int):
        c.error(item.loc_of("index"), "node-link", "the 'index' of a premise edge must be a "
                "whole number")
        index = 0    # still a premise: no second error about an inference without premises
    steps = premises.setdefault(id(inf), [inf])
    steps.append((index, len(steps), item))


def _set_premises(premises: _Premises) -> None:
    """Each inference's ``premises``: its premise edges' sources, by index (then as written)."""
    for inf, *steps in premises.values():
        seq = LSeq(inf.loc)
        for _, _, edge in sorted(steps, key=lambda s: (s[0], s[1])):
            seq.append(edge["source"])
            seq.item_loc.append(edge.loc_of("source"))
            seq.raw.append(edge.raw.get("source"))
        _set(inf, "premises", seq, inf.loc)
