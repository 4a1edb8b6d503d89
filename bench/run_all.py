"""Run every benchmark and print their tables, one after the other.

    .venv/bin/python bench/run_all.py            # the full set (about 15-25 minutes)
    .venv/bin/python bench/run_all.py --quick    # smaller sizes and fewer runs (a few minutes)

Benchmarks never assert timings: they print figures, and the goals next to them.  The py_arg
column needs `pip install python-argumentation` and the Argdown comparison `@argdown/cli`
(`bash .ci/bootstrap test` installs it into .cache/node); without them those columns say n/a.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(title, args):
    print(f"\n== {title} ==", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, args[0]), *args[1:]], check=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    q = ap.parse_args().quick
    run("start-up and everyday commands", ["bench_cli.py", "--runs", "5" if q else "10"])
    run("scale: load, check, evaluate, DOT, HTML by map size",
        ["bench_scale.py", "--sizes", "100,1000,10000" if q else "100,1000,10000,100000",
         "--repeat", "1" if q else "3"])
    run("grounded semantics against python-argumentation (py_arg)",
        ["bench_grounded.py"] + (["--sizes", "1000", "10000", "100000", "--py-arg-max", "1000"]
                                 if q else []))
    run("Argdown corpus against @argdown/cli", ["bench_argdown.py", "--runs", "3" if q else "5"])
    run("HTML page", ["bench_html.py"] + (["--repeat", "1"] if q else []))


if __name__ == "__main__":
    main()
