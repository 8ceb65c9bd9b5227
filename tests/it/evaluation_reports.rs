//! Self-reports in an evaluation round: a conference's chairs report figures, statements and
//! evidence for the self-reported indicators until applications close; the committee types
//! the figures of a conference held outside xuehui; only they and the committee read them.

use reqwest::Method as M;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::evaluation::{new_round, with_final_system};
use crate::support::participation::{account, call};
use crate::support::review::{co_chair, venue};
use crate::support::{TestApp, csrf_of, page_text};

/// Posts a file as evidence of item `code` through the entry page's form.
async fn upload(app: &TestApp, c: &reqwest::Client, entry_page: &str, code: &str, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let csrf = csrf_of(c, &app.at(entry_page)).await;
    let form = Form::new()
        .text("csrf", csrf)
        .part("evidence", Part::bytes(bytes).file_name(name.to_string()));
    let res = c
        .post(app.at(&format!("{entry_page}/report/{code}/evidence")))
        .header("accept-language", "en")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap_or_default())
}

fn statement_items(report: &Value) -> Vec<String> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "statement")
        .map(|i| i["indicator"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn chairs_report_with_evidence_until_applications_close_and_only_they_and_the_committee_read_it() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let r = new_round(&app, &staff, system).await;
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    venue(&app, "annual-2026").await;
    venue(&app, "other-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let other_chair = co_chair(&app, "other-2026", "chair@other.org").await.1;
    let (_, stranger) = account(&app, "stranger@example.org").await;
    let (st, e) = call(&chair, M::POST, format!("{round}/entries"), json!({"venue": "annual-2026"})).await;
    assert_eq!(st, 201, "{e}");
    let entry = e["id"].as_i64().unwrap();
    let report = format!("{round}/entries/{entry}/report");

    // The chair sees the system's self-reported indicators, none reported yet.
    let (st, rep) = call(&chair, M::GET, report.clone(), json!(null)).await;
    assert_eq!(
        (st, rep["editable"].as_bool(), rep["reported"].as_i64()),
        (200, Some(true), Some(0)),
        "{rep}"
    );
    let codes = statement_items(&rep);
    assert!(!codes.is_empty() && codes.len() == rep["items"].as_array().unwrap().len(), "{rep}");
    let code = codes[0].clone();

    // Nobody else reads it; the committee reads it but does not write a venue's report.
    for c in [&stranger, &other_chair] {
        assert_eq!(call(c, M::GET, report.clone(), json!(null)).await.0, 404);
        let (st, _) = call(c, M::PUT, format!("{report}/{code}"), json!({"statement": "x"})).await;
        assert_eq!(st, 404);
    }
    assert_eq!(call(&staff, M::GET, report.clone(), json!(null)).await.0, 200);
    let (st, _) = call(&staff, M::PUT, format!("{report}/{code}"), json!({"statement": "by the committee"})).await;
    assert_eq!(st, 403);

    // Bad figures and unknown items are refused; a good report is kept.
    let (st, err) = call(&chair, M::PUT, format!("{report}/{code}"), json!({"value": -5, "statement": "x"})).await;
    assert_eq!((st, err["fields"]["value"].is_string()), (422, true), "{err}");
    let (st, err) = call(&chair, M::PUT, format!("{report}/{code}"), json!({"statement": "长".repeat(4001)})).await;
    assert_eq!((st, err["fields"]["statement"].is_string()), (422, true), "{err}");
    assert_eq!(
        call(&chair, M::PUT, format!("{report}/no_such_item"), json!({"statement": "x"}))
            .await
            .0,
        404
    );
    let (st, rep) = call(
        &chair,
        M::PUT,
        format!("{report}/{code}"),
        json!({"value": 1200000, "statement": "央视与新华社报道，总覆盖 120 万人次。"}),
    )
    .await;
    assert_eq!((st, rep["reported"].as_i64()), (200, Some(1)), "{rep}");
    let item = rep["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"] == code)
        .unwrap()
        .clone();
    assert_eq!(
        (item["value"].as_f64(), item["statement"].as_str()),
        (Some(1_200_000.0), Some("央视与新华社报道，总覆盖 120 万人次。"))
    );

    // Evidence: a PDF is attached; a page that only calls itself a PDF is refused with the reason.
    let page = format!("/evaluation/demo-2026/entries/{entry}");
    let (st, _) = upload(
        &app,
        &chair,
        &page,
        &code,
        "coverage.pdf",
        xuehui::files::pdf::sample(1, "Coverage", None),
    )
    .await;
    assert_eq!(st, 303);
    let (st, html) = upload(&app, &chair, &page, &code, "trick.pdf", b"<html><script>alert(1)</script>".to_vec()).await;
    assert_eq!(st, 422);
    assert!(html.contains("Attach a PDF, an image"), "{html}");
    let (st, _) = upload(
        &app,
        &stranger,
        &page,
        &code,
        "x.pdf",
        xuehui::files::pdf::sample(1, "Coverage", None),
    )
    .await;
    assert_eq!(st, 404, "a stranger has no form and no upload");
    let (_, rep) = call(&chair, M::GET, report.clone(), json!(null)).await;
    let item = rep["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["indicator"] == code)
        .unwrap()
        .clone();
    assert_eq!(item["evidence"].as_array().unwrap().len(), 1, "{item}");
    let evidence = item["evidence"][0]["id"].as_i64().unwrap();
    assert_eq!(item["evidence"][0]["name"], "coverage.pdf");

    // The committee downloads it as an attachment of its true type; others get 404.
    let res = staff.get(app.at(&format!("{page}/evidence/{evidence}"))).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
    for c in [&stranger, &other_chair] {
        assert_eq!(
            c.get(app.at(&format!("{page}/evidence/{evidence}")))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
            404
        );
        let api = format!("{round}/entries/{entry}/evidence/{evidence}");
        assert_eq!(c.get(api).send().await.unwrap().status().as_u16(), 404);
    }
    // Evidence ids do not cross entries: the same id under the other conference is not found.
    let (_, other) = call(&staff, M::POST, format!("{round}/entries"), json!({"venue": "other-2026"})).await;
    let cross = format!("/evaluation/demo-2026/entries/{}/evidence/{evidence}", other["id"]);
    assert_eq!(other_chair.get(app.at(&cross)).send().await.unwrap().status().as_u16(), 404);

    // The page shows the item, its figure and its file, in both languages.
    let en = page_text(&app, &chair, &page, "en").await;
    assert!(
        en.contains("Self-report") && en.contains("1 of") && en.contains("coverage.pdf"),
        "{en}"
    );
    let zh = page_text(&app, &chair, &page, "zh-CN").await;
    assert!(zh.contains("自评材料") && zh.contains("证明材料"), "{zh}");

    // Removing evidence: not by others, then by the chair.
    assert_eq!(
        call(
            &stranger,
            M::DELETE,
            format!("{round}/entries/{entry}/evidence/{evidence}"),
            json!(null)
        )
        .await
        .0,
        404
    );
    let csrf = csrf_of(&chair, &app.at(&page)).await;
    let res = chair
        .post(app.at(&format!("{page}/evidence/{evidence}/remove")))
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, rep) = call(&chair, M::GET, report.clone(), json!(null)).await;
    assert!(
        rep["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["evidence"].as_array().unwrap().is_empty()),
        "{rep}"
    );

    // Once the committee freezes the metrics, the report is closed (and says so).
    let (st, _) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "metrics_frozen"})).await;
    assert_eq!(st, 200);
    let (st, err) = call(&chair, M::PUT, format!("{report}/{code}"), json!({"statement": "too late"})).await;
    assert_eq!((st, err["error"].as_str()), (409, Some("conflict")), "{err}");
    let (st, _) = upload(
        &app,
        &chair,
        &page,
        &code,
        "late.pdf",
        xuehui::files::pdf::sample(1, "Coverage", None),
    )
    .await;
    assert_eq!(st, 409);
    let en = page_text(&app, &chair, &page, "en").await;
    assert!(en.contains("Self-reports for this round are closed."), "{en}");
    assert!(en.contains("央视与新华社报道"), "the report stays readable: {en}");
}

