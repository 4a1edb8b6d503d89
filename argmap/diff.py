"""A semantic diff of two versions of a map: what the argument now says differently.

Layer: analysis (it reads the model, the argument graph, the evaluation and the alignment).

Statements are matched by id first, then, among the rest, by text similarity (one to one, see
:mod:`argmap.align`): a matched statement whose text changed is *reworded*, one matched under
another id is *renamed*; the others are *added* or *removed*.  Everything else is compared in
the new map's ids (an old statement that was removed keeps its old id):

* **kinds** that changed (a premise that became a claim, ...);
* **relations** between statements: *supports* (a reason on its own), *attacks* (a rebuttal of
  a statement), *undercuts* (an attack on an inference, the step from premises to conclusion)
  and *contradicts* (a symmetric tension).  One removed and one added relation with the same
  source and kind are a *retargeted* relation; with the same ends and another kind, a relation
  whose *kind changed* (a support drawn as an attack);
* **inferences** (linked premises: they support the conclusion only together), matched by id,
  else by their conclusion and premises: added, removed, premises or conclusion changed;
* **citations and pages** of matched statements;
* **value rankings** (``ranks-above``, in a context or not) and values added or removed;
* **labels** under the grounded evaluation: a statement that was IN and is now OUT, with the
  new explanation (:func:`argmap.evaluation.explain`) saying why.

:func:`diff_maps` returns a :class:`MapDiff`; :func:`diff_text` and :func:`diff_record` print it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import model as M
from .align import Alignment, align
from .vocab import RelationKind, ValueRelationKind

__all__ = ["Change", "MapDiff", "diff_maps", "diff_text", "diff_record", "SECTIONS", "REMOVED"]

#: the sections of a diff, in the order they are printed
SECTIONS = ("map", "statements", "kinds", "relations", "inferences", "citations", "values", "evaluation")
SECTION_TITLES = {"map": "map", "statements": "statements", "kinds": "kinds", "relations": "relations",
                  "inferences": "inferences (linked premises)", "citations": "citations and pages",
                  "values": "values and rankings", "evaluation": "evaluation (grounded)"}
#: the prefix of a removed statement's or inference's id in the figure of a diff
REMOVED = "removed."

Rel = tuple[str, str, str]   # (source, kind, target), in the new map's ids


@dataclass(frozen=True)
class Change:
    """One line of a diff.  *op*: ``+`` added, ``-`` removed, ``~`` changed; *what* names the
    change (``added``, ``reworded``, ``retargeted``, ``label``, ...); *detail* holds further
    lines (old and new text, an explanation)."""

    section: str
    op: str
    what: str
    line: str
    old: str | None = None
    new: str | None = None
    detail: tuple[str, ...] = ()

    def record(self) -> dict:
        out: dict = {"op": self.op, "what": self.what, "line": self.line}
        if self.old is not None:
            out["old"] = self.old
        if self.new is not None:
            out["new"] = self.new
        if self.detail:
            out["detail"] = list(self.detail)
        return out


@dataclass
class MapDiff:
    """The differences between *old* and *new* (see the module's docstring).  Besides the
    printed :attr:`changes`, it keeps what a figure marks: statements (new ids; removed ones
    as ``removed.ID``) and relations ``(source, kind, target)`` in the same ids."""

    old: M.ArgumentMap
    new: M.ArgumentMap
    alignment: Alignment
    changes: list[Change] = field(default_factory=list)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    changed: set[str] = field(default_factory=set)
    added_relations: set[Rel] = field(default_factory=set)
    removed_relations: set[Rel] = field(default_factory=set)
    changed_relations: set[Rel] = field(default_factory=set)
    inference_map: dict[str, str] = field(default_factory=dict)   # old inference id -> new id

    def __bool__(self) -> bool:
        return bool(self.changes)

    def section(self, name: str) -> list[Change]:
        return [c for c in self.changes if c.section == name]

    def merged_id(self, old_id: str) -> str:
        """The id of an old statement in the new map's ids (``removed.ID`` when it was removed)."""
        return self.alignment.forward.get(old_id, REMOVED + old_id)

    def merged_inference(self, old_id: str) -> str:
        return self.inference_map.get(old_id, REMOVED + old_id)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _quote(text: str) -> str:
    return "\u201c" + _short(text) + "\u201d"


def diff_maps(old: M.ArgumentMap, new: M.ArgumentMap, *, threshold: float = 0.5) -> MapDiff:
    """The semantic diff of *old* and *new*."""
    d = MapDiff(old, new, align(old, new, threshold=threshold, by_id=True))
    _map_fields(d)
    _statements(d)
    _kinds(d)
    _inferences(d)
    _relations(d)
    _citations(d)
    _values(d)
    _labels(d)
    return d


def _add(d: MapDiff, *args, **kw) -> None:
    d.changes.append(Change(*args, **kw))


def _map_fields(d: MapDiff) -> None:
    old, new = d.old, d.new
    if old.title != new.title:
        _add(d, "map", "~", "title", f"title: {_quote(old.title)} -> {_quote(new.title)}")
    old_thesis = d.merged_id(old.thesis) if old.thesis else None
    if old_thesis != new.thesis:
        _add(d, "map", "~", "thesis", f"thesis: {old.thesis or '(none)'} -> {new.thesis or '(none)'}",
             old=old.thesis, new=new.thesis)


def _statements(d: MapDiff) -> None:
    old, new = d.old.statement_by_id, d.new.statement_by_id
    for sid in d.alignment.unmatched_right:
        s = new[sid]
        d.added.add(sid)
        _add(d, "statements", "+", "added", f"{sid} ({s.kind}): {_quote(s.text)}", new=sid)
    for sid in d.alignment.unmatched_left:
        s = old[sid]
        d.removed.add(REMOVED + sid)
        _add(d, "statements", "-", "removed", f"{sid} ({s.kind}): {_quote(s.text)}", old=sid)
    for p in d.alignment.pairs:
        a, b = old[p.left], new[p.right]
        if p.left != p.right:
            d.changed.add(p.right)
            _add(d, "statements", "~", "renamed", f"{p.left} renamed to {p.right}", old=p.left, new=p.right)
        if a.text != b.text:
            d.changed.add(p.right)
            _add(d, "statements", "~", "reworded", f"{p.right} reworded ({p.score:.0%} similar)",
                 old=p.left, new=p.right, detail=(f"- {a.text}", f"+ {b.text}"))


def _kinds(d: MapDiff) -> None:
    old, new = d.old.statement_by_id, d.new.statement_by_id
    for p in d.alignment.pairs:
        if old[p.left].kind != new[p.right].kind:
            d.changed.add(p.right)
            _add(d, "kinds", "~", "kind", f"{p.right}: {old[p.left].kind} -> {new[p.right].kind}",
                 old=p.left, new=p.right)


# -- inferences -----------------------------------------------------------------------------------
def _inferences(d: MapDiff) -> None:
    new_by_id = d.new.inference_by_id
    by_shape = {(i.conclusion, frozenset(i.premises)): i.id for i in d.new.inferences}
    for inf in d.old.inferences:
        if inf.id in new_by_id:
            d.inference_map[inf.id] = inf.id
            continue
        shape = (d.merged_id(inf.conclusion), frozenset(d.merged_id(p) for p in inf.premises))
        if shape in by_shape and by_shape[shape] not in d.inference_map.values():
            d.inference_map[inf.id] = by_shape[shape]
    matched_new = set(d.inference_map.values())
    for inf in d.new.inferences:
        if inf.id not in matched_new:
            d.added.add(inf.id)
            d.added_relations.update((p, "premise", inf.id) for p in inf.premises)
            d.added_relations.add((inf.id, "supports", inf.conclusion))
            _add(d, "inferences", "+", "added", _inference_line(inf.id, inf.premises, inf.conclusion),
                 new=inf.id)
    for inf in d.old.inferences:
        if inf.id not in d.inference_map:
            d.removed.add(REMOVED + inf.id)
            _add(d, "inferences", "-", "removed", _inference_line(
                inf.id, [d.merged_id(p) for p in inf.premises], d.merged_id(inf.conclusion)), old=inf.id)
        else:
            _inference_changes(d, inf, new_by_id[d.inference_map[inf.id]])


def _inference_line(iid: str, premises: Iterable[str], conclusion: str) -> str:
    return f"{iid}: " + " + ".join(premises) + f" together support {conclusion}"


def _inference_changes(d: MapDiff, a: M.Inference, b: M.Inference) -> None:
    before = [d.merged_id(p) for p in a.premises]
    gained = [p for p in b.premises if p not in before]
    lost = [p for p in before if p not in b.premises]
    name = b.id if a.id == b.id else f"{a.id} (now {b.id})"
    if gained or lost:
        d.changed.add(b.id)
        d.added_relations.update((p, "premise", b.id) for p in gained)
        _add(d, "inferences", "~", "premises", f"{name}: premises " + " ".join(
            [f"+{p}" for p in gained] + [f"-{p}" for p in lost]), old=a.id, new=b.id)
    if d.merged_id(a.conclusion) != b.conclusion:
        d.changed.add(b.id)
        _add(d, "inferences", "~", "conclusion", f"{name}: conclusion {d.merged_id(a.conclusion)} -> "
             f"{b.conclusion}", old=a.id, new=b.id)
    if (a.scheme or "") != (b.scheme or ""):
        _add(d, "inferences", "~", "scheme", f"{name}: scheme {_quote(a.scheme or '(none)')} -> "
             f"{_quote(b.scheme or '(none)')}", old=a.id, new=b.id)


# -- relations ------------------------------------------------------------------------------------
_COMPARED = (RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS, RelationKind.CONTRADICTS)


def _relation_set(relations: Iterable[M.Relation], source, target) -> dict[Rel, None]:
    out: dict[Rel, None] = {}
    for r in relations:
        if r.kind not in _COMPARED:
            continue
        a, b = source(r.source), target(r)
        if r.kind == RelationKind.CONTRADICTS and b < a:
            a, b = b, a
        out[(a, str(r.kind), b)] = None
    return out


def _relations(d: MapDiff) -> None:
    def old_target(r: M.Relation) -> str:
        return d.merged_inference(r.target) if r.kind == RelationKind.UNDERCUTS else d.merged_id(r.target)
    before = _relation_set(d.old.relations, d.merged_id, old_target)
    after = _relation_set(d.new.relations, lambda x: x, lambda r: r.target)
    gone = [r for r in before if r not in after]
    came = [r for r in after if r not in before]
    for r in list(gone):            # the same ends, another kind
        other = next((x for x in came if (x[0], x[2]) == (r[0], r[2])), None)
        if other is not None:
            gone.remove(r)
            came.remove(other)
            d.changed_relations.add(other)
            _add(d, "relations", "~", "relation-kind", f"{r[0]} -> {r[2]}: {r[1]} -> {other[1]} "
                 "(kind changed)", old=_rel_text(r), new=_rel_text(other))
    for r in list(gone):            # the same source and kind, another target
        other = next((x for x in came if (x[0], x[1]) == (r[0], r[1])), None)
        if other is not None:
            gone.remove(r)
            came.remove(other)
            d.changed_relations.add(other)
            d.removed_relations.add(r)
            _add(d, "relations", "~", "retargeted", f"{r[0]} {r[1]}: {r[2]} -> {other[2]} (retargeted)",
                 old=_rel_text(r), new=_rel_text(other))
    for r in came:
        d.added_relations.add(r)
        _add(d, "relations", "+", "added", _rel_text(r), new=_rel_text(r))
    for r in gone:
        d.removed_relations.add(r)
        _add(d, "relations", "-", "removed", _rel_text(r).replace(REMOVED, ""), old=_rel_text(r))


def _rel_text(r: Rel) -> str:
    return f"{r[0]} {r[1]} {r[2]}"


# -- citations, values ----------------------------------------------------------------------------
def _citations(d: MapDiff) -> None:
    old, new = d.old.statement_by_id, d.new.statement_by_id
    for p in d.alignment.pairs:
        a, b = old[p.left], new[p.right]
        parts = _cite_changes(a.cites, b.cites)
        if (a.page or "") != (b.page or ""):
            parts.append(f"page {a.page or '(none)'} -> {b.page or '(none)'}")
        if parts:
            d.changed.add(p.right)
            _add(d, "citations", "~", "citations", f"{p.right}: " + "; ".join(parts), old=p.left, new=p.right)


def _cite_changes(before: tuple[M.Citation, ...], after: tuple[M.Citation, ...]) -> list[str]:
    was = {c.ref: c.pages for c in before}
    now = {c.ref: c.pages for c in after}
    out = [f"+cites {ref}" + (f" ({now[ref]})" if now[ref] else "") for ref in now if ref not in was]
    out += [f"-cites {ref}" for ref in was if ref not in now]
    out += [f"{ref} pages {was[ref] or '(none)'} -> {now[ref] or '(none)'}"
            for ref in now if ref in was and (was[ref] or "") != (now[ref] or "")]
    return out


def _values(d: MapDiff) -> None:
    old_v, new_v = d.old.value_by_id, d.new.value_by_id
    for vid, v in new_v.items():
        if vid not in old_v:
            _add(d, "values", "+", "value", f"value {vid}: {_quote(v.name)}", new=vid)
    for vid, v in old_v.items():
        if vid not in new_v:
            _add(d, "values", "-", "value", f"value {vid}: {_quote(v.name)}", old=vid)

    def rankings(amap: M.ArgumentMap) -> dict[tuple[str, str, str | None], None]:
        return {(r.source, r.target, r.context): None for r in amap.value_relations
                if r.kind == ValueRelationKind.RANKS_ABOVE}
    before, after = rankings(d.old), rankings(d.new)
    for key in after:
        if key not in before:
            _add(d, "values", "+", "ranking", _ranking_text(key), new=_ranking_text(key))
    for key in before:
        if key not in after:
            _add(d, "values", "-", "ranking", _ranking_text(key), old=_ranking_text(key))


def _ranking_text(key: tuple[str, str, str | None]) -> str:
    return f"{key[0]} ranks-above {key[1]}" + (f" (in {key[2]})" if key[2] else "")


def _labels(d: MapDiff) -> None:
    from .evaluation import evaluate, explain

    before, after = evaluate(d.old), evaluate(d.new)
    for p in d.alignment.pairs:
        a, b = before.labels[p.left], after.labels[p.right]
        if a != b:
            d.changed.add(p.right)
            why = tuple(explain(d.new, after, p.right))
            _add(d, "evaluation", "~", "label", f"{p.right}: {a} -> {b} (now {after.verdicts[p.right]})",
                 old=p.left, new=p.right, detail=why)


# -- output -----------------------------------------------------------------------------------------
_COUNTED = {"kind": "changed", "relation-kind": "kind changed", "premises": "changed",
            "conclusion": "changed", "scheme": "changed", "citations": "changed", "label": "changed",
            "value": "value", "ranking": "ranking", "thesis": "changed", "title": "changed"}


def diff_text(d: MapDiff, old_name: str, new_name: str) -> str:
    """The diff as text, like a unified diff: a header, then one ``@@ section @@`` block per
    section that changed, one line per change (``+``, ``-``, ``~``) and its details indented."""
    lines = [f"--- {old_name}", f"+++ {new_name}"]
    for name in SECTIONS:
        changes = d.section(name)
        if not changes:
            continue
        counts: dict[str, int] = {}
        for c in changes:
            word = _COUNTED.get(c.what, c.what)
            counts[word] = counts.get(word, 0) + 1
        lines.append(f"@@ {SECTION_TITLES[name]}: " + ", ".join(f"{n} {w}" for w, n in counts.items()) + " @@")
        for c in changes:
            lines.append(f"{c.op} {c.line}")
            lines.extend("      " + x for x in c.detail)
    if not d:
        lines.append("no differences")
    return "\n".join(lines) + "\n"


def diff_record(d: MapDiff, old_name: str, new_name: str) -> dict:
    """The diff as JSON-ready data: the two files, whether they differ, the alignment of
    statements and the changes by section."""
    return {"old": old_name, "new": new_name, "changed": bool(d),
            "alignment": [{"old": p.left, "new": p.right, "similarity": round(p.score, 3), "how": p.how}
                          for p in d.alignment.pairs],
            "sections": {name: [c.record() for c in d.section(name)] for name in SECTIONS if d.section(name)}}
