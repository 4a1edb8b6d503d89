"""``argmap serve MAP``: the HTML explorer of a map as a live preview, and ``argmap watch``.

Layer: top (beside the CLI); it builds pages with :mod:`argmap.page`.

A :class:`LiveMap` holds the last valid page of a map and its current errors; a watcher thread
(watchfiles) rebuilds it when any file of the map changes (the map, its included parts, its
BibTeX file, the manuscript its ``source.file`` names); a :class:`LiveServer` serves it:

* ``GET /`` is the page, with ``templates/live.js`` injected (and its Content-Security-Policy
  widened by exactly what the script needs: its own hash, and ``connect-src 'self'`` for the
  event stream);
* ``GET /events`` is a stream of server-sent events: the page's version and the current errors,
  sent when either changes.  The page reloads itself on a new version, keeping the reader's
  place; while the map is invalid it keeps the last valid map and shows the located errors
  above it.

Only what changed is rebuilt: a change that leaves the map and the manuscript as they were
(a comment, the layout of the YAML) rebuilds nothing, and Graphviz lays out a figure only when
its DOT changed (the SVG is cached by the DOT's SHA-256).

Safe by construction: it binds to 127.0.0.1 only; it serves the two paths above and nothing
else (no files, no listing); it answers only requests whose ``Host`` is the loopback address
and port it bound (``127.0.0.1:PORT`` or ``localhost:PORT``), which defeats DNS rebinding; it
accepts GET and HEAD only.  Ctrl-C stops the watcher, the event streams and the server.
"""
from __future__ import annotations

import hashlib
import html as _html
import json
import os
import re
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

from . import model as M
from .errors import ArgmapError

__all__ = ["LiveMap", "LiveServer", "serve", "watch_files", "map_files", "layout_cache", "LIVE_SCRIPT"]

LIVE_SCRIPT = "live.js"
KEEPALIVE = 15.0      # seconds between comments on an idle event stream
_CSP_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


# -- building ---------------------------------------------------------------------------------
_LAYOUT_LOCK = threading.Lock()


@contextmanager
def layout_cache(cache: dict[str, bytes]) -> Iterator[None]:
    """While the block runs, Graphviz lays out each DOT text once: the figure functions of
    :mod:`argmap.page` call ``argmap.renderers.graphviz``, which this swaps, under a lock, for a
    version that keeps each result in *cache* by the SHA-256 of the DOT and the format."""
    from . import renderers as render

    with _LAYOUT_LOCK:
        original = render.graphviz

        def cached(dot_text: str, fmt: str, **kwargs) -> bytes:
            key = hashlib.sha256(f"{fmt}\0{sorted(kwargs.items())}\0{dot_text}".encode("utf-8")).hexdigest()
            if key not in cache:
                cache[key] = original(dot_text, fmt, **kwargs)
            return cache[key]

        render.graphviz = cached
        try:
            yield
        finally:
            render.graphviz = original


def map_files(amap: M.ArgumentMap | None, path: str) -> set[str]:
    """Every file a map is made of: itself, its included parts, its BibTeX file, and the
    manuscript its ``source.file`` names."""
    files = {os.path.abspath(path)}
    if amap is not None:
        files.update(os.path.abspath(f) for f in amap.files)
        if amap.source_file and amap.path:
            files.add(os.path.abspath(os.path.join(os.path.dirname(amap.path), amap.source_file)))
    return files


def _locations(amap: M.ArgumentMap) -> tuple:
    """Where the elements were written: the page names them (the findings' lines), so a map
    that says the same but moved gets a new page."""
    groups = (amap.statements, amap.inferences, amap.relations, amap.sections, amap.references,
              amap.values, amap.value_relations)
    return tuple(e.location for g in groups for e in g) + tuple(c.location for s in amap.statements
                                                                 for c in s.cites)


def _live_page(page: str, version: int) -> str:
    """*page* with the live script injected and its policy widened for it."""
    from .page import _hash, read_asset

    script = read_asset(LIVE_SCRIPT)
    page = page.replace("</head>", f'<meta name="argmap-live" content="{version}">\n</head>', 1)
    page = page.replace("</body>", f"<script>{script}</script>\n</body>", 1)

    def widen(m: re.Match) -> str:
        policy = _html.unescape(m.group(2))
        policy = policy.replace("script-src ", f"script-src {_hash(script)} ", 1)
        policy = policy.replace("default-src 'none';", "default-src 'none'; connect-src 'self';", 1)
        return m.group(1) + _html.escape(policy, quote=True) + m.group(3)

    return _CSP_META.sub(widen, page, count=1)


