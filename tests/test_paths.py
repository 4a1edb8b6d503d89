"""Where a map's files may be: 'include' and 'bibtex' stay inside the folder of the top map file
(no absolute paths, no '..' out of it, symbolic links resolved); the manuscript 'source.file'
may lie anywhere (it is only read for the manuscript checks)."""
from __future__ import annotations

import os

import pytest

from argmap.loader import load_with_diagnostics

MAP = "argmap: 1\ntitle: T\n{extra}statements:\n  - {{id: A, kind: claim, text: one}}\n"
PART = "statements:\n  - {id: B, kind: premise, text: two, supports: [A]}\n"


def _codes(path):
    amap, diags = load_with_diagnostics(path)
    return amap, [d.code for d in diags if d.severity == "error"]


def test_parts_may_point_at_each_other_inside_the_tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "one.yaml").write_text("include: [../b/two.yaml]\n")
    (tmp_path / "b" / "two.yaml").write_text(PART)
    (tmp_path / "m.yaml").write_text(MAP.format(extra="include: [a/one.yaml]\n"))
    amap, codes = _codes(tmp_path / "m.yaml")
    assert codes == [] and [s.id for s in amap.statements] == ["A", "B"]


@pytest.mark.parametrize("extra", ["bibtex: /etc/passwd\n", "include: [/etc/hostname]\n",
                                   "include: [../outside.yaml]\n", "bibtex: sub/../../outside.bib\n",
                                   "include: [link.yaml]\n"])
def test_paths_out_of_the_tree_are_refused(tmp_path, extra):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tmp_path / "outside.yaml").write_text(PART)
    (tmp_path / "outside.bib").write_text("@book{k, title={t}}\n")
    os.symlink(tmp_path / "outside.yaml", tree / "link.yaml")
    (tree / "m.yaml").write_text(MAP.format(extra=extra))
    amap, codes = _codes(tree / "m.yaml")
    assert amap is None and codes == ["path-outside-map"]


def test_the_manuscript_may_lie_outside_the_tree(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tmp_path / "thesis.txt").write_text("A manuscript.\n")
    (tree / "m.yaml").write_text(MAP.format(extra="source: {name: s, file: ../thesis.txt}\n"))
    amap, codes = _codes(tree / "m.yaml")
    assert codes == [] and amap.source_file == "../thesis.txt"
