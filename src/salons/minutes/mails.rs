//! Mail about minutes, each in the recipient's language: the review request (with the deadline
//! and the link to the speaker's own statements), a reopened review after a writer changed a
//! statement. Rapporteurs are told by `venues::role_holders` when they are named.

use super::model::Minutes;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::mail::Mail;
use crate::venues::model::Venue;
use crate::web::AppState;

fn deadline_text(venue: &Venue, minutes: &Minutes) -> String {
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    minutes
        .review_deadline
        .map(|d| crate::venues::deadline::display(d, tz))
        .unwrap_or_default()
}

fn vars(state: &AppState, venue: &Venue, minutes: &Minutes, statements: usize) -> serde_json::Value {
    serde_json::json!({
        "venue_zh": venue.title_zh,
        "venue_en": venue.title_en,
        "deadline": deadline_text(venue, minutes),
        "statements": statements,
        "link": format!("{}/venues/{}/minutes/review", state.config.base_url, venue.slug),
    })
}

/// Asks `speaker` to review their `statements` statements by the deadline.
pub fn review_request(
    conn: &mut AnyConnection,
    state: &AppState,
    venue: &Venue,
    minutes: &Minutes,
    speaker: &User,
    statements: usize,
) -> AppResult<()> {
    let v = vars(state, venue, minutes, statements);
    crate::mail::queue(conn, state, Mail::to_user(speaker, speaker.mail_lang(), "minutes_review", v))?;
    Ok(())
}

/// Tells `speaker` that a statement of theirs changed and is theirs to review again.
pub fn reopened(
    conn: &mut AnyConnection,
    state: &AppState,
    venue: &Venue,
    minutes: &Minutes,
    speaker: &User,
    reply: &str,
) -> AppResult<()> {
    let mut v = vars(state, venue, minutes, 1);
    v["reply"] = serde_json::Value::String(reply.to_string());
    crate::mail::queue(conn, state, Mail::to_user(speaker, speaker.mail_lang(), "minutes_reopened", v))?;
    Ok(())
}

/// Reminds `speaker` a day before the deadline of the `statements` they have not answered.
pub fn reminder(
    conn: &mut AnyConnection,
    state: &AppState,
    venue: &Venue,
    minutes: &Minutes,
    speaker: &User,
    statements: usize,
) -> AppResult<()> {
    let v = vars(state, venue, minutes, statements);
    crate::mail::queue(conn, state, Mail::to_user(speaker, speaker.mail_lang(), "minutes_reminder", v))?;
    Ok(())
}
