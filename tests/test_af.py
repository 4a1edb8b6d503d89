"""Abstract argumentation semantics (argmap.af) against a brute-force reference."""
from __future__ import annotations

import json
import pickle
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import af
from argmap.af import Framework, SolverTimeout
from argmap.formats.iccma import write_af

SEMS = ("grounded", "complete", "preferred", "stable")


# --------------------------------------------------------------------------- brute force

class Brute:
    """Every semantics by enumerating all subsets (bitmasks) of a small framework."""

    def __init__(self, fw: Framework):
        self.fw = fw
        self.names = list(fw.arguments)
        n = self.n = len(self.names)
        pos = {a: i for i, a in enumerate(self.names)}
        self.attackers = [0] * n  # bitmask of attackers of i
        self.attacked_by = [0] * n  # bitmask of what i attacks
        for a, b in fw.attacks:
            self.attackers[pos[b]] |= 1 << pos[a]
            self.attacked_by[pos[a]] |= 1 << pos[b]
        self.cf, self.adm, self.co, self.st = [], [], [], []
        full = (1 << n) - 1
        for s in range(1 << n):
            hit = 0  # arguments attacked by s
            for i in range(n):
                if s >> i & 1:
                    hit |= self.attacked_by[i]
            if hit & s:
                continue
            self.cf.append(s)
            defended = 0
            for i in range(n):
                if self.attackers[i] & ~hit == 0:
                    defended |= 1 << i
            if s & ~defended:
                continue
            self.adm.append(s)
            if s == defended:  # complete: contains every argument it defends
                self.co.append(s)
            if s | hit == full:
                self.st.append(s)
        self.pr = [s for s in self.adm if not any(t != s and t & s == s for t in self.adm)]
        self.gr = min(self.co, key=lambda s: bin(s).count("1"))

    def sets(self, masks):
        return {frozenset(self.names[i] for i in range(self.n) if m >> i & 1) for m in masks}

    def extensions(self, sem):
        return {"grounded": self.sets([self.gr]), "complete": self.sets(self.co),
                "preferred": self.sets(self.pr), "stable": self.sets(self.st)}[sem]


@st.composite
def frameworks(draw, max_args=12, names=None):
    n = draw(st.integers(0, max_args))
    if names is None:
        names = draw(st.sampled_from(["plain", "text"]))
    if names == "plain":
        args = [f"a{i}" for i in range(n)]
    else:
        args = draw(st.lists(st.text(min_size=1, max_size=4), min_size=n, max_size=n,
                             unique=True))
    if n == 0:
        return Framework((), ())
    density = draw(st.sampled_from([0.1, 0.2, 0.35, 0.6]))
    pairs = [(a, b) for a in args for b in args]
    chosen = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    rnd = draw(st.randoms(use_true_random=False))
    atts = [p for p, keep in zip(pairs, chosen) if keep and rnd.random() < density * 2]
    rnd.shuffle(atts)
    if atts and draw(st.booleans()):
        atts.append(atts[0])  # a repeated attack changes nothing
    return Framework(tuple(args), tuple(atts))


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --------------------------------------------------------------------------- properties

@SETTINGS
@given(frameworks(), st.booleans())
def test_every_semantics_matches_brute_force(fw, with_timeout):
    b = Brute(fw)
    timeout = 60.0 if with_timeout else None  # solver calls in slices, or in one go
    for sem in SEMS:
        got = af.extensions(fw, sem, timeout=timeout)
        assert len(got) == len(set(got)), f"{sem}: an extension is listed twice"
        assert set(got) == b.extensions(sem), sem


@SETTINGS
@given(frameworks())
def test_grounded_is_least_complete(fw):
    b = Brute(fw)
    g = af.grounded(fw)
    complete = af.extensions(fw, "complete")
    assert g in complete
    assert all(g <= e for e in complete)
    assert g == frozenset.intersection(*complete)
    assert b.sets([b.gr]) == {g}
    assert af.extensions(fw, "grounded") == [g]


@SETTINGS
@given(frameworks())
def test_acceptance_matches_brute_force(fw):
    b = Brute(fw)
    for sem in SEMS:
        exts = b.extensions(sem)
        for a in fw.arguments:
            cred = any(a in e for e in exts)
            skep = all(a in e for e in exts)  # vacuously true when there is no extension
            assert af.credulous(fw, sem, a) == cred, (sem, a)
            assert af.skeptical(fw, sem, a) == skep, (sem, a)
            assert af.credulous(fw, sem, a, timeout=60) == cred, (sem, a)
            assert af.skeptical(fw, sem, a, timeout=60) == skep, (sem, a)


