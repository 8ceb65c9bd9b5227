//! Manuscripts: authors submit to a journal taking manuscripts and follow them; the journal's
//! editorial office reads them; nobody else does.

use serde_json::json;

use crate::support::catalogue::account;
use crate::support::journal::{add_section, manuscript_form, manuscript_meta, office, open_journal, put_setup, submit_manuscript};
use crate::support::upload::api_token;
use crate::support::{TestApp, csrf_of, json_of, page_text};

#[actix_web::test]
async fn an_author_submits_and_the_editors_and_coauthors_hear_of_it() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let (_, author) = account(&app, "li@uni.example").await;
    let token = api_token(&author, &app.url).await;
    let mut meta = manuscript_meta(section, "li@uni.example", 1);
    meta["authors"]
        .as_array_mut()
        .unwrap()
        .push(json!({"family_en": "Chen", "given_en": "Wei", "email": "chen@uni.example", "corresponding": false}));
    let (status, body) = submit_manuscript(&app, &token, o.journal, manuscript_form(&meta, false)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        (body["number"].as_i64(), body["stage"].as_str(), body["relation"].as_str()),
        (Some(1), Some("desk"), Some("author"))
    );
    assert_eq!(body["authors"][0]["orcid"], "0000-0002-1825-0097");
    assert!(body["editorial"].is_null(), "authors do not get the editors' part: {body}");
    assert_eq!(body["files"][0]["kind"], "manuscript");
    let id = body["id"].as_i64().unwrap();
    // Receipts to both authors; the co-author is told listing gives no rights yet.
    let (subject, text) = app.last_mail_to("li@uni.example").unwrap();
    assert!(subject.contains("#1"), "{subject}");
    assert!(!text.contains("no rights"), "{text}");
    let (_, text) = app.last_mail_to("chen@uni.example").unwrap();
    assert!(text.contains("no rights"), "{text}");
    // The chief, the managing editor and the section's editor hear; the assistant and board do not.
    for (who, hears) in [
        ("chief@j.example", true),
        ("managing@j.example", true),
        ("section@j.example", true),
        ("assistant@j.example", false),
        ("board@j.example", false),
    ] {
        let got = app
            .mails_to(who)
            .iter()
            .any(|(s, _)| s.contains("New manuscript") || s.contains("新稿件"));
        assert_eq!(got, hears, "{who}");
    }
    // The editors read the cover letter, the suggested and opposed reviewers and the history.
    let ed = json_of(o.chief.get(app.at(&format!("/api/v1/manuscripts/{id}"))).send().await.unwrap()).await;
    assert_eq!(ed["relation"], "editor");
    assert_eq!(ed["editorial"]["cover_letter"], "Please consider our manuscript.");
    assert_eq!(ed["editorial"]["opposed_reviewers"][0]["email"], "rival@example.org");
    assert_eq!(ed["editorial"]["history"][0]["kind"], "submitted");
    // The next manuscript gets the next number; the author's list shows both.
    let (status, body) = submit_manuscript(
        &app,
        &token,
        o.journal,
        manuscript_form(&manuscript_meta(section, "li@uni.example", 1), false),
    )
    .await;
    assert_eq!((status, body["number"].as_i64()), (201, Some(2)));
    let mine = json_of(author.get(app.at("/api/v1/me/manuscripts")).send().await.unwrap()).await;
    assert_eq!(mine.as_array().unwrap().len(), 2);
    // The author's page in both languages.
    let zh = page_text(&app, &author, &format!("/manuscripts/{id}"), "zh-CN").await;
    assert!(
        zh.contains("同行评议的公平性") && zh.contains("初审") && !zh.contains("投稿信"),
        "{zh}"
    );
    let en = page_text(&app, &o.chief, &format!("/manuscripts/{id}"), "en").await;
    assert!(
        en.contains("Fairness in peer review") && en.contains("Desk check") && en.contains("Cover letter") && en.contains("Rival"),
        "{en}"
    );
}

