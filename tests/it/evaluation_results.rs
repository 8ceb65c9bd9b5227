//! Results of an evaluation round: totals from the frozen figures, the conferences' reports and
//! the experts' levels; ranks with their interval under perturbed weights; the committee's
//! what-if and overrides (with reasons, within the quota); public from the notice on, without
//! the details.

use reqwest::Method as M;
use serde_json::{Value, json};

use crate::support::evaluation::{round_body, with_final_system};
use crate::support::participation::{account, call};
use crate::support::review::{co_chair, venue};
use crate::support::{TestApp, page_text};

fn line(res: &Value, entry: i64) -> Value {
    res["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["entry_id"] == entry)
        .unwrap()
        .clone()
}

#[tokio::test]
async fn results_rank_the_conferences_and_the_committee_adjusts_them_with_reasons_within_the_quota() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let mut body = round_body(system);
    body["quota"] = json!(1);
    let (st, r) = call(&staff, M::POST, app.at("/api/v1/societies/cast/evaluation-rounds"), body).await;
    assert_eq!(st, 201, "{r}");
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    venue(&app, "annual-2026").await;
    venue(&app, "other-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let (_, e1) = account(&app, "e1@uni.edu.cn").await;
    let (_, e2) = account(&app, "e2@uni.edu.cn").await;
    let (_, stranger) = account(&app, "stranger@example.org").await;
    let (st, _) = call(
        &staff,
        M::POST,
        format!("{round}/panel"),
        json!({"emails": "e1@uni.edu.cn, e2@uni.edu.cn", "role": "expert"}),
    )
    .await;
    assert_eq!(st, 200);
    let (_, a) = call(&chair, M::POST, format!("{round}/entries"), json!({"venue": "annual-2026"})).await;
    let (_, o) = call(&staff, M::POST, format!("{round}/entries"), json!({"venue": "other-2026"})).await;
    let (_, x) = call(
        &staff,
        M::POST,
        format!("{round}/entries"),
        json!({"name_zh": "省化学年会", "organiser": "省化学会"}),
    )
    .await;
    let (annual, other, outside) = (a["id"].as_i64().unwrap(), o["id"].as_i64().unwrap(), x["id"].as_i64().unwrap());
    // The outside conference reports its satisfaction.
    let (_, rep) = call(&staff, M::GET, format!("{round}/entries/{outside}/report"), json!(null)).await;
    let satisfaction = rep["items"].as_array().unwrap().iter().find(|i| i["unit"] == "rating").unwrap()["indicator"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        call(
            &staff,
            M::PUT,
            format!("{round}/entries/{outside}/report/{satisfaction}"),
            json!({"value": 5})
        )
        .await
        .0,
        200
    );
    for phase in ["metrics_frozen", "scoring"] {
        assert_eq!(
            call(&staff, M::POST, format!("{round}/phase"), json!({"phase": phase})).await.0,
            200
        );
    }
    // Both experts score: the annual conference high, the other low, the outside one between.
    let (_, b) = call(&e1, M::GET, format!("{round}/ballot"), json!(null)).await;
    let codes: Vec<String> = b["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    let at = |level: i64| json!({"levels": codes.iter().map(|c| (c.clone(), json!(level))).collect::<serde_json::Map<_, _>>()});
    for e in [&e1, &e2] {
        for (entry, level) in [(annual, 5), (other, 1), (outside, 3)] {
            assert_eq!(call(e, M::PUT, format!("{round}/ballot/{entry}"), at(level)).await.0, 200);
        }
    }

    // No results before the proposal, for anyone.
    assert_eq!(call(&staff, M::GET, format!("{round}/results"), json!(null)).await.0, 404);
    assert_eq!(
        call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "proposal"}))
            .await
            .0,
        200
    );
    for c in [&stranger, &chair, &e1] {
        assert_eq!(
            call(c, M::GET, format!("{round}/results"), json!(null)).await.0,
            404,
            "the proposal is the committee's"
        );
    }
    let (st, res) = call(&staff, M::GET, format!("{round}/results"), json!(null)).await;
    assert_eq!(st, 200, "{res}");
    let (la, lo, lx) = (line(&res, annual), line(&res, other), line(&res, outside));
    // Every expert level counts: 5 of 5 scores 100, 1 scores 0.
    let expert_col = res["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["kind"] == "expert")
        .unwrap();
    assert_eq!(
        (
            la["cells"][expert_col]["score"].as_f64(),
            la["cells"][expert_col]["experts"].as_i64()
        ),
        (Some(100.0), Some(2))
    );
    assert_eq!(lo["cells"][expert_col]["score"].as_f64(), Some(0.0));
    // The outside conference's satisfaction is its report, marked as such.
    let sat_col = res["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .position(|i| i["code"] == satisfaction)
        .unwrap();
    assert_eq!(
        (lx["cells"][sat_col]["source"].as_str(), lx["cells"][sat_col]["score"].as_f64()),
        (Some("reported"), Some(100.0))
    );
    assert!(la["total"].as_f64() > lo["total"].as_f64(), "{res}");
    assert_eq!(la["rank"].as_i64(), Some(1), "{res}");
    for l in res["lines"].as_array().unwrap() {
        let (rank, best, worst) = (
            l["rank"].as_i64().unwrap(),
            l["interval"]["best"].as_i64().unwrap(),
            l["interval"]["worst"].as_i64().unwrap(),
        );
        assert!(best <= rank && rank <= worst, "{l}");
        assert!(
            !l["missing"].as_array().unwrap().is_empty(),
            "figures a new venue lacks count as 0 and are named: {l}"
        );
    }

    // The committee downloads every figure; nobody else can yet.
    let csv = staff
        .get(app.at("/evaluation/demo-2026/results.csv"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status().as_u16(), 200);
    let text = csv.text().await.unwrap();
    assert!(
        text.starts_with('\u{feff}') && text.contains("Rank,") && text.contains(": Score"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4, "a header and three conferences: {text}");
    let xlsx = staff.get(app.at("/evaluation/demo-2026/results.xlsx")).send().await.unwrap();
    assert_eq!(xlsx.status().as_u16(), 200);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
    assert_eq!(
        stranger
            .get(app.at("/evaluation/demo-2026/results.csv"))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        404
    );

    // What-if: weight only on the satisfaction puts the outside conference first; nothing is saved.
    let (st, e) = call(&staff, M::POST, format!("{round}/what-if"), json!({"weights": {"nope": 1}})).await;
    assert_eq!((st, e["fields"]["weights.nope"].is_string()), (422, true), "{e}");
    let zero: serde_json::Map<String, Value> = res["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["code"].as_str().unwrap().to_string(), json!(0)))
        .collect();
    let (st, _) = call(&staff, M::POST, format!("{round}/what-if"), json!({ "weights": zero })).await;
    assert_eq!(st, 422, "all weights zero");
    let mut only = zero.clone();
    only.insert(satisfaction.clone(), json!(10));
    let (st, w) = call(&staff, M::POST, format!("{round}/what-if"), json!({ "weights": only })).await;
    assert_eq!((st, w["what_if"].as_bool()), (200, Some(true)), "{w}");
    assert_eq!(w["lines"][0]["entry_id"].as_i64(), Some(outside), "{w}");
    assert_eq!(
        call(&stranger, M::POST, format!("{round}/what-if"), json!({ "weights": only }))
            .await
            .0,
        404
    );
    let (_, again) = call(&staff, M::GET, format!("{round}/results"), json!(null)).await;
    assert_eq!(again["lines"][0]["entry_id"].as_i64(), Some(annual), "the round keeps its weights");

    // Overrides: a reason is required, the grade must exist, the quota holds.
    let ov = |entry: i64| format!("{round}/results/{entry}/override");
    let (st, e) = call(&staff, M::PUT, ov(annual), json!({"demonstrative": true})).await;
    assert_eq!((st, e["fields"]["reason"].is_string()), (422, true), "{e}");
    let (st, e) = call(&staff, M::PUT, ov(annual), json!({"grade": "superb", "reason": "x"})).await;
    assert_eq!((st, e["fields"]["grade"].is_string()), (422, true), "{e}");
    assert_eq!(
        call(&chair, M::PUT, ov(annual), json!({"demonstrative": true, "reason": "mine"}))
            .await
            .0,
        404
    );
    let (st, res) = call(
        &staff,
        M::PUT,
        ov(annual),
        json!({"grade": "excellent", "demonstrative": true, "reason": "专家一致认为办会质量突出"}),
    )
    .await;
    assert_eq!(st, 200, "{res}");
    let la = line(&res, annual);
    assert_eq!(
        (la["grade"].as_str(), la["demonstrative"].as_bool(), la["overridden"].as_bool()),
        (Some("excellent"), Some(true), Some(true))
    );
    let (st, e) = call(&staff, M::PUT, ov(outside), json!({"demonstrative": true, "reason": "also good"})).await;
    assert_eq!((st, e["fields"]["demonstrative"].is_string()), (422, true), "the quota is 1: {e}");
    let (_, res) = call(&staff, M::GET, format!("{round}/results"), json!(null)).await;
    assert!(
        !line(&res, outside)["demonstrative"].as_bool().unwrap(),
        "nothing was kept of the refused override"
    );

    // From the notice on everyone sees the ranking and designations, not the details.
    assert_eq!(
        call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "notice"})).await.0,
        200
    );
    let anon = app.client();
    let (st, public) = call(&anon, M::GET, format!("{round}/results"), json!(null)).await;
    assert_eq!(st, 200, "{public}");
    let pa = line(&public, annual);
    assert_eq!((pa["rank"].as_i64(), pa["demonstrative"].as_bool()), (Some(1), Some(true)));
    assert!(
        pa["cells"].as_array().unwrap().is_empty() && pa["override_detail"].is_null(),
        "{pa}"
    );
    let (_, rv) = call(&anon, M::GET, round.clone(), json!(null)).await;
    assert_eq!(rv["results"]["lines"].as_array().unwrap().len(), 3, "{rv}");
    let zh = page_text(&app, &anon, "/evaluation/demo-2026/results", "zh-CN").await;
    assert!(zh.contains("公示中") && zh.contains("拟定") && zh.contains("排名区间"), "{zh}");
    assert!(!zh.contains("专家一致认为"), "the reason is the committee's: {zh}");

    // Objections: anyone signed in files one during the notice; publication waits for the
    // committee's decision, which the objector is mailed; only the committee decides.
    let (st, e) = call(
        &stranger,
        M::POST,
        format!("{round}/objections"),
        json!({"entry": other, "reason": ""}),
    )
    .await;
    assert_eq!((st, e["fields"]["reason"].is_string()), (422, true), "{e}");
    let (st, mine) = call(
        &stranger,
        M::POST,
        format!("{round}/objections"),
        json!({"entry": other, "reason": "该会议的自评材料与实际不符。"}),
    )
    .await;
    assert_eq!(st, 201, "{mine}");
    let objection = mine[0]["id"].as_i64().unwrap();
    assert!(mine[0]["email"].is_null(), "the objector does not see addresses: {mine}");
    assert_eq!(
        call(
            &anon,
            M::POST,
            format!("{round}/objections"),
            json!({"entry": other, "reason": "x"})
        )
        .await
        .0,
        401
    );
    let (_, others) = call(&chair, M::GET, format!("{round}/objections"), json!(null)).await;
    assert_eq!(others.as_array().unwrap().len(), 0, "nobody else reads it: {others}");
    let (st, e) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "published"})).await;
    assert_eq!(
        (st, e["error"].as_str()),
        (409, Some("conflict")),
        "an open objection holds the publication: {e}"
    );
    let decision = format!("{round}/objections/{objection}/decision");
    assert_eq!(
        call(&stranger, M::POST, decision.clone(), json!({"status": "rejected", "reason": "x"}))
            .await
            .0,
        404
    );
    let (st, all) = call(
        &staff,
        M::POST,
        decision.clone(),
        json!({"status": "rejected", "reason": "材料经专家核实无误。"}),
    )
    .await;
    assert_eq!(
        (st, all[0]["status"].as_str(), all[0]["email"].as_str()),
        (200, Some("rejected"), Some("stranger@example.org")),
        "{all}"
    );
    assert_eq!(
        call(&staff, M::POST, decision, json!({"status": "upheld", "reason": "again"}))
            .await
            .0,
        409
    );
    app.run_jobs().await;
    let (subject, body) = app.last_mail_to("stranger@example.org").unwrap();
    assert!(subject.contains("rejected") || subject.contains("驳回"), "{subject}");
    assert!(body.contains("材料经专家核实无误。"), "{body}");

    // Published: final, no more overrides or objections.
    assert_eq!(
        call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "published"}))
            .await
            .0,
        200
    );
    assert_eq!(
        call(
            &stranger,
            M::POST,
            format!("{round}/objections"),
            json!({"entry": other, "reason": "late"})
        )
        .await
        .0,
        409
    );
    assert_eq!(
        call(&staff, M::PUT, ov(annual), json!({"demonstrative": false, "reason": "late"}))
            .await
            .0,
        409
    );
    let en = page_text(&app, &anon, "/evaluation/demo-2026/results", "en").await;
    assert!(en.contains("Published results.") && en.contains("designated"), "{en}");
    let en = page_text(&app, &staff, "/evaluation/demo-2026/results", "en").await;
    assert!(
        en.contains("Indicator scores") && en.contains("What if the weights were different?"),
        "{en}"
    );

    // The public download has the ranking, not the indicator details.
    let text = anon
        .get(app.at("/evaluation/demo-2026/results.csv"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("排名") && !text.contains("得分") && text.contains("已认定"), "{text}");

    // The designated conference is listed, its badge is served, and its series shows the result.
    let (st, d) = call(&anon, M::GET, app.at("/api/v1/evaluation/demonstrative"), json!(null)).await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(d[0]["conferences"].as_array().unwrap().len(), 1, "{d}");
    assert_eq!(d[0]["conferences"][0]["entry_id"].as_i64(), Some(annual));
    let badge = anon
        .get(app.at(&format!("/evaluation/demo-2026/badge/{annual}.svg")))
        .send()
        .await
        .unwrap();
    assert_eq!(badge.status().as_u16(), 200);
    assert!(badge.headers()["content-type"].to_str().unwrap().starts_with("image/svg+xml"));
    assert!(badge.text().await.unwrap().contains("示范性学术会议"));
    // The conference shows it on its own page; the other does not.
    let page = page_text(&app, &anon, "/venues/annual-2026", "en").await;
    assert!(page.contains(&format!("/evaluation/demo-2026/badge/{annual}.svg")), "{page}");
    let page = page_text(&app, &anon, "/venues/other-2026", "en").await;
    assert!(!page.contains("/badge/"), "{page}");
    // Published results are a record: losing the experts' scores later (an account deleted,
    // scores cascading away) changes nothing that was published.
    let (_, before) = call(&anon, M::GET, format!("{round}/results"), json!(null)).await;
    {
        use diesel::prelude::*;
        let mut conn = app.state.db.conn().unwrap();
        diesel::delete(xuehui::db::schema::evaluation_scores::table)
            .execute(&mut conn)
            .unwrap();
    }
    let (_, after) = call(&anon, M::GET, format!("{round}/results"), json!(null)).await;
    assert_eq!(before, after);
    let not = anon
        .get(app.at(&format!("/evaluation/demo-2026/badge/{other}.svg")))
        .send()
        .await
        .unwrap();
    assert_eq!(not.status().as_u16(), 404, "only designated conferences have a badge");
    venue(&app, "annual-2025").await;
    {
        use diesel::prelude::*;
        use xuehui::db::schema::venues;
        let mut conn = app.state.db.conn().unwrap();
        let earlier = xuehui::venues::store::by_slug(&mut conn, "annual-2025").unwrap();
        diesel::update(venues::table.filter(venues::slug.eq("annual-2026")))
            .set(venues::previous_venue_id.eq(earlier.id))
            .execute(&mut conn)
            .unwrap();
    }
    let (st, h) = call(&anon, M::GET, app.at("/api/v1/evaluation/conferences/annual-2025"), json!(null)).await;
    assert_eq!(st, 200, "{h}");
    assert_eq!(h["editions"].as_array().unwrap().len(), 2, "{h}");
    assert_eq!(
        (
            h["results"][0]["venue"].as_str(),
            h["results"][0]["result"]["demonstrative"].as_bool()
        ),
        (Some("annual-2026"), Some(true)),
        "{h}"
    );
    let zh = page_text(&app, &anon, "/evaluation/conferences/annual-2025", "zh-CN").await;
    assert!(zh.contains("历届评估结果") || zh.contains("已认定"), "{zh}");
    let en = page_text(&app, &anon, "/evaluation/demonstrative", "en").await;
    assert!(en.contains("Demonstrative conferences") && en.contains("/badge/"), "{en}");
}
