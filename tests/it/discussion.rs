//! Discussion of a paper: who reads and writes it, what reviewers learn about each other,
//! and who is told of a new post.

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::review::{Scene, complete, put_review, scene};
use crate::support::{TestApp, csrf_of, json_of};

async fn discussion(app: &TestApp, c: &Client, paper: i64) -> reqwest::Response {
    c.get(app.at(&format!("/api/v1/submissions/{paper}/discussion")))
        .send()
        .await
        .unwrap()
}

async fn post(app: &TestApp, c: &Client, paper: i64, body: &str) -> reqwest::Response {
    c.post(app.at(&format!("/api/v1/submissions/{paper}/discussion")))
        .json(&json!({ "body": body }))
        .send()
        .await
        .unwrap()
}

fn comment_mails(app: &TestApp, addr: &str) -> Vec<(String, String)> {
    app.mails_to(addr)
        .into_iter()
        .filter(|(subject, _)| subject.contains("讨论") || subject.contains("comment"))
        .collect()
}

fn addr(s: &Scene, who: &str) -> String {
    format!("{who}@{}-review.org", s.slug)
}

#[tokio::test]
async fn reviewers_join_the_discussion_after_their_review_and_the_others_are_told_by_mail() {
    let app = TestApp::new().await;
    let s = scene(&app, "dc-flow").await;
    let (_, ra) = &s.reviewer_a;
    let (_, rb) = &s.reviewer_b;
    assert_eq!(put_review(&app, ra, s.paper, complete(4, "Review by A"), true).await.status(), 200);

    let before = json_of(discussion(&app, rb, s.paper).await).await;
    assert_eq!(before["visible"], false, "reviewer b has not submitted");
    let res = post(&app, rb, s.paper, "Can I say something?").await;
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("review"));

    let res = post(&app, ra, s.paper, "   ").await;
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["body"].is_string());
    let res = post(&app, ra, s.paper, &"长".repeat(10_001)).await;
    assert_eq!(res.status(), 422, "posts have a length limit");
    let res = post(&app, ra, s.paper, "The proof of lemma 3 does not hold.").await;
    assert_eq!(res.status(), 201);
    let first: Value = json_of(res).await;
    assert_eq!(first["role"], "reviewer");
    assert_eq!(first["letter"], "A");
    assert!(first["author"].is_null(), "reviewers never see names, not even their own post's");

    // The chair and the area chair are told, with the writer's name; reviewer b, who has not
    // reviewed yet, the conflicted reviewer and the authors are not.
    let chair_mail = comment_mails(&app, "admin-dc-flow@example.org");
    assert_eq!(chair_mail.len(), 1);
    assert!(chair_mail[0].1.contains("审稿ra") && chair_mail[0].1.contains("lemma 3"));
    assert_eq!(comment_mails(&app, &addr(&s, "ac")).len(), 1);
    assert!(comment_mails(&app, &addr(&s, "rb")).is_empty());
    assert!(comment_mails(&app, &addr(&s, "rc")).is_empty(), "conflicted");
    assert!(comment_mails(&app, &addr(&s, "ra")).is_empty(), "not to the writer");
    assert!(comment_mails(&app, "li.hua@dc-flow-uni.edu.cn").is_empty());

    let chair_view = json_of(discussion(&app, &s.chair, s.paper).await).await;
    assert!(chair_view["posts"][0]["author"].as_str().unwrap().contains("审稿ra"));

    // Once b has reviewed, b reads and answers; a is told "Reviewer B", never b's name.
    assert_eq!(put_review(&app, rb, s.paper, complete(2, "Review by B"), true).await.status(), 200);
    let after = json_of(discussion(&app, rb, s.paper).await).await;
    assert_eq!(after["visible"], true);
    assert_eq!(after["posts"][0]["letter"], "A");
    assert!(!after.to_string().contains("审稿ra"));
    let res = post(&app, rb, s.paper, "Agreed, and the data set is small.").await;
    assert_eq!(res.status(), 201);
    let reply = json_of(res).await;
    assert_eq!(reply["letter"], "B");
    let to_a = comment_mails(&app, &addr(&s, "ra"));
    assert_eq!(to_a.len(), 1);
    assert!(to_a[0].1.contains("Reviewer B") || to_a[0].1.contains("审稿人 B"), "{}", to_a[0].1);
    assert!(
        !to_a[0].1.contains("审稿rb") && !to_a[0].1.contains("rb@"),
        "no names among reviewers"
    );

    // Posts can be corrected by their writer only.
    let url = app.at(&format!("/api/v1/submissions/{}/discussion/{}", s.paper, first["id"]));
    let res = rb.put(&url).json(&json!({"body": "rewritten by b"})).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let res = ra
        .put(&url)
        .json(&json!({"body": "Lemma 3 fails for n = 1."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["body"], "Lemma 3 fails for n = 1.");

    // Authors and the conflicted reviewer cannot reach the thread at all.
    for c in [&s.author, &s.coauthor, &s.conflicted, &s.unassigned, &s.other_chair] {
        assert_eq!(discussion(&app, c, s.paper).await.status(), 404);
        assert_eq!(post(&app, c, s.paper, "hello").await.status(), 404);
    }
}

#[tokio::test]
async fn the_review_page_carries_the_discussion_and_keeps_a_refused_post() {
    let app = TestApp::new().await;
    let s = scene(&app, "dc-page").await;
    let url = app.at(&format!("/submissions/{}/review", s.paper));
    let (_, rb) = &s.reviewer_b;
    let page = rb.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("id=\"discussion-hidden\"") && !page.contains("id=\"discussion-form\""));

    let csrf = csrf_of(&s.chair, &url).await;
    let target = app.at(&format!("/submissions/{}/discussion", s.paper));
    let res = s
        .chair
        .post(&target)
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("body", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"error-body\""));
    let res = s
        .chair
        .post(&target)
        .form(&[("csrf", csrf.as_str()), ("body", "Please discuss the data set.")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = s.chair.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Please discuss the data set.") && page.contains("id=\"discussion-form\""));
    // The post's time reads in the venue's zone, named (the scene's venue is in Shanghai).
    assert!(page.contains(" CST</time>") && !page.contains(" UTC</time>"), "{page}");

    // With the rule off, reviewers read the discussion before their own review.
    let res = s
        .chair
        .put(app.at(&format!("/api/v1/venues/{}/review-phase", s.slug)))
        .json(&json!({"discussion_after_review": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = rb.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Please discuss the data set.") && page.contains("id=\"discussion-form\""));
}

