//! Reviewing: forms, drafts, submission, deadlines, who reads what, anonymised PDFs,
//! reminders, and the table of who may reach each review endpoint.

use chrono::{Duration, Utc};
use reqwest::Client;
use serde_json::{Value, json};

use crate::support::review::{complete, local, put_review, reviews_of, revise, scene, set_phase};
use crate::support::{TestApp, csrf_of, json_of, pdf};

#[tokio::test]
async fn a_reviewer_drafts_submits_and_edits_until_the_deadline() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-flow").await;
    let (_, ra) = &s.reviewer_a;
    let tasks = json_of(ra.get(app.at("/api/v1/me/reviews")).send().await.unwrap()).await;
    assert_eq!(tasks.as_array().unwrap().len(), 1);
    assert_eq!(tasks[0]["submission_id"], s.paper);
    assert!(tasks[0]["review_status"].is_null());
    let page = ra.get(app.at("/reviews")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("/submissions/{}/review", s.paper)));

    // A draft may be partial and is private to its writer.
    let res = put_review(&app, ra, s.paper, json!({"overall": 4}), false).await;
    assert_eq!(res.status(), 200);
    let draft = json_of(res).await;
    assert_eq!(draft["status"], "draft");
    let chair_view = reviews_of(&app, &s.chair, s.paper).await;
    assert_eq!(
        chair_view["reviews"]["reviews"].as_array().unwrap().len(),
        0,
        "chairs do not read drafts"
    );
    assert_eq!(chair_view["reviews"]["pending"].as_array().unwrap().len(), 2);

    // Submitting needs every required field, and says which are missing.
    let res = put_review(&app, ra, s.paper, json!({"overall": 4}), true).await;
    assert_eq!(res.status(), 422);
    let body = json_of(res).await;
    assert!(body["fields"]["summary"].is_string(), "{body}");
    assert!(body["fields"]["confidence"].is_string());
    let res = put_review(&app, ra, s.paper, json!({"overall": 9}), false).await;
    assert_eq!(res.status(), 422, "out of scale even in a draft");
    let res = put_review(&app, ra, s.paper, json!({"overall": 4, "bogus": "x"}), false).await;
    assert_eq!(res.status(), 422);

    let res = put_review(&app, ra, s.paper, complete(4, "A careful study."), true).await;
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["status"], "submitted");
    let chair_view = reviews_of(&app, &s.chair, s.paper).await;
    let reviews = chair_view["reviews"]["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 1);
    assert!(
        reviews[0]["reviewer"].as_str().unwrap().contains("审稿ra"),
        "chairs see who reviewed"
    );
    assert_eq!(
        chair_view["reviews"]["pending"].as_array().unwrap().len(),
        1,
        "reviewer b has not submitted"
    );

    // A submitted review stays submitted: an edit must be complete, and is counted.
    let res = put_review(&app, ra, s.paper, json!({"overall": 5}), false).await;
    assert_eq!(res.status(), 422);
    let res = put_review(&app, ra, s.paper, complete(5, "Even better on reflection."), false).await;
    assert_eq!(res.status(), 200);
    let r = json_of(res).await;
    assert_eq!(r["status"], "submitted");
    assert_eq!(r["edits_after_submit"], 1);
    assert_eq!(r["answers"]["overall"], 5);

    // After the deadline nothing changes.
    assert_eq!(
        set_phase(&app, &s, json!({"review_deadline": local(-Duration::hours(1))}))
            .await
            .status(),
        200
    );
    let res = put_review(&app, ra, s.paper, complete(3, "Changed my mind."), true).await;
    assert_eq!(res.status(), 409);
    assert_eq!(json_of(res).await["error"], "conflict");
    let page = ra
        .get(app.at(&format!("/submissions/{}/review", s.paper)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"review-closed\""));
    assert!(page.contains("Even better on reflection."), "the submitted review is still shown");
}

