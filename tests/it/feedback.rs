//! Feedback surveys: chairs set the questions; participants who checked in answer the event's
//! survey and their sessions' once and anonymously; chairs see counts, means and comments, never
//! who wrote them, and nothing below three answers; nobody else sees any of it.

use reqwest::{Client, Method as M};
use serde_json::{Value, json};

use crate::support::participation::{Event, account, call, check_in, event};
use crate::support::{TestApp, csrf_of, page_text};

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, Value) {
    call(c, M::GET, app.at(path), json!(null)).await
}

/// The standard questions, set through the page's one click; answers their ids by scope and kind.
async fn standard(app: &TestApp, e: &Event) -> Questions {
    let c = &e.chair;
    let csrf = csrf_of(c, &app.at(&format!("/venues/{}/survey/settings", e.slug))).await;
    // Pressing the button twice adds the set once.
    for _ in 0..2 {
        let res = c
            .post(app.at(&format!("/venues/{}/survey/settings/standard", e.slug)))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
    }
    let (s, v) = get(app, c, &format!("/api/v1/venues/{}/survey", e.slug)).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["questions"].as_array().unwrap().len(),
        xuehui::participation::feedback::validate::standard_questions().len()
    );
    let of = |scope: &str, kind: &str| -> Vec<i64> {
        v["questions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["scope"] == scope && q["kind"] == kind)
            .map(|q| q["id"].as_i64().unwrap())
            .collect()
    };
    Questions {
        event_ratings: of("event", "rating"),
        event_comment: of("event", "comment")[0],
        session_rating: of("session", "rating")[0],
        session_comment: of("session", "comment")[0],
    }
}

struct Questions {
    /// Overall (required), content, organisation.
    event_ratings: Vec<i64>,
    event_comment: i64,
    session_rating: i64,
    session_comment: i64,
}

async fn answer(app: &TestApp, e: &Event, who: usize, body: Value) -> (u16, Value) {
    call(
        &e.people[who].client,
        M::POST,
        app.at(&format!("/api/v1/venues/{}/survey/answers", e.slug)),
        body,
    )
    .await
}

fn overall(q: &Questions, rating: i64, comment: &str) -> Value {
    json!({"target": "event", "answers": {
        q.event_ratings[0].to_string(): {"rating": rating},
        q.event_comment.to_string(): {"comment": comment},
    }})
}

