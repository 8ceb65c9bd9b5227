//! Journal review rounds: reviewers invited by mail answer and review through their personal
//! link without an account; editors see the states OJS names, with conflicts checked before
//! inviting; nobody reads what is not theirs.

use serde_json::{Value, json};

use crate::support::journal::{invite_reviewer, put_setup, review_token, under_review};
use crate::support::{TestApp, csrf_of, json_of, page_text, pdf_text};

async fn get(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, Value) {
    let res = c.get(app.at(path)).send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn send(app: &TestApp, req: reqwest::RequestBuilder) -> (u16, Value) {
    let _ = app;
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn ada() -> Value {
    json!({"email": "ada@review.example", "name": "Ada Reviewer", "affiliation": "Review Institute", "message": "Your expertise would help."})
}

/// The editors' row of the invitation.
async fn row(app: &TestApp, c: &reqwest::Client, ms: i64, inv: i64) -> Value {
    let (s, rows) = get(app, c, &format!("/api/v1/manuscripts/{ms}/reviewers")).await;
    assert_eq!(s, 200, "{rows}");
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == inv)
        .cloned()
        .expect("the invitation")
}

#[actix_web::test]
async fn a_reviewer_without_an_account_accepts_reads_and_reviews_through_the_link() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let (s, inv) = invite_reviewer(&app, &o.chief, ms, ada()).await;
    assert_eq!(s, 201, "{inv}");
    assert_eq!(inv["state"], "awaiting_response");
    let inv_id = inv["id"].as_i64().unwrap();
    let (subject, body) = app.last_mail_to("ada@review.example").expect("invitation mail");
    assert!(subject.contains("Journal of Computing"), "{subject}");
    assert!(body.contains("Your expertise would help.") && body.contains("/review/"), "{body}");
    let token = review_token(&app, "ada@review.example");

    // Before answering: title and abstract, no authors (double-blind), no manuscript.
    let anon = app.client();
    let (s, v) = get(&app, &anon, &format!("/api/v1/review-invitations/{token}")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (v["state"].as_str(), v["title_en"].as_str()),
        (Some("awaiting_response"), Some("Fairness in peer review"))
    );
    assert!(v["authors"].is_null() && v["manuscript_pdf"].is_null(), "{v}");
    let text = v.to_string();
    assert!(
        !text.contains("li@uni.example") && !text.contains("Li Hua") && !text.contains("李华"),
        "{text}"
    );
    assert_eq!(
        anon.get(app.at(&format!("/review/{token}/manuscript.pdf")))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "not before accepting"
    );

    // Accept on the page, without an account.
    let page = format!("/review/{token}");
    let csrf = csrf_of(&anon, &app.at(&page)).await;
    let res = anon
        .post(app.at(&format!("{page}/accept")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let r = row(&app, &o.chief, ms, inv_id).await;
    assert_eq!(r["state"], "accepted");
    let (subject, _) = app.last_mail_to("chief@j.example").expect("the office hears");
    assert!(subject.contains("Ada Reviewer"), "{subject}");

    // The anonymised manuscript: prepared by a job, then served without the authors.
    let pdf_url = app.at(&format!("/review/{token}/manuscript.pdf"));
    let res = anon.get(&pdf_url).send().await.unwrap();
    assert_eq!(res.status(), 503, "the copy is being prepared");
    app.run_jobs().await;
    let res = anon.get(&pdf_url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(t) = pdf_text(&pdf) {
        assert!(t.contains("Fairness"), "{t}");
    }

    // A draft, then a submission that lacks the recommendation, then the review.
    let review = |body: Value| anon.put(app.at(&format!("/api/v1/review-invitations/{token}/review"))).json(&body);
    let (s, v) = send(&app, review(json!({"answers": {"overall": 4}, "submit": false}))).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["review"]["answers"]["overall"], 4);
    let (s, e) = send(
        &app,
        review(json!({"answers": {"overall": 4, "confidence": 3, "to_authors": "Clear and careful."}, "submit": true})),
    )
    .await;
    assert_eq!(s, 422, "{e}");
    assert!(e["fields"]["recommendation"].is_string(), "{e}");
    let (s, e) = send(
        &app,
        review(json!({"answers": {"overall": 9}, "recommendation": "accept", "submit": true})),
    )
    .await;
    assert_eq!(s, 422, "{e}");
    assert!(e["fields"]["overall"].is_string() && e["fields"]["to_authors"].is_string(), "{e}");
    let answers = json!({"overall": 4, "confidence": 3, "to_authors": "Clear and careful.", "to_editor": "Check the statistics."});
    let (s, v) = send(
        &app,
        review(json!({"answers": answers, "recommendation": "minor_revision", "submit": true})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["state"], "received");
    assert!(v["review"]["submitted_at"].is_string());
    let (s, _) = send(
        &app,
        review(json!({"answers": answers, "recommendation": "accept", "submit": true})),
    )
    .await;
    assert_eq!(s, 409, "a submitted review is final");
    let (subject, _) = app.last_mail_to("chief@j.example").unwrap();
    assert!(subject.contains("Review received") || subject.contains("审稿意见"), "{subject}");

    // The editors read it, confirm it and thank the reviewer.
    let r = row(&app, &o.chief, ms, inv_id).await;
    assert_eq!(
        (r["state"].as_str(), r["review"]["recommendation"].as_str()),
        (Some("received"), Some("minor_revision"))
    );
    assert_eq!(r["review"]["answers"]["to_editor"], "Check the statistics.");
    let act = |what: &str| o.chief.post(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers/{inv_id}/{what}")));
    let (s, r) = send(&app, act("confirm")).await;
    assert_eq!((s, r["state"].as_str()), (200, Some("complete")));
    let (s, r) = send(&app, act("thank").json(&json!({"message": "Much appreciated."}))).await;
    assert_eq!((s, r["state"].as_str()), (200, Some("thanked")));
    let (subject, body) = app.last_mail_to("ada@review.example").unwrap();
    assert!(
        (subject.contains("Thank") || subject.contains("感谢")) && body.contains("Much appreciated."),
        "{subject} {body}"
    );
    assert_eq!(send(&app, act("thank").json(&json!({}))).await.0, 409, "thanked once");
    // The history and the mail log record it all.
    let (_, m) = get(&app, &o.chief, &format!("/api/v1/manuscripts/{ms}")).await;
    let kinds: Vec<&str> = m["editorial"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    for k in ["reviewer_invited", "reviewer_accepted", "review_submitted"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    let mails: Vec<&str> = m["editorial"]["mails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    for k in ["review_invitation", "review_response", "review_received", "review_thanks"] {
        assert!(mails.contains(&k), "{mails:?}");
    }
}

#[actix_web::test]
async fn a_reviewer_declines_on_the_page_and_suggests_someone_else() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let (_, inv) = invite_reviewer(&app, &o.section, ms, ada()).await;
    let inv_id = inv["id"].as_i64().unwrap();
    let token = review_token(&app, "ada@review.example");
    let anon = app.client();
    let page = format!("/review/{token}");
    let html = page_text(&app, &anon, &page, "zh-CN").await;
    assert!(html.contains("审稿邀请") && html.contains("同行评议的公平性"), "{html}");
    let csrf = csrf_of(&anon, &app.at(&page)).await;
    let res = anon
        .post(app.at(&format!("{page}/decline")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("reason", "On leave until June."),
            ("suggestion", "Grace Hopper <grace@navy.example>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let r = row(&app, &o.chief, ms, inv_id).await;
    assert_eq!(r["state"], "declined");
    assert_eq!(r["decline_reason"], "On leave until June.");
    assert_eq!(r["suggestion"], "Grace Hopper <grace@navy.example>");
    let (_, body) = app.last_mail_to("chief@j.example").expect("the handling office hears");
    assert!(body.contains("grace@navy.example"), "{body}");
    // The link now says so and accepts nothing more.
    let html = page_text(&app, &anon, &page, "en").await;
    assert!(html.contains("You declined this invitation"), "{html}");
    let (s, _) = send(&app, anon.post(app.at(&format!("/api/v1/review-invitations/{token}/accept")))).await;
    assert_eq!(s, 409);
    // Invited again: a new link; the old one is gone.
    let (s, again) = invite_reviewer(&app, &o.chief, ms, ada()).await;
    assert_eq!((s, again["id"].as_i64()), (201, Some(inv_id)), "{again}");
    assert_eq!(again["state"], "awaiting_response");
    let fresh = review_token(&app, "ada@review.example");
    assert_ne!(fresh, token);
    assert_eq!(get(&app, &anon, &format!("/api/v1/review-invitations/{token}")).await.0, 404);
    assert_eq!(get(&app, &anon, &format!("/api/v1/review-invitations/{fresh}")).await.0, 200);
}

#[actix_web::test]
async fn conflicts_of_interest_are_found_before_anyone_is_invited() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    // An author is refused outright.
    let (s, e) = invite_reviewer(&app, &o.chief, ms, json!({"email": "LI@uni.example", "name": "Li Hua"})).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["fields"]["email"], "This person is an author of the manuscript.");
    // A colleague (same institutional domain) and an opposed reviewer need "invite anyway".
    for (who, reason) in [
        (json!({"email": "wang@uni.example", "name": "Wang Wei"}), "same_domain"),
        (json!({"email": "someone@elsewhere.example", "name": "Rival"}), "opposed"),
    ] {
        let (s, e) = invite_reviewer(&app, &o.chief, ms, who.clone()).await;
        assert_eq!(s, 422, "{e}");
        assert!(e["fields"]["confirm_conflicts"].is_string(), "{e}");
        let (s, w) = send(
            &app,
            o.chief
                .post(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers/check")))
                .json(&who),
        )
        .await;
        assert_eq!(s, 200, "{w}");
        assert_eq!(w[0]["reason"], reason, "{w}");
    }
    let mut who = json!({"email": "wang@uni.example", "name": "Wang Wei", "confirm_conflicts": true});
    let (s, r) = invite_reviewer(&app, &o.chief, ms, who.clone()).await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["conflicts"][0]["reason"], "same_domain", "kept for the record");
    // Nobody is invited twice into the same round.
    who["confirm_conflicts"] = json!(true);
    let (s, e) = invite_reviewer(&app, &o.chief, ms, who).await;
    assert_eq!((s, e["error"].as_str()), (409, Some("conflict")), "{e}");
    // Bad input says what is wrong.
    let (s, e) = invite_reviewer(
        &app,
        &o.chief,
        ms,
        json!({"email": "x", "name": "", "response_due": "2020-01-01", "review_due": "soon"}),
    )
    .await;
    assert_eq!(s, 422);
    for f in ["email", "name", "response_due", "review_due"] {
        assert!(e["fields"][f].is_string(), "{f}: {e}");
    }
    let (s, _) = invite_reviewer(&app, &o.chief, ms, json!({"email": "a@b.example", "name": "A", "extra": 1})).await;
    assert_eq!(s, 400, "unknown fields are refused");
}

#[actix_web::test]
async fn only_the_manuscripts_editors_run_its_review_and_nobody_reads_another_ones_invitation() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    let (_, inv) = invite_reviewer(&app, &o.chief, ms, ada()).await;
    let inv_id = inv["id"].as_i64().unwrap();
    let (s, _) = invite_reviewer(&app, &o.chief, ms, json!({"email": "bob@review.example", "name": "Bob Second"})).await;
    assert_eq!(s, 201);
    let ada_token = review_token(&app, "ada@review.example");
    let bob_token = review_token(&app, "bob@review.example");
    // Outsiders, the author, the board and the assistant (who reads but does not run it).
    for (who, c) in [
        ("author", &author),
        ("stranger", &o.stranger),
        ("other chief", &o.other_chief),
        ("board", &o.board),
    ] {
        assert_eq!(get(&app, c, &format!("/api/v1/manuscripts/{ms}/reviewers")).await.0, 404, "{who}");
    }
    assert_eq!(get(&app, &o.assistant, &format!("/api/v1/manuscripts/{ms}/reviewers")).await.0, 200);
    for (who, c) in [
        ("author", &author),
        ("stranger", &o.stranger),
        ("other chief", &o.other_chief),
        ("assistant", &o.assistant),
    ] {
        let (s, _) = invite_reviewer(&app, c, ms, json!({"email": "eve@x.example", "name": "Eve"})).await;
        assert_eq!(s, 404, "{who} invites");
        let (s, _) = send(&app, c.post(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers/{inv_id}/cancel")))).await;
        assert_eq!(s, 404, "{who} cancels");
    }
    // The author's view names no reviewer.
    let (s, m) = get(&app, &author, &format!("/api/v1/manuscripts/{ms}")).await;
    assert_eq!(s, 200);
    let text = m.to_string();
    for secret in ["ada@review.example", "Ada Reviewer", "bob@review.example", "Bob Second"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    // Each link shows its own invitation only; a made-up link shows nothing.
    let anon = app.client();
    let (_, a) = get(&app, &anon, &format!("/api/v1/review-invitations/{ada_token}")).await;
    let (_, b) = get(&app, &anon, &format!("/api/v1/review-invitations/{bob_token}")).await;
    assert_eq!(
        (a["email"].as_str(), b["email"].as_str()),
        (Some("ada@review.example"), Some("bob@review.example"))
    );
    assert!(!a.to_string().contains("bob@review.example") && !b.to_string().contains("ada@review.example"));
    let fake = "A".repeat(43);
    for path in [
        format!("/api/v1/review-invitations/{fake}"),
        format!("/review/{fake}"),
        format!("/review/{fake}/manuscript.pdf"),
    ] {
        assert_eq!(anon.get(app.at(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    let (s, _) = send(&app, anon.post(app.at(&format!("/api/v1/review-invitations/{fake}/accept")))).await;
    assert_eq!(s, 404);
}

#[actix_web::test]
async fn under_single_blind_review_the_reviewer_sees_the_authors_and_the_original_pdf() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let (s, body) = put_setup(&app, &o.chief, o.journal, json!({"enabled": true, "review_mode": "single_blind"})).await;
    assert_eq!(s, 200, "{body}");
    invite_reviewer(&app, &o.chief, ms, ada()).await;
    let token = review_token(&app, "ada@review.example");
    let anon = app.client();
    let (s, v) = send(&app, anon.post(app.at(&format!("/api/v1/review-invitations/{token}/accept")))).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["authors"][0]["name"], "李华 (Hua Li)");
    let res = anon.get(app.at(&format!("/review/{token}/manuscript.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200, "no copy to wait for");
}

#[actix_web::test]
async fn a_cancelled_invitation_closes_the_link_until_it_is_reinstated() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let (_, inv) = invite_reviewer(&app, &o.chief, ms, ada()).await;
    let inv_id = inv["id"].as_i64().unwrap();
    let token = review_token(&app, "ada@review.example");
    let anon = app.client();
    send(&app, anon.post(app.at(&format!("/api/v1/review-invitations/{token}/accept")))).await;
    let act = |what: &str| o.chief.post(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers/{inv_id}/{what}")));
    let (s, r) = send(&app, act("cancel")).await;
    assert_eq!((s, r["state"].as_str()), (200, Some("cancelled")), "{r}");
    let (subject, _) = app.last_mail_to("ada@review.example").unwrap();
    assert!(subject.contains("no longer needed") || subject.contains("无需再审"), "{subject}");
    let (s, v) = get(&app, &anon, &format!("/api/v1/review-invitations/{token}")).await;
    assert_eq!((s, v["state"].as_str(), v["title_en"].as_str()), (200, Some("cancelled"), Some("")));
    assert!(v["review"].is_null() || v["manuscript_pdf"].is_null(), "{v}");
    assert_eq!(
        anon.get(app.at(&format!("/review/{token}/manuscript.pdf")))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let review = json!({"answers": {"overall": 3}, "submit": false});
    let (s, _) = send(
        &app,
        anon.put(app.at(&format!("/api/v1/review-invitations/{token}/review")))
            .json(&review),
    )
    .await;
    assert_eq!(s, 409);
    assert_eq!(send(&app, act("cancel")).await.0, 409, "cancelled once");
    // Reinstated: a new link by mail, and the reviewer picks up where they were.
    let (s, r) = send(&app, act("reinstate")).await;
    assert_eq!((s, r["state"].as_str()), (200, Some("accepted")), "{r}");
    let fresh = review_token(&app, "ada@review.example");
    assert_ne!(fresh, token);
    assert_eq!(get(&app, &anon, &format!("/api/v1/review-invitations/{token}")).await.0, 404);
    let (s, _) = send(
        &app,
        anon.put(app.at(&format!("/api/v1/review-invitations/{fresh}/review")))
            .json(&review),
    )
    .await;
    assert_eq!(s, 200);
}

#[actix_web::test]
async fn reminders_follow_the_due_dates_and_stop_once_answered() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let (_, inv) = invite_reviewer(&app, &o.chief, ms, ada()).await;
    let inv_id = inv["id"].as_i64().unwrap();
    let token = review_token(&app, "ada@review.example");
    let mut conn = app.state.db.conn().unwrap();
    let queued = |conn: &mut xuehui::db::AnyConnection| -> Vec<xuehui::journals::rounds::reminders::Remind> {
        xuehui::jobs::store::list(conn, xuehui::jobs::model::QUEUED, 100)
            .unwrap()
            .into_iter()
            .filter(|j| j.kind == "journals.review_reminder")
            .map(|j| serde_json::from_str(&j.payload).unwrap())
            .collect()
    };
    use xuehui::journals::rounds::reminders::{Kind, send as remind};
    let jobs = queued(&mut conn);
    assert_eq!(jobs.len(), 3, "answer late, review soon, review late: {jobs:?}");
    let response = jobs.iter().find(|j| j.kind == Kind::Response).unwrap().clone();
    let now = chrono::Utc::now().naive_utc();
    // Run as the worker would on the day: the unanswered invitation is reminded, with its link.
    assert_eq!(remind(&mut conn, &app.state, response.clone(), now).unwrap(), 1);
    let (subject, body) = app.last_mail_to("ada@review.example").unwrap();
    assert!(subject.contains("Reminder") || subject.contains("提醒"), "{subject}");
    assert!(body.contains(&format!("/review/{token}")), "the same link: {body}");
    // New due dates make the queued reminders stale; new ones are queued.
    let today = chrono::Utc::now().date_naive();
    let later = |d: i64| (today + chrono::Duration::days(d)).to_string();
    let (s, r) = send(
        &app,
        o.chief
            .put(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers/{inv_id}/due")))
            .json(&json!({"response_due": later(3), "review_due": later(30)})),
    )
    .await;
    assert_eq!((s, r["review_due"].as_str()), (200, Some(later(30).as_str())), "{r}");
    assert_eq!(r["reminders_sent"], 1);
    assert_eq!(remind(&mut conn, &app.state, response, now).unwrap(), 0, "stale");
    let fresh: Vec<_> = queued(&mut conn).into_iter().filter(|j| j.stamp == 1).collect();
    assert_eq!(fresh.len(), 3);
    // Once answered, the answer reminder sends nothing; the review reminders still would.
    send(
        &app,
        app.client().post(app.at(&format!("/api/v1/review-invitations/{token}/accept"))),
    )
    .await;
    let answer = fresh.iter().find(|j| j.kind == Kind::Response).unwrap().clone();
    assert_eq!(remind(&mut conn, &app.state, answer, now).unwrap(), 0);
    let soon = fresh.iter().find(|j| j.kind == Kind::ReviewSoon).unwrap().clone();
    assert_eq!(remind(&mut conn, &app.state, soon, now).unwrap(), 1);
    // Dates that make no sense are refused.
    let (s, e) = send(
        &app,
        o.chief
            .put(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers/{inv_id}/due")))
            .json(&json!({"response_due": later(10), "review_due": later(5)})),
    )
    .await;
    assert_eq!(s, 422);
    assert!(e["fields"]["review_due"].is_string(), "{e}");
}

#[actix_web::test]
async fn the_editor_invites_from_the_manuscript_page_and_sees_conflicts_there() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    let page = format!("/manuscripts/{ms}");
    let html = page_text(&app, &o.chief, &page, "en").await;
    assert!(html.contains("Invite a reviewer") && html.contains("use-suggestion"), "{html}");
    let csrf = csrf_of(&o.chief, &app.at(&page)).await;
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let mut f = vec![("csrf", csrf.clone())];
        f.extend(fields.into_iter().map(|(k, v)| (k, v.to_string())));
        o.chief.post(app.at(&format!("{page}/reviewers"))).form(&f).send()
    };
    let res = post(vec![("email", "wang@uni.example"), ("name", "Wang Wei")]).await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("invite-warnings") && html.contains("同一机构邮箱域名 (uni.example)"),
        "{html}"
    );
    assert!(html.contains("value=\"wang@uni.example\""), "what was typed stays");
    let res = post(vec![
        ("email", "wang@uni.example"),
        ("name", "Wang Wei"),
        ("confirm_conflicts", "1"),
    ])
    .await
    .unwrap();
    assert_eq!(res.status(), 303);
    let html = page_text(&app, &o.chief, &page, "zh-CN").await;
    assert!(
        html.contains("reviewer-table") && html.contains("等待答复") && html.contains("Wang Wei"),
        "{html}"
    );
    // Acting on the row: remind, then cancel.
    let inv = {
        let (_, rows) = get(&app, &o.chief, &format!("/api/v1/manuscripts/{ms}/reviewers")).await;
        rows[0]["id"].as_i64().unwrap()
    };
    // Remind works; an unknown action is not found; there is nothing to confirm yet.
    for (action, want) in [("remind", 303), ("bogus", 404), ("confirm", 409)] {
        let res = o
            .chief
            .post(app.at(&format!("{page}/reviewers/{inv}/{action}")))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), want, "{action}");
    }
    let r = json_of(
        o.chief
            .get(app.at(&format!("/api/v1/manuscripts/{ms}/reviewers")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(r[0]["reminders_sent"], 1);
}

#[actix_web::test]
async fn the_reviewer_page_keeps_what_was_typed_when_the_review_is_incomplete() {
    let app = TestApp::new().await;
    let (o, _, ms) = under_review(&app).await;
    invite_reviewer(&app, &o.chief, ms, ada()).await;
    let token = review_token(&app, "ada@review.example");
    let anon = app.client();
    let page = format!("/review/{token}");
    let csrf = csrf_of(&anon, &app.at(&page)).await;
    anon.post(app.at(&format!("{page}/accept")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    let html = page_text(&app, &anon, &page, "en").await;
    assert!(html.contains("review-form") && html.contains("Read the manuscript (PDF)"), "{html}");
    let res = anon
        .post(app.at(&format!("{page}/review")))
        .form(&[("csrf", csrf.as_str()), ("a_to_authors", "Half a thought"), ("action", "submit")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Half a thought") && html.contains("error-recommendation"), "{html}");
    let res = anon
        .post(app.at(&format!("{page}/review")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("a_overall", "5"),
            ("a_confidence", "4"),
            ("a_to_authors", "A full thought."),
            ("recommendation", "accept"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = page_text(&app, &anon, &page, "zh-CN").await;
    assert!(
        html.contains("A full thought.") && html.contains("own-recommendation") && html.contains("接受"),
        "{html}"
    );
}

#[actix_web::test]
async fn a_reviewer_with_an_account_finds_the_invitation_on_the_dashboard_and_nobody_else_does() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    let (_, maria) = crate::support::catalogue::account(&app, "maria@review.example").await;
    let (s, _) = invite_reviewer(&app, &o.chief, ms, json!({"email": "maria@review.example", "name": "Maria"})).await;
    assert_eq!(s, 201);
    let token = review_token(&app, "maria@review.example");
    let (s, list) = get(&app, &maria, "/api/v1/me/review-invitations").await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list[0]["link"], format!("/review/{token}"));
    assert_eq!(list[0]["state"], "awaiting_response");
    let html = page_text(&app, &maria, "/dashboard", "en").await;
    assert!(html.contains("my-review-invitations") && html.contains(&token), "{html}");
    for c in [&author, &o.chief, &o.stranger] {
        let (s, list) = get(&app, c, "/api/v1/me/review-invitations").await;
        assert_eq!((s, list.as_array().map(Vec::len)), (200, Some(0)));
    }
    assert_eq!(get(&app, &app.client(), "/api/v1/me/review-invitations").await.0, 401);
}
