"""Hardening: every reader against bad input.

Each malformed input below goes through the CLI command that reads it (``argmap validate`` and
``argmap export -o`` for maps, ``argmap import FILE --from X -o OUT`` for interchange files,
``argmap evaluate`` for ICCMA frameworks) and through the library (``load_any`` / ``read_af``).
For every case:

* the first error has the exact code and ``line:col`` frozen here (each checked by hand to
  point at the real problem), in the CLI and in the library;
* the exit code is 1, there is no traceback, and every stderr line is a located diagnostic
  ``path:line:col: severity[code]: message``;
* no output file is created, an existing output file is left byte-identical, nothing else
  appears in the working directory, and the input files are never modified.

Text cases live in ``tests/data/bad-inputs/<reader>/``; binary, huge and empty inputs,
directories and missing files are made in the test.  Further tests: a UTF-8 BOM is fine for
every reader, loading never executes anything (YAML ``!!python`` tags, XML external entities),
and ``-o`` never overwrites an input (the map, an included part, its BibTeX file).
"""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from argmap.errors import ArgmapError
from argmap.formats.iccma import read_af
from argmap.formats.registry import load_any

from conftest import DATA

BAD = DATA / "bad-inputs"
LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning)\[[a-z0-9-]+\]: .+")
MAPS = ("yaml", "json", "bibtex")
IMPORTS = {"argdown": "argdown", "aif": "aif", "kialo": "kialo", "graphml": "graphml", "nodelink": "json"}
ICCMA = ("af", "apx", "tgf")
MB5 = 5 * 1024 * 1024

