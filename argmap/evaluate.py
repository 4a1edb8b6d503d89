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

NEEDS_SUPPORT = ("thesis", "claim")
STRICT_NEEDS_CITATION = ("premise", "evidence")


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


def _ranking(amap: M.ArgumentMap, audience: str | None) -> dict:
    """value -> set of values ranked below it (transitively), in the audience's context."""
    import networkx as nx

    g = nx.DiGraph()
    for r in amap.value_relations:
        if r.kind == "ranks-above" and (r.context is None or r.context == audience):
            g.add_edge(r.source, r.target)
    return {v: nx.descendants(g, v) for v in g}


def translate(amap: M.ArgumentMap, *, strict: bool = False, audience: str | None = None,
              use_values: bool = False) -> Translation:
    stmts = amap.statement_by_id
    infs: dict[str, tuple] = {}
    for inf in amap.inferences:
        infs["inf:" + inf.id] = (inf.conclusion, inf.premises, inf.id)
    for r in amap.relations:
        if r.kind == "supports":
            infs[f"inf:{r.source}>{r.target}"] = (r.target, (r.source,), None)
    # a thesis or claim stands on a citation of its own, or else needs an inference that stands
    needy = {s.id for s in amap.statements if s.kind in NEEDS_SUPPORT and not s.cites}
    if strict:
        needy |= {s.id for s in amap.statements if s.kind in STRICT_NEEDS_CITATION and not s.cites}
    by_conclusion: dict[str, list[str]] = {}
    for a, (c, _, _) in infs.items():
        by_conclusion.setdefault(c, []).append(a)
    promotes: dict[str, set] = {}
    for r in amap.relations:
        if r.kind == "promotes":
            promotes.setdefault(r.source, set()).add(r.target)
    below = _ranking(amap, audience) if use_values else {}

    def preferred(target_vals, attacker_vals):
        # the attack fails when some value of the target is above every value of the attacker
        return any(attacker_vals and all(a in below.get(t, ()) for a in attacker_vals)
                   for t in target_vals)

    args = list(stmts)
    attacks: list[tuple[str, str]] = []
    attacks_on: dict[str, list] = {}
    blocked = []
    for r in amap.relations:
        if r.kind not in ("attacks", "undercuts"):
            continue
        target = r.target if r.kind == "attacks" else "inf:" + r.target
        if use_values and r.kind == "attacks":
            tv, av = promotes.get(r.target, set()), promotes.get(r.source, set())
            if tv and av and preferred(tv, av):
                blocked.append((r.source, r.target, "the audience ranks "
                                + ", ".join(sorted(tv)) + " above " + ", ".join(sorted(av))))
                continue
        attacks.append((r.source, target))
        attacks_on.setdefault(r.target if r.kind == "attacks" else r.target, []).append((r.source, r.kind))
    args.extend(infs)
    premises_used: dict[str, list[str]] = {}
    for a, (_, prems, _) in infs.items():
        for p in prems:
            premises_used.setdefault(p, []).append(a)
    for p, users in premises_used.items():
        neg = "not:" + p
        args.append(neg)
        attacks.append((p, neg))
        attacks.extend((neg, u) for u in users)
    for s in (x for x in stmts if x in needy):
        aux = "unsupported:" + s
        args.append(aux)
        attacks.append((aux, s))
        attacks.extend((a, aux) for a in by_conclusion.get(s, ()))
    return Translation(Framework(tuple(args), tuple(attacks)), infs, frozenset(needy), attacks_on,
                       tuple(blocked))


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
        return {a: "UNDEC" for a in fw.arguments}
    labs = [af.labelling(fw, e) for e in exts]
    out = {}
    for a in fw.arguments:
        vals = {lab[a] for lab in labs}
        if mode == "credulous":
            out[a] = "IN" if "IN" in vals else ("OUT" if vals == {"OUT"} else "UNDEC")
        else:
            out[a] = "IN" if vals == {"IN"} else ("OUT" if vals == {"OUT"} else "UNDEC")
    return out


