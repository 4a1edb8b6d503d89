"""The interactive page in a real browser: Debian's Chromium driven by Playwright, pages opened
from disk (file://).  Every test also checks that the page logged no error and asked the network
for nothing (the only request is the page's own file URL).  Screenshots go to the test's
tmp_path."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import CHROMIUM, GRAPHS
from test_html import INJECTED_TITLE, INJECTIONS, generated_document, write_injection_map

EXAMPLE = GRAPHS / "drowning-child.yaml"
FLAGSHIP = GRAPHS / "icc-thesis.yaml"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: the browser tests need Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; the browser is Debian's "
                    "Chromium, so no 'playwright install')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The built pages, by name: example, flagship, injection."""
    from argmap.page import build_page
    from argmap.loader import load

    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name, path in (("example", EXAMPLE), ("flagship", FLAGSHIP),
                       ("injection", write_injection_map(folder))):
        target = folder / f"{name}.html"
        target.write_text(build_page(load(str(path))), encoding="utf-8")
        out[name] = target
    return out


class Session:
    """One page in a fresh context, with what it logged, requested and showed as dialogs."""

    def __init__(self, browser, path: Path, fragment: str = "", viewport=(1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.page.set_default_timeout(10000)
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_function("() => window.argmapReady !== undefined", timeout=20000)

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.dialogs == []
        assert [u.split("#")[0] for u in self.requests] == [self.url], self.requests

    def details_text(self) -> str:
        return self.page.text_content("#am-details-text")

    def current(self):
        return self.page.evaluate("window.argmap.current")

    def hash(self) -> str:
        return self.page.evaluate("decodeURIComponent(location.hash)")


@pytest.fixture
def session(browser):
    opened = []

    def open_(path, fragment="", **kw):
        s = Session(browser, path, fragment, **kw)
        opened.append(s)
        return s
    yield open_
    for s in opened:
        s.check_clean()
        s.context.close()


def statement(data, sid):
    return next(s for s in data["statements"] if s["id"] == sid)


def page_data(s: Session) -> dict:
    return s.page.evaluate("window.argmap.data")


WHICH = ["example", "flagship"]


# -- loading -----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WHICH)
def test_loads_offline_and_fast(pages, session, name, tmp_path):
    s = session(pages[name])
    ready = s.page.evaluate("window.argmapReady")
    assert ready < 3000        # generous for loaded CI machines; bench/bench_html.py measures
    assert s.page.get_attribute("html", "data-ready") == "true"
    n = len(page_data(s)["statements"])
    assert s.page.text_content("#am-count") == f"{n} statements"
    assert s.page.locator("#am-results > li:not(.more)").count() == min(n, 80)
    s.page.screenshot(path=str(tmp_path / f"{name}-start.png"))


# -- details ------------------------------------------------------------------------------------
def test_click_in_figure_shows_details_example(pages, session, tmp_path):
    s = session(pages["example"])
    s.page.click("#n-C1")
    assert s.current() == "C1"
    assert s.details_text() == "Distance does not change what we owe to someone in need."
    details = s.page.text_content("#am-details")
    assert "2 \u2014 The pond" in details                       # section with its title
    assert "[singer1972, 232]" in details and "Peter Singer" in details
    assert "Attacked by" in details and "O1" in details          # what attacks it
    assert "Supports" in details and "P3" in details             # what it supports
    assert "accepted" in details and "C1 is IN" in details       # label and explanation
    assert s.hash() == "#C1"
    # neighbourhood: C1 itself, its attacker, and what it supports
    assert "hl-self" in s.page.get_attribute("#n-C1", "class")
    assert "hl-att" in s.page.get_attribute("#n-O1", "class")
    assert "hl-down" in s.page.get_attribute("#n-P3", "class")
    s.page.screenshot(path=str(tmp_path / "example-C1.png"))


def test_details_of_linked_premises_and_undercut(pages, session):
    s = session(pages["example"], "#T")
    details = s.page.text_content("#am-details")
    assert "together (inference I1, modus ponens on a moral principle)" in details
    assert "undercuts inference I1" in details
    assert "hl-up" in s.page.get_attribute("#n-E1", "class")     # holds T up, transitively
    assert "hl-att" in s.page.get_attribute("#n-O3", "class")
    # the details' own links select
    s.page.click("#am-details button[data-id='P2']")
    assert s.current() == "P2" and s.hash() == "#P2"


def test_click_in_figure_flagship(pages, session, tmp_path):
    s = session(pages["flagship"])
    data = page_data(s)
    target = next(st for st in data["statements"] if st.get("cites") and st.get("section") and st.get("lines"))
    s.page.click("#am-zoom-fit")                     # the flagship opens around its thesis
    s.page.wait_for_timeout(400)
    s.page.click(f"[id='n-{target['id']}']")
    assert s.current() == target["id"]
    assert s.details_text() == target["text"]
    details = s.page.text_content("#am-details")
    assert "lines " + target["lines"] in details
    assert f"[{target['cites'][0]['ref']}" in details
    s.page.wait_for_timeout(400)
    s.page.screenshot(path=str(tmp_path / "flagship-click.png"))


def test_keyboard_access(pages, session):
    s = session(pages["example"])
    # the list: focus the first result, arrow down, Enter selects
    s.page.focus("#am-results button")
    s.page.keyboard.press("ArrowDown")
    s.page.keyboard.press("Enter")
    assert s.current() == "P1"
    assert s.page.text_content("#am-announce") == "Showing P1, premise, IN, in the details panel"
    # the figure: the thesis is the roving tab stop; arrows move between statements, Enter opens
    s.page.focus("#am-viewport")
    s.page.keyboard.press("Tab")
    focused = s.page.evaluate("document.activeElement.id")
    assert focused.startswith("n-")
    s.page.keyboard.press("ArrowDown")
    moved = s.page.evaluate("document.activeElement.id")
    assert moved.startswith("n-") and moved != focused
    s.page.keyboard.press("Enter")
    assert s.current() == moved[2:]
    assert s.page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(moved[2:] + ", ")
    # Escape clears the selection
    s.page.focus("#am-tab-map")
    s.page.keyboard.press("Escape")
    assert s.current() is None and s.hash() == ""


def test_skip_link_opens_the_outline(pages, session):
    s = session(pages["example"])
    s.page.keyboard.press("Tab")
    assert s.page.evaluate("document.activeElement.className") == "skip"
    s.page.keyboard.press("Enter")
    assert s.page.is_visible("#am-outline-panel")
    assert s.page.evaluate("document.activeElement.id") == "am-outline-panel"


def test_focus_is_visible(pages, session):
    s = session(pages["example"])
    s.page.focus("#am-search")
    s.page.keyboard.press("Tab")     # keyboard focus on a chip's checkbox
    outline = s.page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


# -- search and filters -------------------------------------------------------------------------
def test_search_example(pages, session):
    s = session(pages["example"])
    s.page.fill("#am-search", "drowning")
    s.page.wait_for_function("() => document.getElementById('am-count').textContent.includes('match')")
    ids = s.page.eval_on_selector_all("#am-results button", "bs => bs.map(b => b.dataset.id)")
    assert ids == ["E1", "R2"]
    assert s.page.text_content("#am-count") == "2 of 12 statements match"
    assert "filtering" in s.page.get_attribute("#am-figure", "class")
    assert "match" in s.page.get_attribute("#n-E1", "class")
    assert "match" not in s.page.get_attribute("#n-T", "class")
    assert s.page.locator("#am-results mark").first.text_content().lower() == "drowning"
    # by id: the exact id first; Enter opens the first match
    s.page.fill("#am-search", "o2")
    s.page.wait_for_function("() => document.querySelector('#am-results button').dataset.id === 'O2'")
    s.page.press("#am-search", "Enter")
    assert s.current() == "O2"
    # nothing found
    s.page.fill("#am-search", "zzzz-nothing")
    s.page.wait_for_function("() => document.getElementById('am-count').textContent.startsWith('0 of')")
    assert s.page.locator("#am-results button").count() == 0
    s.page.click("#am-clear")
    assert s.page.text_content("#am-count") == "12 statements"


def test_search_flagship(pages, session):
    s = session(pages["flagship"])
    data = page_data(s)
    expected = [st["id"] for st in data["statements"] if "sovereignty" in st["text"].lower()
                or "sovereignty" in st["id"].lower() or "sovereignty" in (st.get("note") or "").lower()
                or any("sovereignty" in t.lower() for t in st.get("tags", []))]
    ms = s.page.evaluate("() => { const t = performance.now(); const n = window.argmap.search('sovereignty'); "
                         "return [n, performance.now() - t]; }")
    assert ms[0] == len(expected) > 20
    assert ms[1] < 200
    shown = s.page.eval_on_selector_all("#am-results button", "bs => bs.map(b => b.dataset.id)")
    assert shown == expected[:80]                 # incremental: the first chunk
    # scrolling the list brings the rest
    s.page.locator("#am-results li.more").scroll_into_view_if_needed()
    s.page.wait_for_function("() => document.querySelectorAll('#am-results button').length > 80")


def test_kind_and_section_filters(pages, session):
    s = session(pages["example"])
    for box in s.page.query_selector_all(".am-kinds input"):
        if box.get_attribute("value") != "objection":
            box.uncheck()
    ids = s.page.eval_on_selector_all("#am-results button", "bs => bs.map(b => b.dataset.id)")
    assert ids == ["O1", "O2", "O3"]
    s.page.click("#am-clear")
    s.page.select_option("#am-section", "2")
    ids = s.page.eval_on_selector_all("#am-results button", "bs => bs.map(b => b.dataset.id)")
    assert ids == ["E1", "C1"]
    # combined with search and a kind
    s.page.fill("#am-search", "distance")
    s.page.wait_for_function("() => document.querySelectorAll('#am-results button').length === 1")
    assert s.page.get_attribute("#am-results button", "data-id") == "C1"


def test_section_filter_flagship_includes_subsections(pages, session):
    s = session(pages["flagship"])
    data = page_data(s)
    s.page.select_option("#am-section", "1")
    want = [st["id"] for st in data["statements"] if st.get("section") and
            (st["section"] == "1" or st["section"].startswith("1."))]
    assert s.page.text_content("#am-count") == f"{len(want)} of {len(data['statements'])} statements match"


# -- permalinks ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WHICH)
def test_permalink(pages, session, name, tmp_path):
    data_ids = {"example": ("O1", "R1"), "flagship": ("ch1.top", "RQ1")}[name]
    s = session(pages[name], "#" + data_ids[0])
    assert s.current() == data_ids[0]
    assert s.details_text() == statement(page_data(s), data_ids[0])["text"]
    s.page.wait_for_timeout(400)
    s.page.screenshot(path=str(tmp_path / f"{name}-permalink.png"))
    s.page.click(f"#am-results button[data-id='{data_ids[1]}']")
    assert s.hash() == "#" + data_ids[1]
    # the hash changing (a link, the back button) selects too
    s.page.evaluate(f"location.hash = '#{data_ids[0]}'")
    s.page.wait_for_function(f"() => window.argmap.current === '{data_ids[0]}'")


def test_permalink_unknown_id(pages, session):
    s = session(pages["example"], "#nope")
    assert "no statement" in s.page.text_content("#am-details")


# -- checks, outline, values ---------------------------------------------------------------------
@pytest.mark.parametrize("name", WHICH)
def test_checks_panel_links(pages, session, name, tmp_path):
    s = session(pages[name])
    s.page.click("#am-tab-checks")
    assert s.page.is_visible("#am-checks-panel") and not s.page.is_visible("#am-map-panel")
    assert s.page.get_attribute("#am-tab-checks", "aria-selected") == "true"
    findings = page_data(s)["findings"]
    assert s.page.locator(".findings li").count() == len(findings)
    first = s.page.locator(".findings a[data-id]").first
    sid = first.get_attribute("data-id")
    first.click()
    assert s.current() == sid and s.hash() == "#" + sid
    assert s.page.is_visible("#am-checks-panel")                      # the reader stays in the list
    finding = next(f for f in findings if f.get("statement") == sid)
    assert finding["code"] in s.page.text_content("#am-details")       # the details list its findings
    s.page.screenshot(path=str(tmp_path / f"{name}-checks.png"))
    # and from the details, back to the map
    s.page.click("#am-details [data-action=map]")
    assert s.page.is_visible("#am-map-panel")


@pytest.mark.parametrize("name", WHICH)
def test_outline(pages, session, name, tmp_path):
    s = session(pages[name])
    data = page_data(s)
    s.page.click("#am-tab-outline")
    first = s.page.locator("#am-outline-panel > ul.tree > li").first
    assert first.get_attribute("id") == "o-" + data["thesis"]
    # every statement is given once (later mentions point back), in nested lists
    assert s.page.locator("#am-outline-panel li.o-item:not(.again)").count() == len(data["statements"])
    assert s.page.locator("#am-outline-panel ul.tree ul.tree").count() > 0
    assert s.page.locator("#am-outline-panel h3", has_text="Not connected to the thesis").count() == 1
    # a reason of the thesis is nested under it, and its link selects it
    link = s.page.locator(f"#o-{data['thesis']} > ul.tree a.sid").first
    sid = link.text_content()
    link.click()
    assert s.current() == sid
    assert "current" in s.page.get_attribute(f"[id='o-{sid}']", "class")
    s.page.screenshot(path=str(tmp_path / f"{name}-outline.png"))


def test_values_tab(pages, session, tmp_path):
    s = session(pages["example"])
    s.page.click("#am-tab-values")
    assert s.page.is_visible("#am-values-figure")
    s.page.click("#v-welfare")
    assert s.current() == "welfare"
    details = s.page.text_content("#am-details")
    assert "Human welfare" in details and "Promoted by" in details and "P1" in details
    s.page.screenshot(path=str(tmp_path / "example-values.png"))


def test_tabs_keyboard(pages, session):
    s = session(pages["example"])
    s.page.focus("#am-tab-map")
    s.page.keyboard.press("ArrowRight")
    assert s.page.evaluate("document.activeElement.id") == "am-tab-outline"
    assert s.page.is_visible("#am-outline-panel")
    s.page.keyboard.press("End")
    assert s.page.evaluate("document.activeElement.id") == "am-tab-help"
    s.page.keyboard.press("Home")
    assert s.page.is_visible("#am-map-panel")


# -- tour -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", WHICH)
def test_tour(pages, session, name, tmp_path):
    s = session(pages[name])
    tour = page_data(s)["tour"]
    s.page.click("#am-tour-start")
    assert s.page.is_visible("#am-tour")
    assert s.current() == tour[0]["id"] and not tour[0].get("rel")
    assert f"step 1 of {len(tour)}" in s.page.text_content("#am-tour-pos")
    assert "tour-current" in s.page.get_attribute(f"[id='n-{tour[0]['id']}']", "class")
    s.page.click("#am-tour-next")
    assert s.current() == tour[1]["id"]
    assert tour[1]["parent"] in s.page.text_content("#am-tour-text")
    s.page.keyboard.press("ArrowRight")
    assert s.current() == tour[2]["id"]
    s.page.wait_for_timeout(400)
    s.page.screenshot(path=str(tmp_path / f"{name}-tour.png"))
    s.page.keyboard.press("ArrowLeft")
    assert s.current() == tour[1]["id"]
    s.page.click("#am-tour-prev")
    assert s.current() == tour[0]["id"]
    assert s.page.is_disabled("#am-tour-prev")
    s.page.keyboard.press("Escape")
    assert not s.page.is_visible("#am-tour")


# -- pan and zoom ----------------------------------------------------------------------------------
def test_pan_and_zoom(pages, session):
    s = session(pages["flagship"])
    vb = lambda: s.page.evaluate("(({x, y, w, h}) => [x, y, w, h])(window.argmap.viewBox)")
    opening = vb()                                   # readable, around the thesis
    s.page.click("#am-zoom-in")
    assert vb()[2] < opening[2]
    s.page.click("#am-zoom-fit")
    s.page.wait_for_timeout(400)
    start = vb()                                     # the whole map
    assert start[2] > 2 * opening[2]
    s.page.evaluate("window.argmap.fit(false)")
    assert vb() == pytest.approx(start, rel=1e-3)
    box = s.page.locator("#am-viewport").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    s.page.mouse.move(cx, cy)
    s.page.mouse.wheel(0, -500)
    s.page.wait_for_timeout(100)
    zoomed = vb()
    assert zoomed[2] < start[2] / 2
    s.page.mouse.down()
    s.page.mouse.move(cx + 100, cy + 50, steps=5)
    s.page.mouse.up()
    assert vb()[0] < zoomed[0] and vb()[1] < zoomed[1]
    assert s.current() is None                       # a drag is not a click
    s.page.focus("#am-viewport")
    before = vb()
    s.page.keyboard.press("ArrowRight")
    assert vb()[0] > before[0]
    s.page.keyboard.press("-")
    assert vb()[2] > before[2]
    # statement text is drawn when legible: none at the full view, some when zoomed in
    s.page.keyboard.press("0")
    s.page.wait_for_timeout(400)
    assert s.page.locator("#am-figure g.node.tv").count() == 0
    s.page.evaluate("window.argmap.select('T')")
    s.page.wait_for_timeout(500)
    assert 0 < s.page.locator("#am-figure g.node.tv").count() < 200
    assert s.page.locator("#n-T text").first.is_visible()


# -- toggles and print ------------------------------------------------------------------------------
def test_evaluation_and_findings_marks(pages, session):
    s = session(pages["example"])
    s.page.check("#am-show-eval")
    assert "show-eval" in s.page.get_attribute("#am-figure", "class")
    assert "lab-OUT" in s.page.get_attribute("#n-T", "class")
    s.page.check("#am-show-findings")
    assert "has-finding" in s.page.get_attribute("#n-O3", "class")
    s.page.click("#n-C1")
    s.page.uncheck("#am-neighbourhood")
    assert "hl" not in s.page.get_attribute("#n-O1", "class").split()


def test_print_stylesheet(pages, session, tmp_path):
    s = session(pages["example"])
    vb = s.page.evaluate("window.argmap.data && document.getElementById('am-figure').viewBox.baseVal.width")
    s.page.emulate_media(media="print")
    # the whole figure is printed at its own proportions (the print media listener sets it)
    s.page.wait_for_function("() => document.getElementById('am-figure').getAttribute('viewBox').startsWith('0 0 ')")
    ratio = s.page.evaluate("(() => { const r = document.getElementById('am-figure').getBoundingClientRect(); "
                            "const b = document.getElementById('am-figure').viewBox.baseVal; return [r.width / r.height, b.width / b.height]; })()")
    assert ratio[0] == pytest.approx(ratio[1], rel=0.02) and vb
    for hidden in (".am-toolbar", ".am-tabs", ".am-mapbar", ".am-list", ".am-side"):
        assert not s.page.is_visible(hidden), hidden
    assert s.page.is_visible("#am-outline-panel") and s.page.is_visible("#am-figure")
    assert s.page.locator("#n-T text").first.is_visible()
    s.page.screenshot(path=str(tmp_path / "example-print.png"), full_page=True)
    s.page.pdf(path=str(tmp_path / "example.pdf"))
    s.page.emulate_media(media="screen")
    s.page.wait_for_function("() => !document.getElementById('am-figure').getAttribute('viewBox').startsWith('0 0 ')")


def test_narrow_window(pages, session, tmp_path):
    s = session(pages["example"], "#P2", viewport=(700, 900))
    assert s.details_text().startswith("If we can prevent")
    s.page.screenshot(path=str(tmp_path / "example-narrow.png"), full_page=True)


# -- security ----------------------------------------------------------------------------------------
def test_injections_do_not_run_and_show_literally(pages, session, tmp_path):
    s = session(pages["injection"])
    page = s.page
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.title() == INJECTED_TITLE
    assert page.text_content("#am-title") == INJECTED_TITLE
    data = page_data(s)
    for st in data["statements"]:
        page.evaluate("id => window.argmap.select(id)", st["id"])
        assert page.text_content("#am-details-text") == st["text"]
    assert [st["text"] for st in data["statements"]] == INJECTIONS
    # list entries, the outline and the figure show the same texts literally
    page.evaluate("window.argmap.select('T')")
    details = page.text_content("#am-details")
    for text in (INJECTIONS[2], INJECTIONS[3], INJECTIONS[4], INJECTIONS[1]):   # note, tags, pages
        assert text in details
    assert page.locator("#am-details a[href^='javascript']").count() == 0
    page.click("#am-tab-outline")
    outline = page.text_content("#am-outline-panel")
    for text in INJECTIONS:
        assert text.replace("\u2028", "").replace("\u2029", "") in outline.replace("\u2028", "").replace("\u2029", "")
    figure_text = page.evaluate("Array.from(document.querySelectorAll('#n-S3 text')).map(t => t.textContent).join(' ')")
    assert "<img src=x onerror=alert(1)>" in figure_text
    page.fill("#am-search", "<img")
    page.wait_for_function("() => document.querySelectorAll('#am-results button').length === 2")  # S3, T (tag)
    assert page.text_content("#am-results button[data-id='S3'] .snip") == INJECTIONS[3]
    # values and the tour, too
    page.click("#am-tab-values")
    page.click("#v-v1")
    assert INJECTIONS[2] in page.text_content("#am-details")
    page.click("#am-tab-map")
    page.click("#am-tour-start")
    page.click("#am-tour-next")
    page.wait_for_timeout(400)
    page.screenshot(path=str(tmp_path / "injection.png"))
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert s.dialogs == []


def test_csp_blocks_injected_script(pages, session, tmp_path):
    # a script element added to the page (as an injection that got through would be) cannot run
    s = session(pages["example"])
    html = Path(pages["example"]).read_text(encoding="utf-8")
    tampered = tmp_path / "tampered.html"
    tampered.write_text(html.replace("</body>", "<script>window.pwned = 1</script></body>"), encoding="utf-8")
    t = Session(s.page.context.browser, tampered)
    try:
        assert t.page.evaluate("typeof window.pwned") == "undefined"
        assert any("Content Security Policy" in e for e in t.errors)
    finally:
        t.context.close()


# -- a large generated map --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def large_page(tmp_path_factory):
    from argmap.page import build_page
    from argmap.loader import load

    folder = tmp_path_factory.mktemp("large")
    path = folder / "large.json"
    path.write_text(json.dumps(generated_document(2000)), encoding="utf-8")
    target = folder / "large.html"
    target.write_text(build_page(load(str(path))), encoding="utf-8")
    return target


def test_large_map(large_page, session, tmp_path):
    s = session(large_page)
    assert s.page.evaluate("window.argmapReady") < 5000
    assert s.page.text_content("#am-count") == "2000 statements"
    assert s.page.locator("#am-results button").count() == 80            # rendered lazily
    took = s.page.evaluate("() => { const t = performance.now(); window.argmap.search('court law'); "
                           "return performance.now() - t; }")
    assert took < 250
    s.page.fill("#am-search", "s1999")
    s.page.wait_for_function("() => document.querySelector('#am-results button').dataset.id === 's1999'")
    s.page.press("#am-search", "Enter")
    assert s.current() == "s1999"
    s.page.wait_for_timeout(400)
    s.page.screenshot(path=str(tmp_path / "large.png"))


def test_details_say_who_holds_a_reported_view(pages, session):
    """A statement held by someone other than the author says so in its details; the author's
    own statements do not (held-by is shown only where the map gives it)."""
    from argmap.loader import load

    amap = load(str(FLAGSHIP))
    held = next(st for st in amap.statements if st.held_by and st.held_by != "author")
    s = session(pages["flagship"], "#" + held.id)
    assert s.current() == held.id
    assert s.page.text_content("#am-details-held-by") == f"Held by {held.held_by}"
    own = next(st for st in amap.statements if st.held_by is None and st.id != held.id)
    s2 = session(pages["flagship"], "#" + own.id)
    assert s2.current() == own.id and s2.page.locator("#am-details-held-by").count() == 0
