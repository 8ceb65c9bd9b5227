//! Who may do what with a venue.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Site administrators and organisers create venues (and become their first chair).
pub fn may_create(conn: &mut AnyConnection, user: &User) -> AppResult<bool> {
    Ok(roles::is_site_admin(conn, user.id)? || roles::has(conn, user.id, roles::ORGANISER, roles::SCOPE_SITE, 0)?)
}

/// Chairs of the venue and site administrators manage it.
pub fn may_manage(conn: &mut AnyConnection, user: &User, venue_id: i64) -> AppResult<bool> {
    Ok(roles::has(conn, user.id, roles::CHAIR, roles::SCOPE_VENUE, venue_id)? || roles::is_site_admin(conn, user.id)?)
}

/// Fails with 404 unless the user manages the venue (not revealing management pages exist).
pub fn require_manage(conn: &mut AnyConnection, user: &User, venue_id: i64) -> AppResult<()> {
    if may_manage(conn, user, venue_id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
