"""Reading the fields of a located document (:mod:`argmap.document`) as typed values.

A :class:`Collector` reads one field at a time (text, an id, a list of ids, line numbers, a page,
a flag, a list of elements) and turns every value of the wrong shape into a located diagnostic
instead of an exception, so that one run reports every problem of a file.  It knows nothing of
what a map is made of: the loader (:mod:`argmap.loader`) says which fields an element has.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from .document import LMap, LSeq
from .errors import Diagnostic, Location
from .ids import ID_RE, ID_RULE, REF_RE, REF_RULE
from .suggest import suggest

__all__ = ["MAX_RANGE", "MAX_DRAWN", "Collector", "describe", "shown", "text_ok", "text_problem"]

RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:[-\u2013]\s*(\d+))?\s*$")
#: at most this many lines in the 'lines' of one element (a range, or all its ranges together)
MAX_RANGE = 100_000

#: The text rule, one for every text field of a map (texts, titles, notes, pages, kinds, classes,
#: contexts, tags, reference keys; ids have their own, stricter rule): no control character but
#: tab, line feed and carriage return, no C1 control (U+0080-U+009F), no surrogate and no Unicode
#: noncharacter (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, ...).
#: None of them can be drawn, and XML (GraphML, SVG, HTML) cannot carry them.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                        + "".join(f"{chr(p * 0x10000 + 0xfffe)}{chr(p * 0x10000 + 0xffff)}" for p in range(17))
                        + "]")
#: ... and a text takes at most this many bytes once drawn (UTF-8, with & < > " ' written as
#: entities): Graphviz reads no string longer than 16 384 bytes, and wrapping a label into lines
#: can double its size.
MAX_DRAWN = 8_000
_ENTITY_EXTRA = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
#: values longer than this are cut when a message quotes them
MAX_SHOWN = 60


def shown(value: Any, limit: int = MAX_SHOWN) -> str:
    """*value* quoted as a message shows it (``repr``), cut after *limit* characters."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit])[:-1] + f"...' ({len(value)} characters)"
    return repr(value)


def text_ok(text: str) -> bool:
    """Whether *text* keeps the text rule (a quick test; :func:`text_problem` says what is wrong)."""
    return _BAD_CHARS.search(text) is None and (len(text) * 6 <= MAX_DRAWN or text_problem(text) is None)


def text_problem(text: str) -> str | None:
    """What breaks the text rule in *text* (None when it keeps it)."""
    bad = _BAD_CHARS.search(text)
    if bad:
        ch = bad.group()
        kind = "a control character" if ord(ch) < 0xa0 else (
            "a surrogate" if 0xd800 <= ord(ch) <= 0xdfff else "a Unicode noncharacter")
        return (f"holds {kind} (U+{ord(ch):04X}) at character {bad.start() + 1}, which cannot be drawn "
                "or exchanged")
    if len(text) * 6 > MAX_DRAWN:   # (cheap test first: no character takes more than 6 bytes)
        size = len(text.translate(_ENTITY_EXTRA).encode("utf-8", "surrogatepass"))
        if size > MAX_DRAWN:
            return f"is too long to be drawn ({size} bytes once drawn, at most {MAX_DRAWN})"
    return None


def describe(value: Any) -> str:
    """A value as an error message names it: ``nothing``, ``a list``, ``the boolean true``, ..."""
    if value is None:
        return "nothing"
    if isinstance(value, LMap):
        return "a mapping"
    if isinstance(value, LSeq):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return shown(value)


