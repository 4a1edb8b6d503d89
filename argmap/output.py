"""Writing outputs safely, as careful Unix tools do.

* A regular file (or a new one) is replaced atomically: the data goes to a temporary file in the
  same folder, then a rename, so a reader sees the old file or the whole new one, never a part
  (an interrupted build leaves the previous outputs as they were).
* Anything else that already exists (a character device such as ``/dev/null`` or
  ``/dev/stdout``, a FIFO, a socket) is written straight through, never replaced by a file.
* A symbolic link is followed: the file it points to is replaced, the link stays.
* The new file keeps the mode of the file it replaces (and, when it can, its owner); a new file
  gets the mode the umask allows (``0666 & ~umask``).
* An output never overwrites a file the command read (``overwrite-input``).
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable

from .errors import Location, RenderError

__all__ = ["write_atomic", "same_file"]


def same_file(a: str, b: str) -> bool:
    """Whether *a* and *b* name the same file (the same inode, or the same path when either is
    missing)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _refuse_inputs(path: str, inputs: Iterable[str | None]) -> None:
    for src in inputs:
        if src and os.path.exists(path) and same_file(path, src):
            raise RenderError(f"refusing to overwrite the input '{src}' with an output",
                              location=Location(path, 1, 1), code="overwrite-input")


def _failed(path: str, exc: OSError) -> RenderError:
    return RenderError(f"cannot write '{path}': {exc.strerror or exc}", location=Location(path, 1, 1),
                       code="write")


def write_atomic(path: str | os.PathLike, data: str | bytes, *, inputs: Iterable[str | None] = ()) -> None:
    """Write *data* to *path* (see the module's docstring for how); refuses to overwrite any of
    *inputs* (the files the output was made from)."""
    path = os.fspath(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _refuse_inputs(path, inputs)
    target = os.path.realpath(path)            # through symbolic links: replace what they name
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _failed(path, exc) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise RenderError(f"cannot write '{path}': it is a directory", location=Location(path, 1, 1),
                          code="write")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(path, target, payload)
        return
    _replace(path, target, payload, st)


def _write_through(path: str, target: str, payload: bytes) -> None:
    """A device, FIFO or socket: written as it is, never replaced."""
    try:
        with open(target, "wb") as fh:
            fh.write(payload)
    except OSError as exc:
        raise _failed(path, exc) from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _replace(path: str, target: str, payload: bytes, st: os.stat_result | None) -> None:
    directory = os.path.dirname(target) or "."
    try:
        os.makedirs(directory, exist_ok=True)
        # a short name: the target's own name may already be as long as a name can be
        fd, tmp = tempfile.mkstemp(prefix=".argmap-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise _failed(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        _copy_mode(tmp, st)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _failed(path, exc) from None
        raise


def _copy_mode(tmp: str, st: os.stat_result | None) -> None:
    if st is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except OSError:
        pass   # not ours to give away: the new file stays the writer's
