"""networkx node-link JSON: ``write_json`` / ``read_json`` (a symmetric pair).

The top-level keys are ``directed``, ``multigraph``, ``graph``, ``nodes`` and ``edges``; load it
with ``networkx.node_link_graph(data, edges="edges")``.  Node and edge attributes are described
in :mod:`argmap.graph`.
"""
from __future__ import annotations

import json

from ..errors import LoadError, Location
from ..model import ArgumentMap


def write_json(amap: ArgumentMap) -> str:
    import networkx as nx

    data = nx.node_link_data(amap.to_networkx(), edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sniff_node_link(text: str) -> bool:
    """Node-link JSON written by networkx: an object with directed, nodes and edges/links."""
    head = text.lstrip()[:4000]
    return head.startswith("{") and '"directed"' in head and '"nodes"' in head and (
        '"edges"' in text or '"links"' in text)


def read_json(text: str, path: str = "<string>") -> ArgumentMap:
    """Read node-link JSON written by :func:`write_json` back into a map."""
    import networkx as nx

    from ..graph import from_networkx

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(f"JSON syntax error: {exc.msg}", location=Location(path, exc.lineno, exc.colno),
                        code="json-syntax") from None
    try:
        g = nx.node_link_graph(data, edges="edges")
        return from_networkx(g)
    except (KeyError, TypeError, ValueError, AttributeError, nx.NetworkXError) as exc:
        raise LoadError(f"not an argmap node-link document: {exc}", location=Location(path, 1, 1),
                        code="node-link") from None
