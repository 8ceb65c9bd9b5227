//! Programmes: a chair builds the draft (rooms, sessions, talks of accepted papers), sees its
//! warnings, publishes named releases with changelogs and speaker mails, and the exports
//! validate against their owners' schemas. Nobody else sees the draft; speakers manage only
//! their own unavailable times.

use std::path::PathBuf;
use std::process::Command;

use reqwest::Client;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::formats::{assert_json_valid, pytool, write_tmp};
use crate::support::review::{decide, id_of, notify_authors, person, submit, venue};

fn formats() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/schedule")
}

async fn call(c: &Client, method: reqwest::Method, url: String, body: Value) -> (u16, Value) {
    let res = c.request(method, url).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

struct Scene {
    chair: Client,
    author: Client,
}

/// A venue (2027-05-10 to 12, Asia/Shanghai) with papers 1 and 2 accepted and told, 3 rejected.
async fn scene(app: &TestApp, slug: &str) -> Scene {
    let chair = venue(app, slug).await;
    let (_, author) = person(app, &format!("li@{slug}.edu.cn"), "李华", "Uni A").await;
    let authors = [("李华", &*format!("li@{slug}.edu.cn"), "Uni A")];
    let mut papers = Vec::new();
    for _ in 0..3 {
        papers.push(id_of(&submit(app, &author, slug, &authors, &[]).await));
    }
    assert_eq!(decide(app, &chair, papers[0], json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(app, &chair, papers[1], json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(app, &chair, papers[2], json!("reject")).await.status(), 200);
    notify_authors(app, &chair, slug).await;
    Scene { chair, author }
}

fn codes(draft: &Value) -> Vec<String> {
    draft["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_chair_builds_the_draft_fixes_its_warnings_and_publishes_releases_with_changelogs() {
    let app = TestApp::new().await;
    let s = scene(&app, "prog").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/prog/programme{p}"));
    use reqwest::Method as M;

    // Before any release the programme does not exist for the public.
    assert_eq!(app.client().get(api("")).send().await.unwrap().status(), 404);
    assert_eq!(
        app.client()
            .get(app.at("/venues/prog/programme/schedule.json"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    let (st, a) = call(
        &s.chair,
        M::POST,
        api("/rooms"),
        json!({"name_zh": "报告厅A", "name_en": "Hall A", "capacity": 200, "recorded": true}),
    )
    .await;
    assert_eq!(st, 201, "{a}");
    let (_, b) = call(&s.chair, M::POST, api("/rooms"), json!({"name_zh": "会议室B", "capacity": 0})).await;
    assert_eq!(b["fields"]["capacity"], "Enter a number of seats from 1 up.");
    let (_, b) = call(&s.chair, M::POST, api("/rooms"), json!({"name_zh": "会议室B"})).await;
    let (room_a, room_b) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());

    // Times are checked against the venue's days.
    let session = |title: &str, room: i64, date: &str, start: &str, end: &str| json!({"kind": "paper_session", "title_zh": title, "title_en": title, "room_id": room, "date": date, "start": start, "end": end});
    let (st, e) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        session("x", room_a, "2027-06-01", "09:00", "10:00"),
    )
    .await;
    assert_eq!((st, e["fields"]["date"].as_str()), (422, Some("Pick one of the venue's days.")));
    let (st, e) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        session("x", room_a, "2027-05-10", "10:00", "09:00"),
    )
    .await;
    assert_eq!((st, e["fields"]["end"].as_str()), (422, Some("The end must be after the start.")));
    let (st, e) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        session("x", 999_999, "2027-05-10", "09:00", "10:00"),
    )
    .await;
    assert_eq!((st, e["fields"]["room_id"].as_str()), (422, Some("No such room in this venue.")));
    let (_, s1) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        session("图学习", room_a, "2027-05-10", "09:00", "10:00"),
    )
    .await;
    let (_, s2) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        session("Databases", room_a, "2027-05-10", "09:30", "10:30"),
    )
    .await;
    let (s1, s2) = (s1["id"].as_i64().unwrap(), s2["id"].as_i64().unwrap());

    // Only accepted papers get talks, and each only one.
    let (st, e) = call(
        &s.chair,
        M::POST,
        api("/slots"),
        json!({"kind": "paper", "paper": 3, "session_id": s1}),
    )
    .await;
    assert_eq!((st, e["fields"]["paper"].as_str()), (422, Some("This paper is not accepted.")));
    let (st, t1) = call(
        &s.chair,
        M::POST,
        api("/slots"),
        json!({"kind": "paper", "paper": 1, "session_id": s1}),
    )
    .await;
    assert_eq!(st, 201, "{t1}");
    let (st, _) = call(&s.chair, M::POST, api("/slots"), json!({"kind": "paper", "paper": 1})).await;
    assert_eq!(st, 422);
    let t1 = t1["id"].as_i64().unwrap();

    // The draft shows a blocking room clash and the unscheduled paper, each with a link.
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert_eq!(codes(&d), vec!["room_clash", "unscheduled"], "{}", d["warnings"]);
    assert_eq!(d["warnings"][0]["blocking"], true);
    assert_eq!(d["warnings"][0]["link"], format!("/venues/prog/programme/edit#session-{s1}"));
    assert!(
        d["warnings"][0]["message"].as_str().unwrap().contains("use the same room at once"),
        "{}",
        d["warnings"][0]
    );
    assert_eq!(d["programme"]["sessions"][0]["talks"][0]["duration_min"], 20, "oral default");
    let (st, e) = call(&s.chair, M::POST, api("/releases"), json!({"over_warnings": true})).await;
    assert_eq!(st, 409, "{e}");
    assert!(e["message"].as_str().unwrap().contains("blocks a release"), "{e}");

    // Two chairs editing the same session: the stale edit is refused, not lost.
    let v2 = d["sessions"].as_array().unwrap().iter().find(|v| v["id"] == s2).unwrap()["version"]
        .as_i64()
        .unwrap();
    let mut moved = session("Databases", room_b, "2027-05-10", "09:30", "10:30");
    moved["version"] = json!(v2);
    let (st, _) = call(&s.chair, M::PUT, api(&format!("/sessions/{s2}")), moved.clone()).await;
    assert_eq!(st, 200);
    let (st, e) = call(&s.chair, M::PUT, api(&format!("/sessions/{s2}")), moved).await;
    assert_eq!(st, 409);
    assert!(e["message"].as_str().unwrap().contains("Someone else changed this"), "{e}");

    // Warnings that do not block need the chair's explicit choice.
    let (st, e) = call(&s.chair, M::POST, api("/releases"), json!({})).await;
    assert_eq!(st, 409);
    assert!(e["message"].as_str().unwrap().contains("warnings"), "{e}");
    let (st, t2) = call(
        &s.chair,
        M::POST,
        api("/slots"),
        json!({"kind": "paper", "paper": 2, "session_id": s2, "duration_min": 30}),
    )
    .await;
    assert_eq!(st, 201, "{t2}");
    let t2 = t2["id"].as_i64().unwrap();
    let (st, _) = call(
        &s.chair,
        M::POST,
        api("/slots"),
        json!({"kind": "invited", "title_en": "Keynote: the road ahead", "title_zh": "特邀报告：前路",
        "speakers": [{"name_latin": "Ada Guest", "email": "ada@guest.org"}], "session_id": s1, "duration_min": 30}),
    )
    .await;
    assert_eq!(st, 201);
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert!(codes(&d).is_empty(), "{}", d["warnings"]);

    let (st, v1) = call(
        &s.chair,
        M::POST,
        api("/releases"),
        json!({"comment_en": "First programme", "comment_zh": "首版日程"}),
    )
    .await;
    assert_eq!(st, 201, "{v1}");
    assert_eq!(v1["name"], "v1");
    assert_eq!(v1["changes"].as_array().unwrap().len(), 3, "everything is new: {v1}");
    // Each speaker is mailed once, with a calendar file.
    let mails = app.mails_to("li@prog.edu.cn");
    let release_mails: Vec<_> = mails.iter().filter(|(subject, _)| subject.contains("v1")).collect();
    assert_eq!(release_mails.len(), 1, "{mails:?}");
    assert_eq!(app.mails_to("ada@guest.org").len(), 1);

    // Site search finds the invited talk, and the papers by their session's name.
    app.run_jobs().await;
    let (_, found) = call(&app.client(), M::GET, app.at("/api/v1/search?q=road%20ahead"), json!(null)).await;
    assert_eq!(found["hits"][0]["kind"], "talk", "{found}");
    let (_, found) = call(
        &app.client(),
        M::GET,
        app.at("/api/v1/search?q=%E5%9B%BE%E5%AD%A6%E4%B9%A0&type=paper"),
        json!(null),
    )
    .await;
    assert_eq!(found["total"], 1, "the paper in session 图学习: {found}");
    let (_, page) = html(&app, &app.client(), "/search?q=road+ahead", "en").await;
    assert!(
        page.contains("/venues/prog/programme/talks/") && page.contains("Programme talk"),
        "{page}"
    );

    // The public reads v1.
    let (st, p) = call(&app.client(), M::GET, api(""), json!(null)).await;
    assert_eq!(st, 200);
    assert_eq!(p["release"]["name"], "v1");
    assert_eq!(p["programme"]["sessions"].as_array().unwrap().len(), 2);

    // Moving a talk makes v2 with a changelog; v1 stays as it was.
    let (st, _) = call(
        &s.chair,
        M::POST,
        api(&format!("/slots/{t2}/move")),
        json!({"session_id": s1, "position": 0}),
    )
    .await;
    assert_eq!(st, 200);
    let (st, e) = call(
        &s.chair,
        M::POST,
        api(&format!("/slots/{t1}/move")),
        json!({"session_id": s2, "version": 0}),
    )
    .await;
    assert_eq!(st, 409, "a stale move is refused: {e}");
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert_eq!(codes(&d), vec!["overrun"], "20 + 30 + 30 minutes in one hour");
    let (st, e) = call(&s.chair, M::POST, api("/releases"), json!({"name": "v1", "over_warnings": true})).await;
    assert_eq!((st, e["fields"]["name"].as_str()), (422, Some("A release with this name exists.")));
    let (st, v2) = call(&s.chair, M::POST, api("/releases"), json!({"name": "final", "over_warnings": true})).await;
    assert_eq!(st, 201, "{v2}");
    let moved: Vec<&Value> = v2["changes"].as_array().unwrap().iter().collect();
    assert_eq!(
        moved.len(),
        4,
        "both talks moved, the keynote starts later, the emptied session is now an item itself: {v2}"
    );
    let kinds = |id: i64| {
        moved
            .iter()
            .find(|c| c["talk_id"] == id)
            .map(|c| c["kinds"].clone())
            .unwrap_or(Value::Null)
    };
    assert_eq!(kinds(t2), json!(["moved_time", "moved_room"]));
    let (_, old) = call(&app.client(), M::GET, api("?release=v1"), json!(null)).await;
    assert_eq!(old["programme"]["sessions"][1]["talks"][0]["id"], t2, "v1 never changes");
    let (_, latest) = call(&app.client(), M::GET, api(""), json!(null)).await;
    assert_eq!(latest["release"]["name"], "final");
    assert_eq!(
        app.mails_to("li@prog.edu.cn")
            .iter()
            .filter(|(subject, _)| subject.contains("final"))
            .count(),
        1
    );
}

#[tokio::test]
async fn the_exports_validate_against_the_schemas_and_read_in_a_calendar_library() {
    let app = TestApp::new().await;
    let s = scene(&app, "salon-2027").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/salon-2027/programme{p}"));
    use reqwest::Method as M;
    let (_, a) = call(
        &s.chair,
        M::POST,
        api("/rooms"),
        json!({"name_zh": "报告厅", "name_en": "Hall", "location": "Building 1, floor 2"}),
    )
    .await;
    let (_, b) = call(&s.chair, M::POST, api("/rooms"), json!({"name_zh": "小会议室"})).await;
    let (_, _c) = call(&s.chair, M::POST, api("/rooms"), json!({"name_en": "Empty room"})).await;
    let (_, s1) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "paper_session", "title_zh": "论文报告：图、数据库；以及“新”方法", "room_id": a["id"],
        "date": "2027-05-10", "start": "09:00", "end": "10:30", "chairs": [{"name_zh": "张三", "email": "zhang@x.org"}]}),
    )
    .await;
    let (_, _) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "break", "title_zh": "茶歇", "title_en": "Coffee <break> & tea", "room_id": b["id"],
        "date": "2027-05-10", "start": "10:30", "end": "10:50"}),
    )
    .await;
    let (_, _) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "social", "title_en": "Dinner", "date": "2027-05-11", "start": "18:00", "end": "20:00"}),
    )
    .await;
    for n in [1, 2] {
        let (st, e) = call(
            &s.chair,
            M::POST,
            api("/slots"),
            json!({"kind": "paper", "paper": n, "session_id": s1["id"]}),
        )
        .await;
        assert_eq!(st, 201, "{e}");
    }
    let (st, e) = call(&s.chair, M::POST, api("/releases"), json!({})).await;
    assert_eq!(st, 201, "{e}");

    let get = |path: &str| {
        let url = app.at(path);
        async move {
            let res = reqwest::get(url).await.unwrap();
            assert_eq!(res.status(), 200);
            res.text().await.unwrap()
        }
    };
    for lang in ["en", "zh-CN"] {
        let body = get(&format!("/venues/salon-2027/programme/schedule.json?lang={lang}")).await;
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["schedule"]["conference"]["acronym"], "salon2027");
        assert_json_valid(&formats().join("schema.json"), &body, &format!("c3voc JSON ({lang})"));

        let body = get(&format!("/venues/salon-2027/programme/schedule.xml?lang={lang}")).await;
        let (_dir, path) = write_tmp("schedule.xml", &body);
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(formats().join("schedule.xml.xsd"))
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "frab XML ({lang}) invalid: {}\n{body}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // Clients that take gzip get the same document compressed once.
    let res = Client::new()
        .get(app.at("/venues/salon-2027/programme/schedule.json?lang=en"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let mut plain = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&res.bytes().await.unwrap()[..]), &mut plain).unwrap();
    assert_eq!(plain, get("/venues/salon-2027/programme/schedule.json?lang=en").await);

    let ics = get("/venues/salon-2027/programme/schedule.ics?lang=zh-CN").await;
    assert!(ics.lines().all(|l| l.len() <= 75), "folded at 75 octets");
    let (_dir, path) = write_tmp("schedule.ics", &ics);
    let script = "import sys, icalendar\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        tz = [c for c in cal.walk('VTIMEZONE')]\n\
        assert len(tz) == 1 and str(tz[0]['TZID']) == 'Asia/Shanghai', tz\n\
        ev = sorted(cal.walk('VEVENT'), key=lambda e: e.decoded('DTSTART'))\n\
        print(len(ev))\n\
        for e in ev: print(e.decoded('DTSTART').isoformat(), str(e['SUMMARY']))\n";
    let out = Command::new(pytool("python")).arg("-c").arg(script).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}\n{ics}", String::from_utf8_lossy(&out.stderr));
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(printed.starts_with("4\n"), "two talks, the break and the dinner: {printed}");
    assert!(printed.contains("2027-05-10T09:00:00+08:00"), "{printed}");
    assert!(printed.contains("2027-05-10T10:30:00+08:00 茶歇"), "{printed}");

    // Per-room, per-track and per-talk calendars; unknown ones are 404.
    let room = a["id"].as_i64().unwrap();
    assert!(
        get(&format!("/venues/salon-2027/programme/rooms/{room}.ics"))
            .await
            .contains("BEGIN:VEVENT")
    );
    assert_eq!(
        reqwest::get(app.at("/venues/salon-2027/programme/rooms/999999.ics"))
            .await
            .unwrap()
            .status(),
        404
    );
    let csv = get("/venues/salon-2027/programme/timetable.csv?lang=en").await;
    assert!(
        csv.trim_start_matches('\u{feff}')
            .starts_with("Date,Start,End,Room,Session,Kind,Title,Speakers,Track"),
        "{csv}"
    );
    assert!(csv.contains("Coffee <break> & tea"), "{csv}");

    // The pages, in both languages, for everyone.
    let (_, p) = call(&app.client(), M::GET, api(""), json!(null)).await;
    let session = p["programme"]["sessions"][0]["id"].as_i64().unwrap();
    let talk = p["programme"]["sessions"][0]["talks"][0]["id"].as_i64().unwrap();
    let page = |path: String, lang: &'static str| {
        let url = app.at(&path);
        async move {
            let res = Client::new().get(url).header("accept-language", lang).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            res.text().await.unwrap()
        }
    };
    let en = page("/venues/salon-2027/programme".into(), "en").await;
    assert!(
        en.contains("Timetable") && en.contains("Shanghai (UTC+08:00)") && en.contains("Coffee &lt;break&gt; &amp; tea"),
        "{en}"
    );
    assert!(en.contains(&format!("id=\"session-{session}\"")), "the session is on the grid");
    let zh = page("/venues/salon-2027/programme?view=list&day=2027-05-11".into(), "zh-CN").await;
    assert!(
        zh.contains("会议日程") && zh.contains("Dinner") && !zh.contains("论文报告："),
        "{zh}"
    );
    let by_room = page("/venues/salon-2027/programme?view=room".into(), "zh-CN").await;
    assert!(
        by_room.contains("论文报告：图、数据库；以及“新”方法") && by_room.contains("学术评价研究"),
        "{by_room}"
    );
    let s_page = page(format!("/venues/salon-2027/programme/sessions/{session}"), "en").await;
    assert!(s_page.contains("张三") && s_page.contains("Paper session"), "{s_page}");
    let t_page = page(format!("/venues/salon-2027/programme/talks/{talk}"), "en").await;
    assert!(
        t_page.contains("李华") && t_page.contains("Uni A") && t_page.contains(".ics"),
        "{t_page}"
    );
    let changes = page("/venues/salon-2027/programme/changes".into(), "en").await;
    assert!(changes.contains("v1") && changes.contains("new"), "{changes}");
    let atom = page("/venues/salon-2027/programme/changes.atom".into(), "en").await;
    assert!(
        atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">") && atom.contains("<title>v1</title>"),
        "{atom}"
    );
    let (_dir, path) = write_tmp("changes.atom", &atom);
    let out = Command::new("xmllint").arg("--noout").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        Client::new()
            .get(app.at("/venues/salon-2027/programme?view=nonsense"))
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    assert_eq!(
        Client::new()
            .get(app.at("/venues/salon-2027/programme/talks/999999"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn nobody_but_the_chairs_sees_the_draft_and_speakers_keep_only_their_own_times() {
    let app = TestApp::new().await;
    let s = scene(&app, "priv").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/priv/programme{p}"));
    use reqwest::Method as M;
    let (_, stranger) = person(&app, "stranger@x.org", "路人", "Uni X").await;
    for c in [&s.author, &stranger] {
        assert_eq!(call(c, M::GET, api("/draft"), json!(null)).await.0, 404);
        assert_eq!(call(c, M::GET, api("?release=draft"), json!(null)).await.0, 404);
        assert_eq!(call(c, M::POST, api("/rooms"), json!({"name_en": "Mine"})).await.0, 404);
        assert_eq!(call(c, M::POST, api("/releases"), json!({})).await.0, 404);
    }
    assert_eq!(call(&s.chair, M::GET, api("?release=draft"), json!(null)).await.0, 200);

    // The author of an accepted paper is a speaker; a stranger is not.
    assert_eq!(call(&stranger, M::GET, api("/availability"), json!(null)).await.0, 404);
    let (st, e) = call(&s.author, M::POST, api("/availability"), json!({"date": "2027-05-09"})).await;
    assert_eq!((st, e["fields"]["date"].as_str()), (422, Some("Pick one of the venue's days.")));
    let (st, mine) = call(
        &s.author,
        M::POST,
        api("/availability"),
        json!({"date": "2027-05-10", "start": "09:00", "end": "12:00", "note": "flight"}),
    )
    .await;
    assert_eq!(st, 201, "{mine}");
    assert_eq!(mine["busy"][0]["from"], "2027-05-10 09:00");
    let id = mine["busy"][0]["id"].as_i64().unwrap();
    assert_eq!(
        call(&stranger, M::DELETE, api(&format!("/availability/{id}")), json!(null)).await.0,
        404
    );

    // The chair sees it as a warning once the speaker's talk falls in that time.
    let (_, room) = call(&s.chair, M::POST, api("/rooms"), json!({"name_en": "Hall"})).await;
    let (_, x) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "paper_session", "title_en": "Morning", "room_id": room["id"],
        "date": "2027-05-10", "start": "10:00", "end": "11:00"}),
    )
    .await;
    call(
        &s.chair,
        M::POST,
        api("/slots"),
        json!({"kind": "paper", "paper": 1, "session_id": x["id"]}),
    )
    .await;
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert!(codes(&d).contains(&"unavailable".to_string()), "{}", d["warnings"]);
    let (st, _) = call(&s.author, M::DELETE, api(&format!("/availability/{id}")), json!(null)).await;
    assert_eq!(st, 200);
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert!(!codes(&d).contains(&"unavailable".to_string()));
}

