//! Check-in and attendance: the desk (chairs and the helpers they name) checks a confirmed
//! registrant in once a day at the event and once at a session, refuses everything else with
//! the reason, and chairs see attendance; helpers see nothing but the desk. Badges are their
//! holder's and the chairs'.

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use crate::support::participation::{Event, account, call, check_in, event, register};
use crate::support::{TestApp, csrf_of, page_text};

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    call(c, M::GET, app.at(path), json!(null)).await
}

async fn desk_post(app: &TestApp, e: &Event, c: &Client, code: &str, session: &str, lang: &str) -> String {
    let csrf = csrf_of(c, &app.at(&format!("/venues/{}/checkin", e.slug))).await;
    c.post(app.at(&format!("/venues/{}/checkin", e.slug)))
        .header("accept-language", lang)
        .form(&[("csrf", csrf.as_str()), ("code", code), ("session", session)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[actix_web::test]
async fn a_code_checks_in_once_a_day_and_a_second_scan_says_when() {
    let app = TestApp::new().await;
    let e = event(&app, "ck", 3).await;
    let (s, v) = check_in(&app, &e, 0, None).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["registration_id"], e.people[0].registration_id);
    assert_eq!(v["name_latin"], format!("Test {}", e.people[0].email));
    assert_eq!(v["category_en"], "Member");
    assert!(v["session"].is_null());
    let (s, again) = check_in(&app, &e, 0, None).await;
    assert_eq!(s, 409, "{again}");
    assert!(again["message"].as_str().unwrap().starts_with("Already checked in at "), "{again}");

    // A session is a place of its own: once there too.
    let (s, v) = check_in(&app, &e, 0, Some(1)).await;
    assert_eq!((s, v["session"].as_str()), (201, Some(e.sessions[1].as_str())), "{v}");
    assert_eq!(v["day"], "2027-05-10");
    assert_eq!(v["session_title_en"], "Databases");
    assert_eq!(check_in(&app, &e, 0, Some(1)).await.0, 409);

    // A code typed from the badge: case, spaces and dashes do not matter.
    let typed = format!("{}-{} ", e.people[1].code[..8].to_lowercase(), &e.people[1].code[8..]);
    let url = app.at("/api/v1/venues/ck/checkins");
    let (s, v) = call(&e.chair, M::POST, url.clone(), json!({"code": typed})).await;
    assert_eq!(s, 201, "{v}");

    // Everything else is refused with the reason, and nothing is recorded.
    for (body, field, message) in [
        (json!({"code": ""}), "code", "Enter or scan a check-in code."),
        (json!({"code": "12345"}), "code", "A check-in code has 16 letters (A–F) and digits."),
        (
            json!({"code": "00000000000000AA"}),
            "code",
            "No registration of this event has this code.",
        ),
        (
            json!({"code": e.people[2].code, "session": "room-1"}),
            "session",
            "This session is not in the published programme.",
        ),
        (
            json!({"code": e.people[2].code, "session": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"}),
            "session",
            "This session is not in the published programme.",
        ),
    ] {
        let (s, err) = call(&e.chair, M::POST, url.clone(), body.clone()).await;
        assert_eq!((s, err["fields"][field].as_str()), (422, Some(message)), "{body}: {err}");
    }
    // A code of another event is unknown here.
    let other = event(&app, "ck-other", 1).await;
    let (s, err) = call(&e.chair, M::POST, url.clone(), json!({"code": other.people[0].code})).await;
    assert_eq!(
        (s, err["fields"]["code"].as_str()),
        (422, Some("No registration of this event has this code."))
    );
    // A cancelled registration holds no place.
    let (s, _) = call(
        &e.people[2].client,
        M::POST,
        app.at(&format!("/api/v1/registrations/{}/cancel", e.people[2].registration_id)),
        json!({}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, err) = check_in(&app, &e, 2, None).await;
    assert_eq!(
        (s, err["fields"]["code"].as_str()),
        (422, Some("Not admitted: this registration was cancelled."))
    );

    // Attendance: two people on the day, one at "Databases", three confirmed... now two.
    let (s, a) = get(&app, &e.chair, "/api/v1/venues/ck/attendance").await;
    assert_eq!(s, 200, "{a}");
    assert_eq!((a["confirmed"].as_i64(), a["attended"].as_i64()), (Some(2), Some(2)));
    let days: Vec<(String, i64)> = a["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["people"].as_i64().unwrap() > 0)
        .map(|d| (d["day"].as_str().unwrap().to_string(), d["people"].as_i64().unwrap()))
        .collect();
    let today_total: i64 = days.iter().filter(|d| d.0 != "2027-05-10").map(|d| d.1).sum();
    assert_eq!(today_total, 2, "{days:?}");
    assert!(
        days.contains(&("2027-05-10".to_string(), 1)),
        "the session day counts its one person: {days:?}"
    );
    let sessions = a["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 3);
    assert_eq!(
        (sessions[1]["checked_in"].as_i64(), sessions[1]["capacity"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(sessions[0]["checked_in"], 0);
    assert_eq!(a["recent"].as_array().unwrap().len(), 3);

    // The chairs undo a mistaken check-in; the person can be checked in again.
    let id = a["recent"][0]["id"].as_i64().unwrap();
    let (s, _) = call(
        &e.chair,
        M::DELETE,
        app.at(&format!("/api/v1/venues/ck/checkins/{id}")),
        json!(null),
    )
    .await;
    assert_eq!(s, 204);
    assert_eq!(
        call(
            &e.chair,
            M::DELETE,
            app.at(&format!("/api/v1/venues/ck/checkins/{id}")),
            json!(null)
        )
        .await
        .0,
        404
    );
    let (_, a2) = get(&app, &e.chair, "/api/v1/venues/ck/attendance").await;
    assert_eq!(a2["recent"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn two_helpers_scanning_one_code_at_once_admit_it_once() {
    let app = TestApp::new().await;
    let e = event(&app, "race", 1).await;
    let url = app.at("/api/v1/venues/race/checkins");
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let (c, url, code) = (e.chair.clone(), url.clone(), e.people[0].code.clone());
        tasks.push(actix_web::rt::spawn(async move {
            call(&c, M::POST, url, json!({"code": code})).await.0
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);
}

#[actix_web::test]
async fn a_session_with_its_own_form_admits_only_those_registered_for_it() {
    let app = TestApp::new().await;
    let e = event(&app, "ws", 2).await;
    let (s, f) = call(
        &e.chair,
        M::POST,
        app.at("/api/v1/venues/ws/registration-forms"),
        json!({"scope": "session", "session_id": e.session_ids[2], "capacity": 10}),
    )
    .await;
    assert_eq!(s, 201, "{f}");
    let (s, r) = call(
        &e.people[0].client,
        M::POST,
        app.at(&format!("/api/v1/venues/ws/registration-forms/{}/registrations", f["id"])),
        json!({}),
    )
    .await;
    assert_eq!((s, r["status"].as_str()), (201, Some("confirmed")), "{r}");
    // The event badge's code admits its holder to the workshop they registered for...
    let (s, v) = check_in(&app, &e, 0, Some(2)).await;
    assert_eq!((s, v["registration_id"].as_i64()), (201, r["id"].as_i64()), "{v}");
    // ...but not someone who did not register for it.
    let (s, err) = check_in(&app, &e, 1, Some(2)).await;
    assert_eq!(
        (s, err["fields"]["code"].as_str()),
        (422, Some("Not admitted: this person is not registered for this session."))
    );
    // Sessions without a form of their own admit every registrant.
    assert_eq!(check_in(&app, &e, 1, Some(0)).await.0, 201);
}

#[actix_web::test]
async fn helpers_check_people_in_and_see_nothing_else() {
    let app = TestApp::new().await;
    let e = event(&app, "hp", 2).await;
    let (helper_id, helper) = account(&app, "helper@hp.org").await;
    let helpers = app.at("/api/v1/venues/hp/checkin-helpers");
    // Only accounts can help, named by a valid address.
    for (email, message) in [
        ("not-an-address", "Enter a valid e-mail address."),
        (
            "nobody@hp.org",
            "Nobody has an account with this address: ask them to sign up first.",
        ),
    ] {
        let (s, err) = call(&e.chair, M::POST, helpers.clone(), json!({"email": email})).await;
        assert_eq!((s, err["fields"]["email"].as_str()), (422, Some(message)));
    }
    // Before they are named, the desk does not exist for them.
    assert_eq!(
        call(
            &helper,
            M::POST,
            app.at("/api/v1/venues/hp/checkins"),
            json!({"code": e.people[0].code})
        )
        .await
        .0,
        404
    );
    let (s, h) = call(&e.chair, M::POST, helpers.clone(), json!({"email": "Helper@HP.org"})).await;
    assert_eq!((s, h["user_id"].as_i64()), (201, Some(helper_id)), "{h}");
    let (subject, body) = app.last_mail_to("helper@hp.org").expect("the helper is told");
    assert!(subject.contains("签到") || subject.contains("check-in"), "{subject}");
    assert!(body.contains("/venues/hp/checkin"), "{body}");
    let (_, list) = get(&app, &e.chair, "/api/v1/venues/hp/checkin-helpers").await;
    assert_eq!(list.as_array().unwrap().len(), 1);

    // The helper checks people in, at the desk page and through the API.
    let (s, v) = call(
        &helper,
        M::POST,
        app.at("/api/v1/venues/hp/checkins"),
        json!({"code": e.people[0].code}),
    )
    .await;
    assert_eq!((s, v["by"].as_str()), (201, Some("Test helper@hp.org")), "{v}");
    let desk = page_text(&app, &helper, "/venues/hp/checkin", "en").await;
    assert!(desk.contains("Check-in desk") && desk.contains("1 checked in here today"), "{desk}");
    assert!(!desk.contains("/venues/hp/attendance"), "helpers get no link to attendance");
    let venue_page = page_text(&app, &helper, "/venues/hp", "en").await;
    assert!(
        venue_page.contains(r#"href="/venues/hp/checkin""#),
        "the venue page leads helpers to the desk"
    );
    let venue_page = page_text(&app, &e.people[1].client, "/venues/hp", "en").await;
    assert!(!venue_page.contains(r#"href="/venues/hp/checkin""#), "and nobody else");
    let (s, _) = call(
        &helper,
        M::POST,
        app.at("/api/v1/venues/hp/checkins"),
        json!({"code": e.people[0].code}),
    )
    .await;
    assert_eq!(s, 409);

    // Nothing else of the venue opens to them.
    for path in [
        "/api/v1/venues/hp/attendance".to_string(),
        "/api/v1/venues/hp/checkin-helpers".to_string(),
        format!("/api/v1/venues/hp/registration-forms/{}/registrations", e.form_id),
        format!("/api/v1/registrations/{}", e.people[1].registration_id),
        "/api/v1/venues/hp/submissions".to_string(),
    ] {
        assert_eq!(get(&app, &helper, &path).await.0, 404, "{path}");
    }
    for path in [
        "/venues/hp/attendance".to_string(),
        "/venues/hp/checkin/helpers".to_string(),
        format!("/venues/hp/registration/{}/list", e.form_id),
        format!("/venues/hp/registration/{}/badges", e.form_id),
        format!("/registrations/{}/badge", e.people[1].registration_id),
    ] {
        let res = helper.get(app.at(&path)).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
    }
    let (_, a) = get(&app, &e.chair, "/api/v1/venues/hp/attendance").await;
    let id = a["recent"][0]["id"].as_i64().unwrap();
    assert_eq!(
        call(&helper, M::DELETE, app.at(&format!("/api/v1/venues/hp/checkins/{id}")), json!(null))
            .await
            .0,
        404
    );
    assert_eq!(
        call(&helper, M::POST, helpers.clone(), json!({"email": "helper@hp.org"})).await.0,
        404
    );

    // A registrant is no helper; a helper of one venue is none of another's.
    let other = event(&app, "hp-other", 1).await;
    for (c, slug, code) in [
        (&e.people[1].client, "hp", &e.people[1].code),
        (&helper, "hp-other", &other.people[0].code),
    ] {
        assert_eq!(
            call(
                c,
                M::POST,
                app.at(&format!("/api/v1/venues/{slug}/checkins")),
                json!({"code": code})
            )
            .await
            .0,
            404
        );
        assert_eq!(
            c.get(app.at(&format!("/venues/{slug}/checkin"))).send().await.unwrap().status(),
            404
        );
    }

    // Removed, the helper's desk is gone.
    let (s, _) = call(
        &e.chair,
        M::DELETE,
        app.at(&format!("/api/v1/venues/hp/checkin-helpers/{helper_id}")),
        json!(null),
    )
    .await;
    assert_eq!(s, 204);
    assert_eq!(
        call(
            &helper,
            M::POST,
            app.at("/api/v1/venues/hp/checkins"),
            json!({"code": e.people[1].code})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        call(
            &e.chair,
            M::DELETE,
            app.at(&format!("/api/v1/venues/hp/checkin-helpers/{helper_id}")),
            json!(null)
        )
        .await
        .0,
        404
    );
}

#[actix_web::test]
async fn the_desk_page_takes_a_typed_code_and_shows_who_or_why_not_in_both_languages() {
    let app = TestApp::new().await;
    let e = event(&app, "dp", 2).await;
    let html = desk_post(&app, &e, &e.chair, &e.people[0].code, "", "en").await;
    assert!(html.contains("Checked in. Welcome!") && html.contains("Test p0@dp.org"), "{html}");
    let html = desk_post(&app, &e, &e.chair, &e.people[0].code, "", "zh-CN").await;
    assert!(html.contains("不能重复签到"), "{html}");
    let html = desk_post(&app, &e, &e.chair, "xyz", "", "en").await;
    assert!(html.contains("A check-in code has 16 letters"), "{html}");
    let html = desk_post(&app, &e, &e.chair, &e.people[1].code, &e.sessions[0], "zh-CN").await;
    assert!(html.contains("签到成功") && html.contains("Graphs（中）"), "{html}");
    // The desk offers the published sessions as places.
    let desk = page_text(&app, &e.chair, "/venues/dp/checkin", "en").await;
    for s in &e.sessions {
        assert!(desk.contains(s.as_str()), "{desk}");
    }
    // Attendance page in both languages, with an undo button per check-in.
    let en = page_text(&app, &e.chair, "/venues/dp/attendance", "en").await;
    assert!(en.contains("Attendance") && en.contains("Graphs") && en.contains("Undo"), "{en}");
    let zh = page_text(&app, &e.chair, "/venues/dp/attendance", "zh-CN").await;
    assert!(zh.contains("出席情况") && zh.contains("撤销"), "{zh}");
    // Helpers page.
    let hp = page_text(&app, &e.chair, "/venues/dp/checkin/helpers", "zh-CN").await;
    assert!(hp.contains("签到协助人员"), "{hp}");
}

#[actix_web::test]
async fn badges_are_their_holders_and_the_chairs() {
    let app = TestApp::new().await;
    let e = event(&app, "bd", 2).await;
    let own = page_text(
        &app,
        &e.people[0].client,
        &format!("/registrations/{}/badge", e.people[0].registration_id),
        "en",
    )
    .await;
    assert!(
        own.contains("Test p0@bd.org") && own.contains(&e.people[0].code) && own.contains("<svg"),
        "{own}"
    );
    let res = e.people[0]
        .client
        .get(app.at(&format!("/registrations/{}/badge", e.people[1].registration_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "someone else's badge");
    let sheet = page_text(&app, &e.chair, &format!("/venues/bd/registration/{}/badges", e.form_id), "zh-CN").await;
    assert!(
        sheet.contains(&e.people[0].code) && sheet.contains(&e.people[1].code) && sheet.contains("胸牌"),
        "{sheet}"
    );
    // A registration without a place has no badge.
    let late = register(&app, "bd", e.form_id, e.category_id, "late@bd.org").await;
    call(
        &late.client,
        M::POST,
        app.at(&format!("/api/v1/registrations/{}/cancel", late.registration_id)),
        json!({}),
    )
    .await;
    let res = late
        .client
        .get(app.at(&format!("/registrations/{}/badge", late.registration_id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}
