"""``argmap lsp``: a language server for argmap maps (the Language Server Protocol over stdio).

Layer: top (beside the CLI).  The analysis lives in :mod:`argmap.editing`; this module speaks
the protocol, with pygls 2 and lsprotocol:

* **diagnostics as you type**: the loader's located errors and the check findings (held against
  the manuscript the map names), each with its code and hint, published for every file of the
  map (the top file and its included parts), from the editor's unsaved texts;
* **hover** on an id (a statement: its text, kind, label in the grounded evaluation, section
  and citations; an inference: its premises and conclusion; a value), a reference key or a
  section id;
* **go to definition** and **find references** of ids, section ids and reference keys across
  the map's included parts (and its BibTeX file);
* **completion** of ids, kinds, field names, reference keys (from the map and its BibTeX file),
  section ids, value names and check codes, by what the cursor is in;
* **document symbols**: the outline of sections and statements;
* **rename** of an id, a section id or a reference key in every file of the map;
* **code actions**: the "did you mean ...?" of a diagnostic, and quoting a text that YAML
  misreads (one containing ``": "`` or ``" #"``).

Edits are analysed after a short pause in typing (``DEBOUNCE``), in one worker thread, so the
server answers hovers and completions while a load runs; a result that a newer edit has
overtaken is not published.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types as T
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import PositionCodec

from . import editing as E
from .errors import Diagnostic
from .ids import ID_RE, ID_RULE, REF_RE, REF_RULE
from .version import __version__

__all__ = ["ArgmapLanguageServer", "build_server", "main", "DEBOUNCE"]

DEBOUNCE = 0.02   # seconds of quiet after an edit before the map is analysed again

_UTF16 = PositionCodec()
_SEVERITY = {"error": T.DiagnosticSeverity.Error, "warning": T.DiagnosticSeverity.Warning,
             "info": T.DiagnosticSeverity.Information}
_TOKEN = re.compile(r"[^\s,\[\]{}:#]+(?::[^\s,\[\]{}:#]+)*")
_DID_YOU_MEAN = re.compile(r"\(did you mean '([^']+)'\?\)")
_PLAIN_VALUE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z][A-Za-z-]*:\s+)([^'\"\s|>\[{].*?)\s*$")


def _path(uri: str) -> str:
    return os.path.normpath(to_fs_path(uri) or uri)


def _uri(path: str) -> str:
    return from_fs_path(os.path.abspath(path)) or path


def token_end(line: str, col: int) -> int:
    """The end of the word written at *col* of *line* (a quoted text up to its closing quote)."""
    if line[col:col + 1] in ("'", '"'):
        close = line.find(line[col], col + 1)
        return close + 1 if close > 0 else len(line)
    m = _TOKEN.match(line, col)
    if m and m.end() > col:
        value = re.compile(r":[ \t]+").match(line, m.end())   # a key: its value too ("id: P1")
        if value and value.end() < len(line) and line[value.end()] not in "[{|>#":
            return token_end(line, value.end())
        return m.end()
    return len(line) if col < len(line) else col


class ArgmapLanguageServer(LanguageServer):
    """The server: pygls's, with an :class:`argmap.editing.Project` behind it."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.open: dict[str, str] = {}               # path -> the editor's text
        self.project = E.Project(self.open)
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-analysis")
        self.generation = 0
        self.published: dict[str, set[str]] = {}     # top map -> files given diagnostics

    # -- positions ------------------------------------------------------------------------------
    @property
    def codec(self) -> PositionCodec:
        """The position encoding agreed with the client (UTF-16 until it says otherwise)."""
        try:
            return self.workspace.position_codec
        except RuntimeError:   # before initialize
            return _UTF16

    def lines(self, path: str) -> list[str]:
        text = self.open.get(path)
        if text is None:
            text = self.project.text(path)
        return (text or "").split("\n")

    def to_client(self, lines: list[str], line: int, col: int) -> T.Position:
        return self.codec.position_to_client_units(lines, T.Position(line, col))

    def range(self, path: str, line: int, start: int, end: int, lines: list[str] | None = None) -> T.Range:
        lines = lines if lines is not None else self.lines(path)
        return T.Range(self.to_client(lines, line, start), self.to_client(lines, line, end))

    def where(self, params) -> tuple[str, int, int]:
        """(path, line, code-point column) of a request's position."""
        path = _path(params.text_document.uri)
        lines = self.lines(path)
        pos = self.codec.position_from_client_units(lines, params.position)
        return path, pos.line, pos.character

    def location(self, occ: E.Occurrence) -> T.Location:
        return T.Location(_uri(occ.path), self.range(occ.path, occ.line, occ.start, occ.end))

    # -- analysis -------------------------------------------------------------------------------
    def analysis_for(self, path: str) -> E.Analysis | None:
        top = self.project.top_of.get(path, path)
        return self.project.analyses.get(top)

    def schedule(self, path: str) -> None:
        self.generation += 1
        asyncio.get_running_loop().create_task(self.refresh(path, self.generation))

    async def refresh(self, path: str, generation: int) -> None:
        await asyncio.sleep(DEBOUNCE)
        if generation != self.generation:
            return
        texts = dict(self.open)
        analysis = await asyncio.get_running_loop().run_in_executor(self.worker, self._analyse, path, texts)
        if generation == self.generation:
            self.publish(analysis)

    def _analyse(self, path: str, texts: dict[str, str]) -> E.Analysis:
        self.project.texts = texts
        return self.project.analyse(self.project.top_for(path))

    def publish(self, analysis: E.Analysis) -> None:
        by_file: dict[str, list[T.Diagnostic]] = {}
        lines: dict[str, list[str]] = {}
        for d in analysis.diagnostics:
            path = d.location.path
            if path not in lines:
                lines[path] = self.lines(path)
            by_file.setdefault(path, []).append(self.diagnostic(d, lines[path]))
        files = set(analysis.files) | set(by_file)
        for path in sorted(files | self.published.get(analysis.top, set())):
            self.text_document_publish_diagnostics(
                T.PublishDiagnosticsParams(uri=_uri(path), diagnostics=by_file.get(path, [])))
        self.published[analysis.top] = files

    def diagnostic(self, d: Diagnostic, lines: list[str]) -> T.Diagnostic:
        line = max(d.location.line - 1, 0)
        col = max(d.location.col - 1, 0)
        text = lines[line] if line < len(lines) else ""
        rng = T.Range(self.to_client(lines, line, col), self.to_client(lines, line, token_end(text, col)))
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        return T.Diagnostic(rng, message, severity=_SEVERITY.get(str(d.severity), T.DiagnosticSeverity.Error),
                            code=d.code, source="argmap", data={"hint": d.hint} if d.hint else None)


