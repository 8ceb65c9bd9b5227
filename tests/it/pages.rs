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

#[tokio::test]
async fn once_told_the_decision_authors_see_it_the_reviews_it_came_with_and_can_no_longer_edit() {
    use crate::support::review::{decide, notify_authors, revise_pdf};
    let app = TestApp::new().await;
    let s = scene(&app, "told").await;
    let res = put_review(&app, &s.reviewer_a.1, s.paper, complete(5, "A fine study of peer review."), true).await;
    assert_eq!(res.status(), 200);
    let res = decide(&app, &s.chair, s.paper, serde_json::json!("accept_oral")).await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    // Decided but not yet told: the author still sees a paper under review.
    let before = page_text(&app, &s.author, &format!("/submissions/{}", s.paper), "en").await;
    assert!(before.contains("reviews-not-released"));
    notify_authors(&app, &s.chair, &s.slug).await;
    let mail = app.last_mail_to(&format!("li.hua@{}-uni.edu.cn", s.slug)).expect("decision mail").1;
    assert!(mail.contains("A fine study of peer review."), "the mail carries the review");
    for lang in ["en", "zh-CN"] {
        let page = page_text(&app, &s.author, &format!("/submissions/{}", s.paper), lang).await;
        assert!(
            !page.contains("reviews-not-released"),
            "{lang}: the page hides reviews the mail sent"
        );
        assert!(page.contains("A fine study of peer review."), "{lang}: review text missing");
        let badge = page.split("id=\"status\">").nth(1).unwrap().split('<').next().unwrap();
        assert!(
            !badge.is_empty() && badge != "submitted" && badge != "已投稿",
            "{lang}: status badge reads {badge:?}"
        );
        let dash = page_text(&app, &s.author, "/dashboard", lang).await;
        assert!(
            !dash.contains("can still be edited") && !dash.contains("仍可修改"),
            "{lang}: dashboard offers editing"
        );
    }
    let authors = [
        ("李华", &*format!("li.hua@{}-uni.edu.cn", s.slug), "Uni A"),
        ("王芳", &*format!("wang.fang@{}-uni.edu.cn", s.slug), "Uni A"),
    ];
    let res = s
        .author
        .get(app.at(&format!("/submissions/{}/edit", s.paper)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "the form of a decided paper is not offered");
    assert_eq!(res.headers()["location"], format!("/submissions/{}", s.paper).as_str());
    let page = page_text(&app, &s.author, &format!("/submissions/{}", s.paper), "en").await;
    assert!(
        page.contains("told the decision") || page.contains("已通知作者"),
        "the page says why: {page}"
    );
    let res = revise_pdf(&app, &s.author, s.paper, &authors, xuehui::files::pdf::sample(2, "late", None)).await;
    assert_eq!(res.status(), 409, "a decided paper was revised");
    let body = res.text().await.unwrap();
    assert!(body.contains("told the decision") || body.contains("已通知作者"), "{body}");
}

#[tokio::test]
async fn countries_and_languages_read_as_words_in_the_readers_language_and_filter_by_name() {
    use crate::support::catalogue::{field, issn, journal, journal_body, organiser};
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@names.example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    let body = journal_body("Journal of Tests", &issn(1), "DE", &["de", "en"], "basic", &["computing"]);
    let id = journal(&app, &org, body).await;
    let anon = app.client();
    let zh = page_text(&app, &anon, &format!("/journals/{id}"), "zh-CN").await;
    assert!(zh.contains("德国") && zh.contains("德语、英语"), "{zh}");
    let en = page_text(&app, &anon, &format!("/journals/{id}"), "en").await;
    assert!(en.contains("Germany") && en.contains("German, English"));
    let list = page_text(&app, &anon, "/journals", "zh-CN").await;
    assert!(
        list.contains(">德国</option>") && list.contains("<td>德国</td>"),
        "the filter and the table name the country"
    );
    assert!(list.contains(">德语</option>"), "the language filter names the language");
}

#[tokio::test]
async fn exports_speak_the_readers_language_carry_decisions_and_scores_and_leave_withdrawn_papers_out_of_the_zip() {
    use crate::support::review::decide;
    use std::io::Read;
    let app = TestApp::new().await;
    let s = scene(&app, "exports").await;
    put_review(&app, &s.reviewer_a.1, s.paper, complete(4, "Good."), true).await;
    put_review(&app, &s.reviewer_b.1, s.paper, complete(2, "Weak."), true).await;
    assert!(
        decide(&app, &s.chair, s.paper, serde_json::json!("accept_oral"))
            .await
            .status()
            .is_success()
    );
    let get = |path: &'static str, lang: &'static str| {
        s.chair
            .get(app.at(&format!("/venues/exports/{path}")))
            .header("accept-language", lang)
            .send()
    };
    let zh = get("submissions.csv", "zh-CN").await.unwrap().text().await.unwrap();
    let mut lines = zh.lines();
    let header = lines.next().unwrap();
    assert!(
        header.contains("录用结果") && header.contains("平均分") && !header.contains("title_zh"),
        "{header}"
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains("接收（口头报告）") && row.contains(",3,") && row.contains("已投稿"),
        "{row}"
    );
    let en = get("submissions.csv", "en").await.unwrap().text().await.unwrap();
    assert!(en.lines().next().unwrap().contains("Mean score") && en.contains("Accept (oral)"));

    let xlsx = get("submissions.xlsx", "en").await.unwrap().bytes().await.unwrap();
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let mut sheet = String::new();
    book.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains(r#"<c r="A2"><v>1</v></c>"#) || sheet.contains(r#"<c r="A2" s="0"><v>1</v></c>"#),
        "the paper number is a number: {sheet}"
    );

    // Withdrawn papers stay in the table but not in the zip of PDFs.
    let res = s
        .author
        .post(app.at(&format!("/api/v1/submissions/{}/withdraw", s.paper)))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let zip_bytes = get("submissions.zip", "en").await.unwrap().bytes().await.unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes.to_vec())).unwrap();
    assert_eq!(zip.len(), 0, "a withdrawn paper's PDF was exported");
}

