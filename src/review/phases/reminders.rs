//! Reminder mails before the review deadline. Saving the review phase enqueues one job per
//! reminder day, due at that time; each carries the phase's save stamp, so jobs of an earlier
//! setting do nothing. The job mails every reviewer with unsubmitted reviews, in their language.

use chrono::{Duration, NaiveDateTime, Utc};
use serde_json::json;

use super::Phases;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::jobs::Registry;
use crate::mail::Mail;
use crate::web::AppState;

/// Job kind.
pub const JOB: &str = "review.reminder";

const STAMP: &str = "%Y-%m-%dT%H:%M:%S%.6f";

/// Enqueues the reminders of a freshly saved phase (those still in the future).
pub fn schedule(conn: &mut AnyConnection, venue_id: i64, p: &Phases, now: NaiveDateTime) -> AppResult<()> {
    let (Some(deadline), Some(stamp)) = (p.review_deadline, p.stamp) else {
        return Ok(());
    };
    for &days in &p.reminder_days {
        let at = deadline - Duration::days(days as i64);
        if at > now {
            let payload = json!({ "venue_id": venue_id, "stamp": stamp.format(STAMP).to_string(), "days": days });
            crate::jobs::store::enqueue_at(conn, JOB, &payload, at)?;
        }
    }
    Ok(())
}

/// Registers the reminder job.
pub fn register(registry: &mut Registry, state: AppState) {
    registry.register(JOB, move |payload| {
        let state = state.clone();
        async move {
            let st = state.clone();
            state
                .db
                .tx(move |c| send(c, &st, &payload, Utc::now().naive_utc()))
                .await
                .map(|_| ())
                .map_err(anyhow::Error::from)
        }
    });
}

/// Sends one reminder round; returns how many mails were queued (0 for a stale job).
pub fn send(conn: &mut AnyConnection, state: &AppState, payload: &serde_json::Value, now: NaiveDateTime) -> AppResult<usize> {
    let bad = || AppError::bug(format!("bad reminder payload {payload}"));
    let venue_id = payload["venue_id"].as_i64().ok_or_else(bad)?;
    let days = payload["days"].as_i64().ok_or_else(bad)? as i32;
    let stamp = payload["stamp"]
        .as_str()
        .and_then(|s| NaiveDateTime::parse_from_str(s, STAMP).ok())
        .ok_or_else(bad)?;
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
            titles.push(format!("#{} {}", s.number, s.title(user.preferred_lang.as_deref() != Some("en"))));
        }
        crate::mail::queue(
            conn,
            state,
            Mail {
                to: user.email.clone(),
                to_name: user.display_name(),
                lang: user.mail_lang(),
                template: "review_reminder",
                vars: json!({
                    "venue_zh": venue.title_zh,
                    "venue_en": venue.title_en,
                    "deadline": crate::venues::deadline::display(deadline, tz),
                    "days": days,
                    "papers": titles,
                    "link": format!("{}/reviews", state.config.base_url),
                }),
            },
        )?;
        sent += 1;
    }
    Ok(sent)
}
