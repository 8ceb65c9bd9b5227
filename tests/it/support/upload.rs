//! Submitting a paper through the API as a logged-in author, on any process's address.

use reqwest::Client;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::json_of;

/// A personal API token that `author` (logged in at `base`) makes there.
pub async fn api_token(author: &Client, base: &str) -> String {
    let res = author
        .post(format!("{base}/api/v1/tokens"))
        .json(&json!({"name": "upload"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    json_of(res).await["secret"].as_str().unwrap().to_string()
}

/// The API's submission body: metadata with `email` as the one author, and `pdf`.
pub fn paper_form(email: &str, pdf: &[u8]) -> Form {
    let meta = json!({"title_en": "Where files live", "abstract_text": "存储测试", "track": "main",
                      "authors": [{"name_latin": "Li Hua", "email": email}], "corresponding": 0, "presenter": 0});
    Form::new().text("metadata", meta.to_string()).part(
        "pdf",
        Part::bytes(pdf.to_vec()).file_name("p.pdf").mime_str("application/pdf").unwrap(),
    )
}

/// Sends `form` to venue `slug` at `base` with `token`.
pub async fn post_paper(base: &str, slug: &str, token: &str, form: Form) -> reqwest::Response {
    Client::new()
        .post(format!("{base}/api/v1/venues/{slug}/submissions"))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// `author` (logged in at `base`) makes a personal token there and submits `pdf` to venue
/// `slug` with it; returns the submission's id and its PDF's file id.
pub async fn submit_paper(author: &Client, base: &str, slug: &str, email: &str, pdf: &[u8]) -> (i64, i64) {
    let token = api_token(author, base).await;
    let res = post_paper(base, slug, &token, paper_form(email, pdf)).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let created: Value = json_of(res).await;
    (created["id"].as_i64().unwrap(), created["pdf_file_id"].as_i64().unwrap())
}
