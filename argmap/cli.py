"""The ``argmap`` command line: a thin layer that parses options, calls the library and prints.

Only click is imported at start-up; each command imports what it needs when it runs, so that
``argmap --help`` starts fast.  Bad input is printed as located lines on stderr
(``path:line:col: error[code]: message``) with exit code 1; usage errors exit with 2.
"""
from __future__ import annotations

import sys

import click

from .renderers import RENDERERS
from .version import __version__

__all__ = ["main"]

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


def load_reporting(path: str, fmt: str | None = None, *, hints: bool = False):
    """Load (or import) a map, printing its diagnostics (with *hints*, each diagnostic's hint
    under it); None when it has errors."""
    from .formats.registry import load_any
    from .reports import finding_lines

    amap, diags = load_any(path, fmt)
    for line in finding_lines(diags, hints=hints):
        click.echo(line, err=True)
    return amap


def load_map(path: str, fmt: str | None = None):
    """Load a map, or import a file of another format (Argdown, AIF, Kialo, ...)."""
    from ._gc import settled
    from .formats.registry import load_any

    with settled():   # the map lives until the command ends: the collector need not rescan it
        amap, diags = load_any(path, fmt)
    if amap is None:
        raise DiagnosticsFailure(diags)
    for d in diags:
        click.echo(d.format(), err=True)
    return amap


def emit(text: str | bytes, output: str | None, inputs=()) -> None:
    """Print *text* (``-o -``: stdout too) or write it atomically to *output*.  Output that
    cannot be written to stdout (closed, or a full disk behind it) is an error, never a silent
    success."""
    if output in (None, "-"):
        _to_stdout(text)
        return
    from .errors import ArgmapError
    from .output import write_atomic

    try:
        write_atomic(output, text, inputs=inputs)
    except ArgmapError as exc:
        raise fail(exc) from None


def _to_stdout(text: str | bytes) -> None:
    if sys.stdout is None:                 # started with the standard output closed
        raise StdoutFailure(OSError(9, "it is closed"))
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()                    # the reader went away (argmap ... | head)
        sys.exit(1)
    except (OSError, ValueError) as exc:
        raise StdoutFailure(exc) from None


