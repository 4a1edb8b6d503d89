"""The Argdown writer: an argmap map as classic Argdown text.

What it writes is accepted by ``@argdown/cli`` 1.7.5 and reads back to the same map (texts are
whitespace-normalised: Argdown has no line breaks in a statement).  Each statement is written as
a definition ``[id]: text``, each inference as a reconstructed argument ``<id>`` with a
premise-conclusion structure, each relation indented under its source (``+>`` supports, ``->``
attacks, ``><`` contradicts, ``_>`` undercuts an inference), sections as headings.  argmap fields
Argdown has no place for go into ``{...}`` data (kind, note, lines, page, cites, ...) and an
``argmap:`` block of the front matter (thesis, references, values, relation details, ...).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...vocab import ARGUMENT_RELATIONS, RelationKind
from .._common import clean_fields, rest_of_document, yaml_dumper
from .lexer import DATA, SPECIAL_CHAR, TOKEN_RE
from .text import norm

if TYPE_CHECKING:
    from ...model import ArgumentMap, Inference, Section, Statement

__all__ = ["write_argdown"]


_ALWAYS_ESCAPE = set("\\@#*_[]<>{}/")
_INFERENCE_ESCAPE = set("\\-,{}/<@#*_[]>")


def _escape(text: str, always: set[str] = _ALWAYS_ESCAPE) -> str:
    """*text* (whitespace-normalised) written so that Argdown reads it back unchanged."""
    text = norm(text)
    out = []
    special = TOKEN_RE[SPECIAL_CHAR]
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
    text = yaml.dump(data, Dumper=yaml_dumper(fast=False), default_flow_style=True, width=float("inf"),
                     allow_unicode=True, sort_keys=False).strip()
    if text.endswith("..."):
        text = text[:-3].strip()
    ok = "\n" not in text and "\r" not in text and TOKEN_RE[DATA].fullmatch(text) is not None
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


def write_argdown(amap: ArgumentMap) -> str:
    """The map as classic Argdown (accepted by ``@argdown/cli`` 1.7.5; reads back to the same map,
    texts whitespace-normalised)."""
    blocks: list[str] = [_front_matter(_front_matter_doc(amap))]
    blocks += _statement_and_section_blocks(amap)
    if len(blocks) == 1:
        blocks.append("# " + (_escape(amap.title) or "map") + " " + _flow({"argmap-placeholder": True}) + "\n")
    blocks += [_inference_block(inf) for inf in amap.inferences]
    blocks += _relation_blocks(amap)
    return "\n".join(blocks)


def _front_matter_doc(amap: ArgumentMap) -> dict:
    """The title, and in an ``argmap:`` block what Argdown has no place for."""
    fm: dict = {"title": amap.title}
    rest = rest_of_document(amap)
    rest.pop("sections", None)
    details = _relation_details(amap)
    if details:
        rest["relation-details"] = details
    if rest:
        fm["argmap"] = rest
    return fm


def _relation_details(amap: ArgumentMap) -> list[dict]:
    """Argdown relations carry no context, locator or note: relations that have one (and every
    relation Argdown would merge with it) are listed in the front matter."""
    detailed = {(r.source, r.kind, r.target) for r in amap.relations
                if r.context is not None or r.lines or r.page is not None or r.note is not None}
    # Argdown merges `A >< B` and `B >< A` into one relation: keep both through the details
    contra = {(r.source, r.target) for r in amap.relations if r.kind == RelationKind.CONTRADICTS}
    detailed |= {(a, RelationKind.CONTRADICTS, b) for a, b in contra if (b, a) in contra}
    return [{"from": r.source, "kind": r.kind, "to": r.target,
             **clean_fields({"context": r.context, "lines": list(r.lines), "page": r.page, "note": r.note})}
            for r in amap.relations if r.kind in ARGUMENT_RELATIONS
            and (r.source, r.kind, r.target) in detailed]


def _statement_and_section_blocks(amap: ArgumentMap) -> list[str]:
    """Statements outside any known section first, then each section's heading and statements."""
    known_sections = [s.id for s in amap.sections]
    by_section: dict[str | None, list] = {}
    for s in amap.statements:
        key = s.section if s.section in known_sections else None
        by_section.setdefault(key, []).append(s)
    blocks = [_statement_block(s, known_sections) for s in by_section.get(None, [])]
    for sec, heading in zip(amap.sections, _headings(amap.sections)):
        blocks.append(heading)
        blocks += [_statement_block(s, known_sections) for s in by_section.get(sec.id, [])]
    return blocks


