"""The text rule (argmap.fields): a map that validates can be drawn.

Every text field of a map refuses control characters (but tab and line breaks), surrogates and
Unicode noncharacters, and texts too long for Graphviz, with a located ``bad-text`` error; the
property test below makes maps whose every field may hold such text and checks that whatever
validates renders with Graphviz (DOT, SVG, the values figure) without error.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.fields import MAX_DRAWN, shown, text_ok, text_problem
from argmap.loader import loads_with_diagnostics

BAD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f",
       "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
GOOD = ["\t", "\n", "\r", "\u2028", "\u202e", "\u00a0", "é", "&", "<", '"', "\\", "%", "{", "}"]

#: short texts from every corner: hostile characters, markup, and now and then one at the limits
hostile = (st.lists(st.sampled_from(BAD + GOOD) | st.characters(blacklist_categories=("Cs",)),
                    min_size=1, max_size=8).map("".join)
           | st.sampled_from(["x" * (MAX_DRAWN - 2), "x" * (MAX_DRAWN + 1), "&" * (MAX_DRAWN // 5),
                              "&" * (MAX_DRAWN // 5 + 1), "a b " * (MAX_DRAWN // 4), "\u00e9" * 4000,
                              '"' * 1333, "y" * 17000]))
plain = st.sampled_from(["one", "two words", "12", "k"])
#: most fields plain, one in twelve hostile: so that about half the maps validate and are drawn
field = st.integers(0, 11).flatmap(lambda i: hostile if i == 0 else plain)


@st.composite
def documents(draw):
    """A small map (as JSON) with a hostile text in some of its fields."""
    t = lambda: draw(field)  # noqa: E731
    return {
        "argmap": 1, "title": t(),
        "source": {"name": t()},
        "sections": [{"id": "1", "title": t()}],
        "references": {draw(st.sampled_from(["k"] * 6 + ["k\x01", "k\ufffe"])): {"title": t(), "author": t()}},
        "statements": [
            {"id": "A", "kind": "claim", "text": t(), "section": "1", "page": t(), "tags": [t()],
             "note": t()},
            {"id": "B", "kind": "premise", "text": t(), "held-by": t(),
             "cites": [{"ref": "k", "pages": t()}], "supports": ["A"]},
            {"id": "C", "kind": "objection", "text": t(), "attacks": ["A"]},
        ],
        "inferences": [{"id": "i", "premises": ["B", "C"], "conclusion": "A", "scheme": t(), "note": t()}],
        "relations": [{"from": "C", "to": "B", "kind": "attacks", "note": t()}],
        "values": [{"id": "v", "name": t(), "class": t()}, {"id": "w", "name": t()}],
        "value-relations": [{"from": "v", "to": "w", "kind": "ranks-above", "context": t()}],
        "value-system": {"position": t(), "contexts": [t()]},
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_every_map_that_validates_renders(doc):
    amap, diags = loads_with_diagnostics(json.dumps(doc), "generated.json")
    if amap is None:
        assert any(d.code == "bad-text" or d.severity == "error" for d in diags)
        for d in diags:
            assert "\n" not in d.format()
        return
    dot = argmap.render(amap, "dot")
    assert dot.startswith("digraph") or "digraph" in dot[:200]
    argmap.render(amap, "svg")
    argmap.values(amap, "svg")


@pytest.mark.parametrize("ch", BAD)
def test_bad_characters_are_refused_with_their_code_point(ch):
    assert not text_ok(f"a{ch}b")
    assert f"U+{ord(ch):04X}" in text_problem(f"a{ch}b")


@pytest.mark.parametrize("ch", GOOD)
def test_tabs_line_breaks_and_markup_are_kept(ch):
    assert text_ok(f"a{ch}b") and text_problem(f"a{ch}b") is None


def test_the_length_limit_counts_bytes_once_drawn():
    assert text_ok("x" * MAX_DRAWN) and not text_ok("x" * (MAX_DRAWN + 1))
    assert text_ok("&" * (MAX_DRAWN // 5)) and not text_ok("&" * (MAX_DRAWN // 5 + 1))
    assert "8001 bytes once drawn" in text_problem("x" * (MAX_DRAWN + 1))


def test_a_text_at_the_limit_renders():
    doc = {"argmap": 1, "title": "T", "statements": [
        {"id": "A", "kind": "claim", "text": ("a&b \"c\" " * MAX_DRAWN)[:MAX_DRAWN // 3]},
        {"id": "B", "kind": "premise", "text": "x" * MAX_DRAWN, "supports": ["A"]}]}
    amap = argmap.loads(json.dumps(doc), "limit.json")
    assert "<svg" in argmap.render(amap, "svg")


def test_long_values_are_cut_in_messages():
    assert shown("x" * 10) == "'xxxxxxxxxx'"
    cut = shown("é" * 1_000_000)
    assert len(cut) < 100 and "(1000000 characters)" in cut
    _, diags = loads_with_diagnostics(json.dumps({"argmap": 1, "title": "T", "statements": [
        {"id": "x" * 1_000_000, "kind": "claim", "text": "t"}]}), "long.json")
    assert [d.code for d in diags] == ["bad-id"] and len(diags[0].format()) < 400
