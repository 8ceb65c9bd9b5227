//! Every state-changing form needs the session's CSRF token.

use crate::support::{PASSWORD, TestApp, csrf_of};

#[tokio::test]
async fn a_form_post_without_a_csrf_token_is_refused() {
    let app = TestApp::new().await;
    app.user("csrf@example.org", false);
    let c = app.client();
    csrf_of(&c, &app.at("/login")).await;
    let res = c
        .post(app.at("/login"))
        .form(&[("email", "csrf@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html"), "pages get an HTML error");
    assert_eq!(c.get(app.at("/api/v1/me")).send().await.unwrap().status(), 401, "not logged in");
}

#[tokio::test]
async fn a_token_from_another_session_is_refused() {
    let app = TestApp::new().await;
    app.user("csrf2@example.org", false);
    let attacker = app.client();
    let foreign = csrf_of(&attacker, &app.at("/login")).await;
    let victim = app.client();
    let res = app.page_login(&victim, "csrf2@example.org", PASSWORD).await;
    assert_eq!(res.status(), 303);
    // The victim's logout form posted with the attacker's token does nothing.
    let res = victim
        .post(app.at("/logout"))
        .form(&[("csrf", foreign.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(victim.get(app.at("/api/v1/me")).send().await.unwrap().status(), 200);
    // With its own token it works.
    let own = csrf_of(&victim, &app.at("/")).await;
    let res = victim.post(app.at("/logout")).form(&[("csrf", own.as_str())]).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(victim.get(app.at("/api/v1/me")).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn profile_token_and_admin_forms_all_check_the_token() {
    let app = TestApp::new().await;
    app.user("forms@example.org", true);
    let c = app.client();
    app.page_login(&c, "forms@example.org", PASSWORD).await;
    for path in [
        "/profile",
        "/tokens",
        "/tokens/1/revoke",
        "/tokens/revoke-all",
        "/admin/jobs/1/retry",
        "/admin/mail/test",
        "/lang",
        "/verify/resend",
        "/password/forgot",
        "/reset",
        "/signup",
    ] {
        let res = c
            .post(app.at(path))
            .form(&[("name", "x"), ("csrf", "forged")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path} accepted a forged token");
    }
}
