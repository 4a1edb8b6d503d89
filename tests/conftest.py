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


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files (tests/data/golden, generated docs) from the "
                          "current code instead of comparing with them; review the diff after")


@pytest.fixture
def golden(request):
    """Compare text with a golden file, or rewrite the file under --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(path: Path, produced: str, hint: str = "") -> None:
        if update:
            path.write_text(produced, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert produced == expected, (f"{path.relative_to(ROOT)} changed{hint}; if on purpose, run "
                                      "`pytest --update-golden` and review the diff")
    return check


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
