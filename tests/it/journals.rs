//! The journals register: organisers add journals one by one or from CSV (all rows or none);
//! everyone can read and filter it.

use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::support::catalogue::{field, import, issn, journal, journal_body, organiser};
use crate::support::{TestApp, csrf_of, json_of, page_text};

#[tokio::test]
async fn an_organiser_adds_a_journal_and_anyone_reads_it() {
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    let body = json!({"name_zh": "计算机学报", "name_en": "Chinese Journal of Computers", "issn": "0254-4164", "cn": "cn 11-1826/tp",
                      "publisher": "科学出版社", "country": "cn", "languages": ["zh", "en"], "kind": "basic", "fields": ["computing"],
                      "website": "https://cjc.ict.ac.cn"});
    let id = journal(&app, &org, body).await;
    let j = json_of(app.client().get(app.at(&format!("/api/v1/journals/{id}"))).send().await.unwrap()).await;
    assert_eq!(j["cn"], "11-1826/TP", "CN numbers are normalised");
    assert_eq!(j["country"], "CN");
    assert_eq!(j["country_name"], "China");
    assert_eq!(j["languages"], json!(["zh", "en"]));
    assert_eq!(j["fields"], json!(["computing"]));
    let page = app
        .client()
        .get(app.at(&format!("/journals/{id}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("Chinese Journal of Computers") && html.contains("0254-4164") && html.contains("CN 11-1826&#x2F;TP"));
    assert!(html.contains("Basic research"));
}

#[tokio::test]
async fn a_wrong_issn_check_digit_or_a_taken_identifier_is_refused_by_name() {
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    let res = org
        .post(app.at("/api/v1/journals"))
        .json(&journal_body("Bad", "0254-4165", "CN", &["zh"], "basic", &["computing"]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["issn"].as_str().unwrap().contains("not a valid ISSN"));
    journal(
        &app,
        &org,
        journal_body("First", "0254-4164", "CN", &["zh"], "basic", &["computing"]),
    )
    .await;
    let mut second = journal_body("Second", "0001-0782", "US", &["en"], "applied", &["computing"]);
    second["eissn"] = json!("0254-4164");
    let res = org.post(app.at("/api/v1/journals")).json(&second).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let msg = json_of(res).await["fields"]["eissn"].as_str().unwrap().to_string();
    assert!(
        msg.contains("already has this identifier"),
        "an ISSN cannot be another journal's eISSN: {msg}"
    );
    let res = org
        .post(app.at("/api/v1/journals"))
        .json(&journal_body("Third", &issn(1234), "XX", &["english"], "magazine", &["astrology"]))
        .send()
        .await
        .unwrap();
    let fields = json_of(res).await["fields"].clone();
    for k in ["country", "languages", "kind", "fields"] {
        assert!(fields.get(k).is_some(), "{k} missing from {fields}");
    }
}

#[tokio::test]
async fn only_organisers_change_the_register() {
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    let id = journal(&app, &org, journal_body("Kept", &issn(42), "DE", &["en"], "basic", &["computing"])).await;
    app.user("someone@example.org", false);
    let someone = app.client();
    app.api_login(&someone, "someone@example.org").await;
    let body = journal_body("Changed", &issn(42), "DE", &["en"], "basic", &["computing"]);
    assert_eq!(
        someone.post(app.at("/api/v1/journals")).json(&body).send().await.unwrap().status(),
        403
    );
    assert_eq!(
        someone
            .put(app.at(&format!("/api/v1/journals/{id}")))
            .json(&body)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(import(&app, &someone, "issn\n").await.0, 403);
    let res = someone
        .post(app.at("/api/v1/fields"))
        .json(&json!({"code": "x1", "name_zh": "甲", "name_en": "X"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.client()
            .post(app.at("/api/v1/journals"))
            .json(&body)
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let j = json_of(app.client().get(app.at(&format!("/api/v1/journals/{id}"))).send().await.unwrap()).await;
    assert_eq!(j["name_en"], "Kept");
    // The organiser's forms are not shown to others.
    let html = someone.get(app.at("/journals")).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("id=\"journal-new\""));
    assert_eq!(someone.get(app.at("/journals/new")).send().await.unwrap().status(), 403);
}

const HEADER: &str = "name_zh,name_en,issn,eissn,cn,publisher,country,languages,kind,fields,website\n";

#[tokio::test]
async fn a_csv_import_with_one_bad_row_imports_nothing_and_reports_every_problem() {
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    field(&app, &org, "materials", "材料", "Materials").await;
    let bad = format!(
        "{HEADER}计算机学报,Chinese Journal of Computers,0254-4164,,CN 11-1826/TP,科学出版社,CN,zh;en,basic,computing,\n\
         ,Communications of the ACM,0001-0783,1557-7317,,ACM,US,en,applied,computing,https://cacm.acm.org\n\
         材料导报,,{},,,,CN,zh,review,materials;astronomy,\n",
        issn(777)
    );
    let (status, report) = import(&app, &org, &bad).await;
    assert_eq!(status, 422);
    assert_eq!(report["created"], 0);
    let errors = report["errors"].as_array().unwrap();
    let has = |line: i64, column: &str, problem: &str| {
        errors
            .iter()
            .any(|e| e["line"] == line && e["column"] == column && e["problem"] == problem)
    };
    assert!(has(3, "issn", "validation.issn"), "{errors:?}");
    assert!(has(4, "kind", "validation.journal_kind"), "{errors:?}");
    assert!(has(4, "fields", "validation.subject_field_unknown"), "{errors:?}");
    let list = json_of(app.client().get(app.at("/api/v1/journals")).send().await.unwrap()).await;
    assert_eq!(list["total"], 0, "all or nothing: the good first row was not imported");

    let good = bad
        .replace("0001-0783", "0001-0782")
        .replace(",review,materials;astronomy", ",applied,materials");
    let (status, report) = import(&app, &org, &good).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((report["created"].as_i64(), report["updated"].as_i64()), (Some(3), Some(0)));

    // Importing again with a changed publisher updates the journal found by its ISSN.
    let again = format!("{HEADER},Communications of the ACM,0001-0782,,,Association for Computing Machinery,US,en,applied,computing,\n");
    let (status, report) = import(&app, &org, &again).await;
    assert_eq!((status, report["updated"].as_i64()), (200, Some(1)));
    let list = json_of(app.client().get(app.at("/api/v1/journals?q=0001-0782")).send().await.unwrap()).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["journals"][0]["publisher"], "Association for Computing Machinery");
    assert_eq!(
        json_of(app.client().get(app.at("/api/v1/journals")).send().await.unwrap()).await["total"],
        3
    );
}

#[tokio::test]
async fn the_import_page_shows_each_bad_row_in_the_readers_language() {
    let app = TestApp::new().await;
    let (_, org_api) = organiser(&app, "org@example.org").await;
    field(&app, &org_api, "computing", "计算", "Computing").await;
    let browser = app.client();
    app.page_login(&browser, "org@example.org", crate::support::PASSWORD).await;
    let csrf = csrf_of(&browser, &app.at("/journals/import")).await;
    let csv = format!("{HEADER}甲刊,,1234-5678,,,,CN,zh,basic,computing,\n");
    let form = Form::new()
        .text("csrf", csrf.clone())
        .part(
            "file",
            Part::bytes(csv.into_bytes())
                .file_name("journals.csv")
                .mime_str("text/csv")
                .unwrap(),
        )
        .text("csv", "");
    let res = browser
        .post(app.at("/journals/import"))
        .header("accept-language", "zh-CN")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"import-errors\""));
    assert!(html.contains("ISSN 无效"), "the problem is shown in Chinese");

    let csv = format!("{HEADER}甲刊,,{},,,,CN,zh,basic,computing,\n", issn(5678));
    let form = Form::new().text("csrf", csrf.clone()).text("csv", csv);
    let res = browser.post(app.at("/journals/import")).multipart(form).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("id=\"import-done\""));

    // Without the session's token nothing is imported.
    let form = Form::new()
        .text("csrf", "forged")
        .text("csv", format!("{HEADER}乙刊,,{},,,,CN,zh,basic,computing,\n", issn(9)));
    assert_eq!(
        browser
            .post(app.at("/journals/import"))
            .multipart(form)
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        json_of(app.client().get(app.at("/api/v1/journals")).send().await.unwrap()).await["total"],
        1
    );
}

#[tokio::test]
async fn the_register_filters_by_field_type_language_and_country() {
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    field(&app, &org, "materials", "材料", "Materials").await;
    journal(
        &app,
        &org,
        journal_body("Alpha Computing", &issn(1), "CN", &["zh", "en"], "basic", &["computing"]),
    )
    .await;
    journal(
        &app,
        &org,
        journal_body("Beta Materials", &issn(2), "US", &["en"], "applied", &["materials"]),
    )
    .await;
    journal(
        &app,
        &org,
        journal_body("Gamma Popular", &issn(3), "CN", &["zh"], "popular", &["computing", "materials"]),
    )
    .await;
    let names = |v: serde_json::Value| -> Vec<String> {
        v["journals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["name_en"].as_str().unwrap().to_string())
            .collect()
    };
    let get = |q: &'static str| {
        let c = app.client();
        let url = app.at(&format!("/api/v1/journals?{q}"));
        async move { c.get(url).send().await.unwrap() }
    };
    assert_eq!(
        names(json_of(get("field=computing").await).await),
        ["Alpha Computing", "Gamma Popular"]
    );
    assert_eq!(
        names(json_of(get("language=en").await).await),
        ["Alpha Computing", "Beta Materials"]
    );
    assert_eq!(names(json_of(get("country=cn&kind=popular").await).await), ["Gamma Popular"]);
    assert_eq!(names(json_of(get("q=beta").await).await), ["Beta Materials"]);
    let page = json_of(get("per_page=2&page=2").await).await;
    assert_eq!((page["total"].as_i64(), names(page)), (Some(3), vec!["Gamma Popular".to_string()]));
    for (q, param) in [
        ("field=astro", "field"),
        ("kind=x", "kind"),
        ("country=ZZ", "country"),
        ("page=0", "page"),
        ("per_page=abc", "per_page"),
    ] {
        let res = get(q).await;
        assert_eq!(res.status(), 422, "{q}");
        assert!(json_of(res).await["fields"].get(param).is_some(), "{q} names {param}");
    }
    let html = page_text(&app, &app.client(), "/journals?field=materials", "en").await;
    assert!(html.contains("Beta Materials") && !html.contains("Alpha Computing"));
    let html = page_text(&app, &app.client(), "/journals?country=ZZ", "en").await;
    assert!(html.contains("id=\"filter-error\""));
}

#[tokio::test]
async fn the_journal_form_keeps_what_was_typed_when_an_issn_is_wrong() {
    let app = TestApp::new().await;
    let (_, org_api) = organiser(&app, "org@example.org").await;
    field(&app, &org_api, "computing", "计算", "Computing").await;
    let browser = app.client();
    app.page_login(&browser, "org@example.org", crate::support::PASSWORD).await;
    let csrf = csrf_of(&browser, &app.at("/journals/new")).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("name_zh", "软件学报"),
        ("issn", "1000-9826"),
        ("country", "CN"),
        ("lang_zh", "on"),
        ("lang_en", "on"),
        ("kind", "basic"),
        ("field_computing", "on"),
    ];
    let res = browser
        .post(app.at("/journals/new"))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("not a valid ISSN") && html.contains("软件学报") && html.contains("checked"));
    // Country and languages are chosen by name and come back chosen.
    assert!(html.contains("<option value=\"CN\" selected>China</option>"), "{html}");
    assert!(html.contains("name=\"lang_en\" checked> English"), "{html}");
    assert!(!html.contains("Two-letter"), "no codes to type");
    let issn_ok = issn(9825);
    let form = [
        ("issn", issn_ok.as_str()),
        ("csrf", csrf.as_str()),
        ("name_zh", "软件学报"),
        ("country", "CN"),
        ("lang_zh", "on"),
        ("lang_en", "on"),
        ("kind", "basic"),
        ("field_computing", "on"),
    ];
    let res = browser.post(app.at("/journals/new")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303, "redirected to the journal page");
    let to = res.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/journals/"));
    let id: i64 = to.trim_start_matches("/journals/").parse().unwrap();
    let saved = json_of(browser.get(app.at(&format!("/api/v1/journals/{id}"))).send().await.unwrap()).await;
    assert_eq!(saved["languages"], json!(["en", "zh"]), "{saved}");
    assert_eq!(saved["country"], "CN");
    let edit = page_text(&app, &browser, &format!("/journals/{id}/edit"), "zh-CN").await;
    assert!(
        edit.contains("<option value=\"CN\" selected>中国</option>") && edit.contains("name=\"lang_zh\" checked> 中文"),
        "{edit}"
    );
    assert!(
        browser
            .get(app.at(&to))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("软件学报")
    );
}

#[tokio::test]
async fn organisers_name_a_journals_editors_who_then_cannot_vote_on_it() {
    let app = TestApp::new().await;
    let (_, org) = organiser(&app, "org@example.org").await;
    field(&app, &org, "computing", "计算", "Computing").await;
    let id = journal(
        &app,
        &org,
        journal_body("Edited", &issn(77), "CN", &["zh"], "basic", &["computing"]),
    )
    .await;
    app.user("ed@example.org", false);
    let add = |email: &str, role: &str| json!({"email": email, "role": role});
    let url = app.at(&format!("/api/v1/journals/{id}/staff"));
    assert_eq!(
        org.post(&url)
            .json(&add("nobody@example.org", "editor"))
            .send()
            .await
            .unwrap()
            .status(),
        422
    );
    assert_eq!(
        org.post(&url).json(&add("ed@example.org", "owner")).send().await.unwrap().status(),
        422
    );
    assert_eq!(
        org.post(&url)
            .json(&add("ed@example.org", "board_member"))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    let staff = json_of(org.get(&url).send().await.unwrap()).await;
    assert_eq!(staff[0]["role"], "board_member");
    let (_, other) = crate::support::catalogue::account(&app, "other@example.org").await;
    assert_eq!(other.get(&url).send().await.unwrap().status(), 403);
    let edition = crate::support::catalogue::edition(
        &app,
        &org,
        json!({"field": "computing", "year": 2026, "title_en": "Computing 2026"}),
    )
    .await;
    let ed = app.client();
    app.api_login(&ed, "ed@example.org").await;
    crate::support::catalogue::add_experts(&app, &org, edition, &["ed@example.org"]).await;
    assert_eq!(crate::support::catalogue::phase(&app, &org, edition, "evaluation", "").await, 200);
    assert_eq!(
        crate::support::catalogue::vote(&app, &ed, edition, id, "T1").await,
        404,
        "board members do not vote on their journal"
    );
    // Keeping the register does not let an organiser lift the conflict by removing the staff
    // member, and the staff member cannot remove themselves either.
    let remove = app.at(&format!("/api/v1/journals/{id}/staff/{}?role=board_member", staff[0]["user_id"]));
    assert_eq!(org.delete(&remove).send().await.unwrap().status(), 403);
    assert_eq!(ed.delete(&remove).send().await.unwrap().status(), 403);
    assert_eq!(crate::support::catalogue::vote(&app, &ed, edition, id, "T1").await, 404);
    // A site administrator may (say the person left the board); then they vote.
    app.user("root@example.org", true);
    let admin = app.client();
    app.api_login(&admin, "root@example.org").await;
    assert_eq!(admin.delete(&remove).send().await.unwrap().status(), 204);
    assert_eq!(crate::support::catalogue::vote(&app, &ed, edition, id, "T1").await, 204);
    // Named editor later: the vote on their journal is withdrawn, and both changes are on record.
    assert_eq!(
        org.post(&url).json(&add("ed@example.org", "editor")).send().await.unwrap().status(),
        204
    );
    let ballot = json_of(
        ed.get(app.at(&format!("/api/v1/catalogues/{edition}/ballot")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!ballot.to_string().contains("\"T1\""), "the vote must be withdrawn: {ballot}");
    let audit = json_of(
        org.get(app.at(&format!("/api/v1/catalogues/{edition}/audit")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(audit.to_string().contains("vote_withdrawn"), "{audit}");
    let page = org
        .get(app.at(&format!("/journals/{id}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("id=\"staff-changes\"") && page.contains("removed"),
        "staff changes are shown"
    );
}
