//! Pages in Simplified Chinese or English: the switch, then the saved preference, then Accept-Language.

use crate::support::{PASSWORD, TestApp, csrf_of};

async fn title(c: &reqwest::Client, url: &str, accept: &str) -> String {
    let html = c
        .get(url)
        .header("accept-language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let s = html.find("<h1>").unwrap() + 4;
    html[s..s + html[s..].find("</h1>").unwrap()].to_string()
}

#[tokio::test]
async fn accept_language_then_switch_then_saved_preference() {
    let app = TestApp::new().await;
    let c = app.client();
    assert_eq!(title(&c, &app.at("/"), "en-GB,en;q=0.9").await, "Conferences and forums");
    assert_eq!(title(&c, &app.at("/"), "zh-CN,zh;q=0.9").await, "学术会议与论坛");
    assert_eq!(title(&c, &app.at("/"), "fr").await, "学术会议与论坛", "Chinese by default");

    // The header switch beats Accept-Language.
    let csrf = csrf_of(&c, &app.at("/")).await;
    let res = c
        .post(app.at("/lang"))
        .form(&[("csrf", csrf.as_str()), ("lang", "en"), ("next", "/login")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login");
    assert_eq!(title(&c, &app.at("/"), "zh-CN").await, "Conferences and forums");

    // Saving a language on the profile page makes pages follow it at once.
    app.user("pref@example.org", false);
    app.page_login(&c, "pref@example.org", PASSWORD).await;
    let csrf = csrf_of(&c, &app.at("/profile")).await;
    c.post(app.at("/profile"))
        .form(&[("csrf", csrf.as_str()), ("name_latin", "Pref"), ("preferred_lang", "zh-CN")])
        .send()
        .await
        .unwrap();
    assert_eq!(title(&c, &app.at("/"), "en").await, "学术会议与论坛");
    let saved = |app: &TestApp| {
        let mut conn = app.state.db.conn().unwrap();
        xuehui::auth::store::by_email(&mut conn, "pref@example.org")
            .unwrap()
            .unwrap()
            .preferred_lang
    };

    // The switch changes this browser's pages, never the saved language of the user's mails.
    let csrf = csrf_of(&c, &app.at("/")).await;
    c.post(app.at("/lang"))
        .form(&[("csrf", csrf.as_str()), ("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(title(&c, &app.at("/"), "zh-CN").await, "Conferences and forums");
    assert_eq!(saved(&app).as_deref(), Some("zh-CN"));

    // Another browser that never switched shows the saved language.
    let other = app.client();
    app.page_login(&other, "pref@example.org", PASSWORD).await;
    assert_eq!(title(&other, &app.at("/"), "en").await, "学术会议与论坛");
}

#[tokio::test]
async fn someone_who_signs_up_in_english_without_choosing_gets_english_mail() {
    let app = TestApp::new().await;
    let c = app.client();
    let csrf = csrf_of(&c, &app.at("/signup")).await;
    let res = c
        .post(app.at("/signup"))
        .header("accept-language", "en-GB,en;q=0.9")
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "new.reader@example.org"),
            ("password", "a long enough passphrase"),
            ("name_latin", "New Reader"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let mut conn = app.state.db.conn().unwrap();
    let u = xuehui::auth::store::by_email(&mut conn, "new.reader@example.org").unwrap().unwrap();
    assert_eq!(u.preferred_lang.as_deref(), Some("en"));
    assert!(
        app.last_mail_to("new.reader@example.org").unwrap().0.is_ascii(),
        "the confirmation mail is in English"
    );
}

#[tokio::test]
async fn every_page_renders_in_both_languages() {
    let app = TestApp::new().await;
    app.user("both@example.org", true);
    let c = app.client();
    app.page_login(&c, "both@example.org", PASSWORD).await;
    let anon = app.client();
    for (client, path) in [
        (&anon, "/"),
        (&anon, "/signup"),
        (&anon, "/login"),
        (&anon, "/password/forgot"),
        (&c, "/profile"),
        (&c, "/tokens"),
        (&c, "/admin/jobs"),
        (&c, "/admin/mail"),
    ] {
        for (lang, marker) in [("zh-CN", "lang=\"zh-CN\""), ("en", "lang=\"en\"")] {
            let csrf = csrf_of(client, &app.at("/")).await;
            client
                .post(app.at("/lang"))
                .form(&[("csrf", csrf.as_str()), ("lang", lang)])
                .send()
                .await
                .unwrap();
            let res = client.get(app.at(path)).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path} in {lang}");
            let html = res.text().await.unwrap();
            assert!(html.contains(marker), "{path} not in {lang}");
        }
    }
}
