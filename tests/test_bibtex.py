"""The BibTeX reader (argmap.bibtex): what an entry becomes, located problems, and its layer."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap.bibtex import read_bibtex, write_bibtex
from argmap.errors import LoadError

ROOT = Path(__file__).resolve().parents[1]


def test_entry_becomes_a_reference_keyed_by_its_citation_key():
    text = ("@book{Doe:2020,\n  editor = {Jane Doe},\n  title = {On {\\'E}tudes},\n  year = {2020},\n"
            "  doi = {10.1/x}\n}\n")
    (ref,) = read_bibtex(text, "refs.bib")
    assert (ref.id, ref.author, ref.title, ref.year, ref.url) == ("Doe:2020", "Jane Doe", "On Études",
                                                                    "2020", "10.1/x")
    assert ref.from_bibtex and (ref.location.path, ref.location.line) == ("refs.bib", 1)


def test_written_references_read_back():
    text = "@misc{a,\n  author = {A},\n  year = {1999}\n}\n\n@misc{b,\n  title = {T},\n  note = {n}\n}\n"
    refs = read_bibtex(text, "x.bib")
    assert write_bibtex(refs) == text
    assert read_bibtex(write_bibtex(refs), "y.bib") == refs


def test_every_problem_is_located_and_raised_together():
    text = ("@misc{a,\n  title = {T}\n}\n"
            "@misc{a,\n  title = {U}\n}\n"
            "@misc{bad#key,\n  title = {V}\n}\n")
    with pytest.raises(LoadError) as info:
        read_bibtex(text, "x.bib")
    found = [(d.code, d.location.line, d.location.col) for d in info.value.diagnostics]
    assert found == [("duplicate-id", 4, 1), ("bad-id", 7, 7)]


def test_the_reader_sits_below_the_loader_and_the_formats():
    """argmap.bibtex is imported by the map loader: it must not import the loader or the
    interchange formats (which import the loader)."""
    code = ("import sys, argmap.bibtex\n"
            "print(sorted(m for m in sys.modules if m == 'argmap.loader' or m.startswith('argmap.formats')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("latex, title", [
    (r"A \href{https://x.org}{site}", "A site <https://x.org>"),
    (r"A \href{a}{b \href{c}{d}} z", "A b d <c> <a> z"),
    (r"A \href z", "A z"),
    (r"A \url{https://x.org}", "A <https://x.org>"),
])
def test_hyperref_links_are_read_as_text_and_url(latex, title):
    """hyperref's \\href{url}{text} once made the whole map fail ("list index out of range")."""
    refs = read_bibtex("@misc{k, title={%s}, year={2020}}\n" % latex, "refs.bib")
    assert [(r.id, r.title, r.year) for r in refs] == [("k", title, "2020")]
