"""Figures: golden DOT, every renderer's contract, exact texts in SVG and PDF, print settings."""
from __future__ import annotations

import os
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest

import argmap
from argmap.figure import RENDERERS, RenderOptions, citation_marker, figure_dot, graphviz, to_dot
from argmap.values_figure import values_dot

from conftest import DATA, GRAPHS, ROOT

import golden_cases

SVG = "{http://www.w3.org/2000/svg}"
SMALL = DATA / "maps" / "small.yaml"
HOSTILE = DATA / "maps" / "hostile.yaml"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.mark.parametrize("name", sorted(golden_cases.CASES))
def test_golden_dot(name, monkeypatch, golden):
    monkeypatch.chdir(ROOT)
    golden(DATA / "golden" / name, golden_cases.produce(name))


@needs_dot
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_renderer_contract(fmt):
    """Every registered renderer: right file type, and byte-identical on a second run."""
    amap = argmap.load(str(SMALL))
    dot_text = figure_dot(amap, RenderOptions(legend=True))
    a = RENDERERS[fmt].render(dot_text, RenderOptions())
    b = RENDERERS[fmt].render(figure_dot(amap, RenderOptions(legend=True)), RenderOptions())
    assert a == b
    magic = {"svg": b"<?xml", "pdf": b"%PDF", "png": b"\x89PNG", "dot": b"digraph"}[fmt]
    assert a.startswith(magic)


def node_texts(svg_bytes: bytes) -> dict[str, str]:
    root = ET.fromstring(svg_bytes)
    out = {}
    for g in root.iter(SVG + "g"):
        gid = g.get("id", "")
        if gid.startswith("n-") and "st" in (g.get("class") or "").split():
            out[gid[2:]] = " ".join(t.text or "" for t in g.iter(SVG + "text"))
    return out


def norm(text: str) -> str:
    return " ".join(text.split())


@needs_dot
@pytest.mark.parametrize("path", [SMALL, HOSTILE, GRAPHS / "drowning-child.yaml"], ids=lambda p: p.name)
def test_every_statement_appears_in_svg_with_exact_text(path):
    amap = argmap.load(str(path))
    svg = graphviz(figure_dot(amap, RenderOptions()), "svg")
    texts = node_texts(svg)
    assert set(texts) == {s.id for s in amap.statements}
    for s in amap.statements:
        expected = norm(s.text)
        marker = citation_marker(s.cites)
        if marker:
            expected += " " + marker
        assert norm(texts[s.id]) == expected