class Collector:
    """Collects located diagnostics while a document is turned into model objects."""

    def __init__(self) -> None:
        self.diags: list[Diagnostic] = []

    def error(self, loc: Location, code: str, message: str, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(loc, code, message, "error", hint))

    def good_text(self, text: str, loc: Location, what: str) -> bool:
        """Whether *text* keeps the text rule; a located 'bad-text' error when it does not."""
        problem = text_problem(text)
        if problem:
            self.error(loc, "bad-text", f"{what} {problem}")
        return problem is None

    def warning(self, loc: Location, code: str, message: str, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(loc, code, message, "warning", hint))

    # -- typed field access -----------------------------------------------------------------
    def fields(self, m: Any, allowed: Collection[str], what: str, loc: Location) -> bool:
        """Whether *m* is a mapping; each of its keys not in *allowed* is an error."""
        if not isinstance(m, LMap):
            self.error(getattr(m, "loc", loc), "wrong-type", f"{what} must be a mapping")
            return False
        for key in m:
            if key not in allowed:
                self.error(m.key_loc[key], "unknown-field",
                           f"unknown field '{key}' in {what}{suggest(key, allowed)}",
                           hint="allowed: " + ", ".join(allowed))
        return True

    def text(self, m: LMap, key: str, what: str, *, required: bool = False) -> str | None:
        """The text of field *key* (a number or a date as written); None when absent or bad."""
        if key not in m or m[key] is None:
            if required:
                self.error(m.loc, "missing-field", f"{what} has no '{key}'")
            return None
        value = m[key]
        if isinstance(value, (LMap, LSeq)):
            self.error(m.loc_of(key), "wrong-type", f"'{key}' of {what} must be text")
            return None
        if not isinstance(value, str):
            value = m.raw.get(key) or str(value)
        if not self.good_text(value, m.loc_of(key), f"'{key}' of {what}"):
            return None
        if required and not value.strip():
            self.error(m.loc_of(key), "empty-text", f"'{key}' of {what} is empty")
        return value

    def ident(self, value: Any, raw: str | None, loc: Location, what: str, *,
              ref: bool = False) -> str | None:
        """An id (or with *ref*, a reference key) from a scalar, else a located error."""
        if isinstance(value, bool) or isinstance(value, (LMap, LSeq)) or value is None:
            self.error(loc, "wrong-type", f"{what} must be an id, not {describe(value)}")
            return None
        text = value if isinstance(value, str) else (raw or str(value))
        if ref and not self.good_text(text, loc, what):
            return None
        if not (REF_RE if ref else ID_RE).match(text):
            self.error(loc, "bad-id", f"{what} {shown(text)} is not a valid "
                       + (f"reference key: {REF_RULE}" if ref else f"id: {ID_RULE}"))
            return None
        return text

    def id_field(self, m: LMap, key: str, what: str, *, required: bool = True,
                 ref: bool = False) -> str | None:
        """The id in field *key*; a missing one is an error when *required*."""
        if key not in m:
            if required:
                self.error(m.loc, "missing-field", f"{what} has no '{key}'")
            return None
        return self.ident(m[key], m.raw.get(key), m.loc_of(key), f"'{key}' of {what}", ref=ref)

    def id_list(self, m: LMap, key: str, what: str) -> list[tuple[str, Location]]:
        """The located ids of field *key*: a list of ids, or one id."""
        if key not in m or m[key] is None:
            return []
        value = m[key]
        if not isinstance(value, LSeq):
            ident = self.ident(value, m.raw.get(key), m.loc_of(key), f"'{key}' of {what}")
            return [(ident, m.loc_of(key))] if ident else []
        out = []
        locs = value.item_loc
        for i, item in enumerate(value):
            if item.__class__ is str and ID_RE.match(item):
                out.append((item, locs[i]))
                continue
            ident = self.ident(item, value.raw[i], value.loc_of(i), f"item of '{key}' in {what}")
            if ident:
                out.append((ident, value.loc_of(i)))
        return out

    def str_list(self, m: LMap, key: str, what: str) -> tuple[str, ...]:
        """The texts of field *key*: a list of texts, or one text."""
        if key not in m or m[key] is None:
            return ()
        value = m[key]
        if not isinstance(value, LSeq):
            value_list, raws, locs = [value], [m.raw.get(key)], [m.loc_of(key)]
        else:
            value_list, raws, locs = list(value), value.raw, value.item_loc
        out = []
        for item, raw, loc in zip(value_list, raws, locs):
            if isinstance(item, (LMap, LSeq)) or item is None:
                self.error(loc, "wrong-type", f"items of '{key}' in {what} must be text")
                continue
            text = item if isinstance(item, str) else (raw or str(item))
            if self.good_text(text, loc, f"an item of '{key}' in {what}"):
                out.append(text)
        return tuple(out)

    def lines(self, m: LMap, what: str) -> tuple[int, ...]:
        """The line numbers of field 'lines' (numbers and ranges like "12-14"), each once."""
        if "lines" not in m or m["lines"] is None:
            return ()
        value = m["lines"]
        items = list(zip(value, value.item_loc)) if isinstance(value, LSeq) else [(value, m.loc_of("lines"))]
        out: list[int] = []
        total = 0
        for item, loc in items:
            if isinstance(item, bool) or isinstance(item, (LMap, LSeq, float)) or item is None:
                self.error(loc, "bad-locator", f"'lines' of {what}: {describe(item)} is not a "
                           "line number or a range like \"12-14\"")
                continue
            if isinstance(item, int):
                if item < 1:
                    self.error(loc, "bad-locator", f"'lines' of {what}: line {item} is not positive")
                    continue
                out.append(item)
                continue
            match = RANGE_RE.match(str(item))
            if not match:
                self.error(loc, "bad-locator", f"'lines' of {what}: {item!r} is not a line number "
                           "or a range like \"12-14\"")
                continue
            a = int(match.group(1))
            b = int(match.group(2) or a)
            if a < 1 or b < a or b - a > MAX_RANGE:
                self.error(loc, "bad-locator", f"'lines' of {what}: {item!r} is not a valid range")
                continue
            total += b - a + 1
            if total > MAX_RANGE:   # many ranges add up, too: a small file must not need gigabytes
                self.error(loc, "bad-locator", f"'lines' of {what} name more than {MAX_RANGE} lines")
                break
            out.extend(range(a, b + 1))
        return tuple(dict.fromkeys(out))

    def page(self, m: LMap, what: str) -> str | None:
        """The page (or page range) of field 'page', as text."""
        if "page" not in m or m["page"] is None:
            return None
        value = m["page"]
        if isinstance(value, (LMap, LSeq, bool)) or (isinstance(value, int) and value < 1):
            self.error(m.loc_of("page"), "bad-locator", f"'page' of {what} must be a page number "
                       "or range")
            return None
        text = value if isinstance(value, str) else (m.raw.get("page") or str(value))
        return text if self.good_text(text, m.loc_of("page"), f"'page' of {what}") else None

    def flag(self, m: LMap, key: str, what: str) -> bool:
        """The boolean of field *key* (False when absent)."""
        if key not in m or m[key] is None:
            return False
        if not isinstance(m[key], bool):
            self.error(m.loc_of(key), "wrong-type", f"'{key}' of {what} must be true or false")
            return False
        return m[key]

    def seq(self, m: LMap, key: str, what: str) -> list[tuple[Any, Location]]:
        """The located items of the list in field *key*."""
        if key not in m or m[key] is None:
            return []
        value = m[key]
        if not isinstance(value, LSeq):
            self.error(m.loc_of(key), "wrong-type", f"'{key}' in {what} must be a list")
            return []
        return list(zip(value, value.item_loc))
