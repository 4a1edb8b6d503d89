"""`argmap serve` (the live preview) and `argmap watch`: the server over real HTTP on loopback,
the page in a real browser (Debian's Chromium driven by Playwright), map files edited on disk
as an editor saves them."""
from __future__ import annotations

import http.client
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import CHROMIUM, GRAPHS

EXAMPLE = GRAPHS / "drowning-child.yaml"
P2_TEXT = ("If we can prevent something bad without sacrificing anything of comparable moral "
           "importance, we ought to do it.")


@pytest.fixture
def example(tmp_path) -> Path:
    """A copy of the example map (and its BibTeX file) that the tests may edit."""
    for name in ("drowning-child.yaml", "drowning-child.bib"):
        shutil.copy(GRAPHS / name, tmp_path / name)
    return tmp_path / "drowning-child.yaml"


@pytest.fixture
def live(example):
    from argmap.serve import LiveServer

    server = LiveServer(str(example)).start()
    yield server
    server.stop()


def save(path: Path, text: str) -> None:
    """Save as many editors do: write a new file beside it, then rename it over the old one."""
    tmp = path.with_name(path.name + ".tmp~")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def wait_until(predicate, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("timed out")


def request(server, path: str = "/", *, method: str = "GET", host: str | None = None):
    port = server.http.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest(method, path, skip_host=True)
    conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    conn.endheaders()
    resp = conn.getresponse()
    body = resp.read() if path.split("?")[0] != "/events" else b""
    return resp, body, conn


# -- the server, over HTTP ---------------------------------------------------------------------
def test_binds_loopback_and_serves_the_page(live):
    assert live.http.server_address[0] == "127.0.0.1"
    resp, body, _ = request(live)
    assert resp.status == 200 and resp.getheader("Content-Type") == "text/html; charset=utf-8"
    assert resp.getheader("Cache-Control") == "no-store"
    page = body.decode("utf-8")
    assert '<meta name="argmap-live" content="1">' in page
    assert P2_TEXT in page
    import html
    csp = html.unescape(page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0])
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp
    assert csp.count("sha256-") >= 3   # page script, live script, style


def test_refuses_other_hosts_paths_and_methods(live, example):
    port = live.http.server_address[1]
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1:{port + 1}", "", f"[::1]:{port}"):
        resp, body, _ = request(live, host=host)
        assert resp.status == 403, host
        assert b"argmap" not in body and b"<html" not in body
    assert request(live, host=f"localhost:{port}")[0].status == 200
    for path in ("/drowning-child.yaml", "/drowning-child.bib", "/../drowning-child.yaml", "/%2e%2e/etc/passwd",
                 "/etc/passwd", "//etc/passwd", "/index.html", "/static/", f"/{example}", "/events/x"):
        resp, body, _ = request(live, path)
        assert resp.status == 404, path
        assert b"Singer" not in body
    for method in ("POST", "PUT", "DELETE"):
        assert request(live, method=method)[0].status == 405
    assert request(live, method="POST", host="evil.example")[0].status == 403


def events(live, count: int, timeout: float = 20.0) -> list[dict]:
    """The first *count* states the event stream sends."""
    port = live.http.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", "/events")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    out, block = [], []
    while len(out) < count:
        line = resp.readline().decode("utf-8")
        assert line, "the stream closed"
        if line != "\n":
            block.append(line.rstrip("\n"))
            continue
        if "event: state" in block:
            out.append(json.loads(next(x for x in block if x.startswith("data: "))[6:]))
        block = []
    conn.close()
    return out


def test_event_stream_sends_the_state_then_each_change(live, example):
    got: list[dict] = []
    reader = threading.Thread(target=lambda: got.extend(events(live, 3)))
    reader.start()
    wait_until(lambda: got or reader.is_alive())
    time.sleep(0.3)
    text = example.read_text(encoding="utf-8")
    save(example, text.replace("    kind: thesis\n", "    kind: thesis\n    supports: [NOPE]\n", 1))
    wait_until(lambda: live.live.errors)
    save(example, text.replace(P2_TEXT, "A changed principle."))
    reader.join(timeout=30)
    assert [g["version"] for g in got] == [1, 1, 2]
    assert got[0]["errors"] == [] and got[2]["errors"] == []
    assert any("error[unknown-id]" in e and "NOPE" in e for e in got[1]["errors"])


def test_rebuilds_only_what_changed(example):
    from argmap.serve import LiveMap

    live = LiveMap(str(example))
    assert live.rebuild() and live.version == 1
    layouts = len(live._svgs)
    assert layouts == 2            # the figure and the value hierarchy
    text = example.read_text(encoding="utf-8")
    example.write_text(text + "# a comment changes nothing\n", encoding="utf-8")
    assert not live.rebuild() and live.version == 1
    example.write_text(text.replace(P2_TEXT, "A changed principle."), encoding="utf-8")
    assert live.rebuild() and live.version == 2
    assert len(live._svgs) == layouts + 1   # a new figure; the value hierarchy was not laid out again
    assert "A changed principle." in live.page.decode("utf-8")


