"""GraphML: ``write_graphml`` / ``read_graphml`` (a symmetric pair), through networkx.

The graph is :func:`argmap.nx_convert.to_networkx` (nodes: statements, inferences, values; edges with
a ``kind``; see :mod:`argmap.nx_convert`) as ``networkx.write_graphml`` writes it.  GraphML attributes
hold only strings, numbers and booleans, so list and mapping attributes (``lines``, ``cites``,
``tags``, ``ignore``; the graph's ``sections``, ``references``, ``value_system``) are written as
JSON strings; absent values are left out.  ``read_graphml`` decodes them and rebuilds the map
with :func:`argmap.nx_convert.from_networkx`, validated like a map file.

Reading GraphML written by other tools: a node without ``kind`` is imported as a ``claim``
(text: its ``text``, ``label`` or ``name`` attribute, else its id) and an edge without ``kind``
is left out, each with a located warning (the line of the ``<node>`` / ``<edge>`` element).
"""
from __future__ import annotations

import io
import json
import warnings
from typing import Any, NoReturn

from ..errors import LoadError, Location
from ..model import ArgumentMap
from ..vocab import StatementKind
from ._common import Collector, IdMaker, Imported, finish, guard, ldoc, raise_or_return, stem

__all__ = ["write_graphml", "read_graphml", "read_graphml_with_diagnostics", "sniff_graphml"]

NODE_JSON = ("lines", "cites", "tags", "ignore")
EDGE_JSON = ("lines",)
GRAPH_JSON = ("sections", "references", "value_system")


def sniff_graphml(text: str) -> bool:
    """Whether *text* looks like GraphML: XML whose first element is ``<graphml>``."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    return head.startswith("<") and "<graphml" in head


def _encode(attrs: dict[str, Any], json_keys: tuple[str, ...]) -> dict[str, Any]:
    """GraphML attributes: list and mapping values (and *json_keys*) as JSON strings, no None."""
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if key in json_keys or isinstance(value, (list, tuple, dict)):
            out[key] = json.dumps(value, ensure_ascii=False, sort_keys=False)
        else:
            out[key] = value
    return out


def write_graphml(amap: ArgumentMap) -> str:
    """The map as GraphML (byte-identical for the same map).

    The document ``networkx.write_graphml`` writes for :func:`argmap.nx_convert.to_networkx` (with the
    attributes encoded as above), byte for byte (tested against networkx), but built here with
    the standard library's ElementTree: exporting need not import networkx."""
    from xml.etree.ElementTree import Element, ElementTree, indent

    from ..nx_convert import elements

    graph_attrs, nodes, edges = elements(amap)
    root = Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns",
                               "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
                               "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    graph = Element("graph", edgedefault="directed")
    keys: dict[tuple[str, str, str], str] = {}
    pending = [(graph, "graph", _encode(graph_attrs, GRAPH_JSON))]   # data is added last
    for node, attrs in nodes.items():
        element = Element("node", id=str(node))
        graph.append(element)
        pending.append((element, "node", _encode(attrs, NODE_JSON)))
    for u, v, key, attrs in edges:
        element = Element("edge", source=str(u), target=str(v), id=str(key))
        graph.append(element)
        pending.append((element, "edge", _encode(attrs, EDGE_JSON)))
    for element, scope, data in pending:
        for name, value in data.items():
            kind = _XML_TYPES[type(value)]
            key_id = keys.get((name, kind, scope))
            if key_id is None:
                key_id = keys[(name, kind, scope)] = f"d{len(keys)}"
                root.insert(0, Element("key", {"id": key_id, "for": scope, "attr.name": name,
                                               "attr.type": kind}))
            data_element = Element("data", key=key_id)
            data_element.text = str(value)
            element.append(data_element)
    root.append(graph)
    indent(root, space="  ")
    root.tail = "\n"   # as networkx's writer ends the document
    buf = io.BytesIO()
    ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue().decode("utf-8")