def _quiet_stdout() -> None:
    """Point the standard output at /dev/null, so that Python's own flush at exit finds no
    broken pipe to complain about."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class StdoutFailure(click.ClickException):
    """The standard output could not be written."""

    exit_code = 1

    def __init__(self, exc: BaseException):
        from .errors import Diagnostic, Location

        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        super().__init__(Diagnostic(Location("<stdout>"), "write",
                                    f"cannot write to the standard output: {reason}").format())

    def show(self, file=None):
        _say(self.message)


def _say(line: str) -> None:
    """One line on stderr, even when stderr itself is in trouble."""
    try:
        click.echo(line, err=True)
    except (OSError, ValueError):
        pass


class Command(click.Group):
    """The argmap group: conditions no input should cause, but a machine can (memory, a closed
    pipe, nesting beyond Python's stack), end in one line and a non-zero exit, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except MemoryError:
            _say(_line("out-of-memory", "not enough memory to finish; try a smaller view "
                       "(--section, --focus) or a machine with more memory"))
            ctx.exit(1)
        except BrokenPipeError:
            _quiet_stdout()                # the reader went away: nothing left to say to it
            ctx.exit(1)
        except RecursionError:
            _say(_line("too-deep", "the input is nested too deeply to process"))
            ctx.exit(1)


def _line(code: str, message: str) -> str:
    from .errors import Diagnostic, Location

    return Diagnostic(Location("<argmap>"), code, message).format()


# -- the configuration ---------------------------------------------------------------------------
#: command parameters whose default the configuration may set, and where it keeps each
CONFIG_DEFAULTS = {
    "theme": lambda cfg: cfg.theme,
    "templates_dir": lambda cfg: cfg.templates,
    "semantics": lambda cfg: cfg.evaluate.get("semantics"),
    "strict": lambda cfg: cfg.evaluate.get("strict"),
    "cq_burden": lambda cfg: cfg.evaluate.get("cq-burden"),
    "fail_on": lambda cfg: cfg.fail_on,
}


def config_options(func):
    """``--config`` and ``--isolated``, as ruff has them: the command runs with the configuration
    they choose (see argmap.config), and options left at their default take the configuration's
    value (the first map's configuration, when a command takes several maps)."""
    import functools

    @functools.wraps(func)
    def run(*args, config_, isolated, **kwargs):
        from .config import ConfigError, overriding, resolve

        try:
            resolver = resolve(config_, isolated, report=_report_config)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        try:
            with overriding(resolver):
                _config_defaults(resolver, kwargs)
                return func(*args, **kwargs)
        except ConfigError as exc:
            raise fail(exc) from None
    run = click.option("--isolated", is_flag=True,
                       help="Read no configuration file (argmap.toml, pyproject.toml [tool.argmap]).")(run)
    return click.option("--config", "config_", multiple=True, metavar="PATH|KEY=VALUE",
                        help="The configuration file to use instead of the nearest one, or a "
                             "KEY = VALUE setting (TOML) over it; repeatable.")(run)


def _config_defaults(resolver, kwargs) -> None:
    from click.core import ParameterSource

    ctx = click.get_current_context()
    maps = kwargs.get("maps") or ()
    cfg = resolver.for_map(kwargs.get("map_path") or kwargs.get("path") or (maps[0] if maps else None))
    for name, get in CONFIG_DEFAULTS.items():
        if name in kwargs and ctx.get_parameter_source(name) == ParameterSource.DEFAULT:
            value = get(cfg)
            if value is not None:
                kwargs[name] = value


def _report_config(cfg) -> None:
    """Print the warnings about a configuration file (once per file and command)."""
    from .checks import config_diagnostics

    for d in list(cfg.diagnostics) + config_diagnostics(cfg):
        click.echo(d.format(), err=True)


@click.group(cls=Command, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main():
    """argmap: turn an argument into a graph; draw it, check it, teach it.

    A map is a YAML or JSON file of statements (thesis, claims, premises, evidence, objections,
    rebuttals, ...) and the relations between them. See docs/format.md.
    """


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@click.option("--hints", is_flag=True,
              help="Print each problem's hint under it (allowed fields, kinds, ...).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every problem with its hint, on stdout.")
@config_options
def validate(maps, quiet, hints, fmt):
    """Load MAPS and report every problem as path:line:col: error[code]: message (one line each)."""
    failed = False
    records = []
    for path in maps:
        if fmt == "json":
            amap, diags = _load_quietly(path)
            records.append(_validation_record(path, amap, diags))
        else:
            amap = load_reporting(path, hints=hints)
        failed = failed or amap is None
        if amap is not None and not quiet and fmt == "text":
            click.echo(f"{path}: valid ({len(amap.statements)} statements, "
                       f"{len(amap.inferences)} inferences, {len(amap.relations)} relations, "
                       f"{len(amap.references)} references, {len(amap.values)} values)")
    if fmt == "json":
        from .reports import check_json
        click.echo(check_json(records))
    sys.exit(1 if failed else 0)


def _load_quietly(path):
    from .formats.registry import load_any

    return load_any(path, None)


def _validation_record(path, amap, diags) -> dict:
    from .reports import finding_record

    return {"map": path, "valid": amap is not None, "diagnostics": [finding_record(d) for d in diags]}


def _formats_help(names) -> str:
    from .formats.registry import FORMATS

    return "; ".join(f"{n}: {FORMATS[n].description}" for n in names)


def _readable():
    from .formats.registry import readable
    return readable()


def _writable():
    from .formats.registry import writable
    return writable()


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.option("--to", "fmt", type=click.Choice(_writable()), required=True,
              help="Target format. " + _formats_help(_writable()))
@click.option("--from", "from_fmt", type=click.Choice(_readable()),
              help="Format of MAP when it is not an argmap map (default: guessed).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@config_options
def export(map_path, fmt, from_fmt, output):
    """Write MAP in another format."""
    from .formats.registry import get

    amap = load_map(map_path, from_fmt)
    emit(get(fmt).write(amap), output, inputs=[map_path, *amap.files])


@main.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=True))
@click.option("--from", "fmt", type=click.Choice(_readable()),
              help="Format of FILE (default: guessed from its extension and content). "
                   + _formats_help(_readable()))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The argmap map to write (YAML); default: stdout.")
@config_options
def import_(path, fmt, output):
    """Import FILE (Argdown, AIF, Kialo, GraphML, node-link JSON) as an argmap map.

    Problems that could be worked around are printed as located warnings; nothing is dropped
    silently."""
    from .formats.yaml_map import write_yaml

    amap = load_map(path, fmt)
    emit(write_yaml(amap), output, inputs=[path, *amap.files])
    if output and output != "-":
        click.echo(f"wrote {output} ({len(amap.statements)} statements, "
                   f"{len(amap.relations)} relations)", err=True)


@main.command()
def schema():
    """Print the JSON Schema of the map format (for editors)."""
    from importlib.resources import files

    click.echo(files("argmap").joinpath("data/map.schema.json").read_text(encoding="utf-8"), nl=False)


# -- checking and evaluation ------------------------------------------------------------------
FAIL_ON = ("error", "warning", "never")


def _source_for(amap, source, no_source):
    """The manuscript to hold the map against: --source, else the map's own source.file if it
    exists beside the map."""
    from .manuscript import source_path

    if no_source:
        return None
    return source if source is not None else source_path(amap, normalize=False)


def _list_rules():
    from .checks import RULES

    for r in RULES.values():
        needs = f" (needs {r.needs})" if r.needs else ""
        click.echo(f"{r.code:24} {r.severity:8} {r.summary}{needs}\n{'':33} hint: {r.hint}")


def _explain_rule(code):
    from .registry import UnknownName
    from .rule_docs import explain

    try:
        click.echo(explain(code))
    except UnknownName as exc:
        raise click.UsageError(exc.diagnostics[0].message) from None


def _check_one(path, select, ignore_, source, no_source, marker_regex):
    """(findings, summary) of one map, held against its manuscript when there is one."""
    from .checks import UnknownRule, run_checks, summary
    from .errors import ArgmapError
    from .manuscript import Manuscript, coverage

    amap = load_map(path)
    src_path = _source_for(amap, source, no_source)
    try:
        ms = Manuscript.read(src_path, marker_regex) if src_path else None
    except ArgmapError as exc:
        raise fail(exc) from None
    try:
        findings = run_checks(amap, select=select or None, ignore=ignore_ or None, source=ms)
    except UnknownRule as exc:
        raise click.UsageError(exc.diagnostics[0].message) from None
    summ = summary(amap, findings)
    if ms is not None:
        summ["coverage"] = coverage(amap, ms)
        summ["source"] = src_path
    return findings, summ


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
@click.option("--explain", "explain_rule", metavar="RULE",
              help="Print a rule's documentation (options, an example that fires and one that does not) and exit.")
@click.option("--no-hints", is_flag=True, help="Do not print a hint under each finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only (no summary).")
@config_options
def check(maps, fmt, select, ignore_, fail_on, source, no_source, marker_regex, list_rules, explain_rule,
          no_hints, quiet):
    """Check MAPS for weak points: unsupported claims, uncited premises, unanswered objections,
    circular support, ... (see --list-rules). With a manuscript (--source), also check that
    locators and citations match it and print a coverage summary. The configuration
    (argmap.toml or [tool.argmap], found from each map's folder upwards) selects, ignores and
    tunes the rules; --select and --ignore take precedence."""
    from .reports import check_json, check_record, check_text, finding_lines

    if list_rules:
        return _list_rules()
    if explain_rule:
        return _explain_rule(explain_rule)
    if not maps:
        raise click.UsageError("give at least one MAP (or --list-rules)")
    reports = [(path, *_check_one(path, select, ignore_, source, no_source, marker_regex)) for path in maps]
    if fmt == "json":
        click.echo(check_json([check_record(p, f, s) for p, f, s in reports]))
    else:
        for path, findings, summ in reports:
            if quiet:
                for line in finding_lines(findings, hints=not no_hints):
                    click.echo(line)
            else:
                click.echo(check_text(path, findings, summ, hints=not no_hints))
    severities = {d.severity for _, findings, _ in reports for d in findings}
    failing = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on]
    sys.exit(1 if severities & failing else 0)


