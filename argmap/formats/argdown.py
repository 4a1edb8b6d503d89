"""Argdown (the classic syntax of ``@argdown/cli`` 1.x): ``read_argdown`` / ``write_argdown``.

The reader is a port of the Argdown 1.7.5 lexer, parser and model builder
(``@argdown/core``: ``lexer.js``, ``parser.js``, ``ModelPlugin.js``; MIT licence), so a file
means in argmap what it means in Argdown: the same statements (equivalence classes), arguments
and relations as ``argdown json`` exports.  The model is then mapped to an argmap map:

* every equivalence class ``[Title]`` becomes a statement; its id is the title when that is a
  valid id, else the title made into one (``Untitled 1`` -> ``Untitled_1``); its text is the
  canonical member's text (the last definition), whitespace-normalised, with ``#tags`` moved to
  ``tags``.  Kind: a ``kind`` in its ``{...}`` data; else ``claim`` for a conclusion in some
  premise-conclusion structure (PCS), ``premise`` for a statement used only as a premise,
  ``objection`` for one whose relations are all attacks, ``claim`` otherwise;
* an argument ``<Title>`` with a PCS becomes one inference per inferential step (the last step
  gets the argument's id, earlier ones ``id.1``, ``id.2``, ...); a step's premises are the
  statements listed in its ``uses`` data, else (as in Argdown) the statements since the previous
  conclusion, that conclusion included; its inference rules become the ``scheme``;
* an argument without a PCS becomes a statement (kind ``objection`` when all its relations are
  attacks, else ``claim``), its description being the text;
* relations: support (``+``, ``<+``, ``+>``; ``entails`` in strict mode) -> ``supports``,
  attack (``-``, ``<-``, ``->``) -> ``attacks``, contrary (strict mode) and contradictory
  (``><``) -> ``contradicts``, undercut (``_>``, ``<_``) -> ``undercuts``.  Relations of a
  reconstructed argument start at its conclusion (Argdown's own rule).  An undercut of a
  reconstructed argument targets its last inference (of a step, when written under that
  step's inference line); an undercut of a sketched argument or a statement turns its outgoing
  supports into one-premise inferences and undercuts those.  A support or attack of a
  reconstructed argument that names no premise is imported as a support of its conclusion /
  an undercut of its inference, with a warning;
* headings become sections (ids ``1``, ``1.2``, ... by nesting); the front matter ``title`` the
  map's title.

``write_argdown`` writes a map as classic Argdown that ``@argdown/cli`` 1.7.5 accepts and that
reads back to the same map (texts are whitespace-normalised: Argdown has no line breaks in a
statement).  argmap fields Argdown has no place for go into ``{...}`` data (kind, note, lines,
page, cites, ...) and an ``argmap:`` block of the front matter (thesis, references, values, ...).

Argdown+ (2.x) files are not classic Argdown: their constructs (``[?Question]``, ``<@``,
``=>``, ...) are reported as located errors naming the construct.
"""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import Diagnostic, LoadError, Location
from ..ids import ID_RE, REF_RE
from ._common import (Collector, IdMaker, clean_fields, finish, guard, merge_rest, raise_or_return, stem,
                      yaml_dumper)

__all__ = ["read_argdown", "read_argdown_with_diagnostics", "read_argdown_detailed", "write_argdown",
           "sniff_argdown", "ArgdownImport"]

# -- lexer: a port of @argdown/core 1.7.5 lexer.js ----------------------------------------------

COMMENT = "Comment"
FRONT_MATTER = "FrontMatter"
DATA = "Data"
ESCAPED_CHAR = "EscapedChar"
SPECIAL_CHAR = "SpecialChar"
EMPTYLINE = "Emptyline"
NEWLINE = "Newline"
INDENT = "Indent"
DEDENT = "Dedent"
INFERENCE_START = "InferenceStart"
INFERENCE_END = "InferenceEnd"
LIST_DELIMITER = "ListDelimiter"
INCOMING_SUPPORT = "IncomingSupport"
INCOMING_ATTACK = "IncomingAttack"
OUTGOING_SUPPORT = "OutgoingSupport"
OUTGOING_ATTACK = "OutgoingAttack"
CONTRADICTION = "Contradiction"
INCOMING_UNDERCUT = "IncomingUndercut"
OUTGOING_UNDERCUT = "OutgoingUndercut"
HEADING_START = "HeadingStart"
STATEMENT_NUMBER = "StatementNumber"
ORDERED_LIST_ITEM = "OrderedListItem"
UNORDERED_LIST_ITEM = "UnorderedListItem"
A_BOLD_END = "AsteriskBoldEnd"
U_BOLD_END = "UnderscoreBoldEnd"
A_ITALIC_END = "AsteriskItalicEnd"
U_ITALIC_END = "UnderscoreItalicEnd"
A_BOLD_START = "AsteriskBoldStart"
U_BOLD_START = "UnderscoreBoldStart"
A_ITALIC_START = "AsteriskItalicStart"
U_ITALIC_START = "UnderscoreItalicStart"
LINK = "Link"
TAG = "Tag"
STATEMENT_DEFINITION = "StatementDefinition"
STATEMENT_REFERENCE = "StatementReference"
STATEMENT_MENTION = "StatementMention"
ARGUMENT_DEFINITION = "ArgumentDefinition"
ARGUMENT_REFERENCE = "ArgumentReference"
ARGUMENT_MENTION = "ArgumentMention"
SPACES = "Spaces"
FREESTYLE = "Freestyle"
UNUSED_CONTROL_CHAR = "UnusedControlChar"
EOF = "EOF"

LABELS = {
    EMPTYLINE: "an empty line", NEWLINE: "a line break", INDENT: "an indented line",
    DEDENT: "the end of an indented block", INFERENCE_START: "'--' (inference start)",
    INFERENCE_END: "'--' (inference end)", STATEMENT_NUMBER: "a numbered statement '(1)'",
    EOF: "the end of the file", DATA: "a {...} data block", FRONT_MATTER: "front matter '==='",
}

_DOT = r"[^\n\r\u2028\u2029]"            # JavaScript's '.'
_RE = {
    FRONT_MATTER: re.compile(r"===+[\s\S]*?===+"),
    DATA: re.compile(r"\{(?:(?!\}\s[^,}])(?:" + _DOT + r"|\n))*\}(?!\s*(?:,|\}))"),
    ESCAPED_CHAR: re.compile(r"\\" + _DOT + r"(?: )*"),
    SPECIAL_CHAR: re.compile(r"(?:\.\S+?\.[ \t]?)|(?::\S+?:[ \t]?)"),
    NEWLINE: re.compile(r"[ \t]*(?:\r\n|\n|\r)"),
    LIST_DELIMITER: re.compile(r","),
    INFERENCE_END: re.compile(r"-{2,}"),
    LINK: re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    TAG: re.compile(r"#(?:\([^)]+\)|[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)[ \t]?"),
    STATEMENT_DEFINITION: re.compile(r"\[" + _DOT + r"+?\]:"),
    STATEMENT_REFERENCE: re.compile(r"\[[^-]" + _DOT + r"*?\]"),
    STATEMENT_MENTION: re.compile(r"@\[" + _DOT + r"+?\][ \t]?"),
    ARGUMENT_DEFINITION: re.compile(r"<" + _DOT + r"+?>:"),
    ARGUMENT_REFERENCE: re.compile(r"<[^-]" + _DOT + r"*?>"),
    ARGUMENT_MENTION: re.compile(r"@<" + _DOT + r"+?>[ \t]?"),
    SPACES: re.compile(r"[ \t]+"),
    FREESTYLE: re.compile(r"[^\\@#*_\[\],.:;</>\-\r\n(){}]+"),
    UNUSED_CONTROL_CHAR: re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?"),
}
_RELATION_RE = {
    INCOMING_SUPPORT: re.compile(r"([' \t]*)(\+>)"),
    INCOMING_ATTACK: re.compile(r"([' \t]*)(->)"),
    OUTGOING_SUPPORT: re.compile(r"([' \t]*)(<?\+)"),
    OUTGOING_ATTACK: re.compile(r"([' \t]*)(<?-)"),
    CONTRADICTION: re.compile(r"([' \t]*)(><)"),
    INCOMING_UNDERCUT: re.compile(r"([' \t]*)(_>)"),
    OUTGOING_UNDERCUT: re.compile(r"([' \t]*)(<_|(?:_(?=\s)))"),
}
RELATION_TOKENS = tuple(_RELATION_RE)
_INFERENCE_START_RE = re.compile(r"[' \t]*-{2}")
_ORDERED_RE = re.compile(r"([' \t]*)\d+\.(?=\s)")
_UNORDERED_RE = re.compile(r"([' \t]*)\*(?=\s)")
_EMPTYLINE_RE = re.compile(r"(?:[ \t]*(?:\r\n|\n)){2,}")   # (a lone CR is no empty line)
_STATEMENT_NUMBER_RE = re.compile(r"[' \t]*\(\d+\)")
_HEADING_RE = re.compile(r"(#+) ")
_END_LOOK = r"(?:[ \t]|(?=\n|\r|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
_RANGE_RE = {
    A_BOLD_START: re.compile(r"\*\*(?!\s)"), A_BOLD_END: re.compile(r"\*\*" + _END_LOOK),
    U_BOLD_START: re.compile(r"__(?!\s)"), U_BOLD_END: re.compile(r"__" + _END_LOOK),
    A_ITALIC_START: re.compile(r"\*(?!\s)"), A_ITALIC_END: re.compile(r"\*" + _END_LOOK),
    U_ITALIC_START: re.compile(r"_(?!\s)"), U_ITALIC_END: re.compile(r"_" + _END_LOOK),
}
_RANGE_KIND = {A_BOLD_START: "AsteriskBold", A_BOLD_END: "AsteriskBold", U_BOLD_START: "UnderscoreBold",
               U_BOLD_END: "UnderscoreBold", A_ITALIC_START: "AsteriskItalic",
               A_ITALIC_END: "AsteriskItalic", U_ITALIC_START: "UnderscoreItalic",
               U_ITALIC_END: "UnderscoreItalic"}
