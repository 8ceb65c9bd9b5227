//! Reading and writing the author response. Authors always read their own; the committee
//! reads it under the reviews' rule (`view::reads_others`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::store;
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::reviews::access::{self, PaperAccess, Relation};
use crate::review::reviews::model::REVIEW;
use crate::review::reviews::view::reads_others;

/// A response to write.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ResponseInput {
    /// The text.
    #[serde(default)]
    pub body: String,
}

/// The response of a paper as one reader sees it, with the window it may be written in.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AuthorResponse {
    /// Whether the authors may write it now.
    pub open: bool,
    /// Whether the reader may write it now (authors while open).
    pub writable: bool,
    /// The window opens (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub opens: Option<NaiveDateTime>,
    /// The window closes (UTC).
    #[serde(default, with = "crate::web::utc::option")]
    pub closes: Option<NaiveDateTime>,
    /// The window as the venue states it ("2026-12-01 00:00 CST – 2026-12-08 23:59 CST").
    pub window: Option<String>,
    /// Longest response in characters.
    pub max_chars: i32,
    /// The text, when written and the reader may read it.
    pub body: Option<String>,
    /// Last change.
    #[serde(default, with = "crate::web::utc::option")]
    pub updated_at: Option<NaiveDateTime>,
}

/// The response of `p` for `user_id` at `now`.
pub fn read_for(conn: &mut AnyConnection, p: &PaperAccess, user_id: i64, now: NaiveDateTime) -> AppResult<AuthorResponse> {
    let phases = crate::review::phases::load(conn, p.submission.venue_id)?;
    let own_submitted = crate::review::reviews::store::own(conn, p.submission.id, user_id, REVIEW)?.is_some_and(|r| r.is_submitted());
    let reads = p.relation == Relation::Author || reads_others(p.relation, own_submitted, &phases, now);
    let stored = if reads { store::get(conn, p.submission.id)? } else { None };
    let open = phases.rebuttal_open(now) && p.submission.status == crate::submissions::model::SUBMITTED;
    let venue = crate::venues::store::by_id(conn, p.submission.venue_id)?;
    let tz = crate::venues::deadline::parse_tz(&venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    let window = match (phases.rebuttal_opens, phases.rebuttal_deadline) {
        (Some(a), Some(b)) => Some(format!(
            "{} – {}",
            crate::venues::deadline::display(a, tz),
            crate::venues::deadline::display(b, tz)
        )),
        _ => None,
    };
    Ok(AuthorResponse {
        open,
        writable: open && p.relation == Relation::Author,
        opens: phases.rebuttal_opens,
        closes: phases.rebuttal_deadline,
        window,
        max_chars: phases.rebuttal_max_chars,
        body: stored.as_ref().map(|r| r.body.clone()),
        updated_at: stored.map(|r| r.updated_at),
    })
}

/// The response of a paper for its authors and committee (404 for everyone else).
pub fn read(conn: &mut AnyConnection, user: &User, submission_id: i64, now: NaiveDateTime) -> AppResult<AuthorResponse> {
    let p = access::paper(conn, user, submission_id)?;
    read_for(conn, &p, user.id, now)
}

/// Saves the response of one of the paper's authors; returns the paper and whether the
/// response is new. The committee has nothing to write here (403).
pub fn save(
    conn: &mut AnyConnection,
    user: &User,
    submission_id: i64,
    input: &ResponseInput,
    now: NaiveDateTime,
) -> AppResult<(PaperAccess, bool)> {
    let p = access::paper(conn, user, submission_id)?;
    if p.relation != Relation::Author {
        return Err(AppError::Forbidden);
    }
    if p.submission.status != crate::submissions::model::SUBMITTED {
        return Err(AppError::Conflict("reviews.withdrawn".into()));
    }
    let phases = crate::review::phases::load(conn, p.submission.venue_id)?;
    if !phases.rebuttal_open(now) {
        return Err(AppError::Conflict("responses.closed".into()));
    }
    let body = input.body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "validation.required"));
    }
    // The limit is hard: nothing longer is stored, not even cut short.
    if body.chars().count() > phases.rebuttal_max_chars.max(0) as usize {
        return Err(AppError::field("body", "validation.response_too_long"));
    }
    if !crate::text::is_clean(body, true) {
        return Err(AppError::field("body", crate::text::REFUSED));
    }
    let created = store::put(conn, p.submission.venue_id, submission_id, body, user.id, now)?;
    Ok((p, created))
}

/// Saves the response and, when it is new, queues the reviewers' mails in the same transaction.
pub fn save_and_notify(
    c: &mut crate::db::AnyConnection,
    state: &crate::web::AppState,
    user: &crate::auth::User,
    id: i64,
    input: &ResponseInput,
) -> AppResult<crate::review::reviews::access::PaperAccess> {
    let (p, created) = save(c, user, id, input, chrono::Utc::now().naive_utc())?;
    if created {
        super::notify::responded(c, state, &p, input.body.trim())?;
    }
    Ok(p)
}
