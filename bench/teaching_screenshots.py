"""Make the screenshots of docs/teaching.md (headless Debian Chromium, via Playwright).

Run from the repository root::

    python bench/teaching_screenshots.py            # writes docs/img/teaching-*.png

The pages are built from the example map (graphs/drowning-child.yaml, the model answer) and the
two student answers of docs/examples/teaching/.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# relative to the repository root (the pages show the names they are given)
EXAMPLES = Path("docs") / "examples" / "teaching"
IMG = ROOT / "docs" / "img"
MODEL = Path("graphs") / "drowning-child.yaml"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def argmap(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "argmap.cli", *args], cwd=ROOT, check=False,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    from playwright.sync_api import sync_playwright

    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        argmap("grade", str(EXAMPLES / "student-a.yaml"), "--model", str(MODEL), "--format", "html", "-o", str(t / "a.html"))
        argmap("grade", str(EXAMPLES / "student-b.argdown"), "--model", str(MODEL), "--format", "html",
               "-o", str(t / "b.html"))
        argmap("diff", str(EXAMPLES / "student-a.yaml"), str(EXAMPLES / "student-a-revised.yaml"), "--format", "html",
               "-o", str(t / "diff.html"))
        argmap("html", str(MODEL), "--exercise", "-o", str(t / "exercise.html"))
        argmap("html", str(MODEL), "--exercise", "targets", "-o", str(t / "targets.html"))
        argmap("html", str(MODEL), "-o", str(t / "page.html"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 860})

            def shot(name: str, url: str, then=None) -> None:
                page.goto(url)
                page.wait_for_timeout(500)
                if then:
                    then()
                    page.wait_for_timeout(500)
                page.screenshot(path=str(IMG / f"teaching-{name}.png"))
                print("wrote", os.path.relpath(IMG / f"teaching-{name}.png", ROOT))
            shot("feedback-a", (t / "a.html").as_uri())
            shot("feedback-b", (t / "b.html").as_uri())
            shot("diff", (t / "diff.html").as_uri())

            def answer() -> None:
                page.click('.ex-q[data-q="0"] .ex-choice[data-answer="supports"]')
                page.click('.ex-q[data-q="5"] .ex-choice[data-answer="supports"]')
            shot("exercise", (t / "exercise.html").as_uri(), answer)

            def pick() -> None:
                sel = page.locator('.ex-q[data-q="5"] select.ex-target')
                sel.focus()
                sel.select_option(index=3)
            shot("exercise-targets", (t / "targets.html").as_uri(), pick)

            def tour() -> None:
                page.click("#am-tour-start")
                page.click("#am-tour-next")
                page.click("#am-tour-next")
            shot("tour", (t / "page.html").as_uri(), tour)
            browser.close()


if __name__ == "__main__":
    main()
