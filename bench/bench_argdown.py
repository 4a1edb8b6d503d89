"""Benchmark: argmap and @argdown/cli side by side on the Argdown corpus, command for command.

For every classic Argdown file in ../shared/corpora/argdown, both tools run the commands they
both have, each run a fresh process (start-up included: the wall time a user waits for):

    command   argmap                                   @argdown/cli 1.x
    dot       argmap render FILE -f dot -o OUT         argdown map FILE DIR --format dot
    graphml   argmap export FILE --to graphml -o OUT   argdown map FILE DIR --format graphml
    json      argmap export FILE --to json -o OUT      argdown json FILE DIR
    svg       argmap render FILE -f svg -o OUT         argdown map FILE DIR --format svg
    html      argmap html FILE -o OUT                  argdown html FILE DIR

(`svg` lays the graph out in both: Graphviz for argmap, viz.js for Argdown.  `html` is not the
same product: Argdown's is the source as a document, argmap's an interactive page with a laid-out
figure, evaluation and checks; it is listed because both tools have the command.)

Each command runs once to warm up, then --runs times; the median per file is kept and the
per-command total is the sum over the files, with the ratio Argdown / argmap (above 1: argmap
is faster; the goal is 3).  argmap runs as an installed package runs, with Python's bytecode
cache (pip writes it at install time; here it goes to a temporary folder through
PYTHONPYCACHEPREFIX, so the checkout stays clean).  The last column gives argmap without any
bytecode cache (PYTHONDONTWRITEBYTECODE=1: every start compiles argmap's modules again).

Usage:  python bench/bench_argdown.py [--runs N] [--argdown PATH-TO-argdown] [--corpus DIR]
        [--commands dot,json] [--detail]
@argdown/cli is found like the tests find it ($ARGDOWN_CLI, ``argdown`` on PATH,
node_modules/.bin/argdown under $ARGDOWN_REF or .cache/node, where `bash .ci/bootstrap test` puts it).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "argdown"
PLUS = ("argdown__argdown-plus-primer.argdown", "argdown__micro-argdown-plus-primer.argdown")
ARGMAP = os.path.join(os.path.dirname(sys.executable), "argmap")

COMMANDS = {
    "dot": (lambda f, o: [ARGMAP, "render", f, "-f", "dot", "-o", o + ".dot"],
            lambda ad, f, d: [ad, "map", f, d, "--format", "dot"]),
    "graphml": (lambda f, o: [ARGMAP, "export", f, "--to", "graphml", "-o", o + ".graphml"],
                lambda ad, f, d: [ad, "map", f, d, "--format", "graphml"]),
    "json": (lambda f, o: [ARGMAP, "export", f, "--to", "json", "-o", o + ".json"],
             lambda ad, f, d: [ad, "json", f, d]),
    "svg": (lambda f, o: [ARGMAP, "render", f, "-f", "svg", "-o", o + ".svg"],
            lambda ad, f, d: [ad, "map", f, d, "--format", "svg"]),
    "html": (lambda f, o: [ARGMAP, "html", f, "-o", o + ".html"],
             lambda ad, f, d: [ad, "html", f, d]),
}


def find_argdown() -> str | None:
    candidates = [os.environ.get("ARGDOWN_CLI"), shutil.which("argdown")]
    for base in (os.environ.get("ARGDOWN_REF"), str(ROOT / ".cache" / "node")):
        if base:
            candidates.append(os.path.join(base, "node_modules", ".bin", "argdown"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def wall(cmd: list[str], runs: int, env=None) -> tuple[float, str]:
    """Median wall time of *runs* fresh processes (after one warm-up run), and an error line."""
    times = []
    err = ""
    for i in range(runs + 1):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if i:
            times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            err = ((proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"])[0]
    return statistics.median(times), err


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--argdown", help="the argdown executable of @argdown/cli 1.x")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--commands", default=",".join(COMMANDS))
    ap.add_argument("--detail", action="store_true", help="also print every file's times")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus {args.corpus} is absent (it lives beside the checkout in ../shared)", file=sys.stderr)
        return 2
    argdown = args.argdown or find_argdown()
    if argdown is None:
        print("@argdown/cli is not installed: bash .ci/bootstrap test installs it into .cache/node",
              file=sys.stderr)
        return 2
    commands = [c for c in args.commands.split(",") if c]
    unknown = [c for c in commands if c not in COMMANDS]
    if unknown:
        print(f"unknown command(s) {', '.join(unknown)}; commands: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.corpus.glob("*.argdown") if p.name not in PLUS)
    totals = []
    with tempfile.TemporaryDirectory() as tmp:
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
        uncached = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        for name in commands:
            ours_cmd, theirs_cmd = COMMANDS[name]
            rows = []
            for path in files:
                out = os.path.join(tmp, path.stem)
                ours, err1 = wall(ours_cmd(str(path), out), args.runs, cached)
                cold, _ = wall(ours_cmd(str(path), out), max(1, args.runs // 2), uncached)
                theirs, err2 = wall(theirs_cmd(argdown, str(path), os.path.join(tmp, "argdown")), args.runs)
                rows.append((path.name, ours, theirs, cold, err1 or err2))
            if args.detail:
                w = max(len(r[0]) for r in rows)
                print(f"\n{name}: {'file':<{w}}  {'argmap s':>9}  {'argdown s':>9}  {'ratio':>6}")
                for fname, ours, theirs, _, err in rows:
                    print(f"{'':{len(name) + 2}}{fname:<{w}}  {ours:>9.3f}  {theirs:>9.3f}  {theirs / ours:>6.2f}"
                          + (f"  ERROR: {err}" if err else ""))
            errors = sorted({r[4] for r in rows if r[4]})
            totals.append((name, sum(r[1] for r in rows), sum(r[2] for r in rows),
                           sum(r[3] for r in rows), min(r[2] / r[1] for r in rows), errors))
    print(f"\n{len(files)} Argdown files; per command the sum over the files of the median of "
          f"{args.runs} runs (wall time per process)")
    print(f"{'command':8} {'argmap s':>9} {'argdown s':>10} {'ratio':>6} {'worst file':>10} "
          f"{'argmap, no bytecode cache':>26}  goal 3x")
    for name, ours, theirs, cold, worst, errors in totals:
        verdict = "ok" if theirs / ours >= 3 else "MISSED"
        print(f"{name:8} {ours:9.3f} {theirs:10.3f} {theirs / ours:6.2f} {worst:10.2f} "
              f"{cold:20.3f} ({theirs / cold:.2f}x)  {verdict}"
              + (f"  ERRORS: {'; '.join(errors)}" if errors else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
