//! Receiving a final version: a multipart form with the `pdf`, an optional `source` archive
//! (zip) and the `changes` statement, checked like a submission's PDF (resource limits, a real
//! page tree) and then by the phase's rules; file rows and the new version commit together,
//! then the bytes are published (as for submissions).

use actix_multipart::Multipart;
use actix_session::Session;
use chrono::Utc;

use super::model::FinalVersion;
use super::service::{self, FinalFiles};
use crate::auth::User;
use crate::auth::extract::AuthVia;
use crate::error::{AppError, AppResult};
use crate::submissions::upload::{self as sub_upload, Upload};
use crate::web::AppState;

fn mb(n: i32) -> u64 {
    n.max(0) as u64 * 1024 * 1024
}

/// Reads, checks and records a final version sent by `user` for paper `id`.
pub async fn receive(
    state: &AppState,
    user: &User,
    via: AuthVia,
    session: &Session,
    id: i64,
    payload: Multipart,
) -> AppResult<FinalVersion> {
    let u = user.clone();
    let now = Utc::now().naive_utc();
    // Refuse before reading the body when the author may not upload now.
    let call = state
        .db
        .run(move |c| {
            let (a, _) = service::for_author(c, &u, id)?;
            let row = super::store::get(c, id)?;
            service::check_open(&a, row.as_ref(), now)?;
            crate::venues::store::call_by_id(c, a.submission.call_id)
        })
        .await?;
    let up = sub_upload::read(payload, &state.files, mb(call.max_file_mb), mb(call.supp_max_mb))
        .await
        .map_err(|f| f.error)?;
    sub_upload::check_csrf(session, via, &up)?;
    let pdf = up.pdf.as_ref().ok_or_else(|| AppError::field("pdf", "validation.pdf_required"))?;
    let info = sub_upload::check_pdf(pdf, None, state.config.pdf).await?;
    let (path, limits) = (pdf.incoming.tmp_path.clone(), state.config.pdf);
    let first_page = actix_web::web::block(move || crate::files::pdf::inspect_with_first_page(&path, &limits))
        .await
        .map_err(|e| AppError::caused("PDF text", e))?
        .map(|(_, text)| text)
        .unwrap_or_default();
    let warnings = service::warnings(info.author.as_deref(), &first_page);
    if let Some(src) = &up.supplement
        && sub_upload::check_supplement(src).ok() != Some("application/zip")
    {
        return Err(AppError::field("source", "validation.source_zip"));
    }
    save(state, user, id, up, info.pages, warnings).await
}

async fn save(state: &AppState, user: &User, id: i64, up: Upload, pages: u32, warnings: Vec<String>) -> AppResult<FinalVersion> {
    // Stored before the rows commit (see `files::storage`).
    for f in [up.pdf.as_ref(), up.supplement.as_ref()].into_iter().flatten() {
        state.files.persist(&f.incoming).await.map_err(crate::files::storage_error)?;
    }
    let up = std::sync::Arc::new(up);
    let (u, up2) = (user.clone(), up.clone());
    state
        .db
        .tx(move |conn| {
            let keep = |conn: &mut crate::db::AnyConnection, f: &sub_upload::ReceivedFile, ct: &str, pages: Option<u32>| {
                crate::files::model::insert(
                    conn,
                    &crate::files::model::NewFile {
                        sha256: &f.incoming.sha256,
                        size_bytes: f.incoming.size as i64,
                        content_type: ct,
                        original_name: &f.name,
                        page_count: pages.map(|p| p as i32),
                        uploaded_by: Some(u.id),
                    },
                )
            };
            let pdf_file = up2.pdf.as_ref().ok_or_else(|| AppError::bug("checked PDF"))?;
            let pdf = keep(conn, pdf_file, "application/pdf", Some(pages))?;
            let source = match &up2.supplement {
                Some(f) => Some(keep(conn, f, "application/zip", None)?),
                None => None,
            };
            let changes = up2.get("changes");
            service::record_upload(
                conn,
                &u,
                id,
                &FinalFiles {
                    pdf,
                    pages,
                    source,
                    changes: &changes,
                    warnings,
                },
                Utc::now().naive_utc(),
            )
        })
        .await
}
