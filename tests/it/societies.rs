//! A society's venues and journals: its staff attach the ones they also run, so that the
//! society's integrity committee and sanctions reach them.

use crate::support::review::{co_chair, venue};
use crate::support::{TestApp, csrf_of};

async fn post(app: &TestApp, c: &reqwest::Client, path: &str, kind: &str, name: &str) -> reqwest::Response {
    let csrf = csrf_of(c, &app.at("/societies/gs/members")).await;
    c.post(app.at(path))
        .form(&[("csrf", csrf.as_str()), ("kind", kind), ("name", name)])
        .send()
        .await
        .unwrap()
}

fn society_of(app: &TestApp, slug: &str) -> Option<i64> {
    use diesel::prelude::*;
    use xuehui::db::schema::venues;
    let mut conn = app.state.db.conn().unwrap();
    venues::table
        .filter(venues::slug.eq(slug))
        .select(venues::society_id)
        .first(&mut conn)
        .unwrap()
}

#[tokio::test]
async fn staff_who_chair_a_venue_attach_it_to_their_society_and_nobody_else_can() {
    let app = TestApp::new().await;
    let (id, staff) = crate::support::society::society(&app, "gs", "staff@gs.org").await;
    let _chair = venue(&app, "conf").await;
    let _other = venue(&app, "elsewhere").await;
    // The staff member also chairs `conf`, but not `elsewhere`.
    {
        let mut conn = app.state.db.conn().unwrap();
        let uid = xuehui::auth::store::by_email(&mut conn, "staff@gs.org").unwrap().unwrap().id;
        let v = xuehui::venues::store::by_slug(&mut conn, "conf").unwrap();
        xuehui::auth::roles::grant(&mut conn, uid, xuehui::auth::roles::CHAIR, xuehui::auth::roles::SCOPE_VENUE, v.id).unwrap();
    }
    let (_, outsider) = co_chair(&app, "elsewhere", "chair@elsewhere.org").await;

    let res = post(&app, &staff, "/societies/gs/members", "venue", "elsewhere").await;
    assert_eq!(res.status(), 422, "a venue the staff member does not chair");
    assert!(society_of(&app, "elsewhere").is_none());
    let res = post(&app, &staff, "/societies/gs/members", "planet", "conf").await;
    assert_eq!(res.status(), 422);
    let res = post(&app, &staff, "/societies/gs/members", "venue", "conf").await;
    assert_eq!(res.status(), 303);
    assert_eq!(society_of(&app, "conf"), Some(id));
    let page = staff
        .get(app.at("/societies/gs/members"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page[page.find("id=\"society-venues\"").unwrap()..].contains("href=\"/venues/conf\""));

    // A chair who is not the society's staff reaches neither the page nor the forms.
    assert_eq!(outsider.get(app.at("/societies/gs/members")).send().await.unwrap().status(), 404);
    let csrf = csrf_of(&outsider, &app.at("/dashboard")).await;
    let res = outsider
        .post(app.at("/societies/gs/members"))
        .form(&[("csrf", csrf.as_str()), ("kind", "venue"), ("name", "elsewhere")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(society_of(&app, "elsewhere").is_none());

    // The staff find the page from their dashboard, and can detach again.
    let dashboard = staff.get(app.at("/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(dashboard.contains("href=\"/societies/gs/members\""));
    let res = post(&app, &staff, "/societies/gs/members/detach", "venue", "conf").await;
    assert_eq!(res.status(), 303);
    assert!(society_of(&app, "conf").is_none());
}

#[tokio::test]
async fn the_society_api_attaches_venues_and_names_committee_members_for_staff_only() {
    use serde_json::{Value, json};
    let app = TestApp::new().await;
    let (_, staff) = crate::support::society::society(&app, "gs", "staff@gs.org").await;
    let _chair = venue(&app, "conf").await;
    {
        let mut conn = app.state.db.conn().unwrap();
        let uid = xuehui::auth::store::by_email(&mut conn, "staff@gs.org").unwrap().unwrap().id;
        let v = xuehui::venues::store::by_slug(&mut conn, "conf").unwrap();
        xuehui::auth::roles::grant(&mut conn, uid, xuehui::auth::roles::CHAIR, xuehui::auth::roles::SCOPE_VENUE, v.id).unwrap();
    }
    let (member, outsider) = crate::support::review::person(&app, "member@gs.org", "委员", "Lab").await;
    let call = |c: &reqwest::Client, m: reqwest::Method, path: &str, body: Option<Value>| {
        let mut req = c.request(m, app.at(path));
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    use reqwest::Method;
    let (status, m) = call(
        &staff,
        Method::POST,
        "/api/v1/societies/gs/members",
        Some(json!({"kind": "venue", "name": "conf"})),
    )
    .await;
    assert_eq!(status, 200, "{m}");
    assert_eq!(m["venues"][0]["key"], "conf");
    let (status, _) = call(
        &staff,
        Method::POST,
        "/api/v1/societies/gs/members",
        Some(json!({"kind": "venue", "name": "conf", "extra": 1})),
    )
    .await;
    assert_eq!(status, 400, "unknown fields are refused");
    let (status, m) = call(
        &staff,
        Method::POST,
        "/api/v1/societies/gs/integrity-committee",
        Some(json!({"email": "member@gs.org"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(m["committee"][0]["email"], "member@gs.org");
    let (status, e) = call(
        &staff,
        Method::POST,
        "/api/v1/societies/gs/integrity-committee",
        Some(json!({"email": "staff@gs.org"})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(e["fields"]["email"].is_string());
    // Someone who is not staff (even a committee member), and anonymous callers, reach nothing.
    for path in ["/api/v1/societies/gs/members", "/api/v1/societies/gs/integrity-committee"] {
        assert_eq!(
            call(
                &outsider,
                Method::POST,
                path,
                Some(json!({"email": "x@y.org", "kind": "venue", "name": "conf"}))
            )
            .await
            .0 / 100,
            4
        );
    }
    assert_eq!(call(&outsider, Method::GET, "/api/v1/societies/gs/members", None).await.0, 404);
    assert_eq!(
        call(&reqwest::Client::new(), Method::GET, "/api/v1/societies/gs/members", None)
            .await
            .0,
        401
    );
    let path = format!("/api/v1/societies/gs/integrity-committee/{member}");
    assert_eq!(call(&outsider, Method::DELETE, &path, None).await.0, 404);
    let (status, m) = call(&staff, Method::DELETE, &path, None).await;
    assert_eq!((status, m["committee"].as_array().map(Vec::len)), (200, Some(0)));
    assert_eq!(call(&staff, Method::DELETE, &path, None).await.0, 404, "no longer a member");
}
