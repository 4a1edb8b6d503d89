"""Kialo exports: both layouts on small hand-written fixtures (Kialo's own texts are not ours to
commit) and, when present, the shared corpus read from ../shared/corpora/kialo."""
from __future__ import annotations

import re

import pytest

from argmap.errors import LoadError
from argmap.formats.kialo import read_kialo, read_kialo_with_diagnostics, sniff_kialo

from test_formats_common import FIXTURES, corpus_or_skip


def rels(amap):
    return {(r.source, r.kind, r.target) for r in amap.relations}


def fixture(name):
    return (FIXTURES / name).read_bytes().decode("utf-8")


def test_older_layout():
    amap, diags = read_kialo_with_diagnostics(fixture("kialo-old.txt"), "old.txt")
    s = amap.statement_by_id
    assert amap.title == "Should cities ban cars from their centres?" and amap.thesis == "1"
    assert [x.id for x in amap.statements] == ["1", "1.1", "1.1.1", "1.1.1.1", "1.2", "1.4.2", "1.2_2"]
    assert (s["1"].kind, s["1.1"].kind, s["1.1.1"].kind, s["1.1.1.1"].kind) == \
        ("thesis", "claim", "objection", "rebuttal")
    assert s["1.1"].text == "Car traffic is the main source of urban air pollution (in most cities)."
    assert s["1.2"].text.endswith("see [a survey](https://example.org/survey).")
    assert rels(amap) == {("1.1", "supports", "1"), ("1.1.1", "attacks", "1.1"),
                          ("1.1.1.1", "attacks", "1.1.1"), ("1.2", "attacks", "1"),
                          ("1.1.1", "supports", "1.2"), ("1.2_2", "supports", "1")}
    assert [(d.code, d.location.line) for d in diags] == [("kialo-link", 10), ("kialo-orphan", 11),
                                                         ("kialo-duplicate", 12)]


def test_current_layout():
    amap, diags = read_kialo_with_diagnostics(fixture("kialo-new.txt"), "new.txt")
    assert not diags
    s = amap.statement_by_id
    assert amap.title == "Which transport should a city favour?" and amap.thesis is None
    assert s["1"].kind == "claim" and s["1"].tags == ("question",)
    assert (s["1.1"].kind, s["1.2"].kind, s["1.1"].tags) == ("thesis", "thesis", ("answer",))
    assert s["1.2.2"].text == "They carry many people at once,\nand they run on electricity."
    assert s["1.1.2"].text == "Cycling in winter is dangerous." and s["1.1.2"].note == "Kialo discussion #123"
    assert [c.ref for c in s["1.1.1.1.1"].cites] == ["2", "3"] and s["1.1.1.1.1"].kind == "rebuttal"
    assert rels(amap) == {("1.1.1", "supports", "1.1"), ("1.1.1.1", "attacks", "1.1.1"),
                          ("1.1.1.1.1", "attacks", "1.1.1.1"), ("1.1.2", "attacks", "1.1"),
                          ("1.1.1", "supports", "1.2"), ("1.2.2", "supports", "1.2")}
    refs = amap.reference_by_id
    assert refs["1"].url == "https://example.org/space"
    assert refs["2"].note == '"Racks halve badly parked bicycles."'
    assert refs["3"].url is None and refs["3"].note == "A leaflet of the city council"
    assert "1.2.1" not in s   # a link is not a copy


def test_line_ends_do_not_matter():
    text = fixture("kialo-new.txt")
    for variant in (text.replace("\r\n", "\n"), text.replace("\r\n", "\r")):
        assert read_kialo(variant, "v.txt") == read_kialo(text, "v.txt")


@pytest.mark.parametrize("text, line, code", [
    ("Discussion Title: T\n\n1. Thesis\n1.1. Pro: [7] is cited\n", None, None),
    ("Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Maybe:\n  B\n\nSources:\n", 7, "kialo-label"),
    ("Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Pro:\n  C [4]\n\nSources:\n[1] https://x.y\n", 7, "kialo-source"),
    ("Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Pro:\n  -> See 1.\n", 7, "kialo-link"),
    ("Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Pro:\n\n", 7, "kialo-empty"),
])
def test_warnings(text, line, code):
    amap, diags = read_kialo_with_diagnostics(text, "w.txt")
    assert amap is not None
    assert [(d.location.line, d.code) for d in diags] == ([] if code is None else [(line, code)])


@pytest.mark.parametrize("text", ["", "   \n", "Some other text\n1. Thesis\n", "# Heading\n\n1. A thesis\n"])
def test_not_a_kialo_export(text):
    with pytest.raises(LoadError) as info:
        read_kialo(text, "x.txt")
    assert info.value.diagnostics[0].location.path == "x.txt"


def test_sniff():
    assert sniff_kialo(fixture("kialo-old.txt")) and sniff_kialo(fixture("kialo-new.txt"))
    assert not sniff_kialo("[A]: Argdown\n")


def test_corpus():
    """Every export imports; each numbered claim is a statement or a link; Pro/Con are relations."""
    folder = corpus_or_skip("kialo")
    files = sorted(folder.glob("*.txt"))
    assert files
    for path in files:
        text = path.read_bytes().decode("utf-8")
        amap, diags = read_kialo_with_diagnostics(text, str(path))
        assert amap is not None, [d.format() for d in diags]
        assert all(d.severity == "warning" for d in diags)
        body = re.split(r"^Sources:\s*$", text, maxsplit=1, flags=re.M)[0]
        links = len(re.findall(r"^\s*(?:\d+(?:\.\d+)*\.\s+(?:Pro|Con):\s*)?-> See \d", body, re.M))
        pro_con = len(re.findall(r"^\s*\d+(?:\.\d+)*\.\s+(?:Pro|Con):", body, re.M))
        headers = len(re.findall(r"^\s*\d+(?:\.\d+)*\.\s", body, re.M))
        assert len(amap.statements) + links == headers, path.name
        assert len(amap.relations) == pro_con - sum(d.code == "kialo-link" for d in diags), path.name
        if "Sources:" in text:
            assert amap.references and any(s.cites for s in amap.statements)
