//! Login rate limits, session renewal at login, role checks and cross-user access.

use serde_json::json;

use crate::support::{PASSWORD, TestApp, csrf_of, json_of};

async fn api_login_status(app: &TestApp, c: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    c.post(app.at("/api/v1/session"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn failed_logins_lock_out_the_guessing_client_but_not_the_owner_elsewhere() {
    let app = TestApp::new().await;
    app.user("victim@example.org", false);
    let attacker = app.client();
    for _ in 0..5 {
        let res = api_login_status(&app, &attacker, "victim@example.org", "wrong password").await;
        assert_eq!(res.status(), 401);
    }
    // The guessing client is stopped, even with the right password ...
    let res = api_login_status(&app, &attacker, "victim@example.org", PASSWORD).await;
    assert_eq!(res.status(), 429);
    assert!(json_of(res).await["message"].as_str().unwrap().contains("Too many failed logins"));
    // ... and the login page says so too, in the visitor's language.
    let csrf = csrf_of(&attacker, &app.at("/login")).await;
    let res = attacker
        .post(app.at("/login"))
        .header("accept-language", "zh-CN")
        .form(&[("csrf", csrf.as_str()), ("email", "victim@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.text().await.unwrap().contains("登录失败次数过多"));

    // The owner, from another address, is not locked out by someone else's guesses.
    let owner = app.client_from("127.0.0.2");
    let res = api_login_status(&app, &owner, "victim@example.org", PASSWORD).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    let res = owner.get(app.at("/api/v1/me")).send().await.unwrap();
    assert_eq!(json_of(res).await["email"], "victim@example.org");
    // The owner's success does not lift the attacker's lock.
    let res = api_login_status(&app, &attacker, "victim@example.org", "another guess").await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn a_completed_password_reset_lifts_the_lock() {
    let app = TestApp::new().await;
    app.user("locked@example.org", false);
    let c = app.client();
    for _ in 0..5 {
        assert_eq!(
            api_login_status(&app, &c, "locked@example.org", "wrong password").await.status(),
            401
        );
    }
    assert_eq!(api_login_status(&app, &c, "locked@example.org", PASSWORD).await.status(), 429);
    // The owner resets the password from the same client.
    let csrf = csrf_of(&c, &app.at("/password/forgot")).await;
    c.post(app.at("/password/forgot"))
        .form(&[("csrf", csrf.as_str()), ("email", "locked@example.org")])
        .send()
        .await
        .unwrap();
    let (_, body) = app.last_mail_to("locked@example.org").expect("reset mail");
    let link = crate::support::link_in(&body);
    let path = link.trim_start_matches(&app.state.config.base_url).to_string();
    let token = path.split("token=").nth(1).unwrap().to_string();
    let csrf = csrf_of(&c, &app.at(&path)).await;
    let res = c
        .post(app.at("/reset"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token.as_str()),
            ("password", "a brand new password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let res = api_login_status(&app, &c, "locked@example.org", "a brand new password").await;
    assert_eq!(res.status(), 200, "the reset cleared the failures");
}

#[tokio::test]
async fn many_failures_on_one_account_from_many_clients_slow_down_but_never_lock() {
    let app = TestApp::with(|c| {
        c.login_limits.account_slowdown_after = 4;
        c.login_limits.account_slowdown_ms = 700;
    })
    .await;
    app.user("popular@example.org", false);
    for i in 2..6 {
        let c = app.client_from(&format!("127.0.0.{i}"));
        assert_eq!(api_login_status(&app, &c, "popular@example.org", "wrong").await.status(), 401);
    }
    // Past the account-wide threshold a failure is answered late ...
    let c = app.client_from("127.0.0.9");
    let started = std::time::Instant::now();
    assert_eq!(api_login_status(&app, &c, "popular@example.org", "wrong").await.status(), 401);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(700),
        "{:?}",
        started.elapsed()
    );
    // ... but the owner still gets in, without waiting.
    let owner = app.client_from("127.0.0.10");
    let started = std::time::Instant::now();
    assert_eq!(api_login_status(&app, &owner, "popular@example.org", PASSWORD).await.status(), 200);
    assert!(started.elapsed() < std::time::Duration::from_millis(700));
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
        // Browsers drop tab, CR and LF inside URLs: these would become //evil.example.
        ("/%09/evil.example/x", "/"),
        ("/%0d%0a/evil.example", "/"),
        ("/\t/evil.example", "/"),
        // Raw CR/LF and VT used to answer 500 (an invalid Location header).
        ("/\r\nSet-Cookie: a=b", "/"),
        ("/\x0b/evil.example", "/"),
        ("/%2F/evil.example", "/"),
        ("/venues?page=2", "/venues?page=2"),
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
        assert_eq!(res.status(), 303, "next={next:?}");
        assert_eq!(res.headers()["location"], expected, "next={next:?}");
    }
}

#[tokio::test]
async fn the_login_form_and_the_language_switch_redirect_only_to_local_paths() {
    let app = TestApp::new().await;
    let c = app.client();
    // The login form carries only a checked target in its hidden field.
    let html = c
        .get(app.at("/login?next=/%2509/evil.example/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // (Tera escapes `/` as `&#x2F;`; the first `next` field is the language switch's.)
    assert!(html.contains(r#"name="next" value="&#x2F;">"#), "{html}");
    for (next, expected) in [
        ("/%09/evil.example/", "/"),
        ("/\t/evil.example/", "/"),
        ("/\r\n/evil.example", "/"),
        ("/\x0b/evil.example", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("/search?q=x", "/search?q=x"),
    ] {
        let csrf = csrf_of(&c, &app.at("/")).await;
        let res = c
            .post(app.at("/lang"))
            .form(&[("csrf", csrf.as_str()), ("lang", "en"), ("next", next)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "next={next:?}");
        assert_eq!(res.headers()["location"], expected, "next={next:?}");
    }
}

#[tokio::test]
async fn control_bidi_and_zero_width_characters_are_refused_in_free_text() {
    let app = TestApp::new().await;
    let s = crate::support::review::scene(&app, "txt").await;
    let (_, reviewer) = &s.reviewer_a;
    // A review whose text reorders itself on screen.
    let res = crate::support::review::put_review(
        &app,
        reviewer,
        s.paper,
        crate::support::review::complete(4, "Fine \u{202E}gnp.exe"),
        true,
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await.to_string().contains("invisible or text-direction"));
    let res = crate::support::review::put_review(
        &app,
        reviewer,
        s.paper,
        crate::support::review::complete(4, "Line one\r\nline two\twith a tab"),
        true,
    )
    .await;
    assert_eq!(res.status(), 200, "line breaks and tabs stay allowed in long text");
    // Discussion posts.
    for body in ["bell \u{7}", "ansi \u{1b}[2J", "nul \0", "zero\u{200B}width", "isolate \u{2067}x"] {
        let res = reviewer
            .post(app.at(&format!("/api/v1/submissions/{}/discussion", s.paper)))
            .json(&json!({ "body": body }))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{body:?}");
        assert_eq!(
            json_of(res).await["fields"]["body"].as_str().map(|m| m.contains("Control")),
            Some(true)
        );
    }
    // A conflict's reason.
    let res = s
        .chair
        .post(app.at(&format!("/api/v1/venues/{}/conflicts", s.slug)))
        .json(&json!({"submission_id": s.paper, "user_id": s.reviewer_b.0, "reason": "co-author \u{202E}"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["reason"].is_string());
    // Titles (a venue) and names (a profile).
    let mut body = crate::venues::venue_body("txt-2");
    body["title_en"] = json!("Annual \u{202E}Conference");
    let res = s.chair.post(app.at("/api/v1/venues")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["title_en"].is_string());
    let mut body = crate::venues::venue_body("txt-3");
    body["title_zh"] = json!("年会\n第二行");
    let res = s.chair.post(app.at("/api/v1/venues")).json(&body).send().await.unwrap();
    assert_eq!(res.status(), 422, "no line breaks in a title");
    let res = reviewer
        .patch(app.at("/api/v1/me"))
        .json(&json!({"name_latin": "Mallory\u{1b}[31m", "name_zh": "审稿"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(json_of(res).await["fields"]["name_latin"].is_string());
}

#[tokio::test]
async fn look_alike_e_mail_addresses_are_refused() {
    let app = TestApp::new().await;
    for email in [
        "p\u{0430}ypal@example.com",
        "admin@ex\u{0430}mple.org",
        "李华@example.cn",
        "a\u{200B}b@example.org",
    ] {
        let res = app
            .client()
            .post(app.at("/api/v1/accounts"))
            .json(&json!({"email": email, "password": PASSWORD, "name_latin": "X"}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422, "{email:?}");
        assert_eq!(json_of(res).await["fields"]["email"], "Enter a valid e-mail address.");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    let c = app.client();
    for path in [
        "/",
        "/login",
        "/static/xuehui.js",
        "/api/v1/openapi.json",
        "/no-such-page",
        "/api/v1/me",
    ] {
        let res = c.get(app.at(path)).send().await.unwrap();
        let h = res.headers();
        let csp = h
            .get("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"))
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
    }
}

#[test]
fn templates_hold_no_inline_script_or_style() {
    // The policy forbids them, so they would silently stop working.
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "html") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"), &mut files);
    assert!(!files.is_empty());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for bad in [
            " style=\"",
            "<style",
            " onclick=",
            " onsubmit=",
            " onchange=",
            " onload=",
            "javascript:",
        ] {
            assert!(!text.contains(bad), "{} contains {bad}", f.display());
        }
        for (i, _) in text.match_indices("<script") {
            assert!(text[i..].starts_with("<script src="), "{}: inline <script>", f.display());
        }
    }
}
