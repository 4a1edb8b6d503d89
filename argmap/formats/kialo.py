"""Kialo discussion exports (plain text): ``read_kialo`` (import only).

Two layouts are read, told apart by the first line:

older (``Discussion Title: ...``)
    one claim per line, ``1. The thesis`` then ``1.1. Pro: text`` / ``1.1.2. Con: text``; lines
    that start with no claim number continue the claim above;
current (``Discussion Name:``)
    the discussion name on the next line(s), then blocks ``1.1. Pro:`` (or ``Con:``,
    ``Thesis:``, ``Question:``) whose text is on the following, indented, lines, and a footer
    ``Sources:`` with ``[n] url`` lines.

Mapping: a claim's number is its id (``1.2.3``: digits and dots are a valid id).  ``Pro``
supports and ``Con`` attacks the parent claim.  The root is the thesis (kind ``thesis``); a
``Question`` root is a ``claim`` tagged ``question`` whose ``Thesis`` children (kind
``thesis``, tagged ``answer``) have no relation to it (an answer is not a reason).  ``Pro``
claims are ``claim``\\ s, ``Con`` claims ``objection``\\ s, or ``rebuttal``\\ s when they attack an
objection or rebuttal.  ``-> See 1.2.3.`` makes the linked claim support (Pro) or attack (Con)
the parent, instead of a copy; ``-> See discussion #N: text`` (a claim of another discussion)
becomes a statement with that text, noted ``Kialo discussion #N``.  ``Sources:`` entries
become references (id ``n``, the URL) and ``[n]`` markers in a claim become its citations.
Markdown backslash escapes (``\\(``) are removed; other text is kept as written.

Problems that can be imported around are located warnings: a claim whose parent number is
missing (imported without relation), a repeated claim number (imported as ``1.2_2``), a link
to an unknown claim or to the claim's own parent, an unknown label, a ``[n]`` marker with no
source.  A text that is not a Kialo export is an error.
"""
from __future__ import annotations

import re
from typing import Any

from ..errors import LoadError, Location
from ..model import ArgumentMap
from ..vocab import RelationKind, StatementKind
from ._common import Collector, IdMaker, Imported, finish, guard, ldoc, raise_or_return, stem

__all__ = ["read_kialo", "read_kialo_with_diagnostics", "sniff_kialo"]

_NEW_HEADER = re.compile(r"^(\s*)(\d+(?:\.\d+)*)\.\s+([A-Za-z][A-Za-z ]*):\s*$")
_OLD_HEADER = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con|Thesis|Question):\s*)?(.*)$")
_LINK = re.compile(r"^\s*->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$")
_EXTERNAL = re.compile(r"^\s*->\s*See discussion\s+#(\d+)\s*:?\s*(.*)$", re.S)
_SOURCE = re.compile(r"^\s*\[(\d+)\]\s+(.*?)\s*$")
_MARKER = re.compile(r"\[(\d+)\]")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
#: a claim's label -> the relation to its parent claim (a thesis answers a question: no relation)
LABELS: dict[str, RelationKind | None] = {"pro": RelationKind.SUPPORTS, "con": RelationKind.ATTACKS,
                                          "thesis": None, "question": None}


def sniff_kialo(text: str) -> bool:
    """Whether *text* starts as a Kialo export does (``Discussion Title:`` or ``Discussion Name:``)."""
    head = text.lstrip("\ufeff \t\r\n")[:200]
    return head.startswith("Discussion Title:") or head.startswith("Discussion Name:")


def read_kialo_with_diagnostics(text: str, path: str = "<string>") -> Imported:
    """``(map or None, diagnostics)``."""
    return guard(_import, text, path)


def read_kialo(text: str, path: str = "<string>") -> ArgumentMap:
    """Read a Kialo export; raise LoadError (located diagnostics) when it cannot be imported."""
    return raise_or_return(read_kialo_with_diagnostics(text, path))


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


class _Claim:
    """A claim of the export: its number (``1.2.3``), label (``pro``, ``con``, ...), text lines
    and position; the map id it is imported as and, for a link, the claim it links to."""

    __slots__ = ("number", "label", "lines", "line", "col", "id", "link")

    def __init__(self, number: str, label: str, line: int, col: int):
        self.number, self.label, self.line, self.col = number, label, line, col
        self.lines: list[str] = []
        self.id: str | None = None
        self.link: _Claim | None = None

    @property
    def parent_number(self) -> str | None:
        """The number of the claim this one answers (``1.2`` for ``1.2.3``); None for the root."""
        return self.number.rsplit(".", 1)[0] if "." in self.number else None


