//! A journal's editorial set-up: its office sets the rules, sections and review form; other
//! people, and other journals' editors, see nothing of it; authors read the guidelines.

use serde_json::json;

use crate::support::journal::{add_section, add_staff, editorial, office, open_journal, put_setup};
use crate::support::{TestApp, csrf_of, json_of, page_text};

#[actix_web::test]
async fn the_chief_editor_opens_the_journal_and_anyone_reads_its_guidelines() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let guidelines = app.at(&format!("/api/v1/journals/{}/guidelines", o.journal));
    let anon = app.client();
    assert_eq!(
        anon.get(&guidelines).send().await.unwrap().status(),
        404,
        "not taking manuscripts yet"
    );
    // Opening needs somewhere to submit.
    let (status, body) = put_setup(&app, &o.chief, o.journal, json!({"enabled": true})).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["enabled"].as_str().unwrap().contains("open section"), "{body}");
    let section = open_journal(&app, &o).await;
    let g = json_of(anon.get(&guidelines).send().await.unwrap()).await;
    assert_eq!(g["review_mode"], "double_blind");
    assert_eq!(g["sections"][0]["id"], section);
    assert_eq!(g["sections"][0]["title_en"], "Research articles");
    assert_eq!(g["checklist"][0]["en"], "Not under review elsewhere");
    assert!(
        g.get("doi_prefix").is_none() && !g.to_string().contains("section@j.example"),
        "no editors' data: {g}"
    );
    // The journal's page tells authors, in either language.
    let zh = page_text(&app, &anon, &format!("/journals/{}", o.journal), "zh-CN").await;
    assert!(
        zh.contains("作者须知") && zh.contains("请使用期刊模板。") && zh.contains("稿件未在他处投稿"),
        "{zh}"
    );
    let en = page_text(&app, &anon, &format!("/journals/{}", o.journal), "en").await;
    assert!(
        en.contains("For authors") && en.contains("Use the journal template.") && en.contains("Double-blind"),
        "{en}"
    );
    // The office reads the whole set-up, with the DOI a new article will get.
    let setup = editorial(&app, &o.assistant, o.journal).await;
    assert_eq!(setup["doi_prefix"], "10.12345");
    assert!(setup["doi_example"].as_str().unwrap().starts_with("10.12345/"), "{setup}");
    assert_eq!(setup["sections"][0]["editors"][0]["email"], "section@j.example");
    assert_eq!(setup["review_form"][0]["key"], "overall");
    // Closing the journal hides the guidelines again.
    let (status, _) = put_setup(&app, &o.managing, o.journal, json!({"enabled": false})).await;
    assert_eq!(status, 200);
    assert_eq!(anon.get(&guidelines).send().await.unwrap().status(), 404);
}

