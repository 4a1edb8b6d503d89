"""Benchmark: `argmap serve`, from saving a map file to the page updated in a real browser.

Run from the repository root::

    python bench/bench_serve.py                  # the example map and the flagship, 5 saves each
    python bench/bench_serve.py --repeat 10 --maps graphs/drowning-child.yaml

Each map is copied into a temporary folder (with its parts and BibTeX file; the manuscript its
``source.file`` names is pointed at where it is), served by a :class:`argmap.serve.LiveServer`
and opened in Debian's Chromium (Playwright).  Then, ``--repeat`` times, one statement's text is
changed and the file saved as editors do (a new file renamed over the old one); the time is
taken from just before the save to the moment the page, reloaded by itself, shows the new text
and is ready again.  It includes the change detection (watchfiles), loading and checking the
map, building the page (the figure's layout comes from the cache when its DOT did not change,
but a changed text changes the DOT), the server-sent event, and the browser loading the page.
Goals: at most 0.2 s on the example map, 0.5 s on the flagship (printed, not asserted).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
GOALS = {"drowning-child.yaml": 0.2, "icc-thesis.yaml": 0.5}


def copy_map(path: Path, into: Path) -> Path:
    """*path* and the files it is made of, copied into *into* at the same relative places."""
    from argmap.loader import load

    amap = load(str(path))
    for f in amap.files:
        rel = os.path.relpath(f, path.parent)
        (into / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, into / rel)
    target = into / path.name
    if amap.source_file:
        manuscript = (path.parent / amap.source_file).resolve()
        if manuscript.exists():
            text = target.read_text(encoding="utf-8")
            target.write_text(text.replace(f"file: {amap.source_file}", f"file: {manuscript}"), encoding="utf-8")
    return target


def edited_file(target: Path) -> Path:
    """The file to edit: the map's third YAML file (a part of the flagship), else the map."""
    from argmap.loader import load

    files = [f for f in load(str(target)).files if f.endswith((".yaml", ".yml"))]
    return Path(files[min(2, len(files) - 1)])


def measure(browser, target: Path, repeat: int) -> list[float]:
    from argmap.serve import LiveServer

    server = LiveServer(str(target)).start()
    try:
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.set_default_timeout(60000)
        page.goto(server.url)
        page.wait_for_function("() => window.argmapLive && window.argmapLive.connected")
        edited = edited_file(target)
        text = edited.read_text(encoding="utf-8")
        plain = re.search(r"^ +text: (?:>-?\n +)?(?=[A-Za-z])", text, re.M)
        times = []
        for i in range(repeat):
            marker = f"Edited{i}x{os.getpid()}"
            new = text[:plain.end()] + marker + " " + text[plain.end():]
            tmp = edited.with_name(edited.name + ".tmp~")
            tmp.write_text(new, encoding="utf-8")
            start = time.perf_counter()
            os.replace(tmp, edited)
            page.wait_for_function(f"""() => window.argmapReady !== undefined &&
                document.getElementById('argmap-data') &&
                document.getElementById('argmap-data').textContent.indexOf({marker!r}) >= 0""",
                                   polling=5)
            times.append(time.perf_counter() - start)
            time.sleep(0.3)
        return times
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--maps", nargs="*", default=[str(ROOT / "graphs" / "drowning-child.yaml"),
                                                   str(ROOT / "graphs" / "icc-thesis.yaml")])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for i, m in enumerate(args.maps):
            path = Path(m).resolve()
            folder = Path(tmp) / str(i)
            folder.mkdir()
            times = measure(browser, copy_map(path, folder), args.repeat)
            goal = GOALS.get(path.name)
            median = statistics.median(times)
            verdict = f" (goal {goal} s: {'met' if median <= goal else 'NOT met'})" if goal else ""
            print(f"{path.name}: save -> page updated: median {median:.3f} s, min {min(times):.3f} s, "
                  f"max {max(times):.3f} s over {len(times)} saves{verdict}")
        browser.close()


if __name__ == "__main__":
    main()
