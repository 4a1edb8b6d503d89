"""The interactive HTML page, without a browser: escaping, JSON, CSP, determinism, templates,
outline and tour, and the ``argmap html`` command.  (tests/test_html_browser.py drives the page
in Chromium.)"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import random
import re
from pathlib import Path

import pytest

from conftest import GRAPHS

EXAMPLE = GRAPHS / "drowning-child.yaml"
FLAGSHIP = GRAPHS / "icc-thesis.yaml"

# Texts that would run, break out or be evaluated if anything were not escaped where it lands.
INJECTIONS = [
    "<script>alert(1)</script>",
    '"]; evil [',
    "</script><script>window.pwned=1</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "quotes \" and ' and `backticks`",
    "back\\slash \\u003c \\n \\\" end",
    "&amp; &lt; &#60; ampersands",
    "line\u2028separator\u2029para",
    "<!-- comment --> <![CDATA[ x ]]>",
    "<svg onload=\"window.pwned=2\">",
    "${7*7} #{7*7} {% raw %}",
    "]]> </style><style>body{display:none}</style>",
    "</SCRIPT ><script >window.pwned=3</script >",
]
INJECTED_TITLE = "</title><script>window.pwned=4</script> & {{ 7*7 }}"


def injection_document() -> dict:
    """A map whose every text (statements, title, sections, references, values, notes, tags,
    schemes, contexts) is an injection attempt."""
    sts = [{"id": "T", "kind": "thesis", "text": INJECTIONS[0], "section": "1", "note": INJECTIONS[2],
            "tags": [INJECTIONS[3], INJECTIONS[4]], "cites": [{"ref": "r1", "pages": INJECTIONS[1]}],
            "promotes": ["v1"]}]
    for i, text in enumerate(INJECTIONS[1:], 1):
        rel = "attacks" if i % 3 == 0 else "supports"
        sts.append({"id": f"S{i}", "kind": "objection" if rel == "attacks" else "premise",
                    "text": text, "section": "1", rel: ["T"]})
    return {
        "argmap": 1, "title": INJECTED_TITLE, "thesis": "T",
        "source": {"name": "<b>source</b> <script>window.pwned=5</script>"},
        "sections": [{"id": "1", "title": "<i>sec</i></script><script>window.pwned=6</script>"}],
        "references": {"r1": {"author": INJECTIONS[3], "title": INJECTIONS[2], "year": "2020",
                              "url": "javascript:window.pwned=7"}},
        "statements": sts,
        "inferences": [{"id": "I1", "premises": ["S1", "S2"], "conclusion": "T", "scheme": INJECTIONS[2]}],
        "relations": [{"from": "S4", "kind": "contradicts", "to": "S5", "note": INJECTIONS[0]},
                      {"from": "S7", "kind": "supports", "to": "S1",
                       "note": '<x>, URL="javascript:window.pwned=8", y=<z>'}],
        "values": [{"id": "v1", "name": INJECTIONS[2], "class": "purpose", "note": INJECTIONS[3]},
                   {"id": "v2", "name": INJECTIONS[4], "class": "instrumental"}],
        "value-relations": [{"from": "v1", "kind": "ranks-above", "to": "v2", "context": INJECTIONS[0]}],
        "value-system": {"position": INJECTIONS[2], "basis": INJECTIONS[3]},
    }


def write_injection_map(folder) -> Path:
    path = folder / "injection.json"
    path.write_text(json.dumps(injection_document(), ensure_ascii=False), encoding="utf-8")
    return path


def generated_document(n: int, seed: int = 7) -> dict:
    """A random argument of *n* statements: a tree of supports and attacks under a thesis, ten
    chapters, some cross-links and contradictions (used by the 2,000-statement tests and bench)."""
    rng = random.Random(seed)
    words = ("state court sovereignty law crime duty treaty power justice order value person rule "
             "consent jurisdiction prosecution individual responsibility immunity cooperation").split()
    sections = [{"id": str(c), "title": f"Chapter {c}"} for c in range(1, 11)]
    sts = [{"id": "T", "kind": "thesis", "section": "1",
            "text": "Generated thesis: " + " ".join(rng.choice(words) for _ in range(14)) + "."}]
    for i in range(1, n):
        parent = sts[rng.randrange(0, i)]
        r = rng.random()
        kind = "objection" if r < 0.14 else "rebuttal" if r < 0.2 else rng.choice(["claim", "premise", "evidence"])
        s = {"id": f"s{i}", "kind": kind, "section": str(1 + i * 10 // n),
             "text": " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))) + "."}
        s["attacks" if kind in ("objection", "rebuttal") else "supports"] = [parent["id"]]
        sts.append(s)
    for _ in range(n // 20):   # cross-links
        a, b = rng.sample(range(1, n), 2)
        if a > b and "supports" in sts[a]:
            sts[a]["supports"].append(sts[b]["id"])
    return {"argmap": 1, "title": f"A generated map of {n} statements", "thesis": "T",
            "sections": sections, "statements": sts}


def load(path):
    from argmap.loader import load as load_map

    return load_map(str(path))


@pytest.fixture(scope="module")
def example_page():
    from argmap.page import build_page

    return build_page(load(EXAMPLE))


@pytest.fixture(scope="module")
def injection(tmp_path_factory):
    from argmap.page import build_page

    folder = tmp_path_factory.mktemp("injection")
    amap = load(write_injection_map(folder))
    return amap, build_page(amap)


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


def inline_scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def csp_of(page: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert m, "no Content-Security-Policy meta element"
    return html.unescape(m.group(1))


def start_tags(page: str) -> list[tuple[str, list]]:
    """Every start tag as the HTML parser sees it (tag name, attributes)."""
    from html.parser import HTMLParser

    out = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            out.append((tag, attrs))

        handle_startendtag = handle_starttag

    Collect().feed(page)
    return out


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# -- the page's structure ---------------------------------------------------------------------
def test_page_is_self_contained(example_page):
    page = example_page
    assert page.startswith("<!doctype html>")
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    # no remote load of any kind: no src=, no stylesheet links, no http(s) URL but reference links
    assert not re.search(r"\ssrc\s*=", page)
    assert "<link" not in page
    assert not re.search(r"@import|url\(", page)
    assert '<svg id="am-figure"' in page and '<svg id="am-values-figure"' in page
    assert len(inline_scripts(page)) == 1


def test_embedded_data(example_page):
    amap = load(EXAMPLE)
    data = embedded_data(example_page)
    assert [s["id"] for s in data["statements"]] == [s.id for s in amap.statements]
    p1 = next(s for s in data["statements"] if s["id"] == "P1")
    assert p1["kind"] == "premise" and p1["section"] == "1" and p1["cites"] == [{"ref": "singer1972", "pages": "231"}]
    assert data["references"]["singer1972"]["short"].startswith("Peter Singer")
    assert data["thesis"] == "T"
    assert ["E1", "supports", "P2"] in data["relations"]
    assert data["inferences"][0]["premises"] == ["P1", "P2", "P3"]
    assert [s["id"] for s in data["sections"]] == ["1", "2", "3"]
    assert {v["id"] for v in data["values"]} == {"welfare", "partiality"}
    ev = data["evaluation"]
    assert set(ev["labels"]) == set(ev["verdicts"]) == set(ev["explanations"]) == {s.id for s in amap.statements}
    assert ev["explanations"]["T"][0].startswith("T is ")
    findings = data["findings"]
    assert findings and all({"severity", "code", "message", "where"} <= set(f) for f in findings)
    assert any(f.get("statement") == "O3" and f["code"] == "unanswered-objection" for f in findings)
    # the figure's edges, read from the SVG, name real ends
    names = {s.id for s in amap.statements} | {i.id for i in amap.inferences}
    assert data["edges"] and all(e[1] in names and e[2] in names for e in data["edges"])


def test_figure_ids_match_the_data(example_page):
    ids = set(re.findall(r'<g id="n&#45;([^"]+)" class="node st', example_page))
    assert ids == {s.id for s in load(EXAMPLE).statements}
    assert 'id="v&#45;welfare"' in example_page


def test_content_security_policy_hashes_the_inline_script(example_page):
    csp = csp_of(example_page)
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "http" not in csp
    (script,) = inline_scripts(example_page)
    assert f"script-src {sha(script)};" in csp
    for style in re.findall(r"<style>(.*?)</style>", example_page, re.S):
        assert sha(style) in csp
    # the meta element comes before any script or style
    assert example_page.index("Content-Security-Policy") < example_page.index("<style>")


def test_page_has_accessible_structure(example_page):
    page = example_page
    assert '<html lang="en">' in page
    assert 'role="tablist"' in page and page.count('role="tab"') == 5 and page.count('role="tabpanel"') == 5
    assert "@media print" in page and ":focus-visible" in page
    assert 'role="search"' in page


# -- escaping ------------------------------------------------------------------------------------
def test_json_for_script_escapes_what_could_close_the_element():
    from argmap.page import json_for_script

    data = {"t": "</script><!-- & \u2028\u2029 > <", "k": ["\\", '"']}
    text = json_for_script(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == data


def test_autoescape_everywhere(injection):
    amap, page = injection
    # only the page's own two script elements
    assert len(re.findall(r"<script", page, re.I)) == 2
    assert "pwned" not in "".join(inline_scripts(page))
    tags = start_tags(page)
    assert not [t for t, attrs in tags if any(name.startswith("on") for name, _ in attrs)]
    names = {t for t, _ in tags}
    assert not names & {"img", "iframe", "object", "embed", "foreignobject", "link", "base", "form"}
    assert sum(t == "svg" for t, _ in tags) == 2                        # the figure and the values
    assert sum(t == "title" for t, _ in tags) == 1
    assert 'href="javascript:' not in page and "xlink:href" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/title&gt;&lt;script&gt;window.pwned=4" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page                # no template evaluation
    assert page.count("</style>") == 2                                # ours only
    assert page.count("</title>") == 1


def test_injected_texts_survive_in_the_data(injection):
    amap, page = injection
    data = embedded_data(page)
    texts = {s["id"]: s["text"] for s in data["statements"]}
    assert [texts[s.id] for s in amap.statements] == [s.text for s in amap.statements]
    assert data["title"] == INJECTED_TITLE
    assert data["references"]["r1"]["url"] == "javascript:window.pwned=7"   # data, never an href
    assert data["inferences"][0]["scheme"] == INJECTIONS[2]
    raw = re.search(r'id="argmap-data">(.*?)</script>', page, re.S).group(1)
    assert "</" not in raw and "\u2028" not in raw


def test_relation_notes_cannot_inject_into_the_figure(injection):
    # render.to_dot passes relation notes to pydot as tooltips; the page keeps them out of DOT
    amap, page = injection
    assert "pwned=8" not in re.search(r'<svg id="am-figure".*?</svg>', page, re.S).group(0)
    assert any(r[-1] == '<x>, URL="javascript:window.pwned=8", y=<z>' for r in embedded_data(page)["relations"])


def test_unsafe_svg_is_refused():
    from argmap.errors import RenderError
    from argmap.page import inline_svg

    ok = inline_svg('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg width="1pt" height="2pt" viewBox="0 0 1 2">'
                    '<g id="a_n&#45;x"><a xlink:title="tip">\n<text font-family="X">a</text>\n</a>\n</g></svg>',
                    svg_id="f", label='a "map"')
    assert ok.startswith('<svg id="f" class="figure"') and 'aria-label="a &quot;map&quot;"' in ok
    assert 'width="1pt"' not in ok and "tip" not in ok and "<a" not in ok and 'font-family="X"' in ok
    for bad in ('<svg><script>alert(1)</script></svg>', '<svg><g onclick="x()"/></svg>',
                '<svg><a xlink:href="javascript:x()">y</a></svg>', '<svg><foreignObject/></svg>',
                '<svg><style>*{}</style></svg>'):
        with pytest.raises(RenderError):
            inline_svg(bad, svg_id="f", label="x")


def test_reference_urls_are_links_only_when_http(tmp_path):
    from argmap.page import build_page

    doc = injection_document()
    doc["references"]["r2"] = {"title": "Web", "url": "https://example.org/a?b=1&c=<2>"}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    page = build_page(load(path))
    assert 'href="https://example.org/a?b=1&amp;c=&lt;2&gt;"' in page
    assert 'href="javascript:' not in page


# -- determinism ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [EXAMPLE, FLAGSHIP], ids=["example", "flagship"])
def test_deterministic(path):
    from argmap.page import build_page

    first = build_page(load(path))
    second = build_page(load(path))
    assert first == second
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", first)     # no timestamp


def test_flagship_page_size():
    from argmap.page import build_page

    page = build_page(load(FLAGSHIP))
    assert len(page.encode("utf-8")) < 2_000_000


# -- templates -----------------------------------------------------------------------------------
def test_templates_override(tmp_path):
    from argmap.page import build_page

    (tmp_path / "page.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    (tmp_path / "page.html.j2").write_text(
        '<!doctype html><meta http-equiv="Content-Security-Policy" content="{{ csp }}">'
        "<title>{{ title }}</title><style>{{ style }}</style><h1>custom: {{ title }}</h1>"
        "<script>{{ script }}</script>\n", encoding="utf-8")
    page = build_page(load(EXAMPLE), templates_dir=str(tmp_path))
    assert "<h1>custom: The drowning child (Singer 1972)</h1>" in page
    assert "body { color: #123456; }" in page
    assert "argmap interactive page" in page              # page.js from argmap's own templates
    assert sha(inline_scripts(page)[0]) in csp_of(page)


def test_templates_override_must_keep_the_csp(tmp_path):
    from argmap.errors import RenderError
    from argmap.page import build_page

    (tmp_path / "page.html.j2").write_text("<title>{{ title }}</title>", encoding="utf-8")
    with pytest.raises(RenderError):
        build_page(load(EXAMPLE), templates_dir=str(tmp_path))


def test_inlined_code_cannot_close_its_element(tmp_path):
    from argmap.errors import RenderError
    from argmap.page import build_page

    (tmp_path / "page.js").write_text("var s = '</script>';", encoding="utf-8")
    with pytest.raises(RenderError):
        build_page(load(EXAMPLE), templates_dir=str(tmp_path))


def test_crlf_script_hash_matches_what_the_browser_hashes(tmp_path):
    from argmap.page import build_page

    (tmp_path / "page.js").write_bytes(b"var a = 1;\r\nvar b = 2;\r\n")
    page = build_page(load(EXAMPLE), templates_dir=str(tmp_path))
    (script,) = inline_scripts(page)
    assert "\r" not in script and sha(script) in csp_of(page)


def test_templates_are_package_data():
    from importlib.resources import files

    names = {e.name for e in files("argmap.templates").iterdir()}
    assert {"page.html.j2", "page.css", "page.js"} <= names


# -- outline and tour ----------------------------------------------------------------------------
def test_outline_example():
    from argmap.page import outline

    amap = load(EXAMPLE)
    events, tour = outline(amap)
    items = [e for e in events if e["t"] == "item" and not e["group"]]
    assert items[0]["id"] == "T" and items[0]["rel"] == "thesis"
    # every statement is expanded exactly once; the balance of lists and items holds
    assert sorted(e["id"] for e in items if not e["again"]) == sorted(s.id for s in amap.statements)
    assert sum(e["t"] == "open" for e in events) == sum(e["t"] == "close" for e in events)
    assert sum(e["t"] == "item" for e in events) == sum(e["t"] == "end" for e in events)
    # depth-first: T, then the linked premises P1, P2 (and P2's evidence E1), P3, ...
    order = [s["id"] for s in tour]
    assert order[:5] == ["T", "P1", "P2", "E1", "P3"]
    assert {"rel": "premise", "parent": "T", "inference": "I1", "id": "P1"} == tour[1]
    assert next(s for s in tour if s["id"] == "O3") == {"id": "O3", "rel": "undercuts", "parent": "T", "inference": "I1"}
    assert "D1" not in order                       # not connected to the thesis: outline only
    headings = [e["text"] for e in events if e["t"] == "heading"]
    assert headings == ["The argument, from its thesis", "Not connected to the thesis"]


def test_outline_guards_cycles_and_shared_reasons(tmp_path):
    from argmap.page import outline
    from argmap.loader import loads

    amap = loads("""
