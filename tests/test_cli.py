"""The command line, through click's CliRunner: exit codes, stdout/stderr, outputs."""
from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx

from conftest import GRAPHS, ROOT

EXAMPLE = GRAPHS / "drowning-child.yaml"


def test_help_lists_commands_and_examples(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for word in ("validate", "export", "schema", "Examples:"):
        assert word in result.output


def test_version(cli):
    import argmap
    result = cli("--version")
    assert result.exit_code == 0 and argmap.__version__ in result.output


def test_usage_error_exits_2(cli):
    assert cli("export", EXAMPLE, "--to", "docx").exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_validate_ok(cli):
    result = cli("validate", EXAMPLE)
    assert result.exit_code == 0
    assert "valid (12 statements" in result.output
    assert result.stderr == ""


def test_export_json_node_link(cli):
    result = cli("export", EXAMPLE, "--to", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert set(data) >= {"directed", "multigraph", "graph", "nodes", "edges"}
    g = nx.node_link_graph(data, edges="edges")
    p1 = g.nodes["P1"]
    assert p1["kind"] == "premise" and p1["section"] == "1" and p1["lines"] == []
    assert p1["cites"] == [{"ref": "singer1972", "pages": "231"}]
    assert g.nodes["I1"]["kind"] == "inference"
    assert g.nodes["welfare"] == {**g.nodes["welfare"], "kind": "value", "class": "purpose",
                                  "text": "Human welfare"}
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert kinds >= {"supports", "attacks", "undercuts", "promotes", "ranks-above", "serves"}
    contexts = {d.get("context") for _, _, d in g.edges(data=True) if d["kind"] == "ranks-above"}
    assert contexts == {"Singer", "common-sense morality"}
    for node, attrs in g.nodes(data=True):
        if attrs["kind"] not in ("inference", "value"):
            assert {"kind", "text", "section", "lines", "cites"} <= set(attrs), node


def test_export_yaml_round_trips(cli, tmp_path):
    result = cli("export", EXAMPLE, "--to", "yaml")
    assert result.exit_code == 0
    out = tmp_path / "again.yaml"
    out.write_text(result.output)
    (tmp_path / "drowning-child.bib").write_text((GRAPHS / "drowning-child.bib").read_text())
    assert cli("validate", out).exit_code == 0
    assert cli("export", out, "--to", "yaml").output == result.output


def test_export_to_file_is_atomic_and_never_overwrites_input(cli, tmp_path):
    target = tmp_path / "out.json"
    assert cli("export", EXAMPLE, "--to", "json", "-o", target).exit_code == 0
    assert json.loads(target.read_text())["graph"]["title"].startswith("The drowning child")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    copy = tmp_path / "map.yaml"
    copy.write_text("argmap: 1\ntitle: T\n")
    before = copy.read_bytes()
    result = cli("export", copy, "--to", "yaml", "-o", copy)
    assert result.exit_code == 1
    assert "error[overwrite-input]" in result.stderr
    assert copy.read_bytes() == before


def test_export_of_bad_map_writes_nothing(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: x\nstatements: [{id: A, kind: nope, text: a}]\n")
    target = tmp_path / "out.json"
    result = cli("export", bad, "--to", "json", "-o", target)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:3:")
    assert not target.exists()


def test_schema_validates_example_with_jsonschema(cli):
    import jsonschema
    import yaml

    result = cli("schema")
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = yaml.safe_load(EXAMPLE.read_text())
    jsonschema.Draft202012Validator(schema).validate(doc)
    bad = dict(doc, statements=[{"id": "A", "kind": "clam", "text": "x"}])
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))


def test_schema_fields_match_loader():
    """The schema and the loader accept the same fields (one cannot drift from the other)."""
    from importlib.resources import files

    from argmap import loader

    schema = json.loads(files("argmap").joinpath("data/map.schema.json").read_text())
    defs = schema["$defs"]
    assert tuple(schema["properties"]) == loader.TOP_FIELDS
    assert tuple(defs["statement"]["properties"]) == loader.STATEMENT_FIELDS
    assert tuple(defs["inference"]["properties"]) == loader.INFERENCE_FIELDS
    assert tuple(defs["relation"]["properties"]) == loader.RELATION_FIELDS
    assert tuple(defs["section"]["properties"]) == loader.SECTION_FIELDS
    assert tuple(defs["reference"]["properties"]) == loader.REFERENCE_FIELDS
    assert tuple(defs["value"]["properties"]) == loader.VALUE_FIELDS
    assert tuple(defs["value-relation"]["properties"]) == loader.VALUE_RELATION_FIELDS
    assert tuple(defs["value-system"]["properties"]) == loader.VALUE_SYSTEM_FIELDS


def test_python_dash_m_and_lazy_imports():
    code = ("import sys, runpy; sys.argv=['argmap','--help'];\n"
            "try:\n runpy.run_module('argmap', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "bad=[m for m in ('networkx','pydot','jinja2','yaml','bibtexparser') if m in sys.modules]\n"
            "print('HEAVY', bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "Usage:" in out.stdout
    assert "HEAVY []" in out.stdout


def test_settled_freezes_what_was_built_and_restores_the_collector():
    """The CLI loads maps inside argmap._gc.settled(): collector paused, then what was built moved
    to the permanent generation; the collector's on/off state is left as it was."""
    import gc

    from argmap._gc import settled

    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            gc.unfreeze()
            with settled():
                assert not gc.isenabled()
                built = [[i] for i in range(1000)]
            assert gc.isenabled() is enabled
            assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_stdout_closed_is_an_error_not_a_silent_success():
    import subprocess
    import sys

    from conftest import GRAPHS

    for args in (["export", str(GRAPHS / "drowning-child.yaml"), "--to", "json"],
                 ["render", str(GRAPHS / "drowning-child.yaml"), "-f", "dot", "-o", "-"]):
        res = subprocess.run([sys.executable, "-m", "argmap", *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, pass_fds=(),
                             preexec_fn=lambda: __import__("os").close(1))
        assert res.returncode == 1
        assert res.stderr.strip().splitlines() == [
            "<stdout>:1:1: error[write]: cannot write to the standard output: it is closed"]


def test_out_of_memory_is_one_line(cli, monkeypatch):
    from argmap.formats import registry

    def exhausted(name):
        raise MemoryError
    monkeypatch.setattr(registry, "get", exhausted)
    from conftest import GRAPHS
    r = cli("export", GRAPHS / "drowning-child.yaml", "--to", "json")
    assert r.exit_code == 1
    assert r.stderr.startswith("<argmap>:1:1: error[out-of-memory]: not enough memory")
    assert r.stderr.count("\n") == 1


def test_html_never_overwrites_what_it_reads(cli, tmp_path):
    """The manuscript (--source, or the map's own source.file) and template files are inputs
    too: -o onto any of them is refused and the file stays as it was."""
    from conftest import ROOT

    ms = tmp_path / "thesis.txt"
    ms.write_text("line one\nline two\n")
    m = tmp_path / "m.yaml"
    m.write_text("argmap: 1\ntitle: t\nsource: {file: thesis.txt}\nstatements:\n"
                 "  - {id: T, kind: thesis, text: t, lines: [1]}\n")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "page.css").write_text((ROOT / "templates" / "page.css").read_text())
    for args in (["--source", ms, "-o", ms], ["-o", ms], ["--templates", tpl, "-o", tpl / "page.css"]):
        before = {p: p.read_bytes() for p in (ms, tpl / "page.css")}
        r = cli("html", m, *args)
        assert r.exit_code == 1 and "error[overwrite-input]" in r.stderr, r.stderr
        assert {p: p.read_bytes() for p in before} == before


def test_graphviz_failure_keeps_the_dot_but_never_over_an_existing_file(cli, tmp_path, monkeypatch):
    """Without Graphviz, `render -o fig.svg` keeps fig.dot, unless a fig.dot is already there
    (nobody named it); an unwritable place for it is a note, not a traceback."""
    from conftest import GRAPHS

    monkeypatch.setenv("PATH", str(tmp_path / "no-graphviz-here"))
    fig = tmp_path / "fig.svg"
    r = cli("render", GRAPHS / "drowning-child.yaml", "-o", fig)
    assert r.exit_code == 1 and "error[graphviz-missing]" in r.stderr
    assert (tmp_path / "fig.dot").read_text().startswith("digraph")
    (tmp_path / "fig.dot").write_text("mine")
    r = cli("render", GRAPHS / "drowning-child.yaml", "-o", fig)
    assert r.exit_code == 1 and (tmp_path / "fig.dot").read_text() == "mine"
    assert "exists, so the DOT source was not kept" in r.stderr
    (tmp_path / "a-file").write_text("x")                 # a folder that is a file: nowhere to write
    r = cli("render", GRAPHS / "drowning-child.yaml", "-o", tmp_path / "a-file" / "f.svg")
    assert r.exit_code == 1 and "Traceback" not in r.stderr
    assert "the DOT source could not be kept" in r.stderr and "error[graphviz-missing]" in r.stderr
