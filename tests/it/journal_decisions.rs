//! Decisions after review and revisions: the editor edits the letter the templates write (with
//! the reviews as authors may read them) and sends it; recommend-only section editors propose
//! and a chief approves or refuses; the authors' revision opens the next round, whose
//! reviewers read the earlier reviews.

use serde_json::{Value, json};

use crate::support::journal::{invite_reviewer, review_token, reviewed, send_json as send, under_review};
use crate::support::{TestApp, json_of, page_text};

async fn draft(app: &TestApp, c: &reqwest::Client, ms: i64, decision: &str) -> (u16, Value) {
    send(c.get(app.at(&format!("/api/v1/manuscripts/{ms}/decisions/draft?decision={decision}")))).await
}

async fn decide(app: &TestApp, c: &reqwest::Client, ms: i64, decision: &str, letter: &Value) -> (u16, Value) {
    send(
        c.post(app.at(&format!("/api/v1/manuscripts/{ms}/decisions")))
            .json(&json!({"decision": decision, "letter": letter})),
    )
    .await
}

async fn stage(app: &TestApp, c: &reqwest::Client, ms: i64) -> (String, i64) {
    let m = json_of(c.get(app.at(&format!("/api/v1/manuscripts/{ms}"))).send().await.unwrap()).await;
    (m["stage"].as_str().unwrap().to_string(), m["round"].as_i64().unwrap())
}

fn revision(response: &str) -> reqwest::multipart::Form {
    use reqwest::multipart::{Form, Part};
    let pdf = xuehui::files::pdf::sample(3, "Fairness in peer review, revised", None);
    Form::new().text("response", response.to_string()).part(
        "pdf",
        Part::bytes(pdf).file_name("revised.pdf").mime_str("application/pdf").unwrap(),
    )
}

#[actix_web::test]
async fn the_editor_sends_an_edited_letter_and_the_authors_read_the_reviews_without_names() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    reviewed(&app, &o, ms, "ada@review.example", "Please add a control group.").await;
    let (s, letter) = draft(&app, &o.chief, ms, "major_revision").await;
    assert_eq!(s, 200, "{letter}");
    for lang in ["zh", "en"] {
        let body = letter[format!("body_{lang}")].as_str().unwrap();
        assert!(body.contains("Please add a control group."), "{body}");
        assert!(!body.contains("EDITOR-ONLY") && !body.contains("Ada Reviewer"), "{body}");
    }
    assert!(letter["body_en"].as_str().unwrap().contains("Reviewer A"));
    assert!(letter["body_zh"].as_str().unwrap().contains("审稿人 A"));
    // The editor adds a line of their own in both languages.
    let mut edited = letter.clone();
    for lang in ["zh", "en"] {
        let k = format!("body_{lang}");
        edited[&k] = json!(format!("{}\n\nEDITED: please answer within 60 days.", edited[&k].as_str().unwrap()));
    }
    let (s, d) = decide(&app, &o.chief, ms, "major_revision", &edited).await;
    assert_eq!(s, 201, "{d}");
    assert_eq!(
        (d["status"].as_str(), d["decision"].as_str()),
        (Some("final"), Some("major_revision"))
    );
    assert_eq!(stage(&app, &o.chief, ms).await, ("revision".into(), 1));
    let (_, body) = app.last_mail_to("li@uni.example").expect("the letter");
    assert!(
        body.contains("EDITED: please answer within 60 days."),
        "the edited text is what went: {body}"
    );
    // The authors read the decision and the reviews, under letters, without the editor-only part.
    let m = json_of(author.get(app.at(&format!("/api/v1/manuscripts/{ms}"))).send().await.unwrap()).await;
    let dp = &m["decisions"];
    assert_eq!(dp["decisions"][0]["status"], "final");
    assert!(dp["decisions"][0]["decided_by"].is_null());
    assert_eq!(dp["reviews"][0]["label"], "A");
    assert_eq!(dp["reviews"][0]["answers"]["to_authors"], "Please add a control group.");
    let text = m.to_string();
    for secret in ["EDITOR-ONLY", "Ada Reviewer", "ada@review.example"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let html = page_text(&app, &author, &format!("/manuscripts/{ms}"), "en").await;
    assert!(
        html.contains("Please add a control group.") && html.contains("revise-form"),
        "{html}"
    );
    assert!(!html.contains("EDITOR-ONLY"));
    // Nothing more to decide until the revision comes.
    assert_eq!(decide(&app, &o.chief, ms, "accept", &letter).await.0, 409);
}

