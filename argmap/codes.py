"""The catalogue of diagnostic codes: every code argmap can print, with its usual severity, the
family it belongs to and one line saying what it means.

A diagnostic prints as ``path:line:col: severity[code]: message``; the code is stable, so that
scripts, editors and ``ignore:`` lists can rely on it.  The check rules add their own codes when
they are registered (:func:`argmap.checks.rule`), so this catalogue and the rules cannot
disagree.  ``docs/diagnostics.md`` is generated from it (``pytest --update-golden`` rewrites it)
and a test checks that every code the package emits is here and documented there.
"""
from __future__ import annotations

from dataclasses import dataclass

from .vocab import Severity

__all__ = ["Code", "CODES", "FAMILIES", "add", "markdown"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    family: str
    summary: str


#: family -> where its codes come from (the headings of docs/diagnostics.md)
FAMILIES = {
    "read": "Reading a file: the file itself, its encoding, YAML and JSON syntax",
    "map": "The argmap map format: fields, ids, references between elements, includes",
    "argdown": "Importing Argdown",
    "aif": "Importing the Argument Interchange Format (AIF, OVA, xAIF)",
    "kialo": "Importing Kialo discussion exports",
    "graphml": "Importing GraphML and node-link JSON",
    "import": "Importing any interchange format",
    "af": "Abstract argumentation frameworks (ICCMA .af/.apx/.tgf files) and their solvers",
    "output": "Figures, pages and written outputs",
    "usage": "Names given to the library or the command line",
    "config": "The configuration (`[tool.argmap]` in pyproject.toml, argmap.toml; docs/configuration.md)",
    "check": "The check rules (`argmap check`; `--list-rules`)",
    "general": "The error families themselves (when no more specific code applies)",
}

CODES: dict[str, Code] = {}


def add(code: str, severity: str, family: str, summary: str) -> Code:
    """Put *code* in the catalogue (once)."""
    if code in CODES:
        raise ValueError(f"diagnostic code '{code}' is catalogued twice")
    if family not in FAMILIES:
        raise ValueError(f"unknown family '{family}' of diagnostic code '{code}'")
    CODES[code] = entry = Code(code, Severity(severity), family, summary)
    return entry


_E, _W, _I = "error", "warning", "info"
for _args in (
    # -- the error families ------------------------------------------------------------------
    ("error", _E, "general", "an argmap error with no more specific code"),
    ("load", _E, "general", "the input could not be read or parsed"),
    ("invalid", _E, "general", "the input parsed but is not a valid map"),
    ("render", _E, "general", "a figure, page or export could not be produced or written"),
    # -- reading a file ----------------------------------------------------------------------
    ("file-not-found", _E, "read", "the file does not exist"),
    ("is-a-directory", _E, "read", "a directory was given where a file is read"),
    ("not-a-file", _E, "read", "a FIFO, a device or a socket was given where a file is read (refused unopened)"),
    ("unreadable", _E, "read", "the file exists but cannot be read (permissions, I/O error)"),
    ("encoding", _E, "read", "the file is not UTF-8 text (for example UTF-16); the location is the first bad byte"),
    ("binary", _E, "read", "the file holds a NUL byte: it looks binary, not a text map"),
    ("empty", _E, "read", "the file is empty, or holds no map (or no framework)"),
    ("too-large", _E, "read", "the file is larger than argmap reads (64 MiB)"),
    ("too-deep", _E, "read", "containers nested deeper than argmap reads (a guard against hostile input)"),
    ("yaml-syntax", _E, "read", "YAML syntax error, located where the parser stopped"),
    ("yaml-tag", _E, "read", "a YAML tag other than the standard ones (no objects are ever constructed)"),
    ("yaml-alias", _E, "read", "a YAML anchor or alias (refused: they allow exponential expansion)"),
    ("json-syntax", _E, "read", "JSON syntax error"),
    ("duplicate-key", _E, "read", "a key given twice in one mapping (YAML or JSON)"),
    # -- the map format ----------------------------------------------------------------------
    ("unsupported-version", _E, "map", "the `argmap:` version is missing or not one this argmap reads"),
    ("wrong-type", _E, "map", "a field has the wrong type (a mapping, a list, text or a number was expected)"),
    ("unknown-field", _E, "map", "a field the format does not have (with the closest known field)"),
    ("missing-field", _E, "map", "a required field is missing"),
    ("empty-text", _E, "map", "a required text is empty or only white space"),
    ("bad-text", _E, "map", "a text holds a control character or a noncharacter, or is too long to be drawn"),
    ("bad-id", _E, "map", "an id or a reference key breaks the id rules (argmap.ids)"),
    ("duplicate-id", _E, "map", "two elements share an id (or a BibTeX key, or a second value-system)"),
    ("unknown-id", _E, "map", "a relation, inference or thesis names an id the map does not have"),
    ("wrong-target", _E, "map", "an id names an element of the wrong sort (an undercut must target an inference)"),
    ("unknown-kind", _E, "map", "an unknown statement kind or relation kind (with the closest known one)"),
    ("self-relation", _E, "map", "a statement supports, attacks or contradicts itself"),
    ("duplicate-relation", _W, "map", "the same relation is stated twice"),
    ("unknown-section", _E, "map", "a statement is filed under a section the map does not list"),
    ("bad-locator", _E, "map", "`lines` or `page` is not a line number, a range or a page"),
    ("include-not-found", _E, "map", "an included part file does not exist"),
    ("include-cycle", _E, "map", "a part file includes itself, directly or through others"),
    ("include-duplicate", _E, "map", "a part file is included twice"),
    ("path-outside-map", _E, "map", "an `include:` or `bibtex:` path is absolute or leads out of the map's folder"),
    ("bibtex-not-found", _E, "map", "the `bibtex:` file does not exist"),
    ("bibtex-syntax", _E, "map", "the BibTeX file cannot be parsed"),
    ("marker-regex", _E, "usage", "the `--marker-regex` is not a regular expression with a group named 'ref'"),
    # -- Argdown -----------------------------------------------------------------------------
    ("argdown-syntax", _E, "argdown", "Argdown syntax error"),
    ("argdown-plus", _E, "argdown", "the file is Argdown+, which argmap does not read (classic Argdown only)"),
    ("argdown-model", _E, "argdown", "the Argdown is well formed but cannot become a map"),
    ("argdown-data", _W, "argdown", "a YAML data block or a value in it that cannot be used"),
    ("argdown-relation", _W, "argdown",
     "a relation that has no counterpart in a map (imported as the closest one or dropped)"),
    ("argdown-self-relation", _W, "argdown", "a statement related to itself through an argument; dropped"),
    ("argdown-self-premise", _W, "argdown", "an inference step uses its own conclusion as a premise"),
    ("argdown-no-premise", _W, "argdown", "an inference step of a premise-conclusion structure has no premise"),
    ("argdown-uses", _W, "argdown", "an inference's 'uses' names premises the step does not have"),
    ("argdown-undefined", _W, "argdown", "a statement or argument that is only referred to, never given a text"),
    ("argdown-undercut", _W, "argdown", "an undercut that cannot be placed on one inference"),
    ("argdown-sketched-support", _W, "argdown", "a support of a reconstructed argument, attached to its conclusion"),
    ("argdown-sketched-attack", _W, "argdown", "an attack on a reconstructed argument, attached to its conclusion"),
    # -- AIF ---------------------------------------------------------------------------------
    ("aif", _E, "aif", "the file is not AIF that argmap can read"),
    ("aif-empty", _W, "aif", "the AIF graph has no nodes: the map is empty"),
    ("aif-node", _W, "aif", "a node that is not an object; ignored"),
    ("aif-edge", _W, "aif", "an edge that is not an object; ignored"),
    ("aif-locution", _W, "aif", "a locution that is not an object; ignored"),
    ("aif-node-type", _W, "aif", "a node of a type argmap does not import (kept out of the argument)"),
    ("aif-duplicate-node", _W, "aif", "a node id appears twice (identical copies are merged)"),
    ("aif-duplicate-edge", _W, "aif", "an edge repeats an earlier one"),
    ("aif-duplicate-locution", _W, "aif", "a locution repeats an earlier one"),
    ("aif-dangling-locution", _W, "aif", "a locution of a node that is not in the graph"),
    ("aif-unknown-node", _W, "aif", "an edge refers to a node that is not in the graph; ignored"),
    ("aif-self-loop", _W, "aif", "an edge from a node to itself; ignored"),
    ("aif-id", _W, "aif", "a node id that is not a valid map id; imported under a new id"),
    ("aif-empty-text", _W, "aif", "an I node without text; its id is used as its text"),
    ("aif-no-premise", _W, "aif", "an RA (inference) or CA (conflict) node with no premise; ignored"),
    ("aif-no-conclusion", _W, "aif", "an RA or CA node that points at nothing; ignored"),
    ("aif-structure", _W, "aif", "an edge that does not fit the AIF's argument structure; ignored"),
    ("aif-linked-attack", _W, "aif", "a CA node with several attackers, imported as one attack each"),
    ("aif-attack-on-attack", _W, "aif", "a CA node attacks another conflict, which a map cannot hold; dropped"),
    ("aif-preference", _W, "aif", "a PA (preference) node: not an argument relation; dropped"),
    # -- Kialo -------------------------------------------------------------------------------
    ("kialo", _E, "kialo", "the file is not a Kialo export that argmap can read"),
    ("kialo-text", _W, "kialo", "text before the first claim; ignored"),
    ("kialo-source", _W, "kialo", "a line of the Sources footer that cannot be read"),
    ("kialo-empty", _W, "kialo", "a claim without text; its number is used as its text"),
    ("kialo-label", _W, "kialo", "a claim with an unknown label (neither Pro nor Con)"),
    ("kialo-duplicate", _W, "kialo", "a claim number used twice"),
    ("kialo-orphan", _W, "kialo", "a claim whose parent claim is not in the file"),
    ("kialo-link", _W, "kialo", "a link to a claim that is not in the file"),
    # -- GraphML and node-link JSON ------------------------------------------------------------
    ("graphml", _E, "graphml", "the file is not GraphML that argmap can read"),
    ("graphml-syntax", _E, "graphml", "the XML is not well formed"),
    ("graphml-dtd", _E, "graphml", "a DTD or entity declaration (refused: entity expansion attacks)"),
    ("graphml-key", _W, "graphml", "a GraphML key that argmap does not know; its data is ignored"),
    ("graphml-attribute", _W, "graphml", "an attribute whose value is not the JSON argmap writes"),
    ("graphml-id", _W, "graphml", "a node id that is not a valid map id; imported under a new id"),
    ("graphml-kind", _W, "graphml", "a node or edge with no kind; a node becomes a claim"),
    ("graphml-title", _W, "graphml", "the graph has no title; the file name is used"),
    ("graphml-undirected", _W, "graphml", "the graph is undirected; edges are read as directed"),
    ("node-link", _E, "graphml", "the file is not node-link JSON that argmap can read"),
    ("node-link-title", _W, "graphml", "the graph has no title; the file name is used"),
    # -- any import --------------------------------------------------------------------------
    ("unsupported-format", _E, "import", "the format can be written but not read (Mermaid)"),
    ("import-failed", _E, "import", "an importer failed on input it should have refused with a located error"),
    ("extension", _W, "import", "a block of extra data that is not a mapping; ignored"),
    # -- abstract frameworks -----------------------------------------------------------------
    ("syntax", _E, "af", "a framework file's line cannot be read"),
    ("header", _E, "af", "the `p af N` header of an ICCMA file is malformed"),
    ("header-missing", _E, "af", "the ICCMA file has no `p af N` header"),
    ("header-duplicate", _E, "af", "a second `p af` header"),
    ("out-of-range", _E, "af", "an argument number outside 1..N"),
    ("duplicate-argument", _E, "af", "an argument declared twice"),
    ("undeclared-argument", _E, "af", "an attack on or by an argument that is not declared"),
    ("truncated", _E, "af", "the file ends inside a fact"),
    ("unknown-format", _E, "af", "the framework's format cannot be told from its name or content"),
    ("internal", _E, "af", "the framework could not be read because of a fault in argmap"),
    ("solver-timeout", _E, "af", "a semantics ran out of its time budget"),
    # -- outputs -----------------------------------------------------------------------------
    ("write", _E, "output", "an output cannot be written (permissions, disk full, a closed standard output)"),
    ("out-of-memory", _E, "output", "the machine ran out of memory before the command finished"),
    ("overwrite-input", _E, "output", "an output would overwrite a file the command reads"),
    ("graphviz", _E, "output", "Graphviz failed, or gave no SVG"),
    ("graphviz-missing", _E, "output", "Graphviz is not installed"),
    ("graphviz-timeout", _E, "output", "Graphviz took longer than its time limit"),
    ("theme", _E, "output", "an unknown theme, or a theme file that is not valid"),
    ("view", _E, "output", "a view names a section, statement or context the map does not have"),
    ("no-values", _E, "output", "the value hierarchy of a map without values was asked for"),
    ("template", _E, "output", "a page template breaks a rule of the page (the CSP marker, inlined code)"),
    ("unsafe-svg", _E, "output", "the figure's SVG holds a script, style, link or event handler"),
    # -- teaching -----------------------------------------------------------------------------
    ("bad-alignment", _E, "usage", "a teacher's alignment file (--align) that cannot be read or names unknown ids"),
    ("bad-rubric", _E, "usage", "a rubric file (--rubric) that cannot be read or weighs unknown parts"),
    # -- authoring ----------------------------------------------------------------------------
    ("pandoc-block", _E, "usage", "a fenced argmap block in a Pandoc document that is not a map or a view of one"),
    # -- names -------------------------------------------------------------------------------
    ("unknown-name", _E, "usage", "a name that no registry entry has (format, renderer, rule, theme)"),
    # -- the configuration -------------------------------------------------------------------
    ("config-syntax", _E, "config", "the configuration file is not valid TOML (or [tool.argmap] is not a table)"),
    ("config-not-found", _E, "config", "`--config` names a file that does not exist"),
    ("config-unknown-key", _W, "config", "a key the configuration (or a rule's options) does not have; ignored"),
    ("config-value", _W, "config", "a setting of the wrong type or with an unknown value; ignored"),
    ("config-unknown-rule", _W, "config", "a rule code that no rule has; ignored"),
):
    add(*_args)


def markdown() -> str:
    """``docs/diagnostics.md``: every code, by family."""
    out = ["# Diagnostic codes", "",
           "Every problem argmap reports is one line, `path:line:col: severity[code]: message`.",
           "The codes below are stable; a map may silence a check rule's code on one statement with",
           "`ignore: [code]`. This page is generated from `argmap/codes.py` and the check rules",
           "(`pytest --update-golden` rewrites it) and a test keeps them equal.", ""]
    for family, title in FAMILIES.items():
        entries = [c for c in CODES.values() if c.family == family]
        if not entries:
            continue
        out += [f"## {title}", "", "| code | severity | meaning |", "| --- | --- | --- |"]
        out += [f"| `{c.code}` | {c.severity} | {c.summary} |" for c in entries]
        out.append("")
    return "\n".join(out)

