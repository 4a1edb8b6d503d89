"""Benchmark: preferred and stable semantics of ``argmap evaluate`` against clingo running
ASPARTIX-style encodings.

Run from the repository root (clingo comes with the ``test`` extra: ``pip install -e '.[test]'``)::

    python bench/bench_aspartix.py            # the ICCMA corpus and generated frameworks (~10 min)
    python bench/bench_aspartix.py --quick    # caps of 10 s / 2 s, one run each, fewer frameworks
    python bench/bench_aspartix.py --only admbuster --tasks EE-PR DS-PR --cap 20
    python bench/bench_aspartix.py --no-generated --preferred saturation   # the other encoding

Tasks (ICCMA names): ``EE-PR`` / ``EE-ST`` enumerate every preferred / stable extension,
``DC-PR`` / ``DC-ST`` decide credulous and ``DS-PR`` / ``DS-ST`` skeptical acceptance of one
query argument (an argument the grounded labelling leaves UNDEC when there is one, so that the
solvers have something to decide).

Both sides run in a fresh process, start-up included, and are timed by CPU time (user +
system, from the kernel's accounting of the reaped child), as ICCMA does: on a machine shared
with other jobs the wall clock measures the other jobs.  A run is stopped after ``--cap`` CPU
seconds (RLIMIT_CPU):

* argmap: ``python -m argmap.cli evaluate FILE -s preferred|stable --format json`` (with
  ``--query A --credulous|--skeptical`` for the decision tasks) on the instance file itself;
  its ``--timeout`` (wall clock, exit code 3) is set well above the CPU cap, as a safety net.
* clingo: this file in ``--worker`` mode, which grounds and solves with clingo's Python API
  (``python -m clingo`` is the same solver).  The instance is first written as ASPARTIX facts
  ``arg(a).`` ``att(a,b).`` (not timed).  The encodings below are written from the logic of the
  ASPARTIX encodings (Egly, Gaggl and Woltran 2010; Dvorak, Gaggl, Rapberger, Wallner and
  Woltran 2020), not copied:

  - admissible sets: guess IN/OUT for every argument; no attack inside the set; every member's
    attackers are attacked by the set (``undefended``);
  - stable extensions: conflict-free and every argument outside is attacked by the set;
  - preferred extensions (``--preferred heuristic``, the default): the admissible encoding with
    the domain heuristic ``#heuristic in(X) : arg(X). [1,true]`` and clasp's ``--heuristic=Domain
    --enum-mode=domRec``, which enumerates the subset-maximal models, i.e. the preferred
    extensions (the 2020 ASPARTIX way);
  - preferred extensions (``--preferred saturation``): the classic disjunctive saturation check
    (guess a superset T of the admissible S; "spoil" when T equals S, has a conflict or leaves a
    member undefended; saturate on spoil; require spoil), with the argument order built by a
    ``#min`` aggregate (quadratic grounding) instead of the original cubic ``nsucc`` rules.  The
    whole check grounds to O(n^2) atoms, so it is only for instances up to a few hundred
    arguments.
  - DC-PR = credulous admissible (``:- not in(q).``); DS-PR: enumerate preferred extensions
    (domRec) until one lacks q (saturation: one preferred extension with ``:- in(q).``);
    DC-ST: ``:- not in(q).``; DS-ST: ``:- in(q).`` unsatisfiable (also when there is no stable
    extension: the ICCMA convention argmap follows).

The answers are compared with each other and with ``expected.json`` of the corpus (preferred
count and digest where known).  The verdict: the same answers everywhere; argmap at most 2x
clingo's time on every run clingo finishes within the cap (60 s by default).  Once clingo has
answered in t seconds, argmap gets max(3t, ``--min-cap``) at most: enough to show whether it is
within 2x.  Runs under 0.5 s (start-up dominates them) are repeated, best of ``--repeat``.  The
runs that the corpus notes say neither solver finishes in 90-150 s (``KNOWN_HARD``) get
``--hard-cap`` seconds, so that the whole bench stays near 10 minutes on 2 cores.  Nothing here
asserts a time: the bench prints the table and the verdict.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpora" / "iccma"
TASKS = ("EE-PR", "EE-ST", "DC-PR", "DS-PR", "DC-ST", "DS-ST")
TIMED_OUT = 3  # argmap evaluate's exit code for a run that ran out of time

# --------------------------------------------------------------------------- encodings

ADMISSIBLE = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- att(X,Y), in(X), in(Y).
defeated(X) :- att(Y,X), in(Y).
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
"""

