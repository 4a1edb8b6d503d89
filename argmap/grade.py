"""Grading a student's map against a model map: scores, and named mistakes phrased for the student.

Layer: analysis (it reads the model, the argument graph and the alignment of :mod:`argmap.align`).

The student's statements are first aligned one to one with the model's (by text, see
:mod:`argmap.align`); everything below is counted over that alignment, in the model's ids.

**Scores.**  Four kinds of relation are compared as sets, each with precision (how many of the
student's are in the model), recall (how many of the model's the student found) and F1:

* *support*: a premise and the conclusion it supports, whether on its own (``supports``) or as
  one of the linked premises of an inference;
* *attack*: an attacker and the statement it attacks (a rebuttal in the strict sense);
* *undercut*: an undercutter and the conclusion of the inference whose step it attacks;
* *linked premises*: two premises and the conclusion they support together (each pair of
  co-premises of an inference).

A relation of the student's whose ends are not both aligned counts against precision.  A kind
of relation that neither map has is not scored (``None``), rather than scored 1.  Agreement on
statement kinds is Cohen's kappa over the aligned pairs; the **main claim** is identified when
the student's main claim is aligned with the model's (the ``thesis``, else the only statement
of kind thesis, else the only root: a statement that bears on nothing).

The **combined score** is the weighted mean of the scores that apply: the F1 of the statements
(aligned pairs over both maps' statements), the four relation F1s, kappa (below 0 counts as 0)
and the main claim (1 or 0), with weights from a rubric (:func:`read_rubric`; 1 each by
default).  The **CASS-style** figures (after Duthie, Lawrence, Budzynska & Reed 2016, *The CASS
technique for evaluating the performance of argument mining*) are given for comparison with the
argument-mining literature: the mean of a segmentation score and a relation score, where the
segmentation score is the F1 of the statement alignment (the student's units against the
model's) and the relation score is Cohen's kappa (CASS-κ) or the macro F1 over the relation
labels (CASS-F1) of a confusion matrix over every ordered pair of aligned statements, each pair
labelled support, attack, undercut or none in either map.  There is no dialogical layer, so the
figure combines these two parts only (see docs/teaching.md).

**Named mistakes** (:class:`Mistake`), each located in the student's file:
``missing-co-premise``, ``premise-should-be-conclusion``, ``wrong-target``,
``support-attack-confused``, ``undercut-as-rebuttal``, ``missing-objection`` and
``extra-claim`` (see :data:`MISTAKES`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import model as M
from .align import DEFAULT_THRESHOLD, Alignment, align
from .argument_graph import argument_graph
from .errors import Location, ValidationError
from .vocab import RelationKind, StatementKind

__all__ = ["Score", "Mistake", "Grade", "grade", "read_rubric", "main_claim", "kappa", "MISTAKES",
           "WEIGHTS", "RELATIONS", "grade_text", "grade_record", "score_lines", "gradebook_row",
           "GRADEBOOK_COLUMNS"]

#: the named mistakes, code -> what it means (for the teacher)
MISTAKES = {
    "missing-co-premise": "a linked argument lacks one of the premises it needs",
    "premise-should-be-conclusion": "a statement the text argues for is drawn as a reason for its own reason",
    "wrong-target": "an attack or undercut is aimed at another statement than in the text",
    "support-attack-confused": "a support is drawn as an attack, or an attack as a support",
    "undercut-as-rebuttal": "an attack on the step of an inference is drawn as an attack on a statement",
    "missing-objection": "an objection (or an answer to one) of the text is not in the map",
    "extra-claim": "a statement that is not in the text's argument",
}
RELATIONS = ("support", "attack", "undercut", "linked")
#: the default weights of the combined score (a rubric may change any of them)
WEIGHTS = {"statements": 1.0, "support": 1.0, "attack": 1.0, "undercut": 1.0, "linked": 1.0,
           "kinds": 1.0, "main-claim": 1.0}
_GIVEN = frozenset({StatementKind.PREMISE, StatementKind.EVIDENCE, StatementKind.ASSUMPTION,
                    StatementKind.DEFINITION})


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of *found* of the student's *student* items among the model's
    *model* items; all None when neither has any."""

    found: int
    student: int
    model: int

    @property
    def precision(self) -> float | None:
        return None if not (self.student or self.model) else (self.found / self.student if self.student else 0.0)

    @property
    def recall(self) -> float | None:
        return None if not (self.student or self.model) else (self.found / self.model if self.model else 0.0)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def record(self) -> dict:
        return {"found": self.found, "student": self.student, "model": self.model,
                "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1)}


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


@dataclass(frozen=True)
class Mistake:
    """A named mistake (see :data:`MISTAKES`), located in the student's file and phrased for the
    student.  *student* names the student's statements (or inferences) it concerns; *edge* the
    student's relation ``(source, kind, target)`` when it is one; *model* the model's ids."""

    code: str
    location: Location
    message: str
    student: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    edge: tuple[str, str, str] | None = None

    def format(self) -> str:
        return f"{self.location}: mistake[{self.code}]: {self.message}"

    def record(self) -> dict:
        out = {"code": self.code, "where": str(self.location), "message": self.message,
               "student": list(self.student), "model": list(self.model)}
        if self.edge:
            out["edge"] = list(self.edge)
        return out


@dataclass
class Grade:
    student: M.ArgumentMap
    model: M.ArgumentMap
    alignment: Alignment
    statements: Score
    relations: dict[str, Score]
    kappa: float | None
    main_claim: bool | None
    cass_kappa: float
    cass_f1: float
    weights: dict[str, float]
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def parts(self) -> dict[str, float | None]:
        """Each scored part of the combined score, 0..1, or None when it does not apply."""
        out: dict[str, float | None] = {"statements": self.statements.f1}
        out.update({k: v.f1 for k, v in self.relations.items()})
        out["kinds"] = None if self.kappa is None else max(0.0, self.kappa)
        out["main-claim"] = None if self.main_claim is None else float(self.main_claim)
        return out

    @property
    def score(self) -> float:
        """The combined score: the weighted mean of the parts that apply."""
        total = weight = 0.0
        for name, value in self.parts.items():
            w = self.weights.get(name, 0.0)
            if value is not None and w:
                total += w * value
                weight += w
        return total / weight if weight else 0.0


# -- reading the maps -----------------------------------------------------------------------------
def main_claim(amap: M.ArgumentMap) -> str | None:
    """The map's main claim: its thesis, else its only statement of kind thesis, else its only
    root (a statement that supports, attacks and undercuts nothing, but that something bears on)."""
    if amap.thesis:
        return amap.thesis
    theses = [s.id for s in amap.statements if s.kind == StatementKind.THESIS]
    if len(theses) == 1:
        return theses[0]
    graph = argument_graph(amap)
    targets = {r.target for r in amap.relations} | {i.conclusion for i in amap.inferences}
    roots = [s.id for s in amap.statements if s.id not in graph.bears_on_something and s.id in targets]
    return roots[0] if len(roots) == 1 else None


class _Facts:
    """The relations of one map as sets, with each element's ids passed through *name* (the
    model's ids, for the student's map)."""

    def __init__(self, amap: M.ArgumentMap, name: Mapping[str, str] | None = None) -> None:
        self.amap = amap
        self.graph = argument_graph(amap)

        def n(x: str) -> str:
            return x if name is None else name.get(x, "\x00" + x)   # unaligned: matches nothing
        self.name = n
        self.support = {(n(p), n(step.conclusion)) for step in self.graph.steps.values() for p in step.premises}
        self.attack = {(n(r.source), n(r.target)) for r in amap.relations if r.kind == RelationKind.ATTACKS}
        infs = amap.inference_by_id
        self.undercut = {(n(r.source), n(infs[r.target].conclusion)) for r in amap.relations
                         if r.kind == RelationKind.UNDERCUTS and r.target in infs}
        self.linked = {(*sorted((n(a), n(b))), n(i.conclusion)) for i in amap.inferences
                       for k, a in enumerate(i.premises) for b in i.premises[k + 1:]}

    def sets(self) -> dict[str, set]:
        return {"support": self.support, "attack": self.attack, "undercut": self.undercut, "linked": self.linked}

    def label(self, a: str, b: str) -> str:
        if (a, b) in self.support:
            return "support"
        if (a, b) in self.attack:
            return "attack"
        return "undercut" if (a, b) in self.undercut else "none"


# -- scores ----------------------------------------------------------------------------------------
def kappa(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels, one ``(a, b)`` pair per item; None for no items.
    When chance agreement is total (every item has one label), kappa is 1 if they agree on all."""
    counts: dict[tuple[str, str], int] = {}
    for p in pairs:
        counts[p] = counts.get(p, 0) + 1
    return _kappa(counts)


def _kappa(counts: Mapping[tuple[str, str], int]) -> float | None:
    n = sum(counts.values())
    if not n:
        return None
    agree = sum(v for (a, b), v in counts.items() if a == b) / n
    rows: dict[str, int] = {}
    cols: dict[str, int] = {}
    for (a, b), v in counts.items():
        rows[a] = rows.get(a, 0) + v
        cols[b] = cols.get(b, 0) + v
    chance = sum(rows[k] * cols.get(k, 0) for k in rows) / (n * n)
    if chance >= 1.0:
        return 1.0 if agree >= 1.0 else 0.0
    return (agree - chance) / (1 - chance)


def _macro_f1(counts: Mapping[tuple[str, str], int], labels: Iterable[str]) -> float | None:
    scores = []
    for k in labels:
        tp = counts.get((k, k), 0)
        student = sum(v for (_, b), v in counts.items() if b == k)
        model = sum(v for (a, _), v in counts.items() if a == k)
        f1 = Score(tp, student, model).f1
        if f1 is not None:
            scores.append(f1)
    return sum(scores) / len(scores) if scores else None


def _pair_labels(model: _Facts, student: _Facts, aligned: list[str]) -> dict[tuple[str, str], int]:
    """The confusion matrix (model label, student label) over every ordered pair of aligned
    statements (model ids): only pairs that some map relates are visited; the rest are none/none."""
    inside = set(aligned)
    related: set[tuple[str, str]] = set()
    for facts in (model, student):
        for rel in (facts.support, facts.attack, facts.undercut):
            related.update((a, b) for a, b in rel if a in inside and b in inside and a != b)
    counts: dict[tuple[str, str], int] = {}
    for a, b in related:
        key = (model.label(a, b), student.label(a, b))
        counts[key] = counts.get(key, 0) + 1
    rest = len(aligned) * (len(aligned) - 1) - len(related)
    if rest:
        counts[("none", "none")] = counts.get(("none", "none"), 0) + rest
    return counts


def grade(student: M.ArgumentMap, model: M.ArgumentMap, *, threshold: float = DEFAULT_THRESHOLD,
          fixed: Mapping[str, str | None] | None = None, weights: Mapping[str, float] | None = None) -> Grade:
    """Grade *student* against *model* (see the module's docstring).  *fixed* is a teacher's
    alignment (student id -> model id or None), kept before the rest is aligned by text."""
    a = align(student, model, threshold=threshold, fixed=fixed)
    m_facts = _Facts(model)
    s_facts = _Facts(student, a.forward)
    relations = {}
    for kind, model_set in m_facts.sets().items():
        student_set = s_facts.sets()[kind]
        relations[kind] = Score(len(student_set & model_set), len(student_set), len(model_set))
    statements = Score(len(a.pairs), len(student.statements), len(model.statements))
    kinds = kappa((str(model.statement_by_id[p.right].kind), str(student.statement_by_id[p.left].kind))
                  for p in a.pairs)
    s_main, m_main = main_claim(student), main_claim(model)
    identified = None if m_main is None else (s_main is not None and a.forward.get(s_main) == m_main)
    counts = _pair_labels(m_facts, s_facts, [p.right for p in a.pairs])
    seg = statements.f1 or 0.0
    rel_kappa = _kappa(counts)
    rel_f1 = _macro_f1(counts, ("support", "attack", "undercut"))
    g = Grade(student, model, a, statements, relations, kinds, identified,
              (seg + (rel_kappa if rel_kappa is not None else 0.0)) / 2,
              (seg + (rel_f1 if rel_f1 is not None else 1.0 if rel_kappa == 1.0 else 0.0)) / 2,
              {**WEIGHTS, **(weights or {})})
    g.mistakes = _Mistakes(g, m_facts, s_facts).find()
    return g


# -- named mistakes --------------------------------------------------------------------------------
def _quote(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= width else text[: width - 1].rstrip() + "\u2026") + "\u201d"


class _Mistakes:
    """Finds the named mistakes of one grade, in the order of :data:`MISTAKES`, each once."""

    def __init__(self, g: Grade, model: _Facts, student: _Facts) -> None:
        self.g, self.m, self.s = g, model, student
        self.fwd, self.back = g.alignment.forward, g.alignment.backward
        self.out: list[Mistake] = []
        self.rel_loc: dict[tuple[str, str, str], Location] = {}
        for r in g.student.relations:
            self.rel_loc.setdefault((r.source, str(r.kind), r.target), r.location)
        for inf in g.student.inferences:
            for p in inf.premises:
                self.rel_loc.setdefault((p, "supports", inf.conclusion), inf.location)

    def find(self) -> list[Mistake]:
        self.missing_co_premises()
        self.premises_that_are_conclusions()
        self.attacks()
        self.missing_objections()
        self.extra_claims()
        return self.out

    # helpers
    def text(self, model_id: str) -> str:
        return _quote(self.g.model.statement_by_id[model_id].text)

    def stext(self, student_id: str) -> str:
        return _quote(self.g.student.statement_by_id[student_id].text)

    def where(self, sid: str | None) -> Location:
        st = self.g.student.statement_by_id.get(sid) if sid else None
        return st.location if st is not None else self.g.student.location

    def add(self, code: str, loc: Location, message: str, student=(), model=(), edge=None) -> None:
        self.out.append(Mistake(code, loc, message, tuple(student), tuple(model), edge))

    def student_edges(self, kinds: Iterable[str]) -> Iterable[tuple[str, str, str]]:
        """The student's relations of these kinds between aligned statements: (source, kind,
        target) in the student's ids; for undercuts, the target is the inference's conclusion."""
        infs = self.g.student.inference_by_id
        for r in self.g.student.relations:
            if str(r.kind) not in kinds:
                continue
            target = infs[r.target].conclusion if r.kind == RelationKind.UNDERCUTS else r.target
            if r.source in self.fwd and target in self.fwd:
                yield r.source, str(r.kind), target
        if "supports" in kinds:     # linked premises support their conclusion too
            for inf in self.g.student.inferences:
                for p in inf.premises:
                    if p in self.fwd and inf.conclusion in self.fwd:
                        yield p, "supports", inf.conclusion

    # the mistakes
    def missing_co_premises(self) -> None:
        for inf in self.g.model.inferences:
            sc = self.back.get(inf.conclusion)
            if sc is None or len(inf.premises) < 2:
                continue
            steps = argument_graph(self.g.student).steps_for.get(sc, [])
            used = {self.fwd[p] for step in steps for p in step.premises if p in self.fwd}
            present = [p for p in inf.premises if p in used]
            if not present:
                continue
            step = next(st for st in steps if any(self.fwd.get(p) in present for p in st.premises))
            loc = (self.g.student.inference_by_id[step.inference].location if step.inference
                   else self.rel_loc.get((step.premises[0], "supports", sc), self.where(sc)))
            for q in inf.premises:
                if q not in used:
                    others = ", ".join(self.text(p) for p in present)
                    self.add("missing-co-premise", loc,
                             f"your argument for {self.stext(sc)} leaves out a premise it needs: "
                             f"{self.text(q)}; in the text it supports the conclusion only together "
                             f"with {others}", student=[sc] + [self.back[p] for p in present],
                             model=[inf.id, q])

    def premises_that_are_conclusions(self) -> None:
        for sa, kind, sb in self.student_edges(("supports",)):
            a, b = self.fwd[sa], self.fwd[sb]
            if (b, a) in self.m.support and (a, b) not in self.m.support:
                self.add("premise-should-be-conclusion", self.rel_loc[(sa, kind, sb)],
                         f"you drew {self.stext(sa)} as a reason for {self.stext(sb)}, but in the text "
                         "it is the other way round: it is the conclusion, and that statement is a "
                         "reason for it", student=[sa, sb], model=[a, b], edge=(sa, kind, sb))
        for p in self.g.alignment.pairs:
            s, m = self.g.student.statement_by_id[p.left], self.g.model.statement_by_id[p.right]
            reasons = [x for step in self.m.graph.steps_for.get(m.id, ()) for x in step.premises]
            if s.kind in _GIVEN and m.kind in (StatementKind.CLAIM, StatementKind.THESIS) and reasons:
                self.add("premise-should-be-conclusion", s.location,
                         f"you marked {self.stext(s.id)} as a {s.kind} (given without support), but the "
                         f"text argues for it: it is a conclusion ({m.kind}), supported by "
                         f"{self.text(reasons[0])}", student=[s.id], model=[m.id])

    def attacks(self) -> None:
        m = self.m
        for sa, kind, sb in self.student_edges(("supports", "attacks", "undercuts")):
            a, b = self.fwd[sa], self.fwd[sb]
            key = (sa, kind, sb)
            loc = self.rel_loc.get(key) or self._undercut_loc(sa, sb)
            if kind == "supports" and (a, b) in m.attack and (a, b) not in m.support:
                self.add("support-attack-confused", loc, f"you drew {self.stext(sa)} as a reason for "
                         f"{self.stext(sb)}, but in the text it attacks it", [sa, sb], [a, b], key)
            elif kind == "attacks" and (a, b) in m.support and (a, b) not in m.attack:
                self.add("support-attack-confused", loc, f"you drew {self.stext(sa)} as an attack on "
                         f"{self.stext(sb)}, but in the text it is a reason for it", [sa, sb], [a, b], key)
            elif kind == "attacks" and (a, b) not in m.attack and self._undercuts_near(a, b):
                self.add("undercut-as-rebuttal", loc, f"you drew {self.stext(sa)} as an attack on "
                         f"{self.stext(sb)}; in the text it does not deny that statement but the step "
                         "from the reasons to the conclusion: draw it as an undercut of that inference",
                         [sa, sb], [a, b], key)
            elif kind in ("attacks", "undercuts") and not self._relates(a, b):
                self._wrong_target(sa, kind, sb, loc)

    def _undercut_loc(self, sa: str, conclusion: str) -> Location:
        infs = self.g.student.inference_by_id
        for r in self.g.student.relations:
            if r.source == sa and r.kind == RelationKind.UNDERCUTS and infs[r.target].conclusion == conclusion:
                return r.location
        return self.where(sa)

    def _undercuts_near(self, a: str, b: str) -> bool:
        """Whether *a* undercuts, in the model, an inference that concludes *b* or has *b* as a premise."""
        infs = self.g.model.inference_by_id
        return any(r.source == a and r.kind == RelationKind.UNDERCUTS and r.target in infs
                   and (infs[r.target].conclusion == b or b in infs[r.target].premises)
                   for r in self.g.model.relations)

    def _relates(self, a: str, b: str) -> bool:
        m = self.m
        return (a, b) in m.attack or (a, b) in m.undercut or (a, b) in m.support or (b, a) in m.support

    def _wrong_target(self, sa: str, kind: str, sb: str, loc: Location) -> None:
        a, b = self.fwd[sa], self.fwd[sb]
        meant = [t for x, t in sorted(self.m.attack | self.m.undercut) if x == a]
        if not meant:
            return   # the model has no attack from it at all: an extra relation, scored but not named
        what = "an attack on" if kind == "attacks" else "an undercut of the step to"
        self.add("wrong-target", loc, f"you drew {self.stext(sa)} as {what} {self.stext(sb)}, but in the "
                 f"text it is aimed at {self.text(meant[0])}", [sa, sb], [a, b, meant[0]], (sa, kind, sb))

    def missing_objections(self) -> None:
        model = self.g.model
        disputes = argument_graph(model).disputes
        bears = self.s.graph.bears_on_something
        for m in model.statements:
            if m.id not in disputes:
                continue
            s = self.back.get(m.id)
            if s is not None and s in bears:
                continue
            kind, target = disputes[m.id][0]
            if kind == RelationKind.UNDERCUTS:
                target = model.inference_by_id[target].conclusion
            answer = "an answer to an objection" if m.kind == StatementKind.REBUTTAL else "an objection"
            self.add("missing-objection", self.where(self.back.get(target)),
                     f"the text raises {answer} you have not mapped: {self.text(m.id)}, against "
                     f"{self.text(target)}", student=[x for x in (s, self.back.get(target)) if x],
                     model=[m.id, target])

    def extra_claims(self) -> None:
        for sid in self.g.alignment.unmatched_left:
            s = self.g.student.statement_by_id[sid]
            self.add("extra-claim", s.location, f"{self.stext(sid)} is not part of the text's argument "
                     "(nothing in the model answer says this); if it is in the text, check its wording",
                     student=[sid])


# -- a rubric ----------------------------------------------------------------------------------------
def read_rubric(path: str) -> tuple[dict[str, float], float | None]:
    """A rubric file (YAML or JSON): ``weights:`` (any of statements, support, attack, undercut,
    linked, kinds, main-claim; 0 leaves a part out) and an optional ``threshold:`` for the
    alignment.  Returns (weights, threshold or None)."""
    from .document import LMap, parse, read_text

    doc = parse(read_text(path), path)
    if not isinstance(doc, LMap):
        raise ValidationError("a rubric must be a mapping with 'weights' (and 'threshold')",
                              location=getattr(doc, "loc", Location(path)), code="bad-rubric")
    problems = []
    for key in doc:
        if key not in ("weights", "threshold"):
            problems.append((doc.key_loc[key], f"unknown field '{key}' in the rubric; fields: weights, threshold"))
    weights: dict[str, float] = {}
    block = doc.get("weights")
    if block is not None and not isinstance(block, LMap):
        problems.append((doc.loc_of("weights"), "'weights' must be a mapping of part to weight"))
    items = block if isinstance(block, LMap) else LMap(doc.loc)
    for key in items:
        value = items[key]
        if key not in WEIGHTS:
            problems.append((items.key_loc[key], f"unknown part '{key}'; parts: " + ", ".join(WEIGHTS)))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            problems.append((items.loc_of(key), f"the weight of '{key}' must be a number, 0 or more"))
        else:
            weights[key] = float(value)
    threshold = doc.get("threshold")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))
                                  or not 0 <= threshold <= 1):
        problems.append((doc.loc_of("threshold"), "'threshold' must be a number from 0 to 1"))
        threshold = None
    if problems:
        from .errors import Diagnostic
        raise ValidationError(diagnostics=[Diagnostic(loc, "bad-rubric", msg) for loc, msg in problems])
    return weights, (float(threshold) if threshold is not None else None)


# -- output ----------------------------------------------------------------------------------------
def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def score_lines(g: Grade) -> list[str]:
    """The scores as aligned text lines."""
    def prf(name: str, sc: Score, what: str) -> str:
        if sc.f1 is None:
            return f"  {name:<12} n/a (neither map has {what})"
        return (f"  {name:<12} {sc.found} of the model's {sc.model} found, {sc.student} drawn: precision "
                f"{_pct(sc.precision)}, recall {_pct(sc.recall)}, F1 {_pct(sc.f1)}")
    lines = [prf("statements", g.statements, "statements")]
    words = {"support": "a support", "attack": "an attack", "undercut": "an undercut",
             "linked": "linked premises"}
    lines += [prf(k if k != "linked" else "linked", g.relations[k], words[k]) for k in RELATIONS]
    lines.append(f"  {'kinds':<12} Cohen's kappa {_pct(g.kappa)}")
    lines.append(f"  {'main claim':<12} " + {None: "n/a (the model has no single main claim)",
                                               True: "identified", False: "not identified"}[g.main_claim])
    lines.append(f"  {'combined':<12} {g.score:.2f}  (weighted mean of the parts that apply)")
    lines.append(f"  {'CASS-style':<12} kappa {g.cass_kappa:.2f}, F1 {g.cass_f1:.2f}  "
                 "(segmentation and relations, after Duthie et al. 2016)")
    return lines


def grade_text(g: Grade, student_name: str, model_name: str, *, alignment: bool = True) -> str:
    """The grade as text: the alignment (for the teacher to check), the scores, the mistakes."""
    from .align import alignment_lines

    lines = [f"grade of {student_name} against the model {model_name}"]
    if alignment:
        lines.append(f"alignment (student = model; threshold {g.alignment.threshold:.0%}):")
        lines += list(alignment_lines(g.alignment, g.student, g.model))
    lines.append("scores:")
    lines += score_lines(g)
    lines.append(f"mistakes ({len(g.mistakes)}):" if g.mistakes else "mistakes: none")
    lines += ["  " + m.format() for m in g.mistakes]
    return "\n".join(lines) + "\n"


def grade_record(g: Grade, student_name: str, model_name: str) -> dict:
    """The grade as JSON-ready data."""
    return {"student": student_name, "model": model_name,
            "alignment": g.alignment.as_dict(),
            "scores": {"statements": g.statements.record(),
                       **{k: g.relations[k].record() for k in RELATIONS},
                       "kinds_kappa": _round(g.kappa), "main_claim": g.main_claim,
                       "combined": round(g.score, 4), "cass_kappa": round(g.cass_kappa, 4),
                       "cass_f1": round(g.cass_f1, 4)},
            "weights": g.weights,
            "mistakes": [m.record() for m in g.mistakes]}


GRADEBOOK_COLUMNS = ("file", "score", "cass_kappa", "cass_f1", "statements_f1", "support_f1", "attack_f1",
                     "undercut_f1", "linked_f1", "kinds_kappa", "main_claim", "mistakes", "mistake_codes",
                     "error")


def gradebook_row(name: str, g: Grade | None, error: str = "") -> dict[str, str]:
    """One row of a gradebook (see :data:`GRADEBOOK_COLUMNS`); *g* None for a file that failed."""
    if g is None:
        return {**{c: "" for c in GRADEBOOK_COLUMNS}, "file": name, "error": error}

    def num(x: float | None) -> str:
        return "" if x is None else f"{x:.4f}"
    codes: dict[str, int] = {}
    for m in g.mistakes:
        codes[m.code] = codes.get(m.code, 0) + 1
    return {"file": name, "score": num(g.score), "cass_kappa": num(g.cass_kappa), "cass_f1": num(g.cass_f1),
            "statements_f1": num(g.statements.f1), **{f"{k}_f1": num(g.relations[k].f1) for k in RELATIONS},
            "kinds_kappa": num(g.kappa), "main_claim": "" if g.main_claim is None else str(g.main_claim).lower(),
            "mistakes": str(len(g.mistakes)), "mistake_codes": "; ".join(f"{k}: {v}" for k, v in codes.items()),
            "error": ""}
