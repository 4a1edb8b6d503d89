"""Load a map file (YAML or JSON, with its includes and BibTeX) into a validated model.

Reading goes in three steps, each in its own module: :mod:`argmap.document` parses a file into a
located document (mappings and lists that remember where each value was written); this module
reads the document's fields into model objects (a statement, an inference, a relation, ...),
reporting every field of the wrong shape; :mod:`argmap.validation` then checks the elements of
the whole map against each other (unique ids, known targets, ...).

Every problem found is collected and reported together, each located; loading stops early only
when a file cannot be parsed at all.  ``load`` raises :class:`ValidationError` (or
:class:`LoadError`) carrying all the diagnostics; ``load_with_diagnostics`` returns them.
The codes of those diagnostics are listed, each with its meaning, in :data:`CODES`.
"""
from __future__ import annotations

import os
from typing import Any

from . import model as M
from .document import LMap, LSeq, not_a_file, parse, read_text
from .errors import ArgmapError, Diagnostic, LoadError, Location, ValidationError, sorted_diagnostics
from .fields import Collector, describe, shown, text_ok
from .ids import ID_RE
from .suggest import suggest
from .validation import Elements, validate
from .vocab import KIND_BY_TEXT, RELATION_BY_TEXT, VALUE_RELATION_BY_TEXT

__all__ = ["CODES", "LOAD_CODES", "TOP_FIELDS", "PART_FIELDS", "STATEMENT_FIELDS", "INLINE_RELATIONS",
           "INFERENCE_FIELDS", "RELATION_FIELDS", "SECTION_FIELDS", "REFERENCE_FIELDS", "VALUE_FIELDS",
           "VALUE_RELATION_FIELDS", "VALUE_SYSTEM_FIELDS", "SOURCE_FIELDS", "CITE_FIELDS",
           "load", "loads", "load_with_diagnostics", "loads_with_diagnostics", "from_document"]

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

#: every diagnostic code that loading a map reports (here, in :mod:`argmap.fields`,
#: :mod:`argmap.validation` and :mod:`argmap.document`), with its meaning.  A BibTeX file named
#: by the map adds the codes of :mod:`argmap.formats.bibtex`.
CODES: dict[str, str] = {
    # reading the file (argmap.document)
    "file-not-found": "the map file (or a file it names) does not exist",
    "is-a-directory": "a path names a directory where a map file is expected",
    "not-a-file": "a FIFO, a device or a socket where a file is read (refused before it is opened)",
    "unreadable": "the file exists but cannot be read",
    "too-large": "the file is larger than the 64 MiB a map may have",
    "encoding": "the file is not UTF-8 text (or a JSON string holds a lone surrogate)",
    "binary": "the file holds NUL bytes: binary, not a text map",
    "empty": "the file holds no map at all",
    "yaml-syntax": "the file is not well-formed YAML (or holds several YAML documents)",
    "json-syntax": "the file is not well-formed JSON",
    "too-deep": "the document is nested more deeply than a map may be",
    "yaml-tag": "a YAML tag beyond the standard ones",
    "yaml-alias": "a YAML anchor or alias (refused: they can blow a small file up)",
    "duplicate-key": "a mapping gives the same key twice",
    # reading the fields (argmap.loader, argmap.fields)
    "wrong-type": "a value of the wrong type (a list where a mapping belongs, a number where an id does, ...)",
    "unknown-field": "a field the element does not have",
    "missing-field": "a required field is missing",
    "empty-text": "a required text is empty",
    "bad-text": "a text breaks the text rule (a control character, a noncharacter, too long to be drawn)",
    "bad-id": "an id (or a reference key) breaks the rule for ids",
    "bad-locator": "'lines' or 'page' is not a valid line number, range or page",
    "unknown-kind": "a statement kind, relation kind or value relation kind that does not exist",
    "unsupported-version": "the format version ('argmap:') is not one this argmap reads",
    "include-cycle": "an included part includes itself, directly or through other parts",
    "include-not-found": "an included file does not exist",
    "include-duplicate": "the same part is included twice",
    "bibtex-not-found": "the BibTeX file named by 'bibtex' does not exist",
    "path-outside-map": "an 'include' or 'bibtex' path is absolute or leads out of the map's folder",
    # the whole map (argmap.validation)
    "duplicate-id": "an id (or 'value-system') is given twice",
    "unknown-id": "an id is named but not declared",
    "wrong-target": "an id names an element of the wrong kind (an undercut of a statement, ...)",
    "self-relation": "an element relates to itself (or an inference's conclusion is among its premises)",
    "duplicate-relation": "the same relation is stated twice (a warning)",
    "unknown-section": "a statement names a section that is not declared",
}

