//! The editorial office at work: the queue each member sees, the handling editor, the desk
//! check, and the authors' withdrawal.

use serde_json::{Value, json};

use crate::support::catalogue::account;
use crate::support::journal::{
    Office, add_section, editorial, manuscript_form, manuscript_meta, office, open_journal, put_setup, submit_manuscript,
};
use crate::support::upload::api_token;
use crate::support::{TestApp, csrf_of, json_of, page_text};

/// The office with an open journal, a second section (REV) nobody edits, and an author who
/// submitted one manuscript to each: (office, author client, ART manuscript, REV manuscript).
async fn scene(app: &TestApp) -> (Office, reqwest::Client, i64, i64) {
    let o = office(app).await;
    let art = open_journal(app, &o).await;
    let (_, rev) = add_section(
        app,
        &o.chief,
        o.journal,
        json!({"code": "REV", "title_en": "Reviews", "open": true, "peer_reviewed": true}),
    )
    .await;
    let (_, author) = account(app, "li@uni.example").await;
    let token = api_token(&author, &app.url).await;
    let mut ids = Vec::new();
    for section in [art, rev["id"].as_i64().unwrap()] {
        let (status, m) = submit_manuscript(
            app,
            &token,
            o.journal,
            manuscript_form(&manuscript_meta(section, "li@uni.example", 1), false),
        )
        .await;
        assert_eq!(status, 201, "{m}");
        ids.push(m["id"].as_i64().unwrap());
    }
    (o, author, ids[0], ids[1])
}

async fn queue(app: &TestApp, c: &reqwest::Client, journal: i64, query: &str) -> (u16, Value) {
    let res = c
        .get(app.at(&format!("/api/v1/journals/{journal}/manuscripts{query}")))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), json_of(res).await)
}

