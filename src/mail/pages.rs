//! Admin page of the outbox, with a test-mail button.

use actix_web::{HttpResponse, web};
use serde_json::json;
use tera::Context;

use super::{Mail, outbox};
use crate::auth::SiteAdmin;
use crate::auth::pages::Empty;
use crate::config::MailTransport;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `GET /admin/mail`.
pub async fn index(state: web::Data<AppState>, page: Page, _admin: SiteAdmin) -> AppResult<HttpResponse> {
    let mails = state.db.run(|c| outbox::recent(c, 100)).await?;
    let mut ctx = Context::new();
    ctx.insert("mails", &mails);
    let transport = match &state.config.mail {
        MailTransport::File(dir) => format!("file: {}", dir.display()),
        MailTransport::Smtp(s) => format!("smtp: {}:{} ({:?})", s.host, s.port, s.tls),
    };
    ctx.insert("transport", &transport);
    page.render(&state, "admin/mail.html", ctx)
}

/// `POST /admin/mail/test`: queues a test mail to the admin.
pub async fn send_test(state: web::Data<AppState>, page: Page, admin: SiteAdmin, _f: CsrfForm<Empty>) -> AppResult<HttpResponse> {
    let st = state.clone();
    let lang = page.lang;
    let user = admin.0;
    state
        .db
        .tx(move |c| super::queue(c, &st, Mail::to_user(&user, lang, "test", json!({}))))
        .await?;
    flash(&page.session, "mail.test_queued");
    Ok(redirect("/admin/mail"))
}
