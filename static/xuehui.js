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
