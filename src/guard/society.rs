//! The society guard: a society's salon plan and proposed themes are kept by its staff
//! (`society_staff` on the society) and site administrators.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Whether `user` acts for society `society_id`.
pub fn is_staff(conn: &mut AnyConnection, user: &User, society_id: i64) -> AppResult<bool> {
    Ok(roles::has(conn, user.id, roles::SOCIETY_STAFF, roles::SCOPE_SOCIETY, society_id)? || roles::is_site_admin(conn, user.id)?)
}

/// Fails with 404 unless `user` acts for society `society_id` (not revealing staff pages exist).
pub fn require_staff(conn: &mut AnyConnection, user: &User, society_id: i64) -> AppResult<()> {
    if is_staff(conn, user, society_id)? {
        Ok(())
    } else {
        Err(crate::error::AppError::NotFound)
    }
}

/// The ids of the societies `user_id` holds the staff role of (for their dashboard).
pub fn staff_of(conn: &mut AnyConnection, user_id: i64) -> AppResult<Vec<i64>> {
    Ok(roles::of_user(conn, user_id)?
        .into_iter()
        .filter(|g| g.role == roles::SOCIETY_STAFF && g.scope_kind == roles::SCOPE_SOCIETY)
        .map(|g| g.scope_id)
        .collect())
}