/// Concurrent posts used to fail on SQLite with "database is locked" (500); writers now wait.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_four_posts_at_the_same_moment_all_succeed() {
    let app = TestApp::new().await;
    let s = scene(&app, "dc-surge").await;
    let (_, ra) = &s.reviewer_a;
    let (_, rb) = &s.reviewer_b;
    assert_eq!(put_review(&app, ra, s.paper, complete(4, "Review by A"), true).await.status(), 200);
    assert_eq!(put_review(&app, rb, s.paper, complete(3, "Review by B"), true).await.status(), 200);
    let writers = [s.chair.clone(), s.area_chair.1.clone(), ra.clone(), rb.clone()];
    let mut tasks = Vec::new();
    for (w, c) in writers.iter().enumerate() {
        for i in 0..6 {
            let (c, url) = (c.clone(), app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)));
            tasks.push(tokio::spawn(async move {
                let res = c
                    .post(url)
                    .json(&json!({ "body": format!("post {i} by writer {w}") }))
                    .send()
                    .await
                    .unwrap();
                (res.status(), res.text().await.unwrap())
            }));
        }
    }
    let mut failures = Vec::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status != 201 {
            failures.push(format!("{status}: {body}"));
        }
    }
    assert!(failures.is_empty(), "{} of 24 parallel posts failed: {failures:?}", failures.len());
    let all = json_of(discussion(&app, &s.chair, s.paper).await).await;
    assert_eq!(all["posts"].as_array().map(Vec::len), Some(24), "{all}");
}
