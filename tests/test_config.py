"""The configuration: which file applies to a map (nearest wins), what it holds, and the order
of precedence (command line over --config KEY=VALUE over the file over the defaults)."""
from __future__ import annotations

import textwrap

import pytest

import argmap
from argmap import config as C
from argmap.checks import config_diagnostics, run_checks

MAP = """\
argmap: 1
title: t
thesis: T
references: {r1: {author: A}, r2: {author: B}}
statements:
  - {id: T, kind: thesis, text: t}
  - {id: P, kind: premise, text: p, cites: [r1], supports: [T]}
  - {id: Q, kind: premise, text: q, cites: [r2], supports: [T]}
  - {id: C, kind: claim, text: c, supports: [T]}
  - {id: X, kind: claim, text: x, cites: [r1]}
"""


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path):
    """root/argmap.toml, root/sub/map.yaml, root/other/map.yaml."""
    write(tmp_path / "sub" / "map.yaml", MAP)
    write(tmp_path / "other" / "map.yaml", MAP)
    return tmp_path


def found(findings):
    return sorted({d.code for d in findings})


# -- finding the file ------------------------------------------------------------------------------
def test_no_file_gives_the_defaults(tree):
    assert C.find(str(tree / "sub" / "map.yaml")) is None or "argmap" not in open(
        C.find(str(tree / "sub" / "map.yaml"))).read()
    assert C.for_map(str(tree / "sub" / "map.yaml")).select is None


def test_the_nearest_file_wins(tree):
    write(tree / "argmap.toml", 'ignore = ["disconnected"]\n')
    write(tree / "sub" / "argmap.toml", 'ignore = ["unsupported-claim"]\n')
    sub = C.for_map(str(tree / "sub" / "map.yaml"))
    other = C.for_map(str(tree / "other" / "map.yaml"))
    assert sub.ignore == ("unsupported-claim",)          # not merged with the one above
    assert other.ignore == ("disconnected",)
    assert C.find(str(tree / "sub")) .endswith("sub/argmap.toml")


def test_pyproject_without_the_table_is_passed_over(tree):
    write(tree / "argmap.toml", 'select = ["disconnected"]\n')
    write(tree / "sub" / "pyproject.toml", '[tool.ruff]\nline-length = 100\n')
    assert C.for_map(str(tree / "sub" / "map.yaml")).select == ("disconnected",)
    write(tree / "sub" / "pyproject.toml", '[tool.ruff]\nline-length = 100\n[tool.argmap]\nselect = ["contradiction"]\n')
    assert C.for_map(str(tree / "sub" / "map.yaml")).select == ("contradiction",)


def test_dotted_table_in_pyproject(tree):
    write(tree / "pyproject.toml", '[tool.argmap.severity]\nload-bearing = "error"\n')
    assert C.for_map(str(tree / "sub" / "map.yaml")).severity == {"load-bearing": "error"}


def test_order_within_one_folder(tree):
    write(tree / "sub" / "pyproject.toml", '[tool.argmap]\nselect = ["contradiction"]\n')
    write(tree / "sub" / "argmap.toml", 'select = ["disconnected"]\n')
    assert C.for_map(str(tree / "sub" / "map.yaml")).select == ("disconnected",)
    write(tree / "sub" / ".argmap.toml", 'select = ["load-bearing"]\n')
    assert C.for_map(str(tree / "sub" / "map.yaml")).select == ("load-bearing",)


# -- what the file does to the checks --------------------------------------------------------------
def test_select_ignore_and_per_file_ignores(tree):
    amap = argmap.load(str(tree / "sub" / "map.yaml"))
    assert "unsupported-claim" in found(run_checks(amap))
    write(tree / "argmap.toml", 'ignore = ["unsupported-claim"]\n')
    assert "unsupported-claim" not in found(run_checks(amap))
    write(tree / "argmap.toml", 'select = ["unsupported-claim", "disconnected"]\n')
    assert found(run_checks(amap)) == ["disconnected", "unsupported-claim"]
    write(tree / "argmap.toml", '[per-file-ignores]\n"sub/*.yaml" = ["unsupported-claim"]\n')
    assert "unsupported-claim" not in found(run_checks(amap))
    other = argmap.load(str(tree / "other" / "map.yaml"))
    assert "unsupported-claim" in found(run_checks(other))
    write(tree / "argmap.toml", '[per-file-ignores]\n"map.yaml" = ["unsupported-claim"]\n')
    assert "unsupported-claim" not in found(run_checks(other))      # a glob without '/': the name


