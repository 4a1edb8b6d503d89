"""Structural checks of an argument ("a linter for arguments").

Each rule is registered with a code, a default severity, a one-line description, a hint and
its options (with their defaults).  ``run_checks`` returns located
:class:`~argmap.errors.Diagnostic` findings, sorted; a statement's ``ignore`` list silences
findings located on it.  The configuration (:mod:`argmap.config`) that applies to the map selects
and ignores rules, silences them per file, changes their severity and sets their options; the
``select`` and ``ignore`` given to :func:`run_checks` (the command line's) take precedence.  The
graph work is done with networkx.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from . import codes
from . import config as C
from . import model as M
from .argument_graph import ArgumentGraph, Support, argument_graph
from .errors import Diagnostic, Location
from .registry import Registry, UnknownName
from .vocab import NEEDS_SUPPORT, SEVERITIES, Label, RelationKind, Severity, StatementKind

__all__ = ["RULES", "Rule", "rule", "run_checks", "summary", "load_bearing", "immediate_dominators",
           "resolve_codes", "UnknownRule", "Context"]


@dataclass(frozen=True)
class Rule:
    """A check rule: its code, default severity, one-line summary, the hint printed under each
    finding, and the function that yields its findings from a :class:`Context`."""

    code: str
    severity: Severity
    summary: str
    hint: str
    func: Callable
    needs: str = ""   # "evaluation" or "source" when the rule needs more than the map
    #: option name -> default value (its type is the type the configuration must give)
    options: dict[str, Any] = field(default_factory=dict)
    #: option name -> what it does
    option_help: dict[str, str] = field(default_factory=dict)
    #: a small map (YAML after ``argmap: 1`` and ``title``) on which the rule fires, and one on
    #: which it does not; *manuscript* is the source text both are held against, if the rule
    #: needs one (docs/rules.md shows them, and a test runs them)
    fires: str = ""
    passes: str = ""
    manuscript: str | None = None


#: every check rule, in the order they run and are listed
RULES: Registry[Rule] = Registry("rule")


def rule(code, severity, summary, hint, needs="", options=None, fires="", passes="", manuscript=None):
    """Register the decorated function as the rule *code*.  *options* maps each option's name
    to ``(default, what it does)``; *fires* and *passes* are the rule's examples (see
    :class:`Rule`)."""
    def deco(func):
        opts = options or {}
        RULES.add(code, Rule(code, Severity(severity), summary, hint, func, needs,
                             {k: v[0] for k, v in opts.items()}, {k: v[1] for k, v in opts.items()},
                             fires.lstrip("\n"), passes.lstrip("\n"), manuscript))
        codes.add(code, severity, "check", summary)
        return func
    return deco


class Context:
    """What the rules share: the map, its support graph, (lazily) an evaluation, and the rules'
    options (defaults, overridden by the configuration)."""

    def __init__(self, amap: M.ArgumentMap, evaluation=None, source=None, options=None):
        self.amap = amap
        self.graph: ArgumentGraph = argument_graph(amap)
        self._evaluation = evaluation
        self.source = source
        self.options: dict[str, dict[str, Any]] = options or {}
        self._cycles: list[set[str]] | None = None
        self._cycle_graph = None

    def option(self, code: str, name: str) -> Any:
        """The value of the option *name* of rule *code*."""
        return self.options.get(code, {}).get(name, RULES[code].options[name])

    @property
    def evaluation(self):
        if self._evaluation is None:
            from .evaluation import evaluate
            self._evaluation = evaluate(self.amap)
        return self._evaluation

    @property
    def support(self) -> Support:
        return self.graph.support

    @property
    def support_cycles(self) -> list[set[str]]:
        """The strongly connected parts of the support graph with more than one node."""
        if self._cycles is None:
            self._cycle_graph = g = self.support.cyclic_part()
            cycles: list[set[str]] = []
            if g is not None:
                import networkx as nx
                cycles = [c for c in nx.strongly_connected_components(g) if len(c) > 1]
            self._cycles = cycles
        return self._cycles

    def supported(self, sid: str) -> bool:
        return self.graph.supported(sid)


def _d(loc, code, msg, severity=None):
    return Diagnostic(loc, code, msg, severity or RULES[code].severity, RULES[code].hint)


@rule("unsupported-claim", "warning", "A thesis or claim that nothing supports and nothing cites.",
      "support it with a premise or evidence, cite a source, or make it an assumption",
      fires="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
""",
      passes="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., supports: [T]}
""")
def _unsupported(ctx):
    pred = ctx.support.pred
    for s in ctx.amap.statements:
        if s.kind in NEEDS_SUPPORT and not s.cites and not pred[s.id]:
            yield _d(s.location, "unsupported-claim", f"{s.kind} '{s.id}' has no support and no citation")


@rule("uncited-premise", "warning", "A premise with no citation and no support of its own.",
      "cite the source the premise comes from, or support it",
      fires="""