@SETTINGS
@given(frameworks())
def test_checks_and_labellings(fw):
    b = Brute(fw)
    cf, adm = b.sets(b.cf), b.sets(b.adm)
    co, st_, pr = b.sets(b.co), b.sets(b.st), b.sets(b.pr)
    for m in range(min(1 << b.n, 256)):
        s = frozenset(b.names[i] for i in range(b.n) if m >> i & 1)
        assert af.is_conflict_free(fw, s) == (s in cf)
        assert af.is_admissible(fw, s) == (s in adm)
        assert af.is_complete(fw, s) == (s in co)
        assert af.is_stable(fw, s) == (s in st_)
        assert af.is_preferred(fw, s) == (s in pr)
    lab = af.grounded_labelling(fw)
    g = af.grounded(fw)
    assert list(lab) == list(fw.arguments)
    assert {a for a, v in lab.items() if v == "IN"} == g
    attacked = {y for x, y in fw.attacks if x in g}
    assert {a for a, v in lab.items() if v == "OUT"} == attacked
    assert af.labelling(fw, g) == lab
    for e in co:  # a complete labelling: IN iff all attackers OUT, OUT iff an attacker IN
        L = af.labelling(fw, e)
        for a in fw.arguments:
            atk = [x for x, y in fw.attacks if y == a]
            assert (L[a] == "IN") == all(L[x] == "OUT" for x in atk)
            assert (L[a] == "OUT") == any(L[x] == "IN" for x in atk)


@SETTINGS
@given(frameworks(), st.integers(1, 3))
def test_limit(fw, limit):
    for sem in ("complete", "preferred", "stable"):
        full = af.extensions(fw, sem)
        some = af.extensions(fw, sem, limit=limit)
        assert len(some) == min(limit, len(full))
        assert set(some) <= set(full)
    assert af.extensions(fw, "preferred", limit=0) == []


# --------------------------------------------------------------------------- examples

def F(args, atts):
    return Framework(tuple(args), tuple(tuple(a) for a in atts))


def test_small_examples():
    mutual = F("ab", ["ab", "ba"])
    assert af.grounded(mutual) == frozenset()
    assert set(af.extensions(mutual, "preferred")) == {frozenset("a"), frozenset("b")}
    assert set(af.extensions(mutual, "stable")) == {frozenset("a"), frozenset("b")}
    assert set(af.extensions(mutual, "complete")) == {frozenset(), frozenset("a"), frozenset("b")}
    assert af.credulous(mutual, "preferred", "a") and not af.skeptical(mutual, "preferred", "a")

    odd = F("abc", ["ab", "bc", "ca"])
    assert af.extensions(odd, "stable") == []
    assert af.extensions(odd, "preferred") == [frozenset()]
    assert af.skeptical(odd, "stable", "a")  # vacuously: no stable extension
    assert not af.credulous(odd, "stable", "a")

    chain = F("abcd", ["ab", "bc", "cd"])
    assert af.grounded(chain) == frozenset("ac")
    assert af.grounded_labelling(chain) == {"a": "IN", "b": "OUT", "c": "IN", "d": "OUT"}
    for sem in SEMS:
        assert af.extensions(chain, sem) == [frozenset("ac")]

    selfatk = F("ab", ["aa", "ab"])
    assert af.grounded_labelling(selfatk) == {"a": "UNDEC", "b": "UNDEC"}
    assert af.extensions(selfatk, "preferred") == [frozenset()]
    assert af.extensions(selfatk, "stable") == []

    # grounded IN but no stable extension: not credulously stable-accepted
    g_in_no_stable = F("xabc", ["ab", "bc", "ca"])
    assert af.grounded(g_in_no_stable) == frozenset("x")
    assert not af.credulous(g_in_no_stable, "stable", "x")
    assert af.skeptical(g_in_no_stable, "stable", "x")
    assert af.credulous(g_in_no_stable, "preferred", "x")


def test_empty_framework():
    empty = Framework((), ())
    assert af.grounded(empty) == frozenset()
    for sem in SEMS:
        assert af.extensions(empty, sem) == [frozenset()]


