//! JSON API of the evaluation reports.

use actix_web::web;
use chrono::Utc;

use super::conference::{self, ConferenceReport};
use super::round::{self, RoundReport};
use super::service::{self, RecommendationsInput, ReleaseInput};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::evaluation::rounds::in_round;
use crate::web::AppState;
use crate::web::json::Object;

/// A conference's report: for the committee from the proposal on (every expert comment, with
/// whether it is released), for the conference's chairs from public notice on (the released
/// comments). 404 for everyone else.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/results/{entry}", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = ConferenceReport), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn conference_report(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<web::Json<ConferenceReport>> {
    let ((id, entry), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| conference::view(c, &u, r, entry)).await?,
    ))
}

/// Releases expert comment `number` into the conference's report, or withholds it again (the
/// committee, from the proposal on; logged).
#[utoipa::path(put, path = "/api/v1/evaluation/rounds/{id}/results/{entry}/comments/{number}", tag = "evaluation", security(("bearer" = [])),
    request_body = ReleaseInput,
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id"), ("number" = usize, Path, description = "the comment's number in the report")),
    responses((status = 200, body = ConferenceReport), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn release(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64, usize)>,
    body: Object<ReleaseInput>,
) -> AppResult<web::Json<ConferenceReport>> {
    let ((id, entry, number), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| service::release(c, &u, r, (entry, number), &input)).await?,
    ))
}

/// Replaces the committee's recommendations to a conference (from the proposal on; logged).
#[utoipa::path(put, path = "/api/v1/evaluation/rounds/{id}/results/{entry}/recommendations", tag = "evaluation", security(("bearer" = [])),
    request_body = RecommendationsInput,
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = ConferenceReport), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn recommend(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<RecommendationsInput>,
) -> AppResult<web::Json<ConferenceReport>> {
    let ((id, entry), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            service::recommend(c, &u, r, entry, &input, Utc::now().naive_utc())
        })
        .await?,
    ))
}

/// The round's report: the ranking, the spread of totals, grades and dimensions, and the
/// method; readable when the results are (the committee from the proposal on, everyone from
/// public notice on).
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/report", tag = "evaluation",
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = RoundReport), (status = 404, body = ErrorBody)))]
pub async fn round_report(state: web::Data<AppState>, user: MaybeUser, path: web::Path<i64>) -> AppResult<web::Json<RoundReport>> {
    let id = path.into_inner();
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| round::view(c, user.0.as_ref(), r)).await?,
    ))
}
