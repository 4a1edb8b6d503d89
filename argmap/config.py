"""The configuration: ``[tool.argmap]`` in ``pyproject.toml``, or an ``argmap.toml`` file, as ruff
has ``[tool.ruff]`` and ``ruff.toml``.  A module of the foundation layer (it reads TOML with the
standard library's ``tomllib`` and knows nothing of maps or rules).

Finding it
    For a map, argmap looks in the map's folder, then in each folder above it, for
    ``.argmap.toml``, ``argmap.toml`` or a ``pyproject.toml`` with a ``[tool.argmap]`` table (in
    that order within a folder); the **nearest** file wins and files further up are not read.
    A map with no such file above it gets the defaults.  ``--config PATH`` names the file
    instead (no search); ``--config 'KEY = VALUE'`` overrides one setting (TOML syntax, dotted
    keys allowed) over whatever file applies; ``--isolated`` reads no file at all.

What it holds (see ``docs/configuration.md``)::

    select = ["unsupported-claim", "unanswered-objection"]   # only these rules (default: all)
    ignore = ["single-source"]                               # never these
    fail-on = "warning"                                      # argmap check's exit status
    theme = "color"                                          # figures (render, values, build)
    [per-file-ignores]
    "old/*.yaml" = ["disconnected"]                          # globs, relative to this file
    [severity]
    load-bearing = "warning"                                 # a rule's severity
    [rules.single-source]
    min-sources = 2                                          # a rule's options
    [page]
    templates = "templates/"                                 # argmap html, relative to this file
    [evaluate]
    semantics = "preferred"                                  # evaluate and explain
    cq-burden = true

In ``pyproject.toml`` every key is under ``[tool.argmap]`` (``[tool.argmap.severity]``, ...).
An unknown key is a printed warning with the closest known key; a value of the wrong type is a
warning and the value is not used; a file that is not TOML is a located error.  Precedence:
command-line options over ``--config KEY=VALUE`` over the file over argmap's defaults.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from .errors import ArgmapError, Diagnostic, Location
from .suggest import suggest

__all__ = ["Config", "ConfigError", "DEFAULT", "FILE_NAMES", "find", "read", "for_map", "resolve",
           "overriding", "SETTINGS"]

#: the file names looked for in each folder, in order
FILE_NAMES = (".argmap.toml", "argmap.toml", "pyproject.toml")

#: every setting: key -> (what it must be, what it is for)
SETTINGS: dict[str, tuple[str, str]] = {
    "select": ("list of rule codes", "run only these check rules (default: every rule)"),
    "ignore": ("list of rule codes", "never run these check rules"),
    "fail-on": ("error, warning or never", "the severity at which `argmap check` exits with 1"),
    "per-file-ignores": ("table of glob -> list of rule codes",
                         "rules silenced for maps (or their part files) matching a glob"),
    "severity": ("table of rule code -> error, warning or info", "a rule's severity"),
    "rules": ("table of rule code -> table of options", "options of the rules (see --explain)"),
    "theme": ("text", "the figures' theme (render, values, build): a theme name or a YAML file"),
    "page": ("table", "the HTML page: `templates` (a folder of templates)"),
    "evaluate": ("table", "evaluation defaults: `semantics`, `strict`, `cq-burden`"),
}
PAGE_KEYS = ("templates",)
EVALUATE_KEYS = ("semantics", "strict", "cq-burden")
SEVERITY_WORDS = ("error", "warning", "info")
FAIL_ON_WORDS = ("error", "warning", "never")
SEMANTICS_WORDS = ("grounded", "complete", "preferred", "stable")


class ConfigError(ArgmapError):
    """A configuration file that cannot be read (not TOML, not a table where one is needed)."""

    default_code = "config-syntax"


@dataclass(frozen=True)
class Config:
    """The settings that apply to a map.  *path* is the file they come from (None: argmap's
    defaults); *root* the folder its relative paths and globs are relative to.  Values not set
    are None (or empty), so that callers can tell them from the defaults."""

    path: str | None = None
    root: str = "."
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    theme: str | None = None
    templates: str | None = None
    evaluate: dict[str, Any] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()
    #: where each rule code was written (for warnings that the rule layer raises)
    locations: dict[str, Location] = field(default_factory=dict, compare=False)

    def location_of(self, key: str) -> Location:
        return self.locations.get(key) or Location(self.path or "<config>", 1, 1)

    def ignored_for(self, path: str | None) -> set[str]:
        """The rule codes ``per-file-ignores`` silences for the file *path*."""
        if not path or not self.per_file_ignores:
            return set()
        from fnmatch import fnmatchcase

        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root)).replace(os.sep, "/")
        base = os.path.basename(path)
        out: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if fnmatchcase(rel, pattern) or ("/" not in pattern and fnmatchcase(base, pattern)):
                out.update(codes)
        return out


DEFAULT = Config()


# -- finding and reading -----------------------------------------------------------------------
def find(start: str) -> str | None:
    """The nearest configuration file for *start* (a file or a folder), or None."""
    folder = os.path.abspath(start)
    if not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    while True:
        for name in FILE_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_table(candidate)):
                return _shown(candidate)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _shown(path: str) -> str:
    """*path* as messages show it: relative to the working folder when it lies under it."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _has_table(path: str) -> bool:
    """Whether a pyproject.toml has a [tool.argmap] table (a quick look before parsing)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\s*tool\s*\.\s*argmap\s*[\].]|^\s*tool\s*\.\s*argmap\s*[.=]", text, re.M) is not None


def read(path: str, overrides: tuple[str, ...] = ()) -> Config:
    """The configuration in the file *path* (with the ``KEY = VALUE`` *overrides* on top)."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise ConfigError(f"configuration file '{path}' does not exist", location=Location(path),
                          code="config-not-found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read configuration file '{path}': {exc}", location=Location(path)) from None
    data = _parse(text, path)
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("argmap", {})
        prefix = "tool.argmap."
        if not isinstance(data, dict):
            raise ConfigError("[tool.argmap] must be a table", location=Location(path))
    else:
        prefix = ""
    return _build(_merge(data, overrides), path, os.path.dirname(os.path.abspath(path)), text, prefix)


