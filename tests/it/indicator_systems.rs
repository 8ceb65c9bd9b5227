//! Indicator systems (指标体系): a society's staff start one from the shipped default, edit its
//! weights and rules, and make a version final; a final version never changes (editing starts
//! the next one), drafts stay with the staff, and nobody edits another society's systems.

use reqwest::Method as M;
use serde_json::{Value, json};

use crate::support::participation::{account, call};
use crate::support::rows::{error_beside, input_value, selected};
use crate::support::society::society;
use crate::support::{TestApp, csrf_of, page_text};

/// The body of the editor form for a system as the API shows it, with `change` applied.
fn editor_form(csrf: &str, sys: &Value, change: impl Fn(&mut Vec<(String, String)>)) -> Vec<(String, String)> {
    let d = &sys["definition"];
    let mut f = vec![
        ("csrf".to_string(), csrf.to_string()),
        ("name_zh".into(), sys["name_zh"].as_str().unwrap().into()),
        ("name_en".into(), sys["name_en"].as_str().unwrap().into()),
    ];
    for (n, x) in d["dimensions"].as_array().unwrap().iter().enumerate() {
        for k in ["code", "name_zh", "name_en"] {
            f.push((format!("dimensions[{n}].{k}"), x[k].as_str().unwrap().into()));
        }
    }
    for (n, x) in d["indicators"].as_array().unwrap().iter().enumerate() {
        f.push((format!("indicators[{n}].was"), x["code"].as_str().unwrap().into()));
        for k in ["code", "dimension", "name_zh", "name_en"] {
            f.push((format!("indicators[{n}].{k}"), x[k].as_str().unwrap().into()));
        }
        f.push((format!("indicators[{n}].weight"), x["weight"].to_string()));
    }
    for (n, x) in d["scale"].as_array().unwrap().iter().enumerate() {
        for k in ["zh", "en"] {
            f.push((format!("scale[{n}].{k}"), x[k].as_str().unwrap().into()));
        }
    }
    change(&mut f);
    f
}

fn set(f: &mut [(String, String)], key: &str, value: &str) {
    f.iter_mut().find(|(k, _)| k == key).unwrap().1 = value.into();
}

#[tokio::test]
async fn a_final_version_never_changes_and_editing_it_starts_the_next() {
    let app = TestApp::new().await;
    let (_, staff) = society(&app, "cast", "staff@cast.org").await;
    let systems = app.at("/api/v1/societies/cast/evaluation-systems");
    let (st, sys) = call(
        &staff,
        M::POST,
        systems.clone(),
        json!({"name_zh": "示范性会议评估", "name_en": "Demonstrative conferences"}),
    )
    .await;
    assert_eq!(st, 201, "{sys}");
    assert_eq!(sys["version"]["version"], 1);
    assert!(sys["version"]["finalised_at"].is_null());
    assert_eq!(sys["definition"]["indicators"].as_array().unwrap().len(), 20);
    assert_eq!(sys["total_weight"], 100.0);
    let one = format!("{systems}/{}", sys["id"]);

    // A draft is the staff's alone.
    let (st, list) = call(&app.client(), M::GET, systems.clone(), json!(null)).await;
    assert_eq!((st, list.as_array().unwrap().len()), (200, 0), "{list}");
    let (st, _) = call(&app.client(), M::GET, one.clone(), json!(null)).await;
    assert_eq!(st, 404);

    // Saving a draft rewrites it.
    let mut body = json!({"name_zh": "示范性会议评估", "name_en": "Demonstrative conferences", "definition": sys["definition"].clone(), "note": "heavier submissions"});
    body["definition"]["indicators"][0]["weight"] = json!(10.0);
    let (st, v) = call(&staff, M::PUT, one.clone(), body.clone()).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        (v["version"]["version"].as_i64(), v["total_weight"].as_f64()),
        (Some(1), Some(104.0))
    );

    // Problems are named by field.
    let mut bad = body.clone();
    bad["definition"]["indicators"][3]["weight"] = json!(-2);
    bad["definition"]["indicators"][4]["dimension"] = json!("nowhere");
    bad["definition"]["scale"] = json!([{"zh": "唯一", "en": "Only"}]);
    let (st, e) = call(&staff, M::PUT, one.clone(), bad).await;
    assert_eq!(st, 422, "{e}");
    for k in ["indicators[3].weight", "indicators[4].dimension", "scale"] {
        assert!(e["fields"][k].is_string(), "{k}: {e}");
    }

    // Final: everyone reads it, and it cannot be finalised twice.
    let (st, v) = call(&staff, M::POST, format!("{one}/finalise"), json!(null)).await;
    assert_eq!(st, 200, "{v}");
    assert!(v["version"]["finalised_at"].is_string());
    let (st, _) = call(&staff, M::POST, format!("{one}/finalise"), json!(null)).await;
    assert_eq!(st, 409);
    let (st, v) = call(&app.client(), M::GET, one.clone(), json!(null)).await;
    assert_eq!((st, v["can_edit"].as_bool()), (200, Some(false)), "{v}");

    // Editing the final version makes version 2, a draft; version 1 is as it was.
    body["definition"]["indicators"][0]["weight"] = json!(4.0);
    let (st, v) = call(&staff, M::PUT, one.clone(), body.clone()).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["version"]["version"], 2);
    assert_eq!(v["versions"].as_array().unwrap().len(), 2);
    let (_, v1) = call(&staff, M::GET, format!("{one}?version=1"), json!(null)).await;
    assert_eq!(v1["definition"]["indicators"][0]["weight"], 10.0);
    // Others see version 1 only.
    let (_, v) = call(&app.client(), M::GET, one.clone(), json!(null)).await;
    assert_eq!(
        (v["version"]["version"].as_i64(), v["versions"].as_array().unwrap().len()),
        (Some(1), 1)
    );
    let (st, _) = call(&app.client(), M::GET, format!("{one}?version=2"), json!(null)).await;
    assert_eq!(st, 404);
    // Saving the same definition again changes nothing.
    let (_, v) = call(&staff, M::PUT, one.clone(), body).await;
    assert_eq!(v["versions"].as_array().unwrap().len(), 2);
    let mut conn = app.state.db.conn().unwrap();
    let d = xuehui::evaluation::systems::service::final_version(&mut conn, v["id"].as_i64().unwrap(), 1).unwrap();
    assert_eq!(d.indicators[0].weight, 10.0);
    assert!(xuehui::evaluation::systems::service::final_version(&mut conn, v["id"].as_i64().unwrap(), 2).is_err());
}

