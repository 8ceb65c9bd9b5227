//! The salon guard: a salon's applications are decided by its lead scientists (领衔科学家) and
//! its chairs; to anyone else the page does not exist (404), nor does it for a venue that is
//! not a salon.

use crate::auth::{CurrentUser, User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::{Venue, VenueKind};
use crate::web::AppState;

/// A salon seen by one who decides its applications.
#[derive(Debug, Clone)]
pub struct Lead {
    /// The salon.
    pub venue: Venue,
    /// Who is deciding.
    pub user_id: i64,
    /// Whether they also manage the venue (chairs).
    pub manages: bool,
}

/// The salon `slug` for `user` (404 unless it is a salon and they lead or chair it).
pub fn lead(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Lead> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    if venue.kind != VenueKind::Salon {
        return Err(AppError::NotFound);
    }
    let manages = crate::guard::venue::may_manage(conn, user, venue.id)?;
    if !manages && !roles::has(conn, user.id, roles::LEAD_SCIENTIST, roles::SCOPE_VENUE, venue.id)? {
        return Err(AppError::NotFound);
    }
    Ok(Lead {
        venue,
        user_id: user.id,
        manages,
    })
}

/// Runs `f` for a lead scientist or chair of salon `slug` in one transaction (404 for anyone
/// else).
pub async fn as_lead<T, F>(state: &AppState, user: &CurrentUser, slug: String, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Lead) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let l = lead(c, &u, &slug)?;
            f(c, &l)
        })
        .await
}
