"""The exercise mode of the interactive page: the student classifies each relation, or picks
its target, and each answer is checked at once in the page.

Layer: presentation (used by :mod:`argmap.page`).

The exercise page shows a *neutral* map: the statements renamed ``S1``, ``S2``, ... in the
map's order (ids often tell the kind: ``O1`` is an objection), the kinds hidden but the
thesis's, the figure drawn in one style for every kind and relation (``exercise-theme.yaml``),
no legend, no evaluation, no checks.  The *questions* are the map's relations, statement by
statement: what a statement supports (on its own, or as one of the linked premises of an
inference), attacks, undercuts (the step of an inference, not its premises or conclusion) or is
in tension with (``contradicts``).

* ``types``: the figure keeps the relations, without their types; each question names the two
  statements and asks how the first bears on the second;
* ``targets``: the figure has no relations (and no inference nodes); each question names a
  statement and its relation and asks for the target.

The answer key (the relation, the target, a short explanation in words) is embedded as base64
of its JSON, reversed: it does not show in the page's text (no spoiler), which is all it is for.
"""
from __future__ import annotations

import base64
import dataclasses
import json
import re

from . import model as M
from .vocab import RelationKind, StatementKind

__all__ = ["EXERCISES", "CHOICES", "neutral_map", "questions", "encode_key", "decode_key", "neutral_svg"]

EXERCISES = ("types", "targets")
#: the answers of a ``types`` question, and how the page words them
CHOICES = (("supports", "supports it (a reason for it)"), ("attacks", "attacks it (says it is not so)"),
           ("undercuts", "undercuts the step to it (grants the reasons, denies they lead there)"),
           ("contradicts", "is in tension with it"))
_ASKED = {"supports": "supports which statement?", "premise": "is one of the linked premises for which conclusion?",
          "attacks": "attacks which statement?", "undercuts": "undercuts the step to which conclusion?",
          "contradicts": "is in tension with which statement?"}


def neutral_map(amap: M.ArgumentMap) -> M.ArgumentMap:
    """*amap* with statements renamed S1, S2, ... and inferences step1, step2, ... (in order)."""
    names = {s.id: f"S{i}" for i, s in enumerate(amap.statements, start=1)}
    names.update({inf.id: f"step{i}" for i, inf in enumerate(amap.inferences, start=1)})

    def n(x: str) -> str:
        return names.get(x, x)
    return dataclasses.replace(
        amap, thesis=n(amap.thesis) if amap.thesis else None, tour=(),
        statements=tuple(dataclasses.replace(s, id=n(s.id)) for s in amap.statements),
        inferences=tuple(dataclasses.replace(i, id=n(i.id), premises=tuple(map(n, i.premises)),
                                             conclusion=n(i.conclusion)) for i in amap.inferences),
        relations=tuple(dataclasses.replace(r, source=n(r.source), target=n(r.target)) for r in amap.relations))


def _quote(amap: M.ArgumentMap, sid: str, width: int = 70) -> str:
    text = " ".join(amap.statement_by_id[sid].text.split())
    return "\u201c" + (text if len(text) <= width else text[: width - 1].rstrip() + "\u2026") + "\u201d"


def _why(amap: M.ArgumentMap, kind: str, src: str, tgt: str, others: list[str]) -> str:
    a, b = _quote(amap, src), _quote(amap, tgt)
    if kind == "supports":
        return f"{a} is a reason for {b}: if it is true, that conclusion is more credible."
    if kind == "premise":
        return (f"{a} is one of the linked premises for {b}: it supports it only together with "
                + " and ".join(_quote(amap, p) for p in others) + ".")
    if kind == "attacks":
        answer = amap.statement_by_id[src].kind == StatementKind.REBUTTAL
        if answer:
            return f"{a} answers the objection {b}: it attacks it."
        return f"{a} attacks {b}: it says that it is not so."
    if kind == "undercuts":
        return f"{a} undercuts the step to {b}: it grants the reasons but denies that they lead to it."
    return f"{a} and {b} are in tension: they cannot both be true, but neither is given as a reason against the other."


def questions(amap: M.ArgumentMap, mode: str) -> tuple[list[dict], list[dict]]:
    """(questions, answer key) of the exercise on *amap* (a neutral map), statement by statement.

    A question: ``{"n", "source", "target"}`` (``types``) or ``{"n", "source", "asked",
    "options"}`` (``targets``: the statements it may be aimed at).  A key entry:
    ``{"k": supports|premise|attacks|undercuts|contradicts, "t": target, "why": ...}``."""
    infs = amap.inference_by_id
    raw: list[tuple[str, str, str, list[str], str | None]] = []
    for s in amap.statements:
        for r in amap.relations:
            if r.source != s.id or r.kind == RelationKind.PROMOTES:
                continue
            target = infs[r.target].conclusion if r.kind == RelationKind.UNDERCUTS else r.target
            raw.append((str(r.kind), s.id, target, [], r.note))
        for inf in amap.inferences:
            if s.id in inf.premises:
                raw.append(("premise", s.id, inf.conclusion, [p for p in inf.premises if p != s.id], None))
    shown, key = [], []
    ids = [s.id for s in amap.statements]
    for n, (kind, src, tgt, others, note) in enumerate(raw):
        why = _why(amap, kind, src, tgt, others) + (f" ({note})" if note else "")
        key.append({"k": kind, "t": tgt, "why": why})
        if mode == "types":
            shown.append({"n": n, "source": src, "target": tgt})
        else:
            shown.append({"n": n, "source": src, "asked": _ASKED[kind], "options": [x for x in ids if x != src]})
    return shown, key


def encode_key(key: list[dict]) -> str:
    """The answer key as base64 of its JSON, reversed (no spoiler in the page's text)."""
    text = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(text.encode("utf-8")).decode("ascii")[::-1]


def decode_key(text: str) -> list[dict]:
    return json.loads(base64.b64decode(text[::-1]).decode("utf-8"))


_KIND_CLASS = re.compile(r'class="node st kind&#45;[a-z]+"')
_REL_CLASS = re.compile(r'class="edge rel rel&#45;[a-z]+"')
_EDGE_GROUP = re.compile(r'<g id="e&#45;\d+" class="edge[^"]*">.*?</g>\n?', re.S)
_INFERENCE_GROUP = re.compile(r'<g id="n&#45;[^"]*" class="node inference">.*?</g>\n?', re.S)


def neutral_svg(amap: M.ArgumentMap, mode: str) -> str:
    """The exercise's figure as Graphviz SVG: one style for every kind and relation, no legend,
    no kinds in the classes; for ``targets``, no relations and no inference nodes."""
    from importlib.resources import files

    from .figure import RenderOptions, figure_dot, graphviz

    if not amap.statements:
        return ""
    quiet = dataclasses.replace(amap, relations=tuple(
        dataclasses.replace(r, note=None) for r in amap.relations if r.kind != RelationKind.PROMOTES))
    theme = str(files("argmap").joinpath("data/exercise-theme.yaml"))
    svg = graphviz(figure_dot(quiet, RenderOptions(theme=theme, legend=False, title=False)), "svg").decode("utf-8")
    svg = _KIND_CLASS.sub('class="node st"', svg)
    svg = _REL_CLASS.sub('class="edge rel"', svg)
    if mode == "targets":
        svg = _INFERENCE_GROUP.sub("", _EDGE_GROUP.sub("", svg))
    return svg
