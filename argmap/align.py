"""Aligning the statements of two maps one to one: a student's map with a model answer, or two
versions of one map.

Layer: analysis (it reads the model only; :mod:`argmap.grade` and :mod:`argmap.diff` build on it).

Two statements are *aligned* when they say the same thing, whatever their ids and wording.
The similarity of two texts is rapidfuzz's ``token_sort_ratio`` on texts lower-cased and
stripped of punctuation (so word order, case and punctuation do not count), from 0 to 1; a
model statement's ``accept:`` alternatives count as further wordings of it (the best one
counts).  The pairs are chosen together, not greedily: scipy's ``linear_sum_assignment`` finds
the one-to-one assignment with the largest total similarity, and a pair below the *threshold*
is dropped (its statements stay unaligned).  Pairs fixed beforehand (by id, or by a teacher's
alignment file) are kept and the rest is assigned among what is left.

An :class:`Alignment` reads left to right: ``left`` is the student's (or the old) map,
``right`` the model (or the new) one.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from . import model as M
from .errors import LoadError, Location, ValidationError

__all__ = ["Pair", "Alignment", "align", "similarity", "similarity_matrix", "read_alignment",
           "DEFAULT_THRESHOLD", "alignment_lines"]

#: pairs less similar than this are not aligned (0..1)
DEFAULT_THRESHOLD = 0.5
#: a tie-breaker: of two equally similar candidates, the one with the same id wins
_SAME_ID_BONUS = 1e-6


@dataclass(frozen=True)
class Pair:
    """Statement *left* of the first map is aligned with *right* of the second.  *how*: ``id``
    (the same id), ``text`` (by similarity), ``accept`` (by one of the model's ``accept:``
    wordings) or ``manual`` (a teacher's alignment file)."""

    left: str
    right: str
    score: float
    how: str


@dataclass(frozen=True)
class Alignment:
    pairs: tuple[Pair, ...]
    unmatched_left: tuple[str, ...]
    unmatched_right: tuple[str, ...]
    threshold: float = DEFAULT_THRESHOLD
    #: for unaligned left statements, the most similar right one and its similarity
    nearest: dict[str, tuple[str, float]] = field(default_factory=dict, compare=False)

    @cached_property
    def forward(self) -> dict[str, str]:
        """left id -> right id"""
        return {p.left: p.right for p in self.pairs}

    @cached_property
    def backward(self) -> dict[str, str]:
        """right id -> left id"""
        return {p.right: p.left for p in self.pairs}

    def as_dict(self) -> dict:
        return {"threshold": self.threshold,
                "pairs": [{"student": p.left, "model": p.right, "similarity": round(p.score, 3),
                           "how": p.how} for p in self.pairs],
                "unmatched_student": list(self.unmatched_left),
                "unmatched_model": list(self.unmatched_right)}


def _process(text: str) -> str:
    from rapidfuzz.utils import default_process

    return default_process(text)


def similarity(a: str, b: str) -> float:
    """How alike two texts are, from 0 to 1 (word order, case and punctuation aside)."""
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(_process(a), _process(b)) / 100.0


def similarity_matrix(left: Sequence[str], right: Sequence[Sequence[str]]):
    """A numpy array: ``[i, j]`` is the best similarity of ``left[i]`` to any wording of
    ``right[j]`` (a text and its alternatives), and a second array of which wording won (0: the
    text itself)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    rows = [_process(t) for t in left]
    flat, owner, which = [], [], []
    for j, wordings in enumerate(right):
        for k, w in enumerate(wordings):
            flat.append(_process(w))
            owner.append(j)
            which.append(k)
    best = np.zeros((len(left), len(right)))
    won = np.zeros((len(left), len(right)), dtype=int)
    if not rows or not flat:
        return best, won
    scores = process.cdist(rows, flat, scorer=fuzz.token_sort_ratio, dtype=np.float64, workers=1) / 100.0
    for col, (j, k) in enumerate(zip(owner, which)):
        better = scores[:, col] > best[:, j]
        best[better, j] = scores[better, col]
        won[better, j] = k
    return best, won


def align(left: M.ArgumentMap, right: M.ArgumentMap, *, threshold: float = DEFAULT_THRESHOLD,
          by_id: bool = False, fixed: Mapping[str, str | None] | None = None) -> Alignment:
    """Align the statements of *left* with those of *right* (see the module's docstring).

    With *by_id*, statements with the same id are aligned first whatever their texts (two
    versions of one map).  *fixed* maps left ids to right ids (or to None: leave unaligned)
    before anything else; unknown ids in it raise :class:`ValidationError`."""
    pairs: list[Pair] = []
    taken_l: set[str] = set()
    taken_r: set[str] = set()
    for lid, rid in (fixed or {}).items():
        taken_l.add(lid)
        if rid is not None:
            pairs.append(Pair(lid, rid, similarity(left.statement_by_id[lid].text,
                                                   right.statement_by_id[rid].text), "manual"))
            taken_r.add(rid)
    if by_id:
        for s in left.statements:
            if s.id not in taken_l and s.id in right.statement_by_id and s.id not in taken_r:
                pairs.append(Pair(s.id, s.id, similarity(s.text, right.statement_by_id[s.id].text), "id"))
                taken_l.add(s.id)
                taken_r.add(s.id)
    rest_l = [s for s in left.statements if s.id not in taken_l]
    rest_r = [s for s in right.statements if s.id not in taken_r]
    more, nearest = _assign(rest_l, rest_r, threshold)
    pairs += more
    got_l = {p.left for p in pairs}
    got_r = {p.right for p in pairs}
    order = {s.id: i for i, s in enumerate(left.statements)}
    pairs.sort(key=lambda p: order.get(p.left, 0))
    return Alignment(tuple(pairs), tuple(s.id for s in left.statements if s.id not in got_l),
                     tuple(s.id for s in right.statements if s.id not in got_r), threshold,
                     {k: v for k, v in nearest.items() if k not in got_l})


def _assign(left: list[M.Statement], right: list[M.Statement], threshold: float):
    """The optimal one-to-one pairs of *left* and *right* at or above *threshold*, and for
    every left statement its most similar right one."""
    if not left or not right:
        return [], {}
    from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

    best, won = similarity_matrix([s.text for s in left], [(s.text, *s.accept) for s in right])
    gain = best.copy()
    for i, s in enumerate(left):
        for j, r in enumerate(right):
            if s.id == r.id:
                gain[i, j] += _SAME_ID_BONUS
    rows, cols = linear_sum_assignment(gain, maximize=True)
    pairs = []
    for i, j in zip(rows, cols):
        score = float(best[i, j])
        if score >= threshold:
            pairs.append(Pair(left[i].id, right[j].id, score, "accept" if won[i, j] else "text"))
    nearest = {}
    for i, s in enumerate(left):
        j = int(best[i].argmax())
        nearest[s.id] = (right[j].id, float(best[i, j]))
    return pairs, nearest


# -- a teacher's alignment file ----------------------------------------------------------------
def read_alignment(path: str, student: M.ArgumentMap, model: M.ArgumentMap) -> dict[str, str | None]:
    """A teacher's alignment: student id -> model id (or None: this statement matches nothing).

    YAML (or JSON): a mapping ``student-id: model-id`` (``null`` or ``"-"`` for none).  CSV: two
    columns, student id and model id (an empty or ``-`` model id for none); a first row
    ``student,model`` is a header.  Every id must exist; each is located when it does not."""
    from .document import read_text

    text = read_text(path)
    rows = _csv_rows(text, path) if path.lower().endswith(".csv") else _yaml_rows(text, path)
    out: dict[str, str | None] = {}
    problems = []
    seen_model: dict[str, Location] = {}
    for sid, mid, loc in rows:
        if sid not in student.statement_by_id:
            problems.append((loc, f"'{sid}' is not a statement of the student's map"))
            continue
        if mid is not None and mid not in model.statement_by_id:
            problems.append((loc, f"'{mid}' is not a statement of the model map"))
            continue
        if mid is not None and mid in seen_model:
            problems.append((loc, f"model statement '{mid}' is aligned twice (first at {seen_model[mid]})"))
            continue
        if mid is not None:
            seen_model[mid] = loc
        out[sid] = mid
    if problems:
        from .errors import Diagnostic
        raise ValidationError(diagnostics=[Diagnostic(loc, "bad-alignment", msg) for loc, msg in problems])
    return out


def _none(value) -> str | None:
    text = "" if value is None else str(value).strip()
    return None if text in ("", "-", "~", "null", "none") else text


def _csv_rows(text: str, path: str) -> list[tuple[str, str | None, Location]]:
    out = []
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [c.strip() for c in row]
        if not cells or not any(cells) or cells[0].startswith("#"):
            continue
        if n == 1 and [c.lower() for c in cells[:2]] == ["student", "model"]:
            continue
        if len(cells) < 2 or not cells[0]:
            raise LoadError("a row of the alignment must be: student id, model id",
                            location=Location(path, n, 1), code="bad-alignment")
        out.append((cells[0], _none(cells[1]), Location(path, n, 1)))
    return out


def _yaml_rows(text: str, path: str) -> list[tuple[str, str | None, Location]]:
    from .document import LMap, parse

    doc = parse(text, path)
    if not isinstance(doc, LMap):
        raise LoadError("the alignment must be a mapping of student id to model id",
                        location=getattr(doc, "loc", Location(path)), code="bad-alignment")
    out = []
    for key in doc:
        value = doc[key]
        raw = doc.raw.get(key) if value is not None else None
        out.append((str(key), _none(raw if raw is not None else value), doc.key_loc[key]))
    return out


def alignment_lines(a: Alignment, student: M.ArgumentMap, model: M.ArgumentMap,
                    width: int = 60) -> Iterable[str]:
    """The alignment as text a teacher can check: one pair a line, then what is unaligned."""
    def short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
    for p in a.pairs:
        yield (f"  {p.left} = {p.right}  ({p.score:.0%} {p.how})  "
               f"\u201c{short(student.statement_by_id[p.left].text)}\u201d")
    for sid in a.unmatched_left:
        near = a.nearest.get(sid)
        hint = f"  (nearest: {near[0]}, {near[1]:.0%})" if near else ""
        yield f"  {sid} = -{hint}  \u201c{short(student.statement_by_id[sid].text)}\u201d"
    for mid in a.unmatched_right:
        yield f"  - = {mid}  \u201c{short(model.statement_by_id[mid].text)}\u201d"
