//! The public page of an accepted paper (`/venues/{slug}/papers/{number}`): only a paper whose
//! acceptance has been told to its authors exists there, for anyone; everything else is 404,
//! authors of papers still under review are never named, and the PDF is served only where the
//! authors agreed.

use serde_json::json;

use crate::support::review::{consent, decide, id_of, notify_authors, person, submit_with, venue};
use crate::support::{TestApp, json_of, page_text};

async fn status(c: &reqwest::Client, url: String) -> u16 {
    c.get(url).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn only_accepted_papers_whose_authors_were_told_are_public_with_authors_and_an_agreed_pdf() {
    let app = TestApp::new().await;
    let chair = venue(&app, "pub").await;
    let _other = venue(&app, "pub-other").await;
    let li = "li.hua@pub-uni.edu.cn";
    let (_, author) = person(&app, li, "李华", "Uni A").await;
    // #1 accepted and told (Chinese title only), #2 rejected and told, #3 accepted but not
    // told, #4 undecided, #5 accepted and told, then withdrawn. Each has its own co-author.
    let mut ids = Vec::new();
    for (i, (co, email)) in [
        ("甲作者", "jia@pub-uni.edu.cn"),
        ("乙作者", "yi@pub-uni.edu.cn"),
        ("丙作者", "bing@pub-uni.edu.cn"),
        ("丁作者", "ding@pub-uni.edu.cn"),
        ("戊作者", "wu@pub-uni.edu.cn"),
    ]
    .into_iter()
    .enumerate()
    {
        let title = format!("公开论文测试{}", i + 1);
        let res = submit_with(
            &app,
            &author,
            "pub",
            &[("title_zh", &title), ("keywords", "开放获取")],
            &[("李华", li, "Uni A"), (co, email, "Uni B")],
            &[],
        )
        .await;
        assert_eq!(res.status(), 303);
        ids.push(id_of(&res));
    }
    let anon = app.client();
    let page = |n: i32| app.at(&format!("/venues/pub/papers/{n}"));
    for n in 1..=6 {
        assert_eq!(status(&anon, page(n)).await, 404, "#{n} before any decision is told");
    }
    for (i, label) in [(0, "accept_oral"), (1, "reject"), (4, "accept_poster")] {
        assert_eq!(decide(&app, &chair, ids[i], json!(label)).await.status(), 200);
    }
    notify_authors(&app, &chair, "pub").await;
    assert_eq!(decide(&app, &chair, ids[2], json!("accept_poster")).await.status(), 200);
    let res = author
        .post(app.at(&format!("/api/v1/submissions/{}/withdraw", ids[4])))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.status());

    // #1 is public for anyone, logged in or not, with its authors and affiliations.
    let (_, stranger) = person(&app, "someone@else.org", "路人", "").await;
    for c in [&anon, &stranger, &chair] {
        assert_eq!(status(c, page(1)).await, 200);
    }
    let en = page_text(&app, &anon, "/venues/pub/papers/1", "en").await;
    assert!(
        en.contains("id=\"paper-title\">公开论文测试1<"),
        "no English title: the Chinese one stands: {en}"
    );
    assert!(
        en.contains("李华") && en.contains("甲作者") && en.contains("Uni B"),
        "authors: {en}"
    );
    assert!(!en.contains(li) && !en.contains("jia@pub-uni.edu.cn"), "addresses are never shown");
    assert!(en.contains("Accept (oral)") && en.contains("开放获取") && en.contains("完善同行评议"));
    assert!(en.contains("href=\"/venues/pub\""), "links to its venue");
    let zh = page_text(&app, &anon, "/venues/pub/papers/1", "zh-CN").await;
    assert!(zh.contains("接收（口头报告）"), "the decision in the reader's language");

    // Rejected, decided but not told, undecided, withdrawn, unknown, another venue's: 404,
    // and nothing names their authors.
    for n in [2, 3, 4, 5, 99] {
        assert_eq!(status(&anon, page(n)).await, 404, "#{n}");
        assert_eq!(status(&stranger, page(n)).await, 404, "#{n}");
    }
    assert_eq!(status(&anon, app.at("/venues/pub-other/papers/1")).await, 404);
    assert_eq!(status(&anon, app.at("/venues/nowhere/papers/1")).await, 404);
    let v = page_text(&app, &anon, "/venues/pub", "en").await;
    assert!(
        v.contains("href=\"/venues/pub/papers/1\""),
        "the venue lists its accepted paper: {v}"
    );
    for n in 2..=5 {
        assert!(!v.contains(&format!("/venues/pub/papers/{n}\"")), "#{n} is not listed");
    }
    for name in ["乙作者", "丙作者", "丁作者", "戊作者"] {
        assert!(!v.contains(name), "{name} is not named on the venue page");
    }
    assert!(!page_text(&app, &anon, "/venues/pub-other", "en").await.contains("id=\"accepted\""));

    // The PDF: only where the authors agreed, and only for public papers.
    let pdf = |n: i32| app.at(&format!("/venues/pub/papers/{n}/paper.pdf"));
    assert_eq!(status(&anon, pdf(1)).await, 404, "not without the authors' agreement");
    assert!(en.contains("id=\"no-public-pdf\"") && !en.contains("id=\"public-pdf-link\""));
    assert_eq!(consent(&app, &stranger, ids[0], true).await, 404, "not an author");
    assert_eq!(
        consent(&app, &chair, ids[0], true).await,
        403,
        "the chairs cannot agree for the authors"
    );
    assert_eq!(status(&anon, pdf(1)).await, 404);
    for id in [ids[0], ids[1], ids[2], ids[3]] {
        assert_eq!(consent(&app, &author, id, true).await, 303);
    }
    let res = anon.get(pdf(1)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let public = res.bytes().await.unwrap();
    let file = {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::submissions::store::get(&mut conn, ids[0]).unwrap().pdf_file_id.unwrap()
    };
    let original = author
        .get(app.at(&format!("/submissions/{}/files/{file}", ids[0])))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        public, original,
        "the PDF as submitted (the current version), not a reviewer's copy"
    );
    assert!(
        page_text(&app, &anon, "/venues/pub/papers/1", "en")
            .await
            .contains("id=\"public-pdf-link\"")
    );
    for n in [2, 3, 4, 5] {
        assert_eq!(status(&anon, pdf(n)).await, 404, "#{n}: agreed, but not public");
    }
    // The authors may change their minds.
    let mine = page_text(&app, &author, &format!("/submissions/{}", ids[0]), "en").await;
    assert!(mine.contains("id=\"f-pdf-public\"") && mine.contains(" checked>"), "{mine}");
    assert!(
        mine.contains("href=\"/venues/pub/papers/1\""),
        "the authors' page links the public one"
    );
    assert_eq!(consent(&app, &author, ids[0], false).await, 303);
    assert_eq!(status(&anon, pdf(1)).await, 404);

    // The same through the API: the public record, and the consent by an author only.
    let api = |n: i32| app.at(&format!("/api/v1/venues/pub/papers/{n}"));
    let record = json_of(anon.get(api(1)).send().await.unwrap()).await;
    assert_eq!(
        (record["number"].as_i64(), record["pdf"].as_bool()),
        (Some(1), Some(false)),
        "{record}"
    );
    assert!(
        record["authors"][1]["name_zh"] == "甲作者" && !record.to_string().contains("@pub-uni.edu.cn"),
        "{record}"
    );
    for n in [2, 3, 4, 5, 99] {
        assert_eq!(status(&anon, api(n)).await, 404, "API #{n}");
    }
    let consent_api = |c: &reqwest::Client, body: serde_json::Value| {
        c.put(app.at(&format!("/api/v1/submissions/{}/public-pdf", ids[0])))
            .json(&body)
            .send()
    };
    assert_eq!(consent_api(&chair, json!({"public": true})).await.unwrap().status(), 403);
    assert_eq!(consent_api(&stranger, json!({"public": true})).await.unwrap().status(), 404);
    assert_eq!(consent_api(&author, json!({"public": "yes"})).await.unwrap().status(), 400);
    assert_eq!(consent_api(&author, json!({"public": true})).await.unwrap().status(), 200);
    assert_eq!(json_of(anon.get(api(1)).send().await.unwrap()).await["pdf"], true);
    assert_eq!(status(&anon, pdf(1)).await, 200);

    // Telling #3's authors makes it public; changing #1's decision hides it until told again.
    notify_authors(&app, &chair, "pub").await;
    assert_eq!(status(&anon, page(3)).await, 200);
    assert!(page_text(&app, &anon, "/venues/pub/papers/3", "en").await.contains("丙作者"));
    assert_eq!(decide(&app, &chair, ids[0], json!("reject")).await.status(), 200);
    assert_eq!(status(&anon, page(1)).await, 404, "a changed decision is not told yet");
    notify_authors(&app, &chair, "pub").await;
    assert_eq!(status(&anon, page(1)).await, 404, "rejected now");
}

