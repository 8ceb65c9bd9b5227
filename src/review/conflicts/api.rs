//! Conflict API: chairs list, detect, add and decide; committee members declare their own.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::model::{CONFIRMED, Conflict, DISMISSED, FROM_REVIEWER};
use super::service::{self, DetectSummary};
use super::store;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::as_chair;
use crate::web::AppState;

/// `?status=` filter.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct StatusParam {
    /// `confirmed`, `suggested` or `dismissed`.
    #[param(value_type = Option<super::model::ConflictStatus>, inline)]
    pub status: Option<String>,
}

/// A conflict to add or declare.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = ReviewConflictInput)]
pub struct ConflictInput {
    /// Paper (submission id).
    pub submission_id: i64,
    /// Committee member's account id (chairs only; members declare for themselves).
    #[serde(default)]
    pub user_id: Option<i64>,
    /// Why, optional.
    #[serde(default)]
    pub reason: String,
}

fn reason_text(input: &ConflictInput) -> AppResult<String> {
    let r = input.reason.trim();
    if r.chars().count() > 1000 || r.contains('|') {
        return Err(AppError::field("reason", "validation.too_long"));
    }
    crate::text::require("reason", r, true)?;
    Ok(if r.is_empty() { String::new() } else { format!("text:{r}") })
}

/// A venue's conflicts (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/conflicts", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), StatusParam),
    responses((status = 200, body = Vec<Conflict>), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    q: web::Query<StatusParam>,
) -> AppResult<web::Json<Vec<Conflict>>> {
    let status = match q.into_inner().status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(super::model::ConflictStatus::parse(s).ok_or_else(|| AppError::field("status", "validation.status_invalid"))?),
    };
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), move |c, chair| {
            service::list_for(c, chair, status)
        })
        .await?,
    ))
}

/// Proposes conflicts between the venue's papers and committee (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/conflicts/detect", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = DetectSummary), (status = 404, body = ErrorBody)))]
pub async fn detect(state: web::Data<AppState>, user: CurrentUser, path: web::Path<String>) -> AppResult<web::Json<DetectSummary>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), |c, chair| service::detect(c, chair.venue.id)).await?,
    ))
}

/// Adds a confirmed conflict between a paper and a committee member (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/conflicts", tag = "review", security(("bearer" = [])), request_body = ConflictInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ConflictInput>,
) -> AppResult<HttpResponse> {
    let reason = reason_text(&body)?;
    let target = body.user_id.ok_or_else(|| AppError::field("user_id", "validation.required"))?;
    let sid = body.submission_id;
    as_chair(&state, &user, path.into_inner(), move |c, chair| {
        service::add(c, chair, sid, target, &reason)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Confirms or dismisses a conflict (its chairs).
async fn decide(state: &AppState, user: CurrentUser, slug: String, id: i64, status: super::model::ConflictStatus) -> AppResult<Conflict> {
    as_chair(state, &user, slug, move |c, chair| service::decide(c, chair, id, status)).await
}

/// Confirms a conflict (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/conflicts/{id}/confirm", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "conflict id")),
    responses((status = 200, body = Conflict), (status = 404, body = ErrorBody)))]
pub async fn confirm(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Conflict>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(decide(&state, user, slug, id, CONFIRMED).await?))
}

/// Dismisses a conflict (its chairs).
#[utoipa::path(post, path = "/api/v1/venues/{slug}/conflicts/{id}/dismiss", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name"), ("id" = i64, Path, description = "conflict id")),
    responses((status = 200, body = Conflict), (status = 404, body = ErrorBody)))]
pub async fn dismiss(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(String, i64)>) -> AppResult<web::Json<Conflict>> {
    let (slug, id) = path.into_inner();
    Ok(web::Json(decide(&state, user, slug, id, DISMISSED).await?))
}

/// A committee member declares their own conflict with a paper of the venue.
#[utoipa::path(post, path = "/api/v1/venues/{slug}/my-conflicts", tag = "review", security(("bearer" = [])), request_body = ConflictInput,
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn declare(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    body: crate::web::json::Object<ConflictInput>,
) -> AppResult<HttpResponse> {
    let reason = reason_text(&body)?;
    let (slug, sid, uid) = (path.into_inner(), body.submission_id, user.user.id);
    state
        .db
        .tx(move |c| {
            let v = crate::venues::store::by_slug(c, &slug)?;
            crate::review::committee::store::membership(c, v.id, uid)?.ok_or(AppError::NotFound)?;
            crate::submissions::store::require_in_venue(c, v.id, sid)?;
            store::put(c, v.id, sid, uid, CONFIRMED, FROM_REVIEWER, &reason, Some(uid))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Papers whose authors declared unusually many conflicts (more than five, or more than half
/// the committee), for a chair to check and dismiss what is not real (its chairs).
#[utoipa::path(get, path = "/api/v1/venues/{slug}/conflicts/unusual", tag = "review", security(("bearer" = [])),
    params(("slug" = String, Path, description = "venue URL name")),
    responses((status = 200, body = Vec<service::UnusualDeclarations>), (status = 404, body = ErrorBody)))]
pub async fn unusual(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
) -> AppResult<web::Json<Vec<service::UnusualDeclarations>>> {
    Ok(web::Json(
        as_chair(&state, &user, path.into_inner(), service::unusual_declarations).await?,
    ))
}
