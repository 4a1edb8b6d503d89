"""Formal evaluation of a map: which statements stand.

The map is translated into an abstract argumentation framework (Dung 1995) in which support
matters as well as attack ("necessary support", after Nouioua & Risch 2010 and Cayrol &
Lagasquie-Schiex 2013; see docs/evaluation.md):

* every statement and every inference is an argument; a plain ``supports`` relation is an
  inference with one premise, an explicit inference has linked premises;
* an attack on a statement, or an undercut of an inference, is an attack;
* an inference stands only if **all** its premises stand: for each premise ``p`` an auxiliary
  argument ``not:p`` (attacked by ``p``) attacks every inference that uses ``p``;
* a statement that **needs support** (a thesis or claim; in strict mode also a premise or
  evidence without a citation) stands only if **one** of its inferences stands: an auxiliary
  argument ``unsupported:s`` attacks ``s`` and is attacked by each inference for ``s``;
* with an audience (Bench-Capon 2003), an attack by ``a`` on ``b`` fails when a value that ``b``
  promotes is ranked above every value that ``a`` promotes;
* ``contradicts`` records a tension, not an attack: the checker reports contradictory statements
  that both stand.

So "unsupported" (OUT because no inference stands) and "defeated" (OUT because an attacker
stands) are different verdicts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import model as M
from .af import Framework
from .argument_graph import argument_graph
from .vocab import NEEDS_SUPPORT, Label, RelationKind

__all__ = ["evaluate", "explain", "translate", "Evaluation", "Translation"]


@dataclass(frozen=True)
class Translation:
    framework: Framework
    inferences: dict  # inference argument -> (conclusion, premises tuple, source id or None)
    needy: frozenset  # statements that need support
    attacks_on: dict  # statement/inference id -> list of (attacker, kind)
    blocked: tuple  # attacks that failed by value preference: (attacker, target, why)


@dataclass(frozen=True)
class Evaluation:
    semantics: str
    labels: dict           # statement id -> IN / OUT / UNDEC
    verdicts: dict         # statement id -> short verdict (accepted, defeated, unsupported, ...)
    translation: Translation
    timed_out: bool = False
    extensions: int | None = None
    mode: str | None = None  # credulous / skeptical where several extensions
    arg_labels: dict = field(default_factory=dict, repr=False)  # every argument of the framework


def translate(amap: M.ArgumentMap, *, strict: bool = False, audience: str | None = None,
              use_values: bool = False) -> Translation:
    """The map as an abstract framework (see the module's docstring); the argument graph
    (:mod:`argmap.argument_graph`) says what its relations mean."""
    graph = argument_graph(amap)
    infs = {name: step.as_tuple() for name, step in graph.steps.items()}
    needy = graph.strict_needy if strict else graph.needy
    args = list(amap.statement_by_id)
    attacks, attacks_on, blocked = _attacks(amap, graph, audience, use_values)
    args.extend(infs)
    for p, users in graph.premise_of.items():
        neg = "not:" + p
        args.append(neg)
        attacks.append((p, neg))
        attacks.extend((neg, u.name) for u in users)
    for s in (x for x in amap.statement_by_id if x in needy):
        aux = "unsupported:" + s
        args.append(aux)
        attacks.append((aux, s))
        attacks.extend((step.name, aux) for step in graph.steps_for.get(s, ()))
    return Translation(Framework(tuple(args), tuple(attacks)), infs, frozenset(needy), attacks_on,
                       tuple(blocked))


def _attacks(amap, graph, audience, use_values):
    """The framework's attacks from attacks and undercuts; with values, those the audience's
    ranking defeats are left out (and listed as blocked)."""
    promotes = graph.promotes
    below = graph.ranked_below(audience) if use_values else {}

    def preferred(target_vals, attacker_vals):
        # the attack fails when some value of the target is above every value of the attacker
        return any(attacker_vals and all(a in below.get(t, ()) for a in attacker_vals)
                   for t in target_vals)

    attacks: list[tuple[str, str]] = []
    attacks_on: dict[str, list] = {}
    blocked = []
    for r in amap.relations:
        if r.kind != RelationKind.ATTACKS and r.kind != RelationKind.UNDERCUTS:
            continue
        target = r.target if r.kind == RelationKind.ATTACKS else "inf:" + r.target
        if use_values and r.kind == RelationKind.ATTACKS:
            tv, av = promotes.get(r.target, set()), promotes.get(r.source, set())
            if tv and av and preferred(tv, av):
                blocked.append((r.source, r.target, "the audience ranks "
                                + ", ".join(sorted(tv)) + " above " + ", ".join(sorted(av))))
                continue
        attacks.append((r.source, target))
        attacks_on.setdefault(r.target, []).append((r.source, r.kind))
    return attacks, attacks_on, blocked


def evaluate(amap: M.ArgumentMap, *, semantics: str = "grounded", mode: str = "skeptical",
             strict: bool = False, audience: str | None = None, use_values: bool = False,
             timeout: float | None = None) -> Evaluation:
    """Label every statement IN / OUT / UNDEC under *semantics*.

    For preferred, stable and complete, *mode* ``skeptical`` labels IN what is in every
    extension and ``credulous`` what is in some; OUT is what every extension rejects.
    When *timeout* runs out, the grounded answer is returned with ``timed_out=True``.
    """
    from . import af
    from ._gc import paused

    with paused():
        return _evaluate(amap, af, semantics, mode, strict, audience, use_values, timeout)


def _evaluate(amap, af, semantics, mode, strict, audience, use_values, timeout):
    tr = translate(amap, strict=strict, audience=audience, use_values=use_values)
    fw = tr.framework
    timed_out = False
    n_ext = None
    if semantics == "grounded":
        lab = af.grounded_labelling(fw)
    else:
        try:
            exts = af.extensions(fw, semantics, timeout=timeout)
            n_ext = len(exts)
            lab = _combine(fw, exts, mode)
        except af.SolverTimeout:
            timed_out = True
            lab = af.grounded_labelling(fw)
    labels = {s.id: lab[s.id] for s in amap.statements}
    verdicts = {s.id: _verdict(s.id, lab, tr) for s in amap.statements}
    return Evaluation(semantics, labels, verdicts, tr, timed_out, n_ext,
                      mode if semantics != "grounded" else None, lab)


def _combine(fw, exts, mode):
    from . import af

    if not exts:  # stable semantics may have none: nothing is accepted
        return {a: Label.UNDEC for a in fw.arguments}
    labs = [af.labelling(fw, e) for e in exts]
    out = {}
    for a in fw.arguments:
        vals = {lab[a] for lab in labs}
        accepted = Label.IN in vals if mode == "credulous" else vals == {Label.IN}
        out[a] = Label.IN if accepted else (Label.OUT if vals == {Label.OUT} else Label.UNDEC)
    return out


def _verdict(sid: str, lab: dict, tr: Translation) -> str:
    label = lab[sid]
    if label == Label.IN:
        return "accepted"
    if label != Label.OUT:
        return "undecided"
    attackers_in = [a for a, _ in tr.attacks_on.get(sid, ()) if lab.get(a) == Label.IN]
    unsupported = sid in tr.needy and lab.get("unsupported:" + sid) == Label.IN
    if attackers_in and unsupported:
        return "defeated and unsupported"
    if attackers_in:
        return "defeated"
    return "unsupported" if unsupported else "rejected"


def explain(amap: M.ArgumentMap, ev: Evaluation, sid: str, *, depth: int = 6) -> list[str]:
    """Why *sid* has its label: the chain of statements that decide it, one line each, each
    line indented under the statement it explains.  Each statement is explained once; the walk
    stops *depth* levels down."""
    walk = _Explanation(amap, ev, depth)
    walk.visit(sid, 0)
    return walk.lines


class _Explanation:
    """The walk behind :func:`explain`: for an IN statement, what supports it and why every
    attacker is OUT; for an OUT or UNDEC one, the attackers that stand and the inferences that
    do not (a premise that fails, an undercut that stands)."""

    def __init__(self, amap: M.ArgumentMap, ev: Evaluation, depth: int) -> None:
        self.amap = amap
        self.tr = ev.translation
        self.full = ev.arg_labels
        self.steps_for = argument_graph(amap).steps_for
        self.depth = depth
        self.lines: list[str] = []
        self.seen: set[str] = set()

    def label(self, x: str) -> Label:
        return self.full.get(x, Label.UNDEC)

    def inf_desc(self, a: str) -> str:
        _, prems, src = self.tr.inferences[a]
        return f"inference {src}" if src else f"the support from {prems[0]}"

    def visit(self, x: str, indent: int) -> None:
        if x in self.seen or indent > self.depth:
            return
        self.seen.add(x)
        infs = [step.name for step in self.steps_for.get(x, ())]
        if self.label(x) == Label.IN:
            self._accepted(x, indent, infs)
        else:
            self._rejected(x, indent, infs)

    def _in_inference(self, infs: list[str]) -> str | None:
        return next((a for a in infs if self.label(a) == Label.IN), None)

    def _accepted(self, x: str, indent: int, infs: list[str]) -> None:
        tr = self.tr
        attackers = tr.attacks_on.get(x, [])
        ok = self._in_inference(infs) if x in tr.needy else None
        parts = []
        if ok is not None:
            parts.append("supported by " + self.inf_desc(ok) + " (premises "
                         + ", ".join(tr.inferences[ok][1]) + " all IN)")
        if attackers:
            parts.append("every attacker is OUT: " + ", ".join(a for a, _ in attackers))
        elif not parts:
            standing = "" if x in tr.needy else _self_standing(self.amap.statement_by_id.get(x))
            parts.append("nothing attacks it" + standing)
        self.lines.append(f"{'  ' * indent}{x} is IN: " + "; ".join(parts))
        for a, _ in attackers:
            self.visit(a, indent + 1)
        if x in tr.needy and infs:
            for p in (tr.inferences[ok][1] if ok is not None else ()):
                self.visit(p, indent + 1)

    def _undercuts_in(self, a: str) -> list[str]:
        src = self.tr.inferences[a][2]
        return [u for u, k in self.tr.attacks_on.get(src or "", [])
                if k == RelationKind.UNDERCUTS and self.label(u) == Label.IN]

    def _support_reasons(self, x: str, infs: list[str]) -> list[str]:
        """Why no inference for *x* stands (when *x* needs one)."""
        tr = self.tr
        if x not in tr.needy or self.label("unsupported:" + x) not in (Label.IN, Label.UNDEC):
            return []
        if not infs:
            kind = self.amap.statement_by_id[x].kind if x in self.amap.statement_by_id else "?"
            return [f"a {kind} needs support and nothing supports it"]
        reasons = []
        for a in infs:
            bad = [p for p in tr.inferences[a][1] if self.label(p) != Label.IN]
            undercut = self._undercuts_in(a)
            why = []
            if bad:
                why.append("needs " + ", ".join(bad))
            if undercut:
                why.append("is undercut by " + ", ".join(undercut))
            reasons.append(f"its {self.inf_desc(a)} " + " and ".join(why or ["is undecided"]))
        return reasons

    def _rejected(self, x: str, indent: int, infs: list[str]) -> None:
        lx = self.label(x)
        attackers = self.tr.attacks_on.get(x, [])
        in_att = [a for a, _ in attackers if self.label(a) == Label.IN]
        undec_att = [a for a, _ in attackers if self.label(a) == Label.UNDEC]
        reasons = []
        if in_att:
            reasons.append("attacked by " + ", ".join(in_att) + ", which "
                           + ("is" if len(in_att) == 1 else "are") + " IN")
        reasons += self._support_reasons(x, infs)
        if lx == Label.UNDEC and undec_att:
            reasons.append("attacked by " + ", ".join(undec_att) + " (undecided)")
        self.lines.append(f"{'  ' * indent}{x} is {lx}: "
                          + ("; ".join(reasons) or "undecided in a cycle of attacks"))
        for a in in_att + undec_att:
            self.visit(a, indent + 1)
        for a in infs:
            for p in self.tr.inferences[a][1]:
                if self.label(p) != Label.IN:
                    self.visit(p, indent + 1)
            if self.tr.inferences[a][2]:
                for u in self._undercuts_in(a):
                    self.visit(u, indent + 1)


def _self_standing(s) -> str:
    if s is None:
        return ""
    if s.kind in NEEDS_SUPPORT:
        return " and it rests on its citation"
    article = "an" if s.kind[0] in "aeiou" else "a"
    return f" and {article} {s.kind} needs no support"
