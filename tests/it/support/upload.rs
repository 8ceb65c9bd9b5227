//! Submitting a paper through the API as a logged-in author, on any process's address.

use reqwest::Client;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::json_of;

/// `author` (logged in at `base`) makes a personal token there and submits `pdf` to venue
/// `slug` with it; returns the submission's id and its PDF's file id.
pub async fn submit_paper(author: &Client, base: &str, slug: &str, email: &str, pdf: &[u8]) -> (i64, i64) {
    let res = author
        .post(format!("{base}/api/v1/tokens"))
        .json(&json!({"name": "upload"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let token = json_of(res).await["secret"].as_str().unwrap().to_string();
    let meta = json!({"title_en": "Where files live", "abstract_text": "存储测试", "track": "main",
                      "authors": [{"name_latin": "Li Hua", "email": email}], "corresponding": 0, "presenter": 0});
    let form = Form::new().text("metadata", meta.to_string()).part(
        "pdf",
        Part::bytes(pdf.to_vec()).file_name("p.pdf").mime_str("application/pdf").unwrap(),
    );
    let res = Client::new()
        .post(format!("{base}/api/v1/venues/{slug}/submissions"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let created: Value = json_of(res).await;
    (created["id"].as_i64().unwrap(), created["pdf_file_id"].as_i64().unwrap())
}
