//! JSON API of conferences' self-reports in evaluation rounds.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;

use super::service::{self, EvidenceFile, ReportInput, SelfReport};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::evaluation::rounds::in_round;
use crate::evaluation::rounds::store;
use crate::web::AppState;
use crate::web::json::Object;

/// A conference's self-report: per item its figure, statement and evidence (the conference's
/// chairs and the round's committee; 404 for others).
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/report", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = SelfReport), (status = 404, body = ErrorBody)))]
pub async fn report(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<SelfReport>> {
    let ((id, entry), u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::read(&state, id, move |c, r| {
            let e = store::entry(c, id, entry)?;
            service::view(c, &u, r, &e, Utc::now().naive_utc())
        })
        .await?,
    ))
}

/// Writes one item of the self-report: its figure (a share as 0–1) and statement. A venue's
/// chairs write theirs while applications are open; the committee writes those of conferences
/// held outside xuehui until scoring starts (403 for the other, 409 once closed).
#[utoipa::path(put, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/report/{indicator}", tag = "evaluation", security(("bearer" = [])),
    request_body = ReportInput,
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id"),
        ("indicator" = String, Path, description = "the indicator's code")),
    responses((status = 200, body = SelfReport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn save(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64, String)>,
    body: Object<ReportInput>,
) -> AppResult<web::Json<SelfReport>> {
    let ((id, entry, code), input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    Ok(web::Json(
        in_round::write(&state, id, move |c, r| {
            let e = store::entry(c, id, entry)?;
            service::save(c, &u, r, &e, &code, &input, Utc::now().naive_utc())
        })
        .await?,
    ))
}

/// Attaches an evidence file to an item: `multipart/form-data` with the `evidence` part (PDF,
/// PNG, JPEG, Word, Excel, PowerPoint or ZIP, at most 20 MiB; at most 10 per item); cookie
/// callers also send `csrf`.
#[utoipa::path(post, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/report/{indicator}/evidence", tag = "evaluation", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "part: evidence"),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id"),
        ("indicator" = String, Path, description = "the indicator's code")),
    responses((status = 201, body = EvidenceFile), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn attach(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<(i64, i64, String)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let f = super::upload::receive(&state, &user.user, user.via, &session, path.into_inner(), payload).await?;
    Ok(HttpResponse::Created().json(f))
}

/// Removes an evidence file while the report may be written.
#[utoipa::path(delete, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/evidence/{evidence}", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id"),
        ("evidence" = i64, Path, description = "evidence id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn detach(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64, i64)>) -> AppResult<HttpResponse> {
    let ((id, entry, evidence), u) = (path.into_inner(), user.user.clone());
    in_round::write(&state, id, move |c, r| {
        let e = store::entry(c, id, entry)?;
        service::detach(c, &u, r, &e, evidence, Utc::now().naive_utc())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Downloads an evidence file (whoever may read the report).
#[utoipa::path(get, path = "/api/v1/evaluation/rounds/{id}/entries/{entry}/evidence/{evidence}", tag = "evaluation", security(("bearer" = [])),
    params(("id" = i64, Path, description = "round id"), ("entry" = i64, Path, description = "entry id"),
        ("evidence" = i64, Path, description = "evidence id")),
    responses((status = 200, description = "the file, as an attachment"), (status = 404, body = ErrorBody)))]
pub async fn download(
    state: web::Data<AppState>,
    req: HttpRequest,
    user: CurrentUser,
    path: web::Path<(i64, i64, i64)>,
) -> AppResult<HttpResponse> {
    let ((id, entry, evidence), u) = (path.into_inner(), user.user.clone());
    let file = in_round::read(&state, id, move |c, r| {
        let e = store::entry(c, id, entry)?;
        service::file(c, &u, r, &e, evidence)
    })
    .await?;
    super::send::file(&state, &req, &file, evidence).await
}