def _parse(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        loc = Location(path, int(m.group(1)), int(m.group(2))) if m else Location(path)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message) if m else message
        raise ConfigError(f"not valid TOML: {message}", location=loc) from None


def _merge(data: dict[str, Any], overrides: tuple[str, ...]) -> dict[str, Any]:
    """*data* with each ``KEY = VALUE`` override merged in (tables merged key by key)."""
    for text in overrides:
        extra = _parse(text, "--config")
        data = _deep_merge(data, extra)
    return data


def _deep_merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for k, v in b.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def is_override(text: str) -> bool:
    """Whether a ``--config`` value is a ``KEY = VALUE`` override rather than a path."""
    return "=" in text and not os.path.exists(text)


# -- turning a table into a Config ----------------------------------------------------------------
class _Reader:
    """Reads the settings table, collecting warnings located in the file's text."""

    def __init__(self, path: str, text: str, prefix: str) -> None:
        self.path, self.lines, self.prefix = path, text.splitlines(), prefix
        self.diags: list[Diagnostic] = []
        self.locations: dict[str, Location] = {}

    def where(self, key: str, table: str = "") -> Location:
        """The line that writes *key* (in *table*), found in the text; else line 1."""
        name = re.escape(key)
        full = re.escape(self.prefix + (table + "." if table else "") + key)
        pats = [rf"^\s*\[\s*{full}\s*\]", rf"^\s*[\"']?{name}[\"']?\s*[=.]", rf"\.\s*[\"']?{name}[\"']?\s*[=.]"]
        for i, line in enumerate(self.lines, 1):
            for pat in pats:
                m = re.search(pat, line)
                if m:
                    return Location(self.path, i, line.index(key) + 1 if key in line else 1)
        return Location(self.path, 1, 1)

    def warn(self, loc: Location, code: str, message: str, hint: str | None = None) -> None:
        self.diags.append(Diagnostic(loc, code, message, "warning", hint))

    def unknown(self, key: str, known, table: str) -> None:
        if table:
            where = f"[{self.prefix}{table}]"
        else:
            where = f"[{self.prefix[:-1]}]" if self.prefix else "the configuration"
        self.warn(self.where(key, table), "config-unknown-key",
                  f"unknown key '{key}' in {where}{suggest(key, known)}", hint="keys: " + ", ".join(known))

    def wrong(self, key: str, table: str, expected: str) -> None:
        name = f"{table}.{key}" if table else key
        self.warn(self.where(key, table), "config-value", f"'{name}' must be {expected}; ignored")

    def codes(self, value: Any, key: str, table: str = "") -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.wrong(key, table, "a list of rule codes")
            return None
        out = tuple(c.strip() for v in value for c in v.split(",") if c.strip())
        for c in out:
            self.locations.setdefault(c, self.quoted(c) or self.where(key, table))
        return out

    def quoted(self, text: str) -> Location | None:
        """Where *text* is first written as a quoted string (the column of its first letter)."""
        for i, line in enumerate(self.lines, 1):
            for q in ('"', "'"):
                j = line.find(q + text + q)
                if j >= 0:
                    return Location(self.path, i, j + 2)
        return None

    def word(self, value: Any, key: str, table: str, words: tuple[str, ...]) -> str | None:
        if not isinstance(value, str) or value not in words:
            self.wrong(key, table, "one of " + ", ".join(words))
            return None
        return value


