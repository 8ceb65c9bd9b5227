//! Author-response API.

use actix_web::web;
use chrono::Utc;

use super::service::{self, AuthorResponse, ResponseInput};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;

/// The paper's author response and its window, for its authors and committee.
#[utoipa::path(get, path = "/api/v1/submissions/{id}/response", tag = "review", security(("bearer" = [])),
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = AuthorResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<AuthorResponse>> {
    let id = path.into_inner();
    let now = Utc::now().naive_utc();
    Ok(web::Json(state.db.run(move |c| service::read(c, &user.user, id, now)).await?))
}

/// Writes the response (authors, while the window is open, within the length limit). The
/// first save tells the reviewers and the area chair.
#[utoipa::path(put, path = "/api/v1/submissions/{id}/response", tag = "review", security(("bearer" = [])), request_body = ResponseInput,
    params(("id" = i64, Path, description = "submission id")),
    responses((status = 200, body = AuthorResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<ResponseInput>,
) -> AppResult<web::Json<AuthorResponse>> {
    let id = path.into_inner();
    let input = body.into_inner();
    let st = state.clone();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let p = service::save_and_notify(c, &st, &user.user, id, &input)?;
                service::read_for(c, &p, user.user.id, Utc::now().naive_utc())
            })
            .await?,
    ))
}
