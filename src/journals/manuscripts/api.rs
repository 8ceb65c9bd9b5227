//! Manuscript API: authors submit and follow their manuscripts; the journal's editorial office
//! reads them (with the editors' part).

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, Submitted};
use super::view::{self, ManuscriptView, MyManuscript};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::web::AppState;
use crate::web::i18n::Lang;

fn lang_of(user: &crate::auth::User) -> Lang {
    user.preferred_lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::En)
}

/// Submits a manuscript to a journal taking manuscripts (404 otherwise).
#[utoipa::path(post, path = "/api/v1/journals/{id}/manuscripts", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id"),
        ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters (e.g. a UUID): a repeat of the same request with the same key returns the first result, marked Idempotent-Replayed; the key with different content answers 422")),
    request_body(content_type = "multipart/form-data", description = "parts: metadata (JSON ManuscriptInput), pdf (the manuscript), source (Word .docx, as the journal's file rules ask)"),
    responses((status = 201, body = ManuscriptView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    req: actix_web::HttpRequest,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let key = crate::web::idempotency::key_of(&req)?;
    let id = path.into_inner();
    let t = state.db.run(move |c| service::target(c, id)).await?;
    let up = service::read_upload(&state, &t, payload).await.map_err(|f| f.error)?;
    crate::submissions::upload::check_csrf(&session, user.via, &up)?;
    let claim = key.map(|key| crate::web::idempotency::Claim {
        user_id: user.user.id,
        key,
        scope: service::scope(&t),
        fingerprint: up.fingerprint(),
    });
    let (mid, replayed) = match service::submit_once(&state, &user.user, t, up, lang_of(&user.user), claim).await? {
        Submitted::New(id) => (id, false),
        Submitted::Again(id) => (id, true),
    };
    let u = user.user.clone();
    let body = state
        .db
        .run(move |c| {
            let (m, r) = manuscript_for(c, &u, mid, ManuscriptAction::Read)?;
            view::manuscript(c, &u, m, r)
        })
        .await?;
    let mut res = HttpResponse::Created();
    if replayed {
        res.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(res.json(body))
}

/// One manuscript: its authors, and the journal's editorial office (with the editors' part:
/// cover letter, suggested and opposed reviewers, history); anyone else gets 404.
#[utoipa::path(get, path = "/api/v1/manuscripts/{id}", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = ManuscriptView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<ManuscriptView>> {
    let id = path.into_inner();
    let u = user.user;
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let (m, r) = manuscript_for(c, &u, id, ManuscriptAction::Read)?;
                view::manuscript(c, &u, m, r)
            })
            .await?,
    ))
}

/// The manuscripts listing the caller's verified address, newest first.
#[utoipa::path(get, path = "/api/v1/me/manuscripts", tag = "journals", security(("bearer" = [])),
    responses((status = 200, body = Vec<MyManuscript>)))]
pub async fn mine(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<Vec<MyManuscript>>> {
    let u = user.user;
    Ok(web::Json(state.db.run(move |c| view::mine(c, &u)).await?))
}

/// The caller confirms being one of the manuscript's authors (404 unless it lists their
/// verified address); from then on they follow it as an author.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/authorship", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 204), (status = 404, body = ErrorBody)))]
pub async fn confirm_authorship(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let u = user.user;
    state
        .db
        .tx(move |c| service::confirm_authorship(c, &u, id, Utc::now().naive_utc()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The journal's manuscripts for its editorial office, newest first (section editors see their
/// sections' and those they handle; nobody sees the ones they wrote).
#[utoipa::path(get, path = "/api/v1/journals/{id}/manuscripts", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id"), view::QueueQuery),
    responses((status = 200, body = view::QueuePage), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn queue(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    q: web::Query<view::QueueQuery>,
) -> AppResult<web::Json<view::QueuePage>> {
    let (id, q, u) = (path.into_inner(), q.into_inner(), user.user.clone());
    Ok(web::Json(
        crate::guard::journal::as_editorial(&state, &user, id, crate::guard::policy::JournalAction::ReadSetup, move |c, ed| {
            view::queue(c, &u, ed, &q)
        })
        .await?,
    ))
}

/// Who handles a manuscript.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditorInput {
    /// A chief, managing or section editor of the journal who is not an author; `null` clears it.
    pub user_id: Option<i64>,
}

/// Chooses the handling editor (chief and managing editors, assistants); they are told by mail.
#[utoipa::path(put, path = "/api/v1/manuscripts/{id}/editor", tag = "journals", security(("bearer" = [])), request_body = EditorInput,
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn assign_editor(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<EditorInput>,
) -> AppResult<HttpResponse> {
    let (id, editor, u, st) = (path.into_inner(), body.into_inner().user_id, user.user, state.clone());
    state
        .db
        .tx(move |c| super::workflow::assign_editor(c, &st, &u, id, editor, Utc::now().naive_utc()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The desk check: send to review, or decline without review with a message to the authors
/// (chief and managing editors; section editors where the journal lets them decide).
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/desk", tag = "journals", security(("bearer" = [])), request_body = super::workflow::DeskInput,
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = ManuscriptView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn desk(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<super::workflow::DeskInput>,
) -> AppResult<web::Json<ManuscriptView>> {
    let (id, input, u, st) = (path.into_inner(), body.into_inner(), user.user, state.clone());
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                super::workflow::desk(c, &st, &u, id, &input, Utc::now().naive_utc())?;
                let (m, r) = manuscript_for(c, &u, id, ManuscriptAction::Read)?;
                view::manuscript(c, &u, m, r)
            })
            .await?,
    ))
}

/// The authors withdraw the manuscript (until it is scheduled in an issue).
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/withdraw", tag = "journals", security(("bearer" = [])), request_body = super::workflow::WithdrawInput,
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<super::workflow::WithdrawInput>,
) -> AppResult<HttpResponse> {
    let (id, input, u, st) = (path.into_inner(), body.into_inner(), user.user, state.clone());
    state
        .db
        .tx(move |c| super::workflow::withdraw(c, &st, &u, id, &input, Utc::now().naive_utc()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
