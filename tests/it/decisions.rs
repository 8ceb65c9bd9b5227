//! Decisions: the ranked table with its filters, setting decisions, and telling authors with
//! the reviews' author-visible parts.

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::review::{Scene, assign, complete, decide, id_of, notify_authors, put_review, scene, submit};
use crate::support::{TestApp, csrf_of, json_of};

async fn table(app: &TestApp, c: &Client, slug: &str, query: &str) -> reqwest::Response {
    c.get(app.at(&format!("/api/v1/venues/{slug}/decisions{query}")))
        .send()
        .await
        .unwrap()
}

/// The scene's paper reviewed 5 (confidence 4) and 1 (confidence 1), and a second paper by
/// the co-author alone with one of its two reviews in (3, confidence 3).
async fn reviewed(app: &TestApp, slug: &str) -> (Scene, i64) {
    let s = scene(app, slug).await;
    let email = format!("wang.fang@{slug}-uni.edu.cn");
    let res = submit(app, &s.coauthor, slug, &[("王芳", &email, "Uni A")], &[]).await;
    assert_eq!(res.status(), 303);
    let second = id_of(&res);
    assign(app, &s.chair, slug, second, s.reviewer_a.0, "reviewer").await;
    assign(app, &s.chair, slug, second, s.reviewer_b.0, "reviewer").await;
    let (_, ra) = &s.reviewer_a;
    let (_, rb) = &s.reviewer_b;
    let mut strong = complete(5, "Convincing and well written");
    strong["confidence"] = json!(4);
    assert_eq!(put_review(app, ra, s.paper, strong, true).await.status(), 200);
    let mut weak = complete(1, "Unconvinced");
    weak["confidence"] = json!(1);
    assert_eq!(put_review(app, rb, s.paper, weak, true).await.status(), 200);
    assert_eq!(put_review(app, ra, second, complete(3, "Fair"), true).await.status(), 200);
    (s, second)
}

