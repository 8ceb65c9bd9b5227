//! Who keeps the journals register and the field list: site administrators and organisers.
//! The register itself is public; a journal's own staff rights are `policy::may_change_journal_staff`.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Site administrators and organisers keep the register and the field list.
pub fn may_manage(conn: &mut AnyConnection, user: &User) -> AppResult<bool> {
    Ok(roles::is_site_admin(conn, user.id)? || roles::has(conn, user.id, roles::ORGANISER, roles::SCOPE_SITE, 0)?)
}

/// Fails with 403 unless the user keeps the register.
pub fn require_manage(conn: &mut AnyConnection, user: &User) -> AppResult<()> {
    if may_manage(conn, user)? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
