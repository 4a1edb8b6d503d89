"""``argmap build``: everything a map yields, into ``output/``, rebuilding only what changed.

For each map: the full figure, one figure per chapter (top-level section), the value hierarchy,
the check report (text and JSON, with the manuscript check when the map names its source), the
evaluation, and the HTML page; then ``output/index.html`` lists what was built.  Every output is
written atomically, and a manifest of input fingerprints (``output/.argmap-build.json``) lets a
rerun skip targets whose inputs did not change; an interrupted build leaves the previous outputs
as they were.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
from dataclasses import dataclass
from typing import Callable

from .output import write_atomic
from .version import __version__

__all__ = ["Target", "plan", "run", "index_page", "output_names", "check_report", "evaluation_report", "href"]

MANIFEST = ".argmap-build.json"
SPLIT_CHAPTER = 60   # chapters with this many statements also get per-section figures


@dataclass
class Target:
    path: str
    kind: str           # figure, values, chapter, check, evaluate, html
    label: str
    make: Callable[[], bytes | str]
    key: str


def fingerprint(*parts) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(repr(p).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def file_digest(paths) -> str:
    h = hashlib.sha256()
    for p in sorted(set(paths)):
        h.update(p.encode())
        try:
            with open(p, "rb") as fh:
                h.update(hashlib.sha256(fh.read()).digest())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


def code_digest() -> str:
    """A fingerprint of argmap itself (its modules, data and templates), so that outputs made
    by another version of the code are rebuilt."""
    from importlib.resources import files

    paths = []
    for package in ("argmap", "argmap.formats", "argmap.templates"):
        root = files(package)
        for entry in root.iterdir():
            if entry.is_file() and entry.name.endswith((".py", ".json", ".j2", ".css", ".js")):
                paths.append(str(entry))
    data_dir = files("argmap").joinpath("data/themes")
    paths.extend(str(e) for e in data_dir.iterdir() if e.name.endswith(".yaml"))
    return file_digest(paths)


def plan(amap, outdir: str, theme: str = "paper", name: str | None = None) -> list[Target]:
    """The targets of one map (their files named from *name*, by default the map's)."""
    from .figure import RENDERERS, RenderOptions, figure_dot
    from .page import build_page
    from .values_figure import values_dot

    name = name or amap.name
    from .manuscript import source_path

    src = source_path(amap)
    inputs = file_digest(list(amap.files) + ([src] if src else []))
    base = (__version__, code_digest(), inputs, theme_digest(theme))
    out: list[Target] = []

    def fig(kind, label, stem, dot_fn, formats):
        cache: dict = {}

        def dot_text():
            if "dot" not in cache:
                cache["dot"] = dot_fn()
            return cache["dot"]
        for fmt in formats:
            out.append(Target(os.path.join(outdir, f"{stem}.{fmt}"), kind, label,
                              (lambda f=fmt: RENDERERS[f].render(dot_text(), RenderOptions())),
                              fingerprint(base, stem, fmt)))

    full = RenderOptions(theme=theme, legend=True)
    fig("figure", "the whole argument", name, lambda: figure_dot(amap, full), ("svg", "pdf"))
    chapters = [s for s in amap.sections if "." not in s.id and any(
        st.section and (st.section == s.id or st.section.startswith(s.id + ".")) for st in amap.statements)]
    for sec in chapters:
        opt = RenderOptions(theme=theme, section=sec.id, legend=True)
        fig("chapter", f"chapter {sec.id}: {sec.title}", f"{name}.section-{sec.id}",
            (lambda o=opt: figure_dot(amap, o)), ("svg", "pdf", "png"))
    # large chapters also get one figure per section, which fits a printed page
    for sec in amap.sections:
        if sec.id.count(".") != 1:
            continue
        members = [st for st in amap.statements
                   if st.section and (st.section == sec.id or st.section.startswith(sec.id + "."))]
        chapter = sec.id.split(".")[0]
        in_chapter = [st for st in amap.statements
                      if st.section and (st.section == chapter or st.section.startswith(chapter + "."))]
        if len(members) >= 8 and len(in_chapter) >= SPLIT_CHAPTER:
            opt = RenderOptions(theme=theme, section=sec.id, legend=True)
            fig("chapter", f"section {sec.id}: {sec.title}", f"{name}.section-{sec.id}",
                (lambda o=opt: figure_dot(amap, o)), ("svg", "pdf", "png"))
    if amap.values:
        contexts = amap.value_system.contexts if amap.value_system and amap.value_system.contexts else None
        fig("values", "the value hierarchy", f"{name}.values",
            lambda: values_dot(amap, RenderOptions(theme=theme), contexts=contexts), ("svg", "pdf", "png"))
    reports: dict = {}

    def report(i):
        if not reports:
            reports.update(enumerate(check_report(amap, src)))
        return reports[i]
    out.append(Target(os.path.join(outdir, f"{name}.check.txt"), "check", "check report (text)",
                      lambda: report(0), fingerprint(base, "check.txt")))
    out.append(Target(os.path.join(outdir, f"{name}.check.json"), "check", "check report (JSON)",
                      lambda: report(1), fingerprint(base, "check.json")))
    out.append(Target(os.path.join(outdir, f"{name}.evaluation.txt"), "evaluate",
                      "evaluation (grounded, support-aware)", lambda: evaluation_report(amap),
                      fingerprint(base, "evaluation")))
    out.append(Target(os.path.join(outdir, f"{name}.html"), "html", "interactive page",
                      lambda: build_page(amap), fingerprint(base, "html")))
    return out


def check_report(amap, src) -> tuple[str, str]:
    """The check report of *amap* as text and as JSON, held against the manuscript *src*."""
    from .checks import run_checks, summary
    from .manuscript import Manuscript, coverage
    from .reports import check_json, check_record, check_text

    ms = Manuscript.read(src) if src else None
    findings = run_checks(amap, source=ms)
    summ = summary(amap, findings)
    if ms is not None:
        summ["coverage"] = coverage(amap, ms)
        summ["source"] = os.path.relpath(src)
    return (check_text(amap.path, findings, summ) + "\n",
            check_json(check_record(amap.path, findings, summ)) + "\n")


def evaluation_report(amap) -> str:
    from .evaluation import evaluate
    from .reports import evaluation_lines

    return "\n".join(evaluation_lines(amap, evaluate(amap), amap.path)) + "\n"


def read_manifest(outdir: str) -> dict:
    try:
        with open(os.path.join(outdir, MANIFEST), encoding="utf-8") as fh:
            data = json.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def run(targets: list[Target], outdir: str, *, force=False, progress=None, inputs=()) -> tuple[int, int]:
    """Make the targets whose fingerprint changed; return (built, skipped)."""
    manifest = read_manifest(outdir)
    built = skipped = 0
    for t in targets:
        rel = os.path.relpath(t.path, outdir)
        if not force and manifest.get(rel) == t.key and os.path.exists(t.path):
            skipped += 1
            if progress:
                progress(t, False)
            continue
        data = t.make()
        write_atomic(t.path, data, inputs=inputs)
        manifest[rel] = t.key
        write_atomic(os.path.join(outdir, MANIFEST), json.dumps(manifest, indent=1, sort_keys=True))
        built += 1
        if progress:
            progress(t, True)
    return built, skipped


def output_names(amaps) -> list[str]:
    """The file-name stem of each map's outputs: its file name without the extension, or, when
    two maps of one build share that stem (``a.yaml`` and ``a.json``), the whole file name, so
    that no map's outputs overwrite another's."""
    stems = [amap.name for amap in amaps]
    return [os.path.basename(amap.path or stem) if stems.count(stem) > 1 else stem
            for amap, stem in zip(amaps, stems)]


def theme_digest(theme: str) -> str:
    """What a theme is made of: a theme file's content counts (editing it rebuilds)."""
    return file_digest([theme]) if os.path.isfile(theme) else theme


def href(path: str, outdir: str) -> str:
    """A link from ``outdir/index.html`` to *path*: relative, starting with ``./`` (so that no
    file name can read as a scheme such as ``javascript:``), every other character percent-encoded."""
    from urllib.parse import quote

    return "./" + quote(os.path.relpath(path, outdir).replace(os.sep, "/"), safe="/")


INDEX_STYLE = "body{font:15px/1.5 serif;max-width:50em;margin:2em auto}a{margin-right:.6em}"


def index_page(entries: list[tuple[str, list[Target]]], outdir: str) -> str:
    """output/index.html: every map and what was built for it, under the same
    Content-Security-Policy as the map pages (nothing remote; the inline style by its hash)."""
    from .page import content_security_policy

    rows = []
    for title, targets in entries:
        rows.append(f"<h2>{html.escape(title)}</h2>\n<ul>")
        groups: dict[str, list[Target]] = {}
        for t in targets:
            groups.setdefault(t.label, []).append(t)
        for label, ts in groups.items():
            links = " ".join(f'<a href="{html.escape(href(t.path, outdir), quote=True)}">'
                             f'{html.escape(os.path.splitext(t.path)[1][1:] or t.path)}</a>' for t in ts)
            rows.append(f"<li>{html.escape(label)}: {links}</li>")
        rows.append("</ul>")
    page = ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"
            f"<title>argmap outputs</title><style>{INDEX_STYLE}</style></head><body>\n<h1>argmap outputs</h1>\n"
            + "\n".join(rows) + "\n</body></html>\n")
    return page.replace("{csp}", html.escape(content_security_policy(page), quote=True))
