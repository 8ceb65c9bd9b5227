//! Chairs invite reviewers and area chairs by e-mail; invitees accept with an account or decline
//! without one; nobody else can see or change a venue's committee.

use serde_json::{Value, json};

use crate::support::rows::{error_beside, input_value};
use crate::support::{PASSWORD, TestApp, csrf_of, json_of, link_in};

/// The token of the newest invitation mailed to `addr`.
fn invitation_token(app: &TestApp, addr: &str) -> String {
    let (_, body) = app.last_mail_to(addr).expect("an invitation mail");
    let link = link_in(&body);
    link.rsplit("/invitations/").next().unwrap().to_string()
}

async fn committee(app: &TestApp, chair: &reqwest::Client, slug: &str) -> Vec<Value> {
    let res = chair.get(app.at(&format!("/api/v1/venues/{slug}/committee"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    json_of(res).await.as_array().unwrap().clone()
}

fn member<'a>(list: &'a [Value], email: &str) -> &'a Value {
    list.iter()
        .find(|m| m["email"] == email)
        .unwrap_or_else(|| panic!("{email} not in {list:?}"))
}

#[tokio::test]
async fn invitees_accept_with_an_account_or_decline_without_one_and_suggest_someone() {
    let app = TestApp::new().await;
    let chair = crate::venues::venue_with_chair(&app, "conf").await;
    app.user("known@example.cn", false);
    // The invitee's saved language decides the mail's language.
    let known = app.client();
    app.api_login(&known, "known@example.cn").await;
    let res = known
        .patch(app.at("/api/v1/me"))
        .json(&json!({"name_zh": "已注册", "preferred_lang": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

    // Bad input is refused as a whole.
    let res = chair
        .post(app.at("/api/v1/venues/conf/committee"))
        .json(&json!({"invitees": [{"email": "known@example.cn"}, {"email": "not-an-address"}], "role": "reviewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = json_of(res).await;
    assert!(
        body["fields"]["invitees[1].email"].as_str().unwrap().contains("valid e-mail"),
        "{body}"
    );
    assert!(
        body["fields"].get("invitees[0].email").is_none(),
        "the good row is not named: {body}"
    );
    assert!(committee(&app, &chair, "conf").await.is_empty());

    let res = chair
        .post(app.at("/api/v1/venues/conf/committee"))
        .json(
            &json!({"invitees": [{"email": "Known@example.cn", "name": "Known"}, {"email": "new@example.org", "name": "新人"}],
                      "role": "reviewer", "message": "We would value your expertise."}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let summary = json_of(res).await;
    assert_eq!(summary["invited"], json!(["known@example.cn", "new@example.org"]));
    let (subject, body) = app.last_mail_to("known@example.cn").unwrap();
    assert!(subject.starts_with("Invitation to join the programme committee"), "{subject}");
    assert!(body.contains("We would value your expertise."));
    let (subject, _) = app.last_mail_to("new@example.org").unwrap();
    assert!(subject.contains("程序委员会") || subject.contains("programme committee"));

    // Declining needs no account, and the suggestion reaches the chair.
    let token = invitation_token(&app, "new@example.org");
    let anon = app.client();
    let page = anon
        .get(app.at(&format!("/invitations/{token}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("id=\"login-to-accept\"") && html.contains("Annual Conference 2027"));
    let csrf = csrf_of(&anon, &app.at(&format!("/invitations/{token}"))).await;
    let res = anon
        .post(app.at(&format!("/invitations/{token}/decline")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("reason", "On sabbatical"),
            ("suggestion", "Dr. Wang <wang@example.org>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let list = committee(&app, &chair, "conf").await;
    let declined = member(&list, "new@example.org");
    assert_eq!(declined["status"], "declined");
    assert_eq!(declined["suggestion"], "Dr. Wang <wang@example.org>");
    assert!(declined.get("token_hash").is_none(), "link secrets never leave the server");

    // Accepting needs an account; it grants the venue's reviewer role.
    let token = invitation_token(&app, "known@example.cn");
    let res = anon
        .post(app.at(&format!("/api/v1/invitations/{token}/accept")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let browser = app.client();
    assert_eq!(app.page_login(&browser, "known@example.cn", PASSWORD).await.status(), 303);
    let csrf = csrf_of(&browser, &app.at(&format!("/invitations/{token}"))).await;
    let res = browser
        .post(app.at(&format!("/invitations/{token}/accept")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let me = json_of(known.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert!(
        me["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["role"] == "reviewer" && r["scope_kind"] == "venue"),
        "{me}"
    );
    let list = committee(&app, &chair, "conf").await;
    assert_eq!(member(&list, "known@example.cn")["status"], "accepted");

    // Inviting again: members are skipped; a declined invitee gets a fresh link, the old one dies.
    let old = invitation_token(&app, "new@example.org");
    let res = chair
        .post(app.at("/api/v1/venues/conf/committee"))
        .json(&json!({"invitees": [{"email": "known@example.cn"}, {"email": "new@example.org"}], "role": "reviewer"}))
        .send()
        .await
        .unwrap();
    let summary = json_of(res).await;
    assert_eq!(summary["already_members"], json!(["known@example.cn"]));
    assert_eq!(summary["reinvited"], json!(["new@example.org"]));
    let res = anon.get(app.at(&format!("/api/v1/invitations/{old}"))).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let fresh = invitation_token(&app, "new@example.org");
    assert_ne!(fresh, old);
    assert_eq!(
        json_of(anon.get(app.at(&format!("/api/v1/invitations/{fresh}"))).send().await.unwrap()).await["status"],
        "invited"
    );

    // Removing a member takes the role away.
    let id = member(&committee(&app, &chair, "conf").await, "known@example.cn")["id"]
        .as_i64()
        .unwrap();
    let res = chair
        .delete(app.at(&format!("/api/v1/venues/conf/committee/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["assignments_ended"], 0);
    let me = json_of(known.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert!(!me["roles"].as_array().unwrap().iter().any(|r| r["role"] == "reviewer"), "{me}");
}

#[tokio::test]
async fn only_the_venues_chairs_see_or_change_its_committee() {
    let app = TestApp::new().await;
    let chair = crate::venues::venue_with_chair(&app, "conf").await;
    let other_admin = crate::venues::venue_with_chair(&app, "other").await;
    // A chair of another venue who is not a site administrator.
    let other_id = json_of(other_admin.get(app.at("/api/v1/venues/other")).send().await.unwrap()).await["id"]
        .as_i64()
        .unwrap();
    let other_chair_id = app.user("otherchair@example.org", false);
    xuehui::auth::roles::grant(
        &mut app.state.db.conn().unwrap(),
        other_chair_id,
        xuehui::auth::roles::Role::Chair,
        xuehui::auth::roles::Scope::Venue,
        other_id,
    )
    .unwrap();
    let other_chair = app.client();
    app.api_login(&other_chair, "otherchair@example.org").await;
    let res = chair
        .post(app.at("/api/v1/venues/conf/committee"))
        .json(&json!({"invitees": [{"email": "r@example.cn"}], "role": "area_chair"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let id = committee(&app, &chair, "conf").await[0]["id"].as_i64().unwrap();
    assert_eq!(invitation_token(&app, "r@example.cn").len(), 43);

    app.user("stranger@example.cn", false);
    let stranger = app.client();
    app.api_login(&stranger, "stranger@example.cn").await;
    for c in [&stranger, &other_chair] {
        let res = c.get(app.at("/api/v1/venues/conf/committee")).send().await.unwrap();
        assert_eq!(res.status(), 404);
        let res = c
            .post(app.at("/api/v1/venues/conf/committee"))
            .json(&json!({"invitees": [{"email": "x@example.cn"}], "role": "reviewer"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
        let res = c
            .delete(app.at(&format!("/api/v1/venues/conf/committee/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 404);
    }
    // Another venue's chair cannot reach this invitation through their own venue either.
    let res = other_chair
        .delete(app.at(&format!("/api/v1/venues/other/committee/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let res = app.client().get(app.at("/venues/conf/committee")).send().await.unwrap();
    assert_eq!(res.status(), 303, "anonymous visitors are sent to log in");
    assert_eq!(committee(&app, &chair, "conf").await.len(), 1);
    // A made-up link is 404, on the page too.
    let res = app.client().get(app.at("/invitations/made-up-token")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_committee_page_invites_from_rows_naming_a_bad_row_and_keeping_every_row() {
    let app = TestApp::new().await;
    crate::venues::venue_with_chair(&app, "conf").await;
    let c = app.client();
    assert_eq!(app.page_login(&c, "admin-conf@example.org", PASSWORD).await.status(), 303);
    let csrf = csrf_of(&c, &app.at("/venues/conf/committee")).await;
    let page = c
        .get(app.at("/venues/conf/committee"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"add-invitees\"") && page.contains("name=\"invitees[0].email\""));
    let res = c
        .post(app.at("/venues/conf/committee/invite"))
        .header("accept-language", "zh-CN")
        .form(&[
            ("csrf", csrf.as_str()),
            ("invitees[0].email", "li@example.cn"),
            ("invitees[0].name", "李四"),
            ("invitees[1].email", ""),
            ("invitees[1].name", ""),
            ("invitees[2].email", "broken"),
            ("invitees[2].name", "赵六"),
            ("role", "reviewer"),
            ("message", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "invitees[2].email").as_deref(),
        Some("请输入有效的邮箱地址。"),
        "{html}"
    );
    assert_eq!(error_beside(&html, "invitees[0].email"), None);
    assert_eq!(input_value(&html, "invitees[0].email").as_deref(), Some("li@example.cn"));
    assert_eq!(input_value(&html, "invitees[0].name").as_deref(), Some("李四"));
    assert_eq!(input_value(&html, "invitees[2].email").as_deref(), Some("broken"));
    assert_eq!(input_value(&html, "invitees[2].name").as_deref(), Some("赵六"));
    assert!(app.mails_to("li@example.cn").is_empty(), "nobody is invited while a row is wrong");
    let res = c
        .post(app.at("/venues/conf/committee/invite"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("invitees[0].email", "li@example.cn"),
            ("invitees[0].name", "李四"),
            ("invitees[2].email", "zhao@example.cn"),
            ("invitees[3].email", "gone@example.cn"),
            ("invitees[3].remove", "1"),
            ("role", "reviewer"),
            ("message", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let html = c.get(app.at("/venues/conf/committee")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("li@example.cn") && html.contains("zhao@example.cn") && html.contains("data-status=\"invited\""));
    assert!(!html.contains("gone@example.cn"), "a removed row invites nobody");
}
