//! Assignment API for chairs: solver runs, commits, and manual changes.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::propose::{self, RunView};
use super::store::{self, Assignment, MANUAL};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::review::affinity::api::role_param;
use crate::review::committee::api::chaired_venue;
use crate::web::AppState;

/// A solver run request.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RunInput {
    /// `reviewer` (default) or `area_chair`.
    #[serde(default)]
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
    body: web::Json<RunInput>,
) -> AppResult<HttpResponse> {
    let role = role_param(body.role.as_deref())?;
    let mode = body.mode.clone().unwrap_or_else(|| "max_total".into());
    let v = chaired_venue(&state, &user, path.into_inner()).await?;
    let by = user.user.id;
    let view = state.db.tx(move |c| propose::propose(c, v.id, role, &mode, by)).await?;
    Ok(HttpResponse::Created().json(view))
}

/// One run with its proposal (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/assignment-runs/{id}", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "run id")),
    responses((status = 200, body = RunView), (status = 404, body = ErrorBody)))]
pub async fn get_run(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<RunView>> {
    let (slug, id) = path.into_inner();
    let v = chaired_venue(&state, &user, slug).await?;
    Ok(web::Json(state.db.run(move |c| Ok(propose::view(store::run(c, v.id, id)?))).await?))
}

/// Commits a proposal: assignments are replaced and reviewers mailed (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/assignment-runs/{id}/commit", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "run id")),
    responses((status = 200, body = RunView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn commit(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<RunView>> {
    let (slug, id) = path.into_inner();
    let v = chaired_venue(&state, &user, slug).await?;
    let (st, by) = (state.get_ref().clone(), user.user.id);
    Ok(web::Json(state.db.tx(move |c| propose::commit(c, &st, v.id, id, by)).await?))
}

/// `?role=`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct RoleParam {
    /// `reviewer` (default) or `area_chair`.
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
    let v = chaired_venue(&state, &user, path.into_inner()).await?;
    Ok(web::Json(state.db.run(move |c| store::list(c, v.id, role)).await?))
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

/// Adds an assignment by hand, checked like the solver's (paper of the venue, member in the
/// role, no conflict, not an author).
pub fn add_manual(c: &mut crate::db::AnyConnection, venue_id: i64, input: &ManualInput, by: i64) -> AppResult<()> {
    let role = role_param(input.role.as_deref())?;
    crate::submissions::store::require_in_venue(c, venue_id, input.submission_id)?;
    let member = crate::review::committee::store::membership(c, venue_id, input.user_id)?;
    if member.is_none_or(|m| m.role != role) {
        return Err(AppError::field("user_id", "validation.not_committee_member"));
    }
    let user = crate::auth::store::by_id(c, input.user_id)?;
    let is_author = crate::submissions::store::authors_of(c, input.submission_id)?
        .iter()
        .any(|a| a.email.eq_ignore_ascii_case(&user.email));
    if is_author || crate::review::conflicts::store::is_conflicted(c, input.submission_id, input.user_id)? {
        return Err(AppError::Conflict("assignment.conflicted".into()));
    }
    store::add(c, venue_id, input.submission_id, input.user_id, role, MANUAL, by)?;
    Ok(())
}

/// Adds an assignment by hand (its chairs); a conflicted pair is refused.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/assignments", tag = "review", security(("bearer" = [])), request_body = ManualInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<ManualInput>,
) -> AppResult<HttpResponse> {
    let v = chaired_venue(&state, &user, path.into_inner()).await?;
    let by = user.user.id;
    state.db.tx(move |c| add_manual(c, v.id, &body, by)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes an assignment (its chairs).
#[utoipa::path(delete, path = "/api/v1/venues/{slug}/assignments/{id}", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "assignment id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn remove(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let v = chaired_venue(&state, &user, slug).await?;
    if !state.db.tx(move |c| store::remove(c, v.id, id)).await? {
        return Err(AppError::NotFound);
    }
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
    body: web::Json<DemandInput>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let v = chaired_venue(&state, &user, slug).await?;
    let k = body.reviewers;
    state
        .db
        .tx(move |c| {
            crate::submissions::store::require_in_venue(c, v.id, id)?;
            crate::review::settings::set_paper_demand(c, id, k)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
