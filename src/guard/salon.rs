//! The salon guard: a salon's applications are decided by its lead scientists (领衔科学家) and
//! its chairs; its minutes are written by those and the rapporteurs the chairs name. To anyone
//! else these pages do not exist (404), nor do they for a venue that is not a salon.

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
    let venue = salon(conn, slug)?;
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

/// A salon seen by one of its minutes' writers.
#[derive(Debug, Clone)]
pub struct Writer {
    /// The salon venue.
    pub venue: Venue,
    /// The writer's account.
    pub user_id: i64,
    /// Whether they chair the salon (chairs also name rapporteurs).
    pub chair: bool,
}

/// The salon venue named `slug` (404 for any other kind of venue: only salons have minutes).
pub fn salon(conn: &mut AnyConnection, slug: &str) -> AppResult<Venue> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    if venue.kind == VenueKind::Salon {
        Ok(venue)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `user` writes the minutes of `venue`.
pub fn writes(conn: &mut AnyConnection, user: &User, venue: &Venue) -> AppResult<Option<Writer>> {
    let chair = crate::guard::venue::may_manage(conn, user, venue.id)?;
    let lead = roles::has(conn, user.id, roles::LEAD_SCIENTIST, roles::SCOPE_VENUE, venue.id)?;
    let rapporteur = roles::has(conn, user.id, roles::RAPPORTEUR, roles::SCOPE_VENUE, venue.id)?;
    Ok(crate::salons::minutes::policy::may_write(chair, lead, rapporteur).then(|| Writer {
        venue: venue.clone(),
        user_id: user.id,
        chair,
    }))
}

/// The salon `slug` for one of its writers (404 for anyone else).
pub fn writer(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Writer> {
    let venue = salon(conn, slug)?;
    writes(conn, user, &venue)?.ok_or(AppError::NotFound)
}

/// Runs `f` for a writer of salon `slug` in one transaction (404 for anyone else): the check
/// and the action see the same state.
pub async fn as_writer<T, F>(state: &AppState, user: &CurrentUser, slug: String, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Writer) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let w = writer(c, &u, &slug)?;
            f(c, &w)
        })
        .await
}
