//! Organisers create venues and calls for papers; everyone reads the public call page.

use chrono::{Duration, Utc};
use serde_json::{Value, json};

use crate::support::rows::{error_beside, input_value, is_spare, selected, textarea_value, ticked};
use crate::support::{PASSWORD, TestApp, csrf_of, extract_csrf, json_of, page_text};

pub fn venue_body(slug: &str) -> Value {
    json!({
        "slug": slug, "kind": "conference", "title_zh": "2027年学术年会", "title_en": "Annual Conference 2027",
        "description_zh": "综合性学术会议", "description_en": "A comprehensive conference",
        "starts_on": "2027-05-10", "ends_on": "2027-05-12", "place": "北京", "timezone": "Asia/Shanghai",
        "tracks": [{"slug": "main", "kind": "track", "name_zh": "主会场", "name_en": "Main"},
                   {"slug": "ysf", "kind": "forum", "name_zh": "青年科学家论坛", "name_en": "Young Scientists Forum", "age_limit": 40}],
        "topics": [{"name_zh": "人工智能", "name_en": "Artificial intelligence"}, {"name_zh": "数据库", "name_en": "Databases"}]
    })
}

/// An admin-created venue whose chair is `chair@example.org` (the admin hands it over).
pub async fn venue_with_chair(app: &TestApp, slug: &str) -> reqwest::Client {
    app.user(&format!("admin-{slug}@example.org"), true);
    let admin = app.client();
    app.api_login(&admin, &format!("admin-{slug}@example.org")).await;
    let res = admin.post(app.at("/api/v1/venues")).json(&venue_body(slug)).send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    admin
}

fn local_in_shanghai(offset: Duration) -> String {
    let t = Utc::now() + offset;
    t.with_timezone(&chrono_tz::Asia::Shanghai).format("%Y-%m-%dT%H:%M").to_string()
}

