//! Builders for register and catalogue tests: organisers, fields, journals.

use reqwest::Client;
use serde_json::{Value, json};

use super::{TestApp, json_of};

/// A logged-in API client for a new account with the site-wide organiser role.
pub async fn organiser(app: &TestApp, email: &str) -> (i64, Client) {
    let id = app.user(email, false);
    {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::auth::roles::grant(&mut conn, id, "organiser", "site", 0).unwrap();
    }
    let client = app.client();
    app.api_login(&client, email).await;
    (id, client)
}

/// Adds a subject field through the API.
pub async fn field(app: &TestApp, client: &Client, code: &str, zh: &str, en: &str) {
    let res = client
        .post(app.at("/api/v1/fields"))
        .json(&json!({"code": code, "name_zh": zh, "name_en": en}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
}

/// A valid ISSN from a number (the check digit is computed).
pub fn issn(n: u32) -> String {
    let seven = format!("{:07}", n % 10_000_000);
    let c = xuehui::journals::identifiers::issn_check_digit(&seven).unwrap();
    format!("{}-{}{c}", &seven[..4], &seven[4..])
}

/// A journal body for the API.
pub fn journal_body(name_en: &str, issn: &str, country: &str, languages: &[&str], kind: &str, fields: &[&str]) -> Value {
    json!({"name_zh": "", "name_en": name_en, "issn": issn, "country": country, "languages": languages, "kind": kind, "fields": fields})
}

/// Adds a journal through the API; returns its id.
pub async fn journal(app: &TestApp, client: &Client, body: Value) -> i64 {
    let res = client.post(app.at("/api/v1/journals")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    json_of(res).await["id"].as_i64().unwrap()
}

/// Posts a CSV file to the import endpoint: (status, report).
pub async fn import(app: &TestApp, client: &Client, csv: &str) -> (u16, Value) {
    let res = client
        .post(app.at("/api/v1/journals/import"))
        .header("content-type", "text/csv; charset=utf-8")
        .body(csv.to_string())
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, json_of(res).await)
}
