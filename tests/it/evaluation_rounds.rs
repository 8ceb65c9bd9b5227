//! Evaluation rounds: a society opens a round on a final indicator system version; chairs apply
//! for their own conference, the committee nominates others and enters conferences held outside
//! xuehui; entries stay private until public notice; only the committee moves the phases,
//! one at a time, going back only with a reason.

use reqwest::Method as M;
use serde_json::{Value, json};

use crate::support::evaluation::{new_round, round_body, with_final_system};
use crate::support::participation::{account, call};
use crate::support::review::{co_chair, person, submit, venue};
use crate::support::society::society;
use crate::support::{TestApp, csrf_of, page_text};

#[tokio::test]
async fn chairs_apply_the_committee_nominates_and_entries_stay_private_until_notice() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let (st, r) = call(
        &staff,
        M::POST,
        app.at("/api/v1/societies/cast/evaluation-rounds"),
        round_body(system),
    )
    .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(
        (r["phase"].as_str(), r["system_version"].as_i64(), r["committee"].as_bool()),
        (Some("applications"), Some(1), Some(true))
    );
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    let (st, e) = call(
        &staff,
        M::POST,
        app.at("/api/v1/societies/cast/evaluation-rounds"),
        round_body(system),
    )
    .await;
    assert_eq!((st, e["fields"]["slug"].is_string()), (422, true), "the URL name is taken: {e}");

    venue(&app, "annual-2026").await;
    venue(&app, "other-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let other_chair = co_chair(&app, "other-2026", "chair@other.org").await.1;
    let (_, stranger) = account(&app, "stranger@example.org").await;

    // The chair sees their conference offered, applies, and cannot apply twice.
    let (_, v) = call(&chair, M::GET, round.clone(), json!(null)).await;
    assert_eq!(v["may_apply"][0]["slug"], "annual-2026", "{v}");
    let entries = format!("{round}/entries");
    let (st, e) = call(&chair, M::POST, entries.clone(), json!({"venue": "annual-2026"})).await;
    assert_eq!((st, e["origin"].as_str()), (201, Some("applied")), "{e}");
    let (st, _) = call(&chair, M::POST, entries.clone(), json!({"venue": "annual-2026"})).await;
    assert_eq!(st, 409);
    // Nobody applies for a conference they do not chair, nor enters an outside one.
    for (c, body, field) in [
        (&stranger, json!({"venue": "other-2026"}), "venue"),
        (&chair, json!({"venue": "other-2026"}), "venue"),
        (&chair, json!({"name_en": "My own symposium", "organiser": "Me"}), "venue"),
        (&stranger, json!({"venue": "no-such-venue"}), "venue"),
    ] {
        let (st, e) = call(c, M::POST, entries.clone(), body).await;
        assert_eq!((st, e["fields"][field].is_string()), (422, true), "{e}");
    }
    // The committee nominates a venue and enters an outside conference, marked as such.
    let (st, e) = call(&staff, M::POST, entries.clone(), json!({"venue": "other-2026"})).await;
    assert_eq!((st, e["origin"].as_str()), (201, Some("nominated")), "{e}");
    let (st, e) = call(
        &staff,
        M::POST,
        entries.clone(),
        json!({"name_zh": "省化学年会", "organiser": "省化学会", "website": "ftp://x"}),
    )
    .await;
    assert_eq!((st, e["fields"]["website"].is_string()), (422, true), "{e}");
    let (st, outside) = call(
        &staff,
        M::POST,
        entries.clone(),
        json!({"name_zh": "省化学年会", "organiser": "省化学会", "held": "2026 年 5 月，杭州", "website": "https://chem.example.org"}),
    )
    .await;
    assert_eq!(
        (st, outside["origin"].as_str(), outside["venue_id"].is_null()),
        (201, Some("outside"), true),
        "{outside}"
    );

    // Before notice: the committee sees all three, a chair their own, everyone else none.
    let count = |v: &Value| v["entries"].as_array().unwrap().len();
    let (_, v) = call(&staff, M::GET, round.clone(), json!(null)).await;
    assert_eq!(count(&v), 3);
    let (_, v) = call(&chair, M::GET, round.clone(), json!(null)).await;
    assert_eq!((count(&v), v["entries"][0]["origin"].as_str()), (1, Some("applied")), "{v}");
    let (_, v) = call(&other_chair, M::GET, round.clone(), json!(null)).await;
    assert_eq!(count(&v), 1, "the nominated conference's chairs see its entry");
    let (_, v) = call(&app.client(), M::GET, round.clone(), json!(null)).await;
    assert_eq!(count(&v), 0);
    let (_, list) = call(&app.client(), M::GET, app.at("/api/v1/evaluation/rounds"), json!(null)).await;
    assert_eq!(
        (list[0]["slug"].as_str(), list[0]["entries"].as_i64()),
        (Some("demo-2026"), Some(3)),
        "{list}"
    );

    // A chair withdraws their own entry; a stranger cannot withdraw anyone's.
    let annual = entry_with_origin(&staff, &round, "applied").await;
    let (st, _) = call(&stranger, M::POST, format!("{entries}/{annual}/withdraw"), json!(null)).await;
    assert_eq!(st, 404);
    let (st, e) = call(&chair, M::POST, format!("{entries}/{annual}/withdraw"), json!(null)).await;
    assert_eq!((st, e["status"].as_str()), (200, Some("withdrawn")));
    let (st, e) = call(&chair, M::POST, entries.clone(), json!({"venue": "annual-2026"})).await;
    assert_eq!(
        (st, e["status"].as_str()),
        (201, Some("active")),
        "a withdrawn entry comes back: {e}"
    );

    // Only the committee moves the phases: one at a time, back only with a reason.
    let phase = format!("{round}/phase");
    for c in [&chair, &stranger] {
        let (st, _) = call(c, M::POST, phase.clone(), json!({"phase": "metrics_frozen"})).await;
        assert_eq!(st, 404);
    }
    let (st, e) = call(&staff, M::POST, phase.clone(), json!({"phase": "scoring"})).await;
    assert_eq!((st, e["fields"]["phase"].is_string()), (422, true), "{e}");
    let (st, v) = call(&staff, M::POST, phase.clone(), json!({"phase": "metrics_frozen"})).await;
    assert_eq!((st, v["phase"].as_str()), (200, Some("metrics_frozen")));
    let (st, _) = call(&chair, M::POST, entries.clone(), json!({"venue": "annual-2026"})).await;
    assert_eq!(st, 409, "applications are closed");
    let (st, _) = call(&chair, M::POST, format!("{entries}/{annual}/withdraw"), json!(null)).await;
    assert_eq!(st, 409);
    let (st, e) = call(&staff, M::POST, phase.clone(), json!({"phase": "applications", "reason": " "})).await;
    assert_eq!((st, e["fields"]["reason"].is_string()), (422, true), "{e}");
    let (st, v) = call(
        &staff,
        M::POST,
        phase.clone(),
        json!({"phase": "applications", "reason": "A late nomination"}),
    )
    .await;
    assert_eq!((st, v["phase"].as_str()), (200, Some("applications")));
    // Every step is in the panel's log of the round.
    let mut conn = app.state.db.conn().unwrap();
    let log = xuehui::panel::audit::list(&mut conn, xuehui::panel::Round::evaluation(v["id"].as_i64().unwrap()), 100).unwrap();
    let actions: Vec<&str> = log.iter().map(|(l, _)| l.action.as_str()).collect();
    for a in ["created", "entry", "withdrawn", "entry_back", "phase"] {
        assert!(actions.contains(&a), "{a}: {actions:?}");
    }
}