class LiveMap:
    """A map's last valid page and its current errors, rebuilt on demand (thread-safe).

    *changed* is a :class:`threading.Condition` notified after every rebuild that changed the
    version or the errors."""

    def __init__(self, path: str, *, templates_dir: str | None = None, source=None) -> None:
        self.path = path
        self.templates_dir = templates_dir
        self.source = source
        self.version = 0
        self.page: bytes | None = None
        self.errors: list[str] = []
        self.files: set[str] = {os.path.abspath(path)}
        self.changed = threading.Condition()
        self._svgs: dict[str, bytes] = {}
        self._key: tuple | None = None
        self._build_lock = threading.Lock()

    def state(self) -> dict:
        return {"version": self.version, "errors": list(self.errors)}

    def rebuild(self) -> bool:
        """Load the map again; rebuild the page if the map (or its manuscript) changed.
        Returns whether the version or the errors changed."""
        from .formats.registry import load_any

        with self._build_lock:
            amap, diags = load_any(self.path)
            errors = [d.format() for d in diags if d.severity == "error"]
            self.files = map_files(amap, self.path) | (self.files if amap is None else set())
            if amap is None:
                return self._publish(None, errors or ["the map could not be loaded"])
            key = (amap, _locations(amap), self._manuscript_stamp(amap))
            if key == self._key and self.page is not None:
                return self._publish(None, [])
            try:
                page = self._build(amap)
            except ArgmapError as exc:
                return self._publish(None, [d.format() for d in exc.diagnostics])
            self._key = key
            return self._publish(page, [])

    def _build(self, amap: M.ArgumentMap) -> str:
        from .page import build_page

        with layout_cache(self._svgs):
            return build_page(amap, templates_dir=self.templates_dir, source=self.source)

    def _manuscript_stamp(self, amap: M.ArgumentMap):
        from .manuscript import source_path

        path = self.source if isinstance(self.source, str) else source_path(amap)
        try:
            return (path, os.path.getmtime(path), os.path.getsize(path)) if path else None
        except OSError:
            return None

    def _publish(self, page: str | None, errors: list[str]) -> bool:
        with self.changed:
            moved = page is not None or errors != self.errors
            if page is not None:
                self.version += 1
                self.page = _live_page(page, self.version).encode("utf-8")
            self.errors = errors
            if moved:
                self.changed.notify_all()
            return moved

    def wait(self, seen: tuple, timeout: float) -> tuple:
        """Block until the state differs from *seen* (version, errors) or *timeout* passes."""
        with self.changed:
            self.changed.wait_for(lambda: (self.version, self.errors) != seen, timeout)
            return self.version, list(self.errors)


# -- watching ---------------------------------------------------------------------------------
def watch_files(files: Callable[[], set[str]], on_change: Callable[[], None], stop: threading.Event,
                ready: Callable[[], None] = lambda: None) -> None:
    """Call *on_change* whenever one of *files()* is written, created, moved into place or
    deleted, until *stop* is set; *ready* once the watcher runs.  The folders holding the files
    are watched (an editor that saves by writing a new file and renaming it over the old one is
    seen too); *files()* is asked again after each change, so included parts added later are
    watched."""
    import watchfiles

    while not stop.is_set():
        wanted = files()
        folders = sorted({os.path.dirname(f) for f in wanted if os.path.isdir(os.path.dirname(f))})
        if not folders:
            stop.wait(0.5)
            continue
        for changes in watchfiles.watch(*folders, stop_event=stop, step=20, debounce=400,
                                        rust_timeout=200, yield_on_timeout=True):
            ready()
            touched = {os.path.abspath(p) for _, p in changes}
            if touched & wanted:
                on_change()
                if files() != wanted:
                    break   # the map's files changed: watch the new set of folders


