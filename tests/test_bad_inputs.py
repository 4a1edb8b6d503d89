"""Hardening: every reader against bad input, from one corpus with one way of stating what
argmap must print.

The corpus is ``tests/data/bad/<reader>/``: one folder per reader (``yaml``, ``json`` and
``bibtex`` for maps, ``argdown``, ``aif``, ``kialo``, ``graphml``, ``nodelink`` for imports,
``iccma`` for frameworks).  A *case* is a file with a sibling ``<name>.expect`` that holds,
exactly, the diagnostic lines argmap prints for it, with paths relative to ``tests/data/bad``
(the commands run there).  Files without an ``.expect`` are what cases name (included parts,
BibTeX files) or good inputs for the tests further down.  Inputs too large to keep in the
repository, and missing files, are made in a temporary folder by :data:`MADE`, under the same
relative name.  Write a new case's ``.expect`` with ``.venv/bin/python tests/test_bad_inputs.py
NAME`` (for example ``yaml/new-case.yaml``) and review it.

Each case goes through the CLI command that reads it (``argmap validate`` and ``argmap export
-o`` for maps, ``argmap import FILE --from X -o OUT`` for interchange files, ``argmap evaluate``
for ICCMA frameworks) and through the library (``load_any`` / ``read_af``).  For every case:

* the command and the library print exactly the lines of the ``.expect`` file, and the exit
  code is 1 (so no traceback, and every line is a located ``path:line:col: severity[code]: ...``);
* no output file is created, an existing output file is left byte-identical, nothing else
  appears in the working directory, and the inputs are never modified.

Further tests: a UTF-8 BOM is fine for every reader, loading never executes anything (YAML
``!!python`` tags, XML external entities), ``-o`` never overwrites an input (the map, an
included part, its BibTeX file), and inputs that once took minutes are read fast.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA

from argmap.errors import ArgmapError
from argmap.formats.iccma import read_af
from argmap.formats.registry import load_any

BAD = DATA / "bad"
LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning)\[[a-z0-9-]+\]: .+")
MAPS = ("yaml", "json", "bibtex")
IMPORTS = {"argdown": "argdown", "aif": "aif", "kialo": "kialo", "graphml": "graphml", "nodelink": "json"}
ICCMA = ("af", "apx", "tgf")
MB5 = 5 * 1024 * 1024

H = b"argmap: 1\ntitle: A map\n"
DIRECTORY, MISSING = object(), object()


def _huge_yaml() -> bytes:
    # a 5 MB statement text on one line, then an unknown field at its very end
    return H + b"statements: [{id: T, kind: thesis, text: " + b"x" * MB5 + b", colour: red}]\n"


def _huge_graphml() -> bytes:
    return (b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            b'<node id="' + b"n" * MB5 + b'"/><node id="b"></graph></graphml>\n')


#: cases whose input is made in the test: too large to keep as a file, or a file that is missing
MADE: dict[str, Callable[[], bytes] | object] = {
    "yaml/huge-line.yaml": _huge_yaml,
    "yaml/too-large.yaml": lambda: H + b"# " + b"x" * (64 * 1024 * 1024),
    "yaml/deeper-100000.yaml": lambda: b"x: " + b"[" * 100000 + b"]" * 100000,
    "yaml/missing.yaml": MISSING,
    "json/deep.json": lambda: b'{"argmap": 1, "x": ' + b"[" * 100000 + b"]" * 100000 + b"}",
    "json/deeper.json": lambda: b"{\"x\": " + b"[" * 100000 + b"]" * 100000 + b"}",
    "json/huge-line.json": lambda: b'{"argmap": 1, "title": "' + b"t" * MB5 + b'", "statements": 5}',
    "argdown/deep.argdown": lambda: b"[T]: t\n" + b"".join(b"  " * i + b"+ [S%d]: s\n" % i for i in range(1, 3000)),
    "argdown/huge-line.argdown": lambda: b"[T]: " + b"word " * (MB5 // 5) + b"\n  + <A>\n\n<A>\n\n(1) p\n",
    "aif/deep.aif": lambda: b'{"nodes": ' + b"[" * 100000 + b"]" * 100000 + b"}",
    "kialo/huge-line.kialo": lambda: b"Discussion: " + b"x" * MB5 + b"\n1. T\n",
    "graphml/huge-line.graphml": _huge_graphml,
    "graphml/deep.graphml": lambda: b"<graphml>" + b"<g>" * 20000 + b"</g>" * 20000 + b"</graphml>",
    "nodelink/deep.json": lambda: b'{"directed": true, "nodes": ' + b"[" * 100000 + b"]" * 100000 + b"}",
    "iccma/huge-number.af": lambda: b"p af 2\n1 " + b"2" * MB5 + b"\n",
    "iccma/huge-line.apx": lambda: b"arg(" + b"a" * MB5 + b").\natt(a,b).\n",
    "iccma/missing.af": MISSING,
}

#: every case, by its name relative to BAD
CASES = sorted(p.relative_to(BAD).as_posix()[:-len(".expect")] for p in BAD.rglob("*.expect"))


def reader_of(name: str) -> str:
    """The reader of a case: its folder, or for ICCMA frameworks its extension."""
    folder = name.split("/")[0]
    return name.rsplit(".", 1)[-1] if folder == "iccma" else folder


def expected(name: str) -> str:
    return (BAD / f"{name}.expect").read_text(encoding="utf-8")


def test_the_corpus_is_whole():
    """Every case has an input (a file, or one MADE) and every MADE input is a case; the
    corpus covers every reader and many codes."""
    made = {n for n in CASES if not os.path.lexists(BAD / n)}
    assert made == set(MADE), "an .expect file without an input, or a MADE input without an .expect"
    readers = [reader_of(n) for n in CASES]
    assert len(readers) >= 190
    for reader in MAPS + tuple(IMPORTS) + ICCMA:
        assert readers.count(reader) >= 2, reader
    codes = {m.group(1) for n in CASES for m in re.finditer(r"^[^\n]*?: error\[([a-z0-9-]+)\]", expected(n), re.M)}
    assert len(codes) >= 45, codes
    for name in CASES:
        lines = expected(name).splitlines()
        assert lines and all(LINE.match(line) for line in lines), name
        assert any(": error[" in line for line in lines), name


# -- running a case ------------------------------------------------------------------------------

def _command(reader: str, path: str, output: str | None) -> list[str]:
    if reader in MAPS:
        return ["validate", path] if output is None else ["export", path, "--to", "json", "-o", output]
    if reader in ICCMA:
        return ["evaluate", path]
    return ["import", path, "--from", IMPORTS[reader], "-o", output]


def _library_diagnostics(reader: str, path: str) -> list:
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


def _make(root: Path, name: str) -> None:
    """The input of a MADE case, under *root*; for an ICCMA case or a BibTeX one, beside the
    other files of its folder (it may name them)."""
    shutil.copytree(BAD / name.split("/")[0], root / name.split("/")[0],
                    ignore=shutil.ignore_patterns("*.expect"))
    content = MADE[name]
    if content is not MISSING:
        assert callable(content)
        (root / name).write_bytes(content())


def _check_run(result, want: str) -> None:
    out = result.output + result.stderr
    assert result.exit_code == 1, out[:2000]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == want, result.stderr[:3000]


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name, cli, tmp_path, monkeypatch):
    want = expected(name)
    reader = reader_of(name)
    root = BAD
    if name in MADE:
        root = tmp_path / "in"
        _make(root, name)
    monkeypatch.chdir(root)
    inputs = root / name.split("/")[0]
    before, listing = _snapshot(inputs), sorted(os.listdir(root))
    # 1. the reading command itself
    _check_run(cli(*_command(reader, name, None if reader in MAPS else str(tmp_path / "out.yaml"))), want)
    # 2. with -o: no output file is created, and an existing one is left as it was
    if reader not in ICCMA:
        out = tmp_path / ("out.json" if reader in MAPS else "out.yaml")
        _check_run(cli(*_command(reader, name, str(out))), want)
        assert not out.exists()
        out.write_bytes(b"an existing output\n")
        _check_run(cli(*_command(reader, name, str(out))), want)
        assert out.read_bytes() == b"an existing output\n"
    # 3. the library gives the same diagnostics
    assert "".join(d.format() + "\n" for d in _library_diagnostics(reader, name)) == want
    assert _snapshot(inputs) == before, "the input must never be modified"
    assert sorted(os.listdir(root)) == listing, "nothing may be written"


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
    """Reference keys follow BibTeX citation keys ("Doe:2020", "doe/2020+a"), not the id rule:
    the case bibtex/key-with-space.yaml without its one bad key loads."""
    shutil.copy(BAD / "bibtex" / "doe-2020.bib", tmp_path / "doe-2020.bib")
    text = (BAD / "bibtex" / "key-with-space.yaml").read_text()
    assert ', cites: ["two words"]' in text
    (tmp_path / "map.yaml").write_text(text.replace(', cites: ["two words"]', ""))
    amap, diags = load_any(str(tmp_path / "map.yaml"))
    assert amap is not None, [d.format() for d in diags]
    assert [c.ref for c in amap.statements[0].cites] == ["Doe:2020", "doe/2020+a"]
    result = cli("check", tmp_path / "map.yaml", "--select", "unknown-reference,unused-reference")
    assert result.exit_code == 0 and "unknown-reference" not in result.output, result.output


# -- reading never executes anything ---------------------------------------------------------------

@pytest.mark.parametrize("name,reader", [("yaml/python-object.yaml", "yaml"),
                                         ("yaml/python-object-top.yaml", "yaml"),
                                         ("yaml/python-apply-title.yaml", "yaml"),
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
    assert amap is None and diags
    assert time.perf_counter() - start < 2


def test_yaml_billion_laughs_is_refused_fast():
    start = time.perf_counter()
    for name, fmt in (("yaml/billion-laughs.yaml", None), ("yaml/billion-laughs-nine.yaml", None),
                      ("argdown/front-matter-laughs.argdown", "argdown")):
        amap, diags = load_any(str(BAD / name), fmt)
        assert amap is None and diags, name
    assert time.perf_counter() - start < 2


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
    assert lines and all(LINE.match(line) for line in lines), lines
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
    assert all(LINE.match(line) or line.startswith("wrote ") for line in result.stderr.splitlines())


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
    dangling references took 12 s, 20 000 several minutes.  (The suggestions themselves are
    cases of the corpus: yaml/did-you-mean-thesis.yaml and others.)"""
    from argmap.loader import loads_with_diagnostics

    n = 20_000
    text = "argmap: 1\ntitle: t\nstatements:\n" + "".join(
        f"  - {{id: s{i}, kind: claim, text: x, supports: [u{i}x]}}\n" for i in range(n))
    start = time.perf_counter()
    amap, diags = loads_with_diagnostics(text, "m.yaml")
    assert time.perf_counter() - start < 15
    assert amap is None and len(diags) == n and all(d.code == "unknown-id" for d in diags)


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


# -- writing the .expect file of a new case -------------------------------------------------------

def write_expectations(names: list[str]) -> None:
    """Write what argmap prints for each case in *names* into its ``.expect`` file."""
    import tempfile

    from click.testing import CliRunner

    from argmap.cli import main

    here = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            root = BAD
            if name in MADE:
                root = Path(tmp) / name.replace("/", "_")
                _make(root, name)
            os.chdir(root)
            try:
                args = _command(reader_of(name), name, None if reader_of(name) in MAPS else str(Path(tmp) / "out"))
                result = CliRunner().invoke(main, args, catch_exceptions=False)
            finally:
                os.chdir(here)
            (BAD / f"{name}.expect").write_text(result.stderr, encoding="utf-8")
            print(f"{name}.expect: exit {result.exit_code}, {len(result.stderr.splitlines())} lines")


if __name__ == "__main__":
    write_expectations(sys.argv[1:])
