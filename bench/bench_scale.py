"""argmap at scale: synthetic maps of 1e2..1e5 statements.

    .venv/bin/python bench/bench_scale.py [--sizes 100,1000,10000,100000] [--repeat 3]

For each size: load + validate, check (all rules), evaluate (grounded, support-aware), export to
DOT (no layout) and build the HTML page (up to 1e4; it includes a Graphviz layout). Each step runs
in a fresh process, so the time (median of --repeat runs, wall clock, inside the process) and the
peak memory (max RSS of that process) are its own.  The growth ratio is the time at this size over
the time at the previous size (10x the statements).  Maps are loaded as the CLI loads them (the
loaded map moved out of the cyclic collector's way, see ``argmap._gc.settled``).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

STEP = r'''
import json, resource, sys, time
path, step = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
import argmap
from argmap._gc import settled
with settled():   # as each CLI command loads its map
    amap = argmap.load(path)
t1 = time.perf_counter()
if step == "load":
    pass
elif step == "check":
    from argmap.checks import run_checks
    run_checks(amap)
elif step == "evaluate":
    from argmap.evaluation import evaluate
    evaluate(amap)
elif step == "dot":
    from argmap.figure import RenderOptions, to_dot
    to_dot(amap, RenderOptions())
elif step == "html":
    from argmap.page import build_page
    build_page(amap)
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load": t1 - t0, "step": t2 - t1, "total": t2 - t0, "rss_mb": rss}))
'''


def run_step(path, step):
    out = subprocess.run([sys.executable, "-c", STEP, path, step], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    from generate import generate

    sizes = [int(s) for s in args.sizes.split(",")]
    steps = ["load", "check", "evaluate", "dot", "html"]
    rows = []
    tmp = tempfile.mkdtemp(prefix="argmap-bench-")
    for n in sizes:
        path = os.path.join(tmp, f"map{n}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(generate(n))
        for step in steps:
            if step == "html" and n > 10_000:
                continue
            runs = [run_step(path, step) for _ in range(args.repeat)]
            key = "load" if step == "load" else "step"
            rows.append({"size": n, "step": step,
                         "seconds": statistics.median(r[key] for r in runs),
                         "with_load": statistics.median(r["total"] for r in runs),
                         "rss_mb": max(r["rss_mb"] for r in runs)})
            print(f"{n:>7} {step:9} {rows[-1]['seconds']:8.3f} s  (with load {rows[-1]['with_load']:7.3f} s)"
                  f"  peak {rows[-1]['rss_mb']:7.1f} MB", file=sys.stderr)
    print(f"\n{'statements':>10} {'step':9} {'seconds':>9} {'+load':>9} {'peak MB':>8} {'growth':>7}")
    prev = {}
    for r in rows:
        growth = ""
        if r["step"] in prev and prev[r["step"]] > 0:
            growth = f"{r['seconds'] / prev[r['step']]:.1f}x"
        prev[r["step"]] = r["seconds"]
        print(f"{r['size']:>10} {r['step']:9} {r['seconds']:9.3f} {r['with_load']:9.3f} {r['rss_mb']:8.1f} {growth:>7}")
    goals = process_goals([n for n in sizes if n >= 10_000], tmp, args.repeat)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"steps": rows, "check_process": goals}, fh, indent=1)


ARGMAP = os.path.join(os.path.dirname(sys.executable), "argmap")


def run_process(cmd):
    """Wall time and peak RSS (MB) of one process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed")
    return wall, usage.ru_maxrss / 1024


def process_goals(sizes, tmp, repeat):
    """The goal as a user meets it: the whole `argmap check` process (start, load, validate, all
    rules, print the findings) on maps of 1e4 and 1e5 statements: at most 10 s and 1 GB at
    1e5, and 10x the statements at most 12x the time."""
    if not sizes:
        return []
    print(f"\nwhole process: argmap check MAP --fail-on never (median of {repeat})")
    print(f"{'statements':>10} {'wall s':>8} {'peak MB':>8} {'growth':>7}  goal")
    out, prev = [], None
    for n in sizes:
        path = os.path.join(tmp, f"map{n}.yaml")
        runs = [run_process([ARGMAP, "check", path, "--fail-on", "never"]) for _ in range(repeat)]
        wall = statistics.median(w for w, _ in runs)
        rss = max(r for _, r in runs)
        growth = wall / prev if prev else None
        verdict = ""
        if n == 100_000:
            verdict = ("ok" if wall <= 10 and rss <= 1024 else "MISSED") + " (10 s, 1024 MB)"
        if growth is not None:
            verdict += ("; " if verdict else "") + ("ok" if growth <= 12 else "MISSED") + " (growth 12x)"
        print(f"{n:>10} {wall:8.2f} {rss:8.0f} {'' if growth is None else f'{growth:.1f}x':>7}  {verdict}")
        out.append({"size": n, "wall": wall, "rss_mb": rss, "growth": growth})
        prev = wall
    return out


if __name__ == "__main__":
    main()
