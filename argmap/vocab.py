"""The field's vocabulary as types: statement kinds, relations, labels, severities.

Each is a :class:`enum.StrEnum`, so a member *is* its text (``StatementKind.CLAIM == "claim"``, it prints
and serialises as ``claim``) and code that compares with the vocabulary names it instead of
spelling a literal.  The words, as argmap uses them:

* a **statement** is a proposition in the map; its :class:`StatementKind` is its role in the argument:
  the *thesis* (the map's main conclusion), a *claim* (an intermediate conclusion), a *premise*
  (a reason taken as given), *evidence* (a case, a document, a datum), an *objection* (it attacks
  something in the map), a *rebuttal* (it answers an objection), an *assumption* or a
  *definition* (accepted without support);
* a :class:`RelationKind` joins two elements of the map: *supports* (a reason for a conclusion),
  *attacks* (a rebuttal of a statement: it disputes the statement itself), *undercuts* (it
  disputes an inference, the step from premises to conclusion, not the premises or the
  conclusion), *contradicts* (a symmetric tension: the two cannot both hold) and *promotes* (a
  statement promotes a value, Bench-Capon 2003);
* a :class:`ValueRelationKind` orders or groups values: *ranks-above* (a preference between values,
  possibly only in a context), *part-of*, *includes*, *serves*;
* an evaluation gives each argument a :class:`Label` (Caminada's labellings of Dung's
  semantics): *IN* (accepted), *OUT* (rejected: an attacker is IN, or no support stands) or
  *UNDEC* (neither);
* a diagnostic has a :class:`Severity`.
"""
from __future__ import annotations

from enum import StrEnum

__all__ = ["StatementKind", "RelationKind", "ValueRelationKind", "ValueClass", "Label", "Severity",
           "STATEMENT_KINDS", "ARGUMENT_RELATIONS", "INLINE_RELATIONS", "VALUE_RELATIONS",
           "VALUE_CLASSES", "SEVERITIES", "LABELS", "NEEDS_SUPPORT", "FORMAT_VERSION"]

FORMAT_VERSION = 1


class StatementKind(StrEnum):
    """The role of a statement in the argument."""

    THESIS = "thesis"
    CLAIM = "claim"
    PREMISE = "premise"
    EVIDENCE = "evidence"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"
    ASSUMPTION = "assumption"
    DEFINITION = "definition"


class RelationKind(StrEnum):
    """A relation between statements (or, for undercuts, from a statement to an inference)."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"
    CONTRADICTS = "contradicts"
    PROMOTES = "promotes"


class ValueRelationKind(StrEnum):
    """A relation between values."""

    RANKS_ABOVE = "ranks-above"
    PART_OF = "part-of"
    INCLUDES = "includes"
    SERVES = "serves"


class ValueClass(StrEnum):
    """Purpose (meta) values are ends; instrumental values serve them."""

    PURPOSE = "purpose"
    INSTRUMENTAL = "instrumental"


class Label(StrEnum):
    """The label of an argument under an argumentation semantics."""

    IN = "IN"
    OUT = "OUT"
    UNDEC = "UNDEC"


class Severity(StrEnum):
    """How serious a diagnostic is, most serious first."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


STATEMENT_KINDS: tuple[StatementKind, ...] = tuple(StatementKind)
#: the relations between statements (``promotes`` joins a statement and a value)
ARGUMENT_RELATIONS: tuple[RelationKind, ...] = (RelationKind.SUPPORTS, RelationKind.ATTACKS,
                                             RelationKind.UNDERCUTS, RelationKind.CONTRADICTS)
#: the relations a statement may state inline (``supports: [...]`` and so on)
INLINE_RELATIONS: tuple[RelationKind, ...] = tuple(RelationKind)
VALUE_RELATIONS: tuple[ValueRelationKind, ...] = tuple(ValueRelationKind)
VALUE_CLASSES: tuple[ValueClass, ...] = tuple(ValueClass)
SEVERITIES: tuple[Severity, ...] = tuple(Severity)
LABELS: tuple[Label, ...] = tuple(Label)
#: kinds that stand only when supported (or cited): the conclusions of the argument
NEEDS_SUPPORT: frozenset[StatementKind] = frozenset({StatementKind.THESIS, StatementKind.CLAIM})

#: text -> member, for the loaders' hot paths (a dict look-up is cheaper than ``Kind(text)``)
KIND_BY_TEXT: dict[str, StatementKind] = {k.value: k for k in StatementKind}
RELATION_BY_TEXT: dict[str, RelationKind] = {r.value: r for r in RelationKind}
VALUE_RELATION_BY_TEXT: dict[str, ValueRelationKind] = {r.value: r for r in ValueRelationKind}