STABLE = """
in(X) :- arg(X), not out(X).
out(X) :- arg(X), not in(X).
:- att(X,Y), in(X), in(Y).
defeated(X) :- att(Y,X), in(Y).
:- out(X), not defeated(X).
"""

MAXIMAL = "#heuristic in(X) : arg(X). [1,true]\n"

SATURATION = """
% the order on arguments: first, last, successor
first(X) :- X = #min{ Y : arg(Y) }, arg(X).
last(X) :- X = #max{ Y : arg(Y) }, arg(X).
succ(X,Y) :- arg(X), Y = #min{ Z : arg(Z), Z > X }, arg(Y).
% guess a superset T (inN) of the admissible set S (in)
inN(X) | outN(X) :- out(X).
inN(X) :- in(X).
% T = S: every argument outside S is outside T
same_upto(Y) :- first(Y), in(Y).
same_upto(Y) :- first(Y), outN(Y), out(Y).
same_upto(Y) :- succ(X,Y), same_upto(X), in(Y).
same_upto(Y) :- succ(X,Y), same_upto(X), outN(Y), out(Y).
same :- last(Y), same_upto(Y).
% T does not attack X: no argument of T up to Y attacks X
free_upto(X,Y) :- first(Y), arg(X), outN(Y).
free_upto(X,Y) :- first(Y), arg(X), not att(Y,X).
free_upto(X,Y) :- succ(Z,Y), free_upto(X,Z), outN(Y).
free_upto(X,Y) :- succ(Z,Y), free_upto(X,Z), not att(Y,X).
free(X) :- last(Y), free_upto(X,Y).
% T spoils the check when it is S, has a conflict, or leaves a member undefended
spoil :- same.
spoil :- inN(X), inN(Y), att(X,Y).
spoil :- inN(X), att(Y,X), free(Y).
inN(X) :- spoil, arg(X).
outN(X) :- spoil, arg(X).
:- not spoil.
"""


def program(task: str, preferred: str, query: str | None) -> tuple[str, list[str]]:
    """The ASP program and clingo options for *task*."""
    q = f":- not in({query}).\n" if task.startswith("DC") else f":- in({query}).\n"
    if task.endswith("ST"):
        return STABLE + ("" if task == "EE-ST" else q), []
    if task == "DC-PR":
        return ADMISSIBLE + q, []
    if preferred == "saturation":
        return ADMISSIBLE + SATURATION + (q if task == "DS-PR" else ""), []
    return ADMISSIBLE + MAXIMAL, ["--heuristic=Domain", "--enum-mode=domRec"]


# --------------------------------------------------------------------------- clingo worker

def _name(sym) -> str:
    import clingo

    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.type == clingo.SymbolType.Number:
        return str(sym.number)
    return str(sym)


def worker(task: str, facts: str, preferred: str, query: str | None) -> None:
    """Subprocess: solve *task* on the facts file with clingo; print one JSON line."""
    import clingo

    text, options = program(task, preferred, _asp_term(query) if query else None)
    ctl = clingo.Control(["0", *options])
    ctl.add("base", [], text)
    ctl.load(facts)
    ctl.ground([("base", [])])
    found: list[list[str]] = []
    stop = [False]

    def on_model(model):
        ext = sorted(_name(s.arguments[0]) for s in model.symbols(atoms=True) if s.name == "in")
        if task == "DS-PR" and preferred != "saturation" and query not in ext:
            stop[0] = True
            found.append(ext)
            return False  # a preferred extension without the query: not skeptically accepted
        found.append(ext)
        return task.startswith("EE") or (task == "DS-PR" and preferred != "saturation")

    res = ctl.solve(on_model=on_model)
    if task.startswith("EE"):
        answer: object = sorted(found)
    elif task.startswith("DC"):
        answer = "YES" if found else "NO"
    elif task == "DS-PR" and preferred != "saturation":
        answer = "NO" if stop[0] else "YES"
    else:
        answer = "NO" if res.satisfiable else "YES"
    print(json.dumps({"answer": answer}))


# --------------------------------------------------------------------------- instances

_BARE = re.compile(r"[a-z][A-Za-z0-9_]*|0|[1-9][0-9]*")


