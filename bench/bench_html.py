"""Benchmark: the interactive HTML page (argmap.page) in headless Chromium.

Run from the repository root::

    python bench/bench_html.py                       # example, flagship, generated 2,000
    python bench/bench_html.py --sizes 2000 5000 --repeat 5 --json bench.json

For each map it reports:

* ``size``: the page's bytes (the flagship must stay under 2 MB);
* ``build``: ``build_page`` wall time (evaluation, checks, explanations, Graphviz layout of the
  figure and the value figure, templating), best of ``--repeat``;
* ``layout``: the Graphviz part of it alone (``figure_svg``);
* ``ready``: time to interactive, from navigation start to the page script's ready marker
  (``window.argmapReady``, set once the data is parsed, the list drawn, the figure fitted and
  the handlers attached; it includes parsing the whole page), median of ``--repeat`` loads;
* ``init``: the page script's own share of ``ready``;
* ``fcp``: first contentful paint;
* ``search``: latency of one search step (filter + first chunk of the list + dimming the
  figure), synchronous part, median (and max) over queries typed one key at a time;
  ``search+frame`` adds the next frame (style, layout and paint of the result);
* ``select``: selecting a statement (details panel + neighbourhood highlight + zoom), with frame.

The generated maps are random trees of supports and attacks under a thesis, with cross-links
(tests/test_html.py ``generated_document``).  Chromium is Debian's ``/usr/bin/chromium``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from argmap import page as H  # noqa: E402
from argmap.loader import load  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERIES = ["sovereignty", "court", "state law", "crime jurisdiction", "T", "zzz-nothing", "the", "s1"]

MEASURE = """async (queries) => {
  const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  await frame();                      // the first paint may come after the ready marker
  await frame();
  const fcp = (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime;
  const out = {ready: window.argmapReady, init: window.argmapInit, fcp: fcp === undefined ? null : fcp,
               search: [], searchFrame: [], select: []};
  for (const q of queries) {          // typed one key at a time, as a reader does
    for (let k = 1; k <= q.length; k++) {
      let t = performance.now(); window.argmap.search(q.slice(0, k)); out.search.push(performance.now() - t);
      await frame(); out.searchFrame.push(performance.now() - t);
    }
    window.argmap.search('');
    await frame();
  }
  const ids = window.argmap.data.statements.map(s => s.id);
  for (const id of [window.argmap.data.thesis || ids[0], ids[Math.floor(ids.length / 2)], ids[ids.length - 1]]) {
    let t = performance.now(); window.argmap.select(id); await frame(); out.select.push(performance.now() - t);
  }
  out.statements = ids.length;
  return out;
}"""


def best(fn, repeat):
    times = []
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def maps(sizes, folder: Path):
    from test_html import generated_document

    yield "drowning-child (12)", ROOT / "graphs" / "drowning-child.yaml"
    yield "icc-thesis (446)", ROOT / "graphs" / "icc-thesis.yaml"
    for n in sizes:
        path = folder / f"generated-{n}.json"
        path.write_text(json.dumps(generated_document(n)), encoding="utf-8")
        yield f"generated ({n})", path


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000], help="generated map sizes")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        sys.exit(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    results = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for label, path in maps(args.sizes, Path(tmp)):
            amap = load(str(path))
            build_s, page = best(lambda: H.build_page(amap), args.repeat)
            layout_s, _ = best(lambda: H.figure_svg(amap), 1)
            target = Path(tmp) / (Path(path).stem + ".html")
            target.write_text(page, encoding="utf-8")
            runs = []
            for _ in range(args.repeat):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                pg = ctx.new_page()
                requests = []
                pg.on("request", lambda r: requests.append(r.url))
                pg.goto(target.as_uri())
                pg.wait_for_function("() => window.argmapReady !== undefined", timeout=60000)
                runs.append(pg.evaluate(MEASURE, QUERIES))
                assert len(requests) == 1, requests
                ctx.close()
            def med(key):
                values = [r[key] for r in runs if r[key] is not None]
                return statistics.median(values) if values else None
            medlist = lambda key: statistics.median(x for r in runs for x in r[key])  # noqa: E731
            row = {"map": label, "statements": runs[0]["statements"], "bytes": len(page.encode("utf-8")),
                   "build_s": round(build_s, 3), "layout_s": round(layout_s, 3),
                   "ready_ms": round(med("ready"), 1), "init_ms": round(med("init"), 1),
                   "fcp_ms": None if med("fcp") is None else round(med("fcp"), 1),
                   "search_ms": round(medlist("search"), 2), "search_max_ms": round(max(x for r in runs for x in r["search"]), 2),
                   "search_frame_ms": round(medlist("searchFrame"), 1),
                   "select_frame_ms": round(medlist("select"), 1)}
            results.append(row)
            print(f"{label:22} {row['bytes'] / 1e6:6.2f} MB  build {row['build_s']:6.2f} s "
                  f"(layout {row['layout_s']:5.2f})  ready {row['ready_ms']:7.1f} ms "
                  f"(init {row['init_ms']:6.1f}, fcp {'n/a' if row['fcp_ms'] is None else format(row['fcp_ms'], '6.1f')})  search {row['search_ms']:6.2f} ms "
                  f"(max {row['search_max_ms']:6.2f}, +frame {row['search_frame_ms']:6.1f})  "
                  f"select+frame {row['select_frame_ms']:6.1f} ms", flush=True)
        browser.close()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
