/* argmap serve: the live preview's part of the page.  `argmap serve` injects this script
   (with a <meta name="argmap-live" content="VERSION">) into the pages it serves; a page
   written by `argmap html` or `argmap build` never holds it, so the offline page is unchanged.

   The server pushes its state as server-sent events from /events: {"version": N, "errors":
   [...]}.  A new version means the map changed and is valid: the reader's place (selected
   statement, zoom and pan of the figure, tab, search, scroll) is kept in sessionStorage and
   the page reloads itself, then puts the reader back.  Errors (the map is invalid) are shown
   above the last good map, which stays; they go when the map is valid again.
   Text is inserted with textContent only. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="argmap-live"]');
  if (!meta || !window.EventSource) return;
  var version = meta.getAttribute("content");
  var KEY = "argmap-live-place";
  var doc = document;

  function place() {
    var a = window.argmap || {};
    var tab = doc.querySelector(".am-tabs [role=tab][aria-selected=true]");
    var search = doc.getElementById("am-search");
    return { current: a.current || null, viewBox: a.viewBox || null,
             tab: tab ? tab.id.replace(/^am-tab-/, "") : null,
             search: search ? search.value : "", scrollX: window.scrollX, scrollY: window.scrollY };
  }

  // zoom(factor, cx, cy) keeps the figure point under (cx, cy) still: pick the factor and the
  // point that turn the current view into the saved one (same viewport, same aspect ratio)
  function restoreView(target) {
    var a = window.argmap, vp = doc.getElementById("am-viewport");
    if (!a || !a.viewBox || !vp || !target) return;
    var from = a.viewBox;
    if (Math.abs(from.w - target.w) < from.w * 1e-6) { a.zoom(2); from = a.viewBox; }
    var r = vp.getBoundingClientRect();
    var hh = target.w * from.h / from.w;
    var fx = (target.x - from.x) / (from.w - target.w), fy = (target.y - from.y) / (from.h - hh);
    a.zoom(from.w / target.w, r.left + fx * r.width, r.top + fy * r.height);
  }

  function restore() {
    var raw = null;
    try { raw = sessionStorage.getItem(KEY); sessionStorage.removeItem(KEY); } catch (e) { return; }
    if (!raw || !window.argmap) return;
    var p = JSON.parse(raw), a = window.argmap;
    if (p.search) a.search(p.search);
    if (p.current) a.select(p.current, { hash: false, from: "map" });
    if (p.tab) a.activate(p.tab);
    if (p.tab === "map" || !p.tab) restoreView(p.viewBox);
    window.scrollTo(p.scrollX || 0, p.scrollY || 0);
  }

  var box = null;
  function showErrors(errors) {
    if (!errors || !errors.length) {
      if (box) { box.remove(); box = null; }
      doc.documentElement.removeAttribute("data-live-errors");
      return;
    }
    if (!box) {
      box = doc.createElement("section");
      box.id = "am-live-errors";
      box.setAttribute("role", "alert");
      var s = box.style;
      s.position = "sticky"; s.top = "0"; s.zIndex = "1000"; s.margin = "0"; s.padding = "0.6em 1em";
      s.background = "#fff0f0"; s.color = "#600"; s.borderBottom = "2px solid #b00";
      s.font = "13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
      s.maxHeight = "40vh"; s.overflow = "auto"; s.whiteSpace = "pre-wrap";
      doc.body.insertBefore(box, doc.body.firstChild);
    }
    while (box.firstChild) box.removeChild(box.firstChild);
    var head = doc.createElement("strong");
    head.textContent = "The map has errors; the page shows the last valid map.";
    box.appendChild(head);
    errors.forEach(function (line) {
      var p = doc.createElement("div");
      p.className = "am-live-error";
      p.textContent = line;
      box.appendChild(p);
    });
    doc.documentElement.setAttribute("data-live-errors", String(errors.length));
  }

  restore();
  var source = new EventSource("/events");
  source.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (String(state.version) !== version) {
      try { sessionStorage.setItem(KEY, JSON.stringify(place())); } catch (err) { /* private mode */ }
      source.close();
      location.reload();
      return;
    }
    showErrors(state.errors);
  });
  window.argmapLive = { version: version, get connected() { return source.readyState === 1; } };
})();