# (file under tests/data/bad-inputs, reader, code, line, col[, file the error is in])
CASES = [
    # -- argmap maps, YAML ---------------------------------------------------------------------
    ("yaml/truncated.yaml", "yaml", "yaml-syntax", 5, 49),
    ("yaml/billion-laughs.yaml", "yaml", "yaml-alias", 3, 4),
    ("yaml/python-object.yaml", "yaml", "yaml-tag", 3, 7),
    ("yaml/python-object-top.yaml", "yaml", "yaml-tag", 1, 1),
    ("yaml/include-cycle.yaml", "yaml", "include-cycle", 3, 11, "yaml/cycle-b.yaml"),
    ("yaml/include-self.yaml", "yaml", "include-cycle", 4, 5),
    ("yaml/include-missing.yaml", "yaml", "include-not-found", 3, 11),
    ("yaml/include-directory.yaml", "yaml", "is-a-directory", 3, 11),
    ("yaml/include-twice.yaml", "yaml", "include-duplicate", 5, 5),
    ("yaml/include-broken.yaml", "yaml", "yaml-syntax", 3, 1, "yaml/part-broken.yaml"),
    ("yaml/dangling-reference.yaml", "yaml", "unknown-id", 5, 60),
    ("yaml/duplicate-id.yaml", "yaml", "duplicate-id", 6, 5),
    ("yaml/support-cycle-self.yaml", "yaml", "self-relation", 5, 57),
    ("yaml/inference-cycle.yaml", "yaml", "self-relation", 7, 27),
    ("yaml/wrong-type.yaml", "yaml", "wrong-type", 4, 3),
    ("yaml/wrong-type-text.yaml", "yaml", "wrong-type", 6, 11),
    ("yaml/bad-bool.yaml", "yaml", "wrong-type", 4, 44),
    ("yaml/control-character.yaml", "yaml", "yaml-syntax", 4, 34),
    ("yaml/newline-in-kind.yaml", "yaml", "unknown-kind", 4, 19),
    ("yaml/lines-too-many.yaml", "yaml", "bad-locator", 7, 24),
    ("yaml/two-documents.yaml", "yaml", "yaml-syntax", 3, 1),
    ("yaml/merge-key.yaml", "yaml", "wrong-type", 4, 5),
    ("yaml/tab-indent.yaml", "yaml", "yaml-syntax", 4, 1),
    # -- argmap maps, JSON ---------------------------------------------------------------------
    ("json/truncated.json", "json", "json-syntax", 5, 43),
    ("json/nan.json", "json", "json-syntax", 4, 69),
    ("json/lone-surrogate.json", "json", "encoding", 4, 56),
    ("json/duplicate-key.json", "json", "duplicate-key", 4, 61),
    ("json/top-level-list.json", "json", "wrong-type", 1, 1),
    ("json/trailing-data.json", "json", "json-syntax", 6, 1),
    ("json/dangling-reference.json", "json", "unknown-id", 5, 61),
    ("json/wrong-type.json", "json", "bad-locator", 4, 70),
    # -- BibTeX, through a map's bibtex: field ---------------------------------------------------
    ("bibtex/truncated.yaml", "bibtex", "bibtex-syntax", 7, 1, "bibtex/truncated.bib"),
    ("bibtex/duplicate-key.yaml", "bibtex", "duplicate-id", 5, 1, "bibtex/duplicate-key.bib"),
    ("bibtex/duplicate-field.yaml", "bibtex", "bibtex-syntax", 4, 1, "bibtex/duplicate-field.bib"),
    ("bibtex/missing.yaml", "bibtex", "bibtex-not-found", 5, 9),
    ("bibtex/directory.yaml", "bibtex", "bibtex-not-found", 3, 9),
    ("bibtex/not-text.yaml", "bibtex", "wrong-type", 3, 9),
    # -- Argdown -------------------------------------------------------------------------------
    ("argdown/truncated-pcs.argdown", "argdown", "argdown-syntax", 8, 1),
    ("argdown/front-matter-alias.argdown", "argdown", "argdown-data", 2, 8),
    ("argdown/front-matter-laughs.argdown", "argdown", "argdown-data", 2, 4),
    ("argdown/data-python-tag.argdown", "argdown", "argdown-data", 2, 27),
    ("argdown/front-matter-bad-yaml.argdown", "argdown", "argdown-data", 3, 7),
    ("argdown/plus-syntax.argdown", "argdown", "argdown-plus", 1, 1),
    ("argdown/second-pcs.argdown", "argdown", "argdown-model", 9, 1),
    ("argdown/bad-data-value.argdown", "argdown", "argdown-data", 1, 18),
    # -- AIF -------------------------------------------------------------------------------------
    ("aif/truncated.aif", "aif", "json-syntax", 4, 34),
    ("aif/not-an-object.aif", "aif", "aif", 1, 1),
    ("aif/no-nodes.aif", "aif", "aif", 1, 1),
    ("aif/nodes-not-list.aif", "aif", "aif", 2, 12),
    ("aif/nan.aif", "aif", "json-syntax", 2, 24),
    ("aif/lone-surrogate.aif", "aif", "encoding", 2, 50),
    ("aif/duplicate-key.aif", "aif", "duplicate-key", 2, 42),
    ("aif/aif-string-not-json.aif", "aif", "aif", 2, 10),
    ("aif/extension-bad-kind.aif", "aif", "unknown-kind", 2, 13),
    # -- Kialo -----------------------------------------------------------------------------------
    ("kialo/not-kialo.kialo", "kialo", "kialo", 1, 1),
    ("kialo/header-only-typo.kialo", "kialo", "kialo", 3, 1),
    # -- GraphML ---------------------------------------------------------------------------------
    ("graphml/billion-laughs.graphml", "graphml", "graphml-dtd", 2, 16),
    ("graphml/xxe-local-file.graphml", "graphml", "graphml-dtd", 2, 19),
    ("graphml/xxe-parameter-entity.graphml", "graphml", "graphml-dtd", 2, 19),
    ("graphml/truncated.graphml", "graphml", "graphml-syntax", 7, 44),
    ("graphml/not-graphml.graphml", "graphml", "graphml", 2, 1),
    ("graphml/duplicate-node.graphml", "graphml", "duplicate-id", 8, 5),
    ("graphml/dangling-edge.graphml", "graphml", "unknown-id", 6, 5),
    ("graphml/node-without-id.graphml", "graphml", "graphml", 7, 5),
    ("graphml/bad-kind.graphml", "graphml", "unknown-kind", 7, 5),
    ("graphml/self-loop.graphml", "graphml", "self-relation", 6, 5),
    ("graphml/undefined-entity.graphml", "graphml", "graphml-syntax", 6, 58),
    # -- networkx node-link JSON -----------------------------------------------------------------
    ("nodelink/truncated.json", "nodelink", "json-syntax", 7, 17),
    ("nodelink/dangling-edge.json", "nodelink", "unknown-id", 9, 5),
    ("nodelink/duplicate-id.json", "nodelink", "duplicate-id", 8, 5),
    ("nodelink/missing-kind.json", "nodelink", "missing-field", 7, 5),
    ("nodelink/nodes-not-list.json", "nodelink", "node-link", 5, 12),
    ("nodelink/unknown-role.json", "nodelink", "node-link", 10, 64),
    ("nodelink/two-conclusions.json", "nodelink", "node-link", 14, 5),
    ("nodelink/premise-index-text.json", "nodelink", "node-link", 11, 84),
    ("nodelink/support-self.json", "nodelink", "self-relation", 9, 5),
    ("nodelink/wrong-type-lines.json", "nodelink", "bad-locator", 6, 56),
    # -- ICCMA -----------------------------------------------------------------------------------
    ("iccma/truncated.af", "af", "syntax", 4, 2),
    ("iccma/no-header.af", "af", "header-missing", 2, 1),
    ("iccma/duplicate-header.af", "af", "header-duplicate", 3, 1),
    ("iccma/out-of-range.af", "af", "out-of-range", 3, 3),
    ("iccma/too-many-arguments.af", "af", "header", 1, 6),
    ("iccma/self-attack-text.af", "af", "syntax", 2, 3),
    ("iccma/undeclared.apx", "apx", "undeclared-argument", 4, 7),
    ("iccma/duplicate.apx", "apx", "duplicate-argument", 2, 13),
    ("iccma/truncated.apx", "apx", "truncated", 2, 9),
    ("iccma/bad-escape.apx", "apx", "syntax", 1, 7),
    ("iccma/unknown-predicate.apx", "apx", "syntax", 2, 1),
    ("iccma/no-separator.tgf", "tgf", "syntax", 4, 1),
    ("iccma/undeclared.tgf", "tgf", "undeclared-argument", 5, 3),
    ("iccma/duplicate.tgf", "tgf", "duplicate-argument", 3, 1),
    ("iccma/labels.tgf", "tgf", "syntax", 1, 3),
]

H = b"argmap: 1\ntitle: A map\n"
DIRECTORY, MISSING = object(), object()


