"""YAML that explains itself: the common mistakes of map authors, told in their words.

Layer: readers (beside the YAML reader; it imports nothing of argmap).

PyYAML reports a syntax error as a parser sees it ("mapping values are not allowed in this
context", "did not find expected key") at the place where the parser gave up, which is often
not where the author went wrong.  :func:`explain` looks at the text around PyYAML's mark and,
when it recognises one of these mistakes, returns a message, a hint and the place to point at:

* a plain (unquoted) text containing ``": "``: YAML takes the second ``": "`` for the start of a
  mapping (``text: Art. 5: jurisdiction``);
* a plain text containing ``" #"`` in a flow collection (``{id: P1, text: see #3}``): YAML takes
  ``" #"`` for the start of a comment and drops the rest of the line, brackets included;
* a tab in the indentation: YAML indents with spaces only;
* an unclosed quote: a quoted text whose closing quote is missing, so that it runs on to the
  end of the file or swallows the lines below it up to the next quote;
* a list item at the wrong depth: a ``-`` that is not at the column of the other items of its
  list.

Anything else gives None, and the reader keeps PyYAML's own words.
"""
from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

__all__ = ["explain", "Explanation"]

PREFIX = "YAML syntax error: "
_BLOCK_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):[ \t]+"
                          r"(?P<value>[^\s\"'\[{|>&*!%@`#].*?)\s*$")
_FLOW_VALUE = re.compile(r"(?P<lead>[{,]\s*)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\s\"'\[{,}][^,{}\[\]]*)")


class Explanation(NamedTuple):
    """A better account of a syntax error: the message, a hint, and its 1-based place."""

    message: str
    hint: str
    line: int
    col: int


def _mark(mark: Any) -> tuple[int, int]:
    """0-based (line, column) of a PyYAML mark (or anything with ``line`` and ``column``)."""
    return (getattr(mark, "line", 0) or 0, getattr(mark, "column", 0) or 0) if mark is not None else (0, 0)


def explain(text: str, mark: Any, message: str, context_mark: Any = None) -> Explanation | None:
    """A better message, hint and place for PyYAML's error *message* at *mark* (its
    ``problem_mark``; *context_mark* is its ``context_mark``, when it has one) in *text*, or
    None when the mistake is not one of those this module knows."""
    lines = text.split("\n")
    line, col = _mark(mark)
    line = min(line, max(len(lines) - 1, 0))
    for rule in (_tab, _unclosed_quote, _colon, _hash_in_flow, _list_depth):
        found = rule(lines, line, col, message, context_mark)
        if found is not None:
            return found
    return None


def _quoted(key: str, value: str) -> str:
    return f"{key}: {json.dumps(value, ensure_ascii=False)}"


# -- the rules: each gets the lines, PyYAML's 0-based place, its message and context mark -----
def _tab(lines, line, col, message, context_mark) -> Explanation | None:
    for i in (line, line - 1):
        if 0 <= i < len(lines):
            indent = re.match(r"[ \t]*", lines[i]).group()   # type: ignore[union-attr]
            if "\t" in indent and lines[i].strip():
                return Explanation(PREFIX + "a tab in the indentation: YAML indents with spaces only",
                                   "replace the tab with spaces (set the editor to indent with spaces)",
                                   i + 1, indent.index("\t") + 1)
    return None


def _scan_quotes(lines: list[str]) -> list[tuple[int, int, int | None]]:
    """The quoted texts of a YAML document: (start line, start column, end line or None when
    never closed), 0-based.  A quote starts a text at the start of a value (after ``: ``, ``- ``,
    ``[``, ``{``, ``,``, ``? `` or at the start of a line); comments are skipped."""
    out: list[tuple[int, int, int | None]] = []
    quote = None   # (char, line, col) of the open quote
    for n, text in enumerate(lines):
        i = 0
        while i < len(text):
            ch = text[i]
            if quote is not None:
                if quote[0] == '"' and ch == "\\":
                    i += 2
                    continue
                if ch == quote[0]:
                    if ch == "'" and text[i + 1:i + 2] == "'":
                        i += 2
                        continue
                    out.append((quote[1], quote[2], n))
                    quote = None
                i += 1
                continue
            if ch == "#" and (i == 0 or text[i - 1] in " \t"):
                break
            if ch in "\"'" and _starts_value(text, i):
                quote = (ch, n, i)
            i += 1
    if quote is not None:
        out.append((quote[1], quote[2], None))
    return out


