//! An expert's ballot: reading it, voting, declaring a conflict.

use super::super::ballot::{self, Ballot};
use super::super::service::declare;
use super::super::validate::{ConflictInput, VoteInput, vote_of};
use super::super::{policy, store, votes};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;
use actix_web::{HttpResponse, web};
use chrono::Utc;

/// The caller's ballot: journals with nominations and indicators, their own votes (experts).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/ballot", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")), responses((status = 200, body = Ballot), (status = 404, body = ErrorBody)))]
pub async fn get_ballot(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Ballot>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let e = store::by_id(c, id)?;
                policy::require_expert(c, &user.user, e.id)?;
                ballot::build(c, &e, user.user.id, Utc::now().naive_utc())
            })
            .await?,
    ))
}

/// Casts, changes or withdraws the caller's vote on a journal (experts, while the panel is open;
/// 404 on a journal they are conflicted with).
#[utoipa::path(put, path = "/api/v1/catalogues/{id}/votes/{journal}", tag = "catalogues", security(("bearer" = [])), request_body = VoteInput,
    params(("id" = i64, Path, description = "edition id"), ("journal" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn vote(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<VoteInput>,
) -> AppResult<HttpResponse> {
    let (id, journal) = path.into_inner();
    let input = body.into_inner();
    let v = vote_of(input.tier.as_deref())?;
    state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            policy::require_expert(c, &user.user, e.id)?;
            votes::cast(c, &e, user.user.id, journal, v, &input.comment, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Declares a conflict with a journal: an expert for themself, or the committee for an expert.
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/conflicts", tag = "catalogues", security(("bearer" = [])), request_body = ConflictInput,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn conflict(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<ConflictInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    state.db.tx(move |c| declare(c, &user.user, id, &input)).await?;
    Ok(HttpResponse::NoContent().finish())
}
