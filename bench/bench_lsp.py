"""Benchmark: `argmap lsp` diagnostics after an edit, as an editor sees them.

Run from the repository root::

    python bench/bench_lsp.py                 # the flagship (graphs/icc-thesis.yaml), 10 edits
    python bench/bench_lsp.py --map graphs/drowning-child.yaml --repeat 20

The server runs as a subprocess (``python -m argmap lsp``) and is driven over stdio by pygls's
LanguageClient, as an editor drives it.  One file of the map is opened (for the flagship, an
included part, so the whole map is loaded through its top file); then, ``--repeat`` times, one
statement's text is changed in the unsaved buffer and the time from sending the change to
receiving the new diagnostics of that file is measured.  That time includes the server's
debounce (``argmap.lsp.DEBOUNCE``), loading the whole map from the editor's texts, the checks
against the manuscript, and the JSON-RPC round trip.  Goal: at most 0.3 s on the flagship
(printed, not asserted).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

GOAL = 0.3


async def measure(path: Path, opened: Path, repeat: int) -> list[float]:
    from test_lsp import Editor

    editor = Editor()
    await editor.start(path.parent)
    try:
        text = opened.read_text(encoding="utf-8")
        editor.open(opened, text)
        await editor.wait_for(opened)
        import re
        plain = re.search(r"^ +text: (?:>-?\n +)?(?=[A-Za-z])", text, re.M)   # a plain or folded text
        at = plain.end()
        times = []
        for i in range(repeat):
            changed = text[:at] + f"Edit {i} " + text[at:]
            start = time.perf_counter()
            editor.change(opened, changed)
            await editor.wait_for(opened)
            times.append(time.perf_counter() - start)
        return times
    finally:
        await editor.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--map", default=str(ROOT / "graphs" / "icc-thesis.yaml"))
    ap.add_argument("--open", help="The map file to edit (default: its third YAML file, else the last).")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    path = Path(args.map).resolve()
    if args.open:
        opened = Path(args.open).resolve()
    else:
        from argmap.loader import load
        files = [f for f in load(str(path)).files if f.endswith((".yaml", ".yml", ".json"))]
        opened = Path(files[min(2, len(files) - 1)]).resolve()
    times = asyncio.run(measure(path, opened, args.repeat))
    median = statistics.median(times)
    print(f"map: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"edited: {opened.name}; {args.repeat} edits")
    print(f"diagnostics after a change: median {median:.3f} s, min {min(times):.3f} s, max {max(times):.3f} s "
          f"(goal {GOAL} s: {'met' if median <= GOAL else 'NOT met'})")


if __name__ == "__main__":
    main()
