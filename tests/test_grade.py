"""argmap grade: alignment, scores and named mistakes of a student's map against a model map.

Student maps are generated from the example maps with known mistakes (and with other ids and
reworded texts): each mistake must be found, located on the mutated line, and nothing else
reported.  A property test: a map graded against itself, or against a renamed and reworded copy
of itself, scores 1."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, GRAPHS, shared_or_skip
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLE = GRAPHS / "drowning-child.yaml"
SMALL = DATA / "maps" / "small.yaml"
HOSTILE = DATA / "maps" / "hostile.yaml"


def load(path):
    from argmap.loader import load as _load

    return _load(str(path))


# -- generated students --------------------------------------------------------------------------
REWORDINGS = {
    "Distance does not change what we owe to someone in need.":
        "Distance makes no difference to what we owe someone in need.",
    "We are more obliged to help those near us than those far away.":
        "We owe more help to those near us than to those far away.",
    "The thesis.": "This is the thesis.",
    "An objection to the thesis.": "An objection against the thesis.",
}


def reworded(text: str) -> str:
    """The text in other words: a rewording where we have one, else the words in reverse order
    and in capitals (similarity ignores order and case)."""
    if text in REWORDINGS:
        return REWORDINGS[text]
    return " ".join(reversed(text.split())).upper()


def renamed(amap, prefix="s_"):
    """*amap* with every statement and inference id prefixed and every text reworded."""
    def n(x):
        return prefix + x
    statements = tuple(dataclasses.replace(s, id=n(s.id), text=reworded(s.text)) for s in amap.statements)
    inferences = tuple(dataclasses.replace(i, id=n(i.id), premises=tuple(map(n, i.premises)),
                                           conclusion=n(i.conclusion)) for i in amap.inferences)
    relations = tuple(dataclasses.replace(r, source=n(r.source),
                                          target=r.target if r.kind == "promotes" else n(r.target))
                      for r in amap.relations)
    return dataclasses.replace(amap, statements=statements, inferences=inferences, relations=relations,
                               thesis=n(amap.thesis) if amap.thesis else None)


def retarget(amap, source, old, new):
    rels = tuple(dataclasses.replace(r, target=new) if (r.source, r.kind, r.target) == (source, "attacks", old)
                 else r for r in amap.relations)
    assert rels != amap.relations
    return dataclasses.replace(amap, relations=rels)


def swap(amap, source, target):
    """The relation from *source* to *target*: a support becomes an attack, an attack a support."""
    from argmap.vocab import RelationKind as K

    other = {K.SUPPORTS: K.ATTACKS, K.ATTACKS: K.SUPPORTS}
    rels = tuple(dataclasses.replace(r, kind=other[r.kind]) if (r.source, r.target) == (source, target)
                 and r.kind in other else r for r in amap.relations)
    assert rels != amap.relations
    return dataclasses.replace(amap, relations=rels)


def drop_co_premise(amap, inference, premise):
    """The premise left out of the linked argument, and out of the map."""
    infs = tuple(dataclasses.replace(i, premises=tuple(p for p in i.premises if p != premise))
                 if i.id == inference else i for i in amap.inferences)
    return dataclasses.replace(amap, inferences=infs,
                               statements=tuple(s for s in amap.statements if s.id != premise),
                               relations=tuple(r for r in amap.relations if premise not in (r.source, r.target)))


def write_student(tmp_path, amap, name):
    from argmap.formats.yaml_map import write_yaml

    if amap.bibtex:
        shutil.copy(Path(amap.path).parent / amap.bibtex, tmp_path / amap.bibtex)
    path = tmp_path / f"{name}.yaml"
    path.write_text(write_yaml(amap), encoding="utf-8")
    return path


# (model, mutation name, mutation, expected mistake codes, the id the mistake's line must name)
CASES = [
    (EXAMPLE, "reworded", lambda m: m, [], None),
    (EXAMPLE, "retargeted", lambda m: retarget(m, "O1", "C1", "P3"), ["wrong-target"], "s_P3"),
    (EXAMPLE, "dropped-co-premise", lambda m: drop_co_premise(m, "I1", "P1"), ["missing-co-premise"], "s_I1"),
    (EXAMPLE, "swapped", lambda m: swap(m, "R2", "O2"), ["support-attack-confused"], "s_O2"),
    (SMALL, "reworded", lambda m: m, [], None),
    (SMALL, "retargeted", lambda m: retarget(m, "R1", "O1", "T"), ["wrong-target"], "s_T"),
    (SMALL, "dropped-co-premise", lambda m: drop_co_premise(m, "I1", "P1"), ["missing-co-premise"], "s_I1"),
    (SMALL, "swapped", lambda m: swap(m, "E1", "P2"), ["support-attack-confused"], "s_P2"),
    (HOSTILE, "reworded", lambda m: m, [], None),
    (HOSTILE, "retargeted", lambda m: retarget(m, "R1", "O1", "P1"), ["wrong-target"], "s_P1"),
    (HOSTILE, "swapped", lambda m: swap(m, "P2", "T"), ["support-attack-confused"], "s_T"),
]


@pytest.mark.parametrize("model_path,name,mutate,codes,names", CASES,
                         ids=[f"{c[0].stem}-{c[1]}" for c in CASES])
def test_generated_mistakes_are_found_and_nothing_else(tmp_path, model_path, name, mutate, codes, names):
    from argmap.grade import grade

    model = load(model_path)
    student_path = write_student(tmp_path, renamed(mutate(model)), name)
    g = grade(load(student_path), model)
    assert [m.code for m in g.mistakes] == codes, [m.format() for m in g.mistakes]
    assert len(g.alignment.pairs) == len(load(student_path).statements)      # every statement aligned
    assert all(p.right == p.left[2:] for p in g.alignment.pairs)              # to the right one
    for m in g.mistakes:
        assert m.location.path == str(student_path)
        line = student_path.read_text(encoding="utf-8").splitlines()[m.location.line - 1]
        assert names in line, (m.format(), line)
    if not codes:
        assert g.score == pytest.approx(1.0)


def test_more_named_mistakes(tmp_path):
    from argmap.grade import grade
    from argmap.vocab import RelationKind, StatementKind

    model = load(EXAMPLE)
    m = dataclasses.replace(model, relations=tuple(
        dataclasses.replace(r, kind=RelationKind.ATTACKS, target="T") if r.source == "O3" else r
        for r in model.relations if not (r.source == "E1" and r.target == "P2")) + (
        dataclasses.replace(model.relations[0], source="P2", kind=RelationKind.SUPPORTS, target="E1"),))
    m = dataclasses.replace(m, statements=tuple(
        dataclasses.replace(s, kind=StatementKind.PREMISE) if s.id == "C1" else s
        for s in m.statements if s.id != "O2") + (
        M_EXTRA := dataclasses.replace(model.statements[0], id="X", kind=StatementKind.CLAIM,
                                      text="Charity should begin at home, says my grandmother."),),
        relations=tuple(r for r in m.relations if "O2" not in (r.source, r.target)))
    assert M_EXTRA.id == "X"
    g = grade(load(write_student(tmp_path, m, "student")), model)
    got = sorted(x.code for x in g.mistakes)
    # C1 as a premise is not named: nothing in the model supports C1 (it rests on its citation)
    assert got == sorted(["undercut-as-rebuttal", "premise-should-be-conclusion", "missing-objection",
                          "missing-objection", "extra-claim"]), [x.format() for x in g.mistakes]
    missing = [x for x in g.mistakes if x.code == "missing-objection"]
    assert {x.model[0] for x in missing} == {"O2", "R2"}     # R2 answers O2, so it went with it
    assert "an answer to an objection" in next(x.message for x in missing if x.model[0] == "R2")


def test_premise_marked_as_given(tmp_path):
    from argmap.grade import grade
    from argmap.loader import loads

    model = loads("argmap: 1\ntitle: m\nthesis: T\nstatements:\n  - {id: T, kind: thesis, text: We should act now.}\n"
                  "  - {id: C, kind: claim, text: The harm is growing every year., supports: [T]}\n"
                  "  - {id: E, kind: evidence, text: The survey counts twice the cases of 2010., supports: [C]}\n",
                  "model.yaml")
    path = tmp_path / "s.yaml"
    path.write_text("argmap: 1\ntitle: s\nthesis: a\nstatements:\n  - {id: a, kind: thesis, text: We should act now.}\n"
                    "  - {id: b, kind: premise, text: The harm is growing every year., supports: [a]}\n"
                    "  - {id: c, kind: evidence, text: The survey counts twice the cases of 2010., supports: [b]}\n",
                    encoding="utf-8")
    g = grade(load(path), model)
    assert [(x.code, x.location.line) for x in g.mistakes] == [("premise-should-be-conclusion", 6)]
    assert "you marked \u201cThe harm is growing every year.\u201d as a premise" in g.mistakes[0].message


# -- scores --------------------------------------------------------------------------------------
def test_scores_of_a_dropped_co_premise(tmp_path):
    from argmap.grade import grade

    model = load(EXAMPLE)
    g = grade(load(write_student(tmp_path, renamed(drop_co_premise(model, "I1", "P1")), "s")), model)
    assert (g.statements.found, g.statements.student, g.statements.model) == (11, 11, 12)
    assert g.relations["support"].recall == pytest.approx(4 / 5) and g.relations["support"].precision == 1
    assert g.relations["linked"].recall == pytest.approx(1 / 3)
    assert g.relations["undercut"].f1 == 1 and g.relations["attack"].f1 == 1
    assert g.kappa == 1 and g.main_claim is True
    assert 0 < g.score < 1 and 0 < g.cass_kappa < 1


def test_kappa():
    from argmap.grade import kappa

    assert kappa([]) is None
    assert kappa([("a", "a")] * 3) == 1
    # the textbook case: 20 items, agreement .7, chance .5
    pairs = [("y", "y")] * 5 + [("y", "n")] * 2 + [("n", "y")] * 1 + [("n", "n")] * 2
    po, pe = 0.7, (7 * 6 + 3 * 4) / 100
    assert kappa(pairs * 2) == pytest.approx((po - pe) / (1 - pe))


def test_expert_against_expert(cli):
    """Two experts' AIF annotations of one microtext: the same structure, one spelling apart."""
    a = shared_or_skip("corpora", "aif", "arguegen__expert1_nodeset6364.json")
    b = shared_or_skip("corpora", "aif", "arguegen__expert2_nodeset6364.json")
    record = json.loads(cli("grade", a, "--model", b, "--format", "json").output)
    scores = record["scores"]
    assert [p["similarity"] for p in record["alignment"]["pairs"]] == [0.99, 1.0, 1.0, 1.0, 1.0]
    assert scores["support"]["f1"] == scores["attack"]["f1"] == 1.0
    assert scores["undercut"]["f1"] is None and scores["linked"]["f1"] is None
    assert scores["kinds_kappa"] == 1.0 and scores["main_claim"] is True
    assert scores["combined"] == scores["cass_kappa"] == scores["cass_f1"] == 1.0
    assert record["mistakes"] == []


