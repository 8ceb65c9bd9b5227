//! What people see on pages, whatever the language of the page and of the data.

use crate::support::review::{complete, put_review, scene};
use crate::support::{TestApp, page_text};

/// The scene's paper has a Chinese title only.
const TITLE: &str = "学术评价研究";

#[tokio::test]
async fn a_paper_titled_in_one_language_shows_that_title_on_every_page_of_the_other() {
    let app = TestApp::new().await;
    let s = scene(&app, "one-title").await;
    let slug = &s.slug;
    for (who, client, path) in [
        ("chair", &s.chair, format!("/venues/{slug}/submissions")),
        ("chair", &s.chair, format!("/venues/{slug}/decisions")),
        ("chair", &s.chair, format!("/venues/{slug}/assignment")),
        ("author", &s.author, "/dashboard".to_string()),
        ("author", &s.author, format!("/submissions/{}", s.paper)),
        ("reviewer", &s.reviewer_a.1, "/reviews".to_string()),
        ("reviewer", &s.reviewer_a.1, format!("/submissions/{}/review", s.paper)),
    ] {
        let html = page_text(&app, client, &path, "en").await;
        assert!(
            html.contains(TITLE),
            "{who} on {path} in English does not show the Chinese-only title"
        );
        assert!(
            !html.contains("\"></a>") && !html.contains("\"> </a>"),
            "{who} on {path} has a link without text"
        );
    }
}

#[tokio::test]
async fn scores_show_on_the_review_page_to_the_chair_the_area_chair_and_fellow_reviewers() {
    let app = TestApp::new().await;
    let s = scene(&app, "scores-shown").await;
    let res = put_review(&app, &s.reviewer_a.1, s.paper, complete(4, "Sound work."), true).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let res = put_review(&app, &s.reviewer_b.1, s.paper, complete(2, "Thin evidence."), true).await;
    assert_eq!(res.status(), 200);
    let path = format!("/submissions/{}/review", s.paper);
    let all = [
        "class=\"answer-overall\">4",
        "class=\"answer-overall\">2",
        "class=\"answer-confidence\">3",
    ];
    // The reviewer's own review is their form; the other one is shown with its scores.
    let others = ["class=\"answer-overall\">4", "class=\"answer-confidence\">3"];
    for (who, client, wanted) in [
        ("chair", &s.chair, &all[..]),
        ("area chair", &s.area_chair.1, &all[..]),
        ("reviewer", &s.reviewer_b.1, &others[..]),
    ] {
        for lang in ["en", "zh-CN"] {
            let html = page_text(&app, client, &path, lang).await;
            for want in wanted {
                assert!(html.contains(want), "{who} ({lang}) does not see {want}");
            }
        }
    }
}
