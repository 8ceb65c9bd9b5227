//! Evaluation reports: a conference's report (scores, radar, each indicator in the round's
//! spread, the expert comments the committee released, recommendations; page and PDF) and
//! the round's report (ranking, distributions, method). The committee reads them from the
//! proposal on; a conference's chairs read their own from the public notice on, and nobody
//! else's; experts and strangers read none.

use reqwest::Method as M;
use serde_json::{Value, json};

use crate::support::evaluation::{round_body, with_final_system};
use crate::support::participation::{account, call};
use crate::support::review::{co_chair, venue};
use crate::support::{TestApp, csrf_of, page_text, pdf_text};

struct Scene {
    app: TestApp,
    round: String,
    staff: reqwest::Client,
    chair: reqwest::Client,
    experts: [(i64, reqwest::Client); 2],
    stranger: reqwest::Client,
    annual: i64,
    other: i64,
    outside: i64,
}

impl Scene {
    async fn phase(&self, phase: &str) {
        let (st, r) = call(&self.staff, M::POST, format!("{}/phase", self.round), json!({"phase": phase})).await;
        assert_eq!(st, 200, "{r}");
    }

    async fn report(&self, c: &reqwest::Client, entry: i64) -> (u16, Value) {
        call(c, M::GET, format!("{}/results/{entry}", self.round), json!(null)).await
    }
}

