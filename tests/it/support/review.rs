//! Builders for review tests: venues with open calls, people with profiles, committee members,
//! submissions through the form.

use chrono::{Duration, Utc};
use reqwest::multipart::{Form, Part};
use serde_json::json;

use super::{PASSWORD, TestApp, csrf_of, link_in};
use xuehui::files::pdf::sample;

/// A venue with an open call without extra questions; returns the chair's client.
pub async fn venue(app: &TestApp, slug: &str) -> reqwest::Client {
    let chair = crate::venues::venue_with_chair(app, slug).await;
    let deadline = (Utc::now() + Duration::days(7))
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let res = chair
        .put(app.at(&format!("/api/v1/venues/{slug}/call")))
        .json(&json!({"paper_deadline": deadline, "anonymity": "double_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    chair
}

/// A logged-in browser for a new account with a profile.
pub async fn person(app: &TestApp, email: &str, name_zh: &str, affiliation: &str) -> (i64, reqwest::Client) {
    let id = app.user(email, false);
    let c = app.client();
    assert_eq!(app.page_login(&c, email, PASSWORD).await.status(), 303);
    let csrf = csrf_of(&c, &app.at("/profile")).await;
    let res = c
        .post(app.at("/profile"))
        .form(&[("csrf", csrf.as_str()), ("name_zh", name_zh), ("affiliation", affiliation)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    (id, c)
}

/// Invites `email` to the committee and accepts with `client`.
pub async fn join(app: &TestApp, chair: &reqwest::Client, slug: &str, email: &str, client: &reqwest::Client) {
    let res = chair
        .post(app.at(&format!("/api/v1/venues/{slug}/committee")))
        .json(&json!({"invitees": [{"email": email}], "role": "reviewer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let link = link_in(&app.last_mail_to(email).unwrap().1);
    let token = link.rsplit("/invitations/").next().unwrap();
    let csrf = csrf_of(client, &app.at(&format!("/invitations/{token}"))).await;
    let res = client
        .post(app.at(&format!("/invitations/{token}/accept")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

/// Submits through the form: authors as (name, e-mail, affiliation); returns the response.
pub async fn submit(
    app: &TestApp,
    c: &reqwest::Client,
    slug: &str,
    authors: &[(&str, &str, &str)],
    conflicts: &[i64],
) -> reqwest::Response {
    let csrf = csrf_of(c, &app.at(&format!("/venues/{slug}/submit"))).await;
    let mut form = Form::new()
        .text("csrf", csrf)
        .text("title_zh", "学术评价研究")
        .text("abstract_text", "完善同行评议的学术评价体系")
        .text("track", "main")
        .text("corresponding", "0")
        .text("presenter", "0");
    for (i, (name, email, aff)) in authors.iter().enumerate() {
        form = form
            .text(format!("author{i}_name_zh"), name.to_string())
            .text(format!("author{i}_email"), email.to_string())
            .text(format!("author{i}_affiliation"), aff.to_string());
    }
    for u in conflicts {
        form = form.text("conflict", u.to_string());
    }
    form = form.part(
        "pdf",
        Part::bytes(sample(1, "p", None))
            .file_name("p.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    c.post(app.at(&format!("/venues/{slug}/submit")))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

pub fn id_of(res: &reqwest::Response) -> i64 {
    res.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}
