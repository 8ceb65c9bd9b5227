//! Authors submit, revise and withdraw papers; organisers see a table and export it; nobody
//! else can reach a submission by changing an id.

use chrono::{Duration, Utc};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, csrf_of, json_of};
use xuehui::files::pdf::sample;

/// A venue `slug` with tracks, topics and a call; returns the chair's client.
async fn open_call(app: &TestApp, slug: &str, call: Value) -> reqwest::Client {
    let admin = crate::venues::venue_with_chair(app, slug).await;
    let res = admin
        .put(app.at(&format!("/api/v1/venues/{slug}/call")))
        .json(&call)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    crate::support::review::open_call(app, &admin, slug).await;
    admin
}

fn shanghai(offset: Duration) -> String {
    (Utc::now() + offset)
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn call(extra: Value) -> Value {
    let mut c = json!({"paper_deadline": shanghai(Duration::days(7)), "anonymity": "double_blind", "page_limit": 5, "max_file_mb": 1,
                       "questions": [{"kind": "choice", "label_zh": "报告形式", "label_en": "Format", "required": true,
                                      "options": [{"zh": "口头", "en": "Oral"}, {"zh": "海报", "en": "Poster"}]}]});
    if let (Some(c), Some(e)) = (c.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            c.insert(k.clone(), v.clone());
        }
    }
    c
}

async fn question_id(app: &TestApp, slug: &str) -> i64 {
    let d = json_of(app.client().get(app.at(&format!("/api/v1/venues/{slug}"))).send().await.unwrap()).await;
    d["call"]["questions"][0]["id"].as_i64().unwrap()
}

/// The submission form's fields for an author list of (name, email).
fn fields(csrf: &str, title: &str, authors: &[(&str, &str)], qid: i64) -> Vec<(String, String)> {
    let mut f = vec![
        ("csrf".to_string(), csrf.to_string()),
        ("title_zh".into(), title.into()),
        ("title_en".into(), format!("{title} (en)")),
        ("abstract_text".into(), "完善同行评议的学术评价体系".into()),
        ("keywords".into(), "同行评议, peer review".into()),
        ("track".into(), "main".into()),
        ("corresponding".into(), "0".into()),
        ("presenter".into(), "0".into()),
        (format!("q{qid}"), "1".into()),
    ];
    for (i, (name, email)) in authors.iter().enumerate() {
        f.push((format!("author{i}_name_zh"), name.to_string()));
        f.push((format!("author{i}_email"), email.to_string()));
    }
    f
}

fn form(fields: &[(String, String)], pdf: Option<Vec<u8>>) -> Form {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.clone(), v.clone());
    }
    if let Some(bytes) = pdf {
        form = form.part(
            "pdf",
            Part::bytes(bytes).file_name("paper.pdf").mime_str("application/pdf").unwrap(),
        );
    }
    form
}

async fn logged_in(app: &TestApp, email: &str) -> reqwest::Client {
    app.user(email, false);
    let c = app.client();
    let res = app.page_login(&c, email, PASSWORD).await;
    assert_eq!(res.status(), 303);
    c
}

/// Submits through the page; returns the new submission's id.
async fn submit(app: &TestApp, c: &reqwest::Client, slug: &str, authors: &[(&str, &str)], pdf: Vec<u8>) -> i64 {
    let csrf = csrf_of(c, &app.at(&format!("/venues/{slug}/submit"))).await;
    let qid = question_id(app, slug).await;
    let res = c
        .post(app.at(&format!("/venues/{slug}/submit")))
        .multipart(form(&fields(&csrf, "同行评议研究", authors, qid), Some(pdf)))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let loc = res.headers().get("location").map(|l| l.to_str().unwrap().to_string());
    assert_eq!(status, 303, "{}", res.text().await.unwrap());
    loc.unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

fn count(app: &TestApp, table: &str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut c = app.state.db.conn().unwrap();
    match &mut *c {
        xuehui::db::AnyConnection::Sqlite(c) => {
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                .get_result::<N>(c)
                .unwrap()
                .n
        }
        xuehui::db::AnyConnection::Postgresql(c) => {
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                .get_result::<N>(c)
                .unwrap()
                .n
        }
    }
}

fn stored_files(app: &TestApp) -> usize {
    let root = app.data_dir().join("files");
    walk(&root).into_iter().filter(|p| !p.starts_with(root.join("tmp"))).count() + walk(&root.join("tmp")).len() * 1000
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return vec![];
    };
    rd.filter_map(|e| e.ok())
        .flat_map(|e| if e.path().is_dir() { walk(&e.path()) } else { vec![e.path()] })
        .collect()
}

