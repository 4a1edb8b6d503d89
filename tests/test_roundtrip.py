"""Round trips: YAML -> model -> YAML -> model and model -> node-link JSON -> model are lossless."""
from __future__ import annotations

import json

import networkx as nx
from hypothesis import HealthCheck, given, settings, strategies as st

import argmap
from argmap import model as M
from argmap.formats.nodelink import read_json, write_json
from argmap.formats.yaml_map import write_yaml

from conftest import GRAPHS

ident = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,12}", fullmatch=True)
# any printable text, including quotes, colons, YAML indicators, unicode and newlines
texty = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029")
                | st.sampled_from(["\n", ":", "#", "'", '"', "-", " ", "{", "[", "&", "*", "!"]),
                min_size=1, max_size=40).filter(lambda s: s.strip())
maybe = lambda s: st.none() | s  # noqa: E731
lines = st.lists(st.integers(1, 5000), max_size=4, unique=True).map(tuple)


@st.composite
def maps(draw):
    ids = draw(st.lists(ident, min_size=1, max_size=8, unique=True))
    n_inf = draw(st.integers(0, 2))
    n_val = draw(st.integers(0, 3))
    extra = draw(st.lists(ident.filter(lambda i: i not in ids), min_size=n_inf + n_val,
                          max_size=n_inf + n_val, unique=True))
    inf_ids, val_ids = extra[:n_inf], extra[n_inf:]
    sections = draw(st.lists(st.builds(M.Section, ident, texty, st.booleans(), lines, maybe(st.just("12"))),
                             max_size=3, unique_by=lambda s: s.id))
    refs = draw(st.lists(st.builds(M.Reference, ident, maybe(texty), maybe(texty), maybe(st.just("1999")),
                                   st.none(), maybe(texty)), max_size=3, unique_by=lambda r: r.id))
    statements = []
    for sid in ids:
        cites = tuple(M.Citation(r.id, draw(maybe(st.just("12-14")))) for r in
                      draw(st.lists(st.sampled_from(refs), max_size=2))) if refs else ()
        statements.append(M.Statement(
            sid, draw(st.sampled_from(M.STATEMENT_KINDS)), draw(texty),
            draw(maybe(st.sampled_from([s.id for s in sections]))) if sections else None,
            draw(lines), draw(maybe(st.just("7"))), cites,
            tuple(draw(st.lists(ident, max_size=2))), draw(maybe(texty)),
            tuple(draw(st.lists(st.sampled_from(["unsupported-claim", "single-source"]), max_size=1)))))
    inferences = []
    for iid in inf_ids:
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        rest = [i for i in ids if i not in premises]
        if not rest:
            continue
        inferences.append(M.Inference(iid, tuple(premises), draw(st.sampled_from(rest)),
                                      draw(maybe(texty)), draw(lines), None, draw(maybe(texty))))
    values = [M.Value(v, draw(texty), draw(st.sampled_from(["purpose", "instrumental", "meta"])),
                      draw(lines)) for v in val_ids]
    relations = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["supports", "attacks", "contradicts", "undercuts", "promotes"]))
        src = draw(st.sampled_from(ids))
        pool = {"undercuts": [i.id for i in inferences], "promotes": val_ids}.get(kind, ids)
        pool = [p for p in pool if p != src]
        if not pool:
            continue
        long_form = draw(st.booleans())
        relations.append(M.Relation(src, kind, draw(st.sampled_from(pool)),
                                    draw(maybe(texty)) if long_form else None,
                                    draw(lines) if long_form else (), None,
                                    draw(maybe(texty)) if long_form else None))
    relations = list({(r.source, r.kind, r.target, r.context): r for r in relations}.values())
    value_relations = []
    if len(val_ids) >= 2:
        for _ in range(draw(st.integers(0, 3))):
            a, b = draw(st.lists(st.sampled_from(val_ids), min_size=2, max_size=2, unique=True))
            value_relations.append(M.ValueRelation(a, draw(st.sampled_from(M.VALUE_RELATIONS)), b,
                                                   draw(maybe(texty)), draw(lines)))
    vs = draw(maybe(st.builds(M.ValueSystem, maybe(texty), maybe(texty),
                              st.lists(texty, max_size=2).map(tuple), lines)))
    return M.ArgumentMap(
        title=draw(texty), thesis=draw(maybe(st.sampled_from(ids))), source_name=draw(maybe(texty)),
        sections=tuple(sections), references=tuple(refs), statements=tuple(statements),
        inferences=tuple(inferences), relations=tuple(relations), values=tuple(values),
        value_relations=tuple(value_relations), value_system=vs)


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