#[tokio::test]
async fn the_review_page_shows_the_review_deadline_and_a_failed_submit_lists_what_to_fix_at_the_top() {
    use crate::support::csrf_of;
    use crate::support::review::set_phase;
    let app = TestApp::new().await;
    let s = scene(&app, "review-help").await;
    let due = crate::support::review::local(chrono::Duration::days(10));
    let res = set_phase(&app, &s, serde_json::json!({"review_deadline": due})).await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());
    let path = format!("/submissions/{}/review", s.paper);
    let html = page_text(&app, &s.reviewer_a.1, &path, "en").await;
    assert!(
        html.contains("id=\"review-deadline\"") && html.contains("Review deadline"),
        "no deadline shown"
    );
    // Submitting an empty review names every missing answer above the page's content.
    let csrf = csrf_of(&s.reviewer_a.1, &app.at(&path)).await;
    let res = s
        .reviewer_a
        .1
        .post(app.at(&path))
        .header("accept-language", "en")
        .form(&[("csrf", csrf.as_str()), ("action", "submit"), ("a_summary", "Only a summary.")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    let top = html.split("id=\"review-errors\"").nth(1).expect("an error summary");
    let summary = top.split("</div>").next().unwrap();
    assert!(
        summary.contains("href=\"#a_overall\"") && summary.contains("href=\"#a_confidence\""),
        "{summary}"
    );
    assert!(
        html.find("id=\"review-errors\"").unwrap() < html.find("id=\"paper\"").unwrap(),
        "the summary is at the top"
    );
    assert!(html.contains("Only a summary."), "what was typed is kept");
}

#[tokio::test]
async fn a_chair_dismisses_a_flood_of_suggested_conflicts_in_one_step_and_single_answers_return_to_the_row() {
    use crate::support::{csrf_of, json_of};
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    let chair = app.client();
    app.page_login(&chair, "organiser@xuehui.example", xuehui::demo::DEMO_PASSWORD)
        .await;
    let res = chair
        .post(app.at("/api/v1/venues/annual-2026/conflicts/detect"))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let listed = |status: &'static str| {
        let url = app.at(&format!("/api/v1/venues/annual-2026/conflicts?status={status}"));
        let req = chair.get(url).send();
        async move { json_of(req.await.unwrap()).await }
    };
    let list = listed("suggested").await;
    let ids: Vec<i64> = list.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert!(ids.len() >= 3, "the demo suggests several conflicts: {list}");
    let csrf = csrf_of(&chair, &app.at("/venues/annual-2026/conflicts")).await;

    // One answer goes back to its row.
    let res = chair
        .post(app.at(&format!("/venues/annual-2026/conflicts/{}/confirm", ids[0])))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["location"],
        format!("/venues/annual-2026/conflicts#conflict-{}", ids[0]).as_str()
    );

    // The rest in one go.
    let mut form = vec![("csrf".to_string(), csrf.clone()), ("status".to_string(), "dismissed".to_string())];
    form.extend(ids[1..].iter().map(|id| ("ids".to_string(), id.to_string())));
    let res = chair
        .post(app.at("/venues/annual-2026/conflicts/bulk"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let left = listed("suggested").await;
    assert_eq!(left.as_array().unwrap().len(), 0, "{left}");

    // Nothing ticked says so; a made-up answer is refused by name and changes nothing.
    let bulk = app.at("/venues/annual-2026/conflicts/bulk");
    let res = chair
        .post(&bulk)
        .form(&[("csrf", csrf.as_str()), ("status", "confirmed")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = page_text(&app, &chair, "/venues/annual-2026/conflicts", "en").await;
    assert!(
        page.contains("Tick") || page.contains("勾选"),
        "the page says nothing was ticked: {page}"
    );
    let res = chair
        .post(&bulk)
        .form(&[("csrf", csrf.as_str()), ("status", "maybe"), ("ids", &ids[1].to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(listed("dismissed").await.as_array().unwrap().len(), ids.len() - 1);
    let dismissed = listed("dismissed").await;
    assert_eq!(dismissed.as_array().unwrap().len(), ids.len() - 1);

    // Another venue's chair cannot use the bulk form on this venue.
    let (_, stranger) = crate::support::review::person(&app, "stranger@elsewhere.org", "外人", "Elsewhere").await;
    let csrf = csrf_of(&stranger, &app.at("/")).await;
    let res = stranger
        .post(app.at("/venues/annual-2026/conflicts/bulk"))
        .form(&[("csrf", csrf.as_str()), ("status", "confirmed"), ("ids", &ids[1].to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn an_assignment_proposal_names_each_paper_in_the_readers_language() {
    use crate::support::json_of;
    use crate::support::review::{id_of, join, person, submit_with, venue};
    let app = TestApp::new().await;
    let chair = venue(&app, "two-titles").await;
    for e in ["r1@two-lab.org", "r2@two-lab.org", "r3@two-lab.org"] {
        let (_, c) = person(&app, e, "审稿人", "Lab").await;
        join(&app, &chair, "two-titles", e, &c).await;
    }
    let (_, author) = person(&app, "li@two-uni.edu.cn", "李华", "Uni A").await;
    let mut ids = Vec::new();
    for title in [
        [("title_zh", TITLE), ("title_en", "")],
        [("title_zh", "双语论文"), ("title_en", "A Bilingual Paper")],
    ] {
        let res = submit_with(&app, &author, "two-titles", &title, &[("李华", "li@two-uni.edu.cn", "Uni A")], &[]).await;
        assert_eq!(res.status(), 303);
        ids.push(id_of(&res));
    }
    let propose = || {
        chair
            .post(app.at("/api/v1/venues/two-titles/assignment-runs"))
            .json(&serde_json::json!({"mode": "max_total"}))
            .send()
    };
    // With too few reviewers, the reasons name the papers in each language's own title.
    let (_, c) = person(&app, "r4@two-lab.org", "审稿人", "Lab").await;
    let mut s = json_of(chair.get(app.at("/api/v1/venues/two-titles/review-settings")).send().await.unwrap()).await;
    s["reviewers_per_paper"] = serde_json::json!(4);
    assert_eq!(
        chair
            .put(app.at("/api/v1/venues/two-titles/review-settings"))
            .json(&s)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let run = json_of(propose().await.unwrap()).await;
    assert_eq!(run["status"], "infeasible", "{run}");
    let reasons = run["proposal"]["reasons"].to_string();
    assert!(
        reasons.contains("paper #2 A Bilingual Paper") && reasons.contains("论文 #2 双语论文"),
        "{reasons}"
    );
    join(&app, &chair, "two-titles", "r4@two-lab.org", &c).await;
    let res = propose().await.unwrap();
    assert_eq!(res.status(), 201);
    let run = json_of(res).await;
    let proposed = run["proposal"]["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == ids[1])
        .unwrap_or_else(|| panic!("{run}"))
        .clone();
    assert_eq!(
        (proposed["title_zh"].as_str(), proposed["title_en"].as_str()),
        (Some("双语论文"), Some("A Bilingual Paper"))
    );
    let path = "/venues/two-titles/assignment";
    let en = page_text(&app, &chair, path, "en").await;
    assert!(en.contains("A Bilingual Paper") && !en.contains("双语论文"), "{en}");
    assert!(en.contains(TITLE), "a title in one language stands on the other's page");
    let zh = page_text(&app, &chair, path, "zh-CN").await;
    assert!(zh.contains("双语论文") && zh.contains(TITLE));
}
