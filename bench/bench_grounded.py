"""Benchmark: grounded semantics of argmap against python-argumentation (py_arg).

Run from the repository root::

    python bench/bench_grounded.py                 # 1e3 .. 1e6 attacks + the ICCMA corpus
    python bench/bench_grounded.py --sizes 1000 10000 --py-arg-cap 120

For each random framework (seeded; arguments drawn between attacks/4 and attacks/2, attacks
uniform without repetition) the framework is written to a temporary ``.af`` file, then timed:

* ``argmap e2e``: ``read_af(path)`` + ``grounded`` (parsing included),
* ``argmap alg``: ``grounded`` alone on a freshly read framework (adjacency building included),
* ``py_arg``: ``get_grounded_extension`` of python-argumentation 2.x on the same framework,
  built with shared ``Argument`` objects (construction not timed), in a subprocess killed after
  ``--py-arg-cap`` seconds; sizes above ``--py-arg-max`` attacks are skipped (its algorithm
  rescans every attack for every argument in every round, so it is quadratic or worse).

Both answers are compared; a mismatch is reported.  Needs ``pip install python-argumentation``
for the py_arg column (otherwise it shows "n/a").  Times are best of ``--repeat`` runs.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap import af  # noqa: E402
from argmap.formats.iccma import read_af, write_af  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "iccma"


def digest(ext) -> str:
    return hashlib.sha1(",".join(sorted(ext)).encode()).hexdigest()[:12]


def random_framework(m: int, seed: int) -> af.Framework:
    rng = random.Random(seed)
    n = rng.randint(max(2, m // 4), max(2, m // 2))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        need = m - len(pairs)
        pairs.update((rng.randrange(n), rng.randrange(n)) for _ in range(need))
    names = [str(i) for i in range(1, n + 1)]
    pairs_sorted = sorted(pairs)
    return af.Framework(tuple(names), tuple((names[a], names[b]) for a, b in pairs_sorted))


def time_argmap(path: Path, repeat: int) -> tuple[float, float, frozenset]:
    best_e2e = best_alg = float("inf")
    result = frozenset()
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fw = read_af(path)
        result = af.grounded(fw)
        best_e2e = min(best_e2e, time.perf_counter() - t0)
        fw = read_af(path)
        gc.collect()
        t0 = time.perf_counter()
        af.grounded(fw)
        best_alg = min(best_alg, time.perf_counter() - t0)
        del fw
    return best_e2e, best_alg, result


def py_arg_worker(path: str) -> None:
    """Subprocess: build the py_arg framework from *path* and time its grounded extension."""
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import \
        AbstractArgumentationFramework
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

    fw = read_af(Path(path))
    objs = {a: Argument(a) for a in fw.arguments}
    pafw = AbstractArgumentationFramework("bench", list(objs.values()),
                                          [Defeat(objs[a], objs[b]) for a, b in fw.attacks])
    t0 = time.perf_counter()
    ext = get_grounded_extension(pafw)
    dt = time.perf_counter() - t0
    print(json.dumps({"time": dt, "digest": digest(a.name for a in ext), "size": len(ext)}))


def time_py_arg(path: Path, cap: float) -> dict | str:
    try:
        import py_arg  # noqa: F401
    except ImportError:
        return "n/a"
    try:
        out = subprocess.run([sys.executable, __file__, "--py-arg-worker", str(path)],
                             capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return f">{cap:g}s"
    except subprocess.CalledProcessError as exc:
        return "error: " + (exc.stderr.strip().splitlines() or ["?"])[-1]
    return json.loads(out.stdout.strip().splitlines()[-1])


def fmt_t(t: float) -> str:
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000, 1000000])
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--py-arg-max", type=int, default=10000,
                    help="largest number of attacks given to py_arg")
    ap.add_argument("--py-arg-cap", type=float, default=600.0, help="seconds per py_arg run")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--py-arg-worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.py_arg_worker:
        py_arg_worker(args.py_arg_worker)
        return 0

    rows = []
    mismatches = 0
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for m in args.sizes:
            fw = random_framework(m, args.seed + m)
            p = Path(tmp) / f"random_{m}.af"
            p.write_text(write_af(fw, "af"), encoding="utf-8")
            cases.append((f"random {m:.0e} attacks", p, len(fw.arguments), m))
            del fw
        if not args.no_corpus and CORPUS.is_dir():
            for p in sorted(CORPUS.rglob("*")):
                if p.suffix not in (".af", ".apx", ".tgf") or "n512p5q2_vh.apx" in p.name:
                    continue  # the truncated .apx is rejected by design
                fw = read_af(p)
                cases.append((str(p.relative_to(CORPUS)), p, len(fw.arguments), len(fw.attacks)))
        for label, p, n, m in cases:
            e2e, alg, ext = time_argmap(p, args.repeat)
            if m <= args.py_arg_max:
                pa = time_py_arg(p, args.py_arg_cap)
            else:
                pa = "skipped"
            if isinstance(pa, dict):
                if pa["digest"] != digest(ext):
                    mismatches += 1
                    pa_s = f"{fmt_t(pa['time'])} MISMATCH"
                else:
                    pa_s = fmt_t(pa["time"])
                ratio = f"{pa['time'] / alg:,.0f}x"
            else:
                pa_s, ratio = pa, ("-" if not pa.startswith(">") else
                                   f">{float(pa[1:-1]) / alg:,.0f}x")
            rows.append((label, f"{n:,}", f"{m:,}", f"{len(ext):,}", fmt_t(e2e), fmt_t(alg),
                         pa_s, ratio))
            print(" | ".join(rows[-1]), file=sys.stderr, flush=True)

    head = ("instance", "args", "attacks", "|grounded|", "argmap e2e", "argmap alg", "py_arg",
            "py_arg/alg")
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} CPUs; best of {args.repeat}; "
          f"py_arg cap {args.py_arg_cap:g}s up to {args.py_arg_max:,} attacks")
    if mismatches:
        print(f"{mismatches} grounded extension(s) differ from py_arg!")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
