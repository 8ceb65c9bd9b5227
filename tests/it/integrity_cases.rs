//! Research integrity, misconduct cases: anyone reports to a society's integrity committee
//! (perhaps anonymously, following the case by a private link); the committee alone reads the
//! case, hears the accused, rules, and its sanctions bar submitting and reviewing across the
//! society's venues and journals.

use reqwest::Client;
use serde_json::json;

use crate::support::review::{person, venue};
use crate::support::upload::{api_token, paper_form, post_paper};
use crate::support::{TestApp, csrf_of, link_in};

/// A society `slug` with a committee member (`committee@…`) and a staff member, both signed in.
struct Society {
    id: i64,
    slug: String,
    committee: Client,
    staff: Client,
}

async fn society(app: &TestApp, slug: &str) -> Society {
    let (id, staff) = crate::support::society::society(app, slug, &format!("staff@{slug}.org")).await;
    let (member, committee) = person(app, &format!("committee@{slug}.org"), "委员", "Institute").await;
    let mut conn = app.state.db.conn().unwrap();
    xuehui::auth::roles::grant(
        &mut conn,
        member,
        xuehui::auth::roles::INTEGRITY_COMMITTEE,
        xuehui::auth::roles::SCOPE_SOCIETY,
        id,
    )
    .unwrap();
    Society {
        id,
        slug: slug.into(),
        committee,
        staff,
    }
}

async fn post(app: &TestApp, c: &Client, page: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = csrf_of(c, &app.at(page)).await;
    let mut form: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    c.post(app.at(path)).form(&form).send().await.unwrap()
}

