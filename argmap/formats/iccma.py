"""ICCMA file formats for abstract argumentation frameworks: ``read_af`` / ``write_af``.

An **abstract argumentation framework** (Dung 1995) is a set of arguments, with no inner
structure, and an *attack* relation between them; semantics (grounded, preferred, ...) say
which arguments are accepted.  ICCMA, the International Competition on Computational Models of
Argumentation, exchanges frameworks in these files.  Three formats are read and written:

``af``
    ICCMA 2023: a header ``p af N``, then one attack ``i j`` per line; the arguments are the
    numbers ``1..N`` (as strings ``"1"``, ..., ``"N"``).  Lines starting with ``#`` are
    comments.  Blank lines are ignored.
``apx``
    ASPARTIX facts: ``arg(a).`` and ``att(a,b).``, any number per line, ``%`` comments.  Names
    are bare (letters, digits, ``_``) or double-quoted strings with ``\\"``, ``\\\\``, ``\\n``,
    ``\\r``, ``\\t`` escapes.  An attack may come before the declaration of its arguments.
``tgf``
    Trivial graph format: one argument name per line, a line ``#``, then one ``a b`` attack per
    line.  Node and edge labels are not allowed.

The readers are strict.  Any problem, including a truncated last line, an attack on an
undeclared or out-of-range argument, a missing or repeated ``p af`` header, bytes that are not
UTF-8 and an empty file, raises :class:`argmap.errors.LoadError` located at
``path:line:col`` (1-based; the column counts characters).  No other exception escapes.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .._gc import paused
from ..af import Framework
from ..errors import LoadError, Location

__all__ = ["read_af", "write_af", "FORMATS", "guess_format"]

FORMATS = ("af", "apx", "tgf")
#: Largest N accepted in a 'p af N' header (each argument costs memory even without attacks).
MAX_ARGUMENTS = 10_000_000
_EXTENSIONS = {".af": "af", ".i23": "af", ".apx": "apx", ".lp": "apx", ".dl": "apx", ".tgf": "tgf"}
#: what :func:`read_af` reads: a path, the content as text, or the content as bytes
Source = str | bytes | bytearray | memoryview | os.PathLike


class _Src:
    """The text being read and how to point into it."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            lines = self.text.split("\n")
            # Windows line ends: the '\r' is not part of the line
            if "\r" in self.text:
                lines = [line[:-1] if line.endswith("\r") else line for line in lines]
            self._lines = lines
        return self._lines

    def error(self, code: str, message: str, line: int, col: int = 1) -> LoadError:
        return LoadError(message, location=Location(self.path, line, col), code=code)

    def eol(self, lineno: int) -> int:
        return len(self.lines[lineno - 1]) + 1


_TOKEN = re.compile(r"\S+")


def _token_cols(line: str) -> list[tuple[int, str]]:
    return [(m.start() + 1, m.group()) for m in _TOKEN.finditer(line)]


# --------------------------------------------------------------------------- input handling