# -- hover ----------------------------------------------------------------------------------------
def describe(analysis: E.Analysis, occ: E.Occurrence) -> str | None:
    """Markdown about the element *occ* names, from the last valid map."""
    amap = analysis.good
    if amap is None:
        return None
    if occ.ns == E.NS_REF:
        ref = amap.reference_by_id.get(occ.name)
        return f"**{occ.name}** · reference\n\n{ref.short()}" + (f"\n\n<{ref.url}>" if ref.url else "") \
            if ref else None
    if occ.ns == E.NS_SECTION:
        sec = amap.section_by_id.get(occ.name)
        return f"**§ {sec.id}** {sec.title}" if sec else None
    if occ.name in amap.statement_by_id:
        return _describe_statement(analysis, occ.name)
    inf = amap.inference_by_id.get(occ.name)
    if inf is not None:
        text = (f"**{inf.id}** · inference" + (f" ({inf.scheme})" if inf.scheme else "")
                + "\n\nlinked premises: " + ", ".join(inf.premises) + f"\n\nconclusion: {inf.conclusion}")
        return text + _statement_line(amap, inf.conclusion)
    value = amap.value_by_id.get(occ.name)
    if value is not None:
        return f"**{value.id}** · value ({value.klass})\n\n{value.name}" + (f"\n\n{value.note}" if value.note else "")
    return None


def _statement_line(amap, sid: str) -> str:
    s = amap.statement_by_id.get(sid)
    return f" — {s.text}" if s else ""


def _describe_statement(analysis: E.Analysis, sid: str) -> str:
    amap = analysis.good
    assert amap is not None
    s = amap.statement_by_id[sid]
    head = f"**{s.id}** · {s.kind}"
    ev: Any = analysis.evaluation
    if ev is not None and sid in ev.labels:
        head += f" · {ev.labels[sid]} ({ev.verdicts.get(sid, '')})"
    parts = [head, s.text]
    if s.section:
        sec = amap.section_by_id.get(s.section)
        parts.append(f"section {s.section}" + (f": {sec.title}" if sec else ""))
    refs = amap.reference_by_id
    for c in s.cites:
        ref = refs.get(c.ref)
        parts.append(f"cites [{c.ref}{', ' + c.pages if c.pages else ''}]" + (f": {ref.short()}" if ref else ""))
    if s.held_by:
        parts.append(f"held by {s.held_by}")
    return "\n\n".join(parts)


