"""The documentation is checked against the code: the catalogue of diagnostic codes, the API's
examples (run as doctests), and the architecture page's list of modules."""
from __future__ import annotations

import ast
import doctest
import re

import pytest

from conftest import ROOT

PACKAGE = ROOT / "argmap"
CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
# calls whose first string arguments are diagnostic codes
EMITTERS = {"error", "warning", "warn", "info", "_d", "_line", "Diagnostic"}


def _emitted_codes() -> dict[str, str]:
    """Every diagnostic code written as a literal in the package: ``code=`` arguments, ``code``
    and ``default_code`` assignments, and the code argument of the emitting helpers."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            for value in _code_literals(node):
                if isinstance(value, str) and CODE.match(value):
                    found.setdefault(value, f"{where}:{node.lineno}")
    return found


def _code_literals(node):
    if isinstance(node, ast.Call):
        for kw in node.keywords:
            if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                yield kw.value.value
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name in EMITTERS:
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant):
                    yield arg.value
    elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
        if any(isinstance(t, ast.Name) and t.id in ("code", "default_code") for t in node.targets):
            yield node.value.value


def _catalogue():
    from argmap import checks  # noqa: F401  (the rules add their codes)
    from argmap.codes import CODES

    return CODES


def test_every_emitted_code_is_catalogued():
    codes = _catalogue()
    missing = {c: where for c, where in _emitted_codes().items() if c not in codes}
    assert missing == {}


def test_every_catalogued_code_is_emitted():
    """No stale entries: each code is emitted somewhere (a literal, or a check rule)."""
    from argmap.checks import RULES

    emitted = set(_emitted_codes()) | set(RULES)
    assert sorted(set(_catalogue()) - emitted) == []


def test_rules_are_in_the_catalogue_with_their_severity():
    from argmap.checks import RULES

    codes = _catalogue()
    for rule in RULES.values():
        assert codes[rule.code].severity == rule.severity
        assert codes[rule.code].family == "check"


def test_diagnostics_page_is_generated_from_the_catalogue(golden):
    from argmap.codes import markdown

    _catalogue()
    golden(ROOT / "docs" / "diagnostics.md", markdown())


def test_api_examples_run():
    """docs/api.md: every example runs and prints what the page says (from the checkout)."""
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                                  optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    finally:
        os.chdir(cwd)
    assert result.attempted >= 10
    assert result.failed == 0


def test_architecture_page_names_every_module():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"
                     or p.parent != PACKAGE)
    named = [m for m in modules if f"`{m}`" in text or f"`{m[:-3].replace('/', '.')}`" in text
             or f"`{m.rsplit('/', 1)[0]}/`" in text]
    assert sorted(set(modules) - set(named)) == []


@pytest.mark.parametrize("doc", ["format.md", "architecture.md", "api.md", "diagnostics.md"])
def test_docs_exist(doc):
    assert (ROOT / "docs" / doc).is_file()
