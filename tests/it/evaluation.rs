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
    // No series and no journal articles yet: said, not invented.
    assert_eq!(
        figure(&after, Metric::EarlierEditions).missing.as_deref(),
        Some("evaluation.missing_series")
    );
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
