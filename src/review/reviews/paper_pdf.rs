//! The paper's PDF for its committee. Under double-blind review reviewers and area chairs get
//! the anonymised copy (see `files::pdf::anonymised` for what it lacks) and a file name that is
//! only the paper's number; chairs, and everyone under other kinds of review, get the file as
//! submitted.
//!
//! The copy is never made here: a job makes it once (`files::copies`) and this streams the
//! stored file. Until the job has run the reader gets 503 with `Retry-After` and a page saying
//! the copy is being prepared (and the job is queued if it was not).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use super::access::{self, Relation};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::files::copies::{self, CopyState};
use crate::web::AppState;
use crate::web::page::Page;

/// Seconds a reader is asked to wait for a copy being prepared.
const RETRY_AFTER_SECS: u32 = 30;

/// `GET /submissions/{id}/review/paper.pdf`.
pub async fn download(
    state: web::Data<AppState>,
    req: HttpRequest,
    page: Page,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (p, file, copy) = state
        .db
        .run(move |c| {
            let p = access::committee_paper(c, &user.user, id)?;
            let file_id = p.submission.pdf_file_id.ok_or(AppError::NotFound)?;
            let file = crate::files::model::get(c, file_id)?;
            let anonymise = p.double_blind && p.relation != Relation::Chair;
            let copy = if anonymise { Some(copies::state_of(c, file_id)?) } else { None };
            Ok((p, file, copy))
        })
        .await?;
    let sha = match copy {
        None => file.sha256,
        Some(CopyState::Ready(copy)) => copy.sha256,
        Some(CopyState::Preparing) => {
            let mut ctx = tera::Context::new();
            ctx.insert("status", &503);
            ctx.insert("message", &page.t("reviews.pdf_preparing"));
            let mut res = page.render_status(&state, "error.html", ctx, StatusCode::SERVICE_UNAVAILABLE)?;
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            return Ok(res);
        }
        Some(CopyState::Failed(_)) => return Err(AppError::Conflict("reviews.pdf_failed".into())),
    };
    let download = crate::files::download::Download {
        sha256: &sha,
        ext: "pdf",
        name: format!("paper-{}.pdf", p.submission.number),
        inline: true,
    };
    let mut res = crate::files::download::send(&state, &req, download).await?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(res)
}
