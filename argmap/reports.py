"""Reports of findings and evaluations as text and JSON: the one place that formats them, for
the command line (``argmap check``, ``argmap evaluate``) and for ``argmap build`` alike."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from . import model as M
from .errors import Diagnostic
from .vocab import Label

__all__ = ["finding_lines", "format_summary", "check_text", "finding_record", "check_record",
           "check_json", "evaluation_lines", "evaluation_record"]


def finding_lines(findings: Iterable[Diagnostic], *, hints: bool = True) -> list[str]:
    """One line per finding (``path:line:col: severity[code]: message``), each followed by its
    hint when *hints*."""
    lines = []
    for d in findings:
        lines.append(d.format())
        if d.hint and hints:
            lines.append(f"    hint: {d.hint}")
    return lines


def format_summary(path: str | None, summ: dict) -> str:
    """The closing lines of a check report: sizes, findings by severity and by code, and the
    manuscript's coverage when the map was held against it."""
    counts = summ["findings"]
    lines = [f"{path}: {summ['statements']} statements, {summ['inferences']} inferences, "
             f"{summ['relations']} relations, {summ['references']} references, "
             f"{summ['values']} values; "
             + (", ".join(f"{n} {s}" for s, n in sorted(summ["severities"].items())) or "no findings")]
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {n:5}  {code}")
    cov = summ.get("coverage")
    if cov:
        lines.append(f"  coverage of {summ['source']}: {cov['lines_covered']} of "
                     f"{cov['lines_nonblank']} non-blank lines; {cov['markers_attached']} of "
                     f"{cov['markers']} citation markers attached; "
                     f"{cov['citation_numbers_attached']} of {cov['citation_numbers_present']} "
                     "citation numbers attached")
    return "\n".join(lines)


def check_text(path: str | None, findings: Sequence[Diagnostic], summ: dict, *, hints: bool = True) -> str:
    """A whole check report of one map (no final line break)."""
    return "\n".join(finding_lines(findings, hints=hints) + [format_summary(path, summ)])


def finding_record(d: Diagnostic) -> dict[str, Any]:
    return {"path": d.location.path, "line": d.location.line, "col": d.location.col,
            "severity": d.severity, "code": d.code, "message": d.message, "hint": d.hint}


def check_record(path: str | None, findings: Iterable[Diagnostic], summ: dict) -> dict[str, Any]:
    """The JSON object of one map's check report."""
    return {"map": path, "findings": [finding_record(d) for d in findings], "summary": summ}


def check_json(records: Any) -> str:
    """Check records (one, or a list) as indented JSON (no final line break)."""
    return json.dumps(records, indent=2, ensure_ascii=False)


def label_counts(labels: dict[str, Label]) -> dict[Label, int]:
    values = list(labels.values())
    return {k: values.count(k) for k in Label}


def evaluation_lines(amap: M.ArgumentMap, ev: Any, path: str | None) -> list[str]:
    """Each statement's label and verdict, the attacks that values blocked, and a closing
    count (``path: semantics: n IN, n OUT, n UNDEC``)."""
    lines = [f"{ev.labels[s.id]:5}  {s.id}  ({s.kind}; {ev.verdicts[s.id]})" for s in amap.statements]
    lines += [f"blocked  {src} -> {dst}: {why}" for src, dst, why in ev.translation.blocked]
    counts = label_counts(ev.labels)
    extensions = f" ({ev.mode}, {ev.extensions} extensions)" if ev.extensions is not None else ""
    lines.append(f"{path}: {ev.semantics}{extensions}: {counts[Label.IN]} IN, "
                 f"{counts[Label.OUT]} OUT, {counts[Label.UNDEC]} UNDEC")
    return lines


def evaluation_record(ev: Any) -> dict[str, Any]:
    """The JSON object of an evaluation."""
    return {"semantics": ev.semantics, "mode": ev.mode, "timed_out": ev.timed_out,
            "extensions": ev.extensions, "labels": ev.labels, "verdicts": ev.verdicts}