_ANY = r"(?:" + _DOT + r"|\n|\r)"       # JavaScript's (.|\n|\r): all but U+2028/U+2029
_COMMENT = r"(?:<!--" + _ANY + r"*?-->)|(?:/\*" + _ANY + r"*?\*/)|(?://" + _DOT + r"*?(?=\r\n|\n|\r))"
_COMMENT_RE = re.compile(_COMMENT)
_COMMENT_AFTER_EMPTYLINE_RE = re.compile(r"(?:" + _COMMENT + r")(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE_RE = re.compile(r"(?:" + _COMMENT + r")(?:[ \t]*(?:\r\n|\n|\r)(?![ \t]*(?:\r\n|\n|\r)))?")

DEFAULT_MODE = (COMMENT, FRONT_MATTER, DATA, ESCAPED_CHAR, SPECIAL_CHAR, EMPTYLINE, NEWLINE,
                INFERENCE_START, INCOMING_SUPPORT, INCOMING_ATTACK, OUTGOING_SUPPORT, OUTGOING_ATTACK,
                CONTRADICTION, INCOMING_UNDERCUT, OUTGOING_UNDERCUT, HEADING_START, STATEMENT_NUMBER,
                ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM, A_BOLD_END, U_BOLD_END, A_ITALIC_END,
                U_ITALIC_END, A_BOLD_START, U_BOLD_START, A_ITALIC_START, U_ITALIC_START, LINK, TAG,
                STATEMENT_DEFINITION, STATEMENT_REFERENCE, STATEMENT_MENTION, ARGUMENT_DEFINITION,
                ARGUMENT_REFERENCE, ARGUMENT_MENTION, SPACES, FREESTYLE, UNUSED_CONTROL_CHAR)
INFERENCE_MODE = (COMMENT, NEWLINE, ESCAPED_CHAR, SPECIAL_CHAR, INFERENCE_END, DATA, LIST_DELIMITER,
                  SPACES, FREESTYLE, UNUSED_CONTROL_CHAR)
SKIPPED = (COMMENT, SPACES)

_WS = " \t'"
_CONTROL = "\\@#*_[],.:;</>-\r\n(){}"
# the characters a token can start with (None: any); only an optimisation, the order of the
# modes above still decides between the candidates
_FIRST = {
    COMMENT: "/<", FRONT_MATTER: "=", DATA: "{", ESCAPED_CHAR: "\\", SPECIAL_CHAR: ".:",
    EMPTYLINE: " \t\r\n", NEWLINE: " \t\r\n", INFERENCE_START: _WS + "-",
    INCOMING_SUPPORT: _WS + "+", INCOMING_ATTACK: _WS + "-", OUTGOING_SUPPORT: _WS + "<+",
    OUTGOING_ATTACK: _WS + "<-", CONTRADICTION: _WS + ">", INCOMING_UNDERCUT: _WS + "_",
    OUTGOING_UNDERCUT: _WS + "<_", HEADING_START: "#", STATEMENT_NUMBER: _WS + "(",
    ORDERED_LIST_ITEM: _WS + "0123456789", UNORDERED_LIST_ITEM: _WS + "*",
    A_BOLD_END: "*", U_BOLD_END: "_", A_ITALIC_END: "*", U_ITALIC_END: "_", A_BOLD_START: "*",
    U_BOLD_START: "_", A_ITALIC_START: "*", U_ITALIC_START: "_", LINK: "[", TAG: "#",
    STATEMENT_DEFINITION: "[", STATEMENT_REFERENCE: "[", STATEMENT_MENTION: "@",
    ARGUMENT_DEFINITION: "<", ARGUMENT_REFERENCE: "<", ARGUMENT_MENTION: "@", SPACES: " \t",
    INFERENCE_END: "-", LIST_DELIMITER: ",", UNUSED_CONTROL_CHAR: "@#*_[],.:;</>-(){}",
}
_CANDIDATES: dict = {}
_GUARDED = {COMMENT, DATA, LINK, TAG, STATEMENT_DEFINITION, STATEMENT_REFERENCE, STATEMENT_MENTION,
            ARGUMENT_DEFINITION, ARGUMENT_REFERENCE, ARGUMENT_MENTION}

# A token whose closing part is missing makes its regex scan to the end of the line (or text)
# before failing, at every opening character: "[[[[..." of 100 kB took minutes.  A match needs
# its closer before the first character the regex cannot cross, so that is checked first, with
# the next closer and line end cached (the lexer only moves forward): linear time.
_DOT_END = re.compile(r"[\n\r\u2028\u2029]")       # what JavaScript's '.' does not match
_DATA_END = re.compile(r"[\r\u2028\u2029]")        # (.|\n)
_ANY_END = re.compile(r"[\u2028\u2029]")            # (.|\n|\r)
_CLOSE = {s: re.compile(re.escape(s)) for s in ("]", "]:", ">", ">:", "](", ")", "-->", "*/")}
_DATA_CLOSE = re.compile(r"\}(?!\s*[,}])")       # a '}' that can end a data block
_DATA_STOP = re.compile(r"\}\s[^,}]")              # where a data block must end at the latest
_LINE_BREAK = re.compile(r"[\r\n]")
# kind: (offset of the closer and bound searches, closer, bound); others are checked in _closed()
_GUARDS = {
    STATEMENT_DEFINITION: (1, _CLOSE["]:"], _DOT_END), STATEMENT_REFERENCE: (2, _CLOSE["]"], _DOT_END),
    STATEMENT_MENTION: (2, _CLOSE["]"], _DOT_END), ARGUMENT_DEFINITION: (1, _CLOSE[">:"], _DOT_END),
    ARGUMENT_REFERENCE: (2, _CLOSE[">"], _DOT_END), ARGUMENT_MENTION: (2, _CLOSE[">"], _DOT_END),
}


def _candidates(mode: tuple, ch: str) -> tuple:
    key = (mode is INFERENCE_MODE, ch)
    found = _CANDIDATES.get(key)
    if found is None:
        found = tuple(k for k in mode if (k == FREESTYLE and ch not in _CONTROL)
                      or (k != FREESTYLE and ch in _FIRST[k]))
        if len(_CANDIDATES) < 10000:
            _CANDIDATES[key] = found
    return found


class Token:
    __slots__ = ("type", "image", "start", "end", "line", "col", "attrs")

    def __init__(self, type_, image, start, end, line, col):
        self.type, self.image, self.start, self.end, self.line, self.col = type_, image, start, end, line, col
        self.attrs = {}

    def __repr__(self):
        return f"Token({self.type}, {self.image!r}, {self.line}:{self.col})"


MAX_INDENT = 100
MAX_UNDERCUTS = 100_000


class _Lexer:
    """Tokens of an Argdown text, exactly as the Argdown 1.7.5 lexer produces them."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.tokens: list[Token] = []
        self.indent_stack = [0]
        self.ranges_stack: list[str] = []
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
        self._next_cache: dict = {}

    def _next(self, pattern, pos: int) -> int:
        """Start of the first match of *pattern* at or after *pos* (-1: none), cached."""
        hit = self._next_cache.get(pattern)
        if hit is not None and hit[0] <= pos and (hit[1] == -1 or hit[1] >= pos):
            return hit[1]
        m = pattern.search(self.text, pos)
        found = m.start() if m else -1
        self._next_cache[pattern] = (pos, found)
        return found

    def _closed(self, kind: str, pos: int) -> bool:
        """False when the token *kind* at *pos* cannot match: its closer is missing."""
        text = self.text
        if kind in _GUARDS:
            skip, closer, bound = _GUARDS[kind]
            end = self._next(closer, pos + skip)
            if end == -1:
                return False
            stop = self._next(bound, pos + skip)
            return stop == -1 or end < stop
        if kind == DATA:
            end = self._next(_DATA_CLOSE, pos + 1)
            if end == -1:
                return False
            stop, halt = self._next(_DATA_END, pos + 1), self._next(_DATA_STOP, pos + 1)
            return (stop == -1 or end < stop) and (halt == -1 or end <= halt)
        if kind == LINK:
            mid = self._next(_CLOSE["]("], pos + 2)
            return mid != -1 and self._next(_CLOSE[")"], mid + 3) != -1
        if kind == TAG:
            return not text.startswith("#(", pos) or self._next(_CLOSE[")"], pos + 3) != -1
        if kind == COMMENT:
            if text.startswith("<!--", pos) or text.startswith("/*", pos):
                closer = _CLOSE["-->"] if text[pos] == "<" else _CLOSE["*/"]
                end = self._next(closer, pos + (4 if text[pos] == "<" else 2))
                stop = self._next(_ANY_END, pos)
            elif text.startswith("//", pos):
                end, stop = self._next(_LINE_BREAK, pos + 2), self._next(_ANY_END, pos)
            else:
                return False
            return end != -1 and (stop == -1 or end < stop)
        return True

    def pos(self, offset: int) -> tuple[int, int]:
        import bisect
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _last(self):
        return self.tokens[-1] if self.tokens else None

    def _after_break(self, emptyline_too: bool = True) -> bool:
        last = self._last()
        if last is None:
            return True
        return last.type == NEWLINE or (emptyline_too and last.type == EMPTYLINE)

    def _virtual(self, type_: str, offset: int):
        line, col = self.pos(min(offset, len(self.text)))
        self.tokens.append(Token(type_, "", offset, offset, line, col))

    def _emit_remaining_dedents(self, offset: int):
        while len(self.indent_stack) > 1:
            self._virtual(DEDENT, offset)
            self.indent_stack.pop()

    def _emit_indent_or_dedent(self, indent: str, offset: int):
        level = len(indent)
        last = self.indent_stack[-1]
        if level > last:
            if len(self.indent_stack) > MAX_INDENT:   # the parser recurses once per level
                line, col = self.pos(offset)
                raise LoadError(f"relations are nested more than {MAX_INDENT} levels deep",
                                location=Location(self.path, line, col), code="too-deep")
            self.indent_stack.append(level)
            self._virtual(INDENT, offset)
        elif level < last:
            while len(self.indent_stack) > 1 and level < last:
                self.indent_stack.pop()
                last = self.indent_stack[-1]
                self._virtual(DEDENT, offset)

    def _match(self, kind: str, pos: int):
        """The length matched by token type *kind* at *pos* (None: no match).  Some matchers
        emit Indent/Dedent tokens or track bold/italic ranges, as Argdown's do."""
        text = self.text
        if kind in _GUARDED and not self._closed(kind, pos):
            return None
        if kind == COMMENT:
            last = self._last()
            if last is not None and last.type == EMPTYLINE:
                m = _COMMENT_AFTER_EMPTYLINE_RE.match(text, pos)
            elif last is not None and last.type == NEWLINE:
                m = _COMMENT_AFTER_NEWLINE_RE.match(text, pos)
            else:
                m = _COMMENT_RE.match(text, pos)
            return m.end() - pos if m else None
        if kind in _RELATION_RE:
            if not self._after_break():
                return None
            m = _RELATION_RE[kind].match(text, pos)
            if m:
                self._emit_indent_or_dedent(m.group(1), pos)
                return m.end() - pos
            return None
        if kind == INFERENCE_START:
            if not self._after_break(emptyline_too=False):
                return None
            m = _INFERENCE_START_RE.match(text, pos)
            if m:
                self._emit_remaining_dedents(pos)
                return m.end() - pos
            return None
        if kind in (ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM):
            if not self._after_break():
                return None
            m = (_ORDERED_RE if kind == ORDERED_LIST_ITEM else _UNORDERED_RE).match(text, pos)
            if m:
                self._emit_indent_or_dedent(m.group(1) + " ", pos)
                return m.end() - pos
            return None
        if kind == EMPTYLINE:
            last = self._last()
            if last is not None and last.type == EMPTYLINE:
                return None
            m = _EMPTYLINE_RE.match(text, pos)
            if m:
                if m.end() < len(text):
                    self._emit_remaining_dedents(pos)
                return m.end() - pos
            return None
        if kind == STATEMENT_NUMBER:
            if not self._after_break():
                return None
            m = _STATEMENT_NUMBER_RE.match(text, pos)
            if m:
                self._emit_remaining_dedents(pos)
                return m.end() - pos
            return None
        if kind == HEADING_START:
            last = self._last()
            if last is None or last.type in (EMPTYLINE, NEWLINE):
                m = _HEADING_RE.match(text, pos)
                return m.end() - pos if m else None
            return None
        if kind in _RANGE_RE:
            if kind.endswith("Start"):
                m = _RANGE_RE[kind].match(text, pos)
                if m:
                    self.ranges_stack.append(_RANGE_KIND[kind])
                    return m.end() - pos
                return None
            if not self.ranges_stack or self.ranges_stack[-1] != _RANGE_KIND[kind]:
                return None
            # Argdown also means to refuse an end right after skipped whitespace, but chevrotain
            # keeps no skipped tokens, so that check never fires: only "something before" counts
            if self._last() is None:
                return None
            m = _RANGE_RE[kind].match(text, pos)
            if m:
                self.ranges_stack.pop()
                return m.end() - pos
            return None
        m = _RE[kind].match(text, pos)
        return m.end() - pos if m else None

    def run(self) -> list[Token]:
        text = self.text
        pos = 0
        modes = [DEFAULT_MODE]
        n = len(text)
        while pos < n:
            for kind in _candidates(modes[-1], text[pos]):
                length = self._match(kind, pos)
                if length:
                    break
            else:
                line, col = self.pos(pos)
                ch = text[pos]
                what = "a backslash with nothing to escape" if ch == "\\" else f"character {ch!r}"
                raise LoadError(f"Argdown syntax error: unexpected {what}", code="argdown-syntax",
                                location=Location(self.path, line, col))
            line, col = self.pos(pos)
            tok = Token(kind, text[pos:pos + length], pos, pos + length, line, col)
            if kind not in SKIPPED:
                self.tokens.append(tok)
            if kind == INFERENCE_START:
                modes.append(INFERENCE_MODE)
            elif kind == INFERENCE_END and len(modes) > 1:
                modes.pop()
            pos += length
        if self.tokens and self.tokens[-1].type == EMPTYLINE:
            self.tokens.pop()
        self._emit_remaining_dedents(n)
        return self.tokens


def tokenize(text: str, path: str = "<string>") -> list[Token]:
    return _Lexer(text, path).run()


# -- parser: a port of @argdown/core 1.7.5 parser.js (same rules, same children) ---------------

class Rule:
    __slots__ = ("name", "children", "attrs")

    def __init__(self, name: str, children: list):
        self.name = name
        self.children = children
        self.attrs: dict = {}

    @property
    def first_token(self):
        for child in self.children:
            tok = child if isinstance(child, Token) else child.first_token
            if tok is not None:
                return tok
        return None

    def __repr__(self):
        return f"Rule({self.name}, {self.children!r})"


FREESTYLE_FIRST = {FREESTYLE, UNUSED_CONTROL_CHAR, ESCAPED_CHAR, SPECIAL_CHAR}
CONTENT_FIRST = FREESTYLE_FIRST | {LINK, A_BOLD_START, U_BOLD_START, A_ITALIC_START, U_ITALIC_START,
                                   TAG, ARGUMENT_MENTION, STATEMENT_MENTION, NEWLINE}
STATEMENT_FIRST = CONTENT_FIRST | {STATEMENT_REFERENCE, STATEMENT_DEFINITION}
ARGUMENT_FIRST = {ARGUMENT_DEFINITION, ARGUMENT_REFERENCE}
RELATION_RULES = {INCOMING_SUPPORT: "incomingSupport", INCOMING_ATTACK: "incomingAttack",
                  OUTGOING_SUPPORT: "outgoingSupport", OUTGOING_ATTACK: "outgoingAttack",
                  CONTRADICTION: "contradiction", INCOMING_UNDERCUT: "incomingUndercut",
                  OUTGOING_UNDERCUT: "outgoingUndercut"}


class ParseError(Exception):
    def __init__(self, token: Token, expected: str, message: str | None = None):
        self.token = token
        self.expected = expected
        self.message = message
        super().__init__(message or expected)


class _Parser:
    def __init__(self, tokens: list[Token], text: str, lexer: _Lexer):
        self.tokens = tokens
        self.i = 0
        end = len(text)
        line, col = lexer.pos(end)
        self.eof = Token(EOF, "", end, end, line, col)

    def la(self, k: int = 0) -> str:
        j = self.i + k
        return self.tokens[j].type if j < len(self.tokens) else EOF

    def peek(self) -> Token:
        return self.tokens[self.i] if self.i < len(self.tokens) else self.eof

    def consume(self, kind: str, what: str | None = None) -> Token:
        if self.la() != kind:
            raise ParseError(self.peek(), what or LABELS.get(kind, kind))
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    # argdown := Newline? Emptyline? (FrontMatter Newline? Emptyline)? item (Emptyline item)*
    def argdown(self) -> Rule:
        children: list = []
        if self.la() == NEWLINE:
            self.consume(NEWLINE)
        if self.la() == EMPTYLINE:
            self.consume(EMPTYLINE)
        if self.la() == FRONT_MATTER:
            children.append(self.consume(FRONT_MATTER))
            if self.la() == NEWLINE:
                self.consume(NEWLINE)
            children.append(self.consume(EMPTYLINE, "an empty line after the front matter"))
        children.append(self.item())
        while self.la() == EMPTYLINE:
            self.consume(EMPTYLINE)
            children.append(self.item())
        if self.la() != EOF:
            raise ParseError(self.peek(), "an empty line or the end of the file")
        return Rule("argdown", children)

    def item(self):
        t = self.la()
        if t == HEADING_START:
            return self.heading()
        if t in STATEMENT_FIRST:
            return self.statement()
        if t == STATEMENT_NUMBER:
            return self.pcs()
        if t in ARGUMENT_FIRST:
            return self.argument()
        if t == INDENT and self.la(1) == ORDERED_LIST_ITEM:
            return self.list_(ORDERED_LIST_ITEM, "orderedList", "orderedListItem")
        if t == INDENT and self.la(1) == UNORDERED_LIST_ITEM:
            return self.list_(UNORDERED_LIST_ITEM, "unorderedList", "unorderedListItem")
        raise ParseError(self.peek(), "a statement, an argument, a heading or a numbered statement")

    def heading(self) -> Rule:
        children: list = [self.consume(HEADING_START)]
        children.append(self.statement_content())
        while self.la() in CONTENT_FIRST:
            children.append(self.statement_content())
        if self.la() == DATA or (self.la() == NEWLINE and self.la(1) == DATA):
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
            children.append(self.consume(DATA))
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
        return Rule("heading", children)

    def pcs(self) -> Rule:
        children = [self.pcs_statement()]
        if self.la() not in (STATEMENT_NUMBER, INFERENCE_START):
            raise ParseError(self.peek(), "'--' (an inference) or another numbered statement")
        while self.la() in (STATEMENT_NUMBER, INFERENCE_START):
            children.append(self.pcs_tail())
        return Rule("pcs", children)

    def pcs_tail(self) -> Rule:
        children: list = []
        while self.la() == STATEMENT_NUMBER:
            children.append(self.pcs_statement())
        children.append(self.inference())
        children.append(self.pcs_statement())
        return Rule("pcsTail", children)

    def pcs_statement(self) -> Rule:
        children: list = [self.consume(STATEMENT_NUMBER)]
        if self.la() not in STATEMENT_FIRST:
            raise ParseError(self.peek(), "a statement after the statement number")
        children.append(self.statement())
        return Rule("pcsStatement", children)

    def inference(self) -> Rule:
        children: list = [self.consume(INFERENCE_START)]
        if self.la() in FREESTYLE_FIRST or (self.la() == NEWLINE and self.la(1) in FREESTYLE_FIRST):
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
            children.append(self.inference_rules())
        if self.la() == NEWLINE:
            children.append(self.consume(NEWLINE))
        if self.la() == DATA:
            children.append(self.consume(DATA))
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
        children.append(self.consume(INFERENCE_END, "'--' (the end of the inference)"))
        children.append(self.consume(NEWLINE, "a line break after the inference"))
        if self.la() == INDENT and self.la(1) == OUTGOING_UNDERCUT:
            rel: list = [self.consume(INDENT)]
            while self.la() == OUTGOING_UNDERCUT:
                rel.append(self.relation(OUTGOING_UNDERCUT))
            self.consume(DEDENT, "the end of the indented undercuts")
            children.append(Rule("relations", rel))
        return Rule("inference", children)

    def inference_rules(self) -> Rule:
        children = [self.freestyle_text()]
        while self.la() == LIST_DELIMITER:
            self.consume(LIST_DELIMITER)
            children.append(self.freestyle_text())
        return Rule("inferenceRules", children)

    def list_(self, item_token: str, name: str, item_name: str) -> Rule:
        children: list = [self.consume(INDENT)]
        while self.la() == item_token:
            tok = self.consume(item_token)
            if self.la() in ARGUMENT_FIRST:
                children.append(Rule(item_name, [tok, self.argument()]))
            elif self.la() in STATEMENT_FIRST:
                children.append(Rule(item_name, [tok, self.statement()]))
            else:
                raise ParseError(self.peek(), "a statement or an argument in the list item")
        self.consume(DEDENT, "the end of the list")
        return Rule(name, children)

    def argument(self) -> Rule:
        children: list = []
        if self.la() == ARGUMENT_DEFINITION:
            children.append(self.consume(ARGUMENT_DEFINITION))
            if self.la() not in CONTENT_FIRST:
                raise ParseError(self.peek(), "the text of the argument")
            children.append(self.statement_content())
        else:
            children.append(self.consume(ARGUMENT_REFERENCE))
            while self.la() == TAG:
                children.append(self.consume(TAG))
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
        self._data_and_relations(children)
        return Rule("argument", children)

    def statement(self) -> Rule:
        children: list = []
        t = self.la()
        if t == STATEMENT_REFERENCE:
            children.append(self.consume(STATEMENT_REFERENCE))
            while self.la() == TAG:
                children.append(self.consume(TAG))
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
        elif t == STATEMENT_DEFINITION:
            tok = self.consume(STATEMENT_DEFINITION)
            if self.la() not in CONTENT_FIRST:
                raise ParseError(self.peek(), "the text of the statement")
            children.append(Rule("statementDefinition", [tok, self.statement_content()]))
        else:
            children.append(self.statement_content())
        self._data_and_relations(children)
        return Rule("statement", children)

    def _data_and_relations(self, children: list):
        if self.la() == DATA:
            children.append(self.consume(DATA))
            if self.la() == NEWLINE:
                children.append(self.consume(NEWLINE))
        if self.la() == INDENT and self.la(1) in RELATION_TOKENS:
            children.append(self.relations())

    def relations(self) -> Rule:
        children: list = [self.consume(INDENT)]
        while self.la() in RELATION_TOKENS:
            children.append(self.relation(self.la()))
        self.consume(DEDENT, "a relation ('+', '-', '+>', '->', '><', '_>', '<_') or the end of "
                             "the indented block")
        return Rule("relations", children)

    def relation(self, kind: str) -> Rule:
        tok = self.consume(kind)
        if kind != CONTRADICTION and self.la() in ARGUMENT_FIRST:
            member = self.argument()
        elif self.la() in STATEMENT_FIRST:
            member = self.statement()
        else:
            raise ParseError(self.peek(), "a statement" + ("" if kind == CONTRADICTION else
                                                           " or an argument") + " after the relation")
        return Rule(RELATION_RULES[kind], [tok, member])

    def _range(self, start: str, end: str, name: str, what: str) -> Rule:
        first = self.consume(start)
        children: list = [first]
        if self.la() in CONTENT_FIRST:
            children.append(self.statement_content())
        if self.la() != end:
            mark = first.image.strip()
            raise ParseError(first, what, f"Argdown syntax error: '{mark}' starts {name} text that is not "
                             f"closed by {what.split(' (')[0]} on this line or the next ones "
                             f"(write '\\{mark[0]}' for a plain '{mark[0]}')")
        children.append(self.consume(end, what))
        return Rule(name, children)

    def statement_content(self) -> Rule:
        children: list = []
        while True:
            t = self.la()
            if t in FREESTYLE_FIRST:
                children.append(self.freestyle_text())
            elif t in (LINK, TAG, ARGUMENT_MENTION, STATEMENT_MENTION, NEWLINE):
                children.append(self.consume(t))
            elif t == U_BOLD_START:
                children.append(self._range(U_BOLD_START, U_BOLD_END, "bold",
                                            "'__' (the end of the bold text)"))
            elif t == A_BOLD_START:
                children.append(self._range(A_BOLD_START, A_BOLD_END, "bold",
                                            "'**' (the end of the bold text)"))
            elif t == U_ITALIC_START:
                children.append(self._range(U_ITALIC_START, U_ITALIC_END, "italic",
                                            "'_' (the end of the italic text; write '\\_' for a "
                                            "plain underscore)"))
            elif t == A_ITALIC_START:
                children.append(self._range(A_ITALIC_START, A_ITALIC_END, "italic",
                                            "'*' (the end of the italic text; write '\\*' for a "
                                            "plain asterisk)"))
            else:
                break
        if not children:
            raise ParseError(self.peek(), "text")
        return Rule("statementContent", children)

    def freestyle_text(self) -> Rule:
        children = []
        while self.la() in FREESTYLE_FIRST:
            children.append(self.consume(self.la()))
        if not children:
            raise ParseError(self.peek(), "text")
        return Rule("freestyleText", children)


# -- model: a port of @argdown/core 1.7.5 ModelPlugin.js (+ DataPlugin) ----------------------

SHORTCODES = {
    '.A.': '∀', ':A:': '∀', '.E.': '∃', ':E:': '∃', '.O.': '𝗢', ':O:': '𝗢', '.P.': '𝗣', ':P:': '𝗣',
    '.->.': '→', ':->:': '→', '.<->.': '↔', ':<->:': '↔', '.~.': '¬', ':~:': '¬', '.^.': '∧',
    ':^:': '∧', '.v.': '∨', ':v:': '∨', '.v_.': '⊻', ':v_:': '⊻', '.<>.': '◇', ':<>:': '◇',
    '.[].': '◻', ':[]:': '◻', ':happy:': '😀', '.happy.': '😀', ':smile:': '☺️', '.smile.': '☺',
    ':smiley:': '☺', '.smiley.': '☺', ':laugh:': '😆', '.laugh.': '😆', ':lol:': '😆', '.lol.': '😆',
    ':rofl:': '🤣', '.rofl.': '🤣', ':joy:': '😂', '.joy.': '😂', ':heart:': '❤', '.heart.': '❤',
    '.?.': '❓', ':?:': '❓', '.question.': '❓', ':question:': '❓', ':love:': '😍', '.love.': '😍',
    ':wink:': '😉', '.wink.': '😉', ':shush:': '🤫', '.shush.': '🤫', ':meh:': '😐', '.meh.': '😐',
    ':eye-roll:': '🙄', '.eye-roll.': '🙄', ':sad:': '😢', '.sad.': '😢', ':disappointed:': '😞',
    '.disappointed.': '😞', ':scream:': '😱', '.scream.': '😱', ':+1:': '👍', '.+1.': '👍', ':up:': '👍',
    '.up.': '👍', ':-1:': '👎', '.-1.': '👎', ':down:': '👎', '.down.': '👎', ':think:': '🤔',
    '.think.': '🤔', '.star.': '⭐', ':star:': '⭐', '.y.': '✔', ':y:': '✔', '.agree.': '✔',
    ':agree:': '✔', '.n.': '❌', ':n:': '❌', '.disagree.': '❌', ':disagree:': '❌',
}

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
CONTRADICTORY, CONTRARY, ENTAILS = "contradictory", "contrary", "entails"
EC, ARGUMENT, INFERENCE, STATEMENT = "equivalence-class", "argument", "inference", "statement"


class _Obj:
    """A JavaScript-like object: attributes default to None."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __getattr__(self, name):
        return None


def _splice_out(items: list, item) -> None:
    """``items.splice(items.indexOf(item), 1)`` with JavaScript's semantics (a missing item
    removes the last element)."""
    for i, x in enumerate(items):
        if x is item:
            del items[i]
            return
    if items:
        items.pop()


def _merge(a, b):
    """lodash.merge for YAML data (dicts merge deeply; other values replace)."""
    if not isinstance(a, dict) or not isinstance(b, dict):
        return b if b is not None else a
    out = dict(a)
    for k, v in b.items():
        out[k] = _merge(out.get(k), v) if isinstance(v, dict) and isinstance(out.get(k), dict) else (
            v if v is not None or k not in out else out[k])
    return out


_YAML_CACHE: dict[str, Any] = {}


def _yaml_load(text: str, loc: Location, collector: Collector, what: str):
    import copy

    import yaml
    if text in _YAML_CACHE:
        return copy.deepcopy(_YAML_CACHE[text])
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if "&" in text or "*" in text:   # anchors and aliases can blow a few lines up to gigabytes
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                    raise yaml.MarkedYAMLError(problem="YAML anchors and aliases are not supported: "
                                               "write the value out", problem_mark=event.start_mark)
        value = yaml.load(text, Loader=loader)
        if len(_YAML_CACHE) < 4096:
            _YAML_CACHE[text] = copy.deepcopy(value)
        return value
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = loc.line, loc.col
        if mark is not None:
            line = loc.line + mark.line
            col = (loc.col + mark.column) if mark.line == 0 else mark.column + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        collector.error(Location(loc.path, line, col), "argdown-data",
                        f"the YAML of {what} cannot be read: {problem}")
        return None
    except (ValueError, KeyError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot make
        collector.error(loc, "argdown-data", f"the YAML of {what} cannot be read: a bad value "
                        f"({type(exc).__name__}: {str(exc).split(';')[0]})")
        return None


class _Model:
    """Statements (equivalence classes), arguments, relations and sections, built by walking the
    syntax tree with the listeners of Argdown's ModelPlugin."""

    def __init__(self, path: str, collector: Collector):
        self.path = path
        self.c = collector
        self.settings = {"mode": "loose", "removeTagsFromText": False, "transformArgumentRelations": True}
        self.front_matter = None
        self.statements: dict[str, _Obj] = {}
        self.arguments: dict[str, _Obj] = {}
        self.relations: list[_Obj] = []
        self.sections: list[_Obj] = []
        self.unique = 0
        self.current_statement = None
        self.current_relation_parent = None
        self.current_argument = None
        self.current_pcs = None
        self.current_inference = None
        self.relation_parents: list = []
        self.current_relation = None
        self.current_heading = None
        self.current_section = None
        self.section_counter = 0

    def loc(self, node) -> Location:
        tok = node if isinstance(node, Token) else (node.first_token if node is not None else None)
        if tok is None:
            return Location(self.path, 1, 1)
        if tok.type in RELATION_TOKENS or tok.type in (STATEMENT_NUMBER, INFERENCE_START):
            # the image starts with the line's indentation: point at the operator itself
            indent = len(tok.image) - len(tok.image.lstrip(" \t'"))
            return Location(self.path, tok.line, tok.col + indent)
        return Location(self.path, tok.line, tok.col)

    # -- helpers (getEquivalenceClass, getArgument, getUniqueTitle) --------------------------
    def unique_title(self) -> str:
        self.unique += 1
        return f"Untitled {self.unique}"

    def ec(self, title: str) -> _Obj:
        ec = self.statements.get(title)
        if ec is None:
            ec = _Obj(type=EC, title=title, relations=[], members=[])
            self.statements[title] = ec
        return ec

    def get_argument(self, title: str | None = None) -> _Obj:
        arg = self.arguments.get(title) if title else None
        if arg is None:
            arg = _Obj(type=ARGUMENT, relations=[], members=[], pcs=[], title=title or self.unique_title())
            self.arguments[arg.title] = arg
        self.current_argument = arg
        self.current_relation_parent = arg
        return arg

    def relation_member(self, parent) -> _Obj:
        if parent.type == STATEMENT:
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == "argument-description":
                return self.get_argument(parent.title)
            return self.ec(parent.title)
        return parent

    def target(self):
        return self.current_heading if self.current_heading is not None else self.current_statement

    @staticmethod
    def _append(target, text: str):
        target.text = (target.text or "") + text

    # -- the walk -------------------------------------------------------------------------
    def walk(self, node, parent=None, index=None):
        if isinstance(node, Token):
            handler = getattr(self, "tok_" + node.type, None)
            if handler:
                handler(node, parent, index)
            return
        enter = getattr(self, "enter_" + node.name, None)
        if enter:
            enter(node, parent, index)
        for i, child in enumerate(node.children):
            self.walk(child, node, i)
        leave = getattr(self, "exit_" + node.name, None)
        if leave:
            leave(node, parent, index)

    # tokens
    def tok_FrontMatter(self, tok, parent, index):
        body = re.sub(r"={3,}\s*\Z", "", re.sub(r"\A\s*={3,}", "", tok.image))
        data = _yaml_load(body, Location(self.path, tok.line, tok.col), self.c, "the front matter")
        parent.attrs["data"] = data
        self.front_matter = data
        if isinstance(data, dict):
            model = data.get("model")
            if isinstance(model, dict):
                for key in ("mode", "removeTagsFromText", "transformArgumentRelations"):
                    if key in model:
                        self.settings[key] = model[key]

    def tok_Data(self, tok, parent, index):
        text = tok.image
        m = re.match(r"\{[ \t]*(\n\r|\n)", text)
        line = tok.line
        if m:
            text = re.sub(r"\}\s*$", "", text[m.end():])
            line += 1
        loc = Location(self.path, line, tok.col if not m else 1)
        parent.attrs["data"] = _yaml_load(text, loc, self.c, "a {...} data block")
        parent.attrs["data_loc"] = Location(self.path, tok.line, tok.col)

    def tok_StatementDefinition(self, tok, parent, index):
        m = re.match(r"\[(" + _DOT + r"+)\]:", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)
            parent.attrs["statement"] = self.current_statement

    def tok_StatementReference(self, tok, parent, index):
        m = re.match(r"\[(" + _DOT + r"+)\]", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)
            self.current_statement.isReference = True
            parent.attrs["statement"] = self.current_statement

    def _mention(self, tok):
        target = self.target()
        if target is not None:
            self._append(target, tok.image)

    tok_StatementMention = lambda self, tok, parent, index: self._mention(tok)  # noqa: E731
    tok_ArgumentMention = lambda self, tok, parent, index: self._mention(tok)  # noqa: E731

    def tok_ArgumentReference(self, tok, parent, index):
        m = re.match(r"<(" + _DOT + r"+)>", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)
            self.current_statement.isReference = True

    def tok_ArgumentDefinition(self, tok, parent, index):
        m = re.match(r"<(" + _DOT + r"+)>:", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)

    def tok_Link(self, tok, parent, index):
        target = self.target()
        if target is None:
            return
        m = re.match(r"\[(.+)\]\((.+)\)", tok.image, re.S)
        self._append(target, m.group(1) if m else tok.image)
        if tok.image.endswith(" "):
            self._append(target, " ")

    def tok_Tag(self, tok, parent, index):
        target = self.target()
        if target is None:
            return
        m = re.match(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+))", tok.image)
        tag = (m.group(1) or m.group(2)) if m else tok.image[1:].strip()
        if not self.settings.get("removeTagsFromText"):
            old = target.text or ""
            target.text = old + tok.image
            target.tag_ranges = (target.tag_ranges or []) + [(len(old), len(old) + len(tok.image))]
        if target.tags is None:
            target.tags = []
        if tag not in target.tags:
            target.tags.append(tag)

    def tok_Newline(self, tok, parent, index):
        target = self.target()
        if target is None:
            return
        old = target.text or ""
        if index != len(parent.children) - 1 and not old.endswith(" "):
            target.text = old + " "

    # rules
    def enter_heading(self, node, parent, index):
        self.current_heading = _Obj(text="")

    def exit_heading(self, node, parent, index):
        h = self.current_heading
        level = len(node.children[0].image) - 1
        self.section_counter += 1
        section = _Obj(type="section", id=f"s{self.section_counter}", level=level,
                       title=(h.text or "").strip(), heading=h, children=[], parent=None,
                       data=node.attrs.get("data"), location=self.loc(node))
        if self.current_section is None:
            self.sections.append(section)
        else:
            previous = self.current_section
            while previous is not None and previous.level >= section.level:
                previous = previous.parent
            if previous is not None and previous.level < section.level:
                previous.children.append(section)
                section.parent = previous
            else:
                self.sections.append(section)
        self.current_section = section
        self.current_heading = None

    def enter_statement(self, node, parent, index):
        st = _Obj(type=STATEMENT, location=self.loc(node))
        if parent is not None and parent.name == "argdown":
            st.role = "top-level-statement"
            st.isTopLevel = True
        elif self.current_relation is not None:
            st.role = "relation-statement"
        self.current_statement = st
        self.current_relation_parent = st
        node.attrs["statement"] = st

    def exit_statement(self, node, parent, index):
        st = node.attrs.get("statement")
        if st is None:
            return
        st.data = node.attrs.get("data")
        st.data_loc = node.attrs.get("data_loc")
        if not st.title:
            st.title = self.unique_title()
        ec = self.ec(st.title)
        node.attrs["ec"] = ec
        if st.tags:
            ec.tags = list(dict.fromkeys((ec.tags or []) + st.tags))
        if st.data is not None:
            ec.data = _merge(ec.data, st.data)
        if self.current_section is not None:
            st.section = self.current_section
        ec.members.append(st)
        in_group = st.data.get("isInGroup") if isinstance(st.data, dict) else None
        if in_group is True or (not st.isReference and in_group is None and ec.section is None):
            ec.section = st.section
        if st.role == "top-level-statement":
            ec.isUsedAsTopLevelStatement = True
        elif st.role == "relation-statement":
            ec.isUsedAsRelationStatement = True
        self.current_statement = None

    def enter_argument(self, node, parent, index):
        desc = _Obj(type=STATEMENT, role="argument-description", text="", location=self.loc(node))
        desc.isTopLevel = parent is None or parent.name == "argdown"
        if self.current_section is not None:
            desc.section = self.current_section
        self.current_statement = desc
        self.current_relation_parent = desc
        node.attrs["statement"] = desc

    def exit_argument(self, node, parent, index):
        desc = node.attrs["statement"]
        desc.data = node.attrs.get("data")
        desc.data_loc = node.attrs.get("data_loc")
        if not desc.title:
            desc.title = self.unique_title()
        arg = self.get_argument(desc.title)
        node.attrs["argument"] = arg
        if desc.tags:
            arg.tags = list(dict.fromkeys((arg.tags or []) + desc.tags))
        if desc.data is not None:
            arg.data = _merge(arg.data, desc.data)
        if self.current_section is not None:
            desc.section = self.current_section
        arg.members.append(desc)
        in_group = desc.data.get("isInGroup") if isinstance(desc.data, dict) else None
        if in_group is True or (not desc.isReference and in_group is None and arg.section is None):
            arg.section = desc.section
        if arg.location is None:
            arg.location = desc.location
        self.current_statement = None
        self.current_argument = None

    def enter_pcs(self, node, parent, index):
        arg = None
        if index is not None and index > 0 and parent is not None:
            prev = parent.children[index - 1]
            if isinstance(prev, Rule) and prev.name == "argument":
                arg = prev.attrs.get("argument")
            elif isinstance(prev, Token) and prev.type == EMPTYLINE and index > 1:
                prev = parent.children[index - 2]
                if isinstance(prev, Rule) and prev.name == "argument":
                    arg = prev.attrs.get("argument")
        if arg is None:
            arg = self.get_argument()
        if self.current_section is not None:
            arg.section = self.current_section
        if arg.pcs:
            raise LoadError(f"argument <{arg.title}> has a second premise-conclusion structure; "
                            "an argument can have only one", code="argdown-model",
                            location=self.loc(node))
        arg.pcs = []
        arg.pcs_location = self.loc(node)
        if arg.location is None:
            arg.location = self.loc(node)
        node.attrs["argument"] = arg
        self.current_pcs = arg

    def exit_pcs(self, node, parent, index):
        arg = node.attrs["argument"]
        last = arg.pcs[-1]
        if last.role == "intermediary-conclusion":
            last.role = "main-conclusion"
            ec = self.statements[last.title]
            ec.isUsedAsMainConclusion = True
            if not any(s.role == "intermediary-conclusion" for s in ec.members):
                ec.isUsedAsIntermediaryConclusion = False
        else:
            raise LoadError(f"the premise-conclusion structure of <{arg.title}> does not end with "
                            "a conclusion (an inference line '--' before the last statement)",
                            code="argdown-model", location=self.loc(node))
        self.current_statement = None
        self.current_argument = None
        self.current_pcs = None

    def exit_pcsStatement(self, node, parent, index):
        st = node.children[1].attrs.get("statement")
        ec = self.ec(st.title)
        st.role = "premise"
        st.argumentTitle = self.current_pcs.title
        if index is not None and index > 0:
            prev = parent.children[index - 1]
            if isinstance(prev, Rule) and prev.name == "inference":
                st.role = "intermediary-conclusion"
                ec.isUsedAsIntermediaryConclusion = True
                st.inference = prev.attrs["inference"]
                st.inference.conclusionIndex = len(self.current_pcs.pcs)
                st.inference.argumentTitle = self.current_pcs.title
        if st.role == "premise":
            ec.isUsedAsPremise = True
        self.current_pcs.pcs.append(st)
        st.number = int(re.search(r"\d+", node.children[0].image).group())

    def enter_inference(self, node, parent, index):
        inf = _Obj(type=INFERENCE, relations=[], inferenceRules=[], location=self.loc(node))
        node.attrs["inference"] = inf
        self.current_inference = inf
        self.current_relation_parent = inf
        self.relation_parents.append(inf)

    def exit_inference(self, node, parent, index):
        if self.current_inference is not None:
            self.current_inference.data = node.attrs.get("data")
            self.current_inference.data_loc = node.attrs.get("data_loc")

    def exit_inferenceRules(self, node, parent, index):
        if self.current_inference is None:
            return
        for child in node.children:
            if isinstance(child, Rule) and child.name == "freestyleText":
                self.current_inference.inferenceRules.append((child.attrs.get("text") or "").strip())

    def _relation_entry(self, node, rel_type: str, parent_is_source: bool):
        target = self.relation_parents[-1]
        rel = _Obj(type="relation", relationType=rel_type, occurrences=[node])
        if parent_is_source:
            rel.source = target
        else:
            rel.target = target
        node.attrs["relation"] = rel
        self.current_relation = rel

    def enter_incomingSupport(self, node, parent, index):
        self._relation_entry(node, SUPPORT, True)

    def enter_incomingAttack(self, node, parent, index):
        self._relation_entry(node, ATTACK, True)

    def enter_outgoingSupport(self, node, parent, index):
        self._relation_entry(node, SUPPORT, False)

    def enter_outgoingAttack(self, node, parent, index):
        self._relation_entry(node, ATTACK, False)

    def enter_contradiction(self, node, parent, index):
        self._relation_entry(node, CONTRADICTORY, True)

    def enter_incomingUndercut(self, node, parent, index):
        self._relation_entry(node, UNDERCUT, True)

    def enter_outgoingUndercut(self, node, parent, index):
        target = self.relation_parents[-1]
        rel = _Obj(type="relation", relationType=UNDERCUT, occurrences=[node], target=target)
        # Argdown redirects an undercut of a statement to the last inference read anywhere
        # before it; argmap keeps the statement as the target (see the module docs)
        node.attrs["relation"] = rel
        self.current_relation = rel

    def _relation_exit(self, node, parent, index):
        rel = node.attrs.get("relation")
        member = node.children[1]
        content = member.attrs.get("argument") or member.attrs.get("statement")
        other = self.relation_member(content)
        if rel.source is not None:
            rel.target = other
        else:
            rel.source = other
        for existing in rel.source.relations:
            if (rel.target is existing.target and rel.relationType == existing.relationType) or (
                    rel.relationType == CONTRADICTORY == existing.relationType
                    and rel.source is existing.target and rel.target is existing.source):
                existing.occurrences.extend(rel.occurrences)
                return
        self.relations.append(rel)
        rel.source.relations.append(rel)
        rel.target.relations.append(rel)

    exit_incomingSupport = exit_incomingAttack = exit_outgoingSupport = exit_outgoingAttack = \
        exit_contradiction = exit_incomingUndercut = exit_outgoingUndercut = _relation_exit

    def enter_relations(self, node, parent, index):
        self.relation_parents.append(self.relation_member(self.current_relation_parent))

    def exit_relations(self, node, parent, index):
        self.current_relation = None
        self.relation_parents.pop()

    def enter_freestyleText(self, node, parent, index):
        target = self.target()
        text = ""
        for child in node.children:
            if child.type == ESCAPED_CHAR:
                text += child.image[1:]
            elif child.type == SPECIAL_CHAR:
                code = SHORTCODES.get(child.image.strip())
                if code:
                    text += code + (" " if child.image.endswith(" ") else "")
                else:
                    text += child.image
            else:
                text += child.image
        node.attrs["text"] = text
        if target is not None:
            self._append(target, text)

    def _range_exit(self, node, parent, index):
        target = self.target()
        if target is None:
            return
        end = node.children[-1]
        if isinstance(end, Token) and end.image.endswith(" "):
            self._append(target, " ")

    exit_italic = exit_bold = _range_exit

    # -- after the walk (ModelPlugin.run) ----------------------------------------------------
    def run(self):
        for item in list(self.statements.values()) + list(self.arguments.values()):
            if item.section is None and item.members:
                item.section = item.members[0].section
        if self.settings.get("transformArgumentRelations", True):
            self._transform_argument_relations()
        if self.settings.get("mode") == "strict":
            self._transform_statement_relations()
        self._remove_redundant_ec2a()

    def _transform_argument_relations(self):
        out = []
        for rel in self.relations:
            add = True
            if rel.source.type == ARGUMENT and rel.source.pcs:
                arg = rel.source
                _splice_out(arg.relations, rel)
                ec = self.statements[arg.pcs[-1].title]
                rel.source = ec
                existing = next((r for r in ec.relations if r.target is rel.target
                                 and r.relationType == rel.relationType), None)
                if existing is None:
                    ec.relations.append(rel)
                else:
                    existing.occurrences.extend(rel.occurrences)
                    _splice_out(rel.target.relations, rel)
                    add = False
            if rel.target.type == ARGUMENT and rel.target.pcs and rel.relationType == UNDERCUT:
                inf = rel.target.pcs[-1].inference
                old_target = rel.target
                rel.target = inf
                _splice_out(old_target.relations, rel)
                existing = next((r for r in inf.relations if r.source is rel.source
                                 and r.relationType == rel.relationType), None)
                if existing is None:
                    inf.relations.append(rel)
                else:
                    existing.occurrences.extend(rel.occurrences)
                    _splice_out(rel.source.relations, rel)
                    add = False
            if add:
                out.append(rel)
        self.relations = out

    def _transform_statement_relations(self):
        out = []
        for rel in self.relations:
            add = True
            if rel.source.type == EC and rel.target.type == EC:
                if rel.relationType == SUPPORT:
                    rel.relationType = ENTAILS
                elif rel.relationType == ATTACK:
                    exists = any(r.relationType == CONTRARY and (
                        (r.source is rel.source and r.target is rel.target)
                        or (r.source is rel.target and r.target is rel.source))
                        for r in rel.source.relations)
                    if exists:
                        _splice_out(rel.source.relations, rel)
                        _splice_out(rel.target.relations, rel)
                        add = False
                    else:
                        rel.relationType = CONTRARY
            if add:
                out.append(rel)
        self.relations = out

    def _remove_redundant_ec2a(self):
        out = []
        for rel in self.relations:
            if rel.source.type != EC or rel.relationType != ATTACK or rel.target.type != ARGUMENT \
                    or not rel.target.pcs:
                out.append(rel)
                continue
            arg, ec = rel.target, rel.source
            premise_titles = {s.title for s in arg.pcs if s.role == "premise"}
            found = None
            for other in ec.relations:
                far = other.target if other.source is ec else other.source
                if far.type == EC and ((other.relationType == ATTACK and other.source is ec)
                                       or other.relationType in (CONTRADICTORY, CONTRARY)) \
                        and far.title in premise_titles:
                    found = other
                    break
            if found is not None:
                _splice_out(rel.source.relations, rel)
                _splice_out(rel.target.relations, rel)
                found.occurrences.extend(rel.occurrences)
                continue
            out.append(rel)
        self.relations = out


