"""`argmap lsp` driven as an editor drives it: pygls's LanguageClient starts `python -m argmap lsp`
as a subprocess and speaks the Language Server Protocol to it over stdio.  No handler is called
directly."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from conftest import GRAPHS

T = pytest.importorskip("lsprotocol.types")
pytest.importorskip("pygls")

EXAMPLE = GRAPHS / "drowning-child.yaml"


class Editor:
    """A language client with the documents it has open and the diagnostics it was sent."""

    def __init__(self) -> None:
        from pygls.lsp.client import LanguageClient

        self.client = LanguageClient("argmap-tests", "1")
        self.diagnostics: dict[str, list] = {}
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.arrived = asyncio.Event()

        @self.client.feature(T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params):
            self.diagnostics[params.uri] = list(params.diagnostics)
            self.arrived.set()

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "argmap", "lsp")
        await self.client.initialize_async(T.InitializeParams(
            capabilities=T.ClientCapabilities(), root_uri=uri(root)))
        self.client.initialized(T.InitializedParams())

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()

    async def wait_for(self, path: Path, predicate=lambda diags: True, timeout: float = 30):
        """The diagnostics of *path* once a publication satisfies *predicate*."""
        async def wait():
            while True:
                got = self.diagnostics.get(uri(path))
                if got is not None and predicate(got):
                    return got
                self.arrived.clear()
                await self.arrived.wait()
        return await asyncio.wait_for(wait(), timeout)

    def open(self, path: Path, text: str | None = None) -> None:
        text = path.read_text(encoding="utf-8") if text is None else text
        self.texts[uri(path)] = text
        self.versions[uri(path)] = 1
        self.diagnostics.pop(uri(path), None)
        self.client.text_document_did_open(T.DidOpenTextDocumentParams(
            T.TextDocumentItem(uri(path), "yaml", 1, text)))

    def change(self, path: Path, text: str) -> None:
        """Replace the whole unsaved text (not saved to disk)."""
        self.texts[uri(path)] = text
        self.versions[uri(path)] += 1
        self.diagnostics.pop(uri(path), None)
        self.client.text_document_did_change(T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(self.versions[uri(path)], uri(path)),
            [T.TextDocumentContentChangeWholeDocument(text)]))

    def at(self, path: Path, needle: str, offset: int = 0) -> tuple[T.TextDocumentIdentifier, T.Position]:
        """The document and the position of *needle* (plus *offset*) in its text."""
        text = self.texts.get(uri(path)) or path.read_text(encoding="utf-8")
        index = text.index(needle) + offset
        line = text.count("\n", 0, index)
        return T.TextDocumentIdentifier(uri(path)), T.Position(line, index - (text.rfind("\n", 0, index) + 1))


def uri(path: Path) -> str:
    from pygls.uris import from_fs_path
    return from_fs_path(str(Path(path).resolve()))


def run(scenario, root: Path):
    async def main():
        editor = Editor()
        await editor.start(root)
        try:
            return await asyncio.wait_for(scenario(editor), 120)   # a lost reply fails, not hangs
        finally:
            await editor.stop()
    return asyncio.run(main())


MAP = """\
argmap: 1
title: Kettle
thesis: T
references:
  smith2020: {author: J. Smith, title: Tea and time, year: 2020}
sections:
  - {id: "1", title: Mornings}
include: [part.yaml]
statements:
  - id: T
    kind: thesis
    text: The office should buy a faster kettle.
  - id: P1
    kind: premise
    text: People queue for hot water every morning.
    section: "1"
    cites: [{ref: smith2020}]
    supports: [T]
"""

PART = """\
statements:
  - id: O1
    kind: objection
    text: A faster kettle costs more than the time it saves.
    attacks: [T]
  - id: R1
    kind: rebuttal
    text: Ten people saving three minutes a day repays it in a week.
    attacks: [O1]
