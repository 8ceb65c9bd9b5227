//! Admin page of the job queue: what waits, what failed, and retry and cancel buttons.

use actix_web::{HttpResponse, web};
use tera::Context;

use super::model::{FAILED, QUEUED};
use super::store;
use crate::auth::SiteAdmin;
use crate::auth::pages::Empty;
use crate::db::AnyConnection;
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
    act(&state, &page, path.into_inner(), store::retry, "jobs.retried").await
}

/// `POST /admin/jobs/{id}/cancel`: the job's work is no longer wanted.
pub async fn cancel(
    state: web::Data<AppState>,
    page: Page,
    _admin: SiteAdmin,
    path: web::Path<i64>,
    _f: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    act(&state, &page, path.into_inner(), store::cancel, "jobs.cancelled").await
}

/// Applies an administrator's action to one job, says so, and goes back to the list.
async fn act(
    state: &AppState,
    page: &Page,
    id: i64,
    action: fn(&mut AnyConnection, i64) -> AppResult<()>,
    done: &str,
) -> AppResult<HttpResponse> {
    state.db.run(move |c| action(c, id)).await?;
    flash(&page.session, done);
    Ok(redirect("/admin/jobs"))
}