#[actix_web::test]
async fn only_the_authors_and_the_journals_own_office_read_a_manuscript() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    // A second section the section editor does not edit.
    let (_, other_section) = add_section(
        &app,
        &o.chief,
        o.journal,
        json!({"code": "REV", "title_en": "Reviews", "open": true, "peer_reviewed": true}),
    )
    .await;
    let (_, author) = account(&app, "li@uni.example").await;
    let token = api_token(&author, &app.url).await;
    let (_, a) = submit_manuscript(
        &app,
        &token,
        o.journal,
        manuscript_form(&manuscript_meta(section, "li@uni.example", 1), false),
    )
    .await;
    let (_, b) = submit_manuscript(
        &app,
        &token,
        o.journal,
        manuscript_form(&manuscript_meta(other_section["id"].as_i64().unwrap(), "li@uni.example", 1), false),
    )
    .await;
    let (a, b) = (a["id"].as_i64().unwrap(), b["id"].as_i64().unwrap());
    let mut files = Vec::new();
    for id in [a, b] {
        let m = json_of(author.get(app.at(&format!("/api/v1/manuscripts/{id}"))).send().await.unwrap()).await;
        files.push(m["files"][0]["file_id"].as_i64().unwrap());
    }
    let (file_a, file_b) = (files[0], files[1]);
    let anon = app.client();
    // (who, client, reads a, reads b)
    for (who, c, ra, rb) in [
        ("author", &author, 200, 200),
        ("chief", &o.chief, 200, 200),
        ("managing", &o.managing, 200, 200),
        ("section editor", &o.section, 200, 404),
        ("assistant", &o.assistant, 200, 200),
        ("board", &o.board, 404, 404),
        ("stranger", &o.stranger, 404, 404),
        ("other journal's chief", &o.other_chief, 404, 404),
        ("organiser", &o.org, 404, 404),
        ("anonymous", &anon, 401, 401),
    ] {
        for (id, file, want) in [(a, file_a, ra), (b, file_b, rb)] {
            let s = c.get(app.at(&format!("/api/v1/manuscripts/{id}"))).send().await.unwrap().status();
            assert_eq!(s, want, "{who} reads manuscript {id}");
            let s = c
                .get(app.at(&format!("/manuscripts/{id}/files/{file}")))
                .send()
                .await
                .unwrap()
                .status();
            assert_eq!(s, if want == 401 { 303 } else { want }, "{who} downloads from manuscript {id}");
        }
    }
    // A file of one manuscript is not served under another's address.
    let s = author
        .get(app.at(&format!("/manuscripts/{a}/files/{file_b}")))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(s, 404);
    let res = author
        .get(app.at(&format!("/manuscripts/{a}/files/{file_a}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF-"));
}

#[actix_web::test]
async fn a_listed_coauthor_confirms_before_seeing_it_and_a_listed_editor_is_not_its_editor() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let (_, author) = account(&app, "li@uni.example").await;
    let (_, coauthor) = account(&app, "chen@uni.example").await;
    let token = api_token(&author, &app.url).await;
    let mut meta = manuscript_meta(section, "li@uni.example", 1);
    for email in ["chen@uni.example", "chief@j.example"] {
        meta["authors"]
            .as_array_mut()
            .unwrap()
            .push(json!({"family_en": "X", "email": email}));
    }
    let (_, m) = submit_manuscript(&app, &token, o.journal, manuscript_form(&meta, false)).await;
    let id = m["id"].as_i64().unwrap();
    let url = app.at(&format!("/api/v1/manuscripts/{id}"));
    assert_eq!(
        coauthor.get(&url).send().await.unwrap().status(),
        404,
        "listing alone gives nothing"
    );
    let mine = json_of(coauthor.get(app.at("/api/v1/me/manuscripts")).send().await.unwrap()).await;
    assert_eq!(mine[0]["confirmed"], false);
    let confirm = app.at(&format!("/api/v1/manuscripts/{id}/authorship"));
    assert_eq!(
        o.stranger.post(&confirm).send().await.unwrap().status(),
        404,
        "only listed people confirm"
    );
    assert_eq!(coauthor.post(&confirm).send().await.unwrap().status(), 204);
    let seen = json_of(coauthor.get(&url).send().await.unwrap()).await;
    assert_eq!((seen["relation"].as_str(), seen["editorial"].is_null()), (Some("author"), true));
    // The chief, listed by the author, is nothing to it until they confirm (then an author);
    // the managing editor handles it, and the chief was not told as an editor.
    assert_eq!(o.chief.get(&url).send().await.unwrap().status(), 404);
    assert!(
        !app.mails_to("chief@j.example")
            .iter()
            .any(|(s, _)| s.contains("New manuscript") || s.contains("新稿件"))
    );
    assert_eq!(o.managing.get(&url).send().await.unwrap().status(), 200);
    assert_eq!(o.chief.post(&confirm).send().await.unwrap().status(), 204);
    let seen = json_of(o.chief.get(&url).send().await.unwrap()).await;
    assert_eq!((seen["relation"].as_str(), seen["editorial"].is_null()), (Some("author"), true));
}