_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def read_graphml_with_diagnostics(text: str, path: str = "<string>") -> Imported:
    """``(map or None, diagnostics)``."""
    return guard(_import, text, path)


def read_graphml(text: str, path: str = "<string>") -> ArgumentMap:
    """Read GraphML written by :func:`write_graphml`; raise LoadError on bad input."""
    return raise_or_return(read_graphml_with_diagnostics(text, path))


class _Refused(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


#: element name (``node``, ``edge``, ``graph``; ``<root>``: the root's name) -> [(attributes, (line, column))]
_Found = dict[str, list[tuple[dict[str, str], tuple[int, int]]]]


def _scan(text: str, path: str) -> _Found:
    """One pass of expat over the document, before networkx reads it: refuse any DTD (entity
    expansion, "billion laughs", external entities: GraphML needs none), report XML syntax
    errors, and note the attributes and (line, column) of every ``node``, ``edge`` and
    ``graph`` element, in document order."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    found: _Found = {"node": [], "edge": [], "graph": [], "<root>": []}

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local in found:
            found[local].append((attrs, here()))
        if not found["<root>"]:
            found["<root>"].append(({"name": local}, here()))

    def refuse(*_args: Any) -> NoReturn:
        raise _Refused(*here(), "a DOCTYPE (DTD) is not allowed in GraphML: argmap does not expand "
                       "XML entities or read external ones")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(text, True)
    except _Refused as exc:
        raise LoadError(exc.message, location=Location(path, exc.line, exc.col), code="graphml-dtd") from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code else str(exc).split(":")[0]
        raise LoadError(f"XML syntax error: {message}", location=Location(path, exc.lineno, exc.offset + 1),
                        code="graphml-syntax") from None
    return found


# the JSON each list or mapping attribute must hold: (type, keys every item must have)
SHAPES: dict[str, tuple[type, tuple[str, ...] | None]] = {
    "lines": (list, None), "tags": (list, None), "ignore": (list, None), "cites": (list, ("ref",)),
    "sections": (list, ("id", "title")), "references": (list, ("id",)), "value_system": (dict, None)}


def _decode(value: Any, key: str, loc: Location, c: Collector, what: str) -> Any:
    """The JSON in attribute *key* (a string), or None (with a warning) when it is not the JSON
    that argmap writes for *key*; a value that is not a string is kept as it is."""
    if not isinstance(value, str):
        return value
    decoded: Any
    try:
        decoded = json.loads(value)
    except (ValueError, RecursionError):
        decoded = _decode
    kind, needed = SHAPES.get(key, (object, None))
    if decoded is _decode or not isinstance(decoded, kind) or (needed and not _all_have(decoded, needed)):
        c.warning(loc, "graphml-attribute", f"attribute '{key}' of {what} is not the JSON that argmap "
                  "writes; ignored")
        return None
    return decoded


def _all_have(items: Any, keys: tuple[str, ...]) -> bool:
    """Whether every item of the list *items* is a mapping with all of *keys*."""
    return all(isinstance(item, dict) and all(k in item for k in keys) for item in items)


def _import(text: str, path: str) -> Imported:
    """The import, step by step: scan the XML (refusing DTDs, noting where each element is),
    let networkx read the graph, check and decode the nodes', edges' and graph's attributes,
    rebuild the map with :func:`argmap.nx_convert.from_networkx` and locate its parts."""
    import networkx as nx

    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    found = _scan(text, path)
    _check_root(found, path)
    g = _networkx_graph(text, path, c)
    node_at, edges_at = _element_locations(found, path, c)
    rename, loc_of_node, implied = _read_nodes(g, node_at, c)
    g = nx.relabel_nodes(g, rename, copy=True)
    edge_loc = _read_edges(g, rename, edges_at, path, c)
    graph_loc = Location(path, *found["graph"][0][1]) if found["graph"] else Location(path, 1, 1)
    _decode_all(g.graph, GRAPH_JSON, graph_loc, c, "the graph")
    doc = _document(g, path, c)
    _locate(doc, loc_of_node, edge_loc, {rename[n] for n in implied}, path)
    return finish(doc, path, c)


def _check_root(found: _Found, path: str) -> None:
    """The document must be ``<graphml>`` with a ``<graph>``."""
    root_attrs, root_at = found["<root>"][0] if found["<root>"] else ({"name": ""}, (1, 1))
    if root_attrs["name"] != "graphml":
        raise LoadError(f"not a GraphML document: the root element is <{root_attrs['name']}>, not <graphml>",
                        location=Location(path, *root_at), code="graphml")
    if not found["graph"]:
        raise LoadError("the GraphML document has no <graph> element", location=Location(path, *root_at),
                        code="graphml")


def _networkx_graph(text: str, path: str, c: Collector) -> Any:
    """The document as a networkx ``MultiDiGraph`` (an undirected graph made directed, with a
    warning); networkx's own warnings become located ones."""
    import xml.etree.ElementTree as ET
    from xml.parsers.expat import ExpatError

    import networkx as nx

    try:
        with warnings.catch_warnings(record=True) as caught:   # located below, not on stderr
            warnings.simplefilter("always")
            g = nx.parse_graphml(text, force_multigraph=True)
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (1, 0))
        raise LoadError(f"XML syntax error: {exc}", location=Location(path, line, col + 1),
                        code="graphml-syntax") from None
    except ExpatError as exc:
        raise LoadError(f"XML syntax error: {exc}", location=Location(path, exc.lineno, exc.offset + 1),
                        code="graphml-syntax") from None
    except (nx.NetworkXError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise LoadError(f"not a GraphML document networkx can read: {exc}", location=Location(path, 1, 1),
                        code="graphml") from None
    for w in caught:
        c.warning(Location(path, 1, 1), "graphml-key", str(w.message).split("\n")[0])
    if not g.is_directed():
        c.warning(Location(path, 1, 1), "graphml-undirected", "the graph is undirected; edges are read "
                  "in the order written")
        g = nx.MultiDiGraph(g)
    return g


def _element_locations(found: _Found, path: str,
                       c: Collector) -> tuple[dict[str, Location], dict[tuple[Any, Any], list[Location]]]:
    """Where each ``<node>`` (by id) and each ``<edge>`` (by its ends, in order) is written; a
    node without an id or with a repeated one is an error."""
    node_at: dict[str, Location] = {}
    for attrs, pos in found["node"]:
        loc = Location(path, *pos)
        if "id" not in attrs:
            c.error(loc, "graphml", "a <node> has no 'id'")
        elif attrs["id"] in node_at:
            first = node_at[attrs["id"]]
            c.error(loc, "duplicate-id", f"node id {attrs['id']!r} is used twice (first at line {first.line})")
        else:
            node_at[attrs["id"]] = loc
    edges_at: dict[tuple[Any, Any], list[Location]] = {}
    for attrs, pos in found["edge"]:
        edges_at.setdefault((attrs.get("source"), attrs.get("target")), []).append(Location(path, *pos))
    return node_at, edges_at


def _read_nodes(g: Any, node_at: dict[str, Location],
                c: Collector) -> tuple[dict[Any, str], dict[str, Location], set[Any]]:
    """Map ids for the nodes and their attributes checked: ``(networkx node -> map id, map id
    -> location, nodes networkx made up for an edge to a node that is not written)``."""
    loc_of_node = {}
    ids = IdMaker()
    rename = {}
    implied = set()    # made by networkx for an edge to a node that is not written: left out
    for node, data in list(g.nodes(data=True)):
        if str(node) not in node_at:
            implied.add(node)
            rename[node] = ids.make(str(node))
            continue
        loc = node_at[str(node)]
        new = ids.make(str(node))
        if new != str(node):
            c.warning(loc, "graphml-id", f"node id {node!r} is not a valid map id; imported as '{new}'")
        rename[node] = new
        loc_of_node[new] = loc
        _node_attributes(node, data, loc, c)
    return rename, loc_of_node, implied


def _node_attributes(node: Any, data: dict[str, Any], loc: Location, c: Collector) -> None:
    """A node's attributes as the map wants them: list attributes decoded, a kind (a node
    without one is a claim), a text (else its label, name or id), text fields as text."""
    what = f"node '{node}'"
    _decode_all(data, NODE_JSON, loc, c, what)
    if "kind" not in data:
        c.warning(loc, "graphml-kind", f"{what} has no 'kind'; imported as a claim")
        data["kind"] = StatementKind.CLAIM
    if not str(data.get("text", "")).strip():
        label = data.get("label") or data.get("name") or str(node)
        data["text"] = str(label)
    for key in ("text", "note", "section", "page", "scheme"):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            data[key] = str(data[key])


def _read_edges(g: Any, rename: dict[Any, str], edges_at: dict[tuple[Any, Any], list[Location]], path: str,
                c: Collector) -> dict[tuple[str, str, Any], Location]:
    """Each edge's location (by its ends and kind) and its attributes decoded; an edge without
    a kind is removed, with a warning."""
    edge_loc: dict[tuple[str, str, Any], Location] = {}
    drop = []
    original = {new: old for old, new in rename.items()}
    for u, v, key, data in list(g.edges(keys=True, data=True)):
        locs = edges_at.get((str(original.get(u, u)), str(original.get(v, v)))) or [Location(path, 1, 1)]
        loc = locs.pop(0) if len(locs) > 1 else locs[0]
        edge_loc[(u, v, data.get("kind"))] = loc
        _decode_all(data, EDGE_JSON, loc, c, f"edge {u} -> {v}")
        if "kind" not in data:
            c.warning(loc, "graphml-kind", f"edge {u} -> {v} has no 'kind'; ignored")
            drop.append((u, v, key))
    for u, v, key in drop:
        g.remove_edge(u, v, key)
    return edge_loc


def _decode_all(data: dict[str, Any], keys: tuple[str, ...], loc: Location, c: Collector, what: str) -> None:
    """Decode the JSON-string attributes *keys* of *data* in place; one that is not the JSON
    argmap writes is removed (with a warning)."""
    for key in keys:
        if key in data:
            data[key] = _decode(data[key], key, loc, c, what)
            if data[key] is None:
                del data[key]


def _document(g: Any, path: str, c: Collector) -> dict[str, Any]:
    """The map document of the graph (references inline, a title in any case)."""
    from ..nx_convert import from_networkx
    from .yaml_map import to_document

    try:
        amap = from_networkx(g)
        doc = to_document(amap)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LoadError(f"not a GraphML document written by argmap: {exc!r}", location=Location(path, 1, 1),
                        code="graphml") from None
    # references read from a BibTeX file travel inline: the GraphML file stands alone
    doc.pop("bibtex", None)
    refs = {r.id: {k: v for k, v in (("author", r.author), ("title", r.title), ("year", r.year),
                                    ("url", r.url), ("note", r.note)) if v is not None}
            for r in amap.references}
    if refs:
        doc["references"] = refs
    if not doc.get("title"):
        c.warning(Location(path, 1, 1), "graphml-title", "the graph has no 'title'; the file name is used")
        doc["title"] = stem(path) or "GraphML map"
    return doc


def _locate(doc: dict[str, Any], loc_of_node: dict[str, Location], edge_loc: dict[tuple[str, str, Any], Location],
            gone: set[str], path: str) -> None:
    """Statements, inferences and values located at their ``<node>``, relations at their
    ``<edge>``; the nodes in *gone* (made up by networkx) left out."""
    for section in ("statements", "inferences", "values"):
        doc[section] = [ldoc(item, loc_of_node.get(item["id"], Location(path, 1, 1)))
                        for item in doc.get(section, []) if item["id"] not in gone]
        if not doc[section]:
            del doc[section]
    if "relations" in doc:
        doc["relations"] = [ldoc(r, edge_loc.get((r["from"], r["to"], r["kind"]), Location(path, 1, 1)))
                            for r in doc["relations"]]
