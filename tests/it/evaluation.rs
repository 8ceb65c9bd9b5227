//! Conference evaluation: platform metrics are computed from the conference's own records
//! (reviews that count, decisions told, conflicts, registrations, check-ins, the survey and
//! the published programme), each with what it was computed from or why it is missing.

use serde_json::json;
use xuehui::evaluation::metrics::{Figure, Metric, compute::compute};

use crate::support::TestApp;
use crate::support::review::{complete, decide, notify_authors, put_review, scene};

fn metrics(app: &TestApp, slug: &str) -> Vec<Figure> {
    let mut conn = app.state.db.conn().unwrap();
    let venue = xuehui::venues::store::by_slug(&mut conn, slug).unwrap();
    compute(&mut conn, &venue, chrono::Utc::now().naive_utc()).unwrap()
}

fn figure(all: &[Figure], m: Metric) -> &Figure {
    all.iter().find(|f| f.metric == m).unwrap()
}

#[tokio::test]
async fn the_review_metrics_count_what_authors_were_told_and_what_reviewers_wrote() {
    let app = TestApp::new().await;
    let s = scene(&app, "evm").await;
    // Before any decision the decision metrics say why they are missing.
    let before = metrics(&app, "evm");
    assert_eq!(figure(&before, Metric::Submissions).value, Some(1.0));
    let acc = figure(&before, Metric::AcceptanceRate);
    assert_eq!((acc.value, acc.missing.as_deref()), (None, Some("evaluation.missing_decisions")));
    // Two reviews: "方法可靠" (4) and "Needs a larger study." (4) reach the authors; the note
    // to the committee does not.
    for (_, c) in [&s.reviewer_a, &s.reviewer_b] {
        let res = put_review(&app, c, s.paper, complete(4, "方法可靠"), true).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }
    assert_eq!(decide(&app, &s.chair, s.paper, json!("accept_oral")).await.status(), 200);
    notify_authors(&app, &s.chair, "evm").await;
    let after = metrics(&app, "evm");
    let f = |m| figure(&after, m).value;
    assert_eq!(f(Metric::AcceptanceRate), Some(1.0));
    assert_eq!(f(Metric::ReviewersPerPaper), Some(2.0));
    assert_eq!(f(Metric::ReviewLength), Some(8.0));
    assert_eq!(f(Metric::Anonymity), Some(2.0), "double-blind");
    assert_eq!(f(Metric::ConflictsPerPaper), Some(1.0), "the scene's confirmed conflict");
    assert_eq!(f(Metric::DaysToDecision), Some(0.0), "told before the deadline counts as no delay");
    let rpp = figure(&after, Metric::ReviewersPerPaper);
    assert_eq!((rpp.numerator, rpp.denominator), (2.0, 1.0));
    // A reviewer taken off the paper no longer counts.
    let list: serde_json::Value = s
        .chair
        .get(app.at("/api/v1/venues/evm/assignments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["submission_id"] == s.paper && a["user_id"] == s.reviewer_b.0)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let res = s
        .chair
        .delete(app.at(&format!("/api/v1/venues/evm/assignments/{id}")))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    assert_eq!(figure(&metrics(&app, "evm"), Metric::ReviewersPerPaper).value, Some(1.0));
    // No earlier edition named; no journal articles yet (said, not invented).
    assert_eq!(figure(&after, Metric::EarlierEditions).value, Some(0.0));
    assert_eq!(
        figure(&after, Metric::CatalogueOutputs).missing.as_deref(),
        Some("evaluation.missing_articles")
    );
}

#[tokio::test]
async fn the_demo_conference_has_real_figures_for_every_metric_it_has_records_for() {
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let all = metrics(&app, "annual-2026");
    use Metric::*;
    for m in [
        Submissions,
        AcceptanceRate,
        ReviewersPerPaper,
        ReviewLength,
        Anonymity,
        DaysToDecision,
        DebateShare,
        Attendance,
        Satisfaction,
        InternationalAuthors,
        InternationalParticipants,
        YoungParticipants,
    ] {
        assert!(figure(&all, m).value.is_some(), "the demo has records for {m:?}");
    }
    for m in [
        AcceptanceRate,
        DebateShare,
        Attendance,
        InternationalAuthors,
        InternationalParticipants,
        YoungParticipants,
    ] {
        assert!(figure(&all, m).value.unwrap() <= 1.0, "{m:?} is a share");
    }
    let sat = figure(&all, Satisfaction).value.unwrap();
    assert!((1.0..=5.0).contains(&sat), "{sat}");
    for f in &all {
        if let Some(v) = f.value {
            assert!(v.is_finite() && v >= 0.0, "{f:?}");
        }
        assert_eq!(f.value.is_none(), f.missing.is_some(), "{f:?}");
    }
}

#[tokio::test]
async fn chairs_name_the_previous_edition_and_earlier_editions_are_counted_along_the_series() {
    let app = TestApp::new().await;
    // annual-a starts 2027-05-10 and is open.
    let chair = crate::support::review::venue(&app, "annual-a").await;
    let body = |slug: &str, starts: &str, previous: &str| {
        let mut b = crate::venues::venue_body(slug);
        b["starts_on"] = json!(starts);
        b["ends_on"] = json!(starts);
        b["previous_edition"] = json!(previous);
        b
    };
    let post = |b: serde_json::Value| chair.post(app.at("/api/v1/venues")).json(&b).send();
    // Refused: an unknown or draft venue, a later one, another kind.
    let res = post(body("annual-b", "2028-05-10", "no-such-venue")).await.unwrap();
    assert_eq!(res.status(), 422);
    let v: serde_json::Value = res.json().await.unwrap();
    assert!(v["fields"]["previous_edition"].is_string(), "{v}");
    let res = post(body("annual-b", "2026-05-10", "annual-a")).await.unwrap();
    assert_eq!(res.status(), 422, "the previous edition must start earlier");
    let mut salon = body("annual-b", "2028-05-10", "annual-a");
    salon["kind"] = json!("salon");
    assert_eq!(post(salon).await.unwrap().status(), 422, "same kind only");
    // Accepted, and counted: annual-c follows annual-b, which follows annual-a.
    let res = post(body("annual-b", "2028-05-10", "annual-a")).await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let deadline = crate::support::review::local(chrono::Duration::days(7));
    let res = chair
        .put(app.at("/api/v1/venues/annual-b/call"))
        .json(&json!({"paper_deadline": deadline, "anonymity": "double_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    crate::support::review::open_call(&app, &chair, "annual-b").await;
    let res = post(body("annual-c", "2029-05-10", "annual-b")).await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    assert_eq!(figure(&metrics(&app, "annual-c"), Metric::EarlierEditions).value, Some(2.0));
    assert_eq!(figure(&metrics(&app, "annual-a"), Metric::EarlierEditions).value, Some(0.0));
    // No loop: annual-a cannot name annual-c (which comes after it) as its previous edition.
    let mut a = body("annual-a", "2027-05-10", "annual-c");
    a["starts_on"] = json!("2030-05-10");
    a["ends_on"] = json!("2030-05-10");
    let res = chair.put(app.at("/api/v1/venues/annual-a")).json(&a).send().await.unwrap();
    assert_eq!(res.status(), 422, "{}", res.text().await.unwrap());
    // The venue page links the previous edition; the edit form shows it.
    let page = crate::support::page_text(&app, &app.client(), "/venues/annual-b", "en").await;
    assert!(
        page.contains("Previous edition") && page.contains("href=\"/venues/annual-a\""),
        "{page}"
    );
}
