//! Indicator values: imported from CSV, or filled from this platform's published articles.

use crate::auth::CurrentUser;
use crate::catalogue::platform::FillReport;
use crate::error::{AppResult, ErrorBody};
use crate::guard::edition::as_committee;
use crate::journals::import::ImportReport;
use crate::web::AppState;
use actix_web::{HttpResponse, web};

/// Imports indicator values from CSV: all rows or none (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/indicator-values", tag = "catalogues", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"), params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = ImportReport), (status = 404, body = ErrorBody), (status = 422, body = ImportReport)))]
pub async fn import_indicators(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    req: actix_web::HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    crate::journals::api::csv_content_type(&req)?;
    let id = path.into_inner();
    // Authorize before reading the body; the import checks again in its transaction.
    as_committee(&state, &user, id, |_, _, _| Ok(())).await?;
    let body = crate::web::body::read_capped(&req, payload, crate::journals::import::MAX_BYTES, "file").await?;
    let report = as_committee(&state, &user, id, move |c, e, u| super::super::indicators::apply(c, e, u.id, &body)).await?;
    Ok(if report.errors.is_empty() {
        HttpResponse::Ok().json(report)
    } else {
        HttpResponse::UnprocessableEntity().json(report)
    })
}

/// Fills the indicators whose source is this platform from the field's journals' articles
/// published here in the year before the edition's (its committee).
#[utoipa::path(post, path = "/api/v1/catalogues/{id}/indicator-values/platform", tag = "catalogues", security(("bearer" = [])),
    params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, body = FillReport), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn fill_indicators(state: web::Data<AppState>, user: CurrentUser, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let report = as_committee(&state, &user, path.into_inner(), |c, e, u| {
        crate::catalogue::platform::fill(c, e, Some(u.id))
    })
    .await?;
    Ok(HttpResponse::Ok().json(report))
}