#[actix_web::test]
async fn bad_manuscripts_are_refused_by_name_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let (_, author) = account(&app, "li@uni.example").await;
    let token = api_token(&author, &app.url).await;
    let meta = manuscript_meta(section, "li@uni.example", 1);
    // An unticked checklist, a missing English abstract, a bad ORCID and a stranger as submitter.
    let mut bad = meta.clone();
    bad["checklist"] = json!([false]);
    bad["abstract_en"] = json!("");
    bad["authors"][0]["orcid"] = json!("0000-0002-1825-0098");
    let (status, body) = submit_manuscript(&app, &token, o.journal, manuscript_form(&bad, false)).await;
    assert_eq!(status, 422);
    for f in ["checklist", "abstract_en", "authors[0].orcid"] {
        assert!(body["fields"][f].is_string(), "{f}: {body}");
    }
    // A web page named .pdf, and a Word source the journal does not take.
    let html = reqwest::multipart::Form::new().text("metadata", meta.to_string()).part(
        "pdf",
        reqwest::multipart::Part::bytes(b"<html>not a pdf</html>".to_vec()).file_name("ms.pdf"),
    );
    let (status, body) = submit_manuscript(&app, &token, o.journal, html).await;
    assert_eq!((status, body["fields"]["pdf"].is_string()), (422, true), "{body}");
    let (status, body) = submit_manuscript(&app, &token, o.journal, manuscript_form(&meta, true)).await;
    assert_eq!((status, body["fields"]["source"].is_string()), (422, true), "{body}");
    // A journal asking for the source refuses a manuscript without it.
    let mut setup = json!({"enabled": true, "source_files": "required", "checklist": [{"en": "Original"}]});
    let (s, _) = put_setup(&app, &o.chief, o.journal, setup.clone()).await;
    assert_eq!(s, 200);
    let (status, body) = submit_manuscript(&app, &token, o.journal, manuscript_form(&meta, false)).await;
    assert_eq!((status, body["fields"]["source"].is_string()), (422, true), "{body}");
    let mut fake = meta.clone();
    fake["checklist"] = json!([true]);
    let not_word = reqwest::multipart::Form::new()
        .text("metadata", fake.to_string())
        .part(
            "pdf",
            reqwest::multipart::Part::bytes(xuehui::files::pdf::sample(1, "x", None)).file_name("ms.pdf"),
        )
        .part(
            "source",
            reqwest::multipart::Part::bytes(b"{\\rtf1 not word}".to_vec()).file_name("ms.docx"),
        );
    let (status, body) = submit_manuscript(&app, &token, o.journal, not_word).await;
    assert_eq!((status, body["fields"]["source"].is_string()), (422, true), "{body}");
    let mine = json_of(author.get(app.at("/api/v1/me/manuscripts")).send().await.unwrap()).await;
    assert_eq!(mine, json!([]), "nothing was saved");
    // A journal not taking manuscripts does not exist as a target.
    setup["enabled"] = json!(false);
    put_setup(&app, &o.chief, o.journal, setup).await;
    let (status, _) = submit_manuscript(&app, &token, o.journal, manuscript_form(&fake, true)).await;
    assert_eq!(status, 404);
    let (status, _) = submit_manuscript(&app, &token, o.other_journal, manuscript_form(&fake, true)).await;
    assert_eq!(status, 404);
}

#[actix_web::test]
async fn a_repeated_request_makes_one_manuscript() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let (_, author) = account(&app, "li@uni.example").await;
    let token = api_token(&author, &app.url).await;
    let meta = manuscript_meta(section, "li@uni.example", 1);
    let send = || async {
        reqwest::Client::new()
            .post(app.at(&format!("/api/v1/journals/{}/manuscripts", o.journal)))
            .bearer_auth(&token)
            .header("Idempotency-Key", "ms-1")
            .multipart(manuscript_form(&meta, false))
            .send()
            .await
            .unwrap()
    };
    let first = send().await;
    assert_eq!(first.status(), 201);
    let first = json_of(first).await;
    let again = send().await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(json_of(again).await["id"], first["id"]);
    let mine = json_of(author.get(app.at("/api/v1/me/manuscripts")).send().await.unwrap()).await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
}

#[actix_web::test]
async fn the_submission_page_keeps_what_was_typed_and_lands_on_the_dashboard() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    app.user("li@uni.example", false);
    let web = app.client();
    app.page_login(&web, "li@uni.example", crate::support::PASSWORD).await;
    let url = app.at(&format!("/journals/{}/submit", o.journal));
    let html = web
        .get(&url)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Not under review elsewhere") && html.contains("li@uni.example"),
        "the form lists the checklist and the submitter"
    );
    let csrf = csrf_of(&web, &url).await;
    let form = |tick: bool| {
        let pdf = xuehui::files::pdf::sample(1, "Page form", None);
        let mut f = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("once", "0123456789abcdef0123456789abcdef")
            .text("section_id", section.to_string())
            .text("language", "en")
            .text("title_en", "Typed on the page")
            .text("abstract_en", "An abstract.")
            .text("keywords_en", "pages")
            .text("authors[0].family_en", "Li")
            .text("authors[0].given_en", "Hua")
            .text("authors[0].email", "li@uni.example")
            .text("authors[0].corresponding", "1")
            .part("pdf", reqwest::multipart::Part::bytes(pdf).file_name("p.pdf"));
        if tick {
            f = f.text("checklist_0", "1");
        }
        f
    };
    let res = web
        .post(&url)
        .header("accept-language", "en")
        .multipart(form(false))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Tick every item") && html.contains("Typed on the page"), "{html}");
    let res = web.post(&url).multipart(form(true)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/manuscripts/"), "{to}");
    // The same form sent again (a double click) makes no second manuscript.
    let res = web.post(&url).multipart(form(true)).send().await.unwrap();
    assert_eq!(res.headers()["location"].to_str().unwrap(), to);
    let dash = page_text(&app, &web, "/dashboard", "zh-CN").await;
    assert!(
        dash.contains("我的期刊稿件") && dash.contains("Typed on the page") && dash.contains("初审"),
        "{dash}"
    );
}
