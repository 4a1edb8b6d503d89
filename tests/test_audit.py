"""The relation sample an auditor reads: seeded, reproducible, every relation kind, justified by lines."""
from __future__ import annotations

import pytest

import argmap
from argmap.audit import (
    SampledRelation,
    population,
    read_judgements,
    read_sample_table,
    relation_sample,
    sample_markdown,
    table_rows,
)
from argmap.vocab import RelationKind

MAP = """
argmap: 1
title: t
thesis: T
statements:
  - {id: T, kind: thesis, text: the thesis, lines: [1]}
  - {id: C, kind: claim, text: a claim, lines: [2, 3], supports: [T]}
  - {id: P, kind: premise, text: a premise, lines: [4]}
  - {id: Q, kind: premise, text: another premise, lines: [5]}
  - {id: O, kind: objection, text: an objection, lines: [6], attacks: [C]}
  - {id: R, kind: rebuttal, text: a rebuttal, attacks: [O], contradicts: [Q]}
  - {id: U, kind: objection, text: an undercut, lines: [9], undercuts: [I]}
  - {id: V, kind: claim, text: valued, supports: [T], promotes: [v]}
inferences:
  - {id: I, premises: [P, Q], conclusion: C, lines: [7]}
relations:
  - {from: P, kind: supports, to: T, lines: [8]}
values:
  - {id: v, name: a value}
"""


def many_relations(n: int) -> str:
    """A map with n independent supports of its thesis."""
    lines = ["argmap: 1", "title: t", "thesis: T", "statements:",
             "  - {id: T, kind: thesis, text: t}"]
    lines += [f"  - {{id: P{i}, kind: premise, text: p{i}, lines: [{i + 1}], supports: [T]}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def test_population_lists_every_argument_relation_once_with_its_lines():
    amap = argmap.loads(MAP)
    pop = population(amap)
    keys = [(r.source, r.kind_text, r.target) for r in pop]
    assert keys == [
        ("C", "supports", "T"), ("O", "attacks", "C"), ("R", "attacks", "O"),
        ("R", "contradicts", "Q"), ("U", "undercuts", "I"), ("V", "supports", "T"),
        ("P", "supports", "T"),
        ("P", "supports (linked, via I)", "C"), ("Q", "supports (linked, via I)", "C")]
    by_key = {(r.source, r.kind_text, r.target): r for r in pop}
    # the union of the relation's own lines and its ends' lines (the inference's for an undercut)
    assert by_key["C", "supports", "T"].lines == (1, 2, 3)
    assert by_key["P", "supports", "T"].lines == (1, 4, 8)
    assert by_key["U", "undercuts", "I"].lines == (7, 9)
    assert by_key["R", "attacks", "O"].lines == (6,)
    assert by_key["Q", "supports (linked, via I)", "C"].lines == (2, 3, 5, 7)
    assert by_key["P", "supports (linked, via I)", "C"].via == "I"
    assert all(r.kind != RelationKind.PROMOTES for r in pop)


def test_every_relation_kind_can_appear_in_a_sample():
    amap = argmap.loads(MAP)
    sample = relation_sample(amap, n=100, seed=1)
    assert {r.kind for r in sample} == {RelationKind.SUPPORTS, RelationKind.ATTACKS,
                                        RelationKind.UNDERCUTS, RelationKind.CONTRADICTS}
    assert any(r.via for r in sample)
    assert sample == population(amap)          # n beyond the population: all of it, in map order


def test_sample_is_reproducible_for_a_seed_and_differs_between_seeds():
    amap = argmap.loads(many_relations(200))
    first = relation_sample(amap, n=60, seed=13)
    assert first == relation_sample(argmap.loads(many_relations(200)), n=60, seed=13)
    assert first != relation_sample(amap, n=60, seed=14)
    assert len(first) == 60 == len(set(first))
    order = [int(r.source[1:]) for r in first]
    assert order == sorted(order)              # in the map's order, to read in document order


@pytest.mark.parametrize("n", [0, 1, 7, 60])
def test_sample_size_is_respected(n):
    amap = argmap.loads(many_relations(100))
    assert len(relation_sample(amap, n=n, seed=3)) == n


def test_a_negative_sample_size_is_refused():
    with pytest.raises(ValueError):
        relation_sample(argmap.loads(MAP), n=-1)


def test_markdown_table_round_trips_through_read_sample_table():
    amap = argmap.loads(MAP)
    sample = relation_sample(amap, n=100)
    judged = {sample[0].key(): ("right", "a | reason\nover lines")}
    text = "intro\n\n" + sample_markdown(sample, judged) + "\nafter\n"
    rows = read_sample_table(text)
    assert rows == table_rows(sample)
    assert rows[0] == ("C", "supports", "T", "1-3")
    table = sample_markdown(sample, judged).splitlines()
    assert table[0] == "| # | source | kind | target | lines | reason | verdict |"
    assert table[2] == "| 1 | `C` | supports | `T` | 1-3 | a \\| reason over lines | right |"
    assert table[3].endswith("|  |  |")       # not judged yet: empty reason and verdict


def test_lines_are_written_as_ranges():
    rel = SampledRelation("a", RelationKind.SUPPORTS, "b", (3, 4, 5, 9, 11, 12))
    assert table_rows([rel]) == [("a", "supports", "b", "3-5, 9, 11-12")]
    assert table_rows([SampledRelation("a", RelationKind.ATTACKS, "b", ())]) == [("a", "attacks", "b", "")]


def test_judgements_carry_over_to_a_regenerated_table():
    amap = argmap.loads(MAP)
    sample = relation_sample(amap, n=100)
    judged = {sample[0].key(): ("right", "a | reason"), sample[4].key(): ("wrong", "aimed at the wrong target")}
    text = "before\n\n" + sample_markdown(sample, judged) + "\n| 1 | `x` | supports | `y` |  |  | right |\n"
    assert read_judgements(text) == judged      # a second table further on is not read
    assert sample_markdown(sample, read_judgements(text)) == sample_markdown(sample, judged)
    assert read_sample_table("no table here") == [] and read_judgements("") == {}


def test_audit_sample_command_reprints_the_flagship_audit(cli):
    """The command the audit names regenerates its table, verdicts kept, byte for byte."""
    from conftest import ROOT

    doc = (ROOT / "docs" / "thesis-audit.md").read_text(encoding="utf-8")
    table = doc.split("<!-- relation-sample seed=13 n=60 -->", 1)[1].lstrip("\n")
    result = cli("audit-sample", ROOT / "graphs" / "icc-thesis.yaml", "-n", "60", "--seed", "13",
                 "--judged", ROOT / "docs" / "thesis-audit.md")
    assert result.exit_code == 0
    assert table.startswith(result.stdout)
    assert result.stdout.count("\n") == 62