/// Posts a form with the page's token; answers (status, location).
async fn form(app: &TestApp, c: &Client, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
    let csrf = crate::support::csrf_of(c, &app.at("/profile")).await;
    let mut body: Vec<(&str, &str)> = vec![("csrf", &csrf)];
    body.extend_from_slice(fields);
    let res = c
        .post(app.at(path))
        .header("accept-language", "en")
        .form(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, location, res.text().await.unwrap_or_default())
}

async fn html(app: &TestApp, c: &Client, path: &str, lang: &str) -> (u16, String) {
    let res = c.get(app.at(path)).header("accept-language", lang).send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn the_editor_works_with_plain_forms_in_both_languages() {
    let app = TestApp::new().await;
    let s = scene(&app, "edit").await;
    // Only chairs reach the editor's pages.
    for path in [
        "/venues/edit/programme/edit",
        "/venues/edit/programme/rooms",
        "/venues/edit/programme/publish",
    ] {
        assert_eq!(html(&app, &s.author, path, "en").await.0, 404, "{path}");
    }
    let (st, _, _) = form(&app, &s.author, "/venues/edit/programme/rooms", &[("rooms[0].name_en", "Mine")]).await;
    assert_eq!(st, 404);

    // Rooms and defaults in one form.
    let (st, loc, _) = form(
        &app,
        &s.chair,
        "/venues/edit/programme/rooms",
        &[
            ("rooms[0].name_zh", "报告厅"),
            ("rooms[0].name_en", "Hall"),
            ("rooms[0].capacity", "120"),
            ("rooms[0].recorded", "yes"),
            ("rooms[1].name_zh", ""),
            ("defaults[0].label", "accept_oral"),
            ("defaults[0].duration_min", "25"),
        ],
    )
    .await;
    assert_eq!((st, loc.as_str()), (303, "/venues/edit/programme/rooms"));
    let (_, page) = html(&app, &s.chair, "/venues/edit/programme/rooms", "en").await;
    assert!(page.contains("value=\"Hall\"") && page.contains("value=\"25\""), "{page}");

    // A session with a bad time is shown again with the message and what was typed.
    let (_, rooms) = call(
        &s.chair,
        reqwest::Method::GET,
        app.at("/api/v1/venues/edit/programme/draft"),
        json!(null),
    )
    .await;
    let room = rooms["programme"]["rooms"][0]["id"].as_i64().unwrap().to_string();
    let (st, _, body) = form(
        &app,
        &s.chair,
        "/venues/edit/programme/edit/sessions",
        &[
            ("kind", "paper_session"),
            ("title_zh", "图学习专场"),
            ("room_id", &room),
            ("date", "2027-05-10"),
            ("start", "10:00"),
            ("end", "09:00"),
            ("chairs[0].name_zh", "张三"),
            ("chairs[0].email", "zhang@x.org"),
        ],
    )
    .await;
    assert_eq!(st, 422);
    assert!(
        body.contains("The end must be after the start.") && body.contains("图学习专场") && body.contains("zhang@x.org"),
        "{body}"
    );
    let (st, loc, _) = form(
        &app,
        &s.chair,
        "/venues/edit/programme/edit/sessions",
        &[
            ("kind", "paper_session"),
            ("title_zh", "图学习专场"),
            ("room_id", &room),
            ("date", "2027-05-10"),
            ("start", "09:00"),
            ("end", "10:00"),
            ("chairs[0].name_zh", "张三"),
            ("chairs[0].email", "zhang@x.org"),
        ],
    )
    .await;
    assert_eq!(st, 303);
    assert!(loc.starts_with("/venues/edit/programme/edit?day=2027-05-10#session-"), "{loc}");
    let session = loc.rsplit('-').next().unwrap().to_string();

    // The editor lists the waiting papers; one is placed from the list.
    let (st, page) = html(&app, &s.chair, "/venues/edit/programme/edit", "en").await;
    assert_eq!(st, 200);
    assert!(
        page.contains("id=\"paper-1\"") && page.contains("id=\"paper-2\"") && !page.contains("id=\"paper-3\""),
        "rejected papers wait for nothing"
    );
    assert!(page.contains("Accepted paper #1 has no slot."), "{page}");
    for n in ["1", "2"] {
        let (st, _, _) = form(
            &app,
            &s.chair,
            "/venues/edit/programme/edit/slots",
            &[("kind", "paper"), ("paper", n), ("session_id", &session), ("day", "2027-05-10")],
        )
        .await;
        assert_eq!(st, 303);
    }
    let (_, d) = call(
        &s.chair,
        reqwest::Method::GET,
        app.at("/api/v1/venues/edit/programme/draft"),
        json!(null),
    )
    .await;
    let talks = &d["programme"]["sessions"][0]["talks"];
    assert_eq!(
        (talks[0]["number"].as_i64(), talks[0]["duration_min"].as_i64()),
        (Some(1), Some(25)),
        "the chair's default"
    );
    let second = talks[1]["id"].as_i64().unwrap().to_string();
    // Reorder without JavaScript: move the second talk up.
    let (st, _, _) = form(
        &app,
        &s.chair,
        &format!("/venues/edit/programme/edit/slots/{second}/move"),
        &[("session_id", &session), ("position", "0"), ("day", "2027-05-10")],
    )
    .await;
    assert_eq!(st, 303);
    let (_, d) = call(
        &s.chair,
        reqwest::Method::GET,
        app.at("/api/v1/venues/edit/programme/draft"),
        json!(null),
    )
    .await;
    assert_eq!(d["programme"]["sessions"][0]["talks"][0]["number"], 2);

    let (_, zh) = html(&app, &s.chair, "/venues/edit/programme/edit", "zh-CN").await;
    assert!(
        zh.contains("日程编辑") && zh.contains("图学习专场") && zh.contains("没有警告。"),
        "{zh}"
    );

    // Publish from the page, then the public and the speaker see it.
    let (st, loc, _) = form(&app, &s.chair, "/venues/edit/programme/publish", &[("comment_en", "First")]).await;
    assert_eq!((st, loc.as_str()), (303, "/venues/edit/programme"));
    let (st, page) = html(&app, &app.client(), "/venues/edit/programme", "en").await;
    assert_eq!(st, 200);
    assert!(page.contains("图学习专场"), "{page}");
    let (_, venue_page) = html(&app, &s.author, "/venues/edit", "en").await;
    assert!(
        venue_page.contains("id=\"programme-link\"") && venue_page.contains("id=\"availability-link\""),
        "{venue_page}"
    );
    let (st, page) = html(&app, &s.author, "/venues/edit/programme/availability", "zh-CN").await;
    assert_eq!(st, 200);
    assert!(page.contains("我无法出席的时段"), "{page}");
    let (st, _, _) = form(
        &app,
        &s.author,
        "/venues/edit/programme/availability",
        &[("date", "2027-05-11"), ("note", "teaching")],
    )
    .await;
    assert_eq!(st, 303);
    let (_, page) = html(&app, &s.author, "/venues/edit/programme/availability", "en").await;
    assert!(page.contains("2027-05-11 00:00") && page.contains("teaching"), "{page}");
}

#[tokio::test]
async fn the_scheduler_proposes_a_schedule_explains_what_it_cannot_do_and_changes_nothing_until_accepted() {
    let app = TestApp::new().await;
    let s = scene(&app, "auto").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/auto/programme{p}"));
    use reqwest::Method as M;
    let (_, room) = call(&s.chair, M::POST, api("/rooms"), json!({"name_en": "Hall"})).await;
    let (_, other) = call(&s.chair, M::POST, api("/rooms"), json!({"name_en": "Room 2"})).await;
    // Two parallel 20-minute sessions: 李华's two papers can only go there, at the same time.
    for r in [&room, &other] {
        let (st, _) = call(
            &s.chair,
            M::POST,
            api("/sessions"),
            json!({"kind": "paper_session", "title_en": "Morning", "room_id": r["id"],
            "date": "2027-05-10", "start": "09:00", "end": "09:20"}),
        )
        .await;
        assert_eq!(st, 201);
    }
    let (st, p) = call(&s.chair, M::POST, api("/proposals"), json!({"mode": "unscheduled"})).await;
    assert_eq!((st, p["status"].as_str()), (202, Some("queued")));
    let id = p["id"].as_i64().unwrap();
    app.run_jobs().await;
    let (_, p) = call(&s.chair, M::GET, api(&format!("/proposals/{id}")), json!(null)).await;
    assert_eq!(p["status"], "ready", "{p}");
    let o = &p["outcome"];
    assert_eq!(
        (o["placed"].as_i64(), o["total"].as_i64(), o["optimal"].as_bool()),
        (Some(1), Some(2), Some(true)),
        "{o}"
    );
    assert_eq!(o["problems"][0]["code"], "speaker_talks_collide", "{o}");
    assert_eq!(o["problems"][0]["person"], "李华");
    // The page says it in words.
    let (_, page) = html(&app, &s.chair, &format!("/venues/auto/programme/proposals/{id}"), "en").await;
    assert!(
        page.contains("李华 has talks") && page.contains("only possible in sessions at the same time") && page.contains("Optimal"),
        "{page}"
    );
    // Nothing changed yet.
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert_eq!(d["unscheduled"].as_array().unwrap().len(), 2);

    // A later session makes room: a new proposal places both, and accepting applies it.
    let (_, _) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "paper_session", "title_en": "Later", "room_id": room["id"],
        "date": "2027-05-10", "start": "10:00", "end": "10:30"}),
    )
    .await;
    let (st, e) = call(&s.chair, M::POST, api(&format!("/proposals/{id}/accept")), json!(null)).await;
    assert_eq!(st, 409, "the draft changed since: {e}");
    let (_, p) = call(&s.chair, M::POST, api("/proposals"), json!({})).await;
    let id = p["id"].as_i64().unwrap();
    app.run_jobs().await;
    let (_, p) = call(&s.chair, M::GET, api(&format!("/proposals/{id}")), json!(null)).await;
    assert_eq!(p["outcome"]["placed"], 2, "{p}");
    assert!(p["outcome"]["problems"].as_array().unwrap().is_empty());
    // Only the chairs see or apply proposals.
    assert_eq!(call(&s.author, M::GET, api(&format!("/proposals/{id}")), json!(null)).await.0, 404);
    assert_eq!(
        call(&s.author, M::POST, api(&format!("/proposals/{id}/accept")), json!(null))
            .await
            .0,
        404
    );
    let (st, _) = call(&s.chair, M::POST, api(&format!("/proposals/{id}/accept")), json!(null)).await;
    assert_eq!(st, 200);
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert!(d["unscheduled"].as_array().unwrap().is_empty(), "{}", d["unscheduled"]);
    let codes = codes(&d);
    assert!(!codes.contains(&"speaker_clash".to_string()), "{codes:?}");
    let (st, _) = call(&s.chair, M::POST, api(&format!("/proposals/{id}/accept")), json!(null)).await;
    assert_eq!(st, 409, "a proposal applies once");
}

