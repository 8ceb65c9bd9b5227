//! The evaluation guard: a round is run by its committee (the `evaluation_committee` role on
//! the round) and by the staff of the society that holds it.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::evaluation::rounds::model::{Entry, Round};

/// Whether `user` runs the round.
pub fn is_committee(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<bool> {
    Ok(
        roles::has(conn, user.id, roles::EVALUATION_COMMITTEE, roles::SCOPE_EVALUATION_ROUND, r.id)?
            || super::society::is_staff(conn, user, r.society_id)?,
    )
}

/// Fails with 404 unless `user` runs the round.
pub fn require_committee(conn: &mut AnyConnection, user: &User, r: &Round) -> AppResult<()> {
    if is_committee(conn, user, r)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `user` chairs the venue of an entry (an entry held outside xuehui has no chairs here).
pub fn chairs_entry(conn: &mut AnyConnection, user: &User, e: &Entry) -> AppResult<bool> {
    match e.venue_id {
        Some(v) => super::venue::may_manage(conn, user, v),
        None => Ok(false),
    }
}
