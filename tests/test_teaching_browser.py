"""The teaching features of the page in a real browser (Debian's Chromium via Playwright): the
exercise modes, the teacher's tour, the generated tour's wording, the opening view and the map
pane's share of the screen.  Every test also checks that the page logged no error and asked the
network for nothing."""
from __future__ import annotations

import re

import pytest
from conftest import GRAPHS
from test_exercise import TOUR_MAP
from test_html_browser import Session, browser  # noqa: F401  (the browser fixture)

EXAMPLE = GRAPHS / "drowning-child.yaml"
FLAGSHIP = GRAPHS / "icc-thesis.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from argmap.page import build_page
    from argmap.loader import load, loads

    folder = tmp_path_factory.mktemp("teaching")
    example = load(str(EXAMPLE))
    pages = {"types": build_page(example, exercise="types"),
             "targets": build_page(example, exercise="targets"),
             "example": build_page(example),
             "flagship": build_page(load(str(FLAGSHIP))),
             "room": build_page(loads(TOUR_MAP, "room.yaml")),
             "tiny": build_page(loads("argmap: 1\ntitle: tiny\nthesis: T\nstatements:\n  - {id: T, kind: thesis, "
                                      "text: A short thesis.}\n  - {id: P, kind: premise, text: A reason., "
                                      "supports: [T]}\n", "tiny.yaml")),
             "teacher": build_page(loads(TOUR_MAP + "tour:\n  - {id: T, text: 'Searle''s conclusion, in his words.'}\n"
                                         "  - {id: R1, text: \"Searle's answer to the systems reply.\"}\n",
                                         "room.yaml"))}
    out = {}
    for name, page in pages.items():
        out[name] = folder / f"{name}.html"
        out[name].write_text(page, encoding="utf-8")
    return out


@pytest.fixture
def session(browser):  # noqa: F811
    opened = []

    def open_(path, fragment="", viewport=(1400, 900)):
        s = Session(browser, path, fragment, viewport)
        opened.append(s)
        return s
    yield open_
    for s in opened:
        s.check_clean()
        s.context.close()


def key(s):
    return s.page.evaluate("JSON.parse(new TextDecoder().decode(Uint8Array.from(atob("
                           "window.argmap.data.exercise.key.split('').reverse().join('')), c => c.charCodeAt(0))))")


# -- the exercise ----------------------------------------------------------------------------------
def test_types_exercise(built, session, tmp_path):
    s = session(built["types"])
    page = s.page
    text = page.inner_text("body")
    answers = key(s)
    assert not any(a["why"] in text for a in answers)              # no spoiler before an answer
    assert "IN " not in page.inner_text(".am-stats") and not page.is_visible("#am-show-eval")
    assert not page.is_visible("#am-tab-outline") and not page.is_visible("#am-tour-start")
    assert page.locator("#am-figure g.node.st").count() == 12
    # the first question: P1 (now S2) is a linked premise of the thesis: "supports" is right
    first = page.locator(".ex-q").nth(0)
    first.locator('.ex-choice[data-answer="attacks"]').click()
    assert "wrong" in first.get_attribute("class")
    assert first.locator(".ex-feedback").inner_text().startswith("Not quite. ")
    first.locator('.ex-choice[data-answer="supports"]').click()
    assert "ok" in first.get_attribute("class").split()
    assert "linked premises" in first.locator(".ex-feedback").inner_text()
    assert page.inner_text("#am-ex-score").startswith("0 of 10 right at the first try (1 answered)")
    # an undercut, answered right at once
    n = next(i for i, a in enumerate(answers) if a["k"] == "undercuts")
    q = page.locator(f'.ex-q[data-q="{n}"]')
    q.locator('.ex-choice[data-answer="undercuts"]').click()
    assert q.locator(".ex-feedback").inner_text().startswith("Right. ")
    assert "grants the reasons" in q.locator(".ex-feedback").inner_text()
    assert page.evaluate("window.argmap.exercise.score") == {"right": 1, "answered": 2, "total": 10}
    # a question's statements open in the details panel (and the map) when clicked
    q.locator("a.ex-st").first.click()
    assert s.current() is not None and s.current().startswith("S")
    page.screenshot(path=str(tmp_path / "exercise-types.png"))


