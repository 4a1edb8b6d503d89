"""One contract per registry, over every entry: formats, renderers, check rules, themes.  The
command line's choices come from the registries."""
from __future__ import annotations

import shutil

import click
import pytest

import argmap
from argmap.checks import RULES, run_checks
from argmap.codes import CODES
from argmap.figure import RenderOptions, figure_dot
from argmap.formats.registry import FORMATS
from argmap.renderers import RENDERERS
from argmap.themes import THEMES, builtin_themes, load_theme

from conftest import DATA, GRAPHS, map_files

EXAMPLE = GRAPHS / "drowning-child.yaml"
SMALL = DATA / "maps" / "small.yaml"   # no BibTeX file beside it: it can be written anywhere
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def _choices(command: str, option: str) -> list[str]:
    from argmap.cli import main

    cmd = main.commands[command]
    param = next(p for p in cmd.params if option in getattr(p, "opts", ()))
    assert isinstance(param.type, click.Choice)
    return list(param.type.choices)


@pytest.mark.parametrize("name", FORMATS.names())
def test_format_contract(name, tmp_path):
    fmt = FORMATS[name]
    assert fmt.reader or fmt.writer
    amap = argmap.load(SMALL)
    if fmt.writer:
        text = fmt.write(amap)
        assert isinstance(text, str) and text
        assert fmt.write(amap) == text                   # deterministic
        if fmt.reader:
            path = tmp_path / f"map{fmt.extensions[0] if fmt.extensions else '.txt'}"
            path.write_text(text, encoding="utf-8")
            back, diags = argmap.load_with_diagnostics(path, name)
            assert back is not None, [d.format() for d in diags]
            assert [s.id for s in back.statements] or name in ("kialo",)


def test_cli_format_choices_come_from_the_registry():
    assert _choices("export", "--to") == [n for n, f in FORMATS.items() if f.writer]
    assert _choices("import", "--from") == [n for n, f in FORMATS.items() if f.reader]


@needs_dot
@pytest.mark.parametrize("name", RENDERERS.names())
def test_renderer_contract(name):
    r = RENDERERS[name]
    dot = figure_dot(argmap.load(EXAMPLE), RenderOptions())
    out = r.render(dot, RenderOptions())
    assert isinstance(out, bytes) and out
    assert r.render(dot, RenderOptions()) == out            # deterministic
    if not r.binary:
        out.decode("utf-8")


def test_cli_figure_choices_come_from_the_registry():
    assert _choices("render", "-f") == RENDERERS.names()
    assert _choices("values", "-f") == RENDERERS.names()


@pytest.mark.parametrize("code", RULES.names())
@pytest.mark.parametrize("path", map_files(), ids=lambda p: p.name)
def test_rule_contract(code, path):
    rule = RULES[code]
    assert rule.summary and rule.hint and code in CODES
    amap = argmap.load(path)
    findings = run_checks(amap, select=[code])
    for d in findings:
        assert d.code == code and d.severity == rule.severity
        assert d.location.line >= 1 and d.message


@pytest.mark.parametrize("name", builtin_themes())
def test_theme_contract(name):
    assert name in THEMES
    theme = load_theme(name)
    assert set(theme) >= {"graph", "node", "edge", "kinds", "relations", "highlight", "values"}
    dot = figure_dot(argmap.load(EXAMPLE), RenderOptions(theme=name, legend=True))
    assert dot.startswith("digraph")


def test_unknown_names_suggest_the_closest():
    with pytest.raises(argmap.ArgmapError) as info:
        RENDERERS.get("svgg")
    assert "did you mean 'svg'" in info.value.diagnostics[0].message