def _build(data: dict[str, Any], path: str, root: str, text: str, prefix: str) -> Config:
    r = _Reader(path, text, prefix)
    values: dict[str, Any] = {}
    for key, value in data.items():
        reader = _TOP.get(key)
        if reader is None:
            r.unknown(key, SETTINGS, "")
            continue
        reader(r, value, values, root)
    return Config(path=path, root=root, diagnostics=tuple(r.diags), locations=r.locations, **values)


def _select(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    codes = r.codes(value, "select")
    if codes is not None:
        out["select"] = codes


def _ignore(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    out["ignore"] = r.codes(value, "ignore") or ()


def _fail_on(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    out["fail_on"] = r.word(value, "fail-on", "", FAIL_ON_WORDS)


def _theme(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    if not isinstance(value, str) or not value.strip():
        r.wrong("theme", "", "a theme name or the path of a theme file")
        return
    # a theme file is relative to the configuration; a theme name stays a name
    is_file = value.endswith((".yaml", ".yml")) or "/" in value
    out["theme"] = os.path.normpath(os.path.join(root, value)) if is_file else value


def _table(r: _Reader, value: Any, key: str) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        r.wrong(key, "", "a table")
        return None
    return value


def _per_file(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    table = _table(r, value, "per-file-ignores")
    if table is None:
        return
    entries = []
    for pattern, codes in table.items():
        got = r.codes(codes, pattern, "per-file-ignores")
        if got is not None:
            entries.append((pattern.replace(os.sep, "/"), got))
    out["per_file_ignores"] = tuple(entries)


def _severity(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    table = _table(r, value, "severity")
    if table is None:
        return
    sev = {}
    for code, word in table.items():
        r.locations.setdefault(code, r.where(code, "severity"))
        got = r.word(word, code, "severity", SEVERITY_WORDS)
        if got is not None:
            sev[code] = got
    out["severity"] = sev


def _rules(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    table = _table(r, value, "rules")
    if table is None:
        return
    rules = {}
    for code, options in table.items():
        r.locations.setdefault(code, r.where(code, "rules"))
        if not isinstance(options, dict):
            r.wrong(code, "rules", "a table of options")
            continue
        rules[code] = dict(options)
        for opt in options:
            r.locations.setdefault(f"{code}.{opt}", r.where(opt, f"rules.{code}"))
    out["rules"] = rules


def _page(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    table = _table(r, value, "page")
    if table is None:
        return
    for key, v in table.items():
        if key not in PAGE_KEYS:
            r.unknown(key, PAGE_KEYS, "page")
        elif not isinstance(v, str):
            r.wrong(key, "page", "the path of a folder")
        else:
            out["templates"] = os.path.normpath(os.path.join(root, v))


def _evaluate(r: _Reader, value: Any, out: dict[str, Any], root: str) -> None:
    table = _table(r, value, "evaluate")
    if table is None:
        return
    got: dict[str, Any] = {}
    for key, v in table.items():
        if key not in EVALUATE_KEYS:
            r.unknown(key, EVALUATE_KEYS, "evaluate")
        elif key == "semantics":
            word = r.word(v, key, "evaluate", SEMANTICS_WORDS)
            if word:
                got[key] = word
        elif not isinstance(v, bool):
            r.wrong(key, "evaluate", "true or false")
        else:
            got[key] = v
    out["evaluate"] = got


_TOP: dict[str, Callable[[_Reader, Any, dict[str, Any], str], None]] = {
    "select": _select, "ignore": _ignore, "fail-on": _fail_on, "theme": _theme,
    "per-file-ignores": _per_file, "severity": _severity, "rules": _rules, "page": _page,
    "evaluate": _evaluate,
}


# -- which configuration applies -----------------------------------------------------------------
@dataclass
class Resolver:
    """Which configuration applies to each map, for one run of a command: ``--config`` files and
    overrides, ``--isolated``, and the files already read (each is read, and its warnings
    reported, once).  *report* receives each configuration other than the defaults when it is
    first read (to print its warnings)."""

    files: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()
    isolated: bool = False
    report: Callable[[Config], None] | None = None
    cache: dict[str | None, Config] = field(default_factory=dict)

    def for_map(self, path: str | None) -> Config:
        if self.files:
            source: str | None = self.files[-1]
        elif self.isolated:
            source = None
        else:
            source = find(path or ".")
        if source in self.cache:
            return self.cache[source]
        if source is None:
            cfg = _build(_merge({}, self.overrides), "--config", os.getcwd(), "", "") if self.overrides else DEFAULT
        else:
            cfg = read(source, self.overrides)
        self.cache[source] = cfg
        if self.report is not None and cfg is not DEFAULT:
            self.report(cfg)
        return cfg


_ACTIVE: ContextVar[Resolver | None] = ContextVar("argmap_config", default=None)


def for_map(path: str | None) -> Config:
    """The configuration for the map at *path*: the command line's choice while a command runs
    (:func:`overriding`), else the nearest file (see the module's docstring)."""
    active = _ACTIVE.get()
    if active is not None:
        return active.for_map(path)
    source = find(path or ".")
    return read(source) if source else DEFAULT


def resolve(config: tuple[str, ...] = (), isolated: bool = False,
            report: Callable[[Config], None] | None = None) -> Resolver:
    """A resolver for the ``--config`` values (paths and ``KEY = VALUE`` overrides, in order)
    and ``--isolated``; a usage error (ValueError) when a path is given with ``--isolated``."""
    files = tuple(c for c in config if not is_override(c))
    overrides = tuple(c for c in config if is_override(c))
    if files and isolated:
        raise ValueError("--isolated reads no configuration file, but --config names one")
    return Resolver(files, overrides, isolated, report)


@contextmanager
def overriding(resolver: Resolver) -> Iterator[Resolver]:
    """While the block runs, :func:`for_map` answers through *resolver*."""
    token = _ACTIVE.set(resolver)
    try:
        yield resolver
    finally:
        _ACTIVE.reset(token)