#[tokio::test]
async fn nobody_but_the_societys_staff_edits_its_systems() {
    let app = TestApp::new().await;
    let (_, staff) = society(&app, "cast", "staff@cast.org").await;
    let (_, other_staff) = society(&app, "ccf", "staff@ccf.org").await;
    let (_, member) = account(&app, "member@example.org").await;
    let systems = app.at("/api/v1/societies/cast/evaluation-systems");
    let (_, sys) = call(&staff, M::POST, systems.clone(), json!({"name_en": "CAST"})).await;
    let one = format!("{systems}/{}", sys["id"]);
    let body = json!({"name_en": "Taken", "definition": sys["definition"].clone()});
    for c in [&member, &other_staff] {
        let (st, _) = call(c, M::POST, systems.clone(), json!({"name_en": "Mine"})).await;
        assert_eq!(st, 404);
        for (m, url, b) in [
            (M::GET, one.clone(), json!(null)),
            (M::PUT, one.clone(), body.clone()),
            (M::POST, format!("{one}/finalise"), json!(null)),
        ] {
            let (st, _) = call(c, m.clone(), url, b).await;
            assert_eq!(st, 404, "{m}");
        }
    }
    // The system is not reachable under another society's name, even by that society's staff.
    let (st, _) = call(
        &other_staff,
        M::GET,
        app.at(&format!("/api/v1/societies/ccf/evaluation-systems/{}", sys["id"])),
        json!(null),
    )
    .await;
    assert_eq!(st, 404);
    // Nor copied into it.
    let (st, e) = call(
        &other_staff,
        M::POST,
        app.at("/api/v1/societies/ccf/evaluation-systems"),
        json!({"name_en": "Copy", "copy_of": sys["id"]}),
    )
    .await;
    assert_eq!((st, e["fields"]["copy_of"].is_string()), (422, true), "{e}");
    // Pages answer the same.
    let page = format!("/societies/cast/evaluation/systems/{}", sys["id"]);
    let res = member.get(app.at(&page)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let res = member.get(app.at(&format!("{page}/indicators/submissions"))).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let csrf = csrf_of(&member, &app.at("/")).await;
    let res = member
        .post(app.at(&format!("{page}/finalise")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_staff_edit_weights_and_rules_on_the_page_in_either_language() {
    let app = TestApp::new().await;
    let (_, staff) = society(&app, "cast", "staff@cast.org").await;
    let base = "/societies/cast/evaluation/systems";
    let csrf = csrf_of(&staff, &app.at(base)).await;
    let res = staff
        .post(app.at(base))
        .form(&[("csrf", csrf.as_str()), ("name_zh", "示范性会议"), ("name_en", ""), ("copy_of", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = res.headers()["location"].to_str().unwrap().to_string();
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    let api = app.at(&format!("/api/v1/societies/cast/evaluation-systems/{id}"));
    let (_, sys) = call(&staff, M::GET, api.clone(), json!(null)).await;

    // A bad weight is shown beside its row, with what was typed kept.
    let csrf = csrf_of(&staff, &app.at(&page)).await;
    let form = editor_form(&csrf, &sys, |f| set(f, "indicators[2].weight", "heavy"));
    let res = staff
        .post(app.at(&page))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "indicators[2].weight").as_deref(),
        Some("A weight is a number from 0 to 1000.")
    );
    assert_eq!(input_value(&html, "indicators[2].weight").as_deref(), Some("heavy"));

    // A good one is saved; a new indicator row joins, scored by the experts.
    let form = editor_form(&csrf, &sys, |f| {
        set(f, "indicators[2].weight", "7.5");
        f.push(("indicators[20].code".into(), "hospitality".into()));
        f.push(("indicators[20].dimension".into(), "organisation_integrity".into()));
        f.push(("indicators[20].name_en".into(), "Hospitality".into()));
        f.push(("indicators[20].weight".into(), "2".into()));
        f.push(("note".into(), "hospitality added".into()));
    });
    let res = staff.post(app.at(&page)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let (_, sys) = call(&staff, M::GET, api.clone(), json!(null)).await;
    assert_eq!(sys["definition"]["indicators"][2]["weight"], 7.5);
    assert_eq!(sys["definition"]["indicators"][20]["rule"]["kind"], "expert");
    assert_eq!(sys["version"]["note"], "hospitality added");

    // The indicator's own page changes its rule: bands over a metric.
    let ind = format!("{page}/indicators/submissions");
    let html = page_text(&app, &staff, &ind, "en").await;
    assert_eq!(selected(&html, "rule").as_deref(), Some("metric"));
    assert_eq!(selected(&html, "metric").as_deref(), Some("submissions"));
    let csrf = csrf_of(&staff, &app.at(&ind)).await;
    let post = |extra: &'static str| {
        let mut f = vec![
            ("csrf", csrf.clone()),
            ("rule", "metric".to_string()),
            ("metric", "submissions".to_string()),
            ("normalisation", "bands".to_string()),
            ("guidance_en", "Counted after withdrawals.".to_string()),
        ];
        f.push(("bands", extra.to_string()));
        staff.post(app.at(&ind)).header("accept-language", "zh-CN").form(&f).send()
    };
    let res = post("0: 0, 100: 150").await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "normalisation").as_deref(),
        Some("每个分段需要数字下限和 0 至 100 的得分。")
    );
    let res = post("0: 0, 100: 50, 300: 100").await.unwrap();
    assert_eq!(res.status(), 303);
    let (_, sys) = call(&staff, M::GET, api.clone(), json!(null)).await;
    let r = &sys["definition"]["indicators"][0]["rule"];
    assert_eq!(
        (r["kind"].as_str(), r["normalisation"]["kind"].as_str()),
        (Some("metric"), Some("bands")),
        "{r}"
    );
    assert_eq!(sys["definition"]["indicators"][0]["guidance_en"], "Counted after withdrawals.");

    // Both languages read as words: names, metric names and rules, never codes.
    let zh = page_text(&app, &staff, &page, "zh-CN").await;
    assert!(
        zh.contains("示范性会议") && zh.contains("投稿量") && zh.contains("平台指标") && zh.contains("专家评分"),
        "{zh}"
    );
    assert!(!zh.contains("self_reported") && !zh.contains(">submissions<"));
    let en = page_text(&app, &app.client(), base, "en").await;
    assert!(
        en.contains("Indicator systems") && !en.contains("示范性会议"),
        "a draft is not listed for others"
    );
    let en = page_text(&app, &staff, &page, "en").await;
    assert!(en.contains("示范性会议"), "the Chinese name stands in for the missing English one");
    assert!(en.contains("Platform metric") && en.contains("Submissions") && en.contains("Hospitality"));
}
