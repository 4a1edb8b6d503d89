"""The ``argmap`` command line: a thin layer that parses options, calls the library and prints.

Only click is imported at start-up; each command imports what it needs when it runs, so that
``argmap --help`` starts fast.  Bad input is printed as located lines on stderr
(``path:line:col: error[code]: message``) with exit code 1; usage errors exit with 2.
"""
from __future__ import annotations

import sys

import click

from . import __version__

EPILOG = """\b
Examples:
  argmap validate graphs/drowning-child.yaml
  argmap export graphs/drowning-child.yaml --to json > map.json
  argmap schema > argmap.schema.json
"""


class DiagnosticsFailure(click.ClickException):
    """Located diagnostics, printed as they are (no 'Error:' prefix), exit code 1."""

    exit_code = 1

    def __init__(self, diagnostics):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def show(self, file=None):
        click.echo(self.message, err=True)


def fail(exc) -> DiagnosticsFailure:
    """Turn an :class:`argmap.errors.ArgmapError` into a click exception."""
    return DiagnosticsFailure(exc.diagnostics)


def load_map(path: str):
    from .errors import ArgmapError
    from .loader import load_with_diagnostics

    amap, diags = load_with_diagnostics(path)
    if amap is None:
        raise DiagnosticsFailure(diags)
    for d in diags:
        click.echo(d.format(), err=True)
    return amap


def emit(text: str | bytes, output: str | None, inputs=()) -> None:
    """Print *text* or write it atomically to *output*."""
    if output in (None, "-"):
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            click.echo(text, nl=False)
        return
    from .errors import ArgmapError
    from .output import write_atomic

    try:
        write_atomic(output, text, inputs=inputs)
    except ArgmapError as exc:
        raise fail(exc) from None


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main():
    """argmap: turn an argument into a graph; draw it, check it, teach it.

    A map is a YAML or JSON file of statements (thesis, claims, premises, evidence, objections,
    rebuttals, ...) and the relations between them. See docs/format.md.
    """


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def validate(maps, quiet):
    """Load MAPS and report every problem as path:line:col: error[code]: message."""
    from .loader import load_with_diagnostics

    failed = False
    for path in maps:
        amap, diags = load_with_diagnostics(path)
        for d in diags:
            click.echo(d.format(), err=True)
        if amap is None:
            failed = True
        elif not quiet:
            click.echo(f"{path}: valid ({len(amap.statements)} statements, "
                       f"{len(amap.inferences)} inferences, {len(amap.relations)} relations, "
                       f"{len(amap.references)} references, {len(amap.values)} values)")
    sys.exit(1 if failed else 0)


