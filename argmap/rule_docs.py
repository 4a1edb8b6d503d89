"""The rules' documentation, generated from their registration (:data:`argmap.checks.RULES`):
``argmap check --explain RULE`` and ``docs/rules.md``.  A module of the analysis layer, just
above :mod:`argmap.checks` (it loads each rule's examples and runs the rule on them).

Each rule is documented with its severity, summary, hint, options and two small maps: one on
which it fires (with the findings it gives) and one on which it does not.  The findings are
those of the running code, so the page cannot drift from the rules; a test checks that the page
is up to date and that every example does what it says.
"""
from __future__ import annotations

from . import config as C
from .checks import RULES, Rule, run_checks
from .errors import ArgmapError, Diagnostic

__all__ = ["EXAMPLE_HEAD", "example_map", "example_findings", "explain", "markdown"]

#: what every example starts with
EXAMPLE_HEAD = "argmap: 1\ntitle: example\n"
EXAMPLE_PATH = "example.yaml"
MANUSCRIPT_PATH = "essay.txt"


def example_map(rule: Rule, fires: bool) -> str:
    """The whole text of one of *rule*'s examples."""
    return EXAMPLE_HEAD + (rule.fires if fires else rule.passes)


def example_findings(rule: Rule, fires: bool) -> list[Diagnostic]:
    """The findings of *rule* (and only of it) on one of its examples.  A rule whose problem
    the loader already refuses (an unknown reference) finds it as a load error."""
    from .loader import loads_with_diagnostics
    from .manuscript import Manuscript

    amap, diags = loads_with_diagnostics(example_map(rule, fires), EXAMPLE_PATH)
    if amap is None:
        own = [d for d in diags if d.code == rule.code]
        if not own:
            raise ArgmapError(diagnostics=diags)
        return own
    ms = Manuscript(MANUSCRIPT_PATH, rule.manuscript) if rule.manuscript is not None else None
    return run_checks(amap, select=[rule.code], source=ms, config=C.DEFAULT)


def _options(rule: Rule) -> list[tuple[str, str, str]]:
    """(name, default as TOML, what it does) of each option."""
    def toml(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return f'"{v}"'
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(toml(x) for x in v) + "]"
        return str(v)
    return [(k, toml(v), rule.option_help.get(k, "")) for k, v in rule.options.items()]


def explain(code: str) -> str:
    """``argmap check --explain CODE``: the rule's documentation as plain text (no final line
    break).  An unknown code raises :class:`argmap.registry.UnknownName`."""
    r = RULES[code]
    out = [f"{r.code} ({r.severity})", "", f"  {r.summary}", f"  hint: {r.hint}"]
    if r.needs:
        out.append(f"  needs: {r.needs}" + (" (argmap check --source FILE)" if r.needs == "source" else ""))
    if r.options:
        out += ["", "  options ([rules." + r.code + "] in the configuration):"]
        out += [f"    {k} = {v}    {h}" for k, v, h in _options(r)]
    for fires in (True, False):
        out += ["", "  Fires on:" if fires else "  Does not fire on:", ""]
        out += ["    " + line for line in example_map(r, fires).splitlines()]
        if fires:
            out += ["", "  Findings:"] + ["    " + d.format() for d in example_findings(r, True)]
    if r.manuscript is not None:
        out += ["", f"  ({MANUSCRIPT_PATH}, the manuscript of both examples:)"]
        out += ["    " + line for line in r.manuscript.splitlines()]
    return "\n".join(out)


def _rule_markdown(r: Rule) -> list[str]:
    out = [f"## `{r.code}`", "", f"**{r.severity}**. {r.summary}", "", f"Hint: {r.hint}", ""]
    if r.needs:
        out += [f"Needs: {'the manuscript (`--source`)' if r.needs == 'source' else 'an evaluation'}.", ""]
    if r.options:
        out += [f"Options (`[rules.{r.code}]` in the configuration):", "",
                "| option | default | meaning |", "| --- | --- | --- |"]
        out += [f"| `{k}` | `{v}` | {h} |" for k, v, h in _options(r)]
        out.append("")
    out += ["Fires on:", "", "```yaml", *example_map(r, True).splitlines(), "```", ""]
    if r.manuscript is not None:
        out += [f"with `{MANUSCRIPT_PATH}`:", "", "```text", *r.manuscript.splitlines(), "```", ""]
    out += ["```text", *(d.format() for d in example_findings(r, True)), "```", "",
            "Does not fire on:", "", "```yaml", *example_map(r, False).splitlines(), "```", ""]
    return out


def markdown() -> str:
    """``docs/rules.md``: every rule, in the order they run."""
    out = ["# Check rules", "",
           "Every rule of `argmap check`, generated from the rules' registration in",
           "`argmap/checks.py` (`pytest --update-golden` rewrites this page; a test keeps it equal and",
           "runs every example). `argmap check --explain RULE` prints the same for one rule. Rules",
           "are selected, ignored, given another severity and tuned in the configuration",
           "(docs/configuration.md); a statement's `ignore: [RULE]` silences a rule on it.", "",
           "| rule | severity | summary |", "| --- | --- | --- |"]
    out += [f"| [`{r.code}`](#{r.code}) | {r.severity} | {r.summary} |" for r in RULES.values()]
    out.append("")
    for r in RULES.values():
        out += _rule_markdown(r)
    return "\n".join(out)
