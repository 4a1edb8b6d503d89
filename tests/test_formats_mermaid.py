"""Mermaid: shapes by kind, escaped labels, edge styles, determinism; when Mermaid itself is
installed (node + the npm packages mermaid and jsdom), every generated chart parses."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given

import argmap
from argmap import model as M
from argmap.formats.mermaid import escape_label, write_mermaid

from conftest import GRAPHS
from test_formats_common import maps


def small():
    return M.ArgumentMap(
        title='A "quoted" <title>',
        statements=(M.Statement("T", "thesis", 'Say "no" to <cars> & #1 `now`\nplease'),
                    M.Statement("end", "premise", "[brackets] {braces} (parens) | pipes; semicolons %% x"),
                    M.Statement("O.1", "objection", "An objection."),
                    M.Statement("R", "rebuttal", "A rebuttal."),
                    M.Statement("E", "evidence", "Evidence."),
                    M.Statement("A", "assumption", "Assumed."),
                    M.Statement("D", "definition", "Defined."),
                    M.Statement("C", "claim", "A claim.")),
        inferences=(M.Inference("I1", ("end", "E"), "T", scheme="modus ponens"),),
        relations=(M.Relation("O.1", "attacks", "T"), M.Relation("R", "attacks", "O.1"),
                   M.Relation("A", "undercuts", "I1"), M.Relation("C", "contradicts", "O.1"),
                   M.Relation("D", "supports", "C")))


def test_shapes_edges_and_escapes():
    out = write_mermaid(small())
    lines = out.splitlines()
    assert lines[:4] == ["---", 'title: "A \\"quoted\\" <title>"', "---", "flowchart BT"]
    assert '    s0{{"T: Say #quot;no#quot; to #lt;cars#gt; #amp; #35;1 #96;now#96;<br>please"}}:::thesis' in lines
    assert '    s1("end: [brackets] {braces} (parens) | pipes;<br>semicolons %% x"):::premise' in lines
    assert any(l.startswith('    s2>"O.1: ') for l in lines)
    for shape in ('s3[/"', 's4[("', 's5(["', 's6[["', 's7["', 'i0(("modus ponens"))'):
        assert any(l.startswith("    " + shape) for l in lines), shape
    assert "    s1 --> i0" in lines and "    i0 --> s0" in lines
    assert "    s2 -.->|attacks| s0" in lines and "    s5 -.->|undercuts| i0" in lines
    assert "    s7 -.-|contradicts| s2" in lines and "    s6 --> s7" in lines
    assert re.search(r"^    linkStyle 3,4,5,6 stroke:#b91c1c", out, re.M)
    labels = re.findall(r'"(.*?)"', "\n".join(l for l in lines[4:] if not l.strip().startswith("classDef")))
    for label in labels:
        assert not re.search(r'[<>]', label.replace("<br>", "")), label


def test_escape_label():
    assert escape_label('a"b#c<d>e&f`g\nh') == "a#quot;b#35;c#lt;d#gt;e#amp;f#96;g<br>h"
    assert escape_label("#quot;") == "#35;quot;"


def test_deterministic_and_large_maps_say_so():
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    out = write_mermaid(amap)
    assert out == write_mermaid(argmap.load(str(GRAPHS / "icc-thesis.yaml")))
    edges = sum(1 for l in out.splitlines() if re.match(r"    \w+ (-->|-\.->|-\.-)", l))
    if edges > 500:
        assert "%% " + str(edges) + " edges" in out


# -- Mermaid itself ---------------------------------------------------------------------------

PARSE = r"""
import { createRequire } from "module";
import { pathToFileURL } from "url";
import fs from "fs";
const require = createRequire(process.env.MERMAID_REF + "/package.json");
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
globalThis.DOMParser = dom.window.DOMParser; globalThis.Element = dom.window.Element;
globalThis.HTMLElement = dom.window.HTMLElement;
const mermaid = (await import(pathToFileURL(require.resolve("mermaid")).href)).default;
mermaid.initialize({ startOnLoad: false });
const bad = [];
for (const f of process.argv.slice(2)) {
  try { await mermaid.parse(fs.readFileSync(f, "utf8")); }
  catch (e) { bad.push(f + ": " + String(e.message || e).slice(0, 400)); }
}
console.log(JSON.stringify(bad));
"""


def mermaid_ref():
    node = shutil.which("node")
    cache = Path(__file__).resolve().parents[1] / ".cache" / "node"
    for base in (os.environ.get("MERMAID_REF"), str(cache)):
        if node and base and (Path(base) / "node_modules" / "mermaid").is_dir() and \
                (Path(base) / "node_modules" / "jsdom").is_dir():
            return node, base
    pytest.skip("Mermaid is not installed: `bash .ci/bootstrap test` installs mermaid and jsdom "
                "into .cache/node (or set MERMAID_REF) to parse the charts with Mermaid")


def test_mermaid_parses_the_charts(tmp_path):
    import json
    from hypothesis import HealthCheck, settings

    node, base = mermaid_ref()
    samples = [small(), argmap.load(str(GRAPHS / "drowning-child.yaml"))]

    @settings(max_examples=40, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(maps())
    def collect(amap):
        samples.append(amap)

    collect()
    files = []
    for n, amap in enumerate(samples):
        path = tmp_path / f"chart{n:02d}.mmd"
        path.write_text(write_mermaid(amap), encoding="utf-8")
        files.append(str(path))
    script = tmp_path / "parse.mjs"
    script.write_text(PARSE, encoding="utf-8")
    proc = subprocess.run([node, str(script), *files], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "MERMAID_REF": base})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
