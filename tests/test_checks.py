"""The checker: each rule fires where it should and stays quiet where it should not."""
from __future__ import annotations

import json
import textwrap


import argmap
from argmap.checks import RULES, load_bearing, run_checks

from conftest import GRAPHS


def mk(tmp_path, body: str, name="m.yaml"):
    path = tmp_path / name
    path.write_text("argmap: 1\ntitle: t\n" + textwrap.dedent(body))
    return argmap.load(str(path))


def codes(findings, code=None):
    return [(d.code, d.message) for d in findings if code is None or d.code == code]


def test_unsupported_claim(tmp_path):
    m = mk(tmp_path, """
        thesis: T
        references: {r1: {author: A}}
        statements:
          - {id: T, kind: thesis, text: t}
          - {id: C, kind: claim, text: c, supports: [T]}
          - {id: C2, kind: claim, text: c2, cites: [{ref: r1}], supports: [T]}
          - {id: A, kind: assumption, text: a, supports: [T]}
        """)
    found = codes(run_checks(m), "unsupported-claim")
    assert found == [("unsupported-claim", "claim 'C' has no support and no citation")]


def test_uncited_premise_and_evidence(tmp_path):
    m = mk(tmp_path, """
        references: {r: {}}
        statements:
          - {id: P, kind: premise, text: p}
          - {id: P2, kind: premise, text: p2, cites: [r]}
          - {id: E, kind: evidence, text: e}
          - {id: E2, kind: evidence, text: e2, supports: [P3]}
          - {id: P3, kind: premise, text: p3, ignore: [uncited-premise]}
          - {id: P4, kind: premise, text: p4}
          - {id: X, kind: evidence, text: x, supports: [P4]}
        """)
    f = run_checks(m, select=["uncited-premise", "uncited-evidence"])
    assert sorted(d.message.split("'")[1] for d in f) == ["E", "E2", "P", "X"]


def test_unanswered_objection_names_what_it_contests(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: C, kind: claim, text: c}
          - {id: O1, kind: objection, text: o1, attacks: [C]}
          - {id: O2, kind: objection, text: o2, attacks: [C]}
          - {id: R, kind: rebuttal, text: r, attacks: [O2]}
        """)
    assert codes(run_checks(m), "unanswered-objection") == [
        ("unanswered-objection", "objection 'O1' is unanswered; it leaves contested: C")]


def test_circular_support_prints_cycle(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: A, kind: claim, text: a, supports: [B]}
          - {id: B, kind: claim, text: b, supports: [C]}
          - {id: C, kind: claim, text: c, supports: [A]}
          - {id: D, kind: claim, text: d, supports: [A]}
        """)
    f = [d for d in run_checks(m) if d.code == "circular-support"]
    assert len(f) == 1 and f[0].severity == "error"
    assert f[0].message == "circular support: A -> B -> C -> A"


def test_disconnected(tmp_path):
    m = mk(tmp_path, """
        thesis: T
        statements:
          - {id: T, kind: thesis, text: t}
          - {id: P, kind: premise, text: p, supports: [T]}
          - {id: Q, kind: premise, text: q, supports: [R]}
          - {id: R, kind: claim, text: r}
        """)
    assert sorted(d.message.split("'")[1] for d in run_checks(m, select=["disconnected"])) == ["Q", "R"]


def test_load_bearing_uses_linked_premises(tmp_path):
    m = mk(tmp_path, """
        thesis: T
        statements:
          - {id: T, kind: thesis, text: t}
          - {id: C, kind: claim, text: c}
          - {id: P1, kind: premise, text: p1}
          - {id: P2, kind: premise, text: p2}
          - {id: P3, kind: premise, text: p3, supports: [C]}
          - {id: P4, kind: premise, text: p4, supports: [C]}
        inferences:
          - {id: I, premises: [C, P1, P2], conclusion: T}
        """)
    lb = sorted(d.message.split("'")[1] for d in run_checks(m, select=["load-bearing"]))
    # C, P1, P2 are each needed; P3 and P4 are alternative reasons for C
    assert lb == ["C", "P1", "P2"]


