//! Reminder mails to experts before scores are due: 7 and 2 days before the round's scoring
//! closes, to every expert who has not scored every conference they may score. Jobs carry the
//! round's change stamp, so a reminder scheduled before the dates or phase changed does nothing.

use chrono::NaiveDateTime;
use serde_json::json;

use super::progress::{counts, eligibility};
use super::service::{indicators, open};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::rounds::model::{Round, RoundPhase};
use crate::jobs::Registry;
use crate::jobs::typed::JobPayload;
use crate::mail::Mail;
use crate::web::AppState;

/// A reminder round for one evaluation round, due some days before its scores close; `stamp`
/// is the round's change stamp when it was scheduled.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reminder {
    /// The round.
    pub round: i64,
    /// `updated_at` of the round when scheduled.
    pub stamp: String,
    /// Days before the closing time.
    pub days: i64,
}

impl JobPayload for Reminder {
    const KIND: &'static str = "evaluation.reminder";
}

/// Days before the closing time at which experts are reminded.
pub const DAYS: [i64; 2] = [7, 2];

const STAMP: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Schedules the reminders of a round that has just entered expert scoring (those still in
/// the future).
pub fn schedule(conn: &mut AnyConnection, r: &Round, now: NaiveDateTime) -> AppResult<usize> {
    let Some(closes) = r.scoring_closes.filter(|_| r.phase == RoundPhase::Scoring) else {
        return Ok(0);
    };
    let stamp = r.updated_at.format(STAMP).to_string();
    crate::jobs::typed::enqueue_before(conn, closes, now, &DAYS, |days| Reminder {
        round: r.id,
        stamp: stamp.clone(),
        days,
    })
}

/// Registers the reminder job.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_in_tx::<Reminder, _>(state.db.clone(), state, send);
}

/// Sends one reminder round; returns how many mails were queued (0 for a stale job).
pub fn send(conn: &mut AnyConnection, state: &AppState, job: Reminder, now: NaiveDateTime) -> AppResult<usize> {
    let r = match crate::evaluation::rounds::store::get(conn, job.round) {
        Ok(r) => r,
        Err(AppError::NotFound) => return Ok(0),
        Err(err) => return Err(err),
    };
    let current = r.updated_at.format(STAMP).to_string() == job.stamp && open(&r, now);
    let Some(closes) = r.scoring_closes.filter(|_| current) else {
        return Ok(0);
    };
    let d = crate::evaluation::systems::service::final_version(conn, r.system_id, r.system_version)?;
    let needed = indicators(&d).len();
    let n = counts(conn, &r)?;
    let mut sent = 0;
    for (user, may, _) in eligibility(conn, &r)? {
        let done = may.iter().filter(|e| n.done(user.id, **e, needed)).count();
        if done >= may.len() {
            continue;
        }
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &user,
                user.mail_lang(),
                "evaluation_reminder",
                json!({
                    "title_zh": r.title_zh, "title_en": r.title_en,
                    "done": done, "total": may.len(),
                    "closes": chrono::TimeZone::from_utc_datetime(&chrono_tz::Asia::Shanghai, &closes).format("%Y-%m-%d %H:%M").to_string(),
                    "link": format!("{}/evaluation/{}/ballot", state.config.base_url, r.slug),
                }),
            ),
        )?;
        sent += 1;
    }
    Ok(sent)
}
