"""Writing outputs safely: atomically (a temporary file, then a rename) and never over an input."""
from __future__ import annotations

import os
import tempfile

from .errors import Location, RenderError


def same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def write_atomic(path: str, data: str | bytes, *, inputs=()) -> None:
    """Write *data* to *path* so that readers see either the old file or the whole new one.

    Refuses to overwrite any of *inputs* (the maps the output was made from).
    """
    path = os.fspath(path)
    for src in inputs:
        if src and os.path.exists(path) and same_file(path, src):
            raise RenderError(f"refusing to overwrite the input map '{src}' with an output",
                              location=Location(path, 1, 1), code="overwrite-input")
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp",
                                   dir=directory)
    except OSError as exc:
        raise RenderError(f"cannot write '{path}': {exc.strerror or exc}",
                          location=Location(path, 1, 1), code="write") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise RenderError(f"cannot write '{path}': {exc.strerror or exc}",
                              location=Location(path, 1, 1), code="write") from None
        raise
