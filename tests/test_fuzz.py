"""Fuzzing every reader: arbitrary bytes and near-valid documents (mutations of valid files).

The contract: whatever the input, a reader either returns a result or raises one of argmap's own
errors (:class:`argmap.errors.ArgmapError`), whose diagnostics are each one well-formed line
``path:line:col: severity[code]: message`` with a 1-based position, and none is a safety net's
``import-failed`` / ``internal`` (a Python exception caught at 1:1); a map that was read can be
written as YAML.  No other exception (KeyError, RecursionError, UnicodeError, ...) may escape.

Readers: argmap maps in YAML and JSON (``argmap.loader``, with a BibTeX file through a map's
``bibtex:`` field), every interchange reader of ``argmap.formats.registry`` (Argdown, AIF,
Kialo, GraphML, node-link JSON) through ``load_any``, and the ICCMA readers (af, apx, tgf).

The default profile keeps the file fast (a few dozen examples per test).  A long session::

    HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py \\
        --hypothesis-show-statistics

or ``.venv/bin/python bench/fuzz.py --minutes 25`` (every reader in turn, with a time budget
per reader; see that script).  ``FUZZ_EXAMPLES`` sets the number of examples of the ``fuzz``
profile (default 20000 per test).
"""
from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import argmap
from argmap.errors import ArgmapError
from argmap.formats.iccma import read_af
from argmap.formats.registry import load_any
from argmap.formats.yaml_map import write_yaml
from argmap.loader import load_with_diagnostics

from conftest import DATA, GRAPHS

settings.register_profile("default-fuzz", max_examples=150, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")),
                          deadline=None, suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default-fuzz")
FUZZ = settings(settings.get_profile(PROFILE if PROFILE in ("fuzz", "default-fuzz") else "default-fuzz"))

LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning|info)\[[a-z0-9-]+\]: .+$")


# -- seeds: one or more valid documents per reader -------------------------------------------------

def _exports() -> dict[str, str]:
    from argmap.formats.registry import get

    amap = argmap.load(str(DATA / "maps" / "small.yaml"))
    return {name: get(name).write(amap) for name in ("argdown", "aif", "graphml", "json")}


