"""The map loader on the bad-input corpus (``tests/data/bad``, see ``tests/test_bad_inputs.py``):
the loader itself, not only the CLI, gives exactly the diagnostics of each ``.expect`` file, and
raises the right exception; every code it reports is listed in :data:`argmap.loader.CODES`."""
from __future__ import annotations

import ast
import re

import pytest
from conftest import ROOT
from test_bad_inputs import BAD, CASES, MADE, MAPS, _make, expected, reader_of

from argmap.errors import ArgmapError, LoadError, ValidationError
from argmap.loader import CODES, LOAD_CODES, load, load_with_diagnostics

MAP_CASES = [n for n in CASES if reader_of(n) in MAPS]
CODE = re.compile(r"^[^\n]*?: (?:error|warning)\[([a-z0-9-]+)\]", re.M)
#: codes of the BibTeX reader (argmap.formats.bibtex), which a map's 'bibtex' field runs
BIBTEX_CODES = {"bibtex-syntax"}


@pytest.fixture
def at_corpus(tmp_path, monkeypatch):
    """Run a case from the folder above it (made in tmp_path for a MADE case)."""
    def go(name: str) -> None:
        root = BAD
        if name in MADE:
            root = tmp_path / "in"
            _make(root, name)
        monkeypatch.chdir(root)
    return go


@pytest.mark.parametrize("name", MAP_CASES)
def test_loader_diagnostics(name, at_corpus):
    at_corpus(name)
    amap, diags = load_with_diagnostics(name)
    assert amap is None
    assert "".join(d.format() + "\n" for d in diags) == expected(name)
    with pytest.raises(ArgmapError) as info:
        load(name)
    assert list(info.value.diagnostics) == diags
    # LoadError when the file cannot be read or parsed, ValidationError when it is not a valid map
    reading = all(d.code in LOAD_CODES for d in diags if d.severity == "error")
    assert type(info.value) is (LoadError if reading else ValidationError)


@pytest.mark.parametrize("name,cls", [("yaml/empty.yaml", LoadError), ("yaml/utf16-version-only.yaml", LoadError),
                                      ("yaml/binary-short.yaml", LoadError), ("yaml/deep-lists.yaml", LoadError),
                                      ("json/deeper.json", LoadError), ("yaml/missing.yaml", LoadError),
                                      ("yaml/unknown-thesis-only.yaml", ValidationError),
                                      ("yaml/four-problems.yaml", ValidationError)])
def test_exception_class(name, cls, at_corpus):
    at_corpus(name)
    with pytest.raises(cls):
        load(name)


def test_every_code_is_listed():
    """CODES lists exactly the codes the loader's modules report, and the corpus uses only those
    (and the BibTeX reader's)."""
    emitted = set()
    for module in ("loader", "fields", "validation", "document"):
        tree = ast.parse((ROOT / "argmap" / f"{module}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):   # error(loc, "code", ...), Diagnostic(loc, "code", ...)
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in ("error", "warning", "Diagnostic") and len(node.args) > 1 \
                        and isinstance(node.args[1], ast.Constant):
                    emitted.add(node.args[1].value)
            keyword = node.arg if isinstance(node, ast.keyword) else None   # code="..."
            if keyword == "code" and isinstance(node.value, ast.Constant):
                emitted.add(node.value.value)
            if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["code"] \
                    and isinstance(node.value, ast.Constant):   # code = "..."
                emitted.add(node.value.value)
    assert emitted == set(CODES)
    assert LOAD_CODES <= set(CODES)
    assert all(meaning and "\n" not in meaning for meaning in CODES.values())
    used = {code for name in MAP_CASES for code in CODE.findall(expected(name))}
    assert used - BIBTEX_CODES <= set(CODES)
    # every code has a case, but a file that exists and cannot be read: as root, every file can
    # and a FIFO, which tests/test_not_a_file.py reads in a subprocess with a timeout (in process,
    # a regression would hang the suite instead of failing)
    assert set(CODES) - used == {"unreadable", "not-a-file"}


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfargmap: 1\ntitle: With BOM\n")
    assert load(str(path)).title == "With BOM"
