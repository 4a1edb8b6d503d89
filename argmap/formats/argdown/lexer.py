"""The Argdown lexer: a text as the tokens of Argdown 1.7.5 (a port of ``@argdown/core``'s
``lexer.js``, MIT licence), token for token as ``@argdown/cli`` 1.7.5 lexes it.

A token is a piece of syntax: a statement title ``[Title]`` or ``[Title]:``, an argument title
``<Title>``, a relation operator (``+``, ``-``, ``<_`` and the rest) at the start of an indented
line, a statement number ``(1)`` of a premise-conclusion structure, the ``--`` lines around an
inference, a ``{...}`` data block, the front matter between ``===`` lines, and the words of a
statement's text.  The lexer also makes the ``Indent`` / ``Dedent`` tokens that nest relations
under the statement or argument they start from, as Argdown's does.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ...errors import LoadError, Location

__all__ = ["Token", "Lexer", "tokenize", "TOKEN_RE", "TOKEN_NAMES", "RELATION_TOKENS", "JS_DOT", "MAX_INDENT"]

# the token types, named as Argdown's lexer names them
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

TOKEN_NAMES = {
    EMPTYLINE: "an empty line", NEWLINE: "a line break", INDENT: "an indented line",
    DEDENT: "the end of an indented block", INFERENCE_START: "'--' (inference start)",
    INFERENCE_END: "'--' (inference end)", STATEMENT_NUMBER: "a numbered statement '(1)'",
    EOF: "the end of the file", DATA: "a {...} data block", FRONT_MATTER: "front matter '==='",
}

JS_DOT = r"[^\n\r\u2028\u2029]"            # JavaScript's '.'
TOKEN_RE = {
    FRONT_MATTER: re.compile(r"===+[\s\S]*?===+"),
    DATA: re.compile(r"\{(?:(?!\}\s[^,}])(?:" + JS_DOT + r"|\n))*\}(?!\s*(?:,|\}))"),
    ESCAPED_CHAR: re.compile(r"\\" + JS_DOT + r"(?: )*"),
    SPECIAL_CHAR: re.compile(r"(?:\.\S+?\.[ \t]?)|(?::\S+?:[ \t]?)"),
    NEWLINE: re.compile(r"[ \t]*(?:\r\n|\n|\r)"),
    LIST_DELIMITER: re.compile(r","),
    INFERENCE_END: re.compile(r"-{2,}"),
    LINK: re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    TAG: re.compile(r"#(?:\([^)]+\)|[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+)[ \t]?"),
    STATEMENT_DEFINITION: re.compile(r"\[" + JS_DOT + r"+?\]:"),
    STATEMENT_REFERENCE: re.compile(r"\[[^-]" + JS_DOT + r"*?\]"),
    STATEMENT_MENTION: re.compile(r"@\[" + JS_DOT + r"+?\][ \t]?"),
    ARGUMENT_DEFINITION: re.compile(r"<" + JS_DOT + r"+?>:"),
    ARGUMENT_REFERENCE: re.compile(r"<[^-]" + JS_DOT + r"*?>"),
    ARGUMENT_MENTION: re.compile(r"@<" + JS_DOT + r"+?>[ \t]?"),
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
_ANY = r"(?:" + JS_DOT + r"|\n|\r)"       # JavaScript's (.|\n|\r): all but U+2028/U+2029
_COMMENT = r"(?:<!--" + _ANY + r"*?-->)|(?:/\*" + _ANY + r"*?\*/)|(?://" + JS_DOT + r"*?(?=\r\n|\n|\r))"
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
_CANDIDATES: dict[tuple[bool, str], tuple[str, ...]] = {}
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


def _candidates(mode: tuple[str, ...], ch: str) -> tuple[str, ...]:
    key = (mode is INFERENCE_MODE, ch)
    found = _CANDIDATES.get(key)
    if found is None:
        found = tuple(k for k in mode if (k == FREESTYLE and ch not in _CONTROL)
                      or (k != FREESTYLE and ch in _FIRST[k]))
        if len(_CANDIDATES) < 10000:
            _CANDIDATES[key] = found
    return found


class Token:
    """One token: its type, its text (*image*), its offsets and its line and column (from 1)."""

    __slots__ = ("type", "image", "start", "end", "line", "col", "attrs")

    def __init__(self, type_: str, image: str, start: int, end: int, line: int, col: int):
        self.type, self.image, self.start, self.end, self.line, self.col = type_, image, start, end, line, col
        self.attrs: dict = {}

    def __repr__(self) -> str:
        return f"Token({self.type}, {self.image!r}, {self.line}:{self.col})"


MAX_INDENT = 100


class Lexer:
    """Tokens of an Argdown text, exactly as the Argdown 1.7.5 lexer produces them."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.tokens: list[Token] = []
        self.indent_stack = [0]
        self.ranges_stack: list[str] = []
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]
        self._next_cache: dict = {}
        # the token types whose matchers do more than match a regex (the others: TOKEN_RE)
        self._matchers: dict[str, Callable[[str, int], int | None]] = {
            COMMENT: self._comment, INFERENCE_START: self._inference_start, EMPTYLINE: self._emptyline,
            ORDERED_LIST_ITEM: self._list_item, UNORDERED_LIST_ITEM: self._list_item,
            STATEMENT_NUMBER: self._statement_number, HEADING_START: self._heading,
            **{kind: self._relation for kind in _RELATION_RE},
            **{kind: self._range_start if kind.endswith("Start") else self._range_end for kind in _RANGE_RE},
        }

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

    def _match(self, kind: str, pos: int) -> int | None:
        """The length matched by token type *kind* at *pos* (None: no match).  Some matchers
        emit Indent/Dedent tokens or track bold/italic ranges, as Argdown's do."""
        if kind in _GUARDED and not self._closed(kind, pos):
            return None
        special = self._matchers.get(kind)
        if special is not None:
            return special(kind, pos)
        return self._length(TOKEN_RE[kind], pos)

    def _length(self, pattern: re.Pattern[str], pos: int) -> int | None:
        m = pattern.match(self.text, pos)
        return m.end() - pos if m else None

    def _dedenting(self, pattern: re.Pattern[str], pos: int) -> int | None:
        """*pattern* at *pos*; a match closes every indented block (a PCS starts or goes on)."""
        m = pattern.match(self.text, pos)
        if m is None:
            return None
        self._emit_remaining_dedents(pos)
        return m.end() - pos

    def _comment(self, kind: str, pos: int) -> int | None:
        """A comment takes the line breaks after it, as many as the token before allows."""
        last = self._last()
        if last is not None and last.type == EMPTYLINE:
            return self._length(_COMMENT_AFTER_EMPTYLINE_RE, pos)
        if last is not None and last.type == NEWLINE:
            return self._length(_COMMENT_AFTER_NEWLINE_RE, pos)
        return self._length(_COMMENT_RE, pos)

    def _relation(self, kind: str, pos: int) -> int | None:
        """A relation operator starts a line; its indentation opens or closes blocks."""
        if not self._after_break():
            return None
        m = _RELATION_RE[kind].match(self.text, pos)
        if m is None:
            return None
        self._emit_indent_or_dedent(m.group(1), pos)
        return m.end() - pos

    def _inference_start(self, kind: str, pos: int) -> int | None:
        if not self._after_break(emptyline_too=False):
            return None
        return self._dedenting(_INFERENCE_START_RE, pos)

    def _list_item(self, kind: str, pos: int) -> int | None:
        if not self._after_break():
            return None
        m = (_ORDERED_RE if kind == ORDERED_LIST_ITEM else _UNORDERED_RE).match(self.text, pos)
        if m is None:
            return None
        self._emit_indent_or_dedent(m.group(1) + " ", pos)
        return m.end() - pos

    def _emptyline(self, kind: str, pos: int) -> int | None:
        last = self._last()
        if last is not None and last.type == EMPTYLINE:
            return None
        m = _EMPTYLINE_RE.match(self.text, pos)
        if m is None:
            return None
        if m.end() < len(self.text):
            self._emit_remaining_dedents(pos)
        return m.end() - pos

    def _statement_number(self, kind: str, pos: int) -> int | None:
        if not self._after_break():
            return None
        return self._dedenting(_STATEMENT_NUMBER_RE, pos)

    def _heading(self, kind: str, pos: int) -> int | None:
        last = self._last()
        if last is None or last.type in (EMPTYLINE, NEWLINE):
            return self._length(_HEADING_RE, pos)
        return None

    def _range_start(self, kind: str, pos: int) -> int | None:
        """The start of bold or italic text: remembered until its end."""
        m = _RANGE_RE[kind].match(self.text, pos)
        if m is None:
            return None
        self.ranges_stack.append(_RANGE_KIND[kind])
        return m.end() - pos

    def _range_end(self, kind: str, pos: int) -> int | None:
        """The end of bold or italic text: only of the range opened last."""
        if not self.ranges_stack or self.ranges_stack[-1] != _RANGE_KIND[kind]:
            return None
        # Argdown also means to refuse an end right after skipped whitespace, but chevrotain
        # keeps no skipped tokens, so that check never fires: only "something before" counts
        if self._last() is None:
            return None
        m = _RANGE_RE[kind].match(self.text, pos)
        if m is None:
            return None
        self.ranges_stack.pop()
        return m.end() - pos

    def run(self) -> list[Token]:
        """The tokens of the whole text (comments and spaces skipped), or a located LoadError."""
        text = self.text
        pos = 0
        modes: list[tuple[str, ...]] = [DEFAULT_MODE]
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
    """The tokens of an Argdown *text* (errors located in *path*)."""
    return Lexer(text, path).run()
