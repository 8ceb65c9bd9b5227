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
    // One click: the page is prefilled from the profile and the invitation's category.
    let page = format!("/registrations/invitations/{token}");
    let html = crate::support::page_text(&app, &author, &page, "en").await;
    assert!(html.contains("value=\"李华\""), "the name comes from the profile");
    let csrf = crate::support::csrf_of(&author, &app.at(&page)).await;
    let cat = f["categories"][0]["id"].to_string();
    let res = author
        .post(app.at(&page))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name_zh", "李华"),
            ("institution", "Uni A"),
            ("category_id", &cat),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let (_, mine) = get(&app, &author, "/api/v1/registrations").await;
    let r = &mine[0];
    assert_eq!(
        (r["status"].as_str().unwrap(), r["name_zh"].as_str().unwrap()),
        ("confirmed", "李华"),
        "{r}"
    );
    assert_eq!(r["category_en"], "Speaker");
    assert!(r["invited"].as_bool().unwrap());
    // The link works once: the page says so and the API refuses.
    assert!(
        crate::support::page_text(&app, &author, &page, "en")
            .await
            .contains("This invitation has been used already.")
    );
    let (s, _) = post(
        &app,
        &author,
        &format!("/api/v1/registration-invitations/{token}/register"),
        json!({}),
    )
    .await;
    assert_eq!(s, 409);
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

/// Posts a page form with the CSRF token of `page`.
async fn post_form(app: &TestApp, c: &Client, page: &str, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let csrf = crate::support::csrf_of(c, &app.at(page)).await;
    let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    c.post(app.at(action)).form(&all).send().await.unwrap()
}

#[actix_web::test]
async fn organisers_and_participants_do_it_all_on_the_pages() {
    let app = TestApp::new().await;
    let chair = venue(&app, "pg").await;
    // The chair opens registration with a category row and a question row.
    let res = post_form(
        &app,
        &chair,
        "/venues/pg/registration/new?scope=venue",
        "/venues/pg/registration/new",
        &[
            ("scope", "venue"),
            ("capacity", "1"),
            ("offer_hours", "24"),
            ("categories[0].name_zh", "会员"),
            ("categories[0].name_en", "Member"),
            ("questions[0].kind", "text"),
            ("questions[0].label_en", "Dietary needs"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let list_url = res.headers()["location"].to_str().unwrap().to_string();
    assert!(list_url.ends_with("/list"), "{list_url}");
    let form_id: i64 = list_url.split('/').nth(4).unwrap().parse().unwrap();
    // A bad row is named beside its field, in the organiser's language.
    let res = post_form(
        &app,
        &chair,
        &format!("/venues/pg/registration/{form_id}/edit"),
        &format!("/venues/pg/registration/{form_id}/edit"),
        &[
            ("scope", "venue"),
            ("capacity", "0"),
            ("questions[0].kind", "choice"),
            ("questions[0].label_en", "Meals"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("名额须在 1 至 100000 之间"),
        "the capacity error is shown in the chair's language"
    );
    assert!(html.contains("单选题需要选项，每行一个。"), "the row error is shown");

    // A participant registers on the page and sees the QR code; the next one waits.
    let (_, p1) = person(&app, "p1@pg.org", "王一", "Uni A").await;
    let (_, p2) = person(&app, "p2@pg.org", "王二", "Uni B").await;
    let (_, form) = get(&app, &p1, &format!("/api/v1/venues/pg/registration-forms/{form_id}")).await;
    let cat = form["categories"][0]["id"].to_string();
    let q = format!("q{}", form["questions"][0]["id"]);
    let page = format!("/venues/pg/registration/{form_id}");
    let res = post_form(
        &app,
        &p1,
        &page,
        &page,
        &[("category_id", &cat), ("name_latin", "Wang Yi"), ("country", "CN"), (&q, "none")],
    )
    .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let mine = res.headers()["location"].to_str().unwrap().to_string();
    let html = crate::support::page_text(&app, &p1, &mine, "en").await;
    assert!(
        html.contains("<svg") && html.contains("Check-in code"),
        "the confirmation page shows the QR code"
    );
    let dash = crate::support::page_text(&app, &p1, "/dashboard", "zh-CN").await;
    assert!(
        dash.contains("我的报名") && dash.contains("已确认"),
        "the dashboard lists the registration"
    );
    let res = post_form(&app, &p2, &page, &page, &[("category_id", &cat), ("name_zh", "王二")]).await;
    assert_eq!(res.status(), 303);
    let p2_page = res.headers()["location"].to_str().unwrap().to_string();
    assert!(
        crate::support::page_text(&app, &p2, &p2_page, "en")
            .await
            .contains("number 1 on the waiting list")
    );
    // Registering again shows the refusal on the page.
    let res = post_form(&app, &p2, &page, &page, &[("category_id", &cat), ("name_zh", "王二")]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("您已在此报名表报名。"));

    // The list filters, the exports hold the answers as typed; nobody else gets them.
    let html = crate::support::page_text(&app, &chair, &format!("{list_url}?status=waiting"), "en").await;
    assert!(
        html.contains("王二") && !html.contains("王一"),
        "the filter keeps the waiting one only"
    );
    let html = crate::support::page_text(&app, &chair, &format!("{list_url}?status=nope"), "en").await;
    assert!(html.contains("Unknown status."));
    let csv = chair
        .get(app.at(&format!("/venues/pg/registration/{form_id}/registrations.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("Wang Yi") && csv.contains("Dietary needs") && csv.contains("none") && csv.contains("中国"),
        "{csv}"
    );
    let xlsx = chair
        .get(app.at(&format!("/venues/pg/registration/{form_id}/registrations.xlsx")))
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(&xlsx.bytes().await.unwrap()[..2], b"PK");
    for c in [&p1, &app.client()] {
        let status = c
            .get(app.at(&format!("/venues/pg/registration/{form_id}/registrations.csv")))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        assert!(status == 404 || status == 303, "{status}");
        let status = c.get(app.at(&list_url)).send().await.unwrap().status().as_u16();
        assert!(status == 404 || status == 303, "{status}");
    }
    // p2's page is p2's: p1 gets 404.
    assert_eq!(p1.get(app.at(&p2_page)).send().await.unwrap().status(), 404);

    // The chair records a fee on the list; p1 cancels on the page and p2 is offered the place.
    let rid = mine.rsplit('/').next().unwrap();
    let res = post_form(
        &app,
        &chair,
        &list_url,
        &format!("/registrations/{rid}/fee"),
        &[("fee", "waived"), ("note", "speaker")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post_form(&app, &p1, &mine, &format!("{mine}/cancel"), &[]).await;
    assert_eq!(res.status(), 303);
    let html = crate::support::page_text(&app, &p2, &p2_page, "en").await;
    assert!(html.contains("Confirm my place"), "the offer is on p2's page");
    let res = post_form(&app, &p2, &p2_page, &format!("{p2_page}/confirm"), &[]).await;
    assert_eq!(res.status(), 303);
    assert!(crate::support::page_text(&app, &p2, &p2_page, "zh-CN").await.contains("签到码"));
}