def test_load_bearing_function_on_chain():
    import networkx as nx
    g = nx.DiGraph([("a", "b"), ("b", "t"), ("c", "t")])
    assert load_bearing(g, "t") == set()
    g.remove_edge("c", "t")
    assert load_bearing(g, "t") == {"a", "b"}


def test_single_source(tmp_path):
    m = mk(tmp_path, """
        references: {r1: {}, r2: {}}
        statements:
          - {id: C, kind: claim, text: c}
          - {id: P, kind: premise, text: p, cites: [r1], supports: [C]}
          - {id: Q, kind: premise, text: q, cites: [r1], supports: [C]}
          - {id: D, kind: claim, text: d}
          - {id: P2, kind: premise, text: p2, cites: [r1], supports: [D]}
          - {id: Q2, kind: premise, text: q2, cites: [r2], supports: [D]}
        """)
    assert codes(run_checks(m), "single-source") == [
        ("single-source", "all support for 'C' rests on one reference: [r1]")]


def test_contradiction_only_when_both_stand(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: A, kind: premise, text: a, contradicts: [B]}
          - {id: B, kind: premise, text: b}
          - {id: C, kind: premise, text: c, contradicts: [D]}
          - {id: D, kind: premise, text: d}
          - {id: O, kind: objection, text: o, attacks: [D]}
        """)
    assert [m_ for _, m_ in codes(run_checks(m), "contradiction")] == [
        "'A' and 'B' contradict each other and both stand"]


def test_value_order_cycle_and_context_reversal(tmp_path):
    m = mk(tmp_path, """
        values:
          - {id: a, name: A}
          - {id: b, name: B}
          - {id: c, name: C}
        value-relations:
          - {from: a, kind: ranks-above, to: b, context: x}
          - {from: b, kind: ranks-above, to: a, context: y}
          - {from: b, kind: ranks-above, to: c, context: z}
          - {from: c, kind: ranks-above, to: b, context: z}
        """)
    f = run_checks(m)
    cyc = [d for d in f if d.code == "value-order-cycle"]
    assert len(cyc) == 1 and "in context 'z'" in cyc[0].message and cyc[0].severity == "error"
    rev = [d for d in f if d.code == "value-context-reversal"]
    assert len(rev) == 1 and rev[0].severity == "info"


def test_references_and_duplicate_text(tmp_path):
    m = mk(tmp_path, """
        references: {used: {}, unused: {}}
        statements:
          - {id: A, kind: premise, text: "Same  text.", cites: [used, usd]}
          - {id: B, kind: premise, text: same text}
        """)
    f = run_checks(m)
    assert ("unknown-reference", "'A' cites unknown reference 'usd' (did you mean 'used'?)") in codes(f)
    assert ("unused-reference", "reference 'unused' is never cited") in codes(f)
    assert ("duplicate-text", "'B' has the same text as 'A'") in codes(f)


def test_ignore_field_silences_one_finding(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: C, kind: claim, text: c, ignore: [unsupported-claim]}
          - {id: D, kind: claim, text: d}
        """)
    assert [d.message for d in run_checks(m, select=["unsupported-claim"])] == [
        "claim 'D' has no support and no citation"]


def test_manuscript_rules(tmp_path):
    (tmp_path / "src.txt").write_text("Intro\nA claim [1, p. 2] and [2. p. 3].\nMore [3]\n"
                                      "Heading two\nNothing here\n")
    m = mk(tmp_path, """
        source: {name: s, file: src.txt}
        references: {"1": {}, "2": {}, "3": {}}
        sections:
          - {id: "1", title: One, lines: [1]}
          - {id: "2", title: Two, lines: [4]}
        statements:
          - {id: A, kind: premise, text: a, section: "1", lines: [2], cites: [{ref: "1", pages: "2"}, {ref: "3"}]}
          - {id: B, kind: premise, text: b, section: "1", lines: [9]}
        """)
    from argmap.manuscript import Manuscript, coverage
    ms = Manuscript.read(str(tmp_path / "src.txt"))
    assert [(x.line, x.ref, x.pages) for x in ms.markers] == [(2, "1", "p. 2"), (2, "2", "p. 3"), (3, "3", None)]
    f = run_checks(m, source=ms)
    got = {(d.code, d.location.path.endswith("src.txt"), d.location.line) for d in f
           if RULES[d.code].needs == "source"}
    assert got == {("source-line", False, 11), ("citation-not-in-lines", False, 10),
                   ("citation-unattached", True, 2), ("citation-unattached", True, 3),
                   ("section-uncovered", False, 8)}
    cov = coverage(m, ms)
    assert cov["markers"] == 3 and cov["markers_attached"] == 1
    assert cov["citation_numbers_present"] == 3 and cov["citation_numbers_attached"] == 1


