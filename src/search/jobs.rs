//! Index updates through the job queue. A change to a paper enqueues `search.index` for it in
//! the change's transaction (one waiting job per paper at most); the job reads the paper from
//! the database and puts it into the index, or takes it out when it is gone or withdrawn. A
//! search outage therefore delays updates and loses none: the job is retried.

use serde_json::json;

use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::Registry;
use crate::web::AppState;

/// Job kind.
pub const JOB: &str = "search.index";

/// Tries before an index job is parked (with backoff this spans a long outage).
const MAX_ATTEMPTS: i32 = 20;

/// Queues the re-indexing of a paper in the caller's transaction.
pub fn paper_changed(conn: &mut AnyConnection, submission_id: i64) -> AppResult<()> {
    crate::jobs::store::enqueue_unique(conn, JOB, &json!({ "paper": submission_id }), MAX_ATTEMPTS)?;
    Ok(())
}

/// Queues the re-indexing of every paper of a venue (its anonymity or dates changed).
pub fn venue_changed(conn: &mut AnyConnection, venue_id: i64) -> AppResult<()> {
    for id in super::documents::venue_ids(conn, venue_id)? {
        paper_changed(conn, id)?;
    }
    Ok(())
}

/// Queues every paper when the index is new (first start, or first start after an upgrade
/// that brought search), so nothing already in the database is missing from it.
pub fn fill_new_index(state: &AppState) -> anyhow::Result<usize> {
    if !state.search.is_new() {
        return Ok(0);
    }
    let mut conn = state.db.conn().map_err(|e| anyhow::anyhow!("{e}"))?;
    crate::db::transaction(&mut conn, |c| {
        let ids = super::documents::all_ids(c)?;
        for &id in &ids {
            paper_changed(c, id)?;
        }
        Ok(ids.len())
    })
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Registers the handler.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register(JOB, move |payload| {
        let state = state.clone();
        async move {
            let id = payload["paper"]
                .as_i64()
                .ok_or_else(|| anyhow::anyhow!("bad index payload {payload}"))?;
            let doc = state
                .db
                .run(move |c| super::documents::paper(c, id))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let search = state.search.clone();
            tokio::task::spawn_blocking(move || match doc {
                Some(d) => search.upsert(&[d]),
                None => search.delete(&[id]),
            })
            .await?
        }
    });
}