EXPORTS = _exports()
SEEDS: dict[str, list[str]] = {
    "yaml": [(DATA / "maps" / "small.yaml").read_text(encoding="utf-8"),
             (DATA / "maps" / "hostile.yaml").read_text(encoding="utf-8"),
             "argmap: 1\ntitle: t\ninclude: [part.yaml]\nstatements:\n  - id: a\n    kind: claim\n"
             "    text: x\n    lines: [1, \"3-5\"]\n    supports: [b]\n"],
    "json-map": ['{"argmap": 1, "title": "t", "thesis": "a", "statements": [{"id": "a", "kind": "thesis",'
                 ' "text": "x", "lines": [1, "2-3"], "cites": [{"ref": "r", "pages": "p. 2"}]}, {"id": "b",'
                 ' "kind": "premise", "text": "y\\u00e9", "supports": ["a"]}], "references": {"r": {"title":'
                 ' "R"}}, "inferences": [{"id": "i", "premises": ["b"], "conclusion": "a"}]}\n'],
    "bibtex": [(GRAPHS / "drowning-child.bib").read_text(encoding="utf-8")[:3000],
               "@string{me = {A. Author}}\n@book{k1,\n  author = me,\n  title = {A {T}itle \\\"a},\n"
               "  year = 2001\n}\n@misc{k2, title = \"x\" # me, note = {{nested} braces}}\n"],
    "argdown": [EXPORTS["argdown"],
                "===\ntitle: T\n===\n\n# Part\n\n[T]: The thesis. #tag {kind: thesis}\n  + <A>: an argument\n"
                "  - [O]: objection\n    _> <A>\n\n<A>\n\n(1) p\n(2) q\n-- modus ponens {uses: [1, 2]} --\n"
                "(3) The thesis.\n"],
    "aif": [EXPORTS["aif"], (DATA / "formats" / "aif-ova.json").read_text(encoding="utf-8")[:4000]],
    "kialo": [(DATA / "formats" / "kialo-new.txt").read_text(encoding="utf-8"),
              (DATA / "formats" / "kialo-old.txt").read_text(encoding="utf-8")],
    "graphml": [EXPORTS["graphml"]],
    "json": [EXPORTS["json"]],
    "af": ["p af 4\n# a comment\n1 2\n2 3\n3 1\n4 4\n"],
    "apx": ['arg(a).\narg(b). arg("c d").\natt(a,b).\natt(b,"c d"). % comment\natt("c d",a).\n'],
    "tgf": ["a\nb\nc\n#\na b\nb c\nc a\n"],
}
# characters each syntax gives a meaning to: inserted at random by the mutations
SYNTAX = {
    "yaml": ":-[]{},#&*!|>'\"%@`?\n\t ~=<",
    "json-map": '{}[]:,"\\ 0123456789eE.+-ntfu\n',
    "bibtex": '@{}(),="#%\\ \n',
    "argdown": "[]<>():+-_#@{}=.,*>\n ",
    "aif": '{}[]:,"\\ 0123456789\n',
    "kialo": "0123456789.: ->[]\\\n ",
    "graphml": "<>/&;=\"'!?[]-#x\n ",
    "json": '{}[]:,"\\ 0123456789\n',
    "af": "p af#0123456789 \n\t\r",
    "apx": 'argt(),.%"\\ _\n',
    "tgf": "#ab \n\t",
}
TOKENS = {
    "yaml": ["argmap", "title", "statements", "include", "bibtex", "!!python/object/apply:os.system",
             "&a", "*a", "<<", "!!binary", "!!int", "lines", "---", "...", "\\ud800"],
    "json-map": ["NaN", "Infinity", "1e999", "\\ud800", "\\u0000", "null", "true", '"argmap"', '"id"'],
    "bibtex": ["@string", "@comment", "@preamble", "@book{", "author", "\\'e", "{\\\"o}"],
    "argdown": ["===", "--", "<+", "+>", "><", "_>", "<_", "[?Q]", "<@", "=>", "{kind: thesis}", "&a", "*a",
                "<!--", "-->", "/*", "*/", "//", "\u2028", "\r", "](", "]:", ">:", "@[", "@<", "#(", "}, ", "} x"],
    "aif": ['"nodeID"', '"type"', '"RA"', '"CA"', '"I"', '"AIF"', '"argmap"', '"fromID"', '"toID"', "NaN"],
    "kialo": ["Discussion Name:", "Discussion Title:", "Pro:", "Con:", "Thesis:", "Question:",
              "-> See 1.1.", "-> See discussion #12:", "Sources:", "[1]"],
    "graphml": ["<!DOCTYPE x [<!ENTITY e \"lol\">]>", "&e;", "&amp;", "<node id=\"a\"/>", "<edge source=\"a\" target=\"z\"/>",
                "<![CDATA[", "]]>", "<?xml version=\"1.0\"?>", "<hyperedge>"],
    "json": ['"nodes"', '"edges"', '"links"', '"role"', '"premise"', '"conclusion"', '"kind"', '"index"', "NaN"],
    "af": ["p af ", "p af 99999999999", "#", "0", "-1"],
    "apx": ["arg(", "att(", ").", '"\\n"', "\\q", "%"],
    "tgf": ["#", "a b c"],
}


@st.composite
def near_valid(draw, kind: str) -> bytes:
    """A valid document of *kind* with a few mutations: deleted, duplicated or swapped lines and
    characters, a truncation, inserted syntax characters and tokens, odd bytes."""
    text = draw(st.sampled_from(SEEDS[kind]))
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3, 6]))):
        lines = text.split("\n")
        op = draw(st.sampled_from(["del-line", "dup-line", "swap-lines", "del-chars", "dup-chars",
                                   "swap-chars", "truncate", "insert", "token", "unicode"]))
        n = len(text)
        i = draw(st.integers(0, max(n, 1) - 1)) if n else 0
        j = draw(st.integers(i, min(n, i + 40))) if n else 0
        if op == "del-line" and len(lines) > 1:
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
        elif op == "dup-line":
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "\n".join(lines)
        elif op == "swap-lines" and len(lines) > 1:
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif op == "del-chars":
            text = text[:i] + text[j:]
        elif op == "dup-chars":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "swap-chars" and n > 1:
            a, b = sorted((i, draw(st.integers(0, n - 1))))
            if a != b:
                text = text[:a] + text[b] + text[a + 1:b] + text[a] + text[b + 1:]
        elif op == "truncate":
            text = text[:i]
        elif op == "insert":
            text = text[:i] + draw(st.text(st.sampled_from(SYNTAX[kind]), min_size=1, max_size=8)) + text[i:]
        elif op == "token":
            text = text[:i] + draw(st.sampled_from(TOKENS[kind])) + text[i:]
        elif op == "unicode":
            text = text[:i] + draw(st.text(st.characters(exclude_categories=["Cs"]), min_size=1,
                                           max_size=3)) + text[i:]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 19)) == 0:          # now and then a byte that is not UTF-8, or a BOM
        k = draw(st.integers(0, len(data)))
        data = data[:k] + draw(st.sampled_from([b"\xff", b"\xe9", b"\x00", b"\xef\xbb\xbf", b"\xc3"])) + data[k:]
    return data