def test_check_cli_formats_and_exit_codes(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("argmap: 1\ntitle: t\nstatements:\n"
                    "  - {id: A, kind: claim, text: a, supports: [B]}\n"
                    "  - {id: B, kind: claim, text: b, supports: [A]}\n")
    r = cli("check", path)
    assert r.exit_code == 1
    assert f"{path}:4:5: error[circular-support]: circular support: A -> B -> A" in r.output
    assert "    hint: " in r.output and "1  circular-support" in r.output
    assert cli("check", path, "--fail-on", "never").exit_code == 0
    assert cli("check", path, "--ignore", "circular-support").exit_code == 0
    # the circle leaves both claims of the author undecided: a warning of its own
    assert cli("check", path, "--ignore", "circular-support", "--fail-on", "warning").exit_code == 1
    assert cli("check", path, "--ignore", "circular-support,author-position-defeated",
               "--fail-on", "warning").exit_code == 0
    r = cli("check", path, "--format", "json", "--fail-on", "never")
    data = json.loads(r.output)
    assert data[0]["summary"]["findings"] == {"circular-support": 1, "author-position-defeated": 2}
    assert data[0]["findings"][0]["line"] == 4
    r = cli("check", path, "--select", "no-such-rule")
    assert r.exit_code == 2 and "circular-support" in r.output


def test_list_rules_explains_every_rule(cli):
    out = cli("check", "--list-rules").output
    for code in RULES:
        assert code in out
    assert len(RULES) >= 18


def test_example_map_findings(cli):
    r = cli("check", GRAPHS / "drowning-child.yaml", "--no-hints")
    assert r.exit_code == 0
    assert "warning[unanswered-objection]: objection 'O3' is unanswered; it leaves contested: inference I1" in r.output
    assert "info[load-bearing]: 'P1' is load-bearing" in r.output


# -- the graph algorithms behind load-bearing and single-source, against networkx and brute force
from hypothesis import given, settings, strategies as st  # noqa: E402

from argmap.argument_graph import argument_graph  # noqa: E402
from argmap.checks import immediate_dominators  # noqa: E402

_edges = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_edges, st.integers(0, 11))
def test_immediate_dominators_match_networkx(edges, start):
    import networkx as nx
    g = nx.DiGraph()
    g.add_nodes_from(range(12))
    g.add_edges_from((a, b) for a, b in edges if a != b)
    ours = immediate_dominators(start, {n: list(g.succ[n]) for n in g}, {n: list(g.pred[n]) for n in g})
    theirs = dict(nx.immediate_dominators(g, start))
    theirs[start] = start
    assert ours == theirs


@settings(max_examples=300, deadline=None)
@given(_edges, st.sets(st.integers(0, 11), max_size=4))
def test_load_bearing_matches_brute_force(edges, ends):
    """Without linked inferences, a node is load-bearing exactly when removing it leaves no chain
    end (a node nothing supports, or one of `ends`) reachable from the root along support."""
    import networkx as nx
    g = nx.DiGraph()
    g.add_nodes_from(range(12))
    g.add_edges_from((a, b) for a, b in edges if a != b)
    root = 0
    chain_ends = {n for n in nx.ancestors(g, root) if n in ends or not g.pred[n]}
    if not g.pred[root]:
        chain_ends.add(root)

    def has_chain(without):
        h = g.copy()
        h.remove_node(without)
        return any(e in nx.ancestors(h, root) for e in chain_ends if e != without)

    expected = set() if not chain_ends else \
        {n for n in nx.ancestors(g, root) if not has_chain(n)}
    assert load_bearing(g, root, ends) == expected