argmap: 1
title: cycles
thesis: T
statements:
  - {id: T, kind: thesis, text: t}
  - {id: A, kind: claim, text: a, supports: [T, B]}
  - {id: B, kind: claim, text: b, supports: [A, T]}
  - {id: C, kind: premise, text: c, supports: [A, B]}
  - {id: X, kind: claim, text: x, supports: [Y]}
  - {id: Y, kind: claim, text: y, supports: [X]}
""", "cycles.yaml")
    events, tour = outline(amap)
    items = [e for e in events if e["t"] == "item"]
    expanded = [e["id"] for e in items if not e["again"]]
    assert sorted(expanded) == ["A", "B", "C", "T", "X", "Y"]
    assert any(e["again"] for e in items)
    assert [s["id"] for s in tour] == ["T", "A", "B", "C"]


def test_deep_chain_does_not_recurse(monkeypatch):
    from argmap import page as H
    from argmap.loader import loads

    n = 3000
    lines = ["argmap: 1", "title: chain", "thesis: s0", "statements:",
             "  - {id: s0, kind: thesis, text: t}"]
    lines += [f"  - {{id: s{i}, kind: claim, text: c{i}, supports: [s{i - 1}]}}" for i in range(1, n)]
    amap = loads("\n".join(lines) + "\n", "chain.yaml")
    events, tour = H.outline(amap)
    assert [s["id"] for s in tour] == ["s0", "s1", "s2"]          # the tour: two levels under the thesis
    monkeypatch.setattr(H, "figure_svg", lambda amap: "")       # no Graphviz: the outline is the point
    page = H.build_page(amap)                                    # a flat loop renders it, no recursion
    assert page.count('<ul class="tree">') == n


def test_map_without_thesis_or_values(tmp_path):
    from argmap.page import build_page
    from argmap.loader import loads

    amap = loads("argmap: 1\ntitle: bare\nstatements:\n  - {id: A, kind: claim, text: a}\n", "bare.yaml")
    page = build_page(amap)
    assert 'id="am-tab-values"' not in page
    assert "Statements</h3>" in page
    assert embedded_data(page)["tour"] == []


# -- the command line ---------------------------------------------------------------------------
def test_cli_html_writes_the_page(cli, tmp_path):
    out = tmp_path / "page.html"
    result = cli("html", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "The drowning child" in page
    assert f"wrote {out}" in result.stderr


def test_cli_html_default_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("html", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "drowning-child.html").is_file()


def test_cli_html_templates_option(cli, tmp_path):
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "page.css").write_text("body { color: #abcdef; }\n", encoding="utf-8")
    out = tmp_path / "p.html"
    result = cli("html", EXAMPLE, "-o", out, "--templates", tpl)
    assert result.exit_code == 0, result.output
    assert "#abcdef" in out.read_text(encoding="utf-8")


def test_cli_html_refuses_to_overwrite_the_map(cli, tmp_path):
    src = tmp_path / "m.yaml"
    src.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "drowning-child.bib").write_text((GRAPHS / "drowning-child.bib").read_text(encoding="utf-8"))
    before = src.read_text(encoding="utf-8")
    result = cli("html", src, "-o", src)
    assert result.exit_code == 1
    assert "overwrite-input" in result.stderr
    assert src.read_text(encoding="utf-8") == before


def test_cli_html_bad_map(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: x\nstatements:\n  - {id: A, kind: nonsense, text: a}\n")
    result = cli("html", bad, "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert "bad.yaml:" in result.stderr
    assert not (tmp_path / "x.html").exists()