fn ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[actix_web::test]
async fn each_member_of_the_office_sees_the_queue_they_may_see() {
    let app = TestApp::new().await;
    let (o, author, art, rev) = scene(&app).await;
    for (who, c, want) in [
        ("chief", &o.chief, vec![rev, art]),
        ("managing", &o.managing, vec![rev, art]),
        ("assistant", &o.assistant, vec![rev, art]),
        ("section editor", &o.section, vec![art]),
    ] {
        let (s, page) = queue(&app, c, o.journal, "").await;
        assert_eq!((s, ids(&page)), (200, want), "{who}");
    }
    for (who, c) in [
        ("board", &o.board),
        ("stranger", &o.stranger),
        ("other chief", &o.other_chief),
        ("author", &author),
    ] {
        assert_eq!(queue(&app, c, o.journal, "").await.0, 404, "{who}");
    }
    // Handling a manuscript of another section brings it into the section editor's queue.
    let res = o
        .assistant
        .put(app.at(&format!("/api/v1/manuscripts/{rev}/editor")))
        .json(&json!({"user_id": o.section_editor_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let subject = app.last_mail_to("section@j.example").unwrap().0;
    assert!(subject.contains("第 2 号") || subject.contains("#2"), "{subject}");
    assert_eq!(ids(&queue(&app, &o.section, o.journal, "").await.1), vec![rev, art]);
    assert_eq!(ids(&queue(&app, &o.section, o.journal, "?mine=true").await.1), vec![rev]);
    assert_eq!(ids(&queue(&app, &o.chief, o.journal, "?stage=review").await.1), Vec::<i64>::new());
    let (s, body) = queue(&app, &o.chief, o.journal, "?stage=lost").await;
    assert_eq!((s, body["fields"]["stage"].is_string()), (422, true), "{body}");
    let html = o
        .chief
        .get(app.at(&format!("/journals/{}/manuscripts?stage=lost", o.journal)))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Unknown stage"), "the page says what is wrong");
    // The chief does not see in the queue a manuscript that names them as an author.
    let token = api_token(&author, &app.url).await;
    let mut meta = manuscript_meta(
        editorial(&app, &o.chief, o.journal).await["sections"][0]["id"].as_i64().unwrap(),
        "li@uni.example",
        1,
    );
    meta["authors"]
        .as_array_mut()
        .unwrap()
        .push(json!({"family_en": "Chief", "email": "chief@j.example"}));
    let (_, third) = submit_manuscript(&app, &token, o.journal, manuscript_form(&meta, false)).await;
    let third = third["id"].as_i64().unwrap();
    assert!(!ids(&queue(&app, &o.chief, o.journal, "").await.1).contains(&third));
    assert!(ids(&queue(&app, &o.managing, o.journal, "").await.1).contains(&third));
    let en = page_text(&app, &o.section, &format!("/journals/{}/manuscripts", o.journal), "en").await;
    assert!(en.contains("Fairness in peer review") && en.contains("Desk check"), "{en}");
}

#[actix_web::test]
async fn the_handling_editor_is_one_of_the_journals_editors_and_not_an_author() {
    let app = TestApp::new().await;
    let (o, author, art, _) = scene(&app).await;
    let put = |c: &reqwest::Client, user: Value| {
        c.put(app.at(&format!("/api/v1/manuscripts/{art}/editor")))
            .json(&json!({"user_id": user}))
            .send()
    };
    assert_eq!(put(&o.chief, json!(o.stranger_id)).await.unwrap().status(), 422, "not an editor");
    assert_eq!(
        put(&o.section, json!(o.section_editor_id)).await.unwrap().status(),
        404,
        "section editors do not assign"
    );
    assert_eq!(put(&author, json!(o.section_editor_id)).await.unwrap().status(), 404);
    assert_eq!(put(&o.managing, json!(o.section_editor_id)).await.unwrap().status(), 204);
    let m = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{art}"))).send().await.unwrap()).await;
    assert!(
        m["editorial"]["handling_editor"].as_str().unwrap().contains("section@j.example"),
        "{m}"
    );
    assert_eq!(m["editorial"]["history"][1]["kind"], "editor_assigned");
    assert_eq!(put(&o.chief, Value::Null).await.unwrap().status(), 204, "cleared");
}

#[actix_web::test]
async fn the_desk_check_sends_to_review_or_declines_with_the_editors_message() {
    let app = TestApp::new().await;
    let (o, author, art, rev) = scene(&app).await;
    let desk = |c: &reqwest::Client, id: i64, body: Value| c.post(app.at(&format!("/api/v1/manuscripts/{id}/desk"))).json(&body).send();
    let to_review = json!({"decision": "send_to_review"});
    // Section editors of a recommend-only journal recommend; assistants and authors do not decide.
    let res = desk(&o.section, art, to_review.clone()).await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("recommend"));
    assert_eq!(desk(&o.assistant, art, to_review.clone()).await.unwrap().status(), 404);
    assert_eq!(desk(&author, art, to_review.clone()).await.unwrap().status(), 404);
    assert_eq!(desk(&o.chief, art, json!({"decision": "maybe"})).await.unwrap().status(), 422);
    let res = desk(&o.chief, art, to_review.clone()).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["stage"], "review");
    assert_eq!(
        desk(&o.chief, art, to_review.clone()).await.unwrap().status(),
        409,
        "not at the desk any more"
    );
    // Where section editors decide, the section's editor declines at the desk; the author hears why.
    let setup = json!({"enabled": true, "section_editors_decide": true, "checklist": [{"en": "Original"}]});
    assert_eq!(put_setup(&app, &o.chief, o.journal, setup).await.0, 200);
    assert_eq!(
        desk(&o.section, rev, json!({"decision": "reject"})).await.unwrap().status(),
        404,
        "not their section"
    );
    o.chief
        .put(app.at(&format!("/api/v1/manuscripts/{rev}/editor")))
        .json(&json!({"user_id": o.section_editor_id}))
        .send()
        .await
        .unwrap();
    let res = desk(
        &o.section,
        rev,
        json!({"decision": "reject", "message": "Out of the journal's scope."}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let (subject, body) = app.last_mail_to("li@uni.example").unwrap();
    assert!(
        (subject.contains("#2") || subject.contains("第 2 号")) && body.contains("Out of the journal's scope."),
        "{subject}\n{body}"
    );
    let mine = json_of(author.get(app.at("/api/v1/me/manuscripts")).send().await.unwrap()).await;
    let stages: Vec<&str> = mine.as_array().unwrap().iter().map(|m| m["stage"].as_str().unwrap()).collect();
    assert_eq!(stages, ["declined", "review"]);
}

#[actix_web::test]
async fn authors_withdraw_and_the_editors_hear() {
    let app = TestApp::new().await;
    let (o, author, art, _) = scene(&app).await;
    let url = app.at(&format!("/api/v1/manuscripts/{art}/withdraw"));
    assert_eq!(
        o.chief.post(&url).json(&json!({"reason": "x"})).send().await.unwrap().status(),
        404,
        "editors do not withdraw"
    );
    assert_eq!(
        author
            .post(&url)
            .json(&json!({"reason": "Submitted elsewhere by mistake"}))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    let (_, body) = app.last_mail_to("chief@j.example").unwrap();
    assert!(body.contains("Submitted elsewhere by mistake"), "{body}");
    assert!(app.last_mail_to("managing@j.example").unwrap().1.contains("Submitted elsewhere"));
    assert_eq!(
        author.post(&url).json(&json!({})).send().await.unwrap().status(),
        409,
        "already withdrawn"
    );
    let m = json_of(author.get(app.at(&format!("/api/v1/manuscripts/{art}"))).send().await.unwrap()).await;
    assert_eq!(m["stage"], "withdrawn");
}

#[actix_web::test]
async fn the_manuscript_page_carries_the_desk_check_and_the_editor_choice() {
    let app = TestApp::new().await;
    let (o, _author, art, _) = scene(&app).await;
    let web = app.client();
    app.page_login(&web, "chief@j.example", crate::support::PASSWORD).await;
    let url = app.at(&format!("/manuscripts/{art}"));
    let html = web
        .get(&url)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("id=\"desk-reject\"") && html.contains("id=\"editor-form\"") && !html.contains("id=\"withdraw\""),
        "{html}"
    );
    let csrf = csrf_of(&web, &url).await;
    let res = web
        .post(app.at(&format!("/manuscripts/{art}/editor")))
        .form(&[("csrf", csrf.as_str()), ("user_id", &o.section_editor_id.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let long = "bell \u{7} in the text";
    let res = web
        .post(app.at(&format!("/manuscripts/{art}/desk")))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("decision", "reject"), ("message", long)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a control character is refused on the page");
    let res = web
        .post(app.at(&format!("/manuscripts/{art}/desk")))
        .form(&[("csrf", csrf.as_str()), ("decision", "reject"), ("message", "Not for us.")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let zh = page_text(&app, &web, &format!("/manuscripts/{art}"), "zh-CN").await;
    assert!(
        zh.contains("已退稿") && zh.contains("初审退稿") && zh.contains("指定责任编辑"),
        "{zh}"
    );
    // The author's page offers withdrawal only while it can happen: not after the decline.
    app.page_login(&web, "li@uni.example", crate::support::PASSWORD).await;
    let html = web.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("id=\"withdraw\"") && !html.contains("id=\"desk-reject\""));
}

#[actix_web::test]
async fn every_mail_about_a_manuscript_is_on_its_page_with_its_delivery_state() {
    // The journal's mail server is down: mails wait, and the editors see why.
    let port = crate::support::free_port();
    let app = TestApp::with(|c| {
        c.mail = xuehui::config::MailTransport::Smtp(xuehui::config::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: xuehui::config::SmtpTls::None,
            username: None,
            password: None,
            timeout_secs: 5,
        });
    })
    .await;
    let (o, author, art, _) = scene(&app).await;
    let url = app.at(&format!("/api/v1/manuscripts/{art}"));
    let m = json_of(o.chief.get(&url).send().await.unwrap()).await;
    let mails = m["editorial"]["mails"].as_array().unwrap().clone();
    let kinds: Vec<&str> = mails.iter().map(|x| x["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["receipt", "new_manuscript", "new_manuscript", "new_manuscript"], "{m}");
    assert!(mails.iter().all(|x| x["state"] == "queued"));
    app.run_jobs().await;
    let m = json_of(o.chief.get(&url).send().await.unwrap()).await;
    let first = &m["editorial"]["mails"][0];
    // The in-process worker may have tried again meanwhile: at least one failure is recorded.
    assert_eq!(first["state"], "retrying", "{first}");
    assert!(first["attempts"].as_i64().unwrap() >= 1, "{first}");
    assert!(!first["last_error"].as_str().unwrap().is_empty(), "{first}");
    let en = page_text(&app, &o.managing, &format!("/manuscripts/{art}"), "en").await;
    assert!(
        en.contains("Retrying") && en.contains("failed attempts") && en.contains("Connection refused"),
        "{en}"
    );
    // Authors do not see the journal's mails.
    let seen = json_of(author.get(&url).send().await.unwrap()).await;
    assert!(seen["editorial"].is_null() && !seen.to_string().contains("new_manuscript"));
}

#[actix_web::test]
async fn a_delivered_mail_shows_as_sent() {
    let app = TestApp::new().await;
    let (o, _author, art, _) = scene(&app).await;
    o.chief
        .post(app.at(&format!("/api/v1/manuscripts/{art}/desk")))
        .json(&json!({"decision": "reject", "message": "Out of scope."}))
        .send()
        .await
        .unwrap();
    app.run_jobs().await;
    let m = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{art}"))).send().await.unwrap()).await;
    let mails = m["editorial"]["mails"].as_array().unwrap();
    let reject = mails
        .iter()
        .find(|x| x["kind"] == "desk_reject")
        .expect("the decision mail is filed");
    assert_eq!(
        (reject["state"].as_str(), reject["to"].as_str()),
        (Some("sent"), Some("li@uni.example"))
    );
    assert!(reject["body"].as_str().unwrap().contains("Out of scope."));
    assert!(mails.iter().all(|x| x["state"] == "sent" && x["sent_at"].is_string()), "{mails:?}");
}
