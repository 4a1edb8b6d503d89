"""The code meets its own standards: ruff (lint, import order, complexity at most 15) and mypy,
both configured in pyproject.toml."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean():
    res = run("ruff", "check", "--no-cache", "argmap")
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-1000:]


def test_mypy_is_clean(tmp_path):
    # a cache of its own (never --cache-dir=/dev/null: run as root, a tool that replaces its
    # cache files could replace the system's /dev/null)
    res = run("mypy", f"--cache-dir={tmp_path}")
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-1000:]


def test_every_public_module_declares_its_names():
    missing = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "argmap").rglob("*.py"))
               if not p.name.startswith("_") and "__all__" not in p.read_text(encoding="utf-8")]
    assert missing == []


def test_typed_package_marker_is_shipped():
    assert (ROOT / "argmap" / "py.typed").is_file()
    assert "py.typed" in (ROOT / "setup.cfg").read_text(encoding="utf-8")
