"""Support-aware, value-based evaluation of maps, explanations, and abstract frameworks."""
from __future__ import annotations

import json
import textwrap


import argmap
from argmap.evaluation import evaluate, explain

from conftest import GRAPHS


def mk(tmp_path, body: str):
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: t\n" + textwrap.dedent(body))
    return argmap.load(str(path))


SMALL = """
    thesis: T
    statements:
      - {id: T, kind: thesis, text: t}
      - {id: P1, kind: premise, text: p1}
      - {id: P2, kind: premise, text: p2}
      - {id: C, kind: claim, text: c, supports: [T]}
      - {id: O, kind: objection, text: o, attacks: [P2]}
      - {id: E, kind: evidence, text: e, supports: [C]}
    inferences:
      - {id: I, premises: [P1, P2], conclusion: T}
    """


def test_unsupported_and_defeated_are_different_verdicts(tmp_path):
    m = mk(tmp_path, SMALL)
    ev = evaluate(m)
    assert ev.labels["P2"] == "OUT" and ev.verdicts["P2"] == "defeated"
    assert ev.labels["C"] == "IN"     # supported by evidence E
    assert ev.labels["T"] == "IN"     # the linked inference I fails, but C -> T stands
    m2 = mk(tmp_path, SMALL.replace("supports: [C]}", "}"))
    ev2 = evaluate(m2)
    assert ev2.labels["C"] == "OUT" and ev2.verdicts["C"] == "unsupported"
    assert ev2.labels["T"] == "OUT" and ev2.verdicts["T"] == "unsupported"


def test_linked_premises_need_all(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: T, kind: thesis, text: t}
          - {id: P1, kind: premise, text: p1}
          - {id: P2, kind: premise, text: p2}
          - {id: O, kind: objection, text: o, attacks: [P1]}
        inferences:
          - {id: I, premises: [P1, P2], conclusion: T}
        """)
    assert evaluate(m).labels["T"] == "OUT"
    lines = explain(m, evaluate(m), "T")
    assert lines[0] == "T is OUT: its inference I needs P1"
    assert lines[1].strip() == "P1 is OUT: attacked by O, which is IN"


def test_undercut_and_rebuttal(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: T, kind: thesis, text: t}
          - {id: P, kind: premise, text: p}
          - {id: U, kind: objection, text: u, undercuts: [I]}
          - {id: R, kind: rebuttal, text: r, attacks: [U]}
        inferences:
          - {id: I, premises: [P], conclusion: T}
        """)
    ev = evaluate(m)
    assert ev.labels == {"T": "IN", "P": "IN", "U": "OUT", "R": "IN"}


def test_odd_cycle_is_undecided_in_grounded_and_has_no_stable(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: A, kind: objection, text: a, attacks: [B]}
          - {id: B, kind: objection, text: b, attacks: [C]}
          - {id: C, kind: objection, text: c, attacks: [A]}
          - {id: D, kind: premise, text: d}
        """)
    assert evaluate(m).labels == {"A": "UNDEC", "B": "UNDEC", "C": "UNDEC", "D": "IN"}
    st = evaluate(m, semantics="stable")
    assert st.extensions == 0


def test_preferred_credulous_and_skeptical(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: A, kind: objection, text: a, attacks: [B]}
          - {id: B, kind: objection, text: b, attacks: [A]}
          - {id: C, kind: claim, text: c, cites: [r]}
          - {id: X, kind: objection, text: x, attacks: [C]}
          - {id: Y, kind: rebuttal, text: y, attacks: [X]}
        references: {r: {}}
        """)
    assert evaluate(m).labels["A"] == "UNDEC"
    sk = evaluate(m, semantics="preferred", mode="skeptical")
    cr = evaluate(m, semantics="preferred", mode="credulous")
    assert sk.extensions == 2
    assert sk.labels["A"] == "UNDEC" and cr.labels["A"] == "IN"
    assert sk.labels["C"] == "IN" and cr.labels["C"] == "IN"


def test_strict_mode_needs_citations(tmp_path):
    m = mk(tmp_path, """
        references: {r: {}}
        statements:
          - {id: T, kind: thesis, text: t}
          - {id: P, kind: premise, text: p, supports: [T]}
          - {id: Q, kind: premise, text: q, cites: [r], supports: [T]}
        """)
    assert evaluate(m).labels["P"] == "IN"
    strict = evaluate(m, strict=True)
    assert strict.labels["P"] == "OUT" and strict.verdicts["P"] == "unsupported"
    assert strict.labels["T"] == "IN"  # Q is cited


def test_value_based_attack_fails_against_higher_value(tmp_path):
    m = mk(tmp_path, """
        values:
          - {id: life, name: Life}
          - {id: property, name: Property}
        value-relations:
          - {from: life, kind: ranks-above, to: property, context: judge}
          - {from: property, kind: ranks-above, to: life, context: owner}
        statements:
          - {id: A, kind: premise, text: a, promotes: [life]}
          - {id: B, kind: objection, text: b, attacks: [A], promotes: [property]}
        """)
    assert evaluate(m).labels["A"] == "OUT"
    judge = evaluate(m, audience="judge", use_values=True)
    assert judge.labels["A"] == "IN" and judge.translation.blocked
    assert evaluate(m, audience="owner", use_values=True).labels["A"] == "OUT"


def test_evaluate_cli_and_explain(cli):
    r = cli("evaluate", GRAPHS / "drowning-child.yaml")
    assert r.exit_code == 0
    assert "OUT    T  (thesis; unsupported)" in r.output
    data = json.loads(cli("evaluate", GRAPHS / "drowning-child.yaml", "--format", "json").output)
    assert data["labels"]["R1"] == "IN" and data["verdicts"]["O1"] == "defeated"
    r = cli("explain", GRAPHS / "drowning-child.yaml", "T")
    assert r.output.splitlines()[0] == "T is OUT: its inference I1 is undercut by O3"
    r = cli("explain", GRAPHS / "drowning-child.yaml", "t")
    assert r.exit_code == 2 and "did you mean 'T'?" in r.output


def test_flagship_map_evaluates(cli):
    path = GRAPHS / "icc-thesis.yaml"
    r = cli("evaluate", path)
    assert r.exit_code == 0
    assert "grounded:" in r.output.splitlines()[-1]
