"""argmap build: what it makes, that it rebuilds only what changed, and that it is safe."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import GRAPHS

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "graphs").mkdir()
    for name in ("drowning-child.yaml", "drowning-child.bib"):
        shutil.copy(GRAPHS / name, tmp_path / "graphs" / name)
    return tmp_path


def test_build_makes_everything_then_only_what_changed(cli, project, monkeypatch):
    monkeypatch.chdir(project)
    r = cli("build")
    assert r.exit_code == 0, r.stderr
    out = project / "output"
    names = sorted(os.listdir(out))
    for expected in ("drowning-child.svg", "drowning-child.pdf", "drowning-child.section-1.png",
                     "drowning-child.section-3.pdf", "drowning-child.values.svg",
                     "drowning-child.values.png", "drowning-child.check.txt",
                     "drowning-child.check.json", "drowning-child.evaluation.txt", "index.html"):
        assert expected in names
    index = (out / "index.html").read_text()
    assert 'href="./drowning-child.values.pdf"' in index and "The drowning child" in index
    assert "unanswered-objection" in (out / "drowning-child.check.txt").read_text()
    stamp = (out / "drowning-child.svg").stat().st_mtime_ns
    r = cli("build")
    assert "0 built" in r.stderr
    assert (out / "drowning-child.svg").stat().st_mtime_ns == stamp
    src = project / "graphs" / "drowning-child.yaml"
    src.write_text(src.read_text().replace("ought to give much", "ought to give a great deal"))
    r = cli("build")
    assert "0 built" not in r.stderr
    assert "a great deal" in (out / "drowning-child.svg").read_text()


def test_interrupted_build_leaves_previous_outputs(cli, project, monkeypatch):
    monkeypatch.chdir(project)
    assert cli("build").exit_code == 0
    out = project / "output"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    src = project / "graphs" / "drowning-child.yaml"
    src.write_text(src.read_text().replace("Human welfare", "Welfare of all"))
    import argmap.renderers as R
    calls = {"n": 0}
    real = R.graphviz

    def flaky(*a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*a, **k)
    monkeypatch.setattr(R, "graphviz", flaky)
    import click
    from argmap.cli import main
    with pytest.raises((KeyboardInterrupt, click.exceptions.Abort)):
        main.main(["build"], standalone_mode=False)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert not [n for n in after if n.endswith(".tmp")]
    assert set(after) == set(before)
    # whatever was not rebuilt is the previous version, whole
    changed = [n for n in after if after[n] != before[n]]
    assert len(changed) <= 3
    monkeypatch.setattr(R, "graphviz", real)
    r = cli("build")
    assert r.exit_code == 0 and "Welfare of all" in (out / "drowning-child.values.svg").read_text()


def test_build_reports_bad_maps_and_goes_on(cli, project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "graphs" / "broken.yaml").write_text("argmap: 1\ntitle: x\nstatements: [{id: A}]\n")
    r = cli("build")
    assert r.exit_code == 1
    assert "graphs/broken.yaml:3:14: error[missing-field]" in r.stderr
    assert (project / "output" / "drowning-child.svg").exists()


SMALL_MAP = """argmap: 1
title: {title}
thesis: T
statements:
  - {{id: T, kind: thesis, text: t}}
  - {{id: P, kind: premise, text: p, supports: [T]}}
"""


def _links(index_html: str) -> list[str]:
    from html.parser import HTMLParser

    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                found.append(dict(attrs)["href"])
    P().feed(index_html)
    return found


@pytest.mark.parametrize("stem", ["javascript:alert(1)", "https:evil.example", "a#b", "q?x=1", "50%",
                                  " lead", "new\nline", "ü plain"])
def test_index_links_are_relative_and_reach_their_files(cli, tmp_path, monkeypatch, stem):
    """A map's file name never becomes a live link elsewhere: every href starts with ./, is
    percent-encoded, and resolves to the file that was written."""
    from urllib.parse import unquote, urljoin, urlparse

    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / f"{stem}.yaml").write_text(SMALL_MAP.format(title="t"))
    monkeypatch.chdir(tmp_path)
    r = cli("build", f"graphs/{stem}.yaml")
    assert r.exit_code == 0, r.stderr
    index = (tmp_path / "output" / "index.html").read_text(encoding="utf-8")
    import html
    assert "Content-Security-Policy" in index and "default-src 'none'" in html.unescape(index)
    links = _links(index)
    assert links and all(h.startswith("./") for h in links)
    base = (tmp_path / "output" / "index.html").as_uri()
    for h in links:
        url = urlparse(urljoin(base, h))
        assert url.scheme == "file" and not url.fragment and not url.query
        assert os.path.isfile(unquote(url.path)), h


def test_maps_with_one_stem_do_not_overwrite_each_other(cli, tmp_path, monkeypatch):
    import json

    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / "a.yaml").write_text(SMALL_MAP.format(title="from yaml"))
    (tmp_path / "graphs" / "a.json").write_text(json.dumps({
        "argmap": 1, "title": "from json", "thesis": "T",
        "statements": [{"id": "T", "kind": "thesis", "text": "t"}]}))
    monkeypatch.chdir(tmp_path)
    assert cli("build").exit_code == 0
    out = tmp_path / "output"
    assert "from yaml" in (out / "a.yaml.svg").read_text()
    assert "from json" in (out / "a.json.svg").read_text()


def test_build_into_the_maps_folder_refuses_to_overwrite_a_map(cli, tmp_path, monkeypatch):
    """With -o graphs, one map's output may fall on a file another map reads (here the BibTeX
    file of y.yaml is named like x's check report): the build refuses, and the file stays."""
    (tmp_path / "graphs").mkdir()
    (tmp_path / "graphs" / "x.yaml").write_text(SMALL_MAP.format(title="x"))
    (tmp_path / "graphs" / "x.check.txt").write_text("% a BibTeX file with no entries\n")
    (tmp_path / "graphs" / "y.yaml").write_text(SMALL_MAP.format(title="y") + "bibtex: x.check.txt\n")
    monkeypatch.chdir(tmp_path)
    r = cli("build", "-o", "graphs", "graphs/x.yaml", "graphs/y.yaml")
    assert r.exit_code == 1
    assert "error[overwrite-input]" in r.stderr and "Traceback" not in r.stderr
    assert (tmp_path / "graphs" / "x.check.txt").read_text() == "% a BibTeX file with no entries\n"


def test_editing_the_theme_file_rebuilds(cli, project, monkeypatch):
    monkeypatch.chdir(project)
    theme = project / "mine.yaml"
    theme.write_text("graph: {fontname: DejaVu Sans}\n")
    assert cli("build", "--theme", str(theme)).exit_code == 0
    assert "0 built" in cli("build", "--theme", str(theme)).stderr
    theme.write_text("graph: {fontname: DejaVu Serif}\n")
    assert "0 built" not in cli("build", "--theme", str(theme)).stderr
