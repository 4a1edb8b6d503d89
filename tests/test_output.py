"""Writing outputs: atomically for regular files, straight through for devices and FIFOs, the
mode kept or taken from the umask, links followed, inputs never overwritten."""
from __future__ import annotations

import os
import stat
import threading

import pytest

from argmap.errors import RenderError
from argmap.output import write_atomic


def test_regular_file_is_replaced_whole(tmp_path):
    p = tmp_path / "fig.svg"
    p.write_text("old")
    write_atomic(p, "new")
    assert p.read_text() == "new"
    assert [x.name for x in tmp_path.iterdir()] == ["fig.svg"]      # no temporary left behind


def test_dev_null_stays_a_device():
    before = os.stat("/dev/null")
    write_atomic("/dev/null", "anything")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_existing_mode_is_kept(tmp_path):
    p = tmp_path / "private.json"
    p.write_text("{}")
    os.chmod(p, 0o600)
    write_atomic(p, "[]")
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o600


def test_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "new.txt").st_mode) == 0o640


def test_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.svg"
    real.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_name_as_long_as_names_can_be(tmp_path):
    p = tmp_path / ("x" * 251 + ".svg")
    write_atomic(p, "ok")
    assert p.read_text() == "ok"


def test_inputs_are_never_overwritten(tmp_path):
    src = tmp_path / "map.yaml"
    src.write_text("argmap: 1")
    with pytest.raises(RenderError) as info:
        write_atomic(tmp_path / "." / "map.yaml", "out", inputs=[str(src)])
    assert info.value.diagnostics[0].code == "overwrite-input"
    assert src.read_text() == "argmap: 1"


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(RenderError) as info:
        write_atomic(tmp_path, "x")
    assert info.value.diagnostics[0].code == "write"