# -- serving ----------------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    server_version = "argmap-serve"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:   # quiet: the terminal shows rebuilds
        return

    def _refuse(self, status: HTTPStatus, why: str) -> None:
        body = f"{status.value} {status.phrase}: {why}\n".encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _allowed(self) -> bool:
        host = self.headers.get("Host", "")
        if host not in self.server.hosts:
            self._refuse(HTTPStatus.FORBIDDEN, "this server answers only to its own loopback address")
            return False
        return True

    def do_GET(self) -> None:
        if not self._allowed():
            return
        route = self.path.split("?", 1)[0]
        if route == "/":
            self._page()
        elif route == "/events":
            self._events()
        else:
            self._refuse(HTTPStatus.NOT_FOUND, "this server serves the map's page only")

    do_HEAD = do_GET

    def _method_not_allowed(self) -> None:
        if self._allowed():
            self._refuse(HTTPStatus.METHOD_NOT_ALLOWED, "read only")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _method_not_allowed

    def _page(self) -> None:
        live = self.server.live
        page = live.page
        if page is None:
            lines = "\n".join(live.errors) or "the map is being built"
            page = (f"<!DOCTYPE html><meta charset=utf-8><title>argmap serve</title>"
                    f"<pre>{_html.escape(lines)}</pre>").encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)

    def _events(self) -> None:
        live = self.server.live
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command == "HEAD":
            return
        self.close_connection = True
        import socket
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)   # each event at once
        seen: tuple = (None, None)
        try:
            while not self.server.stopping.is_set():
                state = live.wait(seen, KEEPALIVE)
                if state == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    seen = state
                    data = json.dumps({"version": state[0], "errors": state[1]}, ensure_ascii=False)
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, live: LiveMap, port: int) -> None:
        self.live = live
        self.stopping = threading.Event()
        super().__init__(("127.0.0.1", port), _Handler)
        bound = self.server_address[1]
        self.hosts = {f"127.0.0.1:{bound}", f"localhost:{bound}"}


class LiveServer:
    """The live preview of one map: build it, serve it on 127.0.0.1, rebuild it on change.

    *report* is told each rebuild (for the terminal): a line of text."""

    def __init__(self, path: str, *, port: int = 0, templates_dir: str | None = None, source=None,
                 report: Callable[[str], None] = lambda line: None) -> None:
        self.live = LiveMap(path, templates_dir=templates_dir, source=source)
        self.report = report
        self.http = _Server(self.live, port)
        self.stop_event = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.server_address[1]}/"

    def rebuild(self) -> None:
        import time

        start = time.perf_counter()
        try:
            self.live.rebuild()
        except Exception as exc:  # noqa: BLE001 - a bug in a rebuild must not stop the preview
            self.live._publish(None, [f"{self.live.path}:1:1: error[internal]: {exc!r}"])
        took = time.perf_counter() - start
        if self.live.errors:
            self.report(f"{len(self.live.errors)} error(s); showing the last valid map ({took:.2f} s)")
            for line in self.live.errors:
                self.report(f"  {line}")
        else:
            self.report(f"page version {self.live.version} ({took:.2f} s)")

    def start(self) -> "LiveServer":
        """Build the page, then serve and watch in background threads (returns once the
        watcher runs; what changed meanwhile is built again)."""
        self.rebuild()
        watching = threading.Event()
        for target in (self.http.serve_forever,
                       lambda: watch_files(lambda: set(self.live.files), self.rebuild, self.stop_event,
                                           watching.set)):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        watching.wait(10)
        self.live.rebuild()
        return self

    def stop(self) -> None:
        """Stop watching and serving; end the open event streams."""
        self.stop_event.set()
        self.http.stopping.set()
        with self.live.changed:
            self.live.changed.notify_all()
        self.http.shutdown()
        self.http.server_close()
        for thread in self._threads:
            thread.join(timeout=5)


def serve(path: str, *, port: int = 0, open_browser: bool = True, templates_dir: str | None = None,
          source=None, echo: Callable[[str], None] = print) -> None:
    """Run the live preview of *path* until Ctrl-C."""
    server = LiveServer(path, port=port, templates_dir=templates_dir, source=source,
                        report=lambda line: echo(f"argmap serve: {line}")).start()
    echo(f"argmap serve: {path} at {server.url} (Ctrl-C to stop)")
    if open_browser:
        import webbrowser
        webbrowser.open(server.url)
    try:
        server.stop_event.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        echo("argmap serve: stopped")
