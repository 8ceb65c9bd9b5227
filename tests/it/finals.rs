//! After acceptance: the final-version phase. Authors of an accepted paper (told) upload the
//! final version, confirm the author list (changes wait for a chair) and the corresponding
//! author accepts the licence; chairs see the table, remind, approve or ask for changes and can
//! withdraw a paper after acceptance. Everyone else gets 404.

use chrono::Duration;
use reqwest::Client;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::review::{co_chair, confirm_authorship, decide, id_of, local, notify_authors, person, submit, venue};
use crate::support::{TestApp, csrf_of, json_of};
use xuehui::files::pdf::sample;

async fn set_final_phase(app: &TestApp, chair: &Client, slug: &str, body: Value) -> reqwest::Response {
    chair
        .put(app.at(&format!("/api/v1/venues/{slug}/final-phase")))
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Posts the final-version page's upload form; returns the flash shown on the page afterwards.
async fn upload(app: &TestApp, c: &Client, paper: i64, pdf: Vec<u8>, source: Option<Vec<u8>>, changes: &str) -> String {
    let csrf = csrf_of(c, &app.at("/profile")).await;
    let mut form = Form::new()
        .text("csrf", csrf)
        .text("changes", changes.to_string())
        .part("pdf", Part::bytes(pdf).file_name("final.pdf").mime_str("application/pdf").unwrap());
    if let Some(s) = source {
        form = form.part("source", Part::bytes(s).file_name("src.zip").mime_str("application/zip").unwrap());
    }
    let res = c
        .post(app.at(&format!("/submissions/{paper}/final")))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = c
        .get(app.at(&format!("/submissions/{paper}/final")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    page.split("class=\"flash\"").nth(1).unwrap_or("").chars().take(300).collect()
}

async fn final_of(app: &TestApp, c: &Client, paper: i64) -> (u16, Value) {
    let res = c.get(app.at(&format!("/api/v1/submissions/{paper}/final"))).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

fn zip_bytes() -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file("paper.tex", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut z, b"\\documentclass{article}").unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

/// A venue with one accepted, told paper by 李华 (corresponding) and a confirmed co-author.
struct Scene {
    chair: Client,
    author: Client,
    coauthor: Client,
    paper: i64,
    rejected: i64,
}

async fn scene(app: &TestApp, slug: &str) -> Scene {
    let chair = venue(app, slug).await;
    let (_, author) = person(app, &format!("li@{slug}.edu.cn"), "李华", "Uni A").await;
    let (_, coauthor) = person(app, &format!("wang@{slug}.edu.cn"), "王芳", "Uni B").await;
    let authors = [
        ("李华", &*format!("li@{slug}.edu.cn"), "Uni A"),
        ("王芳", &*format!("wang@{slug}.edu.cn"), "Uni B"),
    ];
    let res = submit(app, &author, slug, &authors, &[]).await;
    let paper = id_of(&res);
    let rejected = id_of(&submit(app, &author, slug, &authors, &[]).await);
    confirm_authorship(app, &coauthor, paper).await;
    assert_eq!(decide(app, &chair, paper, json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(app, &chair, rejected, json!("reject")).await.status(), 200);
    notify_authors(app, &chair, slug).await;
    Scene {
        chair,
        author,
        coauthor,
        paper,
        rejected,
    }
}

#[tokio::test]
async fn an_accepted_papers_authors_upload_confirm_and_consent_and_the_chair_approves() {
    let app = TestApp::new().await;
    let s = scene(&app, "fin").await;
    // Before the chairs set the phase, nothing can be uploaded.
    let (status, v) = final_of(&app, &s.author, s.paper).await;
    assert_eq!(status, 200);
    assert_eq!(v["status"], "missing");
    assert_eq!(v["upload_closed"], "finals.no_phase");
    let res = set_final_phase(
        &app,
        &s.chair,
        "fin",
        json!({"deadline": local(Duration::days(10)), "page_limit": 2, "source_required": true, "changes_required": true,
               "template_name": "xuehui LaTeX", "template_url": "https://example.org/template.zip", "licence": "cc_by_4_0"}),
    )
    .await;
    assert_eq!(res.status(), 200);
    let phase = json_of(res).await;
    assert!(phase["consent_en"].as_str().unwrap().contains("CC BY 4.0"), "{phase}");

    // The phase's rules: page limit, source archive, statement of changes.
    let flash = upload(&app, &s.author, s.paper, sample(3, "Final", None), Some(zip_bytes()), "Typos fixed").await;
    assert!(flash.contains("more pages"), "{flash}");
    let flash = upload(&app, &s.author, s.paper, sample(2, "Final", None), None, "Typos fixed").await;
    assert!(flash.contains("source archive"), "{flash}");
    let flash = upload(&app, &s.author, s.paper, sample(2, "Final", None), Some(b"not a zip".to_vec()), "x").await;
    assert!(flash.contains("zip"), "{flash}");
    let flash = upload(&app, &s.author, s.paper, sample(2, "Final", None), Some(zip_bytes()), "").await;
    assert!(flash.contains("statement"), "{flash}");
    // A PDF still marked anonymous is kept, with a warning for authors and chairs.
    let flash = upload(
        &app,
        &s.author,
        s.paper,
        sample(2, "Anonymous submission", None),
        Some(zip_bytes()),
        "Names restored",
    )
    .await;
    assert!(flash.contains("saved"), "{flash}");
    let (_, v) = final_of(&app, &s.author, s.paper).await;
    assert_eq!(v["status"], "uploaded");
    assert_eq!(v["final_version"]["warnings"], json!(["finals.warn_anonymous"]));
    // The final is a new version of the paper; the reviewed PDF stays the paper's own.
    let paper = json_of(
        s.author
            .get(app.at(&format!("/api/v1/submissions/{}", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(paper["version"], 2);
    let flash = upload(&app, &s.author, s.paper, sample(2, "Final", Some("Li Hua")), None, "Names restored").await;
    assert!(flash.contains("saved"), "{flash}");
    let (_, v) = final_of(&app, &s.coauthor, s.paper).await;
    assert_eq!(
        v["status"], "checked",
        "the co-author sees it too, and the source archive was kept: {v}"
    );
    assert!(v["final_version"]["source_file_id"].is_i64());

    // The author list: the same people with another presenter is confirmed at once.
    let list = |presenter: usize, drop_second: bool, reason: &str| {
        let mut authors = vec![json!({"name_zh": "李华", "email": "li@fin.edu.cn", "affiliation": "Uni A"})];
        if !drop_second {
            authors.push(json!({"name_zh": "王芳", "email": "wang@fin.edu.cn", "affiliation": "Uni B"}));
        }
        json!({"authors": authors, "corresponding": 0, "presenter": presenter, "reason": reason})
    };
    let put = |c: &Client, body: Value| {
        c.put(app.at(&format!("/api/v1/submissions/{}/final/authors", s.paper)))
            .json(&body)
            .send()
    };
    let res = put(&s.author, list(1, false, "")).await.unwrap();
    assert_eq!(json_of(res).await["outcome"], "confirmed");
    let (_, v) = final_of(&app, &s.author, s.paper).await;
    assert_eq!(v["authors"][1]["is_presenter"], true);
    assert!(v["final_version"]["authors_confirmed_at"].is_string());
    // Dropping a co-author needs a reason and the chair's approval.
    let res = put(&s.author, list(0, true, "")).await.unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(json_of(res).await["fields"]["reason"], "Give a reason.");
    let res = put(&s.author, list(0, true, "王芳 asked to be acknowledged instead"))
        .await
        .unwrap();
    assert_eq!(json_of(res).await["outcome"], "change_requested");
    let (_, v) = final_of(&app, &s.chair, s.paper).await;
    let change = v["changes"][0]["id"].as_i64().unwrap();
    assert_eq!(
        v["authors"].as_array().unwrap().len(),
        2,
        "nothing changes before the chair approves"
    );
    let decide_change = |c: &Client, body: Value| {
        c.post(app.at(&format!("/api/v1/submissions/{}/final/author-changes/{change}", s.paper)))
            .json(&body)
            .send()
    };
    assert_eq!(
        decide_change(&s.author, json!({"approve": true})).await.unwrap().status(),
        404,
        "authors do not approve their own change"
    );
    assert_eq!(decide_change(&s.chair, json!({"approve": true})).await.unwrap().status(), 204);
    let (_, v) = final_of(&app, &s.author, s.paper).await;
    assert_eq!(v["authors"].as_array().unwrap().len(), 1);
    assert_eq!(v["changes"][0]["status"], "approved");
    assert_eq!(
        decide_change(&s.chair, json!({"approve": false, "note": "late"}))
            .await
            .unwrap()
            .status(),
        409
    );

    // Consent: the corresponding author only, with name, time and address recorded.
    let consent = |c: &Client, body: Value| {
        c.post(app.at(&format!("/api/v1/submissions/{}/final/consent", s.paper)))
            .json(&body)
            .send()
    };
    assert_eq!(
        consent(&s.author, json!({"name": "李华", "accept": false})).await.unwrap().status(),
        422
    );
    let res = consent(&s.author, json!({"name": "李华", "accept": true})).await.unwrap();
    assert_eq!(res.status(), 200);
    let c = json_of(res).await;
    assert_eq!(c["signer_name"], "李华");
    assert_eq!(c["ip"], "127.0.0.1");
    assert_eq!(c["digest"].as_str().unwrap().len(), 64);
    let (_, v) = final_of(&app, &s.author, s.paper).await;
    assert_eq!(v["consent_current"], true);

    // The chairs' table, then approval (mailed to the authors).
    let table = json_of(s.chair.get(app.at("/api/v1/venues/fin/finals")).send().await.unwrap()).await;
    let rows = table["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "the rejected paper is not in the table: {table}");
    assert_eq!(rows[0]["status"], "checked");
    assert_eq!(rows[0]["consent"], true);
    assert_eq!(rows[0]["authors_confirmed"], true);
    let review = |c: &Client, body: Value| {
        c.put(app.at(&format!("/api/v1/submissions/{}/final/review", s.paper)))
            .json(&body)
            .send()
    };
    assert_eq!(review(&s.author, json!({"verdict": "approve"})).await.unwrap().status(), 404);
    assert_eq!(review(&s.chair, json!({"verdict": "needs_changes"})).await.unwrap().status(), 422);
    let res = review(
        &s.chair,
        json!({"verdict": "needs_changes", "message": "Please add the grant number."}),
    )
    .await
    .unwrap();
    assert_eq!(json_of(res).await["status"], "needs_changes");
    let (subject, body) = app.last_mail_to("li@fin.edu.cn").unwrap();
    assert!(subject.contains("修改") && body.contains("grant number"), "{subject}\n{body}");
    let flash = upload(
        &app,
        &s.author,
        s.paper,
        sample(2, "Final", Some("Li Hua")),
        None,
        "Grant number added",
    )
    .await;
    assert!(flash.contains("saved"), "{flash}");
    let res = review(&s.chair, json!({"verdict": "approve"})).await.unwrap();
    assert_eq!(json_of(res).await["status"], "approved");
    let flash = upload(&app, &s.author, s.paper, sample(2, "Final", None), None, "more").await;
    assert!(flash.contains("approved"), "an approved final is locked: {flash}");
    // Under an open licence with consent, the approved final is the public PDF.
    let public = json_of(app.client().get(app.at("/api/v1/venues/fin/papers/1")).send().await.unwrap()).await;
    assert_eq!(public["pdf"], true, "{public}");
    let pdf = app
        .client()
        .get(app.at("/venues/fin/papers/1/paper.pdf"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        crate::support::pdf::pages(&pdf),
        2,
        "the final version (2 pages), not the reviewed one (1 page)"
    );

    // A rejected paper has no final version.
    let (status, v) = final_of(&app, &s.author, s.rejected).await;
    assert_eq!(status, 409);
    assert!(v["message"].as_str().unwrap().contains("not an accepted paper"), "{v}");
}

#[tokio::test]
async fn nobody_but_the_papers_authors_and_chairs_reaches_its_final_version() {
    let app = TestApp::new().await;
    let s = scene(&app, "finx").await;
    venue(&app, "finy").await;
    let (_, other_chair) = co_chair(&app, "finy", "chair@finy.org").await;
    let (_, stranger) = person(&app, "stranger@else.org", "路人", "Elsewhere").await;
    assert_eq!(
        set_final_phase(
            &app,
            &s.chair,
            "finx",
            json!({"deadline": local(Duration::days(3)), "licence": "copyright_transfer"})
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        set_final_phase(
            &app,
            &s.author,
            "finx",
            json!({"deadline": local(Duration::days(3)), "licence": "cc_by_4_0"})
        )
        .await
        .status(),
        404
    );
    assert_eq!(
        set_final_phase(&app, &s.chair, "finx", json!({"deadline": "soon", "licence": "gpl"}))
            .await
            .status(),
        422
    );
    for c in [&stranger, &other_chair, &app.client()] {
        let (status, _) = final_of(&app, c, s.paper).await;
        assert!(status == 404 || status == 401, "{status}");
        let res = c
            .post(app.at(&format!("/api/v1/submissions/{}/final/consent", s.paper)))
            .json(&json!({"name": "x", "accept": true}))
            .send()
            .await
            .unwrap();
        assert!(matches!(res.status().as_u16(), 401 | 404), "{}", res.status());
        let res = c
            .put(app.at(&format!("/api/v1/submissions/{}/final/review", s.paper)))
            .json(&json!({"verdict": "approve"}))
            .send()
            .await
            .unwrap();
        assert!(matches!(res.status().as_u16(), 401 | 404), "{}", res.status());
        let res = c.get(app.at("/api/v1/venues/finx/finals")).send().await.unwrap();
        assert!(matches!(res.status().as_u16(), 401 | 404), "{}", res.status());
    }
    // A co-author may upload, but only the corresponding author consents.
    let res = s
        .coauthor
        .post(app.at(&format!("/api/v1/submissions/{}/final/consent", s.paper)))
        .json(&json!({"name": "王芳", "accept": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("corresponding author"));
    // Chairs do not upload in the authors' place.
    let csrf = csrf_of(&s.chair, &app.at("/profile")).await;
    let form = Form::new().text("csrf", csrf).part(
        "pdf",
        Part::bytes(sample(1, "Final", None))
            .file_name("f.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let res = s
        .chair
        .post(app.at(&format!("/submissions/{}/final", s.paper)))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let (_, v) = final_of(&app, &s.chair, s.paper).await;
    assert_eq!(v["status"], "missing");
    // After the deadline the upload is closed, unless a chair asks for changes.
    assert_eq!(
        set_final_phase(
            &app,
            &s.chair,
            "finx",
            json!({"opens_at": local(-Duration::days(5)), "deadline": local(-Duration::days(1)), "licence": "copyright_transfer"})
        )
        .await
        .status(),
        200
    );
    let (_, v) = final_of(&app, &s.author, s.paper).await;
    assert_eq!(v["upload_closed"], "finals.closed");
    let flash = upload(&app, &s.author, s.paper, sample(1, "Final", None), None, "").await;
    assert!(flash.contains("deadline"), "{flash}");
}

#[tokio::test]
async fn reminders_reach_missing_papers_in_each_authors_language_and_withdrawal_ends_the_public_page() {
    let app = TestApp::new().await;
    let s = scene(&app, "finr").await;
    assert_eq!(
        set_final_phase(
            &app,
            &s.chair,
            "finr",
            json!({"deadline": local(Duration::days(3)), "licence": "cc_by_4_0"})
        )
        .await
        .status(),
        200
    );
    let res = s
        .chair
        .post(app.at("/api/v1/venues/finr/finals/remind"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(json_of(res).await["queued"], 1);
    let res = s
        .chair
        .post(app.at("/api/v1/venues/finr/finals/remind"))
        .json(&json!({"papers": [s.rejected + 1000]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "a paper of no venue of the chair's");
    app.run_jobs().await;
    let (subject, body) = app.last_mail_to("li@finr.edu.cn").unwrap();
    assert!(subject.contains("终稿"), "李华 reads Chinese: {subject}");
    assert!(body.contains("/final"), "{body}");
    assert!(
        app.mails_to("wang@finr.edu.cn")
            .iter()
            .all(|(s, _)| !s.contains("终稿") && !s.contains("final version")),
        "only the corresponding author is reminded"
    );
    let table = json_of(
        s.chair
            .get(app.at("/api/v1/venues/finr/finals?status=missing"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(table["rows"][0]["reminded_at"].is_string(), "{table}");
    let res = s.chair.get(app.at("/api/v1/venues/finr/finals?status=lost")).send().await.unwrap();
    assert_eq!(res.status(), 422);

    // Withdrawn after acceptance: reason required, mailed, gone from the public page.
    assert_eq!(s.author.get(app.at("/venues/finr/papers/1")).send().await.unwrap().status(), 200);
    let withdraw = |body: Value| {
        s.chair
            .post(app.at(&format!("/api/v1/submissions/{}/final/withdraw", s.paper)))
            .json(&body)
            .send()
    };
    assert_eq!(withdraw(json!({"reason": ""})).await.unwrap().status(), 422);
    let res = withdraw(json!({"reason": "The authors could not attend."})).await.unwrap();
    assert_eq!(json_of(res).await["status"], "withdrawn");
    assert_eq!(
        app.client().get(app.at("/venues/finr/papers/1")).send().await.unwrap().status(),
        404
    );
    let table = json_of(s.chair.get(app.at("/api/v1/venues/finr/finals")).send().await.unwrap()).await;
    assert_eq!(table["rows"][0]["status"], "withdrawn");
    assert_eq!(table["counts"]["withdrawn"], 1);
    assert!(app.last_mail_to("wang@finr.edu.cn").unwrap().1.contains("could not attend"));
}
