"""argmap diff: a semantic diff of two versions of a map (text, JSON, HTML; exit codes)."""
from __future__ import annotations

import html
import json
import re
import shutil

import pytest
from conftest import DATA, GRAPHS, shared_or_skip

EXAMPLE = GRAPHS / "drowning-child.yaml"


def edited(tmp_path, replacements, name="new.yaml", source=EXAMPLE):
    """A copy of *source* with each (old, new) text replaced (each must occur)."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    if source == EXAMPLE:
        shutil.copy(GRAPHS / "drowning-child.bib", tmp_path / "drowning-child.bib")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


R1_BLOCK = """  - id: R1
    kind: rebuttal
    text: Modern communication and aid agencies make distant help as effective as help nearby.
    section: "3"
    cites: [{ref: singer1972, pages: "232"}]
    attacks: [O1]
"""
EDITS = [
    ("Distance does not change what we owe to someone in need.",
     "Distance makes no difference to what we owe someone in need."),            # reworded
    ("    attacks: [C1]\n", "    attacks: [P3]\n"),                                # O1 retargeted
    ('cites: [{ref: singer1972, pages: "235"}]', 'cites: [{ref: singer1972, pages: "236"}]'),
    ("  - {from: welfare, kind: ranks-above, to: partiality, context: Singer}\n", ""),
    (R1_BLOCK, ""),                                                                # R1 removed
    ("    premises: [P1, P2, P3]", "    premises: [P1, P2, P3, D1]"),
    ("  - id: O2\n    kind: objection", "  - id: O2\n    kind: claim"),
    ("statements:\n", "statements:\n  - {id: N1, kind: evidence, text: Aid agencies report that a few dollars "
                      "buy a bed net., supports: [C1]}\n"),
]


def changes(record):
    return sorted((section, c["what"], c["line"]) for section, cs in record["sections"].items() for c in cs)


def test_identical_maps_exit_0(cli):
    result = cli("diff", EXAMPLE, EXAMPLE)
    assert result.exit_code == 0
    assert result.output.endswith("no differences\n")


def test_every_kind_of_change_is_found_and_nothing_else(cli, tmp_path):
    new = edited(tmp_path, EDITS)
    result = cli("diff", EXAMPLE, new, "--format", "json")
    assert result.exit_code == 1
    record = json.loads(result.output)
    assert record["changed"] is True
    assert changes(record) == sorted([
        ("statements", "added", "N1 (evidence): \u201cAid agencies report that a few dollars buy a bed net.\u201d"),
        ("statements", "removed", "R1 (rebuttal): \u201cModern communication and aid agencies make distant help "
                                  "as effective\u2026\u201d"),
        ("statements", "reworded", "C1 reworded (79% similar)"),
        ("kinds", "kind", "O2: objection -> claim"),
        ("relations", "retargeted", "O1 attacks: C1 -> P3 (retargeted)"),
        ("relations", "added", "N1 supports C1"),
        ("relations", "removed", "R1 attacks O1"),
        ("inferences", "premises", "I1: premises +D1"),
        ("citations", "citations", "P3: singer1972 pages 235 -> 236"),
        ("values", "ranking", "welfare ranks-above partiality (in Singer)"),
        ("evaluation", "label", "P3: IN -> OUT (now defeated)"),
        ("evaluation", "label", "O1: OUT -> IN (now accepted)"),
    ])
    label = next(c for c in record["sections"]["evaluation"] if c["new"] == "P3")
    assert label["detail"][0] == "P3 is OUT: attacked by O1, which is IN"


def test_text_is_grouped_like_a_unified_diff(cli, tmp_path):
    new = edited(tmp_path, EDITS[:2])
    out = cli("diff", EXAMPLE, new).output.splitlines()
    assert out[0] == f"--- {EXAMPLE}" and out[1] == f"+++ {new}"
    assert out[2] == "@@ statements: 1 reworded @@"
    assert out[3] == "~ C1 reworded (79% similar)"
    assert out[4].strip() == "- Distance does not change what we owe to someone in need."
    assert out[5].strip() == "+ Distance makes no difference to what we owe someone in need."
    assert out[6:] == ["@@ relations: 1 retargeted @@", "~ O1 attacks: C1 -> P3 (retargeted)"]


def test_renamed_statement_is_matched_by_text(tmp_path):
    from argmap.diff import diff_maps
    from argmap.loader import load

    new = edited(tmp_path, [("id: D1\n", "id: Def\n")])
    d = diff_maps(load(EXAMPLE), load(new))
    assert [(c.section, c.what, c.line) for c in d.changes] == [("statements", "renamed", "D1 renamed to Def")]


def test_support_turned_attack_is_a_kind_change(tmp_path):
    from argmap.diff import diff_maps
    from argmap.loader import load

    new = edited(tmp_path, [("    cites: [{ref: singer1972, pages: \"231\"}]\n    supports: [P2]",
                             "    cites: [{ref: singer1972, pages: \"231\"}]\n    attacks: [P2]")])
    d = diff_maps(load(EXAMPLE), load(new))
    lines = [c.line for c in d.changes if c.section == "relations"]
    assert lines == ["E1 -> P2: supports -> attacks (kind changed)"]


def test_html_marks_and_escapes(cli, tmp_path):
    hostile = DATA / "maps" / "hostile.yaml"
    new = edited(tmp_path, [("    supports: [T]\n  - id: O1", "    attacks: [T]\n  - id: O1"),
                            ("Line one", "<script>alert(2)</script> one")], source=hostile)
    out = tmp_path / "d.html"
    result = cli("diff", hostile, new, "--format", "html", "-o", out)
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page                      # escaped text only, and the page has no script
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "default-src 'none'; script-src 'none'" in html.unescape(page)
    assert re.search(r'class="node st [^"]*mark-changed"', page)       # O1 reworded, P2 relation kind
    assert re.search(r'class="edge rel rel&#45;attacks mark-changed"', page)


def test_expert_annotations_differ_in_one_spelling(cli):
    a = shared_or_skip("corpora", "aif", "arguegen__expert1_nodeset6364.json")
    b = shared_or_skip("corpora", "aif", "arguegen__expert2_nodeset6364.json")
    record = json.loads(cli("diff", a, b, "--format", "json").output)
    # the title is the file's name; of the argument, one spelling ("licencing", "licensing")
    assert [(s, c["what"], c.get("new")) for s, cs in record["sections"].items() for c in cs] == [
        ("map", "title", None), ("statements", "reworded", "119953")]


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_bad_input_is_one_located_line(cli, tmp_path, fmt):
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\ntitle: t\nstatements:\n  - {id: A, kind: nonsense, text: a}\n", encoding="utf-8")
    result = cli("diff", EXAMPLE, bad, "--format", fmt)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{bad}:4:")
    assert "Traceback" not in result.stderr
