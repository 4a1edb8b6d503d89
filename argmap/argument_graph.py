"""The argument graph: the one place that decides what the relations of a map *mean*.

The model (:mod:`argmap.model`) records what the author wrote; :class:`ArgumentGraph` is derived
from it once per map (see :func:`argument_graph`) and every analysis and figure reads the
relations through it.  What it decides, in the field's words:

* an **inference** (a *step*) leads from premises to a conclusion.  An explicit inference has
  **linked premises**: they support the conclusion only together.  A plain ``supports`` relation
  is an inference with one premise, named ``inf:SOURCE>TARGET`` (explicit ones are ``inf:ID``);
* the **support graph** joins each premise to its conclusion, through the inference node when
  the premises are linked; a **chain of support** runs down it from a conclusion;
* an **attack** (a rebuttal, in the strict sense) disputes a statement; an **undercut** disputes
  an inference (the step, not its premises or its conclusion); a **contradiction** is a
  symmetric tension between two statements, recorded but not an attack;
* a **thesis** or a **claim** needs support: it stands on a citation of its own, or else on an
  inference that stands (:attr:`ArgumentGraph.needy`).  Other kinds stand on their own unless
  they are attacked;
* ``promotes`` joins a statement to the values it promotes, and ``ranks-above`` orders values
  (Bench-Capon 2003), possibly only within a context (an *audience*).

The views are plain dicts and lists, computed on first use and then kept: the checks of a
1e5-statement map walk them millions of times, and networkx's graph views cost about a
microsecond per look-up.  Orders are the map's (statements, then relations as written), so every
output built from them is deterministic.  :meth:`ArgumentGraph.to_networkx` gives the same
graph as a networkx ``DiGraph`` for users who want networkx's algorithms.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from . import model as M
from .vocab import NEEDS_SUPPORT, RelationKind, StatementKind, ValueRelationKind

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ArgumentGraph", "Step", "Support", "argument_graph"]

_SUPPORTS = RelationKind.SUPPORTS
_ATTACKS = RelationKind.ATTACKS
_UNDERCUTS = RelationKind.UNDERCUTS
_CONTRADICTS = RelationKind.CONTRADICTS
_PROMOTES = RelationKind.PROMOTES
#: kinds whose statements may stand on their own in strict mode only when cited
STRICT_NEEDS_CITATION = frozenset({StatementKind.PREMISE, StatementKind.EVIDENCE})


@dataclass(frozen=True, slots=True)
class Step:
    """One inference: *premises* together support *conclusion*.  *inference* is the id of the
    explicit inference, or None for a plain ``supports`` relation (one premise)."""

    name: str
    conclusion: str
    premises: tuple[str, ...]
    inference: str | None

    def as_tuple(self) -> tuple[str, tuple[str, ...], str | None]:
        return self.conclusion, self.premises, self.inference


def argument_graph(amap: M.ArgumentMap) -> ArgumentGraph:
    """The argument graph of *amap*, derived once and kept with the map (the map never
    changes, so neither does its graph)."""
    cached = amap.__dict__.get("_argument_graph")
    if cached is None:
        cached = ArgumentGraph(amap)
        # a frozen dataclass: store beside its fields, as functools.cached_property does
        amap.__dict__["_argument_graph"] = cached
    return cached


class Support:
    """The support graph as plain adjacency: premise -> conclusion, and for linked premises
    premise -> inference -> conclusion.  ``pred[n]`` / ``succ[n]`` are dicts used as ordered
    sets (a support stated twice is one edge), over every statement and inference of the map,
    in the map's order."""

    __slots__ = ("pred", "succ", "inferences")

    def __init__(self, nodes: Iterable[str], edges: Iterable[tuple[str, str]],
                 inferences: Iterable[str]) -> None:
        pred: dict[str, dict[str, None]] = {n: {} for n in nodes}
        succ: dict[str, dict[str, None]] = {n: {} for n in pred}
        for a, b in edges:
            if a not in succ:
                succ[a], pred[a] = {}, {}
            if b not in succ:
                succ[b], pred[b] = {}, {}
            succ[a][b] = None
            pred[b][a] = None
        self.pred, self.succ = pred, succ
        self.inferences = set(inferences)

    @classmethod
    def from_networkx(cls, g: nx.DiGraph) -> Support:
        """The same adjacency from a networkx DiGraph (inference nodes have ``inference=True``)."""
        self = cls.__new__(cls)
        self.pred = {n: dict.fromkeys(p) for n, p in g.pred.items()}
        self.succ = {n: dict.fromkeys(p) for n, p in g.succ.items()}
        self.inferences = {n for n, d in g.nodes(data=True) if d.get("inference")}
        return self

    def cyclic_part(self) -> nx.DiGraph | None:
        """A networkx DiGraph of the nodes that may lie on a cycle, or None when there is no
        cycle.  Nodes that no cycle can reach, or that reach no cycle, are peeled off first
        (Kahn's algorithm, both ways), so the costly part runs on what is left (usually nothing)."""
        left = set(self.pred)
        for into, out in ((self.pred, self.succ), (self.succ, self.pred)):
            _peel(left, into, out)
        if not left:
            return None
        import networkx as nx
        g = nx.DiGraph()
        g.add_nodes_from(n for n in self.pred if n in left)   # the map's order: stable output
        g.add_edges_from([(a, b) for a in g for b in self.succ[a] if b in left])
        return g


