"""AIF: every corpus file imports (broken structures as located warnings), the documented mapping
on a small hand-written fixture, the OVA3 and xAIF wrappers, and argmap -> AIF -> argmap."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given

from argmap.errors import LoadError
from argmap.formats.aif import read_aif, read_aif_with_diagnostics, sniff_aif, write_aif

from test_formats_common import FIXTURES, SETTINGS, corpus_or_skip, maps, meaning


def rels(amap):
    return {(r.source, r.kind, r.target) for r in amap.relations}


def corpus_files():
    files = sorted(corpus_or_skip("aif").glob("*.json"))
    assert files
    return files


def test_every_corpus_file_imports():
    totals = Counter()
    for path in corpus_files():
        amap, diags = read_aif_with_diagnostics(path.read_text(encoding="utf-8"), str(path))
        assert amap is not None, [d.format() for d in diags]
        for d in diags:
            assert d.severity == "warning" and d.location.path == str(path) and d.location.line >= 1
        totals.update(d.code for d in diags)
        i_nodes = _count_i_nodes(path)
        assert len(amap.statements) == i_nodes, path.name
    assert totals["aif-duplicate-node"] >= 85 and totals["aif-dangling-locution"] >= 13


def _count_i_nodes(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    if "AIF" in data and "nodes" not in data:
        data = data["AIF"]
        if isinstance(data, str):
            data = json.loads(data) if data.strip() else {}
    return len({str(n["nodeID"]) for n in data.get("nodes", []) if n.get("type") == "I"})


@pytest.mark.parametrize("name, codes, check", [
    ("arguebuf-python__6064-reconstructed.json", {"aif-dangling-locution": 13}, None),
    ("ACH-ArgNav__corp_esp.json", {"aif-duplicate-node": 85}, None),
    ("arguegen__nodeset6465.json", {"aif-attack-on-attack": 1},
     lambda m: sum(r.kind == "undercuts" for r in m.relations) == 1 and len(m.inferences) == 1),
    ("ACH-ArgNav__covidorigins.json", {"aif-linked-attack": 1, "aif-no-premise": 1},
     lambda m: sum(r.kind == "undercuts" for r in m.relations) == 6),
    ("carneades-4__nodeset249.json", {},
     lambda m: max(len(i.premises) for i in m.inferences) >= 3 and any(i.scheme for i in m.inferences)),
    ("oAMF__file.json", {"aif-empty": 1}, lambda m: not m.statements),
    ("bert-te__xaif_sample.json", {}, lambda m: [s.id for s in m.statements] == ["3", "5", "7"]
     and all("in locution 0: " in (s.note or "") or "in locution" in (s.note or "") for s in m.statements)),
    ("KnowComp-DialAM2024-ACL2024__nodeset23479.json", {"aif-self-loop": 1},
     lambda m: any("in locution" in (s.note or "") for s in m.statements)),
    ("KnowComp-DialAM2024-ACL2024__nodeset25445.json", {"aif-self-loop": 1}, None),
])
def test_corpus_structures(name, codes, check):
    path = corpus_or_skip("aif") / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    amap, diags = read_aif_with_diagnostics(path.read_text(encoding="utf-8"), str(path))
    found = Counter(d.code for d in diags)
    for code, n in codes.items():
        assert found[code] == n, (code, found)
    if check:
        assert check(amap)


def test_mapping_and_warnings_on_the_fixture():
    path = FIXTURES / "aif-broken.json"
    amap, diags = read_aif_with_diagnostics(path.read_text(encoding="utf-8"), "aif-broken.json")
    s = amap.statement_by_id
    assert [x.id for x in amap.statements] == ["0", "1", "2", "4", "6", "8", "11", "13"]
    assert (s["0"].kind, s["1"].kind, s["4"].kind, s["11"].kind) == ("claim", "premise", "objection", "premise")
    linked = amap.inference_by_id["3"]
    assert linked.premises == ("1", "2") and linked.conclusion == "0" and linked.scheme is None
    expert = amap.inference_by_id["10"]
    assert expert.premises == ("11",) and expert.scheme == "Argument From Expert Opinion"
    assert rels(amap) == {("4", "attacks", "0"), ("6", "undercuts", "3"), ("8", "attacks", "4")}
    assert s["13"].note == "rephrases 1 (AIF MA 12)"
    assert s["2"].note == "preferred over 4 (AIF PA 14)"
    assert s["1"].note == "Asserting in locution 15: Ann : cars pollute [person 7, 2021-05-01 10:00:00]"
    where = {(d.code, d.location.line) for d in diags}
    assert where >= {("aif-preference", 16), ("aif-no-conclusion", 19), ("aif-no-conclusion", 20),
                     ("aif-duplicate-node", 21), ("aif-duplicate-node", 22), ("aif-node-type", 23),
                     ("aif-self-loop", 24), ("aif-attack-on-attack", 35), ("aif-self-loop", 46),
                     ("aif-unknown-node", 47), ("aif-duplicate-edge", 48), ("aif-dangling-locution", 54)}
    assert all(d.location.col == 2 for d in diags)


@pytest.mark.parametrize("name", ["aif-ova.json", "aif-xaif-string.json"])
def test_wrappers(name):
    amap = read_aif((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert rels(amap) == {("b", "supports", "a")}
    assert amap.statement_by_id["b"].kind == "premise" and amap.title == name[:-5]


def test_ids_that_are_not_map_ids():
    text = json.dumps({"nodes": [{"nodeID": "15 1639", "type": "I", "text": "a"},
                                 {"nodeID": "n15_1639", "type": "I", "text": "b"},
                                 {"nodeID": 7.0, "type": "RA", "text": "Default Inference"}],
                       "edges": [{"fromID": "n15_1639", "toID": 7}, {"fromID": 7, "toID": "15 1639"}]})
    amap = read_aif(text, "ids.json")
    amap, diags = read_aif_with_diagnostics(text, "ids.json")
    assert [s.id for s in amap.statements] == ["n15_1639_2", "n15_1639"]
    assert [d.code for d in diags] == ["aif-id"]
    assert rels(amap) == {("n15_1639", "supports", "n15_1639_2")}


@pytest.mark.parametrize("text, line, col, code", [
    ("{\n  \"nodes\": [}\n", 2, 13, "json-syntax"),
    ("[1, 2]", 1, 1, "aif"),
    ('{"edges": []}', 1, 1, "aif"),
    ('{"nodes": 3, "edges": []}', 1, 11, "aif"),
    ('{"AIF": "{not json", "text": ""}', 1, 9, "aif"),
])
def test_unreadable_documents_are_located_errors(text, line, col, code):
    with pytest.raises(LoadError) as info:
        read_aif(text, "bad.json")
    d = info.value.diagnostics[0]
    assert (d.code, d.location.line, d.location.col) == (code, line, col), d.format()


def test_sniff():
    assert sniff_aif('{"nodes": [{"nodeID": "1"}]}') and sniff_aif('{ "AIF": {}, "OVA": {}}')
    assert not sniff_aif('{"directed": true, "nodes": [{"id": "T"}]}') and not sniff_aif("argmap: 1")


@SETTINGS
@given(maps())
def test_round_trip(amap):
    text = write_aif(amap)
    again = read_aif(text, "generated.json")
    assert meaning(again) == meaning(amap)
    assert [s.id for s in again.statements] == [s.id for s in amap.statements]
    assert write_aif(amap) == text


def test_written_aif_is_plain_aif():
    """Without the argmap block the graph still reads as AIF: statements, supports, attacks,
    undercuts, linked premises (kinds derived, metadata gone)."""
    import argmap
    from conftest import GRAPHS
    amap = argmap.load(str(GRAPHS / "drowning-child.yaml"))
    data = json.loads(write_aif(amap))
    assert {n["type"] for n in data["nodes"]} <= {"I", "RA", "CA"}
    del data["argmap"]
    plain = read_aif(json.dumps(data), "plain.json")
    assert {s.id: s.text for s in plain.statements} == {s.id: s.text for s in amap.statements}
    want = {(r.source, "attacks" if r.kind == "contradicts" else r.kind, r.target) for r in amap.relations
            if r.kind in ("supports", "attacks", "contradicts", "undercuts")}
    have = rels(plain) | {(i.premises[0], "supports", i.conclusion) for i in plain.inferences
                          if len(i.premises) == 1 and i.id not in amap.inference_by_id}
    assert have == want
    assert {(i.premises, i.conclusion) for i in plain.inferences if i.id in amap.inference_by_id} == \
        {(i.premises, i.conclusion) for i in amap.inferences if len(i.premises) > 1 or any(
            r.kind == "undercuts" and r.target == i.id for r in amap.relations) or i.scheme}
