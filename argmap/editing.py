"""What an editor needs to know about a map as it is being written: the analysis behind
``argmap lsp`` (and usable by any other front end), with no protocol in it.

Layer: top (beside the CLI); it reads with the loader and checks with :mod:`argmap.checks`.

* An :class:`Index` of one file lists every **occurrence** of a name in it: where each id (of a
  statement, an inference or a value: one namespace), each section id and each reference key is
  **defined**, and where it is **used** (in ``supports``, ``premises``, ``from``/``to``,
  ``cites``, ``section``, ``thesis`` ...).  It is built from the located YAML/JSON document
  alone, so it also works while the map is invalid, and it is kept per file: a file that does
  not parse keeps its last index.
* A :class:`Project` finds the top map of a file (a part is found through the ``include`` of a
  map beside it or above it), loads it from the editor's unsaved texts (the parts that are not
  open are read from disk), and returns an :class:`Analysis`: the located loader errors, the
  check findings (held against the manuscript when the map names one), the evaluation, the last
  valid map, and the indexes of every file of the map.
* :func:`completion_context` reads, from the text before the cursor, what is being typed: a
  field name, or the value of which field.

Positions here are 0-based lines and code-point columns; the protocol layer converts them.
"""
from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping

from . import loader as _loader
from . import model as M
from .document import LMap, LSeq, parse
from .errors import ArgmapError, Diagnostic, LoadError

__all__ = ["NS_ID", "NS_SECTION", "NS_REF", "Occurrence", "Symbol", "Index", "Analysis", "Project",
           "index_document", "completion_context", "Context", "name_span", "is_top_map", "maps_of"]

NS_ID = "id"            # statements, inferences and values share one namespace
NS_SECTION = "section"
NS_REF = "ref"          # reference keys, from the map or its BibTeX file

#: fields whose value (one name or a list of names) uses an id
ID_LIST_FIELDS = ("supports", "attacks", "undercuts", "contradicts", "promotes", "premises")
#: the element lists of a map, with the singular word for one element
ELEMENT_LISTS = {"statements": "statement", "inferences": "inference", "values": "value",
                 "relations": "relation", "value-relations": "value-relation", "sections": "section"}


@dataclass(frozen=True)
class Occurrence:
    """One written name: *ns* (:data:`NS_ID`, :data:`NS_SECTION`, :data:`NS_REF`), whether it is
    the definition, and where (0-based line, code-point columns ``start``..``end``)."""

    name: str
    ns: str
    definition: bool
    path: str
    line: int
    start: int
    end: int
    slot: str     # what it is: statement, inference, value, section, reference, or the field used in

    def contains(self, line: int, col: int) -> bool:
        return line == self.line and self.start <= col <= self.end


@dataclass(frozen=True)
class Symbol:
    """An element of the outline: a section, statement, inference or value, spanning its lines."""

    name: str
    what: str       # section, statement, inference, value
    detail: str
    section: str | None
    line: int
    end_line: int
    selection: Occurrence


@dataclass
class Index:
    """Every occurrence and outline symbol of one file."""

    path: str
    occurrences: list[Occurrence] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def at(self, line: int, col: int) -> Occurrence | None:
        for occ in self.occurrences:
            if occ.contains(line, col):
                return occ
        return None


def name_span(lines: list[str], line: int, col: int, name: str) -> tuple[int, int, int]:
    """(line, start, end), 0-based, of *name* written at the 1-based *line*:*col* (after an
    opening quote, if the name is quoted there)."""
    line0, col0 = line - 1, col - 1
    text = lines[line0] if 0 <= line0 < len(lines) else ""
    if text[col0:col0 + 1] in ("'", '"'):
        col0 += 1
    return line0, col0, col0 + len(name)


def _scalar_name(value, raw) -> str | None:
    if isinstance(value, (LMap, LSeq)) or value is None or isinstance(value, bool):
        return None
    return value if isinstance(value, str) else (raw or str(value))


