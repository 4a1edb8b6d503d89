"""The number of check findings per rule on every map under graphs/ and on the shared Argdown,
AIF and Kialo corpora: one table, one row per rule, one column per map (graphs) or corpus.

For changes to the rules: save the table before, then compare::

    .venv/bin/python bench/findings.py --save /tmp/findings-before.json     # old commit
    .venv/bin/python bench/findings.py --compare /tmp/findings-before.json  # new one

With ``--compare`` each cell reads ``before -> after`` where the count changed.  The maps are
checked as ``argmap check --no-source`` checks them (the configuration found beside each map
applies, as it does for the command).  ``--per-file`` gives one column per corpus file.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
CORPORA = (("argdown", "*.argdown"), ("aif", "*.json"), ("kialo", "*.txt"))


def groups(per_file: bool) -> dict[str, list[Path]]:
    """Column name -> the maps it counts."""
    out: dict[str, list[Path]] = {}
    for p in sorted((ROOT / "graphs").glob("*.yaml")) + sorted((ROOT / "graphs").glob("*.json")):
        out[p.stem] = [p]
    for sub, pattern in CORPORA:
        files = sorted((SHARED / sub).glob(pattern))
        if per_file:
            for f in files:
                out[f"{sub}/{f.stem[:24]}"] = [f]
        elif files:
            out[sub] = files
    return out


def counts(paths: list[Path]) -> dict[str, int]:
    """Findings per rule over *paths* (maps that do not load count under 'not loaded')."""
    from argmap.checks import run_checks
    from argmap.formats.registry import load_any

    try:
        from argmap.config import check_options, for_map
    except ImportError:            # before the configuration existed
        for_map = None
    out: dict[str, int] = {}
    for p in paths:
        amap, _ = load_any(os.path.relpath(p))
        if amap is None:
            out["not loaded"] = out.get("not loaded", 0) + 1
            continue
        options = check_options(for_map(os.path.relpath(p)), amap.path) if for_map else {}
        for d in run_checks(amap, **options):
            out[d.code] = out.get(d.code, 0) + 1
    return out


def table(data: dict[str, dict[str, int]], before: dict[str, dict[str, int]] | None) -> str:
    from argmap.checks import RULES

    cols = list(data)
    rules = [r for r in RULES] + sorted({c for d in data.values() for c in d} - set(RULES))
    if before:
        rules += sorted({c for d in before.values() for c in d} - set(rules))

    def cell(col: str, rule: str) -> str:
        now = data[col].get(rule, 0)
        if before is None or col not in before:
            return str(now)
        was = before[col].get(rule, 0)
        return str(now) if was == now else f"{was} -> {now}"
    rows = [["rule"] + cols]
    for rule in rules:
        row = [rule] + [cell(c, rule) for c in cols]
        if any(x != "0" for x in row[1:]):
            rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(cols) + 1)]
    lines = ["  ".join(x.rjust(w) if i else x.ljust(w) for i, (x, w) in enumerate(zip(r, widths)))
             for r in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", help="also write the counts as JSON here")
    ap.add_argument("--compare", help="counts saved before (JSON): show 'before -> after'")
    ap.add_argument("--per-file", action="store_true", help="one column per corpus file")
    args = ap.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    data = {name: counts(paths) for name, paths in groups(args.per_file).items()}
    before = json.loads(Path(args.compare).read_text(encoding="utf-8")) if args.compare else None
    print(table(data, before))
    if args.save:
        Path(args.save).write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
