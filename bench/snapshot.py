"""Every command's output on every map under graphs/ and the shared corpora, into one folder.

For refactors that must not change behaviour: take a snapshot before and after, and compare
them byte for byte::

    .venv/bin/python bench/snapshot.py /tmp/before      # on the old commit
    .venv/bin/python bench/snapshot.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

Each output is one file named ``<map>.<command>``; stdout and stderr are kept, with the exit
code, so a changed warning or exit status shows as well.  The commands run in this process
through click's test runner (the CLI's own code path, without a process start per call).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"

# (name, arguments after the map, for maps of the argmap format only?)
COMMANDS = [
    ("validate", ["validate", "{map}"]),
    ("check.txt", ["check", "{map}", "--fail-on", "never", "--no-source"]),
    ("check.json", ["check", "{map}", "--fail-on", "never", "--format", "json", "--no-source"]),
    ("evaluate.txt", ["evaluate", "{map}"]),
    ("evaluate.json", ["evaluate", "{map}", "--format", "json"]),
    ("evaluate-preferred.txt", ["evaluate", "{map}", "-s", "preferred", "--credulous"]),
    ("dot", ["render", "{map}", "-f", "dot", "-o", "-"]),
    ("legend-clusters-ids.dot", ["render", "{map}", "-f", "dot", "-o", "-", "--legend",
                                 "--clusters", "--ids", "--highlight", "evaluate"]),
    ("check-highlight.dot", ["render", "{map}", "-f", "dot", "-o", "-", "--highlight", "check"]),
    ("svg", ["render", "{map}", "-f", "svg", "-o", "-"]),
    ("values.dot", ["values", "{map}", "-f", "dot", "-o", "-"]),
    ("html", ["html", "{map}", "-o", "-", "--no-source"]),
] + [(f"export-{fmt}", ["export", "{map}", "--to", fmt])
     for fmt in ("yaml", "json", "graphml", "mermaid", "argdown", "aif", "kialo")]


def maps(graphs: Path = ROOT / "graphs") -> list[Path]:
    out = sorted(graphs.glob("*.yaml")) + sorted(graphs.glob("*.json"))
    for sub, pattern in (("argdown", "*.argdown"), ("aif", "*.json"), ("kialo", "*.txt")):
        out.extend(sorted((SHARED / sub).glob(pattern)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--only", help="comma-separated command names (default: all)")
    ap.add_argument("--ignore-rules", default="",
                    help="check rules to leave out of the check commands (rules added since the other snapshot)")
    args = ap.parse_args()
    from click.testing import CliRunner

    from argmap.cli import main as cli

    only = set(args.only.split(",")) if args.only else None
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)
    runner = CliRunner()
    n = 0
    found = maps()
    for path in found:
        base = ROOT if ROOT in path.parents else SHARED.parent
        stem = os.path.relpath(path, base).replace(os.sep, "__")
        for name, argv in COMMANDS:
            if only and name not in only:
                continue
            argv = [a.replace("{map}", os.path.relpath(path)) for a in argv]
            if argv[0] == "check" and args.ignore_rules:
                argv += ["--ignore", args.ignore_rules]
            res = runner.invoke(cli, argv, catch_exceptions=True)
            body = res.stdout_bytes + b"\n--- stderr ---\n" + res.stderr_bytes
            body += f"\n--- exit {res.exit_code} ---\n".encode()
            if res.exception and not isinstance(res.exception, SystemExit):
                body += f"exception: {type(res.exception).__name__}: {res.exception}\n".encode()
            (out / f"{stem}.{name}").write_bytes(body)
            n += 1
    print(f"wrote {n} outputs of {len(found)} maps to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
