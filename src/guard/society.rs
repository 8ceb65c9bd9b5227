//! The society guard: a society's salon plan and proposed themes are kept by its staff
//! (`society_staff` on the society) and site administrators.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Whether `user` acts for society `society_id`.
pub fn is_staff(conn: &mut AnyConnection, user: &User, society_id: i64) -> AppResult<bool> {
    Ok(roles::has(conn, user.id, roles::SOCIETY_STAFF, roles::SCOPE_SOCIETY, society_id)? || roles::is_site_admin(conn, user.id)?)
}
