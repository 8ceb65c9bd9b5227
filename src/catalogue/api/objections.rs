//! Objections during public notice and their decisions.

use super::super::validate::JournalReason;
use super::super::{policy, store};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::web::AppState;
use actix_web::{HttpResponse, web};
use chrono::Utc;

/// Files an objection during public notice (anyone logged in).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/objections", tag = "catalogues", security(("bearer" = [])), request_body = JournalReason,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 201), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn object(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<JournalReason>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let oid = state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            super::super::objections::file(c, &e, user.user.id, input.journal, &input.reason, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "id": oid })))
}

/// Objections: all of them for the committee, one's own for anyone else.
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/objections", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = Vec<super::super::objections::ObjectionView>), (status = 404, body = ErrorBody)))]
pub async fn objections(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<super::super::objections::ObjectionView>>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let e = store::by_id(c, id)?;
                let only = if policy::is_committee(c, &user.user, e.id)? {
                    None
                } else {
                    Some(user.user.id)
                };
                super::super::objections::list(c, e.id, only)
            })
            .await?,
    ))
}

/// Upholds or rejects an objection with a reason; the objector is told by mail (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/objections/{objection}/decision", tag = "catalogues", security(("bearer" = [])),
    request_body = super::super::objections::DecisionInput,
    params(("id" = i64, Path, description = "edition id"), ("objection" = i64, Path, description = "objection id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide_objection(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<super::super::objections::DecisionInput>,
) -> AppResult<HttpResponse> {
    let (id, oid) = path.into_inner();
    let input = body.into_inner();
    let st = state.get_ref().clone();
    as_committee(&state, &user, id, move |c, e, u| {
        super::super::objections::decide(c, &st, e, u.id, oid, &input)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