def test_dung_example_and_aliases():
    # Dung 1995-style: a attacks b, b attacks c, c attacks d, d attacks c
    fw = F("abcd", ["ab", "bc", "cd", "dc"])
    assert af.grounded(fw) == frozenset("a")
    assert set(af.extensions(fw, "PR")) == {frozenset("ac"), frozenset("ad")}
    assert set(af.extensions(fw, "st")) == {frozenset("ac"), frozenset("ad")}
    assert len(af.extensions(fw, "CO")) == 3
    assert af.extensions(fw, "GR") == [frozenset("a")]
    with pytest.raises(ValueError):
        af.extensions(fw, "semi-stable")


def test_framework_validation_and_value_semantics():
    with pytest.raises(ValueError, match="duplicate argument"):
        Framework(("a", "a"), ())
    with pytest.raises(ValueError, match="undeclared argument 'c'"):
        Framework(("a", "b"), (("a", "c"),))
    with pytest.raises(ValueError, match="pair"):
        Framework(("a", "b"), (("a", "b", "c"),))
    fw = Framework(["a", "b"], [["a", "b"]])
    assert fw.arguments == ("a", "b") and fw.attacks == (("a", "b"),)
    assert fw == Framework(("a", "b"), (("a", "b"),))
    assert hash(fw) == hash(Framework(("a", "b"), (("a", "b"),)))
    assert fw.attackers("b") == ["a"] and fw.attackers("a") == []
    back = pickle.loads(pickle.dumps(fw))
    assert back == fw and af.grounded(back) == frozenset("a")


def test_grounded_on_long_chain_is_linear_and_iterative():
    # 200,000 arguments in a chain attacked from the far end: a naive fixpoint that rescans
    # all arguments each round would need 100,000 rounds.  (No timing assertion.)
    n = 200_000
    names = [f"x{i}" for i in range(n)]
    atts = [(names[i + 1], names[i]) for i in range(n - 1)]
    fw = Framework(tuple(names), tuple(atts))
    g = af.grounded(fw)
    # x{n-1} is unattacked: IN; then OUT/IN alternate downwards
    assert len(g) == n // 2
    assert names[n - 1] in g and names[n - 2] not in g and ((n - 1) % 2 == 0) == (names[0] in g)


# --------------------------------------------------------------------------- timeouts

def disjoint_pairs(k):
    args = [f"p{i}" for i in range(k)] + [f"q{i}" for i in range(k)]
    atts = [(f"p{i}", f"q{i}") for i in range(k)] + [(f"q{i}", f"p{i}") for i in range(k)]
    return Framework(tuple(args), tuple(atts))


def test_preferred_enumeration_times_out_with_partial_results():
    fw = disjoint_pairs(40)  # 2**40 preferred extensions
    with pytest.raises(SolverTimeout) as info:
        af.extensions(fw, "preferred", timeout=0.3)
    partial = info.value.partial
    assert isinstance(partial, list) and partial
    assert len(set(partial)) == len(partial)
    for e in partial:
        assert len(e) == 40 and af.is_admissible(fw, e)
    with pytest.raises(SolverTimeout):
        af.extensions(fw, "stable", timeout=0.2)
    with pytest.raises(SolverTimeout):
        af.extensions(fw, "complete", timeout=0.2)


def test_zero_timeout_raises_before_solving():
    fw = disjoint_pairs(3)
    with pytest.raises(SolverTimeout) as info:
        af.extensions(fw, "preferred", timeout=0)
    assert info.value.partial == []
    with pytest.raises(SolverTimeout):
        af.skeptical(fw, "preferred", "p0", timeout=0)
    # grounded needs no solver and no time budget
    assert af.extensions(fw, "grounded", timeout=0) == [frozenset()]


def cnf_framework(clauses):
    """The standard reduction of CNF satisfiability to stable-extension existence.

    Literals ``x`` and ``-x`` attack each other; each clause is a self-attacking argument
    attacked by its literals.  Stable extensions are exactly the satisfying assignments.
    """
    variables = sorted({abs(x) for c in clauses for x in c})
    lit = lambda x: f"x{x}" if x > 0 else f"nx{-x}"  # noqa: E731
    args = [lit(v) for v in variables] + [lit(-v) for v in variables]
    atts = [(lit(v), lit(-v)) for v in variables] + [(lit(-v), lit(v)) for v in variables]
    for k, c in enumerate(clauses):
        args.append(f"c{k}")
        atts.append((f"c{k}", f"c{k}"))
        atts.extend((lit(x), f"c{k}") for x in c)
    return Framework(tuple(args), tuple(atts))


