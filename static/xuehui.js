// Progressive enhancement only: pages work without it.
// Shows each deadline also in the reader's own time zone, next to the venue's.
document.querySelectorAll("time[data-local]").forEach(function (el) {
  var when = new Date(el.getAttribute("datetime"));
  if (isNaN(when)) return;
  var holder = document.querySelector('.local-time[data-for="' + el.getAttribute("datetime") + '"]');
  if (!holder) return;
  var fmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  holder.querySelector("span").textContent = fmt.format(when);
  holder.hidden = false;
});

// Bids save as soon as they change; the form's button stays as the no-JavaScript path.
document.querySelectorAll("form.bid-form").forEach(function (form) {
  var select = form.querySelector(".bid-select");
  var status = form.querySelector(".bid-status");
  var button = form.querySelector(".bid-save");
  if (button) button.hidden = true;
  select.addEventListener("change", function () {
    fetch(form.getAttribute("data-api"), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ bid: select.value || null })
    }).then(function (res) {
      status.textContent = res.ok ? status.getAttribute("data-saved") : status.getAttribute("data-failed");
    }).catch(function () {
      status.textContent = status.getAttribute("data-failed");
      if (button) button.hidden = false;
    });
  });
});

// Review drafts save a moment after the reviewer stops typing; the buttons stay as the
// no-JavaScript path (and submitting is always an explicit click).
document.querySelectorAll("form.review-form[data-autosave]").forEach(function (form) {
  var status = form.querySelector(".autosave-status");
  var timer = null;
  function answers() {
    var out = {};
    form.querySelectorAll("[name^='a_']").forEach(function (el) {
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.value === "") return;
      out[el.name.slice(2)] = el.value;
    });
    return out;
  }
  function save() {
    fetch(form.getAttribute("data-autosave"), {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ answers: answers(), submit: false })
    }).then(function (res) {
      var when = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      status.textContent = res.ok ? status.getAttribute("data-saved") + " " + when : status.getAttribute("data-failed");
      status.setAttribute("data-state", res.ok ? "saved" : "failed");
    }).catch(function () {
      status.textContent = status.getAttribute("data-failed");
      status.setAttribute("data-state", "failed");
    });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
});

// Character counters for limited text (the author response): the server enforces the limit,
// this only shows how much is left while typing.
document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
  var out = document.getElementById(area.getAttribute("data-counter"));
  if (!out) return;
  var update = function () { out.textContent = Array.from(area.value).length; };
  area.addEventListener("input", update);
  update();
});