def _starts_value(text: str, i: int) -> bool:
    """Whether a quote at *i* of *text* opens a quoted text (rather than being inside a plain one)."""
    before = text[:i].rstrip(" \t")
    if not before or before[-1] in "[{,":
        return True
    if before[-1] == "-":
        return re.fullmatch(r"\s*(?:-\s+)*-", before) is not None
    return before[-1] in ":?" and i > len(before)   # "key: 'text'": a space after the colon


def _unclosed_quote(lines, line, col, message, context_mark) -> Explanation | None:
    for start, scol, end in _scan_quotes(lines):
        char = lines[start][scol]
        if end is None:
            return Explanation(PREFIX + f"this quoted text has no closing {char}: it runs on to the end of the file",
                               f"add the closing {char} at the end of the text", start + 1, scol + 1)
        if end != start and end in (line, line - 1) and start < line:
            return Explanation(PREFIX + f"this quoted text is not closed on its line: it runs on to line {end + 1} "
                               f"(the {char} there closes it)",
                               f"add the closing {char} at the end of line {start + 1}; a text may span "
                               "lines, but then the lines in between belong to it", start + 1, scol + 1)
    return None


def _colon(lines, line, col, message, context_mark) -> Explanation | None:
    if not ("mapping values are not allowed" in message or "expected ',' or '}'" in message
            or "could not find expected ':'" in message):
        return None
    text = lines[line] if line < len(lines) else ""
    m = _BLOCK_VALUE.match(text)
    if m and (": " in m.group("value") or m.group("value").endswith(":")):
        key, value = m.group("key"), m.group("value")
        return Explanation(PREFIX + f"the text of '{key}' contains ': ', which YAML reads as the start of a "
                           "mapping: quote the text", f"write it in quotes: {_quoted(key, value)}",
                           line + 1, m.start("value") + 1)
    for f in _FLOW_VALUE.finditer(text):
        value = f.group("value").rstrip()
        if ": " in value:
            key = f.group("key")
            return Explanation(PREFIX + f"the text of '{key}' contains ': ', which YAML reads as the start of a "
                               "mapping: quote the text", f"write it in quotes: {_quoted(key, value)}",
                               line + 1, f.start("value") + 1)
    return None


def _hash_in_flow(lines, line, col, message, context_mark) -> Explanation | None:
    if "expected ',' or '}'" not in message and "expected ',' or ']'" not in message:
        return None
    first = _mark(context_mark)[0] if context_mark is not None else max(line - 1, 0)
    for i in range(min(line, len(lines) - 1), max(first, line - 20) - 1, -1):
        text = lines[i]
        for f in _FLOW_VALUE.finditer(text):
            value = f.group("value")
            if " #" in value:
                key = f.group("key")
                return Explanation(PREFIX + f"the text of '{key}' contains ' #', which YAML reads as the start of a "
                                   "comment: the rest of the line was dropped; quote the text",
                                   f"write it in quotes: {_quoted(key, value.rstrip(' }]'))}",
                                   i + 1, f.start("value") + value.index(" #") + 2)
    return None


def _list_depth(lines, line, col, message, context_mark) -> Explanation | None:
    if line >= len(lines) or not lines[line].lstrip().startswith("-"):
        return None
    text = lines[line]
    dash = len(text) - len(text.lstrip(" "))
    for i in range(line - 1, -1, -1):
        above = lines[i]
        stripped = above.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        own = len(above) - len(stripped)
        if stripped.startswith("-") and own != dash:
            return Explanation(PREFIX + f"list item at the wrong depth: its '-' is at column {dash + 1}, but the item "
                               f"above it (line {i + 1}) has its '-' at column {own + 1}",
                               f"start every item of one list at the same column (here {own + 1}); an item of "
                               "a nested list goes under a field that takes a list (supports:, attacks:, ...)",
                               line + 1, dash + 1)
        if own < dash and not stripped.startswith("-"):
            break
    return None