#[tokio::test]
async fn an_author_submits_revises_and_every_author_gets_a_receipt_in_their_language() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let coauthor_id = app.user("ann@example.org", false);
    {
        let mut c = app.state.db.conn().unwrap();
        let u = xuehui::auth::store::by_id(&mut c, coauthor_id).unwrap();
        let p = xuehui::auth::validate::Profile {
            name_zh: String::new(),
            name_latin: "Ann".into(),
            affiliation: String::new(),
            country: String::new(),
            orcid: None,
            preferred_lang: Some(xuehui::web::i18n::Lang::En),
            birth_year: None,
        };
        xuehui::auth::store::update_profile(&mut c, u.id, &p).unwrap();
    }
    let id = submit(
        &app,
        &author,
        "conf",
        &[("李华", "li@example.cn"), ("安", "ann@example.org"), ("王五", "wang@example.net")],
        sample(3, "first", None),
    )
    .await;

    let page = author
        .get(app.at(&format!("/submissions/{id}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("同行评议研究") && page.contains("Your submission is received"));
    assert!(page.contains("Poster"), "the answer to the extra question is shown");
    let (subject, _) = app.last_mail_to("ann@example.org").expect("co-author receipt");
    assert!(subject.starts_with("Submission received: #1"), "{subject}");
    let (subject, body) = app
        .last_mail_to("wang@example.net")
        .expect("receipt for a co-author without an account");
    assert!(subject.starts_with("投稿已收到"), "{subject}");
    assert!(body.contains("/signup"), "invited to create an account");

    // The co-author with an account is asked on the dashboard to confirm; until then the
    // listing gives them nothing.
    let ann = app.client();
    app.page_login(&ann, "ann@example.org", PASSWORD).await;
    let dash = ann.get(app.at("/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(dash.contains("id=\"pending-authorships\"") && dash.contains(&format!("/submissions/{id}/authorship")));
    assert_eq!(ann.get(app.at(&format!("/submissions/{id}"))).send().await.unwrap().status(), 404);
    let csrf = crate::support::extract_csrf(&dash).unwrap();
    let res = ann
        .post(app.at(&format!("/submissions/{id}/authorship")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let dash = ann.get(app.at("/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(dash.contains(&format!("/submissions/{id}\"")) && !dash.contains("pending-authorships"));

    // Revise: new PDF, new title; the old PDF stays downloadable.
    let csrf = csrf_of(&author, &app.at(&format!("/submissions/{id}/edit"))).await;
    let qid = question_id(&app, "conf").await;
    let mut f = fields(
        &csrf,
        "同行评议研究（修订）",
        &[("李华", "li@example.cn"), ("安", "ann@example.org")],
        qid,
    );
    f.push(("corresponding".into(), "1".into()));
    let res = author
        .post(app.at(&format!("/submissions/{id}/edit")))
        .multipart(form(&f, Some(sample(4, "second", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let v = json_of(author.get(app.at(&format!("/api/v1/submissions/{id}"))).send().await.unwrap()).await;
    assert_eq!(v["version"], 2);
    assert_eq!(v["title_zh"], "同行评议研究（修订）");
    assert_eq!(v["authors"].as_array().unwrap().len(), 2);
    let versions = v["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let (old_pdf, new_pdf) = (
        versions[0]["pdf_file_id"].as_i64().unwrap(),
        versions[1]["pdf_file_id"].as_i64().unwrap(),
    );
    assert_ne!(old_pdf, new_pdf);
    let old = author
        .get(app.at(&format!("/submissions/{id}/files/{old_pdf}")))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 200);
    assert_eq!(
        old.bytes().await.unwrap().as_ref(),
        sample(3, "first", None).as_slice(),
        "stored bytes are what was sent"
    );
    let (subject, _) = app.last_mail_to("ann@example.org").unwrap();
    assert!(subject.starts_with("Submission updated"), "{subject}");
}

#[tokio::test]
async fn bad_files_are_refused_with_a_message_and_leave_nothing_behind() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let qid = question_id(&app, "conf").await;
    let cases: Vec<(Option<Vec<u8>>, &str)> = vec![
        (Some(b"PK\x03\x04 not a pdf at all".to_vec()), "This file is not a PDF."),
        (Some(b"%PDF-1.7 broken".to_vec()), "The PDF is damaged"),
        (Some(sample(6, "long", None)), "more pages than this call allows"),
        (
            Some({
                let mut big = sample(1, "big", None);
                big.extend(vec![b' '; 1024 * 1024 + 10]);
                big
            }),
            "larger than this call allows",
        ),
        (None, "Upload the paper as a PDF."),
    ];
    for (pdf, message) in cases {
        let csrf = csrf_of(&author, &app.at("/venues/conf/submit")).await;
        let res = author
            .post(app.at("/venues/conf/submit"))
            .header("accept-language", "en")
            .multipart(form(&fields(&csrf, "坏文件", &[("李华", "li@example.cn")], qid), pdf))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{message}");
        let html = res.text().await.unwrap();
        assert!(html.contains(message), "expected {message:?}");
        assert!(
            html.contains("value=\"坏文件\"") || html.contains("坏文件"),
            "the typed title is kept"
        );
    }
    assert_eq!(count(&app, "submissions"), 0);
    assert_eq!(count(&app, "files"), 0);
    assert_eq!(stored_files(&app), 0, "no stored or temporary files");
}

#[tokio::test]
async fn attackers_pdfs_are_refused_at_upload_in_the_authors_language() {
    use crate::support::pdf::{bomb, lying_count};
    // The expansion limit is lowered so that the bomb stays small and quick.
    let app = TestApp::with(|c| c.pdf.max_expanded_bytes = 2 * 1024 * 1024).await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let qid = question_id(&app, "conf").await;
    // Six streams of 1 MiB of zeros: a few KiB on the wire, 6 MiB once expanded.
    let bomb = bomb(6, 1024 * 1024);
    assert!(bomb.len() < 32 * 1024);
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (bomb.clone(), "en", "compressed content expands to far more than a paper needs"),
        (bomb, "zh-CN", "解压炸弹"),
        // Thirty pages under a page tree that claims one; the call allows five.
        (lying_count(30), "en", "more pages than this call allows"),
        (lying_count(30), "zh-CN", "PDF 页数超过本次征稿的限制"),
    ];
    for (pdf, lang, message) in cases {
        let csrf = csrf_of(&author, &app.at("/venues/conf/submit")).await;
        let res = author
            .post(app.at("/venues/conf/submit"))
            .header("accept-language", lang)
            .multipart(form(&fields(&csrf, "攻击文件", &[("李华", "li@example.cn")], qid), Some(pdf)))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{message}");
        let html = res.text().await.unwrap();
        assert!(html.contains(message), "expected {message:?}");
    }
    // The API says the same, in English.
    let res = author
        .post(app.at("/api/v1/venues/conf/submissions"))
        .multipart(
            Form::new()
                .text("csrf", csrf_of(&author, &app.at("/venues/conf/submit")).await)
                .text(
                    "metadata",
                    json!({"title_zh": "攻击文件", "abstract_text": "摘要", "track": "main", "topics": [],
                           "authors": [{"name_zh": "李华", "email": "li@example.cn"}], "corresponding": 0, "presenter": 0,
                           "answers": {qid.to_string(): "1"}})
                    .to_string(),
                )
                .part(
                    "pdf",
                    Part::bytes(lying_count(30)).file_name("p.pdf").mime_str("application/pdf").unwrap(),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["pdf"].as_str().unwrap().contains("more pages"));
    assert_eq!(count(&app, "submissions"), 0);
    assert_eq!(count(&app, "files"), 0);
    assert_eq!(stored_files(&app), 0, "no stored or temporary files");
    // Within the limits the same kind of file is an ordinary paper.
    submit(&app, &author, "conf", &[("李华", "li@example.cn")], lying_count(3)).await;
}

#[tokio::test]
async fn missing_fields_are_named_and_nothing_is_saved() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let csrf = csrf_of(&author, &app.at("/venues/conf/submit")).await;
    let f = vec![
        ("csrf".to_string(), csrf),
        ("author0_email".into(), "other@example.org".into()),
        ("author0_name_zh".into(), "别人".into()),
    ];
    let res = author
        .post(app.at("/venues/conf/submit"))
        .header("accept-language", "en")
        .multipart(form(&f, Some(sample(1, "x", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    for m in [
        "Enter a title in Chinese or English",
        "This field is required.",
        "Choose a track.",
        "You must be one of the authors",
    ] {
        assert!(html.contains(m), "{m}");
    }
    assert_eq!(count(&app, "submissions"), 0);
    assert_eq!(count(&app, "files"), 0);
    assert_eq!(stored_files(&app), 0);
}

#[tokio::test]
async fn deadlines_grace_periods_and_per_paper_extensions_are_enforced_by_the_server() {
    let app = TestApp::new().await;
    let chair = open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let id = submit(&app, &author, "conf", &[("李华", "li@example.cn")], sample(1, "a", None)).await;
    let set_deadline = |offset: Duration, grace: i32| {
        let chair = chair.clone();
        let url = app.at("/api/v1/venues/conf/call");
        async move {
            let res = chair
                .put(url)
                .json(&call(json!({"paper_deadline": shanghai(offset), "grace_minutes": grace})))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
        }
    };
    // Past the deadline but within the grace period: still accepted.
    set_deadline(-Duration::minutes(5), 30).await;
    submit(&app, &author, "conf", &[("李华", "li@example.cn")], sample(1, "b", None)).await;
    // Past the grace period too: refused, both new papers and edits.
    set_deadline(-Duration::minutes(5), 0).await;
    let qid = question_id(&app, "conf").await;
    let csrf = csrf_of(&author, &app.at("/venues/conf")).await;
    let res = author
        .post(app.at("/venues/conf/submit"))
        .header("accept-language", "en")
        .multipart(form(
            &fields(&csrf, "迟到", &[("李华", "li@example.cn")], qid),
            Some(sample(1, "c", None)),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("deadline"));
    let res = author
        .post(app.at(&format!("/submissions/{id}/edit")))
        .multipart(form(&fields(&csrf, "迟到的修改", &[("李华", "li@example.cn")], qid), None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    // The chair extends this one paper by a day (in the venue's zone).
    let ccsrf = csrf_of(&chair, &app.at(&format!("/submissions/{id}"))).await;
    let until = shanghai(Duration::days(1));
    let res = chair
        .post(app.at(&format!("/submissions/{id}/extension")))
        .form(&[("csrf", ccsrf.as_str()), ("until", until.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = author
        .post(app.at(&format!("/submissions/{id}/edit")))
        .multipart(form(&fields(&csrf, "延期后的修改", &[("李华", "li@example.cn")], qid), None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        json_of(author.get(app.at(&format!("/api/v1/submissions/{id}"))).send().await.unwrap()).await["title_zh"],
        "延期后的修改"
    );
}

#[tokio::test]
async fn nobody_but_authors_and_the_venues_chairs_can_reach_a_submission() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    open_call(&app, "other", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let id = submit(&app, &author, "conf", &[("李华", "li@example.cn")], sample(1, "a", None)).await;
    let v = json_of(author.get(app.at(&format!("/api/v1/submissions/{id}"))).send().await.unwrap()).await;
    let pdf = v["pdf_file_id"].as_i64().unwrap();

    // Another author, a reviewer of this venue, and another venue's chair.
    let stranger = logged_in(&app, "stranger@example.org").await;
    let reviewer_id = app.user("reviewer@example.org", false);
    let venue_id = xuehui::venues::store::by_slug(&mut app.state.db.conn().unwrap(), "conf")
        .unwrap()
        .id;
    xuehui::auth::roles::grant(
        &mut app.state.db.conn().unwrap(),
        reviewer_id,
        xuehui::auth::roles::Role::Reviewer,
        xuehui::auth::roles::Scope::Venue,
        venue_id,
    )
    .unwrap();
    let reviewer = app.client();
    app.page_login(&reviewer, "reviewer@example.org", PASSWORD).await;
    let other_chair_id = app.user("otherchair@example.org", false);
    let other_id = xuehui::venues::store::by_slug(&mut app.state.db.conn().unwrap(), "other")
        .unwrap()
        .id;
    xuehui::auth::roles::grant(
        &mut app.state.db.conn().unwrap(),
        other_chair_id,
        xuehui::auth::roles::Role::Chair,
        xuehui::auth::roles::Scope::Venue,
        other_id,
    )
    .unwrap();
    let other_chair = app.client();
    app.page_login(&other_chair, "otherchair@example.org", PASSWORD).await;

    for (who, c) in [
        ("another author", &stranger),
        ("a reviewer", &reviewer),
        ("another venue's chair", &other_chair),
    ] {
        for path in [
            format!("/api/v1/submissions/{id}"),
            format!("/submissions/{id}"),
            format!("/submissions/{id}/edit"),
            format!("/submissions/{id}/files/{pdf}"),
        ] {
            assert_eq!(c.get(app.at(&path)).send().await.unwrap().status(), 404, "{who} reached {path}");
        }
        let csrf = csrf_of(c, &app.at("/")).await;
        let res = c
            .post(app.at(&format!("/submissions/{id}/withdraw")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404, "{who} withdrew it");
        assert_eq!(
            c.post(app.at(&format!("/api/v1/submissions/{id}/withdraw")))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            c.get(app.at("/venues/conf/submissions")).send().await.unwrap().status(),
            404,
            "{who} saw the table"
        );
        assert_eq!(c.get(app.at("/api/v1/venues/conf/submissions")).send().await.unwrap().status(), 404);
    }
    assert_eq!(
        app.client()
            .get(app.at(&format!("/api/v1/submissions/{id}")))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // A file id from another submission does not work through this one.
    let id2 = submit(&app, &stranger, "conf", &[("S", "stranger@example.org")], sample(2, "b", None)).await;
    assert_eq!(
        author.get(app.at(&format!("/submissions/{id2}"))).send().await.unwrap().status(),
        404
    );
    let v2 = json_of(stranger.get(app.at(&format!("/api/v1/submissions/{id2}"))).send().await.unwrap()).await;
    let pdf2 = v2["pdf_file_id"].as_i64().unwrap();
    assert_eq!(
        author
            .get(app.at(&format!("/submissions/{id}/files/{pdf2}")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn withdrawn_papers_stay_visible_to_organisers_who_filter_sort_and_export() {
    let app = TestApp::new().await;
    let chair = open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let a = submit(&app, &author, "conf", &[("李华", "li@example.cn")], sample(1, "a", None)).await;
    let _b = submit(&app, &author, "conf", &[("李华", "li@example.cn")], sample(2, "b", None)).await;
    let csrf = csrf_of(&author, &app.at(&format!("/submissions/{a}"))).await;
    let res = author
        .post(app.at(&format!("/submissions/{a}/withdraw")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (subject, _) = app.last_mail_to("li@example.cn").unwrap();
    assert!(subject.contains("撤回") || subject.contains("withdrawn"), "{subject}");
    let res = author
        .post(app.at(&format!("/api/v1/submissions/{a}/withdraw")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "already withdrawn");

    let all = json_of(chair.get(app.at("/api/v1/venues/conf/submissions")).send().await.unwrap()).await;
    assert_eq!(all["total"], 2);
    let withdrawn = json_of(
        chair
            .get(app.at("/api/v1/venues/conf/submissions?status=withdrawn"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(withdrawn["total"], 1);
    assert_eq!(withdrawn["items"][0]["id"], a);
    let sorted = json_of(
        chair
            .get(app.at("/api/v1/venues/conf/submissions?sort=-number"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(sorted["items"][0]["number"], 2);
    let found = json_of(
        chair
            .get(app.at("/api/v1/venues/conf/submissions?q=PEER%20REVIEW"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(found["total"], 2, "text search ignores case and looks at keywords");
    let none = json_of(chair.get(app.at("/api/v1/venues/conf/submissions?q=quantum")).send().await.unwrap()).await;
    assert_eq!(none["total"], 0);
    let res = chair.get(app.at("/api/v1/venues/conf/submissions?page=abc")).send().await.unwrap();
    assert_eq!(res.status(), 400, "bad query parameters are explained");

    let html = chair
        .get(app.at("/venues/conf/submissions?status=withdrawn"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<span id=\"total\">1</span>") && html.contains("withdrawn"));
    let csv = chair
        .get(app.at("/venues/conf/submissions.csv"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("同行评议研究") && text.contains("li@example.cn") && text.contains("withdrawn"));
    assert_eq!(text.lines().count(), 3);
    // Chairs read but do not edit authors' papers.
    assert_eq!(chair.get(app.at(&format!("/submissions/{a}"))).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn an_api_client_submits_with_a_token_and_metadata_json() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({"anonymity": "open"}))).await;
    app.user("bot@example.org", false);
    let c = app.client();
    app.api_login(&c, "bot@example.org").await;
    let secret = json_of(
        c.post(app.at("/api/v1/tokens"))
            .json(&json!({"name": "script"}))
            .send()
            .await
            .unwrap(),
    )
    .await["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let qid = question_id(&app, "conf").await;
    let meta = json!({"title_en": "Quality evaluation of academic conferences", "abstract_text": "学术会议质量评估", "track": "main",
                      "authors": [{"name_latin": "Bot", "email": "bot@example.org"}], "corresponding": 0, "presenter": 0, "answers": {qid.to_string(): "0"}});
    let bare = reqwest::Client::new();
    let f = Form::new()
        .text("metadata", meta.to_string())
        .part("pdf", Part::bytes(sample(2, "api", Some("Bot"))).file_name("p.pdf"));
    let res = bare
        .post(app.at("/api/v1/venues/conf/submissions"))
        .bearer_auth(&secret)
        .multipart(f)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let mine = json_of(
        bare.get(app.at("/api/v1/me/submissions"))
            .bearer_auth(&secret)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(mine[0]["title_en"], "Quality evaluation of academic conferences");
    // With the session cookie instead, the CSRF token must be part of the form.
    let f = Form::new()
        .text("metadata", meta.to_string())
        .part("pdf", Part::bytes(sample(2, "api", None)).file_name("p.pdf"));
    assert_eq!(
        c.post(app.at("/api/v1/venues/conf/submissions"))
            .multipart(f)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let f = Form::new()
        .text("metadata", "{not json")
        .part("pdf", Part::bytes(sample(2, "api", None)).file_name("p.pdf"));
    assert_eq!(
        bare.post(app.at("/api/v1/venues/conf/submissions"))
            .bearer_auth(&secret)
            .multipart(f)
            .send()
            .await
            .unwrap()
            .status(),
        400
    );
}

#[tokio::test]
async fn double_blind_authors_are_warned_about_names_in_pdf_metadata() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let id = submit(
        &app,
        &author,
        "conf",
        &[("李华", "li@example.cn")],
        sample(1, "named", Some("Li Hua")),
    )
    .await;
    let html = author
        .get(app.at(&format!("/submissions/{id}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"pdf-author-warning\"") && html.contains("Li Hua"));
    let clean = submit(&app, &author, "conf", &[("李华", "li@example.cn")], sample(1, "clean", None)).await;
    let html = author
        .get(app.at(&format!("/submissions/{clean}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("pdf-author-warning"));
}

#[tokio::test]
async fn a_forum_with_an_age_limit_checks_the_presenters_birth_year() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "young@example.cn").await;
    let qid = question_id(&app, "conf").await;
    let try_submit = |year: Option<i32>| {
        let (app, author) = (&app, author.clone());
        async move {
            if let Some(y) = year {
                let csrf = csrf_of(&author, &app.at("/profile")).await;
                let y = y.to_string();
                let res = author
                    .post(app.at("/profile"))
                    .form(&[("csrf", csrf.as_str()), ("name_zh", "青年"), ("birth_year", y.as_str())])
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 303);
            }
            let csrf = csrf_of(&author, &app.at("/venues/conf/submit")).await;
            let mut f = fields(&csrf, "青年论坛论文", &[("青年", "young@example.cn")], qid);
            f.retain(|(k, _)| k != "track");
            f.push(("track".into(), "ysf".into()));
            author
                .post(app.at("/venues/conf/submit"))
                .header("accept-language", "en")
                .multipart(form(&f, Some(sample(1, "y", None))))
                .send()
                .await
                .unwrap()
        }
    };
    let res = try_submit(None).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("needs an account with the birth year"));
    let res = try_submit(Some(1970)).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("above this forum"), "{html}");
    let res = try_submit(Some(1995)).await;
    assert_eq!(res.status(), 303);
}

#[tokio::test]
async fn a_multipart_form_without_the_csrf_token_is_refused() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let qid = question_id(&app, "conf").await;
    let res = author
        .post(app.at("/venues/conf/submit"))
        .multipart(form(
            &fields("forged", "伪造", &[("李华", "li@example.cn")], qid),
            Some(sample(1, "x", None)),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(count(&app, "submissions"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisers_download_xlsx_and_a_zip_of_every_current_pdf() {
    use std::io::Read;
    let app = TestApp::new().await;
    let chair = open_call(&app, "conf", call(json!({}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let first = sample(1, "one", None);
    let second = sample(2, "two", None);
    submit(&app, &author, "conf", &[("李华", "li@example.cn")], first.clone()).await;
    submit(&app, &author, "conf", &[("李华", "li@example.cn")], second.clone()).await;

    let res = chair.get(app.at("/venues/conf/submissions.zip")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let zip_bytes = res.bytes().await.unwrap();
    eprintln!(
        "zip: {} bytes, head {:?}, tail {:?}",
        zip_bytes.len(),
        &zip_bytes[..zip_bytes.len().min(8)],
        &zip_bytes[zip_bytes.len().saturating_sub(30)..]
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).expect("a valid zip");
    assert_eq!(zip.len(), 2);
    let mut got = Vec::new();
    zip.by_name("paper-0001.pdf").unwrap().read_to_end(&mut got).unwrap();
    assert_eq!(got, first);
    got.clear();
    zip.by_name("paper-0002.pdf").unwrap().read_to_end(&mut got).unwrap();
    assert_eq!(got, second);

    let xlsx = chair
        .get(app.at("/venues/conf/submissions.xlsx"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).expect("xlsx is a zip");
    let mut strings = String::new();
    book.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
    assert!(strings.contains("同行评议研究") && strings.contains("li@example.cn"));
    assert_eq!(
        author.get(app.at("/venues/conf/submissions.zip")).send().await.unwrap().status(),
        404,
        "authors cannot export"
    );
}

#[tokio::test]
async fn supplementary_material_must_be_a_zip_or_pdf_within_its_limit() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({"supp_max_mb": 1}))).await;
    let author = logged_in(&app, "li@example.cn").await;
    let qid = question_id(&app, "conf").await;
    let attempt = |supp: Vec<u8>, name: &'static str| {
        let (app, author) = (&app, author.clone());
        async move {
            let csrf = csrf_of(&author, &app.at("/venues/conf/submit")).await;
            let f = form(
                &fields(&csrf, "补充材料", &[("李华", "li@example.cn")], qid),
                Some(sample(1, "p", None)),
            )
            .part("supplement", Part::bytes(supp).file_name(name));
            author
                .post(app.at("/venues/conf/submit"))
                .header("accept-language", "en")
                .multipart(f)
                .send()
                .await
                .unwrap()
        }
    };
    let res = attempt(b"MZ\x90\x00 an executable".to_vec(), "tool.exe").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("must be a ZIP archive or a PDF"));
    let mut big = b"PK\x03\x04".to_vec();
    big.extend(vec![0u8; 1024 * 1024 + 1]);
    assert_eq!(attempt(big, "data.zip").await.status(), 422);
    let res = attempt(b"PK\x03\x04 small archive".to_vec(), "data.zip").await;
    assert_eq!(res.status(), 303);
    let id: i64 = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let v = json_of(author.get(app.at(&format!("/api/v1/submissions/{id}"))).send().await.unwrap()).await;
    let supp = v["supp_file_id"].as_i64().expect("supplement stored");
    let res = author.get(app.at(&format!("/submissions/{id}/files/{supp}"))).send().await.unwrap();
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"PK\x03\x04 small archive");
}

#[tokio::test]
async fn a_call_can_let_only_the_corresponding_author_edit() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({"only_corresponding_edits": true}))).await;
    let first = logged_in(&app, "first@example.cn").await;
    let second = logged_in(&app, "second@example.cn").await;
    // The first author is corresponding (row 0).
    let id = submit(
        &app,
        &first,
        "conf",
        &[("甲", "first@example.cn"), ("乙", "second@example.cn")],
        sample(1, "x", None),
    )
    .await;
    crate::support::review::confirm_authorship(&app, &second, id).await;
    let qid = question_id(&app, "conf").await;
    let csrf = csrf_of(&second, &app.at(&format!("/submissions/{id}"))).await;
    let res = second
        .post(app.at(&format!("/submissions/{id}/edit")))
        .header("accept-language", "en")
        .multipart(form(
            &fields(&csrf, "乙的修改", &[("甲", "first@example.cn"), ("乙", "second@example.cn")], qid),
            None,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("only the corresponding author"));
    assert_eq!(
        second
            .post(app.at(&format!("/api/v1/submissions/{id}/withdraw")))
            .send()
            .await
            .unwrap()
            .status(),
        409
    );
    let csrf = csrf_of(&first, &app.at(&format!("/submissions/{id}"))).await;
    let res = first
        .post(app.at(&format!("/submissions/{id}/edit")))
        .multipart(form(
            &fields(&csrf, "甲的修改", &[("甲", "first@example.cn"), ("乙", "second@example.cn")], qid),
            None,
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_submissions_all_succeed_with_distinct_numbers() {
    let app = TestApp::new().await;
    open_call(&app, "conf", call(json!({"anonymity": "open"}))).await;
    app.user("rush@example.org", false);
    let c = app.client();
    app.api_login(&c, "rush@example.org").await;
    let secret = json_of(
        c.post(app.at("/api/v1/tokens"))
            .json(&json!({"name": "rush"}))
            .send()
            .await
            .unwrap(),
    )
    .await["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let qid = question_id(&app, "conf").await;
    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let (url, secret) = (app.at("/api/v1/venues/conf/submissions"), secret.clone());
            let meta = json!({"title_en": format!("Rush {i}"), "abstract_text": "last minute", "track": "main",
                              "authors": [{"name_latin": "Rush", "email": "rush@example.org"}], "corresponding": 0, "presenter": 0, "answers": {qid.to_string(): "0"}});
            tokio::spawn(async move {
                let f = Form::new().text("metadata", meta.to_string()).part("pdf", Part::bytes(sample(1, &format!("rush {i}"), None)).file_name("p.pdf"));
                let res = reqwest::Client::new().post(url).bearer_auth(secret).multipart(f).send().await.unwrap();
                assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
                json_of(res).await["number"].as_i64().unwrap()
            })
        })
        .collect();
    let mut numbers = Vec::new();
    for t in tasks {
        numbers.push(t.await.unwrap());
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=12).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_track_with_its_own_call_has_its_own_deadline_limits_and_questions() {
    let app = TestApp::new().await;
    let chair = open_call(&app, "conf", call(json!({}))).await;
    let forum_call = json!({"paper_deadline": shanghai(Duration::days(3)), "anonymity": "single_blind", "page_limit": 2,
                            "questions": [{"kind": "text", "label_zh": "导师", "label_en": "Mentor", "required": true}]});
    let res = chair
        .put(app.at("/api/v1/venues/conf/call?track=ysf"))
        .json(&forum_call)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let d = json_of(res).await;
    assert_eq!(d["call"]["page_limit"], 5, "the venue-wide call is unchanged");
    assert_eq!(d["track_calls"][0]["track"]["slug"], "ysf");
    assert_eq!(d["track_calls"][0]["call"]["questions"][0]["label_en"], "Mentor");
    let mentor = d["track_calls"][0]["call"]["questions"][0]["id"].as_i64().unwrap();

    // Nobody else can set a track's call, and unknown tracks are 404.
    let stranger = logged_in(&app, "stranger@example.cn").await;
    let res = stranger
        .put(app.at("/api/v1/venues/conf/call?track=ysf"))
        .json(&forum_call)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = chair
        .put(app.at("/api/v1/venues/conf/call?track=nope"))
        .json(&forum_call)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);

    // The public page shows both calls, each with its own submit link.
    let page = app
        .client()
        .get(app.at("/venues/conf"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"submit-link\"") && html.contains("href=\"/venues/conf/submit?track=ysf\""),
        "{html}"
    );
    assert!(html.contains("Mentor") && html.contains("Separate call"));

    let author = logged_in(&app, "young@example.cn").await;
    let csrf = csrf_of(&author, &app.at("/profile")).await;
    let res = author
        .post(app.at("/profile"))
        .form(&[("csrf", csrf.as_str()), ("name_zh", "青年"), ("birth_year", "1995")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let venue_q = question_id(&app, "conf").await;
    let forum_fields = |csrf: &str, with_mentor: bool| {
        let mut f = fields(csrf, "青年论坛论文", &[("青年", "young@example.cn")], venue_q);
        f.retain(|(k, _)| k != "track" && !k.starts_with('q'));
        f.push(("track".into(), "ysf".into()));
        if with_mentor {
            f.push((format!("q{mentor}"), "王老师".into()));
        }
        f
    };

    // Through the venue-wide form the forum is refused with a pointer to its own call.
    let csrf = csrf_of(&author, &app.at("/venues/conf/submit")).await;
    let mut f = fields(&csrf, "青年论坛论文", &[("青年", "young@example.cn")], venue_q);
    f.retain(|(k, _)| k != "track");
    f.push(("track".into(), "ysf".into()));
    let res = author
        .post(app.at("/venues/conf/submit"))
        .header("accept-language", "en")
        .multipart(form(&f, Some(sample(1, "y", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("This track has a separate call"));

    // The forum's form carries its own question, its page limit and its track.
    let form_page = author
        .get(app.at("/venues/conf/submit?track=ysf"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form_page.contains(&format!("name=\"q{mentor}\"")) && !form_page.contains(&format!("name=\"q{venue_q}\"")));
    assert!(form_page.contains("action=\"/venues/conf/submit?track=ysf\""));
    let csrf = csrf_of(&author, &app.at("/venues/conf/submit?track=ysf")).await;
    let res = author
        .post(app.at("/venues/conf/submit?track=ysf"))
        .header("accept-language", "en")
        .multipart(form(&forum_fields(&csrf, true), Some(sample(3, "y", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "3 pages exceed the forum's limit of 2");
    let res = author
        .post(app.at("/venues/conf/submit?track=ysf"))
        .multipart(form(&forum_fields(&csrf, false), Some(sample(2, "y", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "the forum's own question is required");
    let before = count(&app, "submissions");
    let res = author
        .post(app.at("/venues/conf/submit?track=ysf"))
        .multipart(form(&forum_fields(&csrf, true), Some(sample(2, "y", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(count(&app, "submissions"), before + 1);
    let id: i64 = res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let s = json_of(author.get(app.at(&format!("/api/v1/submissions/{id}"))).send().await.unwrap()).await;
    assert_eq!(s["call_id"], d["track_calls"][0]["call"]["id"]);
    assert_eq!(s["answers"][mentor.to_string()], "王老师");

    // The forum's deadline passes; the main track stays open.
    let mut closed = forum_call.clone();
    closed["paper_deadline"] = json!(shanghai(-Duration::hours(1)));
    let res = chair
        .put(app.at("/api/v1/venues/conf/call?track=ysf"))
        .json(&closed)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = author.get(app.at(&format!("/submissions/{id}/edit"))).send().await.unwrap();
    assert_eq!(res.status(), 303, "no form for a paper past its deadline");
    let csrf = csrf_of(&author, &app.at("/profile")).await;
    let res = author
        .post(app.at(&format!("/submissions/{id}/edit")))
        .multipart(form(&forum_fields(&csrf, true), None))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409, "the forum paper follows the forum's deadline");
    let res = author
        .post(app.at("/venues/conf/submit?track=ysf"))
        .multipart(form(&forum_fields(&csrf, true), Some(sample(2, "y", None))))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    submit(&app, &author, "conf", &[("青年", "young@example.cn")], sample(1, "m", None)).await;

    // A call with papers under it, and a track with papers, cannot be removed.
    let res = chair.delete(app.at("/api/v1/venues/conf/call?track=ysf")).send().await.unwrap();
    assert_eq!(res.status(), 409);
    let res = chair.delete(app.at("/api/v1/venues/conf/call?track=main")).send().await.unwrap();
    assert_eq!(res.status(), 404, "main has no call of its own");
    let mut body = crate::venues::venue_body("conf");
    body["tracks"] = json!([body["tracks"][0]]);
    let res = chair.put(app.at("/api/v1/venues/conf")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(
        json_of(res).await["fields"]["tracks"],
        "A track with submissions cannot be removed."
    );
}

#[tokio::test]
async fn a_separate_call_without_papers_can_be_removed_from_its_page() {
    let app = TestApp::new().await;
    let chair = open_call(&app, "conf", call(json!({}))).await;
    let res = chair
        .put(app.at("/api/v1/venues/conf/call?track=ysf"))
        .json(&call(json!({"page_limit": 3})))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The chair's browser session: the page offers removal, which puts the venue-wide call back.
    let c = app.client();
    let res = app.page_login(&c, "admin-conf@example.org", PASSWORD).await;
    assert_eq!(res.status(), 303);
    let html = c
        .get(app.at("/venues/conf/call/edit?track=ysf"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"call-delete\"") && html.contains("value=\"3\""), "{html}");
    let csrf = csrf_of(&c, &app.at("/venues/conf/call/edit?track=ysf")).await;
    let res = c
        .post(app.at("/venues/conf/call/delete?track=ysf"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let d = json_of(app.client().get(app.at("/api/v1/venues/conf")).send().await.unwrap()).await;
    assert_eq!(d["track_calls"], json!([]));
    let html = c
        .get(app.at("/venues/conf/call/edit?track=ysf"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("id=\"call-delete\""));
}
