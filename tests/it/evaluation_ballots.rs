//! Expert ballots: experts score the conferences they are not conflicted with (from the
//! venues' records or declared), on the system's scale, secretly; drafts are never counted;
//! they read the materials of the conferences on their ballot only; the committee sees
//! progress counts and the experts who have not finished are reminded.

use reqwest::Method as M;
use serde_json::{Value, json};

use crate::support::evaluation::{new_round, with_final_system};
use crate::support::participation::{account, call};
use crate::support::review::{co_chair, person, submit, venue};
use crate::support::{TestApp, csrf_of, page_text};

fn line(ballot: &Value, entry: i64) -> &Value {
    ballot["lines"].as_array().unwrap().iter().find(|l| l["entry_id"] == entry).unwrap()
}

/// Every indicator of the ballot at `level`, with a comment.
fn all_at(ballot: &Value, level: i64, comment: &str) -> Value {
    let levels: serde_json::Map<String, Value> = ballot["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["code"].as_str().unwrap().to_string(), json!(level)))
        .collect();
    json!({"levels": levels, "comment": comment})
}

#[tokio::test]
async fn experts_score_only_conferences_they_are_free_of_secretly_and_the_committee_sees_counts() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let r = new_round(&app, &staff, system).await;
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    venue(&app, "annual-2026").await;
    venue(&app, "other-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    // One expert chairs the other conference, one wrote a paper for the annual conference.
    let (_, expert_chair) = co_chair(&app, "other-2026", "chair-expert@other.org").await;
    let (_, author) = person(&app, "author-expert@uni.edu.cn", "作者专家", "Uni A").await;
    let res = submit(
        &app,
        &author,
        "annual-2026",
        &[("作者专家", "author-expert@uni.edu.cn", "Uni A")],
        &[],
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, free) = account(&app, "free@uni.edu.cn").await;
    let (_, stranger) = account(&app, "stranger@example.org").await;
    let (st, p) = call(
        &staff,
        M::POST,
        format!("{round}/panel"),
        json!({"emails": "free@uni.edu.cn, chair-expert@other.org, author-expert@uni.edu.cn", "role": "expert"}),
    )
    .await;
    assert_eq!(st, 200, "{p}");
    let (_, annual) = call(&chair, M::POST, format!("{round}/entries"), json!({"venue": "annual-2026"})).await;
    let (_, other) = call(&staff, M::POST, format!("{round}/entries"), json!({"venue": "other-2026"})).await;
    let (_, outside) = call(
        &staff,
        M::POST,
        format!("{round}/entries"),
        json!({"name_zh": "省化学年会", "organiser": "省化学会"}),
    )
    .await;
    let (annual, other, outside) = (
        annual["id"].as_i64().unwrap(),
        other["id"].as_i64().unwrap(),
        outside["id"].as_i64().unwrap(),
    );
    let ballot = format!("{round}/ballot");

    // Only experts have a ballot; before scoring it has no lines and takes no scores.
    for c in [&stranger, &staff, &chair] {
        assert_eq!(call(c, M::GET, ballot.clone(), json!(null)).await.0, 404);
    }
    let (st, b) = call(&free, M::GET, ballot.clone(), json!(null)).await;
    assert_eq!(
        (st, b["lines"].as_array().unwrap().len(), b["open"].as_bool()),
        (200, 0, Some(false)),
        "{b}"
    );
    assert_eq!(b["scale"].as_array().unwrap().len(), 5);
    let body = all_at(&b, 4, "");
    assert_eq!(call(&free, M::PUT, format!("{ballot}/{annual}"), body.clone()).await.0, 409);
    // Nor do experts read a conference's materials before scoring.
    let entry_page = format!("/evaluation/demo-2026/entries/{annual}");
    assert_eq!(free.get(app.at(&entry_page)).send().await.unwrap().status().as_u16(), 404);

    for phase in ["metrics_frozen", "scoring"] {
        let (st, v) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": phase})).await;
        assert_eq!(st, 200, "{v}");
    }

    // The free expert has all three; bad levels and unknown indicators are refused.
    let (_, b) = call(&free, M::GET, ballot.clone(), json!(null)).await;
    assert_eq!(
        (b["lines"].as_array().unwrap().len(), b["scorable"].as_i64(), b["open"].as_bool()),
        (3, Some(3), Some(true)),
        "{b}"
    );
    let code = b["indicators"][0]["code"].as_str().unwrap().to_string();
    let (st, e) = call(&free, M::PUT, format!("{ballot}/{annual}"), json!({"levels": {code.clone(): 6}})).await;
    assert_eq!((st, e["fields"].as_object().map(|f| f.len())), (422, Some(1)), "{e}");
    let (st, _) = call(&free, M::PUT, format!("{ballot}/{annual}"), json!({"levels": {"submissions": 3}})).await;
    assert_eq!(st, 422, "a platform metric is not the experts' to score");
    let (st, b2) = call(
        &free,
        M::PUT,
        format!("{ballot}/{annual}"),
        all_at(&b, 4, "组织规范，青年学者参与度高。"),
    )
    .await;
    assert_eq!((st, b2["scored"].as_i64()), (200, Some(1)), "{b2}");
    assert_eq!(line(&b2, annual)["complete"], true);

    // The experts read the materials of the conferences on their ballot: figures and report.
    let res = free.get(app.at(&entry_page)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200, "{}", res.text().await.unwrap());
    let (st, rep) = call(&free, M::GET, format!("{round}/entries/{annual}/report"), json!(null)).await;
    assert_eq!((st, rep["editable"].as_bool()), (200, Some(false)), "{rep}");

    // Conflicts from the records: the chair of the other conference and the author of a paper
    // of the annual one cannot score them; the author does not read its materials (the chair
    // still reads their own conference's page, as its chair).
    let (_, b) = call(&expert_chair, M::GET, ballot.clone(), json!(null)).await;
    assert_eq!(line(&b, other)["conflicts"], json!(["chaired"]), "{b}");
    assert_eq!(b["scorable"].as_i64(), Some(2));
    assert_eq!(
        call(&expert_chair, M::PUT, format!("{ballot}/{other}"), all_at(&b, 5, "")).await.0,
        404
    );
    let (_, b) = call(&author, M::GET, ballot.clone(), json!(null)).await;
    assert_eq!(line(&b, annual)["conflicts"], json!(["authored"]), "{b}");
    assert!(
        line(&b, annual)["levels"].as_object().unwrap().is_empty(),
        "no one sees another expert's levels: {b}"
    );
    assert_eq!(author.get(app.at(&entry_page)).send().await.unwrap().status().as_u16(), 404);

    // A declared conflict takes the conference off the ballot and forgets what was scored.
    let (st, b) = call(&expert_chair, M::PUT, format!("{ballot}/{annual}"), all_at(&b, 2, "")).await;
    assert_eq!(st, 200, "{b}");
    let (st, e) = call(
        &expert_chair,
        M::POST,
        format!("{round}/conflicts"),
        json!({"entry": annual, "reason": ""}),
    )
    .await;
    assert_eq!((st, e["fields"]["reason"].is_string()), (422, true), "a reason is required: {e}");
    let (st, b) = call(
        &expert_chair,
        M::POST,
        format!("{round}/conflicts"),
        json!({"entry": annual, "reason": "我曾担任该会议顾问"}),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(line(&b, annual)["conflicts"], json!(["declared"]));
    assert_eq!(b["scored"].as_i64(), Some(0));

    // The committee sees counts, never levels.
    let (st, p) = call(&staff, M::GET, format!("{round}/progress"), json!(null)).await;
    assert_eq!(st, 200, "{p}");
    let expert = |email: &str| {
        p["experts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["email"] == email)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            expert("free@uni.edu.cn")["scored"].as_i64(),
            expert("free@uni.edu.cn")["scorable"].as_i64()
        ),
        (Some(1), Some(3))
    );
    assert_eq!(expert("chair-expert@other.org")["conflicted"].as_i64(), Some(2));
    let entry = p["entries"].as_array().unwrap().iter().find(|x| x["entry_id"] == annual).unwrap();
    assert_eq!((entry["scored_by"].as_i64(), entry["eligible"].as_i64()), (Some(1), Some(1)), "{p}");
    assert!(!p.to_string().contains("\"level"), "no levels in the progress: {p}");
    for c in [&free, &chair, &stranger] {
        assert_eq!(call(c, M::GET, format!("{round}/progress"), json!(null)).await.0, 404);
    }
    let en = page_text(&app, &staff, "/evaluation/demo-2026", "en").await;
    assert!(en.contains("Scoring progress") && en.contains("free@uni.edu.cn"), "{en}");

    // On the page: a draft (as the script saves it) is kept but not counted; submitting casts it.
    let page = "/evaluation/demo-2026/ballot";
    let zh = page_text(&app, &free, page, "zh-CN").await;
    assert!(zh.contains("专家评分") && zh.contains("评分量表"), "{zh}");
    let csrf = csrf_of(&free, &app.at(page)).await;
    let mut form = vec![("csrf".to_string(), csrf.clone()), (format!("c_{other}"), "草稿评语".to_string())];
    form.push((format!("l_{other}_{code}"), "3".into()));
    form.push((format!("c_{outside}"), String::new()));
    let res = free
        .post(app.at(&format!("{page}/draft")))
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["drafts"], 1);
    let (_, b) = call(&free, M::GET, ballot.clone(), json!(null)).await;
    assert_eq!((b["drafts"].as_i64(), b["scored"].as_i64()), (Some(1), Some(1)), "{b}");
    assert_eq!(line(&b, other)["draft"]["comment"], "草稿评语");
    let (_, p) = call(&staff, M::GET, format!("{round}/progress"), json!(null)).await;
    let free_row = p["experts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["email"] == "free@uni.edu.cn")
        .unwrap()
        .clone();
    assert_eq!(free_row["scored"].as_i64(), Some(1), "drafts are not counted");
    // A level off the scale is shown beside its line, and nothing is cast.
    let mut bad = vec![("csrf".to_string(), csrf.clone()), (format!("c_{other}"), String::new())];
    bad.push((format!("l_{other}_{code}"), "9".into()));
    let res = free
        .post(app.at(page))
        .header("accept-language", "en")
        .form(&bad)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    assert!(res.text().await.unwrap().contains("Choose a level of the scale."));
    let mut full = vec![("csrf".to_string(), csrf)];
    for i in b["indicators"].as_array().unwrap() {
        full.push((format!("l_{other}_{}", i["code"].as_str().unwrap()), "5".into()));
    }
    full.push((format!("c_{other}"), "议程中自由讨论充分。".into()));
    let res = free.post(app.at(page)).form(&full).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, b) = call(&free, M::GET, ballot.clone(), json!(null)).await;
    assert_eq!((b["drafts"].as_i64(), b["scored"].as_i64()), (Some(0), Some(2)), "{b}");
    assert_eq!(line(&b, other)["comment"], "议程中自由讨论充分。");

    // Reminders go to the experts who have not finished, in time and only while scoring is open.
    let mut conn = app.state.db.conn().unwrap();
    let rr = xuehui::evaluation::rounds::store::get(&mut conn, r["id"].as_i64().unwrap()).unwrap();
    let job = xuehui::evaluation::ballots::reminders::Reminder {
        round: rr.id,
        stamp: rr.updated_at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        days: 7,
    };
    let due = rr.scoring_closes.unwrap() - chrono::Duration::days(7);
    let sent = xuehui::evaluation::ballots::reminders::send(&mut conn, &app.state, job.clone(), due).unwrap();
    assert_eq!(sent, 3, "every expert still has a conference to score");
    let (subject, _) = app.last_mail_to("free@uni.edu.cn").unwrap();
    assert!(subject.contains("Reminder") || subject.contains("提醒"), "{subject}");
    let stale = xuehui::evaluation::ballots::reminders::Reminder {
        stamp: "2000-01-01T00:00:00.000000".into(),
        ..job
    };
    assert_eq!(
        xuehui::evaluation::ballots::reminders::send(&mut conn, &app.state, stale, due).unwrap(),
        0
    );

    // Once the committee moves on, scores are closed.
    let (st, _) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "proposal"})).await;
    assert_eq!(st, 200);
    assert_eq!(call(&free, M::PUT, format!("{ballot}/{outside}"), all_at(&b, 3, "")).await.0, 409);
    let en = page_text(&app, &free, page, "en").await;
    assert!(en.contains("Expert scoring for this round is closed."), "{en}");
}
