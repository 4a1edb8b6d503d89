"""Benchmark: argmap and @argdown/cli side by side on the Argdown corpus.

For every classic Argdown file in ../shared/corpora/argdown, both tools import the file and
export a DOT graph, each in a fresh process (so start-up is included: this is the wall time a
user waits for):

* argmap:  ``python -c "read_argdown(...); render.to_dot(...)"`` (``argmap.render.to_dot`` when
  it exists, else the node-link JSON export ``argmap export --to json`` stands in);
* Argdown: ``argdown map FILE OUTDIR`` (@argdown/cli 1.x, its DOT export).

The median of ``--runs`` runs (default 5) is reported per file, with the ratio Argdown / argmap
(above 1: argmap is faster).  A second argmap column gives the in-process time of the import
alone (median of the same number of runs), to separate parsing from interpreter start-up.

Usage:  python bench/bench_argdown.py [--runs N] [--argdown PATH-TO-argdown] [--corpus DIR]
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

ARGMAP_DOT = """\
import sys
from argmap.formats.argdown import read_argdown
path = sys.argv[1]
with open(path, encoding="utf-8") as fh:
    amap = read_argdown(fh.read(), path)
try:
    from argmap.render import to_dot
except ImportError:
    from argmap.formats.nodelink import write_json as to_dot
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    fh.write(to_dot(amap))
"""


def find_argdown() -> str | None:
    candidates = [os.environ.get("ARGDOWN_CLI"), shutil.which("argdown")]
    for base in (os.environ.get("ARGDOWN_REF"), str(ROOT / ".cache" / "node")):
        if base:
            candidates.append(os.path.join(base, "node_modules", ".bin", "argdown"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def wall(cmd: list[str], runs: int) -> tuple[float, str]:
    times = []
    err = ""
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            err = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]
            err = err[0]
    return statistics.median(times), err


def in_process(path: Path, runs: int) -> float:
    sys.path.insert(0, str(ROOT))
    from argmap.formats.argdown import read_argdown

    text = path.read_text(encoding="utf-8")
    read_argdown(text, str(path))            # warm caches and imports once
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        read_argdown(text, str(path))
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--argdown", help="the argdown executable of @argdown/cli 1.x")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus {args.corpus} is absent (it lives beside the checkout in ../shared)", file=sys.stderr)
        return 2
    argdown = args.argdown or find_argdown()
    if argdown is None:
        print("@argdown/cli is not installed: bash .ci/bootstrap test installs it into .cache/node",
              file=sys.stderr)
        return 2
    files = sorted(p for p in args.corpus.glob("*.argdown") if p.name not in PLUS)
    python = sys.executable
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "argmap_dot.py"
        script.write_text(ARGMAP_DOT, encoding="utf-8")
        env_note = "argmap.render.to_dot"
        sys.path.insert(0, str(ROOT))
        import importlib.util
        spec = importlib.util.find_spec("argmap.render")
        if spec is None or "def to_dot" not in Path(spec.origin).read_text(encoding="utf-8"):
            env_note = "node-link JSON (no argmap.render.to_dot)"
        for path in files:
            out = Path(tmp) / (path.stem + ".dot")
            ours, err1 = wall([python, str(script), str(path), str(out)], args.runs)
            theirs, err2 = wall([argdown, "map", str(path), str(Path(tmp) / "argdown")], args.runs)
            parse = in_process(path, args.runs)
            rows.append((path.name, path.stat().st_size, ours, theirs, parse, err1 or err2))
    name_w = max(len(r[0]) for r in rows)
    print(f"argmap: import + {env_note}; Argdown: `argdown map` (DOT); median of {args.runs} runs, "
          "wall time per process")
    print(f"{'file':<{name_w}}  {'bytes':>7}  {'argmap s':>9}  {'argdown s':>9}  {'ratio':>6}  "
          f"{'argmap import ms':>16}")
    for name, size, ours, theirs, parse, err in rows:
        print(f"{name:<{name_w}}  {size:>7}  {ours:>9.3f}  {theirs:>9.3f}  {theirs / ours:>6.2f}  "
              f"{parse * 1000:>16.1f}" + (f"  ERROR: {err}" if err else ""))
    total_ours = sum(r[2] for r in rows)
    total_theirs = sum(r[3] for r in rows)
    print(f"{'total':<{name_w}}  {sum(r[1] for r in rows):>7}  {total_ours:>9.3f}  {total_theirs:>9.3f}  "
          f"{total_theirs / total_ours:>6.2f}  {sum(r[4] for r in rows) * 1000:>16.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