def _verdict(sid: str, lab: dict, tr: Translation) -> str:
    label = lab[sid]
    if label == "IN":
        return "accepted"
    attackers_in = [a for a, _ in tr.attacks_on.get(sid, ()) if lab.get(a) == "IN"]
    unsupported = sid in tr.needy and lab.get("unsupported:" + sid) == "IN"
    if label == "OUT":
        if attackers_in and unsupported:
            return "defeated and unsupported"
        if attackers_in:
            return "defeated"
        if unsupported:
            return "unsupported"
        return "rejected"
    return "undecided"


def explain(amap: M.ArgumentMap, ev: Evaluation, sid: str, *, depth: int = 6) -> list[str]:
    """Why *sid* has its label: the chain of statements that decide it, one line each."""
    full = ev.arg_labels
    tr = ev.translation
    lines: list[str] = []
    seen: set = set()

    def label(x):
        return full.get(x, "UNDEC")

    def inf_desc(a):
        concl, prems, src = tr.inferences[a]
        return f"inference {src}" if src else f"the support from {prems[0]}"

    def walk(x: str, indent: int):
        if x in seen or indent > depth:
            return
        seen.add(x)
        pad = "  " * indent
        lx = label(x)
        kind = amap.statement_by_id[x].kind if x in amap.statement_by_id else "?"
        attackers = tr.attacks_on.get(x, [])
        in_att = [a for a, _ in attackers if label(a) == "IN"]
        undec_att = [a for a, _ in attackers if label(a) == "UNDEC"]
        infs = [a for a, (c, _, _) in tr.inferences.items() if c == x]
        if lx == "IN":
            parts = []
            if x in tr.needy:
                ok = [a for a in infs if label(a) == "IN"]
                if ok:
                    parts.append("supported by " + inf_desc(ok[0]) + " (premises "
                                 + ", ".join(tr.inferences[ok[0]][1]) + " all IN)")
            if attackers:
                parts.append("every attacker is OUT: " + ", ".join(a for a, _ in attackers))
            elif not parts:
                parts.append("nothing attacks it" + ("" if x in tr.needy else
                                                     _self_standing(amap.statement_by_id.get(x))))
            lines.append(f"{pad}{x} is IN: " + "; ".join(parts))
            for a, _ in attackers:
                walk(a, indent + 1)
            if x in tr.needy and infs:
                ok = [a for a in infs if label(a) == "IN"]
                for p in (tr.inferences[ok[0]][1] if ok else ()):
                    walk(p, indent + 1)
            return
        reasons = []
        if in_att:
            reasons.append("attacked by " + ", ".join(in_att) + ", which "
                           + ("is" if len(in_att) == 1 else "are") + " IN")
        if x in tr.needy and label("unsupported:" + x) in ("IN", "UNDEC"):
            if not infs:
                reasons.append(f"a {kind} needs support and nothing supports it")
            else:
                for a in infs:
                    _, prems, _ = tr.inferences[a]
                    bad = [p for p in prems if label(p) != "IN"]
                    undercut = [u for u, k in tr.attacks_on.get(tr.inferences[a][2] or "", [])
                                if k == "undercuts" and label(u) == "IN"]
                    why = []
                    if bad:
                        why.append("needs " + ", ".join(bad))
                    if undercut:
                        why.append("is undercut by " + ", ".join(undercut))
                    reasons.append(f"its {inf_desc(a)} " + " and ".join(why or ["is undecided"]))
        if lx == "UNDEC" and undec_att:
            reasons.append("attacked by " + ", ".join(undec_att) + " (undecided)")
        lines.append(f"{pad}{x} is {lx}: " + ("; ".join(reasons) or "undecided in a cycle of attacks"))
        for a in in_att + undec_att:
            walk(a, indent + 1)
        for a in infs:
            for p in tr.inferences[a][1]:
                if label(p) != "IN":
                    walk(p, indent + 1)
            src = tr.inferences[a][2]
            if src:
                for u, k in tr.attacks_on.get(src, []):
                    if k == "undercuts" and label(u) == "IN":
                        walk(u, indent + 1)

    walk(sid, 0)
    return lines


def _self_standing(s) -> str:
    if s is None:
        return ""
    if s.kind in NEEDS_SUPPORT:
        return " and it rests on its citation"
    article = "an" if s.kind[0] in "aeiou" else "a"
    return f" and {article} {s.kind} needs no support"
