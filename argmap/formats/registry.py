"""The one list of interchange formats: names, file extensions, readers and writers.

``--from`` / ``--to`` choices and format guessing come from here, so every command offers the
same formats and one contract test can run over all of them.  Readers take ``(text, path)`` and
return an :class:`~argmap.model.ArgumentMap`; writers take a map and return ``str``.  Modules are
named as strings and imported only when a format is used.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from ..errors import ArgmapError, LoadError, Location


@dataclass(frozen=True)
class Format:
    name: str
    module: str
    reader: str | None        # function name in module, or None when argmap cannot read it
    writer: str | None        # function name in module, or None when argmap cannot write it
    extensions: tuple[str, ...]
    description: str
    sniff: str | None = None  # function name: (text) -> bool, for guessing from content

    def read(self, text: str, path: str):
        if not self.reader:
            raise LoadError(f"argmap cannot read {self.name} files", location=Location(path, 1, 1),
                            code="unsupported-format")
        return getattr(import_module(self.module, __package__), self.reader)(text, path)

    def write(self, amap) -> str:
        return getattr(import_module(self.module, __package__), self.writer)(amap)

    def read_with_diagnostics(self, text: str, path: str):
        """(map or None, diagnostics): warnings about what could still be imported, or errors."""
        module = import_module(self.module, __package__)
        detailed = getattr(module, f"{self.reader}_with_diagnostics", None)
        try:
            if detailed is not None:
                return detailed(text, path)
            return self.read(text, path), []
        except ArgmapError as exc:   # a file that cannot be imported at all (syntax, empty, ...)
            return None, list(exc.diagnostics)


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> None:
    FORMATS[fmt.name] = fmt


register(Format("yaml", ".yaml_map", "read_yaml", "write_yaml", (".yaml", ".yml"),
                "the argmap map format (canonical YAML)"))
register(Format("json", ".nodelink", "read_json", "write_json", (),
                "networkx node-link JSON (maps written as JSON load as 'yaml' format too)",
                sniff="sniff_node_link"))


def readable() -> list[str]:
    return [f.name for f in FORMATS.values() if f.reader]


def writable() -> list[str]:
    return [f.name for f in FORMATS.values() if f.writer]


def get(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format '{name}'; formats: " + ", ".join(FORMATS)) from None


def load_any(path: str, fmt: str | None = None):
    """Read *path* in any readable format: (map or None, diagnostics).

    The format is *fmt*, or guessed from the extension, then from the content; a file that no
    interchange format claims is read as an argmap map (YAML or JSON)."""
    from ..loader import load_with_diagnostics
    from ..document import read_text

    if fmt in (None, "yaml") and path.lower().endswith((".yaml", ".yml")):
        return load_with_diagnostics(path)
    try:
        text = read_text(path)
    except LoadError as exc:
        return None, list(exc.diagnostics)
    chosen = get(fmt) if fmt else guess(path, text)
    if chosen is None or chosen.name == "yaml":
        return load_with_diagnostics(path)
    amap, diags = chosen.read_with_diagnostics(text, path)
    if amap is not None and not amap.path:
        import dataclasses
        amap = dataclasses.replace(amap, path=path, files=(path,))
    return amap, diags


def guess(path: str, text: str | None = None) -> Format | None:
    """The format of *path*, from its extension, then from its content."""
    lower = path.lower()
    for f in FORMATS.values():
        if f.reader and any(lower.endswith(ext) for ext in f.extensions):
            return f
    if text is not None:
        for f in FORMATS.values():
            if f.reader and f.sniff and getattr(import_module(f.module, __package__), f.sniff)(text):
                return f
    return None


# -- interchange formats (argmap/formats/{argdown,aif,kialo,graphml,mermaid}.py) ----------------
register(Format("argdown", ".argdown", "read_argdown", "write_argdown", (".argdown", ".ad"),
                "Argdown, the classic syntax of @argdown/cli 1.x (Argdown+ is refused)",
                sniff="sniff_argdown"))
register(Format("aif", ".aif", "read_aif", "write_aif", (".aif", ".aif.json"),
                "Argument Interchange Format JSON (AIFdb, OVA3 and xAIF wrappers)", sniff="sniff_aif"))
register(Format("kialo", ".kialo", "read_kialo", None, (".kialo",),
                "Kialo discussion export, plain text (both layouts; import only)", sniff="sniff_kialo"))
register(Format("graphml", ".graphml", "read_graphml", "write_graphml", (".graphml",),
                "GraphML (the networkx graph of the map; lists as JSON strings)", sniff="sniff_graphml"))
register(Format("mermaid", ".mermaid", None, "write_mermaid", (".mmd", ".mermaid"),
                "Mermaid flowchart for Markdown on code-hosting sites (export only)"))
