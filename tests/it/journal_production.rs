//! Copyediting, production, issues and publication: an accepted manuscript becomes an article
//! whose metadata the office corrects, whose copyedit and proofs the authors check, which gets
//! galleys, a place in an issue with pages and a DOI, and is published with its issue, once.

use serde_json::{Value, json};

use crate::support::journal::{Office, accept, another_under_review, galley, in_production_with_galley, pdf_galley, slug_of, under_review};
use crate::support::{TestApp, page_text};

/// The Chinese text of `validation.number_invalid`.
const ZH_WHOLE: &str = "请填写整数。";

async fn send(req: reqwest::RequestBuilder) -> (u16, Value) {
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn manuscript(app: &TestApp, c: &reqwest::Client, ms: i64) -> Value {
    let (s, m) = send(c.get(app.at(&format!("/api/v1/manuscripts/{ms}")))).await;
    assert_eq!(s, 200, "{m}");
    m
}

async fn new_issue(app: &TestApp, c: &reqwest::Client, journal: i64, volume: i32, number: i32) -> (u16, Value) {
    send(
        c.post(app.at(&format!("/api/v1/journals/{journal}/issues")))
            .json(&json!({"volume": volume, "number": number, "year": 2027})),
    )
    .await
}

async fn schedule(app: &TestApp, c: &reqwest::Client, issue: i64, article: i64) -> (u16, Value) {
    send(
        c.post(app.at(&format!("/api/v1/issues/{issue}/articles")))
            .json(&json!({"article_id": article})),
    )
    .await
}

fn article_id(m: &Value) -> i64 {
    m["article"]["id"].as_i64().expect("an article")
}

fn multipart_file(part: &str, bytes: Vec<u8>, name: &'static str) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part(part.to_string(), reqwest::multipart::Part::bytes(bytes).file_name(name))
}

async fn with_token(app: &TestApp, c: &reqwest::Client) -> (reqwest::Client, String) {
    (reqwest::Client::new(), crate::support::upload::api_token(c, &app.url).await)
}

#[actix_web::test]
async fn an_accepted_manuscript_is_copyedited_produced_placed_in_an_issue_and_published_once() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    accept(&app, &o, ms).await;

    // The article is made at acceptance from the manuscript's metadata and authors.
    let m = manuscript(&app, &author, ms).await;
    assert_eq!(m["stage"], "copyediting");
    let a = &m["article"];
    assert_eq!(a["title_en"], "Fairness in peer review");
    assert_eq!(a["authors"][0]["family_en"], "Li");
    assert!(a["authors"][0].get("email").is_none(), "no addresses in the article: {a}");
    assert_eq!(a["accepted_on"], chrono::Utc::now().date_naive().to_string());
    assert!(a["doi"].is_null() && a["issue"].is_null());

    // The assistant corrects the metadata; DOIs in references are found.
    let (s, a) = send(o.assistant.put(app.at(&format!("/api/v1/manuscripts/{ms}/article"))).json(&json!({
        "title_zh": "同行评议的公平性研究", "title_en": "Fairness in Peer Review",
        "abstract_zh": "本文研究同行评议。", "abstract_en": "We study peer review.",
        "keywords_zh": "同行评议, 公平", "keywords_en": "peer review, fairness",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "references": ["Smith J. Review. Nature. 2020. doi:10.1038/abc123.", "  ", "王伟. 评议[J]. 2021."]
    })))
    .await;
    assert_eq!(s, 200, "{a}");
    assert_eq!(a["title_en"], "Fairness in Peer Review");
    assert_eq!(a["references"].as_array().unwrap().len(), 2);
    assert_eq!(a["references"][0]["doi"], "10.1038/abc123");
    assert!(a["references"][1].get("doi").is_none());
    // The reviewed manuscript keeps its title.
    assert_eq!(manuscript(&app, &o.chief, ms).await["title_en"], "Fairness in peer review");

    // The copyedited text goes to the authors, who approve it.
    let (c, token) = with_token(&app, &o.assistant).await;
    let (s, v) = send(
        c.post(app.at(&format!("/api/v1/manuscripts/{ms}/copyedited")))
            .bearer_auth(&token)
            .multipart(multipart_file("file", b"plain text".to_vec(), "x.txt")),
    )
    .await;
    assert_eq!(
        (s, v["fields"]["file"].as_str()),
        (422, Some("The copyedited text must be a Word document (.docx) or a PDF.")),
        "{v}"
    );
    let (s, v) = send(
        c.post(app.at(&format!("/api/v1/manuscripts/{ms}/copyedited")))
            .bearer_auth(&token)
            .multipart(multipart_file("file", crate::support::journal::docx(), "copyedited.docx")),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert!(v["files"].as_array().unwrap().iter().any(|f| f["kind"] == "copyedited"));
    let (subject, _) = app.last_mail_to("li@uni.example").unwrap();
    assert!(subject.contains("编辑加工稿"), "{subject}");
    let (s, v) = send(
        author
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/proofs")))
            .json(&json!({"approved": false})),
    )
    .await;
    assert_eq!((s, v["fields"]["note"].as_str()), (422, Some("Write the corrections.")));
    let (s, _) = send(
        author
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/proofs")))
            .json(&json!({"approved": true})),
    )
    .await;
    assert_eq!(s, 200);
    let history: Vec<String> = manuscript(&app, &o.chief, ms).await["editorial"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap().to_string())
        .collect();
    assert!(history.contains(&"copyedit_approved".to_string()), "{history:?}");

    // Production: a PDF galley and an HTML one; the authors are asked for proofs once.
    let before = app.mails_to("li@uni.example").len();
    in_production_with_galley(&app, &o, ms, 4).await;
    let (s, v) = galley(&app, &o.assistant, ms, "html", "zh", (b"just text".to_vec(), "a.html")).await;
    assert_eq!((s, v["fields"]["file"].is_string()), (422, true), "{v}");
    let (s, v) = galley(
        &app,
        &o.assistant,
        ms,
        "html",
        "zh",
        (
            b"<!DOCTYPE html><html><body><script>alert(1)</script><p>\xe5\x85\xa8\xe6\x96\x87</p></body></html>".to_vec(),
            "a.html",
        ),
    )
    .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["galleys"].as_array().unwrap().len(), 2);
    assert_eq!(app.mails_to("li@uni.example").len(), before + 1, "one proofs mail");
    let html = v["galleys"].as_array().unwrap().iter().find(|g| g["kind"] == "html").unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    let res = author.get(app.at(&html)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.starts_with("sandbox;") && csp.contains("script-src 'none'"), "{csp}");
    let (s, _) = send(
        author
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/proofs")))
            .json(&json!({"approved": false, "note": "Fix Table 2."})),
    )
    .await;
    assert_eq!(s, 200);

    // An issue: placing the article gives it its place and DOI; numbering gives pages.
    let (s, issue) = new_issue(&app, &o.assistant, o.journal, 3, 2).await;
    assert_eq!(s, 201, "{issue}");
    let issue_id = issue["id"].as_i64().unwrap();
    assert_eq!(issue["ready"][0]["article_id"], article_id(&m));
    let (s, v) = schedule(&app, &o.assistant, issue_id, article_id(&m)).await;
    assert_eq!(s, 200, "{v}");
    let slug = slug_of(&app, o.journal).await;
    let doi = format!("10.12345/{slug}.2027.3.2.001");
    assert_eq!(v["sections"][0]["articles"][0]["doi"], doi.as_str(), "{v}");
    assert_eq!(v["sections"][0]["title_en"], "Research articles");
    assert_eq!(manuscript(&app, &author, ms).await["stage"], "scheduled");
    let (s, v) = send(
        o.assistant
            .post(app.at(&format!("/api/v1/issues/{issue_id}/numbering")))
            .json(&json!({"mode": "pages", "first_page": 101})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["sections"][0]["articles"][0]["pages"], "101-104");

    // Only the chief and managing editors publish; publishing twice mails nobody twice.
    let (s, _) = send(o.assistant.post(app.at(&format!("/api/v1/issues/{issue_id}/publish")))).await;
    assert_eq!(s, 403);
    let (s, v) = send(o.chief.post(app.at(&format!("/api/v1/issues/{issue_id}/publish")))).await;
    assert_eq!(s, 201, "{v}");
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(v["published_on"], today.as_str());
    let mails = app.mails_to("li@uni.example").len();
    let (s, _) = send(o.chief.post(app.at(&format!("/api/v1/issues/{issue_id}/publish")))).await;
    assert_eq!(s, 200);
    assert_eq!(app.mails_to("li@uni.example").len(), mails);
    let (_, body) = app.last_mail_to("li@uni.example").unwrap();
    assert!(body.contains(&format!("https://doi.org/{doi}")), "{body}");
    let m = manuscript(&app, &author, ms).await;
    assert_eq!(m["stage"], "published");
    assert_eq!(m["article"]["published_on"], today.as_str());
    assert_eq!(m["article"]["first_page"], "101");

    // A published issue is fixed.
    let (s, v) = send(
        o.chief
            .post(app.at(&format!("/api/v1/issues/{issue_id}/articles/{}/remove", article_id(&m)))),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (409, Some("conflict")), "{v}");
    let (s, _) = send(
        o.chief
            .put(app.at(&format!("/api/v1/issues/{issue_id}")))
            .json(&json!({"volume": 4, "number": 2, "year": 2027})),
    )
    .await;
    assert_eq!(s, 409);
    let (s, v) = send(
        o.chief
            .put(app.at(&format!("/api/v1/issues/{issue_id}")))
            .json(&json!({"volume": 3, "number": 2, "year": 2027, "title_en": "Special issue on review"})),
    )
    .await;
    assert_eq!(
        (s, v["title_en"].as_str()),
        (200, Some("Special issue on review")),
        "titles may still be corrected"
    );
    let (s, _) = galley(&app, &o.chief, ms, "pdf", "zh", pdf_galley(2)).await;
    assert_eq!(s, 409);
    let (s, _) = send(
        o.chief
            .put(app.at(&format!("/api/v1/manuscripts/{ms}/article/pages")))
            .json(&json!({"first_page": "1"})),
    )
    .await;
    assert_eq!(s, 409);
}

/// Two accepted articles in production in the office's journal: (office, [first, second]
/// manuscript ids).
async fn two_in_production(app: &TestApp) -> (Office, [i64; 2]) {
    let (o, _, first) = under_review(app).await;
    let second = another_under_review(app, &o, "wang@uni.example", "Second article").await;
    for ms in [first, second] {
        accept(app, &o, ms).await;
    }
    in_production_with_galley(app, &o, first, 3).await;
    let res = o
        .chief
        .post(app.at(&format!("/api/v1/manuscripts/{second}/production")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    (o, [first, second])
}

#[actix_web::test]
async fn an_issues_order_numbers_and_dois_follow_the_table_of_contents_until_it_is_published() {
    let app = TestApp::new().await;
    let (o, [first, second]) = two_in_production(&app).await;
    let a1 = article_id(&manuscript(&app, &o.chief, first).await);
    let a2 = article_id(&manuscript(&app, &o.chief, second).await);

    // Volume and number are unique in the journal and checked.
    let (s, issue) = new_issue(&app, &o.managing, o.journal, 1, 1).await;
    assert_eq!(s, 201);
    let id = issue["id"].as_i64().unwrap();
    let (s, v) = new_issue(&app, &o.managing, o.journal, 1, 1).await;
    assert_eq!(
        (s, v["fields"]["number"].as_str()),
        (422, Some("The journal already has an issue with this volume and number."))
    );
    let (s, v) = send(
        o.managing
            .post(app.at(&format!("/api/v1/journals/{}/issues", o.journal)))
            .json(&json!({"volume": 0, "number": 1, "year": 27})),
    )
    .await;
    assert_eq!(s, 422);
    assert!(v["fields"]["volume"].is_string() && v["fields"]["year"].is_string(), "{v}");
    let (s, v) = send(o.managing.post(app.at(&format!("/api/v1/issues/{id}/publish")))).await;
    assert_eq!((s, v["message"].as_str()), (409, Some("The issue has no articles yet.")));

    for a in [a1, a2] {
        let (s, v) = schedule(&app, &o.managing, id, a).await;
        assert_eq!(s, 200, "{v}");
    }
    let (s, v) = schedule(&app, &o.managing, id, a1).await;
    assert_eq!(s, 409, "placed twice: {v}");
    let dois = |v: &Value| -> Vec<(i64, String)> {
        v["sections"][0]["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["article_id"].as_i64().unwrap(),
                    e["doi"].as_str().unwrap().rsplit('.').next().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (_, v) = send(o.managing.get(app.at(&format!("/api/v1/issues/{id}")))).await;
    assert_eq!(dois(&v), vec![(a1, "001".into()), (a2, "002".into())]);
    // Moving the second up swaps places and DOIs.
    let (s, v) = send(
        o.managing
            .post(app.at(&format!("/api/v1/issues/{id}/articles/{a2}/move")))
            .json(&json!({"direction": "up"})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(dois(&v), vec![(a2, "001".into()), (a1, "002".into())]);
    let (s, _) = send(
        o.managing
            .post(app.at(&format!("/api/v1/issues/{id}/articles/{a2}/move")))
            .json(&json!({"direction": "sideways"})),
    )
    .await;
    assert_eq!(s, 422);

    // Pages need a PDF galley for every article; article numbers do not.
    let (s, v) = send(
        o.managing
            .post(app.at(&format!("/api/v1/issues/{id}/numbering")))
            .json(&json!({"mode": "pages"})),
    )
    .await;
    assert_eq!(
        (s, v["message"].as_str()),
        (409, Some("Every article needs a PDF galley to be numbered by pages."))
    );
    let (s, v) = send(
        o.managing
            .post(app.at(&format!("/api/v1/issues/{id}/numbering")))
            .json(&json!({"mode": "article_numbers"})),
    )
    .await;
    assert_eq!(s, 200);
    let numbers: Vec<&str> = v["sections"][0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["pages"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, vec!["010001", "010002"]);
    assert_eq!(v["blocker"], "galleys_missing");
    let (s, v) = send(o.managing.post(app.at(&format!("/api/v1/issues/{id}/publish")))).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (409, Some("Every article needs a galley before the issue is published."))
    );

    // Taking one out sends it back to production without place, number or DOI.
    let (s, v) = send(o.managing.post(app.at(&format!("/api/v1/issues/{id}/articles/{a2}/remove")))).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(dois(&v), vec![(a1, "001".into())]);
    assert_eq!(v["ready"][0]["article_id"], a2);
    let m = manuscript(&app, &o.chief, second).await;
    assert_eq!(m["stage"], "production");
    assert!(m["article"]["doi"].is_null() && m["article"]["article_number"] == "");
    let (s, _) = send(o.managing.delete(app.at(&format!("/api/v1/issues/{id}")))).await;
    assert_eq!(s, 409, "an issue with articles is not deleted");
    let (s, v) = send(o.managing.post(app.at(&format!("/api/v1/issues/{id}/publish")))).await;
    assert_eq!(s, 201, "{v}");
    let (s, list) = send(o.assistant.get(app.at(&format!("/api/v1/journals/{}/issues", o.journal)))).await;
    assert_eq!(s, 200);
    assert_eq!(list[0]["articles"], 1);
    // A new empty issue can be deleted.
    let (_, spare) = new_issue(&app, &o.managing, o.journal, 1, 2).await;
    let (s, _) = send(o.managing.delete(app.at(&format!("/api/v1/issues/{}", spare["id"])))).await;
    assert_eq!(s, 204);
}

#[actix_web::test]
async fn only_the_office_produces_only_the_authors_check_proofs_and_other_journals_see_nothing() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    accept(&app, &o, ms).await;
    let (_, issue) = new_issue(&app, &o.chief, o.journal, 1, 1).await;
    let issue_id = issue["id"].as_i64().unwrap();
    let meta = json!({"title_en": "Hijacked", "abstract_en": "x"});
    // Strangers, the other journal's chief and the board know nothing of it.
    for c in [&o.stranger, &o.other_chief, &o.board] {
        let (s, _) = send(c.put(app.at(&format!("/api/v1/manuscripts/{ms}/article"))).json(&meta)).await;
        assert_eq!(s, 404);
        let (s, _) = send(c.get(app.at(&format!("/api/v1/issues/{issue_id}")))).await;
        assert_eq!(s, 404);
        let (s, _) = send(c.get(app.at(&format!("/api/v1/journals/{}/issues", o.journal)))).await;
        assert_eq!(s, 404);
        let (s, _) = send(c.get(app.at(&format!("/journals/{}/issues/{issue_id}", o.journal)))).await;
        assert_eq!(s, 404);
    }
    // The issue is not reachable under the other journal's address either.
    let (s, _) = send(
        o.other_chief
            .get(app.at(&format!("/journals/{}/issues/{issue_id}", o.other_journal))),
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = send(o.chief.get(app.at(&format!("/journals/{}/issues/{issue_id}", o.other_journal)))).await;
    assert_eq!(s, 404);
    // A section editor handles manuscripts but does not make issues.
    let (s, _) = send(o.section.get(app.at(&format!("/api/v1/journals/{}/issues", o.journal)))).await;
    assert_eq!(s, 403);
    let (s, v) = send(
        o.section
            .put(app.at(&format!("/api/v1/manuscripts/{ms}/article")))
            .json(&json!({"title_en": "", "abstract_en": ""})),
    )
    .await;
    assert_eq!(
        (s, v["fields"]["title_en"].as_str()),
        (422, Some("This field is required.")),
        "the section editor may correct metadata, checked"
    );
    // The authors cannot edit their article or add galleys; editors cannot answer for them.
    let (s, _) = send(author.put(app.at(&format!("/api/v1/manuscripts/{ms}/article"))).json(&meta)).await;
    assert_eq!(s, 404);
    let (s, _) = send(author.post(app.at(&format!("/api/v1/manuscripts/{ms}/production")))).await;
    assert_eq!(s, 404);
    let (s, _) = galley(&app, &author, ms, "pdf", "en", pdf_galley(1)).await;
    assert_eq!(s, 404);
    let (s, _) = send(
        o.chief
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/proofs")))
            .json(&json!({"approved": true})),
    )
    .await;
    assert_eq!(s, 404);
    // Nothing to check before the copyedited text is there.
    let (s, v) = send(
        author
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/proofs")))
            .json(&json!({"approved": true})),
    )
    .await;
    assert_eq!((s, v["message"].as_str()), (409, Some("There is nothing to check yet.")));
    // The other journal's chief cannot place this journal's article in their own issue.
    let (_, theirs) = new_issue(&app, &o.other_chief, o.other_journal, 1, 1).await;
    let a = article_id(&manuscript(&app, &author, ms).await);
    let (s, v) = schedule(&app, &o.other_chief, theirs["id"].as_i64().unwrap(), a).await;
    assert_eq!(s, 422, "{v}");
    // Galleys are read only by the manuscript's readers.
    in_production_with_galley(&app, &o, ms, 1).await;
    let url = manuscript(&app, &author, ms).await["article"]["galleys"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(author.get(app.at(&url)).send().await.unwrap().status(), 200);
    for c in [&o.stranger, &o.other_chief] {
        assert_eq!(c.get(app.at(&url)).send().await.unwrap().status(), 404);
    }
}

#[actix_web::test]
async fn the_issue_and_production_pages_work_with_plain_forms_in_both_languages() {
    let app = TestApp::new().await;
    let (o, _author, ms) = under_review(&app).await;
    accept(&app, &o, ms).await;
    let web = app.client();
    app.page_login(&web, "chief@j.example", crate::support::PASSWORD).await;
    let page = format!("/manuscripts/{ms}");
    let csrf = crate::support::csrf_of(&web, &app.at(&page)).await;
    assert!(page_text(&app, &web, &page, "zh-CN").await.contains("编辑加工与排版生产"));
    assert!(page_text(&app, &web, &page, "en").await.contains("Copyediting and production"));
    // References typed one per line; a bad licence address is shown beside the field.
    let res = web
        .post(app.at(&format!("/manuscripts/{ms}/article")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title_en", "Fairness in Peer Review"),
            ("abstract_en", "We study peer review."),
            ("licence_url", "javascript:alert(1)"),
            ("references", "First ref. doi:10.1000/one\nSecond ref."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("First ref. doi:10.1000&#x2F;one\nSecond ref."),
        "what was typed is kept: {html}"
    );
    let res = web
        .post(app.at(&format!("/manuscripts/{ms}/article")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("title_en", "Fairness in Peer Review"),
            ("abstract_en", "We study peer review."),
            ("references", "First ref. doi:10.1000/one\r\nSecond ref.\r\n"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let a = manuscript(&app, &o.chief, ms).await["article"].clone();
    assert_eq!(a["references"].as_array().unwrap().len(), 2);
    assert_eq!(a["references"][0]["doi"], "10.1000/one");
    let res = web
        .post(app.at(&format!("/manuscripts/{ms}/production")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // Galley through the page's multipart form.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.clone())
        .text("kind", "pdf")
        .text("lang", "en")
        .part("file", reqwest::multipart::Part::bytes(pdf_galley(2).0).file_name("g.pdf"));
    let res = web
        .post(app.at(&format!("/manuscripts/{ms}/galleys")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    // The issue pages: a bad number is explained, a good issue is made, the article placed,
    // numbered and published.
    let issues = format!("/journals/{}/issues", o.journal);
    let res = web
        .post(app.at(&issues))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("volume", "x"), ("number", "1"), ("year", "2027")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter a whole number.") || html.contains(ZH_WHOLE), "{html}");
    let res = web
        .post(app.at(&issues))
        .form(&[("csrf", csrf.as_str()), ("volume", "5"), ("number", "1"), ("year", "2027")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let issue_page = res.headers()["location"].to_str().unwrap().to_string();
    let text = page_text(&app, &web, &issue_page, "en").await;
    assert!(text.contains("Fairness in Peer Review"), "ready to place: {text}");
    let a = article_id(&manuscript(&app, &o.chief, ms).await);
    for (path, form) in [
        (format!("{issue_page}/articles"), vec![("article_id", a.to_string())]),
        (
            format!("{issue_page}/numbering"),
            vec![("mode", "pages".to_string()), ("first_page", "7".to_string())],
        ),
        (format!("{issue_page}/publish"), vec![]),
    ] {
        let mut f = vec![("csrf", csrf.clone())];
        f.extend(form);
        let res = web.post(app.at(&path)).form(&f).send().await.unwrap();
        assert_eq!(res.status(), 303, "{path}: {}", res.text().await.unwrap());
    }
    let m = manuscript(&app, &o.chief, ms).await;
    assert_eq!(m["stage"], "published");
    assert_eq!(
        (m["article"]["first_page"].as_str(), m["article"]["last_page"].as_str()),
        (Some("7"), Some("8"))
    );
    for lang in ["en", "zh-CN"] {
        let text = page_text(&app, &web, &issue_page, lang).await;
        assert!(text.contains("7-8") && !text.contains("publish-issue"), "{text}");
    }
}
