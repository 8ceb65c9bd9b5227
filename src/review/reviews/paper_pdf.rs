//! The paper's PDF for its committee. Under double-blind review reviewers and area chairs get
//! a copy without author metadata (document information, XMP, annotation authors) and a file
//! name that is only the paper's number.

use actix_web::{HttpResponse, http::header, web};

use super::access::{self, Relation};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::AppState;

/// `GET /submissions/{id}/review/paper.pdf`.
pub async fn download(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (p, file) = state
        .db
        .run(move |c| {
            let p = access::committee_paper(c, &user.user, id)?;
            let file_id = p.submission.pdf_file_id.ok_or(AppError::NotFound)?;
            Ok((p, crate::files::model::get(c, file_id)?))
        })
        .await?;
    let stored = crate::submissions::service::file_store(&state).path_of(&file.sha256);
    let anonymise = p.double_blind && p.relation != Relation::Chair;
    let limits = state.config.pdf;
    let bytes = web::block(move || {
        if anonymise {
            crate::files::pdf::anonymised(&stored, &limits).map_err(|e| AppError::Internal(format!("anonymising PDF: {e}")))
        } else {
            std::fs::read(&stored).map_err(|e| AppError::Internal(format!("stored file missing: {e}")))
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))??;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"paper-{}.pdf\"", p.submission.number),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}
