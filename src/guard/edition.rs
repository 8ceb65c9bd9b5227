//! The catalogue guard: an edition for its committee or its expert panel, checked inside the
//! action's own transaction, 404 for anyone else (committee and ballot pages are not
//! advertised).

use crate::auth::{CurrentUser, User, roles};
use crate::catalogue::model::Edition;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::AppState;

/// The edition's committee (and site administrators) run it.
pub fn is_committee(conn: &mut AnyConnection, user: &User, edition_id: i64) -> AppResult<bool> {
    Ok(roles::has(conn, user.id, roles::CATALOGUE_COMMITTEE, roles::SCOPE_EDITION, edition_id)? || roles::is_site_admin(conn, user.id)?)
}

/// Whether the user is on the edition's expert panel.
pub fn is_expert(conn: &mut AnyConnection, user: &User, edition_id: i64) -> AppResult<bool> {
    roles::has(conn, user.id, roles::CATALOGUE_EXPERT, roles::SCOPE_EDITION, edition_id)
}

/// Fails with 404 unless the user is on the committee.
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

/// The edition named `slug` for its committee (404 for anyone else).
pub fn committee(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Edition> {
    let e = crate::catalogue::store::by_slug(conn, slug)?;
    require_committee(conn, user, e.id)?;
    Ok(e)
}

/// Runs `f` on edition `id` for its committee, check and action in one transaction.
pub async fn as_committee<T, F>(state: &AppState, user: &CurrentUser, id: i64, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Edition, &User) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let e = crate::catalogue::store::by_id(c, id)?;
            require_committee(c, &u, e.id)?;
            f(c, &e, &u)
        })
        .await
}