# -- the command ---------------------------------------------------------------------------------------
def test_text_output_prints_the_alignment(cli, tmp_path):
    model = load(EXAMPLE)
    student = write_student(tmp_path, renamed(retarget(model, "O1", "C1", "P3")), "s")
    out = cli("grade", student, "--model", EXAMPLE).output
    assert "  s_C1 = C1  (79% text)" in out
    assert "  attack       3 of the model's 4 found, 4 drawn: precision 0.75, recall 0.75, F1 0.75" in out
    assert f"{student}:" in out and "mistake[wrong-target]: you drew" in out


def test_manual_alignment_and_rubric(cli, tmp_path):
    model = load(EXAMPLE)
    student = write_student(tmp_path, renamed(model), "s")
    fix = tmp_path / "align.csv"
    fix.write_text("student,model\ns_O1,-\n", encoding="utf-8")
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("weights: {statements: 0, attack: 2, kinds: 0, main-claim: 0, undercut: 0, "
                      "linked: 0, support: 0}\n", encoding="utf-8")
    record = json.loads(cli("grade", student, "--model", EXAMPLE, "--align", fix, "--rubric", rubric,
                            "--format", "json").output)
    assert "s_O1" in record["alignment"]["unmatched_student"]
    assert "O1" in record["alignment"]["unmatched_model"]
    assert record["scores"]["combined"] == record["scores"]["attack"]["f1"]
    assert {m["code"] for m in record["mistakes"]} == {"extra-claim", "missing-objection"}


