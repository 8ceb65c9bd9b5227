//! Venue actions, one function each, shared by the API and the pages: each checks access in
//! the same transaction as its write.

use serde::{Deserialize, Serialize};

use super::model::{Track, Venue};
use super::validate::{CallInput, VenueSpec};
use super::{policy, store, validate};
use crate::auth::User;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// A venue with its tracks.
#[derive(Serialize, utoipa::ToSchema)]
pub struct VenueView {
    /// The venue.
    #[serde(flatten)]
    pub venue: Venue,
    /// Its tracks and forums.
    pub tracks: Vec<Track>,
}

/// Selects a track's own call instead of the venue-wide one.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
pub struct TrackParam {
    /// Track URL name; absent for the venue-wide call.
    pub track: Option<String>,
}

/// Every public venue with its tracks, and the drafts `user` manages.
pub fn list(c: &mut AnyConnection, user: Option<&User>, kind: Option<super::model::VenueKind>) -> AppResult<Vec<VenueView>> {
    let mut venues = Vec::new();
    for v in store::list(c)? {
        if kind.is_none_or(|k| v.kind == k) && policy::may_see(c, user, &v)? {
            venues.push(v);
        }
    }
    let ids: Vec<i64> = venues.iter().map(|v| v.id).collect();
    let tracks = store::tracks_of(c, &ids)?;
    Ok(venues
        .into_iter()
        .map(|v| {
            let t = tracks.iter().filter(|t| t.venue_id == v.id).cloned().collect();
            VenueView { venue: v, tracks: t }
        })
        .collect())
}

/// `?kind=`.
#[derive(Debug, Default, serde::Deserialize, serde::Serialize, utoipa::IntoParams)]
pub struct KindParam {
    /// Only venues of this kind.
    #[param(value_type = Option<super::model::VenueKind>, inline)]
    pub kind: Option<String>,
}

/// The `kind` query parameter: absent or empty is every kind; an unknown kind is named.
pub fn kind_param(kind: Option<&str>) -> AppResult<Option<super::model::VenueKind>> {
    match kind.map(str::trim).filter(|k| !k.is_empty()) {
        None => Ok(None),
        Some(k) => super::model::VenueKind::parse(k)
            .map(Some)
            .ok_or_else(|| AppError::field("kind", "validation.kind_invalid")),
    }
}

/// Creates a venue (organisers and site admins).
pub fn create(c: &mut AnyConnection, user: &User, spec: &VenueSpec) -> AppResult<Venue> {
    if !policy::may_create(c, user)? {
        return Err(AppError::Forbidden);
    }
    store::create(c, spec, user.id)
}

/// Changes the venue named `slug` (its chairs; 404 for others).
pub fn update(c: &mut AnyConnection, user: &User, slug: &str, spec: &VenueSpec) -> AppResult<Venue> {
    let v = store::by_slug(c, slug)?;
    policy::require_manage(c, user, v.id)?;
    store::update(c, v.id, spec)?;
    Ok(v)
}

/// Sets the venue-wide call or, with a track, the track's own call; deadlines are read in the
/// venue's zone.
pub fn set_call(c: &mut AnyConnection, user: &User, slug: &str, track: Option<&str>, input: &CallInput) -> AppResult<Venue> {
    let v = store::by_slug(c, slug)?;
    policy::require_manage(c, user, v.id)?;
    let track = store::track_id_param(c, v.id, track)?;
    let spec = validate::call(input, &v.timezone)?;
    store::save_call(c, v.id, track, &spec)?;
    Ok(v)
}

/// Removes a track's own call, so that the venue-wide call governs the track again.
pub fn delete_track_call(c: &mut AnyConnection, user: &User, slug: &str, track: Option<&str>) -> AppResult<Venue> {
    let v = store::by_slug(c, slug)?;
    policy::require_manage(c, user, v.id)?;
    let track = store::track_id_param(c, v.id, track)?.ok_or_else(|| AppError::field("track", "validation.required"))?;
    store::delete_track_call(c, v.id, track)?;
    Ok(v)
}

/// Opens the call of the venue named `slug` (its chairs; 404 for others): the venue becomes
/// public and its calls accept submissions within their deadlines. Refused (409) while the
/// venue has no call for papers.
pub fn open(c: &mut AnyConnection, user: &User, slug: &str, now: chrono::NaiveDateTime) -> AppResult<Venue> {
    let v = store::by_slug(c, slug)?;
    policy::require_manage(c, user, v.id)?;
    if v.is_open() {
        return Ok(v);
    }
    // A salon takes part by invitation and application, not by papers: it needs no call.
    if v.kind != super::model::VenueKind::Salon && store::calls_of(c, v.id)?.is_empty() {
        return Err(AppError::Conflict("venues.open_needs_call".into()));
    }
    store::open(c, v.id, now)?;
    store::by_id(c, v.id)
}
