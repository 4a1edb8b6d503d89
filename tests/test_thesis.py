"""The flagship map against its manuscript: every locator exists, every citation is attached
where its marker stands, and every citation number of the text is carried by a statement; its
top-level chain of support; and its written audit (docs/thesis-audit.md), which must stay what
the map regenerates."""
from __future__ import annotations

import re

from conftest import GRAPHS, ROOT, shared_or_skip

import argmap
from argmap.audit import read_judgements, read_sample_table, relation_sample, table_rows
from argmap.checks import run_checks
from argmap.evaluation import evaluate
from argmap.manuscript import Manuscript, coverage
from argmap.vocab import Label

AUDIT = ROOT / "docs" / "thesis-audit.md"
#: the chain the thesis argues, as statements of the map: the dilemmas (RQ2, its theoretical
#: answer) point to the root cause, which leaves international criminal rule of law without
#: universal consent; the remedy is to establish that idea, built through a value system (RQ4)
CHAIN = ["RQ2", "ch2a.root-cause", "ch3a.root-cause-no-consent", "ch3a.establish-concept",
         "ch3a.value-system-task", "RQ4", "T"]

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


def _supported_by(amap) -> dict[str, set[str]]:
    """statement -> the conclusions it supports directly: by a plain support, or as a premise of an
    inference (linked premises)."""
    out: dict[str, set[str]] = {}
    for r in amap.relations:
        if r.kind == "supports":
            out.setdefault(r.source, set()).add(r.target)
    for inf in amap.inferences:
        for p in inf.premises:
            out.setdefault(p, set()).add(inf.conclusion)
    return out


def test_flagship_top_level_chain():
    """thesis <- remedy <- root cause <- dilemmas, as paths of support through named statements."""
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    supports = _supported_by(amap)
    for premise, conclusion in zip(CHAIN, CHAIN[1:]):
        assert conclusion in supports.get(premise, set()), f"{premise} does not support {conclusion}"
    # both kinds of dilemma point to the root cause, together (the linked inference of 96/370)
    inference = amap.inference_by_id["ch2a.inf-root-cause"]
    assert set(inference.premises) == {"RQ2", "RQ3"} and inference.conclusion == "ch2a.root-cause"
    # the diagnosis, the root cause and the remedy are also direct reasons for T
    assert {"ch2a.jurisdiction-hard-to-realize", "ch2a.root-cause", "ch3a.establish-concept",
            "RQ1", "RQ2", "RQ3", "RQ4"} <= {s for s, cs in supports.items() if "T" in cs}
    labels = evaluate(amap).labels
    assert {s: labels[s] for s in CHAIN + ["RQ1", "RQ3"]} == dict.fromkeys(CHAIN + ["RQ1", "RQ3"], Label.IN)
    assert all(amap.statement_by_id[s].holder == "author" for s in CHAIN)


def _section(text: str, marker: str) -> tuple[re.Match, str]:
    found = re.search(marker, text)
    assert found, f"docs/thesis-audit.md has no marker {marker!r}"
    return found, text[found.end():]


def test_audit_sample_is_what_the_map_regenerates():
    """The audit's table of sampled relations is relation_sample's for the documented seed, and every
    row is judged: the audit cannot go stale."""
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    text = AUDIT.read_text(encoding="utf-8")
    found, rest = _section(text, r"<!-- relation-sample seed=(\d+) n=(\d+) -->")
    seed, n = int(found[1]), int(found[2])
    assert n >= 60
    assert read_sample_table(rest) == table_rows(relation_sample(amap, n=n, seed=seed))
    judged = read_judgements(rest)
    assert len(judged) == n
    assert {verdict for verdict, _ in judged.values()} <= {"right", "loose", "wrong"}
    assert all(reason for _, reason in judged.values())


def test_audit_lists_every_author_position_that_does_not_stand():
    """The audit's list of the author's statements that are OUT or UNDEC under the grounded
    evaluation is the evaluation's."""
    amap = argmap.load(str(GRAPHS / "icc-thesis.yaml"))
    labels = evaluate(amap).labels
    expected = {s.id: str(labels[s.id]) for s in amap.statements
                if s.holder == "author" and labels[s.id] != Label.IN}
    _, rest = _section(AUDIT.read_text(encoding="utf-8"), r"<!-- author-positions-not-in -->")
    listed = {}
    for line in rest.split("\n\n", 2)[1].splitlines():
        row = re.match(r"\| `([^`]+)` \| (IN|OUT|UNDEC) \|", line)
        if row:
            listed[row[1]] = row[2]
    assert listed == expected
