//! Registration: forms with capacity and a waiting list that passes freed places on in order,
//! approval, fees, invitations, the chairs' list and exports. Registrants see only their own
//! registrations; the list is the chairs'.

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::review::{decide, id_of, notify_authors, person, submit, venue};

async fn call(c: &Client, method: reqwest::Method, url: String, body: Value) -> (u16, Value) {
    let res = c.request(method, url).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn post(app: &TestApp, c: &Client, path: &str, body: Value) -> (u16, Value) {
    call(c, reqwest::Method::POST, app.at(path), body).await
}

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    let res = c.get(app.at(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A logged-in API client for a new verified account.
async fn attendee(app: &TestApp, email: &str) -> (i64, Client) {
    let id = app.user(email, false);
    let c = app.client();
    app.api_login(&c, email).await;
    (id, c)
}

/// A venue with a form of `capacity` places and two categories; answers the form.
async fn form(app: &TestApp, slug: &str, extra: Value) -> (Client, Value) {
    let chair = venue(app, slug).await;
    let mut body = json!({
        "capacity": 2,
        "categories": [
            {"name_zh": "会员", "name_en": "Member"},
            {"name_zh": "学生", "name_en": "Student"},
            {"name_zh": "特邀报告人", "name_en": "Invited speaker", "invited_only": true}
        ],
        "questions": [{"kind": "choice", "label_zh": "餐饮", "label_en": "Meals", "required": true,
                        "options": [{"zh": "普通", "en": "Regular"}, {"zh": "素食", "en": "Vegetarian"}]}]
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (s, f) = post(app, &chair, &format!("/api/v1/venues/{slug}/registration-forms"), body).await;
    assert_eq!(s, 201, "{f}");
    (chair, f)
}

fn reg_body(f: &Value, category: usize) -> Value {
    let q = f["questions"][0]["id"].as_i64().unwrap().to_string();
    json!({"category_id": f["categories"][category]["id"], "answers": {q: "1"}})
}

fn reg_path(slug: &str, f: &Value) -> String {
    format!("/api/v1/venues/{slug}/registration-forms/{}/registrations", f["id"])
}

#[actix_web::test]
async fn a_full_form_puts_people_on_a_waiting_list_and_freed_places_pass_on_in_order() {
    let app = TestApp::new().await;
    let (chair, f) = form(&app, "wl", json!({})).await;
    let mut people = Vec::new();
    for i in 0..4 {
        let email = format!("p{i}@wl.org");
        let (_, c) = attendee(&app, &email).await;
        let (s, r) = post(&app, &c, &reg_path("wl", &f), reg_body(&f, 0)).await;
        assert_eq!(s, 201, "{r}");
        people.push((email, c, r));
    }
    let status: Vec<&str> = people.iter().map(|p| p.2["status"].as_str().unwrap()).collect();
    assert_eq!(status, ["confirmed", "confirmed", "waiting", "waiting"]);
    assert_eq!(people[2].2["waiting_position"], 1);
    assert_eq!(people[3].2["waiting_position"], 2);
    assert!(people[0].2["code"].is_string(), "a confirmed registrant has a check-in code");
    assert!(people[2].2["code"].is_null(), "someone waiting has none");
    let (subject, body) = app.last_mail_to("p2@wl.org").unwrap();
    assert!(subject.contains("候补") || subject.contains("waiting"), "{subject}");
    assert!(body.contains('1'), "the mail says the place in the queue: {body}");

    // The same person cannot register twice.
    let (s, e) = post(&app, &people[0].1, &reg_path("wl", &f), reg_body(&f, 0)).await;
    assert_eq!(
        (s, e["message"].as_str().unwrap()),
        (409, "You are registered on this form already.")
    );

    // A cancellation offers the place to the first person waiting, with a deadline.
    let id0 = people[0].2["id"].as_i64().unwrap();
    let (s, r) = post(&app, &people[0].1, &format!("/api/v1/registrations/{id0}/cancel"), json!({})).await;
    assert_eq!((s, r["status"].as_str().unwrap()), (200, "cancelled"));
    let id2 = people[2].2["id"].as_i64().unwrap();
    let (_, r2) = get(&app, &people[2].1, &format!("/api/v1/registrations/{id2}")).await;
    assert_eq!(r2["status"], "offered");
    assert!(r2["offer_until"].is_string());
    let (subject, _) = app.last_mail_to("p2@wl.org").unwrap();
    assert!(subject.contains("名额空出") || subject.contains("A place for you"), "{subject}");
    // The next in line moved up.
    let id3 = people[3].2["id"].as_i64().unwrap();
    let (_, r3) = get(&app, &people[3].1, &format!("/api/v1/registrations/{id3}")).await;
    assert_eq!(r3["waiting_position"], 1);

    // Confirming the offer gives the place and a code.
    let (s, r2) = post(&app, &people[2].1, &format!("/api/v1/registrations/{id2}/confirm"), json!({})).await;
    assert_eq!((s, r2["status"].as_str().unwrap()), (200, "confirmed"));
    assert!(r2["code"].is_string());

    // Another cancellation offers p3 a place; nobody confirms it in time: it lapses, and with
    // nobody else waiting the place is free again.
    let id1 = people[1].2["id"].as_i64().unwrap();
    assert_eq!(
        post(&app, &people[1].1, &format!("/api/v1/registrations/{id1}/cancel"), json!({}))
            .await
            .0,
        200
    );
    let (_, r3) = get(&app, &people[3].1, &format!("/api/v1/registrations/{id3}")).await;
    assert_eq!(r3["status"], "offered");
    {
        use xuehui::participation::registration::service::{LapseOffer, lapse};
        let later = chrono::Utc::now().naive_utc() + chrono::Duration::hours(49);
        let mut conn = app.state.db.conn().unwrap();
        let n = lapse(&mut conn, &app.state, LapseOffer { registration_id: id3 }, later).unwrap();
        assert_eq!(n, 1);
    }
    let (_, r3) = get(&app, &people[3].1, &format!("/api/v1/registrations/{id3}")).await;
    assert_eq!(r3["status"], "lapsed");
    let (subject, _) = app.last_mail_to("p3@wl.org").unwrap();
    assert!(subject.contains("顺延") || subject.contains("passed on"), "{subject}");
    let (_, list) = get(&app, &chair, &reg_path("wl", &f)).await;
    assert_eq!(list["form"]["taken"], 1);
    assert_eq!(list["form"]["places_left"], 1);
    // Confirming a lapsed offer is refused, re-registering works.
    let (s, _) = post(&app, &people[3].1, &format!("/api/v1/registrations/{id3}/confirm"), json!({})).await;
    assert_eq!(s, 409);
    let (s, r3) = post(&app, &people[3].1, &reg_path("wl", &f), reg_body(&f, 1)).await;
    assert_eq!((s, r3["status"].as_str().unwrap()), (201, "confirmed"));
    assert_eq!(r3["id"].as_i64().unwrap(), id3, "the same registration is renewed");
}

#[actix_web::test]
async fn no_place_is_given_twice_when_many_register_in_the_same_second() {
    let app = TestApp::new().await;
    let (chair, f) = form(&app, "rush", json!({"capacity": 10})).await;
    let mut clients = Vec::new();
    for i in 0..40 {
        clients.push(attendee(&app, &format!("r{i}@rush.org")).await.1);
    }
    let path = reg_path("rush", &f);
    let body = reg_body(&f, 0);
    let answers = futures_util::future::join_all(clients.iter().map(|c| post(&app, c, &path, body.clone()))).await;
    assert!(answers.iter().all(|(s, _)| *s == 201), "every registration is taken: {answers:?}");
    let confirmed = answers.iter().filter(|(_, r)| r["status"] == "confirmed").count();
    assert_eq!(confirmed, 10);
    let (_, list) = get(&app, &chair, &path).await;
    assert_eq!(list["form"]["taken"], 10);
    let mut positions: Vec<i64> = list["registrations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "waiting")
        .map(|r| r["waiting_position"].as_i64().unwrap())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=30).collect::<Vec<i64>>(), "the waiting list has one order");

    // Ten cancellations at once offer ten different people a place.
    let confirmed_ids: Vec<(usize, i64)> = answers
        .iter()
        .enumerate()
        .filter(|(_, (_, r))| r["status"] == "confirmed")
        .map(|(i, (_, r))| (i, r["id"].as_i64().unwrap()))
        .collect();
    let cancel_paths: Vec<(usize, String)> = confirmed_ids
        .iter()
        .map(|(i, id)| (*i, format!("/api/v1/registrations/{id}/cancel")))
        .collect();
    let cancels = futures_util::future::join_all(cancel_paths.iter().map(|(i, p)| post(&app, &clients[*i], p, json!({})))).await;
    assert!(cancels.iter().all(|(s, _)| *s == 200), "{cancels:?}");
    let (_, list) = get(&app, &chair, &path).await;
    let regs = list["registrations"].as_array().unwrap();
    assert_eq!(regs.iter().filter(|r| r["status"] == "offered").count(), 10);
    assert_eq!(regs.iter().filter(|r| r["status"] == "waiting").count(), 20);
    assert_eq!(list["form"]["taken"], 10);
}

#[actix_web::test]
async fn registrants_see_only_their_own_registration_and_the_list_is_the_chairs() {
    let app = TestApp::new().await;
    let (_, f) = form(&app, "auth", json!({})).await;
    let (_, alice) = attendee(&app, "alice@auth.org").await;
    let (_, bob) = attendee(&app, "bob@auth.org").await;
    let (_, r) = post(&app, &alice, &reg_path("auth", &f), reg_body(&f, 0)).await;
    let id = r["id"].as_i64().unwrap();
    assert_eq!(get(&app, &alice, "/api/v1/registrations").await.1.as_array().unwrap().len(), 1);
    assert!(get(&app, &bob, "/api/v1/registrations").await.1.as_array().unwrap().is_empty());
    // Another registrant, another venue's chair: 404 on everything of Alice's.
    // The chair (not a site administrator) of another venue.
    let other_admin = venue(&app, "other").await;
    let (_, other_venue) = get(&app, &other_admin, "/api/v1/venues/other").await;
    let (other_id, other_chair) = attendee(&app, "chair@other.org").await;
    {
        use xuehui::auth::roles::{Role, Scope, grant};
        let mut conn = app.state.db.conn().unwrap();
        grant(&mut conn, other_id, Role::Chair, Scope::Venue, other_venue["id"].as_i64().unwrap()).unwrap();
    }
    for c in [&bob, &other_chair] {
        assert_eq!(get(&app, c, &format!("/api/v1/registrations/{id}")).await.0, 404);
        assert_eq!(post(&app, c, &format!("/api/v1/registrations/{id}/cancel"), json!({})).await.0, 404);
        assert_eq!(
            post(&app, c, &format!("/api/v1/registrations/{id}/decision"), json!({"approve": true}))
                .await
                .0,
            404
        );
        let (s, _) = call(
            c,
            reqwest::Method::PUT,
            app.at(&format!("/api/v1/registrations/{id}/fee")),
            json!({"fee": "paid"}),
        )
        .await;
        assert_eq!(s, 404);
        assert_eq!(get(&app, c, &reg_path("auth", &f)).await.0, 404, "the list is the chairs'");
        let (s, _) = post(
            &app,
            c,
            &format!("/api/v1/venues/auth/registration-forms/{}/invitations/guests", f["id"]),
            json!({"guests": [{"email": "x@y.org"}]}),
        )
        .await;
        assert_eq!(s, 404);
    }
    // The registrant cannot decide or record fees on their own registration either.
    assert_eq!(
        post(
            &app,
            &alice,
            &format!("/api/v1/registrations/{id}/decision"),
            json!({"approve": true})
        )
        .await
        .0,
        404
    );
    let (s, _) = call(
        &alice,
        reqwest::Method::PUT,
        app.at(&format!("/api/v1/registrations/{id}/fee")),
        json!({"fee": "waived"}),
    )
    .await;
    assert_eq!(s, 404);
    // A form id of another venue under this venue's address is not found.
    let (s, g) = post(&app, &other_chair, "/api/v1/venues/other/registration-forms", json!({})).await;
    assert_eq!(s, 201, "{g}");
    assert_eq!(
        get(&app, &alice, &format!("/api/v1/venues/auth/registration-forms/{}", g["id"]))
            .await
            .0,
        404
    );
    // Anonymous: no registering, no list.
    let anon = app.client();
    assert_eq!(post(&app, &anon, &reg_path("auth", &f), reg_body(&f, 0)).await.0, 401);
    // The chairs' view has the address but no birth year; the registrant's has no address.
    let (_, list) = get(&app, &venue_chair(&app, "auth").await, &reg_path("auth", &f)).await;
    assert_eq!(list["registrations"][0]["email"], "alice@auth.org");
    assert!(list["registrations"][0]["birth_year"].is_null());
    assert!(r["email"].is_null());
}

/// The chair of a venue made by `form` (logged in again).
async fn venue_chair(app: &TestApp, slug: &str) -> Client {
    let c = app.client();
    app.api_login(&c, &format!("admin-{slug}@example.org")).await;
    c
}

#[actix_web::test]
async fn approval_fees_and_invitations_work_as_organisers_expect() {
    let app = TestApp::new().await;
    let (chair, f) = form(&app, "appr", json!({"approval": true, "capacity": 1})).await;
    let (_, a) = attendee(&app, "a@appr.org").await;
    let (_, b) = attendee(&app, "b@appr.org").await;
    let (_, ra) = post(&app, &a, &reg_path("appr", &f), reg_body(&f, 0)).await;
    let (_, rb) = post(&app, &b, &reg_path("appr", &f), reg_body(&f, 1)).await;
    assert_eq!((ra["status"].as_str(), rb["status"].as_str()), (Some("pending"), Some("pending")));
    let (ida, idb) = (ra["id"].as_i64().unwrap(), rb["id"].as_i64().unwrap());
    let (s, r) = post(
        &app,
        &chair,
        &format!("/api/v1/registrations/{ida}/decision"),
        json!({"approve": true}),
    )
    .await;
    assert_eq!((s, r["status"].as_str().unwrap()), (200, "confirmed"));
    let (s, r) = post(
        &app,
        &chair,
        &format!("/api/v1/registrations/{idb}/decision"),
        json!({"approve": true}),
    )
    .await;
    assert_eq!((s, r["status"].as_str().unwrap()), (200, "waiting"), "approved but full: waiting");
    assert_eq!(
        post(
            &app,
            &chair,
            &format!("/api/v1/registrations/{idb}/decision"),
            json!({"approve": false})
        )
        .await
        .0,
        409
    );

    // Fees: recorded with a note and mailed.
    let (s, r) = call(
        &chair,
        reqwest::Method::PUT,
        app.at(&format!("/api/v1/registrations/{ida}/fee")),
        json!({"fee": "paid", "note": "receipt 42"}),
    )
    .await;
    assert_eq!(
        (s, r["fee"].as_str().unwrap(), r["fee_note"].as_str().unwrap()),
        (200, "paid", "receipt 42")
    );
    assert!(app.last_mail_to("a@appr.org").unwrap().1.contains("receipt 42"));
    let (s, e) = call(
        &chair,
        reqwest::Method::PUT,
        app.at(&format!("/api/v1/registrations/{ida}/fee")),
        json!({"fee": "free"}),
    )
    .await;
    assert_eq!((s, e["fields"]["fee"].as_str().unwrap()), (422, "Choose open, paid or waived."));
    let (_, list) = get(&app, &chair, &format!("{}?fee=paid", reg_path("appr", &f))).await;
    assert_eq!(list["registrations"].as_array().unwrap().len(), 1);
    assert_eq!(list["counts"][0]["by_status"]["confirmed"], 1);
    assert_eq!(list["counts"][1]["by_status"]["waiting"], 1);

    // A guest's personal link registers outside the capacity and approval, once.
    let path = format!("/api/v1/venues/appr/registration-forms/{}/invitations/guests", f["id"]);
    let cat = f["categories"][2]["id"].clone();
    let (s, r) = post(
        &app,
        &chair,
        &path,
        json!({"guests": [{"email": "guest@appr.org", "name": "Guest"}], "category_id": cat}),
    )
    .await;
    assert_eq!((s, r["sent"].as_i64().unwrap()), (200, 1));
    let (_, r) = post(
        &app,
        &chair,
        &path,
        json!({"guests": [{"email": "guest@appr.org", "name": "Guest"}]}),
    )
    .await;
    assert_eq!((r["sent"].as_i64().unwrap(), r["already"].as_i64().unwrap()), (0, 1));
    let (_, body) = app.last_mail_to("guest@appr.org").unwrap();
    let token = body
        .split("/registrations/invitations/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let (_, g) = attendee(&app, "guest@appr.org").await;
    let q = f["questions"][0]["id"].as_i64().unwrap().to_string();
    let (s, r) = post(
        &app,
        &g,
        &format!("/api/v1/registration-invitations/{token}/register"),
        json!({"answers": {q.clone(): "0"}}),
    )
    .await;
    assert_eq!(
        (s, r["status"].as_str().unwrap(), r["invited"].as_bool().unwrap()),
        (201, "confirmed", true),
        "{r}"
    );
    assert_eq!(r["category_en"], "Invited speaker");
    let (_, other) = attendee(&app, "other@appr.org").await;
    let (s, _) = post(
        &app,
        &other,
        &format!("/api/v1/registration-invitations/{token}/register"),
        json!({"answers": {q.clone(): "0"}}),
    )
    .await;
    assert_eq!(s, 409, "a personal link works once");
    assert_eq!(
        post(&app, &other, "/api/v1/registration-invitations/not-a-token/register", json!({}))
            .await
            .0,
        404
    );
    // Without an invitation the invited-only category is refused.
    let (s, e) = post(
        &app,
        &other,
        &reg_path("appr", &f),
        json!({"category_id": cat, "answers": {q: "0"}}),
    )
    .await;
    assert_eq!(
        (s, e["fields"]["category_id"].as_str().unwrap()),
        (422, "This category is for invited participants only.")
    );
    let (_, list) = get(&app, &chair, &reg_path("appr", &f)).await;
    assert_eq!(list["form"]["taken"], 1, "invited people come on top of the capacity");
}

#[actix_web::test]
async fn speakers_of_accepted_papers_are_invited_with_one_click() {
    let app = TestApp::new().await;
    let chair = venue(&app, "spk").await;
    let (_, author) = person(&app, "li@spk.edu.cn", "李华", "Uni A").await;
    let authors = [("李华", "li@spk.edu.cn", "Uni A")];
    let p1 = id_of(&submit(&app, &author, "spk", &authors, &[]).await);
    let p2 = id_of(&submit(&app, &author, "spk", &authors, &[]).await);
    assert_eq!(decide(&app, &chair, p1, json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(&app, &chair, p2, json!("reject")).await.status(), 200);
    notify_authors(&app, &chair, "spk").await;
    let (s, f) = post(
        &app,
        &chair,
        "/api/v1/venues/spk/registration-forms",
        json!({"capacity": 1,
        "categories": [{"name_zh": "报告人", "name_en": "Speaker", "invited_only": true}]}),
    )
    .await;
    assert_eq!(s, 201, "{f}");
    let path = format!("/api/v1/venues/spk/registration-forms/{}/invitations/speakers", f["id"]);
    let (s, r) = post(&app, &chair, &path, json!({"category_id": f["categories"][0]["id"]})).await;
    assert_eq!((s, r["sent"].as_i64().unwrap()), (200, 1), "one accepted paper, one speaker");
    let (subject, body) = app.last_mail_to("li@spk.edu.cn").unwrap();
    assert!(subject.contains("报名邀请"), "{subject}");
    let token = body
        .split("/registrations/invitations/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    // One click: the profile fills the details and the invitation the category.
    let (s, r) = post(
        &app,
        &author,
        &format!("/api/v1/registration-invitations/{token}/register"),
        json!({}),
    )
    .await;
    assert_eq!(
        (s, r["status"].as_str().unwrap(), r["name_zh"].as_str().unwrap()),
        (201, "confirmed", "李华"),
        "{r}"
    );
    assert_eq!(r["category_en"], "Speaker");
}

#[actix_web::test]
async fn bad_input_gets_errors_that_name_the_field() {
    let app = TestApp::new().await;
    let chair = venue(&app, "bad").await;
    let (s, e) = post(
        &app,
        &chair,
        "/api/v1/venues/bad/registration-forms",
        json!({
            "capacity": 0, "opens_at": "2027-05-02T09:00", "closes_at": "2027-05-01T09:00", "offer_hours": 9999,
            "categories": [{"name_zh": "", "name_en": ""}], "questions": [{"kind": "rating", "label_en": "x"}], "scope": "track"
        }),
    )
    .await;
    assert_eq!(s, 422);
    for field in [
        "capacity",
        "closes_at",
        "offer_hours",
        "categories[0].name_zh",
        "questions[0].kind",
        "track_id",
    ] {
        assert!(e["fields"][field].is_string(), "{field} named in {e}");
    }
    let (s, e) = post(&app, &chair, "/api/v1/venues/bad/registration-forms", json!({"capacity": "many"})).await;
    assert_eq!(s, 400, "{e}");
    let (_, f) = form(&app, "bad2", json!({})).await;
    let (_, c) = attendee(&app, "x@bad.org").await;
    let (s, e) = post(
        &app,
        &c,
        &reg_path("bad2", &f),
        json!({"category_id": 999999, "birth_year": 1800, "country": "ZZ"}),
    )
    .await;
    assert_eq!(s, 422);
    let q = format!("q{}", f["questions"][0]["id"]);
    for field in ["category_id", "birth_year", "country", q.as_str()] {
        assert!(e["fields"][field].is_string(), "{field} named in {e}");
    }
    let chair2 = venue_chair(&app, "bad2").await;
    let (s, e) = get(&app, &chair2, &format!("{}?status=maybe&category=x", reg_path("bad2", &f))).await;
    assert_eq!(s, 422);
    assert!(e["fields"]["status"].is_string() && e["fields"]["category"].is_string(), "{e}");
    // A second form for the venue as a whole is refused; a stale edit is refused.
    let (s, e) = post(&app, &chair2, "/api/v1/venues/bad2/registration-forms", json!({})).await;
    assert_eq!(
        (s, e["fields"]["scope"].as_str().unwrap()),
        (422, "There is a registration form for this already.")
    );
    let put = |v: i64| {
        call(
            &chair2,
            reqwest::Method::PUT,
            app.at(&format!("/api/v1/venues/bad2/registration-forms/{}", f["id"])),
            json!({"capacity": 5, "version": v}),
        )
    };
    assert_eq!(put(1).await.0, 200);
    assert_eq!(put(1).await.0, 409);
    // A closed form refuses registrations.
    assert_eq!(
        post(
            &app,
            &chair2,
            &format!("/api/v1/venues/bad2/registration-forms/{}/close", f["id"]),
            json!({})
        )
        .await
        .0,
        200
    );
    let (s, e) = post(&app, &c, &reg_path("bad2", &f), reg_body(&f, 0)).await;
    assert_eq!((s, e["message"].as_str().unwrap()), (409, "Registration is closed."));
}