# -- Argdown+ (2.x) constructs: recognised only to be refused with a clear message ------------

PLUS_RELATIONS = {"!>": "answers", "<!": "is answered by", "?>": "questions", "<?": "is questioned by",
                  "=>": "implies", "<=": "is implied by", ":>": "specifies", "<:": "is specified by",
                  "%>": "is an example of", "<%": "has the example", "~=": "potentially equal",
                  "<@": "citation", "@>": "citation"}
_PLUS_RELATION_RE = re.compile(r"^[ \t]*(" + "|".join(re.escape(k) for k in PLUS_RELATIONS) + r")(?=\s)")
_PLUS_TITLE_RE = re.compile(r"\[([?@>])[^\]\s]")
_PLUS_TITLES = {"?": "the Argdown+ question title '[?...]'", "@": "the Argdown+ reference title '[@...]'",
                ">": "the Argdown+ excerpt title '[>...]'"}
_PLUS_EXCERPT_RE = re.compile(r"(?<![<>])>>[ \t]*$")


def _plus_constructs(line_text: str) -> list[tuple[int, str]]:
    """Argdown+ constructs on one line: (column, description)."""
    found = []
    m = _PLUS_RELATION_RE.match(line_text)
    if m:
        op = m.group(1)
        found.append((m.start(1) + 1, f"the Argdown+ relation '{op}' ({PLUS_RELATIONS[op]})"))
    for m in _PLUS_TITLE_RE.finditer(line_text):
        found.append((m.start() + 1, _PLUS_TITLES[m.group(1)]))
    m = _PLUS_EXCERPT_RE.search(line_text)
    if m:
        found.append((m.start() + 1, "the Argdown+ excerpt block marker '>>'"))
    return found


