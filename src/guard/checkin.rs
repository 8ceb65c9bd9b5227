//! The check-in guard: a venue's check-in desk opens to its chairs and to the helpers they
//! named; to anyone else the desk does not exist (404).

use crate::auth::{CurrentUser, User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::Venue;
use crate::web::AppState;

/// A venue seen from its check-in desk.
#[derive(Debug, Clone)]
pub struct Desk {
    /// The venue.
    pub venue: Venue,
    /// Who is checking people in.
    pub user_id: i64,
    /// Whether they also manage the venue (chairs see attendance; helpers only check in).
    pub manages: bool,
}

/// The check-in desk of venue `slug` for `user` (404 unless a chair or a helper of it).
pub fn desk(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Desk> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    let manages = crate::guard::venue::may_manage(conn, user, venue.id)?;
    if !manages && !roles::has(conn, user.id, roles::CHECKIN_HELPER, roles::SCOPE_VENUE, venue.id)? {
        return Err(AppError::NotFound);
    }
    Ok(Desk {
        venue,
        user_id: user.id,
        manages,
    })
}

/// Runs `f` at the check-in desk of venue `slug` in one transaction (404 for anyone but its
/// chairs and helpers).
pub async fn as_desk<T, F>(state: &AppState, user: &CurrentUser, slug: String, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Desk) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let d = desk(c, &u, &slug)?;
            f(c, &d)
        })
        .await
}
