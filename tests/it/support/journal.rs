//! Builders for journal editorial tests: a journal with its whole editorial office, each
//! member logged in on their own client, and a second journal with its own chief editor.

use reqwest::Client;
use serde_json::{Value, json};

use super::catalogue::{account, field, issn, journal, journal_body, organiser};
use super::{TestApp, json_of};

/// A journal's editorial office and the people around it.
pub struct Office {
    /// The journal's id.
    pub journal: i64,
    /// Another journal (its chief is `other_chief`).
    pub other_journal: i64,
    /// Keeps the register (site organiser).
    pub org: Client,
    /// Editor-in-chief.
    pub chief: Client,
    /// Managing editor (the `editor` role).
    pub managing: Client,
    /// Section editor (account id in `section_editor_id`).
    pub section: Client,
    /// The section editor's account id.
    pub section_editor_id: i64,
    /// Editorial assistant.
    pub assistant: Client,
    /// Editorial board member.
    pub board: Client,
    /// An account with no role.
    pub stranger: Client,
    /// The stranger's account id.
    pub stranger_id: i64,
    /// Editor-in-chief of the other journal.
    pub other_chief: Client,
}

/// Grants `role` on journal `id` through the staff API (as the organiser).
pub async fn add_staff(app: &TestApp, org: &Client, id: i64, email: &str, role: &str) {
    let res = org
        .post(app.at(&format!("/api/v1/journals/{id}/staff")))
        .json(&json!({"email": email, "role": role}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204, "{}", res.text().await.unwrap());
}

/// Two journals in field `computing`; the first with a chief (`chief@j.example`), managing
/// editor, section editor, assistant and board member, the second with its own chief.
pub async fn office(app: &TestApp) -> Office {
    let (_, org) = organiser(app, "org@j.example").await;
    field(app, &org, "computing", "计算", "Computing").await;
    let journal_id = journal(
        app,
        &org,
        journal_body("Journal of Computing", &issn(101), "CN", &["zh", "en"], "basic", &["computing"]),
    )
    .await;
    let other = journal(
        app,
        &org,
        journal_body("Other Journal", &issn(202), "CN", &["zh"], "basic", &["computing"]),
    )
    .await;
    let mut clients = Vec::new();
    for (email, role) in [
        ("chief@j.example", Some("editor_in_chief")),
        ("managing@j.example", Some("editor")),
        ("section@j.example", Some("section_editor")),
        ("assistant@j.example", Some("editorial_assistant")),
        ("board@j.example", Some("board_member")),
        ("stranger@j.example", None),
    ] {
        let (id, c) = account(app, email).await;
        if let Some(role) = role {
            add_staff(app, &org, journal_id, email, role).await;
        }
        clients.push((id, c));
    }
    let (_, other_chief) = account(app, "chief@other.example").await;
    add_staff(app, &org, other, "chief@other.example", "editor_in_chief").await;
    let mut it = clients.into_iter();
    let mut next = || it.next().unwrap();
    let (_, chief) = next();
    let (_, managing) = next();
    let (section_editor_id, section) = next();
    let (_, assistant) = next();
    let (_, board) = next();
    let (stranger_id, stranger) = next();
    Office {
        journal: journal_id,
        other_journal: other,
        org,
        chief,
        managing,
        section,
        section_editor_id,
        assistant,
        board,
        stranger,
        stranger_id,
        other_chief,
    }
}

/// Adds a section through the API as `client`: (status, body).
pub async fn add_section(app: &TestApp, client: &Client, journal: i64, body: Value) -> (u16, Value) {
    let res = client
        .post(app.at(&format!("/api/v1/journals/{journal}/sections")))
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json_of(res).await)
}