def _asp_term(name: str) -> str:
    if _BARE.fullmatch(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_facts(fw, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for a in fw.arguments:
            f.write(f"arg({_asp_term(a)}).\n")
        for a, b in fw.attacks:
            f.write(f"att({_asp_term(a)},{_asp_term(b)}).\n")


def admbuster(n: int):
    """The ICCMA 2023 admbuster family (reconstructed from its instances): a, pairs b_i c_i,
    d; b1, c1 attack a; each pair attacks the one before; every other pair attacks crosswise;
    d attacks the last pair.  Admissible-set growing needs about n/2 steps on it."""
    from argmap.af import Framework

    m = (n - 2) // 2
    b = lambda i: str(2 * i)  # noqa: E731
    c = lambda i: str(2 * i + 1)  # noqa: E731
    d = str(2 * m + 2)
    atts = [(b(1), "1"), (c(1), "1")]
    for i in range(1, m):
        atts += [(b(i + 1), b(i)), (c(i + 1), c(i))]
        if i % 2 == 0:
            atts += [(b(i + 1), c(i)), (c(i + 1), b(i))]
    atts += [(d, b(m)), (d, c(m))]
    return Framework(tuple(str(i) for i in range(1, 2 * m + 3)), tuple(atts))


def erdos_renyi(n: int, degree: float, seed: int):
    """n arguments, about n*degree attacks drawn uniformly (self-attacks allowed)."""
    from argmap.af import Framework

    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    target = min(int(n * degree), n * n)
    while len(pairs) < target:
        pairs.add((rng.randrange(n), rng.randrange(n)))
    names = [str(i) for i in range(1, n + 1)]
    return Framework(tuple(names), tuple((names[a], names[b]) for a, b in sorted(pairs)))


def barabasi_albert(n: int, m: int, p_back: float, seed: int):
    """Preferential attachment: each new argument attacks m earlier ones chosen by degree;
    each attack is turned round with probability p_back (which makes cycles)."""
    from argmap.af import Framework

    rng = random.Random(seed)
    ends: list[int] = [0]
    pairs: set[tuple[int, int]] = set()
    for v in range(1, n):
        for u in {rng.choice(ends) for _ in range(m)}:
            pairs.add((u, v) if rng.random() < p_back else (v, u))
            ends += [u, v]
    names = [str(i) for i in range(1, n + 1)]
    return Framework(tuple(names), tuple((names[a], names[b]) for a, b in sorted(pairs)))


def three_sat(variables: int, ratio: float, seed: int):
    """The standard reduction of 3-SAT to credulous acceptance: literals attack each other
    pairwise, every clause is attacked by its literals and attacks the argument 'phi'.  'phi' is
    credulously accepted (admissible, preferred) iff the random formula is satisfiable; near
    ratio 4.26 such formulas are the hard ones."""
    from argmap.af import Framework

    rng = random.Random(seed)
    args = ["phi"] + [f"x{v}" for v in range(1, variables + 1)] + [f"nx{v}" for v in range(1, variables + 1)]
    atts = [(f"x{v}", f"nx{v}") for v in range(1, variables + 1)]
    atts += [(f"nx{v}", f"x{v}") for v in range(1, variables + 1)]
    for j in range(int(variables * ratio)):
        args.append(f"c{j}")
        atts.append((f"c{j}", "phi"))
        for v in rng.sample(range(1, variables + 1), 3):
            atts.append((f"x{v}" if rng.random() < 0.5 else f"nx{v}", f"c{j}"))
    return Framework(tuple(args), tuple(atts))


QUERIES = ("DC-PR", "DS-PR", "DC-ST", "DS-ST")


def generated(quick: bool) -> list[tuple[str, object, tuple[str, ...] | None]]:
    """(label, maker, tasks or None for all).  The 3-SAT family is asked about 'phi' only:
    enumerating its extensions lists satisfying assignments, exponentially many."""
    gens: list[tuple[str, object, tuple[str, ...] | None]] = [
        ("gen/admbuster-2000", lambda: admbuster(2000), None),
        ("gen/3sat-v150-r4.26", lambda: three_sat(150, 4.26, 11), QUERIES),
        ("gen/er-100-d2", lambda: erdos_renyi(100, 2, 1), None),
        ("gen/er-300-d10", lambda: erdos_renyi(300, 10, 7), None),
        ("gen/er-1000-d1.5", lambda: erdos_renyi(1000, 1.5, 2), None),
        ("gen/ba-1000-m2-p0.2", lambda: barabasi_albert(1000, 2, 0.2, 3), None),
        ("gen/er-10000-d3", lambda: erdos_renyi(10000, 3, 10), None),
    ]
    if not quick:
        gens += [
            ("gen/admbuster-20000", lambda: admbuster(20000), None),
            ("gen/3sat-v250-r4.26", lambda: three_sat(250, 4.26, 11), QUERIES),
            ("gen/er-3000-d3", lambda: erdos_renyi(3000, 3, 8), None),
            ("gen/ba-3000-m3-p0.3", lambda: barabasi_albert(3000, 3, 0.3, 9), None),
            ("gen/er-10000-d1", lambda: erdos_renyi(10000, 1.0, 4), None),
            ("gen/ba-10000-m1-p0.1", lambda: barabasi_albert(10000, 1, 0.1, 5), None),
        ]
    return gens


#: Runs that the corpus notes (expected.json) say neither the PySAT loop nor clingo finishes
#: in 90-150 s: they get --hard-cap seconds instead of --cap, to keep the bench short.
KNOWN_HARD = {
    "iccma23-format/st_890_86_9_572.af": TASKS,
    "afgen/n512p5q2_vh.tgf": ("EE-PR", "EE-ST"),
    "iccma23-format/a1210993_20150717_0403.gml.80.af": ("EE-PR", "EE-ST"),
}


def corpus() -> list[tuple[str, object, tuple[str, ...] | None]]:
    if not CORPUS.is_dir():
        return []
    return [(str(p.relative_to(CORPUS)), p, None) for p in sorted(CORPUS.rglob("*"))
            if p.suffix in (".af", ".apx", ".tgf")]


# --------------------------------------------------------------------------- runs

@dataclass
class Run:
    time: float
    answer: object = None
    status: str = "ok"  # ok / timeout / error
    detail: str = ""

    def shown(self) -> str:
        if self.status == "timeout":
            return f">{self.time:.0f} s"
        if self.status == "error":
            return "error"
        return f"{self.time * 1000:.0f} ms" if self.time < 1 else f"{self.time:.2f} s"


def _timed(cmd: list[str], cap: float) -> tuple[float, subprocess.CompletedProcess | None]:
    """CPU time (user + system) of *cmd* and its result, or None when it used up *cap* CPU
    seconds (the kernel stops it: RLIMIT_CPU) or four times that in wall time.  CPU time, as
    ICCMA measures it: on a machine shared with other jobs the wall clock says more about the
    other jobs than about the solver."""
    import math
    import resource

    def limit():
        soft = max(1, math.ceil(cap))
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))

    _child_cpu()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          preexec_fn=limit) as proc:
        try:
            out, err = proc.communicate(timeout=4 * cap + 30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return max(_child_cpu(), cap), None
    cpu = _child_cpu()  # communicate() reaped the child: its usage is in RUSAGE_CHILDREN
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL) or cpu > cap:
        return max(cpu, cap), None
    return cpu, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


