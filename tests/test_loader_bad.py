"""Malformed maps: each gives exactly the expected located lines, exit code 1, no traceback."""
from __future__ import annotations

import re

import pytest

from argmap.errors import ArgmapError, LoadError, ValidationError
from argmap.loader import load, load_with_diagnostics

from conftest import DATA

BAD = sorted(p for p in (DATA / "bad").iterdir() if not p.name.endswith(".expect"))
EXPECT_RE = re.compile(r"^# expect: (\S+) (\d+):(\d+)$", re.M)


def expectations(path):
    text = path.with_name(path.name + ".expect").read_text() if path.suffix == ".json" \
        else path.read_text()
    return [(code, int(line), int(col)) for code, line, col in EXPECT_RE.findall(text)]


def test_bad_set_is_large_enough():
    assert len(BAD) >= 25
    assert len({e[0][0] for e in map(expectations, BAD)}) >= 15, "cases must cover many codes"


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_map_library(path):
    amap, diags = load_with_diagnostics(str(path))
    assert amap is None
    got = [(d.code, d.location.line, d.location.col) for d in diags if d.severity == "error"]
    assert got == expectations(path)
    assert all(d.location.path == str(path) for d in diags)
    with pytest.raises(ArgmapError):
        load(str(path))


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_map_cli(path, cli):
    before = path.read_bytes()
    result = cli("validate", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    lines = result.stderr.strip().splitlines()
    expected = [f"{path}:{line}:{col}: error[{code}]: " for code, line, col in expectations(path)]
    assert len(lines) == len(expected)
    for got, want in zip(lines, expected):
        assert got.startswith(want)
    assert path.read_bytes() == before, "the input must never be touched"


def _write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("name,data,code,line,col", [
    ("empty.yaml", b"", "empty", 1, 1),
    ("blank.yaml", b"\n  \n", "empty", 1, 1),
    ("comments.yaml", b"# only a comment\n", "empty", 1, 1),
    ("latin1.yaml", b"argmap: 1\ntitle: caf\xe9\n", "encoding", 2, 11),
    ("utf16.yaml", "argmap: 1\n".encode("utf-16"), "encoding", 1, 1),
    ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "binary", 3, 1),
    ("deep.yaml", b"x: " + b"[" * 200 + b"]" * 200, "too-deep", 1, 67),
    ("deeper.json", b"{\"x\": " + b"[" * 100000 + b"]" * 100000 + b"}", "too-deep", 1, 71),
])
def test_unreadable_inputs(tmp_path, cli, name, data, code, line, col):
    path = _write(tmp_path, name, data)
    amap, diags = load_with_diagnostics(str(path))
    assert amap is None
    assert [(d.code, d.location.line, d.location.col) for d in diags][:1] == [(code, line, col)]
    with pytest.raises(LoadError):
        load(str(path))
    result = cli("validate", path)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:{line}:{col}: error[{code}]: ")


def test_missing_file_and_directory(tmp_path, cli):
    for path, code in ((tmp_path / "nope.yaml", "file-not-found"), (tmp_path, "is-a-directory")):
        result = cli("validate", path)
        assert result.exit_code == 1
        assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
        assert f"{path}:1:1: error[{code}]: " in result.stderr


def test_bom_is_accepted(tmp_path):
    path = _write(tmp_path, "bom.yaml", b"\xef\xbb\xbfargmap: 1\ntitle: With BOM\n")
    assert load(str(path)).title == "With BOM"


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ["argmap: 1", "title: lol", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
    path = _write(tmp_path, "lol.yaml", "\n".join(lines).encode())
    amap, diags = load_with_diagnostics(str(path))
    assert amap is None and diags[0].code == "yaml-alias"


def test_unsafe_tags_never_execute(tmp_path):
    marker = tmp_path / "pwned"
    path = _write(tmp_path, "evil.yaml",
                  f"argmap: 1\ntitle: !!python/object/apply:os.system ['touch {marker}']\n".encode())
    amap, diags = load_with_diagnostics(str(path))
    assert amap is None and diags[0].code == "yaml-tag"
    assert not marker.exists()


def test_all_problems_reported_in_one_run(tmp_path):
    path = _write(tmp_path, "many.yaml", b"""argmap: 1
title: Many
statements:
  - {id: A, kind: clam, text: a}
  - {id: B, kind: claim, text: b, supports: [Z], colour: red}
  - {id: B, kind: claim, text: c}
""")
    amap, diags = load_with_diagnostics(str(path))
    codes = sorted(d.code for d in diags)
    assert codes == ["duplicate-id", "unknown-field", "unknown-id", "unknown-kind"]


def test_suggestions(tmp_path):
    path = _write(tmp_path, "s.yaml", b"""argmap: 1
title: S
statements:
  - {id: Claim1, kind: premis, text: a, suports: [Claim1]}
  - {id: P, kind: premise, text: b, supports: [claim1]}
""")
    _, diags = load_with_diagnostics(str(path))
    messages = " | ".join(d.message for d in diags)
    assert "did you mean 'premise'?" in messages
    assert "did you mean 'supports'?" in messages
    assert "did you mean 'Claim1'?" in messages  # ids are case-sensitive


def test_validation_error_class(tmp_path):
    path = _write(tmp_path, "v.yaml", b"argmap: 1\ntitle: V\nthesis: X\n")
    with pytest.raises(ValidationError) as info:
        load(str(path))
    assert info.value.diagnostics[0].code == "unknown-id"


def test_very_deep_yaml_is_an_error_not_a_crash(tmp_path, cli):
    """libyaml may refuse first (its own nesting limit); either way one located line."""
    path = _write(tmp_path, "deeper.yaml", b"x: " + b"[" * 100000 + b"]" * 100000)
    result = cli("validate", path)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert re.match(rf"{re.escape(str(path))}:1:\d+: error\[(too-deep|yaml-syntax)\]: ", result.stderr)
