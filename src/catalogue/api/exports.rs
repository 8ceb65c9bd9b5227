//! Published catalogues as CSV and XLSX, comparisons between editions, a journal's history.

use super::super::published::export;
use super::super::store;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::AppState;
use crate::web::sheets::download;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

/// The catalogue's entries as CSV, at a stable URL (from public notice on).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/entries.csv", tag = "catalogues", params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = ErrorBody)))]
pub async fn entries_csv(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (b, ct, name) = state
        .db
        .run(move |c| {
            let e = store::by_id(c, id)?;
            export(c, &e, "csv")
        })
        .await?;
    Ok(download(b, ct, &name))
}

/// The catalogue's entries as XLSX (from public notice on).
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/entries.xlsx", tag = "catalogues", params(("id" = i64, Path, description = "edition id")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn entries_xlsx(state: web::Data<AppState>, path: web::Path<i64>) -> AppResult<HttpResponse> {
    let id = path.into_inner();
    let (b, ct, name) = state
        .db
        .run(move |c| {
            let e = store::by_id(c, id)?;
            export(c, &e, "xlsx")
        })
        .await?;
    Ok(download(b, ct, &name))
}

/// `?from=` names the earlier edition.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
pub struct DiffParams {
    /// Id of the edition to compare with.
    #[param(value_type = Option<i64>)]
    pub from: Option<String>,
}

/// What changed from another public edition to this one: new, removed, moved up, moved down.
#[utoipa::path(get, path = "/api/v1/catalogues/{id}/diff", tag = "catalogues", params(("id" = i64, Path, description = "edition id"), DiffParams),
    responses((status = 200, body = super::super::published::Comparison), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn diff(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<DiffParams>,
) -> AppResult<web::Json<super::super::published::Comparison>> {
    let id = path.into_inner();
    let mut bad = crate::error::FieldErrors::new();
    let from = crate::web::params::number(&query.from, "from", 1, i64::MAX, "validation.edition_id", &mut bad);
    let Some(from) = from else {
        bad.entry("from".into()).or_insert("validation.edition_id".into());
        return Err(AppError::Validation { fields: bad });
    };
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                let to = store::by_id(c, id)?;
                let from = store::by_id(c, from)?;
                super::super::published::compare(c, &from, &to)
            })
            .await?,
    ))
}

/// A journal's tiers in every public edition, newest first.
#[utoipa::path(get, path = "/api/v1/journals/{id}/catalogues", tag = "catalogues", params(("id" = i64, Path, description = "journal id")),
    responses((status = 200, body = Vec<super::super::published::HistoryLine>), (status = 404, body = ErrorBody)))]
pub async fn journal_history(
    state: web::Data<AppState>,
    path: web::Path<i64>,
) -> AppResult<web::Json<Vec<super::super::published::HistoryLine>>> {
    let id = path.into_inner();
    Ok(web::Json(
        state
            .db
            .run(move |c| {
                crate::journals::store::get(c, id)?;
                super::super::published::history(c, id)
            })
            .await?,
    ))
}