def _load(path_or_text: Source, path: str | None) -> tuple[str, str]:
    """Return (text, display path)."""
    data: bytes
    if isinstance(path_or_text, (bytes, bytearray, memoryview)):
        data = bytes(path_or_text)
        shown = path or "<bytes>"
    elif isinstance(path_or_text, os.PathLike) or (
            isinstance(path_or_text, str) and _looks_like_path(path_or_text)):
        p = Path(path_or_text)
        shown = path or str(path_or_text)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise LoadError(f"no such file: {p}", location=Location(shown, 1, 1),
                            code="file-not-found") from None
        except IsADirectoryError:
            raise LoadError(f"{p} is a directory, not a file", location=Location(shown, 1, 1),
                            code="is-a-directory") from None
        except (OSError, ValueError) as exc:
            raise LoadError(f"cannot read {p}: {exc}", location=Location(shown, 1, 1),
                            code="unreadable") from None
    elif isinstance(path_or_text, str):
        text = path_or_text
        if text.startswith("\ufeff"):
            text = text[1:]
        return text, path or "<string>"
    else:
        raise TypeError(f"read_af() expects a path, str or bytes, not {type(path_or_text).__name__}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LoadError("not UTF-8 text: the file looks like UTF-16 (it starts with a UTF-16 byte "
                        "order mark); save it as UTF-8", location=Location(shown, 1, 1),
                        code="encoding")
    try:
        return data.decode("utf-8"), shown
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        raise LoadError(f"not UTF-8 text: byte 0x{data[start]:02x} cannot be decoded",
                        location=Location(shown, line, col), code="encoding") from None


def _looks_like_path(s: str) -> bool:
    """Whether a str given to read_af names a file (else it is the content itself).

    Content with a line break is content.  A single line is a path when it has a known
    extension or names an existing file, and content when it can only be a framework
    ('p af N', ASPARTIX facts or comments, a lone '#'); anything else is taken as a path, so
    that a mistyped file name reports 'file-not-found' rather than a syntax error.
    """
    if "\n" in s or "\r" in s:
        return False
    if os.path.splitext(s)[1].lower() in _EXTENSIONS:
        return True
    try:
        if os.path.exists(s):
            return True
    except (OSError, ValueError):
        return False
    t = s.strip()
    if not t or t == "#" or re.match(r"p\s", t) or t.startswith("%") or re.search(r"\b(arg|att)\s*\(", t):
        return False
    return "\x00" not in s


def guess_format(text: str, path: str | None = None) -> str | None:
    """The format of *text*: from the extension of *path*, else from the content."""
    if path:
        fmt = _EXTENSIONS.get(os.path.splitext(str(path))[1].lower())
        if fmt:
            return fmt
    saw_separator = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            saw_separator = saw_separator or line == "#"
            continue
        parts = line.split()
        if parts[0] == "p":
            return "af"
        if line.startswith("%") or re.match(r"(arg|att)\s*\(", line):
            return "apx"
        return "tgf"
    return "tgf" if saw_separator else None


def read_af(path_or_text: Source, *, path: str | None = None, fmt: str | None = None) -> Framework:
    """Read an argumentation framework in ICCMA ``af``, ASPARTIX ``apx`` or ``tgf`` format.

    *path_or_text* is a :class:`os.PathLike` (read from disk), ``bytes`` (the file content) or a
    ``str``: text with a line break is the content; a single line is a file name unless it can
    only be content (``p af N``, ASPARTIX facts, ``#``).  *path* names the source in
    diagnostics (and helps guess the format); *fmt* forces the format.
    """
    if fmt is not None:
        fmt = str(fmt).lower().lstrip(".")
        fmt = {"i23": "af", "lp": "apx"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    text, shown = _load(path_or_text, path)
    src = _Src(text, shown)
    try:
        if not text.strip():
            raise src.error("empty", "empty file: no argumentation framework", 1, 1)
        if fmt is None:
            fmt = guess_format(text, shown if (path or not isinstance(path_or_text, str)
                                               or _looks_like_path(path_or_text)) else None)
            if fmt is None:
                raise src.error("unknown-format", "cannot tell the format (af, apx or tgf) of "
                                "this file: it holds only comment lines", 1, 1)
        return {"af": _read_iccma23, "apx": _read_apx, "tgf": _read_tgf}[fmt](src)
    except LoadError:
        raise
    except Exception as exc:  # never let a parser bug escape as something else
        raise src.error("internal", f"could not read the framework: {type(exc).__name__}: {exc}",
                        1, 1) from None


# --------------------------------------------------------------------------- ICCMA 2023 (.af)

_NUM = re.compile(r"[0-9]+")
_HEADER_HINT = "the first non-comment line must be 'p af N' (N = number of arguments)"


_COMMENT_LINE = re.compile(r"^[ \t]*#[^\n]*\n?", re.M)
_NOT_ATTACK_CHAR = re.compile(r"[^0-9 \n]")
_THREE_TOKENS = re.compile(r" [0-9]+ ")


def _read_iccma23(src: _Src) -> Framework:
    fw = _read_iccma23_fast(src.text)
    if fw is not None:
        return fw
    return _read_iccma23_checked(src)


def _read_iccma23_fast(text: str) -> Framework | None:
    """The common case at C speed: plain 'i j' lines with single spaces and '\n' ends.

    Returns None for anything else (or anything wrong): the line-by-line reader then parses
    the file again and reports the precise location of any problem.
    """
    # header: first line that is neither blank nor a comment
    p = 0
    L = len(text)
    n = None
    while p < L:
        e = text.find("\n", p)
        e = L if e < 0 else e
        line = text[p:e]
        p = e + 1
        s = line.strip()
        if not s or s[0] == "#":
            continue
        parts = s.split()
        if len(parts) != 3 or parts[:2] != ["p", "af"] or not _NUM.fullmatch(parts[2]) \
                or len(parts[2]) > 20:
            return None
        n = int(parts[2])
        if n > MAX_ARGUMENTS:
            return None
        break
    if n is None:
        return None
    body = text[p:]
    if "#" in body:
        body = _COMMENT_LINE.sub("", body)
    body = body.strip("\n")
    names = list(map(str, range(1, n + 1)))
    if not body:
        return Framework._from_indices(names, [], [], ())
    if (_NOT_ATTACK_CHAR.search(body) or "  " in body or "\n " in body or " \n" in body
            or "\n\n" in body or body[0] == " " or body[-1] == " "
            or _THREE_TOKENS.search(body) or body.count(" ") != body.count("\n") + 1):
        return None
    # now every line is exactly 'digits digits'
    with paused():
        try:
            # the JSON scanner parses integers in C and rejects leading zeros ("01")
            ints = json.loads("[" + body.replace(" ", ",").replace("\n", ",") + "]")
        except ValueError:
            return None
        if min(ints) < 1 or max(ints) > n:
            return None
        dec = (-1).__add__
        src_i = list(map(dec, ints[0::2]))
        tgt_i = list(map(dec, ints[1::2]))
        toks = body.split()
        attacks = tuple(zip(toks[0::2], toks[1::2]))
    return Framework._from_indices(names, src_i, tgt_i, attacks)


def _read_iccma23_checked(src: _Src) -> Framework:
    """The line-by-line reader: the header, then one attack per line, every problem located."""
    n, header_line = _iccma23_header(src)
    lines = src.lines
    names = [str(k) for k in range(1, n + 1)]
    get = {s: k for k, s in enumerate(names)}.get
    src_l: list[int] = []
    tgt_l: list[int] = []
    sa, ta = src_l.append, tgt_l.append
    for lineno in range(header_line, len(lines)):
        parts = lines[lineno].split()
        if len(parts) == 2:
            a = get(parts[0])
            b = get(parts[1])
            if a is not None and b is not None:
                sa(a)
                ta(b)
                continue
        attack = _iccma23_other_line(src, lineno + 1, n, header_line)
        if attack is not None:
            sa(attack[0])
            ta(attack[1])
    return Framework._from_indices(names, src_l, tgt_l)


def _iccma23_header(src: _Src) -> tuple[int, int]:
    """``(N, line of the header)`` from the first line that is neither blank nor a comment."""
    for ln, line in enumerate(src.lines, 1):
        s = line.lstrip()
        if not s or s[0] == "#":
            continue
        toks = _token_cols(line)
        if toks[0][1] != "p":
            raise src.error("header-missing", f"missing 'p af N' header: {_HEADER_HINT}", ln,
                            toks[0][0])
        return _parse_header(src, ln, toks), ln
    raise src.error("header-missing", f"missing 'p af N' header: {_HEADER_HINT}", 1, 1)


def _iccma23_other_line(src: _Src, ln: int, n: int, header_line: int) -> tuple[int, int] | None:
    """A line after the header that is not a plain ``i j`` attack of declared arguments: None
    for a blank or comment line, the attack's indices for one written unusually (``01 2``),
    else a located error."""
    line = src.lines[ln - 1]
    s = line.lstrip()
    if not s or s[0] == "#":
        return None
    toks = _token_cols(line)
    if toks[0][1] == "p":
        raise src.error("header-duplicate", "a second 'p af' header (the header must appear "
                        f"once, before the attacks; the first is on line {header_line})", ln, toks[0][0])
    idx = [_argument_index(src, ln, col, tok, n) for col, tok in toks[:2]]
    if len(toks) < 2:
        raise src.error("syntax", "an attack line needs two argument numbers 'i j'; "
                        "found only one", ln, src.eol(ln))
    if len(toks) > 2:
        raise src.error("syntax", f"unexpected {toks[2][1]!r} after the attack "
                        f"'{toks[0][1]} {toks[1][1]}'", ln, toks[2][0])
    return idx[0], idx[1]


def _argument_index(src: _Src, ln: int, col: int, tok: str, n: int) -> int:
    """The index (0-based) of the argument numbered *tok*, which must be in ``1..n``."""
    if not _NUM.fullmatch(tok):
        raise src.error("syntax", f"expected an argument number 1..{n}, found {tok!r}", ln, col)
    v = int(tok) if len(tok.lstrip("0")) <= 20 else n + 1   # (int() refuses 4300 digits)
    if not 1 <= v <= n:
        if len(tok) > 40:
            tok = f"{tok[:20]}...({len(tok)} digits)"
        raise src.error("out-of-range", f"argument {tok} is out of range: the header "
                        f"declares {n} argument{'s' if n != 1 else ''} (1..{n})", ln, col)
    return v - 1


def _parse_header(src: _Src, ln: int, toks: list[tuple[int, str]]) -> int:
    if len(toks) < 2 or toks[1][1] != "af":
        col = toks[1][0] if len(toks) > 1 else src.eol(ln)
        found = repr(toks[1][1]) if len(toks) > 1 else "end of line"
        raise src.error("header", f"expected 'af' after 'p' in the header, found {found}", ln, col)
    if len(toks) < 3:
        raise src.error("header", "the header 'p af N' lacks the number of arguments N", ln,
                        src.eol(ln))
    col, tok = toks[2]
    if not _NUM.fullmatch(tok):
        raise src.error("header", f"the number of arguments must be a non-negative integer, "
                        f"found {tok!r}", ln, col)
    if len(toks) > 3:
        raise src.error("header", f"unexpected {toks[3][1]!r} after the header 'p af {tok}'",
                        ln, toks[3][0])
    if len(tok.lstrip("0")) > 20 or int(tok) > MAX_ARGUMENTS:
        shown = tok if len(tok) <= 40 else f"{tok[:20]}...({len(tok)} digits)"
        raise src.error("header", f"the header declares {shown} arguments; at most "
                        f"{MAX_ARGUMENTS:,} are supported", ln, col)
    return int(tok)


# --------------------------------------------------------------------------- ASPARTIX (.apx)

_BARE = re.compile(r"[A-Za-z0-9_]+")
_FACT_LINE = re.compile(
    r"[ \t]*(arg|att)[ \t]*\([ \t]*([A-Za-z0-9_]+)[ \t]*(?:,[ \t]*([A-Za-z0-9_]+)[ \t]*)?\)"
    r"[ \t]*\.[ \t]*")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


class _ApxSyntax(Exception):
    def __init__(self, col: int, message: str, at_end: bool = False):
        self.col, self.message, self.at_end = col, message, at_end


def _skip_blanks(line: str, q: int) -> int:
    """The first position at or after *q* that is not a space or tab."""
    while q < len(line) and line[q] in " \t":
        q += 1
    return q


def _expect(line: str, q: int, ch: str, what: str) -> int:
    """The position after the character *ch* (after blanks) at *q*; raises _ApxSyntax."""
    q = _skip_blanks(line, q)
    if q >= len(line):
        raise _ApxSyntax(q + 1, f"expected {what}, found end of line", at_end=True)
    if line[q] != ch:
        raise _ApxSyntax(q + 1, f"expected {what}, found {line[q]!r}")
    return q + 1


def _scan_fact(line: str, p: int) -> tuple[str, list[tuple[int, str]], int]:
    """Parse one fact at line[p:] (p at its first character).

    Returns (predicate, [(col, name), ...], next position); raises _ApxSyntax.
    """
    m = _BARE.match(line, p)
    if not m:
        raise _ApxSyntax(p + 1, f"expected a fact arg(...) or att(...), found {line[p]!r}")
    pred = m.group()
    if pred not in ("arg", "att"):
        raise _ApxSyntax(p + 1, f"unknown predicate {pred!r}: only arg/1 and att/2 facts are "
                         "allowed")
    names, q = _scan_names(line, _expect(line, m.end(), "(", f"'(' after {pred!r}"))
    want = 1 if pred == "arg" else 2
    if len(names) != want:
        raise _ApxSyntax(p + 1, f"{pred} takes {want} argument{'s' if want > 1 else ''}, "
                         f"found {len(names)}")
    q = _expect(line, q, ".", f"'.' after {pred}(...)")
    return pred, names, q


def _scan_names(line: str, q: int) -> tuple[list[tuple[int, str]], int]:
    """The names of a fact, ``a, "b")`` from just after its ``(``: ([(col, name), ...], the
    position after the ``)``)."""
    L = len(line)
    names = []
    while True:
        q = _skip_blanks(line, q)
        if q >= L:
            raise _ApxSyntax(q + 1, "expected an argument name, found end of line", at_end=True)
        col = q + 1
        if line[q] == '"':
            name, q = _scan_quoted(line, q + 1)
        else:
            m = _BARE.match(line, q)
            if not m:
                raise _ApxSyntax(col, f"expected an argument name, found {line[q]!r}")
            name, q = m.group(), m.end()
        names.append((col, name))
        q = _skip_blanks(line, q)
        if q >= L:
            raise _ApxSyntax(q + 1, "expected ',' or ')', found end of line", at_end=True)
        if line[q] == ",":
            q += 1
            continue
        if line[q] == ")":
            return names, q + 1
        raise _ApxSyntax(q + 1, f"expected ',' or ')', found {line[q]!r}")


def _scan_quoted(line: str, q: int) -> tuple[str, int]:
    """A double-quoted name from just after its opening quote: (the name, escapes decoded;
    the position after the closing quote)."""
    L = len(line)
    buf: list[str] = []
    while True:
        if q >= L:
            raise _ApxSyntax(q + 1, "unterminated quoted name", at_end=True)
        c = line[q]
        if c == '"':
            return "".join(buf), q + 1
        if c == "\\":
            if q + 1 >= L:
                raise _ApxSyntax(q + 2, "unterminated quoted name", at_end=True)
            e = line[q + 1]
            if e not in _ESCAPES:
                raise _ApxSyntax(q + 1, f"unknown escape '\\{e}' in a quoted name")
            buf.append(_ESCAPES[e])
            q += 2
            continue
        buf.append(c)
        q += 1


def _read_apx(src: _Src) -> Framework:
    lines = src.lines
    last = len(lines)
    while last > 0 and not lines[last - 1].strip():
        last -= 1
    args: list[str] = []
    pos: dict[str, int] = {}
    atts: list[tuple[str, str, int, int, int]] = []  # a, b, line, col_a, col_b
    fm = _FACT_LINE.fullmatch
    for lineno, line in enumerate(lines, 1):
        m = fm(line)
        if m is not None:   # the common case: one plain fact on the line
            pred, a, b = m.groups()
            if pred == "arg" and b is None:
                if a in pos:
                    raise _apx_declared_twice(src, a, lineno, m.start(2) + 1)
                pos[a] = len(args)
                args.append(a)
                continue
            if pred == "att" and b is not None:
                atts.append((a, b, lineno, m.start(2) + 1, m.start(3) + 1))
                continue
        for pred, names in _apx_facts(src, line, lineno, lineno >= last):
            if pred == "arg":
                col, a = names[0]
                if a in pos:
                    raise _apx_declared_twice(src, a, lineno, col)
                pos[a] = len(args)
                args.append(a)
            else:
                (ca, a), (cb, b) = names
                atts.append((a, b, lineno, ca, cb))
    if not args and not atts and not any(line.strip().startswith("%") for line in lines):
        raise src.error("empty", "no arg/1 or att/2 facts", 1, 1)
    return _apx_framework(src, args, pos, atts)


def _apx_facts(src: _Src, line: str, lineno: int, last_line: bool) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """The facts of a line read the general way (several facts, comments, quoted names), in
    order, each ``(predicate, [(col, name), ...])``; a syntax error is located (and called a
    truncation on the last line when the line ends inside a fact)."""
    p = 0
    while True:
        p = _skip_blanks(line, p)
        if p >= len(line) or line[p] == "%":
            return
        try:
            pred, names, p = _scan_fact(line, p)
        except _ApxSyntax as exc:
            if exc.at_end and last_line:
                raise src.error("truncated", f"the file ends inside a fact: {exc.message} "
                                "(truncated file?)", lineno, exc.col) from None
            raise src.error("syntax", exc.message, lineno, exc.col) from None
        yield pred, names


def _apx_declared_twice(src: _Src, name: str, lineno: int, col: int) -> LoadError:
    return src.error("duplicate-argument", f"argument {name!r} is declared twice "
                     f"(first on line {_decl_line(src, name)})", lineno, col)


def _apx_framework(src: _Src, args: list[str], pos: dict[str, int],
                   atts: list[tuple[str, str, int, int, int]]) -> Framework:
    """The framework of the declared arguments and the attacks, which must be between them."""
    get = pos.get
    s_l, t_l = [], []
    for a, b, ln, ca, cb in atts:
        x, y = get(a), get(b)
        if x is None or y is None:
            name, col = (a, ca) if x is None else (b, cb)
            raise src.error("undeclared-argument", f"attack on or by undeclared argument "
                            f"{name!r} (no arg({_apx_name(name)}).)", ln, col)
        s_l.append(x)
        t_l.append(y)
    return Framework._from_indices(args, s_l, t_l)


def _decl_line(src: _Src, name: str) -> int:
    """Line of the first declaration of *name* (only used for error messages)."""
    pat = re.compile(r"arg[ \t]*\([ \t]*(" + re.escape(name) + "|" + re.escape(_apx_name(name))
                     + r")[ \t]*\)")
    for k, line in enumerate(src.lines, 1):
        if pat.search(line):
            return k
    return 1  # pragma: no cover


def _apx_name(name: str) -> str:
    if _BARE.fullmatch(name):
        return name
    out = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
              .replace("\r", "\\r").replace("\t", "\\t")
    return f'"{out}"'


# --------------------------------------------------------------------------- TGF

def _read_tgf(src: _Src) -> Framework:
    lines = src.lines
    args, pos, sep = _tgf_arguments(src)
    s_l: list[int] = []
    t_l: list[int] = []
    get = pos.get
    for lineno in range(sep, len(lines)):
        parts = lines[lineno].split()
        if len(parts) == 2:
            a, b = get(parts[0]), get(parts[1])
            if a is not None and b is not None:
                s_l.append(a)
                t_l.append(b)
                continue
        if parts:
            _tgf_refuse_attack_line(src, lineno + 1, pos, sep)
    return Framework._from_indices(args, s_l, t_l)


def _tgf_arguments(src: _Src) -> tuple[list[str], dict[str, int], int]:
    """The argument names before the ``#`` line: (names, name -> index, line of the ``#``)."""
    lines = src.lines
    args: list[str] = []
    pos: dict[str, int] = {}
    for i, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) == 1:
            a = parts[0]
            if a == "#":
                return args, pos, i
            if a in pos:
                raise src.error("duplicate-argument", f"argument {a!r} is declared twice (first on "
                                f"line {_tgf_decl_line(src, a)})", i, line.index(a) + 1)
            pos[a] = len(args)
            args.append(a)
            continue
        toks = _token_cols(line)
        raise src.error("syntax", f"expected one argument name per line before the '#' line, "
                        f"found {toks[1][1]!r} after {toks[0][1]!r} (labels are not allowed)",
                        i, toks[1][0])
    nlines = len(lines)
    raise src.error("syntax", "missing the '#' line that separates arguments from attacks",
                    nlines, src.eol(nlines))


def _tgf_refuse_attack_line(src: _Src, ln: int, pos: dict[str, int], sep: int) -> None:
    """Raise the located error for a non-blank line after the ``#`` that is not an attack
    ``a b`` between listed arguments."""
    toks = _token_cols(src.lines[ln - 1])
    if src.lines[ln - 1].split() == ["#"]:
        raise src.error("syntax", f"a second '#' line (the first is on line {sep})", ln,
                        toks[0][0])
    if len(toks) < 2:
        raise src.error("syntax", f"an attack line needs two argument names 'a b'; found "
                        f"only {toks[0][1]!r}", ln, src.eol(ln))
    if len(toks) > 2:
        raise src.error("syntax", f"unexpected {toks[2][1]!r} after the attack "
                        f"'{toks[0][1]} {toks[1][1]}' (labels are not allowed)", ln, toks[2][0])
    for col, tok in toks:
        if tok not in pos:
            raise src.error("undeclared-argument", f"attack on or by undeclared argument "
                            f"{tok!r} (not listed before the '#' line)", ln, col)


def _tgf_decl_line(src: _Src, name: str) -> int:
    for k, line in enumerate(src.lines, 1):
        if line.split() == [name]:
            return k
    return 1  # pragma: no cover


# --------------------------------------------------------------------------- writers

def write_af(fw: Framework, fmt: str) -> str:
    """*fw* as text in *fmt* ("af", "apx" or "tgf"); ``read_af`` reads it back.

    ``af`` numbers the arguments: if their names are exactly ``1..N`` they are kept (reading
    back yields them in numeric order); otherwise argument *i* (input order) becomes ``i`` and
    its name is written as a ``# name`` comment line.  ``tgf`` needs names without whitespace
    other than ``#``; an unwritable name raises :class:`ValueError`.
    """
    fmt = str(fmt).lower().lstrip(".")
    fmt = {"i23": "af", "lp": "apx"}.get(fmt, fmt)
    args, atts = fw.arguments, fw.attacks
    if fmt == "af":
        n = len(args)
        out = [f"p af {n}"]
        if set(args) == {str(k) for k in range(1, n + 1)}:
            num = {a: a for a in args}
        else:
            num = {a: str(k) for k, a in enumerate(args, 1)}
            out.extend("# " + " ".join(str(a).split()) for a in args)
        out.extend(f"{num[a]} {num[b]}" for a, b in atts)
        return "\n".join(out) + "\n"
    if fmt == "apx":
        if not args:
            return "% an argumentation framework with no arguments\n"
        q = {a: _apx_name(a) for a in args}
        out = [f"arg({q[a]})." for a in args]
        out.extend(f"att({q[a]},{q[b]})." for a, b in atts)
        return "\n".join(out) + "\n"
    if fmt == "tgf":
        for a in args:
            if not isinstance(a, str) or a.split() != [a] or a == "#":
                raise ValueError(f"argument name {a!r} cannot be written in TGF (it must be "
                                 "non-empty, without whitespace, and not '#')")
        out = list(args) + ["#"]
        out.extend(f"{a} {b}" for a, b in atts)
        return "\n".join(out) + "\n"
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