_CHILD_CPU = [0.0]


def _child_cpu() -> float:
    """CPU seconds of the children reaped since the previous call."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = ru.ru_utime + ru.ru_stime
    delta, _CHILD_CPU[0] = total - _CHILD_CPU[0], total
    return delta


def run_argmap(path: Path, task: str, query: str | None, cap: float) -> Run:
    sem = "preferred" if task.endswith("PR") else "stable"
    # the CPU limit decides; --timeout (wall clock) is a safety net on a busy machine
    cmd = [sys.executable, "-m", "argmap.cli", "evaluate", str(path), "-s", sem,
           "--format", "json", "--timeout", f"{4 * cap + 20:g}"]
    if query is not None:
        cmd += ["--query", query, "--credulous" if task.startswith("DC") else "--skeptical"]
    dt, proc = _timed(cmd, cap)
    if proc is None or proc.returncode == TIMED_OUT:
        return Run(dt, status="timeout")
    if proc.returncode:
        return Run(dt, status="error", detail=(proc.stderr.strip().splitlines() or ["?"])[0])
    out = proc.stdout.strip()
    if query is not None:
        return Run(dt, out)
    return Run(dt, sorted(sorted(e) for e in json.loads(out)))


def run_clingo(facts: Path, task: str, query: str | None, cap: float, preferred: str) -> Run:
    cmd = [sys.executable, __file__, "--worker", task, str(facts), "--preferred", preferred]
    if query is not None:
        cmd += ["--query", query]
    dt, proc = _timed(cmd, cap)
    if proc is None:
        return Run(dt, status="timeout")
    if proc.returncode:
        return Run(dt, status="error", detail=(proc.stderr.strip().splitlines() or ["?"])[-1])
    return Run(dt, json.loads(proc.stdout.strip().splitlines()[-1])["answer"])


def best_of(fn, repeat: int, threshold: float = 0.5) -> Run:
    """Run *fn* once, and up to *repeat* times in all while it is fast (noise shows most there)."""
    best = fn()
    for _ in range(repeat - 1):
        if best.status != "ok" or best.time > threshold:
            break
        again = fn()
        if again.status == "ok" and again.time < best.time:
            best = again
    return best


# --------------------------------------------------------------------------- per instance

@dataclass
class Instance:
    label: str
    path: Path  # what argmap reads
    facts: Path  # what clingo reads
    fw: object
    query: str | None
    expected: dict = field(default_factory=dict)
    tasks: tuple[str, ...] | None = None


def pick_query(fw) -> str:
    """'phi' where there is one (the 3-SAT family's formula), else an UNDEC argument."""
    from argmap import af

    if "phi" in fw.arguments:
        return "phi"
    lab = af.grounded_labelling(fw)
    undec = [a for a in fw.arguments if lab[a] == "UNDEC"]
    pool = undec or list(fw.arguments)
    return random.Random(len(pool)).choice(pool)


def digest(exts) -> str:
    return hashlib.sha1("|".join(sorted(",".join(sorted(e)) for e in exts)).encode()).hexdigest()[:12]


def compare(inst: Instance, task: str, a: Run, c: Run) -> str:
    """'yes', 'NO' (they differ, or one differs from expected.json), or '-' (nothing to compare)."""
    if a.status == "error" and c.status == "error":
        return "yes (both reject)"
    if a.status != "ok" or c.status != "ok":
        return "-"
    if a.answer != c.answer:
        return "NO"
    if task == "EE-PR" and inst.expected.get("preferred_sha1_12"):
        if digest(a.answer) != inst.expected["preferred_sha1_12"]:
            return "NO (expected.json)"
    return "yes"


def prepare(label: str, source, tasks, tmp: Path, expected: dict) -> Instance:
    from argmap.errors import ArgmapError
    from argmap.formats.iccma import read_af, write_af

    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", label)
    if isinstance(source, Path):
        path = source
        try:
            fw = read_af(source)
        except ArgmapError:
            fw = None  # the truncated corpus file: both sides must reject it
    else:
        fw = source()
        path = tmp / (safe + ".af")
        text = write_af(fw, "af") if all(a.isdigit() for a in fw.arguments) else None
        if text is None:
            path = tmp / (safe + ".apx")
            text = write_af(fw, "apx")
        path.write_text(text, encoding="utf-8")
    facts = tmp / (safe + ".lp")
    if fw is None:
        facts.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        write_facts(fw, facts)
    query = pick_query(fw) if fw is not None else "a1"
    return Instance(label, path, facts, fw, query, expected.get(label, {}), tasks)


def bench_instance(inst: Instance, args) -> list[tuple]:
    rows = []
    n = len(inst.fw.arguments) if inst.fw is not None else 0
    m = len(inst.fw.attacks) if inst.fw is not None else 0
    tasks = [t for t in args.tasks if inst.tasks is None or t in inst.tasks]
    for task in tasks if inst.fw is not None else tasks[:1]:
        q = None if task.startswith("EE") else inst.query
        if args.preferred == "saturation" and task.endswith("PR") and n > args.saturation_max:
            continue
        cap = args.hard_cap if task in KNOWN_HARD.get(inst.label, ()) else args.cap
        c = best_of(lambda: run_clingo(inst.facts, task, q, cap, args.preferred), args.repeat)
        # argmap needs no more than 3x clingo's time to show a ratio above the goal
        a_cap = cap if c.status != "ok" else min(cap, max(3 * c.time, args.min_cap))
        a = best_of(lambda: run_argmap(inst.path, task, q, a_cap), args.repeat)
        ratio = f"{a.time / c.time:.2f}" if c.status == "ok" and a.status == "ok" else (
            f">{a.time / c.time:.1f}" if c.status == "ok" and a.status == "timeout" else "-")
        row = (inst.label, f"{n:,}", f"{m:,}", task + (f" {q}" if q is not None else ""),
               a.shown(), c.shown(), ratio, compare(inst, task, a, c))
        rows.append((row, a, c))
        print(" | ".join(row), file=sys.stderr, flush=True)
        for r in (a, c):
            if r.status == "error" and r.detail:
                print(f"    {r.detail}", file=sys.stderr)
    return rows


# --------------------------------------------------------------------------- report

def table(rows) -> str:
    head = ("instance", "args", "attacks", "task", "argmap", "clingo", "ratio", "same answer")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows)])


