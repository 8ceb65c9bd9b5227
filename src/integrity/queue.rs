//! The one door from other areas into integrity checks: a paper's or manuscript's new PDF is
//! recorded and queued for reading in the caller's transaction. Imports nothing of those areas,
//! so they may call it without a cycle.

use chrono::Utc;

use super::jobs::Extract;
use super::model::DocumentKind;
use super::store::{self, Source};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::typed::enqueue;

/// Paper `submission_id` of `venue_id` has a new PDF, `file_id`.
pub fn paper(conn: &mut AnyConnection, venue_id: i64, submission_id: i64, file_id: i64) -> AppResult<()> {
    let source = Source {
        kind: DocumentKind::Paper,
        source_id: submission_id,
        venue_id: Some(venue_id),
        journal_id: None,
    };
    queue(conn, source, file_id)
}

/// Manuscript `manuscript_id` of `journal_id` has a new PDF, `file_id`.
pub fn manuscript(conn: &mut AnyConnection, journal_id: i64, manuscript_id: i64, file_id: i64) -> AppResult<()> {
    let source = Source {
        kind: DocumentKind::Manuscript,
        source_id: manuscript_id,
        venue_id: None,
        journal_id: Some(journal_id),
    };
    queue(conn, source, file_id)
}

fn queue(conn: &mut AnyConnection, source: Source, file_id: i64) -> AppResult<()> {
    let document = store::set_file(conn, source, file_id, Utc::now().naive_utc())?;
    enqueue(conn, &Extract { document, file: file_id })?;
    Ok(())
}

/// Paper `submission_id`'s authors declare related submissions (`""`: none).
pub fn declare(conn: &mut AnyConnection, submission_id: i64, related: &str) -> AppResult<()> {
    store::set_declaration(conn, submission_id, related, Utc::now().naive_utc())
}

/// What paper `submission_id`'s authors declared ("" when nothing).
pub fn declaration(conn: &mut AnyConnection, submission_id: i64) -> AppResult<String> {
    store::declaration_of(conn, submission_id)
}

/// Whether venue `venue_id` asks its authors to declare related submissions.
pub fn asks_declaration(conn: &mut AnyConnection, venue_id: i64) -> AppResult<bool> {
    Ok(store::policy_of(conn, venue_id)? == super::model::DualSubmission::Declared)
}
