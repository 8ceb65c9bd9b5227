//! Issues API: the editorial office makes issues, places articles in production in them,
//! orders and numbers them; chief and managing editors publish.

use actix_multipart::Multipart;
use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service::{self, Published};
use super::validate::{self, IssueInput, MoveInput, NumberingInput, ScheduleInput};
use super::view::{self, IssueListing, IssueView};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::journal::as_editorial;
use crate::guard::policy::JournalAction;
use crate::web::AppState;
use crate::web::json::Object;

/// Runs `f` on the issue in one transaction, then answers the issue as the user reads it.
async fn changed<F>(state: &AppState, user: &CurrentUser, id: i64, f: F) -> AppResult<web::Json<IssueView>>
where
    F: FnOnce(&mut crate::db::AnyConnection, &crate::auth::User, chrono::NaiveDateTime) -> AppResult<()> + Send + 'static,
{
    let u = user.user.clone();
    let v = state
        .db
        .tx(move |c| {
            f(c, &u, Utc::now().naive_utc())?;
            view::for_user(c, &u, id)
        })
        .await?;
    Ok(web::Json(v))
}

/// The journal's issues, newest first (chief and managing editors, assistants).
#[utoipa::path(get, path = "/api/v1/journals/{id}/issues", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = Vec<IssueListing>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Vec<IssueListing>>> {
    let id = path.into_inner();
    Ok(web::Json(
        as_editorial(&state, &user, id, JournalAction::ManageIssues, |c, ed| view::list(c, ed.journal.id)).await?,
    ))
}

/// Makes an issue (volume and number unique in the journal).
#[utoipa::path(post, path = "/api/v1/journals/{id}/issues", tag = "journals", security(("bearer" = [])), request_body = IssueInput,
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 201, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<IssueInput>,
) -> AppResult<HttpResponse> {
    let (id, input, u) = (path.into_inner(), body.into_inner(), user.user.clone());
    let v = as_editorial(&state, &user, id, JournalAction::ManageIssues, move |c, ed| {
        let issue = service::create(c, ed, &input, Utc::now().naive_utc())?;
        view::for_user(c, &u, issue)
    })
    .await?;
    Ok(HttpResponse::Created().json(v))
}

/// One issue with its table of contents and the articles ready to go in it.
#[utoipa::path(get, path = "/api/v1/issues/{id}", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<IssueView>> {
    let (id, u) = (path.into_inner(), user.user.clone());
    Ok(web::Json(state.db.run(move |c| view::for_user(c, &u, id)).await?))
}

/// Changes an issue; a published one keeps its volume, number and year.
#[utoipa::path(put, path = "/api/v1/issues/{id}", tag = "journals", security(("bearer" = [])), request_body = IssueInput,
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<IssueInput>,
) -> AppResult<web::Json<IssueView>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    changed(&state, &user, id, move |c, u, now| service::update(c, u, id, &input, now)).await
}

