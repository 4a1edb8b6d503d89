"""YAML that explains itself (argmap/yaml_hints.py): each common mistake of an author gets a
message in the author's words, a hint and the place where the mistake is, from PyYAML's own
error (libyaml's, as the reader uses it)."""
from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from argmap.yaml_hints import explain

MAP = "argmap: 1\ntitle: T\nstatements:\n"


def explained(text: str):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.load(text, Loader=loader)
    e = info.value
    problem = f"{e.problem} ({e.context})" if e.context and e.problem else (e.problem or e.context)
    return explain(text, e.problem_mark or e.context_mark, problem, e.context_mark)


def test_plain_text_with_colon_space():
    got = explained(MAP + "  - id: A\n    kind: thesis\n    text: Article 12: the court decides.\n")
    assert got.message == ("YAML syntax error: the text of 'text' contains ': ', which YAML reads as the start "
                           "of a mapping: quote the text")
    assert got.hint == 'write it in quotes: text: "Article 12: the court decides."'
    assert (got.line, got.col) == (6, 11)      # the start of the text, not the second colon


def test_plain_text_with_colon_space_in_a_flow_mapping():
    got = explained(MAP + "  - {id: A, kind: thesis, text: Article 12: the court decides.}\n")
    assert "contains ': '" in got.message
    assert got.hint == 'write it in quotes: text: "Article 12: the court decides."'
    assert (got.line, got.col) == (4, 33)


def test_plain_text_with_space_hash_in_a_flow_mapping():
    got = explained(MAP + "  - {id: A, kind: thesis, text: See note #3 of the report}\n  - {id: B}\n")
    assert "contains ' #', which YAML reads as the start of a comment" in got.message
    assert got.hint == 'write it in quotes: text: "See note #3 of the report"'
    assert (got.line, got.col) == (4, 42)      # at the " #"


def test_tab_in_indentation():
    got = explained(MAP + "  - id: A\n\tkind: thesis\n")
    assert got.message == "YAML syntax error: a tab in the indentation: YAML indents with spaces only"
    assert "spaces" in got.hint and (got.line, got.col) == (5, 1)
    got = explained(MAP + "  - id: A\n    kind: thesis\n  \ttext: x\n")
    assert (got.line, got.col) == (6, 3)


def test_unclosed_quote_at_the_end_of_the_file():
    got = explained(MAP + '  - id: A\n    kind: thesis\n    text: "The court decides.\n')
    assert got.message == 'YAML syntax error: this quoted text has no closing ": it runs on to the end of the file'
    assert (got.line, got.col) == (6, 11)      # the opening quote, not the end of the file
    got = explained(MAP + "  - id: A\n    text: 'The court decides\n")
    assert got is not None and (got.line, got.col) == (5, 11)


def test_unclosed_quote_that_swallows_the_next_lines():
    text = MAP + '  - id: A\n    text: "The court decides.\n    kind: thesis\n  - id: B\n    text: "Other"\n'
    got = explained(text)
    assert "not closed on its line: it runs on to line 8" in got.message
    assert (got.line, got.col) == (5, 11)
    assert 'add the closing " at the end of line 5' in got.hint


@pytest.mark.parametrize("body, at, other", [
    ("  - id: A\n    kind: thesis\n   - id: B\n", (6, 4), 3),
    ("  - id: A\n    supports:\n      - B\n     - C\n", (7, 6), 7),
    ("  - id: A\n    kind: thesis\n - id: B\n", (6, 2), 3),
])
def test_list_item_at_the_wrong_depth(body, at, other):
    got = explained(MAP + body)
    assert got.message.startswith("YAML syntax error: list item at the wrong depth: ")
    assert f"has its '-' at column {other}" in got.message
    assert (got.line, got.col) == at


def test_other_errors_keep_pyyamls_words():
    assert explained(MAP + "  - [1, 2\n") is None
    assert explained("a: b\n  c: d\n") is None
    # a quote inside a plain text is not an opening quote
    assert explained(MAP + "  - id: A\n    text: It's the court's view\n   - id: B\n").message.startswith(
        "YAML syntax error: list item")


READER = [ROOT / "argmap" / name for name in ("source.py", "document.py")]
hooked = any(p.exists() and "yaml_hints" in p.read_text(encoding="utf-8") for p in READER)


@pytest.mark.skipif(not hooked, reason="the YAML reader does not call yaml_hints.explain yet")
def test_validate_prints_the_explanation(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MAP + "  - id: A\n    kind: thesis\n    text: Article 12: the court decides.\n", encoding="utf-8")
    line = (f"{path}:6:11: error[yaml-syntax]: YAML syntax error: the text of 'text' contains ': ', which YAML "
            "reads as the start of a mapping: quote the text")
    result = cli("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [line]                      # one line per problem
    result = cli("validate", "--hints", path)
    assert result.stderr.splitlines() == [line, '    hint: write it in quotes: text: "Article 12: the court decides."']