#[tokio::test]
async fn the_review_page_saves_drafts_and_submits_without_javascript() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-page").await;
    let (_, rb) = &s.reviewer_b;
    let url = app.at(&format!("/submissions/{}/review", s.paper));
    let page = rb.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-autosave="), "a new review autosaves");
    assert!(page.contains("id=\"authors-hidden\""));
    assert!(
        !page.contains("李华") && !page.contains("Uni A"),
        "no author names under double-blind"
    );
    let csrf = csrf_of(rb, &url).await;
    let res = rb
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("a_overall", "2"),
            ("a_summary", "Half done"),
            ("action", "draft"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = rb
        .post(&url)
        .header("accept-language", "en")
        .form(&[
            ("csrf", csrf.as_str()),
            ("a_overall", "2"),
            ("a_summary", "Half done"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"error-confidence\""), "the missing field is pointed out");
    assert!(html.contains("Half done"), "what was typed stays");
    let res = rb
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("a_overall", "2"),
            ("a_confidence", "4"),
            ("a_summary", "Complete now"),
            ("a_weaknesses", "Small sample"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page = rb.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(
        !page.contains("data-autosave="),
        "submitted reviews change only on an explicit click"
    );
    assert!(page.contains("Complete now"));
}

#[tokio::test]
async fn reviewers_see_other_reviews_only_after_their_own_and_never_who_wrote_them() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-vis").await;
    let (_, ra) = &s.reviewer_a;
    let (_, rb) = &s.reviewer_b;
    assert_eq!(put_review(&app, ra, s.paper, complete(4, "Review by A"), true).await.status(), 200);
    let before = reviews_of(&app, rb, s.paper).await;
    assert_eq!(before["reviews"]["visible"], false);
    assert_eq!(before["reviews"]["reviews"].as_array().unwrap().len(), 0);
    let page = rb
        .get(app.at(&format!("/submissions/{}/review", s.paper)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"reviews-hidden\"") && !page.contains("Review by A"));

    assert_eq!(put_review(&app, rb, s.paper, complete(2, "Review by B"), true).await.status(), 200);
    let after = reviews_of(&app, rb, s.paper).await;
    assert_eq!(after["reviews"]["visible"], true);
    let text = after.to_string();
    assert!(text.contains("Review by A"));
    assert!(
        !text.contains("审稿ra") && !text.contains("ra@rv-vis-review.org"),
        "no reviewer names among reviewers"
    );
    assert!(
        after["reviews"]["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["reviewer_id"].is_null())
    );

    // With the setting off, reviewers read the others at once.
    assert_eq!(set_phase(&app, &s, json!({"discussion_after_review": false})).await.status(), 200);
    let (_, ac) = &s.area_chair;
    let ac_view = reviews_of(&app, ac, s.paper).await;
    assert_eq!(ac_view["reviews"]["reviews"].as_array().unwrap().len(), 2);
    assert!(ac_view.to_string().contains("审稿ra"), "the area chair sees names");
}

#[tokio::test]
async fn authors_read_only_released_author_visible_fields_without_reviewer_identities() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-auth").await;
    let (_, ra) = &s.reviewer_a;
    let (_, ac) = &s.area_chair;
    assert_eq!(put_review(&app, ra, s.paper, complete(4, "Solid work"), true).await.status(), 200);
    let res = put_review(
        &app,
        ac,
        s.paper,
        json!({"meta": "Accept after minor changes", "recommendation": 3, "to_committee": "Strong champion"}),
        true,
    )
    .await;
    assert_eq!(res.status(), 200, "area chairs write meta-reviews");
    let res = put_review(&app, &s.chair, s.paper, complete(4, "chair"), true).await;
    assert_eq!(res.status(), 403, "chairs have no review to write");

    let hidden = reviews_of(&app, &s.author, s.paper).await;
    assert_eq!(hidden["reviews"]["visible"], false);
    assert_eq!(hidden["reviews"]["reviews"].as_array().unwrap().len(), 0);
    assert!(hidden["paper"]["pdf_url"].is_null());

    assert_eq!(set_phase(&app, &s, json!({"reviews_to_authors": true})).await.status(), 200);
    for c in [&s.author, &s.coauthor] {
        let shown = reviews_of(&app, c, s.paper).await;
        let text = shown.to_string();
        assert!(text.contains("Solid work") && text.contains("Accept after minor changes"));
        assert!(!text.contains("I believe I know the group"), "committee-only fields stay hidden");
        assert!(!text.contains("Strong champion"));
        assert!(!text.contains("recommendation\":"), "the meta recommendation is for chairs");
        assert!(
            !text.contains("审稿") && !text.contains("review.org"),
            "no reviewer identity: {text}"
        );
    }
    let page = s
        .author
        .get(app.at(&format!("/submissions/{}", s.paper)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"author-reviews\"") && page.contains("Solid work"));
    assert!(!page.contains("I believe I know the group") && !page.contains("审稿ra"));
    assert_eq!(
        s.author
            .get(app.at(&format!("/submissions/{}/review", s.paper)))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "authors use their submission page"
    );
}

/// How many reviewer-copy jobs wait, and how many copies are recorded.
fn copy_jobs_and_rows(app: &TestApp) -> (i64, i64) {
    use diesel::prelude::*;
    use xuehui::db::schema::{jobs, reviewer_copies};
    let mut conn = app.state.db.conn().unwrap();
    let queued = jobs::table
        .filter(jobs::kind.eq(xuehui::files::copies::JOB))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let rows = reviewer_copies::table.count().get_result(&mut conn).unwrap();
    (queued, rows)
}

async fn paper_pdf(app: &TestApp, c: &Client, paper: i64) -> reqwest::Response {
    c.get(app.at(&format!("/submissions/{paper}/review/paper.pdf")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn reviewers_get_the_pdf_without_author_metadata_under_double_blind() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-pdf").await;
    // The author replaces the PDF with one whose metadata names them.
    revise(&app, &s, xuehui::files::pdf::sample(2, "Peer review study", Some("Li Hua, Uni A"))).await;
    let (_, ra) = &s.reviewer_a;
    // Until the job has made the copy, reviewers are asked to come back.
    let res = paper_pdf(&app, ra, s.paper).await;
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "30");
    assert!(res.text().await.unwrap().contains("is being prepared"));
    app.run_jobs().await;
    let res = paper_pdf(&app, ra, s.paper).await;
    assert_eq!(res.status(), 200);
    let cd = res.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(cd.contains("paper-1.pdf"), "{cd}");
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(!bytes.windows(7).any(|w| w == b"Li Hua,"), "author metadata removed");
    let chair = paper_pdf(&app, &s.chair, s.paper).await;
    assert!(
        chair.bytes().await.unwrap().windows(7).any(|w| w == b"Li Hua,"),
        "chairs get the file as submitted"
    );
}

#[tokio::test]
async fn an_attackers_pdf_reaches_reviewers_only_as_a_clean_copy_made_once_by_the_job() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-js").await;
    let (before_jobs, before_rows) = copy_jobs_and_rows(&app);
    revise(&app, &s, pdf::scripted("Li Hua")).await;
    // The new version queued its copy in the same transaction; downloads do not make one.
    assert_eq!(copy_jobs_and_rows(&app), (before_jobs + 1, before_rows));
    let (_, ra) = &s.reviewer_a;
    for _ in 0..2 {
        assert_eq!(paper_pdf(&app, ra, s.paper).await.status(), 503);
    }
    assert_eq!(copy_jobs_and_rows(&app), (before_jobs + 1, before_rows), "no second job");
    app.run_jobs().await;
    assert_eq!(copy_jobs_and_rows(&app), (0, before_rows + 1));
    let first = paper_pdf(&app, ra, s.paper).await.bytes().await.unwrap();
    let (_, ac) = &s.area_chair;
    let again = paper_pdf(&app, ac, s.paper).await.bytes().await.unwrap();
    assert_eq!(first, again, "the stored copy, not a new one");
    assert_eq!(copy_jobs_and_rows(&app), (0, before_rows + 1));
    let plain = pdf::plain(&first);
    for gone in ["Li Hua", "JavaScript", "/OpenAction", "/JS", "/RC"] {
        assert!(!pdf::contains(&plain, gone), "{gone} is in the reviewers' copy");
    }
    assert_eq!(pdf::pages(&first), 2);
    let original = paper_pdf(&app, &s.chair, s.paper).await.bytes().await.unwrap();
    assert!(pdf::contains(&original, "JavaScript"), "chairs get the file as submitted");
}

#[tokio::test]
async fn an_info_dictionary_that_is_the_page_tree_still_gives_reviewers_every_page() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-info").await;
    revise(&app, &s, pdf::info_is_page_tree(3)).await;
    app.run_jobs().await;
    let res = paper_pdf(&app, &s.reviewer_a.1, s.paper).await;
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    assert_eq!(pdf::pages(&bytes), 3);
    assert!(!pdf::contains(&pdf::plain(&bytes), "Li Hua"));
}

