//! Job rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::jobs;

crate::text_enum! {
    /// Where a job stands.
    pub enum JobState {
        /// Waiting or running.
        Queued = "queued",
        /// Parked after its last allowed try; an operator can retry it.
        Failed = "failed",
    }
}

/// Waiting or running.
pub const QUEUED: JobState = JobState::Queued;
/// Parked after its last allowed try; an operator can retry it.
pub const FAILED: JobState = JobState::Failed;

/// One unit of background work.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = jobs)]
pub struct Job {
    /// Id.
    pub id: i64,
    /// Handler name, e.g. `mail.send`.
    pub kind: String,
    /// JSON arguments.
    pub payload: String,
    /// `queued` or `failed`.
    #[diesel(deserialize_as = String)]
    pub state: JobState,
    /// Tries started so far.
    pub attempts: i32,
    /// Tries allowed before parking.
    pub max_attempts: i32,
    /// Not before this time (UTC).
    pub run_at: NaiveDateTime,
    /// Worker holding the lease.
    pub locked_by: Option<String>,
    /// Lease end; after it another worker may take the job.
    pub locked_until: Option<NaiveDateTime>,
    /// Error of the last failed try.
    pub last_error: Option<String>,
    /// Enqueue time.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// Higher is claimed first (see `store::priority_of`).
    pub priority: i32,
}
