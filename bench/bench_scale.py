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
    from argmap.evaluate import evaluate
    evaluate(amap)
elif step == "dot":
    from argmap.render import RenderOptions, to_dot
    to_dot(amap, RenderOptions())
elif step == "html":
    from argmap.html import build_page
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
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(rows, fh, indent=1)


if __name__ == "__main__":
    main()