#[tokio::test]
async fn the_committee_types_an_outside_conferences_figures_each_checked_against_its_unit() {
    let app = TestApp::new().await;
    let (staff, system) = with_final_system(&app).await;
    let r = new_round(&app, &staff, system).await;
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    venue(&app, "annual-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let (st, e) = call(
        &staff,
        M::POST,
        format!("{round}/entries"),
        json!({"name_zh": "省化学年会", "organiser": "省化学会", "held": "2026 年 5 月，杭州"}),
    )
    .await;
    assert_eq!(st, 201, "{e}");
    let entry = e["id"].as_i64().unwrap();
    let report = format!("{round}/entries/{entry}/report");
    let (st, rep) = call(&staff, M::GET, report.clone(), json!(null)).await;
    assert_eq!(
        (st, rep["outside"].as_bool(), rep["editable"].as_bool()),
        (200, Some(true), Some(true)),
        "{rep}"
    );
    let items = rep["items"].as_array().unwrap();
    let figure = |unit: &str| {
        items.iter().find(|i| i["unit"] == unit).unwrap()["indicator"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        items.iter().any(|i| i["kind"] == "statement"),
        "self-reported indicators too: {rep}"
    );
    let (share, rating, count) = (figure("share"), figure("rating"), figure("count"));

    // The chairs of a venue have nothing to do with it.
    assert_eq!(call(&chair, M::GET, report.clone(), json!(null)).await.0, 404);

    // Figures must fit their unit (the API takes shares as 0–1).
    for (code, value) in [
        (&share, json!(40)),
        (&rating, json!(0)),
        (&count, json!(12.5)),
        (&share, json!("many")),
    ] {
        let (st, err) = call(&staff, M::PUT, format!("{report}/{code}"), json!({ "value": value })).await;
        assert!(st == 422 || st == 400, "{code} {value}: {st} {err}");
    }
    let (st, _) = call(&staff, M::PUT, format!("{report}/{rating}"), json!({"value": 4.3})).await;
    assert_eq!(st, 200);

    // On the page a share is typed as a percentage.
    let page = format!("/evaluation/demo-2026/entries/{entry}");
    let csrf = csrf_of(&staff, &app.at(&page)).await;
    let res = staff
        .post(app.at(&format!("{page}/report/{share}")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("value", "37.5%"),
            ("statement", "From the organiser's report."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let res = staff
        .post(app.at(&format!("{page}/report/{count}")))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("value", "a few")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("This is not a number.") && html.contains("value=\"a few\""),
        "the page keeps what was typed"
    );
    let (_, rep) = call(&staff, M::GET, report.clone(), json!(null)).await;
    let got = |code: &str| rep["items"].as_array().unwrap().iter().find(|i| i["indicator"] == code).unwrap()["value"].as_f64();
    assert_eq!((got(&share), got(&rating)), (Some(0.375), Some(4.3)));
    let en = page_text(&app, &staff, &page, "en").await;
    assert!(en.contains("typed from the conference"), "marked as self-reported: {en}");

    // The committee may still correct it while the metrics are frozen, not once experts score.
    let (st, _) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "metrics_frozen"})).await;
    assert_eq!(st, 200);
    assert_eq!(
        call(&staff, M::PUT, format!("{report}/{rating}"), json!({"value": 4.4})).await.0,
        200
    );
    let (st, _) = call(&staff, M::POST, format!("{round}/phase"), json!({"phase": "scoring"})).await;
    assert_eq!(st, 200);
    assert_eq!(
        call(&staff, M::PUT, format!("{report}/{rating}"), json!({"value": 4.5})).await.0,
        409
    );
}
