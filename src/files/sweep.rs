//! The file-store sweep: removes what a crash or a failed transaction left behind, in the
//! local folder or the bucket. It runs when `serve` and `worker` start and then as the recurring `files.sweep`
//! job, and several processes may sweep one folder at the same time.
//!
//! Rules: a stored file that a `files` row refers to is never removed; an unreferenced one is
//! removed only once it is older than `orphan_age` (longer than any transaction, so an upload
//! whose row is still being committed is safe); a temporary file whose content a row refers to
//! but which is missing from the store is published at once; other temporary files are removed
//! once older than `orphan_age`.

use chrono::Utc;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::FileStore;
use super::storage::{is_sha256, staged_sha};
use crate::db::AnyConnection;
use crate::db::schema::files;
use crate::error::{AppError, AppResult};
use crate::jobs::Registry;
use crate::jobs::typed::{self, JobPayload};
use crate::web::AppState;

/// The recurring job's kind.
pub const JOB_KIND: &str = "files.sweep";

/// The periodic sweep due in time slot `slot` (Unix time divided by the interval); the slot
/// makes equal the jobs that processes queue for the same time, so only one waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sweep {
    /// The slot the sweep is due in.
    pub slot: i64,
}

impl JobPayload for Sweep {
    const KIND: &'static str = JOB_KIND;
}

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Stored files no row referred to, removed.
    pub orphans_removed: usize,
    /// Temporary files removed.
    pub tmp_removed: usize,
    /// Temporary files stored because a row referred to their content (left by older versions,
    /// which stored files after the commit).
    pub published: usize,
}

fn io(e: std::io::Error) -> AppError {
    AppError::caused("file sweep", e)
}

fn age(path: &Path, now: SystemTime) -> Option<Duration> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(now.duration_since(modified).unwrap_or_default())
}

