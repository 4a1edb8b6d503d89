"""Located documents: map files (YAML or JSON) read into plain values that remember where they
were written.  (Not the manuscript: in argmap "source" means the text an argument map is drawn from.)

YAML is read from libyaml's event stream (each event carries a mark: line, column), JSON with the
standard library's scanner (each value's offset kept); both become :class:`LMap` / :class:`LSeq`
containers (a ``dict`` / ``list`` that also hold the location of each key and item) and plain
scalars.  Loading is safe: no tags beyond the standard
ones, no anchors or aliases (they can blow a small file up to gigabytes), a bounded depth,
duplicate mapping keys are errors (PyYAML would silently keep the last).
"""
from __future__ import annotations

import os
import re
import stat
from typing import Any

from .errors import LoadError, Location
from .yaml_hints import explain as explain_yaml

__all__ = ["MAX_BYTES", "MAX_DEPTH", "LMap", "LSeq", "decode", "parse", "read_text", "not_a_file"]

MAX_DEPTH = 64
MAX_BYTES = 64 * 1024 * 1024


class LMap(dict):
    """A mapping that remembers its own location and those of its keys and values.  ``raw``
    holds the text as written of values that are not text (``1.10`` read as a number)."""

    __slots__ = ("loc", "key_loc", "val_loc", "raw")

    def __init__(self, loc: Location):
        super().__init__()
        self.loc = loc
        self.key_loc: dict[str, Location] = {}
        self.val_loc: dict[str, Location] = {}
        self.raw: dict[str, str | None] = {}

    def loc_of(self, key: str) -> Location:
        return self.val_loc.get(key, self.key_loc.get(key, self.loc))


class LSeq(list):
    """A list that remembers its own location and those of its items."""

    __slots__ = ("loc", "item_loc", "raw")

    def __init__(self, loc: Location):
        super().__init__()
        self.loc = loc
        self.item_loc: list[Location] = []
        self.raw: list[str | None] = []

    def loc_of(self, index: int) -> Location:
        return self.item_loc[index] if 0 <= index < len(self.item_loc) else self.loc


def not_a_file(path: str) -> str | None:
    """What *path* is when it exists but is not a regular file ("a FIFO (named pipe)", "a
    device", ...), else None.  Reading a FIFO or a terminal would wait forever, so readers ask
    this before they open anything."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file"


def read_text(path: str) -> str:
    """Read *path* as UTF-8 text, turning every way that can fail into a located LoadError.
    Only regular files are read: a FIFO, a device or a socket is refused before it is opened."""
    loc = Location(path, 1, 1)
    try:
        if os.path.isdir(path):
            raise LoadError(f"'{path}' is a directory, not a map file", location=loc,
                            code="is-a-directory")
        other = not_a_file(path)
        if other:
            raise LoadError(f"'{path}' is {other}, not a regular file: argmap reads only regular files",
                            location=loc, code="not-a-file")
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LoadError(f"no such file: '{path}'", location=loc, code="file-not-found") from None
    except IsADirectoryError:
        raise LoadError(f"'{path}' is a directory, not a map file", location=loc,
                        code="is-a-directory") from None
    except OSError as exc:
        raise LoadError(f"cannot read '{path}': {exc.strerror or exc}", location=loc,
                        code="unreadable") from None
    return decode(data, path)


def decode(data: bytes, path: str) -> str:
    """Decode bytes as UTF-8 (a leading BOM is allowed), with a located error otherwise."""
    if len(data) > MAX_BYTES:
        raise LoadError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB",
                        location=Location(path, 1, 1), code="too-large")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        off = data.index(b"\x00")
        line, col = _line_col(data, off)
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[1:2] == b"\x00":
            msg = "file is not UTF-8 (it looks like UTF-16); save it as UTF-8"
            code = "encoding"
            line, col = 1, 1
        else:
            msg = "file contains a NUL byte: it looks binary, not a text map"
            code = "binary"
        raise LoadError(msg, location=Location(path, line, col), code=code)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise LoadError(f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                        location=Location(path, line, col), code="encoding") from None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, col


def _line_col_of(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of the character at *offset* of *text*."""
    offset = max(0, min(offset or 0, len(text)))
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse(text: str, path: str, *, fmt: str | None = None) -> Any:
    """Parse a YAML or JSON document into located values.  *fmt* is ``yaml``, ``json`` or None
    (guessed from the file name)."""
    if fmt is None:
        fmt = "json" if path.lower().endswith(".json") else "yaml"
    if not text.strip():
        raise LoadError("file is empty: a map needs at least 'argmap: 1' and a title",
                        location=Location(path, 1, 1), code="empty")
    if fmt == "json":
        return _parse_json(text, path)
    return _compose(text, path)


