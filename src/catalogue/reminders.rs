//! Reminder mails to experts before the panel's votes are due: 7 and 2 days before the closing
//! day, to every expert who has not yet voted on every journal they may vote on. Jobs carry the
//! edition's change stamp, so a reminder scheduled before the dates or phase changed does nothing.

use chrono::NaiveDateTime;
use serde_json::json;

use super::model::Edition;
use super::phases::Phase;
use super::{panel, store, votes};
use crate::auth::roles;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::jobs::Registry;
use crate::jobs::typed::JobPayload;
use crate::mail::Mail;
use crate::web::AppState;

/// A reminder round for one edition, due some days before its votes close; `stamp` is the
/// edition's change stamp when it was scheduled.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reminder {
    /// The edition.
    pub edition: i64,
    /// `updated_at` of the edition when scheduled.
    pub stamp: String,
    /// Days before the closing time.
    pub days: i64,
}

impl JobPayload for Reminder {
    const KIND: &'static str = "catalogue.reminder";
}

/// Job kind.
pub const JOB: &str = Reminder::KIND;
/// Days before the closing time at which experts are reminded.
pub const DAYS: [i64; 2] = [7, 2];

const STAMP: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Schedules the reminders of an edition in its evaluation phase (those still in the future).
pub fn schedule(conn: &mut AnyConnection, e: &Edition, now: NaiveDateTime) -> AppResult<usize> {
    let Some(closes) = e.evaluation_closes.filter(|_| Phase::parse(&e.phase) == Some(Phase::Evaluation)) else {
        return Ok(0);
    };
    let stamp = e.updated_at.format(STAMP).to_string();
    crate::jobs::typed::enqueue_before(conn, closes, now, &DAYS, |days| Reminder {
        edition: e.id,
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
    let (id, stamp) = (job.edition, job.stamp.as_str());
    let e = match store::by_id(conn, id) {
        Ok(e) => e,
        Err(AppError::NotFound) => return Ok(0),
        Err(err) => return Err(err),
    };
    let current = e.updated_at.format(STAMP).to_string() == stamp && votes::open(&e, now);
    let Some(closes) = e.evaluation_closes.filter(|_| current) else {
        return Ok(0);
    };
    let journals = crate::journals::store::count_in_field(conn, e.field_id)? as usize;
    let mut sent = 0;
    for uid in roles::holders(conn, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, e.id)? {
        let votable = journals.saturating_sub(panel::conflicts_of(conn, e.id, uid)?.len());
        let done = votes::mine(conn, e.id, uid)?.len();
        if done >= votable {
            continue;
        }
        let user = crate::auth::store::by_id(conn, uid)?;
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &user,
                user.mail_lang(),
                "catalogue_reminder",
                json!({
                    "title_zh": e.title_zh, "title_en": e.title_en,
                    "done": done, "total": votable,
                    "closes": chrono::TimeZone::from_utc_datetime(&chrono_tz::Asia::Shanghai, &closes).format("%Y-%m-%d %H:%M").to_string(),
                    "link": format!("{}/catalogues/{}/vote", state.config.base_url, e.slug),
                }),
            ),
        )?;
        sent += 1;
    }
    Ok(sent)
}