def _split_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\n|\r", text)


def _import(text: str, path: str) -> Imported:
    c = Collector(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _split_lines(text)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise LoadError("the Kialo export is empty", location=Location(path, 1, 1), code="empty")
    head = lines[first].strip()
    if head.startswith("Discussion Title:"):
        title = head[len("Discussion Title:"):].strip()
        claims, end = _old_layout(lines, first + 1, c)
    elif head.startswith("Discussion Name:"):
        title = head[len("Discussion Name:"):].strip()
        i = first + 1
        name_lines = []
        while i < len(lines) and lines[i].strip() and not _NEW_HEADER.match(lines[i]):
            name_lines.append(lines[i].strip())
            i += 1
        title = " ".join([title] + name_lines).strip()
        claims, end = _new_layout(lines, i, c)
    else:
        raise LoadError("not a Kialo export: the first line should be 'Discussion Title: ...' or "
                        "'Discussion Name:'", location=Location(path, first + 1, 1), code="kialo")
    references = _sources(lines, end, c)
    return _build(claims, references, title or stem(path), c, path)


def _old_layout(lines: list[str], start: int, c: Collector) -> tuple[list[_Claim], int]:
    claims: list[_Claim] = []
    for n in range(start, len(lines)):
        raw = lines[n]
        if not raw.strip():
            if claims:
                claims[-1].lines.append("")
            continue
        m = _OLD_HEADER.match(raw)
        if m and (m.group(2) or not claims):
            claim = _Claim(m.group(1), (m.group(2) or ("Thesis" if not claims else "")).lower(), n + 1, 1)
            claim.lines.append(m.group(3))
            claims.append(claim)
        elif claims:
            claims[-1].lines.append(raw)
        else:
            c.warning(c.loc(n + 1, 1), "kialo-text", "text before the first claim is ignored")
    return claims, len(lines)


def _new_layout(lines: list[str], start: int, c: Collector) -> tuple[list[_Claim], int]:
    claims: list[_Claim] = []
    end = len(lines)
    for n in range(start, len(lines)):
        raw = lines[n]
        if raw.strip() == "Sources:" and not raw.startswith(" "):
            end = n
            break
        m = _NEW_HEADER.match(raw)
        if m:
            claims.append(_Claim(m.group(2), m.group(3).strip().lower(), n + 1, len(m.group(1)) + 1))
        elif claims:
            claims[-1].lines.append(raw)
        elif raw.strip():
            c.warning(c.loc(n + 1, 1), "kialo-text", "text before the first claim is ignored")
    return claims, end


#: a source of the ``Sources:`` footer: [its number, its text (URL and quotation), its line]
_Source = list[Any]


def _sources(lines: list[str], start: int, c: Collector) -> list[_Source]:
    """``[id, text, line]`` per source; lines after a ``[n] ...`` line (a quotation from the
    source) continue it."""
    out: list[_Source] = []
    if start >= len(lines) or lines[start].strip() != "Sources:":
        return out
    for n in range(start + 1, len(lines)):
        raw = lines[n]
        if not raw.strip():
            continue
        m = _SOURCE.match(raw)
        if m:
            out.append([m.group(1), _unescape(m.group(2)), n + 1])
        elif out:
            out[-1][1] += "\n" + _unescape(raw.strip())
        else:
            c.warning(c.loc(n + 1, 1), "kialo-source", "a line of the 'Sources:' footer before the first "
                      "'[n] source' is ignored")
    return out


def _text_of(claim: _Claim) -> str:
    """A claim's text: its lines without the blank lines around them and the common indent."""
    body = [line.rstrip() for line in claim.lines]
    while body and not body[-1].strip():
        body.pop()
    while body and not body[0].strip():
        body.pop(0)
    indent = min((len(line) - len(line.lstrip()) for line in body if line.strip()), default=0)
    return "\n".join(line[indent:] for line in body).strip()




def _build(claims: list[_Claim], references: list[_Source], title: str, c: Collector,
           path: str) -> Imported:
    """The map document of the claims and sources, validated by the loader."""
    builder = _Builder(claims, references, c)
    for claim in claims:
        builder.add(claim)
    doc: dict[str, Any] = {"argmap": 1, "title": title}
    if len(builder.theses) == 1:
        doc["thesis"] = builder.theses[0]
    if references:
        doc["references"] = _references(references, c)
    doc["statements"] = builder.statements
    if builder.relations:
        doc["relations"] = builder.relations
    return finish(doc, path, c)


class _Builder:
    """Claims to statements and relations, in the order of the export (a parent comes before
    its children, so its kind and link are known when a child is read)."""

    def __init__(self, claims: list[_Claim], references: list[_Source], c: Collector):
        self.c = c
        self.by_number = _number_claims(claims, c)
        self.ref_ids = {r[0] for r in references}
        self.has_sources = bool(references)
        self.links = {claim.id for claim in claims if _LINK.match(_text_of(claim))}   # '-> See ...' claims
        self.statements: list[Any] = []
        self.relations: list[Any] = []
        self.kinds: dict[str, StatementKind] = {}
        self.root_question = False
        self.theses: list[str] = []

    def add(self, claim: _Claim) -> None:
        """The claim as a statement and its relation to its parent, or, for a link
        (``-> See 1.2.3.``), the linked claim's relation to the parent."""
        loc = self.c.loc(claim.line, claim.col)
        text = _text_of(claim)
        parent = self.by_number.get(claim.parent_number) if claim.parent_number else None
        label = claim.label
        if label not in LABELS and label:
            self.c.warning(loc, "kialo-label", f"claim {claim.number} has the unknown label '{label}:'; it is "
                           "imported without a relation to its parent")
        link = _LINK.match(text)
        if claim.parent_number and parent is None:
            self.c.warning(loc, "kialo-orphan", f"claim {claim.number} has no parent claim "
                           f"{claim.parent_number}; it is imported without a relation")
        relation_kind = LABELS.get(label)
        if link:
            claim.link = self.link_relation(claim, link.group(1), parent, relation_kind, loc)
            return
        self.statements.append(ldoc(self.statement(claim, text, parent, loc), loc))
        if parent is not None and relation_kind is not None:
            self.answer(claim, parent, relation_kind, loc)

    def link_relation(self, claim: _Claim, number: str, parent: _Claim | None,
                      relation_kind: RelationKind | None, loc: Location) -> _Claim | None:
        """The relation a link makes (the linked claim supports or attacks the link's parent);
        returns the linked claim (None if it is not in the export)."""
        c = self.c
        target = self.by_number.get(number)
        if target is None:
            c.warning(loc, "kialo-link", f"claim {claim.number} links to claim {number}, which "
                      "is not in the export; ignored")
        elif parent is None or relation_kind is None:
            c.warning(loc, "kialo-link", f"claim {claim.number} links to claim {number} but has "
                      "no parent to support or attack; ignored")
        elif target is parent or target.id == parent.id:
            c.warning(loc, "kialo-link", f"claim {claim.number} links to its own parent "
                      f"{parent.number}; ignored")
        elif target.id in self.links:
            c.warning(loc, "kialo-link", f"claim {claim.number} links to claim {number}, which "
                      "is itself a link, not a claim; ignored")
        else:
            self.relations.append(ldoc({"from": target.id, "kind": relation_kind, "to": parent.id}, loc))
        return target

    def statement(self, claim: _Claim, text: str, parent: _Claim | None, loc: Location) -> dict[str, Any]:
        """The statement entry of a claim: its kind, text (a claim of another discussion by its
        text, noted), tags and citations."""
        if not text:
            self.c.warning(loc, "kialo-empty", f"claim {claim.number} has no text; its number is used as its text")
            text = f"(claim {claim.number})"
        assert claim.id is not None
        entry: dict[str, Any] = {"id": claim.id}
        note = None
        tags: list[str] = []
        external = _EXTERNAL.match(text)
        if external:
            text = _unescape(external.group(2).strip()) or f"Kialo discussion #{external.group(1)}"
            note = f"Kialo discussion #{external.group(1)}"
            tags.append("external")
        else:
            text = _unescape(text)
        kind = self.kind(claim, parent, tags)
        self.kinds[claim.id] = kind
        entry.update({"kind": kind, "text": text})
        cites = self.cites(claim, text, loc)
        if cites:
            entry["cites"] = [{"ref": r} for r in cites]
        if tags:
            entry["tags"] = tags
        if note:
            entry["note"] = note
        return entry

    def kind(self, claim: _Claim, parent: _Claim | None, tags: list[str]) -> StatementKind:
        """The root is the thesis (a question root: a claim tagged ``question``, whose
        ``Thesis:`` children are theses tagged ``answer``); a ``Con`` is an objection, or a
        rebuttal when it attacks an objection or rebuttal; anything else is a claim."""
        assert claim.id is not None
        label = claim.label
        if parent is None and not claim.parent_number:
            if label == "question":
                tags.append("question")
                self.root_question = True
                return StatementKind.CLAIM
            self.theses.append(claim.id)
            return StatementKind.THESIS
        if label == "thesis":
            self.theses.append(claim.id)
            if parent is not None and self.root_question:
                tags.append("answer")
            return StatementKind.THESIS
        if label == "con":
            answered = self.kinds.get(parent.id) if parent is not None and parent.id is not None else None
            return StatementKind.REBUTTAL if answered in (StatementKind.OBJECTION, StatementKind.REBUTTAL) \
                else StatementKind.OBJECTION
        return StatementKind.CLAIM

    def cites(self, claim: _Claim, text: str, loc: Location) -> list[str]:
        """The sources a claim's ``[n]`` markers cite, each once, in order."""
        cites: list[str] = []
        for m in _MARKER.finditer(text):
            ref = m.group(1)
            if ref in self.ref_ids:
                if ref not in cites:
                    cites.append(ref)
            elif self.has_sources:
                self.c.warning(loc, "kialo-source", f"claim {claim.number} cites [{ref}], which is not in "
                               "'Sources:'")
        return cites

    def answer(self, claim: _Claim, parent: _Claim, relation_kind: RelationKind, loc: Location) -> None:
        """The claim's relation to its parent (to the linked claim when the parent is a link)."""
        target = parent.link if parent.link is not None else parent
        if target.id in self.links:     # a link to nothing importable: no claim to attach to
            self.c.warning(loc, "kialo-link", f"claim {claim.number} answers the link {parent.number}, "
                           "which leads to no claim; it is imported without a relation")
        elif parent.link is not None:
            self.c.warning(loc, "kialo-link", f"claim {claim.number} answers a link ({parent.number}); it "
                           f"is attached to the linked claim {parent.link.number}")
        if target.id != claim.id and target.id not in self.links:
            self.relations.append(ldoc({"from": claim.id, "kind": relation_kind, "to": target.id}, loc))


def _number_claims(claims: list[_Claim], c: Collector) -> dict[str, _Claim]:
    """Each claim's id (its number; a repeated number made unique) and number -> first claim."""
    ids = IdMaker()
    by_number: dict[str, _Claim] = {}
    for claim in claims:
        claim.id = ids.make(claim.number)
        if claim.number in by_number:
            first = by_number[claim.number]
            c.warning(c.loc(claim.line, claim.col), "kialo-duplicate", f"claim number {claim.number} is used "
                      f"again (first at line {first.line}); this claim is imported as '{claim.id}'")
        else:
            by_number[claim.number] = claim
    return by_number


def _references(references: list[_Source], c: Collector) -> Any:
    """The sources as references (id: the source's number; its URL, the rest as a note)."""
    seen = set()
    refs = {}
    for rid, url, line in references:
        if rid in seen:
            c.warning(c.loc(line, 1), "kialo-source", f"source [{rid}] is listed twice; the first is kept")
            continue
        seen.add(rid)
        first, _, rest = url.partition("\n")
        m = re.match(r"^([a-z][a-z0-9+.-]*://\S+)\s*(.*)$", first, re.I)
        fields = {"url": m.group(1)} if m else {}
        note = "\n".join(x for x in ((m.group(2) if m else first), rest) if x.strip()).strip()
        if note:
            fields["note"] = note
        refs[rid] = ldoc(fields or {"note": f"source [{rid}]"}, c.loc(line, 1))
    return ldoc(refs, c.loc(references[0][2], 1))
