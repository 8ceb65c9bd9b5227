//! Proposals of journals missing from the register.

use super::super::store;
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::web::AppState;
use actix_web::{HttpResponse, web};
use chrono::Utc;

/// Proposes a journal that is not in the register yet, while nominations are open (anyone logged in).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/proposals", tag = "catalogues", security(("bearer" = [])),
    request_body = super::super::proposals::ProposalInput, params(("id" = i64, Path, description = "edition id")),
    responses((status = 201), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn propose(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<super::super::proposals::ProposalInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    let pid = state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            super::super::proposals::propose(c, &e, user.user.id, &input, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({ "id": pid })))
}

/// Proposed journals (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/proposals", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = Vec<super::super::proposals::ProposalView>), (status = 404, body = ErrorBody)))]
pub async fn proposals(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<super::super::proposals::ProposalView>>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| super::super::proposals::list(c, e.id)).await?,
    ))
}

/// Links a proposal to the journal added to the register, or declines it (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/proposals/{proposal}/decision", tag = "catalogues", security(("bearer" = [])),
    request_body = super::super::proposals::ResolveInput,
    params(("id" = i64, Path, description = "edition id"), ("proposal" = i64, Path, description = "proposal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn resolve_proposal(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<super::super::proposals::ResolveInput>,
) -> AppResult<HttpResponse> {
    let (id, pid) = path.into_inner();
    let input = body.into_inner();
    as_committee(&state, &user, id, move |c, e, u| {
        super::super::proposals::resolve(c, e, u.id, pid, &input)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
