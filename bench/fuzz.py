"""A long fuzzing session over every reader (the strategies of tests/test_fuzz.py).

    .venv/bin/python bench/fuzz.py                      # 25 minutes in all
    .venv/bin/python bench/fuzz.py --minutes 5 --kinds graphml json
    .venv/bin/python bench/fuzz.py --jobs 2              # two readers at a time

Every reader (argmap maps in YAML and JSON, BibTeX through a map, Argdown, AIF, Kialo, GraphML,
node-link JSON, ICCMA af/apx/tgf) gets an equal share of the time, split between its strategies:
near-valid documents (character and line mutations of valid files), tree mutations (JSON, YAML
and GraphML documents changed as trees) and arbitrary bytes.  Hypothesis runs in chunks with
fresh seeds until the time is spent; a failure is shrunk, printed with its falsifying example
and counted, and the session goes on.  The contract checked is ``run_reader`` of
tests/test_fuzz.py: only ``argmap.errors.ArgmapError`` may escape a reader, every diagnostic is
one located line, a map that was read can be written as YAML.

The same strategies run briefly in the test suite; ``HYPOTHESIS_PROFILE=fuzz`` there runs
them with ``FUZZ_EXAMPLES`` examples each instead.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def fuzz_kind(kind: str, seconds: float, chunk: int) -> dict:
    from hypothesis import HealthCheck, Phase, given, settings

    import test_fuzz as T

    strategies = [("near-valid", T.near_valid(kind)), ("arbitrary", T.arbitrary)]
    if kind in T.STRUCTURED:
        strategies.insert(1, ("tree", T.tree_mutated(kind)))
    report = {"kind": kind, "examples": 0, "failures": [], "seconds": 0.0}
    start = time.perf_counter()
    for name, strategy in strategies:
        until = time.perf_counter() + seconds / len(strategies)
        count = [0]

        @settings(max_examples=chunk, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink],
                  print_blob=True)
        @given(strategy)
        def one(data):
            count[0] += 1
            T.run_reader(kind, data)

        while time.perf_counter() < until:
            try:
                one()
            except Exception as exc:  # noqa: BLE001 - report and go on
                text = "".join(traceback.format_exception(exc))[-4000:]
                report["failures"].append(f"[{kind} / {name}] {type(exc).__name__}: {exc}\n{text}")
                print(report["failures"][-1], flush=True)
        report["examples"] += count[0]
        print(f"  {kind:9} {name:10} {count[0]:8} examples", flush=True)
    report["seconds"] = time.perf_counter() - start
    return report


def main(argv=None) -> int:
    import test_fuzz as T

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=25.0, help="total time (default 25)")
    ap.add_argument("--kinds", nargs="*", default=T.KINDS, choices=T.KINDS, help="readers to fuzz")
    ap.add_argument("--jobs", type=int, default=1, help="readers fuzzed at the same time")
    ap.add_argument("--chunk", type=int, default=500, help="examples per Hypothesis run")
    args = ap.parse_args(argv)
    per_kind = args.minutes * 60 * max(1, args.jobs) / len(args.kinds)
    print(f"fuzzing {len(args.kinds)} readers, {per_kind:.0f} s each, {args.jobs} at a time", flush=True)
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            reports = list(pool.map(fuzz_kind, args.kinds, [per_kind] * len(args.kinds),
                                    [args.chunk] * len(args.kinds)))
    else:
        reports = [fuzz_kind(k, per_kind, args.chunk) for k in args.kinds]
    print("\nreader     examples   seconds  failures")
    for r in reports:
        print(f"{r['kind']:9} {r['examples']:9} {r['seconds']:9.0f} {len(r['failures']):9}")
    total = sum(r["examples"] for r in reports)
    failures = sum(len(r["failures"]) for r in reports)
    print(f"{'all':9} {total:9} {sum(r['seconds'] for r in reports):9.0f} {failures:9}")
    return 1 if failures else 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
