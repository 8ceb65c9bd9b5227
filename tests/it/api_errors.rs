//! Bad input gets a clear answer: 400 for malformed requests, 422 with field messages for
//! invalid values, 404 in the right format for unknown paths.

use serde_json::json;

use crate::support::{TestApp, json_of};

#[tokio::test]
async fn malformed_json_is_a_400_that_says_why() {
    let app = TestApp::new().await;
    let c = app.client();
    let res = c
        .post(app.at("/api/v1/session"))
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body = json_of(res).await;
    assert_eq!(body["error"], "bad_request");
    assert!(body["message"].as_str().unwrap().starts_with("malformed JSON"), "{body}");

    let res = c
        .post(app.at("/api/v1/accounts"))
        .header("content-type", "application/json")
        .body("{\"email\": 42}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "wrong types are malformed too");

    let res = c
        .post(app.at("/api/v1/session"))
        .header("content-type", "text/plain")
        .body("email=x")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(json_of(res).await["message"], "Content-Type must be application/json");
}

#[tokio::test]
async fn invalid_fields_are_a_422_naming_each_field() {
    let app = TestApp::new().await;
    let res = app
        .client()
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"email": "no-at-sign", "password": "123", "orcid": "0000-0000-0000-0000"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = json_of(res).await;
    assert_eq!(body["error"], "validation");
    assert_eq!(body["fields"]["email"], "Enter a valid e-mail address.");
    assert_eq!(body["fields"]["password"], "Use at least 10 characters.");
    assert!(body["fields"]["name_latin"].is_string());
    assert!(body["fields"]["orcid"].is_string());
}

#[tokio::test]
async fn unknown_paths_are_404_as_json_in_the_api_and_as_a_page_elsewhere() {
    let app = TestApp::new().await;
    let c = app.client();
    let res = c.get(app.at("/api/v1/nothing-here")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(
        res.headers()["x-request-id"].len(),
        36,
        "every answer carries the id its log lines have"
    );
    assert_eq!(json_of(res).await["error"], "not_found");
    let res = c.get(app.at("/nothing-here")).header("accept-language", "en").send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(res.text().await.unwrap().contains("does not exist"));
    app.user("n@example.org", false);
    app.api_login(&c, "n@example.org").await;
    let res = c.delete(app.at("/api/v1/tokens/not-a-number")).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = TestApp::new().await;
    let doc = json_of(app.client().get(app.at("/api/v1/openapi.json")).send().await.unwrap()).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/session",
        "/api/v1/me",
        "/api/v1/tokens",
        "/api/v1/tokens/{id}",
        "/api/v1/accounts",
        "/healthz",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing from the OpenAPI document");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