arbitrary = st.binary(max_size=3000)

# -- structured mutations: parse a seed, change its tree, write it again ----------------------------
# (most character-level mutations of JSON or XML only reach the syntax checks; these reach the
# importers and the map validation behind them)

STRUCTURED = ("yaml", "json-map", "aif", "json", "graphml")
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                     st.sampled_from(["", " ", "T", "P1", "1", "I1", "claim", "thesis", "supports", "premise",
                                      "conclusion", "inference", "value", "RA", "CA", "I", "1-3", "3-1", "x" * 200,
                                      "a\nb", "\x00", "\u2028", "../x.yaml", "[]", "{}", "null"]),
                     st.text(st.characters(exclude_categories=["Cs"]), max_size=12))
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                       max_leaves=6)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _get(node, path):
    for p in path:
        node = node[p]
    return node


@st.composite
def tree_mutated(draw, kind: str) -> bytes:
    import json
    import xml.etree.ElementTree as ET

    import yaml

    seed = draw(st.sampled_from(SEEDS[kind]))
    if kind == "graphml":
        root = ET.fromstring(seed)
        for _ in range(draw(st.integers(1, 4))):
            elements = list(root.iter())
            el = draw(st.sampled_from(elements))
            parent = next((p for p in elements if el in list(p)), None)
            op = draw(st.sampled_from(["drop", "copy", "attr", "text", "move"]))
            if op == "drop" and parent is not None:
                parent.remove(el)
            elif op == "copy" and parent is not None:
                parent.insert(draw(st.integers(0, len(parent))), ET.fromstring(ET.tostring(el)))
            elif op == "attr" and el.attrib:
                key = draw(st.sampled_from(sorted(el.attrib)))
                other = draw(st.sampled_from(elements)).attrib
                el.set(key, draw(st.one_of(st.sampled_from(sorted(other.values()) or [""]),
                                           st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=8))))
            elif op == "text":
                el.text = draw(st.one_of(st.sampled_from(["", "[]", "{}", "[1, 2]", '[{"ref": 5}]', '{"a": 1}',
                                                          "null", "thesis", "supports", "premise", "-1", "x"]),
                                         st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=10)))
            elif op == "move" and parent is not None:
                target = draw(st.sampled_from(elements))
                if target is not el and el not in list(target.iter()):
                    parent.remove(el)
                    target.append(el)
        return ET.tostring(root, encoding="utf-8")
    data = yaml.safe_load(seed) if kind == "yaml" else json.loads(seed)
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["drop", "replace", "copy", "swap", "rename", "graft"]))
        if not path:
            continue
        parent, key = _get(data, path[:-1]), path[-1]
        if op == "drop":
            del parent[key]
        elif op == "replace":
            parent[key] = draw(_values)
        elif op == "graft":     # a subtree from elsewhere in the document
            parent[key] = json.loads(json.dumps(_get(data, draw(st.sampled_from(paths)))))
        elif op == "copy" and isinstance(parent, list):
            parent.insert(draw(st.integers(0, len(parent))), json.loads(json.dumps(parent[key])))
        elif op == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(0, len(parent) - 1))
            parent[key], parent[other] = parent[other], parent[key]
        elif op == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from(sorted({str(k) for p in paths for k in p if isinstance(k, str)})
                                       + ["id", "kind", "text", "from", "to"]))
            value = parent.pop(key)
            parent[new] = value
    if kind == "yaml":
        return yaml.safe_dump(data, allow_unicode=draw(st.booleans())).encode("utf-8")
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8")