def _peel(left: set[str], into: dict[str, dict[str, None]], out: dict[str, dict[str, None]]) -> None:
    """Remove from *left* every node with no way in from *left* (repeatedly)."""
    if len(left) == len(into):
        degree = {n: len(into[n]) for n in left}
    else:
        degree = {n: sum(1 for m in into[n] if m in left) for n in left}
    ready = [n for n in left if degree[n] == 0]
    for n in ready:   # `ready` grows while we walk it
        left.discard(n)
        for m in out[n]:
            if m in left:
                degree[m] -= 1
                if degree[m] == 0:
                    ready.append(m)


class ArgumentGraph:
    """The derived argument graph of one map (see the module's docstring for what it decides).

    Built by :func:`argument_graph`; every view is computed on first use."""

    def __init__(self, amap: M.ArgumentMap) -> None:
        self.amap = amap

    @classmethod
    def of(cls, amap: M.ArgumentMap) -> ArgumentGraph:
        """The (cached) argument graph of *amap*: :func:`argument_graph`."""
        return argument_graph(amap)

    # -- inferences --------------------------------------------------------------------------
    @cached_property
    def steps(self) -> dict[str, Step]:
        """Every inference by name: the explicit ones first, then one per plain ``supports``
        relation (a support stated twice is one step)."""
        out: dict[str, Step] = {}
        for inf in self.amap.inferences:
            name = "inf:" + inf.id
            out[name] = Step(name, inf.conclusion, inf.premises, inf.id)
        for r in self.amap.relations:
            if r.kind == _SUPPORTS:
                name = f"inf:{r.source}>{r.target}"
                out[name] = Step(name, r.target, (r.source,), None)
        return out

    @cached_property
    def steps_for(self) -> dict[str, list[Step]]:
        """The inferences that conclude each statement, in the order of :attr:`steps`."""
        out: dict[str, list[Step]] = {}
        for step in self.steps.values():
            out.setdefault(step.conclusion, []).append(step)
        return out

    @cached_property
    def inferences_for(self) -> dict[str, list[M.Inference]]:
        """The explicit inferences (linked premises) that conclude each statement."""
        out: dict[str, list[M.Inference]] = {}
        for inf in self.amap.inferences:
            out.setdefault(inf.conclusion, []).append(inf)
        return out

    @cached_property
    def premise_of(self) -> dict[str, list[Step]]:
        """The inferences each statement is a premise of, in the order of :attr:`steps`."""
        out: dict[str, list[Step]] = {}
        for step in self.steps.values():
            for p in step.premises:
                out.setdefault(p, []).append(step)
        return out

    # -- relations by target -----------------------------------------------------------------
    def _by_target(self, kind: RelationKind) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.amap.relations:
            if r.kind == kind:
                out.setdefault(r.target, []).append(r.source)
        return out

    @cached_property
    def supporters(self) -> dict[str, list[str]]:
        """The sources of plain ``supports`` relations, by target (as written, repeats kept)."""
        return self._by_target(_SUPPORTS)

    @cached_property
    def attackers(self) -> dict[str, list[str]]:
        """The statements that attack each statement (as written, repeats kept)."""
        return self._by_target(_ATTACKS)

    @cached_property
    def undercutters(self) -> dict[str, list[str]]:
        """The statements that undercut each explicit inference, by inference id."""
        return self._by_target(_UNDERCUTS)

    @cached_property
    def attacks_on(self) -> dict[str, list[tuple[str, RelationKind]]]:
        """Attacks and undercuts by what they dispute (a statement id or an inference id):
        ``(attacker, kind)`` in the order written."""
        out: dict[str, list[tuple[str, RelationKind]]] = {}
        for r in self.amap.relations:
            if r.kind == _ATTACKS or r.kind == _UNDERCUTS:
                out.setdefault(r.target, []).append((r.source, r.kind))
        return out

    @cached_property
    def disputes(self) -> dict[str, list[tuple[RelationKind, str]]]:
        """What each statement attacks or undercuts: ``(kind, target)`` in the order written."""
        out: dict[str, list[tuple[RelationKind, str]]] = {}
        for r in self.amap.relations:
            if r.kind == _ATTACKS or r.kind == _UNDERCUTS:
                out.setdefault(r.source, []).append((r.kind, r.target))
        return out

    @cached_property
    def contradicting(self) -> dict[str, list[str]]:
        """The statements in tension with each statement (``contradicts`` is symmetric)."""
        out: dict[str, list[str]] = {}
        for r in self.amap.relations:
            if r.kind == _CONTRADICTS:
                out.setdefault(r.source, []).append(r.target)
                out.setdefault(r.target, []).append(r.source)
        return out

    @cached_property
    def contradictions(self) -> list[M.Relation]:
        return [r for r in self.amap.relations if r.kind == _CONTRADICTS]

    @cached_property
    def promotes(self) -> dict[str, set[str]]:
        """The values each statement promotes."""
        out: dict[str, set[str]] = {}
        for r in self.amap.relations:
            if r.kind == _PROMOTES:
                out.setdefault(r.source, set()).add(r.target)
        return out

    @cached_property
    def bears_on_something(self) -> set[str]:
        """Statements that support, attack or undercut something, or are a premise."""
        out = {r.source for r in self.amap.relations if r.kind in (_SUPPORTS, _ATTACKS, _UNDERCUTS)}
        for inf in self.amap.inferences:
            out.update(inf.premises)
        return out

    # -- support -----------------------------------------------------------------------------
    @cached_property
    def needy(self) -> frozenset[str]:
        """Statements that stand only if an inference for them stands: every thesis and claim
        without a citation of its own."""
        return frozenset(s.id for s in self.amap.statements if s.kind in NEEDS_SUPPORT and not s.cites)

    @cached_property
    def strict_needy(self) -> frozenset[str]:
        """:attr:`needy`, and in strict mode every uncited premise and evidence item too."""
        return self.needy | {s.id for s in self.amap.statements
                             if s.kind in STRICT_NEEDS_CITATION and not s.cites}

    @cached_property
    def self_standing(self) -> set[str]:
        """Statements that end a chain of support by themselves: cited ones, and every kind
        that needs no support."""
        return {s.id for s in self.amap.statements if s.cites or s.kind not in NEEDS_SUPPORT}

    @cached_property
    def support(self) -> Support:
        """The support graph (see :class:`Support`)."""
        amap = self.amap
        edges = [(r.source, r.target) for r in amap.relations if r.kind == _SUPPORTS]
        edges += [(p, inf.id) for inf in amap.inferences for p in inf.premises]
        edges += [(inf.id, inf.conclusion) for inf in amap.inferences]
        nodes = [s.id for s in amap.statements] + [inf.id for inf in amap.inferences]
        return Support(nodes, edges, (inf.id for inf in amap.inferences))

    def supported(self, sid: str) -> bool:
        """Whether anything supports *sid* (a plain support or an inference)."""
        return bool(self.support.pred.get(sid))

    # -- connection --------------------------------------------------------------------------
    @cached_property
    def related(self) -> dict[str, list[str]]:
        """Undirected adjacency over statements and inferences (inferences join their premises
        and conclusion; every relation but ``promotes`` joins its ends)."""
        amap = self.amap
        adj: dict[str, list[str]] = {s.id: [] for s in amap.statements}
        for inf in amap.inferences:
            adj[inf.id] = [inf.conclusion, *inf.premises]
            adj.setdefault(inf.conclusion, []).append(inf.id)
            for p in inf.premises:
                adj.setdefault(p, []).append(inf.id)
        for r in amap.relations:
            if r.kind != _PROMOTES:
                adj.setdefault(r.source, []).append(r.target)
                adj.setdefault(r.target, []).append(r.source)
        return adj

    def connected(self, root: str) -> set[str]:
        """Everything with a path to *root* in :attr:`related` (root included)."""
        return _reach(self.related, root)

    @cached_property
    def neighbours(self) -> dict[str, set[str]]:
        """Statement-level adjacency: two statements are neighbours when one supports, attacks
        or contradicts the other, when one is a premise of an inference for the other, or when
        one undercuts an inference for the other."""
        amap = self.amap
        adj: dict[str, set[str]] = {s.id: set() for s in amap.statements}

        def join(a: str, b: str) -> None:
            adj.setdefault(a, set()).add(b)
            adj.setdefault(b, set()).add(a)
        for r in amap.relations:
            if r.kind in (_SUPPORTS, _ATTACKS, _CONTRADICTS):
                join(r.source, r.target)
            elif r.kind == _UNDERCUTS:
                join(r.source, amap.inference_by_id[r.target].conclusion)
        for inf in amap.inferences:
            for p in inf.premises:
                join(p, inf.conclusion)
        return adj

    def within(self, root: str, depth: int) -> set[str]:
        """The statements at most *depth* steps from *root* in :attr:`neighbours`."""
        return _reach(self.neighbours, root, depth)

    # -- values ------------------------------------------------------------------------------
    def rankings(self, context: str | None = None, *, every: bool = False) -> list[M.ValueRelation]:
        """``ranks-above`` relations that hold in *context*: the general ones (no context) and
        those of *context*; with *every*, all of them."""
        return [r for r in self.amap.value_relations if r.kind == ValueRelationKind.RANKS_ABOVE
                and (every or r.context is None or r.context == context)]

    def ranked_below(self, context: str | None = None) -> dict[str, set[str]]:
        """value -> every value it ranks above (transitively), in *context*."""
        above: dict[str, list[str]] = {}
        for r in self.rankings(context):
            above.setdefault(r.source, []).append(r.target)
            above.setdefault(r.target, [])
        return {v: _reach(above, v) - {v} for v in above}

    # -- networkx ----------------------------------------------------------------------------
    def to_networkx(self) -> nx.DiGraph:
        """The argument graph as a networkx DiGraph: statements (``kind`` = statement kind) and
        inference steps (``kind: "inference"``, ``premises``, ``explicit``) as nodes; edges
        ``premise`` (premise -> step), ``conclusion`` (step -> conclusion), ``attacks``,
        ``undercuts`` (to the step of the explicit inference) and ``contradicts`` (both ways)."""
        import networkx as nx

        g = nx.DiGraph()
        for s in self.amap.statements:
            g.add_node(s.id, kind=str(s.kind), text=s.text)
        for step in self.steps.values():
            g.add_node(step.name, kind="inference", premises=list(step.premises),
                       explicit=step.inference is not None)
            for p in step.premises:
                g.add_edge(p, step.name, kind="premise")
            g.add_edge(step.name, step.conclusion, kind="conclusion")
        for edge in self._attack_edges():
            g.add_edge(*edge[:2], kind=edge[2])
        return g

    def _attack_edges(self) -> Iterator[tuple[str, str, str]]:
        for r in self.amap.relations:
            if r.kind == _ATTACKS:
                yield r.source, r.target, "attacks"
            elif r.kind == _UNDERCUTS:
                yield r.source, "inf:" + r.target, "undercuts"
            elif r.kind == _CONTRADICTS:
                yield r.source, r.target, "contradicts"
                yield r.target, r.source, "contradicts"


def _reach(adj: dict[str, Any], root: str, depth: int | None = None) -> set[str]:
    """Breadth-first: every node within *depth* steps of *root* (any distance when None)."""
    seen = {root}
    frontier = [root]
    level = 0
    while frontier and (depth is None or level < depth):
        nxt = []
        for n in frontier:
            for m in adj.get(n, ()):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        frontier = nxt
        level += 1
    return seen
