"""Auditing a map's argument structure by hand: a seeded random sample of its relations.

A reader who audits a reconstruction re-reads a random sample of its relations against the
source and judges each one. This module draws that sample and writes it as a Markdown table;
the judging is the reader's.

In the field's words: a **support** gives a reason for a conclusion; the **linked premises** of an
inference support its conclusion only together, so each premise of an inference is sampled as
one support of the conclusion *via* that inference; an **attack** disputes a statement (an
objection attacks a claim, a rebuttal attacks an objection); an **undercut** disputes an
inference, the step from premises to conclusion; a **contradiction** is a symmetric tension
between two statements. ``promotes`` (a statement promotes a value) is not sampled: it joins a
statement and a value, not two parts of the argument.

The lines that justify a sampled relation are the union of the relation's own ``lines`` and the
``lines`` of its two ends (for a linked premise, also the inference's ``lines``): the passages a
reader must read to judge it.

The sample is reproducible: the population is listed in the map's order (relations as written,
then each inference's premises), and :class:`random.Random` with the given seed picks from it;
the sample keeps the map's order, so a table reads in document order.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from .model import ArgumentMap
from .vocab import ARGUMENT_RELATIONS, RelationKind

__all__ = ["SampledRelation", "DEFAULT_SEED", "population", "relation_sample", "sample_markdown",
           "read_sample_table", "read_judgements", "table_rows", "TABLE_COLUMNS"]

#: the seed the flagship map's audit uses (issue 13)
DEFAULT_SEED = 13

#: the columns of :func:`sample_markdown`; the first five are regenerated from the map
TABLE_COLUMNS = ("#", "source", "kind", "target", "lines", "reason", "verdict")


@dataclass(frozen=True)
class SampledRelation:
    """One relation of the map, with the lines that justify it.

    ``via`` names the inference when ``source`` is one of its linked premises (then ``kind`` is
    ``supports`` and ``target`` the inference's conclusion); ``target`` is an inference id for an
    undercut."""

    source: str
    kind: RelationKind
    target: str
    lines: tuple[int, ...]
    via: str | None = None

    @property
    def kind_text(self) -> str:
        """The kind as the table prints it: ``supports (linked, via I)`` for a linked premise."""
        return f"{self.kind} (linked, via {self.via})" if self.via else str(self.kind)

    def key(self) -> tuple[str, str, str]:
        """(source, kind as printed, target): what identifies the relation in a table."""
        return (self.source, self.kind_text, self.target)


def _lines_of(amap: ArgumentMap, element_id: str) -> tuple[int, ...]:
    s = amap.statement_by_id.get(element_id)
    if s is not None:
        return s.lines
    inf = amap.inference_by_id.get(element_id)
    return inf.lines if inf is not None else ()


def _union(*groups: Sequence[int]) -> tuple[int, ...]:
    return tuple(sorted({n for g in groups for n in g}))


def population(amap: ArgumentMap) -> list[SampledRelation]:
    """Every support, attack, undercut and contradiction of the map, and every linked premise
    of an inference, in the map's order, each with the lines that justify it."""
    out = [SampledRelation(r.source, r.kind, r.target,
                           _union(r.lines, _lines_of(amap, r.source), _lines_of(amap, r.target)))
           for r in amap.relations if r.kind in ARGUMENT_RELATIONS]
    for inf in amap.inferences:
        for p in inf.premises:
            out.append(SampledRelation(p, RelationKind.SUPPORTS, inf.conclusion,
                                       _union(inf.lines, _lines_of(amap, p),
                                              _lines_of(amap, inf.conclusion)), inf.id))
    return out


def relation_sample(amap: ArgumentMap, n: int = 60, seed: int = DEFAULT_SEED) -> list[SampledRelation]:
    """A seeded random sample of ``n`` relations (all of them when the map has fewer), in the
    map's order. The same map and seed give the same sample."""
    if n < 0:
        raise ValueError(f"a sample cannot have {n} relations")
    pop = population(amap)
    picked = random.Random(seed).sample(range(len(pop)), min(n, len(pop)))
    return [pop[i] for i in sorted(picked)]


def _lines_text(lines: Sequence[int]) -> str:
    """Lines as ranges: ``49, 52-54, 86``."""
    runs: list[list[int]] = []
    for n in lines:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table_rows(sample: Sequence[SampledRelation]) -> list[tuple[str, str, str, str]]:
    """The (source, kind, target, lines) cells :func:`sample_markdown` writes for each relation,
    as :func:`read_sample_table` reads them back."""
    return [(r.source, r.kind_text, r.target, _lines_text(r.lines)) for r in sample]


def sample_markdown(sample: Sequence[SampledRelation],
                    judgements: Mapping[tuple[str, str, str], tuple[str, str]] | None = None) -> str:
    """The sample as a Markdown table: number, source, kind, target, lines, reason, verdict.

    ``judgements`` maps a relation's :meth:`~SampledRelation.key` to ``(verdict, reason)``; a
    relation without one gets empty reason and verdict cells, for the reader to fill."""
    judgements = judgements or {}
    rows = ["| " + " | ".join(TABLE_COLUMNS) + " |", "|" + "---|" * len(TABLE_COLUMNS)]
    for i, rel in enumerate(sample, 1):
        verdict, reason = judgements.get(rel.key(), ("", ""))
        cells = [str(i), f"`{rel.source}`", rel.kind_text, f"`{rel.target}`", _lines_text(rel.lines),
                 _cell(reason), _cell(verdict)]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


_SPLIT = re.compile(r"(?<!\\)\|")


def _row_cells(line: str) -> list[str] | None:
    """The cells of one table row (escaped pipes restored), or None when the line is no row."""
    line = line.strip()
    if not (line.startswith("|") and line.endswith("|")):
        return None
    return [c.strip().replace("\\|", "|") for c in _SPLIT.split(line[1:-1])]


def _sample_rows(markdown: str) -> list[list[str]]:
    """The data rows of the first sample table in ``markdown``: the rows whose first cell is a
    number, up to the end of that table."""
    rows: list[list[str]] = []
    for line in markdown.splitlines():
        cells = _row_cells(line)
        if cells and len(cells) == len(TABLE_COLUMNS) and cells[0].isdigit():
            rows.append(cells)
        elif rows and cells is None:
            break
    return rows


def _unquote(cell: str) -> str:
    return cell[1:-1] if len(cell) >= 2 and cell[0] == cell[-1] == "`" else cell


def read_sample_table(markdown: str) -> list[tuple[str, str, str, str]]:
    """The (source, kind, target, lines) columns of every row of the first sample table in
    ``markdown`` (rows as :func:`sample_markdown` writes them), to compare with a new sample."""
    return [(_unquote(c[1]), c[2], _unquote(c[3]), c[4]) for c in _sample_rows(markdown)]


def read_judgements(markdown: str) -> dict[tuple[str, str, str], tuple[str, str]]:
    """The verdict and reason of every judged row of the first sample table in ``markdown``, by
    relation (:meth:`SampledRelation.key`), to carry an auditor's work over to a new sample."""
    return {(_unquote(c[1]), c[2], _unquote(c[3])): (c[6], c[5])
            for c in _sample_rows(markdown) if c[5] or c[6]}