#[tokio::test]
async fn an_accepted_paper_is_cited_as_a_paper_of_its_conference_in_every_format() {
    let app = TestApp::new().await;
    let chair = venue(&app, "cite").await;
    let li = "li.hua@cite-uni.edu.cn";
    let (_, author) = person(&app, li, "李华", "Uni A").await;
    let mut ids = Vec::new();
    for title in ["同行评议的公平性", "被拒稿的论文"] {
        let res = submit_with(
            &app,
            &author,
            "cite",
            &[
                ("title_zh", title),
                ("title_en", "Fairness in peer review"),
                ("keywords", "同行评议，公平"),
            ],
            &[("李华", li, "Uni A"), ("欧阳修", "ouyang@cite-uni.edu.cn", "Uni B")],
            &[],
        )
        .await;
        assert_eq!(res.status(), 303);
        ids.push(id_of(&res));
    }
    assert_eq!(decide(&app, &chair, ids[0], json!("accept_oral")).await.status(), 200);
    assert_eq!(decide(&app, &chair, ids[1], json!("reject")).await.status(), 200);
    notify_authors(&app, &chair, "cite").await;
    let anon = app.client();
    let v = json_of(anon.get(app.at("/api/v1/venues/cite")).send().await.unwrap()).await;
    let venue_zh = v["title_zh"].as_str().unwrap().to_string();

    // The API and the page carry the references; without proceedings, the conference is the
    // container.
    let p = json_of(anon.get(app.at("/api/v1/venues/cite/papers/1")).send().await.unwrap()).await;
    let gbt = p["cite"]["gbt7714"].as_str().unwrap();
    assert!(gbt.starts_with(&format!("李华, 欧阳修. 同行评议的公平性[C]//{venue_zh}.")), "{gbt}");
    assert!(p["citation"].is_null(), "no proceedings yet: {p}");
    assert!(
        p["cite"]["bibtex"].as_str().unwrap().contains("author = {李, 华 and 欧阳, 修}"),
        "{p}"
    );
    for lang in ["en", "zh-CN"] {
        let html = page_text(&app, &anon, "/venues/cite/papers/1", lang).await.replace("&#x2F;", "/");
        assert!(
            html.contains("id=\"cite-gbt\"") && html.contains("href=\"/venues/cite/papers/1/cite.ris\""),
            "{html}"
        );
    }

    // The files: no Latin names, so the key is the paper's place.
    let res = anon.get(app.at("/venues/cite/papers/1/cite.bib")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-disposition"].to_str().unwrap(),
        "attachment; filename=\"cite-1.bib\""
    );
    assert!(res.text().await.unwrap().starts_with("@inproceedings{cite-1,\n"));
    let ris = anon
        .get(app.at("/venues/cite/papers/1/cite.ris"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ris.starts_with("TY  - CPAPER\r\nAU  - 李, 华\r\nAU  - 欧阳, 修\r\n"), "{ris}");
    assert!(ris.contains("KW  - 同行评议\r\nKW  - 公平\r\n"), "{ris}");
    let csl = anon
        .get(app.at("/venues/cite/papers/1/cite.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    crate::support::formats::assert_json_valid(&crate::support::formats::vendored("csl/csl-data.json"), &csl, "CSL-JSON");
    let item: serde_json::Value = serde_json::from_str(&csl).unwrap();
    assert_eq!(
        (item[0]["type"].as_str(), item[0]["event-title"].as_str()),
        (Some("paper-conference"), Some(venue_zh.as_str()))
    );

    // A rejected, unknown or unsupported one is not found.
    for path in [
        "/venues/cite/papers/2/cite.bib",
        "/venues/cite/papers/9/cite.ris",
        "/venues/cite/papers/1/cite.doc",
    ] {
        assert_eq!(status(&anon, app.at(path)).await, 404, "{path}");
    }
}
