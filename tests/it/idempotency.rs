//! Sending a submission twice makes one submission: API clients retrying with an
//! `Idempotency-Key`, and a person posting the same form twice.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::review::{id_of, venue};
use crate::support::{TestApp, csrf_of, json_of};
use xuehui::files::pdf::sample;

/// A logged-in author with a personal API token.
async fn author_token(app: &TestApp, email: &str) -> String {
    app.user(email, false);
    let c = app.client();
    app.api_login(&c, email).await;
    let res = c
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"name": "script"}))
        .send()
        .await
        .unwrap();
    json_of(res).await["secret"].as_str().unwrap().to_string()
}

fn paper(title: &str, email: &str) -> Form {
    let meta = json!({"title_en": title, "abstract_text": "重复提交的测试", "track": "main",
                      "authors": [{"name_latin": "Li Hua", "email": email}], "corresponding": 0, "presenter": 0});
    Form::new().text("metadata", meta.to_string()).part(
        "pdf",
        Part::bytes(sample(1, "idem", None))
            .file_name("p.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    )
}

async fn send(app: &TestApp, token: &str, key: Option<&str>, form: Form) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(app.at("/api/v1/venues/idem/submissions"))
        .bearer_auth(token)
        .multipart(form);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    req.send().await.unwrap()
}

async fn count_papers(app: &TestApp, token: &str) -> usize {
    let mine = reqwest::Client::new()
        .get(app.at("/api/v1/me/submissions"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    json_of(mine).await.as_array().map(Vec::len).unwrap_or(0)
}

#[tokio::test]
async fn a_client_retrying_with_the_same_key_gets_the_same_submission() {
    let app = TestApp::new().await;
    venue(&app, "idem").await;
    let token = author_token(&app, "li@example.cn").await;

    let first = send(&app, &token, Some("3f6c2a10-retry"), paper("Once only", "li@example.cn")).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = json_of(first).await;

    // The answer was lost; the client sends the same request again.
    let again = send(&app, &token, Some("3f6c2a10-retry"), paper("Once only", "li@example.cn")).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = json_of(again).await;
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["number"], first["number"]);
    assert_eq!(count_papers(&app, &token).await, 1);
    app.run_jobs().await;
    assert_eq!(app.mails_to("li@example.cn").len(), 1, "one receipt, not two");

    // The same key for a different paper is refused and creates nothing.
    let other = send(&app, &token, Some("3f6c2a10-retry"), paper("Another paper", "li@example.cn")).await;
    assert_eq!(other.status(), 422);
    let body = json_of(other).await;
    assert!(
        body["fields"]["idempotency_key"].as_str().unwrap().contains("different request"),
        "{body}"
    );
    assert_eq!(count_papers(&app, &token).await, 1);

    // A new key is a new submission; so is a request without a key.
    assert_eq!(
        send(&app, &token, Some("second"), paper("Another paper", "li@example.cn"))
            .await
            .status(),
        201
    );
    assert_eq!(
        send(&app, &token, None, paper("A third paper", "li@example.cn")).await.status(),
        201
    );
    assert_eq!(count_papers(&app, &token).await, 3);

    // Keys belong to their user: someone else's identical key is theirs alone.
    let other_token = author_token(&app, "wang@example.cn").await;
    let res = send(&app, &other_token, Some("3f6c2a10-retry"), paper("Once only", "wang@example.cn")).await;
    assert_eq!(res.status(), 201);
    assert_ne!(json_of(res).await["id"], first["id"]);
}

#[tokio::test]
async fn concurrent_sends_with_one_key_make_one_submission() {
    let app = TestApp::new().await;
    venue(&app, "idem").await;
    let token = author_token(&app, "li@example.cn").await;
    let url = app.at("/api/v1/venues/idem/submissions");
    let sends: Vec<_> = (0..6)
        .map(|_| {
            let (url, token) = (url.clone(), token.clone());
            tokio::spawn(async move {
                reqwest::Client::new()
                    .post(url)
                    .bearer_auth(token)
                    .header("Idempotency-Key", "burst-1")
                    .multipart(paper("Sent in a burst", "li@example.cn"))
                    .send()
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut ids = Vec::new();
    for task in sends {
        let res = task.await.unwrap();
        assert_eq!(res.status(), 201, "every send is answered with the one submission");
        ids.push(json_of(res).await["id"].as_i64().unwrap());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(count_papers(&app, &token).await, 1);
}

#[tokio::test]
async fn a_malformed_key_is_refused_with_a_reason() {
    let app = TestApp::new().await;
    venue(&app, "idem").await;
    let token = author_token(&app, "li@example.cn").await;
    for bad in ["has space", &"x".repeat(300)] {
        let res = send(&app, &token, Some(bad), paper("Bad key", "li@example.cn")).await;
        assert_eq!(res.status(), 400);
        assert!(json_of(res).await["message"].as_str().unwrap().contains("Idempotency-Key"));
    }
    assert_eq!(count_papers(&app, &token).await, 0);
}

#[tokio::test]
async fn the_same_form_posted_twice_makes_one_submission() {
    let app = TestApp::new().await;
    venue(&app, "idem").await;
    let c = app.client();
    app.user("li@example.cn", false);
    app.page_login(&c, "li@example.cn", crate::support::PASSWORD).await;
    let html = c.get(app.at("/venues/idem/submit")).send().await.unwrap().text().await.unwrap();
    let once = html
        .split("name=\"once\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form carries a one-time key")
        .to_string();
    let csrf = csrf_of(&c, &app.at("/venues/idem/submit")).await;
    let form = || {
        Form::new()
            .text("csrf", csrf.clone())
            .text("once", once.clone())
            .text("title_zh", "双击提交")
            .text("abstract_text", "同一表单提交两次")
            .text("track", "main")
            .text("corresponding", "0")
            .text("presenter", "0")
            .text("author0_name_zh", "李华")
            .text("author0_email", "li@example.cn")
            .text("author0_affiliation", "清华大学")
            .part(
                "pdf",
                Part::bytes(sample(1, "form", None))
                    .file_name("p.pdf")
                    .mime_str("application/pdf")
                    .unwrap(),
            )
    };
    let post = || {
        c.post(app.at("/venues/idem/submit"))
            .header("accept-language", "en")
            .multipart(form())
            .send()
    };
    let first = post().await.unwrap();
    assert_eq!(first.status(), 303);
    let second = post().await.unwrap();
    assert_eq!(second.status(), 303);
    assert_eq!(id_of(&first), id_of(&second), "both lead to the one submission");
    let page = c
        .get(app.at(&format!("/submissions/{}", id_of(&second))))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert!(page.text().await.unwrap().contains("already sent"), "the author is told");
    let mine = json_of(c.get(app.at("/api/v1/me/submissions")).send().await.unwrap()).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    // A fresh rendering of the form has a fresh key.
    let html = c.get(app.at("/venues/idem/submit")).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains(&once));
}

#[tokio::test]
async fn a_discussion_post_resent_with_its_key_is_posted_once() {
    use crate::support::review::{complete, put_review, scene};
    let app = TestApp::new().await;
    let s = scene(&app, "idem-dc").await;
    let (_, ra) = &s.reviewer_a;
    assert_eq!(put_review(&app, ra, s.paper, complete(4, "Review by A"), true).await.status(), 200);
    let url = app.at(&format!("/api/v1/submissions/{}/discussion", s.paper));
    let send = |body: &str| {
        ra.post(&url)
            .header("Idempotency-Key", "post-7")
            .json(&json!({ "body": body }))
            .send()
    };
    let first = send("Lemma 3 needs a bound.").await.unwrap();
    assert_eq!(first.status(), 201);
    let first = json_of(first).await;
    let again = send("Lemma 3 needs a bound.").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(json_of(again).await["id"], first["id"]);
    assert_eq!(
        send("Something else").await.unwrap().status(),
        422,
        "the key is spent on the first text"
    );
    let all = json_of(ra.get(&url).send().await.unwrap()).await;
    assert_eq!(all["posts"].as_array().unwrap().len(), 1);
}
