//! Copyediting and production API: the editorial office corrects the article's metadata and
//! references, sets pages, adds the copyedited file and galleys and sends the article to
//! production; the authors approve the copyedit and the proofs or send corrections.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, ProofsInput};
use super::validate::{MetadataInput, PagesInput};
use super::view::{self, ArticleView};
use crate::auth::{CurrentUser, User};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::guard::journal::manuscript_for;
use crate::guard::policy::ManuscriptAction;
use crate::journals::manuscripts::model::Stage;
use crate::journals::manuscripts::view::ManuscriptView;
use crate::web::AppState;
use crate::web::json::Object;

/// The manuscript as the user reads it after an action.
fn manuscript(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<ManuscriptView> {
    let (m, r) = manuscript_for(conn, user, id, ManuscriptAction::Read)?;
    crate::journals::manuscripts::view::manuscript(conn, user, m, r)
}

/// The article as the user reads it after an action.
fn article(conn: &mut AnyConnection, user: &User, id: i64) -> AppResult<ArticleView> {
    manuscript_for(conn, user, id, ManuscriptAction::Read)?;
    view::of_manuscript(conn, id)?.ok_or(AppError::NotFound)
}

/// Runs `f` on the manuscript in one transaction, then answers `shown` of it.
async fn acting<T, F>(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    f: F,
    shown: fn(&mut AnyConnection, &User, i64) -> AppResult<T>,
) -> AppResult<web::Json<T>>
where
    F: FnOnce(&mut AnyConnection, &User, chrono::NaiveDateTime) -> AppResult<()> + Send + 'static,
    T: Send + 'static,
{
    let u = user.user.clone();
    let v = state
        .db
        .tx(move |c| {
            f(c, &u, Utc::now().naive_utc())?;
            shown(c, &u, id)
        })
        .await?;
    Ok(web::Json(v))
}

/// Corrects the accepted article's metadata and references (until it is published).
#[utoipa::path(put, path = "/api/v1/manuscripts/{id}/article", tag = "journals", security(("bearer" = [])), request_body = MetadataInput,
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = ArticleView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<MetadataInput>,
) -> AppResult<web::Json<ArticleView>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    acting(
        &state,
        &user,
        id,
        move |c, u, now| service::update_metadata(c, u, id, &input, now),
        article,
    )
    .await
}

/// Sets the article's pages or article number by hand (the numbering does it for all).
#[utoipa::path(put, path = "/api/v1/manuscripts/{id}/article/pages", tag = "journals", security(("bearer" = [])), request_body = PagesInput,
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = ArticleView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn pages(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<PagesInput>,
) -> AppResult<web::Json<ArticleView>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    acting(
        &state,
        &user,
        id,
        move |c, u, now| service::set_pages(c, u, id, &input, now),
        article,
    )
    .await
}

/// Adds the copyedited text (in copyediting) for the authors to check.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/copyedited", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    request_body(content_type = "multipart/form-data", description = "part: file (Word .docx or PDF)"),
    responses((status = 201, body = ManuscriptView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn copyedited(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let up = super::upload::read(&state, &user.user, id, &[Stage::Copyediting], payload)
        .await?
        .map_err(|f| f.error)?;
    super::upload::copyedited(&state, &user, &session, id, up).await?;
    let u = user.user.clone();
    Ok(HttpResponse::Created().json(state.db.run(move |c| manuscript(c, &u, id)).await?))
}

/// Copyediting is done: the article goes to production.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/production", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = ManuscriptView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn to_production(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<ManuscriptView>> {
    let id = path.into_inner();
    acting(
        &state,
        &user,
        id,
        move |c, u, now| service::to_production(c, u, id, now),
        manuscript,
    )
    .await
}

/// Adds a galley (in production), replacing the one of the same kind and language.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/galleys", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id")),
    request_body(content_type = "multipart/form-data", description = "parts: kind (`pdf` or `html`), lang (`zh` or `en`), file (the PDF, or the HTML document in UTF-8)"),
    responses((status = 201, body = ArticleView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_galley(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let up = super::upload::read(&state, &user.user, id, &[Stage::Production, Stage::Scheduled], payload)
        .await?
        .map_err(|f| f.error)?;
    super::upload::galley(&state, &user, &session, id, up).await?;
    let u = user.user.clone();
    Ok(HttpResponse::Created().json(state.db.run(move |c| article(c, &u, id)).await?))
}

/// Removes a galley (before publication).
#[utoipa::path(delete, path = "/api/v1/manuscripts/{id}/galleys/{galley}", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "manuscript id"), ("galley" = i64, Path, description = "galley id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn remove_galley(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let ((id, g), u) = (path.into_inner(), user.user.clone());
    state
        .db
        .tx(move |c| service::remove_galley(c, &u, id, g, Utc::now().naive_utc()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The authors approve the copyedit or the proofs, or send corrections.
#[utoipa::path(post, path = "/api/v1/manuscripts/{id}/proofs", tag = "journals", security(("bearer" = [])), request_body = ProofsInput,
    params(("id" = i64, Path, description = "manuscript id")),
    responses((status = 200, body = ManuscriptView), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn proofs(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<ProofsInput>,
) -> AppResult<web::Json<ManuscriptView>> {
    let (id, input, st) = (path.into_inner(), body.into_inner(), state.clone());
    acting(
        &state,
        &user,
        id,
        move |c, u, now| service::check_proofs(c, &st, u, id, &input, now),
        manuscript,
    )
    .await
}