#: the codes of a file that cannot be read or parsed: with only these, ``load`` raises LoadError
LOAD_CODES = {"file-not-found", "is-a-directory", "not-a-file", "unreadable", "encoding", "binary", "empty",
              "too-large", "yaml-syntax", "json-syntax", "too-deep", "yaml-tag", "yaml-alias",
              "duplicate-key"}

Diagnostics = list[Diagnostic]

#: where 'include' and 'bibtex' may point (a map from someone else must not read /etc/passwd)
PATH_RULE = ("paths in 'include' and 'bibtex' are relative to the file that names them and stay "
             "inside the folder of the top map file")


class _Builder:
    """Reads the elements of a map and its parts into model objects, reporting bad fields."""

    def __init__(self) -> None:
        self.c = Collector()
        self.elements = e = Elements()
        # the lists of `elements`, by name (the element readers append to them)
        self.sections = e.sections
        self.references = e.references
        self.statements = e.statements
        self.inferences = e.inferences
        self.relations = e.relations
        self.values = e.values
        self.value_relations = e.value_relations
        self.broken = e.broken
        self.premises = e.premises
        self.value_system: M.ValueSystem | None = None
        self.bibtex: str | None = None
        self.visiting: list[str] = []
        self.files: list[str] = []
        self.root = ""   # the folder of the top map file, symbolic links resolved

    def inside(self, rel: str, path: str, loc: Location, field: str) -> str | None:
        """The file that *rel* (relative to the file *path* that names it) names, or None with a
        located error when it is absolute or leads out of the map's folder (see PATH_RULE)."""
        if os.path.isabs(rel) or os.path.splitdrive(rel)[0]:
            self.c.error(loc, "path-outside-map", f"'{field}' path {shown(rel)} is absolute: {PATH_RULE}")
            return None
        target = os.path.normpath(os.path.join(os.path.dirname(path), rel))
        real = os.path.realpath(target)
        if real != self.root and not real.startswith(self.root.rstrip(os.sep) + os.sep):
            self.c.error(loc, "path-outside-map", f"'{field}' path {shown(rel)} leads out of the map's "
                         f"folder: {PATH_RULE}")
            return None
        return target

    # -- documents -----------------------------------------------------------------------------
    def document(self, doc: Any, path: str, *, top: bool) -> LMap | None:
        """Read the map (*top*) or an included part; None when it is not a mapping."""
        what = "the map" if top else "an included part"
        if not isinstance(doc, LMap):
            self.c.error(getattr(doc, "loc", Location(path)), "wrong-type",
                         f"{what} must be a mapping of fields (argmap, title, statements, ...)")
            return None
        self.unknown_fields(doc, TOP_FIELDS if top else PART_FIELDS, what)
        self.elements_of(doc, what)
        self.files_of(doc, path, what)
        return doc

    def unknown_fields(self, doc: LMap, allowed: tuple[str, ...], what: str) -> None:
        for key in doc:
            if key not in allowed:
                hint = None
                if key in TOP_FIELDS:
                    hint = "only the top map file may set argmap, title, thesis and source"
                self.c.error(doc.key_loc[key], "unknown-field",
                             f"unknown field '{key}' in {what}{suggest(key, allowed)}", hint=hint)

    def elements_of(self, doc: LMap, what: str) -> None:
        c = self.c
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

    def files_of(self, doc: LMap, path: str, what: str) -> None:
        """The BibTeX file and the parts a document names."""
        c = self.c
        bib = c.text(doc, "bibtex", what)
        if bib:
            self.load_bibtex(bib, path, doc.loc_of("bibtex"))
        for item, loc in c.seq(doc, "include", what):
            if not isinstance(item, str):
                c.error(loc, "wrong-type", "items of 'include' must be file paths")
                continue
            self.include(item, path, loc)

    def include(self, rel: str, path: str, loc: Location) -> None:
        target = self.inside(rel, path, loc, "include")
        if target is None:
            return
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
        other = not_a_file(target)
        if other:
            self.c.error(loc, "not-a-file", f"included path '{rel}' is {other}, not a map file")
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
    def section(self, m: Any, loc: Location) -> None:
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

    def reference_block(self, block: Any, loc: Location) -> None:
        """'references': a mapping of id to reference (or a list of references with ids)."""
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

    def reference(self, rid: str, m: LMap, loc: Location) -> None:
        what = f"reference '{rid}'"
        author, title, year, url, note = (self.c.text(m, k, what) for k in REFERENCE_FIELDS)
        self.references.append(M.Reference(rid, author, title, year, url, note, location=loc))

    def load_bibtex(self, rel: str, path: str, loc: Location) -> None:
        target = self.inside(rel, path, loc, "bibtex")
        if target is None:
            return
        other = not_a_file(target)
        if other:
            self.c.error(loc, "not-a-file", f"BibTeX file '{rel}' is {other}, not a regular file")
            return
        if not os.path.isfile(target):
            self.c.error(loc, "bibtex-not-found", f"BibTeX file '{rel}' does not exist"
                         + (" (it is a directory)" if os.path.isdir(target) else ""))
            return
        if self.bibtex is None:
            self.bibtex = rel
        try:
            from .bibtex import read_bibtex
            refs = read_bibtex(read_text(target), target)
        except ArgmapError as exc:
            self.c.diags.extend(exc.diagnostics)
            return
        self.references.extend(refs)
        self.files.append(target)

    def statement(self, m: Any, loc: Location) -> None:
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
            kind = self.statement_kind(m, what)
        text = get("text")
        if (text.__class__ is not str or not text or text[0].isspace() or text[-1].isspace()
                or not text_ok(text)):
            text = c.text(m, "text", what, required=True)
        section = get("section")
        if section is not None and (section.__class__ is not str or not text_ok(section)):
            section = c.text(m, "section", what)
        note = get("note")
        if note is not None and (note.__class__ is not str or not text_ok(note)):
            note = c.text(m, "note", what)
        held_by = get("held-by")
        if held_by is not None and (held_by.__class__ is not str or not held_by.strip() or not text_ok(held_by)):
            held_by = c.text(m, "held-by", what, required=True)
        cites = self.citations(m, what) if "cites" in m else ()
        self.inline_relations(m, sid, what)
        if sid is None or kind is None or text is None:
            if sid:
                self.broken.setdefault(sid, "statement")
            return
        self.statements.append(M.Statement(
            sid, KIND_BY_TEXT[kind], text, section, c.lines(m, what) if "lines" in m else (),
            c.page(m, what) if "page" in m else None, cites,
            c.str_list(m, "tags", what) if "tags" in m else (), note,
            c.str_list(m, "ignore", what) if "ignore" in m else (), m.loc, held_by,
            c.str_list(m, "accept", what) if "accept" in m else ()))

    def statement_kind(self, m: LMap, what: str) -> str | None:
        kind = self.c.text(m, "kind", what, required=True)
        if kind is not None and kind not in M.STATEMENT_KINDS:
            self.c.error(m.loc_of("kind"), "unknown-kind", f"unknown kind '{kind}' of {what}"
                         f"{suggest(kind, M.STATEMENT_KINDS)}", hint="kinds: " + ", ".join(M.STATEMENT_KINDS))
            return None
        return kind

    def citations(self, m: LMap, what: str) -> tuple[M.Citation, ...]:
        """'cites': reference keys, or mappings of a key ('ref') and 'pages'."""
        c = self.c
        cites = []
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
        return tuple(cites)

    def inline_relations(self, m: LMap, sid: str | None, what: str) -> None:
        """The relations a statement states itself ('supports: [...]', ...): from it (when it
        has a valid id) to each target; bad targets are reported either way."""
        for rel in INLINE_RELATIONS:
            if rel not in m:
                continue
            for target, tloc in self.c.id_list(m, rel, what):
                if sid:
                    self.relations.append(M.Relation(sid, RELATION_BY_TEXT[rel], target,
                                                     location=tloc))

    def inference(self, m: Any, loc: Location) -> None:
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
        self.premises[iid] = premises
        self.inferences.append(M.Inference(iid, tuple(p for p, _ in premises), conclusion,
                                           c.text(m, "scheme", what), c.lines(m, what),
                                           c.page(m, what), c.text(m, "note", what), m.loc))

    def relation(self, m: Any, loc: Location) -> None:
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

    def value(self, m: Any, loc: Location) -> None:
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

    def value_relation(self, m: Any, loc: Location) -> None:
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

    def value_system_block(self, m: Any, loc: Location) -> None:
        c = self.c
        if not c.fields(m, VALUE_SYSTEM_FIELDS, "the value system", loc):
            return
        if self.value_system is not None:
            # (one per map, not per file: a part may give it, but only one file)
            c.error(m.loc, "duplicate-id", "'value-system' is given twice (first at "
                    f"{self.value_system.location})")
            return
        self.value_system = M.ValueSystem(c.text(m, "position", "the value system"),
                                          c.text(m, "basis", "the value system"),
                                          c.str_list(m, "contexts", "the value system"),
                                          c.lines(m, "the value system"), c.page(m, "the value system"),
                                          m.loc)

    # -- the top map's own fields -----------------------------------------------------------------
    def header(self, doc: LMap) -> tuple[str | None, tuple[str, Location] | None, str | None, str | None]:
        """The map's version (checked), title, located thesis id, and source name and file."""
        c = self.c
        version = doc.get("argmap")
        if "argmap" not in doc:
            c.error(doc.loc, "missing-field", "the map has no format version: add 'argmap: 1'")
        elif version != M.FORMAT_VERSION or isinstance(version, bool):
            c.error(doc.loc_of("argmap"), "unsupported-version",
                    f"format version {doc.raw.get('argmap') or describe(version)} is not supported; "
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
        return title, thesis, source_name, source_file


def load_with_diagnostics(path: str | os.PathLike[str]) -> tuple[M.ArgumentMap | None, Diagnostics]:
    """Load *path*; return the map (None when it has errors) and every diagnostic, sorted."""
    from ._gc import paused

    path = os.fspath(path)
    with paused():
        try:
            doc = parse(read_text(path), path)
        except LoadError as exc:
            return None, list(exc.diagnostics)
        return from_document(doc, path)


def loads_with_diagnostics(text: str, path: str = "<string>",
                           fmt: str | None = None) -> tuple[M.ArgumentMap | None, Diagnostics]:
    """Load a map from *text* (``yaml`` or ``json``; by default guessed from *path*'s name):
    the map (None when it has errors) and every diagnostic, sorted."""
    try:
        doc = parse(text, path, fmt=fmt)
    except LoadError as exc:
        return None, list(exc.diagnostics)
    return from_document(doc, path)


def from_document(doc: Any, path: str) -> tuple[M.ArgumentMap | None, Diagnostics]:
    """Build and validate a map from a located document (LMap/LSeq, as the YAML reader makes,
    or as an importer builds from another format): (map or None, diagnostics)."""
    b = _Builder()
    b.visiting.append(os.path.normpath(path))
    b.files.append(path)
    b.root = os.path.realpath(os.path.dirname(path) or os.curdir)
    if b.document(doc, path, top=True) is None:
        return None, sorted_diagnostics(b.c.diags)
    title, thesis, source_name, source_file = b.header(doc)
    if source_file:
        _source_is_a_file(b.c, doc, path, source_file)
    b.c.diags.extend(validate(b.elements, thesis))
    tour = tuple(_tour_step(b.c, item, loc, b.elements.statements) for item, loc in b.c.seq(doc, "tour", "the map"))
    diags = sorted_diagnostics(b.c.diags)
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


def _source_is_a_file(c: Collector, doc: LMap, path: str, source_file: str) -> None:
    """'source.file' (the manuscript) may lie anywhere, even outside the map's folder (it is only
    read for the manuscript checks, never copied into an output), but it must not be a FIFO or a
    device, which would make every command that reads it wait forever."""
    other = not_a_file(os.path.join(os.path.dirname(path), source_file))
    if other:
        c.error(doc["source"].loc_of("file"), "not-a-file",
                f"the manuscript 'source.file' {shown(source_file)} is {other}, not a regular file")


def _tour_step(c: Collector, m, loc: Location, statements) -> M.TourStep | None:
    """A step of ``tour:``: ``{id, text}``, the statement to show and the teacher's words."""
    if not c.fields(m, ("id", "text"), "a tour step", loc):
        return None
    sid, text = c.id_field(m, "id", "a tour step"), c.text(m, "text", "a tour step", required=True)
    if sid and not any(s.id == sid for s in statements):
        c.error(m.loc_of("id"), "unknown-id", f"tour step '{sid}' is not a known statement")
        return None
    return M.TourStep(sid, text, m.loc) if sid and text is not None else None


def _raise_or_return(result: tuple[M.ArgumentMap | None, Diagnostics]) -> M.ArgumentMap:
    amap, diags = result
    if amap is None:
        cls: type[ArgmapError] = ValidationError
        if diags and all(d.code in LOAD_CODES for d in diags if d.severity == "error"):
            cls = LoadError
        raise cls(diagnostics=diags)
    return amap


def load(path: str | os.PathLike[str]) -> M.ArgumentMap:
    """Load and validate the map at *path*; raise LoadError / ValidationError with every problem."""
    return _raise_or_return(load_with_diagnostics(path))


def loads(text: str, path: str = "<string>", fmt: str | None = None) -> M.ArgumentMap:
    """Load and validate a map from *text*; raise LoadError / ValidationError with every problem."""
    return _raise_or_return(loads_with_diagnostics(text, path, fmt))
