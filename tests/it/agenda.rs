//! Personal agendas: logged-in users star sessions and talks of a published programme, see
//! them by day with a warning about parallel stars, and read them in a private calendar feed
//! that follows new releases; chairs see anonymous counts per session, which feed the room
//! capacity warnings of the editor.

use std::process::Command;

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use crate::support::formats::pytool;
use crate::support::participation::publish;
use crate::support::review::{join, person, submit, venue};
use crate::support::{TestApp, csrf_of, page_text};

async fn call(c: &Client, method: M, url: String, body: Value) -> (u16, Value) {
    let res = c.request(method, url).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A published programme: sessions S1 (Hall, 09:00–10:00) and S2 (Small room with 2 seats,
/// 09:30–10:30) run in parallel, S3 (Hall, 11:00–12:00) after them; one invited talk in each.
struct Scene {
    chair: Client,
    /// GUIDs by name: s1, s2, s3, t1, t2, t3.
    guid: std::collections::HashMap<&'static str, String>,
    /// Ids of the talks' slots: t1, t2, t3.
    slot: std::collections::HashMap<&'static str, i64>,
    /// Ids of the sessions: s1, s2, s3.
    session: std::collections::HashMap<&'static str, i64>,
}

async fn scene(app: &TestApp, slug: &str) -> Scene {
    let chair = venue(app, slug).await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/{slug}/programme{p}"));
    let sessions = crate::support::participation::sessions(app, &chair, slug).await;
    let mut slot = std::collections::HashMap::new();
    for (name, title, session) in [
        ("t1", "Talk one", sessions[0]),
        ("t2", "Talk two", sessions[1]),
        ("t3", "Talk three", sessions[2]),
    ] {
        let (st, t) = call(
            &chair,
            M::POST,
            api("/slots"),
            json!({"kind": "invited", "title_en": title, "title_zh": title,
                   "speakers": [{"name_latin": "Ada Guest", "email": format!("{name}@guest.org")}], "session_id": session, "duration_min": 30}),
        )
        .await;
        assert_eq!(st, 201, "{t}");
        slot.insert(name, t["id"].as_i64().unwrap());
    }
    publish(app, &chair, slug).await;
    let (_, p) = call(&app.client(), M::GET, api(""), json!(null)).await;
    let mut guid = std::collections::HashMap::new();
    for (i, (s, t)) in [("s1", "t1"), ("s2", "t2"), ("s3", "t3")].into_iter().enumerate() {
        let x = &p["programme"]["sessions"][i];
        guid.insert(s, x["guid"].as_str().unwrap().to_string());
        guid.insert(t, x["talks"][0]["guid"].as_str().unwrap().to_string());
    }
    let session = [("s1", sessions[0]), ("s2", sessions[1]), ("s3", sessions[2])]
        .into_iter()
        .collect();
    Scene {
        chair,
        guid,
        slot,
        session,
    }
}

async fn star(app: &TestApp, c: &Client, slug: &str, guid: &str, kind: &str) -> (u16, Value) {
    call(
        c,
        M::PUT,
        app.at(&format!("/api/v1/venues/{slug}/agenda/stars/{guid}")),
        json!({"kind": kind}),
    )
    .await
}

async fn agenda(app: &TestApp, c: &Client, slug: &str) -> Value {
    let (st, a) = call(c, M::GET, app.at(&format!("/api/v1/venues/{slug}/agenda")), json!(null)).await;
    assert_eq!(st, 200, "{a}");
    a
}

fn guids(a: &Value) -> Vec<String> {
    a["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["guid"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn users_star_items_idempotently_and_see_parallel_stars_on_the_pages() {
    let app = TestApp::new().await;
    let s = scene(&app, "agd").await;
    let (_, u) = person(&app, "reader@agd.org", "读者", "Uni").await;
    let g = |k: &str| s.guid[k].clone();

    // Nobody signed out has an agenda.
    let (st, _) = call(&app.client(), M::GET, app.at("/api/v1/venues/agd/agenda"), json!(null)).await;
    assert_eq!(st, 401);

    // Starring twice is one star.
    for _ in 0..2 {
        let (st, r) = star(&app, &u, "agd", &g("t1"), "talk").await;
        assert_eq!((st, &r["starred"]), (200, &json!(true)), "{r}");
    }
    let a = agenda(&app, &u, "agd").await;
    assert_eq!(guids(&a), vec![g("t1")]);
    assert_eq!(a["items"][0]["title_en"], "Talk one");
    assert_eq!(a["items"][0]["room_en"], "Hall");
    assert_eq!(a["items"][0]["starts_at"], "2027-05-10T01:00:00Z");
    assert_eq!(a["parallel"], json!([]));

    // A session in another room at the same time: a parallel pair; a talk and its own
    // session are not.
    assert_eq!(star(&app, &u, "agd", &g("s2"), "session").await.0, 200);
    assert_eq!(star(&app, &u, "agd", &g("s1"), "session").await.0, 200);
    let a = agenda(&app, &u, "agd").await;
    assert_eq!(guids(&a), vec![g("s1"), g("t1"), g("s2")], "by start: {a}");
    let pairs: Vec<(String, String)> = a["parallel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["first"].as_str().unwrap().to_string(), p["second"].as_str().unwrap().to_string()))
        .collect();
    // Talk one (09:00–09:30) ends as session two begins: touching is not overlapping.
    assert_eq!(pairs, vec![(g("s1"), g("s2"))]);

    // The programme page marks the stars and warns; the grid is cached, the toggles are not.
    let page = page_text(&app, &u, "/venues/agd/programme", "en").await;
    assert!(page.contains("Some of your starred items run at the same time"), "{page}");
    assert!(
        page.contains(&format!("name=\"guid\" value=\"{}\"", g("t3"))),
        "every item has a toggle"
    );
    assert!(page.contains("aria-pressed=\"true\""));
    assert!(
        page.contains(&format!("value=\"/venues/agd/programme#session-{}\"", s.session["s2"])),
        "a toggle comes back to its session's block"
    );
    assert!(!page.contains("<!--star:"), "markers are replaced");
    let anonymous = page_text(&app, &app.client(), "/venues/agd/programme", "zh-CN").await;
    assert!(!anonymous.contains("star-form") && !anonymous.contains("<!--star:"));
    assert!(anonymous.contains("登录后可为会场和报告加星"), "{anonymous}");
    let zh = page_text(&app, &u, "/venues/agd/agenda", "zh-CN").await;
    assert!(
        zh.contains("我的日程") && zh.contains("您加星的以下项目时间重叠") && zh.contains("2027-05-10"),
        "{zh}"
    );
    let dashboard = page_text(&app, &u, "/dashboard", "en").await;
    assert!(dashboard.contains("href=\"/venues/agd/agenda\""), "{dashboard}");
    let session_page = page_text(&app, &u, &format!("/venues/agd/programme/sessions/{}", s.session["s1"]), "en").await;
    assert!(
        session_page.contains("title=\"Remove from my agenda\"") && session_page.contains(&format!("value=\"{}\"", g("t1"))),
        "the session and its talk have toggles: {session_page}"
    );

    // Unstarring is idempotent too, and the warning goes with it.
    for _ in 0..2 {
        let (st, r) = call(
            &u,
            M::DELETE,
            app.at(&format!("/api/v1/venues/agd/agenda/stars/{}", g("s2"))),
            json!(null),
        )
        .await;
        assert_eq!((st, &r["starred"]), (200, &json!(false)), "{r}");
    }
    assert_eq!(agenda(&app, &u, "agd").await["parallel"], json!([]));

    // The plain form (no JavaScript) stars and comes back.
    let csrf = csrf_of(&u, &app.at("/venues/agd/programme")).await;
    let res = u
        .post(app.at("/venues/agd/agenda/stars"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "talk"),
            ("guid", &g("t3")),
            ("on", "1"),
            ("back", "/venues/agd/programme?view=list"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/venues/agd/programme?view=list");
    assert!(guids(&agenda(&app, &u, "agd").await).contains(&g("t3")));
    let res = u
        .post(app.at("/venues/agd/agenda/stars"))
        .form(&[("kind", "talk"), ("guid", &g("t3")), ("on", "0")])
        .send()
        .await
        .unwrap();
    assert_ne!(res.status(), 303, "no CSRF token, no change");

    // Bad input names the field.
    let (st, e) = star(&app, &u, "agd", &g("t1"), "paper").await;
    assert_eq!((st, e["fields"]["kind"].as_str()), (422, Some("Choose session or talk.")));
    let (st, e) = star(&app, &u, "agd", &g("t1"), "session").await;
    assert_eq!(st, 422);
    assert!(e["fields"]["kind"].as_str().unwrap().contains("not of that kind"), "{e}");
    let (st, e) = star(&app, &u, "agd", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "talk").await;
    assert_eq!(
        (st, e["fields"]["guid"].as_str()),
        (422, Some("This item is not in the latest programme of the conference."))
    );
    let (st, e) = star(&app, &u, "agd", "not-a-guid", "talk").await;
    assert_eq!(st, 422);
    assert!(e["fields"]["guid"].is_string(), "{e}");
    let (st, e) = call(
        &u,
        M::PUT,
        app.at(&format!("/api/v1/venues/agd/agenda/stars/{}", g("t1"))),
        json!({}),
    )
    .await;
    assert_eq!((st, e["fields"]["kind"].is_string()), (422, true), "{e}");
    // No programme, no stars.
    let (st, _) = star(&app, &u, "no-such-venue", &g("t1"), "talk").await;
    assert_eq!(st, 404);
}

/// The feed's events as "start summary" lines, read by the python icalendar library.
fn read_calendar(ics: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agenda.ics");
    std::fs::write(&path, ics).unwrap();
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        tz = [c for c in cal.walk('VTIMEZONE')]\n\
        assert len(tz) == 1 and str(tz[0]['TZID']) == 'Asia/Shanghai', tz\n\
        for e in sorted(cal.walk('VEVENT'), key=lambda e: e.decoded('DTSTART')): print(e.decoded('DTSTART').isoformat(), str(e['SUMMARY']))\n";
    let out = Command::new(pytool("python")).arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}\n{ics}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

#[tokio::test]
async fn the_feed_follows_new_releases_and_a_new_address_ends_the_old_one() {
    let app = TestApp::new().await;
    let s = scene(&app, "feed").await;
    let (_, u) = person(&app, "cal@feed.org", "日历", "Uni").await;
    for (k, kind) in [("t1", "talk"), ("t2", "talk"), ("s3", "session")] {
        assert_eq!(star(&app, &u, "feed", &s.guid[k], kind).await.0, 200);
    }
    let (st, f) = call(&u, M::GET, app.at("/api/v1/agenda/feed"), json!(null)).await;
    assert_eq!((st, &f["url"]), (200, &Value::Null));
    let (_, f) = call(&u, M::POST, app.at("/api/v1/agenda/feed"), json!(null)).await;
    let url = f["url"].as_str().unwrap().to_string();
    let path = url.split_once("/agenda/").map(|(_, t)| format!("/agenda/{t}")).unwrap();
    let get = |p: String| {
        let url = app.at(&p);
        async move {
            let res = reqwest::get(url).await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (st, ics) = get(path.clone()).await;
    assert_eq!(st, 200, "no login needed: {ics}");
    assert_eq!(
        read_calendar(&ics),
        vec![
            "2027-05-10T09:00:00+08:00 Talk one",
            "2027-05-10T09:30:00+08:00 Talk two",
            "2027-05-10T11:00:00+08:00 Talk three",
        ],
        "a starred session brings its talks"
    );

    // A new release moves talk one and drops talk two: the feed follows, the agenda keeps the
    // star and says the item is gone.
    let api = |p: &str| app.at(&format!("/api/v1/venues/feed/programme{p}"));
    let (st, e) = call(&s.chair, M::DELETE, api(&format!("/slots/{}", s.slot["t2"])), json!(null)).await;
    assert_eq!(st, 200, "{e}");
    let (st, e) = call(
        &s.chair,
        M::POST,
        api(&format!("/slots/{}/move", s.slot["t1"])),
        json!({"session_id": s.session["s3"], "position": 1}),
    )
    .await;
    assert_eq!(st, 200, "{e}");
    publish(&app, &s.chair, "feed").await;
    let (_, ics) = get(path.clone()).await;
    assert_eq!(
        read_calendar(&ics),
        vec!["2027-05-10T11:00:00+08:00 Talk three", "2027-05-10T11:30:00+08:00 Talk one"]
    );
    let a = agenda(&app, &u, "feed").await;
    let gone: Vec<&Value> = a["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["in_programme"] == false)
        .collect();
    assert_eq!(gone.len(), 1, "{a}");
    assert_eq!((&gone[0]["guid"], &gone[0]["title_en"]), (&json!(s.guid["t2"]), &json!("Talk two")));
    let page = page_text(&app, &u, "/venues/feed/agenda", "en").await;
    assert!(page.contains("No longer in the programme") && page.contains("Talk two"), "{page}");

    // A new address ends the old one; stopping ends the feed.
    let (_, f) = call(&u, M::POST, app.at("/api/v1/agenda/feed"), json!(null)).await;
    let new_url = f["url"].as_str().unwrap().to_string();
    assert_ne!(new_url, url);
    let new_path = new_url.split_once("/agenda/").map(|(_, t)| format!("/agenda/{t}")).unwrap();
    assert_eq!(get(path.clone()).await.0, 404);
    assert_eq!(get(new_path.clone()).await.0, 200);
    let (st, f) = call(&u, M::DELETE, app.at("/api/v1/agenda/feed"), json!(null)).await;
    assert_eq!((st, &f["url"]), (200, &Value::Null));
    assert_eq!(get(new_path).await.0, 404);
    assert_eq!(get("/agenda/unknown-token.ics".into()).await.0, 404);

    // The page's buttons do the same without JavaScript.
    let csrf = csrf_of(&u, &app.at("/venues/feed/agenda")).await;
    let res = u
        .post(app.at("/agenda/feed/rotate"))
        .form(&[("csrf", csrf.as_str()), ("back", "/venues/feed/agenda")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = page_text(&app, &u, "/venues/feed/agenda", "en").await;
    assert!(
        page.contains("/agenda/") && page.contains(".ics") && page.contains("Stop the feed"),
        "{page}"
    );
}

#[tokio::test]
async fn counts_are_anonymous_for_chairs_only_and_warn_about_small_rooms() {
    let app = TestApp::new().await;
    let s = scene(&app, "cnt").await;
    // Three people for the session in the two-seat room (one of them starred it twice over:
    // the session and its talk), one for the first session.
    let mut clients = Vec::new();
    for (email, items) in [
        ("a@cnt.org", vec![("s2", "session"), ("t2", "talk")]),
        ("b@cnt.org", vec![("t2", "talk"), ("t1", "talk")]),
        ("c@cnt.org", vec![("s2", "session")]),
    ] {
        let (_, c) = person(&app, email, "观众", "Secret Institute").await;
        for (k, kind) in items {
            assert_eq!(star(&app, &c, "cnt", &s.guid[k], kind).await.0, 200);
        }
        clients.push(c);
    }
    let (st, counts) = call(&s.chair, M::GET, app.at("/api/v1/venues/cnt/agenda/counts"), json!(null)).await;
    assert_eq!(st, 200, "{counts}");
    let by_guid = |k: &str| {
        counts["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["guid"] == s.guid[k])
            .unwrap()["stars"]
            .clone()
    };
    assert_eq!((by_guid("s1"), by_guid("s2"), by_guid("s3")), (json!(1), json!(3), json!(0)));
    let text = counts.to_string();
    for secret in ["a@cnt.org", "b@cnt.org", "观众", "Secret Institute", "user"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let keys: Vec<&String> = counts["sessions"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        vec![
            "capacity",
            "guid",
            "id",
            "room_en",
            "room_zh",
            "stars",
            "starts_at",
            "title_en",
            "title_zh"
        ]
    );
    let page = page_text(&app, &s.chair, "/venues/cnt/agenda/counts", "zh-CN").await;
    assert!(page.contains("各会场加星人数") && page.contains("超过座位数"), "{page}");

    // Nobody else sees them: a reviewer, an author, another venue's chair, a reader.
    let (_, reviewer) = person(&app, "rev@cnt.org", "审稿人", "Uni").await;
    join(&app, &s.chair, "cnt", "rev@cnt.org", &reviewer).await;
    let (_, author) = person(&app, "author@cnt.org", "作者", "Uni").await;
    let res = submit(&app, &author, "cnt", &[("作者", "author@cnt.org", "Uni")], &[]).await;
    assert_eq!(res.status(), 303);
    let other_admin = crate::venues::venue_with_chair(&app, "cnt-other").await;
    let other_id = app.user("otherchair@cnt.org", false);
    let other_venue = call(&other_admin, M::GET, app.at("/api/v1/venues/cnt-other"), json!(null)).await.1["id"]
        .as_i64()
        .unwrap();
    xuehui::auth::roles::grant(
        &mut app.state.db.conn().unwrap(),
        other_id,
        xuehui::auth::roles::Role::Chair,
        xuehui::auth::roles::Scope::Venue,
        other_venue,
    )
    .unwrap();
    let other_chair = app.client();
    app.api_login(&other_chair, "otherchair@cnt.org").await;
    for c in [&reviewer, &author, &other_chair, &clients[0]] {
        let (st, body) = call(c, M::GET, app.at("/api/v1/venues/cnt/agenda/counts"), json!(null)).await;
        assert_eq!(st, 404, "{body}");
        assert_eq!(c.get(app.at("/venues/cnt/agenda/counts")).send().await.unwrap().status(), 404);
    }

    // The editor shows the stars and warns that three people will not fit two seats.
    let (_, draft) = call(&s.chair, M::GET, app.at("/api/v1/venues/cnt/programme/draft"), json!(null)).await;
    let over: Vec<&Value> = draft["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "over_capacity")
        .collect();
    assert_eq!(over.len(), 1, "{}", draft["warnings"]);
    assert_eq!(over[0]["amount"], 1, "{}", over[0]);
    let editor = page_text(&app, &s.chair, "/venues/cnt/programme/edit?day=2027-05-10", "en").await;
    assert!(editor.contains("★ 3"), "{editor}");
}

#[tokio::test]
async fn talks_starred_together_are_kept_apart_by_the_scheduler() {
    let app = TestApp::new().await;
    let chair = venue(&app, "sched").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/sched/programme{p}"));
    let (_, hall) = call(&chair, M::POST, api("/rooms"), json!({"name_en": "Hall"})).await;
    let (_, small) = call(&chair, M::POST, api("/rooms"), json!({"name_en": "Small room"})).await;
    let mut sessions = Vec::new();
    for (room, start, end) in [(&hall, "09:00", "10:00"), (&small, "09:30", "10:30"), (&hall, "11:00", "12:00")] {
        let (st, s) = call(
            &chair,
            M::POST,
            api("/sessions"),
            json!({"kind": "paper_session", "title_en": "Session", "room_id": room["id"], "date": "2027-05-10", "start": start, "end": end}),
        )
        .await;
        assert_eq!(st, 201, "{s}");
        sessions.push(s["id"].as_i64().unwrap());
    }
    // Talk w sits with a talk on its own topic, parallel to talk one.
    let mut slots = Vec::new();
    for (title, session, who) in [
        ("Query optimisation in column stores", sessions[0], "one"),
        ("Graph neural networks for proteins", sessions[1], "two"),
        ("Graph neural networks for materials", sessions[1], "w"),
    ] {
        let (st, t) = call(
            &chair,
            M::POST,
            api("/slots"),
            json!({"kind": "invited", "title_en": title, "speakers": [{"name_latin": who, "email": format!("{who}@sched.org")}],
                   "session_id": session, "duration_min": 30}),
        )
        .await;
        assert_eq!(st, 201, "{t}");
        slots.push(t["id"].as_i64().unwrap());
    }
    publish(&app, &chair, "sched").await;
    let (_, p) = call(&app.client(), M::GET, api(""), json!(null)).await;
    let (one, w) = (
        p["programme"]["sessions"][0]["talks"][0]["guid"].as_str().unwrap().to_string(),
        p["programme"]["sessions"][1]["talks"][1]["guid"].as_str().unwrap().to_string(),
    );
    // The chair takes w out again and asks where it should go.
    let (st, e) = call(
        &chair,
        M::POST,
        api(&format!("/slots/{}/move", slots[2])),
        json!({"session_id": null}),
    )
    .await;
    assert_eq!(st, 200, "{e}");
    let propose = || async {
        let (st, p) = call(&chair, M::POST, api("/proposals"), json!({"mode": "unscheduled"})).await;
        assert_eq!(st, 202, "{p}");
        app.run_jobs().await;
        let (_, p) = call(&chair, M::GET, api(&format!("/proposals/{}", p["id"])), json!(null)).await;
        let placed = p["outcome"]["placements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["slot_id"] == slots[2])
            .unwrap()["to"]
            .clone();
        (placed, p)
    };
    let (to, p) = propose().await;
    assert_eq!(to, json!(sessions[1]), "alone, w goes beside the talk on its topic: {p}");
    // Twenty people want both talk one and w: the scheduler no longer puts them in parallel
    // (w goes beside talk one or after it).
    for i in 0..20 {
        let email = format!("fan{i}@sched.org");
        app.user(&email, false);
        let c = app.client();
        app.api_login(&c, &email).await;
        assert_eq!(star(&app, &c, "sched", &one, "talk").await.0, 200);
        assert_eq!(star(&app, &c, "sched", &w, "talk").await.0, 200);
    }
    let (to, p) = propose().await;
    assert!(to == json!(sessions[0]) || to == json!(sessions[2]), "{p}");
}