# -- completion -----------------------------------------------------------------------------------
def _fields(element: str, top: bool) -> tuple[str, ...]:
    from . import loader as L

    return {"map": L.TOP_FIELDS if top else L.PART_FIELDS, "statement": L.STATEMENT_FIELDS,
            "inference": L.INFERENCE_FIELDS, "relation": L.RELATION_FIELDS, "value": L.VALUE_FIELDS,
            "value-relation": L.VALUE_RELATION_FIELDS, "section": L.SECTION_FIELDS, "cite": L.CITE_FIELDS,
            "value-system": L.VALUE_SYSTEM_FIELDS, "source": L.SOURCE_FIELDS}.get(element, ())


def _kinds(element: str) -> tuple[str, ...]:
    from .vocab import ARGUMENT_RELATIONS, STATEMENT_KINDS, VALUE_RELATIONS

    if element == "relation":
        return tuple(ARGUMENT_RELATIONS)
    if element == "value-relation":
        return tuple(VALUE_RELATIONS)
    return tuple(STATEMENT_KINDS)


def _id_items(analysis: E.Analysis, ctx: E.Context) -> list[T.CompletionItem]:
    """Ids for a field that names statements (or inferences, or values)."""
    amap = analysis.good
    values_only = ctx.field == "promotes" or ctx.element == "value-relation"
    items = []
    for name, occ in sorted(analysis.names(E.NS_ID).items()):
        detail, doc = occ.slot, None
        if amap is not None:
            s = amap.statement_by_id.get(name)
            v = amap.value_by_id.get(name)
            if s is not None:
                detail, doc = str(s.kind), s.text
            elif v is not None:
                detail, doc = "value", v.name
        if values_only != (occ.slot == "value"):
            continue
        items.append(T.CompletionItem(name, kind=T.CompletionItemKind.Reference, detail=detail,
                                      documentation=doc))
    return items


def _named_items(analysis: E.Analysis, ns: str) -> list[T.CompletionItem]:
    amap = analysis.good
    items = []
    for name in sorted(analysis.names(ns)):
        detail = None
        if amap is not None and ns == E.NS_REF and name in amap.reference_by_id:
            detail = amap.reference_by_id[name].short()
        elif amap is not None and ns == E.NS_SECTION and name in amap.section_by_id:
            detail = amap.section_by_id[name].title
        items.append(T.CompletionItem(name, kind=T.CompletionItemKind.Reference, detail=detail))
    return items


def completions(analysis: E.Analysis, ctx: E.Context, top: bool) -> list[T.CompletionItem]:
    """What may be written where *ctx* says the cursor is."""
    if ctx.field is None:
        return [T.CompletionItem(f, kind=T.CompletionItemKind.Field, insert_text=f"{f}: ")
                for f in _fields(ctx.element, top)]
    if ctx.field == "kind":
        return [T.CompletionItem(k, kind=T.CompletionItemKind.EnumMember) for k in _kinds(ctx.element)]
    if ctx.field == "class":
        from .vocab import VALUE_CLASSES
        return [T.CompletionItem(k, kind=T.CompletionItemKind.EnumMember) for k in VALUE_CLASSES]
    if ctx.field in E.ID_LIST_FIELDS or ctx.field in ("conclusion", "thesis", "from", "to"):
        return _id_items(analysis, ctx)
    if ctx.field == "section":
        return _named_items(analysis, E.NS_SECTION)
    if ctx.field in ("ref", "cites"):
        return _named_items(analysis, E.NS_REF)
    if ctx.field == "ignore":
        from .checks import RULES
        return [T.CompletionItem(r.code, kind=T.CompletionItemKind.EnumMember, detail=r.summary)
                for r in RULES.values()]
    if ctx.field == "held-by":
        return [T.CompletionItem("author", kind=T.CompletionItemKind.EnumMember)]
    return []


# -- outline --------------------------------------------------------------------------------------
_SYMBOL_KIND = {"section": T.SymbolKind.Namespace, "statement": T.SymbolKind.Object,
                "inference": T.SymbolKind.Function, "value": T.SymbolKind.EnumMember}


