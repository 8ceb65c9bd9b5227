//! Reminder mails to reviewers, as the journal's set-up asks: some days after an unanswered
//! invitation's answer was due, some days before the review is due, and some days after it
//! was due. Inviting (and every change of due dates) queues one job per reminder, each with the
//! invitation's stamp; a job whose stamp is stale, or whose invitation has moved on (answered,
//! reviewed, cancelled, round closed), sends nothing.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::Invitation;
use super::states::ReviewState;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::jobs::Registry;
use crate::jobs::typed::{self, JobPayload};
use crate::journals::manuscripts::model::Manuscript;
use crate::web::AppState;

/// Which reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The answer is overdue.
    Response,
    /// The review is due soon.
    ReviewSoon,
    /// The review is overdue.
    ReviewLate,
}

/// One reminder of one invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remind {
    /// The invitation.
    pub invitation: i64,
    /// Its stamp when scheduled.
    pub stamp: i32,
    /// Which reminder.
    pub kind: Kind,
}

impl JobPayload for Remind {
    const KIND: &'static str = "journals.review_reminder";
}

/// When each reminder of `inv` is due, under the journal's offsets (0 days: none of that kind).
/// Due dates are whole days: "after" counts full days past the due day, "before" starts the day
/// that many days ahead (pure).
pub fn times(inv: &Invitation, before_days: i32, after_days: i32) -> Vec<(Kind, NaiveDateTime)> {
    let start = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).expect("midnight");
    let mut out = Vec::new();
    if after_days > 0 {
        out.push((Kind::Response, start(inv.response_due) + Duration::days(1 + after_days as i64)));
        out.push((Kind::ReviewLate, start(inv.review_due) + Duration::days(1 + after_days as i64)));
    }
    if before_days > 0 {
        out.push((Kind::ReviewSoon, start(inv.review_due) - Duration::days(before_days as i64)));
    }
    out
}

/// Queues the invitation's reminders (those still ahead) under its current stamp.
pub fn schedule(conn: &mut AnyConnection, ms: &Manuscript, inv: &Invitation, now: NaiveDateTime) -> AppResult<()> {
    let s = crate::journals::setup::view::current(conn, ms.journal_id)?.spec;
    for (kind, at) in times(inv, s.remind_before_days, s.remind_after_days) {
        if at > now {
            let job = Remind {
                invitation: inv.id,
                stamp: inv.stamp,
                kind,
            };
            typed::enqueue_at(conn, &job, at)?;
        }
    }
    Ok(())
}

/// Whether a reminder of `kind` still makes sense in `state`.
fn applies(kind: Kind, state: ReviewState) -> bool {
    match kind {
        Kind::Response => matches!(state, ReviewState::AwaitingResponse | ReviewState::ResponseOverdue),
        Kind::ReviewSoon | Kind::ReviewLate => matches!(state, ReviewState::Accepted | ReviewState::ReviewOverdue),
    }
}

/// Mails the reminder that fits the invitation's state now (an editor's "remind").
pub fn send_now(conn: &mut AnyConnection, state: &AppState, ms: &Manuscript, inv: &Invitation, now: NaiveDateTime) -> AppResult<()> {
    let kind = match inv.state(now.date()) {
        ReviewState::AwaitingResponse | ReviewState::ResponseOverdue => Kind::Response,
        ReviewState::ReviewOverdue => Kind::ReviewLate,
        _ => Kind::ReviewSoon,
    };
    mail(conn, state, ms, inv, kind, now)
}

fn mail(conn: &mut AnyConnection, state: &AppState, ms: &Manuscript, inv: &Invitation, kind: Kind, now: NaiveDateTime) -> AppResult<()> {
    let j = crate::journals::store::get(conn, ms.journal_id)?;
    let vars = json!({
        "journal_zh": j.name_zh, "journal_en": j.name_en, "number": ms.number,
        "title_zh": ms.title_zh, "title_en": ms.title_en,
        "link": super::service::link_of(state, inv),
        "kind": kind, "response_due": inv.response_due.to_string(), "review_due": inv.review_due.to_string(),
    });
    super::service::mail_reviewer(conn, state, ms, inv, "journal_review_reminder", vars)?;
    super::store::reminded(conn, inv.id, now)
}

/// Sends one queued reminder if it still applies; returns how many it sent (0 or 1).
pub fn send(conn: &mut AnyConnection, state: &AppState, job: Remind, now: NaiveDateTime) -> AppResult<usize> {
    let Some(inv) = super::store::find(conn, job.invitation)? else {
        return Ok(0);
    };
    let ms = crate::journals::manuscripts::store::get(conn, inv.manuscript_id)?;
    if inv.stamp != job.stamp || !super::service::round_open(&ms, &inv) || !applies(job.kind, inv.state(now.date())) {
        return Ok(0);
    }
    mail(conn, state, &ms, &inv, job.kind, now)?;
    Ok(1)
}

/// Registers the reminder job.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_in_tx::<Remind, _>(state.db.clone(), state, send);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_reminder_reads_back() {
        typed::assert_reads_stored(
            r#"{"invitation":7,"stamp":2,"kind":"review_late"}"#,
            Remind {
                invitation: 7,
                stamp: 2,
                kind: Kind::ReviewLate,
            },
        );
    }
}
