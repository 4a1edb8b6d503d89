"""Abstract argumentation frameworks (Dung 1995) and their semantics.

A :class:`Framework` is a finite set of arguments and a binary attack relation.  This module
computes its extensions under the grounded, complete, preferred and stable semantics and decides
credulous and skeptical acceptance.

* Grounded semantics uses a linear-time labelling (after Modgil & Caminada 2009): a work list
  of arguments all of whose attackers are OUT and, for every argument, a counter of its
  attackers that are not (yet) OUT.  Every attack is looked at at most twice; nothing is
  rescanned.
* Complete, preferred and stable semantics use a SAT solver (python-sat, imported lazily).
  Arguments decided by the grounded labelling are fixed first; only the sub-framework of the
  grounded-UNDEC arguments goes to the solver (every complete labelling agrees with the grounded
  labelling on its IN and OUT arguments, so nothing is lost).  Complete labellings use the
  Caminada-style three-valued encoding (variables "a is IN", "a is OUT"); stable extensions the
  usual one-variable encoding; preferred extensions the iterated loop of PrefSAT (Cerutti et
  al. 2013): find an admissible set outside the preferred extensions found so far, grow it
  until no strict admissible superset exists, then block all its subsets.  Credulous and
  skeptical stable and credulous preferred acceptance are one solver call each, the question
  asked as a unit clause; skeptical preferred acceptance is the same loop restricted to sets
  without the argument, with one bounded side question (does an admissible set attack it?).
* The solver is CaDiCaL 1.9.5 (the fastest here).

Every SAT-based function takes ``timeout`` (seconds).  When it expires a :class:`SolverTimeout`
is raised whose ``partial`` holds what was found so far.  The clock is read before the solver
is built and between slices of every solver call (conflict budgets planned not to outlast the
deadline: a 1 s limit on a dense 448-argument, 60,436-attack framework ends after about 1.2 s,
start-up included).

The attack relation is read as a set: repeated attacks are allowed and change nothing.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from ._gc import paused as _gc_paused
from .errors import ArgmapError, Location
from .vocab import Label

__all__ = [
    "Framework", "SolverTimeout", "SEMANTICS",
    "grounded", "grounded_labelling", "labelling", "extensions", "credulous", "skeptical",
    "is_conflict_free", "is_admissible", "is_complete", "is_stable", "is_preferred",
]

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC
SEMANTICS = ("grounded", "complete", "preferred", "stable")
_ALIASES = {"gr": "grounded", "co": "complete", "pr": "preferred", "st": "stable"}

# Internal integer labels.
_U, _I, _O = 0, 1, 2


class SolverTimeout(ArgmapError):
    """The time budget of a semantics call ran out.

    ``partial`` is what had been found so far: a list of extensions for :func:`extensions`,
    ``None`` for the acceptance functions.
    """

    default_code = "solver-timeout"

    def __init__(self, message: str = "solver timed out", partial=None):
        super().__init__(message, location=Location("<solver>"))
        self.partial = partial


class _Index:
    """Integer view of a framework, built once and cached on it."""

    __slots__ = ("n", "names", "_pos", "src", "tgt", "_out", "_glab")

    def __init__(self, names, pos, src, tgt):
        self.n = len(names)
        self.names = names
        self._pos = pos
        self.src = src
        self.tgt = tgt
        self._out = None
        self._glab = None

    @property
    def pos(self) -> dict[str, int]:
        if self._pos is None:
            self._pos = {a: i for i, a in enumerate(self.names)}
        return self._pos

    def out(self) -> list[list[int]]:
        """out[i] = the arguments i attacks (with repetitions if attacks repeat)."""
        if self._out is None:
            with _gc_paused():
                out: list[list[int]] = [[] for _ in range(self.n)]
                for s, t in zip(self.src, self.tgt):
                    out[s].append(t)
            self._out = out
        return self._out

    def grounded_labels(self) -> list[int]:
        """Linear-time grounded labelling: list of _I/_O/_U per argument index."""
        if self._glab is not None:
            return self._glab
        n = self.n
        out = self.out()
        # count[i] = number of attacks on i whose attacker is not (yet) OUT.
        count = [0] * n
        for t in self.tgt:
            count[t] += 1
        label = [_U] * n
        queue = [i for i in range(n) if not count[i]]
        for i in queue:
            label[i] = _I
        # `queue` grows while it is walked: each argument enters it once, when it becomes IN.
        for x in queue:
            for y in out[x]:
                if label[y] == _U:
                    label[y] = _O
                    for z in out[y]:
                        c = count[z] - 1
                        count[z] = c
                        if not c and label[z] == _U:
                            label[z] = _I
                            queue.append(z)
        self._glab = label
        return label


@dataclass(frozen=True)
class Framework:
    """An abstract argumentation framework.

    ``arguments`` keeps input order; ``attacks`` holds ``(attacker, attacked)`` pairs.  Both are
    tuples (lists are converted).  Argument names must be unique and every attack must name
    declared arguments, else :class:`ValueError`.
    """

    arguments: tuple[str, ...]
    attacks: tuple[tuple[str, str], ...]
    if TYPE_CHECKING:  # set by __post_init__ / _from_indices; not a dataclass field at run time
        _ix: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        args = self.arguments
        if not isinstance(args, tuple):
            args = tuple(args)
            object.__setattr__(self, "arguments", args)
        atts = self.attacks
        if not isinstance(atts, tuple) or not all(type(a) is tuple for a in atts):
            atts = tuple(tuple(a) for a in atts)
            object.__setattr__(self, "attacks", atts)
        if atts and set(map(len, atts)) != {2}:
            bad = next(a for a in atts if len(a) != 2)
            raise ValueError(f"an attack must be an (attacker, attacked) pair, got {bad!r}")
        pos = {a: i for i, a in enumerate(args)}
        if len(pos) != len(args):
            seen = set()
            for a in args:
                if a in seen:
                    raise ValueError(f"duplicate argument {a!r}")
                seen.add(a)
        get = pos.get
        srcn, tgtn = zip(*atts) if atts else ((), ())
        src = list(map(get, srcn))
        tgt = list(map(get, tgtn))
        if None in src or None in tgt:
            for (a, b), s, t in zip(atts, src, tgt):
                if s is None or t is None:
                    missing = a if s is None else b
                    raise ValueError(f"attack ({a!r}, {b!r}) names undeclared argument {missing!r}")
        object.__setattr__(self, "_ix", _Index(args, pos, src, tgt))

    @classmethod
    def _from_indices(cls, names: Sequence[str], src: list[int], tgt: list[int],
                      attacks: tuple | None = None) -> "Framework":
        """Fast constructor for readers that already hold validated integer attacks.

        *attacks*, when given, must equal the pairs of names that *src*/*tgt* index.
        """
        fw = object.__new__(cls)
        with _gc_paused():
            names = tuple(names)
            if attacks is None:
                attacks = tuple(zip(map(names.__getitem__, src), map(names.__getitem__, tgt)))
            object.__setattr__(fw, "arguments", names)
            object.__setattr__(fw, "attacks", attacks)
            object.__setattr__(fw, "_ix", _Index(names, None, src, tgt))
        return fw

    def __getstate__(self):
        return {"arguments": self.arguments, "attacks": self.attacks}

    def __setstate__(self, state):
        object.__setattr__(self, "arguments", state["arguments"])
        object.__setattr__(self, "attacks", state["attacks"])
        self.__post_init__()

    def __len__(self) -> int:
        return len(self.arguments)

    def attackers(self, arg: str) -> list[str]:
        """The arguments attacking *arg* (each once)."""
        ix = self._ix
        i = ix.pos[arg]
        return [ix.names[s] for s in dict.fromkeys(s for s, t in zip(ix.src, ix.tgt) if t == i)]


# --------------------------------------------------------------------------- grounded

def _labels_to_dict(fw: Framework, labels: list[int]) -> dict[str, str]:
    names = (UNDEC, IN, OUT)
    return {a: names[lab] for a, lab in zip(fw.arguments, labels)}


def grounded_labelling(fw: Framework) -> dict[str, str]:
    """The grounded labelling: argument -> "IN" / "OUT" / "UNDEC".  Linear time."""
    return _labels_to_dict(fw, fw._ix.grounded_labels())


def grounded(fw: Framework) -> frozenset[str]:
    """The grounded extension (least complete extension).  Linear time."""
    labels = fw._ix.grounded_labels()
    return frozenset(a for a, lab in zip(fw.arguments, labels) if lab == _I)


def labelling(fw: Framework, extension: Iterable[str]) -> dict[str, str]:
    """The labelling of a set: its members IN, what they attack OUT, the rest UNDEC."""
    ix = fw._ix
    ext = set(extension)
    lab = [_U] * ix.n
    for a in ext:
        lab[ix.pos[a]] = _I
    for s, t in zip(ix.src, ix.tgt):
        if lab[s] == _I and lab[t] != _I:
            lab[t] = _O
    # An attacked member stays IN here; is_conflict_free() tells whether that happened.
    return _labels_to_dict(fw, lab)


# --------------------------------------------------------------------------- checks

def _members(fw: Framework, ext: Iterable[str]) -> list[bool]:
    ix = fw._ix
    member = [False] * ix.n
    for a in ext:
        member[ix.pos[a]] = True
    return member


def is_conflict_free(fw: Framework, ext: Iterable[str]) -> bool:
    ix = fw._ix
    m = _members(fw, ext)
    return not any(m[s] and m[t] for s, t in zip(ix.src, ix.tgt))


def _defeated(fw: Framework, m: list[bool]) -> list[bool]:
    ix = fw._ix
    d = [False] * ix.n
    for s, t in zip(ix.src, ix.tgt):
        if m[s]:
            d[t] = True
    return d


def _defended(fw: Framework, m: list[bool]) -> list[bool]:
    """defended[i]: every attacker of i is attacked by the set m."""
    ix = fw._ix
    d = _defeated(fw, m)
    ok = [True] * ix.n
    for s, t in zip(ix.src, ix.tgt):
        if not d[s]:
            ok[t] = False
    return ok


def is_admissible(fw: Framework, ext: Iterable[str]) -> bool:
    ext = list(ext)
    if not is_conflict_free(fw, ext):
        return False
    m = _members(fw, ext)
    ok = _defended(fw, m)
    return all(ok[i] for i in range(len(m)) if m[i])


def is_complete(fw: Framework, ext: Iterable[str]) -> bool:
    ext = list(ext)
    if not is_conflict_free(fw, ext):
        return False
    m = _members(fw, ext)
    return _defended(fw, m) == m


def is_stable(fw: Framework, ext: Iterable[str]) -> bool:
    ext = list(ext)
    if not is_conflict_free(fw, ext):
        return False
    m = _members(fw, ext)
    d = _defeated(fw, m)
    return all(m[i] or d[i] for i in range(len(m)))


def is_preferred(fw: Framework, ext: Iterable[str], *, timeout: float | None = None) -> bool:
    """Admissible and no admissible strict superset exists (one SAT call)."""
    ext = frozenset(ext)
    if not is_admissible(fw, ext):
        return False
    prob = _Restricted(fw)
    if not ext >= prob.grounded_in:
        return False  # a preferred extension contains the grounded one
    if ext & prob.grounded_out:
        return False
    local = [prob.local[a] for a in ext if a in prob.local]
    others = [i + 1 for i in range(prob.k) if prob.names[i] not in ext]
    if not others:
        return True
    clock = _Clock(timeout)
    with prob.solver("admissible", clock) as s:
        s.add_clause(others)
        return not clock.solve(s, [i + 1 for i in local], None)


# --------------------------------------------------------------------------- SAT machinery

def _norm_semantics(semantics: str) -> str:
    s = str(semantics).strip().lower()
    s = _ALIASES.get(s, s)
    if s not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}; expected one of {', '.join(SEMANTICS)}")
    return s


class _Clock:
    """Deadline bookkeeping and solver calls that stop when the deadline passes.

    With a deadline, a solver call runs in slices of a conflict budget (CaDiCaL keeps what it
    learnt between slices) and the clock is read between slices.  Nothing relies on
    interrupting a running call from another thread: Glucose, which could be interrupted, took
    3-5 s to notice an interruption on dense frameworks, and is much slower than CaDiCaL.
    """

    def __init__(self, timeout: float | None):
        if timeout is not None and timeout < 0:
            raise ValueError("timeout must be >= 0")
        self.deadline = None if timeout is None else time.monotonic() + timeout

    def check(self, partial=None):
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise SolverTimeout("time limit reached", partial=partial)

    def solve(self, solver, assumptions, partial) -> bool:
        """Is the formula satisfiable under *assumptions*?  SolverTimeout at the deadline."""
        self.check(partial)
        if self.deadline is None:
            return solver.solve(assumptions=assumptions)
        result = self._sliced(solver, assumptions, partial, None)
        assert result is not None
        return result

    def solve_bounded(self, solver, assumptions, conflicts: int) -> bool | None:
        """Like :meth:`solve` within *conflicts* conflicts; None when they did not decide."""
        self.check()
        return self._sliced(solver, assumptions, None, conflicts)

    def _sliced(self, solver, assumptions, partial, conflicts: int | None) -> bool | None:
        """Solve in slices of a conflict budget that grows 4x from slice to slice, but never
        plans a slice longer than the time that is left.  Every new call restarts the search
        (a slice of 2,000 conflicts after another made one dense query 9x slower), so the
        slices grow fast: all earlier slices together cost a third of the last one."""
        budget = _FIRST_BUDGET if conflicts is None else min(_FIRST_BUDGET, conflicts)
        used = 0
        while True:
            solver.conf_budget(budget)
            start = time.monotonic()
            result = solver.solve_limited(assumptions=assumptions)
            if result is not None:
                return result
            used += budget
            if conflicts is not None and used >= conflicts:
                return None
            now = time.monotonic()
            rate = budget / max(now - start, 1e-4)  # conflicts per second
            budget *= 4
            if self.deadline is not None:
                if now >= self.deadline:
                    raise SolverTimeout("time limit reached", partial=partial)
                budget = int(min(budget, max(rate * (self.deadline - now), _MIN_BUDGET)))
            if conflicts is not None:
                budget = min(budget, conflicts - used)


# CaDiCaL 1.9.5 is the fastest solver here (about 10x Glucose 4 on dense preferred
# enumeration, and it refutes dense stable-existence instances that Glucose and the MiniSat
# family do not finish in a minute).  Glucose 4 is the fallback for an older python-sat.
_SOLVER = "cadical195"
_FALLBACK_SOLVER = "glucose4"
_FIRST_BUDGET = 2_000  # conflicts in the first slice of a call under a deadline
_MIN_BUDGET = 100


class _Restricted:
    """The grounded-UNDEC part of a framework, with local indices 0..k-1.

    Variable ``i+1`` means "argument i is IN"; variable ``k+i+1`` means "argument i is OUT".
    """

    def __init__(self, fw: Framework):
        ix = fw._ix
        glab = ix.grounded_labels()
        names = ix.names
        self.grounded_in = frozenset(names[i] for i in range(ix.n) if glab[i] == _I)
        self.grounded_out = frozenset(names[i] for i in range(ix.n) if glab[i] == _O)
        und = [i for i in range(ix.n) if glab[i] == _U]
        loc = {g: j for j, g in enumerate(und)}
        self.k = k = len(und)
        self.names = [names[g] for g in und]
        self.local = {names[g]: j for j, g in enumerate(und)}
        att: list[set[int]] = [set() for _ in range(k)]  # att[j] = local attackers of j
        if k:
            for s, t in zip(ix.src, ix.tgt):
                if glab[s] == _U and glab[t] == _U:
                    att[loc[t]].add(loc[s])
        self.att = [sorted(a) for a in att]

    def clauses(self, semantics: str) -> list[list[int]]:
        k, att = self.k, self.att
        cls: list[list[int]] = []
        if semantics == "stable":
            for i in range(k):
                vi = i + 1
                cls.append([vi] + [j + 1 for j in att[i]])
                for j in att[i]:
                    cls.append([-vi, -(j + 1)])
            return cls
        # admissible sets: IN -> every attacker OUT; OUT -> some attacker IN; not both
        complete = semantics == "complete"
        for i in range(k):
            vin, vout = i + 1, k + i + 1
            a = att[i]
            cls.append([-vin, -vout])
            for j in a:
                cls.append([-vin, k + j + 1])
            cls.append([-vout] + [j + 1 for j in a])
            if complete:
                # complete labellings: IN <- every attacker OUT; OUT <- some attacker IN
                cls.append([vin] + [-(k + j + 1) for j in a])
                for j in a:
                    cls.append([vout, -(j + 1)])
        return cls

    def solver(self, semantics: str, clock: "_Clock", units: Sequence[int] = (), partial=None):
        """A solver loaded with the encoding of *semantics* ("admissible", "complete",
        "stable") and the unit clauses *units*.  For admissible sets it prefers true for
        every variable: IN, and OUT for what IN needs out, so that models are large
        admissible sets (few growing steps).

        A one-shot question is asked through *units* rather than assumptions: the solver
        simplifies with units at the root and cannot with assumptions (dense stable queries
        ran about 1.5x faster that way).  The clock is read once the clauses are built."""
        from pysat.solvers import NoSuchSolverError, Solver

        clauses = self.clauses(semantics)
        clauses.extend([u] for u in units)
        clock.check(partial)
        try:
            s = Solver(name=_SOLVER, bootstrap_with=clauses)
        except NoSuchSolverError:  # an older python-sat without CaDiCaL 1.9.5
            s = Solver(name=_FALLBACK_SOLVER, bootstrap_with=clauses)
        if self.k and semantics == "admissible":
            s.set_phases(list(range(1, 2 * self.k + 1)))
        return s

    def decode(self, model) -> frozenset[str]:
        names = self.names
        k = self.k
        return self.grounded_in | frozenset(names[i] for i in range(k) if model[i] > 0)

    def in_vars(self, model) -> list[int]:
        return [i + 1 for i in range(self.k) if model[i] > 0]

    def outside(self, ins: Iterable[int]) -> list[int]:
        """The IN variables of the arguments not in *ins*."""
        inset = set(ins)
        return [v for v in range(1, self.k + 1) if v not in inset]


def _enumerate(prob: _Restricted, semantics: str, clock: _Clock, limit) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    k = prob.k
    with prob.solver(semantics, clock, partial=found) as s:
        while limit is None or len(found) < limit:
            if not clock.solve(s, [], found):
                break
            model = s.get_model()
            found.append(prob.decode(model))
            if k == 0:
                break
            # block exactly this assignment of the IN variables (it determines the labelling)
            s.add_clause([-(i + 1) if model[i] > 0 else i + 1 for i in range(k)])
    return found


class _Grower:
    """Grows admissible sets into preferred extensions on one solver (PrefSAT's inner loop).

    Each step asks for an admissible set that keeps the current members and adds one more,
    through a fresh selector variable that is retired afterwards, so that the solver keeps
    everything it learnt across steps and extensions."""

    def __init__(self, prob: _Restricted, solver, clock: _Clock, partial):
        self.prob, self.s, self.clock, self.partial = prob, solver, clock, partial
        self.top = 2 * prob.k  # the last variable in use

    def grow(self, ins: list[int]) -> list[int]:
        """A preferred extension (its IN variables) containing the admissible set *ins*."""
        while True:
            outside = self.prob.outside(ins)
            if not outside:
                return ins
            self.top += 1
            self.s.add_clause([-self.top] + outside)
            sat = self.clock.solve(self.s, ins + [self.top], self.partial)
            if sat:
                ins = self.prob.in_vars(self.s.get_model())
            self.s.add_clause([-self.top])  # retire the selector
            if not sat:
                return ins

    def next(self, assumptions: list[int]) -> list[int] | None:
        """A preferred extension not inside one blocked so far (and meeting *assumptions*
        at the start of its growth), or None when there is none."""
        if not self.clock.solve(self.s, assumptions, self.partial):
            return None
        return self.grow(self.prob.in_vars(self.s.get_model()))

    def block(self, ins: list[int]) -> bool:
        """Later sets are not subsets of *ins*; False when *ins* holds every argument."""
        outside = self.prob.outside(ins)
        if outside:
            self.s.add_clause(outside)
        return bool(outside)


def _preferred(prob: _Restricted, clock: _Clock, limit) -> list[frozenset[str]]:
    found: list[frozenset[str]] = []
    if prob.k == 0:
        return [prob.grounded_in]
    with prob.solver("admissible", clock, partial=found) as s:
        grower = _Grower(prob, s, clock, found)
        while limit is None or len(found) < limit:
            ins = grower.next([])
            if ins is None:
                break
            found.append(prob.grounded_in | frozenset(prob.names[v - 1] for v in ins))
            if not grower.block(ins):
                break
    return found


def extensions(fw: Framework, semantics: str, *, timeout: float | None = None,
               limit: int | None = None) -> list[frozenset[str]]:
    """All extensions of *fw* under *semantics* (at most *limit* of them).

    ``semantics`` is one of "grounded", "complete", "preferred", "stable" (or the ICCMA
    abbreviations GR, CO, PR, ST).  Raises :class:`SolverTimeout` when *timeout* seconds pass.
    """
    sem = _norm_semantics(semantics)
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    if limit == 0:
        return []
    clock = _Clock(timeout)
    if sem == "grounded":
        return [grounded(fw)]
    prob = _Restricted(fw)
    if sem == "preferred":
        return _preferred(prob, clock, limit)
    return _enumerate(prob, sem, clock, limit)


def credulous(fw: Framework, semantics: str, arg: str, *, timeout: float | None = None) -> bool:
    """Is *arg* in some extension?  (For preferred this is credulous admissible acceptance:
    an admissible set grows into a preferred extension.)"""
    sem = _norm_semantics(semantics)
    ix = fw._ix
    lab = ix.grounded_labels()[ix.pos[arg]]
    if lab == _O:
        return False
    clock = _Clock(timeout)
    if sem == "stable":
        # a stable extension contains the grounded one, but may not exist at all
        prob = _Restricted(fw)
        units = [] if lab == _I else [prob.local[arg] + 1]
        with prob.solver("stable", clock, units) as s:
            return clock.solve(s, [], None)
    if lab == _I:
        return True
    if sem == "grounded":
        return False
    prob = _Restricted(fw)
    with prob.solver("admissible", clock, [prob.local[arg] + 1]) as s:
        return clock.solve(s, [], None)


def skeptical(fw: Framework, semantics: str, arg: str, *, timeout: float | None = None) -> bool:
    """Is *arg* in every extension?  With no stable extension every argument is skeptically
    stable-accepted (the ICCMA convention)."""
    sem = _norm_semantics(semantics)
    ix = fw._ix
    lab = ix.grounded_labels()[ix.pos[arg]]
    if sem in ("grounded", "complete"):
        return lab == _I  # the grounded extension is the least complete one
    if lab == _I:
        return True
    clock = _Clock(timeout)
    prob = _Restricted(fw)
    if sem == "stable":
        # OUT in every labelling: accepted only vacuously, when there is no stable extension
        units = [] if lab == _O else [-(prob.local[arg] + 1)]
        with prob.solver("stable", clock, units) as s:
            return not clock.solve(s, [], None)
    # preferred: a preferred extension always exists and none contains a grounded-OUT argument
    if lab == _O:
        return False
    return _skeptical_preferred(prob, prob.local[arg] + 1, clock)


#: Conflicts allowed for the side question "does an admissible set attack the argument?"
_ATTACK_BUDGET = 20_000


def _skeptical_preferred(prob: _Restricted, a: int, clock: _Clock) -> bool:
    """Is IN variable *a* in every preferred extension?  The CEGAR loop: a preferred
    extension grown from an admissible set without *a*; if it lacks *a*, no; else block its
    subsets and ask again.  After the first round, one bounded question short-cuts many
    rounds: an admissible set that attacks *a* grows into a preferred extension without it."""
    with prob.solver("admissible", clock) as s:
        grower = _Grower(prob, s, clock, None)
        rounds = 0
        while True:
            ins = grower.next([-a])
            if ins is None:
                return True
            if a not in ins:
                return False  # a preferred extension without arg
            grower.block(ins)
            rounds += 1
            if rounds == 1 and clock.solve_bounded(s, [prob.k + a], _ATTACK_BUDGET):
                return False
