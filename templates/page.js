/* argmap interactive page.  Vanilla JS, no dependencies, no network.
   Every piece of map text is inserted with textContent (never innerHTML). */
(function () {
  "use strict";
  var T0 = performance.now();
  var D = JSON.parse(document.getElementById("argmap-data").textContent);
  var doc = document;
  var $ = function (id) { return doc.getElementById(id); };

  // ---- indexes ---------------------------------------------------------------------------
  var byId = new Map(), order = new Map();
  D.statements.forEach(function (s, i) { byId.set(s.id, s); order.set(s.id, i); });
  var infById = new Map(), valById = new Map(), secById = new Map();
  D.inferences.forEach(function (x) { infById.set(x.id, x); });
  D.values.forEach(function (x) { valById.set(x.id, x); });
  D.sections.forEach(function (x) { secById.set(x.id, x); });
  function multi() { return new Map(); }
  function add(m, k, v) { var a = m.get(k); if (!a) { a = []; m.set(k, a); } a.push(v); }
  function get(m, k) { return m.get(k) || []; }
  var supIn = multi(), supOut = multi(), attIn = multi(), attOut = multi(), undIn = multi(),
      undOut = multi(), contra = multi(), promotes = multi(), promotedBy = multi(),
      infByConcl = multi(), infByPremise = multi();
  D.relations.forEach(function (r) {
    var s = r[0], k = r[1], t = r[2];
    if (k === "supports") { add(supIn, t, s); add(supOut, s, t); }
    else if (k === "attacks") { add(attIn, t, s); add(attOut, s, t); }
    else if (k === "undercuts") { add(undIn, t, s); add(undOut, s, t); }
    else if (k === "contradicts") { add(contra, s, t); add(contra, t, s); }
    else if (k === "promotes") { add(promotes, s, t); add(promotedBy, t, s); }
  });
  D.inferences.forEach(function (inf) {
    add(infByConcl, inf.conclusion, inf);
    inf.premises.forEach(function (p) { add(infByPremise, p, inf); });
  });
  var findingsOf = multi();
  D.findings.forEach(function (f) { if (f.statement) add(findingsOf, f.statement, f); });
  var EV = D.evaluation;

  // ---- DOM helpers (text only, never HTML) --------------------------------------------------
  function h(tag, props) {
    var e = doc.createElement(tag);
    if (props) for (var k in props) {
      if (k === "text") e.textContent = props[k];
      else if (k === "cls") e.className = props[k];
      else if (props[k] !== null && props[k] !== undefined && props[k] !== false) e.setAttribute(k, props[k]);
    }
    for (var i = 2; i < arguments.length; i++) append(e, arguments[i]);
    return e;
  }
  function append(e, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(e, x); }); return; }
    e.appendChild(typeof c === "string" ? doc.createTextNode(c) : c);
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function idButton(id, label) {
    return h("button", { type: "button", cls: "linkbtn", "data-id": id, text: label || id });
  }
  function kindBadge(kind) { return h("span", { cls: "kind kind-" + kind, text: kind }); }
  function labBadge(id) {
    var l = EV.labels[id];
    return l ? h("span", { cls: "lab lab-" + l, title: EV.verdicts[id], text: l }) : null;
  }
  function snippet(text, n) { return text.length > n ? text.slice(0, n - 1).replace(/\s+\S*$/, "") + "\u2026" : text; }
  function safeUrl(u) { return /^https?:\/\//i.test(u || "") ? u : null; }
  function stRef(id) {          // "P1 (premise) text..." as a list entry
    var s = byId.get(id);
    if (!s) return [idButton(id)];
    return [idButton(id), " ", kindBadge(s.kind), " ", h("span", { cls: "rel-text", text: snippet(s.text, 110) })];
  }
  function reducedMotion() { return window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches; }

  // ---- the figure: pan and zoom ---------------------------------------------------------------
  var viewport = $("am-viewport"), svg = $("am-figure");
  var graph0 = svg ? svg.querySelector("g.graph") : null;
  var base = null, vb = null, anim = 0;
  if (svg) {
    var v = svg.viewBox.baseVal;
    base = { x: v.x, y: v.y, w: v.width, h: v.height };
  }
  function rect() { return viewport.getBoundingClientRect(); }
  function setVB(b) {
    vb = b;
    svg.setAttribute("viewBox", b.x.toFixed(2) + " " + b.y.toFixed(2) + " " + b.w.toFixed(2) + " " + b.h.toFixed(2));
    if (!lodPending) { lodPending = true; requestAnimationFrame(updateText); }
  }
  // Level of detail: laying out thousands of SVG text elements is what makes a large figure
  // slow, so a statement's text is drawn only when it is large enough to read and near the view.
  var LOD = 0.33, lodPending = false, boxes = null, texted = new Set();
  function allBoxes() {
    if (!boxes) {
      boxes = [];
      svg.querySelectorAll("g.node").forEach(function (g) { var b = nodeBox(g); b.g = g; boxes.push(b); });
    }
    return boxes;
  }
  function updateText() {
    lodPending = false;
    var r = rect(), next = new Set();
    if (r.width > 1 && r.width / vb.w >= LOD) {
      var mx = vb.w * 0.25, my = vb.h * 0.25, x0 = vb.x - mx, y0 = vb.y - my, x1 = vb.x + vb.w + mx, y1 = vb.y + vb.h + my;
      allBoxes().forEach(function (b) { if (b.x < x1 && b.x + b.w > x0 && b.y < y1 && b.y + b.h > y0) next.add(b.g); });
    }
    texted.forEach(function (g) { if (!next.has(g)) g.classList.remove("tv"); });
    next.forEach(function (g) { if (!texted.has(g)) g.classList.add("tv"); });
    texted = next;
    svg.classList.toggle("lod-far", !(r.width / vb.w >= LOD));
  }
  function fitBox(box, pad) {       // a view of box, with the viewport's aspect ratio
    var r = rect(), cw = Math.max(r.width, 50), ch = Math.max(r.height, 50);
    pad = pad || 0;
    var w = box.w + 2 * pad, hh = box.h + 2 * pad;
    if (w / hh > cw / ch) hh = w * ch / cw; else w = hh * cw / ch;
    return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - hh / 2, w: w, h: hh };
  }
  function animateTo(target) {
    cancelAnimationFrame(anim);
    if (!vb || reducedMotion()) { setVB(target); return; }
    var from = vb, t0 = performance.now(), dur = 260;
    (function step(now) {
      var k = Math.min(1, (now - t0) / dur), e = k < .5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2;
      setVB({ x: from.x + (target.x - from.x) * e, y: from.y + (target.y - from.y) * e,
              w: from.w + (target.w - from.w) * e, h: from.h + (target.h - from.h) * e });
      if (k < 1) anim = requestAnimationFrame(step);
    })(t0);
  }
  // Readable on arrival: the whole map when its text can be read so, else a view at a readable
  // scale around the thesis and what bears on it directly (the thesis kept in view).
  var READABLE = 1.25;              // screen pixels per figure point: 9-point text at about 11 px
  function openView() {
    var r = rect(), whole = fitBox(base, base.w * 0.01), t = D.thesis && nodeEl(D.thesis);
    if (!t || r.width < 2 || r.width / whole.w >= 1) { setVB(whole); return; }
    var tb = nodeBox(t), w = r.width / READABLE, hh = r.height / READABLE, near = [tb];
    var around = get(supIn, D.thesis).concat(get(attIn, D.thesis));
    get(infByConcl, D.thesis).forEach(function (inf) { around.push(inf.id); around = around.concat(inf.premises); });
    around.forEach(function (x) { var e = nodeEl(x); if (e) near.push(nodeBox(e)); });
    var x0 = Math.min.apply(null, near.map(function (b) { return b.x; })), x1 = Math.max.apply(null, near.map(function (b) { return b.x + b.w; }));
    var y0 = Math.min.apply(null, near.map(function (b) { return b.y; })), y1 = Math.max.apply(null, near.map(function (b) { return b.y + b.h; }));
    var cx = Math.min(Math.max((x0 + x1) / 2, tb.x + tb.w + 20 - w / 2), tb.x - 20 + w / 2);
    var cy = Math.min(Math.max((y0 + y1) / 2, tb.y + tb.h + 20 - hh / 2), tb.y - 20 + hh / 2);
    setVB({ x: cx - w / 2, y: cy - hh / 2, w: w, h: hh });
  }
  function fit(animated) { if (!svg) return; var b = fitBox(base, base.w * 0.01); if (animated) animateTo(b); else setVB(b); }
  function zoom(factor, cx, cy) {
    if (!svg) return;
    cancelAnimationFrame(anim);
    var r = rect();
    if (cx === undefined) { cx = r.left + r.width / 2; cy = r.top + r.height / 2; }
    var fx = (cx - r.left) / r.width, fy = (cy - r.top) / r.height;
    var sx = vb.x + fx * vb.w, sy = vb.y + fy * vb.h;
    var w = vb.w / factor;
    var minW = 40, maxW = Math.max(base.w, base.h * r.width / r.height) * 4;
    w = Math.max(minW, Math.min(maxW, w));
    var hh = w * vb.h / vb.w;
    setVB({ x: sx - fx * w, y: sy - fy * hh, w: w, h: hh });
  }
  function pan(dxFrac, dyFrac) {
    cancelAnimationFrame(anim);
    setVB({ x: vb.x + dxFrac * vb.w, y: vb.y + dyFrac * vb.h, w: vb.w, h: vb.h });
  }
  var g0matrix = null;
  function nodeBox(el) {            // an element's box in the figure's viewBox coordinates
    var b = el.getBBox();
    if (!g0matrix) {
      var t = graph0 && graph0.transform.baseVal.consolidate();
      g0matrix = t ? t.matrix : svg.createSVGMatrix();
    }
    var m = g0matrix;
    return { x: m.a * b.x + m.c * b.y + m.e, y: m.b * b.x + m.d * b.y + m.f, w: b.width * m.a, h: b.height * m.d };
  }
  function showNodes(els) {          // several nodes in view at once, when they fit legibly
    var bs = els.filter(Boolean).map(nodeBox);
    if (!svg || !bs.length || panelOf("map").hidden) return;
    var x0 = Math.min.apply(null, bs.map(function (b) { return b.x; })), y0 = Math.min.apply(null, bs.map(function (b) { return b.y; }));
    var x1 = Math.max.apply(null, bs.map(function (b) { return b.x + b.w; })), y1 = Math.max.apply(null, bs.map(function (b) { return b.y + b.h; }));
    var box = fitBox({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, 30), r = rect();
    if (r.width / box.w < 0.6) { showNode(els[0], true); return; }
    if (r.width / box.w > 1.1) box = fitBox({ x: (x0 + x1) / 2 - r.width / 2.2, y: (y0 + y1) / 2 - r.height / 2.2, w: r.width / 1.1, h: r.height / 1.1 });
    animateTo(box);
  }
  function showNode(el, force) {    // centre the view on a node, zooming in until text is readable
    if (!svg || !el || panelOf("map").hidden) return;
    var b = nodeBox(el), r = rect();
    var visible = b.x >= vb.x && b.y >= vb.y && b.x + b.w <= vb.x + vb.w && b.y + b.h <= vb.y + vb.h;
    var scale = r.width / vb.w;                 // screen pixels per figure unit
    if (visible && scale >= 0.9 && !force) return;
    var w = scale < 1.1 ? r.width / 1.1 : vb.w;
    w = Math.max(w, b.w * 1.3);
    var hh = w * r.height / r.width;
    animateTo({ x: b.x + b.w / 2 - w / 2, y: b.y + b.h / 2 - hh / 2, w: w, h: hh });
  }
  var drag = null, dragged = false, screenVB = null;
  if (svg) {
    viewport.addEventListener("wheel", function (e) {
      e.preventDefault();
      var d = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoom(Math.exp(-d * 0.0016), e.clientX, e.clientY);
    }, { passive: false });
    viewport.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) return;
      drag = { x: e.clientX, y: e.clientY, vb: vb, id: e.pointerId };
      dragged = false;
    });
    viewport.addEventListener("pointermove", function (e) {
      if (!drag || e.pointerId !== drag.id) return;
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!dragged) { dragged = true; viewport.setPointerCapture(e.pointerId); viewport.classList.add("dragging"); }
      var r = rect();
      cancelAnimationFrame(anim);
      setVB({ x: drag.vb.x - dx * drag.vb.w / r.width, y: drag.vb.y - dy * drag.vb.h / r.height, w: drag.vb.w, h: drag.vb.h });
    });
    var endDrag = function () { drag = null; viewport.classList.remove("dragging"); };
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);
    viewport.addEventListener("click", function (e) {
      if (dragged) { dragged = false; e.preventDefault(); return; }
      var g = e.target.closest && e.target.closest("g.node");
      if (!g) return;
      var id = g.id.slice(2);
      if (g.classList.contains("st") && byId.has(id)) { select(id, { from: "map" }); rove(g); }
      else if (g.classList.contains("inference") && infById.has(id)) select(id, { from: "map" });
    });
    new ResizeObserver(function () {
      if (screenVB) return;                       // printing: the whole figure stays
      if (!vb) { fit(false); return; }
      var r = rect();
      if (r.width < 2 || r.height < 2) return;
      var hh = vb.w * r.height / r.width;
      setVB({ x: vb.x, y: vb.y + vb.h / 2 - hh / 2, w: vb.w, h: hh });
    }).observe(viewport);
  }
  $("am-zoom-in").addEventListener("click", function () { zoom(1.4); });
  $("am-zoom-out").addEventListener("click", function () { zoom(1 / 1.4); });
  $("am-zoom-fit").addEventListener("click", function () { fit(true); });

  // ---- keyboard in the figure: the viewport pans; statements are a roving tab stop ------------
  var nodeCache = new Map();
  function nodeEl(id) {
    if (!svg) return null;
    var e = nodeCache.get(id);
    if (e === undefined) { e = doc.getElementById("n-" + id); nodeCache.set(id, e); }
    return e;
  }
  var roving = null;
  function rove(g) {
    if (roving === g) return;
    if (roving) roving.setAttribute("tabindex", "-1");
    roving = g;
    if (!g) return;
    var id = g.id.slice(2), s = byId.get(id);
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    if (s) g.setAttribute("aria-label", id + ", " + s.kind + (EV.labels[id] ? ", " + EV.labels[id] : "") + ": " + s.text);
  }
  var centres = null;
  function nearest(from, dx, dy) {   // the closest statement in a direction (arrow keys)
    if (!centres) {
      centres = [];
      svg.querySelectorAll("g.node.st").forEach(function (g) {
        var b = nodeBox(g); centres.push({ g: g, x: b.x + b.w / 2, y: b.y + b.h / 2 });
      });
    }
    var a = null, best = Infinity;
    centres.forEach(function (c) { if (c.g === from) a = c; });
    if (!a) return null;
    var found = null;
    centres.forEach(function (c) {
      if (c === a) return;
      var vx = c.x - a.x, vy = c.y - a.y, along = vx * dx + vy * dy;
      if (along <= 0) return;
      var across = Math.abs(vx * dy - vy * dx), score = along + 2.5 * across;
      if (score < best) { best = score; found = c.g; }
    });
    return found;
  }
  if (svg) {
    var first = (D.thesis && nodeEl(D.thesis)) || svg.querySelector("g.node.st");
    if (first) rove(first);
    viewport.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var onNode = e.target !== viewport && e.target.closest && e.target.closest("g.node.st");
      var dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (onNode && dirs[e.key]) {
        var n = nearest(onNode, dirs[e.key][0], dirs[e.key][1]);
        if (n) { rove(n); n.focus(); showNode(n); }
        e.preventDefault(); e.stopPropagation(); return;
      }
      if (onNode && (e.key === "Enter" || e.key === " ")) {
        select(onNode.id.slice(2), { from: "map" }); e.preventDefault(); e.stopPropagation(); return;
      }
      if (onNode && e.key === "Escape") { viewport.focus(); e.preventDefault(); e.stopPropagation(); return; }
      if (e.target !== viewport) return;
      var handled = true;
      if (dirs[e.key]) pan(dirs[e.key][0] * 0.15, dirs[e.key][1] * 0.15);
      else if (e.key === "+" || e.key === "=") zoom(1.3);
      else if (e.key === "-" || e.key === "_") zoom(1 / 1.3);
      else if (e.key === "0") fit(true);
      else handled = false;
      if (handled) { e.preventDefault(); e.stopPropagation(); }
    });
  }

  // ---- search and filters -----------------------------------------------------------------
  var search = $("am-search"), sectionSel = $("am-section"), countEl = $("am-count"), results = $("am-results");
  var kindBoxes = Array.prototype.slice.call(doc.querySelectorAll(".am-kinds input[name=kind]"));
  var hay = null, matched = [], matchedSet = null, marked = new Set();
  function haystack() {
    if (!hay) hay = D.statements.map(function (s) {
      return (s.id + "\n" + s.text + "\n" + (s.note || "") + "\n" + (s.tags || []).join(" ")).toLowerCase();
    });
    return hay;
  }
  function inSection(s, sec) { return !sec || (s.section && (s.section === sec || s.section.indexOf(sec + ".") === 0)); }
  function filter(query) {
    var q = (query === undefined ? search.value : query).trim().toLowerCase();
    var terms = q ? q.split(/\s+/) : [];
    var kinds = new Set(kindBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    var allKinds = kinds.size === kindBoxes.length, sec = sectionSel.value;
    var H = terms.length ? haystack() : null, out = [];
    for (var i = 0; i < D.statements.length; i++) {
      var s = D.statements[i];
      if (!allKinds && !kinds.has(s.kind)) continue;
      if (sec && !inSection(s, sec)) continue;
      if (terms.length) {
        var text = H[i], ok = true;
        for (var j = 0; j < terms.length; j++) if (text.indexOf(terms[j]) < 0) { ok = false; break; }
        if (!ok) continue;
      }
      out.push(s);
    }
    if (q) {                                  // exact and prefix id matches first
      var rank = function (s) { var id = s.id.toLowerCase(); return id === q ? 0 : id.indexOf(q) === 0 ? 1 : 2; };
      out = out.map(function (s, i) { return [rank(s), i, s]; })
               .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).map(function (x) { return x[2]; });
    }
    return { list: out, active: !!(terms.length || !allKinds || sec), terms: terms };
  }
  var CHUNK = 80, shown = 0, io = null, lastTerms = [];
  function markText(text, terms) {            // text with <mark>ed terms, as nodes
    if (!terms.length) return [text];
    var low = text.toLowerCase(), parts = [], pos = 0;
    while (pos < text.length) {
      var next = -1, len = 0;
      terms.forEach(function (t) { var k = low.indexOf(t, pos); if (k >= 0 && (next < 0 || k < next)) { next = k; len = t.length; } });
      if (next < 0 || !len) break;
      if (next > pos) parts.push(text.slice(pos, next));
      parts.push(h("mark", { text: text.slice(next, next + len) }));
      pos = next + len;
    }
    if (pos < text.length) parts.push(text.slice(pos));
    return parts;
  }
  function listItem(s) {
    var btn = h("button", { type: "button", "data-id": s.id, "aria-current": s.id === current ? "true" : null },
      h("span", { cls: "sid" }, markText(s.id, lastTerms)), " ", kindBadge(s.kind), " ", labBadge(s.id),
      h("span", { cls: "snip" }, markText(snippet(s.text, 170), lastTerms)));
    return h("li", null, btn);
  }
  function renderMore() {
    var more = results.querySelector("li.more");
    if (more) more.remove();
    var frag = doc.createDocumentFragment(), end = Math.min(matched.length, shown + CHUNK);
    for (var i = shown; i < end; i++) frag.appendChild(listItem(matched[i]));
    shown = end;
    if (shown < matched.length) {
      var m = h("li", { cls: "more", text: "Showing " + shown + " of " + matched.length + " \u2014 scroll for more" });
      frag.appendChild(m);
      if (io) io.observe(m);
    }
    results.appendChild(frag);
  }
  if ("IntersectionObserver" in window) {
    io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) { if (en.isIntersecting) { io.unobserve(en.target); renderMore(); } });
    }, { root: results.parentNode, rootMargin: "200px" });
  }
  function applyFilter(query) {
    var r = filter(query);
    matched = r.list; lastTerms = r.terms;
    clear(results); shown = 0; renderMore();
    countEl.textContent = r.active ? matched.length + " of " + D.statements.length + " statements match"
                                   : D.statements.length + " statements";
    if (svg) {                                   // dim what does not match
      var next = r.active ? new Set(matched.map(function (s) { return s.id; })) : new Set();
      marked.forEach(function (id) { if (!next.has(id)) { var e = nodeEl(id); if (e) e.classList.remove("match"); } });
      next.forEach(function (id) { if (!marked.has(id)) { var e = nodeEl(id); if (e) e.classList.add("match"); } });
      marked = next;
      svg.classList.toggle("filtering", r.active);
    }
    return matched.length;
  }
  var searchTimer = 0;
  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { applyFilter(); }, D.statements.length > 1000 ? 60 : 0);
  });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      clearTimeout(searchTimer); applyFilter();
      if (matched.length) select(matched[0].id, { from: "search" });
    } else if (e.key === "ArrowDown") {
      var b = results.querySelector("button"); if (b) { b.focus(); e.preventDefault(); }
    }
  });
  kindBoxes.forEach(function (b) { b.addEventListener("change", function () { applyFilter(); }); });
  sectionSel.addEventListener("change", function () { applyFilter(); });
  $("am-clear").addEventListener("click", function () {
    search.value = ""; sectionSel.value = ""; kindBoxes.forEach(function (b) { b.checked = true; });
    applyFilter(); search.focus();
  });
  results.addEventListener("keydown", function (e) {        // arrow keys move through the list
    var b = e.target.closest("button"); if (!b) return;
    var li = b.parentNode, to = null;
    if (e.key === "ArrowDown") to = li.nextElementSibling;
    else if (e.key === "ArrowUp") to = li.previousElementSibling;
    else if (e.key === "Home") to = results.firstElementChild;
    else if (e.key === "End") to = results.lastElementChild;
    else return;
    e.preventDefault();
    if (!to && e.key === "ArrowUp") { search.focus(); return; }
    if (to && to.classList.contains("more")) { renderMore(); to = li.nextElementSibling; }
    var nb = to && to.querySelector("button");
    if (nb) nb.focus();
  });

  // ---- selection, details and the neighbourhood ---------------------------------------------
  var current = null, hlEls = [];
  var details = $("am-details");
  function clearHighlight() {
    hlEls.forEach(function (x) { x[0].classList.remove.apply(x[0].classList, x[1]); });
    hlEls = [];
    if (svg) svg.classList.remove("focus-mode");
    var vs = doc.querySelectorAll(".am-values-figure g.node.hl-self");
    vs.forEach(function (g) { g.classList.remove("hl-self"); });
  }
  function mark(el, classes) { if (el) { el.classList.add.apply(el.classList, classes); hlEls.push([el, classes]); } }
  var edgesBy = null;
  function edgesOf(name) {
    if (!edgesBy) { edgesBy = new Map(); D.edges.forEach(function (e) { add(edgesBy, e[1], e); add(edgesBy, e[2], e); }); }
    return get(edgesBy, name);
  }
  function neighbourhood(id) {
    var up = new Set(), upInf = new Set(), att = new Set(), down = new Set(), queue = [id], seen = new Set([id]);
    while (queue.length) {                     // what holds it up, transitively
      var x = queue.shift();
      get(supIn, x).forEach(function (s) { if (!seen.has(s)) { seen.add(s); up.add(s); queue.push(s); } });
      get(infByConcl, x).forEach(function (inf) {
        upInf.add(inf.id);
        inf.premises.forEach(function (p) { if (!seen.has(p)) { seen.add(p); up.add(p); queue.push(p); } });
      });
    }
    get(attIn, id).forEach(function (s) { att.add(s); });
    get(infByConcl, id).forEach(function (inf) { get(undIn, inf.id).forEach(function (s) { att.add(s); }); });
    var downInf = new Set();
    get(supOut, id).forEach(function (t) { down.add(t); });
    get(attOut, id).forEach(function (t) { down.add(t); });
    get(infByPremise, id).forEach(function (inf) { downInf.add(inf.id); down.add(inf.conclusion); });
    get(undOut, id).forEach(function (i) { downInf.add(i); var inf = infById.get(i); if (inf) down.add(inf.conclusion); });
    return { up: up, upInf: upInf, att: att, down: down, downInf: downInf };
  }
  function highlight(id) {
    clearHighlight();
    if (!svg || !byId.has(id)) return;
    var on = $("am-neighbourhood").checked;
    mark(nodeEl(id), ["hl", "hl-self"]);
    if (!on) return;
    var n = neighbourhood(id);
    n.up.forEach(function (x) { mark(nodeEl(x), ["hl", "hl-up"]); });
    n.upInf.forEach(function (x) { mark(nodeEl(x), ["hl", "hl-up"]); });
    n.att.forEach(function (x) { mark(nodeEl(x), ["hl", "hl-att"]); });
    n.down.forEach(function (x) { if (!n.up.has(x)) mark(nodeEl(x), ["hl", "hl-down"]); });
    n.downInf.forEach(function (x) { mark(nodeEl(x), ["hl", "hl-down"]); });
    var upAll = new Set([id]); n.up.forEach(function (x) { upAll.add(x); }); n.upInf.forEach(function (x) { upAll.add(x); });
    var targets = new Set([id]); get(infByConcl, id).forEach(function (inf) { targets.add(inf.id); });
    var done = new Set();
    var consider = function (e) {
      if (done.has(e[0])) return; done.add(e[0]);
      var s = e[1], t = e[2], k = e[3], cls = null;
      if ((k === "supports" || k === "premise") && upAll.has(s) && upAll.has(t)) cls = ["hl", "hl-up"];
      else if ((k === "attacks" || k === "undercuts") && n.att.has(s) && targets.has(t)) cls = ["hl", "hl-att"];
      else if (s === id && (n.down.has(t) || n.downInf.has(t))) cls = ["hl"];
      else if (n.downInf.has(s) && n.down.has(t)) cls = ["hl"];
      if (cls) mark(doc.getElementById("e-" + e[0]), cls);
    };
    upAll.forEach(function (x) { edgesOf(x).forEach(consider); });
    n.att.forEach(function (x) { edgesOf(x).forEach(consider); });
    n.downInf.forEach(function (x) { edgesOf(x).forEach(consider); });
    svg.classList.add("focus-mode");
  }
  function section(title, body) { return body && (!Array.isArray(body) || body.length) ? [h("h3", { text: title }), body] : null; }
  function list(items) { return items.length ? h("ul", null, items.map(function (x) { return h("li", null, x); })) : null; }
  function inferenceLine(inf, except) {
    var others = inf.premises.filter(function (p) { return p !== except; });
    var parts = [];
    others.forEach(function (p, i) { if (i) parts.push(", "); parts.push(idButton(p)); });
    return parts;
  }
  function citeLine(c) {
    var r = D.references[c.ref];
    var out = [h("cite", { text: "[" + c.ref + (c.pages ? ", " + c.pages : "") + "]" }), " "];
    if (r) {
      out.push(r.short || "");
      if (r.note && r.short !== r.note) out.push(" \u2014 " + r.note);
      var u = safeUrl(r.url);
      if (u) out.push(" ", h("a", { href: u, rel: "noopener noreferrer", text: u }));
    } else out.push("(reference not in the map)");
    return out;
  }
  function explanation(id) {
    var lines = EV.explanations[id] || [];
    return h("ul", { cls: "explain" }, lines.map(function (line) {
      var m = /^( *)(.*)$/.exec(line), li = h("li");
      li.style.paddingLeft = (m[1].length * 0.6) + "em";
      var re = /[A-Za-z0-9_][A-Za-z0-9_.\-]*/g, last = 0, t = m[2], mm;
      while ((mm = re.exec(t))) {
        var tok = mm[0].replace(/[.\-]+$/, "");
        if (byId.has(tok) && tok !== "IN" && tok !== "OUT") {
          if (mm.index > last) li.appendChild(doc.createTextNode(t.slice(last, mm.index)));
          li.appendChild(idButton(tok)); last = mm.index + tok.length; re.lastIndex = last;
        }
      }
      if (last < t.length) li.appendChild(doc.createTextNode(t.slice(last)));
      return li;
    }));
  }
  function showStatement(id) {
    var s = byId.get(id);
    clear(details);
    var sec = s.section ? secById.get(s.section) : null;
    var dl = h("dl");
    var row = function (k, v) { if (v) { dl.appendChild(h("dt", { text: k })); dl.appendChild(h("dd", null, v)); } };
    row("Section", s.section ? s.section + (sec ? " \u2014 " + sec.title + (sec.inferred ? " (heading inferred)" : "") : "") : null);
    row("Source", [s.lines ? "lines " + s.lines : "", s.lines && s.page ? "; " : "", s.page ? "page " + s.page : ""].join("") || null);
    row("Tags", s.tags ? s.tags.join(", ") : null);
    var supBy = get(supIn, id).map(stRef);
    get(infByConcl, id).forEach(function (inf) {
      var ps = [];
      inf.premises.forEach(function (p, i) { if (i) ps.push(" + "); ps.push(idButton(p)); });
      supBy.push(["together (inference ", idButton(inf.id), inf.scheme ? ", " + inf.scheme : "", "): "].concat(ps));
    });
    var attBy = get(attIn, id).map(stRef);
    get(infByConcl, id).forEach(function (inf) {
      get(undIn, inf.id).forEach(function (u) { attBy.push(stRef(u).concat([" \u2014 undercuts inference ", idButton(inf.id)])); });
    });
    var sup = get(supOut, id).map(stRef);
    get(infByPremise, id).forEach(function (inf) {
      var others = inferenceLine(inf, id);
      sup.push(stRef(inf.conclusion).concat(others.length ? [" \u2014 together with "].concat(others, [" (inference ", idButton(inf.id), ")"]) : [" (inference ", idButton(inf.id), ")"]));
    });
    var att = get(attOut, id).map(stRef);
    get(undOut, id).forEach(function (i) {
      var inf = infById.get(i);
      att.push(["the step of inference ", idButton(i), inf ? [" to ", idButton(inf.conclusion)] : null, " (undercut)"]);
    });
    var seenC = new Set(), tension = get(contra, id).filter(function (x) { if (seenC.has(x)) return false; seenC.add(x); return true; }).map(stRef);
    var vals = get(promotes, id).map(function (v) { var val = valById.get(v), b = idButton(v, val ? val.name : v); b.classList.add("val"); return [b]; });
    var fs = get(findingsOf, id).map(function (f) {
      return h("span", { cls: "finding" }, h("span", { cls: "sev sev-" + f.severity, text: f.severity }), " ",
        h("code", { text: f.code }), " ", f.message, f.hint ? h("span", { cls: "am-note", text: " Hint: " + f.hint }) : null);
    });
    append(details, [
      h("h2", null, h("span", { cls: "sid", text: s.id }), kindBadge(s.kind), labBadge(id)),
      h("p", { cls: "text", id: "am-details-text", text: s.text }),
      s.heldBy ? h("p", { cls: "held-by", id: "am-details-held-by", text: "Held by " + s.heldBy }) : null,
      dl,
      s.note ? h("p", { cls: "note", text: s.note }) : null,
      section("Citations", list((s.cites || []).map(citeLine))),
      section("Supported by", list(supBy)),
      section("Attacked by", list(attBy)),
      section("Supports", list(sup)),
      section("Attacks", list(att)),
      section("In tension with", list(tension)),
      section("Promotes", list(vals)),
      EV.semantics ? [h("h3", { text: "Evaluation" }),        // (an exercise page has none)
        h("p", null, labBadge(id), " ", EV.verdicts[id] || "", " (" + EV.semantics + " semantics, support-aware)"),
        explanation(id)] : null,
      section("Findings", list(fs)),
      h("div", { cls: "actions" },
        h("button", { type: "button", cls: "btn", "data-action": "map", text: "Show in map" }),
        h("button", { type: "button", cls: "btn", "data-action": "outline", text: "Show in outline" }))
    ]);
  }
  function showInference(id) {
    var inf = infById.get(id);
    clear(details);
    append(details, [
      h("h2", null, h("span", { cls: "sid", text: inf.id }), h("span", { cls: "kind", text: "inference" })),
      inf.scheme ? h("p", { cls: "text", text: inf.scheme }) : null,
      h("p", { cls: "am-note", text: "Linked premises: they support the conclusion only together." }),
      inf.lines ? h("dl", null, h("dt", { text: "Source" }), h("dd", { text: "lines " + inf.lines })) : null,
      inf.note ? h("p", { cls: "note", text: inf.note }) : null,
      section("Premises", list(inf.premises.map(stRef))),
      section("Conclusion", list([stRef(inf.conclusion)])),
      section("Undercut by", list(get(undIn, id).map(stRef)))
    ]);
  }
  function showValue(id) {
    var v = valById.get(id);
    clear(details);
    var rels = D.valueRelations.filter(function (r) { return r.source === id || r.target === id; }).map(function (r) {
      var a = valById.get(r.source), b = valById.get(r.target);
      return [idButton(r.source, a ? a.name : r.source), " " + r.kind + " ", idButton(r.target, b ? b.name : r.target),
        r.context ? " (in " + r.context + ")" : ""];
    });
    append(details, [
      h("h2", null, h("span", { cls: "sid", text: v.name }), h("span", { cls: "kind", text: "value, " + (v.klass || "") })),
      v.note ? h("p", { cls: "note", text: v.note }) : null,
      section("Promoted by", list(get(promotedBy, id).map(stRef))),
      section("Relations", list(rels))
    ]);
    var g = doc.getElementById("v-" + id);
    if (g) g.classList.add("hl-self");
  }
  function select(id, opts) {
    opts = opts || {};
    var kind = byId.has(id) ? "st" : infById.has(id) ? "inf" : valById.has(id) ? "val" : null;
    if (!kind) {
      clear(details);
      append(details, [h("h2", { text: "Not found" }), h("p", { text: "This map has no statement \u201c" + id + "\u201d." })]);
      return false;
    }
    current = id;
    clearHighlight();
    if (kind === "st") { showStatement(id); highlight(id); }
    else if (kind === "inf") { showInference(id); mark(nodeEl(id), ["hl", "hl-self"]); }
    else showValue(id);
    if (opts.hash !== false) {
      try { history.replaceState(null, "", "#" + id); } catch (err) { /* some file:// set-ups */ }
    }
    results.querySelectorAll("button[aria-current]").forEach(function (b) { b.removeAttribute("aria-current"); });
    var lb = results.querySelector('button[data-id="' + CSS.escape(id) + '"]');
    if (lb) lb.setAttribute("aria-current", "true");
    var oc = doc.querySelector(".am-outline .o-item.current");
    if (oc) oc.classList.remove("current");
    var oi = $("o-" + id);
    if (oi) oi.classList.add("current");
    if (kind !== "val" && opts.from !== "map") {
      var el = nodeEl(id);
      if (el) {
        rove(el);
        if (opts.with) showNodes([el, nodeEl(opts.with)]); else showNode(el, opts.from === "tour");
      }
    }
    var what = kind === "st" ? byId.get(id).kind + (EV.labels[id] ? ", " + EV.labels[id] : "")
             : kind === "inf" ? "inference" : "value";
    $("am-announce").textContent = "Showing " + id + ", " + what + ", in the details panel";
    if (opts.focusDetails) details.focus({ preventScroll: true });
    details.parentNode.scrollTop = 0;
    return true;
  }
  function deselect() {
    current = null; clearHighlight();
    clear(details);
    append(details, [h("h2", { text: "Details" }), h("p", { cls: "am-note", text: "Choose a statement to see it here." })]);
    try { history.replaceState(null, "", location.pathname + location.search); } catch (err) { /* ignore */ }
  }
  details.addEventListener("click", function (e) {
    var a = e.target.closest("[data-action]");
    if (!a || !current) return;
    if (a.getAttribute("data-action") === "map") { activate("map"); var el = nodeEl(current); if (el) showNode(el, true); }
    else { activate("outline"); var o = $("o-" + current); if (o) { o.scrollIntoView({ block: "center" }); var l = o.querySelector("a.sid"); if (l) l.focus({ preventScroll: true }); } }
  });
  // every [data-id] link or button anywhere selects (links keep their #id for no-script use)
  doc.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("a[data-id], button[data-id]");
    if (!t || (e.button && e.button !== 0) || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    select(t.getAttribute("data-id"), { from: t.closest(".am-results") ? "list" : "link" });
  });
  doc.querySelector(".skip").addEventListener("click", function (e) {
    e.preventDefault(); activate("outline"); $("am-outline-panel").focus();
  });
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && id !== current) select(id, { hash: false });
  });
  $("am-neighbourhood").addEventListener("change", function () { if (current && byId.has(current)) highlight(current); });
  var evalMarked = false, findMarked = false;
  $("am-show-eval").addEventListener("change", function (e) {
    if (!svg) return;
    if (!evalMarked) { evalMarked = true; D.statements.forEach(function (s) { var g = nodeEl(s.id); if (g) g.classList.add("lab-" + EV.labels[s.id]); }); }
    svg.classList.toggle("show-eval", e.target.checked);
  });
  $("am-show-findings").addEventListener("change", function (e) {
    if (!svg) return;
    if (!findMarked) { findMarked = true; findingsOf.forEach(function (v, id) { var g = nodeEl(id); if (g) g.classList.add("has-finding"); }); }
    svg.classList.toggle("show-findings", e.target.checked);
  });
  var valuesFig = $("am-values-figure");
  if (valuesFig) valuesFig.addEventListener("click", function (e) {
    var g = e.target.closest("g.node");
    if (g && g.id.indexOf("v-") === 0 && valById.has(g.id.slice(2))) select(g.id.slice(2), { from: "values" });
  });

  // ---- tabs (ARIA tabs, automatic activation) ---------------------------------------------
  var tabs = Array.prototype.slice.call(doc.querySelectorAll(".am-tabs [role=tab]"));
  function panelOf(name) { return $("am-" + name + "-panel"); }
  function activate(name, focusTab) {
    tabs.forEach(function (t) {
      var on = t.id === "am-tab-" + name;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
      if (on && focusTab) t.focus();
    });
    if (name === "map" && svg && !vb) fit(false);
  }
  tabs.forEach(function (t, i) {
    t.addEventListener("click", function () { activate(t.id.slice(7)); });
    t.addEventListener("keydown", function (e) {
      var j = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : null;
      if (j === null) return;
      e.preventDefault(); e.stopPropagation();
      activate(tabs[(j + tabs.length) % tabs.length].id.slice(7), true);
    });
  });

  // ---- the guided tour (depth-first, the outline's order) ----------------------------------
  var tourBox = $("am-tour"), tourText = $("am-tour-text"), tourPos = $("am-tour-pos"), tourStart = $("am-tour-start");
  var step = -1, tourEl = null;
  function article(w) { return /^[aeiou]/.test(w) ? "an " : "a "; }
  var KIND_NOTE = { premise: "a reason taken as given", evidence: "a case, document or datum the argument leans on",
    claim: "an intermediate conclusion, itself supported", assumption: "accepted without support",
    definition: "fixes the meaning of a term", objection: "an objection", rebuttal: "an answer to an objection" };
  // A step says what it does in words: statements are named by their text, never by their ids.
  function named(id) {
    var s = byId.get(id);
    return idButton(id, s ? "\u201c" + snippet(s.text, 70) + "\u201d" : id);
  }
  function premiseList(inf, except) {
    var out = [];
    inf.premises.filter(function (p) { return p !== except; }).forEach(function (p, k, all) {
      if (k) out.push(k === all.length - 1 ? " and " : ", ");
      out.push(named(p));
    });
    return out;
  }
  function stepText(st, i) {
    var s = byId.get(st.id), out = [];
    if (st.say !== undefined) {
      out.push(h("p", { cls: "say", text: st.say }), h("p", { cls: "am-note" }, named(st.id)));
      return out;
    }
    var what = KIND_NOTE[s.kind] ? " (" + KIND_NOTE[s.kind] + ")" : "";
    if (!st.rel) {
      out.push(h("p", null, "The thesis: ", named(st.id), ". This is what the whole map argues for. ",
        "The tour now goes through its reasons and the objections to them, and what bears on each of those."));
    } else if (st.rel === "target") {
      out.push(h("p", null, "The position under attack: ", named(st.id), ". The thesis argues against it."));
    } else if (st.rel === "supports") {
      out.push(h("p", null, "A reason for ", named(st.parent), ": ", named(st.id), ", " + article(s.kind) + s.kind + what +
        " that supports it on its own."));
    } else if (st.rel === "premise") {
      var inf = infById.get(st.inference), others = inf ? premiseList(inf, st.id) : [];
      out.push(h("p", null, "One of the linked premises for ", named(st.parent), ": ", named(st.id),
        others.length ? [". It supports that conclusion only together with "].concat(others, ["."]) : ".",
        inf && inf.scheme ? " The step is " + article(inf.scheme) + inf.scheme + "." : ""));
    } else if (st.rel === "attacks") {
      out.push(h("p", null, s.kind === "rebuttal" ? "An answer to the objection " : "An objection to ", named(st.parent), ": ",
        named(st.id), s.kind === "rebuttal" ? ". It attacks that objection." : ". It says that this is not so."));
    } else if (st.rel === "undercuts") {
      var uinf = infById.get(st.inference);
      out.push(h("p", null, "An objection to the step from ", uinf ? premiseList(uinf, null) : "the reasons", " to ",
        named(st.parent), ": ", named(st.id), ". It grants the reasons but denies that they lead to the conclusion."));
    }
    if (EV.semantics) out.push(h("p", { cls: "am-note" }, "Evaluation: ", labBadge(st.id), " ", EV.verdicts[st.id] || ""));
    return out;
  }
  function goStep(i) {
    if (!D.tour.length) return;
    step = Math.max(0, Math.min(D.tour.length - 1, i));
    var st = D.tour[step];
    tourBox.hidden = false;
    tourStart.setAttribute("aria-pressed", "true");
    tourStart.textContent = "End tour";
    tourPos.textContent = "Guided tour \u2014 step " + (step + 1) + " of " + D.tour.length;
    $("am-tour-prev").disabled = step === 0;
    $("am-tour-next").disabled = step === D.tour.length - 1;
    if (panelOf("map").hidden) activate("map");
    select(st.id, { from: "tour", with: st.parent });
    clear(tourText); append(tourText, stepText(st, step));
    if (tourEl) tourEl.classList.remove("tour-current");
    tourEl = nodeEl(st.id);
    if (tourEl) tourEl.classList.add("tour-current");
  }
  function endTour() {
    step = -1; tourBox.hidden = true;
    tourStart.setAttribute("aria-pressed", "false"); tourStart.textContent = "Guided tour";
    if (tourEl) tourEl.classList.remove("tour-current"); tourEl = null;
  }
  tourStart.addEventListener("click", function () { if (step >= 0) endTour(); else goStep(0); });
  $("am-tour-prev").addEventListener("click", function () { goStep(step - 1); });
  $("am-tour-next").addEventListener("click", function () { goStep(step + 1); });
  $("am-tour-end").addEventListener("click", function () { endTour(); tourStart.focus(); });

  // ---- global keys ------------------------------------------------------------------------
  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target, tag = t.tagName;
    var typing = tag === "INPUT" && t.type !== "checkbox" || tag === "SELECT" || tag === "TEXTAREA";
    if (e.key === "/" && !typing) { e.preventDefault(); search.focus(); search.select(); return; }
    if (typing) { if (e.key === "Escape" && t === search && search.value) { search.value = ""; applyFilter(); } return; }
    var inMap = t === viewport || (t.closest && t.closest("#am-viewport"));
    if (step >= 0 && !inMap && !(t.closest && t.closest("[role=tablist]"))) {
      if (e.key === "ArrowRight" || e.key === "PageDown") { goStep(step + 1); e.preventDefault(); return; }
      if (e.key === "ArrowLeft" || e.key === "PageUp") { goStep(step - 1); e.preventDefault(); return; }
    }
    if (e.key === "Escape") { if (step >= 0) endTour(); else if (current) deselect(); }
  });
  // print the whole figure at its own proportions, then come back to the reader's view
  function printing(on) {
    if (!svg) return;
    if (on && !screenVB) { screenVB = vb; svg.setAttribute("viewBox", base.x + " " + base.y + " " + base.w + " " + base.h); }
    else if (!on && screenVB) { setVB(screenVB); screenVB = null; }
  }
  window.addEventListener("beforeprint", function () { printing(true); });
  window.addEventListener("afterprint", function () { printing(false); });
  if (window.matchMedia) matchMedia("print").addEventListener("change", function (e) { printing(e.matches); });

  // ---- start ------------------------------------------------------------------------------
  applyFilter("");
  if (svg) openView();
  var initial = decodeURIComponent(location.hash.slice(1));
  if (initial) select(initial, { hash: false, from: "hash" });
  window.argmap = { data: D, select: select, search: function (q) { search.value = q; return applyFilter(q); },
    tour: goStep, endTour: endTour, activate: activate, zoom: zoom, fit: fit, openView: openView,
    get current() { return current; },
    get viewBox() { return vb; } };
  window.argmapReady = performance.now();
  window.argmapInit = window.argmapReady - T0;
  doc.documentElement.setAttribute("data-ready", "true");
})();
