//! The one check of sanctions, where people submit and where they are asked to review: a leaf
//! module, so that submissions, committees and journals can call it without depending on cases.

use chrono::{NaiveDate, Utc};

use super::model::Sanction;
use super::store;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// What a person is about to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activity {
    /// Submit a paper or manuscript (as any of its authors).
    Submitting,
    /// Join a committee or review a manuscript.
    Reviewing,
}

/// Today in China Standard Time, the day sanctions are counted in.
pub fn today() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The sanction of society `society_id` barring account `user_id` or any of `emails` from
/// `activity` today, if any. Venues and journals of no society have none.
pub fn barring(
    conn: &mut AnyConnection,
    society_id: Option<i64>,
    user_id: Option<i64>,
    emails: &[&str],
    activity: Activity,
) -> AppResult<Option<Sanction>> {
    let Some(society) = society_id else { return Ok(None) };
    let emails: Vec<String> = emails.iter().map(|e| e.trim().to_lowercase()).collect();
    let found = store::against(conn, society, user_id, &emails, today())?;
    Ok(found.into_iter().find(|s| match activity {
        Activity::Submitting => s.bars.submitting(),
        Activity::Reviewing => s.bars.reviewing(),
    }))
}

/// Refuses a submission when the submitter or any listed author is barred from submitting to
/// the society's venues and journals.
pub fn refuse_submission(conn: &mut AnyConnection, society_id: Option<i64>, submitter: i64, authors: &[&str]) -> AppResult<()> {
    match barring(conn, society_id, Some(submitter), authors, Activity::Submitting)? {
        Some(_) => Err(AppError::field("authors", "validation.author_barred")),
        None => Ok(()),
    }
}

/// Refuses `email` (or account `user_id`) as a reviewer when barred from reviewing; the error
/// goes to `field`.
pub fn refuse_reviewer(conn: &mut AnyConnection, society_id: Option<i64>, user_id: Option<i64>, email: &str, field: &str) -> AppResult<()> {
    match barring(conn, society_id, user_id, &[email], Activity::Reviewing)? {
        Some(_) => Err(AppError::field(field, "validation.reviewer_barred")),
        None => Ok(()),
    }
}