#[actix_web::test]
async fn a_participant_answers_the_event_survey_once_and_a_second_answer_is_refused() {
    let app = TestApp::new().await;
    let e = event(&app, "fb1", 2).await;
    // No questions: the survey is off, even for someone checked in.
    assert_eq!(check_in(&app, &e, 0, None).await.0, 201);
    let (s, mine) = get(&app, &e.people[0].client, "/api/v1/venues/fb1/survey/mine").await;
    assert_eq!((s, mine["targets"].as_array().map(Vec::len)), (200, Some(0)), "{mine}");
    let q = standard(&app, &e).await;
    assert_eq!(q.event_ratings.len(), 3);

    let (s, mine) = get(&app, &e.people[0].client, "/api/v1/venues/fb1/survey/mine").await;
    assert_eq!(s, 200);
    assert_eq!(
        mine["targets"].as_array().unwrap().len(),
        1,
        "the sessions have not started: {mine}"
    );
    assert_eq!(
        (mine["targets"][0]["target"].as_str(), mine["targets"][0]["answered"].as_bool()),
        (Some("event"), Some(false))
    );
    assert_eq!(mine["event_questions"].as_array().unwrap().len(), 4);

    let (s, v) = answer(&app, &e, 0, overall(&q, 4, "  Very useful.  ")).await;
    assert_eq!((s, v["answered"].as_bool()), (201, Some(true)), "{v}");
    let (_, mine) = get(&app, &e.people[0].client, "/api/v1/venues/fb1/survey/mine").await;
    assert_eq!(mine["targets"][0]["answered"], true);
    let (s, err) = answer(&app, &e, 0, overall(&q, 2, "changed my mind")).await;
    assert_eq!(
        (s, err["message"].as_str()),
        (409, Some("You have answered this survey already.")),
        "{err}"
    );

    // Six posts at the same instant: one answer is kept.
    assert_eq!(check_in(&app, &e, 1, None).await.0, 201);
    let mut tasks = Vec::new();
    for i in 0..6 {
        let (c, url, body) = (
            e.people[1].client.clone(),
            app.at("/api/v1/venues/fb1/survey/answers"),
            overall(&q, 1 + i % 5, ""),
        );
        tasks.push(actix_web::rt::spawn(async move { call(&c, M::POST, url, body).await.0 }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409]);
    let (_, r) = get(&app, &e.chair, "/api/v1/venues/fb1/survey/results").await;
    assert_eq!(r["targets"][0]["answers"], 2, "{r}");
}

#[actix_web::test]
async fn someone_not_checked_in_cannot_answer_and_sessions_open_after_a_check_in_there() {
    let app = TestApp::new().await;
    let e = event(&app, "fb2", 2).await;
    let q = standard(&app, &e).await;
    // Registered but not checked in: nothing to answer, 404 on the API, a message on the page.
    let (_, mine) = get(&app, &e.people[0].client, "/api/v1/venues/fb2/survey/mine").await;
    assert_eq!(mine["targets"].as_array().unwrap().len(), 0, "{mine}");
    let (s, _) = answer(&app, &e, 0, overall(&q, 5, "")).await;
    assert_eq!(s, 404);
    let res = e.people[0]
        .client
        .get(app.at("/venues/fb2/survey/event"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("This survey is not open to you."), "{html}");
    let list = page_text(&app, &e.people[0].client, "/venues/fb2/survey", "zh-CN").await;
    assert!(list.contains("签到后即可填写问卷"), "{list}");
    // Nor can someone who never registered.
    let (_, stranger) = account(&app, "stranger@fb2.org").await;
    let (s, _) = call(&stranger, M::POST, app.at("/api/v1/venues/fb2/survey/answers"), overall(&q, 5, "")).await;
    assert_eq!(s, 404);

    // Checked in at the event today: the event survey opens; the sessions (on 2027-05-10)
    // have not started and they were not checked in there, so theirs stay closed.
    assert_eq!(check_in(&app, &e, 0, None).await.0, 201);
    let session = |i: usize, rating: Value| json!({"target": e.sessions[i], "answers": {q.session_rating.to_string(): {"rating": rating}}});
    let (s, _) = answer(&app, &e, 0, session(0, json!(5))).await;
    assert_eq!(s, 404, "a session not started, not checked in there");
    let (s, _) = answer(
        &app,
        &e,
        0,
        json!({"target": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "answers": {}}),
    )
    .await;
    assert_eq!(s, 404, "no such session");
    // Checked in at the session itself: its survey opens.
    assert_eq!(check_in(&app, &e, 0, Some(0)).await.0, 201);
    let (_, mine) = get(&app, &e.people[0].client, "/api/v1/venues/fb2/survey/mine").await;
    let targets: Vec<&str> = mine["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["event", e.sessions[0].as_str()]);
    let (s, v) = answer(&app, &e, 0, session(0, json!(5))).await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(answer(&app, &e, 0, session(0, json!(4))).await.0, 409);
    // Another person checked in only at a session may answer it and the event's.
    assert_eq!(check_in(&app, &e, 1, Some(2)).await.0, 201);
    assert_eq!(answer(&app, &e, 1, session(2, json!(3))).await.0, 201);
    assert_eq!(answer(&app, &e, 1, overall(&q, 3, "")).await.0, 201);
    assert_eq!(answer(&app, &e, 1, session(0, json!(3))).await.0, 404);
}

#[actix_web::test]
async fn bad_ratings_are_refused_with_a_message() {
    let app = TestApp::new().await;
    let e = event(&app, "fb3", 1).await;
    let q = standard(&app, &e).await;
    assert_eq!(check_in(&app, &e, 0, None).await.0, 201);
    let id = q.event_ratings[0].to_string();
    for (answers, field, message) in [
        (
            json!({&id: {"rating": 0}}),
            format!("answers.{id}.rating"),
            "Give a rating from 1 to 5.",
        ),
        (
            json!({&id: {"rating": 6}}),
            format!("answers.{id}.rating"),
            "Give a rating from 1 to 5.",
        ),
        (
            json!({&id: {"rating": 3.5}}),
            format!("answers.{id}.rating"),
            "Give a rating from 1 to 5.",
        ),
        (
            json!({&id: {"rating": "five"}}),
            format!("answers.{id}.rating"),
            "Give a rating from 1 to 5.",
        ),
        (
            json!({&id: {"comment": "no rating"}}),
            format!("answers.{id}"),
            "Please answer this question.",
        ),
        (
            json!({&id: {"rating": 3}, q.session_rating.to_string(): {"rating": 3}}),
            format!("answers.{}", q.session_rating),
            "There is no such question in this survey.",
        ),
        (
            json!({&id: {"rating": 3}, q.event_comment.to_string(): {"rating": 3}}),
            format!("answers.{}.rating", q.event_comment),
            "This question takes a comment, not a rating.",
        ),
        (
            json!({&id: {"rating": 3, "comment": "x".repeat(2001)}}),
            format!("answers.{id}.comment"),
            "A comment has at most 2000 characters.",
        ),
    ] {
        let (s, err) = answer(&app, &e, 0, json!({"target": "event", "answers": answers})).await;
        assert_eq!((s, err["fields"][&field].as_str()), (422, Some(message)), "{err}");
    }
    let (s, err) = answer(&app, &e, 0, json!({"target": "day-one", "answers": {}})).await;
    assert_eq!(
        (s, err["fields"]["target"].as_str()),
        (422, Some("Name the event or a session of the published programme."))
    );
    // Nothing was recorded: the survey can still be answered.
    assert_eq!(answer(&app, &e, 0, overall(&q, 3, "")).await.0, 201);

    // The page says the same next to the question, in the reader's language.
    let e2 = event(&app, "fb3b", 1).await;
    let q2 = standard(&app, &e2).await;
    assert_eq!(check_in(&app, &e2, 0, None).await.0, 201);
    let c = &e2.people[0].client;
    let csrf = csrf_of(c, &app.at("/venues/fb3b/survey/event")).await;
    let key = format!("q{}", q2.event_ratings[0]);
    let res = c
        .post(app.at("/venues/fb3b/survey/event"))
        .header("accept-language", "zh-CN")
        .form(&[("csrf", csrf.as_str()), (key.as_str(), "9")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("请打 1 到 5 分。") && html.contains(&format!("id=\"e-{key}\"")),
        "{html}"
    );
}

#[actix_web::test]
async fn organisers_see_counts_and_comments_but_no_names() {
    let app = TestApp::new().await;
    let e = event(&app, "fb4", 4).await;
    let q = standard(&app, &e).await;
    for (who, rating, comment) in [(0, 5, "zebra crossing was fine"), (1, 4, "Apple juice please"), (2, 2, "")] {
        assert_eq!(check_in(&app, &e, who, None).await.0, 201);
        let (s, v) = answer(&app, &e, who, overall(&q, rating, comment)).await;
        assert_eq!(s, 201, "{v}");
    }
    let (s, r) = get(&app, &e.chair, "/api/v1/venues/fb4/survey/results").await;
    assert_eq!(s, 200, "{r}");
    let ev = &r["targets"][0];
    assert_eq!(
        (ev["target"].as_str(), ev["answers"].as_i64(), ev["withheld"].as_bool()),
        (Some("event"), Some(3), Some(false))
    );
    let overall_q = &ev["questions"][0];
    assert_eq!(overall_q["counts"], json!([0, 1, 0, 1, 1]));
    assert_eq!(overall_q["mean"], 3.67);
    assert_eq!(overall_q["answered"], 3);
    assert_eq!(
        ev["questions"][3]["comments"],
        json!(["Apple juice please", "zebra crossing was fine"])
    );
    // Sessions nobody answered are listed, withheld.
    assert_eq!(r["targets"].as_array().unwrap().len(), 4);
    assert_eq!(r["targets"][1]["withheld"], true);
    // Nothing in the results names or points to a person.
    let text = r.to_string();
    for p in &e.people {
        assert!(!text.contains(&p.email) && !text.contains("Test p"), "{text}");
        assert!(!text.contains(&format!("\"user_id\":{}", p.user_id)), "{text}");
    }
    for key in ["user", "user_id", "email", "name", "at", "created_at", "answer_id"] {
        assert!(!text.contains(&format!("\"{key}\"")), "{key} in {text}");
    }

    // The results page: charts as SVG without inline style, the mean, the comments; both languages.
    let en = page_text(&app, &e.chair, "/venues/fb4/survey/results", "en").await;
    assert!(en.contains("Survey results") && en.contains("<svg") && en.contains("3.67"), "{en}");
    assert!(en.contains("Apple juice please") && en.contains("3 answers"), "{en}");
    // Sessions nobody answered are one short list, not a page of empty results.
    assert!(en.contains("Sessions without answers yet") && en.contains("Graphs"), "{en}");
    assert!(!en.contains("style="), "the CSP forbids inline style");
    let zh = page_text(&app, &e.chair, "/venues/fb4/survey/results", "zh-CN").await;
    assert!(
        zh.contains("问卷结果") && zh.contains("平均分") && zh.contains("尚无回答的场次"),
        "{zh}"
    );

    // Participants see no results; helpers and other venues' chairs neither, nor the settings.
    let (helper_id, helper) = account(&app, "helper@fb4.org").await;
    let (s, _) = call(
        &e.chair,
        M::POST,
        app.at("/api/v1/venues/fb4/checkin-helpers"),
        json!({"email": "helper@fb4.org"}),
    )
    .await;
    assert_eq!(s, 201, "helper {helper_id}");
    // Another venue's chair (an organiser who created it, not a site administrator).
    let (_, other_chair) = crate::support::catalogue::organiser(&app, "org@fb4.org").await;
    let (s, _) = call(
        &other_chair,
        M::POST,
        app.at("/api/v1/venues"),
        crate::venues::venue_body("fb4-other"),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(get(&app, &other_chair, "/api/v1/venues/fb4-other/survey").await.0, 200);
    for c in [&e.people[0].client, &helper, &other_chair] {
        for path in ["/api/v1/venues/fb4/survey/results", "/api/v1/venues/fb4/survey"] {
            assert_eq!(get(&app, c, path).await.0, 404, "{path}");
        }
        assert_eq!(
            call(c, M::PUT, app.at("/api/v1/venues/fb4/survey"), json!({"questions": []}))
                .await
                .0,
            404
        );
        for path in ["/venues/fb4/survey/results", "/venues/fb4/survey/settings"] {
            assert_eq!(c.get(app.at(path)).send().await.unwrap().status(), 404, "{path}");
        }
    }
    // The questions are intact.
    let (_, s) = get(&app, &e.chair, "/api/v1/venues/fb4/survey").await;
    assert_eq!(s["questions"].as_array().unwrap().len(), 6);
}

#[actix_web::test]
async fn results_below_three_answers_are_withheld() {
    let app = TestApp::new().await;
    let e = event(&app, "fb5", 3).await;
    let q = standard(&app, &e).await;
    for who in 0..2 {
        assert_eq!(check_in(&app, &e, who, Some(1)).await.0, 201);
        assert_eq!(answer(&app, &e, who, overall(&q, 5, "only two of us")).await.0, 201);
    }
    let body = json!({"target": e.sessions[1], "answers": {q.session_rating.to_string(): {"rating": 1}, q.session_comment.to_string(): {"comment": "mine alone"}}});
    assert_eq!(answer(&app, &e, 0, body).await.0, 201);
    let (_, r) = get(&app, &e.chair, "/api/v1/venues/fb5/survey/results").await;
    let ev = &r["targets"][0];
    assert_eq!((ev["answers"].as_i64(), ev["withheld"].as_bool()), (Some(2), Some(true)), "{r}");
    assert_eq!(ev["questions"], json!([]));
    let s1 = r["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["target"] == e.sessions[1].as_str())
        .unwrap();
    assert_eq!(
        (
            s1["answers"].as_i64(),
            s1["withheld"].as_bool(),
            s1["questions"].as_array().map(Vec::len)
        ),
        (Some(1), Some(true), Some(0))
    );
    assert!(!r.to_string().contains("mine alone") && !r.to_string().contains("only two"), "{r}");
    let page = page_text(&app, &e.chair, "/venues/fb5/survey/results", "en").await;
    assert!(
        page.contains("Withheld until at least 3 people have answered.") && !page.contains("only two"),
        "{page}"
    );
    // The third answer shows them.
    assert_eq!(check_in(&app, &e, 2, None).await.0, 201);
    assert_eq!(answer(&app, &e, 2, overall(&q, 2, "")).await.0, 201);
    let (_, r) = get(&app, &e.chair, "/api/v1/venues/fb5/survey/results").await;
    assert_eq!(
        (
            r["targets"][0]["withheld"].as_bool(),
            r["targets"][0]["questions"][0]["mean"].as_f64()
        ),
        (Some(false), Some(4.0))
    );
}

#[actix_web::test]
async fn chairs_set_the_questions_and_answered_ones_keep_their_kind() {
    let app = TestApp::new().await;
    let e = event(&app, "fb6", 1).await;
    let url = app.at("/api/v1/venues/fb6/survey");
    let (s, err) = call(
        &e.chair,
        M::PUT,
        url.clone(),
        json!({"questions": [{"scope": "day", "kind": "rating", "label_en": "x"}, {"scope": "event", "kind": "stars", "label_zh": ""}]}),
    )
    .await;
    assert_eq!(s, 422, "{err}");
    assert_eq!(
        err["fields"]["questions[0].scope"],
        "Choose whether the question is about the whole event or each session."
    );
    assert_eq!(err["fields"]["questions[1].kind"], "Choose a rating or a comment.");
    assert_eq!(
        err["fields"]["questions[1].label_zh"],
        "Write the question in at least one language."
    );
    let (s, v) = call(
        &e.chair,
        M::PUT,
        url.clone(),
        json!({"questions": [{"scope": "event", "kind": "rating", "label_zh": "总体", "label_en": "", "required": true},
                             {"scope": "event", "kind": "comment", "label_en": "Anything else?"}]}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let (rating, comment) = (v["questions"][0]["id"].as_i64().unwrap(), v["questions"][1]["id"].as_i64().unwrap());
    // The English page falls back to the Chinese wording when the English one is empty.
    assert_eq!(check_in(&app, &e, 0, None).await.0, 201);
    let form = page_text(&app, &e.people[0].client, "/venues/fb6/survey/event", "en").await;
    assert!(
        form.contains("<legend>总体 *</legend>") && form.contains("Anything else?"),
        "{form}"
    );
    assert!(
        form.contains(&format!("name=\"q{rating}\" value=\"5\"")),
        "five radio buttons: {form}"
    );
    let (s, _) = answer(
        &app,
        &e,
        0,
        json!({"target": "event", "answers": {rating.to_string(): {"rating": 4}}}),
    )
    .await;
    assert_eq!(s, 201);
    // Answered: the question keeps its kind; reordered and reworded, it keeps its id.
    let (s, err) = call(
        &e.chair,
        M::PUT,
        url.clone(),
        json!({"questions": [{"id": rating, "scope": "event", "kind": "comment", "label_en": "Overall"}]}),
    )
    .await;
    assert_eq!(
        (s, err["fields"]["questions[0].kind"].as_str()),
        (422, Some("This question has answers: its kind cannot change."))
    );
    let (s, err) = call(
        &e.chair,
        M::PUT,
        url.clone(),
        json!({"questions": [{"id": 999999, "scope": "event", "kind": "rating", "label_en": "x"}]}),
    )
    .await;
    assert_eq!(
        (s, err["fields"]["questions[0].id"].as_str()),
        (422, Some("There is no such question in this survey."))
    );
    let (s, v) = call(
        &e.chair,
        M::PUT,
        url.clone(),
        json!({"questions": [{"id": comment, "scope": "event", "kind": "comment", "label_en": "Anything else?"},
                             {"id": rating, "scope": "event", "kind": "rating", "label_en": "Overall", "label_zh": "总体", "required": true}]}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        (v["questions"][1]["id"].as_i64(), v["questions"][1]["has_answers"].as_bool()),
        (Some(rating), Some(true))
    );
    assert_eq!(v["questions"][0]["has_answers"], false);

    // The settings page in both languages, saved as rows; a row ticked "remove" goes.
    let zh = page_text(&app, &e.chair, "/venues/fb6/survey/settings", "zh-CN").await;
    assert!(
        zh.contains("问卷问题") && zh.contains("添加标准问题") && zh.contains("已有人回答"),
        "{zh}"
    );
    let en = page_text(&app, &e.chair, "/venues/fb6/survey/settings", "en").await;
    assert!(en.contains("Survey questions") && en.contains("Add the standard questions"), "{en}");
    let csrf = csrf_of(&e.chair, &app.at("/venues/fb6/survey/settings")).await;
    let (cs, rs) = (comment.to_string(), rating.to_string());
    let form = [
        ("csrf", csrf.as_str()),
        ("questions[0].id", cs.as_str()),
        ("questions[0].scope", "event"),
        ("questions[0].kind", "comment"),
        ("questions[0].label_en", "Anything else?"),
        ("questions[0].remove", "1"),
        ("questions[1].id", rs.as_str()),
        ("questions[1].scope", "event"),
        ("questions[1].kind", "rating"),
        ("questions[1].label_en", "Overall"),
        ("questions[1].required", "1"),
        ("questions[2].id", ""),
        ("questions[2].scope", "session"),
        ("questions[2].kind", "rating"),
        ("questions[2].label_zh", "本场"),
    ];
    let res = e
        .chair
        .post(app.at("/venues/fb6/survey/settings"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, v) = get(&app, &e.chair, "/api/v1/venues/fb6/survey").await;
    let list: Vec<(i64, &str)> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q["id"].as_i64().unwrap(), q["scope"].as_str().unwrap()))
        .collect();
    assert_eq!(list.len(), 2, "{v}");
    assert_eq!(list[0], (rating, "event"));
    // A bad row comes back with its error next to it.
    let csrf = csrf_of(&e.chair, &app.at("/venues/fb6/survey/settings")).await;
    let bad = [
        ("csrf", csrf.as_str()),
        ("questions[0].id", rs.as_str()),
        ("questions[0].scope", "event"),
        ("questions[0].kind", "comment"),
        ("questions[0].label_en", "Overall"),
    ];
    let res = e
        .chair
        .post(app.at("/venues/fb6/survey/settings"))
        .header("accept-language", "zh-CN")
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("这个问题已有人回答，不能修改回答方式。"), "{html}");
}

#[actix_web::test]
async fn the_survey_pages_work_in_both_languages_and_are_linked_for_participants() {
    let app = TestApp::new().await;
    let e = event(&app, "fb7", 1).await;
    let q = standard(&app, &e).await;
    let c = &e.people[0].client;
    let own = format!("/registrations/{}", e.people[0].registration_id);
    assert!(
        !page_text(&app, c, &own, "en").await.contains("/venues/fb7/survey"),
        "not before the check-in"
    );
    assert_eq!(check_in(&app, &e, 0, None).await.0, 201);
    assert!(page_text(&app, c, &own, "en").await.contains("/venues/fb7/survey"));
    let dash = page_text(&app, c, "/dashboard", "zh-CN").await;
    assert!(dash.contains("待填写的反馈问卷") && dash.contains("/venues/fb7/survey"), "{dash}");

    let list = page_text(&app, c, "/venues/fb7/survey", "en").await;
    assert!(list.contains("The whole event") && list.contains("Answer the survey"), "{list}");
    let zh = page_text(&app, c, "/venues/fb7/survey/event", "zh-CN").await;
    assert!(
        zh.contains("您对本次会议的总体评价") && zh.contains("<fieldset") && zh.contains("匿名"),
        "{zh}"
    );
    let en = page_text(&app, c, "/venues/fb7/survey/event", "en").await;
    assert!(
        en.contains("Overall, how would you rate the event?") && en.contains("type=\"radio\""),
        "{en}"
    );

    let csrf = csrf_of(c, &app.at("/venues/fb7/survey/event")).await;
    let (k1, k2, kc) = (
        format!("q{}", q.event_ratings[0]),
        format!("q{}", q.event_ratings[1]),
        format!("c{}", q.event_comment),
    );
    let res = c
        .post(app.at("/venues/fb7/survey/event"))
        .form(&[
            ("csrf", csrf.as_str()),
            (k1.as_str(), "5"),
            (k2.as_str(), "4"),
            (kc.as_str(), "谢谢！"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/venues/fb7/survey");
    let list = page_text(&app, c, "/venues/fb7/survey", "zh-CN").await;
    assert!(list.contains("感谢您的反馈！") && list.contains("已提交"), "{list}");
    let again = page_text(&app, c, "/venues/fb7/survey/event", "en").await;
    assert!(
        again.contains("You have answered this survey already.") && !again.contains("survey-form"),
        "{again}"
    );
    // Nothing left to answer: the dashboard no longer lists it.
    assert!(!page_text(&app, c, "/dashboard", "en").await.contains("/venues/fb7/survey"));
    // Chairs find the survey from the registration area and the attendance page.
    let reg = page_text(&app, &e.chair, "/venues/fb7/registration", "en").await;
    assert!(
        reg.contains("/venues/fb7/survey/results") && reg.contains("/venues/fb7/survey/settings"),
        "{reg}"
    );
    let att = page_text(&app, &e.chair, "/venues/fb7/attendance", "en").await;
    assert!(att.contains("/venues/fb7/survey/results"), "{att}");
}
