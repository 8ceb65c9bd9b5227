//! Typed jobs: a payload type names its job kind, is enqueued as that type and read back as it,
//! so no handler picks fields out of untyped JSON; and one registration for the common case of
//! a job whose work is one database transaction.

use chrono::{NaiveDateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Registry, store};
use crate::db::{AnyConnection, Db};
use crate::error::{AppError, AppResult};

/// A job's payload, stored as JSON under its kind.
pub trait JobPayload: Serialize + DeserializeOwned + Send + 'static {
    /// The job kind, e.g. `review.reminder`.
    const KIND: &'static str;
}

/// Enqueues `job`, due at `at`, in the caller's transaction.
pub fn enqueue_at<J: JobPayload>(conn: &mut AnyConnection, job: &J, at: NaiveDateTime) -> AppResult<i64> {
    let payload = serde_json::to_value(job).map_err(|e| AppError::caused("job payload", e))?;
    store::enqueue_at(conn, J::KIND, &payload, at)
}

/// Reads a stored payload as `J`; one that does not parse is a bug, named with the payload.
pub fn parse<J: JobPayload>(payload: &serde_json::Value) -> AppResult<J> {
    serde_json::from_value(payload.clone()).map_err(|e| AppError::bug(format!("bad {} payload {payload}: {e}", J::KIND)))
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
