//! Reminder mails before the review deadline. Saving the review phase enqueues one job per
//! reminder day, due at that time; each carries the phase's save stamp, so jobs of an earlier
//! setting do nothing. The job mails every reviewer with unsubmitted reviews, in their language.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use super::Phases;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::jobs::Registry;
use crate::jobs::typed::JobPayload;
use crate::mail::Mail;
use crate::web::AppState;

/// A reminder round for one venue's reviewers, due some days before the review deadline;
/// `stamp` is the review phase's save stamp when it was scheduled.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Reminder {
    /// The venue.
    pub venue_id: i64,
    /// The phase's save stamp when scheduled.
    pub stamp: String,
    /// Days before the deadline.
    pub days: i32,
}

impl JobPayload for Reminder {
    const KIND: &'static str = "review.reminder";
}

/// Job kind.
pub const JOB: &str = Reminder::KIND;

const STAMP: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Enqueues the reminders of a freshly saved phase (those still in the future).
pub fn schedule(conn: &mut AnyConnection, venue_id: i64, p: &Phases, now: NaiveDateTime) -> AppResult<()> {
    let (Some(deadline), Some(stamp)) = (p.review_deadline, p.stamp) else {
        return Ok(());
    };
    for &days in &p.reminder_days {
        let at = deadline - Duration::days(days as i64);
        if at > now {
            let job = Reminder {
                venue_id,
                stamp: stamp.format(STAMP).to_string(),
                days,
            };
            crate::jobs::typed::enqueue_at(conn, &job, at)?;
        }
    }
    Ok(())
}

/// Registers the reminder job.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register_in_tx::<Reminder, _>(state.db.clone(), state, send);
}

/// Sends one reminder round; returns how many mails were queued (0 for a stale job).
pub fn send(conn: &mut AnyConnection, state: &AppState, job: Reminder, now: NaiveDateTime) -> AppResult<usize> {
    let (venue_id, days) = (job.venue_id, job.days);
    let stamp = NaiveDateTime::parse_from_str(&job.stamp, STAMP)
        .map_err(|_| AppError::bug(format!("bad {} stamp {}", Reminder::KIND, job.stamp)))?;
    let p = super::load(conn, venue_id)?;
    let current = p.stamp == Some(stamp) && p.reminder_days.contains(&days);
    let Some(deadline) = p.review_deadline.filter(|d| current && now <= *d) else {
        return Ok(0);
    };
    let venue = crate::venues::store::by_id(conn, venue_id)?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    let mut sent = 0;
    for (user_id, papers) in crate::review::reviews::store::missing_reviews(conn, venue_id)? {
        let user = crate::auth::store::by_id(conn, user_id)?;
        let mut titles = Vec::new();
        for sid in papers {
            let s = crate::submissions::store::get(conn, sid)?;
            titles.push(format!("#{} {}", s.number, s.title(user.mail_lang())));
        }
        crate::mail::queue(
            conn,
            state,
            Mail::to_user(
                &user,
                user.mail_lang(),
                "review_reminder",
                json!({
                    "venue_zh": venue.title_zh,
                    "venue_en": venue.title_en,
                    "deadline": crate::venues::deadline::display(deadline, tz),
                    "days": days,
                    "papers": titles,
                    "link": format!("{}/reviews", state.config.base_url),
                }),
            ),
        )?;
        sent += 1;
    }
    Ok(sent)
}
