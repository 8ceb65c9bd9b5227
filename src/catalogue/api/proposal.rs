//! The proposed catalogue and the committee's overrides.

use super::super::proposal::{self, ProposalView};
use super::super::validate::OverrideInput;
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::web::AppState;
use actix_web::{HttpResponse, web};

/// The proposed catalogue with every journal's votes, indicators and reasons (its committee).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/proposal", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = ProposalView), (status = 404, body = ErrorBody)))]
pub async fn get_proposal(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<ProposalView>> {
    Ok(web::Json(
        as_committee(&state, &user, path.into_inner(), |c, e, _| proposal::build(c, e)).await?,
    ))
}

/// Fixes a journal's tier with a written reason (its committee).
#[utoipa::path(put, path = "/api/v1/catalogues/{id}/overrides/{journal}", tag = "catalogues", security(("bearer" = [])), request_body = OverrideInput,
    params(("id" = i64, Path, description = "edition id"), ("journal" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_override(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<OverrideInput>,
) -> AppResult<HttpResponse> {
    let (id, journal) = path.into_inner();
    let input = body.into_inner();
    as_committee(&state, &user, id, move |c, e, u| {
        proposal::set_override(c, e, u.id, journal, &input.tier, &input.reason)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes an override, with a reason for the log (its committee).
#[utoipa::path(delete, path = "/api/v1/catalogues/{id}/overrides/{journal}", tag = "catalogues", security(("bearer" = [])), request_body = OverrideInput,
    params(("id" = i64, Path, description = "edition id"), ("journal" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn clear_override(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<OverrideInput>,
) -> AppResult<HttpResponse> {
    let (id, journal) = path.into_inner();
    let input = body.into_inner();
    as_committee(&state, &user, id, move |c, e, u| {
        proposal::clear_override(c, e, u.id, journal, &input.reason)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