SEMANTICS = ("grounded", "complete", "preferred", "stable")
AF_SUFFIXES = (".af", ".apx", ".tgf", ".dl", ".i23")
AF_FORMATS = ("af", "apx", "tgf")
#: Exit code of ``evaluate`` when the time limit ran out before an answer was found.
TIMED_OUT = 3


def _evaluate_from():
    return [*AF_FORMATS, *_readable()]


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
              help="Seconds for preferred/stable/complete, reading the input included. When they "
              "run out there is no answer: nothing on stdout (with --format json an object "
              "with \"timed_out\": true), a message on stderr, exit code 3.")
@click.option("--query", help="Abstract frameworks: decide acceptance of this argument.")
@click.option("--from", "from_fmt", type=click.Choice(_evaluate_from()),
              help="Format of the input: an abstract framework (af, apx, tgf) or a map format. "
              "Default: from the extension (.af .i23 .apx .dl .tgf are frameworks), else from the "
              "content ('p af N' or ASPARTIX facts arg(a). att(a,b). are frameworks).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@config_options
def evaluate(path, semantics, mode, strict, audience, timeout, query, from_fmt, fmt):
    """Label every statement IN / OUT / UNDEC, or solve an abstract framework (.af .apx .tgf .dl).

    \b
    Exit codes: 0 answered, 1 bad input, 2 usage error,
    3 the time limit ran out (no answer is printed).
    """
    import time

    deadline = time.monotonic() + timeout
    if _is_framework(path, from_fmt):
        return _evaluate_af(path, semantics, mode, deadline, timeout, query, fmt,
                            from_fmt if from_fmt in AF_FORMATS else None)
    import json

    from .evaluation import evaluate as run
    from .reports import evaluation_lines, evaluation_record

    amap = load_map(path, from_fmt)
    ev = run(amap, semantics=semantics, mode=mode, strict=strict,
             audience=None if audience in (None, "-") else audience,
             use_values=audience is not None, timeout=max(deadline - time.monotonic(), 0.0))
    if ev.timed_out:
        _timed_out(semantics, timeout, fmt, {"semantics": ev.semantics, "mode": ev.mode})
    if fmt == "json":
        click.echo(json.dumps(evaluation_record(ev), indent=2, ensure_ascii=False))
        return
    click.echo("\n".join(evaluation_lines(amap, ev, path)))


def _is_framework(path: str, from_fmt: str | None) -> bool:
    """Whether *path* is an abstract framework rather than a map: *from_fmt*, else the
    extension, else (for an extension no map format claims) the content."""
    if from_fmt is not None:
        return from_fmt in AF_FORMATS
    lower = path.lower()
    if lower.endswith(AF_SUFFIXES):
        return True
    from .formats.registry import FORMATS

    if lower.endswith((".json", *(e for f in FORMATS.values() for e in f.extensions))):
        return False
    return _sniff_framework(path)


def _sniff_framework(path: str) -> bool:
    """The first line that is not blank or a comment is 'p af N' or an ASPARTIX fact."""
    import re

    try:
        with open(path, "rb") as f:
            head = f.read(1 << 16).decode("utf-8", errors="replace")
    except OSError:
        return False  # the map loader reports it
    for raw in head.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or (line.startswith("%") and not line.startswith(("%YAML", "%TAG"))):
            continue
        return bool(re.match(r"p\s+af\s+\d+\s*$|(arg|att)\s*\(", line))
    return False


def _timed_out(semantics: str, timeout: float, fmt: str, record: dict) -> None:
    """Say that *semantics* ran out of time, print no answer, exit with :data:`TIMED_OUT`."""
    import json

    click.echo(f"argmap: {semantics} semantics ran out of time after {timeout:g} s; no answer "
               f"(exit code {TIMED_OUT})", err=True)
    if fmt == "json":
        click.echo(json.dumps({**record, "timed_out": True, "timeout": timeout}))
    sys.exit(TIMED_OUT)


def _evaluate_af(path, semantics, mode, deadline, timeout, query, fmt, af_fmt):
    """Solve an abstract framework: one line ``w a b c`` per extension (the ICCMA 2023 output
    line), or YES / NO for ``--query``.  A timeout prints neither (ICCMA counts a run that
    ran out of time as unsolved; a NO would be a wrong answer)."""
    import json
    import time

    from . import af
    from .errors import ArgmapError
    from .formats.iccma import read_af

    try:
        fw = read_af(path, fmt=af_fmt) if af_fmt else read_af(path)
    except ArgmapError as exc:
        raise fail(exc) from None
    remaining = max(deadline - time.monotonic(), 0.0)
    try:
        if query is not None:
            if query not in set(fw.arguments):
                raise click.UsageError(f"argument '{query}' is not in the framework")
            decide = af.credulous if mode == "credulous" else af.skeptical
            answer = decide(fw, semantics, query, timeout=remaining)
            click.echo("YES" if answer else "NO")
            return
        exts = af.extensions(fw, semantics, timeout=remaining)
    except af.SolverTimeout:
        record = {"semantics": semantics}
        if query is not None:
            record.update(query=query, mode=mode)
        _timed_out(semantics, timeout, fmt, record)
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
@config_options
def explain(map_path, statement_id, semantics, strict, audience):
    """Why statement ID has its label: the chain of statements that decide it."""
    from .evaluation import evaluate as run
    from .evaluation import explain as why
    from .suggest import suggest

    amap = load_map(map_path)
    if statement_id not in amap.statement_by_id:
        raise click.UsageError(f"no statement '{statement_id}' in {map_path}"
                               f"{suggest(statement_id, amap.statement_by_id)}")
    ev = run(amap, semantics=semantics, strict=strict, audience=audience,
             use_values=audience is not None)
    for line in why(amap, ev, statement_id):
        click.echo(line)


# -- figures ------------------------------------------------------------------------------------
def figure_options(func):
    """Options shared by `render` and `values`."""
    opts = [
        click.option("-f", "--format", "fmt", type=click.Choice(RENDERERS.names()),
                     default="svg", show_default=True, help="Output format."),
        click.option("-o", "--output", type=click.Path(dir_okay=False),
                     help="Output file (default: output/<map>.<format>; '-' for stdout)."),
        click.option("--theme", default="paper", show_default=True,
                     help="paper (greyscale, serif), color (colour-blind-safe), mono, or a YAML theme file."),
        click.option("--width", help="Fit the figure to this width: 8.5cm, 85mm, 3.35in."),
        click.option("--dpi", type=int, default=300, show_default=True, help="PNG resolution."),
        click.option("--no-title", is_flag=True, help="Leave the map's title off the figure."),
    ]
    for opt in reversed(opts):
        func = opt(func)
    return func


def _write_figure(amap, dot_text, fmt, output, default_name, dpi):
    """Render and write atomically; on a Graphviz error the DOT file is still written."""
    import os

    from .errors import ArgmapError
    from .figure import RenderOptions

    target = output or os.path.join("output", f"{default_name}.{fmt}")
    try:
        data = RENDERERS[fmt].render(dot_text, RenderOptions(dpi=dpi))
    except ArgmapError as exc:
        if target != "-":
            _keep_dot(amap, dot_text, os.path.splitext(target)[0] + ".dot")
        raise fail(exc) from None
    if target == "-":
        emit(data if RENDERERS[fmt].binary else data.decode("utf-8"), None)
    else:
        emit(data, target, inputs=[amap.path, *amap.files])
        click.echo(f"wrote {target}", err=True)


def _keep_dot(amap, dot_text, dot_path) -> None:
    """When Graphviz fails, keep the DOT source beside the figure asked for, but never over a
    file that is already there (nobody asked for it) and without a traceback if it cannot be
    written: the Graphviz error is the one to report."""
    import os

    from .errors import ArgmapError
    from .output import write_atomic

    if os.path.lexists(dot_path):
        click.echo(f"argmap: {dot_path} exists, so the DOT source was not kept", err=True)
        return
    try:
        write_atomic(dot_path, dot_text, inputs=[amap.path, *amap.files])
    except ArgmapError as exc:
        click.echo(f"argmap: the DOT source could not be kept: {exc.diagnostics[0].message}", err=True)
        return
    click.echo(f"argmap: the DOT source was written to {dot_path}", err=True)


def _width(text):
    from .figure import parse_width

    try:
        return parse_width(text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--width") from None


def _check_theme(theme):
    from .errors import ArgmapError
    from .themes import load_theme

    try:
        load_theme(theme)
    except ArgmapError as exc:
        raise click.BadParameter(exc.diagnostics[0].message, param_hint="--theme") from None


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@figure_options
@click.option("--section", help="Only this section (and subsections) and what it touches.")
@click.option("--focus", help="Only the neighbourhood of this statement id.")
@click.option("--depth", type=int, default=2, show_default=True, help="Neighbourhood size for --focus.")
@click.option("--kinds", help="Show only these statement kinds (comma-separated).")
@click.option("--hide-kinds", help="Hide these statement kinds (comma-separated).")
@click.option("--clusters", is_flag=True, help="Draw one box per section.")
@click.option("--rankdir", type=click.Choice(["auto", "TB", "BT", "LR", "RL"]), default="auto",
              show_default=True, help="Direction of support arrows: BT puts reasons below what they "
              "support, LR to its left; auto: BT for small views, LR for large ones (page-shaped).")
@click.option("--ids", is_flag=True, help="Show statement ids.")
@click.option("--citations", type=click.Choice(["short", "hidden"]), default="short", show_default=True,
              help="Citation markers such as [17, 138] in labels, or none.")
@click.option("--legend", is_flag=True, help="Add a legend of the kinds and relations used.")
@click.option("--wrap", type=click.IntRange(10, 200), default=36, show_default=True,
              help="Wrap statement text at this many characters.")
@click.option("--highlight", type=click.Choice(["check", "evaluate"]),
              help="Mark checker findings, or IN/OUT/UNDEC labels.")
@click.option("--compact/--no-compact", default=None,
              help="Stagger wide trees for a page-friendly shape (default: from 30 statements).")
@config_options
def render(map_path, fmt, output, theme, width, dpi, no_title, section, focus, depth, kinds,
           hide_kinds, clusters, rankdir, ids, citations, legend, wrap, highlight, compact):
    """Draw MAP with Graphviz (svg, pdf, png or dot)."""
    from .errors import ArgmapError
    from .figure import LARGE_MAP, RenderOptions, figure_dot
    from .vocab import STATEMENT_KINDS

    def kind_list(text, name):
        items = tuple(k.strip() for k in (text or "").split(",") if k.strip())
        bad = [k for k in items if k not in STATEMENT_KINDS]
        if bad:
            raise click.BadParameter(f"unknown kind '{bad[0]}'; kinds: " + ", ".join(STATEMENT_KINDS),
                                     param_hint=name)
        return items

    _check_theme(theme)
    opt = RenderOptions(theme=theme, rankdir=rankdir, wrap=wrap, ids=ids, citations=citations,
                        legend=legend, clusters=clusters, section=section, focus=focus, depth=depth,
                        kinds=kind_list(kinds, "--kinds"), hide_kinds=kind_list(hide_kinds, "--hide-kinds"),
                        highlight=highlight, width=_width(width), dpi=dpi, title=not no_title,
                        compact=compact)
    amap = load_map(map_path)
    findings = evaluation = None
    if highlight == "check":
        from .checks import run_checks
        findings = run_checks(amap)
    elif highlight == "evaluate":
        from .evaluation import evaluate as run
        evaluation = run(amap)
    try:
        dot_text = figure_dot(amap, opt, findings=findings, evaluation=evaluation)
    except ArgmapError as exc:
        raise fail(exc) from None
    shown = len(amap.statements) if not (section or focus or kinds or hide_kinds) else None
    if shown and shown > LARGE_MAP and fmt != "dot":
        click.echo(f"argmap: {shown} statements: Graphviz layout may take minutes; layout limits are "
                   "set so that it finishes. Consider a view: --section, --focus ID --depth N, "
                   "--hide-kinds evidence", err=True)
    name = amap.name + (f".section-{section}" if section else "") + (f".focus-{focus}" if focus else "")
    _write_figure(amap, dot_text, fmt, output, name, dpi)


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@figure_options
@click.option("--context", "contexts", multiple=True,
              help="Draw general rankings and those of this context (repeat). Default: the contexts "
                   "the map's value-system names, else all.")
@click.option("--all-contexts", is_flag=True, help="Draw the rankings of every context.")
@config_options
def values(map_path, fmt, output, theme, width, dpi, no_title, contexts, all_contexts):
    """Draw MAP's value hierarchy: purpose values on top, instrumental values in ranked tiers."""
    from .errors import ArgmapError
    from .figure import RenderOptions
    from .values_figure import values_dot

    _check_theme(theme)
    amap = load_map(map_path)
    if not contexts and not all_contexts and amap.value_system and amap.value_system.contexts:
        contexts = amap.value_system.contexts
    opt = RenderOptions(theme=theme, width=_width(width), dpi=dpi, title=not no_title)
    try:
        dot_text = values_dot(amap, opt, contexts=None if all_contexts else (contexts or None))
    except ArgmapError as exc:
        raise fail(exc) from None
    _write_figure(amap, dot_text, fmt, output, amap.name + ".values", dpi)


@main.command()
@click.argument("maps", nargs=-1, type=click.Path(dir_okay=True))
@click.option("-o", "--output", "outdir", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Output folder.")
@click.option("--theme", default="paper", show_default=True, help="Figure theme.")
@click.option("--force", is_flag=True, help="Rebuild everything, even what did not change.")
@config_options
def build(maps, outdir, theme, force):
    """Build everything for MAPS (default: every map under graphs/) into output/: figures (whole,
    per chapter, values), check report, evaluation, HTML page, and output/index.html."""
    import glob
    import os

    from . import build as B
    from .errors import ArgmapError

    _check_theme(theme)
    if not maps:
        # every map under graphs/ in any readable format (its sub-folders hold included parts)
        from .formats.registry import FORMATS
        suffixes = tuple(e for f in FORMATS.values() if f.reader for e in f.extensions) + (".json",)
        maps = sorted(p for p in glob.glob(os.path.join("graphs", "*")) if p.lower().endswith(suffixes)
                      and os.path.isfile(p))
        if not maps:
            raise click.UsageError("no maps given and none found under graphs/")
    entries = []
    loaded = [(path, load_reporting(path)) for path in maps]
    failed = any(amap is None for _, amap in loaded)
    amaps = [amap for _, amap in loaded if amap is not None]
    # no output may overwrite a file that any map of the build reads, nor the theme file
    inputs = [f for amap in amaps for f in amap.files] + ([theme] if os.path.isfile(theme) else [])
    plans = [(amap, B.plan(amap, outdir, theme, name)) for amap, name in zip(amaps, B.output_names(amaps))]
    total = sum(len(t) for _, t in plans)
    done = 0

    def progress(t, made):
        nonlocal done
        done += 1
        click.echo(f"[{done:3}/{total}] {'built' if made else 'up to date'}: {t.path}", err=True)

    built = skipped = 0
    for amap, targets in plans:
        try:
            b, s = B.run(targets, outdir, force=force, progress=progress, inputs=inputs)
        except ArgmapError as exc:
            raise fail(exc) from None
        built += b
        skipped += s
        entries.append((amap.title, targets))
    index = os.path.join(outdir, "index.html")
    if entries:
        from .output import write_atomic
        try:
            write_atomic(index, B.index_page(entries, outdir), inputs=inputs)
        except ArgmapError as exc:
            raise fail(exc) from None
    click.echo(f"build: {built} built, {skipped} up to date; see {index}", err=True)
    sys.exit(1 if failed else 0)


# -- the interactive page -----------------------------------------------------------------------
@main.command("html")
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Output file (default: output/<map>.html; '-' for stdout).")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="A folder whose page.html.j2, page.css or page.js replace argmap's own.")
@click.option("--source", type=click.Path(dir_okay=False, exists=True),
              help="The manuscript for the manuscript checks (default: the map's source.file).")
@click.option("--no-source", is_flag=True, help="Do not hold the map against its manuscript.")
@config_options
@click.option("--exercise", type=click.Choice(["types", "targets"]), is_flag=False, flag_value="types",
              help="An exercise page: the student classifies each relation (types, the default) or "
                   "picks its target (targets); the evaluation is hidden; answers are checked in the page.")
def html_page(map_path, output, templates_dir, source, no_source, exercise):
    """Write MAP as one self-contained, interactive HTML page (works offline, from disk):
    the figure with pan and zoom, search and filters, details of each statement, checks,
    outline, value hierarchy and a guided tour."""
    import os

    from .errors import ArgmapError
    from .page import build_page

    amap = load_map(map_path)
    try:
        page = build_page(amap, templates_dir=templates_dir,
                          source=False if no_source else source, exercise=exercise)
    except ArgmapError as exc:
        raise fail(exc) from None
    target = output or os.path.join("output", f"{amap.name}.html")
    emit(page, target, inputs=read_by_html(amap, map_path, templates_dir, source, no_source))
    if target != "-":
        click.echo(f"wrote {target}", err=True)


def read_by_html(amap, map_path, templates_dir, source, no_source) -> list[str]:
    """Every file `argmap html` reads: the map's files, the manuscript, the template files."""
    import os

    from .manuscript import source_path

    files = list(amap.files) or [map_path]
    if not no_source:
        files.append(source or source_path(amap))
    if templates_dir:
        files += [os.path.join(templates_dir, n) for n in ("page.html.j2", "page.css", "page.js")]
    return [f for f in files if f]


# -- auditing a map against its source ----------------------------------------------------------
@main.command("audit-sample")
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.option("-n", "--n", "n", type=click.IntRange(1), default=60, show_default=True,
              help="How many relations to sample.")
@click.option("--seed", type=int, default=None, help="The random seed (default: argmap's own, 13).")
@click.option("--judged", type=click.Path(dir_okay=False, exists=True),
              help="A Markdown file with an earlier sample: keep the verdicts of the relations still sampled.")
def audit_sample(map_path, n, seed, judged):
    """Print a seeded, reproducible random sample of MAP's relations (supports, attacks, undercuts,
    contradictions, linked premises) as a Markdown table, with the lines that justify each, for an
    auditor to judge right, loose or wrong against the source."""
    from .audit import DEFAULT_SEED, read_judgements, relation_sample, sample_markdown

    amap = load_map(map_path)
    judgements = None
    if judged:
        with open(judged, encoding="utf-8") as fh:
            text = fh.read()
        # an audit document marks its current sample; read the table that follows the mark
        mark = text.find("<!-- relation-sample")
        judgements = read_judgements(text[mark:] if mark >= 0 else text)
    sample = relation_sample(amap, n, DEFAULT_SEED if seed is None else seed)
    click.echo(sample_markdown(sample, judgements), nl=False)


# -- teaching: diff and grade ---------------------------------------------------------------------
@main.command("diff")
@click.argument("old_path", metavar="OLD", type=click.Path(dir_okay=True))
@click.argument("new_path", metavar="NEW", type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="html: the figure with added, removed and changed elements marked.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="How similar (0-1) two texts must be for statements with other ids to match.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def diff_command(old_path, new_path, fmt, threshold, output):
    """What changed from OLD to NEW, by meaning: statements added, removed, reworded (matched by
    id, then by text); kinds; relations added, removed, retargeted; inferences; citations and
    pages; value rankings; labels under the grounded evaluation, and why. Exit code 0 when
    nothing changed, 1 when something did (or an input could not be read)."""
    import json

    from .diff import diff_maps, diff_record, diff_text

    old, new = load_map(old_path), load_map(new_path)
    d = diff_maps(old, new, threshold=threshold)
    if fmt == "json":
        text = json.dumps(diff_record(d, old_path, new_path), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        from .errors import ArgmapError
        from .teach_html import diff_page
        try:
            text = diff_page(d, old_path, new_path)
        except ArgmapError as exc:
            raise fail(exc) from None
    else:
        text = diff_text(d, old_path, new_path)
    emit(text, output, inputs=[old_path, new_path])
    sys.exit(1 if d else 0)


def _grade_settings(model_path, rubric, threshold):
    from .errors import ArgmapError
    from .grade import read_rubric

    weights, rubric_threshold = {}, None
    if rubric:
        try:
            weights, rubric_threshold = read_rubric(rubric)
        except ArgmapError as exc:
            raise fail(exc) from None
    return load_map(model_path), weights, threshold if threshold is not None else (rubric_threshold or 0.5)


def _grade_one(path, model, weights, threshold, align_file):
    from .align import read_alignment
    from .errors import ArgmapError
    from .grade import grade as run

    student = load_map(path)
    try:
        fixed = read_alignment(align_file, student, model) if align_file else None
    except ArgmapError as exc:
        raise fail(exc) from None
    return run(student, model, threshold=threshold, fixed=fixed, weights=weights)


@main.command("grade")
@click.argument("student_path", metavar="STUDENT", type=click.Path(exists=True))
@click.option("--model", "model_path", required=True, type=click.Path(dir_okay=False, exists=True),
              help="The model answer (any readable format).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              show_default=True, help="html: a feedback page (the student's figure with the mistakes "
              "marked, beside the model's).")
@click.option("--align", "align_file", type=click.Path(dir_okay=False, exists=True),
              help="A teacher's alignment: YAML 'student-id: model-id' (null for none) or CSV rows.")
@click.option("--rubric", type=click.Path(dir_okay=False, exists=True),
              help="Weights of the combined score (and an alignment threshold), YAML.")
@click.option("--threshold", type=click.FloatRange(0, 1),
              help="How similar (0-1) a student's text must be to a model statement to match it "
                   "(default 0.5, or the rubric's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write here instead of stdout (for a folder: the gradebook CSV).")
@click.option("--feedback", "feedback_dir", type=click.Path(file_okay=False),
              help="For a folder: also write a feedback page per submission into this folder.")
def grade_command(student_path, model_path, fmt, align_file, rubric, threshold, output, feedback_dir):
    """Grade STUDENT's map (Argdown, YAML, AIF, ...) against the model answer: the alignment of
    statements (to check, and to fix with --align), precision, recall and F1 of support, attack,
    undercut and linked-premise relations, Cohen's kappa on kinds, the main claim, a combined and
    a CASS-style score, and named mistakes located in the student's file. STUDENT may be a folder
    of submissions: then a gradebook CSV is written."""
    import json
    import os

    model, weights, threshold = _grade_settings(model_path, rubric, threshold)
    if os.path.isdir(student_path):
        if align_file:
            raise click.UsageError("--align is for one submission, not a folder")
        return _grade_folder(student_path, model, model_path, weights, threshold, output, feedback_dir)
    from .grade import grade_record, grade_text

    g = _grade_one(student_path, model, weights, threshold, align_file)
    if fmt == "json":
        text = json.dumps(grade_record(g, student_path, model_path), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        from .teach_html import feedback_page
        text = _html_or_fail(lambda: feedback_page(g, student_path, model_path))
    else:
        text = grade_text(g, student_path, model_path)
    emit(text, output, inputs=[student_path, model_path])


def _html_or_fail(make):
    from .errors import ArgmapError

    try:
        return make()
    except ArgmapError as exc:
        raise fail(exc) from None


SUBMISSION_SUFFIXES = (".yaml", ".yml", ".json", ".argdown", ".ad", ".aif", ".kialo", ".graphml")


def _grade_folder(folder, model, model_path, weights, threshold, output, feedback_dir):
    import csv
    import io
    import os

    from .grade import GRADEBOOK_COLUMNS, gradebook_row

    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(SUBMISSION_SUFFIXES)
                   and os.path.isfile(os.path.join(folder, n)))
    rows, failed = [], False
    for name in names:
        path = os.path.join(folder, name)
        try:
            g = _grade_one(path, model, weights, threshold, None)
        except DiagnosticsFailure as exc:
            exc.show()
            failed = True
            rows.append(gradebook_row(name, None, exc.diagnostics[0].format()))
            continue
        rows.append(gradebook_row(name, g))
        if feedback_dir:
            from .teach_html import feedback_page
            page = _html_or_fail(lambda: feedback_page(g, name, model_path))
            emit(page, os.path.join(feedback_dir, os.path.splitext(name)[0] + ".html"), inputs=[path, model_path])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=GRADEBOOK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    emit(buf.getvalue(), output, inputs=[model_path])
    if output not in (None, "-"):
        click.echo(f"graded {len(rows)} submissions; wrote {output}", err=True)
    sys.exit(1 if failed else 0)


# -- live authoring -----------------------------------------------------------------------------
@main.command()
def lsp():
    """Run the language server (Language Server Protocol over stdin/stdout) for editors:
    diagnostics as you type, hover, go to definition, references, completion, outline, rename
    and quick fixes. See docs/editors.md."""
    from .lsp import main as serve_lsp

    serve_lsp()


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: a free one).")
@click.option("--no-open", is_flag=True, help="Do not open the page in a browser.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="A folder whose page.html.j2, page.css or page.js replace argmap's own.")
@click.option("--source", type=click.Path(dir_okay=False, exists=True),
              help="The manuscript for the manuscript checks (default: the map's source.file).")
@click.option("--no-source", is_flag=True, help="Do not hold the map against its manuscript.")
def serve(map_path, port, no_open, templates_dir, source, no_source):
    """Serve MAP's interactive page on 127.0.0.1 as a live preview: when a file of the map
    changes (the map, its parts, its BibTeX file, the manuscript), the page updates itself and
    keeps the reader's place; while the map is invalid it shows the errors above the last valid
    map. Ctrl-C stops it."""
    from .serve import serve as run

    try:
        run(map_path, port=port, open_browser=not no_open, templates_dir=templates_dir,
            source=False if no_source else source, echo=lambda line: click.echo(line, err=True))
    except OSError as exc:
        raise click.UsageError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None


WATCHED = ("render", "values", "html")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("map_path", metavar="MAP", type=click.Path(dir_okay=True))
@click.option("--command", "command", type=click.Choice(WATCHED), default=None,
              help="What to rebuild (default: html for an -o ending in .html, else render).")
@click.argument("options", nargs=-1, type=click.UNPROCESSED)
def watch(map_path, command, options):
    """Rebuild a figure or page whenever a file of MAP changes: `argmap watch MAP -o FIG.svg`
    takes every option of `render` (or, with --command, of `values` or `html`), for a PDF
    viewer or a LaTeX build that reloads the file. Ctrl-C stops it."""
    import threading

    from .formats.registry import load_any
    from .serve import map_files, watch_files

    options = list(options)
    if command is None:
        out = next((options[i + 1] for i, o in enumerate(options[:-1]) if o in ("-o", "--output")), "")
        command = "html" if out.lower().endswith(".html") else "render"
    files = {map_path}

    def rebuild():
        nonlocal files
        try:
            main.main([command, map_path, *options], standalone_mode=False)
        except click.ClickException as exc:
            exc.show()
        except SystemExit:
            pass
        amap, _ = load_any(map_path)
        files = map_files(amap, map_path) | (files if amap is None else set())

    rebuild()
    stop = threading.Event()
    told = threading.Event()

    def ready():
        if not told.is_set():
            told.set()
            click.echo(f"argmap watch: rebuilding with `argmap {command}` when a file of {map_path} changes "
                       "(Ctrl-C to stop)", err=True)

    try:
        watch_files(lambda: set(files), rebuild, stop, ready)
    except KeyboardInterrupt:
        stop.set()
        click.echo("argmap watch: stopped", err=True)


HOOKED = ("validate", "check")
MAP_SUFFIXES = (".yaml", ".yml", ".json", ".bib")


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("command", type=click.Choice(HOOKED))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def hook(command, args):
    """For pre-commit: run `validate` or `check` on the maps that the changed files in ARGS
    belong to (a changed part or BibTeX file brings its map in; files of no map are skipped);
    other ARGS are options of the command. See .pre-commit-hooks.yaml."""
    import os

    from .editing import maps_of

    files = [a for a in args if a.lower().endswith(MAP_SUFFIXES) and os.path.isfile(a)]
    options = [a for a in args if a not in files]
    maps = [os.path.relpath(m) for m in maps_of(files)]
    if not maps:
        return
    main.main([command, *options, *maps], prog_name="argmap")


@main.command("pandoc-filter")
@click.argument("fmt", metavar="FORMAT", required=False, default="html")
def pandoc_filter(fmt):
    """A Pandoc JSON filter: turn each ```argmap code block (a map in YAML, or path=FILE with a
    view such as section=2.4) into a figure for output FORMAT (html: inline SVG; latex, pdf:
    a PDF file; else PNG). `pandoc --filter argmap-pandoc-filter` runs it too."""
    from .pandoc import main as run

    sys.exit(run([fmt]))


if __name__ == "__main__":  # pragma: no cover  (after every command is defined)
    main()
