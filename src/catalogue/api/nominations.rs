//! Nominating journals for an edition.

use super::super::validate::JournalReason;
use super::super::{nominations, store};
use crate::auth::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::web::AppState;
use actix_web::{HttpResponse, web};
use chrono::Utc;

/// Nominates a journal of the field (any logged-in person, once per journal, while nominations are open).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/nominations", tag = "catalogues", security(("bearer" = [])), request_body = JournalReason,
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 201), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn nominate(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: crate::web::json::Object<JournalReason>,
) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let input = body.into_inner();
    state
        .db
        .tx(move |c| {
            let e = store::by_id(c, id)?;
            nominations::nominate(c, &e, user.user.id, input.journal, &input.reason, Utc::now().naive_utc())
        })
        .await?;
    Ok(HttpResponse::Created().finish())
}