/// Deletes an empty issue that is being prepared.
#[utoipa::path(delete, path = "/api/v1/issues/{id}", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (id, u) = (path.into_inner(), user.user.clone());
    state.db.tx(move |c| service::delete(c, &u, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Places an article in production in the issue, last in its section; its place and DOI follow.
#[utoipa::path(post, path = "/api/v1/issues/{id}/articles", tag = "journals", security(("bearer" = [])), request_body = ScheduleInput,
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn schedule(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<ScheduleInput>,
) -> AppResult<web::Json<IssueView>> {
    let (id, input) = (path.into_inner(), body.into_inner());
    changed(&state, &user, id, move |c, u, now| {
        service::schedule(c, u, id, input.article_id, now)
    })
    .await
}

/// Takes an article out of the issue (back to production, without place, pages or DOI).
#[utoipa::path(post, path = "/api/v1/issues/{id}/articles/{article}/remove", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id"), ("article" = i64, Path, description = "article id")),
    responses((status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn unschedule(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<web::Json<IssueView>> {
    let (id, article) = path.into_inner();
    changed(&state, &user, id, move |c, u, now| service::unschedule(c, u, id, article, now)).await
}

/// Moves an article one place up or down within its section.
#[utoipa::path(post, path = "/api/v1/issues/{id}/articles/{article}/move", tag = "journals", security(("bearer" = [])), request_body = MoveInput,
    params(("id" = i64, Path, description = "issue id"), ("article" = i64, Path, description = "article id")),
    responses((status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_article(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: Object<MoveInput>,
) -> AppResult<web::Json<IssueView>> {
    let ((id, article), input) = (path.into_inner(), body.into_inner());
    changed(&state, &user, id, move |c, u, now| {
        service::move_article(c, u, id, article, &input.direction, now)
    })
    .await
}

/// Numbers the articles: consecutive pages from their PDF galleys, or article numbers.
#[utoipa::path(post, path = "/api/v1/issues/{id}/numbering", tag = "journals", security(("bearer" = [])), request_body = NumberingInput,
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn number(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Object<NumberingInput>,
) -> AppResult<web::Json<IssueView>> {
    let id = path.into_inner();
    let n = validate::numbering(&body.into_inner())?;
    changed(&state, &user, id, move |c, u, now| service::number(c, u, id, n, now)).await
}

/// Publishes the issue and its articles (chief and managing editors); the authors hear.
/// Publishing it again changes nothing (200 instead of 201).
#[utoipa::path(post, path = "/api/v1/issues/{id}/publish", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 201, body = IssueView), (status = 200, body = IssueView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn publish(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let (id, u, st) = (path.into_inner(), user.user.clone(), state.clone());
    let (done, v) = state
        .db
        .tx(move |c| {
            let done = service::publish(c, &st, &u, id, Utc::now().naive_utc())?;
            Ok((done, view::for_user(c, &u, id)?))
        })
        .await?;
    Ok(match done {
        Published::Now => HttpResponse::Created().json(v),
        Published::Already => HttpResponse::Ok().json(v),
    })
}

/// Sets the cover image (multipart part `image`: PNG or JPEG, at most 5 MB).
#[utoipa::path(put, path = "/api/v1/issues/{id}/cover", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id")),
    request_body(content_type = "multipart/form-data", description = "part: image (PNG or JPEG)"),
    responses((status = 200, body = IssueView), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cover(
    state: web::Data<AppState>,
    user: CurrentUser,
    session: Session,
    path: web::Path<i64>,
    payload: Multipart,
) -> AppResult<web::Json<IssueView>> {
    let id = path.into_inner();
    super::cover::receive(&state, &user, &session, id, payload).await?;
    let u = user.user.clone();
    Ok(web::Json(state.db.run(move |c| view::for_user(c, &u, id)).await?))
}

/// Query of a Crossref deposit.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct CrossrefQuery {
    /// Only this article of the issue (its id); the whole issue when left out.
    #[param(value_type = Option<i64>)]
    pub article: Option<String>,
}

impl CrossrefQuery {
    /// The article asked for, checked (422 when it is not an id).
    fn article(&self) -> AppResult<Option<i64>> {
        let mut bad = crate::error::FieldErrors::new();
        let only = crate::web::params::number(&self.article, "article", 1, i64::MAX, "validation.article_id", &mut bad);
        crate::error::AppError::unless_fields(bad, only)
    }
}

/// The Crossref deposit XML (schema 5.4.0) of a published issue, or of one of its articles:
/// `journal_metadata`, `journal_issue` and a `journal_article` per article.
#[utoipa::path(get, path = "/api/v1/issues/{id}/crossref", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id"), CrossrefQuery),
    responses((status = 200, description = "the deposit", content_type = "application/xml", body = String),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn crossref(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<CrossrefQuery>,
) -> AppResult<HttpResponse> {
    let (id, only) = (path.into_inner(), query.article()?);
    super::pages::deposit_file(&state, &user, id, only).await
}

/// Queues the Crossref deposit of a published issue (or of one of its articles) with the
/// configured account; it is sent and its result fetched through the job queue. 409 without an
/// account, before publication or without DOIs.
#[utoipa::path(post, path = "/api/v1/issues/{id}/crossref/deposits", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id"), CrossrefQuery),
    responses((status = 202, body = crate::crossref::model::Deposit), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn deposit_crossref(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<CrossrefQuery>,
) -> AppResult<HttpResponse> {
    let (id, only) = (path.into_inner(), query.article()?);
    let d = super::pages::queue_deposit(&state, &user, id, only).await?;
    Ok(HttpResponse::Accepted().json(d))
}

/// The Crossref deposits of an issue and of its articles, newest first, with where each stands.
#[utoipa::path(get, path = "/api/v1/issues/{id}/crossref/deposits", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "issue id")),
    responses((status = 200, body = Vec<crate::crossref::model::Deposit>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn crossref_deposits(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<crate::crossref::model::Deposit>>> {
    let (u, id) = (user.user.clone(), path.into_inner());
    Ok(web::Json(state.db.run(move |c| super::crossref::deposits(c, &u, id)).await?))
}