def _huge_yaml() -> bytes:
    # a 5 MB statement text on one line, then an unknown field at its very end
    return H + b"statements: [{id: T, kind: thesis, text: " + b"x" * MB5 + b", colour: red}]\n"


def _huge_graphml() -> bytes:
    return (b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            b'<node id="' + b"n" * MB5 + b'"/><node id="b"></graph></graphml>\n')


# (file name, reader, content, code, line, col[, extra files]): made in tmp_path
GENERATED = [
    ("empty.yaml", "yaml", b"", "empty", 1, 1),
    ("blank.yaml", "yaml", b"\n   \n\t\n", "empty", 1, 1),
    ("latin1.yaml", "yaml", H + b"statements:\n  - {id: T, kind: thesis, text: caf\xe9}\n", "encoding", 4, 36),
    ("utf16.yaml", "yaml", (H.decode() + "statements: []\n").encode("utf-16"), "encoding", 1, 1),
    ("utf16-no-bom.yaml", "yaml", H.decode().encode("utf-16-le"), "encoding", 1, 1),
    ("binary.yaml", "yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 3, 1),
    ("deep.yaml", "yaml", H + b"x: " + b"[" * 50 + b"{a: " * 50 + b"1" + b"}" * 50 + b"]" * 50 + b"\n",
     "too-deep", 3, 106),
    ("deeper.yaml", "yaml", H + b"x: " + b"[" * 5000 + b"]" * 5000 + b"\n", "too-deep", 3, 1003),
    ("huge-line.yaml", "yaml", _huge_yaml, "unknown-field", 3, 42 + MB5 + 2),
    ("too-large.yaml", "yaml", lambda: H + b"# " + b"x" * (64 * 1024 * 1024), "too-large", 1, 1),
    ("big-int.yaml", "yaml", b"argmap: 1" + b"0" * 5000 + b"\ntitle: t\n", "wrong-type", 1, 9),
    ("directory.yaml", "yaml", DIRECTORY, "is-a-directory", 1, 1),
    ("missing.yaml", "yaml", MISSING, "file-not-found", 1, 1),
    ("latin1.json", "json", b'{"argmap": 1, "title": "caf\xe9"}', "encoding", 1, 28),
    ("utf16.json", "json", '{"argmap": 1, "title": "t"}'.encode("utf-16"), "encoding", 1, 1),
    ("deep.json", "json", b'{"argmap": 1, "x": ' + b"[" * 100000 + b"]" * 100000 + b"}", "too-deep", 1, 84),
    ("big-int.json", "json", b'{"argmap": 1' + b"0" * 5000 + b', "title": "t"}', "json-syntax", 1, 12),
    ("huge-line.json", "json", lambda: b'{"argmap": 1, "title": "' + b"t" * MB5 + b'", "statements": 5}',
     "wrong-type", 1, 25 + MB5 + 17),
    ("empty.json", "json", b"", "empty", 1, 1),
    ("latin1-bib.yaml", "bibtex", H + b"bibtex: latin1.bib\n", "encoding", 2, 12,
     {"latin1.bib": b"@book{k,\n title={caf\xe9}\n}\n"}),
    ("utf16-bib.yaml", "bibtex", H + b"bibtex: utf16.bib\n", "encoding", 1, 1,
     {"utf16.bib": "@book{k, title={x}}\n".encode("utf-16")}),
    ("spaced-key-bib.yaml", "bibtex", H + b"bibtex: spaced.bib\n", "bad-id", 4, 7,
     {"spaced.bib": b"@book{Doe:2020,\n title={fine}\n}\n@misc{two words,\n title={x}\n}\n"}),
    ("empty.argdown", "argdown", b"", "empty", 1, 1),
    ("latin1.argdown", "argdown", b"[T]: Caf\xe9.\n", "encoding", 1, 9),
    ("utf16.argdown", "argdown", "[T]: x\n".encode("utf-16"), "encoding", 1, 1),
    ("deep.argdown", "argdown", b"[T]: t\n" + b"".join(b"  " * i + b"+ [S%d]: s\n" % i for i in range(1, 3000)),
     "too-deep", 102, 1),
    ("huge-line.argdown", "argdown", lambda: b"[T]: " + b"word " * (MB5 // 5) + b"\n  + <A>\n\n<A>\n\n(1) p\n",
     "argdown-syntax", 7, 1),
    ("empty.aif", "aif", b"", "empty", 1, 1),
    ("utf16.aif", "aif", b'{"nodes": []}'.decode().encode("utf-16"), "encoding", 1, 1),
    ("deep.aif", "aif", b'{"nodes": ' + b"[" * 100000 + b"]" * 100000 + b"}", "too-deep", 1, 75),
    ("binary.aif", "aif", b"\x00\x01\x02\x03", "binary", 1, 1),
    ("empty.kialo", "kialo", b"", "empty", 1, 1),
    ("latin1.kialo", "kialo", b"Discussion Title: Caf\xe9s\n\n1. Yes.\n", "encoding", 1, 22),
    ("binary.kialo", "kialo", b"Discussion Title: x\n\x00\x00", "binary", 2, 1),
    ("huge-line.kialo", "kialo", lambda: b"Discussion: " + b"x" * MB5 + b"\n1. T\n", "kialo", 1, 1),
    ("empty.graphml", "graphml", b"", "graphml-syntax", 1, 1),
    ("latin1.graphml", "graphml", b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<graphml>caf\xe9</graphml>\n',
     "encoding", 2, 13),
    ("huge-line.graphml", "graphml", _huge_graphml, "graphml-syntax", 1, MB5 + 114),  # at 'graph' in </graph>
    ("deep.graphml", "graphml", b"<graphml>" + b"<g>" * 20000 + b"</g>" * 20000 + b"</graphml>", "graphml", 1, 1),
    ("empty.json", "nodelink", b"", "empty", 1, 1),
    ("deep.json", "nodelink", b'{"directed": true, "nodes": ' + b"[" * 100000 + b"]" * 100000 + b"}",
     "too-deep", 1, 93),
    ("empty.af", "af", b"", "empty", 1, 1),
    ("latin1.af", "af", b"p af 2\n# caf\xe9\n1 2\n", "encoding", 2, 6),
    ("utf16.af", "af", "p af 2\n1 2\n".encode("utf-16"), "encoding", 1, 1),
    ("huge-number.af", "af", lambda: b"p af 2\n1 " + b"2" * MB5 + b"\n", "out-of-range", 2, 3),
    ("huge-header.af", "af", b"p af " + b"9" * 5000 + b"\n", "header", 1, 6),
    ("directory.af", "af", DIRECTORY, "is-a-directory", 1, 1),
    ("missing.af", "af", MISSING, "file-not-found", 1, 1),
    ("huge-line.apx", "apx", lambda: b"arg(" + b"a" * MB5 + b").\natt(a,b).\n", "undeclared-argument", 2, 5),
    ("latin1.apx", "apx", b"arg(caf\xe9).\n", "encoding", 1, 8),
    ("empty.tgf", "tgf", b"", "empty", 1, 1),
    ("utf16.tgf", "tgf", "a\n#\n".encode("utf-16"), "encoding", 1, 1),
]


def test_enough_cases_across_every_reader():
    readers = [c[1] for c in CASES + GENERATED]
    assert len(readers) >= 60
    for reader in MAPS + tuple(IMPORTS) + ICCMA:
        assert readers.count(reader) >= 2, reader


# -- running a case ------------------------------------------------------------------------------

def _command(reader: str, path: str, output: str | None) -> list[str]:
    if reader in MAPS:
        return ["validate", path] if output is None else ["export", path, "--to", "json", "-o", output]
    if reader in ICCMA:
        return ["evaluate", path]
    return ["import", path, "--from", IMPORTS[reader], "-o", output or "out.yaml"]


def _library_diagnostics(reader: str, path: str):
    if reader in ICCMA:
        try:
            read_af(Path(path) if os.path.exists(path) else path, fmt=reader)
        except ArgmapError as exc:
            return list(exc.diagnostics)
        raise AssertionError("read_af accepted a bad input")
    amap, diags = load_any(path, None if reader in MAPS else IMPORTS[reader])
    assert amap is None
    return diags


def _snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _check_run(result, path: str, code: str, line: int, col: int):
    out = result.output + result.stderr
    assert result.exit_code == 1, out[:2000]
    assert "Traceback" not in out
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert lines, "an error must be reported"
    for text in lines:
        assert LINE.match(text), text[:300]
    first = next(l for l in lines if ": error[" in l)
    assert first.startswith(f"{path}:{line}:{col}: error[{code}]: "), first[:300]


def _run_case(cli, workdir: Path, inputs: Path, path: str, reader: str, code, line, col, at: str):
    before = _snapshot(inputs)
    # 1. the reading command itself
    result = cli(*_command(reader, path, None))
    _check_run(result, at, code, line, col)
    # 2. with -o: no output file is created, and an existing one is left as it was
    if reader not in ICCMA:
        out = workdir / ("out.json" if reader in MAPS else "out.yaml")
        result = cli(*_command(reader, path, str(out)))
        _check_run(result, at, code, line, col)
        assert not out.exists()
        out.write_bytes(b"an existing output\n")
        result = cli(*_command(reader, path, str(out)))
        _check_run(result, at, code, line, col)
        assert out.read_bytes() == b"an existing output\n"
        out.unlink()
    assert sorted(p.name for p in workdir.iterdir()) == [], "nothing may be written"
    # 3. the library gives the same first error
    diags = _library_diagnostics(reader, path)
    first = next(d for d in diags if d.severity == "error")
    assert (first.location.path, first.location.line, first.location.col, first.code) == (at, line, col, code)
    assert _snapshot(inputs) == before, "the input must never be modified"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_bad_input_file(case, cli, tmp_path, monkeypatch):
    name, reader, code, line, col, *rest = case
    path = BAD / name
    at = str(BAD / rest[0]) if rest else str(path)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    _run_case(cli, work, path.parent, str(path), reader, code, line, col, at)


@pytest.mark.parametrize("case", GENERATED, ids=lambda c: f"{c[1]}-{c[0]}")
def test_bad_input_generated(case, cli, tmp_path, monkeypatch):
    name, reader, content, code, line, col, *rest = case
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = inputs / name
    if content is DIRECTORY:
        path.mkdir()
    elif content is not MISSING:
        path.write_bytes(content() if callable(content) else content)
    for extra, data in (rest[0] if rest else {}).items():
        (inputs / extra).write_bytes(data)
    at = str(path)
    if rest:
        at = str(inputs / next(iter(rest[0])))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    _run_case(cli, work, inputs, str(path), reader, code, line, col, at)


# -- a UTF-8 byte order mark is fine ---------------------------------------------------------------

BOM_FILES = [("yaml/utf8-bom.yaml", None), ("json/utf8-bom.json", None), ("argdown/utf8-bom.argdown", "argdown"),
             ("aif/utf8-bom.aif", "aif"), ("kialo/utf8-bom.kialo", "kialo"), ("graphml/utf8-bom.graphml", "graphml"),
             ("nodelink/utf8-bom.json", "json")]


@pytest.mark.parametrize("name,fmt", BOM_FILES, ids=[b[0] for b in BOM_FILES])
def test_utf8_bom_loads(name, fmt, cli, tmp_path):
    path = BAD / name
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    amap, diags = load_any(str(path), fmt)
    assert amap is not None, [d.format() for d in diags]
    texts = [s.text for s in amap.statements]
    assert any("Caf\u00e9" in t for t in texts) and not any("\ufeff" in t for t in texts)
    assert amap.title and not amap.title.startswith("\ufeff")
    out = tmp_path / "out.yaml"
    args = ["export", path, "--to", "yaml", "-o", out] if fmt is None else ["import", path, "--from", fmt, "-o", out]
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("fmt", ICCMA)
def test_utf8_bom_iccma(fmt, cli, tmp_path):
    text = {"af": "p af 2\n1 2\n", "apx": "arg(a).\narg(b).\natt(a,b).\n", "tgf": "a\nb\n#\na b\n"}[fmt]
    path = tmp_path / f"bom.{fmt}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert len(read_af(path).arguments) == 2
    result = cli("evaluate", path)
    assert result.exit_code == 0 and result.output.startswith("w "), result.stderr


def test_utf8_bom_bibtex(tmp_path):
    (tmp_path / "refs.bib").write_bytes(b"\xef\xbb\xbf" + (BAD / "bibtex" / "ok.bib").read_bytes())
    (tmp_path / "map.yaml").write_bytes(H + b"bibtex: refs.bib\n")
    amap, diags = load_any(str(tmp_path / "map.yaml"))
    assert amap is not None, [d.format() for d in diags]
    assert [r.id for r in amap.references] == ["smith2001"]


def test_bibtex_style_reference_keys_can_be_cited(tmp_path, cli):
    """Reference keys follow BibTeX citation keys ("Doe:2020", "doe/2020+a"), not the id rule."""
    (tmp_path / "refs.bib").write_text("@book{Doe:2020,\n title={A Book}\n}\n")
    (tmp_path / "map.yaml").write_bytes(H + b"""bibtex: refs.bib
references: {"doe/2020+a": {title: Another}}
statements:
  - {id: C, kind: claim, text: c, cites: ["Doe:2020", {ref: "doe/2020+a", pages: "3"}]}
  - {id: D, kind: claim, text: d, cites: ["two words"]}
""")
    amap, diags = load_any(str(tmp_path / "map.yaml"))
    assert amap is None
    assert [(d.code, d.location.line, d.location.col) for d in diags] == [("bad-id", 7, 43)]
    assert "'two words' is not a valid reference key" in diags[0].message
    text = (tmp_path / "map.yaml").read_text().replace(', cites: ["two words"]', "")
    (tmp_path / "map.yaml").write_text(text)
    amap, diags = load_any(str(tmp_path / "map.yaml"))
    assert amap is not None, [d.format() for d in diags]
    assert [c.ref for c in amap.statements[0].cites] == ["Doe:2020", "doe/2020+a"]
    result = cli("check", tmp_path / "map.yaml", "--select", "unknown-reference,unused-reference")
    assert result.exit_code == 0 and "unknown-reference" not in result.output, result.output


# -- reading never executes anything ---------------------------------------------------------------

@pytest.mark.parametrize("name,reader", [("yaml/python-object.yaml", "yaml"),
                                         ("yaml/python-object-top.yaml", "yaml"),
                                         ("argdown/data-python-tag.argdown", "argdown")])
def test_yaml_python_tags_are_not_executed(name, reader, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ["validate", BAD / name] if reader == "yaml" else ["import", BAD / name, "--from", reader]
    result = cli(*args)
    assert result.exit_code == 1
    assert not (tmp_path / "argmap-was-here").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["graphml/xxe-local-file.graphml", "graphml/xxe-parameter-entity.graphml"])
def test_xml_external_entities_are_not_read(name, cli, tmp_path):
    secret = (BAD / "graphml" / "secret.txt").read_text().strip()
    out = tmp_path / "out.yaml"
    result = cli("import", BAD / name, "--from", "graphml", "-o", out)
    assert result.exit_code == 1
    assert secret not in result.output + result.stderr
    assert not out.exists()
    # the same file with the DOCTYPE removed imports (the refusal is about the DTD only)
    text = re.sub(r"<!DOCTYPE.*?\]>\n", "", (BAD / name).read_text(), flags=re.S)
    plain = tmp_path / "plain.graphml"
    plain.write_text(text.replace("&secret;", "no entity"))
    result = cli("import", plain, "--from", "graphml", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert secret not in out.read_text()


def test_xml_billion_laughs_is_refused_fast():
    start = time.perf_counter()
    amap, diags = load_any(str(BAD / "graphml" / "billion-laughs.graphml"), "graphml")
    assert amap is None and diags[0].code == "graphml-dtd"
    assert time.perf_counter() - start < 2


def test_yaml_billion_laughs_is_refused_fast():
    start = time.perf_counter()
    amap, diags = load_any(str(BAD / "yaml" / "billion-laughs.yaml"))
    assert amap is None and diags[0].code == "yaml-alias"
    amap, diags = load_any(str(BAD / "argdown" / "front-matter-laughs.argdown"), "argdown")
    assert amap is None and diags[0].code == "argdown-data"
    assert time.perf_counter() - start < 2


def test_messages_stay_on_one_line(cli):
    """User text with line breaks (here a kind "the\\nsis") is quoted escaped, not broken."""
    result = cli("validate", BAD / "yaml" / "newline-in-kind.yaml")
    assert result.stderr.count("\n") == 1 and "'the\\nsis'" in result.stderr


def test_bibtex_parser_logs_nothing(cli, capfd):
    """bibtexparser logs failed blocks itself; argmap reports them, located, and nothing else."""
    result = cli("validate", BAD / "bibtex" / "truncated.yaml")
    captured = capfd.readouterr()
    assert result.exit_code == 1
    assert "aborted" not in captured.err + captured.out + result.stderr


# -- -o never overwrites an input --------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "map.yaml").write_bytes(H + b"bibtex: refs.bib\ninclude: [part.yaml]\nstatements:\n"
                                      b"  - {id: T, kind: thesis, text: The thesis., cites: [smith2001]}\n"
                                      b"values:\n  - {id: v, name: A value, class: purpose}\n")
    (folder / "part.yaml").write_bytes(b"statements:\n  - {id: P, kind: premise, text: A reason., supports: [T]}\n")
    shutil.copy(BAD / "bibtex" / "ok.bib", folder / "refs.bib")
    return folder


COMMANDS = {
    "export": ["export", "{map}", "--to", "yaml", "-o", "{out}"],
    "import": ["import", "{map}", "--from", "yaml", "-o", "{out}"],
    "render": ["render", "{map}", "-f", "dot", "-o", "{out}"],
    "values": ["values", "{map}", "-f", "dot", "-o", "{out}"],
    "html": ["html", "{map}", "--no-source", "-o", "{out}"],
}


@pytest.mark.parametrize("target", ["map.yaml", "part.yaml", "refs.bib"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_never_overwrites_an_input(command, target, cli, tmp_path, monkeypatch):
    folder = _project(tmp_path)
    monkeypatch.chdir(folder)
    before = _snapshot(folder)
    args = [a.format(map=folder / "map.yaml", out=folder / target) for a in COMMANDS[command]]
    result = cli(*args)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(LINE.match(l) for l in lines), lines
    assert lines[0].startswith(f"{folder / target}:1:1: error[overwrite-input]: ")
    assert _snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == ["map.yaml", "part.yaml", "refs.bib"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_refuses_an_input_under_another_name(command, cli, tmp_path, monkeypatch):
    """A symbolic link to the map is the map."""
    folder = _project(tmp_path)
    monkeypatch.chdir(folder)
    (tmp_path / "link.yaml").symlink_to(folder / "map.yaml")
    before = _snapshot(folder)
    args = [a.format(map=folder / "map.yaml", out=tmp_path / "link.yaml") for a in COMMANDS[command]]
    result = cli(*args)
    assert result.exit_code == 1 and "overwrite-input" in result.stderr
    assert _snapshot(folder) == before and (tmp_path / "link.yaml").is_symlink()


def test_import_refuses_to_overwrite_the_imported_file(cli, tmp_path):
    src = tmp_path / "map.argdown"
    src.write_bytes((BAD / "argdown" / "utf8-bom.argdown").read_bytes())
    before = src.read_bytes()
    result = cli("import", src, "--from", "argdown", "-o", src)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{src}:1:1: error[overwrite-input]: ")
    assert src.read_bytes() == before


# -- regressions: one test per bug found by this suite and by fuzzing --------------------------------

def test_importer_errors_are_diagnostics_not_exceptions():
    """Format.read_with_diagnostics let a fatal LoadError of Argdown, AIF, Kialo and GraphML
    escape (a traceback in `argmap import`); it returns it as diagnostics now."""
    from argmap.formats.registry import FORMATS

    for name in ("argdown", "aif", "kialo", "graphml", "json"):
        amap, diags = FORMATS[name].read_with_diagnostics("", f"empty.{name}")
        assert amap is None and diags and diags[0].severity == "error", name


def test_diagnostic_lines_escape_line_breaks():
    from argmap.errors import Diagnostic, Location

    d = Diagnostic(Location("a.yaml", 2, 3), "unknown-kind", "kind 'a\nb\rc\u2028d' is unknown")
    assert d.format() == "a.yaml:2:3: error[unknown-kind]: kind 'a\\nb\\rc\\u2028d' is unknown"


def test_node_link_is_found_after_a_long_graph_block(cli, tmp_path):
    """The node-link sniffer looked for "nodes" in the first 4000 characters only: an exported map
    with many references was then read (and rejected) as an argmap map."""
    refs = "".join(f"  r{i}: {{title: A reference with a long title number {i}}}\n" for i in range(200))
    (tmp_path / "map.yaml").write_text("argmap: 1\ntitle: t\nreferences:\n" + refs
                                       + "statements:\n  - {id: T, kind: thesis, text: x}\n")
    out = tmp_path / "map.json"
    assert cli("export", tmp_path / "map.yaml", "--to", "json", "-o", out).exit_code == 0
    assert out.read_text().index('"nodes"') > 4000
    result = cli("validate", out)
    assert result.exit_code == 0, result.stderr


def test_node_link_used_to_accept_anything(tmp_path):
    """read_json built the map without validating it: a node without kind or text, an edge to a
    node that does not exist were imported silently."""
    from argmap.formats.nodelink import read_json_with_diagnostics

    text = ('{"directed": true, "graph": {"title": "t"}, "nodes": [{"id": "a"}],\n'
            ' "edges": [{"source": "a", "target": "zz", "kind": "supports"}]}')
    amap, diags = read_json_with_diagnostics(text, "x.json")
    assert amap is None
    assert [(d.code, d.location.line, d.location.col) for d in diags if d.severity == "error"] == [
        ("missing-field", 1, 55), ("missing-field", 1, 55), ("unknown-id", 2, 12)]


@pytest.mark.parametrize("key,value", [("cites", "[1, 2]"), ("lines", '{"a": 1}'), ("tags", '"x"'),
                                       ("references", "[1]"), ("sections", '{"x": 1}'),
                                       ("value_system", "[1]")])
def test_graphml_attributes_of_the_wrong_shape_are_located_warnings(key, value):
    """JSON attributes of the wrong shape crashed the rebuild (an error at 1:1 naming a Python
    exception); they are now ignored with a warning at their node or graph."""
    from argmap.formats.graphml import read_graphml_with_diagnostics

    target = "graph" if key in ("references", "sections", "value_system") else "node"
    text = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            f'<key id="x" for="{target}" attr.name="{key}" attr.type="string"/>\n'
            '<key id="k" for="node" attr.name="kind" attr.type="string"/>\n'
            '<graph edgedefault="directed">\n' + (f'<data key="x">{value}</data>\n' if target == "graph" else "")
            + '<node id="a"><data key="k">claim</data>'
            + (f'<data key="x">{value}</data>' if target == "node" else "") + "</node>\n</graph>\n</graphml>\n")
    amap, diags = read_graphml_with_diagnostics(text, "x.graphml")
    assert amap is not None, [d.format() for d in diags]
    warning = next(d for d in diags if d.code == "graphml-attribute")
    assert (warning.location.line, warning.location.col) == ((4, 1) if target == "graph" else (5, 1))


def test_graphml_networkx_warnings_are_diagnostics(cli, tmp_path, capfd):
    """networkx warns (on stderr, unformatted) about a <data> whose <key> has no type."""
    path = tmp_path / "x.graphml"
    path.write_text('<graphml><key id="k" for="node" attr.name="kind"/><graph edgedefault="directed">'
                    '<node id="a"><data key="k">claim</data><data key="q">x</data></node></graph></graphml>')
    result = cli("import", path, "--from", "graphml", "-o", tmp_path / "out.yaml")
    captured = capfd.readouterr()
    assert "UserWarning" not in captured.err + result.stderr
    assert all(LINE.match(l) or l.startswith("wrote ") for l in result.stderr.splitlines())


def test_kialo_links_to_links_are_warnings(tmp_path):
    """A claim linking to a link claim (or answering a link that leads nowhere) produced an
    'unknown-id' error for a statement that was never made; they are warnings now."""
    from argmap.formats.kialo import read_kialo_with_diagnostics

    text = ("Discussion Title: t\n1. T\n1.1. Pro: -> See 9.9.\n1.1.1. Con: child of a dangling link\n"
            "1.2. Pro: -> See 1.3.\n1.3. Con: -> See 1.2.\n1.3.1. Pro: x\n")
    amap, diags = read_kialo_with_diagnostics(text, "k.kialo")
    assert amap is not None, [d.format() for d in diags]
    assert [(d.code, d.location.line) for d in diags] == [("kialo-link", n) for n in (3, 4, 5, 6, 7)]
    assert [s.id for s in amap.statements] == ["1", "1.1.1", "1.3.1"]


def test_iccma_single_line_content_with_tabs_is_content():
    """'p\\taf\\t0' (one line, tabs) was taken for a file name: 'no such file'."""
    assert read_af("p\taf\t2").arguments == ("1", "2")


def test_argdown_yaml_values_pyyaml_cannot_make_are_located(tmp_path):
    from argmap.formats.argdown import read_argdown_with_diagnostics

    with pytest.raises(ArgmapError) as info:
        read_argdown_with_diagnostics("===\nx: 1" + "0" * 5000 + "\n===\n\n[A]: a\n", "a.argdown")
    d = info.value.diagnostics[0]
    assert (d.code, d.location.line) == ("argdown-data", 1)


def test_lines_ranges_are_bounded_in_total():
    """Two 'lines' ranges of 90000 lines each made one statement hold 180000 line numbers (a
    few ranges in a small file could need gigabytes): the total is bounded."""
    from argmap.loader import loads_with_diagnostics

    text = "argmap: 1\ntitle: t\nstatements:\n  - {id: T, kind: thesis, text: x, lines: [\"1-60000\", \"1-60000\"]}\n"
    amap, diags = loads_with_diagnostics(text, "m.yaml")
    assert amap is None and [(d.code, d.location.col) for d in diags] == [("bad-locator", 55)]


# -- small inputs that took minutes or gigabytes (found while hardening; timings are generous) ---

@pytest.mark.parametrize("text", ["[A]: " + "[" * 50_000, "[A]: " + "<" * 50_000, "[A]: " + "{" * 50_000 + "},",
                                  "[A]: " + "[x](" * 20_000, "[A]: " + "@[" * 30_000, "[A]: " + "<!--" * 20_000,
                                  "[A]: " + "//" * 30_000 + "\u2028", "[A]: " + "#(" * 30_000],
                         ids=["brackets", "angles", "braces", "links", "mentions", "comments", "line-comments", "tags"])
def test_argdown_unclosed_tokens_take_linear_time(text):
    """Each opening character made a token regex scan to the end of the line before failing:
    quadratic time (50 kB of '[' took about a minute)."""
    from argmap.formats.argdown.lexer import tokenize

    start = time.perf_counter()
    try:
        tokenize(text, "x.argdown")
    except ArgmapError:
        pass
    assert time.perf_counter() - start < 3


def test_argdown_undercut_fan_out_is_bounded():
    """An undercut of a statement undercuts each of its supports: m undercuts of a statement with
    n supports made m x n relations (2 000 lines asked for 4 million)."""
    from argmap.formats.argdown import read_argdown_with_diagnostics
    from argmap.formats.argdown.mapper import MAX_UNDERCUTS

    k = 1000
    text = ("[S]: s\n" + "".join(f"  +> [T{i}]: t{i}\n" for i in range(k))
            + "".join(f"  <_ [U{i}]: u{i}\n" for i in range(k)))
    start = time.perf_counter()
    amap, diags = read_argdown_with_diagnostics(text, "x.argdown")
    assert time.perf_counter() - start < 20
    assert amap is not None and len(amap.relations) <= MAX_UNDERCUTS + k
    first = next(d for d in diags if d.code == "argdown-undercut")
    assert (first.location.line, first.severity) == (k + 2 + MAX_UNDERCUTS // k, "warning")


@pytest.mark.parametrize("kind", ["CA", "RA", "MA"])
def test_aif_fan_out_is_bounded(kind):
    """A CA (RA, MA) node with m inputs and n outputs became m x n relations: 3 000 edges asked
    for 2 million relations (a minute)."""
    import json

    from argmap.formats.aif import read_aif_with_diagnostics

    m = 1500
    nodes = ([{"nodeID": f"a{i}", "type": "I", "text": "x"} for i in range(m)]
             + [{"nodeID": f"t{i}", "type": "I", "text": "y"} for i in range(m)] + [{"nodeID": "x", "type": kind}])
    edges = [{"fromID": f"a{i}", "toID": "x"} for i in range(m)] + [{"fromID": "x", "toID": f"t{i}"} for i in range(m)]
    start = time.perf_counter()
    amap, diags = read_aif_with_diagnostics(json.dumps({"nodes": nodes, "edges": edges}), "x.aif")
    assert time.perf_counter() - start < 5
    assert amap is not None and not amap.relations and not amap.inferences
    assert any(d.code == "aif-structure" and "not imported" in d.message for d in diags)


def test_many_dangling_references_are_reported_fast():
    """Each unknown id was compared with every id for a 'did you mean' (difflib): 3 000
    dangling references took 12 s, 20 000 several minutes."""
    from argmap.loader import loads_with_diagnostics

    n = 20_000
    text = "argmap: 1\ntitle: t\nstatements:\n" + "".join(
        f"  - {{id: s{i}, kind: claim, text: x, supports: [u{i}x]}}\n" for i in range(n))
    start = time.perf_counter()
    amap, diags = loads_with_diagnostics(text, "m.yaml")
    assert time.perf_counter() - start < 15
    assert amap is None and len(diags) == n and all(d.code == "unknown-id" for d in diags)
    small, diags = loads_with_diagnostics("argmap: 1\ntitle: t\nstatements:\n  - {id: Thesis, kind: thesis, "
                                          "text: x}\n  - {id: P, kind: claim, text: y, supports: [Thesys]}\n", "s.yaml")
    assert "did you mean 'Thesis'" in diags[0].message


def test_repeated_foreign_ids_are_made_unique_in_linear_time():
    """IdMaker tried _2, _3, ... from the start for each repeat of a name: k repeats, k^2 steps."""
    from argmap.formats.kialo import read_kialo_with_diagnostics

    start = time.perf_counter()
    amap, diags = read_kialo_with_diagnostics("Discussion Title: t\n1. T\n" + "1.1. Pro: x\n" * 5000, "k.kialo")
    assert time.perf_counter() - start < 5
    assert amap is not None and len({s.id for s in amap.statements}) == 5001


# -- found by the fuzzing session (tests/test_fuzz.py, bench/fuzz.py) ---------------------------------

def test_aif_extension_lists_of_anything():
    """The 'argmap' block's 'inferences' and 'contradictions' were made sets: a list in them
    (unhashable) crashed the import (import-failed at 1:1)."""
    from argmap.formats.aif import read_aif_with_diagnostics

    text = ('{"nodes": [{"nodeID": "a", "type": "I", "text": "x"}], "edges": [],\n'
            ' "argmap": {"inferences": [[]], "contradictions": [{}, null, 3]}}')
    amap, diags = read_aif_with_diagnostics(text, "x.aif")
    assert amap is not None and [s.id for s in amap.statements] == ["a"]
    assert not [d for d in diags if d.code == "import-failed"]