statements:
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health.}
""",
      passes="""
references: {who2021: {author: WHO, title: Air quality guidelines, year: "2021"}}
statements:
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., cites: [who2021]}
""")
def _uncited_premise(ctx):
    yield from _uncited(ctx, "premise")


@rule("uncited-evidence", "warning", "An evidence item with no citation and no support of its own.",
      "cite the case, document or data set",
      fires="""
statements:
  - {id: E, kind: evidence, text: Pollution fell by a quarter after Madrid closed its centre.}
""",
      passes="""
references: {madrid: {title: Madrid Central evaluation, year: "2019"}}
statements:
  - {id: E, kind: evidence, text: Pollution fell by a quarter after Madrid closed its centre., cites: [madrid]}
""")
def _uncited_evidence(ctx):
    yield from _uncited(ctx, "evidence")


def _uncited(ctx, kind):
    pred = ctx.support.pred
    for s in ctx.amap.statements:
        if s.kind == kind and not s.cites and not pred[s.id]:
            yield _d(s.location, f"uncited-{kind}", f"{kind} '{s.id}' has no citation and no support")


@rule("unanswered-objection", "warning", "An objection that nothing attacks.",
      "answer it with a rebuttal (kind: rebuttal, attacks: [objection]) or concede it in a note",
      fires="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: O, kind: objection, text: Shops in the centre would lose their customers., attacks: [T]}
""",
      passes="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: O, kind: objection, text: Shops in the centre would lose their customers., attacks: [T]}
  - {id: R, kind: rebuttal, text: Pedestrians spend more in shops than drivers do., attacks: [O]}
""")
def _unanswered(ctx):
    attacked = ctx.graph.attackers
    disputes = ctx.graph.disputes
    for s in ctx.amap.statements:
        if s.kind == StatementKind.OBJECTION and s.id not in attacked:
            what = ", ".join(t if k == RelationKind.ATTACKS else f"inference {t}"
                             for k, t in disputes.get(s.id, ())) or "nothing (it attacks no statement)"
            yield _d(s.location, "unanswered-objection",
                     f"objection '{s.id}' is unanswered; it leaves contested: {what}")


@rule("circular-support", "error", "A cycle of support (a statement supports itself, indirectly).",
      "break the cycle: one of these statements must rest on something outside it",
      fires="""
statements:
  - {id: A, kind: claim, text: The plan is popular., supports: [B]}
  - {id: B, kind: claim, text: The plan will pass., supports: [A]}
""",
      passes="""
statements:
  - {id: A, kind: claim, text: The plan is popular., supports: [B]}
  - {id: B, kind: claim, text: The plan will pass.}
""")
def _circular(ctx):
    if not ctx.support_cycles:
        return
    import networkx as nx
    for comp in ctx.support_cycles:
        sub = ctx._cycle_graph.subgraph(comp)
        start = min(n for n in comp if n in ctx.amap.statement_by_id)
        cycle = [u for u, _ in nx.find_cycle(sub, start)]
        loc = ctx.amap.statement_by_id[start].location
        yield _d(loc, "circular-support", "circular support: " + " -> ".join(cycle + [cycle[0]]))


@rule("disconnected", "warning", "A statement with no path to the thesis.",
      "relate it to the argument or remove it",
      fires="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: X, kind: premise, text: Bicycles are cheap.}
""",
      passes="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: X, kind: premise, text: Bicycles are cheap., supports: [T]}
""")
def _disconnected(ctx):
    amap = ctx.amap
    if not amap.thesis:
        return
    connected = ctx.graph.connected(amap.thesis)
    for s in amap.statements:
        if s.id not in connected:
            yield _d(s.location, "disconnected", f"'{s.id}' has no path to the thesis '{amap.thesis}'")


@rule("load-bearing", "info", "A statement whose loss leaves the thesis with no chain of support.",
      "a single point of failure: consider a second, independent reason",
      fires="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., supports: [T]}
""",
      passes="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: P1, kind: premise, text: Traffic in the centre harms residents' health., supports: [T]}
  - {id: P2, kind: premise, text: Streets without cars leave room for trees., supports: [T]}
