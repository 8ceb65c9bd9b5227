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
