//! Sign-up, verification, login, logout, password reset and profile, as users do them.

use serde_json::json;

use crate::support::{PASSWORD, TestApp, csrf_of, json_of, link_in};

#[tokio::test]
async fn signup_verify_login_then_me_through_the_api() {
    let app = TestApp::new().await;
    let c = app.client();
    let res = c
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"email": "Wang.Fang@Example.org", "password": PASSWORD, "name_zh": "王芳", "orcid": "0000-0002-1825-0097"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    // Not verified yet: login is refused with a clear reason.
    let res = c
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": "wang.fang@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("confirm your e-mail"));

    let (subject, body) = app.last_mail_to("wang.fang@example.org").expect("verification mail queued");
    assert!(subject.contains("确认") || subject.contains("Confirm"), "{subject}");
    let link = link_in(&body);
    assert!(link.starts_with(&app.state.config.base_url));
    let path = link.trim_start_matches(&app.state.config.base_url);
    let res = c.get(app.at(path)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    // The link works once.
    let again = c.get(app.at(path)).send().await.unwrap().text().await.unwrap();
    assert!(again.contains("已使用") || again.contains("already used"));

    app.api_login(&c, "wang.fang@example.org").await;
    let me = json_of(c.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["email"], "wang.fang@example.org");
    assert_eq!(me["name_zh"], "王芳");
    assert_eq!(me["orcid"], "0000-0002-1825-0097");
    assert_eq!(me["email_verified"], true);

    // Logging out ends the session on the server.
    assert_eq!(c.delete(app.at("/api/v1/session")).send().await.unwrap().status(), 204);
    assert_eq!(c.get(app.at("/api/v1/me")).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn signup_page_keeps_input_and_shows_messages_on_errors() {
    let app = TestApp::new().await;
    let c = app.client();
    let csrf = csrf_of(&c, &app.at("/signup")).await;
    let res = c
        .post(app.at("/signup"))
        .header("accept-language", "en")
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "li@example"),
            ("password", "short"),
            ("name_latin", "Li Hua"),
            ("orcid", "1234"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("Enter a valid e-mail address."), "{html}");
    assert!(html.contains("Use at least 10 characters."));
    assert!(html.contains("not a valid ORCID iD"));
    assert!(html.contains("value=\"Li Hua\""), "typed name is kept");
    assert!(html.contains("value=\"li@example\""), "typed e-mail is kept");
    assert!(!html.contains("value=\"short\""), "passwords are never echoed");
}

#[tokio::test]
async fn signup_page_to_login_page_in_chinese() {
    let app = TestApp::new().await;
    let c = app.client();
    let csrf = csrf_of(&c, &app.at("/signup")).await;
    let res = c
        .post(app.at("/signup"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "zhao@example.cn"),
            ("password", PASSWORD),
            ("name_zh", "赵敏"),
            ("preferred_lang", "zh-CN"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("zhao@example.cn"));
    let (subject, body) = app.last_mail_to("zhao@example.cn").unwrap();
    assert_eq!(subject, "请确认您在“学会”平台的邮箱地址");
    assert!(body.contains("赵敏"));
    let link = link_in(&body);
    c.get(app.at(link.trim_start_matches(&app.state.config.base_url)))
        .send()
        .await
        .unwrap();
    let res = app.page_login(&c, "zhao@example.cn", PASSWORD).await;
    assert_eq!(res.status(), 303);
    let home = c.get(app.at("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("赵敏"), "the header shows the logged-in user");
    assert!(home.contains("退出"));
}

async fn api_signup(app: &TestApp, email: &str) -> (reqwest::StatusCode, String) {
    let res = app
        .client()
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"email": email, "password": PASSWORD, "name_latin": "X"}))
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

#[tokio::test]
async fn signing_up_with_a_taken_address_answers_like_a_new_one_and_tells_the_owner() {
    let app = TestApp::new().await;
    app.user("taken@example.org", false);
    let (status, body) = api_signup(&app, "TAKEN@example.org").await;
    let (new_status, new_body) = api_signup(&app, "fresh@example.org").await;
    assert_eq!((status, new_status), (reqwest::StatusCode::CREATED, reqwest::StatusCode::CREATED));
    assert_eq!(
        body.replace("taken@", "fresh@"),
        new_body,
        "the same answer whether or not the address has an account"
    );
    // The owner learns that someone tried; no second account, no verification link.
    let (subject, mail) = app.last_mail_to("taken@example.org").expect("a note to the owner");
    assert!(subject.contains("sign up") || subject.contains("注册"), "{subject}");
    assert!(mail.contains("/password/forgot"), "{mail}");
    assert!(!mail.contains("/verify?token="));
    assert!(app.last_mail_to("fresh@example.org").unwrap().1.contains("/verify?token="));

    // The sign-up page shows the same "check your mail" page for both.
    let c = app.client();
    let mut pages = Vec::new();
    for email in ["taken@example.org", "other@example.org"] {
        let csrf = csrf_of(&c, &app.at("/signup")).await;
        let res = c
            .post(app.at("/signup"))
            .header("accept-language", "en")
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", email),
                ("password", PASSWORD),
                ("name_latin", "X"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{email}");
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"check-mail\""), "{html}");
        pages.push(
            html.replace(email, "ADDRESS")
                .replace(&crate::support::extract_csrf(&html).unwrap(), "CSRF"),
        );
    }
    assert_eq!(pages[0], pages[1]);
}

#[tokio::test]
async fn a_wrong_password_answers_the_same_for_unknown_unverified_and_verified_accounts() {
    let app = TestApp::new().await;
    app.user("verified@example.org", false);
    let c = app.client();
    let res = c
        .post(app.at("/api/v1/accounts"))
        .json(&json!({"email": "pending@example.org", "password": PASSWORD, "name_latin": "P"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let mut answers = Vec::new();
    for email in ["nobody@example.org", "pending@example.org", "verified@example.org"] {
        let res = c
            .post(app.at("/api/v1/session"))
            .json(&json!({"email": email, "password": "not the password"}))
            .send()
            .await
            .unwrap();
        answers.push((res.status(), res.text().await.unwrap()));
        let csrf = csrf_of(&c, &app.at("/login")).await;
        let res = c
            .post(app.at("/login"))
            .header("accept-language", "en")
            .form(&[("csrf", csrf.as_str()), ("email", email), ("password", "not the password")])
            .send()
            .await
            .unwrap();
        let status = res.status();
        let html = res.text().await.unwrap();
        let html = html
            .replace(email, "ADDRESS")
            .replace(&crate::support::extract_csrf(&html).unwrap(), "CSRF");
        answers.push((status, html));
    }
    assert_eq!(answers[0].0, 401);
    assert_eq!(answers[0], answers[2], "unknown vs unverified (API)");
    assert_eq!(answers[0], answers[4], "unknown vs verified (API)");
    assert_eq!(answers[1], answers[3], "unknown vs unverified (page)");
    assert_eq!(answers[1], answers[5], "unknown vs verified (page)");
}

#[tokio::test]
async fn password_reset_by_mailed_link_works_once_and_ends_other_sessions() {
    let app = TestApp::new().await;
    app.user("reset@example.org", false);
    let old_session = app.client();
    app.api_login(&old_session, "reset@example.org").await;

    let c = app.client();
    let csrf = csrf_of(&c, &app.at("/password/forgot")).await;
    let res = c
        .post(app.at("/password/forgot"))
        .form(&[("csrf", csrf.as_str()), ("email", "reset@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // An unknown address gets the same answer and no mail.
    let csrf = csrf_of(&c, &app.at("/password/forgot")).await;
    let res = c
        .post(app.at("/password/forgot"))
        .form(&[("csrf", csrf.as_str()), ("email", "nobody@example.org")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(app.last_mail_to("nobody@example.org").is_none());

    let (_, body) = app.last_mail_to("reset@example.org").unwrap();
    let path = link_in(&body).trim_start_matches(&app.state.config.base_url).to_string();
    let token = path.split("token=").nth(1).unwrap().to_string();
    let form_page = c.get(app.at(&path)).send().await.unwrap().text().await.unwrap();
    let csrf = crate::support::extract_csrf(&form_page).unwrap();
    let new_password = "a brand new password";
    let res = c
        .post(app.at("/reset"))
        .form(&[("csrf", csrf.as_str()), ("token", &token), ("password", new_password)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);

    assert_eq!(
        old_session.get(app.at("/api/v1/me")).send().await.unwrap().status(),
        401,
        "old sessions end"
    );
    let res = c
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": "reset@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401, "the old password no longer works");
    let res = c
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": "reset@example.org", "password": new_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    // The link is used up.
    let again = c
        .get(app.at(&path))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(again.contains("already used or expired"));
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    use diesel::prelude::*;
    use xuehui::db::schema::email_tokens;
    let app = TestApp::new().await;
    app.user("late@example.org", false);
    xuehui::auth::service::request_reset(&app.state, "late@example.org", xuehui::web::i18n::Lang::En)
        .await
        .unwrap();
    let (_, body) = app.last_mail_to("late@example.org").unwrap();
    let token = link_in(&body).split("token=").nth(1).unwrap().to_string();
    let mut conn = app.state.db.conn().unwrap();
    diesel::update(email_tokens::table)
        .set(email_tokens::expires_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1)))
        .execute(&mut conn)
        .unwrap();
    let err = xuehui::auth::service::reset_password(&app.state, &token, "another good password", xuehui::web::i18n::Lang::En)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "bad_request");
}

#[tokio::test]
async fn profile_edits_are_validated_and_saved() {
    let app = TestApp::new().await;
    app.user("prof@example.org", false);
    let c = app.client();
    app.api_login(&c, "prof@example.org").await;
    let res = c
        .patch(app.at("/api/v1/me"))
        .json(&json!({"name_latin": "Prof X", "orcid": "0000-0002-1825-0098"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["orcid"].as_str().unwrap().contains("ORCID"));
    let res = c
        .patch(app.at("/api/v1/me"))
        .json(&json!({"name_zh": "某教授", "name_latin": "Prof X", "affiliation": "中国科学院", "country": "中国", "orcid": "https://orcid.org/0000-0001-5109-3700", "preferred_lang": "en"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let me = json_of(res).await;
    assert_eq!(me["orcid"], "0000-0001-5109-3700");
    assert_eq!(me["affiliation"], "中国科学院");
    assert_eq!(me["preferred_lang"], "en");

    // The profile page shows the saved values, and its form saves too.
    let html = c.get(app.at("/profile")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("value=\"中国科学院\""));
    let csrf = crate::support::extract_csrf(&html).unwrap();
    let res = c
        .post(app.at("/profile"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("name_zh", "某教授"),
            ("name_latin", ""),
            ("affiliation", "北京大学"),
            ("country", "中国"),
            ("orcid", ""),
            ("preferred_lang", "zh-CN"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let me = json_of(c.get(app.at("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["affiliation"], "北京大学");
    assert_eq!(me["orcid"], serde_json::Value::Null);
}

#[tokio::test]
async fn anonymous_visitors_of_private_pages_are_sent_to_login() {
    let app = TestApp::new().await;
    let res = app.client().get(app.at("/profile")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fprofile");
}

#[tokio::test]
async fn demo_data_loads_twice_without_duplicates() {
    use diesel::prelude::*;
    use xuehui::db::schema::{role_grants, users, venues};
    let app = TestApp::new().await;
    xuehui::demo::seed(&app.state).unwrap();
    xuehui::demo::seed(&app.state).unwrap();
    let mut conn = app.state.db.conn().unwrap();
    let n_users: i64 = users::table.count().get_result(&mut conn).unwrap();
    let n_venues: i64 = venues::table.count().get_result(&mut conn).unwrap();
    let n_roles: i64 = role_grants::table.count().get_result(&mut conn).unwrap();
    assert_eq!(n_users, xuehui::demo::ACCOUNTS.len() as i64);
    assert_eq!(
        n_venues, 4,
        "the conference, next year's forum (still a draft), the salon and this year's forum"
    );
    assert_eq!(
        n_roles, 35,
        "eleven for the conference (with its check-in helper), one for the draft forum, eight for the two catalogue editions, two for the salon (its chair and lead scientist), two for the society (its staff, its integrity committee), four for this year's forum (its chair and three contest judges), four for this year's evaluation round (its creator on the committee, three experts), one for next year's (its creator), two for the demo journal's editorial office (its editor is also its chief and section editor)"
    );
    let n_manuscripts: i64 = xuehui::db::schema::manuscripts::table.count().get_result(&mut conn).unwrap();
    assert_eq!(
        n_manuscripts, 7,
        "the demo journal's manuscripts in every stage (desk, review, declined, copyediting, production, two published), once"
    );
    let n_issues: i64 = xuehui::db::schema::journal_issues::table.count().get_result(&mut conn).unwrap();
    let n_published: i64 = xuehui::db::schema::articles::table
        .filter(xuehui::db::schema::articles::doi.is_not_null())
        .filter(xuehui::db::schema::articles::published_on.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!((n_issues, n_published), (1, 2), "one published issue of two articles with DOIs");
    let n_subs: i64 = xuehui::db::schema::submissions::table.count().get_result(&mut conn).unwrap();
    assert_eq!(
        n_subs, 11,
        "demo submissions (six at the conference, five at the youth forum) are added once"
    );
    use xuehui::db::schema::reviews;
    let submitted: i64 = reviews::table
        .filter(reviews::status.eq("submitted"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let drafts: i64 = reviews::table
        .filter(reviews::status.eq("draft"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        (submitted, drafts),
        (6, 1),
        "two papers fully reviewed, one half, a meta-review, added once"
    );
    let posts: i64 = xuehui::db::schema::discussion_posts::table.count().get_result(&mut conn).unwrap();
    assert_eq!(posts, 3, "one short discussion, added once");
    let decided: i64 = xuehui::db::schema::decisions::table.count().get_result(&mut conn).unwrap();
    assert_eq!(
        decided, 9,
        "#1, #3 and #4 accepted and told, #2 decided; the youth forum's five accepted and told"
    );
    let finals: i64 = xuehui::db::schema::final_versions::table.count().get_result(&mut conn).unwrap();
    let consents: i64 = xuehui::db::schema::consents::table.count().get_result(&mut conn).unwrap();
    let volumes: i64 = xuehui::db::schema::proceedings_volumes::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(
        (finals, consents, volumes),
        (2, 2, 1),
        "two approved finals with consent and one volume, added once"
    );
    let c = app.client();
    let res = c
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": "organiser@xuehui.example", "password": xuehui::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let me = json_of(res).await;
    let roles: Vec<&str> = me["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role"].as_str().unwrap())
        .collect();
    assert!(roles.contains(&"chair") && roles.contains(&"organiser"), "{roles:?}");
    let home = app
        .client()
        .get(app.at("/"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("2026 Annual Academic Conference"));
    assert!(home.contains("Young Scientists Forum"));

    // The organiser's decisions page and the area chair's view of paper #1 show the demo's
    // review work.
    let organiser = app.client();
    assert_eq!(
        app.page_login(&organiser, "organiser@xuehui.example", xuehui::demo::DEMO_PASSWORD)
            .await
            .status(),
        303
    );
    let page = organiser.get(app.at("/venues/annual-2026/decisions")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("id=\"decision-table\"") && html.contains("selected>接收（墙报）"),
        "paper #2 is decided"
    );
    let first: i64 = xuehui::db::schema::submissions::table
        .filter(xuehui::db::schema::submissions::number.eq(1))
        .select(xuehui::db::schema::submissions::id)
        .first(&mut conn)
        .unwrap();
    let ac = app.client();
    assert_eq!(
        app.page_login(&ac, "areachair@xuehui.example", xuehui::demo::DEMO_PASSWORD)
            .await
            .status(),
        303
    );
    let html = ac
        .get(app.at(&format!("/submissions/{first}/review")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("class=\"post") && html.contains("论文 #1 拟接收为口头报告"),
        "the discussion"
    );
    assert!(html.contains("两位审稿人都肯定了"), "the meta-review");

    // The demo papers are indexed through the queue: the organiser finds them all.
    app.run_jobs().await;
    let found = json_of(organiser.get(app.at("/api/v1/search?type=paper")).send().await.unwrap()).await;
    assert_eq!(
        found["total"], 10,
        "six demo papers, one withdrawn, and the youth forum's five: {found}"
    );
    // So are the register and the published 2025 catalogue, for everyone.
    let found = json_of(app.client().get(app.at("/api/v1/search?q=示范计算机学报")).send().await.unwrap()).await;
    let kinds: Vec<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"journal") && kinds.contains(&"catalogue_entry"), "{found}");
    let entries = json_of(
        app.client()
            .get(app.at("/api/v1/search?type=catalogue_entry"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        entries["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["edition_slug"] == "computing-2025"),
        "the 2026 edition is still voting: {entries}"
    );
    let page = organiser.get(app.at("/search?q=学术")).send().await.unwrap();
    assert_eq!(page.status(), 200);

    // Catalogues: a published 2025 edition with Chinese and foreign journals in every tier, and
    // a 2026 edition whose panel (with the demo editor) is voting.
    let list = json_of(app.client().get(app.at("/api/v1/catalogues")).send().await.unwrap()).await;
    let phases: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["slug"].as_str().unwrap(), e["phase"].as_str().unwrap()))
        .collect();
    assert_eq!(phases, vec![("computing-2026", "evaluation"), ("computing-2025", "published")]);
    let id = list[1]["id"].as_i64().unwrap();
    let published = json_of(app.client().get(app.at(&format!("/api/v1/catalogues/{id}"))).send().await.unwrap()).await;
    for tier in ["T1", "T2", "T3"] {
        let countries: Vec<&str> = published["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["tier"] == tier)
            .map(|e| e["journal"]["country"].as_str().unwrap())
            .collect();
        assert!(
            countries.contains(&"CN") && countries.iter().any(|c| *c != "CN"),
            "{tier}: {countries:?}"
        );
    }
    let editor = app.client();
    app.page_login(&editor, "editor@xuehui.example", xuehui::demo::DEMO_PASSWORD).await;
    let ballot = json_of(
        editor
            .get(app.at(&format!("/api/v1/catalogues/{}/ballot", list[0]["id"])))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let own = ballot["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name_en"] == "Journal of Demonstration Science")
        .unwrap();
    assert_eq!(own["conflicted"], true, "the editor does not vote on their own journal");
}