def test_targets_exercise(built, session, tmp_path):
    s = session(built["targets"])
    page = s.page
    assert page.locator("#am-figure g.edge").count() == 0
    answers = key(s)
    n = next(i for i, a in enumerate(answers) if a["k"] == "attacks")
    q = page.locator(f'.ex-q[data-q="{n}"]')
    assert "attacks which statement?" in q.inner_text()
    sel = q.locator("select.ex-target")
    sel.focus()
    assert sel.locator("option").count() == 13                      # "choose" and the 12 statements
    wrong = next(o for o in sel.locator("option").all_inner_texts()[1:] if not o.startswith("Distance"))
    sel.select_option(label=wrong)
    assert "wrong" in q.get_attribute("class").split()
    sel.select_option(value=answers[n]["t"])
    assert "ok" in q.get_attribute("class").split()
    assert page.evaluate("window.argmap.exercise.score")["right"] == 0
    page.screenshot(path=str(tmp_path / "exercise-targets.png"))


# -- tours ----------------------------------------------------------------------------------------------
def test_generated_tour_speaks_in_words_not_ids(built, session):
    s = session(built["room"])
    tour = s.page.evaluate("window.argmap.data.tour")
    ids = {st["id"] for st in s.page.evaluate("window.argmap.data.statements")} | {"I1"}
    s.page.click("#am-tour-start")
    said = []
    for i in range(len(tour)):
        if i:
            s.page.click("#am-tour-next")
        said.append(s.page.inner_text("#am-tour-text"))
    for text in said:
        assert not any(re.search(rf"\b{re.escape(x)}\b", text) for x in ids), text
    assert said[0].startswith("The thesis: \u201cRunning a program is not enough")
    assert said[1].startswith("The position under attack: \u201cA computer that runs the right program")
    assert said[2].startswith("One of the linked premises for \u201cRunning a program")
    assert "only together with \u201cThe computer does nothing more" in said[2]
    assert said[4].startswith("An objection to \u201cRunning a program")
    assert said[5].startswith("An answer to the objection \u201cThe whole system understands")


def test_teacher_tour(built, session):
    s = session(built["teacher"])
    s.page.click("#am-tour-start")
    assert "step 1 of 2" in s.page.text_content("#am-tour-pos")
    assert s.page.inner_text("#am-tour-text").startswith("Searle's conclusion, in his words.")
    s.page.click("#am-tour-next")
    assert s.current() == "R1"
    assert s.page.inner_text("#am-tour-text").startswith("Searle's answer to the systems reply.")


# -- readable on arrival ---------------------------------------------------------------------------------
def test_flagship_opens_readable_around_the_thesis(built, session, tmp_path):
    s = session(built["flagship"])
    page = s.page
    view = page.evaluate("(() => { const r = document.getElementById('am-viewport').getBoundingClientRect();"
                         " const v = window.argmap.viewBox; return {scale: r.width / v.w, x: v.x, y: v.y, w: v.w, h: v.h}; })()")
    assert view["scale"] >= 1.2                                   # 9-point text at 11 px or more
    thesis = page.evaluate("(() => { const g = document.getElementById('n-T'), b = g.getBBox(),"
                           " m = g.ownerSVGElement.querySelector('g.graph').transform.baseVal.consolidate().matrix;"
                           " return {x: m.a * b.x + m.e, y: m.d * b.y + m.f, w: b.width, h: b.height}; })()")
    assert view["x"] <= thesis["x"] and thesis["x"] + thesis["w"] <= view["x"] + view["w"]
    assert view["y"] <= thesis["y"] and thesis["y"] + thesis["h"] <= view["y"] + view["h"]
    assert page.locator("#n-T text").first.is_visible()
    page.screenshot(path=str(tmp_path / "flagship-opening.png"))


def test_small_map_opens_whole(built, session):
    s = session(built["tiny"])
    vb = s.page.evaluate("(({x, y, w, h}) => [x, y, w, h])(window.argmap.viewBox)")
    s.page.evaluate("window.argmap.fit(false)")
    assert s.page.evaluate("(({x, y, w, h}) => [x, y, w, h])(window.argmap.viewBox)") == pytest.approx(vb)
    s2 = session(built["example"])                 # wider than its pane: readable, around the thesis
    assert s2.page.evaluate("document.getElementById('am-viewport').getBoundingClientRect().width"
                            " / window.argmap.viewBox.w") == pytest.approx(1.25)
    assert s2.page.locator("#n-T text").first.is_visible()


@pytest.mark.parametrize("width", [1400, 1100])
def test_map_pane_gets_the_larger_share(built, session, width):
    s = session(built["example"], viewport=(width, 900))
    widths = s.page.evaluate("['.am-list', '.am-views', '.am-side'].map(q => document.querySelector(q)"
                             ".getBoundingClientRect().width)")
    assert widths[1] > widths[0] + widths[2]
    assert widths[1] > 0.55 * width
