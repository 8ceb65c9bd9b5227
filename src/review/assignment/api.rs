//! Assignment API for chairs: solver runs, commits, and manual changes.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::propose::RunView;
use super::service;
use super::store::Assignment;
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::review::committee::validate::role_param;
use crate::web::AppState;

/// A solver run request.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunInput {
    /// `reviewer` (default) or `area_chair`.
    #[serde(default)]
    #[schema(value_type = Option<crate::web::openapi::params::ReviewRole>, inline)]
    pub role: Option<String>,
    /// `max_total` (default), `fair` or `incremental`.
    #[serde(default)]
    pub mode: Option<String>,
}

/// Runs the solver on the venue's current data; the proposal is stored, not applied (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/assignment-runs", tag = "review", security(("bearer" = [])), request_body = RunInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 201, body = RunView), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn run(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<RunInput>,
) -> AppResult<HttpResponse> {
    let role = role_param(body.role.as_deref())?;
    let mode = body.mode.clone().unwrap_or_else(|| "max_total".into());
    let view = as_chair(&state, &user, path.into_inner(), move |c, chair| {
        service::propose(c, chair, role, &mode)
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One run with its proposal (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/assignment-runs/{id}", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "run id")),
    responses((status = 200, body = RunView), (status = 404, body = ErrorBody)))]
pub async fn get_run(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<RunView>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, chair| service::run(c, chair, id)).await?,
    ))
}

/// Commits a proposal: assignments are replaced and reviewers mailed (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/assignment-runs/{id}/commit", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "run id")),
    responses((status = 200, body = RunView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn commit(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<RunView>> {
    let (slug, id) = path.into_inner();
    let st = state.get_ref().clone();
    Ok(web::Json(
        as_chair(&state, &user, slug, move |c, chair| service::commit(c, &st, chair, id)).await?,
    ))
}

/// `?role=`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct RoleParam {
    /// `reviewer` (default) or `area_chair`.
    #[param(value_type = Option<crate::web::openapi::params::ReviewRole>, inline)]
    pub role: Option<String>,
}

/// The venue's assignments in a role (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/assignments", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), RoleParam),
    responses((status = 200, body = Vec<Assignment>), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<RoleParam>,
) -> AppResult<web::Json<Vec<Assignment>>> {
    let role = role_param(q.role.as_deref())?;
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, chair| service::list(c, chair, role)).await?,
    ))
}

/// A manual assignment.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ManualInput {
    /// Paper.
    pub submission_id: i64,
    /// Committee member's account.
    pub user_id: i64,
    /// `reviewer` (default) or `area_chair`.
    #[serde(default)]
    pub role: Option<String>,
}

/// Adds an assignment by hand (its chairs); a conflicted pair is refused.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/assignments", tag = "review", security(("bearer" = [])), request_body = ManualInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ManualInput>,
) -> AppResult<HttpResponse> {
    let role = role_param(body.role.as_deref())?;
    let (sid, uid) = (body.submission_id, body.user_id);
    as_chair(&state, &user, path.into_inner(), move |c, chair| {
        service::add_manual(c, chair, sid, uid, role)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes an assignment (its chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/assignments/{id}", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "assignment id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    as_chair(&state, &user, slug, move |c, chair| service::remove(c, chair, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// One paper's own number of reviewers; `null` returns it to the venue's setting.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct DemandInput {
    /// Reviewers this paper needs (0 to 20), or null.
    pub reviewers: Option<i32>,
}

/// Sets how many reviewers one paper needs (its chairs).
#[utoipa::path(put, path = "/api/v1/venues/{slug}/papers/{id}/demand", tag = "review", security(("bearer" = [])), request_body = DemandInput,
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "submission id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_demand(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(String, i64)>,
    body: crate::web::json::Object<DemandInput>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let k = body.reviewers;
    as_chair(&state, &user, slug, move |c, chair| service::set_demand(c, chair, id, k)).await?;
    Ok(HttpResponse::NoContent().finish())
}
