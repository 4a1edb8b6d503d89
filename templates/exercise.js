/* argmap exercise page: checks each answer at once, in the page (no server), and keeps a score.
   The answer key is base64 of its JSON, reversed: not security, only no spoiler in the page's text.
   Text is inserted with textContent only. */
(function () {
  "use strict";
  var A = window.argmap, D = A && A.data;
  if (!D || !D.exercise) return;
  var EX = D.exercise, doc = document;
  var bytes = Uint8Array.from(atob(EX.key.split("").reverse().join("")), function (c) { return c.charCodeAt(0); });
  var KEY = JSON.parse(new TextDecoder().decode(bytes));
  var first = new Map(), right = 0;
  var scoreEl = doc.getElementById("am-ex-score"), list = doc.querySelector(".am-ex-list");
  function score() {
    scoreEl.textContent = right + " of " + KEY.length + " right at the first try (" + first.size + " answered)";
  }
  function expected(k) { return EX.mode === "types" ? (k.k === "premise" ? "supports" : k.k) : k.t; }
  function answer(n, value) {
    var k = KEY[n], li = list.querySelector('li[data-q="' + n + '"]'), ok = value === expected(k);
    if (!first.has(n)) { first.set(n, ok); if (ok) right++; score(); }
    li.classList.toggle("ok", ok);
    li.classList.toggle("wrong", !ok);
    li.querySelector(".ex-feedback").textContent = (ok ? "Right. " : "Not quite. ") + k.why;
    return ok;
  }
  list.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".ex-choice");
    if (!b) return;
    var li = b.closest("li");
    li.querySelectorAll(".ex-choice").forEach(function (x) { x.setAttribute("aria-pressed", x === b ? "true" : "false"); });
    answer(+li.getAttribute("data-q"), b.getAttribute("data-answer"));
  });
  var options = doc.getElementById("am-ex-options");
  function fill(sel) {                 // one list of statements in the page, copied into a menu when used
    if (!options || sel.options.length > 1) return;
    sel.appendChild(options.content.cloneNode(true));
  }
  list.addEventListener("focusin", function (e) { if (e.target.classList.contains("ex-target")) fill(e.target); });
  list.addEventListener("pointerdown", function (e) { if (e.target.classList && e.target.classList.contains("ex-target")) fill(e.target); });
  list.addEventListener("change", function (e) {
    var sel = e.target;
    if (!sel.classList.contains("ex-target") || !sel.value) return;
    answer(+sel.closest("li").getAttribute("data-q"), sel.value);
  });
  A.exercise = { answer: answer, fill: fill, get score() { return { right: right, answered: first.size, total: KEY.length }; } };
})();
