//! Topics of young scientists' forums: anyone signed in proposes one, the executive chairs
//! (the forum's chairs, named on its pages) adopt it into the venue's topics or decline it with
//! a reason, and commission topics with a convener who is mailed. Proposals close at the paper
//! deadline; nobody but the chairs decides, and nobody reads other people's proposals.

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use crate::support::participation::call;
use crate::support::review::person;
use crate::support::{TestApp, page_text};

fn api(app: &TestApp, slug: &str, p: &str) -> String {
    app.at(&format!("/api/v1/venues/{slug}{p}"))
}

/// An open youth forum `slug` whose chair (张青, 清华大学) is returned; its call closes in a
/// week, or closed a day ago with `closed`.
async fn forum(app: &TestApp, slug: &str, closed: bool) -> Client {
    app.user(&format!("chair-{slug}@example.org"), true);
    let chair = app.client();
    app.api_login(&chair, &format!("chair-{slug}@example.org")).await;
    let (st, v) = call(
        &chair,
        M::PATCH,
        app.at("/api/v1/me"),
        json!({"name_zh": "张青", "affiliation": "清华大学"}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    let body = json!({
        "slug": slug, "kind": "forum", "title_zh": "青年科学家论坛", "title_en": "Young Scientists Forum",
        "starts_on": "2027-05-10", "ends_on": "2027-05-11", "place": "武汉", "timezone": "Asia/Shanghai", "age_limit": 40
    });
    let (st, v) = call(&chair, M::POST, app.at("/api/v1/venues"), body).await;
    assert_eq!(st, 201, "{v}");
    let days = if closed { -1 } else { 7 };
    let deadline = (chrono::Utc::now() + chrono::Duration::days(days))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let (st, v) = call(
        &chair,
        M::PUT,
        api(app, slug, "/call"),
        json!({"paper_deadline": deadline, "anonymity": "double_blind"}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    let (st, v) = call(&chair, M::POST, api(app, slug, "/open"), json!(null)).await;
    assert_eq!(st, 200, "{v}");
    chair
}

fn proposal(name_en: &str) -> Value {
    json!({"name_zh": "", "name_en": name_en, "description": "Why this matters now.", "convener": "myself"})
}

fn topic_names(venue: &Value) -> Vec<String> {
    venue["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name_en"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn anyone_proposes_a_topic_and_the_executive_chairs_adopt_it_into_the_venues_topics() {
    let app = TestApp::new().await;
    let chair = forum(&app, "ysf-a", false).await;
    let (_, ana) = person(&app, "ana@uni.edu", "安娜", "Uni").await;
    let (st, v) = call(&ana, M::POST, api(&app, "ysf-a", "/forum-topics"), proposal("Quantum sensing")).await;
    assert_eq!(st, 201, "{v}");
    let id = v["proposals"][0]["id"].as_i64().unwrap();
    assert_eq!(v["proposals"][0]["status"], "proposed");
    assert!(
        v["proposals"][0]["proposer"].is_null(),
        "a proposer is not shown their own name back as a chair would be"
    );
    // The chairs are told.
    let (subject, body) = app.last_mail_to("chair-ysf-a@example.org").expect("chairs mailed");
    assert!(subject.contains("Quantum sensing"), "{subject}");
    assert!(body.contains("/venues/ysf-a/topics"), "{body}");
    // Others see no proposal but their own; the public sees adopted topics only.
    let (_, bob) = person(&app, "bob@uni.edu", "鲍勃", "Uni").await;
    let (_, v) = call(&bob, M::GET, api(&app, "ysf-a", "/forum-topics"), json!(null)).await;
    assert_eq!(v["proposals"], json!([]));
    assert_eq!(v["topics"], json!([]));
    let (st, v) = call(&app.client(), M::GET, api(&app, "ysf-a", "/forum-topics"), json!(null)).await;
    assert_eq!(
        (st, v["proposals"].clone(), v["takes_proposals"].clone()),
        (200, json!([]), json!(true))
    );
    // The chair sees who proposed it, and adopts it.
    let (_, v) = call(&chair, M::GET, api(&app, "ysf-a", "/forum-topics"), json!(null)).await;
    assert_eq!(v["chair"], true);
    assert!(v["proposals"][0]["proposer"].as_str().unwrap().contains("安娜"));
    let (st, v) = call(
        &chair,
        M::POST,
        api(&app, "ysf-a", &format!("/forum-topics/{id}/decision")),
        json!({"adopt": true}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["topics"][0]["name_en"], "Quantum sensing");
    assert_eq!(v["topics"][0]["origin"], "proposed");
    // It is now a topic authors choose and reviewers declare.
    let (_, venue) = call(&app.client(), M::GET, api(&app, "ysf-a", ""), json!(null)).await;
    assert_eq!(topic_names(&venue), vec!["Quantum sensing".to_string()]);
    let (subject, _) = app.last_mail_to("ana@uni.edu").expect("proposer mailed");
    assert!(
        subject.contains("采纳"),
        "in the proposer's language (Chinese by default): {subject}"
    );
    // Deciding twice is refused.
    let (st, v) = call(
        &chair,
        M::POST,
        api(&app, "ysf-a", &format!("/forum-topics/{id}/decision")),
        json!({"adopt": false, "note": "x"}),
    )
    .await;
    assert_eq!((st, v["error"].as_str()), (409, Some("conflict")), "{v}");
}

#[tokio::test]
async fn declining_a_topic_needs_a_reason_which_the_proposer_receives() {
    let app = TestApp::new().await;
    let chair = forum(&app, "ysf-d", false).await;
    let (_, ana) = person(&app, "ana@uni.edu", "安娜", "Uni").await;
    let (st, v) = call(
        &ana,
        M::PATCH,
        app.at("/api/v1/me"),
        json!({"name_zh": "安娜", "preferred_lang": "en"}),
    )
    .await;
    assert_eq!(st, 200, "{v}");
    let (_, v) = call(&ana, M::POST, api(&app, "ysf-d", "/forum-topics"), proposal("Facility management")).await;
    let id = v["proposals"][0]["id"].as_i64().unwrap();
    let url = api(&app, "ysf-d", &format!("/forum-topics/{id}/decision"));
    let (st, v) = call(&chair, M::POST, url.clone(), json!({"adopt": false})).await;
    assert_eq!(st, 422, "{v}");
    assert_eq!(v["fields"]["note"], "Give the proposer a reason for declining.");
    let (st, _) = call(
        &chair,
        M::POST,
        url,
        json!({"adopt": false, "note": "It belongs to the annual conference."}),
    )
    .await;
    assert_eq!(st, 200);
    let (subject, body) = app.last_mail_to("ana@uni.edu").unwrap();
    assert!(subject.contains("not adopted"), "{subject}");
    assert!(body.contains("It belongs to the annual conference."), "{body}");
    let (_, v) = call(&ana, M::GET, api(&app, "ysf-d", "/forum-topics"), json!(null)).await;
    assert_eq!(v["proposals"][0]["status"], "declined");
    assert_eq!(v["proposals"][0]["decision_note"], "It belongs to the annual conference.");
    assert_eq!(v["topics"], json!([]));
    // A proposal without a description is refused with the field named.
    let (st, v) = call(&ana, M::POST, api(&app, "ysf-d", "/forum-topics"), json!({"name_en": "Bare"})).await;
    assert_eq!(
        (st, v["fields"]["description"].as_str()),
        (422, Some("Say what the topic covers and why now."))
    );
}

#[tokio::test]
async fn chairs_commission_a_topic_whose_convener_is_mailed_and_the_pages_name_the_executive_chairs() {
    let app = TestApp::new().await;
    let chair = forum(&app, "ysf-c", false).await;
    let (st, v) = call(
        &chair,
        M::POST,
        api(&app, "ysf-c", "/forum-topics/commissions"),
        json!({"name_zh": "面向科学发现的人工智能", "name_en": "AI for discovery", "convener": "王敏（中国科学院）", "convener_email": "Wang@CAS.cn"}),
    )
    .await;
    assert_eq!(st, 201, "{v}");
    assert_eq!(v["topics"][0]["origin"], "commissioned");
    assert_eq!(v["topics"][0]["status"], "adopted");
    assert_eq!(v["topics"][0]["convener_email"], "wang@cas.cn");
    let (subject, body) = app.last_mail_to("wang@cas.cn").expect("convener mailed");
    assert!(subject.contains("召集人"), "{subject}");
    assert!(body.contains("张青"), "{body}");
    // A convener needs naming; a bad address is refused.
    let (st, v) = call(
        &chair,
        M::POST,
        api(&app, "ysf-c", "/forum-topics/commissions"),
        json!({"name_en": "X", "convener_email": "nope"}),
    )
    .await;
    assert_eq!(st, 422);
    assert!(
        v["fields"]["convener"].is_string() && v["fields"]["convener_email"].is_string(),
        "{v}"
    );
    // The public reads the topic and the executive chairs, without addresses, in both languages.
    let anon = app.client();
    let (_, v) = call(&anon, M::GET, api(&app, "ysf-c", "/forum-topics"), json!(null)).await;
    assert!(v["topics"][0]["convener_email"].is_null(), "{v}");
    assert_eq!(v["executive_chairs"], json!([{"name": "张青", "affiliation": "清华大学"}]));
    let zh = page_text(&app, &anon, "/venues/ysf-c/topics", "zh-CN").await;
    assert!(
        zh.contains("执行主席") && zh.contains("面向科学发现的人工智能") && zh.contains("委托专题"),
        "{zh}"
    );
    assert!(!zh.contains("wang@cas.cn"));
    let en = page_text(&app, &anon, "/venues/ysf-c/topics", "en").await;
    assert!(
        en.contains("Executive chairs") && en.contains("AI for discovery") && en.contains("commissioned"),
        "{en}"
    );
    let venue = page_text(&app, &anon, "/venues/ysf-c", "zh-CN").await;
    assert!(
        venue.contains("执行主席") && venue.contains("清华大学") && venue.contains("/venues/ysf-c/topics"),
        "{venue}"
    );
}

#[tokio::test]
async fn proposals_close_at_the_paper_deadline_and_the_page_says_so() {
    let app = TestApp::new().await;
    forum(&app, "ysf-late", true).await;
    let (_, ana) = person(&app, "ana@uni.edu", "安娜", "Uni").await;
    let (st, v) = call(&ana, M::POST, api(&app, "ysf-late", "/forum-topics"), proposal("Late idea")).await;
    assert_eq!((st, v["error"].as_str()), (409, Some("conflict")), "{v}");
    assert!(v["message"].as_str().is_some());
    let page = page_text(&app, &ana, "/venues/ysf-late/topics", "en").await;
    assert!(
        page.contains("takes no topic proposals now") && !page.contains("propose-form"),
        "{page}"
    );
}

#[tokio::test]
async fn only_a_forums_chairs_decide_or_commission_and_other_venues_have_no_topics_pages() {
    let app = TestApp::new().await;
    let chair = forum(&app, "ysf-x", false).await;
    forum(&app, "ysf-y", false).await;
    let (_, ana) = person(&app, "ana@uni.edu", "安娜", "Uni").await;
    let (_, v) = call(&ana, M::POST, api(&app, "ysf-x", "/forum-topics"), proposal("Mine")).await;
    let id = v["proposals"][0]["id"].as_i64().unwrap();
    // The proposer, another user and another forum's chair cannot decide (404).
    let other_chair = app.client();
    app.api_login(&other_chair, "chair-ysf-y@example.org").await;
    let (_, bob) = person(&app, "bob@uni.edu", "鲍勃", "Uni").await;
    for c in [&ana, &bob] {
        let (st, _) = call(
            c,
            M::POST,
            api(&app, "ysf-x", &format!("/forum-topics/{id}/decision")),
            json!({"adopt": true}),
        )
        .await;
        assert_eq!(st, 404);
        let (st, _) = call(
            c,
            M::POST,
            api(&app, "ysf-x", "/forum-topics/commissions"),
            json!({"name_en": "X", "convener": "Y"}),
        )
        .await;
        assert_eq!(st, 404);
    }
    // Another forum's chair reaching for this topic through their own forum finds nothing.
    let (st, _) = call(
        &other_chair,
        M::POST,
        api(&app, "ysf-y", &format!("/forum-topics/{id}/decision")),
        json!({"adopt": true}),
    )
    .await;
    assert_eq!(st, 404);
    // Pages refuse the same way.
    let csrf = crate::support::csrf_of(&bob, &app.at("/venues/ysf-x/topics")).await;
    let res = bob
        .post(app.at(&format!("/venues/ysf-x/topics/{id}/decide")))
        .form(&[("csrf", csrf.as_str()), ("adopt", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let (_, v) = call(&chair, M::GET, api(&app, "ysf-x", "/forum-topics"), json!(null)).await;
    assert_eq!(v["proposals"][0]["status"], "proposed");
    // A conference has no forum topics; a draft forum is hidden from the public.
    crate::venues::venue_with_chair(&app, "conf-z").await;
    let (st, _) = call(&app.client(), M::GET, api(&app, "conf-z", "/forum-topics"), json!(null)).await;
    assert_eq!(st, 404);
    let draft = json!({"slug": "ysf-draft", "kind": "forum", "title_zh": "草稿", "title_en": "Draft", "timezone": "Asia/Shanghai"});
    let (st, v) = call(&chair, M::POST, app.at("/api/v1/venues"), draft).await;
    assert_eq!(st, 201, "{v}");
    let res = app.client().get(app.at("/venues/ysf-draft/topics")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_topics_page_takes_a_proposal_and_keeps_what_was_typed_on_an_error() {
    let app = TestApp::new().await;
    forum(&app, "ysf-p", false).await;
    let (_, ana) = person(&app, "ana@uni.edu", "安娜", "Uni").await;
    let csrf = crate::support::csrf_of(&ana, &app.at("/venues/ysf-p/topics")).await;
    let res = ana
        .post(app.at("/venues/ysf-p/topics"))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("name_en", "Soft robotics"), ("description", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("Soft robotics") && html.contains("Say what the topic covers"),
        "{html}"
    );
    let res = ana
        .post(app.at("/venues/ysf-p/topics"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name_en", "Soft robotics"),
            ("description", "Grippers that learn."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = page_text(&app, &ana, "/venues/ysf-p/topics", "en").await;
    assert!(page.contains("Your proposals") && page.contains("waiting for the chairs"), "{page}");
}