#[tokio::test]
async fn a_site_admin_creates_a_venue_sets_its_call_and_everyone_sees_the_call_page() {
    let app = TestApp::new().await;
    let admin = venue_with_chair(&app, "annual-2027").await;
    let res = admin
        .put(app.at("/api/v1/venues/annual-2027/call"))
        .json(
            &json!({"abstract_deadline": "2027-03-01T23:59", "paper_deadline": "2027-03-08T23:59", "grace_minutes": 30,
                      "page_limit": 12, "anonymity": "double_blind",
                      "questions": [{"kind": "choice", "label_zh": "报告形式", "label_en": "Format", "required": true,
                                     "options": [{"zh": "口头", "en": "Oral"}, {"zh": "海报", "en": "Poster"}]}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    open_on_the_page(&app, &admin, "annual-2027").await;
    let detail = json_of(app.client().get(app.at("/api/v1/venues/annual-2027")).send().await.unwrap()).await;
    assert_eq!(detail["call"]["paper_deadline"], "2027-03-08T15:59:00Z", "stored in UTC");
    assert_eq!(detail["call"]["paper_due"]["venue_local"], "2027-03-08 23:59 CST");
    assert_eq!(detail["call"]["max_file_mb"], 20, "default size limit");
    assert_eq!(detail["call"]["accepting_new"], true);
    assert_eq!(detail["tracks"][1]["age_limit"], 40);
    assert_eq!(detail["call"]["questions"][0]["choices"][1]["en"], "Poster");

    let page = app
        .client()
        .get(app.at("/venues/annual-2027"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Annual Conference 2027"));
    assert!(page.contains("2027-03-08 23:59 CST"));
    assert!(
        page.contains("datetime=\"2027-03-08T15:59:00+00:00\""),
        "browsers get UTC to show the reader's own time"
    );
    assert!(page.contains("Double-blind"));
    assert!(page.contains("id=\"submit-link\""));
    assert!(!page.contains("edit-call"), "no organiser tools for visitors");
    let zh = app
        .client()
        .get(app.at("/venues/annual-2027"))
        .header("accept-language", "zh-CN")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(zh.contains("2027年学术年会") && zh.contains("全文截止") && zh.contains("青年科学家论坛"));
}

#[tokio::test]
async fn only_admins_create_venues_and_only_their_chairs_edit_them() {
    let app = TestApp::new().await;
    let admin = venue_with_chair(&app, "mine").await;
    app.user("stranger@example.org", false);
    let stranger = app.client();
    app.api_login(&stranger, "stranger@example.org").await;
    assert_eq!(
        stranger
            .post(app.at("/api/v1/venues"))
            .json(&venue_body("theirs"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        stranger
            .put(app.at("/api/v1/venues/mine"))
            .json(&venue_body("mine"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        stranger
            .put(app.at("/api/v1/venues/mine/call"))
            .json(&json!({"paper_deadline": "2027-01-01T00:00", "anonymity": "open"}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(stranger.get(app.at("/venues/mine/edit")).send().await.unwrap().status(), 404);
    assert_eq!(stranger.get(app.at("/venues/new")).send().await.unwrap().status(), 403);
    // Site administrators can make someone an organiser, who may then create venues.
    let stranger_id = xuehui::auth::store::by_email(&mut app.state.db.conn().unwrap(), "stranger@example.org")
        .unwrap()
        .unwrap()
        .id;
    xuehui::auth::roles::grant(
        &mut app.state.db.conn().unwrap(),
        stranger_id,
        xuehui::auth::roles::Role::Organiser,
        xuehui::auth::roles::Scope::Site,
        0,
    )
    .unwrap();
    assert_eq!(
        stranger
            .post(app.at("/api/v1/venues"))
            .json(&venue_body("theirs"))
            .send()
            .await
            .unwrap()
            .status(),
        201
    );
    assert_eq!(
        stranger
            .put(app.at("/api/v1/venues/mine"))
            .json(&venue_body("mine"))
            .send()
            .await
            .unwrap()
            .status(),
        404,
        "but not edit others' venues"
    );
    assert_eq!(
        app.client()
            .put(app.at("/api/v1/venues/mine"))
            .json(&venue_body("mine"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // Another venue's chair is a stranger here too.
    venue_with_chair(&app, "other").await;
    let other_chair = app.client();
    app.api_login(&other_chair, "admin-other@example.org").await;
    // (a site admin may manage every venue; demote by using a plain chair instead)
    use xuehui::auth::roles;
    let chair_id = app.user("chair-other@example.org", false);
    let other_id = {
        let mut c = app.state.db.conn().unwrap();
        xuehui::venues::store::by_slug(&mut c, "other").unwrap().id
    };
    roles::grant(
        &mut app.state.db.conn().unwrap(),
        chair_id,
        roles::CHAIR,
        roles::SCOPE_VENUE,
        other_id,
    )
    .unwrap();
    let chair = app.client();
    app.api_login(&chair, "chair-other@example.org").await;
    assert_eq!(
        chair
            .put(app.at("/api/v1/venues/other/call"))
            .json(&json!({"paper_deadline": "2027-01-01T00:00", "anonymity": "open"}))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        chair
            .put(app.at("/api/v1/venues/mine/call"))
            .json(&json!({"paper_deadline": "2027-01-01T00:00", "anonymity": "open"}))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let _ = admin;
}

#[tokio::test]
async fn bad_venue_and_call_input_is_refused_field_by_field() {
    let app = TestApp::new().await;
    let admin = venue_with_chair(&app, "valid").await;
    let mut body = venue_body("Bad Slug!");
    body["timezone"] = json!("Beijing Time");
    body["ends_on"] = json!("2027-05-01");
    let res = admin.post(app.at("/api/v1/venues")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let e = json_of(res).await;
    for f in ["slug", "timezone", "ends_on"] {
        assert!(e["fields"][f].is_string(), "{f} in {e}");
    }
    let res = admin
        .post(app.at("/api/v1/venues"))
        .json(&venue_body("valid"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        json_of(res).await["fields"]["slug"],
        "This URL name is already used by another venue."
    );
    let res = admin
        .put(app.at("/api/v1/venues/valid/call"))
        .json(&json!({"abstract_deadline": "2027-04-01T00:00", "paper_deadline": "2027-03-01T00:00", "anonymity": "triple_blind", "max_file_mb": 0}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let e = json_of(res).await;
    for f in ["abstract_deadline", "anonymity", "max_file_mb"] {
        assert!(e["fields"][f].is_string(), "{f} in {e}");
    }
}

/// The venue form's fields for a new forum, without rows.
fn new_venue_form(csrf: &str, slug: &str) -> Vec<(String, String)> {
    [
        ("csrf", csrf),
        ("slug", slug),
        ("kind", "forum"),
        ("title_zh", "青年科学家论坛"),
        ("title_en", "Young Scientists Forum"),
        ("timezone", "Asia/Shanghai"),
        ("age_limit", "40"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Adds row `i` of `list` with these cells.
fn row(form: &mut Vec<(String, String)>, list: &str, i: usize, cells: &[(&str, &str)]) {
    for (field, value) in cells {
        form.push((format!("{list}[{i}].{field}"), value.to_string()));
    }
}

async fn organiser(app: &TestApp) -> reqwest::Client {
    app.user("boss@example.org", true);
    let c = app.client();
    app.page_login(&c, "boss@example.org", PASSWORD).await;
    c
}

#[tokio::test]
async fn the_organiser_forms_create_edit_and_keep_input_on_errors() {
    let app = TestApp::new().await;
    let c = organiser(&app).await;
    let csrf = csrf_of(&c, &app.at("/venues/new")).await;
    let mut form = new_venue_form(&csrf, "ysf-2027");
    row(
        &mut form,
        "tracks",
        0,
        &[
            ("slug", "main"),
            ("kind", "track"),
            ("name_zh", "主论坛"),
            ("name_en", "Main forum"),
        ],
    );
    row(
        &mut form,
        "tracks",
        1,
        &[("slug", "Broken Name"), ("kind", "forum"), ("name_zh", "分论坛")],
    );
    row(&mut form, "topics", 0, &[("name_zh", "材料"), ("name_en", "Materials")]);
    let res = c
        .post(app.at("/venues/new"))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "tracks[1].slug").as_deref(),
        Some("Use 2 to 60 lower-case letters, digits and hyphens.")
    );
    assert_eq!(
        input_value(&html, "tracks[1].slug").as_deref(),
        Some("Broken Name"),
        "typed text kept"
    );
    assert_eq!(input_value(&html, "topics[0].name_en").as_deref(), Some("Materials"));
    let i = form.iter().position(|(k, _)| k == "tracks[1].slug").unwrap();
    form[i].1 = "side".into();
    let res = c.post(app.at("/venues/new")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/venues/ysf-2027/call/edit");

    let deadline = local_in_shanghai(Duration::days(10));
    let csrf = csrf_of(&c, &app.at("/venues/ysf-2027/call/edit")).await;
    let res = c
        .post(app.at("/venues/ysf-2027/call/edit"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("paper_deadline", deadline.as_str()),
            ("grace_minutes", "15"),
            ("max_file_mb", "10"),
            ("supp_max_mb", "50"),
            ("anonymity", "single_blind"),
            ("questions[0].kind", "text"),
            ("questions[0].label_zh", "备注"),
            ("questions[0].label_en", "Notes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let edit = c
        .get(app.at("/venues/ysf-2027/call/edit"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        edit.contains(&format!("value=\"{deadline}\"")),
        "deadline shown back in the venue's zone"
    );
    assert_eq!(input_value(&edit, "questions[0].label_zh").as_deref(), Some("备注"));
    assert_eq!(selected(&edit, "questions[0].kind").as_deref(), Some("text"));
    let page = c.get(app.at("/venues/ysf-2027")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("id=\"edit-call\""), "chairs see their tools: {page}");
    assert!(page.contains("40"));
}

#[tokio::test]
async fn the_venue_form_adds_two_tracks_as_rows_and_shows_them_again_on_edit() {
    let app = TestApp::new().await;
    let c = organiser(&app).await;
    let new_page = page_text(&app, &c, "/venues/new", "zh-CN").await;
    assert_eq!(
        is_spare(&new_page, "track-0"),
        Some(false),
        "an empty list shows one row to fill in"
    );
    assert_eq!(is_spare(&new_page, "track-1"), Some(true), "more rows wait for the add button");
    assert!(new_page.contains("id=\"add-tracks\""));
    assert!(
        new_page.contains(">分会场</option>") && new_page.contains(">论坛</option>"),
        "the kinds are named in the reader's language"
    );
    for english in ["track or forum", "| track", ">track<", ">forum<", "required or optional"] {
        assert!(!new_page.contains(english), "no English keyword `{english}` on the Chinese page");
    }
    let csrf = extract_csrf(&new_page).unwrap();
    let mut form = new_venue_form(&csrf, "ysf-2028");
    row(
        &mut form,
        "tracks",
        0,
        &[("slug", "main"), ("kind", "track"), ("name_zh", "主会场"), ("name_en", "Main")],
    );
    row(
        &mut form,
        "tracks",
        1,
        &[
            ("slug", "ysf"),
            ("kind", "forum"),
            ("name_zh", "青年论坛"),
            ("name_en", "Young Forum"),
            ("age_limit", "35"),
        ],
    );
    row(
        &mut form,
        "tracks",
        2,
        &[("slug", ""), ("kind", "track"), ("name_zh", ""), ("name_en", ""), ("age_limit", "")],
    );
    row(&mut form, "topics", 0, &[("name_zh", "人工智能"), ("name_en", "AI")]);
    let res = c.post(app.at("/venues/new")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);

    let tracks = json_of(c.get(app.at("/api/v1/venues/ysf-2028")).send().await.unwrap()).await["tracks"].clone();
    assert_eq!(tracks.as_array().map(Vec::len), Some(2), "the blank row is ignored: {tracks}");

    let edit = page_text(&app, &c, "/venues/ysf-2028/edit", "en").await;
    assert_eq!(input_value(&edit, "tracks[0].slug").as_deref(), Some("main"));
    assert_eq!(input_value(&edit, "tracks[1].name_en").as_deref(), Some("Young Forum"));
    assert_eq!(input_value(&edit, "tracks[1].age_limit").as_deref(), Some("35"));
    assert_eq!(selected(&edit, "tracks[1].kind").as_deref(), Some("forum"));
    assert_eq!(input_value(&edit, "topics[0].name_zh").as_deref(), Some("人工智能"));
    assert_eq!(is_spare(&edit, "track-1"), Some(false));
    assert_eq!(
        input_value(&edit, "tracks[2].slug").as_deref(),
        Some(""),
        "spare rows follow the stored ones"
    );
    assert_eq!(is_spare(&edit, "track-2"), Some(true));

    // Removing a row: tick its box.
    let csrf = extract_csrf(&edit).unwrap();
    let mut form = new_venue_form(&csrf, "ysf-2028");
    row(
        &mut form,
        "tracks",
        0,
        &[
            ("slug", "main"),
            ("kind", "track"),
            ("name_zh", "主会场"),
            ("name_en", "Main"),
            ("remove", "1"),
        ],
    );
    row(
        &mut form,
        "tracks",
        1,
        &[
            ("slug", "ysf"),
            ("kind", "forum"),
            ("name_zh", "青年论坛"),
            ("name_en", "Young Forum"),
        ],
    );
    let res = c.post(app.at("/venues/ysf-2028/edit")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let edit = page_text(&app, &c, "/venues/ysf-2028/edit", "en").await;
    assert_eq!(input_value(&edit, "tracks[0].slug").as_deref(), Some("ysf"));
    assert_eq!(input_value(&edit, "tracks[1].slug").as_deref(), Some(""));
}

#[tokio::test]
async fn a_track_row_with_a_bad_slug_is_refused_naming_that_row_and_keeps_every_row_typed() {
    let app = TestApp::new().await;
    let c = organiser(&app).await;
    let csrf = csrf_of(&c, &app.at("/venues/new")).await;
    let mut form = new_venue_form(&csrf, "ysf-2029");
    row(
        &mut form,
        "tracks",
        0,
        &[("slug", "main"), ("kind", "track"), ("name_zh", "主会场")],
    );
    row(&mut form, "tracks", 1, &[("slug", ""), ("kind", "track"), ("name_zh", "")]);
    row(
        &mut form,
        "tracks",
        2,
        &[("slug", "主会场"), ("kind", "forum"), ("name_zh", "青年论坛"), ("age_limit", "40")],
    );
    row(
        &mut form,
        "tracks",
        3,
        &[("slug", "main"), ("kind", "forum"), ("name_en", "Again"), ("age_limit", "forty")],
    );
    row(&mut form, "topics", 0, &[("name_zh", "材料")]);
    let res = c
        .post(app.at("/venues/new"))
        .header("accept-language", "zh-CN")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "tracks[3].age_limit").as_deref(),
        Some("请填写整数。"),
        "{html}"
    );
    assert_eq!(error_beside(&html, "tracks[0].slug"), None);
    for (name, value) in [
        ("tracks[0].slug", "main"),
        ("tracks[2].slug", "主会场"),
        ("tracks[2].name_zh", "青年论坛"),
        ("tracks[2].age_limit", "40"),
        ("tracks[3].name_en", "Again"),
        ("tracks[3].age_limit", "forty"),
        ("topics[0].name_zh", "材料"),
        ("title_zh", "青年科学家论坛"),
    ] {
        assert_eq!(input_value(&html, name).as_deref(), Some(value), "{name} kept");
    }
    assert_eq!(selected(&html, "tracks[2].kind").as_deref(), Some("forum"));

    // With the number fixed, the shared checks name the rows the form showed.
    let i = form.iter().position(|(k, _)| k == "tracks[3].age_limit").unwrap();
    form[i].1 = "40".into();
    let res = c
        .post(app.at("/venues/new"))
        .header("accept-language", "zh-CN")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "tracks[2].slug").as_deref(),
        Some("请使用 2 到 60 个小写字母、数字或连字符。"),
        "the row the organiser typed (not its place among the filled rows)"
    );
    assert_eq!(
        error_beside(&html, "tracks[3].slug").as_deref(),
        Some("本会议的另一个分会场已使用此网址名。")
    );
    assert_eq!(error_beside(&html, "tracks[0].slug"), None);
    assert_eq!(input_value(&html, "tracks[3].name_en").as_deref(), Some("Again"));
}

#[tokio::test]
async fn a_bad_question_row_is_refused_naming_that_row_and_choices_show_again_on_edit() {
    let app = TestApp::new().await;
    venue_with_chair(&app, "conf").await;
    let c = app.client();
    app.page_login(&c, "admin-conf@example.org", PASSWORD).await;
    let deadline = local_in_shanghai(Duration::days(10));
    let csrf = csrf_of(&c, &app.at("/venues/conf/call/edit")).await;
    let mut form: Vec<(String, String)> = [
        ("csrf", csrf.as_str()),
        ("paper_deadline", deadline.as_str()),
        ("grace_minutes", "0"),
        ("max_file_mb", "20"),
        ("supp_max_mb", "50"),
        ("anonymity", "double_blind"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    row(
        &mut form,
        "questions",
        0,
        &[
            ("kind", "choice"),
            ("required", "1"),
            ("label_zh", "报告形式"),
            ("label_en", "Presentation"),
            ("options_zh", "口头\n墙报"),
            ("options_en", "Oral\nPoster"),
        ],
    );
    row(
        &mut form,
        "questions",
        1,
        &[
            ("kind", "choice"),
            ("label_zh", "语言"),
            ("options_zh", "中文\n英文"),
            ("options_en", "Chinese"),
        ],
    );
    row(&mut form, "questions", 2, &[("kind", "choice"), ("label_en", "Meal")]);
    let res = c
        .post(app.at("/venues/conf/call/edit"))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        error_beside(&html, "questions[1].options").is_some_and(|e| e.starts_with("Give as many English choices")),
        "{html}"
    );
    assert_eq!(textarea_value(&html, "questions[1].options_zh").as_deref(), Some("中文\n英文"));
    assert_eq!(input_value(&html, "questions[2].label_en").as_deref(), Some("Meal"));
    assert!(ticked(&html, "questions[0].required"));

    let i = form.iter().position(|(k, _)| k == "questions[1].options_en").unwrap();
    form[i].1 = "Chinese\nEnglish".into();
    let res = c
        .post(app.at("/venues/conf/call/edit"))
        .header("accept-language", "en")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert_eq!(
        error_beside(&html, "questions[2].options").as_deref(),
        Some("A choice question needs its choices, one per line.")
    );
    assert_eq!(error_beside(&html, "questions[1].options"), None);

    form.retain(|(k, _)| !k.starts_with("questions[2]"));
    let res = c.post(app.at("/venues/conf/call/edit")).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let edit = page_text(&app, &c, "/venues/conf/call/edit", "zh-CN").await;
    assert_eq!(selected(&edit, "questions[0].kind").as_deref(), Some("choice"));
    assert!(ticked(&edit, "questions[0].required"));
    assert_eq!(textarea_value(&edit, "questions[0].options_en").as_deref(), Some("Oral\nPoster"));
    assert_eq!(textarea_value(&edit, "questions[1].options_zh").as_deref(), Some("中文\n英文"));
    assert!(
        edit.contains(">单选</option>") && !edit.contains(">choice<"),
        "kinds in the reader's language"
    );
}

#[tokio::test]
async fn a_deadline_in_another_zone_closes_on_time_with_its_grace_period() {
    let app = TestApp::new().await;
    let admin = venue_with_chair(&app, "ny").await;
    let mut body = venue_body("ny");
    body["timezone"] = json!("America/New_York");
    admin.put(app.at("/api/v1/venues/ny")).json(&body).send().await.unwrap();
    let ny = |offset: Duration| {
        (Utc::now() + offset)
            .with_timezone(&chrono_tz::America::New_York)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let set = |deadline: String, grace: i32| {
        let admin = admin.clone();
        let url = app.at("/api/v1/venues/ny/call");
        async move {
            let res = admin
                .put(url)
                .json(&json!({"paper_deadline": deadline, "grace_minutes": grace, "anonymity": "open"}))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200);
            json_of(res).await
        }
    };
    set(ny(Duration::hours(2)), 0).await;
    crate::support::review::open_call(&app, &admin, "ny").await;
    // Ten minutes ago in New York: closed, unless the grace period covers it.
    assert_eq!(set(ny(-Duration::minutes(10)), 0).await["call"]["accepting_new"], false);
    assert_eq!(set(ny(-Duration::minutes(10)), 30).await["call"]["accepting_new"], true);
    assert_eq!(set(ny(Duration::hours(2)), 0).await["call"]["accepting_new"], true);
    let page = app.client().get(app.at("/venues/ny")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("EST") || page.contains("EDT"));
}

/// The chair presses "Open the call" on the venue page.
async fn open_on_the_page(app: &TestApp, chair: &reqwest::Client, slug: &str) -> reqwest::Response {
    let url = app.at(&format!("/venues/{slug}"));
    let csrf = csrf_of(chair, &url).await;
    chair
        .post(app.at(&format!("/venues/{slug}/open")))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_venue_is_a_draft_only_its_chairs_see_until_they_open_the_call() {
    let app = TestApp::new().await;
    let admin = venue_with_chair(&app, "draft-27").await;
    app.user("author@draft.org", false);
    let author = app.client();
    assert_eq!(app.page_login(&author, "author@draft.org", PASSWORD).await.status(), 303);
    let visitor = app.client();

    // Without a call it cannot be opened; the page says what is missing.
    let page = admin
        .get(app.at("/venues/draft-27"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("id=\"draft-notice\"") && page.contains("There is no call for papers yet."),
        "{page}"
    );
    let res = admin
        .post(app.at("/api/v1/venues/draft-27/open"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 409);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("call for papers"));
    let res = admin
        .put(app.at("/api/v1/venues/draft-27/call"))
        .json(&json!({"paper_deadline": local_in_shanghai(Duration::days(9)), "anonymity": "single_blind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(json_of(res).await["call"]["accepting_new"], false, "a draft accepts nothing");

    // Nobody else finds it: not by its address, the API, the list or the submission form.
    for c in [&visitor, &author] {
        for path in ["/venues/draft-27", "/api/v1/venues/draft-27", "/venues/draft-27/submit"] {
            let status = c.get(app.at(path)).send().await.unwrap().status();
            assert!(status == 404 || (path.ends_with("submit") && status == 303), "{path}: {status}");
        }
        let list = c.get(app.at("/api/v1/venues")).send().await.unwrap().text().await.unwrap();
        assert!(!list.contains("draft-27"));
        let home = c.get(app.at("/")).send().await.unwrap().text().await.unwrap();
        assert!(!home.contains("draft-27"));
    }
    let res = author
        .post(app.at("/api/v1/venues/draft-27/submissions"))
        .multipart(reqwest::multipart::Form::new().text("metadata", "{}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404, "no submission into a draft");
    // Its chair sees it on the home page, marked as a draft, and cannot submit yet either.
    let home = admin.get(app.at("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("id=\"draft-draft-27\""));
    let form = admin
        .get(app.at("/venues/draft-27/submit"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("This venue is still a draft"), "{form}");

    // Only its chairs open it.
    let res = author.post(app.at("/api/v1/venues/draft-27/open")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let res = open_on_the_page(&app, &admin, "draft-27").await;
    assert_eq!(res.status(), 303);
    let page = visitor.get(app.at("/venues/draft-27")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(!page.contains("draft-notice") && page.contains("id=\"submit-link\""));
    let detail = json_of(author.get(app.at("/api/v1/venues/draft-27")).send().await.unwrap()).await;
    assert_eq!(detail["call"]["accepting_new"], true);
    assert!(detail["opened_at"].is_string());
    assert_eq!(author.get(app.at("/venues/draft-27/submit")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn someone_who_does_not_run_the_venue_or_edition_posting_the_row_forms_changes_nothing() {
    let app = TestApp::new().await;
    let chair = venue_with_chair(&app, "conf").await;
    let (_, _, _) = crate::support::catalogue::computing_edition(&app, json!({})).await;
    app.user("stranger@example.org", false);
    let c = app.client();
    app.page_login(&c, "stranger@example.org", PASSWORD).await;
    let csrf = csrf_of(&c, &app.at("/")).await;
    let deadline = local_in_shanghai(Duration::days(10));
    for (path, rows) in [
        (
            "/venues/conf/edit",
            vec![
                ("title_zh", "改名"),
                ("timezone", "Asia/Shanghai"),
                ("kind", "conference"),
                ("tracks[0].slug", "taken"),
                ("tracks[0].kind", "track"),
                ("tracks[0].name_zh", "占领"),
            ],
        ),
        (
            "/venues/conf/call/edit",
            vec![
                ("paper_deadline", deadline.as_str()),
                ("anonymity", "open"),
                ("questions[0].kind", "text"),
                ("questions[0].label_zh", "问题"),
            ],
        ),
        (
            "/venues/conf/committee/invite",
            vec![("role", "reviewer"), ("invitees[0].email", "friend@example.org")],
        ),
        (
            "/catalogues/computing-2026/manage",
            vec![
                ("title_zh", "改名"),
                ("indicators[0].code", "mine"),
                ("indicators[0].name_zh", "我的"),
            ],
        ),
    ] {
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend(rows);
        let res = c.post(app.at(path)).form(&form).send().await.unwrap();
        assert!(
            [403, 404].contains(&res.status().as_u16()),
            "{path} answered {} to a stranger",
            res.status()
        );
    }
    let v = json_of(chair.get(app.at("/api/v1/venues/conf")).send().await.unwrap()).await;
    assert_eq!(v["title_zh"], "2027年学术年会");
    assert!(v["tracks"].as_array().unwrap().iter().all(|t| t["slug"] != "taken"));
    assert!(app.mails_to("friend@example.org").is_empty());
    assert!(v["call"].is_null(), "no call was set: {}", v["call"]);
}
