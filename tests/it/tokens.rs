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
