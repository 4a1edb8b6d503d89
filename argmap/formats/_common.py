"""Helpers shared by the interchange readers (Argdown, AIF, Kialo, GraphML, node-link JSON).

Readers build a *located document*: the same structure a YAML map file has (``argmap``,
``title``, ``statements``, ...), made of :class:`~argmap.document.LMap` / :class:`LSeq`
containers whose every key and item carries the :class:`Location` in the *imported* file it
came from.  :func:`finish` hands that document to the map loader, so an imported map is
validated by exactly the rules a hand-written map is (ids, kinds, references, self relations),
and every problem is reported at ``path:line:col`` of the imported file.

Diagnostics found while importing (broken structures that can still be imported) are collected
in a :class:`Collector` as warnings; :func:`finish` merges them with the loader's.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from ..document import LMap, LSeq
from ..errors import ArgmapError, Diagnostic, LoadError, Location, sorted_diagnostics
from ..ids import ID_RE
from ..model import ArgumentMap
from ..vocab import RelationKind, Severity

_T = TypeVar("_T")

__all__ = ["Collector", "IdMaker", "ldoc", "clean_fields", "finish", "raise_or_return", "guard", "stem",
           "rest_of_document", "merge_rest", "REST_FIELDS", "yaml_dumper", "Imported"]

#: what an importer returns: the map (None when there are errors) and every diagnostic
Imported = tuple[ArgumentMap | None, list[Diagnostic]]


class Collector:
    """Located warnings and errors found while importing a file."""

    def __init__(self, path: str):
        self.path = path
        self.diags: list[Diagnostic] = []

    def loc(self, line: int = 1, col: int = 1) -> Location:
        return Location(self.path, line, col)

    def warning(self, loc: Location, code: str, message: str, hint: str | None = None) -> None:
        """Something imported around (left out, or imported otherwise), said at *loc*."""
        self.diags.append(Diagnostic(loc, code, message, Severity.WARNING, hint))

    def error(self, loc: Location, code: str, message: str, hint: str | None = None) -> None:
        """Something that keeps the file from being imported, said at *loc*."""
        self.diags.append(Diagnostic(loc, code, message, Severity.ERROR, hint))

    @property
    def has_errors(self) -> bool:
        return any(d.severity == Severity.ERROR for d in self.diags)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise LoadError(diagnostics=sorted_diagnostics(self.diags))


class IdMaker:
    """Turns foreign names (titles, node ids, claim numbers) into unique map ids.

    A name that already satisfies the id rule is kept as it is (so ids written by argmap come
    back unchanged); other names are transliterated to ASCII, runs of other characters become
    ``_`` and the result is cut to 80 characters.  A taken id gets ``_2``, ``_3``, ... appended.
    """

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.used: set[str] = set()
        self.counter: dict[str, int] = {}   # base -> the next suffix to try (k repeats: O(k))

    @staticmethod
    def slug(name: str, prefix: str = "") -> str:
        name = str(name)
        if ID_RE.match(prefix + name):
            return prefix + name
        ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
        s = re.sub(r"[^A-Za-z0-9_.\-]+", "_", ascii_.strip()).strip("_.-") or "x"
        s = prefix + s
        if not re.match(r"[A-Za-z0-9_]", s):
            s = "_" + s
        return s[:80]

    def make(self, name: str, *, keep: bool = True) -> str:
        base = self.slug(name, self.prefix)
        ident = base
        n = self.counter.get(base, 2)
        while ident in self.used:
            suffix = f"_{n}"
            ident = base[: 80 - len(suffix)] + suffix
            n += 1
        if ident != base:
            self.counter[base] = n
        self.used.add(ident)
        return ident

    def reserve(self, ident: str) -> None:
        self.used.add(ident)


def ldoc(value: Any, loc: Location) -> Any:
    """*value* (dicts, lists, scalars) as located containers, every part located at *loc*
    (parts that are already LMap/LSeq keep their own locations)."""
    if isinstance(value, (LMap, LSeq)):
        return value
    if isinstance(value, dict):
        out = LMap(loc)
        for key, item in value.items():
            out.key_loc[key] = loc
            out.val_loc[key] = getattr(item, "loc", loc)
            out.raw[key] = None
            out[key] = ldoc(item, getattr(item, "loc", loc))
        return out
    if isinstance(value, (list, tuple)):
        seq = LSeq(loc)
        for item in value:
            seq.item_loc.append(getattr(item, "loc", loc))
            seq.raw.append(None)
            seq.append(ldoc(item, getattr(item, "loc", loc)))
        return seq
    return value


def clean_fields(d: dict[str, Any]) -> dict[str, Any]:
    """*d* without None values, empty lists and empty strings (optional fields left out)."""
    return {k: v for k, v in d.items() if v is not None and v != [] and v != () and v != ""}


def finish(doc: dict[str, Any], path: str, collector: Collector) -> Imported:
    """Validate the located document with the map loader.

    Returns ``(map or None, diagnostics)``: the map is None when there are errors (the
    importer's or the loader's).  Diagnostics are sorted by location."""
    from .. import loader

    located = ldoc(doc, collector.loc())
    amap, diags = loader.from_document(located, path)
    all_diags = sorted_diagnostics(list(collector.diags) + list(diags))
    if any(d.severity == Severity.ERROR for d in all_diags):
        return None, all_diags
    return amap, all_diags


def raise_or_return(result: Imported) -> ArgumentMap:
    """``read_X`` from ``read_X_with_diagnostics``: the map, or a LoadError with every
    diagnostic (warnings included) when there is an error."""
    amap, diags = result
    if amap is None:
        raise LoadError(diagnostics=diags or [Diagnostic(Location(), "load", "cannot import")])
    return amap


def guard(func: Callable[[str, str], _T], text: str, path: str) -> _T:
    """Run an importer so that only ArgmapError escapes: any other exception is a bug in the
    importer, reported as a located LoadError (not as a traceback)."""
    try:
        return func(text, path)
    except ArgmapError:
        raise
    except RecursionError:
        raise LoadError("input is nested too deeply to import", location=Location(path, 1, 1),
                        code="too-deep") from None
    except Exception as exc:  # noqa: BLE001 - the contract: readers raise only ArgmapError
        raise LoadError(f"cannot import this file ({type(exc).__name__}: {exc})",
                        location=Location(path, 1, 1), code="import-failed") from exc


def stem(path: str) -> str:
    """The file name of *path* without its extension (a default title for an imported map)."""
    base = os.path.basename(path or "")
    return base.rsplit(".", 1)[0] if "." in base else (base or "map")


def rest_of_document(amap: ArgumentMap) -> dict[str, Any]:
    """The parts of a map that an interchange format has no place for (thesis, source,
    sections, references, values, value relations, value system, ``promotes`` relations), as a
    plain map-document fragment; written into the format's extension block and read back by
    :func:`merge_rest`."""
    from .yaml_map import to_document

    doc = to_document(amap)
    rest: dict[str, Any] = {k: doc[k] for k in ("thesis", "source", "sections", "values", "value-relations",
                                "value-system") if k in doc}
    # every reference inline (also those read from a BibTeX file): the output stands alone
    refs = {r.id: clean_fields({"author": r.author, "title": r.title, "year": r.year, "url": r.url,
                                "note": r.note}) for r in amap.references}
    if refs:
        rest["references"] = refs
    promotes = [{"from": r.source, "kind": r.kind, "to": r.target,
                 **clean_fields({"context": r.context, "lines": list(r.lines), "page": r.page,
                                 "note": r.note})}
                for r in amap.relations if r.kind == RelationKind.PROMOTES]
    if promotes:
        rest["relations"] = promotes
    return rest


REST_FIELDS = ("thesis", "source", "sections", "references", "values",
               "value-relations", "value-system", "relations")


def merge_rest(doc: dict[str, Any], rest: Any, loc: Location, collector: Collector, where: str) -> None:
    """Add an extension block written by :func:`rest_of_document` to *doc*."""
    if rest is None:
        return
    if not isinstance(rest, dict):
        collector.warning(loc, "extension", f"{where} is not a mapping; ignored")
        return
    for key, value in rest.items():
        if key not in REST_FIELDS:
            collector.warning(getattr(rest, "key_loc", {}).get(key, loc), "extension",
                              f"unknown field '{key}' in {where}; ignored")
            continue
        if key == "relations":
            doc.setdefault("relations", []).extend(value if isinstance(value, list) else [value])
        else:
            doc[key] = value


def yaml_dumper(fast: bool = True) -> Any:
    """A safe YAML dumper class (libyaml's when *fast* and installed) that also writes the
    vocabulary's enum members as their text."""
    from enum import StrEnum

    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if fast else yaml.SafeDumper
    if base not in _DUMPERS:
        class Dumper(base):  # type: ignore[valid-type,misc]
            pass
        Dumper.add_multi_representer(StrEnum, lambda d, v: d.represent_str(str(v)))
        _DUMPERS[base] = Dumper
    return _DUMPERS[base]


_DUMPERS: dict[Any, Any] = {}
