//! Reviewers' anonymised copies of PDFs (double-blind review). A copy is made once per
//! original file, by the `pdf.reviewer_copy` job, within the configured PDF limits; it is
//! stored in the file store under its own SHA-256 with a `files` row, and `reviewer_copies`
//! links it to the original. Downloads only stream the stored copy, never make one.
//!
//! The job is queued in the transaction that stores a double-blind submission's new PDF; for
//! a file without a copy and without a waiting job (files stored before copies existed, or a
//! venue made double-blind later) the first download queues it, once.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::StoredFile;
use crate::db::AnyConnection;
use crate::db::schema::reviewer_copies;
use crate::error::{AppError, AppResult};
use crate::jobs::Registry;
use crate::jobs::typed::{self, JobPayload};
use crate::web::AppState;

/// Job kind.
pub const JOB: &str = "pdf.reviewer_copy";

/// Make the reviewers' copy of original PDF `file`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakeCopy {
    /// The original's `files` id.
    pub file: i64,
}

impl JobPayload for MakeCopy {
    const KIND: &'static str = JOB;
    // Only storage or database trouble fails the job; a PDF that cannot be anonymised is
    // recorded as such at once.
    const MAX_ATTEMPTS: i32 = 5;
}

/// A row of `reviewer_copies`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviewer_copies)]
pub struct ReviewerCopy {
    /// Id.
    pub id: i64,
    /// The original PDF.
    pub source_file_id: i64,
    /// The anonymised copy, unless it could not be made.
    pub copy_file_id: Option<i64>,
    /// Why no copy could be made.
    pub error: Option<String>,
    /// When the job finished.
    pub created_at: NaiveDateTime,
}

/// Where the reviewers' copy of a file stands.
#[derive(Debug, Clone)]
pub enum CopyState {
    /// Made and stored.
    Ready(StoredFile),
    /// Queued or running.
    Preparing,
    /// The anonymiser refused the file.
    Failed(String),
}

/// Queues the making of `source_file_id`'s copy in the caller's transaction (once: a waiting
/// job for the same file is enough).
pub fn request(conn: &mut AnyConnection, source_file_id: i64) -> AppResult<()> {
    typed::enqueue_unique(conn, &MakeCopy { file: source_file_id })?;
    Ok(())
}

/// The copy row of a file, if the job has run.
pub fn find(conn: &mut AnyConnection, source_file_id: i64) -> AppResult<Option<ReviewerCopy>> {
    Ok(reviewer_copies::table
        .filter(reviewer_copies::source_file_id.eq(source_file_id))
        .select(ReviewerCopy::as_select())
        .first(conn)
        .optional()?)
}

/// The state of a file's copy; queues the job when there is neither a copy nor a waiting job.
pub fn state_of(conn: &mut AnyConnection, source_file_id: i64) -> AppResult<CopyState> {
    match find(conn, source_file_id)? {
        Some(ReviewerCopy {
            copy_file_id: Some(id), ..
        }) => Ok(CopyState::Ready(super::model::get(conn, id)?)),
        Some(row) => Ok(CopyState::Failed(row.error.unwrap_or_default())),
        None => {
            request(conn, source_file_id)?;
            Ok(CopyState::Preparing)
        }
    }
}

/// Registers the job.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_job(state, |state: AppState, job: MakeCopy| async move {
        make(&state, job.file).await.map_err(anyhow::Error::from)
    });
}

/// Makes and stores the copy of `source_file_id` unless it exists. A PDF the anonymiser
/// refuses is recorded with the reason (reviewers are told no copy could be made); storage and
/// database errors fail the job, which is retried.
pub async fn make(state: &AppState, source_file_id: i64) -> AppResult<()> {
    let (source, done) = state
        .db
        .run(move |c| Ok((super::model::get(c, source_file_id)?, find(c, source_file_id)?.is_some())))
        .await?;
    if done {
        return Ok(());
    }
    let store = state.files.clone();
    let path = store
        .local_copy(&source.sha256)
        .await
        .map_err(|e| AppError::caused("reading the stored PDF", e))?;
    let limits = state.config.pdf;
    let made = actix_web::web::block(move || super::pdf::anonymised(&path, &limits))
        .await
        .map_err(|e| AppError::caused("reviewer copy", e))?;
    let stored = match made {
        // Stored before its row commits (see `storage`).
        Ok(bytes) => {
            let staged = store.stage_bytes(&bytes).map_err(|e| AppError::caused("storage", e))?;
            store.persist(&staged).await.map_err(crate::files::storage_error)?;
            Ok(staged)
        }
        Err(e) => {
            tracing::warn!(file = source_file_id, error = %e, "no reviewers' copy can be made of a PDF");
            Err(e.to_string())
        }
    };
    let stored = std::sync::Arc::new(stored);
    let staged = stored.clone();
    let inserted = state
        .db
        .tx(move |c| {
            if find(c, source_file_id)?.is_some() {
                return Ok(false);
            }
            let now = Utc::now().naive_utc();
            let (copy, error) = match staged.as_ref() {
                Ok(incoming) => {
                    let id = super::model::insert(
                        c,
                        &super::model::NewFile {
                            sha256: &incoming.sha256,
                            size_bytes: incoming.size as i64,
                            content_type: "application/pdf",
                            original_name: "reviewer-copy.pdf",
                            page_count: source.page_count,
                            uploaded_by: None,
                        },
                    )?;
                    (Some(id), None)
                }
                Err(e) => (None, Some(e.chars().take(500).collect::<String>())),
            };
            diesel::insert_into(reviewer_copies::table)
                .values((
                    reviewer_copies::source_file_id.eq(source_file_id),
                    reviewer_copies::copy_file_id.eq(copy),
                    reviewer_copies::error.eq(error),
                    reviewer_copies::created_at.eq(now),
                ))
                .execute(c)?;
            Ok(true)
        })
        .await?;
    if !inserted {
        tracing::debug!(file = source_file_id, "another worker made the reviewers' copy first");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_queued_by_the_untyped_version_still_parses() {
        typed::assert_reads_stored(r#"{"file":9}"#, MakeCopy { file: 9 });
    }
}