# -- running one input through one reader -------------------------------------------------------

WORK = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
atexit.register(shutil.rmtree, WORK, True)
(WORK / "part.yaml").write_text("statements:\n  - {id: b, kind: premise, text: y}\n", encoding="utf-8")
EXT = {"yaml": "yaml", "json-map": "json", "argdown": "argdown", "aif": "aif", "kialo": "kialo",
       "graphml": "graphml", "json": "json"}


def _check_diagnostics(diags, failed: bool):
    if failed:
        assert any(d.severity == "error" for d in diags), "a failure must carry an error"
    for d in diags:
        line = d.format()
        assert LINE.match(line) and "\n" not in line, repr(line)
        # the safety nets of the readers (a Python exception turned into a diagnostic at 1:1)
        # must not be needed: each is a reader bug
        assert d.code not in ("import-failed", "internal"), line
        assert d.location.line >= 1 and d.location.col >= 1, line


def _written(amap):
    """A map that was read must be writable (the import command writes it as YAML), and what is
    written must read back as the same map."""
    text = write_yaml(amap)
    text.encode("utf-8")
    if amap.bibtex is None:     # (a BibTeX file is found from the map's own folder)
        again = argmap.loads(text, str(WORK / "written.yaml"))
        assert again.canonical() == amap.canonical()


def run_reader(kind: str, data: bytes):
    """Read *data* with the reader of *kind*, check the contract; (result or None, diagnostics)."""
    if kind in ("af", "apx", "tgf"):
        try:
            return read_af(data, path=f"fuzz.{kind}", fmt=kind), []
        except ArgmapError as exc:
            _check_diagnostics(exc.diagnostics, True)
            return None, list(exc.diagnostics)
    if kind == "bibtex":
        path = WORK / "refs.bib"
        path.write_bytes(data)
        (WORK / "with-bib.yaml").write_text("argmap: 1\ntitle: t\nbibtex: refs.bib\n", encoding="utf-8")
        amap, diags = load_with_diagnostics(str(WORK / "with-bib.yaml"))
    else:
        path = WORK / f"fuzz.{EXT[kind]}"
        path.write_bytes(data)
        fmt = None if kind in ("yaml", "json-map") else kind
        if kind == "json-map":
            amap, diags = load_with_diagnostics(str(path))
        else:
            amap, diags = load_any(str(path), fmt)
    _check_diagnostics(diags, amap is None)
    assert path.read_bytes() == data, "the input must not change"
    if amap is not None:
        _written(amap)
    return amap, diags


KINDS = list(SEEDS)


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_near_valid_inputs(kind, data):
    run_reader(kind, data.draw(near_valid(kind)))


@pytest.mark.parametrize("kind", STRUCTURED)
@FUZZ
@given(data=st.data())
def test_tree_mutations(kind, data):
    run_reader(kind, data.draw(tree_mutated(kind)))


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=arbitrary)
def test_arbitrary_bytes(kind, data):
    run_reader(kind, data)


@FUZZ
@given(data=st.data())
def test_argdown_lexer_shortcuts_change_no_token(data):
    """The Argdown lexer skips a token regex when its closer is missing (linear time instead of
    quadratic); the tokens must be exactly those of the plain regexes."""
    from argmap.formats.argdown import lexer as A

    pieces = st.lists(st.sampled_from(list(SYNTAX["argdown"] + "ab \r\u2028,!?") + TOKENS["argdown"]),
                      max_size=40).map(lambda p: "".join(p).encode("utf-8"))
    text = data.draw(st.one_of(near_valid("argdown"), pieces)).decode("utf-8", "replace")

    def lex():
        try:
            return [(t.type, t.image, t.line, t.col) for t in A.tokenize(text, "x.argdown")]
        except ArgmapError as exc:
            return exc.format()

    guarded = lex()
    saved, A._GUARDED = A._GUARDED, frozenset()
    try:
        plain = lex()
    finally:
        A._GUARDED = saved
    assert guarded == plain


@pytest.mark.parametrize("kind", KINDS)
def test_seeds_are_valid(kind):
    """The mutations start from documents every reader accepts."""
    for seed in SEEDS[kind]:
        result, diags = run_reader(kind, seed.encode("utf-8"))
        assert result is not None, [d.format() for d in diags]
