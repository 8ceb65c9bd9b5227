//! Every query of reviewer invitations.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{Invitation, Recommendation, Status};
use super::validate::InviteSpec;
use crate::auth::tokens::hash_token;
use crate::db::AnyConnection;
use crate::db::schema::reviewer_invitations as ri;
use crate::error::{AppError, AppResult};

/// One invitation of a manuscript (404 when it belongs to another).
pub fn get(conn: &mut AnyConnection, manuscript_id: i64, id: i64) -> AppResult<Invitation> {
    ri::table
        .filter(ri::manuscript_id.eq(manuscript_id))
        .filter(ri::id.eq(id))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// One invitation by id, if it still exists.
pub fn find(conn: &mut AnyConnection, id: i64) -> AppResult<Option<Invitation>> {
    Ok(ri::table.find(id).select(Invitation::as_select()).first(conn).optional()?)
}

/// The invitation a link token belongs to, if any.
pub fn by_token(conn: &mut AnyConnection, token: &str) -> AppResult<Option<Invitation>> {
    Ok(ri::table
        .filter(ri::token_hash.eq(hash_token(token)))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?)
}

/// Every invitation of a manuscript, by round and then in the order sent.
pub fn of_manuscript(conn: &mut AnyConnection, manuscript_id: i64) -> AppResult<Vec<Invitation>> {
    Ok(ri::table
        .filter(ri::manuscript_id.eq(manuscript_id))
        .order((ri::round, ri::id))
        .select(Invitation::as_select())
        .load(conn)?)
}

/// A link: the nonce stored, and the SHA-256 of the token made from it.
pub struct Link {
    /// Stored nonce.
    pub nonce: String,
    /// Hash of the token.
    pub hash: String,
}

/// Stores an invitation into the round, or invites again someone who declined or was
/// cancelled (with the new link); 409 `journal_review.already_invited` when they are still in
/// the round. Returns its id.
#[allow(clippy::too_many_arguments)]
pub fn invite(
    conn: &mut AnyConnection,
    manuscript_id: i64,
    round: i32,
    spec: &InviteSpec,
    conflicts: &str,
    user_id: Option<i64>,
    link: &Link,
    by: i64,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let existing: Option<Invitation> = ri::table
        .filter(ri::manuscript_id.eq(manuscript_id))
        .filter(ri::round.eq(round))
        .filter(ri::email.eq(&spec.email))
        .select(Invitation::as_select())
        .first(conn)
        .optional()?;
    if let Some(e) = existing {
        if e.status != Status::Declined && e.cancelled_at.is_none() {
            return Err(AppError::Conflict("journal_review.already_invited".into()));
        }
        diesel::update(ri::table.find(e.id))
            .set((
                ri::name.eq(&spec.name),
                ri::affiliation.eq(&spec.affiliation),
                ri::user_id.eq(user_id.or(e.user_id)),
                ri::token_hash.eq(&link.hash),
                ri::link_nonce.eq(&link.nonce),
                ri::status.eq(Status::Invited),
                ri::message.eq(&spec.message),
                ri::conflicts.eq(conflicts),
                ri::invited_by.eq(Some(by)),
                ri::invited_at.eq(now),
                ri::response_due.eq(spec.response_due),
                ri::review_due.eq(spec.review_due),
                ri::responded_at.eq(None::<NaiveDateTime>),
                ri::decline_reason.eq(""),
                ri::suggestion.eq(""),
                ri::cancelled_at.eq(None::<NaiveDateTime>),
                ri::stamp.eq(e.stamp + 1),
            ))
            .execute(conn)?;
        return Ok(e.id);
    }
    let id: i64 = diesel::insert_into(ri::table)
        .values((
            ri::manuscript_id.eq(manuscript_id),
            ri::round.eq(round),
            ri::email.eq(&spec.email),
            ri::name.eq(&spec.name),
            ri::affiliation.eq(&spec.affiliation),
            ri::user_id.eq(user_id),
            ri::token_hash.eq(&link.hash),
            ri::link_nonce.eq(&link.nonce),
            ri::status.eq(Status::Invited),
            ri::message.eq(&spec.message),
            ri::conflicts.eq(conflicts),
            ri::invited_by.eq(Some(by)),
            ri::invited_at.eq(now),
            ri::response_due.eq(spec.response_due),
            ri::review_due.eq(spec.review_due),
            ri::decline_reason.eq(""),
            ri::suggestion.eq(""),
            ri::answers.eq("{}"),
        ))
        .returning(ri::id)
        .get_result(conn)?;
    Ok(id)
}

/// Records the reviewer's answer (accepted or declined, with the reason and suggestion).
pub fn respond(conn: &mut AnyConnection, id: i64, status: Status, reason: &str, suggestion: &str, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set((
            ri::status.eq(status),
            ri::responded_at.eq(Some(now)),
            ri::decline_reason.eq(reason),
            ri::suggestion.eq(suggestion),
        ))
        .execute(conn)?;
    Ok(())
}

/// Links the invitation to the account with its address.
pub fn link_user(conn: &mut AnyConnection, id: i64, user_id: i64) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set(ri::user_id.eq(Some(user_id)))
        .execute(conn)?;
    Ok(())
}

