//! JSON API of check-in: the desk (chairs and helpers) checks codes in; chairs undo check-ins,
//! read attendance and name helpers.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, Outcome};
use super::validate::{CheckinHelperInput, CheckinInput};
use super::view::{Attendance, CheckinHelper, CheckinView};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::guard::checkin::as_desk;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// Checks a participant in by their code (chairs and check-in helpers): at the event, once per
/// day, or at a session of the published programme. A code already checked in there answers
/// 409 naming when and by whom; an unknown code, a code of another venue or a registration
/// without a place answers 422 with the reason.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/checkins", tag = "participation", security(("bearer" = [])),
    request_body = CheckinInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = CheckinView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn check_in(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<CheckinInput>,
) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let (outcome, tz) = as_desk(&state, &user, path.into_inner(), move |c, d| {
        Ok((service::check_in(c, d, &input, now())?, d.venue.timezone.clone()))
    })
    .await?;
    match outcome {
        Outcome::Admitted(v) => Ok(HttpResponse::Created().json(v)),
        Outcome::Already(v) => {
            let tz = crate::venues::deadline::parse_tz(&tz).unwrap_or(chrono_tz::UTC);
            let by = if v.by.is_empty() { String::new() } else { format!(" by {}", v.by) };
            Err(AppError::Conflict(format!(
                "Already checked in at {} ({}){by}.",
                crate::venues::deadline::display(v.at, tz),
                tz.name()
            )))
        }
    }
}

/// Undoes a check-in made by mistake (chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/checkins/{id}", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "check-in id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn undo(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug, move |c, ch| service::undo(c, ch, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Attendance per day and per session, with the latest check-ins (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/attendance", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Attendance), (status = 404, body = ErrorBody)))]
pub async fn attendance(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Attendance>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::attendance(c, &ch.venue)).await?,
    ))
}

/// The venue's check-in helpers (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/checkin-helpers", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<CheckinHelper>), (status = 404, body = ErrorBody)))]
pub async fn helpers(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Vec<CheckinHelper>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::helpers(c, ch.venue.id)).await?,
    ))
}

/// Names a check-in helper by the address of their account (chairs); they are mailed the
/// desk's address. Helpers check people in and see nothing else of the venue.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/checkin-helpers", tag = "participation", security(("bearer" = [])),
    request_body = CheckinHelperInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = CheckinHelper), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_helper(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<CheckinHelperInput>,
) -> AppResult<HttpResponse> {
    let (input, st) = (body.into_inner(), state.get_ref().clone());
    let h = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        service::add_helper(c, &st, ch, &input)
    })
    .await?;
    Ok(HttpResponse::Created().json(h))
}

/// Takes the helper role away (chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/checkin-helpers/{user_id}", tag = "participation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("user_id" = i64, Path, description = "the helper's account id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove_helper(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug, move |c, ch| service::remove_helper(c, ch, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
