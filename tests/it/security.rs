//! Login rate limits, session renewal at login, role checks and cross-user access.

use serde_json::json;

use crate::support::{PASSWORD, TestApp, csrf_of, json_of};

#[tokio::test]
async fn repeated_failed_logins_lock_the_account_even_with_the_right_password() {
    let app = TestApp::new().await;
    app.user("victim@example.org", false);
    let c = app.client();
    for _ in 0..5 {
        let res = c
            .post(app.at("/api/v1/session"))
            .json(&json!({"email": "victim@example.org", "password": "wrong password"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let res = c
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": "victim@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("Too many failed logins"));
    // The login page says so too, in the visitor's language.
    let csrf = csrf_of(&c, &app.at("/login")).await;
    let res = c
        .post(app.at("/login"))
        .header("accept-language", "zh-CN")
        .form(&[("csrf", csrf.as_str()), ("email", "victim@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("登录失败次数过多"));
}

#[tokio::test]
async fn one_address_guessing_many_accounts_is_limited() {
    let app = TestApp::with(|c| c.login_limits.per_ip = 6).await;
    app.user("someone@example.org", false);
    let c = app.client();
    for i in 0..6 {
        let res = c
            .post(app.at("/api/v1/session"))
            .json(&json!({"email": format!("guess{i}@example.org"), "password": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let res = c
        .post(app.at("/api/v1/session"))
        .json(&json!({"email": "someone@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429, "the address is blocked for every account");
}

fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("xuehui_session="))
        .map(|v| v.split(';').next().unwrap().to_string())
}

#[tokio::test]
async fn the_session_cookie_changes_at_login_and_is_http_only_and_same_site() {
    let app = TestApp::new().await;
    app.user("fixation@example.org", false);
    let c = app.client();
    let res = c.get(app.at("/login")).send().await.unwrap();
    let raw = res.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(raw.contains("HttpOnly"), "{raw}");
    assert!(raw.contains("SameSite=Lax"), "{raw}");
    let before = session_cookie(&res).expect("anonymous session cookie");
    let html = res.text().await.unwrap();
    let csrf = crate::support::extract_csrf(&html).unwrap();
    let res = c
        .post(app.at("/login"))
        .form(&[("csrf", csrf.as_str()), ("email", "fixation@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let after = session_cookie(&res).expect("new session cookie at login");
    assert_ne!(before, after);
    // The pre-login cookie, replayed by someone who captured it, is not logged in.
    let replay = reqwest::Client::new();
    let res = replay.get(app.at("/api/v1/me")).header("cookie", &before).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let res = replay.get(app.at("/api/v1/me")).header("cookie", &after).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn admin_pages_are_for_site_admins_only() {
    let app = TestApp::new().await;
    app.user("plain@example.org", false);
    app.user("admin@example.org", true);
    let plain = app.client();
    app.page_login(&plain, "plain@example.org", PASSWORD).await;
    for path in ["/admin/jobs", "/admin/mail"] {
        assert_eq!(plain.get(app.at(path)).send().await.unwrap().status(), 403, "{path}");
    }
    let csrf = csrf_of(&plain, &app.at("/")).await;
    let res = plain
        .post(app.at("/admin/mail/test"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(app.last_mail_to("plain@example.org").is_none());
    let anon = app.client();
    assert_eq!(
        anon.get(app.at("/admin/jobs")).send().await.unwrap().status(),
        303,
        "anonymous: to the login form"
    );

    let admin = app.client();
    app.page_login(&admin, "admin@example.org", PASSWORD).await;
    assert_eq!(admin.get(app.at("/admin/jobs")).send().await.unwrap().status(), 200);
    let csrf = csrf_of(&admin, &app.at("/admin/mail")).await;
    let res = admin
        .post(app.at("/admin/mail/test"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(app.last_mail_to("admin@example.org").is_some(), "test mail queued");
    assert_eq!(app.run_jobs().await, 1);
    let html = admin.get(app.at("/admin/mail")).send().await.unwrap().text().await.unwrap();
    assert!(
        !html.contains("等待发送") && !html.contains("waiting"),
        "the test mail is marked sent"
    );
}

#[tokio::test]
async fn login_redirects_only_to_local_paths() {
    let app = TestApp::new().await;
    app.user("redir@example.org", false);
    for (next, expected) in [
        ("/profile", "/profile"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
    ] {
        let c = app.client();
        let csrf = csrf_of(&c, &app.at("/login")).await;
        let res = c
            .post(app.at("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", "redir@example.org"),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.headers()["location"], expected, "next={next}");
    }
}