PLUS_HINT = ("argmap reads classic Argdown (the syntax of @argdown/cli 1.x); Argdown+ "
             "(parser.syntax: argdown+) is not supported")


def _declared_syntax(text: str) -> tuple[str | None, int]:
    m = re.match(r"\s*(===+[\s\S]*?===+)", text)
    if not m:
        return None, 1
    import yaml
    try:
        data = yaml.load(re.sub(r"={3,}\s*\Z", "", re.sub(r"\A\s*={3,}", "", m.group(1))),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return None, 1   # reported, located, when the front matter is read
    parser = data.get("parser") if isinstance(data, dict) else None
    syntax = parser.get("syntax") if isinstance(parser, dict) else None
    line = text[: m.start(1)].count("\n") + 1
    return (str(syntax) if syntax is not None else None), line


def _plus_errors(text: str, path: str, only_line: int | None = None) -> list[Diagnostic]:
    diags = []
    for n, line_text in enumerate(re.split(r"\r\n|\n|\r", text), start=1):
        if only_line is not None and n != only_line:
            continue
        for col, what in _plus_constructs(line_text):
            diags.append(Diagnostic(Location(path, n, col), "argdown-plus",
                                    f"{what} is not classic Argdown", "error", PLUS_HINT))
    return diags


# -- from the Argdown model to an argmap map -----------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", text or "").strip(" ")


def _clean_text(member) -> str:
    text = member.text or ""
    for start, stop in sorted(member.tag_ranges or (), reverse=True):
        text = text[:start] + " " + text[stop:]
    return _norm(text)


def _canonical(item):
    default = None
    for member in reversed(item.members or []):
        if not member.isReference:
            if isinstance(member.data, dict) and member.data.get("isCanonical"):
                return member
            if default is None:
                default = member
    return default


_KINDS = ("thesis", "claim", "premise", "evidence", "objection", "rebuttal", "assumption", "definition")
_LINES_ITEM = re.compile(r"^\s*\d+\s*(?:[-\u2013]\s*\d+\s*)?$")


class ArgdownImport:
    """The result of importing an Argdown text: the map (None when there are errors), every
    diagnostic, and how Argdown's names became map ids."""

    def __init__(self):
        self.amap = None
        self.diagnostics: list[Diagnostic] = []
        self.statement_ids: dict[str, str] = {}     # equivalence class title -> statement id
        self.argument_ids: dict[str, str] = {}      # argument title -> statement or inference id
        self.step_ids: dict[tuple[str, int], str] = {}  # (argument, conclusion index) -> inference
        self.relations: list[dict] = []             # Argdown's relations (as its JSON export)
        self.texts: dict[str, str] = {}             # title -> Argdown's text of the canonical member


def read_argdown_detailed(text: str, path: str = "<string>") -> ArgdownImport:
    return guard(_import, text, path)


def read_argdown_with_diagnostics(text: str, path: str = "<string>"):
    """``(map or None, diagnostics)``: warnings for structures imported with a change."""
    result = read_argdown_detailed(text, path)
    return result.amap, result.diagnostics


def read_argdown(text: str, path: str = "<string>"):
    """Read classic Argdown; raise LoadError (located diagnostics) when it cannot be imported."""
    return raise_or_return(read_argdown_with_diagnostics(text, path))


def sniff_argdown(text: str) -> bool:
    head = text.lstrip("\ufeff")[:4000]
    if head.lstrip().startswith("{"):
        return False
    return bool(re.search(r"^\s*(?:\[[^\]\n]+\]:|<[^>\n]+>:|\(\d+\)\s|-{4,}\s*$)", head, re.M)) and \
        not re.match(r"\s*(?:argmap|title)\s*:", head)


def _import(text: str, path: str) -> ArgdownImport:
    result = ArgdownImport()
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise LoadError("the Argdown file is empty", location=Location(path, 1, 1), code="empty")
    syntax, fm_line = _declared_syntax(text)
    if syntax and "+" in syntax:
        diags = _plus_errors(text, path) or [Diagnostic(
            Location(path, fm_line, 1), "argdown-plus",
            f"the front matter asks for the '{syntax}' syntax, which is not classic Argdown", "error",
            PLUS_HINT)]
        raise LoadError(diagnostics=diags)
    lexer = _Lexer(text, path)
    try:
        tokens = lexer.run()
        ast = _Parser(tokens, text, lexer).argdown()
    except LoadError as exc:
        loc = exc.diagnostics[0].location
        raise LoadError(diagnostics=_plus_errors(text, path, loc.line) or exc.diagnostics) from None
    except ParseError as exc:
        tok = exc.token
        plus = _plus_errors(text, path, tok.line)
        if plus:
            raise LoadError(diagnostics=plus) from None
        found = "the end of the file" if tok.type == EOF else LABELS.get(tok.type) or repr(tok.image.strip() or tok.image)
        raise LoadError(exc.message or f"Argdown syntax error: expected {exc.expected}, found {found}",
                        location=Location(path, tok.line, tok.col), code="argdown-syntax") from None
    model = _Model(path, c)
    model.walk(ast)
    c.raise_if_errors()
    model.run()
    _Mapper(model, c, result).run()
    return result


class _Mapper:
    def __init__(self, model: _Model, collector: Collector, result: ArgdownImport):
        self.m = model
        self.c = collector
        self.r = result
        self.ids = IdMaker()

    def warn(self, loc, code, message):
        self.c.warning(loc, code, message)

    # -- data fields --------------------------------------------------------------------------
    def data_fields(self, data, loc, what: str, fields=("note", "lines", "page")) -> dict:
        out: dict = {}
        if not isinstance(data, dict):
            return out
        loc = loc or self.c.loc()
        for key in fields:
            if key not in data or data[key] is None:
                continue
            value = data[key]
            if key == "note":
                out["note"] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                                              default=str)
            elif key == "kind":
                if isinstance(value, str) and value in _KINDS:
                    out["kind"] = value
                else:
                    self.warn(loc, "argdown-data", f"kind {value!r} of {what} is not a statement kind; "
                              "ignored")
            elif key == "lines":
                items = value if isinstance(value, list) else [value]
                good = [v for v in items if (isinstance(v, int) and not isinstance(v, bool) and v >= 1)
                        or (isinstance(v, str) and _LINES_ITEM.match(v))]
                if len(good) != len(items):
                    self.warn(loc, "argdown-data", f"'lines' of {what} must be line numbers or ranges "
                              "like \"12-14\"; the others are ignored")
                if good:
                    out["lines"] = good
            elif key == "page":
                if (isinstance(value, int) and not isinstance(value, bool) and value >= 1) or \
                        (isinstance(value, str) and value.strip()):
                    out["page"] = str(value)
                else:
                    self.warn(loc, "argdown-data", f"'page' of {what} is not a page; ignored")
            elif key in ("tags", "ignore"):
                items = value if isinstance(value, list) else [value]
                out[key] = [str(v) for v in items if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
            elif key == "cites":
                cites = []
                for item in value if isinstance(value, list) else [value]:
                    ref = item.get("ref") if isinstance(item, dict) else item
                    ok = isinstance(ref, (str, int)) and not isinstance(ref, bool) and \
                        REF_RE.match(str(ref))
                    if not ok:
                        self.warn(loc, "argdown-data", f"a citation of {what} has no valid 'ref'; ignored")
                        continue
                    cite = {"ref": str(ref)}
                    if isinstance(item, dict) and item.get("pages") is not None:
                        cite["pages"] = str(item["pages"])
                    cites.append(cite)
                if cites:
                    out["cites"] = cites
            elif key == "section":
                if isinstance(value, (str, int)) and not isinstance(value, bool):
                    out["section"] = str(value)
        return out

    # -- the map --------------------------------------------------------------------------
    def run(self):
        m, r = self.m, self.r
        for title in m.statements:
            r.statement_ids[title] = self.ids.make(title)
        pcs_args = [a for a in m.arguments.values() if a.pcs]
        for arg in m.arguments.values():
            title = arg.title
            if re.fullmatch(r"\\_[A-Za-z0-9_.\-]{0,79}", title):
                title = title[1:]   # written by write_argdown for an id starting with '_'
            r.argument_ids[arg.title] = self.ids.make(title)
        sections, section_ids = self.sections()
        self.section_ids = section_ids
        inferences = []
        self.inference_ok: set[str] = set()
        for arg in pcs_args:
            inferences.extend(self.inferences_of(arg))
        relations = self.relations()
        inferences.extend(self.extra_inferences)
        statements = self.statements(relations)
        doc: dict = {"argmap": 1, "title": self.title(sections)}
        fm = m.front_matter if isinstance(m.front_matter, dict) else {}
        if sections:
            doc["sections"] = sections
        doc["statements"] = statements
        if inferences:
            doc["inferences"] = inferences
        block = fm.get("argmap")
        if isinstance(block, dict) and "relation-details" in block:
            block = dict(block)
            relations = self.apply_details(relations, block.pop("relation-details"))
        if relations:
            doc["relations"] = relations
        merge_rest(doc, block, self.c.loc(), self.c, "the front matter's 'argmap' block")
        r.amap, r.diagnostics = finish(doc, self.c.path, self.c)
        r.relations = [self.export_relation(rel) for rel in m.relations]
        for title, ec in m.statements.items():
            member = _canonical(ec)
            r.texts[title] = member.text if member is not None else None

    def apply_details(self, relations: list, details) -> list:
        """Relations written with a context, locator or note (kept in the front matter by
        :func:`write_argdown`, as Argdown relations carry none): they replace the plain relation
        with the same ends."""
        if not isinstance(details, list):
            self.warn(self.c.loc(), "argdown-data", "'relation-details' in the front matter is not a "
                      "list; ignored")
            return relations
        by_key: dict = {}
        for n, r in enumerate(relations):
            by_key.setdefault((r.get("from"), r.get("kind"), r.get("to")), []).append(n)
        out = list(relations)
        replaced: set = set()
        for d in details:
            if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in ("from", "kind", "to")):
                self.warn(self.c.loc(), "argdown-data", "an entry of 'relation-details' without "
                          "from/kind/to is ignored")
                continue
            key = (d["from"], d["kind"], d["to"])
            free = [n for n in by_key.get(key, []) if n not in replaced]
            entry = {k: d[k] for k in ("from", "kind", "to", "context", "lines", "page", "note") if k in d}
            if free:
                replaced.add(free[0])
                out[free[0]] = self._located(entry, relations[free[0]].loc)
            else:
                out.append(self._located(entry, self.c.loc()))
        return out

    def title(self, sections) -> str:
        fm = self.m.front_matter
        if isinstance(fm, dict) and isinstance(fm.get("title"), (str, int, float)) and \
                not isinstance(fm.get("title"), bool) and str(fm["title"]).strip():
            return str(fm["title"])
        if sections:
            return sections[0]["title"]
        return stem(self.c.path) or "Argdown map"

    def sections(self):
        out, ids = [], {}
        used = set()

        def visit(items, prefix):
            items = [s for s in items if not (isinstance(s.data, dict) and s.data.get("argmap-placeholder"))]
            for n, s in enumerate(items, start=1):
                sid = f"{prefix}{n}"
                data = s.data if isinstance(s.data, dict) else {}
                wanted = data.get("id")
                if isinstance(wanted, (str, int)) and not isinstance(wanted, bool) and \
                        ID_RE.match(str(wanted)) and str(wanted) not in used:
                    sid = str(wanted)
                used.add(sid)
                ids[s.id] = sid
                title = _clean_text(s.heading) or sid
                entry = {"id": sid, "title": title}
                if data.get("inferred") is True:
                    entry["inferred"] = True
                entry.update(self.data_fields(data, s.location, f"section '{title}'", ("lines", "page")))
                out.append((entry, s.location))
                visit(s.children, f"{sid}.")

        visit(self.m.sections, "")
        return [self._located(e, loc) for e, loc in out], ids

    @staticmethod
    def _located(entry: dict, loc):
        from ._common import ldoc
        return ldoc(entry, loc)

    def section_of(self, item, data_fields: dict):
        if "section" in data_fields:
            return data_fields.pop("section")
        if item.section is not None:
            return self.section_ids.get(item.section.id)
        return None

    # -- inferences -----------------------------------------------------------------------
    def inferences_of(self, arg) -> list:
        r = self.r
        conclusions = [i for i, s in enumerate(arg.pcs) if s.role in ("intermediary-conclusion",
                                                                      "main-conclusion")]
        main_id = r.argument_ids[arg.title]
        out = []
        for step, index in enumerate(conclusions, start=1):
            concl = arg.pcs[index]
            inf = concl.inference
            iid = main_id if step == len(conclusions) else self.ids.make(f"{main_id}.{step}")
            r.step_ids[(arg.title, index)] = iid
            loc = inf.location if inf is not None else arg.location
            premises = self.step_premises(arg, index, loc)
            concl_id = r.statement_ids[concl.title]
            if concl_id in premises:
                self.warn(loc, "argdown-self-premise", f"step {step} of <{arg.title}> uses its own "
                          f"conclusion [{concl.title}] as a premise; that premise is left out")
                premises = [p for p in premises if p != concl_id]
            if not premises:
                self.warn(loc, "argdown-no-premise", f"step {step} of <{arg.title}> has no premise; "
                          "no inference is imported for it")
                continue
            self.inference_ok.add(iid)
            rules = [x for x in (inf.inferenceRules if inf is not None else []) if x]
            entry = {"id": iid, "premises": premises, "conclusion": concl_id}
            if rules:
                entry["scheme"] = _norm(", ".join(rules))
            fields = self.data_fields(inf.data if inf is not None else None,
                                      inf.data_loc if inf is not None else None,
                                      f"the inference of <{arg.title}>")
            if step == len(conclusions) and "note" not in fields:
                arg_fields = self.data_fields(arg.data, arg.location, f"argument <{arg.title}>", ("note",))
                member = _canonical(arg)
                desc = _clean_text(member) if member is not None else ""
                if arg_fields.get("note"):
                    fields["note"] = arg_fields["note"]
                elif desc:
                    fields["note"] = desc
            entry.update(fields)
            out.append(self._located(entry, loc))
        return out

    def step_premises(self, arg, index: int, loc) -> list[str]:
        concl = arg.pcs[index]
        inf = concl.inference
        idata = inf.data if inf is not None and isinstance(inf.data, dict) else {}
        cdata = concl.data if isinstance(concl.data, dict) else {}
        uses = None
        if isinstance(idata.get("uses"), list):
            uses = idata["uses"]
        elif isinstance(cdata.get("uses"), list):
            uses = cdata["uses"]
        elif isinstance(idata.get("from"), list):
            uses = idata["from"]
        elif cdata.get("uses") and isinstance(cdata.get("from"), list):
            uses = cdata["from"]
        chosen = None
        if uses is not None:
            if all(isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= len(arg.pcs) for i in uses):
                chosen = [arg.pcs[i - 1] for i in uses]
            else:
                self.warn(loc, "argdown-uses", f"'uses' of a step of <{arg.title}> lists {uses!r}, "
                          f"which are not statement numbers 1..{len(arg.pcs)}; the step uses the "
                          "statements since the previous conclusion instead")
        if chosen is None:
            chosen = []
            for i in range(index - 1, -1, -1):
                chosen.append(arg.pcs[i])
                if arg.pcs[i].role == "intermediary-conclusion":
                    break
            chosen.reverse()
        return list(dict.fromkeys(self.r.statement_ids[s.title] for s in chosen))

    # -- relations ------------------------------------------------------------------------
    def node_id(self, node, rel, as_source: bool):
        """(id, kind override) of a relation end."""
        r = self.r
        if node.type == EC:
            return r.statement_ids[node.title], None
        if node.type == INFERENCE:
            return r.step_ids.get((node.argumentTitle, node.conclusionIndex)), None
        if node.type == ARGUMENT:
            if not node.pcs:
                return r.argument_ids[node.title], None
            concl_id = r.statement_ids[node.pcs[-1].title]
            if as_source:
                return concl_id, None
            main = r.step_ids.get((node.title, len(node.pcs) - 1))
            loc = self.m.loc(rel.occurrences[0])
            if rel.relationType == UNDERCUT:
                return main, None
            if rel.relationType == ATTACK:
                self.warn(loc, "argdown-sketched-attack", f"an attack on the reconstructed argument "
                          f"<{node.title}> that names none of its premises: imported as an undercut of "
                          "its inference (attack a premise to be exact)")
                return main, "undercuts"
            if rel.relationType == SUPPORT:
                self.warn(loc, "argdown-sketched-support", f"a support of the reconstructed argument "
                          f"<{node.title}> that names none of its premises: imported as a support of "
                          f"its conclusion [{node.pcs[-1].title}] (support a premise to be exact)")
                return concl_id, None
        return None, None

    KIND = {SUPPORT: "supports", ENTAILS: "supports", ATTACK: "attacks", CONTRARY: "contradicts",
            CONTRADICTORY: "contradicts", UNDERCUT: "undercuts"}

    def relations(self) -> list:
        mapped: list[tuple[str, str, str, Location]] = []
        seen = set()
        for rel in self.m.relations:
            loc = self.m.loc(rel.occurrences[0])
            src, _ = self.node_id(rel.source, rel, True)
            dst, override = self.node_id(rel.target, rel, False)
            kind = override or self.KIND.get(rel.relationType)
            if src is None or dst is None or kind is None:
                self.warn(loc, "argdown-relation", f"a {rel.relationType} relation whose "
                          "end was not imported is left out")
                continue
            if kind == "undercuts" and dst not in self.inference_ok and dst in self.r.step_ids.values():
                self.warn(loc, "argdown-relation", "an undercut of an inference that was not imported "
                          "is left out")
                continue
            if src == dst:
                self.warn(loc, "argdown-self-relation", f"'{src}' {kind} itself (through an argument's "
                          "conclusion); left out")
                continue
            key = (src, kind, dst)
            if key in seen:
                continue
            seen.add(key)
            mapped.append([src, kind, dst, loc])
        # undercuts of statements (sketched arguments or statements): undercut their steps
        statement_ids = set(self.r.statement_ids.values()) | {
            v for t, v in self.r.argument_ids.items() if not self.m.arguments[t].pcs}
        step_of: dict[tuple[str, str], str] = {}
        extra = []
        out = []
        supports_of: dict[str, list] = {}
        for x in mapped:
            if x[1] in ("supports", "step"):
                supports_of.setdefault(x[0], []).append(x)
        for item in mapped:
            src, kind, dst, loc = item
            if kind != "undercuts" or dst not in statement_ids:
                continue
            supports = supports_of.get(dst, [])
            if len(out) + len(supports) > MAX_UNDERCUTS:    # m undercuts x n supports: m x n
                self.warn(loc, "argdown-undercut", f"an undercut of '{dst}' would make more than "
                          f"{MAX_UNDERCUTS} undercut relations in all; left out")
                item[1] = None
                continue
            if not supports:
                self.warn(loc, "argdown-undercut", f"an undercut of '{dst}', which supports nothing: "
                          "imported as an attack on it")
                item[1] = "attacks"
                continue
            item[1] = None
            for sup in supports:
                key = (sup[0], sup[2])
                if key not in step_of:
                    step_of[key] = self.ids.make(f"{sup[0]}_{sup[2]}")
                    sup[1] = "step"
                    extra.append(self._located({"id": step_of[key], "premises": [sup[0]],
                                                "conclusion": sup[2]}, sup[3]))
                    self.inference_ok.add(step_of[key])
                out.append([src, "undercuts", step_of[key], loc])
        self.extra_inferences = extra
        result = []
        for src, kind, dst, loc in mapped + out:
            if kind in (None, "step"):
                continue
            result.append(self._located({"from": src, "kind": kind, "to": dst}, loc))
        self.mapped = [(x["from"], x["kind"], x["to"]) for x in result]
        return result

    # -- statements -----------------------------------------------------------------------
    def derived_kind(self, sid: str, ec=None) -> str:
        if ec is not None and (ec.isUsedAsMainConclusion or ec.isUsedAsIntermediaryConclusion):
            return "claim"
        if ec is not None and ec.isUsedAsPremise:
            return "premise"
        if getattr(self, "_out_kinds", (None,))[0] is not self.mapped:   # by source, once
            kinds: dict[str, list[str]] = {}
            for s, k, _ in self.mapped:
                kinds.setdefault(s, []).append(k)
            self._out_kinds = (self.mapped, kinds)
        out = self._out_kinds[1].get(sid, [])
        if out and all(k in ("attacks", "undercuts") for k in out):
            return "objection"
        return "claim"

    def statement_entry(self, item, sid: str, what: str, ec=None):
        member = _canonical(item)
        text = _clean_text(member) if member is not None else ""
        loc = (member.location if member is not None else None) or \
            (item.members[0].location if item.members else None) or item.location or self.c.loc()
        if not text:
            if ec is not None or member is None:
                self.warn(loc, "argdown-undefined", f"{what} has no text (it is only referred to); "
                          "its title is used as its text")
            text = _norm(item.title) or sid
        fields = self.data_fields(item.data, (member.data_loc if member is not None else None) or loc, what,
                                  ("kind", "note", "lines", "page", "cites", "tags", "ignore", "section"))
        kind = fields.pop("kind", None) or self.derived_kind(sid, ec)
        tags = list(dict.fromkeys((item.tags or []) + fields.pop("tags", [])))
        section = self.section_of(item, fields)
        entry = {"id": sid, "kind": kind, "text": text}
        if section is not None:
            entry["section"] = section
        entry.update({k: fields[k] for k in ("lines", "page", "cites") if k in fields})
        if tags:
            entry["tags"] = tags
        entry.update({k: fields[k] for k in ("note", "ignore") if k in fields})
        return self._located(entry, loc)

    def statements(self, relations) -> list:
        out = []
        for title, ec in self.m.statements.items():
            out.append(self.statement_entry(ec, self.r.statement_ids[title], f"statement [{title}]", ec))
        for title, arg in self.m.arguments.items():
            if not arg.pcs:
                out.append(self.statement_entry(arg, self.r.argument_ids[title], f"argument <{title}>"))
        return out

    def export_relation(self, rel) -> dict:
        def end(node):
            if node.type == INFERENCE:
                return node.argumentTitle, INFERENCE
            return node.title, node.type

        src, src_type = end(rel.source)
        dst, dst_type = end(rel.target)
        out = {"from": src, "fromType": src_type, "relationType": rel.relationType, "to": dst,
               "toType": dst_type}
        if rel.target.type == INFERENCE:
            out["conclusionIndex"] = rel.target.conclusionIndex
        return out


