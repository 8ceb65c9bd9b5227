//! Queue operations. Claiming is a compare-and-set UPDATE, which both SQLite and PostgreSQL
//! execute atomically, so two workers never hold the same job.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use super::model::{FAILED, Job, QUEUED};
use crate::db::AnyConnection;
use crate::db::schema::jobs;
use crate::error::{AppError, AppResult};

/// Tries before a job is parked as failed, unless the caller says otherwise.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 8;

/// A try limit meaning "no limit": the job retries, with capped backoff, until it succeeds or
/// an administrator cancels it (mail: a relay outage of any length loses nothing).
pub const UNLIMITED: i32 = 0;

/// Longest wait between tries of a job without a try limit, so mail goes out soon after a
/// long outage ends.
pub const UNLIMITED_BACKOFF_MAX_MS: u64 = 5 * 60 * 1000;

/// Whether a job that has failed `attempts` times has used up its tries.
pub fn exhausted(attempts: i32, max_attempts: i32) -> bool {
    max_attempts != UNLIMITED && attempts >= max_attempts
}

/// Priority of user-facing mail (password reset, verification, receipts, every mail): claimed first.
pub const PRIORITY_MAIL: i32 = 100;
/// Priority of ordinary jobs (reminders and anything not named below).
pub const PRIORITY_NORMAL: i32 = 0;
/// Priority of bulk work (search indexing after imports): claimed when nothing else is due.
pub const PRIORITY_BULK: i32 = -100;

/// The priority a job kind gets: mail before everything, indexing after everything.
pub fn priority_of(kind: &str) -> i32 {
    if kind.starts_with("mail.") {
        PRIORITY_MAIL
    } else if kind.starts_with("search.") {
        PRIORITY_BULK
    } else {
        PRIORITY_NORMAL
    }
}

/// Adds a job in the caller's transaction.
pub fn enqueue(conn: &mut AnyConnection, kind: &str, payload: &serde_json::Value) -> AppResult<i64> {
    enqueue_with(conn, kind, payload, DEFAULT_MAX_ATTEMPTS)
}

/// Adds a job with its own try limit.
pub fn enqueue_with(conn: &mut AnyConnection, kind: &str, payload: &serde_json::Value, max_attempts: i32) -> AppResult<i64> {
    insert(conn, kind, payload, max_attempts, Utc::now().naive_utc())
}

/// Adds a job unless the same job (kind and payload) is already waiting, so repeated changes
/// to one object queue one update; a job already running does not count, as it may have read
/// the object before the latest change.
pub fn enqueue_unique(conn: &mut AnyConnection, kind: &str, payload: &serde_json::Value, max_attempts: i32) -> AppResult<Option<i64>> {
    enqueue_unique_at(conn, kind, payload, max_attempts, Utc::now().naive_utc())
}

/// Like [`enqueue_unique`], due at `run_at` (a recurring job's next run).
pub fn enqueue_unique_at(
    conn: &mut AnyConnection,
    kind: &str,
    payload: &serde_json::Value,
    max_attempts: i32,
    run_at: NaiveDateTime,
) -> AppResult<Option<i64>> {
    let text = payload.to_string();
    let waiting: i64 = jobs::table
        .filter(jobs::kind.eq(kind))
        .filter(jobs::payload.eq(&text))
        .filter(jobs::state.eq(QUEUED))
        .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt(Utc::now().naive_utc())))
        .count()
        .get_result(conn)?;
    if waiting > 0 {
        return Ok(None);
    }
    insert(conn, kind, payload, max_attempts, run_at).map(Some)
}

/// Adds a job that becomes due at `run_at` (reminders); until then workers leave it alone.
pub fn enqueue_at(conn: &mut AnyConnection, kind: &str, payload: &serde_json::Value, run_at: NaiveDateTime) -> AppResult<i64> {
    insert(conn, kind, payload, DEFAULT_MAX_ATTEMPTS, run_at)
}

/// Like [`enqueue_at`], with its own try limit.
pub fn enqueue_at_with(
    conn: &mut AnyConnection,
    kind: &str,
    payload: &serde_json::Value,
    max_attempts: i32,
    run_at: NaiveDateTime,
) -> AppResult<i64> {
    insert(conn, kind, payload, max_attempts, run_at)
}

fn insert(conn: &mut AnyConnection, kind: &str, payload: &serde_json::Value, max_attempts: i32, run_at: NaiveDateTime) -> AppResult<i64> {
    let now = Utc::now().naive_utc();
    Ok(diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::payload.eq(payload.to_string()),
            jobs::state.eq(QUEUED),
            jobs::attempts.eq(0),
            jobs::max_attempts.eq(if max_attempts == UNLIMITED {
                UNLIMITED
            } else {
                max_attempts.max(1)
            }),
            jobs::run_at.eq(run_at),
            jobs::priority.eq(priority_of(kind)),
            jobs::created_at.eq(now),
            jobs::updated_at.eq(now),
        ))
        .returning(jobs::id)
        .get_result(conn)?)
}