#[tokio::test]
async fn chairs_rank_decide_and_tell_the_authors_with_the_reviews() {
    let app = TestApp::new().await;
    let (s, second) = reviewed(&app, "dx-flow").await;
    let t = json_of(table(&app, &s.chair, &s.slug, "").await).await;
    let rows = t["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["submission_id"], s.paper, "best weighted mean first");
    assert_eq!(rows[0]["mean"], 3.0);
    assert_eq!(rows[0]["weighted_mean"], 21.0 / 5.0);
    assert_eq!(rows[0]["spread"], 4);
    assert_eq!(rows[0]["done"], 2);
    assert_eq!(rows[0]["assigned"], 2, "the conflicted reviewer owes nothing");
    assert_eq!(rows[1]["done"], 1);
    let t = json_of(table(&app, &s.chair, &s.slug, "?sort=mean&reviews=incomplete").await).await;
    assert_eq!(t["rows"].as_array().unwrap().len(), 1);
    assert_eq!(t["rows"][0]["submission_id"], second);
    let res = table(&app, &s.chair, &s.slug, "?sort=luck&decision=maybe").await;
    assert_eq!(res.status(), 422);
    let body = json_of(res).await;
    assert!(
        body["fields"]["sort"].is_string() && body["fields"]["decision"].is_string(),
        "{body}"
    );

    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_maybe")).await.status(), 422);
    for c in [&s.area_chair.1, &s.reviewer_a.1, &s.other_chair, &s.author] {
        assert_eq!(decide(&app, c, s.paper, json!("accept_oral")).await.status(), 404);
    }
    let res = decide(&app, &s.chair, s.paper, json!("accept_oral")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["key"], "accept_oral");
    assert_eq!(decide(&app, &s.chair, second, json!("reject")).await.status(), 200);

    // Nobody outside the chairs learns the decision before the authors are told.
    let theirs = json_of(
        s.author
            .get(app.at(&format!("/api/v1/submissions/{}/reviews", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(theirs["decision"].is_null());
    let for_a = json_of(
        s.reviewer_a
            .1
            .get(app.at(&format!("/api/v1/submissions/{}/reviews", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(for_a["decision"].is_null());

    let res = s
        .chair
        .post(app.at(&format!("/api/v1/venues/{}/decisions/notify", s.slug)))
        .json(&json!({"messages": {"accept_oral": {"en": "The programme follows in June."}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let sent = json_of(res).await;
    assert_eq!(sent["papers"], 2);
    assert_eq!(sent["mails"], 3, "two authors of the first paper, one of the second");
    let (subject, body) = app.last_mail_to("li.hua@dx-flow-uni.edu.cn").unwrap();
    assert!(subject.contains("接收（口头报告）"), "{subject}");
    assert!(body.contains("Convincing and well written") && body.contains("Unconvinced"));
    assert!(
        body.contains("审稿人 A") && body.contains("The programme follows in June."),
        "{body}"
    );
    assert!(!body.contains("I believe I know the group"), "committee-only fields stay out");
    assert!(!body.contains("审稿ra") && !body.contains("review.org"), "no reviewer identity");
    let (subject, body) = app.last_mail_to("wang.fang@dx-flow-uni.edu.cn").unwrap();
    assert!(subject.contains("拒稿") || subject.contains("接收"), "{subject}");
    assert!(!body.contains("June"), "the accepted papers' message stays with them: {body}");

    let theirs = json_of(
        s.author
            .get(app.at(&format!("/api/v1/submissions/{}/reviews", s.paper)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(theirs["decision"]["key"], "accept_oral");
    let page = s
        .author
        .get(app.at(&format!("/submissions/{}", s.paper)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"decision-label\"") && page.contains("接收（口头报告）"));

    // Sending again tells nobody twice; a changed decision counts as not told.
    let again = notify_authors(&app, &s.chair, &s.slug).await;
    assert_eq!(again["papers"], 0);
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_poster")).await.status(), 200);
    let t = json_of(table(&app, &s.chair, &s.slug, "?decision=unnotified").await).await;
    assert_eq!(t["unnotified"], 1);
    assert_eq!(t["rows"][0]["submission_id"], s.paper);
    assert_eq!(
        decide(&app, &s.chair, s.paper, Value::Null).await.status(),
        200,
        "null takes it back"
    );
    let t = json_of(table(&app, &s.chair, &s.slug, "?decision=undecided").await).await;
    assert_eq!(t["rows"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_conflicted_chair_neither_sees_nor_decides_the_paper() {
    let app = TestApp::new().await;
    let (s, second) = reviewed(&app, "dx-conf").await;
    let co_chair_id = app.user("co.chair@dx-conf.org", false);
    {
        let mut conn = app.state.db.conn().unwrap();
        let v = xuehui::venues::store::by_slug(&mut conn, &s.slug).unwrap();
        xuehui::auth::roles::grant(
            &mut conn,
            co_chair_id,
            xuehui::auth::roles::Role::Chair,
            xuehui::auth::roles::Scope::Venue,
            v.id,
        )
        .unwrap();
    }
    let res = s
        .chair
        .post(app.at(&format!("/api/v1/venues/{}/conflicts", s.slug)))
        .json(&json!({"submission_id": s.paper, "user_id": co_chair_id, "reason": "same lab"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let co_chair = app.client();
    app.api_login(&co_chair, "co.chair@dx-conf.org").await;
    let t = json_of(table(&app, &co_chair, &s.slug, "").await).await;
    let ids: Vec<i64> = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["submission_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [second]);
    assert_eq!(decide(&app, &co_chair, s.paper, json!("reject")).await.status(), 404);
    assert_eq!(decide(&app, &co_chair, second, json!("reject")).await.status(), 200);
    // Nor anywhere else: the paper's page, its reviews, the organisers' list.
    for path in [
        format!("/api/v1/submissions/{}", s.paper),
        format!("/api/v1/submissions/{}/reviews", s.paper),
    ] {
        assert_eq!(co_chair.get(app.at(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    let list = json_of(
        co_chair
            .get(app.at(&format!("/api/v1/venues/{}/submissions", s.slug)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!list.to_string().contains(&format!("\"id\":{},", s.paper)), "{list}");
    assert!(list.to_string().contains(&format!("\"id\":{second},")));
}

#[tokio::test]
async fn the_decisions_page_filters_saves_changed_rows_and_sends_the_mails() {
    let app = TestApp::new().await;
    let (s, second) = reviewed(&app, "dx-page").await;
    let url = app.at(&format!("/venues/{}/decisions", s.slug));
    let page = s.chair.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("id=\"row-{}\"", s.paper)) && page.contains("4.2"));
    let res = s
        .chair
        .get(format!("{url}?sort=luck"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("Sort by weighted"));

    // Another chair decided the second paper meanwhile: an unchanged row must not undo it.
    assert_eq!(decide(&app, &s.chair, second, json!("reject")).await.status(), 200);
    let csrf = csrf_of(&s.chair, &url).await;
    let (p1, p2) = (s.paper.to_string(), second.to_string());
    let res = s
        .chair
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("back", "sort=number"),
            (&format!("was_{p1}"), ""),
            (&format!("d_{p1}"), "accept_poster"),
            (&format!("was_{p2}"), ""),
            (&format!("d_{p2}"), ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"].to_str().unwrap().ends_with("decisions?sort=number"));
    let t = json_of(table(&app, &s.chair, &s.slug, "?sort=number").await).await;
    assert_eq!(t["rows"][0]["decision"], "accept_poster");
    assert_eq!(
        t["rows"][1]["decision"], "reject",
        "the unchanged row kept the other chair's decision"
    );

    let notify = app.at(&format!("/venues/{}/decisions/notify", s.slug));
    let before = app.mails_to("li.hua@dx-page-uni.edu.cn").len();
    let res = s
        .chair
        .post(&notify)
        .form(&[("csrf", csrf.as_str()), ("message_zh_accept_poster", "欢迎参会。")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "a preview comes first");
    let preview = res.text().await.unwrap();
    assert!(preview.contains("id=\"confirm-send\"") && preview.contains("欢迎参会。"));
    assert_eq!(app.mails_to("li.hua@dx-page-uni.edu.cn").len(), before, "nothing sent yet");
    let res = s
        .chair
        .post(&notify)
        .form(&[
            ("csrf", csrf.as_str()),
            ("message_zh_accept_poster", "欢迎参会。"),
            ("confirmed", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    app.run_jobs().await;
    let (subject, body) = app.last_mail_to("li.hua@dx-page-uni.edu.cn").unwrap();
    assert!(subject.contains("接收（墙报）") && body.contains("欢迎参会。"));
}

#[tokio::test]
async fn authors_add_their_accepted_papers_to_their_expertise_once_told() {
    let app = TestApp::new().await;
    let (s, second) = reviewed(&app, "dx-past").await;
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(&app, &s.chair, second, json!("reject")).await.status(), 200);
    let import = |c: &Client| c.post(app.at("/api/v1/me/expertise/import-accepted")).send();
    let before = json_of(import(&s.author).await.unwrap()).await;
    assert_eq!(before["imported"], 0, "not before the authors are told");
    notify_authors(&app, &s.chair, &s.slug).await;
    let after = json_of(import(&s.author).await.unwrap()).await;
    assert_eq!(after["imported"], 1);
    let papers = after["expertise"]["papers"].as_array().unwrap();
    assert_eq!(papers[0]["submission_id"], s.paper);
    assert_eq!(papers[0]["title"], "学术评价研究");
    assert_eq!(json_of(import(&s.author).await.unwrap()).await["imported"], 0, "never twice");

    // The co-author wrote both papers; only the accepted one is added, here through the page.
    let url = app.at("/profile/expertise");
    let csrf = csrf_of(&s.coauthor, &url).await;
    let res = s
        .coauthor
        .post(app.at("/profile/papers/import"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let mine = json_of(s.coauthor.get(app.at("/api/v1/me/expertise")).send().await.unwrap()).await;
    let ids: Vec<i64> = mine["papers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["submission_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [s.paper]);
}

#[tokio::test]
async fn each_decision_gets_its_own_message_and_the_chair_sees_every_mail_before_it_goes() {
    let app = TestApp::new().await;
    let (s, second) = reviewed(&app, "dx-each").await;
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(&app, &s.chair, second, json!("reject")).await.status(), 200);
    let url = app.at(&format!("/api/v1/venues/{}/decisions/notify", s.slug));
    let messages = json!({
        "accept_oral": {"en": "Send the camera-ready by 1 June.", "zh": "请于6月1日前提交终稿。"},
        "reject": {"zh": "感谢您的投稿。"}
    });

    // A dry run says who gets what and shows the mails, and sends nothing.
    let before = app.mails_to("li.hua@dx-each-uni.edu.cn").len();
    let res = s
        .chair
        .post(&url)
        .json(&json!({"messages": messages, "dry_run": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let plan = json_of(res).await;
    assert_eq!(
        (plan["papers"].as_i64(), plan["mails"].as_i64(), plan["sent"].as_bool()),
        (Some(2), Some(3), Some(false))
    );
    let labels = plan["labels"].as_array().unwrap();
    let accept = labels.iter().find(|l| l["key"] == "accept_oral").unwrap();
    assert_eq!(
        (accept["papers"].as_i64(), accept["mails_zh"].as_i64()),
        (Some(1), Some(2)),
        "{plan}"
    );
    let body = accept["previews"][0]["body"].as_str().unwrap();
    assert!(body.contains("请于6月1日前提交终稿。"), "{body}");
    let reject = labels.iter().find(|l| l["key"] == "reject").unwrap();
    let body = reject["previews"][0]["body"].as_str().unwrap();
    assert!(body.contains("感谢您的投稿。") && !body.contains("终稿"), "{body}");
    assert_eq!(app.mails_to("li.hua@dx-each-uni.edu.cn").len(), before, "a dry run sends nothing");
    let t = json_of(table(&app, &s.chair, &s.slug, "").await).await;
    assert_eq!(t["unnotified"], 2, "nobody counts as told after a dry run");

    // A message for a label the venue does not have is refused by name.
    let res = s
        .chair
        .post(&url)
        .json(&json!({"messages": {"accept_maybe": {"en": "?"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["messages.accept_maybe"].is_string());

    // The page: one message box per decision, a preview with the counts, then the mails.
    let page_url = app.at(&format!("/venues/{}/decisions", s.slug));
    let page = s.chair.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("name=\"message_en_accept_oral\"") && page.contains("name=\"message_zh_reject\""));
    assert!(page.contains("id=\"to-tell-accept_oral\">1<"), "{page}");
    let csrf = csrf_of(&s.chair, &page_url).await;
    let notify = app.at(&format!("/venues/{}/decisions/notify", s.slug));
    let form = [
        ("csrf", csrf.as_str()),
        ("message_zh_accept_oral", "请于6月1日前提交终稿。"),
        ("message_zh_reject", "感谢您的投稿。"),
    ];
    let res = s
        .chair
        .post(&notify)
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let preview = res.text().await.unwrap();
    assert!(preview.contains("id=\"plan-accept_oral\"") && preview.contains("id=\"plan-reject\""));
    assert!(preview.contains("id=\"plan-mails\">3 mails"), "{preview}");
    assert!(preview.contains("Send notifications (3 mails)"), "{preview}");
    assert_eq!(app.mails_to("li.hua@dx-each-uni.edu.cn").len(), before);
    let mut confirmed = form.to_vec();
    confirmed.push(("confirmed", "yes"));
    let res = s.chair.post(&notify).form(&confirmed).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let (_, accepted) = app.last_mail_to("li.hua@dx-each-uni.edu.cn").unwrap();
    assert!(accepted.contains("终稿") && !accepted.contains("感谢您的投稿"), "{accepted}");
    let (_, rejected) = app.last_mail_to("wang.fang@dx-each-uni.edu.cn").unwrap();
    assert!(rejected.contains("感谢您的投稿") && !rejected.contains("终稿"), "{rejected}");

    // The wrong role previews nothing.
    for c in [&s.reviewer_a.1, &s.author, &s.other_chair] {
        let res = c.post(&url).json(&json!({"dry_run": true})).send().await.unwrap();
        assert_eq!(res.status(), 404);
    }
}

#[tokio::test]
async fn deciding_before_every_review_is_in_asks_first_and_late_reviewers_are_told() {
    let app = TestApp::new().await;
    let (s, second) = reviewed(&app, "dx-early").await;
    // The second paper has one of its two reviews.
    let res = s
        .chair
        .put(app.at(&format!("/api/v1/submissions/{second}/decision")))
        .header("accept-language", "en")
        .json(&json!({"label": "reject"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("still missing"));
    let t = json_of(table(&app, &s.chair, &s.slug, "?decision=decided").await).await;
    assert_eq!(t["rows"].as_array().unwrap().len(), 0, "nothing was decided");
    // Complete reviews need no confirmation.
    let res = s
        .chair
        .put(app.at(&format!("/api/v1/submissions/{}/decision", s.paper)))
        .json(&json!({"label": "accept_oral"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    // On the page: a confirmation listing the paper, and nothing saved until confirmed.
    let url = app.at(&format!("/venues/{}/decisions", s.slug));
    let csrf = csrf_of(&s.chair, &url).await;
    let p2 = second.to_string();
    let form = [
        ("csrf", csrf.as_str()),
        ("back", ""),
        (&format!("was_{p2}"), ""),
        (&format!("d_{p2}"), "reject"),
    ];
    let res = s.chair.post(&url).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"confirm-decisions\"") && page.contains(">1/2<"), "{page}");
    let t = json_of(table(&app, &s.chair, &s.slug, "?decision=reject").await).await;
    assert_eq!(t["rows"].as_array().unwrap().len(), 0, "not saved before confirming");
    let mut confirmed = form.to_vec();
    confirmed.push(("missing_reviews_ok", "yes"));
    let res = s.chair.post(&url).form(&confirmed).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let t = json_of(table(&app, &s.chair, &s.slug, "?decision=reject").await).await;
    assert_eq!(t["rows"][0]["submission_id"], second);

    // The reviewer who still owes a review learns the paper is decided; the one who wrote theirs does not need to.
    let (_, rb) = &s.reviewer_b;
    let mine = rb.get(app.at("/reviews")).send().await.unwrap().text().await.unwrap();
    assert!(mine.contains(&format!("id=\"decided-{second}\"")), "{mine}");
    let review = rb
        .get(app.at(&format!("/submissions/{second}/review")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(review.contains("id=\"decided-pending\""));
    let (_, ra) = &s.reviewer_a;
    let done = ra
        .get(app.at(&format!("/submissions/{second}/review")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!done.contains("id=\"decided-pending\""));
}
