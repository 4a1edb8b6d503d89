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
    assert 'href="drowning-child.values.pdf"' in index and "The drowning child" in index
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
