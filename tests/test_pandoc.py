"""`argmap pandoc-filter`: fenced ```argmap blocks in Markdown turned into figures by Debian's
pandoc running the filter, producing HTML, LaTeX and (when a TeX engine is there) PDF."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GRAPHS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc (apt-get install pandoc)")

DOC = f"""\
# Two maps

A map written in place:

```argmap
argmap: 1
title: Kettle
thesis: T
statements:
  - {{id: T, kind: thesis, text: The office should buy a faster kettle.}}
  - {{id: O1, kind: objection, text: It costs more than the time it saves., attacks: [T]}}
```

A chapter of the example, named by its path:

```{{.argmap path="{GRAPHS / 'drowning-child.yaml'}" section="2" caption="The pond"}}
```

```argmap
path={GRAPHS / 'drowning-child.yaml'} focus=C1 depth=1
```

Other code stays code:

```python
print("argmap")
```
"""


def filter_command(tmp_path: Path) -> str:
    """An executable that runs the filter with this checkout's Python (pandoc passes it the format)."""
    script = tmp_path / "argmap-filter"
    script.write_text(f"#!/bin/sh\nexec {sys.executable} -m argmap pandoc-filter \"$@\"\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def pandoc(tmp_path: Path, text: str, *args: str) -> subprocess.CompletedProcess:
    src = tmp_path / "doc.md"
    src.write_text(text, encoding="utf-8")
    return subprocess.run(["pandoc", str(src), "--filter", filter_command(tmp_path), *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))


def test_html_has_the_figures_inline(tmp_path):
    run = pandoc(tmp_path, DOC, "-t", "html", "-o", "doc.html")
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "doc.html").read_text(encoding="utf-8")
    assert page.count('<figure class="argmap">') == 3
    assert page.count("<svg") == 3 and "<?xml" not in page
    assert "The office should buy a faster kettle." in page          # the inline map
    assert "<figcaption>The pond</figcaption>" in page and "<figcaption>Kettle</figcaption>" in page
    pond = page.split("<figcaption>The pond</figcaption>")[0].rsplit('<figure class="argmap">', 1)[1]
    whole = subprocess.run([sys.executable, "-m", "argmap", "render", str(GRAPHS / "drowning-child.yaml"), "-o", "-"],
                           capture_output=True, text=True, check=True, env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout
    assert 'id="n&#45;E1"' in pond                                    # section 2 and what it touches,
    assert pond.count('class="node st') < whole.count('class="node st')   # not the whole map
    assert 'class="sourceCode python"' in page and '<span class="bu">print</span>' in page   # other code stays
    assert not (tmp_path / "argmap-figures").exists()


def test_latex_includes_pdf_figures(tmp_path):
    run = pandoc(tmp_path, DOC, "-t", "latex", "-s", "-o", "doc.tex")
    assert run.returncode == 0, run.stderr
    tex = (tmp_path / "doc.tex").read_text(encoding="utf-8")
    figures = sorted((tmp_path / "argmap-figures").glob("*.pdf"))
    assert len(figures) == 3 and all(f.read_bytes().startswith(b"%PDF") for f in figures)
    assert tex.count("{argmap-figures/argmap-") == 3 and "\\caption{The pond}" in tex
    assert "\\usepackage{graphicx}" in tex


def has_latex() -> bool:
    if shutil.which("pdflatex") is None or shutil.which("kpsewhich") is None:
        return False
    return all(subprocess.run(["kpsewhich", f"{p}.sty"], capture_output=True).returncode == 0
               for p in ("lmodern", "graphicx", "hyperref"))


@pytest.mark.skipif(not has_latex(), reason="needs a TeX engine (pdflatex with lmodern)")
def test_pdf(tmp_path):
    run = pandoc(tmp_path, DOC, "-o", "doc.pdf")
    assert run.returncode == 0, run.stderr
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "doc.pdf")).pages)
    assert "The pond" in text and "Two maps" in text


def test_a_bad_map_stops_pandoc_with_a_located_error(tmp_path):
    bad = "```argmap\nargmap: 1\ntitle: Bad\nstatements:\n  - {id: T, kind: thesis, text: x, attacks: [Q]}\n```\n"
    run = pandoc(tmp_path, bad, "-t", "html")
    assert run.returncode != 0
    assert "<argmap block 1>:4:" in run.stderr and "error[unknown-id]" in run.stderr
    run = pandoc(tmp_path, "```{.argmap path=nope.yaml}\n```\n", "-t", "html")
    assert run.returncode != 0 and "nope.yaml:1:1: error[file-not-found]" in run.stderr
    run = pandoc(tmp_path, f"```{{.argmap path={GRAPHS / 'drowning-child.yaml'} colour=red}}\n```\n", "-t", "html")
    assert run.returncode != 0 and "unknown key 'colour'" in run.stderr


def test_filter_in_a_pipe(tmp_path, cli):
    ast = subprocess.run(["pandoc", "-t", "json"], input=DOC, capture_output=True, text=True, check=True).stdout
    result = cli("pandoc-filter", "html", input=ast)
    assert result.exit_code == 0
    assert result.output.count('<figure class=\\"argmap\\">') == 3
