//! Admin page of the job queue: what waits, what failed, and a retry button.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::model::{FAILED, QUEUED};
use super::store;
use crate::auth::SiteAdmin;
use crate::auth::pages::Empty;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::csrf::CsrfForm;
use crate::web::page::{Page, flash, redirect};

/// `GET /admin/jobs`.
pub async fn index(state: web::Data<AppState>, page: Page, _admin: SiteAdmin) -> AppResult<HttpResponse> {
    let (counts, queued, failed) = state
        .db
        .run(|c| Ok((store::counts(c)?, store::list(c, QUEUED, 200)?, store::list(c, FAILED, 200)?)))
        .await?;
    let mut ctx = Context::new();
    ctx.insert("counts", &counts);
    ctx.insert("queued", &queued);
    ctx.insert("failed", &failed);
    page.render(&state, "admin/jobs.html", ctx)
}

/// `POST /admin/jobs/{id}/retry`.
pub async fn retry(
    state: web::Data<AppState>,
    page: Page,
    _admin: SiteAdmin,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    state.db.run(move |c| store::retry(c, id)).await?;
    flash(&page.session, "jobs.retried");
    Ok(redirect("/admin/jobs"))
}

/// `POST /admin/jobs/{id}/cancel`: the job's work is no longer wanted.
pub async fn cancel(
    state: web::Data<AppState>,
    page: Page,
    _admin: SiteAdmin,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    state.db.run(move |c| store::cancel(c, id)).await?;
    flash(&page.session, "jobs.cancelled");
    Ok(redirect("/admin/jobs"))
}
