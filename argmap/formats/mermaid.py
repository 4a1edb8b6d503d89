"""Mermaid: ``write_mermaid`` (export only), a ``flowchart`` that code-hosting sites render.

Paste the output into a fenced block (```` ```mermaid ````) in Markdown on GitHub, GitLab or
Gitea.  The map's title is the chart's ``title`` (front matter).

* Nodes: ``s0``, ``s1``, ... (statements, in map order), ``i0``, ... (inferences), ``v0``, ...
  (values): Mermaid ids made by argmap, so map ids such as ``end`` or ``1.2`` cannot clash with
  Mermaid keywords.  The map id starts the label (``**T**``-like prefix ``T: ``).
* Shapes by kind: thesis ``{{hexagon}}``, claim ``[rectangle]``, premise ``(rounded)``,
  evidence ``[(cylinder)]``, objection ``>flag]``, rebuttal ``[/parallelogram/]``, assumption
  ``([stadium])``, definition ``[[subroutine]]``; inferences are small circles ``((...))``
  labelled with their scheme (or id); values are trapezoids ``[/...\\]``.
* Edges: support ``-->`` (premise -> inference -> conclusion for linked premises), attack
  ``-.->|attacks|``, undercut ``-.->|undercuts|`` (to the inference node), contradiction
  ``-.-|contradicts|`` (no arrow: symmetric), ``promotes`` and value relations ``-.->|kind|``.
  Attacks, undercuts and contradictions are drawn red (``linkStyle``).
* Labels are quoted ``"..."`` strings with Mermaid entity escapes: ``"`` -> ``#quot;``,
  ``#`` -> ``#35;``, ``<`` -> ``#lt;``, ``>`` -> ``#gt;``, ``&`` -> ``#amp;``, a backtick
  ``#96;``; line breaks become ``<br>``.  Nothing else in a label is special inside quotes.

Deterministic: the same map gives byte-identical output.  Mermaid refuses charts with more than
500 edges (its default ``maxEdges``, which a diagram cannot raise) and texts longer than 50,000
characters; the output then starts with a ``%%`` comment saying so.
"""
from __future__ import annotations

import json

from ..model import ArgumentMap
from ..vocab import RelationKind, StatementKind

__all__ = ["write_mermaid", "escape_label"]