"""


@pytest.fixture
def kettle(tmp_path):
    (tmp_path / "kettle.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "part.yaml").write_text(PART, encoding="utf-8")
    return tmp_path


def codes(diags) -> set[str]:
    return {d.code for d in diags}


def test_diagnostics_of_the_checks_with_code_and_hint():
    async def scenario(ed: Editor):
        ed.open(EXAMPLE)
        diags = await ed.wait_for(EXAMPLE)
        single = [d for d in diags if d.code == "single-source"]
        assert single and single[0].source == "argmap"
        assert "hint: find a second, independent source" in single[0].message
        assert single[0].severity == T.DiagnosticSeverity.Warning
        # the range covers the element the finding is about: "id: T" on the thesis's line
        line = EXAMPLE.read_text(encoding="utf-8").split("\n")[single[0].range.start.line]
        assert line[single[0].range.start.character:single[0].range.end.character] == "id: T"
    run(scenario, GRAPHS)


def test_diagnostics_as_you_type_from_unsaved_text(kettle):
    top = kettle / "kettle.yaml"

    async def scenario(ed: Editor):
        ed.open(top)
        first = await ed.wait_for(top)
        assert "unknown-id" not in codes(first)
        ed.change(top, MAP.replace("supports: [T]", "supports: [T9]"))
        diags = await ed.wait_for(top, lambda d: "unknown-id" in codes(d))
        bad = next(d for d in diags if d.code == "unknown-id")
        assert bad.severity == T.DiagnosticSeverity.Error
        line = ed.texts[uri(top)].split("\n")[bad.range.start.line]
        assert line[bad.range.start.character:bad.range.end.character] == "T9"
        assert top.read_text(encoding="utf-8") == MAP   # nothing was saved
        ed.change(top, MAP)
        await ed.wait_for(top, lambda d: "unknown-id" not in codes(d))
    run(scenario, kettle)


def test_an_open_part_is_checked_in_its_map_from_its_unsaved_text(kettle):
    top, part = kettle / "kettle.yaml", kettle / "part.yaml"

    async def scenario(ed: Editor):
        ed.open(part)
        await ed.wait_for(part)
        ed.change(part, PART.replace("attacks: [O1]", "attacks: [O2]"))
        diags = await ed.wait_for(part, lambda d: "unknown-id" in codes(d))
        bad = next(d for d in diags if d.code == "unknown-id")
        assert "'O2'" in bad.message and bad.range.start.line == 8
        # the top file (not open) was read from disk; its diagnostics carry no error
        assert "unknown-id" not in codes(ed.diagnostics.get(uri(top), []))
    run(scenario, kettle)


def test_yaml_syntax_error_is_located_and_has_a_quote_fix(kettle):
    top = kettle / "kettle.yaml"
    broken = MAP.replace("text: People queue for hot water every morning.",
                         "text: People queue: for hot water every morning.")

    async def scenario(ed: Editor):
        ed.open(top, broken)
        diags = await ed.wait_for(top, lambda d: bool(d))
        assert diags[0].severity == T.DiagnosticSeverity.Error
        assert "contains ': '" in diags[0].message and "hint: write it in quotes" in diags[0].message
        assert diags[0].range.start.line == broken.split("\n").index(
            "    text: People queue: for hot water every morning.")
        doc, _ = ed.at(top, "text: People queue")
        actions = await ed.client.text_document_code_action_async(T.CodeActionParams(
            doc, diags[0].range, T.CodeActionContext(diagnostics=diags)))
        quote = next(a for a in actions if a.title.startswith("Quote"))
        edit = quote.edit.changes[uri(top)][0]
        assert edit.new_text == '    text: "People queue: for hot water every morning."'
    run(scenario, kettle)


def test_did_you_mean_code_action(kettle):
    top = kettle / "kettle.yaml"
    typo = MAP.replace("    supports: [T]", "    suports: [T]")

    async def scenario(ed: Editor):
        ed.open(top, typo)
        diags = await ed.wait_for(top, lambda d: "unknown-field" in codes(d))
        bad = [d for d in diags if d.code == "unknown-field"]
        doc, _ = ed.at(top, "suports")
        actions = await ed.client.text_document_code_action_async(T.CodeActionParams(
            doc, bad[0].range, T.CodeActionContext(diagnostics=bad)))
        fix = next(a for a in actions if "did you mean" not in a.title and "supports" in a.title)
        edit = fix.edit.changes[uri(top)][0]
        assert edit.new_text == "supports"
        assert typo.split("\n")[edit.range.start.line][edit.range.start.character:edit.range.end.character] == "suports"
    run(scenario, kettle)


def test_hover_on_an_id_a_reference_and_a_value():
    async def scenario(ed: Editor):
        ed.open(EXAMPLE)
        await ed.wait_for(EXAMPLE)
        text = EXAMPLE.read_text(encoding="utf-8")
        sid = "P2"
        doc, pos = ed.at(EXAMPLE, f"id: {sid}", 4)
        hover = await ed.client.text_document_hover_async(T.HoverParams(doc, pos))
        assert hover.contents.kind == T.MarkupKind.Markdown
        value = hover.contents.value
        assert value.startswith(f"**{sid}** · premise · IN")
        assert "If we can prevent something bad" in value and "cites [singer1972, 231]" in value
        doc, pos = ed.at(EXAMPLE, "ref: singer1972", 6)
        hover = await ed.client.text_document_hover_async(T.HoverParams(doc, pos))
        assert "Famine, Affluence, and Morality" in hover.contents.value
        needle = "promotes: ["
        assert needle in text
        doc, pos = ed.at(EXAMPLE, needle, len(needle))
        hover = await ed.client.text_document_hover_async(T.HoverParams(doc, pos))
        assert "· value (" in hover.contents.value
    run(scenario, GRAPHS)


def test_definition_and_references_across_parts(kettle):
    top, part = kettle / "kettle.yaml", kettle / "part.yaml"

    async def scenario(ed: Editor):
        ed.open(part)
        await ed.wait_for(part)
        doc, pos = ed.at(part, "attacks: [T]", len("attacks: ["))
        found = await ed.client.text_document_definition_async(T.DefinitionParams(doc, pos))
        assert [(loc.uri, loc.range.start.line) for loc in found] == [(uri(top), 9)]
        refs = await ed.client.text_document_references_async(T.ReferenceParams(
            context=T.ReferenceContext(include_declaration=True), text_document=doc, position=pos))
        where = sorted((Path(loc.uri).name, loc.range.start.line) for loc in refs)
        assert where == [("kettle.yaml", 2), ("kettle.yaml", 9), ("kettle.yaml", 17), ("part.yaml", 4)]
        refs = await ed.client.text_document_references_async(T.ReferenceParams(
            context=T.ReferenceContext(include_declaration=False), text_document=doc, position=pos))
        assert len(refs) == 3
    run(scenario, kettle)


def test_rename_an_id_in_every_file(kettle):
    top, part = kettle / "kettle.yaml", kettle / "part.yaml"

    async def scenario(ed: Editor):
        ed.open(top)
        await ed.wait_for(top)
        doc, pos = ed.at(top, "id: T", 4)
        prepared = await ed.client.text_document_prepare_rename_async(T.PrepareRenameParams(doc, pos))
        assert (prepared.start.character, prepared.end.character) == (8, 9)
        edit = await ed.client.text_document_rename_async(T.RenameParams(doc, pos, "Thesis"))
        assert sorted(Path(u).name for u in edit.changes) == ["kettle.yaml", "part.yaml"]
        assert len(edit.changes[uri(top)]) == 3 and len(edit.changes[uri(part)]) == 1
        assert {e.new_text for es in edit.changes.values() for e in es} == {"Thesis"}
        with pytest.raises(Exception, match="already defined"):
            await ed.client.text_document_rename_async(T.RenameParams(doc, pos, "P1"))
        with pytest.raises(Exception, match="not a valid id"):
            await ed.client.text_document_rename_async(T.RenameParams(doc, pos, "a b"))
        return edit
    edit = run(scenario, kettle)
    # applied as an editor applies it, the renamed map is valid and means the same
    from argmap.loader import load
    for u, edits in edit.changes.items():
        path = Path(u.removeprefix("file://"))
        lines = path.read_text(encoding="utf-8").split("\n")
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            line = lines[e.range.start.line]
            lines[e.range.start.line] = line[:e.range.start.character] + e.new_text + line[e.range.end.character:]
        path.write_text("\n".join(lines), encoding="utf-8")
    amap = load(str(top))
    assert amap.thesis == "Thesis" and "Thesis" in amap.statement_by_id


def completion_labels(items) -> list[str]:
    return [i.label for i in (items.items if hasattr(items, "items") else items)]


def test_completion_by_context(kettle):
    top = kettle / "kettle.yaml"

    async def complete(ed, text, needle):
        ed.change(top, text)
        await ed.wait_for(top)
        doc, pos = ed.at(top, needle, len(needle))
        return completion_labels(await ed.client.text_document_completion_async(T.CompletionParams(doc, pos)))

    async def scenario(ed: Editor):
        ed.open(top)
        await ed.wait_for(top)
        kinds = await complete(ed, MAP.replace("kind: premise", "kind: pre"), "kind: pre")
        assert "premise" in kinds and "objection" in kinds
        ids = await complete(ed, MAP.replace("supports: [T]", "supports: [T, "), "supports: [T, ")
        assert {"T", "P1", "O1", "R1"} <= set(ids)     # O1 and R1 are in the part
        refs = await complete(ed, MAP.replace("{ref: smith2020}", "{ref: s}"), "{ref: s")
        assert refs == ["smith2020"]
        sections = await complete(ed, MAP.replace('section: "1"', "section: "), "section: ")
        assert sections == ["1"]
        fields = await complete(ed, MAP.replace("    supports: [T]\n", "    supports: [T]\n    su\n"), "\n    su")
        assert "supports" in fields and "held-by" in fields and "argmap" not in fields
        top_fields = await complete(ed, MAP + "val\n", "\nval")
        assert "value-relations" in top_fields and "kind" not in top_fields
        block = MAP.replace("    supports: [T]\n", "    attacks:\n      - \n")
        assert "O1" in await complete(ed, block, "      - ")
    run(scenario, kettle)


def test_completion_of_bibtex_keys_and_value_names():
    async def scenario(ed: Editor):
        ed.open(EXAMPLE)
        await ed.wait_for(EXAMPLE)
        doc, pos = ed.at(EXAMPLE, "ref: singer1972", 5)
        items = (await ed.client.text_document_completion_async(T.CompletionParams(doc, pos))).items
        bib = GRAPHS / "drowning-child.bib"
        assert bib.exists()
        keys = {i.label for i in items}
        assert "singer1972" in keys
        doc, pos = ed.at(EXAMPLE, "promotes: [", len("promotes: ["))
        items = (await ed.client.text_document_completion_async(T.CompletionParams(doc, pos))).items
        assert items and all(i.detail == "value" for i in items)
        assert any(i.documentation for i in items)   # the value's name
    run(scenario, GRAPHS)


def test_document_symbols_outline(kettle):
    top = kettle / "kettle.yaml"

    async def scenario(ed: Editor):
        ed.open(top)
        await ed.wait_for(top)
        doc, _ = ed.at(top, "argmap")
        symbols = await ed.client.text_document_document_symbol_async(T.DocumentSymbolParams(doc))
        names = [(s.name, [c.name for c in s.children or []]) for s in symbols]
        assert names == [("1", []), ("T", []), ("§ 1", ["P1"])]
        assert symbols[2].detail == "Mornings"
        assert symbols[1].kind == T.SymbolKind.Object and symbols[1].detail == "thesis"
    run(scenario, kettle)


def test_definition_in_the_flagship_across_parts(tmp_path):
    flagship = GRAPHS / "icc-thesis.yaml"
    part = GRAPHS / "icc-thesis" / "links.yaml"
    text = part.read_text(encoding="utf-8")
    import re
    used = re.search(r"(?:from|to): ([A-Za-z0-9_.-]+)", text)
    assert used

    async def scenario(ed: Editor):
        ed.open(part)
        await ed.wait_for(part)
        doc, pos = ed.at(part, used.group(0), used.group(0).index(used.group(1)))
        found = await ed.client.text_document_definition_async(T.DefinitionParams(doc, pos))
        assert len(found) == 1 and Path(found[0].uri).parent.name == "icc-thesis"
        assert ed.diagnostics.get(uri(flagship)) is not None   # the whole map was checked
    run(scenario, GRAPHS)


def test_cli_has_the_lsp_command(cli):
    result = cli("lsp", "--help")
    assert result.exit_code == 0 and "Language Server Protocol" in result.output


def test_a_part_that_does_not_parse_does_not_break_the_rest_of_the_map(kettle):
    top, part = kettle / "kettle.yaml", kettle / "part.yaml"

    async def scenario(ed: Editor):
        ed.open(top)
        ed.open(part)
        await ed.wait_for(part)
        ed.change(part, PART.replace("    attacks: [O1]", "    attacks: [O1"))
        diags = await ed.wait_for(part, lambda d: "yaml-syntax" in codes(d))
        assert codes(diags) == {"yaml-syntax"}
        # the top map's thesis is still attacked by O1 (the part's last text that parsed):
        # no "unknown id" for what the broken part defines
        assert "unknown-id" not in codes(ed.diagnostics.get(uri(top), []))
        doc, pos = ed.at(top, "id: T", 4)
        refs = await ed.client.text_document_references_async(T.ReferenceParams(
            context=T.ReferenceContext(include_declaration=False), text_document=doc, position=pos))
        assert "part.yaml" in {Path(r.uri).name for r in refs}
    run(scenario, kettle)
