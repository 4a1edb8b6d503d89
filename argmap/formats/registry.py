"""The one list of interchange formats: names, file extensions, readers and writers.

An **interchange format** is a way another tool writes an argument (Argdown, AIF, a Kialo
export, GraphML, ...); argmap reads it into a map, writes a map in it, or both.  ``--from`` /
``--to`` choices and format guessing come from here, so every command offers the same formats
and one contract test can run over all of them.  Readers take ``(text, path)`` and return an
:class:`~argmap.model.ArgumentMap`; writers take a map and return ``str``.  A format names its
module and functions as strings: the module is imported only when the format is used.

The list is :data:`FORMATS` (name -> :class:`Format`, in the order below); :func:`get` looks a
format up, :func:`readable` / :func:`writable` name those argmap can read / write,
:func:`guess` tells a file's format and :func:`load_any` reads a file in whichever it is.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import ArgmapError, Diagnostic, LoadError, Location
from ..registry import Registry

if TYPE_CHECKING:   # (the command line builds its --from / --to choices from here: keep it light)
    from ..model import ArgumentMap

__all__ = ["Format", "FORMATS", "register", "get", "readable", "writable", "guess", "load_any"]


@dataclass(frozen=True)
class Format:
    """An interchange format: its name, module (relative to this package), the names of its
    functions there and the file extensions it claims."""

    name: str
    module: str
    reader: str | None        # function name in module, or None when argmap cannot read it
    writer: str | None        # function name in module, or None when argmap cannot write it
    extensions: tuple[str, ...]
    description: str
    sniff: str | None = None  # function name: (text) -> bool, for guessing from content

    def _function(self, name: str) -> Callable[..., Any]:
        return getattr(self._module(), name)

    def _module(self) -> ModuleType:
        return import_module(self.module, __package__)

    def read(self, text: str, path: str) -> ArgumentMap:
        """The map in *text*; a LoadError (located) when it cannot be read."""
        if not self.reader:
            raise LoadError(f"argmap cannot read {self.name} files", location=Location(path, 1, 1),
                            code="unsupported-format")
        return self._function(self.reader)(text, path)

    def write(self, amap: ArgumentMap) -> str:
        """The map as text in this format."""
        if not self.writer:
            raise ValueError(f"argmap cannot write {self.name} files")
        return self._function(self.writer)(amap)

    def read_with_diagnostics(self, text: str, path: str) -> tuple[ArgumentMap | None, list[Diagnostic]]:
        """(map or None, diagnostics): warnings about what could still be imported, or errors."""
        detailed = getattr(self._module(), f"{self.reader}_with_diagnostics", None)
        try:
            if detailed is not None:
                return detailed(text, path)
            return self.read(text, path), []
        except ArgmapError as exc:   # a file that cannot be imported at all (syntax, empty, ...)
            return None, list(exc.diagnostics)

    def claims_extension(self, path: str) -> bool:
        """Whether argmap reads this format and *path* ends with one of its extensions."""
        lower = path.lower()
        return bool(self.reader) and any(lower.endswith(ext) for ext in self.extensions)

    def claims_content(self, text: str) -> bool:
        """Whether argmap reads this format and *text* looks like it."""
        return bool(self.reader and self.sniff) and self._function(self.sniff or "")(text)


#: every interchange format by name, in the order guessing tries them
FORMATS: Registry[Format] = Registry("format")


def register(fmt: Format) -> None:
    """Add a format to :data:`FORMATS` (after those there: guessing tries them in order)."""
    FORMATS.add(fmt.name, fmt)


for _fmt in (
    Format("yaml", ".yaml_map", "read_yaml", "write_yaml", (".yaml", ".yml"),
           "the argmap map format (canonical YAML)"),
    Format("json", ".nodelink", "read_json", "write_json", (),
           "networkx node-link JSON (maps written as JSON load as 'yaml' format too)",
           sniff="sniff_node_link"),
    # the interchange formats (argmap/formats/{argdown,aif,kialo,graphml,mermaid}.py)
    Format("argdown", ".argdown", "read_argdown", "write_argdown", (".argdown", ".ad"),
           "Argdown, the classic syntax of @argdown/cli 1.x (Argdown+ is refused)", sniff="sniff_argdown"),
    Format("aif", ".aif", "read_aif", "write_aif", (".aif", ".aif.json"),
           "Argument Interchange Format JSON (AIFdb, OVA3 and xAIF wrappers)", sniff="sniff_aif"),
    Format("kialo", ".kialo", "read_kialo", None, (".kialo",),
           "Kialo discussion export, plain text (both layouts; import only)", sniff="sniff_kialo"),
    Format("graphml", ".graphml", "read_graphml", "write_graphml", (".graphml",),
           "GraphML (the networkx graph of the map; lists as JSON strings)", sniff="sniff_graphml"),
    Format("mermaid", ".mermaid", None, "write_mermaid", (".mmd", ".mermaid"),
           "Mermaid flowchart for Markdown on code-hosting sites (export only)"),
):
    register(_fmt)
del _fmt


def readable() -> list[str]:
    """The names of the formats argmap reads."""
    return [f.name for f in FORMATS.values() if f.reader]


def writable() -> list[str]:
    """The names of the formats argmap writes."""
    return [f.name for f in FORMATS.values() if f.writer]


def get(name: str) -> Format:
    """The format called *name*; a ValueError naming the formats when there is none."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format '{name}'; formats: " + ", ".join(FORMATS)) from None


def guess(path: str, text: str | None = None) -> Format | None:
    """The format of *path*, from its extension, then from its content."""
    for f in FORMATS.values():
        if f.claims_extension(path):
            return f
    if text is not None:
        for f in FORMATS.values():
            if f.claims_content(text):
                return f
    return None


def load_any(path: str, fmt: str | None = None) -> tuple[ArgumentMap | None, list[Diagnostic]]:
    """Read *path* in any readable format: (map or None, diagnostics).

    The format is *fmt*, or guessed from the extension, then from the content; a file that no
    interchange format claims is read as an argmap map (YAML or JSON)."""
    from ..document import read_text
    from ..loader import load_with_diagnostics

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
        amap = dataclasses.replace(amap, path=path, files=(path,))
    return amap, diags
