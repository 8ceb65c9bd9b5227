//! Journals register API: public reading; organisers add, edit and import journals and fields.

use actix_web::{HttpResponse, web};

use super::import::{self, ImportReport};
use super::model::{Field, JournalView};
use super::policy;
use super::store::{self, RegisterPage, RegisterQuery};
use super::validate::{self, FieldInput, JournalInput};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;

/// The register, filtered and paged.
#[utoipa::path(get, path = "/api/v1/journals", tag = "journals", params(RegisterQuery),
    responses((status = 200, body = RegisterPage), (status = 422, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, query: web::Query<RegisterQuery>) -> AppResult<web::Json<RegisterPage>> {
    let q = query.into_inner();
    Ok(web::Json(state.db.run(move |c| store::list(c, &q)).await?))
}

/// One journal.
#[utoipa::path(get, path = "/api/v1/journals/{id}", tag = "journals", params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = JournalView), (status = 404, body = ErrorBody)))]
pub async fn get(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<web::Json<JournalView>> {
    let id = path.into_inner();
    Ok(web::Json(state.db.run(move |c| store::view(c, id)).await?))
}

/// Adds a journal (organisers).
#[utoipa::path(post, path = "/api/v1/journals", tag = "journals", security(("bearer" = [])), request_body = JournalInput,
    responses((status = 201, body = JournalView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(state: web::Data<AppState>, user: CurrentUser, body: web::Json<JournalInput>) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let view = state
        .db
        .tx(move |c| {
            policy::require_manage(c, &user.user)?;
            let spec = validate::journal(&input, &store::field_codes(c)?)?;
            let id = store::create(c, &spec)?;
            store::view(c, id)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Replaces a journal's basic data (organisers).
#[utoipa::path(put, path = "/api/v1/journals/{id}", tag = "journals", security(("bearer" = [])), request_body = JournalInput,
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = JournalView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<JournalInput>,
) -> AppResult<web::Json<JournalView>> {
    let id = path.into_inner();
    let input = body.into_inner();
    Ok(web::Json(
        state
            .db
            .tx(move |c| {
                policy::require_manage(c, &user.user)?;
                let spec = validate::journal(&input, &store::field_codes(c)?)?;
                store::update(c, id, &spec)?;
                store::view(c, id)
            })
            .await?,
    ))
}

/// Checks that a body is sent as a CSV file: a content type no HTML form can send, so
/// cross-site posts riding on a session cookie stay out.
pub fn csv_content_type(req: &actix_web::HttpRequest) -> AppResult<()> {
    let ct = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    if !ct.starts_with("text/csv") {
        return Err(AppError::BadRequest("send the file as text/csv".into()));
    }
    Ok(())
}

/// Imports journals from CSV: all rows or none, with a report per bad row (organisers).
#[utoipa::path(post, path = "/api/v1/journals/import", tag = "journals", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 403, body = ErrorBody), (status = 422, body = ImportReport)))]
pub async fn import_csv(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: actix_web::HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    csv_content_type(&req)?;
    // Authorize before reading the body; the import checks again in its transaction.
    let u = user.user.clone();
    state.db.run(move |c| policy::require_manage(c, &u)).await?;
    let body = crate::web::body::read_capped(&req, payload, import::MAX_BYTES, "file").await?;
    let report = state
        .db
        .tx(move |c| {
            policy::require_manage(c, &user.user)?;
            import::apply(c, &body)
        })
        .await?;
    Ok(if report.errors.is_empty() {
        HttpResponse::Ok().json(report)
    } else {
        HttpResponse::UnprocessableEntity().json(report)
    })
}

/// Every subject field.
#[utoipa::path(get, path = "/api/v1/fields", tag = "journals", responses((status = 200, body = Vec<Field>)))]
pub async fn fields(state: web::Data<AppState>) -> AppResult<web::Json<Vec<Field>>> {
    Ok(web::Json(state.db.run(store::all_fields).await?))
}

/// Adds a subject field (organisers).
#[utoipa::path(post, path = "/api/v1/fields", tag = "journals", security(("bearer" = [])), request_body = FieldInput,
    responses((status = 201, body = Field), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_field(state: web::Data<AppState>, user: CurrentUser, body: web::Json<FieldInput>) -> AppResult<HttpResponse> {
    let input = validate::field(&body)?;
    let f = state
        .db
        .tx(move |c| {
            policy::require_manage(c, &user.user)?;
            store::create_field(c, &input)
        })
        .await?;
    Ok(HttpResponse::Created().json(f))
}

/// The journal's staff: editors-in-chief, managing editors, section editors, editorial
/// assistants and board members (register keepers and the journal's staff).
#[utoipa::path(get, path = "/api/v1/journals/{id}/staff", tag = "journals", security(("bearer" = [])), params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = Vec<super::staff::Staff>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn staff(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<web::Json<Vec<super::staff::Staff>>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                store::get(c, id)?;
                if !super::staff::may_view(c, &user.user, id)? {
                    return Err(AppError::Forbidden);
                }
                super::staff::list(c, id)
            })
            .await?,
    ))
}

/// Adds someone by e-mail in a journal role (register keepers, the journal's chief and managing
/// editors, site administrators); they will not vote on the journal in catalogues, and votes
/// they cast on it in editions not yet published are withdrawn.
#[utoipa::path(post, path = "/api/v1/journals/{id}/staff", tag = "journals", security(("bearer" = [])), request_body = super::staff::StaffInput,
    params(("id" = i64, Path, description = "journal id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_staff(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<super::staff::StaffInput>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    state.db.tx(move |c| super::staff::add(c, &user.user, id, &input)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Removes someone's journal role (`?role=editor_in_chief`, `editor`, `section_editor`,
/// `editorial_assistant` or `board_member`): a site administrator or another chief or managing
/// editor of the journal, never the person themselves. A section editor's sections go with the role.
#[utoipa::path(delete, path = "/api/v1/journals/{id}/staff/{user}", tag = "journals", security(("bearer" = [])),
    params(("id" = i64, Path, description = "journal id"), ("user" = i64, Path, description = "account id"), ("role" = inline(crate::web::openapi::params::StaffRole), Query, description = "the journal role")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove_staff(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> AppResult<HttpResponse> {
    let (id, who) = path.into_inner();
    let role = query.get("role").cloned().unwrap_or_default();
    state.db.tx(move |c| super::staff::remove(c, &user.user, id, who, &role)).await?;
    Ok(HttpResponse::NoContent().finish())
}