def test_severity_override(tree):
    write(tree / "argmap.toml", '[severity]\nunsupported-claim = "error"\n')
    amap = argmap.load(str(tree / "sub" / "map.yaml"))
    sev = {d.code: d.severity for d in run_checks(amap)}
    assert sev["unsupported-claim"] == "error"
    assert sev["disconnected"] == "warning"


def test_rule_options_min_sources_and_single_paper_maps(tree):
    amap = argmap.load(str(tree / "sub" / "map.yaml"))
    assert not [d for d in run_checks(amap) if d.code == "single-source"]   # T rests on r1 and r2
    write(tree / "argmap.toml", "[rules.single-source]\nmin-sources = 3\n")
    msgs = [d.message for d in run_checks(amap) if d.code == "single-source"]
    assert msgs == ["all support for 'T' rests on 2 references ([r1], [r2]); 3 are asked for"]
    one = write(tree / "one" / "map.yaml", MAP.replace("cites: [r2]", "cites: [r1]"))
    amap1 = argmap.load(str(one))
    assert [d.message for d in run_checks(amap1) if d.code == "single-source"] == [
        "all support for 'T' rests on one reference: [r1]"]
    write(tree / "one" / "argmap.toml", "[rules.single-source]\nsingle-paper-maps = false\n")
    assert [d for d in run_checks(amap1) if d.code == "single-source"] == []


def test_explicit_config_argument_wins_over_discovery(tree):
    write(tree / "argmap.toml", 'select = ["disconnected"]\n')
    amap = argmap.load(str(tree / "sub" / "map.yaml"))
    assert found(run_checks(amap)) == ["disconnected"]
    assert "unsupported-claim" in found(run_checks(amap, config=C.DEFAULT))


# -- mistakes --------------------------------------------------------------------------------------
def test_unknown_keys_rules_and_options_are_located_warnings_with_suggestions(tree):
    path = write(tree / "argmap.toml", """\
        selekt = ["disconnected"]
        ignore = ["single-sourse"]
        [rules.single-source]
        min-source = 3
        [page]
        templats = "t"
        """)
    cfg = C.read(str(path))
    msgs = [d.format() for d in cfg.diagnostics] + [d.format() for d in config_diagnostics(cfg)]
    assert msgs == [
        f"{path}:1:1: warning[config-unknown-key]: unknown key 'selekt' in the configuration "
        "(did you mean 'select'?)",
        f"{path}:6:1: warning[config-unknown-key]: unknown key 'templats' in [page] (did you mean 'templates'?)",
        f"{path}:2:12: warning[config-unknown-rule]: unknown rule 'single-sourse' "
        "(did you mean 'single-source'?); ignored",
        f"{path}:4:1: warning[config-unknown-key]: rule 'single-source' has no option 'min-source' "
        "(did you mean 'min-sources'?)",
    ]


def test_wrong_values_are_warnings_and_not_used(tree):
    path = write(tree / "argmap.toml", 'fail-on = 3\n[severity]\nload-bearing = "loud"\n'
                                       '[rules.single-source]\nmin-sources = "two"\n')
    cfg = C.read(str(path))
    codes = [d.code for d in cfg.diagnostics] + [d.code for d in config_diagnostics(cfg)]
    assert codes == ["config-value", "config-value", "config-value"]
    assert cfg.fail_on is None and cfg.severity == {}
    amap = argmap.load(str(tree / "sub" / "map.yaml"))
    assert run_checks(amap, config=cfg) == run_checks(amap, config=C.DEFAULT)


def test_a_file_that_is_not_toml_is_a_located_error(tree, cli):
    write(tree / "argmap.toml", 'select = ["a"\nignore = 1\n')
    r = cli("check", tree / "sub" / "map.yaml")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"{tree / 'argmap.toml'}:2:1: error[config-syntax]: not valid TOML")
    assert "Traceback" not in r.output


