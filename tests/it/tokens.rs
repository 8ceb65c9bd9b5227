//! Personal API tokens: create, use as Bearer, list, revoke; other users' tokens are out of reach.

use serde_json::json;

use crate::support::{TestApp, csrf_of, json_of};

#[tokio::test]
async fn a_token_authenticates_until_revoked() {
    let app = TestApp::new().await;
    app.user("tok@example.org", false);
    let c = app.client();
    app.api_login(&c, "tok@example.org").await;
    let res = c
        .post(app.at("/api/v1/tokens"))
        .json(&json!({"name": "import script"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created = json_of(res).await;
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("xh_"));
    let id = created["token"]["id"].as_i64().unwrap();

    let bare = reqwest::Client::new();
    let me = json_of(bare.get(app.at("/api/v1/me")).bearer_auth(&secret).send().await.unwrap()).await;
    assert_eq!(me["email"], "tok@example.org");

    let list = json_of(c.get(app.at("/api/v1/tokens")).send().await.unwrap()).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0]["last_used_at"].is_string());
    assert!(!list.to_string().contains(&secret), "the secret is never listed");

    assert_eq!(
        c.delete(app.at(&format!("/api/v1/tokens/{id}"))).send().await.unwrap().status(),
        204
    );
    let res = bare.get(app.at("/api/v1/me")).bearer_auth(&secret).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(json_of(res).await["error"], "unauthorized");
}

#[tokio::test]
async fn nobody_can_revoke_another_users_token() {
    let app = TestApp::new().await;
    app.user("owner@example.org", false);
    app.user("other@example.org", false);
    let owner = app.client();
    app.api_login(&owner, "owner@example.org").await;
    let created = json_of(
        owner
            .post(app.at("/api/v1/tokens"))
            .json(&json!({"name": "mine"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = created["token"]["id"].as_i64().unwrap();
    let secret = created["secret"].as_str().unwrap().to_string();

    let other = app.client();
    app.api_login(&other, "other@example.org").await;
    assert_eq!(
        other.delete(app.at(&format!("/api/v1/tokens/{id}"))).send().await.unwrap().status(),
        404
    );
    let csrf = csrf_of(&other, &app.at("/tokens")).await;
    let res = other
        .post(app.at(&format!("/tokens/{id}/revoke")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(
        json_of(other.get(app.at("/api/v1/tokens")).send().await.unwrap())
            .await
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        reqwest::Client::new()
            .get(app.at("/api/v1/me"))
            .bearer_auth(&secret)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn the_tokens_page_creates_shows_once_and_revokes() {
    let app = TestApp::new().await;
    app.user("page@example.org", false);
    let c = app.client();
    app.page_login(&c, "page@example.org", crate::support::PASSWORD).await;
    let csrf = csrf_of(&c, &app.at("/tokens")).await;
    let html = c
        .post(app.at("/tokens"))
        .form(&[("csrf", csrf.as_str()), ("name", "")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("1 to 100") || html.contains("1 到 100"), "empty name refused");
    let html = c
        .post(app.at("/tokens"))
        .form(&[("csrf", csrf.as_str()), ("name", "laptop")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html.find("id=\"new-token\">").unwrap() + "id=\"new-token\">".len();
    let secret = &html[start..start + html[start..].find('<').unwrap()];
    assert!(secret.starts_with("xh_"));
    let again = c.get(app.at("/tokens")).send().await.unwrap().text().await.unwrap();
    assert!(!again.contains(secret), "shown only once");
    assert!(again.contains("laptop"));
}

async fn new_token(app: &TestApp, c: &reqwest::Client, name: &str) -> String {
    let res = c
        .post(app.at("/api/v1/tokens"))
        .json(&json!({ "name": name }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    json_of(res).await["secret"].as_str().unwrap().to_string()
}

async fn token_status(app: &TestApp, secret: &str) -> reqwest::StatusCode {
    reqwest::Client::new()
        .get(app.at("/api/v1/me"))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn a_completed_password_reset_revokes_every_token_and_says_so() {
    let app = TestApp::new().await;
    app.user("taken-over@example.org", false);
    // An attacker who had the password made tokens to keep access.
    let attacker = app.client();
    app.api_login(&attacker, "taken-over@example.org").await;
    let (a, b) = (
        new_token(&app, &attacker, "backdoor").await,
        new_token(&app, &attacker, "backdoor 2").await,
    );
    assert_eq!(token_status(&app, &a).await, 200);

    // The owner resets the password by the mailed link.
    let owner = app.client();
    let csrf = csrf_of(&owner, &app.at("/password/forgot")).await;
    owner
        .post(app.at("/password/forgot"))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("email", "taken-over@example.org")])
        .send()
        .await
        .unwrap();
    let (_, body) = app.last_mail_to("taken-over@example.org").unwrap();
    assert!(body.contains("revokes all your personal API tokens"), "{body}");
    let path = crate::support::link_in(&body)
        .trim_start_matches(&app.state.config.base_url)
        .to_string();
    let token = path.split("token=").nth(1).unwrap().to_string();
    let form = crate::support::page_text(&app, &owner, &path, "en").await;
    assert!(form.contains("revokes all your personal API tokens"), "the reset page says so");
    let zh = crate::support::page_text(&app, &owner, &path, "zh-CN").await;
    assert!(zh.contains("所有个人 API 令牌也会被撤销"), "and in Chinese");
    let csrf = crate::support::extract_csrf(&form).unwrap();
    let res = owner
        .post(app.at("/reset"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token.as_str()),
            ("password", "a brand new password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    // Neither token nor the attacker's session works any more.
    assert_eq!(token_status(&app, &a).await, 401);
    assert_eq!(token_status(&app, &b).await, 401);
    assert_eq!(attacker.get(app.at("/api/v1/me")).send().await.unwrap().status(), 401);
    // The login page tells the owner, and so does a mail.
    let login = crate::support::page_text(&app, &owner, "/login", "en").await;
    assert!(login.contains("all your API tokens were revoked"), "{login}");
    let (subject, body) = app.last_mail_to("taken-over@example.org").unwrap();
    assert!(
        subject.contains("password has been changed") || subject.contains("密码已修改"),
        "{subject}"
    );
    assert!(
        body.contains("all 2 of your personal API tokens were revoked") || body.contains("2 个个人 API 令牌也已全部撤销"),
        "{body}"
    );
}

#[tokio::test]
async fn revoke_all_on_the_page_and_through_the_api() {
    let app = TestApp::new().await;
    app.user("many@example.org", false);
    let c = app.client();
    app.page_login(&c, "many@example.org", crate::support::PASSWORD).await;
    let (a, b) = (new_token(&app, &c, "one").await, new_token(&app, &c, "two").await);
    let html = crate::support::page_text(&app, &c, "/tokens", "en").await;
    assert!(html.contains("Revoke all tokens"));
    let csrf = crate::support::extract_csrf(&html).unwrap();
    let res = c
        .post(app.at("/tokens/revoke-all"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(token_status(&app, &a).await, 401);
    assert_eq!(token_status(&app, &b).await, 401);
    let html = crate::support::page_text(&app, &c, "/tokens", "zh-CN").await;
    assert!(html.contains("您的全部令牌均已撤销"), "flash");

    // The API: every token, including the calling one.
    let (x, y) = (new_token(&app, &c, "x").await, new_token(&app, &c, "y").await);
    let res = reqwest::Client::new()
        .delete(app.at("/api/v1/tokens"))
        .bearer_auth(&x)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["revoked"], 2);
    assert_eq!(token_status(&app, &x).await, 401);
    assert_eq!(token_status(&app, &y).await, 401);
}
