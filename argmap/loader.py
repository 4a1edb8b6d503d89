"""Load a map file (YAML or JSON, with its includes and BibTeX) into a validated model.

Every problem found is collected and reported together, each located; loading stops early only
when a file cannot be parsed at all.  ``load`` raises :class:`ValidationError` (or
:class:`LoadError`) carrying all the diagnostics; ``load_with_diagnostics`` returns them.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable

from . import model as M
from .errors import ArgmapError, Diagnostic, LoadError, Location, ValidationError, sorted_diagnostics
from .ids import ID_RE, ID_RULE, REF_RE, REF_RULE
from .vocab import KIND_BY_TEXT, RELATION_BY_TEXT, VALUE_RELATION_BY_TEXT
from .source import LMap, LSeq, parse, read_text
from .suggest import Suggester as _Suggester, suggest

RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:[-\u2013]\s*(\d+))?\s*$")
MAX_RANGE = 100_000

TOP_FIELDS = ("argmap", "title", "thesis", "source", "sections", "references", "bibtex",
              "statements", "inferences", "relations", "values", "value-relations",
              "value-system", "include", "tour")
PART_FIELDS = ("sections", "references", "bibtex", "statements", "inferences", "relations",
               "values", "value-relations", "value-system", "include")
STATEMENT_FIELDS = ("id", "kind", "text", "section", "lines", "page", "cites", "supports",
                    "attacks", "undercuts", "contradicts", "promotes", "tags", "note", "ignore",
                    "held-by", "accept")
INLINE_RELATIONS = ("supports", "attacks", "undercuts", "contradicts", "promotes")
_STATEMENT_KEYS = frozenset(STATEMENT_FIELDS)
_STATEMENT_KINDS = frozenset(M.STATEMENT_KINDS)
INFERENCE_FIELDS = ("id", "premises", "conclusion", "scheme", "lines", "page", "note")
RELATION_FIELDS = ("from", "kind", "to", "context", "lines", "page", "note")
SECTION_FIELDS = ("id", "title", "inferred", "lines", "page")
REFERENCE_FIELDS = ("author", "title", "year", "url", "note")
VALUE_FIELDS = ("id", "name", "class", "lines", "page", "note")
VALUE_RELATION_FIELDS = ("from", "kind", "to", "context", "lines", "page", "note")
VALUE_SYSTEM_FIELDS = ("position", "basis", "contexts", "lines", "page")
SOURCE_FIELDS = ("name", "file")
CITE_FIELDS = ("ref", "pages")


class _Collector:
    """Collects located diagnostics while a document is turned into model objects."""

    def __init__(self):
        self.diags: list[Diagnostic] = []

    def error(self, loc: Location, code: str, message: str, hint: str | None = None):
        self.diags.append(Diagnostic(loc, code, message, "error", hint))

    def warning(self, loc: Location, code: str, message: str, hint: str | None = None):
        self.diags.append(Diagnostic(loc, code, message, "warning", hint))

    # -- typed field access -----------------------------------------------------------------
    def fields(self, m: Any, allowed, what: str, loc: Location) -> bool:
        if not isinstance(m, LMap):
            self.error(getattr(m, "loc", loc), "wrong-type", f"{what} must be a mapping")
            return False
        for key in m:
            if key not in allowed:
                self.error(m.key_loc[key], "unknown-field",
                           f"unknown field '{key}' in {what}{suggest(key, allowed)}",
                           hint="allowed: " + ", ".join(allowed))
        return True

    def text(self, m: LMap, key: str, what: str, *, required=False) -> str | None:
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
        if required and not value.strip():
            self.error(m.loc_of(key), "empty-text", f"'{key}' of {what} is empty")
        return value

    def ident(self, value: Any, raw: str | None, loc: Location, what: str, *,
              ref: bool = False) -> str | None:
        """An id (or with *ref*, a reference key) from a scalar, else a located error."""
        if isinstance(value, bool) or isinstance(value, (LMap, LSeq)) or value is None:
            self.error(loc, "wrong-type", f"{what} must be an id, not {_describe(value)}")
            return None
        text = value if isinstance(value, str) else (raw or str(value))
        if not (REF_RE if ref else ID_RE).match(text):
            self.error(loc, "bad-id", f"{what} {text!r} is not a valid "
                       + (f"reference key: {REF_RULE}" if ref else f"id: {ID_RULE}"))
            return None
        return text

    def id_field(self, m: LMap, key: str, what: str, *, required=True, ref=False) -> str | None:
        if key not in m:
            if required:
                self.error(m.loc, "missing-field", f"{what} has no '{key}'")
            return None
        return self.ident(m[key], m.raw.get(key), m.loc_of(key), f"'{key}' of {what}", ref=ref)

    def id_list(self, m: LMap, key: str, what: str) -> list[tuple[str, Location]]:
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
            out.append(item if isinstance(item, str) else (raw or str(item)))
        return tuple(out)

    def lines(self, m: LMap, what: str) -> tuple[int, ...]:
        if "lines" not in m or m["lines"] is None:
            return ()
        value = m["lines"]
        items = list(zip(value, value.item_loc)) if isinstance(value, LSeq) else [(value, m.loc_of("lines"))]
        out: list[int] = []
        total = 0
        for item, loc in items:
            if isinstance(item, bool) or isinstance(item, (LMap, LSeq, float)) or item is None:
                self.error(loc, "bad-locator", f"'lines' of {what}: {_describe(item)} is not a "
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
        if "page" not in m or m["page"] is None:
            return None
        value = m["page"]
        if isinstance(value, (LMap, LSeq, bool)) or (isinstance(value, int) and value < 1):
            self.error(m.loc_of("page"), "bad-locator", f"'page' of {what} must be a page number "
                       "or range")
            return None
        return value if isinstance(value, str) else (m.raw.get("page") or str(value))

    def flag(self, m: LMap, key: str, what: str) -> bool:
        if key not in m or m[key] is None:
            return False
        if not isinstance(m[key], bool):
            self.error(m.loc_of(key), "wrong-type", f"'{key}' of {what} must be true or false")
            return False
        return m[key]

    def seq(self, m: LMap, key: str, what: str) -> list[tuple[Any, Location]]:
        if key not in m or m[key] is None:
            return []
        value = m[key]
        if not isinstance(value, LSeq):
            self.error(m.loc_of(key), "wrong-type", f"'{key}' in {what} must be a list")
            return []
        return list(zip(value, value.item_loc))


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, LMap):
        return "a mapping"
    if isinstance(value, LSeq):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return repr(value)


class _Builder:
    """Accumulates the elements of a map and its parts, then validates cross references."""

    def __init__(self):
        self.c = _Collector()
        self.sections: list[M.Section] = []
        self.references: list[M.Reference] = []
        self.statements: list[M.Statement] = []
        self.inferences: list[M.Inference] = []
        self.relations: list[M.Relation] = []
        self.values: list[M.Value] = []
        self.value_relations: list[M.ValueRelation] = []
        self.value_system: M.ValueSystem | None = None
        self.bibtex: str | None = None
        self.visiting: list[str] = []
        # ids declared by elements that had other errors: known, so no cascade of unknown-id
        self.broken: dict[str, str] = {}
        self.files: list[str] = []

    # -- documents -----------------------------------------------------------------------------
    def document(self, doc: Any, path: str, *, top: bool):
        c = self.c
        allowed = TOP_FIELDS if top else PART_FIELDS
        what = "the map" if top else "an included part"
        if not isinstance(doc, LMap):
            c.error(getattr(doc, "loc", Location(path)), "wrong-type",
                    f"{what} must be a mapping of fields (argmap, title, statements, ...)")
            return None
        for key in doc:
            if key not in allowed:
                hint = None
                if key in TOP_FIELDS:
                    hint = "only the top map file may set argmap, title, thesis and source"
                c.error(doc.key_loc[key], "unknown-field",
                        f"unknown field '{key}' in {what}{suggest(key, allowed)}", hint=hint)
        for item, loc in c.seq(doc, "sections", what):
            self.section(item, loc)
        if "references" in doc and doc["references"] is not None:
            self.reference_block(doc["references"], doc.loc_of("references"))
        for item, loc in c.seq(doc, "statements", what):
            self.statement(item, loc)
        for item, loc in c.seq(doc, "inferences", what):
            self.inference(item, loc)
        for item, loc in c.seq(doc, "relations", what):
            self.relation(item, loc)
        for item, loc in c.seq(doc, "values", what):
            self.value(item, loc)
        for item, loc in c.seq(doc, "value-relations", what):
            self.value_relation(item, loc)
        if "value-system" in doc and doc["value-system"] is not None:
            self.value_system_block(doc["value-system"], doc.loc_of("value-system"))
        bib = c.text(doc, "bibtex", what)
        if bib:
            self.load_bibtex(bib, path, doc.loc_of("bibtex"))
        for item, loc in c.seq(doc, "include", what):
            if not isinstance(item, str):
                c.error(loc, "wrong-type", "items of 'include' must be file paths")
                continue
            self.include(item, path, loc)
        return doc

    def include(self, rel: str, path: str, loc: Location):
        target = os.path.normpath(os.path.join(os.path.dirname(path), rel))
        if target in self.visiting:
            self.c.error(loc, "include-cycle", f"'{rel}' includes itself (through "
                         + " -> ".join(os.path.basename(v) for v in self.visiting) + ")")
            return
        if not os.path.exists(target):
            self.c.error(loc, "include-not-found", f"included file '{rel}' does not exist")
            return
        if os.path.isdir(target):
            self.c.error(loc, "is-a-directory", f"included path '{rel}' is a directory, not a map file")
            return
        if target in self.files:
            self.c.error(loc, "include-duplicate", f"'{rel}' is already included (its elements "
                         "would all be defined twice)")
            return
        try:
            doc = parse(read_text(target), target)
        except LoadError as exc:
            self.c.diags.extend(exc.diagnostics)
            return
        self.visiting.append(target)
        self.files.append(target)
        try:
            self.document(doc, target, top=False)
        finally:
            self.visiting.pop()

    # -- elements ------------------------------------------------------------------------------
    def section(self, m, loc):
        c = self.c
        if not c.fields(m, SECTION_FIELDS, "a section", loc):
            return
        sid = c.id_field(m, "id", "a section")
        title = c.text(m, "title", "a section", required=True)
        if sid is None or title is None:
            return
        self.sections.append(M.Section(sid, title, c.flag(m, "inferred", f"section '{sid}'"),
                                       c.lines(m, f"section '{sid}'"), c.page(m, f"section '{sid}'"),
                                       m.loc))

    def reference_block(self, block, loc):
        c = self.c
        if isinstance(block, LSeq):
            for item, iloc in zip(block, block.item_loc):
                if c.fields(item, ("id",) + REFERENCE_FIELDS, "a reference", iloc):
                    rid = c.id_field(item, "id", "a reference", ref=True)
                    if rid:
                        self.reference(rid, item, item.loc)
            return
        if not isinstance(block, LMap):
            c.error(loc, "wrong-type", "'references' must be a mapping of id to reference")
            return
        for key, value in block.items():
            rid = c.ident(key, key, block.key_loc[key], "reference id", ref=True)
            if rid is None:
                continue
            if value is None:
                value = LMap(block.key_loc[key])
            if c.fields(value, REFERENCE_FIELDS, f"reference '{rid}'", block.loc_of(key)):
                self.reference(rid, value, block.key_loc[key])

    def reference(self, rid, m, loc):
        what = f"reference '{rid}'"
        self.references.append(M.Reference(rid, *(self.c.text(m, k, what) for k in REFERENCE_FIELDS),
                                           location=loc))

    def load_bibtex(self, rel: str, path: str, loc: Location):
        target = os.path.normpath(os.path.join(os.path.dirname(path), rel))
        if not os.path.isfile(target):
            self.c.error(loc, "bibtex-not-found", f"BibTeX file '{rel}' does not exist"
                         + (" (it is a directory)" if os.path.isdir(target) else ""))
            return
        if self.bibtex is None:
            self.bibtex = rel
        try:
            from .formats.bibtex import read_bibtex
            refs = read_bibtex(read_text(target), target)
        except ArgmapError as exc:
            self.c.diags.extend(exc.diagnostics)
            return
        self.references.extend(refs)
        self.files.append(target)

    def statement(self, m, loc):
        # The common case (known fields, text where text is expected, valid ids) is checked
        # inline; anything else goes through the general field readers, which report it.
        c = self.c
        if m.__class__ is not LMap or not _STATEMENT_KEYS.issuperset(m):
            if not c.fields(m, STATEMENT_FIELDS, "a statement", loc):
                return
        get = m.get
        sid = get("id")
        if sid.__class__ is not str or not ID_RE.match(sid):
            sid = c.id_field(m, "id", "a statement")
        what = f"statement '{sid}'" if sid else "a statement"
        kind = get("kind")
        if kind.__class__ is not str or kind not in _STATEMENT_KINDS:
            kind = c.text(m, "kind", what, required=True)
            if kind is not None and kind not in M.STATEMENT_KINDS:
                c.error(m.loc_of("kind"), "unknown-kind", f"unknown kind '{kind}' of {what}"
                        f"{suggest(kind, M.STATEMENT_KINDS)}", hint="kinds: " + ", ".join(M.STATEMENT_KINDS))
                kind = None
        text = get("text")
        if text.__class__ is not str or not text or text[0].isspace() or text[-1].isspace():
            text = c.text(m, "text", what, required=True)
        section = get("section")
        if section is not None and section.__class__ is not str:
            section = c.text(m, "section", what)
        note = get("note")
        if note is not None and note.__class__ is not str:
            note = c.text(m, "note", what)
        held_by = get("held-by")
        if held_by is not None and (held_by.__class__ is not str or not held_by.strip()):
            held_by = c.text(m, "held-by", what, required=True)
        cites = []
        if "cites" in m:
            cwhat = f"a citation of {what}"
            for item, iloc in c.seq(m, "cites", what):
                if isinstance(item, (str, int)) and not isinstance(item, bool):
                    ref = c.ident(item, None, iloc, cwhat, ref=True)
                    if ref:
                        cites.append(M.Citation(ref, None, iloc))
                    continue
                if not c.fields(item, CITE_FIELDS, cwhat, iloc):
                    continue
                ref = c.id_field(item, "ref", cwhat, ref=True)
                if ref:
                    cites.append(M.Citation(ref, c.text(item, "pages", cwhat), item.loc))
        for rel in INLINE_RELATIONS:
            if rel not in m:
                continue
            for target, tloc in c.id_list(m, rel, what):
                if sid:
                    self.relations.append(M.Relation(sid, RELATION_BY_TEXT[rel], target,
                                                     location=tloc))
        if sid is None or kind is None or text is None:
            if sid:
                self.broken.setdefault(sid, "statement")
            return
        self.statements.append(M.Statement(
            sid, KIND_BY_TEXT[kind], text, section, c.lines(m, what) if "lines" in m else (),
            c.page(m, what) if "page" in m else None, tuple(cites),
            c.str_list(m, "tags", what) if "tags" in m else (), note,
            c.str_list(m, "ignore", what) if "ignore" in m else (), m.loc, held_by,
            c.str_list(m, "accept", what) if "accept" in m else ()))

    def inference(self, m, loc):
        c = self.c
        if not c.fields(m, INFERENCE_FIELDS, "an inference", loc):
            return
        iid = c.id_field(m, "id", "an inference")
        what = f"inference '{iid}'" if iid else "an inference"
        premises = c.id_list(m, "premises", what)
        if "premises" in m and not premises and isinstance(m["premises"], LSeq):
            c.error(m.loc_of("premises"), "missing-field", f"{what} has no premises")
        elif "premises" not in m:
            c.error(m.loc, "missing-field", f"{what} has no 'premises'")
        conclusion = c.id_field(m, "conclusion", what)
        if iid is None or not premises or conclusion is None:
            return
        self._premise_locs[iid] = premises
        self.inferences.append(M.Inference(iid, tuple(p for p, _ in premises), conclusion,
                                           c.text(m, "scheme", what), c.lines(m, what),
                                           c.page(m, what), c.text(m, "note", what), m.loc))

    def relation(self, m, loc):
        c = self.c
        if not c.fields(m, RELATION_FIELDS, "a relation", loc):
            return
        src = c.id_field(m, "from", "a relation")
        dst = c.id_field(m, "to", "a relation")
        kind = c.text(m, "kind", "a relation", required=True)
        allowed = M.ARGUMENT_RELATIONS + ("promotes",)
        if kind is not None and kind not in allowed:
            c.error(m.loc_of("kind"), "unknown-kind", f"unknown relation kind '{kind}'"
                    f"{suggest(kind, allowed)}", hint="relation kinds: " + ", ".join(allowed))
            return
        if src and dst and kind:
            what = f"relation {src} {kind} {dst}"
            self.relations.append(M.Relation(src, RELATION_BY_TEXT[kind], dst,
                                             c.text(m, "context", what),
                                             c.lines(m, what), c.page(m, what),
                                             c.text(m, "note", what), False, m.loc))

    def value(self, m, loc):
        c = self.c
        if not c.fields(m, VALUE_FIELDS, "a value", loc):
            return
        vid = c.id_field(m, "id", "a value")
        what = f"value '{vid}'" if vid else "a value"
        name = c.text(m, "name", what, required=True)
        klass = c.text(m, "class", what) or "instrumental"
        if vid and name:
            self.values.append(M.Value(vid, name, klass, c.lines(m, what), c.page(m, what),
                                       c.text(m, "note", what), m.loc))

    def value_relation(self, m, loc):
        c = self.c
        if not c.fields(m, VALUE_RELATION_FIELDS, "a value relation", loc):
            return
        src = c.id_field(m, "from", "a value relation")
        dst = c.id_field(m, "to", "a value relation")
        kind = c.text(m, "kind", "a value relation", required=True)
        if kind is not None and kind not in M.VALUE_RELATIONS:
            c.error(m.loc_of("kind"), "unknown-kind", f"unknown value relation kind '{kind}'"
                    f"{suggest(kind, M.VALUE_RELATIONS)}",
                    hint="value relation kinds: " + ", ".join(M.VALUE_RELATIONS))
            return
        if src and dst and kind:
            what = f"value relation {src} {kind} {dst}"
            self.value_relations.append(M.ValueRelation(src, VALUE_RELATION_BY_TEXT[kind], dst,
                                                        c.text(m, "context", what),
                                                        c.lines(m, what), c.page(m, what),
                                                        c.text(m, "note", what), m.loc))

    def value_system_block(self, m, loc):
        c = self.c
        if not c.fields(m, VALUE_SYSTEM_FIELDS, "the value system", loc):
            return
        if self.value_system is not None:
            c.error(m.loc, "duplicate-id", "'value-system' is given twice (first at "
                    f"{self.value_system.location})")
            return
        self.value_system = M.ValueSystem(c.text(m, "position", "the value system"),
                                          c.text(m, "basis", "the value system"),
                                          c.str_list(m, "contexts", "the value system"),
                                          c.lines(m, "the value system"), c.page(m, "the value system"),
                                          m.loc)

    _premise_locs: dict

    # -- cross references ------------------------------------------------------------------------
    def check_references(self, thesis: tuple[str, Location] | None):
        c = self.c
        elements: dict[str, tuple[str, Location]] = {}
        for kind, items in (("statement", self.statements), ("inference", self.inferences),
                            ("value", self.values)):
            for item in items:
                if item.id in elements:
                    what, first = elements[item.id]
                    c.error(item.location, "duplicate-id", f"id '{item.id}' is already used by a "
                            f"{what} at {first.path}:{first.line}:{first.col}")
                else:
                    elements[item.id] = (kind, item.location)
        for label, items in (("section", self.sections), ("reference", self.references)):
            seen: dict[str, Location] = {}
            for item in items:
                if item.id in seen:
                    first = seen[item.id]
                    c.error(item.location, "duplicate-id", f"{label} id '{item.id}' is already "
                            f"used at {first.path}:{first.line}:{first.col}")
                else:
                    seen[item.id] = item.location
        statements = {s.id for s in self.statements}
        statements |= {i for i, k in self.broken.items() if k == "statement"}
        inferences = {i.id for i in self.inferences}
        values = {v.id for v in self.values}
        suggest = _Suggester()   # (the pools above stay the same objects while it is used)

        def expect(ident: str, pool: set, label: str, loc: Location, role: str, of: str = "") -> bool:
            if ident in pool:
                return True
            article = "an" if label[0] in "aeiou" else "a"
            if ident in elements:
                c.error(loc, "wrong-target", f"{role} '{ident}'{of} is a {elements[ident][0]}, "
                        f"not {article} {label}")
            else:
                c.error(loc, "unknown-id", f"{role} '{ident}'{of} is not a known {label}"
                        f"{suggest(ident, pool)}")
            return False

        if thesis is not None:
            expect(thesis[0], statements, "statement", thesis[1], "thesis")
        seen_rel: set = set()
        for r in self.relations:
            pool, label = {"undercuts": (inferences, "inference"),
                           "promotes": (values, "value")}.get(r.kind, (statements, "statement"))
            expect(r.source, statements, "statement", r.location, f"'{r.kind}' source")
            expect(r.target, pool, label, r.location, f"'{r.kind}' target")
            if r.source == r.target:
                c.error(r.location, "self-relation", f"'{r.source}' {r.kind} itself")
            key = (r.source, r.kind, r.target, r.context)
            if key in seen_rel:
                c.warning(r.location, "duplicate-relation", f"'{r.source}' {r.kind} '{r.target}' "
                          "is stated twice")
            seen_rel.add(key)
        for inf in self.inferences:
            for p, ploc in self._premise_locs.get(inf.id, ()):
                expect(p, statements, "statement", ploc, "premise", f" of inference '{inf.id}'")
                if p == inf.conclusion:
                    c.error(ploc, "self-relation", f"inference '{inf.id}' has its conclusion "
                            f"'{p}' among its premises")
            expect(inf.conclusion, statements, "statement", inf.location, "conclusion",
                   f" of inference '{inf.id}'")
        for vr in self.value_relations:
            expect(vr.source, values, "value", vr.location, f"'{vr.kind}' source")
            expect(vr.target, values, "value", vr.location, f"'{vr.kind}' target")
            if vr.source == vr.target:
                c.error(vr.location, "self-relation", f"value '{vr.source}' {vr.kind} itself")
        if self.sections:
            known = {s.id for s in self.sections}
            for s in self.statements:
                if s.section is not None and s.section not in known:
                    c.error(s.location, "unknown-section", f"statement '{s.id}' is in section "
                            f"'{s.section}', which is not in 'sections'{suggest(s.section, known)}")


def load_with_diagnostics(path: str) -> tuple[M.ArgumentMap | None, list[Diagnostic]]:
    """Load *path*; return the map (None when it has errors) and every diagnostic, sorted."""
    from ._gc import paused

    path = os.fspath(path)
    with paused():
        try:
            doc = parse(read_text(path), path)
        except LoadError as exc:
            return None, list(exc.diagnostics)
        return _from_document(doc, path)


def loads_with_diagnostics(text: str, path: str = "<string>", fmt: str | None = None):
    try:
        doc = parse(text, path, fmt=fmt)
    except LoadError as exc:
        return None, list(exc.diagnostics)
    return _from_document(doc, path)


def from_document(doc, path: str):
    """Build and validate a map from a located document (LMap/LSeq, as the YAML reader makes,
    or as an importer builds from another format): (map or None, diagnostics)."""
    return _from_document(doc, path)


def _from_document(doc, path: str):
    b = _Builder()
    b._premise_locs = {}
    b.visiting.append(os.path.normpath(path))
    b.files.append(path)
    if b.document(doc, path, top=True) is None:
        return None, sorted_diagnostics(b.c.diags)
    c = b.c
    version = doc.get("argmap")
    if "argmap" not in doc:
        c.error(doc.loc, "missing-field", "the map has no format version: add 'argmap: 1'")
    elif version != M.FORMAT_VERSION or isinstance(version, bool):
        c.error(doc.loc_of("argmap"), "unsupported-version",
                f"format version {doc.raw.get('argmap') or _describe(version)} is not supported; "
                f"this argmap reads version {M.FORMAT_VERSION}")
    title = c.text(doc, "title", "the map", required=True)
    thesis = None
    if "thesis" in doc:
        tid = c.id_field(doc, "thesis", "the map")
        if tid:
            thesis = (tid, doc.loc_of("thesis"))
    source_name = source_file = None
    if "source" in doc and doc["source"] is not None:
        src = doc["source"]
        if isinstance(src, str):
            source_name = src
        elif c.fields(src, SOURCE_FIELDS, "'source'", doc.loc_of("source")):
            source_name = c.text(src, "name", "'source'")
            source_file = c.text(src, "file", "'source'")
    b.check_references(thesis)
    tour = tuple(_tour_step(c, item, loc, b.statements) for item, loc in c.seq(doc, "tour", "the map"))
    diags = sorted_diagnostics(c.diags)
    if any(d.severity == "error" for d in diags):
        return None, diags
    amap = M.ArgumentMap(
        title=title or "", version=M.FORMAT_VERSION, thesis=thesis[0] if thesis else None,
        source_name=source_name, source_file=source_file, sections=tuple(b.sections),
        references=tuple(b.references), bibtex=b.bibtex, statements=tuple(b.statements),
        inferences=tuple(b.inferences), relations=tuple(b.relations), values=tuple(b.values),
        value_relations=tuple(b.value_relations), value_system=b.value_system, path=path,
        location=doc.loc, files=tuple(b.files), tour=tuple(t for t in tour if t))
    return amap, diags


def _tour_step(c: _Collector, m, loc: Location, statements) -> M.TourStep | None:
    """A step of ``tour:``: ``{id, text}``, the statement to show and the teacher's words."""
    if not c.fields(m, ("id", "text"), "a tour step", loc):
        return None
    sid, text = c.id_field(m, "id", "a tour step"), c.text(m, "text", "a tour step", required=True)
    if sid and not any(s.id == sid for s in statements):
        c.error(m.loc_of("id"), "unknown-id", f"tour step '{sid}' is not a known statement")
        return None
    return M.TourStep(sid, text, m.loc) if sid and text is not None else None


def _raise_or_return(result):
    amap, diags = result
    if amap is None:
        cls = ValidationError
        if diags and all(d.code in LOAD_CODES for d in diags if d.severity == "error"):
            cls = LoadError
        raise cls(diagnostics=diags)
    return amap


LOAD_CODES = {"file-not-found", "is-a-directory", "unreadable", "encoding", "binary", "empty",
              "too-large", "yaml-syntax", "json-syntax", "too-deep", "yaml-tag", "yaml-alias",
              "duplicate-key"}


def load(path) -> M.ArgumentMap:
    """Load and validate the map at *path*; raise LoadError / ValidationError with every problem."""
    return _raise_or_return(load_with_diagnostics(path))


def loads(text: str, path: str = "<string>", fmt: str | None = None) -> M.ArgumentMap:
    return _raise_or_return(loads_with_diagnostics(text, path, fmt))


Reader = Callable[[str], M.ArgumentMap]
