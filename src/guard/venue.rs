//! The chair guard: a venue its chair manages, with the papers hidden from that chair (ones
//! they wrote or are conflicted with), loaded inside the action's own transaction.

use std::collections::HashSet;

use crate::auth::{CurrentUser, User, roles};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::venues::model::Venue;
use crate::web::AppState;

/// Site administrators and organisers create venues (and become their first chair).
pub fn may_create(conn: &mut AnyConnection, user: &User) -> AppResult<bool> {
    Ok(roles::is_site_admin(conn, user.id)? || roles::has(conn, user.id, roles::ORGANISER, roles::SCOPE_SITE, 0)?)
}

/// Chairs of the venue and site administrators manage it.
pub fn may_manage(conn: &mut AnyConnection, user: &User, venue_id: i64) -> AppResult<bool> {
    Ok(roles::has(conn, user.id, roles::CHAIR, roles::SCOPE_VENUE, venue_id)? || roles::is_site_admin(conn, user.id)?)
}

/// The venue named `slug` as `user` may see it: a draft (call not yet opened) only to those who
/// manage it; to everyone else it does not exist (404).
pub fn visible(conn: &mut AnyConnection, user: Option<&User>, slug: &str) -> AppResult<crate::venues::model::Venue> {
    let v = crate::venues::store::by_slug(conn, slug)?;
    if may_see(conn, user, &v)? { Ok(v) } else { Err(AppError::NotFound) }
}

/// Whether `user` (or a visitor) may see the venue: anyone once its call is open, before that
/// only those who manage it.
pub fn may_see(conn: &mut AnyConnection, user: Option<&User>, v: &crate::venues::model::Venue) -> AppResult<bool> {
    match user {
        _ if v.is_open() => Ok(true),
        Some(u) => may_manage(conn, u, v.id),
        None => Ok(false),
    }
}

/// Fails with 404 unless the user manages the venue (not revealing management pages exist).
pub fn require_manage(conn: &mut AnyConnection, user: &User, venue_id: i64) -> AppResult<()> {
    if may_manage(conn, user, venue_id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// A venue seen by one of its chairs (or a site administrator).
#[derive(Debug, Clone)]
pub struct Chair {
    /// The venue.
    pub venue: Venue,
    /// The chair's account id.
    pub user_id: i64,
    hidden: HashSet<i64>,
}

impl Chair {
    /// Whether the chair sees paper `submission_id` as its chair (it may still be another
    /// venue's: see [`Chair::paper`]).
    pub fn sees(&self, submission_id: i64) -> bool {
        !self.hidden.contains(&submission_id)
    }

    /// The papers of the venue hidden from this chair: written by them or conflicted.
    pub fn hidden(&self) -> &HashSet<i64> {
        &self.hidden
    }

    /// Fails with 404 unless the paper belongs to the venue and the chair sees it.
    pub fn paper(&self, conn: &mut AnyConnection, submission_id: i64) -> AppResult<()> {
        crate::submissions::store::require_in_venue(conn, self.venue.id, submission_id)?;
        if self.sees(submission_id) {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Keeps the items whose paper the chair sees.
    pub fn visible<T>(&self, items: Vec<T>, paper: impl Fn(&T) -> i64) -> Vec<T> {
        if self.hidden.is_empty() {
            return items;
        }
        items.into_iter().filter(|t| self.sees(paper(t))).collect()
    }
}

/// The papers of `venue_id` that `user` wrote (their address is listed, confirmed or not) or
/// is bound by a conflict with; `policy::chair_sees` on each paper's facts, in two queries.
pub fn hidden_papers(conn: &mut AnyConnection, user: &User, venue_id: i64) -> AppResult<HashSet<i64>> {
    let written = crate::submissions::store::written_by(conn, venue_id, &user.email)?;
    let mut hidden: HashSet<i64> = written.into_iter().collect();
    hidden.extend(crate::review::conflicts::store::binding_papers_of(conn, venue_id, user.id)?);
    Ok(hidden)
}

/// The venue for its chair (404 for anyone else, not revealing that management pages exist).
pub fn chair_of(conn: &mut AnyConnection, user: &User, venue: Venue) -> AppResult<Chair> {
    require_manage(conn, user, venue.id)?;
    let hidden = hidden_papers(conn, user, venue.id)?;
    Ok(Chair {
        venue,
        user_id: user.id,
        hidden,
    })
}

/// The venue named `slug` for its chair (404 for anyone else).
pub fn chair(conn: &mut AnyConnection, user: &User, slug: &str) -> AppResult<Chair> {
    let venue = crate::venues::store::by_slug(conn, slug)?;
    chair_of(conn, user, venue)
}

/// Runs `f` for the chair of venue `slug` in one transaction: the check and the action see the
/// same state, so a role removed meanwhile cannot slip through.
pub async fn as_chair<T, F>(state: &AppState, user: &CurrentUser, slug: String, f: F) -> AppResult<T>
where
    F: FnOnce(&mut AnyConnection, &Chair) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    state
        .db
        .tx(move |c| {
            let chair = chair(c, &u, &slug)?;
            f(c, &chair)
        })
        .await
}

/// The venue for its chair, read on its own: only for what a page needs before the action
/// (its time zone, its title); the action itself runs through [`as_chair`].
pub async fn chaired(state: &AppState, user: &CurrentUser, slug: String) -> AppResult<Venue> {
    let u = user.user.clone();
    state.db.run(move |c| Ok(chair(c, &u, &slug)?.venue)).await
}
