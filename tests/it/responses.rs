//! The authors' response to the reviews: the window, the hard length limit, who reads it,
//! who is told, and revising reviews in its light.

use chrono::Duration;
use reqwest::Client;
use serde_json::json;

use crate::support::review::{complete, local, put_review, reviews_of, scene, set_phase};
use crate::support::{TestApp, csrf_of, json_of};

async fn respond(app: &TestApp, c: &Client, paper: i64, body: &str) -> reqwest::Response {
    c.put(app.at(&format!("/api/v1/submissions/{paper}/response")))
        .json(&json!({ "body": body }))
        .send()
        .await
        .unwrap()
}

fn response_mails(app: &TestApp, addr: &str) -> usize {
    app.mails_to(addr)
        .iter()
        .filter(|(subject, _)| subject.contains("答复") || subject.contains("responded"))
        .count()
}

#[tokio::test]
async fn authors_respond_within_the_window_and_the_limit_and_reviewers_are_told() {
    let app = TestApp::new().await;
    let s = scene(&app, "rs-flow").await;
    let (_, ra) = &s.reviewer_a;
    assert_eq!(
        put_review(&app, ra, s.paper, complete(2, "Weak evaluation"), true).await.status(),
        200
    );

    let res = respond(&app, &s.author, s.paper, "Thank you.").await;
    assert_eq!(res.status(), 409, "the window is not open");
    let phase = json!({"review_deadline": local(-Duration::hours(2)), "rebuttal_opens": local(-Duration::hours(1)),
        "rebuttal_deadline": local(Duration::days(3)), "rebuttal_max_chars": 100, "discussion_after_review": true});
    assert_eq!(set_phase(&app, &s, phase).await.status(), 200);

    // Opening the response releases the reviews to the authors.
    let theirs = reviews_of(&app, &s.author, s.paper).await;
    assert_eq!(theirs["reviews"]["visible"], true);
    assert!(theirs.to_string().contains("Weak evaluation"));
    let state = json_of(
        s.author
            .get(app.at(&format!("/api/v1/submissions/{}/response", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(state["open"], true);
    assert_eq!(state["writable"], true);
    assert_eq!(state["max_chars"], 100);

    let res = respond(&app, &s.author, s.paper, &"x".repeat(101)).await;
    assert_eq!(res.status(), 422, "the limit is hard");
    assert!(json_of(res).await["fields"]["body"].is_string());
    let res = respond(&app, &s.author, s.paper, "").await;
    assert_eq!(res.status(), 422);
    let hundred = "评".repeat(100);
    let res = respond(&app, &s.author, s.paper, &hundred).await;
    assert_eq!(res.status(), 200, "the limit counts characters, not bytes");
    assert_eq!(json_of(res).await["body"], hundred.as_str());

    // The assigned reviewers and the area chair are told once; the conflicted one is not.
    for who in ["ra", "rb", "ac"] {
        assert_eq!(response_mails(&app, &format!("{who}@rs-flow-review.org")), 1, "{who}");
    }
    assert_eq!(response_mails(&app, "rc@rs-flow-review.org"), 0);
    let res = respond(&app, &s.coauthor, s.paper, "A co-author's revision.").await;
    assert_eq!(res.status(), 200, "any author may revise it");
    assert_eq!(response_mails(&app, "ra@rs-flow-review.org"), 1, "revisions do not mail again");

    // Reviewers read it under the reviews' rule; the committee has nothing to write.
    let for_a = json_of(
        ra.get(app.at(&format!("/api/v1/submissions/{}/response", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(for_a["body"], "A co-author's revision.");
    assert_eq!(for_a["writable"], false);
    let (_, rb) = &s.reviewer_b;
    let for_b = json_of(
        rb.get(app.at(&format!("/api/v1/submissions/{}/response", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(for_b["body"].is_null(), "b has not reviewed yet");
    assert_eq!(respond(&app, &s.chair, s.paper, "chair").await.status(), 403);
    assert_eq!(respond(&app, &s.conflicted, s.paper, "x").await.status(), 404);
    assert_eq!(respond(&app, &s.unassigned, s.paper, "x").await.status(), 404);

    // Past the review deadline, reviewers may still revise while the authors respond.
    let res = put_review(&app, ra, s.paper, complete(3, "Better after the response"), false).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["edits_after_submit"], 1);
}

#[tokio::test]
async fn the_paper_page_takes_the_response_and_keeps_a_refused_one() {
    let app = TestApp::new().await;
    let s = scene(&app, "rs-page").await;
    let phase = json!({"rebuttal_opens": local(-Duration::hours(1)), "rebuttal_deadline": local(Duration::days(3)),
        "rebuttal_max_chars": 100});
    assert_eq!(set_phase(&app, &s, phase).await.status(), 200);
    let url = app.at(&format!("/submissions/{}", s.paper));
    let page = s.author.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("id=\"response-form\"") && page.contains("maxlength=\"100\""));
    let csrf = csrf_of(&s.author, &url).await;
    let target = app.at(&format!("/submissions/{}/response", s.paper));
    let long = "This response is far too long for the limit. ".repeat(3);
    let res = s
        .author
        .post(&target)
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("body", long.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("id=\"error-body\"") && html.contains(long.trim()),
        "the text typed stays"
    );
    let res = s
        .author
        .post(&target)
        .form(&[("csrf", csrf.as_str()), ("body", "短而切题的答复")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, ac) = &s.area_chair;
    let page = ac
        .get(app.at(&format!("/submissions/{}/review", s.paper)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"response-body\"") && page.contains("短而切题的答复"));
}
