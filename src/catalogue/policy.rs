//! Who may do what with a catalogue edition.

use crate::auth::{User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Site administrators and organisers create editions (and join their committee).
pub fn may_create(conn: &mut AnyConnection, user: &User) -> AppResult<bool> {
    crate::journals::policy::may_manage(conn, user)
}

/// The edition's committee (and site administrators) run it.
pub fn is_committee(conn: &mut AnyConnection, user: &User, edition_id: i64) -> AppResult<bool> {
    Ok(roles::has(conn, user.id, roles::CATALOGUE_COMMITTEE, roles::SCOPE_EDITION, edition_id)? || roles::is_site_admin(conn, user.id)?)
}

/// Whether the user is on the edition's expert panel.
pub fn is_expert(conn: &mut AnyConnection, user: &User, edition_id: i64) -> AppResult<bool> {
    roles::has(conn, user.id, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, edition_id)
}

/// Fails with 404 unless the user is on the committee (committee pages are not advertised).
pub fn require_committee(conn: &mut AnyConnection, user: &User, edition_id: i64) -> AppResult<()> {
    if is_committee(conn, user, edition_id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Fails with 404 unless the user is on the panel.
pub fn require_expert(conn: &mut AnyConnection, user: &User, edition_id: i64) -> AppResult<()> {
    if is_expert(conn, user, edition_id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