def _statement_block(s: Statement, known_sections: list[str]) -> str:
    """``[id]: text #(tag) {data}``: a statement definition."""
    parts = [f"[{s.id}]: {_escape(s.text)}"]
    data: dict = {"kind": s.kind}
    if s.section is not None and s.section not in known_sections:
        data["section"] = s.section
    data.update(_locator(s))
    if s.cites:
        data["cites"] = [{"ref": c.ref, **({"pages": c.pages} if c.pages is not None else {})}
                         for c in s.cites]
    tags = [_tag_text(tag) for tag in s.tags]
    if all(tags):
        parts.extend(t for t in tags if t)
    elif s.tags:
        data["tags"] = list(s.tags)   # a tag '#(...)' cannot hold: all in order, in the data
    if s.note is not None:
        data["note"] = s.note
    if s.ignore:
        data["ignore"] = list(s.ignore)
    if s.held_by is not None:
        data["held-by"] = s.held_by
    parts.append(_flow(data))
    return " ".join(parts) + "\n"


def _locator(element: Statement | Section | Inference) -> dict:
    """The ``lines`` and ``page`` of a statement, section or inference, as data."""
    data: dict = {}
    if element.lines:
        data["lines"] = list(element.lines)
    if element.page is not None:
        data["page"] = element.page
    return data


def _headings(sections: Iterable[Section]) -> list[str]:
    """One heading per section: levels from dotted numeric ids, ids kept in data when the
    numbering Argdown's reader gives would differ."""
    out = []
    counters: list[int] = []
    prev_level = 0
    for sec in sections:
        level = sec.id.count(".") + 1 if re.fullmatch(r"\d+(?:\.\d+)*", sec.id) else 1
        level = max(1, min(level, prev_level + 1))
        counters = counters[:level]
        while len(counters) < level:
            counters.append(0)
        counters[level - 1] += 1
        prev_level = level
        data: dict = {}
        if sec.id != ".".join(str(n) for n in counters):
            data["id"] = sec.id
        if sec.inferred:
            data["inferred"] = True
        data.update(_locator(sec))
        title = _escape(sec.title) or "\\-"
        out.append("#" * level + " " + title + (" " + _flow(data) if data else "") + "\n")
    return out


def _inference_block(inf: Inference) -> str:
    """``<id>`` and its premise-conclusion structure: numbered premises, the inference line
    (with the scheme and data between ``--`` lines), the conclusion."""
    lines = [_arg(inf.id), ""]
    for n, p in enumerate(inf.premises, start=1):
        lines.append(f"({n}) [{p}]")
    data = _locator(inf)
    if inf.note is not None:
        data["note"] = inf.note
    scheme = _escape(inf.scheme, _INFERENCE_ESCAPE) if inf.scheme else ""
    if not scheme and not data:
        lines.append("----")
    else:
        body = " ".join(x for x in (scheme, _flow(data) if data else "") if x)
        lines += ["--", body, "--"]
    lines.append(f"({len(inf.premises) + 1}) [{inf.conclusion}]")
    return "\n".join(lines) + "\n"


#: the operator of an outgoing relation, written under its source
_OPERATORS = {RelationKind.SUPPORTS: "+>", RelationKind.ATTACKS: "->", RelationKind.CONTRADICTS: "><",
              RelationKind.UNDERCUTS: "_>"}


def _relation_blocks(amap: ArgumentMap) -> list[str]:
    """Each source with its relations indented under it (an undercut's target is an inference)."""
    grouped: dict[str, list] = {}
    for r in amap.relations:
        if r.kind in _OPERATORS:
            grouped.setdefault(r.source, []).append(r)
    blocks = []
    for source, rels in grouped.items():
        lines = [f"[{source}]"]
        for r in rels:
            target = _arg(r.target) if r.kind == RelationKind.UNDERCUTS else f"[{r.target}]"
            lines.append(f"    {_OPERATORS[r.kind]} {target}")
        blocks.append("\n".join(lines) + "\n")
    return blocks