class _At:
    """A JSON value boxed with the offset where it starts (only while parsing)."""

    __slots__ = ("value", "offset")

    def __init__(self, value: Any, offset: int):
        self.value, self.offset = value, offset


def _parse_json(text: str, path: str) -> Any:
    """Parse JSON with the standard library's scanner, keeping the offset of every value."""
    import json.decoder
    import json.scanner

    # the pure-Python scanner and the hooks it calls are undocumented internals of the json
    # package (typeshed does not declare them): reached through names typed Any
    scanner: Any = json.scanner
    internals: Any = json.decoder
    decoder: Any = json.JSONDecoder(object_pairs_hook=lambda pairs: pairs, parse_constant=_no_constant)
    inner = scanner.py_make_scanner(decoder)

    def scan_once(string: str, idx: int) -> tuple[_At, int]:
        try:
            value, end = inner(string, idx)
        except json.JSONDecodeError:
            raise
        except ValueError as exc:   # NaN / Infinity, an integer too long for int()
            raise _BadValue(idx, str(exc)) from None
        return _At(value, idx), end

    decoder.scan_once = scan_once
    # the pure-Python scanner calls context.parse_object / parse_array with our scan_once
    decoder.parse_object = lambda s_and_end, strict, _scan, hook, pairs_hook, memo=None: \
        internals.JSONObject(s_and_end, strict, scan_once, hook, pairs_hook, {} if memo is None else memo)
    decoder.parse_array = lambda s_and_end, _scan: internals.JSONArray(s_and_end, scan_once)
    inner = scanner.py_make_scanner(decoder)
    try:
        boxed, end = scan_once(text, _skip_ws(text, 0))
        end = _skip_ws(text, end)
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as exc:
        raise LoadError(f"JSON syntax error: {exc.msg}", location=Location(path, exc.lineno, exc.colno),
                        code="json-syntax") from None
    except StopIteration as exc:
        err = json.JSONDecodeError("Expecting value", text, exc.value)
        raise LoadError(f"JSON syntax error: {err.msg}", location=Location(path, err.lineno, err.colno),
                        code="json-syntax") from None
    except RecursionError:
        raise LoadError(f"document is nested more than {MAX_DEPTH} levels deep",
                        location=_loc_at(path, _line_starts(text), _too_deep_at(text)),
                        code="too-deep") from None
    except _BadValue as exc:
        raise LoadError(f"JSON syntax error: {exc.message}",
                        location=_loc_at(path, _line_starts(text), exc.offset), code="json-syntax") from None
    starts = _line_starts(text)
    return _unbox(boxed, text, path, starts, 0, "\\u" in text)


def _too_deep_at(text: str) -> int:
    """Offset of the first '[' or '{' nested more than MAX_DEPTH levels deep (outside strings)."""
    depth = 0
    in_string = escaped = False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH + 1:
                return i
        elif ch in "]}":
            depth -= 1
    return 0


class _BadValue(Exception):
    """A JSON value Python's scanner cannot take (only while parsing): where, and why."""

    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset, self.message = offset, message.split(";")[0]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value (write a number or a string)")


# a lone UTF-16 surrogate (JSON "\ud800" without its pair): no file can hold it as UTF-8
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(value: str, path: str, starts: list[int], offset: int) -> None:
    found = _SURROGATE.search(value)
    if found:
        raise LoadError(f"JSON string holds a lone surrogate escape ({found.group()!a}); "
                        "it is not a character", location=_loc_at(path, starts, offset), code="encoding")


