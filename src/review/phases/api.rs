//! Review phase API for chairs.

use actix_web::web;

use super::{Phases, PhasesInput};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::review::committee::api::chaired_venue;
use crate::web::AppState;

/// The venue's review phase (times in UTC).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/review-phase", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Phases), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Phases>> {
    let v = chaired_venue(&state, &user, path.into_inner()).await?;
    Ok(web::Json(state.db.run(move |c| super::load(c, v.id)).await?))
}

/// Sets the review phase (times in the venue's time zone); schedules the reminder mails.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/review-phase", tag = "review", security(("bearer" = [])), request_body = PhasesInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Phases), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<PhasesInput>,
) -> AppResult<web::Json<Phases>> {
    let v = chaired_venue(&state, &user, path.into_inner()).await?;
    let tz = crate::venues::deadline::parse_tz(&v.timezone).unwrap_or(chrono_tz::Asia::Shanghai);
    let p = super::validate(&body, tz)?;
    Ok(web::Json(state.db.tx(move |c| super::save(c, v.id, &p)).await?))
}
