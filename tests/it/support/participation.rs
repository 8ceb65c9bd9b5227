//! A small event for the participation tests: a venue with a published programme (three
//! sessions on 2027-05-10), a registration form for the whole event and confirmed registrants
//! with their check-in codes; check-ins go through the desk's API.

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use super::TestApp;

/// Sends `body` (JSON) and reads the JSON answer.
pub async fn call(c: &Client, method: M, url: String, body: Value) -> (u16, Value) {
    let res = c.request(method, url).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A confirmed registrant.
pub struct Attendee {
    /// Logged in (API).
    pub client: Client,
    /// Account id.
    pub user_id: i64,
    /// Address.
    pub email: String,
    /// Registration id.
    pub registration_id: i64,
    /// Check-in code.
    pub code: String,
}

/// The event.
pub struct Event {
    /// The chair (API client).
    pub chair: Client,
    /// Venue URL name.
    pub slug: String,
    /// The registration form's id.
    pub form_id: i64,
    /// Its one category ("Member").
    pub category_id: i64,
    /// GUIDs of the published sessions in order: "Graphs" (09:00–10:00), "Databases"
    /// (09:30–10:30, a room with 2 seats), "Systems" (11:00–12:00).
    pub sessions: Vec<String>,
    /// Programme session ids (draft ids, as registration forms for one session name them).
    pub session_ids: Vec<i64>,
    /// Confirmed registrants, in the order they registered.
    pub people: Vec<Attendee>,
}

/// A logged-in API client for a new verified account.
pub async fn account(app: &TestApp, email: &str) -> (i64, Client) {
    let id = app.user(email, false);
    let c = app.client();
    app.api_login(&c, email).await;
    (id, c)
}

/// Rooms "Hall" (200 seats) and "Small room" (2 seats) and three paper sessions on 2027-05-10:
/// "Graphs" (Hall, 09:00–10:00), "Databases" (Small room, 09:30–10:30) and "Systems" (Hall,
/// 11:00–12:00); answers their draft ids.
pub async fn sessions(app: &TestApp, chair: &Client, slug: &str) -> Vec<i64> {
    let api = |p: &str| app.at(&format!("/api/v1/venues/{slug}/programme{p}"));
    let (st, hall) = call(
        chair,
        M::POST,
        api("/rooms"),
        json!({"name_zh": "报告厅", "name_en": "Hall", "capacity": 200}),
    )
    .await;
    assert_eq!(st, 201, "{hall}");
    let (_, small) = call(
        chair,
        M::POST,
        api("/rooms"),
        json!({"name_zh": "小会议室", "name_en": "Small room", "capacity": 2}),
    )
    .await;
    let mut ids = Vec::new();
    for (title, room, start, end) in [
        ("Graphs", &hall, "09:00", "10:00"),
        ("Databases", &small, "09:30", "10:30"),
        ("Systems", &hall, "11:00", "12:00"),
    ] {
        let (st, s) = call(
            chair,
            M::POST,
            api("/sessions"),
            json!({"kind": "paper_session", "title_zh": format!("{title}（中）"), "title_en": title, "room_id": room["id"],
                   "date": "2027-05-10", "start": start, "end": end}),
        )
        .await;
        assert_eq!(st, 201, "{s}");
        ids.push(s["id"].as_i64().unwrap());
    }
    ids
}

/// Publishes the venue's programme as it is (over any warnings).
pub async fn publish(app: &TestApp, chair: &Client, slug: &str) {
    let (st, r) = call(
        chair,
        M::POST,
        app.at(&format!("/api/v1/venues/{slug}/programme/releases")),
        json!({"over_warnings": true}),
    )
    .await;
    assert_eq!(st, 201, "{r}");
}

/// Builds the event with `people` confirmed registrants (`p{i}@{slug}.org`).
pub async fn event(app: &TestApp, slug: &str, people: usize) -> Event {
    let chair = super::review::venue(app, slug).await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/{slug}{p}"));
    let session_ids = sessions(app, &chair, slug).await;
    publish(app, &chair, slug).await;
    let (_, p) = call(&app.client(), M::GET, api("/programme"), json!(null)).await;
    let sessions = (0..3)
        .map(|i| p["programme"]["sessions"][i]["guid"].as_str().unwrap().to_string())
        .collect();
    let (st, f) = call(
        &chair,
        M::POST,
        api("/registration-forms"),
        json!({"categories": [{"name_zh": "会员", "name_en": "Member"}]}),
    )
    .await;
    assert_eq!(st, 201, "{f}");
    let form_id = f["id"].as_i64().unwrap();
    let category_id = f["categories"][0]["id"].as_i64().unwrap();
    let mut list = Vec::new();
    for i in 0..people {
        list.push(register(app, slug, form_id, category_id, &format!("p{i}@{slug}.org")).await);
    }
    Event {
        chair,
        slug: slug.to_string(),
        form_id,
        category_id,
        sessions,
        session_ids,
        people: list,
    }
}

/// Registers a new account on form `form_id` in `category_id` (it must get a place).
pub async fn register(app: &TestApp, slug: &str, form_id: i64, category_id: i64, email: &str) -> Attendee {
    let (user_id, client) = account(app, email).await;
    let (st, r) = call(
        &client,
        M::POST,
        app.at(&format!("/api/v1/venues/{slug}/registration-forms/{form_id}/registrations")),
        json!({"category_id": category_id}),
    )
    .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(r["status"], "confirmed", "{r}");
    Attendee {
        client,
        user_id,
        email: email.to_string(),
        registration_id: r["id"].as_i64().unwrap(),
        code: r["code"].as_str().unwrap().to_string(),
    }
}

/// Checks attendee `who` in at the event (`session` None) or at session `sessions[i]`, as
/// the chair at the desk; answers the desk's status and body.
pub async fn check_in(app: &TestApp, e: &Event, who: usize, session: Option<usize>) -> (u16, Value) {
    let body = json!({"code": e.people[who].code, "session": session.map(|i| e.sessions[i].clone())});
    call(&e.chair, M::POST, app.at(&format!("/api/v1/venues/{}/checkins", e.slug)), body).await
}
