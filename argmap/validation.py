"""Checking the elements of a whole map against each other: what makes a map *valid*.

The loader (:mod:`argmap.loader`) reads each element of a map and its parts on its own (fields,
types, ids); this module then checks them together.  A map is **valid** when

* every id is used once: statements, inferences and values share one name space; sections and
  references each have their own;
* the thesis, if named, is a statement;
* every relation starts at a statement and ends at an element of the right kind: a statement
  for ``supports``, ``attacks`` and ``contradicts``, an inference for ``undercuts`` (an undercut
  attacks the step from premises to conclusion, not a statement), a value for ``promotes``;
* every inference (a step from its *premises*, which are linked: they support the conclusion
  only together, to its *conclusion*) names statements, and its conclusion is not one of its
  premises;
* every value relation (``ranks-above``, ``part-of``, ...) joins two values;
* nothing relates to itself;
* when the map declares sections, every statement's section is one of them.

An id that is named but unknown is an ``unknown-id`` error (with a "did you mean" when a close
id exists), one of the wrong kind a ``wrong-target`` error.  A relation stated twice is only a
warning (``duplicate-relation``).
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from . import model as M
from .errors import Diagnostic, Location
from .suggest import Suggester

__all__ = ["Elements", "validate"]


@dataclass
class Elements:
    """The elements of a map as read from its files (the top file and its parts), before they
    are checked together."""

    sections: list[M.Section] = field(default_factory=list)
    references: list[M.Reference] = field(default_factory=list)
    statements: list[M.Statement] = field(default_factory=list)
    inferences: list[M.Inference] = field(default_factory=list)
    relations: list[M.Relation] = field(default_factory=list)
    values: list[M.Value] = field(default_factory=list)
    value_relations: list[M.ValueRelation] = field(default_factory=list)
    #: the located premises of each inference, by its id (an inference keeps their ids only)
    premises: dict[str, list[tuple[str, Location]]] = field(default_factory=dict)
    #: ids declared by elements that had other errors ("statement" -> kind): they are known, so
    #: that a broken statement does not also make every reference to it an unknown id
    broken: dict[str, str] = field(default_factory=dict)


def validate(elements: Elements, thesis: tuple[str, Location] | None = None) -> list[Diagnostic]:
    """Check *elements* together (and the located *thesis* id, if the map names one): the
    diagnostics that make the map invalid (errors) or doubtful (warnings), unsorted."""
    return _Validator(elements).run(thesis)


class _Validator:
    def __init__(self, e: Elements):
        self.e = e
        self.diags: list[Diagnostic] = []
        # id -> (what it is, where it was first declared), for statements, inferences and values
        self.declared: dict[str, tuple[str, Location]] = {}
        self.statement_ids = {s.id for s in e.statements}
        self.statement_ids |= {i for i, k in e.broken.items() if k == "statement"}
        self.inference_ids = {i.id for i in e.inferences}
        self.value_ids = {v.id for v in e.values}
        self.suggest = Suggester()   # (the pools above stay the same objects while it is used)

    def error(self, loc: Location, code: str, message: str) -> None:
        self.diags.append(Diagnostic(loc, code, message, "error"))

    def run(self, thesis: tuple[str, Location] | None) -> list[Diagnostic]:
        self.check_unique_ids()
        if thesis is not None:
            self.expect(thesis[0], self.statement_ids, "statement", thesis[1], "thesis")
        self.check_relations()
        self.check_inferences()
        self.check_value_relations()
        self.check_sections()
        return self.diags

    def check_unique_ids(self) -> None:
        declared = self.declared
        for kind, items in (("statement", self.e.statements), ("inference", self.e.inferences),
                            ("value", self.e.values)):
            for item in items:
                if item.id in declared:
                    what, first = declared[item.id]
                    self.error(item.location, "duplicate-id", f"id '{item.id}' is already used by a "
                               f"{what} at {first.path}:{first.line}:{first.col}")
                else:
                    declared[item.id] = (kind, item.location)
        for label, others in (("section", self.e.sections), ("reference", self.e.references)):
            seen: dict[str, Location] = {}
            for other in others:
                if other.id in seen:
                    first = seen[other.id]
                    self.error(other.location, "duplicate-id", f"{label} id '{other.id}' is already "
                               f"used at {first.path}:{first.line}:{first.col}")
                else:
                    seen[other.id] = other.location

    def expect(self, ident: str, pool: Collection[str], label: str, loc: Location, role: str,
               of: str = "") -> bool:
        """Whether *ident* is in *pool* (the ids of the *label*s); else an error at *loc*."""
        if ident in pool:
            return True
        article = "an" if label[0] in "aeiou" else "a"
        if ident in self.declared:
            self.error(loc, "wrong-target", f"{role} '{ident}'{of} is a {self.declared[ident][0]}, "
                       f"not {article} {label}")
        else:
            self.error(loc, "unknown-id", f"{role} '{ident}'{of} is not a known {label}"
                       f"{self.suggest(ident, pool)}")
        return False

    def check_relations(self) -> None:
        targets = {"undercuts": (self.inference_ids, "inference"), "promotes": (self.value_ids, "value")}
        seen: set[tuple[str, str, str, str | None]] = set()
        for r in self.e.relations:
            pool, label = targets.get(r.kind, (self.statement_ids, "statement"))
            self.expect(r.source, self.statement_ids, "statement", r.location, f"'{r.kind}' source")
            self.expect(r.target, pool, label, r.location, f"'{r.kind}' target")
            if r.source == r.target:
                self.error(r.location, "self-relation", f"'{r.source}' {r.kind} itself")
            key = (r.source, r.kind, r.target, r.context)
            if key in seen:
                self.diags.append(Diagnostic(r.location, "duplicate-relation", f"'{r.source}' {r.kind} "
                                             f"'{r.target}' is stated twice", "warning"))
            seen.add(key)

    def check_inferences(self) -> None:
        for inf in self.e.inferences:
            for p, ploc in self.e.premises.get(inf.id, ()):
                self.expect(p, self.statement_ids, "statement", ploc, "premise", f" of inference '{inf.id}'")
                if p == inf.conclusion:
                    self.error(ploc, "self-relation", f"inference '{inf.id}' has its conclusion "
                               f"'{p}' among its premises")
            self.expect(inf.conclusion, self.statement_ids, "statement", inf.location, "conclusion",
                        f" of inference '{inf.id}'")

    def check_value_relations(self) -> None:
        for vr in self.e.value_relations:
            self.expect(vr.source, self.value_ids, "value", vr.location, f"'{vr.kind}' source")
            self.expect(vr.target, self.value_ids, "value", vr.location, f"'{vr.kind}' target")
            if vr.source == vr.target:
                self.error(vr.location, "self-relation", f"value '{vr.source}' {vr.kind} itself")

    def check_sections(self) -> None:
        if not self.e.sections:
            return
        known = {s.id for s in self.e.sections}
        for s in self.e.statements:
            if s.section is not None and s.section not in known:
                self.error(s.location, "unknown-section", f"statement '{s.id}' is in section "
                           f"'{s.section}', which is not in 'sections'{self.suggest(s.section, known)}")
