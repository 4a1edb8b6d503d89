"""Contract tests shared by the interchange formats, and helpers for the per-format tests.

Every registered reader raises only :class:`argmap.errors.ArgmapError` (with located
diagnostics) on bad input, every writer is deterministic, and format guessing finds each
format from its extension and from its content.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import argmap
from argmap import model as M
from argmap.errors import ArgmapError
from argmap.formats import registry

from conftest import GRAPHS

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
FIXTURES = Path(__file__).resolve().parent / "data" / "formats"
INTERCHANGE = ("argdown", "aif", "kialo", "graphml", "mermaid")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def corpus_or_skip(name: str) -> Path:
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"corpus {path} is absent: the shared corpora live beside the checkout in "
                    "../shared/corpora")
    return path


# -- generated maps --------------------------------------------------------------------------

ident = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,12}", fullmatch=True)
# reference keys as BibTeX users write them ("Doe:2020", "doe/2020+a", "17")
refkey = ident | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9:/+_.\-]{0,12}", fullmatch=True)
texty = st.lists(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029")
                | st.sampled_from(["\n", ":", "#", "'", '"', "-", " ", "{", "}", "[", "]", "<", ">", "&",
                                   "*", "_", "/", "\\", "(1)", "--", "===", ".->.", ":heart:", "@", "`",
                                   "%%", "|", ";", "=>", "} x", "\t", "e.g.", "#(", "//", "/*"]),
                min_size=1, max_size=25).map("".join).filter(lambda s: s.strip())
maybe = lambda s: st.none() | s  # noqa: E731
lines = st.lists(st.integers(1, 5000), max_size=3, unique=True).map(tuple)


@st.composite
def maps(draw, *, values=True, long_relations=True):
    """Valid maps with every kind of element (texts full of characters that formats escape)."""
    ids = draw(st.lists(ident, min_size=1, max_size=8, unique=True))
    n_inf = draw(st.integers(0, 3))
    n_val = draw(st.integers(0, 2)) if values else 0
    extra = draw(st.lists(ident.filter(lambda i: i not in ids), min_size=n_inf + n_val,
                          max_size=n_inf + n_val, unique=True))
    inf_ids, val_ids = extra[:n_inf], extra[n_inf:]
    sections = draw(st.lists(st.builds(M.Section, ident, texty, st.booleans(), lines,
                                       maybe(st.just("12"))), max_size=3, unique_by=lambda s: s.id))
    refs = draw(st.lists(st.builds(M.Reference, refkey, maybe(texty), maybe(texty), maybe(st.just("1999")),
                                   maybe(st.just("https://example.org/x")), maybe(texty)),
                         max_size=2, unique_by=lambda r: r.id))
    statements = []
    for sid in ids:
        cites = tuple(M.Citation(r.id, draw(maybe(st.just("12-14"))))
                      for r in draw(st.lists(st.sampled_from(refs), max_size=2, unique_by=lambda r: r.id))) \
            if refs else ()
        statements.append(M.Statement(
            sid, draw(st.sampled_from(M.STATEMENT_KINDS)), draw(texty),
            draw(maybe(st.sampled_from([s.id for s in sections]))) if sections else None,
            draw(lines), draw(maybe(st.just("7"))), cites,
            tuple(draw(st.lists(ident | st.sampled_from(["two words", "a)b", "ü"]), max_size=2, unique=True))),
            draw(maybe(texty)),
            tuple(draw(st.lists(st.sampled_from(["unsupported-claim", "single-source"]), max_size=1)))))
    inferences = []
    for iid in inf_ids:
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        rest = [i for i in ids if i not in premises]
        if not rest:
            continue
        inferences.append(M.Inference(iid, tuple(premises), draw(st.sampled_from(rest)),
                                      draw(maybe(texty)), draw(lines), draw(maybe(st.just("3"))),
                                      draw(maybe(texty))))
    relations = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["supports", "attacks", "contradicts", "undercuts", "promotes"]))
        src = draw(st.sampled_from(ids))
        pool = {"undercuts": [i.id for i in inferences], "promotes": val_ids}.get(kind, ids)
        pool = [p for p in pool if p != src]
        if not pool:
            continue
        long_form = long_relations and draw(st.booleans())
        relations.append(M.Relation(src, kind, draw(st.sampled_from(pool)),
                                    draw(maybe(texty)) if long_form else None,
                                    draw(lines) if long_form else (), None,
                                    draw(maybe(texty)) if long_form else None))
    relations = list({(r.source, r.kind, r.target, r.context): r for r in relations}.values())
    vals = [M.Value(v, draw(texty), draw(st.sampled_from(["purpose", "instrumental"])), draw(lines))
            for v in val_ids]
    value_relations = []
    if len(val_ids) >= 2:
        a, b = val_ids[:2]
        value_relations.append(M.ValueRelation(a, draw(st.sampled_from(M.VALUE_RELATIONS)), b,
                                               draw(maybe(texty)), draw(lines)))
    return M.ArgumentMap(
        title=draw(texty), thesis=draw(maybe(st.sampled_from(ids))), source_name=draw(maybe(texty)),
        sections=tuple(sections), references=tuple(refs), statements=tuple(statements),
        inferences=tuple(inferences), relations=tuple(relations), values=tuple(vals),
        value_relations=tuple(value_relations))


def norm_ws(text):
    """Argdown's whitespace normalisation of texts (it has no line breaks in a statement)."""
    return None if text is None else re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")