#[actix_web::test]
async fn a_revision_opens_the_next_round_whose_reviewers_read_the_earlier_reviews() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    let first = reviewed(&app, &o, ms, "ada@review.example", "Round one: add a control group.").await;
    let (_, letter) = draft(&app, &o.chief, ms, "major_revision").await;
    assert_eq!(decide(&app, &o.chief, ms, "major_revision", &letter).await.0, 201);
    let token = crate::support::upload::api_token(&author, &app.url).await;
    let post = |form| {
        reqwest::Client::new()
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/revisions")))
            .bearer_auth(&token)
            .multipart(form)
    };
    // A response to the reviews is needed; strangers cannot send one.
    let (s, e) = send(post(revision(""))).await;
    assert_eq!(s, 422, "{e}");
    assert!(e["fields"]["response"].is_string());
    let stranger = crate::support::upload::api_token(&o.stranger, &app.url).await;
    let res = reqwest::Client::new()
        .post(app.at(&format!("/api/v1/manuscripts/{ms}/revisions")))
        .bearer_auth(&stranger)
        .multipart(revision("Hi"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let (s, m) = send(post(revision("We added a control group (section 4)."))).await;
    assert_eq!(s, 201, "{m}");
    assert_eq!((m["stage"].as_str(), m["round"].as_i64()), (Some("review"), Some(2)));
    assert_eq!(m["decisions"]["revisions"][0]["response"], "We added a control group (section 4).");
    let (subject, _) = app.last_mail_to("chief@j.example").unwrap();
    assert!(subject.contains("round 2") || subject.contains("第 2 轮"), "{subject}");
    assert_eq!(send(post(revision("again"))).await.0, 409, "one revision per request");
    // Round one's reviewer can no longer review or read the manuscript.
    let anon = app.client();
    let (_, v) = send(anon.get(app.at(&format!("/api/v1/review-invitations/{first}")))).await;
    assert_eq!(
        (v["can_review"].as_bool(), v["manuscript_pdf"].is_null()),
        (Some(false), true),
        "{v}"
    );
    // Round two's reviewer reads round one's review as the authors got it.
    let (s, inv) = invite_reviewer(&app, &o.chief, ms, json!({"email": "bob@review.example", "name": "Bob Second"})).await;
    assert_eq!((s, inv["round"].as_i64()), (201, Some(2)), "{inv}");
    let second = review_token(&app, "bob@review.example");
    let (s, v) = send(anon.post(app.at(&format!("/api/v1/review-invitations/{second}/accept")))).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["earlier"][0]["round"], 1);
    assert_eq!(v["earlier"][0]["answers"]["to_authors"], "Round one: add a control group.");
    let text = v.to_string();
    assert!(!text.contains("EDITOR-ONLY") && !text.contains("Ada Reviewer"), "{text}");
    // The editor accepts without waiting for round two's review.
    let (_, letter) = draft(&app, &o.chief, ms, "accept").await;
    assert_eq!(decide(&app, &o.chief, ms, "accept", &letter).await.0, 201);
    assert_eq!(stage(&app, &o.chief, ms).await, ("copyediting".into(), 2));
}