#[actix_web::test]
async fn only_the_journals_own_office_reads_the_setup_and_only_its_chiefs_change_it() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let setup = app.at(&format!("/api/v1/journals/{}/editorial", o.journal));
    let sections = app.at(&format!("/api/v1/journals/{}/sections", o.journal));
    let one = app.at(&format!("/api/v1/journals/{}/sections/{section}", o.journal));
    let form = app.at(&format!("/api/v1/journals/{}/review-form", o.journal));
    let page = app.at(&format!("/journals/{}/setup", o.journal));
    let anon = app.client();
    // (who, read, change): the board advises and has no editorial access; another journal's
    // chief and the register's keeper are strangers here.
    for (who, c, read, change) in [
        ("chief", &o.chief, 200, 200),
        ("managing", &o.managing, 200, 200),
        ("section", &o.section, 200, 403),
        ("assistant", &o.assistant, 200, 403),
        ("board", &o.board, 404, 404),
        ("stranger", &o.stranger, 404, 404),
        ("other journal's chief", &o.other_chief, 404, 404),
        ("organiser", &o.org, 404, 404),
        ("anonymous", &anon, 401, 401),
    ] {
        assert_eq!(c.get(&setup).send().await.unwrap().status(), read, "{who} reads the set-up");
        let s = c.put(&setup).json(&json!({"enabled": true})).send().await.unwrap().status();
        assert_eq!(s, change, "{who} changes the set-up");
        let s = c
            .post(&sections)
            .json(&json!({"code": format!("X{}", who.len()), "title_en": "X"}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(s, if change == 200 { 201 } else { change }, "{who} adds a section");
        let s = c
            .put(&one)
            .json(&json!({"code": "ART", "title_en": "Articles", "open": true}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(s, change, "{who} changes a section");
        let s = c
            .delete(app.at(&format!("/api/v1/journals/{}/sections/999999", o.journal)))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(s, if change == 200 { 404 } else { change }, "{who} removes a section");
        let s = c.delete(&form).send().await.unwrap().status();
        assert_eq!(s, if change == 200 { 204 } else { change }, "{who} resets the review form");
        let s = c.get(&page).send().await.unwrap().status();
        assert_eq!(s, if read == 401 { 303 } else { read }, "{who} opens the set-up page");
    }
    // Only those who run the journal name its staff: a section editor cannot make themselves chief.
    let staff = app.at(&format!("/api/v1/journals/{}/staff", o.journal));
    for (who, c, want) in [
        ("section", &o.section, 403),
        ("assistant", &o.assistant, 403),
        ("board", &o.board, 403),
        ("managing", &o.managing, 204),
    ] {
        let s = c
            .post(&staff)
            .json(&json!({"email": "section@j.example", "role": "editor_in_chief"}))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(s, want, "{who} names a chief");
    }
    // A section id of this journal under another journal's address is not found.
    let cross = app.at(&format!("/api/v1/journals/{}/sections/{section}", o.other_journal));
    let s = o
        .other_chief
        .put(&cross)
        .json(&json!({"code": "ART", "title_en": "Mine"}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(s, 404);
    let stored = json_of(o.chief.get(&setup).send().await.unwrap()).await;
    assert_eq!(stored["sections"][0]["title_en"], "Articles");
}

#[actix_web::test]
async fn every_bad_setting_is_named_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let (status, body) = put_setup(
        &app,
        &o.chief,
        o.journal,
        json!({"review_mode": "secret", "source_files": "latex", "max_file_mb": 500, "response_days": 0, "review_days": 1000,
               "remind_before_days": -1, "doi_prefix": "10.1", "doi_pattern": "{prefix}/{journal}.{year}", "licence_url": "ftp://x",
               "checklist": [{"zh": "", "en": ""}]}),
    )
    .await;
    assert_eq!(status, 422);
    for f in [
        "review_mode",
        "source_files",
        "max_file_mb",
        "response_days",
        "review_days",
        "remind_before_days",
        "doi_prefix",
        "doi_pattern",
        "licence_url",
        "checklist[0].zh",
    ] {
        assert!(body["fields"][f].is_string(), "{f} missing: {body}");
    }
    assert!(body["fields"]["doi_pattern"].as_str().unwrap().contains("{seq}"), "{body}");
    let (status, body) = put_setup(&app, &o.chief, o.journal, json!({"surprise": 1})).await;
    assert_eq!(status, 400, "unknown fields are refused: {body}");
    let setup = editorial(&app, &o.chief, o.journal).await;
    assert_eq!(setup["review_mode"], "double_blind");
    assert!(setup["updated_at"].is_null(), "nothing saved: {setup}");
}

#[actix_web::test]
async fn section_editors_must_hold_the_role_and_lose_their_sections_with_it() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let stranger_id = o.stranger_id;
    let (status, body) = add_section(
        &app,
        &o.chief,
        o.journal,
        json!({"code": "REV", "title_en": "Reviews", "open": true, "editors": [stranger_id]}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["fields"]["editors"].is_string(), "{body}");
    let section = open_journal(&app, &o).await;
    let (status, body) = add_section(&app, &o.chief, o.journal, json!({"code": "art", "title_en": "Again"})).await;
    assert_eq!(
        (status, body["fields"]["code"].is_string()),
        (422, true),
        "codes are unique, whatever the case: {body}"
    );
    // Taking the role away takes the section with it.
    let remove = app.at(&format!(
        "/api/v1/journals/{}/staff/{}?role=section_editor",
        o.journal, o.section_editor_id
    ));
    assert_eq!(o.chief.delete(&remove).send().await.unwrap().status(), 204);
    let setup = editorial(&app, &o.chief, o.journal).await;
    assert_eq!(setup["sections"][0]["id"], section);
    assert_eq!(setup["sections"][0]["editors"], json!([]));
    assert_eq!(
        o.section
            .get(app.at(&format!("/api/v1/journals/{}/editorial", o.journal)))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[actix_web::test]
async fn the_last_open_section_of_a_journal_taking_manuscripts_stays() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let section = open_journal(&app, &o).await;
    let one = app.at(&format!("/api/v1/journals/{}/sections/{section}", o.journal));
    let res = o
        .chief
        .put(&one)
        .json(&json!({"code": "ART", "title_en": "Articles", "open": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = o.chief.delete(&one).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("last open section"));
    let (status, _) = add_section(
        &app,
        &o.chief,
        o.journal,
        json!({"code": "LET", "title_en": "Letters", "open": true}),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(o.chief.delete(&one).send().await.unwrap().status(), 204);
}

#[actix_web::test]
async fn the_review_form_is_checked_and_can_go_back_to_the_default() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let form = app.at(&format!("/api/v1/journals/{}/review-form", o.journal));
    let res = o
        .chief
        .put(&form)
        .json(&json!({"fields": [{"key": "notes", "kind": "text", "label_en": "Notes"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422, "a form needs its one overall score");
    let fields = json!([
        {"key": "merit", "kind": "score", "label_en": "Merit", "label_zh": "价值", "min": 1, "max": 4, "overall": true, "required": true, "visible_to_authors": true},
        {"key": "notes", "kind": "text", "label_en": "Notes", "visible_to_authors": true}
    ]);
    let res = o.managing.put(&form).json(&json!({"fields": fields})).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let body = json_of(res).await;
    assert_eq!(
        (body["custom"].as_bool(), body["fields"][0]["key"].as_str()),
        (Some(true), Some("merit"))
    );
    let setup = editorial(&app, &o.section, o.journal).await;
    assert_eq!(setup["review_form"][1]["key"], "notes");
    assert_eq!(o.chief.delete(&form).send().await.unwrap().status(), 204);
    let setup = editorial(&app, &o.chief, o.journal).await;
    assert_eq!(
        (setup["review_form_custom"].as_bool(), setup["review_form"][0]["key"].as_str()),
        (Some(false), Some("overall"))
    );
}

#[actix_web::test]
async fn the_setup_page_saves_the_form_and_shows_errors_beside_what_was_typed() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let web = app.client();
    app.page_login(&web, "chief@j.example", crate::support::PASSWORD).await;
    let url = app.at(&format!("/journals/{}/setup", o.journal));
    // A section through its page first.
    let csrf = csrf_of(&web, &app.at(&format!("/journals/{}/sections/new", o.journal))).await;
    let res = web
        .post(app.at(&format!("/journals/{}/sections", o.journal)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("code", "ART"),
            ("title_zh", "研究论文"),
            ("title_en", "Articles"),
            ("open", "1"),
            ("peer_reviewed", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let csrf = csrf_of(&web, &url).await;
    let bad = [
        ("csrf", csrf.as_str()),
        ("enabled", "1"),
        ("review_mode", "single_blind"),
        ("guidelines_en", "Kept as typed"),
        ("checklist[0].zh", "原创"),
        ("checklist[0].en", "Original work"),
        ("source_files", "optional"),
        ("max_file_mb", "20"),
        ("response_days", "7"),
        ("review_days", "28"),
        ("remind_before_days", "3"),
        ("remind_after_days", "3"),
        ("doi_prefix", "10.12"),
        ("doi_pattern", ""),
        ("licence_url", ""),
    ];
    let res = web.post(&url).header("accept-language", "en").form(&bad).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("10. followed by 4 to 9 digits") && html.contains("Kept as typed") && html.contains("Original work"),
        "{html}"
    );
    let mut good = bad.to_vec();
    good.retain(|(k, _)| *k != "doi_prefix");
    good.push(("doi_prefix", "10.12345"));
    let res = web.post(&url).form(&good).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let setup = editorial(&app, &o.chief, o.journal).await;
    assert_eq!(setup["enabled"], true);
    assert_eq!(setup["review_mode"], "single_blind");
    assert_eq!(setup["source_files"], "optional");
    assert_eq!(setup["checklist"], json!([{"zh": "原创", "en": "Original work"}]));
    let zh = page_text(&app, &web, &format!("/journals/{}/setup", o.journal), "zh-CN").await;
    assert!(
        zh.contains("编辑部设置") && zh.contains("正在接收投稿") && zh.contains("研究论文") && zh.contains(".12.3.007"),
        "{zh}"
    );
    // The review form editor on the same page.
    let csrf = csrf_of(&web, &url).await;
    let res = web
        .post(app.at(&format!("/journals/{}/review-form", o.journal)))
        .form(&[
            ("csrf", csrf.as_str()),
            ("f0_key", "merit"),
            ("f0_kind", "score"),
            ("f0_label_en", "Merit"),
            ("f0_min", "1"),
            ("f0_max", "5"),
            ("f0_overall", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let setup = editorial(&app, &o.chief, o.journal).await;
    assert_eq!(setup["review_form"][0]["key"], "merit");
    // An assistant reads the page without a save button.
    app.page_login(&web, "assistant@j.example", crate::support::PASSWORD).await;
    let html = web
        .get(&url)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"read-only\"") && !html.contains("id=\"save-setup\""), "{html}");
}

#[actix_web::test]
async fn every_editorial_role_is_a_catalogue_conflict() {
    let app = TestApp::new().await;
    let o = office(&app).await;
    let edition = crate::support::catalogue::edition(
        &app,
        &o.org,
        json!({"field": "computing", "year": 2026, "title_en": "Computing 2026"}),
    )
    .await;
    let experts = [
        "chief@j.example",
        "managing@j.example",
        "section@j.example",
        "assistant@j.example",
        "board@j.example",
        "stranger@j.example",
    ];
    crate::support::catalogue::add_experts(&app, &o.org, edition, &experts).await;
    assert_eq!(crate::support::catalogue::phase(&app, &o.org, edition, "evaluation", "").await, 200);
    for (c, want) in [
        (&o.chief, 404),
        (&o.managing, 404),
        (&o.section, 404),
        (&o.assistant, 404),
        (&o.board, 404),
        (&o.stranger, 204),
    ] {
        assert_eq!(crate::support::catalogue::vote(&app, c, edition, o.journal, "T1").await, want);
    }
    // A new editor-in-chief's vote on the journal is withdrawn when named.
    let (_, newcomer) = crate::support::catalogue::account(&app, "new@j.example").await;
    crate::support::catalogue::add_experts(&app, &o.org, edition, &["new@j.example"]).await;
    assert_eq!(
        crate::support::catalogue::vote(&app, &newcomer, edition, o.journal, "T2").await,
        204
    );
    add_staff(&app, &o.org, o.journal, "new@j.example", "editor_in_chief").await;
    let ballot = json_of(
        newcomer
            .get(app.at(&format!("/api/v1/catalogues/{edition}/ballot")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!ballot.to_string().contains("\"T2\""), "the vote is withdrawn: {ballot}");
}