class _Indexer:
    """Walks one located document and records its occurrences and symbols."""

    def __init__(self, path: str, text: str) -> None:
        self.index = Index(path, lines=text.split("\n"))

    def add(self, value, raw, loc, ns: str, definition: bool, slot: str) -> Occurrence | None:
        name = _scalar_name(value, raw)
        if not name:
            return None
        line, start, end = name_span(self.index.lines, loc.line, loc.col, name)
        occ = Occurrence(name, ns, definition, self.index.path, line, start, end, slot)
        self.index.occurrences.append(occ)
        return occ

    def key(self, m: LMap, key: str, ns: str, definition: bool = False, slot: str | None = None):
        if isinstance(m, LMap) and key in m:
            return self.add(m[key], m.raw.get(key), m.loc_of(key), ns, definition, slot or key)
        return None

    def names(self, m: LMap, key: str, ns: str = NS_ID) -> None:
        value = m.get(key)
        if isinstance(value, LSeq):
            for i, item in enumerate(value):
                self.add(item, value.raw[i], value.loc_of(i), ns, False, key)
        elif value is not None:
            self.key(m, key, ns)

    def document(self, doc) -> Index:
        if not isinstance(doc, LMap):
            return self.index
        self.key(doc, "thesis", NS_ID)
        for name, what in ELEMENT_LISTS.items():
            items = doc.get(name)
            if isinstance(items, LSeq):
                self.elements(items, what)
        self.references(doc.get("references"))
        self.index.symbols.sort(key=lambda s: s.line)
        return self.index

    def elements(self, items: LSeq, what: str) -> None:
        starts = [loc.line - 1 for loc in items.item_loc]
        for i, m in enumerate(items):
            if not isinstance(m, LMap):
                continue
            end = starts[i + 1] - 1 if i + 1 < len(starts) else starts[i] + _height(m)
            getattr(self, what.replace("-", "_"))(m, starts[i], max(end, starts[i]))

    def _symbol(self, m: LMap, what: str, ns: str, line: int, end: int, detail: str) -> None:
        occ = self.key(m, "id", ns, True, what)
        if occ is not None:
            section = m.get("section") if what == "statement" else None
            self.index.symbols.append(Symbol(occ.name, what, detail, _scalar_name(section, None),
                                             line, end, occ))

    def statement(self, m: LMap, line: int, end: int) -> None:
        self._symbol(m, "statement", NS_ID, line, end, str(m.get("kind") or ""))
        self.key(m, "section", NS_SECTION)
        for key in ID_LIST_FIELDS:
            self.names(m, key)
        cites = m.get("cites")
        if isinstance(cites, LSeq):
            for i, item in enumerate(cites):
                if isinstance(item, LMap):
                    self.key(item, "ref", NS_REF, slot="cites")
                else:
                    self.add(item, cites.raw[i], cites.loc_of(i), NS_REF, False, "cites")
        elif cites is not None:
            self.key(m, "cites", NS_REF)

    def inference(self, m: LMap, line: int, end: int) -> None:
        self._symbol(m, "inference", NS_ID, line, end, str(m.get("scheme") or "inference"))
        self.names(m, "premises")
        self.key(m, "conclusion", NS_ID)

    def value(self, m: LMap, line: int, end: int) -> None:
        self._symbol(m, "value", NS_ID, line, end, str(m.get("name") or ""))

    def section(self, m: LMap, line: int, end: int) -> None:
        self._symbol(m, "section", NS_SECTION, line, end, str(m.get("title") or ""))

    def relation(self, m: LMap, line: int, end: int) -> None:
        self.key(m, "from", NS_ID)
        self.key(m, "to", NS_ID)

    value_relation = relation

    def references(self, block) -> None:
        if isinstance(block, LMap):
            for key in block:
                self.add(key, key, block.key_loc[key], NS_REF, True, "reference")
        elif isinstance(block, LSeq):
            for m in block:
                self.key(m, "id", NS_REF, True, "reference")


def _height(m: LMap) -> int:
    """How many lines past its first one an element (the last of its list) reaches, roughly."""
    last = m.loc.line
    for key in m:
        last = max(last, m.loc_of(key).line)
    return last - m.loc.line


def index_document(doc, path: str, text: str) -> Index:
    """The :class:`Index` of one parsed document (as :func:`argmap.document.parse` returns it)."""
    return _Indexer(path, text).document(doc)


def index_bibtex(amap: M.ArgumentMap, texts: Callable[[str], str | None]) -> dict[str, Index]:
    """Definitions of the references a map took from BibTeX files, by file: the key after the
    entry's ``@type{``."""
    out: dict[str, Index] = {}
    for ref in amap.references:
        if not ref.from_bibtex:
            continue
        path = ref.location.path
        if path not in out:
            out[path] = Index(path, lines=(texts(path) or "").split("\n"))
        idx = out[path]
        for line in range(ref.location.line - 1, min(ref.location.line + 2, len(idx.lines))):
            found = idx.lines[line].find("{" + ref.id)
            if found >= 0:
                start = found + 1
                idx.occurrences.append(Occurrence(ref.id, NS_REF, True, path, line, start,
                                                  start + len(ref.id), "reference"))
                break
    return out


