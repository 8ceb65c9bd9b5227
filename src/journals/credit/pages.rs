//! Reviewer credit pages: the list of one's completed reviews and the certificates.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, web};
use tera::Context;

use super::view;
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::Page;

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// `GET /me/reviews`: the signed-in reviewer's completed reviews, per journal.
pub async fn list(state: web::Data<AppState>, page: Page, user: CurrentUser) -> AppResult<HttpResponse> {
    let journals = state.db.run(move |c| view::of_user(c, &user.user)).await?;
    let mut ctx = Context::new();
    ctx.insert("journals", &journals);
    ctx.insert("total", &journals.iter().map(|j| j.count).sum::<usize>());
    page.render(&state, "journals/credit/list.html", ctx)
}

/// `GET /me/reviews/{journal}/certificate.pdf`: the certificate of one's reviews for a journal
/// (404 without any).
pub async fn certificate(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let journal = path.into_inner();
    let doc = state.db.run(move |c| view::for_user(c, &user.user, journal, today())).await?;
    crate::web::pdf::typeset(
        &state,
        "review_certificate",
        doc,
        format!("review-certificate-{journal}.pdf"),
        false,
    )
    .await
}

/// `GET /review/{token}/certificate.pdf`: the certificate of the review behind a personal
/// link, once it is in (reviewers without an account).
pub async fn by_token(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<HttpResponse> {
    let token = path.into_inner();
    let doc = state.db.run(move |c| view::for_token(c, &token, today())).await?;
    let mut res = crate::web::pdf::typeset(&state, "review_certificate", doc, "review-certificate.pdf".into(), false).await?;
    // The address is a key: nobody caches it and no address is sent on to other sites.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res.headers_mut()
        .insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    Ok(res)
}
