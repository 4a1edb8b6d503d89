"""The argument model: frozen dataclasses that keep where each element was written.

Vocabulary (the field's words):

* a **statement** is a proposition in the map; its ``kind`` says its role: the *thesis* (the
  map's main conclusion), a *claim* (an intermediate conclusion), a *premise* (a reason taken as
  given), *evidence* (a case, document or datum), an *objection* (attacks something), a
  *rebuttal* (answers an objection), an *assumption* or a *definition* (accepted without support);
* an **inference** is a step from premises to a conclusion.  Premises of one inference are
  *linked*: they support the conclusion only together.  A plain ``supports`` relation is an
  inference with one premise;
* an **attack** targets a statement; an **undercut** targets an inference (the step, not its
  premises or conclusion); a **contradiction** is a symmetric tension between two statements;
* **values** (Bench-Capon 2003) are promoted by statements and ordered by ``ranks-above``
  relations, which may hold only in a ``context``.

Locations are excluded from equality, so two maps that say the same thing compare equal
wherever they were written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .errors import Location
from .vocab import (
    ARGUMENT_RELATIONS,
    FORMAT_VERSION,
    STATEMENT_KINDS,
    VALUE_CLASSES,
    VALUE_RELATIONS,
    RelationKind,
    StatementKind,
    ValueRelationKind,
)

__all__ = ["ArgumentMap", "Statement", "Inference", "Relation", "Section", "Reference", "Value",
           "ValueRelation", "ValueSystem", "Citation", "TourStep", "AUTHOR",
           # the vocabulary, re-exported for readers of the model
           "STATEMENT_KINDS", "ARGUMENT_RELATIONS", "VALUE_RELATIONS", "VALUE_CLASSES",
           "FORMAT_VERSION"]

#: ``held-by: author``: the map's author holds the statement (the default for the thesis)
AUTHOR = "author"


def _loc():
    return field(default_factory=Location, compare=False, repr=False)


@dataclass(frozen=True)
class Citation:
    ref: str
    pages: str | None = None
    location: Location = _loc()


@dataclass(frozen=True)
class Statement:
    """A proposition of the map.  ``held_by`` says who holds it: ``"author"`` (the map's
    author), a named party (a scholar, a state, a court, "realists"), or None when the map does
    not say (see :meth:`ArgumentMap.holder`)."""

    id: str
    kind: StatementKind
    text: str
    section: str | None = None
    lines: tuple[int, ...] = ()
    page: str | None = None
    cites: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    ignore: tuple[str, ...] = ()
    location: Location = _loc()
    held_by: str | None = None
    #: other wordings a grader accepts for this statement (``accept:``, see :mod:`argmap.align`)
    accept: tuple[str, ...] = ()

    @property
    def holder(self) -> str | None:
        """Who holds the statement: its ``held_by``, else the author for every kind but an
        objection (an objection is raised against the author's position, by someone the map
        does not name)."""
        if self.held_by is not None:
            return self.held_by
        return None if self.kind == StatementKind.OBJECTION else AUTHOR


@dataclass(frozen=True)
class Inference:
    """An explicit inference: its premises are linked (they support the conclusion together)."""

    id: str
    premises: tuple[str, ...]
    conclusion: str
    scheme: str | None = None
    lines: tuple[int, ...] = ()
    page: str | None = None
    note: str | None = None
    location: Location = _loc()


@dataclass(frozen=True)
class Relation:
    """A relation between map elements: supports, attacks, undercuts, contradicts or promotes."""

    source: str
    kind: RelationKind
    target: str
    context: str | None = None
    lines: tuple[int, ...] = ()
    page: str | None = None
    note: str | None = None
    inline: bool = field(default=True, compare=False)
    location: Location = _loc()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    inferred: bool = False
    lines: tuple[int, ...] = ()
    page: str | None = None
    location: Location = _loc()


@dataclass(frozen=True)
class Reference:
    id: str
    author: str | None = None
    title: str | None = None
    year: str | None = None
    url: str | None = None
    note: str | None = None
    location: Location = _loc()
    from_bibtex: bool = field(default=False, compare=False)

    def short(self) -> str:
        """A one-line description: author, title, year; as much as is known."""
        parts = [p for p in (self.author, self.title, self.year) if p]
        return ", ".join(parts) if parts else (self.note or f"reference {self.id}")


@dataclass(frozen=True)
class Value:
    id: str
    name: str
    klass: str = "instrumental"
    lines: tuple[int, ...] = ()
    page: str | None = None
    note: str | None = None
    location: Location = _loc()


@dataclass(frozen=True)
class ValueRelation:
    source: str
    kind: ValueRelationKind
    target: str
    context: str | None = None
    lines: tuple[int, ...] = ()
    page: str | None = None
    note: str | None = None
    location: Location = _loc()


@dataclass(frozen=True)
class ValueSystem:
    position: str | None = None
    basis: str | None = None
    contexts: tuple[str, ...] = ()   # the contexts of the system's own rankings
    lines: tuple[int, ...] = ()
    page: str | None = None
    location: Location = _loc()


@dataclass(frozen=True)
class TourStep:
    """A step of a teacher's guided tour (``tour:``): a statement and the teacher's words."""

    statement: str
    text: str
    location: Location = _loc()


@dataclass(frozen=True)
class ArgumentMap:
    title: str
    version: int = FORMAT_VERSION
    thesis: str | None = None
    source_name: str | None = None
    source_file: str | None = None
    sections: tuple[Section, ...] = ()
    references: tuple[Reference, ...] = ()
    bibtex: str | None = None
    statements: tuple[Statement, ...] = ()
    inferences: tuple[Inference, ...] = ()
    relations: tuple[Relation, ...] = ()
    values: tuple[Value, ...] = ()
    value_relations: tuple[ValueRelation, ...] = ()
    value_system: ValueSystem | None = None
    path: str | None = field(default=None, compare=False)
    location: Location = _loc()
    files: tuple[str, ...] = field(default=(), compare=False)  # every file read to build it
    tour: tuple[TourStep, ...] = ()   # a teacher's guided tour (replaces the generated one)

    # -- look-ups (derived once; the map itself never changes) -----------------------------
    @cached_property
    def statement_by_id(self) -> dict[str, Statement]:
        return {s.id: s for s in self.statements}

    @cached_property
    def inference_by_id(self) -> dict[str, Inference]:
        return {i.id: i for i in self.inferences}

    @cached_property
    def reference_by_id(self) -> dict[str, Reference]:
        return {r.id: r for r in self.references}

    @cached_property
    def value_by_id(self) -> dict[str, Value]:
        return {v.id: v for v in self.values}

    @cached_property
    def section_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}

    def relations_of(self, kind: str) -> list[Relation]:
        return [r for r in self.relations if r.kind == kind]

    def canonical(self) -> "ArgumentMap":
        """The same map with relations in a fixed order, for comparing maps by meaning."""
        import dataclasses

        def key(r):
            return (r.source, r.kind, r.target, r.context or "", r.lines, r.page or "", r.note or "")
        return dataclasses.replace(self, relations=tuple(sorted(self.relations, key=key)),
                                   value_relations=tuple(sorted(self.value_relations, key=key)))

    @property
    def name(self) -> str:
        """A file-name stem for outputs: the map file's name without its extension."""
        import os
        if not self.path:
            return "map"
        base = os.path.basename(self.path)
        for ext in (".yaml", ".yml", ".json"):
            if base.lower().endswith(ext):
                return base[: -len(ext)]
        return base.rsplit(".", 1)[0]
