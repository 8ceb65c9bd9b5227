//! The reminder a day before the review deadline: each speaker who still has an unanswered
//! statement gets one mail in their language. The job carries the deadline it was made for,
//! so moving the deadline (which queues a new reminder) makes the old one do nothing.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::model::{MinutesStatus, ReviewState};
use super::{mails, store};
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::typed::{self, JobPayload};
use crate::web::AppState;

/// Remind the speakers of venue `venue_id`'s minutes whose review ends at `deadline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesReminder {
    /// The salon venue.
    pub venue_id: i64,
    /// The deadline it was queued for (seconds since the epoch, UTC).
    pub deadline: i64,
}

impl JobPayload for MinutesReminder {
    const KIND: &'static str = "minutes.remind";
}

/// Queues the reminder a day before `deadline` (none when that moment has passed).
pub fn schedule(conn: &mut AnyConnection, venue_id: i64, deadline: NaiveDateTime, now: NaiveDateTime) -> AppResult<()> {
    let at = deadline - Duration::days(1);
    if at > now {
        let job = MinutesReminder {
            venue_id,
            deadline: deadline.and_utc().timestamp(),
        };
        typed::enqueue_unique_at(conn, &job, at)?;
    }
    Ok(())
}

/// Sends the reminders; answers how many speakers were mailed.
pub fn remind(conn: &mut AnyConnection, state: &AppState, job: MinutesReminder, now: NaiveDateTime) -> AppResult<usize> {
    let Some(m) = store::of_venue(conn, job.venue_id)? else {
        return Ok(0);
    };
    let current = m.review_deadline.map(|d| d.and_utc().timestamp());
    if m.status != MinutesStatus::InReview || current != Some(job.deadline) || m.review_deadline.is_some_and(|d| now > d) {
        return Ok(0);
    }
    let mut waiting: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for s in store::statements(conn, m.id)? {
        if let (Some(sid), ReviewState::Pending) = (s.speaker_id, s.review) {
            *waiting.entry(sid).or_default() += 1;
        }
    }
    let venue = crate::venues::store::by_id(conn, job.venue_id)?;
    for (sid, n) in &waiting {
        let u = crate::auth::store::by_id(conn, *sid)?;
        mails::reminder(conn, state, &venue, &m, &u, *n)?;
    }
    Ok(waiting.len())
}

/// Registers the reminder job.
pub fn register(registry: &mut crate::jobs::Registry, state: AppState) {
    registry.register_in_tx::<MinutesReminder, _>(state.db.clone(), state, remind);
}
