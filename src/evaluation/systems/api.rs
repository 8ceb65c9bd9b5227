//! JSON API of indicator systems.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, SaveInput, SystemInput, SystemView, VersionParam};
use super::store;
use crate::auth::{CurrentUser, MaybeUser};
use crate::error::{AppResult, ErrorBody};
use crate::salons::plan::store::society;
use crate::web::AppState;
use crate::web::json::Object;

/// The society's indicator systems: all of them for its staff, those with a final version
/// (at that version) for everyone else.
#[utoipa::path(get, path = "/api/v1/societies/{slug}/evaluation-systems", tag = "evaluation",
    params(("slug" = String, Path, description = "society URL name")),
    responses((status = 200, body = Vec<SystemView>), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: MaybeUser, path: web::Path<String>) -> AppResult<web::Json<Vec<SystemView>>> {
    let slug = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let s = society(c, &slug)?;
                service::list(c, user.0.as_ref(), &s)
            })
            .await?,
    ))
}

/// Creates a system from the shipped default or a copy of another of the society's systems
/// (its staff); the first version is a draft.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/evaluation-systems", tag = "evaluation", security(("bearer" = [])),
    request_body = SystemInput, params(("slug" = String, Path, description = "society URL name")),
    responses((status = 201, body = SystemView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Object<SystemInput>,
) -> AppResult<HttpResponse> {
    let (slug, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let v = state
        .db
        .tx(move |c| {
            let s = society(c, &slug)?;
            let sys = service::create(c, &u, &s, &input, Utc::now().naive_utc())?;
            service::view(c, Some(&u), &s, &sys, None)
        })
        .await?;
    Ok(HttpResponse::Created().json(v))
}

/// A system at a version (drafts for the society's staff only).
#[utoipa::path(get, path = "/api/v1/societies/{slug}/evaluation-systems/{id}", tag = "evaluation",
    params(("slug" = String, Path, description = "society URL name"), ("id" = i64, Path, description = "system id"), VersionParam),
    responses((status = 200, body = SystemView), (status = 404, body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<(String, i64)>,
    q: web::Query<VersionParam>,
) -> AppResult<web::Json<SystemView>> {
    let ((slug, id), version) = (path.into_inner(), q.version);
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let s = society(c, &slug)?;
                let sys = store::get(c, s.id, id)?;
                service::view(c, user.0.as_ref(), &s, &sys, version)
            })
            .await?,
    ))
}

/// Saves the names and the whole definition (the society's staff): the draft changes, or a
/// final latest version is followed by a new draft. Problems are named by field
/// (`indicators[3].weight`).
#[utoipa::path(put, path = "/api/v1/societies/{slug}/evaluation-systems/{id}", tag = "evaluation", security(("bearer" = [])),
    request_body = SaveInput, params(("slug" = String, Path, description = "society URL name"), ("id" = i64, Path, description = "system id")),
    responses((status = 200, body = SystemView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: Object<SaveInput>,
) -> AppResult<web::Json<SystemView>> {
    let ((slug, id), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let s = society(c, &slug)?;
                let sys = store::get(c, s.id, id)?;
                service::save(c, &u, &s, &sys, &input, Utc::now().naive_utc())?;
                let sys = store::get(c, s.id, id)?;
                service::view(c, Some(&u), &s, &sys, None)
            })
            .await?,
    ))
}

/// Makes the draft final so rounds may use it (the society's staff); 409 without a draft.
#[utoipa::path(post, path = "/api/v1/societies/{slug}/evaluation-systems/{id}/finalise", tag = "evaluation", security(("bearer" = [])),
    params(("slug" = String, Path, description = "society URL name"), ("id" = i64, Path, description = "system id")),
    responses((status = 200, body = SystemView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn finalise(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<SystemView>> {
    let ((slug, id), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                let s = society(c, &slug)?;
                let sys = store::get(c, s.id, id)?;
                service::finalise(c, &u, &s, &sys, Utc::now().naive_utc())?;
                service::view(c, Some(&u), &s, &sys, None)
            })
            .await?,
    ))
}