""")
def _load_bearing(ctx):
    amap = ctx.amap
    if not amap.thesis or not ctx.supported(amap.thesis):
        return
    ends = ctx.graph.self_standing
    ctx.support_cycles                    # finds out whether the support graph has a cycle
    found = _load_bearing_nodes(ctx.support, amap.thesis, ends, acyclic=ctx._cycle_graph is None)
    for sid in sorted(found, key=_order(amap)):
        if sid in amap.statement_by_id and sid != amap.thesis:
            yield _d(amap.statement_by_id[sid].location, "load-bearing",
                     f"'{sid}' is load-bearing: without it the thesis has no chain of support")


def _order(amap):
    index = {s.id: i for i, s in enumerate(amap.statements)}
    return lambda x: index.get(x, -1)


def load_bearing(support, root, ends=()) -> set:
    """Nodes whose removal leaves *root* with no chain of support.

    *support* is a networkx DiGraph (premise -> conclusion; inference nodes of linked premises
    marked ``inference=True``).  A chain of support runs from the root down to a chain end: a
    node nothing supports, or one of *ends* (statements that stand on their own: premises,
    evidence, cited claims).  A node lies on every chain exactly when, in the reversed support
    graph, it dominates every chain end reachable from the root, i.e. it is an ancestor-or-self
    of all of them in the dominator tree (see :func:`immediate_dominators`; then one linear pass
    counting chain ends per dominator subtree).  A linked inference needs all its premises, so
    when such an inference is load-bearing the load-bearing nodes of each of its premises are
    added in turn.  Every node reported is load-bearing.
    """
    sup = Support.from_networkx(support)
    return _load_bearing_nodes(sup, root, set(ends), acyclic=sup.cyclic_part() is None)


def _load_bearing_nodes(sup: Support, root, ends, *, acyclic: bool) -> set:
    """Without a cycle of support, in linear time (:func:`_load_bearing_acyclic`); else by one
    dominator analysis per linked inference that is load-bearing."""
    if acyclic:
        return _load_bearing_acyclic(sup, root, ends)
    return _load_bearing_by_dominators(sup, root, ends)


_EXIT = object()   # the virtual node every chain end leads to


def _load_bearing_acyclic(sup: Support, root, ends) -> set:
    """Load-bearing nodes when the support graph has no cycle.

    Walking from a conclusion to its supporters, a node lies on every chain of support exactly
    when it post-dominates the start with respect to a virtual exit that every chain end leads
    to.  On a graph without cycles the immediate post-dominator of a node is the nearest common
    one of its supporters, so one pass in postorder (supporters first) finds them all; then the
    load-bearing nodes of a start are its path up that tree, and a linked inference on the path
    adds the paths of its premises (each path walked once)."""
    ipdom, depth, top = _post_dominators(sup, root, ends)
    result: set = set()
    todo = [root]
    while todo:
        n = todo.pop()
        while n is not _EXIT and n in ipdom and n not in result:
            result.add(n)
            if n in sup.inferences and len(sup.pred[n]) > 1:
                todo.extend(sup.pred[n])
            n = ipdom[n]
    result.discard(root)
    return result


def _post_dominators(sup: Support, root, ends):
    """(immediate post-dominator, depth, topmost node below the exit) of every node reachable
    from *root* along supporters that has a chain of support."""
    pred = sup.pred
    ipdom: dict = {}
    depth: dict = {_EXIT: 0}
    top: dict = {}
    for n in _postorder(pred, root):
        if (n in ends and n != root) or not pred[n]:
            ipdom[n], depth[n], top[n] = _EXIT, 1, n
            continue
        d = None
        for y in pred[n]:
            if y in ipdom:
                d = y if d is None else _meet(d, y, ipdom, depth, top)
        if d is not None:
            ipdom[n], depth[n] = d, depth[d] + 1
            top[n] = top[d] if d is not _EXIT else n
    return ipdom, depth, top


def _meet(a, b, ipdom, depth, top):
    """The nearest common post-dominator of *a* and *b*."""
    if a is _EXIT or b is _EXIT or top[a] != top[b]:
        return _EXIT
    while depth[a] > depth[b]:
        a = ipdom[a]
    while depth[b] > depth[a]:
        b = ipdom[b]
    while a != b:
        a, b = ipdom[a], ipdom[b]
    return a


def _postorder(succ, start) -> list:
    """Nodes reachable from *start* along *succ*, each after everything it reaches."""
    order: list = []
    seen = {start}
    stack = [(start, iter(succ[start]))]
    while stack:
        node, it = stack[-1]
        for m in it:
            if m not in seen:
                seen.add(m)
                stack.append((m, iter(succ[m])))
                break
        else:
            stack.pop()
            order.append(node)
    return order


def _load_bearing_by_dominators(sup: Support, root, ends) -> set:
    pred = sup.pred
    result: set = set()
    todo = [root]
    done = set()
    while todo:
        start = todo.pop()
        if start in done:
            continue
        done.add(start)
        # in the reversed graph a node's successors are its supporters
        idom = immediate_dominators(start, pred, sup.succ)
        chain_ends = [n for n in idom if (n in ends and n != root) or not pred[n]]
        if not chain_ends:
            continue
        children: dict = {}
        for n, d in idom.items():
            if n != d:
                children.setdefault(d, []).append(n)
        order = [start]
        for n in order:                      # breadth-first over the dominator tree
            order.extend(children.get(n, ()))
        count = dict.fromkeys(order, 0)
        for n in chain_ends:
            count[n] = 1
        for n in reversed(order):
            if n != start:
                count[idom[n]] += count[n]
        total = len(chain_ends)
        for n in order:
            if count[n] != total:
                continue
            if n != root:
                result.add(n)
            if n in sup.inferences and len(pred[n]) > 1:
                todo.extend(pred[n])
    return result


def immediate_dominators(start, succ, pred) -> dict:
    """The immediate dominator of every node reachable from *start* (``idom[start] == start``),
    by the iterative algorithm of Cooper, Harvey & Kennedy ("A Simple, Fast Dominance
    Algorithm", 2001) on integer postorder numbers.  *succ* and *pred* map a node to its
    successors and predecessors.  (networkx has the same algorithm, ``immediate_dominators``;
    this one works on plain dicts and is several times faster on large maps.)"""
    order = _postorder(succ, start)   # by an iterative depth-first search
    number = {n: i for i, n in enumerate(order)}
    last = len(order) - 1               # the start comes last in postorder
    preds = [[number[p] for p in pred[n] if p in number] for n in order]
    idom = [-1] * len(order)
    idom[last] = last
    changed = True
    while changed:
        changed = False
        for i in range(last - 1, -1, -1):   # reverse postorder, the start left out
            new = -1
            for p in preds[i]:
                if idom[p] == -1:
                    continue
                if new == -1:
                    new = p
                    continue
                a, b = p, new           # intersect: walk both fingers up to their meeting point
                while a != b:
                    while a < b:
                        a = idom[a]
                    while b < a:
                        b = idom[b]
                new = a
            if idom[i] != new:
                idom[i] = new
                changed = True
    return {order[i]: order[d] for i, d in enumerate(idom)}


@rule("single-source", "warning", "A claim whose whole support rests on one reference.",
      "find a second, independent source",
      options={"min-sources": (2, "how many different references a claim's support must rest on"),
               "single-paper-maps": (True, "false: do not check maps whose statements cite one "
                                           "reference in all (the map of one paper)")},
      fires="""
references: {who2021: {author: WHO}}
statements:
  - {id: C, kind: claim, text: Car traffic makes city air unhealthy.}
  - {id: P1, kind: premise, text: Exhaust holds fine particles., cites: [who2021], supports: [C]}
  - {id: P2, kind: premise, text: Fine particles cause asthma., cites: [who2021], supports: [C]}
""",
      passes="""
references: {who2021: {author: WHO}, eea2020: {author: EEA}}
statements:
  - {id: C, kind: claim, text: Car traffic makes city air unhealthy.}
  - {id: P1, kind: premise, text: Exhaust holds fine particles., cites: [who2021], supports: [C]}
  - {id: P2, kind: premise, text: Fine particles cause asthma., cites: [eea2020], supports: [C]}
""")
def _single_source(ctx):
    """One linear pass over the support graph in topological order (strongly connected parts
    merged), keeping at most *min-sources* references per node: all that matters is whether a
    claim's support rests on fewer references than that."""
    amap = ctx.amap
    want = ctx.option("single-source", "min-sources")
    if not ctx.option("single-source", "single-paper-maps") and \
            len({c.ref for s in amap.statements for c in s.cites}) < 2:
        return
    pred = ctx.support.pred
    rep, below = _references_below(ctx, want)
    for s in amap.statements:
        if s.kind not in NEEDS_SUPPORT or not pred[s.id]:
            continue
        refs = below[rep.get(s.id, s.id)]
        if len(refs) == 1:
            yield _d(s.location, "single-source",
                     f"all support for '{s.id}' rests on one reference: [{next(iter(refs))}]")
        elif 1 < len(refs) < want:
            yield _d(s.location, "single-source", f"all support for '{s.id}' rests on {len(refs)} "
                     f"references ({', '.join(f'[{r}]' for r in sorted(refs))}); {want} are asked for")


def _references_below(ctx, keep: int = 2) -> tuple[dict, dict]:
    """(node -> its cycle's representative, representative -> up to *keep* references its
    support rests on), by Kahn's algorithm over the support graph with each cycle merged into
    one node."""
    sup = ctx.support
    succ, pred = sup.succ, sup.pred
    own = {s.id: {c.ref for c in s.cites} for s in ctx.amap.statements if s.cites}
    rep: dict = {}                      # a node of a cycle -> the cycle's representative
    members: dict = {}
    for comp in ctx.support_cycles:
        r = min(comp, key=str)
        for n in comp:
            rep[n] = r
        members[r] = comp
    indeg: dict = {}
    for n in pred:
        r = rep.get(n, n)
        indeg[r] = indeg.get(r, 0) + sum(1 for p in pred[n] if rep.get(p, p) != r)
    ready = [r for r, d in indeg.items() if d == 0]
    below: dict = {}
    for r in ready:   # Kahn's algorithm; `ready` grows while we walk it
        group = members.get(r, (r,))
        below[r] = _refs_of(group, own, pred, rep, below, r, keep)
        for n in group:
            for q in succ[n]:
                rq = rep.get(q, q)
                if rq != r:
                    indeg[rq] -= 1
                    if indeg[rq] == 0:
                        ready.append(rq)
    return rep, below


_EMPTY: frozenset = frozenset()


def _refs_of(group, own, pred, rep, below, r, keep=2):
    """The references (at most *keep*) that the nodes of *group* rest on, given those below them."""
    refs = _EMPTY
    for n in group:
        refs = refs | own.get(n, _EMPTY)
        for p in pred[n]:
            if len(refs) >= keep:
                break
            rp = rep.get(p, p)
            if rp != r:
                refs = refs | below[rp]
    return set(sorted(refs)[:keep]) if len(refs) > keep else refs


@rule("contradiction", "warning", "Two statements related by 'contradicts' that both stand.",
      "the argument holds both sides of a tension: resolve it, or explain it in a note",
      needs="evaluation",
      fires="""
statements:
  - {id: A, kind: premise, text: Delivery vans may enter at all hours.}
  - {id: B, kind: premise, text: No motor vehicle may enter the centre., contradicts: [A]}
""",
      passes="""
statements:
  - {id: A, kind: premise, text: Delivery vans may enter at all hours.}
  - {id: B, kind: premise, text: No motor vehicle may enter the centre., contradicts: [A]}
  - {id: O, kind: objection, text: Deliveries must be allowed somehow., attacks: [B]}
""")
def _contradiction(ctx):
    pairs = ctx.graph.contradictions
    if not pairs:
        return
    labels = ctx.evaluation.labels
    for r in pairs:
        if labels.get(r.source) == Label.IN and labels.get(r.target) == Label.IN:
            yield _d(r.location, "contradiction",
                     f"'{r.source}' and '{r.target}' contradict each other and both stand")


@rule("author-position-defeated", "warning",
      "A statement the author holds that the evaluation leaves OUT or UNDEC.",
      "answer what defeats it, support it, or say who else holds it (held-by)", needs="evaluation",
      fires="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: P, kind: premise, text: Closing the centre costs nothing., supports: [T]}
  - {id: O, kind: objection, text: New bus lines must be paid for., attacks: [P]}
""",
      passes="""
thesis: T
statements:
  - {id: T, kind: thesis, text: Cities should close their centres to cars.}
  - {id: P, kind: premise, text: Closing the centre costs nothing., supports: [T]}
  - {id: O, kind: objection, text: New bus lines must be paid for., attacks: [P]}
  - {id: R, kind: rebuttal, text: Parking fees already pay for the buses., attacks: [O]}
""")
def _author_defeated(ctx):
    """For an author, the most important finding: a position of the author's own that does not
    stand (grounded, support-aware evaluation), with the first links of the chain that decides
    it.  Who holds a statement is its ``held-by``, by default the author for every kind but an
    objection."""
    from .evaluation import explain

    ev = ctx.evaluation
    for s in ctx.amap.statements:
        label = ev.labels.get(s.id)
        if (label == Label.OUT or label == Label.UNDEC) and s.holder == M.AUTHOR:
            chain = "; ".join(line.strip() for line in explain(ctx.amap, ev, s.id, depth=1)[:4])
            yield _d(s.location, "author-position-defeated",
                     f"the author's {s.kind} '{s.id}' is {label} ({ev.verdicts[s.id]}): {chain}")


@rule("value-order-cycle", "error", "Value rankings that contradict each other within one context.",
      "a value cannot rank above itself: remove one ranking or give it its own context",
      fires="""
values:
  - {id: health, name: health}
  - {id: freedom, name: freedom of movement}
value-relations:
  - {from: health, kind: ranks-above, to: freedom}
  - {from: freedom, kind: ranks-above, to: health}
""",
      passes="""
values:
  - {id: health, name: health}
  - {id: freedom, name: freedom of movement}
value-relations:
  - {from: health, kind: ranks-above, to: freedom}
""")
def _value_cycle(ctx):
    rankings = ctx.graph.rankings(every=True)
    if len(rankings) < 2:
        return
    import networkx as nx
    contexts = sorted({r.context for r in rankings if r.context is not None})
    for context in [None] + contexts:
        g = nx.DiGraph()
        for r in rankings:
            if r.context is None or r.context == context:
                g.add_edge(r.source, r.target, rel=r)
        for comp in nx.strongly_connected_components(g):
            if len(comp) < 2:
                continue
            start = min(comp)
            cycle = [u for u, _ in nx.find_cycle(g.subgraph(comp), start)]
            if context is not None and all(g.edges[u, v]["rel"].context is None
                                           for u, v in nx.find_cycle(g.subgraph(comp), start)):
                continue  # already reported for the general context
            where = f"in context '{context}'" if context else "in general"
            rel = g.edges[cycle[0], cycle[1 % len(cycle)]]["rel"]
            yield _d(rel.location, "value-order-cycle", f"value ranking cycle {where}: "
                     + " > ".join(cycle + [cycle[0]]))


@rule("value-context-reversal", "info", "A value ranking that is reversed in another context.",
      "information only: the ranking depends on the context",
      fires="""
values:
  - {id: health, name: health}
  - {id: freedom, name: freedom of movement}
value-relations:
  - {from: health, kind: ranks-above, to: freedom, context: residents}
  - {from: freedom, kind: ranks-above, to: health, context: commuters}
""",
      passes="""
values:
  - {id: health, name: health}
  - {id: freedom, name: freedom of movement}
value-relations:
  - {from: health, kind: ranks-above, to: freedom, context: residents}
""")
def _value_reversal(ctx):
    rankings = ctx.graph.rankings(every=True)
    seen = {(r.source, r.target): r for r in rankings}
    for r in rankings:
        other = seen.get((r.target, r.source))
        if other is not None and r.context != other.context and r.source < r.target:
            yield _d(r.location, "value-context-reversal",
                     f"'{r.source}' ranks above '{r.target}' {_ctx(r.context)} but below it "
                     f"{_ctx(other.context)}")


def _ctx(c):
    return f"in '{c}'" if c else "in general"


@rule("unknown-reference", "error", "A citation of a reference that the map does not list.",
      "add the reference to 'references' or the BibTeX file",
      fires="""
references: {who2021: {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., cites: [who2012]}
""",
      passes="""
references: {who2021: {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., cites: [who2021]}
""")
def _unknown_ref(ctx):
    known = set(ctx.amap.reference_by_id)
    import difflib
    for s in ctx.amap.statements:
        for c in s.cites:
            if c.ref not in known:
                close = difflib.get_close_matches(c.ref, known, n=1)
                extra = f" (did you mean '{close[0]}'?)" if close else ""
                yield _d(c.location, "unknown-reference",
                         f"'{s.id}' cites unknown reference '{c.ref}'{extra}")


@rule("unused-reference", "info", "A listed reference that no statement cites.",
      "cite it or remove it",
      fires="""
references: {who2021: {author: WHO}, eea2020: {author: EEA}}
statements:
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., cites: [who2021]}
""",
      passes="""
references: {who2021: {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic in the centre harms residents' health., cites: [who2021]}
""")
def _unused_ref(ctx):
    used = {c.ref for s in ctx.amap.statements for c in s.cites}
    for r in ctx.amap.references:
        if r.id not in used:
            yield _d(r.location, "unused-reference", f"reference '{r.id}' is never cited")


#: the manuscript of the examples of the manuscript rules
_ESSAY = "Cars and cities\nTraffic harms the health of residents [1].\nClosing the centre is cheap.\n"

_PUNCT = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~_\u2013\u2014\u2018\u2019\u201c\u201d"})


@rule("duplicate-text", "warning", "Two statements with the same text.",
      "merge them into one statement with both locators",
      fires="""
statements:
  - {id: P1, kind: premise, text: Traffic harms health.}
  - {id: P2, kind: premise, text: "traffic harms health!"}
""",
      passes="""
statements:
  - {id: P1, kind: premise, text: Traffic harms health.}
  - {id: P2, kind: premise, text: Traffic harms sleep.}
""")
def _duplicate_text(ctx):
    seen: dict[str, M.Statement] = {}
    for s in ctx.amap.statements:
        key = " ".join(s.text.casefold().translate(_PUNCT).split())
        if key in seen:
            yield _d(s.location, "duplicate-text",
                     f"'{s.id}' has the same text as '{seen[key].id}'")
        else:
            seen[key] = s


# -- the manuscript consistency rules (need --source) -----------------------------------------
@rule("source-line", "error", "A statement's lines do not exist in the source document.",
      "fix the locator: the source has fewer lines", needs="source",
      fires="""
source: {name: the essay, file: essay.txt}
statements:
  - {id: P, kind: premise, text: Closing the centre is cheap., lines: 7}
""",
      passes="""
source: {name: the essay, file: essay.txt}
statements:
  - {id: P, kind: premise, text: Closing the centre is cheap., lines: 3}
""",
      manuscript=_ESSAY)
def _source_line(ctx):
    n = ctx.source.line_count
    for item in list(ctx.amap.statements) + list(ctx.amap.inferences) + list(ctx.amap.relations) \
            + list(ctx.amap.values) + list(ctx.amap.value_relations) + list(ctx.amap.sections):
        bad = [ln for ln in item.lines if ln > n]
        if bad:
            name = getattr(item, "id", None) or f"{item.source} {item.kind} {item.target}"
            yield _d(item.location, "source-line",
                     f"'{name}' points at line {bad[0]}, but the source has {n} lines")


@rule("citation-not-in-lines", "error",
      "A statement cites reference n, but none of its lines holds a marker for n.",
      "add the line with the marker to 'lines', or fix the citation", needs="source",
      fires="""
source: {name: the essay, file: essay.txt}
references: {"1": {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic harms the health of residents., lines: 3, cites: ["1"]}
""",
      passes="""
source: {name: the essay, file: essay.txt}
references: {"1": {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic harms the health of residents., lines: 2, cites: ["1"]}
""",
      manuscript=_ESSAY)
def _cite_not_in_lines(ctx):
    markers = ctx.source.markers_by_line
    for s in ctx.amap.statements:
        if not s.lines:
            continue
        present = {m.ref for ln in s.lines for m in markers.get(ln, ())}
        for c in s.cites:
            if c.ref not in present:
                yield _d(c.location, "citation-not-in-lines",
                         f"'{s.id}' cites [{c.ref}] but none of its lines "
                         f"({_fmt_lines(s.lines)}) has a marker for it")


@rule("citation-unattached", "warning",
      "A citation marker in the source that no statement carries.",
      "attach the citation to the statement it backs", needs="source",
      fires="""
source: {name: the essay, file: essay.txt}
references: {"1": {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic harms the health of residents., lines: 2}
""",
      passes="""
source: {name: the essay, file: essay.txt}
references: {"1": {author: WHO}}
statements:
  - {id: P, kind: premise, text: Traffic harms the health of residents., lines: 2, cites: ["1"]}
""",
      manuscript=_ESSAY)
def _cite_unattached(ctx):
    carried = {(ln, c.ref) for s in ctx.amap.statements for ln in s.lines for c in s.cites}
    for m in ctx.source.markers:
        if (m.line, m.ref) not in carried:
            yield Diagnostic(Location(ctx.source.path, m.line, m.col), "citation-unattached",
                             f"marker {m.text} is carried by no statement with line {m.line}",
                             "warning", RULES["citation-unattached"].hint)


@rule("section-uncovered", "warning", "A section of the source with no statements.",
      "map the section, or remove it from 'sections'", needs="source",
      fires="""
source: {name: the essay, file: essay.txt}
sections:
  - {id: "1", title: Health}
  - {id: "2", title: Cost}
statements:
  - {id: P, kind: premise, text: Traffic harms the health of residents., section: "1"}
""",
      passes="""
source: {name: the essay, file: essay.txt}
sections:
  - {id: "1", title: Health}
  - {id: "2", title: Cost}
statements:
  - {id: P, kind: premise, text: Traffic harms the health of residents., section: "1"}
  - {id: Q, kind: premise, text: Closing the centre is cheap., section: "2"}
""",
      manuscript=_ESSAY)
def _section_uncovered(ctx):
    """A section counts as covered when a statement is filed under it (or a subsection), or when
    a statement's lines fall inside its span in the source (from its heading to the next one)."""
    sections = ctx.amap.sections
    used = {s.section for s in ctx.amap.statements if s.section}
    lines = {ln for s in ctx.amap.statements for ln in s.lines}
    starts = sorted((min(sec.lines), sec.id) for sec in sections if sec.lines)
    span = {}
    for i, (start, sid) in enumerate(starts):
        end = next((st for st, _ in starts[i + 1:] if st > start), ctx.source.line_count + 1)
        span[sid] = range(start, end)
    for sec in sections:
        if sec.id in used or any(u.startswith(sec.id + ".") for u in used):
            continue
        if sec.id in span and any(ln in lines for ln in span[sec.id]):
            continue
        yield _d(sec.location, "section-uncovered", f"section {sec.id} ('{sec.title}') has no statements")


def _fmt_lines(lines):
    return ", ".join(map(str, lines[:6])) + (", ..." if len(lines) > 6 else "")


# -- running ---------------------------------------------------------------------------------
class UnknownRule(UnknownName):
    """A rule code that no rule has (in ``--select`` or ``--ignore``)."""


def resolve_codes(codes: Iterable[str] | None) -> set[str] | None:
    if codes is None:
        return None
    out = set()
    for code in codes:
        for c in code.split(","):
            c = c.strip()
            if not c:
                continue
            if c not in RULES:
                raise UnknownRule(f"unknown rule '{c}'; rules: " + ", ".join(RULES),
                                  location=Location("<rules>"))
            out.add(c)
    return out


def run_checks(amap: M.ArgumentMap, *, select=None, ignore=None, source=None,
               evaluation=None, config: C.Config | None = None) -> list[Diagnostic]:
    """Run the rules (all by default) and return findings, ordered by location.

    *config* is the configuration that applies (default: the one found for the map, see
    :func:`argmap.config.for_map`).  *select* replaces the configuration's ``select``; what
    *ignore* names is ignored as well as what the configuration ignores, except the rules that
    *select* names explicitly."""
    cfg = C.for_map(amap.path) if config is None else config
    rules = _selected(resolve_codes(select), resolve_codes(ignore) or set(), cfg)
    ctx = Context(amap, evaluation, source, _options(cfg))
    silenced = _silenced(amap)
    per_file = _per_file(cfg, amap)
    severity = {c: Severity(s) for c, s in cfg.severity.items() if c in RULES}
    out = []
    from ._gc import paused

    with paused():
        for code, r in rules:
            if r.needs == "source" and source is None:
                continue
            for d in r.func(ctx):
                loc = d.location
                if code in silenced.get((loc.path, loc.line, loc.col), ()) or code in per_file(loc.path):
                    continue
                if code in severity and d.severity != severity[code]:
                    d = dataclasses.replace(d, severity=severity[code])
                out.append(d)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    out.sort(key=lambda d: (d.location.path != (amap.path or d.location.path), d.location.path,
                            d.location.line, d.location.col, order[d.severity], d.code))
    return out


def _selected(select: set[str] | None, ignore: set[str], cfg: C.Config) -> list[tuple[str, Rule]]:
    """The rules to run: *select* (else the configuration's, else all) less *ignore* and the
    configuration's ignores (a rule that *select* names is not dropped by the configuration)."""
    chosen = select if select is not None else (
        {c for c in cfg.select if c in RULES} if cfg.select is not None else None)
    ignored = ignore | {c for c in cfg.ignore if c in RULES and not (select and c in select)}
    return [(code, r) for code, r in RULES.items()
            if (chosen is None or code in chosen) and code not in ignored]


def _silenced(amap: M.ArgumentMap) -> dict[tuple, set[str]]:
    """Location -> the codes a statement's ``ignore`` silences there (on the statement and on
    its citations)."""
    silenced = {(s.location.path, s.location.line, s.location.col): set(s.ignore)
                for s in amap.statements if s.ignore}
    for s in amap.statements:
        if s.ignore:
            for c in s.cites:
                silenced[(c.location.path, c.location.line, c.location.col)] = set(s.ignore)
    return silenced


def _per_file(cfg: C.Config, amap: M.ArgumentMap) -> Callable[[str], set[str]]:
    """path -> the codes ``per-file-ignores`` silences for a finding in that file (a pattern
    that matches the map's own file silences the code in all of its parts too)."""
    if not cfg.per_file_ignores:
        return lambda path: set()
    whole = cfg.ignored_for(amap.path)
    cache: dict[str, set[str]] = {}

    def codes_for(path: str) -> set[str]:
        if path not in cache:
            cache[path] = whole | cfg.ignored_for(path)
        return cache[path]
    return codes_for


def _options(cfg: C.Config) -> dict[str, dict[str, Any]]:
    """The valid rule options of the configuration (see :func:`config_diagnostics`)."""
    out: dict[str, dict[str, Any]] = {}
    for code, opts in cfg.rules.items():
        if code not in RULES:
            continue
        defaults = RULES[code].options
        out[code] = {k: v for k, v in opts.items() if k in defaults and _fits(v, defaults[k])}
    return out


def _fits(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, int):
        return isinstance(value, int) and value >= 1
    if isinstance(default, (list, tuple)):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _type_name(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return "a whole number of at least 1"
    if isinstance(default, (list, tuple)):
        return "a list of texts"
    return "text"


def config_diagnostics(cfg: C.Config) -> list[Diagnostic]:
    """Warnings about the rule codes and rule options of a configuration: unknown codes (in
    ``select``, ``ignore``, ``per-file-ignores``, ``severity``, ``rules``) and unknown or
    ill-typed options, each with the closest known name."""
    from .suggest import suggest

    out = []
    named = list(cfg.select or ()) + list(cfg.ignore) + [c for _, cs in cfg.per_file_ignores for c in cs]
    named += list(cfg.severity) + list(cfg.rules)
    for code in dict.fromkeys(named):
        if code not in RULES:
            out.append(Diagnostic(cfg.location_of(code), "config-unknown-rule",
                                  f"unknown rule '{code}'{suggest(code, RULES)}; ignored", "warning",
                                  "rules: " + ", ".join(RULES)))
    for code, opts in cfg.rules.items():
        if code not in RULES:
            continue
        defaults = RULES[code].options
        for name, value in opts.items():
            loc = cfg.location_of(f"{code}.{name}")
            if name not in defaults:
                known = ", ".join(defaults) or "none"
                out.append(Diagnostic(loc, "config-unknown-key", f"rule '{code}' has no option "
                                      f"'{name}'{suggest(name, defaults)}", "warning", f"options: {known}"))
            elif not _fits(value, defaults[name]):
                out.append(Diagnostic(loc, "config-value", f"option '{name}' of rule '{code}' must be "
                                      f"{_type_name(defaults[name])}; ignored", "warning"))
    return out


def summary(amap: M.ArgumentMap, findings: list[Diagnostic]) -> dict:
    counts: dict[str, int] = {}
    for d in findings:
        counts[d.code] = counts.get(d.code, 0) + 1
    sev: dict[str, int] = {}
    for d in findings:
        sev[d.severity] = sev.get(d.severity, 0) + 1
    return {"statements": len(amap.statements), "inferences": len(amap.inferences),
            "relations": len(amap.relations), "references": len(amap.references),
            "values": len(amap.values), "findings": counts, "severities": sev}
