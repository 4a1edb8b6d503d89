"""The exercise page, the teacher's tour and the generated tour, without a browser
(tests/test_teaching_browser.py drives them in Chromium)."""
from __future__ import annotations

import json
import re

import pytest
from conftest import DATA, GRAPHS

EXAMPLE = GRAPHS / "drowning-child.yaml"
SMALL = DATA / "maps" / "small.yaml"


def embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: no scripts, no tags."""
    body = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture(scope="module")
def example():
    from argmap.loader import load

    return load(str(EXAMPLE))


@pytest.mark.parametrize("mode", ["types", "targets"])
def test_exercise_hides_the_answers(example, mode):
    from argmap.exercise import decode_key
    from argmap.page import build_page

    page = build_page(example, exercise=mode)
    data = embedded(page)
    assert data["relations"] == [] and data["findings"] == [] and data["tour"] == []
    assert data["evaluation"]["labels"] == {} and data["evaluation"]["semantics"] == ""
    assert {s["kind"] for s in data["statements"]} == {"thesis", "statement"}
    assert [s["id"] for s in data["statements"]] == [f"S{i}" for i in range(1, 13)]  # ids told kinds
    markup = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    for word in ("kind&#45;objection", "rel&#45;attacks", 'class="lab lab-', 'id="n&#45;O1"'):
        assert word not in markup, word
    key = decode_key(data["exercise"]["key"])
    assert len(key) == data["exercise"]["count"] == 10           # 7 relations and 3 linked premises
    text = visible_text(page)
    for entry in key:                                             # no explanation shows before an answer
        assert entry["why"] not in text
    assert "Singer" in text and "drowning" in text               # the statements themselves do
    first = next(k for k in key if k["k"] == "attacks")
    assert first["why"].startswith("\u201cWe are more obliged") and "it says that it is not so" in first["why"]


def test_targets_exercise_draws_no_relations(example):
    from argmap.page import build_page

    page = build_page(example, exercise="targets")
    assert 'class="edge' not in page.split('id="am-figure"')[1].split("</svg>")[0]
    assert 'class="node inference"' not in page
    assert page.count('<select class="ex-target">') == 10
    assert page.count('<option value="S') == 12                  # one list, copied into each menu


def test_exercise_is_refused_unknown():
    from argmap.page import build_page
    from argmap.loader import load

    with pytest.raises(ValueError):
        build_page(load(str(SMALL)), exercise="nonsense")


def test_exercise_command(cli, tmp_path):
    out = tmp_path / "ex.html"
    assert cli("html", EXAMPLE, "--exercise", "-o", out).exit_code == 0
    assert embedded(out.read_text(encoding="utf-8"))["exercise"]["mode"] == "types"
    cli("html", EXAMPLE, "--exercise", "targets", "-o", out)
    assert embedded(out.read_text(encoding="utf-8"))["exercise"]["mode"] == "targets"
    assert cli("html", EXAMPLE, "-o", out).exit_code == 0
    assert "exercise" not in embedded(out.read_text(encoding="utf-8"))


# -- tours ------------------------------------------------------------------------------------------
TOUR_MAP = """argmap: 1
title: Searle's Chinese room
thesis: T
statements:
  - {id: T, kind: thesis, text: Running a program is not enough for understanding., attacks: [S]}
  - {id: S, kind: claim, text: A computer that runs the right program understands., held-by: strong AI}
  - {id: P1, kind: premise, text: The man in the room follows the rules but understands no Chinese.}
  - {id: P2, kind: premise, text: The computer does nothing more than the man does.}
  - {id: O1, kind: objection, text: The whole system understands even if the man does not., attacks: [T]}
  - {id: R1, kind: rebuttal, text: Let the man memorise the rules; he is the whole system and still does not understand., attacks: [O1]}
  - {id: E1, kind: evidence, text: The man could even do it all in his head., supports: [R1]}
  - {id: D1, kind: definition, text: Far below the top., supports: [E1]}
inferences:
  - {id: I1, premises: [P1, P2], conclusion: T}
"""


def test_generated_tour_top_two_levels_and_position_under_attack():
    from argmap.page import outline
    from argmap.loader import loads

    events, tour = outline(loads(TOUR_MAP, "room.yaml"))
    assert [s["id"] for s in tour] == ["T", "S", "P1", "P2", "O1", "R1"]
    assert tour[1] == {"id": "S", "rel": "target", "parent": "T"}     # what the thesis argues against
    assert "E1" not in [s["id"] for s in tour] and "D1" not in [s["id"] for s in tour]


def test_generated_tour_visits_every_statement_of_the_top_two_levels():
    from argmap.argument_graph import argument_graph
    from argmap.page import outline
    from argmap.loader import load

    amap = load(str(GRAPHS / "icc-thesis.yaml"))
    events, tour = outline(amap)
    g = argument_graph(amap)

    def under(x):
        out = set(g.supporters.get(x, ())) | set(g.attackers.get(x, ()))
        for inf in g.inferences_for.get(x, ()):
            out |= set(inf.premises) | set(g.undercutters.get(inf.id, ()))
        return out
    top = {amap.thesis} | under(amap.thesis)
    top |= {y for x in list(top) for y in under(x)}
    assert {s["id"] for s in tour} == top
    assert len(tour) < len(amap.statements) / 5                    # a tour, not the whole map


def test_teacher_tour_replaces_the_generated_one(tmp_path):
    from argmap.page import build_page
    from argmap.loader import loads

    text = TOUR_MAP + ("tour:\n  - {id: T, text: Searle's conclusion.}\n"
                       "  - {id: O1, text: 'The systems reply, the best known answer to Searle.'}\n"
                       "  - {id: R1, text: \"Searle's answer to the systems reply: <memorise> it all.\"}\n")
    page = build_page(loads(text, "room.yaml"))
    assert embedded(page)["tour"] == [{"id": "T", "say": "Searle's conclusion."},
                                      {"id": "O1", "say": "The systems reply, the best known answer to Searle."},
                                      {"id": "R1", "say": "Searle's answer to the systems reply: <memorise> it all."}]
    assert "<memorise>" not in page                                # escaped in the JSON


def test_tour_in_the_loader_is_checked():
    from argmap.loader import loads_with_diagnostics

    amap, diags = loads_with_diagnostics(TOUR_MAP + "tour:\n  - {id: Nope, text: x}\n  - {id: T, txt: y}\n", "t.yaml")
    assert amap is None
    assert [(d.code, d.location.line) for d in diags] == [("unknown-id", 16), ("missing-field", 17),
                                                          ("unknown-field", 17)]
