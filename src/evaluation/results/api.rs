//! JSON API of a round's results.

use actix_web::web;
use chrono::Utc;

use super::service::{self, OverrideInput, Results, WhatIfInput};
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::evaluation::rounds::in_round;
use crate::web::AppState;
use crate::web::json::Object;

/// The results: for the committee from the proposal on, with every indicator's score, where it
/// came from and the overrides; for everyone from public notice on, each conference's total,
/// per-dimension scores, grade, rank, rank interval under ±10 % weights and designation. 404
/// before.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/results", tag = "evaluation",
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Results), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: MaybeUser, path: web::Path<i64>) -> AppResult<web::Json<Results>> {
    let id = path.into_inner();
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| service::view(c, user.0.as_ref(), r)).await?,
    ))
}

/// The results under other weights (the committee, from the proposal on); nothing is saved.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/what-if", tag = "evaluation", security(("bearer" = [])),
    request_body = WhatIfInput, params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Results), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn what_if(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<WhatIfInput>,
) -> AppResult<web::Json<Results>> {
    let (id, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| service::what_if(c, &u, r, &input)).await?,
    ))
}

/// Overrides a conference's grade and/or designation with a reason (the committee, during the
/// proposal and public notice; logged); neither clears the override. 422 when the
/// designations would exceed the quota.
#[utoipa::path(put, path = "/api/v1/evaluation/rounds/{id}/results/{entry}/override", tag = "evaluation", security(("bearer" = [])),
    request_body = OverrideInput,
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = Results), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_override(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<OverrideInput>,
) -> AppResult<web::Json<Results>> {
    let ((id, entry), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            service::set_override(c, &u, r, entry, &input, Utc::now().naive_utc())
        })
        .await?,
    ))
}