def verdict(results, cap: float) -> tuple[str, bool]:
    differ = [row for row, a, c in results if row[7].startswith("NO")]
    solved = [(row, a, c) for row, a, c in results if c.status == "ok"]
    slow = [(row, a, c) for row, a, c in solved
            if a.status != "ok" or a.time > 2 * c.time]
    lines = [f"same answers: {'yes' if not differ else 'NO'} "
             f"({len(results) - len(differ)} of {len(results)} runs agree or are not comparable, "
             f"{len(differ)} differ)"]
    lines.append(f"argmap within 2x clingo on every run clingo solves within {cap:g} s: "
                 f"{'yes' if not slow else 'NO'} ({len(solved) - len(slow)} of {len(solved)})")
    for row, a, c in sorted(slow, key=lambda x: -(x[1].time / x[2].time))[:12]:
        lines.append(f"  slower: {row[0]} {row[3]}: argmap {a.shown()}, clingo {c.shown()}")
    unsolved = [(row, a) for row, a, c in results if c.status == "timeout"]
    if unsolved:
        both = sum(1 for _, a in unsolved if a.status != "ok")
        lines.append(f"clingo timed out on {len(unsolved)} runs; argmap solved "
                     f"{len(unsolved) - both} of them")
    return "\n".join(lines), not differ and not slow


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="caps of 10 s / 2 s, one run each, fewer generated frameworks")
    ap.add_argument("--cap", type=float, help="seconds per clingo run (default 60, quick 10)")
    ap.add_argument("--min-cap", type=float, default=5.0,
                    help="least seconds given to argmap on a run clingo solved")
    ap.add_argument("--hard-cap", type=float,
                    help="seconds for the runs the corpus notes call hard (default 5, quick 2)")
    ap.add_argument("--repeat", type=int, help="best of N for runs under 0.5 s (default 3, quick 1)")
    ap.add_argument("--tasks", nargs="*", default=list(TASKS), choices=TASKS)
    ap.add_argument("--only", help="only instances whose name contains this")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--no-generated", action="store_true")
    ap.add_argument("--preferred", choices=("heuristic", "saturation"), default="heuristic",
                    help="clingo's preferred encoding (default: domRec heuristic)")
    ap.add_argument("--saturation-max", type=int, default=300,
                    help="largest framework given to the saturation encoding")
    ap.add_argument("--worker", nargs=2, metavar=("TASK", "FACTS"), help=argparse.SUPPRESS)
    ap.add_argument("--query", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker[0], args.worker[1], args.preferred, args.query)
        return 0
    if args.cap is None:
        args.cap = 10.0 if args.quick else 60.0
    if args.hard_cap is None:
        args.hard_cap = 2.0 if args.quick else 5.0
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    try:
        import clingo  # noqa: F401
    except ImportError:
        print("clingo is not installed: pip install -e '.[test]' (or pip install clingo)")
        return 2
    return run_all(args)


def run_all(args) -> int:
    expected = {}
    if (CORPUS / "expected.json").is_file():
        expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["instances"]
    sources: list[tuple[str, object, tuple[str, ...] | None]] = []
    if not args.no_corpus:
        # quick: the .tgf twins of the probo examples are the same frameworks as the .apx ones
        sources += [c for c in corpus() if not (args.quick and c[0].startswith("probo") and c[0].endswith(".tgf"))]
    if not args.no_generated:
        sources += generated(args.quick)
    if args.only:
        sources = [s for s in sources if args.only in s[0]]
    results = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for label, source, tasks in sources:
            inst = prepare(label, source, tasks, Path(tmp), expected)
            results += bench_instance(inst, args)
    print(table([row for row, _, _ in results]))
    text, ok = verdict(results, args.cap)
    import clingo

    print(f"\nclingo {clingo.__version__} ({args.preferred} preferred encoding), Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} CPUs; CPU times (user+system) of fresh processes, start-up included; "
          f"best of {args.repeat} under 0.5 s; cap {args.cap:g} s ({args.hard_cap:g} s for the "
          f"runs expected.json calls hard); "
          f"whole bench {time.perf_counter() - t0:.0f} s")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
