"""The rules' documentation is generated from their registration: docs/rules.md is up to date,
`argmap check --explain RULE` prints it, and each rule's examples do what they say."""
from __future__ import annotations

import pytest

from argmap.checks import RULES
from argmap.rule_docs import example_findings, example_map, explain, markdown

from conftest import ROOT


@pytest.mark.parametrize("code", list(RULES))
def test_the_example_that_fires_fires(code):
    rule = RULES[code]
    assert rule.fires and rule.passes, f"rule {code} has no examples"
    found = example_findings(rule, True)
    assert found and {d.code for d in found} == {code}


@pytest.mark.parametrize("code", list(RULES))
def test_the_example_that_does_not_fire_does_not(code):
    assert example_findings(RULES[code], False) == []


def test_the_examples_can_fail():
    """The examples' test would notice an example that stopped firing: the fires-example of one
    rule does not make another rule fire."""
    assert example_findings(RULES["disconnected"], True)
    swapped = RULES["disconnected"].__class__(**{**RULES["disconnected"].__dict__,
                                                "fires": RULES["disconnected"].passes})
    assert example_findings(swapped, True) == []


def test_rules_page_is_generated_from_the_registry(golden):
    golden(ROOT / "docs" / "rules.md", markdown())


def test_every_rule_and_option_is_on_the_page():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"## `{rule.code}`" in text
        for option in rule.options:
            assert f"| `{option}` |" in text


def test_cli_explain(cli):
    r = cli("check", "--explain", "single-source")
    assert r.exit_code == 0
    assert r.stdout == explain("single-source") + "\n"
    assert "min-sources = 2" in r.stdout and "Does not fire on:" in r.stdout
    assert "example.yaml:5:5: warning[single-source]: all support for 'C' rests on one reference" in r.stdout
    assert example_map(RULES["single-source"], True).splitlines()[0] == "argmap: 1"


def test_cli_explain_unknown_rule_suggests(cli):
    r = cli("check", "--explain", "single-sorce")
    assert r.exit_code == 2
    assert "unknown rule 'single-sorce' (did you mean 'single-source'?)" in r.stderr
