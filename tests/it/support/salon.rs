//! A salon for the salon tests: a venue of kind `salon` opened by its chair, with an
//! application form (approval on) and a lead scientist.

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use super::TestApp;
use super::participation::{account, call};

/// The salon.
pub struct Salon {
    /// Its chair (API client; a site administrator who created it).
    pub chair: Client,
    /// URL name.
    pub slug: String,
    /// The application form.
    pub form_id: i64,
    /// The lead scientist (API client).
    pub lead: Client,
    /// The lead scientist's account id.
    pub lead_id: i64,
}

/// The body creating salon `slug` (2027-06-01 to 06-02, Beijing).
pub fn body(slug: &str) -> Value {
    json!({
        "slug": slug, "kind": "salon", "title_zh": "单原子催化的新观点", "title_en": "New views on single-atom catalysis",
        "description_zh": "围绕单原子催化的前沿问题开展圆桌讨论。", "description_en": "A round table on the open questions of single-atom catalysis.",
        "starts_on": "2027-06-01", "ends_on": "2027-06-02", "place": "北京", "timezone": "Asia/Shanghai"
    })
}

/// Makes salon `slug` with its application form and lead scientist `lead-{slug}@example.org`.
pub async fn salon(app: &TestApp, slug: &str) -> Salon {
    app.user(&format!("admin-{slug}@example.org"), true);
    let chair = app.client();
    app.api_login(&chair, &format!("admin-{slug}@example.org")).await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/{slug}{p}"));
    let (st, v) = call(&chair, M::POST, app.at("/api/v1/venues"), body(slug)).await;
    assert_eq!(st, 201, "{v}");
    let (st, v) = call(&chair, M::POST, api("/open"), json!(null)).await;
    assert_eq!(st, 200, "{v}");
    let (st, f) = call(
        &chair,
        M::POST,
        api("/registration-forms"),
        json!({"approval": true, "capacity": 30}),
    )
    .await;
    assert_eq!(st, 201, "{f}");
    let lead_email = format!("lead-{slug}@example.org");
    let (lead_id, lead) = account(app, &lead_email).await;
    let (st, l) = call(&chair, M::POST, api("/salon/lead-scientists"), json!({"email": lead_email})).await;
    assert_eq!(st, 201, "{l}");
    Salon {
        chair,
        slug: slug.to_string(),
        form_id: f["id"].as_i64().unwrap(),
        lead,
        lead_id,
    }
}

/// An applicant.
pub struct Applicant {
    /// Logged in (API).
    pub client: Client,
    /// The application (registration) id.
    pub id: i64,
}

/// `email` applies to the salon from `institution` in `field`, born in `born`.
pub async fn apply(app: &TestApp, s: &Salon, email: &str, institution: &str, field: &str, born: Option<i32>) -> Applicant {
    let (_, client) = account(app, email).await;
    let (st, r) = call(
        &client,
        M::POST,
        app.at(&format!("/api/v1/venues/{}/registration-forms/{}/registrations", s.slug, s.form_id)),
        json!({"name_latin": email.split('@').next().unwrap(), "institution": institution, "field": field, "birth_year": born,
               "viewpoint": format!("The viewpoint of {email}: active sites are dynamic.")}),
    )
    .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(r["status"], "pending", "{r}");
    Applicant {
        client,
        id: r["id"].as_i64().unwrap(),
    }
}

/// The lead scientist decides application `id`; answers the status and body.
pub async fn decide(app: &TestApp, s: &Salon, id: i64, body: Value) -> (u16, Value) {
    call(
        &s.lead,
        M::POST,
        app.at(&format!("/api/v1/venues/{}/salon/applications/{id}/decision", s.slug)),
        body,
    )
    .await
}
