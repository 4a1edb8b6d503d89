"""The Argdown parser: tokens as the syntax tree of Argdown 1.7.5 (a port of ``@argdown/core``'s
``parser.js``, MIT licence: the same rules, with the same children).

The tree is made of :class:`Rule` nodes (``argdown``, ``statement``, ``argument``, ``pcs`` for a
premise-conclusion structure, ``inference``, ``relations``, ``heading`` and the rest) whose
children are rules and :class:`~.lexer.Token` objects.  A text that breaks a rule raises
:class:`ParseError` with the token found and what was expected there.
"""
from __future__ import annotations

from .lexer import (
    A_BOLD_END,
    A_BOLD_START,
    A_ITALIC_END,
    A_ITALIC_START,
    ARGUMENT_DEFINITION,
    ARGUMENT_MENTION,
    ARGUMENT_REFERENCE,
    CONTRADICTION,
    DATA,
    DEDENT,
    EMPTYLINE,
    EOF,
    ESCAPED_CHAR,
    FREESTYLE,
    FRONT_MATTER,
    HEADING_START,
    INCOMING_ATTACK,
    INCOMING_SUPPORT,
    INCOMING_UNDERCUT,
    INDENT,
    INFERENCE_END,
    INFERENCE_START,
    LINK,
    LIST_DELIMITER,
    NEWLINE,
    ORDERED_LIST_ITEM,
    OUTGOING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_UNDERCUT,
    RELATION_TOKENS,
    SPECIAL_CHAR,
    STATEMENT_DEFINITION,
    STATEMENT_MENTION,
    STATEMENT_NUMBER,
    STATEMENT_REFERENCE,
    TAG,
    TOKEN_NAMES,
    U_BOLD_END,
    U_BOLD_START,
    U_ITALIC_END,
    U_ITALIC_START,
    UNORDERED_LIST_ITEM,
    UNUSED_CONTROL_CHAR,
    Lexer,
    Token,
)

__all__ = ["Rule", "Parser", "ParseError"]


class Rule:
    """A node of the syntax tree: the rule's name and its children (rules and tokens); *attrs*
    hold what the model builder attaches while it walks the tree."""

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
    """The text breaks a rule at *token*: *expected* says what could stand there (*message*, when
    set, is the whole message)."""

    def __init__(self, token: Token, expected: str, message: str | None = None):
        self.token = token
        self.expected = expected
        self.message = message
        super().__init__(message or expected)


class Parser:
    """A recursive-descent parser with Argdown's rules, one method per rule (``argdown`` is the
    whole text)."""

    def __init__(self, tokens: list[Token], text: str, lexer: Lexer):
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
            raise ParseError(self.peek(), what or TOKEN_NAMES.get(kind, kind))
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