#[tokio::test]
async fn without_double_blind_review_reviewers_get_the_file_as_submitted_and_no_copy_is_made() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-single").await;
    let res = s
        .chair
        .put(app.at(&format!("/api/v1/venues/{}/call", s.slug)))
        .json(&json!({"paper_deadline": local(Duration::days(7)), "anonymity": "single_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let (jobs_before, rows_before) = copy_jobs_and_rows(&app);
    let named = xuehui::files::pdf::sample(2, "Peer review study", Some("Li Hua, Uni A"));
    revise(&app, &s, named.clone()).await;
    assert_eq!(copy_jobs_and_rows(&app), (jobs_before, rows_before), "nothing to anonymise");
    let res = paper_pdf(&app, &s.reviewer_a.1, s.paper).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), named.as_slice());
}

#[tokio::test]
async fn a_paper_without_a_copy_gets_one_queued_on_first_download() {
    use diesel::prelude::*;
    use xuehui::db::schema::{jobs, reviewer_copies};
    let app = TestApp::new().await;
    let s = scene(&app, "rv-old").await;
    // As if stored before copies existed: no copy and no job.
    {
        let mut conn = app.state.db.conn().unwrap();
        diesel::delete(reviewer_copies::table).execute(&mut conn).unwrap();
        diesel::delete(jobs::table.filter(jobs::kind.eq(xuehui::files::copies::JOB)))
            .execute(&mut conn)
            .unwrap();
    }
    let (_, ra) = &s.reviewer_a;
    let res = paper_pdf(&app, ra, s.paper).await;
    assert_eq!(res.status(), 503);
    assert!(res.headers().contains_key("retry-after"));
    assert_eq!(copy_jobs_and_rows(&app), (1, 0));
    assert_eq!(paper_pdf(&app, &s.area_chair.1, s.paper).await.status(), 503);
    assert_eq!(copy_jobs_and_rows(&app), (1, 0), "queued once");
    app.run_jobs().await;
    assert_eq!(paper_pdf(&app, ra, s.paper).await.status(), 200);
}

