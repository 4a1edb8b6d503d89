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
