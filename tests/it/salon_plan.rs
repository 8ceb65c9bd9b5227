//! A society's annual salon plan: its staff keep and publish it; anyone signed in proposes a
//! theme, which the society accepts into the plan or declines with a reason; a draft plan and
//! other people's proposals stay private.

use reqwest::Method as M;
use serde_json::json;

use crate::support::TestApp;
use crate::support::participation::{account, call};
use crate::support::society::society;

#[tokio::test]
async fn the_society_publishes_its_plan_and_decides_on_proposed_themes() {
    let app = TestApp::new().await;
    let (_, staff) = society(&app, "chem", "staff@chem.org").await;
    let year = chrono::Datelike::year(&chrono::Utc::now());
    let plan = |p: &str| app.at(&format!("/api/v1/societies/chem/salon-plans/{year}{p}"));
    // Nobody else sees a plan before it is published.
    let (st, _) = call(&app.client(), M::GET, plan(""), json!(null)).await;
    assert_eq!(st, 404);
    let (st, p) = call(
        &staff,
        M::PUT,
        plan(""),
        json!({"intro_zh": "年度沙龙计划", "intro_en": "This year's salons"}),
    )
    .await;
    assert_eq!(st, 200, "{p}");
    let (st, e) = call(&staff, M::POST, plan("/publication"), json!({"publish": true})).await;
    assert_eq!(st, 409, "an empty plan is not published: {e}");
    let (st, e) = call(
        &staff,
        M::POST,
        plan("/items"),
        json!({"theme_en": "Quantum sensing", "starts_on": format!("{}-01-02", year + 1)}),
    )
    .await;
    assert_eq!(st, 422, "{e}");
    assert!(e["fields"]["starts_on"].is_string(), "{e}");
    let (st, p) = call(
        &staff,
        M::POST,
        plan("/items"),
        json!({"theme_zh": "量子传感", "theme_en": "Quantum sensing", "lead_scientists": "Pan (USTC)"}),
    )
    .await;
    assert_eq!(st, 201, "{p}");
    let (st, _) = call(&staff, M::POST, plan("/publication"), json!({"publish": true})).await;
    assert_eq!(st, 200);
    let (st, p) = call(&app.client(), M::GET, plan(""), json!(null)).await;
    assert_eq!(st, 200);
    assert_eq!(p["items"][0]["theme_en"], "Quantum sensing");
    assert_eq!(p["staff"], false);

    // Anyone signed in proposes; the staff are mailed; the proposer sees only their own.
    let (_, ada) = account(&app, "ada@x.org").await;
    let (_, bo) = account(&app, "bo@x.org").await;
    let themes = app.at("/api/v1/societies/chem/salon-themes");
    let (st, e) = call(&ada, M::POST, themes.clone(), json!({"theme_en": "Living materials"})).await;
    assert_eq!(st, 422);
    assert!(e["fields"]["rationale"].is_string(), "{e}");
    let (st, mine) = call(
        &ada,
        M::POST,
        themes.clone(),
        json!({"theme_en": "Living materials", "rationale": "Engineered cells now build structures."}),
    )
    .await;
    assert_eq!(st, 201, "{mine}");
    let ada_theme = mine[0]["id"].as_i64().unwrap();
    let (st, _) = call(
        &bo,
        M::POST,
        themes.clone(),
        json!({"theme_zh": "付费审稿", "rationale": "值得讨论。"}),
    )
    .await;
    assert_eq!(st, 201);
    assert!(app.last_mail_to("staff@chem.org").is_some());
    let (_, list) = call(&ada, M::GET, themes.clone(), json!(null)).await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["proposer"], serde_json::Value::Null);
    let (_, list) = call(&staff, M::GET, themes.clone(), json!(null)).await;
    assert_eq!(list.as_array().unwrap().len(), 2);
    let bo_theme = list[1]["id"].as_i64().unwrap();
    // Only the staff decide; declining needs a reason.
    let (st, _) = call(
        &ada,
        M::POST,
        app.at(&format!("/api/v1/societies/chem/salon-themes/{bo_theme}/decision")),
        json!({"accept": true}),
    )
    .await;
    assert_eq!(st, 404);
    let (st, _) = call(
        &staff,
        M::POST,
        app.at(&format!("/api/v1/societies/chem/salon-themes/{bo_theme}/decision")),
        json!({"accept": false}),
    )
    .await;
    assert_eq!(st, 422);
    let (st, _) = call(
        &staff,
        M::POST,
        app.at(&format!("/api/v1/societies/chem/salon-themes/{bo_theme}/decision")),
        json!({"accept": false, "note": "A policy question."}),
    )
    .await;
    assert_eq!(st, 200);
    let (_, mail) = app.last_mail_to("bo@x.org").unwrap();
    assert!(mail.contains("A policy question."), "{mail}");
    let (st, _) = call(
        &staff,
        M::POST,
        app.at(&format!("/api/v1/societies/chem/salon-themes/{ada_theme}/decision")),
        json!({"accept": true}),
    )
    .await;
    assert_eq!(st, 200);
    let (st, _) = call(
        &staff,
        M::POST,
        app.at(&format!("/api/v1/societies/chem/salon-themes/{ada_theme}/decision")),
        json!({"accept": true}),
    )
    .await;
    assert_eq!(st, 409, "decided once");
    let (_, p) = call(&app.client(), M::GET, plan(""), json!(null)).await;
    assert_eq!(p["items"].as_array().unwrap().len(), 2);
    assert_eq!(p["items"][1]["proposed"], true, "{p}");
    // The page shows the plan and the proposal form in both languages.
    let text = crate::support::page_text(&app, &app.client(), &format!("/societies/chem/salons/{year}"), "zh-CN").await;
    assert!(text.contains("量子传感") && text.contains("登录后建议主题"), "{text}");
    let text = crate::support::page_text(&app, &app.client(), &format!("/societies/chem/salons/{year}"), "en").await;
    assert!(text.contains("Living materials"), "{text}");
    // Unknown society: 404.
    let (st, _) = call(
        &app.client(),
        M::GET,
        app.at(&format!("/api/v1/societies/none/salon-plans/{year}")),
        json!(null),
    )
    .await;
    assert_eq!(st, 404);
    // Staff of nothing cannot edit.
    let (st, _) = call(&ada, M::POST, plan("/items"), json!({"theme_en": "Mine"})).await;
    assert_eq!(st, 404);
}