async fn entry_with_origin(c: &reqwest::Client, round: &str, origin: &str) -> i64 {
    let (_, v) = call(c, M::GET, round.to_string(), json!(null)).await;
    v["entries"].as_array().unwrap().iter().find(|e| e["origin"] == origin).unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn another_societys_staff_neither_runs_the_round_nor_uses_its_systems() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let (_, other_staff) = society(&app, "ccf", "staff@ccf.org").await;
    let (st, e) = call(
        &other_staff,
        M::POST,
        app.at("/api/v1/societies/ccf/evaluation-rounds"),
        round_body(system),
    )
    .await;
    assert_eq!((st, e["fields"]["system_id"].is_string()), (422, true), "{e}");
    let (st, _) = call(
        &other_staff,
        M::POST,
        app.at("/api/v1/societies/cast/evaluation-rounds"),
        round_body(system),
    )
    .await;
    assert_eq!(st, 404);
    let r = new_round(&app, &staff, system).await;
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    let (_, outside) = call(
        &staff,
        M::POST,
        format!("{round}/entries"),
        json!({"name_en": "Outside", "organiser": "X"}),
    )
    .await;
    let (st, _) = call(&other_staff, M::POST, format!("{round}/phase"), json!({"phase": "metrics_frozen"})).await;
    assert_eq!(st, 404);
    let (st, _) = call(
        &other_staff,
        M::POST,
        format!("{round}/entries/{}/withdraw", outside["id"]),
        json!(null),
    )
    .await;
    assert_eq!(st, 404);
    let (_, v) = call(&other_staff, M::GET, round.clone(), json!(null)).await;
    assert_eq!((v["committee"].as_bool(), v["entries"].as_array().unwrap().len()), (Some(false), 0));
    // An entry id of another round is not found through this one.
    let mut second = round_body(system);
    second["slug"] = json!("demo-2027");
    let (_, r2) = call(&staff, M::POST, app.at("/api/v1/societies/cast/evaluation-rounds"), second).await;
    let (st, _) = call(
        &staff,
        M::POST,
        app.at(&format!(
            "/api/v1/evaluation/rounds/{}/entries/{}/withdraw",
            r2["id"], outside["id"]
        )),
        json!(null),
    )
    .await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn the_round_page_takes_an_application_and_a_phase_move_in_either_language() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    // The round is created on its page; a refused form keeps what was typed.
    let new = "/societies/cast/evaluation/rounds/new";
    let csrf = csrf_of(&staff, &app.at(new)).await;
    let mut form = vec![
        ("csrf", csrf.clone()),
        ("slug", "demo-2026".to_string()),
        ("title_zh", "2026 年示范性会议".to_string()),
        ("system_id", format!("{system}:1")),
        ("applications_close", "2099-03-31".to_string()),
        ("quota", "many".to_string()),
        ("excellent", "85".to_string()),
        ("good", "75".to_string()),
        ("pass", "60".to_string()),
    ];
    let res = staff
        .post(app.at(new))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("The quota is a whole number from 1 to 1000.") && html.contains("value=\"many\""),
        "{html}"
    );
    form[5].1 = "2".into();
    let res = staff.post(app.at(new)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/evaluation/demo-2026");

    venue(&app, "annual-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let page = "/evaluation/demo-2026";
    let zh = page_text(&app, &chair, page, "zh-CN").await;
    assert!(zh.contains("为您的会议申报") && zh.contains("申报") && zh.contains("公示"), "{zh}");
    let csrf = csrf_of(&chair, &app.at(page)).await;
    let res = chair
        .post(app.at(&format!("{page}/entries")))
        .form(&[("csrf", csrf.as_str()), ("venue", "annual-2026")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let en = page_text(&app, &chair, page, "en").await;
    assert!(
        en.contains("Applied by its chairs") && en.contains("Taking part") && !en.contains("origin_"),
        "{en}"
    );
    assert!(!en.contains("id=\"next-phase\""), "a chair does not move phases");

    // The committee moves the phase from the page; going back without a reason is refused there.
    let csrf = csrf_of(&staff, &app.at(page)).await;
    let res = staff
        .post(app.at(&format!("{page}/phase")))
        .form(&[("csrf", csrf.as_str()), ("phase", "metrics_frozen")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = staff
        .post(app.at(&format!("{page}/phase")))
        .header("accept-language", "zh-CN")
        .form(&[("csrf", csrf.as_str()), ("phase", "applications"), ("reason", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("指标冻结"), "the page names the phase in words");
    let list = page_text(&app, &app.client(), "/evaluation", "en").await;
    assert!(list.contains("Metrics frozen") && list.contains("2026 年示范性会议"), "{list}");
}

#[tokio::test]
async fn freezing_the_metrics_records_each_conferences_figures_and_recomputing_is_logged() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let r = new_round(&app, &staff, system).await;
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    venue(&app, "annual-2026").await;
    venue(&app, "other-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let other_chair = co_chair(&app, "other-2026", "chair@other.org").await.1;
    let (_, author) = person(&app, "li.hua@uni.edu.cn", "李华", "Uni A").await;
    let res = submit(&app, &author, "annual-2026", &[("李华", "li.hua@uni.edu.cn", "Uni A")], &[]).await;
    assert!(res.status().is_success() || res.status().is_redirection(), "{}", res.status());
    let (_, applied) = call(&chair, M::POST, format!("{round}/entries"), json!({"venue": "annual-2026"})).await;
    let (_, outside) = call(
        &staff,
        M::POST,
        format!("{round}/entries"),
        json!({"name_en": "Outside", "organiser": "X"}),
    )
    .await;
    let detail = format!("{round}/entries/{}", applied["id"]);
    let (st, d) = call(&chair, M::GET, detail.clone(), json!(null)).await;
    assert_eq!(
        (st, d["figures"].as_array().unwrap().len()),
        (200, 0),
        "nothing before the freeze: {d}"
    );
    let (st, _) = call(&staff, M::POST, format!("{detail}/recompute"), json!(null)).await;
    assert_eq!(st, 409, "no recomputing before the freeze");

    let (st, _) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "metrics_frozen"})).await;
    assert_eq!(st, 200);
    let figure = |d: &Value, m: &str| d["figures"].as_array().unwrap().iter().find(|f| f["metric"] == m).cloned().unwrap();
    let (_, d) = call(&chair, M::GET, detail.clone(), json!(null)).await;
    assert_eq!(d["figures"].as_array().unwrap().len(), 16, "{d}");
    assert_eq!(figure(&d, "submissions")["value"], 1.0);
    let told = figure(&d, "days_to_decision");
    assert!(told["value"].is_null() && told["missing"] == "evaluation.missing_told", "{told}");
    assert!(d["figures"][0]["computed_by"].is_null() && d["figures"][0]["computed_at"].is_string());
    // An outside conference has no platform metrics.
    let (_, d) = call(&staff, M::GET, format!("{round}/entries/{}", outside["id"]), json!(null)).await;
    assert_eq!(d["figures"].as_array().unwrap().len(), 0);
    let (st, _) = call(&staff, M::POST, format!("{round}/entries/{}/recompute", outside["id"]), json!(null)).await;
    assert_eq!(st, 409);

    // Only the committee and the conference's own chairs read its figures.
    let (_, stranger) = account(&app, "stranger@example.org").await;
    for c in [&stranger, &other_chair] {
        let (st, _) = call(c, M::GET, detail.clone(), json!(null)).await;
        assert_eq!(st, 404);
    }
    // A new paper does not change the frozen figures until the committee recomputes them.
    let res = submit(&app, &author, "annual-2026", &[("李华", "li.hua@uni.edu.cn", "Uni A")], &[]).await;
    assert!(res.status().is_success() || res.status().is_redirection());
    let (_, d) = call(&staff, M::GET, detail.clone(), json!(null)).await;
    assert_eq!(figure(&d, "submissions")["value"], 1.0);
    let (st, _) = call(&chair, M::POST, format!("{detail}/recompute"), json!(null)).await;
    assert_eq!(st, 404, "chairs do not recompute their own figures");
    let (st, d) = call(&staff, M::POST, format!("{detail}/recompute"), json!(null)).await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(figure(&d, "submissions")["value"], 2.0);
    assert!(figure(&d, "submissions")["computed_by"].is_i64());
    let mut conn = app.state.db.conn().unwrap();
    let log = xuehui::panel::audit::list(&mut conn, xuehui::panel::Round::evaluation(r["id"].as_i64().unwrap()), 100).unwrap();
    let (line, who) = log.iter().find(|(l, _)| l.action == "recomputed").unwrap();
    assert_eq!(who.as_deref(), Some("staff@cast.org"));
    let detail: Value = serde_json::from_str(&line.detail).unwrap();
    assert!(
        detail["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["metric"] == "submissions" && c["before"] == 1.0 && c["after"] == 2.0),
        "{detail}"
    );
    assert!(log.iter().any(|(l, _)| l.action == "metrics_frozen"));
    // The page shows the figures in words, with what was counted.
    let html = page_text(&app, &staff, &format!("/evaluation/demo-2026/entries/{}", applied["id"]), "en").await;
    assert!(
        html.contains("Submissions to the conference, withdrawn ones excluded.")
            && html.contains("No decision has been told to the authors."),
        "{html}"
    );
    assert!(html.contains("id=\"recompute\""));
}

#[tokio::test]
async fn the_committee_names_experts_by_address_and_each_is_told_in_their_language() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let r = new_round(&app, &staff, system).await;
    let panel = app.at(&format!("/api/v1/evaluation/rounds/{}/panel", r["id"]));
    let (zhang, zhang_c) = account(&app, "zhang@uni.edu.cn").await;
    let (_, smith_c) = account(&app, "smith@uni.ac.uk").await;
    for (c, body) in [
        (&zhang_c, json!({"name_zh": "张教授", "preferred_lang": "zh-CN"})),
        (&smith_c, json!({"name_latin": "Prof Smith", "preferred_lang": "en"})),
    ] {
        let (st, me) = call(c, M::PATCH, app.at("/api/v1/me"), body).await;
        assert_eq!(st, 200, "{me}");
    }
    let mut conn = app.state.db.conn().unwrap();
    // Unknown addresses are named and nobody is added.
    let (st, e) = call(
        &staff,
        M::POST,
        panel.clone(),
        json!({"emails": "zhang@uni.edu.cn, nobody@nowhere.org", "role": "expert"}),
    )
    .await;
    assert_eq!(st, 422, "{e}");
    assert!(e["fields"]["unknown"].as_str().unwrap().contains("nobody@nowhere.org"), "{e}");
    let (_, p) = call(&staff, M::GET, panel.clone(), json!(null)).await;
    assert_eq!(p["experts"].as_array().unwrap().len(), 0);
    let (st, p) = call(
        &staff,
        M::POST,
        panel.clone(),
        json!({"emails": "zhang@uni.edu.cn\nsmith@uni.ac.uk\nzhang@uni.edu.cn"}),
    )
    .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(p["experts"].as_array().unwrap().len(), 2);
    app.run_jobs().await;
    let (subject, _) = app.last_mail_to("smith@uni.ac.uk").unwrap();
    assert!(subject.contains("You are an expert of 2026 demonstrative conferences"), "{subject}");
    let (subject, _) = app.last_mail_to("zhang@uni.edu.cn").unwrap();
    assert!(subject.contains("您已受邀担任评估专家：2026 年示范性会议"), "{subject}");
    // Naming someone twice mails nothing more.
    let before = app.mails_to("smith@uni.ac.uk").len();
    call(&staff, M::POST, panel.clone(), json!({"emails": "smith@uni.ac.uk"})).await;
    app.run_jobs().await;
    assert_eq!(app.mails_to("smith@uni.ac.uk").len(), before);
    // Experts do not run the round: no panel, no phase moves.
    let (st, _) = call(&zhang_c, M::GET, panel.clone(), json!(null)).await;
    assert_eq!(st, 404);
    let (st, _) = call(
        &zhang_c,
        M::POST,
        panel.clone(),
        json!({"emails": "zhang@uni.edu.cn", "role": "committee"}),
    )
    .await;
    assert_eq!(st, 404);
    // A committee member named on the round runs it until taken off.
    let (st, _) = call(
        &staff,
        M::POST,
        panel.clone(),
        json!({"emails": "zhang@uni.edu.cn", "role": "committee"}),
    )
    .await;
    assert_eq!(st, 200);
    let (st, _) = call(&zhang_c, M::GET, panel.clone(), json!(null)).await;
    assert_eq!(st, 200);
    let (st, _) = call(&staff, M::DELETE, format!("{panel}/{zhang}?role=committee"), json!(null)).await;
    assert_eq!(st, 204);
    let (st, _) = call(&zhang_c, M::GET, panel.clone(), json!(null)).await;
    assert_eq!(st, 404);
    let (st, _) = call(&staff, M::DELETE, format!("{panel}/{zhang}?role=committee"), json!(null)).await;
    assert_eq!(st, 404, "not on the committee any more");
    let (st, e) = call(&staff, M::DELETE, format!("{panel}/{zhang}?role=judge"), json!(null)).await;
    assert_eq!((st, e["fields"]["role"].is_string()), (422, true));
    let log = xuehui::panel::audit::list(&mut conn, xuehui::panel::Round::evaluation(r["id"].as_i64().unwrap()), 100).unwrap();
    let actions: Vec<&str> = log.iter().map(|(l, _)| l.action.as_str()).collect();
    for a in ["expert_added", "committee_added", "committee_removed"] {
        assert!(actions.contains(&a), "{a}: {actions:?}");
    }
    let zh = page_text(&app, &staff, "/evaluation/demo-2026", "zh-CN").await;
    assert!(zh.contains("评估专家 (2)") && zh.contains("smith@uni.ac.uk"), "{zh}");
}