/// The journal's editorial set-up as `client` reads it (the body of a 200).
pub async fn editorial(app: &TestApp, client: &Client, journal: i64) -> Value {
    let res = client
        .get(app.at(&format!("/api/v1/journals/{journal}/editorial")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    json_of(res).await
}

/// Replaces the editorial set-up as `client`: (status, body).
pub async fn put_setup(app: &TestApp, client: &Client, journal: i64, body: Value) -> (u16, Value) {
    let res = client
        .put(app.at(&format!("/api/v1/journals/{journal}/editorial")))
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json_of(res).await)
}

/// The office's journal taking manuscripts: an open research-article section edited by the
/// section editor, and a checklist. Returns the section id.
pub async fn open_journal(app: &TestApp, o: &Office) -> i64 {
    let (status, s) = add_section(
        app,
        &o.chief,
        o.journal,
        json!({"code": "ART", "title_zh": "研究论文", "title_en": "Research articles", "open": true, "peer_reviewed": true, "editors": [o.section_editor_id]}),
    )
    .await;
    assert_eq!(status, 201, "{s}");
    let (status, body) = put_setup(
        app,
        &o.chief,
        o.journal,
        json!({"enabled": true, "review_mode": "double_blind", "guidelines_zh": "请使用期刊模板。", "guidelines_en": "Use the journal template.",
               "checklist": [{"zh": "稿件未在他处投稿", "en": "Not under review elsewhere"}], "doi_prefix": "10.12345"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    s["id"].as_i64().unwrap()
}

/// A manuscript's metadata for the API: `email` as first (corresponding) author, section
/// `section`, every one of `ticks` checklist items ticked.
pub fn manuscript_meta(section: i64, email: &str, ticks: usize) -> Value {
    json!({
        "section_id": section, "language": "zh",
        "title_zh": "同行评议的公平性", "title_en": "Fairness in peer review",
        "abstract_zh": "本文研究同行评议。", "abstract_en": "We study peer review.",
        "keywords_zh": "同行评议；公平", "keywords_en": "peer review, fairness",
        "authors": [{"family_zh": "李", "given_zh": "华", "family_en": "Li", "given_en": "Hua", "email": email,
                     "affiliation": "Demo University", "country": "CN", "orcid": "0000-0002-1825-0097", "corresponding": true}],
        "cover_letter": "Please consider our manuscript.",
        "suggested_reviewers": [{"name": "Wang Fang", "email": "wang@example.org", "affiliation": "Elsewhere", "reason": "Works on review"}],
        "opposed_reviewers": [{"name": "Rival", "email": "rival@example.org", "reason": "Competing group"}],
        "checklist": vec![true; ticks],
    })
}

/// The multipart body: `meta` and a two-page PDF (and a Word source when `source`).
pub fn manuscript_form(meta: &Value, source: bool) -> reqwest::multipart::Form {
    use reqwest::multipart::{Form, Part};
    let pdf = xuehui::files::pdf::sample(2, "Fairness in peer review", None);
    let mut form = Form::new()
        .text("metadata", meta.to_string())
        .part("pdf", Part::bytes(pdf).file_name("ms.pdf").mime_str("application/pdf").unwrap());
    if source {
        form = form.part("source", Part::bytes(docx()).file_name("ms.docx"));
    }
    form
}

/// A Word document's first bytes (a ZIP archive) under a `.docx` name is what the check reads.
pub fn docx() -> Vec<u8> {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0u8; 60]);
    b
}

/// Submits through the API with a personal token of `client`: (status, body).
pub async fn submit_manuscript(app: &TestApp, token: &str, journal: i64, form: reqwest::multipart::Form) -> (u16, Value) {
    let res = Client::new()
        .post(app.at(&format!("/api/v1/journals/{journal}/manuscripts")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json_of(res).await)
}

/// The office, an author (li@uni.example) and their manuscript in the ART section, sent to
/// review by the chief: (office, author client, manuscript id).
pub async fn under_review(app: &TestApp) -> (Office, Client, i64) {
    let o = office(app).await;
    let art = open_journal(app, &o).await;
    let (_, author) = crate::support::catalogue::account(app, "li@uni.example").await;
    let token = crate::support::upload::api_token(&author, &app.url).await;
    let (status, m) = submit_manuscript(
        app,
        &token,
        o.journal,
        manuscript_form(&manuscript_meta(art, "li@uni.example", 1), false),
    )
    .await;
    assert_eq!(status, 201, "{m}");
    let id = m["id"].as_i64().unwrap();
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/manuscripts/{id}/desk")))
        .json(&json!({"decision": "send_to_review"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    (o, author, id)
}

/// Invites a reviewer through the API: (status, body).
pub async fn invite_reviewer(app: &TestApp, client: &Client, manuscript: i64, body: Value) -> (u16, Value) {
    let res = client
        .post(app.at(&format!("/api/v1/manuscripts/{manuscript}/reviewers")))
        .json(&body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json_of(res).await)
}

/// The review link's token in the newest mail to `email`.
pub fn review_token(app: &TestApp, email: &str) -> String {
    let (_, body) = app.last_mail_to(email).expect("an invitation mail");
    let link = crate::support::link_in(&body);
    link.rsplit_once("/review/").expect("a review link").1.to_string()
}

/// Another manuscript by `email` (a new account) in the office's first section, sent to
/// review by the chief; returns its id.
pub async fn another_under_review(app: &TestApp, o: &Office, email: &str, title_en: &str) -> i64 {
    let section = editorial(app, &o.chief, o.journal).await["sections"][0]["id"].as_i64().unwrap();
    let (_, author) = crate::support::catalogue::account(app, email).await;
    let token = crate::support::upload::api_token(&author, &app.url).await;
    let mut meta = manuscript_meta(section, email, 1);
    meta["title_en"] = json!(title_en);
    let (status, m) = submit_manuscript(app, &token, o.journal, manuscript_form(&meta, false)).await;
    assert_eq!(status, 201, "{m}");
    let id = m["id"].as_i64().unwrap();
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/manuscripts/{id}/desk")))
        .json(&json!({"decision": "send_to_review"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    id
}

/// The chief accepts the manuscript with the letter the templates write.
pub async fn accept(app: &TestApp, o: &Office, ms: i64) {
    let res = o
        .chief
        .get(app.at(&format!("/api/v1/manuscripts/{ms}/decisions/draft?decision=accept")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let letter = json_of(res).await;
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/manuscripts/{ms}/decisions")))
        .json(&json!({"decision": "accept", "letter": letter}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
}

/// Sends the accepted manuscript to production (as the chief) and adds a `pages`-page PDF
/// galley in English through a personal token of the chief.
pub async fn in_production_with_galley(app: &TestApp, o: &Office, ms: i64, pages: u32) {
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/manuscripts/{ms}/production")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let (status, body) = galley(app, &o.chief, ms, "pdf", "en", pdf_galley(pages)).await;
    assert_eq!(status, 201, "{body}");
}

/// A PDF galley's bytes, `pages` long.
pub fn pdf_galley(pages: u32) -> (Vec<u8>, &'static str) {
    (xuehui::files::pdf::sample(pages, "Fairness in peer review", None), "galley.pdf")
}

/// Adds a galley through the API with a personal token of `client`: (status, body).
pub async fn galley(app: &TestApp, client: &Client, ms: i64, kind: &str, lang: &str, file: (Vec<u8>, &'static str)) -> (u16, Value) {
    use reqwest::multipart::{Form, Part};
    let token = crate::support::upload::api_token(client, &app.url).await;
    let form = Form::new()
        .text("kind", kind.to_string())
        .text("lang", lang.to_string())
        .part("file", Part::bytes(file.0).file_name(file.1));
    let res = Client::new()
        .post(app.at(&format!("/api/v1/manuscripts/{ms}/galleys")))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// A manuscript accepted, produced with a 4-page PDF galley, placed in volume 3, number 2
/// (2027) numbered from page 101, and published by the chief: (office, author, manuscript,
/// issue id).
pub async fn published(app: &TestApp) -> (Office, Client, i64, i64) {
    let (o, author, ms) = under_review(app).await;
    accept(app, &o, ms).await;
    in_production_with_galley(app, &o, ms, 4).await;
    let issue = publish_alone(app, &o, ms, 2).await;
    (o, author, ms, issue)
}

/// Places the produced manuscript `ms` alone in a new issue (volume 3, `number`), numbers it
/// from page 101 and publishes the issue, as the chief; the issue's id.
pub async fn publish_alone(app: &TestApp, o: &Office, ms: i64, number: i32) -> i64 {
    let issue = new_issue(
        app,
        &o.chief,
        o.journal,
        json!({"volume": 3, "number": number, "year": 2027, "title_en": "Special issue"}),
    )
    .await;
    let m = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{ms}"))).send().await.unwrap()).await;
    let article = m["article"]["id"].as_i64().unwrap();
    for (path, body) in [
        (format!("/api/v1/issues/{issue}/articles"), json!({"article_id": article})),
        (
            format!("/api/v1/issues/{issue}/numbering"),
            json!({"mode": "pages", "first_page": 101}),
        ),
    ] {
        let res = o.chief.post(app.at(&path)).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
    }
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/issues/{issue}/publish")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    issue
}

/// The journal's URL name, as anyone reads it from the register.
pub async fn slug_of(app: &TestApp, journal: i64) -> String {
    let res = app
        .client()
        .get(app.at(&format!("/api/v1/journals/{journal}")))
        .send()
        .await
        .unwrap();
    json_of(res).await["slug"].as_str().unwrap().to_string()
}

/// The article made from manuscript `ms` and its DOI, as `client` (its author or an editor)
/// reads them.
pub async fn article_of(app: &TestApp, client: &Client, ms: i64) -> (i64, String) {
    let m = json_of(client.get(app.at(&format!("/api/v1/manuscripts/{ms}"))).send().await.unwrap()).await;
    let doi = m["article"]["doi"].as_str().unwrap_or_default().to_string();
    (m["article"]["id"].as_i64().expect("an article"), doi)
}

/// A new issue of `journal` (created by `client` with `body`); its id.
pub async fn new_issue(app: &TestApp, client: &Client, journal: i64, body: Value) -> i64 {
    let res = client
        .post(app.at(&format!("/api/v1/journals/{journal}/issues")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    json_of(res).await["id"].as_i64().unwrap()
}

/// Ada reviews the manuscript's current round through her link: comments to the authors and,
/// for the editor only, a remark the authors must never read.
pub async fn reviewed(app: &TestApp, o: &Office, ms: i64, email: &str, to_authors: &str) -> String {
    let (s, _) = invite_reviewer(app, &o.chief, ms, json!({"email": email, "name": "Ada Reviewer"})).await;
    assert_eq!(s, 201);
    let token = review_token(app, email);
    let anon = app.client();
    let (s, _) = send_json(anon.post(app.at(&format!("/api/v1/review-invitations/{token}/accept")))).await;
    assert_eq!(s, 200);
    let answers = json!({"overall": 3, "confidence": 4, "to_authors": to_authors, "to_editor": "EDITOR-ONLY remark"});
    let (s, v) = send_json(
        anon.put(app.at(&format!("/api/v1/review-invitations/{token}/review")))
            .json(&json!({"answers": answers, "recommendation": "major_revision", "submit": true})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    token
}

/// Sends a request: its status and JSON body (`null` when it has none).
pub async fn send_json(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}
