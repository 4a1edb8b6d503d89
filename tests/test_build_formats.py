"""argmap build builds every map under graphs/ whatever its format (Argdown, AIF, GraphML,
node-link JSON, Kialo, YAML), skipping what is not a map (BibTeX files, included parts)."""
from __future__ import annotations

import os
import shutil

import pytest
from conftest import GRAPHS

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")

KIALO = """\
Discussion Title: Should the office buy a faster kettle?

1. The office should buy a faster kettle.
1.1. Pro: People queue for hot water every morning.
1.2. Con: A faster kettle costs more than the time it saves.
"""


@pytest.fixture
def project(tmp_path, cli):
    graphs = tmp_path / "graphs"
    (graphs / "parts").mkdir(parents=True)
    for name in ("drowning-child.yaml", "drowning-child.bib"):
        shutil.copy(GRAPHS / name, graphs / name)
    example = str(GRAPHS / "drowning-child.yaml")
    for fmt, name in (("argdown", "pond.argdown"), ("aif", "pond-aif.json"), ("graphml", "pond-graph.graphml"),
                      ("json", "pond-nodelink.json")):
        r = cli("export", example, "--to", fmt, "-o", str(graphs / name))
        assert r.exit_code == 0, r.stderr
    (graphs / "kettle.kialo").write_text(KIALO, encoding="utf-8")
    (graphs / "parts" / "extra.yaml").write_text("statements: []\n", encoding="utf-8")
    return tmp_path


def test_build_takes_every_format(cli, project, monkeypatch):
    monkeypatch.chdir(project)
    r = cli("build")
    assert r.exit_code == 0, r.stderr
    names = set(os.listdir(project / "output"))
    for stem in ("drowning-child", "pond", "pond-aif", "pond-graph", "pond-nodelink", "kettle"):
        assert f"{stem}.svg" in names and f"{stem}.html" in names, (stem, sorted(names))
    assert not any(n.startswith(("drowning-child.bib", "extra")) for n in names)
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "Should the office buy a faster kettle?" in index


def test_two_maps_with_one_name_keep_their_own_outputs(cli, project, monkeypatch):
    """Two maps sharing a stem (drowning-child.yaml and .argdown) are named by their whole file
    names, so that neither overwrites the other's outputs."""
    monkeypatch.chdir(project)
    shutil.copy(project / "graphs" / "pond.argdown", project / "graphs" / "drowning-child.argdown")
    r = cli("build")
    assert r.exit_code == 0, r.stderr
    assert (project / "output" / "drowning-child.yaml.svg").is_file()
    assert (project / "output" / "drowning-child.argdown.svg").is_file()