# -- writer -------------------------------------------------------------------------------------

_ALWAYS_ESCAPE = set("\\@#*_[]<>{}/")
_INFERENCE_ESCAPE = set("\\-,{}/<@#*_[]>")


def _escape(text: str, always=_ALWAYS_ESCAPE) -> str:
    """*text* (whitespace-normalised) written so that Argdown reads it back unchanged."""
    text = _norm(text)
    out = []
    special = _RE[SPECIAL_CHAR]
    run_eq = {m.start() + k for m in re.finditer(r"={3,}", text) for k in range(len(m.group()))}
    for i, ch in enumerate(text):
        if ch in always or i in run_eq or (ch in ".:" and special.match(text, i)):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _flow(data: dict) -> str:
    """*data* as a one-line ``{...}`` block that Argdown's lexer takes as one data token."""
    import yaml
    text = yaml.dump(data, Dumper=yaml_dumper(fast=False), default_flow_style=True, width=float("inf"), allow_unicode=True,
                          sort_keys=False).strip()
    if text.endswith("..."):
        text = text[:-3].strip()
    ok = "\n" not in text and "\r" not in text and _RE[DATA].fullmatch(text) is not None
    if ok:
        try:
            ok = yaml.safe_load(text) == data
        except yaml.YAMLError:
            ok = False
    if ok:
        return text
    raw = json.dumps(data, ensure_ascii=False, sort_keys=False)

    def esc(m):
        s = m.group()
        for a, b in (("{", "\\u007b"), ("}", "\\u007d"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
                     ("\u0085", "\\u0085")):
            s = s.replace(a, b)
        return s
    return re.sub(r'"(?:[^"\\]|\\.)*"', esc, raw)


def _front_matter(doc: dict) -> str:
    import yaml
    text = yaml.dump(doc, Dumper=yaml_dumper(fast=False), sort_keys=False, allow_unicode=True, width=100)
    if "===" in text:
        raw = json.dumps(doc, ensure_ascii=False, indent=2)
        text = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: m.group().replace("=", "\\u003d"), raw) + "\n"
    return "===\n" + text + "===\n"


