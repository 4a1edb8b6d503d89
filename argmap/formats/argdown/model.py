"""The Argdown model: the syntax tree walked into statements, arguments, relations and
sections, as Argdown 1.7.5 builds them (a port of ``@argdown/core``'s ``ModelPlugin.js`` and
``DataPlugin.js``, MIT licence), so that a file means here what it means in ``argdown json``.

* a **statement** ``[Title]: text`` is a member of the *equivalence class* named by its title:
  every statement with that title says the same; the class's *canonical member* (the last
  definition, unless one says ``isCanonical``) gives its text;
* an **argument** ``<Title>`` is sketched (a description only) or reconstructed as a
  *premise-conclusion structure* (PCS): numbered statements ``(1)``, ``(2)``, ... with
  *inference* lines ``--`` before each conclusion; the last conclusion is the main conclusion,
  earlier ones are intermediary conclusions;
* a **relation** joins two of them: *support*, *attack*, *undercut* (of an inference),
  *contradictory*, and in strict mode *entails* and *contrary*;
* a **section** is a heading, nested by its level.

After the walk, :meth:`Model.run` applies Argdown's transformations: relations of a
reconstructed argument start at its conclusion, undercuts of it target its last inference.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...errors import LoadError, Location
from .._common import Collector
from .data import front_matter_body, load_yaml, merge
from .lexer import (
    EMPTYLINE,
    ESCAPED_CHAR,
    INFERENCE_START,
    JS_DOT,
    RELATION_TOKENS,
    SPECIAL_CHAR,
    STATEMENT_NUMBER,
    Token,
)
from .parser import Rule

__all__ = ["Model", "ModelObject", "canonical", "SUPPORT", "ATTACK", "UNDERCUT", "CONTRADICTORY", "CONTRARY",
           "ENTAILS", "EC", "ARGUMENT", "INFERENCE", "STATEMENT",
           "ROLE_PREMISE", "ROLE_INTERMEDIARY", "ROLE_MAIN", "ROLE_TOP_LEVEL", "ROLE_RELATION", "ROLE_DESCRIPTION"]


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
# a statement's role (Argdown's words): in a premise-conclusion structure a premise, an intermediary
# conclusion or the main conclusion; elsewhere a top-level statement, one in a relation, or the
# description of an argument
ROLE_PREMISE, ROLE_INTERMEDIARY, ROLE_MAIN = "premise", "intermediary-conclusion", "main-conclusion"
ROLE_TOP_LEVEL, ROLE_RELATION, ROLE_DESCRIPTION = "top-level-statement", "relation-statement", "argument-description"


class ModelObject:
    """An element of Argdown's model (an equivalence class, an argument, a statement, an
    inference, a relation, a section) as a JavaScript-like object: attributes default to None,
    as the ported code expects (``ec.isUsedAsPremise``, ``st.inference``, ...)."""

    def __init__(self, **kw: Any) -> None:
        self.__dict__.update(kw)

    def __getattr__(self, name: str) -> Any:
        return None

    if TYPE_CHECKING:   # any attribute can be set (the real __setattr__ is object's)
        def __setattr__(self, name: str, value: Any) -> None: ...


def _splice_out(items: list, item) -> None:
    """``items.splice(items.indexOf(item), 1)`` with JavaScript's semantics (a missing item
    removes the last element)."""
    for i, x in enumerate(items):
        if x is item:
            del items[i]
            return
    if items:
        items.pop()


class Model:
    """Statements (equivalence classes), arguments, relations and sections, built by walking the
    syntax tree with the listeners of Argdown's ModelPlugin."""

    def __init__(self, path: str, collector: Collector):
        self.path = path
        self.c = collector
        self.settings: dict[str, Any] = {"mode": "loose", "removeTagsFromText": False,
                                         "transformArgumentRelations": True}
        self.front_matter: Any = None
        self.statements: dict[str, ModelObject] = {}
        self.arguments: dict[str, ModelObject] = {}
        self.relations: list[ModelObject] = []
        self.sections: list[ModelObject] = []
        self.unique = 0
        # where the walk is (Argdown's listener state); None: outside such an element
        self.current_statement: ModelObject | None = None
        self.current_relation_parent: ModelObject | None = None
        self.current_argument: ModelObject | None = None
        self.current_pcs: ModelObject | None = None
        self.current_inference: ModelObject | None = None
        self.relation_parents: list[ModelObject] = []
        self.current_relation: ModelObject | None = None
        self.current_heading: ModelObject | None = None
        self.current_section: ModelObject | None = None
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

    def ec(self, title: str) -> ModelObject:
        ec = self.statements.get(title)
        if ec is None:
            ec = ModelObject(type=EC, title=title, relations=[], members=[])
            self.statements[title] = ec
        return ec

    def get_argument(self, title: str | None = None) -> ModelObject:
        arg = self.arguments.get(title) if title else None
        if arg is None:
            arg = ModelObject(type=ARGUMENT, relations=[], members=[], pcs=[], title=title or self.unique_title())
            self.arguments[arg.title] = arg
        self.current_argument = arg
        self.current_relation_parent = arg
        return arg

    def relation_member(self, parent) -> ModelObject:
        if parent.type == STATEMENT:
            if not parent.title:
                parent.title = self.unique_title()
            if parent.role == ROLE_DESCRIPTION:
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
        body = front_matter_body(tok.image)
        data = load_yaml(body, Location(self.path, tok.line, tok.col), self.c, "the front matter")
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
        parent.attrs["data"] = load_yaml(text, loc, self.c, "a {...} data block")
        parent.attrs["data_loc"] = Location(self.path, tok.line, tok.col)

    def tok_StatementDefinition(self, tok, parent, index):
        m = re.match(r"\[(" + JS_DOT + r"+)\]:", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)
            parent.attrs["statement"] = self.current_statement

    def tok_StatementReference(self, tok, parent, index):
        m = re.match(r"\[(" + JS_DOT + r"+)\]", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)
            self.current_statement.isReference = True
            parent.attrs["statement"] = self.current_statement

    def _mention(self, tok):
        target = self.target()
        if target is not None:
            self._append(target, tok.image)

    def tok_StatementMention(self, tok, parent, index):
        self._mention(tok)

    def tok_ArgumentMention(self, tok, parent, index):
        self._mention(tok)

    def tok_ArgumentReference(self, tok, parent, index):
        m = re.match(r"<(" + JS_DOT + r"+)>", tok.image)
        if m and self.current_statement is not None:
            self.current_statement.title = m.group(1)
            self.current_statement.isReference = True

    def tok_ArgumentDefinition(self, tok, parent, index):
        m = re.match(r"<(" + JS_DOT + r"+)>:", tok.image)
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
        self.current_heading = ModelObject(text="")

    def exit_heading(self, node, parent, index):
        h = self.current_heading
        level = len(node.children[0].image) - 1
        self.section_counter += 1
        section = ModelObject(type="section", id=f"s{self.section_counter}", level=level,
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
        st = ModelObject(type=STATEMENT, location=self.loc(node))
        if parent is not None and parent.name == "argdown":
            st.role = ROLE_TOP_LEVEL
            st.isTopLevel = True
        elif self.current_relation is not None:
            st.role = ROLE_RELATION
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
            ec.data = merge(ec.data, st.data)
        if self.current_section is not None:
            st.section = self.current_section
        ec.members.append(st)
        in_group = st.data.get("isInGroup") if isinstance(st.data, dict) else None
        if in_group is True or (not st.isReference and in_group is None and ec.section is None):
            ec.section = st.section
        if st.role == ROLE_TOP_LEVEL:
            ec.isUsedAsTopLevelStatement = True
        elif st.role == ROLE_RELATION:
            ec.isUsedAsRelationStatement = True
        self.current_statement = None

    def enter_argument(self, node, parent, index):
        desc = ModelObject(type=STATEMENT, role=ROLE_DESCRIPTION, text="", location=self.loc(node))
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
            arg.data = merge(arg.data, desc.data)
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
        if last.role == ROLE_INTERMEDIARY:
            last.role = ROLE_MAIN
            ec = self.statements[last.title]
            ec.isUsedAsMainConclusion = True
            if not any(s.role == ROLE_INTERMEDIARY for s in ec.members):
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
        st.role = ROLE_PREMISE
        st.argumentTitle = self.current_pcs.title
        if index is not None and index > 0:
            prev = parent.children[index - 1]
            if isinstance(prev, Rule) and prev.name == "inference":
                st.role = ROLE_INTERMEDIARY
                ec.isUsedAsIntermediaryConclusion = True
                st.inference = prev.attrs["inference"]
                st.inference.conclusionIndex = len(self.current_pcs.pcs)
                st.inference.argumentTitle = self.current_pcs.title
        if st.role == ROLE_PREMISE:
            ec.isUsedAsPremise = True
        self.current_pcs.pcs.append(st)
        st.number = int(re.search(r"\d+", node.children[0].image).group())

    def enter_inference(self, node, parent, index):
        inf = ModelObject(type=INFERENCE, relations=[], inferenceRules=[], location=self.loc(node))
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
        rel = ModelObject(type="relation", relationType=rel_type, occurrences=[node])
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
        rel = ModelObject(type="relation", relationType=UNDERCUT, occurrences=[node], target=target)
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
            premise_titles = {s.title for s in arg.pcs if s.role == ROLE_PREMISE}
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


def canonical(item: ModelObject) -> ModelObject | None:
    """The canonical member of an equivalence class or argument: the last definition (not a mere
    reference), unless a member says ``isCanonical`` in its data; None when there is none."""
    default = None
    for member in reversed(item.members or []):
        if not member.isReference:
            if isinstance(member.data, dict) and member.data.get("isCanonical"):
                return member
            if default is None:
                default = member
    return default