def meaning(amap: M.ArgumentMap) -> tuple:
    """What a lossless interchange round trip keeps: everything but order and inline flags."""
    c = amap.canonical()
    return (c.title, c.thesis, c.source_name, c.sections, tuple(sorted(c.references, key=lambda r: r.id)),
            tuple(sorted(c.statements, key=lambda s: s.id)), tuple(sorted(c.inferences, key=lambda i: i.id)),
            c.relations, tuple(sorted(c.values, key=lambda v: v.id)), c.value_relations)


NODE_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "node"


# -- the Argdown reference implementation ------------------------------------------------------

def argdown_cli() -> str | None:
    """The ``argdown`` executable of @argdown/cli 1.x, when installed (never downloaded):
    $ARGDOWN_CLI, ``argdown`` on PATH, or node_modules/.bin/argdown under $ARGDOWN_REF or the
    checkout's .cache/node (where `bash .ci/bootstrap` installs it)."""
    candidates = [os.environ.get("ARGDOWN_CLI"), shutil.which("argdown")]
    for base in (os.environ.get("ARGDOWN_REF"), str(NODE_CACHE)):
        if base:
            candidates.append(os.path.join(base, "node_modules", ".bin", "argdown"))
    for c in candidates:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            try:
                out = subprocess.run([c, "--version"], capture_output=True, text=True, timeout=60)
            except (OSError, subprocess.SubprocessError):
                continue
            if out.returncode == 0 and out.stdout.strip().startswith("1."):
                return c
    return None


def argdown_cli_or_skip() -> str:
    cli = argdown_cli()
    if cli is None:
        pytest.skip("@argdown/cli 1.x is not installed: `bash .ci/bootstrap test` installs it into "
                    ".cache/node (or set ARGDOWN_CLI / ARGDOWN_REF) to compare with the reference")
    return cli


def argdown_json_exports(cli: str, files: list[Path], outdir: Path) -> tuple[dict[str, dict], str]:
    """Run ``argdown json`` once over *files* (copied into one folder); the exports by stem and
    the tool's stderr."""
    import json
    src = outdir / "in"
    out = outdir / "out"
    src.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copyfile(f, src / f.name)
    proc = subprocess.run([cli, "json", str(src / "*.argdown"), str(out)], capture_output=True,
                          text=True, timeout=600)
    exports = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    return exports, proc.stderr + proc.stdout


# -- contract tests over every interchange format ----------------------------------------------

