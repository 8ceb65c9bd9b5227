//! Review phase API for chairs.

use actix_web::web;

use super::{Phases, PhasesInput};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

/// The venue's review phase (times in UTC).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/review-phase", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Phases), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Phases>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), |c, ch| super::load(c, ch.venue.id)).await?,
    ))
}

/// Sets the review phase (times in the venue's time zone); schedules the reminder mails.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/review-phase", tag = "review", security(("bearer" = [])), request_body = PhasesInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Phases), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<PhasesInput>,
) -> AppResult<web::Json<Phases>> {
    let body = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            let tz = crate::venues::deadline::parse_tz(&ch.venue.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
            let p = super::validate(&body, tz)?;
            super::save(c, ch.venue.id, &p)
        })
        .await?,
    ))
}
