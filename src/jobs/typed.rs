//! Typed jobs: a payload type names its job kind and try limit, is enqueued as that type and
//! read back as it, so no handler picks fields out of untyped JSON. Two registrations: one for
//! a job whose work is one database transaction, one for a job that runs outside any (it does
//! slow work between its own short transactions, or talks to another service).
//!
//! A payload is stored as its serde JSON, so renaming a kind or a field strands the jobs already
//! queued under the old names: keep both, and test that an old payload still parses.

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

use super::{Registry, store};
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};

/// A job's payload, stored as JSON under its kind.
pub trait JobPayload: Serialize + DeserializeOwned + Send + 'static {
    /// The job kind, e.g. `review.reminder`.
    const KIND: &'static str;
    /// Tries before the job is parked ([`store::UNLIMITED`]: until it succeeds or is cancelled).
    const MAX_ATTEMPTS: i32 = store::DEFAULT_MAX_ATTEMPTS;
}

fn to_json<J: JobPayload>(job: &J) -> AppResult<serde_json::Value> {
    serde_json::to_value(job).map_err(|e| AppError::caused("job payload", e))
}

/// Enqueues `job`, due now, in the caller's transaction.
pub fn enqueue<J: JobPayload>(conn: &mut AnyConnection, job: &J) -> AppResult<i64> {
    store::enqueue_with(conn, J::KIND, &to_json(job)?, J::MAX_ATTEMPTS)
}

/// Enqueues `job`, due at `at`, in the caller's transaction.
pub fn enqueue_at<J: JobPayload>(conn: &mut AnyConnection, job: &J, at: NaiveDateTime) -> AppResult<i64> {
    store::enqueue_at_with(conn, J::KIND, &to_json(job)?, J::MAX_ATTEMPTS, at)
}

/// Enqueues the job `make(days)` due `days` before `closes`, for each of `days` still in the
/// future (reminders before a deadline); answers how many were enqueued.
pub fn enqueue_before<J: JobPayload>(
    conn: &mut AnyConnection,
    closes: NaiveDateTime,
    now: NaiveDateTime,
    days: &[i64],
    make: impl Fn(i64) -> J,
) -> AppResult<usize> {
    let mut n = 0;
    for &d in days {
        let at = closes - chrono::Duration::days(d);
        if at > now {
            enqueue_at(conn, &make(d), at)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Enqueues `job` unless an equal one is waiting (see [`store::enqueue_unique`]); `None` then.
pub fn enqueue_unique<J: JobPayload>(conn: &mut AnyConnection, job: &J) -> AppResult<Option<i64>> {
    store::enqueue_unique(conn, J::KIND, &to_json(job)?, J::MAX_ATTEMPTS)
}

/// Like [`enqueue_unique`], due at `at`.
pub fn enqueue_unique_at<J: JobPayload>(conn: &mut AnyConnection, job: &J, at: NaiveDateTime) -> AppResult<Option<i64>> {
    store::enqueue_unique_at(conn, J::KIND, &to_json(job)?, J::MAX_ATTEMPTS, at)
}

/// Reads a stored payload as `J`; one that does not parse is a bug, named with the payload.
pub fn parse<J: JobPayload>(payload: &serde_json::Value) -> AppResult<J> {
    serde_json::from_value(payload.clone()).map_err(|e| AppError::bug(format!("bad {} payload {payload}: {e}", J::KIND)))
}

/// Checks, in a unit test, that a payload stored by an earlier version (`stored`, as text) still
/// reads as `expected` and that `expected` is stored as the same text (waiting jobs are found by
/// payload text, so the stored form must not change either).
#[cfg(test)]
pub fn assert_reads_stored<J: JobPayload + PartialEq + std::fmt::Debug>(stored: &str, expected: J) {
    let old: serde_json::Value = serde_json::from_str(stored).expect("stored payload is JSON");
    assert_eq!(parse::<J>(&old).expect("the old payload reads"), expected);
    assert_eq!(serde_json::to_string(&expected).expect("payload serialises"), stored);
}

/// The work of a job that runs in one transaction: it gets the connection, the registering
/// area's context, the payload and the current time, and says how many things it did.
pub type TxWork<J, C> = fn(&mut AnyConnection, &C, J, NaiveDateTime) -> AppResult<usize>;

impl Registry {
    /// Registers `J`'s handler: parse the payload, then run `work` in one transaction on `db`.
    pub fn register_in_tx<J, C>(&mut self, db: Db, ctx: C, work: TxWork<J, C>)
    where
        J: JobPayload,
        C: Clone + Send + Sync + 'static,
    {
        self.register(J::KIND, move |payload| {
            let (db, ctx) = (db.clone(), ctx.clone());
            async move {
                let job: J = parse(&payload)?;
                db.tx(move |c| work(c, &ctx, job, Utc::now().naive_utc()))
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from)
            }
        });
    }

    /// Registers `J`'s handler: parse the payload, then run `work` with a clone of `ctx` (the
    /// registering area's state) outside any transaction.
    pub fn register_job<J, C, F, Fut>(&mut self, ctx: C, work: F)
    where
        J: JobPayload,
        C: Clone + Send + Sync + 'static,
        F: Fn(C, J) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        self.register(J::KIND, move |payload| {
            let run = parse::<J>(&payload).map(|job| work(ctx.clone(), job));
            async move { run?.await }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Ping {
        venue_id: i64,
        days: i32,
    }

    impl JobPayload for Ping {
        const KIND: &'static str = "test.ping";
    }

    #[test]
    fn payloads_read_back_as_their_type_and_bad_ones_are_named() {
        let stored = serde_json::json!({"venue_id": 3, "days": 2});
        assert_eq!(parse::<Ping>(&stored).unwrap(), Ping { venue_id: 3, days: 2 });
        let err = parse::<Ping>(&serde_json::json!({"venue": 3})).unwrap_err();
        let AppError::Internal(cause) = &err else { panic!("a bug") };
        assert!(format!("{cause:?}").contains("test.ping"), "{cause:?}");
    }
}