def test_invalid_map_keeps_the_last_good_page(example):
    from argmap.serve import LiveMap

    live = LiveMap(str(example))
    live.rebuild()
    good = live.page
    example.write_text("argmap: 1\ntitle: [unclosed\n", encoding="utf-8")
    assert live.rebuild()
    assert live.page == good and live.version == 1
    assert live.errors and live.errors[0].startswith(f"{example}:")
    assert "error[yaml-syntax]" in live.errors[0]


def test_offline_page_has_no_live_code(example):
    from argmap.page import build_page
    from argmap.loader import load

    page = build_page(load(str(example)))
    assert "argmap-live" not in page and "EventSource" not in page and "connect-src" not in page


def test_stops_cleanly(example):
    from argmap.serve import LiveServer

    server = LiveServer(str(example)).start()
    port = server.http.server_address[1]
    got: list = []
    reader = threading.Thread(target=lambda: got.append(events(server, 1)), daemon=True)
    reader.start()
    wait_until(lambda: got)
    before = threading.active_count()
    server.stop()
    assert all(not t.is_alive() for t in server._threads)
    assert threading.active_count() <= before
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")


def test_watch_rebuilds_a_figure(example, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "fig.svg"
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "watch", str(example), "-o", str(out), "--ids"],
                            stderr=subprocess.PIPE, text=True)
    try:
        while "argmap watch: rebuilding" not in proc.stderr.readline():   # the watcher runs
            assert proc.poll() is None
        first = out.read_bytes()
        assert b">T<" in first or b"T</text>" in first     # --ids was passed on to render
        text = example.read_text(encoding="utf-8")
        save(example, text.replace(P2_TEXT, "Rebuilt on change."))
        wait_until(lambda: b"Rebuilt on change." in out.read_bytes(), 60)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# -- the page, in a browser ------------------------------------------------------------------
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: the browser tests need Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: m.type == "error" and errors.append(m.text))
    pg.goto(live.url)
    pg.wait_for_function("() => window.argmapReady !== undefined && window.argmapLive && window.argmapLive.connected")
    yield pg
    context.close()
    assert errors == []


def test_browser_page_follows_edits_and_keeps_the_place(page, example):
    page.evaluate("window.argmap.select('P2'); window.argmap.zoom(2.5, 300, 400)")
    view = page.evaluate("window.argmap.viewBox")
    text = example.read_text(encoding="utf-8")
    save(example, text.replace(P2_TEXT, "We ought to prevent bad things when it costs us little."))
    page.wait_for_function("() => document.querySelector('meta[name=argmap-live]').content === '2'")
    page.wait_for_function("() => window.argmapReady !== undefined")
    assert page.evaluate("window.argmap.current") == "P2"
    assert page.text_content("#am-details-text") == "We ought to prevent bad things when it costs us little."
    assert page.get_attribute("#am-tab-map", "aria-selected") == "true"
    after = page.evaluate("window.argmap.viewBox")
    for k in ("x", "y", "w", "h"):
        assert after[k] == pytest.approx(view[k], rel=1e-3, abs=0.5)
    assert page.locator("#am-live-errors").count() == 0
    # another tab is kept too
    page.evaluate("window.argmap.activate('outline')")
    save(example, text)
    page.wait_for_function("() => document.querySelector('meta[name=argmap-live]').content === '3'")
    page.wait_for_function("() => window.argmapReady !== undefined")
    assert page.get_attribute("#am-tab-outline", "aria-selected") == "true"
    assert page.evaluate("window.argmap.current") == "P2"


def test_browser_shows_errors_above_the_last_good_map_then_clears_them(page, example):
    text = example.read_text(encoding="utf-8")
    page.evaluate("window.argmap.select('C1')")
    save(example, text.replace("    kind: thesis\n", "    kind: these\n", 1))
    page.wait_for_selector("#am-live-errors")
    shown = page.text_content("#am-live-errors")
    assert "error[" in shown and "drowning-child.yaml:" in shown and "these" in shown
    # the last good map stays, with the reader's selection, and the page did not reload
    assert page.evaluate("window.argmap.current") == "C1"
    assert page.get_attribute("meta[name=argmap-live]", "content") == "1"
    assert page.locator("#n-T").count() == 1
    box = page.locator("#am-live-errors").bounding_box()
    assert box["y"] <= page.locator(".am-header").bounding_box()["y"]   # above the map
    save(example, text)
    page.wait_for_selector("#am-live-errors", state="detached")
    assert page.get_attribute("meta[name=argmap-live]", "content") == "1"   # same map: no new page
    assert page.evaluate("window.argmap.current") == "C1"


def test_ctrl_c_stops_the_command(example):
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "argmap", "serve", str(example), "--no-open"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while " at http://127.0.0.1:" not in line:
            line = proc.stderr.readline()
            assert line, "the server stopped before it served"
        url = line.split(" at ", 1)[1].split()[0]
        port = int(url.rsplit(":", 1)[1].strip("/"))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status == 200
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=20)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert "argmap serve: stopped" in rest and "Traceback" not in rest