#[tokio::test]
async fn chairs_configure_the_review_form_and_reviewers_fill_the_new_one() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-form").await;
    let url = app.at(&format!("/api/v1/venues/{}/review-form", s.slug));
    let default = json_of(s.chair.get(&url).send().await.unwrap()).await;
    assert_eq!(default["custom"], false);
    assert_eq!(default["fields"][0]["key"], "overall");
    let bad = json!({"fields": [{"key": "Bad key", "kind": "score", "label_en": "Merit", "min": 3, "max": 1}]});
    let res = s.chair.put(&url).json(&bad).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body = json_of(res).await;
    assert!(body["fields"]["fields[0].key"].is_string(), "{body}");
    assert!(body["fields"]["fields[0].max"].is_string());
    let form = json!({"fields": [
        {"key": "merit", "kind": "score", "label_zh": "评分", "label_en": "Merit", "min": 1, "max": 10, "overall": true,
         "required": true, "visible_to_authors": true},
        {"key": "novelty", "kind": "text", "label_en": "Novelty", "required": true, "max_chars": 50}]});
    let res = s.chair.put(&url).json(&form).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let (_, ra) = &s.reviewer_a;
    let res = put_review(&app, ra, s.paper, json!({"overall": 4}), false).await;
    assert_eq!(res.status(), 422, "the default form's keys are gone");
    let res = put_review(&app, ra, s.paper, json!({"merit": 8, "novelty": "x".repeat(51)}), true).await;
    assert_eq!(res.status(), 422);
    assert!(
        json_of(res).await["fields"]["novelty"].is_string(),
        "the field's own length limit holds"
    );
    let res = put_review(&app, ra, s.paper, json!({"merit": 8, "novelty": "新的评议方法"}), true).await;
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn the_set_up_page_edits_the_phase_and_the_form() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-setup").await;
    let page_url = app.at(&format!("/venues/{}/review-setup", s.slug));
    let chair = s.chair.clone();
    let csrf = csrf_of(&chair, &page_url).await;
    let res = chair
        .post(app.at(&format!("/venues/{}/review-phase", s.slug)))
        .header("accept-language", "en")
        .form(&[
            ("csrf", csrf.as_str()),
            ("reminder_days", "0"),
            ("rebuttal_opens", "2026-12-01T00:00"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("whole numbers of days") && html.contains("both when the response opens"));
    let res = chair
        .post(app.at(&format!("/venues/{}/review-phase", s.slug)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("review_deadline", local(Duration::days(10)).as_str()),
            ("reminder_days", "7, 2"),
            ("discussion_after_review", "1"),
            ("label0_key", "accept_short"),
            ("label0_zh", "短文录用"),
            ("label0_en", "Accept (short paper)"),
            ("label0_accept", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let phase = json_of(
        chair
            .get(app.at(&format!("/api/v1/venues/{}/review-phase", s.slug)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(phase["reminder_days"], json!([7, 2]));
    assert_eq!(phase["custom_labels"][0]["key"], "accept_short");
    assert_eq!(phase["reviews_to_authors"], false);

    // The form editor: rename a label, delete a field, add one.
    let html = chair.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("name=\"f0_key\" value=\"overall\""));
    let mut form: Vec<(String, String)> = vec![("csrf".into(), csrf.clone())];
    let default = xuehui::review::forms::model::default_form();
    for (i, f) in default.iter().enumerate() {
        let p = |k: &str| format!("f{i}_{k}");
        form.push((p("key"), f.key.clone()));
        form.push((p("kind"), f.kind.clone()));
        form.push((p("label_zh"), f.label_zh.clone()));
        form.push((
            p("label_en"),
            if i == 0 {
                "Overall recommendation".into()
            } else {
                f.label_en.clone()
            },
        ));
        form.push((p("min"), f.min.to_string()));
        form.push((p("max"), f.max.to_string()));
        if f.required {
            form.push((p("required"), "1".into()));
        }
        if f.overall {
            form.push((p("overall"), "1".into()));
        }
        if f.key == "strengths" {
            form.push((p("delete"), "1".into()));
        }
    }
    let n = default.len();
    form.push((format!("f{n}_key"), "ethics".into()));
    form.push((format!("f{n}_kind"), "text".into()));
    form.push((format!("f{n}_label_en"), "Ethical concerns".into()));
    // A bad key is named beside that field's row (the form shows the fields kept, in order).
    let key_at = form.iter().position(|(k, _)| *k == format!("f{n}_key")).unwrap();
    form[key_at].1 = "Bad Key".into();
    let res = chair
        .post(app.at(&format!("/venues/{}/review-form", s.slug)))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    let row = n - 1;
    assert_eq!(
        crate::support::rows::error_beside(&html, &format!("fields[{row}].key")).as_deref(),
        Some("Use 1–32 lower-case letters, digits or underscores."),
        "{html}"
    );
    assert_eq!(
        crate::support::rows::input_value(&html, &format!("f{row}_key")).as_deref(),
        Some("Bad Key")
    );
    form[key_at].1 = "ethics".into();
    let res = chair
        .post(app.at(&format!("/venues/{}/review-form", s.slug)))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let now = json_of(
        chair
            .get(app.at(&format!("/api/v1/venues/{}/review-form", s.slug)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let keys: Vec<&str> = now["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["overall", "confidence", "summary", "weaknesses", "to_committee", "ethics"]);
    assert_eq!(now["fields"][0]["label_en"], "Overall recommendation");
    let (_, ra) = &s.reviewer_a;
    let page = ra
        .get(app.at(&format!("/submissions/{}/review", s.paper)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("name=\"a_ethics\""));
}

#[tokio::test]
async fn reminders_go_to_reviewers_with_missing_reviews_and_stale_ones_do_nothing() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-remind").await;
    let (_, ra) = &s.reviewer_a;
    assert_eq!(put_review(&app, ra, s.paper, complete(4, "Done early"), true).await.status(), 200);
    let body = json!({"review_deadline": local(Duration::days(5)), "reminder_days": "3"});
    assert_eq!(set_phase(&app, &s, body.clone()).await.status(), 200);
    // Saving again replaces the schedule: the first job must not mail anyone.
    assert_eq!(set_phase(&app, &s, body).await.status(), 200);
    let due: i64 = {
        use diesel::prelude::*;
        use xuehui::db::schema::jobs;
        let mut conn = app.state.db.conn().unwrap();
        let n = diesel::update(jobs::table.filter(jobs::kind.eq("review.reminder")))
            .set(jobs::run_at.eq(Utc::now().naive_utc() - Duration::minutes(1)))
            .execute(&mut conn)
            .unwrap();
        n as i64
    };
    assert_eq!(due, 2, "one job per save");
    app.run_jobs().await;
    let mails = {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::mail::outbox::to_address(&mut conn, "rb@rv-remind-review.org").unwrap()
    };
    let reminders: Vec<_> = mails
        .iter()
        .filter(|m| m.subject.contains("提醒") || m.subject.contains("Reminder"))
        .collect();
    assert_eq!(reminders.len(), 1, "exactly one reminder despite two saves");
    assert!(reminders[0].body_text.contains("#1"));
    let a_mails = {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::mail::outbox::to_address(&mut conn, "ra@rv-remind-review.org").unwrap()
    };
    assert!(!a_mails.iter().any(|m| m.subject.contains("提醒")), "reviewer a has submitted");
    let c_mails = {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::mail::outbox::to_address(&mut conn, "rc@rv-remind-review.org").unwrap()
    };
    assert!(
        !c_mails.iter().any(|m| m.subject.contains("提醒")),
        "conflicted reviewers are not reminded"
    );
}

/// Who may reach each review endpoint: the status every role gets.
#[tokio::test]
async fn every_role_gets_the_answer_it_should_from_every_review_endpoint() {
    let app = TestApp::new().await;
    let s = scene(&app, "rv-authz").await;
    let anonymous = app.client();
    let (slug, p) = (s.slug.clone(), s.paper);
    let roles: Vec<(&str, &Client)> = vec![
        ("author", &s.author),
        ("co-author", &s.coauthor),
        ("assigned reviewer", &s.reviewer_a.1),
        ("unassigned reviewer", &s.unassigned),
        ("conflicted reviewer", &s.conflicted),
        ("area chair", &s.area_chair.1),
        ("chair", &s.chair),
        ("other venue's chair", &s.other_chair),
        ("anonymous", &anonymous),
    ];
    // A post by the area chair, for the row that tries to change it.
    let res = s
        .area_chair
        .1
        .post(app.at(&format!("/api/v1/submissions/{p}/discussion")))
        .json(&json!({"body": "Opening the discussion."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let ac_post = json_of(res).await["id"].as_i64().unwrap();
    // Expected status per role, in the order above.
    let table: Vec<(&str, String, Option<Value>, [u16; 9])> = vec![
        (
            "GET",
            format!("/api/v1/submissions/{p}/reviews"),
            None,
            [200, 200, 200, 404, 404, 200, 200, 404, 401],
        ),
        (
            "PUT",
            format!("/api/v1/submissions/{p}/review"),
            Some(json!({"answers": {"overall": 3}, "submit": false})),
            [404, 404, 200, 404, 404, 422, 403, 404, 401],
        ),
        (
            "GET",
            format!("/submissions/{p}/review"),
            None,
            [404, 404, 200, 404, 404, 200, 200, 404, 303],
        ),
        (
            "GET",
            format!("/submissions/{p}/review/paper.pdf"),
            None,
            [404, 404, 200, 404, 404, 200, 200, 404, 303],
        ),
        (
            "GET",
            format!("/api/v1/venues/{slug}/review-form"),
            None,
            [404, 404, 404, 404, 404, 404, 200, 404, 401],
        ),
        (
            "PUT",
            format!("/api/v1/venues/{slug}/review-phase"),
            Some(json!({"discussion_after_review": true})),
            [404, 404, 404, 404, 404, 404, 200, 404, 401],
        ),
        (
            "GET",
            format!("/venues/{slug}/review-setup"),
            None,
            [404, 404, 404, 404, 404, 404, 200, 404, 303],
        ),
        (
            "GET",
            "/api/v1/me/reviews".to_string(),
            None,
            [200, 200, 200, 200, 200, 200, 200, 200, 401],
        ),
        (
            "GET",
            format!("/api/v1/submissions/{p}/discussion"),
            None,
            [404, 404, 200, 404, 404, 200, 200, 404, 401],
        ),
        (
            "POST",
            format!("/api/v1/submissions/{p}/discussion"),
            Some(json!({"body": "A point for the committee."})),
            [404, 404, 409, 404, 404, 201, 201, 404, 401],
        ),
        (
            "PUT",
            format!("/api/v1/submissions/{p}/discussion/{ac_post}"),
            Some(json!({"body": "Changed."})),
            [404, 404, 409, 404, 404, 200, 404, 404, 401],
        ),
        (
            "GET",
            format!("/api/v1/submissions/{p}/response"),
            None,
            [200, 200, 200, 404, 404, 200, 200, 404, 401],
        ),
        (
            "PUT",
            format!("/api/v1/submissions/{p}/response"),
            Some(json!({"body": "Our answer."})),
            [409, 409, 403, 404, 404, 403, 403, 404, 401],
        ),
        (
            "GET",
            format!("/api/v1/venues/{slug}/decisions"),
            None,
            [404, 404, 404, 404, 404, 404, 200, 404, 401],
        ),
        (
            "PUT",
            format!("/api/v1/submissions/{p}/decision"),
            Some(json!({"label": "reject", "missing_reviews_ok": true})),
            [404, 404, 404, 404, 404, 404, 200, 404, 401],
        ),
        (
            "POST",
            format!("/api/v1/venues/{slug}/decisions/notify"),
            Some(json!({})),
            [404, 404, 404, 404, 404, 404, 200, 404, 401],
        ),
        (
            "GET",
            format!("/venues/{slug}/decisions"),
            None,
            [404, 404, 404, 404, 404, 404, 200, 404, 303],
        ),
    ];
    let mut failures = Vec::new();
    for (method, path, body, expected) in &table {
        for (i, (role, client)) in roles.iter().enumerate() {
            let mut req = match *method {
                "GET" => client.get(app.at(path)),
                "POST" => client.post(app.at(path)),
                _ => client.put(app.at(path)),
            };
            if let Some(b) = body {
                req = req.json(b);
            }
            let got = req.send().await.unwrap().status().as_u16();
            if got != expected[i] {
                failures.push(format!("{method} {path} as {role}: expected {}, got {got}", expected[i]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The conflicted reviewer's task list does not even name the paper.
    let tasks = json_of(s.conflicted.get(app.at("/api/v1/me/reviews")).send().await.unwrap()).await;
    assert_eq!(tasks.as_array().unwrap().len(), 0);
}