def test_bad_alignment_and_rubric_are_located(cli, tmp_path):
    student = write_student(tmp_path, renamed(load(EXAMPLE)), "s")
    fix = tmp_path / "align.yaml"
    fix.write_text("s_T: T\nnope: P1\n", encoding="utf-8")
    result = cli("grade", student, "--model", EXAMPLE, "--align", fix)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{fix}:2:1: error[bad-alignment]: 'nope' is not a statement of the student's map"
    rubric = tmp_path / "r.yaml"
    rubric.write_text("weights:\n  suport: 1\n", encoding="utf-8")
    result = cli("grade", student, "--model", EXAMPLE, "--rubric", rubric)
    assert result.exit_code == 1 and result.stderr.startswith(f"{rubric}:2:3: error[bad-rubric]: unknown part 'suport'")


def test_html_feedback_page(cli, tmp_path):
    model = load(HOSTILE)
    student = write_student(tmp_path, renamed(swap(model, "P2", "T")), "s")
    out = tmp_path / "f.html"
    cli("grade", student, "--model", HOSTILE, "--format", "html", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert 'id="student-figure"' in page and 'id="model-figure"' in page
    assert "mark-mistake" in page and "support-attack-confused" in page


def test_argdown_submission(cli, tmp_path):
    from argmap.formats.argdown import write_argdown

    model = load(SMALL)
    student = tmp_path / "s.argdown"
    student.write_text(write_argdown(renamed(model)), encoding="utf-8")
    record = json.loads(cli("grade", student, "--model", SMALL, "--format", "json").output)
    assert record["scores"]["statements"]["f1"] == 1.0
    assert record["scores"]["support"]["f1"] == 1.0 and record["scores"]["attack"]["f1"] == 1.0


def test_batch_gradebook(cli, tmp_path):
    model = load(EXAMPLE)
    folder = tmp_path / "class"
    folder.mkdir()
    write_student(folder, renamed(model), "alice")
    write_student(folder, renamed(retarget(model, "O1", "C1", "P3")), "bob")
    (folder / "carol.yaml").write_text("argmap: 1\ntitle: x\nstatements:\n  - {id: A, kind: nope, text: a}\n",
                                       encoding="utf-8")
    (folder / "notes.txt").write_text("not a submission", encoding="utf-8")
    book = tmp_path / "gradebook.csv"
    result = cli("grade", folder, "--model", EXAMPLE, "-o", book, "--feedback", tmp_path / "fb")
    assert result.exit_code == 1                          # carol's file does not load
    assert result.stderr.startswith(f"{folder / 'carol.yaml'}:4:")
    rows = list(csv.DictReader(io.StringIO(book.read_text(encoding="utf-8"))))
    assert [r["file"] for r in rows] == ["alice.yaml", "bob.yaml", "carol.yaml"]
    assert rows[0]["score"] == "1.0000" and rows[0]["mistakes"] == "0"
    assert rows[1]["mistake_codes"] == "wrong-target: 1"
    assert rows[2]["error"].startswith(str(folder / "carol.yaml"))
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == ["alice.html", "bob.html"]


# -- the property: a map against itself, or a renamed and reworded copy, scores 1 -------------------
WORDS = ("duty distance famine child pond relief cost harm moral principle aid agency income money "
         "life death bad good ought give save help near far need share fair others").split()
KINDS = ("claim", "premise", "evidence", "objection", "rebuttal", "assumption")


@st.composite
def maps(draw):
    n = draw(st.integers(2, 9))
    texts = draw(st.lists(st.frozensets(st.sampled_from(WORDS), min_size=3, max_size=6),
                          min_size=n, max_size=n, unique=True))
    kinds = ["thesis"] + [draw(st.sampled_from(KINDS)) for _ in range(n - 1)]
    rels = draw(st.lists(st.tuples(st.integers(1, n - 1), st.sampled_from(["supports", "attacks"]),
                                   st.integers(0, n - 1)), max_size=2 * n, unique_by=lambda r: (r[0], r[2])))
    linked = draw(st.booleans()) and n >= 4
    lines = ["argmap: 1", "title: generated", "thesis: t0", "statements:"]
    for i in range(n):
        out = [f"{k}: [" + ", ".join(f"t{b}" for a, kk, b in rels if a == i and kk == k and b != i) + "]"
               for k in ("supports", "attacks") if any(a == i and kk == k and b != i for a, kk, b in rels)]
        if linked and i == 3:
            out.append("undercuts: [inf]")
        lines.append(f"  - {{id: t{i}, kind: {kinds[i]}, text: '{' '.join(sorted(texts[i]))}'"
                     + "".join(", " + o for o in out) + "}")
    if linked:
        lines += ["inferences:", "  - {id: inf, premises: [t1, t2], conclusion: t0}"]
    return "\n".join(lines) + "\n"


def copy_of(text: str) -> str:
    """The same map with other ids and each text's words reversed and capitalised."""
    import re

    text = re.sub(r"\bt(\d+)\b", r"stmt-\1", text).replace("inf]", "step]").replace("id: inf,", "id: step,")
    return re.sub(r"text: '([^']*)'", lambda m: "text: '" + " ".join(reversed(m.group(1).split())).title() + ".'",
                  text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_a_map_against_itself_or_a_renamed_reworded_copy_scores_1(text):
    from argmap.grade import grade
    from argmap.loader import loads

    model = loads(text, "model.yaml")
    for student in (model, loads(copy_of(text), "copy.yaml")):
        g = grade(student, model)
        assert g.mistakes == []
        assert g.score == pytest.approx(1.0)
        assert g.cass_kappa == pytest.approx(1.0) and g.cass_f1 == pytest.approx(1.0)
        assert all(s.f1 in (None, 1.0) for s in g.relations.values())


def test_accept_alternatives_align_a_paraphrase(tmp_path):
    from argmap.grade import grade
    from argmap.loader import loads

    text = ("argmap: 1\ntitle: m\nthesis: T\nstatements:\n  - {id: T, kind: thesis, text: We ought to give to famine relief.}\n"
            "  - {id: P, kind: premise, text: Suffering from lack of food is bad.%s, supports: [T]}\n")
    plain = loads(text % "", "m.yaml")
    with_accept = loads(text % ", accept: [Starving is terrible]", "m.yaml")
    student = loads("argmap: 1\ntitle: s\nthesis: a\nstatements:\n  - {id: a, kind: thesis, text: We ought to give "
                    "to famine relief.}\n  - {id: b, kind: premise, text: Starving is terrible., supports: [a]}\n", "s.yaml")
    assert grade(student, plain).alignment.unmatched_left == ("b",)
    pairs = grade(student, with_accept).alignment.pairs
    assert [(p.left, p.right, p.how) for p in pairs] == [("a", "T", "text"), ("b", "P", "accept")]


def test_the_worked_example_of_the_docs():
    """docs/teaching.md: student A has one mistake, student B four (the docs show these)."""
    from argmap.formats.registry import load_any
    from argmap.grade import grade

    model = load(EXAMPLE)
    folder = Path(__file__).resolve().parents[1] / "docs" / "examples" / "teaching"
    codes = {}
    for name in ("student-a.yaml", "student-b.argdown", "student-a-revised.yaml"):
        student, diags = load_any(str(folder / name))
        assert student is not None, diags
        g = grade(student, model)
        codes[name] = ([m.code for m in g.mistakes], round(g.score, 2))
    assert codes == {"student-a.yaml": (["wrong-target"], 0.96),
                     "student-b.argdown": (["missing-co-premise", "support-attack-confused",
                                            "missing-objection", "extra-claim"], 0.70),
                     "student-a-revised.yaml": ([], 1.0)}