// The Content-Security-Policy allows no inline script or style, so what used to be inline
// attributes lives here: confirmations, print buttons, bar widths.
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
  form.addEventListener("submit", function (ev) {
    if (!window.confirm(form.getAttribute("data-confirm"))) ev.preventDefault();
  });
});
document.querySelectorAll("button[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
document.querySelectorAll(".bar[data-width]").forEach(function (bar) {
  bar.style.width = (parseInt(bar.getAttribute("data-width"), 10) || 0) + "px";
});

// A form is sent once: a second click while the first send is under way does nothing (the
// submission form's one-time key also makes the server recognise a repeat). Forms whose sending
// another script took over (prevented) are left alone; coming back to the page (the back
// button), or ten seconds without leaving it (a download), make the form sendable again.
document.querySelectorAll('form[method="post"]').forEach(function (form) {
  form.addEventListener("submit", function (ev) {
    if (ev.defaultPrevented) return;
    if (form.getAttribute("data-sending") === "1") { ev.preventDefault(); return; }
    form.setAttribute("data-sending", "1");
    form.querySelectorAll('button[type="submit"]').forEach(function (b) { b.setAttribute("aria-busy", "true"); });
    window.setTimeout(function () { release(form); }, 10000);
  });
});
function release(form) {
  form.removeAttribute("data-sending");
  form.querySelectorAll('button[type="submit"]').forEach(function (b) { b.removeAttribute("aria-busy"); });
}
window.addEventListener("pageshow", function () {
  document.querySelectorAll('form[data-sending]').forEach(release);
});

// Lists of rows (authors on the submission form; tracks, topics, questions, invitees, criteria,
// indicators and review-form fields on the organisers' forms): blank spare rows wait hidden and
// an "add a row" button (data-add-row names the rows' box) shows the next one. Without
// JavaScript every row is shown and the button stays hidden.
document.querySelectorAll("button[data-add-row]").forEach(function (add) {
  var box = document.getElementById(add.getAttribute("data-add-row"));
  if (!box) return;
  box.classList.add("js-rows");
  var spares = function () {
    return Array.prototype.filter.call(box.children, function (el) { return el.classList.contains("spare"); });
  };
  add.hidden = spares().length === 0;
  add.addEventListener("click", function () {
    var next = spares()[0];
    if (!next) return;
    next.classList.remove("spare");
    var first = next.querySelector("input, select, textarea");
    if (first) first.focus();
    add.hidden = spares().length === 0;
  });
});

// Conflicts: one box ticks every row for the bulk buttons.
(function () {
  var all = document.getElementById("tick-all");
  if (!all) return;
  all.hidden = false;
  all.addEventListener("change", function () {
    document.querySelectorAll("input.tick").forEach(function (box) { box.checked = all.checked; });
  });
})();

// The catalogue ballot keeps a draft as the expert types: a moment after the last change the
// whole form (with its CSRF token) goes to the draft address, which stores it without casting
// a vote. The status line says when it was saved, or that it was not and is being retried;
// "Save draft" and "Submit votes" stay as the buttons (and the no-JavaScript path).
(function () {
  var form = document.querySelector("form#ballot[data-draft]");
  if (!form) return;
  var status = document.getElementById("ballot-autosave");
  var timer = null;
  var retry = 0;
  function show(state, text) {
    if (!status) return;
    status.setAttribute("data-state", state);
    status.textContent = text;
  }
  function save() {
    clearTimeout(timer);
    show("saving", status.getAttribute("data-saving"));
    fetch(form.getAttribute("data-draft"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (res) {
      if (!res.ok) throw new Error("status " + res.status);
      return res.json();
    }).then(function (body) {
      retry = 0;
      var when = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      var text = status.getAttribute("data-saved") + " " + when;
      if (body.drafts) text += " · " + body.drafts + " " + status.getAttribute("data-pending");
      show("saved", text);
    }).catch(function () {
      show("failed", status.getAttribute("data-failed"));
      retry = Math.min(retry + 1, 6);
      timer = setTimeout(save, 1000 * Math.pow(2, retry));
    });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  // Submitting casts the votes: a pending draft save must not race it.
  form.addEventListener("submit", function () { clearTimeout(timer); });
})();

// Programme times are in the venue's zone; a reader elsewhere also sees their own zone, and
// each time gets their local time beside it.
(function () {
  var zoneEl = document.querySelector("[data-zone]");
  if (!zoneEl || !window.Intl) return;
  var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!mine || mine === zoneEl.getAttribute("data-zone")) return;
  var holder = document.querySelector(".local-zone");
  if (holder) { holder.querySelector("span").textContent = mine; holder.hidden = false; }
  var fmt = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  document.querySelectorAll("time[data-zone][datetime]").forEach(function (el) {
    var when = new Date(el.getAttribute("datetime"));
    if (isNaN(when)) return;
    var note = document.createElement("small");
    note.className = "muted";
    note.textContent = " (" + fmt.format(when) + ")";
    el.after(note);
  });
})();

// Programme editor: drag a talk (from the grid or the waiting list) into a session, above the
// talk it should precede; drag it onto the waiting list to take it out; drag a session's
// bottom edge to change its end. Each gesture posts the same form the buttons post, then the
// page reloads with the server's answer (a refused stale edit says so there).
(function () {
  var grid = document.getElementById("editor-grid");
  if (!grid) return;
  var csrf = grid.getAttribute("data-csrf");
  var day = grid.getAttribute("data-day");
  var slots = grid.getAttribute("data-move");
  var sessions = grid.getAttribute("data-resize");
  function post(url, fields) {
    var body = new URLSearchParams();
    body.set("csrf", csrf);
    body.set("day", day);
    Object.keys(fields).forEach(function (k) { body.set(k, fields[k]); });
    return fetch(url, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function () { window.location.reload(); });
  }
  var dragged = null;
  document.querySelectorAll("li[draggable][data-slot], li[draggable][data-paper]").forEach(function (li) {
    li.addEventListener("dragstart", function (ev) {
      dragged = li;
      ev.dataTransfer.setData("text/plain", li.id);
      ev.dataTransfer.effectAllowed = "move";
    });
    li.addEventListener("dragend", function () { dragged = null; });
  });
  function placeInto(block, ev) {
    var items = Array.prototype.filter.call(block.querySelectorAll("li[data-slot]"), function (x) { return x !== dragged; });
    var position = items.length;
    for (var i = 0; i < items.length; i++) {
      var r = items[i].getBoundingClientRect();
      if (ev.clientY < r.top + r.height / 2) { position = i; break; }
    }
    var session = block.getAttribute("data-session");
    if (dragged.hasAttribute("data-slot")) {
      return post(slots + dragged.getAttribute("data-slot") + "/move",
        { session_id: session, position: position, version: dragged.getAttribute("data-version") });
    }
    return post(slots.replace(/\/$/, ""),
      { kind: "paper", paper: dragged.getAttribute("data-paper"), session_id: session, position: position });
  }
  grid.querySelectorAll(".block[data-session]").forEach(function (block) {
    block.addEventListener("dragover", function (ev) {
      if (!dragged) return;
      ev.preventDefault();
      block.classList.add("drop-target");
    });
    block.addEventListener("dragleave", function () { block.classList.remove("drop-target"); });
    block.addEventListener("drop", function (ev) {
      ev.preventDefault();
      block.classList.remove("drop-target");
      if (dragged) placeInto(block, ev);
    });
  });
  var waiting = document.getElementById("waiting");
  if (waiting) {
    waiting.addEventListener("dragover", function (ev) {
      if (dragged && grid.contains(dragged)) ev.preventDefault();
    });
    waiting.addEventListener("drop", function (ev) {
      ev.preventDefault();
      if (dragged && grid.contains(dragged)) {
        post(slots + dragged.getAttribute("data-slot") + "/move", { session_id: "", version: dragged.getAttribute("data-version") });
      }
    });
  }
  grid.querySelectorAll(".block .resize").forEach(function (handle) {
    handle.addEventListener("mousedown", function (ev) {
      ev.preventDefault();
      var block = handle.parentNode;
      var startY = ev.clientY;
      var rowPx = parseFloat(window.getComputedStyle(grid).gridAutoRows) || 12;
      var step = parseInt(grid.getAttribute("data-step"), 10) || 5;
      function up(e2) {
        document.removeEventListener("mouseup", up);
        var rows = Math.round((e2.clientY - startY) / rowPx);
        if (!rows) return;
        var end = block.getAttribute("data-end").split(":");
        var minutes = parseInt(end[0], 10) * 60 + parseInt(end[1], 10) + rows * step;
        if (minutes <= 0 || minutes >= 24 * 60) return;
        var hh = ("0" + Math.floor(minutes / 60)).slice(-2);
        var mm = ("0" + (minutes % 60)).slice(-2);
        post(sessions + block.getAttribute("data-session") + "/resize", { end: hh + ":" + mm, version: block.getAttribute("data-version") });
      }
      document.addEventListener("mouseup", up);
    });
  });
})();

// The check-in desk's camera: reads QR codes with the browser's BarcodeDetector where there is
// one, else with jsQR (vendored in /static/vendor/jsqr), and sends the code through the desk's
// own form, so a scan and a typed code take one path. The camera comes back on after each
// answer; the code just sent is ignored for a few seconds so it is not read again at once.
(function () {
  var box = document.getElementById("scanner");
  var form = document.getElementById("checkin-form");
  if (!box || !form) return;
  var status = document.getElementById("scanner-status");
  var video = document.getElementById("scanner-video");
  var start = document.getElementById("scanner-start");
  var stop = document.getElementById("scanner-stop");
  var input = form.querySelector("[name=code]");
  box.hidden = false;
  var media = navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  var detector = null;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
  }
  if (!media || (!detector && !window.jsQR)) {
    start.hidden = true;
    status.textContent = status.getAttribute("data-none");
    return;
  }
  var canvas = document.createElement("canvas");
  var ctx = canvas.getContext("2d", { willReadFrequently: true });
  var stream = null;
  var sent = false;
  var last = sessionStorage.getItem("xuehui-scanner-last") || "";
  var lastAt = parseInt(sessionStorage.getItem("xuehui-scanner-at") || "0", 10);
  function found(text) {
    text = (text || "").trim();
    if (!text || sent) return false;
    if (text === last && Date.now() - lastAt < 5000) return false;
    sent = true;
    sessionStorage.setItem("xuehui-scanner-last", text);
    sessionStorage.setItem("xuehui-scanner-at", String(Date.now()));
    input.value = text;
    form.submit();
    return true;
  }
  function later() { if (stream && !sent) window.setTimeout(tick, 150); }
  function tick() {
    if (!stream || sent) return;
    if (video.readyState < 2) return later();
    if (detector) {
      detector.detect(video).then(function (codes) {
        if (!codes.length || !found(codes[0].rawValue)) later();
      }).catch(later);
      return;
    }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    var img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
    if (!code || !found(code.data)) later();
  }
  function on() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      video.play();
      start.hidden = true;
      stop.hidden = false;
      status.textContent = status.getAttribute("data-scanning");
      sessionStorage.setItem("xuehui-scanner", "on");
      later();
    }).catch(function () {
      status.textContent = status.getAttribute("data-denied");
      sessionStorage.removeItem("xuehui-scanner");
    });
  }
  function off() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    video.hidden = true;
    start.hidden = false;
    stop.hidden = true;
    status.textContent = "";
    sessionStorage.removeItem("xuehui-scanner");
  }
  start.addEventListener("click", on);
  stop.addEventListener("click", off);
  if (sessionStorage.getItem("xuehui-scanner") === "on") on();
})();

