//! The two jobs of a deposit: `crossref.submit` sends it (again after an outage, up to
//! [`SEND_TRIES`] times), `crossref.poll` asks for its result with growing pauses until
//! Crossref has processed it (up to [`POLLS`] times, then it is left unconfirmed).

use chrono::{Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::client::{self, Sent};
use super::model::DepositStatus;
use super::result::{self, Outcome};
use super::store;
use crate::jobs::typed::{JobPayload, enqueue_at};
use crate::jobs::{Registry, store::UNLIMITED};
use crate::web::AppState;

/// Sends after which a deposit that never reached Crossref counts as failed.
pub const SEND_TRIES: i32 = 12;
/// Result requests after which a received deposit is left unconfirmed.
pub const POLLS: i32 = 30;

/// Sends deposit `deposit_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submit {
    /// The deposit.
    pub deposit_id: i64,
}

impl JobPayload for Submit {
    const KIND: &'static str = "crossref.submit";
    // The deposit row counts the tries; the queue keeps retrying until the row says stop.
    const MAX_ATTEMPTS: i32 = UNLIMITED;
}

/// Asks for the result of deposit `deposit_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Poll {
    /// The deposit.
    pub deposit_id: i64,
}

impl JobPayload for Poll {
    const KIND: &'static str = "crossref.poll";
}

/// The pause before result request number `polls + 1`: one minute, doubling, at most an hour.
pub fn pause(polls: i32) -> Duration {
    Duration::minutes(1i64 << polls.clamp(0, 6)).min(Duration::minutes(60))
}

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Mounts both jobs.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_job(state.clone(), |state: AppState, job: Submit| async move {
        submit(&state, job.deposit_id).await
    });
    registry.register_job(
        state,
        |state: AppState, job: Poll| async move { poll(&state, job.deposit_id).await },
    );
}

async fn submit(state: &AppState, id: i64) -> anyhow::Result<()> {
    let Some(d) = state.db.run(move |c| store::find(c, id)).await? else {
        return Ok(());
    };
    if d.status != DepositStatus::Queued {
        return Ok(());
    }
    let Some(cfg) = state.config.crossref.clone() else {
        state
            .db
            .run(move |c| {
                store::set_status(
                    c,
                    id,
                    DepositStatus::Failed,
                    "no Crossref account is configured",
                    false,
                    false,
                    now(),
                )
            })
            .await?;
        return Ok(());
    };
    let xml = state.db.run(move |c| store::xml_of(c, id)).await?;
    match client::submit(&cfg, &d.batch_id, xml).await {
        Ok(Sent::Received(text)) => {
            state
                .db
                .tx(move |c| {
                    store::set_status(c, id, DepositStatus::Submitted, &text, true, false, now())?;
                    enqueue_at(c, &Poll { deposit_id: id }, now() + pause(0))?;
                    Ok(())
                })
                .await?;
            Ok(())
        }
        Ok(Sent::Refused(reason)) => {
            state
                .db
                .run(move |c| store::set_status(c, id, DepositStatus::Failed, &reason, true, false, now()))
                .await?;
            Ok(())
        }
        Err(reason) => {
            // The pages say how many tries were made, in the reader's language; the message is
            // the reason alone.
            let status = if d.attempts + 1 >= SEND_TRIES {
                DepositStatus::Failed
            } else {
                DepositStatus::Queued
            };
            let m = reason.clone();
            state
                .db
                .run(move |c| store::set_status(c, id, status, &m, true, false, now()))
                .await?;
            // The queue tries again later while the deposit is still queued.
            if status == DepositStatus::Queued {
                Err(anyhow::anyhow!(reason))
            } else {
                Ok(())
            }
        }
    }
}

async fn poll(state: &AppState, id: i64) -> anyhow::Result<()> {
    let Some(d) = state.db.run(move |c| store::find(c, id)).await? else {
        return Ok(());
    };
    if d.status != DepositStatus::Submitted {
        return Ok(());
    }
    let Some(cfg) = state.config.crossref.clone() else { return Ok(()) };
    // An unreachable log counts as a poll like an unreadable one: the deposit ends unconfirmed
    // rather than waiting forever.
    let answer = client::log(&cfg, &d.batch_id).await.and_then(|body| result::diagnostic(&body));
    let polls = d.polls + 1;
    let (status, message) = match answer {
        Ok(Outcome::Completed {
            records,
            successes,
            warnings,
            failures,
            problems,
        }) => {
            let mut m = format!("{records} records: {successes} registered, {warnings} with warnings, {failures} refused");
            if !problems.is_empty() {
                m.push_str(". ");
                m.push_str(&problems.join("; "));
            }
            (
                if failures == 0 {
                    DepositStatus::Succeeded
                } else {
                    DepositStatus::Failed
                },
                m,
            )
        }
        Ok(Outcome::Pending(s)) if polls < POLLS => (DepositStatus::Submitted, format!("Crossref: {s}")),
        Err(reason) if polls < POLLS => (DepositStatus::Submitted, format!("no result yet: {reason}")),
        Ok(Outcome::Pending(s)) => (DepositStatus::Unconfirmed, format!("no result after {polls} requests (last: {s})")),
        Err(reason) => (DepositStatus::Unconfirmed, format!("no result after {polls} requests: {reason}")),
    };
    state
        .db
        .tx(move |c| {
            store::set_status(c, id, status, &message, false, true, now())?;
            if status == DepositStatus::Submitted {
                enqueue_at(c, &Poll { deposit_id: id }, now() + pause(polls))?;
            }
            Ok(())
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_requests_wait_longer_each_time_up_to_an_hour() {
        let minutes: Vec<i64> = (0..9).map(|p| pause(p).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn stored_payloads_read_back() {
        crate::jobs::typed::assert_reads_stored(r#"{"deposit_id":7}"#, Submit { deposit_id: 7 });
        crate::jobs::typed::assert_reads_stored(r#"{"deposit_id":7}"#, Poll { deposit_id: 7 });
    }
}