def _skip_ws(text: str, idx: int) -> int:
    while idx < len(text) and text[idx] in " \t\n\r":
        idx += 1
    return idx


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _loc_at(path: str, starts: list[int], offset: int) -> Location:
    import bisect
    line = bisect.bisect_right(starts, offset)
    return Location(path, line, offset - starts[line - 1] + 1)


def _unbox(boxed: _At, text: str, path: str, starts: list[int], depth: int, escapes: bool = False) -> Any:
    if depth > MAX_DEPTH:
        raise LoadError(f"document is nested more than {MAX_DEPTH} levels deep",
                        location=_loc_at(path, starts, boxed.offset), code="too-deep")
    value, loc = boxed.value, _loc_at(path, starts, boxed.offset)
    if isinstance(value, list) and (not value or isinstance(value[0], tuple)) and text[boxed.offset] == "{":
        out = LMap(loc)
        for key, item in value:
            colon = text.rfind(":", 0, item.offset)
            key_end = text.rfind('"', 0, colon)
            key_start = key_end - 1
            while key_start > 0 and not (text[key_start] == '"' and text[key_start - 1] != "\\"):
                key_start -= 1
            kloc = _loc_at(path, starts, key_start)
            if escapes:
                _check_text(key, path, starts, key_start)
            if key in out:
                first = out.key_loc[key]
                raise _duplicate_key(key, first, kloc, "JSON readers")
            out.key_loc[key] = kloc
            out.val_loc[key] = _loc_at(path, starts, item.offset)
            out.raw[key] = None
            out[key] = _unbox(item, text, path, starts, depth + 1, escapes)
        return out
    if isinstance(value, list):
        seq = LSeq(loc)
        for item in value:
            seq.item_loc.append(_loc_at(path, starts, item.offset))
            seq.raw.append(None)
            seq.append(_unbox(item, text, path, starts, depth + 1, escapes))
        return seq
    if escapes and isinstance(value, str):
        _check_text(value, path, starts, boxed.offset)
    return value


