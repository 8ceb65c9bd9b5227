//! What people see on pages, whatever the language of the page and of the data.

use crate::support::review::scene;
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