_K = StatementKind
SHAPES: dict[str, tuple[str, str]] = {
    _K.THESIS: ("{{", "}}"),
    _K.CLAIM: ("[", "]"),
    _K.PREMISE: ("(", ")"),
    _K.EVIDENCE: ("[(", ")]"),
    _K.OBJECTION: (">", "]"),
    _K.REBUTTAL: ("[/", "/]"),
    _K.ASSUMPTION: ("([", "])"),
    _K.DEFINITION: ("[[", "]]"),
}
#: the chart's classes: one per statement kind, then inferences and values
CLASSES: dict[str, str] = {
    _K.THESIS: "fill:#fde68a,stroke:#92400e,stroke-width:2px",
    _K.CLAIM: "fill:#e0f2fe,stroke:#0369a1",
    _K.PREMISE: "fill:#f1f5f9,stroke:#334155",
    _K.EVIDENCE: "fill:#dcfce7,stroke:#15803d",
    _K.OBJECTION: "fill:#fee2e2,stroke:#b91c1c",
    _K.REBUTTAL: "fill:#ede9fe,stroke:#6d28d9",
    _K.ASSUMPTION: "fill:#f5f5f4,stroke:#57534e,stroke-dasharray:4 2",
    _K.DEFINITION: "fill:#f5f5f4,stroke:#57534e",
    "inference": "fill:#ffffff,stroke:#334155",
    "value": "fill:#fef9c3,stroke:#a16207",
}
#: relation kind -> (the link between the two nodes, drawn red); other kinds: ``-.->|kind|``
LINKS: dict[str, tuple[str, bool]] = {
    RelationKind.SUPPORTS: ("-->", False),
    RelationKind.ATTACKS: ("-.->|attacks|", True),
    RelationKind.UNDERCUTS: ("-.->|undercuts|", True),
    RelationKind.CONTRADICTS: ("-.-|contradicts|", True),
}
RED = "stroke:#b91c1c,color:#b91c1c"
MAX_EDGES = 500          # Mermaid's default maxEdges (not configurable from inside a diagram)
_ESCAPES = {"&": "#amp;", '"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "`": "#96;"}


def escape_label(text: str) -> str:
    """*text* for a Mermaid ``"..."`` label: entity escapes, line breaks as ``<br>``."""
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == "\n":
            out.append("<br>")
        elif ch in "\u2028\u2029\x85":
            out.append("<br>")
        elif ord(ch) < 32 or ch == "\x7f":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _wrap(text: str, width: int = 40) -> str:
    """Break long lines at spaces (Mermaid does not wrap quoted labels by itself everywhere)."""
    lines = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


def write_mermaid(amap: ArgumentMap, direction: str = "BT") -> str:
    """The map as a Mermaid flowchart (supports point up: ``BT``, bottom to top)."""
    mid = _mermaid_ids(amap)
    out = ["---", "title: " + json.dumps(amap.title, ensure_ascii=False), "---", f"flowchart {direction}"]
    out.extend(_node_lines(amap, mid))
    links, red = _links(amap, mid)
    out.extend(links)
    if len(links) > MAX_EDGES:
        out.insert(4, f"    %% {len(links)} edges: Mermaid's default limit is {MAX_EDGES}; code-hosting "
                      "sites will not draw this chart (export a smaller view of the map)")
    out.extend(_class_lines(amap))
    if red:
        out.append("    linkStyle " + ",".join(str(i) for i in red) + " " + RED)
    return "\n".join(out) + "\n"


def _mermaid_ids(amap: ArgumentMap) -> dict[str, str]:
    """Map id -> Mermaid id: ``s0``, ... for statements, ``i0``, ... inferences, ``v0``, ... values."""
    mid: dict[str, str] = {}
    for n, s in enumerate(amap.statements):
        mid[s.id] = f"s{n}"
    for n, inf in enumerate(amap.inferences):
        mid[inf.id] = f"i{n}"
    for n, v in enumerate(amap.values):
        mid[v.id] = f"v{n}"
    return mid


def _class_of(kind: str) -> str:
    """The chart class (and shape) of a statement kind."""
    return kind if kind in SHAPES else StatementKind.CLAIM


def _node_lines(amap: ArgumentMap, mid: dict[str, str]) -> list[str]:
    """A line per node: statements shaped by kind, inferences as circles, values as trapezoids."""
    out = []
    for s in amap.statements:
        left, right = SHAPES.get(s.kind, ("[", "]"))
        label = escape_label(f"{s.id}: " + _wrap(s.text))
        out.append(f'    {mid[s.id]}{left}"{label}"{right}:::{_class_of(s.kind)}')
    for inf in amap.inferences:
        label = escape_label(inf.scheme or inf.id)
        out.append(f'    {mid[inf.id]}(("{label}")):::inference')
    for v in amap.values:
        label = escape_label(f"{v.id}: {v.name}")
        out.append(f'    {mid[v.id]}[/"{label}"\\]:::value')
    return out


def _links(amap: ArgumentMap, mid: dict[str, str]) -> tuple[list[str], list[int]]:
    """The edge lines (linked premises through their inference node, then relations, then value
    relations) and the indices of those drawn red."""
    links: list[str] = []
    red: list[int] = []

    def link(text: str, is_red: bool = False) -> None:
        if is_red:
            red.append(len(links))
        links.append("    " + text)

    for inf in amap.inferences:
        for p in inf.premises:
            if p in mid:
                link(f"{mid[p]} --> {mid[inf.id]}")
        if inf.conclusion in mid:
            link(f"{mid[inf.id]} --> {mid[inf.conclusion]}")
    for r in amap.relations:
        if r.source in mid and r.target in mid:
            arrow, is_red = LINKS.get(r.kind) or (f"-.->|{escape_label(r.kind)}|", False)
            link(f"{mid[r.source]} {arrow} {mid[r.target]}", is_red)
    for vr in amap.value_relations:
        if vr.source in mid and vr.target in mid:
            link(f"{mid[vr.source]} -.->|{escape_label(vr.kind)}| {mid[vr.target]}")
    return links, red


def _class_lines(amap: ArgumentMap) -> list[str]:
    """``classDef`` lines for the classes the chart uses, in the order of :data:`CLASSES`."""
    used = sorted({_class_of(s.kind) for s in amap.statements}
                  | ({"inference"} if amap.inferences else set()) | ({"value"} if amap.values else set()),
                  key=list(CLASSES).index)
    return [f"    classDef {kind} {CLASSES[kind]}" for kind in used]