def _tag_text(tag: str) -> str | None:
    if tag and ")" not in tag and "\n" not in tag and "\r" not in tag and tag.strip():
        return f"#({tag})"
    return None


def _arg(ident: str) -> str:
    """``<id>``; an id starting with ``_`` is written ``<\\_id>``, as a line starting with ``<_``
    would be an undercut (:func:`read_argdown` reads the id back without the backslash)."""
    return f"<\\{ident}>" if ident.startswith("_") else f"<{ident}>"


def write_argdown(amap) -> str:
    """The map as classic Argdown (accepted by ``@argdown/cli`` 1.7.5; reads back to the same map,
    texts whitespace-normalised)."""
    from ._common import rest_of_document

    fm: dict = {"title": amap.title}
    rest = rest_of_document(amap)
    rest.pop("sections", None)
    # Argdown relations carry no context, locator or note: relations that have one (and every
    # relation Argdown would merge with it) are listed in the front matter
    detailed = {(r.source, r.kind, r.target) for r in amap.relations
                if r.context is not None or r.lines or r.page is not None or r.note is not None}
    # Argdown merges `A >< B` and `B >< A` into one relation: keep both through the details
    contra = {(r.source, r.target) for r in amap.relations if r.kind == "contradicts"}
    detailed |= {(a, "contradicts", b) for a, b in contra if (b, a) in contra}
    details = [{"from": r.source, "kind": r.kind, "to": r.target,
                **clean_fields({"context": r.context, "lines": list(r.lines), "page": r.page,
                                "note": r.note})}
               for r in amap.relations if r.kind in ("supports", "attacks", "contradicts", "undercuts")
               and (r.source, r.kind, r.target) in detailed]
    if details:
        rest["relation-details"] = details
    if rest:
        fm["argmap"] = rest
    blocks: list[str] = [_front_matter(fm)]

    known_sections = [s.id for s in amap.sections]
    by_section: dict[str | None, list] = {}
    for s in amap.statements:
        key = s.section if s.section in known_sections else None
        by_section.setdefault(key, []).append(s)

    def statement_block(s) -> str:
        parts = [f"[{s.id}]: {_escape(s.text)}"]
        data: dict = {"kind": s.kind}
        if s.section is not None and s.section not in known_sections:
            data["section"] = s.section
        if s.lines:
            data["lines"] = list(s.lines)
        if s.page is not None:
            data["page"] = s.page
        if s.cites:
            data["cites"] = [{"ref": c.ref, **({"pages": c.pages} if c.pages is not None else {})}
                             for c in s.cites]
        if all(_tag_text(tag) for tag in s.tags):
            parts.extend(_tag_text(tag) for tag in s.tags)
        elif s.tags:
            data["tags"] = list(s.tags)   # a tag '#(...)' cannot hold: all in order, in the data
        if s.note is not None:
            data["note"] = s.note
        if s.ignore:
            data["ignore"] = list(s.ignore)
        parts.append(_flow(data))
        return " ".join(parts) + "\n"

    for s in by_section.get(None, []):
        blocks.append(statement_block(s))
    # headings: levels from dotted numeric ids, ids kept in data when numbering would differ
    counters: list[int] = []
    prev_level = 0
    for sec in amap.sections:
        level = sec.id.count(".") + 1 if re.fullmatch(r"\d+(?:\.\d+)*", sec.id) else 1
        level = max(1, min(level, prev_level + 1))
        counters = counters[:level]
        while len(counters) < level:
            counters.append(0)
        counters[level - 1] += 1
        prev_level = level
        expected = ".".join(str(n) for n in counters)
        data = {}
        if sec.id != expected:
            data["id"] = sec.id
        if sec.inferred:
            data["inferred"] = True
        if sec.lines:
            data["lines"] = list(sec.lines)
        if sec.page is not None:
            data["page"] = sec.page
        title = _escape(sec.title) or "\\-"
        blocks.append("#" * level + " " + title + (" " + _flow(data) if data else "") + "\n")
        for s in by_section.get(sec.id, []):
            blocks.append(statement_block(s))
    if len(blocks) == 1:
        blocks.append("# " + (_escape(amap.title) or "map") + " " + _flow({"argmap-placeholder": True}) + "\n")
    for inf in amap.inferences:
        lines = [_arg(inf.id), ""]
        for n, p in enumerate(inf.premises, start=1):
            lines.append(f"({n}) [{p}]")
        data: dict = {}
        if inf.lines:
            data["lines"] = list(inf.lines)
        if inf.page is not None:
            data["page"] = inf.page
        if inf.note is not None:
            data["note"] = inf.note
        scheme = _escape(inf.scheme, _INFERENCE_ESCAPE) if inf.scheme else ""
        if not scheme and not data:
            lines.append("----")
        else:
            body = " ".join(x for x in (scheme, _flow(data) if data else "") if x)
            lines += ["--", body, "--"]
        lines.append(f"({len(inf.premises) + 1}) [{inf.conclusion}]")
        blocks.append("\n".join(lines) + "\n")
    ops = {"supports": "+>", "attacks": "->", "contradicts": "><", "undercuts": "_>"}
    grouped: dict[str, list] = {}
    for r in amap.relations:
        if r.kind in ops:
            grouped.setdefault(r.source, []).append(r)
    for source, rels in grouped.items():
        lines = [f"[{source}]"]
        for r in rels:
            target = _arg(r.target) if r.kind == "undercuts" else f"[{r.target}]"
            lines.append(f"    {ops[r.kind]} {target}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