def outline(ls: ArgmapLanguageServer, index: E.Index, section_titles: dict[str, str]) -> list[T.DocumentSymbol]:
    """Sections, and statements grouped by the section they are in (each run of statements of
    one section is one group), then inferences and values."""
    lines = index.lines

    def symbol(s: E.Symbol, children=None) -> T.DocumentSymbol:
        end = min(s.end_line, len(lines) - 1)
        rng = T.Range(ls.to_client(lines, s.line, 0), ls.to_client(lines, end, len(lines[end])))
        sel = ls.range(index.path, s.selection.line, s.selection.start, s.selection.end, lines)
        return T.DocumentSymbol(s.name, _SYMBOL_KIND[s.what], rng, sel, detail=s.detail or None,
                                children=children)

    out: list[T.DocumentSymbol] = []
    run: list[E.Symbol] = []

    def flush() -> None:
        if not run:
            return
        sec = run[0].section
        if sec is None:
            out.extend(symbol(s) for s in run)
        else:
            first, last = run[0], run[-1]
            group = E.Symbol(f"§ {sec}", "section", section_titles.get(sec, ""), None, first.line,
                             last.end_line, first.selection)
            out.append(symbol(group, [symbol(s) for s in run]))
        run.clear()

    for s in index.symbols:
        if s.what == "statement":
            if run and run[-1].section != s.section:
                flush()
            run.append(s)
            continue
        flush()
        out.append(symbol(s))
    flush()
    return out


# -- code actions ---------------------------------------------------------------------------------
def code_actions(ls: ArgmapLanguageServer, uri: str, diagnostics: list[T.Diagnostic]) -> list[T.CodeAction]:
    path = _path(uri)
    lines = ls.lines(path)
    actions = []
    for d in diagnostics:
        if d.source != "argmap":
            continue
        start = ls.codec.position_from_client_units(lines, d.range.start)
        line = lines[start.line] if start.line < len(lines) else ""
        col = start.character + (line[start.character:start.character + 1] in ("'", '"'))
        token = _TOKEN.match(line, col)
        wrong = token.group() if token else ""
        m = _DID_YOU_MEAN.search(d.message)
        if m and wrong and f"'{wrong}'" in d.message:
            rng = ls.range(path, start.line, col, col + len(wrong), lines)
            actions.append(T.CodeAction(f"Change '{wrong}' to '{m.group(1)}'", kind=T.CodeActionKind.QuickFix,
                                        diagnostics=[d], is_preferred=True,
                                        edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(rng, m.group(1))]})))
        quoted = _quote_fix(line)
        if quoted is not None:
            rng = ls.range(path, start.line, 0, len(line), lines)
            actions.append(T.CodeAction("Quote the text (YAML reads ': ' and ' #' in plain text)",
                                        kind=T.CodeActionKind.QuickFix, diagnostics=[d],
                                        edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(rng, quoted)]})))
    return actions


def _quote_fix(line: str) -> str | None:
    """*line* with its plain value in double quotes, when YAML misreads that value."""
    m = _PLAIN_VALUE.match(line)
    if not m or not (": " in m.group(2) or " #" in m.group(2) or m.group(2).endswith(":")):
        return None
    return m.group(1) + json.dumps(m.group(2), ensure_ascii=False)


# -- rename ---------------------------------------------------------------------------------------
def rename_edit(ls: ArgmapLanguageServer, analysis: E.Analysis, occ: E.Occurrence, new: str) -> T.WorkspaceEdit:
    rule = REF_RE if occ.ns == E.NS_REF else ID_RE
    if not rule.match(new):
        raise JsonRpcInvalidParams(f"'{new}' is not a valid " + (f"reference key: {REF_RULE}" if occ.ns == E.NS_REF
                                                                 else f"id: {ID_RULE}"))
    if new != occ.name and analysis.definitions(occ.ns, new):
        raise JsonRpcInvalidParams(f"'{new}' is already defined in this map")
    changes: dict[str, list[T.TextEdit]] = {}
    for o in analysis.occurrences(occ.ns, occ.name):
        changes.setdefault(_uri(o.path), []).append(T.TextEdit(ls.location(o).range, new))
    return T.WorkspaceEdit(changes=changes)