fn referenced_one(conn: &mut AnyConnection, sha: &str) -> AppResult<bool> {
    let n: i64 = files::table.filter(files::sha256.eq(sha)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Sweeps `store` once.
pub fn sweep(conn: &mut AnyConnection, store: &FileStore, orphan_age: Duration) -> AppResult<Report> {
    let mut report = Report::default();
    // Rows are read before the folders: a row committed later is caught by the re-check below.
    let referenced: HashSet<String> = files::table.select(files::sha256).distinct().load(conn)?.into_iter().collect();
    let now = SystemTime::now();
    if store.tmp_dir().is_dir() {
        for entry in std::fs::read_dir(store.tmp_dir()).map_err(io)? {
            let path = entry.map_err(io)?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            // Left by a version that stored files after the commit: its row needs it.
            if let Some(sha) = staged_sha(&name)
                && referenced.contains(sha)
                && !store.exists_blocking(sha).map_err(io)?
            {
                if store.store_staged_blocking(&path, sha).is_ok() {
                    report.published += 1;
                }
                continue;
            }
            if age(&path, now).is_some_and(|a| a >= orphan_age) && std::fs::remove_file(&path).is_ok() {
                report.tmp_removed += 1;
            }
        }
    }
    if let Some(bucket) = store.bucket() {
        for (sha, written) in bucket.list_blocking().map_err(io)? {
            let old = now.duration_since(written).unwrap_or_default() >= orphan_age;
            if old && !referenced.contains(&sha) && remove_orphan_object(conn, bucket, &sha, orphan_age)? {
                report.orphans_removed += 1;
            }
        }
        return Ok(report);
    }
    let Ok(shards) = std::fs::read_dir(store.root()) else {
        return Ok(report);
    };
    for shard in shards {
        let shard = shard.map_err(io)?.path();
        let shard_name = shard.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if !shard.is_dir() || shard_name.len() != 2 || shard == store.tmp_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&shard).map_err(io)? {
            let path = entry.map_err(io)?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if referenced.contains(&name) || age(&path, now).is_none_or(|a| a < orphan_age) {
                continue;
            }
            if !is_sha256(&name) {
                // Not a stored file (a half-written `.part` of `put_bytes`).
                if std::fs::remove_file(&path).is_ok() {
                    report.tmp_removed += 1;
                }
                continue;
            }
            if remove_orphan(conn, store, &name, orphan_age)? {
                report.orphans_removed += 1;
            }
        }
    }
    Ok(report)
}

/// Takes an old unreferenced file aside, then checks again: if a row committed meanwhile now
/// refers to it, or a new upload of the same content stored it again just before (which
/// renews its age; its row commits next), it goes back unless a newer copy is in place.
fn remove_orphan(conn: &mut AnyConnection, store: &FileStore, sha: &str, orphan_age: Duration) -> AppResult<bool> {
    let dest = store.path_of(sha);
    std::fs::create_dir_all(store.tmp_dir()).map_err(io)?;
    let aside = store.tmp_dir().join(format!("{sha}-swept-{}", crate::auth::tokens::random_hex(8)));
    if std::fs::rename(&dest, &aside).is_err() {
        return Ok(false); // another sweep got there first
    }
    let renewed = age(&aside, SystemTime::now()).is_none_or(|a| a < orphan_age);
    if renewed || referenced_one(conn, sha)? {
        if !dest.exists() {
            let _ = std::fs::rename(&aside, &dest);
        }
        let _ = std::fs::remove_file(&aside);
        return Ok(false);
    }
    let _ = std::fs::remove_file(&aside);
    Ok(true)
}

/// Removes an old unreferenced object from the bucket, checking first that no row committed
/// meanwhile refers to it and that no new upload wrote it again (which renews its age).
fn remove_orphan_object(conn: &mut AnyConnection, bucket: &super::bucket::Bucket, sha: &str, orphan_age: Duration) -> AppResult<bool> {
    if referenced_one(conn, sha)? {
        return Ok(false);
    }
    let still_old = bucket
        .modified_blocking(sha)
        .map_err(io)?
        .is_some_and(|written| SystemTime::now().duration_since(written).unwrap_or_default() >= orphan_age);
    if !still_old {
        return Ok(false);
    }
    bucket.delete_blocking(sha).map_err(io)?;
    Ok(true)
}

/// Queues the next periodic sweep, due at the next multiple of `interval`; processes that
/// start at different times agree on that time, so they queue one job, not one each.
pub fn schedule_next(conn: &mut AnyConnection, interval: Duration) -> AppResult<()> {
    let every = interval.as_secs().max(1) as i64;
    let slot = Utc::now().timestamp() / every + 1;
    let due = chrono::DateTime::from_timestamp(slot * every, 0)
        .unwrap_or_else(Utc::now)
        .naive_utc();
    typed::enqueue_unique_at(conn, &Sweep { slot }, due)?;
    Ok(())
}

async fn run(state: &AppState) -> AppResult<Report> {
    let store = state.files.clone();
    let age = Duration::from_secs(state.config.files.orphan_age_secs);
    let report = state.db.run(move |c| sweep(c, &store, age)).await?;
    if report != Report::default() {
        tracing::info!(?report, "file store swept");
    }
    Ok(report)
}

/// Sweeps at start and queues the periodic sweep; called by `serve` and `worker`.
pub async fn at_start(state: &AppState) -> AppResult<Report> {
    let report = run(state).await?;
    let every = Duration::from_secs(state.config.files.sweep_interval_secs);
    state.db.run(move |c| schedule_next(c, every)).await?;
    Ok(report)
}

/// Registers the `files.sweep` job: sweep, then queue the next one.
pub fn register(r: &mut Registry, state: AppState) {
    r.register_job(state, |state: AppState, _: Sweep| async move {
        run(&state).await?;
        let every = Duration::from_secs(state.config.files.sweep_interval_secs);
        state.db.run(move |c| schedule_next(c, every)).await?;
        Ok(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_queued_by_the_untyped_version_still_parses() {
        typed::assert_reads_stored(r#"{"slot":29000000}"#, Sweep { slot: 29_000_000 });
    }
}
