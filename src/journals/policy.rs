//! Who may change the journals register.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Site administrators and organisers keep the register and the field list.
pub fn may_manage(conn: &mut AnyConnection, user: &User) -> AppResult<bool> {
    Ok(roles::is_site_admin(conn, user.id)? || roles::has(conn, user.id, roles::ORGANISER, roles::SCOPE_SITE, 0)?)
}

/// Fails with 403 unless the user keeps the register (the register itself is public).
pub fn require_manage(conn: &mut AnyConnection, user: &User) -> AppResult<()> {
    if may_manage(conn, user)? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