EXPORT_FORMATS = ("json", "yaml")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.option("--to", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="json: networkx node-link JSON; yaml: the canonical map format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def export(map_path, fmt, output):
    """Write MAP in another format."""
    amap = load_map(map_path)
    if fmt == "json":
        from .formats.nodelink import write_json as writer
    else:
        from .formats.yaml_map import write_yaml as writer
    emit(writer(amap), output, inputs=[map_path])


@main.command()
def schema():
    """Print the JSON Schema of the map format (for editors)."""
    from importlib.resources import files

    click.echo(files("argmap").joinpath("data/map.schema.json").read_text(encoding="utf-8"), nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()


# -- checking and evaluation ------------------------------------------------------------------
FAIL_ON = ("error", "warning", "never")


def _source_for(amap, source, no_source):
    """The manuscript to hold the map against: --source, else the map's own source.file if it
    exists beside the map."""
    import os

    if no_source:
        return None
    if source is None and amap.source_file and amap.path:
        candidate = os.path.join(os.path.dirname(amap.path), amap.source_file)
        if os.path.isfile(candidate):
            source = candidate
    return source


@main.command()
@click.argument("maps", nargs=-1, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True, help="Only these rule codes (comma-separated or repeated).")
@click.option("--ignore", "ignore_", multiple=True, help="Skip these rule codes.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding of this severity (or worse) is found.")
@click.option("--source", type=click.Path(dir_okay=False),
              help="The plain-text manuscript the map reconstructs (default: the map's source.file).")
@click.option("--no-source", is_flag=True, help="Do not check against the manuscript.")
@click.option("--marker-regex", help="Citation marker syntax: a regex with a named group 'ref'.")
@click.option("--list-rules", is_flag=True, help="Explain every rule and exit.")
@click.option("--no-hints", is_flag=True, help="Do not print a hint under each finding.")
def check(maps, fmt, select, ignore_, fail_on, source, no_source, marker_regex, list_rules, no_hints):
    """Check MAPS for weak points: unsupported claims, uncited premises, unanswered objections,
    circular support, ... (see --list-rules). With a manuscript (--source), also check that
    locators and citations match it and print a coverage summary."""
    import json

    from .checks import RULES, UnknownRule, run_checks, summary

    if list_rules:
        for r in RULES.values():
            needs = f" (needs {r.needs})" if r.needs else ""
            click.echo(f"{r.code:24} {r.severity:8} {r.summary}{needs}\n{'':33} hint: {r.hint}")
        return
    if not maps:
        raise click.UsageError("give at least one MAP (or --list-rules)")
    from .errors import ArgmapError
    from .manuscript import Manuscript, coverage

    worst = {"error": 0, "warning": 0}
    reports = []
    for path in maps:
        amap = load_map(path)
        src_path = _source_for(amap, source, no_source)
        ms = None
        if src_path:
            try:
                ms = Manuscript.read(src_path, marker_regex)
            except ArgmapError as exc:
                raise fail(exc) from None
        try:
            findings = run_checks(amap, select=select or None, ignore=ignore_ or None, source=ms)
        except UnknownRule as exc:
            raise click.UsageError(str(exc)) from None
        summ = summary(amap, findings)
        if ms is not None:
            summ["coverage"] = coverage(amap, ms)
            summ["source"] = src_path
        for d in findings:
            if d.severity in worst:
                worst[d.severity] += 1
        reports.append((path, findings, summ))
    if fmt == "json":
        click.echo(json.dumps([{"map": p, "findings": [
            {"path": d.location.path, "line": d.location.line, "col": d.location.col,
             "severity": d.severity, "code": d.code, "message": d.message, "hint": d.hint}
            for d in f], "summary": s} for p, f, s in reports], indent=2, ensure_ascii=False))
    else:
        for path, findings, summ in reports:
            for d in findings:
                click.echo(d.format())
                if d.hint and not no_hints:
                    click.echo(f"    hint: {d.hint}")
            click.echo(format_summary(path, summ))
    failed = (fail_on == "error" and worst["error"]) or \
        (fail_on == "warning" and (worst["error"] or worst["warning"]))
    sys.exit(1 if failed else 0)


def format_summary(path, summ) -> str:
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


SEMANTICS = ("grounded", "complete", "preferred", "stable")
AF_SUFFIXES = (".af", ".apx", ".tgf")


@main.command()
@click.argument("path", metavar="MAP|AF", type=click.Path(dir_okay=True))
@click.option("--semantics", "-s", type=click.Choice(SEMANTICS), default="grounded", show_default=True)
@click.option("--credulous", "mode", flag_value="credulous",
              help="With several extensions: IN when in some extension.")
@click.option("--skeptical", "mode", flag_value="skeptical", default=True,
              help="With several extensions: IN when in every extension (default).")
@click.option("--strict", is_flag=True, help="Uncited premises and evidence need a citation to stand.")
@click.option("--audience", help="Value-based: the context whose value ranking decides attacks "
              "('-' for the general ranking only).")
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Seconds for preferred/stable/complete before falling back to grounded.")
@click.option("--query", help="Abstract frameworks: decide acceptance of this argument.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def evaluate(path, semantics, mode, strict, audience, timeout, query, fmt):
    """Label every statement IN / OUT / UNDEC, or solve an abstract framework (.af .apx .tgf)."""
    if path.lower().endswith(AF_SUFFIXES):
        return _evaluate_af(path, semantics, mode, timeout, query, fmt)
    import json

    from .evaluate import evaluate as run

    amap = load_map(path)
    ev = run(amap, semantics=semantics, mode=mode, strict=strict,
             audience=None if audience in (None, "-") else audience,
             use_values=audience is not None, timeout=timeout)
    if ev.timed_out:
        click.echo(f"argmap: {semantics} semantics ran out of time after {timeout:g} s; "
                   "showing the grounded labelling", err=True)
    if fmt == "json":
        click.echo(json.dumps({"semantics": ev.semantics, "mode": ev.mode, "timed_out": ev.timed_out,
                               "extensions": ev.extensions, "labels": ev.labels,
                               "verdicts": ev.verdicts}, indent=2, ensure_ascii=False))
        return
    for s in amap.statements:
        click.echo(f"{ev.labels[s.id]:5}  {s.id}  ({s.kind}; {ev.verdicts[s.id]})")
    for src, dst, why in ev.translation.blocked:
        click.echo(f"blocked  {src} -> {dst}: {why}")
    counts = {k: list(ev.labels.values()).count(k) for k in ("IN", "OUT", "UNDEC")}
    click.echo(f"{path}: {semantics}" + (f" ({ev.mode}, {ev.extensions} extensions)"
                                         if ev.extensions is not None else "")
               + f": {counts['IN']} IN, {counts['OUT']} OUT, {counts['UNDEC']} UNDEC")


def _evaluate_af(path, semantics, mode, timeout, query, fmt):
    import json

    from . import af
    from .errors import ArgmapError
    from .formats.iccma import read_af

    try:
        fw = read_af(path)
    except ArgmapError as exc:
        raise fail(exc) from None
    try:
        if query is not None:
            if query not in set(fw.arguments):
                raise click.UsageError(f"argument '{query}' is not in the framework")
            decide = af.credulous if mode == "credulous" else af.skeptical
            answer = decide(fw, semantics, query, timeout=timeout)
            click.echo("YES" if answer else "NO")
            return
        exts = af.extensions(fw, semantics, timeout=timeout)
    except af.SolverTimeout:
        click.echo(f"argmap: {semantics} ran out of time after {timeout:g} s; the grounded "
                   "extension follows", err=True)
        exts = [af.grounded(fw)]
    if fmt == "json":
        click.echo(json.dumps([sorted(e, key=_arg_key) for e in exts]))
        return
    for e in exts:
        click.echo("w " + " ".join(sorted(e, key=_arg_key)))


def _arg_key(a):
    return (0, int(a), "") if a.isdigit() else (1, 0, a)


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.argument("statement_id", metavar="ID")
@click.option("--semantics", "-s", type=click.Choice(SEMANTICS), default="grounded", show_default=True)
@click.option("--strict", is_flag=True, help="Uncited premises and evidence need a citation to stand.")
@click.option("--audience", help="Value-based evaluation for this context.")
def explain(map_path, statement_id, semantics, strict, audience):
    """Why statement ID has its label: the chain of statements that decide it."""
    from .evaluate import evaluate as run, explain as why
    from .loader import suggest

    amap = load_map(map_path)
    if statement_id not in amap.statement_by_id:
        raise click.UsageError(f"no statement '{statement_id}' in {map_path}"
                               f"{suggest(statement_id, amap.statement_by_id)}")
    ev = run(amap, semantics=semantics, strict=strict, audience=audience,
             use_values=audience is not None)
    for line in why(amap, ev, statement_id):
        click.echo(line)
