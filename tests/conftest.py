"""Shared fixtures: paths, the shared corpora beside the checkout, a CLI runner."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GRAPHS = ROOT / "graphs"
SHARED = ROOT.parent / "shared"
THESIS = SHARED / "thesis" / "000_cd31be52584ac2f6.txt"
CHROMIUM = "/usr/bin/chromium"


def map_files() -> list[Path]:
    """Every map under graphs/ (the top-level files; their includes are parts)."""
    return sorted(p for p in GRAPHS.glob("*.yaml")) + sorted(GRAPHS.glob("*.json"))


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT.parent)} is absent: the shared material lives beside "
                    "the checkout in ../shared")
    return path


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli(runner):
    """Invoke the argmap CLI; returns the click Result (stdout, stderr kept apart)."""
    from argmap.cli import main

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
