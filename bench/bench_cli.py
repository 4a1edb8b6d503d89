"""Process wall time of everyday commands (median of --runs fresh processes).

    .venv/bin/python bench/bench_cli.py [--runs 10]

Goals on a 2-core machine: `argmap --help` at most 0.15 s; `argmap check` on the flagship map
(with its manuscript check) at most 0.5 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGMAP = os.path.join(os.path.dirname(sys.executable), "argmap")

COMMANDS = [
    ("argmap --help", [ARGMAP, "--help"], 0.15),
    ("argmap validate (flagship)", [ARGMAP, "validate", "graphs/icc-thesis.yaml"], None),
    ("argmap check (flagship + manuscript)", [ARGMAP, "check", "graphs/icc-thesis.yaml",
                                              "--fail-on", "never"], 0.5),
    ("argmap evaluate (flagship, grounded)", [ARGMAP, "evaluate", "graphs/icc-thesis.yaml"], None),
    ("argmap export --to json (flagship)", [ARGMAP, "export", "graphs/icc-thesis.yaml",
                                                     "--to", "json"], None),
]


def wall(cmd, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    print(f"{'command':44} {'median s':>9} {'best s':>8} {'goal':>6}")
    for name, cmd, goal in COMMANDS:
        med, best = wall(cmd, args.runs)
        verdict = "" if goal is None else ("ok" if med <= goal else "MISSED")
        print(f"{name:44} {med:9.3f} {best:8.3f} {'' if goal is None else goal:>6} {verdict}")


if __name__ == "__main__":
    main()