#[actix_web::test]
async fn a_recommend_only_section_editor_proposes_and_the_chief_approves_or_refuses() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    reviewed(&app, &o, ms, "ada@review.example", "Sound work.").await;
    let (s, letter) = draft(&app, &o.section, ms, "minor_revision").await;
    assert_eq!(s, 200, "{letter}");
    let resolve = |c: &reqwest::Client, d: i64, body: Value| {
        c.post(app.at(&format!("/api/v1/manuscripts/{ms}/decisions/{d}/resolve")))
            .json(&body)
    };
    // A proposal: nothing moves, the chief is asked.
    let (s, p) = decide(&app, &o.section, ms, "minor_revision", &letter).await;
    assert_eq!((s, p["status"].as_str()), (201, Some("proposed")), "{p}");
    assert_eq!(stage(&app, &o.chief, ms).await.0, "review");
    let (subject, _) = app.last_mail_to("chief@j.example").unwrap();
    assert!(subject.contains("approve") || subject.contains("批准"), "{subject}");
    assert!(
        app.mails_to("li@uni.example")
            .iter()
            .all(|(s, _)| !s.contains("小修") && !s.contains("minor"))
    );
    let (s, e) = decide(&app, &o.chief, ms, "accept", &letter).await;
    assert_eq!((s, e["error"].as_str()), (409, Some("conflict")), "one proposal at a time");
    let pid = p["id"].as_i64().unwrap();
    assert_eq!(
        send(resolve(&o.section, pid, json!({"action": "approve"}))).await.0,
        403,
        "not their own"
    );
    assert_eq!(send(resolve(&o.assistant, pid, json!({"action": "approve"}))).await.0, 404);
    // Refused, with a reason for the section editor.
    let (s, r) = send(resolve(
        &o.chief,
        pid,
        json!({"action": "refuse", "note": "Ask for a second review first."}),
    ))
    .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("refused")), "{r}");
    let (_, body) = app.last_mail_to("section@j.example").unwrap();
    assert!(body.contains("Ask for a second review first."), "{body}");
    assert_eq!(send(resolve(&o.chief, pid, json!({"action": "approve"}))).await.0, 409);
    // Proposed again, approved with the chief's edit: it takes effect and the edit is sent.
    let (_, p) = decide(&app, &o.section, ms, "minor_revision", &letter).await;
    let mut edited = letter.clone();
    edited["body_zh"] = json!("主编修改后的信。");
    edited["body_en"] = json!("The chief's edited letter.");
    let (s, r) = send(resolve(
        &o.chief,
        p["id"].as_i64().unwrap(),
        json!({"action": "approve", "letter": edited}),
    ))
    .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("final")), "{r}");
    assert_eq!(stage(&app, &o.chief, ms).await.0, "revision");
    let (_, body) = app.last_mail_to("li@uni.example").unwrap();
    assert_eq!(body, "主编修改后的信。");
    let (_, body) = app.last_mail_to("section@j.example").unwrap();
    assert!(body.contains("approved") || body.contains("批准"), "{body}");
}

#[actix_web::test]
async fn only_the_editors_of_the_manuscript_decide_and_bad_decisions_are_refused_clearly() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    let (_, letter) = draft(&app, &o.chief, ms, "decline").await;
    for (who, c) in [
        ("author", &author),
        ("assistant", &o.assistant),
        ("stranger", &o.stranger),
        ("other chief", &o.other_chief),
        ("board", &o.board),
    ] {
        assert_eq!(draft(&app, c, ms, "decline").await.0, 404, "{who}");
        assert_eq!(decide(&app, c, ms, "decline", &letter).await.0, 404, "{who}");
    }
    let (s, e) = draft(&app, &o.chief, ms, "maybe").await;
    assert_eq!(s, 422, "{e}");
    let (s, e) = decide(
        &app,
        &o.chief,
        ms,
        "decline",
        &json!({"subject_zh": "", "body_zh": "", "subject_en": "x", "body_en": ""}),
    )
    .await;
    assert_eq!(s, 422, "{e}");
    for f in ["subject_zh", "body_zh", "body_en"] {
        assert!(e["fields"][f].is_string(), "{f}: {e}");
    }
    let (s, _) = send(
        o.chief
            .post(app.at(&format!("/api/v1/manuscripts/{ms}/decisions")))
            .json(&json!({"decision": "decline", "letter": letter, "extra": true})),
    )
    .await;
    assert_eq!(s, 400);
    // Declined: the authors hear, and the manuscript is closed.
    assert_eq!(decide(&app, &o.chief, ms, "decline", &letter).await.0, 201);
    assert_eq!(stage(&app, &o.chief, ms).await.0, "declined");
    assert_eq!(draft(&app, &o.chief, ms, "accept").await.0, 409);
}

#[actix_web::test]
async fn the_decision_is_written_edited_and_sent_from_the_manuscript_page() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let page = format!("/manuscripts/{ms}");
    let html = page_text(&app, &o.chief, &format!("{page}?decision=accept"), "en").await;
    assert!(html.contains("decision-form") && html.contains("Dear authors,"), "{html}");
    let csrf = crate::support::csrf_of(&o.chief, &app.at(&page)).await;
    let post = |body_zh: &'static str| {
        o.chief
            .post(app.at(&format!("{page}/decisions")))
            .form(&[
                ("csrf", csrf.as_str()),
                ("decision", "accept"),
                ("subject_zh", "录用通知"),
                ("body_zh", body_zh),
                ("subject_en", "Accepted"),
                ("body_en", "Congratulations."),
            ])
            .send()
    };
    let res = post("").await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Congratulations.") && html.contains("录用通知"),
        "what was typed stays"
    );
    let res = post("祝贺。").await.unwrap();
    assert_eq!(res.status(), 303);
    let html = page_text(&app, &o.chief, &page, "zh-CN").await;
    assert!(html.contains("录用通知") && html.contains("已发出"), "{html}");
}