@needs_dot
def test_hostile_texts_are_literal_in_svg_and_pdf():
    amap = argmap.load(str(HOSTILE))
    dot_text = figure_dot(amap, RenderOptions(ids=True))
    svg = graphviz(dot_text, "svg")
    root = ET.fromstring(svg)  # still well-formed XML
    assert not list(root.iter(SVG + "script"))
    assert b"<script" not in svg and b"<b>" not in svg
    joined = norm(" ".join(node_texts(svg).values()))
    for s in amap.statements:
        assert norm(s.text) in joined
    # the DOT has exactly one node statement per statement: no label broke out
    assert len(re.findall(r"^\S+ \[shape=", dot_text, re.M)) == len(amap.statements)
    from pypdf import PdfReader
    pdf = graphviz(dot_text, "pdf")
    text = norm(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    for fragment in ('"]; evil [ label="pwned"] x [', "<script>alert(1)</script>", "back\\slash",
                     "{braces}", "<b>bold</b>", "\\N \\G \\L \\n", "国际刑事法院的管辖权"):
        assert fragment in text, fragment


@needs_dot
def test_pdf_embeds_fonts_and_is_deterministic():
    amap = argmap.load(str(SMALL))
    dot_text = figure_dot(amap, RenderOptions())
    a, b = graphviz(dot_text, "pdf"), graphviz(dot_text, "pdf")
    assert a == b
    assert b"/FontFile" in a
    assert b"/CreationDate (D:19700101" in a or b"/CreationDate" not in a


@needs_dot
def test_png_is_300_dpi_and_width_fits():
    amap = argmap.load(str(SMALL))
    png = graphviz(figure_dot(amap, RenderOptions()), "png", dpi=300)
    i = png.index(b"pHYs")
    ppm_x, ppm_y, unit = struct.unpack(">IIB", png[i + 4:i + 13])
    assert unit == 1 and abs(ppm_x - 300 / 0.0254) < 2
    svg = graphviz(figure_dot(amap, RenderOptions(width=3.35)), "svg")
    width_pt = float(re.search(rb'<svg width="([0-9.]+)pt"', svg).group(1))
    assert abs(width_pt - 3.35 * 72) < 1.5


@needs_dot
def test_cjk_text_renders_with_a_cjk_font():
    if not shutil.which("fc-list") or not os.popen("fc-list :lang=zh family").read().strip():
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    amap = argmap.load(str(HOSTILE))
    pdf = graphviz(figure_dot(amap, RenderOptions()), "pdf")
    assert re.search(rb"/BaseFont /[A-Z]{6}\+Noto\w*CJK", pdf)


@needs_dot
def test_value_figure_order_from_svg_coordinates():
    amap = argmap.load(str(SMALL))
    svg = graphviz(values_dot(amap, RenderOptions()), "svg")
    root = ET.fromstring(svg)
    y = {}
    for g in root.iter(SVG + "g"):
        gid = g.get("id", "")
        if gid.startswith("v-"):
            ys = [float(t.get("y")) for t in g.iter(SVG + "text")]
            y[gid[2:]] = min(ys)
    # SVG y grows downwards: a higher-ranked value has a smaller y
    assert y["top"] < y["mid"] < y["low"]
    # the reversed ranking in context 'elsewhere' is drawn, labelled with its context
    assert b"in elsewhere" in svg
    # part-of is drawn as nesting: 'part' inside the box of 'mid'
    box = [g for g in root.iter(SVG + "g") if g.get("id") == "c-mid"]
    assert box and "cluster" in box[0].get("class")


@needs_dot
def test_flagship_value_hierarchy_order():
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    svg = graphviz(values_dot(amap, RenderOptions(), contexts=amap.value_system.contexts), "svg")
    root = ET.fromstring(svg)
    y = {g.get("id")[2:]: min(float(t.get("y")) for t in g.iter(SVG + "text"))
         for g in root.iter(SVG + "g") if (g.get("id") or "").startswith("v-")}
    for low in ("v.justice", "v.fairness", "v.security", "v.order"):
        assert y["v.human-rights"] < y["v.judicial-sovereignty"] < y[low]
        assert y["v.sovereignty"] < y[low]
    assert b"in international community" in svg and b"in Rome Statute framework" in svg


def test_views(tmp_path):
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    from argmap.figure import select
    sec = select(amap, RenderOptions(section="2.5"))
    assert all(amap.statement_by_id[s].section.startswith("2.5") or s in sec for s in sec)
    assert len(sec) < len(amap.statements)
    foc = select(amap, RenderOptions(focus="T", depth=1))
    assert "T" in foc and len(foc) < 20
    hidden = select(amap, RenderOptions(hide_kinds=("evidence",)))
    assert not any(amap.statement_by_id[s].kind == "evidence" for s in hidden)


def test_large_maps_get_layout_limits():
    from argmap.model import ArgumentMap, Relation, Statement
    n = 1600
    st = tuple(Statement(f"s{i}", "claim" if i else "thesis", f"statement {i}") for i in range(n))
    rel = tuple(Relation(f"s{i}", "supports", f"s{(i - 1) // 2}") for i in range(1, n))
    dot_text = to_dot(ArgumentMap("big", statements=st, relations=rel, thesis="s0"), RenderOptions())
    assert "nslimit1=2" in dot_text and "mclimit=" in dot_text


def test_render_cli_default_output_and_missing_graphviz(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "m.yaml"
    src.write_text(SMALL.read_text())
    r = cli("render", src, "-f", "dot")
    assert r.exit_code == 0 and (tmp_path / "output" / "m.dot").read_text().startswith("digraph")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    r = cli("render", src, "-f", "svg", "-o", tmp_path / "fig.svg")
    assert r.exit_code == 1
    assert "error[graphviz-missing]" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "fig.dot").read_text().startswith("digraph")
    assert not (tmp_path / "fig.svg").exists()


def test_render_cli_rejects_bad_options(cli):
    assert cli("render", SMALL, "--kinds", "clam").exit_code == 2
    assert cli("render", SMALL, "--width", "wide").exit_code == 2
    r = cli("render", SMALL, "--focus", "p1", "-f", "dot", "-o", "-")
    assert r.exit_code == 1 and "did you mean 'P1'?" in r.stderr


@needs_dot
def test_user_theme_file(cli, tmp_path):
    theme = tmp_path / "mine.yaml"
    theme.write_text("kinds:\n  thesis: {fillcolor: \"#123456\"}\n")
    r = cli("render", SMALL, "--theme", theme, "-f", "dot", "-o", "-")
    assert r.exit_code == 0 and 'fillcolor="#123456"' in r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("colours: {}\n")
    r = cli("render", SMALL, "--theme", bad, "-f", "dot", "-o", "-")
    assert r.exit_code == 2 and "unknown theme section 'colours'" in r.output


def test_color_theme_never_relies_on_red_green_alone():
    """In the colour theme, kinds that share a colour family still differ by shape or line style."""
    from argmap.themes import load_theme
    t = load_theme("color")
    seen = {}
    for kind, a in t["kinds"].items():
        key = (a.get("shape"), a.get("style"))
        assert key not in seen, f"{kind} and {seen.get(key)} differ only by colour"
        seen[key] = kind
    rel = {k: (a.get("style"), a.get("arrowhead")) for k, a in t["relations"].items()}
    assert len(set(rel.values())) == len(rel)


@needs_dot
def test_notes_and_tooltips_cannot_inject_attributes(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        "argmap: 1\ntitle: t\nstatements:\n"
        "  - {id: A, kind: claim, text: 'x'}\n"
        "  - {id: B, kind: premise, text: '<b>, URL=\"javascript:alert(1)\", c=<d>'}\n"
        "relations:\n"
        "  - {from: B, kind: supports, to: A, note: '<x>, URL=\"javascript:alert(2)\", y=<z>'}\n"
        "values:\n"
        "  - {id: v, name: '<v>, URL=\"javascript:alert(3)\", w=<w>', class: purpose}\n")
    amap = argmap.load(str(path))
    import pydot
    for dot_text in (figure_dot(amap, RenderOptions()), values_dot(amap, RenderOptions())):
        (graph,) = pydot.graph_from_dot_data(dot_text)
        items = graph.get_nodes() + graph.get_edges()
        for sub in graph.get_subgraphs():
            items += sub.get_nodes() + sub.get_edges()
        for item in items:
            attrs = {k.lower() for k in item.get_attributes()}
            assert not attrs & {"url", "href", "y", "w", "c"}, item.to_string()
        svg = graphviz(dot_text, "svg")
        assert b"href" not in svg


def test_a_reported_view_says_whose_it_is():
    """held-by (other than the author) is drawn under the statement's text, escaped."""
    m = argmap.loads("argmap: 1\ntitle: t\nthesis: T\nstatements:\n"
                     "  - {id: T, kind: thesis, text: t}\n"
                     "  - {id: R, kind: claim, text: r, held-by: 'realists <& co>', supports: [T]}\n"
                     "  - {id: A, kind: premise, text: a, held-by: author, supports: [T]}\n", "m.yaml")
    dot = to_dot(m, RenderOptions())
    assert "<I>held by realists &lt;&amp; co&gt;</I>" in dot
    assert dot.count("held by") == 1


def test_generated_names_cannot_be_taken_by_ids():
    """A statement named like a legend sample keeps its own node and text; sections 1.1 and 1_1
    get a box each (DOT names argmap makes carry a '~' no id can contain)."""
    m = argmap.loads("argmap: 1\ntitle: t\nthesis: T\nsections:\n  - {id: '1.1', title: a}\n"
                     "  - {id: '1_1', title: b}\nstatements:\n"
                     "  - {id: T, kind: thesis, text: the thesis, section: '1.1'}\n"
                     "  - {id: legend_premise, kind: premise, text: named like the legend, supports: [T],"
                     " section: '1_1'}\n", "m.yaml")
    dot = to_dot(m, RenderOptions(legend=True, clusters=True))
    assert "named like the legend" in dot
    assert dot.count('subgraph "cluster_~s-') == 2
    assert "legend_premise [" in dot and dot.count("legend_premise [") == 1
