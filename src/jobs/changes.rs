//! Notices that data others derive from has changed. A domain store records the change in its
//! own transaction as a job, so a committed change is always noticed and a rolled-back one never
//! is; whoever keeps derived data (today the search index) handles the job. Areas call these
//! functions and never import the subscriber, so the dependency runs one way: search reads the
//! areas, the areas only know this queue.

use serde_json::json;

use super::store::enqueue_unique;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// The notices' job kind, named after its subscriber (the search index registers the handler).
pub const KIND: &str = "search.index";

/// Tries before a notice is parked (with backoff this spans a long outage of the subscriber).
const MAX_ATTEMPTS: i32 = 20;

fn notice(conn: &mut AnyConnection, what: &str, id: i64) -> AppResult<()> {
    enqueue_unique(conn, KIND, &json!({ what: id }), MAX_ATTEMPTS)?;
    Ok(())
}

/// A paper changed (created, revised, withdrawn, decided).
pub fn paper(conn: &mut AnyConnection, submission_id: i64) -> AppResult<()> {
    notice(conn, "paper", submission_id)
}

/// A journal of the register changed (and with it its catalogue entries' names).
pub fn journal(conn: &mut AnyConnection, journal_id: i64) -> AppResult<()> {
    notice(conn, "journal", journal_id)
}

/// A catalogue edition's entries changed (written, cleared, published).
pub fn edition(conn: &mut AnyConnection, edition_id: i64) -> AppResult<()> {
    notice(conn, "edition", edition_id)
}

/// A venue changed in a way that concerns all its papers (anonymity, dates).
pub fn venue(conn: &mut AnyConnection, venue_id: i64) -> AppResult<()> {
    notice(conn, "venue", venue_id)
}