def _compose(text: str, path: str) -> Any:
    """The located value of a YAML document (see :func:`_build`); every error of the YAML
    reader becomes one located LoadError."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        try:
            root = _build(loader, path)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, path) from None
    if root is None:
        raise LoadError("file is empty: a map needs at least 'argmap: 1' and a title",
                        location=Location(path, 1, 1), code="empty")
    return root


def _build(loader: Any, path: str) -> Any:
    """Build located values straight from the YAML event stream of *loader*: one pass, no
    recursion (a deeply nested file cannot overflow the stack), with depth, alias and tag
    checks.  None when the stream holds no document (only comments)."""
    import yaml
    from yaml import events as ev

    constructor = yaml.constructor.SafeConstructor()
    Scalar, MapStart, SeqStart = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
    MapEnd, SeqEnd = ev.MappingEndEvent, ev.SequenceEndEvent
    get_event = loader.get_event
    implicit_first = set(loader.yaml_implicit_resolvers) | {""}
    new_tuple = tuple.__new__   # Location(...) without the named tuple's Python-level __new__
    # plain scalars that went through the resolver: short ones (keys, ids, kinds) repeat a lot
    resolved: dict[str, Any] = {}
    texts: dict[str, str] = {}
    shared = texts.setdefault

    # The hot loop: one pass over libyaml's events, each attached where it belongs in the same
    # iteration (a helper would cost a call per event in the loop that dominates loading a large
    # map).  The open container is kept in locals: `top`, `in_seq`, and `pending` (the key of a
    # mapping waiting for its value, or None); the enclosing ones are saved on `stack`.  The
    # root is the one item of `outer`.  A mapping records `raw` (the scalar as written) only for
    # values that did not stay text.
    outer = LSeq(Location(path, 1, 1))
    stack: list[tuple[Any, bool, Any]] = []
    top: Any = outer
    in_seq = True
    pending: Any = None
    documents = 0
    event = None
    try:
        for event in iter(get_event, None):   # libyaml gives None after the end of the stream
            cls = event.__class__
            if cls is Scalar:
                raw = event.value
                box = None
                if event.tag is not None or event.anchor is not None:
                    value = _tagged_scalar(loader, constructor, event, path)
                elif event.style or raw[:1] not in implicit_first:
                    # quoted, or no implicit type starts with this character: text.  Short
                    # texts (keys, ids, kinds) are shared: one object per distinct text
                    value = raw = shared(raw, raw) if len(raw) <= 32 else raw
                else:
                    value = resolved.get(raw, resolved)
                    if value is resolved:
                        value = _plain_scalar(loader, constructor, event, path, resolved)
                mark = event.start_mark
                here = new_tuple(Location, (path, mark.line + 1, mark.column + 1))
            elif cls is MapEnd or cls is SeqEnd:
                top, in_seq, pending = stack.pop()
                continue
            elif cls is MapStart or cls is SeqStart:
                if event.tag is not None or event.anchor is not None or len(stack) >= MAX_DEPTH:
                    _check_container(event, len(stack), path)
                mark = event.start_mark
                here = new_tuple(Location, (path, mark.line + 1, mark.column + 1))
                raw = None
                value = box = LMap(here) if cls is MapStart else LSeq(here)
            else:
                documents += _other_event(event, documents, path)
                continue
            if in_seq:
                top.item_loc.append(here)
                top.raw.append(raw)
                top.append(value)
            elif pending is None:
                key = value if value.__class__ is str else str(raw)
                if box is not None or key in top:
                    raise _bad_key(box, key, top, here)
                top.key_loc[key] = here
                pending = key
            else:
                top.val_loc[pending] = here
                if value.__class__ is not str and box is None:
                    top.raw[pending] = raw
                top[pending] = value
                pending = None
            if box is not None:
                stack.append((top, in_seq, pending))
                top, in_seq, pending = box, cls is SeqStart, None
    except (ValueError, OverflowError) as exc:   # an integer too long for int() (4300 digits)
        where = Location(path, 1, 1) if event is None else _mark_loc(path, event.start_mark)
        raise LoadError(f"bad scalar value: {str(exc).split(';')[0]}", location=where,
                        code="wrong-type") from None
    return outer[0] if outer else None


def _mark_loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _check_tag(event: Any, path: str) -> None:
    """Refuse tags beyond the standard ones, and anchors (aliases need them)."""
    tag = event.tag
    if tag is not None and tag not in _STD_TAGS and tag != "!":
        raise LoadError(f"unsupported YAML tag '{tag}': maps use plain YAML only",
                        location=_mark_loc(path, event.start_mark), code="yaml-tag")
    if event.anchor is not None:
        raise LoadError("YAML anchors and aliases are not supported in maps: write the value out",
                        location=_mark_loc(path, event.start_mark), code="yaml-alias")


def _check_container(event: Any, depth: int, path: str) -> None:
    """A mapping or list may have no tag or anchor, and opens at most MAX_DEPTH levels deep."""
    _check_tag(event, path)
    if depth >= MAX_DEPTH:
        raise LoadError(f"document is nested more than {MAX_DEPTH} levels deep",
                        location=_mark_loc(path, event.start_mark), code="too-deep")


def _tagged_scalar(loader: Any, constructor: Any, event: Any, path: str) -> Any:
    _check_tag(event, path)
    return _scalar(loader, constructor, event, path)


def _plain_scalar(loader: Any, constructor: Any, event: Any, path: str, resolved: dict[str, Any]) -> Any:
    """The value of a plain, untagged scalar that the implicit resolvers must type; short texts
    and integers are remembered in *resolved*."""
    import yaml

    raw = event.value
    rtag = loader.resolve(yaml.ScalarNode, raw, event.implicit)
    if rtag == _STR:
        value = raw
    elif rtag == _INT and raw.isdigit() and (raw == "0" or raw[0] != "0"):
        value = int(raw)
    else:
        value = _scalar(loader, constructor, event, path)
    if len(raw) <= 32 and (value.__class__ is str or value.__class__ is int):
        resolved[raw] = value
    return value


def _other_event(event: Any, documents: int, path: str) -> int:
    """The events that hold no value: 1 for the start of a document (refused after the first),
    else 0; an alias is refused."""
    from yaml import events as ev

    if event.__class__ is ev.DocumentStartEvent:
        if documents:
            raise LoadError("a map file holds one YAML document, not several",
                            location=_mark_loc(path, event.start_mark), code="yaml-syntax")
        return 1
    if event.__class__ is ev.AliasEvent:
        raise LoadError("YAML anchors and aliases are not supported in maps: write the "
                        "value out", location=_mark_loc(path, event.start_mark), code="yaml-alias")
    return 0


def _bad_key(box: Any, key: str, top: LMap, here: Location) -> LoadError:
    if box is not None:
        return LoadError("mapping keys must be plain text", location=here, code="wrong-type")
    return _duplicate_key(key, top.key_loc[key], here, "YAML")


def _yaml_error(exc: Any, text: str, path: str) -> LoadError:
    """The located LoadError for an error of the YAML reader."""
    import yaml

    if isinstance(exc, yaml.MarkedYAMLError):
        return _marked_error(exc, text, path)
    if isinstance(exc, yaml.reader.ReaderError):   # a character YAML does not allow (no mark, a position)
        line, col = _line_col_of(text, exc.position)
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "character"
        return LoadError(f"YAML syntax error: unacceptable {what}: {exc.reason}",
                         location=Location(path, line, col), code="yaml-syntax")
    return LoadError(f"YAML error: {exc}", location=Location(path, 1, 1), code="yaml-syntax")


def _marked_error(exc: Any, text: str, path: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    last = text.count("\n") + 1
    if line > last:   # libyaml reports the end of a file without a final line break a line on
        line, col = last, len(text) - (text.rfind("\n") + 1) + 1
    problem = exc.problem or exc.context or "syntax error"
    if exc.context and exc.problem:
        problem = f"{problem} ({exc.context})"
    if "maximum nesting depth" in problem:   # libyaml's own limit, before the one above
        return LoadError(f"document is nested too deeply ({problem})", location=Location(path, line, col),
                         code="too-deep")
    # the common mistakes of map authors, in their words, where the author went wrong
    better = explain_yaml(text, exc.problem_mark or exc.context_mark, problem, exc.context_mark)
    if better is not None:
        return LoadError(better.message, location=Location(path, better.line, better.col), code="yaml-syntax",
                         hint=better.hint)
    return LoadError(f"YAML syntax error: {problem}", location=Location(path, line, col), code="yaml-syntax")


def _duplicate_key(key: str, first: Location, here: Location, reader: str) -> LoadError:
    return LoadError(f"duplicate key '{key}' (first at line {first.line}); {reader} would silently "
                     "keep only the last one", location=here, code="duplicate-key")


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"


def _scalar(loader: Any, constructor: Any, event: Any, path: str) -> Any:
    """The value of a scalar (its tag standard, or none): typed by PyYAML's safe constructor;
    timestamps and binary stay their source text."""
    import yaml

    tag = event.tag
    if tag is None or tag == "!":
        if event.style:   # quoted or block scalars are strings
            return event.value
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _INT and event.value.isdigit() and (event.value == "0" or event.value[0] != "0"):
        return int(event.value)
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = constructor.construct_object(node, deep=True)
    except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise KeyError, ValueError, ...
        problem = getattr(exc, "problem", None) or str(exc).split(";")[0]
        if isinstance(exc, KeyError):
            problem = f"not a valid {tag.rsplit(':', 1)[-1]}"
        raise LoadError(f"bad scalar value {event.value[:80]!r}: {problem}", location=_mark_loc(path, event.start_mark),
                        code="wrong-type") from None
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, (str, int, float, bool, type(None))):
        value = event.value  # timestamps and binary stay as their source text
    return value


_STD_TAGS = {
    "tag:yaml.org,2002:" + t for t in
    ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "omap",
     "set", "pairs", "value")
}
