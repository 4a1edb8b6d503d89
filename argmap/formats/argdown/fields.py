"""The fields argmap reads from an Argdown element's ``{...}`` data, checked one by one.

Argdown has no place for some of what an argmap map says about a statement, an inference or a
section, so :mod:`.writer` writes it as data and this module reads it back:

* ``kind``: the statement's role (thesis, claim, premise, evidence, objection, rebuttal,
  assumption, definition);
* ``note``: a free comment (other YAML is kept as its JSON text);
* ``lines``, ``page``: where in the source the element stands (line numbers or ranges like
  ``"12-14"``; a page);
* ``cites``: the works it cites (reference keys, optionally with pages);
* ``tags``, ``ignore``: lists of words; ``section``: the id of the section it belongs to.

A value that is not what its field needs is left out with an ``argdown-data`` warning.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from ...errors import Location
from ...ids import REF_RE
from ...vocab import KIND_BY_TEXT
from .._common import Collector

__all__ = ["data_fields", "FIELDS"]

#: the fields an inference reads when it is not told which
INFERENCE_FIELDS = ("note", "lines", "page")
_LINES_ITEM = re.compile(r"^\s*\d+\s*(?:[-\u2013]\s*\d+\s*)?$")

Warn = Callable[[str], None]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _items(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _note(value: Any, what: str, warn: Warn) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _kind(value: Any, what: str, warn: Warn) -> str | None:
    kind = KIND_BY_TEXT.get(value) if isinstance(value, str) else None
    if kind is None:
        warn(f"kind {value!r} of {what} is not a statement kind; ignored")
    return kind


def _lines(value: Any, what: str, warn: Warn) -> list | None:
    items = _items(value)
    good = [v for v in items if (_is_int(v) and v >= 1) or (isinstance(v, str) and _LINES_ITEM.match(v))]
    if len(good) != len(items):
        warn(f"'lines' of {what} must be line numbers or ranges like \"12-14\"; the others are ignored")
    return good or None


def _page(value: Any, what: str, warn: Warn) -> str | None:
    if (_is_int(value) and value >= 1) or (isinstance(value, str) and value.strip()):
        return str(value)
    warn(f"'page' of {what} is not a page; ignored")
    return None


def _words(value: Any, what: str, warn: Warn) -> list[str]:
    return [str(v) for v in _items(value) if isinstance(v, (str, int, float)) and not isinstance(v, bool)]


def _cites(value: Any, what: str, warn: Warn) -> list[dict] | None:
    cites = []
    for item in _items(value):
        ref = item.get("ref") if isinstance(item, dict) else item
        if not ((isinstance(ref, str) or _is_int(ref)) and REF_RE.match(str(ref))):
            warn(f"a citation of {what} has no valid 'ref'; ignored")
            continue
        cite = {"ref": str(ref)}
        if isinstance(item, dict) and item.get("pages") is not None:
            cite["pages"] = str(item["pages"])
        cites.append(cite)
    return cites or None


def _section(value: Any, what: str, warn: Warn) -> str | None:
    return str(value) if isinstance(value, str) or _is_int(value) else None


#: field -> its reader: (value, what it belongs to, warn) -> the value for the map, or None (left out)
FIELDS: dict[str, Callable[[Any, str, Warn], Any]] = {
    "note": _note, "kind": _kind, "lines": _lines, "page": _page, "tags": _words, "ignore": _words,
    "cites": _cites, "section": _section, "held-by": _note,
}


def data_fields(data: Any, loc: Location | None, what: str, collector: Collector,
                fields: Iterable[str] = INFERENCE_FIELDS) -> dict:
    """The *fields* of an element's *data* (``{...}`` YAML) that hold a good value, in the order
    of *fields*; warnings at *loc* (else the file's start) name the element as *what*."""
    out: dict = {}
    if not isinstance(data, dict):
        return out
    where = loc or collector.loc()

    def warn(message: str) -> None:
        collector.warning(where, "argdown-data", message)

    for key in fields:
        if data.get(key) is not None:
            value = FIELDS[key](data[key], what, warn)
            if value is not None:
                out[key] = value
    return out
