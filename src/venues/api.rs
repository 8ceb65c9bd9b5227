//! Public venue listing.

use actix_web::web;
use serde::Serialize;

use super::model::{Track, Venue};
use super::store;
use crate::error::AppResult;
use crate::web::AppState;

/// A venue with its tracks.
#[derive(Serialize, utoipa::ToSchema)]
pub struct VenueView {
    /// The venue.
    #[serde(flatten)]
    pub venue: Venue,
    /// Its tracks and forums.
    pub tracks: Vec<Track>,
}

/// Loads venues with their tracks.
pub async fn load(state: &AppState) -> AppResult<Vec<VenueView>> {
    state
        .db
        .run(|c| {
            let venues = store::list(c)?;
            let ids: Vec<i64> = venues.iter().map(|v| v.id).collect();
            let tracks = store::tracks_of(c, &ids)?;
            Ok(venues
                .into_iter()
                .map(|v| {
                    let t = tracks.iter().filter(|t| t.venue_id == v.id).cloned().collect();
                    VenueView { venue: v, tracks: t }
                })
                .collect())
        })
        .await
}

/// Every public venue.
#[utoipa::path(get, path = "/api/v1/venues", tag = "venues", responses((status = 200, body = Vec<VenueView>)))]
pub async fn list(state: web::Data<AppState>) -> AppResult<web::Json<Vec<VenueView>>> {
    Ok(web::Json(load(&state).await?))
}

/// One venue with its tracks, topics and call for papers.
#[utoipa::path(get, path = "/api/v1/venues/{slug}", tag = "venues", params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = super::view::VenueDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<web::Json<super::view::VenueDetail>> {
    let slug = path.into_inner();
    Ok(web::Json(state.db.run(move |c| super::view::detail(c, &slug)).await?))
}

/// Creates a venue (site administrators); the caller becomes its first chair.
#[utoipa::path(post, path = "/api/v1/venues", tag = "venues", security(("bearer" = [])), request_body = super::validate::VenueInput,
    responses((status = 201, body = super::view::VenueDetail), (status = 403, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: crate::auth::CurrentUser,
    body: crate::web::json::Object<super::validate::VenueInput>,
) -> AppResult<actix_web::HttpResponse> {
    let spec = super::validate::venue(&body)?;
    let detail = state
        .db
        .tx(move |c| {
            if !super::policy::may_create(c, &user.user)? {
                return Err(crate::error::AppError::Forbidden);
            }
            let v = store::create(c, &spec, user.user.id)?;
            super::view::detail(c, &v.slug)
        })
        .await?;
    Ok(actix_web::HttpResponse::Created().json(detail))
}

/// Edits a venue (its chairs).
#[utoipa::path(put, path = "/api/v1/venues/{slug}", tag = "venues", security(("bearer" = [])), request_body = super::validate::VenueInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = super::view::VenueDetail), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: crate::auth::CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<super::validate::VenueInput>,
) -> AppResult<web::Json<super::view::VenueDetail>> {
    let slug = path.into_inner();
    let mut input = body.into_inner();
    input.slug = slug.clone();
    let spec = super::validate::venue(&input)?;
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let v = store::by_slug(c, &slug)?;
                super::policy::require_manage(c, &user.user, v.id)?;
                store::update(c, v.id, &spec)?;
                super::view::detail(c, &slug)
            })
            .await?,
    ))
}

/// Selects a track's own call instead of the venue-wide one.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct TrackParam {
    /// Track URL name; absent for the venue-wide call.
    pub track: Option<String>,
}

/// Sets the call for papers of the venue or, with `?track=`, of one track (its chairs);
/// deadlines are wall-clock times in the venue's zone.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/call", tag = "venues", security(("bearer" = [])), request_body = super::validate::CallInput,
    params(("slug" = String, Path, description = "venue URL name"), TrackParam),
    responses((status = 200, body = super::view::VenueDetail), (status = 404, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn set_call(
    state: web::Data<AppState>,
    user: crate::auth::CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
    body: crate::web::json::Object<super::validate::CallInput>,
) -> AppResult<web::Json<super::view::VenueDetail>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let v = store::by_slug(c, &slug)?;
                super::policy::require_manage(c, &user.user, v.id)?;
                let track = store::track_id_param(c, v.id, q.track.as_deref())?;
                let spec = super::validate::call(&body, &v.timezone)?;
                store::save_call(c, v.id, track, &spec)?;
                super::view::detail(c, &slug)
            })
            .await?,
    ))
}

/// Removes a track's own call, so that the venue-wide call governs the track again (its chairs;
/// refused while papers submitted under it exist).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/call", tag = "venues", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("track" = String, Query, description = "track URL name")),
    responses((status = 200, body = super::view::VenueDetail), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn delete_track_call(
    state: web::Data<AppState>,
    user: crate::auth::CurrentUser,
    path: web::Path<String>,
    q: web::Query<TrackParam>,
) -> AppResult<web::Json<super::view::VenueDetail>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let v = store::by_slug(c, &slug)?;
                super::policy::require_manage(c, &user.user, v.id)?;
                let track = store::track_id_param(c, v.id, q.track.as_deref())?
                    .ok_or_else(|| crate::error::AppError::field("track", "validation.required"))?;
                store::delete_track_call(c, v.id, track)?;
                super::view::detail(c, &slug)
            })
            .await?,
    ))
}
