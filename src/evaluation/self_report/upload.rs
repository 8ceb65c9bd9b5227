//! Receiving an evidence file: access is checked before the body is read, the file streams to
//! temporary storage within its size limit, its kind is found from its bytes (PDF, image,
//! Office document or ZIP archive; nothing else), then its row commits and the bytes are
//! published (as for submissions).

use actix_multipart::Multipart;
use actix_session::Session;
use chrono::Utc;

use super::service::{self, EvidenceFile, NewEvidence};
use crate::auth::User;
use crate::auth::extract::AuthVia;
use crate::error::{AppError, AppResult};
use crate::evaluation::rounds::store;
use crate::submissions::upload as sub_upload;
use crate::web::AppState;

/// Largest evidence file, in MiB.
pub const MAX_MB: u64 = 20;

/// Reads, checks and attaches the `evidence` part of a form to item `code` of entry `entry_id`
/// of round `round_id`.
pub async fn receive(
    state: &AppState,
    user: &User,
    via: AuthVia,
    session: &Session,
    (round_id, entry_id, code): (i64, i64, String),
    payload: Multipart,
) -> AppResult<EvidenceFile> {
    let (u, c2) = (user.clone(), code.clone());
    state
        .db
        .run(move |c| {
            let r = store::get(c, round_id)?;
            let e = store::entry(c, round_id, entry_id)?;
            service::check_attach(c, &u, &r, &e, &c2, Utc::now().naive_utc())
        })
        .await?;
    let up = sub_upload::read(payload, &state.files, 0, MAX_MB * 1024 * 1024)
        .await
        .map_err(|f| f.error)?;
    sub_upload::check_csrf(session, via, &up)?;
    let file = up
        .evidence
        .as_ref()
        .ok_or_else(|| AppError::field("evidence", "evaluation.evidence_required"))?;
    let (path, name) = (file.incoming.tmp_path.clone(), file.name.clone());
    let content_type = actix_web::web::block(move || crate::files::sniff::document_type(&path, &name))
        .await
        .map_err(|e| AppError::caused("evidence type", e))?
        .map_err(|e| AppError::caused("reading the evidence", e))?
        .ok_or_else(|| AppError::field("evidence", "evaluation.evidence_type"))?;
    let new = NewEvidence {
        sha256: file.incoming.sha256.clone(),
        size_bytes: file.incoming.size as i64,
        content_type,
        name: file.name.clone(),
    };
    // Stored before the row commits (see `files::storage`).
    state.files.persist(&file.incoming).await.map_err(crate::files::storage_error)?;
    let u = user.clone();
    state
        .db
        .tx(move |c| {
            let r = store::get(c, round_id)?;
            let e = store::entry(c, round_id, entry_id)?;
            service::attach(c, &u, &r, &e, &code, &new, Utc::now().naive_utc())
        })
        .await
}
