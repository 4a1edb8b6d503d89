"""argmap in Jupyter: the display formatter in an IPython shell, and docs/tutorial.ipynb executed
from start to end by nbclient in a real ipykernel."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GRAPHS, ROOT

NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"


def test_a_map_displays_as_its_figure_in_ipython():
    pytest.importorskip("IPython")
    from IPython.core.interactiveshell import InteractiveShell

    import argmap
    import argmap.notebook as nb

    shell = InteractiveShell.instance()
    assert nb.register(shell)
    amap = argmap.load(str(GRAPHS / "drowning-child.yaml"))
    data, _ = shell.display_formatter.format(amap)
    assert data["image/svg+xml"].lstrip().startswith(("<?xml", "<svg", "<!--"))
    assert "<svg" in data["image/svg+xml"] and 'id="n&#45;T"' in data["image/svg+xml"]
    # a view: only the neighbourhood of C1
    view = nb.figure(amap, focus="C1", depth=1)._repr_svg_()
    assert 'id="n&#45;C1"' in view and view.count('class="node') < data["image/svg+xml"].count('class="node')


def test_explorer_inline_is_a_sandboxed_frame_of_the_page():
    import argmap
    import argmap.notebook as nb

    amap = argmap.load(str(GRAPHS / "drowning-child.yaml"))
    frame = nb.explorer(amap, height=400)._repr_html_()
    assert frame.startswith("<iframe ") and 'sandbox="allow-scripts"' in frame and "height:400px" in frame
    assert "srcdoc=\"&lt;!doctype html&gt;" in frame and "<script" not in frame   # the page, escaped in srcdoc


def test_the_model_does_not_know_about_figures():
    from argmap.model import ArgumentMap

    assert not hasattr(ArgumentMap, "_repr_svg_")
    source = (ROOT / "argmap" / "model.py").read_text(encoding="utf-8")
    assert "render" not in source.split('"""', 2)[2].replace("rendered", "")


def test_tutorial_notebook_runs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    svgs = [o for o in outputs if "image/svg+xml" in o.get("data", {})]
    assert len(svgs) >= 3                    # the two maps and the view
    assert "Peter Singer" in svgs[0]["data"]["image/svg+xml"] or "n&#45;T" in svgs[0]["data"]["image/svg+xml"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "broken.yaml:4:" in text and "unknown-field" in text and "did you mean 'supports'" in text
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert html and html[-1]["data"]["text/html"].startswith("<iframe ")
    labels = [o for o in outputs if o.output_type == "execute_result" and "'T': " in o["data"].get("text/plain", "")]
    assert labels and "'R1': <Label.IN" in labels[0]["data"]["text/plain"]


def test_tutorial_is_stored_without_outputs():
    import json
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert Path(NOTEBOOK).stat().st_size < 20_000