# -- the server -----------------------------------------------------------------------------------
def build_server() -> ArgmapLanguageServer:
    """The language server with every feature registered."""
    ls = ArgmapLanguageServer()
    _sync_features(ls)
    _navigation_features(ls)
    _editing_features(ls)
    return ls


def _sync_features(ls: ArgmapLanguageServer) -> None:
    """The editor's texts: every change schedules an analysis of the map the file belongs to."""
    def opened(uri: str) -> str:
        path = _path(uri)
        ls.open[path] = ls.workspace.get_text_document(uri).source
        return path

    @ls.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: T.DidOpenTextDocumentParams) -> None:
        ls.schedule(opened(params.text_document.uri))

    @ls.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: T.DidChangeTextDocumentParams) -> None:
        ls.schedule(opened(params.text_document.uri))

    @ls.feature(T.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: T.DidSaveTextDocumentParams) -> None:
        ls.schedule(_path(params.text_document.uri))

    @ls.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: T.DidCloseTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        ls.open.pop(path, None)
        ls.schedule(path)


def _occurrence(ls: ArgmapLanguageServer, params) -> tuple[E.Analysis, E.Occurrence] | None:
    path, line, col = ls.where(params)
    analysis = ls.analysis_for(path)
    occ = analysis.at(path, line, col) if analysis else None
    return (analysis, occ) if analysis and occ else None


def _navigation_features(ls: ArgmapLanguageServer) -> None:
    """Hover, definition, references and rename: all start from the name under the cursor."""
    @ls.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(params: T.HoverParams) -> T.Hover | None:
        found = _occurrence(ls, params)
        text = describe(*found) if found else None
        if not found or not text:
            return None
        return T.Hover(T.MarkupContent(T.MarkupKind.Markdown, text), ls.location(found[1]).range)

    @ls.feature(T.TEXT_DOCUMENT_DEFINITION)
    def definition(params: T.DefinitionParams) -> list[T.Location] | None:
        found = _occurrence(ls, params)
        if not found:
            return None
        return [ls.location(o) for o in found[0].definitions(found[1].ns, found[1].name)] or None

    @ls.feature(T.TEXT_DOCUMENT_REFERENCES)
    def references(params: T.ReferenceParams) -> list[T.Location] | None:
        found = _occurrence(ls, params)
        if not found:
            return None
        keep = params.context.include_declaration
        return [ls.location(o) for o in found[0].occurrences(found[1].ns, found[1].name)
                if keep or not o.definition]

    @ls.feature(T.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(params: T.PrepareRenameParams) -> T.Range | None:
        found = _occurrence(ls, params)
        return ls.location(found[1]).range if found else None

    @ls.feature(T.TEXT_DOCUMENT_RENAME)
    def rename(params: T.RenameParams) -> T.WorkspaceEdit | None:
        found = _occurrence(ls, params)
        return rename_edit(ls, found[0], found[1], params.new_name) if found else None


def _editing_features(ls: ArgmapLanguageServer) -> None:
    """Completion, the outline and quick fixes."""
    @ls.feature(T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=[" ", "[", ","]))
    def completion(params: T.CompletionParams) -> T.CompletionList:
        path, line, col = ls.where(params)
        analysis = ls.analysis_for(path)
        if analysis is None:
            return T.CompletionList(is_incomplete=False, items=[])
        lines = ls.lines(path)
        ctx = E.completion_context(lines, line, col)
        items = completions(analysis, ctx, top=path == analysis.top)
        rng = T.Range(ls.to_client(lines, line, col - len(ctx.prefix)), ls.to_client(lines, line, col))
        for item in items:
            item.text_edit = T.TextEdit(rng, item.insert_text or item.label)
            item.insert_text = None
        return T.CompletionList(is_incomplete=False, items=items)

    @ls.feature(T.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbol(params: T.DocumentSymbolParams) -> list[T.DocumentSymbol]:
        path = _path(params.text_document.uri)
        analysis = ls.analysis_for(path)
        titles = {s.id: s.title for s in analysis.good.sections} if analysis and analysis.good else {}
        return outline(ls, ls.project.index(path), titles)

    @ls.feature(T.TEXT_DOCUMENT_CODE_ACTION,
                T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix]))
    def code_action(params: T.CodeActionParams) -> list[T.CodeAction]:
        return code_actions(ls, params.text_document.uri, list(params.context.diagnostics))


def main() -> None:
    """Serve over stdin/stdout until the editor says exit."""
    build_server().start_io()
