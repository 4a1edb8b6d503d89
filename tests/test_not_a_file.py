"""Only regular files are read: a FIFO (or a device) given as a map, in ``include:``, as
``bibtex:`` or as the manuscript ``source.file`` is refused with a located error before it is
opened (reading a FIFO with no writer waits forever).  Each command runs in a subprocess with a
timeout, so that a regression fails instead of hanging the suite."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

MAP = "argmap: 1\ntitle: T\n{extra}statements:\n  - {{id: A, kind: claim, text: one}}\n"


def _validate(tmp_path, target: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "argmap", "validate", target], cwd=tmp_path,
                          capture_output=True, text=True, timeout=20)


@pytest.mark.parametrize("extra, where", [
    ("include: [pipe.yaml]\n", "m.yaml:3:11: error[not-a-file]: included path 'pipe.yaml' is a FIFO"),
    ("bibtex: pipe.bib\n", "m.yaml:3:9: error[not-a-file]: BibTeX file 'pipe.bib' is a FIFO"),
    ("source: {name: s, file: pipe.txt}\n",
     "m.yaml:3:25: error[not-a-file]: the manuscript 'source.file' 'pipe.txt' is a FIFO"),
])
def test_a_fifo_named_by_a_map_is_refused(tmp_path, extra, where):
    for name in ("pipe.yaml", "pipe.bib", "pipe.txt"):
        os.mkfifo(tmp_path / name)
    (tmp_path / "m.yaml").write_text(MAP.format(extra=extra))
    result = _validate(tmp_path, "m.yaml")
    assert result.returncode == 1
    assert result.stderr.startswith(where), result.stderr


def test_a_fifo_given_as_the_map_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    result = _validate(tmp_path, "pipe.yaml")
    assert result.returncode == 1
    assert result.stderr == ("pipe.yaml:1:1: error[not-a-file]: 'pipe.yaml' is a FIFO (named pipe), "
                             "not a regular file: argmap reads only regular files\n")


def test_a_device_is_refused_without_being_opened():
    from argmap.document import not_a_file

    assert not_a_file("/dev/null") == "a device"
    assert not_a_file(__file__) is None and not_a_file(os.path.dirname(__file__)) is None
    assert not_a_file("no such file") is None