// Salon minutes: the introduction's length as the writer types (whitespace not counted;
// about 400 characters suggested, below 200 or above 600 noted). The server says the same on save.
(function () {
  document.querySelectorAll("[data-count-for]").forEach(function (out) {
    var box = document.getElementById(out.getAttribute("data-count-for"));
    if (!box) return;
    function show() {
      var n = box.value.replace(/\s/g, "").length;
      var kind = n === 0 ? "empty" : n < 200 ? "short" : n > 600 ? "long" : "fine";
      out.textContent = out.getAttribute("data-label") + ": " + n + " · " + out.getAttribute("data-" + kind);
      out.classList.toggle("notice", kind === "short" || kind === "long");
    }
    box.addEventListener("input", show);
  });
})();

// Speech contest board: reloads itself every few seconds (the link says how many) while the
// organiser is not typing, so new scores show during the talks. Without JS the link refreshes.
(function () {
  var link = document.querySelector("[data-auto-refresh]");
  if (!link) return;
  var seconds = parseInt(link.getAttribute("data-auto-refresh"), 10) || 30;
  setInterval(function () {
    var a = document.activeElement;
    if (a && (a.tagName === "INPUT" || a.tagName === "TEXTAREA" || a.tagName === "SELECT")) return;
    window.location.reload();
  }, seconds * 1000);
})();
