//! Builders for register and catalogue tests: organisers, fields, journals.

use reqwest::Client;
use serde_json::{Value, json};

use super::{TestApp, json_of};

/// A logged-in API client for a new account with the site-wide organiser role.
pub async fn organiser(app: &TestApp, email: &str) -> (i64, Client) {
    let id = app.user(email, false);
    {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::auth::roles::grant(
            &mut conn,
            id,
            xuehui::auth::roles::Role::Organiser,
            xuehui::auth::roles::Scope::Site,
            0,
        )
        .unwrap();
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

/// Creates an edition through the API; returns its id.
pub async fn edition(app: &TestApp, client: &Client, body: Value) -> i64 {
    let res = client.post(app.at("/api/v1/catalogues")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    json_of(res).await["id"].as_i64().unwrap()
}

/// Moves an edition's phase; returns the status.
pub async fn phase(app: &TestApp, client: &Client, id: i64, to: &str, reason: &str) -> u16 {
    let res = client
        .post(app.at(&format!("/api/v1/catalogues/{id}/phase")))
        .json(&json!({"to": to, "reason": reason}))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

/// Casts a vote; returns the status.
pub async fn vote(app: &TestApp, client: &Client, id: i64, journal: i64, tier: &str) -> u16 {
    let res = client
        .put(app.at(&format!("/api/v1/catalogues/{id}/votes/{journal}")))
        .json(&json!({"tier": tier, "comment": ""}))
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

/// A logged-in API client for a new account.
pub async fn account(app: &TestApp, email: &str) -> (i64, Client) {
    let id = app.user(email, false);
    let c = app.client();
    app.api_login(&c, email).await;
    (id, c)
}

/// A field `computing` with four journals (two Chinese, two foreign) and an edition in its
/// nomination phase run by `org@example.org`: (organiser client, edition id, journal ids).
pub async fn computing_edition(app: &TestApp, rules: Value) -> (Client, i64, Vec<i64>) {
    let (_, org) = organiser(app, "org@example.org").await;
    field(app, &org, "computing", "计算", "Computing").await;
    let mut ids = Vec::new();
    for (i, (name, country, langs)) in [
        ("Alpha", "CN", &["zh", "en"][..]),
        ("Beta", "US", &["en"][..]),
        ("Gamma", "CN", &["zh"][..]),
        ("Delta", "GB", &["en"][..]),
    ]
    .into_iter()
    .enumerate()
    {
        let mut body = journal_body(
            &format!("{name} Journal"),
            &issn(100 + i as u32),
            country,
            langs,
            "basic",
            &["computing"],
        );
        body["name_zh"] = json!(format!("{name}学报"));
        ids.push(journal(app, &org, body).await);
    }
    let mut body = json!({"field": "computing", "year": 2026, "title_zh": "计算领域高质量科技期刊分级目录 2026", "title_en": "Computing journal catalogue 2026",
                          "indicators": [{"code": "impact_factor", "name_zh": "影响因子", "name_en": "Impact factor"},
                                         {"code": "days", "name_zh": "出版周期", "name_en": "Days to publication", "higher_is_better": false}]});
    if let (Some(b), Some(r)) = (body.as_object_mut(), rules.as_object()) {
        for (k, v) in r {
            b.insert(k.clone(), v.clone());
        }
    }
    let id = edition(app, &org, body).await;
    (org, id, ids)
}

/// Adds experts by e-mail through the API (the accounts must exist).
pub async fn add_experts(app: &TestApp, org: &Client, id: i64, emails: &[&str]) {
    let res = org
        .post(app.at(&format!("/api/v1/catalogues/{id}/panel")))
        .json(&json!({"emails": emails.join(",")}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
}

/// Runs an edition of `computing` to publication with `votes` from one expert (journal index -> tier).
pub async fn publish_with(app: &TestApp, org: &Client, id: i64, j: &[i64], expert: &Client, votes: &[(usize, &str)]) {
    assert_eq!(phase(app, org, id, "evaluation", "").await, 200);
    for (i, tier) in votes {
        assert_eq!(vote(app, expert, id, j[*i], tier).await, 204);
    }
    assert_eq!(phase(app, org, id, "notice", "").await, 200);
    assert_eq!(phase(app, org, id, "published", "").await, 200);
}
