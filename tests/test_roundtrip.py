"""Round trips: YAML -> model -> YAML -> model and model -> node-link JSON -> model are lossless."""
from __future__ import annotations

import dataclasses
import json

import networkx as nx
from hypothesis import HealthCheck, given, settings, strategies as st

from argmap.nx_convert import to_networkx
import argmap
from argmap import model as M
from argmap.formats.nodelink import read_json, write_json
from argmap.formats.yaml_map import write_yaml

from conftest import GRAPHS
from test_formats_common import lines, maybe, texty
from test_formats_common import maps as interchange_maps


@st.composite
def maps(draw):
    """The interchange tests' generated maps, plus what only the argmap format carries: free
    value classes, several value relations and a value system."""
    amap = draw(interchange_maps())
    values = tuple(dataclasses.replace(v, klass=draw(st.sampled_from(["purpose", "instrumental", "meta"])))
                   for v in amap.values)
    value_ids = [v.id for v in values]
    value_relations = list(amap.value_relations)
    if len(value_ids) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.lists(st.sampled_from(value_ids), min_size=2, max_size=2, unique=True))
            value_relations.append(M.ValueRelation(a, draw(st.sampled_from(M.VALUE_RELATIONS)), b,
                                                   draw(maybe(texty)), draw(lines)))
    vs = draw(maybe(st.builds(M.ValueSystem, maybe(texty), maybe(texty),
                              st.lists(texty, max_size=2).map(tuple), lines)))
    return dataclasses.replace(amap, values=values, value_relations=tuple(value_relations),
                               value_system=vs)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(maps())
def test_yaml_round_trip(amap):
    text = write_yaml(amap)
    again = argmap.loads(text, "generated.yaml")
    assert again.canonical() == amap.canonical()
    assert write_yaml(again) == write_yaml(amap.canonical()) or write_yaml(again) == text


@SETTINGS
@given(maps())
def test_node_link_round_trip(amap):
    data = write_json(amap)
    g = nx.node_link_graph(json.loads(data), edges="edges")
    assert g.number_of_nodes() == len(amap.statements) + len(amap.inferences) + len(amap.values)
    assert read_json(data).canonical() == amap.canonical()


@SETTINGS
@given(maps())
def test_json_map_loads_like_yaml(amap):
    """The same structure written as JSON loads to the same model."""
    from argmap.formats.yaml_map import to_document

    again = argmap.loads(json.dumps(to_document(amap)), "generated.json")
    assert again.canonical() == amap.canonical()


def test_example_round_trips_through_yaml(tmp_path):
    amap = argmap.load(str(GRAPHS / "drowning-child.yaml"))
    out = GRAPHS / "drowning-child.yaml"
    copy = tmp_path / "copy.yaml"
    copy.write_text(write_yaml(amap))
    (tmp_path / "drowning-child.bib").write_text((GRAPHS / "drowning-child.bib").read_text())
    assert argmap.load(str(copy)).canonical() == amap.canonical()
    assert out.exists()


def _networkx_node_link(amap) -> str:
    return json.dumps(nx.node_link_data(to_networkx(amap), edges="edges"), ensure_ascii=False, indent=2) + "\n"


@SETTINGS
@given(maps())
def test_node_link_export_is_what_networkx_writes(amap):
    """The JSON export builds node-link data without importing networkx: it must be the very
    document networkx writes for the same graph, byte for byte."""
    assert write_json(amap) == _networkx_node_link(amap)


def test_node_link_export_is_what_networkx_writes_for_the_maps():
    for path in sorted(GRAPHS.glob("*.yaml")):
        amap = argmap.load(str(path))
        assert write_json(amap) == _networkx_node_link(amap), path.name
    # edges that share both ends (a relation stated twice in different contexts) get keys 0, 1
    amap = argmap.loads("argmap: 1\ntitle: t\nstatements:\n  - {id: A, kind: premise, text: a}\n"
                        "  - {id: B, kind: claim, text: b}\nrelations:\n"
                        "  - {from: A, kind: supports, to: B, context: x}\n"
                        "  - {from: A, kind: supports, to: B, context: y}\n"
                        "  - {from: B, kind: attacks, to: A}\n")
    data = json.loads(write_json(amap))
    assert [(e["source"], e["target"], e["key"]) for e in data["edges"]] == [("A", "B", 0), ("A", "B", 1),
                                                                              ("B", "A", 0)]
    assert write_json(amap) == _networkx_node_link(amap)