/// Three conferences (two held in xuehui, one outside), two experts who scored and commented
/// on all three; the round is at expert scoring.
async fn scene() -> Scene {
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
    let round = app.at(&format!("/api/v1/evaluation/rounds/{}", r["id"]));
    venue(&app, "annual-2026").await;
    venue(&app, "other-2026").await;
    let chair = co_chair(&app, "annual-2026", "chair@annual.org").await.1;
    let experts = [account(&app, "e1@uni.edu.cn").await, account(&app, "e2@uni.edu.cn").await];
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
    let s = Scene {
        round,
        staff,
        chair,
        experts,
        stranger,
        annual: a["id"].as_i64().unwrap(),
        other: o["id"].as_i64().unwrap(),
        outside: x["id"].as_i64().unwrap(),
        app,
    };
    s.phase("metrics_frozen").await;
    s.phase("scoring").await;
    let (_, b) = call(&s.experts[0].1, M::GET, format!("{}/ballot", s.round), json!(null)).await;
    let codes: Vec<String> = b["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect();
    for (n, (_, e)) in s.experts.iter().enumerate() {
        for (entry, level) in [(s.annual, 5), (s.other, 2), (s.outside, 3)] {
            let levels: serde_json::Map<String, Value> = codes.iter().map(|c| (c.clone(), json!(level))).collect();
            let comment = format!("专家{}评语：第{entry}号会议组织严谨。", n + 1);
            let (st, r) = call(
                e,
                M::PUT,
                format!("{}/ballot/{entry}", s.round),
                json!({"levels": levels, "comment": comment}),
            )
            .await;
            assert_eq!(st, 200, "{r}");
        }
    }
    s
}

#[tokio::test]
async fn the_committee_releases_comments_and_writes_recommendations_and_each_chair_reads_only_their_own_report_from_the_notice() {
    let s = scene().await;
    let (annual, round) = (s.annual, s.round.clone());
    // No report before the proposal, not even for the committee.
    assert_eq!(s.report(&s.staff, annual).await.0, 404);
    let release = |n: usize| format!("{round}/results/{annual}/comments/{n}");
    assert_eq!(
        call(&s.staff, M::PUT, release(1), json!({"released": true})).await.0,
        409,
        "nothing to release into before the proposal"
    );
    s.phase("proposal").await;

    // The committee sees every comment, numbered, none released yet, and never a name.
    let (st, rep) = s.report(&s.staff, annual).await;
    assert_eq!(st, 200, "{rep}");
    assert_eq!((rep["committee"].as_bool(), rep["rank"].as_i64()), (Some(true), Some(1)), "{rep}");
    let comments = rep["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{rep}");
    assert!(comments.iter().all(|c| c["released"] == false));
    assert!(!rep.to_string().contains("e1@uni.edu.cn") && !rep.to_string().contains("expert_id"));
    assert_eq!(rep["dimensions"].as_array().unwrap().len(), 6);
    assert!(rep["spreads_shown"].as_bool().unwrap(), "the committee sees every spread");
    // Before the notice, the chairs, the experts and strangers read nothing.
    for c in [&s.chair, &s.experts[0].1, &s.stranger] {
        assert_eq!(s.report(c, annual).await.0, 404);
    }

    // Releasing: the committee only, by number; an unknown number is 404.
    let first = comments[0]["text"].as_str().unwrap().to_string();
    let second = comments[1]["text"].as_str().unwrap().to_string();
    assert_eq!(call(&s.chair, M::PUT, release(1), json!({"released": true})).await.0, 404);
    assert_eq!(call(&s.staff, M::PUT, release(9), json!({"released": true})).await.0, 404);
    let (st, e) = call(&s.staff, M::PUT, release(1), json!({"released": "yes"})).await;
    assert_eq!((st, e["message"].as_str().unwrap_or("").contains("boolean")), (400, true), "{e}");
    let (st, rep) = call(&s.staff, M::PUT, release(1), json!({"released": true})).await;
    assert_eq!((st, rep["comments"][0]["released"].as_bool()), (200, Some(true)), "{rep}");

    // Recommendations: checked like any text, then kept.
    let rec = format!("{round}/results/{annual}/recommendations");
    let (st, e) = call(&s.staff, M::PUT, rec.clone(), json!({"text_zh": "加强\u{202e}国际合作"})).await;
    assert_eq!((st, e["fields"]["text_zh"].is_string()), (422, true), "{e}");
    let (st, e) = call(&s.staff, M::PUT, rec.clone(), json!({"text_en": "x".repeat(4001)})).await;
    assert_eq!((st, e["fields"]["text_en"].is_string()), (422, true), "{e}");
    assert_eq!(call(&s.chair, M::PUT, rec.clone(), json!({"text_zh": "自己写"})).await.0, 404);
    let (st, rep) = call(
        &s.staff,
        M::PUT,
        rec,
        json!({"text_zh": "建议加强国际合作，扩大青年学者报告比例。"}),
    )
    .await;
    assert_eq!(
        (st, rep["recommendations_zh"].as_str()),
        (200, Some("建议加强国际合作，扩大青年学者报告比例。"))
    );

    // From the notice on, the chairs read their own report: released comments only.
    s.phase("notice").await;
    let (st, mine) = s.report(&s.chair, annual).await;
    assert_eq!(st, 200, "{mine}");
    assert_eq!(mine["committee"].as_bool(), Some(false));
    let texts: Vec<&str> = mine["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, [first.as_str()], "only the released comment: {mine}");
    // Three conferences are too few to show another's indicator figures.
    assert!(!mine["spreads_shown"].as_bool().unwrap());
    assert!(
        mine["indicators"].as_array().unwrap().iter().all(|i| i["spread"].is_null()),
        "{mine}"
    );
    // Nobody else's report, nor the outside conference's.
    for entry in [s.other, s.outside] {
        assert_eq!(s.report(&s.chair, entry).await.0, 404);
    }
    for c in [&s.experts[0].1, &s.stranger] {
        assert_eq!(s.report(c, annual).await.0, 404);
    }
    assert_eq!(s.report(&s.app.client(), annual).await.0, 401);

    // The page and the PDF say the same in the reader's language; English falls back to the
    // Chinese recommendations rather than showing nothing.
    let zh = page_text(&s.app, &s.chair, &format!("/evaluation/demo-2026/results/{annual}"), "zh-CN").await;
    assert!(
        zh.contains("评估报告") && zh.contains("建议加强国际合作") && zh.contains(&first),
        "{zh}"
    );
    assert!(!zh.contains(&second), "a withheld comment stays out of the page");
    assert!(zh.contains("<svg") && zh.contains("本轮中位数"), "the radar is drawn");
    let en = page_text(&s.app, &s.chair, &format!("/evaluation/demo-2026/results/{annual}"), "en").await;
    assert!(en.contains("Evaluation report") && en.contains("建议加强国际合作"), "{en}");
    let res = s
        .chair
        .get(s.app.at(&format!("/evaluation/demo-2026/results/{annual}.pdf")))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf) {
        let flat: String = text.split_whitespace().collect();
        assert!(flat.contains("建议加强国际合作") && flat.contains("专家意见"), "{text}");
        assert!(
            !flat.contains(&second.replace(' ', "")),
            "a withheld comment stays out of the PDF: {text}"
        );
    }
    let res = s
        .stranger
        .get(s.app.at(&format!("/evaluation/demo-2026/results/{annual}.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "the PDF is guarded like the page");
}

#[tokio::test]
async fn the_round_report_is_public_from_the_notice_and_a_comment_leaves_with_its_expert() {
    let s = scene().await;
    let report = format!("{}/report", s.round);
    s.phase("proposal").await;
    assert_eq!(call(&s.stranger, M::GET, report.clone(), json!(null)).await.0, 404);
    let (st, rep) = call(&s.staff, M::GET, report.clone(), json!(null)).await;
    assert_eq!(st, 200, "{rep}");
    assert_eq!(
        (rep["method"]["experts"].as_i64(), rep["method"]["outside"].as_i64()),
        (Some(2), Some(1)),
        "{rep}"
    );
    let counted: i64 = rep["grades"].as_array().unwrap().iter().map(|g| g["count"].as_i64().unwrap()).sum();
    assert_eq!(counted, 3);
    assert_eq!(
        rep["histogram"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_i64().unwrap())
            .sum::<i64>(),
        3
    );

    // An expert taken off the panel takes their scores and comment with them; the other
    // comment keeps its number.
    let e1 = s.experts[0].0;
    let (st, _) = call(&s.staff, M::DELETE, format!("{}/panel/{e1}?role=expert", s.round), json!(null)).await;
    assert_eq!(st, 204);
    let (_, rep) = s.report(&s.staff, s.annual).await;
    let numbers: Vec<i64> = rep["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [2], "{rep}");
    assert_eq!(
        call(
            &s.staff,
            M::PUT,
            format!("{}/results/{}/comments/1", s.round, s.annual),
            json!({"released": true})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        call(&s.experts[0].1, M::GET, format!("{}/ballot", s.round), json!(null)).await.0,
        404
    );
    let (_, rep) = call(&s.staff, M::GET, report.clone(), json!(null)).await;
    assert_eq!(rep["method"]["experts"].as_i64(), Some(1));

    s.phase("notice").await;
    let anon = s.app.client();
    let (st, public) = call(&anon, M::GET, report, json!(null)).await;
    assert_eq!(st, 200, "{public}");
    assert!(
        public["results"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["cells"].as_array().unwrap().is_empty()),
        "no indicator scores in public: {public}"
    );
    let zh = page_text(&s.app, &anon, "/evaluation/demo-2026/report", "zh-CN").await;
    assert!(
        zh.contains("本轮评估报告") && zh.contains("方法说明") && zh.contains("<svg"),
        "{zh}"
    );
    let en = page_text(&s.app, &anon, "/evaluation/demo-2026/report", "en").await;
    assert!(en.contains("Round report") && en.contains("Rank ranges"), "{en}");

    // The committee works on the page too: release and recommendations by form.
    let path = format!("/evaluation/demo-2026/results/{}", s.annual);
    let csrf = csrf_of(&s.staff, &s.app.at(&path)).await;
    let res = s
        .staff
        .post(s.app.at(&format!("{path}/recommendations")))
        .form(&[("csrf", csrf.as_str()), ("text_zh", "加强\u{202e}"), ("text_en", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("aria-invalid"));
    let res = s
        .staff
        .post(s.app.at(&format!("{path}/comments/2")))
        .form(&[("csrf", csrf.as_str()), ("released", "yes")])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection() || res.status() == 200, "{}", res.status());
    let (_, rep) = s.report(&s.chair, s.annual).await;
    assert_eq!(rep["comments"].as_array().unwrap().len(), 1, "{rep}");
}
