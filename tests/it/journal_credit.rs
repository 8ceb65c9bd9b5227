//! Reviewer credit: a reviewer's page lists their completed journal reviews per journal, and
//! each journal's certificate is a PDF in both languages that names no manuscript title;
//! reviewers without an account get theirs through their personal link. Nobody gets
//! another's.

use serde_json::json;

use crate::support::catalogue::account;
use crate::support::journal::{another_under_review, invite_reviewer, review_token, reviewed, send_json, under_review};
use crate::support::{TestApp, json_of, page_text, pdf_text};

#[tokio::test]
async fn a_reviewer_lists_completed_reviews_and_downloads_a_bilingual_certificate() {
    let app = TestApp::new().await;
    let (o, author, ms) = under_review(&app).await;
    let (_, ada) = account(&app, "ada@rev.example").await;
    let done = reviewed(&app, &o, ms, "ada@rev.example", "Clear and sound.").await;
    // A second invitation she accepted but has not reviewed yet: no credit for it.
    let other = another_under_review(&app, &o, "wu@uni.example", "Another manuscript").await;
    let (s, _) = invite_reviewer(&app, &o.chief, other, json!({"email": "ada@rev.example", "name": "Ada Reviewer"})).await;
    assert_eq!(s, 201);
    let pending = review_token(&app, "ada@rev.example");
    let anon = app.client();
    let (s, _) = send_json(anon.post(app.at(&format!("/api/v1/review-invitations/{pending}/accept")))).await;
    assert_eq!(s, 200);

    let credit = json_of(ada.get(app.at("/api/v1/me/review-credit")).send().await.unwrap()).await;
    let journals = credit.as_array().unwrap();
    assert_eq!(journals.len(), 1, "{credit}");
    assert_eq!(journals[0]["journal_id"], o.journal);
    assert_eq!(journals[0]["count"], 1);
    let m = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{ms}"))).send().await.unwrap()).await;
    let number = m["number"].as_i64().unwrap();
    assert_eq!(journals[0]["reviews"][0]["number"], number);
    let title = m["title_en"].as_str().unwrap().to_string();
    assert_eq!(journals[0]["reviews"][0]["title_en"], title.as_str());

    // The page, in both languages, links the certificate; the dashboard links the page.
    let title_zh = m["title_zh"].as_str().unwrap().to_string();
    for (lang, heading, shown) in [("en", "My completed reviews", &title), ("zh", "我完成的审稿", &title_zh)] {
        let text = page_text(&app, &ada, "/me/reviews", lang).await;
        assert!(text.contains(heading) && text.contains(shown.as_str()), "{lang}: {text}");
    }
    let html = ada.get(app.at("/me/reviews")).send().await.unwrap().text().await.unwrap();
    let link = format!("/me/reviews/{}/certificate.pdf", o.journal);
    assert!(html.contains(&link), "{html}");
    let dashboard = ada.get(app.at("/dashboard")).send().await.unwrap().text().await.unwrap();
    assert!(dashboard.contains("href=\"/me/reviews\""));

    let res = ada.get(app.at(&link)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let text = pdf_text(&res.bytes().await.unwrap()).expect("a readable PDF");
    for expected in ["审稿证明", "Certificate of Reviewing", "Test ada@rev.example", "1 review", "核验码"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(text.contains(&number.to_string()));
    assert!(
        !text.contains(&title) && !text.contains(&title_zh),
        "no manuscript title on the certificate: {text}"
    );

    // The personal link's certificate: once the review is in, and only for that link.
    let res = anon.get(app.at(&format!("/review/{done}/certificate.pdf"))).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "no-store");
    let text = pdf_text(&res.bytes().await.unwrap()).unwrap();
    assert!(text.contains("Ada Reviewer"), "{text}");
    for path in [
        format!("/review/{pending}/certificate.pdf"),
        "/review/not-a-token/certificate.pdf".to_string(),
    ] {
        assert_eq!(anon.get(app.at(&path)).send().await.unwrap().status(), 404, "{path}");
    }
    let page = anon
        .get(app.at(&format!("/review/{done}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("/review/{done}/certificate.pdf")),
        "the review page links it"
    );

    // Nobody else has credit here, nor gets Ada's certificate.
    assert_eq!(
        json_of(author.get(app.at("/api/v1/me/review-credit")).send().await.unwrap()).await,
        json!([])
    );
    assert_eq!(author.get(app.at(&link)).send().await.unwrap().status(), 404);
    assert_eq!(o.chief.get(app.at(&link)).send().await.unwrap().status(), 404);
    let none = page_text(&app, &author, "/me/reviews", "en").await;
    assert!(none.contains("No completed journal reviews yet"), "{none}");
    assert_eq!(anon.get(app.at("/api/v1/me/review-credit")).send().await.unwrap().status(), 401);
    let res = anon.get(app.at("/me/reviews")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fme%2Freviews");
}