async fn html(app: &TestApp, c: &Client, path: &str) -> (u16, String) {
    let res = c.get(app.at(path)).header("accept-language", "en").send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// Reports as `c` (signed in or not) and answers the mailbox link shown on the page.
async fn report(app: &TestApp, c: &Client, society: &str, fields: &[(&str, &str)]) -> String {
    let mut all = vec![
        ("society", society),
        ("subject_kind", "paper"),
        ("subject", "Paper 12 of the annual conference"),
        ("details", "Sections 2 and 3 copy a 2019 thesis word for word."),
    ];
    all.extend_from_slice(fields);
    let res = post(app, c, "/integrity/report", "/integrity/report", &all).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let at = page.find("id=\"mailbox-link\" href=\"").expect("the mailbox link is shown") + "id=\"mailbox-link\" href=\"".len();
    let link = &page[at..at + page[at..].find('"').unwrap()];
    link.trim_start_matches(&app.at("")).to_string()
}

/// The path of a link in a mail (mails carry the configured base URL, not the test server's).
fn path_of(link: &str) -> String {
    link[link.find("/integrity/").expect("a personal link")..].to_string()
}

fn case_path(s: &Society, n: i64) -> String {
    format!("/societies/{}/integrity/cases/{n}", s.slug)
}

async fn act(app: &TestApp, s: &Society, n: i64, what: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let page = case_path(s, n);
    post(app, &s.committee, &page, &format!("{page}/{what}"), fields).await
}

fn day(days: i64) -> String {
    (xuehui::integrity::cases::sanctions::today() + chrono::Duration::days(days)).to_string()
}

#[tokio::test]
async fn an_anonymous_report_reaches_only_the_committee_and_the_reporter_follows_it_by_link() {
    let app = TestApp::new().await;
    let s = society(&app, "gs").await;
    let _other = society(&app, "other").await;
    let admin = app.client();
    app.user("admin@example.org", true);
    app.api_login(&admin, "admin@example.org").await;

    // Signed out: the report is anonymous; the contact address only carries notices.
    let stranger = app.client();
    let (_, form) = html(&app, &stranger, "/integrity/report?society=gs").await;
    assert!(form.contains("id=\"anonymous-note\""), "signed-out reports are anonymous");
    let mailbox = report(&app, &stranger, "gs", &[("contact_email", "whistle@example.net")]).await;
    assert!(mailbox.starts_with("/integrity/mailbox/"), "{mailbox}");
    let receipt = app.last_mail_to("whistle@example.net").expect("a receipt");
    assert!(receipt.1.contains(&mailbox), "the receipt carries the link");
    let notice = app.last_mail_to("committee@gs.org").expect("the committee is told");
    assert!(notice.1.contains("/societies/gs/integrity/cases/1"), "{}", notice.1);
    assert!(!notice.1.contains("thesis"), "the notice carries no details by mail");
    assert!(
        app.last_mail_to("committee@other.org").is_none(),
        "another society's committee hears nothing"
    );

    // Only the committee reads the case: not staff, not a site administrator, not another
    // society's committee, not the public.
    let (_, dashboard) = html(&app, &s.committee, "/dashboard").await;
    assert!(
        dashboard.contains("href=\"/societies/gs/integrity\""),
        "the committee finds its cases from the dashboard"
    );
    let (status, list) = html(&app, &s.committee, "/societies/gs/integrity").await;
    assert_eq!(status, 200);
    assert!(list.contains("Paper 12 of the annual conference"));
    for (who, c) in [
        ("staff", &s.staff),
        ("admin", &admin),
        ("other committee", &_other.committee),
        ("stranger", &stranger),
    ] {
        for path in ["/societies/gs/integrity", "/societies/gs/integrity/cases/1"] {
            let (status, body) = html(&app, c, path).await;
            assert!(status == 404 || status == 401 || status == 303, "{who} on {path}: {status}");
            assert!(!body.contains("thesis"), "{who} reads nothing");
        }
    }
    let (status, file) = html(&app, &s.committee, &case_path(&s, 1)).await;
    assert_eq!(status, 200);
    assert!(file.contains("word for word"));
    assert!(file.contains("Anonymous"), "the reporter is anonymous");
    assert!(!file.contains("whistle@example.net"), "the contact address stays hidden");

    // The committee writes to the reporter and keeps a note for itself.
    assert_eq!(
        act(
            &app,
            &s,
            1,
            "messages",
            &[("to", "reporter"), ("body", "Which thesis? Please give its title.")]
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        act(
            &app,
            &s,
            1,
            "messages",
            &[("to", "committee"), ("body", "Internal: check the library.")]
        )
        .await
        .status(),
        303
    );
    let mail = app.last_mail_to("whistle@example.net").unwrap();
    assert!(mail.0.contains("committee") || mail.0.contains("委员会"), "{}", mail.0);
    let (status, mb) = html(&app, &stranger, &mailbox).await;
    assert_eq!(status, 200);
    assert!(mb.contains("Which thesis?") && mb.contains("word for word"));
    assert!(!mb.contains("Internal: check"), "the reporter never reads the committee's notes");
    let res = post(&app, &stranger, &mailbox, &mailbox, &[("body", "Zhang, Graph methods, 2019.")]).await;
    assert_eq!(res.status(), 303);
    let (_, file) = html(&app, &s.committee, &case_path(&s, 1)).await;
    assert!(file.contains("Zhang, Graph methods"));
    // An empty reply is refused with the message, a wrong link is 404.
    let res = post(&app, &stranger, &mailbox, &mailbox, &[("body", "  ")]).await;
    assert_eq!(res.status(), 422);
    assert_eq!(html(&app, &stranger, "/integrity/mailbox/not-a-token").await.0, 404);

    // Every read is in the audit log, the reporter's too.
    let (_, file) = html(&app, &s.committee, &case_path(&s, 1)).await;
    let audit = &file[file.find("id=\"case-audit\"").unwrap()..];
    for line in ["reported", "read the case", "the reporter read", "the reporter wrote", "wrote"] {
        assert!(audit.contains(line), "audit has {line}");
    }

    // A signed-in reporter who is not anonymous is named to the committee.
    let (_, signed) = person(&app, "named@example.org", "实名", "Lab").await;
    report(&app, &signed, "gs", &[]).await;
    let (_, file) = html(&app, &s.committee, &case_path(&s, 2)).await;
    assert!(file.contains("named@example.org"));
    // Bad input is refused on the form with what was typed kept.
    let res = post(
        &app,
        &signed,
        "/integrity/report",
        "/integrity/report",
        &[
            ("society", "gs"),
            ("subject_kind", "rumour"),
            ("subject", "Kept subject"),
            ("details", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Kept subject"));
    assert!(
        body.contains("This field is required") || body.contains("必填"),
        "the missing details are named"
    );
}

/// A venue of society `society_id`, with its chair; `author@…` submits there.
async fn society_venue(app: &TestApp, slug: &str, society_id: Option<i64>) -> Client {
    let chair = venue(app, slug).await;
    use diesel::prelude::*;
    use xuehui::db::schema::venues;
    let mut conn = app.state.db.conn().unwrap();
    diesel::update(venues::table.filter(venues::slug.eq(slug)))
        .set(venues::society_id.eq(society_id))
        .execute(&mut conn)
        .unwrap();
    chair
}

#[tokio::test]
async fn a_case_runs_from_hearing_to_ruling_and_the_sanction_bars_submitting_and_reviewing_until_an_appeal_lifts_it() {
    let app = TestApp::new().await;
    let s = society(&app, "gs").await;
    let chair = society_venue(&app, "conf", Some(s.id)).await;
    let _free = society_venue(&app, "free", None).await;
    let (_, accused) = person(&app, "cheat@example.org", "被举报人", "Lab").await;
    let (_, witness) = person(&app, "reporter@example.org", "举报人", "Lab").await;
    report(&app, &witness, "gs", &[]).await;

    // Out of order moves and hearings without someone accused are refused.
    let res = act(&app, &s, 1, "step", &[("step", "hearing"), ("note", "x"), ("due_on", &day(7))]).await;
    assert_eq!(res.status(), 409, "no hearing before the investigation");
    assert_eq!(act(&app, &s, 1, "step", &[("step", "preliminary")]).await.status(), 303);
    assert_eq!(act(&app, &s, 1, "step", &[("step", "investigation")]).await.status(), 303);
    let res = act(
        &app,
        &s,
        1,
        "step",
        &[("step", "hearing"), ("note", "Explain sections 2-3."), ("due_on", &day(7))],
    )
    .await;
    assert_eq!(res.status(), 409, "nobody accused yet");
    let body = res.text().await.unwrap();
    assert!(body.contains("Name the person accused") || body.contains("听证前请先列入被举报人"));
    assert_eq!(
        act(&app, &s, 1, "parties", &[("name", "Cheat"), ("email", "nope")]).await.status(),
        422
    );
    assert_eq!(
        act(&app, &s, 1, "parties", &[("name", "Cheat"), ("email", "Cheat@Example.org")])
            .await
            .status(),
        303
    );
    assert_eq!(
        act(&app, &s, 1, "parties", &[("name", "Cheat"), ("email", "cheat@example.org")])
            .await
            .status(),
        422
    );
    assert!(
        app.last_mail_to("cheat@example.org").is_none(),
        "the accused is told nothing before the hearing"
    );

    // The hearing: a deadline in the past is refused; then the accused is mailed a link.
    let res = act(
        &app,
        &s,
        1,
        "step",
        &[("step", "hearing"), ("note", "Explain sections 2-3."), ("due_on", &day(0))],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text().await.unwrap().contains("Explain sections 2-3."),
        "the note typed is kept"
    );
    assert_eq!(
        act(
            &app,
            &s,
            1,
            "step",
            &[("step", "hearing"), ("note", "Explain sections 2-3."), ("due_on", &day(7))]
        )
        .await
        .status(),
        303
    );
    let (subject, body) = app.last_mail_to("cheat@example.org").expect("the hearing notice");
    assert!(subject.contains(&day(7)), "{subject}");
    let hearing = path_of(&link_in(&body));
    assert!(hearing.starts_with("/integrity/hearing/"));
    let (status, page) = html(&app, &Client::new(), &hearing).await;
    assert_eq!(status, 200);
    assert!(page.contains("Explain sections 2-3."));
    assert!(!page.contains("word for word"), "the accused does not read the report");
    assert!(!page.contains("reporter@example.org"), "nor who reported");

    // Ruling comes after the hearing: the accused answers, then the committee rules.
    let anon = app.client();
    let res = post(
        &app,
        &anon,
        &hearing,
        &hearing,
        &[("body", "I cited the thesis in the first version.")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let parties = {
        let (_, file) = html(&app, &s.committee, &case_path(&s, 1)).await;
        assert!(file.contains("I cited the thesis"));
        let at = file.find("name=\"bars_").expect("a sanction per person") + "name=\"bars_".len();
        file[at..at + file[at..].find('"').unwrap()].to_string()
    };
    let bars = format!("bars_{parties}");
    let until = format!("until_{parties}");
    let res = act(
        &app,
        &s,
        1,
        "ruling",
        &[
            ("outcome", "misconduct"),
            ("reasons", "Copied."),
            (&bars, "both"),
            (&until, &day(365)),
        ],
    )
    .await;
    assert_eq!(res.status(), 422, "an appeal deadline is needed");
    let res = act(
        &app,
        &s,
        1,
        "ruling",
        &[
            ("outcome", "misconduct"),
            ("reasons", "Sections 2-3 copy the thesis."),
            ("appeal_until", &day(14)),
            (&bars, "both"),
            (&until, &day(365)),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (subject, body) = app.last_mail_to("cheat@example.org").unwrap();
    assert!(subject.contains("Ruling") || subject.contains("认定"), "{subject}");
    assert!(body.contains("Sections 2-3 copy the thesis.") && body.contains(&day(365)));
    assert!(
        app.last_mail_to("reporter@example.org").unwrap().0.contains("concluded")
            || app.last_mail_to("reporter@example.org").unwrap().0.contains("办结")
    );

    // The sanction: no submitting to the society's venues, as author or co-author; no reviewing.
    let token = api_token(&accused, &app.at("")).await;
    let res = post_paper(
        &app.at(""),
        "conf",
        &token,
        paper_form("cheat@example.org", &xuehui::files::pdf::sample(1, "Again", None)),
    )
    .await;
    assert_eq!(res.status(), 422);
    let text = res.text().await.unwrap();
    assert!(text.contains("barred") || text.contains("禁止"), "{text}");
    let (_, honest) = person(&app, "coauthor@example.org", "合作者", "Lab").await;
    let t2 = api_token(&honest, &app.at("")).await;
    let meta = json!({"title_en": "Joint", "abstract_text": "摘要", "track": "main", "corresponding": 0, "presenter": 0,
        "authors": [{"name_latin": "Co Author", "email": "coauthor@example.org"}, {"name_latin": "Cheat", "email": "cheat@example.org"}]});
    let form = reqwest::multipart::Form::new().text("metadata", meta.to_string()).part(
        "pdf",
        reqwest::multipart::Part::bytes(xuehui::files::pdf::sample(1, "Joint", None))
            .file_name("p.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    assert_eq!(
        post_paper(&app.at(""), "conf", &t2, form).await.status(),
        422,
        "a barred co-author is refused too"
    );
    let res = post_paper(
        &app.at(""),
        "free",
        &token,
        paper_form("cheat@example.org", &xuehui::files::pdf::sample(1, "Elsewhere", None)),
    )
    .await;
    assert_eq!(res.status(), 201, "a venue of no society is not bound");
    let res = chair
        .post(app.at("/api/v1/venues/conf/committee"))
        .json(&json!({"invitees": [{"email": "cheat@example.org"}], "role": "reviewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a barred reviewer is not invited");
    let (_, list) = html(&app, &s.committee, "/societies/gs/integrity").await;
    assert!(list[list.find("id=\"sanctions\"").unwrap()..].contains("cheat@example.org"));

    // The accused appeals before the deadline; the committee grants it and the bar is lifted.
    let (_, page) = html(&app, &anon, &hearing).await;
    assert!(page.contains("id=\"appeal-button\""));
    let res = post(
        &app,
        &anon,
        &hearing,
        &hearing,
        &[("body", "The citation was in version 1."), ("appeal", "1")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post(&app, &anon, &hearing, &hearing, &[("body", "Again."), ("appeal", "1")]).await;
    assert_eq!(res.status(), 409, "one appeal");
    assert_eq!(
        act(&app, &s, 1, "appeal-ruling", &[("appeal", "granted"), ("reasons", "")])
            .await
            .status(),
        422
    );
    assert_eq!(
        act(
            &app,
            &s,
            1,
            "appeal-ruling",
            &[("appeal", "granted"), ("reasons", "Version 1 cites it.")]
        )
        .await
        .status(),
        303
    );
    assert!(app.last_mail_to("cheat@example.org").unwrap().1.contains("Version 1 cites it."));
    let res = post_paper(
        &app.at(""),
        "conf",
        &token,
        paper_form("cheat@example.org", &xuehui::files::pdf::sample(1, "Cleared", None)),
    )
    .await;
    assert_eq!(res.status(), 201, "the lifted sanction bars nothing");
    let (_, file) = html(&app, &s.committee, &case_path(&s, 1)).await;
    assert!(file.contains("lifted"));
    assert!(file[file.find("id=\"case-state\"").unwrap()..].starts_with("id=\"case-state\">Closed"));
}

#[tokio::test]
async fn the_accused_reads_only_what_is_addressed_to_them_and_nothing_before_the_hearing() {
    let app = TestApp::new().await;
    let s = society(&app, "gs").await;
    let (_, witness) = person(&app, "reporter@example.org", "举报人", "Lab").await;
    report(&app, &witness, "gs", &[]).await;
    for step in ["preliminary", "investigation"] {
        assert_eq!(act(&app, &s, 1, "step", &[("step", step)]).await.status(), 303);
    }
    for (name, email) in [("One", "one@example.org"), ("Two", "two@example.org")] {
        assert_eq!(act(&app, &s, 1, "parties", &[("name", name), ("email", email)]).await.status(), 303);
    }
    // Before the hearing the link (whoever guessed it) shows nothing; the case number in other
    // societies' URLs shows nothing either.
    assert_eq!(
        act(
            &app,
            &s,
            1,
            "step",
            &[("step", "hearing"), ("note", "Both of you: explain."), ("due_on", &day(3))]
        )
        .await
        .status(),
        303
    );
    let one = path_of(&link_in(&app.last_mail_to("one@example.org").unwrap().1));
    let two = path_of(&link_in(&app.last_mail_to("two@example.org").unwrap().1));
    assert_ne!(one, two);
    let (first, _) = app.last_mail_to("two@example.org").unwrap();
    let ids: Vec<String> = {
        let (_, file) = html(&app, &s.committee, &case_path(&s, 1)).await;
        file.match_indices("value=\"accused:")
            .map(|(i, _)| file[i + 15..i + 15 + file[i + 15..].find('"').unwrap()].to_string())
            .collect()
    };
    let to_one = format!("accused:{}", ids[0]);
    assert_eq!(
        act(&app, &s, 1, "messages", &[("to", &to_one), ("body", "Only for One.")])
            .await
            .status(),
        303
    );
    let c = app.client();
    let (_, page_one) = html(&app, &c, &one).await;
    let (_, page_two) = html(&app, &c, &two).await;
    assert!(page_one.contains("Only for One.") && page_one.contains("Both of you"));
    assert!(!page_two.contains("Only for One."), "one accused never reads another's messages");
    assert!(page_two.contains("Both of you"));
    assert_eq!(app.last_mail_to("two@example.org").unwrap().0, first, "two was not mailed");
    // No ruling before the deadline until everyone answered.
    let res = act(&app, &s, 1, "ruling", &[("outcome", "cleared"), ("reasons", "No copy.")]).await;
    assert_eq!(res.status(), 409);
    for link in [&one, &two] {
        assert_eq!(post(&app, &c, link, link, &[("body", "My account.")]).await.status(), 303);
    }
    assert_eq!(
        act(&app, &s, 1, "ruling", &[("outcome", "cleared"), ("reasons", "No copy.")])
            .await
            .status(),
        303
    );
    let (_, page_one) = html(&app, &c, &one).await;
    assert!(page_one.contains("No copy.") && page_one.contains("no misconduct found"));
    assert!(!page_one.contains("id=\"answer-form\""), "a closed case takes no more answers");
    assert_eq!(post(&app, &c, &one, &one, &[("body", "More.")]).await.status(), 409);
    // The committee of another society reaches none of it.
    let other = society(&app, "other").await;
    assert_eq!(html(&app, &other.committee, &case_path(&s, 1)).await.0, 404);
    let res = post(
        &app,
        &other.committee,
        "/integrity/report",
        &format!("{}/step", case_path(&s, 1)),
        &[("step", "closed")],
    )
    .await;
    assert_eq!(res.status(), 404);
}

async fn api(c: &Client, app: &TestApp, method: reqwest::Method, path: &str, body: Option<serde_json::Value>) -> (u16, serde_json::Value) {
    let mut req = c.request(method, app.at(path));
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn the_cases_api_runs_a_case_under_the_same_rules_as_the_pages() {
    use reqwest::Method;
    let app = TestApp::new().await;
    let s = society(&app, "gs").await;
    let _other = society(&app, "other").await;
    let anon = Client::new();

    // Anyone reports; without credentials the report is anonymous, and the receipt carries
    // the only way back. Bad input says what is wrong; unknown fields are refused.
    let report = json!({"society": "gs", "subject_kind": "review", "subject": "A review of paper 7",
        "details": "The reviewer reused my idea in their own submission.", "contact_email": "quiet@example.net"});
    let (status, receipt) = api(&anon, &app, Method::POST, "/api/v1/integrity/reports", Some(report.clone())).await;
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["number"], 1);
    let token = receipt["mailbox_token"].as_str().unwrap().to_string();
    assert!(receipt["mailbox_link"].as_str().unwrap().ends_with(&token));
    let (status, err) = api(
        &anon,
        &app,
        Method::POST,
        "/api/v1/integrity/reports",
        Some(json!({"society": "gs", "subject_kind": "rumour", "subject": "", "details": ""})),
    )
    .await;
    assert_eq!(status, 422);
    for field in ["subject_kind", "subject", "details"] {
        assert!(err["fields"][field].is_string(), "{field} named: {err}");
    }
    let mut extra = report.clone();
    extra["reporter_id"] = json!(1);
    assert_eq!(
        api(&anon, &app, Method::POST, "/api/v1/integrity/reports", Some(extra)).await.0,
        400
    );

    // Only the committee reads the cases; the contact address never appears.
    let list = "/api/v1/societies/gs/integrity/cases";
    let (status, cases) = api(&s.committee, &app, Method::GET, list, None).await;
    assert_eq!(status, 200);
    assert_eq!(cases["cases"][0]["subject"], "A review of paper 7");
    assert!(!cases.to_string().contains("quiet@example.net"));
    assert_eq!(api(&anon, &app, Method::GET, list, None).await.0, 401);
    for (who, c) in [("staff", &s.staff), ("other committee", &_other.committee)] {
        assert_eq!(api(c, &app, Method::GET, list, None).await.0, 404, "{who}");
        assert_eq!(api(c, &app, Method::GET, &format!("{list}/1"), None).await.0, 404, "{who}");
        let (status, _) = api(c, &app, Method::POST, &format!("{list}/1/step"), Some(json!({"step": "closed"}))).await;
        assert_eq!(status, 404, "{who} moves nothing");
    }
    let (status, file) = api(&s.committee, &app, Method::GET, &format!("{list}/1"), None).await;
    assert_eq!(status, 200);
    assert!(file["reporter"].is_null() && file["case"]["anonymous"] == true);
    assert!(!file.to_string().contains("quiet@example.net"));
    assert!(file["audit"].as_array().unwrap().iter().any(|a| a["action"] == "read_case"));

    // The steps, in order, as on the page.
    let at = |what: &str| format!("{list}/1/{what}");
    let (status, _) = api(&s.committee, &app, Method::POST, &at("step"), Some(json!({"step": "ruled"}))).await;
    assert_eq!(status, 422, "not a step one moves to by hand");
    let (status, _) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("step"),
        Some(json!({"step": "hearing", "note": "x", "due_on": day(5)})),
    )
    .await;
    assert_eq!(status, 409);
    for step in ["preliminary", "investigation"] {
        let (status, f) = api(&s.committee, &app, Method::POST, &at("step"), Some(json!({"step": step}))).await;
        assert_eq!((status, f["case"]["state"].as_str()), (200, Some(step)));
    }
    let (status, f) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("parties"),
        Some(json!({"name": "Rev", "email": "rev@example.org"})),
    )
    .await;
    assert_eq!(status, 200);
    let party = f["parties"][0]["id"].as_i64().unwrap();
    let (status, _) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("step"),
        Some(json!({"step": "hearing", "note": "x", "due_on": day(5), "csrf": "x"})),
    )
    .await;
    assert_eq!(status, 400, "unknown fields are refused");
    let (status, _) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("messages"),
        Some(json!({"to": "committee", "body": "Internal: ask the chair for the logs."})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, f) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("step"),
        Some(json!({"step": "hearing", "note": "Explain the overlap.", "due_on": day(5)})),
    )
    .await;
    assert_eq!((status, f["case"]["state"].as_str()), (200, Some("hearing")));
    assert!(f["case"]["due_at"].as_str().unwrap().ends_with('Z'), "times are RFC 3339 UTC");

    // The accused reads what is addressed to them, and nothing of the report or the reporter.
    let hearing = path_of(&link_in(&app.last_mail_to("rev@example.org").unwrap().1));
    let htoken = hearing.rsplit('/').next().unwrap().to_string();
    let (status, h) = api(&anon, &app, Method::GET, &format!("/api/v1/integrity/hearing/{htoken}"), None).await;
    assert_eq!(status, 200);
    let text = h.to_string();
    assert!(text.contains("Explain the overlap."));
    for hidden in ["reused my idea", "A review of paper 7", "Internal:", "reporter_id", "quiet@"] {
        assert!(!text.contains(hidden), "the accused never reads {hidden}");
    }
    let (status, _) = api(
        &anon,
        &app,
        Method::POST,
        &format!("/api/v1/integrity/hearing/{htoken}/messages"),
        Some(json!({"body": "It was my own idea first."})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        api(&anon, &app, Method::GET, "/api/v1/integrity/hearing/not-a-token", None).await.0,
        404
    );

    // Ruling, appeal, appeal refused: the case closes with the sanction standing.
    let (status, f) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("ruling"),
        Some(
            json!({"outcome": "misconduct", "reasons": "The idea was taken.", "appeal_until": day(10),
            "sanctions": [{"party": party, "bars": "reviewing", "until": day(700)}]}),
        ),
    )
    .await;
    assert_eq!((status, f["case"]["state"].as_str()), (200, Some("ruled")), "{f}");
    assert_eq!(f["sanctions"][0]["bars"], "reviewing");
    let (status, h) = api(
        &anon,
        &app,
        Method::POST,
        &format!("/api/v1/integrity/hearing/{htoken}/appeal"),
        Some(json!({"body": "The dates prove otherwise."})),
    )
    .await;
    assert_eq!((status, h["case"]["state"].as_str()), (200, Some("appeal")));
    assert_eq!(h["sanctions"][0]["bars"], "reviewing");
    let (status, _) = api(
        &anon,
        &app,
        Method::POST,
        &format!("/api/v1/integrity/hearing/{htoken}/appeal"),
        Some(json!({"body": "Again."})),
    )
    .await;
    assert_eq!(status, 409, "one appeal");
    let (status, f) = api(
        &s.committee,
        &app,
        Method::POST,
        &at("appeal-ruling"),
        Some(json!({"appeal": "refused", "reasons": "The logs show the reuse."})),
    )
    .await;
    assert_eq!(
        (status, f["case"]["state"].as_str(), f["case"]["outcome"].as_str()),
        (200, Some("closed"), Some("misconduct"))
    );
    assert!(f["sanctions"][0]["lifted_at"].is_null());

    // The reporter follows the case by token: the outcome, not the committee's notes.
    let mailbox = format!("/api/v1/integrity/mailbox/{token}");
    let (status, mb) = api(&anon, &app, Method::GET, &mailbox, None).await;
    assert_eq!((status, mb["case"]["outcome"].as_str()), (200, Some("misconduct")));
    assert!(!mb.to_string().contains("Internal:") && !mb.to_string().contains("It was my own idea"));
    let (status, _) = api(
        &anon,
        &app,
        Method::POST,
        &format!("{mailbox}/messages"),
        Some(json!({"body": "Thanks."})),
    )
    .await;
    assert_eq!(status, 409, "a closed case takes no more messages");
}

#[tokio::test]
async fn the_demo_society_has_a_closed_case_whose_sanction_bars_its_author() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    xuehui::demo::seed(&app.state).unwrap();
    let lead = app.client();
    app.page_login(&lead, "lead@xuehui.example", "xuehui-demo").await;
    let (status, list) = html(&app, &lead, "/societies/demo-society/integrity").await;
    assert_eq!(status, 200);
    assert_eq!(
        list.matches("href=\"/societies/demo-society/integrity/cases/").count(),
        2,
        "one case (and its sanction's link), seeded once"
    );
    assert!(list[list.find("id=\"sanctions\"").unwrap()..].contains(xuehui::integrity::cases::demo::BARRED));
    let (status, file) = html(&app, &lead, "/societies/demo-society/integrity/cases/1").await;
    assert_eq!(status, 200);
    assert!(file.contains("plagiarism"));
    let (_, f) = api(
        &lead,
        &app,
        reqwest::Method::GET,
        "/api/v1/societies/demo-society/integrity/cases/1",
        None,
    )
    .await;
    assert_eq!(
        (f["case"]["state"].as_str(), f["case"]["outcome"].as_str()),
        (Some("closed"), Some("misconduct"))
    );
    assert_eq!(f["sanctions"][0]["bars"], "submitting");
    // The sanction is enforced like any other: the demo society's venues refuse the author.
    let mut conn = app.state.db.conn().unwrap();
    let society = xuehui::salons::plan::store::society(&mut conn, "demo-society").unwrap();
    let refused = xuehui::integrity::cases::sanctions::refuse_submission(&mut conn, Some(society.id), 0, &["Li.Ming@example.com"]);
    assert!(refused.is_err());
    // The organiser, who is staff but not on the committee, reads nothing of it.
    let organiser = app.client();
    app.page_login(&organiser, "organiser@xuehui.example", "xuehui-demo").await;
    assert_eq!(html(&app, &organiser, "/societies/demo-society/integrity").await.0, 404);
}

fn evidence_form(csrf: Option<&str>, to: &str, note: &str, name: &str, bytes: Vec<u8>) -> reqwest::multipart::Form {
    let mut f = reqwest::multipart::Form::new()
        .text("note", note.to_string())
        .text("to", to.to_string());
    if let Some(c) = csrf {
        f = f.text("csrf", c.to_string());
    }
    f.part("evidence", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()))
}

/// The ids of the case's evidence entries, oldest first (read as the committee).
async fn evidence_ids(app: &TestApp, s: &Society) -> Vec<i64> {
    let (_, f) = api(
        &s.committee,
        app,
        reqwest::Method::GET,
        "/api/v1/societies/gs/integrity/cases/1",
        None,
    )
    .await;
    f["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "evidence")
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn evidence_files_reach_only_those_who_may_read_their_entry() {
    use reqwest::Method;
    let app = TestApp::new().await;
    let s = society(&app, "gs").await;
    let other = society(&app, "other").await;
    let stranger = app.client();
    let mailbox = report(&app, &stranger, "gs", &[]).await;
    for step in ["preliminary", "investigation"] {
        assert_eq!(act(&app, &s, 1, "step", &[("step", step)]).await.status(), 303);
    }
    assert_eq!(
        act(&app, &s, 1, "parties", &[("name", "Acc",), ("email", "acc@example.org")])
            .await
            .status(),
        303
    );
    let pdf = || xuehui::files::pdf::sample(1, "Thesis page", None);

    // The reporter attaches a file on the mailbox page.
    let csrf = csrf_of(&stranger, &app.at(&mailbox)).await;
    let res = stranger
        .post(app.at(&format!("{mailbox}/evidence")))
        .multipart(evidence_form(Some(&csrf), "", "Page 14 of the thesis.", "thesis.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Without the form's token a cookie post is refused.
    let res = stranger
        .post(app.at(&format!("{mailbox}/evidence")))
        .multipart(evidence_form(None, "", "x", "a.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // The committee attaches one for itself only (page form) and one for the accused (API).
    let page = case_path(&s, 1);
    let csrf = csrf_of(&s.committee, &app.at(&page)).await;
    let res = s
        .committee
        .post(app.at(&format!("{page}/evidence")))
        .multipart(evidence_form(Some(&csrf), "committee", "Library loan record.", "loan.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let party = api(&s.committee, &app, Method::GET, "/api/v1/societies/gs/integrity/cases/1", None)
        .await
        .1["parties"][0]["id"]
        .as_i64()
        .unwrap();
    let token = api_token(&s.committee, &app.at("")).await;
    let res = Client::new()
        .post(app.at("/api/v1/societies/gs/integrity/cases/1/evidence"))
        .bearer_auth(&token)
        .multipart(evidence_form(
            None,
            &format!("accused:{party}"),
            "The two texts side by side.",
            "compare.pdf",
            pdf(),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let ids = evidence_ids(&app, &s).await;
    assert_eq!(ids.len(), 3);
    let (from_reporter, internal, for_accused) = (ids[0], ids[1], ids[2]);
    let (_, file) = html(&app, &s.committee, &page).await;
    assert!(
        file.contains(&format!("href=\"{page}/evidence/{internal}\"")),
        "the committee finds every file"
    );

    // The hearing: the accused downloads what is addressed to them, nothing else.
    assert_eq!(
        act(
            &app,
            &s,
            1,
            "step",
            &[("step", "hearing"), ("note", "Answer."), ("due_on", &day(5))]
        )
        .await
        .status(),
        303
    );
    let hearing = path_of(&link_in(&app.last_mail_to("acc@example.org").unwrap().1));
    let get = |path: String| {
        let c = Client::new();
        let url = app.at(&path);
        async move { c.get(url).send().await.unwrap() }
    };
    let res = get(format!("{hearing}/evidence/{for_accused}")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert_eq!(&res.bytes().await.unwrap()[..5], b"%PDF-");
    for id in [from_reporter, internal] {
        assert_eq!(
            get(format!("{hearing}/evidence/{id}")).await.status(),
            404,
            "the accused never gets entry {id}"
        );
        assert_eq!(
            get(format!("/api/v1/integrity/hearing/{}/evidence/{id}", &hearing[19..]))
                .await
                .status(),
            404
        );
    }
    // The reporter downloads their own file, not the committee's or the accused's.
    assert_eq!(get(format!("{mailbox}/evidence/{from_reporter}")).await.status(), 200);
    for id in [internal, for_accused] {
        assert_eq!(
            get(format!("{mailbox}/evidence/{id}")).await.status(),
            404,
            "the reporter never gets entry {id}"
        );
    }
    // Other readers get nothing.
    for c in [&s.staff, &other.committee, &stranger] {
        let status = c
            .get(app.at(&format!("{page}/evidence/{internal}")))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert!(matches!(status, 303 | 401 | 404), "{status}");
    }

    // The accused attaches through the API; bad files and missing notes say what is wrong.
    let htoken = &hearing["/integrity/hearing/".len()..];
    let url = app.at(&format!("/api/v1/integrity/hearing/{htoken}/evidence"));
    let res = Client::new()
        .post(&url)
        .multipart(evidence_form(None, "", "A script.", "run.sh", b"#!/bin/sh\necho hi\n".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.json::<serde_json::Value>().await.unwrap()["fields"]["evidence"].is_string());
    let res = Client::new()
        .post(&url)
        .multipart(evidence_form(None, "", " ", "v1.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = Client::new()
        .post(&url)
        .multipart(evidence_form(None, "", "Version 1 with the citation.", "v1.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let h: serde_json::Value = res.json().await.unwrap();
    assert!(
        h["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["body"] == "Version 1 with the citation.")
    );
    assert!(app.last_mail_to("committee@gs.org").is_some());

    // Every download is audited; a closed case takes no more files.
    let (_, file) = html(&app, &s.committee, &page).await;
    assert!(file[file.find("id=\"case-audit\"").unwrap()..].contains("downloaded evidence"));
    assert_eq!(
        act(&app, &s, 1, "ruling", &[("outcome", "cleared"), ("reasons", "Cited.")])
            .await
            .status(),
        303
    );
    let res = Client::new()
        .post(&url)
        .multipart(evidence_form(None, "", "Late.", "late.pdf", pdf()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
}

#[tokio::test]
async fn society_staff_name_committee_members_but_still_read_no_cases() {
    let app = TestApp::new().await;
    let s = society(&app, "gs").await;
    let (new_id, newcomer) = person(&app, "new@gs.org", "新委员", "Lab").await;
    let members = "/societies/gs/members";
    let (status, page) = html(&app, &s.staff, members).await;
    assert_eq!(status, 200);
    assert!(page[page.find("id=\"committee-members\"").unwrap()..].contains("committee@gs.org"));
    let appoint = "/societies/gs/integrity-committee";
    for (email, why) in [
        ("staff@gs.org", "oneself"),
        ("nobody@gs.org", "no account"),
        ("not an address", "not an address"),
        ("committee@gs.org", "already a member"),
    ] {
        let res = post(&app, &s.staff, members, appoint, &[("email", email)]).await;
        assert_eq!(res.status(), 422, "{why}");
        assert!(res.text().await.unwrap().contains(email), "what was typed is kept");
    }
    assert_eq!(
        post(&app, &s.staff, members, appoint, &[("email", "New@gs.org")]).await.status(),
        303
    );
    let (subject, body) = app.last_mail_to("new@gs.org").expect("the new member is told");
    assert!(subject.contains("integrity") || subject.contains("诚信"), "{subject}");
    assert!(body.contains("/societies/gs/integrity"));
    let (status, list) = html(&app, &newcomer, "/societies/gs/integrity").await;
    assert_eq!(status, 200, "the new member reads the cases");
    assert!(
        list[list.find("id=\"committee-changes\"").unwrap()..].contains("new@gs.org"),
        "the committee sees who named whom"
    );
    assert_eq!(
        html(&app, &s.staff, "/societies/gs/integrity").await.0,
        404,
        "naming gives the staff no access"
    );
    // Only staff name and remove members: a committee member cannot.
    let res = post(&app, &s.committee, "/integrity/report", appoint, &[("email", "staff@gs.org")]).await;
    assert_eq!(res.status(), 404);
    let id = new_id.to_string();
    let res = post(
        &app,
        &s.committee,
        "/integrity/report",
        "/societies/gs/integrity-committee/remove",
        &[("user_id", &id)],
    )
    .await;
    assert_eq!(res.status(), 404);
    let res = post(
        &app,
        &s.staff,
        members,
        "/societies/gs/integrity-committee/remove",
        &[("user_id", &id)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        html(&app, &newcomer, "/societies/gs/integrity").await.0,
        404,
        "a removed member reads nothing"
    );
}