def test_formats_are_registered():
    for name in INTERCHANGE:
        fmt = registry.get(name)
        assert fmt.extensions, name
    assert {"argdown", "aif", "kialo", "graphml"} <= set(registry.readable())
    assert {"argdown", "aif", "graphml", "mermaid"} <= set(registry.writable())
    assert "kialo" not in registry.writable() and "mermaid" not in registry.readable()


@pytest.mark.parametrize("name", ["argdown", "aif", "graphml", "mermaid"])
def test_writers_are_deterministic_on_the_examples(name):
    fmt = registry.get(name)
    for path in sorted(GRAPHS.glob("*.yaml")):
        amap = argmap.load(str(path))
        assert fmt.write(amap) == fmt.write(argmap.load(str(path)))


@pytest.mark.parametrize("name", ["argdown", "aif", "graphml"])
def test_examples_round_trip(name):
    fmt = registry.get(name)
    for path in sorted(GRAPHS.glob("*.yaml")):
        amap = argmap.load(str(path))
        again = fmt.read(fmt.write(amap), f"copy.{name}")
        if name == "argdown":
            assert sorted(again.statements, key=lambda s: s.id) == sorted(amap.statements, key=lambda s: s.id)
            assert again.canonical().relations == amap.canonical().relations
            assert again.inferences == amap.inferences and again.values == amap.values
        else:
            assert meaning(again) == meaning(amap)


@pytest.mark.parametrize("path, text, expected", [
    ("x.argdown", None, "argdown"), ("x.graphml", None, "graphml"), ("x.aif", None, "aif"),
    ("x.json", '{"nodes": [{"nodeID": 0, "type": "I", "text": "a"}], "edges": []}', "aif"),
    ("x.json", '{"AIF": {"nodes": []}, "OVA": {}}', "aif"),
    ("x.txt", "Discussion Title: T\n\n1. A thesis\n", "kialo"),
    ("x.txt", "Discussion Name:\nT\n\n1. Thesis:\nA thesis\n", "kialo"),
    ("x.txt", "<?xml version='1.0'?>\n<graphml xmlns='http://graphml.graphdrawing.org/xmlns'/>", "graphml"),
    ("x.txt", "[A]: text\n  + [B]: more\n", "argdown"),
    ("x.txt", "just some words", None),
])
def test_guess(path, text, expected):
    fmt = registry.guess(path, text)
    assert (fmt.name if fmt else None) == expected


@SETTINGS
@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_readers_raise_only_argmap_errors(text):
    for name in ("argdown", "aif", "kialo", "graphml"):
        try:
            registry.get(name).read(text, f"fuzz.{name}")
        except ArgmapError as exc:
            assert exc.diagnostics and all(d.location.path == f"fuzz.{name}" for d in exc.diagnostics)


JSONISH = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=5),
                       lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                           st.sampled_from(["nodes", "edges", "nodeID", "type", "text", "fromID", "toID",
                                            "AIF", "locutions", "argmap", "scheme", "x"]), kids, max_size=5),
                       max_leaves=25)
AIF_NODE = st.fixed_dictionaries({"nodeID": st.integers(0, 6) | st.sampled_from(["a", "", "7 x"]),
                                  "type": st.sampled_from(["I", "RA", "CA", "MA", "PA", "L", "YA", "TA", "X"]),
                                  "text": st.text(max_size=8)})
AIF_EDGE = st.fixed_dictionaries({"fromID": st.integers(0, 7), "toID": st.integers(0, 7)})


@SETTINGS
@given(JSONISH | st.fixed_dictionaries({"nodes": st.lists(AIF_NODE, max_size=10),
                                        "edges": st.lists(AIF_EDGE, max_size=14)}))
def test_aif_reader_survives_any_json(data):
    import json
    from argmap.formats.aif import read_aif_with_diagnostics
    try:
        amap, diags = read_aif_with_diagnostics(json.dumps(data), "fuzz.json")
    except ArgmapError as exc:
        assert exc.diagnostics
        return
    for d in diags:
        assert d.location.path == "fuzz.json" and d.location.line >= 1
