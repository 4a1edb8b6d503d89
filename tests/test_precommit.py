"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself against a temporary
git repository that holds a map, with this checkout as the hook repository (pre-commit installs
argmap from it into its own environment, from PyPI)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

MAP = """\
argmap: 1
title: Kettle
thesis: T
include: [parts/objections.yaml]
statements:
  - id: T
    kind: thesis
    text: The office should buy a faster kettle.
  - id: P1
    kind: premise
    text: People queue for hot water every morning.
    supports: [T]
"""
PART = """\
statements:
  - id: O1
    kind: objection
    text: A faster kettle costs more than the time it saves.
    attacks: [T]
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_rev() -> str:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    pytest.importorskip("pre_commit")
    rev = git(ROOT, "rev-parse", "HEAD").strip()
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"]).returncode:
        pytest.skip(".pre-commit-hooks.yaml is not committed in this checkout")
    return rev


@pytest.fixture
def repo(tmp_path, hook_rev) -> Path:
    repo = tmp_path / "thesis"
    (repo / "maps" / "parts").mkdir(parents=True)
    (repo / "maps" / "kettle.yaml").write_text(MAP, encoding="utf-8")
    (repo / "maps" / "parts" / "objections.yaml").write_text(PART, encoding="utf-8")
    (repo / "ci.yaml").write_text("jobs: {test: {run: make}}\n", encoding="utf-8")   # YAML of no map
    (repo / ".pre-commit-config.yaml").write_text(f"""\
repos:
  - repo: {ROOT}
    rev: {hook_rev}
    hooks:
      - id: argmap-validate
      - id: argmap-check
""", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "test")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a map")
    return repo


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(ROOT / ".cache" / "pre-commit"), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=1200)


def test_hooks_pass_on_a_valid_map(repo):
    run = pre_commit(repo, "--all-files")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "argmap validate" in run.stdout and "argmap check" in run.stdout
    assert "Passed" in run.stdout and "Failed" not in run.stdout


def test_a_broken_part_fails_with_a_located_error(repo):
    part = repo / "maps" / "parts" / "objections.yaml"
    part.write_text(PART.replace("attacks: [T]", "attacks: [T2]"), encoding="utf-8")
    git(repo, "add", str(part))
    run = pre_commit(repo)     # the staged files only: the part, which brings its map in
    assert run.returncode == 1
    assert "maps/parts/objections.yaml:5:15: error[unknown-id]: 'attacks' target 'T2' is not a known statement" \
        in run.stdout, run.stdout
    assert run.stdout.count("Failed") == 2


def test_check_findings_fail_the_check_hook(repo):
    config = repo / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - id: argmap-check\n", "      - id: argmap-check\n        args: [--fail-on, warning]\n"),
        encoding="utf-8")
    run = pre_commit(repo, "--all-files")
    assert run.returncode == 1
    assert "warning[unanswered-objection]" in run.stdout or "warning[" in run.stdout, run.stdout
