//! Editorial set-up API: the editorial office reads it, the chief and managing editors change
//! it; everyone reads the guidelines of a journal taking manuscripts.

use actix_web::{HttpResponse, web};
use chrono::Utc;

use super::service;
use super::validate::{self, SectionInput, SetupInput};
use super::view::{self, EditorialSetup, SectionView, SubmissionGuidelines};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::guard::journal::as_editorial;
use crate::guard::policy::JournalAction;
use crate::review::forms::api::FormBody;
use crate::web::AppState;

/// The journal's editorial set-up (its editorial office: chief, managing and section editors,
/// assistants).
#[utoipa::path(get, path = "/api/v1/journals/{id}/editorial", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = EditorialSetup), (status = 404, body = ErrorBody)))]
pub async fn get_setup(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<EditorialSetup>> {
    let id = path.into_inner();
    Ok(web::Json(
        as_editorial(&state, &user, id, JournalAction::ReadSetup, |c, ed| view::setup(c, &ed.journal)).await?,
    ))
}

/// Replaces the editorial set-up (chief and managing editors). Opening submissions needs an
/// open section.
#[utoipa::path(put, path = "/api/v1/journals/{id}/editorial", tag = "journals", security(("bearer" = [])), request_body = SetupInput,
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = EditorialSetup), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_setup(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<SetupInput>,
) -> AppResult<web::Json<EditorialSetup>> {
    let id = path.into_inner();
    let spec = validate::setup(&body.into_inner())?;
    Ok(web::Json(
        as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
            service::save(c, ed, &spec, Utc::now().naive_utc())?;
            view::setup(c, &ed.journal)
        })
        .await?,
    ))
}

/// Replaces the journal's review form (chief and managing editors).
#[utoipa::path(put, path = "/api/v1/journals/{id}/review-form", tag = "journals", security(("bearer" = [])), request_body = FormBody,
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = FormBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_review_form(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<FormBody>,
) -> AppResult<web::Json<FormBody>> {
    let id = path.into_inner();
    let fields = body.into_inner().fields;
    let saved = as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
        service::save_review_form(c, ed, Some(&fields), Utc::now().naive_utc())?;
        view::current(c, ed.journal.id)
    })
    .await?;
    Ok(web::Json(FormBody {
        fields: saved.form,
        custom: saved.custom_form,
    }))
}

/// Goes back to the default journal review form (chief and managing editors).
#[utoipa::path(delete, path = "/api/v1/journals/{id}/review-form", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reset_review_form(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    as_editorial(&state, &user, id, JournalAction::ChangeSetup, |c, ed| {
        service::save_review_form(c, ed, None, Utc::now().naive_utc())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Adds a section (chief and managing editors).
#[utoipa::path(post, path = "/api/v1/journals/{id}/sections", tag = "journals", security(("bearer" = [])), request_body = SectionInput,
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 201, body = SectionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_section(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<SectionInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let spec = validate::section(&body.into_inner())?;
    let section = as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
        let sid = service::create_section(c, ed, &spec, Utc::now().naive_utc())?;
        one_section(c, ed.journal.id, sid)
    })
    .await?;
    Ok(HttpResponse::Created().json(section))
}

fn one_section(c: &mut crate::db::AnyConnection, journal: i64, section: i64) -> AppResult<SectionView> {
    view::sections(c, journal)?
        .into_iter()
        .find(|s| s.section.id == section)
        .ok_or(crate::error::AppError::NotFound)
}

/// Changes a section (chief and managing editors).
#[utoipa::path(put, path = "/api/v1/journals/{id}/sections/{section}", tag = "journals", security(("bearer" = [])), request_body = SectionInput,
    params(("id" = i64, Path, description = "journal id"), ("section" = i64, Path, description = "section id")),
    responses((status = 200, body = SectionView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_section(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: crate::web::json::Object<SectionInput>,
) -> AppResult<web::Json<SectionView>> {
    let (id, sid) = path.into_inner();
    let spec = validate::section(&body.into_inner())?;
    Ok(web::Json(
        as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
            service::update_section(c, ed, sid, &spec, Utc::now().naive_utc())?;
            one_section(c, ed.journal.id, sid)
        })
        .await?,
    ))
}

/// Removes a section (chief and managing editors); the last open section of a journal taking
/// manuscripts stays.
#[utoipa::path(delete, path = "/api/v1/journals/{id}/sections/{section}", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id"), ("section" = i64, Path, description = "section id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn delete_section(state: web::Data<AppState>, user: CurrentUser, path: web::Path<(i64, i64)>) -> AppResult<HttpResponse> {
    let (id, sid) = path.into_inner();
    as_editorial(&state, &user, id, JournalAction::ChangeSetup, move |c, ed| {
        service::delete_section(c, ed, sid)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What authors are told before submitting: guidelines, checklist, file rules and the open
/// sections (public; 404 while the journal takes no manuscripts).
#[utoipa::path(get, path = "/api/v1/journals/{id}/guidelines", tag = "journals",
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = SubmissionGuidelines), (status = 404, body = ErrorBody)))]
pub async fn guidelines(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<web::Json<SubmissionGuidelines>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                crate::journals::store::get(c, id)?;
                view::guidelines(c, id)
            })
            .await?,
    ))
}
