"""GraphML: argmap -> GraphML -> argmap keeps the map; list attributes travel as JSON strings;
GraphML from other tools imports with located warnings; bad XML is a located error."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from hypothesis import given

from argmap.nx_convert import to_networkx
import argmap
from argmap.errors import LoadError
from argmap.formats.graphml import read_graphml, read_graphml_with_diagnostics, sniff_graphml, write_graphml

from conftest import GRAPHS
from test_formats_common import SETTINGS, maps, meaning


@SETTINGS
@given(maps())
def test_round_trip(amap):
    text = write_graphml(amap)
    again = read_graphml(text, "generated.graphml")
    assert meaning(again) == meaning(amap)
    assert write_graphml(amap) == text


def _networkx_graphml(amap) -> str:
    """What networkx.write_graphml writes for the map's graph (attributes encoded as argmap does)."""
    import io

    from argmap.formats.graphml import EDGE_JSON, GRAPH_JSON, NODE_JSON, _encode

    g = to_networkx(amap)
    h = nx.MultiDiGraph()
    h.graph.update(_encode(g.graph, GRAPH_JSON))
    for node, data in g.nodes(data=True):
        h.add_node(node, **_encode(data, NODE_JSON))
    for u, v, key, data in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=key, **_encode(data, EDGE_JSON))
    buf = io.BytesIO()
    nx.write_graphml(h, buf, encoding="utf-8", prettyprint=True, named_key_ids=False)
    return buf.getvalue().decode("utf-8")


@SETTINGS
@given(maps())
def test_export_is_what_networkx_writes(amap):
    """GraphML is written without importing networkx: it must be networkx's document, byte for byte."""
    assert write_graphml(amap) == _networkx_graphml(amap)


def test_export_is_what_networkx_writes_for_the_maps():
    for path in sorted(GRAPHS.glob("*.yaml")):
        amap = argmap.load(str(path))
        assert write_graphml(amap) == _networkx_graphml(amap), path.name


def test_networkx_reads_it_and_lists_are_json():
    amap = argmap.load(str(GRAPHS / "drowning-child.yaml"))
    g = nx.parse_graphml(write_graphml(amap), force_multigraph=True)
    assert g.number_of_nodes() == len(amap.statements) + len(amap.inferences) + len(amap.values)
    t = g.nodes["T"]
    assert t["kind"] == "thesis" and isinstance(json.loads(t["lines"]), list)
    assert json.loads(g.graph["references"])[0]["id"]
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert {"supports", "attacks", "promotes"} <= kinds


def test_foreign_graphml_imports_with_warnings():
    text = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="edge" attr.name="kind" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="a"><data key="d0">A claim</data></node>
    <node id="b b"><data key="d0">A reason</data></node>
    <edge source="b b" target="a"><data key="d1">supports</data></edge>
    <edge source="a" target="b b"/>
  </graph>
</graphml>
"""
    amap, diags = read_graphml_with_diagnostics(text, "yed.graphml")
    assert [(s.id, s.kind, s.text) for s in amap.statements] == [("a", "claim", "A claim"),
                                                                  ("b_b", "claim", "A reason")]
    assert {(r.source, r.kind, r.target) for r in amap.relations} == {("b_b", "supports", "a")}
    assert sorted((d.code, d.location.line) for d in diags) == [
        ("graphml-id", 7), ("graphml-kind", 6), ("graphml-kind", 7), ("graphml-kind", 9), ("graphml-title", 1)]


@pytest.mark.parametrize("text, line", [
    ("<graphml><graph><node id='a'></graph></graphml>", 1),
    ("<?xml version='1.0'?>\n<graphml>\n  <graph>\n    <node id='a'>\n</graphml>\n", 5),
    ("not xml at all", 1),
])
def test_bad_xml_is_a_located_error(text, line):
    with pytest.raises(LoadError) as info:
        read_graphml(text, "bad.graphml")
    d = info.value.diagnostics[0]
    assert d.location.path == "bad.graphml" and d.location.line == line


def test_invalid_map_is_reported_at_the_node():
    amap = argmap.load(str(GRAPHS / "drowning-child.yaml"))
    text = write_graphml(amap).replace(">thesis</data>", ">thesys</data>", 1)
    assert "thesys" in text
    with pytest.raises(LoadError) as info:
        read_graphml(text, "typo.graphml")
    d = [d for d in info.value.diagnostics if d.severity == "error"][0]
    assert d.code == "unknown-kind" and d.location.line > 1
    root = ET.fromstring(text)
    assert root.tag.endswith("graphml")


def test_sniff():
    assert sniff_graphml(write_graphml(argmap.load(str(GRAPHS / "drowning-child.yaml"))))
    assert not sniff_graphml("<html></html>") and not sniff_graphml("[A]: x")
