//! JSON API of speech contests: chairs set the contest up (settings, entries, judges), move it
//! and read the live board; judges read their sheet and score; everyone reads the published
//! results.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service;
use super::validate::{ContestEntriesInput, ContestInput, ContestJudgeInput, ContestScoreInput, ContestStateInput};
use super::view::{ContestBoard, ContestEntries, ContestJudge, ContestResults, ContestSettings, ContestSheet, ContestSheetEntry};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// The contest's settings (chairs): state, track, method, score form, award tiers. A venue's
/// contest is made, in setup, the first time its chairs open it.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/contest", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestSettings), (status = 404, body = ErrorBody)))]
pub async fn get_contest(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<ContestSettings>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::settings(c, ch, now())).await?,
    ))
}

/// Replaces the contest's settings (chairs). The score form needs at least one criterion and
/// is fixed once a judge has scored (422 on `criteria`); a published contest is fixed (409).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/contest", tag = "salons", security(("bearer" = [])),
    request_body = ContestInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestSettings), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_contest(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ContestInput>,
) -> AppResult<web::Json<ContestSettings>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::save(c, ch, &input, now())).await?,
    ))
}

/// The contest's talks in order and the accepted papers that could still enter (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/contest/entries", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestEntries), (status = 404, body = ErrorBody)))]
pub async fn get_entries(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<ContestEntries>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::entries(c, ch, now())).await?,
    ))
}

/// Makes the listed papers the contest's talks in that order (chairs): accepted papers whose
/// authors were told (of the contest's track, if set); a talk with scores cannot leave.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/contest/entries", tag = "salons", security(("bearer" = [])),
    request_body = ContestEntriesInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestEntries), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_entries(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ContestEntriesInput>,
) -> AppResult<web::Json<ContestEntries>> {
    let input = body.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            service::put_entries(c, ch, &input, now())
        })
        .await?,
    ))
}

/// The contest's judges with how many talks each scored (chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/contest/judges", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<ContestJudge>), (status = 404, body = ErrorBody)))]
pub async fn judges(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<Vec<ContestJudge>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::judges(c, ch, now())).await?,
    ))
}

/// Names a judge by the address of their account (chairs); they are mailed the judging page in
/// their language. An address without an account is refused (422 on `email`); a published
/// contest keeps its judges (409).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/contest/judges", tag = "salons", security(("bearer" = [])),
    request_body = ContestJudgeInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = ContestJudge), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_judge(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ContestJudgeInput>,
) -> AppResult<HttpResponse> {
    let (input, st) = (body.into_inner(), state.get_ref().clone());
    let j = as_chair(&state, &user, path.into_inner(), move |c, ch| {
        service::add_judge(c, &st, ch, &input, now())
    })
    .await?;
    Ok(HttpResponse::Created().json(j))
}

/// Takes the judge role away (chairs); their scores stop counting. A published contest keeps
/// its judges (409).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/contest/judges/{user_id}", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("user_id" = i64, Path, description = "the judge's account id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn remove_judge(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug, move |c, ch| service::remove_judge(c, ch, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Moves the contest (chairs): setup → open (needs criteria, talks and judges) → closed →
/// published, or closed → open again. Publishing mails the presenting authors of awarded
/// talks. Other moves are refused (422 on `state`).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/contest/state", tag = "salons", security(("bearer" = [])),
    request_body = ContestStateInput, params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestSettings), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_state(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ContestStateInput>,
) -> AppResult<web::Json<ContestSettings>> {
    let (input, st) = (body.into_inner(), state.get_ref().clone());
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| {
            service::change_state(c, &st, ch, &input, now())
        })
        .await?,
    ))
}

/// The organisers' live board (chairs): per talk how many judges scored of those who may,
/// each judge's total, the score by the contest's method, rank and award.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/contest/board", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestBoard), (status = 404, body = ErrorBody)))]
pub async fn board(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<ContestBoard>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, ch| service::board(c, ch, now())).await?,
    ))
}

/// A judge's sheet (judges only): the score form and the talks in order, each with the
/// judge's own score if any, or marked as closed to them by a conflict.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/contest/sheet", tag = "salons", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestSheet), (status = 404, body = ErrorBody)))]
pub async fn sheet(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<ContestSheet>> {
    let (slug, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let venue = crate::guard::contest::judge(c, &u, &slug)?;
                service::sheet(c, &venue, &u)
            })
            .await?,
    ))
}

/// Saves the judge's own score of a talk, replacing the one they gave (judges only, while the
/// contest is open: 409 otherwise). A talk the judge may not score (their paper, a conflict)
/// answers 404; points outside the form answer 422.
#[utoipa::path(put, path = "/api/v1/venues/{slug}/contest/entries/{id}/scores/mine", tag = "salons", security(("bearer" = [])),
    request_body = ContestScoreInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "the entry's id")),
    responses((status = 200, body = ContestSheetEntry), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_score(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<ContestScoreInput>,
) -> AppResult<web::Json<ContestSheetEntry>> {
    let ((slug, id), u, input) = (path.into_inner(), user.user.clone(), body.into_inner());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let venue = crate::guard::contest::judge(c, &u, &slug)?;
                service::score(c, &venue, &u, id, &input, now())
            })
            .await?,
    ))
}

/// The published results (anyone who may see the venue; 404 until published): ranking,
/// awards, scores and the method; no judges and no individual scores.
#[utoipa::path(get, path = "/api/v1/venues/{slug}/contest/results", tag = "salons",
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = ContestResults), (status = 404, body = ErrorBody)))]
pub async fn results(state: web::Data<AppState>, user: MaybeUser, path: web::Path<String>) -> AppResult<web::Json<ContestResults>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let venue = crate::guard::venue::visible(c, user.0.as_ref(), &slug)?;
                service::results(c, &venue)
            })
            .await?,
    ))
}