def test_support_graph_merges_repeated_supports(tmp_path):
    m = mk(tmp_path, """
        statements:
          - {id: C, kind: claim, text: c}
          - {id: P, kind: premise, text: p}
        relations:
          - {from: P, kind: supports, to: C, context: one}
          - {from: P, kind: supports, to: C, context: two}
        """)
    sup = argument_graph(m).support
    assert list(sup.pred["C"]) == ["P"] and list(sup.succ["P"]) == ["C"]
    assert sup.cyclic_part() is None


def test_author_position_defeated(tmp_path):
    """The author's claims that do not stand are listed with what defeats them; a claim held by
    someone else, and an objection (not the author's by default), are not."""
    m = mk(tmp_path, """
        thesis: T
        statements:
          - {id: T, kind: thesis, text: t, cites: [r]}
          - {id: C, kind: claim, text: c, supports: [T]}
          - {id: P, kind: premise, text: p, supports: [C]}
          - {id: O, kind: objection, text: o, attacks: [C]}
          - {id: R, kind: claim, text: realists say so, held-by: realists}
          - {id: O2, kind: objection, text: o2, attacks: [O]}
          - {id: O3, kind: objection, text: o3, attacks: [O2]}
        references: {r: {title: x}}
        """)
    found = codes(run_checks(m, select=["author-position-defeated"]))
    assert found == [("author-position-defeated",
                      "the author's claim 'C' is OUT (defeated): C is OUT: attacked by O, which is IN; "
                      "O is IN: every attacker is OUT: O2")]
    # R is OUT too (a claim with no support), but held by realists; O2 is OUT but an objection


def test_author_position_defeated_lists_every_out_author_claim_of_the_flagship():
    from argmap.evaluation import evaluate

    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    ev = evaluate(amap)
    expected = {s.id for s in amap.statements if s.holder == "author" and ev.labels[s.id] != "IN"}
    by_location = {s.location: s.id for s in amap.statements}
    listed = {by_location[d.location] for d in run_checks(amap, select=["author-position-defeated"])}
    assert listed == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=30),
       st.sets(st.integers(0, 11), max_size=4), st.sets(st.integers(0, 11), max_size=4))
def test_load_bearing_linear_pass_matches_dominator_analysis(edges, ends, linked):
    """Without cycles, the one-pass post-dominator algorithm finds exactly what one dominator
    analysis per start finds, linked inferences included (nodes of *linked* are inferences)."""
    from argmap.argument_graph import Support
    from argmap.checks import _load_bearing_acyclic, _load_bearing_by_dominators

    dag = [(a, b) for a, b in edges if a < b]          # premise a supports conclusion b: acyclic
    sup = Support(range(12), dag, linked)
    root = 11
    assert _load_bearing_acyclic(sup, root, ends) == _load_bearing_by_dominators(sup, root, ends)


def test_load_bearing_is_linear_on_a_chain_of_linked_inferences(tmp_path):
    """A chain of 3,000 linked inferences, each step needing a claim and a premise: every claim,
    premise and inference is load-bearing (this took minutes when each step was analysed anew)."""
    n = 3000
    lines = ["thesis: s0", "statements:", "  - {id: s0, kind: thesis, text: t}"]
    lines += [f"  - {{id: s{i}, kind: claim, text: c{i}}}\n  - {{id: p{i}, kind: premise, text: p{i}}}"
              for i in range(1, n + 1)]
    lines += ["inferences:"] + [f"  - {{id: i{i}, premises: [s{i}, p{i}], conclusion: s{i - 1}}}"
                                for i in range(1, n + 1)]
    m = mk(tmp_path, "\n".join(lines) + "\n")
    found = {d.message.split("'")[1] for d in run_checks(m, select=["load-bearing"])}
    assert found == {f"s{i}" for i in range(1, n + 1)} | {f"p{i}" for i in range(1, n + 1)}
