"""Benchmark: grading a class, ``argmap grade FOLDER --model MODEL -o gradebook.csv``.

Run from the repository root::

    python bench/bench_grade.py                          # 100 students, 40 statements each
    python bench/bench_grade.py --students 300 --statements 60

A model map of N statements is generated (a thesis, a tree of claims and premises under it,
some linked premises, objections and answers), then one submission per student: the model with
other ids, some texts reworded, and a few random mistakes (a retargeted attack, a dropped
co-premise, a swapped support and attack, an extra statement).  The figure printed is the wall
time of the whole command in this process (loading every submission, aligning, scoring, naming
the mistakes and writing the gradebook), and per submission.  The goal is at most 10 s for 100
submissions of 40 statements; nothing is asserted.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("duty distance famine child pond relief cost harm moral principle aid agency income money life "
         "death suffering shelter food medicine obligation share fair others neighbour stranger state "
         "charity giving sacrifice comfort luxury wealth poverty village city nation future present").split()


def model_yaml(n: int, rng: random.Random) -> str:
    """A map of *n* statements: 5-word texts, a support tree under the thesis, linked premises,
    objections and answers."""
    texts = set()
    while len(texts) < n:
        texts.add(" ".join(rng.sample(WORDS, 6)))
    texts_l = sorted(texts)
    rng.shuffle(texts_l)
    lines = ["argmap: 1", "title: generated model", "thesis: s0", "statements:",
             f"  - {{id: s0, kind: thesis, text: {texts_l[0]}}}"]
    inferences = []
    for i in range(1, n):
        parent = rng.randrange(0, i)
        if i % 7 == 0:
            lines.append(f"  - {{id: s{i}, kind: objection, text: {texts_l[i]}, attacks: [s{parent}]}}")
        elif i % 7 == 3 and i > 3:
            lines.append(f"  - {{id: s{i}, kind: rebuttal, text: {texts_l[i]}, attacks: [s{i - 3}]}}")
        elif i % 9 == 1 and i + 1 < n:
            inferences.append(f"  - {{id: i{i}, premises: [s{i}, s{i + 1}], conclusion: s{parent}}}")
            lines.append(f"  - {{id: s{i}, kind: premise, text: {texts_l[i]}}}")
        elif i % 9 == 2 and inferences and inferences[-1].startswith(f"  - {{id: i{i - 1},"):
            lines.append(f"  - {{id: s{i}, kind: premise, text: {texts_l[i]}}}")
        else:
            kind = "claim" if i < n // 2 else "premise"
            lines.append(f"  - {{id: s{i}, kind: {kind}, text: {texts_l[i]}, supports: [s{parent}]}}")
    return "\n".join(lines + ["inferences:"] + inferences) + "\n" if inferences else "\n".join(lines) + "\n"


def student_yaml(model: str, rng: random.Random) -> str:
    """The model with other ids, reworded texts (words reordered) and up to three mistakes."""
    import re

    text = re.sub(r"\b([si])(\d+)\b", lambda m: ("st" if m.group(1) == "s" else "step") + m.group(2), model)

    def reword(m):
        words = m.group(1).split()
        rng.shuffle(words)
        return "text: " + " ".join(words).capitalize()
    text = re.sub(r"text: ([a-z ]+)", reword, text)
    lines = text.splitlines()
    for _ in range(rng.randrange(0, 4)):
        k = rng.randrange(5, len(lines) - 1)
        if "attacks: [" in lines[k]:
            lines[k] = re.sub(r"attacks: \[st\d+\]", "attacks: [st0]", lines[k])
        elif "supports: [" in lines[k]:
            lines[k] = lines[k].replace("supports: [", "attacks: [")
    lines.insert(5, "  - {id: extra, kind: claim, text: Something the text never says at all}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=100)
    ap.add_argument("--statements", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    from click.testing import CliRunner

    from argmap.cli import main as cli

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        model = model_yaml(args.statements, rng)
        (Path(tmp) / "model.yaml").write_text(model, encoding="utf-8")
        for k in range(args.students):
            (folder / f"student{k:03}.yaml").write_text(student_yaml(model, rng), encoding="utf-8")
        book = Path(tmp) / "gradebook.csv"
        t0 = time.perf_counter()
        res = CliRunner().invoke(cli, ["grade", str(folder), "--model", str(Path(tmp) / "model.yaml"),
                                       "-o", str(book)], catch_exceptions=False)
        dt = time.perf_counter() - t0
        rows = book.read_text(encoding="utf-8").splitlines()[1:]
        scores = sorted(float(r.split(",")[1]) for r in rows if r.split(",")[1])
    print(f"graded {len(rows)} submissions of {args.statements} statements in {dt:.2f} s "
          f"({1000 * dt / max(1, len(rows)):.1f} ms each; goal: 100 in at most 10 s); exit {res.exit_code}; "
          f"scores {scores[0]:.2f}..{scores[-1]:.2f}, median {scores[len(scores) // 2]:.2f}")


if __name__ == "__main__":
    main()
