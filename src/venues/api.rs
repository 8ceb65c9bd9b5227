//! Public venue listing.

use actix_web::web;

use super::service;
pub use super::service::{KindParam, TrackParam, VenueView};
use crate::error::AppResult;
use crate::web::AppState;

/// Every public venue, and the drafts the caller manages; `?kind=salon` (or `conference`,
/// `forum`) keeps one kind.
#[utoipa::path(get, path = "/api/v1/venues", tag = "venues", params(KindParam),
    responses((status = 200, body = Vec<VenueView>), (status = 422, body = crate::error::ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: crate::auth::MaybeUser,
    q: web::Query<KindParam>,
) -> AppResult<web::Json<Vec<VenueView>>> {
    let kind = service::kind_param(q.kind.as_deref())?;
    Ok(web::Json(state.db.run(move |c| service::list(c, user.0.as_ref(), kind)).await?))
}

/// One venue with its tracks, topics and call for papers.
#[utoipa::path(get, path = "/api/v1/venues/{slug}", tag = "venues", params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = super::view::VenueDetail), (status = 404, body = crate::error::ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: crate::auth::MaybeUser,
    path: web::Path<String>,
) -> AppResult<web::Json<super::view::VenueDetail>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state.db.run(move |c| super::view::detail(c, user.0.as_ref(), &slug)).await?,
    ))
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
            let v = service::create(c, &user.user, &spec)?;
            super::view::detail(c, Some(&user.user), &v.slug)
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
    input.details.slug = slug.clone();
    let spec = super::validate::venue(&input)?;
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                service::update(c, &user.user, &slug, &spec)?;
                super::view::detail(c, Some(&user.user), &slug)
            })
            .await?,
    ))
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
                service::set_call(c, &user.user, &slug, q.track.as_deref(), &body)?;
                super::view::detail(c, Some(&user.user), &slug)
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
                service::delete_track_call(c, &user.user, &slug, q.track.as_deref())?;
                super::view::detail(c, Some(&user.user), &slug)
            })
            .await?,
    ))
}

/// Opens the call: the draft venue becomes public and authors can submit (its chairs). Needs a
/// call for papers first; opening an open venue changes nothing.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/open", tag = "venues", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = super::view::VenueDetail), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn open(
    state: web::Data<AppState>,
    user: crate::auth::CurrentUser,
    path: web::Path<String>,
) -> AppResult<web::Json<super::view::VenueDetail>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                service::open(c, &user.user, &slug, chrono::Utc::now().naive_utc())?;
                super::view::detail(c, Some(&user.user), &slug)
            })
            .await?,
    ))
}