def pigeonhole_clauses(holes):
    """n+1 pigeons in n holes: unsatisfiable, and exponentially hard for CDCL solvers."""
    var = lambda p, h: p * holes + h + 1  # noqa: E731
    pigeons = holes + 1
    clauses = [[var(p, h) for h in range(holes)] for p in range(pigeons)]
    for h in range(holes):
        for p, q in combinations(range(pigeons), 2):
            clauses.append([-var(p, h), -var(q, h)])
    return clauses


def test_cnf_reduction_is_right_on_small_formulas():
    sat = cnf_framework([[1, 2], [-1, 2], [-2, 3]])
    exts = af.extensions(sat, "stable")
    assert {frozenset(a for a in e if a.startswith("x")) for e in exts} == {
        frozenset({"x2", "x3"}), frozenset({"x1", "x2", "x3"})}
    assert af.extensions(cnf_framework(pigeonhole_clauses(3)), "stable") == []


def test_a_single_long_solver_call_is_interrupted():
    fw = cnf_framework(pigeonhole_clauses(11))  # one solver call of minutes to hours
    with pytest.raises(SolverTimeout) as info:
        af.extensions(fw, "stable", timeout=0.5)
    assert info.value.partial == []
    with pytest.raises(SolverTimeout):
        af.credulous(fw, "stable", "x1", timeout=0.3)
    with pytest.raises(SolverTimeout):
        af.skeptical(fw, "stable", "x1", timeout=0.3)


# --------------------------------------------------------------------------- time limits

def test_sliced_solving_gives_the_same_answers(monkeypatch):
    """Under a deadline every solver call runs in slices of a conflict budget; slices of one
    conflict each must still give every answer right."""
    monkeypatch.setattr(af, "_FIRST_BUDGET", 1)
    monkeypatch.setattr(af, "_MIN_BUDGET", 1)
    fw = cnf_framework(pigeonhole_clauses(4))  # needs many conflicts: many slices
    assert af.extensions(fw, "stable", timeout=600) == []
    sat = cnf_framework([[1, 2], [-1, 2], [-2, 3], [1, -3, 4], [-4, -1]])
    for sem in SEMS:
        assert set(af.extensions(sat, sem, timeout=600)) == set(af.extensions(sat, sem)), sem
        for a in sat.arguments:
            assert af.credulous(sat, sem, a, timeout=600) == af.credulous(sat, sem, a), (sem, a)
            assert af.skeptical(sat, sem, a, timeout=600) == af.skeptical(sat, sem, a), (sem, a)


class CountingSolver:
    """A stand-in solver: every call uses up its budget (None) until *calls* are made."""

    def __init__(self, calls):
        self.left, self.budgets = calls, []

    def conf_budget(self, n):
        self.budgets.append(n)

    def solve_limited(self, assumptions=()):
        self.left -= 1
        return True if self.left == 0 else None

    def solve(self, assumptions=()):
        raise AssertionError("under a deadline no call may run without a budget")


def test_slices_grow_and_a_bounded_call_gives_up():
    clock = af._Clock(600)
    s = CountingSolver(4)
    assert clock.solve(s, [], None) is True
    assert s.budgets == [af._FIRST_BUDGET * 4 ** i for i in range(4)]
    s = CountingSolver(100)
    assert af._Clock(None).solve_bounded(s, [], 5000) is None  # 2000 + 3000: no answer
    assert s.budgets == [2000, 3000] and af._FIRST_BUDGET == 2000


def test_no_solver_is_built_when_the_time_is_already_up(monkeypatch):
    """The deadline is checked once the encoding is built, before the solver gets it: with
    dense frameworks building and loading the solver is where a small limit went."""
    import pysat.solvers

    def no_solver(*args, **kwargs):
        raise AssertionError("a solver was built after the deadline")

    monkeypatch.setattr(pysat.solvers, "Solver", no_solver)
    fw = disjoint_pairs(3)
    for sem in ("complete", "preferred", "stable"):
        with pytest.raises(SolverTimeout) as info:
            af.extensions(fw, sem, timeout=0)
        assert info.value.partial == []
        with pytest.raises(SolverTimeout):
            af.credulous(fw, sem, "p0", timeout=0)
        if sem != "complete":
            with pytest.raises(SolverTimeout):
                af.skeptical(fw, sem, "p0", timeout=0)