# -- what is being typed -------------------------------------------------------------------------
@dataclass(frozen=True)
class Context:
    """What the cursor is in: the top-level *block* (``statements``, ..., ``""`` at the top), the
    *field* whose value is typed (None while a field name is typed), the *element* whose field
    names apply (``map``, ``statement``, ``cite``, ...), and the partial word before the cursor."""

    block: str
    field: str | None
    element: str
    prefix: str


_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z][A-Za-z-]*)\s*:\s*(?:#.*)?$")
_TOP_KEY = re.compile(r"^([A-Za-z][A-Za-z-]*)\s*:")
_VALUE_AT_END = re.compile(r"([A-Za-z][A-Za-z-]*)\s*:\s*(?:\[(?:[^\[\]]*,)?\s*)?$")
_PREFIX = re.compile(r"[^\s\[\]{},'\"]*$")
_CHILD = {"cites": "cite", "value-system": "value-system", "source": "source"}


def _block_of(lines: list[str], line: int) -> str:
    for i in range(line, -1, -1):
        m = _TOP_KEY.match(lines[i])
        if m:
            return m.group(1)
    return ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _list_key(lines: list[str], line: int, dash: int) -> str | None:
    """The field whose block list holds the item whose dash is at column *dash* of *line*."""
    for i in range(line - 1, -1, -1):
        text = lines[i]
        stripped = text.lstrip(" ")
        own = len(text) - len(stripped)
        if not stripped or stripped.startswith("#") or own > dash or (own == dash and stripped.startswith("-")):
            continue
        m = _KEY_LINE.match(text)
        return m.group(2) if m and m.start(2) <= dash else None
    return None


def _mapping_key(lines: list[str], line: int, col: int) -> str | None:
    """The field whose block list holds the mapping a field name typed at *col* belongs to."""
    for i in range(line - 1, -1, -1):
        text = lines[i]
        stripped = text.lstrip(" ")
        own = len(text) - len(stripped)
        if not stripped or stripped.startswith("#") or own >= col:
            continue
        if stripped.startswith("-") and own + len(stripped) - len(stripped[1:].lstrip(" ")) == col:
            return _list_key(lines, i, own)
        m = _KEY_LINE.match(text)
        return m.group(2) if m else None
    return None


def completion_context(lines: list[str], line: int, col: int) -> Context:
    """What is typed at 0-based *line*:*col* of a YAML map (see :class:`Context`)."""
    current = lines[line][:col] if line < len(lines) else ""
    prefix = _PREFIX.search(current).group()   # type: ignore[union-attr]  # the pattern always matches
    before = current[: len(current) - len(prefix)]
    if not before:
        return Context("", None, "map", prefix)
    block = _block_of(lines, line)
    element = ELEMENT_LISTS.get(block, "map")
    value = _VALUE_AT_END.search(before)
    if value:
        return Context(block, value.group(1), "cite" if value.group(1) == "ref" else element, prefix)
    if re.fullmatch(r"\s*-\s*", before):   # a block list item: the list's field, or a new element
        parent = _list_key(lines, line, before.index("-"))
        if parent is None or parent in ELEMENT_LISTS or parent in _CHILD:
            return Context(block, None, _CHILD.get(parent or "", element), prefix)
        return Context(block, parent, element, prefix)
    if not before.strip():
        parent = _mapping_key(lines, line, len(before))
        return Context(block, None, _CHILD.get(parent or "", element), prefix)
    if before.rstrip().endswith((",", "{")):
        return Context(block, None, element, prefix)
    return Context(block, "", element, prefix)


# -- loading from the editor's texts -------------------------------------------------------------
_READ_LOCK = threading.Lock()


@contextmanager
def reading(texts: Callable[[str], str | None]) -> Iterator[None]:
    """While the block runs, the loader reads a file from *texts* (the editor's unsaved text)
    when it has it, else from disk.  The loader reads its parts with ``loader.read_text``;
    that one name is swapped, under a lock, for the time of one load."""
    with _READ_LOCK:
        original = _loader.read_text

        def read(path: str) -> str:
            text = texts(path)
            return original(path) if text is None else text

        _loader.read_text = read
        try:
            yield
        finally:
            _loader.read_text = original


_TOP = re.compile(r'^(?:argmap\s*:|\{?\s*"argmap"\s*:)', re.M)


def is_top_map(text: str) -> bool:
    """Whether *text* is a top map (it sets ``argmap:``) rather than an included part."""
    return _TOP.search(text) is not None


@dataclass
class Analysis:
    """Everything known about one top map after a load (see the module's docstring)."""

    top: str
    files: tuple[str, ...]
    diagnostics: list[Diagnostic]
    amap: M.ArgumentMap | None          # this load's map (None when it has errors)
    good: M.ArgumentMap | None          # the last valid map of this top file
    evaluation: object | None
    indexes: dict[str, Index]

    def occurrences(self, ns: str, name: str) -> list[Occurrence]:
        return [o for idx in self.indexes.values() for o in idx.occurrences if o.ns == ns and o.name == name]

    def definitions(self, ns: str, name: str) -> list[Occurrence]:
        return [o for o in self.occurrences(ns, name) if o.definition]

    def names(self, ns: str) -> dict[str, Occurrence]:
        """Every defined name of *ns*, with its (first) definition."""
        out: dict[str, Occurrence] = {}
        for idx in self.indexes.values():
            for o in idx.occurrences:
                if o.definition and o.ns == ns:
                    out.setdefault(o.name, o)
        return out

    def at(self, path: str, line: int, col: int) -> Occurrence | None:
        idx = self.indexes.get(path)
        return idx.at(line, col) if idx else None


class Project:
    """The maps behind the files an editor has open.  *texts* holds the editor's text of each
    open file, by path (a file that is not open is read from disk).

    While an open part does not parse, the map is loaded with that part's last text that did
    parse, and the part's syntax error is reported: the rest of the map keeps its diagnostics,
    rather than an "unknown id" for every element of the broken part."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts
        self.top_of: dict[str, str] = {}           # file -> its top map
        self.good: dict[str, M.ArgumentMap] = {}   # top map -> its last valid map
        self.indexes: dict[str, tuple[str, Index]] = {}   # file -> (text, index)
        self.analyses: dict[str, Analysis] = {}
        self._manuscripts: dict[str, tuple[float, object]] = {}

    def text(self, path: str) -> str | None:
        text = self.texts.get(path)
        if text is not None:
            return text
        try:
            from .document import read_text
            return read_text(path)
        except LoadError:
            return None

    # -- which map a file belongs to -----------------------------------------------------------
    def top_for(self, path: str) -> str:
        if path in self.top_of:
            return self.top_of[path]
        text = self.text(path) or ""
        if is_top_map(text):
            return path
        for candidate in self._includers(path):
            analysis = self.analyse(candidate)
            if path in analysis.files:
                return candidate
        return path

    def _includers(self, path: str) -> list[str]:
        """Map files beside *path* or up to two folders above it that name it (in an include or
        as their BibTeX file)."""
        base = os.path.basename(path)
        out = []
        folder = os.path.dirname(path)
        for _ in range(3):
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            for name in names:
                candidate = os.path.join(folder, name)
                if candidate == path or not name.endswith((".yaml", ".yml", ".json")):
                    continue
                text = self.text(candidate) or ""
                if base in text and is_top_map(text):
                    out.append(candidate)
            folder = os.path.dirname(folder)
        return out

    # -- loading ----------------------------------------------------------------------------------
    def analyse(self, top: str) -> Analysis:
        """Load the map *top* from the current texts, check it and index its files."""
        from ._gc import paused

        text = self.text(top)
        overlay, broken = self._overlay(top)
        with paused():
            if text is None:
                amap, diags = None, [Diagnostic(_loader_location(top), "file-not-found",
                                                f"no such file: '{top}'")]
            else:
                with reading(overlay.get):
                    amap, diags = _loader.loads_with_diagnostics(text, top)
            files = tuple(amap.files) if amap is not None else self._files_of(top, diags)
            evaluation = None
            if amap is not None:
                evaluation, findings = self._check(amap)
                diags = diags + findings
                if not broken:
                    self.good[top] = amap
            if broken:   # what was said of the broken parts' last texts no longer holds
                diags = [d for d in diags if d.location.path not in broken]
                diags += [d for errors in broken.values() for d in errors]
                amap = evaluation = None
        diags = [_explained(d, self.text) for d in diags]
        if amap is None and not is_top_map(text or ""):
            # a part that no map includes: only its syntax can be judged
            diags = [d for d in diags if d.code in _loader.LOAD_CODES and d.location.path == top]
        for f in files:
            self.top_of.setdefault(f, top)
        good = self.good.get(top)
        indexes = {f: self.index(f) for f in files}
        if good is not None:
            indexes.update(index_bibtex(good, self.text))
        analysis = Analysis(top, files, diags, amap, good, evaluation, indexes)
        self.analyses[top] = analysis
        return analysis

    def _overlay(self, top: str) -> tuple[dict[str, str], dict[str, list[Diagnostic]]]:
        """The texts to load with: the open parts that parse as they are, and those that do not
        with their last text that did (by path, with their syntax errors)."""
        overlay = dict(self.texts)
        broken: dict[str, list[Diagnostic]] = {}
        for path, text in self.texts.items():
            if path == top:
                continue
            errors = self.syntax_errors(path, text)
            last = self.indexes.get(path)
            if errors and last is not None:
                overlay[path] = last[0]
                broken[path] = errors
        return overlay, broken

    def syntax_errors(self, path: str, text: str) -> list[Diagnostic]:
        """The errors that keep *text* from parsing (none when it parses; it is then indexed)."""
        cached = self.indexes.get(path)
        if cached is not None and cached[0] == text:
            return []
        try:
            doc = parse(text, path)
        except LoadError as exc:
            return list(exc.diagnostics)
        self.indexes[path] = (text, index_document(doc, path, text))
        return []

    def _files_of(self, top: str, diags: list[Diagnostic]) -> tuple[str, ...]:
        """The files of a map that did not load: those of its last valid map, those diagnostics
        name, and the top file."""
        good = self.good.get(top)
        files = dict.fromkeys([top, *(good.files if good else ())])
        for d in diags:
            if os.path.isfile(d.location.path) or d.location.path in self.texts:
                files.setdefault(d.location.path)
        return tuple(files)

    def _check(self, amap: M.ArgumentMap):
        from .checks import run_checks
        from .evaluation import evaluate

        evaluation = evaluate(amap)
        try:
            findings = run_checks(amap, source=self._manuscript(amap), evaluation=evaluation)
        except ArgmapError as exc:
            findings = list(exc.diagnostics)
        return evaluation, findings

    def _manuscript(self, amap: M.ArgumentMap):
        from .manuscript import Manuscript, source_path

        path = source_path(amap)
        if path is None:
            return None
        try:
            stamp = os.path.getmtime(path)
            cached = self._manuscripts.get(path)
            if cached is None or cached[0] != stamp:
                self._manuscripts[path] = cached = (stamp, Manuscript.read(path))
        except (OSError, ArgmapError):
            return None
        return cached[1]

    def index(self, path: str) -> Index:
        """The index of *path* from its current text; a file that does not parse keeps the
        index of its last text that did."""
        text = self.text(path)
        cached = self.indexes.get(path)
        if text is None:
            return cached[1] if cached else Index(path)
        if self.syntax_errors(path, text):
            return cached[1] if cached else Index(path, lines=text.split("\n"))
        return self.indexes[path][1]


class _Mark:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _explained(d: Diagnostic, text_of: Callable[[str], str | None]) -> Diagnostic:
    """A YAML syntax error in the author's words (:mod:`argmap.yaml_hints`), when the reader
    did not already give it a hint."""
    if d.code != "yaml-syntax" or d.hint:
        return d
    from .errors import Location
    from .yaml_hints import explain

    text = text_of(d.location.path)
    found = explain(text, _Mark(d.location.line - 1, d.location.col - 1), d.message) if text else None
    if found is None:
        return d
    return Diagnostic(Location(d.location.path, found.line, found.col), d.code, found.message, d.severity,
                      found.hint)


def maps_of(paths: Iterable[str]) -> list[str]:
    """The top maps that *paths* belong to, in order: a map itself, the map that includes a
    part or names a BibTeX file; files of no map (other YAML, say) are left out."""
    project = Project({})
    out: list[str] = []
    for p in paths:
        top = project.top_for(os.path.abspath(p))
        if top not in out and is_top_map(project.text(top) or ""):
            out.append(top)
    return out


def _loader_location(path: str):
    from .errors import Location
    return Location(path, 1, 1)