#[tokio::test]
async fn a_paper_withdrawn_or_no_longer_accepted_after_scheduling_is_a_warning_and_leaves_the_next_release() {
    let app = TestApp::new().await;
    let s = scene(&app, "late").await;
    let api = |p: &str| app.at(&format!("/api/v1/venues/late/programme{p}"));
    use reqwest::Method as M;
    let (_, room) = call(&s.chair, M::POST, api("/rooms"), json!({"name_en": "Hall"})).await;
    let (_, x) = call(
        &s.chair,
        M::POST,
        api("/sessions"),
        json!({"kind": "paper_session", "title_en": "Morning", "room_id": room["id"],
        "date": "2027-05-10", "start": "09:00", "end": "10:00"}),
    )
    .await;
    let mut papers = Vec::new();
    for n in [1, 2] {
        let (_, t) = call(
            &s.chair,
            M::POST,
            api("/slots"),
            json!({"kind": "paper", "paper": n, "session_id": x["id"]}),
        )
        .await;
        papers.push(t["id"].as_i64().unwrap());
    }
    assert_eq!(call(&s.chair, M::POST, api("/releases"), json!({})).await.0, 201);
    // After scheduling: paper 1 is withdrawn after acceptance, paper 2's decision is taken back.
    let (_, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    let ids: Vec<i64> = d["programme"]["sessions"][0]["talks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, papers);
    let first = d["programme"]["sessions"][0]["talks"][0]["number"].as_i64().unwrap();
    let sub = |n: i64| {
        let mut conn = app.state.db.conn().unwrap();
        let v = xuehui::venues::store::by_slug(&mut conn, "late").unwrap();
        xuehui::submissions::store::by_number(&mut conn, v.id, n as i32)
            .unwrap()
            .unwrap()
            .id
    };
    let (one, two) = (sub(first), sub(if first == 1 { 2 } else { 1 }));
    let (st, e) = call(
        &s.chair,
        M::POST,
        app.at(&format!("/api/v1/submissions/{one}/final/withdraw")),
        json!({"reason": "The authors cannot come."}),
    )
    .await;
    assert_eq!(st, 200, "{e}");
    assert_eq!(
        crate::support::review::decide(&app, &s.chair, two, json!("reject")).await.status(),
        200
    );
    let (st, d) = call(&s.chair, M::GET, api("/draft"), json!(null)).await;
    assert_eq!(st, 200);
    let mut got = codes(&d);
    got.sort();
    assert_eq!(got, vec!["not_accepted", "withdrawn"], "{}", d["warnings"]);
    let (st, page) = html(&app, &s.chair, "/venues/late/programme/edit", "en").await;
    assert_eq!(st, 200);
    assert!(page.contains("was withdrawn; it will be left out of a release"), "{page}");
    let (st, v2) = call(&s.chair, M::POST, api("/releases"), json!({"over_warnings": true})).await;
    assert_eq!(st, 201, "{v2}");
    let (_, p) = call(&app.client(), M::GET, api(""), json!(null)).await;
    assert!(p["programme"]["sessions"][0]["talks"].as_array().unwrap().is_empty(), "{p}");
    assert!(
        v2["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kinds"] == json!(["cancelled"]))
            .count()
            == 2,
        "{v2}"
    );
    let _ = s.author;
}
