//! Real-browser tests: headless Chromium through chromedriver against the real server.

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{PASSWORD, TestApp, link_in};

/// A chromedriver process and a browser session; both end on drop.
pub(crate) struct Browser {
    pub(crate) client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) async fn start() -> Browser {
        Browser::start_with(&[]).await
    }

    /// A browser with extra command-line switches (a fake camera, say).
    pub(crate) async fn start_with(extra: &[String]) -> Browser {
        let driver_bin = std::env::var("XUEHUI_TEST_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin} ({e}); install Debian's chromium and chromium-driver (scripts/test does)")
            });
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        let mut opts = json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     format!("--user-data-dir={}", profile.path().display()), "--lang=en-US"],
        });
        for a in extra {
            opts["args"].as_array_mut().unwrap().push(json!(a));
        }
        let chromium = std::env::var("XUEHUI_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        if std::path::Path::new(&chromium).exists() {
            opts["binary"] = json!(chromium);
        }
        caps.insert("goog:chromeOptions".into(), opts);
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("browser session");
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    pub(crate) async fn fill(&self, css: &str, value: &str) {
        let el = self.client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        el.clear().await.unwrap();
        el.send_keys(value).await.unwrap();
    }

    pub(crate) async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap();
    }

    /// The document's scroll width and the window's inner width, in CSS pixels.
    pub(crate) async fn widths(&self) -> (i64, i64) {
        let v = self
            .client
            .execute("return [document.documentElement.scrollWidth, window.innerWidth];", vec![])
            .await
            .unwrap();
        (v[0].as_i64().unwrap(), v[1].as_i64().unwrap())
    }

    /// Saves a screenshot under `target/screenshots/` for a person to look at (CI keeps the folder).
    pub(crate) async fn snap(&self, name: &str) {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/screenshots/{name}.png"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(file, png).unwrap();
    }

    async fn shown(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.unwrap().is_displayed().await.unwrap()
    }

    /// The page's text; empty while the page is being replaced (a navigation is in flight).
    async fn body_text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub(crate) async fn wait_for_text(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self.body_text().await;
            if text.contains(needle) {
                return text;
            }
            assert!(Instant::now() < deadline, "page never showed {needle:?}; it shows:\n{text}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_up_confirms_by_mail_logs_in_and_reads_their_account_in_a_browser() {
    let app = TestApp::new().await;
    let b = Browser::start().await;
    b.client.goto(&app.at("/")).await.unwrap();
    b.click("button[name=lang][value=en]").await;
    b.wait_for_text("Conferences and forums").await;
    b.click("#nav-signup").await;
    b.wait_for_text("Create an account").await;
    b.fill("#f-email", "browser@example.org").await;
    b.fill("#f-password", "short").await;
    b.fill("#f-name_latin", "Ada Browser").await;
    b.click("#signup-submit").await;
    // The form comes back with a message and what was typed.
    b.wait_for_text("Use at least 10 characters.").await;
    let kept = b
        .client
        .find(Locator::Css("#f-name_latin"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("Ada Browser"));
    b.fill("#f-password", PASSWORD).await;
    b.click("#signup-submit").await;
    b.wait_for_text("browser@example.org").await;

    let (_, body) = app.last_mail_to("browser@example.org").expect("verification mail");
    let link = link_in(&body).replace(&app.state.config.base_url, &app.url);
    b.client.goto(&link).await.unwrap();
    b.wait_for_text("Your e-mail address is confirmed").await;
    b.fill("#f-email", "browser@example.org").await;
    b.fill("#f-password", PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("Ada Browser").await;

    b.client.goto(&app.at("/api/v1/me")).await.unwrap();
    let text = b.body_text().await;
    let me: serde_json::Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(me["email"], "browser@example.org");
    assert_eq!(me["name_latin"], "Ada Browser");
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_author_submits_a_pdf_revises_it_and_sees_the_receipt_in_a_browser() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (v1, v2) = (dir.path().join("paper-v1.pdf"), dir.path().join("paper-v2.pdf"));
    std::fs::write(&v1, xuehui::files::pdf::sample(3, "first version", None)).unwrap();
    std::fs::write(&v2, xuehui::files::pdf::sample(4, "second version", None)).unwrap();

    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "author2@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("James Smith").await;
    b.client.goto(&app.at("/venues/annual-2026")).await.unwrap();
    b.wait_for_text("Full paper deadline").await;
    b.click("#submit-link").await;
    b.wait_for_text("Submit a paper").await;
    // The form fits a phone and a laptop: no sideways scrolling.
    for (w, h) in [(390, 844), (1366, 900)] {
        b.client.set_window_size(w, h).await.unwrap();
        let (scroll, inner) = b.widths().await;
        assert!(scroll <= inner, "the submission form is {scroll}px wide in a {inner}px window");
        b.client
            .execute("document.getElementById('authors').scrollIntoView();", vec![])
            .await
            .unwrap();
        b.snap(&format!("submission-form-authors-en-{w}")).await;
    }
    // Three author cards show; more come with "Add an author".
    assert!(b.shown("#author-2").await && !b.shown("#author-3").await);
    b.click("#add-author").await;
    assert!(b.shown("#author-3").await);
    b.fill("#f-title_en", "Peer review as the basis of academic evaluation").await;
    b.fill("#f-abstract_text", "We study how peer review supports fair evaluation.")
        .await;
    b.fill("#f-keywords", "peer review, evaluation").await;
    b.client
        .find(Locator::Css("#f-track option[value=main]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client
        .find(Locator::Css("select[name^=q] option[value='0']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client
        .find(Locator::Css("#f-pdf"))
        .await
        .unwrap()
        .send_keys(&v1.display().to_string())
        .await
        .unwrap();
    b.click("#submission-submit").await;
    b.wait_for_text("Your submission is received").await;
    b.wait_for_text("Peer review as the basis of academic evaluation").await;

    b.click("#edit-link").await;
    b.wait_for_text("Edit submission").await;
    b.fill("#f-title_en", "Peer review as the basis of academic evaluation, revised")
        .await;
    b.client
        .find(Locator::Css("#f-pdf"))
        .await
        .unwrap()
        .send_keys(&v2.display().to_string())
        .await
        .unwrap();
    b.click("#submission-submit").await;
    let text = b.wait_for_text("Your changes are saved as a new version").await;
    assert!(text.contains("revised"));
    let history = b.client.find(Locator::Css("#history")).await.unwrap().text().await.unwrap();
    assert!(
        history.contains("4 pages") && history.contains("3 pages"),
        "both versions listed: {history}"
    );

    let (subject, body) = app.last_mail_to("author2@xuehui.example").expect("receipt");
    assert!(subject.starts_with("Submission updated"), "{subject}");
    assert!(body.contains("revised"));
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chair_adds_a_track_row_with_the_add_button_and_the_venue_form_fits_a_phone() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "organiser@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("Wang Cheng").await;
    b.client.goto(&app.at("/venues/annual-2026/edit")).await.unwrap();
    b.click(".lang-switch button[value='zh-CN']").await;
    b.wait_for_text("分会场与论坛").await;
    // The stored tracks show; the spare rows wait behind the add button.
    assert!(b.shown("#track-1").await && !b.shown("#track-2").await);
    for (w, h) in [(390, 844), (1366, 900)] {
        b.client.set_window_size(w, h).await.unwrap();
        let (scroll, inner) = b.widths().await;
        assert!(scroll <= inner, "the venue form is {scroll}px wide in a {inner}px window");
        b.client
            .execute("document.getElementById('tracks-list').scrollIntoView();", vec![])
            .await
            .unwrap();
        b.snap(&format!("venue-form-tracks-zh-{w}")).await;
    }
    b.click("#add-tracks").await;
    assert!(b.shown("#track-2").await && !b.shown("#track-3").await);
    b.fill("[name='tracks[2].slug']", "posters").await;
    b.fill("[name='tracks[2].name_zh']", "墙报交流").await;
    b.fill("[name='tracks[2].name_en']", "Posters").await;
    b.client
        .find(Locator::Css("[name='tracks[2].kind'] option[value=forum]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.fill("[name='tracks[2].slug']", "Posters 2026").await;
    b.click("#venue-save").await;
    // Refused: the error sits beside that row's URL name, and every row is still there.
    b.wait_for_text("请使用 2 到 60 个小写字母、数字或连字符。").await;
    b.client.set_window_size(390, 844).await.unwrap();
    let (scroll, inner) = b.widths().await;
    assert!(scroll <= inner, "with an error the form is {scroll}px wide in a {inner}px window");
    b.client
        .execute("document.getElementById('track-2').scrollIntoView();", vec![])
        .await
        .unwrap();
    b.snap("venue-form-track-error-zh-390").await;
    assert!(b.shown("#e-tracks\\[2\\]\\.slug").await);
    assert!(b.shown("#track-2").await, "the row with the error shows");
    let name = b
        .client
        .find(Locator::Css("[name='tracks[2].name_en']"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("Posters"));
    b.fill("[name='tracks[2].slug']", "posters").await;
    b.click("#venue-save").await;
    b.wait_for_text("墙报交流").await;
    b.client.goto(&app.at("/venues/annual-2026/edit")).await.unwrap();
    b.wait_for_text("分会场与论坛").await;
    let slug = b
        .client
        .find(Locator::Css("[name='tracks[2].slug']"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(slug.as_deref(), Some("posters"));
    assert!(b.shown("#track-2").await, "a stored row shows");
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_organisers_row_list_fits_a_phone_and_a_laptop_in_both_languages() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "organiser@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("Wang Cheng").await;
    let pages = [
        ("/venues/annual-2026/edit", "topics-list", "venue-topics"),
        ("/venues/annual-2026/call/edit", "questions-list", "call-questions"),
        ("/venues/annual-2026/committee", "invitees-list", "committee-invitees"),
        ("/venues/annual-2026/review-setup", "form-fields", "review-form-fields"),
        ("/catalogues/computing-2026/manage", "indicators-list", "catalogue-indicators"),
        ("/catalogues/new", "criteria-list", "catalogue-criteria"),
        ("/catalogues/new", "tiers-list", "catalogue-tiers"),
    ];
    for lang in ["zh-CN", "en"] {
        b.client.goto(&app.at("/")).await.unwrap();
        b.click(&format!(".lang-switch button[value='{lang}']")).await;
        b.wait_for_text(if lang == "en" { "Home" } else { "首页" }).await;
        for (path, list, name) in pages {
            b.client.goto(&app.at(path)).await.unwrap();
            for (w, h) in [(390, 844), (1366, 900)] {
                b.client.set_window_size(w, h).await.unwrap();
                let (scroll, inner) = b.widths().await;
                assert!(scroll <= inner, "{path} is {scroll}px wide in a {inner}px window ({lang})");
                b.client
                    .execute(&format!("document.getElementById('{list}').scrollIntoView();"), vec![])
                    .await
                    .unwrap();
                b.snap(&format!("rows-{name}-{lang}-{w}")).await;
            }
        }
    }
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_bids_in_a_browser_and_each_bid_saves_as_soon_as_it_is_chosen() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "reviewer2@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("Log out").await;
    b.client.goto(&app.at("/venues/annual-2026")).await.unwrap();
    b.click("#bids-link").await;
    b.wait_for_text("Bidding").await;
    // With JavaScript the save button is hidden: choosing is saving.
    let form = b.client.find(Locator::Css("form.bid-form")).await.unwrap();
    let paper = form.attr("action").await.unwrap().unwrap().rsplit('/').next().unwrap().to_string();
    assert!(!form.find(Locator::Css(".bid-save")).await.unwrap().is_displayed().await.unwrap());
    form.find(Locator::Css("select.bid-select"))
        .await
        .unwrap()
        .select_by_value("eager")
        .await
        .unwrap();
    b.wait_for_text("Saved").await;
    b.client.goto(&app.at("/api/v1/venues/annual-2026/bids?bid=eager")).await.unwrap();
    let text = b.body_text().await;
    assert!(text.contains(&format!("\"id\":{paper}")), "{text}");
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewers_draft_saves_itself_while_they_type_in_a_browser() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    // A demo reviewer with a paper whose review is not started yet.
    let mut found = None;
    for who in ["reviewer1", "reviewer2", "reviewer3"] {
        let c = app.client();
        let email = format!("{who}@xuehui.example");
        let res = c
            .post(app.at("/api/v1/session"))
            .json(&serde_json::json!({"email": email, "password": xuehui::demo::DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let tasks: serde_json::Value = c.get(app.at("/api/v1/me/reviews")).send().await.unwrap().json().await.unwrap();
        if let Some(t) = tasks.as_array().unwrap().iter().find(|t| t["review_status"].is_null()) {
            found = Some((email, t["submission_id"].as_i64().unwrap(), c));
            break;
        }
    }
    let (email, paper, api) = found.expect("a demo reviewer has an unstarted review");
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", &email).await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text(if email.starts_with("reviewer2") { "Log out" } else { "退出" })
        .await;
    b.client.goto(&app.at(&format!("/submissions/{paper}/review"))).await.unwrap();
    b.client
        .find(Locator::Css("input[name='a_overall'][value='4']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.fill("#a_summary", "草稿：方法部分清楚").await;
    // Typing goes on while earlier drafts save; wait for the last one.
    let deadline = Instant::now() + Duration::from_secs(20);
    let own = loop {
        let mine: serde_json::Value = api
            .get(app.at(&format!("/api/v1/submissions/{paper}/reviews")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let own = mine["reviews"]["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["mine"] == true)
            .cloned();
        if let Some(own) = own.filter(|o| o["answers"]["summary"] == "草稿：方法部分清楚") {
            break own;
        }
        assert!(Instant::now() < deadline, "the draft was never saved in full");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(own["status"], "draft");
    assert_eq!(own["answers"]["overall"], 4);
    let status = b.client.find(Locator::Css(".autosave-status")).await.unwrap();
    assert_eq!(status.attr("data-state").await.unwrap().as_deref(), Some("saved"));
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expert_votes_on_the_ballot_and_a_reader_filters_the_published_catalogue_in_a_browser() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "reviewer2@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("Log out").await;
    b.client.goto(&app.at("/catalogues/computing-2026/vote")).await.unwrap();
    b.wait_for_text("Journals voted on: 0").await;
    let row = b.client.find(Locator::Css("#ballot tbody tr:first-child")).await.unwrap();
    row.find(Locator::Css("select option[value=T2]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    row.find(Locator::Css("input[name^=c_]"))
        .await
        .unwrap()
        .send_keys("Solid, but not yet at the top")
        .await
        .unwrap();
    b.click("#ballot-save").await;
    b.wait_for_text("Votes saved.").await;
    b.wait_for_text("Journals voted on: 1").await;
    let chosen = b
        .client
        .find(Locator::Css("#ballot tbody tr:first-child select option:checked"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(chosen.trim(), "T2");

    b.client.goto(&app.at("/catalogues/computing-2025")).await.unwrap();
    b.wait_for_text("Journal of Exemplary Algorithms").await;
    b.client
        .find(Locator::Css("#entry-filter select[name=tier] option[value=T1]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client
        .find(Locator::Css("#entry-filter button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait_for_text("Chinese Journal of Demonstration Computing").await;
    let rows = b.client.find_all(Locator::Css("#entries tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 2, "two T1 journals: one Chinese, one foreign");
    let text = b.body_text().await;
    assert!(!text.contains("Journal of Sample Software"), "T3 journals are filtered out");
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_in_the_ballot_saves_a_draft_that_is_not_a_vote_in_a_browser() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    // reviewer2 (English) is on the 2026 panel and has not voted yet.
    let email = "reviewer2@xuehui.example";
    let api = app.client();
    let res = api
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": email, "password": xuehui::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let list: serde_json::Value = api.get(app.at("/api/v1/catalogues")).send().await.unwrap().json().await.unwrap();
    let edition = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == "computing-2026")
        .map(|e| e["id"].as_i64().unwrap())
        .expect("the demo's 2026 edition");
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", email).await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("Log out").await;
    b.client.goto(&app.at("/catalogues/computing-2026/vote")).await.unwrap();
    b.wait_for_text("Votes due").await;
    let select = b.client.find(Locator::Css("#ballot select[name^='v_']")).await.unwrap();
    let journal: i64 = select.attr("name").await.unwrap().unwrap()[2..].parse().unwrap();
    select.select_by_value("T2").await.unwrap();
    b.fill(&format!("#ballot input[name='c_{journal}']"), "草稿：影响力稳定").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let ballot = loop {
        let ballot: serde_json::Value = api
            .get(app.at(&format!("/api/v1/catalogues/{edition}/ballot")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let line = ballot["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["journal_id"] == journal)
            .cloned()
            .unwrap();
        if line["draft"]["comment"] == "草稿：影响力稳定" {
            assert_eq!(line["draft"]["tier"], "T2");
            assert_eq!(line["my_vote"], "", "a draft is not a vote");
            break ballot;
        }
        assert!(Instant::now() < deadline, "the draft was never saved in full: {line}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(ballot["voted"], 0);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = b.client.find(Locator::Css("#ballot-autosave")).await.unwrap();
        if status.attr("data-state").await.unwrap().as_deref() == Some("saved") {
            assert!(status.text().await.unwrap().contains("Draft saved at"));
            break;
        }
        assert!(Instant::now() < deadline, "the status never said saved");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.snap("ballot-autosaved").await;
    // Coming back, the ballot shows the draft as typed.
    b.client.goto(&app.at("/catalogues/computing-2026/vote")).await.unwrap();
    let comment = b
        .client
        .find(Locator::Css(&format!("#ballot input[name='c_{journal}']")))
        .await
        .unwrap();
    assert_eq!(comment.prop("value").await.unwrap().as_deref(), Some("草稿：影响力稳定"));
    b.client.clone().close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chair_drags_a_waiting_paper_into_a_session_and_stretches_a_session_in_the_programme_editor() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let b = Browser::start().await;
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "organiser@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    b.wait_for_text("王程").await;
    b.client.goto(&app.at("/venues/annual-2026/programme/edit")).await.unwrap();
    b.wait_for_text("#2").await;
    // The draft as the API gives it, fetched by the page itself (its session cookie).
    let draft = |b: &Browser| {
        let c = b.client.clone();
        async move {
            // While the page reloads after a gesture the script may not run: answer null then.
            let text = c
                .execute_async(
                    "var done = arguments[arguments.length - 1];
                     fetch('/api/v1/venues/annual-2026/programme/draft', {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(done);",
                    vec![],
                )
                .await
                .ok();
            text.and_then(|t| serde_json::from_str::<serde_json::Value>(t.as_str()?).ok())
                .unwrap_or_default()
        }
    };
    let before = draft(&b).await;
    let ai = before["programme"]["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "paper_session")
        .unwrap()
        .clone();
    let (ai_id, ai_talks) = (ai["id"].as_i64().unwrap(), ai["talks"].as_array().unwrap().len());
    b.client.goto(&app.at("/venues/annual-2026/programme/edit")).await.unwrap();
    b.wait_for_text("#2").await;
    // HTML drag and drop, as the browser fires it: dragstart on the paper, dragover and drop
    // on the session above its first talk.
    b.client
        .execute(
            "var li = document.getElementById('paper-2'); var block = document.getElementById('session-' + arguments[0]);
             var dt = new DataTransfer(); var first = block.querySelector('li[data-slot]').getBoundingClientRect();
             li.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: dt}));
             var at = {bubbles: true, cancelable: true, dataTransfer: dt, clientX: first.left + 5, clientY: first.top + 1};
             block.dispatchEvent(new DragEvent('dragover', at)); block.dispatchEvent(new DragEvent('drop', at));",
            vec![json!(ai_id)],
        )
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let d = draft(&b).await;
        let session = d["programme"]["sessions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["id"] == ai_id)
            .cloned()
            .unwrap_or_default();
        if session["talks"].as_array().map(Vec::len) == Some(ai_talks + 1) {
            assert_eq!(session["talks"][0]["number"], 2, "placed above the first talk: {session}");
            break;
        }
        assert!(Instant::now() < deadline, "the drop did not place the paper: {session}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Stretch the session by dragging its bottom edge down two rows (ten minutes).
    b.client.goto(&app.at("/venues/annual-2026/programme/edit")).await.unwrap();
    b.wait_for_text("#2").await;
    b.client
        .execute(
            "var block = document.getElementById('session-' + arguments[0]); var h = block.querySelector('.resize');
             var r = h.getBoundingClientRect(); var row = parseFloat(getComputedStyle(document.getElementById('editor-grid')).gridAutoRows);
             h.dispatchEvent(new MouseEvent('mousedown', {bubbles: true, clientX: r.left + 2, clientY: r.top}));
             document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true, clientX: r.left + 2, clientY: r.top + 2 * row}));",
            vec![json!(ai_id)],
        )
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let d = draft(&b).await;
        let session = d["programme"]["sessions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|s| s["id"] == ai_id)
            .cloned()
            .unwrap_or_default();
        let minutes = |k: &str| session[k].as_str().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
        if let (Some(a), Some(z)) = (minutes("starts_at"), minutes("ends_at"))
            && (z - a).num_minutes() == 110
        {
            break;
        }
        assert!(Instant::now() < deadline, "the session was not stretched: {session}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    b.client.clone().close().await.unwrap();
}

/// A video file (YUV4MPEG2, what Chromium's fake camera plays in a loop) showing `text` as a QR
/// code on white: the camera a helper holds a badge in front of.
fn qr_video(text: &str, path: &std::path::Path) {
    let (w, h) = (640usize, 480usize);
    let img = qrcode::QrCode::new(text.as_bytes())
        .unwrap()
        .render::<image::Luma<u8>>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build();
    let mut y = vec![255u8; w * h];
    let (ox, oy) = ((w - img.width() as usize) / 2, (h - img.height() as usize) / 2);
    for (x, yy, p) in img.enumerate_pixels() {
        y[(oy + yy as usize) * w + ox + x as usize] = p.0[0];
    }
    let chroma = vec![128u8; (w / 2) * (h / 2)];
    let mut out = format!("YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg\n").into_bytes();
    for _ in 0..10 {
        out.extend_from_slice(b"FRAME\n");
        out.extend_from_slice(&y);
        out.extend_from_slice(&chroma);
        out.extend_from_slice(&chroma);
    }
    std::fs::write(path, out).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_helper_scans_a_badge_with_the_phone_camera_and_a_second_scan_is_refused() {
    use xuehui::participation::registration::{model::RegStatus, store};
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let code = {
        let mut conn = app.state.db.conn().unwrap();
        let venue = xuehui::venues::store::by_slug(&mut conn, "annual-2026").unwrap();
        let form = store::forms_of(&mut conn, venue.id).unwrap().remove(0);
        store::all_of(&mut conn, form.id)
            .unwrap()
            .into_iter()
            .find(|r| r.status == RegStatus::Confirmed)
            .expect("a confirmed demo registrant")
            .code
    };
    let dir = tempfile::tempdir().unwrap();
    let video = dir.path().join("badge.y4m");
    qr_video(&code, &video);
    let b = Browser::start_with(&[
        "--use-fake-ui-for-media-stream".into(),
        "--use-fake-device-for-media-stream".into(),
        format!("--use-file-for-fake-video-capture={}", video.display()),
    ])
    .await;
    b.client.set_window_size(400, 860).await.unwrap();
    b.client.goto(&app.at("/login")).await.unwrap();
    b.fill("#f-email", "helper@xuehui.example").await;
    b.fill("#f-password", xuehui::demo::DEMO_PASSWORD).await;
    b.click("#login-submit").await;
    // The helper reads Chinese; their dashboard leads to the desk.
    b.wait_for_text("退出").await;
    b.client.goto(&app.at("/dashboard")).await.unwrap();
    b.wait_for_text("签到台").await;
    b.click("#my-desks + ul a").await;
    b.wait_for_text("报到签到台").await;
    b.click("button[name=lang][value=en]").await;
    b.wait_for_text("Check-in desk").await;
    b.click("#scanner-start").await;
    // The camera reads the code and the desk answers; the camera comes back on for the next.
    let text = b.wait_for_text("Checked in. Welcome!").await;
    assert!(text.contains("1 checked in here today"), "{text}");
    b.snap("checkin-desk-phone").await;
    // The same badge, still in front of the camera a moment later, is refused as a repeat.
    let text = b.wait_for_text("Not admitted twice").await;
    assert!(text.contains("Already checked in at"), "{text}");
    let (scroll, inner) = b.widths().await;
    assert!(scroll <= inner, "the desk fits a phone: {scroll} > {inner}");
    b.client.clone().close().await.unwrap();
}
