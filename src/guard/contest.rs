//! The contest judge guard: a venue's judging pages open to the judges its chairs named
//! (`contest_judge` on the venue) and to nobody else (404, chairs included: they have the
//! board). Which talks a judge may score is [`hidden_from`]: not their own papers, not papers a
//! binding conflict keeps from them.

use std::collections::HashSet;

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::Venue;

/// Whether `user_id` judges the venue's contest.
pub fn is_judge(conn: &mut AnyConnection, user_id: i64, venue_id: i64) -> AppResult<bool> {
    roles::has(conn, user_id, roles::CONTEST_JUDGE, roles::SCOPE_VENUE, venue_id)
}

/// Venue `slug` for one of its contest judges (404 for anyone else).
pub fn judge(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Venue> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    if !is_judge(conn, user.id, venue.id)? {
        return Err(AppError::NotFound);
    }
    Ok(venue)
}

/// The venue's papers a judge may not score: those listing their address as an author and
/// those a binding conflict keeps from them (the same papers hidden from a chair).
pub fn hidden_from(conn: &mut AnyConnection, user: &User, venue_id: i64) -> AppResult<HashSet<i64>> {
    crate::guard::venue::hidden_papers(conn, user, venue_id)
}