# -- the command line ----------------------------------------------------------------------------
def test_cli_select_and_ignore_over_the_file(tree, cli):
    write(tree / "argmap.toml", 'select = ["unsupported-claim", "disconnected"]\n'
                                'ignore = ["author-position-defeated"]\n')
    m = tree / "sub" / "map.yaml"

    def codes(*args):
        out = cli("check", m, "--fail-on", "never", "-q", "--no-hints", *args).stdout
        return sorted({line.split("[")[1].split("]")[0] for line in out.splitlines()})
    assert codes() == ["disconnected", "unsupported-claim"]
    # CLI select wins, even over the file's ignore of a rule it names
    assert codes("--select", "author-position-defeated,disconnected") == ["author-position-defeated",
                                                                          "disconnected"]
    assert codes("--ignore", "disconnected") == ["unsupported-claim"]                           # ignores add up
    assert codes("--config", "select = ['disconnected']") == ["disconnected"]                  # KEY=VALUE over file
    assert "single-source" not in codes("--isolated")
    assert len(codes("--isolated")) > 2                                                        # no file: every rule


def test_cli_config_path_replaces_the_search(tree, cli):
    write(tree / "argmap.toml", 'select = ["disconnected"]\n')
    elsewhere = write(tree / "conf" / "strict.toml", 'select = ["unsupported-claim"]\n')
    r = cli("check", tree / "sub" / "map.yaml", "--config", elsewhere, "-q", "--no-hints")
    assert {line.split("[")[1].split("]")[0] for line in r.stdout.splitlines()} == {"unsupported-claim"}
    r = cli("check", tree / "sub" / "map.yaml", "--config", elsewhere, "--isolated")
    assert r.exit_code == 2 and "--isolated" in r.stderr
    r = cli("check", tree / "sub" / "map.yaml", "--config", tree / "missing.toml")
    assert r.exit_code == 1 and "error[config-not-found]" in r.stderr


def test_fail_on_from_the_file_and_the_command_line(tree, cli):
    m = tree / "sub" / "map.yaml"
    assert cli("check", m, "--isolated").exit_code == 0                   # warnings only
    write(tree / "argmap.toml", 'fail-on = "warning"\n')
    assert cli("check", m).exit_code == 1
    assert cli("check", m, "--fail-on", "error").exit_code == 0           # the option wins


def test_warnings_are_printed_once_per_command(tree, cli):
    write(tree / "argmap.toml", 'selekt = 1\n')
    r = cli("check", tree / "sub" / "map.yaml", tree / "other" / "map.yaml", "--fail-on", "never")
    assert r.stderr.count("unknown key 'selekt'") == 1
    r = cli("validate", tree / "sub" / "map.yaml")
    assert r.stderr.count("unknown key 'selekt'") == 1 and r.exit_code == 0


def test_quiet_check_prints_only_findings(tree, cli):
    r = cli("check", tree / "sub" / "map.yaml", "-q", "--isolated")
    lines = r.stdout.splitlines()
    assert lines and all(": warning[" in ln or ln.startswith("    hint: ") or ": info[" in ln for ln in lines)
    assert "statements," not in r.stdout


def test_theme_from_the_file(tree, cli):
    m = tree / "sub" / "map.yaml"
    paper = cli("render", m, "-f", "dot", "-o", "-", "--isolated").stdout
    write(tree / "argmap.toml", 'theme = "color"\n')
    color = cli("render", m, "-f", "dot", "-o", "-").stdout
    assert color != paper
    assert cli("render", m, "-f", "dot", "-o", "-", "--theme", "paper").stdout == paper
    assert cli("render", m, "-f", "dot", "-o", "-", "--config", "theme = 'paper'").stdout == paper


def test_no_active_resolver_leaks_out_of_a_command(tree, cli):
    write(tree / "argmap.toml", 'select = ["disconnected"]\n')
    cli("check", tree / "sub" / "map.yaml", "--isolated")
    assert C.for_map(str(tree / "sub" / "map.yaml")).select == ("disconnected",)
