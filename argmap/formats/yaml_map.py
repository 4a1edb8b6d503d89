"""The canonical YAML form of a map: ``write_yaml`` (reading is :func:`argmap.loader.load`).

Simple relations go back inline on their statement; relations with a context, locator or note
use the long form.  Includes are flattened: the output is one self-contained file (references
read from a BibTeX file stay there: the ``bibtex`` field is kept instead).
"""
from __future__ import annotations

from typing import Any

from .. import model as M
from ..vocab import INLINE_RELATIONS, RelationKind

__all__ = ["to_document", "write_yaml", "read_yaml"]

#: the relations a statement states inline, with their keys in the document
_INLINE_KEYS: tuple[tuple[RelationKind, str], ...] = tuple((k, k.value) for k in INLINE_RELATIONS)


def _loc_fields(item: Any) -> dict[str, Any]:
    """The locator of an element (``lines``, ``page``), the fields that are set."""
    out: dict[str, Any] = {}
    if item.lines:
        out["lines"] = list(item.lines)
    if item.page is not None:
        out["page"] = item.page
    return out


def to_document(amap: M.ArgumentMap) -> dict[str, Any]:
    """The map as a plain map document (what :func:`write_yaml` writes), fields in the
    canonical order, optional fields left out when unset."""
    doc = _head(amap)
    inline, long_form = _inline_relations(amap)
    statements = [_statement(s, inline) for s in amap.statements]
    if statements:
        doc["statements"] = statements
    if amap.inferences:
        doc["inferences"] = [{"id": i.id, "premises": list(i.premises), "conclusion": i.conclusion,
                              **({"scheme": i.scheme} if i.scheme else {}), **_loc_fields(i),
                              **({"note": i.note} if i.note is not None else {})}
                             for i in amap.inferences]
    rels = [_relation(r) for r in long_form]
    if rels:
        doc["relations"] = rels
    if amap.values:
        doc["values"] = [{"id": v.id, "name": v.name, "class": v.klass, **_loc_fields(v),
                          **({"note": v.note} if v.note is not None else {})} for v in amap.values]
    if amap.value_relations:
        doc["value-relations"] = [_relation(r) for r in amap.value_relations]
    if amap.value_system:
        doc["value-system"] = _value_system(amap.value_system)
    return doc


def _head(amap: M.ArgumentMap) -> dict[str, Any]:
    """The document's first fields: format version, title, thesis, source, sections, references
    (those not read from the map's BibTeX file) and the BibTeX file."""
    doc: dict[str, Any] = {"argmap": amap.version, "title": amap.title}
    if amap.thesis:
        doc["thesis"] = amap.thesis
    if amap.source_name or amap.source_file:
        doc["source"] = {k: v for k, v in (("name", amap.source_name), ("file", amap.source_file)) if v}
    if amap.sections:
        doc["sections"] = [{"id": s.id, "title": s.title, **({"inferred": True} if s.inferred else {}),
                            **_loc_fields(s)} for s in amap.sections]
    refs = {r.id: {k: v for k, v in (("author", r.author), ("title", r.title), ("year", r.year),
                                    ("url", r.url), ("note", r.note)) if v is not None}
            for r in amap.references if not (r.from_bibtex and amap.bibtex)}
    if refs:
        doc["references"] = refs
    if amap.bibtex:
        doc["bibtex"] = amap.bibtex
    return doc


def _inline_relations(amap: M.ArgumentMap) -> tuple[dict[str, dict[RelationKind, list[str]]], list[M.Relation]]:
    """Relations a statement can state inline (no context, locator or note), by source and
    kind, and the others (written in the long form)."""
    statement_ids = set(amap.statement_by_id)
    inline: dict[str, dict[RelationKind, list[str]]] = {}
    long_form = []
    for r in amap.relations:
        if r.context is None and not r.lines and r.page is None and r.note is None \
                and r.source in statement_ids:
            inline.setdefault(r.source, {}).setdefault(r.kind, []).append(r.target)
        else:
            long_form.append(r)
    return inline, long_form


def _statement(s: M.Statement, inline: dict[str, dict[RelationKind, list[str]]]) -> dict[str, Any]:
    d: dict[str, Any] = {"id": s.id, "kind": str(s.kind), "text": s.text}
    if s.section is not None:
        d["section"] = s.section
    d.update(_loc_fields(s))
    if s.cites:
        d["cites"] = [{"ref": c.ref, **({"pages": c.pages} if c.pages is not None else {})}
                      for c in s.cites]
    relations = inline.get(s.id)
    if relations:
        for kind, key in _INLINE_KEYS:
            if kind in relations:
                d[key] = relations[kind]
    if s.tags:
        d["tags"] = list(s.tags)
    if s.note is not None:
        d["note"] = s.note
    if s.ignore:
        d["ignore"] = list(s.ignore)
    if s.held_by is not None:
        d["held-by"] = s.held_by
    return d


def _value_system(vs: M.ValueSystem) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in (("position", vs.position), ("basis", vs.basis)) if v is not None}
    if vs.contexts:
        out["contexts"] = list(vs.contexts)
    out.update(_loc_fields(vs))
    return out


def _relation(r: M.Relation | M.ValueRelation) -> dict[str, Any]:
    d = {"from": r.source, "kind": str(r.kind), "to": r.target}
    if r.context is not None:
        d["context"] = r.context
    d.update(_loc_fields(r))
    if r.note is not None:
        d["note"] = r.note
    return d


def write_yaml(amap: M.ArgumentMap) -> str:
    """The map as canonical YAML (libyaml's dumper when installed)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(to_document(amap), Dumper=dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None, width=100)


def read_yaml(text: str, path: str = "<string>") -> M.ArgumentMap:
    """Read a map from YAML (or JSON) text: the loader, for the format registry."""
    from ..loader import loads

    return loads(text, path)