def test_skeptical_preferred_finds_the_extension_without_the_argument():
    # a is in the preferred extensions {a, c} and {a, d} but not in {b, d}: c-d and a-b
    # are mutual attacks, and b attacks c as well
    fw = Framework(("a", "b", "c", "d"), (("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("b", "c")))
    assert set(af.extensions(fw, "preferred")) == {frozenset("ac"), frozenset("ad"), frozenset("bd")}
    assert not af.skeptical(fw, "preferred", "a")
    assert not af.skeptical(fw, "preferred", "d")
    # an argument defended only by an odd cycle's member is in no preferred extension
    odd = Framework(("x", "y", "z", "w"), (("x", "y"), ("y", "z"), ("z", "x"), ("x", "w")))
    assert af.extensions(odd, "preferred") == [frozenset()]
    assert not af.skeptical(odd, "preferred", "w") and not af.credulous(odd, "preferred", "w")


# --------------------------------------------------------------------------- the CLI on a timeout

def pairs_map(tmp_path, pairs=30):
    """A map whose framework has 2**pairs preferred extensions (mutual objections)."""
    lines = ["argmap: 1", "title: t", "thesis: T", "statements:", "  - {id: T, kind: thesis, text: t}"]
    for i in range(pairs):
        lines.append(f"  - {{id: A{i}, kind: objection, text: a{i}, attacks: [B{i}, T]}}")
        lines.append(f"  - {{id: B{i}, kind: objection, text: b{i}, attacks: [A{i}]}}")
    path = tmp_path / "pairs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_map_evaluation_that_times_out_shows_no_labels(cli, tmp_path):
    path = pairs_map(tmp_path)
    r = cli("evaluate", path, "-s", "preferred", "--timeout", "0.3")
    assert r.exit_code == 3
    assert r.stdout == ""
    assert r.stderr == ("argmap: preferred semantics ran out of time after 0.3 s; no answer "
                        "(exit code 3)\n")
    r = cli("evaluate", path, "-s", "preferred", "--timeout", "0.3", "--format", "json")
    assert r.exit_code == 3
    assert json.loads(r.stdout) == {"semantics": "preferred", "mode": "skeptical",
                                    "timed_out": True, "timeout": 0.3}
    # the same map answers when it needs no solver: grounded, and a small preferred one
    assert cli("evaluate", path).exit_code == 0
    small = pairs_map(tmp_path, 2)
    r = cli("evaluate", small, "-s", "preferred", "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["extensions"] == 4


def test_an_af_evaluation_that_times_out_prints_no_answer(cli, tmp_path):
    path = tmp_path / "pairs.af"
    path.write_text(write_af(disjoint_pairs(40), "af"), encoding="utf-8")
    for sem in ("preferred", "stable", "complete"):
        r = cli("evaluate", path, "-s", sem, "--timeout", "0.2")
        assert (r.exit_code, r.stdout) == (3, ""), sem  # no 'w' line: ICCMA's 'unsolved'
        assert r.stderr == f"argmap: {sem} semantics ran out of time after 0.2 s; no answer (exit code 3)\n"
        r = cli("evaluate", path, "-s", sem, "--timeout", "0.2", "--format", "json")
        assert r.exit_code == 3
        assert json.loads(r.stdout) == {"semantics": sem, "timed_out": True, "timeout": 0.2}


def test_a_query_that_times_out_prints_neither_yes_nor_no(cli, tmp_path):
    path = tmp_path / "hard.apx"
    path.write_text(write_af(cnf_framework(pigeonhole_clauses(11)), "apx"), encoding="utf-8")
    for mode in ("--credulous", "--skeptical"):
        r = cli("evaluate", path, "-s", "stable", "--query", "x1", mode, "--timeout", "0.3")
        assert (r.exit_code, r.stdout) == (3, ""), mode
        r = cli("evaluate", path, "-s", "stable", "--query", "x1", mode, "--timeout", "0.3",
                "--format", "json")
        assert r.exit_code == 3
        assert json.loads(r.stdout) == {"semantics": "stable", "query": "x1",
                                        "mode": mode[2:], "timed_out": True, "timeout": 0.3}
    # and an answer is still an answer
    small = tmp_path / "small.apx"
    small.write_text(write_af(cnf_framework(pigeonhole_clauses(2)), "apx"), encoding="utf-8")
    r = cli("evaluate", small, "-s", "stable", "--query", "x1", "--credulous")
    assert (r.exit_code, r.stdout) == (0, "NO\n")
