"""ICCMA formats (argmap.formats.iccma) and the ICCMA reference corpus."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import af
from argmap.af import Framework
from argmap.errors import LoadError
from argmap.formats.iccma import guess_format, read_af, write_af

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "iccma"
TRUNCATED = "afgen/n512p5q2_vh.apx"


def corpus_or_skip() -> Path:
    if not (CORPUS / "expected.json").is_file():
        pytest.skip(f"the ICCMA corpus is absent (expected at {CORPUS}: shared/ lives beside "
                    "the checkout)")
    return CORPUS


def expected() -> dict:
    path = CORPUS / "expected.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["instances"]


def digest(ext) -> str:
    return hashlib.sha1(",".join(sorted(ext)).encode()).hexdigest()[:12]


def family_digest(exts) -> str:
    return hashlib.sha1("|".join(sorted(",".join(sorted(e)) for e in exts)).encode()).hexdigest()[:12]


INSTANCES = sorted(expected()) or ["<corpus absent>"]


# --------------------------------------------------------------------------- the corpus

@pytest.mark.parametrize("name", [n for n in INSTANCES if n != TRUNCATED])  # see below
def test_corpus_grounded_and_sizes(name):
    root = corpus_or_skip()
    exp = expected()[name]
    fw = read_af(root / name)
    assert len(fw.arguments) == exp["arguments"]
    assert len(fw.attacks) == exp["attacks"]
    g = af.grounded(fw)
    assert len(g) == exp["grounded_size"]
    assert digest(g) == exp["grounded_sha1_12"]
    if "grounded" in exp:
        assert sorted(g) == sorted(exp["grounded"])
    lab = af.grounded_labelling(fw)
    assert sum(1 for v in lab.values() if v == "IN") == exp["grounded_size"]


@pytest.mark.parametrize("name", [n for n in INSTANCES
                                  if expected().get(n, {}).get("preferred_count") is not None])
def test_corpus_preferred(name):
    root = corpus_or_skip()
    exp = expected()[name]
    fw = read_af(root / name)
    prefs = af.extensions(fw, "preferred")
    assert len(prefs) == exp["preferred_count"]
    assert family_digest(prefs) == exp["preferred_sha1_12"]
    if "preferred" in exp:
        assert {frozenset(e) for e in exp["preferred"]} == set(prefs)
    g = af.grounded(fw)
    assert all(g <= p for p in prefs)


def test_truncated_corpus_file():
    root = corpus_or_skip()
    path = root / TRUNCATED
    text = path.read_text(encoding="utf-8")
    last = text.split("\n")[-1]
    assert last == "att(a194,a2"  # the upstream defect this test is about
    nlines = text.count("\n") + 1
    with pytest.raises(LoadError) as info:
        read_af(path)
    (d,) = info.value.diagnostics
    assert d.code == "truncated"
    assert (d.location.path, d.location.line, d.location.col) == (str(path), nlines, len(last) + 1)
    assert str(info.value).startswith(f"{path}:{nlines}:{len(last) + 1}: error[truncated]: ")
    # Without the broken line the file is the framework that expected.json describes.
    exp = expected()[TRUNCATED]
    fw = read_af(text[: text.rindex("\n") + 1], fmt="apx")
    assert (len(fw.arguments), len(fw.attacks)) == (exp["arguments"], exp["attacks"])
    assert digest(af.grounded(fw)) == exp["grounded_sha1_12"]


def test_corpus_stated_facts_about_hard_instances():
    root = corpus_or_skip()
    # "one preferred extension is found in ~7 ms (PySAT loop) and a stable extension exists"
    fw = read_af(root / "iccma23-format/a1210993_20150717_0403.gml.80.af")
    (p,) = af.extensions(fw, "preferred", limit=1)
    assert af.is_preferred(fw, p) and af.grounded(fw) <= p
    (s,) = af.extensions(fw, "stable", limit=1)
    assert af.is_stable(fw, s)
    # "hard: no preferred or stable extension was found within 100-150 s": a time limit holds
    fw = read_af(root / "iccma23-format/st_890_86_9_572.af")
    with pytest.raises(af.SolverTimeout):
        af.extensions(fw, "stable", timeout=0.5, limit=1)


def parse_solution(text: str) -> set[frozenset[str]]:
    """ICCMA 2015 output: [[a1,a2],[],[a3]]."""
    text = text.strip()
    assert text.startswith("[") and text.endswith("]")
    return {frozenset(x for x in part.split(",") if x)
            for part in re.findall(r"\[([^\[\]]*)\]", text[1:-1])}


@pytest.mark.parametrize("example", ["ex1", "ex2", "ex3"])
@pytest.mark.parametrize("ext", ["apx", "tgf"])
def test_probo_examples_match_shipped_solutions(example, ext):
    root = corpus_or_skip()
    fw = read_af(root / "probo-examples" / f"{example}.{ext}")
    for code, sem in [("CO", "complete"), ("GR", "grounded"), ("PR", "preferred"),
                      ("ST", "stable")]:
        sol = root / "probo-examples" / "solutions" / f"{example}.apx.EE-{code}"
        assert set(af.extensions(fw, sem)) == parse_solution(sol.read_text()), (example, code)


def test_apx_and_tgf_twins_are_the_same_framework():
    root = corpus_or_skip()
    for ex in ("ex1", "ex2", "ex3"):
        a = read_af(root / "probo-examples" / f"{ex}.apx")
        t = read_af(root / "probo-examples" / f"{ex}.tgf")
        assert a == t


# --------------------------------------------------------------------------- round trips

NAMES = {
    "af": None,
    "apx": st.text(min_size=1, max_size=6),
    "tgf": st.text(min_size=1, max_size=6).filter(lambda s: s.split() == [s] and s != "#"),
}


@st.composite
def frameworks(draw, fmt):
    n = draw(st.integers(0, 15))
    if fmt == "af":
        args = [str(i) for i in range(1, n + 1)]
    else:
        args = draw(st.lists(NAMES[fmt], min_size=n, max_size=n, unique=True))
    atts = []
    if n:
        atts = draw(st.lists(st.tuples(st.sampled_from(args), st.sampled_from(args)),
                             max_size=40))
    return Framework(tuple(args), tuple(atts))


RT = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", ["af", "apx", "tgf"])
@RT
@given(data=st.data())
def test_round_trip(fmt, data):
    fw = data.draw(frameworks(fmt))
    text = write_af(fw, fmt)
    assert read_af(text, fmt=fmt) == fw
    assert read_af(text.encode("utf-8"), path=f"x.{fmt}") == fw
    if fmt == "af" or fw.arguments:
        assert guess_format(text) == fmt or fmt == "tgf"  # a tgf name may look like anything


@RT
@given(frameworks("apx"))
def test_af_writer_numbers_other_names(fw):
    text = write_af(fw, "af")
    back = read_af(text, fmt="af")
    num = {a: str(i) for i, a in enumerate(fw.arguments, 1)}
    assert back.arguments == tuple(str(i) for i in range(1, len(fw.arguments) + 1))
    assert back.attacks == tuple((num[a], num[b]) for a, b in fw.attacks)
    assert af.extensions(back, "grounded") == [frozenset(num[a] for a in af.grounded(fw))]


@RT
@given(frameworks("af"), st.data())
def test_af_layout_variants_read_the_same(fw, data):
    """Comments, blank lines, tabs, extra spaces and CRLF go through the checked reader; the
    plain layout through the fast one: both must agree."""
    lines = write_af(fw, "af").splitlines()
    out = []
    for line in lines:
        if data.draw(st.booleans()):
            out.append(data.draw(st.sampled_from(["# comment", "#", "", "   ", "\t"])))
        if data.draw(st.booleans()):
            line = data.draw(st.sampled_from(["", " ", "\t"])) + line.replace(
                " ", data.draw(st.sampled_from([" ", "  ", "\t", " \t"]))) + data.draw(
                st.sampled_from(["", " ", "\t"]))
        out.append(line)
    nl = data.draw(st.sampled_from(["\n", "\r\n"]))
    text = nl.join(out) + data.draw(st.sampled_from(["", nl, nl + nl]))
    assert read_af(text, fmt="af") == fw


def test_reading_from_paths_bytes_and_text(tmp_path):
    fw = Framework(("a", "b", "c"), (("a", "b"), ("b", "c")))
    for fmt in ("apx", "tgf"):
        p = tmp_path / f"f.{fmt}"
        p.write_text(write_af(fw, fmt), encoding="utf-8")
        assert read_af(p) == fw  # Path
        assert read_af(str(p)) == fw  # str path (one line, known extension)
        assert read_af(p.read_bytes()) == fw  # bytes, format from content
        assert read_af(p.read_text()) == fw  # text, format from content
    p = tmp_path / "x.txt"  # unknown extension: the content decides
    p.write_text("p af 2\n1 2\n", encoding="utf-8")
    assert read_af(p) == Framework(("1", "2"), (("1", "2"),))
    assert read_af("\ufeffp af 1\n") == Framework(("1",), ())  # BOM
    for missing in (tmp_path / "missing.af", str(tmp_path / "missing.txt"), "no-such-file"):
        with pytest.raises(LoadError) as info:
            read_af(missing)
        assert info.value.diagnostics[0].code == "file-not-found"
    with pytest.raises(LoadError) as info:
        read_af(tmp_path)
    assert info.value.diagnostics[0].code == "is-a-directory"
    # one-line strings that can only be content are content
    assert read_af("p af 2") == Framework(("1", "2"), ())
    assert read_af("arg(a). arg(b). att(a,b).") == Framework(("a", "b"), (("a", "b"),))
    assert read_af("#") == Framework((), ())
    with pytest.raises(ValueError):
        read_af("p af 1\n", fmt="xml")
    with pytest.raises(ValueError):
        write_af(fw, "xml")
    with pytest.raises(ValueError):
        write_af(Framework(("a b",), ()), "tgf")


def test_empty_frameworks_round_trip():
    empty = Framework((), ())
    for fmt in ("af", "apx", "tgf"):
        assert read_af(write_af(empty, fmt)) == empty
    assert write_af(empty, "af") == "p af 0\n"


def test_admbuster_style_comments_are_skipped():
    text = "p af 3\n# a\n# b\n# c\n2 1\n3 2\n"
    fw = read_af(text)
    assert fw.arguments == ("1", "2", "3")
    assert fw.attacks == (("2", "1"), ("3", "2"))
    assert af.grounded(fw) == frozenset({"3", "1"})


def test_apx_syntax_variants():
    text = ('% a comment\narg(a). arg( b ).arg("c d").  % trailing\n'
            'att(b,a).\n att ( "c d" , b ) .\natt(a,x).\narg(x).\narg("q\\"\\\\").\n')
    fw = read_af(text)
    assert fw.arguments == ("a", "b", "c d", "x", 'q"\\')
    assert fw.attacks == (("b", "a"), ("c d", "b"), ("a", "x"))


# --------------------------------------------------------------------------- bad inputs

BAD = [
    # (format or None, content, code, line, col)
    (None, "", "empty", 1, 1),
    ("af", "  \n\n", "empty", 1, 1),
    ("af", "1 2\n", "header-missing", 1, 1),
    ("af", "# only comments\n#\n", "header-missing", 1, 1),
    ("af", "# c\np af 3\n1 2\np af 3\n", "header-duplicate", 4, 1),
    ("af", "p af 3\n1 4\n", "out-of-range", 2, 3),
    ("af", "p af 3\n0 1\n", "out-of-range", 2, 1),
    ("af", "p af 3\r\n1 2\r\n3 4\r\n", "out-of-range", 3, 3),
    ("af", "p af 3\n1\t\t9\n", "out-of-range", 2, 4),
    ("af", "p af 3\n1 x\n", "syntax", 2, 3),
    ("af", "p af 3\n1\n", "syntax", 2, 2),
    ("af", "p af 3\n1 2 3\n", "syntax", 2, 5),
    ("af", "p af 3\n1 2 3\n3\n", "syntax", 2, 5),  # token counts that add up
    ("af", "p af 3\n1\n2 3 1\n", "syntax", 2, 2),
    ("af", "p af 3\n1 2 # note\n", "syntax", 2, 5),
    ("af", "p af\n", "header", 1, 5),
    ("af", "p af x\n", "header", 1, 6),
    ("af", "p bf 3\n", "header", 1, 3),
    ("af", "p af 3 4\n", "header", 1, 8),
    ("af", "p af -3\n", "header", 1, 6),
    ("af", "p af 10000001\n1 2\n", "header", 1, 6),  # more than MAX_ARGUMENTS
    ("apx", "arg(a).\narg(b).\natt(a,b", "truncated", 3, 8),
    ("apx", 'arg(a).\narg("b', "truncated", 2, 7),
    ("apx", "arg(a).\natt(a,b).\n", "undeclared-argument", 2, 7),
    ("apx", "arg(a).\narg(a).\n", "duplicate-argument", 2, 5),
    ("apx", "arg(a)\narg(b).\n", "syntax", 1, 7),
    ("apx", "arg(a).\nfoo(b).\n", "syntax", 2, 1),
    ("apx", "arg(a,b).\n", "syntax", 1, 1),
    ("apx", "att(a).\n", "syntax", 1, 1),
    ("apx", "arg(a). att(a,a) arg(b).\n", "syntax", 1, 18),
    ("apx", "arg(a-b).\n", "syntax", 1, 6),
    ("apx", 'arg("a\\q").\n', "syntax", 1, 7),
    ("tgf", "a\nb\n#\na c\n", "undeclared-argument", 4, 3),
    ("tgf", "a\nb\n", "syntax", 3, 1),
    ("tgf", "a b\n#\n", "syntax", 1, 3),
    ("tgf", "a\n#\na\n", "syntax", 3, 2),
    ("tgf", "a\n#\na a x\n", "syntax", 3, 5),
    ("tgf", "a\na\n#\n", "duplicate-argument", 2, 1),
    ("tgf", "a\n#\na a\n#\n", "syntax", 4, 1),
    (None, "# x\n# y\n", "unknown-format", 1, 1),
    # bytes that are not UTF-8: line and column (in characters) of the first bad byte
    ("af", b"p af 2\n1 2\n\xff\n", "encoding", 3, 1),
    ("af", b"p af 2\n1 \xe9\n", "encoding", 2, 3),
    ("af", b"p af 2\n# h\xc3\xa9llo \xff\n", "encoding", 2, 9),
    ("apx", b"arg(a).\narg(\xc0).\n", "encoding", 2, 5),
    ("tgf", b"\x80", "encoding", 1, 1),
]


@pytest.mark.parametrize("fmt,content,code,line,col", BAD)
def test_bad_input_is_a_located_error(fmt, content, code, line, col, tmp_path):
    name = f"bad.{fmt or 'txt'}"
    with pytest.raises(LoadError) as info:
        read_af(content, path=name, fmt=fmt)
    (d,) = info.value.diagnostics
    assert (d.code, d.location.line, d.location.col) == (code, line, col), d.format()
    assert d.location.path == name
    assert str(info.value) == f"{name}:{line}:{col}: error[{code}]: {d.message}"
    # the same from a file on disk, with the format taken from the extension
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(LoadError) as info:
        read_af(p, fmt=fmt)
    d = info.value.diagnostics[0]
    assert (d.code, d.location.line, d.location.col, d.location.path) == (code, line, col, str(p))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=60),
                 st.text(alphabet="pa f0123456789#\n\r\t ()arg.t,%\"\\x", max_size=60)),
       st.sampled_from([None, "af", "apx", "tgf"]))
def test_garbage_never_escapes_as_another_exception(content, fmt):
    try:
        fw = read_af(content, fmt=fmt, path="fuzz")
    except LoadError as exc:
        d = exc.diagnostics[0]
        assert d.code != "internal", d.format()
        assert d.location.line >= 1 and d.location.col >= 1
    else:
        assert isinstance(fw, Framework)


# --------------------------------------------------------------------------- evaluate: which reader

DL_FACTS = "% ASPARTIX facts\narg(a). arg(b). arg(c).\natt(a,b). att(b,c).\n"


def test_evaluate_reads_aspartix_dl_files(cli, tmp_path):
    path = tmp_path / "fw.dl"
    path.write_text(DL_FACTS, encoding="utf-8")
    r = cli("evaluate", path, "-s", "preferred")
    assert (r.exit_code, r.stdout) == (0, "w a c\n")
    assert read_af(path) == Framework(("a", "b", "c"), (("a", "b"), ("b", "c")))


@pytest.mark.parametrize("content, expected", [
    (DL_FACTS, "w a c\n"),
    ("p af 3\n# a comment\n1 2\n2 3\n", "w 1 3\n"),
    ("\n% a comment\natt(a,b).\narg(a).\narg(b).\n", "w a\n"),
])
def test_evaluate_sniffs_a_framework_in_a_file_of_another_extension(cli, tmp_path, content, expected):
    path = tmp_path / "framework.txt"
    path.write_text(content, encoding="utf-8")
    r = cli("evaluate", path)
    assert (r.exit_code, r.stdout) == (0, expected)


def test_evaluate_from_names_the_format(cli, tmp_path):
    path = tmp_path / "fw.txt"
    path.write_text("a\nb\n#\na b\n", encoding="utf-8")  # TGF is not sniffed: it looks like text
    r = cli("evaluate", path, "--from", "tgf", "-s", "stable")
    assert (r.exit_code, r.stdout) == (0, "w a\n")
    dl = tmp_path / "fw.dl"
    dl.write_text("p af 2\n1 2\n", encoding="utf-8")
    assert cli("evaluate", dl, "--from", "af").stdout == "w 1\n"
    r = cli("evaluate", dl)  # .dl means ASPARTIX facts
    assert r.exit_code == 1 and "error[syntax]" in r.stderr and r.stderr.startswith(f"{dl}:1:")


def test_evaluate_still_reads_maps_whatever_their_extension(cli, tmp_path):
    body = "argmap: 1\ntitle: t\nthesis: T\nstatements:\n  - {id: T, kind: thesis, text: t}\n"
    for name in ("map.txt", "map", "map.yaml"):
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        r = cli("evaluate", path)
        assert r.exit_code == 0 and r.stdout.startswith("OUT    T  (thesis;"), name
    r = cli("evaluate", tmp_path / "map.txt", "--from", "yaml", "--format", "json")
    assert json.loads(r.stdout)["labels"] == {"T": "OUT"}
    directive = tmp_path / "directive.txt"
    directive.write_text("%YAML 1.2\n---\n" + body, encoding="utf-8")
    assert cli("evaluate", directive).stdout.startswith("OUT    T  (thesis;")
