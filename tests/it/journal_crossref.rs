//! Crossref deposits: the office of a journal downloads a published issue's deposit, or one
//! article's, valid against the Crossref 5.4.0 schema; nobody else gets it, and nothing is
//! deposited before publication.

use serde_json::json;

use crate::support::formats::assert_crossref_valid;
use crate::support::journal::{article_of, new_issue, published, slug_of};
use crate::support::{TestApp, json_of, page_text};

#[actix_web::test]
async fn the_office_downloads_a_valid_deposit_of_a_published_issue_and_nobody_else_does() {
    let app = TestApp::new().await;
    let (o, author, ms, issue) = published(&app).await;
    let (article, doi) = article_of(&app, &author, ms).await;
    let slug = slug_of(&app, o.journal).await;
    let get = |c: &reqwest::Client, path: String| {
        let url = app.at(&path);
        let c = c.clone();
        async move { c.get(url).send().await.unwrap() }
    };
    let res = get(&o.chief, format!("/api/v1/issues/{issue}/crossref")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    let whole = res.text().await.unwrap();
    let res = get(&o.managing, format!("/api/v1/issues/{issue}/crossref?article={article}")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("article-{article}.xml")),
        "{:?}",
        res.headers()
    );
    let one = res.text().await.unwrap();
    let page = get(&o.chief, format!("/journals/{}/issues/{issue}/crossref.xml", o.journal)).await;
    assert_eq!(page.status(), 200);
    assert_crossref_valid(&[&whole, &one, &page.text().await.unwrap()]);
    for xml in [&whole, &one] {
        assert!(xml.contains(&format!("<doi>{doi}</doi>")), "{xml}");
        assert!(xml.contains(&format!("/j/{slug}/articles/{article}</resource>")), "{xml}");
        assert!(xml.contains("<title>Fairness in peer review</title>"), "{xml}");
        assert!(
            xml.contains("<surname>Li</surname>") && xml.contains("https://orcid.org/0000-0002-1825-0097"),
            "{xml}"
        );
        assert!(
            xml.contains("<first_page>101</first_page>") && xml.contains("<volume>3</volume>"),
            "{xml}"
        );
    }

    // The issue page offers it, in both languages.
    for lang in ["en", "zh-CN"] {
        let html = page_text(&app, &o.chief, &format!("/journals/{}/issues/{issue}", o.journal), lang)
            .await
            .replace("&#x2F;", "/");
        assert!(html.contains(&format!("/issues/{issue}/crossref.xml\"")), "{html}");
    }

    // Nobody outside the office gets it; another journal's address does not lead to it.
    for c in [&author, &o.stranger, &o.other_chief, &o.board] {
        let st = get(c, format!("/api/v1/issues/{issue}/crossref")).await.status();
        assert!(st == 403 || st == 404, "{st}");
    }
    let anon = app.client();
    assert_eq!(get(&anon, format!("/api/v1/issues/{issue}/crossref")).await.status(), 401);
    let st = get(&o.chief, format!("/journals/{}/issues/{issue}/crossref.xml", o.other_journal))
        .await
        .status();
    assert!(st == 403 || st == 404, "{st}");

    // A bad or foreign article is refused with a reason.
    let res = get(&o.chief, format!("/api/v1/issues/{issue}/crossref?article=first")).await;
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["article"].is_string());
    assert_eq!(
        get(&o.chief, format!("/api/v1/issues/{issue}/crossref?article=999")).await.status(),
        404
    );

    // Before publication there is nothing to deposit.
    let next = new_issue(&app, &o.chief, o.journal, json!({"volume": 3, "number": 3, "year": 2027})).await;
    let res = get(&o.chief, format!("/api/v1/issues/{next}/crossref")).await;
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("not published"));
}