/// Takes the next due job for `worker` for `lease`, or `None` when nothing is due: the highest
/// priority first, then the earliest due.
pub fn claim(conn: &mut AnyConnection, worker: &str, lease: Duration) -> AppResult<Option<Job>> {
    // A few rounds: losing a race to another worker just means trying the next job.
    for _ in 0..8 {
        let now = Utc::now().naive_utc();
        let free = jobs::locked_until.is_null().or(jobs::locked_until.lt(now));
        let candidate: Option<i64> = jobs::table
            .filter(jobs::state.eq(QUEUED))
            .filter(jobs::run_at.le(now))
            .filter(free)
            .order((jobs::priority.desc(), jobs::run_at, jobs::id))
            .select(jobs::id)
            .first(conn)
            .optional()?;
        let Some(id) = candidate else { return Ok(None) };
        let won = diesel::update(
            jobs::table
                .filter(jobs::id.eq(id))
                .filter(jobs::state.eq(QUEUED))
                .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt(now))),
        )
        .set((
            jobs::locked_by.eq(worker),
            jobs::locked_until.eq(now + lease),
            jobs::attempts.eq(jobs::attempts + 1),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
        if won == 1 {
            return Ok(Some(jobs::table.find(id).select(Job::as_select()).first(conn)?));
        }
    }
    Ok(None)
}

/// Removes a finished job (only if `worker` still holds it).
pub fn complete(conn: &mut AnyConnection, id: i64, worker: &str) -> AppResult<()> {
    diesel::delete(jobs::table.filter(jobs::id.eq(id)).filter(jobs::locked_by.eq(worker))).execute(conn)?;
    Ok(())
}

/// Records a failed try: schedules the retry after `retry_in`, or parks the job as failed
/// when it has used all its tries.
pub fn fail(conn: &mut AnyConnection, job: &Job, worker: &str, error: &str, retry_in: std::time::Duration) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    let error: String = error.chars().take(2000).collect();
    let target = jobs::table.filter(jobs::id.eq(job.id)).filter(jobs::locked_by.eq(worker));
    if exhausted(job.attempts, job.max_attempts) {
        diesel::update(target)
            .set((
                jobs::state.eq(FAILED),
                jobs::locked_by.eq(None::<String>),
                jobs::locked_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?;
    } else {
        let delay = Duration::from_std(retry_in).unwrap_or(Duration::hours(1));
        diesel::update(target)
            .set((
                jobs::run_at.eq(now + delay),
                jobs::locked_by.eq(None::<String>),
                jobs::locked_until.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
                jobs::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Puts a failed job (or a waiting one) back to run now, with fresh tries.
pub fn retry(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    let now = Utc::now().naive_utc();
    let n = diesel::update(jobs::table.filter(jobs::id.eq(id)).filter(jobs::locked_by.is_null()))
        .set((
            jobs::state.eq(QUEUED),
            jobs::attempts.eq(0),
            jobs::run_at.eq(now),
            jobs::updated_at.eq(now),
        ))
        .execute(conn)?;
    if n == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Cancels a waiting or parked job (not one a worker holds now); an administrator's decision
/// that its work is no longer wanted.
pub fn cancel(conn: &mut AnyConnection, id: i64) -> AppResult<()> {
    let n = diesel::delete(jobs::table.filter(jobs::id.eq(id)).filter(jobs::locked_by.is_null())).execute(conn)?;
    if n == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Jobs in a state, oldest first.
pub fn list(conn: &mut AnyConnection, state: super::model::JobState, limit: i64) -> AppResult<Vec<Job>> {
    Ok(jobs::table
        .filter(jobs::state.eq(state))
        .order((jobs::run_at, jobs::id))
        .limit(limit)
        .select(Job::as_select())
        .load(conn)?)
}

/// How many jobs wait, run and have failed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueCounts {
    /// Waiting (due now or later).
    pub queued: i64,
    /// Currently leased by a worker.
    pub running: i64,
    /// Parked after their last try.
    pub failed: i64,
}

/// Counts for the health check and the admin page.
pub fn counts(conn: &mut AnyConnection) -> AppResult<QueueCounts> {
    let now = Utc::now().naive_utc();
    let running: i64 = jobs::table
        .filter(jobs::state.eq(QUEUED))
        .filter(jobs::locked_until.gt(now))
        .count()
        .get_result(conn)?;
    let queued: i64 = jobs::table.filter(jobs::state.eq(QUEUED)).count().get_result(conn)?;
    let failed: i64 = jobs::table.filter(jobs::state.eq(FAILED)).count().get_result(conn)?;
    Ok(QueueCounts {
        queued: queued - running,
        running,
        failed,
    })
}

/// Makes the waiting jobs whose kind starts with `prefix` due now (not those a worker holds),
/// so that work held back by an outage of what they need runs as soon as it is back instead of
/// at its next backoff step. Returns how many were woken.
pub fn wake_kind_prefix(conn: &mut AnyConnection, prefix: &str) -> AppResult<usize> {
    let now = Utc::now().naive_utc();
    // LIKE would treat `_` in a kind as a wildcard; kinds are few, so match them here.
    let kinds: Vec<String> = jobs::table
        .filter(jobs::state.eq(QUEUED))
        .filter(jobs::run_at.gt(now))
        .select(jobs::kind)
        .distinct()
        .load(conn)?;
    let kinds: Vec<String> = kinds.into_iter().filter(|k| k.starts_with(prefix)).collect();
    if kinds.is_empty() {
        return Ok(0);
    }
    Ok(diesel::update(
        jobs::table
            .filter(jobs::state.eq(QUEUED))
            .filter(jobs::kind.eq_any(&kinds))
            .filter(jobs::run_at.gt(now))
            .filter(jobs::locked_until.is_null().or(jobs::locked_until.lt(now))),
    )
    .set((jobs::run_at.eq(now), jobs::updated_at.eq(now)))
    .execute(conn)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_jobs_with_a_limit_run_out_of_tries() {
        use super::{UNLIMITED, exhausted};
        for (attempts, max, want) in [(7, 8, false), (8, 8, true), (9, 8, true), (1_000, UNLIMITED, false), (0, 1, false)] {
            assert_eq!(exhausted(attempts, max), want, "{attempts} of {max}");
        }
    }
}
