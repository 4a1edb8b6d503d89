"""Synthetic maps of realistic shape, for benchmarks and stress tests.

    python bench/generate.py N [OUT.yaml] [--seed S]

A thesis at the root of support trees (branching 2-5) whose leaves are cited premises and
evidence; one claim in seven has an objection, and most objections a rebuttal; one inference in
ten is linked (two or three premises); a few support cycles; references shared between
statements; sections by subtree.  The same N and seed give the same file.
"""
from __future__ import annotations

import random
import sys


def generate(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    words = ("court state sovereignty jurisdiction treaty justice peace prosecutor evidence law "
             "order rights cooperation consent power value crime article case victim").split()

    def text(i):
        return f"Statement {i}: " + " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 16))) + "."

    lines = ["argmap: 1", f"title: Synthetic map of {n} statements", "thesis: s0", "sections:"]
    n_sections = max(1, n // 200)
    for k in range(n_sections):
        lines.append(f"  - {{id: \"{k + 1}\", title: Part {k + 1}}}")
    n_refs = max(5, n // 6)
    lines.append("references:")
    for r in range(n_refs):
        lines.append(f"  \"{r + 1}\": {{author: Author {r + 1}, title: Work {r + 1}}}")
    lines.append("statements:")
    lines.append(f"  - {{id: s0, kind: thesis, text: \"{text(0)}\", section: \"1\"}}")
    open_claims = [0]
    made = 1
    linked = []
    kinds = {0: "thesis"}
    while made < n:
        parent = open_claims[rnd.randrange(len(open_claims))] if open_claims else 0
        i = made
        made += 1
        roll = rnd.random()
        section = f"\"{1 + (i * n_sections) // n}\""
        if roll < 0.12 and kinds.get(parent) in ("claim", "thesis", "premise"):
            kinds[i] = "objection"
            lines.append(f"  - {{id: s{i}, kind: objection, text: \"{text(i)}\", section: {section}, attacks: [s{parent}]}}")
            if rnd.random() < 0.7 and made < n:
                j = made
                made += 1
                kinds[j] = "rebuttal"
                lines.append(f"  - {{id: s{j}, kind: rebuttal, text: \"{text(j)}\", section: {section}, attacks: [s{i}], cites: [{{ref: \"{rnd.randint(1, n_refs)}\", pages: \"{rnd.randint(1, 400)}\"}}]}}")
            continue
        if roll < 0.45:
            kinds[i] = "claim"
            open_claims.append(i)
            extra = ""
        else:
            kinds[i] = rnd.choice(["premise", "premise", "evidence"])
            extra = f", cites: [{{ref: \"{rnd.randint(1, n_refs)}\", pages: \"{rnd.randint(1, 400)}\"}}]" \
                if rnd.random() < 0.8 else ""
        if rnd.random() < 0.1 and kinds.get(parent) in ("claim", "thesis"):
            linked.append((i, parent))
            lines.append(f"  - {{id: s{i}, kind: {kinds[i]}, text: \"{text(i)}\", section: {section}{extra}}}")
        else:
            lines.append(f"  - {{id: s{i}, kind: {kinds[i]}, text: \"{text(i)}\", section: {section}{extra}, supports: [s{parent}]}}")
        if len(open_claims) > 50 and rnd.random() < 0.3:
            open_claims.pop(rnd.randrange(len(open_claims)))
    # a few support cycles between claims
    claims = [i for i, k in kinds.items() if k == "claim"]
    cycles = []
    for _ in range(max(1, n // 2000)):
        if len(claims) >= 2:
            a, b = rnd.sample(claims, 2)
            cycles.append((a, b))
    lines.append("inferences:")
    groups: dict = {}
    for i, parent in linked:
        groups.setdefault(parent, []).append(i)
    k = 0
    for parent, prem in groups.items():
        for start in range(0, len(prem), 3):
            chunk = prem[start:start + 3]
            lines.append(f"  - {{id: i{k}, premises: [{', '.join(f's{p}' for p in chunk)}], conclusion: s{parent}}}")
            k += 1
    if k == 0:
        lines[-1] = "inferences: []"
    lines.append("relations:")
    for a, b in cycles:
        lines.append(f"  - {{from: s{a}, kind: supports, to: s{b}}}")
        lines.append(f"  - {{from: s{b}, kind: supports, to: s{a}}}")
    if not cycles:
        lines[-1] = "relations: []"
    return "\n".join(lines) + "\n"


def main(argv):
    n = int(argv[1])
    seed = 1
    if "--seed" in argv:
        seed = int(argv[argv.index("--seed") + 1])
    text = generate(n, seed)
    out = argv[2] if len(argv) > 2 and not argv[2].startswith("--") else None
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main(sys.argv)
