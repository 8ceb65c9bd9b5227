//! JSON API of objections during a round's public notice.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, ObjectionInput, ObjectionView};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::evaluation::rounds::in_round;
use crate::panel::objections::DecisionInput;
use crate::web::AppState;
use crate::web::json::Object;

/// The round's objections: every one for the committee (with the objector's address), one's own
/// for anyone else.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/objections", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Vec<ObjectionView>), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Vec<ObjectionView>>> {
    let (id, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(in_round::read(&state, id, move |c, r| service::list(c, &u, r)).await?))
}

/// Objects to a conference's proposed result with a reason (anyone signed in, during the public
/// notice; 409 otherwise).
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/objections", tag = "evaluation", security(("bearer" = [])),
    request_body = ObjectionInput, params(("id" = i64, Path, description = "round id")),
    responses((status = 201, body = Vec<ObjectionView>), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn file(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<ObjectionInput>,
) -> AppResult<HttpResponse> {
    let (id, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let v = in_round::write(&state, id, move |c, r| {
        service::file(c, &u, r, &input, Utc::now().naive_utc())?;
        service::list(c, &u, r)
    })
    .await?;
    Ok(HttpResponse::Created().json(v))
}

/// Decides an objection once (the committee, during the notice): `upheld` or `rejected` with a
/// reason the objector is mailed. 409 when already decided.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/objections/{objection}/decision", tag = "evaluation", security(("bearer" = [])),
    request_body = DecisionInput,
    params(("id" = i64, Path, description = "round id"), ("objection" = i64, Path, description = "objection id")),
    responses((status = 200, body = Vec<ObjectionView>), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<DecisionInput>,
) -> AppResult<web::Json<Vec<ObjectionView>>> {
    let ((id, objection), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let st = state.clone();
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            service::decide(c, &st, &u, r, objection, &input)?;
            service::list(c, &u, r)
        })
        .await?,
    ))
}
