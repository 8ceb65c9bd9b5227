//! JSON API of expert ballots.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::model::LineInput;
use super::progress::{self, Progress};
use super::service::{self, Ballot};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::evaluation::rounds::in_round;
use crate::web::AppState;
use crate::web::json::Object;

fn now() -> chrono::NaiveDateTime {
    Utc::now().naive_utc()
}

/// The caller's ballot (an expert of the round; 404 for others): the scale, the indicators the
/// experts score and, from expert scoring on, every conference with their own levels, comment
/// and draft, or why they are conflicted.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/ballot", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Ballot), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Ballot>> {
    let (id, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| service::ballot(c, &u, r, now())).await?,
    ))
}

/// Casts the caller's scores of one conference (levels 1 to the scale's length by indicator
/// code, and a comment), replacing what they cast on it before; its draft is forgotten. 404 for
/// a conference not on their ballot (conflicted, withdrawn), 409 when scoring is closed.
#[utoipa::path(put, path = "/api/v1/evaluation/rounds/{id}/ballot/{entry}", tag = "evaluation", security(("bearer" = [])),
    request_body = LineInput,
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = Ballot), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cast(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<LineInput>,
) -> AppResult<web::Json<Ballot>> {
    let ((id, entry), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            service::cast(c, &u, r, entry, &input, now())?;
            service::ballot(c, &u, r, now())
        })
        .await?,
    ))
}

/// Keeps a line as typed without casting it (never counted).
#[utoipa::path(put, path = "/api/v1/evaluation/rounds/{id}/ballot/{entry}/draft", tag = "evaluation", security(("bearer" = [])),
    request_body = LineInput,
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = Ballot), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<LineInput>,
) -> AppResult<web::Json<Ballot>> {
    let ((id, entry), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            service::draft(c, &u, r, entry, &input, now())?;
            service::ballot(c, &u, r, now())
        })
        .await?,
    ))
}

/// A conflict an expert declares.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = EvaluationConflictInput)]
pub struct ConflictInput {
    /// The entry.
    #[serde(default)]
    pub entry: i64,
    /// Why (required).
    #[serde(default)]
    pub reason: String,
}

/// The caller (an expert) declares a conflict with a conference until the proposal: it leaves
/// their ballot, and what they scored on it is forgotten.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/conflicts", tag = "evaluation", security(("bearer" = [])),
    request_body = ConflictInput, params(("id" = i64, Path, description = "round id")),
    responses((status = 201, body = Ballot), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn declare(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<ConflictInput>,
) -> AppResult<HttpResponse> {
    let (id, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let b = in_round::write(&state, id, move |c, r| {
        service::declare_conflict(c, &u, r, input.entry, &input.reason, now())?;
        service::ballot(c, &u, r, now())
    })
    .await?;
    Ok(HttpResponse::Created().json(b))
}

/// Scoring progress (the committee): per expert, conferences scored of those they may score;
/// per conference, experts who scored it. Counts only.
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/progress", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id")),
    responses((status = 200, body = Progress), (status = 404, body = ErrorBody)))]
pub async fn get_progress(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Progress>> {
    let (id, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| progress::progress(c, &u, r)).await?,
    ))
}