/// Saves the review: a draft, or the submitted review with the form it answered.
pub fn save_review(
    conn: &mut AnyConnection,
    id: i64,
    answers: &str,
    recommendation: Option<Recommendation>,
    submitted_form: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set((
            ri::answers.eq(answers),
            ri::recommendation.eq(recommendation.map(|r| r.as_str().to_string())),
            ri::saved_at.eq(Some(now)),
        ))
        .execute(conn)?;
    if let Some(form) = submitted_form {
        diesel::update(ri::table.find(id))
            .set((
                ri::status.eq(Status::Submitted),
                ri::form.eq(Some(form)),
                ri::submitted_at.eq(Some(now)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Cancels the invitation.
pub fn cancel(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set(ri::cancelled_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// Takes a cancellation back with a new link (the old one stays dead).
pub fn reinstate(conn: &mut AnyConnection, id: i64, link: &Link) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set((
            ri::cancelled_at.eq(None::<NaiveDateTime>),
            ri::token_hash.eq(&link.hash),
            ri::link_nonce.eq(&link.nonce),
            ri::stamp.eq(ri::stamp + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sets new due dates; the stamp moves, so reminders for the old dates do nothing.
pub fn set_dues(conn: &mut AnyConnection, id: i64, response_due: NaiveDate, review_due: NaiveDate) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set((
            ri::response_due.eq(response_due),
            ri::review_due.eq(review_due),
            ri::stamp.eq(ri::stamp + 1),
        ))
        .execute(conn)?;
    Ok(())
}

/// An editor confirmed the review.
pub fn confirm(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ri::table.find(id).filter(ri::confirmed_at.is_null()))
        .set(ri::confirmed_at.eq(Some(now)))
        .execute(conn)?;
    Ok(())
}

/// The reviewer was thanked.
pub fn thank(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    confirm(conn, id, now)?;
    diesel::update(ri::table.find(id)).set(ri::thanked_at.eq(Some(now))).execute(conn)?;
    Ok(())
}

/// A reminder was sent.
pub fn reminded(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(ri::table.find(id))
        .set((ri::reminders_sent.eq(ri::reminders_sent + 1), ri::last_reminded_at.eq(Some(now))))
        .execute(conn)?;
    Ok(())
}

/// Invitations of one person: sent to their verified address, or linked to their account;
/// newest first.
pub fn of_reviewer(conn: &mut AnyConnection, email: Option<&str>, user_id: i64) -> AppResult<Vec<Invitation>> {
    let mut q = ri::table.filter(ri::user_id.eq(Some(user_id))).into_boxed();
    if let Some(e) = email {
        q = q.or_filter(ri::email.eq(e.to_string()));
    }
    Ok(q.order(ri::invited_at.desc()).select(Invitation::as_select()).load(conn)?)
}
