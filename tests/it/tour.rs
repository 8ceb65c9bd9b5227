//! A tour of every demo page as every role, in both languages, on a laptop and a phone, that
//! fails on what embarrassed users before: empty links and headings, sideways scrolling, long
//! floats, message keys and snake_case codes in visible text, and server errors. Screenshots go
//! to `target/screenshots/tour/` for a person to look at.

use fantoccini::Locator;

use crate::browser::Browser;
use crate::support::TestApp;

const V: &str = "/venues/annual-2026";

/// Who logs in (none: a visitor) and which pages they visit.
fn roles() -> Vec<(&'static str, Option<&'static str>, Vec<String>)> {
    let s = |p: &str| p.to_string();
    vec![
        (
            "visitor",
            None,
            vec![
                s("/"),
                s(V),
                s(&format!("{V}/papers/1")),
                s(&format!("{V}/programme")),
                s(&format!("{V}/programme?view=list")),
                s(&format!("{V}/programme?view=room")),
                s(&format!("{V}/programme/changes")),
                s(&format!("{V}/programme/sessions/2")),
                s(&format!("{V}/programme/talks/1")),
                s(&format!("{V}/registration")),
                s(&format!("{V}/registration/1")),
                s("/search?q=%E8%AF%84%E8%AE%AE"),
                s("/search?q=journal"),
                s("/journals"),
                s("/journals/1"),
                s("/j/issn-2049-3630"),
                s("/j/issn-2049-3630/archive"),
                s("/j/issn-2049-3630/issues/1/1"),
                s("/j/issn-2049-3630/articles/3"),
                s("/search?type=article"),
                s("/fields"),
                s("/catalogues"),
                s("/catalogues/computing-2025"),
                s("/catalogues/computing-2025/print"),
                s("/catalogues/computing-2025/diff"),
                s("/catalogues/computing-2026"),
                s("/?kind=salon"),
                s("/venues/salon-single-atom"),
                s("/venues/salon-single-atom/programme"),
                s("/venues/salon-single-atom/minutes"),
                s(&format!(
                    "/societies/demo-society/salons/{}",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s("/venues/ysf-2026"),
                s("/venues/ysf-2026/contest"),
                s("/venues/ysf-2026/topics"),
                s("/societies/demo-society/evaluation/systems"),
                s("/societies/demo-society/evaluation/systems/1"),
                s("/evaluation"),
                s(&format!(
                    "/evaluation/demonstrative-{}",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}/results",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}/report",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}",
                    chrono::Datelike::year(&chrono::Utc::now()) + 1
                )),
                s("/evaluation/demonstrative"),
                s("/evaluation/conferences/annual-2026"),
                s("/login"),
                s("/signup"),
                s("/password/forgot"),
            ],
        ),
        (
            "author",
            Some("author1"),
            vec![
                s("/dashboard"),
                s("/submissions/1"),
                s("/submissions/2/edit"),
                s("/submissions/4/final"),
                s("/submissions/1/final"),
                s(&format!("{V}/programme/availability")),
                s(&format!("{V}/submit")),
                s(&format!("{V}/registration")),
                s("/registrations/4"),
                s("/profile"),
                s("/tokens"),
            ],
        ),
        (
            "reviewer",
            Some("reviewer1"),
            vec![
                s("/reviews"),
                s("/registrations/1"),
                s("/registrations/1/badge"),
                s(&format!("{V}/survey")),
                s("/submissions/1/review"),
                s("/submissions/3/review"),
                s(&format!("{V}/bids")),
                s("/profile/expertise"),
                s("/catalogues/computing-2026/vote"),
                s("/venues/ysf-2026/contest/judge"),
                s("/venues/ysf-2026/contest/judge/1"),
            ],
        ),
        ("area chair", Some("areachair"), vec![s("/reviews"), s("/submissions/1/review")]),
        ("journal reviewer", Some("reviewer2"), vec![s("/me/reviews"), s("/dashboard")]),
        (
            "chair",
            Some("organiser"),
            vec![
                s(V),
                s(&format!("{V}/submissions")),
                s(&format!("{V}/decisions")),
                s(&format!("{V}/finals")),
                s(&format!("{V}/finals/settings")),
                s(&format!("{V}/proceedings")),
                s(&format!("{V}/programme/edit")),
                s(&format!("{V}/programme/rooms")),
                s(&format!("{V}/programme/publish")),
                s(&format!("{V}/programme/edit/sessions/4")),
                s(&format!("{V}/programme/edit/slots/1")),
                s(&format!("{V}/registration")),
                s(&format!("{V}/registration/1/list")),
                s(&format!("{V}/registration/1/edit")),
                s(&format!("{V}/registration/new?scope=session")),
                s("/registrations/5"),
                s(&format!("{V}/registration/1/badges")),
                s(&format!("{V}/checkin")),
                s(&format!("{V}/checkin/helpers")),
                s(&format!("{V}/attendance")),
                s(&format!("{V}/survey/results")),
                s(&format!("{V}/survey/settings")),
                s("/venues/ysf-2026/contest"),
                s("/venues/ysf-2026/contest/settings"),
                s("/venues/ysf-2026/contest/entries"),
                s("/venues/ysf-2026/contest/judges"),
                s("/venues/ysf-2026/topics"),
                s("/submissions/1/final"),
                s(&format!("{V}/assignment")),
                s(&format!("{V}/committee")),
                s(&format!("{V}/conflicts")),
                s(&format!("{V}/review-setup")),
                s(&format!("{V}/edit")),
                s(&format!("{V}/call/edit")),
                s("/venues/ysf-2027"),
                s("/venues/salon-single-atom/salon/settings"),
                s("/venues/salon-single-atom/salon/applications"),
                s("/venues/salon-single-atom/programme/edit"),
                s("/venues/salon-single-atom/minutes/edit"),
                s(&format!(
                    "/societies/demo-society/salons/{}",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s("/submissions/2"),
                s("/submissions/2/review"),
                s("/venues/new"),
                s("/catalogues/new"),
                s("/catalogues/computing-2026/manage"),
                s("/catalogues/computing-2026/proposal"),
                s("/catalogues/computing-2026/audit"),
                s("/journals/new"),
                s("/journals/import"),
                s("/dashboard"),
                s("/societies/demo-society/evaluation/systems"),
                s("/societies/demo-society/evaluation/systems/1"),
                s("/societies/demo-society/evaluation/systems/1?version=1"),
                s("/societies/demo-society/evaluation/systems/1/indicators/days_to_decision"),
                s("/societies/demo-society/evaluation/rounds/new"),
                s(&format!(
                    "/evaluation/demonstrative-{}/entries/1",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}/entries/2",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}/entries/3",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}/results",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}/results/1",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
                s(&format!(
                    "/evaluation/demonstrative-{}",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
            ],
        ),
        ("check-in helper", Some("helper"), vec![s("/dashboard"), s(&format!("{V}/checkin"))]),
        (
            "lead scientist",
            Some("lead"),
            vec![
                s("/dashboard"),
                s("/venues/salon-single-atom"),
                s("/venues/salon-single-atom/salon/applications"),
            ],
        ),
        (
            "expert",
            Some("editor"),
            vec![
                s("/catalogues/computing-2026/vote"),
                s("/journals/1/edit"),
                s("/journals/1/setup"),
                s("/journals/1/manuscripts"),
                s("/manuscripts/2"),
                s("/manuscripts/5"),
                s("/journals/1/issues"),
                s("/journals/1/issues/1"),
                s(&format!(
                    "/evaluation/demonstrative-{}/ballot",
                    chrono::Datelike::year(&chrono::Utc::now())
                )),
            ],
        ),
        (
            "administrator",
            Some("admin"),
            vec![s("/admin/jobs"), s("/admin/mail"), s(&format!("{V}/registration/1"))],
        ),
    ]
}

/// Pages reached by a button rather than a link: (role, page, button to press).
const AFTER_A_CLICK: &[(&str, &str, &str)] = &[("chair", "/venues/annual-2026/decisions", "#preview-notifications")];

/// Runs in the page and lists what is wrong with it (visible elements only).
const CHECKS: &str = r##"
const sections = arguments[0];
const problems = [];
const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
if (document.getElementById("request-id") || /^(Error|出错)/.test((document.querySelector("h1") || {}).textContent || "") && /\(5\d\d\)/.test(document.querySelector("h1").textContent)) {
  problems.push("server error: " + document.querySelector("h1").textContent);
}
for (const e of document.querySelectorAll("a, h1, h2, h3, button, th, label, legend, option")) {
  if ((!visible(e) && e.tagName !== "OPTION") || e.closest("datalist")) continue;
  const text = (e.textContent || "").trim() || e.getAttribute("aria-label") || e.getAttribute("title") || "";
  if (!text && !e.querySelector("img, svg, input")) problems.push("empty " + e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.getAttribute("href") ? " " + e.getAttribute("href") : ""));
}
if (document.documentElement.scrollWidth > window.innerWidth) {
  // Name the innermost elements that stick out, so the cause is found from the report.
  const clipped = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (getComputedStyle(a).overflowX !== "visible") return true; } return false; };
  const out = [...document.body.querySelectorAll("*")].filter((e) => visible(e) && !clipped(e) && e.getBoundingClientRect().right > window.innerWidth + 1
    && ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1));
  const names = out.slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : ""));
  problems.push("sideways scroll: " + document.documentElement.scrollWidth + "px in " + window.innerWidth + "px (" + names.join(", ") + ")");
}
// Visible text, leaving out what people typed or may copy (inputs, code, pre, URLs, e-mails,
// DOIs and references).
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const texts = [];
while (walker.nextNode()) {
  const n = walker.currentNode;
  const p = n.parentElement;
  if (!p || !visible(p) || p.closest("script, style, textarea, code, pre, .pre, input, select, .mono, .doi, .citation, [data-raw]")) continue;
  texts.push(n.textContent);
}
const body = texts.join(" ").replace(/\S+@\S+|https?:\/\/\S+|\/[\w\-\/.?=&%]+/g, " ");
// DOI prefixes (10.1234) are identifiers, not numbers.
const float = body.match(/\d+\.\d{4,}/g)?.find((f) => !/^10\.\d{4,9}$/.test(f));
if (float) problems.push("long float: " + float);
const key = body.match(new RegExp("\\b(" + sections.join("|") + ")\\.[a-z_]+\\b"));
if (key) problems.push("message key: " + key[0]);
const code = body.match(/\b[a-z]+_[a-z_]+\b/);
if (code) problems.push("snake_case code: " + code[0]);
// ISO codes shown instead of words ("de 1, en 5", "GB"; "CN" is also China's serial number prefix).
const iso = body.match(/(?:^|[\s,(（])((?:zh|en|de|fr|ja|ko|ru|es)|(?:GB|US|DE|FR|JP|HK|TW|KR|SG))(?=$|[\s,:;)）])/);
if (iso) problems.push("ISO code as text: " + iso[1]);
// Labels in the other language: the interface's own words (labels, headers, buttons) follow the
// page's language; the language switch and text marked with its own lang are left alone.
const pageLang = document.documentElement.lang;
for (const e of document.querySelectorAll("label, legend, th, button, dt, summary, nav a")) {
  // Names of people are nobody's language: they are marked translate="no".
  if (!visible(e) || e.closest(".lang-switch, [data-raw], [translate=no]")) continue;
  const own = e.closest("[lang]");
  if (own && own !== document.documentElement && own.lang !== pageLang) continue;
  // Only the element's own words: inputs, selects and typed values inside a label are data.
  let text = "";
  for (const n of e.childNodes) { if (n.nodeType === 3 || (n.nodeType === 1 && !n.matches("input, select, textarea, option, .mono, code, a[href^='mailto']"))) text += n.textContent; }
  text = text.replace(/\S+@\S+|https?:\/\/\S+/g, " ").trim();
  if (!text) continue;
  const cjk = /[\u4e00-\u9fff]/.test(text);
  if (pageLang === "en" && cjk) problems.push("Chinese label on an English page: " + text.slice(0, 60));
  if (pageLang.startsWith("zh") && /(?:^|[^A-Za-z])[a-z]{4,}(?![A-Za-z])/.test(text)) problems.push("English label on a Chinese page: " + text.slice(0, 60));
}
return problems;
"##;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tour_of_every_demo_page_as_every_role_in_both_languages_on_a_laptop_and_a_phone() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    // Index the demo's papers and journals, so search pages show results.
    app.run_jobs().await;
    let sections: Vec<String> = include_str!("../../locales/en.toml")
        .lines()
        .filter_map(|l| l.strip_prefix('[').and_then(|l| l.strip_suffix(']')))
        .map(str::to_string)
        .collect();
    let mut problems = Vec::new();
    for (role, account, pages) in roles() {
        let b = Browser::start().await;
        if let Some(who) = account {
            b.client.goto(&app.at("/login")).await.unwrap();
            b.fill("#f-email", &format!("{who}@xuehui.example")).await;
            b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
            b.click("#login-submit").await;
            b.wait_for_text("xuehui").await;
        }
        for lang in ["zh-CN", "en"] {
            b.client.goto(&app.at("/")).await.unwrap();
            b.click(&format!(".lang-switch button[value='{lang}']")).await;
            b.wait_for_text(if lang == "en" { "Home" } else { "首页" }).await;
            for (w, h) in [(1366, 900), (390, 844)] {
                b.client.set_window_size(w, h).await.unwrap();
                let clicks = AFTER_A_CLICK
                    .iter()
                    .filter(|(r, _, _)| *r == role)
                    .map(|(_, p, c)| (p.to_string(), Some(*c)));
                for (path, click) in pages.iter().map(|p| (p.clone(), None)).chain(clicks) {
                    b.client.goto(&app.at(&path)).await.unwrap();
                    if let Some(button) = click {
                        b.click(button).await;
                        // The answer to the form replaces the page; wait for it to be whole.
                        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                        b.client.wait().for_element(Locator::Css("footer")).await.unwrap();
                    }
                    b.client.find(Locator::Css("footer, body")).await.unwrap();
                    let found = b.client.execute(CHECKS, vec![serde_json::json!(sections)]).await.unwrap();
                    for p in found.as_array().unwrap() {
                        problems.push(format!("{role} {lang} {w}px {path}: {}", p.as_str().unwrap()));
                    }
                    let name = format!(
                        "tour/{}-{lang}-{w}-{}",
                        role.replace(' ', "-"),
                        path.trim_start_matches('/').replace(['/', '?', '=', '%'], "_") + if click.is_some() { "-after-click" } else { "" }
                    );
                    b.snap(&name).await;
                }
            }
        }
        b.client.clone().close().await.unwrap();
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
