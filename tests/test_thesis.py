"""The flagship map against its manuscript: every locator exists, every citation is attached
where its marker stands, and every citation number of the text is carried by a statement."""
from __future__ import annotations

import argmap
from argmap.checks import run_checks
from argmap.manuscript import Manuscript, coverage

from conftest import GRAPHS, shared_or_skip

MANUSCRIPT_RULES = ["source-line", "citation-not-in-lines", "citation-unattached", "section-uncovered"]


def test_flagship_matches_the_thesis():
    thesis = shared_or_skip("thesis", "000_cd31be52584ac2f6.txt")
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    ms = Manuscript.read(str(thesis))
    findings = run_checks(amap, select=MANUSCRIPT_RULES, source=ms)
    assert [d.format() for d in findings] == []
    cov = coverage(amap, ms)
    assert cov["markers"] >= 290 and cov["markers_attached"] == cov["markers"]
    assert cov["citation_numbers_present"] >= 150
    assert cov["citation_numbers_attached"] == cov["citation_numbers_present"]


def test_flagship_shape():
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    kinds = {s.kind for s in amap.statements}
    assert kinds >= {"thesis", "claim", "premise", "evidence", "objection", "rebuttal", "definition"}
    assert 250 <= len(amap.statements) <= 500
    assert amap.thesis == "T" and {"RQ1", "RQ2", "RQ3", "RQ4"} <= set(amap.statement_by_id)
    chapters = {s.id for s in amap.sections if "." not in s.id}
    assert {"1", "2", "3"} <= chapters
    assert any(s.inferred for s in amap.sections)
    assert {s.klass for s in amap.values} >= {"purpose", "instrumental"}
    contexts = {r.context for r in amap.value_relations if r.kind == "ranks-above"}
    assert {"international community", "Rome Statute framework"} <= contexts
    assert all(r.lines for r in amap.value_relations)
    # paraphrases, not copies: no statement text is long
    assert max(len(s.text.split()) for s in amap.statements) <= 45


def test_flagship_paraphrases_are_not_copies():
    thesis = shared_or_skip("thesis", "000_cd31be52584ac2f6.txt")
    text = " ".join(thesis.read_text(encoding="utf-8").split()).casefold()
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    copied = []
    for s in amap.statements:
        words = s.text.casefold().split()
        for i in range(len(words) - 7):
            if " ".join(words[i:i + 8]) in text:
                copied.append(s.id)
                break
    assert copied == []
