//! An issue's cover image: received as a multipart part `image` (PNG or JPEG, at most 5 MB),
//! and served to the editorial office.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse};
use chrono::Utc;

use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::guard::journal::issue_for;
use crate::guard::policy::JournalAction;
use crate::submissions::upload as reader;
use crate::web::AppState;

/// Largest cover image.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;

/// Checks the user may change the issue, reads the form and stores the image as its cover.
pub async fn receive(state: &AppState, user: &CurrentUser, session: &Session, issue_id: i64, payload: Multipart) -> AppResult<()> {
    let u = user.user.clone();
    state
        .db
        .run(move |c| issue_for(c, &u, issue_id, JournalAction::ManageIssues).map(|_| ()))
        .await?;
    let up = reader::read(payload, &state.files, MAX_BYTES, MAX_BYTES)
        .await
        .map_err(|f| f.error)?;
    reader::check_csrf(session, user.via, &up)?;
    let f = up
        .other
        .get("image")
        .ok_or_else(|| AppError::field("image", "journal_issue.cover_required"))?;
    let sniffed = crate::files::sniff::document_type(&f.incoming.tmp_path, &f.name).map_err(|e| AppError::caused("sniff", e))?;
    let Some(ct @ ("image/png" | "image/jpeg")) = sniffed else {
        return Err(AppError::field("image", "journal_issue.cover_type"));
    };
    state.files.persist(&f.incoming).await.map_err(crate::files::storage_error)?;
    let (sha, size, name, u) = (f.incoming.sha256.clone(), f.incoming.size as i64, f.name.clone(), user.user.clone());
    state
        .db
        .tx(move |c| {
            let id = crate::files::model::insert(
                c,
                &crate::files::model::NewFile {
                    sha256: &sha,
                    size_bytes: size,
                    content_type: ct,
                    original_name: &name,
                    page_count: None,
                    uploaded_by: Some(u.id),
                },
            )?;
            super::service::set_cover(c, &u, issue_id, Some(id), Utc::now().naive_utc())
        })
        .await
}

/// The cover image, for the editorial office (the public site shows published ones).
pub async fn send(state: &AppState, user: &CurrentUser, req: &HttpRequest, journal_id: i64, issue_id: i64) -> AppResult<HttpResponse> {
    let u = user.user.clone();
    let file = state
        .db
        .run(move |c| {
            let (issue, _) = issue_for(c, &u, issue_id, JournalAction::ManageIssues)?;
            match issue.cover_file_id {
                Some(f) if issue.journal_id == journal_id => crate::files::model::get(c, f),
                _ => Err(AppError::NotFound),
            }
        })
        .await?;
    let ext = crate::files::sniff::extension(&file.content_type);
    crate::files::download::send(
        state,
        req,
        crate::files::download::Download {
            sha256: &file.sha256,
            ext,
            name: format!("cover-{issue_id}.{ext}"),
            inline: true,
        },
    )
    .await
}
